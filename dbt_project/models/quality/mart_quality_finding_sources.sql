-- The quoted sources of every quality finding: one row per finding × source (observation, or
-- the table itself for an empty indicator table), in document and line order.

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
    from findings
    where document_id is not null

),

all_sources as (

    select * from observation_sources
    union all
    select * from table_sources

),

final as (

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
    from all_sources

)

select * from final
