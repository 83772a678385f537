"""Listings (data products): the operator builds them on authorised categories and publishes them.
A listing on a 核心-grade category, or on a category without a valid authorisation, cannot be
published."""

from decimal import Decimal

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from catalog.models import Category
from core import audit, inputs
from core.errors import Conflict, NotFound, ValidationError
from core.extensions import db
from core.money import MoneyError, parse_amount
from core.paging import page_of_query
from core.timeutil import utcnow
from marketplace.models import PRICING_BASES, Demand, Listing
from marketplace.services import access
from marketplace.services.authorisations import publish_problems
from marketplace.services.validation import Fields
from marketplace.states import LISTING

NOT_FOUND = _l("No such listing.")
PUBLIC_STATES = ("published",)


def _read(data) -> dict:
    f = Fields(data)
    out = {
        "title_zh": f.text("title_zh", max_length=200),
        "title_en": f.text("title_en", required=False, max_length=300),
        "description_zh": f.text("description_zh", required=False),
        "description_en": f.text("description_en", required=False),
        "delivery_modes": f.delivery_modes(),
        "guide_price": f.money("guide_price", required=True, allow_zero=False),
        "price_cap": f.money("price_cap", required=True, allow_zero=False),
    }
    basis = f.data.get("pricing_basis", "per_product")
    if basis not in PRICING_BASES:
        f.fail("pricing_basis", _l("Choose from: %(values)s.", values=", ".join(PRICING_BASES)))
    out["pricing_basis"] = basis
    if out["guide_price"] and out["price_cap"] and out["guide_price"] > out["price_cap"]:
        f.fail("guide_price", _l("The guide price must not exceed the cap."))
    out["volume_tiers"] = _tiers(f, out["price_cap"])
    codes = f.code_list("categories")
    demand_ids = f.id_list("demands", required=False)
    categories = list(db.session.scalars(select(Category).where(Category.code.in_(codes)))) if codes else []
    missing = sorted(set(codes) - {c.code for c in categories})
    if missing:
        f.fail("categories", _l("Unknown category: %(code)s.", code=missing[0]))
    demands = list(db.session.scalars(select(Demand).where(Demand.id.in_(demand_ids)))) if demand_ids else []
    if len(demands) != len(demand_ids):
        f.fail("demands", _l("Unknown demand."))
    elif any(d.status != "approved" for d in demands):
        f.fail("demands", _l("Only approved demands can be linked."))
    f.done()
    out["categories"] = sorted(categories, key=lambda c: c.code)
    out["demands"] = demands
    return out


def _tiers(f: Fields, cap) -> list[dict]:
    raw = f.data.get("volume_tiers", [])
    if raw in (None, ""):
        return []
    tiers = []
    if not isinstance(raw, list):
        f.fail("volume_tiers", _l("A list of tiers."))
        return []
    for n, tier in enumerate(raw, start=1):
        try:
            quantity = inputs.whole_number(tier["min_quantity"], 1, 10**9)
            price = parse_amount(tier["unit_price"])
        except (KeyError, TypeError, ValueError, MoneyError):
            f.fail("volume_tiers", _l("Tier %(n)d: min_quantity ≥ 1 and a unit_price.", n=n))
            continue
        tiers.append({"min_quantity": quantity, "unit_price": str(price)})
    quantities = [t["min_quantity"] for t in tiers]
    if quantities != sorted(set(quantities)):
        f.fail("volume_tiers", _l("Tiers must rise in quantity, each once."))
    return tiers


def _state(listing: Listing) -> dict:
    return {
        "status": listing.status,
        "title_zh": listing.title_zh,
        "price_cap": str(listing.price_cap),
        "guide_price": str(listing.guide_price),
        "categories": [c.code for c in listing.categories],
        "demands": [d.id for d in listing.demands],
    }


