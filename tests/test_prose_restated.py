"""Label debris of news items (a leading time word, a reporter's attribution) and figures restated on other lines."""

from __future__ import annotations

from ingest.prose import extract_prose


def _rows(lines: list[str], doc_date: str = "2020-04-26") -> list[tuple[str, str, str | None, int | None, int]]:
    figs = extract_prose(lines, set(), (None, None), [], doc_date)
    return [(f.indicator_label, f.raw_value, f.raw_unit, f.year, f.source_line) for f in figs]


def test_a_leading_time_word_and_an_attribution_leave_the_label():
    assert _rows(["去年海淀区专利申请达到8120件"]) == [("海淀区专利申请", "8120", "件", 2019, 1)]
    assert _rows(["4月26日，本报记者从海淀区市场监督管理局了解到2019年海淀区专利申请量达到8120件。"]) == [
        ("海淀区专利申请量", "8120", "件", 2019, 1)]
    assert _rows(["据区知识产权局介绍，2019年海淀区专利授权量为3120件。"]) == [("海淀区专利授权量", "3120", "件", 2019, 1)]


def test_a_part_of_the_year_no_period_records_stays_in_the_label():
    assert _rows(["简讯:黑龙江:今年前7个月专利授权23186件"], "2022-08-10") == [("今年前7个月专利授权", "23186", "件", 2022, 1)]


def test_a_figure_restated_on_another_line_is_a_figure_of_each_line():
    # the shared labelling conventions label a figure stated twice once per statement (headline and body);
    # the marts keep one value per region, metric and year
    lines = ["去年海淀区专利申请达到8120件", "据了解，2019年海淀区专利申请量为8120件，专利授权量2584件。"]
    assert _rows(lines) == [("海淀区专利申请", "8120", "件", 2019, 1), ("海淀区专利申请量", "8120", "件", 2019, 2),
                            ("专利授权量", "2584", "件", 2019, 2)]


def test_equal_values_of_different_indicators_or_small_counts_stay():
    assert _rows(["2019年，发明专利申请1200件。", "2019年，发明专利授权1200件。"]) == [
        ("发明专利申请", "1200", "件", 2019, 1), ("发明专利授权", "1200", "件", 2019, 2)]
    assert _rows(["2019年，海淀区新增国家知识产权示范企业6家。", "2019年，海淀区新增国家知识产权示范企业6家。"]) == [
        ("海淀区新增国家知识产权示范企业", "6", "家", 2019, 1), ("海淀区新增国家知识产权示范企业", "6", "家", 2019, 2)]


def test_the_leader_of_a_comparison_names_the_figure():
    assert _rows(["截至2022年底，全省11市中有效发明专利拥有量最多的是南昌，达到21530件。"], "2023-03-20") == [
        ("南昌有效发明专利拥有量", "21530", "件", 2022, 1)]
    assert _rows(["截至2022年底，全省专利授权量最高的是赣州，为15000件。"], "2023-03-20") == [
        ("赣州专利授权量", "15000", "件", 2022, 1)]
    assert _rows(["截至2022年底，全省有效发明专利拥有量达到21530件。"], "2023-03-20") == [
        ("全省有效发明专利拥有量", "21530", "件", 2022, 1)]


def test_a_crossed_threshold_restating_an_exact_figure_a_line_away_is_dropped():
    exact = "截至2023年4月，全市万人发明专利拥有量为60.8件。"
    assert _rows([exact, "2022年达到57.1件，直至现在首次突破60件。"], "2023-05-10") == [
        ("全市万人发明专利拥有量", "60.8", "件", 2023, 1)]
    # another indicator's threshold of the same unit stays
    assert _rows(["截至2023年4月，全市有效发明专利为8万件。", "2023年，全市商标注册量首次突破6万件。"], "2023-05-10") == [
        ("全市有效发明专利", "8", "万件", 2023, 1), ("全市商标注册量", "6", "万件", 2023, 2)]
