"""Each figure's own region: region names in table stubs and headers, total and other rows, sub-regions named in sentences."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from ingest.labels import indicator_key
from ingest.model import Figure
from ingest.regions.infer import Gazetteer, Region, gazetteer
from ingest.text import nfkc

NATIONAL_CODE = "000000"

# where a figure's region came from (raw.figures.region_source)
DOCUMENT, TABLE_ROW, TABLE_COLUMN, SENTENCE = "document", "table_row", "table_column", "sentence"
UNASSIGNED = "unassigned"                     # an 其他 / 未分地区 row: kept, region_code null

# a stub that is the table's total: the document's region (the country when the table is national)
TOTAL_STUBS = frozenset({"全省", "全区", "全市", "全县", "全州", "全盟", "全旗", "合计", "总计", "总量", "全省合计",
                         "全市合计", "全区合计", "全省总计", "全市总计", "全区总计", "合计数", "总数", "全部"})
NATIONAL_STUBS = frozenset({"全国", "全国总计", "全国合计", "中国", "全国总量", "国内", "国内合计", "境内",
                            "全国总数"})
# a stub of figures that belong to no sub-region (kept with no region)
OTHER_STUBS = frozenset({"其他", "其它", "其他地区", "其它地区", "未分地区", "未分", "不详", "国外", "境外", "外国",
                         "港澳台", "港澳台地区", "省直", "省直单位", "市直", "市直单位", "其他单位", "部队"})
# a region's name with a word that only restates its level (湘西州, 恩施州, 海东地区)
_LEVEL_TAIL = re.compile(r"(?:州|市|地区|盟|县|区|旗|省)$")
_LEVEL_HEAD = re.compile(r"^(?:州|市|地区|盟|县|区|旗|省)")
_SERIAL = re.compile(r"^(?:\d{1,3}[.、．]?|[（(][一二三四五六七八九十]{1,3}[）)]|[一二三四五六七八九十]{1,3}[、.．])\s*(?=[\u4e00-\u9fff])")
_LATIN = re.compile(r"[A-Za-z][A-Za-z .,'&()/-]*$")
_JOINED = re.compile(r"[·・•/、]")
_NOTE = re.compile(r"[（(][^（）()]*[）)]$|[*※#＃]+$")


@dataclass(frozen=True)
class StubRegion:
    """What a table stub or header names: a region, the table's total, or figures of no sub-region."""

    kind: str                       # region / total / other
    region: Region | None = None    # the region (for a total: the document's region or the country)


@lru_cache(maxsize=2)
def _exact_index(g: Gazetteer) -> dict[str, tuple[Region, ...]]:
    """Every full and short name (no stop list: a cell that is exactly 中山 in a Guangdong table is 中山市)."""
    full: dict[str, list[Region]] = {}
    short: dict[str, list[Region]] = {}
    for r in g.by_code.values():
        if r.level == "national":
            continue
        full.setdefault(r.name, []).append(r)
        if r.short != r.name and len(r.short) >= 2:
            short.setdefault(r.short, []).append(r)
    out = {name: tuple(units) for name, units in short.items()}
    out.update({name: tuple(units) for name, units in full.items()})   # a full name wins over a short one
    return out


def national_region() -> Region:
    g = gazetteer()
    return g.by_code.get(NATIONAL_CODE) or Region(NATIONAL_CODE, "中国", "national", None, "中国")


def clean_stub(text: str) -> str:
    """'北\\n京 Beijing' -> '北京'; '1.长沙市' -> '长沙市'; '湘西州（含吉首）' -> '湘西州'."""
    s = nfkc(text or "")
    s = _LATIN.sub("", s.strip())
    s = re.sub(r"\s+", "", s)
    s = _SERIAL.sub("", s)
    s = _NOTE.sub("", s)
    return s.strip(":：")


def within(code: str, ancestor: str | None, g: Gazetteer | None = None) -> bool:
    """Whether a region is the ancestor itself or lies inside it (everything lies inside the country)."""
    if ancestor is None:
        return False
    if ancestor == NATIONAL_CODE or code == ancestor:
        return True
    return ancestor in (g or gazetteer()).ancestors(code)


