{#- Fails for every row where any of `columns` is null: one test node for a model's required columns
    (each failing row says which column is null). -#}
{% test not_null_columns(model, columns) %}

select
    {% for column in columns %}
    case when {{ column }} is null then '{{ column }} ' else '' end {{- ' ||' if not loop.last }}
    {% endfor %} as null_columns,
    *
from {{ model }}
where {% for column in columns %}{{ column }} is null{{ ' or ' if not loop.last }}{% endfor %}

{% endtest %}
