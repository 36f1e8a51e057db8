with

regions as (

    select * from {{ ref('regions') }}

),

aliases as (

    select * from {{ ref('region_aliases') }}

),

former_codes as (

    select
        region_code,
        list(former_code order by former_code) as former_codes,
    from aliases
    group by region_code

),

final as (

    select
        regions.region_code,
        regions.name_zh,
        regions.name_en,
        regions.level,
        -- a province's parent is the country (000000, issue 22), so provinces compare with national figures
        case when regions.level = 'province' then '000000' else regions.parent_code end as parent_code,
        regions.population_2020,
        regions.source,
        regions.short_name,
        -- the province every unit rolls up to (a county → its city → its province)
        -- (the country's own row: 000000)
        left(regions.region_code, 2) || '0000' as province_code,
        coalesce(former_codes.former_codes, []::varchar[]) as former_codes,
    from regions
    left join former_codes
        on regions.region_code = former_codes.region_code

)

select * from final
