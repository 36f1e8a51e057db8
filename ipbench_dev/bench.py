"""Benchmarks (`make bench`): ingest, build, check and benchmark-page query times, peak memory and warehouse size."""

from __future__ import annotations

import argparse
import csv
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb

from ipbench_core import paths

# what app/views/benchmark.py runs for one page load (metric list, regions, the chosen metric's rows)
PAGE_QUERIES = (
    ("""select m.metric_id, m.name_zh, m.name_en, m.category, m.canonical_unit,
              count(distinct b.region_code) as n_regions
       from main.dim_metric m join main.mart_region_benchmark b using (metric_id) group by all""", False),
    ("""select r.region_code, r.name_zh, r.name_en, r.level, r.parent_code,
              exists (select 1 from main.dim_document d where d.region_code = r.region_code) as has_documents
       from main.dim_region r""", False),
    ("""select region_code, region_level, basis, unit, baseline_year, baseline_value, target_year, target_value,
              target_qualifier, absolute_change, cagr, baseline_per_10k, target_per_10k, parent_target_value,
              ratio_to_parent, rank_in_level, baseline_document_id, baseline_source_line,
              target_document_id, target_source_line
       from main.mart_region_benchmark where metric_id = ?""", True),
)
FIELDS = ["docs", "step", "seconds", "docs_per_s", "mb_per_s", "peak_rss_mb", "warehouse_mb", "time_ratio", "docs_ratio",
          "detail", "pages_per_s"]
# steps whose time is compared with the same step at the previous size (linear = time ratio equal to docs ratio)
SCALED_STEPS = ("ingest --jobs", "ingest --scheduler", "re-ingest unchanged", "build", "check", "end to end")


@dataclass
class Row:
    docs: int
    step: str
    seconds: float | None
    docs_per_s: float | None = None
    mb_per_s: float | None = None
    peak_rss_mb: float | None = None
    detail: str = ""
    warehouse_mb: float | None = None
    time_ratio: float | None = None
    docs_ratio: float | None = None
    pages_per_s: float | None = None


def run_step(args: list[str], db: Path, log: Path) -> tuple[float, float, int]:
    """Run `ipbench ARGS` in a child process: (seconds, peak RSS in MB of the child and its workers, exit code)."""
    env = {**os.environ, paths.ENV_DB: str(db)}
    with open(log, "ab") as out:
        start = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-m", "ipbench.cli", *args], env=env, cwd=paths.ROOT,
                                stdout=out, stderr=out)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_maxrss / 1024, proc.returncode


def page_query_times(db: Path, repeat: int) -> list[float]:
    """Seconds per benchmark-page load, the way app/data.py runs it: the file version attached once
    (the first load pays for it), each query on its own cursor, no result cache."""
    from app.data import run_on, stamp

    with duckdb.connect(str(db), read_only=True) as con:
        metric = con.execute("""select metric_id from main.mart_region_benchmark
                                group by 1 order by count(*) desc, 1 limit 1""").fetchone()[0]
    file = stamp(db)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        for sql, takes_metric in PAGE_QUERIES:
            run_on(file, sql, [metric] if takes_metric else [])
        times.append(time.perf_counter() - start)
    return times


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def corpus_for(size: int, work: Path, seed: int, regions: str = "zhejiang") -> tuple[Path, Path]:
    """The bundled corpus for 5, else a synthetic corpus of `size` documents (`ipbench synth --regions`)."""
    if size == 5:
        return paths.CORPUS_DIR, paths.CATALOG
    from ipbench_dev.synth import write_corpus

    out = work / f"synth_{regions}_{size}"
    if not (out / "catalog.csv").exists():
        print(write_corpus(out, regions=regions, docs=size, seed=seed), file=sys.stderr)
    return out, out / "catalog.csv"


def _mb(db: Path) -> float | None:
    return db.stat().st_size / 2**20 if db.exists() else None


