"""Infer a document's region, level, status, title and period from its text (for documents not in the catalog)."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ingest.numbers import five_year_plan_end
from ipbench import paths

_SUFFIXES = ("特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "自治州", "自治县", "省", "市", "区", "县")


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    level: str
    parent_code: str | None

    @property
    def short(self) -> str:
        for suffix in _SUFFIXES:
            if self.name.endswith(suffix) and len(self.name) - len(suffix) >= 2:
                return self.name[: -len(suffix)]
        return self.name


@lru_cache(maxsize=4)
def load_regions(path: Path = paths.REGIONS_SEED) -> tuple[Region, ...]:
    """Regions from the dbt seed (Zhejiang's divisions and China's provincial-level units)."""
    with open(path, encoding="utf-8") as fh:
        return tuple(
            Region(r["region_code"], r["name_zh"], r["level"], r.get("parent_code") or None)
            for r in csv.DictReader(fh)
        )


def infer_region(text: str, head_lines: int = 12) -> tuple[Region | None, str]:
    """The region a document is about, and how it was found ('title' or 'mentions').

    A name in the first lines (title, issuing office) wins; otherwise the most mentioned
    region, preferring the most specific level on ties. Short names (乐清, 杭州) count too.
    """
    regions = load_regions()
    head = "\n".join(text.split("\n")[:head_lines])[:600]
    rank = {"county": 0, "city": 1, "province": 2}
    best: tuple[int, int, Region] | None = None
    for r in regions:
        hits = head.count(r.name) + (head.count(r.short) if r.short != r.name else 0)
        if hits and (best is None or (rank[r.level], -hits) < (best[0], best[1])):
            best = (rank[r.level], -hits, r)
    if best:
        return best[2], "title"
    body = text[:20000]
    scored = []
    for r in regions:
        hits = body.count(r.name) + (body.count(r.short) if r.short != r.name else 0)
        if hits:
            scored.append((hits, -rank[r.level], r))
    if not scored:
        return None, ""
    scored.sort(key=lambda t: (t[0], t[1]), reverse=True)
    return scored[0][2], "mentions"


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
