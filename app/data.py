"""Read-only access to the warehouse marts: one attachment per file version, a cursor per query, results cached per version."""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import streamlit as st

from ipbench_core import paths

# the table whose presence means "the warehouse has been built"
BUILT_MARKER = ("main", "fct_indicator_observation")

Stamp = tuple[str, int, int, int]  # path, inode, mtime_ns, size: changes whenever a build swaps the file in


@dataclass(frozen=True)
class Status:
    """Whether the warehouse can be shown: ok, missing (no file), empty (not built) or broken (unreadable)."""

    state: str
    path: Path
    detail: str = ""

    @property
    def ok(self) -> bool:
        return self.state == "ok"


def db_file() -> Path:
    """The warehouse file the app reads ($IPBENCH_DB or warehouse/ipbench.duckdb)."""
    return paths.db_path()


def stamp(path: Path | None = None) -> Stamp | None:
    """Identity of the current warehouse file; None when it does not exist."""
    path = path or db_file()
    try:
        st_ = os.stat(path)
    except FileNotFoundError:
        return None
    return (str(path), st_.st_ino, st_.st_mtime_ns, st_.st_size)


_ATTACHED: dict[Stamp, duckdb.DuckDBPyConnection] = {}
_ATTACH_LOCK = threading.Lock()


def _cursor(file: Stamp) -> duckdb.DuckDBPyConnection:
    """A cursor on the warehouse file version `file`, attached read-only once per version.

    A build swaps the file in with os.replace, so an attachment is kept per file version (path,
    inode, mtime, size): a new version gets a new attachment and never the old inode. The file is
    ATTACHed to an in-memory database rather than opened with duckdb.connect(path, read_only=True):
    connect() shares one database instance per path within the process, which could hand a new
    version's query the old inode. Opening and attaching costs ~40 ms at 50,000 documents, about as
    much as a page's queries; the version before the current one stays open for queries still
    running on it, older ones are closed.
    """
    with _ATTACH_LOCK:
        con = _ATTACHED.get(file)
        if con is None:
            con = duckdb.connect(":memory:")
            con.execute("attach ? as warehouse (read_only)", [file[0]])
            for old in list(_ATTACHED)[:-1]:
                _ATTACHED.pop(old).close()
            _ATTACHED[file] = con
        return con.cursor()


def run_on(file: Stamp, sql: str, params: tuple[Any, ...] | list[Any] = ()) -> pd.DataFrame:
    """One read-only query on the file version `file`, uncached (its own cursor)."""
    with _cursor(file) as cur:
        cur.execute("use warehouse")
        return cur.execute(sql, list(params)).df()


@st.cache_data(show_spinner=False, max_entries=512)
def _cached(sql: str, params: tuple[Any, ...], file: Stamp) -> pd.DataFrame:
    return run_on(file, sql, params)


def query(sql: str, params: tuple[Any, ...] | list[Any] = ()) -> pd.DataFrame:
    """Run one read-only query against the current warehouse file (cached until the file changes)."""
    file = stamp()
    if file is None:
        raise FileNotFoundError(str(db_file()))
    return _cached(sql, tuple(params), file)


def clear_cache() -> None:
    """Forget every cached query result (used by ipbench_dev/bench_render.py for cold runs)."""
    _cached.clear()


def tables() -> set[str]:
    """Every 'schema.table' in the warehouse (tables and views)."""
    df = query(
        "select table_schema || '.' || table_name as t from information_schema.tables where table_catalog = current_database()"
    )
    return set(df["t"])


def has_table(name: str) -> bool:
    """Whether 'schema.table' exists in the current warehouse."""
    return name in tables()


def columns(name: str) -> set[str]:
    """The columns of 'schema.table' in the current warehouse (empty when it does not exist)."""
    schema, _, table = name.partition(".")
    df = query(
        "select column_name from information_schema.columns where table_catalog = current_database() "
        "and table_schema = ? and table_name = ?",
        (schema, table),
    )
    return set(df["column_name"])


def status() -> Status:
    """Check the warehouse before rendering a page: never raises."""
    path = db_file()
    if stamp(path) is None:
        return Status("missing", path)
    try:
        found = tables()
    except duckdb.Error as exc:
        return Status("broken", path, str(exc).splitlines()[0])
    if ".".join(BUILT_MARKER) not in found:
        return Status("empty", path)
    return Status("ok", path)
