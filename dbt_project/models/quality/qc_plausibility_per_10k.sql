-- Per-10k values against the region's population (seed regions.population_2020): the implied
-- count = value × population / 10,000. Error when the implied count exceeds the population itself
-- (more than one per resident); warning when the region states the count itself (the metric of the
-- same object and measure without a denominator, same year and kind) and the implied count differs
-- from it by more than a factor of 2 — both cannot be true for that population.

with

values_ as (

    select * from {{ ref('fct_indicator_value') }}

),

observations as (

    select * from {{ ref('fct_indicator_observation') }}

),

metrics as (

    select * from {{ ref('dim_metric') }}

),

regions as (

    select * from {{ ref('dim_region') }}

),

-- per-10k metric → the count metric of the same object, measure and scope without a denominator
count_metrics as (

    select per_10k.metric_id as per_10k_metric_id, counts.metric_id as count_metric_id,
    from metrics as per_10k
    inner join metrics as counts
        on per_10k.ip_object = counts.ip_object
        and per_10k.measure = counts.measure
        and counts.is_additive
        and coalesce(counts.denominator, 'none') in ('none', '')
        and coalesce(counts.scope, '') = coalesce(per_10k.scope, '')
    where per_10k.denominator = 'per_10k_pop'
    qualify row_number() over (partition by per_10k.metric_id order by counts.metric_id) = 1

),

per_10k_values as (

    select
        values_.*,
        regions.population_2020,
        values_.value * regions.population_2020 / 10000 as implied_count,
        count_metrics.count_metric_id,
    from values_
    inner join metrics
        on values_.metric_id = metrics.metric_id
    inner join regions
        on values_.region_code = regions.region_code
    left join count_metrics
        on values_.metric_id = count_metrics.per_10k_metric_id
    where metrics.denominator = 'per_10k_pop'
        and values_.value_kind in ('actual', 'target')
        and values_.value is not null
        and regions.population_2020 > 0

),

with_counts as (

    select
        per_10k_values.*,
        counts.value as stated_count,
        counts.observation_id as count_observation_id,
    from per_10k_values
    left join values_ as counts
        on counts.region_code = per_10k_values.region_code
        and counts.metric_id = per_10k_values.count_metric_id
        and counts.year = per_10k_values.year
        and counts.value_kind = per_10k_values.value_kind
        and counts.value > 0
    qualify row_number() over (partition by per_10k_values.observation_id order by counts.basis = 'stock' desc, counts.observation_id) = 1

),

impossible as (

    select
        with_counts.*,
        observations.indicator_label,
        case
            when implied_count > population_2020 then 'error'
            when stated_count is not null
                and (implied_count > 2 * stated_count or implied_count < stated_count / 2) then 'warning'
        end as severity,
    from with_counts
    inner join observations
        on with_counts.observation_id = observations.observation_id

),

final as (

    select
        'plausibility_per_10k:' || observation_id as finding_id,
        'plausibility_per_10k' as check_name,
        severity,
        region_code,
        region_name,
        metric_id,
        year,
        value_kind,
        basis,
        indicator_label || ' = ' || regexp_replace(cast(round(value, 6) as varchar), '\.0$', '')
            || ' per 10,000 residents implies ' || cast(round(implied_count) as bigint) || ' for the population of '
            || population_2020
            || case severity
                when 'error' then ', more than one per resident: impossible'
                else ' (' || year || ' ' || value_kind || '), but the count stated is '
                    || regexp_replace(cast(round(stated_count, 6) as varchar), '\.0$', '')
                    || '; both cannot be true'
            end as details,
        case severity
            when 'error' then [observation_id]
            else [observation_id, count_observation_id]
        end as observation_ids,
    from impossible
    where severity is not null

)

select * from final
