"""SHACL validation of a live /catalog.jsonld against catalog/shapes/dcat-ap-3.0.1.ttl (rdflib + pyshacl).

    python .ci/validate_dcat.py http://127.0.0.1:8000/catalog.jsonld

Prints the number of violations (and the first few); exits 1 when there is any."""

import json
import sys
import urllib.request
from pathlib import Path

from pyshacl import validate
from rdflib import Graph
from rdflib.namespace import SH

SHAPES = Path(__file__).resolve().parent.parent / "catalog" / "shapes" / "dcat-ap-3.0.1.ttl"


def violations(jsonld: bytes) -> tuple[int, str, int]:
    data = Graph().parse(data=jsonld, format="json-ld")
    shapes = Graph().parse(SHAPES, format="turtle")
    conforms, report, text = validate(data, shacl_graph=shapes, inference="none", advanced=True)
    count = len(list(report.subjects(SH.resultSeverity, SH.Violation)))
    return count, text, len(data)


def main(url: str) -> int:
    # the feed's URL comes from the CI script (http://127.0.0.1:…), never from input
    with urllib.request.urlopen(url, timeout=60) as response:  # nosec B310  # noqa: S310 (a URL we were given)
        media = response.headers.get_content_type()
        body = response.read()
    json.loads(body)
    count, text, triples = violations(body)
    print(f"DCAT-AP 3.0.1 SHACL: {url} ({media}, {triples} triples): {count} violations")
    if count:
        print(text[:4000])
    return 1 if count or media != "application/ld+json" else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
