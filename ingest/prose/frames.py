"""Section frames: a goals section (主要目标) makes its figures targets, a results section (发展基础) actuals, until the next heading of its level."""

from __future__ import annotations

from dataclasses import dataclass, replace

from ingest import vocabulary as vocab
from ingest.prose.timecontext import Context
from ingest.text import clean_line, nfkc

MAX_HEADING = 40  # characters: a longer line is a sentence, not a heading


@dataclass(frozen=True)
class Frame:
    """The kind a section's heading gives its figures, the words that said it and the heading's line."""

    kind: str        # target / actual
    words: str
    line: int

    def reason(self) -> str:
        return f"section {self.words} (line {self.line})"


def heading_level(text: str) -> int | None:
    """0 for 第X章, 1 for 一、, 2 for （一）, 3 for 1、/1. ; None for a line that is no heading."""
    if len(text) > MAX_HEADING or text.endswith(("。", "；", ";")):
        return None
    for level, pattern in enumerate(vocab.HEADING_LEVELS):
        if pattern.match(text):
            return level
    return None


def classify_heading(text: str, line: int) -> Frame | None:
    if m := vocab.GOAL_SECTION.search(text):
        return Frame("target", m.group(0), line)
    if m := vocab.ACHIEVED_SECTION.search(text):
        return Frame("actual", m.group(0), line)
    return None


def section_frames(lines: list[str], skip: set[int] | frozenset[int] = frozenset()) -> list[Frame | None]:
    """Per line (0-based), the innermost framing section it lies in; a heading closes every open section
    of its level or deeper. Lines in `skip` (1-based: tables) are not headings."""
    open_sections: list[tuple[int, Frame | None]] = []
    out: list[Frame | None] = []
    for no, raw in enumerate(lines, start=1):
        text = nfkc(clean_line(raw[:200])).strip() if no not in skip else ""
        level = heading_level(text) if text else None
        if level is None and text and len(text) <= 12 and (vocab.GOAL_SECTION.fullmatch(text) or vocab.ACHIEVED_SECTION.fullmatch(text)):
            level = 1  # an unnumbered heading that is only a section's name ('发展基础')
        if level is not None:
            open_sections = [(lv, f) for lv, f in open_sections if lv < level]
            open_sections.append((level, classify_heading(text, no)))
        out.append(next((f for _, f in reversed(open_sections) if f is not None), None))
    return out


def framed(ctx: Context | None, frame: Frame | None, plan: tuple[int | None, int | None],
           doc_year: int | None) -> Context | None:
    """The clause's time under its section's frame: a results section (发展基础) makes a target year that is
    not in the future an actual; a future year there conflicts and gives `unknown`; in a goals section (主要目标)
    of an undated plan, an actual read from words alone (新增, 累计) is a target."""
    if frame is None:
        return ctx
    if ctx is None:
        return None  # a section gives a kind, not a year: a clause with no time of its own states no figure
    if ctx.kind not in ("target", "actual") or ctx.kind == frame.kind:
        return ctx
    if frame.kind == "target":
        past = ctx.year is not None and ((doc_year is not None and ctx.year < doc_year)
                                         or (plan[0] is not None and ctx.year < plan[0]))
        if past or "before" in ctx.reason or doc_year is not None:
            return ctx  # a baseline in a goals section ('2020年为…'), or an actual the document's date fixes
        return replace(ctx, kind="target", reason=f"{frame.reason()}; {ctx.reason}")
    past = ctx.year is not None and ((doc_year is not None and ctx.year <= doc_year and "after" not in ctx.reason)
                                     or (doc_year is None and plan[0] is not None and ctx.year < plan[0]))
    if not past:
        return replace(ctx, kind="unknown", reason=f"{ctx.reason} in {frame.reason()}: conflicting cues")
    return replace(ctx, kind="actual", reason=f"{frame.reason()}; {ctx.reason}")
