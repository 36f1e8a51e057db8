with

mapped as (

    select * from {{ ref('int_figures__mapped') }}

),

units as (

    select
        coalesce(raw_unit, '') as raw_unit,
        coalesce(unit, '') as unit,
        factor,
        dimension,
    from {{ ref('units') }}

),

metrics as (

    select * from {{ ref('metrics') }}

),

converted as (

    select
        mapped.*,
        metrics.measure_type,
        units.raw_unit is not null as is_unit_known,
        coalesce(units.factor, 1.0) as unit_factor,
        mapped.value_number * coalesce(units.factor, 1.0) as value,
        case
            -- unit not in the seed: keep it as written, unconverted
            when units.raw_unit is null then mapped.raw_unit
            -- counts (件/个/家/项…) take the metric's own count word, so 376件 and 376个 compare
            when units.dimension = 'count' and metric_units.dimension = 'count' then metrics.canonical_unit
            else units.unit
        end as unit,

    from mapped
    left join units
        on mapped.raw_unit = units.raw_unit
    left join metrics
        on mapped.metric_id = metrics.metric_id
    left join units as metric_units
        on metrics.canonical_unit = metric_units.raw_unit

)

select * from converted
