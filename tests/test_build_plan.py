"""The recorded build (ipbench/build_plan.py): a replay makes the same warehouse as `dbt build`, and is used only
while the dbt project is unchanged."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
import pytest

from ipbench import build_plan
from ipbench_core import paths
from tests.conftest import query, run_cli


def _tables(db: Path) -> dict[str, list[tuple]]:
    """Every table of schema main: name -> columns with their types."""
    rows = query(db, "select table_name, column_name, data_type from information_schema.columns "
                     "where table_schema = 'main' order by table_name, ordinal_position")
    out: dict[str, list[tuple]] = {}
    for table, column, kind in rows:
        out.setdefault(table, []).append((column, kind))
    return out


@pytest.mark.process
def test_replay_builds_the_same_warehouse_as_dbt(built_db: Path, ingested_db: Path, tmp_path: Path) -> None:
    # built_db was built by a real `dbt build` (conftest: --dbt), which recorded the plan
    plan = build_plan.load()
    assert plan is not None, "the dbt build of the built_db fixture recorded no current plan"
    db = tmp_path / "ipbench.duckdb"
    shutil.copy2(ingested_db, db)
    proc = run_cli("build", db=db, check=True)
    assert "replaying the dbt build recorded" in proc.stdout
    assert "PASS=217 WARN=0 ERROR=0" in proc.stdout, proc.stdout[-2000:]  # issues 20-25 merged; 27: +21 (check_names, mart_region_profile)
    expected, got = _tables(built_db), _tables(db)
    assert got == expected  # same tables, same columns, same types, same order
    with duckdb.connect(str(db), read_only=True) as con:
        con.execute(f"attach '{built_db}' as dbt_built (read_only)")
        for table in expected:
            for a, b in ((f'main."{table}"', f'dbt_built.main."{table}"'), (f'dbt_built.main."{table}"', f'main."{table}"')):
                extra = con.execute(f"select count(*) from (select * from {a} except all select * from {b})").fetchone()[0]
                assert extra == 0, f"{table}: {extra} rows of {a} are not in {b}"
    # and a named figure: Zhejiang's 2025 target of high-value invention patents per 10,000 residents
    assert query(db, """select value, unit from main.fct_indicator_value where region_code = '330000'
                         and metric_id = 'high_value_invention_patents_per_10k' and year = 2025
                         and value_kind = 'target' and basis = 'ratio'""") == [(17.0, "件")]


def test_the_shipped_plan_is_current() -> None:
    """dbt_project/plan is what a fresh clone replays: it must be recorded from the dbt project as it is."""
    import json

    shipped = json.loads((build_plan.SHIPPED_PLAN_DIR / "plan.json").read_text(encoding="utf-8"))
    assert shipped["fingerprint"] == build_plan.fingerprint(), (
        "dbt_project/ changed since dbt_project/plan was recorded: run `make plan` and commit dbt_project/plan")
    assert {s["kind"] for s in shipped["steps"]} == {"seed", "model", "test"}
    assert all((build_plan.SHIPPED_PLAN_DIR / s["file"]).is_file() for s in shipped["steps"] if s["kind"] == "seed")


def test_fingerprint_follows_every_project_file(tmp_path: Path) -> None:
    project = tmp_path / "dbt_project"
    shutil.copytree(paths.DBT_DIR, project, ignore=shutil.ignore_patterns("target", "logs"))
    before = build_plan.fingerprint(project)
    assert build_plan.fingerprint(project) == before
    model = next((project / "models").rglob("*.sql"))
    model.write_text(model.read_text(encoding="utf-8") + "\n-- edited\n", encoding="utf-8")
    after_model = build_plan.fingerprint(project)
    assert after_model != before
    seed = project / "seeds" / "metric_aliases.csv"
    seed.write_text(seed.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert build_plan.fingerprint(project) not in (before, after_model)


def _plan(tmp_path: Path, test_sql: str, severity: str = "error") -> dict:
    return {
        "database": "w",
        "unit_tests": ["u1"],
        "steps": [
            {"id": "model.p.m", "kind": "model", "name": "m", "relation": '"w"."main"."m"',
             "sql": "select 1 as x union all select 2 -- a trailing comment"},
            {"id": "test.p.t", "kind": "test", "name": "t", "relation": None, "sql": test_sql,
             "severity": severity, "warn_if": "!= 0", "error_if": "!= 0", "fail_calc": "count(*)", "limit": None},
        ],
    }


def test_replay_counts_test_failures_by_severity(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    duckdb.connect(str(db)).close()
    failing = 'select * from "w"."main"."m" where x > 1'
    out = build_plan.replay(db, _plan(tmp_path, failing), plan_dir=tmp_path)
    assert (out.models, out.tests, out.unit_tests, out.failed, out.warned) == (1, 1, 1, ["t (1)"], [])
    out = build_plan.replay(db, _plan(tmp_path, failing, severity="warn"), plan_dir=tmp_path)
    assert (out.failed, out.warned, out.success) == ([], ["t (1)"], True)
    out = build_plan.replay(db, _plan(tmp_path, 'select * from "w"."main"."m" where x > 2'), plan_dir=tmp_path)
    assert (out.failed, out.warned, out.success) == ([], [], True)
    assert query(db, "select sum(x) from main.m") == [(3,)]


def test_a_plan_of_another_project_is_not_used(tmp_path: Path) -> None:
    plan_dir = tmp_path / "plan"
    plan_dir.mkdir()
    (plan_dir / "plan.json").write_text('{"version": 1, "fingerprint": "0000", "steps": []}', encoding="utf-8")
    assert build_plan.load(plan_dir) is None
    (plan_dir / "plan.json").write_text("not json", encoding="utf-8")
    assert build_plan.load(plan_dir) is None


def test_a_plan_that_cannot_be_used_says_why_in_one_line(tmp_path: Path) -> None:
    plan_dir = tmp_path / "plan"
    plan_dir.mkdir()
    (plan_dir / "plan.json").write_text('{"version": %d, "fingerprint": "0000", "steps": []}' % build_plan.PLAN_VERSION,
                                        encoding="utf-8")
    assert build_plan.find(plan_dir) == (None, "plan: the dbt project changed since it was recorded")
    versions = " ".join(v.replace("=", "=0.0.0+") if v.startswith("duckdb=") else v for v in build_plan.versions().split())
    (plan_dir / "plan.json").write_text(json.dumps({"version": build_plan.PLAN_VERSION, "fingerprint": build_plan.fingerprint(),
                                                    "versions": versions, "steps": []}), encoding="utf-8")
    plan, why = build_plan.find(plan_dir)
    assert plan is None and why.startswith("plan: installed versions differ: duckdb ") and "(plan 0.0.0+" in why
    assert build_plan.find(tmp_path / "nothing") == (None, "no build has been recorded yet")
