"""HTML pages: the article body (no navigation, scripts or styles), <table> with rowspan/colspan, charset from the page."""

from __future__ import annotations

import re

from ingest.errors import ParseError
from ingest.readers.model import Extracted
from ingest.tables.table import Cell
from ingest.text import DecodedText, clean_line, lenient_utf8

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_-]+)""", re.I)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
_DROP = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "select",
         "button", "template", "svg", "object", "head")
# id/class words of page furniture on Chinese government and news sites
_DEBRIS = re.compile(r"nav|menu|footer|header|breadcrumb|crumb|sidebar|share|copyright|banner|toolbar|"
                     r"search|login|related|xgwz|dqwz|bottom|topbar|\bfoot\b", re.I)
# id/class words of the article container (TRS_Editor, zoom: common in CMSs of Chinese government sites)
_ARTICLE = re.compile(r"trs_editor|zoom|article|content|main|text|detail|zw|pages_content", re.I)
# inline formatting tags: removed (their text kept) when a page nests elements past the parser's depth limit
_INLINE_TAG = re.compile(r"</?(?:span|font|b|i|u|s|em|strong|a|small|big|sub|sup|ins|del|strike|mark|abbr|cite|"
                         r"code|q|tt|label|o:p)\b[^>]*>", re.I)
_WS = re.compile(r"\s+")
MAX_DEPTH = 256  # libxml2's element depth without huge_tree
_BLOCK = {"p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
          "dl", "dt", "dd", "blockquote", "pre", "center", "body", "tr", "caption", "figure", "figcaption",
          "hr", "address", "table", "tbody", "thead", "tfoot", "td", "th"}


def charset_of(data: bytes) -> str | None:
    """The page's declared charset (GBK/GB2312 read as their superset GB18030); None when none is declared."""
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8"
    m = _META_CHARSET.search(data[:8192])
    if not m:
        return None
    name = m.group(1).decode("ascii").lower()
    if name in ("gbk", "gb2312", "gb_2312-80", "x-gbk", "cp936", "euc-cn", "gb18030"):
        return "gb18030"
    return "utf-8" if name in ("utf8", "utf-8") else name


def _line_of(data: bytes, pos: int) -> int:
    return data.count(b"\n", 0, pos) + 1


def decode_html(data: bytes) -> DecodedText:
    """The page's text in its declared charset, with a note (a warning) whenever the bytes do not fit it.

    Bytes that are valid UTF-8 (with Chinese in them) are UTF-8 whatever the page declares: GBK
    text is practically never valid UTF-8. UTF-8 with a few invalid bytes stays UTF-8 (the bytes
    shown as U+FFFD), never GB18030 mojibake; anything else is read as GB18030.
    """
    declared = charset_of(data)
    name = {"gb18030": "GBK/GB18030", "utf-8": "UTF-8"}.get(declared or "", declared)
    utf8 = lenient_utf8(data)
    if utf8 is not None and utf8.note is None:
        if declared in (None, "utf-8") or utf8.text.isascii():
            return utf8
        return DecodedText(utf8.text, "utf-8", f"the page declares charset {name} but its text is UTF-8; read as UTF-8")
    problem = None
    if declared not in (None, "utf-8"):
        try:
            return DecodedText(data.decode(declared), declared)
        except LookupError:
            problem = f"the page declares an unknown charset {declared!r}"
        except UnicodeDecodeError as exc:
            problem = f"the page declares charset {name} but line {_line_of(data, exc.start)} is not {name}"
    if utf8 is not None:  # UTF-8 with a few invalid bytes
        return DecodedText(utf8.text, "utf-8", "; ".join(filter(None, (problem, utf8.note))), utf8.note_line)
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        return DecodedText(data.decode("gb18030", errors="replace"), "gb18030",
                           f"{problem or 'the page is neither UTF-8 nor GB18030'}; undecodable bytes shown as U+FFFD")
    if declared is None:
        return DecodedText(text, "gb18030")  # no charset declared: a GBK page of an older site
    return DecodedText(text, "gb18030", f"{problem or 'the page declares charset ' + name + ' but is not UTF-8'}; "
                                        "read as GB18030")


def _is_debris(el) -> bool:
    if el.tag in _DROP:
        return True
    marks = f"{el.get('id', '')} {el.get('class', '')}"
    return bool(marks.strip()) and bool(_DEBRIS.search(marks)) and not _ARTICLE.search(marks)


def _text_lengths(body) -> dict:
    """Non-space characters of text under each element, for every element in one pass (children before parents)."""
    lengths: dict = {}
    for el in reversed(list(body.iter())):
        if not isinstance(el.tag, str):
            continue
        n = len(_WS.sub("", el.text or ""))
        for child in el:
            n += lengths.get(child, 0) + len(_WS.sub("", child.tail or ""))
        lengths[el] = n
    return lengths


