"""What looks like a figure but is not: ranges, counts of measures, label thresholds, restated thresholds, firms, quoted national targets, page furniture."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from ingest.model import Figure
from ingest.text import nfkc
from ingest import vocabulary as vocab
from ingest.vocabulary import MULTIPLIERS, NUMERAL_VERB_BEFORE, UNIT_RE, any_of
from ingest.prose.tidy import tidy


# a national plan or target quoted in a regional text: its figures are the country's, not the region's
NATIONAL_QUOTE = re.compile("(" + any_of(vocab.NATIONAL_SPEAKERS) + ")[^,;。]{0,14}(" + any_of(vocab.NATIONAL_DOCUMENTS) + ")"
                            "[^,;。]{0,6}(" + any_of(vocab.NATIONAL_QUOTING_VERBS) + ")")

SKIP_BEFORE = re.compile("(" + any_of(vocab.NOT_A_LEVEL_BEFORE) + ")$")

RELATIVE = re.compile("比[^,;。]*?(" + any_of(vocab.COMPARISON_VERBS) + ")")

RANGE_BEFORE = re.compile(r"\d(?:万|亿)?(?:" + UNIT_RE + r")?\s*[-—–~至到]\s*$")

RANGE_AFTER = re.compile(r"^\s*[-—–~至到]\s*\d")

MEASURES_AFTER = re.compile(r"^(?:具体|重点|主要)?(?:" + any_of(vocab.MEASURE_NOUNS) + ")")

LABEL_THRESHOLD_AFTER = re.compile(r"^(?:以上|以下)?的(?!增速|增幅|增长)[^,;。]{0,6}?(?:县|市|区|企业|单位|城市|高校)")

# a threshold after a count of places or bodies: '9个设区市专利申请总量超过1000件', '有3家企业专利授权量突破100件'
# (the figure is the count; the threshold belongs to its label)
COUNT_THRESHOLD_BEFORE = re.compile(r"(?<![\d.])\d+(?:个|家|所|座)[^\d,;。]{2,30}?(?:" + any_of(vocab.THRESHOLD_VERBS) + ")$")

# the population a rank or a comparison is taken in, not a figure: '全国72个城市第29位', '在全省11个设区市中,…'
POPULATION_AFTER = re.compile(r"^[^\d,;。]{1,8}?(?:中|之中|当中)?(?:排名|排|位居|位列|居|列)?第[\d一二三四五六七八九十]+(?:位|名)"
                               r"|^[^\d,;。]{1,8}?(?:中|之中|当中)$")

THRESHOLD_VERB_END = re.compile("(?:" + any_of(vocab.THRESHOLD_VERBS) + ")$")

_LABEL_THRESHOLD_BEFORE = re.compile("(" + any_of(vocab.LABEL_THRESHOLD_VERBS) + ")$")

_NOT_A_QUANTITY_AFTER = re.compile("^(" + any_of(vocab.NOT_A_QUANTITY_AFTER) + ")")

FURNITURE = re.compile("(" + any_of(vocab.FURNITURE_WORDS) + ")")

FURNITURE_SPAN = re.compile(r"[（(]?剩余\d+字[）)]?|本篇文章\d+字,?读完约\d+分钟|\d+次(?:浏览|阅读)")

FIRM = re.compile(any_of(vocab.FIRM_WORDS))

# the region speaking of itself: a clause saying it is back to the region's figures after a firm's
_REGION_SELF = re.compile(any_of(vocab.REGION_SELF_WORDS))

# an ellipsis ends a passage inside a sentence ('…补助利息29.2万元......当日，…公布了…')
_PASSAGE_BREAK = re.compile(r"\.{3,}|…+")

_CLAUSE_STOP = re.compile(r"((?<!\d),|,(?!\d)|;)")


def firm_clauses(sentence: str) -> list[bool]:
    """For each clause of a sentence (split as the prose reader splits it), whether it speaks of a firm: one
    naming a firm ('…有限公司…取得贷款1000万元'), and the clauses after it up to a semicolon, an ellipsis or
    a clause where the region speaks of itself ('，补助利息37万元；' is the firm's, '全市…' is not)."""
    parts = _CLAUSE_STOP.split(sentence)
    out: list[bool] = []
    carry = False
    for idx in range(0, len(parts), 2):
        clause = parts[idx]
        if idx and parts[idx - 1] == ";":
            carry = False
        names_firm = bool(FIRM.search(clause))
        firm = names_firm or (carry and not _REGION_SELF.search(clause))
        out.append(firm)
        carry = firm and not _PASSAGE_BREAK.search(clause)
    return out


_THRESHOLD = re.compile(r"(?:首次|一举)?(?:" + any_of(vocab.CROSSING_VERBS) + ")$")

_NAMES_INDICATOR = re.compile(any_of(vocab.INDICATOR_WORDS))

THRESHOLD_NEAR_LINES = 2  # a crossed threshold restates an exact figure stated this many lines away at most


def drop_restated_thresholds(figures: list[Figure], near: list[Figure] | None = None) -> list[Figure]:
    """A round threshold crossed ('首次突破12万件', '突破10万件大关') next to the exact figure of the same
    sentence and unit is not a figure of its own; `near` adds the figures of the lines around it
    ('萬人发明专利拥有量为60.8件' two lines above '直至现在首次突破60件')."""
    others = [g for g in (near or []) if all(g is not h for h in figures)]
    out = []
    for f in figures:
        # a figure of another line counts when it names the same indicator, or the threshold names none
        pool = figures + [g for g in others if not _NAMES_INDICATOR.search(f.indicator_label)
                          or _same_indicator(f.indicator_key, g.indicator_key)]
        text = tidy(nfkc(f.source_text))
        pos = text.find(f.raw_value + (f.raw_unit or ""))
        before = text[:pos] if pos >= 0 else ""
        after = text[pos + len(f.raw_value + (f.raw_unit or "")):] if pos >= 0 else ""
        threshold = bool(_THRESHOLD.search(before)) or after.startswith(("大关", "人民币大关"))
        level = f.value_number * MULTIPLIERS.get(f.multiplier, 1.0) if f.value_number is not None else None
        base = (f.raw_unit or "").lstrip("万亿") or f.raw_unit
        exact = level is not None and any(
            g is not f and g.value_kind == f.value_kind and g.value_number is not None
            and ((g.raw_unit or "").lstrip("万亿") or g.raw_unit) == base
            and level <= g.value_number * MULTIPLIERS.get(g.multiplier, 1.0) < 1.5 * level for g in pool)
        if threshold and (exact or after.startswith(("大关", "人民币大关"))):
            continue
        out.append(f)
    return out


RESTATED_SHARE = 0.8   # a common run of at least this share of the shorter label makes two labels one indicator


def _same_indicator(a: str, b: str) -> bool:
    short = min(len(a), len(b))
    if short < 2:
        return False
    run = SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b)).size
    return run >= RESTATED_SHARE * short


