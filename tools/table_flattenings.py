"""Dev tool: re-lay the tables of the dev evaluation documents out the other ways pages flatten tables, and score each way.

A table read from a dev document (any layout) is written again as a pipe table, one cell per line (with and
without blank lines, with a trailing ` |`), space-aligned columns and single-space rows; merged cells that
were carried down are left out, as flattened pages leave them out; a two-level header is written as two
header rows. Each variant document keeps the document's other lines, so its gold is the original's gold.
`ipbench eval`'s scorer then gives the table recall of every way, next to the original's.

Usage: python tools/table_flattenings.py [--set stats-a] [--keep DIR]. Held-out documents are never used.
"""

from __future__ import annotations

import argparse
import csv
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ingest.document import parse_file  # noqa: E402
from ingest.tables.space import width  # noqa: E402
from ingest.tables.table import Table  # noqa: E402
from ipbench import evaluate  # noqa: E402

WAYS = ("original", "pipe", "cells", "cells_blank", "cells_bar", "space", "single")


def _levels(header: list[str], stubs: int) -> list[tuple[str, str]] | None:
    """Per column (group, leaf) when value columns are labelled `group leaf` and a group heads two columns or
    more; a column without a group is (label, '')."""
    parts = [h.rsplit(" ", 1) if i >= stubs and " " in h else None for i, h in enumerate(header)]
    groups = [p[0] for p in parts if p]
    parts = [p if p and groups.count(p[0]) > 1 else None for p in parts]
    if not any(parts):
        return None
    return [(p[0].replace(" ", ""), p[1]) if p else (h.replace(" ", ""), "") for p, h in zip(parts, header)]


def _rows(table: Table, aligned: bool) -> list[list[str]]:
    """Header row(s) then body rows as cell texts. Flattened ways leave out carried-down cells and print a group
    head once before the leaves; `aligned` (space columns) keeps every cell in its column, blank where merged."""
    stubs = 1
    header = [h.replace(" ", "") if i < stubs else h for i, h in enumerate(table.header)]
    cols = _levels(header, stubs)
    if cols is None:
        head = [[h.replace(" ", "") for h in header]]
    elif aligned:
        upper = [g if c == 0 or g != cols[c - 1][0] else "" for c, (g, _) in enumerate(cols)]
        head = [upper, [leaf for _, leaf in cols]]
    else:
        upper = [g for c, (g, _) in enumerate(cols) if c == 0 or g != cols[c - 1][0]]
        head = [upper, [leaf for _, leaf in cols if leaf]]
    body = []
    for row in table.body:
        cells = [("" if c.filled else c.text.strip()) for c in row] if aligned else \
                [c.text.strip() for c in row if not c.filled]
        while cells and not cells[-1]:
            cells.pop()
        body.append([c if c or (aligned and i < stubs + 2) else "-" for i, c in enumerate(cells)])
    return head + body


def _render(rows: list[list[str]], way: str) -> list[str]:
    if way == "pipe":
        return [" | ".join(r) + " |" for r in rows]
    if way == "single":
        return [" ".join(c.replace(" ", "") for c in r) for r in rows]
    if way == "space":   # columns aligned on display width (a Chinese character is two columns wide)
        rows = [[c.replace(" ", "") for c in r] for r in rows]
        widths: dict[int, int] = {}
        for r in rows:
            for i, c in enumerate(r):
                widths[i] = max(widths.get(i, 0), width(c))
        return ["  ".join(c + " " * (widths[i] - width(c)) for i, c in enumerate(r)).rstrip() for r in rows]
    out: list[str] = []
    for r in rows:
        for c in r:
            out.append(c + " |" if way == "cells_bar" else c)
            if way == "cells_blank":
                out.append("")
    return out


def variant(path: Path, way: str) -> str | None:
    """The document with each table laid out `way`; None when it has no table read from text lines."""
    text = path.read_text(encoding="utf-8")
    if way == "original":
        return text
    lines = text.splitlines()
    doc = parse_file(path)
    tables = sorted((t for t in doc.tables if t.layout in ("pipe", "space", "tab", "cells", "years", "rows")
                     and len(t.rows) > 2), key=lambda t: t.start_line)
    if not tables:
        return None
    out: list[str] = []
    at = 1
    for t in tables:
        start = min(t.lines) if t.lines else t.start_line
        end = max(t.lines) if t.lines else t.end_line
        if start < at:
            continue
        out.extend(lines[at - 1:start - 1])
        head_line = min((c.line for c in t.rows[0] if c.line), default=start)
        # lines inside the table's span above its header (title, unit, form number) stay, as text
        heads = {h.split()[0] for h in t.header if h.strip()}
        out.extend(ln.replace("|", " ").strip() for ln in lines[start - 1:head_line - 1]
                   if ln.replace("|", "").strip() and not any(h in ln for h in heads))   # not an upper header row
        out.extend(_render(_rows(t, aligned=way == "space"), way))
        at = end + 1
    out.extend(lines[at - 1:])
    return "\n".join(out) + "\n"


def _p(x: float | None) -> str:
    return f"{x:.3f}" if x is not None else "  -  "


def build(sets: list[str], root: Path) -> list[str]:
    """Writes one eval set per way under `root`; returns the set names."""
    names = []
    for way in WAYS:
        target = root / f"flat-{way}"
        target.mkdir(parents=True)
        docs, gold_rows, fields = [], [], None
        for name in sets:
            s = evaluate.load_set(evaluate.EVAL_ROOT / name)
            table_docs = {g.doc for g in s.gold if g.source == "table"}
            with open(s.root / "gold.csv", encoding="utf-8") as fh:
                reader = csv.DictReader(fh)
                fields = reader.fieldnames
                rows = list(reader)
            for doc in s.docs:
                if s.split.get(doc) != "dev" or doc not in table_docs:
                    continue
                new = variant(s.root / f"{doc}.txt", way)
                if new is None:
                    continue
                (target / f"{doc}.txt").write_text(new, encoding="utf-8")
                docs.append(doc)
                gold_rows += [r for r in rows if r["doc"] == doc]
        with open(target / "documents.csv", "w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(["doc", "split", "url", "retrieved", "title"])
            w.writerows([d, "dev", "", "", d] for d in docs)
        with open(target / "gold.csv", "w", encoding="utf-8", newline="") as fh:
            w = csv.DictWriter(fh, fieldnames=fields)
            w.writeheader()
            w.writerows(gold_rows)
        names.append(target.name)
    return names


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", dest="sets", action="append", help="an eval set (default: stats-a, stats-b, stats-c, set-b)")
    parser.add_argument("--keep", type=Path, help="write the variant sets here and keep them")
    args = parser.parse_args(argv)
    sets = args.sets or ["stats-a", "stats-b", "stats-c", "set-b"]
    root = args.keep or Path(tempfile.mkdtemp(prefix="ipbench-flat-"))
    if args.keep and root.exists():
        shutil.rmtree(root)
    names = build(sets, root)
    results = evaluate.evaluate(names, root=root)
    for res in results:
        per_doc = {}
        for doc in res.set.docs:
            n = sum(1 for g in res.set.gold if g.doc == doc and g.source == "table")
            m = sum(1 for p in res.pairs if p.gold.doc == doc and p.gold.source == "table")
            if n:
                per_doc[doc] = f"{m}/{n}"
        t = evaluate.tally([res])
        print(f"{res.set.name:18} table R {_p(t.recall('table'))} P {_p(t.precision('table'))} "
              f"region {_p(t.share(t.region_ok, t.region_known))}  "
              + "  ".join(f"{d[:18]}={v}" for d, v in per_doc.items()))
    if not args.keep:
        shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
