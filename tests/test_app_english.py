"""Issue 25: the app as a user sees it — English only in the English UI, the language in the URL, deep links that say when they miss, no 'nan' titles."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import duckdb
import pyarrow as pa
import pytest

from conftest import query
from ipbench_core import paths
from test_app_pages import open_page, table

CJK_RUN = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]+")


@pytest.fixture()
def app_db(built_db: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(paths.ENV_DB, str(built_db))
    return built_db


def _names(db: Path) -> list[str]:
    """What may stay Chinese in English: names without an English name in the seeds, and document titles."""
    rows = query(db, """
        select name_zh from main.dim_region where coalesce(name_en, '') = ''
        union select name_zh from main.dim_metric where coalesce(name_en, '') = ''
        union select title from main.dim_document where title is not null""")
    return sorted({r[0] for r in rows if r[0]}, key=len, reverse=True)


def _visible_texts(at) -> list[str]:  # noqa: ANN001
    """Every text a reader of the page sees: headings, captions, notices, picker labels and options, table headers and
    cells, and the chart's titles, labels and tooltip fields (the sidebar's language switch names both languages)."""
    at = at.main
    texts: list[str] = []
    for kind in ("title", "header", "subheader", "caption", "markdown", "info", "warning", "error"):
        texts += [str(e.value) for e in at.get(kind)]
    for kind in ("selectbox", "multiselect", "radio"):
        for e in at.get(kind):
            texts += [str(e.label), *map(str, e.options)]
    for e in at.get("segmented_control"):
        texts += [str(e.label), *map(str, e.options)]
    for df in at.dataframe:
        frame = df.value
        texts += [str(c) for c in frame.columns]
        for c in frame.columns:
            texts += [str(v) for v in frame[c].dropna().unique()]
    for chart in at.get("vega_lite_chart"):
        spec = chart.proto.spec
        texts += re.findall(r'"(?:title|text)"\s*:\s*"((?:[^"\\]|\\.)*)"', spec)
        for ds in chart.proto.datasets:
            frame = pa.ipc.open_stream(ds.data.data).read_all().to_pandas()
            for c in ("text", "kind", "basis_label", "display_unit", "unit", "status", "label", "region"):
                if c in frame.columns:
                    texts += [str(v) for v in frame[c].dropna().unique()]
    return texts


def _chinese_left(texts: list[str], names: list[str]) -> set[str]:
    """The Chinese runs of `texts` that are not part of a name or title."""
    exact, known = set(names), _KNOWN_RUNS.setdefault(id(names), {})
    left: set[str] = set()
    for text in dict.fromkeys(texts):
        for run in CJK_RUN.findall(text):
            if run not in known:
                known[run] = run in exact or any(run in n for n in names)
            if not known[run]:
                left.add(f"{run}  ←  {text[:120]}")
    return left


_KNOWN_RUNS: dict[int, dict[str, bool]] = {}


def test_english_benchmark_page_has_no_chinese_but_names(app_db: Path) -> None:
    names = _names(app_db)
    # one metric per unit, and every metric whose English definition quotes Chinese or notes a particular plan
    per_unit = [r[0] for r in query(app_db, """
        select metric_id from main.mart_region_benchmark
        qualify row_number() over (partition by display_unit order by metric_id) = 1""")]
    noted = [m for m, d in query(app_db, """
        select distinct m.metric_id, m.definition_en from main.dim_metric m join main.mart_region_benchmark b using (metric_id)
        order by 1""") if isinstance(d, str) and (CJK_RUN.search(d) or re.search(r"\b\d{3} shows", d))]
    assert "ip_pledge_financing" in noted
    metric_ids = sorted(set(per_unit) | set(noted[:8]))
    assert len(metric_ids) >= 10
    at = open_page("views/benchmark.py", lang="en")
    left: set[str] = set()
    for metric_id in metric_ids:  # every metric: definitions, units, statuses, chart
        at.selectbox(key="bm_metric_all").set_value(metric_id).run()
        assert not at.exception, metric_id
        left |= _chinese_left(_visible_texts(at), names)
    assert not left, sorted(left)[:20]
    # units are translated, the density's denominator too
    at.selectbox(key="bm_metric_all").set_value("high_value_invention_patents_per_10k").run()
    assert any(c.value == "Unit: items per 10,000 residents; basis: ratio" for c in at.caption)
    detail = table(at, "benchmark_high_value_invention_patents_per_10k")
    assert set(detail["unit"]) == {"items per 10,000 residents"}


def test_english_definitions_drop_chinese_quotes_and_plan_notes(app_db: Path) -> None:
    at = open_page("views/benchmark.py", lang="en", query={"metric": "invention_patent_grants"})
    from app.ui import md_text  # the caption shows the definition escaped for Markdown (issue 24)

    assert any(c.value == "Definition: " + md_text("Invention patents granted.") for c in at.caption)
    at = open_page("views/benchmark.py", lang="en", query={"metric": "ip_pledge_financing"})
    assert any(c.value == "Definition: " + md_text("Loans/credit secured by pledged IP: one quantity.") for c in at.caption)


def test_english_overview_and_profile_name_regions_in_english(app_db: Path) -> None:
    at = open_page("views/overview.py", lang="en")
    docs = table(at, "documents")
    assert set(docs["region"]) == {"Zhejiang", "Hangzhou", "Lishui", "Yueqing"}
    profile = open_page("views/region_profile.py", lang="en", query={"region": "331100"})
    hv = table(profile, "profile_331100")
    row = hv[hv["metric"] == "High-value invention patents per 10,000 residents"].iloc[0]
    assert row["target"] == "4 items per 10,000 residents (2025)"


def test_switching_language_updates_the_url_and_the_pickers(app_db: Path) -> None:
    at = open_page("views/benchmark.py", query={"metric": "invention_patent_grants"})
    assert at.query_params["lang"] == "zh"
    assert at.selectbox(key="bm_metric_all").format_func("invention_patent_grants") == "创造 · 发明专利授权量"
    at.sidebar.radio(key="lang").set_value("en").run()
    assert at.query_params["lang"] == "en"
    assert at.selectbox(key="bm_metric_all").format_func("invention_patent_grants") == "creation · Invention patents granted"
    assert at.multiselect(key="bm_levels").format_func("county") == "county"
    assert at.segmented_control(key="bm_category").format_func("creation").startswith("creation (")


@pytest.mark.parametrize(
    ("page", "param", "value", "notice"),
    [
        ("views/benchmark.py", "metric", "no_such_metric", "The link asks for the metric “no\\_such\\_metric”"),
        ("views/region_profile.py", "region", "999999", "The link asks for the region “999999”"),
        ("views/sources.py", "doc", "missing_doc", "The link asks for the document “missing\\_doc”"),
    ],
)
def test_a_bad_deep_link_shows_a_notice(app_db: Path, page: str, param: str, value: str, notice: str) -> None:
    at = open_page(page, lang="en", query={param: value})
    assert any(w.value.startswith(notice) for w in at.warning), [w.value for w in at.warning]


def test_a_good_deep_link_shows_no_notice(app_db: Path) -> None:
    at = open_page("views/region_profile.py", query={"region": "331100"})
    assert not at.warning
    zh = open_page("views/benchmark.py", query={"metric": "<b>x</b>"})
    # the asked value is escaped, never read as markup
    assert [w.value for w in zh.warning] == ["链接中的指标 “&lt;b&gt;x&lt;/b&gt;” 在数据仓库中没有可对标的数值；下面显示的是默认指标。"]


def test_a_missing_title_never_shows_as_nan(built_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "untitled.duckdb"
    shutil.copy2(built_db, db)
    with duckdb.connect(str(db)) as con:
        con.execute("update main.dim_document set title = null where document_id = '000_ff7f2218a23fba1b'")
    monkeypatch.setenv(paths.ENV_DB, str(db))
    at = open_page("views/overview.py")
    docs = table(at, "documents").set_index("文件编号")
    file_name = query(db, "select file_name from main.dim_document where document_id = '000_ff7f2218a23fba1b'")[0][0]
    assert docs.at["000_ff7f2218a23fba1b", "标题"] == file_name
    sources = open_page("views/sources.py", query={"doc": "000_ff7f2218a23fba1b"})
    label = sources.selectbox(key="src_doc").format_func("000_ff7f2218a23fba1b")
    assert "nan" not in label and file_name in label
