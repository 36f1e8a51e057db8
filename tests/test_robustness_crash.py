"""Crash safety (SIGKILL of ingest and build mid-way) and concurrency (build cycles while the app is queried)."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb
import pytest

from ipbench_core import paths
from ipbench_dev.synth import write_corpus
from tests.conftest import IPBENCH, query, run_cli

pytestmark = pytest.mark.process  # kills and races real processes: not in `make test-fast`

# the issue asks for 20 cycles; a cycle (dbt seed + a small selection) takes ~8 s here, so the suite runs fewer.
# `IPBENCH_CONCURRENCY_CYCLES=20 pytest tests/test_robustness_crash.py` runs the full count.
CYCLES = int(os.environ.get("IPBENCH_CONCURRENCY_CYCLES", "3"))
SELECTION = "mart_region_benchmark"
BENCH_SQL = """select region_code, region_level, basis, unit, baseline_year, baseline_value, target_year, target_value,
       target_qualifier, absolute_change, cagr, baseline_per_10k, target_per_10k, parent_target_value,
       ratio_to_parent, rank_in_level, baseline_document_id, baseline_source_line, target_document_id, target_source_line
from main.mart_region_benchmark where metric_id = ?"""


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _start(*args: str, db: Path) -> subprocess.Popen[str]:
    env = {**os.environ, paths.ENV_DB: str(db)}
    return subprocess.Popen([*IPBENCH, *args], env=env, cwd=paths.ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, start_new_session=True)


def _kill_when(proc: subprocess.Popen[str], ready, timeout: float = 120) -> None:
    """SIGKILL the process group as soon as `ready()` holds (the writer is mid-way)."""
    deadline = time.monotonic() + timeout
    while not ready():
        assert proc.poll() is None, f"finished before it could be killed: {proc.communicate()}"
        assert time.monotonic() < deadline, "writer never reached the point to kill it"
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL


def _temp_copies(db: Path) -> list[Path]:
    return sorted(db.parent.glob(f".{db.name}.*.tmp*"))


def test_sigkill_during_ingest_leaves_last_complete_state(ingested_db, tmp_path):
    db = tmp_path / "ipbench.duckdb"
    shutil.copy2(ingested_db, db)
    before_sha = _sha(db)
    before = query(db, "select document_id, sha256 from raw.documents order by 1")
    corpus = tmp_path / "synth"
    write_corpus(corpus, regions="zhejiang", docs=300, seed=3)
    proc = _start("ingest", str(corpus), "--catalog", str(corpus / "catalog.csv"), "--quiet", db=db)
    # mid-way: the private copy exists and has grown past the original (documents are being written into it)
    _kill_when(proc, lambda: any(p.stat().st_size > db.stat().st_size * 1.5 for p in _temp_copies(db) if p.exists()))
    assert _sha(db) == before_sha
    assert query(db, "select document_id, sha256 from raw.documents order by 1") == before
    assert _temp_copies(db), "the killed writer left its private copy behind"
    # the next run removes the dead writer's copy, completes and sees the whole corpus
    run_cli("ingest", str(corpus), "--catalog", str(corpus / "catalog.csv"), "--quiet", "--jobs", "2", db=db, check=True)
    assert query(db, "select count(*) from raw.documents") == [(len(before) + 300,)]
    assert _temp_copies(db) == []


def test_sigkill_during_build_leaves_last_complete_state(built_db, tmp_path):
    db = tmp_path / "ipbench.duckdb"
    shutil.copy2(built_db, db)
    before_sha = _sha(db)
    before = query(db, "select * from main.mart_region_benchmark order by all")
    proc = _start("build", "--dbt", db=db)  # dbt itself: a replay of the bundled build is over in a second
    # mid-way: dbt has started writing into the private copy (its write-ahead log exists)
    _kill_when(proc, lambda: any(p.name.endswith(".wal") for p in _temp_copies(db)))
    assert _sha(db) == before_sha
    assert query(db, "select * from main.mart_region_benchmark order by all") == before
    assert query(db, "select count(*) from main.fct_indicator_observation")[0][0] > 100


def test_build_cycles_while_the_app_is_queried(built_db, tmp_path, monkeypatch):
    """Readers (raw read-only connections and the app's benchmark page via AppTest) never fail while builds swap the file."""
    db = tmp_path / "ipbench.duckdb"
    shutil.copy2(built_db, db)
    metric = query(db, "select metric_id from main.mart_region_benchmark group by 1 order by count(*) desc limit 1")[0][0]
    expected = query(db, BENCH_SQL + " order by all", [metric])
    failures: list[str] = []
    reads = 0
    done = threading.Event()

    def reader() -> None:
        nonlocal reads
        while not done.is_set():
            try:
                with duckdb.connect(str(db), read_only=True) as con:
                    rows = con.execute(BENCH_SQL + " order by all", [metric]).fetchall()
                if rows != expected:
                    failures.append(f"read {reads}: {len(rows)} rows, expected {len(expected)}")
            except Exception as exc:  # noqa: BLE001 - every failure counts
                failures.append(f"read {reads}: {type(exc).__name__}: {exc}")
            reads += 1

    threads = [threading.Thread(target=reader, daemon=True) for _ in range(2)]
    for t in threads:
        t.start()
    monkeypatch.setenv(paths.ENV_DB, str(db))
    from streamlit.testing.v1 import AppTest

    page_loads = 0
    builds: list[int] = []
    try:
        for _ in range(CYCLES):
            proc = _start("build", "--select", SELECTION, db=db)
            while proc.poll() is None:
                at = AppTest.from_file(str(paths.APP_ENTRY), default_timeout=60)
                at.run()
                at.switch_page("views/benchmark.py").run()
                if at.exception:
                    failures.append(f"page load {page_loads}: {at.exception[0].value}")
                page_loads += 1
            out, err = proc.communicate()
            builds.append(proc.returncode)
            assert proc.returncode == 0, err[-2000:]
    finally:
        done.set()
        for t in threads:
            t.join(timeout=30)
    assert builds == [0] * CYCLES
    assert failures == [], failures[:5]
    assert reads > 10 * CYCLES and page_loads >= CYCLES
    print(f"{CYCLES} build cycles, {reads} read-only queries, {page_loads} benchmark page loads, 0 failures")
