"""The labelled real-text set: the scorer runs on the real parser and the scores stay at or above the reached level."""

from __future__ import annotations

from ipbench.evaluate import Item, evaluate, labels_overlap, normalize


def test_unit_normalization_and_label_overlap():
    assert normalize(4.5, "万件") == (45000, "件")
    assert normalize(10.71, "万亿元") == (10.71e12, "元")
    assert normalize(1.2, "亿元") == (1.2e8, "元")
    assert labels_overlap("每萬人口發明專利擁有量", "全省每万人口发明专利拥有量")
    assert not labels_overlap("商标", "专利")


def test_scores_on_the_labelled_set_do_not_regress():
    report = evaluate()
    overall = report.overall
    assert overall.gold == 371
    assert overall.recall >= 0.96, overall.recall
    assert overall.precision >= 0.95, overall.precision
    assert overall.at_ok / overall.at_total >= 0.99
    assert report.by_class["value_kind"]["change"].recall >= 0.95


def test_named_figures_are_typed_right():
    report = evaluate()
    missed = {(m.doc_id, m.value, m.year) for m in report.misses}
    # an achievement in a 2022 report is an actual, not a target
    assert ("guizhou-2021-whitepaper", 3.9267, 2021) not in missed
    # a decrease is a negative change
    assert ("nantong-2023-10", -0.53, 2023) not in missed
    # a threshold crossed next to the exact figure is not a figure of its own
    assert not any(p.doc_id == "hubei-2018-report" and p.value == 12 for p in report.false_positives)
    # ranges of things to build and counts of measures are not figures
    assert not any(p.doc_id.startswith("hunan-13fyp") and p.unit in ("条", "家", "个") and p.value in (5, 19)
                   for p in report.false_positives)
    assert not any(isinstance(g, Item) and g.kind != "change" and p.kind == "change" for g, p in report.kind_errors)
