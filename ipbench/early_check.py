"""`ipbench all`: a forked process imports Great Expectations while ingest and build run, then runs the checks."""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable
from pathlib import Path


class EarlyCheck:
    """The checks of `db`, prepared in a child process.

    Importing Great Expectations takes 4-6 s, as long as ingest and build of a small corpus together.
    The child is forked before ingest opens the warehouse (no DuckDB connection or thread exists yet),
    imports GX on the other core, and waits. `run()` lets it check the freshly built warehouse and
    returns its exit code; `cancel()` (a failed ingest or build) makes it exit without checking. If the
    parent dies, the child sees the pipe close and exits. Where fork is unavailable, `run()` checks in
    this process.
    """

    def __init__(self, db: Path, run_checks: Callable[[Path], int]) -> None:
        self.db = db
        self.run_checks = run_checks
        self.pid: int | None = None
        self.go: int | None = None
        if not hasattr(os, "fork"):
            return
        read, write = os.pipe()
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:  # the child
            os.close(write)
            self._child(read)
        os.close(read)
        self.pid, self.go = pid, write

    def _child(self, read: int) -> None:
        code = 0
        try:
            # Ctrl-C while waiting is the parent's to handle: the child exits when the pipe closes
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
            try:
                import great_expectations  # noqa: F401
            except Exception:  # noqa: BLE001 - the check imports it again and reports the failure
                pass
            if os.read(read, 1) == b"1":
                signal.signal(signal.SIGINT, signal.default_int_handler)
                code = self.run_checks(self.db)
        except KeyboardInterrupt:
            code = 130
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)

    def run(self) -> int:
        """Check the warehouse (in the child if there is one) and return the exit code."""
        if self.pid is None:
            return self.run_checks(self.db)
        os.write(self.go, b"1")
        os.close(self.go)
        try:
            _, status = os.waitpid(self.pid, 0)
        except KeyboardInterrupt:
            os.kill(self.pid, signal.SIGINT)
            os.waitpid(self.pid, 0)
            raise
        return os.waitstatus_to_exitcode(status)

    def cancel(self) -> None:
        """No check after all: let the child exit."""
        if self.pid is not None:
            os.close(self.go)
            os.waitpid(self.pid, 0)
