"""Bounds for PDFs: compressed streams inflated (and discarded) under a cap before PDFium sees them; pages and characters per page."""

from __future__ import annotations

import re
import zlib

from ingest.errors import ParseError

MAX_STREAM = 256 * 2**20     # bytes one compressed stream may inflate to
MAX_INFLATED = 1024 * 2**20  # bytes all compressed streams together may inflate to
MAX_PAGES = 10_000
MAX_PAGE_CHARS = 200_000     # characters on one page (a dense A4 page of small print: ~5,000)
CHUNK = 4 * 2**20
_STREAM = re.compile(rb"(?<!end)stream\r?\n")


def check_streams(data: bytes) -> None:
    """Inflate every Flate stream of the file in chunks, keeping none of it; refuse the file at the first cap.

    PDFium inflates a page's streams whole when it reads the page: a 2 GB stream costs 2 GB. Here
    a stream costs a 4 MB buffer. Images are skipped (reading text never inflates them). Streams that are not plain zlib data (other filters, encrypted
    or damaged ones) are left to PDFium and to the memory limit of the process.
    """
    total = 0
    pos = 0
    while True:
        m = _STREAM.search(data, pos)
        if m is None:
            return
        end = data.find(b"endstream", m.end())
        if end < 0:
            return
        pos = end + 9
        head = data[max(0, m.start() - 4096):m.start()]
        if b"/Image" in head[head.rfind(b" obj") + 1:]:
            continue  # images are not inflated to read the text layer
        inflater = zlib.decompressobj()
        pending = memoryview(data)[m.end():end]
        size = 0
        try:
            while pending and not inflater.eof:
                size += len(inflater.decompress(pending, CHUNK))
                pending = inflater.unconsumed_tail
                if size > MAX_STREAM or total + size > MAX_INFLATED:
                    cap = MAX_STREAM if size > MAX_STREAM else MAX_INFLATED
                    raise ParseError(f"refused: a compressed stream at byte {m.start():,} inflates past "
                                     f"{cap // 2**20} MB (a decompression bomb?); print the document to PDF again")
        except zlib.error:
            continue
        total += size


def check_pages(n_pages: int) -> None:
    if n_pages > MAX_PAGES:
        raise ParseError(f"refused: the PDF has {n_pages:,} pages, over {MAX_PAGES:,}; split it")


def page_too_dense(n_chars: int, page_no: int) -> str | None:
    """A warning when a page holds more characters than a printed page can: the page is not read."""
    if n_chars > MAX_PAGE_CHARS:
        return (f"page {page_no} holds {n_chars:,} characters, over {MAX_PAGE_CHARS:,} for one page "
                "(a damaged or generated text layer?); the page is not read")
    return None
