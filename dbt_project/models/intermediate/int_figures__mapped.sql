with

figures as (

    select * from {{ ref('stg_raw__figures') }}

),

documents as (

    select * from {{ ref('stg_raw__documents') }}

),

aliases as (

    select * from {{ ref('metric_aliases') }}

),

-- an alias scoped to one document (document_id set) wins over the alias for every document
document_aliases as (

    select * from aliases where document_id is not null

),

global_aliases as (

    select * from aliases where document_id is null

),

-- accepted with `ipbench metrics accept`: wins over a global seed alias, not over a document one
user_aliases as (

    select * from {{ ref('stg_raw__user_metric_aliases') }}

),

own_regions as (

    {{ own_region_names('documents') }}

),

-- the label analyzer: labels whose parts match exactly one metric
analyzed as (

    select * from {{ ref('int_labels__matched') }}

),

regions as (

    select * from {{ ref('regions') }}

),

units as (

    select * from {{ ref('units') }}

),

metrics as (

    select * from {{ ref('metrics') }}

),

-- the analyzer's metric holds only when the figure's unit measures the same kind of quantity: a count
-- (529笔) never takes a money metric (专利权质押融资 = the amount), nor a share a count metric
analyzed_checked as (

    select
        figures.document_id,
        figures.figure_no,
        case
            when figure_units.dimension in ('count', 'money', 'ratio')
                and metric_units.dimension in ('count', 'money', 'ratio')
                and figure_units.dimension <> metric_units.dimension
                then null
            else analyzed.metric_id
        end as metric_id,
    from figures
    left join documents
        on figures.document_id = documents.document_id
    left join own_regions
        on figures.document_id = own_regions.document_id
    inner join analyzed
        on analyzed.indicator_key = {{ analysis_key('figures.indicator_key', 'own_regions.own_region_name',
                                                    'own_regions.own_region_short_name') }}
    left join units as figure_units
        on coalesce(figures.raw_unit, '') = figure_units.raw_unit
    left join metrics
        on analyzed.metric_id = metrics.metric_id
    left join units as metric_units
        on metrics.canonical_unit = metric_units.raw_unit

),

joined as (

    select
        figures.*,
        -- the figure's own region: a table row or column, a sentence naming a sub-region or the
        -- country; else the document's (an 其他 row, region_source 'unassigned', has none)
        case when figures.region_source = 'document' then documents.region_code
            else figures.figure_region_code end as region_code,
        case when figures.region_source = 'document' then documents.region_name
            else figure_regions.name_zh end as region_name,
        case when figures.region_source = 'document' then documents.region_level
            else figure_regions.level end as region_level,
        documents.region_code as document_region_code,
        documents.status as document_status,
        documents.plan_id,
        documents.issue_date,
        documents.plan_period_end,
        coalesce(
            document_aliases.metric_id, user_aliases.metric_id, global_aliases.metric_id, analyzed.metric_id
        ) as metric_id,
        case
            when document_aliases.metric_id is not null then coalesce(document_aliases.basis_hint, '')
            when user_aliases.metric_id is not null then ''
            else coalesce(global_aliases.basis_hint, '')
        end as alias_basis_hint,
        case
            when document_aliases.metric_id is not null then 'document'
            when user_aliases.metric_id is not null then 'user'
            when global_aliases.metric_id is not null then 'global'
            when analyzed.metric_id is not null then 'analyzer'
            else 'unmapped'
        end as alias_scope,

    from figures
    left join documents
        on figures.document_id = documents.document_id
    left join regions as figure_regions
        on figures.figure_region_code = cast(figure_regions.region_code as varchar)
    left join document_aliases
        on figures.indicator_key = document_aliases.indicator_key
        and figures.document_id = document_aliases.document_id
    left join user_aliases
        on figures.indicator_key = user_aliases.indicator_key
    left join global_aliases
        on figures.indicator_key = global_aliases.indicator_key
    left join analyzed_checked as analyzed
        on figures.document_id = analyzed.document_id
        and figures.figure_no = analyzed.figure_no

)

select * from joined
