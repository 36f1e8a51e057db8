"""Infer a document's region, level, status, title and period from its text (for documents not in the catalog)."""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ingest.numbers import five_year_plan_end
from ipbench_core import paths

MUNICIPALITIES = ("11", "12", "31", "50")
# short names that are also ordinary words or famous non-place names (阿里巴巴, 中山大学, 大同 = 世界大同)
_STOP_SHORT = frozenset({"阿里", "中山", "大同", "安康", "和平", "长安", "新华", "城关", "开发", "高新", "永安", "太平",
                         "安宁", "长寿", "永和", "和顺", "大方", "正安", "东方", "新兴", "兴业", "文化", "红星", "白云",
                         "城区", "郊区", "矿区", "市中", "海洋", "江北", "江南", "河东", "河西", "南山",
                         "北海", "青山", "金山", "宝山", "普陀", "龙华", "铁山", "民主", "团结", "前进", "向阳", "胜利",
                         "光明", "建设", "友好", "东风", "新城", "老城", "古城", "新区", "滨海", "浦东", "西湖", "东湖",
                         "平安", "吉利", "富民", "大兴", "兴安", "延长", "永定", "宁安", "安定", "合作", "通道", "方正"})
# "X知识产权局", "X人民政府", "中共X委": the body that issued the text
_ISSUER = re.compile(r"\s*(?:[省市县区旗州盟])?(?:人民政府|政府办公|版权局|知识产权(?:局|办公室|保护中心|服务中心|事务中心|"
                     r"工作领导小组|联席会议)|市场监督管理局|市场监管局|科学技术局|科技局|发展和改革委员会|委员会|党委|"
                     r"人大常委会|日报|晚报|融媒体中心|新闻网|电视台|广播电视台)")
# a news agency's dateline names where the story was filed, not what it is about ('中新网北京1月23日电')
_AGENCY_DATELINE = re.compile(r"(?:新华社|中新社|中新网|人民网|央广网|央视网|光明网|中国新闻网|经济日报|科技日报)\s*"
                              r"[\u4e00-\u9fff]{2,6}\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*电")
# a media outlet named after its place ('郑州日报', '宁夏新闻网'): it reports, it is not what the text is about
_MEDIA = re.compile(r"\s*(?:日报|晚报|早报|都市报|新闻网|新闻|电视台|广播电视台|融媒体中心|报社|发布)")
# the title of a statistics page or bulletin (2023年8月湖南省专利授权量统计表, 黄石市知识产权统计通报): a line
# without a comma naming one of these
_STATS_TITLE = re.compile(r"统计表|统计通报|统计公报|统计报告|统计分析|统计情况|数据统计|通报|公报|白皮书|年报|统计年鉴")
_CITED = re.compile(r"(?:根据|依据|贯彻|落实|按照|对照|对标|参照|衔接|学习|结合|遵照|执行)[^《\n]{0,6}《[^》\n]*》")
_ISSUED = re.compile(r"(?:印发|发布|出台|公布|关于|制定|编制|审议通过|正式实施|颁布)[^《\n]{0,4}《([^》\n]{2,80})》")
# how a text speaks of itself; 全省第一 / 全省前列 (a city comparing itself) does not count
_NOT_SELF = r"(?![第前首排名各])"
_SELF = {"province": re.compile(rf"[我本]省|全省{_NOT_SELF}"), "city": re.compile(rf"[我本]市|全市{_NOT_SELF}"),
         "county": re.compile(rf"[我本][县区旗]|全[县区旗]{_NOT_SELF}")}
_RANK = {"county": 0, "city": 1, "province": 2}
NATIONAL_CODE = "000000"                             # the country (issue 22)
_NATIONAL_SELF = re.compile(r"我国")
_NATIONAL_NAMED = re.compile(rf"我国|中国(?!专利奖|共产党)|全国{_NOT_SELF}")


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    level: str
    parent_code: str | None
    short_name: str = ""

    @property
    def short(self) -> str:
        return self.short_name or self.name


@dataclass(frozen=True)
class RegionGuess:
    """What infer_region found: the region (None when unknown or ambiguous), how, from which words."""

    region: Region | None
    how: str = ""                                     # title / issuer / self-reference / mentions / ambiguous / none
    words: tuple[str, ...] = ()
    line: int | None = None
    candidates: tuple[Region, ...] = ()

    def note(self) -> str:
        if self.region is None:
            if self.candidates:
                names = ", ".join(f"{r.name} ({r.code})" for r in self.candidates[:8])
                return (f"region ambiguous: the text names {names}; loaded with region unknown — "
                        "add the document to the catalog with its region_code")
            return ("no recognizable region (province, city or county name) in the text; loaded with region "
                    "unknown — add the document to the catalog with its region_code")
        return (f"region inferred: {self.region.name} ({self.region.code}) from the {self.how}, words "
                + "、".join(dict.fromkeys(self.words)))


