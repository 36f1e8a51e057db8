"""A prose figure assembled from what the other parts decided: the number, its label, qualifier and basis, and the clause's time and kind."""

from __future__ import annotations

from ingest.labels import indicator_key
from ingest.model import Figure
from ingest.numbers import multiplier_of
from ingest.prose.quantities import quantity
from ingest.prose.timecontext import Context
from ingest.timeperiod import sdmx_period
from ingest.vocabulary import ASPIRATION


def make_figure(label: str, num: str, mult: str | None, unit: str | None, ctx: Context, line: int,
                sentence: str, qualifier_word: str | None = None, basis: str | None = None,
                year: int | None = None) -> Figure:
    """The figure `num` `mult``unit` labelled `label`, of the time `ctx` (or of `year`, written with the value)."""
    raw_value, number = quantity(num)
    raw_unit = ((mult or "") + (unit or "")) or None
    q_word = qualifier_word or (ASPIRATION if ctx.aspirational else None)
    hint = basis or ctx.hint
    if label.startswith("新增"):
        hint = "新增" if not hint else hint + ",新增"
    fig_year = year if year is not None else ctx.year
    start, end = (ctx.period_start, ctx.period_end) if year is None else (None, None)
    where = ctx.line if ctx.line is not None else line
    return Figure(
        source_kind="prose",
        source_line=line,
        indicator_label=label,
        indicator_key=indicator_key(label),
        raw_value=raw_value,
        value_number=number,
        multiplier=mult or multiplier_of(raw_unit),
        raw_unit=raw_unit,
        year=year if year is not None else ctx.year,
        value_kind=ctx.kind,
        source_text=sentence.strip(),
        qualifier=">=" if q_word else "",
        qualifier_text=q_word,
        basis_hint=hint,
        period_start=start,
        period_end=end,
        time_period=sdmx_period(fig_year, ctx.part if year is None or year == ctx.year else None, start, end),
        kind_reason=f"{ctx.kind}: {ctx.reason or 'no cue'} (line {where})",
    )
