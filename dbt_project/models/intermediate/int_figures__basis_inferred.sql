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

-- every rule whose keyword occurs in the label / basis hints ('*' = the metric type's default)
matches as (

    select
        hints.document_id,
        hints.figure_no,
        rules.keyword,
        rules.basis,
        rules.priority,
        rules.period_makes_cumulative,
        rules.measure_type = hints.measure_type as is_type_specific,
    from hints
    inner join rules
        on (rules.measure_type = hints.measure_type or rules.measure_type = 'any')
        and (rules.keyword = '*' or contains(hints.hint_text, rules.keyword))

),

best_match as (

    select * from matches
    qualify row_number() over (
        partition by document_id, figure_no
        order by priority desc, is_type_specific desc, length(keyword) desc, keyword
    ) = 1

),

inferred as (

    select
        converted.*,
        case
            when converted.measure_type = 'ratio' or converted.unit = '%' then 'ratio'
            when best_match.basis is null then 'unknown'
            when best_match.basis = 'annual'
                and best_match.period_makes_cumulative
                and converted.period_start is not null
                and converted.period_end > converted.period_start
                then 'cumulative'
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

)

select * from inferred
