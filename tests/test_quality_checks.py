"""Quality checks on planted fixtures: raw rows written to a fresh warehouse, built by the real dbt project.

Every check has a case where it must fire and a case where it must not (a unit-multiplier pair,
a basis-different pair, a qualifier pair, annual targets that add up). One warehouse holds all
cases, each in its own region or document so they cannot interfere.
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

# document_id: (region_code, region_name, level, doc_type, status, plan_id, period_start, period_end)
DOCUMENTS = {
    "p_nb_draft": ("330200", "宁波市", "city", "plan", "draft", "nb-plan", 2021, 2025),
    "p_nb_final": ("330200", "宁波市", "city", "plan", "final", "nb-plan", 2021, 2025),
    "p_wz_final": ("330300", "温州市", "city", "plan", "final", "wz-plan", 2021, 2025),
    "p_ra_final": ("330381", "瑞安市", "county", "work_plan", "final", "ra-plan", 2022, 2025),
    "p_yj_final": ("330324", "永嘉县", "county", "work_plan", "final", "yj-plan", 2022, 2025),
}

# (document_id, source_kind, table_no, source_line, label, key, raw_value, multiplier, raw_unit, year, kind,
#  qualifier, basis_hint, period_start, period_end, source_text)
FIGURES = [
    # Ningbo draft vs final: geographical indications 240 (draft) vs 376 (final) -> conflict_between_versions
    ("p_nb_draft", "prose", None, 3, "有效地理标志", "有效地理标志", "240", "", "件", 2020, "actual", "", "", None, None,
     "“十三五”期间，有效地理标志达到240件。"),
    ("p_nb_draft", "prose", None, 4, "知识产权质押融资金额", "知识产权质押融资金额", "600", "亿", "亿元", 2025, "target", "", "",
     None, None, "到2025年，知识产权质押融资金额达到600亿元。"),
    ("p_nb_final", "table", 1, 11, "地理标志有效量(件)", "地理标志有效量", "376", "", "件", 2020, "actual", "", "", None, None,
     "地理标志有效量(件) | 376 | 450 | 预期性 |"),
    ("p_nb_final", "table", 1, 11, "地理标志有效量(件)", "地理标志有效量", "450", "", "件", 2025, "target", "", "", None, None,
     "地理标志有效量(件) | 376 | 450 | 预期性 |"),
    ("p_nb_final", "table", 1, 12, "知识产权质押融资金额(亿元)", "知识产权质押融资金额", "602", "", "亿元", 2020, "actual", "", "",
     None, None, "知识产权质押融资金额(亿元) | 602 | 1000 | 预期性 |"),
    ("p_nb_final", "table", 1, 12, "知识产权质押融资金额(亿元)", "知识产权质押融资金额", "1000", "", "亿元", 2025, "target", "", "",
     None, None, "知识产权质押融资金额(亿元) | 602 | 1000 | 预期性 |"),
    # unit-multiplier pair: 2.5 万件 (table) and 25000 件 (prose) -> no conflict
    ("p_nb_final", "table", 1, 13, "作品著作权登记量(万件)", "作品著作权登记量", "2.5", "万", "万件", 2020, "actual", "", "", None,
     None, "作品著作权登记量(万件) | 2.5 | 4.2 | 预期性 |"),
    ("p_nb_final", "prose", None, 20, "作品著作权登记量", "作品著作权登记量", "25000", "", "件", 2020, "actual", "", "", None, None,
     "2020年，作品著作权登记量达25000件。"),
    ("p_nb_final", "table", 1, 14, "有效注册商标量(万件)", "有效注册商标量", "50", "万", "万件", 2020, "actual", "", "", None, None,
     "有效注册商标量(万件) | 50 | 60 | 预期性 |"),
    ("p_nb_final", "table", 1, 14, "有效注册商标量(万件)", "有效注册商标量", "60", "万", "万件", 2025, "target", "", "", None, None,
     "有效注册商标量(万件) | 50 | 60 | 预期性 |"),
    # basis-different pair: 1250 亿元 over 十三五 (cumulative) vs 602 亿元 in 2020 -> no conflict
    ("p_nb_final", "prose", None, 21, "知识产权质押融资金额", "知识产权质押融资金额", "1250", "亿", "亿元", 2020, "actual", "", "累计",
     2016, 2020, "“十三五”期间，全市知识产权质押融资金额累计达到1250亿元。"),
    # table 1000 vs prose 800 in one document -> conflict_within_document (the <b> must reach the report escaped)
    ("p_nb_final", "prose", None, 22, "知识产权质押融资金额", "知识产权质押融资金额", "800", "亿", "亿元", 2025, "target", "", "",
     None, None, "到2025年，知识产权质押融资金额达到<b>800亿元</b>。"),
    # Wenzhou: target below baseline -> direction; 40 件 among 万件 peers -> magnitude; 190 % and 1500 per 10k -> range
    ("p_wz_final", "table", 1, 11, "地理标志有效量(件)", "地理标志有效量", "50", "", "件", 2020, "actual", "", "", None, None,
     "地理标志有效量(件) | 50 | 40 | 预期性 |"),
    ("p_wz_final", "table", 1, 11, "地理标志有效量(件)", "地理标志有效量", "40", "", "件", 2025, "target", "", "", None, None,
     "地理标志有效量(件) | 50 | 40 | 预期性 |"),
    ("p_wz_final", "table", 1, 12, "有效注册商标量(万件)", "有效注册商标量", "35", "万", "万件", 2020, "actual", "", "", None, None,
     "有效注册商标量 | 35 | 40 | 预期性 |"),
    ("p_wz_final", "table", 1, 12, "有效注册商标量", "有效注册商标量", "40", "", "件", 2025, "target", "", "", None, None,
     "有效注册商标量 | 35 | 40 | 预期性 |"),
    ("p_wz_final", "table", 1, 13, "知识产权示范县（市、区）覆盖率(%)", "知识产权示范县市区覆盖率", "190", "", "%", 2025, "target",
     "", "", None, None, "知识产权示范县（市、区）覆盖率(%) | 70 | 190 | 预期性 |"),
    ("p_wz_final", "table", 1, 14, "每万人高价值发明专利拥有量(件)", "每万人高价值发明专利拥有量", "1500", "", "件", 2025, "target",
     "", "", None, None, "每万人高价值发明专利拥有量(件) | 10 | 1500 | 预期性 |"),
    ("p_wz_final", "table", 1, 15, "有效发明专利数量(件)", "有效发明专利数量", "30000", "", "件", 2025, "target", "", "", None, None,
     "有效发明专利数量(件) | 20000 | 30000 | 预期性 |"),
    # Rui'an: annual targets 300+300+350 = 950 -> totals info; >= 7.8 vs 7.8 -> no conflict;
    # 50000 valid invention patents > Wenzhou's 30000 -> hierarchy
    *[("p_ra_final", "table", 1, 30 + i, "发明专利授权量（件）", "发明专利授权量", value, "", "件", year, "target", "", "", None,
       None, "发明专利授权量（件） 300 300 350") for i, (year, value) in enumerate([(2022, "300"), (2023, "300"), (2024, "350")])],
    ("p_ra_final", "prose", None, 5, "发明专利授权量", "发明专利授权量", "950", "", "件", 2025, "target", "", "试点期内", 2022, 2025,
     "试点期内全市发明专利授权量达到950件；每万人高价值发明专利拥有量不低于7.8件。"),
    ("p_ra_final", "prose", None, 5, "每万人高价值发明专利拥有量", "每万人高价值发明专利拥有量", "7.8", "", "件", 2025, "target", ">=",
     "", None, None, "试点期内全市发明专利授权量达到950件；每万人高价值发明专利拥有量不低于7.8件。"),
    ("p_ra_final", "table", 1, 34, "每万人高价值发明专利拥有量（件）", "每万人高价值发明专利拥有量", "7.8", "", "件", 2025, "target", "",
     "", None, None, "每万人高价值发明专利拥有量（件） 7.8"),
    ("p_ra_final", "table", 1, 35, "有效发明专利数量（件）", "有效发明专利数量", "50000", "", "件", 2025, "target", "", "", None, None,
     "有效发明专利数量（件） 50000"),
    # Yongjia: 1+2+2 = 5, not the 8 stated -> totals warning; 新增 2万件 = the stock 20000 -> new_label;
    # 1000 < Wenzhou's 30000 -> no hierarchy; an unmapped indicator; an indicator table without figures
    *[("p_yj_final", "table", 1, 30 + i, "集体商标申请量（件）", "集体商标申请量", value, "", "件", year, "target", "", "", None,
       None, "集体商标申请量（件） 1 2 2") for i, (year, value) in enumerate([(2022, "1"), (2023, "2"), (2024, "2")])],
    ("p_yj_final", "prose", None, 5, "集体商标申请量", "集体商标申请量", "8", "", "件", 2025, "target", "", "试点期内", 2022, 2025,
     "试点期内集体商标申请量达8件。"),
    ("p_yj_final", "table", 1, 34, "有效注册商标量累计（件）", "有效注册商标量累计", "20000", "", "件", 2024, "target", "", "", None,
     None, "有效注册商标量累计（件） 20000"),
    ("p_yj_final", "prose", None, 6, "有效注册商标量", "有效注册商标量", "2", "万", "万件", 2024, "target", "", "新增", None, None,
     "2024年新增有效注册商标量2万件。"),
    ("p_yj_final", "table", 1, 35, "有效发明专利数量（件）", "有效发明专利数量", "1000", "", "件", 2025, "target", "", "", None, None,
     "有效发明专利数量（件） 1000"),
    ("p_yj_final", "prose", None, 7, "奇异指标数量", "奇异指标数量", "5", "", "个", 2025, "target", "", "", None, None,
     "到2025年，奇异指标数量达到5个。"),
]

# (document_id, table_no, caption, start_line, end_line, is_indicator, kind)
TABLES = [
    ("p_nb_final", 1, "表1 主要指标", 10, 15, True, "indicator"),
    ("p_wz_final", 1, "表1 主要指标", 10, 16, True, "indicator"),
    ("p_ra_final", 1, "附件 阶段性目标任务", 29, 36, True, "indicator"),
    ("p_yj_final", 1, "附件 阶段性目标任务", 29, 36, True, "indicator"),
    ("p_yj_final", 2, "附件3 空的指标表", 40, 45, True, "indicator"),
    ("p_yj_final", 3, "附件1 责任分解表", 50, 60, False, "task_list"),
]


def plant(db: Path) -> None:
    """Write the raw layer of the planted fixture into a new warehouse file."""
    with duckdb.connect(str(db)) as con:
        con.execute((paths.ROOT / "ingest" / "schema.sql").read_text(encoding="utf-8"))
        for doc_id, (code, name, level, doc_type, status, plan_id, start, end) in DOCUMENTS.items():
            con.execute(
                "insert into raw.documents (document_id, file_name, sha256, encoding, title, region_code, region_name,"
                " level, doc_type, status, plan_id, plan_period_start, plan_period_end, metadata_source, n_lines,"
                " ingested_at) values (?, ?, ?, 'utf-8', ?, ?, ?, ?, ?, ?, ?, ?, ?, 'catalog', 60, ?)",
                [doc_id, f"{doc_id}.txt", "0" * 64, f"{name}知识产权规划（{status}）", code, name, level, doc_type,
                 status, plan_id, start, end, NOW],
            )
            for line_no in range(1, 61):
                con.execute("insert into raw.document_lines (document_id, line_no, text) values (?, ?, ?)", [doc_id, line_no, f"第{line_no}行"])
        for doc_id, table_no, caption, start, end, is_indicator, kind in TABLES:
            con.execute(
                "insert into raw.tables values (?, ?, 'pipe', ?, ?, ?, ?, 3, 4, '指标 | 2020 | 2025 | 属性', ?, ?)",
                [doc_id, table_no, caption, start - 1, start, end, is_indicator, kind],
            )
        numbers: dict[str, int] = {}
        for (doc_id, source_kind, table_no, line, label, key, raw_value, multiplier, raw_unit, year, kind, qualifier,
             basis_hint, period_start, period_end, text) in FIGURES:
            numbers[doc_id] = numbers.get(doc_id, 0) + 1
            con.execute(
                "insert into raw.figures (document_id, figure_no, source_kind, table_no, source_line, indicator_label,"
                " indicator_key, raw_value, value_number, multiplier, raw_unit, year, value_kind, qualifier,"
                " basis_hint, period_start, period_end, source_text)"
                " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [doc_id, numbers[doc_id], source_kind, table_no, line, label, key, raw_value, float(raw_value),
                 multiplier, raw_unit, year, kind, qualifier, basis_hint or None, period_start, period_end, text],
            )


@pytest.fixture(scope="module")
def planted_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The planted fixture, built with `ipbench build` (dbt seed + build, all data tests)."""
    db = tmp_path_factory.mktemp("planted") / "ipbench.duckdb"
    plant(db)
    run_cli("build", db=db, check=True)
    return db


