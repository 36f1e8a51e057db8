"""List labels completed from their neighbours: the object, verb or measure a Chinese enumeration states once, restored on each item of a line."""

from __future__ import annotations

import re

from ingest.labels import indicator_key
from ingest.model import Figure
from ingest.numbers import five_year_plan_end
from ingest.prose.phrases import distribute_labels
from ingest.vocabulary import FIVE_YEAR_PERIOD, FLOW_MEASURE_WORDS, IP_OBJECT_WORDS, MEASURE_WORDS, any_of

# ---------------------------------------------------------------------------------------------------
# Completing list labels (a general feature of Chinese enumerations): the items of a list share the
# words the writer states once. '专利申请量X件，授权量Y件' — the IP object is said once, for the first
# item; '新增A 6家，B 36家' — the verb 新增 governs both items; '专利授权量X件。其中发明专利Y件' — the
# breakdown under 其中 counts the parent's measure. The label is completed from its neighbour in the
# same line; the quoted sentence stays as written.

# a label that names only a measure (and maybe a basis word): its IP object is in the item before it
_MEASURE_ONLY = re.compile(r"^(?:新增|累计|当年)?(?:" + any_of(MEASURE_WORDS) + r")$")

# a money amount of the item before it ('专利权质押登记344项，融资登记金额40.52亿元', '…质押融资529笔，质押金额…')
_MONEY_ONLY = re.compile(r"^(?:质押融资|质押|融资)?(?:登记)?(?:金额|总额|额)$")
# ...completed only from an item about a pledge or a loan ('首次实现4家企业…，质押金额…' stays as written)
_FINANCE_ITEM = re.compile(r"质押|融资|贷款|质权")

# a total or a count without a measure ('总数量分别达到14家和77家', '全市总量达到32000件')
_TOTAL_ONLY = re.compile(r"^(?:总数量|总量|总数|数量)$")

# the measure at the end of a label (the part a list's later items replace with their own)
_MEASURE_TAIL = re.compile(r"(?:" + "|".join(("申请受理量", "申请受理", "受理量", *MEASURE_WORDS)) + r")$")

# the measure a breakdown under 其中 inherits (flows only: a stock's breakdown names its own 有效/拥有)
_FLOW_TAIL = re.compile(r"(?:" + any_of(FLOW_MEASURE_WORDS) + ")$")

# adverbs of the sentence left at the end of a label ('专利申请总量首次' of '…首次突破12万件')
_TRAIL_ADVERB = re.compile(r"(?:首次|已经|已|均|共|分别|累计)+$")

# words that make a label a measure of its own (a stock, a share, a rate): never completed
_OWN_MEASURE = re.compile(r"有效|拥有|保有|存量|现有|总量|总数|累计|占|比重|比例|率|增|降|额|金|规模|新增|数量|量$|数$")

# an IP object named without its measure (a breakdown item: '发明专利', '实用新型', '外观设计专利')
_OBJECT_ONLY = re.compile(r"^(?:国内)?(?:" + any_of(IP_OBJECT_WORDS) + ")$", re.IGNORECASE)


# a flow verb before an IP object ('授权发明专利', '申请发明专利', '受理PCT国际专利申请')
_VERB_OBJECT = re.compile(r"^(授权|申请|受理|注册|登记|获得授权|获授权)(.+)$")


# the region word a later item may start with ('全市总量'): it goes before the completed label
_REGION_WORD = re.compile(r"^((?:全国|全省|全市|全区|全县|该省|该市)?)(.*)$", re.S)

# denominators a total drops from the item it completes from
_DENSITY = re.compile(r"(?:每万人口|每万人|万人口|万人|每百家企业|每百户企业|每百家|每百户)")


def _stem(label: str) -> str:
    """'该省专利申请数量' -> '该省专利': the words a later item shares (object and scope), without the
    first item's measure, its adverbs or its own 新增."""
    s = _TRAIL_ADVERB.sub("", label)
    s = _MEASURE_TAIL.sub("", s)
    s = _TRAIL_ADVERB.sub("", s)
    s = re.sub(r"^新增", "", s)
    # the first item's measure may be a verb before its object ('累计申请植物新品种权48项，授权12项')
    return m.group(2) if (m := _VERB_OBJECT.match(s)) and len(m.group(2)) >= 2 else s


