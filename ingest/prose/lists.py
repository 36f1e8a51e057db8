"""Lists and pairs: year lists, paired label lists, before/after pairs with and without years."""

from __future__ import annotations

import re

from ingest.prose.quantities import UNIT_RE, _LIST_VALS


_FROM_TO = re.compile(
    r"(?P<label>[^,;。]{0,60}?)(?:实现翻番|翻了一番|翻番)?[,]?(?:从|由)(?P<y1>\d{4})年(?:末|底|\d{1,2}月)?的(?P<v1>\d+(?:\.\d+)?)(?P<u1>万|亿)?(?P<unit1>" + UNIT_RE + r")?(?:人民币)?,?"
    r"(?:提高|提升|增加|增长|上升)(?:到|至)(?P<y2>\d{4})年(?:末|底|\d{1,2}月)?的(?P<v2>\d+(?:\.\d+)?)(?P<u2>万|亿)?(?P<unit2>" + UNIT_RE + r")"
)

_DISTRIBUTED = re.compile(rf"(?P<y1>\d{{4}})\s*[-—–~至到]\s*(?P<y2>\d{{4}})年(?P<label>[^,;。]{{0,60}}?)(?:目标)?分别(?:为|是|达到|达){_LIST_VALS}")

_PAIRED = re.compile(rf"(?P<label>[^,;。]{{0,80}}?)分别(?P<verb>为|是|达到了|达到|达|突破|超过|超|增至|增加到|提高到|提升到){_LIST_VALS}")

# 'X由47166件增至91133件' without years: the pair spans the clause's period (or ends in its year); the first
# value may name its own time ('从“十二五”末的6.3件增加到15.8件', '由2015年的X提高到Y')
_PAIR_NO_YEARS = re.compile(
    r"(?P<label>[^,;。]{0,60}?)(?:从|由)(?:[“\"]?十(?P<fyp1>[一二三四五六])五[”\"]?(?:末|期末)的|(?P<y1>\d{4})年(?:末|底)?的)?"
    r"(?P<v1>\d+(?:\.\d+)?)(?P<u1>万|亿)?(?P<unit1>" + UNIT_RE + r")?"
    r"(?:增至|增加到|增加至|增长到|增长至|提高到|提高至|提升到|提升至|上升到|上升至|增长为|提高为)"
    r"(?P<v2>\d+(?:\.\d+)?)(?P<u2>万|亿)?(?P<unit2>" + UNIT_RE + r")")
