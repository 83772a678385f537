"""The board's JSON API: demands, demand lists, authorisations, listings, agreements, inbox.
Each handler: who is asking, call one service, shape the result."""

from flask import Blueprint, jsonify, request

from accounts.auth import api_user, require_api_user
from core import openapi
from core.api import json_object
from core.openapi import DATE, DATETIME, ID, MONEY, MONEY_OUT, nullable, obj, query
from core.paging import list_body, page_of, paging
from marketplace import shapes
from marketplace.models import DELIVERY_MODES, PRICING_BASES
from marketplace.services import agreements, authorisations, demands, inbox, listings, lists
from marketplace.services.timeline import timeline
from marketplace.states import AGREEMENT, AUTHORISATION, DEMAND, DEMAND_LIST, LIST_ITEM, LISTING, MACHINES

bp = Blueprint("marketplace_api", __name__, url_prefix="/api/v1")
TAG = "board"


def body() -> dict:
    """The JSON body; its schema problems are raised by the service's Fields, after its access checks."""
    return json_object(strict=False)


op = openapi.declarer("/api/v1", TAG)

# ---- the shapes answered (marketplace/shapes.py), declared once --------------------------------
S, NS, INT, BOOL = {"type": "string"}, nullable({"type": "string"}), {"type": "integer"}, {"type": "boolean"}
NDATETIME, NDATE = nullable(DATETIME), nullable(DATE)
MODE = {"type": "string", "enum": list(DELIVERY_MODES)}
MODES = {"type": "array", "items": MODE, "minItems": 1, "uniqueItems": True}
CODES = {"type": "array", "items": {"type": "string", "minLength": 1, "maxLength": 32}, "minItems": 1, "maxItems": 50}
ACTIONS = {"type": "array", "items": S}


def _state(machine) -> dict:
    return {"type": "string", "enum": list(machine.states)}


def _text(max_length: int, required: bool = True) -> dict:
    return {"type": "string", "maxLength": max_length} | ({"minLength": 1} if required else {})


def _reason(name: str = "reason", max_length: int = 2000) -> dict:
    return obj(**{name: _text(max_length)})


