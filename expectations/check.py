"""`ipbench check`: run the GX suites on the marts, summarise the dbt quality findings, write the reports."""

from __future__ import annotations

import contextlib
import io
import logging
import os
import shutil
import sys
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from ipbench import paths
from ipbench.warehouse import WarehouseError, connect_read_only, main_tables

FAIL_LEVELS = {"none": set(), "error": {"error"}, "warning": {"error", "warning"}}
SEVERITY_ORDER = ["error", "warning", "info"]
FINDINGS_TABLE = "mart_quality_findings"
SOURCES_TABLE = "mart_quality_finding_sources"
CONTEXT_TABLES = ["dim_document"]
EXIT_BROKEN = 2
EXIT_THRESHOLD = 1


class CheckError(Exception):
    """An expected failure of the pipeline (missing warehouse or marts): reported in one line."""


@dataclass
class ExpectationOutcome:
    """One expectation of one suite, as shown in the summary and the report."""

    suite: str
    table: str
    expectation: str
    column: str
    success: bool
    unexpected_count: int = 0
    examples: list[str] = field(default_factory=list)


@dataclass
class CheckRun:
    """Everything one `ipbench check` produced."""

    db: Path
    findings: pd.DataFrame
    sources: pd.DataFrame
    documents: pd.DataFrame
    expectations: list[ExpectationOutcome]
    data_docs_index: Path | None
    report_path: Path | None = None


def load_marts(db: Path, tables: list[str]) -> dict[str, pd.DataFrame]:
    """Read the named marts (schema main) into pandas through a read-only connection."""
    try:
        con = connect_read_only(db)
    except WarehouseError as exc:
        raise CheckError(str(exc)) from exc
    try:
        present = main_tables(con)
        missing = [table for table in tables if table not in present]
        if missing:
            raise CheckError(f"{db}: missing {', '.join('main.' + t for t in missing)}; run `ipbench build` first")
        return {table: con.execute(f'select * from main."{table}"').df() for table in tables}
    finally:
        con.close()


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


def run_suites(frames: dict[str, pd.DataFrame], docs_dir: Path) -> tuple[list[ExpectationOutcome], Path | None]:
    """Validate every suite on its mart with GX and build the Data Docs site in `docs_dir`."""
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    import great_expectations as gx
    from great_expectations.checkpoint import UpdateDataDocsAction
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
            frame = frames[spec.table]
            batch_definition = source.add_dataframe_asset(name=spec.table).add_batch_definition_whole_dataframe(
                f"{spec.table}_all_rows")
            suite = context.suites.add(gx.ExpectationSuite(name=spec.name))
            for expectation in spec.expectations:
                suite.add_expectation(expectation)
            validation = context.validation_definitions.add(
                gx.ValidationDefinition(name=f"{spec.table}_validation", data=batch_definition, suite=suite))
            checkpoint = context.checkpoints.add(gx.Checkpoint(
                name=f"{spec.table}_checkpoint",
                validation_definitions=[validation],
                actions=[UpdateDataDocsAction(name="update_data_docs", site_names=["ipbench"])],
                result_format={"result_format": "COMPLETE", "unexpected_index_column_names": spec.id_columns},
            ))
            result = checkpoint.run(batch_parameters={"dataframe": frame})
            for run_result in result.run_results.values():
                for item in run_result.results:
                    outcomes.append(_outcome(spec.name, spec.table, item))
    index = docs_dir / "index.html"
    return outcomes, (index if index.exists() else None)


def _outcome(suite: str, table: str, item: object) -> ExpectationOutcome:
    config = item.expectation_config  # type: ignore[attr-defined]
    kwargs = config.kwargs
    column = kwargs.get("column") or ", ".join(kwargs.get("column_list") or [])
    result = item.result or {}  # type: ignore[attr-defined]
    examples: list[str] = []
    for entry in (result.get("unexpected_index_list") or [])[:10]:
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


