"""The app served by `streamlit run`, driven by headless Chromium; and a build while it serves."""

from __future__ import annotations

import contextlib
import re
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from ipbench_core import paths

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]

try:
    from playwright.sync_api import Page, sync_playwright
except ImportError:  # pragma: no cover - depends on the environment
    sync_playwright = None  # type: ignore[assignment]

needs_browser = pytest.mark.skipif(
    sync_playwright is None or not CHROMIUM.exists(),
    reason="needs the `playwright` package and /usr/bin/chromium (run `make browser`)",
)
pytestmark = [pytest.mark.browser, needs_browser]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str, timeout: float = 5) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as resp:
            return resp.status, resp.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, ""


@contextlib.contextmanager
def serve(db: Path, log: Path) -> Iterator[str]:
    """`streamlit run app/streamlit_app.py` on a free localhost port against `db`; yields the base URL."""
    port = _free_port()
    env = dict(os.environ, **{paths.ENV_DB: str(db)})
    cmd = [
        sys.executable, "-m", "streamlit", "run", str(paths.APP_ENTRY),
        "--server.address", "127.0.0.1", "--server.port", str(port), "--server.headless", "true",
        "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
    ]  # fmt: skip
    with log.open("w") as out:
        proc = subprocess.Popen(cmd, env=env, cwd=paths.ROOT, stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert proc.poll() is None, f"streamlit exited early:\n{log.read_text()}"
            with contextlib.suppress(OSError):
                if _get(f"{base}/_stcore/health", timeout=2)[0] == 200:
                    break
            assert time.monotonic() < deadline, f"streamlit did not come up:\n{log.read_text()}"
            time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@contextlib.contextmanager
def browser_page() -> Iterator[Page]:
    assert sync_playwright is not None
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1100}, locale="zh-CN")
            page.set_default_timeout(45_000)
            yield page
        finally:
            browser.close()


def hv_metric(db: Path) -> str:
    with duckdb.connect(str(db), read_only=True) as con:
        (metric,) = con.execute("select metric_id from main.dim_metric where name_zh like '%每万人%高价值发明专利%'").fetchone()
    return metric


def open_benchmark(page: Page, base: str, metric: str) -> None:
    """Load the benchmark page for `metric` and wait until chart and table have rendered."""
    # the first run of a fresh server process goes to the root page (see app/pages/__init__.py)
    page.goto(base)
    page.locator('[data-testid="stSidebarNav"]').wait_for()
    page.goto(f"{base}/benchmark?metric={metric}")
    page.locator('[data-testid="stVegaLiteChart"] svg, [data-testid="stVegaLiteChart"] canvas').first.wait_for()
    grid = page.locator('[data-testid="stDataFrame"]').first
    # the grid fills its (accessible) cells after the canvas is drawn
    grid.locator('[data-testid^="glide-cell-"]', has_text="乐清市").first.wait_for(state="attached")


def grid_rows(page: Page) -> list[list[str]]:
    """The cell texts of the first table on the page, row by row (from the grid's glide-cell-<col>-<row> cells)."""
    cells = page.locator('[data-testid="stDataFrame"]').first.locator('[data-testid^="glide-cell-"]')
    found: dict[int, dict[int, str]] = {}
    # ids and texts read in one call: the grid may add cells between two separate reads
    for testid, text in cells.evaluate_all("els => els.map(e => [e.dataset.testid, e.textContent || ''])"):
        col, row = (int(n) for n in testid.rsplit("-", 2)[1:])
        found.setdefault(row, {})[col] = text.strip()
    return [[cols[c] for c in sorted(cols)] for _, cols in sorted(found.items())]


