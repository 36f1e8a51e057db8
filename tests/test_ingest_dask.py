"""`ipbench ingest --scheduler`: the parse stage on a Dask cluster gives the warehouse the local pool gives."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import duckdb
import psutil
import pytest

from ingest.document import parse_file
from ingest.errors import ParseError
from ingest.limits import DEFAULT
from ingest.model import ParsedDocument
from ingest.parse_dask import NotShared, parse_task, scheduler_from
from ipbench_core import paths
from tests.conftest import IPBENCH, run_cli

FORMATS = paths.ROOT / "tests" / "fixtures" / "formats"
CORPUS = paths.ROOT / "ingest" / "corpus"
# every raw table, compared row by row (the load time differs between runs)
TABLES = {
    "documents": "* exclude (ingested_at)",
    "document_lines": "*",
    "tables": "*",
    "table_cells": "*",
    "figures": "*",
    "ingest_warnings": "* exclude (ingested_at)",
}


def _mixed_folder(folder: Path) -> Path:
    """txt, md, docx, html and pdf documents (distinct ids) and one damaged .docx."""
    folder.mkdir()
    for name in ("000_ff7f2218a23fba1b.txt", "002_14b18e93690c8172.txt", "004_23912eeb5c1d89d5.txt"):
        shutil.copy(CORPUS / name, folder / name)
    shutil.copy(FORMATS / "003_dfee1fc57d637dec.md", folder / "lishui_md.md")
    shutil.copy(FORMATS / "003_dfee1fc57d637dec.docx", folder / "quzhou_docx.docx")
    shutil.copy(FORMATS / "000_ff7f2218a23fba1b.docx", folder / "plan_docx.docx")
    shutil.copy(FORMATS / "000_ff7f2218a23fba1b.html", folder / "plan_html.html")
    shutil.copy(FORMATS / "000_ff7f2218a23fba1b.pdf", folder / "plan_pdf.pdf")
    shutil.copy(FORMATS / "bad_corrupt.docx", folder / "broken.docx")
    return folder


def _warehouse(db: Path) -> dict[str, list[tuple]]:
    with duckdb.connect(str(db), read_only=True) as con:
        return {t: con.execute(f"select {cols} from raw.{t} order by all").fetchall() for t, cols in TABLES.items()}


def _said(proc: subprocess.CompletedProcess[str], db: Path) -> list[str]:
    """What the run told the user (errors, warnings, inferred fields, the summary), in a stable order."""
    return sorted(line.replace(str(db), "DB") for line in proc.stderr.splitlines() if line.strip())


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, subprocess.CompletedProcess[str]]:
    """The mixed folder and the warehouse the local process pool makes of it."""
    work = tmp_path_factory.mktemp("dask_mixed")
    folder = _mixed_folder(work / "docs")
    db = work / "pool.duckdb"
    proc = run_cli("ingest", str(folder), "--jobs", "2", "--quiet", db=db)
    assert proc.returncode == 0, proc.stderr
    return folder, db, proc


@pytest.mark.process
def test_local_cluster_warehouse_equals_local_pool(mixed, tmp_path):
    folder, pool_db, pool = mixed
    db = tmp_path / "dask.duckdb"
    proc = run_cli("ingest", str(folder), "--scheduler", "local", "--jobs", "2", "--quiet", db=db)
    assert proc.returncode == 0, proc.stderr
    assert "documents: 8 loaded, 0 unchanged, 1 failed" in proc.stderr
    assert _said(proc, db) == _said(pool, pool_db)
    assert [line for line in proc.stderr.splitlines() if line.startswith("error:")] == [
        f"error: {folder / 'broken.docx'}: not a readable Word .docx file (damaged or not a zip package); "
        "open it in Word and save it again as .docx"]
    ours, theirs = _warehouse(db), _warehouse(pool_db)
    for table in TABLES:
        assert ours[table] == theirs[table], table
    # one named figure, as the pool reads it, from the PDF that went through a worker
    with duckdb.connect(str(db), read_only=True) as con:
        ids = [r[0] for r in con.execute("select document_id from raw.documents order by 1").fetchall()]
    assert ids == ["000_ff7f2218a23fba1b", "002_14b18e93690c8172", "004_23912eeb5c1d89d5", "lishui_md",
                   "plan_docx", "plan_html", "plan_pdf", "quzhou_docx"]


@pytest.mark.process
def test_running_scheduler_by_address_via_environment(mixed, tmp_path):
    """A scheduler the user started (here a LocalCluster of this test), named by IPBENCH_SCHEDULER: same warehouse."""
    from distributed import LocalCluster

    folder, pool_db, pool = mixed
    db = tmp_path / "remote.duckdb"
    with LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None, scheduler_port=0) as cluster:
        env = {**os.environ, paths.ENV_DB: str(db), "IPBENCH_SCHEDULER": cluster.scheduler_address}
        proc = subprocess.run([*IPBENCH, "ingest", str(folder), "--quiet"], capture_output=True, text=True, env=env,
                              cwd=paths.ROOT, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert _said(proc, db) == _said(pool, pool_db)
    ours, theirs = _warehouse(db), _warehouse(pool_db)
    for table in TABLES:
        assert ours[table] == theirs[table], table


def _can_unshare() -> bool:
    try:
        return subprocess.run(["unshare", "-m", "true"], capture_output=True, timeout=30).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


@pytest.mark.process
@pytest.mark.skipif(not _can_unshare(), reason="needs `unshare -m` (root) to give the worker its own view of the files")
def test_worker_that_cannot_see_the_files_gets_their_bytes(mixed, tmp_path):
    """A worker whose machine lacks the folder, or holds another file at one of its paths, is sent the bytes."""
    from distributed import Client, LocalCluster

    folder, pool_db, pool = mixed
    other = tmp_path / "other.txt"  # what the worker finds at one path: another plan
    shutil.copy(CORPUS / "001_76172b86cc57f45a.txt", other)
    db = tmp_path / "remote.duckdb"
    # the worker's view of FOLDER: an empty tmpfs holding only a different 002_….txt
    script = (f"mount -t tmpfs none '{folder}' && cp '{other}' '{folder}/002_14b18e93690c8172.txt' && "
              f"exec '{paths.ROOT / '.venv' / 'bin' / 'dask'}' worker \"$0\" --nthreads 1 --no-nanny")
    with LocalCluster(n_workers=0, dashboard_address=None, scheduler_port=0) as cluster:
        worker = subprocess.Popen(["unshare", "-m", "sh", "-c", script, cluster.scheduler_address],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            with Client(cluster) as client:
                client.wait_for_workers(1, timeout=120)
            proc = run_cli("ingest", str(folder), "--scheduler", cluster.scheduler_address, "--quiet", db=db)
        finally:
            worker.terminate()
            worker.wait(timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert _said(proc, db) == _said(pool, pool_db)
    ours, theirs = _warehouse(db), _warehouse(pool_db)
    for table in TABLES:
        assert ours[table] == theirs[table], table


@pytest.mark.process
def test_unreachable_scheduler_is_one_line_and_nothing_is_written(tmp_path):
    db = tmp_path / "x.duckdb"
    proc = run_cli("ingest", str(CORPUS / "000_ff7f2218a23fba1b.txt"), "--scheduler", "tcp://127.0.0.1:9", db=db)
    assert proc.returncode == 1
    said = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(said) == 1 and said[0].startswith("error: cannot reach the Dask scheduler at tcp://127.0.0.1:9 ("), said
    assert "Traceback" not in proc.stderr
    assert not db.exists()


def test_malformed_scheduler_address_is_one_line(tmp_path):
    db = tmp_path / "x.duckdb"
    proc = run_cli("ingest", str(CORPUS / "000_ff7f2218a23fba1b.txt"), "--scheduler", "http://10.0.0.5", db=db)
    assert proc.returncode == 1
    said = [line for line in proc.stderr.splitlines() if line.strip()]
    assert said == ["error: http://10.0.0.5: not a Dask scheduler address (unknown address scheme 'http' (known schemes: "
                    "['inproc', 'tcp', 'tls', 'ucx', 'ws', 'wss'])); write it as tcp://HOST:PORT (`dask scheduler` "
                    "prints it), or use --scheduler local"], said
    assert not db.exists()


def _workers(proc: subprocess.Popen[str]) -> list[psutil.Process]:
    """The LocalCluster's worker processes (children started by multiprocessing, not its helpers)."""
    out = []
    for child in psutil.Process(proc.pid).children(recursive=True):
        try:
            cmd = " ".join(child.cmdline())
        except psutil.Error:
            continue
        if "spawn_main" in cmd or "forkserver" in cmd and "main" in cmd:
            out.append(child)
    return out


