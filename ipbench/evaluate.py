"""Score prose extraction against the labelled real-text set in tests/realdocs (recall, precision, kind accuracy)."""

from __future__ import annotations

import argparse
import csv
import re
import sys
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from ingest.document import parse_text
from ingest.model import DocumentMeta
from ingest.text import nfkc, to_simplified

REALDOCS = Path(__file__).resolve().parent.parent / "tests" / "realdocs"
_SCALE = [("万亿", 1e12), ("亿", 1e8), ("万", 1e4)]


@dataclass(frozen=True)
class Item:
    """One figure, gold or extracted: where, what, when, which kind, how much."""

    doc_id: str
    label: str
    year: int | None
    kind: str
    value: float
    unit: str
    qualifier: str = ""
    text: str = ""
    figure_no: int = 0     # the figure's number in raw.figures (extracted figures only)


@dataclass
class Score:
    """Counts for one class of figures."""

    gold: int = 0
    matched: int = 0
    kind_ok: int = 0
    at_total: int = 0      # matched figures whose gold kind is actual or target
    at_ok: int = 0
    predicted: int = 0
    false_pos: int = 0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 1.0

    @property
    def precision(self) -> float:
        return 1 - self.false_pos / self.predicted if self.predicted else 1.0


@dataclass
class Report:
    """The result of one evaluation run."""

    overall: Score
    by_class: dict[str, dict[str, Score]]
    misses: list[Item] = field(default_factory=list)
    false_positives: list[Item] = field(default_factory=list)
    kind_errors: list[tuple[Item, Item]] = field(default_factory=list)
    pairs: list[tuple[Item, Item]] = field(default_factory=list)   # (gold, extracted) matches


def normalize(value: float, unit: str | None) -> tuple[float, str]:
    """4.5万件 -> (45000, '件'); 1.2亿元 -> (1.2e8, '元'); % and 倍 stay as they are."""
    u = nfkc(unit or "").replace(" ", "")
    for prefix, factor in _SCALE:
        if u.startswith(prefix) and len(u) > len(prefix):
            return value * factor, u[len(prefix):]
        if u == prefix:
            return value * factor, ""
    return value, u


def label_key(label: str) -> str:
    """Simplified, NFKC, letters and digits only: the form labels are compared in."""
    s = to_simplified(nfkc(label or ""))
    return "".join(ch for ch in s if unicodedata.category(ch)[0] in "LN").lower()


def labels_overlap(a: str, b: str) -> bool:
    """Labels overlap when they share a two-character run (after label_key), or one holds the other."""
    ka, kb = label_key(a), label_key(b)
    if not ka or not kb:
        return False
    if ka in kb or kb in ka:
        return True
    return bool({ka[i:i + 2] for i in range(len(ka) - 1)} & {kb[i:i + 2] for i in range(len(kb) - 1)})


def _same_value(a: Item, b: Item) -> bool:
    va, ua = normalize(a.value, a.unit)
    vb, ub = normalize(b.value, b.unit)
    return ua == ub and abs(va - vb) <= 1e-6 * max(1.0, abs(va))


def load_manifest(root: Path = REALDOCS) -> dict[str, dict[str, str]]:
    with open(root / "manifest.csv", encoding="utf-8") as fh:
        return {row["doc_id"]: row for row in csv.DictReader(fh)}


def load_gold(root: Path = REALDOCS) -> list[Item]:
    with open(root / "gold.csv", encoding="utf-8") as fh:
        return [Item(r["doc_id"], r["label"], int(r["year"]) if r["year"] else None, r["value_kind"],
                     float(r["value"]), r["unit"], r["qualifier"]) for r in csv.DictReader(fh)]


def parse_excerpt(doc_id: str, meta_row: dict[str, str], root: Path = REALDOCS):
    """One excerpt parsed the way `ipbench ingest` reads a file, with its metadata from the manifest."""
    text = (root / f"{doc_id}.txt").read_text(encoding="utf-8")
    meta = DocumentMeta(document_id=doc_id, title=meta_row.get("title") or doc_id, region_code="000000",
                        region_name=meta_row.get("region"), level=meta_row.get("level"),
                        issue_date=meta_row.get("doc_date") or None, status="final", doc_type="eval",
                        plan_id=doc_id, metadata_source="eval")
    return parse_text(text, meta, f"{doc_id}.txt", "", "utf-8")


