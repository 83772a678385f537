"""The fixed query set of the search bench: what people type into the catalog's search box.

Each entry is (kind, query-string arguments) exactly as the API receives them
(GET /api/v1/categories?q=...). Kinds: zh (Chinese), en (English), pinyin (full pinyin),
initials (pinyin initials), facet (text plus filters), sort (text plus a sort), browse (no text:
filters and sorts only), typo (a misspelling: nothing found, a suggestion is computed), paging.

Do not edit casually: results are only comparable between runs over the same list.
"""

QUERIES: list[tuple[str, dict]] = [
    # Chinese
    ("zh", {"q": "营业执照"}),
    ("zh", {"q": "公积金"}),
    ("zh", {"q": "住房公积金提取"}),
    ("zh", {"q": "空气质量"}),
    ("zh", {"q": "公交线路"}),
    ("zh", {"q": "不动产登记"}),
    ("zh", {"q": "医保"}),
    ("zh", {"q": "医保定点药店"}),
    ("zh", {"q": "行政处罚"}),
    ("zh", {"q": "失信被执行人"}),
    ("zh", {"q": "食品经营许可"}),
    ("zh", {"q": "停车场"}),
    ("zh", {"q": "地铁"}),
    ("zh", {"q": "专利"}),
    ("zh", {"q": "幼儿园"}),
    ("zh", {"q": "养老保险"}),
    ("zh", {"q": "天气预报"}),
    ("zh", {"q": "医院"}),
    ("zh", {"q": "企业 信用"}),
    ("zh", {"q": "成都市 数据"}),
    ("zh", {"q": "信息"}),
    # English
    ("en", {"q": "business license", "lang": "en"}),
    ("en", {"q": "business licence", "lang": "en"}),
    ("en", {"q": "housing provident fund", "lang": "en"}),
    ("en", {"q": "air quality", "lang": "en"}),
    ("en", {"q": "bus routes", "lang": "en"}),
    ("en", {"q": "real estate registration", "lang": "en"}),
    ("en", {"q": "medical insurance", "lang": "en"}),
    ("en", {"q": "parking", "lang": "en"}),
    ("en", {"q": "metro", "lang": "en"}),
    ("en", {"q": "patents", "lang": "en"}),
    ("en", {"q": "food safety", "lang": "en"}),
    ("en", {"q": "pension", "lang": "en"}),
    ("en", {"q": "weather forecast", "lang": "en"}),
    ("en", {"q": "hospital", "lang": "en"}),
    ("en", {"q": "enterprise credit rating", "lang": "en"}),
    ("en", {"q": "records", "lang": "en"}),
    # pinyin, full and initials
    ("pinyin", {"q": "yingyezhizhao"}),
    ("pinyin", {"q": "gongjijin"}),
    ("pinyin", {"q": "kongqizhiliang"}),
    ("pinyin", {"q": "gongjiao"}),
    ("pinyin", {"q": "budongchan"}),
    ("pinyin", {"q": "yibao"}),
    ("pinyin", {"q": "tingche"}),
    ("pinyin", {"q": "ditie"}),
    ("initials", {"q": "yyzz"}),
    ("initials", {"q": "gjj"}),
    ("initials", {"q": "kqzl"}),
    ("initials", {"q": "bdc"}),
    ("initials", {"q": "yb"}),
    ("initials", {"q": "xzcf"}),
    # facet filters
    ("facet", {"q": "营业执照", "department": "SCJGJ"}),
    ("facet", {"q": "公积金", "openness": "unconditional"}),
    ("facet", {"q": "医保", "theme": "health", "grade": "general"}),
    ("facet", {"q": "air quality", "theme": "environment", "lang": "en"}),
    ("facet", {"q": "企业", "openness": "unconditional,conditional", "frequency": "daily"}),
    ("facet", {"q": "信用", "department": "FGW,SCJGJ", "theme": "credit"}),
    # sorts
    ("sort", {"q": "公积金", "sort": "records"}),
    ("sort", {"q": "交通", "sort": "updated"}),
    ("sort", {"q": "hospital", "sort": "name", "lang": "en"}),
    ("sort", {"q": "企业", "sort": "name"}),
    # no text: browsing by facet and sort
    ("browse", {}),
    ("browse", {"theme": "transport"}),
    ("browse", {"department": "YBJ", "sort": "records"}),
    ("browse", {"openness": "unconditional", "sort": "updated"}),
    # misspellings: nothing matches, the suggestion path runs
    ("typo", {"q": "hospitel", "lang": "en"}),
    ("typo", {"q": "gongjjin"}),
    # deeper pages
    ("paging", {"q": "信息", "page": "3"}),
    ("paging", {"q": "enterprise", "page": "2", "per_page": "50", "lang": "en"}),
]
