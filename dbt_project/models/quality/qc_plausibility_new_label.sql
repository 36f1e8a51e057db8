-- Plausibility of labels: a figure labelled 新增 (newly added, a flow) whose value equals the
-- stock stated for the same region × metric × year × kind: the label or the basis is wrong.

with

observations as (

    select * from {{ ref('fct_indicator_observation') }}

),

raw_figures as (

    select * from {{ ref('stg_raw__figures') }}

),

labelled_new as (

    select observations.*
    from observations
    left join raw_figures
        on observations.document_id = raw_figures.document_id
        and observations.figure_no = raw_figures.figure_no
    where observations.value is not null
        and observations.metric_id is not null
        and (
            observations.indicator_label like '%新增%'
            or strpos(observations.source_text, '新增' || observations.indicator_label) > 0
            or coalesce(raw_figures.basis_hint, '') like '%新增%'
        )

),

stocks as (

    select * from observations
    where value is not null
        and basis = 'stock'
        and indicator_label not like '%新增%'

),

matches as (

    select
        labelled_new.observation_id,
        labelled_new.region_code,
        labelled_new.region_name,
        labelled_new.metric_id,
        labelled_new.indicator_label,
        labelled_new.year,
        labelled_new.value_kind,
        labelled_new.basis,
        labelled_new.value,
        labelled_new.unit,
        list(stocks.observation_id order by stocks.observation_id) as stock_observation_ids,
    from labelled_new
    inner join stocks
        on labelled_new.region_code = stocks.region_code
        and labelled_new.metric_id = stocks.metric_id
        and labelled_new.year = stocks.year
        and labelled_new.value_kind = stocks.value_kind
        and labelled_new.observation_id <> stocks.observation_id
        and abs(labelled_new.value - stocks.value) <= 1e-6 * greatest(1, abs(stocks.value))
    group by all

),

final as (

    select
        'plausibility_new_label:' || observation_id as finding_id,
        'plausibility_new_label' as check_name,
        'warning' as severity,
        region_code,
        region_name,
        metric_id,
        year,
        value_kind,
        basis,
        indicator_label || ' is labelled 新增 (newly added) but its value '
            || regexp_replace(cast(round(value, 6) as varchar), '\.0$', '')
            || coalesce(' ' || unit, '')
            || ' equals the stock stated for the same year; one of the two is mislabelled' as details,
        list_prepend(observation_id, stock_observation_ids) as observation_ids,
    from matches

)

select * from final
