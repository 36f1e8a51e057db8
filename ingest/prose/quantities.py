"""Numbers and units as written in running text: number grammar, prose-only units, tidying of web and PDF text."""

from __future__ import annotations

import re

from ingest.numbers import PROSE_UNITS, chinese_to_number, finite


# prose-only units: percentage points, points (分, not 分钟), deals (笔), 万亿元; 倍 only for changes
_EXTRA_UNITS = ["个百分点", "亿元", "笔", "分(?![钟之别])", "倍"]

UNIT_RE = "|".join([u for u in _EXTRA_UNITS if "(" in u] + sorted(
    [re.escape(u) for u in set(PROSE_UNITS) | {u for u in _EXTRA_UNITS if "(" not in u}], key=len, reverse=True))

NUM_RE = rf"(?P<sign>-)?(?P<num>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|[两二三四五六七八九十百千]+)(?P<mult>万|亿)?(?P<unit>{UNIT_RE})?"

_NUM = re.compile(NUM_RE)

_VALUE_VERBS = r"(?:累计|累)?(?:分别)?(?:达到|达|超过|超|突破|不低于|不少于|保持在|保持|稳定在|增加至|增加到|提高到|提高至|提升至|提升到|增至|增长到|为|是|约|近|逾|共|至)"

_CN_OK_BEFORE = re.compile(r"(达到|达|超过|突破|不低于|不少于|为|新增|建成|培育)$")

_LIST_VALS = rf"(?P<vals>(?:\d+(?:\.\d+)?(?:万|亿)?(?:{UNIT_RE})?)(?:(?:、|和|及|,)\d+(?:\.\d+)?(?:万|亿)?(?:{UNIT_RE})?)+)"

# pinyin ruby: after a Chinese character, or anywhere when it carries a tone mark ('P(guān)CT')
_RUBY = re.compile(r"(?<=[\u3400-\u9fff])\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüń]+\)"
                   r"|\((?=[a-z]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜń])[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüń]+\)")

_STOP_AS_DOT = re.compile(r"(?<=[\u3400-\u9fff%])\.(?=[\u3400-\u9fff]|\d{4}年)")
_SPACE = re.compile(r"\s")
_SPACE_IN_QUANTITY = re.compile(r"(?<=\d)\s+(?=[万亿年月日件个家项%元人分笔倍])")
_SPACE_IN_WORDS = re.compile(r"(?<=[\u3400-\u9fff])\s+(?=[\u3400-\u9fff\d])|(?<=[\u3400-\u9fff\d%])\s+(?=[\u3400-\u9fff])")

def tidy(text: str) -> str:
    """Drop pinyin ruby '发(fā)' and the spaces PDF exports put between numbers, units and years
    ('129820 件', '2018 年', '较 上年')."""
    s = _RUBY.sub("", text) if "(" in text else text
    if "." in s:
        s = _STOP_AS_DOT.sub("。", s)
    if not _SPACE.search(s):
        return s
    s = _SPACE_IN_QUANTITY.sub("", s)
    return _SPACE_IN_WORDS.sub("", s)

def _quantity(num: str, mult: str | None, unit: str | None) -> tuple[str, float]:
    if num[0].isdigit():
        return num, finite(num, float(num.replace(",", "")))
    return num, float(chinese_to_number(num))

def _list_values(vals: str) -> list[tuple[str, str | None, str | None]]:
    return [(m.group("num"), m.group("mult"), m.group("unit")) for m in _NUM.finditer(vals)]