def create_listing(actor, data) -> Listing:
    access.require_role(actor, *access.OPERATOR_ROLES)
    values = _read(data)
    listing = Listing(created_by_id=actor.id, status="draft", **values)
    db.session.add(listing)
    db.session.flush()
    audit.record(actor, "listing.created", "listing", listing.id, after=_state(listing))
    db.session.flush()
    return listing


def visible_listing(viewer, listing_id) -> Listing:
    listing = access.load(Listing, listing_id, NOT_FOUND)
    if (
        listing.status in PUBLIC_STATES
        or access.is_operator(viewer)
        or (viewer is not None and getattr(viewer, "is_authenticated", False) and viewer.role == "coordinator")
    ):
        return listing
    raise NotFound(NOT_FOUND)


def _operator_listing(actor, listing_id, action) -> Listing:
    listing = visible_listing(actor, listing_id)
    access.require_role(actor, *access.OPERATOR_ROLES)
    listing = access.load_for_update(Listing, listing.id, NOT_FOUND)
    LISTING.check(action, listing.status, actor.role)
    return listing


def update_listing(actor, listing_id, data) -> Listing:
    listing = _operator_listing(actor, listing_id, "edit")
    before = _state(listing)
    values = _read({**_current(listing), **(data if isinstance(data, dict) else {})})
    for key, value in values.items():
        setattr(listing, key, value)
    listing.status, listing.updated_at = "draft", utcnow()
    audit.record(actor, "listing.edited", "listing", listing.id, before=before, after=_state(listing))
    db.session.flush()
    return listing


def _current(listing: Listing) -> dict:
    return {
        "title_zh": listing.title_zh,
        "title_en": listing.title_en,
        "description_zh": listing.description_zh,
        "description_en": listing.description_en,
        "delivery_modes": list(listing.delivery_modes),
        "guide_price": str(listing.guide_price),
        "price_cap": str(listing.price_cap),
        "pricing_basis": listing.pricing_basis,
        "volume_tiers": list(listing.volume_tiers),
        "categories": [c.code for c in listing.categories],
        "demands": [d.id for d in listing.demands],
    }


def publish(actor, listing_id) -> Listing:
    listing = _operator_listing(actor, listing_id, "publish")
    problems = publish_problems(listing)
    if problems:
        raise Conflict(" ".join(problems), {"categories": problems})
    before = _state(listing)
    listing.status = LISTING.check("publish", listing.status, actor.role)
    listing.published_at = listing.updated_at = utcnow()
    audit.record(actor, "listing.published", "listing", listing.id, before=before, after=_state(listing))
    db.session.flush()
    return listing


def change_status(actor, listing_id, action) -> Listing:
    listing = _operator_listing(actor, listing_id, action)
    before = _state(listing)
    listing.status, listing.updated_at = LISTING.check(action, listing.status, actor.role), utcnow()
    audit.record(actor, f"listing.{listing.status}", "listing", listing.id, before=before, after=_state(listing))
    db.session.flush()
    return listing


def listings_for(viewer, args, page, per_page) -> tuple[list[Listing], int]:
    query = select(Listing)
    if not access.is_operator(viewer) and not (
        viewer is not None and getattr(viewer, "is_authenticated", False) and viewer.role == "coordinator"
    ):
        query = query.where(Listing.status.in_(PUBLIC_STATES))
    status = args.get("status")
    if status:
        query = query.where(Listing.status == status)
    if args.get("demand"):
        try:
            demand_id = inputs.object_id(args["demand"])
        except ValueError:
            raise ValidationError(_l("Check the highlighted fields."), {"demand": [_l("Not a valid id.")]}) from None
        query = query.where(Listing.demands.any(Demand.id == demand_id))
    return page_of_query(query, page, per_page, Listing.id.desc())


def reference_price(listing: Listing, quantity: int = 1) -> Decimal:
    """The guide price, or the unit price of the volume tier the quantity reaches."""
    price = Decimal(listing.guide_price)
    for tier in listing.volume_tiers or []:
        if quantity >= tier["min_quantity"]:
            price = Decimal(tier["unit_price"])
    return price
