"""Facts about an input file that never raise: its size and its sha256 (0 / None when it cannot be read)."""

from __future__ import annotations

import hashlib
from pathlib import Path


def file_size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def file_sha256(path: Path) -> str | None:
    try:
        with open(path, "rb") as fh:
            return hashlib.file_digest(fh, "sha256").hexdigest()
    except OSError:
        return None
