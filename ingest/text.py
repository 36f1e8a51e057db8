"""Decoding, cleaning and simplifying document text (encodings, conversion debris, Traditional Chinese)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ingest.errors import ParseError

_BOOKMARK = re.compile(r"\[bookmark:[^\]]*\]")
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_ZERO_WIDTH.update(dict.fromkeys([c for c in range(32) if chr(c) not in "\t\n\r"] + [127], None))


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str
    note: str | None = None      # what decoding had to repair (invalid bytes replaced), as a warning
    note_line: int | None = None


MAX_INVALID_SHARE = 0.02  # U+FFFD per non-ASCII character below which bytes are UTF-8 with a few bad bytes
MIN_INVALID_ALLOWED = 8   # (GB18030 text read as UTF-8 is nearly all U+FFFD)


def lenient_utf8(data: bytes) -> DecodedText | None:
    """UTF-8 with a few invalid bytes (a damaged download, a cut character), read as UTF-8 with U+FFFD in their place.

    None when the bytes are not mostly UTF-8: GB18030 text read as UTF-8 turns nearly every
    Chinese character into U+FFFD, UTF-8 text with one bad byte a few of thousands.
    """
    try:
        data.decode("utf-8")
        return DecodedText(data.decode("utf-8-sig"), "utf-8")
    except UnicodeDecodeError as exc:
        first = exc.start
    text = data.decode("utf-8-sig", errors="replace")
    invalid = text.count("\ufffd")
    non_ascii = len(text) - len(text.encode("ascii", errors="ignore"))
    if non_ascii - invalid < 30 or invalid > max(MIN_INVALID_ALLOWED, non_ascii * MAX_INVALID_SHARE):
        return None
    line = data.count(b"\n", 0, first) + 1
    return DecodedText(text, "utf-8", f"{invalid} invalid UTF-8 byte(s), the first on line {line}, shown as U+FFFD; "
                                      "the rest of the text is read as UTF-8", line)


def decode(data: bytes) -> DecodedText:
    """Decode a document: UTF-8 (with or without BOM), UTF-16 with BOM, then GB18030.

    Raises ParseError for empty or binary input and for bytes no encoding explains.
    """
    if not data.strip():
        raise ParseError("the file is empty; remove it or export the document's text again")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return DecodedText(data.decode("utf-16"), "utf-16")
        except UnicodeDecodeError as exc:
            raise ParseError("the file starts with a UTF-16 mark but is not valid UTF-16") from exc
    if b"\x00" in data[:4096]:
        raise ParseError("this looks like a binary file, not plain text; export the document as .txt")
    utf8 = lenient_utf8(data)  # valid UTF-8, or UTF-8 with a few bad bytes (never GB18030 mojibake)
    if utf8 is not None:
        return utf8
    try:
        return DecodedText(data.decode("gb18030"), "gb18030")
    except UnicodeDecodeError:
        pass
    raise ParseError("not UTF-8 or GB18030 text; convert the file to UTF-8")


def split_lines(text: str) -> list[str]:
    """Split on any newline convention, keeping tabs and inner spacing (no phantom line after a final newline)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if len(lines) > 1 and lines[-1] == "":
        lines.pop()
    return lines


def clean_line(line: str) -> str:
    """Remove conversion debris ([bookmark: …], zero-width and control characters) but keep the wording."""
    return _BOOKMARK.sub("", line).translate(_ZERO_WIDTH)


@lru_cache(maxsize=1)
def _t2s():
    import opencc  # opencc-python-reimplemented

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=1)
def _traditional_chars() -> frozenset[str]:
    """Characters OpenCC's own t2s table (TSCharacters.txt) converts to a different Simplified character."""
    import opencc  # opencc-python-reimplemented ships the OpenCC dictionaries as text

    table = Path(opencc.__file__).parent / "dictionary" / "TSCharacters.txt"
    chars = set()
    for line in table.read_text(encoding="utf-8").splitlines():
        traditional, _, simplified = line.partition("\t")
        if len(traditional) == 1 and simplified.split(" ")[0] != traditional:
            chars.add(traditional)
    return frozenset(chars)


_HAN = re.compile(r"[\u4e00-\u9fff]")


def is_traditional(text: str, sample: int = 20000) -> bool:
    """True when a noticeable share (> 3 %) of the Han characters are ones OpenCC converts to Simplified.

    A set lookup per character of OpenCC's character table: the same verdicts as converting the
    sample with OpenCC and counting changed characters, without running the (pure-Python) converter.
    """
    chunk = text[:sample]
    han = len(_HAN.findall(chunk))
    if han < 20:
        return False
    traditional = _traditional_chars()
    changed = sum(map(traditional.__contains__, chunk))
    return changed / han > 0.03


def to_simplified(text: str) -> str:
    return _t2s().convert(text)


def nfkc(text: str) -> str:
    """Full-width digits, letters and punctuation to their plain forms."""
    if unicodedata.is_normalized("NFKC", text):  # most lines: a quick check, no new string
        return text
    return unicodedata.normalize("NFKC", text)