def name_candidates(name: str, g: Gazetteer | None = None) -> tuple[Region, ...]:
    """Every unit a name written alone may be: its full name, else its short name (a short name shared with a
    county goes to the province or city: 河北 is 河北省, not 天津市河北区), else a short name plus a level word (湘西州)."""
    g = g or gazetteer()
    index = _exact_index(g)
    cands = index.get(name, ())
    if not cands and (m := _LEVEL_TAIL.search(name)) and len(name) - len(m.group(0)) >= 2:
        stem = name[: m.start()]
        cands = tuple(r for r in index.get(stem, ()) if r.short == stem or r.name == stem)
    return cands


def resolve_name(name: str, doc_code: str | None, g: Gazetteer | None = None,
                 candidates: tuple[Region, ...] | None = None) -> Region | None:
    """A region from a name written alone (a stub, a header, a sentence's subject): among the document
    region's descendants first, then the whole reference; a name several units share goes to the unit
    that contains the others (南昌 → 南昌市, not 南昌县), or to the one unit above county level, else it
    stays unresolved (None)."""
    g = g or gazetteer()
    cands = candidates if candidates is not None else name_candidates(name, g)
    if not cands:
        return None
    if doc_code and doc_code != NATIONAL_CODE:
        inside = tuple(r for r in cands if r.code != doc_code and within(r.code, doc_code, g))
        if inside:
            cands = inside
        elif any(r.code == doc_code for r in cands):
            return g.by_code[doc_code]
    if len(cands) == 1:
        return cands[0]
    # a unit that contains all the others (吉林省 ⊃ 吉林市, 南昌市 ⊃ 南昌县)
    for top in cands:
        if all(r is top or top.code in g.ancestors(r.code) for r in cands):
            return top
    above = [r for r in cands if r.level != "county" and r.name != name]
    if len(above) == 1 and all(r.level == "county" for r in cands if r is not above[0]):
        return above[0]     # 河北 (a short name): 河北省, not 天津市河北区
    return None


def resolve_stub(text: str, doc_code: str | None, national_table: bool = False) -> StubRegion | None:
    """What one row stub or column header names; None when it is not a region word at all."""
    s = clean_stub(text)
    if not s or len(s) > 16:
        return None
    g = gazetteer()
    if s in NATIONAL_STUBS:
        return StubRegion("total" if national_table or doc_code in (None, NATIONAL_CODE) else "region",
                          national_region())
    if s in TOTAL_STUBS:
        if national_table:
            return StubRegion("total", national_region())
        return StubRegion("total", g.by_code.get(doc_code) if doc_code else None)
    if s in OTHER_STUBS:
        return StubRegion("other")
    region = resolve_name(s, doc_code, g)
    if region is None and len(parts := [p for p in _JOINED.split(s) if p]) > 1:
        # 开发区·铁山区: a zone administered with a district; the one part that names a region
        named = [r for r in (resolve_name(p, doc_code, g) for p in parts) if r is not None]
        region = named[0] if len(named) == 1 else None
    return StubRegion("region", region) if region else None


@dataclass(frozen=True)
class AxisRegions:
    """The regions along a table's stub column (or header row), one per row (or column); None: not a region cell."""

    regions: tuple[StubRegion | None, ...]
    national: bool                  # the table lists provinces: its total is the country


MIN_REGIONS = 2        # region cells needed to read a column (or header row) as regions
MIN_SHARE = 0.6        # share of the non-empty cells that must name a region, a total or an 其他


def axis_regions(cells: list[str], doc_code: str | None) -> AxisRegions | None:
    """The regions named along one axis of a table (a column's cells or the header cells), when it is a
    region axis: at least two cells name regions and most cells name a region, a total or an 其他."""
    first = _settle([resolve_stub(c, doc_code) for c in cells], cells)
    regions = [r.region for r in first if r and r.kind == "region" and r.region]
    filled = [c for c in cells if clean_stub(c)]
    named = sum(r is not None for r in first)
    if len(regions) < MIN_REGIONS or not filled or named / len(filled) < MIN_SHARE:
        return None
    provinces = sum(r.level == "province" for r in regions)
    national = provinces >= max(MIN_REGIONS, len(regions) // 2) and (
        doc_code in (None, NATIONAL_CODE) or not all(within(r.code, doc_code) for r in regions))
    if not national:
        return AxisRegions(tuple(_totals_over(first, regions)), False)
    return AxisRegions(tuple(_settle([resolve_stub(c, doc_code, national_table=True) for c in cells], cells)), True)


