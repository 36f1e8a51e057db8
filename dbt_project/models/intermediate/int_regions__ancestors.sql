-- Every region with each of its ancestors (parent, grandparent, … up to the country) and how many
-- steps up it is; a parent_code that is not a known region ends the chain.

with recursive

regions as (

    select region_code, parent_code from {{ ref('dim_region') }}

),

chain as (

    select
        child.region_code,
        parent.region_code as ancestor_code,
        1 as depth,
    from regions as child
    inner join regions as parent
        on child.parent_code = parent.region_code

    union all

    select
        chain.region_code,
        parent.region_code as ancestor_code,
        chain.depth + 1 as depth,
    from chain
    inner join regions as step
        on chain.ancestor_code = step.region_code
    inner join regions as parent
        on step.parent_code = parent.region_code
    -- four levels (country, province, city, county): the bound only stops a cycle in the parent codes
    where chain.depth < {{ var('max_region_depth', 8) }}

),

final as (

    select
        region_code,
        ancestor_code,
        min(depth) as depth,
    from chain
    group by region_code, ancestor_code

)

select * from final
