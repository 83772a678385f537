"""Who decides an export, and when its file exists. Where the agreement's terms ask for it
(export_operator_approval), the department's approval waits for the operator's; otherwise the
steward's suffices. The final approval queues a background job: the export is `approved`, then
`preparing`, then `ready`, and its file answers 409 until then."""

import re
import threading

import pytest

from tests.delivery.conftest import active_agreement
from tests.delivery.test_pages import _login

SQL = "SELECT ent_type, reg_capital, est_date FROM SCJGJ_001 LIMIT 100"


def _request(cast, agreement):
    made = cast.consumer.post(f"/api/v1/agreements/{agreement}/exports", {"sql": SQL, "purpose": "行业分析"})
    assert made.status_code == 201, made.json
    return made.json["id"]


def _decide(actor, export_id, approve=True):
    return actor.post(f"/api/v1/exports/{export_id}/decision", {"approve": approve, "reason": "核对用途"})


def _wait_ready(cast, decided):
    from core import jobs

    assert jobs.wait(decided["job_id"], timeout=120).status == "done"
    return cast.consumer.get(f"/api/v1/exports/{decided['id']}").json


def test_where_the_terms_say_so_the_operator_decides_after_the_department(dcast, scjgj_data, ctx):
    agreement = active_agreement(dcast, mode="controlled_export", export_operator_approval=True)
    assert dcast.consumer.get(f"/api/v1/agreements/{agreement}").json["export_operator_approval"] is True
    export_id = _request(dcast, agreement)

    early = _decide(dcast.operator, export_id)
    assert early.status_code == 409
    assert "department" in early.json["error"]["message"] or "部门" in early.json["error"]["message"]
    for outsider, status in ((dcast.consumer, 403), (dcast.coordinator, 403), (dcast.other_steward, 404)):
        assert _decide(outsider, export_id).status_code == status
    assert dcast.other_consumer.get(f"/api/v1/exports/{export_id}").status_code == 404

    first = _decide(dcast.steward, export_id)
    assert first.status_code == 200, first.json
    assert first.json["status"] == "awaiting_operator" and first.json["awaiting"] == "operator"
    assert first.json["job_id"] is None
    assert dcast.consumer.get(f"/api/v1/exports/{export_id}/file").status_code == 409
    assert _decide(dcast.steward, export_id).status_code == 409  # the department has decided already
    assert _decide(dcast.steward, export_id, approve=False).status_code == 409

    waiting = {e["id"] for e in dcast.operator.get("/api/v1/exports?awaiting=me").json["items"]}
    assert export_id in waiting
    assert export_id not in {e["id"] for e in dcast.steward.get("/api/v1/exports?awaiting=me").json["items"]}

    final = _decide(dcast.operator, export_id)
    assert final.status_code == 200, final.json
    assert final.json["status"] in ("approved", "preparing", "ready") and final.json["job_id"]
    assert final.json["operator_decided_at"] and final.json["decided_at"]
    assert _decide(dcast.operator, export_id).status_code == 409  # a second decision
    ready = _wait_ready(dcast, final.json)
    assert ready["status"] == "ready" and ready["rows"] == 100
    assert dcast.consumer.get(f"/api/v1/exports/{export_id}/file").status_code == 200


def test_the_operator_may_refuse_what_the_department_approved(dcast, scjgj_data, ctx):
    agreement = active_agreement(dcast, mode="controlled_export", export_operator_approval=True)
    export_id = _request(dcast, agreement)
    assert _decide(dcast.steward, export_id).json["status"] == "awaiting_operator"
    refused = _decide(dcast.operator, export_id, approve=False)
    assert refused.status_code == 200 and refused.json["status"] == "refused" and refused.json["job_id"] is None
    assert dcast.consumer.get(f"/api/v1/exports/{export_id}/file").status_code == 409
    assert _decide(dcast.operator, export_id).status_code == 409


def test_without_the_term_the_stewards_approval_suffices(dcast, scjgj_data, ctx):
    agreement = active_agreement(dcast, mode="controlled_export")
    export_id = _request(dcast, agreement)
    assert dcast.consumer.get(f"/api/v1/exports/{export_id}").json["awaiting"] == "department"
    decided = _decide(dcast.steward, export_id)
    assert decided.status_code == 200 and decided.json["job_id"] and decided.json["awaiting"] is None
    assert _wait_ready(dcast, decided.json)["status"] == "ready"
    assert _decide(dcast.operator, export_id).status_code == 409


def test_the_operators_page_lists_the_decisions_waiting_for_it_and_decides(app, dcast, scjgj_data, ctx):
    agreement = active_agreement(dcast, mode="controlled_export", export_operator_approval=True)
    export_id = _request(dcast, agreement)
    steward = _login(app, dcast.steward.email)
    page = steward.get("/delivery/exports")
    assert f'action="/delivery/exports/{export_id}/decision"' in page.text
    assert steward.post(f"/delivery/exports/{export_id}/decision", data={"approve": "1"}).status_code in (302, 303)
    assert f'action="/delivery/exports/{export_id}/decision"' not in steward.get("/delivery/exports").text

    operator = _login(app, dcast.operator.email)
    page = operator.get("/delivery/exports")
    assert page.status_code == 200
    pending = page.text.split('id="pending-exports"')[1].split("</div>\n<h2>")[0]
    assert f'id="export-{export_id}"' in pending and f"/delivery/exports/{export_id}/decision" in pending
    assert operator.post(f"/delivery/exports/{export_id}/decision", data={"approve": "1"}).status_code in (302, 303)
    shown = dcast.consumer.get(f"/api/v1/exports/{export_id}").json
    assert shown["status"] in ("approved", "preparing", "ready")
    assert _wait_ready(dcast, shown)["status"] == "ready"
    assert f"/delivery/exports/{export_id}/decision" not in operator.get("/delivery/exports").text