def _totals_over(found: list[StubRegion | None], regions: list[Region]) -> list[StubRegion | None]:
    """A total row ('全市', '合计') stands for the region over the rows: when the document's region (the total's
    default) is one of the rows or does not contain them, it is the rows' common parent instead."""
    parents = {r.parent_code for r in regions}
    codes = {r.code for r in regions}
    g = gazetteer()
    out = []
    for f in found:
        if f and f.kind == "total" and f.region and len(parents) == 1 and (
                f.region.code in codes or not all(within(c, f.region.code, g) for c in codes)):
            parent = g.by_code.get(next(iter(parents)) or "")
            f = StubRegion("total", parent) if parent else StubRegion("total")
        out.append(f)
    return out


def _settle(found: list[StubRegion | None], cells: list[str]) -> list[StubRegion | None]:
    """Names several units share (海南: the province or 海南州; 西安: 西安市 or a district) take the unit beside
    the other rows: the same parent, else the same level."""
    known = [f.region for f in found if f and f.kind == "region" and f.region]
    if not known or all(f is not None for f in found):
        return found
    parents = Counter(r.parent_code for r in known).most_common(1)[0][0]
    levels = Counter(r.level for r in known).most_common(1)[0][0]
    out = list(found)
    for i, (f, cell) in enumerate(zip(found, cells)):
        if f is not None:
            continue
        cands = name_candidates(clean_stub(cell))
        for keep in (lambda r: r.parent_code == parents, lambda r: r.level == levels):
            picked = [r for r in cands if keep(r)]
            if len(picked) == 1:
                out[i] = StubRegion("region", picked[0])
                break
    return out


# a figure of the country quoted in a regional text (全国专利授权量…); 中国专利奖 is an award, not the country
_NATIONAL_LABEL = re.compile(r"^(?:全国|我国)(?!第|前列|首位|排名|之首|领先|平均水平以上)")
_LABEL_LEAD = re.compile(r"^(?:其中|另外|此外|同时|而|与此同时)?[,，、:：\s]*")


def sentence_regions(figures: list[Figure], doc_code: str | None) -> list[Figure]:
    """Prose figures of a sub-region or of the country take that region, and the indicator key no longer
    carries its name (the label stays as written): a label that starts with the region (X市专利授权量…, 全国…), or a figure in a clause run whose
    first clause starts with it (其中，X市专利授权量2.5万件，占全省40%; 鹰潭市…亮眼，申请量达2160件) — until a
    clause starts with another region or the whole (全省…, 我省…). A name that is the document's own region,
    or that cannot be resolved, leaves the figure on the document's region. A label that is only a region
    (株洲市、湘潭市分别达到…) takes the indicator of the sentence's figure before it."""
    g = gazetteer()
    figures = listed_regions(figures, doc_code)
    last: tuple[str, int, str] = ("", 0, "")            # (sentence, where its last figure's value was, its label)
    sub_label = ""                                      # the indicator of the last sub-region's figure
    for f in figures:
        if f.source_kind != "prose" or f.region_source != DOCUMENT:
            continue
        sentence = f"{f.source_line}:{f.source_text}"
        text = nfkc(f.source_text)
        start = last[1] if last[0] == sentence else 0
        pos = text.find(f.raw_value, start)
        pos = pos if pos >= 0 else len(text)
        prev_label = last[2] if last[0] == sentence else ""
        last = (sentence, pos + len(f.raw_value), last[2] if last[0] == sentence else "")
        label = _LABEL_LEAD.sub("", f.indicator_label)
        found = _label_region(label, doc_code, g)
        if found is None:
            found = _clause_region(text[:pos], doc_code, g)
            if found is None or found[0] is None:
                last = (last[0], last[1], label)
                continue
            region, rest = found[0], label
            named = False
        else:
            named = True
            region, rest = found
            if region is None:
                last = (last[0], last[1], rest)
                continue
        named_only = len(rest) < 2
        shown = f.indicator_label                       # the label as written keeps the name
        if named_only:
            rest = prev_label or sub_label or f.indicator_label
            shown = f.indicator_label + rest if rest != f.indicator_label else shown   # 株洲市 → 株洲市专利授权量
        _move(f, region, rest, shown)
        last = (last[0], last[1], prev_label if named_only else rest)
        sub_label = rest if named and not named_only else sub_label
    return figures


