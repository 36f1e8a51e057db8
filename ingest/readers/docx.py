"""Word .docx: body paragraphs and real Word tables (merged cells as merged); headers and footers are not read."""

from __future__ import annotations

import io
import zipfile

from ingest.errors import ParseError
from ingest.readers.model import Extracted
from ingest.readers.zip_guard import text_package
from ingest.tables.table import Cell
from ingest.text import clean_line

MAX_SPAN = 1_000  # grid columns one cell may span (a larger gridSpan is a damaged or hostile table)


def read_docx(data: bytes) -> Extracted:
    """Paragraph N -> one line with ref 'paragraph N'; a table -> one line per row, cells 'table T row R col C'.

    The package is checked before anything is inflated (see zip_guard): images and other media
    are never inflated, XML parts only up to the caps.
    """
    import docx  # python-docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table as DocxTable

    package, _media = text_package(data)
    try:
        document = docx.Document(io.BytesIO(package))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ParseError("not a readable Word .docx file (damaged or not a zip package); "
                         "open it in Word and save it again as .docx") from exc
    except MemoryError:
        raise
    except Exception as exc:  # noqa: BLE001 - lxml/zip errors of a damaged package
        raise ParseError(f"cannot read the .docx package ({type(exc).__name__}); open it in Word and save it again") from exc
    out = Extracted([], [], "docx", "docx")
    para_no = table_no = 0
    for block in document.iter_inner_content():
        if isinstance(block, DocxTable):
            table_no += 1
            out.add_table(grid(block._tbl, table_no, out), "docx", f"table {table_no}")
        else:
            para_no += 1
            out.add_line(clean_line(block.text), f"paragraph {para_no}")
    if not any(line.strip() for line in out.lines):
        raise ParseError("the .docx holds no text (only images?); OCR it or export the text")
    return out


def _cell_text(tc) -> str:
    from docx.text.paragraph import Paragraph

    return "\n".join(clean_line(Paragraph(p, None).text).strip() for p in tc.p_lst).strip()


def grid(tbl, table_no: int, out: Extracted) -> list[list[Cell | None]]:
    """Cells by row and grid column; a cell merged across columns or rows appears once, its copies filled.

    One pass over the rows, remembering per grid column the cell that covers it: a vertical merge
    of any length costs one step per row (no recursion, no search for the cell above).
    """
    rows: list[list[Cell | None]] = []
    n_cells = 0
    above: list[tuple[object, str]] = []  # per grid column of the row above: (its w:tc, its text)
    for r, tr in enumerate(tbl.tr_lst, start=1):
        cells: list[Cell | None] = []
        here: list[tuple[object, str]] = []
        for tc in tr.tc_lst:
            try:
                span = max(1, min(int(tc.grid_span), MAX_SPAN))
            except (TypeError, ValueError):
                span = 1
            col = len(here)
            if tc.vMerge == "continue" and col < len(above):
                root, text = above[col]
                first_filled = True
            else:
                root, text = tc, _cell_text(tc)
                first_filled = False
            n_cells += span
            out.budget.check_cells(n_cells)
            for k in range(span):
                c = col + k + 1
                cells.append(Cell(text, 0, filled=first_filled or k > 0, ref=f"table {table_no} row {r} col {c}"))
                here.append((root, text))
        rows.append(cells)
        above = here
    return rows
