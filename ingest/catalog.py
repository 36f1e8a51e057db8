"""The document catalog: metadata per document id (file stem), from a CSV file; bad cells are warnings, not aborts."""

from __future__ import annotations

import csv
import re
from datetime import date
from pathlib import Path

from ingest.errors import ParseError
from ingest.model import DocumentMeta
from ingest.regions.infer import load_regions

FIELDS = ("title", "region_code", "region_name", "level", "doc_type", "status", "plan_id",
          "plan_period_start", "plan_period_end", "issue_date", "doc_number")
LEVELS = ("province", "city", "county")
STATUSES = ("draft", "final")
YEARS = range(1949, 2101)
_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")


def _year(value: str) -> int | None:
    try:
        year = int(value)
    except ValueError:
        return None
    return year if year in YEARS else None


def _date(value: str) -> str | None:
    """An issue date as ISO text (2021-05-08, 2021/5/8, 2021年5月8日), None when it is not a real date."""
    m = _DATE.match(value)
    if not m:
        return None
    try:
        return date(*map(int, m.groups())).isoformat()
    except ValueError:
        return None


def _checked(values: dict[str, str | None], where: str, warnings: list[str]) -> dict:
    """Cells that cannot be used become None (inferred from the text later), each with a warning."""
    out: dict = dict(values)

    def drop(*keys: str, why: str) -> None:
        shown = ", ".join(f"{k}={values[k]!r}" for k in keys)
        warnings.append(f"{where}: {shown}: {why}; ignored (taken from the region code or the text instead) "
                        "— correct the catalog")
        for k in keys:
            out[k] = None

    start, end = values["plan_period_start"], values["plan_period_end"]
    for k, v in (("plan_period_start", start), ("plan_period_end", end)):
        if v is not None:
            out[k] = _year(v)
            if out[k] is None:
                drop(k, why=f"not a year between {YEARS.start} and {YEARS.stop - 1}")
    if out["plan_period_start"] is not None and out["plan_period_end"] is not None \
            and out["plan_period_start"] > out["plan_period_end"]:
        drop("plan_period_start", "plan_period_end", why="the period starts after it ends")
    if values["issue_date"] is not None:
        out["issue_date"] = _date(values["issue_date"])
        if out["issue_date"] is None:
            drop("issue_date", why="not a date (write it as YYYY-MM-DD)")
    if values["level"] is not None and values["level"] not in LEVELS:
        drop("level", why=f"must be one of {', '.join(LEVELS)}")
    if values["status"] is not None and values["status"] not in STATUSES:
        drop("status", why=f"must be one of {', '.join(STATUSES)}")
    if values["region_code"] is not None and not re.fullmatch(r"\d{6}", values["region_code"]):
        drop("region_code", why="must be a 6-digit GB/T 2260 code")
    if out["region_code"] is not None and (out["region_name"] is None or out["level"] is None):
        known = {r.code: r for r in load_regions()}.get(out["region_code"])
        if known is not None:  # a known code says its name and level
            out["region_name"] = out["region_name"] or known.name
            out["level"] = out["level"] or known.level
    return out


def load_catalog(path: Path, warnings: list[str] | None = None,
                 errors: list[str] | None = None) -> dict[str, DocumentMeta]:
    """Read the catalog CSV; empty cells stay None (and are inferred from the text later).

    Never aborts for one row: a row without a document_id is skipped and a cell that cannot be
    used (bad date, year, level, status, region code) is dropped, each with a warning naming the
    line; a row the csv module cannot read (a field over its size limit) is skipped with an error
    naming the line; when a document_id appears twice, the first row is used and the warning names
    both lines. Raises ParseError only when the whole file is unusable (not UTF-8, no document_id column).
    """
    warnings = warnings if warnings is not None else []
    errors = errors if errors is not None else warnings
    out: dict[str, DocumentMeta] = {}
    first_line: dict[str, int] = {}
    consumed = 0

    def lines(fh):
        nonlocal consumed
        for text in fh:
            consumed += 1
            yield text

    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            reader = csv.reader(lines(fh))
            try:
                header = [h.strip() for h in next(reader, [])]
            except csv.Error as exc:
                raise ParseError(f"{path}: line 1: cannot read the catalog header ({exc}); fix the header row") from exc
            if "document_id" not in header:
                raise ParseError(f"{path}: catalog needs a document_id column")
            while True:
                start = consumed + 1
                try:
                    cells = next(reader)
                except StopIteration:
                    break
                except csv.Error as exc:
                    errors.append(f"{path}: line {start}: row skipped, the csv module cannot read it ({exc}); "
                                  "shorten that cell or fix its quotes")
                    continue
                if not cells:
                    continue
                n = start
                row = dict(zip(header, cells))
                doc_id = (row.get("document_id") or "").strip()
                if not doc_id:
                    warnings.append(f"{path}: line {n}: empty document_id; row skipped — fill it in or delete the row")
                    continue
                if doc_id in first_line:
                    warnings.append(f"{path}: line {n}: document_id {doc_id!r} is also on line {first_line[doc_id]}; "
                                    f"line {first_line[doc_id]} is used and line {n} ignored — keep one row per document")
                    continue
                first_line[doc_id] = n
                values = {k: (row.get(k) or "").strip() or None for k in FIELDS}
                out[doc_id] = DocumentMeta(document_id=doc_id, **_checked(values, f"{path}: line {n}", warnings))
            return out
    except UnicodeDecodeError as exc:
        raise ParseError(f"{path}: catalog is not UTF-8; save it as UTF-8 CSV") from exc
    except OSError as exc:
        raise ParseError(f"{path}: cannot read the catalog ({exc.strerror}); check the path") from exc
