"""Read-only access to the warehouse marts: one short-lived connection per query, results cached per file version."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import streamlit as st

from ipbench import paths

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


def _run(path: str, sql: str, params: tuple[Any, ...]) -> pd.DataFrame:
    """One query on a connection opened for it alone, read-only.

    A build swaps the file in with os.replace, so a connection held across reruns would keep
    reading the old inode. The file is ATTACHed to a fresh in-memory database rather than opened
    with duckdb.connect(path, read_only=True): connect() shares one database instance per path
    within the process, so while any other session still had the old file open, a new
    connection would be handed the old inode too (and its result cached under the new stamp).
    """
    with duckdb.connect(":memory:") as con:
        con.execute("attach ? as warehouse (read_only)", [path])
        con.execute("use warehouse")
        return con.execute(sql, list(params)).df()


@st.cache_data(show_spinner=False, max_entries=512)
def _cached(sql: str, params: tuple[Any, ...], file: Stamp) -> pd.DataFrame:
    return _run(file[0], sql, params)


def query(sql: str, params: tuple[Any, ...] | list[Any] = ()) -> pd.DataFrame:
    """Run one read-only query against the current warehouse file (cached until the file changes)."""
    file = stamp()
    if file is None:
        raise FileNotFoundError(str(db_file()))
    return _cached(sql, tuple(params), file)


def clear_cache() -> None:
    """Forget every cached query result (used by app/bench_render.py for cold runs)."""
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