def findings(db: Path, check_name: str, **where: object) -> list[dict[str, object]]:
    """Findings of one check, as dicts, filtered by column equality."""
    sql = ('select finding_id, check_name, severity, region_code, metric_id, year, value_kind, basis, "values",'
           " document_ids, source_lines, details from main.mart_quality_findings where check_name = ?")
    params: list[object] = [check_name]
    for column, value in where.items():
        sql += f" and {column} = ?"
        params.append(value)
    cols = ["finding_id", "check_name", "severity", "region_code", "metric_id", "year", "value_kind", "basis",
            "values", "document_ids", "source_lines", "details"]
    return [dict(zip(cols, row)) for row in query(db, sql + " order by finding_id", params)]


def conflicts(db: Path, **where: object) -> list[dict[str, object]]:
    return [f for name in ("conflict_within_document", "conflict_between_versions", "conflict_between_documents")
            for f in findings(db, name, **where)]


# --- conflicts ---------------------------------------------------------------------------------------


def test_draft_and_final_disagreeing_is_a_version_conflict(planted_db: Path) -> None:
    [finding] = findings(planted_db, "conflict_between_versions", region_code="330200",
                         metric_id="geographical_indications")
    assert finding["severity"] == "warning"
    assert (finding["year"], finding["value_kind"], finding["basis"]) == (2020, "actual", "stock")
    assert finding["values"] == "240|376"
    assert finding["document_ids"] == "p_nb_draft|p_nb_final"
    assert finding["source_lines"] == "3|11"


