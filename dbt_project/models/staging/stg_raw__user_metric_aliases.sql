with

source as (

    select * from {{ source('raw', 'user_metric_aliases') }}

),

renamed as (

    select
        cast(indicator_key as varchar) as indicator_key,
        cast(metric_id as varchar) as metric_id,
        cast(label_as_written as varchar) as label_as_written,
        cast(accepted_at as varchar) as accepted_at,

    from source

),

-- the last acceptance of a label wins
final as (

    select * from renamed
    qualify row_number() over (partition by indicator_key order by accepted_at desc nulls last) = 1

)

select * from final