@dataclass(frozen=True)
class _Mention:
    start: int
    end: int
    surface: str
    candidates: tuple[Region, ...]
    weak: bool                                        # a county short name or a 2-character full name (和县, 赵县)


class Gazetteer:
    """Every region's full and short names, matched longest-first on the text."""

    def __init__(self, regions: tuple[Region, ...]) -> None:
        self.by_code = {r.code: r for r in regions}
        full: dict[str, list[Region]] = {}
        short: dict[str, list[Region]] = {}
        for r in regions:
            if r.level == "national":   # 中国 is the country, never a document's inferred place (中国专利奖)
                continue
            full.setdefault(r.name, []).append(r)
            if r.short != r.name and len(r.short) >= 2:
                short.setdefault(r.short, []).append(r)
        self.index: dict[str, tuple[tuple[Region, ...], bool]] = {}
        for name, units in short.items():
            if name in full or name in _STOP_SHORT:
                continue
            # a province's or city's short name is not also read as a county's (河北 is 河北省, not 天津市河北区)
            units = [u for u in units if u.level != "county"] or units
            self.index[name] = (tuple(units), all(u.level == "county" for u in units))
        for name, units in full.items():
            if name in _STOP_SHORT:
                continue
            self.index[name] = (tuple(units), len(name) <= 2)
        lengths: dict[str, set[int]] = {}
        for name in self.index:  # every name has at least 2 characters: look up by the first two
            lengths.setdefault(name[:2], set()).add(len(name))
        self.lengths = {c: sorted(ls, reverse=True) for c, ls in lengths.items()}

    def ancestors(self, code: str) -> list[str]:
        out, seen = [], set()
        r = self.by_code.get(code)
        while r and r.parent_code and r.parent_code not in seen:
            out.append(r.parent_code)
            seen.add(r.parent_code)
            r = self.by_code.get(r.parent_code)
        return out

    def _hit_at(self, text: str, i: int) -> tuple[int, tuple[tuple[Region, ...], bool]] | None:
        for length in self.lengths.get(text[i:i + 2], ()):
            hit = self.index.get(text[i:i + length])
            if hit:
                return length, hit
        return None

    def mentions(self, text: str) -> list[_Mention]:
        out, i, n = [], 0, len(text)
        while i < n:
            found = self._hit_at(text, i)
            if found is None:
                i += 1
                continue
            length, hit = found
            # a weak name overlapping a strong one that starts inside it yields ('8月湖南省' is 湖南省, not 月湖区)
            if hit[1] and any((o := self._hit_at(text, j)) is not None and not o[1][1] for j in range(i + 1, i + length)):
                i += 1
                continue
            out.append(_Mention(i, i + length, text[i:i + length], hit[0], hit[1]))
            i += length
        return out


@lru_cache(maxsize=4)
def load_regions(path: Path = paths.REGIONS_SEED) -> tuple[Region, ...]:
    """Regions from the dbt seed (every province-, prefecture- and county-level unit of China)."""
    with open(path, encoding="utf-8") as fh:
        return tuple(
            Region(r["region_code"], r["name_zh"], r["level"], r.get("parent_code") or None, r.get("short_name") or "")
            for r in csv.DictReader(fh)
        )


@lru_cache(maxsize=4)
def gazetteer(path: Path = paths.REGIONS_SEED) -> Gazetteer:
    return Gazetteer(load_regions(path))


@lru_cache(maxsize=4)
def load_aliases(path: Path = paths.SEEDS_DIR / "region_aliases.csv") -> dict[str, tuple[str, str]]:
    """Former codes (e.g. Hangzhou before 2021) → (current code, note)."""
    if not path.exists():
        return {}
    with open(path, encoding="utf-8") as fh:
        return {r["former_code"]: (r["region_code"], f"{r['former_name']}: {r['note']}") for r in csv.DictReader(fh)}


def _fits_level(r: Region, level: str) -> bool:
    if level == "city":
        return r.level == "city" or (r.level == "county" and r.name.endswith("市")) or (
            r.level == "province" and r.code[:2] in MUNICIPALITIES)
    return r.level == level


