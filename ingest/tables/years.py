"""Year-column rows: a header ending in bare years ('项 目 1990 1995 2000'), rows ending in as many values, any spacing."""

from __future__ import annotations

import re

from ingest.errors import ParseError
from ingest.numbers import parse_cell_quantity
from ingest.tables.table import Cell, Table, find_caption
from ingest.text import clean_line, nfkc

_YEAR = re.compile(r"^(19|20)\d{2}年?$")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_UNIT_BRACKET = re.compile(r"^[（(][^（）()]{0,12}[）)]$")
_SENTENCE_END = re.compile(r"[。；;！？]")
MAX_LINE = 400        # characters: a longer line is prose
MAX_STUB_WORDS = 40   # words before the values: more is a sentence
_META = re.compile(r"表\s*号|备案|有效期|机关|文号|年报|年鉴|^单位")
MAX_PENDING = 3       # stub lines waiting for their values before the table is given up


def _words(line: str) -> list[str]:
    return clean_line(line).replace("\u3000", " ").split()


def _is_value(word: str) -> bool:
    try:
        parse_cell_quantity(word)
    except ParseError:
        return False
    return True


def header_years(line: str) -> tuple[list[str], list[str]] | None:
    """(stub header words, year words) of a line ending in two bare years or more, else None."""
    if len(line) > MAX_LINE or "|" in line or "｜" in line:
        return None
    words = _words(line)
    k = 0
    while k < len(words) and _YEAR.match(nfkc(words[len(words) - 1 - k])):
        k += 1
    if k < 2 or len(words) - k > 8 or any(_is_value(w) for w in words[: len(words) - k]):
        return None
    years = words[len(words) - k:]
    if len(set(years)) != k:
        return None
    return words[: len(words) - k], years


class _Stub:
    """A row stub built from wrapped lines: the Chinese words (with the unit bracket) and the English ones apart."""

    def __init__(self) -> None:
        self.zh: list[str] = []
        self.en: list[str] = []
        self.lines: list[int] = []

    def add(self, words: list[str], line_no: int) -> None:
        for w in words:
            if _CJK.search(w) or (_UNIT_BRACKET.match(w) and not any(_UNIT_BRACKET.match(z) for z in self.zh)
                                  and not re.search(r"[A-Za-z]", w)):
                self.zh.append(w)
            else:
                self.en.append(w)
        self.lines.append(line_no)

    @property
    def text(self) -> str:
        zh = "".join(self.zh)
        return f"{zh} {' '.join(self.en)}".strip() if self.en else zh

    @property
    def chinese(self) -> bool:
        return bool(self.zh)


def _split_row(line: str, k: int) -> tuple[list[str], list[str]] | None:
    """(stub words, k value words) of a row line, else None."""
    words = _words(line)
    if len(words) < k or len(line) > MAX_LINE:
        return None
    values = words[len(words) - k:]
    if not all(_is_value(w) for w in values):
        return None
    stub = words[: len(words) - k]
    if len(stub) > MAX_STUB_WORDS or _SENTENCE_END.search(" ".join(stub)):
        return None
    return stub, values


def _translation(split: tuple[list[str], list[str]], above: tuple["_Stub", list[Cell]]) -> bool:
    """A row with an English stub under a Chinese one, repeating its values or giving shares in per cent."""
    stub, values = split
    if any(_CJK.search(w) for w in stub) or not above[0].chinese:
        return False
    return values == [c.text for c in above[1]] or all(v.endswith("%") for v in values)


def _trailing_values(line: str) -> int:
    n = 0
    for w in reversed(_words(line)):
        if not _is_value(w):
            break
        n += 1
    return n


