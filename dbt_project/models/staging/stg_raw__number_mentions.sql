with

source as (

    select * from {{ source('raw', 'number_mentions') }}

),

renamed as (

    select
        cast(document_id as varchar) as document_id,
        cast(mention_no as integer) as mention_no,
        cast(source_kind as varchar) as source_kind,
        cast(line_no as integer) as line_no,
        cast(table_no as integer) as table_no,
        cast(row_no as integer) as row_no,
        cast(col_no as integer) as col_no,
        cast(text as varchar) as number_text,
        cast(is_read as boolean) as is_read,
        cast(reason as varchar) as reason,
        -- ranks, serial numbers and years are not indicator values: outside the coverage share
        coalesce(reason in ('rank', 'serial_number', 'year'), false) as is_not_a_value,
    from source

)

select * from renamed
