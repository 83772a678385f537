"""Every route of the board for every role, and for an enterprise that does not own the record:
allowed (2xx), 404 for what one may not see, 403 for what one sees but may not do, 401 anonymous.
A refused call changes nothing."""

import pytest
from sqlalchemy import func, select

from core.audit import AuditEntry
from core.extensions import db
from tests.marketplace.conftest import demand_body, listing_body, terms, walk_to_agreement, walk_to_approved

ROLES = (
    "anonymous",
    "owner",
    "other_consumer",
    "operator",
    "coordinator",
    "steward",
    "other_steward",
    "finance",
    "admin",
)
ALL_OK = {r: 200 for r in ROLES}


def _actor(cast, role):
    return {
        "owner": cast.consumer,
        "other_consumer": cast.other_consumer,
        "operator": cast.operator,
        "coordinator": cast.coordinator,
        "steward": cast.steward,
        "other_steward": cast.other_steward,
        "finance": cast.finance,
        "admin": cast.admin,
    }.get(role)


def expect(default, **by_role):
    out = {r: default for r in ROLES}
    out["anonymous"] = by_role.pop("anonymous", 401)
    out.update(by_role)
    return out


# The scenarios a route needs (built fresh for each route, so allowed calls mutate their own copy).
def s_submitted(cast):
    demand = cast.consumer.post("/api/v1/demands", demand_body()).json
    return {"demand": demand["id"]}


def s_clarification(cast):
    ids = s_submitted(cast)
    cast.operator.post(f"/api/v1/demands/{ids['demand']}/clarify", {"message": "请补充数据用途说明"})
    return ids


def s_open_list(cast):
    ids = s_submitted(cast)
    cast.operator.post(f"/api/v1/demands/{ids['demand']}/accept")
    number = cast.operator.get(f"/api/v1/demands/{ids['demand']}").json["demand_list"]
    dl = next(x for x in cast.operator.get("/api/v1/demand-lists").json["items"] if x["number"] == number)
    ids.update(list=dl["id"], item=next(i["id"] for i in dl["items"] if i["demand_id"] == ids["demand"]))
    return ids


def s_submitted_list(cast):
    ids = s_open_list(cast)
    cast.operator.post(f"/api/v1/demand-lists/{ids['list']}/submit")
    return ids


def s_pending_authorisation(cast):
    demand, item, list_id = walk_to_approved(cast)
    return {"demand": demand["id"], "item": item, "list": list_id, "auth": demand["authorisations"][0]["id"]}


def s_granted(cast):
    ids = s_pending_authorisation(cast)
    cast.steward.post(f"/api/v1/authorisations/{ids['auth']}/grant", terms())
    return ids


def s_draft_listing(cast):
    ids = s_granted(cast)
    ids["listing"] = cast.operator.post("/api/v1/listings", listing_body([ids["demand"]])).json["id"]
    return ids


def s_agreement(cast):
    demand, listing, agreement = walk_to_agreement(cast)
    return {
        "demand": demand["id"],
        "listing": listing["id"],
        "agreement": agreement["id"],
        "auth": demand["authorisations"][0]["id"],
    }


def s_active_agreement(cast):
    ids = s_agreement(cast)
    for actor in (cast.consumer, cast.operator, cast.steward):
        actor.post(f"/api/v1/agreements/{ids['agreement']}/sign")
    return ids