def test_table_and_prose_disagreeing_in_one_document_is_an_error(planted_db: Path) -> None:
    [finding] = findings(planted_db, "conflict_within_document", region_code="330200", metric_id="ip_pledge_financing")
    assert finding["severity"] == "error"
    assert (finding["year"], finding["value_kind"]) == (2025, "target")
    assert finding["values"] == "1000|800"
    assert finding["document_ids"] == "p_nb_final|p_nb_final"
    assert finding["source_lines"] == "12|22"
    # and the draft's 600 disagrees with both final statements
    [versions] = findings(planted_db, "conflict_between_versions", region_code="330200", metric_id="ip_pledge_financing")
    assert versions["values"] == "600|1000|800"
    assert versions["document_ids"] == "p_nb_draft|p_nb_final|p_nb_final"


def test_unit_multiplier_pair_is_not_a_conflict(planted_db: Path) -> None:
    values = query(planted_db, "select value from main.fct_indicator_observation where region_code = '330200'"
                               " and metric_id = 'copyright_registrations' and year = 2020")
    assert sorted(v for (v,) in values) == [25000.0, 25000.0]
    assert conflicts(planted_db, metric_id="copyright_registrations") == []


def test_basis_different_pair_is_not_a_conflict(planted_db: Path) -> None:
    bases = query(planted_db, "select basis, value from main.fct_indicator_observation where region_code = '330200'"
                              " and metric_id = 'ip_pledge_financing' and year = 2020 order by value")
    assert len({basis for basis, _ in bases}) == 2, f"the 1250 total must get its own basis: {bases}"
    assert conflicts(planted_db, metric_id="ip_pledge_financing", year=2020) == []


