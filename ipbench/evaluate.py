"""Score ipbench on the user's path: each labelled set's files → ingest (no catalog) → build → export, against gold."""

from __future__ import annotations

import argparse
import contextlib
import csv
import difflib
import io
import re
import shutil
import sys
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ipbench_core import paths

EVAL_ROOT = paths.ROOT / "tests" / "realdocs"
SPLITS = ("dev", "held-out")
SOURCES = ("table", "prose")
# the goal of issue 19, printed (not asserted): recall, precision, kind and year right of matched figures
GOAL = {"recall": 0.90, "precision": 0.95, "kind": 0.97, "year": 0.97}
CAUSES = ("table not detected", "not extracted", "wrong kind", "wrong year", "wrong year and kind",
          "label too different")
_DROP = re.compile(r"[（(][^（）()]*[）)]|[\s、,，·“”]")
_MONEY = {"万亿元": 1e4, "亿元": 1.0, "亿": 1.0, "万元": 1e-4, "千元": 1e-5, "元": 1e-8}


# ---------------------------------------------------------------- the rows compared

@dataclass(frozen=True)
class Gold:
    """One hand-labelled figure (a row of a set's gold.csv)."""

    set: str
    doc: str
    source: str
    region_code: str
    indicator: str
    years: tuple[int, ...]
    kind: str
    raw_value: float
    raw_unit: str
    base_value: float | None
    metric_id: str | None = None     # from gold_metrics.csv where the set has one ('' = not in the registry)
    basis: str = ""


@dataclass(frozen=True)
class Found:
    """One exported figure (a row of `ipbench export observations`)."""

    doc: str
    n: int                  # its position in the document's export
    source: str
    region_code: str
    indicator: str
    year: int | None
    kind: str
    raw_value: float | None
    raw_unit: str
    metric_id: str
    basis: str
    line: str
    text: str


def label_form(label: str) -> str:
    """The form labels are compared in (shared/eval/README.md): no bracketed parts, spaces or 、,，·“”."""
    return _DROP.sub("", label or "")


def label_similarity(a: str, b: str) -> float:
    """1.0 when one label holds the other, else difflib's ratio (0 for an empty label)."""
    ka, kb = label_form(a), label_form(b)
    if not ka or not kb:
        return 0.0
    if ka in kb or kb in ka:
        return 1.0
    return difflib.SequenceMatcher(None, ka, kb).ratio()


def similar(a: str, b: str) -> bool:
    return label_similarity(a, b) >= 0.6


@lru_cache(maxsize=1)
def _successors() -> dict[str, str]:
    """Former region codes (region_aliases seed) -> the code that replaced them."""
    path = paths.SEEDS_DIR / "region_aliases.csv"
    if not path.exists():
        return {}
    with open(path, encoding="utf-8") as fh:
        return {r["former_code"]: r["region_code"] for r in csv.DictReader(fh)}


def same_region(found: str | None, gold: str) -> bool:
    """The region codes agree; a code valid when the document was written equals the code that replaced it."""
    succ = _successors()
    return (found or "") == gold or succ.get(gold, gold) == succ.get(found or "", found or "")


def same_number(a: float | None, b: float | None) -> bool:
    return a is not None and b is not None and abs(a - b) <= 1e-6 * max(abs(a), abs(b), 1e-12)


def base_value(value: float | None, unit: str) -> float | None:
    """The value in base units as gold.csv states it: 万 ×10⁴, money in 亿元, %, 件, 家 … as they are."""
    if value is None:
        return None
    u = (unit or "").strip()
    if u in _MONEY:
        return value * _MONEY[u]
    if u.startswith("万亿"):
        return value * 1e12
    if u.startswith("亿"):
        return value * 1e8
    if u.startswith("万") and u not in ("万人", "万元"):
        return value * 1e4
    return value


# ---------------------------------------------------------------- loading a set

@dataclass
class EvalSet:
    """A folder of tests/realdocs: documents, their split, gold rows, an optional catalog."""

    name: str
    root: Path
    split: dict[str, str]
    gold: list[Gold]
    catalog: Path | None

    @property
    def docs(self) -> list[str]:
        return sorted(self.split)


def _num(text: str) -> float | None:
    text = (text or "").strip().replace(",", "")
    try:
        return float(text)
    except ValueError:
        return None


