"""The label analyzer end to end: real labels inserted into raw.figures, mapped by a real `ipbench build`."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import duckdb
import pytest

from conftest import query, run_cli
from ingest.labels import indicator_key

pytestmark = pytest.mark.process  # builds its own warehouse with `ipbench build`: not in `make test-fast`

UNMAPPED = None

# Labels as written in real plans (national 14th-FYP IP plan, provincial / city plans, CNIPA
# statistics bulletins, the bundled corpus), each with the metric it must map to or UNMAPPED.
LABELS: dict[str, str | None] = {
    # the national 14th-FYP indicator system
    "每万人口高价值发明专利拥有量（件）": "high_value_invention_patents_per_10k",
    "海外发明专利授权量（件）": "overseas_invention_patent_grants",
    "知识产权质押融资登记金额（亿元）": "ip_pledge_financing",
    "知识产权使用费年进出口总额（亿元）": "ip_royalties_trade",
    "专利密集型产业增加值占GDP比重（%）": "patent_intensive_industry_va_share_gdp",
    "版权产业增加值占GDP比重（%）": "copyright_industry_va_share_gdp",
    "知识产权保护社会满意度（分）": "ip_protection_satisfaction",
    "知识产权民事一审案件服判息诉率（%）": "ip_civil_first_instance_acceptance_rate",
    # the same quantities written differently
    "国内（不含港澳台）每万人口高价值发明专利拥有量": "high_value_invention_patents_per_10k",
    "全省每万人口高价值发明专利拥有量": "high_value_invention_patents_per_10k",
    "每万人拥有高价值发明专利数": "high_value_invention_patents_per_10k",
    "万人高价值发明专利拥有量": "high_value_invention_patents_per_10k",
    "每万人口高价值专利拥有量": "high_value_invention_patents_per_10k",
    "每万人口发明专利拥有量（件）": "invention_patents_per_10k",
    "国内（不含港澳台）每万人口发明专利拥有量": "invention_patents_per_10k",
    "每万人口发明专利拥有量（件/万人）": "invention_patents_per_10k",
    "每万人有效发明专利拥有量": "invention_patents_per_10k",
    "专利密集型产业增加值占地区生产总值比重": "patent_intensive_industry_va_share_gdp",
    "知识产权使用费进出口额": "ip_royalties_trade",
    "知识产权保护满意度": "ip_protection_satisfaction",
    "知识产权质押融资金额（亿元）": "ip_pledge_financing",
    "知识产权质押融资额": "ip_pledge_financing",
    # common provincial / city / county indicators
    "年度发明专利授权总量（件）": "invention_patent_grants",
    "发明专利授权量": "invention_patent_grants",
    "发明专利年授权量": "invention_patent_grants",
    "新增发明专利授权量": "invention_patent_grants",
    "发明专利申请量": "invention_patent_applications",
    "年度PCT国际专利申请量（件）": "pct_applications",
    "PCT国际专利申请量": "pct_applications",
    "PCT专利申请量": "pct_applications",
    "累计PCT国际专利申请量": "pct_applications",
    "专利申请量": "patent_applications",
    "专利授权量": "patent_grants",
    "专利授权总量": "patent_grants",
    "高价值发明专利拥有量（件）": "high_value_invention_patents",
    "有效发明专利拥有量": "valid_invention_patents",
    "发明专利拥有量": "valid_invention_patents",
    "有效发明专利量": "valid_invention_patents",
    "国内发明专利有效量": "valid_invention_patents",
    "有效注册商标量（万件）": "valid_trademarks",
    "有效商标注册量": "valid_trademarks",
    "每百家企业有效注册商标量": "trademarks_per_100_enterprises",
    "每百户企业有效注册商标拥有量（件）": "trademarks_per_100_enterprises",
    "商标注册量": "trademark_registrations",
    "商标申请量": "trademark_applications",
    "马德里商标国际注册总量（件）": "madrid_trademarks",
    "马德里商标国际注册有效量": "madrid_trademarks",
    "中国驰名商标": "well_known_trademarks",
    "驰名商标拥有量": "well_known_trademarks",
    "地理标志（件）": "geographical_indications",
    "地理标志商标总数": "gi_trademarks",
    "地理标志保护产品（个）": "gi_products",
    "地理标志产品数量": "gi_products",
    "版权作品登记量（件）": "copyright_registrations",
    "作品著作权登记量": "copyright_registrations",
    "作品登记量": "copyright_registrations",
    "计算机软件著作权登记量（件）": "software_copyright_registrations",
    "软件著作权登记数量": "software_copyright_registrations",
    "著作权登记总量": "copyright_registrations_incl_software",
    "植物新品种权拥有量": "plant_varieties",
    "集成电路布图设计登记量": "ic_layout_design_registrations",
    "专利转让许可次数": "patent_transfers_licenses",
    "技术合同成交额（亿元）": "technology_contract_turnover",
    "知识产权服务机构数量（家）": "ip_service_agencies",
    "国家知识产权示范企业（家）": "national_ip_demo_enterprises",
    "国家知识产权优势企业（家）": "national_ip_advantage_enterprises",
    "省级以上知识产权示范优势企业": "ip_demo_advantage_enterprises",
    "国家级知识产权保护中心（家）": "national_ip_protection_centers",
    "知识产权贯标企业数": "ip_management_standard_enterprises",
    "知识产权民事一审案件受理数": "ip_civil_first_instance_cases_accepted",
    # narrower scope, other denominators, other measures, or nothing in the registry: unmapped
    "战略性新兴产业有效发明专利拥有量": UNMAPPED,
    "规模以上工业企业有效发明专利数": UNMAPPED,
    "每百户市场主体有效商标拥有量": "valid_trademarks_per_100_market_entities",
    "每万户市场主体商标拥有量": "valid_trademarks_per_10k_market_entities",
    "植物新品种授权量": "plant_variety_grants",
    "海外发明专利申请量": "overseas_invention_patent_applications",
    "实用新型专利授权量": "utility_model_grants",
    "外观设计专利授权量": "design_grants",
    "企业发明专利产业化率": UNMAPPED,
    "专利密集型产业增加值（亿元）": "patent_intensive_industry_value_added",
    "版权产业增加值": "copyright_industry_value_added",
    "知识产权使用费出口额": "ip_royalties_exports",
    "专利质押融资金额": "patent_pledge_financing",
    "技术合同成交额占GDP比重": "technology_contract_turnover_share_gdp",
    "马德里商标国际注册申请量": "madrid_trademark_applications",
    "高价值发明专利占比": UNMAPPED,
    "发明专利授权量占专利授权量比重": UNMAPPED,
    "知识产权保护中心": UNMAPPED,
    "知识产权服务业营业收入": UNMAPPED,
    "集成电路布图设计发证量": "ic_layout_design_certificates",
    "知识产权服务业从业人员数": UNMAPPED,
    "商标国际注册申请量": UNMAPPED,
    # held-out labels: written after the analyzer was first tuned, to measure it (see README)
    "每万人口有效发明专利拥有量（件）": "invention_patents_per_10k",
    "全市每万人口高价值发明专利拥有量（件）": "high_value_invention_patents_per_10k",
    "我省每万人口高价值发明专利拥有量": "high_value_invention_patents_per_10k",
    "年发明专利授权量": "invention_patent_grants",
    "发明专利授权量（万件）": "invention_patent_grants",
    "PCT国际专利年申请量": "pct_applications",
    "有效注册商标总量": "valid_trademarks",
    "注册商标拥有量": "valid_trademarks",
    "地理标志证明商标": "gi_trademarks",
    "著作权登记量": "copyright_registrations_incl_software",
    "计算机软件著作权登记量": "software_copyright_registrations",
    "知识产权质押融资登记额（亿元）": "ip_pledge_financing",
    "专利权质押融资金额": "patent_pledge_financing",
    "海外发明专利授权量（件/年）": "overseas_invention_patent_grants",
    "知识产权使用费进出口总额（亿美元）": "ip_royalties_trade",
    "专利密集型产业增加值占地区生产总值的比重（%）": "patent_intensive_industry_va_share_gdp",
    "知识产权保护社会满意度得分": "ip_protection_satisfaction",
    "战略性新兴产业发明专利授权量": UNMAPPED,
    "高新技术企业有效发明专利拥有量": UNMAPPED,
    "每万人口PCT国际专利申请量": UNMAPPED,
    "商标有效注册量": "valid_trademarks",
    "马德里国际商标注册量": UNMAPPED,
    "植物新品种申请量": "plant_variety_applications",
    "技术市场合同成交额": "technology_contract_turnover",
    "驰名商标数量": "well_known_trademarks",
    "国家知识产权示范企业数量": "national_ip_demo_enterprises",
    "知识产权服务机构（家）": "ip_service_agencies",
    "每万人口高价值发明专利拥有量（件/万人）": "high_value_invention_patents_per_10k",
    "本市每万人口发明专利拥有量": "invention_patents_per_10k",
    "全县发明专利授权量": "invention_patent_grants",
    "年度专利授权量": "patent_grants",
    "专利申请受理量": "patent_applications",
    "发明专利申请受理量": "invention_patent_applications",
    "国际专利（PCT）申请量": "pct_applications",
    "PCT申请量": "pct_applications",
    "有效商标注册量（万件）": "valid_trademarks",
    "每万户市场主体有效商标注册量": "valid_trademarks_per_10k_market_entities",
    "地理标志商标注册量": UNMAPPED,
    "地理标志产品（个）": "gi_products",
    "作品登记总量": "copyright_registrations",
    "软件著作权登记量（件）": "software_copyright_registrations",
    "版权登记量": "copyright_registrations_incl_software",
    "集成电路布图设计登记数": "ic_layout_design_registrations",
    "知识产权质押融资额（亿元）": "ip_pledge_financing",
    "专利商标质押融资金额": "ip_pledge_financing",
    "知识产权使用费年进出口额": "ip_royalties_trade",
    "版权产业增加值占GDP的比重": "copyright_industry_va_share_gdp",
    "知识产权保护社会满意度": "ip_protection_satisfaction",
    "知识产权民事案件一审服判息诉率": "ip_civil_first_instance_acceptance_rate",
    "规上企业发明专利拥有量": UNMAPPED,
    "海外专利授权量": UNMAPPED,
    "国家知识产权优势示范企业": "national_ip_demo_advantage_enterprises",
    "专利代理机构数量": "patent_agencies",
    "知识产权服务机构数": "ip_service_agencies",
    "驰名商标（件）": "well_known_trademarks",
    "马德里商标国际注册量（件）": "madrid_trademarks",
    "有效发明专利（件）": "valid_invention_patents",
    "高价值发明专利（件）": "high_value_invention_patents",
    "每万人口高价值发明专利数（件）": "high_value_invention_patents_per_10k",
    "万人发明专利拥有量": "invention_patents_per_10k",
    "发明专利授权数": "invention_patent_grants",
    "专利授权数量（件）": "patent_grants",
    "商标注册申请量": "trademark_applications",
    "有效注册商标数量（件）": "valid_trademarks",
    "马德里国际商标有效注册量": "madrid_trademarks",
    "地理标志保护产品数（个）": "gi_products",
    "地理标志总数": "geographical_indications",
    "农业植物新品种权（件）": "agricultural_plant_varieties",
    "著作权作品登记量": "copyright_registrations",
    "计算机软件著作权登记数量（件）": "software_copyright_registrations",
    "集成电路布图设计专有权登记量": "ic_layout_design_registrations",
    "知识产权质押融资规模（亿元）": "ip_pledge_financing",
    "专利转让许可数量": "patent_transfers_licenses",
    "技术合同登记成交额": "technology_contract_turnover",
    "专利密集型产业增加值占全市GDP比重": "patent_intensive_industry_va_share_gdp",
    "版权产业增加值占地区生产总值比重": "copyright_industry_va_share_gdp",
    "知识产权使用费进出口总额": "ip_royalties_trade",
    "知识产权民事一审案件服判息诉率": "ip_civil_first_instance_acceptance_rate",
    "高价值发明专利拥有量（万件）": "high_value_invention_patents",
    "海外发明专利授权数": "overseas_invention_patent_grants",
    "战略性新兴产业有效发明专利数": UNMAPPED,
    "每万名就业人员发明专利拥有量": UNMAPPED,
    "每百家企业商标拥有量": "trademarks_per_100_enterprises",
    "国家级知识产权优势企业": "national_ip_advantage_enterprises",
    "知识产权贯标认证企业": "ip_management_standard_enterprises",
    "专利代理机构（家）": "patent_agencies",
    "全区每万人口高价值发明专利拥有量（件）": "high_value_invention_patents_per_10k",
    "每万人口有效高价值发明专利拥有量": "high_value_invention_patents_per_10k",
    "发明专利申请数（件）": "invention_patent_applications",
    "年PCT国际专利申请量": "pct_applications",
    "PCT国际专利申请数量": "pct_applications",
    "商标注册申请总量": "trademark_applications",
    "商标有效注册量（件）": "valid_trademarks",
    "每百户企业商标拥有量": "trademarks_per_100_enterprises",
    "马德里国际注册商标数": "madrid_trademarks",
    "地理标志证明商标（件）": "gi_trademarks",
    "地理标志商标总量": "gi_trademarks",
    "作品著作权登记数": "copyright_registrations",
    "计算机软件著作权年登记量": "software_copyright_registrations",
    "知识产权质押融资年度登记金额": "ip_pledge_financing",
    "知识产权质押融资总额": "ip_pledge_financing",
    "专利权质押登记金额": "patent_pledge_financing",
    "技术合同成交总额": "technology_contract_turnover",
    "知识产权使用费年进出口总额（亿美元）": "ip_royalties_trade",
    "版权产业增加值占全市GDP比重": "copyright_industry_va_share_gdp",
    "知识产权保护公众满意度": "ip_protection_satisfaction",
    "境外发明专利授权量": "overseas_invention_patent_grants",
    "高价值发明专利数（件）": "high_value_invention_patents",
    "每万人口专利授权量": "patent_grants_per_10k",
    "战略性新兴产业发明专利申请量": UNMAPPED,
    "实用新型专利申请量": "utility_model_applications",
    "国家知识产权示范企业和优势企业": "national_ip_demo_advantage_enterprises",
    "专利代理机构数（家）": "patent_agencies",
    "驰名商标数（件）": "well_known_trademarks",
    "植物新品种（件）": UNMAPPED,  # stock, applications or grants: 植物新品种 names no measure,
    # ambiguous or with a word no rule knows: unmapped, never a guess (accept an alias to map them)
    "累计获批地理标志保护产品": UNMAPPED,
    "新增注册商标": UNMAPPED,
    "专利密集型产业增加值占比": UNMAPPED,
    "国际专利申请量": UNMAPPED,
    # issue 12, real-text round: list items ingest completed from the item before them, words of the
    # sentence, abbreviations; the document's own region (四川) is read away, another region is not
    "该省专利授权数量": "patent_grants",
    "共有专利授权": "patent_grants",
    "共有专利": UNMAPPED,  # 共有 is a verb; 专利 without a measure fits applications and grants
    "国家知识产权示范企业总数量": "national_ip_demo_enterprises",
    "国家知识产权优势企业总数量": "national_ip_advantage_enterprises",
    "新增国家知识产权优势企业": "national_ip_advantage_enterprises",  # additions: basis annual (test below)
    "全市高价值发明专利总量": "high_value_invention_patents",
    "有效发明": "valid_invention_patents",
    "发明申请量": "invention_patent_applications",
    "发明授权量": "invention_patent_grants",
    "获得国家发明专利": "invention_patent_grants",
    "获得专利授权": "patent_grants",
    "获得国家专利": UNMAPPED,  # 国家 before 专利 alone keeps its scope (national_level): no metric
    "获得中国驰名商标": UNMAPPED,  # 获得 = grants; well-known trademarks are a stock only
    "今年前7个月专利授权": "patent_grants",
    "全年授权发明专利": "invention_patent_grants",
    "全年注册商标": UNMAPPED,  # registrations or the stock: 注册商标 names no measure
    "四川省累计专利授权量": "patent_grants",
    "云南省累计专利授权量": UNMAPPED,  # another region's figure never lands under this document's region
    "新增有效注册商标": "valid_trademarks",  # additions to the stock: basis annual (test below)
    # issue 23: the CNIPA statistical categories, S&T indicators IP plans carry, 强省/强市 indicators
    "有效专利": "valid_patents",
    "有效专利总量（件）": "valid_patents",
    "外观设计专利申请量": "design_applications",
    "有效实用新型专利量": "valid_utility_models",
    "职务发明专利申请量": "service_invention_patent_applications",
    "非职务专利授权量": "non_service_patent_grants",
    "企业发明专利申请量": "enterprise_invention_patent_applications",
    "高校发明专利授权量": "university_invention_patent_grants",
    "科研院所有效发明专利量": "research_institute_valid_invention_patents",
    "每万人口发明专利授权量（件/万人）": "invention_patent_grants_per_10k",
    "每万人口专利申请量": "patent_applications_per_10k",
    "国外专利(含PCT)申请": "overseas_patent_applications",
    "PCT国际专利申请": "pct_applications",
    "马德里商标国际注册申请": "madrid_trademark_applications",
    "收到马德里商标国际注册申请": "madrid_trademark_applications",
    "马德里国际注册商标数量": "madrid_trademarks",
    "集成电路布图设计登记申请": "ic_layout_design_applications",
    "我国集成电路布图设计登记申请": "ic_layout_design_applications",
    "植物新品种权申请总量": "plant_variety_applications",
    "植物新品种权授权": "plant_variety_grants",
    "审核版权贸易合同": "copyright_trade_contracts",
    "知识产权质押融资笔数": "ip_pledge_transactions",
    "知识产权质押融资项目数": "ip_pledge_transactions",
    "商标质押融资金额": "trademark_pledge_financing",
    "专利转让数量": "patent_transfers",
    "专利实施许可数量": "patent_licenses",
    "知识产权使用费进口额": "ip_royalties_imports",
    "中国专利奖": "china_patent_awards_all",
    "获得中国专利奖": "china_patent_awards_all",
    "中国专利金奖": "china_patent_gold_awards",
    "获得中国专利优秀奖": "china_patent_awards",
    "陕西省专利奖": "provincial_patent_awards",
    "专利代理率": "patent_agency_rate",
    "全省专利代理率": "patent_agency_rate",
    "规模以上工业企业有专利申请的比例": "industrial_enterprises_with_patent_applications_share",
    "全社会R&D经费支出占GDP比重": "rd_intensity",
    "研发经费投入强度": "rd_intensity",
    "研究与试验发展（R&D）经费支出占GDP比重": "rd_intensity",
    "全社会研发经费支出（亿元）": "rd_expenditure",
    "高新技术产业增加值占规上工业增加值比重": "high_tech_industry_va_share_industry",
    "技术市场合同成交金额年增长率": "technology_contract_turnover_growth",
    "技术合同成交项数": "technology_contracts",
    "专利密集型产业增加值占到GDP": "patent_intensive_industry_va_share_gdp",
    "中国全国专利密集型产业增加值": "patent_intensive_industry_value_added",
    "每万人口发明专利": "invention_patents_per_10k",
    # the same words, another quantity: unmapped, never the nearest metric
    "实用新型专利": UNMAPPED,  # applications, grants or the stock
    "知识产权使用费": UNMAPPED,  # trade total, exports or imports
    "专利申请量增长率": UNMAPPED,  # no growth metric for patent applications
    "技术合同": "technology_contract_turnover",  # a growth rate is never a label without 增长
    "海外专利申请量增长率": UNMAPPED,
    "主要农作物品种审定数量": UNMAPPED,  # crop-variety approval (seed law), not plant variety rights
    "以版权为核心的文化产业增加值占GDP比重": UNMAPPED,
    "维持10年以上有效发明专利数": UNMAPPED,
    "高校和科研院所发明专利申请": UNMAPPED,  # two applicant kinds stated together
    "企业知识产权质押融资": UNMAPPED,  # enterprises' pledges: no such scope
    "农产品获得了国家地理标志保护产品认证": "gi_products",
    "我省实现专利权质押融资质押金额": "patent_pledge_financing",
    "办理专利权质押融资登记金额": "patent_pledge_financing",
    "授权实用新型": "utility_model_grants",
    "全区专利合作条约(PCT)申请量": "pct_applications",
    "全年实现专利权质押贷款总额": "patent_pledge_financing",
    "知识产权质押贷款金额": "ip_pledge_financing",
    "全省新注册商标": "trademark_registrations",
    "提交商标申请": "trademark_applications",
    # labels a seed alias names exactly (overrides)
    "专利导航项目": "patent_navigation_projects",
    "知识产权服务业收入年均增幅": "ip_service_revenue_growth",
}

# look-alikes: the two labels of a pair never share a metric
LOOK_ALIKES = [
    ("每万人口高价值发明专利拥有量（件）", "每万人口发明专利拥有量（件）"),
    ("每万人口高价值发明专利拥有量（件）", "高价值发明专利拥有量（件）"),
    ("每万人口发明专利拥有量（件）", "有效发明专利拥有量"),
    ("每百家企业有效注册商标量", "有效注册商标量（万件）"),
    ("每百家企业有效注册商标量", "每百户市场主体有效商标拥有量"),
    ("发明专利授权量", "发明专利申请量"),
    ("专利申请量", "专利授权量"),
    ("海外发明专利授权量（件）", "发明专利授权量"),
    ("海外发明专利授权量（件）", "海外发明专利申请量"),
    ("发明专利授权量", "专利授权量"),
    ("PCT国际专利申请量", "专利申请量"),
    ("有效发明专利拥有量", "战略性新兴产业有效发明专利拥有量"),
    ("商标注册量", "有效注册商标量（万件）"),
    ("商标申请量", "商标注册量"),
    ("马德里商标国际注册有效量", "马德里商标国际注册申请量"),
    ("作品著作权登记量", "计算机软件著作权登记量（件）"),
    ("作品著作权登记量", "著作权登记总量"),
    ("地理标志商标总数", "地理标志保护产品（个）"),
    ("地理标志保护产品（个）", "地理标志（件）"),
    ("专利密集型产业增加值占GDP比重（%）", "专利密集型产业增加值（亿元）"),
    ("专利密集型产业增加值占GDP比重（%）", "版权产业增加值占GDP比重（%）"),
    ("知识产权质押融资登记金额（亿元）", "专利质押融资金额"),
    ("技术合同成交额（亿元）", "技术合同成交额占GDP比重"),
    ("国家知识产权示范企业（家）", "国家知识产权优势企业（家）"),
    ("国家知识产权示范企业（家）", "省级以上知识产权示范优势企业"),
    ("植物新品种权拥有量", "植物新品种授权量"),
    ("知识产权民事一审案件服判息诉率（%）", "知识产权民事一审案件受理数"),
    ("知识产权使用费年进出口总额（亿元）", "知识产权使用费出口额"),
    ("国家级知识产权保护中心（家）", "知识产权保护中心"),
    ("有效发明", "发明授权量"),
    ("发明申请量", "发明授权量"),
    ("获得国家发明专利", "发明专利申请量"),
    ("全市高价值发明专利总量", "每万人口高价值发明专利拥有量（件）"),
    ("国家知识产权示范企业总数量", "国家知识产权优势企业总数量"),
    ("共有专利授权", "发明专利授权量"),
    ("新增有效注册商标", "商标注册量"),
    # issue 23
    ("有效专利", "有效发明专利（件）"),
    ("有效专利", "专利授权量"),
    ("实用新型专利授权量", "实用新型专利申请量"),
    ("外观设计专利授权量", "实用新型专利授权量"),
    ("每万人口专利授权量", "专利授权量"),
    ("每万人口发明专利授权量（件/万人）", "每万人口发明专利拥有量（件）"),
    ("每万人口发明专利授权量（件/万人）", "每万人口专利授权量"),
    ("职务发明专利申请量", "发明专利申请量"),
    ("企业发明专利申请量", "发明专利申请量"),
    ("高校发明专利授权量", "发明专利授权量"),
    ("国外专利(含PCT)申请", "PCT国际专利申请"),
    ("国外专利(含PCT)申请", "专利申请量"),
    ("马德里商标国际注册申请", "马德里国际注册商标数量"),
    ("植物新品种权申请总量", "植物新品种权授权"),
    ("植物新品种权授权", "植物新品种权拥有量"),
    ("集成电路布图设计登记申请", "集成电路布图设计登记量"),
    ("集成电路布图设计发证量", "集成电路布图设计登记量"),
    ("知识产权质押融资笔数", "知识产权质押融资金额（亿元）"),
    ("专利质押融资金额", "商标质押融资金额"),
    ("专利转让数量", "专利转让许可数量"),
    ("专利实施许可数量", "专利转让数量"),
    ("知识产权使用费出口额", "知识产权使用费进口额"),
    ("中国专利奖", "获得中国专利优秀奖"),
    ("中国专利奖", "中国专利金奖"),
    ("陕西省专利奖", "中国专利奖"),
    ("全社会R&D经费支出占GDP比重", "全社会研发经费支出（亿元）"),
    ("技术合同成交额（亿元）", "技术市场合同成交金额年增长率"),
    ("技术合同成交额（亿元）", "技术合同成交项数"),
    ("高新技术产业增加值占规上工业增加值比重", "专利密集型产业增加值占GDP比重（%）"),
    ("专利代理率", "专利代理机构数量"),
    ("规模以上工业企业有专利申请的比例", "规模以上工业企业有效发明专利数"),
    ("每万户市场主体商标拥有量", "每百户市场主体有效商标拥有量"),
    ("每万户市场主体商标拥有量", "有效商标注册量"),
]

# the headline indicator as three provinces write it (the benchmark must show all three)
PROVINCES = [
    ("hubei_test", "420000", "湖北省", "每万人口高价值发明专利拥有量（件）", 4.5, 12.0),
    ("guangdong_test", "440000", "广东省", "全省每万人口高价值发明专利拥有量", 12.4, 19.0),
    ("jiangsu_test", "320000", "江苏省", "每万人拥有高价值发明专利数（件）", 12.6, 18.5),
]
LABEL_DOC = "labels_eval_test"

_FIGURE_SQL = """insert into raw.figures (document_id, figure_no, source_kind, source_line, indicator_label,
    indicator_key, raw_value, value_number, multiplier, raw_unit, year, value_kind, qualifier, source_text)
    values (?, ?, 'table', ?, ?, ?, ?, ?, '', '', ?, ?, '', ?)"""


def _add_document(con: duckdb.DuckDBPyConnection, document_id: str, region_code: str, region_name: str) -> None:
    con.execute(
        """insert into raw.documents (document_id, file_name, sha256, encoding, title, region_code, region_name,
           level, doc_type, status, plan_id, plan_period_start, plan_period_end, metadata_source, n_lines, ingested_at)
           values (?, ?, ?, 'utf-8', ?, ?, ?, 'province', 'plan', 'final', ?, 2021, 2025, 'catalog', 200, ?)""",
        [document_id, f"{document_id}.txt", document_id.ljust(64, "0"), f"{region_name}知识产权“十四五”规划",
         region_code, region_name, f"{document_id}-plan", dt.datetime(2026, 11, 21)],
    )


@pytest.fixture(scope="module")
def labels_db(ingested_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled corpus plus a document stating every test label and three provinces' headline figures, built."""
    db = tmp_path_factory.mktemp("labels") / "ipbench.duckdb"
    shutil.copy2(ingested_db, db)
    with duckdb.connect(str(db)) as con:
        _add_document(con, LABEL_DOC, "510000", "四川省")
        for no, label in enumerate(LABELS, start=1):
            con.execute(_FIGURE_SQL, [LABEL_DOC, no, no, label, indicator_key(label), "1", 1.0, 2025, "target", label])
        for document_id, code, name, label, baseline, target in PROVINCES:
            _add_document(con, document_id, code, name)
            for no, (year, kind, value) in enumerate([(2020, "actual", baseline), (2025, "target", target)], start=1):
                con.execute(_FIGURE_SQL, [document_id, no, 10 + no, label, indicator_key(label), str(value), value,
                                          year, kind, f"{label} | {value}"])
    run_cli("build", db=db, check=True)
    return db


