"""Synthetic plan-like documents in every layout the parsers support, with a ground truth of every figure and conflict."""

from __future__ import annotations

import csv
import hashlib
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ipbench_core import paths

CATALOG_FIELDS = ["document_id", "title", "region_code", "region_name", "level", "doc_type", "status", "plan_id",
                  "plan_period_start", "plan_period_end", "issue_date", "doc_number"]
TRUTH_FIELDS = ["document_id", "indicator_label", "year", "value_kind", "raw_value", "raw_unit", "qualifier",
                "source_line", "source_kind", "metric_id", "pattern"]
CONFLICT_FIELDS = ["region_code", "indicator_label", "metric_id", "year", "value_kind", "draft_value", "final_value",
                   "raw_unit", "draft_document_id", "final_document_id", "draft_line", "final_line"]


@dataclass(frozen=True)
class Metric:
    """One indicator as the generator writes it: labels (all aliases dbt maps), unit and number style."""

    metric_id: str
    labels: tuple[str, ...]
    unit: str            # as written: 件 / 万件 / 家 / 亿元 / % ...
    style: str           # int / dec / wan / yi / pct
    scale: float         # province-level 2020 value in canonical units (件 for 万件)
    growth: float        # yearly growth of targets
    prose: bool = True   # safe to state in prose
    year_list: bool = False  # stated as '2022-2024年X目标分别为…'


METRICS: tuple[Metric, ...] = (
    Metric("high_value_invention_patents_per_10k", ("每万人高价值发明专利拥有量",), "件", "dec", 11.0, 0.09),
    Metric("invention_patents_per_10k", ("每万人发明专利拥有量", "每万人有效发明专利拥有量"), "件", "dec", 34.0, 0.07),
    Metric("invention_patent_grants", ("发明专利授权量", "发明专利年授权量"), "件", "int", 50000, 0.08, year_list=True),
    Metric("patent_grants", ("专利授权量",), "件", "int", 300000, 0.05, year_list=True),
    Metric("pct_applications", ("PCT国际专利申请量", "PCT年申请量"), "件", "int", 4300, 0.10, year_list=True),
    Metric("overseas_invention_patent_grants", ("海外发明专利授权量",), "件", "int", 3000, 0.11),
    Metric("valid_invention_patents", ("有效发明专利数量", "有效发明专利拥有量"), "万件", "wan", 200000, 0.08),
    Metric("valid_trademarks", ("有效注册商标量", "有效注册商标数"), "万件", "wan", 3000000, 0.06),
    Metric("madrid_trademarks", ("马德里国际注册商标拥有量",), "件", "int", 5900, 0.05, year_list=True),
    Metric("copyright_registrations", ("作品著作权登记量",), "万件", "wan", 25000, 0.1),
    Metric("geographical_indications", ("地理标志数量", "地理标志有效量"), "件", "int", 376, 0.04),
    Metric("ip_pledge_financing", ("知识产权质押融资金额", "知识产权质押融资登记额"), "亿元", "yi", 602, 0.11),
    Metric("technology_contract_turnover", ("技术市场成交额",), "亿元", "yi", 1400, 0.09),
    Metric("national_ip_protection_platforms", ("国家级知识产权保护平台数量",), "家", "int", 5, 0.2),
    Metric("ip_service_clusters", ("知识产权服务业集聚区",), "家", "int", 13, 0.15, year_list=True),
    Metric("trademark_brand_service_stations", ("商标品牌指导服务站",), "家", "int", 204, 0.12, year_list=True),
    Metric("ip_demo_advantage_enterprises", ("知识产权示范优势企业",), "家", "int", 455, 0.15, year_list=True),
    Metric("ip_demo_county_coverage", ("知识产权示范县(市、区)覆盖率",), "%", "pct", 77.5, 0.03, prose=False),
    Metric("ip_service_revenue_growth", ("知识产权服务业营业收入平均增长率",), "%", "pct", 15, 0.0),
)
BY_ID = {m.metric_id: m for m in METRICS}
PAIRED = ("geographical_indications", "agricultural_plant_varieties", "forestry_plant_varieties")
LEVEL_SCALE = {"province": 1.0, "city": 0.09, "county": 0.012}

