"""Figures stated in prose: the document walk that reads each line, sentence and clause under its time (the parts: see each module)."""

from __future__ import annotations

import re
from dataclasses import replace

from ingest.errors import ParseError
from ingest.model import Figure
from ingest.prose.clause import extract_clause
from ingest.prose.distractors import (FURNITURE, FURNITURE_SPAN, NATIONAL_QUOTE, THRESHOLD_NEAR_LINES,
                                      drop_restated_thresholds, firm_clauses)
from ingest.prose.frames import framed, section_frames
from ingest.prose.lines import join_split_numbers, sentences, split_clauses
from ingest.prose.shapes import DATED_VALUE, FROM_TO, YearListMismatch
from ingest.prose.listlabels import complete_labels
from ingest.prose.phrases import last_subject, subject_of
from ingest.prose.tidy import tidy
from ingest.prose.doctime import document_month, document_year, is_dated, relative_years, text_year
from ingest.prose.timecontext import Context, carried, context_of, span_total
from ingest.text import clean_line, nfkc
from ingest.vocabulary import HEADING_START

# a sentence without a digit or a Chinese numeral states no figure (most sentences of a plan)
_ANY_NUMBER = re.compile(r"[0-9两二三四五六七八九十百千]")


def _same_time(a: Context, b: Context | None) -> bool:
    return b is not None and (a.year, a.period_start, a.period_end, a.part) == (b.year, b.period_start, b.period_end, b.part)


def _near_before(figures: list[Figure], start: int, line: int) -> list[Figure]:
    """The figures before `start` read from the last THRESHOLD_NEAR_LINES lines (figures are in line order,
    so the scan stops at the first one further back: linear in a long document)."""
    k = start
    while k > 0 and line - figures[k - 1].source_line <= THRESHOLD_NEAR_LINES:
        k -= 1
    return figures[k:start]


def _document_time(lines: list[str], skip: set[int], plan: tuple[int | None, int | None], doc_date: str | None,
                   plan_named_only: bool, name_year: int | None) -> tuple[int | None, bool, int | None, str | None]:
    """The year the text speaks from, whether the text itself leaves it open (undated), its month, and how
    the year was read when the text states none: (doc_year, undated, doc_month, year_note)."""
    # a plan period read only from a 十X五 the text names (a news item, not a plan) does not stand for its date
    doc_year = document_year(lines, doc_date, (None, None) if plan_named_only else plan, skip)
    undated = doc_year is not None and not is_dated(lines, doc_date)
    doc_month = document_month(doc_date)
    year_note = None
    if undated and (read := text_year(lines, skip)):
        (doc_year, year_note), undated = read, False
    if ((doc_year is None or undated) and name_year is not None and (plan[0] is None or plan_named_only)
            and name_year >= (doc_year or 0) and relative_years(lines, skip) != {"last"}):
        doc_year, year_note, undated = name_year, f"the year in the file's name, {name_year}", False
    return doc_year, undated, doc_month, year_note


def _line_text(raw: str) -> tuple[str, str] | None:
    """The line as read (tidied, NFKC) and as quoted, page furniture removed; None for a furniture line."""
    original = clean_line(raw).strip().lstrip("\t").strip()
    if FURNITURE.search(original):
        if len(original) < 60:
            return None
        original = FURNITURE_SPAN.sub("", original)
    return tidy(nfkc(original)), original


def _dated_pairs(sentence: str, line: int, quote: str, figures: list[Figure]) -> tuple[str, Context | None]:
    """The 从YYYY年…到YYYY年 pairs of a sentence read first (appended to `figures`) and blanked out of it;
    the time of the last pair, for a sentence with no other time cue."""
    from_to_ctx = None
    if ("从" in sentence or "由" in sentence) and DATED_VALUE.search(sentence) and FROM_TO.search(sentence):
        for m in FROM_TO.finditer(sentence):
            figures.extend(extract_clause(m.group(0), None, line, quote))
            from_to_ctx = Context("actual", int(m.group("y2")), reason=f"{m.group('y2')}年 (从…到…)", line=line,
                                  from_year=int(m.group("y1")))
        sentence = FROM_TO.sub(lambda m: ";" * len(m.group(0)), sentence)
    return sentence, from_to_ctx


