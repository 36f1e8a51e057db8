-- The region profile: each region of mart_region_benchmark beside its reference for every metric ×
-- basis, the nearest ancestor that states it (the parent, else the grandparent, up to the country).

with

benchmark as (

    select * from {{ ref('mart_region_benchmark') }}

),

ancestors as (

    select * from {{ ref('int_regions__ancestors') }}

),

metrics as (

    select metric_id, name_zh, name_en, category from {{ ref('dim_metric') }}

),

profiled_regions as (

    select distinct region_code from benchmark

),

own_figures as (

    select
        region_code,
        metric_id,
        basis,
        coalesce(display_unit, unit) as shown_unit,
        baseline_year,
        baseline_value,
        target_year,
        target_value,
        target_qualifier,
        cagr,
        ratio_to_parent,
        baseline_document_id,
        baseline_source_line,
        target_document_id,
        target_source_line,
        target_status,
        target_is_current,
        target_actual_value,
        progress_year,
        progress_value,
        progress_expected_value,
        progress_status,
    from benchmark

),

ancestor_figures as (

    select
        profiled_regions.region_code,
        benchmark.metric_id,
        benchmark.basis,
        ancestors.ancestor_code as reference_code,
        ancestors.depth as reference_depth,
        coalesce(benchmark.display_unit, benchmark.unit) as reference_shown_unit,
        benchmark.baseline_year as reference_baseline_year,
        benchmark.baseline_value as reference_baseline_value,
        benchmark.target_year as reference_target_year,
        benchmark.target_value as reference_target_value,
        benchmark.target_qualifier as reference_target_qualifier,
        row_number() over (
            partition by profiled_regions.region_code, benchmark.metric_id, benchmark.basis
            order by ancestors.depth
        ) as nearness,
    from profiled_regions
    inner join ancestors
        on profiled_regions.region_code = ancestors.region_code
    inner join benchmark
        on ancestors.ancestor_code = benchmark.region_code

),

nearest_reference as (

    select * exclude (nearness) from ancestor_figures where nearness = 1

),

joined as (

    select
        coalesce(own_figures.region_code, nearest_reference.region_code) as region_code,
        coalesce(own_figures.metric_id, nearest_reference.metric_id) as metric_id,
        coalesce(own_figures.basis, nearest_reference.basis) as basis,
        own_figures.region_code is not null as has_own_figures,
        own_figures.* exclude (region_code, metric_id, basis),
        nearest_reference.* exclude (region_code, metric_id, basis),
    from own_figures
    full outer join nearest_reference
        on own_figures.region_code = nearest_reference.region_code
        and own_figures.metric_id = nearest_reference.metric_id
        and own_figures.basis is not distinct from nearest_reference.basis

),

final as (

    select
        joined.region_code,
        joined.metric_id,
        joined.basis,
        metrics.name_zh as metric_name_zh,
        metrics.name_en as metric_name_en,
        metrics.category,
        joined.* exclude (region_code, metric_id, basis),
    from joined
    left join metrics
        on joined.metric_id = metrics.metric_id

)

select * from final
