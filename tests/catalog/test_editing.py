"""Operators and admins edit categories; every edit is logged and searchable at once."""

import pytest
from sqlalchemy import func, select

from catalog.models import Category
from core.audit import AuditEntry
from core.extensions import db
from tests.factories import PASSWORD, bearer, make_user, token_for

CODE = "SCJGJ-001"


def _audit_count():
    return db.session.scalar(select(func.count()).select_from(AuditEntry))


def _state(code=CODE):
    db.session.expire_all()
    c = db.session.scalar(select(Category).where(Category.code == code))
    return (c.name_zh, c.name_en, c.theme, c.record_count, list(c.keywords_zh), c.time_coverage_start)


def test_operator_edits_through_the_api_and_the_change_is_audited_and_indexed(client, ctx):
    operator = make_user("operator")
    headers = bearer(token_for(operator))
    original = client.get(f"/api/v1/categories/{CODE}").json
    response = client.patch(
        f"/api/v1/categories/{CODE}",
        headers=headers,
        json={"keywords_zh": original["keywords_zh"] + ["蓝鲸测试词"], "record_count": 123456},
    )
    assert response.status_code == 200
    assert response.json["record_count"] == 123456
    entry = db.session.scalars(
        select(AuditEntry).where(AuditEntry.object_id == CODE).order_by(AuditEntry.id.desc())
    ).first()
    assert entry.action == "category.updated" and entry.actor_email == operator.email
    assert entry.before["record_count"] == original["record_count"] and entry.after["record_count"] == 123456
    assert "蓝鲸测试词" in entry.after["keywords_zh"]
    found = client.get("/api/v1/categories", query_string={"q": "蓝鲸测试词"}).json
    assert [i["code"] for i in found["items"]] == [CODE]
    # put it back
    restore = {"keywords_zh": original["keywords_zh"], "record_count": original["record_count"]}
    assert client.patch(f"/api/v1/categories/{CODE}", headers=headers, json=restore).status_code == 200
    assert client.get("/api/v1/categories", query_string={"q": "蓝鲸测试词"}).json["total"] == 0


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"name_zh": ""}, "name_zh"),
        ({"name_en": "x" * 201}, "name_en"),
        ({"theme": "astrology"}, "theme"),
        ({"openness": "maybe"}, "openness"),
        ({"grade": "secret"}, "grade"),
        ({"update_frequency": "hourly"}, "update_frequency"),
        ({"record_count": -5}, "record_count"),
        ({"record_count": "many"}, "record_count"),
        ({"formats": ["pdf"]}, "formats"),
        ({"formats": []}, "formats"),
        # found by schemathesis before the declared schema checked bodies: each was a 500
        ({"update_frequency": {}}, "update_frequency"),
        ({"formats": 5}, "formats"),
        ({"name_zh": 5}, "name_zh"),
        ({"keywords_zh": {"a": 1}}, "keywords_zh"),
        ({"description_zh": "  "}, "description_zh"),
        ({"time_coverage_start": "2024-13-45"}, "time_coverage_start"),
        ({"time_coverage_start": "2024-05-01", "time_coverage_end": "2020-01-01"}, "time_coverage_end"),
        ({"fields": [{"name": "Bad Name", "type": "string"}]}, "fields"),
        ({"fields": [{"name": "ok", "type": "blob"}]}, "fields"),
        ({"fields": "not a list"}, "fields"),
    ],
)
def test_bad_edits_are_refused_with_field_messages_and_change_nothing(client, ctx, changes, field):
    headers = bearer(token_for(make_user("admin")))
    before, audits = _state(), _audit_count()
    response = client.patch(f"/api/v1/categories/{CODE}", headers=headers, json=changes)
    assert response.status_code == 400
    assert field in response.json["error"]["fields"]
    assert _state() == before and _audit_count() == audits


def test_a_body_that_is_not_an_object_is_refused(client, ctx):
    headers = bearer(token_for(make_user("admin")))
    for body in ("[1,2]", "null", "not json", '"text"'):
        response = client.patch(
            f"/api/v1/categories/{CODE}", headers=headers, data=body, content_type="application/json"
        )
        assert response.status_code == 400


def test_editing_an_unknown_category_is_404(client, ctx):
    headers = bearer(token_for(make_user("operator")))
    assert client.patch("/api/v1/categories/NOPE-1", headers=headers, json={"name_zh": "x"}).status_code == 404


def _login(client, user):
    assert client.post("/login", data={"email": user.email, "password": PASSWORD}).status_code == 302


def test_operator_edits_in_the_web_form(client, ctx):
    operator = make_user("operator")
    _login(client, operator)
    form_page = client.get(f"/categories/{CODE}/edit")
    assert form_page.status_code == 200
    current = client.get(f"/api/v1/categories/{CODE}").json
    form = {
        "name_zh": current["name_zh"],
        "name_en": current["name_en"] + " (edited)",
        "description_zh": current["description_zh"],
        "description_en": current["description_en"],
        "theme": current["theme"],
        "openness": current["openness"],
        "grade": current["grade"],
        "update_frequency": current["update_frequency"],
        "record_count": str(current["record_count"]),
        "formats": current["formats"],
        "spatial_coverage_zh": current["spatial_coverage_zh"],
        "spatial_coverage_en": current["spatial_coverage_en"],
        "time_coverage_start": current["time_coverage_start"] or "",
        "time_coverage_end": current["time_coverage_end"] or "",
        "keywords_zh": "，".join(current["keywords_zh"]),
        "keywords_en": ", ".join(current["keywords_en"]),
        "fields": "\n".join(
            f"{f['name']} | {f['label_zh']} | {f['label_en']} | {f['type']}" for f in current["fields"]
        ),
    }
    saved = client.post(f"/categories/{CODE}/edit", data=form)
    assert saved.status_code == 302
    assert client.get(f"/api/v1/categories/{CODE}").json["name_en"].endswith("(edited)")
    page = client.get(f"/categories/{CODE}").get_data(as_text=True)
    assert "name_en" in page  # the change history lists the changed attribute
    assert client.get(f"/api/v1/categories/{CODE}").json["fields"] == current["fields"]

    bad = dict(form, name_zh="", record_count="-3", fields="Bad Column | x | y | blob")
    before, audits = _state(), _audit_count()
    shown_again = client.post(f"/categories/{CODE}/edit", data=bad)
    assert shown_again.status_code == 400
    assert shown_again.get_data(as_text=True).count('class="error"') >= 2
    assert _state() == before and _audit_count() == audits
    client.post(f"/categories/{CODE}/edit", data=dict(form, name_en=current["name_en"]))


@pytest.mark.parametrize("role", ["consumer", "steward", "coordinator", "finance"])
def test_other_roles_may_not_edit(client, ctx, role):
    user = make_user(role)
    _login(client, user)
    assert client.get(f"/categories/{CODE}/edit").status_code == 403
    response = client.patch(f"/api/v1/categories/{CODE}", headers=bearer(token_for(user)), json={"name_zh": "x"})
    assert response.status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(f"/categories/{CODE}/edit")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