def _mapped(db: Path) -> dict[str, str | None]:
    rows = query(db, "select indicator_label, metric_id from main.fct_indicator_observation where document_id = ?", [LABEL_DOC])
    return dict(rows)


def test_at_least_80_labels_and_20_look_alike_pairs():
    assert len(LABELS) >= 80
    assert len(LOOK_ALIKES) >= 20
    assert all(a in LABELS and b in LABELS for a, b in LOOK_ALIKES)


def test_every_label_maps_to_its_expected_metric(labels_db: Path):
    mapped = _mapped(labels_db)
    wrong = {label: (mapped.get(label), expected) for label, expected in LABELS.items() if mapped.get(label) != expected}
    assert wrong == {}


def test_additions_to_a_stock_are_the_stocks_metric_with_basis_annual(labels_db: Path):
    """README, Metrics: 新增 of a stock (新增有效注册商标) is the stock's metric with basis 'annual' — a
    separate figure in every mart (basis is part of the key), never compared with the stock's level."""
    rows = dict(((label, (metric, basis)) for label, metric, basis in query(labels_db, """select indicator_label,
        metric_id, basis from main.fct_indicator_observation where document_id = ?""", [LABEL_DOC])))
    assert rows["新增有效注册商标"] == ("valid_trademarks", "annual")
    assert rows["新增国家知识产权优势企业"] == ("national_ip_advantage_enterprises", "annual")
    assert rows["国家知识产权优势企业总数量"] == ("national_ip_advantage_enterprises", "stock")
    assert rows["商标有效注册量（件）"] == ("valid_trademarks", "stock")


