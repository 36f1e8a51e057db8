"""A figure's period written as SDMX TIME_PERIOD: 2023, 2023-Q1, 2023-S1, 2023-01/2023-08, 2023-06, 2016/2020."""

from __future__ import annotations


def sdmx_period(year: int | None, part: str | None = None, start: int | None = None,
                end: int | None = None) -> str | None:
    """`part` is what a sentence says of the year: Q1..Q4, S1/S2, '01/08' (months 1-8), '06' (a stock at
    the end of June); `start`/`end` a span of years (a period total). None when the year is unknown."""
    if start is not None and end is not None and end > start:
        return f"{start}/{end}"
    if year is None:
        return None
    if not part:
        return str(year)
    if "/" in part:
        first, last = part.split("/")
        if first == "01" and last == "12":
            return str(year)
        return f"{year}-{first}/{year}-{last}"
    if part == "12":
        return str(year)  # a stock at the end of December is the year's
    return f"{year}-{part}"


def is_part_of_year(period: str | None) -> bool:
    """Whether a TIME_PERIOD covers less than a whole year (or a span of years)."""
    return bool(period) and len(period) > 4
