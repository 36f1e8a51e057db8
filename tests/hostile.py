"""Hostile and huge input files, built at test time (small on disk or written on the fly): bombs, deep nesting, big tables."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from pathlib import Path

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Default Extension="png" ContentType="image/png"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>')
DOC_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rIdImg" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" '
    'Target="media/image1.png"/></Relationships>')

PLAN_TITLE = "杭州市知识产权发展规划（2021-2025年）"
PLAN_TEXT = "到2025年，全市发明专利授权量达到1500件。"


def para(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def tc(text: str, span: int = 1, vmerge: str | None = None) -> str:
    props = ""
    if span > 1:
        props += f'<w:gridSpan w:val="{span}"/>'
    if vmerge is not None:
        props += '<w:vMerge w:val="restart"/>' if vmerge == "restart" else "<w:vMerge/>"
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{para(text)}</w:tc>" if props else f"<w:tc>{para(text)}</w:tc>"


def table(rows: list[list[str]]) -> str:
    width = max(len(r) for r in rows)
    grid = "".join('<w:gridCol w:w="1000"/>' for _ in range(width))
    return f"<w:tbl><w:tblGrid>{grid}</w:tblGrid>" + "".join(f"<w:tr>{''.join(r)}</w:tr>" for r in rows) + "</w:tbl>"


def document_xml(body: str) -> str:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W}><w:body>'
            f"{para(PLAN_TITLE)}{body}{para(PLAN_TEXT)}</w:body></w:document>")


def write_docx(path: Path, body: str, extra: dict[str, bytes] | None = None, big_member: tuple[str, int] | None = None) -> Path:
    """A minimal Word package; `big_member` (name, size) is a member of zeros inflating to `size` bytes."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        zf.writestr("_rels/.rels", ROOT_RELS)
        if big_member is None or big_member[0] != "word/document.xml":
            zf.writestr("word/document.xml", document_xml(body))
        for name, blob in (extra or {}).items():
            zf.writestr(name, blob)
        if big_member is not None:
            name, size = big_member
            with zf.open(name, "w", force_zip64=True) as fh:
                if name.endswith(".xml"):
                    fh.write(document_xml("")[:-len("</w:body></w:document>")].encode())
                chunk = b" " * 2**20
                for _ in range(size // len(chunk)):
                    fh.write(chunk)
    return path


def tiny_png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\x00")) + chunk(b"IEND", b""))


def docx_with_image_bomb(path: Path, size: int) -> Path:
    """A document whose picture part (referenced from the text) inflates to `size` bytes."""
    drawing = ('<w:p><w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/'
               'wordprocessingDrawing"><wp:extent cx="100" cy="100"/><wp:docPr id="1" name="p"/>'
               '<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData '
               'uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic xmlns:pic="http://schemas.'
               'openxmlformats.org/drawingml/2006/picture"><pic:blipFill><a:blip xmlns:r="http://schemas.'
               'openxmlformats.org/officeDocument/2006/relationships" r:embed="rIdImg"/></pic:blipFill></pic:pic>'
               '</a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>')
    return write_docx(path, drawing, extra={"word/_rels/document.xml.rels": DOC_RELS.encode()},
                      big_member=("word/media/image1.png", size))


def docx_vmerge(path: Path, rows: int) -> Path:
    """An indicator table whose first column is one cell merged down `rows` rows."""
    header = [tc("类别"), tc("指标名称"), tc("2025年目标值")]
    body = [[tc("知识产权创造" if r == 0 else "", vmerge="restart" if r == 0 else "continue"),
             tc(f"第{r + 1}项专利指标"), tc(str(100 + r))] for r in range(rows)]
    return write_docx(path, table([header] + body))


def docx_big_table(path: Path, rows: int) -> Path:
    header = [tc("指标名称"), tc("单位"), tc("2020年"), tc("2025年目标值")]
    body = [[tc(f"第{r + 1}项专利指标"), tc("件"), tc(str(1000 + r)), tc(str(2000 + r))] for r in range(rows)]
    return write_docx(path, table([header] + body))


def docx_gridspan_bomb(path: Path, rows: int) -> Path:
    """Rows of one cell each claiming to span 2**31-1 grid columns."""
    return write_docx(path, table([[tc(f"第{r}行", span=2**31 - 1)] for r in range(rows)]))


def html_page(body: str, charset: str = "utf-8") -> str:
    return (f'<html><head><meta charset="{charset}"><title>{PLAN_TITLE}</title></head><body>'
            f"<h1>{PLAN_TITLE}</h1>{body}<p>{PLAN_TEXT}</p></body></html>")


def html_nested(path: Path, depth: int, tag: str = "span") -> Path:
    """Text nested `depth` elements deep, then the plan's sentence after it."""
    inner = f"<{tag}>" * depth + "深处的文字：专利申请量达到800件。" + f"</{tag}>" * depth
    path.write_text(html_page(f"<div>{inner}</div>"), encoding="utf-8")
    return path


def html_big(path: Path, megabytes: int) -> Path:
    """A long page of short paragraphs (about `megabytes` MB)."""
    para_ = "<p>第{n}条：全市专利申请量达到{n}件，比上年增长百分之五。</p>\n"
    n = megabytes * 2**20 // len(para_.format(n=100000).encode())
    path.write_text(html_page("".join(para_.format(n=i) for i in range(n))), encoding="utf-8")
    return path


def pdf_bomb(path: Path, size: int) -> Path:
    """A one-page PDF whose content stream inflates to `size` bytes (spaces; valid content)."""
    inflater = zlib.compressobj(9)
    chunk = b" " * 2**20
    stream = b"".join(inflater.compress(chunk) for _ in range(size // len(chunk))) + inflater.flush()
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
               b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream"]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % n + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    path.write_bytes(out.getvalue())
    return path


def good_plan(path: Path) -> Path:
    """A small plan beside the hostile file: it must load with its figure."""
    path.write_text(f"{PLAN_TITLE}\n{PLAN_TEXT}\n", encoding="utf-8")
    return path


def long_pdf(path: Path, pages: int) -> Path:
    """A plan printed over `pages` pages (reportlab's built-in Chinese CID font: nothing to install)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    if "STSong-Light" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(path))
    for page in range(1, pages + 1):
        c.setFont("STSong-Light", 11)
        lines = [PLAN_TITLE, PLAN_TEXT] if page == 1 else []
        lines += [f"第{page}页第{n}条：全市知识产权工作稳步推进，专利申请量持续增长。" for n in range(1, 41)]
        for n, line in enumerate(lines):
            c.drawString(60, 780 - 18 * n, line)
        c.showPage()
    c.save()
    return path
