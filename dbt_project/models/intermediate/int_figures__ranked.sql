with

inferred as (

    select * from {{ ref('int_figures__basis_inferred') }}

),

keyed as (

    select
        *,
        document_id || '#' || figure_no as observation_id,
        -- unmapped figures compete only with figures of the same label
        coalesce(metric_id, 'key:' || indicator_key) as comparison_key,
        -- a part of a year (2023-Q1, 2023-01/2023-08) competes only with the same part; whole years and
        -- period totals compete as before (their basis tells them apart)
        case when time_period like '%-%' then time_period else 'whole' end as period_part,
    from inferred

),

-- precedence within region × metric × year × part of the year × kind × basis (a document of unknown region is its own region):
--   1. a figure with a value before a '/' (no value)
--   2. a final document before a draft (a final text supersedes the draft of the same plan)
--   3. a table before prose (the indicator table is the plan's formal statement)
--   4. the newer document (issue date, then plan end year), then document_id and figure_no
ranked as (

    select
        *,
        row_number() over precedence as precedence_rank,
        first_value(observation_id) over precedence as top_observation_id,
        count(*) over (
            partition by coalesce(region_code, 'unknown:' || document_id), comparison_key, year, period_part, value_kind, basis
        ) as n_observations,
    from keyed
    window precedence as (
        partition by coalesce(region_code, 'unknown:' || document_id), comparison_key, year, period_part, value_kind, basis
        order by
            value is null,
            document_status = 'final' desc,
            source_kind = 'table' desc,
            issue_date desc nulls last,
            plan_period_end desc nulls last,
            document_id desc,
            figure_no
        rows between unbounded preceding and unbounded following
    )

),

final as (

    select
        * exclude (top_observation_id, period_part),
        precedence_rank = 1 and value is not null as is_authoritative,
        case when precedence_rank > 1 then top_observation_id end as outranked_by,
    from ranked

)

select * from final
