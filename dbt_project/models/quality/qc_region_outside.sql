-- Region outside: a figure whose own region (a table row or column, a sentence naming a region) lies
-- outside its document's region — a province's bulletin listing another province's city, a name read
-- as the wrong unit. National documents and figures of the country itself (全国…) are expected.
-- One warning per document × region.

with

observations as (

    select * from {{ ref('fct_indicator_observation') }}

),

regions as (

    select * from {{ ref('dim_region') }}

),

-- every region with itself and each ancestor (county → city → province → country)
lineage as (

    select region_code, region_code as ancestor_code from regions
    union all
    select region_code, parent_code from regions where parent_code is not null
    union all
    select child.region_code, parent.parent_code
    from regions as child
    inner join regions as parent on child.parent_code = parent.region_code
    where parent.parent_code is not null
    union all
    select child.region_code, grandparent.parent_code
    from regions as child
    inner join regions as parent on child.parent_code = parent.region_code
    inner join regions as grandparent on parent.parent_code = grandparent.region_code
    where grandparent.parent_code is not null

),

outside as (

    select observations.*
    from observations
    where observations.region_source <> 'document'
        and observations.region_code is not null
        and observations.region_code <> '000000'
        and observations.document_region_code is not null
        and observations.document_region_code <> '000000'
        and not exists (
            select 1 from lineage
            where lineage.region_code = observations.region_code
                and lineage.ancestor_code = observations.document_region_code
        )

),

grouped as (

    select
        document_id,
        region_code,
        any_value(region_name) as region_name,
        any_value(document_region_code) as document_region_code,
        count(*) as n_figures,
        min(source_line) as first_line,
        string_agg(distinct region_source, ', ') as sources,
        list(observation_id order by figure_no) as observation_ids,
    from outside
    group by document_id, region_code

),

final as (

    select
        'region_outside:' || grouped.document_id || ':' || grouped.region_code as finding_id,
        'region_outside' as check_name,
        'warning' as severity,
        grouped.region_code,
        grouped.region_name,
        null::varchar as metric_id,
        null::integer as year,
        null::varchar as value_kind,
        null::varchar as basis,
        grouped.n_figures || ' figure(s) of ' || coalesce(grouped.region_name, grouped.region_code)
            || ' (' || grouped.region_code || ', from the ' || grouped.sources || ', first on line '
            || grouped.first_line || ') in document ' || grouped.document_id || ' of '
            || coalesce(documents.name_zh, grouped.document_region_code) || ' ('
            || grouped.document_region_code || '), which does not contain it; check the name' as details,
        grouped.observation_ids,
    from grouped
    left join regions as documents
        on grouped.document_region_code = documents.region_code

)

select * from final
