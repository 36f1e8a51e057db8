"""Issue 25: statuses that say what they mean — a past target without an actual is never a goal nor achieved."""

from __future__ import annotations

import csv
from pathlib import Path

import pyarrow as pa
import pytest

from conftest import run_cli
from ipbench_core import paths
from test_app_pages import open_page, table

HV = "high_value_invention_patents_per_10k"


@pytest.fixture()
def app_db(built_db: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(paths.ENV_DB, str(built_db))
    return built_db


def _chart_frames(at) -> list:  # noqa: ANN001
    return [pa.ipc.open_stream(ds.data.data).read_all().to_pandas() for ds in at.get("vega_lite_chart")[0].proto.datasets]


def test_past_target_without_actual_says_year_passed_on_the_benchmark_page(app_db: Path) -> None:
    # the province's 2025 target 17 件/万人 (003 line 43): 2025 is over and no document states a 2025 actual
    at = open_page("views/benchmark.py", query={"metric": HV})
    summary = table(at, f"benchmark_summary_{HV}").set_index("地区")
    assert summary.at["浙江省", "目标值（件/万人）"] == "17 (2025)"
    assert summary.at["浙江省", "完成情况"] == "到期未报告实际值（2025年）"
    detail = table(at, f"benchmark_{HV}")
    assert list(detail.loc[detail["地区"] == "浙江省", "目标完成"]) == ["到期未报告实际值"]
    # drawn as a past target, not as a current goal: no dumbbell bar, the point's kind says so
    kinds = {(r.region, r.kind) for f in _chart_frames(at) if {"kind", "region"} <= set(f.columns) for r in f.itertuples()}
    assert ("浙江省", "到期未报告实际值的目标") in kinds and ("浙江省", "目标值") not in kinds
    assert any(c.value.startswith("完成情况说明：已实现 / 未实现") and "到期未报告实际值" in c.value for c in at.caption)

    en = open_page("views/benchmark.py", lang="en", query={"metric": HV})
    summary_en = table(en, f"benchmark_summary_{HV}").set_index("region")
    assert summary_en.at["Zhejiang", "status"] == "year passed, no actual (2025)"
    assert any(c.value.startswith("Status: achieved / missed") and "year passed, no actual" in c.value for c in en.caption)


def test_achieved_target_keeps_its_status(app_db: Path) -> None:
    at = open_page("views/benchmark.py", query={"metric": "invention_patent_grants"})
    rows = table(at, "benchmark_summary_invention_patent_grants").set_index("地区")
    assert rows.at["浙江省 · 年度", "完成情况"] == "已实现（2020年实际 49,888）"
    assert rows.at["乐清市 · 年度", "完成情况"] == "到期未报告实际值（2024年）"


def test_region_profile_states_the_status_of_each_target(app_db: Path) -> None:
    at = open_page("views/region_profile.py", query={"region": "331100"})
    profile = table(at, "profile_331100")
    hv = profile[profile["指标"] == "每万人高价值发明专利拥有量"].iloc[0]
    assert hv["目标值"] == "4 件/万人 (2025)"
    assert hv["完成情况"] == "到期未报告实际值（2025年）"
    assert any(c.value.startswith("完成情况说明") for c in at.caption)


def test_export_benchmark_says_year_passed_no_actual(built_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "benchmark.csv"
    run_cli("export", "benchmark", "--out", str(out), db=built_db, check=True)
    with out.open(encoding="utf-8") as f:
        rows = {(r["region_code"], r["metric_id"], r["basis"]): r for r in csv.DictReader(f)}
    province = rows[("330000", HV, "ratio")]
    assert (province["target_year"], province["target_value"], province["target_status"], province["target_actual_value"]) == (
        "2025", "17", "year_passed_no_actual", "")
    grants = rows[("330000", "invention_patent_grants", "annual")]
    assert (grants["target_status"], grants["target_actual_value"]) == ("achieved", "49888")