def _relabel(f: Figure, label: str) -> None:
    f.indicator_label = label
    f.indicator_key = indicator_key(label)


def _key(label: str) -> str:
    return re.sub(r"[\s,，、:：]", "", label).lower()


# a list of k items changed from k values to k values: 'A、B分别从“十二五”期末的a、b增长至2020年的c、d'
_EACH_FROM = re.compile(r"分别(?:从|由)(?P<when>[^0-9,;。]{0,12}?(?:\d{4}年)?[^0-9,;。]{0,6}?)\d")
_TO_ONLY = re.compile(r"^(?:增长|提高|提升|增加|上升|增|升|降低|下降|减少|降)(?:到|至|为)$")


def _from_year(when: str) -> int | None:
    """The year a '分别从…' list starts from: '“十二五”期末的' -> 2015, '2015年的' -> 2015."""
    if m := FIVE_YEAR_PERIOD.search(when):
        return five_year_plan_end(m.group(1))
    if m := re.search(r"(\d{4})年", when):
        return int(m.group(1))
    return None


def _pair_lists(levels: list[Figure]) -> None:
    """'发明专利申请量、授权量分别从4.70万件、1.76万件增长至8.28万件、2.42万件': the k items of the list
    label the k 'from' values and again the k 'to' values (never shifted by one); the 'from' values
    take the year the frame names ('“十二五”期末的' = 2015) when it names one."""
    for f, g in zip(levels, levels[1:]):
        # one item: 'X从“十二五”末的2.2件增长到4.4件' — the 'from' value is the earlier year's
        if f.indicator_label != g.indicator_label or f.source_text != g.source_text or f.year != g.year:
            continue
        m = re.search(re.escape(f.indicator_label) + r"(?:从|由)(?P<when>[^,;。]{0,16}?)(?<![\d.])" + re.escape(f.raw_value)
                      + r"[^0-9,;。]{0,8}?(?:增长|提高|提升|增加|上升|增|升)(?:到|至)[^0-9,;。]{0,12}?"
                      + re.escape(g.raw_value), f.source_text)
        year = _from_year(m.group("when")) if m else None
        if year is not None and f.year is not None and year < f.year:
            f.year, f.value_kind = year, "actual"  # the baseline a change starts from is achieved
    for i, f in enumerate(levels):
        m = _EACH_FROM.search(f.source_text)
        items = f.indicator_label.split("、")
        k = len(items)
        if not m or k < 2 or any(len(x) < 2 for x in items):
            continue
        run = levels[i:i + 2 * k]
        if len(run) != 2 * k or any(g.source_text != f.source_text or not _TO_ONLY.match(_key(g.indicator_label))
                                    for g in run[1:]):
            continue
        labels = distribute_labels(f.indicator_label, k) or items
        year = _from_year(m.group("when"))
        for n, g in enumerate(run):
            _relabel(g, labels[n % k])
            if n < k and year is not None and g.year is not None and year < g.year:
                g.year, g.value_kind = year, "actual"


