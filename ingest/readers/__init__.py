"""Pick the reader for a file by its suffix and first bytes; every reader returns the same Extracted model."""

from __future__ import annotations

from pathlib import Path

from ingest.errors import ParseError
from ingest.readers.model import Extracted

# suffix -> format; a folder ingest reads these and names every other file it skips
FORMATS = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md", ".docx": "docx",
           ".html": "html", ".htm": "html", ".shtml": "html", ".xhtml": "html", ".pdf": "pdf"}
# formats we recognise but cannot read, with what to do
UNSUPPORTED = {
    ".doc": "old Word .doc format; save it as .docx",
    ".wps": "WPS format; save it as .docx",
    ".rtf": "RTF; save it as .docx",
    ".xls": "a spreadsheet; tables outside plan documents are not read",
    ".xlsx": "a spreadsheet; tables outside plan documents are not read",
    ".ofd": "OFD format; export it as PDF",
    ".jpg": "an image; OCR it first", ".jpeg": "an image; OCR it first", ".png": "an image; OCR it first",
    ".zip": "an archive; unpack it first", ".rar": "an archive; unpack it first",
}


def sniff(path: Path, data: bytes) -> str:
    """The format of a file: its suffix, checked against its first bytes; unknown suffixes by their bytes."""
    fmt = FORMATS.get(path.suffix.lower())
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if fmt == "pdf" and not data.startswith(b"%PDF"):
        if head.startswith((b"<!doctype html", b"<html")):
            return "html"
        raise ParseError("named .pdf but not a PDF file (no %PDF header); download or export it again")
    if fmt == "docx" and not data.startswith(b"PK"):
        if data.startswith(b"\xd0\xcf\x11\xe0"):
            raise ParseError("an old Word .doc file named .docx; open it in Word and save it as .docx")
        raise ParseError("not a readable Word .docx file (damaged or not a zip package); "
                         "open it in Word and save it again as .docx")
    if fmt is not None:
        return fmt
    if data.startswith(b"%PDF"):
        return "pdf"
    if data.startswith(b"PK\x03\x04") and b"word/" in data[:65536]:
        return "docx"
    if head.startswith((b"<!doctype html", b"<html")):
        return "html"
    return "txt"


def read_document(path: Path, data: bytes) -> Extracted:
    """Turn a file's bytes into lines and tables. Raises ParseError with a one-line reason."""
    fmt = sniff(path, data)
    if fmt == "docx":
        from ingest.readers.docx import read_docx

        return read_docx(data)
    if fmt == "pdf":
        from ingest.readers.pdf import read_pdf

        return read_pdf(data)
    if fmt == "html":
        from ingest.readers.html import read_html

        return read_html(data)
    from ingest.readers.text import read_text

    return read_text(data, fmt)
