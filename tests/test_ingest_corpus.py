"""Ingest of the bundled corpus: exact table counts and figures per document, idempotence, bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import query, run_cli

D000, D001, D002, D003, D004 = (
    "000_ff7f2218a23fba1b", "001_76172b86cc57f45a", "002_14b18e93690c8172",
    "003_dfee1fc57d637dec", "004_23912eeb5c1d89d5",
)


def fig(db: Path, doc: str, label_like: str, year: int, kind: str, source: str | None = None) -> list[tuple]:
    sql = """select raw_value, raw_unit, qualifier, source_line, source_kind from raw.figures
             where document_id = ? and indicator_label like ? and year = ? and value_kind = ?"""
    params: list = [doc, label_like, year, kind]
    if source:
        sql += " and source_kind = ?"
        params.append(source)
    return query(db, sql + " order by source_line", params)


def test_all_five_documents_with_catalog_metadata(ingested_db):
    rows = query(ingested_db, "select document_id, region_code, level, status, plan_id from raw.documents order by 1")
    assert rows == [
        (D000, "331100", "city", "final", "lishui-ip-14fyp"),
        (D001, "330000", "province", "draft", "zhejiang-ip-14fyp"),
        (D002, "330382", "county", "final", "yueqing-ip-strong-county-2022"),
        (D003, "330000", "province", "final", "zhejiang-ip-14fyp"),
        (D004, "330100", "city", "draft", "hangzhou-ip-demo-city"),
    ]
    # the raw text stays in the warehouse, line by line
    assert query(ingested_db, "select count(*) from raw.document_lines where document_id = ?", [D000]) == [(358,)]


def test_indicator_tables_and_their_row_counts(ingested_db):
    rows = query(ingested_db, """select document_id, table_no, layout, n_rows from raw.tables
                                 where is_indicator order by 1, 2""")
    assert rows == [(D000, 1, "tab", 10), (D000, 2, "tab", 16), (D002, 2, "tab", 17),
                    (D003, 1, "pipe", 11), (D003, 2, "pipe", 16)]
    kinds = dict(query(ingested_db, "select document_id || '#' || table_no, kind from raw.tables where not is_indicator and kind <> 'box'"))
    assert kinds == {f"{D002}#1": "task_list", f"{D003}#3": "task_list"}
    # every indicator row yields its figures: rows x value columns, minus '/' cells
    counts = query(ingested_db, """select document_id, table_no, count(*) from raw.figures
                                   where source_kind = 'table' group by all order by 1, 2""")
    assert counts == [(D000, 1, 11), (D000, 2, 32), (D002, 2, 51), (D003, 1, 22), (D003, 2, 32)]


def test_table_figures_from_every_table(ingested_db):
    # 000 table 1 (十三五 results) and table 2 (十四五 targets), tab layout
    assert fig(ingested_db, D000, "专利授权量", 2020, "target", "table") == [("8000", "件", "", 25, "table")]
    assert fig(ingested_db, D000, "专利授权量", 2020, "actual", "table") == [("11606", "件", "", 26, "table")]
    assert fig(ingested_db, D000, "每万人高价值发明专利拥有量", 2020, "actual", "table") == [("2.4", "件", "", 111, "table")]
    assert fig(ingested_db, D000, "知识产权质押融资登记额", 2025, "target", "table") == [("50", "亿元", "", 160, "table")]
    # 002 annex 2, year columns
    assert fig(ingested_db, D002, "有效注册商标量累计", 2024, "target", "table") == [("110000", "件", "", 374, "table")]
    assert fig(ingested_db, D002, "培训知识产权人才", 2023, "target", "table") == [("500", "人次", "", 457, "table")]
    # 003 table 1 (pipe, 十三五) and table 2 (pipe, units in names)
    assert fig(ingested_db, D003, "作品著作权登记量", 2020, "actual", "table") == [("2.5", "万件", "", 17, "table"), ("2.5", "万件", "", 49, "table")]
    assert fig(ingested_db, D003, "每万人高价值发明专利拥有量", 2025, "target", "table") == [("17", "件", "", 43, "table")]
    assert fig(ingested_db, D003, "知识产权示范县(市、区)覆盖率", 2020, "actual", "table") == [("77.5", "%", "", 55, "table")]
    basis = query(ingested_db, f"select basis_hint from raw.figures where document_id = '{D000}' and indicator_label = '海外发明专利授权量' and source_kind = 'table'")
    assert basis == [("累计",), ("累计",)]


def test_prose_figures_of_documents_without_tables(ingested_db):
    assert fig(ingested_db, D001, "全省每万人高价值发明专利拥有量", 2025, "target") == [("17", "件", "", 44, "prose")]
    assert fig(ingested_db, D001, "PCT国际专利年申请量", 2025, "target") == [("6000", "件", ">=", 44, "prose")]
    assert fig(ingested_db, D001, "知识产权质押融资金额", 2025, "target") == [("600", "亿元", "", 46, "prose")]
    assert fig(ingested_db, D001, "有效地理标志", 2020, "actual") == [("240", "件", "", 8, "prose")]
    assert fig(ingested_db, D004, "每万人高价值发明专利拥有量", 2024, "target") == [("40", "件", "", 28, "prose")]
    assert fig(ingested_db, D004, "知识产权许可备案和转让数量", 2024, "target") == [("2.5", "万件", "", 30, "prose")]
    assert fig(ingested_db, D004, "知识产权托管服务覆盖小微企业", 2024, "target") == [("3500", "家", ">=", 34, "prose")]


def test_prose_figures_in_documents_with_tables(ingested_db):
    assert fig(ingested_db, D003, "有效地理标志", 2020, "actual") == [("376", "件", "", 6, "prose")]
    assert fig(ingested_db, D003, "林业植物新品种", 2020, "actual") == [("263", "个", "", 6, "prose")]
    assert fig(ingested_db, D003, "%质押融资金额", 2025, "target", "prose") == [("1000", "亿元", "", 39, "prose")]
    assert fig(ingested_db, D000, "每万人有效发明专利拥有量", 2015, "actual") == [("3.44", "件", "", 6, "prose")]
    period = query(ingested_db, f"""select raw_value, year, period_start, period_end, basis_hint from raw.figures
        where document_id = '{D002}' and indicator_label = '全市发明专利授权量'""")
    assert period == [("950", 2025, 2022, 2025, "试点期内")]
    yearly = query(ingested_db, f"""select year, raw_value from raw.figures where document_id = '{D002}'
        and source_line = 51 and indicator_label = '发明专利授权量' order by year""")
    assert yearly == [(2022, "300"), (2023, "300"), (2024, "350")]
    qual = fig(ingested_db, D002, "每万人高价值发明专利拥有量", 2025, "target")
    assert qual == [("7.8", "件", ">=", 39, "prose")]


def test_every_figure_traces_to_its_line(ingested_db):
    bad = query(ingested_db, """select count(*) from raw.figures f
        join raw.document_lines l on l.document_id = f.document_id and l.line_no = f.source_line
        where strpos(replace(l.text, ' ', ''), replace(f.raw_value, ' ', '')) = 0
          and strpos(l.text, f.raw_value) = 0""")
    assert bad == [(0,)]
    orphans = query(ingested_db, """select count(*) from raw.figures f left join raw.document_lines l
        on l.document_id = f.document_id and l.line_no = f.source_line where l.text is null""")
    assert orphans == [(0,)]
    # a prose figure quotes its sentence exactly as the document writes it
    misquoted = query(ingested_db, """select count(*) from raw.figures f join raw.document_lines l
        on l.document_id = f.document_id and l.line_no = f.source_line
        where f.source_kind = 'prose' and strpos(l.text, f.source_text) = 0""")
    assert misquoted == [(0,)]


def counts(db: Path) -> dict[str, int]:
    tables = ["documents", "document_lines", "tables", "table_cells", "figures"]
    return {t: query(db, f"select count(*) from raw.{t}")[0][0] for t in tables}


def test_idempotent_and_changed_file_replaces(tmp_path):
    db = tmp_path / "w.duckdb"
    run_cli("ingest", "--quiet", db=db, check=True)
    first = counts(db)
    again = run_cli("ingest", db=db, check=True)
    assert "0 loaded, 5 unchanged" in again.stderr
    assert counts(db) == first
    doc = tmp_path / "003_dfee1fc57d637dec.txt"
    text = (Path(__file__).parents[1] / "ingest/corpus/003_dfee1fc57d637dec.txt").read_text(encoding="utf-8")
    doc.write_text(text.replace("| 11.1 | 17 |", "| 11.1 | 18 |"), encoding="utf-8")
    run_cli("ingest", str(doc), db=db, check=True)
    assert counts(db) == first
    assert query(db, """select raw_value from raw.figures where document_id = '003_dfee1fc57d637dec'
        and indicator_label like '每万人高价值%' and year = 2025 and source_kind = 'table'""") == [("18",)]


@pytest.fixture()
def small_db(tmp_path) -> Path:
    db = tmp_path / "small.duckdb"
    run_cli("ingest", "--quiet", str(Path(__file__).parents[1] / "ingest/corpus/004_23912eeb5c1d89d5.txt"), db=db, check=True)
    return db


@pytest.mark.parametrize("name,content,message", [
    ("empty.txt", b"", "empty"),
    ("blank.txt", b"\n\n  \n", "empty"),
    ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
    ("latin.txt", "Plan für Region ohne Ortsangabe, 2025 Ziel 17 Stück".encode("latin-1"), "no recognizable region"),
])
def test_bad_input_is_reported_and_leaves_warehouse_unchanged(small_db, tmp_path, name, content, message):
    bad = tmp_path / name
    bad.write_bytes(content)
    before = counts(small_db)
    proc = run_cli("ingest", str(bad), db=small_db)
    assert proc.returncode == 1
    assert f"error: {bad}" in proc.stderr and message in proc.stderr
    assert "Traceback" not in proc.stderr
    assert counts(small_db) == before


def test_missing_path_and_good_document_still_loads(small_db, tmp_path):
    good = tmp_path / "yuhang.txt"
    good.write_text("杭州市余杭区知识产权工作方案\n到2025年，全区发明专利授权量达到3000件。\n", encoding="gb18030")
    proc = run_cli("ingest", str(tmp_path / "nope.txt"), str(good), db=small_db)
    assert proc.returncode == 0
    assert "nope.txt: no such file or folder" in proc.stderr
    assert "inferred" in proc.stderr and "余杭区 (330110, county)" in proc.stderr
    rows = query(small_db, "select encoding, region_code, level, status, metadata_source from raw.documents where document_id = 'yuhang'")
    assert rows == [("gb18030", "330110", "county", "final", "inferred")]
    assert fig(small_db, "yuhang", "全区发明专利授权量", 2025, "target") == [("3000", "件", "", 2, "prose")]


def test_uncatalogued_traditional_draft_with_web_debris(tmp_path):
    doc = tmp_path / "news.txt"
    doc.write_text(
        "首頁 > 政務公開 > 通知公告\u200b\n"
        "溫州市知識產權發展規劃（徵求意見稿）\n"
        "[bookmark: _Toc1]到2025年，全市每萬人高價值發明專利擁有量達到12件，有效註冊商標量超過50萬件。\n",
        encoding="utf-8")
    db = tmp_path / "w.duckdb"
    proc = run_cli("ingest", str(doc), db=db, check=True)
    assert "溫州市" in proc.stderr or "温州市" in proc.stderr
    assert query(db, "select region_code, level, status from raw.documents") == [("330300", "city", "draft")]
    got = query(db, "select raw_value, raw_unit, qualifier from raw.figures order by figure_no")
    assert got == [("12", "件", ""), ("50", "万件", ">=")]
