-- The label analyzer: every indicator_key read into its parts (scope, denominator, IP object,
-- measure) with the seed label_part_rules; what no rule recognizes is kept as the residual.

with

figures as (

    select * from {{ ref('stg_raw__figures') }}

),

rules as (

    select * from {{ ref('label_part_rules') }}

),

documents as (

    select * from {{ ref('stg_raw__documents') }}

),

own_regions as (

    {{ own_region_names('documents') }}

),

-- every label as written and as the analyzer reads it for its document, without the document's own
-- region name in it (macro analysis_key; int_figures__mapped joins on the latter)
labels as (

    select indicator_key
    from figures
    where indicator_key is not null and indicator_key <> ''
    union
    select
        {{ analysis_key('figures.indicator_key', 'own_regions.own_region_name', 'own_regions.own_region_short_name') }}
    from figures
    left join own_regions
        on figures.document_id = own_regions.document_id
    where figures.indicator_key is not null and figures.indicator_key <> ''

),

-- higher priority first, then the longer pattern: one regex alternation tries them in this
-- order at every position, so a compound word (注册商标) wins over its part (注册)
ordered_rules as (

    select
        *,
        row_number() over (order by priority desc, length(pattern) desc, pattern) as rule_order,
    from rules

),

vocabulary as (

    select string_agg('(?:' || pattern || ')', '|' order by rule_order) as pattern
    from ordered_rules

),

tokenized as (

    select
        labels.indicator_key,
        regexp_extract_all(labels.indicator_key, vocabulary.pattern) as token_list,
        regexp_replace(labels.indicator_key, vocabulary.pattern, '', 'g') as residual,
    from labels
    cross join vocabulary

),

tokens as (

    select
        indicator_key,
        unnest(token_list) as token,
        unnest(generate_series(1, len(token_list))) as token_no,
    from tokenized

),

-- each distinct token takes the first rule (in vocabulary order) that matches all of it; matched
-- once per distinct token, not per label (a rule's pattern is compiled for every pair it is tried on)
distinct_tokens as (

    select distinct token
    from tokens

),

token_words as (

    select
        distinct_tokens.token,
        ordered_rules.scope,
        ordered_rules.denominator,
        ordered_rules.ip_object,
        ordered_rules.measure,
        ordered_rules.word_kind,
    from distinct_tokens
    inner join ordered_rules
        on regexp_full_match(distinct_tokens.token, ordered_rules.pattern)
    qualify row_number() over (partition by distinct_tokens.token order by ordered_rules.rule_order) = 1

),

token_rules as (

    select
        tokens.indicator_key,
        tokens.token_no,
        tokens.token,
        token_words.scope,
        token_words.denominator,
        token_words.ip_object,
        token_words.measure,
        token_words.word_kind,
    from tokens
    inner join token_words
        on tokens.token = token_words.token

),

collected as (

    select
        indicator_key,
        list_sort(list_distinct(list(scope) filter (where scope is not null))) as scopes,
        list_sort(list_distinct(list(denominator) filter (where denominator is not null))) as denominators,
        list_sort(list_distinct(list(ip_object) filter (where ip_object is not null))) as ip_objects,
        -- a growth rate of a quantity (技术合同成交额增长率) is the growth measure: the quantity's own
        -- measure word says what grows, not a second measure
        case
            when list_contains(list(measure), 'growth') then ['growth']
            else list_sort(list_distinct(list(measure) filter (where measure is not null)))
        end as measures,
        list_sort(list_distinct(list(measure) filter (where measure is not null and measure <> 'growth')))
            as quantity_measures,
        list(token order by token_no) filter (where word_kind = 'basis') as basis_words,
        list(token order by token_no) as tokens,
    from token_rules
    group by indicator_key

),

final as (

    select
        tokenized.indicator_key,
        case len(coalesce(collected.scopes, []))
            when 0 then 'region' when 1 then collected.scopes[1]
        end as scope,
        case len(coalesce(collected.denominators, []))
            when 0 then 'none' when 1 then collected.denominators[1]
        end as denominator,
        case when len(collected.ip_objects) = 1 then collected.ip_objects[1] end as ip_object,
        case when len(collected.measures) = 1 then collected.measures[1] end as measure,
        -- the measure of the quantity itself (拥有量 in 万人发明专利拥有量增幅): what a growth rate is of
        case when len(collected.quantity_measures) = 1 then collected.quantity_measures[1] end as quantity_measure,
        coalesce(array_to_string(collected.basis_words, '|'), '') as basis_words,
        coalesce(array_to_string(collected.tokens, '|'), '') as tokens,
        tokenized.residual,
        -- parts stated twice with different values (专利及商标): never one metric
        concat_ws(', ',
            case when len(collected.scopes) > 1 then 'scope: ' || array_to_string(collected.scopes, '+') end,
            case when len(collected.denominators) > 1 then 'denominator: ' || array_to_string(collected.denominators, '+') end,
            case when len(collected.ip_objects) > 1 then 'ip_object: ' || array_to_string(collected.ip_objects, '+') end,
            case when len(collected.measures) > 1 then 'measure: ' || array_to_string(collected.measures, '+') end
        ) as conflicting_parts,
    from tokenized
    left join collected
        on tokenized.indicator_key = collected.indicator_key

)

select
    *,
    residual = '' and conflicting_parts = '' and ip_object is not null as is_fully_read,
from final