def bench_size(size: int, work: Path, seed: int, repeat: int, cycles: int, regions: str = "zhejiang",
               ingest_jobs: tuple[int, ...] = (1, 2), cluster_workers: int = 0) -> list[Row]:
    corpus, catalog = corpus_for(size, work, seed, regions)
    files = sorted(corpus.glob("*.txt"))
    n, mb = len(files), sum(f.stat().st_size for f in files) / 2**20
    log = work / f"bench_{size}.log"
    rows: list[Row] = []
    ingest = ["ingest", str(corpus), "--catalog", str(catalog), "--quiet"]

    def note(row: Row) -> None:
        rows.append(row)
        print(_fmt_row(row), file=sys.stderr, flush=True)

    dbs = {}
    for jobs in ingest_jobs:
        db = work / f"w_{size}_j{jobs}.duckdb"
        db.unlink(missing_ok=True)
        secs, rss, code = run_step([*ingest, "--jobs", str(jobs)], db, log)
        note(Row(n, f"ingest --jobs {jobs}", secs, n / secs, mb / secs, rss, f"{mb:.1f} MB of text" + _fail(code, log),
                 _mb(db)))
        dbs[jobs] = db
    if cluster_workers:
        note(cluster_row(ingest, n, mb, work / f"w_{size}_dask.duckdb", cluster_workers, log, rows))
    jobs = max(dbs)
    db = dbs[jobs]
    first = rows[-1].seconds or 0
    secs, rss, code = run_step([*ingest, "--jobs", str(jobs)], db, log)
    note(Row(n, "re-ingest unchanged", secs, n / secs, mb / secs, rss, f"{first / secs:.1f}x faster" + _fail(code, log),
             _mb(db)))
    for other in dbs:
        if other != jobs:
            dbs[other].unlink(missing_ok=True)

    secs, rss, code = run_step(["build"], db, log)
    note(Row(n, "build", secs, None, None, rss, _fail(code, log), _mb(db)))
    built = code == 0
    try:
        import expectations.check  # noqa: F401

        secs, rss, code = run_step(["check"], db, log)
        note(Row(n, "check", secs, None, None, rss, _fail(code, log), _mb(db)))
    except ImportError:
        note(Row(n, "check", None, detail="expectations.check not available"))
    total = sum(r.seconds or 0 for r in rows if r.step in (f"ingest --jobs {jobs}", "build", "check"))
    note(Row(n, f"end to end (ingest j{jobs} + build + check)", total, n / total if total else None, None,
             max((r.peak_rss_mb or 0) for r in rows), "", _mb(db)))
    if built:
        times = page_query_times(db, repeat)
        note(Row(n, "benchmark page queries", statistics.median(times), detail=(
            f"median {statistics.median(times) * 1000:.1f} ms, p95 {_p95(times) * 1000:.1f} ms over {repeat} loads, "
            f"first {times[0] * 1000:.1f} ms (3 queries; the file attached once, as the app does)")))
        if cycles:
            note(concurrency(db, size, cycles, log))
    note(Row(n, "warehouse size", None, detail=f"{db.stat().st_size / 2**20:.1f} MB", warehouse_mb=_mb(db)))
    return rows


def cluster_row(ingest: list[str], n: int, mb: float, db: Path, workers: int, log: Path, rows: list[Row],
                pages: int | None = None, label: str = "ingest") -> Row:
    """`ingest --scheduler local` with `workers` workers on the corpus of `ingest`, against `ingest --jobs workers`
    (the row named `LABEL --jobs WORKERS`)."""
    db.unlink(missing_ok=True)
    secs, rss, code = run_step([*ingest, "--scheduler", "local", "--jobs", str(workers)], db, log)
    pool = next((r for r in reversed(rows) if r.docs == n and r.step == f"{label} --jobs {workers}" and r.seconds), None)
    versus = f"; {pool.seconds / secs:.2f}x the speed of ingest --jobs {workers}" if pool else ""
    db.unlink(missing_ok=True)
    return Row(n, f"{label} --scheduler local ({workers} workers)", secs, n / secs, mb / secs, rss,
               f"Dask LocalCluster, start included{versus}" + _fail(code, log),
               pages_per_s=pages / secs if pages else None)


CLUSTER_PDF = paths.ROOT / "tests" / "fixtures" / "formats" / "000_ff7f2218a23fba1b.pdf"  # 12 pages, 2 tables
CLUSTER_PDF_COPIES = 40  # copies parsed by the local pool and by the LocalCluster (pages/s)
PDF_LABEL = "ingest PDFs"  # their steps' names: not compared with the synthetic corpora's (add_ratios)


