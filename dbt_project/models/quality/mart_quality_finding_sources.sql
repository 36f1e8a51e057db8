-- The quoted sources of every quality finding: one row per finding × source (observation, or
-- the table itself for an empty indicator table), in document and line order, at most
-- var('max_sources_per_finding') per finding so the mart grows linearly with the findings (a
-- conflict in a region with hundreds of documents quotes its first sources; n_sources in
-- mart_quality_findings counts them all).

with

findings as (

    select * from {{ ref('int_quality_findings__unioned') }}

),

observations as (

    select * from {{ ref('fct_indicator_observation') }}

),

observation_refs as (

    select
        finding_id,
        unnest(observation_ids) as observation_id,
    from findings

),

observation_sources as (

    select
        observation_refs.finding_id,
        observations.observation_id,
        observations.document_id,
        observations.source_line,
        observations.source_text,
        observations.value,
        observations.unit,
        observations.raw_value,
        observations.raw_unit,
        observations.qualifier,
    from observation_refs
    inner join observations
        on observation_refs.observation_id = observations.observation_id

),

table_sources as (

    select
        finding_id,
        null::varchar as observation_id,
        document_id,
        source_line,
        source_text,
        null::double as value,
        null::varchar as unit,
        null::varchar as raw_value,
        null::varchar as raw_unit,
        null::varchar as qualifier,
    from findings
    where document_id is not null

),

all_sources as (

    select * from observation_sources
    union all
    select * from table_sources

),

numbered as (

    select
        finding_id,
        row_number() over (
            partition by finding_id
            order by document_id, source_line, observation_id
        )::integer as source_no,
        observation_id,
        document_id,
        source_line,
        source_text,
        value,
        unit,
        raw_value,
        raw_unit,
        qualifier,
    from all_sources

),

final as (

    select * from numbered
    where source_no <= {{ var('max_sources_per_finding', 50) }}

)

select * from final
