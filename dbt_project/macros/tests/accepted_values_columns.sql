{#- Fails for every row where a column holds a value outside its list (nulls pass, as with dbt's
    accepted_values): one test node for all of a model's coded columns, e.g.
    values: {value_kind: [actual, target], basis: [stock, annual]}. -#}
{% test accepted_values_columns(model, values) %}

{%- set checks = [] %}
{%- for column, accepted in values.items() %}
    {%- set quoted = [] %}
    {%- for value in accepted %}{% do quoted.append("'" ~ value ~ "'") %}{% endfor %}
    {%- do checks.append((column, quoted | join(', '))) %}
{%- endfor %}
select
    {% for column, listed in checks %}
    case when {{ column }} not in ({{ listed }}) then '{{ column }}=' || {{ column }} || ' ' else '' end
        {{- ' ||' if not loop.last }}
    {% endfor %} as unexpected,
    *
from {{ model }}
where {% for column, listed in checks %}{{ column }} not in ({{ listed }}){{ ' or ' if not loop.last }}{% endfor %}

{% endtest %}
