"""The delivery pages through the web: the workspace runs a grouped query (table + chart), shows a
refusal's rule, the steward confirms column policies and approves an export, usage pages per role."""

import re

import pytest

from tests.delivery.conftest import active_agreement
from tests.factories import PASSWORD


def _login(app, email):
    client = app.test_client()
    response = client.post("/login", data={"email": email, "password": PASSWORD})
    assert response.status_code in (302, 303), response.data[:300]
    return client


@pytest.fixture()
def web(app, dcast, scjgj_data):
    # no shared app context: each request must load its own signed-in user
    return {"consumer": _login(app, dcast.consumer.email), "steward": _login(app, dcast.steward.email)}


def test_the_workspace_answers_a_grouped_query_with_a_table_and_a_chart(dcast, web):
    agreement = active_agreement(dcast)
    page = web["consumer"].get(f"/agreements/{agreement}/workspace")
    assert page.status_code == 200 and "SCJGJ_001" in page.text and "role-identifier" in page.text
    sql = "SELECT reg_status, COUNT(*) AS n FROM SCJGJ_001 GROUP BY reg_status ORDER BY n DESC"
    answered = web["consumer"].post(f"/agreements/{agreement}/workspace", data={"sql": sql})
    assert answered.status_code == 200
    assert "<svg" in answered.text and "存续" in answered.text
    assert "<script>" not in answered.text and "onclick" not in answered.text.split('id="result"')[1]
    refused = web["consumer"].post(f"/agreements/{agreement}/workspace", data={"sql": "SELECT * FROM SCJGJ_001"})
    assert refused.status_code == 400 and 'id="refusal"' in refused.text and "SELECT *" in refused.text
    assert web["steward"].get(f"/agreements/{agreement}/workspace").status_code == 200
    other = _login(web["consumer"].application, dcast.other_consumer.email)
    assert other.get(f"/agreements/{agreement}/workspace").status_code == 404


def test_the_sandbox_page_is_watermarked_with_the_enterprise(dcast, web):
    agreement = active_agreement(dcast, mode="in_platform")
    page = web["consumer"].post(f"/agreements/{agreement}/workspace", data={"sql": "SELECT * FROM SCJGJ_001 LIMIT 5"})
    assert page.status_code == 200 and 'class="watermark"' in page.text
    name = re.search(r'<div class="watermark"[^>]*><span>([^<]+)</span>', page.text).group(1)
    assert name.startswith("测试企业") and "tk_" in page.text


def test_the_steward_confirms_policies_and_approves_an_export_and_usage_pages_answer(dcast, web):
    page = web["steward"].get("/delivery/categories/SCJGJ-001/policies")
    assert page.status_code == 200 and "uscc" in page.text
    bad = web["steward"].post("/delivery/categories/SCJGJ-001/policies", data={"min_group_size": "3"})
    assert bad.status_code == 400
    from delivery.services import policies, versions

    app = web["steward"].application
    with app.app_context():
        form = {
            f"role-{c['name']}": c["role"] for c in policies.describe(versions.category_by_code("SCJGJ-001"))["columns"]
        }
    saved = web["steward"].post("/delivery/categories/SCJGJ-001/policies", data={**form, "min_group_size": "10"})
    assert saved.status_code == 302
    with app.app_context():
        assert all(c["confirmed"] for c in policies.describe(versions.category_by_code("SCJGJ-001"))["columns"])
    assert (
        _login(web["steward"].application, dcast.other_steward.email)
        .get("/delivery/categories/SCJGJ-001/policies")
        .status_code
        == 403
    )
    agreement = active_agreement(dcast, mode="controlled_export")
    requested = web["consumer"].post(
        f"/agreements/{agreement}/export-requests",
        data={"sql": "SELECT ent_type, reg_capital FROM SCJGJ_001 LIMIT 100", "purpose": "模型训练"},
    )
    assert requested.status_code == 302
    approvals = web["steward"].get("/delivery/exports")
    export_id = int(re.search(r'id="export-(\d+)"', approvals.text).group(1))
    decided = web["steward"].post(f"/delivery/exports/{export_id}/decision", data={"approve": "1", "reason": "同意"})
    assert decided.status_code == 302
    from core import jobs

    with app.app_context():  # the file is made by a background job
        jobs.wait(dcast.consumer.get(f"/api/v1/exports/{export_id}").json["job_id"], timeout=120)
    download = web["consumer"].get(f"/exports/{export_id}/file")
    assert download.status_code == 200 and download.data.decode("utf-8-sig").startswith("ent_type,reg_capital")
    for client in web.values():
        usage = client.get("/delivery/usage")
        assert usage.status_code == 200 and "<svg" in usage.text


def test_the_category_page_shows_the_delivered_version_and_staleness(client, scjgj_data):
    page = client.get("/categories/SCJGJ-001")
    assert page.status_code == 200 and 'class="data-version"' in page.text


def test_opening_the_workspace_of_a_new_agreement_writes_nothing(dcast, web, caplog):
    """The page shows the quota and budget the first call will start with; the ledger itself is made
    by that call (a GET never writes, and the request's edge would only roll it back)."""
    from sqlalchemy import func, select

    from core.extensions import db
    from delivery.models import AgreementLedger

    agreement = active_agreement(dcast)
    app = web["consumer"].application

    def ledgers():
        with app.app_context():
            return db.session.scalar(
                select(func.count()).select_from(AgreementLedger).where(AgreementLedger.agreement_id == agreement)
            )

    before = ledgers()
    with caplog.at_level("WARNING", logger="core.uow"):
        page = web["consumer"].get(f"/agreements/{agreement}/workspace")
    assert page.status_code == 200
    assert ledgers() == before == 0
    assert not [r for r in caplog.records if "a read never writes" in r.getMessage()]
    sql = "SELECT reg_status, COUNT(*) AS n FROM SCJGJ_001 GROUP BY reg_status"
    assert web["consumer"].post(f"/agreements/{agreement}/workspace", data={"sql": sql}).status_code == 200
    assert ledgers() == 1  # the first call made it
