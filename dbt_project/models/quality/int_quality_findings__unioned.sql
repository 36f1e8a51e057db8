-- All findings of the qc_* check models in one relation, with the observations each one quotes.

{%- set checks = [
    'qc_conflicts',
    'qc_totals',
    'qc_totals_subregions',
    'qc_region_outside',
    'qc_hierarchy',
    'qc_direction',
    'qc_plausibility_range',
    'qc_plausibility_magnitude',
    'qc_plausibility_new_label',
    'qc_coverage_unmapped',
    'qc_time',
    'qc_coverage_overdue_targets',
    'qc_totals_period_as_annual',
    'qc_plausibility_per_10k',
    'qc_plausibility_scale',
] %}

with

{% for check in checks %}
{{ check }}_findings as (

    select
        finding_id,
        check_name,
        severity,
        region_code,
        region_name,
        metric_id,
        year::integer as year,
        value_kind,
        basis,
        details,
        observation_ids,
        null::varchar as document_id,
        null::integer as source_line,
        null::varchar as source_text,
    from {{ ref(check) }}

),

{% endfor %}
{% for check in ['qc_coverage_empty_tables', 'qc_region_unknown', 'qc_coverage_unread_tables'] %}
{{ check }}_findings as (

    select
        finding_id,
        check_name,
        severity,
        region_code,
        region_name,
        metric_id,
        year::integer as year,
        value_kind,
        basis,
        details,
        observation_ids,
        document_id,
        source_line::integer as source_line,
        source_text,
    from {{ ref(check) }}

),

{% endfor %}
final as (

    {% for check in checks %}
    select * from {{ check }}_findings
    union all
    {% endfor %}
    select * from qc_coverage_empty_tables_findings
    union all
    select * from qc_region_unknown_findings
    union all
    select * from qc_coverage_unread_tables_findings

)

select * from final
