"""Enterprise membership: who acts for an enterprise.

The first person to register an enterprise (by its credit code) becomes its enterprise administrator;
whoever registers later with the same code asks to join (a pending request) and sees nothing of the
enterprise until its administrator, or a platform admin, approves. The administrator refuses requests,
removes members and hands the role to another member. A user acts for the enterprise only through
`users.organisation_id`, set on approval and cleared on removal, so access starts and ends with the
very next request (sessions and API tokens load the user afresh each time)."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from accounts import notify
from accounts.models import Membership, Organisation, User
from core import access, audit
from core.errors import Conflict, Forbidden, NotFound, ValidationError
from core.extensions import db
from core.timeutil import utcnow

NOT_FOUND = _l("No such membership.")
PLATFORM_ADMIN = "admin"


def membership_of(user) -> Membership | None:
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return db.session.scalar(select(Membership).where(Membership.user_id == user.id))


def administrator_of(organisation_id: int) -> Membership | None:
    return db.session.scalar(
        select(Membership).where(
            Membership.organisation_id == organisation_id,
            Membership.status == "active",
            Membership.role == "administrator",
        )
    )


def is_enterprise_administrator(user) -> bool:
    row = membership_of(user)
    return row is not None and row.is_administrator and user.organisation_id == row.organisation_id


def admit(user: User, organisation: Organisation, actor=None) -> Membership:
    """Make the user an active member at once (the admin CLI, the enterprise's first user):
    administrator if the enterprise has none."""
    role = "member" if administrator_of(organisation.id) else "administrator"
    row = Membership(
        user_id=user.id,
        organisation_id=organisation.id,
        status="active",
        role=role,
        decided_at=utcnow(),
        decided_by_id=getattr(actor, "id", None),
    )
    user.organisation_id = organisation.id
    db.session.add(row)
    db.session.flush()
    audit.record(
        actor or user, "membership.admitted", "enterprise", organisation.code, after={"user": user.email, "role": role}
    )
    return row


def request_to_join(user: User, organisation: Organisation) -> Membership:
    row = Membership(user_id=user.id, organisation_id=organisation.id, status="pending", role="member")
    user.organisation_id = None
    db.session.add(row)
    db.session.flush()
    audit.record(user, "membership.requested", "enterprise", organisation.code, after={"user": user.email})
    return row


# --- what the enterprise administrator (or a platform admin) sees and does ---------------------------


def enterprise_for(viewer, code: str | None = None) -> Organisation:
    """The enterprise whose members the viewer manages: a platform admin names one by its credit
    code; an enterprise user gets its own (404 for anyone else)."""
    access.signed_in(viewer)
    if viewer.role == PLATFORM_ADMIN and code:
        org = db.session.scalar(
            select(Organisation).where(Organisation.kind == "enterprise", Organisation.code == code.strip().upper())
        )
        if org is None:
            raise NotFound(_l("No such enterprise."))
        return org
    if viewer.role == "consumer":
        access.require_enterprise(viewer)
        return viewer.organisation
    if viewer.role == PLATFORM_ADMIN:
        raise ValidationError(_l("Check the highlighted fields."), {"enterprise": [_l("Required.")]})
    raise Forbidden(_l("Your role may not do this."))


def may_manage(viewer, organisation_id: int) -> bool:
    if viewer is None or not getattr(viewer, "is_authenticated", False):
        return False
    if viewer.role == PLATFORM_ADMIN:
        return True
    return viewer.organisation_id == organisation_id and is_enterprise_administrator(viewer)


def roster(viewer, code: str | None = None) -> dict:
    """Members (every active member sees them) and requests (administrators only)."""
    org = enterprise_for(viewer, code)
    manager = may_manage(viewer, org.id)
    statuses = ("active", "pending") if manager else ("active",)
    rows = db.session.scalars(
        select(Membership)
        .where(Membership.organisation_id == org.id, Membership.status.in_(statuses))
        .order_by(Membership.requested_at, Membership.id)
    ).all()
    return {
        "enterprise": org,
        "may_manage": manager,
        "members": [m for m in rows if m.status == "active"],
        "requests": [m for m in rows if m.status == "pending"],
    }


def _manageable(actor, membership_id) -> Membership:
    """The membership, locked, if the actor manages its enterprise; otherwise it does not exist (404)."""
    access.signed_in(actor)
    row = access.load(Membership, membership_id, NOT_FOUND)
    if not may_manage(actor, row.organisation_id):
        raise NotFound(NOT_FOUND)
    return access.lock(row)


def _decided(row: Membership, actor, status: str, reason: str = "") -> None:
    row.status, row.decided_at, row.decided_by_id, row.reason = status, utcnow(), actor.id, reason


def _tell(user: User, subject: str, body: str) -> None:
    notify.send_when_committed([user.email], subject, body)


def approve(actor, membership_id) -> Membership:
    row = _manageable(actor, membership_id)
    if row.status != "pending":
        raise Conflict(_l("Only a waiting request can be approved."))
    _decided(row, actor, "active")
    row.user.organisation_id = row.organisation_id
    audit.record(
        actor,
        "membership.approved",
        "enterprise",
        row.organisation.code,
        before={"user": row.user.email, "status": "pending"},
        after={"user": row.user.email, "status": "active"},
    )
    db.session.flush()
    _tell(
        row.user,
        f"企业成员申请已批准 Membership approved: {row.organisation.name_zh}",
        f"您已成为 {row.organisation.name_zh} 的成员。\nYou are now a member of {row.organisation.name_zh}.\n",
    )
    return row


def refuse(actor, membership_id, reason: str | None = "") -> Membership:
    if reason is not None and not isinstance(reason, str):
        raise ValidationError(_l("Check the highlighted fields."), {"reason": [_l("Must be text.")]})
    reason = (reason or "").strip()
    if len(reason) > 500:
        raise ValidationError(_l("Check the highlighted fields."), {"reason": [_l("At most 500 characters.")]})
    row = _manageable(actor, membership_id)
    if row.status != "pending":
        raise Conflict(_l("Only a waiting request can be refused."))
    _decided(row, actor, "refused", reason)
    audit.record(
        actor,
        "membership.refused",
        "enterprise",
        row.organisation.code,
        before={"user": row.user.email, "status": "pending"},
        after={"user": row.user.email, "status": "refused", "reason": reason},
    )
    db.session.flush()
    _tell(
        row.user,
        f"企业成员申请未获批准 Membership refused: {row.organisation.name_zh}",
        f"{row.organisation.name_zh}\n{reason}\n",
    )
    return row


def remove(actor, membership_id) -> Membership:
    row = _manageable(actor, membership_id)
    if row.status != "active":
        raise Conflict(_l("Only an active member can be removed."))
    if row.role == "administrator":
        raise Conflict(_l("The enterprise administrator cannot be removed; hand the role to another member first."))
    _decided(row, actor, "removed")
    row.user.organisation_id = None
    audit.record(
        actor,
        "membership.removed",
        "enterprise",
        row.organisation.code,
        before={"user": row.user.email, "status": "active"},
        after={"user": row.user.email, "status": "removed"},
    )
    db.session.flush()
    return row


def hand_over(actor, membership_id) -> Membership:
    """Make another active member the enterprise administrator; the present one becomes a member."""
    row = _manageable(actor, membership_id)
    if row.status != "active":
        raise Conflict(_l("Only an active member can become the enterprise administrator."))
    if row.role == "administrator":
        raise Conflict(_l("This member is already the enterprise administrator."))
    current = administrator_of(row.organisation_id)
    if current is not None:
        current = access.lock(current)
        current.role = "member"
    row.role = "administrator"
    audit.record(
        actor,
        "membership.handed_over",
        "enterprise",
        row.organisation.code,
        before={"administrator": current.user.email if current else None},
        after={"administrator": row.user.email},
    )
    db.session.flush()
    return row
