"""Each user's inbox: the steps waiting for them, computed from the state of the workflow."""

from collections.abc import Callable
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from accounts import membership
from accounts.models import EnterpriseVerification, Membership
from core.extensions import db
from core.timeutil import isoformat_utc
from marketplace.models import Agreement, AgreementSignature, Authorisation, Demand, DemandList, DemandListItem
from marketplace.services import access
from marketplace.services.agreements import agreements_for, parties, party_of

# Tasks that belong to packages above marketplace (delivery's export decisions), handed in by the app
# factory so that imports keep pointing down: kind → (tasks(user) → [Task], waiting(user) → a SELECT
# of the waiting rows' ids for the badge count, or None when this user decides none of them).
SOURCES: dict[str, tuple[Callable, Callable]] = {}


@dataclass
class Task:
    kind: str
    title: str
    link: str
    since: object

    def to_dict(self):
        return {"kind": self.kind, "title": self.title, "link": self.link, "since": isoformat_utc(self.since)}


def inbox(user) -> list[Task]:
    access.signed_in(user)
    tasks: list[Task] = []
    role = user.role
    if role == "consumer":
        for d in db.session.scalars(
            select(Demand).where(
                Demand.organisation_id == user.organisation_id, Demand.status == "clarification_requested"
            )
        ):
            tasks.append(
                Task(
                    "demand.clarify", str(_l("Clarify your demand: %(t)s", t=d.title)), f"/demands/{d.id}", d.updated_at
                )
            )
    if role in access.OPERATOR_ROLES:
        for d in db.session.scalars(select(Demand).where(Demand.status == "submitted").order_by(Demand.created_at)):
            tasks.append(
                Task("demand.triage", str(_l("Triage demand: %(t)s", t=d.title)), f"/demands/{d.id}", d.created_at)
            )
        for dl in db.session.scalars(select(DemandList).where(DemandList.status == "open")):
            if dl.items:
                tasks.append(
                    Task(
                        "demand_list.submit",
                        str(_l("Submit demand list %(n)s", n=dl.number)),
                        f"/demand-lists/{dl.id}",
                        dl.created_at,
                    )
                )
        approved = db.session.scalars(select(Demand).where(Demand.status == "approved", ~Demand.listings.any())).all()
        for d in approved:
            if (
                d.list_item
                and d.list_item.authorisations
                and all(a.status == "granted" for a in d.list_item.authorisations)
            ):
                tasks.append(
                    Task(
                        "listing.create",
                        str(_l("Build a listing for: %(t)s", t=d.title)),
                        f"/demands/{d.id}",
                        d.updated_at,
                    )
                )
    if role == "coordinator":
        items = db.session.scalars(
            select(DemandListItem)
            .join(DemandList)
            .where(DemandList.status == "submitted", DemandListItem.status == "pending")
        ).all()
        for item in items:
            tasks.append(
                Task(
                    "demand_list_item.decide",
                    str(_l("Review %(n)s: %(t)s", n=item.demand_list.number, t=item.demand.title)),
                    f"/demand-lists/{item.demand_list_id}",
                    item.demand_list.submitted_at,
                )
            )
    if role == "steward":
        department_id = access.steward_department_id(user)
        for a in db.session.scalars(
            select(Authorisation).where(Authorisation.department_id == department_id, Authorisation.status == "pending")
        ):
            tasks.append(
                Task(
                    "authorisation.decide",
                    str(_l("Authorise: %(t)s", t=a.item.demand.title)),
                    f"/authorisations/{a.id}",
                    a.created_at,
                )
            )
    if role in ("consumer", "operator", "steward"):
        for agreement in agreements_for(user, status="awaiting_signatures"):
            if party_of(user, agreement) is None:
                continue
            signed = {row["organisation_id"] for row in parties(agreement) if row["signed_at"]}
            if user.organisation_id not in signed:
                tasks.append(
                    Task(
                        "agreement.sign",
                        str(_l("Sign agreement %(n)s", n=agreement.number)),
                        f"/agreements/{agreement.id}",
                        agreement.created_at,
                    )
                )
    tasks += _enterprise_tasks(user)
    for source_tasks, _ in SOURCES.values():
        tasks += source_tasks(user)
    tasks.sort(key=lambda t: (t.since is None, t.since))
    return tasks


