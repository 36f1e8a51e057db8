with

observations as (

    select * from {{ ref('fct_indicator_observation') }}

),

analyzed as (

    select * from {{ ref('int_labels__matched') }}

),

parts as (

    select * from {{ ref('int_labels__parts') }}

),

documents as (

    select * from {{ ref('stg_raw__documents') }}

),

own_regions as (

    {{ own_region_names('documents') }}

),

unmapped as (

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

),

final as (

    select
        unmapped.*,
        analyzed.best_candidate_metric_id,
        analyzed.differing_parts,
        parts.scope as label_scope,
        parts.denominator as label_denominator,
        parts.ip_object as label_ip_object,
        parts.measure as label_measure,
        parts.residual as label_residual,
    from unmapped
    left join own_regions
        on unmapped.document_id = own_regions.document_id
    -- the label as the analyzer read it (without the document's own region name; macro analysis_key)
    left join analyzed
        on analyzed.indicator_key = {{ analysis_key('unmapped.indicator_key', 'own_regions.own_region_name',
                                                    'own_regions.own_region_short_name') }}
    left join parts
        on parts.indicator_key = {{ analysis_key('unmapped.indicator_key', 'own_regions.own_region_name',
                                                 'own_regions.own_region_short_name') }}

)

select * from final
