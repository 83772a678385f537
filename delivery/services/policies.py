"""Column policies: every column's role, proposed from its metadata and confirmed by the providing
department's steward; the category's minimum group size (default 10, never below 5) and optional
differential-privacy budget per agreement."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from core import audit
from core.errors import Forbidden, ValidationError
from core.extensions import db
from core.timeutil import utcnow
from delivery.models import MIN_GROUP_SIZE_DEFAULT, MIN_GROUP_SIZE_FLOOR, ROLES, CategoryPolicy, ColumnPolicy
from delivery.rules import propose_role
from marketplace.services import access

MAX_EPSILON = 20.0


def ensure(category) -> dict[str, ColumnPolicy]:
    """The category's column policies, proposing the missing ones (inside the caller's transaction)."""
    existing = {
        p.column: p for p in db.session.scalars(select(ColumnPolicy).where(ColumnPolicy.category_id == category.id))
    }
    for field in category.fields or []:
        if field["name"] not in existing:
            role = propose_role(field)
            policy = ColumnPolicy(category_id=category.id, column=field["name"], role=role, proposed_role=role)
            db.session.add(policy)
            existing[field["name"]] = policy
    db.session.flush()
    return existing


def roles_for(category) -> dict[str, str]:
    stored = {
        p.column: p.role
        for p in db.session.scalars(select(ColumnPolicy).where(ColumnPolicy.category_id == category.id))
    }
    return {f["name"]: stored.get(f["name"]) or propose_role(f) for f in category.fields or []}


def category_policy(category) -> CategoryPolicy | None:
    return db.session.scalar(select(CategoryPolicy).where(CategoryPolicy.category_id == category.id))


def min_group_size(category) -> int:
    policy = category_policy(category)
    return max(MIN_GROUP_SIZE_FLOOR, policy.min_group_size if policy else MIN_GROUP_SIZE_DEFAULT)


def require_steward_of(actor, category) -> None:
    access.signed_in(actor)
    if actor.role == "admin":
        return
    if actor.role == "steward" and access.steward_department_id(actor) == category.department_id:
        return
    raise Forbidden(_l("Only the providing department's steward sets this category's column policies."))


def confirm(actor, category, data: dict) -> dict:
    """data: {"roles": {column: role}, "min_group_size": int, "epsilon_budget": float | null}."""
    require_steward_of(actor, category)
    fields: dict[str, list] = {}
    roles = data.get("roles") or {}
    names = {f["name"] for f in category.fields or []}
    if not isinstance(roles, dict):
        fields["roles"] = [_l("Give a role for each column.")]
        roles = {}
    for column, role in roles.items():
        if column not in names:
            fields.setdefault("roles", []).append(_l("No column %(name)s.", name=column))
        elif role not in ROLES:
            fields.setdefault("roles", []).append(_l("%(name)s: choose one of the four roles.", name=column))
    size = data.get("min_group_size", MIN_GROUP_SIZE_DEFAULT)
    try:
        size = int(size)
        if not MIN_GROUP_SIZE_FLOOR <= size <= 100_000:
            raise ValueError
    except (TypeError, ValueError):
        fields["min_group_size"] = [_l("A whole number from %(lo)d to 100000.", lo=MIN_GROUP_SIZE_FLOOR)]
    epsilon = data.get("epsilon_budget")
    if epsilon in ("", None):
        epsilon = None
    else:
        try:
            epsilon = float(epsilon)
            if not 0 < epsilon <= MAX_EPSILON:
                raise ValueError
        except (TypeError, ValueError):
            fields["epsilon_budget"] = [_l("Empty, or a number above 0 and at most 20.")]
    if fields:
        raise ValidationError(_l("Check the column policies."), fields)
    policies = ensure(category)
    before = {c: p.role for c, p in policies.items()}
    for column, policy in policies.items():
        policy.role = roles.get(column, policy.role)
        policy.confirmed = True
        policy.updated_by_id, policy.updated_at = actor.id, utcnow()
    setting = category_policy(category) or CategoryPolicy(category_id=category.id)
    setting.min_group_size, setting.epsilon_budget = size, epsilon
    setting.confirmed_by_id, setting.confirmed_at = actor.id, utcnow()
    db.session.add(setting)
    db.session.flush()
    audit.record(
        actor,
        "column_policy.confirmed",
        "category",
        category.code,
        before=before,
        after={c: p.role for c, p in policies.items()} | {"min_group_size": size, "epsilon_budget": epsilon},
    )
    db.session.flush()
    return describe(category)


def describe(category) -> dict:
    policies = {
        p.column: p for p in db.session.scalars(select(ColumnPolicy).where(ColumnPolicy.category_id == category.id))
    }
    setting = category_policy(category)
    return {
        "category": category.code,
        "min_group_size": min_group_size(category),
        "epsilon_budget": setting.epsilon_budget if setting else None,
        "columns": [
            {
                "name": f["name"],
                "label_zh": f.get("label_zh", ""),
                "label_en": f.get("label_en", ""),
                "type": f["type"],
                "role": policies[f["name"]].role if f["name"] in policies else propose_role(f),
                "proposed_role": propose_role(f),
                "confirmed": bool(policies.get(f["name"]) and policies[f["name"]].confirmed),
            }
            for f in category.fields or []
        ],
    }
