"""Parse documents in worker processes the writer can kill: one document at a time each, bounded in time and memory."""

from __future__ import annotations

import gc
import multiprocessing
import os
import resource
import signal
import threading
import time
import warnings
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any, Protocol

from ingest import limits as doc_limits
from ingest.errors import ParseError
from ingest.limits import Limits

GC_THRESHOLD = (100_000, 50, 100)  # parsing allocates millions of short-lived objects and few cycles
# modules a worker imports once in the fork server, so a replaced worker starts in milliseconds
PRELOAD = ["ingest.document", "ingest.readers.docx", "ingest.readers.html", "ingest.readers.pdf", "docx", "lxml.html",
           "pypdfium2"]


class Scheduler(Protocol):
    """Runs `fn(job)` for every job and yields (job, result) as each finishes (any order).

    A job over a limit yields a ParseError for it and never stops the others. IsolatedPool is
    the one implementation; a cluster scheduler (Dask) would be another.
    """

    def imap(self, fn: Callable[[Any], Any], jobs: Iterable[Any]) -> Iterator[tuple[Any, Any]]: ...


def _serve(conn: Connection, fn: Callable[[Any], Any], limits: Limits) -> None:
    """A worker: cap its own address space, then parse the jobs it is sent until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the writer's to handle; it ends the workers
    warnings.simplefilter("ignore")  # library warnings (a duplicate zip member) would interleave with the progress
    gc.set_threshold(*GC_THRESHOLD)
    doc_limits.use(limits)
    try:
        resource.setrlimit(resource.RLIMIT_AS, (limits.memory, limits.memory))
    except (ValueError, OSError):  # a lower hard limit is already set: keep it
        pass
    while True:
        try:
            item = conn.recv()
        except EOFError:
            return
        if item is None:
            return
        index, job = item
        try:
            conn.send((index, fn(job), False))
        except MemoryError:  # parsing or sending the result: say so and make room for a fresh worker
            gc.collect()
            try:
                conn.send((index, _memory_error(limits), True))
            except (MemoryError, OSError):
                pass  # the writer sees the worker end and reports the memory limit
            return
        except (OSError, EOFError):  # the writer has gone (Ctrl-C): nothing to report to
            return


def _memory_error(limits: Limits, how: str = "") -> ParseError:
    return doc_limits.over_limit("memory", limits.memory, f"needed too much memory{how}")


@dataclass
class _Worker:
    process: Any
    conn: Connection
    job: tuple[int, Any] | None = None
    started: float = 0.0
    timeout: float = 0.0


def _start_forkserver_deaf_to_ctrl_c() -> None:
    """Start the fork server with SIGINT ignored (a disposition exec keeps): Ctrl-C goes to the whole process
    group, and a fork server still importing its preloaded modules would print a KeyboardInterrupt traceback.
    The writer handles Ctrl-C and ends the workers."""
    from multiprocessing import forkserver

    if threading.current_thread() is not threading.main_thread():
        forkserver.ensure_running()
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        forkserver.ensure_running()
    finally:
        signal.signal(signal.SIGINT, previous)


class IsolatedPool:
    """`workers` processes, each parsing one document at a time under `limits`.

    A document still parsing after `limits.timeout` seconds has its worker killed (SIGKILL) and
    yields a ParseError naming the limit; so does one whose worker runs out of its address space
    or dies. The worker is replaced and the other documents go on.
    """

    def __init__(self, workers: int = 1, limits: Limits = doc_limits.DEFAULT,
                 timeout_of: Callable[[Any], float] | None = None) -> None:
        self.n = max(1, workers)
        self.limits = limits
        self.timeout_of = timeout_of or (lambda job: limits.timeout)  # a job's time limit (e.g. by its file size)
        self.ctx = multiprocessing.get_context("forkserver")
        self.ctx.set_forkserver_preload(PRELOAD)
        _start_forkserver_deaf_to_ctrl_c()

    def _start(self, fn: Callable[[Any], Any]) -> _Worker:
        parent, child = self.ctx.Pipe()
        process = self.ctx.Process(target=_serve, args=(child, fn, self.limits), daemon=True)
        process.start()
        child.close()
        return _Worker(process, parent)

    def _stop(self, worker: _Worker, kill: bool) -> None:
        if kill and worker.process.is_alive():
            os.kill(worker.process.pid, signal.SIGKILL)
        elif not kill:
            try:
                worker.conn.send(None)
            except (OSError, ValueError):
                pass
        worker.process.join(5)
        if worker.process.is_alive():
            os.kill(worker.process.pid, signal.SIGKILL)
            worker.process.join()
        worker.conn.close()

    def imap(self, fn: Callable[[Any], Any], jobs: Iterable[Any]) -> Iterator[tuple[Any, Any]]:
        pending = iter(enumerate(jobs))
        workers: list[_Worker] = []
        running = 0
        try:
            while True:
                for worker in workers:
                    if worker.job is None:
                        nxt = next(pending, None)
                        if nxt is None:
                            break
                        self._send(worker, nxt)
                        running += 1
                while len(workers) < self.n:
                    nxt = next(pending, None)
                    if nxt is None:
                        break
                    worker = self._start(fn)
                    workers.append(worker)
                    self._send(worker, nxt)
                    running += 1
                if not running:
                    return
                busy = [w for w in workers if w.job is not None]
                deadline = min(w.started + w.timeout for w in busy)
                ready = wait([w.conn for w in busy] + [w.process.sentinel for w in busy],
                             timeout=max(0.0, deadline - time.monotonic()))
                now = time.monotonic()
                for worker in busy:
                    result = None
                    if worker.conn in ready:
                        try:
                            _index, result, retiring = worker.conn.recv()
                        except (EOFError, OSError):
                            result = self._died(worker)
                        else:
                            if retiring:
                                self._stop(worker, kill=False)
                    elif worker.process.sentinel in ready:
                        result = self._died(worker)
                    elif now - worker.started >= worker.timeout:
                        result = doc_limits.over_limit("timeout", worker.timeout, "took too long to parse")
                        self._stop(worker, kill=True)
                    if result is None:
                        continue
                    job = worker.job[1]
                    worker.job = None
                    running -= 1
                    if not worker.process.is_alive() or worker.conn.closed:
                        if not worker.conn.closed:
                            self._stop(worker, kill=True)
                        workers[workers.index(worker)] = self._start(fn)
                    yield job, result
        finally:
            for worker in workers:
                self._stop(worker, kill=worker.job is not None)

    def _send(self, worker: _Worker, item: tuple[int, Any]) -> None:
        worker.conn.send(item)
        worker.job, worker.started, worker.timeout = item, time.monotonic(), self.timeout_of(item[1])

    def _died(self, worker: _Worker) -> ParseError:
        """The worker ended without an answer: killed by the system or crashed in a C library."""
        worker.process.join(5)
        code = worker.process.exitcode
        how = f" (the parsing process ended with signal {signal.Signals(-code).name})" if code and code < 0 else \
            f" (the parsing process ended with exit code {code})"
        self._stop(worker, kill=True)
        return _memory_error(self.limits, how)
