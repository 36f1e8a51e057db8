{#- The calendar year a target is judged against: the build's year (SQL), or var('as_of_year') in unit tests. -#}
{% macro as_of_year() -%}
    {{ var('as_of_year', 'year(current_date)') }}
{%- endmacro %}