def test_look_alikes_stay_apart(labels_db: Path):
    mapped = _mapped(labels_db)
    for a, b in LOOK_ALIKES:
        assert mapped[a] is None or mapped[a] != mapped[b], (a, b)


def test_headline_indicator_is_benchmarked_for_every_province(labels_db: Path):
    rows = query(labels_db, """select region_code, baseline_year, baseline_value, target_year, target_value
        from main.mart_region_benchmark where metric_id = 'high_value_invention_patents_per_10k'
        and region_code in ('420000', '440000', '320000') order by region_code""")
    assert rows == [("320000", 2020, 12.6, 2025, 18.5), ("420000", 2020, 4.5, 2025, 12.0),
                    ("440000", 2020, 12.4, 2025, 19.0)]


def test_analyzer_rows_say_which_rule_mapped(labels_db: Path):
    rows = dict(query(labels_db, "select indicator_label, alias_scope from main.int_figures__mapped where document_id = ?",
                      [LABEL_DOC]))
    assert rows["每万人口发明专利拥有量（件）"] == "global"  # an exact seed alias
    assert rows["每万人口高价值发明专利拥有量（件）"] == "analyzer"  # the seed only has 每万人…
    assert rows["全省每万人口高价值发明专利拥有量"] == "analyzer"
    assert rows["战略性新兴产业有效发明专利拥有量"] == "unmapped"


