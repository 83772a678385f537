"""Build the shipped catalog seed: departments.json and categories.json.

Provenance of the seed data. Chengdu's public-data operation platform supplied "40 government
departments, 457 data categories, about 165 million records" (shared/seed/chengdu-model.zh.txt).
The real catalog is not public, so this script states a plausible one explicitly:

- DEPARTMENTS: 40 real Chengdu municipal departments (official Chinese and English names).
- FIELD_TABLE / FIELD_GROUPS: reusable column definitions that the categories pick from.
- CATEGORIES: per department, hand-written catalog entries (政务数据资源目录条目).
- A small generator fills in what is not hand-written: record counts (jittered from a hand-given
  magnitude; the categories of a million records or more are scaled together so the total is
  ~165 million, while a few well-known registries keep their real size), dates, formats and the
  descriptions (built from each entry's record phrase, source system, fields and use).

Run with `python3 build_seed.py`; output is deterministic (random.Random(2026)) and is written
next to this file.
"""

import datetime as dt
import json
import random
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED = 2026
TARGET_RECORDS = 165_000_000  # "约1.65亿条数据"

# Openness (开放属性) and security grade (分级, GB/T 43697-2024) are written as a two-letter code in
# the tables: first letter openness, second letter grade, e.g. "Cg" = conditional / general.
OPENNESS = {"U": "unconditional", "C": "conditional", "X": "closed"}
GRADE = {"g": "general", "i": "important", "k": "core"}

THEMES = {
    "credit": ("信用服务", "Credit services"),
    "health": ("医疗卫生", "Health"),
    "social_security": ("社保就业", "Social security and employment"),
    "transport": ("交通运输", "Transport"),
    "market": ("市场监管", "Market regulation"),
    "education": ("教育服务", "Education"),
    "culture_tourism": ("文化旅游", "Culture and tourism"),
    "public_safety": ("公共安全", "Public safety"),
    "urban_housing": ("城建住房", "Urban development and housing"),
    "environment": ("生态环境", "Ecology and environment"),
    "agriculture": ("农业农村", "Agriculture and rural affairs"),
    "finance_tax": ("财税金融", "Finance and taxation"),
    "industry": ("工业经济", "Industry and economy"),
    "commerce": ("商贸流通", "Commerce and trade"),
    "science": ("科技创新", "Science and innovation"),
    "civil_affairs": ("民政服务", "Civil affairs"),
    "resources_energy": ("资源能源", "Resources and energy"),
    "weather": ("气象服务", "Weather"),
    "legal": ("法律服务", "Legal services"),
    "government_services": ("政务服务", "Government services"),
}

FREQUENCY_PHRASE = {
    "realtime": ("实时", "in real time"),
    "daily": ("按日", "daily"),
    "weekly": ("按周", "weekly"),
    "monthly": ("按月", "monthly"),
    "quarterly": ("按季度", "quarterly"),
    "yearly": ("按年", "yearly"),
    "irregular": ("不定期", "irregularly"),
}

# What a category is typically used for, referenced by key from the category tables.
USES = {
    "verify": ("企业身份核验、征信服务和尽职调查",
               "enterprise verification, credit reporting and due diligence"),
    "credit": ("信用评估、风险控制和普惠金融授信",
               "credit assessment, risk control and inclusive lending"),
    "compliance": ("合规审查、供应商准入和风险预警",
                   "compliance checks, supplier vetting and risk alerts"),
    "market": ("市场分析、商业选址和消费研究",
               "market analysis, retail site selection and consumer research"),
    "food": ("食品安全追溯、消费提示和供应商准入",
             "food-safety traceability, consumer alerts and supplier vetting"),
    "ip": ("知识产权运营、品牌保护和投融资尽调",
           "IP management, brand protection and investment due diligence"),
    "mobility": ("出行服务、交通规划和导航应用",
                 "travel services, transport planning and navigation apps"),
    "insurance": ("保险定价、核保理赔和风险评估",
                  "insurance pricing, underwriting, claims checks and risk assessment"),
    "safety": ("安全风险评估、应急管理和保险精算",
               "safety risk assessment, emergency management and actuarial work"),
    "health": ("健康服务、医疗资源分析和就医导航",
               "health services, healthcare-resource analysis and patient navigation"),
    "hr": ("人力资源服务、就业分析和背景核验",
           "HR services, labour-market analysis and background checks"),
    "edu": ("教育服务、学位供需分析和升学咨询",
            "education services, school-place analysis and admissions advice"),
    "env": ("环境质量分析、环保合规和健康出行提示",
            "environmental analysis, compliance monitoring and health advisories"),
    "agri": ("农业生产服务、农产品流通和涉农金融",
             "farm services, produce distribution and rural finance"),
    "tourism": ("文旅服务、客流分析和行程规划",
                "tourism services, visitor-flow analysis and trip planning"),
    "realestate": ("房产估值、按揭风控和房地产市场研究",
                   "property valuation, mortgage risk control and housing-market research"),
    "weather": ("气象服务、农业保险和能源负荷预测",
                "weather services, crop insurance and energy-load forecasting"),
    "stats": ("经济分析、行业研究和决策支持",
              "economic analysis, industry research and decision support"),
    "legal": ("法律服务、纠纷化解和合规咨询",
              "legal services, dispute resolution and compliance advice"),
    "gov": ("政务服务优化、办事指引和效能分析",
            "improving government services, service guides and performance analysis"),
    "invest": ("招商引资、产业链分析和投资决策",
               "investment attraction, supply-chain analysis and investment decisions"),
    "trade": ("外贸服务、物流规划和供应链金融",
              "foreign-trade services, logistics planning and supply-chain finance"),
    "tender": ("投标商机发现、供应商分析和履约监督",
               "finding bid opportunities, supplier analysis and contract monitoring"),
    "welfare": ("社会救助精准识别、养老服务和公益项目",
                "targeted social assistance, elderly-care services and charity projects"),
    "tax": ("税务合规、银税互动融资和供应链风控",
            "tax compliance, tax-credit-based lending and supply-chain risk control"),
    "science": ("科技成果转化、创新能力评估和科技金融",
                "technology transfer, innovation assessment and technology finance"),
    "energy": ("能耗分析、产业运行监测和绿色金融",
               "energy-use analysis, industrial monitoring and green finance"),
    "water": ("供排水服务、防汛调度和水资源管理",
              "water-supply services, flood control and water-resource management"),
    "city": ("城市运行管理、市政设施维护和便民服务",
             "city operations, municipal facility maintenance and public services"),
    "planning": ("城市规划、选址分析和空间开发研究",
                 "urban planning, site selection and spatial development research"),
    "internal": ("部门间共享和依法授权的核验比对,不向社会开放",
                 "inter-departmental sharing and lawful verification only; not open to the public"),
}

AREAS = {
    "all": ("成都市全域", "All of Chengdu"),
    "central": ("中心城区", "Central urban districts of Chengdu"),
    "urban": ("中心城区及郊区新城", "Central and suburban districts of Chengdu"),
    "rural": ("成都市涉农区(市)县", "Agricultural districts and counties of Chengdu"),
    "ports": ("成都双流、天府国际机场及青白江铁路港",
              "Chengdu Shuangliu and Tianfu airports and Qingbaijiang rail port"),
}

# code, name_zh, name_en, short_name_zh, short_name_en, source system (zh, en)
DEPARTMENTS = [
    ("FGW", "成都市发展和改革委员会", "Chengdu Municipal Development and Reform Commission",
     "市发改委", "Development and Reform", "信用成都及发展改革业务系统",
     "Credit Chengdu and development-and-reform systems"),
    ("JXJ", "成都市经济和信息化局", "Chengdu Municipal Bureau of Economy and Information Technology",
     "市经信局", "Economy and IT", "工业经济运行监测平台", "industrial economy monitoring platform"),
    ("JYJ", "成都市教育局", "Chengdu Municipal Education Bureau",
     "市教育局", "Education", "教育管理信息系统", "education management information system"),
    ("KJJ", "成都市科学技术局", "Chengdu Municipal Bureau of Science and Technology",
     "市科技局", "Science and Technology", "科技项目与创新主体管理系统",
     "science programme and innovation entity management system"),
    ("GAJ", "成都市公安局", "Chengdu Municipal Public Security Bureau",
     "市公安局", "Public Security", "公安综合业务系统", "integrated public security information system"),
    ("MZJ", "成都市民政局", "Chengdu Municipal Civil Affairs Bureau",
     "市民政局", "Civil Affairs", "民政业务综合信息平台", "civil affairs information platform"),
    ("SFJ", "成都市司法局", "Chengdu Municipal Bureau of Justice",
     "市司法局", "Justice", "公共法律服务管理平台", "public legal services platform"),
    ("CZJ", "成都市财政局", "Chengdu Municipal Finance Bureau",
     "市财政局", "Finance", "预算管理一体化系统", "integrated budget management system"),
    ("RSJ", "成都市人力资源和社会保障局", "Chengdu Municipal Human Resources and Social Security Bureau",
     "市人社局", "Human Resources and Social Security", "人社一体化信息平台",
     "integrated human resources and social security platform"),
    ("GHZYJ", "成都市规划和自然资源局", "Chengdu Municipal Bureau of Planning and Natural Resources",
     "市规划和自然资源局", "Planning and Natural Resources", "国土空间基础信息平台",
     "territorial spatial information platform"),
    ("STHJJ", "成都市生态环境局", "Chengdu Municipal Ecology and Environment Bureau",
     "市生态环境局", "Ecology and Environment", "生态环境监测监控平台",
     "environmental monitoring platform"),
    ("ZJJ", "成都市住房和城乡建设局", "Chengdu Municipal Housing and Urban-Rural Development Bureau",
     "市住建局", "Housing and Urban-Rural Development", "住房和城乡建设业务管理平台",
     "housing and construction administration platform"),
    ("CGW", "成都市城市管理委员会", "Chengdu Municipal Urban Management Commission",
     "市城管委", "Urban Management", "数字化城市管理平台", "digital city management platform"),
    ("JTYSJ", "成都市交通运输局", "Chengdu Municipal Transport Bureau",
     "市交通运输局", "Transport", "智慧交通综合管理平台", "intelligent transport management platform"),
    ("SSWJ", "成都市水务局", "Chengdu Municipal Water Authority",
     "市水务局", "Water Affairs", "智慧水务管理平台", "smart water management platform"),
    ("NYNCJ", "成都市农业农村局", "Chengdu Municipal Bureau of Agriculture and Rural Affairs",
     "市农业农村局", "Agriculture and Rural Affairs", "农业农村大数据平台",
     "agriculture and rural big-data platform"),
    ("SWJ", "成都市商务局", "Chengdu Municipal Bureau of Commerce",
     "市商务局", "Commerce", "商务运行监测系统", "commerce monitoring system"),
    ("WGLJ", "成都市文化广电旅游局", "Chengdu Municipal Bureau of Culture, Radio, Television and Tourism",
     "市文广旅局", "Culture, Broadcasting and Tourism", "文旅行业监管与服务平台",
     "culture and tourism supervision and service platform"),
    ("WJW", "成都市卫生健康委员会", "Chengdu Municipal Health Commission",
     "市卫健委", "Health", "全民健康信息平台", "population health information platform"),
    ("TYJRJ", "成都市退役军人事务局", "Chengdu Municipal Bureau of Veterans Affairs",
     "市退役军人局", "Veterans Affairs", "退役军人信息管理系统", "veterans information system"),
    ("YJJ", "成都市应急管理局", "Chengdu Municipal Emergency Management Bureau",
     "市应急局", "Emergency Management", "应急管理综合应用平台", "emergency management platform"),
    ("SJJ", "成都市审计局", "Chengdu Municipal Audit Bureau",
     "市审计局", "Audit", "审计管理系统", "audit management system"),
    ("GZW", "成都市人民政府国有资产监督管理委员会",
     "State-owned Assets Supervision and Administration Commission of Chengdu Municipal People's Government",
     "市国资委", "State-owned Assets", "国资国企在线监管平台",
     "online state-owned assets supervision platform"),
    ("SCJGJ", "成都市市场监督管理局", "Chengdu Municipal Administration for Market Regulation",
     "市市场监管局", "Market Regulation", "市场监管综合业务平台", "market regulation platform"),
    ("TYJ", "成都市体育局", "Chengdu Municipal Sports Bureau",
     "市体育局", "Sports", "体育公共服务平台", "public sports services platform"),
    ("TJJ", "成都市统计局", "Chengdu Municipal Bureau of Statistics",
     "市统计局", "Statistics", "统计联网直报平台", "online statistical reporting platform"),
    ("YBJ", "成都市医疗保障局", "Chengdu Municipal Healthcare Security Administration",
     "市医保局", "Healthcare Security", "医疗保障信息平台", "healthcare security information platform"),
    ("GJJZX", "成都住房公积金管理中心", "Chengdu Housing Provident Fund Management Center",
     "市公积金中心", "Housing Provident Fund", "住房公积金综合业务系统",
     "housing provident fund business system"),
    ("GYCSJ", "成都市公园城市建设管理局", "Chengdu Park City Construction and Management Bureau",
     "市公园城市局", "Park City", "公园城市智慧管理平台", "park city management platform"),
    ("XJJW", "成都市新经济发展委员会", "Chengdu New Economy Development Commission",
     "市新经济委", "New Economy", "新经济企业服务平台", "new economy enterprise service platform"),
    ("KAWLB", "成都市口岸与物流办公室", "Chengdu Port and Logistics Office",
     "市口岸物流办", "Port and Logistics", "口岸物流运行监测系统", "port and logistics monitoring system"),
    ("CDSWJ", "国家税务总局成都市税务局", "Chengdu Municipal Tax Service, State Taxation Administration",
     "市税务局", "Taxation", "金税工程税收征管系统", "Golden Tax collection and administration system"),
    ("QXJ", "成都市气象局", "Chengdu Meteorological Bureau",
     "市气象局", "Meteorology", "气象综合业务系统", "integrated meteorological operations system"),
    ("TCJ", "成都市投资促进局", "Chengdu Municipal Investment Promotion Bureau",
     "市投促局", "Investment Promotion", "投资促进项目管理系统", "investment promotion project system"),
    ("MZW", "成都市民族宗教事务委员会", "Chengdu Municipal Ethnic and Religious Affairs Commission",
     "市民宗委", "Ethnic and Religious Affairs", "民族宗教事务管理系统",
     "ethnic and religious affairs system"),
    ("CJRLH", "成都市残疾人联合会", "Chengdu Disabled Persons' Federation",
     "市残联", "Disabled Persons' Federation", "残疾人服务管理系统", "disability services system"),
    ("JRJGJ", "成都市地方金融监督管理局", "Chengdu Local Financial Supervision and Administration Bureau",
     "市金融监管局", "Local Financial Supervision", "地方金融监管信息平台",
     "local financial supervision platform"),
    ("BDCDJ", "成都市不动产登记中心", "Chengdu Real Estate Registration Center",
     "市不动产登记中心", "Real Estate Registration", "不动产登记信息管理平台",
     "real estate registration platform"),
    ("XFJYZD", "成都市消防救援支队", "Chengdu Fire and Rescue Detachment",
     "市消防救援支队", "Fire and Rescue", "消防监督管理系统", "fire supervision system"),
    ("GGZYJY", "成都市公共资源交易服务中心", "Chengdu Public Resources Trading Service Center",
     "市公共资源交易中心", "Public Resources Trading", "公共资源电子交易系统",
     "electronic public resources trading system"),
]

