"""Record a successful `dbt build` as a plan (seed data, compiled SQL) and replay it in one DuckDB connection.

dbt stays the definition of the warehouse: every model and data test is dbt's own compiled SQL,
taken from `target/manifest.json` after a real `dbt build` succeeded. What the replay saves is dbt's
fixed cost per node (Jinja rendering, events, threads, a connection round trip: about 80 ms a node,
~20 s a build whatever the data size). A plan is used only while its fingerprint matches: every
file of the dbt project, the dbt, dbt-duckdb and DuckDB versions. Any change (a model, a seed, a
macro, an upgrade) makes the next `ipbench build` a real `dbt build` again, which records a new plan.

Unit tests test model logic on fixed fixtures, not the data: their result is fixed by the
fingerprinted project and versions, so a replay reports them as passed at recording time.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path

import duckdb

from ipbench_core import paths

PLAN_VERSION = 1
PLAN_DIR = paths.DBT_DIR / "target" / "ipbench_plan"  # recorded by this checkout's last `dbt build`
SHIPPED_PLAN_DIR = paths.DBT_DIR / "plan"  # committed (`make plan`): a fresh clone replays its first build too
_PROJECT_PARTS = ("dbt_project.yml", "profiles.yml", "models", "macros", "seeds", "tests", "analyses")
_PACKAGES = ("dbt-core", "dbt-duckdb", "duckdb")
ENV_MEMORY = "IPBENCH_DUCKDB_MEMORY"
MEMORY_LIMIT = "1200MB"  # DuckDB spills sorts, joins and windows past this to disk: builds stay under 2 GB


def memory_limit() -> str:
    """DuckDB's memory limit for builds ($IPBENCH_DUCKDB_MEMORY, e.g. 4GB on a bigger machine)."""
    return os.environ.get(ENV_MEMORY) or MEMORY_LIMIT


class PlanError(Exception):
    """The plan could not be recorded or replayed; the caller runs a real `dbt build` instead."""


@dataclass
class Outcome:
    """What a replay did: counts as dbt prints them, and the names of the tests that warned or failed."""

    seeds: int = 0
    models: int = 0
    tests: int = 0
    unit_tests: int = 0
    warned: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def success(self) -> bool:
        return not self.failed


def versions() -> str:
    """The dbt, dbt-duckdb and DuckDB versions that compiled and ran the plan."""
    out = []
    for package in _PACKAGES:
        try:
            out.append(f"{package}={metadata.version(package)}")
        except metadata.PackageNotFoundError:
            out.append(f"{package}=?")
    return " ".join(out)


def fingerprint(project: Path = paths.DBT_DIR) -> str:
    """sha256 of every file of the dbt project that shapes the build (models, macros, seeds, tests, config)."""
    digest = hashlib.sha256()
    for part in _PROJECT_PARTS:
        root = project / part
        files = sorted(p for p in root.rglob("*") if p.is_file()) if root.is_dir() else [root]
        for file in files:
            if not file.exists() or "__pycache__" in file.parts:
                continue
            digest.update(file.relative_to(project).as_posix().encode() + b"\0")
            digest.update(hashlib.sha256(file.read_bytes()).digest())
    return digest.hexdigest()


def _topological(nodes: dict[str, dict], keep: Iterable[str]) -> list[str]:
    """Node ids of `keep` in an order where every node follows the nodes it depends on."""
    wanted = set(keep)
    order: list[str] = []
    done: set[str] = set()

    def visit(node_id: str, trail: tuple[str, ...] = ()) -> None:
        if node_id in done or node_id not in wanted:
            return
        if node_id in trail:
            raise PlanError(f"dependency cycle at {node_id}")
        for parent in nodes[node_id]["depends_on"].get("nodes", []):
            visit(parent, (*trail, node_id))
        done.add(node_id)
        order.append(node_id)

    for node_id in sorted(wanted):
        visit(node_id)
    return order