def _resolve(ms: list[_Mention], context: set[str], g: Gazetteer) -> list[tuple[_Mention, tuple[Region, ...]]]:
    """Narrow each mention's candidates: an ancestor named right before it, else one named anywhere;
    names shared by a province and its own city (吉林) go to the higher level; weak names need an ancestor."""
    out = []
    prev: _Mention | None = None
    for m in ms:
        cands = m.candidates
        if len(cands) > 1 and prev is not None and prev.end == m.start:
            adjacent = {c.code for c in prev.candidates}
            near = tuple(c for c in cands if adjacent & set(g.ancestors(c.code)))
            cands = near or cands
        if len(cands) > 1:
            ctx = tuple(c for c in cands if context & set(g.ancestors(c.code)))
            cands = ctx or cands
        if len(cands) > 1:
            chain = sorted(cands, key=lambda c: -_RANK[c.level])
            if all(top.code in g.ancestors(c.code) for top in chain[:1] for c in chain[1:]):
                cands = (chain[0],)
        if m.weak and not any(context & set(g.ancestors(c.code)) for c in cands):
            m = _Mention(m.start, m.end, m.surface, m.candidates, weak=True)
        else:
            m = _Mention(m.start, m.end, m.surface, m.candidates, weak=False)
        out.append((m, cands))
        prev = m
    return out


def _leaves(units: dict[str, Region], g: Gazetteer) -> list[Region]:
    """The most specific units: those none of the others lies inside."""
    inner = {a for code in units for a in g.ancestors(code)}
    return [r for code, r in units.items() if code not in inner]


def _self_level(text: str) -> str | None:
    counts = {level: len(rx.findall(text)) for level, rx in _SELF.items()}
    best = max(counts, key=lambda k: counts[k])
    return best if counts[best] > 0 else None


