"""Parse documents on a Dask cluster (`ipbench ingest --scheduler`): workers read and parse, the client writes."""

from __future__ import annotations

import gc
import hashlib
import os
import threading
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ingest import limits as doc_limits
from ingest.document import parse_bytes
from ingest.files import file_sha256, file_size
from ingest.errors import ParseError
from ingest.limits import Limits, show_size
from ingest.model import DocumentMeta, ParsedDocument
from ingest.workers import GC_THRESHOLD

LOCAL = "local"  # --scheduler local: a LocalCluster of --jobs worker processes on this machine
ENV_SCHEDULER = "IPBENCH_SCHEDULER"
CONNECT_TIMEOUT = "10s"
WORKER_WAIT = 60.0  # seconds a scheduler without workers is given to get one
TASKS_PER_THREAD = 4  # tasks in flight per worker thread: workers never wait, client memory stays bounded
MIN_IN_FLIGHT = 16
RESUBMITS = 1  # a task the scheduler cancels (its result lost with a worker) is sent once more
CHUNK_DOCS = 16  # documents per task at most: small documents share a task (one scheduler round trip)
CHUNK_BYTES = 2**20  # and at most this many bytes of files; a larger file is a task of its own
KILL_GRACE = 30.0  # seconds after the time limit before a worker stuck in C code is killed (its nanny restarts it)
# the LocalCluster's scheduler and workers: a worker death fails its document at once (no retries on
# other workers), one running document per worker, no spilling or pausing (parsed documents are small
# and go straight back to the client), the nanny kills a worker over its memory limit
LOCAL_CONFIG = {
    "distributed.scheduler.allowed-failures": 0,
    "distributed.scheduler.worker-saturation": 1.0,
    "distributed.worker.memory.target": False,
    "distributed.worker.memory.spill": False,
    "distributed.worker.memory.pause": False,
    "distributed.worker.memory.terminate": 0.95,
    "distributed.worker.daemon": False,
    "distributed.admin.large-graph-warning-threshold": "128MB",
    "logging.distributed": "critical",
}
QUIET_ENV = {"DASK_LOGGING__DISTRIBUTED": "critical"}  # worker processes read their logging level at import

Job = tuple[Path, DocumentMeta | None]
Result = ParsedDocument | ParseError


class SchedulerError(Exception):
    """The Dask scheduler cannot be used (unreachable, wrong address, workers without ipbench): one line."""


class NotShared:
    """A worker's answer for a path it cannot see: the client sends the file's bytes instead."""


class DocumentTimeout(BaseException):
    """Raised in a worker thread over its time limit (BaseException: the parser's `except Exception` lets it through)."""


def scheduler_from(option: str | None) -> str | None:
    """The scheduler to use: the --scheduler option, else $IPBENCH_SCHEDULER; blank means the local pool."""
    value = option if option is not None else os.environ.get(ENV_SCHEDULER)
    return value.strip() or None if value else None


# ---- on the worker ------------------------------------------------------------------------------------------


def parse_task(path: str, data: bytes | None, meta: DocumentMeta | None, limits: Limits,
               timeout: float | None) -> tuple[str | None, Result | NotShared]:
    """Read (the shared path, or the bytes sent along) and parse one document on a worker, within `limits`
    (text, lines, cells, as in the local pool) and `timeout` seconds.

    Returns the sha256 of the bytes it read (the client checks a shared path holds its file) and the
    parsed document or the ParseError; NotShared when the path is not on this worker.
    """
    if gc.get_threshold() != GC_THRESHOLD:
        gc.set_threshold(*GC_THRESHOLD)
    doc_limits.use(limits)
    file = Path(path)
    if data is None:
        try:
            data = file.read_bytes() if file.is_file() else None
        except OSError:
            data = None
        if data is None:
            return None, NotShared()
    sha = hashlib.sha256(data).hexdigest()
    try:
        with _deadline(timeout):
            return sha, _parse(file, data, meta)
    except DocumentTimeout:
        return sha, doc_limits.over_limit("timeout", timeout, "took too long to parse")


