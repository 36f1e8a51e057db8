"""Run `dbt build` (or replay its recorded plan) and `dbt docs generate` on a copy of the warehouse, swapped in on success."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path

from ipbench_core import paths
from ipbench_core.warehouse import WarehouseError, document_count, writable_copy


class BuildError(Exception):
    """dbt failed; the message is one line and the live warehouse is untouched."""


ENV_THREADS = "IPBENCH_DBT_THREADS"
ENV_ENGINE = "IPBENCH_BUILD"  # "dbt": always run dbt itself, never replay a recorded plan
MAX_THREADS = 4


def dbt_threads() -> int:
    """dbt threads matched to the machine's cores (2-4): the same on every build, so partial parsing holds."""
    return max(2, min(MAX_THREADS, os.cpu_count() or 2))


@contextlib.contextmanager
def _warehouse_env(db: Path) -> Iterator[None]:
    """Point dbt's profile (env_var('IPBENCH_DB'), env_var('IPBENCH_DBT_THREADS'), env_var('IPBENCH_DUCKDB_MEMORY')) at `db`.

    These values are part of the profile dbt hashes for partial parsing, so they must not change
    between builds: `db` is the writer's stable copy path, the thread count and memory limit depend
    on the machine only.
    """
    from ipbench.build_plan import ENV_MEMORY, memory_limit

    wanted = {paths.ENV_DB: str(db), ENV_THREADS: os.environ.get(ENV_THREADS) or str(dbt_threads()),
              ENV_MEMORY: memory_limit()}
    old = {key: os.environ.get(key) for key in wanted}
    os.environ.update(wanted)
    try:
        yield
    finally:
        for key, value in old.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def _dbt_args(command: list[str], select: str | None = None) -> list[str]:
    args = [*command, "--project-dir", str(paths.DBT_DIR), "--profiles-dir", str(paths.DBT_DIR)]
    if select:
        args += ["--select", select]
    return args


def _failed_nodes(result: object) -> list[str]:
    """Names of the nodes dbt reported as error/fail, from a dbtRunnerResult.result."""
    names: list[str] = []
    for item in getattr(result, "results", None) or []:
        status = str(getattr(item, "status", "")).lower()
        if status.endswith(("error", "fail")):
            node = getattr(item, "node", None)
            names.append(getattr(node, "name", "?"))
    return names


def _failing(names: list[str]) -> str:
    """'3 failing node(s): a, b, c' (the first five named), as both dbt and a replay report them."""
    shown = ", ".join(names[:5]) + (f" and {len(names) - 5} more" if len(names) > 5 else "")
    return f"{len(names)} failing node(s): {shown}"


def _invoke(args: list[str]) -> object:
    """Run one dbt command in-process; raise BuildError with a one-line reason when it fails."""
    from dbt.cli.main import dbtRunner

    res = dbtRunner().invoke(args)
    if res.success:
        return res.result
    if res.exception is not None:
        reason = " ".join(str(res.exception).split())
    else:
        failed = _failed_nodes(res.result)
        reason = _failing(failed) if failed else "see dbt's output above"
    raise BuildError(f"dbt {args[0]} failed: {reason}")


def _load_user_aliases(tmp: Path, aliases: Path) -> None:
    """Reload raw.user_metric_aliases in the build copy from the user alias CSV (`ipbench metrics accept`);
    a warehouse ingested by an older version gets the raw tables added since (empty: re-ingest to fill them)."""
    import duckdb

    from ingest.loader import ensure_schema
    from ipbench.user_aliases import load_into

    con = duckdb.connect(str(tmp))
    try:
        ensure_schema(con)
        load_into(con, aliases)
    finally:
        con.close()


