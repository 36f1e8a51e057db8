"""The catalog and the inputs: a bad row never takes other documents down; ids are unique; corrections apply without --force."""

from __future__ import annotations

import shutil
from pathlib import Path

from ipbench_core import paths
from tests.conftest import query, run_cli

HEADER = "document_id,title,region_code,region_name,level,doc_type,status,plan_id,plan_period_start,plan_period_end,issue_date,doc_number\n"
HANGZHOU = "004_23912eeb5c1d89d5"
LISHUI = "000_ff7f2218a23fba1b"
META = "select region_code, region_name, level, status, plan_period_start, plan_period_end, issue_date, title from raw.documents where document_id = ?"


def _docs(tmp_path: Path, *stems: str) -> list[str]:
    return [str(paths.CORPUS_DIR / f"{s}.txt") for s in stems]


def _lines(stderr: str, prefix: str) -> list[str]:
    return [ln for ln in stderr.splitlines() if ln.startswith(prefix)]


def test_bad_catalog_cells_are_warnings_and_the_document_loads_with_inferred_metadata(tmp_path):
    catalog = tmp_path / "catalog.csv"
    catalog.write_text(HEADER
                       + f"{HANGZHOU},杭州市知识产权规划,330100,,town,plan,maybe,hz,2022,99999999999,2021-02-30,\n"
                       + f"{LISHUI},丽水市知识产权规划,331100,丽水市,city,plan,final,ls,2025,2021,not a date,\n", encoding="utf-8")
    db = tmp_path / "w.duckdb"
    proc = run_cli("ingest", *_docs(tmp_path, HANGZHOU, LISHUI), "--catalog", str(catalog), "--quiet", db=db)
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr
    warnings = _lines(proc.stderr, f"warning: {catalog}: ")
    assert [w.split(": ")[2] for w in warnings] == ["line 2"] * 4 + ["line 3"] * 2, warnings
    assert "plan_period_end='99999999999': not a year between 1949 and 2100" in warnings[0]
    assert "issue_date='2021-02-30': not a date" in warnings[1]
    assert "level='town': must be one of province, city, county" in warnings[2]
    assert "status='maybe': must be one of draft, final" in warnings[3]
    assert "plan_period_start='2025', plan_period_end='2021': the period starts after it ends" in warnings[4]
    assert "issue_date='not a date'" in warnings[5]
    assert "2 loaded, 0 unchanged, 0 failed" in proc.stderr
    # what the catalog says right is kept; the rest comes from the region code or the text (issue 20: the years the
    # work plan plans for, 到2024年, from its schedule starting 2022 — no longer the first span it quotes, 2021-2035)
    assert query(db, META, [HANGZHOU]) == [("330100", "杭州市", "city", "draft", 2022, 2024, None, "杭州市知识产权规划")]
    assert query(db, "select inferred_fields from raw.documents where document_id = ?", [HANGZHOU]) == [("status,plan_period (2022-2024: years it plans for 到2024年; line 28)",)]
    assert query(db, META, [LISHUI])[0][:4] == ("331100", "丽水市", "city", "final")


def test_a_field_over_the_csv_size_limit_is_an_error_naming_its_line_and_the_others_load(tmp_path):
    catalog = tmp_path / "catalog.csv"
    catalog.write_text(HEADER + f"{LISHUI},{'长' * 200_000},331100,丽水市,city,plan,final,ls,2021,2025,,\n"
                       + f"{HANGZHOU},杭州,330100,杭州市,city,plan,final,hz,2022,2024,2022-05-01,\n", encoding="utf-8")
    db = tmp_path / "w.duckdb"
    proc = run_cli("ingest", *_docs(tmp_path, HANGZHOU, LISHUI), "--catalog", str(catalog), "--quiet", db=db)
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr
    [error] = _lines(proc.stderr, "error: ")
    assert error.startswith(f"error: {catalog}: line 2: row skipped, the csv module cannot read it (field larger than field limit")
    assert "2 loaded" in proc.stderr
    [row] = query(db, META, [HANGZHOU])
    assert row[:6] + (str(row[6]), row[7]) == ("330100", "杭州市", "city", "final", 2022, 2024, "2022-05-01", "杭州")
    assert query(db, "select metadata_source from raw.documents where document_id = ?", [LISHUI]) == [("inferred",)]


