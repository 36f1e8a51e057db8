"""Indicator labels: the unit written in a label, and the normalized key that dbt aliases match on."""

from __future__ import annotations

import re
import unicodedata

from ingest.numbers import UNITS
from ingest.text import nfkc

_UNIT_SUFFIX = re.compile(r"[（(]\s*(" + "|".join(map(re.escape, UNITS)) + r")\s*[）)]\s*$")
_REGION_PREFIX = re.compile(r"^(全省|全市|全县|全区|我省|我市|我县|我区|本市|本省)")


def split_unit(label: str) -> tuple[str, str | None]:
    """'每万人高价值发明专利拥有量（件）' -> ('每万人高价值发明专利拥有量', '件')."""
    text = label.strip()
    m = _UNIT_SUFFIX.search(nfkc(text))
    if not m:
        return text, None
    # cut the same number of characters from the original (NFKC keeps these lengths)
    tail = len(nfkc(text)) - m.start()
    return text[: len(text) - tail].rstrip(), m.group(1)


def indicator_key(label: str) -> str:
    """Normalized label: NFKC, unit suffix and region prefix removed, no spaces or punctuation."""
    base, _ = split_unit(label)
    s = nfkc(base)
    s = "".join(ch for ch in s if not unicodedata.category(ch)[0] in "PZSC")
    s = _REGION_PREFIX.sub("", s)
    return s.lower()
