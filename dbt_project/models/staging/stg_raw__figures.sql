with

source as (

    select * from {{ source('raw', 'figures') }}

),

renamed as (

    select
        cast(document_id as varchar) as document_id,
        cast(figure_no as integer) as figure_no,
        cast(source_kind as varchar) as source_kind,
        cast(table_no as integer) as table_no,
        cast(row_no as integer) as row_no,
        cast(col_no as integer) as col_no,
        cast(source_line as integer) as source_line,
        cast(indicator_label as varchar) as indicator_label,
        cast(indicator_key as varchar) as indicator_key,
        cast(category_label as varchar) as category_label,
        cast(column_label as varchar) as column_label,
        cast(raw_value as varchar) as raw_value,
        cast(value_number as double) as value_number,
        coalesce(cast(multiplier as varchar), '') as multiplier,
        coalesce(cast(raw_unit as varchar), '') as raw_unit,
        cast(year as integer) as year,
        cast(value_kind as varchar) as value_kind,
        coalesce(cast(qualifier as varchar), '') as qualifier,
        cast(qualifier_text as varchar) as qualifier_text,
        coalesce(cast(basis_hint as varchar), '') as basis_hint,
        cast(period_start as integer) as period_start,
        cast(period_end as integer) as period_end,
        cast(indicator_attr as varchar) as indicator_attr,
        cast(source_text as varchar) as source_text,
        -- the figure's own region (issue 22); rows written before it have neither: the document's region
        cast(region_code as varchar) as figure_region_code,
        coalesce(cast(region_source as varchar), 'document') as region_source,

    from source

)

select * from renamed