def test_at_least_value_equal_to_a_plain_value_is_not_a_conflict(planted_db: Path) -> None:
    qualifiers = query(planted_db, "select qualifier from main.fct_indicator_observation where region_code = '330381'"
                                   " and metric_id = 'high_value_invention_patents_per_10k' order by qualifier")
    assert [q for (q,) in qualifiers] == ["", ">="]
    assert conflicts(planted_db, region_code="330381") == []


# --- totals -----------------------------------------------------------------------------------------


def test_annual_targets_that_add_up_are_confirmed(planted_db: Path) -> None:
    [finding] = findings(planted_db, "totals", region_code="330381")
    assert finding["severity"] == "info"
    assert finding["metric_id"] == "invention_patent_grants"
    assert finding["values"] == "950|300|300|350"
    assert finding["source_lines"] == "5|30|31|32"
    assert "300 + 300 + 350 = 950" in str(finding["details"])


def test_annual_targets_that_do_not_add_up_are_a_warning(planted_db: Path) -> None:
    [finding] = findings(planted_db, "totals", region_code="330324")
    assert finding["severity"] == "warning"
    assert finding["metric_id"] == "collective_trademark_applications"
    assert finding["values"] == "8|1|2|2"
    assert "1 + 2 + 2 = 5" in str(finding["details"])