def _replay(tmp: Path) -> bool:
    """Replay the recorded plan on `tmp` if there is a current one; False if dbt must run instead."""
    import duckdb

    from ipbench import build_plan

    plan, why = build_plan.find()
    if plan is None:
        print(f"note: running dbt build, not a replay: {why}", flush=True)
        return False
    print(f"replaying the dbt build recorded {plan['recorded_at']} (dbt {plan['dbt_version']}, same project "
          "files): dbt's compiled SQL in one connection; `ipbench build --dbt` runs dbt itself", flush=True)
    try:
        out = build_plan.replay(tmp, plan, progress=_progress_printer())
    except duckdb.Error as exc:
        print(f"note: the replay stopped ({' '.join(str(exc).split())[:300]}); running dbt build instead", flush=True)
        return False
    for name in out.warned:
        print(f"  warning: test {name} found rows (severity warn)")
    passed = out.tests - len(out.warned) - len(out.failed)
    print(f"Done in {out.seconds:.1f} s: {out.seeds} seeds, {out.models} models, {out.tests} data tests "
          f"(PASS={passed} WARN={len(out.warned)} ERROR={len(out.failed)}), {out.unit_tests} unit tests "
          "passed when recorded", flush=True)
    if not out.success:
        raise BuildError(f"dbt build failed: {_failing(out.failed)}")
    return True


def _progress_printer():
    """A progress callback that prints a line every few seconds on long builds (large warehouses)."""
    import time

    state = {"last": time.monotonic()}

    def show(done: int, total: int, name: str) -> None:
        now = time.monotonic()
        if now - state["last"] >= 5:
            state["last"] = now
            print(f"  {done}/{total} {name}", flush=True)

    return show


def _record(tmp: Path) -> None:
    """Record the dbt build that just succeeded, for the next builds; a failure only costs speed."""
    import duckdb

    from ipbench import build_plan

    try:
        build_plan.record(tmp)
    except (build_plan.PlanError, OSError, ValueError, KeyError, duckdb.Error) as exc:
        print(f"note: the build was not recorded for replay ({' '.join(str(exc).split())[:200]}); "
              "the next build runs dbt again", flush=True)


def run_build(db: Path, select: str | None = None, wait: bool = True, use_dbt: bool = False) -> int:
    """`dbt build` (seeds, models, data and unit tests) against a copy of `db`.

    A full build replays the plan recorded from the last real `dbt build` when the dbt project
    and versions are unchanged (see ipbench/build_plan.py); `use_dbt` (or IPBENCH_BUILD=dbt) runs
    dbt itself, as does any --select build. 0 on success (the copy is swapped in), 1 on failure
    (`db` untouched). Waits for another writer of `db` to finish (or, with wait=False, fails at once).
    """
    db = Path(db)
    use_dbt = use_dbt or os.environ.get(ENV_ENGINE, "").lower() == "dbt"
    try:
        if not document_count(db):
            print(f"error: {db}: nothing to build — the warehouse holds no documents; "
                  "run `ipbench ingest PATH ...` first (see its errors)", file=sys.stderr)
            return 1
        with writable_copy(db, "build", wait) as tmp, _warehouse_env(tmp):
            _load_user_aliases(tmp, paths.user_aliases_path(db))
            # --full-refresh: seeds are recreated, not truncated, so a seed that gained columns
            # (an upgrade) loads into an existing warehouse; every model is a table anyway
            if select:
                _invoke(_dbt_args(["seed", "--full-refresh"]))  # a partial build still needs every seed
                _invoke(_dbt_args(["build", "--full-refresh"], select))
            elif use_dbt or not _replay(tmp):
                _invoke(_dbt_args(["build", "--full-refresh"]))  # a full `dbt build` loads the seeds itself
                _record(tmp)
    except BuildError as exc:
        print(f"error: {exc}; the warehouse {db} is unchanged", file=sys.stderr)
        return 1
    except WarehouseError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


def run_docs(db: Path, wait: bool = True) -> int:
    """`dbt docs generate` (catalog read from a copy of `db`); the site lands in dbt_project/target/."""
    db = Path(db)
    try:
        with writable_copy(db, "docs", wait) as tmp, _warehouse_env(tmp):
            _invoke(_dbt_args(["docs", "generate"]))
    except (BuildError, WarehouseError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0