DOCS = 40
SMALL_DOCS = 128


def _start(folder: Path, db: Path) -> subprocess.Popen[str]:
    """`ipbench ingest FOLDER --scheduler local --jobs 2` in its own session, Ctrl-C as in a terminal."""
    env = {**os.environ, paths.ENV_DB: str(db)}
    return subprocess.Popen([*IPBENCH, "ingest", str(folder), "--scheduler", "local", "--jobs", "2", "--quiet"],
                            env=env, cwd=paths.ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True, preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))


def _busy_worker(proc: subprocess.Popen[str], busy: float) -> psutil.Process:
    """A worker of the run once it has used `busy` s of CPU (imports take ~1 s): it is parsing."""
    deadline = time.monotonic() + 180
    while True:
        assert proc.poll() is None, f"finished before a worker was busy: {proc.communicate()}"
        assert time.monotonic() < deadline, "the workers never got busy"
        for worker in _workers(proc):
            try:
                if worker.cpu_times().user > busy:
                    return worker
            except psutil.Error:
                continue
        time.sleep(0.05)


def _start_and_kill_a_worker(folder: Path, db: Path, busy: float = 3.0) -> str:
    """The run with one worker SIGKILLed once it is busy parsing; its stderr."""
    proc = _start(folder, db)
    _busy_worker(proc, busy).send_signal(signal.SIGKILL)
    _, stderr = proc.communicate(timeout=300)
    assert proc.returncode == 0, stderr
    return stderr


