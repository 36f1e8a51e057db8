"""Indicator phrases of prose figures: strip time words, connectors and verbs; subjects and list labels."""

from __future__ import annotations

import re

from ingest.model import Figure
from ingest import vocabulary as vocab
from ingest.vocabulary import NUMBER, VALUE_VERBS
from ingest.prose.changes import CHANGE_TAIL


_LEAD_STRIP = re.compile(r"^(?:、|和|及|以及|并|其中|同时|其中,|分别|从|由|全面|努力|进一步|力争|累计|共|建成|培育|实施|建设|开放|打造|新建|建有|形成|完成|实现|推动|带动|支持|争取|确保|将|目前|此外|另外|据悉|目前拥有|拥有|截至|截止|预计|预期|计划"
                         # a time word the sentence's context reads into the figure's year and period ('去年石景山区专利申请…',
                         # '上半年江西省…'); a part no period records stays ('今年前7个月专利授权')
                         r"|今年以来|今年(?!前)|去年(?!前)|上年|全年|上半年|下半年|[一二三四]季度"
                         # a photo credit's last character before the sentence ('(记者 X 摄)2021年…')
                         r"|摄(?![影像制])"
                         # an attributive clause describing the indicator ('代表创新能力的发明专利申请')
                         r"|(?:代表|体现|反映|衡量)[^,;。的]{1,8}的)+")

# a share stated after its subject: '…增加值为2765亿元，占GDP比重达9.55%' (the subject is the last figure's)
SHARE_ONLY = re.compile(r"(?:约|近)?占(?:比|(?:gdp|GDP|地区生产总值|国内生产总值|生产总值)(?:的)?(?:比重|比例)?)?")

# a news headline or speaker before a colon ('简讯:黑龙江:今年前7个月专利授权'): the label is what follows
_HEADLINE = re.compile(r"^.*[:：](?=[^:：]{2,}$)")

# who told the reporter, before the figure's subject: '记者从市市场监督管理局了解到…', '据省知识产权局介绍，…'
_ATTRIBUTION = re.compile(r"^[^,;。]*?(?:记者|据)[^,;。]*?(?:了解到|获悉|得知|了解|介绍|透露)")

# the leader of a comparison named after the indicator: '全省16市中有效发明专利拥有量最多的是青岛' -> '青岛有效发明专利拥有量'
_LEADER = re.compile(r"^(?:[^,;。]*?中)?(?P<ind>[^,;。]{2,30}?)(?:最多|最高|最大|最快|居首)的(?:是|为)(?P<who>[^,;。\d]{2,8})$")

_TRAIL_VERB = re.compile(VALUE_VERBS + r"+$")

# adverbs and prepositions of the sentence left at the end of a label once its verb and year are cut:
# '…有效发明专利于2013年首破1万件' -> '有效发明专利于首破', '专利申请总量首次突破…' -> '专利申请总量首次'
_TRAIL_DEBRIS = re.compile(r"(?:于|在)?(?:首次|首破|首度|一举|再次|已经|已)+$|于$"
                           # a frame's preposition or a distributive word: '每万人口发明专利拥有量从“十二五”末的2.2件…',
                           # '申请量、授权量分别从…', '…较2012年' (占比 ends in 比 and stays)
                           r"|(?:分别|(?<![人平])均)?(?:从|由|较|(?<!占)比)$|(?:分别|(?<![人平])均)$"
                           # a time frame after the indicator ('发明专利申请首次在上半年突破…')
                           r"|(?:首次|首度|已)?在(?:今年|去年|全年|上半年|下半年|前\d{1,2}个月|[一二三四]季度)+$")

# a label made only of words of the sentence that name no quantity: a self-reference to the document's
# region (全省, 我市), a verb of having or selecting (共有, 遴选出), a batch or list word (首批, 其中):
# the quantity is named after the number ('我市24个农产品获得…', '全省共有6个…', '遴选出首批10家…')
_DEBRIS_ONLY = re.compile(r"^(?:全国|全省|全市|全区|全县|全州|我国|我省|我市|我区|我县|我州|本省|本市|本区|本县|该省|该市|该区|该县)?"
                          r"(?:首次|已经|已|累计)?(?:共有|共计|现有|拥有|共|有|已有|遴选出|遴选|评选出|评选|入选|实现|完成)?"
                          r"(?:首批|第[一二三四五六七八九十\d]{1,3}批|新一批|一批|其中|分别)?$")

