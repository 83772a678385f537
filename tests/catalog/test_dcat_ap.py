"""/catalog.jsonld conforms to DCAT-AP 3.0.1: SHACL validation (rdflib + pyshacl) against the shapes in
catalog/shapes/dcat-ap-3.0.1.ttl, controlled vocabularies as IRIs, and shapes that do catch errors."""

import json
from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import Graph
from rdflib.namespace import SH

SHAPES = Path(__file__).resolve().parents[2] / "catalog" / "shapes" / "dcat-ap-3.0.1.ttl"
EU = "http://publications.europa.eu/resource/authority"


def violations(document: dict) -> list[str]:
    data = Graph().parse(data=json.dumps(document), format="json-ld")
    shapes = Graph().parse(SHAPES, format="turtle")
    _, report, _ = validate(data, shacl_graph=shapes, inference="none", advanced=True)
    return [
        f"{report.value(r, SH.focusNode)} {report.value(r, SH.resultPath)}: {report.value(r, SH.resultMessage)}"
        for r in report.subjects(SH.resultSeverity, SH.Violation)
    ]


@pytest.fixture(scope="module")
def feed(app):
    return app.test_client().get("/catalog.jsonld")


def _nodes(feed, kind):
    return [n for n in feed.json["@graph"] if kind in (n["@type"] if isinstance(n["@type"], list) else [n["@type"]])]


def test_the_feed_has_no_shacl_violations(feed):
    assert feed.status_code == 200 and feed.mimetype == "application/ld+json"
    found = violations(feed.json)
    assert found == [], f"{len(found)} violations, e.g. {found[:5]}"


def test_controlled_vocabularies_are_iris(feed):
    datasets = _nodes(feed, "dcat:Dataset")
    assert len(datasets) == 457
    rights = {d["dct:accessRights"]["@id"] for d in datasets}
    assert rights <= {f"{EU}/access-right/{t}" for t in ("PUBLIC", "RESTRICTED", "NON_PUBLIC")} and len(rights) >= 2
    assert all(d["dct:accrualPeriodicity"]["@id"].startswith(f"{EU}/frequency/") for d in datasets)
    distributions = [x for d in datasets for x in d["dcat:distribution"]]
    assert all(x["dct:format"]["@id"].startswith(f"{EU}/file-type/") for x in distributions)
    assert all(
        x["dcat:mediaType"]["@id"].startswith("http://www.iana.org/assignments/media-types/") for x in distributions
    )
    assert f"{EU}/file-type/CSV" in {x["dct:format"]["@id"] for x in distributions}
    assert all("@id" in d["dcat:theme"] and "@id" in d["dct:spatial"] for d in datasets)


def test_themes_are_a_published_skos_scheme_and_places_are_locations(feed):
    catalog = _nodes(feed, "dcat:Catalog")[0]
    scheme = catalog["dcat:themeTaxonomy"]["@id"]
    assert [n["@id"] for n in _nodes(feed, "skos:ConceptScheme")] == [scheme]
    concepts = {n["@id"]: n for n in _nodes(feed, "skos:Concept") if n.get("skos:inScheme", {}).get("@id") == scheme}
    assert len(concepts) >= 15
    credit = next(c for c in concepts.values() if c["@id"].endswith("#theme-credit"))
    assert {x["@language"]: x["@value"] for x in credit["skos:prefLabel"]} == {
        "zh": "信用服务",
        "en": "Credit services",
    }
    places = {n["@id"] for n in _nodes(feed, "dct:Location")}
    assert all(d["dct:spatial"]["@id"] in places for d in _nodes(feed, "dcat:Dataset"))


def test_record_count_is_an_extent_not_a_sample(feed):
    for d in _nodes(feed, "dcat:Dataset"):
        assert "adms:sample" not in d
        assert d["dct:extent"]["@type"] == "dct:SizeOrDuration"
        assert int(d["dct:extent"]["rdf:value"]["@value"]) >= 0
    total = sum(int(d["dct:extent"]["rdf:value"]["@value"]) for d in _nodes(feed, "dcat:Dataset"))
    assert 100_000_000 < total < 250_000_000  # about 165 million records in all


def test_catalog_and_agents_carry_what_dcat_ap_asks(feed):
    catalog = _nodes(feed, "dcat:Catalog")[0]
    assert {x["@language"] for x in catalog["dct:description"]} == {"zh", "en"}
    agents = {n["@id"]: n for n in _nodes(feed, "foaf:Agent")}
    assert catalog["dct:publisher"]["@id"] in agents and len(agents) == 41
    assert all(a["dct:type"]["@id"].startswith("http://purl.org/adms/publishertype/") for a in agents.values())
    documents = {n["@id"] for n in _nodes(feed, "foaf:Document")}
    for d in _nodes(feed, "dcat:Dataset"):
        assert d["dcat:landingPage"]["@id"] in documents
        assert d["dct:identifier"] and d["dcat:contactPoint"]["@id"].endswith("#contact")
        assert all(x["dcat:accessURL"]["@id"] for x in d["dcat:distribution"])


def _small(feed, change):
    """The catalog with one dataset (and the nodes it uses), after change(dataset)."""
    graph = json.loads(json.dumps(feed.json["@graph"]))
    catalog = next(n for n in graph if n["@type"] == "dcat:Catalog")
    datasets = [n for n in graph if n["@type"] == "dcat:Dataset"]
    keep = datasets[0]
    catalog["dcat:dataset"] = [{"@id": keep["@id"]}]
    change(keep)
    rest = [n for n in graph if n["@type"] != "dcat:Dataset"]
    return {"@context": feed.json["@context"], "@graph": [*rest, keep]}


@pytest.mark.parametrize(
    "name, change",
    [
        ("media type as a literal", lambda d: d["dcat:distribution"][0].update({"dcat:mediaType": "text/csv"})),
        ("format as a literal", lambda d: d["dcat:distribution"][0].update({"dct:format": "CSV"})),
        ("access rights as a literal", lambda d: d.update({"dct:accessRights": "unconditional"})),
        ("theme as a literal", lambda d: d.update({"dcat:theme": "credit"})),
        ("spatial as a literal", lambda d: d.update({"dct:spatial": "成都市"})),
        ("no description", lambda d: d.pop("dct:description")),
        (
            "record count as a sample",
            lambda d: d.update({"http://www.w3.org/ns/adms#sample": {"@value": "5", "@type": "xsd:integer"}}),
        ),
        ("no access URL", lambda d: d["dcat:distribution"][0].pop("dcat:accessURL")),
        ("an unknown access right", lambda d: d.update({"dct:accessRights": {"@id": f"{EU}/access-right/MAYBE"}})),
    ],
)
def test_the_shapes_catch_the_old_modelling_errors(feed, name, change):
    assert violations(_small(feed, lambda d: None)) == []
    assert violations(_small(feed, change)), name
