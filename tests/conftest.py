"""Shared fixtures: a warehouse ingested from the bundled corpus, then built with dbt, then checked."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from ipbench_core import paths

IPBENCH = [sys.executable, "-m", "ipbench.cli"]


def run_cli(*args: str, db: Path | None = None, check: bool = False, timeout: int = 900) -> subprocess.CompletedProcess[str]:
    """Run the real `ipbench` CLI in a subprocess and capture its output."""
    env = dict(os.environ)
    if db is not None:
        env[paths.ENV_DB] = str(db)
    proc = subprocess.run([*IPBENCH, *args], capture_output=True, text=True, env=env, timeout=timeout, cwd=paths.ROOT)
    if check and proc.returncode != 0:
        raise AssertionError(f"ipbench {' '.join(args)} exited {proc.returncode}\n{proc.stdout}\n{proc.stderr}")
    return proc


def query(db: Path, sql: str, params: list | None = None) -> list[tuple]:
    """Run one read-only query against a warehouse file."""
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


@pytest.fixture(scope="session")
def ingested_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A warehouse holding only the raw layer of the bundled corpus (do not modify)."""
    db = tmp_path_factory.mktemp("ingested") / "ipbench.duckdb"
    run_cli("ingest", "--quiet", db=db, check=True)
    return db


@pytest.fixture(scope="session")
def built_db(ingested_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled corpus ingested and built by a real `dbt build` (do not modify); it records the build plan
    that the other builds of the session replay. `make test-fast` (IPBENCH_TEST_DBT=0) replays the plan instead."""
    db = tmp_path_factory.mktemp("built") / "ipbench.duckdb"
    shutil.copy2(ingested_db, db)
    use_dbt = os.environ.get("IPBENCH_TEST_DBT", "1") != "0"
    run_cli("build", *(["--dbt"] if use_dbt else []), db=db, check=True)
    return db


@pytest.fixture(scope="session")
def checked_db(built_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built warehouse after `ipbench check` (reports next to it, in reports/)."""
    db = tmp_path_factory.mktemp("checked") / "ipbench.duckdb"
    shutil.copy2(built_db, db)
    run_cli("check", db=db, check=True)
    return db