_category_ref = obj(code=S, name_zh=S, name_en=S, department=S)
_demand = openapi.schema(
    "Demand",
    obj(
        required=[
            "id",
            "title",
            "scenario",
            "purpose",
            "categories",
            "budget_min",
            "budget_max",
            "public_interest",
            "status",
            "status_label",
            "enterprise",
            "endorsements",
            "comments",
            "listings",
            "created_at",
            "updated_at",
        ],
        id=INT,
        title=S,
        scenario=S,
        purpose=S,
        categories={"type": "array", "items": _category_ref},
        budget_min=nullable(MONEY_OUT),
        budget_max=nullable(MONEY_OUT),
        public_interest=BOOL,
        status=_state(DEMAND),
        status_label=S,
        enterprise=NS,
        endorsements=INT,
        comments={"type": "array", "items": obj(id=INT, author=S, body=S, at=NDATETIME)},
        listings={"type": "array", "items": obj(id=INT, title_zh=S, status=_state(LISTING))},
        created_at=NDATETIME,
        updated_at=NDATETIME,
        contact_name=NS,
        contact_phone=NS,
        contact_email=NS,
        show_enterprise=BOOL,
        status_reason=NS,
        demand_list=NS,
        review=nullable(
            obj(item_id=INT, status=_state(LIST_ITEM), reason=NS, public_interest_confirmed=nullable(BOOL))
        ),
        authorisations={"type": "array", "items": obj(id=INT, department=S, status=_state(AUTHORISATION))},
        actions=ACTIONS,
    ),
)
_demand_list = openapi.schema(
    "DemandList",
    obj(
        id=INT,
        number=S,
        status=_state(DEMAND_LIST),
        status_label=S,
        created_at=NDATETIME,
        submitted_at=NDATETIME,
        items={
            "type": "array",
            "items": obj(
                id=INT,
                demand_id=INT,
                title=S,
                status=_state(LIST_ITEM),
                status_label=S,
                reason=NS,
                public_interest_claimed=BOOL,
                public_interest_confirmed=nullable(BOOL),
                decided_at=NDATETIME,
            ),
        },
    ),
)
_authorisation = openapi.schema(
    "Authorisation",
    obj(
        id=INT,
        status=_state(AUTHORISATION),
        status_label=S,
        department=obj(code=S, name_zh=S, name_en=S),
        demand=obj(id=INT, title=S, scenario=S, purpose=S, enterprise=S, public_interest_confirmed=nullable(BOOL)),
        categories={"type": "array", "items": obj(code=S, name_zh=S, name_en=S, grade=S, openness=S)},
        purpose=NS,
        delivery_modes={"type": "array", "items": MODE},
        expires_on=NDATE,
        security_measures=NS,
        reason=NS,
        standing=BOOL,
        created_at=NDATETIME,
        decided_at=NDATETIME,
        ended_at=NDATETIME,
    ),
)
_standing = openapi.schema(
    "StandingAuthorisation",
    obj(
        id=INT,
        category=S,
        purpose=S,
        delivery_modes={"type": "array", "items": MODE},
        expires_on=DATE,
        security_measures=S,
        created_at=NDATETIME,
    ),
)
_tier = obj(min_quantity={"type": "integer", "minimum": 1, "maximum": 10**9}, unit_price=MONEY)
_listing = openapi.schema(
    "Listing",
    obj(
        id=INT,
        title_zh=S,
        title_en=NS,
        description_zh=NS,
        description_en=NS,
        delivery_modes={"type": "array", "items": MODE},
        pricing_basis={"type": "string", "enum": list(PRICING_BASES)},
        guide_price=nullable(MONEY_OUT),
        price_cap=nullable(MONEY_OUT),
        currency={"type": "string", "enum": ["CNY"]},
        volume_tiers={"type": "array", "items": obj(min_quantity=INT, unit_price=S)},
        status=_state(LISTING),
        status_label=S,
        categories={"type": "array", "items": obj(code=S, name_zh=S, name_en=S, department=S, grade=S)},
        demands={"type": "array", "items": obj(id=INT, title=S)},
        published_at=NDATETIME,
        updated_at=NDATETIME,
    ),
)
_party = obj(
    required=["party", "name_zh", "name_en", "organisation_id", "signed_by", "signed_at", "signed_from"],
    party={"type": "string", "enum": ["department", "operator", "consumer"]},
    code=S,
    credit_code=S,
    organisation_id=nullable(INT),
    name_zh=S,
    name_en=NS,
    signed_by=NS,
    signed_at=NDATETIME,
    signed_from=NS,
)
_agreement = openapi.schema(
    "Agreement",
    obj(
        id=INT,
        number=S,
        status=_state(AGREEMENT),
        status_label=S,
        listing_id=nullable(INT),
        demand_id=nullable(INT),
        purpose=NS,
        delivery_mode=MODE,
        term_start=DATE,
        term_end=DATE,
        price=nullable(MONEY_OUT),
        currency={"type": "string", "enum": ["CNY"]},
        pricing_basis=NS,
        public_interest=BOOL,
        source_attribution_duty=nullable(BOOL),
        usage_feedback_duty=nullable(BOOL),
        feedback_every_days=INT,
        feedback_blocks_exports=BOOL,
        export_operator_approval=BOOL,
        feedback_status={"type": "string", "enum": list(agreements.FEEDBACK_STATUSES)},
        feedback_due=NDATE,
        feedback_overdue=BOOL,
        security_measures=NS,
        end_reason=NS,
        authorisations={"type": "array", "items": INT},
        parties={"type": "array", "items": _party},
        snapshot={"type": ["object", "null"]},
        feedback={"type": "array", "items": obj(id=INT, body=S, at=NDATETIME)},
        created_at=NDATETIME,
        ended_at=NDATETIME,
    ),
)
_filters = [
    query("department", {"type": "string", "maxLength": 200}),
    query("theme", {"type": "string", "maxLength": 200}),
    query("status", {"type": "string", "maxLength": 200}, "comma-separated states"),
    query("q", {"type": "string", "maxLength": 256}),
    query("mine", {"type": "string", "maxLength": 10}, "any value: only the caller's own"),
]


# ---- demands --------------------------------------------------------------------------------
_demand_body = obj(
    required=["title", "scenario", "purpose", "categories"],
    title=_text(200),
    scenario=_text(4000),
    purpose=_text(4000),
    categories=CODES,
    budget_min=nullable(MONEY),
    budget_max=nullable(MONEY),
    public_interest=BOOL,
    contact_name=nullable(_text(100, False)),
    contact_phone=nullable(_text(40, False)),
    contact_email=nullable(_text(254, False)),
    show_enterprise=BOOL,
)
op(
    "get",
    "/demands",
    "The demand board (filters: department, theme, status, q, mine)",
    auth=False,
    errors=(400,),
    params=[*_filters, *openapi.PAGING],
    response=openapi.page_of(_demand),
)
op(
    "post",
    "/demands",
    "Post a demand (consumer)",
    status=201,
    errors=(400,),
    body_schema=_demand_body,
    response=_demand,
)


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


