"""Indicator labels: the unit written in a label, and the normalized key that dbt aliases match on."""

from __future__ import annotations

import re
import unicodedata

import csv
from functools import lru_cache
from pathlib import Path

from ingest.vocabulary import UNITS
from ingest.text import nfkc, to_simplified

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


_TERMS_FILE = Path(__file__).with_name("label_terms.csv")
_DEBRIS = re.compile(r"<[^>]{0,40}>|&[a-z]{2,6};|(?<=[\u3400-\u9fff])[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+[)）]")


@lru_cache(maxsize=1)
def _terms() -> tuple[tuple[str, str], ...]:
    """Traditional/Taiwanese terms and their mainland form (智慧财产权 -> 知识产权), longest first."""
    with open(_TERMS_FILE, encoding="utf-8") as fh:
        rows = [(r["term"], r["normalized"]) for r in csv.DictReader(fh)]
    return tuple(sorted(rows, key=lambda r: -len(r[0])))


def normalize_terms(label: str) -> str:
    """Simplified characters, mainland terms, no markup or pinyin debris: the form labels are matched in
    (the label and quote of a figure stay as written)."""
    s = _DEBRIS.sub("", nfkc(label))
    try:
        s.encode("gb2312")  # Simplified text (the common case) needs no conversion
    except UnicodeEncodeError:
        s = to_simplified(s)
    for term, normalized in _terms():
        if term in s:
            s = s.replace(term, normalized)
    return s


def indicator_key(label: str) -> str:
    """Normalized label: NFKC, Simplified mainland terms, unit suffix and region prefix removed, no spaces or punctuation."""
    s, _ = split_unit(normalize_terms(label))
    s = "".join(ch for ch in s if not unicodedata.category(ch)[0] in "PZSC")
    s = _REGION_PREFIX.sub("", s)
    return s.lower()