def extract_prose(lines: list[str], skip: set[int], plan: tuple[int | None, int | None],
                  warnings: list[tuple[int, str]] | None = None, doc_date: str | None = None,
                  national: bool = False, plan_named_only: bool = False, name_year: int | None = None) -> list[Figure]:
    """Every figure stated in the document's prose; `skip` holds 1-based lines of indicator tables.

    Passages that look like figures but cannot be read (a year list whose values do not match
    its years) are reported in `warnings` as (line, message). `doc_date` (the catalog issue date)
    fixes the year the text speaks from (actual vs target, 今年/去年); `national` keeps figures of a
    quoted national plan, which a regional text drops. `name_year` (the year in the file's name) dates
    a text that states no date of its own and is not a plan, unless the text reports a later year or
    speaks of 去年 and never 今年 (a file named after the year its figures report).

    The walk: per line (headings reset the time), per sentence (its 从…到… pairs first, then its own time
    or the one carried from before), per clause (a firm's and a quoted national plan's skipped; the clause's
    own time, its section's frame, a span total; then its figures), then the line's list labels completed.
    """
    figures: list[Figure] = []
    inherited: Context | None = None
    lines = join_split_numbers(lines, skip)
    doc_year, undated, doc_month, year_note = _document_time(lines, skip, plan, doc_date, plan_named_only, name_year)
    frames = section_frames(lines, skip)

    def time_of(text: str, line: int, current: Context | None) -> Context | None:
        own = context_of(text, plan, doc_year, undated, doc_month, current.year if current else None, year_note)
        return replace(own, line=line) if own is not None and own.line is None else own

    for i, raw in enumerate(lines, start=1):
        if i in skip:
            continue
        read = _line_text(raw)
        if read is None:
            continue
        text, original = read
        if not text:
            continue
        if HEADING_START.match(text) and len(text) < 60:
            inherited = None
            continue
        ctx = inherited
        line_start = len(figures)
        for sentence, quote in sentences(text, original):
            start = len(figures)
            sentence, from_to_ctx = _dated_pairs(sentence, i, quote, figures)
            sentence_ctx = time_of(sentence, i, ctx) or from_to_ctx
            if sentence_ctx:
                ctx = sentence_ctx
            elif ctx is not None:
                ctx = carried(ctx, sentence)
            if not _ANY_NUMBER.search(sentence):
                continue  # no number, no figure: only the sentence's time context carries on
            clause_ctx = ctx
            subject = None
            quoting = False
            for clause, of_firm in zip(split_clauses(sentence), firm_clauses(sentence)):
                if of_firm:
                    continue  # a firm's figures, not the region's
                if NATIONAL_QUOTE.search(clause) and not national:
                    quoting = True
                if quoting:
                    continue
                own = time_of(clause, i, clause_ctx)
                if own and not _same_time(own, clause_ctx):
                    clause_ctx = own  # a clause's own cue; the same time as its sentence's keeps the sentence's reading

                clause_ctx = framed(clause_ctx, frames[i - 1], plan, doc_year)
                clause_ctx = span_total(clause, clause_ctx)
                notes: list[str] = []
                try:
                    figures.extend(extract_clause(clause, clause_ctx, i, quote, subject,
                                                  last_subject(figures[line_start:]), notes))
                except (YearListMismatch, ParseError) as exc:
                    notes.append(f"{exc}; none of the clause's figures was read" if isinstance(exc, ParseError)
                                 else str(exc))
                if warnings is not None:
                    warnings += [(i, note) for note in notes]
                subject = subject_of(clause)
            figures[start:] = drop_restated_thresholds(figures[start:], _near_before(figures, start, i))
        figures[line_start:] = complete_labels(figures[line_start:])
        inherited = ctx
    figures = _dedupe(figures)
    if warnings is not None:
        warnings += _kind_warnings(figures)
    return figures


def _kind_warnings(figures: list[Figure]) -> list[tuple[int, str]]:
    """A warning per figure whose kind cannot be told, and per line whose figures have no year."""
    out = []
    for f in figures:
        if f.value_kind == "unknown":
            out.append((f.source_line, f"{f.indicator_label} {f.raw_value}{f.raw_unit or ''}: target or actual "
                                       f"cannot be told ({f.kind_reason}); stored as unknown"))
    for line_no in sorted({f.source_line for f in figures if f.year is None}):
        out.append((line_no, "relative time (今年, 目前) in a text with no date of its own: the year of its "
                             "figures is left unknown; give the document an issue_date in the catalog"))
    return out


def _dedupe(figures: list[Figure]) -> list[Figure]:
    seen: set[tuple] = set()
    out = []
    for f in figures:
        key = (f.source_line, f.indicator_key, f.raw_value, f.year, f.value_kind)
        if key in seen:
            continue
        seen.add(key)
        out.append(f)
    return out


__all__ = ["extract_prose", "extract_clause", "context_of", "document_year", "tidy", "Context", "YearListMismatch", "replace"]