def _slow_folder(folder: Path) -> ParsedDocument:
    """DOCS copies of a plan, ~0.5 s of CPU and 540 KB each (one document per task); the parse of one."""
    folder.mkdir()
    slow = (CORPUS / "000_ff7f2218a23fba1b.txt").read_text(encoding="utf-8") * 10
    for k in range(DOCS):
        (folder / f"copy_{k:02d}.txt").write_text(slow, encoding="utf-8")
    return parse_file(folder / "copy_00.txt")


@pytest.mark.process
def test_ctrl_c_stops_the_cluster_run_with_one_line(tmp_path):
    """Ctrl-C (SIGINT to the process group, workers included) mid-parse: exit 130, one line, nothing written,
    no worker left running."""
    _slow_folder(tmp_path / "docs")
    db = tmp_path / "dask.duckdb"
    proc = _start(tmp_path / "docs", db)
    _busy_worker(proc, 2.0)
    workers = _workers(proc)
    os.killpg(proc.pid, signal.SIGINT)
    try:
        _, stderr = proc.communicate(timeout=60)
    except subprocess.TimeoutExpired:  # DuckDB can swallow a SIGINT inside a writer's statement: press again
        os.killpg(proc.pid, signal.SIGINT)
        _, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 130, stderr[-2000:]
    assert "Traceback" not in stderr
    assert stderr.strip().splitlines()[-1] == "interrupted; the warehouse is unchanged by the step that was running"
    assert not db.exists() and not list(tmp_path.glob(".*.writing.tmp"))
    time.sleep(1.0)
    assert not [w for w in workers if w.is_running() and w.status() != psutil.STATUS_ZOMBIE]


@pytest.mark.process
def test_killed_worker_with_small_documents_loses_none(tmp_path):
    """Small documents travel 16 to a task; when their worker is killed each is parsed again alone: all load."""
    folder = tmp_path / "docs"
    folder.mkdir()
    for k in range(SMALL_DOCS):
        shutil.copy(CORPUS / "000_ff7f2218a23fba1b.txt", folder / f"small_{k:03d}.txt")
    db = tmp_path / "dask.duckdb"
    stderr = _start_and_kill_a_worker(folder, db, busy=2.0)
    assert f"documents: {SMALL_DOCS} loaded, 0 unchanged, 0 failed" in stderr
    assert not [line for line in stderr.splitlines() if line.startswith("error:")]
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("select count(distinct document_id), count(*) from raw.figures").fetchone() == (
            SMALL_DOCS, SMALL_DOCS * len(parse_file(CORPUS / "000_ff7f2218a23fba1b.txt").figures))