def test_unmapped_label_shows_best_candidate_and_differing_parts(labels_db: Path):
    rows = query(labels_db, """select best_candidate_metric_id, differing_parts, label_scope, label_ip_object
        from main.mart_unmapped_indicators where document_id = ? and indicator_key = ?""",
                 [LABEL_DOC, indicator_key("战略性新兴产业有效发明专利拥有量")])
    assert rows == [("valid_invention_patents", "scope strategic_emerging_industries vs region",
                     "strategic_emerging_industries", "invention_patent")]
    (cand, diff), = query(labels_db, """select best_candidate_metric_id, differing_parts from main.mart_unmapped_indicators
        where document_id = ? and indicator_key = ?""", [LABEL_DOC, indicator_key("地理标志商标注册量")])
    assert (cand, diff) == ("gi_trademarks", "measure registrations vs stock")
    # a label several metrics fit names them all, so the analyst sees which word is missing
    (cand, diff), = query(labels_db, """select best_candidate_metric_id, differing_parts from main.mart_unmapped_indicators
        where document_id = ? and indicator_key = ?""", [LABEL_DOC, indicator_key("植物新品种（件）")])
    assert (cand, diff) == ("plant_varieties", "several metrics fit (plant_varieties, plant_variety_applications, "
                                               "plant_variety_grants); name the measure")
    # a label no metric of its IP object fits gets the metric with the most alike name, as a hint only
    (cand, diff), = query(labels_db, """select best_candidate_metric_id, differing_parts from main.mart_unmapped_indicators
        where document_id = ? and indicator_key = ?""", [LABEL_DOC, indicator_key("知识产权服务业营业收入")])
    assert (cand, diff) == ("ip_service_revenue_growth", "no metric counts an IP object the rules know; unrecognized "
                            "words: 知识产权服务业营业收入; closest name: 知识产权服务业营业收入年均增长率 (mapped by alias only: "
                            "accept the label)")