# --- hierarchy, direction, plausibility, coverage ---------------------------------------------------------


def test_county_exceeding_its_city_fires_hierarchy_and_a_smaller_one_does_not(planted_db: Path) -> None:
    found = findings(planted_db, "hierarchy", metric_id="valid_invention_patents")
    assert [(f["region_code"], f["values"], f["document_ids"]) for f in found] == [
        ("330381", "50000|30000", "p_ra_final|p_wz_final")]


def test_target_below_baseline_fires_direction_only_where_it_falls(planted_db: Path) -> None:
    found = findings(planted_db, "direction", metric_id="geographical_indications")
    assert [(f["region_code"], f["year"], f["values"]) for f in found] == [("330300", 2025, "50|40")]


def test_percentage_above_100_is_an_error_and_per_10k_above_1000_a_warning(planted_db: Path) -> None:
    found = {(f["metric_id"], f["severity"], f["values"]) for f in findings(planted_db, "plausibility_range")}
    assert found == {("ip_demo_county_coverage", "error", "190"),
                     ("high_value_invention_patents_per_10k", "warning", "1500")}


def test_value_missing_its_multiplier_is_flagged_and_its_peers_are_not(planted_db: Path) -> None:
    found = findings(planted_db, "plausibility_magnitude")
    assert [(f["region_code"], f["metric_id"], f["year"], f["values"]) for f in found] == [
        ("330300", "valid_trademarks", 2025, "40")]


def test_new_label_equal_to_the_stock_is_flagged(planted_db: Path) -> None:
    [finding] = findings(planted_db, "plausibility_new_label")
    assert (finding["region_code"], finding["metric_id"], finding["year"]) == ("330324", "valid_trademarks", 2024)
    assert finding["values"] == "20000|20000"
    assert finding["source_lines"] == "6|34"


def test_unmapped_indicator_and_empty_indicator_table_are_coverage_findings(planted_db: Path) -> None:
    unmapped = findings(planted_db, "coverage_unmapped")
    assert [(f["region_code"], f["severity"], f["source_lines"]) for f in unmapped] == [("330324", "info", "7")]
    assert "奇异指标数量" in str(unmapped[0]["details"])
    [empty] = findings(planted_db, "coverage_empty_table")
    assert (empty["region_code"], empty["severity"], empty["document_ids"]) == ("330324", "warning", "p_yj_final")
    assert query(planted_db, "select source_text from main.mart_quality_finding_sources where finding_id = ?",
                 [empty["finding_id"]]) == [("附件3 空的指标表 | 指标 | 2020 | 2025 | 属性",)]


def test_every_finding_quotes_each_of_its_sources(planted_db: Path) -> None:
    rows = query(planted_db, """
        select f.finding_id, f.document_ids, string_agg(s.document_id, '|' order by s.source_no),
               count(s.source_text)
        from main.mart_quality_findings f
        join main.mart_quality_finding_sources s using (finding_id)
        group by all""")
    assert rows
    for finding_id, document_ids, joined, n_texts in rows:
        assert document_ids == joined, finding_id
        assert n_texts == len(str(document_ids).split("|")), finding_id