# Column definitions shared by all categories: "key | 中文标签 | English label | type".
# The type column is omitted where the key's suffix says it (see field_type below):
# *_date/_from/_to/_start/_end -> date, *_at/_time -> datetime, *_year -> integer, *_count -> integer,
# is_*/has_* -> boolean, units such as _m2/_km/_wan/_pct/_t -> decimal, geom -> geometry, else string.
FIELD_TABLE = """
a_grade | A级等级 | A rating
a_rating | 物流企业等级 | Logistics rating (A to 5A)
abstraction_point | 取水地点 | Abstraction point
accept_date | 受理日期 | Date accepted
accept_time | 受理时间 | Time accepted
accessible | 是否无障碍 | Wheelchair accessible | boolean
accident_no | 事故编号 | Accident number
accident_type | 事故形态 | Accident type
account_no_masked | 账号(脱敏) | Account number (masked)
account_status | 账户状态 | Account status
account_type | 用户类型 | Account type
achievement_name | 成果名称 | Result title
achievement_no | 成果登记号 | Result registration number
acquire_date | 取得日期 | Date acquired
activated_count | 激活人数 | Activations | integer
activity_type | 活动种类 | Activity type
ad_media | 发布媒介 | Advertising medium
ad_summary | 广告内容摘要 | Advertisement summary
ad_type | 广告类型 | Advertising type
address | 地址 | Address
address_code | 地址编码 | Address code
admission_batch | 录取批次 | Admission batch
admissions | 入院人数 | Admissions | integer
advance_type | 预告登记类型 | Advance registration type
advertiser_name | 广告主名称 | Advertiser
affected_population | 受灾人口 | Affected population | integer
affected_workers | 涉及劳动者人数 | Workers affected | integer
affiliation | 隶属单位 | Affiliation
after_content | 变更后内容 | Value after change
age | 年龄 | Age | integer
age_0_17 | 0-17岁人口 | Population aged 0-17 | integer
age_18_59 | 18-59岁人口 | Population aged 18-59 | integer
age_60_plus | 60岁及以上人口 | Population aged 60 and over | integer
age_band | 年龄段 | Age band
age_range | 招收月龄范围 | Age range accepted
agency_name | 旅行社名称 | Travel agency
agreed_volume | 约定采购量 | Agreed volume | integer
aid_provider | 承办机构 | Aid provider
airline | 承运航空公司 | Airline
airport | 机场 | Airport
alert_date | 预警日期 | Alert date
alert_id | 预警编号 | Alert ID
allergy_history | 过敏史 | Allergy history
allocation_date | 配租日期 | Allocation date
allocation_no | 配租编号 | Allocation number
allowance_month | 发放月份 | Payment month
allowed_categories | 允许经营品类 | Permitted goods
altitude_m | 海拔高度(米) | Altitude (m)
ammonia_n | 氨氮(mg/L) | Ammonia nitrogen (mg/L) | decimal
ammonia_out | 出水氨氮(mg/L) | Effluent ammonia nitrogen (mg/L) | decimal
amount | 金额(元) | Amount (CNY) | decimal
amount_100m | 金额(亿元) | Amount (CNY 100 million)
amount_band | 融资金额区间 | Amount band
amount_claimed | 请求金额(元) | Amount claimed (CNY) | decimal
amount_excl_tax | 不含税金额(元) | Amount excluding tax (CNY) | decimal
amount_involved | 涉案金额(元) | Amount involved (CNY) | decimal
amount_involved_wan | 涉及金额(万元) | Amount involved (CNY 10,000)
amount_paid | 实缴金额(元) | Amount paid (CNY) | decimal
amount_raised | 募集金额(元) | Amount raised (CNY) | decimal
amount_recovered | 追回金额(元) | Amount recovered (CNY) | decimal
amount_usd | 金额(美元) | Amount (USD)
animal_type | 动物种类 | Animal species
announce_date | 公告日期 | Announcement date
announcement_no | 公告编号 | Announcement number
annual_capacity_m3 | 年产能(立方米) | Annual capacity (m³)
annual_energy_tce | 年综合能耗(吨标煤) | Annual energy use (tce)
annual_investment | 年度计划投资(万元) | Planned investment this year (CNY 10,000) | decimal
annual_revenue_band | 年营业收入区间 | Annual revenue band
annual_volume_m3 | 年取水量(立方米) | Annual volume (m³)
applicable_industries | 适用行业 | Applicable industries
applicant_address | 申请人地址 | Applicant address
applicant_name | 申请人 | Applicant
applicant_type | 申请人类型 | Applicant type
application_count | 受理量 | Applications | integer
application_date | 申请日期 | Application date
apply_channel | 申请渠道 | Application channel
apply_date | 申请日期 | Application date
appraisal_categories | 鉴定业务类别 | Appraisal categories
appraiser_count | 鉴定人数量 | Number of appraisers | integer
approval_date | 批准日期 | Approval date
approval_no | 批准文号 | Approval number
approval_status | 审批状态 | Approval status
approved_amount | 授信金额(万元) | Amount approved (CNY 10,000) | decimal
aqi | 空气质量指数 | Air quality index (AQI) | integer
area_ha | 面积(公顷) | Area (ha)
area_km2 | 面积(平方公里) | Area (km²)
area_m2 | 面积(平方米) | Area (m²)
area_mu | 面积(亩) | Area (mu)
area_name | 保护地名称 | Protected area name
arrears_amount | 欠缴(欠税)金额(元) | Amount in arrears (CNY) | decimal
arrears_months | 欠缴月数 | Months in arrears | integer
asset_category | 资产分类 | Asset category
asset_liability_ratio | 资产负债率(%) | Debt-to-asset ratio (%) | decimal
asset_name | 资产名称 | Asset name
asset_no | 资产编号 | Asset number
asset_type | 资产类型 | Asset type
assistance_type | 保障类别 | Assistance category
audit_date | 审计日期 | Audit date
audit_type | 审计类型 | Audit type
audited_amount_wan | 审定金额(万元) | Audited amount (CNY 10,000)
audited_entity | 被审计单位 | Audited entity
authorised_users | 核准使用企业数 | Authorised users | integer
avg_price | 平均价格(元/公斤) | Average price (CNY/kg) | decimal
avg_processing_days | 平均办理天数 | Average processing days | decimal
avg_speed | 平均车速(km/h) | Average speed (km/h) | decimal
avg_ticket | 客单价(元) | Average ticket (CNY) | decimal
avg_trip_minutes | 平均骑行时长(分钟) | Average trip duration (min) | decimal
award_date | 中标日期 | Award date
balance | 余额(元) | Balance (CNY) | decimal
balance_wan | 结余(万元) | Balance (CNY 10,000)
band | 频段 | Frequency band
bank_name | 银行 | Bank
base_far | 基准容积率 | Reference floor area ratio | decimal
batch_name | 采购批次 | Procurement batch
bed_count | 床位数 | Beds | integer
before_content | 变更前内容 | Value before change
benchmark_price_yuan_m2 | 基准地价(元/平方米) | Benchmark price (CNY/m²) | decimal
benefit_end | 待遇终止日期 | Benefit end date
benefit_month | 待遇月份 | Benefit month
benefit_start | 待遇开始日期 | Benefit start date
berth_id | 泊位编号 | Space ID
berth_type | 泊位类型 | Space type
bid_deadline | 投标截止时间 | Bid deadline | datetime
bid_price | 投标报价(元) | Bid price (CNY) | decimal
bikes_deployed | 投放车辆数 | Bikes deployed | integer
bill_amount | 应缴水费(元) | Bill amount (CNY) | decimal
birth_date | 出生日期 | Date of birth
birth_institution | 助产机构 | Place of birth (institution)
birth_weight_g | 出生体重(克) | Birth weight (g) | integer
birth_year | 出生年份 | Year of birth
births | 出生人数 | Births | integer
births_per_1000 | 出生率(‰) | Birth rate (per 1,000) | decimal
bmi | 体重指数 | Body mass index | decimal
bond_code | 债券代码 | Bond code
bond_name | 债券名称 | Bond name
bond_type | 债券类型 | Bond type
booking_method | 预约方式 | Booking method
borrower_id_masked | 借款人证件号(脱敏) | Borrower ID (masked)
brand | 品牌 | Brand
brand_model | 品牌型号 | Make and model
brand_name | 字号品牌 | Brand name
breed | 犬种 | Breed
budget_type | 预算类型 | Budget type
budget_wan | 预算金额(万元) | Budget (CNY 10,000)
build_date | 建成日期 | Date built
build_location | 建设地点 | Project location
build_year | 建成年份 | Year built
builder_name | 建设单位 | Project owner
building_area_m2 | 建筑面积(平方米) | Floor area (m²)
building_count | 楼栋数 | Number of buildings | integer
building_density | 建筑密度(%) | Building coverage (%) | decimal
building_height_m | 建筑高度(米) | Building height (m)
building_name | 建筑名称 | Building name
building_no | 楼栋号 | Building number
built_era | 建造年代 | Construction period
built_year | 建成年份 | Year built
business_area | 经营区域 | Operating area
business_category | 经营类目 | Business category
business_form | 组成形式 | Form of organisation
business_hours | 经营时间 | Business hours
business_items | 经营项目 | Business items
business_mode | 经营方式 | Business mode
business_premises | 经营场所 | Business premises
business_scope | 经营范围 | Business scope
business_segment | 业务领域 | Business segment
business_type | 业务类型 | Business type
buyer_name | 受让方 | Buyer
call_count | 接警量 | Calls | integer
call_time | 呼救时间 | Call time
campaign_end | 募捐结束日期 | Campaign end date
campaign_name | 活动名称 | Campaign name
campaign_start | 募捐开始日期 | Campaign start date
candidate_count | 考生人数 | Candidates | integer
capacity | 托位数/容量 | Capacity | integer
capacity_10k_m3 | 库容(万立方米) | Storage capacity (10,000 m³) | decimal
capacity_m3 | 库容(立方米) | Capacity (m³)
capacity_persons | 可容纳人数 | Capacity (persons) | integer
card_no_masked | 卡号(脱敏) | Card number (masked)
card_status | 卡状态 | Card status
card_type | 卡类型 | Card type
care_level | 护理等级 | Care level
care_mode | 护理方式 | Care mode
care_provider | 护理服务机构 | Care provider
cargo_category | 货物品类 | Cargo category
cargo_t | 货运量(吨) | Cargo (t)
carrier | 运营商 | Carrier
carrier_name | 载体名称 | Site name
carrier_type | 载体类型 | Site type
case_category | 案件类别 | Case category
case_count | 办件量 | Cases | integer
case_no | 案件编号 | Case number
case_source | 案件来源 | Case source
case_status | 案件状态 | Case status
case_type | 案件类型 | Case type
cases | 发病数 | Cases | integer
catchment_description | 划片范围描述 | Catchment description
category | 商品类别 | Category
cert_date | 证书日期 | Certificate date
cert_issue_date | 发证日期 | Date of issue
cert_no | 证书编号 | Certificate number
cert_no_masked | 证书编号(脱敏) | Certificate number (masked)
certified_date | 认定日期 | Date certified
certified_inst | 认定机构 | Certifying institution
chain_segment | 产业链环节 | Chain segment
change_date | 变更日期 | Date of change
change_item | 变更事项 | Item changed
channel | 渠道 | Channel
charging_hours | 收费时段 | Charging hours
check_in_time | 入住时间 | Check-in time
check_out_time | 退房时间 | Check-out time
chemical_name | 化学品名称 | Chemical name
chemical_scope | 经营品种范围 | Chemicals covered
chief_pharmacist | 质量负责人(执业药师) | Licensed pharmacist in charge
child_category | 儿童类别 | Child category
child_count | 在园幼儿数 | Children enrolled | integer
chronic_conditions | 慢性病情况 | Chronic conditions
claims_count | 理赔人次 | Claims | integer
claims_paid_wan | 理赔金额(万元) | Claims paid (CNY 10,000)
class_count | 班级数 | Classes | integer
class_name | 班级 | Class
clinic_name | 接种门诊 | Vaccination clinic
clinical_departments | 诊疗科目 | Clinical departments
close_date | 办结日期 | Date closed
closed_at | 结案时间 | Closed at
closed_date | 结案日期 | Date closed
clue_no | 线索编号 | Lead number
co | 一氧化碳(mg/m³) | CO (mg/m³) | decimal
co2_emissions_t | 二氧化碳排放量(吨) | CO₂ emissions (t)
coach_count | 教练人数 | Coaches | integer
coal_t | 煤炭消费量(吨) | Coal use (t)
cod_in | 进水COD(mg/L) | Influent COD (mg/L) | decimal
cod_out | 出水COD(mg/L) | Effluent COD (mg/L) | decimal
codmn | 高锰酸盐指数(mg/L) | Permanganate index (mg/L) | decimal
collected_t | 收运量(吨) | Collected (t)
collector_name | 收运单位 | Collection contractor
column_label | 列标题 | Column label
committee_name | 调解委员会 | Mediation committee
commodity_category | 商品类别 | Commodity category
commodity_class | 商品大类 | Commodity class
community_code | 社区代码 | Community code
community_name | 社区(村)名称 | Community name
community_type | 社区类型 | Community type
company_name | 经营企业 | Operating company
company_type | 企业类别 | Company type
complaint_category | 投诉类别 | Complaint category
complaint_type | 诉求类型 | Complaint type
completing_org | 完成单位 | Completing organisation
completion_date | 竣工日期 | Completion date
completion_year | 建成年份 | Year completed
compound_id | 小区编号 | Compound ID
compound_name | 小区名称 | Residential compound
condition_grade | 技术状况等级 | Condition grade
congestion_index | 拥堵指数 | Congestion index | decimal
contact_org | 联系单位 | Contact organisation
container_teu | 集装箱数(标箱) | Containers (TEU) | integer
contract_amount | 合同金额(元) | Contract value (CNY) | decimal
contract_amount_usd | 新签合同额(美元) | New contracts (USD)
contract_id | 签约编号 | Contract ID
contract_no | 合同编号 | Contract number
contract_no_masked | 承包合同编号(脱敏) | Contract number (masked)
contract_price | 合同价格(万元) | Contract price (CNY 10,000) | decimal
contract_start | 合同起始日期 | Contract start date
contract_term_end | 承包期限届满日 | Contract term end
contract_type | 合同类型 | Contract type
contract_valid_to | 合同有效期至 | Contract valid until
contractor_name | 施工单位 | Contractor
contractor_name_masked | 承包方代表(脱敏) | Contractor (masked)
contribution_base_band | 缴费基数档次 | Contribution base band
contribution_date | 出资日期 | Contribution date
contribution_method | 出资方式 | Form of contribution
contribution_period | 费款所属期 | Contribution period
contribution_rate | 缴存比例(%) | Contribution rate (%) | decimal
contributor_count | 缴存人数 | Contributing employees | integer
control_mode | 控制方式 | Control mode
control_type | 管制方式 | Control type
coop_name | 合作社名称 | Cooperative name
correction_type | 矫正类别 | Correction type
country | 国别 | Country
coupon_rate | 票面利率(%) | Coupon rate (%) | decimal
court_name | 执行法院 | Enforcing court
credit_grade | 纳税信用等级 | Tax credit grade
credit_level | 信用等级 | Credit level
credit_score | 信用分值 | Credit score | decimal
cremation_date | 火化日期 | Cremation date
crop_name | 作物 | Crop
curtailment_kw | 压减负荷(千瓦) | Curtailed load (kW)
cutoff_score | 录取最低分 | Cut-off score | decimal
cycle_points | 本周期累积记分 | Points this cycle | integer
daily_output_kg | 日产生量(公斤) | Daily output (kg)
dbh_cm | 胸径(厘米) | Trunk diameter at breast height (cm)
deadline | 报名截止日期 | Application deadline | date
deal_amount | 成交金额(元) | Contract value (CNY) | decimal
deal_date | 成交日期 | Transaction date
deal_no | 交易编号 | Transaction number
deal_price | 成交价(元) | Transaction price (CNY) | decimal
death_date | 死亡日期 | Date of death
deaths | 死亡人数 | Deaths | integer
deaths_per_1000 | 死亡率(‰) | Death rate (per 1,000) | decimal
debt_amount | 被担保主债权数额(元) | Secured debt (CNY) | decimal
deceased_id_masked | 逝者证件号(脱敏) | ID of the deceased (masked)
decision_date | 决定日期 | Decision date
decision_org | 决定机关 | Deciding authority
decision_type | 决定类型 | Decision type
declare_year | 申报年度 | Declaration year
demand_org | 场景需求单位 | Requesting organisation
department | 就诊科室 | Department
departure_date | 发车日期 | Departure date
departure_station | 始发站 | Departure station
departures_per_day | 日发班次 | Departures per day | integer
deposit_amount | 交存金额(元) | Amount deposited (CNY) | decimal
depot_level | 库点级别 | Depot level
depot_name | 库点名称 | Depot name
dereg_date | 注销日期 | Deregistration date
dereg_reason | 注销原因 | Reason for deregistration
design_capacity_m3d | 设计规模(立方米/日) | Design capacity (m³/day)
design_quantity_t | 设计储量(吨) | Design quantity (t)
designation_date | 定点日期 | Date designated
designation_year | 划定年份 | Year designated | integer
desired_job | 求职意向 | Desired job
desired_salary | 期望月薪 | Desired monthly salary
destination | 目的地 | Destination
destination_city | 目的城市 | Destination city
destination_hospital | 送往医院 | Receiving hospital
detour_advice | 绕行建议 | Detour advice
determination_date | 认定日期 | Determination date
determination_result | 认定结论 | Determination result
determined_date | 认定日期 | Date determined
developer_name | 开发企业 | Developer
device_id | 设备编号 | Device ID
device_type | 设备类型 | Device type
diagnosis_code | 主要诊断编码(ICD-10) | Principal diagnosis (ICD-10)
direct_loss_wan | 直接经济损失(万元) | Direct loss (CNY 10,000)
direction | 方向 | Direction
disability_category | 残疾类别 | Disability category
disability_grade | 残疾等级 | Disability grade
disability_level | 失能等级 | Disability level
disabled_employees | 安排残疾人数 | Disabled employees | integer
disaster_type | 灾害种类 | Disaster type
disbursement_date | 放款日期 | Disbursement date
discharge_date | 退役日期 | Discharge date
discharge_type | 排水类别 | Discharge type
discharges | 出院人数 | Discharges | integer
discount_terms | 优惠内容 | Discount terms
disease_name | 病种 | Disease
dishonest_behaviour | 失信行为情形 | Dishonest behaviour
dispatch_no | 调度编号 | Dispatch number
dispatch_station | 出车急救站 | Dispatching station
dispersion_level | 污染扩散条件等级 | Dispersion condition level
dispute_type | 纠纷类型 | Dispute type
dissolved_oxygen | 溶解氧(mg/L) | Dissolved oxygen (mg/L) | decimal
distance_km | 里程(公里) | Distance (km)
district | 区(市)县 | District or county
district_name | 商圈名称 | Shopping district
division_code | 区划代码 | Division code
doc_no | 文号 | Document number
doc_title | 标题 | Title
doc_type | 文件类型 | Document type
document_type | 证件类型 | Document type
dog_colour | 毛色 | Coat colour
dog_sex | 犬只性别 | Sex of dog
dog_tag_no | 犬牌号 | Dog tag number
dominant_species | 优势树种 | Dominant species
dosage_form | 剂型 | Dosage form
dose_no | 剂次 | Dose number | integer
driver_qualified | 驾驶人资格合格 | Driver qualified | boolean
dropoff_lat | 下车纬度 | Drop-off latitude | decimal
dropoff_lng | 下车经度 | Drop-off longitude | decimal
dropoff_time | 下车时间 | Drop-off time
drug_category | 药品分类 | Drug category
drug_code | 药品编码 | Drug code
dual_channel | 双通道药店 | Dual-channel pharmacy | boolean
economic_loss_wan | 直接经济损失(万元) | Economic loss (CNY 10,000)
education | 学历 | Education
education_required | 学历要求 | Education required
effective_date | 生效日期 | Effective date
eia_type | 环评类别 | EIA category
electricity_kwh | 电力消费量(千瓦时) | Electricity use (kWh)
emergency_visits | 急诊人次 | Emergency visits | integer
employee_band | 从业人员规模 | Workforce size band
employee_count | 从业人数 | Employees | integer
employee_count_band | 从业人员规模 | Workforce size band
employee_count_disclosed | 从业人数(公示) | Employees (disclosed)
employer_name | 用人单位 | Employer
enable_date | 启用日期 | Date enabled
encounter_id | 就诊编号 | Encounter ID
encounter_type | 就诊类型 | Encounter type
end_date | 结束日期 | End date
end_stake | 止点桩号 | End chainage
end_time | 结束时间 | End time
ended_at | 作业结束时间 | Ended at
energy_intensity | 单位产值能耗(吨标煤/万元) | Energy intensity (tce per CNY 10,000) | decimal
energy_per_output | 单位能耗产出(万元/吨标煤) | Output per unit energy (CNY 10,000/tce) | decimal
enforcement_type | 执法类型 | Enforcement type
enrolled_count | 参保人数 | Enrolled | integer
enrolment_capacity | 招生规模 | Enrolment capacity | integer
enrolment_date | 入学日期 | Enrolment date
enrolment_plan | 招生计划数 | Planned intake | integer
ent_name | 企业名称 | Enterprise name
ent_type | 企业类型 | Enterprise type
enterprise_count | 入驻企业数 | Resident enterprises | integer
entitled_category | 优抚类别 | Entitlement category
entity_type | 机构类型 | Entity type
entries | 进站人次 | Entries | integer
equipment_code | 设备注册代码 | Equipment registration code
equipment_count | 器材数量 | Pieces of equipment | integer
equipment_investment | 设备投资(万元) | Equipment investment (CNY 10,000) | decimal
equipment_model | 设备型号 | Equipment model
equipment_summary | 主要装备 | Main equipment
equipment_type | 设备类别 | Equipment type
era | 年代 | Period
est_date | 成立日期 | Date of establishment
ethnicity | 民族 | Ethnicity
ev_charging_spaces | 充电车位数 | EV charging spaces | integer
eval_date | 评价日期 | Evaluation date
eval_grade | 评价等级 | Evaluation grade
eval_org | 评价机构 | Evaluating body
eval_period | 评价周期 | Evaluation period
eval_year | 评价年度 | Evaluation year
event_id | 事件编号 | Event ID
event_level | 赛事级别 | Event level
event_name | 赛事名称 | Event name
exam_year | 考试年份 | Exam year
exceeds_limit | 是否超标 | Exceeds limit | boolean
excellent_rate | 优秀率(%) | Distinction rate (%) | decimal
exchange | 上市板块 | Exchange and board
exclusive_valid_to | 专用权期限 | Exclusive right expires
exit_count | 出入口数 | Exits | integer
exits | 出站人次 | Exits | integer
expected_participants | 预计参赛人数 | Expected participants | integer
expenditure_wan | 支出(万元) | Expenditure (CNY 10,000)
expert_id | 专家编号 | Expert ID
expertise_field | 专业领域 | Field of expertise
exposed_workers | 接触人数 | Workers exposed | integer
facilities | 配套设施 | Facilities
facilities_open | 开放场地 | Facilities open
facility_id | 设施编号 | Facility ID
facility_name | 设施名称 | Facility name
facility_type | 设施类型 | Facility type
family_doctor | 签约家庭医生团队 | Family doctor team
far_range | 容积率区间 | Floor area ratio range
fare | 票价/车费(元) | Fare (CNY) | decimal
farm_id | 养殖场编号 | Farm ID
farm_name | 农场名称 | Farm name
fast_pile_count | 快充桩数 | Fast chargers | integer
feature_class | 要素类别 | Feature class
feature_id | 要素编号 | Feature ID
feature_name | 要素名称 | Feature name
fee_standard | 收费标准 | Charges
female_births | 女婴数 | Female births | integer
female_count | 女性人数 | Female | integer
file_format | 文件格式 | File format
file_url | 文件地址 | File URL
filed_date | 立案日期 | Date filed
filing_date | 备案日期 | Filing date
filing_no | 备案编号 | Filing number
filing_type | 备案类型 | Filing type
fine_amount | 罚款金额(元) | Fine (CNY) | decimal
finish_time | 办结时间 | Completed at
fire_cause | 起火原因 | Cause of fire
fire_safety_manager_masked | 消防安全管理人(脱敏) | Fire safety manager (masked)
firm_name | 执业机构 | Law firm
firm_type | 组织形式 | Firm type
first_departure | 首班时间 | First departure
first_insured_date | 首次参保日期 | First insured on
first_issue_date | 初次领证日期 | First issued on
first_licence_date | 首次执业日期 | First licensed on
first_reg_date | 初次登记日期 | First registered on
fiscal_share | 财政性经费占比(%) | Public funding share (%) | decimal
fiscal_year | 财政年度 | Fiscal year
flood_standard | 防洪标准 | Flood protection standard
floor_area_m2 | 建筑面积(平方米) | Floor area (m²)
floor_area_ratio | 容积率 | Floor area ratio | decimal
flow_m3s | 流量(立方米/秒) | Flow (m³/s)
food_category | 食品类别 | Food category
footfall | 客流量(人次) | Footfall | integer
forecast_aqi_range | 预报AQI范围 | Forecast AQI range
forecast_date | 预报日期 | Forecast date
forest_type | 林地类型 | Forest type
found_at | 发现时间 | Found at
found_date | 发现日期 | Date found
founded_year | 创立年份 | Year founded
founding_org | 举办单位 | Founding organisation
free_admission | 是否免费开放 | Free admission | boolean
free_spaces | 空余泊位数 | Free spaces | integer
fuel_type | 燃料种类 | Fuel type
function_class | 功能分类科目 | Functional classification
functional_zone | 声环境功能区 | Noise zone
fund_account_no | 单位公积金账号 | Employer fund account
fund_paid | 基金支付(元) | Paid by the fund (CNY) | decimal
funding_amount | 资助金额(万元) | Funding (CNY 10,000) | decimal
fundraising_qualification | 公开募捐资格 | Public fundraising status
funeral_home | 殡仪馆 | Funeral home
gas_m3 | 天然气消费量(立方米) | Natural gas use (m³)
gas_type | 燃气种类 | Gas type
gender | 性别 | Sex
generic_name | 药品通用名 | Generic name
geom | 空间范围 | Geometry | geometry
gi_name | 地理标志名称 | Geographical indication
grade | 年级 | Grade
grade_rating | 等级评定 | Grade
grain_types | 储存品种 | Grains stored
grant_date | 授权公告日 | Grant date
green_ratio | 绿地率(%) | Green space ratio (%) | decimal
green_type | 绿色制造类别 | Green manufacturing type
greenway_level | 绿道等级 | Greenway level
greenway_name | 绿道名称 | Greenway name
growth_pct | 同比增速(%) | Year-on-year growth (%)
guardian_status | 监护情况 | Guardianship status
guide_cert_no_masked | 导游证号(脱敏) | Guide licence number (masked)
guide_level | 导游等级 | Guide grade
hall_name | 办税服务厅名称 | Tax service hall
handling_result | 处理结果 | Outcome
handling_status | 处理状态 | Handling status
handling_unit | 办理单位 | Handling unit
has_shelter | 是否有候车亭 | Has shelter
hazard_factor | 职业病危害因素 | Occupational hazard
hazard_grade | 危险源等级 | Hazard grade
hazard_id | 危险源编号 | Hazard ID
hazard_level | 隐患等级 | Hazard level
hazard_type | 隐患类型 | Hazard type
headcount | 招聘人数 | Positions | integer
heading | 方向角 | Heading (degrees) | integer
health_record_no | 健康档案号 | Health record number
height_cm | 身高(厘米) | Height (cm)
height_limit_m | 建筑限高(米) | Height limit (m)
height_m | 树高(米) | Height (m)
heritage_level | 非遗级别 | Heritage level
holder_id_masked | 权利人证件号(脱敏) | Holder ID (masked)
holder_name | 权利人 | Holder
holder_name_masked | 权利人姓名(脱敏) | Holder name (masked)
holiday_name | 节假日 | Holiday
homestay_name | 民宿名称 | Homestay name
hospital_grade | 医院等级 | Hospital grade
host_org | 依托单位 | Host organisation
host_species | 寄主树种 | Host species
hotel_name | 旅馆名称 | Hotel name
hour | 时段 | Hour | integer
house_no | 门牌号 | House number
house_usage | 房屋用途 | Property use
household_count | 户数 | Households | integer
household_id | 家庭编号 | Household ID
household_no | 户号 | Household number
hukou_address | 户籍地址 | Registered address
hukou_type | 户口性质 | Hukou type
hydrant_id | 消火栓编号 | Hydrant ID
hydrant_type | 消火栓类型 | Hydrant type
id_number_masked | 公民身份号码(脱敏) | Citizen ID number (masked)
incidence_per_100k | 发病率(1/10万) | Incidence (per 100,000) | decimal
incident_category | 警情类别 | Incident category
incident_id | 火灾编号 | Incident ID
incident_type | 事件类型 | Incident type
income_total | 收入额合计(元) | Total income (CNY) | decimal
index_mom | 环比指数 | Month-on-month index | decimal
index_yoy | 同比指数 | Year-on-year index | decimal
indicator_name | 指标名称 | Indicator
industry | 行业 | Industry
industry_category | 行业类别 | Industry category
industry_chain | 产业链 | Industrial chain
industry_code | 国民经济行业代码 | Industry code (GB/T 4754)
industry_name | 行业名称 | Industry
industry_risk_class | 行业风险类别 | Industry risk class
infested_area_mu | 发生面积(亩) | Infested area (mu)
influent_m3 | 处理水量(立方米) | Volume treated (m³)
injuries | 受伤人数 | Injuries | integer
injury_date | 受伤日期 | Date of injury
injury_type | 伤害类型 | Injury type
inspection_date | 检验日期 | Inspection date
inspection_no | 检查编号 | Inspection number
inspection_org | 检验机构 | Inspection body
inspection_result | 检验(检查)结论 | Inspection result
inspection_valid_to | 检验有效期至 | Inspection valid until
inst_category | 机构类别 | Institution category
inst_code | 机构编码 | Institution code
inst_name | 医疗机构名称 | Medical institution
install_address | 安装地点 | Installation address
install_date | 安装日期 | Installation date
install_year | 建设年份 | Year installed
instructor_level | 指导员等级 | Instructor grade
instrument_name | 器具名称 | Instrument
instrument_no | 出厂编号 | Serial number
instrument_value | 仪器原值(万元) | Instrument value (CNY 10,000) | decimal
insurance_type | 险种 | Insurance scheme
insured_headcount | 参保人数 | Insured employees | integer
insured_id_masked | 参保人证件号(脱敏) | Insured person ID (masked)
insured_status | 参保状态 | Enrolment status
insured_types | 参保险种 | Schemes enrolled
interest_rate | 贷款利率(%) | Interest rate (%) | decimal
intersection_id | 路口编号 | Intersection ID
intersection_name | 路口名称 | Intersection name
inventors | 发明人 | Inventors
investment_amount_100m | 投资额(亿元) | Investment (CNY 100 million)
investment_category | 投资类别 | Investment category
investment_type | 投资方式 | Investment type
investment_wan | 投资额(万元) | Investment (CNY 10,000)
investor_country | 投资方国别 | Investor country
investor_name | 出资人 | Investor
investor_names | 投资机构 | Investors
invoice_count | 开票份数 | Invoices | integer
invoice_type | 发票种类 | Invoice type
ipc_class | 国际专利分类号 | IPC class
is_chain_leader | 是否链主企业 | Chain leader
is_compliant | 是否达标 | Compliant
is_inclusive | 是否普惠性幼儿园 | Affordable (inclusive) kindergarten
issue_amount | 发行金额(亿元) | Amount issued (CNY 100 million) | decimal
issue_category | 问题类别 | Issue category
issue_date | 发证日期 | Date of issue
issue_id | 问题编号 | Issue ID
issued_at | 发布时间 | Issued at
issued_count | 发放量 | Issued | integer
issuing_bank | 合作银行 | Issuing bank
issuing_org | 发证机关 | Issuing authority
item_category | 类别 | Category
item_code | 项目编码 | Item code
item_name | 项目名称 | Item
job_category | 职业类别 | Job category
job_id | 岗位编号 | Vacancy ID
job_title | 岗位名称 | Job title
judgement | 判定结论 | Conclusion
kwh_peak | 峰时电量(千瓦时) | Peak-time electricity (kWh) | decimal
kwh_total | 用电量(千瓦时) | Electricity used (kWh) | decimal
kwh_valley | 谷时电量(千瓦时) | Off-peak electricity (kWh) | decimal
lab_level | 平台级别 | Level
lab_name | 平台名称 | Laboratory or centre
lamp_id | 灯具编号 | Lamp ID
lamp_type | 光源类型 | Lamp type
land_area_m2 | 宗地面积(平方米) | Land area (m²)
land_area_mu | 用地面积(亩) | Land area (mu)
land_class_code | 地类编码 | Land class code
land_class_name | 地类名称 | Land class
land_grade | 土地级别 | Land grade
land_use | 土地用途 | Land use
land_use_code | 用地性质代码 | Land-use code
lane_count | 车道数 | Lanes | integer
language | 导游语种 | Language
last_audit_year | 最近审计年度 | Last audited
last_checkup_date | 最近体检日期 | Last check-up
last_departure | 末班时间 | Last departure
last_deposit_date | 最近交存日期 | Last deposit
last_paid_month | 最近缴费月份 | Last month paid
lat | 纬度 | Latitude | decimal
latest_valuation_band | 最新估值区间 | Latest valuation band
launch_date | 落地日期 | Launch date
lawyer_count | 执业律师人数 | Lawyers | integer
leading_industries | 主导产业 | Leading industries
lease_end | 租赁终止日期 | Lease end
lease_start | 租赁起始日期 | Lease start
lease_term_months | 租期(月) | Lease term (months) | integer
legal_rep | 法定代表人 | Legal representative
legal_status | 法律状态 | Legal status
length_km | 长度(公里) | Length (km)
length_m | 长度(米) | Length (m)
leq_db | 等效声级(dB(A)) | Equivalent sound level (dB(A))
leverage_amount | 带动消费额(元) | Spending generated (CNY) | decimal
levy_paid | 是否缴纳残保金 | Levy paid | boolean
licence_class | 准驾车型 | Licence class
licence_classes | 培训车型 | Licence classes taught
licence_content | 许可内容 | Licence content
licence_date | 许可日期 | Licence date
licence_doc_no | 许可决定书文号 | Licensing decision number
licence_name | 许可证书名称 | Licence name
licence_no | 许可证编号 | Licence number
licence_no_masked | 证号(脱敏) | Licence number (masked)
licence_status | 驾驶证状态 | Licence status
licence_type | 许可类别 | Licence type
lifted_at | 解除时间 | Lifted at
line_name | 线路名称 | Line
list_type | 名单类型 | List type
list_year | 名录年度 | List year
listed_batch | 公布批次 | Listing batch
listed_date | 列入日期 | Date listed
listed_reason | 列入原因 | Reason listed
listed_year | 纳统年份 | Year first reported
listing_date | 上市日期 | Listing date
listing_org | 作出决定机关 | Listing authority
listing_price | 挂牌价(元) | Listing price (CNY) | decimal
listing_stage | 上市进程 | Listing stage
lng | 经度 | Longitude | decimal
load_level | 承载状态 | Load level
load_t | 核定载质量(吨) | Rated load (t)
loan_amount | 贷款金额(元) | Loan amount (CNY) | decimal
loan_no | 贷款合同号 | Loan number
loan_product | 融资产品 | Loan product
loan_status | 贷款状态 | Loan status
location | 坐落 | Location
location_name | 所在场所 | Location
lot_id | 停车场编号 | Car park ID
lot_name | 停车场名称 | Car park name
lot_type | 停车场类型 | Car park type
machine_type | 机具类型 | Machine type
main_business | 主营业务 | Main business
main_business_type | 主体业态 | Main business format
main_markets | 主要市场 | Main markets
main_pollutants | 主要污染物 | Main pollutants
main_product | 主要产品 | Main product
main_products | 主要产品 | Main products
main_species | 主要保护对象 | Main protected species
maintenance_date | 维保日期 | Maintenance date
maintenance_type | 维保类型 | Maintenance type
maintenance_unit | 维保单位 | Maintenance contractor
majors | 开设专业 | Programmes offered
male_births | 男婴数 | Male births | integer
male_count | 男性人数 | Male | integer
managed_area_m2 | 管理面积(平方米) | Managed area (m²)
management_class | 管理类别 | Permit class
management_org | 管理机构 | Management body
manifest_no | 联单编号 | Manifest number
manufacturer | 制造单位 | Manufacturer
market_name | 市场名称 | Market
maturity | 成果成熟度 | Maturity
max_capacity | 最大承载量(人) | Maximum capacity (persons) | integer
max_depth_cm | 最大积水深度(厘米) | Maximum depth (cm)
max_temp | 平均最高气温(℃) | Mean maximum temperature (°C) | decimal
mean_score | 平均分 | Mean score | decimal
mean_temp | 平均气温(℃) | Mean temperature (°C) | decimal
measured_at | 监测时间 | Measured at
medical_partner | 签约医疗机构 | Partner medical institution
member_count | 成员数 | Members | integer
merchant_category | 商户类别 | Merchant category
merchant_name | 商户名称 | Merchant
meter_account_masked | 用电户号(脱敏) | Power account (masked)
mileage_km | 表显里程(公里) | Odometer (km)
min_temp | 平均最低气温(℃) | Mean minimum temperature (°C) | decimal
mine_name | 矿山名称 | Mine
mineral_type | 矿种 | Mineral
mitigation_status | 整治状态 | Mitigation status
model | 型号规格 | Model
monitor_point | 监测点 | Monitoring point
monthly_allowance | 月保障金额(元) | Monthly allowance (CNY) | decimal
monthly_amount | 月救助金额(元) | Monthly amount (CNY) | decimal
monthly_contribution | 月缴存额(元) | Monthly contribution (CNY) | decimal
monthly_rent | 月租金(元) | Monthly rent (CNY) | decimal
months_contributed | 累计缴费月数 | Months contributed | integer
mortgage_type | 抵押方式 | Mortgage type
mortgagee_name | 抵押权人 | Mortgagee
mother_id_masked | 母亲证件号(脱敏) | Mother's ID (masked)
name | 名称 | Name
name_masked | 姓名(脱敏) | Name (masked)
net_value | 账面净值(元) | Net book value (CNY) | decimal
new_contributors | 新增缴存人数 | New contributors | integer
new_economy_sector | 新经济领域 | New economy sector
newborn_sex | 新生儿性别 | Sex of newborn
next_inspection_date | 下次检验日期 | Next inspection due
next_stop_id | 下一站编号 | Next stop ID
nice_class | 国际分类 | Nice class
no2 | 二氧化氮(μg/m³) | NO₂ (μg/m³) | decimal
noise_db | 噪声(dB(A)) | Noise (dB(A))
notary_name_masked | 公证员姓名(脱敏) | Notary (masked)
notice_date | 公告日期 | Notice date
notice_no | 公告编号 | Notice number
nursing_bed_count | 护理型床位数 | Nursing beds | integer
o3 | 臭氧(μg/m³) | O₃ (μg/m³) | decimal
o3_8h | 臭氧8小时(μg/m³) | O₃ 8-hour (μg/m³) | decimal
object_id | 对象编号 | Object ID
object_type | 对象类型 | Object type
obligation | 生效法律文书确定的义务 | Obligation under the judgment
observed_at | 观测时间 | Observed at
occupancy_rate | 入驻率(%) | Occupancy rate (%) | decimal
occupation | 职业(工种) | Occupation
occupation_code | 职业编码 | Occupation code
occupation_name | 职业名称 | Occupation
occupied_beds | 实际占用床位 | Occupied beds | integer
occurred_at | 发生时间 | Occurred at
open_beds | 开放床位 | Staffed beds | integer
open_date | 开户日期 | Account opened
open_hours | 开放时间 | Opening hours
opening_date | 开通日期 | Opening date
opening_hours | 开放时间 | Opening hours
operated_area_mu | 经营面积(亩) | Area farmed (mu)
operating_permit_no | 道路运输证号 | Operating permit number
operation_id | 作业编号 | Operation ID
operation_type | 作业类型 | Operation type
operator_name | 经营者 | Operator
operator_name_masked | 经营者姓名(脱敏) | Operator (masked)
opportunity_id | 机会编号 | Opportunity ID
opportunity_type | 机会类型 | Opportunity type
order_count | 申报单量 | Declarations | integer
org_name | 单位名称 | Organisation name
org_type | 机构类型 | Organisation type
organiser_name | 主办单位 | Organiser
origin | 启运地 | Origin
origin_place | 户籍地 | Place of household registration
original_doc_no | 原决定文书号 | Original decision number
original_value | 资产原值(元) | Original value (CNY) | decimal
outcome | 结果 | Outcome
outlet_id | 排放口编号 | Outlet ID
outlet_location | 排放口位置 | Outlet location
outlet_name | 网点名称 | Outlet name
outpatient_visits | 门诊人次 | Outpatient visits | integer
output_per_mu | 亩均产值(万元) | Output per mu (CNY 10,000) | decimal
output_value | 工业总产值(万元) | Gross output (CNY 10,000) | decimal
owner_district | 所有人所在区(市)县 | Owner's district
owner_org | 业主单位 | Project owner
owner_type | 所有人类型 | Owner type
ownership | 办学(举办)性质 | Ownership
ownership_ratio | 国有持股比例(%) | State shareholding (%) | decimal
ownership_type | 权属性质 | Ownership type
package_type | 签约服务包 | Service package
paid_date | 缴款日期 | Payment date
paid_in_capital | 实缴出资额(万元) | Paid-in capital (CNY 10,000) | decimal
parcel_code | 宗地代码 | Parcel code
parcel_id | 图斑编号 | Polygon ID
parcel_no | 地块编号 | Parcel number
parent_code | 上级区划代码 | Parent division code
parent_company | 母公司 | Parent company
parent_group | 所属集团 | Parent group
park_level | 园区级别 | Park level
park_name | 园区名称 | Park name
park_type | 公园类型 | Park type
partner_country | 贸易伙伴国别(地区) | Partner country or region
partner_in_charge | 负责人 | Principal
party_name | 当事人名称 | Party
pass_rate | 及格率(%) | Pass rate (%) | decimal
passenger_category | 旅客类别 | Passenger category
passenger_count | 出入境人次 | Passengers | integer
patch_id | 图斑编号 | Polygon ID
patent_no | 专利号 | Patent number
patent_title | 专利名称 | Patent title
patent_type | 专利类型 | Patent type
patentee | 专利权人 | Patentee
patient_id_masked | 患者证件号(脱敏) | Patient ID (masked)
pay_date | 发放日期 | Payment date
payer_id | 缴费人识别号 | Payer ID
payer_type | 缴费人类型 | Payer type
payment_status | 缴费状态 | Payment status
peak_current_ka | 峰值电流(千安) | Peak current (kA)
penalty_amount | 罚没金额(元) | Fines and confiscations (CNY) | decimal
penalty_basis | 处罚依据 | Legal basis
penalty_no | 处罚决定书文号 | Penalty decision number
penalty_type | 处罚类别 | Penalty type
pension_amount | 养老金金额(元) | Pension amount (CNY) | decimal
per_student_expenditure | 生均经费(元) | Spending per student (CNY) | decimal
performance_count | 演出场次 | Performances | integer
performance_status | 履行情况 | Performance status
period | 监测时段(昼/夜) | Period (day/night)
permit_date | 发证日期 | Permit date
permit_no | 许可证编号 | Permit number
permit_no_masked | 证件号码(脱敏) | Permit number (masked)
permit_valid_to | 许可有效期至 | Permit valid until
person_id_masked | 受种者证件号(脱敏) | Person ID (masked)
pest_name | 有害生物名称 | Pest
pharmacy_code | 药店编码 | Pharmacy code
pharmacy_name | 药店名称 | Pharmacy name
phase_count | 相位数 | Signal phases | integer
phone_public | 对外联系电话 | Public phone number
pickup_lat | 上车纬度 | Pick-up latitude | decimal
pickup_lng | 上车经度 | Pick-up longitude | decimal
pickup_time | 上车时间 | Pick-up time
pigs_sold | 出栏量(头) | Pigs sold | integer
pigs_stock | 生猪存栏(头) | Pig inventory | integer
pile_count | 充电桩数 | Chargers | integer
pipe_diameter_mm | 管径(毫米) | Pipe diameter (mm)
place_name | 地名 | Place name
place_type | 场所类型 | Place type
plan_level | 方案级别 | Plan level
plan_name | 规划名称 | Plan name
plan_unit | 规划管理单元 | Planning unit
planned_area_km2 | 规划面积(平方公里) | Planned area (km²)
planned_classes | 计划招生班数 | Planned classes | integer
planned_places | 计划学位数 | Planned places | integer
plant_address | 生产地址 | Plant address
plant_name | 水厂名称 | Plant name
planting_year | 种植年份 | Year planted
plate_no_masked | 号牌号码(脱敏) | Plate number (masked)
platform_name | 平台名称 | Platform
pledge_reg_no | 出质登记编号 | Pledge registration number
pledge_status | 出质状态 | Pledge status
pledged_amount | 出质股权数额(万元) | Pledged equity (CNY 10,000) | decimal
pledgee | 质权人 | Pledgee
pledgor | 出质人 | Pledgor
plot_area_m2 | 地块面积(平方米) | Parcel area (m²)
plot_id | 地块编号 | Parcel ID
pm10 | PM10(μg/m³) | PM10 (μg/m³) | decimal
pm25 | PM2.5(μg/m³) | PM2.5 (μg/m³) | decimal
point_id | 点位编号 | Point ID
point_name | 点位名称 | Point name
points | 记分 | Penalty points | integer
polarity | 极性 | Polarity
police_station | 登记派出所 | Police station
policy_doc_no | 定价文件文号 | Pricing document number
policy_id | 政策编号 | Policy ID
policy_title | 政策名称 | Policy title
policy_type | 政策类型 | Policy type
policy_year | 保障年度 | Policy year
pollutant | 污染物 | Pollutant
pollution_category | 排污类别 | Pollution category
population | 人口数 | Population | integer
port_name | 口岸名称 | Port
post_date | 发布日期 | Date posted
power_w | 功率(瓦) | Power (W) | integer
practice_category | 执业类别 | Practice category
practice_cert_no_masked | 执业证书编码(脱敏) | Practice certificate number (masked)
practice_field | 执业领域 | Practice area
practice_institution | 执业机构 | Practising institution
practice_scope | 执业范围 | Scope of practice
precipitation_10min_mm | 10分钟降水量(毫米) | 10-minute precipitation (mm)
precipitation_1h_mm | 1小时降水量(毫米) | 1-hour precipitation (mm)
precipitation_24h_mm | 24小时降水量(毫米) | 24-hour precipitation (mm)
precipitation_mm | 降水量(毫米) | Precipitation (mm)
precipitation_prob | 降水概率(%) | Chance of precipitation (%) | integer
presale_area_m2 | 预售面积(平方米) | Pre-sale floor area (m²)
presale_permit_no | 预售许可证号 | Pre-sale permit number
presale_units | 预售套数 | Units for pre-sale | integer
pressure_hpa | 气压(百帕) | Pressure (hPa)
price | 价格(元) | Price (CNY) | decimal
price_avg | 平均价(元) | Average price (CNY) | decimal
price_category | 定价类别 | Pricing category
price_change_pct | 环比涨跌(%) | Change on previous (%)
price_date | 采价日期 | Price date
price_max | 最高价(元) | Highest price (CNY) | decimal
price_min | 最低价(元) | Lowest price (CNY) | decimal
price_primary | 一级医院价格(元) | Price at primary hospitals (CNY) | decimal
price_secondary | 二级医院价格(元) | Price at secondary hospitals (CNY) | decimal
price_tertiary | 三级医院价格(元) | Price at tertiary hospitals (CNY) | decimal
price_unit | 计价单位 | Pricing unit
price_zone | 地价区段 | Price zone
primary_pollutant | 首要污染物 | Primary pollutant
priority | 保障优先级 | Priority
procurement_method | 采购方式 | Procurement method
producer_name | 生产(产生)单位 | Producer
product_category | 产品类别 | Product category
product_id | 产品编号 | Product ID
product_name | 产品名称 | Product
product_type | 产品类型 | Product type
production_address | 生产地址 | Production address
production_date | 生产日期 | Production date
profit_total | 利润总额(万元) | Total profit (CNY 10,000) | decimal
programme_type | 计划类别 | Programme
project_code | 项目代码 | Project code
project_id | 工程编号 | Project ID
project_name | 项目名称 | Project name
project_no | 项目编号 | Project number
project_status | 项目状态 | Project status
project_type | 项目类型 | Project type
project_year | 计划年度 | Plan year
property_company | 物业服务企业 | Property management company
property_district | 房屋所在区(市)县 | Property district
property_loss | 财产损失(元) | Property loss (CNY) | decimal
property_unit_no | 不动产单元号 | Property unit number
protected_area_type | 保护地类型 | Protected area type
protection_area | 保护范围 | Protected area
protection_grade | 保护等级 | Protection grade
protection_level | 保护级别 | Protection level
protection_unit | 保护单位 | Safeguarding body
provider_name | 场景提供企业 | Solution provider
publish_date | 发布日期 | Publication date
publisher_org | 发布单位 | Publisher
purchaser_name | 采购人 | Purchaser
purpose | 用途 | Purpose
qualification_grade | 资质等级 | Qualification grade
qualification_level | 资格级别 | Qualification level
qualification_type | 资质(资格)类别 | Qualification type
quality_grade | 耕地质量等级 | Quality grade
quality_level | 空气质量级别 | Air quality level
quantity | 数量 | Quantity | integer
quantity_kg | 数量(千克) | Quantity (kg)
quantity_t | 数量(吨) | Quantity (t)
quota_met | 是否达到规定比例 | Quota met | boolean
rainfall_1h_mm | 1小时雨量(毫米) | 1-hour rainfall (mm)
rainfall_mm | 时段雨量(毫米) | Rainfall (mm)
rating | 监管评级 | Rating
rating_date | 评定日期 | Rating date
rating_year | 评价年度 | Rating year
rd_expenditure | 研发经费支出(万元) | R&D spending (CNY 10,000) | decimal
rd_intensity | 研发投入强度(%) | R&D intensity (%) | decimal
rd_staff | 研发人员数 | R&D staff | integer
rd_staff_ratio | 科技人员占比(%) | Share of technical staff (%) | decimal
rebate_class | 管理类别 | Rebate management class
received_at | 受理时间 | Received at
receiver_name | 接收单位 | Receiver
recipient_category | 受援人类别 | Recipient category
recipient_name_masked | 领取人(脱敏) | Recipient (masked)
recipient_type | 领取对象类型 | Recipient type
recognition_level | 认定级别 | Recognition level
recognition_year | 认定年份 | Year recognised
record_content | 记录内容 | Record content
record_date | 记录日期 | Record date
record_id | 记录编号 | Record ID
record_no | 记录编号 | Record number
record_type | 记录类型 | Record type
rectify_date | 整改完成日期 | Date rectified
rectify_deadline | 整改期限 | Rectification deadline | date
rectify_status | 整改状态 | Rectification status
recycling_categories | 回收品类 | Materials collected
redeem_amount | 兑付金额(元) | Amount redeemed (CNY) | decimal
redeem_date | 兑付日期 | Redemption date
redeemed_count | 核销量 | Redeemed | integer
reduction_wan | 审减金额(万元) | Reduction (CNY 10,000)
reg_authority | 登记机关 | Registration authority
reg_capital | 注册资本(万元) | Registered capital (CNY 10,000) | decimal
reg_date | 登记日期 | Registration date
reg_no | 注册号 | Registration number
reg_office | 登记机关 | Registry office
reg_status | 登记状态 | Registration status
reg_type | 登记类型 | Registration type
registered_capital_usd | 注册资本(美元) | Registered capital (USD)
registration_no | 入库登记编号 | Registration number
reimbursable | 是否纳入医保支付 | Covered by medical insurance | boolean
reimbursement_class | 甲乙类 | Reimbursement class
relative_humidity | 相对湿度(%) | Relative humidity (%) | integer
religion | 宗教 | Religion
removed_date | 移出日期 | Date removed
removed_reason | 移出原因 | Reason removed
renovation_items | 改造内容 | Renovation works
rent_range | 租金区间 | Rent range
rent_standard | 租金标准 | Rent level
repair_category | 维修类别 | Repair category
report_date | 报送日期 | Report date
report_no | 检测报告编号 | Report number
report_year | 报告年度 | Report year
reported_at | 上报时间 | Reported at
request_date | 申请日期 | Request date
request_id | 需求编号 | Request ID
requested_amount | 融资需求(万元) | Amount requested (CNY 10,000) | decimal
research_field | 研究方向 | Research field
reserve_price | 起始价(元) | Reserve price (CNY) | decimal
reserve_rent | 底价租金(元/月) | Reserve rent (CNY per month) | decimal
resettlement_type | 安置方式 | Resettlement type
residence_address | 居住地址 | Residential address
residence_reason | 居住事由 | Reason for residence
residence_type | 城乡类别 | Urban or rural
resident_id_masked | 居民证件号(脱敏) | Resident ID (masked)
resident_population | 常住人口(万人) | Resident population (10,000) | decimal
residual_chlorine | 余氯(mg/L) | Residual chlorine (mg/L) | decimal
resolution_km | 分辨率(公里) | Resolution (km)
resolved_date | 补缴日期 | Date settled
respondent_name | 被投诉(被申请)方 | Respondent
respondent_org | 被申请人 | Respondent authority
response_minutes | 到达时长(分钟) | Response time (min) | decimal
responsibility | 责任认定 | Liability finding
restore_date | 修复日期 | Restoration date
restore_org | 修复机关 | Restoring authority
restored_record_type | 修复信息类型 | Record type restored
restriction | 支付限定范围 | Restrictions
result | 结果 | Result
result_value | 检测值 | Measured value | decimal
revenue | 营业收入(万元) | Revenue (CNY 10,000) | decimal
revenue_100m | 营业收入(亿元) | Revenue (CNY 100 million)
revenue_wan | 收入(万元) | Revenue (CNY 10,000)
review_date | 审查日期 | Review date
review_opinion | 审查意见 | Review opinion
review_org | 审查机关 | Reviewing authority
right_type | 权利类型 | Right type
risk_level | 风险等级 | Risk level
risk_score | 风险评分 | Risk score | decimal
risk_type | 风险类型 | Risk type
river_chief_level | 河长层级 | River chief level
river_name | 河流 | River
road_class | 技术等级 | Road class
road_code | 路线编号 | Route code
road_name | 道路名称 | Road
room_count | 客房数 | Rooms | integer
room_name | 场地名称 | Room
room_no | 房间号 | Room number
round | 融资轮次 | Round
rounds_fired | 作业用弹量 | Rounds fired | integer
route_count | 途经线路数 | Routes served | integer
route_description | 行驶线路 | Route
route_id | 线路编号 | Route ID
route_length_km | 线路长度(公里) | Route length (km)
route_name | 线路名称 | Route
route_type | 航线类型 | Route type
row_label | 行标题 | Row label
salary_max | 最高月薪(元) | Maximum monthly salary (CNY) | decimal
salary_min | 最低月薪(元) | Minimum monthly salary (CNY) | decimal
sample_date | 抽样日期 | Sampling date
sample_id | 样品编号 | Sample ID
sample_no | 样品编号 | Sample number
sample_point | 采样点 | Sampling point
sampled_entity | 被抽样单位 | Sampled business
sampling_site | 采样地点 | Sampling site
satisfaction | 满意度评价 | Satisfaction rating
scale | 比例尺 | Scale
scale_class | 规模等级 | Scale class
scenario_type | 场景类别 | Scenario type
scene_name | 场景名称 | Venue name
scene_type | 场景类型 | Venue type
scenic_name | 景区名称 | Attraction name
schedule_id | 安排编号 | Booking ID
school_code | 学校标识码 | School code
school_level | 学段 | School level
school_name | 学校名称 | School name
school_type | 办学类型 | School type
school_year | 学年 | School year | string
seats | 核定座位数 | Seats | integer
section | 管制路段 | Section
section_id | 断面编号 | Section ID
section_name | 断面名称 | Monitoring section
sector | 行业领域 | Sector
seeker_id | 求职者编号 | Jobseeker ID
segment_id | 路段编号 | Segment ID
seizing_authority | 查封机关 | Seizing authority
seizure_end | 查封期限止 | Seizure ends
seizure_start | 查封期限起 | Seizure starts
seizure_status | 查封状态 | Seizure status
self_paid | 个人自付(元) | Paid by patient (CNY) | decimal
seller_name | 出让方 | Seller
sentence_end | 矫正期满日期 | Correction ends
sentence_start | 矫正起始日期 | Correction starts
service_area | 供应区域 | Service area
service_branch | 服役军种 | Service branch
service_date | 服务日期 | Service date
service_field | 服务领域 | Field of service
service_hours | 服务时间 | Service hours
service_id | 服务编号 | Service ID
service_items | 服务项目 | Services
service_provider | 服务机构 | Service provider
service_scope | 服务范围 | Scope of services
service_type | 服务类型 | Service type
services_offered | 可办业务 | Services offered
settle_date | 结算日期 | Settlement date
settlement_id | 结算编号 | Settlement ID
severity | 发生程度 | Severity
share_mode | 共享方式 | Sharing arrangement
share_ratio | 共有份额(%) | Share (%) | decimal
share_type | 共有方式 | Co-ownership type
shareholder_name | 股东名称 | Shareholder
shareholder_type | 股东类型 | Shareholder type
shelter_name | 避难场所名称 | Shelter name
shelter_type | 场所类型 | Shelter type
shipper_name | 货主 | Shipper
shop_name | 店铺名称 | Shop name
show_name | 演出名称 | Show title
sign_date | 签订日期 | Date signed
site_id | 站点编号 | Site ID
site_name | 站点名称 | Site name
site_type | 站点类型 | Site type
size_m2 | 设置面积(平方米) | Size (m²)
skill_level | 技能等级 | Skill level
so2 | 二氧化硫(μg/m³) | SO₂ (μg/m³) | decimal
social_insurance_no | 社会保险登记编号 | Social insurance number
source_category | 放射源类别 | Source category
source_name | 水源地名称 | Water source
source_type | 水源类型 | Source type
sown_area_mu | 播种面积(亩) | Sown area (mu)
sows_stock | 能繁母猪存栏(头) | Breeding sows | integer
spec | 规格型号 | Specification
specialty | 专业 | Specialty
species | 树种(物种) | Species
speed_kmh | 车速(km/h) | Speed (km/h) | decimal
sport_type | 运动项目 | Sport
sports_offered | 开设项目 | Sports offered
spot_name | 经营点名称 | Spot name
spot_type | 经营点类型 | Spot type
spouse_a_id_masked | 当事人一证件号(脱敏) | Party A ID (masked)
spouse_b_id_masked | 当事人二证件号(脱敏) | Party B ID (masked)
staff_count | 持证社工人数 | Certified social workers | integer
stall_count | 摊位数 | Stalls | integer
standard_address | 标准地址 | Standard address
standard_limit | 标准限值 | Standard limit | decimal
standardisation_grade | 标准化等级 | Standardisation grade
standardised | 是否标准化改造 | Upgraded to standard | boolean
star_rating | 星级 | Star rating
start_date | 开始日期 | Start date
start_stake | 起点桩号 | Start chainage
start_time | 开始时间 | Start time
started_at | 作业开始时间 | Started at
stat_date | 统计日期 | Statistics date
stat_month | 统计月份 | Month
stat_period | 统计期 | Period
stat_year | 统计年度 | Year
state_capital_wan | 国有资本(万元) | State capital (CNY 10,000)
station_code | 车站编码 | Station code
station_id | 站点编号 | Station ID
station_level | 站点级别 | Station level
station_name | 站点名称 | Station name
station_type | 站点类型 | Station type
status | 状态 | Status
stock_categories | 储备物资类别 | Stock categories
stock_code | 股票代码 | Stock code
stop_count | 站点数 | Stops | integer
stop_id | 站点编号 | Stop ID
stop_name | 站点名称 | Stop name
storage_capacity_t | 仓容(吨) | Storage capacity (t)
store_name | 店铺名称 | Store name
store_url | 店铺网址 | Store URL
street | 街道(乡镇) | Subdistrict or township
strike_id | 闪电编号 | Strike ID
structure_id | 构造物编号 | Structure ID
structure_name | 构造物名称 | Structure name
structure_type | 结构类型 | Structure type
student_count | 在校生数 | Students | integer
student_no_masked | 学籍号(脱敏) | Student number (masked)
subject | 学科 | Subject
subject_name | 涉及主体 | Subject
subject_type | 主体类型 | Entity type
submitted_amount_wan | 送审金额(万元) | Amount submitted (CNY 10,000)
subscribed_capital | 认缴出资额(万元) | Subscribed capital (CNY 10,000) | decimal
subsidy_item | 补贴项目 | Subsidy
subsidy_type | 补贴类型 | Subsidy type
summary | 内容摘要 | Summary
sunshine_hours | 日照时数(小时) | Sunshine hours | decimal
supervising_office | 负责司法所 | Supervising justice office
supervising_org | 主管部门 | Supervising department
supervision_status | 监管状态 | Supervision status
supervisor_org | 业务主管单位 | Sponsoring body
supervisory_rating | 监管评级结果 | Supervisory rating
supplier_name | 供应商 | Supplier
supplier_type | 供应商类型 | Supplier type
support_mode | 供养方式 | Support arrangement
surface_type | 路面类型 | Surface
survey_date | 调查日期 | Survey date
survey_year | 调查年度 | Survey year
table_no | 表号 | Table number
table_title | 表名 | Table title
taps | 刷卡人次 | Card taps | integer
target_industries | 招商方向 | Target industries
tax_amount | 税额(元) | Tax (CNY) | decimal
tax_authority | 主管税务机关 | Tax office in charge
tax_base | 计税依据(元) | Tax base (CNY) | decimal
tax_paid | 已缴税额(元) | Tax paid (CNY) | decimal
tax_paid_band | 纳税额区间 | Tax paid band
tax_payable | 应纳税额(元) | Tax payable (CNY) | decimal
tax_per_mu | 亩均税收(万元) | Tax per mu (CNY 10,000) | decimal
tax_period | 税款所属期 | Tax period
tax_type | 税种 | Tax type
tax_withheld | 已扣缴税额(元) | Tax withheld (CNY) | decimal
tax_year | 纳税年度 | Tax year
taxpayer_id | 纳税人识别号 | Taxpayer identification number
taxpayer_name | 纳税人名称 | Taxpayer name
taxpayer_status | 纳税人状态 | Taxpayer status
taxpayer_type | 纳税人类型 | Taxpayer type
teacher_count | 专任教师数 | Full-time teachers | integer
team_name | 签约团队 | Care team
team_type | 队伍类型 | Team type
tech_field | 技术领域 | Technology field
temp_max | 最高气温(℃) | High (°C) | decimal
temp_min | 最低气温(℃) | Low (°C) | decimal
temperature | 气温(℃) | Temperature (°C) | decimal
tenant_count | 在孵企业数 | Incubated companies | integer
tender_agent | 招标代理机构 | Tender agent
tender_no | 招标编号 | Tender number
tenderer_name | 招标人 | Tenderer
term_end | 债务履行期限止 | Term ends
term_months | 贷款期限(月) | Term (months) | integer
term_start | 债务履行期限起 | Term starts
term_years | 期限(年) | Term (years) | integer
terminal_count | 终端数 | Terminals | integer
test_item | 检验项目 | Test item
test_score | 测试总分 | Test score | decimal
test_year | 测试学年 | School year tested | string
threat_population | 威胁人口 | Population at risk | integer
threat_property_wan | 威胁财产(万元) | Property at risk (CNY 10,000)
ticket_no | 工单编号 | Ticket number
ticket_price | 门票价格(元) | Ticket price (CNY) | decimal
tier | 企业层级 | Tier
title | 标题 | Title
title_level | 职称级别 | Title level
title_series | 职称系列 | Title series
toilet_id | 公厕编号 | Toilet ID
toilet_name | 公厕名称 | Toilet name
toilet_type | 公厕类别 | Toilet type
total_assets | 资产总额(万元) | Total assets (CNY 10,000) | decimal
total_coliform | 总大肠菌群(MPN/100mL) | Total coliforms (MPN/100 mL) | integer
total_contribution_wan | 缴存额(万元) | Contributions (CNY 10,000)
total_cost | 医疗总费用(元) | Total cost (CNY) | decimal
total_employees | 在职职工总数 | Total employees | integer
total_energy_tce | 综合能耗(吨标煤) | Total energy use (tce)
total_expenditure | 教育经费总投入(万元) | Total spending (CNY 10,000) | decimal
total_investment | 总投资(万元) | Total investment (CNY 10,000) | decimal
total_investment_usd | 投资总额(美元) | Total investment (USD)
total_p | 总磷(mg/L) | Total phosphorus (mg/L) | decimal
total_power_kw | 总功率(千瓦) | Total power (kW)
total_precipitation_mm | 月降水量(毫米) | Monthly precipitation (mm)
total_price | 成交总价(元) | Total price (CNY) | decimal
total_spaces | 总泊位数 | Total spaces | integer
tourism_revenue_wan | 旅游收入(万元) | Tourism revenue (CNY 10,000)
township | 乡镇(街道) | Township
trade_date | 交易日期 | Trading date
trade_direction | 进出口方向 | Trade direction
trade_mode | 监管方式 | Trade mode
trade_name | 字号名称 | Trade name
trademark_name | 商标名称 | Trademark
trademark_status | 商标状态 | Trademark status
train_no | 班列车次 | Train number
training_category | 培训类别 | Training category
training_vehicle_count | 教练车数量 | Training vehicles | integer
transaction_amount | 消费金额(元) | Spending (CNY) | decimal
transaction_count | 交易笔数 | Transactions | integer
transfer_date | 转移日期 | Transfer date
transfer_lines | 换乘线路 | Transfer lines
transferee_name | 受让方 | Transferee
transferor_name | 转让方 | Transferor
transferor_type | 出让方类型 | Transferor type
transfers | 换乘人次 | Transfers | integer
transport_mode | 运输方式 | Transport mode
transporter_name | 运输单位 | Carrier
travel_time_s | 通行时间(秒) | Travel time (s) | integer
treated_t | 处理量(吨) | Treated (t)
treatment_facility | 处理设施 | Treatment facility
tree_age | 树龄(年) | Tree age (years) | integer
tree_id | 树木编号 | Tree ID
trip_id | 行程编号 | Trip ID
trips | 骑行次数 | Trips | integer
turbidity_ntu | 浑浊度(NTU) | Turbidity (NTU)
undertaking_org | 承担单位 | Lead organisation
unit | 计量单位 | Unit
unit_area_m2 | 房屋面积(平方米) | Unit floor area (m²)
unit_category | 单位类别 | Unit category
unit_count | 房源套数 | Units | integer
unit_name | 单位名称 | Unit name
unit_price | 单价(元/平方米) | Price per m² (CNY) | decimal
unit_type | 单位类型 | Unit type
unit_usage | 房屋用途 | Unit use
urbanisation_rate | 城镇化率(%) | Urbanisation rate (%) | decimal
usage | 用途 | Use
usage_count | 使用人次 | Uses | integer
uscc | 统一社会信用代码 | Unified social credit code
uscc_or_id_masked | 统一社会信用代码或证件号(脱敏) | Credit code or ID number (masked)
use_nature | 使用性质 | Use
use_of_proceeds | 资金用途 | Use of proceeds
use_status | 使用状况 | Use status
use_unit | 使用单位 | User
vacant_area_m2 | 可招商面积(平方米) | Vacant space (m²)
vaccination_date | 接种日期 | Vaccination date
vaccination_id | 接种记录编号 | Vaccination record ID
vaccine_batch | 疫苗批号 | Vaccine batch
vaccine_name | 疫苗名称 | Vaccine
vaccine_types | 可接种疫苗 | Vaccines offered
valid_from | 有效期起 | Valid from
valid_to | 有效期至 | Valid until
validity_status | 时效性 | Validity
valuation_date | 估价期日 | Valuation date
value | 数值 | Value | decimal
value_100m | 数值(亿元) | Value (CNY 100 million)
value_added_growth_pct | 增加值增速(%) | Value-added growth (%)
value_cny | 货值(元) | Value (CNY)
value_usd | 货值(美元) | Value (USD)
value_yuan | 金额(元) | Amount (CNY)
variety | 品种 | Variety
vehicle_color | 车身颜色 | Colour
vehicle_count | 车辆数 | Vehicles | integer
vehicle_id | 车辆编号 | Vehicle ID
vehicle_model | 车辆型号 | Vehicle model
vehicle_status | 机动车状态 | Vehicle status
vehicle_type | 车辆类型 | Vehicle type
venue_name | 场所名称 | Venue
venue_type | 场所类型 | Venue type
verification_date | 检定日期 | Verification date
verification_org | 检定机构 | Verification body
verification_result | 检定结论 | Verification result
village | 村(社区) | Village
violation | 违法行为 | Violation
violation_code | 违法代码 | Violation code
violation_desc | 违法行为描述 | Violation description
violation_location | 违法地点 | Location
violation_no | 违法编号 | Violation number
violation_time | 违法时间 | Time of violation
violation_type | 违法类型 | Violation type
visibility_m | 能见度(米) | Visibility (m)
visit_time | 就诊时间 | Visit time
visitors | 游客接待量(人次) | Visitors | integer
visitors_in_park | 在园人数 | Visitors on site | integer
vital_capacity | 肺活量(毫升) | Vital capacity (ml) | integer
volume_m3 | 用水量(立方米) | Water used (m³)
voucher_amount | 券面金额(元) | Voucher value (CNY) | decimal
voucher_no | 创新券编号 | Voucher number
wage_p10 | 低位数(元/月) | 10th percentile (CNY per month) | decimal
wage_p50 | 中位数(元/月) | Median (CNY per month) | decimal
wage_p90 | 高位数(元/月) | 90th percentile (CNY per month) | decimal
warehouse_area_m2 | 仓储面积(平方米) | Warehouse area (m²)
warning_id | 预警编号 | Warning ID
warning_level | 预警级别 | Warning level
warning_level_m | 警戒水位(米) | Warning level (m)
warning_text | 预警内容 | Warning text
warning_type | 预警种类 | Warning type
waste_category | 垃圾类别 | Waste stream
waste_code | 废物代码 | Waste code
water_body_code | 河湖编码 | Water body code
water_body_name | 河湖名称 | Water body
water_body_type | 河湖类型 | Water body type
water_class | 水质类别 | Water quality class
water_level_m | 水位(米) | Water level (m)
water_source | 水源 | Water source
water_type | 水样类型 | Water type
weather_condition | 天气 | Weather
weather_text | 天气现象 | Weather
website | 网址 | Website
website_url | 网站网址 | Website
weekly_frequency | 每周班次 | Weekly frequency | integer
weight_kg | 体重(千克) | Weight (kg)
width_m | 宽度(米) | Width (m)
wind_direction | 风向(度) | Wind direction (degrees) | integer
wind_level | 风力等级 | Wind force
wind_speed | 风速(m/s) | Wind speed (m/s) | decimal
winner_name | 中标(竞得)人 | Winning bidder
winning_bidder | 竞得人 | Winning bidder
winning_price | 中选价格(元) | Winning price (CNY) | decimal
winning_supplier | 成交供应商 | Winning supplier
withdrawal_date | 提取日期 | Withdrawal date
withdrawal_no | 提取业务编号 | Withdrawal number
withdrawal_reason | 提取原因 | Reason for withdrawal
withholder_id | 扣缴义务人识别号 | Withholding agent ID
work_district | 工作地点 | Work location
year | 年份 | Year
yearbook_year | 年鉴年份 | Yearbook edition
yield_per_mu | 单产(公斤/亩) | Yield per mu (kg) | decimal
yield_t | 产量(吨) | Output (t)
yoy_change_pct | 同比增减(%) | Year-on-year change (%)
yoy_growth_pct | 同比增长(%) | Year-on-year growth (%)
zone_id | 分区编号 | Zone ID
zone_type | 规划分区类型 | Zone type
"""

