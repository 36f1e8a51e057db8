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

-- one pass per peer group (a window, not a self-join: groups hold thousands of figures at scale);
-- the figure itself counts in the median, which does not move it for a figure 1000x below its peers
with_peers as (

    select
        *,
        count(*) over peers - 1 as n_peers,
        median(value) over peers as peer_median,
    from additive
    window peers as (partition by metric_id, basis, region_level)

),

suspicious as (

    select * from with_peers
    where value > 0
        and coalesce(raw_unit, '') not like '%万%'
        and coalesce(raw_unit, '') not like '%亿%'
        and n_peers >= 2
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
            || ' is over 1000 times below the median of the ' || (n_peers + 1) || ' '
            || coalesce(region_level || '-level', 'region-unknown') || ' figures of this metric ('
            || regexp_replace(cast(round(peer_median, 6) as varchar), '\.0$', '')
            || '); a 万 or 亿 may be missing' as details,
        [observation_id] as observation_ids,
    from suspicious

)

select * from final
