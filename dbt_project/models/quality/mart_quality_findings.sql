-- Every quality finding in one table for the report, the app and `ipbench export conflicts`:
-- one row per finding, with its values, documents and lines joined by '|' in source order (the
-- quoted sources of mart_quality_finding_sources, at most var('max_sources_per_finding') of n_sources),
-- and the check's names and explanation from seed check_names (the check_name itself when missing).

with

findings as (

    select * from {{ ref('int_quality_findings__unioned') }}

),

sources as (

    select * from {{ ref('mart_quality_finding_sources') }}

),

check_names as (

    select * from {{ ref('check_names') }}

),

joined_sources as (

    select
        finding_id,
        string_agg(
            coalesce(regexp_replace(cast(round(value, 6) as varchar), '\.0$', ''), ''), '|' order by source_no
        ) as "values",
        string_agg(document_id, '|' order by source_no) as document_ids,
        string_agg(cast(source_line as varchar), '|' order by source_no) as source_lines,
    from sources
    group by finding_id

),

final as (

    select
        findings.finding_id,
        findings.check_name,
        findings.severity,
        findings.region_code,
        findings.region_name,
        findings.metric_id,
        findings.year,
        findings.value_kind,
        findings.basis,
        coalesce(joined_sources."values", '') as "values",
        coalesce(joined_sources.document_ids, '') as document_ids,
        coalesce(joined_sources.source_lines, '') as source_lines,
        findings.details,
        (len(findings.observation_ids) + case when findings.document_id is null then 0 else 1 end)::integer
            as n_sources,
        coalesce(check_names.name_en, findings.check_name) as check_title_en,
        coalesce(check_names.name_zh, findings.check_name) as check_title_zh,
        coalesce(check_names.problem_zh, findings.check_name) as check_problem_zh,
        coalesce(
            case when findings.severity = 'info' then check_names.confirmation_zh end,
            check_names.explanation_zh,
            check_names.problem_zh,
            findings.check_name
        ) as check_explanation_zh,
    from findings
    left join joined_sources
        on findings.finding_id = joined_sources.finding_id
    left join check_names
        on findings.check_name = check_names.check_name

)

select * from final