def region_list(text: str, doc_code: str | None, g: Gazetteer) -> tuple[list[Region], str] | None:
    """Two regions or more listed at the start of a text ('石家庄、沧州、唐山和邯郸的年登记量'), each inside the
    document's region, and the words after the list; None otherwise."""
    regions: list[Region] = []
    rest = _LABEL_LEAD.sub("", _TIME_LEAD.sub("", text.strip()))
    while rest:
        hit = next((length for length in sorted(g.lengths.get(rest[:2], ()), reverse=True) if rest[:length] in g.index), None)
        if hit is None:
            break
        region = resolve_name(rest[:hit], doc_code, g, g.index[rest[:hit]][0])
        if region is None or (doc_code and not within(region.code, doc_code, g)) or region.code == doc_code:
            return None
        regions.append(region)
        rest = rest[hit:]
        if (t := _LEVEL_HEAD.match(rest)) and t.group(0) in ("市", "州", "盟", "区", "县", "地区"):
            rest = rest[t.end():]
        joiner = re.match(r"^(?:、|，|,|和|与|及|以及)", rest)
        if not joiner:
            break
        rest = rest[joiner.end():]
    if len(regions) < 2:
        return None
    return regions, re.sub(r"^(?:等)?[两二三四五六七八九十\d]+个?(?:设区市|市州|县市区|地市|市|县|区)?|^的", "", rest)


def listed_regions(figures: list[Figure], doc_code: str | None) -> list[Figure]:
    """A sentence listing regions and then as many values ('石家庄、沧州、唐山、邯郸的年登记量…分别为70792件、
    67179件…'; '呼和浩特市、包头市和鄂尔多斯市专利授权量…分别为1569件、1037件和861件'): the k-th value is the
    k-th region's."""
    g = gazetteer()
    groups: dict[tuple, list[Figure]] = {}
    for f in figures:
        if f.source_kind == "prose" and f.region_source == DOCUMENT and f.value_kind != "change":
            groups.setdefault((f.source_line, f.source_text), []).append(f)
    for (_, text), members in groups.items():
        text = nfkc(text)
        if "分别" not in text:
            continue
        after = text.find("分别")
        by_label: dict[str, list[Figure]] = {}
        for f in members:   # the values the list pairs with stand after 分别 (not a threshold before it: 超过3万件)
            if re.search(rf"(?<![\d.]){re.escape(nfkc(f.raw_value))}(?![\d.])", text[after:]):
                by_label.setdefault(f.indicator_label, []).append(f)
        for label, same in by_label.items():
            found = region_list(label, doc_code, g)
            if found is None:   # the list heads the clause before '分别' ('呼和浩特市、包头市…专利授权量位居全区前三')
                before = text[: text.find("分别")]
                clause = re.split(r"[。；;]", before)[-1]
                found = region_list(re.split(r"[，,]", clause)[0], doc_code, g)
            if found is None or len(found[0]) != len(same):
                continue
            regions, rest = found
            key = rest if len(rest) >= 2 else label
            for f, region in zip(same, regions):
                _move(f, region, key, f.indicator_label)
    return figures


def _label_region(label: str, doc_code: str | None, g: Gazetteer) -> tuple[Region | None, str] | None:
    """The region a label starts with (None for the document's own region or the whole: 全省…) and the words
    after it; None when it names none."""
    if m := _NATIONAL_LABEL.match(label):
        return (national_region() if doc_code != NATIONAL_CODE else None), label[m.end():]
    if _WHOLE.match(label):
        return None, label
    found = _leading_region(label, doc_code, g)
    if found is None:
        return None
    region, rest = found
    if region.code == doc_code or (doc_code and not within(region.code, doc_code, g)):
        # the document's own region, or one above or beside it (浙江省专利优秀奖 won by a city): not a sub-region
        return None, rest
    return region, rest


def _clause_region(before: str, doc_code: str | None, g: Gazetteer) -> tuple[Region | None, str] | None:
    """The region of the last clause before a figure that starts with a region or the whole (None: the whole)."""
    clauses = [c for c in re.split(r"[,，;；:：]", before)]
    for clause in reversed(clauses[:-1] + [clauses[-1]] if clauses else []):
        c = _LABEL_LEAD.sub("", _TIME_LEAD.sub("", clause.strip()))
        found = _label_region(c, doc_code, g)
        if found is not None:
            return found
    return None


