{#- The row contract of a quality-check model, in one test node: finding_id present and unique,
    check_name and severity present and from their lists, details present. Each failing row says
    what is wrong with it. -#}
{% test quality_finding_rows(model, check_names, severities) %}

with

findings as (

    select
        *,
        count(*) over (partition by finding_id) as n_with_id,
    from {{ model }}

),

final as (

    select
        case
            when finding_id is null then 'finding_id is null'
            when n_with_id > 1 then 'finding_id is not unique'
            when check_name is null then 'check_name is null'
            when check_name not in ('{{ check_names | join("', '") }}') then 'check_name not accepted'
            when severity is null then 'severity is null'
            when severity not in ('{{ severities | join("', '") }}') then 'severity not accepted'
            else 'details is null'
        end as problem,
        finding_id,
        check_name,
        severity,
    from findings
    where finding_id is null
        or n_with_id > 1
        or check_name is null
        or check_name not in ('{{ check_names | join("', '") }}')
        or severity is null
        or severity not in ('{{ severities | join("', '") }}')
        or details is null

)

select * from final

{% endtest %}
