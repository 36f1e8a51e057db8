-- Region unknown: a document whose region code is missing (no region could be inferred from an
-- ambiguous text) or not in the reference regions. Its figures stay in fct_indicator_observation
-- but cannot be compared or rolled up, so this is an error to fix in the catalog.

with

documents as (

    select * from {{ ref('dim_document') }}

),

regions as (

    select * from {{ ref('dim_region') }}

),

figure_counts as (

    select
        document_id,
        count(*) as n_figures,
    from {{ ref('fct_indicator_observation') }}
    group by document_id

),

-- the quoted source: the document's first non-empty line (its title or heading)
first_lines as (

    select
        document_id,
        line_no,
        line_text,
    from {{ ref('stg_raw__document_lines') }}
    where trim(line_text) <> ''
    qualify row_number() over (partition by document_id order by line_no) = 1

),

unknown as (

    select documents.*
    from documents
    left join regions
        on documents.region_code = regions.region_code
    where regions.region_code is null

),

final as (

    select
        'region_unknown:' || unknown.document_id as finding_id,
        'region_unknown' as check_name,
        'error' as severity,
        unknown.region_code,
        unknown.region_name,
        null::varchar as metric_id,
        null::integer as year,
        null::varchar as value_kind,
        null::varchar as basis,
        'Document ' || unknown.document_id
            || case
                when unknown.region_code is null
                    then ' has no region (none could be inferred from the text, see its ingest warnings)'
                else ' states region code ' || unknown.region_code || coalesce(' (' || unknown.region_name || ')', '')
                    || ', which is not in the reference regions (seed regions.csv)'
            end
            || '; its ' || coalesce(figure_counts.n_figures, 0)
            || ' figures are kept but not compared or rolled up — set region_code in the catalog' as details,
        []::varchar[] as observation_ids,
        unknown.document_id,
        coalesce(first_lines.line_no, 1) as source_line,
        coalesce(first_lines.line_text, unknown.title, '') as source_text,
    from unknown
    left join figure_counts
        on unknown.document_id = figure_counts.document_id
    left join first_lines
        on unknown.document_id = first_lines.document_id

)

select * from final
