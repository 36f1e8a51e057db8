"""Property-based tests: no text makes prose extraction or whole-document parsing raise anything but ParseError."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.document import parse_text
from ingest.errors import ParseError
from ingest.model import DocumentMeta
from ingest.prose import extract_prose

# the characters the parsers care about, so generated text hits their branches (not just random code points)
ALPHABET = st.sampled_from(list(
    "0123456789０１２３.,，。；;、:：|\t\n /%-—~()（）“”\"年到至在达超过不低于以上分别为是和及万亿件个家项元"
    "十三四五期间试点内全省市县区每人发明专利量数指标名称单位目标值实现完成备注累计当年度序号一二三两百千从提高的比增长"
    "杭州浙江省乐清征求意见稿規劃達\u200b\ufeff")) | st.characters(codec="utf-8")
TEXT = st.text(alphabet=ALPHABET, max_size=400)
LINES = st.lists(st.text(alphabet=ALPHABET, max_size=80), max_size=25)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@given(LINES, st.sets(st.integers(1, 30), max_size=5),
       st.tuples(st.none() | st.integers(1990, 2040), st.none() | st.integers(1990, 2040)))
@SETTINGS
def test_extract_prose_never_crashes(lines, skip, plan):
    try:
        figures = extract_prose(lines, skip, plan)
    except ParseError:
        return
    for f in figures:
        assert 1 <= f.source_line <= len(lines) and f.source_line not in skip
        assert f.value_kind in ("actual", "target") and f.qualifier in ("", ">=", "<=")
        assert f.raw_value


@given(TEXT, st.booleans())
@SETTINGS
def test_parse_text_raises_only_parse_error(text, with_catalog):
    meta = DocumentMeta(document_id="x", region_code="330100", region_name="杭州市", level="city",
                        status="final", plan_period_start=2021, plan_period_end=2025) if with_catalog else DocumentMeta("x")
    try:
        doc = parse_text(text, meta, "x.txt", "0" * 64, "utf-8")
    except ParseError:
        assert not with_catalog or True
        return
    n = len(doc.lines)
    for f in doc.figures:
        assert 1 <= f.source_line <= max(n, 1)
    for t in doc.tables:
        assert 1 <= t.start_line <= t.end_line
