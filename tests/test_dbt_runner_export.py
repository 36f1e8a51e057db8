"""`ipbench build` (dbt via its Python runner) and `ipbench export`: real dbt, real CSV files."""

from __future__ import annotations

import csv
import hashlib
import io
import os
import shutil
from pathlib import Path

import duckdb
import pytest

from conftest import query, run_cli
from ipbench.dbt_runner import run_build
from ipbench.export import BENCHMARK_COLUMNS, OBSERVATION_COLUMNS, ExportError, export_csv
from ipbench_core import paths

pytestmark = pytest.mark.slow

OBSERVATION_HEADER = [
    "document_id", "region_code", "region_name", "region_level", "indicator_label", "metric_id",
    "year", "value_kind", "basis", "raw_value", "raw_unit", "value", "unit", "qualifier",
    "is_authoritative", "source_kind", "source_line", "source_text", "metric_name",  # metric_name appended (issue 10/14)
    "region_source",  # appended in issue 22 (region_code/name/level are now the figure's own region)
    "time_period", "kind_reason",  # appended in issue 20
    "source_ref",  # appended (issue 21): where the figure is in the file
]
UNIT_TESTS = {
    "test_wan_jian_and_jian_convert_to_the_same_value",
    "test_basis_inference_rules",
    "test_final_outranks_draft_and_table_outranks_prose",
    "test_benchmark_cagr_parent_ratio_and_rank",
}


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.process  # a whole `ipbench` step in a subprocess: not in `make test-fast`
def test_dbt_unit_tests_are_part_of_the_build_and_pass(built_db: Path, tmp_path: Path) -> None:
    from dbt.cli.main import dbtRunner

    db = tmp_path / "ipbench.duckdb"
    shutil.copy2(built_db, db)
    old = os.environ.get(paths.ENV_DB)
    os.environ[paths.ENV_DB] = str(db)
    try:
        # `dbt build` of the four models runs their unit tests before materializing them
        res = dbtRunner().invoke(["build", "--select", "int_figures__converted int_figures__basis_inferred "
                                  "int_figures__ranked mart_region_benchmark",
                                  "--project-dir", str(paths.DBT_DIR), "--profiles-dir", str(paths.DBT_DIR)])
    finally:
        if old is None:
            os.environ.pop(paths.ENV_DB, None)
        else:
            os.environ[paths.ENV_DB] = old
    assert res.success, res.exception
    statuses = {r.node.name: str(r.status) for r in res.result.results if r.node.resource_type == "unit_test"}
    assert UNIT_TESTS <= set(statuses)
    assert all(statuses[name] == "pass" for name in UNIT_TESTS), statuses


def test_build_created_the_marts_in_schema_main(built_db: Path) -> None:
    tables = {r[0] for r in query(built_db, "select table_name from information_schema.tables where table_schema = 'main'")}
    assert {"dim_region", "dim_metric", "dim_document", "fct_indicator_observation", "fct_indicator_value",
            "mart_region_benchmark", "mart_unmapped_indicators"} <= tables
    # no views: the warehouse is built as a copy and renamed, which would break catalog-qualified views
    assert query(built_db, "select count(*) from information_schema.tables where table_type = 'VIEW'")[0][0] == 0


