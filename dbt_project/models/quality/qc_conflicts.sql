-- Conflicting figures: one region × metric × year × kind × basis stated with values that cannot
-- both hold. Values are compared in canonical units (2.5 万件 = 25000 件 is no conflict) and
-- qualifiers are intervals ('>= 7.8' is compatible with 7.8 and with 8, not with 7).

with

observations as (

    select * from {{ ref('fct_indicator_observation') }}

),

documents as (

    select * from {{ ref('dim_document') }}

),

metrics as (

    select * from {{ ref('dim_metric') }}

),

candidates as (

    select
        observations.observation_id,
        observations.document_id,
        observations.document_status,
        documents.plan_id,
        observations.region_code,
        observations.region_name,
        observations.metric_id,
        coalesce(observations.metric_id, 'unmapped:' || observations.indicator_key) as metric_key,
        coalesce(metrics.name_zh, observations.indicator_label) as indicator_label,
        observations.year,
        observations.value_kind,
        observations.basis,
        observations.value,
        observations.unit,
        observations.qualifier,
        observations.source_kind,
        observations.source_line,
        case when observations.qualifier = '<=' then '-infinity'::double else observations.value end as low,
        case when observations.qualifier = '>=' then 'infinity'::double else observations.value end as high,
    from observations
    left join documents
        on observations.document_id = documents.document_id
    left join metrics
        on observations.metric_id = metrics.metric_id
    where observations.value is not null
        and observations.year is not null
        and observations.region_code is not null

),

conflicting_pairs as (

    select
        a.region_code,
        a.metric_key,
        a.year,
        a.value_kind,
        a.basis,
        a.observation_id as observation_a,
        b.observation_id as observation_b,
        case
            when a.document_id = b.document_id then 'conflict_within_document'
            when a.plan_id = b.plan_id then 'conflict_between_versions'
            else 'conflict_between_documents'
        end as check_name,
    from candidates as a
    inner join candidates as b
        on a.region_code = b.region_code
        and a.metric_key = b.metric_key
        and a.year = b.year
        and a.value_kind = b.value_kind
        and a.basis = b.basis
        and a.observation_id < b.observation_id
        -- two numbers of one sentence or table row under one label are an extraction artefact
        and not (a.document_id = b.document_id and a.source_line = b.source_line)
    -- intervals [low, high] that do not overlap, with a relative tolerance for float noise
    where a.low > b.high + 1e-6 * greatest(1, abs(a.value), abs(b.value))
        or b.low > a.high + 1e-6 * greatest(1, abs(a.value), abs(b.value))

),

involved as (

    select check_name, region_code, metric_key, year, value_kind, basis, observation_a as observation_id
    from conflicting_pairs
    union
    select check_name, region_code, metric_key, year, value_kind, basis, observation_b as observation_id
    from conflicting_pairs

),

described as (

    select
        involved.check_name,
        involved.region_code,
        involved.metric_key,
        involved.year,
        involved.value_kind,
        involved.basis,
        candidates.observation_id,
        candidates.document_id,
        candidates.source_line,
        candidates.region_name,
        candidates.metric_id,
        candidates.indicator_label,
        candidates.value,
        case candidates.qualifier when '' then '' else candidates.qualifier || ' ' end
            || regexp_replace(cast(round(candidates.value, 6) as varchar), '\.0$', '')
            || coalesce(' ' || candidates.unit, '')
            || ' (' || candidates.document_id
            || coalesce(', ' || candidates.document_status, '')
            || ', ' || candidates.source_kind
            || ' line ' || candidates.source_line || ')' as statement,
    from involved
    inner join candidates
        on involved.observation_id = candidates.observation_id

),

findings as (

    select
        check_name,
        region_code,
        metric_key,
        year,
        value_kind,
        basis,
        any_value(region_name) as region_name,
        any_value(metric_id) as metric_id,
        min(indicator_label) as indicator_label,
        count(distinct value) as n_values,
        list(observation_id order by document_id, source_line, observation_id) as observation_ids,
        string_agg(statement, ' vs ' order by document_id, source_line, observation_id) as statements,
    from described
    group by all

),

final as (

    select
        check_name || ':' || region_code || ':' || metric_key || ':' || year || ':' || value_kind || ':' || basis
            as finding_id,
        check_name,
        case check_name
            when 'conflict_within_document' then 'error'
            else 'warning'
        end as severity,
        region_code,
        region_name,
        metric_id,
        year,
        value_kind,
        basis,
        case check_name
            when 'conflict_within_document' then 'One document states different values'
            when 'conflict_between_versions' then 'Versions of one plan state different values'
            else 'Different documents state different values'
        end
            || ' for ' || indicator_label || ' (' || year || ' ' || value_kind || ', ' || basis || '): '
            || statements as details,
        observation_ids,
    from findings

)

select * from final
