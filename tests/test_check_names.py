"""Issue 27: the checks' names in one seed (check_names) joined into the findings mart, the region profile's
ancestor fallback in a mart, and the expectations modules importing one way."""

from __future__ import annotations

import ast
import csv
import re
from pathlib import Path

from ipbench_core import paths
from tests.conftest import query

SEED = paths.DBT_DIR / "seeds" / "check_names.csv"
EXPECTATIONS = paths.ROOT / "expectations"


def _seed() -> dict[str, dict[str, str]]:
    with SEED.open(encoding="utf-8", newline="") as f:
        return {row["check_name"]: row for row in csv.DictReader(f)}


def test_every_check_a_model_writes_has_one_row_of_names() -> None:
    written = set()
    for model in (paths.DBT_DIR / "models" / "quality").glob("qc_*.sql"):
        written |= set(re.findall(r"'(\w+)' as check_name", model.read_text(encoding="utf-8")))
    assert len(written) == 21, sorted(written)
    seed = _seed()
    assert set(seed) == written, {"without names": written - set(seed), "names of no check": set(seed) - written}
    assert all(row["name_en"] and row["name_zh"] and row["problem_zh"] and row["explanation_zh"] for row in seed.values())
    # the app names what a check compares; the report names the problem it finds
    assert seed["conflict_between_versions"]["name_en"] == "values conflict between versions"
    assert seed["conflict_between_versions"]["name_zh"] == "规划版本间数值冲突"
    assert seed["conflict_between_versions"]["problem_zh"] == "同一规划不同版本数值冲突"
    assert {c for c, row in seed.items() if row["confirmation_zh"]} == {"totals", "totals_subregions"}


def test_findings_carry_their_checks_names(built_db: Path) -> None:
    rows = query(built_db, """
        select distinct check_name, severity, check_title_en, check_title_zh, check_problem_zh, check_explanation_zh
        from main.mart_quality_findings where check_name in ('totals', 'conflict_within_document', 'conflict_between_versions')
        order by check_name, severity""")
    assert ("conflict_within_document", "error", "values conflict within a document", "同一文件内数值冲突",
            "同一文件内数值冲突", "同一文件对同一指标给出了不能同时成立的数值") in rows
    # a total that adds up is a confirmation and says so
    assert ("totals", "info", "annual figures vs period total", "年度数与期间总数核对", "年度数与期间总数不符",
            "各年度数值之和与期间总数一致") in rows
    assert ("conflict_between_versions", "warning", "values conflict between versions", "规划版本间数值冲突",
            "同一规划不同版本数值冲突", "同一规划的不同版本（如征求意见稿与正式稿）给出了不同数值") in rows
    assert query(built_db, "select count(*) from main.mart_quality_findings where check_title_zh = check_name") == [(0,)]


def test_region_profile_mart_falls_back_to_the_nearest_ancestor(built_db: Path) -> None:
    sql = """select has_own_figures, target_value, target_year, shown_unit, reference_code, reference_depth,
                    reference_target_value, reference_target_year, reference_shown_unit
             from main.mart_region_profile
             where region_code = ? and metric_id = 'high_value_invention_patents_per_10k' and basis = 'ratio'"""
    # Yueqing: Wenzhou (its parent) states nothing, so the province two steps up is its reference
    assert query(built_db, sql, ["330382"]) == [(True, 7.8, 2025, "件/万人", "330000", 2, 17.0, 2025, "件/万人")]
    # Lishui: its parent, the province
    assert query(built_db, sql, ["331100"]) == [(True, 4.0, 2025, "件/万人", "330000", 1, 17.0, 2025, "件/万人")]
    # the province: no national figures stored, so no reference
    assert query(built_db, sql, ["330000"]) == [(True, 17.0, 2025, "件/万人", None, None, None, None, None)]
    # a metric only the province states is a row of Lishui's profile without figures of its own
    assert query(built_db, """select has_own_figures, target_value, reference_code, reference_target_value
                              from main.mart_region_profile where region_code = '331100'
                              and metric_id = 'well_known_trademarks'""") == [(False, None, "330000", 600.0)]


def _imports(module: Path) -> set[str]:
    """The expectations modules `module` imports (at any depth of its code)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("expectations."):
            found.add(node.module.removeprefix("expectations."))
        elif isinstance(node, ast.Import):
            found |= {a.name.removeprefix("expectations.") for a in node.names if a.name.startswith("expectations.")}
    return found


def test_expectations_modules_import_one_way() -> None:
    graph = {m.stem: _imports(m) for m in EXPECTATIONS.glob("*.py") if m.stem != "__init__"}
    assert graph["check"] >= {"report", "run"}
    assert graph["report"] == {"run"} and graph["run"] == set()

    def reaches(start: str, goal: str, seen: frozenset[str] = frozenset()) -> bool:
        return any(n == goal or (n not in seen and reaches(n, goal, seen | {n})) for n in graph.get(start, ()))

    assert [m for m in graph if reaches(m, m)] == []  # no circle
