"""Export marts as UTF-8 CSV with a header row: observations, benchmark, conflicts."""

from __future__ import annotations

import contextlib
import csv
import math
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import duckdb

from ipbench.warehouse import WarehouseError, connect_read_only, main_tables

# the public interface of `ipbench export observations`: names and order are stable
OBSERVATION_COLUMNS = [
    "document_id", "region_code", "region_name", "region_level", "indicator_label", "metric_id",
    "year", "value_kind", "basis", "raw_value", "raw_unit", "value", "unit", "qualifier",
    "is_authoritative", "source_kind", "source_line", "source_text",
]
BENCHMARK_COLUMNS = [
    "region_code", "region_name", "region_level", "parent_code", "metric_id", "metric_name_zh",
    "metric_name_en", "category", "basis", "unit", "baseline_year", "baseline_value", "target_year",
    "target_value", "target_qualifier", "absolute_change", "cagr", "population_2020",
    "baseline_per_10k", "target_per_10k", "parent_target_value", "ratio_to_parent", "rank_in_level",
    "baseline_document_id", "baseline_source_line", "target_document_id", "target_source_line",
]
CONFLICT_COLUMNS = [
    "check", "severity", "region_code", "metric_id", "year", "value_kind", "values",
    "document_ids", "source_lines", "details",
]
WHAT = ("observations", "benchmark", "conflicts")


class ExportError(Exception):
    """An expected export problem (missing mart, unreadable warehouse); the message is one line."""


def _quoted(columns: list[str]) -> str:
    return ", ".join(f'"{c}"' for c in columns)


def _has_table(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    return name in main_tables(con)


def _query(what: str, con: duckdb.DuckDBPyConnection, db: Path) -> tuple[list[str], str]:
    if what == "observations":
        table, columns = "fct_indicator_observation", OBSERVATION_COLUMNS
        sql = f"select {_quoted(columns)} from main.{table} order by document_id, figure_no"
    elif what == "benchmark":
        table, columns = "mart_region_benchmark", BENCHMARK_COLUMNS
        sql = f"select {_quoted(columns)} from main.{table} order by metric_id, basis, region_code"
    else:
        table, columns = "mart_quality_findings", CONFLICT_COLUMNS
        if not _has_table(con, table):
            raise ExportError(f"{db}: no quality findings (main.{table}); run `ipbench build` and `ipbench check` first")
        sql = (
            'select check_name as "check", severity, region_code, metric_id, year, value_kind, "values", '
            "document_ids, source_lines, details "
            f"from main.{table} where check_name like 'conflict%' "
            "order by region_code, metric_id, year, value_kind, finding_id"
        )
    if not _has_table(con, table):
        raise ExportError(f"{db}: no table main.{table}; run `ipbench build` first")
    return columns, sql


def _cell(value: object) -> str:
    """CSV text for one value: '' for null, true/false, integral floats without '.0'."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    return str(value)


@contextlib.contextmanager
def _output(out: Path) -> Iterator[IO[str]]:
    if str(out) == "-":
        yield sys.stdout
        sys.stdout.flush()
        return
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8", newline="") as handle:
        yield handle


def export_csv(what: str, db: Path, out: Path) -> int:
    """Write one mart as CSV to `out` ('-' = stdout); returns the number of data rows."""
    if what not in WHAT:
        raise ExportError(f"unknown export {what!r}; choose one of {', '.join(WHAT)}")
    db = Path(db)
    try:
        con = connect_read_only(db)
    except WarehouseError as exc:
        raise ExportError(str(exc)) from exc
    try:
        columns, sql = _query(what, con, db)
        rows = con.execute(sql).fetchall()
    except duckdb.Error as exc:
        raise ExportError(f"{db}: cannot read the {what} mart ({' '.join(str(exc).split())}); run `ipbench build`") from exc
    finally:
        con.close()
    with _output(Path(out) if str(out) != "-" else out) as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([_cell(v) for v in row])
    return len(rows)