def findings_matrix(findings: pd.DataFrame) -> pd.DataFrame:
    """Findings per check (rows) × severity (columns), with zeros for the empty cells."""
    if findings.empty:
        return pd.DataFrame(columns=SEVERITY_ORDER)
    matrix = pd.crosstab(findings["check_name"], findings["severity"])
    return matrix.reindex(columns=SEVERITY_ORDER, fill_value=0).sort_index()


def print_summary(run: CheckRun) -> None:
    """Print the findings matrix and the expectation results as tables on stdout."""
    from rich.console import Console
    from rich.table import Table

    console = Console(highlight=False, width=max(Console().width, 120))
    matrix = findings_matrix(run.findings)
    table = Table(title=f"Quality findings ({len(run.findings)})", title_justify="left")
    table.add_column("check")
    for severity in SEVERITY_ORDER:
        table.add_column(severity, justify="right")
    for check, row in matrix.iterrows():
        table.add_row(str(check), *[str(int(row[s])) if row[s] else "." for s in SEVERITY_ORDER])
    console.print(table)

    by_suite = Table(title="Great Expectations", title_justify="left")
    by_suite.add_column("suite")
    by_suite.add_column("passed", justify="right")
    by_suite.add_column("failed", justify="right")
    by_suite.add_column("failed expectations")
    suites: dict[str, list[ExpectationOutcome]] = {}
    for outcome in run.expectations:
        suites.setdefault(outcome.suite, []).append(outcome)
    for suite, outcomes in suites.items():
        failed = [o for o in outcomes if not o.success]
        by_suite.add_row(
            suite, str(len(outcomes) - len(failed)), str(len(failed)),
            "\n".join(f"{o.column}: {o.expectation.removeprefix('expect_column_')} ({o.unexpected_count} rows)"
                      for o in failed) or "-",
        )
    console.print(by_suite)
    if run.report_path is not None:
        console.print(f"report:    {run.report_path}")
    if run.data_docs_index is not None:
        console.print(f"data docs: {run.data_docs_index}")


def exit_code(findings: pd.DataFrame, fail_on: str) -> int:
    """0, or EXIT_THRESHOLD when findings at or above the --fail-on severity exist."""
    levels = FAIL_LEVELS[fail_on]
    if levels and not findings.empty and findings["severity"].isin(levels).any():
        return EXIT_THRESHOLD
    return 0


def run_checks(db: Path, fail_on: str = "none") -> int:
    """Run the checks on warehouse `db`, print the summary, write the reports; return the exit code."""
    from expectations.report import write_report
    from expectations.suites import build_suites

    if fail_on not in FAIL_LEVELS:
        print(f"error: --fail-on must be one of {', '.join(FAIL_LEVELS)}, not {fail_on!r}", file=sys.stderr)
        return EXIT_BROKEN
    db = Path(db)
    tables = sorted({spec.table for spec in build_suites()} | {FINDINGS_TABLE, SOURCES_TABLE, *CONTEXT_TABLES})
    try:
        frames = load_marts(db, tables)
    except CheckError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BROKEN
    reports = paths.reports_dir(db)
    try:
        reports.mkdir(parents=True, exist_ok=True)
        expectations, docs_index = run_suites(frames, reports / "data_docs")
    except OSError as exc:
        print(f"error: {reports}: cannot write the reports ({exc})", file=sys.stderr)
        return EXIT_BROKEN
    except Exception as exc:  # a mart without the columns the suites expect: a broken pipeline, not a finding
        print(f"error: {db}: Great Expectations could not validate the marts ({type(exc).__name__}: {exc});"
              " rebuild with `ipbench build`", file=sys.stderr)
        return EXIT_BROKEN
    run = CheckRun(
        db=db, findings=frames[FINDINGS_TABLE], sources=frames[SOURCES_TABLE], documents=frames["dim_document"],
        expectations=expectations, data_docs_index=docs_index,
    )
    run.report_path = write_report(run, reports / "quality_report.html")
    print_summary(run)
    code = exit_code(run.findings, fail_on)
    if code:
        print(f"error: findings of severity {' or '.join(sorted(FAIL_LEVELS[fail_on]))} exist (--fail-on {fail_on})",
              file=sys.stderr)
    return code
