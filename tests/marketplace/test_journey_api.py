"""The whole journey through the API: demand → list → review → authorisation → listing →
agreement signed by all three → termination ends it. Every step in the timeline, the inboxes and
the audit log."""

from tests.marketplace.conftest import demand_body, listing_body, terms

CATEGORY = "SCJGJ-010"  # used by no other test, so only this journey authorises it


def _inbox_kinds(actor):
    return {t["kind"] for t in actor.get("/api/v1/inbox").json["items"]}


def test_demand_to_termination(cast):
    # 1 demand collection
    posted = cast.consumer.post("/api/v1/demands", demand_body(categories=[CATEGORY]))
    assert posted.status_code == 201
    demand_id = posted.json["id"]
    assert "demand.triage" in _inbox_kinds(cast.operator)
    board = cast.other_consumer.get("/api/v1/demands").json
    assert demand_id in [d["id"] for d in board["items"]]
    public = cast.other_consumer.get(f"/api/v1/demands/{demand_id}").json
    assert "contact_phone" not in public and public["enterprise"]  # opted in to show its name

    # 2 data application
    assert cast.operator.post(f"/api/v1/demands/{demand_id}/accept").json["status"] == "accepted"
    assert "demand_list.submit" in _inbox_kinds(cast.operator)
    number = cast.operator.get(f"/api/v1/demands/{demand_id}").json["demand_list"]
    dl = next(x for x in cast.operator.get("/api/v1/demand-lists").json["items"] if x["number"] == number)
    assert cast.operator.post(f"/api/v1/demand-lists/{dl['id']}/submit").json["status"] == "submitted"
    assert "demand_list_item.decide" in _inbox_kinds(cast.coordinator)
    item_id = next(i["id"] for i in dl["items"] if i["demand_id"] == demand_id)
    decided = cast.coordinator.post(
        f"/api/v1/demand-list-items/{item_id}/decision", {"decision": "approve", "reason": "符合需求导向"}
    )
    assert decided.status_code == 200

    # 3 authorisation
    demand = cast.consumer.get(f"/api/v1/demands/{demand_id}").json
    assert demand["status"] == "approved" and len(demand["authorisations"]) == 1
    auth_id = demand["authorisations"][0]["id"]
    assert "authorisation.decide" in _inbox_kinds(cast.steward)
    assert "authorisation.decide" not in _inbox_kinds(cast.other_steward)
    granted = cast.steward.post(f"/api/v1/authorisations/{auth_id}/grant", terms())
    assert granted.status_code == 200 and granted.json["status"] == "granted"

    # listing linked to the demand
    listing = cast.operator.post("/api/v1/listings", listing_body([demand_id], categories=[CATEGORY])).json
    assert listing["status"] == "draft"
    published = cast.operator.post(f"/api/v1/listings/{listing['id']}/publish")
    assert published.status_code == 200 and published.json["status"] == "published"
    assert cast.consumer.get(f"/api/v1/demands/{demand_id}").json["listings"][0]["id"] == listing["id"]
    assert demand_id in [d["id"] for d in cast.other_consumer.get(f"/api/v1/listings/{listing['id']}").json["demands"]]

    # 4 delivery: agreement drafted and signed by all three
    agreement = cast.operator.post(
        "/api/v1/agreements",
        {"listing_id": listing["id"], "demand_id": demand_id, "delivery_mode": "usable_invisible", "price": "0.90"},
    )
    assert agreement.status_code == 201
    agreement = agreement.json
    assert agreement["status"] == "awaiting_signatures" and agreement["price"] == "0.90"
    assert [p["party"] for p in agreement["parties"]] == ["department", "operator", "consumer"]
    for actor in (cast.consumer, cast.operator, cast.steward):
        assert "agreement.sign" in _inbox_kinds(actor)
    for actor in (cast.consumer, cast.steward, cast.operator):
        signed = actor.post(f"/api/v1/agreements/{agreement['id']}/sign")
        assert signed.status_code == 200, signed.json
    agreement = cast.consumer.get(f"/api/v1/agreements/{agreement['id']}").json
    assert agreement["status"] == "active"
    assert all(p["signed_by"] and p["signed_at"] and p["signed_from"] for p in agreement["parties"])

    # 5 use
    access = cast.consumer.get(f"/api/v1/agreements/{agreement['id']}/access")
    assert access.status_code == 200 and access.json["delivery_mode"] == "usable_invisible"
    assert (
        cast.consumer.post(
            f"/api/v1/agreements/{agreement['id']}/feedback", {"body": "用于300笔小微贷款审批"}
        ).status_code
        == 201
    )

    # 6 termination
    ended = cast.steward.post(f"/api/v1/authorisations/{auth_id}/terminate", {"reason": "发现超范围使用"})
    assert ended.status_code == 200 and ended.json["status"] == "terminated"
    agreement = cast.consumer.get(f"/api/v1/agreements/{agreement['id']}").json
    assert agreement["status"] == "terminated" and agreement["end_reason"] == "发现超范围使用"
    assert cast.consumer.get(f"/api/v1/agreements/{agreement['id']}/access").status_code == 409
    # the listing on the ended authorisation is no longer offered
    assert cast.operator.get(f"/api/v1/listings/{listing['id']}").json["status"] == "suspended"
    assert cast.other_consumer.get(f"/api/v1/listings/{listing['id']}").status_code == 404

    # the timeline shows every step
    steps = cast.consumer.get(f"/api/v1/demands/{demand_id}/timeline").json["steps"]
    actions = {s["step"]: [e["action"] for e in s["events"]] for s in steps}
    assert "demand.submitted" in actions["collection"]
    assert {"demand.accepted", "demand_list_item.approved"} <= set(actions["application"])
    assert {"authorisation.requested", "authorisation.granted"} <= set(actions["authorisation"])
    assert {"listing.published", "agreement.drafted", "agreement.signed", "agreement.active"} <= set(
        actions["delivery"]
    )
    assert {"agreement.feedback"} <= set(actions["use"])  # access itself is a read: no audit row
    assert {"authorisation.terminated", "agreement.terminated"} <= set(actions["termination"])
    assert steps[-1]["state"] == "current"

    # and the audit log, for the coordinator
    log = cast.coordinator.get(
        "/api/v1/audit", query_string={"object_type": "agreement", "object_id": agreement["number"]}
    ).json
    assert {"agreement.drafted", "agreement.signed", "agreement.active", "agreement.terminated"} <= {
        e["action"] for e in log["items"]
    }
