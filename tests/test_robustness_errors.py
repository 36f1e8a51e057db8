"""Expected errors: exit code 1, one line naming the file and what to do, no traceback, the warehouse's content unchanged."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from ipbench_core import paths
from ipbench_core.warehouse import copy_path
from tests.conftest import query, run_cli

GOOD = "004_23912eeb5c1d89d5"


def _state(path: Path) -> object:
    """What is at `path`: the sha256 of a file, the listing of a folder, or None."""
    if path.is_dir():
        return sorted(p.name for p in path.iterdir())
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else None


def expect_error(args: list[str], db: Path, *needles: str, timeout: int = 300) -> str:
    """Run the CLI; assert exit 1, exactly one stderr line starting with 'error: ' and holding `needles`, db unchanged."""
    before = _state(db)
    proc = run_cli(*args, "--db", str(db), timeout=timeout)
    assert proc.returncode == 1, (proc.returncode, proc.stderr)
    assert "Traceback" not in proc.stderr + proc.stdout
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("error: "), lines
    for needle in needles:
        assert needle in lines[0], (needle, lines[0])
    assert _state(db) == before
    assert not copy_path(db).exists()
    return lines[0]


WRITERS = [["ingest", str(paths.CORPUS_DIR / f"{GOOD}.txt")], ["build"]]
READERS = [["export", "observations", "--out", "/tmp/ipbench-never-written.csv"], ["check"]]


@pytest.mark.parametrize("args", WRITERS + READERS, ids=lambda a: a[0])
def test_warehouse_path_that_is_a_folder(args, tmp_path):
    db = tmp_path / "warehouse.duckdb"
    db.mkdir()
    expect_error(args, db, str(db), "is a folder")


@pytest.mark.parametrize("args", WRITERS + READERS, ids=lambda a: a[0])
def test_warehouse_path_that_is_not_duckdb(args, tmp_path):
    db = tmp_path / "notes.duckdb"
    db.write_text("these are my notes, not a warehouse\n", encoding="utf-8")
    expect_error(args, db, str(db), "is not a DuckDB warehouse file")


@pytest.mark.parametrize("name", ["raw.duckdb", "main.duckdb", "it's.duckdb", 'say"hi".duckdb'])
def test_warehouse_name_with_a_quote_or_a_schema_name(name, tmp_path):
    db = tmp_path / name
    line = expect_error(WRITERS[0], db, str(db))
    assert "quote" in line or "clashes with the schema" in line


def test_warehouse_in_a_folder_that_cannot_be_written(tmp_path):
    db = Path("/sys/ipbench-test/ipbench.duckdb") if os.geteuid() == 0 else Path("/ipbench-test/ipbench.duckdb")
    expect_error(WRITERS[0], db, str(db), "pass a --db path in a folder you can write")


def test_export_refuses_to_overwrite_the_warehouse(built_db, tmp_path):
    db = tmp_path / "ipbench.duckdb"
    shutil.copy2(built_db, db)
    expect_error(["export", "observations", "--out", str(db)], db, str(db), "refusing to overwrite it")
    other = tmp_path / "other.duckdb"
    shutil.copy2(built_db, other)
    before = _state(other)
    expect_error(["export", "benchmark", "--out", str(other)], db, str(other), "refusing to overwrite it")
    assert _state(other) == before


def test_build_after_a_failed_ingest_says_there_is_nothing_to_build(tmp_path):
    db = tmp_path / "ipbench.duckdb"
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    proc = run_cli("ingest", str(empty), "--quiet", db=db)
    assert proc.returncode == 1 and db.exists()  # the failure is recorded in raw.ingest_warnings
    assert query(db, "select count(*) from raw.documents") == [(0,)]
    expect_error(["build"], db, str(db), "nothing to build", "run `ipbench ingest")


def test_fifo_and_dev_zero_are_refused_without_reading_them(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    fifo = docs / "pipe.txt"
    os.mkfifo(fifo)
    shutil.copy2(paths.CORPUS_DIR / f"{GOOD}.txt", docs)
    db = tmp_path / "ipbench.duckdb"
    proc = run_cli("ingest", str(docs), "/dev/zero", "--quiet", db=db, timeout=60)
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr
    errors = [ln for ln in proc.stderr.splitlines() if ln.startswith("error: ")]
    assert errors == [f"error: {fifo}: not a regular file (a pipe, device or socket); pass a saved document file",
                      "error: /dev/zero: not a regular file (a pipe, device or socket); pass a saved document file"]
    assert query(db, "select document_id from raw.documents") == [(GOOD,)]


def test_only_unreadable_inputs_create_no_warehouse(tmp_path):
    db = tmp_path / "ipbench.duckdb"
    proc = run_cli("ingest", "/dev/zero", "--quiet", db=db, timeout=60)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert not db.exists()


# --- a full disk: a real small filesystem (tmpfs, needs root), so the writes fail with ENOSPC -------------

@pytest.fixture()
def small_disk(tmp_path):
    """Mount a tmpfs of a chosen size on a fresh folder; yields a function size_kb -> folder."""
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs (a real full disk) needs root")
    mounted: list[Path] = []

    def make(size_kb: int) -> Path:
        folder = tmp_path / f"disk{len(mounted)}"
        folder.mkdir()
        res = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size_kb}k", "tmpfs", str(folder)],
                             capture_output=True, text=True)
        if res.returncode != 0:
            pytest.skip(f"cannot mount a tmpfs here: {res.stderr.strip()}")
        mounted.append(folder)
        return folder

    yield make
    for folder in mounted:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def test_full_disk_while_copying_the_warehouse(ingested_db, small_disk):
    size_kb = ingested_db.stat().st_size // 1024
    disk = small_disk(size_kb + 256)  # room for the warehouse, not for its copy
    db = disk / "ipbench.duckdb"
    shutil.copy2(ingested_db, db)
    doc = disk.parent / "new.txt"
    doc.write_text("杭州市知识产权发展规划\n到2025年，全市发明专利授权量达到7件。\n", encoding="utf-8")
    expect_error(["ingest", str(doc), "--quiet"], db, str(db), "the disk is full", "the warehouse is unchanged")


@pytest.mark.process  # a real build in a subprocess: not in `make test-fast`
def test_full_disk_while_writing_the_warehouse(ingested_db, small_disk, tmp_path):
    from ipbench_dev.synth import write_corpus

    size_kb = ingested_db.stat().st_size // 1024
    disk = small_disk(2 * size_kb + 512)  # room for the copy, not for 400 more documents in it
    db = disk / "ipbench.duckdb"
    shutil.copy2(ingested_db, db)
    corpus = tmp_path / "synth"
    write_corpus(corpus, regions="zhejiang", docs=400, seed=5)
    before = _state(db)
    proc = run_cli("ingest", str(corpus), "--catalog", str(corpus / "catalog.csv"), "--quiet", "--db", str(db), timeout=600)
    assert proc.returncode == 1, proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr
    assert any(ln.startswith(f"error: {db}: ") and "unchanged" in ln for ln in proc.stderr.splitlines()), proc.stderr[-2000:]
    assert _state(db) == before
    assert not copy_path(db).exists()
    assert query(db, "select count(*) from raw.documents") == [(5,)]


def test_full_disk_while_exporting_leaves_no_partial_file(built_db, small_disk, tmp_path):
    db = tmp_path / "ipbench.duckdb"
    shutil.copy2(built_db, db)
    disk = small_disk(16)  # the observations export is larger than 16 kB
    out = disk / "observations.csv"
    expect_error(["export", "observations", "--out", str(out)], db, str(out), "the disk is full", "no file was written")
    assert list(disk.iterdir()) == []
