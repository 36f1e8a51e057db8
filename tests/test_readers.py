"""Readers per format: .docx/.html/.pdf/.md yield the same figures as the .txt plan, with provenance in the file."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import lxml.html
import pypdfium2 as pdfium
import pytest

from conftest import query, run_cli
from ingest.catalog import load_catalog
from ingest.document import parse_file
from ingest.errors import ParseError
from ingest.model import ParsedDocument
from ipbench_core import paths

FORMATS = Path(__file__).parent / "fixtures" / "formats"
P000, P003 = "000_ff7f2218a23fba1b", "003_dfee1fc57d637dec"
CATALOG = load_catalog(paths.CATALOG, [])


def parsed(stem: str, suffix: str) -> ParsedDocument:
    path = paths.CORPUS_DIR / f"{stem}.txt" if suffix == "txt" else FORMATS / f"{stem}.{suffix}"
    return parse_file(path, CATALOG[stem])


def figure_set(doc: ParsedDocument, kind: str) -> list[tuple]:
    return sorted((f.indicator_label, f.year, f.value_kind, f.value_number, f.raw_unit)
                  for f in doc.figures if f.source_kind == kind)


def find(doc: ParsedDocument, label: str, year: int, kind: str, source: str = "table"):
    hits = [f for f in doc.figures if f.indicator_label == label and f.year == year and f.value_kind == kind
            and f.source_kind == source]
    assert len(hits) == 1, hits
    return hits[0]


@pytest.mark.parametrize("stem,suffix", [(P000, "docx"), (P003, "docx"), (P000, "html"), (P000, "pdf"), (P003, "md")])
def test_format_yields_the_same_figures_as_the_txt(stem, suffix):
    txt, other = parsed(stem, "txt"), parsed(stem, suffix)
    assert other.format == suffix
    for kind in ("table", "prose"):
        assert figure_set(other, kind) == figure_set(txt, kind), kind
    assert len(figure_set(other, "table")) == {P000: 43, P003: 54}[stem]


def test_same_named_figure_in_every_format():
    for suffix in ("txt", "docx", "html", "pdf"):
        f = find(parsed(P000, suffix), "专利授权量", 2020, "actual")
        assert (f.value_number, f.raw_unit, f.column_label) == (11606.0, "件", "实际完成值"), suffix
        m = find(parsed(P000, suffix), "马德里国际注册商标拥有量", 2025, "target")
        assert (m.value_number, m.raw_unit, m.category_label) == (150.0, "件", "知识产权创造"), suffix


def test_docx_provenance_is_paragraph_and_table_cell():
    doc = parsed(P000, "docx")
    f = find(doc, "专利授权量", 2020, "actual")
    assert doc.refs[f.source_line - 1] == "table 1 row 3"
    cell = doc.tables[f.table_no - 1].rows[f.row_no][f.col_no - 1]
    assert (cell.ref, cell.text) == ("table 1 row 3 col 4", "11606")
    word = docx.Document(FORMATS / f"{P000}.docx")
    assert word.tables[0].cell(2, 3).text == "11606"
    p = find(doc, "全市专利申请总量", 2020, "actual", source="prose")
    assert doc.refs[p.source_line - 1] == "paragraph 6"
    assert "全市专利申请和授权总量分别为45244件" in word.paragraphs[5].text
    # a vertically merged Word cell (一级指标) is one cell, its copies marked as filled
    merged = doc.tables[1].rows[2][0]
    assert (merged.text, merged.filled, doc.tables[1].rows[1][0].filled) == ("知识产权创造", True, False)
    # the page header and footer are not read
    assert not any("页眉" in line or "99999" in line for line in doc.lines)


def test_html_reads_article_body_table_with_rowspan_and_gbk_charset():
    doc = parsed(P000, "html")
    assert doc.encoding == "gb18030"  # declared charset=gbk, read as its superset
    text = "\n".join(doc.lines)
    for debris in ("首页", "当前位置", "document.write", "版权所有", ".nav{", "2099"):
        assert debris not in text
    m = find(doc, "马德里国际注册商标拥有量", 2025, "target")
    cell = doc.tables[m.table_no - 1].rows[m.row_no][m.col_no - 1]
    # the path in the page as saved (issue 21: the nav and breadcrumb divs before the article count)
    assert cell.ref == "table 2 row 5 col 5 (/html/body/div[3]/table[2]/tr[5]/td[4])"  # rowspan shifts the td
    assert doc.refs[m.source_line - 1] == "table 2 row 5"
    category = doc.tables[m.table_no - 1].rows[m.row_no][0]
    assert (category.text, category.filled) == ("知识产权创造", True)
    p = find(doc, "全市专利申请总量", 2020, "actual", source="prose")
    path = doc.refs[p.source_line - 1]
    assert path == "/html/body/div[3]/p[6]"   # the path in the page as saved: it finds the paragraph there
    page = lxml.html.document_fromstring((FORMATS / f"{P000}.html").read_bytes().decode("gbk"))
    assert "45244件" in page.getroottree().xpath(path)[0].text_content()


def test_pdf_provenance_is_page_and_line():
    doc = parsed(P000, "pdf")
    f = find(doc, "专利授权量", 2020, "actual")
    # a ruled table is read from the page's rulings (issue 21): the row and the cell say where they are
    assert doc.refs[f.source_line - 1] == "page 2 table 1 row 3"
    assert doc.tables[f.table_no - 1].rows[f.row_no][f.col_no - 1].ref == "page 2 table 1 row 3 col 4"
    assert doc.tables[f.table_no - 1].layout == "pdf"
    page = pdfium.PdfDocument(FORMATS / f"{P000}.pdf")[1].get_textpage().get_text_range()
    line = page.splitlines()[17]
    assert line.split()[:4] == ["专利授权量", "件", "8000", "11606"]
    p = find(doc, "全市专利申请总量", 2020, "actual", source="prose")
    assert doc.refs[p.source_line - 1] == "page 1 lines 19-24"  # a wrapped paragraph is read as one line
    assert "全市专利申请和授权总量分别为45244件和35721件" in doc.lines[p.source_line - 1]
    # a paragraph that runs over a page break is one line; page numbers ('— 5 —') are not read
    m = find(doc, "马德里国际注册商标拥有量", 2025, "target", source="prose")
    assert (m.value_number, doc.refs[m.source_line - 1]) == (150.0, "page 5 line 32 to page 6 line 3")
    assert not any(re.fullmatch(r"— \d+ —", line.strip()) for line in doc.lines)


def test_markdown_separator_row_is_structure_not_data():
    doc = parsed(P003, "md")
    first = doc.tables[0]
    assert (first.layout, first.header[:2], len(first.body)) == ("md", ["指标名称", "单位"], 11)
    assert not any(set(c.text) <= set("-: ") for row in first.rows for c in row if c.text)


@pytest.mark.parametrize("name,message", [
    ("bad_corrupt.docx", "not a readable Word .docx file (damaged or not a zip package); open it in Word and save it again as .docx"),
    ("bad_encrypted.pdf", "the PDF is encrypted (password-protected); save an unprotected copy"),
    ("bad_scanned.pdf", "the PDF has no text layer (a scan?); OCR it first"),
    ("bad_no_body.html", "the HTML page has no <body> text; save the article page itself (not a frame or redirect)"),
])
def test_bad_file_is_one_clear_parse_error(name, message):
    with pytest.raises(ParseError) as err:
        parse_file(FORMATS / name)
    assert str(err.value) == message


def test_folder_ingest_reads_every_format_names_skipped_files_and_survives_bad_ones(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    for name in (f"{P000}.pdf", f"{P003}.docx", "bad_corrupt.docx", "bad_encrypted.pdf", "bad_scanned.pdf",
                 "bad_no_body.html", "yearbook_zhejiang.txt"):
        (docs / name).write_bytes((FORMATS / name).read_bytes())
    (docs / "附件2.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    (docs / "README.md").write_text("# notes\n", encoding="utf-8")
    db = tmp_path / "w.duckdb"
    proc = run_cli("ingest", str(docs), "--catalog", str(paths.CATALOG), "--quiet", db=db)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.splitlines()
    for name, message in [("bad_corrupt.docx", "not a readable Word .docx file"), ("bad_encrypted.pdf", "encrypted"),
                          ("bad_scanned.pdf", "no text layer (a scan?); OCR it first"), ("bad_no_body.html", "no <body> text")]:
        assert len([ln for ln in lines if ln.startswith("error:") and name in ln and message in ln]) == 1, name
    assert any("附件2.xls: skipped: a spreadsheet" in ln for ln in lines)
    assert not any("README.md" in ln for ln in lines)
    rows = query(db, "select document_id, source_format, sha256 from raw.documents order by 1")
    assert [(r[0], r[1]) for r in rows] == [(P000, "pdf"), (P003, "docx"), ("yearbook_zhejiang", "txt")]
    import hashlib

    assert rows[0][2] == hashlib.sha256((FORMATS / f"{P000}.pdf").read_bytes()).hexdigest()
    assert query(db, """select l.source_ref, l.text like '专利授权量%' from raw.figures f join raw.document_lines l
                        on l.document_id = f.document_id and l.line_no = f.source_line
                        where f.document_id = ? and f.indicator_label = '专利授权量' and f.value_kind = 'actual'""",
                 [P000]) == [("page 2 table 1 row 3", True)]
    assert query(db, """select source_ref, text, is_filled from raw.table_cells
                        where document_id = ? and table_no = 1 and row_no = 1 and col_no = 4""",
                 [P003]) == [("table 1 row 2 col 4", "49888", False)]
    assert query(db, "select count(*) from raw.ingest_warnings where document_id is null") == [(4,)]


@pytest.mark.parametrize("name", [f"{P000}.docx", f"{P000}.html", f"{P000}.pdf", f"{P003}.md"])
def test_damaged_copies_give_a_parse_error_or_a_document(tmp_path, name):
    """Truncated and overwritten copies of each format never raise anything but ParseError."""
    data = (FORMATS / name).read_bytes()
    suffix = Path(name).suffix
    for k, cut in enumerate((10, 200, len(data) // 3, len(data) // 2, len(data) - 50)):
        for variant in (data[:cut], data[:cut] + b"\x00" * 64 + data[cut + 64:]):
            path = tmp_path / f"{k}{suffix}"
            path.write_bytes(variant)
            try:
                parse_file(path, CATALOG[Path(name).stem])
            except ParseError as exc:
                assert str(exc) and "\n" not in str(exc)