FILLER = (
    "坚持以习近平新时代中国特色社会主义思想为指导，深入实施知识产权强国战略。",
    "完善知识产权激励政策，加强财政资金保障，引导创新要素向企业集聚。",
    "健全知识产权保护体系，推进司法保护、行政保护、仲裁调解和社会监督的衔接。",
    "加快知识产权公共服务平台建设，提升服务供给能力和便利化水平。",
    "深化知识产权领域改革，构建严格保护、高效运用、优质服务的制度体系。",
    "鼓励企业争创各级知识产权试点、示范、优势企业。",
    "强化组织领导，建立部门协同推进机制，加强督查考核。",
    "加大宣传培训力度，营造尊重知识、崇尚创新、诚信守法的社会氛围。",
    "推动知识产权与产业发展深度融合，培育一批高价值专利组合。",
    "优化营商环境，严厉打击侵犯知识产权的违法行为。",
)
TASKS = (
    ("优化知识产权创造体系", "完善知识产权激励政策，加强财政资金保障。", "市场监管局、科技局"),
    ("培育知识产权强企", "大力推行企业知识产权管理规范国家标准。", "市场监管局、经信局"),
    ("打造特色区域品牌", "扩大品牌指导服务站的覆盖面，实现主导产业集聚区全覆盖。", "市场监管局"),
    ("强化知识产权保护", "健全快速维权机制，推进知识产权纠纷多元化解。", "市场监管局、法院、公安局"),
)


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    level: str

    @property
    def prefix(self) -> str:
        """How the plan calls its whole territory: 全省 / 全市 / 全区 / 全县."""
        if self.level == "province":
            return {"市": "全市", "区": "全区"}.get(self.name[-1], "全省")
        if self.level == "city":
            return "全市"
        return {"区": "全区", "县": "全县", "旗": "全旗"}.get(self.name[-1], "全市")


def zhejiang_regions() -> list[Region]:
    """Zhejiang's province, cities and county-level units from the dbt seed (codes 33xxxx)."""
    with open(paths.REGIONS_SEED, encoding="utf-8") as fh:
        return [Region(r["region_code"], r["name_zh"], r["level"]) for r in csv.DictReader(fh)
                if r["region_code"].startswith("33")]


def china_regions() -> list[Region]:
    """Every unit of the region seed: China's provinces, prefectures and counties (about 3,200, real codes and names)."""
    with open(paths.REGIONS_SEED, encoding="utf-8") as fh:
        return [Region(r["region_code"], r["name_zh"], r["level"]) for r in csv.DictReader(fh) if r["level"] != "national"]


# --------------------------------------------------------------------------- values


