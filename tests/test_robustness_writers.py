"""Writers of one warehouse are serialized (real processes): nothing a concurrent writer did is lost, busy is said clearly."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import duckdb
import pytest

from ipbench_core import paths
from ipbench_core.warehouse import WarehouseError, copy_path, writable_copy, writer_lock
from ipbench_dev.synth import write_corpus
from tests.conftest import IPBENCH, query, run_cli

GOOD = "004_23912eeb5c1d89d5"


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _start(*args: str, db: Path) -> subprocess.Popen[str]:
    """Start a real writer; its output goes to a file, so a chatty dbt never blocks on a full pipe."""
    env = {**os.environ, paths.ENV_DB: str(db)}
    err = tempfile.TemporaryFile(mode="w+", encoding="utf-8")
    proc = subprocess.Popen([*IPBENCH, *args], env=env, cwd=paths.ROOT, stdout=err,
                            stderr=subprocess.STDOUT, text=True)
    proc.output_file = err  # type: ignore[attr-defined]
    return proc


def _wait(proc: subprocess.Popen[str], timeout: float | None = None) -> tuple[str, str]:
    """Wait for a writer started by _start; (stdout, stderr) as communicate() gives them (both in stderr)."""
    proc.wait(timeout=timeout)
    proc.output_file.seek(0)  # type: ignore[attr-defined]
    return "", proc.output_file.read()  # type: ignore[attr-defined]


def _doc(folder: Path, stem: str, city: str, value: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{stem}.txt"
    path.write_text(f"{city}知识产权发展规划\n到2025年，全市发明专利授权量达到{value}件。\n", encoding="utf-8")
    return path


def test_two_ingests_started_together_both_land(ingested_db, tmp_path):
    db = tmp_path / "ipbench.duckdb"
    shutil.copy2(ingested_db, db)
    a = tmp_path / "a"
    write_corpus(a, regions="zhejiang", docs=150, seed=11)
    b = _doc(tmp_path / "b", "single_doc", "杭州市", 1234)
    first = _start("ingest", str(a), "--catalog", str(a / "catalog.csv"), "--quiet", db=db)
    second = _start("ingest", str(b), "--quiet", db=db)
    out_a, err_a = _wait(first, timeout=600)
    out_b, err_b = _wait(second, timeout=600)
    assert first.returncode == 0 and second.returncode == 0, (err_a, err_b)
    n_a = len(list(a.glob("*.txt")))
    assert query(db, "select count(*) from raw.documents") == [(5 + n_a + 1,)]
    assert query(db, "select value_number from raw.figures where document_id = 'single_doc'") == [(1234.0,)]
    assert not copy_path(db).exists()


@pytest.mark.slow
@pytest.mark.process  # a real build in a subprocess: not in `make test-fast`
def test_ingest_started_during_a_build_is_not_undone_by_the_build(built_db, tmp_path):
    """The issue's case: a build that started earlier swapped in last and the ingested documents vanished."""
    db = tmp_path / "ipbench.duckdb"
    shutil.copy2(built_db, db)
    doc = _doc(tmp_path / "new", "late_doc", "丽水市", 777)
    build = _start("build", db=db)
    deadline = time.monotonic() + 120
    while not copy_path(db).exists():  # the build holds the lock and has made its copy
        assert build.poll() is None and time.monotonic() < deadline, _wait(build)
        time.sleep(0.05)
    ingest = _start("ingest", str(doc), "--quiet", db=db)
    _, err_i = _wait(ingest, timeout=900)
    _, err_b = _wait(build, timeout=900)
    assert build.returncode == 0 and ingest.returncode == 0, (err_b[-2000:], err_i)
    assert "waiting for the `ipbench build` started at " in err_i and f"by pid {build.pid}" in err_i, err_i
    assert query(db, "select value_number from raw.figures where document_id = 'late_doc'") == [(777.0,)]
    assert query(db, "select count(*) from raw.documents") == [(6,)]
    assert query(db, "select count(*) from main.fct_indicator_observation")[0][0] > 100


def test_no_wait_fails_at_once_naming_the_holder(ingested_db, tmp_path):
    db = tmp_path / "ipbench.duckdb"
    shutil.copy2(ingested_db, db)
    before = _sha(db)
    doc = _doc(tmp_path / "new", "blocked_doc", "杭州市", 5)
    with writer_lock(db, "build"):
        proc = run_cli("ingest", str(doc), "--no-wait", db=db, timeout=120)
        build = run_cli("build", "--no-wait", db=db, timeout=120)
    for p in (proc, build):
        assert p.returncode == 1, p.stderr
        assert "Traceback" not in p.stderr
        [line] = p.stderr.strip().splitlines()
        assert line.startswith(f"error: {db}: busy — the `ipbench build` started at ") and f"by pid {os.getpid()}" in line, line
    assert _sha(db) == before


def test_second_writer_waits_with_a_message_then_completes(ingested_db, tmp_path):
    db = tmp_path / "ipbench.duckdb"
    shutil.copy2(ingested_db, db)
    doc = _doc(tmp_path / "new", "waited_doc", "杭州市", 42)
    with writer_lock(db, "ingest"):
        proc = _start("ingest", str(doc), "--quiet", db=db)
        time.sleep(3)
        assert proc.poll() is None, _wait(proc)
        assert query(db, "select count(*) from raw.documents where document_id = 'waited_doc'") == [(0,)]
    _, err = _wait(proc, timeout=120)
    assert proc.returncode == 0, err
    assert "waiting for the `ipbench ingest` started at " in err and f"by pid {os.getpid()} to finish writing {db}" in err
    assert query(db, "select value_number from raw.figures where document_id = 'waited_doc'") == [(42.0,)]


def test_a_killed_writers_copy_is_removed_by_the_next_writer(ingested_db, tmp_path):
    db = tmp_path / "ipbench.duckdb"
    shutil.copy2(ingested_db, db)
    stale = copy_path(db)
    stale.write_bytes(b"left by a killed writer")
    stale.with_name(stale.name + ".wal").write_bytes(b"wal")
    run_cli("ingest", str(_doc(tmp_path / "new", "next_doc", "杭州市", 9)), "--quiet", db=db, check=True)
    assert not stale.exists() and not stale.with_name(stale.name + ".wal").exists()
    assert query(db, "select count(*) from raw.documents") == [(6,)]


def test_the_writers_copy_has_one_stable_name(tmp_path):
    """dbt hashes the profile's path: a per-process name would defeat its partial parsing."""
    db = tmp_path / "w.duckdb"
    seen = []
    for _ in range(2):
        with writable_copy(db) as tmp:
            seen.append(tmp)
            duckdb.connect(str(tmp)).close()
    assert seen == [tmp_path / ".w.duckdb.writing.tmp"] * 2
    assert db.exists() and not seen[0].exists()


def test_swap_is_refused_when_the_live_file_was_replaced_meanwhile(ingested_db, tmp_path):
    db = tmp_path / "ipbench.duckdb"
    shutil.copy2(ingested_db, db)
    other = tmp_path / "other.duckdb"
    with duckdb.connect(str(other)) as con:
        con.execute("create table marker as select 'written by someone else' as note")
    with pytest.raises(WarehouseError, match="replaced or changed by another program"):
        with writable_copy(db) as tmp:
            with duckdb.connect(str(tmp)) as con:
                con.execute("delete from raw.documents")
            os.replace(other, db)  # a program that does not take the lock swaps in its own file
    assert query(db, "select note from marker") == [("written by someone else",)]
    assert not copy_path(db).exists()
