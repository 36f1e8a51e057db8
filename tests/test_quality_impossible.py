"""Issue 25: findings for what cannot be true, on a small planted warehouse built by the real dbt project.

Overdue targets (到期未报告实际值), a period total among annual values, per-10k values impossible for
the region's population, unit slips 100× off their neighbours — each with a case that must fire
and one that must not, every region its own case.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pytest

from conftest import query, run_cli
from ipbench_core import paths

pytestmark = pytest.mark.process  # builds its own warehouse with `ipbench build`: not in `make test-fast`

NOW = dt.datetime(2026, 1, 1, 12, 0)

# document_id: (region_code, region_name, level)
DOCUMENTS = {
    "p_hz": ("330100", "杭州市", "city"),
    "p_xs": ("330109", "萧山区", "county"),
    "p_bj": ("330108", "滨江区", "county"),
    "p_yh": ("330110", "余杭区", "county"),
    "p_xh": ("330106", "西湖区", "county"),
}

# (document_id, line, label, raw_value, multiplier, raw_unit, year, kind)
FIGURES = [
    # Hangzhou: 2023 target met by a 2023 actual (not overdue); 2024 target without any 2024 actual (overdue);
    # a 2030 target (ahead); a 2025 "annual" target of 21000 next to 4000 and 4200 a year (a five-year sum)
    ("p_hz", 5, "发明专利授权量", "4000", "", "件", 2020, "actual"),
    ("p_hz", 6, "发明专利授权量", "4200", "", "件", 2021, "actual"),
    ("p_hz", 7, "发明专利授权量", "4500", "", "件", 2023, "target"),
    ("p_hz", 8, "发明专利授权量", "4600", "", "件", 2023, "actual"),
    ("p_hz", 9, "发明专利授权量", "5000", "", "件", 2024, "target"),
    ("p_hz", 10, "发明专利授权量", "21000", "", "件", 2025, "target"),
    ("p_hz", 11, "发明专利授权量", "9000", "", "件", 2030, "target"),
    # Hangzhou (11,936,010 residents): 70 per 10k implies 83,552 patents, but 8,355 are stated -> warning
    ("p_hz", 20, "每万人发明专利拥有量", "70", "", "件", 2020, "actual"),
    ("p_hz", 21, "有效发明专利数量", "8355", "", "件", 2020, "actual"),
    # Xiaoshan (2,011,699): 50 per 10k implies 10,058 and 10,000 are stated -> consistent
    ("p_xs", 20, "每万人发明专利拥有量", "50", "", "件", 2020, "actual"),
    ("p_xs", 21, "有效发明专利数量", "10000", "", "件", 2020, "actual"),
    # Binjiang (503,859): 12000 per 10k implies more patents than residents -> error
    ("p_bj", 20, "每万人高价值发明专利拥有量", "12000", "", "件", 2020, "actual"),
    # Yuhang: 15 万件 trademarks in 2020, then a 2030 target of 180000 "万件" (a count read with 万) -> 12,000x: a unit slip
    ("p_yh", 30, "有效注册商标量", "15", "万", "万件", 2020, "actual"),
    ("p_yh", 31, "有效注册商标量", "180000", "万", "万件", 2030, "target"),
    # Xihu: 10 万件 -> 15 万件 (2030): no slip
    ("p_xh", 30, "有效注册商标量", "10", "万", "万件", 2020, "actual"),
    ("p_xh", 31, "有效注册商标量", "15", "万", "万件", 2030, "target"),
]


def plant(db: Path) -> None:
    """Write the raw layer of the planted fixture into a new warehouse file."""
    with duckdb.connect(str(db)) as con:
        con.execute((paths.ROOT / "ingest" / "schema.sql").read_text(encoding="utf-8"))
        for doc_id, (code, name, level) in DOCUMENTS.items():
            con.execute(
                "insert into raw.documents (document_id, file_name, sha256, encoding, title, region_code, region_name,"
                " level, doc_type, status, plan_id, plan_period_start, plan_period_end, metadata_source, n_lines,"
                " ingested_at) values (?, ?, ?, 'utf-8', ?, ?, ?, ?, 'plan', 'final', ?, 2021, 2025, 'catalog', 40, ?)",
                [doc_id, f"{doc_id}.txt", "0" * 64, f"{name}知识产权规划", code, name, level, doc_id, NOW],
            )
            for line_no in range(1, 41):
                con.execute("insert into raw.document_lines (document_id, line_no, text) values (?, ?, ?)", [doc_id, line_no, f"第{line_no}行"])
        numbers: dict[str, int] = {}
        for doc_id, line, label, raw_value, multiplier, raw_unit, year, kind in FIGURES:
            numbers[doc_id] = numbers.get(doc_id, 0) + 1
            text = f"{label}{'达到' if kind == 'actual' else '目标'}{raw_value}{raw_unit}（{year}年）"
            con.execute(
                "insert into raw.figures (document_id, figure_no, source_kind, table_no, source_line, indicator_label,"
                " indicator_key, raw_value, value_number, multiplier, raw_unit, year, value_kind, qualifier,"
                " basis_hint, period_start, period_end, source_text)"
                " values (?, ?, 'prose', null, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', null, null, null, ?)",
                [doc_id, numbers[doc_id], line, label, label, raw_value, float(raw_value), multiplier, raw_unit, year, kind, text],
            )


@pytest.fixture(scope="module")
def planted_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("impossible") / "ipbench.duckdb"
    plant(db)
    run_cli("build", db=db, check=True)
    return db


def findings(db: Path, check_name: str) -> list[tuple]:
    return query(db, 'select region_code, severity, metric_id, year, value_kind, "values", source_lines, details'
                     " from main.mart_quality_findings where check_name = ? order by region_code, year, finding_id", [check_name])


def test_past_target_without_any_actual_is_overdue(planted_db: Path) -> None:
    found = [(r[0], r[1], r[2], r[3], r[5], r[6]) for r in findings(planted_db, "coverage_overdue_target")]
    # 2023 has an actual, 2030 is ahead; 2024 and 2025 are over with no actual anywhere
    assert found == [
        ("330100", "info", "invention_patent_grants", 2024, "5000", "9"),
        ("330100", "info", "invention_patent_grants", 2025, "21000", "10"),
    ]
    details = findings(planted_db, "coverage_overdue_target")[0][7]
    assert details == ("The 2024 target for 发明专利授权量 (5000 件) is past its year and no 2024 actual "
                       "is reported anywhere in the warehouse")
    status = query(planted_db, "select target_year, target_status, target_is_current from main.mart_region_benchmark"
                               " where region_code = '330100' and metric_id = 'invention_patent_grants'")
    assert status == [(2030, None, True)]  # the latest target is still ahead: a current goal


def test_period_total_among_annual_values_is_flagged(planted_db: Path) -> None:
    found = findings(planted_db, "totals_period_as_annual")
    assert [(r[0], r[1], r[2], r[3], r[5], r[6]) for r in found] == [
        ("330100", "warning", "invention_patent_grants", 2025, "4000|4200|4500|4600|5000|21000|9000", "5|6|7|8|9|10|11")]
    assert "is 4.6 times the median annual value of this metric within five years" in found[0][7]


def test_per_10k_value_impossible_for_the_population(planted_db: Path) -> None:
    found = findings(planted_db, "plausibility_per_10k")
    assert [(r[0], r[1], r[2], r[3], r[5]) for r in found] == [
        ("330100", "warning", "invention_patents_per_10k", 2020, "70|8355"),
        ("330108", "error", "high_value_invention_patents_per_10k", 2020, "12000"),
    ]
    assert "implies 83552 for the population of 11936010 (2020 actual), but the count stated is 8355" in found[0][7]
    assert "implies 604631 for the population of 503859, more than one per resident" in found[1][7]


def test_value_100_times_off_its_neighbours_is_a_unit_slip(planted_db: Path) -> None:
    found = findings(planted_db, "plausibility_scale")
    assert [(r[0], r[1], r[2], r[3], r[5]) for r in found] == [
        ("330110", "warning", "valid_trademarks", 2020, "150000"),
        ("330110", "warning", "valid_trademarks", 2030, "1800000000"),
    ]
    assert "180000万件 is over 100 times above the median of the other figures of this region and metric (1) (150000 件)" in found[1][7]