FIELD_GROUPS = {
    "@ent": "uscc ent_name",
    "@org": "uscc org_name",
    "@party": "party_name uscc",
    "@person": "name_masked id_number_masked gender birth_date",
    "@loc": "address district lng lat",
    "@penalty": "penalty_no party_name uscc violation penalty_basis penalty_type penalty_amount decision_date "
    "decision_org",
}


def C(name_zh, name_en, theme, access, freq, approx, fields, kw_zh, kw_en, rec_zh, rec_en, use,
      **extra):
    """One catalog entry as written in the tables below.

    access: openness letter + grade letter (see OPENNESS, GRADE); approx: the order of magnitude
    of the record count (the generator jitters and scales it); fields: field keys and @groups;
    kw_zh: keywords separated by spaces, kw_en: by ";"; rec_zh / rec_en: what one record is
    (completes "每条记录为…" / "Each record is …"); use: a key of USES.
    extra: area (AREAS key), start / end (ISO dates of the time coverage), sys (source system),
    fixed=True for registries whose size is publicly known (population, vehicles, enterprises):
    their count is only jittered, never scaled.
    """
    return {
        "name_zh": name_zh, "name_en": name_en, "theme": theme, "access": access, "freq": freq,
        "approx": approx, "fields": fields, "kw_zh": kw_zh, "kw_en": kw_en,
        "rec_zh": rec_zh, "rec_en": rec_en, "use": use, **extra,
    }


CATEGORIES = {}

CATEGORIES["FGW"] = [
    C("重点生活必需品价格监测数据", "Price monitoring of daily necessities", "commerce", "Cg", "daily",
      720_000, "monitor_point product_name spec unit price price_date price_change_pct district",
      "物价 价格监测 猪肉价格 蔬菜价格 菜价", "price monitoring; consumer prices; pork prices; vegetable prices",
      "某一监测点某日一种生活必需品的零售价格", "the retail price of one staple item at one monitoring point on one day",
      "market", sys=("价格监测系统", "price monitoring system")),
    C("政府定价目录及收费标准", "Government-set prices and fee standards", "commerce", "Ug", "irregular",
      1_700, "item_name price_category price unit policy_doc_no effective_date",
      "政府定价 水价 电价 天然气价格 收费标准", "government pricing; water tariff; electricity tariff; gas price; fee schedule",
      "一项由政府定价或指导价管理的商品或服务收费标准", "one government-set or government-guided price or fee",
      "market"),
    C("固定资产投资项目审批核准备案信息", "Fixed-asset investment project approvals and filings", "industry", "Ci",
      "daily", 280_000, "project_code project_name @ent project_type total_investment build_location approval_date "
      "approval_status",
      "项目备案 投资项目 审批核准 固定资产投资", "project filing; investment project; project approval; fixed-asset investment",
      "一个投资项目的审批、核准或备案结果", "the approval, verification or filing result of one investment project",
      "invest", sys=("四川省投资项目在线审批监管平台", "Sichuan online investment project approval platform")),
    C("市级重点项目名单", "Municipal key projects", "industry", "Cg", "yearly", 4_600,
      "project_year project_name owner_org industry_chain total_investment annual_investment district start_date",
      "重点项目 重大项目 投资", "key projects; major projects; investment",
      "某年度列入市级重点项目计划的一个项目", "one project on the municipal key-project plan for a year", "invest"),
    C("行政许可信息(双公示)", "Administrative licensing records (double publicity)", "credit", "Ug", "daily",
      2_400_000, "licence_doc_no licence_name licence_type @party licence_content decision_date valid_to decision_org",
      "行政许可 双公示 信用成都 信用信息", "administrative licence; double publicity; Credit Chengdu; credit records",
      "一次行政许可决定的公示信息", "the public notice of one administrative licensing decision", "credit"),
    C("行政处罚信息(双公示)", "Administrative penalty records (double publicity)", "credit", "Ug", "daily",
      500_000, "@penalty", "行政处罚 双公示 失信 信用记录", "administrative penalty; double publicity; credit record",
      "一次行政处罚决定的公示信息", "the public notice of one administrative penalty decision", "credit"),
    C("公共信用综合评价结果", "Public credit composite evaluation results", "credit", "Ci", "monthly",
      600_000, "@ent eval_period credit_score credit_level eval_org eval_date",
      "信用评价 信用等级 企业信用 公共信用", "credit evaluation; credit rating; corporate credit; public credit",
      "一个市场主体在某评价期的公共信用综合评价结果", "one market entity's composite public credit rating for a period",
      "credit"),
    C("守信激励对象(红名单)信息", "Trustworthy entities (red list)", "credit", "Ug", "monthly", 46_000,
      "@ent list_type listed_reason listed_date listing_org valid_to",
      "红名单 守信激励 诚信企业", "red list; trustworthy entity; creditworthy enterprise",
      "一个被列入守信激励名单的市场主体", "one market entity placed on a trustworthy (red) list", "credit"),
    C("信用修复信息", "Credit restoration records", "credit", "Cg", "daily", 210_000,
      "@ent restored_record_type original_doc_no apply_date restore_date restore_org",
      "信用修复 失信修复 信用", "credit restoration; credit repair; credit",
      "一次完成的信用修复", "one completed credit restoration", "credit"),
    C("失信被执行人名单", "Dishonest judgment debtors", "credit", "Ug", "daily", 96_000,
      "case_no party_name uscc_or_id_masked court_name obligation dishonest_behaviour publish_date performance_status",
      "失信被执行人 老赖 黑名单 信用", "dishonest judgment debtor; blacklist; defaulter; credit",
      "一个被人民法院纳入失信被执行人名单的当事人", "one party placed on the courts' list of dishonest judgment debtors",
      "credit", sys=("信用成都平台(法院共享数据)", "Credit Chengdu platform (data shared by the courts)")),
    C("固定资产投资项目节能审查信息", "Energy-saving reviews of investment projects", "resources_energy", "Cg",
      "monthly", 2_100, "project_code project_name @ent annual_energy_tce review_opinion review_date review_org",
      "节能审查 能耗 能源消费", "energy-saving review; energy consumption; energy use",
      "一个固定资产投资项目的节能审查意见", "the energy-saving review opinion on one fixed-asset investment project",
      "energy"),
    C("粮食储备库点信息", "Grain reserve depots", "agriculture", "Xi", "yearly", 120,
      "depot_name operator_name address district storage_capacity_t grain_types lng lat",
      "粮食储备 粮库 储备粮", "grain reserves; grain depot; strategic reserves",
      "一个承储地方储备粮的库点", "one depot storing local grain reserves", "internal"),
]

CATEGORIES["JXJ"] = [
    C("规模以上工业企业名录", "Register of above-scale industrial enterprises", "industry", "Cg", "yearly", 4_600,
      "@ent industry_code main_product district employee_band listed_year",
      "规上工业 工业企业 制造业", "above-scale industry; industrial enterprises; manufacturing",
      "一家年主营业务收入2000万元以上的工业企业", "one industrial enterprise with annual revenue above CNY 20 million",
      "invest"),
    C("企业用电量数据", "Enterprise electricity consumption", "resources_energy", "Ci", "monthly", 1_600_000,
      "@ent meter_account_masked stat_month kwh_total kwh_peak kwh_valley industry_code district",
      "用电量 电力 能耗 企业用电", "electricity consumption; power use; energy use; enterprise electricity",
      "一家企业一个用电户号某月的用电量", "one month's electricity use of one enterprise power account", "credit",
      sys=("电力运行监测系统(国网成都供电公司共享)", "power monitoring system (shared by State Grid Chengdu)")),
    C("重点用能工业企业能耗数据", "Energy consumption of key industrial energy users", "resources_energy", "Ci",
      "monthly", 280_000, "@ent stat_month coal_t gas_m3 electricity_kwh total_energy_tce output_value "
      "energy_intensity",
      "能耗 碳排放 节能 工业能耗", "energy consumption; carbon emissions; energy saving; industrial energy",
      "一家重点用能企业某月的能源消费量", "one key energy-using enterprise's energy consumption for one month", "energy"),
    C("专精特新中小企业名单", "Specialised and innovative SMEs (Zhuanjingtexin)", "industry", "Ug", "yearly",
      3_900, "@ent recognition_level recognition_year main_product district valid_to",
      "专精特新 小巨人 中小企业", "specialised and innovative SMEs; little giants; SMEs",
      "一家被认定为专精特新的中小企业", "one SME recognised as specialised, refined, distinctive and innovative",
      "invest", start="2019-01-01"),
    C("新能源汽车充电站信息", "EV charging stations", "transport", "Ug", "weekly", 14_800,
      "station_id station_name operator_name @loc pile_count fast_pile_count total_power_kw open_hours",
      "充电桩 充电站 新能源汽车 电动汽车", "EV charging; charging station; charging pile; electric vehicles",
      "一个对外开放的电动汽车充电站", "one publicly accessible electric-vehicle charging station", "mobility", start="2015-01-01"),
    C("5G基站建设信息", "5G base station deployment", "industry", "Ci", "quarterly", 86_000,
      "site_id carrier district street lng lat band build_date status",
      "5G 基站 通信 新基建", "5G; base station; telecommunications; new infrastructure",
      "一个已建成的5G基站站址", "one built 5G base-station site", "planning", start="2019-06-01"),
    C("工业园区(产业功能区)信息", "Industrial parks and functional zones", "industry", "Cg", "yearly", 140,
      "park_name park_level leading_industries planned_area_km2 enterprise_count management_org district geom",
      "工业园区 产业园区 产业功能区", "industrial park; industrial zone; functional zone",
      "一个工业园区或产业功能区", "one industrial park or industrial functional zone", "invest"),
    C("绿色工厂与绿色制造名单", "Green factories and green manufacturing list", "industry", "Cg", "yearly", 620,
      "@ent green_type recognition_level recognition_year district",
      "绿色工厂 绿色制造 低碳", "green factory; green manufacturing; low carbon",
      "一家入选绿色制造名单的企业或产品", "one enterprise or product on a green-manufacturing list", "energy"),
    C("工业技术改造项目信息", "Industrial technology upgrade projects", "industry", "Ci", "quarterly", 7_300,
      "project_name @ent total_investment equipment_investment start_date completion_date project_status district",
      "技术改造 技改 智能制造", "technology upgrade; technical renovation; smart manufacturing",
      "一个工业企业技术改造投资项目", "one industrial technology-upgrade investment project", "invest"),
    C("软件和信息技术服务企业信息", "Software and IT service enterprises", "industry", "Cg", "yearly", 6_800,
      "@ent business_segment annual_revenue_band employee_band district",
      "软件企业 信息技术 软件和信息服务", "software companies; information technology; IT services",
      "一家软件和信息技术服务业企业", "one software or IT-services enterprise", "invest"),
    C("有序用电与电力保供方案信息", "Orderly power-use and supply-security plans", "resources_energy", "Xi",
      "irregular", 32_000, "@ent plan_level curtailment_kw priority district effective_date",
      "有序用电 限电 电力保供", "orderly power use; power rationing; power supply security",
      "一家企业在有序用电方案中的限电安排", "one enterprise's curtailment assignment under an orderly power-use plan",
      "internal"),
    C("工业企业亩均效益评价信息", "Industrial enterprise output-per-mu evaluations", "industry", "Ci", "yearly",
      38_000, "@ent eval_year land_area_mu tax_per_mu output_per_mu energy_per_output eval_grade",
      "亩均效益 亩均税收 土地效益", "output per mu; tax per mu; land-use efficiency",
      "一家工业企业某年度的亩均效益评价结果", "one industrial enterprise's per-mu land-efficiency rating for a year",
      "credit"),
]

CATEGORIES["JYJ"] = [
    C("中小学校基本信息", "Primary and secondary schools", "education", "Ug", "yearly", 1_460,
      "school_code school_name school_level ownership @loc phone_public class_count student_count teacher_count",
      "学校 中小学 小学 初中 高中", "school; primary school; secondary school; middle school; high school",
      "一所中小学校的办学基本情况", "the basic facts of one primary or secondary school", "edu"),
    C("幼儿园基本信息", "Kindergartens", "education", "Ug", "yearly", 3_600,
      "school_code school_name ownership is_inclusive @loc class_count child_count phone_public",
      "幼儿园 学前教育 普惠性幼儿园", "kindergarten; preschool; nursery school; affordable kindergarten",
      "一所幼儿园的办园基本情况", "the basic facts of one kindergarten", "edu"),
    C("义务教育学校划片范围信息", "Compulsory-education school catchment areas", "education", "Ug", "yearly",
      12_000, "school_year school_name school_level district catchment_description geom",
      "学区 划片 学区房 入学", "school catchment; school district; admission zone",
      "某学年一所学校的招生划片范围", "one school's catchment area for one school year", "edu"),
    C("学生学籍信息", "Student enrolment records", "education", "Xk", "daily", 2_600_000,
      "student_no_masked @person school_name grade class_name enrolment_date status",
      "学籍 学生 在校生", "student records; pupils; enrolment",
      "一名在成都就读的中小学或幼儿园学生的学籍", "the enrolment record of one pupil in Chengdu", "internal",
      sys=("全国中小学生学籍信息管理系统", "national student enrolment management system"), fixed=True),
    C("教师资格证书信息", "Teacher qualification certificates", "education", "Ci", "monthly", 360_000,
      "cert_no name_masked gender qualification_type subject issue_date issuing_org",
      "教师资格证 教师 资格认定", "teacher qualification; teaching certificate; teachers",
      "一本教师资格证书", "one teacher qualification certificate", "hr"),
    C("中考成绩统计信息", "Senior-high entrance exam score statistics", "education", "Ci", "yearly", 3_800,
      "exam_year district subject candidate_count mean_score pass_rate excellent_rate",
      "中考 成绩统计 升学", "senior high entrance exam; zhongkao; exam statistics",
      "某年某区(市)县一个中考科目的成绩统计", "one subject's entrance-exam score statistics for one district and year",
      "edu"),
    C("普通高中录取分数线信息", "High school admission cut-off scores", "education", "Ug", "yearly", 5_600,
      "exam_year school_name admission_batch cutoff_score enrolment_plan district",
      "录取分数线 高中 中考招生", "admission cut-off; high school; admissions",
      "某年一所普通高中某批次的录取最低分", "one high school's minimum admission score for one batch and year", "edu"),
    C("民办学校及校外培训机构信息", "Private schools and after-school tutoring providers", "education", "Ug",
      "monthly", 4_700, "org_name uscc licence_no school_type training_category @loc approval_date",
      "校外培训 培训机构 民办学校", "after-school tutoring; training institution; private school",
      "一家取得办学许可的民办学校或校外培训机构", "one licensed private school or after-school tutoring provider", "edu"),
    C("教育经费统计信息", "Education expenditure statistics", "education", "Cg", "yearly", 2_400,
      "stat_year district school_level total_expenditure per_student_expenditure fiscal_share",
      "教育经费 生均经费 教育投入", "education spending; per-student expenditure; education funding",
      "某年某区(市)县一个学段的教育经费统计", "one year's education spending for one district and school level",
      "stats"),
    C("学生体质健康监测数据", "Student physical fitness monitoring", "education", "Xk", "yearly", 500_000,
      "student_no_masked school_name grade gender height_cm weight_kg bmi vital_capacity test_score test_year",
      "体质健康 学生体测 近视", "physical fitness; student health; fitness test",
      "一名学生某学年的体质健康测试结果", "one student's fitness-test results for one school year", "health"),
    C("校园安全隐患排查信息", "School safety hazard inspections", "public_safety", "Ci", "monthly", 46_000,
      "inspection_no school_name hazard_type hazard_level found_date rectify_deadline rectify_status",
      "校园安全 隐患排查 学校", "school safety; hazard inspection; schools",
      "一次校园安全隐患排查发现的问题", "one hazard found in a school safety inspection", "safety"),
    C("高等学校基本信息", "Higher education institutions", "education", "Ug", "yearly", 65,
      "school_code school_name school_type ownership @loc student_count founded_year website",
      "大学 高校 高等教育", "university; college; higher education",
      "一所在蓉普通高等学校", "one institution of higher education in Chengdu", "edu"),
    C("学位供给与招生计划信息", "School places and admission plans", "education", "Cg", "yearly", 8_900,
      "school_year school_name school_level district planned_classes planned_places",
      "学位 招生计划 入学", "school places; admission plan; enrolment",
      "某学年一所学校的招生计划", "one school's admission plan for one school year", "edu"),
    C("校车使用许可信息", "School bus permits", "transport", "Cg", "monthly", 2_600,
      "permit_no plate_no_masked school_name seats route_description driver_qualified valid_to",
      "校车 学生交通 安全", "school bus; student transport; safety",
      "一辆取得使用许可的校车", "one school bus with an operating permit", "safety"),
]

