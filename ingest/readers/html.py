"""HTML pages: the article body (no navigation, scripts or styles), <table> with rowspan/colspan, charset from the page."""

from __future__ import annotations

import re

from ingest.errors import ParseError
from ingest.readers.model import Extracted
from ingest.tables import Cell
from ingest.text import clean_line

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_-]+)""", re.I)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
_DROP = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "select",
         "button", "template", "svg", "object", "head")
# id/class words of page furniture on Chinese government and news sites
_DEBRIS = re.compile(r"nav|menu|footer|header|breadcrumb|crumb|sidebar|share|copyright|banner|toolbar|"
                     r"search|login|related|xgwz|dqwz|bottom|topbar|\bfoot\b", re.I)
# id/class words of the article container (TRS_Editor, zoom: common in CMSs of Chinese government sites)
_ARTICLE = re.compile(r"trs_editor|zoom|article|content|main|text|detail|zw|pages_content", re.I)
_BLOCK = {"p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
          "dl", "dt", "dd", "blockquote", "pre", "center", "body", "tr", "caption", "figure", "figcaption",
          "hr", "address", "table", "tbody", "thead", "tfoot", "td", "th"}


def charset_of(data: bytes) -> str:
    """The page's declared charset (GBK/GB2312 read as their superset GB18030); UTF-8 when none is declared."""
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8"
    m = _META_CHARSET.search(data[:8192])
    name = m.group(1).decode("ascii").lower() if m else "utf-8"
    if name in ("gbk", "gb2312", "gb_2312-80", "x-gbk", "cp936", "euc-cn", "gb18030"):
        return "gb18030"
    return name


def decode_html(data: bytes) -> tuple[str, str]:
    encoding = charset_of(data)
    for enc in dict.fromkeys((encoding, "utf-8", "gb18030")):
        try:
            return data.decode("utf-8-sig" if enc == "utf-8" else enc), enc
        except (UnicodeDecodeError, LookupError):
            continue
    return data.decode("gb18030", errors="replace"), "gb18030"


def _is_debris(el) -> bool:
    if el.tag in _DROP:
        return True
    marks = f"{el.get('id', '')} {el.get('class', '')}"
    return bool(marks.strip()) and bool(_DEBRIS.search(marks)) and not _ARTICLE.search(marks)


def _text_len(el) -> int:
    return len(re.sub(r"\s+", "", el.text_content()))


def article_root(body):
    """<article>/<main>, else the content-like container holding most of the text, else <body>."""
    total = _text_len(body)
    candidates = body.xpath(".//article | .//main")
    candidates += [el for el in body.iter("div", "td", "section")
                   if _ARTICLE.search(f"{el.get('id', '')} {el.get('class', '')}")]
    best = max(candidates, key=_text_len, default=None)
    if best is not None and _text_len(best) >= 0.3 * total:
        return best
    return body


def read_html(data: bytes) -> Extracted:
    """Lines of the article body with their element path as ref; each <table> one line per row."""
    import lxml.html

    text, encoding = decode_html(data)
    text = _XML_DECL.sub("", text)
    try:
        root = lxml.html.document_fromstring(text) if text.strip() else None
    except Exception as exc:  # noqa: BLE001 - lxml raises ParserError and ValueError for unusable markup
        raise ParseError(f"not a readable HTML page ({exc}); save the page again as HTML") from exc
    body = root.find("body") if root is not None else None
    if body is None or not re.sub(r"\s+", "", body.text_content() or ""):
        raise ParseError("the HTML page has no <body> text; save the article page itself (not a frame or redirect)")
    paths = original_paths(root)
    for el in list(body.iter()):
        if isinstance(el.tag, str) and el.getparent() is not None and _is_debris(el):
            el.drop_tree()
    tree = root.getroottree()
    out = Extracted([], [], encoding, "html")
    _Walker(out, tree, paths).walk(article_root(body))
    if not any(line.strip() for line in out.lines):
        raise ParseError("the HTML page has no article text outside navigation and scripts; save the article page itself")
    return out


def original_paths(root) -> dict:
    """Every element's path in the page as saved (before navigation and scripts are dropped), so a ref
    ('/html/body/div[3]/table[1]/tr[2]/td[4]') points into the file the user has."""
    tree = root.getroottree()
    return {el: tree.getpath(el) for el in root.iter() if isinstance(el.tag, str)}


