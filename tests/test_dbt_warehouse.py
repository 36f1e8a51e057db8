"""The dbt warehouse built from the bundled corpus: real values, metric mapping, units, basis, precedence."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from conftest import query
from ingest.labels import indicator_key

HV = "high_value_invention_patents_per_10k"
P, HZ, LS, YQ = "330000", "330100", "331100", "330382"
D_LS, D_PD, D_YQ, D_PF, D_HZ = (
    "000_ff7f2218a23fba1b", "001_76172b86cc57f45a", "002_14b18e93690c8172",
    "003_dfee1fc57d637dec", "004_23912eeb5c1d89d5",
)

pytestmark = pytest.mark.slow


def _metric_of(db: Path, document_id: str, label: str) -> set[str | None]:
    # labels are matched the way the aliases are: on ingest's normalized key
    rows = query(db, "select distinct metric_id from main.fct_indicator_observation "
                     "where document_id = ? and indicator_key = ?", [document_id, indicator_key(label)])
    assert rows, f"no figure labelled {label!r} in {document_id}"
    return {r[0] for r in rows}


def test_province_high_value_patents_target_2025_is_17_per_10k(built_db: Path) -> None:
    rows = query(built_db, """
        select value, unit, qualifier, document_id, source_kind, n_observations
        from main.fct_indicator_value
        where region_code = ? and metric_id = ? and year = 2025 and value_kind = 'target' and basis = 'ratio'""",
        [P, HV])
    assert len(rows) == 1
    value, unit, qualifier, document_id, source_kind, n_obs = rows[0]
    assert (value, unit, qualifier) == (17.0, "件", "")
    # the final plan's table wins over its prose and over the draft's prose (all say 17)
    assert (document_id, source_kind) == (D_PF, "table")
    assert n_obs >= 3


def test_benchmark_shows_province_hangzhou_lishui_yueqing_side_by_side(built_db: Path) -> None:
    rows = query(built_db, """
        select region_code, region_level, baseline_year, baseline_value, target_year, target_value,
               target_qualifier, cagr, parent_target_value, ratio_to_parent, target_document_id
        from main.mart_region_benchmark where metric_id = ? and basis = 'ratio' order by region_code""", [HV])
    got = {r[0]: r[1:] for r in rows}
    assert set(got) == {P, HZ, YQ, LS}
    level, by, bv, ty, tv, q, cagr, ptv, rtp, tdoc = got[P]
    assert (level, by, bv, ty, tv, tdoc) == ("province", 2020, 11.1, 2025, 17.0, D_PF)
    assert math.isclose(cagr, (17 / 11.1) ** (1 / 5) - 1, rel_tol=1e-9)
    assert ptv is None and rtp is None
    level, by, bv, ty, tv, q, cagr, ptv, rtp, tdoc = got[LS]
    assert (level, by, bv, ty, tv, tdoc) == ("city", 2020, 2.4, 2025, 4.0, D_LS)
    assert math.isclose(cagr, (4 / 2.4) ** (1 / 5) - 1, rel_tol=1e-9)
    assert ptv == 17.0 and math.isclose(rtp, 4 / 17)
    # Hangzhou's draft states only a 2024 target; no baseline
    level, by, bv, ty, tv, q, cagr, ptv, rtp, tdoc = got[HZ]
    assert (level, by, bv, ty, tv, cagr, tdoc) == ("city", None, None, 2024, 40.0, None, D_HZ)
    # Yueqing: annex targets 2022-2024 (7 / 7.5 / 7.8), prose 不低于7.8 for the pilot period -> latest is 2025
    level, by, bv, ty, tv, q, cagr, ptv, rtp, tdoc = got[YQ]
    assert (level, by, bv, ty, tv, q, tdoc) == ("county", None, None, 2025, 7.8, ">=", D_YQ)


def test_yueqing_annex_targets_by_year(built_db: Path) -> None:
    rows = query(built_db, """
        select year, value from main.fct_indicator_value
        where region_code = ? and metric_id = ? and value_kind = 'target' order by year""", [YQ, HV])
    assert rows == [(2022, 7.0), (2023, 7.5), (2024, 7.8), (2025, 7.8)]


def test_wan_jian_and_jian_come_out_equal(built_db: Path) -> None:
    rows = query(built_db, """
        select document_id, source_kind, raw_value, raw_unit, value, unit, metric_id
        from main.fct_indicator_observation
        where region_code = ? and metric_id = 'copyright_registrations' and year = 2020 and value_kind = 'actual'
        order by document_id, source_kind""", [P])
    # 003 table 1 (实际完成值 2.5 万件), 003 table 2 (2020年实现值 2.5 万件), 001 and 003 prose (年登记量达2.5万件)
    assert {(r[0], r[1]) for r in rows} == {(D_PD, "prose"), (D_PF, "prose"), (D_PF, "table")}
    assert all(r[2:6] == ("2.5", "万件", 25000.0, "件") for r in rows)
    # Yueqing: 有效注册商标量达到11万件 (prose) and 110000 件 (annex, 2024) are the same number of 件
    prose = query(built_db, """select value, unit from main.fct_indicator_observation
        where document_id = ? and metric_id = 'valid_trademarks' and raw_unit = '万件'""", [D_YQ])
    table = query(built_db, """select value, unit from main.fct_indicator_observation
        where document_id = ? and metric_id = 'valid_trademarks' and year = 2024 and source_kind = 'table'""", [D_YQ])
    assert prose == table == [(110000.0, "件")]


def test_money_in_wan_yuan_becomes_yi_yuan(built_db: Path) -> None:
    rows = query(built_db, """select raw_value, raw_unit, value, unit from main.fct_indicator_observation
        where document_id = ? and indicator_key = '罚款金额'""", [D_LS])
    assert len(rows) == 1 and rows[0][:2] == ("567.9", "万元") and rows[0][3] == "亿元"
    assert math.isclose(rows[0][2], 0.05679)


@pytest.mark.parametrize(("metric_id", "labelled"), [
    ("geographical_indications", [(D_LS, "地理标志数量"), (D_PF, "地理标志有效量"), (D_PF, "有效地理标志"), (D_PD, "有效地理标志")]),
    (HV, [(D_LS, "每万人高价值发明专利拥有量（件）"), (D_PF, "每万人高价值发明专利拥有量(件)"), (D_YQ, "每万人高价值发明专利拥有量（件）"),
          (D_HZ, "每万人高价值发明专利拥有量"), (D_PD, "全省每万人高价值发明专利拥有量")]),
    ("ip_pledge_financing", [(D_PF, "知识产权质押融资金额(亿元)"), (D_PF, "质押贷款额"), (D_LS, "知识产权质押融资登记额（亿元）"),
                             (D_YQ, "知识产权质押融资授信额（亿元）"), (D_HZ, "知识产权质押融资金额")]),
    ("overseas_invention_patent_grants", [(D_LS, "海外发明专利授权量（件）"), (D_PF, "海外发明专利授权量(件)"), (D_HZ, "海外发明专利授权量")]),
    ("madrid_trademarks", [(D_LS, "马德里国际注册商标拥有量（件）"), (D_PF, "马德里国际注册商标拥有量(件)"), (D_HZ, "马德里商标注册量")]),
    ("valid_trademarks", [(D_PF, "有效注册商标量(万件)"), (D_LS, "有效注册商标数"), (D_YQ, "有效注册商标量累计（件）")]),
    ("trademarks_per_100_enterprises", [(D_PF, "每百家企业有效注册商标量"), (D_HZ, "每百户企业有效注册商标拥有量")]),
    ("trademark_brand_service_stations", [(D_PF, "商标品牌指导服务站(家)"), (D_LS, "省级商标品牌指导服务站（家）"), (D_HZ, "省级商标品牌指导服务站"),
                                          (D_YQ, "浙江省品牌指导服务站（家）")]),
    ("copyright_registrations", [(D_LS, "作品著作权登记量（件）"), (D_PF, "作品著作权登记量(万件)"), (D_PD, "作品著作权年登记量")]),
    ("ip_management_standard_enterprises", [(D_LS, "知识产权贯标企业（家）"), (D_HZ, "知识产权贯标企业"), (D_YQ, "新增贯标企业（家）")]),
    ("technology_contract_turnover", [(D_PF, "技术市场成交额"), (D_LS, "技术合同交易总额（亿元）")]),
])
def test_same_quantity_gets_one_metric_across_documents(built_db: Path, metric_id: str, labelled: list[tuple[str, str]]) -> None:
    for document_id, label in labelled:
        assert _metric_of(built_db, document_id, label) == {metric_id}, (document_id, label)


def test_different_definitions_stay_apart(built_db: Path) -> None:
    assert _metric_of(built_db, D_PF, "每万人发明专利拥有量") == {"invention_patents_per_10k"}
    assert _metric_of(built_db, D_LS, "每万人有效发明专利拥有量（当年）") == {"invention_patents_per_10k"}
    assert _metric_of(built_db, D_PF, "有效发明专利数量(万件)") == {"valid_invention_patents"}
    assert _metric_of(built_db, D_PF, "三大重大产业有效发明专利数量(万件)") == {"valid_invention_patents_three_major_industries"}
    assert _metric_of(built_db, D_LS, "五大集群产业有效发明专利拥有量（件）") == {"valid_invention_patents_five_clusters"}
    assert _metric_of(built_db, D_YQ, "计算机软件等版权登记量（件）") == {"copyright_registrations_incl_software"}
    ids = {r[0] for r in query(built_db, "select metric_id from main.dim_metric")}
    assert {HV, "invention_patents_per_10k", "valid_invention_patents",
            "valid_invention_patents_three_major_industries", "valid_invention_patents_five_clusters"} <= ids


def test_every_indicator_table_figure_is_mapped(built_db: Path) -> None:
    rows = query(built_db, """select document_id, indicator_label from main.fct_indicator_observation
        where source_kind = 'table' and metric_id is null""")
    assert rows == []


def test_unmapped_indicators_are_listed_not_dropped(built_db: Path) -> None:
    unmapped = query(built_db, "select document_id, indicator_key, n_figures, first_line from main.mart_unmapped_indicators")
    keys = {(d, k) for d, k, _, _ in unmapped}
    # criteria and narrative statistics are deliberately not metrics
    assert (D_HZ, "年主营业收入") in keys
    assert (D_LS, "会员企业") in keys
    assert not any(k == "每万人高价值发明专利拥有量" for _, k in keys)
    (n_unmapped,) = query(built_db, "select count(*) from main.fct_indicator_observation where metric_id is null")[0]
    assert sum(n for _, _, n, _ in unmapped) == n_unmapped
    (n_obs,) = query(built_db, "select count(*) from main.fct_indicator_observation")[0]
    (n_raw,) = query(built_db, "select count(*) from raw.figures")[0]
    assert n_obs == n_raw  # every figure is kept


def test_final_outranks_draft_of_the_same_plan(built_db: Path) -> None:
    rows = query(built_db, """select document_id, value, is_authoritative, outranked_by
        from main.fct_indicator_observation
        where region_code = ? and metric_id = 'forestry_plant_varieties' and year = 2020 and value_kind = 'actual'
        order by document_id""", [P])
    assert [(d, v, a) for d, v, a, _ in rows] == [(D_PD, 236.0, False), (D_PF, 263.0, True)]
    assert rows[0][3].startswith(D_PF + "#") and rows[1][3] is None
    (value,) = query(built_db, """select value from main.fct_indicator_value where region_code = ?
        and metric_id = 'geographical_indications' and year = 2020 and value_kind = 'actual' and basis = 'stock'""", [P])[0]
    assert value == 376.0  # the final's 376, not the draft's 240


def test_basis_is_inferred_from_remarks_labels_and_periods(built_db: Path) -> None:
    def basis(document_id: str, label: str, year: int) -> set[str]:
        return {r[0] for r in query(built_db, """select distinct basis from main.fct_indicator_observation
            where document_id = ? and indicator_key = ? and year = ?""", [document_id, indicator_key(label), year])}

    assert basis(D_LS, "知识产权质押融资登记额（亿元）", 2025) == {"cumulative"}   # 备注: 累计, a flow
    assert basis(D_LS, "地理标志数量（件）", 2025) == {"stock"}                  # 备注: 累计, a stock
    assert basis(D_LS, "作品著作权登记量（件）", 2025) == {"annual"}              # 备注: 当年度
    assert basis(D_PF, "知识产权质押融资金额(亿元)", 2025) == {"annual"}         # a flow without remark
    assert basis(D_YQ, "全市发明专利授权量", 2025) == {"cumulative"}             # 试点期内 950 件
    assert basis(D_YQ, "发明专利授权量（件）", 2024) == {"annual"}
    assert basis(D_PF, "知识产权示范县(市、区)覆盖率(%)", 2025) == {"ratio"}


def test_dimensions(built_db: Path) -> None:
    assert query(built_db, "select count(*) from main.dim_region")[0][0] == 3218  # every unit of China (issue 9) and the country (issue 22)
    assert query(built_db, "select count(*) from main.dim_region where region_code like '33%'")[0][0] == 102
    assert query(built_db, "select count(*) from main.dim_region where level = 'province'")[0][0] == 34
    assert query(built_db, "select name_zh, parent_code, population_2020 from main.dim_region where region_code = ?",
                 [YQ]) == [("乐清市", "330300", query(built_db, "select population_2020 from main.regions where region_code = ?", [YQ])[0][0])]
    docs = dict(query(built_db, "select document_id, n_indicator_tables from main.dim_document"))
    assert docs == {D_LS: 2, D_PD: 0, D_YQ: 1, D_PF: 2, D_HZ: 0}
    cats = dict(query(built_db, "select category, min(category_zh) from main.dim_metric group by 1"))
    assert cats == {"creation": "创造", "utilization": "运用", "protection": "保护", "management": "管理", "service": "服务"}
