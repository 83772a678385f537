"""The board's JSON API: demands, demand lists, authorisations, listings, agreements, inbox.
Each handler: who is asking, call one service, shape the result."""

from flask import Blueprint, jsonify, request

from accounts.auth import api_user, require_api_user
from core import openapi
from core.api import json_object
from core.paging import list_body, page_of, paging
from marketplace import shapes
from marketplace.services import agreements, authorisations, demands, inbox, listings, lists
from marketplace.states import MACHINES

bp = Blueprint("marketplace_api", __name__, url_prefix="/api/v1")
TAG = "board"


body = json_object


op = openapi.declarer("/api/v1", TAG)


# ---- demands --------------------------------------------------------------------------------
_demand_body = {
    "type": "object",
    "required": ["title", "scenario", "purpose", "categories"],
    "properties": {
        "title": {"type": "string"},
        "scenario": {"type": "string"},
        "purpose": {"type": "string"},
        "categories": {"type": "array", "items": {"type": "string"}},
        "budget_min": {"type": "string"},
        "budget_max": {"type": "string"},
        "public_interest": {"type": "boolean"},
        "contact_name": {"type": "string"},
        "contact_phone": {"type": "string"},
        "contact_email": {"type": "string"},
        "show_enterprise": {"type": "boolean"},
    },
}
op("get", "/demands", "The demand board (filters: department, theme, status, q, mine)", auth=False, errors=(400,))
op("post", "/demands", "Post a demand (consumer)", status=201, errors=(400,), body_schema=_demand_body)


@bp.get("/demands")
def demand_board():
    viewer = api_user()
    page_no, per_page = paging(request.args)
    items, total = demands.board(viewer, request.args, page_no, per_page)
    return jsonify(list_body([shapes.demand(d, viewer) for d in items], total, page_no, per_page))


@bp.post("/demands")
def post_demand():
    actor = require_api_user()
    return jsonify(shapes.demand(demands.post_demand(actor, body()), actor)), 201


op("get", "/demands/{id}", "One demand (details for its enterprise, operators, coordinator)", auth=False, errors=(404,))
op("patch", "/demands/{id}", "Edit a demand until it is triaged (its enterprise)", body_schema=_demand_body)


@bp.get("/demands/<demand_id>")
def get_demand(demand_id):
    viewer = api_user()
    return jsonify(shapes.demand(demands.visible_demand(viewer, demand_id), viewer))


@bp.patch("/demands/<demand_id>")
def edit_demand(demand_id):
    actor = require_api_user()
    return jsonify(shapes.demand(demands.edit_demand(actor, demand_id, body()), actor))


for _action, _summary in (
    ("withdraw", "Withdraw (its enterprise)"),
    ("endorse", "We need this too (another enterprise)"),
    ("accept", "Accept into the open demand list (operator)"),
    ("reject", "Reject with a reason (operator)"),
    ("clarify", "Ask the enterprise for clarification (operator)"),
):
    op("post", f"/demands/{{id}}/{_action}", _summary)


@bp.post("/demands/<demand_id>/withdraw")
def withdraw_demand(demand_id):
    actor = require_api_user()
    return jsonify(shapes.demand(demands.withdraw_demand(actor, demand_id), actor))


@bp.post("/demands/<demand_id>/endorse")
def endorse_demand(demand_id):
    actor = require_api_user()
    return jsonify(shapes.demand(demands.endorse(actor, demand_id), actor))


@bp.post("/demands/<demand_id>/accept")
def accept_demand(demand_id):
    actor = require_api_user()
    return jsonify(shapes.demand(demands.accept_demand(actor, demand_id), actor))


@bp.post("/demands/<demand_id>/reject")
def reject_demand(demand_id):
    actor = require_api_user()
    return jsonify(shapes.demand(demands.reject_demand(actor, demand_id, body().get("reason")), actor))


@bp.post("/demands/<demand_id>/clarify")
def clarify_demand(demand_id):
    actor = require_api_user()
    return jsonify(shapes.demand(demands.ask_clarification(actor, demand_id, body().get("message")), actor))


op("post", "/demands/{id}/comments", "Comment on a demand (signed-in users who can see it)", status=201)


@bp.post("/demands/<demand_id>/comments")
def comment_demand(demand_id):
    actor = require_api_user()
    entry = demands.comment(actor, demand_id, body().get("body"))
    return jsonify({"id": entry.id, "body": entry.body}), 201


op("get", "/demands/{id}/timeline", "The demand's six steps with their audit events", auth=False, errors=(404,))


@bp.get("/demands/<demand_id>/timeline")
def demand_timeline(demand_id):
    from marketplace.services.timeline import timeline

    viewer = api_user()
    demand = demands.visible_demand(viewer, demand_id)
    full = demands.may_see_details(viewer, demand)
    return jsonify(
        {
            "steps": [
                {
                    "step": s.code,
                    "label": s.label,
                    "state": s.state,
                    "events": [
                        {
                            "action": e.action,
                            "at": e.at.isoformat() + "Z",
                            "role": e.actor_role,
                            "by": e.actor_email if full else None,
                        }
                        for e in s.events
                    ],
                }
                for s in timeline(demand)
            ]
        }
    )