@pytest.mark.process
def test_killed_worker_fails_only_its_documents(tmp_path):
    """SIGKILL one of the two workers mid-run: the document it was parsing fails with one line, the rest load."""
    folder = tmp_path / "docs"
    expected = _slow_folder(folder)
    db = tmp_path / "dask.duckdb"
    stderr = _start_and_kill_a_worker(folder, db)
    errors = [line for line in stderr.splitlines() if line.startswith("error:")]
    assert 1 <= len(errors) <= 2, stderr
    failed = set()
    for line in errors:
        path, _, message = line.removeprefix("error: ").partition(": ")
        assert message == ("stopped: the Dask worker parsing it died (killed, over the 1.5G memory limit per worker, "
                           "or crashed); the other documents are loaded — if the file is genuine, raise the limit "
                           "with --doc-memory 3G"), line
        failed.add(Path(path).name)
    assert f"documents: {DOCS - len(failed)} loaded, 0 unchanged, {len(failed)} failed" in stderr
    with duckdb.connect(str(db), read_only=True) as con:
        loaded = dict(con.execute("select d.file_name, count(f.figure_no) from raw.documents d "
                                  "left join raw.figures f using (document_id) group by 1").fetchall())
        recorded = {r[0] for r in con.execute(
            "select file_name from raw.ingest_warnings where document_id is null").fetchall()}
    assert set(loaded) == {f"copy_{k:02d}.txt" for k in range(DOCS)} - failed
    assert set(loaded.values()) == {len(expected.figures)}
    assert recorded == failed


def test_worker_task_reads_a_shared_path_or_the_bytes_sent(tmp_path):
    source = CORPUS / "002_14b18e93690c8172.txt"
    data = source.read_bytes()
    sha, doc = parse_task(str(source), None, None, DEFAULT, 60)
    assert isinstance(doc, ParsedDocument) and sha == doc.sha256
    # a path this machine does not have: the worker asks for the bytes, then parses them as the same document
    elsewhere = str(tmp_path / "only_on_the_client" / source.name)
    sha, answer = parse_task(elsewhere, None, None, DEFAULT, 60)
    assert sha is None and isinstance(answer, NotShared)
    sha, shipped = parse_task(elsewhere, data, None, DEFAULT, 60)
    assert isinstance(shipped, ParsedDocument)
    assert shipped.meta.document_id == "002_14b18e93690c8172" and shipped.sha256 == doc.sha256
    assert [(f.indicator_label, f.year, f.raw_value) for f in shipped.figures] == \
           [(f.indicator_label, f.year, f.raw_value) for f in doc.figures]


def test_worker_task_over_its_time_limit_fails_that_document(tmp_path):
    big = tmp_path / "long.txt"
    big.write_text((CORPUS / "000_ff7f2218a23fba1b.txt").read_text(encoding="utf-8") * 20, encoding="utf-8")
    start = time.monotonic()
    sha, answer = parse_task(str(big), None, None, DEFAULT, 0.2)
    assert time.monotonic() - start < 5
    assert isinstance(answer, ParseError)
    assert answer.message == ("stopped: took too long to parse, the limit per document is 0 s; the other documents "
                              "are loaded — if the file is genuine, raise the limit with --doc-timeout 1")
    time.sleep(0.3)  # the timers were cancelled: this process is still alive and parses on
    assert isinstance(parse_task(str(CORPUS / "004_23912eeb5c1d89d5.txt"), None, None, DEFAULT, 60)[1], ParsedDocument)


def test_scheduler_option_then_environment(monkeypatch):
    monkeypatch.delenv("IPBENCH_SCHEDULER", raising=False)
    assert scheduler_from(None) is None
    monkeypatch.setenv("IPBENCH_SCHEDULER", "tcp://10.0.0.5:8786")
    assert scheduler_from(None) == "tcp://10.0.0.5:8786"
    assert scheduler_from("local") == "local"
    monkeypatch.setenv("IPBENCH_SCHEDULER", " ")
    assert scheduler_from(None) is None
