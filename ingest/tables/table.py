"""The table model shared by the layout parsers, and merged-cell filling."""

from __future__ import annotations

import re
from itertools import combinations
from dataclasses import dataclass, field

from ingest import vocabulary as tw


@dataclass
class Cell:
    text: str
    line: int            # 1-based source line
    filled: bool = False  # carried down from a merged cell above
    ref: str | None = None  # where the cell is in the original file ('table 2 row 3 col 4'); None: the line says it


@dataclass
class Table:
    layout: str                      # 'tab' / 'pipe' / 'md' / 'space' / 'docx' / 'html'
    start_line: int
    end_line: int
    rows: list[list[Cell]]           # rows[0] is the header row
    caption: str | None = None
    caption_line: int | None = None
    kind: str = "other"              # indicator / task_list / box / other (set by indicators.classify)
    lines: set[int] = field(default_factory=set)
    warnings: list[tuple[int, str]] = field(default_factory=list)  # (line, message) about malformed rows
    unit: str | None = None          # the table's unit from a '单位：件' caption or line above
    results: bool = False            # its caption or the lines above say it holds results (统计年鉴, 实际, 完成情况)
    notes: str = ""                  # text printed above the header inside the table (title, form number, period)
    context: str = ""                # the lines just above the table and the document's first lines (set by table_context)
    column_years: dict[str, int] = field(default_factory=dict)  # a note under the table dates a column (set by table_context)

    @property
    def header(self) -> list[str]:
        return [c.text for c in self.rows[0]] if self.rows else []

    @property
    def body(self) -> list[list[Cell]]:
        return self.rows[1:]

    @property
    def n_cols(self) -> int:
        return max((len(r) for r in self.rows), default=0)


_CAPTION = re.compile(r"^\s*(表\s*\d+|附表|附件\s*\d*|专栏)")


_UNIT_ONLY = re.compile(r"^[（(]?\s*单位\s*[:：][^，,。]{0,12}[）)]?\s*$")


# the filing block a statistics form prints between its title and its header ('表号:专有表2', '制表机关:…',
# '有效期至:2011年12月', '2009.12'), and a title's English translation line
FORM_FURNITURE = re.compile(r"^\s*((表\s*号|制表机关|填报机关|备案机关|批准机关|备案文号|批准文号|文\s*号|有效期至|"
                            r"填报单位|报送单位|统计范围|统计口径)\s*[:：]|\d{4}\s*[.年]\s*\d{1,2}\s*月?\s*$|"
                            r"[A-Za-z][A-Za-z ,.&()'-]*$)")


def find_caption(lines: list[str], start: int, lookback: int = 4) -> tuple[str | None, int | None]:
    """The nearest non-empty line above a table (0-based start), if it reads like a caption; a statistics form's
    filing lines and a translation line between them are passed over."""
    i, seen = start - 1, 0
    while i >= 0 and seen < lookback:
        text = lines[i].strip()
        i -= 1
        if not text or _UNIT_ONLY.match(text) or FORM_FURNITURE.match(text):
            continue   # a unit note ('单位：件') or the form's filing block between a table and its caption
        seen += 1
        if _CAPTION.match(text) or (len(text) <= 60 and not text.endswith(("。", "；", ";"))):
            return text, i + 2
        return None, None
    return None, None


_UNIT_NOTE = re.compile(r"单位\s*[:：]\s*([^\s，,；;)）]+)")
_RESULTS = tw.RESULTS_CAPTION  # not '结合我市实际' above a plan's target table


# an English word of a translation (Total, Beijing, Patent): lower-case letters; acronyms in Chinese labels
# (PCT, GDP, R&D) are no translation
_ENGLISH_WORD = re.compile(r"[A-Za-z]?[a-z]{3,}")
_HAN = re.compile(r"[\u4e00-\u9fff]")


def bilingual_header(header: list[str]) -> bool:
    """A header whose stub or columns carry English translations ('项目 Item', '合计 Total')."""
    return any(_HAN.search(h) and _ENGLISH_WORD.search(h) for h in header) or (
        any(_HAN.search(h) for h in header) and any(_ENGLISH_WORD.fullmatch(h.strip()) for h in header))


def bilingual_stubs(table: Table) -> bool:
    """Most row stubs carry an English translation ('专利申请量 Patent applications'): a statistical yearbook."""
    stubs = [row[0].text for row in table.body if row and row[0].text]
    both = sum(bool(_HAN.search(s) and _ENGLISH_WORD.search(s)) for s in stubs)
    return len(stubs) >= 2 and both >= 0.5 * len(stubs)


