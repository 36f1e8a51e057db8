"""`ipbench check`: GX suites on the marts in bounded batches, the dbt quality findings summarised in SQL, the reports."""

from __future__ import annotations

import contextlib
import io
import logging
import math
import os
import shutil
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from expectations.report import write_reports
from expectations.run import SEVERITY_ORDER, SUMMARY_COLUMNS, CheckRun, ExpectationOutcome
from ipbench_core import paths
from ipbench_core.warehouse import WarehouseError, connect_read_only, main_tables

FAIL_LEVELS = {"none": set(), "error": {"error"}, "warning": {"error", "warning"}}
FINDINGS_TABLE = "mart_quality_findings"
SOURCES_TABLE = "mart_quality_finding_sources"
CONTEXT_TABLES = ["dim_document"]
# the marts the GX suites validate (expectations/suites.py), known here without importing GX
SUITE_TABLES = ["fct_indicator_observation", "fct_indicator_value", "mart_region_benchmark", FINDINGS_TABLE, SOURCES_TABLE]
# a finding that confirms the data (annual figures that add up to their total) is a passed check, not a problem
CONFIRMATION_SQL = "(check_name in ('totals', 'totals_subregions') and severity = 'info')"
BATCH_ROWS = 50_000  # rows of one mart validated at a time: bounds memory at any warehouse size
BATCH_CHARS = 8_000_000  # ... and characters of text in one batch
SHOWN_PER_CHECK = 300  # finding cards per check in the HTML report (the rest: the app, `ipbench export conflicts`)
QUOTES_PER_FINDING = 12  # quoted sources per finding card
EXIT_BROKEN = 2
EXIT_THRESHOLD = 1


class CheckError(Exception):
    """An expected failure of the pipeline (missing warehouse or marts): reported in one line."""


CHECK_DUCKDB_MEMORY = "256MB"


def open_marts(db: Path, tables: list[str]) -> duckdb.DuckDBPyConnection:
    """A read-only connection to `db` once the named marts (schema main) are known to exist."""
    try:
        con = connect_read_only(db)
    except WarehouseError as exc:
        raise CheckError(str(exc)) from exc
    # DuckDB caches the blocks it reads up to its memory limit (80 % of RAM by default): capped, the
    # check's memory follows the batch size, not the warehouse size
    con.execute(f"set memory_limit = '{CHECK_DUCKDB_MEMORY}'")
    missing = [table for table in tables if table not in main_tables(con)]
    if missing:
        con.close()
        raise CheckError(f"{db}: missing {', '.join('main.' + t for t in missing)}; run `ipbench build` first")
    return con