CATEGORIES["KJJ"] = [
    C("高新技术企业名单", "High-tech enterprises", "science", "Ug", "yearly", 14_900,
      "@ent cert_no tech_field recognition_year valid_to district",
      "高新技术企业 高企 科技企业", "high-tech enterprise; HNTE; technology company",
      "一家经认定的高新技术企业", "one certified high- and new-technology enterprise", "science"),
    C("科技型中小企业名单", "Technology-based SMEs", "science", "Ug", "yearly", 22_000,
      "@ent registration_no eval_year rd_staff_ratio district",
      "科技型中小企业 入库 科技企业", "technology-based SME; tech SME; technology company",
      "一家入库的科技型中小企业", "one registered technology-based SME", "science"),
    C("市级科技计划项目信息", "Municipal science and technology programme projects", "science", "Cg", "yearly",
      18_600, "project_no project_name undertaking_org programme_type funding_amount start_date end_date "
      "project_status",
      "科技项目 科研经费 科技计划", "research project; research funding; science programme",
      "一个市级科技计划立项项目", "one project funded under a municipal science programme", "science"),
    C("技术合同登记信息", "Registered technology contracts", "science", "Ci", "monthly", 130_000,
      "contract_no contract_type seller_name buyer_name tech_field contract_amount reg_date",
      "技术合同 技术交易 成果转化 专利许可", "technology contract; technology transaction; technology transfer; patent licensing",
      "一份经登记的技术开发、转让、许可或服务合同", "one registered technology development, transfer, licensing or service contract",
      "science"),
    C("科技企业孵化器及众创空间信息", "Technology incubators and maker spaces", "science", "Cg", "yearly", 360,
      "org_name operator_name recognition_level @loc area_m2 tenant_count",
      "孵化器 众创空间 创业", "incubator; maker space; start-ups",
      "一家科技企业孵化器或众创空间", "one technology incubator or maker space", "science"),
    C("新型研发机构信息", "New-type R&D institutions", "science", "Ug", "yearly", 140,
      "org_name uscc founding_org research_field recognition_year district",
      "新型研发机构 研发 产学研", "new-type R&D institution; research and development; industry-academia",
      "一家经认定的新型研发机构", "one recognised new-type R&D institution", "science"),
    C("重点实验室与工程技术研究中心信息", "Key laboratories and engineering research centres", "science", "Cg",
      "yearly", 720, "lab_name host_org lab_level research_field recognition_year district",
      "重点实验室 工程技术研究中心 科研平台", "key laboratory; engineering research centre; research platform",
      "一个重点实验室或工程技术研究中心", "one key laboratory or engineering research centre", "science"),
    C("科技成果登记信息", "Registered scientific and technological achievements", "science", "Cg", "monthly",
      26_000, "achievement_no achievement_name completing_org tech_field maturity reg_date",
      "科技成果 成果转化 技术成果", "research results; technology achievements; technology transfer",
      "一项登记的科技成果", "one registered research or technology result", "science"),
    C("企业研发投入统计", "Enterprise R&D expenditure statistics", "science", "Ci", "yearly", 42_000,
      "@ent stat_year rd_expenditure rd_staff rd_intensity",
      "研发投入 研发费用 创新", "R&D expenditure; research spending; innovation",
      "一家企业某年度的研发投入情况", "one enterprise's R&D spending for one year", "science"),
    C("科技创新券发放兑付信息", "Innovation voucher issuance and redemption", "science", "Ci", "monthly", 68_000,
      "voucher_no @ent service_provider service_type voucher_amount redeem_amount redeem_date",
      "创新券 科技服务 科技金融", "innovation voucher; technology services; technology finance",
      "一张科技创新券的申领与兑付", "the issue and redemption of one innovation voucher", "science", start="2015-01-01"),
    C("科技专家库信息", "Science and technology expert pool", "science", "Ci", "quarterly", 14_500,
      "expert_id name_masked employer_name title_level expertise_field",
      "科技专家 评审专家 专家库", "technology experts; reviewers; expert pool",
      "一名入库的科技评审专家", "one expert in the municipal science-review pool", "science"),
    C("大型科研仪器共享信息", "Shared large research instruments", "science", "Ug", "quarterly", 5_600,
      "instrument_name model owner_org instrument_value share_mode fee_standard @loc",
      "科研仪器 大型仪器 共享", "research instruments; scientific equipment; sharing",
      "一台对外开放共享的大型科研仪器", "one large research instrument available for shared use", "science"),
]

CATEGORIES["GAJ"] = [
    C("户籍人口基本信息", "Registered (hukou) population records", "public_safety", "Xk", "daily", 15_600_000,
      "@person ethnicity hukou_address hukou_type household_no police_station reg_date",
      "户籍 户口 人口 身份证", "household registration; hukou; population; resident identity",
      "一名在成都登记常住户口的人员", "one person with permanent household registration (hukou) in Chengdu",
      "internal", sys=("人口信息管理系统", "population information system"), fixed=True),
    C("户籍人口分街道统计", "Registered population by subdistrict", "civil_affairs", "Ug", "quarterly", 3_400,
      "stat_period district street household_count population male_count female_count age_0_17 age_18_59 age_60_plus",
      "户籍人口 人口统计 年龄结构 老龄化", "registered population; population statistics; age structure; ageing",
      "某季度一个街道(乡镇)的户籍人口统计", "one quarter's registered-population statistics for one subdistrict",
      "planning"),
    C("居住证办理信息", "Residence permit records", "public_safety", "Xk", "daily", 1_200_000,
      "permit_no_masked @person residence_address issue_date valid_to police_station",
      "居住证 流动人口 身份 户籍", "residence permit; migrant population; identity; hukou",
      "一张成都市居住证的办理记录", "one Chengdu residence permit", "internal"),
    C("流动人口居住登记信息", "Migrant population residence registrations", "public_safety", "Xk", "daily",
      1_500_000, "@person origin_place residence_address reg_date residence_reason police_station",
      "流动人口 居住登记 人口", "migrant population; residence registration; population",
      "一名来蓉流动人口的居住登记", "the residence registration of one migrant resident", "internal"),
    C("机动车登记信息", "Motor vehicle registrations", "transport", "Ci", "daily", 6_600_000,
      "plate_no_masked vehicle_type brand_model vehicle_color fuel_type use_nature reg_date inspection_valid_to "
      "vehicle_status owner_type",
      "机动车 汽车保有量 车辆登记 新能源汽车", "motor vehicle; vehicle registration; car ownership; new energy vehicle",
      "一辆在成都注册登记的机动车", "one motor vehicle registered in Chengdu", "insurance",
      sys=("交通管理信息系统", "traffic management information system"), fixed=True),
    C("机动车驾驶人信息", "Licensed drivers", "transport", "Ci", "daily", 7_900_000,
      "licence_no_masked gender age_band licence_class first_issue_date valid_to licence_status cycle_points",
      "驾驶证 驾驶人 驾照 记分", "driving licence; drivers; driver's license; penalty points",
      "一名在成都核发驾驶证的驾驶人", "one driver licensed in Chengdu", "insurance",
      sys=("交通管理信息系统", "traffic management information system"), fixed=True),
    C("道路交通违法信息", "Road traffic violations", "transport", "Ci", "daily", 2_100_000,
      "violation_no plate_no_masked vehicle_type violation_time violation_location violation_code violation_desc "
      "points fine_amount handling_status",
      "交通违法 违章 电子警察 超速", "traffic violation; traffic offence; traffic camera; speeding",
      "一起被记录的道路交通违法行为", "one recorded road traffic violation", "insurance",
      sys=("交通管理信息系统", "traffic management information system")),
    C("道路交通事故信息", "Road traffic accidents", "public_safety", "Ci", "daily", 540_000,
      "accident_no occurred_at road_name district accident_type weather_condition deaths injuries property_loss "
      "responsibility",
      "交通事故 道路安全 事故", "traffic accident; road safety; collision",
      "一起道路交通事故的处理记录", "one road traffic accident case", "insurance"),
    C("实时路况数据", "Real-time road traffic conditions", "transport", "Ci", "realtime", 1_200_000,
      "segment_id road_name direction observed_at avg_speed congestion_index travel_time_s",
      "路况 拥堵指数 实时交通 堵车", "traffic conditions; congestion index; real-time traffic; traffic jam",
      "一个道路路段某一时段的通行速度与拥堵指数", "the speed and congestion index of one road segment for one interval",
      "mobility", area="urban", sys=("交通信号与路况监测系统", "traffic signal and road-condition monitoring system")),
    C("交通信号灯路口信息", "Signalised intersections", "transport", "Cg", "monthly", 4_300,
      "intersection_id intersection_name district lng lat control_mode phase_count install_date",
      "信号灯 红绿灯 路口", "traffic signal; traffic lights; intersection",
      "一个设置交通信号灯的路口", "one signal-controlled intersection", "mobility"),
    C("交通技术监控设备点位信息", "Traffic enforcement camera locations", "transport", "Ci", "monthly", 3_900,
      "device_id device_type road_name direction district lng lat enforcement_type enable_date",
      "电子警察 测速 卡口 摄像头", "traffic camera; speed camera; checkpoint",
      "一处交通技术监控设备的设置点位", "the location of one traffic enforcement camera", "mobility"),
    C("交通管制及占道施工信息", "Traffic control and roadwork closures", "transport", "Ug", "realtime", 86_000,
      "notice_no road_name section start_time end_time control_type detour_advice decision_org",
      "交通管制 封路 占道施工 道路施工 路况", "traffic control; road closure; roadworks; traffic conditions",
      "一条交通管制或占道施工通告", "one traffic-control or roadwork notice", "mobility"),
    C("出入境证件办理统计", "Exit-entry document statistics", "government_services", "Cg", "monthly", 2_100,
      "stat_month district document_type application_count issued_count",
      "出入境 护照 港澳通行证", "exit-entry; passport; travel permit",
      "某月某区(市)县一类出入境证件的受理和签发量", "one month's applications and issues of one document type in one district",
      "gov"),
    C("旅馆业特种行业许可信息", "Licensed hotels and lodging businesses", "culture_tourism", "Cg", "weekly", 12_800,
      "licence_no hotel_name uscc @loc room_count bed_count licence_date",
      "旅馆 酒店 宾馆 住宿", "hotel; lodging; guesthouse; accommodation",
      "一家取得特种行业许可的旅馆", "one hotel or guesthouse holding a public-security lodging licence", "tourism"),
    C("旅馆住宿登记信息", "Hotel guest registrations", "public_safety", "Xk", "realtime", 1_800_000,
      "hotel_name @person room_no check_in_time check_out_time",
      "住宿登记 旅客 酒店入住", "guest registration; hotel check-in; travellers",
      "一名旅客的一次入住登记", "one guest's check-in registration", "internal"),
    C("剧毒及易制爆危险化学品购买备案信息", "Purchase filings for toxic and explosive-precursor chemicals",
      "public_safety", "Xi", "daily", 48_000, "filing_no buyer_name uscc chemical_name quantity_kg purpose filing_date",
      "危险化学品 剧毒化学品 易制爆", "hazardous chemicals; toxic chemicals; explosive precursors",
      "一次剧毒或易制爆危险化学品的购买备案", "one filed purchase of toxic or explosive-precursor chemicals", "internal"),
    C("110警情分类统计", "110 police call statistics", "public_safety", "Ci", "daily", 85_000,
      "stat_date district street incident_category call_count",
      "110 警情 治安 报警", "110 calls; police incidents; public order; emergency calls",
      "某日一个街道一类警情的接报数量", "one day's count of one call category in one subdistrict", "safety"),
    C("养犬登记信息", "Dog registrations", "civil_affairs", "Ci", "daily", 780_000,
      "dog_tag_no breed dog_colour dog_sex birth_year owner_district vaccination_date reg_date valid_to",
      "养犬 犬只登记 宠物 狗证", "dog registration; pets; dog licence",
      "一只登记犬只的养犬登记证", "the registration certificate of one dog", "city"),
    C("电动自行车登记信息", "Electric bicycle registrations", "transport", "Ci", "daily", 1_700_000,
      "plate_no_masked brand_model vehicle_color reg_date owner_district",
      "电动自行车 电瓶车 非机动车 上牌", "electric bicycle; e-bike; non-motorised vehicle; registration",
      "一辆登记上牌的电动自行车", "one registered electric bicycle", "insurance"),
    C("派出所及警务室信息", "Police stations and community police offices", "government_services", "Ug", "monthly",
      1_280, "unit_name unit_type @loc phone_public service_hours",
      "派出所 警务室 办事地点", "police station; community police office; service location",
      "一个派出所或社区警务室", "one police station or community police office", "gov"),
    C("公安政务服务办件信息", "Public security service applications", "government_services", "Ci", "daily",
      800_000, "case_no item_name apply_channel accept_time finish_time handling_unit result satisfaction",
      "网上办事 办件 公安服务 政务服务", "online services; service applications; public security services",
      "一件公安政务服务事项的办理记录", "one public-security service application", "gov"),
]

CATEGORIES["MZJ"] = [
    C("社会组织登记信息", "Registered social organisations", "civil_affairs", "Ug", "weekly", 12_600,
      "uscc org_name org_type business_scope legal_rep supervisor_org reg_date reg_status address",
      "社会组织 社会团体 民办非企业 基金会", "social organisation; association; non-profit; foundation",
      "一个在民政部门登记的社会组织", "one social organisation registered with civil affairs", "verify"),
    C("养老机构信息", "Elderly care homes", "civil_affairs", "Ug", "monthly", 620,
      "org_name uscc ownership @loc bed_count nursing_bed_count star_rating phone_public",
      "养老院 养老机构 敬老院 养老", "care home; elderly care; nursing home; retirement home",
      "一家备案的养老机构", "one registered elderly care home", "welfare"),
    C("社区养老服务设施信息", "Community elderly care facilities", "civil_affairs", "Cg", "monthly", 4_300,
      "facility_name facility_type operator_name @loc service_items",
      "社区养老 日间照料 长者食堂 养老", "community elderly care; day care; seniors' canteen",
      "一处社区养老服务设施", "one community elderly-care facility", "welfare", start="2014-01-01"),
    C("城乡低保对象信息", "Minimum living allowance recipients", "civil_affairs", "Xk", "monthly", 390_000,
      "@person household_id district street assistance_type monthly_amount start_date",
      "低保 最低生活保障 社会救助", "minimum living allowance; dibao; social assistance",
      "一名享受城乡最低生活保障的人员", "one recipient of the minimum living allowance", "internal",
      sys=("社会救助信息系统", "social assistance information system")),
    C("特困人员救助供养信息", "Support for persons in extreme poverty", "civil_affairs", "Xk", "monthly", 52_000,
      "name_masked household_id district support_mode care_level monthly_amount start_date",
      "特困人员 救助供养 社会救助", "extreme poverty; destitute support; social assistance",
      "一名特困供养人员的救助记录", "the support record of one person in extreme poverty", "internal"),
    C("婚姻登记信息", "Marriage registrations", "civil_affairs", "Xk", "daily", 1_600_000,
      "cert_no_masked reg_type spouse_a_id_masked spouse_b_id_masked reg_date reg_office",
      "婚姻登记 结婚 离婚", "marriage registration; marriage; divorce",
      "一次结婚或离婚登记", "one marriage or divorce registration", "internal",
      sys=("全国婚姻登记信息系统", "national marriage registration system")),
    C("殡葬服务机构信息", "Funeral service facilities", "civil_affairs", "Cg", "yearly", 190,
      "org_name facility_type ownership @loc phone_public",
      "殡仪馆 公墓 殡葬", "funeral home; cemetery; funeral services",
      "一家殡仪馆、公墓或殡葬服务机构", "one funeral home, cemetery or funeral service provider", "welfare"),
    C("遗体火化信息", "Cremation records", "civil_affairs", "Xi", "daily", 500_000,
      "record_no deceased_id_masked death_date cremation_date funeral_home",
      "火化 死亡 殡葬", "cremation; death records; funerals",
      "一名逝者的遗体火化记录", "the cremation record of one deceased person", "internal"),
    C("行政区划与地名信息", "Administrative divisions and place names", "civil_affairs", "Ug", "yearly", 38_000,
      "division_code place_name place_type parent_code lng lat approval_date",
      "行政区划 地名 街道 社区 乡镇", "administrative division; place names; subdistrict; community; township",
      "一个行政区划单元或标准地名", "one administrative division or standard place name", "planning"),
    C("慈善组织及公开募捐信息", "Charities and public fundraising", "civil_affairs", "Ug", "monthly", 1_900,
      "uscc org_name fundraising_qualification campaign_name campaign_start campaign_end amount_raised",
      "慈善 公益 募捐", "charity; philanthropy; fundraising",
      "一家慈善组织或一次公开募捐活动", "one charity or public fundraising campaign", "welfare"),
    C("城乡社区基本信息", "Urban and rural communities", "civil_affairs", "Cg", "yearly", 3_050,
      "community_code community_name community_type district street population household_count area_km2 geom",
      "社区 村 城乡社区 社区治理", "community; village; neighbourhood; community governance",
      "一个城市社区或行政村", "one urban community or administrative village", "planning"),
    C("困境儿童保障信息", "Children in need of protection", "civil_affairs", "Xk", "monthly", 9_800,
      "@person child_category guardian_status district monthly_allowance start_date",
      "儿童福利 孤儿 困境儿童", "child welfare; orphans; children in difficulty",
      "一名孤儿、事实无人抚养儿童或困境儿童的保障记录", "the protection record of one orphan or child in difficulty",
      "internal"),
    C("高龄津贴发放信息", "Old-age allowance payments", "civil_affairs", "Ci", "monthly", 700_000,
      "name_masked id_number_masked age district street allowance_month amount",
      "高龄津贴 老年人 养老 补贴", "old-age allowance; senior citizens; elderly; subsidy",
      "一名老年人某月的高龄津贴发放记录", "one month's old-age allowance payment to one senior citizen", "welfare"),
    C("社会工作服务机构信息", "Social work service agencies", "civil_affairs", "Cg", "quarterly", 1_100,
      "org_name uscc service_field staff_count @loc",
      "社工 社会工作 服务机构", "social work; social workers; service agency",
      "一家社会工作服务机构", "one social work service agency", "welfare"),
]

CATEGORIES["SFJ"] = [
    C("律师事务所信息", "Law firms", "legal", "Ug", "monthly", 1_250,
      "firm_name uscc licence_no firm_type partner_in_charge lawyer_count @loc",
      "律师事务所 律所 法律服务", "law firm; legal services; lawyers",
      "一家律师事务所的执业信息", "the practice details of one law firm", "legal"),
    C("执业律师信息", "Practising lawyers", "legal", "Cg", "monthly", 21_000,
      "licence_no_masked name_masked gender firm_name practice_field first_licence_date",
      "律师 执业律师 法律咨询", "lawyer; attorney; legal advice",
      "一名在蓉执业律师", "one practising lawyer in Chengdu", "legal"),
    C("公证机构及公证员信息", "Notary offices and notaries", "legal", "Ug", "monthly", 380,
      "org_name notary_name_masked licence_no business_scope @loc",
      "公证 公证处 公证员", "notary; notary office; notarisation",
      "一家公证机构或一名公证员", "one notary office or notary", "legal"),
    C("司法鉴定机构信息", "Forensic appraisal institutions", "legal", "Ug", "monthly", 96,
      "org_name licence_no appraisal_categories appraiser_count @loc",
      "司法鉴定 鉴定机构 伤残鉴定", "forensic appraisal; forensic institution; disability assessment",
      "一家司法鉴定机构", "one forensic appraisal institution", "legal"),
    C("人民调解案件信息", "People's mediation cases", "legal", "Cg", "monthly", 420_000,
      "case_no committee_name dispute_type district accept_date close_date outcome",
      "人民调解 纠纷 调解", "people's mediation; disputes; mediation",
      "一件人民调解委员会受理的纠纷", "one dispute handled by a people's mediation committee", "legal"),
    C("法律援助案件信息", "Legal aid cases", "legal", "Ci", "monthly", 180_000,
      "case_no case_type recipient_category aid_provider accept_date close_date",
      "法律援助 免费律师 援助", "legal aid; free legal counsel; assistance",
      "一件法律援助案件", "one legal aid case", "legal"),
    C("社区矫正对象信息", "Persons under community correction", "legal", "Xk", "daily", 36_000,
      "@person correction_type sentence_start sentence_end supervising_office",
      "社区矫正 矫正对象", "community correction; probation",
      "一名社区矫正对象的矫正记录", "the community-correction record of one person", "internal"),
    C("公共法律服务站点信息", "Public legal service stations", "legal", "Ug", "quarterly", 3_400,
      "station_name station_level @loc service_items phone_public",
      "公共法律服务 法律咨询 站点", "public legal services; legal advice; service points",
      "一个公共法律服务中心、工作站或工作室", "one public legal service centre, station or office", "legal"),
    C("行政复议案件信息", "Administrative reconsideration cases", "legal", "Ci", "monthly", 38_000,
      "case_no case_category respondent_org accept_date decision_date decision_type",
      "行政复议 行政争议", "administrative reconsideration; administrative disputes",
      "一件行政复议案件", "one administrative reconsideration case", "legal"),
    C("地方性法规和政府规章库", "Local regulations and government rules", "legal", "Ug", "irregular", 1_180,
      "doc_no doc_title doc_type issuing_org issue_date effective_date validity_status",
      "法规 规章 规范性文件 政策", "regulations; government rules; normative documents; policy",
      "一部成都市地方性法规或政府规章", "one Chengdu local regulation or municipal government rule", "legal"),
]

CATEGORIES["CZJ"] = [
    C("政府采购合同公告信息", "Government procurement contract notices", "finance_tax", "Ug", "daily", 320_000,
      "contract_no project_name purchaser_name supplier_name uscc procurement_method contract_amount sign_date",
      "政府采购 采购合同 采购公告", "government procurement; procurement contract; procurement notice",
      "一份政府采购合同的公告", "the notice of one government procurement contract", "tender"),
    C("市级部门预决算公开信息", "Published budgets and final accounts of municipal departments", "finance_tax", "Ug",
      "yearly", 18_000, "fiscal_year org_name budget_type function_class amount",
      "预算 决算 三公经费 财政", "budget; final accounts; public spending; public finance",
      "某年度一个市级部门一个功能科目的预算或决算金额", "one department's budget or outturn for one functional class and year",
      "stats"),
    C("地方政府债券发行信息", "Local government bond issuance", "finance_tax", "Ug", "irregular", 640,
      "bond_code bond_name bond_type issue_date term_years coupon_rate issue_amount use_of_proceeds",
      "政府债券 专项债 地方债", "government bonds; special-purpose bonds; local government debt",
      "一期地方政府债券的发行信息", "the issuance details of one local government bond", "stats"),
    C("财政收支统计", "Fiscal revenue and expenditure statistics", "finance_tax", "Cg", "monthly", 6_200,
      "stat_month district item_name amount yoy_change_pct",
      "财政收入 财政支出 税收收入", "fiscal revenue; public expenditure; tax revenue",
      "某月某区(市)县一个收支科目的金额", "one month's amount for one revenue or spending item in one district", "stats"),
    C("惠民惠农财政补贴资金发放信息", "Subsidy payments to residents and farmers", "finance_tax", "Ci", "monthly",
      1_600_000, "name_masked id_number_masked subsidy_item amount pay_date district street",
      "补贴 惠民惠农 一卡通", "subsidies; benefit payments; one-card system",
      "一笔通过惠民惠农一卡通发放的补贴", "one subsidy paid through the benefit one-card system", "welfare"),
    C("政府采购供应商信息", "Government procurement suppliers", "finance_tax", "Cg", "daily", 96_000,
      "@ent supplier_type reg_date address main_products",
      "供应商 政府采购 政采云", "suppliers; government procurement; vendor register",
      "一家注册的政府采购供应商", "one registered government procurement supplier", "tender"),
    C("行政事业单位国有资产信息", "State-owned assets of public-sector bodies", "finance_tax", "Xi", "yearly",
      500_000, "asset_no asset_name asset_category org_name original_value net_value acquire_date use_status",
      "国有资产 行政事业单位 资产", "state-owned assets; public institutions; fixed assets",
      "一项行政事业单位国有资产卡片", "one asset card of a public-sector body", "internal"),
    C("会计师事务所及代理记账机构信息", "Accounting firms and bookkeeping agencies", "finance_tax", "Cg", "monthly",
      3_100, "org_name uscc licence_no org_type partner_in_charge @loc",
      "会计师事务所 代理记账 财务", "accounting firm; bookkeeping agency; accounting",
      "一家会计师事务所或代理记账机构", "one accounting firm or bookkeeping agency", "compliance"),
]

CATEGORIES["RSJ"] = [
    C("城镇职工基本养老保险参保信息", "Urban employees' basic pension insurance enrolment", "social_security", "Ci",
      "monthly", 3_500_000,
      "name_masked id_number_masked employer_name uscc insured_status first_insured_date contribution_base_band "
      "months_contributed last_paid_month",
      "养老保险 社保 参保 缴费", "pension insurance; social insurance; enrolment; contributions",
      "一名职工的基本养老保险参保和缴费状态", "one employee's basic pension insurance enrolment and contribution status",
      "credit", sys=("社会保险经办信息系统", "social insurance administration system")),
    C("失业保险参保信息", "Unemployment insurance enrolment", "social_security", "Ci", "monthly", 2_000_000,
      "name_masked id_number_masked employer_name uscc insured_status first_insured_date months_contributed "
      "last_paid_month",
      "失业保险 社保 参保", "unemployment insurance; social insurance; enrolment",
      "一名职工的失业保险参保状态", "one employee's unemployment insurance enrolment status", "credit",
      sys=("社会保险经办信息系统", "social insurance administration system")),
    C("工伤保险参保信息", "Work-injury insurance enrolment", "social_security", "Ci", "monthly", 2_100_000,
      "name_masked id_number_masked employer_name uscc insured_status first_insured_date industry_risk_class",
      "工伤保险 社保 参保", "work-injury insurance; employment injury; social insurance",
      "一名职工的工伤保险参保状态", "one employee's work-injury insurance enrolment status", "insurance",
      sys=("社会保险经办信息系统", "social insurance administration system")),
    C("失业保险金领取信息", "Unemployment benefit payments", "social_security", "Xk", "monthly", 600_000,
      "name_masked id_number_masked benefit_month amount benefit_start benefit_end",
      "失业金 失业保险金 失业", "unemployment benefit; jobseeker's allowance; unemployment",
      "一名失业人员某月领取的失业保险金", "one month's unemployment benefit paid to one person", "internal"),
    C("工伤认定信息", "Work-related injury determinations", "social_security", "Xk", "daily", 210_000,
      "case_no name_masked employer_name uscc injury_date injury_type determination_result determination_date",
      "工伤认定 工伤 职业伤害", "work injury determination; occupational injury; employment injury",
      "一件工伤认定案件的结论", "the outcome of one work-injury determination", "internal"),
    C("用人单位社会保险登记信息", "Employer social insurance registrations", "social_security", "Ci", "daily",
      690_000, "@org social_insurance_no insured_types insured_headcount reg_date payment_status",
      "社保登记 参保单位 用人单位 社保", "employer registration; social insurance; employers",
      "一个用人单位的社会保险登记和参保人数", "one employer's social insurance registration and insured headcount",
      "credit"),
    C("社会保障卡服务网点信息", "Social security card service outlets", "government_services", "Ug", "monthly",
      1_300, "outlet_name issuing_bank @loc service_hours services_offered",
      "社保卡 社会保障卡 即时制卡 网点", "social security card; instant card issuing; service outlet",
      "一个可办理社会保障卡业务(含即时制卡)的服务网点",
      "one outlet handling social security cards, including instant card issuing", "gov", start="2016-01-01"),
    C("企业招聘岗位信息", "Job vacancies", "social_security", "Cg", "daily", 900_000,
      "job_id employer_name uscc job_title job_category headcount salary_min salary_max education_required "
      "work_district post_date",
      "招聘 岗位 就业 工作", "job vacancy; recruitment; employment; jobs",
      "一条用人单位发布的招聘岗位", "one job vacancy posted by an employer", "hr",
      sys=("成都人力资源市场信息系统", "Chengdu labour market information system")),
    C("求职登记信息", "Jobseeker registrations", "social_security", "Ci", "daily", 920_000,
      "seeker_id gender age_band education desired_job desired_salary reg_date district",
      "求职 就业 找工作", "job seekers; employment; job search",
      "一名求职者的求职登记", "one jobseeker's registration", "hr"),
    C("职业技能等级证书信息", "Vocational skill level certificates", "social_security", "Ci", "weekly",
      800_000, "cert_no name_masked occupation skill_level issuing_org issue_date",
      "职业技能 技能证书 技能等级", "vocational skills; skill certificate; skill level",
      "一本职业技能等级证书", "one vocational skill level certificate", "hr"),
    C("专业技术人员职称信息", "Professional title records", "social_security", "Ci", "monthly", 760_000,
      "name_masked employer_name title_series title_level approval_date cert_no",
      "职称 专业技术人员 高级职称", "professional title; professional and technical staff; senior title",
      "一名专业技术人员取得的职称", "one professional title awarded to one person", "hr"),
    C("劳动保障监察执法信息", "Labour inspection enforcement", "social_security", "Ug", "weekly", 18_000,
      "case_no @party violation handling_result penalty_amount decision_date",
      "劳动监察 欠薪 劳动保障", "labour inspection; unpaid wages; labour protection",
      "一件劳动保障监察案件的处理结果", "the outcome of one labour inspection case", "compliance"),
    C("拖欠农民工工资失信联合惩戒对象名单", "Blacklist for unpaid migrant workers' wages", "credit", "Ug", "monthly",
      260, "@party legal_rep arrears_amount affected_workers listed_date removed_date",
      "欠薪 失信 农民工工资 黑名单", "wage arrears; blacklist; migrant workers' wages",
      "一个因拖欠农民工工资被列入失信名单的主体", "one entity blacklisted for withholding migrant workers' wages", "credit"),
    C("劳动人事争议仲裁案件信息", "Labour dispute arbitration cases", "legal", "Ci", "daily", 310_000,
      "case_no applicant_type respondent_name dispute_type amount_claimed filed_date closed_date outcome",
      "劳动仲裁 劳动争议 人事争议", "labour arbitration; employment dispute; workplace dispute",
      "一件劳动人事争议仲裁案件", "one labour or personnel dispute arbitration case", "legal"),
    C("人力资源服务机构许可信息", "Licensed human resources service agencies", "social_security", "Cg", "monthly",
      2_400, "licence_no org_name uscc service_scope address licence_date valid_to",
      "人力资源服务 职业中介 猎头", "HR service agency; recruitment agency; headhunter",
      "一家取得许可的人力资源服务机构", "one licensed human resources service agency", "hr"),
    C("就业创业补贴发放信息", "Employment and start-up subsidy payments", "social_security", "Ci", "monthly",
      640_000, "subsidy_type recipient_type recipient_name_masked uscc amount pay_date district",
      "就业补贴 创业补贴 稳岗返还", "employment subsidy; start-up subsidy; job retention refund",
      "一笔就业或创业补贴的发放", "one employment or start-up subsidy payment", "gov"),
    C("人力资源市场工资价位信息", "Labour-market wage benchmarks by occupation", "social_security", "Cg", "yearly",
      4_800, "stat_year occupation_code occupation_name wage_p10 wage_p50 wage_p90",
      "工资指导价位 薪酬 工资水平", "wage benchmark; salary levels; pay rates",
      "某年一个职业的工资价位分位值", "one year's wage percentiles for one occupation", "hr"),
    C("技工院校信息", "Technical schools", "education", "Ug", "yearly", 48,
      "school_code school_name school_type @loc majors enrolment_capacity phone_public",
      "技工学校 技师学院 职业教育", "technical school; technician college; vocational education",
      "一所技工院校", "one technical school or technician college", "edu"),
    C("城乡居民基本养老保险待遇领取信息", "Residents' basic pension payments", "social_security", "Xk", "monthly",
      600_000, "name_masked id_number_masked benefit_month pension_amount district street",
      "养老金 城乡居民养老保险 养老待遇", "pension payments; residents' pension; retirement benefits",
      "一名城乡居民某月领取的基本养老金", "one month's basic pension paid to one resident", "internal"),
]