@pytest.mark.process  # a whole `ipbench` step in a subprocess: not in `make test-fast`
def test_failed_build_leaves_the_warehouse_untouched(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "empty.duckdb"
    with duckdb.connect(str(db)) as con:  # a warehouse with a document but not the raw layer: staging cannot build
        con.execute("create table marker (x integer); insert into marker values (42)")
        con.execute("create schema raw; create table raw.documents (document_id varchar); insert into raw.documents values ('x')")
    before = _sha(db)
    assert run_build(db) == 1
    err = capsys.readouterr().err
    assert "error: dbt build failed" in err and "unchanged" in err
    assert _sha(db) == before
    assert not list(tmp_path.glob(".empty.duckdb.writing*"))  # the copy is gone (the lock file stays)


def test_export_observations_has_the_public_columns(built_db: Path, tmp_path: Path) -> None:
    assert OBSERVATION_COLUMNS == OBSERVATION_HEADER
    out = tmp_path / "observations.csv"
    proc = run_cli("export", "observations", "--out", str(out), db=built_db, check=True)
    rows = list(csv.reader(out.open(encoding="utf-8", newline="")))
    assert rows[0] == OBSERVATION_HEADER
    (n_figures,) = query(built_db, "select count(*) from raw.figures where value_kind <> 'change'")[0]
    assert len(rows) - 1 == n_figures and f"wrote {n_figures} rows" in proc.stderr
    records = [dict(zip(rows[0], r)) for r in rows[1:]]
    hv = [r for r in records if r["document_id"] == "003_dfee1fc57d637dec" and r["metric_id"] == "high_value_invention_patents_per_10k"
          and r["year"] == "2025" and r["source_kind"] == "table"]
    assert len(hv) == 1
    assert hv[0]["source_ref"] == "line 43, table 2 row 2 col 4"   # a text file: its line, then the table cell
    assert {k: hv[0][k] for k in ("region_code", "value_kind", "basis", "raw_value", "raw_unit", "value", "unit", "qualifier", "is_authoritative")} == {
        "region_code": "330000", "value_kind": "target", "basis": "ratio", "raw_value": "17", "raw_unit": "件",
        "value": "17", "unit": "件", "qualifier": "", "is_authoritative": "true"}
    copyright_ = [r for r in records if r["raw_unit"] == "万件" and r["metric_id"] == "copyright_registrations" and r["raw_value"] == "4.2"]
    assert [r["value"] for r in copyright_] == ["42000"]
    # issue 11: relative changes in prose (增长X%) are value_kind change, never levels; they are not indicator
    # values, so the export leaves them out unless --with-changes
    assert {r["value_kind"] for r in records} == {"actual", "target"}
    with_changes = tmp_path / "with_changes.csv"
    run_cli("export", "observations", "--with-changes", "--out", str(with_changes), db=built_db, check=True)
    (n_all,) = query(built_db, "select count(*) from raw.figures")[0]
    changes = [r for r in csv.DictReader(with_changes.open(encoding="utf-8")) if r["value_kind"] == "change"]
    assert n_all > n_figures and len(changes) == n_all - n_figures
    assert {r["is_authoritative"] for r in records} == {"true", "false"}
    assert all(r["source_line"].isdigit() and int(r["source_line"]) >= 1 for r in records)


def test_export_benchmark_to_stdout(built_db: Path) -> None:
    proc = run_cli("export", "benchmark", "--out", "-", db=built_db, check=True)
    rows = list(csv.DictReader(io.StringIO(proc.stdout)))
    assert list(rows[0]) == BENCHMARK_COLUMNS
    hv = {r["region_code"]: r for r in rows if r["metric_id"] == "high_value_invention_patents_per_10k"}
    assert {k: (hv[k]["baseline_value"], hv[k]["target_year"], hv[k]["target_value"]) for k in hv} == {
        "330000": ("11.1", "2025", "17"), "330100": ("", "2024", "40"),
        "331100": ("2.4", "2025", "4"), "330382": ("", "2025", "7.8")}
    # issue 25: the status the app shows, appended after metric_name
    assert (hv["330000"]["display_unit"], hv["330000"]["target_status"]) == ("件/万人", "year_passed_no_actual")  # 2025 is over
    grants = [r for r in rows if r["metric_id"] == "invention_patent_grants" and r["region_code"] == "330000"]
    assert [(r["target_year"], r["target_value"], r["target_status"], r["target_actual_value"], r["display_unit"])
            for r in grants] == [("2020", "40000", "achieved", "49888", "件")]


def test_export_cells_carry_no_float_noise() -> None:
    from ipbench.export import _cell

    assert [_cell(2.1999999999999993), _cell(0.1 + 0.2), _cell(49888.0), _cell(0.00001234), _cell(-3.5)] == [
        "2.2", "0.3", "49888", "0.00001234", "-3.5"]


def test_export_without_marts_says_to_build(ingested_db: Path, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match=r"run `ipbench build`"):
        export_csv("benchmark", ingested_db, tmp_path / "b.csv")
    proc = run_cli("export", "observations", "--out", str(tmp_path / "o.csv"), db=ingested_db)
    assert proc.returncode != 0
    assert "run `ipbench build`" in proc.stderr and "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
    with pytest.raises(ExportError, match=r"ipbench check"):
        export_csv("conflicts", ingested_db, tmp_path / "c.csv")


def test_export_conflicts_lists_version_conflicts(built_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "conflicts.csv"
    try:
        n = export_csv("conflicts", built_db, out)
    except ExportError as exc:  # the quality marts are another worker's; skip until they are built
        pytest.skip(str(exc))
    rows = list(csv.DictReader(out.open(encoding="utf-8", newline="")))
    assert len(rows) == n
    assert list(rows[0]) == ["check", "severity", "region_code", "metric_id", "year", "value_kind", "values",
                             "document_ids", "source_lines", "details"]
    assert all(r["check"].startswith("conflict") for r in rows)
    gi = [r for r in rows if r["metric_id"] == "geographical_indications" and r["region_code"] == "330000"]
    assert gi and "240" in gi[0]["values"] and "376" in gi[0]["values"]


@pytest.mark.process  # a whole `ipbench` step in a subprocess: not in `make test-fast`
def test_docs_generate_writes_catalog_with_the_marts(built_db, tmp_path):
    import json
    import shutil

    from ipbench_core import paths

    db = tmp_path / "docs.duckdb"
    shutil.copy2(built_db, db)
    proc = run_cli("docs", db=db)
    assert proc.returncode == 0, proc.stderr
    catalog = json.loads((paths.DBT_DIR / "target" / "catalog.json").read_text(encoding="utf-8"))
    names = {node["metadata"]["name"] for node in catalog["nodes"].values()}
    assert {"fct_indicator_observation", "mart_region_benchmark", "dim_region"} <= names
