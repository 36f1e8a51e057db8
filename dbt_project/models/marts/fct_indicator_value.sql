with

observations as (

    select * from {{ ref('fct_indicator_observation') }}

),

final as (

    select
        region_code,
        metric_id,
        year,
        value_kind,
        basis,
        value,
        unit,
        qualifier,
        observation_id,
        document_id,
        source_line,
        source_text,
        n_observations,
        region_name,
        region_level,
        raw_value,
        raw_unit,
        source_kind,
        document_status,
        period_start,
        period_end,
        region_source,
        document_region_code,
    from observations
    where is_authoritative
      and metric_id is not null
      -- a document of unknown region keeps its observations, but has no place to compare (qc_region_unknown)
      and region_code is not null

)

select * from final
