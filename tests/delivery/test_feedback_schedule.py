"""Usage feedback on the agreement's schedule: a report is due every `feedback_every_days` days from
the term's start (then from the last report); overdue feedback is shown to the operator and the
providing department, and blocks new export requests (409) unless the terms say otherwise."""

from datetime import timedelta

import pytest

from core.timeutil import local_today
from tests.delivery.conftest import active_agreement
from tests.delivery.test_pages import _login

SQL = "SELECT ent_type, reg_capital FROM SCJGJ_001 LIMIT 20"


def _backdate(agreement_id, days, every=None):
    """The term started `days` ago, Asia/Shanghai (dates set in the database: no sleeping)."""
    from core.extensions import db
    from marketplace.models import Agreement

    agreement = db.session.get(Agreement, agreement_id)
    agreement.term_start = local_today() - timedelta(days=days)
    if every is not None:
        agreement.feedback_every_days = every
    db.session.commit()
    return agreement


@pytest.mark.parametrize(
    ("days_since_start", "status", "overdue"),
    [(10, "on_schedule", False), (80, "due", False), (90, "due", False), (91, "overdue", True), (200, "overdue", True)],
)
def test_due_and_overdue_are_computed_from_the_dates_and_the_terms(
    dcast, scjgj_data, ctx, days_since_start, status, overdue
):
    from marketplace.services.agreements import feedback_schedule

    agreement = _backdate(active_agreement(dcast), 0)
    start = agreement.term_start
    schedule = feedback_schedule(agreement, today=start + timedelta(days=days_since_start))
    assert schedule["due"] == start + timedelta(days=90)
    assert (schedule["status"], schedule["overdue"]) == (status, overdue)
    assert schedule["days_overdue"] == max(0, days_since_start - 90)


def test_a_report_moves_the_next_due_date_and_no_duty_means_nothing_is_due(dcast, scjgj_data, ctx):
    from marketplace.services.agreements import feedback_schedule

    agreement_id = active_agreement(dcast)
    agreement = _backdate(agreement_id, 100, every=30)
    today = local_today()
    assert feedback_schedule(agreement, today)["status"] == "overdue"
    filed = dcast.consumer.post(
        f"/api/v1/agreements/{agreement_id}/feedback", {"body": "用于信用评估模型，调用 1200 次"}
    )
    assert filed.status_code == 201, filed.json
    from core.extensions import db

    db.session.refresh(agreement)
    after = feedback_schedule(agreement, today)
    assert after["status"] == "on_schedule" and after["due"] == today + timedelta(days=30)
    assert feedback_schedule(agreement, today + timedelta(days=31))["status"] == "overdue"
    agreement.usage_feedback_duty = False
    db.session.commit()
    assert feedback_schedule(agreement, today + timedelta(days=400))["status"] == "not_required"