def bench_cluster_pdf(work: Path, workers: int) -> list[Row]:
    """Pages/s and docs/s of PDFs with tables: the local pool against a LocalCluster with the same number of workers."""
    import pypdfium2

    pdf = CLUSTER_PDF
    pages = len(pypdfium2.PdfDocument(str(pdf)))
    folder = work / "cluster_pdf"
    folder.mkdir(exist_ok=True)
    for k in range(CLUSTER_PDF_COPIES):
        (folder / f"plan_{k:02d}.pdf").write_bytes(pdf.read_bytes())
    n, total = CLUSTER_PDF_COPIES, CLUSTER_PDF_COPIES * pages
    mb = n * pdf.stat().st_size / 2**20
    log = work / "bench_cluster.log"
    ingest = ["ingest", str(folder), "--quiet"]
    rows: list[Row] = []
    db = work / "w_cluster_pdf_pool.duckdb"
    db.unlink(missing_ok=True)
    secs, rss, code = run_step([*ingest, "--jobs", str(workers)], db, log)
    rows.append(Row(n, f"{PDF_LABEL} --jobs {workers}", secs, n / secs, mb / secs, rss,
                    f"{n} x {pdf.name} ({pages} pages, tables)" + _fail(code, log), pages_per_s=total / secs))
    print(_fmt_row(rows[-1]), file=sys.stderr, flush=True)
    rows.append(cluster_row(ingest, n, mb, work / "w_cluster_pdf_dask.duckdb", workers, log, rows, total, PDF_LABEL))
    print(_fmt_row(rows[-1]), file=sys.stderr, flush=True)
    return rows


FORMAT_COPIES = 20  # copies of each format fixture ingested for the docs/s per format


def _fixtures():
    """tests/fixtures/formats/make_fixtures.py (the PDF writer needs reportlab and a CJK font: dev only)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_fixtures", paths.ROOT / "tests" / "fixtures" / "formats" / "make_fixtures.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def bench_formats(work: Path) -> list[Row]:
    """Ingest docs/s per format (copies of the format fixtures) and the time to ingest a generated 50-page PDF."""
    fixtures = paths.ROOT / "tests" / "fixtures" / "formats"
    sources = {"txt": paths.CORPUS_DIR / "000_ff7f2218a23fba1b.txt", "md": fixtures / "003_dfee1fc57d637dec.md",
               "docx": fixtures / "000_ff7f2218a23fba1b.docx", "html": fixtures / "000_ff7f2218a23fba1b.html",
               "pdf": fixtures / "000_ff7f2218a23fba1b.pdf"}
    rows: list[Row] = []
    log = work / "bench_formats.log"
    for fmt, source in sources.items():
        folder = work / f"format_{fmt}"
        folder.mkdir(parents=True, exist_ok=True)
        for k in range(FORMAT_COPIES):
            (folder / f"{source.stem}_{k:02d}{source.suffix}").write_bytes(source.read_bytes())
        n, mb = FORMAT_COPIES, FORMAT_COPIES * source.stat().st_size / 2**20
        db = work / f"w_format_{fmt}.duckdb"
        db.unlink(missing_ok=True)
        secs, rss, code = run_step(["ingest", str(folder), "--quiet"], db, log)
        rows.append(Row(n, f"ingest .{fmt} (1 process)", secs, n / secs, mb / secs, rss,
                        f"{source.name} x {n}, CLI start included" + _fail(code, log)))
        print(_fmt_row(rows[-1]), file=sys.stderr, flush=True)
    rows.append(bench_pdf_tables(work))
    try:
        pdf = work / "fifty_pages" / "plan_50_pages.pdf"
        pdf.parent.mkdir(exist_ok=True)
        pages = _fixtures().write_pdf("000_ff7f2218a23fba1b", pdf, min_pages=50)
    except (ImportError, SystemExit, OSError) as exc:
        rows.append(Row(1, "ingest a 50-page PDF", None, detail=f"not measured: {exc}"))
        return rows
    from ingest.document import parse_file

    start = time.perf_counter()
    doc = parse_file(pdf)
    parse_secs = time.perf_counter() - start
    db = work / "w_pdf50.duckdb"
    db.unlink(missing_ok=True)
    secs, rss, code = run_step(["ingest", str(pdf), "--quiet"], db, log)
    rows.append(Row(1, "ingest a 50-page PDF", secs, 1 / secs, pdf.stat().st_size / 2**20 / secs, rss,
                    f"{pages} pages, {len(doc.lines)} lines, {len(doc.figures)} figures; parse alone {parse_secs:.2f} s; "
                    f"goal < 10 s {'✓' if secs < 10 else '✗'}" + _fail(code, log)))
    print(_fmt_row(rows[-1]), file=sys.stderr, flush=True)
    return rows


PDF_TABLE_PAGES = 60   # pages of the PDF-with-tables fixture the reading speed is measured on
PDF_TABLE_GOAL = 20.0  # pages/s on one core


def pdf_with_tables(out: Path, pages: int = PDF_TABLE_PAGES) -> int:
    """A PDF of `pages` pages cut from the committed LibreOffice exports of the plans (tests/fixtures/pdf_tables:
    ruled tables with wrapped headers, merged cells, page breaks), their pages in turn. Returns its page count."""
    import pypdfium2 as pdfium

    sources = [pdfium.PdfDocument(f) for f in sorted((paths.ROOT / "tests" / "fixtures" / "pdf_tables").glob("*.pdf"))]
    merged = pdfium.PdfDocument.new()
    try:
        while len(merged) < pages:
            for src in sources:
                take = min(len(src), pages - len(merged))
                if take > 0:
                    merged.import_pages(src, list(range(take)))
        merged.save(out)
        return len(merged)
    finally:
        merged.close()
        for src in sources:
            src.close()


def bench_pdf_tables(work: Path) -> Row:
    """Pages/s of parsing a PDF with ruled tables (tables from the page geometry, prose), in one process."""
    from ingest.document import parse_file

    pdf = work / "pdf_tables" / f"tables_{PDF_TABLE_PAGES}_pages.pdf"
    pdf.parent.mkdir(parents=True, exist_ok=True)
    pages = pdf_with_tables(pdf)
    parse_file(pdf)  # warm: imports and the font tables PDFium loads once
    start = time.perf_counter()
    doc = parse_file(pdf)
    secs = time.perf_counter() - start
    rate = pages / secs
    n_tables = sum(t.layout == "pdf" for t in doc.tables)
    row = Row(1, "parse a PDF with tables (1 core)", secs, 1 / secs, pdf.stat().st_size / 2**20 / secs, None,
              f"{pages} pages, {n_tables} ruled tables, {sum(f.source_kind == 'table' for f in doc.figures)} table "
              f"figures; {rate:.1f} pages/s, goal >= {PDF_TABLE_GOAL:.0f} {'✓' if rate >= PDF_TABLE_GOAL else '✗'}")
    print(_fmt_row(row), file=sys.stderr, flush=True)
    return row


def add_ratios(rows: list[Row]) -> None:
    """Each scaled step's time relative to the same step at the previous (smaller) size, and the docs ratio."""
    previous: dict[str, Row] = {}
    for row in rows:
        if not row.step.startswith(SCALED_STEPS) or row.seconds is None:
            continue
        before = previous.get(row.step)
        if before is not None and before.seconds and before.docs:
            row.time_ratio, row.docs_ratio = row.seconds / before.seconds, row.docs / before.docs
        previous[row.step] = row


