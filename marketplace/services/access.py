"""Who may see what. What a user may not see does not exist for them (NotFound, 404); what they see
but may not do is Forbidden (403)."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from core import inputs
from core.errors import Forbidden, NotFound, Unauthorized
from core.extensions import db

OPERATOR_ROLES = ("operator", "admin")
OVERSIGHT_ROLES = ("operator", "admin", "coordinator")


def signed_in(user):
    if user is None or not getattr(user, "is_authenticated", False):
        raise Unauthorized(_l("Please sign in."))
    return user


def require_role(user, *roles: str):
    signed_in(user)
    if user.role not in roles:
        raise Forbidden(_l("Your role may not do this."))
    return user


def is_operator(user) -> bool:
    return user is not None and getattr(user, "is_authenticated", False) and user.role in OPERATOR_ROLES


def steward_department_id(user) -> int | None:
    """The department a steward speaks for (its organisation's department code)."""
    if user is None or not getattr(user, "is_authenticated", False) or user.role != "steward":
        return None
    from catalog.models import Department

    return db.session.scalar(select(Department.id).where(Department.code == user.organisation.code))


def load(model, object_id, message):
    try:
        object_id = inputs.object_id(object_id)
    except ValueError:
        raise NotFound(message) from None
    obj = db.session.get(model, object_id)
    if obj is None:
        raise NotFound(message)
    return obj


def load_for_update(model, object_id, message):
    """Load and lock the row (PostgreSQL: SELECT … FOR UPDATE OF its table, so eager joins are
    allowed) and refresh it, so concurrent decisions queue and each sees the state before it."""
    obj = load(model, object_id, message)
    return lock(obj)


def lock(obj):
    model = type(obj)
    statement = (
        select(model).where(model.id == obj.id).with_for_update(of=model).execution_options(populate_existing=True)
    )
    return db.session.execute(statement).unique().scalar_one()
