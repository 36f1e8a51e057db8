-- Labels matched to metrics by their parts: a fully read label maps when exactly one metric has
-- the same IP object, scope and denominator and the same measure (or the label names no measure
-- and only one metric fits the rest). Unmatched labels keep their best candidate for review.

with

parts as (

    select * from {{ ref('int_labels__parts') }}

),

all_metrics as (

    select * from {{ ref('metrics') }}

),

metrics as (

    select * from all_metrics
    where ip_object is not null

),

compared as (

    select
        parts.indicator_key,
        parts.is_fully_read,
        parts.residual,
        parts.conflicting_parts,
        metrics.metric_id,
        -- the whole region, no denominator: the quantity a narrower or denser metric is a variant of
        metrics.scope is null and metrics.denominator is null as is_base_metric,
        coalesce(metrics.measure = parts.quantity_measure, false) as quantity_measure_matches,
        coalesce(parts.ip_object = metrics.ip_object, false) as object_matches,
        coalesce(parts.scope = coalesce(metrics.scope, 'region'), false) as scope_matches,
        coalesce(parts.denominator = coalesce(metrics.denominator, 'none'), false) as denominator_matches,
        -- a label without a measure word fits a metric of any measure but a growth rate: a growth
        -- rate is only ever a label that says so (增长率 / 增速 / 增幅)
        (parts.measure is null and coalesce(metrics.measure, '') <> 'growth') or parts.measure = metrics.measure
            as measure_matches,
        concat_ws('; ',
            case when not coalesce(parts.ip_object = metrics.ip_object, false)
                then 'ip_object ' || coalesce(parts.ip_object, '?') || ' vs ' || metrics.ip_object end,
            case when not coalesce(parts.scope = coalesce(metrics.scope, 'region'), false)
                then 'scope ' || coalesce(parts.scope, '?') || ' vs ' || coalesce(metrics.scope, 'region') end,
            case when not coalesce(parts.denominator = coalesce(metrics.denominator, 'none'), false)
                then 'denominator ' || coalesce(parts.denominator, '?') || ' vs ' || coalesce(metrics.denominator, 'none') end,
            case when not ((parts.measure is null and coalesce(metrics.measure, '') <> 'growth')
                    or parts.measure = metrics.measure)
                then 'measure ' || coalesce(parts.measure, 'none') || ' vs ' || metrics.measure end,
            case when parts.conflicting_parts <> '' then 'stated twice: ' || parts.conflicting_parts end,
            case when parts.residual <> '' then 'unrecognized words: ' || parts.residual end
        ) as differing_parts,
    from parts
    cross join metrics

),

full_matches as (

    select
        indicator_key,
        count(*) as n_matching_metrics,
        min(metric_id) as metric_id,
        string_agg(metric_id, ', ' order by metric_id) as fitting_metrics,
    from compared
    where is_fully_read and object_matches and scope_matches and denominator_matches and measure_matches
    group by indicator_key

),

-- only a metric counting the same IP object is a candidate worth showing
best_candidates as (

    select
        indicator_key,
        metric_id as best_candidate_metric_id,
        differing_parts,
    from compared
    where object_matches
    qualify row_number() over (
        partition by indicator_key
        order by
            object_matches::int * 8 + denominator_matches::int * 4 + scope_matches::int * 2
            + measure_matches::int desc,
            quantity_measure_matches desc,
            is_base_metric desc,
            metric_id
    ) = 1

),

-- a label no metric of the same IP object fits: the metric whose Chinese name is most like it (a
-- hint for review only, shown when the names are alike enough), with what differs in its parts
name_candidates as (

    select
        parts.indicator_key,
        all_metrics.metric_id,
        case
            when all_metrics.ip_object is null
                then 'closest name: ' || all_metrics.name_zh || ' (mapped by alias only: accept the label)'
            else 'closest name: ' || all_metrics.name_zh
        end as name_note,
        -- 1 - edit distance / the longer length: how much of the two names is the same text
        1 - levenshtein(parts.indicator_key, name_keys.name_key)
            / greatest(length(parts.indicator_key), length(name_keys.name_key)) as name_similarity,
    from parts
    cross join all_metrics
    cross join lateral (
        select lower(regexp_replace(all_metrics.name_zh, '[（）()、，,\s]', '', 'g')) as name_key
    ) as name_keys
    qualify row_number() over (partition by parts.indicator_key order by name_similarity desc, all_metrics.metric_id) = 1

),

final as (

    select
        parts.indicator_key,
        case when full_matches.n_matching_metrics = 1 then full_matches.metric_id end as metric_id,
        coalesce(full_matches.n_matching_metrics, 0) as n_matching_metrics,
        coalesce(best_candidates.best_candidate_metric_id, name_candidates.metric_id) as best_candidate_metric_id,
        case
            when full_matches.n_matching_metrics > 1
                then 'several metrics fit (' || full_matches.fitting_metrics || '); name the measure'
            when best_candidates.indicator_key is null then concat_ws('; ',
                'no metric counts ' || coalesce(parts.ip_object, 'an IP object the rules know'),
                case when parts.residual <> '' then 'unrecognized words: ' || parts.residual end,
                name_candidates.name_note)
            else best_candidates.differing_parts
        end as differing_parts,
    from parts
    left join full_matches
        on parts.indicator_key = full_matches.indicator_key
    left join best_candidates
        on parts.indicator_key = best_candidates.indicator_key
    left join name_candidates
        on parts.indicator_key = name_candidates.indicator_key
        and name_candidates.name_similarity >= 0.6

)

select * from final
