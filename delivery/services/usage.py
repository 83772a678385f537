"""The usage log, each role seeing what is theirs: the enterprise its agreements, the department's
steward the agreements on its data, the operator and the coordinator all; counts by day for charts."""

from datetime import timedelta

from sqlalchemy import func, select

from accounts.models import User
from core.extensions import db
from core.timeutil import isoformat_utc, utcnow
from delivery.models import UsageEntry
from marketplace.models import Agreement
from marketplace.services.agreements import agreements_for, visible_agreement


def log_for(viewer, agreement_id, page: int, per_page: int):
    agreement = visible_agreement(viewer, agreement_id)
    query = select(UsageEntry).where(UsageEntry.agreement_id == agreement.id)
    total = db.session.scalar(select(func.count()).select_from(query.subquery()))
    items = db.session.scalars(query.order_by(UsageEntry.id.desc()).offset((page - 1) * per_page).limit(per_page))
    return list(items), total


def visible_agreement_ids(viewer) -> list[int]:
    return [a.id for a in agreements_for(viewer)]


def by_day(agreement_ids: list[int], days: int = 30) -> list[dict]:
    """[{day, ok, refused, other}] for the last days (UTC dates), zeros included."""
    since = utcnow() - timedelta(days=days - 1)
    day = func.date(UsageEntry.created_at)
    rows = db.session.execute(
        select(day, UsageEntry.outcome, func.count())
        .where(
            UsageEntry.agreement_id.in_(agreement_ids or [-1]), UsageEntry.created_at >= since.replace(hour=0, minute=0)
        )
        .group_by(day, UsageEntry.outcome)
    ).all()
    table = {}
    for d, outcome, n in rows:
        key = str(d)[:10]
        bucket = table.setdefault(key, {"ok": 0, "refused": 0, "other": 0})
        bucket["ok" if outcome == "ok" else "refused" if outcome == "refused" else "other"] += n
    out = []
    for i in range(days):
        key = (since + timedelta(days=i)).date().isoformat()
        out.append({"day": key, **table.get(key, {"ok": 0, "refused": 0, "other": 0})})
    return out


def recent(agreement_ids: list[int], limit: int = 50) -> list[UsageEntry]:
    return list(
        db.session.scalars(
            select(UsageEntry)
            .where(UsageEntry.agreement_id.in_(agreement_ids or [-1]))
            .order_by(UsageEntry.id.desc())
            .limit(limit)
        )
    )


def agreements_with_usage(viewer) -> list[Agreement]:
    return agreements_for(viewer)


def shape(entry: UsageEntry) -> dict:
    user = db.session.get(User, entry.user_id) if entry.user_id else None
    return {
        "id": entry.id,
        "agreement_id": entry.agreement_id,
        "user": user.email if user else None,
        "kind": entry.kind,
        "sql": entry.sql_text,
        "sql_fingerprint": entry.sql_fingerprint,
        "tables": entry.tables or [],
        "rows_scanned": entry.rows_scanned,
        "rows_returned": entry.rows_returned,
        "suppressed_groups": entry.suppressed_groups,
        "suppressed_rows": entry.suppressed_rows,
        "epsilon_spent": entry.epsilon_spent,
        "duration_ms": entry.duration_ms,
        "outcome": entry.outcome,
        "rule": entry.rule,
        "message": entry.message,
        "created_at": isoformat_utc(entry.created_at),
    }


def overdue_shape(agreement: Agreement, schedule: dict) -> dict:
    return {
        "agreement_id": agreement.id,
        "agreement": agreement.number,
        "consumer": agreement.consumer.name_zh,
        "feedback_due": schedule["due"].isoformat(),
        "days_overdue": schedule["days_overdue"],
        "every_days": schedule["every_days"],
        "last_feedback_at": schedule["last_at"],
        "blocks_exports": agreement.feedback_blocks_exports,
    }
