{#
  The key the label analyzer reads: the figure's indicator_key with the document's own region
  named in it removed (成都市有效发明专利拥有量 in a 成都市 text, 江西全省新增专利授权 in a 江西省 text).
  Only the document's own region (full or short name, then an optional 全省/全市/全区/全县): a label
  naming another region (青岛… in a 山东省 text) keeps the name and stays unmapped, so a figure is never
  mapped under the wrong region. Aliases still match the indicator_key as written.
#}
{% macro analysis_key(key, full_name, short_name) -%}
    case
        when {{ full_name }} is null or not regexp_full_match({{ full_name }}, '[\x{4e00}-\x{9fff}]{2,}')
            then {{ key }}
        -- neither name in the label: nothing to remove (and no per-row regex to compile, the costly case)
        when not contains({{ key }}, {{ full_name }}) and not contains({{ key }}, coalesce({{ short_name }}, {{ full_name }}))
            then {{ key }}
        else regexp_replace(
            {{ key }},
            '(?:' || {{ full_name }}
                || case when regexp_full_match(coalesce({{ short_name }}, ''), '[\x{4e00}-\x{9fff}]{2,}')
                        then '|' || {{ short_name }} else '' end
                || ')(?:全省|全市|全区|全县)?',
            '', 'g')
    end
{%- endmacro %}

{% macro own_region_names(documents) -%}
    {#- full and short name of each document's region (regions seed by code, else the name as catalogued) -#}
    select
        {{ documents }}.document_id,
        coalesce(own_regions.name_zh, {{ documents }}.region_name) as own_region_name,
        own_regions.short_name as own_region_short_name,
    from {{ documents }}
    left join {{ ref('regions') }} as own_regions
        on cast(own_regions.region_code as varchar) = {{ documents }}.region_code
{%- endmacro %}