class _Walker:
    def __init__(self, out: Extracted, tree, paths: dict | None = None) -> None:
        self.out, self.tree = out, tree
        self.paths = paths or {}
        self.buf: list[str] = []
        self.table_no = 0
        self.block = None

    def path(self, el) -> str:
        return self.paths.get(el) or self.tree.getpath(el)

    def flush(self) -> None:
        text = clean_line(re.sub(r"[ \t\r\n\u00a0]+", " ", "".join(self.buf))).strip()
        self.buf = []
        if text:
            self.out.add_line(text, self.path(self.block) if self.block is not None else None)

    def walk(self, el) -> None:
        if not isinstance(el.tag, str):  # comment or processing instruction
            if el.tail:
                self.buf.append(el.tail)
            return
        tag = el.tag.lower()
        if tag == "table" and (_is_layout(el) or _is_furniture(el)):
            # a table that lays out the page (old CMS templates): its cells are read as blocks
            self.flush()
            outer, self.block = self.block, el
            for cell in el.iter("td", "th"):
                if next(cell.iterancestors("table"), None) is el:
                    self.walk_block(cell)
            self.block = outer
        elif tag == "table":
            self.flush()
            self.table_no += 1
            self.out.add_table(self.grid(el), "html", f"table {self.table_no}")
        elif tag == "br":
            self.flush()
        elif tag in _BLOCK:
            self.walk_block(el)
        else:
            if el.text:
                self.buf.append(el.text)
            for child in el:
                self.walk(child)
        if el.tail:
            self.buf.append(el.tail)

    def walk_block(self, el) -> None:
        self.flush()
        outer, self.block = self.block, el
        if el.text:
            self.buf.append(el.text)
        for child in el:
            self.walk(child)
        self.flush()
        self.block = outer

    def grid(self, table) -> list[list[Cell | None]]:
        """Rows of the table (not of tables nested in it) with rowspan/colspan spread as filled copies."""
        rows = [tr for tr in table.iter("tr") if next(tr.iterancestors("table"), None) is table]
        grid: list[list[Cell | None]] = [[] for _ in rows]
        for r, tr in enumerate(rows):
            c = 0
            for td in tr:
                if not isinstance(td.tag, str) or td.tag.lower() not in ("td", "th"):
                    continue
                while c < len(grid[r]) and grid[r][c] is not None:
                    c += 1
                text = clean_line(re.sub(r"[ \t\r\n\u00a0\u3000]+", " ", td.text_content())).strip()
                ref = f"table {self.table_no} row {r + 1} col {c + 1} ({self.path(td)})"
                rowspan, colspan = _span(td.get("rowspan")), _span(td.get("colspan"))
                for dr in range(min(rowspan, len(rows) - r)):
                    for dc in range(colspan):
                        row = grid[r + dr]
                        row.extend([None] * (c + dc + 1 - len(row)))
                        row[c + dc] = Cell(text, 0, filled=bool(dr or dc), ref=ref)
                c += colspan
        return grid


def _is_layout(table) -> bool:
    """A table used for page layout, not data: it holds tables, a long cell, or one column.

    Paragraphs inside cells do not make a layout table: tables pasted from Word wrap every cell in <p>.
    """
    if table.xpath(".//table"):
        return True
    cells = [c for c in table.iter("td", "th")]
    widest = max((sum(1 for _ in tr.iterchildren("td", "th")) for tr in table.iter("tr")), default=0)
    return widest <= 1 or any(len(c.text_content().strip()) > 300 for c in cells)


# labels of a government page's 信息公开 metadata box (索引号, 发布机构 …): page furniture, not a data table
_METADATA_LABELS = re.compile(r"索\s*引\s*号|发\s*布\s*机\s*构|发\s*文\s*机\s*关|主\s*题\s*分\s*类|成\s*文\s*日\s*期|"
                              r"发\s*布\s*日\s*期|发\s*文\s*字\s*号|文\s*号|体\s*裁\s*分\s*类|有\s*效\s*性|公\s*开\s*方\s*式|信息来源")


def _is_furniture(table) -> bool:
    """A 信息公开 metadata table (two of its cells are metadata labels): read as text lines, not numbered as a table."""
    labels = sum(bool(_METADATA_LABELS.search(c.text_content() or "")) for c in table.iter("td", "th")
                 if len((c.text_content() or "").strip()) <= 12)
    return labels >= 2


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), 100))
    except ValueError:
        return 1
