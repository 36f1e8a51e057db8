"""A synthetic corpus with ground truth: full recall and precision of figures and of planted draft/final conflicts."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import duckdb
import pytest

from ingest.labels import indicator_key
from ipbench_core import paths
from ipbench_dev.synth import METRICS, write_corpus
from tests.conftest import query, run_cli

pytestmark = pytest.mark.process  # generates, ingests and builds a synthetic corpus: not in `make test-fast`

N_DOCS = 300
SEED = 20240601
COMPARE = ["document_id", "indicator_label", "year", "value_kind", "raw_value", "raw_unit", "qualifier", "source_line"]
# every layout / pattern the generator writes; a parser regression shows up under its pattern name
PATTERNS = {"tab_review", "tab_targets", "tab_years", "pipe_review", "pipe_targets", "pipe_years", "year_list",
            "paired_list", "prose_fyp_actual", "prose_period:达到", "prose_period:不低于", "prose_target:达到",
            "prose_target:超过", "prose_target:不低于", "prose_target:达到以上"}


def _csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("synth") / "corpus"
    summary = write_corpus(out, regions="zhejiang", docs=N_DOCS, seed=SEED)
    assert summary.startswith(f"wrote {N_DOCS} documents")
    return out


@pytest.fixture(scope="module")
def synth_db(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("synth_db") / "ipbench.duckdb"
    proc = run_cli("ingest", str(corpus), "--catalog", str(corpus / "catalog.csv"), "--jobs", "2", "--quiet",
                   db=db, check=True)
    assert f"documents: {N_DOCS} loaded, 0 unchanged, 0 failed" in proc.stderr
    assert "warning:" not in proc.stderr and "warnings: 0" in proc.stderr
    return db


def test_generator_is_deterministic_and_covers_every_pattern(corpus, tmp_path):
    again = tmp_path / "again"
    write_corpus(again, regions="zhejiang", docs=N_DOCS, seed=SEED)
    for name in ("catalog.csv", "ground_truth.csv", "conflicts.csv"):
        assert (again / name).read_bytes() == (corpus / name).read_bytes(), name
    truth = _csv(corpus / "ground_truth.csv")
    assert {r["pattern"] for r in truth} == PATTERNS
    assert {r["raw_unit"] for r in truth} >= {"件", "万件", "家", "亿元", "%", "个"}
    assert {r["qualifier"] for r in truth} == {"", ">="}
    catalog = _csv(corpus / "catalog.csv")
    assert len(catalog) == N_DOCS == len(list(corpus.glob("*.txt")))
    assert catalog[0].keys() == _csv(paths.CATALOG)[0].keys()
    drafts = [r for r in catalog if r["status"] == "draft"]
    assert drafts and all("征求意见稿" in r["title"] for r in drafts)
    finals = {r["plan_id"] for r in catalog if r["status"] == "final"}
    assert {r["plan_id"] for r in drafts} <= finals
    real = {r["region_code"] for r in _csv(paths.REGIONS_SEED) if r["region_code"].startswith("33")}
    assert {r["region_code"] for r in catalog} <= real


def test_every_label_is_a_known_alias():
    aliases = {r["indicator_key"] for r in _csv(paths.SEEDS_DIR / "metric_aliases.csv")}
    for m in METRICS:
        for label in m.labels:
            assert indicator_key(label) in aliases, label
            assert indicator_key("全市" + label) == indicator_key(label)


def test_full_recall_and_precision_of_figures(corpus, synth_db):
    expected = Counter(tuple(r[c] for c in COMPARE) for r in _csv(corpus / "ground_truth.csv"))
    pattern_of = {tuple(r[c] for c in COMPARE): r["pattern"] for r in _csv(corpus / "ground_truth.csv")}
    rows = query(synth_db, f"select {', '.join(COMPARE)} from raw.figures".replace("raw_unit", "coalesce(raw_unit, '')"))
    got = Counter(tuple("" if v is None else str(v) for v in r) for r in rows)
    missed = expected - got
    extra = got - expected
    by_pattern = Counter(pattern_of[k] for k in missed.elements())
    assert not missed and not extra, (
        f"missed {sum(missed.values())} figures (by pattern: {dict(by_pattern)}), e.g. {list(missed)[:5]}; "
        f"{sum(extra.values())} unexpected, e.g. {list(extra)[:5]}")
    assert sum(got.values()) == sum(expected.values()) > 20 * N_DOCS


def test_catalog_metadata_is_exact(corpus, synth_db):
    want = {(r["document_id"], r["region_code"], r["level"], r["status"], r["plan_id"]) for r in _csv(corpus / "catalog.csv")}
    got = set(query(synth_db, "select document_id, region_code, level, status, plan_id from raw.documents"))
    assert got == want


def test_planted_conflicts_are_visible_in_raw_figures(corpus, synth_db):
    conflicts = _csv(corpus / "conflicts.csv")
    assert len(conflicts) > 30
    with duckdb.connect(str(synth_db), read_only=True) as con:
        for c in conflicts:
            values = {}
            for side in ("draft", "final"):
                values[side] = con.execute("""select raw_value from raw.figures where document_id = ? and source_line = ?
                    and indicator_label = ? and year = ? and value_kind = ?""",
                    [c[f"{side}_document_id"], int(c[f"{side}_line"]), c["indicator_label"], int(c["year"]),
                     c["value_kind"]]).fetchall()
            assert values["draft"] == [(c["draft_value"],)], c
            assert values["final"] == [(c["final_value"],)], c
            assert c["draft_value"] != c["final_value"]


@pytest.mark.slow
def test_planted_conflicts_and_nothing_else_reach_the_quality_mart(corpus, synth_db, tmp_path):
    """dbt build on the synthetic warehouse: each planted conflict is a conflict_between_versions finding, and every
    conflict finding involves a planted draft value (no accidental conflicts)."""
    db = tmp_path / "built.duckdb"
    db.write_bytes(synth_db.read_bytes())
    run_cli("build", db=db, check=True)
    assert query(db, "select count(*) - count(metric_id) from main.fct_indicator_observation") == [(0,)]
    conflicts = _csv(corpus / "conflicts.csv")
    planted = {(c["region_code"], c["metric_id"], int(c["year"]), c["value_kind"]) for c in conflicts}
    drafts = {c["draft_document_id"] for c in conflicts}
    findings = query(db, """select check_name, region_code, metric_id, year, value_kind, document_ids
                            from main.mart_quality_findings where check_name like 'conflict%'""")
    versions = {(r[1], r[2], r[3], r[4]) for r in findings if r[0] == "conflict_between_versions"}
    assert versions == planted
    assert all(r[0] != "conflict_within_document" for r in findings)
    for r in findings:
        assert (r[1], r[2], r[3], r[4]) in planted and drafts & set(r[5].split("|")), r
