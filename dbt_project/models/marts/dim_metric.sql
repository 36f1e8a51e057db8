with

metrics as (

    select * from {{ ref('metrics') }}

),

aliases as (

    select * from {{ ref('metric_aliases') }}

),

alias_counts as (

    select
        metric_id,
        count(*) as n_aliases,
    from aliases
    group by metric_id

),

final as (

    select
        metrics.metric_id,
        metrics.name_zh,
        metrics.name_en,
        metrics.category,
        metrics.category_zh,
        metrics.canonical_unit,
        metrics.measure_type,
        metrics.direction,
        metrics.is_additive,
        metrics.definition,
        coalesce(alias_counts.n_aliases, 0) as n_aliases,
        metrics.ip_object,
        metrics.measure,
        coalesce(metrics.denominator, 'none') as denominator,
        coalesce(metrics.scope, 'region') as scope,
        coalesce(metrics.canonical_unit_full, metrics.canonical_unit) as canonical_unit_full,
        metrics.definition_zh,
        coalesce(metrics.definition_en, metrics.definition) as definition_en,
        metrics.source as definition_source,
    from metrics
    left join alias_counts
        on metrics.metric_id = alias_counts.metric_id

)

select * from final