def extract(doc_id: str, meta_row: dict[str, str], root: Path = REALDOCS) -> list[Item]:
    """Prose figures of one excerpt, read the way `ipbench ingest` reads a file (region from the manifest)."""
    parsed = parse_excerpt(doc_id, meta_row, root)
    out = []
    for n, f in enumerate(parsed.figures, start=1):  # numbered as ingest.loader numbers raw.figures
        if f.value_number is None:
            continue
        value = -f.value_number if getattr(f, "sign", 1) < 0 else f.value_number
        out.append(Item(doc_id, f.indicator_label, f.year, f.value_kind, value, f.raw_unit or "",
                        f.qualifier or "", f.source_text, n))
    return out


def evaluate(root: Path = REALDOCS) -> Report:
    manifest = load_manifest(root)
    gold = load_gold(root)
    gold_by_doc: dict[str, list[Item]] = defaultdict(list)
    for g in gold:
        gold_by_doc[g.doc_id].append(g)
    overall = Score()
    by_class: dict[str, dict[str, Score]] = defaultdict(lambda: defaultdict(Score))
    report = Report(overall, by_class)

    def classes(doc_id: str, kind: str) -> list[tuple[str, str]]:
        row = manifest[doc_id]
        return [("value_kind", kind), ("source_type", row["source_type"]), ("level", row["level"]),
                ("split", row.get("split") or "dev")]

    for doc_id, row in manifest.items():
        predicted = extract(doc_id, row, root)
        golds = gold_by_doc.get(doc_id, [])
        used: set[int] = set()
        matched_preds: list[Item] = []
        for g in golds:
            hit = None
            for i, p in enumerate(predicted):
                if i in used or p.year != g.year or not _same_value(g, p) or not labels_overlap(g.label, p.label):
                    continue
                hit = i
                if p.kind == g.kind:
                    break
            for score in [overall] + [by_class[c][v] for c, v in classes(doc_id, g.kind)]:
                score.gold += 1
            if hit is None:
                report.misses.append(g)
                continue
            used.add(hit)
            p = predicted[hit]
            matched_preds.append(p)
            report.pairs.append((g, p))
            for score in [overall] + [by_class[c][v] for c, v in classes(doc_id, g.kind)]:
                score.matched += 1
                score.kind_ok += p.kind == g.kind
                if g.kind in ("actual", "target"):
                    score.at_total += 1
                    score.at_ok += p.kind == g.kind
            if p.kind != g.kind:
                report.kind_errors.append((g, p))
        for i, p in enumerate(predicted):
            restated = i not in used and any(p.year == m.year and _same_value(p, m) for m in matched_preds)
            if restated:
                continue  # the same figure stated again in the excerpt (headline and body)
            for score in [overall] + [by_class[c][v] for c, v in classes(doc_id, p.kind)]:
                score.predicted += 1
                if i not in used:
                    score.false_pos += 1
            if i not in used:
                report.false_positives.append(p)
    return report


@dataclass
class MetricReport:
    """Metric mapping of the matched actual/target figures, against gold_metrics.csv."""

    in_registry: int = 0
    right: list[tuple[Item, str]] = field(default_factory=list)
    wrong: list[tuple[Item, str, str]] = field(default_factory=list)        # (gold, expected, got)
    unmapped: list[tuple[Item, str, str]] = field(default_factory=list)     # (gold, expected, extracted label)
    not_in_registry: int = 0
    wrong_outside: list[tuple[Item, str, str]] = field(default_factory=list)  # (gold, got, extracted label)
    not_matched: int = 0          # gold actual/target figures extraction did not find (no metric to judge)
    unlabelled: list[Item] = field(default_factory=list)  # matched figures without a gold_metrics row

    @property
    def ratio(self) -> float:
        return len(self.right) / self.in_registry if self.in_registry else 1.0


def load_gold_metrics(root: Path = REALDOCS) -> dict[tuple, str]:
    """(doc_id, label, year, value_kind, value) -> metric_id ('' = the quantity has no metric)."""
    return {k: m for k, (m, _) in load_gold_metric_bases(root).items()}


