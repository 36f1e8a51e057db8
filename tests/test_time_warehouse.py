"""Issue 20 in the warehouse: periods and reasons in the export, part-years kept apart, period totals, the time checks."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from tests.conftest import query, run_cli

DOCS = {
    # a dated news item: a quarter and a whole year
    "hz_news_2022q1": "杭州市知识产权局\n发布日期：2022年04月28日\n一季度，杭州市专利授权量达到12,345件。\n"
                      "2021年，杭州市专利授权量达到45,678件。\n",
    # a plan: two period totals, never annual, no growth rate between them
    "hz_plan_14fyp": "杭州市知识产权“十四五”规划\n发布日期：2021年12月30日\n"
                     "“十三五”期间，杭州市知识产权质押融资金额累计达到20.04亿元。\n"
                     "“十四五”期间，杭州市知识产权质押融资金额累计达到50亿元以上。\n",
    # a report whose table plans a year it reports achieved, and states an actual after its own date
    "nb_report_2022": "宁波市知识产权工作报告\n发布日期：2022年03月01日\n"
                      "指标名称 | 2020年目标值 | 2023年实际值 |\n专利授权量（件） | 40000 | 50000 |\n"
                      "2020年，宁波市专利授权量达到41,000件。\n",
}


@pytest.fixture(scope="module")
def time_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("time_docs")
    for name, text in DOCS.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    db = tmp_path_factory.mktemp("time_db") / "ipbench.duckdb"
    run_cli("ingest", str(folder), db=db, check=True)
    run_cli("build", db=db, check=True)
    return db


def test_export_appends_the_period_and_the_reason(time_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "obs.csv"
    run_cli("export", "observations", "--out", str(out), db=time_db, check=True)
    with open(out, encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0])[18:22] == ["metric_name", "region_source", "time_period", "kind_reason"]
    [q1] = [r for r in rows if r["raw_value"] == "12,345"]
    assert (q1["year"], q1["value_kind"], q1["time_period"], q1["metric_id"]) == ("2022", "actual", "2022-Q1", "patent_grants")
    assert q1["kind_reason"] == "actual: 一季度 (document dated 2022-04) (line 3)"


def test_part_of_a_year_stays_out_of_the_value_mart(time_db: Path) -> None:
    observed = query(time_db, "select time_period, is_part_of_year from main.fct_indicator_observation "
                              "where document_id = 'hz_news_2022q1' and metric_id = 'patent_grants' order by year")
    assert observed == [("2021", False), ("2022-Q1", True)]
    values = query(time_db, "select year, time_period, value from main.fct_indicator_value "
                            "where region_code = '330100' and metric_id = 'patent_grants' order by year")
    assert values == [(2021, "2021", 45678.0)]


def test_period_totals_are_their_own_basis_and_get_no_growth_rate(time_db: Path) -> None:
    totals = query(time_db, "select year, value_kind, basis, time_period, period_start, period_end, value "
                            "from main.fct_indicator_value where region_code = '330100' "
                            "and metric_id = 'ip_pledge_financing' order by year")
    assert totals == [(2020, "actual", "cumulative", "2016/2020", 2016, 2020, 20.04),
                      (2025, "target", "cumulative", "2021/2025", 2021, 2025, 50.0)]
    bench = query(time_db, "select baseline_value, target_value, absolute_change, cagr from main.mart_region_benchmark "
                           "where region_code = '330100' and metric_id = 'ip_pledge_financing'")
    assert bench == [(20.04, 50.0, None, None)]


def test_time_checks_flag_an_actual_after_its_document_and_a_past_target_reported_achieved(time_db: Path) -> None:
    rows = query(time_db, "select check_name, severity, year, value_kind from main.mart_quality_findings "
                          "where check_name like 'time_%' order by check_name")
    assert rows == [("time_actual_after_document", "error", 2023, "actual"),
                    ("time_target_reported_achieved", "error", 2020, "target")]
    [details] = query(time_db, "select details from main.mart_quality_findings "
                               "where check_name = 'time_target_reported_achieved'")[0:1]
    assert "41,000件 (line 5)" in details[0] and "40000" in details[0]
