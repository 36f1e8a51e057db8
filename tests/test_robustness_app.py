"""Every app page renders for any warehouse `ipbench build` produced and for any query string; document text is never Markdown."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from ipbench_core import paths
from tests.conftest import query, run_cli

pytestmark = pytest.mark.process  # builds its own warehouse with `ipbench build`: not in `make test-fast`

PAGES = ["views/overview.py", "views/benchmark.py", "views/region_profile.py", "views/quality.py", "views/sources.py"]
HANGZHOU = "004_23912eeb5c1d89d5"
INJECTION = "[链接](http://127.0.0.1:9/x.png) <img src=x onerror=alert(1)> **粗体**"  # no '!': it ends a sentence
IMAGE = "![x](http://127.0.0.1:9/x.png)"
# documents the bundled corpus does not have: no plan period (uncatalogued), a catalog entry with only a region code the reference does not know
NO_PERIOD = "杭州市知识产权工作要点\n截至2022年底，全市发明专利授权量达到1500件，" + INJECTION + "。" + IMAGE + "\n"
CODE_ONLY = "某地知识产权工作说明\n到2025年，全县发明专利授权量达到150件。\n"
# a document whose file name (hence id) is a Markdown image: a Hangzhou target for 2030, so it is the benchmark's source
MD_NAME = "![i](https:127.0.0.1:9)"
MD_NAME_TEXT = ("杭州市知识产权强市建设纲要（2026-2030年）\n到2030年，全市发明专利授权量达到99999件。\n"
                "2030年全市发明专利授权量目标为88888件。\n")


@pytest.fixture(scope="module")
def odd_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled corpus plus a document without plan period and one without region name/level, ingested and built."""
    work = tmp_path_factory.mktemp("odd_app")
    docs = work / "docs"
    shutil.copytree(paths.CORPUS_DIR, docs, ignore=shutil.ignore_patterns("*.csv", "*.md"))
    (docs / "no_period.txt").write_text(NO_PERIOD, encoding="utf-8")
    (docs / "code_only.txt").write_text(CODE_ONLY, encoding="utf-8")
    (docs / f"{MD_NAME}.txt").write_text(MD_NAME_TEXT, encoding="utf-8")
    catalog = work / "catalog.csv"
    catalog.write_text(paths.CATALOG.read_text(encoding="utf-8") + "code_only,,990100,,,,,,,,,\n", encoding="utf-8")
    db = work / "ipbench.duckdb"
    run_cli("ingest", str(docs), "--catalog", str(catalog), "--quiet", db=db, check=True)
    run_cli("build", db=db, check=True)
    assert query(db, "select plan_period_start, plan_period_end from raw.documents where document_id = 'no_period'") == [(None, None)]
    assert query(db, "select region_name, level from raw.documents where document_id = 'code_only'") == [(None, None)]
    return db


