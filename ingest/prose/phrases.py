"""Indicator phrases of prose figures: strip time words, connectors and verbs; subjects and list labels."""

from __future__ import annotations

import re

from ingest.model import Figure
from ingest.prose.quantities import _NUM, _VALUE_VERBS
from ingest.prose.timecontext import _FYP, _PERIOD_WITHIN, _RANGE, _TARGET_YEAR
from ingest.prose.changes import _CHANGE_TAIL


_LEAD_STRIP = re.compile(r"^(?:、|和|及|以及|并|其中|同时|其中,|全面|努力|进一步|力争|累计|共|建成|培育|实施|建设|开放|打造|新建|建有|形成|完成|实现|推动|支持|争取|确保|将|目前|此外|另外|据悉|目前拥有|拥有|截至|截止)+")

_TRAIL_VERB = re.compile(_VALUE_VERBS + r"+$")

_RIGHT_LABEL = re.compile(r"^(?:以上|左右)?(?:的)?(?P<label>[^,;。0-9]{2,40}?)(?=$|[,;。]|、?\d)")

_MEASURE_SUFFIX = re.compile(r"(总量|数量|拥有量|登记量|申请量|授权量|量|数|额|金额)$")

def _strip_label(text: str) -> tuple[str, str | None, str | None]:
    """Remove temporal markers, leading connectors and trailing verbs; return label, qualifier word, basis word."""
    s = _TARGET_YEAR.sub("", text)
    s = _FYP.sub("", s)
    s = _PERIOD_WITHIN.sub("", s)
    s = _RANGE.sub("", s)
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
    prev = None
    while prev != s:
        prev = s
        s = _LEAD_STRIP.sub("", s).strip(" ,、:：")
    return s, qual, basis

def _distribute_labels(label: str, n: int) -> list[str] | None:
    """'有效地理标志、农业、林业植物新品种' with 3 values -> three full labels (shared suffixes restored)."""
    items = [i for i in re.split(r"、|和|及", label) if i]
    if len(items) != n:
        return None
    last = items[-1]
    suffix = _MEASURE_SUFFIX.search(last)
    out = []
    for item in items[:-1]:
        if len(item) < len(last) and len(item) <= 3:
            out.append(item + last[len(item):])
        elif suffix and not _MEASURE_SUFFIX.search(item):
            out.append(item + suffix.group(1))
        else:
            out.append(item)
    return out + [last]

_PREDICATE = re.compile(r"(大幅|明显|显著|持续|稳步|进一步|不断|继续|快速|稳定)?(提升|提高|增长|增加|扩大|上升|优化|加强)$")

_NOT_A_SUBJECT = re.compile(r"(此后|之后|经过|通过|围绕|随着|为了|为|按照|根据|坚持|近年来|近两年|同时|此外|据悉|据了解|记者|其中|以|在)")

def _last_level(figures: list[Figure]) -> str | None:
    return next((f.indicator_label for f in reversed(figures) if f.value_kind != "change"), None)

def _last_subject(figures: list[Figure]) -> str | None:
    """The indicator the last figure is about: a change's label without its comparison
    ('有效注册商标数量比2015年增长了' -> '有效注册商标数量'), else the last level's."""
    if figures and figures[-1].value_kind == "change":
        base = _CHANGE_TAIL.sub("", figures[-1].indicator_label).strip(" ,、的")
        base = _LEAD_STRIP.sub("", base)
        if len(base) >= 2 and not _NOT_A_SUBJECT.match(base):
            return base
    return _last_level(figures)

def _continued(previous: str | None, before: str) -> str | None:
    """The paragraph's last indicator, for a number that names none; 累计 after 新增 is the running total."""
    if not previous:
        return None
    base = _CHANGE_TAIL.sub("", previous).strip(" ,、的") or None
    if base and "累计" in before and base.startswith("新增"):
        base = base[2:]
    return base if base and len(base) >= 2 else None

def subject_of(clause: str) -> str | None:
    """The noun phrase a clause is about, for a following clause that states only the number
    ('知识产权质押融资金额大幅提升，达到600亿元')."""
    if any(m.group("unit") or m.group("mult") for m in _NUM.finditer(clause)):
        return None
    if _NOT_A_SUBJECT.match(clause.strip()):
        return None
    label, _, _ = _strip_label(_PREDICATE.sub("", clause.strip()))
    return label if 2 <= len(label) <= 30 else None
