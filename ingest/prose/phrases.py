"""Label cutting: the indicator a number's words name (time words, connectors and verbs cut), a clause's subject, a list head spread over its values."""

from __future__ import annotations

import re

from ingest.model import Figure
from ingest import vocabulary as vocab
from ingest.vocabulary import NUMBER, VALUE_VERBS, any_of
from ingest.prose.changes import strip_change


# the words before a label: connectors and verbs, time words the context reads (vocabulary), and:
_LEAD_STRIP = re.compile(r"^(?:" + any_of(vocab.LABEL_LEAD_WORDS) + "|" + any_of(vocab.LABEL_LEAD_TIME_WORDS) +
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
_DEBRIS_ONLY = re.compile(r"^(?:" + any_of(vocab.REGION_SELF_LABEL_WORDS) + ")?"
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
        for word in vocab.VERB_QUALIFIERS:
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

_PREDICATE = re.compile("(" + any_of(vocab.PREDICATE_ADVERBS) + ")?(" + any_of(vocab.PREDICATE_VERBS) + ")"
                        "(" + any_of(vocab.PREDICATE_COMPLEMENTS) + ")?$")

NOT_A_SUBJECT = re.compile("(" + any_of(vocab.NOT_A_SUBJECT_WORDS) + ")")

def last_level(figures: list[Figure]) -> str | None:
    return next((f.indicator_label for f in reversed(figures) if f.value_kind != "change"), None)

def last_subject(figures: list[Figure]) -> str | None:
    """The indicator the last figure is about: a change's label without its comparison
    ('有效注册商标数量比2015年增长了' -> '有效注册商标数量'), else the last level's."""
    if figures and figures[-1].value_kind == "change":
        base = strip_change(figures[-1].indicator_label).strip(" ,、的")
        base = _LEAD_STRIP.sub("", base)
        if len(base) >= 2 and not NOT_A_SUBJECT.match(base):
            return base
    return last_level(figures)

def continued_subject(previous: str | None, before: str) -> str | None:
    """The paragraph's last indicator, for a number that names none; 累计 after 新增 is the running total."""
    if not previous:
        return None
    base = strip_change(previous).strip(" ,、的") or None
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
