with

indicator_values as (

    select * from {{ ref('fct_indicator_value') }}

),

regions as (

    select * from {{ ref('dim_region') }}

),

metrics as (

    select * from {{ ref('dim_metric') }}

),

-- baseline: the latest actual figure per region × metric × basis
baselines as (

    select * from indicator_values
    where value_kind = 'actual' and year is not null and value is not null
    qualify row_number() over (partition by region_code, metric_id, basis order by year desc) = 1

),

-- target: the target for the latest target year per region × metric × basis
targets as (

    select * from indicator_values
    where value_kind = 'target' and year is not null and value is not null
    qualify row_number() over (partition by region_code, metric_id, basis order by year desc) = 1

),

paired as (

    select
        coalesce(targets.region_code, baselines.region_code) as region_code,
        coalesce(targets.metric_id, baselines.metric_id) as metric_id,
        coalesce(targets.basis, baselines.basis) as basis,
        coalesce(targets.unit, baselines.unit) as unit,
        baselines.year as baseline_year,
        baselines.value as baseline_value,
        targets.year as target_year,
        targets.value as target_value,
        targets.qualifier as target_qualifier,
        baselines.document_id as baseline_document_id,
        baselines.source_line as baseline_source_line,
        targets.document_id as target_document_id,
        targets.source_line as target_source_line,
    from targets
    full outer join baselines
        on targets.region_code = baselines.region_code
        and targets.metric_id = baselines.metric_id
        and targets.basis = baselines.basis

),

-- growth is only defined for a target later than the baseline;
-- cagr = (target / baseline) ^ (1 / years) - 1, for positive values
growth as (

    select
        paired.*,
        case
            when target_year > baseline_year then target_value - baseline_value
        end as absolute_change,
        case
            when target_year > baseline_year and baseline_value > 0 and target_value > 0
                then power(target_value / baseline_value, 1.0 / (target_year - baseline_year)) - 1
        end as cagr,
    from paired

),

enriched as (

    select
        growth.*,
        regions.name_zh as region_name,
        regions.level as region_level,
        regions.parent_code,
        regions.population_2020,
        metrics.name_zh as metric_name_zh,
        metrics.name_en as metric_name_en,
        metrics.category,
        metrics.direction,
        metrics.is_additive,
    from growth
    left join regions
        on growth.region_code = regions.region_code
    left join metrics
        on growth.metric_id = metrics.metric_id

),

with_parent as (

    select
        child.*,
        parent.target_value as parent_target_value,
    from enriched as child
    left join enriched as parent
        on child.parent_code = parent.region_code
        and child.metric_id = parent.metric_id
        and child.basis = parent.basis
        and child.target_year = parent.target_year

),

final as (

    select
        region_code,
        region_name,
        region_level,
        parent_code,
        metric_id,
        metric_name_zh,
        metric_name_en,
        category,
        basis,
        unit,
        baseline_year,
        baseline_value,
        target_year,
        target_value,
        target_qualifier,
        absolute_change,
        cagr,
        population_2020,
        case
            when is_additive and population_2020 > 0 and basis <> 'ratio'
                then baseline_value / population_2020 * 10000
        end as baseline_per_10k,
        case
            when is_additive and population_2020 > 0 and basis <> 'ratio'
                then target_value / population_2020 * 10000
        end as target_per_10k,
        parent_target_value,
        case
            when parent_target_value <> 0 then target_value / parent_target_value
        end as ratio_to_parent,
        case
            when target_value is null then null
            when direction = 'lower_better'
                then rank() over (partition by region_level, metric_id, basis, target_value is null order by target_value asc)
            else rank() over (partition by region_level, metric_id, basis, target_value is null order by target_value desc)
        end as rank_in_level,
        baseline_document_id,
        baseline_source_line,
        target_document_id,
        target_source_line,
        direction,
    from with_parent

)

select * from final
