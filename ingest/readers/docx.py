"""Word .docx: body paragraphs and real Word tables (merged cells as merged); headers and footers are not read."""

from __future__ import annotations

import io
import zipfile

from ingest.errors import ParseError
from ingest.readers.model import Extracted
from ingest.tables import Cell
from ingest.text import clean_line


def read_docx(data: bytes) -> Extracted:
    """Paragraph N -> one line with ref 'paragraph N'; a table -> one line per row, cells 'table T row R col C'."""
    import docx  # python-docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table as DocxTable

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ParseError("not a readable Word .docx file (damaged or not a zip package); "
                         "open it in Word and save it again as .docx") from exc
    except Exception as exc:  # noqa: BLE001 - lxml/zip errors of a damaged package
        raise ParseError(f"cannot read the .docx package ({type(exc).__name__}); open it in Word and save it again") from exc
    out = Extracted([], [], "docx", "docx")
    para_no = table_no = 0
    for block in document.iter_inner_content():
        if isinstance(block, DocxTable):
            table_no += 1
            out.add_table(_grid(block, table_no), "docx", f"table {table_no}")
        else:
            para_no += 1
            out.add_line(clean_line(block.text), f"paragraph {para_no}")
    if not any(line.strip() for line in out.lines):
        raise ParseError("the .docx holds no text (only images?); OCR it or export the text")
    return out


def _grid(table, table_no: int) -> list[list[Cell | None]]:
    """Cells by row and grid column; a cell merged across columns or rows appears once, its copies filled."""
    grid: list[list[Cell | None]] = []
    prev_tcs: list = []
    for r, row in enumerate(table.rows, start=1):
        cells: list[Cell | None] = []
        tcs: list = []
        for c, cell in enumerate(row.cells, start=1):
            tc = cell._tc
            merged = (tcs and tcs[-1] is tc) or (c - 1 < len(prev_tcs) and prev_tcs[c - 1] is tc)
            text = "\n".join(clean_line(p.text).strip() for p in cell.paragraphs).strip()
            cells.append(Cell(text, 0, filled=bool(merged), ref=f"table {table_no} row {r} col {c}"))
            tcs.append(tc)
        grid.append(cells)
        prev_tcs = tcs
    return grid