def results_words(text: str) -> bool:
    """Words around a table saying it reports results (统计年鉴, 年报, 实际, 完成情况)."""
    return bool(_RESULTS.search(text))


def join_header_levels(upper: list[str], lower: list[str]) -> list[str]:
    """Two header rows as one label a column: a group cell ('当年授权量') spans the empty cells to its right,
    and heads each sub-column under it ('当年授权量 发明'); a column without a sub-label keeps the group's."""
    out: list[str] = []
    group = ""
    for c in range(max(len(upper), len(lower))):
        top = upper[c] if c < len(upper) else ""
        sub = lower[c] if c < len(lower) else ""
        if top:
            group = top
        elif c == 0:
            group = ""
        head = top or (group if sub else "")
        out.append(f"{head} {sub}".strip() if sub and head != sub else (head or sub))
    return out


def unrepeat_levels(upper: list[str], lower: list[str]) -> tuple[list[str], list[str]] | None:
    """Two header rows whose merged cells were exported by repeating their text in every column they span
    ('2022年 | 2022年 | 2023年 | 2023年' over '申请 | 授权 | 申请 | 授权'; '市州' in both rows): the repeats
    blanked, for `join_header_levels`. None when the upper row repeats no cell."""
    if len(upper) != len(lower) or len(upper) < 3:
        return None
    if not any(upper[c] and upper[c] == upper[c - 1] for c in range(2, len(upper))):
        return None
    top = [u if c < 1 or u != upper[c - 1] else "" for c, u in enumerate(upper)]
    sub = ["" if v == u else v for u, v in zip(upper, lower)]
    return top, sub


# the header cell above the stub column ('地 区', '项目 Item'): the header's leaf cells follow it
STUB_HEAD = re.compile(r"^(地区|地市|区域|市州|县区|区县|县市区|省份|城市|项目|指标|单位名称|名称|"
                       r"[县市区][(（][市州县区][、,，]?[市区县]?[)）])(\(|（|$)")
# the header cell of a serial-number column printed before the stub ('序号', 'No.')
SERIAL_HEAD = re.compile(r"^(序号|编号|排名|排序|名次|No\.?)$")
# header cells that head a group of columns rather than one ('职 务' over 大专院校 … 机关团体)
GROUP_CELL = re.compile(r"^(职务|非职务|总累计|累计|当年|当月|本月|本年|其中|在.+中|按.+分|.+类型|(19|20)\d{2}年?)$")


_NUMBER_CELL = re.compile(r"^[-+]?\d[\d,.]*\s*[%％]?$")


def merge_spanned_header(table: Table) -> None:
    """A marked-up table (HTML, Word) whose header spans two rows, spans spread as copies ('专利授权量' over '合计 |
    其中：发明', '区县' and '有效发明专利拥有量' spanning both rows): the two rows become one label a column."""
    if len(table.rows) < 3 or any(_NUMBER_CELL.match(c.text.strip()) for c in table.rows[1]):
        return
    upper, lower = [c.text for c in table.rows[0]], [c.text for c in table.rows[1]]
    levels = unrepeat_levels(upper, lower)
    if levels is None or not any(levels[1]):
        return
    line = table.rows[1][0].line if table.rows[1] else table.start_line
    labels = []
    group = ""
    for top, sub in zip(*levels):
        group = top or group
        if not sub:
            labels.append(top)
            continue
        head, unit = _UNIT_TAIL.match(group).groups()   # '专利授权量（件）' over '其中：发明': the unit goes last
        leaf = _SUB_MARK.sub("", sub)
        labels.append(f"{group_leaf(head.strip(), leaf)}{unit or ''}")
    table.rows = [[Cell(t, line) for t in labels], *table.rows[2:]]


_UNIT_TAIL = re.compile(r"^(.*?)\s*([（(][^（）()]{1,8}[)）])?\s*$")
_SUB_MARK = re.compile(r"^\s*(其中\s*[:：]?|#|＃)\s*")


def zh(text: str) -> str:
    return re.sub(r"[\sA-Za-z.,'&-]+", "", text)