# the label after a number: up to the next clause or the next item of a list ('467家企业、24家高校和10家…')
# a place named as the sentence's subject, then a verb whose object is what the number counts:
# '宁夏共培育10家国家知识产权示范企业', '成都市已累计支持建设16家…中心', '宁夏共有10家专利代理机构'
# (a subject that names an indicator word is a label: '宝鸡共有专利2681件')
_PLACE_VERB_ONLY = re.compile(r"^(?!.*(?:专利|商标|知识产权|发明|标志|版权|品牌|企业|申请|授权|注册|资金|融资))"
                              r"[\u4e00-\u9fff]{2,6}?(?:已经|已|累计|共计|共|先后|还|新)*"
                              r"(?:共有|拥有|现有|有|培育|培养|支持建设|建设|建成|认定|创建|组建|设立|引进|扶持|获批)$")

# a label that is only the name of the region speaking ('上半年江西省17个县…' -> '江西省'): when a label
# follows the number, that one names what is counted (a zone or pilot area is an indicator: '国家级高新区')
PLACE_ONLY = re.compile(r"^(?!.*(?:高新|开发|园区|新区|示范|试点|强县|级|专利|商标|知识产权))"
                         r"[\u4e00-\u9fff]{1,6}(?:省|市|自治区|区|县|州)$")

# an award after a count: '1项获中国专利金奖、1项获中国专利银奖' (the figure counts the award, not the left words)
AWARD_AFTER = re.compile(r"^(?:[^,;。、\d]{0,8}?)(?:荣获|获得|获)(?P<award>[^,;。、\d]{2,20}?奖)")

# a share written before its bodies and what they do: '70%以上大中型工业企业建立知识产权工作机制' names the
# share of bodies doing it: '建立知识产权工作机制的大中型工业企业'
SHARE_SUBJECT_PRED = re.compile(r"^(?P<subj>[^,;。]{2,30}?(?:企业|单位|高校|院所|机构|园区|县市区|城市|县|市|区))"
                                 r"(?P<pred>(?:建立|设立|开展|实现|拥有|制定|通过|完成|获得|实施)了?[^,;。]{2,30})$")

RIGHT_LABEL = re.compile(r"^(?:以上|左右)?(?:的)?(?P<label>[^,;。0-9]{2,40}?)(?=$|[,;。]|(?:、|和|及|与)?\d)")

_MEASURE_SUFFIX = re.compile(r"(总量|数量|拥有量|登记量|申请量|授权量|量|数|额|金额)$")

def strip_label(text: str) -> tuple[str, str | None, str | None]:
    """Remove temporal markers, leading connectors and trailing verbs; return label, qualifier word, basis word."""
    s = vocab.TARGET_YEAR.sub("", text)
    s = vocab.FIVE_YEAR_PERIOD.sub("", s)
    s = vocab.PERIOD_WITHIN.sub("", s)
    s = vocab.YEAR_RANGE.sub("", s)
    s = re.sub(r"(?<!\d)\d{4}\s*年(?:度|底|末)?", "", s)
    basis = "累计" if "累计" in s else None
    qual = None
    m = _TRAIL_VERB.search(s)
    if m:
        verb = m.group(0)
        for word in ("超过", "突破", "不低于", "不少于", "超"):
            if word in verb:
                qual = word
                break
        s = s[: m.start()]
    s = s.strip(" ,、:：的")
    s = _HEADLINE.sub("", s)
    s = _ATTRIBUTION.sub("", s)
    s = _TRAIL_DEBRIS.sub("", s)
    prev = None
    while prev != s:
        prev = s
        s = _LEAD_STRIP.sub("", s).strip(" ,、:：")
        s = _TRAIL_DEBRIS.sub("", s).strip(" ,、:：")
    if lead := _LEADER.match(s):
        s = lead.group("who") + re.sub(r"^(?:全国|全省|全市|全区|全县|各省|各市|各区|各县)", "", lead.group("ind"))
    if _DEBRIS_ONLY.match(s) or _PLACE_VERB_ONLY.match(s):
        s = ""
    return s, qual, basis

