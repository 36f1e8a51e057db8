-- Overdue targets (到期未报告实际值): a target whose year has passed (earlier than the build's
-- calendar year) while no document in the warehouse reports an actual of that region, metric and
-- year in any basis. The benchmark shows such a target as year_passed_no_actual, never achieved.

with

values_ as (

    select * from {{ ref('fct_indicator_value') }}

),

observations as (

    select * from {{ ref('fct_indicator_observation') }}

),

actual_years as (

    select distinct region_code, metric_id, year
    from values_
    where value_kind = 'actual' and year is not null

),

overdue as (

    select values_.*
    from values_
    left join actual_years
        on values_.region_code = actual_years.region_code
        and values_.metric_id = actual_years.metric_id
        and values_.year = actual_years.year
    where values_.value_kind = 'target'
        and values_.year < {{ as_of_year() }}
        and actual_years.year is null

),

labelled as (

    select overdue.*, observations.indicator_label,
    from overdue
    inner join observations
        on overdue.observation_id = observations.observation_id

),

final as (

    select
        'coverage_overdue_target:' || region_code || ':' || metric_id || ':' || year || ':' || basis as finding_id,
        'coverage_overdue_target' as check_name,
        'info' as severity,
        region_code,
        region_name,
        metric_id,
        year,
        value_kind,
        basis,
        'The ' || year || ' target for ' || indicator_label || ' ('
            || case coalesce(qualifier, '') when '' then '' else qualifier || ' ' end
            || regexp_replace(cast(round(value, 6) as varchar), '\.0$', '') || coalesce(' ' || unit, '')
            || ') is past its year and no ' || year || ' actual is reported anywhere in the warehouse' as details,
        [observation_id] as observation_ids,
    from labelled

)

select * from final
