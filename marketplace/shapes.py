"""The JSON shapes of the board's objects (one place, used by the API and the pages' scripts)."""

from core.money import to_api
from core.timeutil import isoformat_utc
from marketplace.services import access
from marketplace.services.agreements import feedback_schedule, parties
from marketplace.services.demands import may_see_details
from marketplace.states import AGREEMENT, AUTHORISATION, DEMAND, DEMAND_LIST, LIST_ITEM, LISTING


def _money(value):
    return None if value is None else to_api(value)


def demand(d, viewer) -> dict:
    full = may_see_details(viewer, d)
    out = {
        "id": d.id,
        "title": d.title,
        "scenario": d.scenario,
        "purpose": d.purpose,
        "categories": [
            {"code": c.code, "name_zh": c.name_zh, "name_en": c.name_en, "department": c.department.code}
            for c in d.categories
        ],
        "budget_min": _money(d.budget_min),
        "budget_max": _money(d.budget_max),
        "public_interest": d.public_interest,
        "status": d.status,
        "status_label": DEMAND.label(d.status),
        "enterprise": d.organisation.name_zh if (full or d.show_enterprise) else None,
        "endorsements": len(d.endorsements),
        "comments": [
            {
                "id": c.id,
                "author": c.user.organisation.name_zh if c.user and c.user.organisation else "",
                "body": c.body,
                "at": isoformat_utc(c.created_at),
            }
            for c in d.comments
        ],
        "listings": [
            {"id": x.id, "title_zh": x.title_zh, "status": x.status}
            for x in d.listings
            if x.status == "published" or access.is_operator(viewer)
        ],
        "created_at": isoformat_utc(d.created_at),
        "updated_at": isoformat_utc(d.updated_at),
    }
    if full:
        out.update(
            {
                "contact_name": d.contact_name,
                "contact_phone": d.contact_phone,
                "contact_email": d.contact_email,
                "show_enterprise": d.show_enterprise,
                "status_reason": d.status_reason,
                "demand_list": d.list_item.demand_list.number if d.list_item else None,
                "review": None
                if d.list_item is None
                else {
                    "item_id": d.list_item.id,
                    "status": d.list_item.status,
                    "reason": d.list_item.reason,
                    "public_interest_confirmed": d.list_item.public_interest_confirmed,
                },
                "authorisations": [
                    {"id": a.id, "department": a.department.code, "status": a.status}
                    for a in (d.list_item.authorisations if d.list_item else [])
                ],
            }
        )
    if viewer is not None and getattr(viewer, "is_authenticated", False):
        out["actions"] = DEMAND.allowed(d.status, viewer.role) if full else []
    return out


def demand_list(dl) -> dict:
    return {
        "id": dl.id,
        "number": dl.number,
        "status": dl.status,
        "status_label": DEMAND_LIST.label(dl.status),
        "created_at": isoformat_utc(dl.created_at),
        "submitted_at": isoformat_utc(dl.submitted_at),
        "items": [
            {
                "id": i.id,
                "demand_id": i.demand_id,
                "title": i.demand.title,
                "status": i.status,
                "status_label": LIST_ITEM.label(i.status),
                "reason": i.reason,
                "public_interest_claimed": i.demand.public_interest,
                "public_interest_confirmed": i.public_interest_confirmed,
                "decided_at": isoformat_utc(i.decided_at),
            }
            for i in dl.items
        ],
    }


def authorisation(a) -> dict:
    return {
        "id": a.id,
        "status": a.status,
        "status_label": AUTHORISATION.label(a.status),
        "department": {"code": a.department.code, "name_zh": a.department.name_zh, "name_en": a.department.name_en},
        "demand": {
            "id": a.item.demand.id,
            "title": a.item.demand.title,
            "scenario": a.item.demand.scenario,
            "purpose": a.item.demand.purpose,
            "enterprise": a.item.demand.organisation.name_zh,
            "public_interest_confirmed": a.item.public_interest_confirmed,
        },
        "categories": [
            {"code": c.code, "name_zh": c.name_zh, "name_en": c.name_en, "grade": c.grade, "openness": c.openness}
            for c in a.categories
        ],
        "purpose": a.purpose,
        "delivery_modes": list(a.delivery_modes or []),
        "expires_on": a.expires_on.isoformat() if a.expires_on else None,
        "security_measures": a.security_measures,
        "reason": a.reason,
        "standing": a.standing_id is not None,
        "created_at": isoformat_utc(a.created_at),
        "decided_at": isoformat_utc(a.decided_at),
        "ended_at": isoformat_utc(a.ended_at),
    }


def standing(s) -> dict:
    return {
        "id": s.id,
        "category": s.category.code,
        "purpose": s.purpose,
        "delivery_modes": list(s.delivery_modes),
        "expires_on": s.expires_on.isoformat(),
        "security_measures": s.security_measures,
        "created_at": isoformat_utc(s.created_at),
    }


def listing(x, viewer=None) -> dict:
    return {
        "id": x.id,
        "title_zh": x.title_zh,
        "title_en": x.title_en,
        "description_zh": x.description_zh,
        "description_en": x.description_en,
        "delivery_modes": list(x.delivery_modes or []),
        "pricing_basis": x.pricing_basis,
        "guide_price": _money(x.guide_price),
        "price_cap": _money(x.price_cap),
        "currency": "CNY",
        "volume_tiers": list(x.volume_tiers or []),
        "status": x.status,
        "status_label": LISTING.label(x.status),
        "categories": [
            {
                "code": c.code,
                "name_zh": c.name_zh,
                "name_en": c.name_en,
                "department": c.department.code,
                "grade": c.grade,
            }
            for c in x.categories
        ],
        "demands": [{"id": d.id, "title": d.title} for d in x.demands],
        "published_at": isoformat_utc(x.published_at),
        "updated_at": isoformat_utc(x.updated_at),
    }


def agreement(a, viewer=None) -> dict:
    schedule = feedback_schedule(a)
    return {
        "id": a.id,
        "number": a.number,
        "status": a.status,
        "status_label": AGREEMENT.label(a.status),
        "listing_id": a.listing_id,
        "demand_id": a.demand_id,
        "purpose": a.purpose,
        "delivery_mode": a.delivery_mode,
        "term_start": a.term_start.isoformat(),
        "term_end": a.term_end.isoformat(),
        "price": _money(a.price),
        "currency": "CNY",
        "pricing_basis": a.pricing_basis,
        "public_interest": a.public_interest,
        "source_attribution_duty": a.source_attribution_duty,
        "usage_feedback_duty": a.usage_feedback_duty,
        "feedback_every_days": a.feedback_every_days,
        "feedback_blocks_exports": a.feedback_blocks_exports,
        "export_operator_approval": a.export_operator_approval,
        "feedback_status": schedule["status"],
        "feedback_due": schedule["due"].isoformat() if schedule["due"] else None,
        "feedback_overdue": schedule["overdue"],
        "security_measures": a.security_measures,
        "end_reason": a.end_reason,
        "authorisations": [x.id for x in a.authorisations],
        "parties": [{k: (isoformat_utc(v) if k == "signed_at" else v) for k, v in p.items()} for p in parties(a)],
        "snapshot": a.snapshot,
        "feedback": [{"id": f.id, "body": f.body, "at": isoformat_utc(f.created_at)} for f in a.feedback],
        "created_at": isoformat_utc(a.created_at),
        "ended_at": isoformat_utc(a.ended_at),
    }
