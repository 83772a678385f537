"""Search finds what a Chinese user means: a fixed table of queries and what must be in the top 3.

An expectation is a department code (any of its categories counts) or a category code."""

import pytest

CASES = [
    # the issue's own cases
    ("营业执照", "SCJGJ"),
    ("yingyezhizhao", "SCJGJ"),
    ("yyzz", "SCJGJ"),
    ("business license", "SCJGJ"),
    ("business licence", "SCJGJ-001"),
    # Chinese
    ("企业营业执照", "SCJGJ-001"),
    ("空气质量", "STHJJ"),
    ("公交线路", "JTYSJ-001"),
    ("地铁", "JTYSJ-004"),
    ("不动产登记", "BDCDJ-001"),
    ("医保", "YBJ"),
    ("养老保险", "RSJ-001"),
    ("失信被执行人", "FGW-010"),
    ("纳税信用", "CDSWJ-001"),
    ("降雨", "SSWJ-002"),
    ("景区", "WGLJ-001"),
    ("幼儿园", "JYJ-002"),
    ("停车场", "JTYSJ-014"),
    ("户籍人口", "GAJ-001"),
    ("专利", "SCJGJ-015"),
    ("食品经营许可", "SCJGJ-009"),
    ("电梯", "SCJGJ-013"),
    ("农产品价格", "NYNCJ-001"),
    ("商品房", "ZJJ"),
    ("疫苗", "WJW-006"),
    ("网约车", "JTYSJ"),
    ("天气预报", "QXJ-003"),
    ("医院", "WJW"),
    ("招标", "GGZYJY-001"),
    # English
    ("housing provident fund", "GJJZX"),
    ("air quality", "STHJJ"),
    ("bus routes", "JTYSJ-001"),
    ("metro", "JTYSJ-004"),
    ("real estate registration", "BDCDJ-001"),
    ("medical insurance", "YBJ"),
    ("dishonest debtors", "FGW-010"),
    ("tax credit", "CDSWJ-001"),
    ("rainfall", "SSWJ-002"),
    ("kindergarten", "JYJ-002"),
    ("patents", "SCJGJ-015"),
    ("food business licence", "SCJGJ-009"),
    ("elevator", "SCJGJ-013"),
    ("tourist attractions", "WGLJ-001"),
    ("ride hailing", "JTYSJ"),
    ("weather forecast", "QXJ-003"),
    ("hospitals", "WJW"),
    ("tender", "GGZYJY"),
    # pinyin, full and initials
    ("gongjijin", "GJJZX"),
    ("gjj", "GJJZX"),
    ("kongqizhiliang", "STHJJ"),
    ("kqzl", "STHJJ"),
    ("gongjiao", "JTYSJ"),
    ("ditie", "JTYSJ-004"),
    ("budongchan", "BDCDJ"),
    ("bdc", "BDCDJ"),
    ("yibao", "YBJ"),
    ("shebao", "RSJ"),
    ("zhuanli", "SCJGJ-015"),
    ("youeryuan", "JYJ-002"),
]


def _top3(client, q):
    body = client.get("/api/v1/categories", query_string={"q": q, "per_page": 3}).json
    return [item["code"] for item in body["items"]]


def _matches(code: str, expected: str) -> bool:
    return code == expected if "-" in expected else code.startswith(expected + "-")


def test_the_table_is_large_enough():
    assert len(CASES) >= 30
    assert sum(q.isascii() and " " in q for q, _ in CASES) >= 10


@pytest.mark.parametrize("query, expected", CASES)
def test_expected_category_is_in_the_top_3(client, query, expected):
    top = _top3(client, query)
    assert any(_matches(code, expected) for code in top), f"{query!r}: top 3 were {top}"


def test_provident_fund_centre_comes_first_for_gongjijin(client):
    body = client.get("/api/v1/categories", query_string={"q": "公积金", "per_page": 20}).json
    codes = [i["code"] for i in body["items"]]
    fund = [c for c in codes if c.startswith("GJJZX-")]
    assert len(fund) >= 4
    assert codes[: len(fund)] == fund  # all of the centre's categories before anything else


@pytest.mark.parametrize(
    "typo, fixed",
    [
        ("licnese", "license"),
        ("hosptal", "hospital"),
        ("pollutoin", "pollution"),
        ("kindergarden", "kindergarten"),
        ("yingyezhizao", "yingyezhizhao"),
    ],
)
def test_a_misspelt_query_gets_a_suggestion_that_finds_something(client, typo, fixed):
    body = client.get("/api/v1/categories", query_string={"q": typo}).json
    assert body["total"] == 0
    assert body["suggestion"] == fixed
    assert client.get("/api/v1/categories", query_string={"q": body["suggestion"]}).json["total"] > 0


def test_no_suggestion_when_results_exist(client):
    assert client.get("/api/v1/categories", query_string={"q": "营业执照"}).json["suggestion"] is None