def load_gold_metric_bases(root: Path = REALDOCS) -> dict[tuple, tuple[str, str]]:
    """(doc_id, label, year, value_kind, value) -> (metric_id, basis). `basis` is set where the metric alone
    does not say the quantity: an addition to a stock (新增有效注册商标) is the stock's metric with basis
    'annual' (README, Metrics); empty = any basis."""
    with open(root / "gold_metrics.csv", encoding="utf-8") as fh:
        return {(r["doc_id"], r["label"], int(r["year"]) if r["year"] else None, r["value_kind"], float(r["value"])):
                ((r["metric_id"] or "").strip(), (r.get("basis") or "").strip()) for r in csv.DictReader(fh)}


def _build_warehouse(root: Path, db: Path) -> int:
    """Ingest the excerpts (metadata from the manifest, as `extract` reads them) into `db` and run `ipbench build`."""
    import duckdb

    from ingest.loader import ensure_schema, load_documents
    from ipbench.dbt_runner import run_build

    from dataclasses import replace

    from ingest.catalog import LEVELS, _date
    from ingest.regions import load_regions

    by_name = {r.name: r for r in load_regions()}
    manifest = load_manifest(root)
    docs = []
    for doc_id, row in manifest.items():
        doc = parse_excerpt(doc_id, row, root)
        # The figures are read exactly as `extract` reads them. The stored catalog metadata is what a
        # catalog row would hold: the region's GB/T code when the manifest names a known region, a full
        # date only (a partial one such as 2023-11 stays empty), a level the warehouse knows.
        region = by_name.get(row.get("region") or "")
        iso = _date(doc.meta.issue_date) if doc.meta.issue_date else None
        level = region.level if region else (row.get("level") if row.get("level") in LEVELS else None)
        doc.meta = replace(doc.meta, issue_date=iso, region_code=region.code if region else None,
                           region_name=row.get("region") or None, level=level)
        docs.append(doc)
    with duckdb.connect(str(db)) as con:
        ensure_schema(con)
        refused = load_documents(con, docs)
    for doc, reason in refused:
        print(f"warning: {doc.file_name}: not stored ({reason})", file=sys.stderr)
    import contextlib

    with contextlib.redirect_stdout(sys.stderr):  # dbt's log is not part of the report
        return run_build(db)


def evaluate_metrics(root: Path = REALDOCS, report: Report | None = None) -> MetricReport:
    """Build a real warehouse from the excerpts and check the metric of every matched actual/target figure."""
    import tempfile

    import duckdb

    report = report or evaluate(root)
    gold_bases = load_gold_metric_bases(root)
    gold_metrics = {k: m for k, (m, _) in gold_bases.items()}
    with tempfile.TemporaryDirectory(prefix="ipbench-eval-") as tmp:
        db = Path(tmp) / "eval.duckdb"
        code = _build_warehouse(root, db)
        if code:
            raise RuntimeError(f"ipbench build failed on the evaluation warehouse (exit {code})")
        with duckdb.connect(str(db), read_only=True) as con:
            rows = con.execute("select document_id, figure_no, metric_id, basis "
                               "from main.fct_indicator_observation").fetchall()
        mapped = {(d, int(n)): m for d, n, m, _ in rows}
        basis = {(d, int(n)): b for d, n, _, b in rows}
    out = MetricReport()
    for g, p in report.pairs:
        if g.kind not in ("actual", "target"):
            continue
        key = (g.doc_id, g.label, g.year, g.kind, g.value)
        if key not in gold_metrics:
            out.unlabelled.append(g)
            continue
        expected, expected_basis = gold_bases[key]
        got = mapped.get((p.doc_id, p.figure_no)) or ""
        got_basis = basis.get((p.doc_id, p.figure_no))
        if expected:
            out.in_registry += 1
            if got == expected and (not expected_basis or got_basis == expected_basis):
                out.right.append((g, got))
            elif got == expected:  # the right metric with the wrong basis: a stock read as its additions
                out.wrong.append((g, f"{expected} (basis {expected_basis})", f"{got} (basis {got_basis})"))
            elif got:
                out.wrong.append((g, expected, got))
            else:
                out.unmapped.append((g, expected, p.label))
        else:
            out.not_in_registry += 1
            if got:
                out.wrong_outside.append((g, f"{got} (basis {basis.get((p.doc_id, p.figure_no))})", p.label))
    matched = {(g.doc_id, g.label, g.year, g.kind, g.value) for g, _ in report.pairs}
    out.not_matched = sum(1 for k in gold_metrics if k not in matched)
    return out


