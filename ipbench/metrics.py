"""`ipbench metrics`: the metric registry, the review list of unmapped labels, and user aliases."""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import click
import duckdb

from ingest.printable import printable
from ipbench_core import paths

_UNMAPPED_SQL = """
select
    indicator_key,
    arg_max(indicator_label, n_figures) as label,
    sum(n_figures)::bigint as n_figures,
    count(distinct document_id) as n_documents,
    string_agg(distinct document_id, ', ' order by document_id) as documents,
    any_value(best_candidate_metric_id) as best_candidate,
    any_value(differing_parts) as differing_parts,
from main.mart_unmapped_indicators
group by indicator_key
order by n_figures desc, n_documents desc, indicator_key
"""


def _fail(message: str) -> None:
    click.secho(f"error: {printable(message)}", fg="red", err=True)
    sys.exit(1)


def _db_option(f):  # noqa: ANN001, ANN202 - click decorator
    return click.option("--db", "db", type=click.Path(dir_okay=False, path_type=Path), default=None,
                        help=f"Warehouse file [default: ${paths.ENV_DB} or warehouse/ipbench.duckdb].")(f)


def unmapped_rows(db: Path) -> list[dict[str, object]]:
    """One dict per unmapped label (over all documents), most figures first."""
    with duckdb.connect(str(db), read_only=True) as con:
        cur = con.execute(_UNMAPPED_SQL)
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row)) for row in cur.fetchall()]


@click.group()
def metrics() -> None:
    """The metric registry and the review loop for labels no metric matches.

    \b
    Examples:
      ipbench metrics list --grep 专利
      ipbench metrics unmapped
      ipbench metrics accept "每万人口有效发明专利量" invention_patents_per_10k
      ipbench build                 # the next build maps the accepted label
    """


@metrics.command(name="list")
@click.option("--grep", "pattern", default=None, help="Only metrics whose id or Chinese name contains this text.")
def list_(pattern: str | None) -> None:
    """List the registry: metric_id, unit (with denominator) and Chinese name.

    \b
    Example:
      ipbench metrics list --grep 商标
    """
    with open(paths.SEEDS_DIR / "metrics.csv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if pattern and pattern not in row["metric_id"] and pattern not in row["name_zh"]:
                continue
            unit = row.get("canonical_unit_full") or row["canonical_unit"]
            click.echo(f"{row['metric_id']}\t{unit}\t{row['name_zh']}")


@metrics.command()
@_db_option
@click.option("--limit", "-n", type=click.IntRange(1), default=None, help="Show only the first N labels.")
@click.option("--csv", "as_csv", is_flag=True, help="Write CSV (UTF-8, header row) to standard output.")
def unmapped(db: Path | None, limit: int | None, as_csv: bool) -> None:
    """List the labels no alias or rule maps: how many figures and documents carry each, the best
    candidate metric (same IP object) and the parts that differ from it.

    \b
    Examples:
      ipbench metrics unmapped -n 20
      ipbench metrics unmapped --csv > unmapped.csv
    """
    path = paths.db_path(db)
    if not path.exists():
        _fail(f"{path}: no warehouse yet; run `ipbench all` (or ingest + build) first")
    try:
        rows = unmapped_rows(path)
    except duckdb.Error as exc:
        if "mart_unmapped_indicators" in str(exc):
            _fail(f"{path}: not built yet; run `ipbench build` first")
        _fail(f"{path}: {' '.join(str(exc).split())}")
    rows = rows[:limit] if limit else rows
    columns = ["label", "n_figures", "n_documents", "documents", "best_candidate", "differing_parts", "indicator_key"]
    if as_csv:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(columns)
        for r in rows:
            writer.writerow(["" if r[c] is None else r[c] for c in columns])
        return
    if not rows:
        click.echo("every label maps to a metric")
        return
    for r in rows:
        click.echo(printable(f"{r['label']}") + f"\t{r['n_figures']} figure(s) in {r['n_documents']} document(s): "
                   + printable(str(r["documents"])))
        cand = r["best_candidate"] or "-"
        click.echo(printable(f"    best candidate: {cand}; differs: {r['differing_parts'] or '-'}"))
    click.echo(f"{len(rows)} unmapped label(s). Map one with: ipbench metrics accept LABEL METRIC_ID", err=True)


@metrics.command()
@click.argument("label")
@click.argument("metric_id")
@_db_option
def accept(label: str, metric_id: str, db: Path | None) -> None:
    """Record LABEL -> METRIC_ID in the project-local user alias file; the next `ipbench build` uses it.

    The file is user_metric_aliases.csv next to the warehouse (or $IPBENCH_ALIASES). LABEL is
    normalized like every label (units in brackets, 全省/全市, spaces and punctuation dropped).

    \b
    Example:
      ipbench metrics accept "每万人口有效发明专利量" invention_patents_per_10k && ipbench build
    """
    from ipbench.user_aliases import AliasError, accept as record

    path = paths.user_aliases_path(paths.db_path(db))
    try:
        alias = record(path, label, metric_id)
    except AliasError as exc:
        _fail(str(exc))
    click.echo(f"recorded {alias.indicator_key} -> {alias.metric_id} in {path}; run `ipbench build` to apply", err=True)
