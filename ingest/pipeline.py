"""`ipbench ingest`: collect inputs, parse (optionally in parallel), load, report progress and a summary."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
from rich.console import Console
from rich.text import Text
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from ingest import coverage
from ingest.catalog import load_catalog
from ingest.document import MAX_BYTES, parse_file
from ingest.errors import ParseError
from ingest.files import file_sha256, file_size
from ingest.limits import DEFAULT, Limits
from ingest.loader import META_COLUMNS, ensure_schema, load_documents, record_failure, stored_meta
from ingest.model import DocumentMeta, ParsedDocument
from ingest.printable import printable
from ingest.readers import FORMATS, UNSUPPORTED
from ingest.workers import IsolatedPool, Scheduler
from ipbench_core import paths
from ipbench_core.warehouse import WarehouseError, check_path, writable_copy

SUFFIXES = set(FORMATS)  # .txt .md .docx .html/.htm .pdf (see ingest/readers)
BATCH = 500  # documents written per transaction (each stays all-or-nothing, see loader.load_documents)


@dataclass
class Summary:
    documents: int = 0
    unchanged: int = 0
    failed: int = 0
    tables_indicator: int = 0
    tables_other: int = 0
    tables_unread: int = 0  # blocks that look like a table but gave no figure (warned)
    figures_table: int = 0
    figures_prose: int = 0
    warnings: int = 0
    updated: int = 0  # unchanged files whose catalog entry changed (re-read with the new metadata)
    coverage: list[tuple[str, int, int]] = field(default_factory=list)  # per document: file, numbers that may be values, read
    inferred: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    aborted: bool = False  # the warehouse could not be written: nothing was stored

    @property
    def exit_code(self) -> int:
        if self.aborted or (self.errors and self.documents == 0 and self.unchanged == 0):
            return 1
        return 0


def _regular(path: Path, errors: list[str]) -> bool:
    """Only regular files of a readable size are read (a FIFO would hang, /dev/zero never ends)."""
    try:
        st = path.stat()
    except OSError as exc:
        errors.append(f"{path}: cannot read it ({exc.strerror}); check the path and permissions")
        return False
    if not stat.S_ISREG(st.st_mode):
        errors.append(f"{path}: not a regular file (a pipe, device or socket); pass a saved document file")
        return False
    if st.st_size > MAX_BYTES:
        errors.append(f"{path}: file is {st.st_size // 2**20} MB, over the {MAX_BYTES // 2**20} MB limit; split it")
        return False
    return True


def _files_under(folder: Path, problems: list[str]) -> list[Path]:
    """Every file below `folder` (sorted); a subfolder that cannot be listed is named in `problems`, not skipped silently."""
    def unreadable(exc: OSError) -> None:
        problems.append(f"{exc.filename}: skipped: cannot read this folder ({exc.strerror}); "
                        "check its permissions or move the documents out of it")

    files: list[Path] = []
    for root, dirs, names in os.walk(folder, onerror=unreadable):
        dirs[:] = [d for d in dirs if not d.startswith((".", "~$"))]
        files += [Path(root, name) for name in names]
    return sorted(files)


def collect_inputs(inputs: list[Path], errors: list[str], skipped: list[str] | None = None) -> list[Path]:
    """Files named, plus the documents inside folders named (sorted); missing paths are errors.

    Every other file in a folder is named in `skipped` with the reason, except READMEs and
    catalog CSVs (the folder's own notes) and hidden files.

    The same file named twice is read once. Two different files with the same name (document id =
    file stem) in one run are an error naming both paths: the first is ingested, the other is not.
    """
    files: list[Path] = []
    for item in inputs:
        if not item.exists() and not item.is_symlink():
            errors.append(f"{item}: no such file or folder; check the path")
        elif item.is_dir():
            found: list[Path] = []
            for p in _files_under(item, skipped if skipped is not None else errors):
                if p.is_dir() or any(part.startswith((".", "~$")) for part in p.relative_to(item).parts):
                    continue
                suffix = p.suffix.lower()
                if suffix in SUFFIXES and not p.name.lower().startswith("readme"):
                    found.append(p)
                elif skipped is not None and not (p.name.lower().startswith("readme") or suffix == ".csv"):
                    why = UNSUPPORTED.get(suffix, f"{suffix or 'no suffix'} is not a document format ipbench reads "
                                                  f"({', '.join(sorted(SUFFIXES))})")
                    skipped.append(f"{p}: skipped: {why}")
            if not found:
                errors.append(f"{item}: folder holds no documents ({', '.join(sorted(SUFFIXES))})")
            files += [p for p in found if _regular(p, errors)]
        elif _regular(item, errors):
            files.append(item)
    seen: dict[Path, Path] = {}
    by_id: dict[str, Path] = {}
    out: list[Path] = []
    for path in files:
        real = path.resolve()
        if real in seen:
            continue
        seen[real] = path
        other = by_id.get(path.stem)
        if other is not None:
            errors.append(f"{path}: same document id {path.stem!r} as {other} (the id is the file name without "
                          f"its suffix); only {other} was ingested — rename one of them")
            continue
        by_id[path.stem] = path
        out.append(path)
    return out


def catalog_changed(entry: DocumentMeta | None, stored: dict) -> bool:
    """Whether the catalog now says something else about a document than what is stored for it."""
    if entry is None:
        return stored["metadata_source"] == "catalog"
    if stored["metadata_source"] != "catalog":
        return True
    inferred = stored["inferred_fields"]
    skip: set[str] = set()
    if "region_code" in inferred:  # region_name and level came with the inferred region
        skip |= {"region_name", "level"}
    if "plan_period" in inferred:  # a half-given period is inferred as a whole
        if entry.plan_period_start is not None and entry.plan_period_end is not None:
            return True
        skip |= {"plan_period_start", "plan_period_end"}
    for k in META_COLUMNS:
        if k in skip:
            continue
        given = getattr(entry, k)
        if k in inferred:
            if given is not None:
                return True
        elif given != stored[k]:
            return True
    return False


def _parse(job: tuple[Path, DocumentMeta | None]) -> ParsedDocument | ParseError:
    path, meta = job
    try:
        return parse_file(path, meta)
    except ParseError as exc:
        return exc
    except MemoryError:  # the worker reports the memory limit and is replaced
        raise
    except Exception as exc:  # noqa: BLE001 - a parser defect must not take the other documents down
        return ParseError(f"ipbench could not parse it ({type(exc).__name__}: {' '.join(str(exc).split())[:200]}); "
                          "the other documents are loaded — please report this file")


def run_ingest(inputs: list[Path], db: Path, catalog: Path | None = None, jobs: int = 1,
               progress: bool = True, console: Console | None = None, force: bool = False,
               wait: bool = True, limits: Limits = DEFAULT, scheduler: Scheduler | None = None) -> Summary:
    """Ingest files into `db` (bundled corpus when `inputs` is empty); print progress and a summary.

    Documents are parsed by `scheduler` (default: `jobs` worker processes, each document bounded
    by `limits`); this process only writes.
    """
    console = console or Console(stderr=True, highlight=False, soft_wrap=True)
    summary = Summary()
    try:
        check_path(db, writing=True)
        known = _stored_meta(db)
    except WarehouseError as exc:
        return _abort(summary, console, str(exc))
    catalog_warnings: list[str] = []
    catalog_errors: list[str] = []
    try:
        entries = load_catalog(catalog or paths.CATALOG, catalog_warnings, catalog_errors)
    except ParseError as exc:
        _say(console, "error", str(exc))
        summary.errors.append(str(exc))
        return summary
    for msg in catalog_warnings:
        _say(console, "warning", msg)
    summary.warnings += len(catalog_warnings)
    summary.errors += catalog_errors
    skipped: list[str] = []
    files = collect_inputs(inputs or [paths.CORPUS_DIR], summary.errors, skipped)
    for err in summary.errors:
        _say(console, "error", err)
    for note in skipped:
        _say(console, "warning", note)

    todo: list[tuple[Path, DocumentMeta | None]] = []
    for path in files:
        meta = entries.get(path.stem)
        stored = known.get(path.stem)
        if stored and not force and file_sha256(path) == stored["sha256"]:
            if not catalog_changed(meta, stored):
                summary.unchanged += 1
                continue
            summary.updated += 1  # same text, new catalog entry: read it again with the new metadata
        todo.append((path, DocumentMeta(**{**meta.__dict__, "inferred_fields": []}) if meta else None))
    if not todo:
        # nothing changed (or nothing readable): leave the warehouse file (and every reader of it) alone
        _print_summary(summary, console)
        return summary
    try:
        _write(todo, db, scheduler or IsolatedPool(jobs, limits, timeout_of=lambda job: limits.time_for(file_size(job[0]))),
               progress, console, summary, wait)
    except WarehouseError as exc:
        return _abort(summary, console, str(exc))
    except duckdb.InterruptException:  # Ctrl-C during a statement: the CLI says "interrupted"
        raise KeyboardInterrupt from None
    except (duckdb.Error, OSError) as exc:
        reason = " ".join(str(exc).split())
        return _abort(summary, console, f"{db}: cannot write the warehouse ({reason}); it is unchanged — "
                                        "check free disk space and permissions, then run again")
    _print_summary(summary, console)
    return summary


def _abort(summary: Summary, console: Console, message: str) -> Summary:
    """The warehouse could not be written: one error line, nothing counted as loaded."""
    _say(console, "error", message)
    summary.errors.append(message)
    summary.aborted = True
    summary.documents = summary.updated = 0
    return summary


def _write(todo: list[tuple[Path, DocumentMeta | None]], db: Path, scheduler: Scheduler, progress: bool,
           console: Console, summary: Summary, wait: bool) -> None:
    say = (lambda msg: console.print(printable(msg), markup=False))
    with writable_copy(db, "ingest", wait, say) as tmp, duckdb.connect(str(tmp)) as con:
        ensure_schema(con)
        bar = Progress(TextColumn("ingest"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.description}"),
                       TimeElapsedColumn(), console=console, disable=not progress or not todo, transient=True)
        with bar:
            task = bar.add_task("", total=len(todo))
            batch: list[ParsedDocument] = []
            for (path, _), result in scheduler.imap(_parse, todo):
                bar.update(task, advance=1, description=printable(path.name))
                if isinstance(result, ParseError):
                    where = f"{path}:{result.line}" if result.line else str(path)
                    msg = f"{where}: {result.message}"
                    _say(console, "error", msg)
                    summary.errors.append(msg)
                    summary.failed += 1
                    record_failure(con, path.name, result.line, result.message)
                    continue
                batch.append(result)
                _count(summary, result, console)
                if len(batch) >= BATCH:
                    _load(con, batch, summary, console)
                    batch = []
            _load(con, batch, summary, console)


def _load(con: duckdb.DuckDBPyConnection, batch: list[ParsedDocument], summary: Summary, console: Console) -> None:
    """Write a batch; a document the database refuses is reported and recorded, the others stay."""
    for doc, reason in load_documents(con, batch):
        msg = f"{doc.file_name}: cannot be stored ({reason}); the other documents are loaded"
        _say(console, "error", msg)
        summary.errors.append(msg)
        summary.documents -= 1
        summary.failed += 1
        record_failure(con, doc.file_name, None, reason)


def _stored_meta(db: Path) -> dict[str, dict]:
    """What the warehouse holds per document id (read-only; empty for a new warehouse)."""
    if not db.exists():
        return {}
    try:
        with duckdb.connect(str(db), read_only=True) as con:
            has_raw = con.execute("select count(*) from information_schema.tables "
                                  "where table_schema = 'raw' and table_name = 'documents'").fetchone()[0]
            return stored_meta(con) if has_raw else {}
    except duckdb.Error as exc:
        raise WarehouseError(f"{db}: cannot open the warehouse ({' '.join(str(exc).split())}); "
                             "is it a DuckDB file written by ipbench?") from exc


def _count(summary: Summary, doc: ParsedDocument, console: Console) -> None:
    summary.documents += 1
    summary.tables_indicator += sum(t.kind == "indicator" for t in doc.tables)
    summary.tables_other += sum(t.kind != "indicator" for t in doc.tables)
    summary.figures_table += sum(f.source_kind == "table" for f in doc.figures)
    summary.figures_prose += sum(f.source_kind == "prose" for f in doc.figures)
    summary.warnings += len(doc.warnings)
    summary.tables_unread += sum(" look like a table " in w.message for w in doc.warnings)
    n_values, n_read, _ = coverage.share(doc.mentions)
    summary.coverage.append((doc.file_name, n_values, n_read))
    for w in doc.warnings:
        where = f"{doc.file_name}:{w.line}" if w.line else doc.file_name
        _say(console, "warning", f"{where}: {w.message}")
    if doc.meta.inferred_fields:
        m = doc.meta
        where = "catalog entry incomplete" if m.metadata_source == "catalog" else "not in the catalog"
        note = (f"{doc.file_name}: {where}; inferred {', '.join(m.inferred_fields)} "
                f"-> {m.region_name} ({m.region_code}, {m.level}), {m.status}")
        summary.inferred.append(note)
        _say(console, "inferred", note)


STYLES = {"error": "red", "warning": "yellow", "inferred": "cyan"}


def _say(console: Console, kind: str, message: str) -> None:
    """One line `kind: message`; the message is plain text (a file name with [brackets] is not markup) with its
    control characters escaped (a file name holding an escape sequence or a newline cannot drive the terminal)."""
    console.print(Text.assemble((f"{kind}:", STYLES[kind]), " ", printable(message)))


COVERAGE_LISTED = 20  # documents listed by name in the summary, least read first


def _print_coverage(s: Summary, console: Console) -> None:
    """Read coverage: the share of numbers read as figures, overall and per document (least read first)."""
    counted = [c for c in s.coverage if c[1]]
    if not counted:
        return
    total, read = sum(c[1] for c in counted), sum(c[2] for c in counted)
    console.print(f"read coverage: {read} of {total} numbers read as figures ({read / total:.0%}); "
                  f"the others are listed with the reason in raw.number_mentions")
    for name, n, k in sorted(counted, key=lambda c: (c[2] / c[1], c[0]))[:COVERAGE_LISTED]:
        console.print(Text(f"  {k / n:>4.0%}  {printable(name)}: {n - k} of {n} numbers not read"))


def _print_summary(s: Summary, console: Console) -> None:
    console.print(
        f"documents: {s.documents} loaded, {s.unchanged} unchanged, {s.failed} failed"
        + (f" ({s.updated} re-read for a changed catalog entry)" if s.updated else "") + " | "
        f"tables: {s.tables_indicator} indicator, {s.tables_other} other"
        + (f", {s.tables_unread} unread (see the warnings)" if s.tables_unread else "") + " | "
        f"figures: {s.figures_table} from tables, {s.figures_prose} from prose | warnings: {s.warnings}"
    )
    _print_coverage(s, console)
    if s.exit_code:
        console.print("[red]nothing was ingested[/]")
