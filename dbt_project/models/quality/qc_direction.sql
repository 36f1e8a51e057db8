-- Direction: a target below the baseline for a higher-is-better metric (or above it for a
-- lower-is-better one), per region × metric × basis of the benchmark.

with

benchmark as (

    select * from {{ ref('mart_region_benchmark') }}

),

metrics as (

    select * from {{ ref('dim_metric') }}

),

region_values as (

    select * from {{ ref('fct_indicator_value') }}

),

backwards as (

    select
        benchmark.*,
        metrics.direction,
    from benchmark
    inner join metrics
        on benchmark.metric_id = metrics.metric_id
    where benchmark.baseline_value is not null
        and benchmark.target_value is not null
        -- a target for the baseline year itself (十三五目标值 vs 实际完成值) was exceeded, not set backwards
        and benchmark.target_year > benchmark.baseline_year
        and (
            (metrics.direction = 'higher_better'
                and benchmark.target_value < benchmark.baseline_value
                    - 1e-6 * greatest(1, abs(benchmark.baseline_value)))
            or (metrics.direction = 'lower_better'
                and benchmark.target_value > benchmark.baseline_value
                    + 1e-6 * greatest(1, abs(benchmark.baseline_value)))
        )

),

final as (

    select
        'direction:' || backwards.region_code || ':' || backwards.metric_id || ':' || backwards.basis
            as finding_id,
        'direction' as check_name,
        'warning' as severity,
        backwards.region_code,
        backwards.region_name,
        backwards.metric_id,
        backwards.target_year as year,
        'target' as value_kind,
        backwards.basis,
        'The ' || backwards.target_year || ' target for ' || backwards.metric_name_zh || ' ('
            || coalesce(nullif(backwards.target_qualifier, '') || ' ', '')
            || regexp_replace(cast(round(backwards.target_value, 6) as varchar), '\.0$', '')
            || coalesce(' ' || backwards.unit, '') || ') is '
            || case backwards.direction when 'higher_better' then 'below' else 'above' end
            || ' the ' || backwards.baseline_year || ' baseline ('
            || regexp_replace(cast(round(backwards.baseline_value, 6) as varchar), '\.0$', '')
            || coalesce(' ' || backwards.unit, '') || ') although '
            || case backwards.direction when 'higher_better' then 'higher' else 'lower' end
            || ' is better' as details,
        list_distinct([baseline.observation_id, target.observation_id]) as observation_ids,
    from backwards
    left join region_values as baseline
        on backwards.region_code = baseline.region_code
        and backwards.metric_id = baseline.metric_id
        and backwards.baseline_year = baseline.year
        and baseline.value_kind = 'actual'
        and backwards.basis = baseline.basis
    left join region_values as target
        on backwards.region_code = target.region_code
        and backwards.metric_id = target.metric_id
        and backwards.target_year = target.year
        and target.value_kind = 'target'
        and backwards.basis = target.basis

)

select * from final
