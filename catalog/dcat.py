"""The public catalog as DCAT-AP 3.0.1 in JSON-LD: one dcat:Dataset per category, publisher = department.

Controlled vocabularies are IRIs, as DCAT-AP 3.0.1 §"Controlled vocabularies" asks: IANA media types
for dcat:mediaType, the EU file-type authority for dct:format, the EU access-right authority for
dct:accessRights (by openness class), the EU frequency authority for dct:accrualPeriodicity, the EU
language authority for dct:language, the ADMS publisher types for an agent's dct:type; our own themes
are a SKOS concept scheme published in this feed (dcat:themeTaxonomy). Places are dct:Location nodes,
time coverage dct:PeriodOfTime. The record count is dct:extent (a dct:SizeOrDuration): DCAT-AP has no
such property and allows additional ones; adms:sample is for sample distributions only.
catalog/shapes/dcat-ap-3.0.1.ttl holds the SHACL shapes the feed is checked against (tests, .ci/run).
"""

import hashlib

from flask_babel import force_locale
from sqlalchemy import func, select

from accounts.services import DEFAULT_ORGS
from catalog import vocab
from catalog.models import Category, Department
from core.extensions import db
from core.timeutil import isoformat_utc

EU = "http://publications.europa.eu/resource/authority"
IANA = "http://www.iana.org/assignments/media-types"
ADMS_PUBLISHER_TYPE = "http://purl.org/adms/publishertype"