CATEGORIES["GHZYJ"] = [
    C("国土空间规划分区信息", "Territorial spatial planning zones", "urban_housing", "Ci", "yearly", 48_000,
      "zone_id zone_type plan_name district area_m2 approval_date geom",
      "国土空间规划 规划分区 城市开发边界", "territorial spatial plan; planning zones; urban growth boundary",
      "一个国土空间规划分区图斑", "one territorial planning zone polygon", "planning", start="2021-01-01"),
    C("控制性详细规划信息", "Regulatory detailed plans (land parcels)", "urban_housing", "Ci", "irregular", 96_000,
      "plot_id plan_unit land_use_code plot_area_m2 floor_area_ratio building_density green_ratio height_limit_m geom",
      "控规 容积率 用地性质 规划", "regulatory plan; floor area ratio; land use zoning; planning",
      "一个控规地块的规划指标", "the planning controls of one regulatory-plan parcel", "planning"),
    C("建设用地规划许可信息", "Land-use planning permits", "urban_housing", "Cg", "weekly", 16_400,
      "permit_no project_name applicant_name land_use land_area_m2 location issue_date",
      "用地规划许可 规划许可 建设用地", "land-use planning permit; planning permission",
      "一份建设用地规划许可证", "one land-use planning permit", "planning"),
    C("建设工程规划许可信息", "Construction project planning permits", "urban_housing", "Cg", "weekly", 38_000,
      "permit_no project_name applicant_name location building_area_m2 building_height_m issue_date",
      "工程规划许可 规划许可 建设工程", "construction planning permit; planning permission; building project",
      "一份建设工程规划许可证", "one construction project planning permit", "planning"),
    C("国有建设用地使用权出让信息", "State-owned land-use right sales", "resources_energy", "Ug", "daily", 14_200,
      "parcel_no location district land_use area_m2 far_range reserve_price deal_price winning_bidder deal_date",
      "土地出让 土拍 地块 地价", "land auction; land sale; land parcel; land price",
      "一宗国有建设用地使用权的出让结果", "the result of one state-owned land-use right sale", "realestate"),
    C("土地利用现状调查数据", "Land-use survey data", "resources_energy", "Ci", "yearly", 600_000,
      "parcel_id land_class_code land_class_name ownership_type area_m2 survey_year district geom",
      "土地利用 国土变更调查 地类", "land use; land survey; land classification",
      "年度国土变更调查中的一个地类图斑", "one land-class polygon from the annual land survey", "planning"),
    C("永久基本农田保护信息", "Permanent basic farmland", "agriculture", "Ci", "yearly", 420_000,
      "parcel_id district township area_mu quality_grade designation_year geom",
      "基本农田 耕地保护 永久基本农田", "basic farmland; farmland protection; cropland",
      "一个永久基本农田保护图斑", "one permanent basic farmland polygon", "agri"),
    C("地质灾害隐患点信息", "Geological hazard sites", "public_safety", "Ci", "quarterly", 3_400,
      "site_id hazard_type scale_class threat_population threat_property_wan district township lng lat",
      "地质灾害 滑坡 泥石流 崩塌", "geological hazard; landslide; debris flow; rockfall",
      "一处地质灾害隐患点", "one geological hazard site", "safety"),
    C("矿业权信息", "Mining rights (exploration and extraction)", "resources_energy", "Cg", "quarterly", 280,
      "licence_no right_type mine_name holder_name mineral_type area_km2 valid_to district",
      "采矿权 探矿权 矿山 矿产资源", "mining right; exploration right; mine; mineral resources",
      "一个探矿权或采矿权", "one exploration or mining right", "invest"),
    C("基础测绘数字线划图", "Basic surveying digital line graphics (DLG)", "urban_housing", "Xi", "yearly",
      500_000, "feature_id feature_class feature_name scale survey_year geom",
      "测绘 地形图 DLG 地理信息", "surveying; topographic map; DLG; geographic information",
      "基础测绘数字线划图中的一个地物要素", "one feature in the basic-survey digital line graphic", "internal"),
    C("城市标准地址信息", "Standard urban addresses", "urban_housing", "Ci", "monthly", 900_000,
      "address_code standard_address district street road_name house_no building_name lng lat",
      "标准地址 门牌 地址库", "standard address; house numbers; address register",
      "一个标准地址(门楼牌)", "one standard address (door plate)", "planning", start="2016-01-01"),
    C("城镇基准地价信息", "Benchmark land prices", "resources_energy", "Cg", "yearly", 3_200,
      "price_zone land_use land_grade benchmark_price_yuan_m2 base_far valuation_date geom",
      "基准地价 地价 土地价格", "benchmark land price; land value; land price",
      "一个地价区段一类用途的基准地价", "the benchmark land price for one use in one price zone", "realestate"),
    C("自然资源行政处罚信息", "Natural resources administrative penalties", "resources_energy", "Ug", "weekly",
      7_600, "@penalty", "违法用地 行政处罚 自然资源", "illegal land use; administrative penalty; natural resources",
      "一次自然资源领域行政处罚决定", "one natural-resources penalty decision", "compliance"),
    C("历史建筑保护名录", "Protected historic buildings", "culture_tourism", "Ug", "yearly", 1_180,
      "building_name protection_level built_era structure_type @loc listed_batch",
      "历史建筑 历史文化名城 老建筑", "historic buildings; historic city; heritage architecture",
      "一处公布保护的历史建筑", "one listed historic building", "tourism"),
]

CATEGORIES["STHJJ"] = [
    C("空气质量实时监测数据", "Real-time air quality monitoring", "environment", "Ug", "realtime", 500_000,
      "station_id station_name observed_at aqi pm25 pm10 so2 no2 o3 co primary_pollutant",
      "空气质量 AQI PM2.5 雾霾 污染", "air quality; AQI; PM2.5; smog; air pollution",
      "一个空气质量监测站一个小时的监测结果", "one hour of readings from one air-quality monitoring station", "env"),
    C("空气质量日报", "Daily air quality reports", "environment", "Ug", "daily", 48_000,
      "report_date district aqi quality_level primary_pollutant pm25 pm10 o3_8h",
      "空气质量 空气质量日报 优良天数", "air quality; daily air quality report; good-air days",
      "某区(市)县某日的空气质量日报", "one district's air quality report for one day", "env"),
    C("空气质量监测站点信息", "Air quality monitoring stations", "environment", "Ug", "yearly", 380,
      "station_id station_name station_level @loc start_date",
      "监测站 空气质量 国控点", "monitoring station; air quality; national control site",
      "一个环境空气质量监测站", "one ambient air quality monitoring station", "env"),
    C("地表水水质监测数据", "Surface water quality monitoring", "environment", "Ug", "monthly", 96_000,
      "section_id section_name river_name sample_date water_class dissolved_oxygen codmn ammonia_n total_p",
      "水质 地表水 河流 断面", "water quality; surface water; rivers; monitoring section",
      "一个地表水监测断面一次采样的水质结果", "the water-quality results of one sample at one river section", "env"),
    C("集中式饮用水水源地水质信息", "Drinking water source quality", "environment", "Ci", "monthly", 5_800,
      "source_name source_type sample_date indicator_name value unit standard_limit is_compliant",
      "饮用水源 水源地 水质", "drinking water source; water source protection; water quality",
      "一个集中式饮用水水源地一个指标的监测值", "one indicator reading at one drinking water source", "water"),
    C("城市区域环境噪声监测数据", "Urban environmental noise monitoring", "environment", "Cg", "quarterly", 62_000,
      "point_id point_name functional_zone measured_at leq_db period",
      "噪声 声环境 噪音", "noise; acoustic environment; noise pollution",
      "一个噪声监测点一次监测的等效声级", "one equivalent sound-level reading at one noise monitoring point", "env"),
    C("重点排污单位名录", "Key pollutant-discharging entities", "environment", "Ug", "yearly", 1_850,
      "@ent list_year pollution_category industry_code district",
      "重点排污单位 污染源 排污", "key polluters; pollution sources; emissions",
      "一家列入重点排污单位名录的企业", "one enterprise on the key polluter list", "compliance"),
    C("排污许可证信息", "Pollutant discharge permits", "environment", "Cg", "weekly", 19_000,
      "permit_no @ent industry_code management_class main_pollutants issue_date valid_to",
      "排污许可 排污证 污染物排放", "discharge permit; emissions permit; pollutant discharge",
      "一份排污许可证", "one pollutant discharge permit", "compliance", start="2017-07-01"),
    C("污染源自动监控数据", "Pollution source continuous monitoring", "environment", "Ci", "realtime", 1_200_000,
      "outlet_id ent_name uscc observed_at pollutant value unit standard_limit exceeds_limit",
      "在线监测 污染源 排放 超标", "continuous emissions monitoring; pollution source; emissions; exceedance",
      "一个排放口一个污染物一个小时的在线监测值", "one hourly reading of one pollutant at one discharge outlet", "compliance"),
    C("建设项目环境影响评价审批信息", "Environmental impact assessment approvals", "environment", "Ug", "weekly",
      27_000, "approval_no project_name @ent eia_type location approval_date",
      "环评 环境影响评价 建设项目", "EIA; environmental impact assessment; construction project",
      "一个建设项目的环评审批结果", "the EIA approval decision for one construction project", "compliance"),
    C("生态环境行政处罚信息", "Environmental administrative penalties", "environment", "Ug", "weekly", 14_300,
      "@penalty", "环保处罚 环境违法 行政处罚", "environmental penalty; environmental violation; administrative penalty",
      "一次生态环境行政处罚决定", "one environmental penalty decision", "compliance"),
    C("企业环境信用评价信息", "Enterprise environmental credit ratings", "credit", "Ug", "yearly", 6_400,
      "@ent eval_year credit_level eval_org",
      "环境信用 环保信用 企业信用", "environmental credit; green credit; corporate credit",
      "一家企业某年度的环境信用评价等级", "one enterprise's environmental credit rating for one year", "credit"),
    C("危险废物转移联单信息", "Hazardous waste transfer manifests", "environment", "Ci", "daily", 420_000,
      "manifest_no producer_name receiver_name transporter_name waste_code quantity_t transfer_date",
      "危险废物 危废转移 固体废物", "hazardous waste; waste transfer manifest; solid waste",
      "一张危险废物转移联单", "one hazardous waste transfer manifest", "compliance", start="2016-01-01"),
    C("辐射安全许可信息", "Radiation safety licences", "environment", "Ci", "monthly", 3_100,
      "licence_no org_name uscc activity_type source_category issue_date valid_to",
      "辐射安全 放射源 射线装置", "radiation safety; radioactive sources; X-ray equipment",
      "一份辐射安全许可证", "one radiation safety licence", "compliance"),
    C("生态环境信访投诉信息", "Environmental complaints", "environment", "Ci", "daily", 680_000,
      "ticket_no received_at channel complaint_category district respondent_name handling_result close_date",
      "环境投诉 噪声扰民 油烟 异味", "environmental complaint; noise nuisance; cooking fumes; odour",
      "一件生态环境投诉举报", "one environmental complaint", "env"),
    C("重点企业温室气体排放报告信息", "Greenhouse gas emission reports of key enterprises", "resources_energy", "Xi",
      "yearly", 2_200, "@ent report_year industry_code co2_emissions_t verification_org",
      "碳排放 温室气体 碳核查", "carbon emissions; greenhouse gases; carbon verification",
      "一家重点排放企业某年度的温室气体排放报告", "one key emitter's greenhouse gas report for one year", "internal", start="2013-01-01"),
]

CATEGORIES["ZJJ"] = [
    C("新建商品房预售许可信息", "Pre-sale permits for new commercial housing", "urban_housing", "Ug", "daily",
      12_800, "permit_no project_name developer_name uscc district address building_count presale_units "
      "presale_area_m2 issue_date",
      "商品房 预售许可 新房 楼盘", "pre-sale permit; new homes; commercial housing; housing project",
      "一份商品房预售许可证", "one commercial housing pre-sale permit", "realestate",
      sys=("成都市房屋交易服务平台", "Chengdu housing transaction platform")),
    C("新建商品房网签备案信息", "New commercial housing sale contract filings", "urban_housing", "Ci", "daily",
      600_000, "contract_no project_name district building_no unit_usage floor_area_m2 unit_price total_price "
      "filing_date",
      "商品房 网签 成交 房价 新房", "new home sales; contract filing; house prices; new homes",
      "一套新建商品房的买卖合同网签备案(不含买受人信息)", "the filed sale contract of one new home (buyer details removed)",
      "realestate", sys=("成都市房屋交易服务平台", "Chengdu housing transaction platform")),
    C("存量房交易网签信息", "Second-hand housing transaction filings", "urban_housing", "Ci", "daily", 600_000,
      "contract_no district street compound_name floor_area_m2 unit_price total_price build_year filing_date",
      "二手房 存量房 房价 成交", "second-hand homes; resale housing; house prices; transactions",
      "一套存量房买卖合同的网签备案(不含当事人信息)", "the filed contract of one second-hand home sale (party details removed)",
      "realestate", sys=("成都市房屋交易服务平台", "Chengdu housing transaction platform")),
    C("房地产开发企业资质信息", "Real estate developer qualifications", "urban_housing", "Cg", "weekly", 3_800,
      "cert_no @ent qualification_grade issue_date valid_to",
      "房地产开发 开发商 资质", "real estate developer; property developer; qualification",
      "一家房地产开发企业的资质证书", "the qualification certificate of one property developer", "compliance"),
    C("住房租赁登记备案信息", "Residential tenancy registrations", "urban_housing", "Ci", "daily", 600_000,
      "filing_no district street house_usage floor_area_m2 monthly_rent lease_start lease_end",
      "租房 房屋租赁 租金 住房租赁", "rental housing; tenancy; rent; lettings",
      "一份住房租赁合同的登记备案(不含当事人信息)", "one registered tenancy agreement (party details removed)",
      "realestate", start="2017-01-01"),
    C("保障性租赁住房项目信息", "Affordable rental housing projects", "urban_housing", "Ug", "monthly", 680,
      "project_name operator_name @loc unit_count rent_standard open_date",
      "保障房 保障性租赁住房 人才公寓 公租房", "affordable rental housing; public housing; talent apartments",
      "一个保障性租赁住房项目", "one affordable rental housing project", "realestate", start="2021-07-01"),
    C("公共租赁住房配租信息", "Public rental housing allocations", "urban_housing", "Xi", "monthly", 96_000,
      "allocation_no name_masked id_number_masked project_name unit_area_m2 monthly_rent allocation_date",
      "公租房 配租 住房保障", "public rental housing; housing allocation; housing assistance",
      "一户家庭的公共租赁住房配租记录", "one household's public rental housing allocation", "internal"),
    C("建筑业企业资质信息", "Construction enterprise qualifications", "urban_housing", "Cg", "weekly", 24_000,
      "cert_no @ent qualification_type qualification_grade issue_date valid_to issuing_org",
      "建筑资质 施工企业 建筑业", "construction qualification; contractor; building industry",
      "一家建筑业企业的一项资质", "one qualification held by a construction enterprise", "compliance"),
    C("建筑工程施工许可信息", "Building construction permits", "urban_housing", "Cg", "daily", 41_000,
      "permit_no project_name builder_name contractor_name address building_area_m2 contract_price issue_date",
      "施工许可 建设工程 开工", "construction permit; building project; construction start",
      "一份建筑工程施工许可证", "one building construction permit", "tender"),
    C("建设工程竣工验收备案信息", "Construction completion acceptance filings", "urban_housing", "Cg", "weekly",
      36_000, "filing_no project_name builder_name address building_area_m2 completion_date filing_date",
      "竣工验收 工程备案 交房", "completion acceptance; project filing; handover",
      "一个建设工程的竣工验收备案", "one construction project's completion acceptance filing", "realestate"),
    C("注册建造师执业信息", "Registered constructors", "urban_housing", "Ci", "weekly", 118_000,
      "reg_no name_masked qualification_level specialty employer_name valid_to",
      "建造师 注册执业人员 工程师", "registered constructor; licensed professionals; engineers",
      "一名注册建造师的执业注册", "one registered constructor's practice registration", "hr"),
    C("物业服务企业及项目信息", "Property management companies and projects", "urban_housing", "Cg", "monthly",
      14_600, "@ent project_name compound_name district managed_area_m2 fee_standard contract_start",
      "物业 物业服务 物业费 小区", "property management; property services; service charges; residential compound",
      "一家物业服务企业承接的一个物业项目", "one property project managed by a property management company", "realestate"),
    C("住宅小区基本信息", "Residential compounds", "urban_housing", "Cg", "monthly", 13_900,
      "compound_id compound_name @loc built_year building_count household_count property_company",
      "小区 住宅 楼盘 社区", "residential compound; housing estate; neighbourhood",
      "一个住宅小区的基本情况", "the basic facts of one residential compound", "realestate"),
    C("城镇老旧小区改造项目信息", "Old residential compound renovation projects", "urban_housing", "Ug", "quarterly",
      2_900, "project_name compound_name district street household_count renovation_items investment_wan start_date "
      "completion_date",
      "老旧小区改造 城市更新 加装电梯", "old compound renovation; urban renewal; lift retrofitting",
      "一个城镇老旧小区改造项目", "one old residential compound renovation project", "planning", start="2019-01-01", area="urban"),
    C("建筑工地扬尘监测数据", "Construction site dust monitoring", "environment", "Cg", "realtime", 800_000,
      "site_id project_name observed_at pm10 pm25 noise_db lng lat",
      "扬尘 工地 PM10 噪声", "construction dust; building site; PM10; noise",
      "一个建筑工地一个时段的扬尘和噪声监测值", "one interval of dust and noise readings at one construction site", "env"),
    C("预拌混凝土及砂浆企业信息", "Ready-mixed concrete and mortar producers", "industry", "Cg", "quarterly", 430,
      "@ent qualification_grade plant_address annual_capacity_m3 district",
      "混凝土 商品混凝土 建材", "ready-mixed concrete; building materials; mortar",
      "一家预拌混凝土或预拌砂浆生产企业", "one ready-mixed concrete or mortar producer", "compliance"),
    C("住宅专项维修资金归集信息", "Residential maintenance fund collections", "urban_housing", "Ci", "monthly",
      700_000, "account_no_masked compound_name building_no floor_area_m2 deposit_amount balance last_deposit_date",
      "维修资金 物业 房屋维修", "maintenance fund; sinking fund; building repairs",
      "一套住宅的专项维修资金账户", "the maintenance fund account of one dwelling", "realestate"),
    C("建筑市场主体信用评价信息", "Construction market credit evaluations", "credit", "Ug", "monthly", 18_200,
      "@ent subject_type eval_period credit_score credit_level",
      "建筑信用 信用评价 施工企业", "construction credit; credit evaluation; contractors",
      "一家建筑市场主体某期的信用评价结果", "one construction firm's credit rating for one period", "credit"),
]

CATEGORIES["CGW"] = [
    C("生活垃圾分类收运处理数据", "Household waste collection and treatment", "environment", "Cg", "daily", 410_000,
      "stat_date district waste_category collected_t treated_t treatment_facility",
      "垃圾分类 生活垃圾 垃圾处理", "waste sorting; household waste; waste treatment",
      "某日某区(市)县一类生活垃圾的收运和处理量", "one day's collection and treatment of one waste stream in one district",
      "city", start="2018-01-01"),
    C("数字化城管案件信息", "Digital city management cases", "urban_housing", "Ci", "daily", 1_300_000,
      "case_no case_source case_category district street lng lat reported_at closed_at case_status",
      "城管 市容 12345 城市管理", "city management; street scene; 12345 hotline; urban management",
      "一件数字化城管平台受理的城市管理问题", "one urban-management issue logged in the digital city platform", "city", area="urban"),
    C("道路停车泊位信息", "On-street parking spaces", "transport", "Cg", "weekly", 118_000,
      "berth_id road_name district berth_type fee_standard charging_hours lng lat",
      "停车位 路边停车 泊位 停车", "on-street parking; parking space; kerbside parking",
      "一个道路停车泊位", "one on-street parking space", "mobility", area="central"),
    C("市政道路与桥梁设施信息", "Municipal roads and bridges", "urban_housing", "Ci", "quarterly", 21_000,
      "facility_id facility_name facility_type district length_m width_m built_year condition_grade geom",
      "市政道路 桥梁 设施", "municipal roads; bridges; urban infrastructure",
      "一条市政道路或一座城市桥梁", "one municipal road or city bridge", "city"),
    C("城市照明设施信息", "Street lighting", "urban_housing", "Cg", "quarterly", 460_000,
      "lamp_id road_name district lamp_type power_w install_date lng lat",
      "路灯 城市照明 亮化", "street lights; urban lighting; illumination",
      "一盏城市道路照明灯具", "one street light", "city", area="central"),
    C("公共厕所信息", "Public toilets", "urban_housing", "Ug", "monthly", 6_400,
      "toilet_id toilet_name toilet_type @loc open_hours accessible",
      "公厕 厕所 公共卫生间", "public toilets; restrooms; public conveniences",
      "一座对外开放的公共厕所", "one public toilet", "city"),
    C("户外广告设置许可信息", "Outdoor advertising permits", "urban_housing", "Cg", "weekly", 24_000,
      "permit_no applicant_name ad_type location district size_m2 valid_from valid_to",
      "户外广告 招牌 广告牌", "outdoor advertising; signage; billboards",
      "一份户外广告或招牌设置许可", "one outdoor advertising or shop-sign permit", "market"),
    C("城市管理行政处罚信息", "Urban management administrative penalties", "urban_housing", "Ug", "daily", 210_000,
      "@penalty", "城管执法 行政处罚 违法建设", "urban management enforcement; administrative penalty; illegal construction",
      "一次城市管理综合执法行政处罚决定", "one urban-management penalty decision", "compliance"),
    C("餐厨垃圾产生单位信息", "Food waste producers", "environment", "Cg", "monthly", 38_000,
      "unit_name uscc @loc daily_output_kg collector_name contract_valid_to",
      "餐厨垃圾 厨余垃圾 餐饮", "food waste; kitchen waste; catering",
      "一家签约收运的餐厨垃圾产生单位", "one food-waste producer under a collection contract", "city"),
    C("建筑垃圾消纳场及运输车辆信息", "Construction waste disposal sites and haulage trucks", "environment", "Cg",
      "weekly", 9_800, "object_id object_type name operator_name district permit_no valid_to lng lat",
      "建筑垃圾 渣土车 消纳场", "construction waste; muck trucks; disposal site",
      "一处建筑垃圾消纳场或一辆准运车辆", "one construction-waste disposal site or licensed haulage truck", "city"),
    C("燃气经营许可信息", "Gas supply business licences", "resources_energy", "Cg", "quarterly", 160,
      "licence_no @ent gas_type service_area valid_to",
      "燃气 天然气 燃气经营", "gas supply; natural gas; gas utility",
      "一家取得燃气经营许可的企业", "one licensed gas supply enterprise", "energy"),
    C("占道经营疏导点位信息", "Designated street vending areas", "commerce", "Ug", "monthly", 1_400,
      "point_id point_name district address stall_count business_hours allowed_categories lng lat",
      "摊点 夜市 地摊 临时摊区", "street stalls; night market; street vending",
      "一个经批准的占道经营疏导点", "one approved street-vending area", "market"),
]

CATEGORIES["JTYSJ"] = [
    C("公交线路信息", "Bus routes", "transport", "Ug", "weekly", 1_620,
      "route_id route_name operator_name first_departure last_departure fare route_length_km stop_count geom",
      "公交 公交线路 首末班 公共交通", "bus route; public transport; bus timetable",
      "一条公交线路的线路走向和运营时间", "the alignment and operating hours of one bus route", "mobility"),
    C("公交站点信息", "Bus stops", "transport", "Ug", "weekly", 14_800,
      "stop_id stop_name district lng lat route_count has_shelter",
      "公交站 公交 站点 公交车站", "bus stop; bus; transit stop",
      "一个公交停靠站", "one bus stop", "mobility"),
    C("公交车辆实时位置数据", "Real-time bus locations", "transport", "Ci", "realtime", 1_000_000,
      "vehicle_id route_id observed_at lng lat speed_kmh heading next_stop_id",
      "实时公交 公交 GPS 到站", "real-time bus; bus tracking; GPS; arrival times",
      "一辆公交车的一个定位点", "one GPS fix of one bus", "mobility",
      sys=("公交智能调度系统", "bus dispatch system"), start="2015-01-01", area="urban"),
    C("地铁线路及站点信息", "Metro lines and stations", "transport", "Ug", "monthly", 420,
      "line_name station_name station_code transfer_lines lng lat opening_date exit_count",
      "地铁 轨道交通 地铁站 换乘", "metro; subway; rail transit; metro station",
      "一条地铁线路上的一个车站", "one station on one metro line", "mobility", start="2010-09-27"),
    C("地铁客流量统计数据", "Metro ridership statistics", "transport", "Ci", "daily", 880_000,
      "stat_date line_name station_name entries exits transfers",
      "地铁 客流 轨道交通 客流量", "metro ridership; passenger flow; rail transit",
      "某日一个地铁车站的进出站和换乘客流", "one day's entries, exits and transfers at one metro station", "mobility",
      sys=("轨道交通客流统计系统", "rail transit ridership system"), start="2010-09-27"),
    C("出租汽车企业及车辆信息", "Taxi companies and vehicles", "transport", "Ci", "monthly", 17_500,
      "plate_no_masked company_name uscc vehicle_model fuel_type operating_permit_no permit_valid_to",
      "出租车 的士 巡游出租车", "taxi; cab; metered taxi",
      "一辆巡游出租汽车及其经营企业", "one metered taxi and the company operating it", "mobility"),
    C("出租汽车运营订单数据", "Taxi trip records", "transport", "Ci", "daily", 1_900_000,
      "trip_id pickup_time dropoff_time pickup_lng pickup_lat dropoff_lng dropoff_lat distance_km fare",
      "出租车 订单 出行 打车", "taxi trips; ride data; travel demand",
      "一次巡游出租汽车载客行程(已脱敏)", "one taxi trip (de-identified)", "mobility",
      sys=("出租汽车监管平台", "taxi supervision platform")),
    C("网约车平台及车辆许可信息", "Ride-hailing platforms and vehicle permits", "transport", "Cg", "weekly", 168_000,
      "permit_no plate_no_masked platform_name vehicle_model seats permit_date valid_to",
      "网约车 网络预约出租汽车 打车", "ride-hailing; online car-hailing; ride services",
      "一辆取得网约车运输证的车辆", "one vehicle holding a ride-hailing transport permit", "mobility", start="2016-11-01"),
    C("网约车订单数据", "Ride-hailing trip records", "transport", "Ci", "daily", 1_700_000,
      "trip_id platform_name pickup_time dropoff_time pickup_lng pickup_lat dropoff_lng dropoff_lat distance_km fare",
      "网约车 订单 出行", "ride-hailing trips; ride data; mobility",
      "一次网约车载客行程(已脱敏)", "one ride-hailing trip (de-identified)", "mobility",
      sys=("网约车监管信息交互平台", "ride-hailing supervision platform"), start="2017-01-01"),
    C("道路运输经营许可信息", "Road transport operating permits", "transport", "Cg", "weekly", 38_000,
      "permit_no @ent business_scope vehicle_count issuing_org valid_to",
      "道路运输 货运 客运 运输许可", "road transport; freight; passenger transport; operating permit",
      "一份道路运输经营许可证", "one road transport operating permit", "compliance"),
    C("道路货运车辆营运证信息", "Freight vehicle operating certificates", "transport", "Cg", "daily", 290_000,
      "cert_no plate_no_masked company_name vehicle_type load_t issue_date valid_to",
      "货车 营运证 货运 物流", "lorry; operating certificate; freight; logistics",
      "一辆道路货运车辆的营运证", "the operating certificate of one freight vehicle", "trade"),
    C("机动车驾驶员培训机构信息", "Driving schools", "transport", "Cg", "monthly", 210,
      "org_name uscc @loc training_vehicle_count licence_classes phone_public",
      "驾校 驾驶培训 学车", "driving school; driver training; learner drivers",
      "一家机动车驾驶员培训机构", "one driving school", "edu"),
    C("机动车维修企业备案信息", "Vehicle repair shop filings", "transport", "Cg", "monthly", 9_200,
      "filing_no @ent repair_category @loc",
      "汽车维修 修理厂 汽修", "car repair; garage; vehicle maintenance",
      "一家备案的机动车维修企业", "one registered vehicle repair shop", "market"),
    C("公共停车场信息", "Public car parks", "transport", "Ug", "daily", 6_800,
      "lot_id lot_name @loc lot_type total_spaces ev_charging_spaces fee_standard",
      "停车场 停车位 泊位 停车", "car park; parking lot; parking spaces",
      "一个备案的公共停车场", "one registered public car park", "mobility"),
    C("停车场实时泊位数据", "Real-time car park occupancy", "transport", "Cg", "realtime", 700_000,
      "lot_id observed_at total_spaces free_spaces",
      "停车场 空余车位 实时泊位 停车", "car park occupancy; free spaces; real-time parking",
      "一个停车场某时刻的空余泊位数", "the number of free spaces in one car park at one moment", "mobility",
      area="urban", sys=("智慧停车平台", "smart parking platform"), start="2018-01-01"),
    C("互联网租赁自行车运营数据", "Dockless bike-share operations", "transport", "Cg", "daily", 126_000,
      "stat_date operator_name district bikes_deployed trips avg_trip_minutes",
      "共享单车 互联网租赁自行车 骑行", "bike sharing; dockless bikes; cycling",
      "某日一家企业在一个区(市)县的共享单车投放和骑行量", "one day's fleet and trips of one bike-share operator in one district",
      "mobility", start="2016-11-01", area="urban"),
    C("公路基础设施信息", "Highway infrastructure", "transport", "Cg", "yearly", 12_400,
      "road_code road_name road_class start_stake end_stake length_km lane_count district geom",
      "公路 路网 国省道 农村公路", "highway; road network; national and provincial roads; rural roads",
      "一个公路路段的技术状况", "the technical attributes of one highway section", "mobility"),
    C("公路桥梁隧道信息", "Highway bridges and tunnels", "transport", "Ci", "yearly", 6_100,
      "structure_id structure_name structure_type road_code length_m built_year condition_grade lng lat",
      "桥梁 隧道 公路设施", "bridges; tunnels; highway structures",
      "一座公路桥梁或隧道", "one highway bridge or tunnel", "safety"),
    C("客运站及班线信息", "Coach stations and intercity routes", "transport", "Ug", "weekly", 3_900,
      "station_name route_name destination departures_per_day fare distance_km",
      "客运站 长途汽车 班线 汽车站", "coach station; intercity bus; coach route",
      "一个客运站发出的一条客运班线", "one coach route departing from one station", "mobility"),
    C("交通运输行政处罚信息", "Transport administrative penalties", "transport", "Ug", "weekly", 64_000,
      "@penalty", "交通执法 行政处罚 非法营运", "transport enforcement; administrative penalty; illegal operation",
      "一次交通运输行政处罚决定", "one transport penalty decision", "compliance"),
    C("天府通卡刷卡客流统计", "Tianfu Tong card ridership statistics", "transport", "Ci", "daily", 600_000,
      "stat_date route_id hour taps transfers",
      "天府通 公交卡 刷卡 客流", "Tianfu Tong card; transit card; ridership",
      "某日一条线路一个小时的刷卡乘车人次", "one hour's card taps on one route on one day", "mobility",
      sys=("天府通清分结算系统", "Tianfu Tong clearing system")),
]

CATEGORIES["SSWJ"] = [
    C("河道水位监测数据", "River water level monitoring", "public_safety", "Cg", "realtime", 600_000,
      "station_id station_name river_name observed_at water_level_m warning_level_m flow_m3s",
      "水位 河道 防汛 洪水", "water level; rivers; flood control; flooding",
      "一个水文站一个时段的水位和流量", "one interval's water level and flow at one gauging station", "water"),
    C("雨量站降雨监测数据", "Rain gauge rainfall data", "weather", "Cg", "realtime", 700_000,
      "station_id station_name observed_at rainfall_mm rainfall_1h_mm lng lat",
      "降雨 雨量 暴雨 降水", "rainfall; rain gauge; heavy rain; precipitation",
      "一个雨量站一个时段的降雨量", "one interval's rainfall at one rain gauge", "weather"),
    C("城市供水水质信息", "Tap water quality", "environment", "Ug", "monthly", 21_000,
      "plant_name sample_point sample_date turbidity_ntu residual_chlorine total_coliform is_compliant",
      "自来水 水质 供水 饮用水", "tap water; water quality; water supply; drinking water",
      "一个供水水质采样点一次检测结果", "one test result at one tap-water sampling point", "water"),
    C("供水企业及水厂信息", "Water supply companies and treatment plants", "resources_energy", "Ci", "yearly", 160,
      "plant_name operator_name @loc design_capacity_m3d water_source service_area",
      "自来水厂 供水 水厂", "waterworks; water supply; treatment plant",
      "一座城乡供水水厂", "one water treatment plant", "water"),
    C("取水许可信息", "Water abstraction permits", "resources_energy", "Cg", "monthly", 3_900,
      "permit_no holder_name uscc water_source abstraction_point annual_volume_m3 purpose valid_to",
      "取水许可 水资源 用水", "water abstraction permit; water resources; water use",
      "一份取水许可证", "one water abstraction permit", "water"),
    C("污水处理厂运行数据", "Wastewater treatment plant operations", "environment", "Ci", "daily", 310_000,
      "plant_name stat_date influent_m3 cod_in cod_out ammonia_out is_compliant",
      "污水处理 污水厂 排水", "wastewater treatment; sewage plant; drainage",
      "一座污水处理厂某日的处理量和进出水水质", "one day's throughput and water quality at one wastewater plant", "water"),
    C("城市易涝点信息", "Urban waterlogging hotspots", "public_safety", "Ug", "yearly", 420,
      "point_id location district risk_level max_depth_cm mitigation_status lng lat",
      "内涝 积水 易涝点 暴雨", "urban flooding; waterlogging; flood-prone spots; heavy rain",
      "一处城市易涝积水点", "one flood-prone spot in the city", "safety"),
    C("河湖名录(河长制)", "River and lake register (river-chief system)", "environment", "Ug", "yearly", 3_500,
      "water_body_code water_body_name water_body_type length_km river_chief_level district geom",
      "河长制 河流 湖泊", "river chief system; rivers; lakes",
      "一条纳入河长制管理的河流或湖泊", "one river or lake under the river-chief system", "water"),
    C("水库与堤防工程信息", "Reservoirs and dikes", "public_safety", "Ci", "yearly", 2_600,
      "project_id project_name project_type capacity_10k_m3 length_km flood_standard district lng lat",
      "水库 堤防 水利工程", "reservoir; dike; levee; water works",
      "一座水库或一段堤防工程", "one reservoir or dike section", "water"),
    C("用水户用水量数据", "Water consumption by account", "resources_energy", "Ci", "monthly", 1_600_000,
      "account_no_masked account_type district stat_month volume_m3 bill_amount",
      "用水量 水费 自来水", "water consumption; water bills; tap water",
      "一个供水户号某月的用水量", "one month's water use on one supply account", "credit",
      sys=("供水营业收费系统(自来水公司共享)", "water billing system (shared by the water company)")),
    C("排水许可信息", "Drainage permits", "environment", "Cg", "weekly", 28_000,
      "permit_no @ent discharge_type outlet_location issue_date valid_to",
      "排水许可 污水排入 排水", "drainage permit; sewer discharge; drainage",
      "一份城镇污水排入排水管网许可证", "one permit to discharge into the public sewer", "compliance"),
]