def load_set(root: Path) -> EvalSet:
    """Read a set folder: documents.csv (doc, split), gold.csv, gold_metrics.csv and catalog.csv if present."""
    with open(root / "documents.csv", encoding="utf-8") as fh:
        split = {r["doc"]: (r.get("split") or "dev").strip() for r in csv.DictReader(fh)}
    metrics: dict[tuple, tuple[str, str]] = {}
    if (root / "gold_metrics.csv").exists():
        with open(root / "gold_metrics.csv", encoding="utf-8") as fh:
            for r in csv.DictReader(fh):
                key = (r["doc"], r["indicator"], r["year"], r["kind"], _num(r["raw_value"]))
                metrics[key] = ((r.get("metric_id") or "").strip(), (r.get("basis") or "").strip())
    gold = []
    with open(root / "gold.csv", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            value = _num(r["raw_value"])
            if value is None:
                raise ValueError(f"{root / 'gold.csv'}: raw_value {r['raw_value']!r} of {r['doc']} is not a number")
            m = metrics.get((r["doc"], r["indicator"], r["year"], r["kind"], value))
            gold.append(Gold(root.name, r["doc"], r["source"].strip(), (r["region_code"] or "").strip(),
                             r["indicator"], tuple(int(y) for y in r["year"].split("|") if y.strip()),
                             r["kind"].strip(), value, (r.get("raw_unit") or "").strip(), _num(r.get("base_value", "")),
                             m[0] if m else None, m[1] if m else ""))
    catalog = root / "catalog.csv"
    return EvalSet(root.name, root, split, gold, catalog if catalog.exists() else None)


def set_names(root: Path = EVAL_ROOT) -> list[str]:
    return sorted(p.name for p in root.iterdir() if (p / "gold.csv").exists() and (p / "documents.csv").exists())


# ---------------------------------------------------------------- the user's path

def _document_files(s: EvalSet) -> list[Path]:
    """The set's document files (any format ipbench reads), one per listed document."""
    files = [p for p in sorted(s.root.iterdir()) if p.is_file() and p.stem in s.split and p.suffix.lower() != ".csv"]
    missing = set(s.split) - {p.stem for p in files}
    if missing:
        raise ValueError(f"{s.root}: documents.csv lists {', '.join(sorted(missing))} but no such file is in the folder")
    return files


def run_user_path(s: EvalSet, workdir: Path) -> list[Found]:
    """Ingest the set's files as `ipbench ingest` does (no catalog unless the set ships one), build, export."""
    from ingest.pipeline import run_ingest
    from ipbench.dbt_runner import run_build
    from ipbench.export import export_csv

    docs = workdir / "docs"
    docs.mkdir()
    for f in _document_files(s):
        shutil.copy2(f, docs / f.name)
    db = workdir / "eval.duckdb"
    log = io.StringIO()
    with contextlib.redirect_stdout(log), contextlib.redirect_stderr(log):
        from rich.console import Console

        summary = run_ingest([docs], db, catalog=s.catalog, progress=False, console=Console(file=log))
        if summary.exit_code:
            raise RuntimeError(f"set {s.name}: ingest failed:\n{log.getvalue()[-2000:]}")
        code = run_build(db)
        if code:
            raise RuntimeError(f"set {s.name}: build failed (exit {code}):\n{log.getvalue()[-2000:]}")
        out = workdir / "observations.csv"
        export_csv("observations", db, out)
    found: list[Found] = []
    seen: Counter[str] = Counter()
    with open(out, encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            doc = r["document_id"]
            seen[doc] += 1
            year = _num(r["year"])
            found.append(Found(doc, seen[doc], r["source_kind"], r["region_code"] or "", r["indicator_label"] or "",
                               int(year) if year is not None else None, r["value_kind"], _num(r["raw_value"]),
                               r["raw_unit"] or "", r["metric_id"] or "", r["basis"] or "", r["source_line"] or "",
                               r["source_text"] or ""))
    return found


# ---------------------------------------------------------------- matching

@dataclass
class Pair:
    gold: Gold
    found: Found


@dataclass
class Miss:
    gold: Gold
    cause: str
    near: Found | None = None


@dataclass
class SetResult:
    """One set scored: strict matches, misses with causes, false positives, loose matches for kind/year."""

    set: EvalSet
    found: list[Found]
    pairs: list[Pair] = field(default_factory=list)
    misses: list[Miss] = field(default_factory=list)
    false_pos: list[Found] = field(default_factory=list)
    loose: list[Pair] = field(default_factory=list)   # value + label only: is the kind / year right?

    def split_of(self, doc: str) -> str:
        return self.set.split.get(doc, "dev")


def _greedy(golds: list[Gold], founds: list[Found], fits) -> list[Pair]:
    """One-to-one pairs, most similar label first (shared/eval/README.md)."""
    candidates = []
    for i, g in enumerate(golds):
        for j, f in enumerate(founds):
            if f.doc == g.doc and same_number(f.raw_value, g.raw_value) and fits(g, f):
                sim = label_similarity(g.indicator, f.indicator)
                if sim >= 0.6:  # ties (one label holds the other) go to the closer pair
                    exact = difflib.SequenceMatcher(None, label_form(g.indicator), label_form(f.indicator)).ratio()
                    candidates.append((-sim, -exact, i, j))
    candidates.sort()
    used_g: set[int] = set()
    used_f: set[int] = set()
    pairs = []
    for _, _, i, j in candidates:
        if i in used_g or j in used_f:
            continue
        used_g.add(i)
        used_f.add(j)
        pairs.append(Pair(golds[i], founds[j]))
    return pairs


def _strict(g: Gold, f: Found) -> bool:
    return f.year in g.years and f.kind == g.kind


def _cause(g: Gold, founds: list[Found], table_docs: set[str]) -> Miss:
    same_value = [f for f in founds if f.doc == g.doc and same_number(f.raw_value, g.raw_value)]
    labelled = [f for f in same_value if similar(g.indicator, f.indicator)]
    year_ok = [f for f in labelled if f.year in g.years]
    kind_ok = [f for f in labelled if f.kind == g.kind]
    if year_ok:
        return Miss(g, "wrong kind", year_ok[0])
    if kind_ok:
        return Miss(g, "wrong year", kind_ok[0])
    if labelled:
        return Miss(g, "wrong year and kind", labelled[0])
    timed = [f for f in same_value if f.year in g.years and f.kind == g.kind]
    if timed:
        return Miss(g, "label too different", timed[0])
    if g.source == "table" and g.doc not in table_docs:
        return Miss(g, "table not detected")
    return Miss(g, "not extracted", same_value[0] if same_value else None)


def score_set(s: EvalSet, found: list[Found]) -> SetResult:
    """Match the export with gold: strict pairs (year, kind, value, label), misses by cause, false positives."""
    found = [f for f in found if f.doc in s.split]   # precision over the set's labelled documents only
    res = SetResult(s, found)
    res.pairs = _greedy(s.gold, found, _strict)
    matched_g = {id(p.gold) for p in res.pairs}
    matched_f = {id(p.found) for p in res.pairs}
    table_docs = {f.doc for f in found if f.source == "table"}
    res.misses = [_cause(g, found, table_docs) for g in s.gold if id(g) not in matched_g]
    res.false_pos = [f for f in found if id(f) not in matched_f]
    res.loose = _greedy(s.gold, found, lambda g, f: True)
    return res


# ---------------------------------------------------------------- the numbers

@dataclass
class Tally:
    """Counts over a selection of documents (a set, a split, a document)."""

    gold: Counter = field(default_factory=Counter)      # by source
    matched: Counter = field(default_factory=Counter)   # by gold source
    found: Counter = field(default_factory=Counter)     # by exported source_kind
    found_matched: Counter = field(default_factory=Counter)
    loose: int = 0
    kind_ok: int = 0
    year_ok: int = 0
    region_ok: int = 0
    region_known: int = 0
    unit_ok: int = 0
    unit_known: int = 0
    with_metric: int = 0
    metric_gold: int = 0      # matched figures whose gold metric is in the registry
    metric_ok: int = 0
    causes: Counter = field(default_factory=Counter)

    def recall(self, source: str | None = None) -> float | None:
        g = self.gold[source] if source else sum(self.gold.values())
        m = self.matched[source] if source else sum(self.matched.values())
        return m / g if g else None

    def precision(self, source: str | None = None) -> float | None:
        f = self.found[source] if source else sum(self.found.values())
        m = self.found_matched[source] if source else sum(self.found_matched.values())
        return m / f if f else None

    @property
    def n_matched(self) -> int:
        return sum(self.matched.values())

    def share(self, part: int, whole: int) -> float | None:
        return part / whole if whole else None


def tally(results: list[SetResult], keep=lambda res, doc: True) -> Tally:
    """Counts over the documents `keep(result, doc)` selects."""
    t = Tally()
    for res in results:
        for g in res.set.gold:
            if keep(res, g.doc):
                t.gold[g.source] += 1
        for f in res.found:
            if keep(res, f.doc):
                t.found[f.source] += 1
        for p in res.pairs:
            if not keep(res, p.gold.doc):
                continue
            g, f = p.gold, p.found
            t.matched[g.source] += 1
            t.found_matched[f.source] += 1
            if g.region_code:
                t.region_known += 1
                t.region_ok += same_region(f.region_code, g.region_code)
            if g.base_value is not None:
                t.unit_known += 1
                t.unit_ok += same_number(base_value(f.raw_value, f.raw_unit), g.base_value)
            t.with_metric += bool(f.metric_id)
            if g.metric_id:
                t.metric_gold += 1
                t.metric_ok += f.metric_id == g.metric_id and (not g.basis or f.basis == g.basis)
        for p in res.loose:
            if keep(res, p.gold.doc):
                t.loose += 1
                t.kind_ok += p.found.kind == p.gold.kind
                t.year_ok += p.found.year in p.gold.years
        for m in res.misses:
            if keep(res, m.gold.doc):
                t.causes[m.cause] += 1
        for p in res.pairs:
            if keep(res, p.gold.doc) and p.gold.region_code and not same_region(p.found.region_code, p.gold.region_code):
                t.causes["wrong region (matched)"] += 1
    return t


def evaluate(names: list[str] | None = None, root: Path = EVAL_ROOT) -> list[SetResult]:
    """Run the user's path on each named set (all sets by default) and score it."""
    results = []
    for name in names or set_names(root):
        s = load_set(root / name)
        with tempfile.TemporaryDirectory(prefix=f"ipbench-eval-{name}-") as tmp:
            found = run_user_path(s, Path(tmp))
        results.append(score_set(s, found))
    return results


# ---------------------------------------------------------------- the report

def _p(x: float | None) -> str:
    return f"{x:.3f}" if x is not None else "  -  "


def _line(name: str, t: Tally) -> str:
    return (f"{name:<22} gold {sum(t.gold.values()):5d} (t {t.gold['table']:4d} p {t.gold['prose']:4d})  "
            f"table R {_p(t.recall('table'))} P {_p(t.precision('table'))}  "
            f"prose R {_p(t.recall('prose'))} P {_p(t.precision('prose'))}  "
            f"all R {_p(t.recall())} P {_p(t.precision())}  "
            f"kind {_p(t.share(t.kind_ok, t.loose))} year {_p(t.share(t.year_ok, t.loose))} "
            f"region {_p(t.share(t.region_ok, t.region_known))} unit {_p(t.share(t.unit_ok, t.unit_known))} "
            f"metric {_p(t.share(t.with_metric, t.n_matched))}"
            + (f" right {_p(t.share(t.metric_ok, t.metric_gold))}" if t.metric_gold else ""))


def _quote(text: str, width: int = 70) -> str:
    """Document text as one escaped line (control characters shown, never sent to the terminal raw)."""
    flat = " ".join((text or "").split())
    flat = "".join(ch if ch.isprintable() else f"\\x{ord(ch):02x}" for ch in flat)
    return flat[:width] + ("…" if len(flat) > width else "")


def print_report(results: list[SetResult], out=sys.stdout, details: bool = True, held_out: bool = False) -> None:
    """Scores per set and split, the goal, per-document rows and misses by cause (dev documents only by default)."""
    w = lambda s="": print(s, file=out)  # noqa: E731
    w("ipbench eval: the user's path (ingest without catalog -> build -> export observations) against gold")
    w("R = recall, P = precision; kind / year = of figures found with the gold value and label; region / unit / "
      "metric = of matched figures")
    for res in results:
        for split in SPLITS:
            t = tally([res], lambda r, d, sp=split: r.split_of(d) == sp)
            if sum(t.gold.values()) or sum(t.found.values()):
                w(_line(f"{res.set.name} {split}", t))
    for split in SPLITS:
        w(_line(f"TOTAL {split}", tally(results, lambda r, d, sp=split: r.split_of(d) == sp)))
    total = tally(results)
    w(_line("TOTAL", total))
    w(f"goal (printed, not asserted): recall >= {GOAL['recall']}, precision >= {GOAL['precision']}, "
      f"kind and year right >= {GOAL['kind']}")
    w("misses by cause: " + ", ".join(f"{c} {total.causes[c]}" for c in (*CAUSES, "wrong region (matched)")))
    if not details:
        return
    shown = lambda r, d: held_out or r.split_of(d) == "dev"  # noqa: E731
    w("\nper document" + ("" if held_out else " (dev; held-out documents are scored above, never listed)"))
    w(f"  {'set':<10} {'document':<44} {'gold':>5} {'found':>6} {'match':>6}  recall precision")
    for res in results:
        for doc in res.set.docs:
            if not shown(res, doc):
                continue
            t = tally([res], lambda r, d, dd=doc: d == dd)
            w(f"  {res.set.name:<10} {doc:<44} {sum(t.gold.values()):5d} {sum(t.found.values()):6d} "
              f"{t.n_matched:6d}  {_p(t.recall()):>6} {_p(t.precision()):>9}")
    by_cause: dict[str, list[str]] = defaultdict(list)
    for res in results:
        for m in res.misses:
            if shown(res, m.gold.doc):
                g = m.gold
                near = (f"  -> found {m.near.indicator} | {m.near.year} | {m.near.kind} (line {m.near.line}) "
                        f"« {_quote(m.near.text)} »") if m.near else ""
                by_cause[m.cause].append(f"  {res.set.name}/{g.doc}: {g.indicator} | {'|'.join(map(str, g.years))} | "
                                         f"{g.kind} | {g.raw_value:g} {g.raw_unit} [{g.source}]{near}")
        for p in res.pairs:
            if shown(res, p.gold.doc) and p.gold.region_code and not same_region(p.found.region_code, p.gold.region_code):
                by_cause["wrong region (matched)"].append(
                    f"  {res.set.name}/{p.gold.doc}: {p.gold.indicator} {p.gold.raw_value:g}: gold {p.gold.region_code}, "
                    f"found {p.found.region_code or '(none)'} « {_quote(p.found.text)} »")
        for f in res.false_pos:
            if shown(res, f.doc):
                by_cause["false positive"].append(
                    f"  {res.set.name}/{f.doc}: {f.indicator} | {f.year} | {f.kind} | {f.raw_value:g} {f.raw_unit} "
                    f"[{f.source}, line {f.line}] « {_quote(f.text)} »" if f.raw_value is not None else
                    f"  {res.set.name}/{f.doc}: {f.indicator} | {f.year} | {f.kind} | (no value) [{f.source}, line {f.line}]")
    for cause in (*CAUSES, "wrong region (matched)", "false positive"):
        if by_cause[cause]:
            w(f"\n{cause} ({len(by_cause[cause])}):")
            for row in by_cause[cause]:
                w(row)


CSV_COLUMNS = ["set", "split", "doc", "status", "source", "region_code", "indicator", "year", "kind", "raw_value",
               "raw_unit", "found_source", "found_region_code", "found_indicator", "found_year", "found_kind",
               "found_raw_value", "found_raw_unit", "found_metric_id", "found_line", "found_text"]


def write_csv(results: list[SetResult], path: Path) -> int:
    """One row per gold figure (matched or its miss cause) and per false positive."""
    rows = []

    def found_cols(f: Found | None) -> dict:
        if f is None:
            return {}
        return {"found_source": f.source, "found_region_code": f.region_code, "found_indicator": f.indicator,
                "found_year": f.year, "found_kind": f.kind, "found_raw_value": f.raw_value,
                "found_raw_unit": f.raw_unit, "found_metric_id": f.metric_id, "found_line": f.line,
                "found_text": " ".join(f.text.split())}

    def gold_cols(res: SetResult, g: Gold, status: str) -> dict:
        return {"set": res.set.name, "split": res.split_of(g.doc), "doc": g.doc, "status": status,
                "source": g.source, "region_code": g.region_code, "indicator": g.indicator,
                "year": "|".join(map(str, g.years)), "kind": g.kind, "raw_value": g.raw_value, "raw_unit": g.raw_unit}

    for res in results:
        for p in res.pairs:
            status = "matched" if not p.gold.region_code or same_region(p.found.region_code, p.gold.region_code) else "wrong region"
            rows.append({**gold_cols(res, p.gold, status), **found_cols(p.found)})
        for m in res.misses:
            rows.append({**gold_cols(res, m.gold, m.cause), **found_cols(m.near)})
        for f in res.false_pos:
            rows.append({"set": res.set.name, "split": res.split_of(f.doc), "doc": f.doc, "status": "false positive",
                         **found_cols(f)})
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=CSV_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    return len(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ipbench.evaluate", description=__doc__)
    parser.add_argument("--set", dest="sets", action="append", help="a set of tests/realdocs (repeatable; default all)")
    parser.add_argument("--csv", type=Path, help="write the per-figure result to this CSV file")
    parser.add_argument("--summary", action="store_true", help="print the scores only")
    parser.add_argument("--held-out", action="store_true", help="also list held-out documents and their misses")
    args = parser.parse_args(argv)
    results = evaluate(args.sets)
    print_report(results, details=not args.summary, held_out=args.held_out)
    if args.csv:
        n = write_csv(results, args.csv)
        print(f"\nwrote {n} rows to {args.csv}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
