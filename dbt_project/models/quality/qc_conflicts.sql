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

-- Two figures conflict when their intervals do not overlap. Instead of comparing every pair (a cost
-- that grows with the square of the figures one document states for one indicator and year), each
-- figure is compared with the extremes of the others: the lowest upper bound and the highest lower
-- bound among the figures of its group on other lines of its document (within_document), in other
-- documents of its plan (between_versions) and in other plans (between_documents). The two best
-- values per scope are kept, so a figure is never compared with its own line, document or plan.
-- A document without a plan is a plan of its own.
keyed as (

    select
        *,
        coalesce(plan_id, 'document:' || document_id) as plan_key,
    from candidates

),

-- extremes per line, per document and per plan within each region × metric × year × kind × basis
per_line as (

    select
        region_code, metric_key, year, value_kind, basis, document_id, source_line,
        min(high) as min_high,
        max(low) as max_low,
    from keyed
    group by all

),

per_document as (

    select
        region_code, metric_key, year, value_kind, basis, plan_key, document_id,
        min(high) as min_high,
        max(low) as max_low,
    from keyed
    group by all

),

per_plan as (

    select
        region_code, metric_key, year, value_kind, basis, plan_key,
        min(high) as min_high,
        max(low) as max_low,
    from keyed
    group by all

),

-- the two lowest upper bounds and two highest lower bounds of each scope, with the part they come from
best_lines as (

    select
        region_code, metric_key, year, value_kind, basis, document_id,
        min(min_high, 2) as highs,
        arg_min(source_line, min_high, 2) as high_parts,
        max(max_low, 2) as lows,
        arg_max(source_line, max_low, 2) as low_parts,
    from per_line
    group by all

),

best_documents as (

    select
        region_code, metric_key, year, value_kind, basis, plan_key,
        min(min_high, 2) as highs,
        arg_min(document_id, min_high, 2) as high_parts,
        max(max_low, 2) as lows,
        arg_max(document_id, max_low, 2) as low_parts,
    from per_document
    group by all

),

best_plans as (

    select
        region_code, metric_key, year, value_kind, basis,
        min(min_high, 2) as highs,
        arg_min(plan_key, min_high, 2) as high_parts,
        max(max_low, 2) as lows,
        arg_max(plan_key, max_low, 2) as low_parts,
    from per_plan
    group by all

),

-- per figure and scope: the extremes of the other parts (the best one unless it is the figure's own part)
others as (

    select
        'conflict_within_document' as check_name,
        keyed.*,
        case when best_lines.high_parts[1] = keyed.source_line then best_lines.highs[2] else best_lines.highs[1] end
            as other_high,
        case when best_lines.low_parts[1] = keyed.source_line then best_lines.lows[2] else best_lines.lows[1] end
            as other_low,
    from keyed
    inner join best_lines
        using (region_code, metric_key, year, value_kind, basis, document_id)

    union all

    select
        'conflict_between_versions' as check_name,
        keyed.*,
        case when best_documents.high_parts[1] = keyed.document_id then best_documents.highs[2]
            else best_documents.highs[1] end as other_high,
        case when best_documents.low_parts[1] = keyed.document_id then best_documents.lows[2]
            else best_documents.lows[1] end as other_low,
    from keyed
    inner join best_documents
        using (region_code, metric_key, year, value_kind, basis, plan_key)

    union all

    select
        'conflict_between_documents' as check_name,
        keyed.*,
        case when best_plans.high_parts[1] = keyed.plan_key then best_plans.highs[2]
            else best_plans.highs[1] end as other_high,
        case when best_plans.low_parts[1] = keyed.plan_key then best_plans.lows[2]
            else best_plans.lows[1] end as other_low,
    from keyed
    inner join best_plans
        using (region_code, metric_key, year, value_kind, basis)

),

-- intervals [low, high] that do not overlap, with a relative tolerance for float noise
involved as (

    select check_name, region_code, metric_key, year, value_kind, basis, observation_id
    from others
    where low > other_high + 1e-6 * greatest(1, abs(value), abs(other_high))
        or other_low > high + 1e-6 * greatest(1, abs(value), abs(other_low))

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
            || ' for ' || indicator_label || ' (' || coalesce(cast(year as varchar), 'year unknown') || ' '
            || value_kind || ', ' || coalesce(basis, 'basis unknown') || '): '
            || statements as details,
        observation_ids,
    from findings

)

select * from final