def concurrency(db: Path, size: int, cycles: int, log: Path) -> Row:
    """`cycles` full builds while page queries run continuously; counts failed page loads."""
    env = {**os.environ, paths.ENV_DB: str(db)}
    loads = failed = 0
    start = time.perf_counter()
    errors: list[str] = []
    for _ in range(cycles):
        with open(log, "ab") as out:
            proc = subprocess.Popen([sys.executable, "-m", "ipbench.cli", "build"], env=env, cwd=paths.ROOT,
                                    stdout=out, stderr=out)
        while proc.poll() is None:
            try:
                page_query_times(db, 1)
            except Exception as exc:  # noqa: BLE001 - every failure counts
                failed += 1
                errors.append(str(exc).splitlines()[0])
            loads += 1
        if proc.returncode:
            errors.append(f"build exited {proc.returncode}")
    secs = time.perf_counter() - start
    return Row(size, f"{cycles} build cycles under load", secs, detail=(
        f"{loads} page loads, {failed} failed" + (f" ({errors[0]})" if errors else "")))


def _fail(code: int, log: Path) -> str:
    return "" if code == 0 else f" FAILED (exit {code}, see {log})"


def _fmt_row(r: Row) -> str:
    def f(v: float | None, spec: str) -> str:
        return format(v, spec) if v is not None else "-"

    ratio = f"x{r.time_ratio:.2f} time for x{r.docs_ratio:.0f} docs" if r.time_ratio is not None else ""
    pages = f"{r.pages_per_s:.1f} pages/s; " if r.pages_per_s is not None else ""
    return (f"{r.docs:>6}  {r.step:<40} {f(r.seconds, '8.2f'):>8} s  {f(r.docs_per_s, '7.1f'):>7} docs/s  "
            f"{f(r.mb_per_s, '6.2f'):>6} MB/s  {f(r.peak_rss_mb, '7.0f'):>7} MB RSS  {f(r.warehouse_mb, '7.1f'):>7} MB db  "
            f"{ratio:<26} {pages}{r.detail}")