def infer_region(text: str, head_lines: int = 15) -> RegionGuess:
    """The region a document is about, how it was found and from which words.

    In order: the plan's own title (the first title line, a 《…》 being issued), the issuing body
    (X知识产权局, X人民政府, in the first or last lines), then all mentions weighed by how the text
    speaks of itself (我省 / 我市 / 我县). Within one source the most specific region wins when the
    others contain it (陕西省西安市 → 西安市); unrelated regions are ambiguous, and the guess is None
    with the candidates listed. Documents quoted in the text (根据《湖北省…规划》) do not count.
    """
    g = gazetteer()
    # the first 20,000 characters and the last lines (a signature: 宜昌市人民政府办公室 / 2021年11月5日)
    long = len(text) > 20000
    body = text[:19000] + "\n" + text[-1000:] if long else text

    def line_of(pos: int) -> int:
        if not long or pos <= 19000:
            return body.count("\n", 0, pos) + 1
        return text.count("\n", 0, len(text) - 1000) + body.count("\n", 19001, pos) + 1

    masked = _CITED.sub(lambda m: " " * len(m.group(0)), body)
    masked = _AGENCY_DATELINE.sub(lambda m: " " * len(m.group(0)), masked)
    all_mentions = g.mentions(masked)
    context = {c.code for m in all_mentions if not m.weak and len(m.candidates) == 1 for c in m.candidates}
    context |= {a for code in list(context) for a in g.ancestors(code)}
    resolved = _resolve(all_mentions, context, g)
    level = _self_level(masked)

    lines = body.split("\n")
    head_end = sum(len(ln) + 1 for ln in lines[:head_lines])
    tail_start = len(body) - sum(len(ln) + 1 for ln in lines[-6:])
    title_spans = _title_spans(lines[:30], masked)
    # a weak name (赵县, 和县, a county's short name) counts only at the start of the title or with its city or province
    in_title = [(m, c) for m, c in resolved if any(s <= m.start < e and (not m.weak or m.start == s
                                                                         or masked[m.start - 1] in "《》\n ")
                                                   for s, e in title_spans)]
    # a newspaper's or station's name in a title (郑州日报对去年河南省专利拥有情况进行报道) names the reporter, not
    # the subject, when the title names another region too
    if any(not _MEDIA.match(masked, m.end) for m, _ in in_title):
        in_title = [(m, c) for m, c in in_title if not _MEDIA.match(masked, m.end)]
    resolved = [(m, c) for m, c in resolved if not m.weak]
    zones = {
        "title": in_title,
        "issuer": [(m, c) for m, c in resolved if (m.start < head_end or m.start >= tail_start)
                   and (_ISSUER.match(masked, m.end) or masked[max(0, m.start - 2):m.start] == "中共"
                        or _alone_on_line(masked, m))],
    }
    head = [(m, c) for m, c in resolved if m.start < head_end]
    if any(_MEDIA.match(masked, m.end) for m, _ in zones["issuer"]) and any(
            not _MEDIA.match(masked, m.end) and c[0].code in g.ancestors(zc[0].code)
            for m, c in head for zm, zc in zones["issuer"] if _MEDIA.match(masked, zm.end)):
        # a newspaper named after its city reporting on the province it lies in (郑州日报 on 河南省): not the issuer
        zones["issuer"] = [(m, c) for m, c in zones["issuer"] if not _MEDIA.match(masked, m.end)]
    counts: dict[str, int] = {}
    for m, cands in resolved:
        if len(cands) == 1:
            counts[cands[0].code] = counts.get(cands[0].code, 0) + 1
    for how, found in zones.items():
        if found:
            return _decide(how, found, counts, level, g, line_of)
    # a text that speaks as the country (我国 more often than 我省/我市/我县), or names no region but the
    # country (中国, 全国), is national (region 000000)
    national = len(_NATIONAL_SELF.findall(masked))
    if national and national > max(len(rx.findall(masked)) for rx in _SELF.values()) and NATIONAL_CODE in g.by_code:
        first = _NATIONAL_SELF.search(masked)
        return RegionGuess(g.by_code[NATIONAL_CODE], "self-reference", ("我国",), line_of(first.start()) if first else None)
    if resolved:
        return _decide("self-reference" if level else "mentions", resolved, counts, level, g, line_of, by_count=True,
                       self_count=len(_SELF[level].findall(masked)) if level else 0)
    if level is not None:
        # named only in a document it cites (为贯彻落实《杭州市…条例》，…我市…): the one cited unit at the level the
        # text speaks as
        cited = {c[0].code: c[0] for m, c in _resolve(g.mentions(body), set(), g)
                 if not m.weak and len(c) == 1 and _fits_level(c[0], level)}
        if len(cited) == 1:
            (winner,) = cited.values()
            return RegionGuess(winner, "self-reference", (winner.name, {"province": "我省", "city": "我市",
                                                                       "county": "我县/我区"}[level]), None)
    if level is None and len(_NATIONAL_NAMED.findall(masked)) >= 2 and NATIONAL_CODE in g.by_code:
        first = _NATIONAL_NAMED.search(masked)
        return RegionGuess(g.by_code[NATIONAL_CODE], "mentions", (first.group(0),) if first else (), line_of(first.start()) if first else None)
    return RegionGuess(None, "none")


def _alone_on_line(text: str, m: _Mention) -> bool:
    """A signature line: the name alone (or with its office) on a line of its own."""
    start = text.rfind("\n", 0, m.start) + 1
    end = text.find("\n", m.end)
    line = text[start:end if end >= 0 else len(text)].strip()
    return line == m.surface


def _title_spans(head: list[str], masked: str) -> list[tuple[int, int]]:
    spans = []
    offset = 0
    for i, line in enumerate(head):
        stripped = line.strip()
        if stripped and len(stripped) <= 60 and (re.search(r"规划|方案|计划|纲要|意见|办法", stripped) or (
                _STATS_TITLE.search(stripped) and not re.search(r"[，,。；;]", stripped))) \
                and not stripped.endswith(("。", "：", ":")) and not spans:
            prev_start = offset - len(head[i - 1]) - 1 if i > 0 and 0 < len(head[i - 1].strip()) <= 30 else offset
            spans.append((max(0, prev_start), offset + len(line)))
        offset += len(line) + 1
    head_text = masked[:offset]
    spans += [m.span(1) for m in _ISSUED.finditer(head_text)]
    first = next((i for i, line in enumerate(head) if line.strip()), None)
    if not spans and first is not None and len(head[first].strip()) <= 40 \
            and not re.search(r"[，,。；;：:|/>＞\]\[]|网$|网站|公司|集团|有限", head[first]):
        # a news headline heading the page ('绍兴市上半年 专利申请授权量增长迅速'), up to a dash that adds a
        # highlight ('2020年甘肃省各地市的专利分布状况——兰州专利最多')
        start = sum(len(line) + 1 for line in head[:first])
        subject = re.split(r"—|--", head[first])[0]
        spans.append((start, start + len(subject)))
    return spans