CATEGORIES["NYNCJ"] = [
    C("农产品批发市场价格信息", "Wholesale prices of agricultural products", "agriculture", "Ug", "daily",
      500_000, "market_name product_name variety spec price_min price_avg price_max unit trade_date",
      "农产品价格 蔬菜价格 猪肉价格 批发市场 菜价", "agricultural prices; vegetable prices; pork prices; wholesale market",
      "某日一个批发市场一个农产品品种的成交价格", "one day's prices for one product variety at one wholesale market",
      "agri", sys=("农产品市场信息监测系统", "agricultural market information system")),
    C("农民合作社示范社名录", "Model farmers' cooperatives", "agriculture", "Ug", "monthly", 1_850,
      "uscc coop_name legal_rep main_business member_count recognition_level district",
      "合作社 农民专业合作社 示范社", "farmers' cooperative; agricultural cooperative; model cooperative",
      "一家评定为示范社的农民合作社", "one farmers' cooperative rated as a model cooperative", "agri"),
    C("家庭农场名录", "Family farm register", "agriculture", "Cg", "monthly", 26_000,
      "farm_name operator_name_masked main_business operated_area_mu district township recognition_level",
      "家庭农场 新型农业经营主体 种植", "family farm; new agricultural operators; farming",
      "一个纳入名录管理的家庭农场", "one registered family farm", "agri", area="rural"),
    C("农业产业化龙头企业名录", "Leading agricultural enterprises", "agriculture", "Ug", "yearly", 1_050,
      "@ent recognition_level main_products district recognition_year",
      "龙头企业 农业产业化 农产品加工", "leading agribusiness; agricultural industrialisation; food processing",
      "一家农业产业化龙头企业", "one leading agribusiness enterprise", "agri"),
    C("高标准农田建设项目信息", "High-standard farmland projects", "agriculture", "Cg", "yearly", 4_800,
      "project_name district township area_mu investment_wan completion_year geom",
      "高标准农田 农田建设 耕地", "high-standard farmland; farmland improvement; cropland",
      "一个高标准农田建设项目区", "one high-standard farmland project area", "agri", start="2011-01-01", area="rural"),
    C("农村土地承包经营权确权信息", "Rural land contract rights", "agriculture", "Xi", "yearly", 1_000_000,
      "contract_no_masked contractor_name_masked village parcel_no area_mu land_use contract_term_end geom",
      "土地承包 确权 承包地 农村土地", "rural land contract; land titling; contracted farmland",
      "一块农村承包地的承包经营权确权信息", "the confirmed contract right on one plot of rural "
      "land", "internal", start="2015-01-01", area="rural"),
    C("农村产权交易信息", "Rural property rights transactions", "agriculture", "Cg", "daily", 110_000,
      "deal_no right_type location area_mu transferor_type transferee_name deal_price term_years deal_date",
      "农村产权交易 土地流转 农交所", "rural property trading; land transfer; rural exchange",
      "一宗在农村产权交易所成交的交易", "one deal closed on the rural property rights exchange", "agri",
      sys=("成都农村产权交易所交易系统", "Chengdu Rural Property Rights Exchange system"), area="rural"),
    C("动物检疫证明信息", "Animal quarantine certificates", "agriculture", "Ci", "daily", 800_000,
      "cert_no animal_type quantity origin destination shipper_name issue_date issuing_org",
      "动物检疫 生猪 畜禽 检疫证明", "animal quarantine; live pigs; livestock; quarantine certificate",
      "一张动物检疫合格证明", "one animal quarantine certificate", "food"),
    C("生猪生产监测数据", "Pig production monitoring", "agriculture", "Ci", "monthly", 38_000,
      "farm_id district stat_month sows_stock pigs_stock pigs_sold avg_price",
      "生猪 猪肉 存栏 出栏", "pigs; pork; pig inventory; hog slaughter",
      "一个规模猪场某月的存栏和出栏量", "one month's inventory and sales at one large pig farm", "agri"),
    C("农药兽药经营许可信息", "Pesticide and veterinary drug dealer licences", "agriculture", "Cg", "monthly", 7_900,
      "licence_no @ent licence_type @loc valid_to",
      "农药 兽药 农资", "pesticides; veterinary drugs; farm inputs",
      "一家农药或兽药经营单位的许可", "the licence of one pesticide or veterinary-drug dealer", "compliance"),
    C("农产品质量安全检测数据", "Agricultural product safety testing", "agriculture", "Cg", "weekly", 540_000,
      "sample_no product_name sampling_site sample_date test_item result_value judgement",
      "农残 农产品质量 检测 食品安全", "pesticide residues; produce quality; testing; food safety",
      "一个农产品样品一个项目的检测结果", "one test result for one produce sample", "food"),
    C("农作物播种面积与产量统计", "Crop area and yield statistics", "agriculture", "Cg", "yearly", 9_200,
      "stat_year district crop_name sown_area_mu yield_t yield_per_mu",
      "粮食产量 播种面积 水稻 油菜", "crop yield; sown area; rice; rapeseed",
      "某年某区(市)县一种作物的播种面积和产量", "one year's sown area and output of one crop in one district", "agri"),
    C("农业机械登记信息", "Farm machinery registrations", "agriculture", "Cg", "monthly", 68_000,
      "plate_no_masked machine_type brand_model owner_district reg_date inspection_valid_to",
      "农机 拖拉机 收割机", "farm machinery; tractors; harvesters",
      "一台登记的拖拉机或联合收割机", "one registered tractor or combine harvester", "agri"),
    C("休闲农业与乡村旅游点信息", "Leisure farms and rural tourism spots", "culture_tourism", "Ug", "quarterly",
      2_300, "spot_name operator_name spot_type @loc star_rating phone_public",
      "乡村旅游 农家乐 休闲农业", "rural tourism; farm stays; agritourism",
      "一个休闲农业或乡村旅游经营点", "one leisure farm or rural tourism spot", "tourism", area="rural"),
]

CATEGORIES["SWJ"] = [
    C("社会消费品零售总额统计", "Retail sales of consumer goods", "commerce", "Ug", "monthly", 1_900,
      "stat_month district category amount_100m yoy_change_pct",
      "社零 消费 零售额", "retail sales; consumption; consumer spending",
      "某月某区(市)县一类商品的零售额", "one month's retail sales of one category in one district", "market"),
    C("重点商圈客流及消费数据", "Footfall and spending in key shopping districts", "commerce", "Ci", "daily",
      190_000, "stat_date district_name footfall transaction_count transaction_amount avg_ticket",
      "商圈 春熙路 客流 消费", "shopping district; Chunxi Road; footfall; consumer spending",
      "某日一个重点商圈的客流和消费额", "one day's footfall and spending in one key shopping district", "market",
      sys=("商务运行监测系统(银联及运营商共享)", "commerce monitoring system (UnionPay and carrier data)")),
    C("成品油零售经营许可信息", "Fuel retail licences (petrol stations)", "commerce", "Ug", "monthly", 1_380,
      "licence_no station_name @ent brand @loc valid_to",
      "加油站 成品油 加气站", "petrol station; fuel retail; gas station",
      "一座取得成品油零售经营许可的加油站", "one licensed petrol station", "mobility"),
    C("对外贸易进出口统计", "Foreign trade statistics", "commerce", "Cg", "monthly", 24_000,
      "stat_month trade_direction commodity_class partner_country amount_usd yoy_change_pct",
      "进出口 外贸 出口 进口", "foreign trade; imports and exports; exports; imports",
      "某月一类商品对一个国家(地区)的进出口额", "one month's trade in one commodity class with one country", "trade"),
    C("外商投资企业信息", "Foreign-invested enterprises", "commerce", "Ci", "monthly", 21_000,
      "@ent investor_country investment_type total_investment_usd registered_capital_usd est_date district",
      "外资企业 外商投资 外企", "foreign-invested enterprise; foreign investment; FDI",
      "一家在蓉外商投资企业", "one foreign-invested enterprise in Chengdu", "invest"),
    C("单用途商业预付卡发卡企业备案信息", "Single-purpose prepaid card issuers", "commerce", "Cg", "monthly", 5_200,
      "filing_no @ent industry card_type filing_date",
      "预付卡 购物卡 会员卡", "prepaid card; gift card; membership card",
      "一家备案的单用途预付卡发卡企业", "one registered issuer of single-purpose prepaid cards", "compliance"),
    C("再生资源回收经营者备案信息", "Recyclable resources collectors", "commerce", "Cg", "quarterly", 4_100,
      "filing_no @ent recycling_categories @loc",
      "再生资源 废品回收 回收站", "recycling; scrap collection; recycling station",
      "一家备案的再生资源回收经营者", "one registered recyclable-resources collector", "market"),
    C("二手车交易登记信息", "Used-car transactions", "commerce", "Cg", "monthly", 700_000,
      "deal_no market_name vehicle_type brand_model first_reg_date mileage_km deal_price deal_date",
      "二手车 汽车交易 车价", "used cars; second-hand cars; car prices",
      "一笔二手车交易(不含买卖双方信息)", "one used-car sale (party details removed)", "market"),
    C("老字号企业名录", "Time-honoured brands", "commerce", "Ug", "yearly", 180,
      "@ent brand_name recognition_level founded_year main_products address",
      "老字号 中华老字号 非遗美食", "time-honoured brands; China Time-honoured Brand; heritage brands",
      "一家认定的中华老字号或四川老字号企业", "one enterprise recognised as a time-honoured brand", "market"),
    C("对外承包工程企业信息", "Overseas contracting companies", "commerce", "Cg", "yearly", 260,
      "@ent business_type main_markets contract_amount_usd",
      "对外承包工程 走出去 境外投资", "overseas contracting; going global; outbound investment",
      "一家开展对外承包工程或劳务合作的企业", "one company in overseas contracting or labour cooperation", "trade"),
    C("农贸市场信息", "Farmers' markets", "commerce", "Ug", "quarterly", 1_150,
      "market_name operator_name @loc stall_count business_hours standardised",
      "菜市场 农贸市场 生鲜", "wet market; farmers' market; fresh food",
      "一个农贸市场", "one farmers' market", "market"),
    C("消费券发放核销统计", "Consumption voucher issuance and redemption", "commerce", "Cg", "irregular", 36_000,
      "campaign_name stat_date merchant_category district issued_count redeemed_count leverage_amount",
      "消费券 促消费 补贴", "consumption vouchers; consumer stimulus; subsidies",
      "某日一类商户在一个区(市)县的消费券核销统计", "one day's voucher redemptions for one merchant type in one district",
      "market", start="2020-03-01"),
]

CATEGORIES["WGLJ"] = [
    C("A级旅游景区信息", "A-rated tourist attractions", "culture_tourism", "Ug", "monthly", 112,
      "scenic_name a_grade @loc opening_hours ticket_price max_capacity phone_public",
      "景区 旅游景区 5A景区 4A景区 熊猫基地", "tourist attraction; scenic area; 5A attraction; 4A attraction; panda base",
      "一家A级旅游景区", "one A-rated tourist attraction", "tourism"),
    C("景区实时客流数据", "Real-time visitor numbers at attractions", "culture_tourism", "Ci", "realtime",
      900_000, "scenic_name observed_at visitors_in_park max_capacity load_level",
      "景区 客流 游客 限流", "attraction visitors; visitor flow; tourists; capacity",
      "一个景区某时刻的在园游客数", "the number of visitors in one attraction at one moment", "tourism",
      sys=("智慧旅游监测平台", "smart tourism monitoring platform"), start="2019-01-01"),
    C("星级饭店信息", "Star-rated hotels", "culture_tourism", "Ug", "monthly", 96,
      "hotel_name star_rating @loc room_count phone_public rating_date",
      "酒店 星级饭店 宾馆 五星级", "hotel; star-rated hotel; five-star hotel",
      "一家评定星级的旅游饭店", "one star-rated tourist hotel", "tourism"),
    C("旅行社信息", "Travel agencies", "culture_tourism", "Cg", "monthly", 1_380,
      "licence_no agency_name uscc business_scope @loc phone_public",
      "旅行社 旅游 出境游", "travel agency; tour operator; outbound travel",
      "一家取得经营许可的旅行社", "one licensed travel agency", "tourism"),
    C("导游信息", "Licensed tour guides", "culture_tourism", "Ci", "monthly", 18_200,
      "guide_cert_no_masked name_masked language guide_level agency_name",
      "导游 导游证 旅游", "tour guide; guide licence; tourism",
      "一名持证导游", "one licensed tour guide", "tourism"),
    C("节假日旅游接待统计", "Holiday tourism statistics", "culture_tourism", "Cg", "irregular", 2_600,
      "holiday_name year district visitors tourism_revenue_wan",
      "旅游统计 节假日 黄金周 游客", "tourism statistics; holidays; Golden Week; visitors",
      "某节假日某区(市)县的游客接待量和旅游收入", "one holiday's visitor numbers and tourism revenue in one district",
      "tourism"),
    C("公共文化场馆信息", "Public libraries, museums and cultural centres", "culture_tourism", "Ug", "quarterly",
      760, "venue_name venue_type @loc opening_hours free_admission phone_public",
      "图书馆 博物馆 文化馆 美术馆", "library; museum; cultural centre; art gallery",
      "一个公共图书馆、博物馆、美术馆或文化馆", "one public library, museum, gallery or cultural centre", "tourism"),
    C("互联网上网服务营业场所信息", "Internet cafés", "culture_tourism", "Cg", "monthly", 2_800,
      "licence_no venue_name uscc @loc terminal_count",
      "网吧 网咖 上网服务", "internet café; gaming café; internet services",
      "一家互联网上网服务营业场所", "one licensed internet café", "market"),
    C("营业性演出审批信息", "Commercial performance approvals", "culture_tourism", "Cg", "daily", 36_000,
      "approval_no show_name organiser_name venue_name start_date end_date performance_count",
      "演出 演唱会 话剧 音乐会", "performances; concerts; theatre; live shows",
      "一台获批的营业性演出", "one approved commercial performance", "tourism"),
    C("娱乐场所信息", "Entertainment venues", "culture_tourism", "Cg", "monthly", 3_300,
      "licence_no venue_name uscc venue_type @loc",
      "KTV 娱乐场所 歌舞厅 电玩", "karaoke; entertainment venues; nightlife; arcades",
      "一家取得许可的歌舞或游艺娱乐场所", "one licensed karaoke, dance or arcade venue", "market"),
    C("文物保护单位信息", "Protected heritage sites", "culture_tourism", "Ug", "yearly", 1_260,
      "site_name protection_level era site_type @loc listed_batch",
      "文物 文物保护单位 古迹 遗址", "cultural relics; heritage site; historic monument; ruins",
      "一处各级文物保护单位", "one protected heritage site", "tourism"),
    C("非物质文化遗产项目信息", "Intangible cultural heritage items", "culture_tourism", "Ug", "yearly", 620,
      "item_name item_category heritage_level protection_unit district listed_year",
      "非遗 非物质文化遗产 蜀绣 川剧", "intangible cultural heritage; Shu embroidery; Sichuan opera",
      "一个列入名录的非物质文化遗产项目", "one listed intangible cultural heritage item", "tourism"),
    C("民宿信息", "Homestays (B&Bs)", "culture_tourism", "Cg", "monthly", 6_900,
      "homestay_name operator_name @loc room_count grade_rating phone_public",
      "民宿 乡村民宿 住宿", "homestay; B&B; guesthouse; accommodation",
      "一家登记的旅游民宿", "one registered homestay", "tourism"),
    C("文化和旅游市场行政处罚信息", "Culture and tourism market penalties", "culture_tourism", "Ug", "weekly",
      4_200, "@penalty", "文旅执法 行政处罚 旅游投诉", "culture and tourism enforcement; administrative penalty; tourism "
      "complaints",
      "一次文化和旅游市场行政处罚决定", "one culture or tourism penalty decision", "compliance"),
]

CATEGORIES["WJW"] = [
    C("医疗机构执业登记信息", "Medical institution registrations", "health", "Ug", "weekly", 13_600,
      "licence_no inst_name inst_category ownership hospital_grade bed_count clinical_departments @loc valid_to",
      "医院 医疗机构 诊所 卫生院 三甲医院", "hospital; clinic; medical institution; health centre; tertiary hospital",
      "一家取得执业许可的医疗机构", "one licensed medical institution", "health"),
    C("医师执业注册信息", "Physician registrations", "health", "Ci", "weekly", 96_000,
      "practice_cert_no_masked name_masked practice_category practice_scope practice_institution reg_date",
      "医生 执业医师 医师注册", "doctor; physician; medical practitioner",
      "一名医师的执业注册", "one physician's practice registration", "health"),
    C("护士执业注册信息", "Nurse registrations", "health", "Ci", "weekly", 128_000,
      "practice_cert_no_masked name_masked practice_institution reg_date valid_to",
      "护士 护理 执业护士", "nurse; nursing; registered nurse",
      "一名护士的执业注册", "one nurse's practice registration", "health"),
    C("重点人群健康管理档案", "Health management records of priority groups", "health", "Xk", "daily", 2_300_000,
      "health_record_no @person chronic_conditions allergy_history family_doctor last_checkup_date",
      "健康档案 电子健康档案 慢病 老年人健康管理", "health record; electronic health record; chronic disease; elderly health",
      "一名老年人、慢性病患者或孕产妇等重点人群的健康管理档案",
      "the health-management record of one person in a priority group (older people, chronic patients, expectant "
      "mothers)",
      "internal"),
    C("门诊和住院诊疗记录", "Outpatient and inpatient encounter records", "health", "Xk", "daily", 2_600_000,
      "encounter_id patient_id_masked inst_name department encounter_type visit_time diagnosis_code total_cost",
      "病历 门诊 住院 诊疗", "medical records; outpatient visits; hospital stays; clinical encounters",
      "一次门诊或住院诊疗的摘要记录", "the summary of one outpatient visit or hospital stay", "internal"),
    C("儿童预防接种信息", "Childhood vaccination records", "health", "Xk", "daily", 3_400_000,
      "vaccination_id person_id_masked vaccine_name vaccine_batch dose_no vaccination_date clinic_name",
      "疫苗 接种 预防接种 免疫规划", "vaccine; vaccination; immunisation; immunization",
      "一剂次儿童疫苗接种记录", "one vaccine dose given to a child", "internal",
      sys=("免疫规划信息系统", "immunisation information system")),
    C("预防接种门诊信息", "Vaccination clinics", "health", "Ug", "monthly", 520,
      "clinic_name inst_name @loc phone_public service_hours vaccine_types",
      "疫苗 接种门诊 打疫苗 狂犬疫苗", "vaccination clinic; vaccines; immunisation; rabies vaccine",
      "一个预防接种门诊", "one vaccination clinic", "health"),
    C("出生医学证明签发信息", "Birth medical certificates", "health", "Xk", "daily", 800_000,
      "cert_no_masked newborn_sex birth_date birth_weight_g mother_id_masked birth_institution",
      "出生证明 新生儿 出生", "birth certificate; newborns; births",
      "一份出生医学证明", "one birth medical certificate", "internal"),
    C("法定传染病疫情统计", "Notifiable infectious disease statistics", "health", "Ci", "monthly", 18_000,
      "stat_month district disease_name cases deaths incidence_per_100k",
      "传染病 疫情 流感 手足口病", "infectious disease; outbreak; influenza; hand-foot-and-mouth disease",
      "某月某区(市)县一种法定传染病的发病和死亡数", "one month's cases and deaths of one notifiable disease in one district",
      "health"),
    C("医院床位与门急诊运行数据", "Hospital beds and outpatient activity", "health", "Ci", "daily", 500_000,
      "inst_name stat_date open_beds occupied_beds outpatient_visits emergency_visits admissions discharges",
      "医院 床位 门诊量 急诊", "hospital beds; outpatient visits; emergency department",
      "一家医院某日的床位使用和门急诊量", "one hospital's bed use and outpatient numbers for one day", "health"),
    C("家庭医生签约服务信息", "Family doctor contracts", "health", "Xk", "monthly", 1_400_000,
      "contract_id resident_id_masked team_name inst_name package_type sign_date valid_to",
      "家庭医生 签约服务 基层医疗", "family doctor; GP contract; primary care",
      "一名居民的家庭医生签约", "one resident's family-doctor contract", "internal"),
    C("公共场所卫生许可信息", "Public venue hygiene licences", "health", "Cg", "weekly", 42_000,
      "licence_no unit_name uscc venue_type address issue_date valid_to issuing_org",
      "卫生许可 公共场所 美容美发 游泳馆", "hygiene licence; public venues; beauty salon; swimming pool",
      "一份公共场所卫生许可证", "one public-venue hygiene licence", "compliance"),
    C("生活饮用水卫生监测数据", "Drinking water hygiene monitoring", "health", "Cg", "monthly", 64_000,
      "sample_id sampling_site water_type sample_date indicator_name value unit standard_limit is_compliant",
      "饮用水 水质 卫生监测 二次供水", "drinking water; water quality; hygiene monitoring; secondary supply",
      "一份饮用水样品一个指标的检测结果", "one indicator result for one drinking-water sample", "water"),
    C("卫生健康行政处罚信息", "Health administrative penalties", "health", "Ug", "weekly", 9_800,
      "@penalty", "卫生执法 行政处罚 非法行医", "health enforcement; administrative penalty; illegal medical practice",
      "一次卫生健康行政处罚决定", "one health penalty decision", "compliance"),
    C("院前急救调度信息", "Ambulance (120) dispatch records", "health", "Ci", "realtime", 800_000,
      "dispatch_no call_time district incident_type dispatch_station response_minutes destination_hospital",
      "120 急救 救护车 院前急救", "ambulance; emergency medical services; 120; pre-hospital care",
      "一次120急救调度和出车记录", "one 120 ambulance dispatch", "safety",
      sys=("120急救指挥调度系统", "120 emergency dispatch system")),
    C("采血点信息", "Blood donation sites", "health", "Ug", "monthly", 86,
      "site_name site_type @loc service_hours phone_public",
      "献血 血站 献血屋", "blood donation; blood bank; donor centre",
      "一个固定或流动采血点", "one fixed or mobile blood donation site", "health"),
    C("医养结合机构信息", "Integrated medical and elderly care institutions", "health", "Cg", "quarterly", 240,
      "inst_name inst_category @loc bed_count medical_partner",
      "医养结合 养老 护理院", "integrated medical and elderly care; elderly care; nursing home",
      "一家医养结合机构", "one integrated medical and elderly-care institution", "welfare", start="2016-01-01"),
    C("托育机构备案信息", "Registered childcare providers", "education", "Ug", "monthly", 3_400,
      "org_name uscc @loc capacity age_range filing_date",
      "托育 托儿所 婴幼儿照护 早教", "childcare; nursery; infant care; day care",
      "一家备案的托育机构", "one registered childcare provider for under-threes", "edu", start="2019-10-01"),
    C("职业病危害项目申报信息", "Occupational hazard declarations", "health", "Ci", "yearly", 52_000,
      "@ent declare_year hazard_factor exposed_workers district",
      "职业病 职业健康 危害因素", "occupational disease; occupational health; workplace hazards",
      "一家用人单位某年申报的一类职业病危害因素", "one employer's declaration of one occupational hazard for one year",
      "safety"),
    C("出生人口统计", "Birth statistics", "health", "Cg", "monthly", 6_200,
      "stat_month district births male_births female_births",
      "出生人口 生育 人口", "births; fertility; population",
      "某月某区(市)县的出生人口数", "one month's births in one district", "stats"),
]

CATEGORIES["TYJRJ"] = [
    C("退役军人服务站信息", "Veterans service stations", "civil_affairs", "Ug", "quarterly", 3_300,
      "station_name station_level @loc phone_public",
      "退役军人 服务站 双拥", "veterans; service station; veterans affairs",
      "一个退役军人服务中心或服务站", "one veterans service centre or station", "gov"),
    C("退役军人基本信息", "Veterans register", "civil_affairs", "Xk", "monthly", 420_000,
      "@person service_branch discharge_date discharge_type resettlement_type district",
      "退役军人 复员 转业", "veterans; demobilised soldiers; ex-servicemen",
      "一名在蓉退役军人的基本信息", "the basic record of one veteran living in Chengdu", "internal"),
    C("优抚对象抚恤补助信息", "Pensions for entitled groups", "civil_affairs", "Xk", "monthly", 98_000,
      "name_masked id_number_masked entitled_category benefit_month amount district",
      "优抚 抚恤 补助", "preferential treatment; survivor pensions; allowances",
      "一名优抚对象某月领取的抚恤补助", "one month's pension or allowance paid to one entitled person", "internal"),
    C("退役军人就业创业服务信息", "Veterans employment services", "social_security", "Cg", "monthly", 36_000,
      "service_id service_type employer_name job_title service_date district",
      "退役军人就业 就业创业 招聘", "veterans employment; jobs for veterans; recruitment",
      "一次为退役军人提供的就业创业服务", "one employment or start-up service delivered to a veteran", "hr"),
    C("烈士纪念设施信息", "Martyrs' memorial facilities", "culture_tourism", "Ug", "yearly", 520,
      "facility_name protection_level @loc open_hours",
      "烈士陵园 纪念设施 红色旅游", "martyrs' cemetery; memorial; red tourism",
      "一处烈士纪念设施", "one martyrs' memorial facility", "tourism"),
    C("拥军优属优待商户信息", "Businesses offering veterans' discounts", "civil_affairs", "Cg", "quarterly", 2_400,
      "merchant_name uscc industry discount_terms @loc",
      "拥军优属 优待证 商户优惠", "veterans' discounts; preferential treatment card; merchant offers",
      "一家对优待证持证人提供优惠的商户", "one business offering discounts to veteran card holders", "market"),
]

CATEGORIES["YJJ"] = [
    C("危险化学品经营许可信息", "Hazardous chemicals business licences", "public_safety", "Cg", "weekly", 4_900,
      "licence_no @ent business_mode chemical_scope address valid_to",
      "危险化学品 危化品 经营许可", "hazardous chemicals; dangerous goods; business licence",
      "一份危险化学品经营许可证", "one hazardous-chemicals business licence", "safety"),
    C("重大危险源信息", "Major hazard installations", "public_safety", "Ci", "quarterly", 1_300,
      "hazard_id @ent hazard_grade chemical_name design_quantity_t district lng lat",
      "重大危险源 危险化学品 安全生产", "major hazard installation; hazardous chemicals; work safety",
      "一处危险化学品重大危险源", "one major hazard installation", "safety"),
    C("安全生产行政处罚信息", "Work safety administrative penalties", "public_safety", "Ug", "weekly", 19_000,
      "@penalty", "安全生产 行政处罚 安全隐患", "work safety; administrative penalty; safety hazards",
      "一次安全生产行政处罚决定", "one work-safety penalty decision", "compliance"),
    C("应急避难场所信息", "Emergency shelters", "public_safety", "Ug", "yearly", 1_900,
      "shelter_name shelter_type @loc area_m2 capacity_persons facilities",
      "避难场所 应急 地震 疏散", "emergency shelter; evacuation; earthquake",
      "一处应急避难场所", "one emergency shelter", "safety"),
    C("应急物资储备库信息", "Emergency supply depots", "public_safety", "Xi", "yearly", 260,
      "depot_name depot_level @loc stock_categories capacity_m3",
      "应急物资 储备库 救灾物资", "emergency supplies; reserve depot; relief supplies",
      "一个应急物资储备库", "one emergency supply depot", "internal"),
    C("自然灾害灾情信息", "Natural disaster loss reports", "public_safety", "Ci", "irregular", 7_800,
      "event_id disaster_type start_date district affected_population deaths economic_loss_wan",
      "自然灾害 灾情 暴雨 地震 洪涝", "natural disasters; disaster losses; rainstorms; earthquakes; floods",
      "一次自然灾害在某区(市)县造成的灾情", "the losses from one natural disaster in one district", "safety"),
    C("生产安全事故信息", "Work safety accidents", "public_safety", "Cg", "monthly", 8_600,
      "accident_no occurred_at district industry_category accident_type deaths injuries direct_loss_wan",
      "安全事故 生产安全 事故调查", "industrial accidents; work safety; accident investigation",
      "一起生产安全事故", "one work-safety accident", "safety"),
    C("应急救援队伍信息", "Emergency rescue teams", "public_safety", "Ci", "quarterly", 1_450,
      "team_name team_type affiliation member_count equipment_summary district phone_public",
      "救援队 应急救援 志愿者", "rescue team; emergency response; volunteers",
      "一支应急救援队伍", "one emergency rescue team", "safety"),
    C("工贸企业安全生产标准化信息", "Work safety standardisation of enterprises", "public_safety", "Cg", "monthly",
      12_600, "@ent industry_category standardisation_grade cert_date valid_to",
      "安全生产标准化 工贸企业 安全等级", "work safety standardisation; industrial enterprises; safety grade",
      "一家工贸企业的安全生产标准化等级", "one enterprise's work-safety standardisation grade", "safety"),
    C("烟花爆竹经营许可信息", "Fireworks retail licences", "public_safety", "Cg", "yearly", 3_100,
      "licence_no shop_name operator_name @loc valid_from valid_to",
      "烟花爆竹 鞭炮 经营许可", "fireworks; firecrackers; retail licence",
      "一份烟花爆竹零售经营许可证", "one fireworks retail licence", "safety"),
]

CATEGORIES["SJJ"] = [
    C("审计结果公告信息", "Audit result announcements", "government_services", "Ug", "irregular", 420,
      "announcement_no title audited_entity audit_type publish_date",
      "审计 审计公告 审计结果", "audit; audit report; audit findings",
      "一份审计结果公告", "one published audit report", "gov"),
    C("审计发现问题整改情况", "Rectification of audit findings", "government_services", "Cg", "quarterly", 6_800,
      "issue_id audited_entity issue_category amount_involved_wan rectify_status rectify_date",
      "审计整改 问题整改 审计", "audit rectification; corrective actions; audit",
      "一个审计发现问题的整改情况", "the follow-up of one audit finding", "gov"),
    C("政府投资项目审计信息", "Government investment project audits", "government_services", "Ci", "monthly",
      3_900, "project_name owner_org submitted_amount_wan audited_amount_wan reduction_wan audit_date",
      "投资审计 工程审计 结算审计", "investment audit; construction audit; final account audit",
      "一个政府投资项目的结算审计结果", "the final-account audit of one government investment project", "tender"),
    C("审计对象单位名录", "Register of audited entities", "government_services", "Xi", "yearly", 2_600,
      "org_name uscc org_type supervising_org last_audit_year",
      "审计对象 被审计单位", "audited entities; audit coverage",
      "一个纳入审计监督范围的单位", "one entity within the scope of audit supervision", "internal"),
]

CATEGORIES["GZW"] = [
    C("市属国有企业名录", "Municipal state-owned enterprises", "industry", "Ug", "quarterly", 1_900,
      "@ent parent_group tier ownership_ratio main_business district",
      "国企 国有企业 市属国企", "state-owned enterprise; SOE; municipal SOE",
      "一家市属国有企业或其下属企业", "one municipal state-owned enterprise or subsidiary", "verify"),
    C("市属国有企业主要经济指标", "Key financial indicators of municipal SOEs", "industry", "Ci", "quarterly",
      11_000, "@ent stat_period total_assets revenue profit_total asset_liability_ratio",
      "国企 营业收入 资产负债率 利润", "SOE; revenue; debt ratio; profit",
      "一家市属国有企业某期的主要经济指标", "one municipal SOE's key financials for one period", "stats"),
    C("企业国有资产产权登记信息", "State-owned property right registrations", "finance_tax", "Ci", "monthly", 6_400,
      "reg_no @ent reg_type state_capital_wan investor_name reg_date",
      "产权登记 国有资产 国企", "property right registration; state-owned assets; SOE",
      "一次企业国有资产产权登记", "one state-owned property right registration", "verify"),
    C("国有企业资产出租信息", "State-owned asset leasing notices", "commerce", "Ug", "daily", 18_500,
      "notice_no asset_name asset_type @loc area_m2 reserve_rent lease_term_months notice_date",
      "国企招租 商铺出租 写字楼出租", "SOE leasing; shops to let; offices to let",
      "一条国有企业资产招租公告", "one state-owned asset leasing notice", "market"),
    C("国有企业招聘信息", "SOE recruitment", "social_security", "Ug", "weekly", 9_200,
      "job_id employer_name job_title headcount education_required work_district post_date deadline",
      "国企招聘 招聘 就业", "SOE jobs; recruitment; employment",
      "一条市属国有企业公开招聘岗位", "one job advertised by a municipal SOE", "hr"),
]