def parse_year_tables(lines: list[str], skip: set[int] | None = None) -> list[Table]:
    """Every header ending in k bare years followed by rows ending in k values (separated by any spaces).

    The stub is everything before the values: its Chinese words are joined without spaces
    ('项 目' is 项目), English words are kept after them. A line without values continues the
    row above when it is indented or has no Chinese (a wrapped stub or its translation); else it
    starts the next row's stub. A row with fewer values is reported, not guessed. Two blank
    lines, a sentence or a line of other values end the table.
    """
    skip = skip or set()
    tables: list[Table] = []
    i, n = 0, len(lines)
    while i < n:
        head = header_years(lines[i]) if i + 1 not in skip else None
        if head is None:
            i += 1
            continue
        start = i
        stub_head, years = head
        k = len(years)
        header = [Cell("".join(w for w in stub_head if _CJK.search(w)) + (" " if stub_head else "")
                       + " ".join(w for w in stub_head if not _CJK.search(w)), i + 1)]
        header[0].text = header[0].text.strip()
        header += [Cell(y, i + 1) for y in years]
        used = {i + 1}
        leaves = _leaves_below(lines, i, k, skip)
        if leaves is not None:   # '2022年 2023年' over '申请 授权 申请 授权': the years head groups of columns
            from ingest.tables.table import spread_header

            spread = spread_header([header[0].text or "项目", *years], leaves, 1 + len(leaves), 1)
            if spread is not None:
                header = [header[0], *(Cell(t, i + 2) for t in spread[1:])]
                k = len(leaves)
                i += 1
                used.add(i + 1)
        rows: list[tuple[_Stub, list[Cell]]] = []
        pending: _Stub | None = None
        warnings: list[tuple[int, str]] = []
        blanks = 0
        i += 1
        while i < n and i + 1 not in skip:
            raw = lines[i]
            if not raw.strip():
                blanks += 1
                if blanks >= 2:
                    break
                i += 1
                continue
            blanks = 0
            split = _split_row(raw, k)
            if split is not None and split[0] and not pending and rows and _translation(split, rows[-1]):
                rows[-1][0].add(split[0], i + 1)   # the English (or percent) row printed under a Chinese one
                used.add(i + 1)
            elif split is not None and split[0] and _is_value(split[0][-1]) and not _YEAR.match(nfkc(split[0][-1])):
                break   # more values than the header has columns: not a row of this table
            elif split is not None and (split[0] or pending):
                stub_words, values = split
                stub = pending or _Stub()
                stub.add(stub_words, i + 1)
                pending = None
                rows.append((stub, [Cell(v, i + 1) for v in values]))
                used.update(stub.lines)
            elif (got := _trailing_values(raw)) > 0 and len(_words(raw)) > got:
                if got > k or _YEAR.match(nfkc(_words(raw)[-1])):
                    break
                warnings.append((i + 1, f"table row has {got} values, the header has {k} years; "
                                        "the row was not read — check the table in the source"))
                used.add(i + 1)
            elif _SENTENCE_END.search(raw) or len(raw) > MAX_LINE:
                break
            else:
                words = _words(raw)
                indented = raw[:1].isspace()
                if rows and pending is None and (indented or not _CJK.search(raw)):
                    rows[-1][0].add(words, i + 1)
                    used.add(i + 1)
                elif pending is None or len(pending.lines) < MAX_PENDING:
                    pending = pending or _Stub()
                    pending.add(words, i + 1)
                else:
                    break
            i += 1
        if len(rows) < 2:
            i = start + 1
            continue
        body = [[Cell(stub.text, cells[0].line), *cells] for stub, cells in rows]
        caption, caption_line = find_caption(lines, start)
        tables.append(Table(layout="years", start_line=start + 1, end_line=max(used), rows=[header, *body],
                            caption=clean_line(caption).strip() if caption else None, caption_line=caption_line,
                            lines=used, warnings=warnings))
        i = max(used)
    return tables


def _leaves_below(lines: list[str], at: int, k: int, skip: set[int]) -> list[str] | None:
    """The line under a header of k years, when it holds n*k (n >= 2) word cells and no value: the leaves
    each year heads ('申请 授权 申请 授权')."""
    if at + 1 >= len(lines) or at + 2 in skip:
        return None
    words = _spaced_joined(_words(lines[at + 1]))
    if len(words) < 2 * k or len(words) % k or any(_is_value(w) for w in words):
        return None
    return words if all(_CJK.search(w) for w in words) else None


def _row_split(line: str) -> tuple[list[str], list[str]] | None:
    """(stub words, value words) of a line 'stub v1 v2 …' with two values or more, else None."""
    if len(line) > MAX_LINE or "|" in line:
        return None
    got = _trailing_values(line)
    words = _words(line)
    if got == len(words) and got >= 3 and _YEAR.match(nfkc(words[0])):
        return words[:1], words[1:]   # a yearbook row: the year, then its values ('1987 305 84 206 …')
    if got < 2 or got == len(words):
        return None
    stub = words[: len(words) - got]
    if len(stub) > 8 or _SENTENCE_END.search(" ".join(stub)) or not any(_CJK.search(w) for w in stub):
        return None
    return stub, words[len(words) - got:]