def _decide(how: str, found: list[tuple[_Mention, tuple[Region, ...]]], counts: dict[str, int], level: str | None,
            g: Gazetteer, line_of: Callable[[int], int], by_count: bool = False, self_count: int = 0) -> RegionGuess:
    units = {c[0].code: c[0] for _, c in found if len(c) == 1}
    unresolved = [c for _, c in found if len(c) > 1]
    if by_count:
        pool = {code: r for code, r in units.items() if level is None or _fits_level(r, level)}
        if not pool and level:
            # a text speaking as a province (全省, 我省) that names only its cities: the province they share
            above = {a for code in units for a in g.ancestors(code) if _fits_level(g.by_code[a], level)}
            if len(above) == 1 and all(above <= set(g.ancestors(code)) for code in units) \
                    and self_count > max(counts.get(code, 0) for code in units):
                winner = g.by_code[above.pop()]
                return RegionGuess(winner, how, tuple(m.surface for m, _ in found)[:3] + (
                    {"province": "我省", "city": "我市", "county": "我县/我区"}[level],), None)
        pool = pool or units
        top = max(counts.get(code, 0) for code in pool) if pool else 0
        best = [r for code, r in pool.items() if counts.get(code, 0) == top]
        leaves = _leaves({r.code: r for r in best}, g)
    else:
        # the level the text speaks as (我市) first: a city's news naming a district bureau stays on the city
        fitting = {code: r for code, r in units.items() if level and _fits_level(r, level)}
        leaves = _leaves(fitting or units, g) if units else []
        if len(leaves) > 1:
            top = max(counts.get(r.code, 0) for r in leaves)
            leaves = [r for r in leaves if counts.get(r.code, 0) == top]
    if not leaves and unresolved:
        leaves = list({r.code: r for c in unresolved for r in c}.values())
        if level:
            leaves = [r for r in leaves if _fits_level(r, level)] or leaves
    if len(leaves) > 1 and not by_count:
        # co-organisers of one region (自治区人民政府主办, 乌鲁木齐市、昌吉州人民政府承办): the region they share, when
        # the text names it in the same place
        shared = set.intersection(*({r.code, *g.ancestors(r.code)} for r in leaves))
        named = [code for code in shared if code in units and code != NATIONAL_CODE]
        if named:
            leaves = [g.by_code[max(named, key=lambda c: len(g.ancestors(c)))]]
    if len(leaves) != 1:
        return RegionGuess(None, "ambiguous", candidates=tuple(sorted(leaves, key=lambda r: r.code)))
    winner = leaves[0]
    chain = {winner.code, *g.ancestors(winner.code)}
    used = [m for m, c in found if any(r.code in chain for r in c)]
    words = tuple(m.surface for m in used if any(r.code == winner.code for r in dict(found)[m]))
    words += tuple(m.surface for m in used if m.surface not in words)[:3]
    if how in ("self-reference", "mentions") and level:
        words += ({"province": "我省", "city": "我市", "county": "我县/我区"}[level],)
    first = next((m for m in used), None)
    line = line_of(first.start) if first else None
    return RegionGuess(winner, how, words[:6], line)


def infer_status(text: str) -> str:
    return "draft" if re.search(r"征求意见稿|征求意见|草案|送审稿|讨论稿", text[:3000]) else "final"


def infer_title(lines: list[str]) -> str | None:
    """The first short line(s) naming a plan (规划 / 方案 / 计划), joined when the title wraps."""
    head = [ln.strip() for ln in lines[:30] if ln.strip()]
    for i, line in enumerate(head):
        if len(line) <= 60 and re.search(r"规划|方案|计划|纲要", line) and not line.endswith(("。", "：", ":")):
            title = line
            if i > 0 and len(head[i - 1]) <= 30 and not re.search(r"[。，：]", head[i - 1]) and "文件" not in head[i - 1]:
                title = head[i - 1] + title
            return re.sub(r"^关于印发《|》的通知$", "", title)
    return None


def infer_period(text: str) -> tuple[int | None, int | None]:
    head = text[:3000]
    if m := re.search(r"[（(]?(20\d\d)\s*[-—–至]\s*(20\d\d)年?[）)]?", head):
        return int(m.group(1)), int(m.group(2))
    if m := re.search(r"十([一二三四五六])五", head):
        end = five_year_plan_end(m.group(1))
        return end - 4, end
    return None, None


def infer_doc_type(title: str | None) -> str | None:
    if not title:
        return None
    return "plan" if "规划" in title or "纲要" in title else "work_plan"
