-- Unit slips (万件 read as 件, 亿元 as 万元): an authoritative value at least 100 times above or
-- below the median of its neighbours — the same region's other years of the metric and basis when
-- it states any, else the regions of the same level (two or more other figures of the metric and
-- basis); with a single other figure of its own, both are listed (one of the two is wrong).
-- Values already flagged as a dropped 万/亿 (qc_plausibility_magnitude) are neither repeated nor used as neighbours.

with

values_ as (

    select * from {{ ref('fct_indicator_value') }}

),

observations as (

    select * from {{ ref('fct_indicator_observation') }}

),

already_flagged as (

    select unnest(observation_ids) as observation_id
    from {{ ref('qc_plausibility_magnitude') }}

),

levels as (

    select * from values_
    where value_kind in ('actual', 'target')
        and value > 0

),

-- the same region's other figures of the metric and basis (other years or kinds): a small self-join
own_series as (

    select
        figure.observation_id,
        count(*) as n_own,
        median(other.value) as own_median,
    from levels as figure
    inner join levels as other
        on figure.region_code = other.region_code
        and figure.metric_id = other.metric_id
        and figure.basis = other.basis
        and figure.observation_id <> other.observation_id
    where other.observation_id not in (select observation_id from already_flagged)  -- a known slip is no yardstick
    group by figure.observation_id

),

-- the regions of the same level: one window pass; the median includes the figure itself, which
-- cannot pull it within 100 times of a value 100 times away from two or more others
with_neighbours as (

    select
        levels.*,
        coalesce(own_series.n_own, 0) as n_own,
        own_series.own_median,
        count(*) over level_peers - 1 as n_peers,
        median(levels.value) over level_peers as peer_median,
    from levels
    left join own_series
        on levels.observation_id = own_series.observation_id
    window level_peers as (partition by levels.metric_id, levels.basis, levels.region_level)

),

compared as (

    select
        *,
        case when n_own >= 1 then own_median when n_peers >= 2 then peer_median end as neighbour_median,
        case when n_own >= 1 then 'own' when n_peers >= 2 then 'level' end as neighbours,
    from with_neighbours

),

suspicious as (

    select compared.*, observations.indicator_label,
    from compared
    inner join observations
        on compared.observation_id = observations.observation_id
    where compared.neighbour_median > 0
        and (compared.value >= 100 * compared.neighbour_median or 100 * compared.value <= compared.neighbour_median)
        and compared.observation_id not in (select observation_id from already_flagged)

),

final as (

    select
        'plausibility_scale:' || observation_id as finding_id,
        'plausibility_scale' as check_name,
        'warning' as severity,
        region_code,
        region_name,
        metric_id,
        year,
        value_kind,
        basis,
        indicator_label || ' = ' || raw_value || coalesce(raw_unit, '') || ' is over 100 times '
            || case when value > neighbour_median then 'above' else 'below' end
            || ' the median of '
            || case neighbours
                when 'own' then 'the other figures of this region and metric (' || n_own || ')'
                else 'the ' || n_peers || ' other ' || coalesce(region_level || '-level', 'region-unknown') || ' figures of this metric'
            end
            || ' (' || regexp_replace(cast(round(neighbour_median, 6) as varchar), '\.0$', '') || coalesce(' ' || unit, '')
            || '); a unit may be misread (万件 as 件)' as details,
        [observation_id] as observation_ids,
    from suspicious

)

select * from final
