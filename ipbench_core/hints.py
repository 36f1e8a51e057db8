"""The exact next command to suggest to a user, with the --db in use."""

from __future__ import annotations

import shlex
from pathlib import Path

from ipbench_core import paths


def next_command(args: str, db: Path | None = None) -> str:
    """'ipbench --db /x/w.duckdb build' (or 'ipbench build' for the default warehouse): a command to copy and run."""
    path = paths.db_path(db)
    if path == paths.DEFAULT_DB.resolve() or path == paths.DEFAULT_DB:
        return f"ipbench {args}"
    return f"ipbench --db {shlex.quote(str(path))} {args}"
