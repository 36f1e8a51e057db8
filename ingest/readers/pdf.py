"""PDF with a text layer: text by page and line, columns kept as runs of spaces so ruled and aligned tables parse."""

from __future__ import annotations

import re
import statistics

from ingest.errors import ParseError
from ingest.readers.model import Extracted
from ingest.readers.pdf_limits import check_pages, check_streams, page_too_dense
from ingest.readers.pdf_tables import (Char, PageTable, continues, join_split_row, page_tables, same_row,
                                       split_row)
from ingest.tables.table import Cell, fill_merged

_END = tuple("。；;！!？?：:")


def read_pdf(data: bytes) -> Extracted:
    """Each printed line -> one line with ref 'page P line L'; a wrapped paragraph is one line
    ('page P lines L-M', or 'page P line L to page Q line M' across a page break)."""
    import pypdfium2 as pdfium

    check_streams(data)
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise ParseError("the PDF is encrypted (password-protected); save an unprotected copy") from exc
        raise ParseError(f"not a readable PDF ({exc}); open it and save or print it to PDF again") from exc
    out = Extracted([], [], "pdf", "pdf")
    joiner = _Joiner(out)
    tables = _Tables(out, joiner)
    n_chars = 0
    last = "page 1 line 1"
    try:
        check_pages(len(pdf))
        for page_no in range(1, len(pdf) + 1):
            page = pdf[page_no - 1]
            textpage = page.get_textpage()
            try:
                dense = page_too_dense(textpage.count_chars(), page_no)
                if dense:
                    out.warnings.append((None, dense))
                chars = [] if dense else _chars(textpage)
                found = page_tables(page, [Char(t, (a + b) / 2, y, a, b, h) for t, a, b, y, h in chars]) if chars else []
            finally:
                textpage.close()
                page.close()
            n_chars += len(chars)
            n_lines = _page_with_tables(chars, found, page_no, joiner, tables)
            if n_lines:
                last = f"page {page_no} line {n_lines}"
        tables.flush()
        joiner.close(last)
    except pdfium.PdfiumError as exc:
        raise ParseError(f"page {page_no} of the PDF cannot be read ({exc}); open it and print it to PDF again") from exc
    finally:
        pdf.close()
    if n_chars == 0:
        raise ParseError("the PDF has no text layer (a scan?); OCR it first")
    return out


def _page_with_tables(chars: list[tuple], found: list[PageTable], page_no: int, joiner: "_Joiner",
                      tables: "_Tables") -> int:
    """A page's lines and ruled tables in reading order: the text between tables as lines, each table as rows.
    A table first on its page continues the table last on the page before when its columns are the same.
    Returns the number of printed lines the page has."""
    taken = set().union(*(t.chars for t in found)) if found else set()
    lines = _page_lines([c for k, c in enumerate(chars) if k not in taken])
    blocks: list[tuple[float, object]] = [(y, (text, right)) for text, right, y in lines]
    blocks += [(t.top, t) for t in found]
    blocks.sort(key=lambda b: -b[0])
    n = 0
    segment: list[tuple[str, float]] = []
    at_top = True   # nothing but page furniture above so far: a table here may continue the last page's
    for _y, block in blocks:
        if isinstance(block, PageTable):
            if segment:
                joiner.page(segment, page_no, n - len(segment))
                segment = []
            joiner.flush()
            tables.add(block, page_no, at_top)
            at_top = False
            continue
        n += 1
        if not _PAGE_NUMBER.match(block[0]):
            tables.flush()
            at_top = False
        segment.append(block)
    if segment:
        joiner.page(segment, page_no, n - len(segment))
    return n


class _Tables:
    """Ruled tables waiting for the next page: one that runs onto it (same columns, first there) is one table;
    the header row repeated on the new page is read once."""

    def __init__(self, out: Extracted, joiner: "_Joiner") -> None:
        self.out = out
        self.joiner = joiner
        self.held: tuple[PageTable, list[int]] | None = None   # the table and the page of each of its rows
        self.count = 0

    def add(self, table: PageTable, page_no: int, at_top: bool) -> None:
        if self.held and at_top and continues(self.held[0], table):
            held, pages = self.held
            rows = table.rows[1:] if same_row(table.rows[0], held.rows[0]) else list(table.rows)
            if rows and len(held.rows) > 1 and split_row(held.rows[-1], rows[0]):
                join_split_row(held.rows[-1], rows.pop(0))   # a row broken by the page break
            held.rows += rows
            pages += [page_no] * len(rows)
            return
        self.flush()
        self.held = (table, [page_no] * len(table.rows))

    def flush(self) -> None:
        if not self.held:
            return
        table, pages = self.held
        self.held = None
        self.count += 1
        rows = fill_merged([[c if c is not None else Cell("", 0) for c in row] for row in table.rows], len(table.xs) - 1)
        for r, row in enumerate(rows, start=1):
            for c, cell in enumerate(row, start=1):
                cell.ref = f"page {pages[r - 1]} table {self.count} row {r} col {c}"
        self.out.add_table(rows, "pdf", f"page {pages[0]} table {self.count}")