def not_a_figure(unit: str | None, mult: str | None, before: str, after: str) -> bool:
    """A number that is no figure whatever its words: a duration, a range, a count of measures, a threshold
    inside another figure's label, the population of a rank, the threshold of a count before it."""
    if unit == "个" and after.startswith(vocab.DURATION_WORDS):
        return True  # '前7个月': a duration
    if RANGE_BEFORE.search(before) or RANGE_AFTER.match(after):
        return True  # '打造3-5个', '3家至5家': a range of things to build, not a figure
    if unit in ("条", "项") and MEASURES_AFTER.match(after):
        return True  # '19条具体措施', '14项主要指标'
    if unit != "%" and LABEL_THRESHOLD_AFTER.match(after) and (
            after.startswith(("以上", "以下")) or _LABEL_THRESHOLD_BEFORE.search(before)):
        return True  # '超2000件的县市区': a threshold inside the label of another figure
    if unit in ("个", "家", "所", "座") and not mult and POPULATION_AFTER.match(after):
        return True  # '全国72个城市第29位', '在全省11个设区市中': the population of a rank or a comparison
    if unit != "%" and COUNT_THRESHOLD_BEFORE.search(before):
        return True  # '9个设区市专利申请总量超过1000件': the threshold of the count before it
    return False


def not_a_level(clause: str, start: int, num: str, unit: str | None, mult: str | None, before: str, after: str) -> bool:
    """A number (not a change) that is no level: a Chinese numeral without a value verb, part of a longer
    number, a year or ordinal, a rank, a comparison, a bare amount in 元."""
    if not num[0].isdigit():
        if num in ("十", "百", "千") or not NUMERAL_VERB_BEFORE.search(before):
            return True
    if start > 0 and (clause[start - 1].isdigit() or clause[start - 1] == "."):
        return True
    if _NOT_A_QUANTITY_AFTER.match(after) and not unit:
        return True
    if SKIP_BEFORE.search(before.rstrip()):
        return True
    if RELATIVE.search(before):
        return True
    if unit == "元" and not mult:
        return True
    return False
