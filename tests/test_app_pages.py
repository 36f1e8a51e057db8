"""AppTest runs of every page of the Streamlit app against the warehouse built from the bundled corpus."""

from __future__ import annotations

import math
import shutil
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from ipbench_core import paths

PAGES = ["views/overview.py", "views/benchmark.py", "views/region_profile.py", "views/quality.py", "views/sources.py"]
PROVINCE_FINAL = "003_dfee1fc57d637dec"
PROVINCE_DRAFT = "001_76172b86cc57f45a"
YUEQING = "002_14b18e93690c8172"
HANGZHOU = "004_23912eeb5c1d89d5"
# 每万人高价值发明专利拥有量: target per region, from the corpus (contract "Corpus facts")
HV_TARGETS = {"浙江省": 17.0, "杭州市": 40.0, "丽水市": 4.0, "乐清市": 7.8}


def _query(db: Path, sql: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def open_page(page: str, *, lang: str = "zh", query: dict[str, str] | None = None) -> AppTest:
    """Run the real entry script, then switch to `page` (a file under app/) and run it."""
    at = AppTest.from_file(str(paths.APP_ENTRY), default_timeout=60)
    at.session_state["lang"] = lang
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    if query:
        at.query_params.update(query)
    at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def table(at: AppTest, name: str) -> pd.DataFrame:
    """The table shown by app.ui.show_table(df, name): each table is followed by its CSV button `dl_<name>`."""
    keys = [b.key for b in at.download_button]
    assert len(keys) == len(at.dataframe), "every table shown should have its CSV download"
    assert f"dl_{name}" in keys, (name, keys)
    return at.dataframe[keys.index(f"dl_{name}")].value


def chart_texts(at: AppTest) -> set[str]:
    """Every value of a `text` column in the data of the page's first chart."""
    import pyarrow as pa

    found: set[str] = set()
    for ds in at.get("vega_lite_chart")[0].proto.datasets:
        frame = pa.ipc.open_stream(ds.data.data).read_all().to_pandas()
        if "text" in frame.columns:
            found |= set(frame["text"].dropna())
    return found


@pytest.fixture()
def app_db(built_db: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(paths.ENV_DB, str(built_db))
    return built_db


@pytest.fixture(scope="module")
def hv_metric(built_db: Path) -> str:
    rows = _query(built_db, "select metric_id from main.dim_metric where name_zh like '%每万人%高价值发明专利%'")
    assert len(rows) == 1, rows
    return rows[0][0]


# --- warehouse missing or empty: a clear page, never a traceback -------------------------------


@pytest.mark.parametrize("page", PAGES)
def test_missing_warehouse_says_run_ipbench_all(page: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    missing = tmp_path / "nothing-here.duckdb"
    monkeypatch.setenv(paths.ENV_DB, str(missing))
    at = open_page(page)
    assert [t.value for t in at.title] == ["尚无数据仓库"]
    (error,) = at.error
    assert "ipbench all" in error.value and str(missing) in error.value
    assert not at.dataframe  # the page itself did not run


def test_unbuilt_warehouse_says_run_ipbench_all(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "raw-only.duckdb"
    with duckdb.connect(str(db)) as con:
        con.execute("create schema raw; create table raw.documents (document_id varchar)")
    monkeypatch.setenv(paths.ENV_DB, str(db))
    at = open_page("views/benchmark.py", lang="en")
    (error,) = at.error
    assert "main.fct_indicator_observation" in error.value and "ipbench all" in error.value


def test_corrupt_warehouse_is_reported_not_raised(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "garbage.duckdb"
    db.write_bytes(b"this is not a duckdb file" * 100)
    monkeypatch.setenv(paths.ENV_DB, str(db))
    at = open_page("views/overview.py", lang="en")
    (error,) = at.error
    assert "Cannot read the warehouse" in error.value and "ipbench all" in error.value


# --- every page, real corpus content ------------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_every_table_has_a_csv_download(app_db: Path, page: str, lang: str) -> None:
    at = open_page(page, lang=lang)
    assert at.dataframe, f"{page} shows no table"
    assert len(at.download_button) == len(at.dataframe)
    assert all(b.key and b.key.startswith("dl_") for b in at.download_button)


def test_overview_lists_documents_and_coverage(app_db: Path) -> None:
    at = open_page("views/overview.py")
    docs = table(at, "documents").set_index("文件编号")
    assert len(docs) == 5
    assert docs.at[HANGZHOU, "标题"] == "杭州市国家知识产权强市建设示范城市建设工作方案（征求意见稿）"
    assert docs.at[HANGZHOU, "状态"] == "征求意见稿" and docs.at[PROVINCE_FINAL, "状态"] == "正式稿"
    assert docs.at[YUEQING, "级别"] == "县（市、区）" and docs.at[YUEQING, "规划期"] == "2022–2025"
    assert (docs["数值个数"] > 0).all()

    coverage = table(at, "coverage").set_index("地区")
    hv_col = next(c for c in coverage.columns if "每万人高价值发明专利拥有量" in c)
    # the province states 2020 actual and 2025 target; the other three regions at least a target
    assert coverage.at["浙江省 (省)", hv_col] >= 2
    for region in ("杭州市 (市)", "丽水市 (市)", "乐清市 (县（市、区）)"):
        assert coverage.at[region, hv_col] >= 1


def test_benchmark_high_value_patents(app_db: Path, hv_metric: str) -> None:
    at = open_page("views/benchmark.py")
    at.selectbox(key="bm_metric_all").set_value(hv_metric).run()
    assert not at.exception
    bench = table(at, f"benchmark_{hv_metric}")
    for region, target in HV_TARGETS.items():
        rows = bench[bench["地区"] == region]
        assert not rows.empty, f"{region} missing from the benchmark table"
        assert any(math.isclose(v, target) for v in rows["目标值"]), (region, rows["目标值"].tolist())
        assert set(rows["单位"]) == {"件/万人"} and rows["口径"].notna().all()  # per 10k: the unit carries its denominator
    province = bench[(bench["地区"] == "浙江省") & (bench["目标值"] == 17.0)].iloc[0]
    assert province["基期值"] == pytest.approx(11.1) and province["基期年"] == 2020 and province["目标年"] == 2025
    assert province["年均增速 %"] == pytest.approx(((17 / 11.1) ** (1 / 5) - 1) * 100, abs=0.01)
    lishui = bench[bench["地区"] == "丽水市"].iloc[0]
    assert lishui["基期值"] == pytest.approx(2.4)
    assert lishui["与上级之比"] == pytest.approx(4 / 17, abs=1e-3)
    yueqing = bench[(bench["地区"] == "乐清市") & (bench["目标值"] == 7.8)]
    assert "≥" in set(yueqing["限定"])
    hangzhou = bench[bench["地区"] == "杭州市"]
    assert 2024 in set(hangzhou["目标年"])
    assert any(HANGZHOU in s for s in hangzhou["目标值出处"])
    # the chart is there, and the caption states unit and basis
    assert len(at.get("vega_lite_chart")) == 1
    # the chooser groups metrics by category: picking 创造 (creation) keeps this metric and drops others
    at.segmented_control(key="bm_category").set_value("creation").run()
    creation = at.selectbox(key="bm_metric_creation")
    assert "创造 · 每万人高价值发明专利拥有量" in creation.options
    assert all(o.startswith("创造 · ") for o in creation.options)
    assert any(c.value.startswith("单位：件/万人") for c in at.caption)


def test_benchmark_region_without_metric_says_so(app_db: Path) -> None:
    # a metric the province has but Lishui does not: Lishui must be listed as "no figure", never as 0
    rows = _query(
        app_db,
        """
        select metric_id from main.mart_region_benchmark where region_code = '330000'
        except select metric_id from main.mart_region_benchmark where region_code = '331100'
        order by 1 limit 1
        """,
    )
    assert rows, "expected a metric the province has and Lishui lacks"
    metric = rows[0][0]
    at = open_page("views/benchmark.py", lang="en")
    at.selectbox(key="bm_metric_all").set_value(metric).run()
    assert any("Lishui" in w.value and "not zero" in w.value for w in at.warning)
    bench = table(at, f"benchmark_{metric}")
    lishui = bench[bench["region"] == "Lishui"]
    assert list(lishui["note"]) == ["no figure"]
    assert lishui["target"].isna().all() and lishui["baseline"].isna().all()


def test_language_toggle_switches_labels(app_db: Path, hv_metric: str) -> None:
    at = open_page("views/benchmark.py")
    assert at.title[0].value == "指标对标"
    at.sidebar.radio(key="lang").set_value("en").run()
    assert at.title[0].value == "Benchmark"
    at.selectbox(key="bm_metric_all").set_value(hv_metric).run()
    bench = table(at, f"benchmark_{hv_metric}")
    assert {"Zhejiang", "Hangzhou", "Lishui", "Yueqing"} <= set(bench["region"])
    assert "target" in bench.columns and "CAGR %" in bench.columns


def test_region_profile_lishui_against_province(app_db: Path) -> None:
    at = open_page("views/region_profile.py", query={"region": "331100"})
    assert at.selectbox(key="rp_region").value == "331100"
    assert any("丽水市" in s.value and "浙江省" in s.value for s in at.subheader)
    profile = table(at, "profile_331100")
    hv = profile[profile["指标"] == "每万人高价值发明专利拥有量"]
    assert not hv.empty
    row = hv.iloc[0]
    assert row["目标值"] == "4 件/万人 (2025)" and row["基期值"] == "2.4 件/万人 (2020)"
    assert row["上级目标值"] == "17 件/万人 (2025)" and row["上级基期值"] == "11.1 件/万人 (2020)"
    assert row["对比地区"] == "浙江省"


def test_region_profile_province_has_no_parent(app_db: Path) -> None:
    at = open_page("views/region_profile.py", query={"region": "330000"})
    assert any("没有上级地区" in i.value for i in at.info)
    profile = table(at, "profile_330000")
    assert "上级目标值" not in profile.columns
    assert "17 件/万人 (2025)" in set(profile["目标值"])


def test_sources_reaches_the_table_row(app_db: Path) -> None:
    at = open_page("views/sources.py", query={"doc": PROVINCE_FINAL, "line": "43"})
    assert at.selectbox(key="src_doc").value == PROVINCE_FINAL
    figures = table(at, f"figures_{PROVINCE_FINAL}")
    hv = figures[figures["原文指标名"].str.contains("每万人高价值发明专利拥有量") & (figures["来源"] == "表格")]
    assert set(zip(hv["原文数值"], hv["年份"], hv["类型"], hv["行号"])) == {("11.1", 2020, "实际值", 43), ("17", 2025, "目标值", 43)}
    context = table(at, f"context_{PROVINCE_FINAL}_43")
    marked = context[context[""] == "▶"]
    assert list(marked["行号"]) == [43]
    assert "每万人高价值发明专利拥有量(件) | 11.1 | 17" in marked["文本"].iloc[0]
    assert list(context["行号"]) == list(range(40, 47))  # 3 lines of context either side
    # where the figure is in the file: its line, then the table cell (issue 21)
    assert any(c.value.startswith("在原文件中的位置: line 43, table 2 row 2 col ") for c in at.caption)


def test_sources_prose_figure_with_qualifier(app_db: Path) -> None:
    at = open_page("views/sources.py")
    at.selectbox(key="src_doc").set_value(YUEQING).run()
    figures = table(at, f"figures_{YUEQING}")
    prose = figures[(figures["原文数值"] == "7.8") & (figures["限定"] == ">=")]
    assert not prose.empty, "不低于7.8件 should be a >= figure"
    line = int(prose["行号"].iloc[0])
    figure_no = int(prose["序号"].iloc[0])
    at.selectbox(key=f"src_fig_{YUEQING}").set_value(figure_no).run()
    at.slider(key="src_radius").set_value(0).run()
    context = table(at, f"context_{YUEQING}_{line}")
    assert list(context["行号"]) == [line]
    assert "7.8" in context["文本"].iloc[0]


def test_quality_findings_quote_both_versions(app_db: Path) -> None:
    # 质押融资金额: 1000亿元 in the final text (003 line 39) vs 600亿元 in the draft (001 line 46)
    rows = _query(
        app_db,
        """
        select finding_id from main.mart_quality_finding_sources
        group by finding_id
        having bool_or(document_id = ? and source_line = 39) and bool_or(document_id = ? and source_line = 46)
        order by finding_id
        """,
        [PROVINCE_FINAL, PROVINCE_DRAFT],
    )
    assert rows, "the quality marts should report the 1000 vs 600 亿元 conflict"
    at = open_page("views/quality.py")
    at.selectbox(key="q_finding").set_value(rows[0][0]).run()
    assert not at.exception
    quotes = " ".join(m.value for m in at.markdown)
    # each quote highlights its own conflicting number (the text escaped for Markdown first)
    assert "达到:orange-background[**1000**]亿元" in quotes and "达到:orange-background[**600**]亿元" in quotes
    # filtering out every severity empties the table
    at.multiselect(key="q_severity").set_value([]).run()
    assert table(at, "quality_findings").empty


def test_quality_page_without_quality_marts(built_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "no-quality.duckdb"
    shutil.copy2(built_db, db)
    with duckdb.connect(str(db)) as con:
        for name in ("mart_quality_finding_sources", "mart_quality_findings"):
            kind = con.execute(
                "select table_type from information_schema.tables where table_schema = 'main' and table_name = ?", [name]
            ).fetchone()
            if kind:
                con.execute(f"drop {'view' if kind[0] == 'VIEW' else 'table'} main.{name}")
    monkeypatch.setenv(paths.ENV_DB, str(db))
    at = open_page("views/quality.py")
    assert any("ipbench check" in i.value for i in at.info)
    assert not at.dataframe


def test_pages_on_a_warehouse_built_before_their_marts_say_to_rebuild(built_db: Path, tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "older.duckdb"
    shutil.copy2(built_db, db)
    with duckdb.connect(str(db)) as con:  # as built before issue 27: no profile mart, no check names in the findings
        con.execute("drop table main.mart_region_profile")
        con.execute("alter table main.mart_quality_findings drop column check_title_zh")
    monkeypatch.setenv(paths.ENV_DB, str(db))
    for page, lacking in (("views/region_profile.py", "main.mart_region_profile"),
                          ("views/quality.py", "main.mart_quality_findings.check_title_zh")):
        at = open_page(page)
        assert [i.value for i in at.info] == [f"数据仓库由旧版本构建，缺少 {lacking}。请运行 `ipbench build` 重新构建。"]
        assert "ipbench" in at.code[0].value and "build" in at.code[0].value
        assert not at.dataframe


def test_sources_link_from_benchmark_opens_that_metrics_figure(app_db: Path, hv_metric: str) -> None:
    # Yueqing's line 39 states several targets; the benchmark's link (doc, line, metric) must open 不低于7.8件
    at = open_page("views/sources.py", query={"doc": YUEQING, "line": "39", "metric": hv_metric})
    chosen = at.selectbox(key=f"src_fig_{YUEQING}").value
    figures = table(at, f"figures_{YUEQING}")
    row = figures[figures["序号"] == chosen].iloc[0]
    assert (row["指标编号"], row["原文数值"], row["限定"], row["行号"]) == (hv_metric, "7.8", ">=", 39)
    context = table(at, f"context_{YUEQING}_39")
    assert "不低于7.8件" in context.loc[context[""] == "▶", "文本"].iloc[0]


def test_queries_see_a_swapped_in_build_while_an_old_reader_is_open(built_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A build replaces the file (os.replace); the next query must read the new file even while
    another session of the same process still has the old one open."""
    from app import data

    live = tmp_path / "ipbench.duckdb"
    shutil.copy2(built_db, live)
    monkeypatch.setenv(paths.ENV_DB, str(live))
    sql = "select count(*) as n from main.dim_document"
    assert data.query(sql)["n"].iloc[0] == 5

    new = tmp_path / "next.duckdb"
    shutil.copy2(built_db, new)
    with duckdb.connect(str(new)) as con:
        con.execute("delete from main.dim_document where status = 'draft'")
    with duckdb.connect(str(live), read_only=True) as old_reader:  # e.g. another session mid-query
        new.replace(live)
        assert old_reader.execute(sql).fetchone() == (5,)
        assert data.query(sql)["n"].iloc[0] == 3  # new inode -> new cache key -> the new file
    assert data.query(sql)["n"].iloc[0] == 3


# --- issue 14: honest benchmark, clear units, a quality page that leads ---------------------------


def test_benchmark_summary_fits_and_states_years_and_qualifiers(app_db: Path, hv_metric: str) -> None:
    at = open_page("views/benchmark.py")
    at.selectbox(key="bm_metric_all").set_value(hv_metric).run()
    summary = table(at, f"benchmark_summary_{hv_metric}")
    assert list(summary.columns) == ["地区", "基期值（件/万人）", "目标值（件/万人）", "完成情况", "年均增速 %", "与上级之比", "同级排名"]
    rows = summary.set_index("地区")
    assert rows.at["浙江省", "基期值（件/万人）"] == "11.1 (2020)" and rows.at["浙江省", "目标值（件/万人）"] == "17 (2025)"
    assert rows.at["乐清市", "目标值（件/万人）"] == "≥7.8 (2025)"
    assert rows.at["杭州市", "目标值（件/万人）"] == "40 (2024)"
    assert rows.at["浙江省", "年均增速 %"] == "8.90%" and rows.at["丽水市", "与上级之比"] == "0.235"
    assert any(c.value.startswith("指标定义：每万名常住人口拥有的有效高价值发明专利件数") for c in at.caption)  # the Chinese definition in the Chinese UI


def test_benchmark_past_target_is_achieved_not_a_goal(app_db: Path) -> None:
    # 发明专利授权量: the 13th plan's 2020 target 40,000 against the 2020 actual 49,888
    at = open_page("views/benchmark.py")
    at.selectbox(key="bm_metric_all").set_value("invention_patent_grants").run()
    rows = table(at, "benchmark_summary_invention_patent_grants").set_index("地区")
    province = rows.loc["浙江省 · 年度"]
    assert province["基期值（件）"] == "49,888 (2020)" and province["目标值（件）"] == "40,000 (2020)"
    assert province["完成情况"] == "已实现（2020年实际 49,888）"
    detail = table(at, "benchmark_invention_patent_grants")
    assert list(detail.loc[detail["地区"] == "浙江省", "目标完成"]) == ["已实现"]
    texts = chart_texts(at)
    assert {"40,000 (2020)", "49,888 (2020)"} <= texts and not any("e+" in x for x in texts)
    assert "labelExpr" in at.get("vega_lite_chart")[0].proto.spec  # axis labels in plain digits (万), not d3's "4.989e+4"


def test_quality_page_opens_on_the_error_and_lists_no_confirmations(app_db: Path) -> None:
    at = open_page("views/quality.py")
    (error_id,) = [r[0] for r in _query(app_db, "select finding_id from main.mart_quality_findings where severity = 'error'")]
    assert at.selectbox(key="q_finding").value == error_id
    findings = table(at, "quality_findings")
    assert findings["严重程度"].iloc[0] == "错误"
    assert list(findings["严重程度"]) == sorted(findings["严重程度"], key=["错误", "警告", "提示"].index)
    assert "年度数与期间总数核对" not in set(findings["检查项"])  # sums that match are not problems
    n_totals = _query(app_db, "select count(*) from main.mart_quality_findings where check_name = 'totals' and severity = 'info'")[0][0]
    assert len(table(at, "quality_passed")) == n_totals > 0
    # Chinese UI: no English check ids or detail phrases
    assert not any(c.isascii() and "_" in c for c in findings["检查项"])
    assert not findings["说明"].str.contains("states different values|add up|maps to no metric").any()
    assert "同一文件对“知识产权示范县（市、区）覆盖率”给出不同数值" in findings["说明"].iloc[0]


def test_region_profile_falls_back_to_the_province_and_draws_the_index(app_db: Path) -> None:
    at = open_page("views/region_profile.py", query={"region": "330382"})  # Yueqing: Wenzhou states nothing
    assert any("温州市" in c.value and "浙江省" in c.value for c in at.caption)
    profile = table(at, "profile_330382")
    assert "浙江省" in set(profile["对比地区"])
    assert len(at.get("vega_lite_chart")) == 1
    lishui = open_page("views/region_profile.py", query={"region": "331100"})
    assert "4 件/万人 (2025)" in chart_texts(lishui)  # Lishui's hv target, indexed to the province's 17 (= 23.5)


def test_root_url_opens_the_overview_page(app_db: Path) -> None:
    at = AppTest.from_file(str(paths.APP_ENTRY), default_timeout=60)
    at.run()
    assert not at.exception
    assert [t.value for t in at.title] == ["概览"]
