"""Exports: plain UTF-8 by default, UTF-8 with BOM for Excel, counts as integers, a metric name column, never a partial file."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

from ipbench.export import BENCHMARK_COLUMNS, OBSERVATION_COLUMNS
from tests.conftest import query, run_cli

HV = "high_value_invention_patents_per_10k"
INTEGER_COLUMNS = ["year", "source_line", "baseline_year", "target_year", "population_2020", "rank_in_level",
                   "baseline_source_line", "target_source_line"]


def _rows(path: Path, encoding: str = "utf-8") -> list[dict[str, str]]:
    with path.open(encoding=encoding, newline="") as fh:
        return list(csv.DictReader(fh))


def test_default_is_plain_utf8_and_excel_adds_a_bom(built_db, tmp_path):
    plain, excel = tmp_path / "plain.csv", tmp_path / "excel.csv"
    run_cli("export", "benchmark", "--out", str(plain), db=built_db, check=True)
    run_cli("export", "benchmark", "--out", str(excel), "--excel", db=built_db, check=True)
    assert plain.read_bytes()[:11] == b"region_code"
    assert excel.read_bytes()[:14] == b"\xef\xbb\xbfregion_code"
    assert excel.read_bytes()[3:] == plain.read_bytes()
    assert _rows(excel, "utf-8-sig") == _rows(plain)


def test_metric_name_is_appended_and_existing_columns_keep_their_places(built_db, tmp_path):
    # metric_name was appended in issue 10; columns appended since come after it (region_source: issue 22)
    assert OBSERVATION_COLUMNS[18:] == ["metric_name", "region_source"] and BENCHMARK_COLUMNS[27] == "metric_name"
    obs, bench = tmp_path / "o.csv", tmp_path / "b.csv"
    run_cli("export", "observations", "--out", str(obs), db=built_db, check=True)
    run_cli("export", "benchmark", "--out", str(bench), db=built_db, check=True)
    [name_zh] = query(built_db, "select name_zh from main.dim_metric where metric_id = ?", [HV])[0]
    o = _rows(obs)
    assert list(o[0]) == OBSERVATION_COLUMNS
    assert {r["region_source"] for r in o} == {"document"}  # every bundled figure stays on its document's region
    assert {r["metric_name"] for r in o if r["metric_id"] == HV} == {name_zh}
    assert all(r["metric_name"] == "" for r in o if r["metric_id"] == "")
    b = _rows(bench)
    assert {r["metric_name"] for r in b if r["metric_id"] == HV} == {name_zh}
    assert all(r["metric_name"] == r["metric_name_zh"] for r in b)


def test_counts_and_years_are_written_as_integers(built_db, tmp_path):
    for what in ("observations", "benchmark"):
        out = tmp_path / f"{what}.csv"
        run_cli("export", what, "--out", str(out), db=built_db, check=True)
        for row in _rows(out):
            for col in INTEGER_COLUMNS:
                if row.get(col):
                    assert row[col].isdigit(), (what, col, row[col])
    prov = [r for r in _rows(tmp_path / "benchmark.csv") if r["region_code"] == "330000" and r["metric_id"] == HV]
    assert prov[0]["population_2020"] == "64567588" and prov[0]["target_value"] == "17"


def test_export_replaces_an_existing_file_whole_and_leaves_no_temporary_file(built_db, tmp_path):
    out = tmp_path / "o.csv"
    out.write_text("old content\n", encoding="utf-8")
    run_cli("export", "observations", "--out", str(out), db=built_db, check=True)
    assert out.read_text(encoding="utf-8").startswith("document_id,")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["o.csv"]


def test_export_to_a_folder_is_one_line(built_db, tmp_path):
    db = tmp_path / "w.duckdb"
    shutil.copy2(built_db, db)
    proc = run_cli("export", "observations", "--out", str(tmp_path), db=db)
    assert proc.returncode == 1 and proc.stderr.strip() == f"error: {tmp_path}: is a folder; pass a file name such as {tmp_path / 'export.csv'}"
