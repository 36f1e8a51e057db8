"""Quality checks end to end on the bundled corpus: the findings verified by reading the documents."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from conftest import query, run_cli
from ipbench_core import paths

DRAFT, FINAL, YUEQING, LISHUI = "001_76172b86cc57f45a", "003_dfee1fc57d637dec", "002_14b18e93690c8172", "000_ff7f2218a23fba1b"
EXPORT_COLUMNS = ["check", "severity", "region_code", "metric_id", "year", "value_kind", "values", "document_ids",
                  "source_lines", "details"]


def finding(db: Path, where: str, params: list[object]) -> list[tuple]:
    return query(db, 'select check_name, severity, "values", document_ids, source_lines, details'
                     f" from main.mart_quality_findings where {where} order by finding_id", params)


def test_draft_and_final_geographical_indications_conflict(checked_db: Path) -> None:
    # 001 line 8: 有效地理标志…分别达到240件 ; 003 line 6: …376件 and table 2 line 50: 地理标志有效量(件) | 376
    rows = finding(checked_db, "region_code = '330000' and metric_id = 'geographical_indications' and year = 2020"
                               " and check_name like 'conflict_%'", [])
    assert [r[:5] for r in rows] == [
        ("conflict_between_versions", "warning", "240|376|376", f"{DRAFT}|{FINAL}|{FINAL}", "8|6|50")]


def test_draft_and_final_forestry_plant_varieties_conflict(checked_db: Path) -> None:
    # same sentence: 林业植物新品种 236个 (001 line 8) vs 263个 (003 line 6)
    rows = finding(checked_db, "region_code = '330000' and metric_id = 'forestry_plant_varieties'", [])
    assert [r[:5] for r in rows] == [("conflict_between_versions", "warning", "236|263", f"{DRAFT}|{FINAL}", "8|6")]
    # the agricultural varieties are 408个 in both versions
    assert finding(checked_db, "metric_id = 'agricultural_plant_varieties'", []) == []


def test_pledge_financing_target_600_in_draft_vs_1000_in_final(checked_db: Path) -> None:
    # 001 line 46: 到2025年，知识产权质押融资金额大幅提升，达到600亿元 ; 003 line 39: …达到1000亿元 ;
    # 003 table 2 line 51: 知识产权质押融资金额(亿元) | 602 | 1000
    rows = finding(checked_db, "region_code = '330000' and metric_id = 'ip_pledge_financing' and year = 2025"
                               " and check_name like 'conflict_%'", [])
    assert [r[:5] for r in rows] == [
        ("conflict_between_versions", "warning", "600|1000|1000", f"{DRAFT}|{FINAL}|{FINAL}", "46|39|51")]


def test_multiplier_basis_and_qualifier_pairs_are_not_conflicts(checked_db: Path) -> None:
    # 作品著作权年登记量达2.5万件 (prose) = 作品著作权登记量 | 万件 | 1.8 | 2.5 (table 1): equal in 件
    assert finding(checked_db, "metric_id = 'copyright_registrations' and check_name like 'conflict_%'", []) == []
    # 质押融资金额累计达到1250亿元 over 十三五 vs 602 亿元 in 2020: different basis
    assert finding(checked_db, "metric_id = 'ip_pledge_financing' and year = 2020 and check_name like 'conflict_%'",
                   []) == []
    # Yueqing: 不低于7.8件 (>=) and the annex's 7.8
    assert finding(checked_db, "region_code = '330382' and check_name like 'conflict_%'", []) == []


def test_yueqing_annual_targets_add_up_to_the_pilot_period_totals(checked_db: Path) -> None:
    # annex 2: 发明专利授权量 300 / 300 / 350 ; line 39: 试点期内全市发明专利授权量达到950件
    rows = finding(checked_db, "check_name = 'totals' and region_code = '330382' and metric_id = 'invention_patent_grants'",
                   [])
    assert [r[:5] for r in rows] == [("totals", "info", "950|300|300|350", "|".join([YUEQING] * 4), "39|360|361|362")]
    # 计算机软件等版权登记量 250 + 265 + 300 = 815 ; 知识产权质押融资授信额 8 + 10 + 12 = 30 亿元
    assert [r[2] for r in finding(checked_db, "check_name = 'totals' and metric_id = ?",
                                  ["copyright_registrations_incl_software"])] == ["815|250|265|300"]
    assert [r[2] for r in finding(checked_db, "check_name = 'totals' and metric_id = ?",
                                  ["ip_pledge_financing"])] == ["30|8|10|12"]
    # every Yueqing total in the corpus adds up: no false alarms
    severities = query(checked_db, "select severity, count(*) from main.mart_quality_findings"
                                   " where check_name = 'totals' group by all")
    assert dict(severities).keys() == {"info"} and dict(severities)["info"] >= 10


def test_lishui_new_geographical_indications_equal_the_stock(checked_db: Path) -> None:
    # table 1 line 74: 新增地理标志 件 / 63 (十三五) ; table 2 line 143: 地理标志数量（件） 63 (2020 baseline, 累计) ;
    # line 6: 地理标志拥有量达到63件
    rows = finding(checked_db, "check_name = 'plausibility_new_label' and metric_id = 'geographical_indications'", [])
    assert len(rows) == 1
    check, severity, values, document_ids, source_lines, _ = rows[0]
    assert (check, severity) == ("plausibility_new_label", "warning")
    assert set(values.split("|")) == {"63"}
    assert set(document_ids.split("|")) == {LISHUI}
    assert {"74", "143"} <= set(source_lines.split("|"))


def test_thirteenth_plan_targets_exceeded_are_not_direction_findings(checked_db: Path) -> None:
    # 003 table 1: 发明专利年授权量 “十三五”目标值 40000, 实际完成值 49888 — achieved, not a target set backwards
    assert finding(checked_db, "check_name = 'direction' and metric_id = 'invention_patent_grants'", []) == []


def test_reports_show_both_quoted_sources(checked_db: Path) -> None:
    reports = paths.reports_dir(checked_db)
    html = (reports / "quality_report.html").read_text(encoding="utf-8")
    assert "有效地理标志、农业、林业植物新品种分别达到240件、408个、236个" in html  # 001 line 8
    assert "有效地理标志、农业、林业植物新品种分别达到376件、408个、263个" in html  # 003 line 6
    assert "8 | 地理标志有效量(件) | 376 | 450 | 预期性" in html  # 003 line 50
    # 003 line 81: 年均增幅达到15%以上 is quoted with its qualifier, in the card and in the details
    assert '≥ 15 % <span class="raw">as written: ≥ 15%</span>' in html
    assert "target for 知识产权服务业营业收入年均增长率 (&gt;= 15 %) is below the 2020 baseline (22 %)" in html
    zh = (reports / "quality_report.zh.html").read_text(encoding="utf-8")
    assert "有效地理标志、农业、林业植物新品种分别达到240件、408个、236个" in zh
    assert "同一规划的不同版本（如征求意见稿与正式稿）给出了不同数值（地理标志数量，2020年，实际值" in zh
    assert (reports / "data_docs" / "index.html").is_file()
    assert any((reports / "data_docs").rglob("*.html"))


@pytest.mark.process  # a whole `ipbench` step in a subprocess: not in `make test-fast`
def test_check_summary_lists_findings_per_check_and_the_expectations(checked_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "ipbench.duckdb"
    db.write_bytes(checked_db.read_bytes())
    proc = run_cli("check", db=db)
    assert proc.returncode == 0, proc.stderr
    for text in ["conflict_between_versions", "totals", "fct_indicator_observation_suite", "mart_quality_findings_suite"]:
        assert text in proc.stdout


def test_export_conflicts_has_the_documented_columns(checked_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "conflicts.csv"
    proc = run_cli("export", "conflicts", "--out", str(out), db=checked_db)
    assert proc.returncode == 0, proc.stderr
    with out.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
        assert rows
    assert list(rows[0].keys()) == EXPORT_COLUMNS
    assert {row["check"] for row in rows} <= {"conflict_within_document", "conflict_between_versions",
                                              "conflict_between_documents"}
    gi = [row for row in rows if row["metric_id"] == "geographical_indications"]
    assert [(r["year"], r["value_kind"], r["values"], r["document_ids"], r["source_lines"]) for r in gi] == [
        ("2020", "actual", "240|376|376", f"{DRAFT}|{FINAL}|{FINAL}", "8|6|50")]
    n_conflicts = query(checked_db, "select count(*) from main.mart_quality_findings where check_name like 'conflict_%'")
    assert len(rows) == n_conflicts[0][0]


def test_demo_county_coverage_prose_vs_table_within_the_final_text(checked_db: Path) -> None:
    # 003 line 9: 76.4%的县(市、区)进入省级以上知识产权示范县 ; line 55: 知识产权示范县(市、区)覆盖率(%) | 77.5 | 90
    rows = finding(checked_db, "region_code = '330000' and metric_id = 'ip_demo_county_coverage'"
                               " and check_name = 'conflict_within_document'", [])
    assert [r[:5] for r in rows] == [("conflict_within_document", "error", "76.4|77.5", f"{FINAL}|{FINAL}", "9|55")]