# time words a clause may start with before its subject (今年1~6月，…; 2023年上半年，…)
_TIME_LEAD = re.compile(r"^(?:截至|截止|到|在)?(?:(?:19|20)\d\d年)?(?:\d{1,2}\s*[-~—至到]\s*\d{1,2}月|\d{1,2}月(?:底|末)?|"
                        r"[上下]半年|[一二三四]季度|前三季度|年底|年末|今年|去年|上半年度)?[,，\s]*")


# a functional zone named after its region (杭州城西科创大走廊, 西安高新区): its figures are not the region's
_ZONE = re.compile(r"走廊|新区|高新区|开发区|园区|片区|示范区|自贸区|试验区|科技城|科学城|都市圈|城市群|经济圈|湾区|"
                   r"经济带|一体化|实验室|大学|学院|中心|集团|公司")
_LIST_JOINERS = ("、", "和", "与", "及", ",", "，")

# a label about the whole region, which ends a sub-region's run of figures in a sentence
_WHOLE = re.compile(r"^(?:全[省市区县州盟旗]|我[省市区县]|本[省市区县]|[省市]级)")


def _leading_region(label: str, doc_code: str | None, g: Gazetteer) -> tuple[Region, str] | None:
    """The region named at the very start of a label and the words after it."""
    for length in g.lengths.get(label[:2], ()):
        hit = g.index.get(label[:length])
        if not hit:
            continue
        # the text's own reading of the name (河北 in a sentence is 河北省, never 天津市河北区)
        region = resolve_name(label[:length], doc_code, g, hit[0])
        weak = hit[1]
        if region is None or (weak and not within(region.code, doc_code, g)):
            return None
        rest = label[length:]
        if _ZONE.search(rest[:10]) or rest[:1] in _LIST_JOINERS:
            return None  # 杭州城西科创大走廊…: a zone inside the region; 杭州、宁波…: a list, not one subject
        # 湘西州 / 恩施州: the level word after a short name
        if region.short == label[:length] and (t := _LEVEL_HEAD.match(rest)) and t.group(0) in ("州", "盟", "地区"):
            rest = rest[t.end():]
        # 长沙、株洲、湘潭三市专利授权量: the count of the listed regions is no part of the indicator
        return region, re.sub(r"^(?:等)?[两二三四五六七八九十\d]+个?(?:设区市|市州|县市区|市|县|区|地)|^(?:全[省市区县]|的)", "",
                              rest)
    return None


def _move(f: Figure, region: Region, key_label: str, shown: str) -> None:
    """The figure's region from its sentence; its key (what aliases and the metric analyzer read) without the
    region's name, so 长沙市专利授权量 maps like 专利授权量; the label stays as written."""
    f.region_code = region.code
    f.region_source = SENTENCE
    f.indicator_label = shown
    f.indicator_key = indicator_key(key_label)


def assign_table_regions(table_rows: list[list[str]], figures: list[Figure], doc_code: str | None,
                         column_axis: tuple[StubRegion | None, ...] | None = None) -> list[Figure]:
    """Give a table's figures the region of their row (a region column among the first three) or of their
    column (region names across the header, in `column_axis`); `table_rows` are the body rows' cell texts.
    Figures that already carry a region (made by a reader of tables by region) are left alone."""
    open_ = [f for f in figures if f.region_source == DOCUMENT and f.row_no is not None]
    if not open_:
        return figures
    n_cols = max((len(r) for r in table_rows), default=0)
    for c in range(min(3, max(n_cols - 1, 0))):
        cells = [row[c] if c < len(row) else "" for row in table_rows]
        found = axis_regions(cells, doc_code)
        if found:
            for f in open_:
                if f.col_no == c + 1 or not 0 < (f.row_no or 0) <= len(found.regions):
                    continue
                _place(f, found.regions[(f.row_no or 0) - 1], TABLE_ROW)
            return figures
    if column_axis:
        for f in open_:
            if f.col_no is not None and 0 < f.col_no <= len(column_axis):
                _place(f, column_axis[f.col_no - 1], TABLE_COLUMN)
    return figures


def _place(f: Figure, where: StubRegion | None, source: str) -> None:
    if where is None:
        return
    if where.kind == "other":
        f.region_code, f.region_source = None, UNASSIGNED
    elif where.region is not None:
        f.region_code, f.region_source = where.region.code, source