def _parse(file: Path, data: bytes, meta: DocumentMeta | None) -> Result:
    try:
        with warnings.catch_warnings():  # library warnings (a duplicate zip member) are not the user's business
            warnings.simplefilter("ignore")
            return parse_bytes(file, data, meta)
    except ParseError as exc:
        return exc
    except MemoryError:
        gc.collect()
        return doc_limits.over_limit("memory", None, "needed too much memory")
    except Exception as exc:  # noqa: BLE001 - a parser defect must not take the other documents down
        return ParseError(f"ipbench could not parse it ({type(exc).__name__}: {' '.join(str(exc).split())[:200]}); "
                          "the other documents are loaded — please report this file")


@contextmanager
def _deadline(timeout: float | None) -> Iterator[None]:
    """Interrupt this thread with DocumentTimeout after `timeout` s; kill the worker process if that cannot land
    (a thread stuck in one long C call) within KILL_GRACE more seconds."""
    if not timeout:
        yield
        return
    import ctypes  # here, not at the top: `ipbench ingest` without --scheduler does not pay for it

    ident = threading.get_ident()
    lock = threading.Lock()
    state = {"done": False}

    def interrupt() -> None:
        with lock:
            if not state["done"]:
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(ident), ctypes.py_object(DocumentTimeout))

    def kill() -> None:
        with lock:
            if not state["done"]:
                os._exit(70)  # the nanny restarts the worker; the scheduler fails this document (KilledWorker)

    timers = [threading.Timer(timeout, interrupt), threading.Timer(timeout + KILL_GRACE, kill)]
    for timer in timers:
        timer.daemon = True
        timer.start()
    try:
        yield
    finally:
        with lock:
            state["done"] = True
        for timer in timers:
            timer.cancel()


def parse_chunk(items: list[tuple[str, bytes | None, DocumentMeta | None, float]],
                limits: Limits) -> list[tuple[str | None, Result | NotShared]]:
    """parse_task for each document of one task (small documents travel together: one round trip for many)."""
    return [parse_task(path, data, meta, limits, timeout) for path, data, meta, timeout in items]


def dask_setup(worker: object) -> None:
    """Dask's preload hook, for the workers of `--scheduler local`: Ctrl-C reaches the whole process group,
    but only the client acts on it (it cancels the tasks and closes the cluster, workers included)."""
    import signal

    warnings.simplefilter("ignore")  # library warnings (a duplicate zip member) would interleave with the progress
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    except ValueError:  # not the worker process's main thread: leave it
        pass


def worker_ready() -> str:
    """What a worker answers to the client's check: it can import ipbench's parser."""
    return "ok"


# ---- on the client ------------------------------------------------------------------------------------------


class DaskScheduler:
    """The parse stage on the Dask cluster at `address` ("local": a LocalCluster of `jobs` workers, each with
    `limits.memory`), for run_ingest (the Scheduler protocol of ingest/workers.py).

    imap yields (job, parsed document or ParseError) in the order documents finish. It parses each job
    (path, catalog entry) itself, as the local pool's function does, because a worker may need the
    file's bytes instead of its path. A worker that dies fails the document it was parsing with a
    one-line error; the others go on. Closing the iterator (Ctrl-C, an error in the writer) cancels
    what is still queued and closes the connection (and the LocalCluster).
    """

    def __init__(self, address: str, jobs: int = 1, limits: Limits = doc_limits.DEFAULT) -> None:
        self.address, self.jobs, self.limits = address, max(1, jobs), limits

    def imap(self, fn: Any, jobs: Any) -> Iterator[tuple[Job, Result]]:  # noqa: ARG002 - see the class docstring
        todo = list(jobs)
        local = self.address == LOCAL
        with _client(self.address, self.jobs, self.limits) as client:
            yield from _stream(client, todo, self.limits, local)


