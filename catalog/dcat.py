"""The public catalog as DCAT-AP in JSON-LD: one dcat:Dataset per category, publisher = department."""

from sqlalchemy import select

from accounts.services import DEFAULT_ORGS
from catalog import vocab
from catalog.models import Category, Department
from core.extensions import db
from core.timeutil import isoformat_utc

# EU vocabularies for update frequency, as DCAT-AP asks.
FREQUENCY_URI = {
    "realtime": "http://publications.europa.eu/resource/authority/frequency/UPDATE_CONT",
    "daily": "http://publications.europa.eu/resource/authority/frequency/DAILY",
    "weekly": "http://publications.europa.eu/resource/authority/frequency/WEEKLY",
    "monthly": "http://publications.europa.eu/resource/authority/frequency/MONTHLY",
    "quarterly": "http://publications.europa.eu/resource/authority/frequency/QUARTERLY",
    "yearly": "http://publications.europa.eu/resource/authority/frequency/ANNUAL",
    "irregular": "http://publications.europa.eu/resource/authority/frequency/IRREG",
}
MEDIA_TYPE = {
    "csv": "text/csv",
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "xml": "application/xml",
    "api": "application/json",
    "shp": "application/vnd.shp",
}
CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "adms": "http://www.w3.org/ns/adms#",
}


def _lang(zh: str, en: str) -> list[dict]:
    return [{"@value": zh, "@language": "zh-CN"}, {"@value": en, "@language": "en"}]


def dataset(c: Category, base: str) -> dict:
    uri = f"{base}/categories/{c.code}"
    out = {
        "@id": uri,
        "@type": "dcat:Dataset",
        "dct:identifier": c.code,
        "dct:title": _lang(c.name_zh, c.name_en),
        "dct:description": _lang(c.description_zh, c.description_en),
        "dct:publisher": {"@id": f"{base}/departments/{c.department.code}"},
        "dcat:theme": _lang(str(vocab.THEMES.get(c.theme, c.theme)), c.theme),
        "dcat:keyword": [{"@value": k, "@language": "zh-CN"} for k in c.keywords_zh or []]
        + [{"@value": k, "@language": "en"} for k in c.keywords_en or []],
        "dct:accessRights": c.openness,
        "dct:accrualPeriodicity": {"@id": FREQUENCY_URI[c.update_frequency]},
        "dct:spatial": _lang(c.spatial_coverage_zh, c.spatial_coverage_en),
        "dct:modified": {"@value": isoformat_utc(c.updated_at), "@type": "xsd:dateTime"},
        "dcat:landingPage": {"@id": uri},
        "adms:sample": {"@value": str(int(c.record_count)), "@type": "xsd:integer"},
        "dcat:distribution": [
            {
                "@type": "dcat:Distribution",
                "dct:format": fmt.upper(),
                "dcat:mediaType": MEDIA_TYPE.get(fmt, fmt),
                "dcat:accessURL": {"@id": uri},
            }
            for fmt in c.formats or []
        ],
    }
    if c.time_coverage_start:
        period = {
            "@type": "dct:PeriodOfTime",
            "dcat:startDate": {"@value": c.time_coverage_start.isoformat(), "@type": "xsd:date"},
        }
        if c.time_coverage_end:
            period["dcat:endDate"] = {"@value": c.time_coverage_end.isoformat(), "@type": "xsd:date"}
        out["dct:temporal"] = period
    return out


def catalog_document(base: str) -> dict:
    departments = db.session.scalars(select(Department).order_by(Department.code)).all()
    categories = db.session.scalars(select(Category).order_by(Category.code)).all()
    return {
        "@context": CONTEXT,
        "@graph": [
            {
                "@id": f"{base}/catalog.jsonld",
                "@type": "dcat:Catalog",
                "dct:title": _lang(
                    "成都市公共数据运营服务平台数据目录", "Chengdu Public Data Operation Platform catalog"
                ),
                "dct:publisher": {"@id": f"{base}/#operator"},
                "dcat:dataset": [{"@id": f"{base}/categories/{c.code}"} for c in categories],
            },
            {
                "@id": f"{base}/#operator",
                "@type": "foaf:Organization",
                "foaf:name": _lang(*DEFAULT_ORGS["operator"][1:]),
            },
            *[
                {
                    "@id": f"{base}/departments/{d.code}",
                    "@type": "foaf:Organization",
                    "foaf:name": _lang(d.name_zh, d.name_en),
                }
                for d in departments
            ],
            *[dataset(c, base) for c in categories],
        ],
    }