def test_overdue_feedback_is_listed_for_the_operator_and_the_department_and_shown_on_the_agreement(
    app, dcast, scjgj_data, ctx
):
    overdue_id = active_agreement(dcast)
    _backdate(overdue_id, 120)
    current_id = active_agreement(dcast)
    number = dcast.operator.get(f"/api/v1/agreements/{overdue_id}").json["number"]
    due = (local_today() - timedelta(days=30)).isoformat()

    answer = dcast.consumer.get(f"/api/v1/agreements/{overdue_id}").json
    assert answer["feedback_overdue"] is True and answer["feedback_due"] == due
    assert answer["feedback_status"] == "overdue" and answer["feedback_every_days"] == 90
    assert answer["feedback_blocks_exports"] is True and answer["export_operator_approval"] is False
    usage = dcast.steward.get(f"/api/v1/agreements/{overdue_id}/usage").json
    assert usage["feedback_overdue"] is True and usage["feedback_due"] == due and "items" in usage
    assert dcast.steward.get(f"/api/v1/agreements/{current_id}/usage").json["feedback_overdue"] is False

    for viewer in (dcast.operator, dcast.steward, dcast.consumer):
        listed = viewer.get("/api/v1/feedback/overdue")
        assert listed.status_code == 200
        rows = {r["agreement_id"]: r for r in listed.json["items"]}
        assert overdue_id in rows and current_id not in rows
        assert rows[overdue_id]["agreement"] == number and rows[overdue_id]["days_overdue"] == 30
        assert rows[overdue_id]["feedback_due"] == due
    for outsider in (dcast.other_steward, dcast.other_consumer):
        assert overdue_id not in {r["agreement_id"] for r in outsider.get("/api/v1/feedback/overdue").json["items"]}

    for email in (dcast.operator.email, dcast.steward.email):
        web = _login(app, email)
        for path in ("/delivery/usage", "/delivery/exports"):
            page = web.get(path)
            assert page.status_code == 200
            assert f'data-agreement="{overdue_id}"' in page.text and number in page.text
            assert f'data-agreement="{current_id}"' not in page.text
    consumer = _login(app, dcast.consumer.email)
    assert 'data-feedback="overdue"' in consumer.get(f"/agreements/{overdue_id}").text
    assert 'data-feedback="overdue"' in consumer.get(f"/agreements/{overdue_id}/workspace").text
    assert 'data-feedback="overdue"' not in consumer.get(f"/agreements/{current_id}").text
    other = _login(app, dcast.other_steward.email).get("/delivery/usage")
    assert f'data-agreement="{overdue_id}"' not in other.text


def test_overdue_feedback_blocks_new_exports_until_it_is_filed(dcast, scjgj_data, ctx):
    agreement = active_agreement(dcast, mode="controlled_export")
    _backdate(agreement, 95)
    number = dcast.consumer.get(f"/api/v1/agreements/{agreement}").json["number"]
    blocked = dcast.consumer.post(f"/api/v1/agreements/{agreement}/exports", {"sql": SQL, "purpose": "模型训练"})
    assert blocked.status_code == 409
    message = blocked.json["error"]["message"]
    assert number in message and (local_today() - timedelta(days=5)).isoformat() in message
    assert "feedback" in message or "反馈" in message
    log = dcast.consumer.get(f"/api/v1/agreements/{agreement}/usage").json["items"]
    assert log[0]["kind"] == "export" and log[0]["outcome"] == "conflict" and log[0]["rule"] == "feedback_overdue"
    # queries are not exports: they still answer
    filed = dcast.consumer.post(f"/api/v1/agreements/{agreement}/feedback", {"body": "季度使用报告"})
    assert filed.status_code == 201
    made = dcast.consumer.post(f"/api/v1/agreements/{agreement}/exports", {"sql": SQL, "purpose": "模型训练"})
    assert made.status_code == 201, made.json


def test_the_terms_may_let_exports_go_on_while_feedback_is_overdue(dcast, scjgj_data, ctx):
    agreement = active_agreement(dcast, mode="controlled_export", feedback_blocks_exports=False, feedback_every_days=30)
    terms = dcast.consumer.get(f"/api/v1/agreements/{agreement}").json
    assert terms["feedback_blocks_exports"] is False and terms["feedback_every_days"] == 30
    _backdate(agreement, 45)
    assert dcast.consumer.get(f"/api/v1/agreements/{agreement}").json["feedback_overdue"] is True
    made = dcast.consumer.post(f"/api/v1/agreements/{agreement}/exports", {"sql": SQL, "purpose": "模型训练"})
    assert made.status_code == 201, made.json


def test_the_feedback_terms_are_validated_when_drafting(dcast, scjgj_data, ctx):
    for body, field in (
        ({"feedback_every_days": 3}, "feedback_every_days"),
        ({"export_operator_approval": "yes"}, "export_operator_approval"),
    ):
        refused = dcast.operator.post(
            "/api/v1/agreements", {"listing_id": 1, "demand_id": 1, "delivery_mode": "usable_invisible", **body}
        )
        assert refused.status_code == 400
        assert field in refused.json["error"]["fields"]
