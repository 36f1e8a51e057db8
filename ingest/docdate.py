"""The document's own time from its text: the date it speaks from, and the period a plan covers."""

from __future__ import annotations

from dataclasses import dataclass

from ingest.numbers import five_year_plan_end
from ingest.text import clean_line, nfkc
from ingest import vocabulary as vocab

HEAD_LINES = 15   # a page header or a notice's head: title, source, date, document number
TAIL_LINES = 8    # a notice's signature: the issuing body and its date
NOTICE_LINES = 3  # a notice issuing a plan says so in its first lines


@dataclass(frozen=True)
class DocDate:
    """When a document speaks from: a year, the full date when the text gives one, and where it was found."""

    year: int
    iso: str | None           # 2022-04-28, or None when only the year is known (文号, title)
    how: str                  # 发布日期 / dateline / signature / 文号 / title
    line: int                 # 1-based

    def note(self) -> str:
        """The inferred_fields entry: field name first, no comma inside ('issue_date (2022-04-28: 发布日期; line 2)')."""
        what = "issue_date" if self.iso else "document_year"
        return f"{what} ({self.iso or self.year}: {self.how}; line {self.line})"


@dataclass(frozen=True)
class PlanPeriod:
    start: int
    end: int
    how: str                  # title / notice / reviewed period / targets
    line: int | None = None

    def note(self) -> str:
        """The inferred_fields entry: field name first, no comma inside ('plan_period (2021-2025: title; line 1)')."""
        where = f"; line {self.line}" if self.line else ""
        return f"plan_period ({self.start}-{self.end}: {self.how}{where})"


def _iso(y: int, m: int, d: int | None) -> str | None:
    if not (1 <= m <= 12) or (d is not None and not 1 <= d <= 31):
        return None
    return f"{y:04d}-{m:02d}-{d:02d}" if d else None


def _cn_number(text: str) -> int:
    if text in vocab.CN_MONTH:
        return vocab.CN_MONTH[text]
    if text.startswith("二十") or text.startswith("三十"):
        return 10 * vocab.CN_MONTH[text[0]] + (vocab.CN_MONTH.get(text[2:], 0) if len(text) > 2 else 0)
    return 0


def document_date(lines: list[str]) -> DocDate | None:
    """The date a document states for itself, most explicit first: a labelled date line in its head
    (发布日期：2022年04月28日), a line that is only a date or a dated source stamp in its head, the
    signature date at its end, the year of its document number (〔2021〕12号), a year its title begins with."""
    n = len(lines)
    head = [(i, nfkc(clean_line(lines[i][:300]))) for i in range(min(n, HEAD_LINES))]
    tail = [(i, nfkc(clean_line(lines[i][:300]))) for i in range(max(0, n - TAIL_LINES), n)]
    for i, text in head:
        if (m := vocab.DATE_LABEL.search(text)) and len(text) <= 120:
            y, mo, d = int(m.group("y")), int(m.group("m")), m.group("d")
            return DocDate(y, _iso(y, mo, int(d) if d else None), m.group("label"), i + 1)
    for i, text in head:
        if m := vocab.DATE_LINE.match(text):
            return DocDate(int(m.group("y")), _iso(int(m.group("y")), int(m.group("m")), int(m.group("d"))),
                           "dateline", i + 1)
        if len(text) <= 80 and (m := vocab.DATED_SOURCE.search(text)):
            return DocDate(int(m.group("y")), _iso(int(m.group("y")), int(m.group("m")), int(m.group("d"))),
                           "dateline", i + 1)
        if len(text) <= 80 and (m := vocab.STAMP.search(text)):
            y, mo, d = (m.group("y"), m.group("m"), m.group("d")) if m.group("y") else (m.group("y2"), m.group("m2"), m.group("d2"))
            return DocDate(int(y), _iso(int(y), int(mo), int(d)), "dateline", i + 1)
    for i, text in reversed(tail):
        if m := vocab.DATE_LINE.match(text):
            return DocDate(int(m.group("y")), _iso(int(m.group("y")), int(m.group("m")), int(m.group("d"))),
                           "signature", i + 1)
        if m := vocab.CN_DATE_LINE.match(text):
            y = int("".join(str(vocab.CN_DATE_DIGITS[c]) for c in m.group("y")))
            return DocDate(y, _iso(y, _cn_number(m.group("m")), _cn_number(m.group("d")) or None), "signature", i + 1)
    for i, text in head:
        if (m := vocab.DOC_NUMBER.search(text)) and len(text) <= 60:
            return DocDate(int(m.group("y")), None, "文号", i + 1)
    for i, text in head[:3]:
        stripped = text.strip()
        if stripped and len(stripped) <= 40 and not stripped.endswith(("。", "；")) and (m := vocab.TITLE_YEAR.match(stripped)):
            return DocDate(int(m.group("y")), None, "title", i + 1)
        if stripped:
            break
    return None


