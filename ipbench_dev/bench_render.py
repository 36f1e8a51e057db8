"""Print cold and warm render times of every app page (AppTest runs against the warehouse; not a test)."""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from ipbench_core import paths  # noqa: E402

PAGES = {
    "overview": "views/overview.py",
    "benchmark": "views/benchmark.py",
    "region_profile": "views/region_profile.py",
    "quality": "views/quality.py",
    "sources": "views/sources.py",
}


def _render(page: str) -> float:
    """Seconds to run the entry script + `page` once in a fresh AppTest session."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(paths.APP_ENTRY), default_timeout=120)
    at.run()  # registers the pages (st.navigation) and renders the default page
    at.switch_page(page)
    start = time.perf_counter()
    at.run()
    elapsed = time.perf_counter() - start
    if at.exception:
        raise SystemExit(f"error: {page} raised: {at.exception[0].value}")
    return elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, default=None, help="warehouse file [default: $IPBENCH_DB or warehouse/ipbench.duckdb]")
    parser.add_argument("--repeat", type=int, default=5, help="warm runs per page (median reported) [default: 5]")
    args = parser.parse_args(argv)

    db = paths.db_path(args.db)
    if not db.exists():
        print(f"error: {db}: no warehouse; run `ipbench all` first", file=sys.stderr)
        return 1
    os.environ[paths.ENV_DB] = str(db)

    import logging

    from app import data

    _render(PAGES["overview"])  # warm the interpreter (imports), so "cold" means "empty query cache"
    for name in list(logging.root.manager.loggerDict):  # AppTest's bare-mode warnings are noise here
        if name.startswith("streamlit"):
            logging.getLogger(name).setLevel(logging.ERROR)

    print(f"warehouse: {db}")
    print(f"{'page':<16}{'cold ms':>10}{'warm ms':>10}   (cold: query cache cleared; warm: median of {args.repeat})")
    for name, page in PAGES.items():
        data.clear_cache()
        cold = _render(page)
        warm = statistics.median(_render(page) for _ in range(max(1, args.repeat)))
        print(f"{name:<16}{cold * 1000:>10.0f}{warm * 1000:>10.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
