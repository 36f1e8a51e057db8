"""Malformed inputs (tests/malformed/): each gives a one-line error or warning naming the file (and line), no traceback,
and the good documents next to them still load with the right figures."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from ipbench_core import paths
from tests.conftest import query, run_cli

MALFORMED = Path(__file__).parent / "malformed"
GOOD = "004_23912eeb5c1d89d5"

# file stem -> the error message part (the file is rejected, nothing stored for it)
ERRORS = {
    "binary_png": "looks like a binary file", "binary_zip_docx": "looks like a binary file",
    "utf16_no_bom": "looks like a binary file", "utf16_odd_length": "not valid UTF-16",
    "empty": "the file is empty", "whitespace_only": "the file is empty",
    "invalid_bytes": "not UTF-8 or GB18030 text", "latin1_no_region": "no recognizable region",
    "mojibake": "no recognizable region",
}
# file stem -> (line or None, warning message part); the document still loads
WARNINGS = {
    "all_slash_values": (3, "indicator table 1 yielded no figures"),
    "header_only_indicator_table": (3, "indicator table 1 yielded no figures"),
    "duplicate_header_pipe": (4, "value '2020年实现值' of '指标名称' is not a number"),
    "duplicate_header_tab": (11, "value '2020年实现值' of '指标名称' is not a number"),
    "non_numeric_cell": (4, "value '待定' of '发明专利授权量' is not a number"),
    "traditional_chinese": (None, "Traditional Chinese text"),
    # a Chinese text naming no region loads with region unknown (issue 9: nothing lost)
    "no_region": (None, "no recognizable region (province, city or county name) in the text; loaded with region unknown"),
}
# file stem -> every figure it must yield: (label, year, kind, raw_value, raw_unit, qualifier, line)
FIGURES = {
    "gb18030": [("全市发明专利授权量", 2025, "target", "1500", "件", "", 2)],
    "utf16le_bom": [("全市发明专利授权量", 2025, "target", "1500", "件", "", 2)],
    "utf16be_bom": [("全市发明专利授权量", 2025, "target", "1500", "件", "", 2)],
    "utf8_bom": [("全市发明专利授权量", 2025, "target", "1500", "件", "", 2)],
    "fullwidth_digits_punct": [("全市发明专利授权量", 2025, "target", "1500", "件", "", 2),
                               ("有效注册商标量", 2025, "target", "30", "万件", ">=", 2)],
    "traditional_chinese": [("全市发明专利授权量", 2025, "target", "1500", "件", "", 2),
                            ("有效注册商标量", 2025, "target", "30", "万件", ">=", 2)],
    "mixed_newlines": [("全市发明专利授权量", 2025, "target", "1500", "件", "", 2),
                       ("有效注册商标量", 2025, "target", "30", "万件", ">=", 3)],
    "zero_width_chars": [("全市发明专利授权量", 2025, "target", "1500", "件", "", 2),
                         ("专利授权量", 2025, "target", "3000", None, "", 7)],
    "duplicate_header_pipe": [("发明专利授权量", 2020, "actual", "1000", "件", "", 5),
                              ("发明专利授权量", 2025, "target", "1500", "件", "", 5)],
    "duplicate_header_tab": [("发明专利授权量", 2020, "actual", "1000", "件", "", 16),
                             ("发明专利授权量", 2025, "target", "1500", "件", "", 17)],
    "non_numeric_cell": [("专利授权量", 2020, "actual", "3000", "件", "", 5),
                         ("专利授权量", 2025, "target", "4000", "件", "", 5)],
    "tab_row_extra_cells": [("发明专利授权量", 2020, "actual", "1000", "件", "", 11),
                            ("发明专利授权量", 2025, "target", "1500", "件", "", 12),
                            ("有效注册商标量", 2020, "actual", "30", "万件", "", 16),
                            ("有效注册商标量", 2025, "target", "40", "万件", "", 17)],
    "mismatched_year_list": [("全市专利授权量", 2025, "target", "3000", "件", "", 3)],
    "catalog_empty_fields": [("全县发明专利授权量", 2025, "target", "150", "件", "", 1)],
    "no_region": [("全市发明专利授权量", 2025, "target", "1500", "件", "", 2)],
    "headings_only": [], "all_slash_values": [],
    # empty pipe rows above a table are skipped: its header and row are read (issue 21)
    "pipes_everywhere": [("发明专利授权量", 2025, "target", "1500", None, "", 6)], "header_only_indicator_table": [],
}
# once-known parser gaps, now handled (were xfail): exact figures or warnings with their lines
FIGURES.update({
    "fullwidth_pipe_table": [("发明专利授权量", 2020, "actual", "1000", "件", "", 4),
                             ("发明专利授权量", 2025, "target", "1500", "件", "", 4)],
    "huge_and_odd_numbers": [("全市发明专利授权量", 2025, "target", "99999999999999999999999", "件", "", 2),
                             ("专利授权量", 2025, "target", "1,234", "件", "", 2)],
    "control_chars": [("全市发明专利授权量", 2025, "target", "1500", "件", "", 2)],
})
WARNINGS.update({
    "mismatched_year_list": (2, "3 years (2022-2024) but 2 values"),
    "truncated_pipe_table": (5, "does not end with '|' (truncated?)"),
    "truncated_tab_table": (11, "table row has 3 cells, the header has 4"),
    "tab_row_missing_cells": (15, "table row has 2 cells, the header has 4"),
    "pipe_row_missing_cells": (4, "table row has 3 cells, the header has 4"),
    "pipe_row_extra_cells": (4, "cells beyond the header were not read: '2000 | 9'"),
})
# numbers that were stored wrong (issue 10): a sign is kept, an exponent is read, a value too large is a warning
FIGURES.update({
    "number_400_digits": [("专利授权量", 2025, "target", "3000", "件", "", 2)],
    "negative_number": [("全市专利授权量", 2025, "target", "-1500", "件", "", 2),
                        ("商标注册量比上年增长", 2025, "change", "-5", "%", "", 2)],  # a change (issue 11)
    "exponent_numbers": [("专利授权量", 2025, "target", "1.5e3", "件", "", 2)],
    "table_odd_numbers": [("发明专利授权量", 2025, "target", "-1500", "件", "", 4),
                          ("专利授权量", 2025, "target", "1.5e3", "件", "", 5)],
})
WARNINGS.update({
    "number_400_digits": (2, "number too large to store: '9999999999999999999999999999999999999999'…, 400 digits; not read"),
    "exponent_numbers": (2, "number too large to store: '1e308'; not read"),
    "table_odd_numbers": (5, "value '1e308' of '专利授权量' is not a number"),
})


def test_fixture_corpus_is_complete():
    stems = {p.stem for p in MALFORMED.glob("*.txt")}
    assert len(stems) >= 30
    assert stems == set(ERRORS) | set(WARNINGS) | set(FIGURES)


@pytest.fixture(scope="module")
def result(tmp_path_factory: pytest.TempPathFactory):
    """Ingest every malformed file plus one good bundled document in one run."""
    work = tmp_path_factory.mktemp("malformed")
    docs = work / "docs"
    shutil.copytree(MALFORMED, docs)
    shutil.copy2(paths.CORPUS_DIR / f"{GOOD}.txt", docs)
    catalog = work / "catalog.csv"
    catalog.write_text((MALFORMED / "catalog.csv").read_text(encoding="utf-8")
                       + [ln for ln in paths.CATALOG.read_text(encoding="utf-8").splitlines() if ln.startswith(GOOD)][0]
                       + "\n", encoding="utf-8")
    db = work / "w.duckdb"
    proc = run_cli("ingest", str(docs), "--catalog", str(catalog), "--quiet", db=db, timeout=300)
    return proc, db, docs


def _figures(db: Path, stem: str) -> list[tuple]:
    return query(db, """select indicator_label, year, value_kind, raw_value, raw_unit, qualifier, source_line
                        from raw.figures where document_id = ? order by figure_no""", [stem])


def test_run_succeeds_without_traceback_and_good_document_loads(result):
    proc, db, _ = result
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr and "Traceback" not in proc.stdout
    n_ok = len(list(MALFORMED.glob("*.txt"))) - len(ERRORS) + 1
    assert f"documents: {n_ok} loaded, 0 unchanged, {len(ERRORS)} failed" in proc.stderr
    assert query(db, "select region_code, status from raw.documents where document_id = ?", [GOOD]) == [("330100", "draft")]
    assert ("全市每万人高价值发明专利拥有量", 2024, "target", "40", "件", "", 7) in _figures(db, GOOD) or \
        query(db, "select count(*) from raw.figures where document_id = ? and raw_value = '40'", [GOOD])[0][0] >= 1


@pytest.mark.parametrize("stem", sorted(ERRORS))
def test_rejected_file_gets_one_line_error_naming_it(result, stem):
    proc, db, docs = result
    lines = [ln for ln in proc.stderr.splitlines() if ln.startswith(f"error: {docs / stem}.txt: ")]
    assert len(lines) == 1 and ERRORS[stem] in lines[0], proc.stderr
    assert query(db, "select count(*) from raw.documents where document_id = ?", [stem]) == [(0,)]
    assert query(db, "select count(*) from raw.ingest_warnings where document_id is null and file_name = ?",
                 [f"{stem}.txt"]) == [(1,)]


@pytest.mark.parametrize("stem", sorted(WARNINGS))
def test_warning_names_file_and_line(result, stem):
    proc, db, _ = result
    line, message = WARNINGS[stem]
    where = f"{stem}.txt:{line}" if line else f"{stem}.txt"
    assert any(ln.startswith(f"warning: {where}: ") and message in ln for ln in proc.stderr.splitlines()), proc.stderr
    stored = query(db, "select line_no, message from raw.ingest_warnings where document_id = ?", [stem])
    assert any(ln == line and message in msg for ln, msg in stored)


def test_odd_numbers_have_their_true_values_and_nothing_is_infinite(result):
    _, db, _ = result
    assert query(db, "select document_id, value_number from raw.figures where document_id in "
                     "('negative_number', 'exponent_numbers', 'table_odd_numbers') order by all") == [
        ("exponent_numbers", 1500.0), ("negative_number", -1500.0),
        ("negative_number", -5.0),  # '比上年增长-5%': a change (issue 11), its sign kept
        ("table_odd_numbers", -1500.0), ("table_odd_numbers", 1500.0)]
    assert query(db, "select count(*) from raw.figures where not isfinite(value_number)") == [(0,)]
    assert query(db, "select count(*) from raw.figures where indicator_label like '%-' or indicator_label like '%1e'") == [(0,)]


@pytest.mark.parametrize("stem", sorted(FIGURES))
def test_loaded_file_yields_exact_figures(result, stem):
    _, db, _ = result
    assert sorted(_figures(db, stem), key=repr) == sorted(FIGURES[stem], key=repr)


def test_catalog_with_an_empty_document_id_is_a_one_line_warning_with_its_line(tmp_path):
    db = tmp_path / "w.duckdb"
    catalog = MALFORMED / "catalog_blank_id.csv"
    proc = run_cli("ingest", str(paths.CORPUS_DIR / f"{GOOD}.txt"), "--catalog", str(catalog), db=db)
    assert "Traceback" not in proc.stderr
    [line] = [ln for ln in proc.stderr.splitlines() if ln.startswith(("error: ", "warning: "))]
    assert str(catalog) in line and "line 2: empty document_id" in line, proc.stderr


def test_catalog_with_an_empty_document_id_still_loads_the_documents(tmp_path):
    db = tmp_path / "w.duckdb"
    proc = run_cli("ingest", str(paths.CORPUS_DIR / f"{GOOD}.txt"), "--catalog", str(MALFORMED / "catalog_blank_id.csv"), db=db)
    assert proc.returncode == 0 and "1 loaded" in proc.stderr


def test_fifty_megabyte_single_line_file_is_refused_or_parsed_quickly(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    big = docs / "huge_line.txt"
    unit = "杭州市知识产权保护体系持续完善并且不断优化营商环境"
    with open(big, "w", encoding="utf-8") as fh:
        chunk = unit * (1 << 16)
        written = 0
        while written < 50 * 2**20:
            fh.write(chunk)
            written += len(chunk.encode("utf-8"))
    shutil.copy2(paths.CORPUS_DIR / f"{GOOD}.txt", docs)
    db = tmp_path / "w.duckdb"
    proc = run_cli("ingest", str(docs), "--quiet", db=db, timeout=120)  # a bound, not a benchmark: ~5 s on an idle 2-core machine
    assert "Traceback" not in proc.stderr
    assert re.search(r"^(error|warning): .*huge_line\.txt(:1)?: ", proc.stderr, re.M), proc.stderr
    assert query(db, "select count(*) from raw.documents where document_id = ?", [GOOD]) == [(1,)]