def _header_above(lines: list[str], start: int, k: int, skip: set[int]) -> tuple[list[Cell], list[str], int] | None:
    """The header of rows found first: the k (+1 for the stub) Chinese lines above them, one cell a line, English
    lines between them left out, or one line of k (+1) words. Returns (cells, lines above them, first line)."""
    cands: list[tuple[int, str]] = []
    i = start - 1
    while i >= 0 and len(cands) < 3 * (k + 1) + 12 and i + 1 not in skip:
        text = clean_line(lines[i]).strip()
        if text:
            if not _CJK.search(text) and re.search(r"[A-Za-z]", text) and len(text) <= 200:
                i -= 1
                continue   # a header's English translation line (yearbooks), however long
            if len(text) > 60 or _SENTENCE_END.search(text):
                break
            cands.insert(0, (i + 1, text))
        i -= 1
    if cands:
        words = _spaced_joined(_words(cands[-1][1]))
        if len(cands) >= 2 and len(words) == k and _groups_above(cands[-2][1], words):
            two = _two_line_header(cands[-2][1], cands[-1][1], k)
            if two is not None:   # '地区 当月 累计' over '发明 实用新型 … 发明 实用新型 … 合计'
                return [Cell(t, cands[-1][0]) for t in two], [t for _, t in cands[:-2]], cands[-2][0]
        if len(words) in (k, k + 1) and not any(_is_value(w) and not _YEAR.match(nfkc(w)) for w in words) \
                and any(_CJK.search(w) for w in words):   # bare years head columns too: '地区 2020 2019 … 增长率'
            cells = [Cell(w, cands[-1][0]) for w in words]
            return ([Cell("", cands[-1][0])] if len(words) == k else []) + cells, [t for _, t in cands[:-1]], cands[-1][0]
    if len(cands) >= 2:
        two = _two_line_header(cands[-2][1], cands[-1][1], k)
        if two is not None:
            return [Cell(t, cands[-1][0]) for t in two], [t for _, t in cands[:-2]], cands[-2][0]
    worded = [t for _, t in cands if _CJK.search(t) and not _META.search(t) and not _YEAR.match(nfkc(t))]
    if len(worded) >= 2:   # two Chinese header lines with English translation lines after them (yearbooks)
        at = max(n for n, t in cands if t == worded[-2])
        two = _two_line_header(worded[-2], worded[-1], k)
        if two is not None:
            return [Cell(t, at) for t in two], [t for n, t in cands if n < at], at
    chinese = [(n, t) for n, t in cands if _CJK.search(t) and not _YEAR.match(nfkc(t))]
    if len(chinese) < k:
        return None
    head = chinese[-(k + 1):] if len(chinese) > k else [(chinese[0][0], ""), *chinese]
    first = head[0][0] if head[0][1] else head[1][0]
    above = [t for n, t in cands if n < first]
    years = [t for n, t in cands if n >= first and _YEAR.match(nfkc(t))]
    cells = [Cell(_english_dropped(t), n) for n, t in head]
    return cells, above + years, first


def _groups_above(upper_line: str, leaves: list[str]) -> bool:
    """Whether the line above a header of leaf cells heads groups of them: it opens with the stub's head
    ('地区 当月 累计') or the leaves repeat (发明 … 发明), so one line alone cannot name the columns."""
    from ingest.tables.table import STUB_HEAD, zh

    upper = _spaced_joined(_words(upper_line))
    if len(upper) < 2 or any(_is_value(w) for w in upper):
        return False
    return bool(STUB_HEAD.match(zh(nfkc(upper[0])))) or len(set(leaves)) < len(leaves)


def _cell_splits(line: str) -> list[list[str]]:
    """Ways to cut a header line into cells: at any space (letter-spaced words joined), or at single spaces only
    with a wider gap kept inside a cell ('实用  新型' is one cell wrapped in the page, '当年  累计' too)."""
    text = clean_line(line).replace("\u3000", " ").strip()
    single = [re.sub(r"\s+", "", part) for part in re.split(r"(?<=\S) (?=\S)", text)]
    return [_spaced_joined(_words(line)), single]


def _two_line_header(upper_line: str, lower_line: str, k: int) -> list[str] | None:
    """A header of two lines above rows of k values: the upper one's groups spread over the lower one's cells."""
    from ingest.tables.table import spread_header

    for upper in _cell_splits(upper_line):
        for lower in _cell_splits(lower_line):
            if any(_is_value(c) for c in upper + lower) or not all(_CJK.search(c) for c in lower):
                continue
            spread = spread_header(upper, lower, k + 1, 1)
            if spread is not None:
                return spread
    return None


def _spaced_joined(words: list[str]) -> list[str]:
    """Letter-spaced words as one: runs of single Chinese characters ('地  区' -> '地区', '项 目' -> '项目')."""
    out: list[str] = []
    run = False
    for w in words:
        single = len(w) == 1 and bool(_CJK.match(w))
        if single and run:
            out[-1] += w
        else:
            out.append(w)
        run = single
    return out


def _english_dropped(text: str) -> str:
    """'发明 invention' -> '发明' (a header cell with its translation)."""
    return " ".join(w for w in text.split() if _CJK.search(w) or not re.search(r"[A-Za-z]", w)) or text