def findings_matrix(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Findings per check (rows) × severity, confirmations in their own column; counted in SQL."""
    counts = con.execute(f"""
        select check_name, case when {CONFIRMATION_SQL} then 'confirmed' else severity end as col, count(*) as n
        from main.{FINDINGS_TABLE} group by all""").df()
    if counts.empty:
        return pd.DataFrame(columns=SUMMARY_COLUMNS)
    matrix = counts.pivot_table(index="check_name", columns="col", values="n", aggfunc="sum", fill_value=0)
    return matrix.reindex(columns=SUMMARY_COLUMNS, fill_value=0).astype(int).sort_index()


def check_problems_zh(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """check_name -> its Chinese name as the problem it finds, for every check with a finding (from the mart)."""
    rows = con.execute(f"select distinct check_name, check_problem_zh from main.{FINDINGS_TABLE}").fetchall()
    return {str(check): str(name) for check, name in rows}


def shown_findings(con: duckdb.DuckDBPyConnection) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The findings the report shows (capped per check, most severe first) and their quoted sources (capped)."""
    findings = con.execute(f"""
        with ranked as (
            select f.*, m.name_zh as metric_name_zh,
                   row_number() over (
                       partition by f.check_name
                       order by case f.severity when 'error' then 0 when 'warning' then 1 else 2 end,
                                f.region_code, f.metric_id, f.year, f.finding_id) as rank_in_check
            from main.{FINDINGS_TABLE} f
            left join main.dim_metric m on f.metric_id = m.metric_id
            where not {CONFIRMATION_SQL}
        )
        select * exclude (rank_in_check) from ranked where rank_in_check <= {SHOWN_PER_CHECK}""").df()
    con.register("shown_findings", findings[["finding_id"]])
    try:
        sources = con.execute(f"""
            select s.*, d.title, d.status
            from main.{SOURCES_TABLE} s
            semi join shown_findings using (finding_id)
            left join main.dim_document d on s.document_id = d.document_id
            where s.source_no <= {QUOTES_PER_FINDING}
            order by s.finding_id, s.source_no""").df()
    finally:
        con.unregister("shown_findings")
    return findings, sources


def count_at_levels(con: duckdb.DuckDBPyConnection, levels: set[str]) -> int:
    """Findings (confirmations excluded) whose severity is in `levels`."""
    if not levels:
        return 0
    marks = ", ".join("?" for _ in levels)
    return int(con.execute(f"select count(*) from main.{FINDINGS_TABLE} where not {CONFIRMATION_SQL}"
                           f" and severity in ({marks})", sorted(levels)).fetchone()[0])


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    """Silence GX's progress bars, warnings and chatter on stdout/stderr."""
    previous = logging.root.manager.disable
    logging.disable(logging.WARNING)
    sink = io.StringIO()
    try:
        with warnings.catch_warnings(), contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
            warnings.simplefilter("ignore")
            yield
    finally:
        logging.disable(previous)


def _quoted(columns: list[str]) -> str:
    return ", ".join(f'"{c}"' for c in columns)


def batches(con: duckdb.DuckDBPyConnection, table: str, columns: list[str], key: list[str],
            batch_rows: int = BATCH_ROWS) -> Iterator[tuple[int, int, pd.DataFrame]]:
    """(batch number, batch count, frame) partitions of `table` by a hash of its row key.

    Every row with one key lands in one batch, so uniqueness checked per batch holds for the
    whole mart; each frame holds about `batch_rows` rows (fewer when their text exceeds
    BATCH_CHARS characters) of only the columns the suite reads.
    """
    text = " + ".join(f'strlen(coalesce(cast("{c}" as varchar), \'\'))' for c in columns)
    total, size = con.execute(f'select count(*), coalesce(sum({text}), 0) from main."{table}"').fetchone()
    # long texts (a conflict's details quote every statement) count too: GX holds several copies of a batch
    n = max(1, math.ceil(int(total) / batch_rows), math.ceil(int(size) / BATCH_CHARS))
    for i in range(n):
        where = "" if n == 1 else f" where hash({_quoted(key)}) % {n} = {i}"
        yield i, n, con.execute(f'select {_quoted(columns)} from main."{table}"{where}').df()


def _columns_of(spec: Any) -> list[str]:
    """The columns a suite reads: its row key plus every column an expectation names."""
    columns = list(spec.id_columns)
    for expectation in spec.expectations:
        kwargs = expectation.configuration.kwargs
        for column in [kwargs.get("column"), *(kwargs.get("column_list") or [])]:
            if column and column not in columns:
                columns.append(column)
    return columns


def run_suites(con: duckdb.DuckDBPyConnection, docs_dir: Path,
               batch_rows: int = BATCH_ROWS) -> tuple[list[ExpectationOutcome], Path | None]:
    """Validate every suite on its mart, batch by batch, with GX; build the Data Docs site in `docs_dir`."""
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    import great_expectations as gx  # ~4 s: imported only when a check actually runs
    from great_expectations.core.run_identifier import RunIdentifier
    from great_expectations.data_context.types.base import ProgressBarsConfig

    from expectations.suites import build_suites

    outcomes: list[ExpectationOutcome] = []
    # the site lists only this run: pages of earlier runs would otherwise pile up
    shutil.rmtree(docs_dir, ignore_errors=True)
    docs_dir.mkdir(parents=True, exist_ok=True)
    with _quiet():
        context = gx.get_context(mode="ephemeral")
        context.variables.progress_bars = ProgressBarsConfig(globally=False)
        for site in list(context.get_site_names()):
            context.delete_data_docs_site(site)
        context.add_data_docs_site(
            site_name="ipbench",
            site_config={
                "class_name": "SiteBuilder",
                "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
                "store_backend": {"class_name": "TupleFilesystemStoreBackend", "base_directory": str(docs_dir)},
            },
        )
        source = context.data_sources.add_pandas(name="ipbench_warehouse")
        for spec in build_suites():
            batch_definition = source.add_dataframe_asset(name=spec.table).add_batch_definition_whole_dataframe(
                f"{spec.table}_batch")
            suite = context.suites.add(gx.ExpectationSuite(name=spec.name))
            for expectation in spec.expectations:
                suite.add_expectation(expectation)
            validation = context.validation_definitions.add(
                gx.ValidationDefinition(name=f"{spec.table}_validation", data=batch_definition, suite=suite))
            checkpoint = context.checkpoints.add(gx.Checkpoint(
                name=f"{spec.table}_checkpoint",
                validation_definitions=[validation],
                actions=[],  # the site is built once, after every batch ran (an action per run rebuilds it each time)
                result_format={"result_format": "SUMMARY", "unexpected_index_column_names": spec.id_columns,
                               "partial_unexpected_count": 10},
            ))
            merged: list[ExpectationOutcome] = []
            for i, n, frame in batches(con, spec.table, _columns_of(spec), spec.id_columns, batch_rows):
                result = checkpoint.run(batch_parameters={"dataframe": frame},
                                        run_id=RunIdentifier(run_name=f"{spec.table} batch {i + 1} of {n}"))
                items = [item for run_result in result.run_results.values() for item in run_result.results]
                for j, item in enumerate(items):
                    outcome = _outcome(spec.name, spec.table, item)
                    outcome.rows, outcome.batches = len(frame), 1
                    if j < len(merged):
                        _merge(merged[j], outcome)
                    else:
                        merged.append(outcome)
                del frame
            outcomes += merged
        context.build_data_docs(site_names=["ipbench"])
    index = docs_dir / "index.html"
    return outcomes, (index if index.exists() else None)


def _merge(into: ExpectationOutcome, other: ExpectationOutcome) -> None:
    """Fold one batch's result of an expectation into the running result."""
    into.success = into.success and other.success
    into.unexpected_count += other.unexpected_count
    into.examples = (into.examples + other.examples)[:10]
    into.rows += other.rows
    into.batches += other.batches


def _outcome(suite: str, table: str, item: object) -> ExpectationOutcome:
    config = item.expectation_config  # type: ignore[attr-defined]
    kwargs = config.kwargs
    column = kwargs.get("column") or ", ".join(kwargs.get("column_list") or [])
    result = item.result or {}  # type: ignore[attr-defined]
    examples: list[str] = []
    indexed = result.get("unexpected_index_list") or result.get("partial_unexpected_index_list") or []
    for entry in indexed[:10]:
        if isinstance(entry, dict):
            examples.append(", ".join(f"{k}={v}" for k, v in entry.items()))
        else:
            examples.append(str(entry))
    if not examples:
        examples = [str(v) for v in (result.get("partial_unexpected_list") or [])[:10]]
    condition = kwargs.get("row_condition")
    if isinstance(condition, dict):
        condition = condition.get("pass_through_filter") or str(condition)
    name = config.type + (f" where {condition}" if condition else "")
    return ExpectationOutcome(
        suite=suite, table=table, expectation=name, column=column,
        success=bool(item.success),  # type: ignore[attr-defined]
        unexpected_count=int(result.get("unexpected_count") or 0), examples=examples,
    )


def print_summary(run: CheckRun) -> None:
    """Print the findings matrix and the expectation results as tables on stdout."""
    from rich.console import Console
    from rich.table import Table

    console = Console(highlight=False, width=max(Console().width, 120))
    table = Table(title=f"Quality findings ({run.n_findings}; {run.n_confirmed} confirmations)", title_justify="left")
    table.add_column("check")
    for column in SUMMARY_COLUMNS:
        table.add_column(column, justify="right")
    for check, row in run.matrix.iterrows():
        table.add_row(str(check), *[str(int(row[s])) if row[s] else "." for s in SUMMARY_COLUMNS])
    console.print(table)

    by_suite = Table(title="Great Expectations (mart integrity)", title_justify="left")
    by_suite.add_column("suite")
    by_suite.add_column("rows", justify="right")
    by_suite.add_column("batches", justify="right")
    by_suite.add_column("passed", justify="right")
    by_suite.add_column("failed", justify="right")
    by_suite.add_column("failed expectations")
    suites: dict[str, list[ExpectationOutcome]] = {}
    for outcome in run.expectations:
        suites.setdefault(outcome.suite, []).append(outcome)
    for suite, outcomes in suites.items():
        failed = [o for o in outcomes if not o.success]
        by_suite.add_row(
            suite, f"{outcomes[0].rows:,}", str(outcomes[0].batches), str(len(outcomes) - len(failed)), str(len(failed)),
            "\n".join(f"{o.column}: {o.expectation.removeprefix('expect_column_')} ({o.unexpected_count} rows)"
                      for o in failed) or "-",
        )
    console.print(by_suite)
    for path in run.report_paths:
        console.print(f"report:    {path}")
    if run.data_docs_index is not None:
        console.print(f"data docs: {run.data_docs_index}")


def run_checks(db: Path, fail_on: str = "none") -> int:
    """Run the checks on warehouse `db`, print the summary, write the reports; return the exit code."""
    if fail_on not in FAIL_LEVELS:
        print(f"error: --fail-on must be one of {', '.join(FAIL_LEVELS)}, not {fail_on!r}", file=sys.stderr)
        return EXIT_BROKEN
    db = Path(db)
    tables = sorted({*SUITE_TABLES, FINDINGS_TABLE, SOURCES_TABLE, *CONTEXT_TABLES, "dim_metric"})
    try:
        con = open_marts(db, tables)
    except CheckError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BROKEN
    reports = paths.reports_dir(db)
    try:
        try:
            reports.mkdir(parents=True, exist_ok=True)
            expectations, docs_index = run_suites(con, reports / "data_docs")
        except OSError as exc:
            print(f"error: {reports}: cannot write the reports ({exc})", file=sys.stderr)
            return EXIT_BROKEN
        except Exception as exc:  # a mart without the columns the suites expect: a broken pipeline, not a finding
            print(f"error: {db}: Great Expectations could not validate the marts ({type(exc).__name__}: "
                  f"{' '.join(str(exc).split())[:300]}); rebuild with `ipbench build`", file=sys.stderr)
            return EXIT_BROKEN
        findings, sources = shown_findings(con)
        run = CheckRun(db=db, matrix=findings_matrix(con), findings=findings, sources=sources,
                       expectations=expectations, data_docs_index=docs_index, check_problems_zh=check_problems_zh(con))
        n_failing = count_at_levels(con, FAIL_LEVELS[fail_on])
    finally:
        con.close()
    write_reports(run, reports)
    print_summary(run)
    if n_failing:
        print(f"error: {n_failing} findings of severity {' or '.join(sorted(FAIL_LEVELS[fail_on]))} exist"
              f" (--fail-on {fail_on})", file=sys.stderr)
        return EXIT_THRESHOLD
    failed = [o for o in expectations if not o.success]
    if failed:
        print(f"warning: {len(failed)} Great Expectations expectation(s) failed on the marts (a pipeline defect, e.g. "
              f"{failed[0].table}.{failed[0].column}: {failed[0].expectation}); see {run.report_path}", file=sys.stderr)
    return 0