def record(db: Path, target: Path = paths.DBT_DIR / "target", plan_dir: Path = PLAN_DIR) -> Path:
    """Write a plan from the manifest and run results of the `dbt build` that just built `db`.

    Only a complete build is recorded: every seed, model, data test and unit test of the project must
    have run in it and none may have failed. Seeds are stored as Parquet copies of the tables dbt loaded,
    so the replay loads exactly what dbt's CSV reader made of them.
    """
    manifest = json.loads((target / "manifest.json").read_text(encoding="utf-8"))
    results = json.loads((target / "run_results.json").read_text(encoding="utf-8"))
    status = {r["unique_id"]: str(r["status"]).lower() for r in results["results"]}
    nodes = {k: v for k, v in manifest["nodes"].items() if v["resource_type"] in ("seed", "model", "test")}
    units = list(manifest.get("unit_tests", {}))
    missing = [k for k in [*nodes, *units] if status.get(k) not in ("success", "pass", "warn")]
    if missing:
        raise PlanError(f"{len(missing)} node(s) did not run or failed in this build (e.g. {missing[0]})")
    databases = {n["database"] for n in nodes.values()}
    if len(databases) != 1:
        raise PlanError(f"nodes in several databases: {sorted(databases)}")
    database = databases.pop()

    staging = plan_dir.with_name(plan_dir.name + f".{os.getpid()}.tmp")
    shutil.rmtree(staging, ignore_errors=True)
    (staging / "seeds").mkdir(parents=True)
    steps: list[dict] = []
    con = duckdb.connect(str(db))  # dbt (keep_open) may still hold it in this process: same configuration
    try:
        for node_id in _topological(nodes, nodes):
            node = nodes[node_id]
            kind = node["resource_type"]
            step = {"id": node_id, "kind": kind, "name": node["name"], "relation": node.get("relation_name")}
            if kind == "seed":
                file = f"seeds/{node['name']}.parquet"
                con.execute(f"copy (select * from {node['relation_name']}) to {_literal(staging / file)} (format parquet)")
                step["file"] = file
            else:
                if not node.get("compiled_code"):
                    raise PlanError(f"{node_id} has no compiled SQL in the manifest")
                step["sql"] = node["compiled_code"]
            if kind == "test":
                config = node["config"]
                step.update(severity=str(config.get("severity", "error")).lower(),
                            warn_if=config.get("warn_if", "!= 0"), error_if=config.get("error_if", "!= 0"),
                            fail_calc=config.get("fail_calc", "count(*)"), limit=config.get("limit"))
            steps.append(step)
    finally:
        con.close()
    plan = {
        "version": PLAN_VERSION,
        "fingerprint": fingerprint(),
        "versions": versions(),
        "database": database,
        "dbt_version": manifest["metadata"].get("dbt_version"),
        "recorded_at": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "steps": steps,
        "unit_tests": [manifest["unit_tests"][u]["name"] for u in units],
    }
    (staging / "plan.json").write_text(json.dumps(plan, ensure_ascii=False), encoding="utf-8")
    old = plan_dir.with_name(plan_dir.name + f".{os.getpid()}.old")
    if plan_dir.exists():
        plan_dir.rename(old)
    staging.rename(plan_dir)
    shutil.rmtree(old, ignore_errors=True)
    return plan_dir


def load(*plan_dirs: Path) -> dict | None:
    """The first recorded plan (this checkout's own, then the shipped one) that matches the project
    files and the installed versions as they are now, else None."""
    return find(*plan_dirs)[0]


