"""The `ipbench` command line: ingest, build, check, export, app, metrics, all."""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

import click

from ipbench_core import paths
from ipbench_core.hints import next_command

DB_OPTION = click.option(
    "--db",
    "db",
    type=click.Path(path_type=Path),  # a folder is refused by warehouse.check_path, in one line
    default=None,
    help=f"Warehouse file [default: ${paths.ENV_DB} or {paths.DEFAULT_DB.relative_to(paths.ROOT)}].",
)


def _db(db: Path | None) -> Path:
    path = paths.db_path(db)
    # dbt's profile and the app read the same variable: keep them on the same file
    os.environ[paths.ENV_DB] = str(path)
    return path


DBT_OPTION = click.option(
    "--dbt", "use_dbt", is_flag=True,
    help="Run dbt itself instead of replaying the recorded build (also: IPBENCH_BUILD=dbt).")
SCHEDULER_OPTION = click.option(
    "--scheduler", "scheduler", metavar="ADDRESS", default=None,
    help="Parse on a Dask cluster: the scheduler's address (tcp://host:8786), or `local` for a cluster of "
         "--jobs worker processes on this machine [default: $IPBENCH_SCHEDULER, else the local process pool].")
NO_WAIT_OPTION = click.option(
    "--no-wait", "no_wait", is_flag=True,
    help="Fail at once (exit 1) when another ingest/build is writing the warehouse, instead of waiting for it.")


class _Size(click.ParamType):
    name = "SIZE"

    def convert(self, value, param, ctx):  # noqa: ANN001 - click's signature
        from ingest.limits import parse_size

        if isinstance(value, int):
            return value
        try:
            size = parse_size(str(value))
        except ValueError as exc:
            self.fail(str(exc), param, ctx)
        if size < 64 * 2**20:
            self.fail(f"{value} is too small to parse anything; give at least 64M", param, ctx)
        return size


