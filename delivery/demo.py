"""Demo delivery: data behind the demo listings' categories, a few queries in the usage log of the
demo agreement, and a controlled-export agreement with one export awaiting the steward."""

import contextlib

from sqlalchemy import func, select

from accounts import services as accounts
from catalog.models import Category
from core.errors import DomainError
from core.extensions import db
from delivery.models import ExportRequest, UsageEntry
from delivery.services import exports, queries, versions
from marketplace.models import Agreement, Listing
from marketplace.services import agreements

DEMO_ROWS = 50_000  # per category: enough for real groups, quick to generate
CATEGORIES = ("SCJGJ-001", "SCJGJ-006", "SCJGJ-009", "SCJGJ-011")
QUERIES = (
    "SELECT reg_status, COUNT(*) AS n FROM SCJGJ_001 GROUP BY reg_status ORDER BY n DESC",
    "SELECT business_scope, AVG(reg_capital) AS avg_capital, COUNT(*) AS n FROM SCJGJ_001 GROUP BY business_scope",
    "SELECT reg_authority, ent_type, COUNT(*) AS n FROM SCJGJ_001 GROUP BY reg_authority, ent_type",
    "SELECT * FROM SCJGJ_001",  # refused: raw rows in 可用不可见
)


def seed_delivery() -> int:
    """Returns the number of demo queries run (0 when the demo delivery is already there)."""
    consumer = accounts.user_by_email("consumer@demo.cn")
    operator = accounts.user_by_email("operator@demo.cn")
    steward = accounts.user_by_email("steward@demo.cn")
    if None in (consumer, operator, steward):
        return 0
    for code in CATEGORIES:
        category = db.session.scalar(select(Category).where(Category.code == code))
        if category is not None and versions.latest(category.id) is None:
            versions.generate_version(category, min(DEMO_ROWS, max(category.record_count, 1000)), seed=1)
    active = db.session.scalars(
        select(Agreement).where(Agreement.consumer_id == consumer.organisation_id, Agreement.status == "active")
    ).all()
    invisible = next((a for a in active if a.delivery_mode == "usable_invisible"), None)
    if invisible is None:
        return 0
    if db.session.scalar(select(func.count()).select_from(UsageEntry).where(UsageEntry.agreement_id == invisible.id)):
        return 0
    ran = 0
    for sql in QUERIES:
        with contextlib.suppress(DomainError):  # a refused demo query is logged (queries.run); nothing to undo
            queries.run(consumer, invisible.id, {"sql": sql})
        ran += 1
    queries.run(consumer, invisible.id, {"sql": QUERIES[0], "check_only": True})
    _export_awaiting(consumer, operator, steward, invisible)
    return ran


def _export_awaiting(consumer, operator, steward, invisible) -> None:
    listing = db.session.get(Listing, invisible.listing_id)
    if "controlled_export" not in (listing.delivery_modes or []) or invisible.demand_id is None:
        return
    agreement = agreements.create_agreement(
        operator,
        {
            "listing_id": listing.id,
            "demand_id": invisible.demand_id,
            "delivery_mode": "controlled_export",
            "price": "0.80",
        },
    )
    for user in (steward, operator, consumer):
        agreements.sign(user, agreement.id)
    if not db.session.scalar(
        select(func.count()).select_from(ExportRequest).where(ExportRequest.agreement_id == agreement.id)
    ):
        exports.request_export(
            consumer,
            agreement.id,
            {
                "sql": "SELECT uscc, ent_type, reg_capital, est_date, reg_authority FROM SCJGJ_001 LIMIT 5000",
                "purpose": "训练小微企业信用评分模型(离线)",
            },
        )
        db.session.flush()
