with

regions as (

    select * from {{ ref('regions') }}

),

final as (

    select
        region_code,
        name_zh,
        name_en,
        level,
        parent_code,
        population_2020,
        source,
    from regions

)

select * from final