def test_duplicate_catalog_ids_warn_naming_both_lines_and_the_first_row_is_used(tmp_path):
    catalog = tmp_path / "catalog.csv"
    catalog.write_text(HEADER + f"{HANGZHOU},第一行,330100,杭州市,city,plan,draft,hz,2022,2024,,\n"
                       + f"{LISHUI},丽水,331100,丽水市,city,plan,final,ls,2021,2025,,\n"
                       + f"{HANGZHOU},第二行,330100,杭州市,city,plan,final,hz,2022,2024,,\n", encoding="utf-8")
    db = tmp_path / "w.duckdb"
    proc = run_cli("ingest", *_docs(tmp_path, HANGZHOU), "--catalog", str(catalog), "--quiet", db=db)
    assert proc.returncode == 0, proc.stderr
    [warning] = _lines(proc.stderr, "warning: ")
    assert warning == (f"warning: {catalog}: line 4: document_id '{HANGZHOU}' is also on line 2; line 2 is used and "
                       "line 4 ignored — keep one row per document")
    assert query(db, "select title, status from raw.documents") == [("第一行", "draft")]


def test_a_corrected_catalog_entry_applies_to_an_unchanged_file_without_force(tmp_path):
    db = tmp_path / "w.duckdb"
    doc = _docs(tmp_path, HANGZHOU)
    first = tmp_path / "first.csv"
    first.write_text(HEADER + f"{HANGZHOU},旧标题,330100,杭州市,city,plan,draft,hz,2022,2024,,\n", encoding="utf-8")
    second = tmp_path / "second.csv"
    second.write_text(HEADER + f"{HANGZHOU},新标题,330100,杭州市,city,plan,final,hz,2022,2025,2023-01-05,\n", encoding="utf-8")
    run_cli("ingest", *doc, "--catalog", str(first), "--quiet", db=db, check=True)
    n_figures = query(db, "select count(*) from raw.figures")
    proc = run_cli("ingest", *doc, "--catalog", str(second), "--quiet", db=db, check=True)
    assert "1 loaded, 0 unchanged, 0 failed (1 re-read for a changed catalog entry)" in proc.stderr, proc.stderr
    [(title, status, end, issued)] = query(db, "select title, status, plan_period_end, issue_date from raw.documents")
    assert (title, status, end, str(issued)) == ("新标题", "final", 2025, "2023-01-05")
    assert query(db, "select count(*) from raw.figures") == n_figures
    again = run_cli("ingest", *doc, "--catalog", str(second), "--quiet", db=db, check=True)
    assert "0 loaded, 1 unchanged" in again.stderr
    # leaving the catalog out (no entry any more) also applies: the metadata is inferred from the text
    empty = tmp_path / "empty.csv"
    empty.write_text(HEADER, encoding="utf-8")
    run_cli("ingest", *doc, "--catalog", str(empty), "--quiet", db=db, check=True)
    assert query(db, "select metadata_source, status from raw.documents") == [("inferred", "draft")]


def test_same_file_name_in_two_folders_is_an_error_naming_both_paths(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    (a / "plan.txt").write_text("杭州市知识产权发展规划\n到2025年，全市发明专利授权量达到100件。\n", encoding="utf-8")
    (b / "plan.txt").write_text("丽水市知识产权发展规划\n到2025年，全市发明专利授权量达到200件。\n", encoding="utf-8")
    db = tmp_path / "w.duckdb"
    proc = run_cli("ingest", str(a), str(b), str(a / "plan.txt"), "--quiet", db=db)
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr
    assert _lines(proc.stderr, "error: ") == [
        f"error: {b / 'plan.txt'}: same document id 'plan' as {a / 'plan.txt'} (the id is the file name without its suffix); "
        f"only {a / 'plan.txt'} was ingested — rename one of them"]
    assert "1 loaded" in proc.stderr
    assert query(db, "select document_id, region_code from raw.documents") == [("plan", "330100")]


def test_bundled_corpus_ids_stay_the_file_stems(ingested_db):
    stems = sorted(p.stem for p in paths.CORPUS_DIR.glob("*.txt"))
    assert [r[0] for r in query(ingested_db, "select document_id from raw.documents order by 1")] == stems


def test_a_copy_of_the_bundled_corpus_in_a_subfolder_is_one_error_per_document(tmp_path):
    docs = tmp_path / "docs"
    shutil.copytree(paths.CORPUS_DIR, docs / "copy", ignore=shutil.ignore_patterns("*.csv", "*.md"))
    db = tmp_path / "w.duckdb"
    proc = run_cli("ingest", str(paths.CORPUS_DIR), str(docs), "--quiet", db=db)
    assert proc.returncode == 0
    assert len(_lines(proc.stderr, "error: ")) == 5 and "5 loaded" in proc.stderr
