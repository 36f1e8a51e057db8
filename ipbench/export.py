"""Export marts as CSV (UTF-8, or UTF-8 with BOM for Excel) with a header row, written atomically: observations, benchmark, conflicts."""

from __future__ import annotations

import contextlib
import csv
import errno
import math
import os
import sys
from decimal import Decimal
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import duckdb

from ipbench_core.warehouse import WarehouseError, connect_read_only, is_duckdb_file, main_tables

# the public interface of `ipbench export observations`: names and order are stable
OBSERVATION_COLUMNS = [
    "document_id", "region_code", "region_name", "region_level", "indicator_label", "metric_id",
    "year", "value_kind", "basis", "raw_value", "raw_unit", "value", "unit", "qualifier",
    "is_authoritative", "source_kind", "source_line", "source_text", "metric_name", "region_source",
    # appended in issue 20 (earlier columns keep their places): the figure's period as SDMX TIME_PERIOD
    # (2023, 2023-Q1, 2023-01/2023-08, 2016/2020) and why it got its year and kind; then issue 21's source_ref
    "time_period", "kind_reason", "source_ref",
]
BENCHMARK_COLUMNS = [
    "region_code", "region_name", "region_level", "parent_code", "metric_id", "metric_name_zh",
    "metric_name_en", "category", "basis", "unit", "baseline_year", "baseline_value", "target_year",
    "target_value", "target_qualifier", "absolute_change", "cagr", "population_2020",
    "baseline_per_10k", "target_per_10k", "parent_target_value", "ratio_to_parent", "rank_in_level",
    "baseline_document_id", "baseline_source_line", "target_document_id", "target_source_line", "metric_name",
    # appended in issue 25 (earlier columns keep their places): what the app shows about a target
    "display_unit", "target_status", "target_actual_value", "progress_year", "progress_value",
    "progress_expected_value", "progress_status",
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


def _query(what: str, con: duckdb.DuckDBPyConnection, db: Path, changes: bool = False) -> tuple[list[str], str]:
    # metric_name (appended, so existing columns keep their places): the metric's Chinese name; source_ref after it
    if what == "observations":
        table, columns = "fct_indicator_observation", OBSERVATION_COLUMNS
        picked = ", ".join("m.name_zh as metric_name" if c == "metric_name" else f'o."{c}"' for c in columns)
        # growth rates and multiples (value_kind 'change') are not indicator values: only with --with-changes
        where = "" if changes else "where o.value_kind <> 'change' "
        # region_source (issue 22), time_period and kind_reason (issue 20), source_ref (issue 21): after metric_name
        sql = (f"select {picked} from main.{table} o "
               f"left join main.dim_metric m on m.metric_id = o.metric_id {where}order by o.document_id, o.figure_no")
        if not _has_table(con, "dim_metric"):
            raise ExportError(f"{db}: no table main.dim_metric; run `ipbench build` first")
    elif what == "benchmark":
        table, columns = "mart_region_benchmark", BENCHMARK_COLUMNS
        picked = [f'"{c}"' if c != "metric_name" else "metric_name_zh as metric_name" for c in columns]
        sql = (f"select {', '.join(picked)} from main.{table} "
               "order by metric_id, basis, region_code")
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
    """CSV text for one value: '' for null, true/false, integral numbers without '.0' (a count is 3, not 3.0)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        if not value.is_finite():
            return ""
        return str(int(value)) if value == value.to_integral_value() else format(value.normalize(), "f")
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        # 12 significant digits, never scientific: 2.2, not 2.1999999999999993 (float noise of the arithmetic)
        return format(Decimal(f"{value:.12g}").normalize(), "f")
    return str(value)


def _check_out(out: Path, db: Path) -> None:
    """Refuse an output path that would destroy a warehouse (the one in use or any DuckDB file) or is a folder."""
    if out.exists() and out.is_dir():
        raise ExportError(f"{out}: is a folder; pass a file name such as {out / 'export.csv'}")
    if out.exists() and (out.resolve() == db.resolve() or is_duckdb_file(out)):
        raise ExportError(f"{out}: is a DuckDB warehouse file; refusing to overwrite it — choose a .csv path")
    if out.resolve().parent == db.resolve().parent and out.name.startswith(f".{db.name}."):
        raise ExportError(f"{out}: is a working file of the warehouse; choose another path")


@contextlib.contextmanager
def _output(out: Path, encoding: str) -> Iterator[IO[str]]:
    """stdout, or a temporary file beside `out` renamed over it once complete (never a partial file)."""
    if str(out) == "-":
        if encoding == "utf-8-sig":
            sys.stdout.write("\ufeff")
        yield sys.stdout
        sys.stdout.flush()
        return
    tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, "w", encoding=encoding, newline="") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, out)
    except OSError as exc:
        why = "the disk is full; free some space" if exc.errno == errno.ENOSPC else (exc.strerror or str(exc))
        raise ExportError(f"{out}: cannot write the export ({why}); no file was written") from exc
    finally:
        tmp.unlink(missing_ok=True)


def export_csv(what: str, db: Path, out: Path, excel: bool = False, changes: bool = False) -> int:
    """Write one mart as CSV to `out` ('-' = stdout); returns the number of data rows.

    Observations are the indicator values (actual, target, unknown); changes=True adds the growth rates
    and multiples read from prose (value_kind 'change').

    Plain UTF-8 by default; excel=True adds a byte-order mark (UTF-8-SIG) so Excel detects the encoding.
    """
    if what not in WHAT:
        raise ExportError(f"unknown export {what!r}; choose one of {', '.join(WHAT)}")
    db = Path(db)
    if str(out) != "-":
        _check_out(Path(out), db)
    try:
        con = connect_read_only(db)
    except WarehouseError as exc:
        raise ExportError(str(exc)) from exc
    try:
        columns, sql = _query(what, con, db, changes)
        rows = con.execute(sql).fetchall()
    except duckdb.Error as exc:
        raise ExportError(f"{db}: cannot read the {what} mart ({' '.join(str(exc).split())}); run `ipbench build`") from exc
    finally:
        con.close()
    with _output(Path(out) if str(out) != "-" else out, "utf-8-sig" if excel else "utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([_cell(v) for v in row])
    return len(rows)
