"""Issue 25: read coverage — every number with a unit and every numeric table cell is a figure or listed as not read, with the reason."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import query, run_cli
from ingest import coverage
from ingest.document import parse_file
from ipbench_core import paths

# a user's own plan: one target in prose, a rank and a change, a phone number, and an indicator table no parser reads
HUZHOU = """湖州市知识产权发展“十四五”规划
到2025年，全市有效发明专利拥有量达到12000件。
全市排名第3位，较上年提高2个百分点。
联系电话：0572-2398888
主要指标一览
专利授权量 ; 8700 ; 12000
商标注册量 ; 56000 ; 90000
地理标志 ; 12 ; 20
"""


def _doc(tmp_path: Path) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    path = folder / "330500_huzhou_plan.txt"
    path.write_text(HUZHOU, encoding="utf-8")
    return path


def test_every_number_is_read_or_has_a_reason(tmp_path: Path) -> None:
    found = coverage.mentions(parse_file(_doc(tmp_path)))
    assert [(m.line_no, m.source_kind, m.text, m.is_read, m.reason) for m in found] == [
        (2, "prose", "12000件", True, None),
        (3, "prose", "2个百分点", True, None),  # read as a change figure
        (6, "table", "8700", False, "table_not_recognised"),
        (6, "table", "12000", False, "table_not_recognised"),
        (7, "table", "56000", False, "table_not_recognised"),
        (7, "table", "90000", False, "table_not_recognised"),
        (8, "table", "12", False, "table_not_recognised"),
        (8, "table", "20", False, "table_not_recognised"),
    ]
    assert coverage.share(found) == (8, 2, 0.25)


def test_serial_numbers_ranks_and_changes_are_told_apart(tmp_path: Path) -> None:
    path = tmp_path / "ranks.txt"
    path.write_text("2023年，全省专利授权量位列第5名，同比增长12.5%。\n", encoding="utf-8")
    found = coverage.mentions(parse_file(path))
    reasons = {m.text: (m.is_read, m.reason) for m in found}
    assert reasons["5名"] == (False, "rank")
    assert reasons["12.5%"][1] in (None, "change")  # a change: read as one, or listed as one
    bundled = coverage.mentions(parse_file(Path("ingest/corpus/002_14b18e93690c8172.txt")))
    assert sum(m.reason == "serial_number" for m in bundled) == 65  # the 序号 column of its task table
    assert coverage.share(bundled)[:2] == (82, 74)


@pytest.mark.process  # a whole ingest + build in subprocesses: not in `make test-fast`
def test_unread_table_block_in_summary_dim_document_and_findings(tmp_path: Path) -> None:
    db = tmp_path / "ipbench.duckdb"
    doc = _doc(tmp_path)
    ingest = run_cli("ingest", str(doc.parent), db=db, check=True)
    assert "read coverage: 2 of 8 numbers read as figures (25%)" in ingest.stderr
    assert " 25%  330500_huzhou_plan.txt: 6 of 8 numbers not read" in ingest.stderr
    run_cli("build", db=db, check=True)
    assert query(db, "select n_numbers, n_numbers_read, round(read_coverage, 4), n_table_cells_unread from main.dim_document") == [
        (8, 2, 0.25, 6)]
    findings = query(db, """
        select f.severity, f.details, s.document_id, s.source_line, s.source_text
        from main.mart_quality_findings f join main.mart_quality_finding_sources s using (finding_id)
        where f.check_name = 'coverage_unread_table'""")
    assert findings == [("warning", "Table-like rows on lines 6-8: 6 of 6 numeric cells not read (no table recognised)",
                         "330500_huzhou_plan", 6, "专利授权量 ; 8700 ; 12000")]
    # the app: the Sources page lists the unread numbers with the reason; the Quality page opens on the table finding
    from test_app_pages import open_page, table

    os.environ[paths.ENV_DB] = str(db)
    try:
        sources = open_page("views/sources.py", query={"doc": "330500_huzhou_plan"})
        unread = table(sources, "unread_330500_huzhou_plan")
        assert list(zip(unread["行号"], unread["数字"], unread["原因"])) == [
            (6, "8700", "表格未被识别"), (6, "12000", "表格未被识别"), (7, "56000", "表格未被识别"),
            (7, "90000", "表格未被识别"), (8, "12", "表格未被识别"), (8, "20", "表格未被识别")]
        quality = open_page("views/quality.py", lang="en")  # opens on the warning about the table: no figure to link
        assert any("Table\\-like rows on lines 6\\-8" in m.value for m in quality.markdown)  # escaped Markdown
        assert "> 专利授权量 ; 8700 ; 12000" in [m.value for m in quality.markdown] and "****" not in [m.value for m in quality.markdown]
        overview = open_page("views/overview.py", lang="en")
        docs = table(overview, "documents")
        assert list(zip(docs["document"], docs["read coverage %"], docs["numbers not read"])) == [("330500_huzhou_plan", 25.0, 6)]
    finally:
        del os.environ[paths.ENV_DB]