CATEGORIES["SCJGJ"] = [
    C("企业营业执照信息", "Enterprise business licence information", "market", "Cg", "daily", 1_150_000,
      "@ent legal_rep ent_type reg_capital est_date business_scope reg_authority reg_status address",
      "营业执照 市场主体 企业登记 工商注册", "business licence; business license; company registration; enterprise",
      "一家在成都登记的企业的营业执照登记事项", "the business-licence particulars of one enterprise registered in Chengdu",
      "verify", sys=("市场主体登记注册系统", "market entity registration system"), fixed=True),
    C("个体工商户营业执照信息", "Individual business licence information", "market", "Cg", "daily", 2_650_000,
      "uscc trade_name operator_name_masked business_form business_scope est_date reg_authority reg_status address",
      "个体工商户 营业执照 个体户", "individual business; business licence; business license; sole trader",
      "一户个体工商户的营业执照登记事项", "the business-licence particulars of one individual business",
      "verify", sys=("市场主体登记注册系统", "market entity registration system"), fixed=True),
    C("市场主体变更登记信息", "Market entity registration changes", "market", "Ci", "daily", 1_000_000,
      "uscc ent_name change_item before_content after_content change_date reg_authority",
      "变更登记 市场主体 企业登记 股权变更", "registration change; market entity; company registration; ownership change",
      "一次市场主体登记事项变更", "one change to a market entity's registered particulars", "verify",
      sys=("市场主体登记注册系统", "market entity registration system")),
    C("市场主体注销登记信息", "Market entity deregistrations", "market", "Ug", "daily", 980_000,
      "uscc ent_name ent_type dereg_date dereg_reason reg_authority",
      "注销 企业注销 市场主体 简易注销", "deregistration; company dissolution; market entity",
      "一个市场主体的注销登记", "the deregistration of one market entity", "verify",
      sys=("市场主体登记注册系统", "market entity registration system")),
    C("企业年度报告公示信息", "Enterprise annual report disclosures", "market", "Ug", "yearly", 3_600_000,
      "@ent report_year employee_count_disclosed website_url phone_public report_date",
      "企业年报 年度报告 信息公示", "annual report; corporate disclosure; company filings",
      "一家企业某年度的年报公示内容", "one enterprise's published annual report for one year", "credit",
      sys=("国家企业信用信息公示系统(四川)", "National Enterprise Credit Information Publicity System (Sichuan)")),
    C("经营异常名录信息", "Enterprises listed for abnormal operations", "credit", "Ug", "daily", 310_000,
      "@ent listed_reason listed_date listing_org removed_reason removed_date",
      "经营异常名录 异常经营 企业信用", "abnormal operations list; business irregularities; corporate credit",
      "一次将市场主体列入或移出经营异常名录的决定", "one decision to add an entity to, or remove it from, the abnormal-operations list",
      "credit", sys=("国家企业信用信息公示系统(四川)", "National Enterprise Credit Information Publicity System (Sichuan)")),
    C("严重违法失信企业名单", "Enterprises listed for serious illegal and dishonest acts", "credit", "Ug", "daily",
      8_400, "@ent legal_rep listed_reason listed_date decision_org removed_date",
      "严重违法失信 黑名单 失信企业", "serious violations; blacklist; dishonest enterprises",
      "一家被列入严重违法失信名单的企业", "one enterprise on the list of serious illegal and dishonest acts", "credit"),
    C("市场监管行政处罚信息", "Market regulation administrative penalties", "market", "Ug", "daily", 96_000,
      "@penalty", "行政处罚 处罚决定 市场监管 违法", "administrative penalty; enforcement decision; market regulation",
      "一次市场监管行政处罚决定", "one market-regulation penalty decision", "compliance"),
    C("食品经营许可证信息", "Food business licences", "market", "Cg", "daily", 210_000,
      "licence_no operator_name uscc legal_rep business_premises main_business_type business_items valid_to "
      "issuing_org",
      "食品经营许可 食品安全 餐饮 餐馆", "food business licence; food safety; catering; restaurants",
      "一份食品经营许可证", "one food business licence", "food"),
    C("食品生产许可证信息", "Food production licences", "market", "Ug", "weekly", 4_300,
      "licence_no @ent production_address food_category valid_to issuing_org",
      "食品生产许可 SC 食品安全 食品厂", "food production licence; SC licence; food safety; food factory",
      "一份食品生产许可证", "one food production licence", "food"),
    C("食品安全监督抽检信息", "Food safety sampling results", "market", "Ug", "weekly", 380_000,
      "sample_no product_name brand spec production_date producer_name sampled_entity test_item result sample_date",
      "食品抽检 不合格食品 食品安全", "food sampling; non-compliant food; food safety",
      "一个食品抽检样品的检验结论", "the test conclusion for one food sample", "food"),
    C("特种设备使用登记信息", "Special equipment registrations", "public_safety", "Ci", "daily", 420_000,
      "equipment_code equipment_type equipment_model use_unit uscc install_address manufacturer reg_date "
      "next_inspection_date",
      "特种设备 电梯 锅炉 压力容器 起重机械", "special equipment; elevator; lift; boiler; pressure vessel; crane",
      "一台特种设备的使用登记", "the use registration of one item of special equipment", "safety",
      sys=("特种设备安全监管系统", "special equipment safety system")),
    C("电梯维保与检验信息", "Elevator maintenance and inspections", "public_safety", "Cg", "daily", 700_000,
      "equipment_code maintenance_unit maintenance_date maintenance_type inspection_org inspection_date "
      "inspection_result",
      "电梯 维保 定期检验 电梯安全", "elevator; lift maintenance; periodic inspection; lift safety",
      "一台电梯的一次维保或定期检验", "one maintenance visit or periodic inspection of one lift", "safety",
      sys=("特种设备安全监管系统", "special equipment safety system")),
    C("商标注册信息", "Registered trademarks", "science", "Cg", "monthly", 720_000,
      "reg_no trademark_name nice_class applicant_name applicant_address filing_date reg_date exclusive_valid_to "
      "trademark_status",
      "商标 注册商标 知识产权 品牌", "trademark; registered trademark; intellectual property; brand",
      "一件成都申请人的注册商标", "one registered trademark held by a Chengdu applicant", "ip"),
    C("专利授权信息", "Granted patents", "science", "Cg", "monthly", 410_000,
      "patent_no patent_title patent_type patentee inventors application_date grant_date ipc_class legal_status",
      "专利 发明专利 实用新型 知识产权", "patent; invention patent; utility model; intellectual property",
      "一件专利权人在成都的授权专利", "one granted patent whose holder is based in Chengdu", "ip"),
    C("地理标志产品信息", "Geographical indication products", "agriculture", "Ug", "irregular", 68,
      "gi_name product_category protection_area approval_no approval_date authorised_users",
      "地理标志 特色农产品 郫县豆瓣 蒲江猕猴桃", "geographical indication; local specialty; Pixian chilli bean paste; Pujiang kiwi",
      "一个获保护的地理标志产品", "one protected geographical indication product", "agri"),
    C("工业产品生产许可证信息", "Industrial product production licences", "industry", "Cg", "weekly", 1_900,
      "licence_no @ent product_name production_address valid_to issuing_org",
      "生产许可证 工业产品 质量", "production licence; industrial products; quality",
      "一份工业产品生产许可证", "one industrial product production licence", "compliance"),
    C("计量器具强制检定信息", "Mandatory verification of measuring instruments", "market", "Cg", "monthly",
      900_000, "instrument_no instrument_name model use_unit verification_org verification_date verification_result "
      "valid_to",
      "计量 强制检定 加油机 电子秤", "metrology; instrument verification; fuel dispenser; scales",
      "一台计量器具的一次强制检定", "one mandatory verification of one measuring instrument", "compliance"),
    C("12315消费投诉举报信息", "12315 consumer complaints and reports", "market", "Ci", "daily", 700_000,
      "ticket_no received_at channel complaint_type respondent_name uscc industry_category amount_involved "
      "handling_result close_date",
      "消费投诉 12315 消费维权 举报", "consumer complaint; 12315 hotline; consumer rights; reports",
      "一件12315消费投诉或举报(不含投诉人信息)", "one 12315 consumer complaint or report (complainant details removed)",
      "market", sys=("全国12315平台", "national 12315 platform"), start="2017-01-01"),
    C("产品质量监督抽查信息", "Product quality spot checks", "market", "Ug", "quarterly", 26_000,
      "sample_no product_name brand spec producer_name sampled_entity test_item result sample_date",
      "产品质量 抽查 不合格产品", "product quality; spot checks; non-compliant products",
      "一个产品质量抽查样品的检验结论", "the test conclusion for one product-quality sample", "compliance"),
    C("违法广告监测线索信息", "Illegal advertising monitoring leads", "market", "Xi", "daily", 58_000,
      "clue_no ad_media ad_summary advertiser_name violation found_at handling_status",
      "广告监测 违法广告 虚假广告", "advertising monitoring; illegal advertising; false advertising",
      "一条广告监测发现的违法线索", "one lead from advertising monitoring", "internal"),
    C("网络交易经营主体信息", "Online trading operators", "commerce", "Cg", "weekly", 310_000,
      "uscc operator_name platform_name store_name store_url business_category address",
      "网店 电子商务 网络交易 直播带货", "online store; e-commerce; online trading; live-stream selling",
      "一个在电商平台经营的网店主体", "one operator running a store on an e-commerce platform", "market", start="2019-01-01"),
    C("药品零售企业(药店)许可信息", "Retail pharmacy licences", "health", "Ug", "daily", 16_500,
      "licence_no pharmacy_name uscc legal_rep chief_pharmacist business_scope @loc valid_to",
      "药店 药房 药品零售 药品经营许可证", "pharmacy; drugstore; drug retail; pharmacy licence",
      "一家取得药品经营许可证的零售药店", "one licensed retail pharmacy", "health"),
    C("企业股东及出资信息", "Enterprise shareholders and capital contributions", "market", "Ci", "daily",
      2_300_000, "@ent shareholder_name shareholder_type subscribed_capital paid_in_capital contribution_method "
      "contribution_date",
      "股东 出资 股权结构", "shareholders; capital contributions; ownership structure",
      "一家企业一名股东的认缴和实缴出资", "one shareholder's subscribed and paid-in capital in one enterprise", "verify",
      sys=("市场主体登记注册系统", "market entity registration system")),
    C("股权出质登记信息", "Equity pledge registrations", "finance_tax", "Cg", "daily", 36_000,
      "pledge_reg_no uscc ent_name pledgor pledgee pledged_amount reg_date pledge_status",
      "股权出质 股权质押 融资", "equity pledge; share pledge; financing",
      "一笔股权出质登记", "one equity pledge registration", "credit"),
]

CATEGORIES["TYJ"] = [
    C("公共体育场馆信息", "Public sports venues", "culture_tourism", "Ug", "quarterly", 1_100,
      "venue_name venue_type operator_name @loc sports_offered opening_hours fee_standard",
      "体育场馆 体育馆 游泳馆 健身", "sports venues; stadium; swimming pool; fitness",
      "一个对外开放的公共体育场馆", "one public sports venue", "tourism"),
    C("全民健身设施信息", "Community fitness facilities", "culture_tourism", "Cg", "yearly", 21_000,
      "facility_id facility_type @loc install_year equipment_count",
      "健身路径 健身器材 全民健身", "outdoor gym; fitness equipment; public fitness",
      "一处社区健身路径或全民健身设施", "one community fitness facility", "city"),
    C("体育赛事活动信息", "Sporting events", "culture_tourism", "Ug", "weekly", 8_600,
      "event_name sport_type organiser_name venue_name start_date end_date event_level expected_participants",
      "体育赛事 马拉松 比赛", "sporting events; marathon; competitions",
      "一项在蓉举办的体育赛事活动", "one sporting event held in Chengdu", "tourism"),
    C("体育培训机构信息", "Sports training providers", "education", "Cg", "monthly", 3_700,
      "org_name uscc sports_offered @loc coach_count",
      "体育培训 游泳培训 青少年体育", "sports coaching; swimming lessons; youth sport",
      "一家体育培训机构", "one sports training provider", "edu"),
    C("高危险性体育项目经营许可信息", "High-risk sports business licences", "culture_tourism", "Ug", "monthly", 1_450,
      "licence_no venue_name uscc sport_type @loc valid_to",
      "游泳场所 攀岩 滑雪 高危体育", "swimming pools; climbing; skiing; high-risk sports",
      "一份高危险性体育项目经营许可", "one licence to operate a high-risk sport", "safety"),
    C("社会体育指导员信息", "Social sports instructors", "culture_tourism", "Cg", "yearly", 52_000,
      "cert_no_masked name_masked instructor_level sports_offered district",
      "社会体育指导员 健身指导", "sports instructors; fitness coaching",
      "一名社会体育指导员", "one certified social sports instructor", "hr"),
    C("学校体育场地开放信息", "School sports grounds open to the public", "culture_tourism", "Ug", "quarterly", 980,
      "school_name @loc facilities_open open_hours booking_method",
      "学校操场 体育场地开放 健身", "school sports grounds; public access; fitness",
      "一所向社会开放体育场地的学校", "one school that opens its sports grounds to the public", "city"),
]

CATEGORIES["TJJ"] = [
    C("地区生产总值统计数据", "Gross domestic product statistics", "industry", "Ug", "quarterly", 2_300,
      "stat_period district indicator_name value_100m yoy_growth_pct",
      "GDP 地区生产总值 经济增长", "GDP; gross regional product; economic growth",
      "某季度某区(市)县一项生产总值指标", "one GDP indicator for one district and quarter", "stats"),
    C("常住人口统计数据", "Resident population statistics", "civil_affairs", "Ug", "yearly", 1_100,
      "stat_year district resident_population urbanisation_rate births_per_1000 deaths_per_1000",
      "常住人口 人口 城镇化率", "resident population; population; urbanisation rate",
      "某年某区(市)县的常住人口和城镇化率", "one year's resident population and urbanisation rate for one district",
      "stats"),
    C("第七次全国人口普查汇总数据", "Seventh national population census tables", "civil_affairs", "Ug", "irregular",
      48_000, "table_no district street indicator_name value",
      "人口普查 七普 人口", "population census; 2020 census; population",
      "第七次全国人口普查一个汇总表中一个街道的一项指标", "one indicator for one subdistrict in a 2020 census table",
      "planning", start="2020-11-01", end="2020-11-01"),
    C("居民消费价格指数", "Consumer price index (CPI)", "commerce", "Ug", "monthly", 8_600,
      "stat_month item_category index_yoy index_mom",
      "CPI 物价 居民消费价格", "CPI; consumer prices; inflation",
      "某月一个商品类别的居民消费价格指数", "one month's consumer price index for one category", "stats"),
    C("规模以上工业增加值统计", "Industrial value added of above-scale enterprises", "industry", "Ug", "monthly",
      5_200, "stat_month district industry_name value_added_growth_pct",
      "工业增加值 规上工业 工业增长", "industrial value added; above-scale industry; industrial growth",
      "某月某区(市)县一个行业的工业增加值增速", "one month's industrial value-added growth for one industry in one district",
      "stats"),
    C("城乡居民收支统计", "Household income and expenditure statistics", "civil_affairs", "Cg", "quarterly",
      1_900, "stat_period residence_type indicator_name value_yuan yoy_growth_pct",
      "居民收入 消费支出 可支配收入", "household income; consumer spending; disposable income",
      "某季度城镇或农村居民的一项收支指标", "one income or spending indicator for urban or rural households in one quarter",
      "stats"),
    C("第五次全国经济普查单位名录", "Fifth national economic census unit register", "industry", "Ci", "irregular",
      600_000, "@org unit_type industry_code district employee_count_band",
      "经济普查 法人单位 产业活动单位", "economic census; legal entities; business establishments",
      "第五次全国经济普查登记的一个法人单位或产业活动单位",
      "one legal entity or establishment registered in the fifth national economic census",
      "stats", start="2023-12-31", end="2023-12-31"),
    C("固定资产投资统计", "Fixed-asset investment statistics", "industry", "Cg", "monthly", 6_400,
      "stat_month district investment_category growth_pct",
      "固定资产投资 投资增速", "fixed-asset investment; investment growth",
      "某月某区(市)县一类固定资产投资的增速", "one month's growth of one type of fixed-asset investment in one district",
      "stats"),
    C("成都统计年鉴数据", "Chengdu Statistical Yearbook tables", "industry", "Ug", "yearly", 86_000,
      "yearbook_year table_no table_title row_label column_label value unit",
      "统计年鉴 统计数据 年鉴", "statistical yearbook; statistics; yearbook",
      "成都统计年鉴中一个表格单元格的数值", "one cell of a table in the Chengdu Statistical Yearbook", "stats"),
    C("规模以上服务业营业收入统计", "Revenue of above-scale service enterprises", "commerce", "Cg", "quarterly",
      12_000, "stat_period district industry_name revenue_100m growth_pct",
      "服务业 营业收入 第三产业", "services sector; revenue; tertiary industry",
      "某季度某区(市)县一个服务行业的营业收入", "one quarter's revenue of one service industry in one district", "stats"),
]

CATEGORIES["YBJ"] = [
    C("职工基本医疗保险参保信息", "Employee basic medical insurance enrolment", "health", "Ci", "monthly", 4_100_000,
      "name_masked id_number_masked employer_name uscc insured_status first_insured_date last_paid_month",
      "医保 医疗保险 参保 职工医保", "medical insurance; health insurance; enrolment; employee medical insurance",
      "一名职工的基本医疗保险参保状态", "one employee's basic medical insurance enrolment status", "insurance"),
    C("医保定点医疗机构信息", "Designated medical institutions", "health", "Ug", "weekly", 12_100,
      "inst_code inst_name inst_category hospital_grade @loc designation_date",
      "医保定点 定点医院 医院", "designated hospital; medical insurance network; hospital",
      "一家医保定点医疗机构", "one medical institution designated for medical insurance", "health"),
    C("医保定点零售药店信息", "Designated retail pharmacies", "health", "Ug", "weekly", 14_200,
      "pharmacy_code pharmacy_name uscc @loc designation_date dual_channel",
      "药店 医保 定点药店 药房", "pharmacy; medical insurance; designated pharmacy; drugstore",
      "一家医保定点零售药店", "one retail pharmacy designated for medical insurance", "health"),
    C("医保结算明细数据", "Medical insurance claim settlements", "health", "Xk", "daily", 3_000_000,
      "settlement_id insured_id_masked inst_code settle_date encounter_type total_cost fund_paid self_paid",
      "医保结算 报销 医疗费用", "medical insurance settlement; reimbursement; medical costs",
      "一次医保费用结算", "one medical insurance claim settlement", "internal"),
    C("门诊慢特病待遇认定信息", "Chronic and special disease outpatient entitlements", "health", "Xk", "monthly",
      800_000, "insured_id_masked disease_name certified_inst certified_date valid_to",
      "慢性病 特殊病 门诊慢特病", "chronic disease; special disease; outpatient entitlement",
      "一名参保人的门诊慢特病待遇认定", "one insured person's chronic-disease outpatient entitlement", "internal"),
    C("医保药品目录信息", "Medical insurance drug list", "health", "Ug", "irregular", 3_200,
      "drug_code generic_name dosage_form drug_category reimbursement_class restriction effective_date",
      "医保目录 药品目录 甲类 乙类", "drug list; formulary; category A; category B",
      "医保药品目录中的一个药品", "one drug in the medical insurance formulary", "health"),
    C("医疗服务项目价格信息", "Medical service prices", "health", "Ug", "irregular", 9_400,
      "item_code item_name price_unit price_tertiary price_secondary price_primary reimbursable",
      "医疗服务价格 收费标准 医疗收费", "medical service prices; fee schedule; medical charges",
      "一个医疗服务项目的收费标准", "the price of one medical service item", "health"),
    C("药品和医用耗材集中带量采购信息", "Volume-based procurement of drugs and consumables", "health", "Cg",
      "monthly", 6_800, "batch_name product_name spec manufacturer winning_price agreed_volume effective_date",
      "集采 带量采购 药品价格 耗材", "centralised procurement; volume-based purchasing; drug prices; medical consumables",
      "一个中选药品或耗材的集采结果", "the procurement result for one selected drug or consumable", "health", start="2019-12-01"),
    C("长期护理保险待遇信息", "Long-term care insurance benefits", "health", "Xk", "monthly", 160_000,
      "insured_id_masked disability_level care_mode care_provider benefit_month amount",
      "长护险 长期护理保险 失能", "long-term care insurance; disability care; nursing care",
      "一名失能人员某月的长期护理保险待遇", "one month's long-term care benefit for one person", "internal", start="2017-07-01"),
    C("医保基金收支统计", "Medical insurance fund statistics", "finance_tax", "Ci", "monthly", 2_900,
      "stat_month insurance_type revenue_wan expenditure_wan balance_wan",
      "医保基金 基金收支 医保", "medical insurance fund; fund revenue; fund expenditure",
      "某月一个险种的医保基金收支", "one month's fund revenue and spending for one insurance scheme", "stats"),
    C("医保违法违规处理信息", "Medical insurance violations", "health", "Ug", "monthly", 7_300,
      "case_no inst_name uscc violation amount_recovered penalty_amount decision_date",
      "医保违规 欺诈骗保 飞行检查", "medical insurance violations; insurance fraud; spot inspection",
      "一起医保违法违规行为的处理结果", "the outcome of one medical insurance violation case", "compliance"),
    C("惠蓉保参保统计信息", "Hui Rong Bao supplementary health insurance statistics", "health", "Cg", "yearly",
      1_600, "policy_year district age_band enrolled_count claims_count claims_paid_wan",
      "惠蓉保 补充医疗保险 商业保险", "Hui Rong Bao; supplementary health insurance; commercial insurance",
      "某年度某区(市)县一个年龄段的惠蓉保参保和理赔统计",
      "one year's Hui Rong Bao enrolment and claims for one district and age band", "insurance", start="2020-12-01"),
    C("异地就医备案信息", "Cross-region medical treatment filings", "health", "Ci", "daily", 900_000,
      "filing_no insured_id_masked filing_type destination_city start_date end_date",
      "异地就医 跨省就医 医保", "out-of-area treatment; cross-province care; medical insurance",
      "一名参保人的异地就医备案", "one insured person's filing for treatment outside Chengdu", "insurance"),
    C("医保电子凭证激活统计", "Medical insurance e-voucher activation statistics", "government_services", "Cg",
      "monthly", 4_100, "stat_month district channel activated_count usage_count",
      "医保电子凭证 医保码 扫码就医", "medical insurance e-voucher; insurance QR code; mobile payment",
      "某月某区(市)县一个渠道的医保电子凭证激活和使用量",
      "one month's e-voucher activations and uses for one channel in one district", "gov", start="2020-01-01"),
]

CATEGORIES["GJJZX"] = [
    C("住房公积金缴存单位信息", "Housing provident fund contributing employers", "finance_tax", "Ci", "monthly",
      148_000, "@org fund_account_no contributor_count contribution_rate monthly_contribution open_date account_status",
      "公积金 缴存单位 住房公积金", "housing provident fund; contributing employers; HPF",
      "一个住房公积金缴存单位的缴存情况", "one employer's housing provident fund account and contributions", "credit"),
    C("住房公积金个人缴存信息", "Individual housing provident fund contributions", "finance_tax", "Ci", "monthly",
      2_300_000, "name_masked id_number_masked employer_name account_status contribution_base_band "
      "monthly_contribution last_paid_month",
      "公积金 缴存 公积金账户", "housing provident fund; contributions; HPF account",
      "一名职工的住房公积金缴存状态", "one employee's housing provident fund contribution status", "credit"),
    C("住房公积金提取信息", "Housing provident fund withdrawals", "finance_tax", "Ci", "daily", 1_400_000,
      "withdrawal_no account_no_masked withdrawal_reason amount withdrawal_date channel",
      "公积金提取 租房提取 公积金", "housing provident fund withdrawal; rent withdrawal; HPF",
      "一笔住房公积金提取", "one housing provident fund withdrawal", "credit"),
    C("住房公积金个人贷款信息", "Housing provident fund mortgage loans", "finance_tax", "Xk", "daily", 700_000,
      "loan_no borrower_id_masked loan_amount term_months interest_rate disbursement_date property_district "
      "loan_status",
      "公积金贷款 房贷 住房贷款", "housing provident fund loan; mortgage; home loan",
      "一笔住房公积金个人住房贷款", "one housing provident fund mortgage loan", "internal"),
    C("住房公积金缴存统计", "Housing provident fund contribution statistics", "finance_tax", "Ug", "monthly", 3_600,
      "stat_month district industry new_contributors total_contribution_wan",
      "公积金 缴存统计 住房公积金", "housing provident fund; contribution statistics; HPF",
      "某月某区(市)县一个行业的住房公积金缴存统计",
      "one month's housing provident fund contributions for one industry in one district", "stats"),
    C("住房公积金业务网点信息", "Housing provident fund service outlets", "government_services", "Ug", "monthly", 58,
      "outlet_name @loc service_hours phone_public services_offered",
      "公积金 网点 办事大厅", "housing provident fund; service outlet; service hall",
      "一个住房公积金业务网点", "one housing provident fund service outlet", "gov"),
    C("住房公积金贷款合作楼盘信息", "Housing projects eligible for housing provident fund loans", "urban_housing", "Ug",
      "weekly", 2_900, "project_name developer_name district address presale_permit_no approval_date",
      "公积金贷款 楼盘 新房", "housing provident fund loan; housing projects; new homes",
      "一个可办理住房公积金贷款的楼盘项目", "one housing project approved for housing provident fund "
      "loans", "realestate", start="2012-01-01"),
    C("住房公积金欠缴单位信息", "Employers in arrears on housing provident fund contributions", "credit", "Cg",
      "monthly", 4_200, "@org arrears_months arrears_amount listed_date resolved_date",
      "公积金欠缴 失信 住房公积金", "housing provident fund arrears; non-compliance; HPF",
      "一个欠缴住房公积金的单位", "one employer in arrears on housing provident fund contributions", "credit"),
]

CATEGORIES["GYCSJ"] = [
    C("城市公园信息", "City parks", "environment", "Ug", "quarterly", 1_580,
      "park_name park_type @loc area_ha opening_hours facilities",
      "公园 绿地 城市公园", "park; green space; urban park",
      "一座城市公园", "one city park", "city"),
    C("天府绿道信息", "Tianfu Greenway network", "culture_tourism", "Ug", "quarterly", 8_200,
      "segment_id greenway_name greenway_level length_km surface_type district geom",
      "绿道 骑行 跑步 天府绿道", "greenway; cycling; running; Tianfu Greenway",
      "天府绿道的一个路段", "one section of the Tianfu Greenway", "tourism", start="2017-09-01"),
    C("古树名木信息", "Ancient and notable trees", "environment", "Cg", "yearly", 9_800,
      "tree_id species tree_age protection_grade height_m @loc",
      "古树 名木 树木保护", "ancient trees; heritage trees; tree protection",
      "一株登记保护的古树名木", "one registered ancient or notable tree", "env"),
    C("城市绿地分布信息", "Urban green space distribution", "environment", "Cg", "yearly", 96_000,
      "patch_id green_type district area_m2 survey_year geom",
      "绿地 绿化覆盖率 公园绿地", "green space; green coverage; parkland",
      "一个城市绿地图斑", "one urban green-space polygon", "planning"),
    C("森林资源与林地信息", "Forest resources and forest land", "environment", "Ci", "yearly", 610_000,
      "parcel_id forest_type dominant_species area_ha ownership_type district survey_year geom",
      "森林 林地 森林资源 林业", "forest; woodland; forest resources; forestry",
      "一个森林资源调查小班", "one forest-inventory compartment", "env"),
    C("自然保护地信息", "Nature reserves and protected areas", "environment", "Ug", "yearly", 46,
      "area_name protected_area_type protection_level area_km2 main_species district geom",
      "自然保护区 大熊猫国家公园 风景名胜区", "nature reserve; Giant Panda National Park; scenic area",
      "一处自然保护地", "one nature reserve or protected area", "env"),
    C("野生动物救护与疫源疫病监测信息", "Wildlife rescue and disease surveillance", "environment", "Cg", "monthly",
      12_400, "record_id species record_type found_date district handling_result",
      "野生动物 救护 疫源疫病", "wildlife; animal rescue; wildlife disease surveillance",
      "一次野生动物救护或疫源疫病监测记录", "one wildlife rescue or disease-surveillance record", "env"),
    C("林业有害生物监测信息", "Forest pest monitoring", "agriculture", "Cg", "monthly", 46_000,
      "point_id pest_name host_species infested_area_mu severity survey_date district",
      "林业有害生物 松材线虫 病虫害", "forest pests; pine wilt nematode; plant disease",
      "一个监测点一次林业有害生物调查结果", "one forest-pest survey result at one monitoring point", "agri"),
    C("行道树信息", "Street trees", "environment", "Cg", "quarterly", 800_000,
      "tree_id species road_name district dbh_cm planting_year lng lat",
      "行道树 绿化 银杏", "street trees; urban greening; ginkgo",
      "一株城市行道树", "one street tree", "city", area="central"),
    C("公园城市消费场景信息", "Park city consumption scenes", "commerce", "Ug", "quarterly", 640,
      "scene_name scene_type operator_name @loc opening_hours",
      "消费场景 公园城市 夜经济", "consumption scenes; park city; night economy",
      "一个公园城市消费场景", "one park-city consumption venue", "market", start="2019-01-01"),
]

CATEGORIES["XJJW"] = [
    C("新经济企业名录", "New economy enterprise register", "industry", "Cg", "quarterly", 612_000,
      "@ent new_economy_sector est_date district employee_band",
      "新经济 数字经济 企业名录", "new economy; digital economy; company register",
      "一家归入新经济领域的企业", "one enterprise classified in a new-economy sector", "invest", start="2017-11-01"),
    C("独角兽及瞪羚企业名单", "Unicorn and gazelle enterprises", "industry", "Ug", "yearly", 1_480,
      "@ent list_type list_year sector latest_valuation_band district",
      "独角兽 瞪羚企业 高成长企业", "unicorn; gazelle company; high-growth firms",
      "一家入选独角兽或瞪羚名单的企业", "one enterprise named a unicorn or gazelle", "invest", start="2018-01-01"),
    C("城市机会清单", "City opportunity list", "commerce", "Ug", "quarterly", 9_200,
      "opportunity_id title publisher_org opportunity_type sector budget_wan publish_date contact_org",
      "城市机会清单 应用场景 商机", "city opportunity list; application scenarios; business opportunities",
      "一条发布的城市机会(需求或场景)", "one published city opportunity (need or scenario)", "tender", start="2018-09-01"),
    C("新经济应用场景项目信息", "New economy application scenario projects", "industry", "Cg", "quarterly", 3_600,
      "project_name scenario_type provider_name uscc demand_org district launch_date",
      "应用场景 场景营城 新经济", "application scenario; scenario-led development; new economy",
      "一个落地的新经济应用场景项目", "one implemented new-economy application scenario", "invest", start="2019-01-01"),
    C("新经济产业园区与载体信息", "New economy parks and hubs", "industry", "Cg", "yearly", 260,
      "carrier_name carrier_type operator_name @loc area_m2 occupancy_rate",
      "产业园区 孵化载体 新经济", "industrial parks; innovation hubs; new economy",
      "一个新经济产业园区或载体", "one new-economy park or hub", "invest"),
    C("新经济企业融资信息", "New economy financing events", "finance_tax", "Ci", "monthly", 14_000,
      "@ent round amount_band investor_names announce_date",
      "融资 风险投资 股权投资", "financing; venture capital; equity investment",
      "一次新经济企业股权融资事件", "one equity financing round of a new-economy company", "invest"),
]

CATEGORIES["KAWLB"] = [
    C("中欧班列(成渝)开行信息", "China-Europe Railway Express (Chengdu-Chongqing) services", "transport", "Ci", "daily",
      41_000, "train_no route_name departure_station destination_city departure_date container_teu cargo_category",
      "中欧班列 蓉欧 国际班列 铁路港", "China-Europe Railway Express; Rong'ou train; international freight train; rail port",
      "一列从成都国际铁路港发出或到达的中欧班列", "one China-Europe freight train service to or from Chengdu International Railway Port",
      "trade", area="ports", start="2013-04-26"),
    C("航空口岸国际航线信息", "International air routes", "transport", "Ug", "weekly", 3_400,
      "route_id airport origin destination airline route_type weekly_frequency start_date",
      "国际航线 航班 天府机场 双流机场", "international routes; flights; Tianfu airport; Shuangliu airport",
      "一条从成都航空口岸开通的国际或地区航线", "one international or regional air route from Chengdu", "trade",
      area="ports"),
    C("口岸进出境货运量统计", "Port cargo throughput statistics", "commerce", "Cg", "monthly", 6_800,
      "stat_month port_name transport_mode direction cargo_t value_usd",
      "口岸 货运量 进出口 物流", "port; cargo throughput; imports and exports; logistics",
      "某月一个口岸一个方向的进出境货运量", "one month's inbound or outbound cargo at one port", "trade", area="ports"),
    C("物流园区及A级物流企业信息", "Logistics parks and A-rated logistics companies", "commerce", "Ug", "quarterly",
      1_050, "name object_type uscc a_rating @loc warehouse_area_m2",
      "物流园区 物流企业 仓储", "logistics park; logistics company; warehousing",
      "一个物流园区或一家A级物流企业", "one logistics park or A-rated logistics company", "trade"),
    C("航空口岸旅客出入境统计", "Airport exit-entry passenger statistics", "culture_tourism", "Ug", "monthly", 2_200,
      "stat_month airport direction passenger_category passenger_count",
      "出入境旅客 国际旅客 机场", "international passengers; border crossings; airport",
      "某月一个机场一个方向一类旅客的出入境人次", "one month's border crossings by one passenger type at one airport",
      "tourism", area="ports"),
    C("跨境电商进出口申报统计", "Cross-border e-commerce declarations", "commerce", "Ci", "daily", 920_000,
      "stat_date trade_mode direction commodity_category order_count value_cny",
      "跨境电商 进出口 电商", "cross-border e-commerce; imports and exports; online retail",
      "某日一种监管方式一类商品的跨境电商申报量", "one day's cross-border e-commerce declarations for one trade mode and category",
      "trade", start="2017-01-01"),
]

CATEGORIES["CDSWJ"] = [
    C("纳税信用A级纳税人名单", "A-grade tax credit taxpayers", "credit", "Ug", "yearly", 118_000,
      "taxpayer_id taxpayer_name rating_year credit_grade tax_authority",
      "纳税信用 A级纳税人 诚信纳税", "tax credit rating; A-grade taxpayer; tax compliance",
      "一个某年度纳税信用评价为A级的纳税人", "one taxpayer rated A for tax credit in one year", "credit"),
    C("纳税人登记信息", "Taxpayer registrations", "finance_tax", "Ci", "daily", 1_400_000,
      "taxpayer_id taxpayer_name taxpayer_type reg_type industry_code tax_authority reg_date taxpayer_status",
      "纳税人 税务登记 纳税", "taxpayer; tax registration; taxation",
      "一个纳税人的税务登记", "one taxpayer's tax registration", "tax"),
    C("增值税一般纳税人资格信息", "VAT general taxpayer status", "finance_tax", "Cg", "daily", 520_000,
      "taxpayer_id taxpayer_name effective_date tax_authority",
      "增值税 一般纳税人 发票", "VAT; general taxpayer; invoices",
      "一个增值税一般纳税人的登记", "one VAT general taxpayer registration", "tax"),
    C("企业纳税申报信息", "Enterprise tax returns", "finance_tax", "Xk", "monthly", 1_900_000,
      "taxpayer_id tax_period tax_type tax_base tax_payable tax_paid filing_date",
      "纳税申报 企业所得税 增值税 税款", "tax returns; corporate income tax; VAT; tax payments",
      "一个纳税人一个税种一个所属期的申报", "one taxpayer's return for one tax and period", "internal"),
    C("企业纳税额区间信息", "Enterprise tax payment bands", "finance_tax", "Ci", "yearly", 600_000,
      "taxpayer_id taxpayer_name tax_year tax_paid_band credit_grade",
      "纳税 银税互动 普惠金融 税易贷", "tax payments; bank-tax cooperation; SME lending; tax-based loans",
      "一家企业某年度的纳税额区间和纳税信用等级", "one enterprise's tax-payment band and tax credit grade for one year",
      "credit"),
    C("重大税收违法失信主体信息", "Major tax violators", "credit", "Ug", "monthly", 2_300,
      "taxpayer_id taxpayer_name legal_rep violation_type amount_involved decision_date publish_date",
      "税收违法 失信 偷税 虚开发票", "tax violations; dishonest entities; tax evasion; fake invoices",
      "一个被公布的重大税收违法失信主体", "one published major tax violator", "credit"),
    C("欠税公告信息", "Tax arrears announcements", "finance_tax", "Ug", "quarterly", 14_800,
      "taxpayer_id taxpayer_name legal_rep tax_type arrears_amount announce_date",
      "欠税 欠税公告 税务", "tax arrears; unpaid taxes; tax notice",
      "一个纳税人的欠税公告", "one taxpayer's tax arrears announcement", "credit"),
    C("非正常户认定信息", "Non-compliant (abnormal) taxpayer determinations", "finance_tax", "Cg", "monthly",
      96_000, "taxpayer_id taxpayer_name legal_rep determined_date tax_authority",
      "非正常户 走逃户 税务风险", "abnormal taxpayer; missing taxpayer; tax risk",
      "一个被认定为非正常户的纳税人", "one taxpayer determined to be non-compliant (abnormal)", "credit"),
    C("增值税发票开具汇总信息", "VAT invoice issuance summaries", "finance_tax", "Xk", "monthly", 1_100_000,
      "taxpayer_id tax_period invoice_type invoice_count amount_excl_tax tax_amount",
      "发票 增值税发票 开票", "invoices; VAT invoices; invoicing",
      "一个纳税人某月一类发票的开具汇总", "one taxpayer's monthly total for one invoice type", "internal"),
    C("个人所得税扣缴申报汇总信息", "Individual income tax withholding summaries", "finance_tax", "Xk", "monthly",
      800_000, "withholder_id tax_period employee_count income_total tax_withheld",
      "个人所得税 个税 扣缴", "individual income tax; IIT; withholding",
      "一个扣缴义务人某月的个税扣缴汇总", "one withholding agent's monthly income-tax summary", "internal"),
    C("出口退税企业分类管理信息", "Export tax rebate enterprise classification", "finance_tax", "Cg", "yearly",
      6_900, "taxpayer_id taxpayer_name rebate_class eval_year",
      "出口退税 外贸 退税", "export tax rebate; foreign trade; tax refund",
      "一家出口企业的退(免)税分类管理类别", "one exporter's tax-rebate management class", "trade"),
    C("税务行政处罚信息", "Tax administrative penalties", "finance_tax", "Ug", "weekly", 38_000,
      "@penalty", "税务处罚 行政处罚 税收违法", "tax penalty; administrative penalty; tax violation",
      "一次税务行政处罚决定", "one tax penalty decision", "compliance"),
    C("社会保险费征收信息", "Social insurance contributions collected", "social_security", "Xi", "monthly",
      1_200_000, "payer_id payer_type insurance_type contribution_period amount_paid paid_date",
      "社保费 社保缴费 养老保险 医疗保险", "social insurance contributions; payroll contributions; pension; medical insurance",
      "一个缴费人某期一个险种的社保费缴纳", "one payer's contribution to one insurance scheme for one period",
      "internal"),
    C("办税服务厅信息", "Tax service halls", "government_services", "Ug", "monthly", 96,
      "hall_name @loc service_hours phone_public services_offered",
      "办税服务厅 税务局 办税", "tax service hall; tax office; tax services",
      "一个办税服务厅", "one tax service hall", "gov"),
    C("涉税专业服务机构信息", "Tax agents and professional service firms", "finance_tax", "Cg", "monthly", 2_700,
      "org_name uscc org_type credit_grade address",
      "税务师事务所 涉税服务 代理记账", "tax agent; tax advisory firm; bookkeeping",
      "一家涉税专业服务机构", "one tax agent or tax service firm", "tax"),
]