# ---- demand lists ---------------------------------------------------------------------------
op("get", "/demand-lists", "Demand lists (operator, coordinator, admin)", errors=())
op("get", "/demand-lists/{id}", "One demand list", errors=(404,))
op("post", "/demand-lists/{id}/submit", "Submit the list to the coordinator (operator)")
op(
    "post",
    "/demand-list-items/{id}/decision",
    "Approve or reject an item, confirm public-interest use (coordinator)",
    body_schema={
        "type": "object",
        "required": ["decision"],
        "properties": {
            "decision": {"type": "string", "enum": ["approve", "reject"]},
            "reason": {"type": "string"},
            "public_interest": {"type": "boolean"},
        },
    },
)


@bp.get("/demand-lists")
def demand_lists():
    actor = require_api_user()
    page_no, per_page = paging(request.args)
    rows = lists.all_lists(actor)
    return jsonify(page_of(rows, page_no, per_page, shapes.demand_list))


@bp.get("/demand-lists/<list_id>")
def demand_list(list_id):
    return jsonify(shapes.demand_list(lists.visible_list(require_api_user(), list_id)))


@bp.post("/demand-lists/<list_id>/submit")
def submit_demand_list(list_id):
    return jsonify(shapes.demand_list(lists.submit_list(require_api_user(), list_id)))


@bp.post("/demand-list-items/<item_id>/decision")
def decide_item(item_id):
    item = lists.decide_item(require_api_user(), item_id, body())
    return jsonify(shapes.demand_list(item.demand_list))


# ---- authorisations -------------------------------------------------------------------------
_terms = {
    "type": "object",
    "required": ["purpose", "delivery_modes", "expires_on", "security_measures"],
    "properties": {
        "purpose": {"type": "string"},
        "delivery_modes": {
            "type": "array",
            "items": {"type": "string", "enum": ["usable_invisible", "in_platform", "controlled_export"]},
        },
        "expires_on": {"type": "string", "format": "date"},
        "security_measures": {"type": "string"},
    },
}
op("get", "/authorisations", "Authorisation requests (a steward sees its department's)", errors=())
op("get", "/authorisations/{id}", "One authorisation request", errors=(404,))
op("post", "/authorisations/{id}/grant", "Grant with terms (the department's steward)", body_schema=_terms)
op("post", "/authorisations/{id}/refuse", "Refuse with a reason (the department's steward)")
op("post", "/authorisations/{id}/terminate", "终止授权: end it now; dependent agreements end (steward)")


@bp.get("/authorisations")
def authorisation_queue():
    actor = require_api_user()
    page_no, per_page = paging(request.args)
    rows = authorisations.queue(actor, request.args.get("status"))
    return jsonify(page_of(rows, page_no, per_page, shapes.authorisation))


@bp.get("/authorisations/<authorisation_id>")
def authorisation(authorisation_id):
    return jsonify(shapes.authorisation(authorisations.visible_authorisation(require_api_user(), authorisation_id)))


@bp.post("/authorisations/<authorisation_id>/grant")
def grant(authorisation_id):
    return jsonify(shapes.authorisation(authorisations.grant(require_api_user(), authorisation_id, body())))


@bp.post("/authorisations/<authorisation_id>/refuse")
def refuse(authorisation_id):
    return jsonify(shapes.authorisation(authorisations.refuse(require_api_user(), authorisation_id, body())))


@bp.post("/authorisations/<authorisation_id>/terminate")
def terminate(authorisation_id):
    return jsonify(shapes.authorisation(authorisations.terminate(require_api_user(), authorisation_id, body())))


op("get", "/standing-authorisations", "Standing authorisations of unconditionally open categories", errors=())
op(
    "post",
    "/standing-authorisations",
    "Authorise an unconditionally open category to the platform once (steward)",
    status=201,
)


@bp.get("/standing-authorisations")
def standing_list():
    rows = authorisations.standing_for(require_api_user())
    return jsonify(list_body([shapes.standing(s) for s in rows], len(rows)))


@bp.post("/standing-authorisations")
def standing_create():
    return jsonify(shapes.standing(authorisations.set_standing(require_api_user(), body()))), 201


