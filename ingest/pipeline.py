"""`ipbench ingest`: collect inputs, parse (optionally in parallel), load, report progress and a summary."""

from __future__ import annotations

import hashlib
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from ingest.catalog import load_catalog
from ingest.document import parse_file
from ingest.errors import ParseError
from ingest.loader import ensure_schema, load_documents, record_failure, stored_hashes
from ingest.model import DocumentMeta, ParsedDocument
from ingest.readers import FORMATS, UNSUPPORTED
from ipbench import paths
from ipbench.warehouse import writable_copy

SUFFIXES = set(FORMATS)  # .txt .md .docx .html/.htm .pdf (see ingest/readers)
BATCH = 200  # documents written per transaction (each stays all-or-nothing, see loader.load_documents)


@dataclass
class Summary:
    documents: int = 0
    unchanged: int = 0
    failed: int = 0
    tables_indicator: int = 0
    tables_other: int = 0
    figures_table: int = 0
    figures_prose: int = 0
    warnings: int = 0
    inferred: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        if self.errors and self.documents == 0 and self.unchanged == 0:
            return 1
        return 0


def collect_inputs(inputs: list[Path], errors: list[str], skipped: list[str] | None = None) -> list[Path]:
    """Files named, plus the documents inside folders named (sorted); missing paths are errors.

    Every other file in a folder is named in `skipped` with the reason, except READMEs and
    catalog CSVs (the folder's own notes) and hidden files.
    """
    files: list[Path] = []
    for item in inputs:
        if not item.exists():
            errors.append(f"{item}: no such file or folder; check the path")
        elif item.is_dir():
            found: list[Path] = []
            for p in sorted(item.rglob("*")):
                if not p.is_file() or any(part.startswith((".", "~$")) for part in p.relative_to(item).parts):
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
            files += found
        else:
            files.append(item)
    return files


def _parse(job: tuple[Path, DocumentMeta | None]) -> ParsedDocument | ParseError:
    path, meta = job
    try:
        return parse_file(path, meta)
    except ParseError as exc:
        return exc


def run_ingest(inputs: list[Path], db: Path, catalog: Path | None = None, jobs: int = 1,
               progress: bool = True, console: Console | None = None, force: bool = False) -> Summary:
    """Ingest files into `db` (bundled corpus when `inputs` is empty); print progress and a summary."""
    console = console or Console(stderr=True, highlight=False, soft_wrap=True)
    summary = Summary()
    catalog_warnings: list[str] = []
    try:
        entries = load_catalog(catalog or paths.CATALOG, catalog_warnings)
        for msg in catalog_warnings:
            console.print(f"[yellow]warning:[/] {msg}")
        summary.warnings += len(catalog_warnings)
    except ParseError as exc:
        console.print(f"[red]error:[/] {exc}")
        summary.errors.append(str(exc))
        return summary
    skipped: list[str] = []
    files = collect_inputs(inputs or [paths.CORPUS_DIR], summary.errors, skipped)
    for err in summary.errors:
        console.print(f"[red]error:[/] {err}")
    for note in skipped:
        console.print(f"[yellow]warning:[/] {note}")

    known = _stored_hashes(db)
    todo: list[tuple[Path, DocumentMeta | None]] = []
    for path in files:
        try:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:
            digest = None
        if digest and known.get(path.stem) == digest and not force:
            summary.unchanged += 1
            continue
        meta = entries.get(path.stem)
        todo.append((path, DocumentMeta(**{**meta.__dict__, "inferred_fields": []}) if meta else None))
    if not todo and db.exists():
        # nothing changed: leave the warehouse file (and every reader of it) alone
        _print_summary(summary, console)
        return summary

    with writable_copy(db) as tmp, duckdb.connect(str(tmp)) as con:
        ensure_schema(con)
        bar = Progress(TextColumn("ingest"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.description}"),
                       TimeElapsedColumn(), console=console, disable=not progress or not todo, transient=True)
        with bar:
            task = bar.add_task("", total=len(todo))
            results = _run_jobs(todo, jobs)
            batch: list[ParsedDocument] = []
            for (path, _), result in zip(todo, results):
                bar.update(task, advance=1, description=path.name)
                if isinstance(result, ParseError):
                    where = f"{path}:{result.line}" if result.line else str(path)
                    msg = f"{where}: {result.message}"
                    console.print(f"[red]error:[/] {msg}")
                    summary.errors.append(msg)
                    summary.failed += 1
                    record_failure(con, path.name, result.line, result.message)
                    continue
                batch.append(result)
                _count(summary, result, console)
                if len(batch) >= BATCH:
                    load_documents(con, batch)
                    batch = []
            load_documents(con, batch)
    _print_summary(summary, console)
    return summary


def _stored_hashes(db: Path) -> dict[str, str]:
    """document_id -> sha256 already in the warehouse (read-only; empty for a new warehouse)."""
    if not db.exists():
        return {}
    with duckdb.connect(str(db), read_only=True) as con:
        has_raw = con.execute("select count(*) from information_schema.tables "
                              "where table_schema = 'raw' and table_name = 'documents'").fetchone()[0]
        return stored_hashes(con) if has_raw else {}


def _run_jobs(todo: list[tuple[Path, DocumentMeta | None]], jobs: int):
    if jobs > 1 and len(todo) > 1:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            yield from pool.map(_parse, todo, chunksize=max(1, len(todo) // (jobs * 8)))
    else:
        for job in todo:
            yield _parse(job)


def _count(summary: Summary, doc: ParsedDocument, console: Console) -> None:
    summary.documents += 1
    summary.tables_indicator += sum(t.kind == "indicator" for t in doc.tables)
    summary.tables_other += sum(t.kind != "indicator" for t in doc.tables)
    summary.figures_table += sum(f.source_kind == "table" for f in doc.figures)
    summary.figures_prose += sum(f.source_kind == "prose" for f in doc.figures)
    summary.warnings += len(doc.warnings)
    for w in doc.warnings:
        where = f"{doc.file_name}:{w.line}" if w.line else doc.file_name
        console.print(f"[yellow]warning:[/] {where}: {w.message}")
    if doc.meta.inferred_fields:
        m = doc.meta
        where = "catalog entry incomplete" if m.metadata_source == "catalog" else "not in the catalog"
        note = (f"{doc.file_name}: {where}; inferred {', '.join(m.inferred_fields)} "
                f"-> {m.region_name} ({m.region_code}, {m.level}), {m.status}")
        summary.inferred.append(note)
        console.print(f"[cyan]inferred:[/] {note}")


def _print_summary(s: Summary, console: Console) -> None:
    console.print(
        f"documents: {s.documents} loaded, {s.unchanged} unchanged, {s.failed} failed | "
        f"tables: {s.tables_indicator} indicator, {s.tables_other} other | "
        f"figures: {s.figures_table} from tables, {s.figures_prose} from prose | warnings: {s.warnings}"
    )
    if s.exit_code:
        console.print("[red]nothing was ingested[/]")