def _hrand(*parts: object) -> random.Random:
    """A generator seeded by a stable hash (Python's hash() is salted per process)."""
    digest = hashlib.sha256("|".join(map(str, parts)).encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


def _fmt(x: float, decimals: int) -> str:
    s = f"{x:.{decimals}f}"
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return s


@dataclass
class Truth:
    """One value per region × metric × year × kind, shared by every document of the region (no accidental conflicts)."""

    seed: int

    def value(self, region: Region, metric: Metric, year: int, kind: str) -> str:
        """The figure as written (digits only, multiplier in the unit)."""
        r = _hrand(self.seed, region.code, metric.metric_id)
        base = metric.scale * (LEVEL_SCALE[region.level] if metric.style not in ("dec", "pct") else 1.0)
        base *= r.uniform(0.4, 1.6)
        if kind == "actual":
            x = base * (1 + metric.growth) ** (year - 2020)
        elif year == 2020:  # 十三五 target
            x = base * 0.85
        else:
            x = base * (1 + metric.growth) ** (year - 2020) * 1.02
        return self.render(metric, x)

    @staticmethod
    def render(metric: Metric, x: float) -> str:
        if metric.style == "int":
            return str(max(1, round(x)))
        if metric.style == "dec":
            return _fmt(max(0.1, x), 1)
        if metric.style == "wan":
            return _fmt(max(0.1, round(x / 1000) / 10), 1)
        if metric.style == "yi":
            return _fmt(max(0.1, x), 1)
        return _fmt(min(99.9, max(0.5, x)), 1)

    def paired(self, region: Region, year: int, kind: str) -> list[str]:
        r = _hrand(self.seed, region.code, "paired", year, kind)
        scale = LEVEL_SCALE[region.level]
        return [self.value(region, BY_ID["geographical_indications"], year, kind),
                str(max(1, round(408 * scale * r.uniform(0.5, 1.5)))),
                str(max(1, round(263 * scale * r.uniform(0.5, 1.5))))]


def _lower(metric: Metric, raw: str) -> str:
    """A clearly different, smaller draft figure for a planted conflict."""
    x = float(raw)
    if metric.style == "int":
        y = str(round(x * 0.8))
        return y if y not in (raw, "0") else str(int(raw) + 1)
    y = _fmt(x * 0.8, 1)
    return y if y != raw and float(y) > 0 else _fmt(x + 0.5, 1)


# --------------------------------------------------------------------------- documents


@dataclass
class Fig:
    metric_id: str
    label: str
    year: int
    kind: str
    raw_value: str
    raw_unit: str
    qualifier: str
    line: int
    source_kind: str
    pattern: str


@dataclass
class Doc:
    """Lines being written and the figures they state."""

    lines: list[str] = field(default_factory=list)
    figures: list[Fig] = field(default_factory=list)

    @property
    def next_line(self) -> int:
        return len(self.lines) + 1

    def add(self, *lines: str) -> None:
        self.lines.extend(lines)


@dataclass
class Plan:
    plan_id: str
    region: Region
    doc_type: str        # plan / work_plan
    start: int
    end: int
    title: str
    seed: int


class Writer:
    """Writes one document of a plan; `override` replaces figures (metric, year, kind) -> raw value for drafts."""

    def __init__(self, plan: Plan, truth: Truth, override: dict[tuple[str, int, str], str] | None = None) -> None:
        self.plan = plan
        self.truth = truth
        self.override = override or {}
        self.rng = random.Random(plan.seed)
        self.doc = Doc()

    # ---- values
    def val(self, metric: Metric, year: int, kind: str) -> str:
        return self.override.get((metric.metric_id, year, kind)) or self.truth.value(self.plan.region, metric, year, kind)

    def fig(self, metric: Metric, label: str, year: int, kind: str, raw: str, unit: str, line: int,
            source_kind: str, pattern: str, qualifier: str = "") -> None:
        self.doc.figures.append(Fig(metric.metric_id, label, year, kind, raw, unit, qualifier, line, source_kind, pattern))

    def pick(self, k: int, pool: list[Metric] | None = None) -> list[Metric]:
        pool = list(pool or METRICS)
        return self.rng.sample(pool, min(k, len(pool)))

    def label(self, metric: Metric) -> str:
        return self.rng.choice(metric.labels)

    def filler(self, n: int = 1) -> None:
        for _ in range(n):
            self.doc.add(self.rng.choice(FILLER))

    # ---- prose
    def statements(self, ms: list[Metric], year: int, kind: str, verbs: list[tuple[str, str, str]],
                   pattern: Callable[[str, str], str]) -> list[str]:
        """'X达到N件' per metric (the first with the region prefix), each recorded in the ground truth."""
        line = self.doc.next_line
        parts = []
        for n, (m, (verb, qual, suffix)) in enumerate(zip(ms, verbs)):
            lab = self.label(m)
            written = (self.plan.region.prefix + lab) if n == 0 else lab
            raw = self.val(m, year, kind)
            parts.append(f"{written}{verb}{raw}{m.unit}{suffix}")
            self.fig(m, written, year, kind, raw, m.unit, line, "prose", pattern(verb, suffix), qual)
        return parts

    def prose_targets(self, year: int) -> None:
        """'到2025年，全市X达到N件，Y超过M件。' and '到2025年，Z达到N家以上。'"""
        ms = self.pick(3, [m for m in METRICS if m.prose])
        verbs = [("达到", "", "")] + [self.rng.choice([("超过", ">=", ""), ("不低于", ">=", ""), ("达到", "", ""),
                                                      ("达到", ">=", "以上")]) for _ in range(2)]
        parts = self.statements(ms, year, "target", verbs, lambda verb, suffix: f"prose_target:{verb}{suffix}")
        self.doc.add(f"到{year}年，" + "，".join(parts[:2]) + "。" + (f"到{year}年，{parts[2]}。" if len(parts) > 2 else ""))

    def prose_past(self) -> None:
        """'“十三五”期间，全市X达到N件，Y达到M万件。' (achievements, 2020 actual)."""
        ms = self.pick(2, [m for m in METRICS if m.prose])
        parts = self.statements(ms, 2020, "actual", [("达到", "", "")] * 2, lambda verb, suffix: "prose_fyp_actual")
        self.doc.add("“十三五”期间，" + "，".join(parts) + "。")

    def prose_period(self) -> None:
        """'试点期内，全县X达到N件；Y不低于M家。' (period totals: target at the plan's end)."""
        ms = self.pick(2, [m for m in METRICS if m.prose])
        parts = self.statements(ms, self.plan.end, "target", [("达到", "", ""), ("不低于", ">=", "")],
                                lambda verb, suffix: f"prose_period:{verb}")
        self.doc.add("试点期内，" + "；".join(parts) + "。")

    def year_list(self, years: list[int]) -> None:
        """'…，2022-2024年X目标分别为a件、b件、c件。'"""
        m = self.rng.choice([m for m in METRICS if m.year_list])
        lab = self.label(m)
        line = self.doc.next_line
        vals = [self.val(m, y, "target") for y in years]
        for y, v in zip(years, vals):
            self.fig(m, lab, y, "target", v, m.unit, line, "prose", "year_list")
        lead = self.rng.choice(FILLER).rstrip("。")
        self.doc.add(f"{lead}，{years[0]}-{years[-1]}年{lab}目标分别为" + "、".join(f"{v}{m.unit}" for v in vals) + "。")

    def paired_list(self, year: int) -> None:
        """'到2025年，有效地理标志、农业、林业植物新品种分别达到A件、B个、C个。'"""
        a, b, c = self.truth.paired(self.plan.region, year, "target")
        if (o := self.override.get(("geographical_indications", year, "target"))):
            a = o
        line = self.doc.next_line
        for mid, lab, v, u in zip(PAIRED, ("有效地理标志", "农业植物新品种", "林业植物新品种"), (a, b, c), ("件", "个", "个")):
            self.doc.figures.append(Fig(mid, lab, year, "target", v, u, "", line, "prose", "paired_list"))
        self.doc.add(f"到{year}年，有效地理标志、农业、林业植物新品种分别达到{a}件、{b}个、{c}个。")

    # ---- tables
    def _emit_tab(self, rows: list[list[str]]) -> list[list[int]]:
        """Tab layout: one cell per line, blank line between rows, two blank lines after; returns line numbers."""
        where: list[list[int]] = []
        for r, row in enumerate(rows):
            if r:
                self.doc.add("")
            nums = []
            for cell in row:
                nums.append(self.doc.next_line)
                self.doc.add("\t" + cell)
            where.append(nums)
        self.doc.add("", "")
        return where

    def _emit_pipe(self, rows: list[list[str]], merged_first: list[bool]) -> list[list[int]]:
        """Pipe layout: 'a | b | c |'; a merged first cell is left out and an empty cell added at the end."""
        where: list[list[int]] = []
        for row, merged in zip(rows, merged_first):
            line = self.doc.next_line
            if merged:
                self.doc.add(" | ".join(row[1:]) + " | |")
            else:
                self.doc.add(" | ".join(row) + " |")
            where.append([line] * len(row))
        return where

    def table_review(self, layout: str) -> None:
        """十三五 review: 指标名称 | 单位 | “十三五”目标值 | 实际完成值 | 进度评价 ('/' for no target)."""
        self.doc.add(f"表1 “十三五”{self.rng.choice(['主要指标完成情况', '规划主要指标完成情况'])}")
        header = ["指标名称", "单位", "“十三五”目标值", "实际完成值", "进度评价"]
        rows, cells = [header], []
        for m in self.pick(self.rng.randint(3, 6)):
            lab = self.label(m)
            tgt = self.val(m, 2020, "target") if self.rng.random() < 0.75 else "/"
            act = self.val(m, 2020, "actual")
            rows.append([lab, m.unit, tgt, act, "已完成"])
            cells.append((m, lab, [(2, 2020, "target", tgt), (3, 2020, "actual", act)]))
        self._table(rows, cells, layout, merged=[False] * len(rows), pattern="review")

    def table_targets(self, layout: str) -> None:
        """十四五 targets with a merged 一级指标 column and units in the names: 2020年实现值 / 2025年目标值."""
        self.doc.add(f"表2 “十四五”时期知识产权发展主要指标")
        tab = layout == "tab"
        header = ["一级指标", "序号", "二级指标" if tab else "指标名称", "2020年实现值", "2025年 目标值" if not tab else "2025年目标值",
                  "指标属性" if tab else "指标 属性"] + (["备注"] if tab else [])
        rows, cells, merged = [header], [], [False]
        serial = 0
        for cat in self.rng.sample(["知识产权创造", "知识产权运用", "知识产权保护", "知识产权服务"], 2):
            for k, m in enumerate(self.pick(self.rng.randint(2, 3))):
                serial += 1
                lab = self.label(m)
                paren = ("（{}）" if self.rng.random() < 0.5 else "({})").format(m.unit)
                base = self.val(m, 2020, "actual") if self.rng.random() < 0.85 else "/"
                tgt = self.val(m, 2025, "target")
                row = [cat if k == 0 else "", str(serial), lab + paren, base, tgt, self.rng.choice(["预期性", "约束性"])]
                if tab:
                    row.append(self.rng.choice(["累计", "当年度", ""]))
                if not tab and k > 0:
                    row[0] = cat  # left out when written (merged)
                rows.append(row)
                merged.append(not tab and k > 0)
                cells.append((m, lab, [(3, 2020, "actual", base), (4, 2025, "target", tgt)]))
        self._table(rows, cells, layout, merged, pattern="targets", unit_from_label=True)

    def table_years(self, layout: str, years: list[int]) -> None:
        """Work-plan annual targets: 序号 | 指标名称 | 单位 | 2022年 | 2023年 | 2024年."""
        self.doc.add("附件 主要指标年度目标")
        header = ["序号", "指标名称", "单位"] + [f"{y}年" for y in years]
        rows, cells = [header], []
        for n, m in enumerate(self.pick(self.rng.randint(3, 5)), start=1):
            lab = self.label(m)
            vals = [self.val(m, y, "target") for y in years]
            rows.append([str(n), lab, m.unit] + vals)
            cells.append((m, lab, [(3 + i, y, "target", v) for i, (y, v) in enumerate(zip(years, vals))]))
        self._table(rows, cells, layout, merged=[False] * len(rows), pattern="years")

    def table_tasks(self) -> None:
        """A task list (not an indicator table): yields no figures."""
        self.doc.add("重点工作责任分解表")
        rows = [["序号", "重点工作", "主要内容", "责任单位"]]
        for n, (work, content, who) in enumerate(self.rng.sample(TASKS, 3), start=1):
            rows.append([str(n), work, content, who])
        self._emit_tab(rows)

    def _table(self, rows: list[list[str]], cells, layout: str, merged: list[bool], pattern: str,
               unit_from_label: bool = False) -> None:
        where = self._emit_tab(rows) if layout == "tab" else self._emit_pipe(rows, merged)
        if layout == "pipe":
            self.doc.add("注：数据来源于有关部门统计。")
        for r, (m, lab, values) in enumerate(cells, start=1):
            for col, year, kind, raw in values:
                if raw == "/":
                    continue
                self.fig(m, lab, year, kind, raw, m.unit, where[r][col], "table", f"{layout}_{pattern}")

    # ---- whole documents
    def write(self, title: str) -> Doc:
        p = self.plan
        d = self.doc
        d.add(title, "")
        if p.doc_type == "plan":
            d.add("一、发展基础")
            self.filler(2)
            self.prose_past()
            self.table_review(self.rng.choice(["tab", "pipe"]))
            d.add("二、发展目标")
            self.filler()
            self.prose_targets(p.end)
            self.table_targets(self.rng.choice(["tab", "pipe"]))
            d.add("三、主要任务")
            self.filler(2)
            self.year_list([2022, 2023, 2024])
            if self.rng.random() < 0.5:
                self.paired_list(p.end)
            self.table_tasks()
        else:
            years = list(range(p.start, p.end + 1))
            d.add("一、总体要求")
            self.filler(2)
            d.add("二、工作目标")
            self.prose_period()
            self.prose_targets(p.end)
            self.filler()
            self.year_list(years)
            self.table_years(self.rng.choice(["tab", "pipe"]), years)
            d.add("三、重点任务")
            self.filler(2)
            self.table_tasks()
        d.add("四、保障措施")
        self.filler(2)
        return d


# --------------------------------------------------------------------------- corpus


def _plans(regions: list[Region], n_docs: int, rng: random.Random, seed: int) -> list[tuple[Plan, bool]]:
    """Plans (with whether each also has a draft) until `n_docs` documents are reached."""
    out: list[tuple[Plan, bool]] = []
    order = regions[:]
    rng.shuffle(order)
    total, k = 0, 0
    while total < n_docs:
        region = order[k % len(order)]
        round_ = k // len(order)
        kind = "plan" if (k + round_) % 2 == 0 else "work_plan"
        if kind == "plan":
            start, end = 2021, 2025
            title = f"{region.name}知识产权发展“十四五”规划"
        else:
            start = rng.choice([2022, 2023])
            end = start + 2
            strong = "强省" if region.level == "province" else ("强市" if region.level == "city" else "强县")
            title = f"{region.name}知识产权{strong}建设工作方案（{start}-{end}年）"
        plan = Plan(f"{region.code}-{kind}-{k}", region, kind, start, end, title, rng.randrange(2**31))
        draft = total + 2 <= n_docs and rng.random() < 0.35
        out.append((plan, draft))
        total += 2 if draft else 1
        k += 1
    return out


def _plantable(doc: Doc) -> list[tuple[str, int, str]]:
    """Figure keys (metric, year, kind) stated only without qualifiers (so a lower draft value must conflict)."""
    qualified = {(f.metric_id, f.year, f.kind) for f in doc.figures if f.qualifier}
    keys = []
    for f in doc.figures:
        key = (f.metric_id, f.year, f.kind)
        if key not in qualified and key not in keys and f.metric_id in BY_ID:
            keys.append(key)
    return keys


def write_corpus(out: Path, regions: str = "zhejiang", docs: int = 100, seed: int = 0) -> str:
    """Write `docs` documents, catalog.csv, ground_truth.csv and conflicts.csv to `out`; return a summary line."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    region_list = zhejiang_regions() if regions == "zhejiang" else china_regions()
    rng = random.Random(seed)
    truth = Truth(seed)
    catalog, figures, conflicts = [], [], []
    n_written = 0
    n_bytes = 0
    for plan, has_draft in _plans(region_list, docs, rng, seed):
        final_id = f"{n_written:06d}_{_hrand(seed, plan.plan_id, 'final').getrandbits(32):08x}"
        final = Writer(plan, truth).write(plan.title)
        versions = [(final_id, final, "final", plan.title)]
        if has_draft:
            keys = _plantable(final)
            chosen = rng.sample(keys, min(len(keys), rng.randint(1, 2)))
            override = {}
            for key in chosen:
                metric = BY_ID[key[0]]
                current = truth.value(plan.region, metric, key[1], key[2])
                override[key] = _lower(metric, current)
            draft_title = plan.title + "（征求意见稿）"
            draft = Writer(plan, truth, override).write(draft_title)
            draft_id = f"{n_written + 1:06d}_{_hrand(seed, plan.plan_id, 'draft').getrandbits(32):08x}"
            versions.append((draft_id, draft, "draft", draft_title))
            for key in chosen:
                f_fig = next(f for f in final.figures if (f.metric_id, f.year, f.kind) == key)
                d_fig = next(f for f in draft.figures if (f.metric_id, f.year, f.kind) == key)
                conflicts.append({
                    "region_code": plan.region.code, "indicator_label": f_fig.label, "metric_id": key[0],
                    "year": key[1], "value_kind": key[2], "draft_value": d_fig.raw_value, "final_value": f_fig.raw_value,
                    "raw_unit": f_fig.raw_unit, "draft_document_id": draft_id, "final_document_id": final_id,
                    "draft_line": d_fig.line, "final_line": f_fig.line,
                })
        for doc_id, doc, status, title in versions:
            text = "\n".join(doc.lines) + "\n"
            data = text.encode("utf-8")
            (out / f"{doc_id}.txt").write_bytes(data)
            n_bytes += len(data)
            n_written += 1
            catalog.append({
                "document_id": doc_id, "title": title, "region_code": plan.region.code, "region_name": plan.region.name,
                "level": plan.region.level, "doc_type": plan.doc_type, "status": status, "plan_id": plan.plan_id,
                "plan_period_start": plan.start, "plan_period_end": plan.end, "issue_date": "", "doc_number": "",
            })
            for f in doc.figures:
                figures.append({
                    "document_id": doc_id, "indicator_label": f.label, "year": f.year, "value_kind": f.kind,
                    "raw_value": f.raw_value, "raw_unit": f.raw_unit, "qualifier": f.qualifier, "source_line": f.line,
                    "source_kind": f.source_kind, "metric_id": f.metric_id, "pattern": f.pattern,
                })
    _write_csv(out / "catalog.csv", CATALOG_FIELDS, catalog)
    _write_csv(out / "ground_truth.csv", TRUTH_FIELDS, figures)
    _write_csv(out / "conflicts.csv", CONFLICT_FIELDS, conflicts)
    return (f"wrote {n_written} documents ({n_bytes / 2**20:.1f} MB, {len(region_list)} regions to draw from), "
            f"{len(figures)} figures in ground_truth.csv, {len(conflicts)} planted conflicts in conflicts.csv, "
            f"catalog.csv -> {out}")


def _write_csv(path: Path, fields: list[str], rows: list[dict]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=fields)
        w.writeheader()
        w.writerows(rows)