def article_root(body):
    """<article>/<main>, else the content-like container holding most of the text, else <body>."""
    lengths = _text_lengths(body)
    total = lengths.get(body, 0)
    candidates = body.xpath(".//article | .//main")
    candidates += [el for el in body.iter("div", "td", "section")
                   if _ARTICLE.search(f"{el.get('id', '')} {el.get('class', '')}")]
    best = max(candidates, key=lambda el: lengths.get(el, 0), default=None)
    if best is not None and lengths.get(best, 0) >= 0.3 * total:
        return best
    return body


def _parse(text: str):
    """The page's tree (lxml: no network, no DTD, no huge trees) and the line where it passed the depth limit, if it did."""
    import lxml.html

    parser = lxml.html.HTMLParser(no_network=True, huge_tree=False, remove_pis=True)
    root = lxml.html.document_fromstring(text, parser=parser) if text.strip() else None
    too_deep = next((e.line for e in parser.error_log if "Excessive depth" in e.message), None)
    return root, too_deep


def read_html(data: bytes) -> Extracted:
    """Lines of the article body with their element path as ref; each <table> one line per row."""
    decoded = decode_html(data)
    text = _XML_DECL.sub("", decoded.text)
    notes: list[tuple[int | None, str]] = []
    if decoded.note:
        notes.append((None, decoded.note))
    try:
        root, too_deep = _parse(text)
        if too_deep is not None:
            # nesting past the parser's limit (a hostile page, or runaway inline formatting): read it again
            # without inline tags; what is still too deep is cut, with a warning either way
            root, still = _parse(_INLINE_TAG.sub("", text))
            notes.append((None, f"elements nested more than {MAX_DEPTH} levels deep (line {too_deep} of the page): "
                                + (f"read without inline tags, and still too deep at line {still}: text after it "
                                   "is not read" if still is not None else "read again without inline tags "
                                   "(span, font, b, ...); text kept")))
    except MemoryError:
        raise
    except Exception as exc:  # noqa: BLE001 - lxml raises ParserError and ValueError for unusable markup
        raise ParseError(f"not a readable HTML page ({exc}); save the page again as HTML") from exc
    body = root.find("body") if root is not None else None
    if body is None or not _WS.sub("", body.text_content() or ""):
        raise ParseError("the HTML page has no <body> text; save the article page itself (not a frame or redirect)")
    paths = _Paths()
    for el in root.iter():   # paths in the page as saved (issue 21): computed before navigation is dropped
        if isinstance(el.tag, str):
            paths(el)
    for el in list(body.iter()):
        if isinstance(el.tag, str) and el.getparent() is not None and _is_debris(el):
            el.drop_tree()
    out = Extracted([], [], decoded.encoding, "html", warnings=notes)
    _Walker(out, paths).walk(article_root(body))
    if not any(line.strip() for line in out.lines):
        raise ParseError("the HTML page has no article text outside navigation and scripts; save the article page itself")
    return out


class _Paths:
    """Each element's XPath ('/html/body/div[2]/p'), as lxml's getpath writes it, in time linear in the page.

    getpath counts an element's siblings on every call (quadratic on a page of 100,000 paragraphs);
    here each parent's children are counted once and each path is built from its parent's.
    """

    def __init__(self) -> None:
        self.paths: dict = {}
        self.steps: dict = {}

    def __call__(self, el) -> str:
        chain = []
        node = el
        while node is not None and node not in self.paths:
            chain.append(node)
            node = node.getparent()
        path = self.paths[node] if node is not None else ""
        for n in reversed(chain):
            path = f"{path}/{self._step(n)}"
            self.paths[n] = path
        return path

    def _step(self, el) -> str:
        parent = el.getparent()
        if parent is None:
            return el.tag
        if parent not in self.steps:
            counts: dict[str, int] = {}
            position: dict = {}
            for child in parent:
                if isinstance(child.tag, str):
                    counts[child.tag] = counts.get(child.tag, 0) + 1
                    position[child] = counts[child.tag]
            self.steps[parent] = (counts, position)
        counts, position = self.steps[parent]
        return el.tag if counts[el.tag] == 1 else f"{el.tag}[{position[el]}]"


class _Walker:
    def __init__(self, out: Extracted, paths: _Paths) -> None:
        self.out, self.path = out, paths
        self.buf: list[str] = []
        self.table_no = 0
        self.block = None

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
        n_cells = 0
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
                n_cells += min(rowspan, len(rows) - r) * colspan
                self.out.budget.check_cells(n_cells)
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
