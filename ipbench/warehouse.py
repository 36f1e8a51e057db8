"""Warehouse file handling: writers work on a copy that is swapped in atomically, readers open read-only."""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import duckdb


@contextlib.contextmanager
def writable_copy(db: Path) -> Iterator[Path]:
    """Yield a private copy of `db` to write to; on success it replaces `db` atomically.

    Readers holding the old file keep reading it (POSIX rename semantics); a crash or an
    exception leaves `db` exactly as it was and removes the copy.
    """
    db.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_copies(db)
    tmp = db.with_name(f".{db.name}.{os.getpid()}.tmp")
    for stale in (tmp, tmp.with_name(tmp.name + ".wal")):
        stale.unlink(missing_ok=True)
    if db.exists():
        shutil.copy2(db, tmp)
    try:
        yield tmp
        # fold any WAL into the file before the swap
        with duckdb.connect(str(tmp)) as con:
            con.execute("checkpoint")
        os.replace(tmp, db)
    finally:
        tmp.unlink(missing_ok=True)
        tmp.with_name(tmp.name + ".wal").unlink(missing_ok=True)


def remove_stale_copies(db: Path) -> list[Path]:
    """Delete copies left by writers that were killed (their process no longer exists)."""
    removed = []
    for tmp in db.parent.glob(f".{db.name}.*.tmp*"):
        pid = tmp.name[len(db.name) + 2:].split(".")[0]
        if pid.isdigit() and not _alive(int(pid)):
            tmp.unlink(missing_ok=True)
            removed.append(tmp)
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class WarehouseError(Exception):
    """The warehouse file is missing or cannot be opened; the message says what to do."""


def connect_read_only(db: Path) -> duckdb.DuckDBPyConnection:
    """A read-only connection (never blocks a writer, which works on a copy); one-line errors."""
    if not db.exists():
        raise WarehouseError(f"{db}: no warehouse yet; run `ipbench all` (or `ipbench ingest` and `ipbench build`) first")
    try:
        return duckdb.connect(str(db), read_only=True)
    except duckdb.Error as exc:
        raise WarehouseError(f"{db}: cannot open the warehouse read-only ({' '.join(str(exc).split())}); "
                             "is it a DuckDB file?") from exc


def main_tables(con: duckdb.DuckDBPyConnection) -> set[str]:
    """Names of the tables and views dbt built (schema main)."""
    return {row[0] for row in con.execute(
        "select table_name from information_schema.tables where table_schema = 'main'").fetchall()}
