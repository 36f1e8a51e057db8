"""Section frames: a goals section (主要目标) makes its figures targets, a results section (发展基础) actuals, until the next heading of its level."""

from __future__ import annotations

from dataclasses import dataclass

from ingest import timewords as tw
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
    for level, pattern in enumerate(tw.HEADING_LEVELS):
        if pattern.match(text):
            return level
    return None


def classify_heading(text: str, line: int) -> Frame | None:
    if m := tw.GOAL_SECTION.search(text):
        return Frame("target", m.group(0), line)
    if m := tw.ACHIEVED_SECTION.search(text):
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
        if level is None and text and len(text) <= 12 and (tw.GOAL_SECTION.fullmatch(text) or tw.ACHIEVED_SECTION.fullmatch(text)):
            level = 1  # an unnumbered heading that is only a section's name ('发展基础')
        if level is not None:
            open_sections = [(lv, f) for lv, f in open_sections if lv < level]
            open_sections.append((level, classify_heading(text, no)))
        out.append(next((f for _, f in reversed(open_sections) if f is not None), None))
    return out
