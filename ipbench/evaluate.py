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


def extract(doc_id: str, meta_row: dict[str, str], root: Path = REALDOCS) -> list[Item]:
    """Prose figures of one excerpt, read the way `ipbench ingest` reads a file (region from the manifest)."""
    text = (root / f"{doc_id}.txt").read_text(encoding="utf-8")
    meta = DocumentMeta(document_id=doc_id, title=meta_row.get("title") or doc_id, region_code="000000",
                        region_name=meta_row.get("region"), level=meta_row.get("level"),
                        issue_date=meta_row.get("doc_date") or None, status="final", doc_type="eval",
                        plan_id=doc_id, metadata_source="eval")
    parsed = parse_text(text, meta, f"{doc_id}.txt", "", "utf-8")
    out = []
    for f in parsed.figures:
        if f.value_number is None:
            continue
        value = -f.value_number if getattr(f, "sign", 1) < 0 else f.value_number
        out.append(Item(doc_id, f.indicator_label, f.year, f.value_kind, value, f.raw_unit or "",
                        f.qualifier or "", f.source_text))
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
    args = parser.parse_args(argv)
    print_report(evaluate(args.root), details=not args.summary)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