def _enterprise_tasks(user) -> list[Task]:
    """Membership requests for the enterprise administrator; verifications for operators and admins."""
    tasks = []
    if user.role == "consumer" and membership.is_enterprise_administrator(user):
        for m in db.session.scalars(
            select(Membership).where(Membership.organisation_id == user.organisation_id, Membership.status == "pending")
        ):
            tasks.append(
                Task(
                    "membership.decide",
                    str(_l("Decide on the membership request of %(who)s", who=m.user.email)),
                    "/account/members",
                    m.requested_at,
                )
            )
    if user.role in access.OPERATOR_ROLES:
        for v in db.session.scalars(select(EnterpriseVerification).where(EnterpriseVerification.status == "pending")):
            tasks.append(
                Task(
                    "enterprise.verify",
                    str(_l("Verify the enterprise %(name)s", name=v.organisation.name_zh)),
                    f"/verifications/{v.id}",
                    v.submitted_at,
                )
            )
    return tasks


def count(user) -> int:
    """len(inbox(user)) in one round trip: one COUNT per kind of task, summed in a single SELECT
    (the nav badge on every page asks for it; building the whole inbox loaded every row)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return 0

    def counted(query):
        return select(func.count()).select_from(query.subquery()).scalar_subquery()

    parts = []
    role = user.role
    if role == "consumer":
        parts.append(
            counted(
                select(Demand.id).where(
                    Demand.organisation_id == user.organisation_id, Demand.status == "clarification_requested"
                )
            )
        )
        if membership.is_enterprise_administrator(user):
            parts.append(
                counted(
                    select(Membership.id).where(
                        Membership.organisation_id == user.organisation_id, Membership.status == "pending"
                    )
                )
            )
    if role in access.OPERATOR_ROLES:
        granted_only = DemandListItem.authorisations.any() & ~DemandListItem.authorisations.any(
            Authorisation.status != "granted"
        )
        parts += [
            counted(select(Demand.id).where(Demand.status == "submitted")),
            counted(select(DemandList.id).where(DemandList.status == "open", DemandList.items.any())),
            counted(
                select(Demand.id).where(
                    Demand.status == "approved", ~Demand.listings.any(), Demand.list_item.has(granted_only)
                )
            ),
            counted(select(EnterpriseVerification.id).where(EnterpriseVerification.status == "pending")),
        ]
    if role == "coordinator":
        parts.append(
            counted(
                select(DemandListItem.id)
                .join(DemandList)
                .where(DemandList.status == "submitted", DemandListItem.status == "pending")
            )
        )
    if role == "steward":
        department_id = access.steward_department_id(user)
        parts.append(
            counted(
                select(Authorisation.id).where(
                    Authorisation.department_id == department_id, Authorisation.status == "pending"
                )
            )
        )
    if role in ("consumer", "operator", "steward"):
        unsigned = select(Agreement.id).where(
            Agreement.status == "awaiting_signatures",
            ~select(AgreementSignature.id)
            .where(
                AgreementSignature.agreement_id == Agreement.id,
                AgreementSignature.organisation_id == user.organisation_id,
            )
            .exists(),
        )
        if role == "consumer":
            unsigned = unsigned.where(Agreement.consumer_id == user.organisation_id)
        elif role == "operator":
            unsigned = unsigned.where(Agreement.operator_id == user.organisation_id)
        else:
            unsigned = unsigned.where(
                Agreement.authorisations.any(Authorisation.department_id == access.steward_department_id(user))
            )
        parts.append(counted(unsigned))
    for _, source_waiting in SOURCES.values():
        waiting = source_waiting(user)
        if waiting is not None:
            parts.append(counted(waiting))
    if not parts:
        return 0
    total = parts[0]
    for part in parts[1:]:
        total = total + part
    return int(db.session.scalar(select(total)) or 0)


def agreement_count_waiting(user) -> int:
    return len([t for t in inbox(user) if t.kind == "agreement.sign"])