CATEGORIES["QXJ"] = [
    C("地面气象观测逐小时数据", "Hourly surface weather observations", "weather", "Cg", "realtime", 1_700_000,
      "station_id station_name observed_at temperature relative_humidity precipitation_mm wind_speed wind_direction "
      "pressure_hpa visibility_m",
      "气象观测 气温 降雨 风速 湿度", "weather observations; temperature; rainfall; wind speed; humidity",
      "一个气象观测站一个小时的观测要素", "one hour of observations at one weather station", "weather"),
    C("区域自动气象站降水数据", "Automatic weather station precipitation", "weather", "Cg", "realtime", 900_000,
      "station_id observed_at precipitation_10min_mm precipitation_1h_mm precipitation_24h_mm",
      "降水 降雨 暴雨 雨量", "precipitation; rainfall; rainstorm; rain gauge",
      "一个区域自动站一个时次的降水量", "one reading of precipitation at one automatic weather station", "weather"),
    C("城市天气预报", "City weather forecasts", "weather", "Ug", "daily", 72_000,
      "issued_at district forecast_date weather_text temp_max temp_min precipitation_prob wind_level",
      "天气预报 气温 降雨 天气", "weather forecast; temperature; rain; weather",
      "某次发布的某区(市)县一天的天气预报", "one district's forecast for one day from one issuance", "weather"),
    C("气象灾害预警信号", "Weather warning signals", "weather", "Ug", "realtime", 9_600,
      "warning_id warning_type warning_level issued_at lifted_at district warning_text",
      "气象预警 暴雨预警 高温预警 大风", "weather warning; rainstorm warning; heat warning; gale",
      "一条发布的气象灾害预警信号", "one issued weather warning signal", "safety"),
    C("气象观测站点信息", "Weather station metadata", "weather", "Ug", "yearly", 480,
      "station_id station_name station_type lng lat altitude_m start_date district",
      "气象站 观测站 自动站", "weather station; observation site; automatic station",
      "一个气象观测站", "one weather station", "weather"),
    C("历史气候统计资料", "Historical climate statistics", "weather", "Cg", "yearly", 42_000,
      "station_id stat_month mean_temp max_temp min_temp total_precipitation_mm sunshine_hours",
      "气候 历史气温 降水量 日照", "climate; historical temperatures; precipitation; sunshine",
      "一个国家气象站一个月的气候统计值", "one month's climate statistics at one national weather station", "weather",
      start="1951-01-01"),
    C("雷电监测数据", "Lightning detection data", "weather", "Cg", "realtime", 500_000,
      "strike_id observed_at lng lat peak_current_ka polarity",
      "雷电 闪电 雷暴", "lightning; lightning strikes; thunderstorms",
      "一次被探测到的闪电", "one detected lightning strike", "safety"),
    C("天气雷达拼图产品", "Weather radar mosaics", "weather", "Cg", "realtime", 860_000,
      "product_id observed_at product_type resolution_km file_format file_url",
      "雷达 雷达回波 降水", "weather radar; radar echo; precipitation",
      "一个时次的天气雷达拼图产品文件", "one weather-radar mosaic file for one time step", "weather"),
    C("农业气象服务产品", "Agro-meteorological bulletins", "weather", "Cg", "weekly", 5_400,
      "product_id issued_at product_type crop_name district summary",
      "农业气象 农事 干旱", "agricultural weather; farming advice; drought",
      "一期农业气象服务产品", "one agro-meteorological bulletin", "agri"),
    C("空气污染气象条件预报", "Air-pollution weather condition forecasts", "weather", "Ug", "daily", 9_800,
      "issued_at forecast_date district dispersion_level forecast_aqi_range",
      "空气污染 扩散条件 雾霾 空气质量", "air pollution; dispersion conditions; smog; air quality",
      "某区(市)县某日的污染气象条件预报", "one day's pollution-weather forecast for one district", "env"),
    C("防雷装置检测信息", "Lightning protection inspections", "weather", "Cg", "monthly", 21_000,
      "report_no unit_name uscc building_name inspection_date result next_inspection_date",
      "防雷 防雷检测 雷电防护", "lightning protection; lightning rod inspection; surge protection",
      "一次防雷装置定期检测", "one periodic lightning-protection inspection", "safety"),
    C("人工影响天气作业信息", "Weather modification operations", "weather", "Xi", "irregular", 3_900,
      "operation_id operation_type site_name started_at ended_at rounds_fired",
      "人工增雨 人工影响天气 防雹", "cloud seeding; weather modification; hail suppression",
      "一次人工增雨或防雹作业", "one cloud-seeding or hail-suppression operation", "internal"),
]

CATEGORIES["TCJ"] = [
    C("重大招商引资项目签约信息", "Major investment project signings", "commerce", "Cg", "monthly", 6_800,
      "project_name investor_name investor_country industry_chain investment_amount_100m district sign_date",
      "招商引资 项目签约 投资", "investment attraction; project signing; investment",
      "一个签约落地的重大招商引资项目", "one major investment project signed in Chengdu", "invest"),
    C("世界500强在蓉企业信息", "Fortune Global 500 companies in Chengdu", "commerce", "Ug", "yearly", 420,
      "parent_company country ent_name uscc entity_type est_date district",
      "世界500强 跨国公司 外资", "Fortune Global 500; multinationals; foreign investment",
      "一家世界500强企业在成都设立的机构", "one Chengdu entity of a Fortune Global 500 company", "invest"),
    C("重点产业链企业名录", "Key industrial chain enterprises", "industry", "Ci", "quarterly", 18_000,
      "@ent industry_chain chain_segment is_chain_leader main_products district",
      "产业链 链主企业 配套企业", "industrial chain; chain leader; suppliers",
      "一家纳入重点产业链图谱的企业", "one enterprise on a key industrial-chain map", "invest"),
    C("招商载体及可招商楼宇信息", "Investment carriers and available office buildings", "commerce", "Ug", "quarterly",
      2_700, "carrier_name carrier_type @loc vacant_area_m2 rent_range target_industries",
      "楼宇 写字楼 招商载体 产业园", "office buildings; office space; industrial parks; investment carriers",
      "一个可招商的产业载体或楼宇", "one industrial carrier or office building with space to let", "invest"),
    C("外国驻蓉领事机构及商协会信息", "Foreign consulates and chambers of commerce in Chengdu", "commerce", "Ug",
      "yearly", 210, "org_name org_type country @loc phone_public",
      "领事馆 商会 外国机构", "consulates; chambers of commerce; foreign missions",
      "一个外国驻蓉领事机构或境外商协会", "one foreign consulate or overseas chamber of commerce in Chengdu", "trade"),
    C("投资促进政策库", "Investment incentive policy library", "government_services", "Ug", "irregular", 1_900,
      "policy_id policy_title issuing_org issue_date policy_type applicable_industries valid_to",
      "招商政策 产业政策 惠企政策", "investment incentives; industrial policy; business support policies",
      "一项投资促进相关政策文件", "one investment-promotion policy document", "gov"),
]

CATEGORIES["MZW"] = [
    C("依法登记宗教活动场所信息", "Registered religious venues", "civil_affairs", "Ug", "yearly", 560,
      "venue_name religion reg_no @loc",
      "宗教活动场所 寺院 教堂", "religious venues; temples; churches",
      "一处依法登记的宗教活动场所", "one registered religious venue", "gov"),
    C("少数民族人口统计", "Ethnic minority population statistics", "civil_affairs", "Ci", "yearly", 1_300,
      "stat_year district ethnicity population",
      "少数民族 民族人口 人口", "ethnic minorities; ethnic population; population",
      "某年某区(市)县一个少数民族的人口数", "one year's population of one ethnic group in one district", "stats"),
    C("清真食品经营单位信息", "Halal food businesses", "civil_affairs", "Ug", "quarterly", 1_700,
      "unit_name uscc business_type @loc",
      "清真 清真食品 餐饮", "halal; halal food; restaurants",
      "一家清真食品经营单位", "one halal food business", "food"),
    C("民族团结进步示范单位名单", "Ethnic unity model units", "civil_affairs", "Ug", "yearly", 540,
      "unit_name unit_type recognition_level recognition_year district",
      "民族团结 示范单位", "ethnic unity; model units",
      "一个民族团结进步示范单位", "one ethnic-unity model unit", "gov"),
]

CATEGORIES["CJRLH"] = [
    C("残疾人证持证人员信息", "Disability certificate holders", "civil_affairs", "Xk", "monthly", 560_000,
      "@person disability_category disability_grade cert_issue_date district",
      "残疾人 残疾人证 残疾", "disabled persons; disability certificate; disability",
      "一名持有残疾人证的人员", "one holder of a disability certificate", "internal"),
    C("残疾人康复与托养机构信息", "Disability rehabilitation and care institutions", "civil_affairs", "Ug", "quarterly",
      410, "org_name uscc service_type @loc capacity phone_public",
      "残疾人康复 托养 康复机构", "disability rehabilitation; residential care; rehabilitation centre",
      "一家残疾人康复或托养服务机构", "one disability rehabilitation or care institution", "welfare"),
    C("残疾人就业援助信息", "Employment assistance for disabled persons", "social_security", "Ci", "monthly", 62_000,
      "service_id name_masked disability_category service_type employer_name service_date",
      "残疾人就业 就业援助 辅助性就业", "disability employment; job assistance; supported employment",
      "一次为残疾人提供的就业援助服务", "one employment-assistance service for a disabled person", "welfare"),
    C("无障碍设施信息", "Barrier-free facilities", "urban_housing", "Ug", "quarterly", 18_000,
      "facility_id facility_type location_name @loc",
      "无障碍 盲道 无障碍卫生间", "accessibility; tactile paving; accessible toilets",
      "一处无障碍设施", "one barrier-free facility", "city"),
    C("按比例安排残疾人就业单位信息", "Employers meeting the disability employment quota", "social_security", "Cg",
      "yearly", 96_000, "@org stat_year total_employees disabled_employees quota_met levy_paid",
      "残保金 残疾人就业 按比例就业", "disability employment levy; disability quota; employers",
      "一个用人单位某年度按比例安排残疾人就业的情况",
      "one employer's record against the disability employment quota for one year", "compliance"),
]

CATEGORIES["JRJGJ"] = [
    C("小额贷款公司信息", "Microcredit companies", "finance_tax", "Ug", "quarterly", 180,
      "@ent reg_capital business_area approval_date rating",
      "小额贷款 小贷公司 地方金融", "microcredit; microloan company; local finance",
      "一家经批准设立的小额贷款公司", "one licensed microcredit company", "credit"),
    C("融资担保公司信息", "Financing guarantee companies", "finance_tax", "Ug", "quarterly", 120,
      "@ent reg_capital licence_no business_scope approval_date",
      "融资担保 担保公司", "financing guarantee; guarantee company",
      "一家取得经营许可的融资担保公司", "one licensed financing guarantee company", "credit"),
    C("融资租赁和商业保理企业信息", "Financial leasing and commercial factoring companies", "finance_tax", "Cg",
      "quarterly", 620, "@ent company_type reg_capital supervision_status",
      "融资租赁 商业保理 供应链金融", "financial leasing; commercial factoring; supply-chain finance",
      "一家融资租赁或商业保理公司", "one financial leasing or commercial factoring company", "credit"),
    C("地方金融组织监管评级信息", "Supervisory ratings of local financial firms", "finance_tax", "Xi", "yearly", 1_900,
      "@ent org_type rating_year supervisory_rating",
      "监管评级 地方金融组织", "supervisory rating; local financial organisations",
      "一家地方金融组织某年度的监管评级", "one local financial firm's supervisory rating for one year", "internal"),
    C("非法集资风险监测预警信息", "Illegal fundraising risk alerts", "finance_tax", "Xi", "daily", 46_000,
      "alert_id subject_name uscc risk_type risk_score alert_date handling_status",
      "非法集资 金融风险 预警", "illegal fundraising; financial risk; early warning",
      "一条非法集资风险监测预警线索", "one illegal-fundraising risk alert", "internal"),
    C("上市及拟上市企业名单", "Listed and pre-IPO companies", "finance_tax", "Cg", "monthly", 390,
      "@ent stock_code exchange listing_stage listing_date district",
      "上市公司 拟上市 IPO", "listed companies; pre-IPO; IPO",
      "一家在蓉上市或纳入上市后备库的企业", "one Chengdu company that is listed or preparing to list", "invest"),
    C("典当行信息", "Pawnshops", "finance_tax", "Ug", "quarterly", 150,
      "@ent licence_no reg_capital @loc",
      "典当 典当行", "pawnshop; pawnbroking",
      "一家典当行", "one pawnshop", "credit"),
    C("天府信用通融资对接信息", "Tianfu Credit Link financing matches", "finance_tax", "Ci", "daily", 260_000,
      "request_id @ent loan_product bank_name requested_amount approved_amount request_date result",
      "天府信用通 融资 贷款 中小企业", "Tianfu Credit Link; financing; loans; SMEs",
      "一笔通过天府信用通平台提交的融资需求及对接结果",
      "one financing request made through the Tianfu Credit Link platform and its outcome", "credit",
      sys=("天府信用通平台", "Tianfu Credit Link platform"), start="2019-01-01"),
]

CATEGORIES["BDCDJ"] = [
    C("不动产登记信息", "Real estate registration records", "urban_housing", "Ci", "daily", 3_100_000,
      "property_unit_no location district right_type usage floor_area_m2 land_area_m2 reg_type reg_date",
      "不动产 房产证 产权 不动产登记", "real estate; property title; ownership; property registration",
      "一个不动产单元的登记状态(不含权利人信息)", "the registration status of one property unit (owner details removed)",
      "realestate"),
    C("不动产权利人信息", "Real estate right holders", "urban_housing", "Xk", "daily", 3_400_000,
      "property_unit_no holder_name_masked holder_id_masked share_type share_ratio cert_no_masked reg_date",
      "不动产 产权人 房产 权利人", "real estate; property owners; title holders",
      "一个不动产单元的一名权利人", "one title holder of one property unit", "internal"),
    C("不动产抵押登记信息", "Real estate mortgage registrations", "finance_tax", "Ci", "daily", 800_000,
      "property_unit_no mortgagee_name debt_amount mortgage_type term_start term_end reg_date",
      "抵押 房贷 不动产抵押", "mortgage; home loan; property mortgage",
      "一笔不动产抵押登记", "one property mortgage registration", "credit"),
    C("不动产预告登记信息", "Advance registrations for real estate", "urban_housing", "Ci", "daily", 900_000,
      "property_unit_no advance_type project_name floor_area_m2 reg_date",
      "预告登记 期房 商品房", "advance registration; off-plan homes; commercial housing",
      "一笔不动产预告登记", "one advance registration on a property", "realestate"),
    C("不动产查封登记信息", "Real estate seizure registrations", "legal", "Xi", "daily", 260_000,
      "property_unit_no seizing_authority case_no seizure_start seizure_end seizure_status",
      "查封 司法查封 不动产", "seizure; court freeze; real estate",
      "一次不动产查封登记", "one seizure registered against a property", "internal"),
    C("不动产登记办理网点信息", "Real estate registration service outlets", "government_services", "Ug", "monthly",
      96, "outlet_name @loc service_hours phone_public services_offered",
      "不动产登记 办事大厅 网点", "property registration; service hall; service outlet",
      "一个不动产登记办理网点", "one real estate registration service outlet", "gov"),
    C("不动产登记业务量统计", "Real estate registration volume statistics", "urban_housing", "Ug", "monthly", 14_000,
      "stat_month district reg_type case_count avg_processing_days",
      "不动产登记 业务量 办理时限", "property registrations; case volumes; processing time",
      "某月某区(市)县一类不动产登记的办件量", "one month's registrations of one type in one district", "realestate"),
    C("地籍宗地信息", "Cadastral parcels", "urban_housing", "Ci", "monthly", 500_000,
      "parcel_code location district land_use right_type area_m2 geom",
      "地籍 宗地 土地", "cadastre; land parcel; land",
      "一宗地籍宗地", "one cadastral land parcel", "planning"),
]

CATEGORIES["XFJYZD"] = [
    C("消防救援站信息", "Fire stations", "public_safety", "Ug", "yearly", 190,
      "station_name station_type @loc vehicle_count",
      "消防站 消防队 119", "fire station; fire brigade; 119",
      "一个消防救援站", "one fire and rescue station", "safety"),
    C("火灾事故统计", "Fire incident statistics", "public_safety", "Cg", "monthly", 48_000,
      "incident_id occurred_at district place_type fire_cause deaths injuries direct_loss_wan",
      "火灾 火灾事故 消防", "fires; fire incidents; fire safety",
      "一起火灾事故", "one fire incident", "insurance"),
    C("消防安全重点单位信息", "Fire safety key units", "public_safety", "Ci", "quarterly", 9_600,
      "unit_name uscc unit_category @loc fire_safety_manager_masked",
      "消防安全重点单位 消防 人员密集场所", "fire safety key units; fire safety; crowded venues",
      "一个消防安全重点单位", "one fire-safety key unit", "safety"),
    C("公众聚集场所投入使用营业前消防安全检查信息", "Pre-opening fire safety inspections of public venues",
      "public_safety", "Cg", "daily", 41_000,
      "permit_no venue_name uscc address venue_type building_area_m2 inspection_result issue_date",
      "消防检查 开业检查 公众聚集场所", "fire inspection; pre-opening inspection; public venues",
      "一次公众聚集场所开业前消防安全检查的结果", "the outcome of one pre-opening fire safety inspection", "safety"),
    C("消防监督检查及行政处罚信息", "Fire supervision inspections and penalties", "public_safety", "Ug", "daily",
      128_000, "@penalty", "消防处罚 消防检查 火灾隐患", "fire penalty; fire inspection; fire hazards",
      "一次消防监督检查的处罚决定", "one penalty decision from a fire supervision inspection", "compliance"),
    C("市政消火栓信息", "Municipal fire hydrants", "public_safety", "Ci", "quarterly", 78_000,
      "hydrant_id hydrant_type road_name district pipe_diameter_mm status lng lat",
      "消火栓 消防栓 消防水源", "fire hydrant; hydrants; firefighting water",
      "一个市政消火栓", "one municipal fire hydrant", "safety"),
]

CATEGORIES["GGZYJY"] = [
    C("工程建设项目招标公告", "Construction project tender notices", "commerce", "Ug", "daily", 360_000,
      "tender_no project_name tenderer_name tender_agent project_type budget_wan publish_date bid_deadline",
      "招标 投标 招投标 工程招标", "tender; bidding; procurement notices; construction tender",
      "一条工程建设项目招标公告", "one construction tender notice", "tender"),
    C("中标候选人及中标结果公示", "Bid winners and award results", "commerce", "Ug", "daily", 340_000,
      "tender_no project_name winner_name uscc bid_price award_date",
      "中标 中标结果 招投标", "contract award; winning bid; tendering",
      "一个招标项目的中标候选人或中标结果", "the shortlisted or winning bidder of one tender", "tender"),
    C("政府采购交易信息", "Government procurement transactions", "commerce", "Ug", "daily", 180_000,
      "project_no project_name purchaser_name procurement_method budget_wan winning_supplier deal_amount deal_date",
      "政府采购 采购结果 交易", "government procurement; procurement results; transactions",
      "一个在交易中心完成的政府采购项目", "one government procurement completed through the trading centre", "tender"),
    C("土地使用权和矿业权交易信息", "Land-use and mining right transactions", "resources_energy", "Ug", "daily",
      21_000, "deal_no right_type location area_m2 reserve_price deal_price winner_name deal_date",
      "土地交易 矿业权 出让", "land transactions; mining rights; land sales",
      "一宗土地使用权或矿业权交易", "one land-use or mining right transaction", "realestate"),
    C("国有产权交易信息", "State-owned property rights transactions", "commerce", "Ug", "daily", 16_000,
      "deal_no asset_name transferor_name asset_type listing_price deal_price deal_date",
      "国有产权 产权交易 国资", "state-owned property; property rights trading; state assets",
      "一宗国有产权或资产转让交易", "one transfer of state-owned property rights or assets", "invest"),
    C("评标专家库信息", "Bid evaluation expert pool", "commerce", "Xi", "monthly", 14_600,
      "expert_id name_masked specialty employer_name title_level status",
      "评标专家 专家库 招投标", "bid evaluators; expert pool; tendering",
      "一名入库的评标专家", "one expert in the bid-evaluation pool", "internal"),
    C("招投标市场主体信用信息", "Bidder credit records", "credit", "Ug", "daily", 62_000,
      "@ent record_type record_content record_date valid_to",
      "招投标信用 不良行为 信用", "bidder credit; misconduct records; credit",
      "一条招投标市场主体的良好或不良行为记录", "one good-conduct or misconduct record of a bidder", "credit"),
    C("开评标场地安排信息", "Bid opening and evaluation schedules", "government_services", "Cg", "daily", 410_000,
      "schedule_id project_name room_name activity_type start_time end_time",
      "开标 评标 场地安排", "bid opening; bid evaluation; schedule",
      "一场开标或评标活动的场地安排", "the room booking for one bid opening or evaluation", "tender"),
]


# --------------------------------------------------------------------------------------------
# Generator
# --------------------------------------------------------------------------------------------

UNIT_SUFFIXES = ("_m2", "_km", "_km2", "_mu", "_ha", "_wan", "_100m", "_usd", "_cny", "_yuan", "_pct",
                 "_kg", "_t", "_m", "_mm", "_cm", "_kwh", "_kw", "_ka", "_tce", "_m3", "_m3d", "_m3s",
                 "_hpa", "_ntu", "_db")
FORMAT_ORDER = ["csv", "json", "xlsx", "xml", "api", "shp"]
PROPER_WORDS = ("Nice", "Tianfu", "Chengdu", "Golden")


def field_type(key, explicit):
    if explicit:
        return explicit
    if key == "geom":
        return "geometry"
    if key.startswith(("is_", "has_")):
        return "boolean"
    if key.endswith(("_date", "_from", "_to", "_start", "_end")):
        return "date"
    if key.endswith(("_at", "_time")):
        return "datetime"
    if key.endswith("_year") or key == "year" or key.endswith("_count"):
        return "integer"
    if key.endswith(UNIT_SUFFIXES):
        return "decimal"
    return "string"


def parse_fields(table):
    fields = {}
    for line in table.strip().splitlines():
        parts = [p.strip() for p in line.split("|")]
        key, label_zh, label_en = parts[:3]
        assert key not in fields, f"field {key} defined twice"
        fields[key] = {"name": key, "label_zh": label_zh, "label_en": label_en,
                       "type": field_type(key, parts[3] if len(parts) > 3 else None)}
    return fields


FIELDS = parse_fields(FIELD_TABLE)


def expand_fields(spec, where):
    keys = []
    for token in spec.split():
        keys.extend(FIELD_GROUPS[token].split() if token.startswith("@") else [token])
    assert len(keys) == len(set(keys)), f"{where}: repeated field in {keys}"
    assert 4 <= len(keys) <= 14, f"{where}: {len(keys)} fields"
    return [dict(FIELDS[k]) for k in keys]


def sentence_label(label_en):
    first = label_en.split()[0]
    if first.startswith(PROPER_WORDS) or (len(first) > 1 and not first[1].islower()):
        return label_en
    return label_en[0].lower() + label_en[1:]


def describe(entry, dept, fields):
    """Three short sentences: what a record is, where it comes from, what it is used for."""
    named = [f for f in fields if not f["name"].endswith(("_id", "_no", "_code", "_masked"))]
    shown = (named + [f for f in fields if f not in named])[:3]
    use_zh, use_en = USES[entry["use"]]
    sys_zh, sys_en = entry.get("sys", (dept["sys_zh"], dept["sys_en"]))
    freq_zh, freq_en = FREQUENCY_PHRASE[entry["freq"]]
    zh = (f"每条记录为{entry['rec_zh']},包含{'、'.join(f['label_zh'] for f in shown)}等{len(fields)}个字段。"
          f"数据由{dept['name_zh']}依托{sys_zh}汇聚,{freq_zh}更新。可用于{use_zh}。")
    labels_en = [sentence_label(f["label_en"]) for f in shown]
    en = (f"Each record is {entry['rec_en']}, with {len(fields)} fields including {labels_en[0]}, "
          f"{labels_en[1]} and {labels_en[2]}. Compiled by the {dept['name_en']} from the {sys_en}, "
          f"updated {freq_en}. Used for {use_en}.")
    return zh, en


def record_counts(entries, rng):
    """Jitter each hand-given magnitude, then scale the categories of a million records or more
    (except the fixed registries) together so that the total is TARGET_RECORDS."""
    jittered = []
    for e in entries:
        spread = 0.02 if e.get("fixed") else 0.12 if e["approx"] >= 1000 else 0.07
        jittered.append(e["approx"] * rng.uniform(1 - spread, 1 + spread))
    scaled = {i for i, e in enumerate(entries) if e["approx"] >= 1_000_000 and not e.get("fixed")}
    unscaled_total = sum(v for i, v in enumerate(jittered) if i not in scaled)
    scale = (TARGET_RECORDS - unscaled_total) / sum(jittered[i] for i in scaled)
    counts = []
    for i, v in enumerate(jittered):
        n = max(3, round(v * scale if i in scaled else v))
        if n >= 1000 and n % 100 == 0:
            n += rng.randint(1, 99)
        elif n >= 50 and n % 10 == 0:
            n += rng.randint(1, 9)
        counts.append(n)
    return counts, scale


def random_datetime(rng, start, end):
    span = int((end - start).total_seconds() // 60)
    moment = start + dt.timedelta(minutes=rng.randrange(span))
    return moment.replace(second=0, minute=moment.minute - moment.minute % 5)


def coverage_start(entry, rng):
    if "start" in entry:
        return entry["start"]
    year = rng.randint(2018, 2023) if entry["freq"] == "realtime" else rng.randint(2006, 2021)
    month = 1 if rng.random() < 0.7 else rng.randint(2, 12)
    return dt.date(year, month, 1).isoformat()


def last_metadata_update(entry, rng):
    end = dt.datetime(2026, 11, 26, 23, 0)
    if entry["freq"] in ("realtime", "daily"):
        start = dt.datetime(2026, 9, 1)
    elif entry["freq"] in ("weekly", "monthly"):
        start = dt.datetime(2026, 3, 1)
    else:
        start = dt.datetime(2025, 1, 6)
    return random_datetime(rng, start, end).strftime("%Y-%m-%dT%H:%M:%SZ")


def formats_for(entry, fields, count, openness, rng):
    chosen = {"csv", "json"}
    if count < 50_000:
        chosen.add("xlsx")
    if rng.random() < 0.15:
        chosen.add("xml")
    if entry["freq"] == "realtime" or (entry["freq"] in ("daily", "weekly") and openness != "closed"):
        chosen.add("api")
    if any(f["type"] == "geometry" for f in fields):
        chosen.add("shp")
    return [f for f in FORMAT_ORDER if f in chosen]


def build():
    rng = random.Random(SEED)
    departments = []
    dept_by_code = {}
    for code, name_zh, name_en, short_zh, short_en, sys_zh, sys_en in DEPARTMENTS:
        departments.append({"code": code, "name_zh": name_zh, "name_en": name_en,
                            "short_name_zh": short_zh, "short_name_en": short_en})
        dept_by_code[code] = {"name_zh": name_zh, "name_en": name_en, "sys_zh": sys_zh, "sys_en": sys_en}

    entries = [(code, serial, e) for code in dept_by_code
               for serial, e in enumerate(CATEGORIES[code], start=1)]
    counts, scale = record_counts([e for _, _, e in entries], rng)

    categories = []
    for (code, serial, e), count in zip(entries, counts, strict=True):
        where = f"{code}-{serial:03d} {e['name_zh']}"
        openness, grade = OPENNESS[e["access"][0]], GRADE[e["access"][1]]
        fields = expand_fields(e["fields"], where)
        desc_zh, desc_en = describe(e, dept_by_code[code], fields)
        area_zh, area_en = AREAS[e.get("area", "all")]
        categories.append({
            "code": f"{code}-{serial:03d}",
            "department": code,
            "name_zh": e["name_zh"],
            "name_en": e["name_en"],
            "description_zh": desc_zh,
            "description_en": desc_en,
            "theme": e["theme"],
            "openness": openness,
            "grade": grade,
            "fields": fields,
            "update_frequency": e["freq"],
            "record_count": count,
            "formats": formats_for(e, fields, count, openness, rng),
            "spatial_coverage_zh": area_zh,
            "spatial_coverage_en": area_en,
            "time_coverage_start": coverage_start(e, rng),
            "time_coverage_end": e.get("end"),
            "keywords_zh": e["kw_zh"].split(),
            "keywords_en": [k.strip() for k in e["kw_en"].split(";")],
            "updated_at": last_metadata_update(e, rng),
        })
    return departments, categories, scale


def check(departments, categories):
    """The properties the platform's tests rely on; fail loudly rather than ship bad seed data."""
    codes = [d["code"] for d in departments]
    assert len(departments) == 40 and len(set(codes)) == 40
    assert all(3 <= len(c) <= 8 and c.isascii() and c.isalpha() and c.isupper() for c in codes)
    per_dept = Counter(c["department"] for c in categories)
    assert set(per_dept) == set(codes)
    assert all(3 <= n <= 25 for n in per_dept.values()), per_dept
    assert len(categories) == 457
    assert len({c["code"] for c in categories}) == 457
    assert len({c["name_zh"] for c in categories}) == 457, "duplicate name_zh"
    assert len({c["name_en"].lower() for c in categories}) == 457, "duplicate name_en"
    total = sum(c["record_count"] for c in categories)
    assert 162_000_000 <= total <= 168_000_000, total
    themes = Counter(c["theme"] for c in categories)
    assert set(themes) == set(THEMES) and min(themes.values()) >= 5, themes
    for c in categories:
        assert c["update_frequency"] in FREQUENCY_PHRASE
        assert c["grade"] != "core" or c["openness"] == "closed", c["code"]
        if "营业执照" in c["name_zh"]:
            text = (c["name_en"] + " " + " ".join(c["keywords_en"])).lower()
            assert "business licence" in text or "business license" in text, c["code"]
        if "公积金" in c["name_zh"]:
            assert c["department"] == "GJJZX", c["code"]
            assert "housing provident fund" in c["name_en"].lower(), c["code"]
        assert "2025-01-01" <= c["updated_at"][:10] <= "2026-11-30"
    assert sum("公积金" in c["name_zh"] for c in categories) >= 4
    assert sum(c["department"] == "SCJGJ" and "营业执照" in c["name_zh"] for c in categories) >= 2


def share(counter, n):
    return ", ".join(f"{k} {v} ({100 * v / n:.0f}%)" for k, v in counter.most_common())


def main():
    departments, categories, scale = build()
    check(departments, categories)
    for name, data in (("departments.json", departments), ("categories.json", categories)):
        with open(HERE / name, "w", encoding="utf-8") as f:
            json.dump(data, f, ensure_ascii=False, indent=1)
            f.write("\n")
    n = len(categories)
    total = sum(c["record_count"] for c in categories)
    per_dept = Counter(c["department"] for c in categories)
    print(f"departments: {len(departments)}")
    print(f"categories:  {n} (per department {min(per_dept.values())}-{max(per_dept.values())})")
    print(f"records:     {total:,} (categories of 1M+ records scaled by {scale:.3f})")
    print(f"openness:    {share(Counter(c['openness'] for c in categories), n)}")
    print(f"grade:       {share(Counter(c['grade'] for c in categories), n)}")
    print(f"frequency:   {share(Counter(c['update_frequency'] for c in categories), n)}")
    print(f"themes:      {share(Counter(c['theme'] for c in categories), n)}")
    print("per department: " + ", ".join(f"{d['code']} {per_dept[d['code']]}" for d in departments))


if __name__ == "__main__":
    main()