def grouped(groups: list[str], leaves: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """The cells under a run of group heads, each prefixed with its group ('职务 大专院校'): split evenly when
    the groups repeat the same cells ('合计 职务 非职务' under 总累计 and 2016), else a group runs to the
    cell that totals it ('职务总计') and the next group takes the rest."""
    n, g = len(leaves), len(groups)
    names = [zh(t) for _, t in leaves]
    if n % g == 0 and len({tuple(names[i * n // g:(i + 1) * n // g]) for i in range(g)}) == 1:
        return [(ln, f"{groups[i * g // n]} {t}") for i, (ln, t) in enumerate(leaves)]
    out, gi, first = [], 0, 0
    for i, (ln, t) in enumerate(leaves):
        if 0 < i and gi < g - 1 and names[i] == names[first] and i > first:
            gi, first = gi + 1, i          # the group's first cell again: the next group starts (unequal groups)
        out.append((ln, f"{groups[gi]} {t}"))
        if gi < g - 1 and (groups[gi] in zh(t) or n - i - 1 == g - gi - 1):
            gi, first = gi + 1, i + 1
    return out


def spread_header(upper: list[str], lower: list[str], n_cols: int, stubs: int) -> list[str] | None:
    """Two header rows printed without their merged cells, as one label a column: the upper row's first
    `stubs` cells head the stub columns; g = upper + lower - n_cols of its other cells are groups over
    lower/g cells each ('商标申请量' over '完成值 | 同比增长'; the g that read most like group heads,
    '专利类型', '申请人类型', else the first g), and its other cells span both rows ('同比增长', '排名').
    None when the counts do not fit."""
    upper = [c for c in upper if c]
    lower = [c for c in lower if c]
    g = len(upper) + len(lower) - n_cols
    rest = upper[stubs:]
    if g == 0 and len(rest) >= 2 and len(lower) % len(rest) == 0 and len(lower) > len(rest):
        # '年份 专利申请数 专利授权数' over '发明 实用新型 外观设计' twice: each group a total column, then its leaves
        size = len(lower) // len(rest)
        runs = [lower[i * size:(i + 1) * size] for i in range(len(rest))]
        if all([zh(t) for t in run] == [zh(t) for t in runs[0]] for run in runs):
            return [*upper[:stubs], *(c for cell, run in zip(rest, runs) for c in [cell, *(group_leaf(cell, t) for t in run)])]
    if g <= 0 or not lower or len(lower) >= n_cols or stubs < 1 or len(rest) < g:
        return None
    best = _group_layouts(rest, lower, g)
    if best is None:
        return None
    chosen, sizes = best
    out = list(upper[:stubs])
    leaves = iter(lower)
    groups = iter(sizes)
    for i, cell in enumerate(rest):
        if i in chosen:
            out += [f"{cell} {next(leaves)}" for _ in range(next(groups))]
        else:
            out.append(cell)
    return out


def group_leaf(group: str, leaf: str) -> str:
    """One column's label from its group and leaf: a kind of patent under a patent measure reads as the term does
    ('实用新型专利申请数'), other leaves follow their group ('当月 发明')."""
    if zh(leaf) in tw.PATENT_KINDS and zh(group).startswith("专利"):
        return f"{zh(leaf)}{zh(group)}"
    return f"{group} {leaf}"


_TOTAL_LEAF = re.compile(r"总计|合计|小计|总数")


def _compositions(n: int, g: int) -> list[tuple[int, ...]]:
    """The ways to cut n cells into g runs of one cell or more."""
    if g == 1:
        return [(n,)]
    return [(k, *rest) for k in range(1, n - g + 2) for rest in _compositions(n - k, g - 1)]


def _layout_score(rest: list[str], chosen: tuple[int, ...], sizes: tuple[int, ...], lower: list[str]) -> int:
    """How well g group heads over runs of leaves read: group words ('职务', '当月', '2022年'), a run that ends
    in its group's total ('职务总计', '合计'), runs that repeat the first run's leaves, runs of one size."""
    score = 2 * sum(bool(GROUP_CELL.match(zh(rest[i]))) for i in chosen)
    runs, at = [], 0
    for k in sizes:
        runs.append([zh(t) for t in lower[at:at + k]])
        at += k
    for i, run in zip(chosen, runs):
        head = zh(rest[i])
        if len(run) > 1 and (head and head in run[-1] or _TOTAL_LEAF.search(run[-1])):
            score += 2
    score += 2 * sum(len(run) > 1 and run[:len(runs[0])] == runs[0] for run in runs[1:])
    return score + (len(set(sizes)) == 1)


def _group_layouts(rest: list[str], lower: list[str], g: int) -> tuple[tuple[int, ...], tuple[int, ...]] | None:
    """Which g of the upper cells head groups and how many leaves each takes: the best-reading layout
    (`_layout_score`); of equal ones the even split with the group words first, as printed; None when
    layouts of unequal runs tie (the labels would be a guess)."""
    if len(rest) > 10 or len(lower) > 24:
        return None
    scored = [(_layout_score(rest, chosen, sizes, lower), chosen, sizes)
              for chosen in combinations(range(len(rest)), g) for sizes in _compositions(len(lower), g)]
    top = max(score for score, _, _ in scored)
    best = [(chosen, sizes) for score, chosen, sizes in scored if score == top]
    even = [(c, z) for c, z in best if len(set(z)) == 1]
    if even:
        first = sorted(range(len(rest)), key=lambda i: (-bool(GROUP_CELL.match(zh(rest[i]))), i))[:g]
        return next(((c, z) for c, z in even if list(c) == sorted(first)), even[0])
    return best[0] if len(best) == 1 else None


_BRACKETED = re.compile(r"[(（][^)）]*[)）]")
_NOTE_YEAR = re.compile(r"((?:19|20)\d\d)\s*年")


def head_key(text: str) -> str:
    """A header cell as a note names it: its Chinese words without the bracketed unit ('常住人口 (万人)' -> 常住人口)."""
    return zh(_BRACKETED.sub("", text))


def column_note_years(lines: list[str], table: Table, lookahead: int = 3) -> dict[str, int]:
    """Notes printed under a table that date one of its columns ('常住人口:数据来自于…2024年…统计公报'): the
    column's key and the one year the note names."""
    keys = {head_key(h) for h in table.header if head_key(h)}
    out: dict[str, int] = {}
    seen = 0
    inside = [texts[0] for row in table.body[-lookahead:] if len(texts := [c.text for c in row if c.text]) == 1]
    for line in [*inside, *lines[table.end_line:]]:   # a note row read into the table, then the lines below
        text = line.strip().strip("|").strip()
        if not text:
            continue
        seen += 1
        if seen > lookahead + len(inside) or len(text) > 120:
            break
        head, sep, rest = (re.split(r"([:：])", text, maxsplit=1) + ["", ""])[:3]
        years = set(_NOTE_YEAR.findall(rest))
        if sep and zh(head) in keys and len(years) == 1:
            out[zh(head)] = int(years.pop())
    return out


def table_context(lines: list[str], table: Table, lookback: int = 3) -> None:
    """Read the table's unit ('单位：件') and whether it reports results from its caption and the lines just above."""
    texts = [table.caption or ""]
    i = table.start_line - 2
    while i >= 0 and len(texts) <= lookback:
        if lines[i].strip() and not FORM_FURNITURE.match(lines[i]):
            texts.append(lines[i])
        i -= 1
    if bilingual_header(table.header) or bilingual_stubs(table):
        table.results = True   # statistical yearbooks print headers and stubs in Chinese and English; plans do not
    # where a year may be read when the table and its title name none: the lines above, then the page's title
    table.column_years = column_note_years(lines, table)
    # the page's first lines; of a long one (a lead paragraph: '2023年四川省宜宾市…企业的专利拥有情况显示…') its start
    table.context = "\n".join([*texts[1:], *(ln if len(ln) <= 120 else ln[:40] for ln in lines[:5] if ln.strip())])
    for text in texts:
        if table.unit is None and (m := _UNIT_NOTE.search(text)):
            table.unit = m.group(1)
        if _RESULTS.search(text) and len(text.strip()) <= 60:
            table.results = True


def fill_merged(rows: list[list[Cell]], n_cols: int) -> list[list[Cell]]:
    """Empty leading cells of a body row take the value above (vertically merged cells).

    Only columns to the left of the first non-empty cell are filled: those are the merged
    category columns ('一级指标', '重点工作'); an empty value cell stays empty.
    """
    out: list[list[Cell]] = []
    for r, row in enumerate(rows):
        row = row + [Cell("", row[-1].line if row else 0) for _ in range(n_cols - len(row))]
        if r >= 2 and out:
            prev = out[-1]
            for c, cell in enumerate(row):
                if cell.text:
                    break
                if c < len(prev) and prev[c].text and c < n_cols - 1:
                    row[c] = Cell(prev[c].text, cell.line, filled=True)
        out.append(row)
    return out