def name_year(name: str) -> int | None:
    """The year a file's name carries ('jiangxi-2024h1' -> 2024, 't20240810_5268' -> 2024), when it names
    exactly one; None for no year or several ('plan_2024_2026'). The weakest clue to a document's date."""
    years = {int(m.group("y")) for m in vocab.NAME_YEAR.finditer(name)}
    return years.pop() if len(years) == 1 else None


def _period_in(text: str) -> tuple[int, int] | None:
    if m := vocab.PLAN_RANGE.search(text):
        start, end = int(m.group(1)), int(m.group(2))
        if 0 < end - start <= 15:
            return start, end
    if m := vocab.FIVE_YEAR.search(text):
        end = five_year_plan_end(m.group(1))
        return end - 4, end
    return None


def _is_title(text: str) -> bool:
    """A short line naming a plan that is not a section heading or a review ('一、“十三五”规划目标如期完成')."""
    return (0 < len(text) <= 60 and names_plan(text) and not text.endswith(("。", "：", ":"))
            and not any(h.match(text) for h in vocab.HEADING_LEVELS) and not vocab.REVIEWED_PERIOD.search(text)
            and not vocab.CAPTION_START.search(text))


def plan_period(lines: list[str], title: str | None = None, doc_year: int | None = None) -> PlanPeriod | None:
    """The period a plan covers: from its title (“十四五”, 2021—2025年), else from the notice issuing it
    (印发《…(2022-2025年)》), else from what it reviews (a text reporting 十三五 results plans 十四五, when
    its own date allows), else from the years it plans for (到2024年), else a 十X五 its head names."""
    if title and _is_title(nfkc(title).strip()) and (p := _period_in(nfkc(title))):
        return PlanPeriod(*p, "title")
    head = [(i, nfkc(clean_line(lines[i][:500]))) for i in range(min(len(lines), 30))]
    for i, text in head:
        stripped = text.strip()
        if _is_title(stripped):
            if p := _period_in(stripped):
                return PlanPeriod(*p, "title", i + 1)
    joined = "".join(t for _, t in head)
    for m in vocab.NOTICE.finditer(joined):
        if p := _period_in(m.group(1)):
            line = next((i + 1 for i, t in head if m.group(1)[:6] in t), None)
            # the notice issuing the plan heads the text ('关于印发《…》的通知', '现将《…》印发给你们'); a plan a news
            # story says was issued (近年来…出台《…(2021-2035年)》) is another document
            if m.group(0).startswith("现将") or (line is not None and line <= NOTICE_LINES):
                return PlanPeriod(*p, "notice", line)
    for i in range(min(len(lines), 60)):
        text = nfkc(clean_line(lines[i][:2000]))
        if (m := vocab.REVIEWED_PERIOD.search(text)) and (doc_year is None or five_year_plan_end(m.group(1)) <= doc_year):
            end = five_year_plan_end(m.group(1)) + 5
            return PlanPeriod(end - 4, end, f"review of the 十{m.group(1)}五", i + 1)
    planned: dict[int, int] = {}
    first_line: dict[int, int] = {}
    for i, line in enumerate(lines[:400]):
        for m in vocab.PLANNED_YEAR.finditer(nfkc(line[:5000])):
            y = int(m.group(1))
            if doc_year is None or y >= doc_year:
                planned[y] = planned.get(y, 0) + 1
                first_line.setdefault(y, i + 1)
    if planned:
        end = max(planned, key=lambda y: (planned[y], y))
        if planned[end] >= 2:
            starts = [int(m.group(1)) for line in lines[:400] for m in vocab.PHASE_RANGE.finditer(nfkc(line[:5000]))
                      if end - 5 <= int(m.group(1)) < end and int(m.group(2)) <= end]
            fyp = [m for m in vocab.FIVE_YEAR.finditer(joined) if five_year_plan_end(m.group(1)) == end]
            if fyp:
                start = end - 4  # 到2025年 in a text naming the 十四五: the five-year plan
            else:
                start = doc_year if doc_year and doc_year < end else (min(starts) if starts else None)
            if start is None and end % 5 == 0:
                start = end - 4  # 到2025年 with no other clue: the five years before it
            if start is not None:
                return PlanPeriod(start, end, f"years it plans for 到{end}年", first_line[end])
    if m := vocab.FIVE_YEAR.search(vocab.QUOTED_TITLE.sub("", joined[:3000])):
        end = five_year_plan_end(m.group(1))
        line = next((i + 1 for i, t in head if m.group(0) in t), None)
        return PlanPeriod(end - 4, end, "text", line)
    return None


def names_plan(text: str) -> bool:
    """Whether a line names a plan (规划 / 方案 / 计划 / 纲要 / 意见 / 行动)."""
    return vocab.PLAN_WORDS.search(text) is not None
