"""Warehouse file handling: one writer at a time (a lock file), writing a copy swapped in atomically; readers read-only."""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
import shutil
import stat
import sys
from collections.abc import Callable, Iterator
from datetime import datetime, timezone
from pathlib import Path

import duckdb

# file names DuckDB turns into a catalog name that clashes with a schema the warehouse uses (or a reserved one)
RESERVED_STEMS = {"raw", "main", "temp", "system", "memory", "information_schema", "pg_catalog"}
DUCKDB_MAGIC = b"DUCK"  # bytes 8-11 of every DuckDB database file


class WarehouseError(Exception):
    """The warehouse file is missing, busy or cannot be used; the message (one line) says what to do."""


class WarehouseBusy(WarehouseError):
    """Another writer holds the warehouse lock and the caller asked not to wait (--no-wait)."""


def copy_path(db: Path) -> Path:
    """The writer's working copy: one stable name next to the warehouse (writers are serialized by the lock).

    Stable, so dbt's profile (which hashes the path) stays the same and partial parsing keeps working.
    """
    return db.with_name(f".{db.name}.writing.tmp")


def lock_path(db: Path) -> Path:
    return db.with_name(f".{db.name}.lock")


def check_path(db: Path, writing: bool) -> None:
    """Refuse a warehouse path that cannot work, with one line saying why and what to do."""
    name = db.name
    if any(q in name for q in "'\"`"):
        raise WarehouseError(f"{db}: the warehouse file name contains a quote; choose a name without quotes")
    stem = name.split(".")[0].lower()
    if stem in RESERVED_STEMS:
        raise WarehouseError(f"{db}: the name {stem!r} clashes with the schema {stem!r} inside the warehouse; "
                             f"choose another file name, e.g. ipbench.duckdb")
    if db.is_dir():
        raise WarehouseError(f"{db}: is a folder, not a warehouse file; pass a file path such as {db / 'ipbench.duckdb'}")
    if db.exists():
        if not db.is_file():
            raise WarehouseError(f"{db}: is not a regular file; pass the path of a DuckDB warehouse file")
        try:
            with open(db, "rb") as fh:
                head = fh.read(16)
        except OSError as exc:
            raise WarehouseError(f"{db}: cannot read the warehouse ({exc.strerror}); check its permissions") from exc
        if head[8:12] != DUCKDB_MAGIC:
            raise WarehouseError(f"{db}: is not a DuckDB warehouse file; pass another --db path "
                                 "(ipbench never overwrites a file it did not create)")
    if writing:
        folder = db.parent
        if folder.exists() and not folder.is_dir():
            raise WarehouseError(f"{db}: {folder} is not a folder; pass another --db path")
        probe = folder
        while not probe.exists() and probe != probe.parent:
            probe = probe.parent
        if not os.access(probe, os.W_OK | os.X_OK):
            raise WarehouseError(f"{db}: the folder {probe} is not writable; pass a --db path in a folder you can write")


def _holder(lock: Path) -> str:
    """Who holds the lock, from the note the holder wrote into the lock file."""
    try:
        note = json.loads(lock.read_text(encoding="utf-8") or "{}")
    except (OSError, ValueError):
        note = {}
    if not note:
        return "another ipbench writer"
    return f"the `ipbench {note.get('command', '?')}` started at {note.get('started', '?')} by pid {note.get('pid', '?')}"


@contextlib.contextmanager
def writer_lock(db: Path, command: str, wait: bool = True,
                say: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold the OS lock beside `db` (`.NAME.lock`): writers of one warehouse run one at a time.

    A second writer waits (printing once who holds the lock) or, with wait=False, raises WarehouseBusy.
    The lock is released by the kernel when the holder exits, even when it is killed.
    """
    say = say or (lambda msg: print(msg, file=sys.stderr, flush=True))
    lock = lock_path(db)
    try:
        db.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise WarehouseError(f"{db}: cannot create the lock file {lock} ({exc.strerror}); "
                             "pass a --db path in a folder you can write") from exc
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _holder(lock)
            if not wait:
                raise WarehouseBusy(f"{db}: busy — {holder} is writing it; run again when it has finished "
                                    "(or leave out --no-wait to wait)") from None
            say(f"waiting for {holder} to finish writing {db} …")
            fcntl.flock(fd, fcntl.LOCK_EX)
        note = {"command": command, "pid": os.getpid(),
                "started": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC")}
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps(note).encode(), 0)
        try:
            yield
        finally:
            with contextlib.suppress(OSError):
                os.ftruncate(fd, 0)
    finally:
        os.close(fd)  # releases the lock


def _identity(db: Path) -> tuple[int, int, int, int] | None:
    """What identifies the live file's version: device, inode, size, mtime (None when absent)."""
    try:
        st = db.stat()
    except FileNotFoundError:
        return None
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)


