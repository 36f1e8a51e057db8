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
        time_period,
    from observations
    where is_authoritative
      and metric_id is not null
      -- whole years (and period totals) only: a part of a year (2023-Q1, 2023-01/2023-08) is never compared
      -- with a year's figure; it stays in fct_indicator_observation, labelled by time_period
      and not is_part_of_year
      -- a document of unknown region keeps its observations, but has no place to compare (qc_region_unknown)
      and region_code is not null

)

select * from final