def limit_options(command):  # noqa: ANN001, ANN201 - a click decorator
    """--doc-timeout, --doc-memory, --doc-chars, --doc-lines, --doc-cells: the limits per document."""
    from ingest.limits import DEFAULT, show_size

    options = [
        click.option("--doc-timeout", type=click.FloatRange(1, None), default=DEFAULT.timeout, show_default=True,
                     help="Seconds one document may take to parse; a slower one fails alone."),
        click.option("--doc-memory", type=_Size(), default=show_size(DEFAULT.memory), show_default=True,
                     help="Memory (address space) the process parsing one document may use, e.g. 3G."),
        click.option("--doc-chars", type=click.IntRange(1, None), default=DEFAULT.chars, show_default=True,
                     help="Characters of text one document may hold."),
        click.option("--doc-lines", type=click.IntRange(1, None), default=DEFAULT.lines, show_default=True,
                     help="Lines one document may hold."),
        click.option("--doc-cells", type=click.IntRange(1, None), default=DEFAULT.cells, show_default=True,
                     help="Table cells (merged copies included) one document may hold."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _limits(doc_timeout: float, doc_memory: int, doc_chars: int, doc_lines: int, doc_cells: int):  # noqa: ANN202
    from ingest.limits import Limits

    return Limits(timeout=doc_timeout, memory=doc_memory, chars=doc_chars, lines=doc_lines, cells=doc_cells)


def _writable(path: Path) -> Path:
    """Refuse a warehouse path that cannot work (a folder, not DuckDB, a quote or schema name, unwritable)."""
    from ipbench_core.warehouse import WarehouseError, check_path

    try:
        check_path(path, writing=True)
    except WarehouseError as exc:
        _fail(str(exc))
    return path


def _readable(path: Path) -> Path:
    from ipbench_core.warehouse import WarehouseError, check_path

    if not path.exists():
        _fail(f"{path}: no warehouse yet; run `ipbench ingest` and `ipbench build` (or `ipbench all`) first")
    try:
        check_path(path, writing=False)
    except WarehouseError as exc:
        _fail(str(exc))
    return path


def _fail(message: str, code: int = 1) -> None:
    from ingest.printable import printable

    click.secho(f"error: {printable(message)}", fg="red", err=True)
    sys.exit(code)


class _Group(click.Group):
    """Turns expected environment failures (a full disk, a busy or unusable warehouse) into one error line."""

    def invoke(self, ctx: click.Context):
        from ipbench_core.warehouse import WarehouseError

        try:
            return super().invoke(ctx)
        except WarehouseError as exc:
            _fail(str(exc))
        except KeyboardInterrupt:  # Ctrl-C: writers work on a copy, so the warehouse is as it was
            click.secho("interrupted; the warehouse is unchanged by the step that was running", fg="red", err=True)
            sys.exit(130)
        except BrokenPipeError:  # `ipbench export … --out - | head`: the reader has enough
            with contextlib.suppress(OSError):
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(0)
        except OSError as exc:
            where = f"{exc.filename}: " if exc.filename else ""
            hint = "free some disk space and run it again" if exc.errno == 28 else "check the path and its permissions"
            _fail(f"{where}{exc.strerror or exc}; {hint}")


def _next(args: str, path: Path) -> None:
    """Tell the user the exact command to run next (with the --db in use)."""
    click.echo(f"next: {next_command(args, path)}", err=True)


def _document_count(path: Path) -> int:
    """Documents already in the warehouse (0 when the file or its raw layer does not exist yet)."""
    from ipbench_core.warehouse import document_count

    return document_count(path) or 0 if path.exists() else 0


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="ipbench")
@DB_OPTION
def main(db: Path | None) -> None:
    """ipbench: a warehouse and benchmark for the indicators in Chinese regional IP plans.

    --db works before or after the command (`ipbench --db x.duckdb build` = `ipbench build --db x.duckdb`).

    \b
    Typical run:
      ipbench all ~/plans/        # ingest your documents, build, check
      ipbench all                 # build + check what is there (the bundled corpus on an empty warehouse)
      ipbench app                 # browse it on http://localhost:8501
    """
    if db is not None:
        _db(db)


@main.command()
@click.argument("inputs", nargs=-1, type=click.Path(path_type=Path))
@DB_OPTION
@click.option("--catalog", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="Catalog CSV with document metadata [default: the bundled catalog].")
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Parse documents in this many processes.")
@click.option("--force", is_flag=True, help="Re-parse documents even when their sha256 is unchanged (after a parser upgrade).")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar, only the summary.")
@SCHEDULER_OPTION
@NO_WAIT_OPTION
@limit_options
def ingest(inputs: tuple[Path, ...], db: Path | None, catalog: Path | None, jobs: int, force: bool, quiet: bool,
           scheduler: str | None, no_wait: bool, **limits) -> None:
    """Read plan documents into the raw layer of the warehouse.

    With no INPUTS, ingests the bundled corpus (five Zhejiang plans). INPUTS may be files
    or folders of .txt, .md, .docx, .html/.htm and .pdf (with a text layer) files; other
    files in a folder are named as skipped. Re-ingesting an unchanged file changes nothing;
    a changed file replaces its earlier rows. Each document is parsed in a separate process
    within the --doc-* limits; one over a limit fails alone (one error line) and the others load.

    \b
    Examples:
      ipbench ingest
      ipbench ingest ~/plans/ --jobs 2
      ipbench ingest ~/plans/ --scheduler tcp://10.0.0.5:8786   (a Dask cluster; see README)
      ipbench --db /tmp/x.duckdb ingest plan.txt      (or: IPBENCH_DB=/tmp/x.duckdb)
    """
    path = _writable(_db(db))
    summary = _ingest(list(inputs), path, scheduler, catalog=catalog, jobs=jobs, progress=not quiet,
                      force=force, wait=not no_wait, limits=_limits(**limits))
    if not summary.exit_code:
        _next("build", path)
    sys.exit(summary.exit_code)


@main.command()
@DB_OPTION
@click.option("--select", "-s", default=None, help="dbt selection, e.g. 'marts' or '+mart_region_benchmark'.")
@DBT_OPTION
@NO_WAIT_OPTION
def build(db: Path | None, select: str | None, use_dbt: bool, no_wait: bool) -> None:
    """Run `dbt build` (seeds, models, data and unit tests) on the warehouse.

    The build writes to a copy of the warehouse that replaces it only when dbt succeeds,
    so a running app keeps working and a failed build leaves the last good state.
    A real `dbt build` is recorded (dbt's compiled SQL); while the dbt project is unchanged,
    the next builds replay it in one DuckDB connection, without dbt's per-node cost.

    \b
    Examples:
      ipbench build
      ipbench build --dbt          # run dbt itself (full dbt output, records a new plan)
    """
    from ipbench.dbt_runner import run_build

    path = _db(db)
    if not path.exists():
        _fail(f"{path}: no warehouse yet; run `{next_command('ingest PATH', path)}` (or `{next_command('all PATH', path)}`) first")
    code = run_build(_writable(path), select=select, wait=not no_wait, use_dbt=use_dbt)
    if not code:
        _next("check", path)
    sys.exit(code)


@main.command()
@DB_OPTION
@NO_WAIT_OPTION
@click.option("--serve", is_flag=True, help="Serve the docs site on http://localhost:PORT after generating it (Ctrl+C to stop).")
@click.option("--port", default=8080, show_default=True, help="Port for --serve (localhost).")
def docs(db: Path | None, no_wait: bool, serve: bool, port: int) -> None:
    """Generate the dbt docs site (models, lineage, tests) into dbt_project/target/.

    The site needs a web server (it loads its JSON files): `--serve` runs one.

    \b
    Examples:
      ipbench docs --serve                 # then open http://localhost:8080
      ipbench docs --serve --port 8090
    """
    from ipbench.dbt_runner import run_docs

    path = _db(db)
    if not path.exists():
        _fail(f"{path}: no warehouse yet; run `{next_command('all', path)}` first")
    code = run_docs(_writable(path), wait=not no_wait)
    if code:
        sys.exit(code)
    site = paths.DBT_DIR / "target"
    if not serve:
        click.echo(f"docs written to {site / 'index.html'}", err=True)
        _next(f"docs --serve --port {port}   (then open http://localhost:{port})", path)
        sys.exit(0)
    _serve_dir(site, port)


def _serve_dir(site: Path, port: int) -> None:
    """Serve a folder on localhost until Ctrl+C."""
    import functools
    import http.server

    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    try:
        server = http.server.ThreadingHTTPServer(("localhost", port), handler)
    except OSError as exc:
        _fail(f"port {port}: cannot serve the docs ({exc.strerror}); pass another --port")
    click.echo(f"serving {site} on http://localhost:{port}  (Ctrl+C to stop)", err=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


@main.command()
@DB_OPTION
@click.option("--fail-on", type=click.Choice(["none", "error", "warning"]), default="none", show_default=True,
              help="Exit non-zero when findings of this severity (or worse) exist.")
def check(db: Path | None, fail_on: str) -> None:
    """Run the data-quality checks and write the reports next to the warehouse.

    The reports (quality_report.html, quality_report.zh.html, data_docs/) go to reports/
    beside ipbench.duckdb, or to NAME.reports/ beside a warehouse NAME.duckdb; the summary
    names the folder.

    \b
    Exit codes:
      0  the checks ran (findings are data, listed in the report)
      1  findings of the --fail-on severity (or worse) exist
      2  the checks could not run (no warehouse, marts missing, reports not writable)

    \b
    Example:
      ipbench check --fail-on error
    """
    from expectations.check import run_checks

    path = _db(db)
    if not path.exists():
        _fail(f"{path}: no warehouse yet; run `{next_command('all PATH', path)}` first", code=2)
    path = _readable(path)
    code = run_checks(path, fail_on=fail_on)
    if code != 2:
        _next("app", path)
    sys.exit(code)


@main.command()
@click.argument("what", type=click.Choice(["observations", "benchmark", "conflicts"]))
@click.option("--out", "-o", required=True, type=click.Path(path_type=Path),
              help="CSV file to write (UTF-8, header row; written whole or not at all); '-' for standard output.")
@click.option("--excel", is_flag=True,
              help="Write UTF-8 with a byte-order mark, so Excel opens the Chinese text correctly [default: plain UTF-8].")
@click.option("--with-changes", "changes", is_flag=True,
              help="observations: also the growth rates and multiples read from prose (value_kind 'change').")
@DB_OPTION
def export(what: str, out: Path, excel: bool, changes: bool, db: Path | None) -> None:
    """Export a mart as CSV.

    \b
    observations  one row per indicator value, with provenance (growth rates: --with-changes)
    benchmark     one row per region x metric: baseline, target, growth, per-10k, ranks
    conflicts     one row per conflicting-figure finding

    \b
    Example:
      ipbench export observations --out observations.csv
    """
    from ipbench.export import ExportError, export_csv

    path = _db(db)
    if not path.exists():
        _fail(f"{path}: no warehouse yet; run `{next_command('all PATH', path)}` first")
    path = _readable(path)
    try:
        n = export_csv(what, path, out, excel=excel, changes=changes)
    except ExportError as exc:
        _fail(str(exc))
    if str(out) != "-":
        click.echo(f"wrote {n} rows to {out}", err=True)


@main.command()
@DB_OPTION
@click.option("--port", default=8501, show_default=True, help="Port to serve on (localhost).")
def app(db: Path | None, port: int) -> None:
    """Serve the Streamlit app on http://localhost:PORT.

    \b
    Example:
      ipbench app --port 8502
    """
    _db(db)
    cmd = [sys.executable, "-m", "streamlit", "run", str(paths.APP_ENTRY),
           "--server.address", "localhost", "--server.port", str(port),
           "--server.headless", "true", "--browser.gatherUsageStats", "false",
           "--client.toolbarMode", "minimal"]
    click.echo(f"serving {paths.db_path()} on http://localhost:{port}  (Ctrl+C to stop)", err=True)
    sys.stdout.flush()
    sys.stderr.flush()
    # become the streamlit process, so signals (Ctrl+C, SIGTERM) reach it directly
    os.execv(sys.executable, cmd)


@main.command()
@click.option("--out", "-o", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder to write the documents and ground_truth.csv to (created if missing).")
@click.option("--regions", type=click.Choice(["zhejiang", "china"]), default="zhejiang", show_default=True,
              help="Region list to draw from.")
@click.option("--docs", "-n", type=click.IntRange(1, 1_000_000), default=100, show_default=True,
              help="Number of documents to write.")
@click.option("--seed", type=int, default=0, show_default=True, help="Random seed (same seed, same corpus).")
def synth(out: Path, regions: str, docs: int, seed: int) -> None:
    """Write a synthetic corpus of plan-like documents with a ground-truth CSV.

    Every layout the parsers support appears (tab and pipe tables with merged cells, prose
    targets, year lists, 万/亿 multipliers, qualifiers, drafts that differ from finals).

    \b
    Example:
      ipbench synth --out /tmp/synth --docs 1000 --seed 7 && ipbench ingest /tmp/synth --jobs 2
    """
    from ipbench_dev.synth import write_corpus

    summary = write_corpus(out, regions=regions, docs=docs, seed=seed)
    click.echo(summary, err=True)


@main.command(name="eval")
@click.option("--set", "sets", multiple=True, metavar="NAME",
              help="Score only this set of tests/realdocs (repeatable) [default: every set].")
@click.option("--csv", "csv_out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the per-figure result (matched, miss cause, false positive) to this CSV file.")
@click.option("--summary", is_flag=True, help="Print the scores only, not the per-document table and the misses.")
@click.option("--held-out", "held_out", is_flag=True,
              help="Also list the held-out documents and their misses (read them only when a piece of work is done).")
@click.option("--metrics", is_flag=True, hidden=True, help="Accepted for compatibility: metric mapping is always scored.")
def eval_(sets: tuple[str, ...], csv_out: Path | None, summary: bool, held_out: bool, metrics: bool) -> None:
    """Score ipbench on the labelled real documents the way a user meets it.

    Each set in tests/realdocs is ingested without a catalog (unless the set ships one),
    built and exported in a temporary warehouse; the export is compared with the set's
    gold.csv (matching rule: tests/realdocs/README.md). Prints recall and precision for
    table and prose figures per set and split, the share of matched figures with the right
    kind, year, region, unit and a metric, a per-document table and the misses by cause.
    Exit 0 whatever the score: it is a measurement.

    \b
    Examples:
      ipbench eval --summary
      ipbench eval --set set-b --csv /tmp/set-b.csv
    """
    from ipbench.evaluate import EVAL_ROOT, evaluate, print_report, set_names, write_csv

    known = set_names()
    unknown = [s for s in sets if s not in known]
    if unknown:
        _fail(f"no evaluation set {', '.join(unknown)} in {EVAL_ROOT}; the sets are: {', '.join(known)}")
    try:
        results = evaluate(list(sets) or None)
    except (RuntimeError, ValueError) as exc:
        _fail(str(exc).splitlines()[0])
    print_report(results, details=not summary, held_out=held_out)
    if csv_out:
        n = write_csv(results, csv_out)
        click.echo(f"wrote {n} rows to {csv_out}", err=True)


def _ingest(inputs: list[Path], path: Path, scheduler: str | None, **options):  # noqa: ANN202 - a pipeline.Summary
    """run_ingest, on the Dask cluster named by --scheduler / $IPBENCH_SCHEDULER if any (a scheduler that cannot
    be used is one error line and exit 1, the warehouse untouched)."""
    from ingest.parse_dask import SchedulerError, scheduler_for
    from ingest.pipeline import Summary, run_ingest

    try:
        return run_ingest(inputs, path, scheduler=scheduler_for(scheduler, options["jobs"], options["limits"]),
                          **options)
    except SchedulerError as exc:
        click.secho(f"error: {exc}", fg="red", err=True)
        return Summary(errors=[str(exc)], aborted=True)


@main.command(name="all")
@click.argument("inputs", nargs=-1, type=click.Path(path_type=Path))
@DB_OPTION
@NO_WAIT_OPTION
@click.option("--bundled", is_flag=True, help="Also ingest the bundled corpus (five Zhejiang plans).")
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Parse documents in this many processes.")
@SCHEDULER_OPTION
@DBT_OPTION
@limit_options
def all_(inputs: tuple[Path, ...], db: Path | None, no_wait: bool, bundled: bool, jobs: int, scheduler: str | None,
         use_dbt: bool, **limits) -> None:
    """Ingest INPUTS (if any), build the warehouse, run the checks.

    With no INPUTS the documents already in the warehouse are built and checked; the bundled
    corpus is ingested only into a warehouse that has no documents yet, or with --bundled.

    \b
    Examples:
      ipbench all ~/plans/           # your documents
      ipbench all                    # rebuild + recheck what is there (bundled corpus on a new warehouse)
      ipbench all --bundled          # add the bundled corpus to this warehouse
    """
    from ipbench.dbt_runner import run_build
    from ipbench.early_check import EarlyCheck

    path = _writable(_db(db))
    check = EarlyCheck(path, _check_all)  # imports GX in a child process while ingest and build run
    sources: list[list[Path]] = []
    if inputs:
        sources.append(list(inputs))
    if bundled:
        sources.append([])  # run_ingest: no inputs = the bundled corpus
    if not sources:
        existing = _document_count(path)
        if existing:
            click.echo(f"{path}: {existing} documents already in the warehouse; building and checking them "
                       "(to add documents: ipbench all PATH ..., or --bundled for the bundled corpus)", err=True)
        else:
            click.echo(f"{path}: no documents yet; ingesting the bundled corpus (five Zhejiang plans)", err=True)
            sources.append([])
    for batch in sources:
        summary = _ingest(batch, path, scheduler, progress=True, jobs=jobs, wait=not no_wait, limits=_limits(**limits))
        if summary.exit_code:
            check.cancel()
            sys.exit(summary.exit_code)
    code = run_build(path, wait=not no_wait, use_dbt=use_dbt)
    if code:
        check.cancel()
        sys.exit(code)
    code = check.run()
    if not code:
        _next("app", path)
    sys.exit(code)


def _check_all(path: Path) -> int:
    from expectations.check import run_checks

    return run_checks(path, fail_on="none")


def _register_metrics() -> None:
    from ipbench.metrics import metrics

    main.add_command(metrics)


_register_metrics()


if __name__ == "__main__":
    main()
