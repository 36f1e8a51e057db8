"""Read a zip package (.docx) within caps: members' declared and actual sizes and ratios, checked while inflating."""

from __future__ import annotations

import io
import zipfile
import zlib

from ingest.errors import ParseError

MAX_MEMBERS = 10_000            # entries in the package
MAX_PART = 256 * 2**20          # bytes one XML part may inflate to
MAX_TOTAL = 512 * 2**20         # bytes all XML parts together may inflate to
MAX_RATIO = 400                 # inflated / compressed size of a part over RATIO_FLOOR (Word's XML: 5-50)
RATIO_FLOOR = 2**20
CHUNK = 2**20
TEXT_PARTS = (".xml", ".rels")  # what the text is read from; every other member (images, fonts, objects) is not inflated


def _bomb(name: str, why: str) -> ParseError:
    return ParseError(f"refused: the package's {name} {why} (a zip bomb?); open it in Word and save it again")


def _read_capped(zf: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int) -> bytes:
    """A member's bytes, inflated a chunk at a time; stops as soon as a cap is passed."""
    cap = min(MAX_PART, budget)
    out = bytearray()
    with zf.open(info) as fh:
        while True:
            chunk = fh.read(CHUNK)
            if not chunk:
                return bytes(out)
            out += chunk
            if len(out) > cap:
                raise _bomb(info.filename, f"inflates past {cap // 2**20} MB")
            if len(out) > RATIO_FLOOR and len(out) > MAX_RATIO * max(1, info.compress_size):
                raise _bomb(info.filename, f"inflates more than {MAX_RATIO} times its compressed size")


def text_package(data: bytes) -> tuple[bytes, list[str]]:
    """A copy of the package holding its XML parts (checked) and every other member empty, never inflated.

    Returns the copy (stored, uncompressed) and the names of the members left empty.
    Raises ParseError for a package that is not a zip, has too many members, or whose parts
    declare or reach a size or compression ratio over the caps.
    """
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise ParseError("not a readable Word .docx file (damaged or not a zip package); "
                         "open it in Word and save it again as .docx") from exc
    infos = zf.infolist()
    if len(infos) > MAX_MEMBERS:
        raise _bomb("directory", f"lists {len(infos):,} members, over {MAX_MEMBERS:,}")
    out = io.BytesIO()
    emptied: list[str] = []
    total = 0
    with zf, zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as copy:
        for info in infos:
            if info.is_dir():
                continue
            if not info.filename.lower().endswith(TEXT_PARTS):
                copy.writestr(info.filename, b"")
                emptied.append(info.filename)
                continue
            if info.file_size > MAX_PART or total + info.file_size > MAX_TOTAL:
                raise _bomb(info.filename, f"declares {info.file_size // 2**20} MB uncompressed, "
                                           f"over {min(MAX_PART, MAX_TOTAL - total) // 2**20} MB")
            if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(1, info.compress_size):
                raise _bomb(info.filename, f"declares a compression ratio over {MAX_RATIO}")
            try:
                blob = _read_capped(zf, info, MAX_TOTAL - total)
            except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError,
                    NotImplementedError, RuntimeError, zlib.error) as exc:
                raise ParseError(f"cannot read the .docx package ({info.filename}: {type(exc).__name__}); "
                                 "open it in Word and save it again") from exc
            total += len(blob)
            copy.writestr(info.filename, blob)
    return out.getvalue(), emptied
