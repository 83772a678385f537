"""Every gateway call, answered or refused, is timed into /metrics (core/metrics.py)."""

import re

import pytest

from tests.delivery.conftest import active_agreement, query


@pytest.fixture()
def agreement(dcast, scjgj_data, ctx):
    return active_agreement(dcast)


def count_of(text: str, kind: str, outcome: str) -> float:
    pattern = rf'pdp_gateway_query_duration_seconds_count\{{kind="{kind}",outcome="{outcome}"\}} (\S+)'
    found = re.search(pattern, text)
    return float(found.group(1)) if found else 0.0


def test_answered_and_refused_queries_are_timed(dcast, agreement, client):
    before = client.get("/metrics").get_data(as_text=True)
    ok = query(dcast.consumer, agreement, "SELECT reg_status, COUNT(*) AS n FROM SCJGJ_001 GROUP BY reg_status")
    assert ok.status_code == 200, ok.json
    refused = query(dcast.consumer, agreement, "DELETE FROM SCJGJ_001")
    assert refused.status_code == 400
    after = client.get("/metrics").get_data(as_text=True)
    assert count_of(after, "query", "ok") == count_of(before, "query", "ok") + 1
    assert count_of(after, "query", "refused") == count_of(before, "query", "refused") + 1
