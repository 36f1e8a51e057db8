-- Plausibility of ranges: percentages outside 0–100 (error) and stated per-10k ratios
-- (每万人…) below 0 or above 1000 (warning), one finding per level observation (changes are not levels).

with

observations as (

    select * from {{ ref('fct_indicator_observation') }}

),

metrics as (

    select * from {{ ref('dim_metric') }}

),

classified as (

    select
        observations.*,
        case
            when observations.unit = '%' or observations.raw_unit = '%' then 'percent'
            when observations.indicator_key like '每万人%'
                or metrics.name_zh like '每万人%' then 'per_10k'
        end as range_kind,
    from observations
    left join metrics
        on observations.metric_id = metrics.metric_id
    where observations.value is not null
        and observations.value_kind in ('actual', 'target')  -- levels only: a change (增长186%) may exceed 100

),

out_of_range as (

    select * from classified
    where (range_kind = 'percent' and (value < 0 or value > 100))
        or (range_kind = 'per_10k' and (value < 0 or value > 1000))

),

final as (

    select
        'plausibility_range:' || observation_id as finding_id,
        'plausibility_range' as check_name,
        case range_kind when 'percent' then 'error' else 'warning' end as severity,
        region_code,
        region_name,
        metric_id,
        year,
        value_kind,
        basis,
        indicator_label || ' = ' || regexp_replace(cast(round(value, 6) as varchar), '\.0$', '')
            || coalesce(' ' || unit, '') || ' is outside the plausible range '
            || case range_kind
                when 'percent' then '0-100 for a percentage'
                else '0-1000 for a ratio per 10,000 residents'
            end as details,
        [observation_id] as observation_ids,
    from out_of_range

)

select * from final
