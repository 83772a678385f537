"""Verification of enterprises (实名认证).

A new enterprise may browse, search and post demands; negotiating, signing, paying and using data wait
until the operator has verified it (the gate itself is `core.access.require_verified`).
The enterprise administrator submits the business licence details; an operator or admin checks the
name and credit code against them and approves, or rejects with a reason (the enterprise may then
submit again). Verifier, time and outcome are in the audit log and on the record."""

from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from accounts import credit_code, membership, notify
from accounts.models import EnterpriseVerification, Organisation
from core import access, audit
from core.errors import Conflict, Forbidden, NotFound, ValidationError
from core.extensions import db
from core.timeutil import utcnow

NOT_FOUND = _l("No such verification request.")
VERIFIERS = access.OPERATOR_ROLES
STATUS_LABELS = {
    "unverified": _l("Not verified"),
    "pending": _l("Verification requested"),
    "verified": _l("Verified"),
    "rejected": _l("Verification rejected"),
    "approved": _l("Approved"),
}
CHECK = _l("Check the highlighted fields.")


def _text(data: dict, name: str, fields: dict, max_length: int, required: bool = True) -> str:
    value = data.get(name)
    if value is not None and not isinstance(value, str):
        fields[name] = [_l("Must be text.")]
        return ""
    value = (value or "").strip()
    if required and not value:
        fields[name] = [_l("Required.")]
    elif len(value) > max_length:
        fields[name] = [_l("At most %(n)d characters.", n=max_length)]
    return value


def validate_licence(data) -> dict:
    """The licence details as submitted; 400 with field messages when something is missing or malformed."""
    if not isinstance(data, dict):
        raise ValidationError(CHECK, {"licence_name": [_l("Required.")]})
    fields: dict = {}
    values = {
        "licence_name": _text(data, "licence_name", fields, 200),
        "licence_credit_code": credit_code.normalise(_text(data, "licence_credit_code", fields, 18)),
        "legal_representative": _text(data, "legal_representative", fields, 100),
        "registered_address": _text(data, "registered_address", fields, 300),
        "registered_capital": _text(data, "registered_capital", fields, 100, required=False),
        "business_scope": _text(data, "business_scope", fields, 4000, required=False),
    }
    if "licence_credit_code" not in fields and not credit_code.is_valid(values["licence_credit_code"]):
        fields["licence_credit_code"] = [_l("Not a valid unified social credit code (GB 32100-2015).")]
    established = data.get("established_on")
    values["established_on"] = None
    if established not in (None, ""):
        try:
            values["established_on"] = date.fromisoformat(str(established))
        except ValueError:
            fields["established_on"] = [_l("A date: YYYY-MM-DD.")]
        else:
            if values["established_on"] > date.today():
                fields["established_on"] = [_l("Not in the future.")]
    if fields:
        raise ValidationError(CHECK, fields)
    return values


def latest_of(organisation_id: int) -> EnterpriseVerification | None:
    return db.session.scalar(
        select(EnterpriseVerification)
        .where(EnterpriseVerification.organisation_id == organisation_id)
        .order_by(EnterpriseVerification.id.desc())
        .limit(1)
    )


def own_enterprise(actor) -> Organisation:
    access.require_role(actor, "consumer")
    access.require_enterprise(actor)
    return actor.organisation


