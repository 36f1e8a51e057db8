-- Totals: annual figures of one region × indicator compared with the period total stated for
-- the same indicator and kind (a cumulative figure with a period: 试点期内 / 十三五期间累计). Warning when they do not add up,
-- info (a confirmation) when they do.

with

observations as (

    select * from {{ ref('fct_indicator_observation') }}

),

keyed as (

    select
        *,
        coalesce(metric_id, 'unmapped:' || indicator_key) as metric_key,
    from observations
    where value is not null
        and region_code is not null

),

period_totals as (

    select * from keyed
    where basis = 'cumulative'
        and period_start is not null
        and period_end is not null
        and period_end > period_start

),

-- one annual figure per region × indicator × year × kind: the authoritative one, tables first
annual as (

    select * from keyed
    where basis = 'annual'
        and year is not null
    qualify row_number() over (
        partition by region_code, metric_key, year, value_kind
        order by is_authoritative desc, source_kind = 'table' desc, observation_id
    ) = 1

),

matched as (

    select
        period_totals.observation_id as total_observation_id,
        any_value(period_totals.region_code) as region_code,
        any_value(period_totals.region_name) as region_name,
        any_value(period_totals.metric_id) as metric_id,
        any_value(period_totals.indicator_label) as indicator_label,
        any_value(period_totals.year) as year,
        any_value(period_totals.value_kind) as value_kind,
        any_value(period_totals.basis) as basis,
        any_value(period_totals.value) as total_value,
        any_value(period_totals.qualifier) as total_qualifier,
        any_value(period_totals.unit) as unit,
        any_value(period_totals.period_start) as period_start,
        any_value(period_totals.period_end) as period_end,
        count(*) as n_years,
        min(annual.year) as first_year,
        max(annual.year) as last_year,
        sum(annual.value) as annual_sum,
        string_agg(
            regexp_replace(cast(round(annual.value, 6) as varchar), '\.0$', ''), ' + ' order by annual.year
        ) as annual_terms,
        list(annual.observation_id order by annual.year) as annual_observation_ids,
    from period_totals
    inner join annual
        on period_totals.region_code = annual.region_code
        and period_totals.metric_key = annual.metric_key
        and period_totals.value_kind = annual.value_kind
        and annual.year between period_totals.period_start and period_totals.period_end
    group by period_totals.observation_id
    having count(*) >= 2

),

judged as (

    select
        *,
        abs(annual_sum - total_value) <= 1e-6 * greatest(1, abs(annual_sum), abs(total_value))
            or (total_qualifier = '>=' and annual_sum >= total_value)
            or (total_qualifier = '<=' and annual_sum <= total_value) as adds_up,
    from matched

),

final as (

    select
        'totals:' || total_observation_id as finding_id,
        'totals' as check_name,
        case when adds_up then 'info' else 'warning' end as severity,
        region_code,
        region_name,
        metric_id,
        year,
        value_kind,
        basis,
        case when adds_up
            then 'Annual figures add up to the period total for '
            else 'Annual figures do not add up to the period total for '
        end
            || indicator_label || ': '
            || annual_terms || ' = ' || regexp_replace(cast(round(annual_sum, 6) as varchar), '\.0$', '')
            || ' (' || first_year || '-' || last_year || ', ' || value_kind || ') vs '
            || case total_qualifier when '' then '' else total_qualifier || ' ' end
            || regexp_replace(cast(round(total_value, 6) as varchar), '\.0$', '')
            || coalesce(' ' || unit, '')
            || ' stated for ' || period_start || '-' || period_end as details,
        list_prepend(total_observation_id, annual_observation_ids) as observation_ids,
    from judged

)

select * from final
