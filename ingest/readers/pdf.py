"""PDF with a text layer: text by page and line, columns kept as runs of spaces so ruled and aligned tables parse."""

from __future__ import annotations

import statistics

from ingest.errors import ParseError
from ingest.readers.model import Extracted

_END = tuple("。；;！!？?：:")


def read_pdf(data: bytes) -> Extracted:
    """Each printed line -> one line with ref 'page P line L'; wrapped paragraph lines are joined ('page P lines L-M')."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise ParseError("the PDF is encrypted (password-protected); save an unprotected copy") from exc
        raise ParseError(f"not a readable PDF ({exc}); open it and save or print it to PDF again") from exc
    out = Extracted([], [], "pdf", "pdf")
    n_chars = 0
    try:
        for page_no in range(1, len(pdf) + 1):
            page = pdf[page_no - 1]
            textpage = page.get_textpage()
            try:
                lines = _page_lines(textpage)
            finally:
                textpage.close()
                page.close()
            n_chars += sum(len(t) for t, _ in lines)
            _add_page(out, lines, page_no)
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
    chars = []
    count = textpage.count_chars()
    whole = textpage.get_text_range(0, count) if count else ""
    same = len(whole) == count  # one character per index (no surrogate pairs): no call per character
    for i in range(count):
        ch = whole[i] if same else textpage.get_text_range(i, 1)
        if not ch or ch in "\r\n" or ch.isspace():
            continue
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
        col, prev_right = len(text), None
        for ch, left, right, _y, _h in row:
            if prev_right is not None:
                gap = left - prev_right
                if gap > unit * 0.35:
                    pad = 1 if gap < unit * 1.5 else max(2, round(gap / unit))
                    text += " " * pad
                    col += pad
            text += ch
            col += 2 if ord(ch) > 0x2E80 else 1
            prev_right = right
        lines.append((text, row[-1][2]))
    return lines


def _add_page(out: Extracted, lines: list[tuple[str, float]], page_no: int) -> None:
    """Join lines of a wrapped paragraph (a line that runs to the right margin without ending a sentence)."""
    if not lines:
        return
    prose = [right for text, right in lines if "  " not in text.strip()]
    margin = max(prose or [right for _, right in lines])
    held: tuple[str, int, int] | None = None  # text, first line, last line
    for n, (text, right) in enumerate(lines, start=1):
        if held:
            text, first = held[0] + text.lstrip(), held[1]
        else:
            first = n
        full = right >= margin - 12 and "  " not in text.strip()
        if full and not text.rstrip().endswith(_END) and n < len(lines):
            held = (text, first, n)
            continue
        held = None
        out.add_line(text, f"page {page_no} line {first}" if first == n else f"page {page_no} lines {first}-{n}")
