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

joined as (

    select
        figures.*,
        documents.region_code,
        documents.region_name,
        documents.region_level,
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
    left join document_aliases
        on figures.indicator_key = document_aliases.indicator_key
        and figures.document_id = document_aliases.document_id
    left join user_aliases
        on figures.indicator_key = user_aliases.indicator_key
    left join global_aliases
        on figures.indicator_key = global_aliases.indicator_key
    left join own_regions
        on figures.document_id = own_regions.document_id
    left join analyzed
        on analyzed.indicator_key = {{ analysis_key('figures.indicator_key', 'own_regions.own_region_name',
                                                    'own_regions.own_region_short_name') }}

)

select * from joined
