with

observations as (

    select * from {{ ref('fct_indicator_observation') }}

),

final as (

    select
        document_id,
        indicator_key,
        arg_min(indicator_label, source_line) as indicator_label,
        count(*) as n_figures,
        min(source_line) as first_line,
        arg_min(source_text, source_line) as first_source_text,
    from observations
    where metric_id is null
    group by document_id, indicator_key

)

select * from final