def _fsync(path: Path, directory: bool = False) -> None:
    fd = os.open(path, (os.O_RDONLY | os.O_DIRECTORY) if directory else os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _disk_message(exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return "the disk is full; free some space and run it again"
    return f"{exc.strerror or exc}; check the folder's permissions and free space"


def remove_copy(db: Path) -> None:
    tmp = copy_path(db)
    for path in (tmp, tmp.with_name(tmp.name + ".wal")):
        path.unlink(missing_ok=True)


@contextlib.contextmanager
def writable_copy(db: Path, command: str = "write", wait: bool = True,
                  say: Callable[[str], None] | None = None) -> Iterator[Path]:
    """Yield a private copy of `db` to write to; on success it replaces `db` atomically.

    Takes the writer lock first (see writer_lock). Readers holding the old file keep reading it
    (POSIX rename semantics); a crash or an exception leaves `db` exactly as it was and removes
    the copy. Before the swap the copy is fsynced, and the live file is checked to be the very
    file that was copied (else WarehouseError, `db` left as it is); the folder is fsynced after.
    """
    check_path(db, writing=True)
    with writer_lock(db, command, wait, say):
        remove_copy(db)  # a killed writer's copy: we hold the lock, so nobody else is using it
        tmp = copy_path(db)
        try:
            copied = _identity(db)
            if copied is not None:
                shutil.copyfile(db, tmp)
        except OSError as exc:
            remove_copy(db)
            raise WarehouseError(f"{db}: cannot copy the warehouse to {tmp.name}: {_disk_message(exc)}; "
                                 "the warehouse is unchanged") from exc
        try:
            yield tmp
            try:
                # fold any WAL into the file before the swap
                with duckdb.connect(str(tmp)) as con:
                    con.execute("checkpoint")
                _fsync(tmp)
            except duckdb.Error as exc:
                raise WarehouseError(f"{db}: cannot finish writing the copy ({' '.join(str(exc).split())}); "
                                     "the warehouse is unchanged") from exc
            except OSError as exc:
                raise WarehouseError(f"{db}: cannot finish writing the copy: {_disk_message(exc)}; "
                                     "the warehouse is unchanged") from exc
            if _identity(db) != copied:
                raise WarehouseError(f"{db}: was replaced or changed by another program while this command ran; "
                                     "the warehouse was left as that program wrote it and this run's changes "
                                     "were discarded — run the command again")
            os.replace(tmp, db)
            with contextlib.suppress(OSError):
                _fsync(db.parent, directory=True)
        finally:
            remove_copy(db)


def remove_stale_copies(db: Path) -> list[Path]:
    """Delete a copy left by a killed writer (only when no writer holds the lock)."""
    tmp = copy_path(db)
    found = [p for p in (tmp, tmp.with_name(tmp.name + ".wal")) if p.exists()]
    if not found:
        return []
    try:
        with writer_lock(db, "cleanup", wait=False):
            remove_copy(db)
    except WarehouseBusy:
        return []
    return found


def connect_read_only(db: Path) -> duckdb.DuckDBPyConnection:
    """A read-only connection (never blocks a writer, which works on a copy); one-line errors."""
    if not db.exists():
        raise WarehouseError(f"{db}: no warehouse yet; run `ipbench all` (or `ipbench ingest` and `ipbench build`) first")
    check_path(db, writing=False)
    try:
        return duckdb.connect(str(db), read_only=True)
    except duckdb.Error as exc:
        raise WarehouseError(f"{db}: cannot open the warehouse read-only ({' '.join(str(exc).split())}); "
                             "is it a DuckDB file?") from exc


def is_duckdb_file(path: Path) -> bool:
    """True for an existing file that starts like a DuckDB database."""
    try:
        with open(path, "rb") as fh:
            return stat.S_ISREG(os.fstat(fh.fileno()).st_mode) and fh.read(12)[8:12] == DUCKDB_MAGIC
    except OSError:
        return False


def main_tables(con: duckdb.DuckDBPyConnection) -> set[str]:
    """Names of the tables and views dbt built (schema main)."""
    return {row[0] for row in con.execute(
        "select table_name from information_schema.tables where table_schema = 'main'").fetchall()}


def document_count(db: Path) -> int | None:
    """Documents in raw.documents (None when the warehouse has no raw layer)."""
    with contextlib.closing(connect_read_only(db)) as con:
        has_raw = con.execute("select count(*) from information_schema.tables "
                              "where table_schema = 'raw' and table_name = 'documents'").fetchone()[0]
        return con.execute("select count(*) from raw.documents").fetchone()[0] if has_raw else None