def distribute_labels(label: str, n: int) -> list[str] | None:
    """'有效地理标志、农业、林业植物新品种' with 3 values -> three full labels (shared suffixes restored)."""
    items = [i for i in re.split(r"、|和|及", label) if i]
    if len(items) != n:
        return None
    last = items[-1]
    suffix = _MEASURE_SUFFIX.search(last)
    out = []
    for item in items[:-1]:
        # a short item replaces the last item's own word of the same kind, which may differ in length:
        # '国家级、省级知识产权示范企业' -> 国家级 + 知识产权示范企业 (never 国家级 + 识产权…, shifted by one)
        same_kind = last.find(item[-1], 0, 5) if len(item) <= 4 else -1
        if len(item) < len(last) and same_kind >= 1:
            out.append(item + last[same_kind + 1:])
        elif len(item) < len(last) and len(item) <= 3:
            out.append(item + last[len(item):])
        elif suffix and not _MEASURE_SUFFIX.search(item):
            out.append(item + suffix.group(1))
        else:
            out.append(item)
    return out + [last]

_PREDICATE = re.compile(r"(大幅|明显|显著|持续|稳步|进一步|不断|继续|快速|稳定)?(提升|提高|增长|增加|扩大|上升|优化|加强)"
                        r"(迅猛|迅速|明显|显著|较快|强劲|势头良好)?$")

NOT_A_SUBJECT = re.compile(r"(此后|之后|经过|通过|围绕|随着|为了|为|按照|根据|坚持|近年来|近两年|同时|此外|据悉|据了解|记者|其中|以|在)")

def last_level(figures: list[Figure]) -> str | None:
    return next((f.indicator_label for f in reversed(figures) if f.value_kind != "change"), None)

def last_subject(figures: list[Figure]) -> str | None:
    """The indicator the last figure is about: a change's label without its comparison
    ('有效注册商标数量比2015年增长了' -> '有效注册商标数量'), else the last level's."""
    if figures and figures[-1].value_kind == "change":
        base = CHANGE_TAIL.sub("", figures[-1].indicator_label).strip(" ,、的")
        base = _LEAD_STRIP.sub("", base)
        if len(base) >= 2 and not NOT_A_SUBJECT.match(base):
            return base
    return last_level(figures)

def continued_subject(previous: str | None, before: str) -> str | None:
    """The paragraph's last indicator, for a number that names none; 累计 after 新增 is the running total."""
    if not previous:
        return None
    base = CHANGE_TAIL.sub("", previous).strip(" ,、的") or None
    if base and "累计" in before and base.startswith("新增"):
        base = base[2:]
    return base if base and len(base) >= 2 else None

# a round threshold crossed ('突破两万大关', '迈上10万件台阶'): the clause names its subject, the exact
# figure follows ('南昌市专利申请量突破两万大关，共22479件')
_THRESHOLD_SPAN = re.compile(r"(?:首次|一举)?(?:突破|首破|跨越|迈上|站上|越过)[^,;。]{1,10}?(?:大关|台阶|关口)")


def subject_of(clause: str) -> str | None:
    """The noun phrase a clause is about, for a following clause that states only the number
    ('知识产权质押融资金额大幅提升，达到600亿元', '专利申请量突破两万大关，共22479件')."""
    clause = _THRESHOLD_SPAN.sub("", clause)
    if any(m.group("unit") or m.group("mult") for m in NUMBER.finditer(clause)):
        return None
    if NOT_A_SUBJECT.match(clause.strip()):
        return None
    label, _, _ = strip_label(_PREDICATE.sub("", clause.strip()))
    return label if 2 <= len(label) <= 30 else None


# ---------------------------------------------------------------------------------------------------
# Completing list labels (a general feature of Chinese enumerations): the items of a list share the
# words the writer states once. '专利申请量X件，授权量Y件' — the IP object is said once, for the first
# item; '新增A 6家，B 36家' — the verb 新增 governs both items; '专利授权量X件。其中发明专利Y件' — the
# breakdown under 其中 counts the parent's measure. The label is completed from its neighbour in the
# same line; the quoted sentence stays as written.

