"""A text that states no date of its own takes its year from the file's name (issue: undated 今年 figures)."""

from __future__ import annotations

from ingest.docdate import name_year
from ingest.document import parse_text
from ingest.model import DocumentMeta

HALF_YEAR = "近日，记者从江西省市场监管局了解到，上半年，江西全省新增专利授权26640件，其中发明专利授权4853件。\n"


def _figures(text: str, stem: str) -> list[tuple[str, str, int | None, str]]:
    doc = parse_text(text, DocumentMeta(document_id=stem, metadata_source="inferred"), f"{stem}.txt", "0", "utf-8")
    return [(f.indicator_label, f.raw_value, f.year, f.value_kind) for f in doc.figures]


def test_name_year_reads_one_year_or_a_date_stamp():
    assert name_year("jiangxi-2024h1") == 2024
    assert name_year("t20240810_526844321") == 2024
    assert name_year("ningxia_ip_2024_05_garbled_trad") == 2024
    assert name_year("quanzhou_plan_2024_2026") is None      # two years: no clue
    assert name_year("jiaxing_ip_14th") is None
    assert name_year("scan_120245") is None                   # part of a longer number


def test_undated_half_year_news_takes_the_file_name_year():
    assert ("发明专利授权", "4853", 2024, "actual") in _figures(HALF_YEAR, "jiangxi-2024h1")
    assert ("发明专利授权", "4853", None, "actual") in _figures(HALF_YEAR, "jiangxi-news")


def test_a_date_in_the_text_or_a_later_reported_year_wins_over_the_name():
    dated = "发布日期：2023年08月10日\n" + HALF_YEAR
    assert ("发明专利授权", "4853", 2023, "actual") in _figures(dated, "jiangxi-2024h1")
    later = HALF_YEAR + "2025年全省专利授权达到3万件。\n"
    assert ("发明专利授权", "4853", None, "actual") in _figures(later, "jiangxi-2024h1")


def test_a_last_year_only_text_does_not_take_the_name_year():
    # a file named after the year its figures report: 去年 would be read one year too early
    text = "去年石景山区专利申请达到6313件，同比增长26.4%。\n"
    assert [f[1:] for f in _figures(text, "shijingshan_ip_2019") if f[1] == "6313"] == [("6313", None, "actual")]
