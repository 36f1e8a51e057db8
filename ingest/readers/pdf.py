"""PDF with a text layer: text by page and line, columns kept as runs of spaces so ruled and aligned tables parse."""

from __future__ import annotations

import re
import statistics

from ingest.errors import ParseError
from ingest.readers.model import Extracted
from ingest.readers.pdf_limits import check_pages, check_streams, page_too_dense

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
                lines = [] if dense else _page_lines(textpage)
            finally:
                textpage.close()
                page.close()
            n_chars += sum(len(t) for t, _ in lines)
            joiner.page(lines, page_no)
            if lines:
                last = f"page {page_no} line {len(lines)}"
        joiner.close(last)
    except pdfium.PdfiumError as exc:
        raise ParseError(f"page {page_no} of the PDF cannot be read ({exc}); open it and print it to PDF again") from exc
    finally:
        pdf.close()
    if n_chars == 0:
        raise ParseError("the PDF has no text layer (a scan?); OCR it first")
    return out


def _page_lines(textpage) -> list[tuple[str, float]]:
    """(line text with column gaps as spaces, right edge) top to bottom.

    Characters are grouped into lines by their vertical position and laid out on a grid of
    half a CJK character, so a gap of two characters between table cells stays two spaces or more.
    """
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
        lines.append((text, row[-1][2]))
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

    def page(self, lines: list[tuple[str, float]], page_no: int) -> None:
        body = [(n, text, right) for n, (text, right) in enumerate(lines, start=1) if not _PAGE_NUMBER.match(text)]
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

    def close(self, last: str) -> None:
        if self.held:
            self.emit(self.held[0], self.held[1], last)
