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


# a table stub's 其中 / # sub-row mark, a unit in brackets at its end ('(件/万人)', '（万件）', '(%)'), an English tail
_SUB_ROW = re.compile(r"^\s*(其中\s*[:：]?|#|＃|内\s*[:：])\s*")
# a unit in brackets at the end of a stub: '(件/万人)', '（万件）', '(%)'
_STUB_UNIT = re.compile(r"[（(]\s*([^（）()]{0,6}[件个家项人元%次所座名户条部倍][^（）()]{0,6})\s*[）)]\s*$")
_LATIN_TAIL = re.compile(r"(?<=[\u4e00-\u9fff）)])\s*[A-Za-z][A-Za-z0-9 .,:;'&/()%*+-]*$")


def stub_label(text: str) -> tuple[str, str | None, bool]:
    """A stub as (label, unit written in it, is a 其中/# sub-row); an English translation after it is dropped."""
    label = text.strip()
    sub = bool(_SUB_ROW.match(label))
    label = _SUB_ROW.sub("", label)
    if _LATIN_TAIL.search(label) and re.search(r"[\u4e00-\u9fff]", label):
        label = _LATIN_TAIL.sub("", label).rstrip()
    label, unit = split_unit(label)
    if unit is None and (m := _STUB_UNIT.search(nfkc(label))):
        unit = m.group(1).strip()
        label = label[: len(label) - (len(nfkc(label)) - m.start())].rstrip()
    if unit and "/" in unit and ("每万人" in label or "每亿元" in label or "每万" in label):
        unit = unit.split("/")[0]   # '每万人…（件/万人）': the per-10k basis is in the label
    return label, unit, sub


_PATENT_KIND_MEASURE = re.compile(r"(发明|实用新型|外观设计)(?=(授权|申请|受理|有效|拥有)[量数])")
TOTAL_WORDS = ("合计", "总计", "小计", "全部")


def patent_term(label: str) -> str:
    """A kind of patent right before its measure reads as the term does: '发明授权量' -> '发明专利授权量'."""
    return _PATENT_KIND_MEASURE.sub(r"\1专利", label)
