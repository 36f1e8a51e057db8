"""The `ipbench` CLI as a user meets it: `all [PATH ...]`, exact next-command hints with --db, docs, check exit codes."""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import IPBENCH, query, run_cli
from ipbench_core import paths
from ipbench_core.hints import next_command


def test_next_command_names_the_db_unless_it_is_the_default(tmp_path: Path) -> None:
    assert next_command("build", paths.DEFAULT_DB) == "ipbench build"
    db = tmp_path / "my plans" / "w.duckdb"
    assert next_command("check", db) == f"ipbench --db '{db}' check"


def test_build_without_a_warehouse_hints_the_exact_command(tmp_path: Path) -> None:
    db = tmp_path / "none.duckdb"
    proc = run_cli("build", db=db)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert proc.stderr.strip().splitlines() == [
        f"error: {db}: no warehouse yet; run `ipbench --db {db} ingest PATH` (or `ipbench --db {db} all PATH`) first"
    ]


def test_check_exit_code_2_when_the_checks_cannot_run(tmp_path: Path) -> None:
    db = tmp_path / "none.duckdb"
    proc = run_cli("check", db=db)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert f"ipbench --db {db} all PATH" in proc.stderr


def test_docs_without_a_warehouse_hints_the_exact_command(tmp_path: Path) -> None:
    db = tmp_path / "none.duckdb"
    proc = run_cli("docs", "--serve", db=db)
    assert proc.returncode == 1
    assert f"run `ipbench --db {db} all` first" in proc.stderr


def test_all_on_an_unreadable_warehouse_is_one_line(tmp_path: Path) -> None:
    db = tmp_path / "garbage.duckdb"
    db.write_bytes(b"not a database" * 200)
    proc = run_cli("all", db=db)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    (line,) = proc.stderr.strip().splitlines()
    assert line.startswith(f"error: {db}: ") and "not a DuckDB warehouse file" in line and "--db" in line
    assert db.read_bytes() == b"not a database" * 200  # nothing was ingested into it


def test_all_help_documents_paths_and_bundled() -> None:
    proc = run_cli("all", "--help")
    assert proc.returncode == 0
    assert "[INPUTS]..." in proc.stdout and "--bundled" in proc.stdout


@pytest.mark.slow
@pytest.mark.process
def test_all_does_not_ingest_the_bundled_corpus_into_a_warehouse_with_documents(ingested_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "mine.duckdb"
    shutil.copy2(ingested_db, db)
    # a user's warehouse holding one document only (not the bundled five)
    import duckdb

    with duckdb.connect(str(db)) as con:
        (keep,) = con.execute("select min(document_id) from raw.documents").fetchone()
        for table in ("figures", "table_cells", "tables", "document_lines", "ingest_warnings"):
            with contextlib.suppress(duckdb.Error):
                con.execute(f"delete from raw.{table} where document_id <> ?", [keep])
        con.execute("delete from raw.documents where document_id <> ?", [keep])
    proc = run_cli("all", db=db)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "1 documents already in the warehouse" in proc.stderr
    assert query(db, "select count(*) from raw.documents") == [(1,)]
    assert query(db, "select count(distinct document_id) from main.dim_document") == [(1,)]
    assert proc.stderr.strip().splitlines()[-1] == f"next: ipbench --db {db} app"


@pytest.mark.slow
@pytest.mark.process
def test_all_ingests_the_bundled_corpus_into_a_new_warehouse(tmp_path: Path) -> None:
    db = tmp_path / "new.duckdb"
    proc = run_cli("all", db=db)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "no documents yet; ingesting the bundled corpus" in proc.stderr
    assert query(db, "select count(*) from raw.documents") == [(5,)]
    assert query(db, "select count(*) from main.mart_quality_findings") != [(0,)]
    assert (paths.reports_dir(db) / "quality_report.html").is_file()


@pytest.mark.slow
@pytest.mark.process
def test_docs_serve_serves_the_site(built_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "docs.duckdb"
    shutil.copy2(built_db, db)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env_db = {paths.ENV_DB: str(db)}
    import os

    proc = subprocess.Popen([*IPBENCH, "docs", "--serve", "--port", str(port)], cwd=paths.ROOT,
                            env=dict(os.environ, **env_db), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 240
        body = ""
        while time.monotonic() < deadline and proc.poll() is None:
            with contextlib.suppress(OSError):
                with urllib.request.urlopen(f"http://localhost:{port}/index.html", timeout=2) as resp:
                    body = resp.read().decode("utf-8", "replace")
                    break
            time.sleep(0.5)
        assert proc.poll() is None, proc.communicate()[1][-2000:]
        assert "<html" in body.lower()
        with urllib.request.urlopen(f"http://localhost:{port}/catalog.json", timeout=5) as resp:
            assert b"mart_region_benchmark" in resp.read()
    finally:
        proc.terminate()
        proc.wait(timeout=15)
    assert sys.executable


def test_two_warehouses_in_one_folder_keep_their_own_reports(tmp_path: Path) -> None:
    assert paths.reports_dir(tmp_path / "ipbench.duckdb") == tmp_path / "reports"
    assert paths.reports_dir(tmp_path / "a.duckdb") == tmp_path / "a.reports"
    assert paths.reports_dir(tmp_path / "b.duckdb") == tmp_path / "b.reports"
