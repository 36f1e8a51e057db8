"""The project-local user alias file (`ipbench metrics accept`): read, validate, append, load into raw."""

from __future__ import annotations

import csv
import datetime as dt
import sys
from dataclasses import dataclass
from pathlib import Path

import duckdb

from ipbench_core import paths

COLUMNS = ["indicator_key", "metric_id", "label_as_written", "accepted_at"]


class AliasError(Exception):
    """A user alias cannot be recorded; the message is one line."""


@dataclass(frozen=True)
class UserAlias:
    indicator_key: str
    metric_id: str
    label_as_written: str
    accepted_at: str


def metric_ids() -> set[str]:
    """Every metric_id of the registry (the metrics seed)."""
    with open(paths.SEEDS_DIR / "metrics.csv", encoding="utf-8", newline="") as fh:
        return {row["metric_id"] for row in csv.DictReader(fh)}


def read_aliases(path: Path, warn: bool = True) -> list[UserAlias]:
    """The valid rows of the alias file; a bad row is reported (file:line) and skipped, never fatal."""
    if not path.exists():
        return []
    known = metric_ids()
    rows: list[UserAlias] = []
    with open(path, encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in ("indicator_key", "metric_id") if c not in (reader.fieldnames or [])]
        if missing:
            if warn:
                print(f"warning: {path}: no column {', '.join(missing)} in the header; user aliases ignored "
                      f"(expected {','.join(COLUMNS)})", file=sys.stderr)
            return []
        for line_no, row in enumerate(reader, start=2):
            key = (row.get("indicator_key") or "").strip()
            metric = (row.get("metric_id") or "").strip()
            if not key or metric not in known:
                if warn:
                    why = "empty indicator_key" if not key else f"unknown metric_id {metric!r}"
                    print(f"warning: {path}:{line_no}: {why}; row skipped (fix or delete the line)", file=sys.stderr)
                continue
            rows.append(UserAlias(key, metric, row.get("label_as_written") or "", row.get("accepted_at") or ""))
    return rows


def accept(path: Path, label: str, metric_id: str) -> UserAlias:
    """Append LABEL → METRIC_ID to the alias file (created with a header when missing)."""
    from ingest.labels import indicator_key

    if metric_id not in metric_ids():
        raise AliasError(f"unknown metric_id {metric_id!r}; list them with `ipbench metrics list`")
    key = indicator_key(label)
    if not key:
        raise AliasError(f"label {label!r} is empty once normalized; pass the label as written in the plan")
    alias = UserAlias(key, metric_id, label.strip(), dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"))
    path.parent.mkdir(parents=True, exist_ok=True)
    new = not path.exists() or path.stat().st_size == 0
    with open(path, "a", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        if new:
            writer.writerow(COLUMNS)
        writer.writerow([alias.indicator_key, alias.metric_id, alias.label_as_written, alias.accepted_at])
    return alias


def load_into(con: duckdb.DuckDBPyConnection, path: Path) -> int:
    """Replace raw.user_metric_aliases with the valid rows of `path` (the table exists afterwards, maybe empty)."""
    rows = read_aliases(path)
    con.execute("create schema if not exists raw")
    con.execute("""create table if not exists raw.user_metric_aliases (
        indicator_key varchar not null, metric_id varchar not null,
        label_as_written varchar, accepted_at varchar)""")
    con.execute("delete from raw.user_metric_aliases")
    if rows:
        con.executemany("insert into raw.user_metric_aliases values (?, ?, ?, ?)",
                        [(a.indicator_key, a.metric_id, a.label_as_written, a.accepted_at) for a in rows])
    return len(rows)
