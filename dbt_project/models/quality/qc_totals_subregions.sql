-- Sub-region totals: in a table by region (a province's cities, a city's districts, the provinces), the
-- rows of the sub-regions of one column (and the 其他 / 未分地区 rows) against the table's total row (全省,
-- 合计, 全国). Warning when the listed parts exceed the total, or do not add up to it although every
-- sub-region of that level is listed; info (a confirmation) when they add up.

with

observations as (

    select * from {{ ref('fct_indicator_observation') }}

),

regions as (

    select * from {{ ref('dim_region') }}

),

metrics as (

    select * from {{ ref('dim_metric') }}

),

-- a table with regions across its header: the figures of one row are one indicator
table_axes as (

    select
        document_id,
        table_no,
        bool_or(region_source = 'table_column') as is_column_axis,
    from observations
    where region_source in ('table_row', 'table_column')
    group by document_id, table_no

),

-- additive actuals only: not shares, rates, densities or changes
cells as (

    select
        observations.*,
        case when table_axes.is_column_axis then observations.row_no else observations.col_no end as line_key,
    from observations
    inner join table_axes
        on observations.document_id = table_axes.document_id
        and observations.table_no = table_axes.table_no
    left join metrics
        on observations.metric_id = metrics.metric_id
    where observations.region_source in ('table_row', 'table_column', 'unassigned')
        and observations.source_kind = 'table'
        and observations.value is not null
        and observations.value_kind = 'actual'
        and coalesce(observations.unit, '') <> '%'
        and coalesce(
            metrics.is_additive,
            not regexp_matches(observations.indicator_label || coalesce(observations.column_label, ''),
                               '每|万人|人均|率|比重|占|平均|密度|增|均')
        )

),

parts as (

    select
        totals.observation_id as total_observation_id,
        parts.observation_id,
        parts.region_code,
        parts.region_source,
        parts.value,
        parts.raw_value,
        parts.row_no,
        part_regions.level as part_level,
    from cells as totals
    inner join cells as parts
        on totals.document_id = parts.document_id
        and totals.table_no = parts.table_no
        and totals.line_key = parts.line_key
        and totals.observation_id <> parts.observation_id
    left join regions as part_regions
        on parts.region_code = part_regions.region_code
    where totals.region_code is not null
        and (part_regions.parent_code = totals.region_code or parts.region_source = 'unassigned')

),

summed as (

    select
        total_observation_id,
        count(distinct region_code) as n_parts,
        mode(part_level) as part_level,
        sum(value) as parts_sum,
        string_agg(raw_value, ' + ' order by row_no, observation_id) as parts_terms,
        list(observation_id order by row_no, observation_id) as part_observation_ids,
    from parts
    group by total_observation_id
    having count(distinct region_code) >= 2

),

-- how many units of the parts' level the total's region has (all listed: the parts must add up)
children as (

    select parent_code, level, count(*) as n_children,
    from regions
    group by parent_code, level

),

judged as (

    select
        summed.*,
        totals.region_code,
        totals.region_name,
        totals.metric_id,
        totals.year,
        totals.value_kind,
        totals.basis,
        totals.unit,
        totals.document_id,
        totals.table_no,
        totals.indicator_label,
        totals.value as total_value,
        totals.raw_value as total_raw_value,
        summed.parts_sum - totals.value as difference,
        abs(summed.parts_sum - totals.value) <= greatest(0.005 * abs(totals.value), 1e-6) as adds_up,
        summed.n_parts >= coalesce(children.n_children, 0) as is_complete,
    from summed
    inner join cells as totals
        on summed.total_observation_id = totals.observation_id
    left join children
        on totals.region_code = children.parent_code
        and summed.part_level = children.level

),

final as (

    select
        'totals_subregions:' || total_observation_id as finding_id,
        'totals_subregions' as check_name,
        case when adds_up then 'info' else 'warning' end as severity,
        region_code,
        region_name,
        metric_id,
        year,
        value_kind,
        basis,
        case when adds_up
            then 'Sub-regions add up to the total for '
            else 'Sub-regions do not add up to the total for '
        end
            || indicator_label || ' (table ' || table_no || ' of ' || document_id || '): '
            || n_parts || ' sub-regions ' || parts_terms || ' = '
            || regexp_replace(cast(round(parts_sum, 6) as varchar), '\.0$', '')
            || coalesce(' ' || unit, '') || ' vs total ' || total_raw_value
            || ', difference ' || regexp_replace(cast(round(difference, 6) as varchar), '\.0$', '') as details,
        list_prepend(total_observation_id, part_observation_ids) as observation_ids,
    from judged
    -- a partial list (the ten largest cities) below its total is no finding
    where adds_up or difference > 0 or is_complete

)

select * from final
