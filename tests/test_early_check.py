"""`ipbench all` checks in a forked child (ipbench/early_check.py): it runs only after a good build, never
outlives the command, and Ctrl-C stays one line."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from ipbench.early_check import EarlyCheck
from ipbench_core import paths
from tests.conftest import IPBENCH, run_cli


def _children_of_this_warehouse(db: Path) -> int:
    out = subprocess.run(["ps", "-eo", "args"], capture_output=True, text=True).stdout
    return sum(1 for line in out.splitlines() if str(db) in line and "ipbench" in line)


def test_the_child_checks_only_when_told_and_returns_its_exit_code(tmp_path: Path) -> None:
    marker = tmp_path / "checked"

    def check(db: Path) -> int:
        marker.write_text(str(db), encoding="utf-8")
        return 3

    early = EarlyCheck(tmp_path / "w.duckdb", check)
    assert early.run() == 3
    assert marker.read_text(encoding="utf-8") == str(tmp_path / "w.duckdb")
    marker.unlink()
    cancelled = EarlyCheck(tmp_path / "w.duckdb", check)
    cancelled.cancel()
    assert not marker.exists()


@pytest.mark.process
def test_all_with_a_missing_input_fails_without_checking(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    proc = run_cli("all", str(tmp_path / "no_such_folder"), "--db", str(db))  # --db: visible in `ps`
    assert proc.returncode == 1
    assert "no such file or folder" in proc.stderr and "Traceback" not in proc.stderr
    assert not paths.reports_dir(db).exists()
    assert _children_of_this_warehouse(db) == 0


@pytest.mark.process
def test_ctrl_c_during_all_is_one_line_and_leaves_no_process(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    # a new session: Ctrl-C in a terminal goes to the whole process group, the child included;
    # --db on the command line so that `ps` shows which processes belong to this test
    proc = subprocess.Popen([*IPBENCH, "all", "--db", str(db)], cwd=paths.ROOT, start_new_session=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(2.0)
    if proc.poll() is not None:
        pytest.skip("`ipbench all` finished before the interrupt")
    os.killpg(proc.pid, signal.SIGINT)
    try:
        out, err = proc.communicate(timeout=3)
    except subprocess.TimeoutExpired:
        # DuckDB can swallow a SIGINT that lands inside a statement of the ingest writer; a user then
        # presses Ctrl-C again (the build replay records it itself, see build_plan._ctrl_c_stops)
        os.killpg(proc.pid, signal.SIGINT)
        out, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err[-2000:]
    assert "Traceback" not in err and "Traceback" not in out
    assert err.strip().splitlines()[-1] == "interrupted; the warehouse is unchanged by the step that was running"
    time.sleep(0.5)
    assert _children_of_this_warehouse(db) == 0
    assert not list(tmp_path.glob(".*.writing.tmp"))  # no writer's copy left behind