# measure words a list item may consist of (longest first within each family)
_MEASURES = ("有效注册总量", "有效注册量", "注册有效量", "有效量", "拥有量",
             "授权总量", "授权数量", "授权件数", "授权量", "授权数", "授权",
             "申请总量", "申请数量", "申请件数", "申请量", "申请数", "申请",
             "注册总量", "注册数量", "注册件数", "注册量", "注册数", "注册",
             "登记总量", "登记数量", "登记量", "登记数", "登记", "总数量", "总量", "总数", "数量")

# a label that names only a measure (and maybe a basis word): its IP object is in the item before it
_MEASURE_ONLY = re.compile(r"^(?:新增|累计|当年)?(?:" + "|".join(_MEASURES) + r")$")

# a money amount of the item before it ('专利权质押登记344项，融资登记金额40.52亿元', '…质押融资529笔，质押金额…')
_MONEY_ONLY = re.compile(r"^(?:质押融资|质押|融资)?(?:登记)?(?:金额|总额|额)$")
# ...completed only from an item about a pledge or a loan ('首次实现4家企业…，质押金额…' stays as written)
_FINANCE_ITEM = re.compile(r"质押|融资|贷款|质权")

# a total or a count without a measure ('总数量分别达到14家和77家', '全市总量达到32000件')
_TOTAL_ONLY = re.compile(r"^(?:总数量|总量|总数|数量)$")

# the measure at the end of a label (the part a list's later items replace with their own)
_MEASURE_TAIL = re.compile(r"(?:" + "|".join(("申请受理量", "申请受理", "受理量", *_MEASURES)) + r")$")

# the measure a breakdown under 其中 inherits (flows only: a stock's breakdown names its own 有效/拥有)
_FLOW_TAIL = re.compile(r"(?:授权总量|授权数量|授权量|授权数|授权|申请总量|申请数量|申请量|申请数|申请|注册量|注册数|注册|登记量|登记)$")

# adverbs of the sentence left at the end of a label ('专利申请总量首次' of '…首次突破12万件')
_TRAIL_ADVERB = re.compile(r"(?:首次|已经|已|均|共|分别|累计)+$")

# words that make a label a measure of its own (a stock, a share, a rate): never completed
_OWN_MEASURE = re.compile(r"有效|拥有|保有|存量|现有|总量|总数|累计|占|比重|比例|率|增|降|额|金|规模|新增|数量|量$|数$")

# an IP object named without its measure (a breakdown item: '发明专利', '实用新型', '外观设计专利')
_OBJECT_ONLY = re.compile(r"^(?:国内)?(?:发明专利|发明|实用新型专利|实用新型|外观设计专利|外观设计|pct国际专利|pct专利|"
                          r"国际专利|商标|地理标志商标|集体商标|证明商标|马德里商标|作品|计算机软件|软件著作权|作品著作权)$",
                          re.IGNORECASE)


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
    from ingest.labels import indicator_key

    f.indicator_label = label
    f.indicator_key = indicator_key(label)


def _key(label: str) -> str:
    return re.sub(r"[\s,，、:：]", "", label).lower()


# a list of k items changed from k values to k values: 'A、B分别从“十二五”期末的a、b增长至2020年的c、d'
_EACH_FROM = re.compile(r"分别(?:从|由)(?P<when>[^0-9,;。]{0,12}?(?:\d{4}年)?[^0-9,;。]{0,6}?)\d")
_TO_ONLY = re.compile(r"^(?:增长|提高|提升|增加|上升|增|升|降低|下降|减少|降)(?:到|至|为)$")


def _from_year(when: str) -> int | None:
    """The year a '分别从…' list starts from: '“十二五”期末的' -> 2015, '2015年的' -> 2015."""
    if m := vocab.FIVE_YEAR_PERIOD.search(when):
        return 1955 + 5 * (10 + "一二三四五六".index(m.group(1)) + 1)
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
