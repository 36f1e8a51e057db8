-- Hierarchy: an additive stock or flow of a county or city that exceeds the value of one of its
-- ancestors (city, province) for the same metric, year, kind and basis.

with recursive

ancestry as (

    select
        region_code,
        parent_code as ancestor_code,
        1 as depth,
    from {{ ref('dim_region') }}
    where parent_code is not null

    union all

    select
        ancestry.region_code,
        regions.parent_code as ancestor_code,
        ancestry.depth + 1 as depth,
    from ancestry
    inner join {{ ref('dim_region') }} as regions
        on ancestry.ancestor_code = regions.region_code
    where regions.parent_code is not null
        and ancestry.depth < 5

),

region_values as (

    select * from {{ ref('fct_indicator_value') }}

),

metrics as (

    select * from {{ ref('dim_metric') }}

),

regions as (

    select * from {{ ref('dim_region') }}

),

additive_values as (

    select
        region_values.*,
        metrics.name_zh as metric_name_zh,
    from region_values
    inner join metrics
        on region_values.metric_id = metrics.metric_id
    where metrics.is_additive
        and metrics.measure_type in ('stock', 'flow')
        and region_values.basis <> 'ratio'
        and region_values.value is not null

),

exceeding as (

    select
        child.region_code,
        child.metric_id,
        child.metric_name_zh,
        child.year,
        child.value_kind,
        child.basis,
        child.unit,
        child.value as child_value,
        child.observation_id as child_observation_id,
        parent.region_code as ancestor_code,
        parent.value as ancestor_value,
        parent.observation_id as ancestor_observation_id,
    from additive_values as child
    inner join ancestry
        on child.region_code = ancestry.region_code
    inner join additive_values as parent
        on ancestry.ancestor_code = parent.region_code
        and child.metric_id = parent.metric_id
        and child.year = parent.year
        and child.value_kind = parent.value_kind
        and child.basis = parent.basis
    where child.value > parent.value + 1e-6 * greatest(1, abs(parent.value))
        -- "at least X" for the ancestor and "at most X" for the child cannot be contradicted
        and coalesce(parent.qualifier, '') <> '>='
        and coalesce(child.qualifier, '') <> '<='

),

final as (

    select
        'hierarchy:' || exceeding.region_code || ':' || exceeding.ancestor_code || ':' || exceeding.metric_id
            || ':' || exceeding.year || ':' || exceeding.value_kind || ':' || exceeding.basis as finding_id,
        'hierarchy' as check_name,
        'warning' as severity,
        exceeding.region_code,
        child_region.name_zh as region_name,
        exceeding.metric_id,
        exceeding.year,
        exceeding.value_kind,
        exceeding.basis,
        child_region.name_zh || ' states ' || exceeding.metric_name_zh || ' = '
            || regexp_replace(cast(round(exceeding.child_value, 6) as varchar), '\.0$', '')
            || coalesce(' ' || exceeding.unit, '')
            || ', more than ' || ancestor_region.name_zh || ' ('
            || regexp_replace(cast(round(exceeding.ancestor_value, 6) as varchar), '\.0$', '')
            || coalesce(' ' || exceeding.unit, '') || ') for ' || exceeding.year || ' '
            || exceeding.value_kind || ', ' || exceeding.basis
            || '; a part cannot exceed the whole for an additive quantity' as details,
        [exceeding.child_observation_id, exceeding.ancestor_observation_id] as observation_ids,
    from exceeding
    inner join regions as child_region
        on exceeding.region_code = child_region.region_code
    inner join regions as ancestor_region
        on exceeding.ancestor_code = ancestor_region.region_code

)

select * from final