@pytest.fixture()
def held_file(monkeypatch):
    """The job that makes export files waits at the gate until the test opens it."""
    from delivery.services import exports

    gate, entered = threading.Event(), threading.Event()
    real = exports._produce

    def held(export, agreement):
        entered.set()
        gate.wait(60)
        return real(export, agreement)

    monkeypatch.setattr(exports, "_produce", held)
    yield gate, entered
    gate.set()


def test_the_file_is_made_by_a_job_and_answers_409_until_ready(dcast, scjgj_data, ctx, held_file):
    gate, entered = held_file
    agreement = active_agreement(dcast, mode="controlled_export")
    export_id = _request(dcast, agreement)
    decided = _decide(dcast.steward, export_id)
    assert decided.status_code == 200 and decided.json["job_id"]
    assert entered.wait(60), "the job started"
    preparing = dcast.consumer.get(f"/api/v1/exports/{export_id}").json
    assert preparing["status"] == "preparing" and preparing["downloads_left"] == 0
    assert dcast.consumer.get(f"/api/v1/exports/{export_id}/file").status_code == 409
    gate.set()
    ready = _wait_ready(dcast, decided.json)
    assert ready["status"] == "ready" and ready["rows"] == 100 and ready["downloads_left"] == 3
    assert dcast.consumer.get(f"/api/v1/exports/{export_id}/file").status_code == 200


def test_termination_while_the_file_is_made_revokes_it_and_leaves_no_file(dcast, scjgj_data, ctx, held_file):
    from delivery import storage

    gate, entered = held_file
    agreement = active_agreement(dcast, mode="controlled_export")
    export_id = _request(dcast, agreement)
    decided = _decide(dcast.steward, export_id)
    assert entered.wait(60)
    assert dcast.operator.post(f"/api/v1/agreements/{agreement}/terminate", {"reason": "违约"}).status_code == 200
    gate.set()
    from core import jobs

    assert jobs.wait(decided.json["job_id"], timeout=120).status == "done"
    shown = dcast.consumer.get(f"/api/v1/exports/{export_id}").json
    assert shown["status"] == "revoked" and shown["rows"] == 0
    assert not list((storage.data_dir() / "exports").glob(f"*-{export_id}.csv"))


def test_a_job_that_cannot_make_the_file_marks_the_export_failed(dcast, scjgj_data, ctx, monkeypatch):
    from core import jobs
    from delivery.services import exports

    def broken(export, agreement):
        raise RuntimeError("disk full")

    monkeypatch.setattr(exports, "_produce", broken)
    agreement = active_agreement(dcast, mode="controlled_export")
    export_id = _request(dcast, agreement)
    decided = _decide(dcast.steward, export_id)
    job = jobs.wait(decided.json["job_id"], timeout=120)
    assert job.status == "failed" and "disk full" in job.error
    assert dcast.consumer.get(f"/api/v1/exports/{export_id}").json["status"] == "failed"
    assert dcast.consumer.get(f"/api/v1/exports/{export_id}/file").status_code == 409


def _waiting(actor, export_id, agreement_number):
    """The inbox tasks about this export (other tests' exports may wait there too)."""
    tasks = actor.get("/api/v1/inbox").json["items"]
    return [
        t
        for t in tasks
        if t["kind"] == "export.decide" and re.search(rf"#{export_id}\b", t["title"]) and agreement_number in t["title"]
    ]


def test_an_export_waits_in_its_deciders_inbox_and_leaves_it_once_decided(app, dcast, scjgj_data, ctx):
    from core.extensions import db
    from marketplace.services import inbox

    def badge_matches(actor):
        user = db.session.get(type(actor.user), actor.user_id)
        return inbox.count(user) == len(inbox.inbox(user))

    agreement = active_agreement(dcast, mode="controlled_export", export_operator_approval=True)
    number = dcast.consumer.get(f"/api/v1/agreements/{agreement}").json["number"]
    export_id = _request(dcast, agreement)

    waiting = _waiting(dcast.steward, export_id, number)
    assert len(waiting) == 1 and waiting[0]["link"] == "/delivery/exports"
    page = _login(app, dcast.steward.email).get(waiting[0]["link"])
    assert page.status_code == 200 and f"/delivery/exports/{export_id}/decision" in page.text
    for bystander in (dcast.operator, dcast.other_steward, dcast.consumer, dcast.coordinator):
        assert _waiting(bystander, export_id, number) == [], bystander.user.role
    assert badge_matches(dcast.steward) and badge_matches(dcast.operator)

    assert _decide(dcast.steward, export_id).status_code == 200  # → awaiting_operator
    assert _waiting(dcast.steward, export_id, number) == []
    assert len(_waiting(dcast.operator, export_id, number)) == 1
    assert len(_waiting(dcast.admin, export_id, number)) == 1  # an administrator may decide for the operator
    assert badge_matches(dcast.steward) and badge_matches(dcast.operator)

    assert _decide(dcast.operator, export_id, approve=False).status_code == 200
    assert _waiting(dcast.operator, export_id, number) == []


def test_where_the_department_alone_decides_the_request_never_waits_for_the_operator(dcast, scjgj_data, ctx):
    agreement = active_agreement(dcast, mode="controlled_export")
    number = dcast.consumer.get(f"/api/v1/agreements/{agreement}").json["number"]
    export_id = _request(dcast, agreement)
    assert len(_waiting(dcast.steward, export_id, number)) == 1
    assert _waiting(dcast.operator, export_id, number) == []
    assert _decide(dcast.steward, export_id, approve=False).status_code == 200
    assert _waiting(dcast.steward, export_id, number) == []
