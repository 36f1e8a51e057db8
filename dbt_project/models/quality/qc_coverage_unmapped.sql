-- Coverage of the metric mapping: one finding per document × indicator name that maps to no
-- metric (so its figures are left out of the benchmark).

with

unmapped as (

    select * from {{ ref('mart_unmapped_indicators') }}

),

documents as (

    select * from {{ ref('dim_document') }}

),

observations as (

    select * from {{ ref('fct_indicator_observation') }}

),

figures as (

    select
        document_id,
        indicator_key,
        list(observation_id order by source_line, observation_id) as observation_ids,
    from observations
    where metric_id is null
    group by all

),

final as (

    select
        'coverage_unmapped:' || unmapped.document_id || ':' || unmapped.indicator_key as finding_id,
        'coverage_unmapped' as check_name,
        'info' as severity,
        documents.region_code,
        documents.region_name,
        null::varchar as metric_id,
        null::integer as year,
        null::varchar as value_kind,
        null::varchar as basis,
        'Indicator ' || unmapped.indicator_label || ' (' || unmapped.n_figures
            || ' figure' || case when unmapped.n_figures = 1 then '' else 's' end
            || ', first on line ' || unmapped.first_line
            || ') maps to no metric; add its key ' || unmapped.indicator_key
            || ' to the indicator mapping seed to compare it' as details,
        coalesce(figures.observation_ids, []::varchar[]) as observation_ids,
    from unmapped
    left join documents
        on unmapped.document_id = documents.document_id
    left join figures
        on unmapped.document_id = figures.document_id
        and unmapped.indicator_key = figures.indicator_key

)

select * from final
