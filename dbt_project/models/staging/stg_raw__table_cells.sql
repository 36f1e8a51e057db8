with

source as (

    select * from {{ source('raw', 'table_cells') }}

),

renamed as (

    select
        cast(document_id as varchar) as document_id,
        cast(table_no as integer) as table_no,
        cast(row_no as integer) as row_no,
        cast(col_no as integer) as col_no,
        cast(source_line as integer) as source_line,
        cast(text as varchar) as cell_text,
        cast(is_filled as boolean) as is_filled,
        cast(source_ref as varchar) as source_ref,

    from source

)

select * from renamed
