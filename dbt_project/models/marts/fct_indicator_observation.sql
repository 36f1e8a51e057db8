with

ranked as (

    select * from {{ ref('int_figures__ranked') }}

),

final as (

    select
        observation_id,
        document_id,
        figure_no,
        region_code,
        region_name,
        region_level,
        indicator_label,
        indicator_key,
        metric_id,
        year,
        value_kind,
        basis,
        raw_value,
        raw_unit,
        value,
        unit,
        qualifier,
        is_authoritative,
        outranked_by,
        source_kind,
        source_line,
        source_text,
        table_no,
        document_status,
        period_start,
        period_end,
        -- provenance of the interpretation
        row_no,
        col_no,
        category_label,
        column_label,
        multiplier,
        qualifier_text,
        basis_hint,
        alias_basis_hint,
        basis_rule,
        unit_factor,
        is_unit_known,
        indicator_attr,
        plan_id,
        precedence_rank,
        n_observations,
        -- the figure's own region (issue 22): where it came from, and the document's region
        region_source,
        document_region_code,
    from ranked

)

select * from final