def submit(actor, data) -> EnterpriseVerification:
    """The enterprise administrator submits (or, after a rejection, submits again) the licence details."""
    org = own_enterprise(actor)
    if not membership.is_enterprise_administrator(actor):
        raise Forbidden(_l("Only the enterprise administrator submits the verification."))
    values = validate_licence(data)
    org = access.lock(org)
    if org.verification_status == "verified":
        raise Conflict(_l("The enterprise is already verified."))
    if org.verification_status == "pending":
        raise Conflict(_l("A verification request is already waiting for the operator."))
    record = EnterpriseVerification(organisation_id=org.id, submitted_by_id=actor.id, **values)
    db.session.add(record)
    before = org.verification_status
    org.verification_status = "pending"
    db.session.flush()
    audit.record(
        actor,
        "enterprise.verification_submitted",
        "enterprise",
        org.code,
        before={"verification": before},
        after={"verification": "pending", "request": record.id, "licence_name": values["licence_name"]},
    )
    db.session.flush()
    notify.step_waiting(
        roles=VERIFIERS, subject=f"企业实名认证待审核 Verification to check: {org.name_zh}", link="/verifications"
    )
    return record


def visible_verification(viewer, verification_id) -> EnterpriseVerification:
    access.signed_in(viewer)
    record = access.load(EnterpriseVerification, verification_id, NOT_FOUND)
    if viewer.role in VERIFIERS or (viewer.role == "consumer" and viewer.organisation_id == record.organisation_id):
        return record
    raise NotFound(NOT_FOUND)


def queue(viewer, status: str | None = "pending") -> list[EnterpriseVerification]:
    access.require_role(viewer, *VERIFIERS)
    query = select(EnterpriseVerification).order_by(EnterpriseVerification.submitted_at, EnterpriseVerification.id)
    if status:
        if status not in ("pending", "approved", "rejected"):
            raise ValidationError(CHECK, {"status": [_l("One of: pending, approved, rejected.")]})
        query = query.where(EnterpriseVerification.status == status)
    return list(db.session.scalars(query))


def mismatches(record: EnterpriseVerification) -> list[str]:
    """What differs between the licence and the registered enterprise (for the verifier's eye)."""
    out = []
    if record.licence_credit_code != record.organisation.code:
        out.append("credit_code")
    if record.licence_name.strip() != record.organisation.name_zh.strip():
        out.append("name")
    return out


def decide(actor, verification_id, approve, reason: str | None = "") -> EnterpriseVerification:
    """Approve (the credit code must be the enterprise's own; the licence name becomes its name) or
    reject with a reason."""
    access.require_role(actor, *VERIFIERS)
    if not isinstance(approve, bool):
        raise ValidationError(CHECK, {"approve": [_l("true or false.")]})
    if reason is not None and not isinstance(reason, str):
        raise ValidationError(CHECK, {"reason": [_l("Must be text.")]})
    reason = (reason or "").strip()
    if len(reason) > 500:
        raise ValidationError(CHECK, {"reason": [_l("At most 500 characters.")]})
    if not approve and not reason:
        raise ValidationError(CHECK, {"reason": [_l("Say why the verification is rejected.")]})
    record = access.lock(visible_verification(actor, verification_id))
    org = access.lock(record.organisation)
    if record.status != "pending":
        raise Conflict(_l("This verification request has already been decided."))
    if approve and record.licence_credit_code != org.code:
        raise Conflict(
            _l("The credit code on the licence is not the enterprise's: reject the request with that reason.")
        )
    now = utcnow()
    record.status = "approved" if approve else "rejected"
    record.decided_by_id, record.decided_at, record.reason = actor.id, now, reason
    before = {"verification": org.verification_status, "name": org.name_zh}
    if approve:
        org.verification_status, org.verified_at, org.name_zh = "verified", now, record.licence_name
    else:
        org.verification_status = "rejected"
    audit.record(
        actor,
        "enterprise.verified" if approve else "enterprise.verification_rejected",
        "enterprise",
        org.code,
        before=before,
        after={"verification": org.verification_status, "name": org.name_zh, "request": record.id, "reason": reason},
    )
    db.session.flush()
    notify.step_waiting(
        organisation_ids=(org.id,),
        subject=(
            f"企业实名认证已通过 Enterprise verified: {org.name_zh}"
            if approve
            else f"企业实名认证未通过 Verification rejected: {org.name_zh} — {reason}"
        ),
        link="/account/verification",
    )
    return record
