"""Figures on their own regions through the warehouse (issue 22): raw layer, marts, checks, export and app."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from ipbench_core import paths
from tests.conftest import query, run_cli

pytestmark = pytest.mark.process  # builds its own warehouse with `ipbench build`: not in `make test-fast`

HUNAN = """2023年湖南省各市州专利授权统计表
2023年，全国专利授权量达到364.9万件。
| 地区 | 专利授权量（件） | 发明专利授权量 |
| 长沙市 | 25000 | 8000 |
| 株洲 | 5000 | 900 |
| 湘西州 | 1000 | 100 |
| 其他 | 200 | 10 |
| 全省 | 31200 | 9500 |
"""
# the districts listed do not add up to the city's total, and 南昌县 is not in 长沙市
CHANGSHA = """2023年长沙市各区县专利授权统计表
| 区县 | 专利授权量（件） |
| 芙蓉区 | 3000 |
| 岳麓区 | 9000 |
| 长沙县 | 4000 |
| 浏阳市 | 1500 |
| 南昌县 | 700 |
| 全市 | 15000 |
"""


@pytest.fixture(scope="module")
def regions_db(ingested_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("figure_regions")
    db = root / "ipbench.duckdb"
    shutil.copy2(ingested_db, db)
    docs = root / "docs"
    docs.mkdir()
    (docs / "hunan_cities.txt").write_text(HUNAN, encoding="utf-8")
    (docs / "changsha_districts.txt").write_text(CHANGSHA, encoding="utf-8")
    run_cli("ingest", str(docs), db=db, check=True)
    run_cli("build", db=db, check=True)
    run_cli("check", db=db, check=True)
    return db


def test_observations_carry_the_figures_region(regions_db: Path) -> None:
    rows = query(regions_db, "select region_code, region_name, region_level, region_source, document_region_code, value "
                             "from fct_indicator_observation where document_id = 'hunan_cities' and metric_id = "
                             "'patent_grants' order by figure_no")
    assert rows == [
        ("430100", "长沙市", "city", "table_row", "430000", 25000.0),
        ("430200", "株洲市", "city", "table_row", "430000", 5000.0),
        ("433100", "湘西土家族苗族自治州", "city", "table_row", "430000", 1000.0),
        (None, None, None, "unassigned", "430000", 200.0),
        ("430000", "湖南省", "province", "table_row", "430000", 31200.0),
        ("000000", "中国", "national", "sentence", "430000", 3649000.0),   # 全国… in the province's text
    ]
    # the 其他 row is kept as an observation, never compared
    assert query(regions_db, "select count(*) from fct_indicator_value where document_id = 'hunan_cities' "
                             "and region_code is null") == [(0,)]


def test_benchmark_puts_a_bulletins_cities_beside_the_province_and_the_province_beside_the_country(regions_db: Path) -> None:
    rows = query(regions_db, "select region_code, parent_code, baseline_year, baseline_value, parent_baseline_value, "
                             "round(baseline_ratio_to_parent, 4) from mart_region_benchmark where metric_id = "
                             "'patent_grants' and region_code in ('000000', '430000', '430100', '430200', '433100') "
                             "order by region_code")
    assert rows == [
        ("000000", None, 2023, 3649000.0, None, None),
        ("430000", "000000", 2023, 31200.0, 3649000.0, 0.0086),
        ("430100", "430000", 2023, 25000.0, 31200.0, 0.8013),   # (its own table's 全市 row is a conflict finding)
        ("430200", "430000", 2023, 5000.0, 31200.0, 0.1603),
        ("433100", "430000", 2023, 1000.0, 31200.0, 0.0321),
    ]


def test_sub_region_totals_and_regions_outside_the_document_are_findings(regions_db: Path) -> None:
    totals = query(regions_db, "select region_code, severity, details from mart_quality_findings "
                               "where check_name = 'totals_subregions' order by region_code, details")
    # 发明专利授权量: three of Hunan's fourteen cities listed, below the total: a partial list, no finding
    assert [(c, s) for c, s, _ in totals] == [("430000", "info"), ("430100", "warning")]
    assert totals[0][2].startswith("Sub-regions add up to the total for 专利授权量 (table 1 of hunan_cities): "
                                   "3 sub-regions 25000 + 5000 + 1000 + 200 = 31200 件 vs total 31200")
    assert totals[1][2] == ("Sub-regions do not add up to the total for 专利授权量 (table 1 of changsha_districts): "
                            "4 sub-regions 3000 + 9000 + 4000 + 1500 = 17500 件 vs total 15000, difference 2500")
    outside = query(regions_db, "select region_code, severity, details from mart_quality_findings "
                                "where check_name = 'region_outside'")
    assert outside == [("360121", "warning", "1 figure(s) of 南昌县 (360121, from the table_row, first on line 7) in "
                                             "document changsha_districts of 长沙市 (430100), which does not contain it; "
                                             "check the name")]
    sources = query(regions_db, "select document_id, source_line from mart_quality_finding_sources s join "
                                "mart_quality_findings f using (finding_id) where f.check_name = 'totals_subregions' "
                                "and f.severity = 'warning' order by s.source_line")
    assert sources[0] == ("changsha_districts", 3) and sources[-1] == ("changsha_districts", 8)  # parts and the total


def test_export_gives_the_figures_region_and_appends_region_source(regions_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "observations.csv"
    run_cli("export", "observations", "--out", str(out), db=regions_db, check=True)
    with open(out, encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["document_id"] == "hunan_cities"]
    assert list(rows[0])[18:] == ["metric_name", "region_source", "time_period", "kind_reason", "source_ref"]
    stated = {(r["region_code"], r["region_level"], r["region_source"], r["raw_value"]) for r in rows
              if r["indicator_label"] == "专利授权量"}
    assert ("433100", "city", "table_row", "1000") in stated and ("", "", "unassigned", "200") in stated


def test_region_profile_of_a_city_shows_its_figures_from_the_provinces_bulletin(regions_db: Path,
                                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.test_app_pages import open_page, table

    monkeypatch.setenv(paths.ENV_DB, str(regions_db))
    at = open_page("views/region_profile.py", query={"region": "430200"})
    profile = table(at, "profile_430200")
    grants = profile[profile["指标"] == "专利授权量"].iloc[0]
    assert grants["基期值"] == "5,000 件 (2023)" and grants["上级基期值"] == "31,200 件 (2023)"
    links = [p.label for p in at.get("page_link")]
    assert any("hunan_cities" in label.replace("\\", "") for label in links), links  # labels are Markdown-escaped (issue 24)


def test_quality_page_lists_the_sub_region_totals_in_chinese(regions_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.test_app_pages import open_page, table

    monkeypatch.setenv(paths.ENV_DB, str(regions_db))
    at = open_page("views/quality.py")
    findings = table(at, "quality_findings")
    rows = findings[findings["检查项"] == "下级地区之和与合计核对"]
    assert list(rows["说明"]) == ["下级地区之和与合计不符——“专利授权量”（changsha_districts 表 1）：4 个下级地区 "
                                  "3000 + 9000 + 4000 + 1500 = 17500 件，合计 15000，差 2500"]
    outside = findings[findings["检查项"] == "数值地区不在文件地区内"]
    assert list(outside["说明"]) == ["文件 changsha_districts 中有 1 个数值属于南昌县（360121，来自表格行，首见第 7 行），"
                                     "不在文件地区长沙市（430100）范围内；请核对地区名称"]
    passed = table(at, "quality_passed")
    assert len(passed) == query(regions_db, "select count(*) from mart_quality_findings where severity = 'info' "
                                            "and check_name in ('totals', 'totals_subregions')")[0][0]