def write_reports(rows: list[Row], out: Path) -> tuple[Path, Path]:
    out.mkdir(parents=True, exist_ok=True)
    csv_path, md_path = out / "bench.csv", out / "bench.md"
    with open(csv_path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(FIELDS)
        for r in rows:
            w.writerow([r.docs, r.step, _r(r.seconds, 3), _r(r.docs_per_s, 1), _r(r.mb_per_s, 2), _r(r.peak_rss_mb, 0),
                        _r(r.warehouse_mb, 1), _r(r.time_ratio, 2), _r(r.docs_ratio, 1), r.detail, _r(r.pages_per_s, 1)])
    lines = ["# ipbench benchmarks", "",
             f"Machine: {os.cpu_count()} CPUs, Python {sys.version.split()[0]}, duckdb {duckdb.__version__}. "
             "Reproduce with `make bench` (or `python -m ipbench_dev.bench --sizes 5,1000,10000`). Synthetic corpora come from "
             "`ipbench synth --regions zhejiang|china`; peak RSS is the largest process of each step (os.wait4); "
             "warehouse MB is the file after the step; time ratio is the step's time over its time at the previous "
             "size (linear: equal to the docs ratio).", "",
             "| docs | step | seconds | docs/s | MB/s | peak RSS (MB) | warehouse (MB) | time ratio | docs ratio | detail | pages/s |",
             "|---:|---|---:|---:|---:|---:|---:|---:|---:|---|---:|"]
    for r in rows:
        lines.append(f"| {r.docs} | {r.step} | {_r(r.seconds, 2)} | {_r(r.docs_per_s, 1)} | {_r(r.mb_per_s, 2)} | "
                     f"{_r(r.peak_rss_mb, 0)} | {_r(r.warehouse_mb, 1)} | {_r(r.time_ratio, 2)} | {_r(r.docs_ratio, 1)} | "
                     f"{r.detail} | {_r(r.pages_per_s, 1)} |")
    md_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return csv_path, md_path


def _r(v: float | None, digits: int) -> str:
    if v is None:
        return ""
    return f"{v:.{digits}f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ipbench_dev.bench", description=__doc__)
    parser.add_argument("--sizes", default="5,1000,10000", help="corpus sizes; 5 = the bundled corpus [default: 5,1000,10000]")
    parser.add_argument("--seed", type=int, default=7, help="synthetic corpus seed [default: 7]")
    parser.add_argument("--ingest-jobs", default="1,2",
                        help="ingest with each of these --jobs values (the last one's warehouse is built) [default: 1,2]")
    parser.add_argument("--regions", choices=["zhejiang", "china"], default=os.environ.get("BENCH_REGIONS", "zhejiang"),
                        help="regions of the synthetic corpora (`ipbench synth --regions`); china needs the all-China "
                             "region seed [default: $BENCH_REGIONS or zhejiang]")
    parser.add_argument("--repeat", type=int, default=50, help="benchmark-page loads to time [default: 50]")
    parser.add_argument("--cycles", type=int, default=0,
                        help="also run this many full builds while the page is queried, at the smallest size (the issue asks for 20)")
    parser.add_argument("--workdir", type=Path, default=None, help="keep corpora and warehouses here [default: a temp dir]")
    parser.add_argument("--out", type=Path, default=paths.reports_dir(paths.DEFAULT_DB),
                        help="where bench.csv and bench.md go [default: warehouse/reports]")
    parser.add_argument("--cluster-workers", type=int, default=2,
                        help="also ingest each corpus (and copies of a 50-page PDF) through `--scheduler local` with this "
                             "many workers, against `--jobs` of the same number; 0 skips it [default: 2]")
    parser.add_argument("--formats", action=argparse.BooleanOptionalAction, default=True,
                        help="also measure ingest docs/s per file format and a 50-page PDF [default: on]")
    args = parser.parse_args(argv)
    try:
        sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
        ingest_jobs = tuple(int(j) for j in args.ingest_jobs.split(",") if j.strip())
    except ValueError:
        parser.error(f"--sizes and --ingest-jobs must be comma-separated numbers, got {args.sizes!r}, {args.ingest_jobs!r}")
    work = args.workdir or Path(tempfile.mkdtemp(prefix="ipbench-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    rows: list[Row] = []
    try:
        if args.formats:
            rows += bench_formats(work)
        if args.cluster_workers:
            rows += bench_cluster_pdf(work, args.cluster_workers)
        for i, size in enumerate(sizes):
            rows += bench_size(size, work, args.seed, args.repeat, args.cycles if i == 0 else 0, args.regions, ingest_jobs,
                               args.cluster_workers)
            add_ratios(rows)
    finally:
        if args.workdir is None:
            shutil.rmtree(work, ignore_errors=True)
        if rows:
            csv_path, md_path = write_reports(rows, args.out)
            print("\n".join(_fmt_row(r) for r in rows))
            print(f"wrote {csv_path} and {md_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