def _chars(textpage) -> list[tuple]:
    """The page's characters as (text, left, right, centre y, height); spaces PDFium infers are left out."""
    import pypdfium2.raw as pdfium_c

    chars = []
    count = textpage.count_chars()
    whole = textpage.get_text_range(0, count) if count else ""
    same = len(whole) == count  # one character per index (no surrogate pairs): no call per character
    for i in range(count):
        ch = whole[i] if same else textpage.get_text_range(i, 1)
        if not ch or ch in "\r\n":
            continue
        if ch.isspace() and (ch != " " or pdfium_c.FPDFText_IsGenerated(textpage.raw, i)):
            continue  # spaces PDFium infers from gaps are laid out from the gaps below; written spaces are kept
        left, bottom, right, top = textpage.get_charbox(i, loose=True)
        chars.append((ch, left, right, (top + bottom) / 2, top - bottom))
    return chars


def _page_lines(chars: list[tuple]) -> list[tuple[str, float, float]]:
    """(line text with column gaps as spaces, right edge, centre y) top to bottom.

    Characters are grouped into lines by their vertical position and laid out on a grid of
    half a CJK character, so a gap of two characters between table cells stays two spaces or more.
    """
    if not chars:
        return []
    height = statistics.median(c[4] for c in chars) or 10.0
    unit = height / 2  # a CJK character is about one font size wide: two grid columns
    rows: list[list[tuple]] = []
    for ch in sorted(chars, key=lambda c: -c[3]):
        if rows and abs(rows[-1][0][3] - ch[3]) < height * 0.5:
            rows[-1].append(ch)
        else:
            rows.append([ch])
    page_left = min(c[1] for c in chars)
    lines = []
    for row in rows:
        row.sort(key=lambda c: c[1])
        indent = round((row[0][1] - page_left) / unit)
        text = " " * indent if indent >= 2 else ""
        prev_right = None
        for ch, left, right, _y, _h in row:
            if prev_right is not None:
                gap = left - prev_right
                if gap >= unit * 1.5:  # a column gap: two spaces or more
                    trailing = len(text) - len(text.rstrip(" "))
                    text += " " * max(2, round(gap / unit)) if not trailing else " " * max(0, 2 - trailing)
                elif gap > unit * 0.35 and text[-1:].isascii() and ch.isascii() and " " not in (ch, text[-1:]):
                    text += " "  # a word space between Latin words; justified CJK text gets none
            text += ch
            prev_right = right
        lines.append((text, row[-1][2], row[0][3]))
    return lines


_PAGE_NUMBER = re.compile(r"^[\s\-—–·]*(第\s*)?\d{1,4}(\s*页)?(\s*/\s*\d+|\s*共\s*\d+\s*页)?[\s\-—–·]*$")


class _Joiner:
    """Join the lines of a wrapped paragraph, also across a page break.

    A line that runs to its page's right margin without ending a sentence (and without a column
    gap) continues on the next line. A page number alone on a line is page furniture: not read.
    """

    def __init__(self, out: Extracted) -> None:
        self.out = out
        self.held: tuple[str, str] | None = None   # text so far, ref of its first line

    def page(self, lines: list[tuple[str, float]], page_no: int, offset: int = 0) -> None:
        body = [(n, text, right) for n, (text, right) in enumerate(lines, start=offset + 1)
                if not _PAGE_NUMBER.match(text)]
        if not body:
            return
        prose = [right for _, text, right in body if "  " not in text.strip()]
        margin = max(prose or [right for _, _, right in body])
        for n, text, right in body:
            here = f"page {page_no} line {n}"
            if self.held:
                text, first = self.held[0] + text.lstrip(), self.held[1]
            else:
                first = here
            if right >= margin - 12 and "  " not in text.strip() and not text.rstrip().endswith(_END):
                self.held = (text, first)
                continue
            self.emit(text, first, here)

    def emit(self, text: str, first: str, last: str) -> None:
        self.held = None
        if first == last:
            ref = first
        elif first.rsplit(" line ", 1)[0] == last.rsplit(" line ", 1)[0]:
            ref = f"{first.replace(' line ', ' lines ')}-{last.rsplit(' ', 1)[1]}"
        else:
            ref = f"{first} to {last}"
        self.out.add_line(text, ref)

    def flush(self) -> None:
        """End a held paragraph before a table."""
        if self.held:
            self.emit(self.held[0], self.held[1], self.held[1])

    def close(self, last: str) -> None:
        if self.held:
            self.emit(self.held[0], self.held[1], last)
