-- Time checks (issue 20), one finding per observation, severity error: an actual dated after its own
-- document (nothing is achieved after the text reporting it: its year or kind is misread), and a target
-- of a year before the document that the same document also reports as achieved (the achievement read
-- as a plan).

with

observations as (

    select * from {{ ref('fct_indicator_observation') }}

),

documents as (

    select * from {{ ref('dim_document') }}

),

dated as (

    select
        observations.*,
        documents.issue_date,
        year(documents.issue_date) as document_year,
        coalesce(observations.metric_id, 'key:' || observations.indicator_key) as comparison_key,
    from observations
    inner join documents
        on observations.document_id = documents.document_id
    where documents.issue_date is not null
        and observations.year is not null
        and observations.value_kind in ('actual', 'target')

),

actual_after_document as (

    select
        'time_actual_after_document:' || observation_id as finding_id,
        'time_actual_after_document' as check_name,
        region_code,
        region_name,
        metric_id,
        year,
        value_kind,
        basis,
        'Actual ' || indicator_label || ' = ' || raw_value || coalesce(raw_unit, '') || ' for ' || year
            || ' in a document dated ' || cast(issue_date as varchar) || ' (line ' || source_line
            || '): nothing is achieved after the text reporting it; its year or kind is misread'
            || coalesce(' (' || kind_reason || ')', '') as details,
        [observation_id] as observation_ids,
    from dated
    where value_kind = 'actual'
        and year > document_year

),

past_targets_achieved as (

    select
        'time_target_reported_achieved:' || targets.observation_id as finding_id,
        'time_target_reported_achieved' as check_name,
        targets.region_code,
        targets.region_name,
        targets.metric_id,
        targets.year,
        targets.value_kind,
        targets.basis,
        'Target ' || targets.indicator_label || ' = ' || targets.raw_value || coalesce(targets.raw_unit, '')
            || ' for ' || targets.year || ' (line ' || targets.source_line || ') in a document dated '
            || cast(targets.issue_date as varchar) || ' that reports the same year as achieved: '
            || actuals.raw_value || coalesce(actuals.raw_unit, '') || ' (line ' || actuals.source_line
            || '); a past year is an actual, not a plan' as details,
        [targets.observation_id, actuals.observation_id] as observation_ids,
    from dated as targets
    inner join dated as actuals
        on targets.document_id = actuals.document_id
        and targets.comparison_key = actuals.comparison_key
        and targets.year = actuals.year
        and targets.basis = actuals.basis
        and targets.time_period is not distinct from actuals.time_period
    where targets.value_kind = 'target'
        and actuals.value_kind = 'actual'
        and targets.year < targets.document_year
    qualify row_number() over (partition by targets.observation_id order by actuals.source_line, actuals.observation_id) = 1

),

final as (

    select
        finding_id, check_name, 'error' as severity, region_code, region_name, metric_id, year, value_kind, basis,
        details, observation_ids,
    from actual_after_document
    union all
    select
        finding_id, check_name, 'error' as severity, region_code, region_name, metric_id, year, value_kind, basis,
        details, observation_ids,
    from past_targets_achieved

)

select * from final
