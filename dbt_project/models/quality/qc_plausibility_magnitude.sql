-- Plausibility of magnitude: a count or amount written without 万/亿 whose value is at least
-- 1000 times smaller than the median of its peers (same metric and basis, regions of the same
-- level, at least two other figures): likely a dropped multiplier.

with

observations as (

    select * from {{ ref('fct_indicator_observation') }}

),

metrics as (

    select * from {{ ref('dim_metric') }}

),

additive as (

    select observations.*
    from observations
    inner join metrics
        on observations.metric_id = metrics.metric_id
    where metrics.is_additive
        and observations.value is not null

),

with_peers as (

    select
        figure.observation_id,
        any_value(figure.region_code) as region_code,
        any_value(figure.region_name) as region_name,
        any_value(figure.region_level) as region_level,
        any_value(figure.metric_id) as metric_id,
        any_value(figure.indicator_label) as indicator_label,
        any_value(figure.year) as year,
        any_value(figure.value_kind) as value_kind,
        any_value(figure.basis) as basis,
        any_value(figure.value) as value,
        any_value(figure.raw_value) as raw_value,
        any_value(figure.raw_unit) as raw_unit,
        count(*) as n_peers,
        median(peer.value) as peer_median,
    from additive as figure
    inner join additive as peer
        on figure.metric_id = peer.metric_id
        and figure.basis = peer.basis
        and figure.region_level = peer.region_level
        and figure.observation_id <> peer.observation_id
    where figure.value > 0
        and coalesce(figure.raw_unit, '') not like '%万%'
        and coalesce(figure.raw_unit, '') not like '%亿%'
    group by figure.observation_id

),

suspicious as (

    select * from with_peers
    where n_peers >= 2
        and peer_median >= 1000 * value

),

final as (

    select
        'plausibility_magnitude:' || observation_id as finding_id,
        'plausibility_magnitude' as check_name,
        'warning' as severity,
        region_code,
        region_name,
        metric_id,
        year,
        value_kind,
        basis,
        indicator_label || ' = ' || raw_value || coalesce(raw_unit, '')
            || ' is over 1000 times below the median of ' || n_peers || ' other '
            || region_level || '-level figures of this metric ('
            || regexp_replace(cast(round(peer_median, 6) as varchar), '\.0$', '')
            || '); a 万 or 亿 may be missing' as details,
        [observation_id] as observation_ids,
    from suspicious

)

select * from final