ROUTES = [
    # demands
    ("GET", "/api/v1/demands", s_submitted, None, ALL_OK),
    ("POST", "/api/v1/demands", s_submitted, demand_body(), expect(403, owner=201, other_consumer=201)),
    ("GET", "/api/v1/demands/{demand}", s_submitted, None, ALL_OK),
    (
        "GET",
        "/api/v1/demands/{demand}",
        s_clarification,
        None,
        expect(404, anonymous=404, owner=200, operator=200, coordinator=200, admin=200),
    ),
    (
        "GET",
        "/api/v1/demands/{demand}/timeline",
        s_clarification,
        None,
        expect(404, anonymous=404, owner=200, operator=200, coordinator=200, admin=200),
    ),
    ("PATCH", "/api/v1/demands/{demand}", s_submitted, demand_body(title="改过的标题"), expect(403, owner=200)),
    (
        "PATCH",
        "/api/v1/demands/{demand}",
        s_clarification,
        demand_body(title="补充说明后"),
        expect(404, owner=200, operator=403, coordinator=403, admin=403),
    ),
    ("POST", "/api/v1/demands/{demand}/withdraw", s_submitted, None, expect(403, owner=200)),
    ("POST", "/api/v1/demands/{demand}/endorse", s_submitted, None, expect(403, owner=409, other_consumer=200)),
    ("POST", "/api/v1/demands/{demand}/comments", s_submitted, {"body": "我们也需要"}, expect(201)),
    ("POST", "/api/v1/demands/{demand}/accept", s_submitted, None, expect(403, operator=200, admin=200)),
    (
        "POST",
        "/api/v1/demands/{demand}/reject",
        s_submitted,
        {"reason": "重复需求"},
        expect(403, operator=200, admin=200),
    ),
    (
        "POST",
        "/api/v1/demands/{demand}/clarify",
        s_submitted,
        {"message": "请说明"},
        expect(403, operator=200, admin=200),
    ),
    # demand lists
    ("GET", "/api/v1/demand-lists", s_open_list, None, expect(403, operator=200, coordinator=200, admin=200)),
    ("GET", "/api/v1/demand-lists/{list}", s_open_list, None, expect(404, operator=200, coordinator=200, admin=200)),
    (
        "POST",
        "/api/v1/demand-lists/{list}/submit",
        s_open_list,
        None,
        expect(404, operator=200, coordinator=403, admin=200),
    ),
    (
        "POST",
        "/api/v1/demand-list-items/{item}/decision",
        s_submitted_list,
        {"decision": "approve"},
        expect(404, operator=403, admin=403, coordinator=200),
    ),
    # authorisations
    ("GET", "/api/v1/authorisations", s_pending_authorisation, None, expect(200, finance=403)),
    (
        "GET",
        "/api/v1/authorisations/{auth}",
        s_pending_authorisation,
        None,
        expect(404, owner=200, operator=200, coordinator=200, admin=200, steward=200),
    ),
    (
        "POST",
        "/api/v1/authorisations/{auth}/grant",
        s_pending_authorisation,
        terms(),
        expect(404, owner=403, operator=403, coordinator=403, admin=403, steward=200),
    ),
    (
        "POST",
        "/api/v1/authorisations/{auth}/refuse",
        s_pending_authorisation,
        {"reason": "涉及个人信息"},
        expect(404, owner=403, operator=403, coordinator=403, admin=403, steward=200),
    ),
    (
        "POST",
        "/api/v1/authorisations/{auth}/terminate",
        s_granted,
        {"reason": "违规"},
        expect(404, owner=403, operator=403, coordinator=403, admin=403, steward=200),
    ),
    (
        "GET",
        "/api/v1/standing-authorisations",
        s_submitted,
        None,
        expect(403, operator=200, coordinator=200, admin=200, steward=200, other_steward=200),
    ),
    # listings
    ("GET", "/api/v1/listings", s_draft_listing, None, ALL_OK),
    ("POST", "/api/v1/listings", s_granted, listing_body(), expect(403, operator=201, admin=201)),
    (
        "GET",
        "/api/v1/listings/{listing}",
        s_draft_listing,
        None,
        expect(404, anonymous=404, operator=200, coordinator=200, admin=200),
    ),
    ("GET", "/api/v1/listings/{listing}", s_agreement, None, ALL_OK),
    (
        "PATCH",
        "/api/v1/listings/{listing}",
        s_draft_listing,
        {"title_zh": "新标题"},
        expect(404, operator=200, coordinator=403, admin=200),
    ),
    (
        "POST",
        "/api/v1/listings/{listing}/publish",
        s_draft_listing,
        None,
        expect(404, operator=200, coordinator=403, admin=200),
    ),
    ("POST", "/api/v1/listings/{listing}/suspend", s_agreement, None, expect(403, operator=200, admin=200)),
    # agreements
    ("GET", "/api/v1/agreements", s_agreement, None, expect(200, other_steward=200)),
    (
        "POST",
        "/api/v1/agreements",
        s_draft_listing,
        # ids that fit the declared bounds (1…2³¹−1) but name nothing
        {"listing_id": 2**31 - 1, "demand_id": 2**31 - 1, "delivery_mode": "in_platform"},
        expect(403, operator=404, admin=404),
    ),
    (
        "GET",
        "/api/v1/agreements/{agreement}",
        s_agreement,
        None,
        expect(404, owner=200, operator=200, coordinator=200, admin=200, finance=200, steward=200),
    ),
    (
        "POST",
        "/api/v1/agreements/{agreement}/sign",
        s_agreement,
        None,
        expect(404, owner=200, operator=200, steward=200, coordinator=403, admin=403, finance=403),
    ),
    (
        "GET",
        "/api/v1/agreements/{agreement}/access",
        s_active_agreement,
        None,
        expect(404, owner=200, operator=403, steward=403, coordinator=403, admin=403, finance=403),
    ),
    (
        "POST",
        "/api/v1/agreements/{agreement}/feedback",
        s_active_agreement,
        {"body": "用于风控"},
        expect(404, owner=201, operator=403, steward=403, coordinator=403, admin=403, finance=403),
    ),
    # inbox, audit
    ("GET", "/api/v1/inbox", s_submitted, None, expect(200)),
    ("GET", "/api/v1/audit", s_submitted, None, expect(403, coordinator=200, admin=200)),
]


def _audit_count():
    return db.session.scalar(select(func.count()).select_from(AuditEntry))


def _ok(status):
    return 200 <= status < 300


@pytest.mark.parametrize(
    "method, template, scenario, body, expected",
    ROUTES,
    ids=[f"{m} {t} [{s.__name__[2:]}]" for m, t, s, _b, _e in ROUTES],
)
def test_route_for_every_role(client, cast, method, template, scenario, body, expected):
    shared = scenario(cast)
    outcomes = {}
    for role in ROLES:
        # a call expected to succeed gets a scenario of its own (it may change state); refusals
        # share one, and each must leave it untouched
        ids = scenario(cast) if _ok(expected[role]) and method != "GET" else shared
        path = template.format(**ids)
        before = _audit_count()
        actor = _actor(cast, role)
        if actor is None:
            response = client.open(path, method=method, json=body)
        else:
            response = client.open(path, method=method, json=body, headers=actor.headers)
        outcomes[role] = response.status_code
        if not _ok(response.status_code):
            assert response.json["error"]["code"] in (
                "not_found",
                "forbidden",
                "unauthorized",
                "conflict",
                "validation_error",
            )
            if method != "GET":
                assert _audit_count() == before, f"{role} changed something with a refused {method} {path}"
    assert outcomes == expected
