with

source as (

    select * from {{ source('raw', 'tables') }}

),

renamed as (

    select
        cast(document_id as varchar) as document_id,
        cast(table_no as integer) as table_no,
        cast(layout as varchar) as layout,
        cast(caption as varchar) as caption,
        cast(caption_line as integer) as caption_line,
        cast(start_line as integer) as start_line,
        cast(end_line as integer) as end_line,
        cast(n_rows as integer) as n_rows,
        cast(n_cols as integer) as n_cols,
        cast(header as varchar) as header,
        cast(is_indicator as boolean) as is_indicator,
        cast(kind as varchar) as table_kind,

    from source

)

select * from renamed