def test_benchmark_page_renders_chart_and_table(built_db: Path, tmp_path: Path) -> None:
    metric = hv_metric(built_db)
    with serve(built_db, tmp_path / "streamlit.log") as base, browser_page() as page:
        open_benchmark(page, base, metric)
        assert page.locator('[data-testid="stException"]').count() == 0
        assert page.locator("h1").first.inner_text() == "指标对标"

        chart = page.locator('[data-testid="stVegaLiteChart"]')
        assert chart.count() == 1
        box = chart.bounding_box()
        assert box and box["width"] > 300 and box["height"] > 120
        # the chart's y axis names the regions (SVG renderer: text is in the DOM)
        chart_text = chart.inner_text() + " ".join(chart.locator("svg text").all_text_contents())
        for region in ("浙江省", "杭州市", "丽水市", "乐清市"):
            assert region in chart_text, (region, chart_text[:300])

        rows = grid_rows(page)
        # the first table is the one that fits the screen: targets with their year and qualifier
        for region, value in (("浙江省", "17 (2025)"), ("杭州市", "40 (2024)"), ("丽水市", "4 (2025)"), ("乐清市", "≥7.8 (2025)")):
            assert any(r[0] == region and value in r for r in rows), (region, value, rows)
        assert page.locator('[data-testid="stDownloadButton"]').count() >= 1

        shot = tmp_path / "benchmark.png"
        page.screenshot(path=str(shot), full_page=True)
        assert shot.stat().st_size > 20_000


@pytest.mark.slow
@pytest.mark.process
def test_app_survives_a_build_and_then_shows_the_new_data(ingested_db: Path, tmp_path: Path) -> None:
    """Serve a raw-only warehouse, run `ipbench build` on it while serving, then see the marts appear."""
    db = tmp_path / "ipbench.duckdb"
    shutil.copy2(ingested_db, db)
    inode_before = db.stat().st_ino
    with serve(db, tmp_path / "streamlit.log") as base, browser_page() as page:
        page.goto(base)
        page.get_by_text("ipbench all").first.wait_for()  # not built yet: the clear message

        health: list[int] = []
        stop = threading.Event()

        def poll() -> None:
            while not stop.is_set():
                try:
                    health.append(_get(f"{base}/_stcore/health", timeout=5)[0])
                except OSError:
                    health.append(0)
                time.sleep(0.25)

        poller = threading.Thread(target=poll, daemon=True)
        poller.start()
        env = dict(os.environ, **{paths.ENV_DB: str(db)})
        build = subprocess.Popen(
            [sys.executable, "-m", "ipbench.cli", "build"], cwd=paths.ROOT, env=env,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )  # fmt: skip
        reloads = 0
        while build.poll() is None:  # keep using the app while dbt writes
            page.reload()
            page.locator("h1").first.wait_for()
            assert page.locator('[data-testid="stException"]').count() == 0
            reloads += 1
            time.sleep(0.5)
        output = build.communicate()[0]
        stop.set()
        poller.join(timeout=10)
        assert build.returncode == 0, output[-3000:]
        assert db.stat().st_ino != inode_before  # the build swapped a new file in
        assert health and set(health) == {200}, health
        assert reloads >= 1

        open_benchmark(page, base, hv_metric(db))
        assert page.locator('[data-testid="stException"]').count() == 0
        rows = grid_rows(page)
        assert any(r[0] == "浙江省" and "17 (2025)" in r and "11.1 (2020)" in r for r in rows), rows
        status, _ = _get(f"{base}/_stcore/health")
        assert status == 200
        page.screenshot(path=str(tmp_path / "after-build.png"), full_page=True)


# --- issue 14: what analysts see, page by page, in a real browser ------------------------------------

SCREENSHOTS = paths.ROOT / "warehouse" / "reports" / "screenshots"
URLS = {"overview": "概览", "benchmark": "指标对标", "region_profile": "地区画像", "quality": "数据质量", "sources": "来源文件"}
URLS_EN = {"overview": "Overview", "benchmark": "Benchmark", "region_profile": "Region profile", "quality": "Quality", "sources": "Sources"}
CHECK_IDS = ("conflict_within_document", "conflict_between_versions", "conflict_between_documents", "totals", "hierarchy",
             "direction", "plausibility_range", "plausibility_magnitude", "plausibility_new_label", "coverage_unmapped",
             "coverage_empty_table")


def _settle(page: Page) -> None:
    """Wait until the page's script has finished running (no 'Running...' status widget)."""
    page.locator("h1").first.wait_for()
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=45_000)
    page.wait_for_timeout(600)


def _svg_texts(page: Page) -> list[str]:
    chart = page.locator('[data-testid="stVegaLiteChart"]').first
    chart.locator("svg text").first.wait_for(state="attached")
    return [t.strip() for t in chart.locator("svg text").all_text_contents() if t.strip()]


