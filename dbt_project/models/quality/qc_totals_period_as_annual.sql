-- A period total next to annual values: an annual figure of a flow metric (grants, applications,
-- amounts per year) at least 3 times the median of the other annual figures of the same region and
-- metric within five years (4 times when it has a single neighbour) and at most 20 times (beyond that it is
-- a unit slip, see qc_plausibility_scale): most likely a five-year or plan-period sum read as one year.

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

annual_flows as (

    select values_.*
    from values_
    inner join metrics
        on values_.metric_id = metrics.metric_id
    where metrics.measure_type = 'flow'
        and values_.basis = 'annual'
        and values_.value_kind in ('actual', 'target')
        and values_.year is not null
        and values_.value > 0

),

with_neighbours as (

    select
        figure.observation_id,
        count(*) as n_neighbours,
        median(neighbour.value) as neighbour_median,
        string_agg(
            regexp_replace(cast(round(neighbour.value, 6) as varchar), '\.0$', '') || ' (' || neighbour.year || ' '
                || neighbour.value_kind || ')', ', ' order by neighbour.year, neighbour.value_kind
        ) as neighbour_terms,
        list(neighbour.observation_id order by neighbour.year, neighbour.value_kind) as neighbour_ids,
    from annual_flows as figure
    inner join annual_flows as neighbour
        on figure.region_code = neighbour.region_code
        and figure.metric_id = neighbour.metric_id
        and figure.observation_id <> neighbour.observation_id
        and abs(figure.year - neighbour.year) between 1 and 5
    group by figure.observation_id

),

suspicious as (

    select annual_flows.*, with_neighbours.* exclude (observation_id), observations.indicator_label,
        annual_flows.value / with_neighbours.neighbour_median as ratio,
    from annual_flows
    inner join with_neighbours
        on annual_flows.observation_id = with_neighbours.observation_id
    inner join observations
        on annual_flows.observation_id = observations.observation_id
    where annual_flows.value >= 3 * with_neighbours.neighbour_median
        and annual_flows.value <= 20 * with_neighbours.neighbour_median
        and (with_neighbours.n_neighbours >= 2 or annual_flows.value >= 4 * with_neighbours.neighbour_median)

),

final as (

    select
        'totals_period_as_annual:' || observation_id as finding_id,
        'totals_period_as_annual' as check_name,
        'warning' as severity,
        region_code,
        region_name,
        metric_id,
        year,
        value_kind,
        basis,
        indicator_label || ' = ' || regexp_replace(cast(round(value, 6) as varchar), '\.0$', '') || coalesce(' ' || unit, '')
            || ' (' || year || ' ' || value_kind || ', annual) is ' || cast(round(ratio, 1) as varchar)
            || ' times the median annual value of this metric within five years: ' || neighbour_terms
            || '; it looks like a period total (a five-year sum) read as one year' as details,
        list_prepend(observation_id, neighbour_ids) as observation_ids,
    from suspicious

)

select * from final