op(
    "get",
    "/demands/{id}",
    "One demand (details for its enterprise, operators, coordinator)",
    auth=False,
    errors=(404,),
    response=_demand,
)
op(
    "patch",
    "/demands/{id}",
    "Edit a demand until it is triaged (its enterprise)",
    body_schema=_demand_body,
    response=_demand,
)


@bp.get("/demands/<demand_id>")
def get_demand(demand_id):
    viewer = api_user()
    return jsonify(shapes.demand(demands.visible_demand(viewer, demand_id), viewer))


@bp.patch("/demands/<demand_id>")
def edit_demand(demand_id):
    actor = require_api_user()
    return jsonify(shapes.demand(demands.edit_demand(actor, demand_id, body()), actor))


for _action, _summary, _body in (
    ("withdraw", "Withdraw (its enterprise)", None),
    ("endorse", "We need this too (another enterprise)", None),
    ("accept", "Accept into the open demand list (operator)", None),
    ("reject", "Reject with a reason (operator)", _reason()),
    ("clarify", "Ask the enterprise for clarification (operator)", _reason("message")),
):
    op("post", f"/demands/{{id}}/{_action}", _summary, body_schema=_body, response=_demand)


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
    return jsonify(shapes.demand(demands.reject_demand(actor, demand_id, json_object().get("reason")), actor))


@bp.post("/demands/<demand_id>/clarify")
def clarify_demand(demand_id):
    actor = require_api_user()
    return jsonify(shapes.demand(demands.ask_clarification(actor, demand_id, json_object().get("message")), actor))


op(
    "post",
    "/demands/{id}/comments",
    "Comment on a demand (signed-in users who can see it)",
    status=201,
    body_schema=_reason("body"),
    response=obj(id=INT, body=S),
)


@bp.post("/demands/<demand_id>/comments")
def comment_demand(demand_id):
    actor = require_api_user()
    entry = demands.comment(actor, demand_id, json_object().get("body"))
    return jsonify({"id": entry.id, "body": entry.body}), 201


op(
    "get",
    "/demands/{id}/timeline",
    "The demand's six steps with their audit events",
    auth=False,
    errors=(404,),
    response=obj(
        steps={
            "type": "array",
            "items": obj(
                step=S,
                label=S,
                state=S,
                events={"type": "array", "items": obj(action=S, at=DATETIME, role=NS, by=NS)},
            ),
        }
    ),
)