def test_dim_metric_exposes_unit_and_definitions(labels_db: Path):
    rows = query(labels_db, """select canonical_unit, canonical_unit_full, denominator, ip_object, measure, definition_zh
        from main.dim_metric where metric_id = 'high_value_invention_patents_per_10k'""")
    (unit, unit_full, denominator, ip_object, measure, definition_zh), = rows
    assert (unit, unit_full, denominator, ip_object, measure) == ("件", "件/万人", "per_10k_pop", "high_value_invention_patent", "stock")
    assert definition_zh.startswith("每万名常住人口拥有的有效高价值发明专利件数")
    (n_missing,), = query(labels_db, "select count(*) from main.dim_metric where definition_zh is null or definition_en is null")
    assert n_missing == 0


def test_review_loop_unmapped_then_accept_then_build(labels_db: Path, tmp_path: Path):
    db = tmp_path / "ipbench.duckdb"
    shutil.copy2(labels_db, db)
    listed = run_cli("metrics", "unmapped", "--csv", db=db, check=True)
    rows = {r["label"]: r for r in __import__("csv").DictReader(listed.stdout.splitlines())}
    row = rows["战略性新兴产业有效发明专利拥有量"]
    assert (row["n_figures"], row["n_documents"], row["documents"], row["best_candidate"]) == (
        "1", "1", LABEL_DOC, "valid_invention_patents")
    assert row["differing_parts"] == "scope strategic_emerging_industries vs region"

    bad = run_cli("metrics", "accept", "战略性新兴产业有效发明专利拥有量", "no_such_metric", db=db)
    assert bad.returncode == 1
    assert bad.stderr.strip().splitlines() == ["error: unknown metric_id 'no_such_metric'; list them with `ipbench metrics list`"]

    # a hand-edited bad row is reported with its line and skipped; the good rows still apply
    ok = run_cli("metrics", "accept", "战略性新兴产业有效发明专利拥有量", "valid_invention_patents", db=db, check=True)
    aliases = tmp_path / "user_metric_aliases.csv"
    assert str(aliases) in ok.stderr
    with open(aliases, "a", encoding="utf-8") as fh:
        fh.write("海外专利授权量,made_up_metric,海外专利授权量,\n")
    built = run_cli("build", db=db, check=True)
    assert f"{aliases}:3: unknown metric_id 'made_up_metric'; row skipped" in built.stderr
    mapped = dict(query(db, """select indicator_label, metric_id || '/' || alias_scope from main.int_figures__mapped
        where document_id = ?""", [LABEL_DOC]))
    assert mapped["战略性新兴产业有效发明专利拥有量"] == "valid_invention_patents/user"
    assert mapped["海外专利授权量"] is None
    left = run_cli("metrics", "unmapped", "--csv", db=db, check=True).stdout
    assert "战略性新兴产业有效发明专利拥有量" not in left and "海外专利授权量" in left


def test_metrics_help_has_examples():
    out = run_cli("metrics", "accept", "--help", check=True).stdout
    assert "ipbench metrics accept" in out and "Example" in out
