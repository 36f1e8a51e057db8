with

converted as (

    select * from {{ ref('int_figures__converted') }}

),

rules as (

    select * from {{ ref('basis_rules') }}

),

hints as (

    select
        document_id,
        figure_no,
        measure_type,
        concat_ws('|', indicator_label, basis_hint, alias_basis_hint) as hint_text,
    from converted

),

-- the rules are matched once per distinct (measure type, hint text), not once per figure: a
-- warehouse has far fewer distinct labels than figures
distinct_hints as (

    select distinct measure_type, hint_text
    from hints

),

matches as (

    select
        distinct_hints.measure_type,
        distinct_hints.hint_text,
        rules.keyword,
        rules.basis,
        rules.priority,
        rules.period_makes_cumulative,
        rules.measure_type = distinct_hints.measure_type as is_type_specific,
    from distinct_hints
    inner join rules
        on (rules.measure_type = distinct_hints.measure_type or rules.measure_type = 'any')
        and (rules.keyword = '*' or contains(distinct_hints.hint_text, rules.keyword))

),

best_hint_match as (

    select * from matches
    qualify row_number() over (
        partition by measure_type, hint_text
        order by priority desc, is_type_specific desc, length(keyword) desc, keyword
    ) = 1

),

best_match as (

    select
        hints.document_id,
        hints.figure_no,
        best_hint_match.keyword,
        best_hint_match.basis,
        best_hint_match.priority,
        best_hint_match.period_makes_cumulative,
    from hints
    inner join best_hint_match
        on hints.measure_type is not distinct from best_hint_match.measure_type
        and hints.hint_text = best_hint_match.hint_text

),

inferred as (

    select
        converted.*,
        case
            when converted.measure_type = 'ratio' or converted.unit = '%' then 'ratio'
            when best_match.basis = 'annual'
                and best_match.period_makes_cumulative
                and converted.period_start is not null
                and converted.period_end > converted.period_start
                then 'cumulative'
            -- a flow stated for a span of years with no word for its basis is the span's total, never annual
            when best_match.basis is null
                and converted.measure_type is distinct from 'stock'
                and converted.period_start is not null
                and converted.period_end > converted.period_start
                then 'cumulative'
            when best_match.basis is null then 'unknown'
            else best_match.basis
        end as basis,
        case
            when converted.measure_type = 'ratio' then 'metric:ratio'
            when converted.unit = '%' then 'unit:%'
            else best_match.keyword
        end as basis_rule,

    from converted
    left join best_match
        on converted.document_id = best_match.document_id
        and converted.figure_no = best_match.figure_no

),

-- a period total is written as its span (2016/2020); any other figure of a period sentence is its year's
final as (

    select
        * replace (
            case
                when basis <> 'cumulative' and period_start is not null and period_end > period_start
                    then cast(year as varchar)
                else time_period
            end as time_period
        ),
    from inferred

)

select * from final