def find(*plan_dirs: Path) -> tuple[dict | None, str]:
    """(the first usable plan, '') or (None, why no recorded plan can be used), in one line."""
    project, installed = fingerprint(), versions()
    reasons = []
    for plan_dir in plan_dirs or (PLAN_DIR, SHIPPED_PLAN_DIR):
        try:
            plan = json.loads((plan_dir / "plan.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if not isinstance(plan, dict) or plan.get("version") != PLAN_VERSION:
            reasons.append(f"{plan_dir.name}: recorded by another ipbench")
        elif plan.get("fingerprint") != project:
            reasons.append(f"{plan_dir.name}: the dbt project changed since it was recorded")
        elif plan.get("versions") != installed:
            then = dict(p.split("=", 1) for p in str(plan.get("versions", "")).split() if "=" in p)
            now = dict(p.split("=", 1) for p in installed.split() if "=" in p)
            diff = ", ".join(f"{k} {now.get(k)} (plan {then.get(k)})" for k in sorted(now) if now.get(k) != then.get(k))
            reasons.append(f"{plan_dir.name}: installed versions differ: {diff}")
        else:
            plan["dir"] = str(plan_dir)
            return plan, ""
    return None, "; ".join(reasons) or "no build has been recorded yet"


def _quote(name: str) -> str:
    """An SQL identifier."""
    return '"' + name.replace('"', '""') + '"'


def _literal(text: str | Path) -> str:
    """An SQL string literal (file paths in COPY, ATTACH and read_parquet, which take no parameters)."""
    return "'" + str(text).replace("'", "''") + "'"


@contextlib.contextmanager
def _ctrl_c_stops(con: duckdb.DuckDBPyConnection) -> Iterator[Callable[[], bool]]:
    """Ctrl-C during a replay: DuckDB can take the signal inside a statement that then completes, and
    the interrupt is lost. So a handler records it and interrupts the running statement; the replay
    checks the record between statements and after the last one."""
    if threading.current_thread() is not threading.main_thread():
        yield lambda: False
        return
    pressed: list[int] = []

    def handler(signum: int, frame: object) -> None:
        pressed.append(signum)
        con.interrupt()

    previous = signal.signal(signal.SIGINT, handler)
    try:
        yield lambda: bool(pressed)
    finally:
        signal.signal(signal.SIGINT, previous)
    if pressed:
        raise KeyboardInterrupt


def replay(db: Path, plan: dict, plan_dir: Path | None = None,
           progress: Callable[[int, int, str], None] | None = None) -> Outcome:
    """Run the plan's seeds, models and data tests on `db`, in one connection, in dependency order.

    The file is attached under the database name the SQL was compiled for. Data tests run after all
    models, each counted as dbt does (fail_calc, warn_if, error_if, severity). A DuckDB error in a
    seed or model raises duckdb.Error (the caller falls back to dbt); failing tests are in the outcome.
    """
    started = time.perf_counter()
    plan_dir = plan_dir or Path(plan["dir"])
    out = Outcome(unit_tests=len(plan["unit_tests"]))
    steps = plan["steps"]
    builds = [s for s in steps if s["kind"] != "test"]
    tests = [s for s in steps if s["kind"] == "test"]
    total = len(steps)
    con = duckdb.connect(config={"memory_limit": memory_limit(),
                                 "temp_directory": str(db.with_name(db.name + ".spill"))})
    try:
        with _ctrl_c_stops(con) as pressed:
            con.execute(f"attach {_literal(db)} as {_quote(plan['database'])}")
            con.execute(f"use {_quote(plan['database'])}")
            con.execute("create schema if not exists main")
            for done, step in enumerate(builds, start=1):
                if pressed():
                    raise KeyboardInterrupt
                if progress:
                    progress(done, total, step["name"])
                relation = step["relation"]
                if step["kind"] == "seed":
                    source = _literal((plan_dir / step["file"]).as_posix())
                    con.execute(f"create or replace table {relation} as select * from read_parquet({source})")
                    out.seeds += 1
                else:
                    con.execute(f"create or replace table {relation} as (\n{step['sql']}\n)")
                    out.models += 1
            for done, step in enumerate(tests, start=len(builds) + 1):
                if pressed():
                    raise KeyboardInterrupt
                if progress:
                    progress(done, total, step["name"])
                calc = step["fail_calc"]
                limit = f"\nlimit {int(step['limit'])}" if step.get("limit") else ""
                failures, warn, error = con.execute(
                    f"select {calc} as failures, {calc} {step['warn_if']} as should_warn, "
                    f"{calc} {step['error_if']} as should_error from (\n{step['sql']}{limit}\n) dbt_internal_test"
                ).fetchone()
                out.tests += 1
                if error and step["severity"] == "error":
                    out.failed.append(f"{step['name']} ({failures})")
                elif warn:
                    out.warned.append(f"{step['name']} ({failures})")
            con.execute("checkpoint")
    except duckdb.InterruptException:  # Ctrl-C stopped a statement
        raise KeyboardInterrupt from None
    except RuntimeError as exc:  # ... or, at other points, with a RuntimeError "Query interrupted"
        if "interrupt" in str(exc).lower():
            raise KeyboardInterrupt from exc
        raise
    finally:
        con.close()
        shutil.rmtree(db.with_name(db.name + ".spill"), ignore_errors=True)
    out.seconds = time.perf_counter() - started
    return out