def scheduler_for(option: str | None, jobs: int, limits: Limits) -> DaskScheduler | None:
    """The cluster named by --scheduler or $IPBENCH_SCHEDULER; None: the local pool."""
    address = scheduler_from(option)
    return DaskScheduler(address, jobs, limits) if address else None


@contextmanager
def _client(scheduler: str, jobs: int, limits: Limits):
    import logging

    import dask
    from distributed import Client, LocalCluster

    _quiet()
    cluster = None
    try:
        if scheduler == LOCAL:
            os.environ.update(QUIET_ENV)  # also for the workers a nanny restarts later
            with dask.config.set(LOCAL_CONFIG):  # the scheduler and the nannies read it when they start
                cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=None,
                                       memory_limit=limits.memory, scheduler_port=0,
                                       silence_logs=logging.CRITICAL, preload=[__name__])
            client = Client(cluster, set_as_default=False)
        else:
            from distributed.comm import get_address_host_port, normalize_address

            get_address_host_port(normalize_address(scheduler))  # a malformed address: ValueError, before connecting
            client = Client(scheduler, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        if cluster is not None:
            cluster.close()
        reason = " ".join(str(exc).split())[:200]
        if isinstance(exc, ValueError) and scheduler != LOCAL:
            raise SchedulerError(f"{scheduler}: not a Dask scheduler address ({reason}); write it as "
                                 "tcp://HOST:PORT (`dask scheduler` prints it), or use --scheduler local") from None
        where = "start a local Dask cluster" if scheduler == LOCAL else f"reach the Dask scheduler at {scheduler}"
        raise SchedulerError(f"cannot {where} ({reason}); start one with `dask scheduler` and "
                             "`dask worker ADDRESS`, or use --scheduler local") from None
    try:
        _check_workers(client, scheduler)
        yield client
    finally:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            client.close()
            if cluster is not None:
                cluster.close()


def _quiet() -> None:
    """The client's own Dask logging: a lost worker is reported per document, not as a log record."""
    import logging

    for name in ("distributed", "distributed.client", "distributed.scheduler", "distributed.nanny",
                 "distributed.worker", "tornado"):
        logging.getLogger(name).setLevel(logging.CRITICAL)


def _check_workers(client, scheduler: str) -> None:
    """Every connected worker can import ipbench (else every document would fail the same way)."""
    try:
        answers = client.run(worker_ready, on_error="return")
    except OSError as exc:
        raise SchedulerError(f"cannot reach the workers of {scheduler} ({exc})") from None
    if not answers:
        try:
            client.wait_for_workers(1, timeout=WORKER_WAIT)
        except TimeoutError:
            raise SchedulerError(f"no Dask workers at {scheduler} after {WORKER_WAIT:g} s; start them with "
                                 f"`dask worker {scheduler}` (see README, Ingest on a Dask cluster)") from None
        answers = client.run(worker_ready, on_error="return")
    bad = {w: a for w, a in answers.items() if a != "ok"}
    if bad:
        worker, answer = next(iter(bad.items()))
        raise SchedulerError(f"{len(bad)} Dask worker(s) of {scheduler} cannot run ipbench ({worker}: "
                             f"{type(answer).__name__}: {answer}); install ipbench on every worker with the "
                             "same requirements.lock (see README, Ingest on a Dask cluster)")


@dataclass(frozen=True)
class _Task:
    indices: list[int]  # positions in todo
    ship: bool  # the files' bytes travel with the task
    attempt: int = 0  # resubmissions after the scheduler cancelled it


def _chunks(todo: list[Job]) -> Iterator[list[int]]:
    """Consecutive documents grouped into tasks of at most CHUNK_DOCS documents and CHUNK_BYTES of files."""
    chunk: list[int] = []
    size = 0
    for i, (path, _) in enumerate(todo):
        n = file_size(path)
        if chunk and (len(chunk) >= CHUNK_DOCS or size + n > CHUNK_BYTES):
            yield chunk
            chunk, size = [], 0
        chunk.append(i)
        size += n
    if chunk:
        yield chunk


def _stream(client, todo: list[Job], limits: Limits, local: bool) -> Iterator[tuple[Job, Result]]:
    """Submit `todo` in tasks, a bounded number in flight; yield each document's result as its task finishes.
    Off this machine (not `local`) a worker's copy of a file is checked against the client's (sha256)."""
    import itertools
    import uuid

    from distributed import as_completed

    threads = sum(client.nthreads().values()) or 1
    in_flight = max(MIN_IN_FLIGHT, TASKS_PER_THREAD * threads)
    run, counter = uuid.uuid4().hex[:8], itertools.count()
    pending = _chunks(todo)
    futures: dict = {}  # future -> _Task
    done = as_completed(loop=client.loop, with_results=True, raise_errors=False)

    def submit(task: _Task) -> None:
        items = [(str(todo[i][0].resolve()), todo[i][0].read_bytes() if task.ship else None, todo[i][1],
                  limits.time_for(file_size(todo[i][0]))) for i in task.indices]
        future = client.submit(parse_chunk, items, limits, key=f"ipbench-parse-{run}-{next(counter)}",
                               pure=False, retries=0)
        futures[future] = task
        done.add(future)

    def ship(i: int) -> Iterator[tuple[Job, Result]]:
        """The worker cannot see this file (or sees another one at its path): send its bytes."""
        try:
            submit(_Task([i], ship=True))
        except OSError as exc:
            yield todo[i], ParseError(f"cannot read the file ({exc.strerror}); check the path and permissions")

    try:
        for chunk in pending:
            submit(_Task(chunk, ship=False))
            if len(futures) >= in_flight:
                break
        for future, answer in done:
            task = futures.pop(future)
            status = future.status
            future.release()
            if status == "finished":
                for i, (sha, result) in zip(task.indices, answer):
                    if isinstance(result, NotShared) or (not local and not task.ship and sha != file_sha256(todo[i][0])):
                        yield from ship(i)
                    else:
                        yield todo[i], result
            elif status == "error" and len(task.indices) > 1:
                # the worker died (or Dask failed the task) with several documents: each again alone, so
                # only a document that kills its worker again fails
                for i in task.indices:
                    submit(_Task([i], task.ship))
            elif status == "error":  # as_completed hands over (type, exception, traceback)
                error = answer[1] if isinstance(answer, tuple) and len(answer) == 3 else answer
                yield todo[task.indices[0]], _task_error(error, limits, local)
            elif task.attempt < RESUBMITS:  # cancelled by the scheduler (a result lost with its worker)
                submit(_Task(task.indices, task.ship, task.attempt + 1))
            else:
                error = answer if isinstance(answer, BaseException) else RuntimeError(f"task {status}")
                for i in task.indices:
                    yield todo[i], _task_error(error, limits, local)
            while len(futures) < in_flight:
                chunk = next(pending, None)
                if chunk is None:
                    break
                submit(_Task(chunk, ship=False))
    finally:
        if futures:
            client.cancel(list(futures), force=True)


def _task_error(exc: BaseException, limits: Limits, local: bool) -> ParseError:
    """A task that raised instead of returning: its worker died (killed, out of memory), or Dask failed it."""
    if type(exc).__name__ == "KilledWorker":
        if local:
            return ParseError(f"stopped: the Dask worker parsing it died (killed, over the {show_size(limits.memory)} "
                              "memory limit per worker, or crashed); the other documents are loaded — if the file "
                              f"is genuine, raise the limit with --doc-memory {show_size(limits.memory * 2)}")
        return ParseError("stopped: the Dask worker parsing it died (killed, over its worker's memory limit, or "
                          "crashed); the other documents are loaded — ingest it alone without --scheduler to see why")
    reason = " ".join(str(exc).split())[:200] or "no reason given"
    return ParseError(f"the Dask cluster could not parse it ({type(exc).__name__}: {reason}); "
                      "the other documents are loaded — check the workers' logs")