# --- ipbench check ----------------------------------------------------------------------------------------


@pytest.mark.process  # a whole `ipbench` step in a subprocess: not in `make test-fast`
def test_check_fails_on_error_only_when_asked_and_writes_both_reports(planted_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "ipbench.duckdb"
    db.write_bytes(planted_db.read_bytes())
    relaxed = run_cli("check", db=db)
    assert relaxed.returncode == 0, relaxed.stderr
    assert "conflict_within_document" in relaxed.stdout
    strict = run_cli("check", "--fail-on", "error", db=db)
    assert strict.returncode == 1
    assert "error" in strict.stderr and "Traceback" not in strict.stderr

    report = (paths.reports_dir(db) / "quality_report.html").read_text(encoding="utf-8")
    assert (paths.reports_dir(db) / "data_docs" / "index.html").is_file()
    # both quoted sources of the within-document conflict, the markup in the source escaped
    assert "知识产权质押融资金额(亿元) | 602 | 1000 | 预期性 |" in report
    assert "到2025年，知识产权质押融资金额达到&lt;b&gt;800亿元&lt;/b&gt;。" in report
    assert "<b>800亿元</b>" not in report
    # 190 % is a finding about the document (plausibility_range), not a failed GX expectation: GX checks the
    # marts' integrity and passes on a correctly built warehouse
    assert 'id="check-plausibility_range"' in report
    assert "expectations passed" in report and 'class="badge fail"' not in report
    assert "Great Expectations expectation(s) failed" not in strict.stderr
    # annual targets that add up are confirmations (a passed check), not a listed problem; qualifiers are kept
    [confirmed] = findings(db, "totals", region_code="330381")
    [not_adding_up] = findings(db, "totals", region_code="330324")
    assert f'id="{confirmed["finding_id"]}"' not in report and "1 totals add up" in report
    assert f'id="{not_adding_up["finding_id"]}"' in report
    zh = (paths.reports_dir(db) / "quality_report.zh.html").read_text(encoding="utf-8")
    assert "数据质量报告" in zh and "同一文件内数值冲突 (conflict_within_document)" in zh
    assert "同一文件对同一指标给出了不能同时成立的数值（知识产权质押融资金额，2025年，目标值" in zh
    assert "到2025年，知识产权质押融资金额达到&lt;b&gt;800亿元&lt;/b&gt;。" in zh
    assert 'href="quality_report.html"' in zh and 'href="quality_report.zh.html"' in report


def test_gx_validates_in_batches_and_uniqueness_holds_across_them(planted_db: Path, tmp_path: Path) -> None:
    from expectations.check import open_marts, run_suites

    db = tmp_path / "ipbench.duckdb"
    db.write_bytes(planted_db.read_bytes())
    with duckdb.connect(str(db)) as con:  # a broken mart: one observation twice
        con.execute("insert into main.fct_indicator_observation select * from main.fct_indicator_observation"
                    " order by observation_id limit 1")
        n_rows = con.execute("select count(*) from main.fct_indicator_observation").fetchone()[0]
    con = open_marts(db, ["fct_indicator_observation"])
    try:
        outcomes, index = run_suites(con, tmp_path / "docs", batch_rows=10)
    finally:
        con.close()
    assert index is not None and index.is_file()
    [unique] = [o for o in outcomes if o.table == "fct_indicator_observation"
                and o.expectation == "expect_column_values_to_be_unique"]
    assert (unique.success, unique.unexpected_count, unique.rows) == (False, 2, n_rows)
    assert unique.batches == -(-n_rows // 10)
    assert all(o.success for o in outcomes if o.expectation != "expect_column_values_to_be_unique")


@pytest.mark.process  # a whole `ipbench` step in a subprocess: not in `make test-fast`
def test_check_on_a_warehouse_without_marts_is_a_one_line_error(tmp_path: Path) -> None:
    db = tmp_path / "ipbench.duckdb"
    plant(db)
    proc = run_cli("check", db=db)
    assert proc.returncode == 2
    assert "run `ipbench build` first" in proc.stderr
    assert "Traceback" not in proc.stderr