# ---- listings -------------------------------------------------------------------------------
_listing_body = {
    "type": "object",
    "required": ["title_zh", "delivery_modes", "guide_price", "price_cap", "categories"],
    "properties": {
        "title_zh": {"type": "string"},
        "title_en": {"type": "string"},
        "description_zh": {"type": "string"},
        "description_en": {"type": "string"},
        "delivery_modes": {"type": "array", "items": {"type": "string"}},
        "pricing_basis": {"type": "string", "enum": ["per_product", "per_call", "per_month", "per_volume"]},
        "guide_price": {"type": "string"},
        "price_cap": {"type": "string"},
        "volume_tiers": {"type": "array", "items": {"type": "object"}},
        "categories": {"type": "array", "items": {"type": "string"}},
        "demands": {"type": "array", "items": {"type": "integer"}},
    },
}
op("get", "/listings", "Listings (published ones for everyone)", auth=False, errors=(400,))
op("post", "/listings", "Create a draft listing (operator)", status=201, errors=(400,), body_schema=_listing_body)
op("get", "/listings/{id}", "One listing", auth=False, errors=(404,))
op("patch", "/listings/{id}", "Edit a draft or suspended listing (operator)", body_schema=_listing_body)
for _action in ("publish", "suspend", "retire"):
    op("post", f"/listings/{{id}}/{_action}", f"{_action.capitalize()} the listing (operator)")


@bp.get("/listings")
def listing_index():
    viewer = api_user()
    page_no, per_page = paging(request.args)
    items, total = listings.listings_for(viewer, request.args, page_no, per_page)
    return jsonify(list_body([shapes.listing(x, viewer) for x in items], total, page_no, per_page))


@bp.post("/listings")
def listing_create():
    return jsonify(shapes.listing(listings.create_listing(require_api_user(), body()))), 201


@bp.get("/listings/<listing_id>")
def listing_get(listing_id):
    viewer = api_user()
    return jsonify(shapes.listing(listings.visible_listing(viewer, listing_id), viewer))


@bp.patch("/listings/<listing_id>")
def listing_edit(listing_id):
    return jsonify(shapes.listing(listings.update_listing(require_api_user(), listing_id, body())))


@bp.post("/listings/<listing_id>/publish")
def listing_publish(listing_id):
    return jsonify(shapes.listing(listings.publish(require_api_user(), listing_id)))


@bp.post("/listings/<listing_id>/suspend")
def listing_suspend(listing_id):
    return jsonify(shapes.listing(listings.change_status(require_api_user(), listing_id, "suspend")))


@bp.post("/listings/<listing_id>/retire")
def listing_retire(listing_id):
    return jsonify(shapes.listing(listings.change_status(require_api_user(), listing_id, "retire")))


# ---- agreements -----------------------------------------------------------------------------
op("get", "/agreements", "Agreements the caller is party to (oversight roles: all)", errors=())
op(
    "post",
    "/agreements",
    "Draft a three-party agreement for an approved demand (operator)",
    status=201,
    body_schema={
        "type": "object",
        "required": ["listing_id", "demand_id", "delivery_mode"],
        "properties": {
            "listing_id": {"type": "integer"},
            "demand_id": {"type": "integer"},
            "delivery_mode": {"type": "string"},
            "price": {"type": "string"},
            "term_end": {"type": "string", "format": "date"},
        },
    },
)
op("get", "/agreements/{id}", "One agreement with its parties and signatures", errors=(404,))
op("post", "/agreements/{id}/sign", "Sign for one's own organisation (department steward, operator, enterprise)")
op("get", "/agreements/{id}/access", "Use the delivered data: checked against the terms now (enterprise)")
op("post", "/agreements/{id}/feedback", "Report how the data was used (enterprise)", status=201)


@bp.get("/agreements")
def agreement_index():
    actor = require_api_user()
    page_no, per_page = paging(request.args)
    rows = agreements.agreements_for(actor, request.args.get("status"))
    return jsonify(page_of(rows, page_no, per_page, shapes.agreement))


@bp.post("/agreements")
def agreement_create():
    return jsonify(shapes.agreement(agreements.create_agreement(require_api_user(), body()))), 201


@bp.get("/agreements/<agreement_id>")
def agreement_get(agreement_id):
    return jsonify(shapes.agreement(agreements.visible_agreement(require_api_user(), agreement_id)))


@bp.post("/agreements/<agreement_id>/sign")
def agreement_sign(agreement_id):
    return jsonify(shapes.agreement(agreements.sign(require_api_user(), agreement_id)))


@bp.get("/agreements/<agreement_id>/access")
def agreement_access(agreement_id):
    return jsonify(agreements.use(require_api_user(), agreement_id))


@bp.post("/agreements/<agreement_id>/feedback")
def agreement_feedback(agreement_id):
    entry = agreements.add_feedback(require_api_user(), agreement_id, body())
    return jsonify({"id": entry.id, "body": entry.body}), 201


# ---- inbox and workflow tables --------------------------------------------------------------
op("get", "/inbox", "The steps waiting for the caller", errors=())
op("get", "/workflows", "The state machines of the board (states, transitions, roles)", auth=False, errors=())


@bp.get("/inbox")
def my_inbox():
    tasks = inbox.inbox(require_api_user())
    return jsonify(list_body([t.to_dict() for t in tasks], len(tasks)))


@bp.get("/workflows")
def workflows():
    return jsonify({name: machine.describe() for name, machine in MACHINES.items()})
