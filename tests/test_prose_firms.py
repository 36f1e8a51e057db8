"""A firm's figures in a regional text: the clauses after the one naming the firm are the firm's too."""

from __future__ import annotations

from ingest.prose import extract_prose


def _rows(line: str) -> list[tuple[str, str, str | None, int | None]]:
    figs = extract_prose([line], set(), (None, None), [], "2024-07-08")
    return [(f.indicator_label, f.raw_value, f.raw_unit, f.year) for f in figs]


def test_clauses_after_a_firm_up_to_a_semicolon_are_the_firms():
    line = ("今年以来，甘肃陇原科技有限公司以专利质押取得贷款800万元，获贴息补助24万元、保险补助0.5万元；"
            "全省专利质押融资总额达到12亿元。")
    assert _rows(line) == [("全省专利质押融资总额", "12", "亿元", 2024)]


def test_the_region_speaking_of_itself_ends_the_firms_passage():
    line = "今年以来，兰州新材料有限公司取得贷款500万元，全市知识产权质押融资额达到3亿元。"
    assert _rows(line) == [("全市知识产权质押融资额", "3", "亿元", 2024)]


def test_an_ellipsis_ends_the_firms_passage():
    line = "今年以来，兰州新材料有限公司取得贷款500万元......当日，省知识产权局公布了补助企业名单，有46家企业获补助。"
    assert _rows(line) == [("企业获补助", "46", "家", 2024)]