def print_metric_report(mr: MetricReport, out=sys.stdout) -> None:
    print("\nmetric mapping of matched actual/target figures (gold_metrics.csv)", file=out)
    print(f"  quantity in the registry      {mr.in_registry:4d}", file=out)
    print(f"    right metric                {len(mr.right):4d}   ratio {mr.ratio:.3f}", file=out)
    print(f"    wrong metric                {len(mr.wrong):4d}", file=out)
    print(f"    unmapped                    {len(mr.unmapped):4d}", file=out)
    print(f"  quantity not in the registry  {mr.not_in_registry:4d}", file=out)
    print(f"    got a metric anyway (wrong) {len(mr.wrong_outside):4d}", file=out)
    print(f"  gold figures not extracted    {mr.not_matched:4d} (no metric to judge)", file=out)
    if mr.unlabelled:
        print(f"  matched figures without a gold_metrics row: {len(mr.unlabelled)}", file=out)
        for g in mr.unlabelled:
            print("    " + _item(g), file=out)
    if mr.wrong:
        print(f"\nwrong metric ({len(mr.wrong)}):", file=out)
        for g, expected, got in mr.wrong:
            print(f"  {_item(g)}  expected {expected}, got {got}", file=out)
    if mr.unmapped:
        print(f"\nunmapped ({len(mr.unmapped)}):", file=out)
        for g, expected, label in mr.unmapped:
            print(f"  {_item(g)}  expected {expected}; extracted label {label}", file=out)
    if mr.wrong_outside:
        print(f"\nnot in the registry but mapped ({len(mr.wrong_outside)}):", file=out)
        for g, got, label in mr.wrong_outside:
            print(f"  {_item(g)}  got {got}; extracted label {label}", file=out)


def _fmt(score: Score) -> str:
    at = f"{score.at_ok / score.at_total:.3f}" if score.at_total else "  -  "
    return (f"gold {score.gold:4d}  matched {score.matched:4d}  predicted {score.predicted:4d}  "
            f"recall {score.recall:.3f}  precision {score.precision:.3f}  actual/target ok {at}")


def _item(it: Item) -> str:
    return f"{it.doc_id}: {it.label} | {it.year} | {it.kind} | {it.value:g} {it.unit}"


def print_report(report: Report, out=sys.stdout, details: bool = True) -> None:
    print("prose extraction on tests/realdocs", file=out)
    print(f"overall              {_fmt(report.overall)}", file=out)
    for cls, scores in report.by_class.items():
        for name, score in sorted(scores.items()):
            print(f"{cls:>11} {name:<9}{_fmt(score)}", file=out)
    if not details:
        return
    print(f"\nmisses ({len(report.misses)}):", file=out)
    for g in report.misses:
        print("  " + _item(g), file=out)
    print(f"\nfalse positives ({len(report.false_positives)}):", file=out)
    for p in report.false_positives:
        quote = re.sub(r"\s+", " ", p.text)[:60]
        print("  " + _item(p) + f"   « {quote} »", file=out)
    print(f"\nkind errors ({len(report.kind_errors)}):", file=out)
    for g, p in report.kind_errors:
        print(f"  {_item(g)}  -> extracted {p.kind}", file=out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ipbench.evaluate", description=__doc__)
    parser.add_argument("--root", type=Path, default=REALDOCS, help="folder with manifest.csv, gold.csv and <doc_id>.txt")
    parser.add_argument("--summary", action="store_true", help="print the scores only, not the misses")
    parser.add_argument("--metrics", action="store_true",
                        help="also build a warehouse from the excerpts and score metric mapping against gold_metrics.csv")
    args = parser.parse_args(argv)
    report = evaluate(args.root)
    print_report(report, details=not args.summary)
    if args.metrics:
        print_metric_report(evaluate_metrics(args.root, report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