@bp.get("/demands/<demand_id>/timeline")
def demand_timeline(demand_id):
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
op(
    "get",
    "/demand-lists",
    "Demand lists (operator, coordinator, admin)",
    errors=(),
    params=openapi.PAGING,
    response=openapi.page_of(_demand_list),
)
op("get", "/demand-lists/{id}", "One demand list", errors=(404,), response=_demand_list)
op("post", "/demand-lists/{id}/submit", "Submit the list to the coordinator (operator)", response=_demand_list)
op(
    "post",
    "/demand-list-items/{id}/decision",
    "Approve or reject an item, confirm public-interest use (coordinator)",
    body_schema=obj(
        required=["decision"],
        decision={"type": "string", "enum": ["approve", "reject"]},
        reason=nullable(_text(2000, False)),
        public_interest=BOOL,
    ),
    response=_demand_list,
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
_terms = obj(
    purpose=_text(2000),
    delivery_modes=MODES,
    expires_on=DATE,
    security_measures=_text(4000),
)
op(
    "get",
    "/authorisations",
    "Authorisation requests (a steward sees its department's)",
    errors=(),
    params=[query("status", _state(AUTHORISATION)), *openapi.PAGING],
    response=openapi.page_of(_authorisation),
)
op("get", "/authorisations/{id}", "One authorisation request", errors=(404,), response=_authorisation)
op(
    "post",
    "/authorisations/{id}/grant",
    "Grant with terms (the department's steward)",
    body_schema=_terms,
    response=_authorisation,
)
op(
    "post",
    "/authorisations/{id}/refuse",
    "Refuse with a reason (the department's steward)",
    body_schema=_reason(),
    response=_authorisation,
)
op(
    "post",
    "/authorisations/{id}/terminate",
    "终止授权: end it now; dependent agreements end (steward)",
    body_schema=_reason(),
    response=_authorisation,
)


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


op(
    "get",
    "/standing-authorisations",
    "Standing authorisations of unconditionally open categories",
    errors=(),
    response=openapi.page_of(_standing),
)
op(
    "post",
    "/standing-authorisations",
    "Authorise an unconditionally open category to the platform once (steward)",
    status=201,
    body_schema=obj(required=["category", *_terms["required"]], category=_text(32), **_terms["properties"]),
    response=_standing,
)


@bp.get("/standing-authorisations")
def standing_list():
    rows = authorisations.standing_for(require_api_user())
    return jsonify(list_body([shapes.standing(s) for s in rows], len(rows)))


@bp.post("/standing-authorisations")
def standing_create():
    return jsonify(shapes.standing(authorisations.set_standing(require_api_user(), body()))), 201


# ---- listings -------------------------------------------------------------------------------
_listing_body = obj(
    required=["title_zh", "delivery_modes", "guide_price", "price_cap", "categories"],
    title_zh=_text(200),
    title_en=nullable(_text(300, False)),
    description_zh=nullable(_text(4000, False)),
    description_en=nullable(_text(4000, False)),
    delivery_modes=MODES,
    pricing_basis={"type": "string", "enum": list(PRICING_BASES)},
    guide_price=MONEY,
    price_cap=MONEY,
    volume_tiers=nullable({"type": "array", "items": _tier, "maxItems": 20}),
    categories=CODES,
    demands={"type": "array", "items": ID, "maxItems": 100},
)
op(
    "get",
    "/listings",
    "Listings (published ones for everyone)",
    auth=False,
    errors=(400,),
    params=[query("status", _state(LISTING)), query("demand", ID, "listings linked to this demand"), *openapi.PAGING],
    response=openapi.page_of(_listing),
)
op(
    "post",
    "/listings",
    "Create a draft listing (operator)",
    status=201,
    errors=(400,),
    body_schema=_listing_body,
    response=_listing,
)
op("get", "/listings/{id}", "One listing", auth=False, errors=(404,), response=_listing)
op(
    "patch",
    "/listings/{id}",
    "Edit a draft or suspended listing (operator)",
    body_schema=dict(_listing_body, required=[]),
    response=_listing,
)
for _action in ("publish", "suspend", "retire"):
    op("post", f"/listings/{{id}}/{_action}", f"{_action.capitalize()} the listing (operator)", response=_listing)


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
    return jsonify(shapes.listing(listings.update_listing(require_api_user(), listing_id, json_object())))


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
op(
    "get",
    "/agreements",
    "Agreements the caller is party to (oversight roles: all)",
    errors=(),
    params=[query("status", _state(AGREEMENT)), *openapi.PAGING],
    response=openapi.page_of(_agreement),
)
op(
    "post",
    "/agreements",
    "Draft a three-party agreement for an approved demand (operator)",
    status=201,
    body_schema=obj(
        required=["listing_id", "demand_id", "delivery_mode"],
        listing_id=ID,
        demand_id=ID,
        delivery_mode=MODE,
        price=nullable(MONEY),
        term_end=nullable(DATE),
        feedback_every_days={
            "type": "integer",
            "minimum": 7,
            "maximum": 366,
            "description": "days between usage reports",
        },
        feedback_blocks_exports={
            "type": "boolean",
            "default": True,
            "description": "overdue feedback blocks new exports",
        },
        export_operator_approval={
            "type": "boolean",
            "default": False,
            "description": "exports approved by the department also wait for the operator",
        },
    ),
    response=_agreement,
)
op("get", "/agreements/{id}", "One agreement with its parties and signatures", errors=(404,), response=_agreement)
op(
    "post",
    "/agreements/{id}/sign",
    "Sign for one's own organisation (department steward, operator, enterprise)",
    response=_agreement,
)
op(
    "get",
    "/agreements/{id}/access",
    "Use the delivered data: checked against the terms now (enterprise)",
    response=obj(
        agreement=S,
        delivery_mode=MODE,
        valid_until=DATE,
        categories={"type": "array", "items": S},
        source_attribution=S,
    ),
)
op(
    "post",
    "/agreements/{id}/feedback",
    "Report how the data was used (enterprise)",
    status=201,
    body_schema=_reason("body", 4000),
    response=obj(id=INT, body=S),
)


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
op(
    "get",
    "/inbox",
    "The steps waiting for the caller",
    errors=(),
    response=openapi.page_of(obj(kind=S, title=S, link=S, since=NDATETIME)),
)
_machine = obj(
    states={"type": "array", "items": S},
    transitions={
        "type": "array",
        "items": obj(
            action=S,
            to=S,
            roles={"type": "array", "items": S},
            **{"from": {"type": "array", "items": S}},
        ),
    },
)
op(
    "get",
    "/workflows",
    "The state machines of the board (states, transitions, roles)",
    auth=False,
    errors=(),
    response={"type": "object", "required": list(MACHINES), "additionalProperties": _machine},
)


@bp.get("/inbox")
def my_inbox():
    tasks = inbox.inbox(require_api_user())
    return jsonify(list_body([t.to_dict() for t in tasks], len(tasks)))


@bp.get("/workflows")
def workflows():
    return jsonify({name: machine.describe() for name, machine in MACHINES.items()})
