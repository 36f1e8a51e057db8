"""Document time for prose: the year (and month) a text speaks from, read from its date, its header or the years it reports, and whether it states that date itself."""

from __future__ import annotations

import re

from ingest import vocabulary as vocab
from ingest.text import clean_line, nfkc


def document_year(lines: list[str], doc_date: str | None, plan: tuple[int | None, int | None],
                  skip: set[int] | frozenset[int] = frozenset()) -> int | None:
    """The year the document speaks from: its catalog date, a date in its header (发布时间 2022-01-05,
    2022年1月5日), or, for a text without a plan period, the latest year its prose reports
    (lines in `skip`, 1-based — tables and over-long lines — are not read)."""
    if doc_date and (m := re.match(r"\s*(\d{4})", doc_date)):
        return int(m.group(1))
    head = [nfkc(clean_line(x[:500])) for x in lines[:8]]
    for line in head:
        if m := vocab.HEADER_DATE.search(line):
            return int(next(g for g in m.groups() if g))
    if plan[0] is not None:
        return None
    years = [int(m.group(1)) for no, line in enumerate(lines, start=1) if no not in skip
             for m in vocab.REPORTED_YEAR.finditer(vocab.QUOTED_TITLE.sub("", nfkc(line)))]
    years = [y for y in years if 1980 <= y <= 2100]
    return max(years) if years else None


def text_year(lines: list[str], skip: set[int] | frozenset[int] = frozenset()) -> tuple[int, str] | None:
    """For a text that states no date of its own, the year it speaks from, read from the latest year Y it
    reports (comparisons such as 比2018年 aside): Y when the text speaks of Y as under way (2024年以来,
    2024年上半年); Y+1 when it says 去年 and never 今年 (2018年全市…, 去年… = 2018). None otherwise: a text
    saying 今年 of a year it never names ('今年一季度…；2018年突破5万件') leaves its year open."""
    readable = [vocab.QUOTED_TITLE.sub("", nfkc(line)) for no, line in enumerate(lines, start=1) if no not in skip]
    years = [int(m.group(1)) for line in readable for m in vocab.STATED_YEAR.finditer(line)]
    latest = max((y for y in years if 1980 <= y <= 2100), default=None)
    if latest is None:
        return None
    running = [int(m.group(1)) for line in readable for m in vocab.IN_PROGRESS.finditer(line)]
    if latest in running:
        return latest, f"the text's year {latest}, under way in it ({latest}年以来/上半年/…)"
    says = relative_years(lines, skip)
    if says == {"last"}:
        return latest + 1, f"the text's year {latest + 1}: 去年 is {latest}, the latest year it reports"
    return None


def relative_years(lines: list[str], skip: set[int] | frozenset[int] = frozenset()) -> set[str]:
    """Which relative years the text uses: 'last' (去年, 上年) and/or 'this' (今年, 本年, 年内)."""
    return {("last" if m.group("last") else "this") for no, line in enumerate(lines, start=1) if no not in skip
            for m in vocab.RELATIVE_YEAR.finditer(vocab.QUOTED_TITLE.sub("", nfkc(line))) if m.group("last") or m.group("this")}


def document_month(doc_date: str | None) -> int | None:
    """The month of an ISO date ('2023-04-28' -> 4); None for a bare year."""
    if doc_date and (m := re.match(r"\s*\d{4}-(\d{1,2})", doc_date)):
        return int(m.group(1))
    return None


def is_dated(lines: list[str], doc_date: str | None) -> bool:
    """Whether the document states its own date (catalog or header), so that 今年/去年 can be resolved."""
    return bool(doc_date) or any(vocab.HEADER_DATE.search(nfkc(clean_line(x[:500]))) for x in lines[:8])


