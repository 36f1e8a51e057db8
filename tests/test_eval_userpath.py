"""The evaluator of issue 19: the scorer's matching rule pinned on hand-made rows, the sets' files consistent,
and the user's path (ingest without catalog -> build -> export) scored on every set without regressing."""

from __future__ import annotations

import csv
import json

import pytest

from ipbench.evaluate import (EVAL_ROOT, EvalSet, Found, Gold, base_value, evaluate, label_similarity,
                              load_set, score_set, set_names, tally)
from ipbench_core import paths

RECORDED = EVAL_ROOT / "recorded.json"


def _gold(doc="d1", indicator="专利授权量", years=(2023,), kind="actual", value=5127.0, unit="件",
          region="430000", source="prose") -> Gold:
    return Gold("t", doc, source, region, indicator, years, kind, value, unit, base_value(value, unit))


def _found(doc="d1", indicator="全省专利授权量", year=2023, kind="actual", value=5127.0, unit="件",
           region="430000", source="prose", n=1) -> Found:
    return Found(doc, n, source, region, indicator, year, kind, value, unit, "patent_grants", "", "3", "")


def _set(gold: list[Gold], docs=("d1",)) -> EvalSet:
    return EvalSet("t", EVAL_ROOT, {d: "dev" for d in docs}, gold, None)


def test_a_gold_row_matches_only_with_its_year_kind_and_value():
    assert len(score_set(_set([_gold(years=(2020, 2021))]), [_found(year=2021)]).pairs) == 1  # an alternative year
    g = _gold()
    cases = {"wrong year": _found(year=2022), "wrong kind": _found(kind="target"),
             "wrong year and kind": _found(year=2025, kind="target"), "not extracted": _found(value=5128.0),
             "label too different": _found(indicator="商标注册量")}
    for cause, f in cases.items():
        res = score_set(_set([g]), [f])
        assert res.pairs == [] and [m.cause for m in res.misses] == [cause], cause
        assert res.false_pos == [f]


def test_a_table_figure_of_a_document_without_any_table_figure_is_a_table_not_detected():
    res = score_set(_set([_gold(source="table")]), [_found(value=1.0)])
    assert [m.cause for m in res.misses] == ["table not detected"]
    res = score_set(_set([_gold(source="table")]), [_found(value=1.0, source="table")])
    assert [m.cause for m in res.misses] == ["not extracted"]


def test_a_figure_on_the_wrong_region_is_matched_and_counted_as_such():
    res = score_set(_set([_gold(region="430100")]), [_found(region="430000")])
    t = tally([res])
    assert t.n_matched == 1 and (t.region_ok, t.region_known) == (0, 1)
    assert t.causes["wrong region (matched)"] == 1


def test_precision_counts_the_labelled_documents_only():
    found = [_found(), _found(indicator="商标注册量", value=9.0, n=2), _found(doc="not-in-the-set", n=1)]
    t = tally([score_set(_set([_gold()]), found)])
    assert (t.recall(), t.precision()) == (1.0, 0.5)


def test_matching_is_one_to_one_most_similar_label_first():
    golds = [_gold(indicator="发明专利授权量"), _gold(indicator="专利授权量")]
    found = [_found(indicator="专利授权量", n=1), _found(indicator="发明专利授权量", n=2)]
    res = score_set(_set(golds), found)
    assert sorted((p.gold.indicator, p.found.indicator) for p in res.pairs) == [
        ("专利授权量", "专利授权量"), ("发明专利授权量", "发明专利授权量")]


def test_kind_and_year_shares_are_judged_on_value_and_label_alone():
    res = score_set(_set([_gold(), _gold(indicator="商标注册量", value=7.0)]),
                    [_found(kind="target"), _found(indicator="商标注册量", value=7.0, year=2022, n=2)])
    t = tally([res])
    assert (t.loose, t.kind_ok, t.year_ok) == (2, 1, 1)


def test_labels_and_units_compare_as_the_shared_readme_says():
    assert label_similarity("每万人口发明专利拥有量（件）", "每万人口发明专利拥有量") == 1.0
    assert label_similarity("有效注册商标", "商标有效注册量") >= 0.6
    assert label_similarity("专利", "") == 0.0
    assert base_value(4.5, "万件") == 45000 and base_value(848, "千元") == pytest.approx(0.00848)
    assert base_value(3, "万元") == pytest.approx(3e-4) and base_value(12, "%") == 12


def test_every_set_is_consistent():
    codes = {"000000"}
    with open(paths.REGIONS_SEED, encoding="utf-8") as fh:
        codes |= {r["region_code"] for r in csv.DictReader(fh)}
    with open(paths.SEEDS_DIR / "region_aliases.csv", encoding="utf-8") as fh:
        codes |= {r["former_code"] for r in csv.DictReader(fh)}   # a code valid when the document was written
    names = set_names()
    assert {"realtexts", "set-a", "set-b"} <= set(names)
    for name in names:
        s = load_set(EVAL_ROOT / name)
        assert set(s.split.values()) <= {"dev", "held-out"}, name
        for d in s.docs:
            assert any((s.root / d).with_suffix(ext).exists() for ext in (".txt", ".html", ".htm", ".docx", ".pdf", ".md")), d
        for g in s.gold:
            assert g.doc in s.split, (name, g.doc)
            assert g.source in ("table", "prose") and g.kind in ("actual", "target", "change"), (name, g)
            assert g.years and all(1949 <= y <= 2060 for y in g.years), (name, g)
            assert not g.region_code or g.region_code in codes, (name, g)


@pytest.fixture(scope="module")
def results():
    return evaluate()


@pytest.mark.process
def test_the_users_path_does_not_regress(results):
    recorded = json.loads(RECORDED.read_text(encoding="utf-8"))
    dev = tally(results, lambda r, d: r.split_of(d) == "dev")
    assert dev.recall() >= recorded["dev_recall"] - 0.02, (dev.recall(), recorded)
    for res in results:   # and per set, so that a new set does not hide a drop in another
        got = tally([res], lambda r, d: r.split_of(d) == "dev").recall()
        assert got is None or got >= recorded["dev_recall_by_set"][res.set.name] - 0.02, (res.set.name, got)
    # of matched figures whose gold metric is in the registry (sets with gold_metrics.csv), the right metric
    assert dev.metric_ok / dev.metric_gold >= recorded["dev_metric_right"] - 0.02, (dev.metric_ok, dev.metric_gold)
    # every labelled figure is scored: gold rows of all sets, none dropped on the way
    assert sum(dev.gold.values()) + sum(tally(results, lambda r, d: r.split_of(d) != "dev").gold.values()) == \
        sum(len(r.set.gold) for r in results)