def test_every_page_has_a_direct_url_in_both_languages_with_screenshots(checked_db: Path, tmp_path: Path) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with serve(checked_db, tmp_path / "streamlit.log") as base, browser_page() as page:
        page.goto(base)
        page.locator('[data-testid="stSidebarNav"]').wait_for()
        _settle(page)
        # the root forwards to the overview's own URL, which carries the language (issue 25)
        assert page.url.split("?")[0].rstrip("/").endswith("/overview") and page.url.endswith("?lang=zh"), page.url
        for lang, titles in (("zh", URLS), ("en", URLS_EN)):
            for path, title in titles.items():
                extra = "&region=331100" if path == "region_profile" else ""  # Lishui: its chart against the province
                page.goto(f"{base}/{path}?lang={lang}{extra}")
                _settle(page)
                assert page.get_by_text("Page not found").count() == 0, path
                assert page.locator('[data-testid="stException"]').count() == 0, path
                assert page.locator("h1").first.inner_text() == title, (path, lang)
                shot = SCREENSHOTS / f"{path}_{lang}.png"
                page.screenshot(path=str(shot), full_page=True)
                assert shot.stat().st_size > 20_000


def test_benchmark_chart_labels_show_years_qualifiers_and_past_targets(built_db: Path, tmp_path: Path) -> None:
    metric = hv_metric(built_db)
    with serve(built_db, tmp_path / "streamlit.log") as base, browser_page() as page:
        open_benchmark(page, base, metric)
        texts = _svg_texts(page)
        joined = " ".join(texts)
        # every point says its year; the ≥ qualifier is on the chart; no scientific notation anywhere
        for label in ("11.1 (2020)", "17 (2025)", "2.4 (2020)", "4 (2025)", "40 (2024)", "≥7.8 (2025)"):
            assert label in texts, (label, texts)
        assert not re.search(r"\de[+-]?\d", joined), joined
        assert any(t.startswith("每万人高价值发明专利拥有量（件/万人）") and "2020–2025" in t for t in texts), texts
        assert "指标定义" in page.locator('[data-testid="stCaptionContainer"]').all_inner_texts().__str__()

        page.goto(f"{base}/benchmark?metric=invention_patent_grants")
        _settle(page)
        texts = _svg_texts(page)
        assert "49,888 (2020)" in texts and "40,000 (2020)" in texts, texts
        assert "已实现的目标" in texts  # the legend: a past target is a result, not a goal
        assert not re.search(r"\de[+-]?\d", " ".join(texts))
        # the axis counts in 万, never 4.989e+4
        assert any(t.endswith("万") for t in texts), texts
        grid = page.locator('[data-testid="stDataFrame"]').first
        grid.locator('[data-testid^="glide-cell-"]', has_text="已实现").first.wait_for(state="attached")
        rows = grid_rows(page)
        assert any(r[0].startswith("浙江省") and "已实现（2020年实际 49,888）" in r for r in rows), rows
        page.screenshot(path=str(tmp_path / "benchmark-past-target.png"), full_page=True)


def test_quality_page_opens_on_the_error_in_chinese(checked_db: Path, tmp_path: Path) -> None:
    with serve(checked_db, tmp_path / "streamlit.log") as base, browser_page() as page:
        page.goto(base)
        page.locator('[data-testid="stSidebarNav"]').wait_for()
        page.goto(f"{base}/quality")
        _settle(page)
        body = page.locator('[data-testid="stMain"]').inner_text()
        # the error finding is open without a click: its heading and its two quotes are shown
        assert "错误 · 同一文件内数值冲突" in body, body[:2000]
        grid = " ".join(" ".join(r) for r in grid_rows(page))
        for check in CHECK_IDS:
            assert check not in body and check not in grid, check
        assert "One document states" not in body + grid and "maps to no metric" not in grid
        # the conflicting number is highlighted in each quote (76.4 in prose, 77.5 in the table)
        marks = page.locator('[data-testid="stMarkdownContainer"] blockquote strong').all_inner_texts()
        assert "76.4" in marks and "77.5" in marks, marks
        assert "核对通过" in body


# --- issue 25: every page in both languages, built from a user's own documents (not the bundled corpus) -------

USER_DOCS = ["stats-a/jilin_patent_grants_by_city_2013_06", "stats-a/guangdong_invention_patents_by_city_2020_blog",
             "stats-a/hunan_patent_grants_2023_08", "realtexts/hunan-13fyp-hnrb", "realtexts/guangdong-14fyp-news"]