FREQUENCY = {
    "realtime": ("UPDATE_CONT", "实时更新", "continuously updated"),
    "daily": ("DAILY", "每日", "daily"),
    "weekly": ("WEEKLY", "每周", "weekly"),
    "monthly": ("MONTHLY", "每月", "monthly"),
    "quarterly": ("QUARTERLY", "每季度", "quarterly"),
    "yearly": ("ANNUAL", "每年", "annual"),
    "irregular": ("IRREG", "不定期", "irregular"),
}
FREQUENCY_URI = {code: f"{EU}/frequency/{term}" for code, (term, _, _) in FREQUENCY.items()}
# openness class -> EU access-right: 无条件开放 public, 有条件开放 restricted, 不予开放 non-public
ACCESS_RIGHT = {
    "unconditional": ("PUBLIC", "公开", "public"),
    "conditional": ("RESTRICTED", "受限", "restricted"),
    "closed": ("NON_PUBLIC", "不公开", "non-public"),
}
# format -> (EU file type, IANA media type); "api" is JSON served through the platform's API
FORMAT = {
    "csv": ("CSV", "text/csv"),
    "json": ("JSON", "application/json"),
    "xlsx": ("XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "xml": ("XML", "application/xml"),
    "api": ("JSON", "application/json"),
    "shp": ("SHP", "application/vnd.shp"),
}
MEDIA_TYPE = {fmt: media for fmt, (_, media) in FORMAT.items()}
LANGUAGES = (("ZHO", "中文", "Chinese"), ("ENG", "英语", "English"))

CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "dcatap": "http://data.europa.eu/r5r/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


def _lang(zh: str, en: str) -> list[dict]:
    out = []
    if zh:
        out.append({"@value": zh, "@language": "zh"})
    if en:
        out.append({"@value": en, "@language": "en"})
    return out


def _ref(iri: str) -> dict:
    return {"@id": iri}


def _concept(iri: str, types: list[str], zh: str, en: str, scheme: str | None = None) -> dict:
    node = {"@id": iri, "@type": ["skos:Concept", *types], "skos:prefLabel": _lang(zh, en)}
    if scheme:
        node["skos:inScheme"] = _ref(scheme)
    return node


class _Feed:
    """IRIs of the feed's own nodes, and the vocabulary nodes used (each described once)."""

    def __init__(self, base: str):
        self.base = base
        self.doc = f"{base}/catalog.jsonld"
        self.themes = f"{self.doc}#themes"
        self.nodes: dict[str, dict] = {}

    def use(self, node: dict) -> dict:
        self.nodes.setdefault(node["@id"], node)
        return _ref(node["@id"])

    def theme(self, code: str) -> dict:
        with force_locale("zh"):
            zh = str(vocab.THEMES.get(code, code))
        with force_locale("en"):
            en = str(vocab.THEMES.get(code, code))
        return self.use(_concept(f"{self.doc}#theme-{code}", [], zh, en, self.themes))

    def place(self, zh: str, en: str) -> dict:
        key = hashlib.sha1(f"{zh}|{en}".encode(), usedforsecurity=False).hexdigest()[:10]
        return self.use({"@id": f"{self.doc}#place-{key}", "@type": "dct:Location", "skos:prefLabel": _lang(zh, en)})

    def frequency(self, code: str) -> dict:
        term, zh, en = FREQUENCY[code]
        return self.use(_concept(f"{EU}/frequency/{term}", ["dct:Frequency"], zh, en))

    def access_right(self, openness: str) -> dict:
        term, zh, en = ACCESS_RIGHT[openness]
        return self.use(_concept(f"{EU}/access-right/{term}", ["dct:RightsStatement"], zh, en))

    def file_type(self, fmt: str) -> dict:
        term = FORMAT[fmt][0]
        return self.use({"@id": f"{EU}/file-type/{term}", "@type": "dct:MediaTypeOrExtent", "rdfs:label": term})

    def media_type(self, fmt: str) -> dict:
        media = FORMAT[fmt][1]
        return self.use({"@id": f"{IANA}/{media}", "@type": "dct:MediaType", "rdfs:label": media})

    def publisher_type(self, term: str, zh: str, en: str) -> dict:
        return self.use(_concept(f"{ADMS_PUBLISHER_TYPE}/{term}", [], zh, en))

    def document(self, iri: str) -> dict:
        return self.use({"@id": iri, "@type": "foaf:Document"})


def agent_iri(base: str, code: str) -> str:
    """A department as an agent; its page (without the fragment) is its foaf:homepage."""
    return f"{base}/departments/{code}#agent"


def _department_agent(feed: _Feed, d: Department) -> dict:
    return {
        "@id": agent_iri(feed.base, d.code),
        "@type": ["foaf:Agent", "foaf:Organization"],
        "foaf:name": _lang(d.name_zh, d.name_en),
        "dct:type": feed.publisher_type("LocalAuthority", "地方政府部门", "Local authority"),
        "foaf:homepage": feed.document(f"{feed.base}/departments/{d.code}"),
    }


def _contact(feed: _Feed, d: Department) -> dict:
    return {
        "@id": f"{feed.base}/departments/{d.code}#contact",
        "@type": ["vcard:Kind", "vcard:Organization"],
        "vcard:fn": _lang(d.name_zh, d.name_en),
        "vcard:hasURL": _ref(f"{feed.base}/departments/{d.code}"),
    }


def _distribution(feed: _Feed, c: Category, uri: str, fmt: str) -> dict:
    label = FORMAT[fmt][0] + (" API" if fmt == "api" else "")
    return {
        "@id": f"{uri}#distribution-{fmt}",
        "@type": "dcat:Distribution",
        "dct:title": _lang(f"{c.name_zh}({label})", f"{c.name_en} ({label})"),
        "dct:description": _lang(
            f"{c.name_zh}的{label}格式数据,依授权协议经平台交付。",
            f"{c.name_en} as {label}, delivered through the platform under an authorisation agreement.",
        ),
        "dcat:accessURL": _ref(uri),
        "dct:format": feed.file_type(fmt),
        "dcat:mediaType": feed.media_type(fmt),
        "dcatap:availability": feed.use(
            _concept(f"{EU}/planned-availability/STABLE", [], "稳定", "stable"),
        ),
    }


def dataset(c: Category, base: str, feed: _Feed | None = None) -> dict:
    feed = feed or _Feed(base)
    uri = f"{base}/categories/{c.code}"  # the category's page: landing page and access URL
    records = int(c.record_count)
    out = {
        "@id": f"{uri}#dataset",
        "@type": "dcat:Dataset",
        "dct:identifier": c.code,
        "dct:title": _lang(c.name_zh, c.name_en),
        "dct:description": _lang(c.description_zh, c.description_en),
        "dct:publisher": _ref(agent_iri(base, c.department.code)),
        "dcat:contactPoint": _ref(f"{base}/departments/{c.department.code}#contact"),
        "dcat:theme": feed.theme(c.theme),
        "dcat:keyword": [{"@value": k, "@language": "zh"} for k in c.keywords_zh or []]
        + [{"@value": k, "@language": "en"} for k in c.keywords_en or []],
        "dct:accessRights": feed.access_right(c.openness),
        "dct:accrualPeriodicity": feed.frequency(c.update_frequency),
        "dcat:landingPage": feed.document(uri),
        "dct:extent": {
            "@type": "dct:SizeOrDuration",
            "rdf:value": {"@value": str(records), "@type": "xsd:nonNegativeInteger"},
            "rdfs:label": _lang(f"{records} 条记录", f"{records} records"),
        },
        "dcat:distribution": [_distribution(feed, c, uri, fmt) for fmt in c.formats or [] if fmt in FORMAT],
    }
    if c.spatial_coverage_zh or c.spatial_coverage_en:
        out["dct:spatial"] = feed.place(c.spatial_coverage_zh, c.spatial_coverage_en)
    if c.updated_at:
        out["dct:modified"] = {"@value": isoformat_utc(c.updated_at), "@type": "xsd:dateTime"}
    if c.time_coverage_start or c.time_coverage_end:
        period = {"@type": "dct:PeriodOfTime"}
        if c.time_coverage_start:
            period["dcat:startDate"] = {"@value": c.time_coverage_start.isoformat(), "@type": "xsd:date"}
        if c.time_coverage_end:
            period["dcat:endDate"] = {"@value": c.time_coverage_end.isoformat(), "@type": "xsd:date"}
        out["dct:temporal"] = period
    return out


def catalog_document(base: str) -> dict:
    feed = _Feed(base)
    departments = db.session.scalars(select(Department).order_by(Department.code)).all()
    categories = db.session.scalars(select(Category).order_by(Category.code)).all()
    modified = db.session.scalar(select(func.max(Category.updated_at)))
    operator = f"{base}/#operator"
    datasets = [dataset(c, base, feed) for c in categories]
    catalog = {
        "@id": feed.doc,
        "@type": "dcat:Catalog",
        "dct:title": _lang("成都市公共数据运营服务平台数据目录", "Chengdu Public Data Operation Platform catalog"),
        "dct:description": _lang(
            "成都市政府部门公共数据资源目录:数据类别、提供部门、开放类型、更新频率与交付格式。"
            "数据经需求审核与部门授权后,由授权运营单位通过平台交付。",
            "The catalog of Chengdu's municipal public data: data categories, providing departments, "
            "openness, update frequency and delivery formats. Data is delivered by the authorised operator "
            "through the platform after demand review and the department's authorisation.",
        ),
        "dct:publisher": _ref(operator),
        "foaf:homepage": feed.document(f"{base}/"),
        "dct:language": [
            feed.use({"@id": f"{EU}/language/{code}", "@type": "dct:LinguisticSystem", "skos:prefLabel": _lang(zh, en)})
            for code, zh, en in LANGUAGES
        ],
        "dct:spatial": feed.place("成都市", "Chengdu"),
        "dcat:themeTaxonomy": _ref(feed.themes),
        "dcat:dataset": [_ref(d["@id"]) for d in datasets],
    }
    if modified:
        catalog["dct:modified"] = {"@value": isoformat_utc(modified), "@type": "xsd:dateTime"}
    themes = {
        "@id": feed.themes,
        "@type": "skos:ConceptScheme",
        "dct:title": _lang("公共数据领域分类", "Public data themes"),
    }
    operator_agent = {
        "@id": operator,
        "@type": ["foaf:Agent", "foaf:Organization"],
        "foaf:name": _lang(*DEFAULT_ORGS["operator"][1:]),
        "dct:type": feed.publisher_type("Company", "企业", "Company"),
        "foaf:homepage": feed.document(f"{base}/"),
    }
    return {
        "@context": CONTEXT,
        "@graph": [
            catalog,
            themes,
            operator_agent,
            *[_department_agent(feed, d) for d in departments],
            *[_contact(feed, d) for d in departments],
            *datasets,
            *feed.nodes.values(),
        ],
    }
