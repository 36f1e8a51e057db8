"""Unknown region codes never break the build: real ingest, dbt build, checks and exports through the CLI."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from ipbench_core import paths
from tests.conftest import query, run_cli

pytestmark = pytest.mark.process  # builds its own warehouse with `ipbench build`: not in `make test-fast`


@pytest.fixture(scope="module")
def unknown_db(ingested_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled corpus plus a catalogued code outside the reference, an ambiguous text and a Gansu county."""
    root = tmp_path_factory.mktemp("unknown_region")
    db = root / "ipbench.duckdb"
    shutil.copy2(ingested_db, db)
    docs = root / "docs"
    docs.mkdir()
    (docs / "gz_bad_code.txt").write_text("广州市知识产权事业发展规划\n\n到2025年，全市发明专利拥有量达到15万件。\n", encoding="utf-8")
    (docs / "tongzhou.txt").write_text("通州区知识产权发展规划\n\n到2025年，全区发明专利拥有量达到5000件。\n", encoding="utf-8")
    (docs / "jingyuan.txt").write_text("靖远县知识产权工作实施方案\n\n到2025年，全县发明专利拥有量达到60件。\n", encoding="utf-8")
    catalog = root / "catalog.csv"
    catalog.write_text("document_id,region_code\ngz_bad_code,440199\n", encoding="utf-8")
    ingest = run_cli("ingest", str(docs), "--catalog", str(catalog), db=db)
    assert ingest.returncode == 0, ingest.stdout + ingest.stderr
    output = (ingest.stdout + ingest.stderr).replace("\n", "")
    assert "region ambiguous: the text names 通州区 (110112), 通州区 (320612)" in output
    run_cli("build", db=db, check=True)
    run_cli("check", db=db, check=True)
    return db


def test_unknown_codes_are_error_findings_naming_document_and_code(unknown_db: Path) -> None:
    rows = query(unknown_db, "select document_ids, severity, region_code, details from mart_quality_findings "
                             "where check_name = 'region_unknown' order by 1")
    assert [(d, s, c) for d, s, c, _ in rows] == [("gz_bad_code", "error", "440199"), ("tongzhou", "error", None)]
    assert "states region code 440199" in rows[0][3] and "its 1 figures are kept" in rows[0][3]
    report = (paths.reports_dir(unknown_db) / "quality_report.html").read_text(encoding="utf-8")
    assert "gz_bad_code states region code 440199" in report


def test_figures_of_unknown_regions_stay_and_known_documents_build_as_before(unknown_db: Path, built_db: Path,
                                                                             tmp_path: Path) -> None:
    kept = query(unknown_db, "select document_id, region_code, value, unit, year, value_kind from fct_indicator_observation "
                             "where document_id in ('gz_bad_code', 'tongzhou') order by document_id")
    assert kept == [("gz_bad_code", "440199", 150000.0, "件", 2025, "target"), ("tongzhou", None, 5000.0, "件", 2025, "target")]
    before = query(built_db, "select count(*) from fct_indicator_value")[0][0]
    after = query(unknown_db, "select count(*) from fct_indicator_value where document_id not in ('gz_bad_code', 'tongzhou', 'jingyuan')")[0][0]
    assert before == after
    out = tmp_path / "observations.csv"
    run_cli("export", "observations", "--out", str(out), db=unknown_db, check=True)
    with open(out, encoding="utf-8") as fh:
        exported = {r["document_id"]: r for r in csv.DictReader(fh)}
    assert exported["gz_bad_code"]["region_code"] == "440199"
    assert (exported["jingyuan"]["region_code"], exported["jingyuan"]["region_level"]) == ("620421", "county")


def test_county_rolls_up_to_city_and_province_in_dim_region(unknown_db: Path) -> None:
    chain = query(unknown_db, """
        select county.name_zh, city.name_zh, province.name_zh, county.province_code
        from dim_region as county
        join dim_region as city on county.parent_code = city.region_code
        join dim_region as province on city.parent_code = province.region_code
        where county.region_code = '620421'""")
    assert chain == [("靖远县", "白银市", "甘肃省", "620000")]
    assert query(unknown_db, "select former_codes from dim_region where region_code = '330105'") == [(["330103"],)]


def test_synth_china_draws_real_codes_and_builds(tmp_path: Path) -> None:
    corpus, db = tmp_path / "corpus", tmp_path / "ipbench.duckdb"
    run_cli("synth", "--out", str(corpus), "--docs", "300", "--seed", "3", "--regions", "china", check=True)
    with open(corpus / "catalog.csv", encoding="utf-8") as fh:
        catalog = list(csv.DictReader(fh))
    with open(paths.REGIONS_SEED, encoding="utf-8") as fh:
        seed = {r["region_code"]: r for r in csv.DictReader(fh)}
    assert all(seed[r["region_code"]]["name_zh"] == r["region_name"] for r in catalog)
    assert len({r["region_code"][:2] for r in catalog}) >= 30  # drawn from every province
    run_cli("ingest", str(corpus), "--catalog", str(corpus / "catalog.csv"), "--quiet", db=db, check=True)
    build = run_cli("build", db=db, check=True)
    assert "WARN=0 ERROR=0" in build.stdout + build.stderr
    run_cli("check", db=db, check=True)
    assert query(db, "select count(*) from mart_quality_findings where check_name = 'region_unknown'") == [(0,)]