USER_SCREENSHOTS = SCREENSHOTS / "user_docs"
CJK = re.compile(r"[\u3400-\u9fff]")


@pytest.fixture(scope="module")
def user_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Five dev documents of the eval sets (statistics pages and plan news) ingested, built and checked like a user's own."""
    folder = tmp_path_factory.mktemp("user_docs")
    for doc in USER_DOCS:
        shutil.copy2(paths.ROOT / "tests" / "realdocs" / f"{doc}.txt", folder)
    db = tmp_path_factory.mktemp("user_wh") / "ipbench.duckdb"
    env = dict(os.environ, **{paths.ENV_DB: str(db)})
    proc = subprocess.run([sys.executable, "-m", "ipbench.cli", "all", str(folder)], cwd=paths.ROOT, env=env,
                          capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    return db


def test_every_page_of_a_users_own_documents_in_both_languages_with_screenshots(user_db: Path, tmp_path: Path) -> None:
    USER_SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with duckdb.connect(str(user_db), read_only=True) as con:
        (least_read,) = con.execute("select document_id from main.dim_document order by read_coverage nulls last limit 1").fetchone()
        # a metric with a past target that no actual answers (the Hunan plan's 2020 targets)
        (overdue,) = con.execute("select min(metric_id) from main.mart_region_benchmark "
                                 "where target_status = 'year_passed_no_actual'").fetchone()
    assert overdue, "the user's documents hold a past target without an actual"
    with serve(user_db, tmp_path / "streamlit.log") as base, browser_page() as page:
        page.goto(base)
        page.locator('[data-testid="stSidebarNav"]').wait_for()
        _settle(page)
        for lang, titles in (("zh", URLS), ("en", URLS_EN)):
            for path, title in titles.items():
                extra = {"region_profile": "&region=430000",  # Hunan: its plan's targets
                         "benchmark": f"&metric={overdue}"}.get(path, "")
                page.goto(f"{base}/{path}?lang={lang}{extra}")
                _settle(page)
                assert page.locator('[data-testid="stException"]').count() == 0, (path, lang)
                assert page.locator("h1").first.inner_text() == title, (path, lang)
                assert f"lang={lang}" in page.url, page.url  # the URL keeps the language
                body = page.locator('[data-testid="stMain"]').inner_text()
                assert "nan" not in re.findall(r"\bnan\b", body.lower()), (path, lang)
                shot = USER_SCREENSHOTS / f"{path}_{lang}.png"
                page.screenshot(path=str(shot), full_page=True)
                assert shot.stat().st_size > 20_000
                if path == "overview":
                    # documents least read first: the statistics page whose table no parser read leads the list
                    page.locator('[data-testid="stDataFrame"]').first.locator('[data-testid^="glide-cell-"]').first.wait_for(
                        state="attached")
                    rows = grid_rows(page)
                    assert rows and rows[0][0] == least_read, rows[:3]
                if path == "benchmark":
                    # a past target with no actual says so, in the page's language, with its year
                    grid = page.locator('[data-testid="stDataFrame"]').first
                    word = "到期未报告实际值" if lang == "zh" else "year passed, no actual"
                    grid.locator('[data-testid^="glide-cell-"]', has_text=word).first.wait_for(state="attached")
                    assert any(re.search(r"\(20\d\d\)$", cell) for row in grid_rows(page) for cell in row)
                if path == "benchmark" and lang == "en":
                    captions = " ".join(page.locator('[data-testid="stCaptionContainer"]').all_inner_texts())
                    assert not CJK.search(captions), captions
        # switching the language in the sidebar updates the page and the URL
        page.goto(f"{base}/benchmark?lang=zh")
        _settle(page)
        page.locator('[data-testid="stSidebar"]').get_by_text("English").click()
        _settle(page)
        assert page.locator("h1").first.inner_text() == "Benchmark"
        page.wait_for_function("() => location.search.includes('lang=en')", timeout=15_000)
        # a deep link to an unknown region says so
        page.goto(f"{base}/region_profile?lang=en&region=999999")
        _settle(page)
        assert "The link asks for the region" in page.locator('[data-testid="stMain"]').inner_text()