def _open(page: str, params: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(str(paths.APP_ENTRY), default_timeout=90)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    if params:
        at.query_params.update(params)
    at.switch_page(page).run()
    return at


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_when_a_document_has_no_plan_period_or_region_name(odd_db, page, monkeypatch):
    monkeypatch.setenv(paths.ENV_DB, str(odd_db))
    at = _open(page)
    assert not at.exception, [e.value for e in at.exception]


def test_overview_shows_an_empty_period_for_a_document_without_one(odd_db, monkeypatch):
    monkeypatch.setenv(paths.ENV_DB, str(odd_db))
    at = _open("views/overview.py")
    assert not at.exception, [e.value for e in at.exception]
    docs = at.dataframe[0].value
    assert len(docs) == 8
    row = docs[docs.iloc[:, 0] == "no_period"].iloc[0]
    assert row["规划期"] == ""  # by name: issue 25 moved the read coverage next to the title
    assert docs[docs.iloc[:, 0] == HANGZHOU].iloc[0]["规划期"] == "2022–2024"


QUERY_STRINGS = [
    {"doc": HANGZHOU, "line": "²"}, {"doc": HANGZHOU, "line": "-3"}, {"doc": HANGZHOU, "line": "1e3"},
    {"doc": HANGZHOU, "line": "99999999999999999999"}, {"doc": HANGZHOU, "figure": "٣"}, {"doc": HANGZHOU, "figure": "-1"},
    {"doc": "no-such-document", "line": "7"}, {"doc": "", "metric": "x"}, {"doc": "<script>", "line": "0"},
]


@pytest.mark.parametrize("params", QUERY_STRINGS, ids=[str(q) for q in QUERY_STRINGS])
@pytest.mark.parametrize("page", ["views/overview.py", "views/sources.py"])
def test_pages_render_for_any_query_string(odd_db, page, params, monkeypatch):
    monkeypatch.setenv(paths.ENV_DB, str(odd_db))
    at = _open(page, params)
    assert not at.exception, [e.value for e in at.exception]


def test_sources_ignores_a_superscript_line_and_shows_the_first_figure(odd_db, monkeypatch):
    monkeypatch.setenv(paths.ENV_DB, str(odd_db))
    at = _open("views/sources.py", {"doc": HANGZHOU, "line": "²"})
    assert not at.exception
    first = query(odd_db, "select min(figure_no) from main.fct_indicator_observation where document_id = ?", [HANGZHOU])[0][0]
    assert at.selectbox(key=f"src_fig_{HANGZHOU}").value == first


def test_sources_shows_document_text_as_text_not_markdown(odd_db, monkeypatch):
    monkeypatch.setenv(paths.ENV_DB, str(odd_db))
    [(figure_no, line, text)] = query(odd_db, "select figure_no, source_line, source_text from main.fct_indicator_observation "
                                              "where document_id = 'no_period'")
    assert INJECTION in text and line == 2
    at = _open("views/sources.py", {"doc": "no_period", "figure": str(figure_no)})
    assert not at.exception, [e.value for e in at.exception]
    assert [c.value for c in at.code] == [text]
    rendered = [m.value for m in at.markdown] + [c.value for c in at.caption]
    assert not any("](http" in v or "<img" in v for v in rendered), rendered
    # the line itself (with the image link) is in the context table, as a cell value
    context = at.dataframe[-1].value
    assert any(IMAGE in str(v) for v in context.iloc[:, -1]), context


def _shown_as_markdown(at: AppTest) -> list[str]:
    """Every string the page renders as Markdown: markdown, captions, page-link labels."""
    return ([m.value for m in at.markdown] + [c.value for c in at.caption]
            + [link.proto.label for link in at.get("page_link")])


@pytest.mark.parametrize("page, params", [
    ("views/benchmark.py", {"metric": "invention_patent_grants"}),
    ("views/region_profile.py", {"region": "330100"}),
    ("views/quality.py", {}),
    ("views/sources.py", {"doc": MD_NAME}),
])
def test_a_document_id_that_is_markdown_is_shown_as_text(odd_db, page, params, monkeypatch):
    monkeypatch.setenv(paths.ENV_DB, str(odd_db))
    assert query(odd_db, "select count(*) from main.fct_indicator_observation where document_id = ?", [MD_NAME]) == [(2,)]
    at = _open(page, params)
    if page == "views/quality.py":  # the finding quoting the document: its two conflicting targets
        [(finding,)] = query(odd_db, "select finding_id from main.mart_quality_findings where document_ids like ?",
                             [f"%{MD_NAME}%"])
        at.selectbox(key="q_finding").select(finding).run()
    assert not at.exception, [e.value for e in at.exception]
    shown = _shown_as_markdown(at)
    assert not any("](https" in v for v in shown), [v for v in shown if "https" in v]
    escaped = "\\!\\[i\\]\\(https\\:127\\.0\\.0\\.1\\:9\\)"
    if page != "views/sources.py":  # sources shows the id in its selectbox and tables only (plain text)
        assert any(escaped in v for v in shown), shown