# the head of a stub column in a header line: place, serial, kind ('序号 地区 专利类型 职务发明 …')
_STUB_COLUMN_HEAD = re.compile(r"^(序号|编号|排名|地区|地市|区域|市州|县区|区县|县市区|城市|单位|项目|指标|名称|.{1,6}类型|类别|分类)"
                               r"(\(.*\))?$")


def _stub_columns(lines: list[str], start: int, k: int, rows: list[list[Cell]], stub_words: list[list[str]],
                  skip: set[int]) -> tuple[tuple[list[Cell], list[str], int], list[list[Cell]]] | None:
    """Rows whose stub spans s columns under a header line of s stub heads and k value heads ('序号 地区 专利类型
    职务发明 非职务发明 合计(件)' over '1 呼和浩特市 发明 218 3 221' and '实用新型 250 26 276'): each row's stub words go to
    the stub columns from the right, the empty ones left of them take the row above's (merged cells)."""
    j = start - 1
    while j >= 0 and not lines[j].strip():
        j -= 1
    if j < 0 or j + 1 in skip:
        return None
    words = _spaced_joined(_words(clean_line(lines[j])))
    s = len(words) - k
    if s < 2 or any(_is_value(w) for w in words) or not all(_STUB_COLUMN_HEAD.match(nfkc(w)) for w in words[:s]):
        return None
    if any(len(ws) > s for ws in stub_words):
        return None
    out: list[list[Cell]] = []
    for row, ws in zip(rows, stub_words):
        line = row[0].line
        own = [Cell(w, line) for w in ws]
        carried = [Cell(c.text, line, filled=True) for c in (out[-1][:s - len(own)] if out else [])]
        pad = [Cell("", line) for _ in range(s - len(own) - len(carried))]
        out.append([*pad, *carried, *own, *row[1:]])
    header = [Cell(w, j + 1) for w in words]
    above = [clean_line(ln).strip() for ln in lines[max(0, j - 4):j] if ln.strip()]
    return (header, above, j + 1), out


def parse_value_rows(lines: list[str], skip: set[int] | None = None) -> list[Table]:
    """Rows found before their header: three lines or more of a Chinese stub and the same count k (≥ 2) of values
    ('北京 beijing 28774 32616 9686 71076'); the header is read above them (`_header_above`); without one the
    rows are reported, not guessed."""
    from ingest.tables.table import results_words

    skip = skip or set()
    tables: list[Table] = []
    i, n = 0, len(lines)
    while i < n:
        split = _row_split(lines[i]) if i + 1 not in skip else None
        if split is None:
            i += 1
            continue
        k = len(split[1])
        start = i
        rows: list[list[Cell]] = []
        stub_words: list[list[str]] = []
        while i < n and i + 1 not in skip:
            split = _row_split(lines[i])
            if split is None or len(split[1]) != k:
                if lines[i].strip() == "" and i + 1 < n and (nxt := _row_split(lines[i + 1])) and len(nxt[1]) == k:
                    i += 1
                    continue
                break
            stub = _Stub()
            stub.add(split[0], i + 1)
            rows.append([Cell(stub.text, i + 1), *[Cell(v, i + 1) for v in split[1]]])
            stub_words.append(split[0])
            i += 1
        if len(rows) < 3:
            i = start + 1
            continue
        partial: list[int] = []   # rows right above with fewer values: their empty cells were lost, they are not read
        while start - 1 >= 0 and start not in skip and (p := _row_split(lines[start - 1])) and 2 <= len(p[1]) < k \
                and bool(_YEAR.match(nfkc(p[0][0]))) == bool(_YEAR.match(nfkc(rows[0][0].text))):
            start -= 1
            partial.append(start + 1)
        found = _header_above(lines, start, k, skip)
        if found is None and (stubbed := _stub_columns(lines, start, k, rows, stub_words, skip)) is not None:
            found, rows = stubbed
        if found is None:
            continue
        header, above, first = found
        caption = next((t for t in reversed(above) if _CJK.search(t) and re.search(r"量|数|额|率", t)
                        and not _META.search(t)), None) or \
            next((t for t in reversed(above) if _CJK.search(t) and re.search(r"情况|状况|统计", t)
                  and not _META.search(t)), None)
        table = Table(layout="rows", start_line=first, end_line=i, rows=[header, *rows], caption=caption,
                      lines=set(range(first, i + 1)), notes="\n".join(above),
                      warnings=[(ln, f"table row has fewer values than the {k} columns (empty cells lost in the "
                                     "text): not read — check the table in the source") for ln in sorted(partial)])
        table.results = results_words(table.notes)
        tables.append(table)
    return tables