def complete_labels(figures: list[Figure]) -> list[Figure]:
    """Complete the labels of one line's figures from their neighbours (see above); changes stay as they are."""
    levels = [f for f in figures if f.value_kind != "change"]
    _pair_lists(levels)
    # breakdown items ('其中发明专利申请1万件'): a later measure alone ('，授权量3万件') may be the breakdown's
    # or the whole's — it is not completed from them
    breakdown = {id(f) for f in levels
                 if "其中" in f.source_text  # (a quick test before a pattern compiled for this label)
                 and re.search(r"其中[,，:：]?\s*" + re.escape(f.indicator_label) + r"\s*[\d.]", f.source_text)}
    # 1. '新增A 6家，B 36家': 新增 governs the next item when it is parallel — the same head noun (its last
    #    two characters), no basis or stock word of its own, stated in the same sentence
    for prev, f in zip(levels, levels[1:]):
        p, k = _key(prev.indicator_label), _key(f.indicator_label)
        if (p.startswith("新增") and f.source_text == prev.source_text and len(k) >= 4 and p[-2:] == k[-2:]
                and k not in p  # '新增地理标志23个，累计408个': the same object again is the running total
                and "累计" not in (f.basis_hint or "") and not _OWN_MEASURE.search(k) and not _MEASURE_ONLY.match(k)):
            _relabel(f, "新增" + f.indicator_label)
            f.basis_hint = "新增" if not f.basis_hint else f.basis_hint + ",新增"
    # 2. a breakdown under 其中 that names only an IP object counts the parent's measure
    for i, f in enumerate(levels):
        k = _key(f.indicator_label)
        if not _OBJECT_ONLY.match(k) or i == 0:
            continue
        if "其中" not in f.source_text or not re.search(
                r"其中[,，:：]?\s*" + re.escape(f.indicator_label) + r"\s*\d", f.source_text):
            continue
        parent = _TRAIL_ADVERB.sub("", _key(levels[i - 1].indicator_label))
        tail = _FLOW_TAIL.search(parent)
        if tail:
            _relabel(f, f.indicator_label + tail.group(0))
    # 2b. a parallel list of IP objects after a first item with its measure ('授权发明专利69.6万件，实用新型
    #     312.0万件，外观设计78.6万件'): each object takes the first item's measure (a verb before it or a
    #     flow measure after it); never across sentences, never for a stock ('有效发明专利…，商标…')
    for prev, f in zip(levels, levels[1:]):
        k = _key(f.indicator_label)
        if id(f) in breakdown or not _OBJECT_ONLY.match(k) or f.source_text != prev.source_text:
            continue
        p = _key(prev.indicator_label)
        if (m := _VERB_OBJECT.match(p)) and _OBJECT_ONLY.match(m.group(2)):
            _relabel(f, m.group(1) + f.indicator_label)
        elif (tail := _FLOW_TAIL.search(p)) and _OBJECT_ONLY.match(p[: tail.start()]):
            _relabel(f, f.indicator_label + tail.group(0))
    # 3. a label that is only a measure takes the object of the item before it in the same sentence;
    #    a run of k such labels from one list ('总数量分别达到14家和77家') takes the k items before it
    i = 0
    while i < len(levels):
        k = _key(_REGION_WORD.match(levels[i].indicator_label).group(2))
        money = _MONEY_ONLY.match(k) is not None and not _MEASURE_ONLY.match(k)
        if not (_MEASURE_ONLY.match(k) or money):
            i += 1
            continue
        j = i
        while j + 1 < len(levels) and _key(levels[j + 1].indicator_label) == k \
                and levels[j + 1].source_text == levels[i].source_text:
            j += 1
        run = levels[i:j + 1]
        before = [g for g in levels[:i] if g.source_text == levels[i].source_text
                  and not _MEASURE_ONLY.match(_key(g.indicator_label))]
        # a lone total after a list sums the list ('保护中心8家、快速维权中心7家，总数达112家'): it is
        # completed only from a single item before it, or item by item from a 分别-list of its own length
        total = _TOTAL_ONLY.match(k) is not None
        sources = before[len(before) - len(run):] if len(before) >= len(run) else []
        if sources and not (total and len(run) == 1 and len(before) > 1) \
                and not any(id(src) in breakdown for src in sources):
            for g, src in zip(run, sources):
                stem = _stem(src.indicator_label)
                region, own = _REGION_WORD.match(g.indicator_label).groups()
                if "总" in own:  # a total is never a density: '万人…拥有量达到10件，全市总量达到32000件'
                    stem = _DENSITY.sub("", stem)
                if money and not _FINANCE_ITEM.search(stem):
                    continue
                if len(_key(stem)) >= 2 and not _MEASURE_ONLY.match(_key(stem)):
                    _relabel(g, region + stem + own)
        i = j + 1
    return figures
