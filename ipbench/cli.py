"""The `ipbench` command line: ingest, build, check, export, app, all."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from ipbench import paths

DB_OPTION = click.option(
    "--db",
    "db",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help=f"Warehouse file [default: ${paths.ENV_DB} or {paths.DEFAULT_DB.relative_to(paths.ROOT)}].",
)


def _db(db: Path | None) -> Path:
    path = paths.db_path(db)
    # dbt's profile and the app read the same variable: keep them on the same file
    os.environ[paths.ENV_DB] = str(path)
    return path


def _fail(message: str, code: int = 1) -> None:
    click.secho(f"error: {message}", fg="red", err=True)
    sys.exit(code)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="ipbench")
@DB_OPTION
def main(db: Path | None) -> None:
    """ipbench: a warehouse and benchmark for the indicators in Chinese regional IP plans.

    --db works before or after the command (`ipbench --db x.duckdb build` = `ipbench build --db x.duckdb`).

    \b
    Typical run (what `make build` does):
      ipbench all                 # ingest the bundled corpus, build, check
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
def ingest(inputs: tuple[Path, ...], db: Path | None, catalog: Path | None, jobs: int, force: bool, quiet: bool) -> None:
    """Read plan documents into the raw layer of the warehouse.

    With no INPUTS, ingests the bundled corpus (five Zhejiang plans). INPUTS may be files
    or folders of .txt files. Re-ingesting an unchanged file changes nothing; a changed
    file replaces its earlier rows.

    \b
    Examples:
      ipbench ingest
      ipbench ingest ~/plans/ --jobs 2
      ipbench --db /tmp/x.duckdb ingest plan.txt      (or: IPBENCH_DB=/tmp/x.duckdb)
    """
    from ingest.pipeline import run_ingest

    summary = run_ingest(list(inputs), _db(db), catalog=catalog, jobs=jobs, progress=not quiet, force=force)
    sys.exit(summary.exit_code)


@main.command()
@DB_OPTION
@click.option("--select", "-s", default=None, help="dbt selection, e.g. 'marts' or '+mart_region_benchmark'.")
def build(db: Path | None, select: str | None) -> None:
    """Run `dbt seed` and `dbt build` (models + data and unit tests) on the warehouse.

    The build writes to a copy of the warehouse that replaces it only when dbt succeeds,
    so a running app keeps working and a failed build leaves the last good state.

    \b
    Example:
      ipbench build
    """
    from ipbench.dbt_runner import run_build

    path = _db(db)
    if not path.exists():
        _fail(f"{path}: no warehouse yet; run `ipbench ingest` (or `ipbench all`) first")
    sys.exit(run_build(path, select=select))


@main.command()
@DB_OPTION
def docs(db: Path | None) -> None:
    """Generate the dbt docs site (models, lineage, tests) into dbt_project/target/.

    \b
    Example:
      ipbench docs && python -m http.server -d dbt_project/target 8080
    """
    from ipbench.dbt_runner import run_docs

    path = _db(db)
    if not path.exists():
        _fail(f"{path}: no warehouse yet; run `ipbench all` first")
    sys.exit(run_docs(path))


@main.command()
@DB_OPTION
@click.option("--fail-on", type=click.Choice(["none", "error", "warning"]), default="none", show_default=True,
              help="Exit non-zero when findings of this severity (or worse) exist.")
def check(db: Path | None, fail_on: str) -> None:
    """Run the data-quality checks and write the reports under warehouse/reports/.

    \b
    Example:
      ipbench check --fail-on error
    """
    from expectations.check import run_checks

    path = _db(db)
    if not path.exists():
        _fail(f"{path}: no warehouse yet; run `ipbench all` first")
    sys.exit(run_checks(path, fail_on=fail_on))


@main.command()
@click.argument("what", type=click.Choice(["observations", "benchmark", "conflicts"]))
@click.option("--out", "-o", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="CSV file to write (UTF-8, header row); '-' for standard output.")
@DB_OPTION
def export(what: str, out: Path, db: Path | None) -> None:
    """Export a mart as CSV.

    \b
    observations  one row per figure, with provenance
    benchmark     one row per region x metric: baseline, target, growth, per-10k, ranks
    conflicts     one row per conflicting-figure finding

    \b
    Example:
      ipbench export observations --out observations.csv
    """
    from ipbench.export import ExportError, export_csv

    path = _db(db)
    if not path.exists():
        _fail(f"{path}: no warehouse yet; run `ipbench all` first")
    try:
        n = export_csv(what, path, out)
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
    from ingest.synth import write_corpus

    summary = write_corpus(out, regions=regions, docs=docs, seed=seed)
    click.echo(summary, err=True)


@main.command(name="eval")
@click.option("--summary", is_flag=True, help="Print the scores only, not the misses and false positives.")
def eval_(summary: bool) -> None:
    """Score prose extraction on the labelled real texts in tests/realdocs.

    Example: ipbench eval --summary
    """
    from ipbench.evaluate import evaluate, print_report

    print_report(evaluate(), details=not summary)


@main.command(name="all")
@DB_OPTION
@click.pass_context
def all_(ctx: click.Context, db: Path | None) -> None:
    """Ingest the bundled corpus, build the warehouse, run the checks.

    \b
    Example:
      ipbench all
    """
    from ingest.pipeline import run_ingest
    from ipbench.dbt_runner import run_build

    path = _db(db)
    summary = run_ingest([], path, progress=True)
    if summary.exit_code:
        sys.exit(summary.exit_code)
    code = run_build(path)
    if code:
        sys.exit(code)
    try:
        from expectations.check import run_checks
    except ImportError:  # the quality checks are optional until they exist
        sys.exit(0)
    sys.exit(run_checks(path, fail_on="none"))


if __name__ == "__main__":
    main()
