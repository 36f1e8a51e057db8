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

denominators as (

    select * from {{ ref('unit_denominators') }}

),

actuals as (

    select * from indicator_values
    where value_kind = 'actual' and year is not null and value is not null

),

-- the years with an actual of a region × metric in any basis, anywhere in the warehouse
actual_years as (

    select distinct region_code, metric_id, year
    from actuals

),

-- target: the target for the latest target year per region × metric × basis
targets as (

    select * from indicator_values
    where value_kind = 'target' and year is not null and value is not null
    qualify row_number() over (partition by region_code, metric_id, basis order by year desc) = 1

),

-- baseline: the plan's own starting point: an actual before the target year, preferring the
-- target's document, then the latest year; with no target (or no actual before it) the latest actual
baselines as (

    select actuals.*
    from actuals
    left join targets
        on actuals.region_code = targets.region_code
        and actuals.metric_id = targets.metric_id
        and actuals.basis = targets.basis
    qualify row_number() over (
        partition by actuals.region_code, actuals.metric_id, actuals.basis
        order by
            (targets.year is null or actuals.year < targets.year) desc,
            (actuals.year < targets.year and actuals.document_id = targets.document_id) desc nulls last,
            actuals.year desc
    ) = 1

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
        -- a period total (十三五期间累计, 2016/2020) is no level: no growth rate to or from it
        coalesce(baselines.period_end > baselines.period_start, false)
            or coalesce(targets.period_end > targets.period_start, false) as involves_period_total,
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
            when target_year > baseline_year and not involves_period_total then target_value - baseline_value
        end as absolute_change,
        case
            when target_year > baseline_year and baseline_value > 0 and target_value > 0 and not involves_period_total
                then power(target_value / baseline_value, 1.0 / (target_year - baseline_year)) - 1
        end as cagr,
    from paired

),

-- the actual of the target's own year (a target whose year has passed: achieved or missed)
target_actuals as (

    select
        growth.region_code, growth.metric_id, growth.basis,
        actuals.value as target_actual_value,
        actuals.document_id as target_actual_document_id,
        actuals.source_line as target_actual_source_line,
    from growth
    join actuals
        on growth.region_code = actuals.region_code
        and growth.metric_id = actuals.metric_id
        and growth.basis = actuals.basis
        and growth.target_year = actuals.year

),

-- progress: the latest actual after the baseline and before the target year
progress as (

    select
        growth.region_code, growth.metric_id, growth.basis,
        actuals.year as progress_year,
        actuals.value as progress_value,
        growth.baseline_value + (growth.target_value - growth.baseline_value)
            * (actuals.year - growth.baseline_year) / (growth.target_year - growth.baseline_year)
            as progress_expected_value,
        actuals.document_id as progress_document_id,
        actuals.source_line as progress_source_line,
    from growth
    join actuals
        on growth.region_code = actuals.region_code
        and growth.metric_id = actuals.metric_id
        and growth.basis = actuals.basis
        and actuals.year > growth.baseline_year
        and actuals.year < growth.target_year
    qualify row_number() over (partition by growth.region_code, growth.metric_id, growth.basis order by actuals.year desc) = 1

),

-- what a density metric is counted per (每万人 → 万人): the longest prefix of its Chinese name
metric_denominators as (

    select metrics.metric_id, denominators.denominator_zh as unit_denominator,
    from metrics
    join denominators
        on starts_with(metrics.name_zh, denominators.name_prefix)
    qualify row_number() over (partition by metrics.metric_id order by length(denominators.name_prefix) desc) = 1

),

enriched as (

    select
        growth.*,
        target_actuals.target_actual_value,
        target_actuals.target_actual_document_id,
        target_actuals.target_actual_source_line,
        progress.progress_year,
        progress.progress_value,
        progress.progress_expected_value,
        progress.progress_document_id,
        progress.progress_source_line,
        metric_denominators.unit_denominator,
        -- the target year has passed: the build's calendar year is later (macro as_of_year)
        growth.target_year < {{ as_of_year() }} as target_year_passed,
        actual_years.year is not null as target_year_has_actual,
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
    left join target_actuals
        on growth.region_code = target_actuals.region_code
        and growth.metric_id = target_actuals.metric_id
        and growth.basis = target_actuals.basis
    left join progress
        on growth.region_code = progress.region_code
        and growth.metric_id = progress.metric_id
        and growth.basis = progress.basis
    left join metric_denominators
        on growth.metric_id = metric_denominators.metric_id
    left join actual_years
        on growth.region_code = actual_years.region_code
        and growth.metric_id = actual_years.metric_id
        and growth.target_year = actual_years.year
    left join regions
        on growth.region_code = regions.region_code
    left join metrics
        on growth.metric_id = metrics.metric_id

),

with_parent as (

    select
        child.*,
        parent.target_value as parent_target_value,
        -- the parent's actual of the same year (a province bulletin's cities beside the province's total)
        parent_actual.baseline_value as parent_baseline_value,
        -- a goal is to stay at or below the target when the metric is lower-better or the target says ≤
        coalesce(child.direction = 'lower_better', false) or coalesce(child.target_qualifier = '<=', false) as lower_is_goal,
    from enriched as child
    left join enriched as parent
        on child.parent_code = parent.region_code
        and child.metric_id = parent.metric_id
        and child.basis = parent.basis
        and child.target_year = parent.target_year
    left join enriched as parent_actual
        on child.parent_code = parent_actual.region_code
        and child.metric_id = parent_actual.metric_id
        and child.basis = parent_actual.basis
        and child.baseline_year = parent_actual.baseline_year

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
        unit_denominator,
        case
            when unit_denominator is not null and coalesce(unit, '') not in ('', '%')
                then unit || '/' || unit_denominator
            else unit
        end as display_unit,
        target_actual_value,
        case
            when target_value is null then null
            when target_actual_value is not null and lower_is_goal and target_actual_value <= target_value then 'achieved'
            when target_actual_value is not null and not lower_is_goal and target_actual_value >= target_value then 'achieved'
            when target_actual_value is not null then 'missed'
            -- an actual of the target year exists, but in another basis (a stock against an annual target): not judged
            when target_year_has_actual then 'actual_other_basis'
            when target_year_passed then 'year_passed_no_actual'
        end as target_status,
        target_actual_document_id,
        target_actual_source_line,
        progress_year,
        progress_value,
        progress_expected_value,
        case
            when progress_value is null then null
            when lower_is_goal and progress_value <= progress_expected_value then 'on_track'
            when not lower_is_goal and progress_value >= progress_expected_value then 'on_track'
            else 'behind'
        end as progress_status,
        progress_document_id,
        progress_source_line,
        -- a goal still ahead: the target year has not passed and no actual of it exists
        target_value is not null and not coalesce(target_year_passed, false) and not target_year_has_actual as target_is_current,
        parent_baseline_value,
        case
            when parent_baseline_value <> 0 then baseline_value / parent_baseline_value
        end as baseline_ratio_to_parent,
    from with_parent

)

select * from final
