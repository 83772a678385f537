"""The marketplace's access checks: core.access (who may see what; re-exported here, so the services
say `access.require_verified(...)` whichever package they are in) and the department a steward
speaks for, which needs the catalog's departments."""

from sqlalchemy import select

from catalog.models import Department
from core.access import (  # noqa: F401  (re-exported: the services call access.<check>)
    OPERATOR_ROLES,
    OVERSIGHT_ROLES,
    is_operator,
    load,
    load_for_update,
    load_prebuilt_for_update,
    load_row_for_update,
    load_rows_for_update,
    lock,
    require_enterprise,
    require_role,
    require_verified,
    signed_in,
)
from core.errors import Forbidden, NotFound  # noqa: F401  (re-exported: delivery raises access.NotFound)
from core.extensions import db


def steward_department_id(user) -> int | None:
    """The department a steward speaks for (its organisation's department code)."""
    if user is None or not getattr(user, "is_authenticated", False) or user.role != "steward":
        return None
    return db.session.scalar(select(Department.id).where(Department.code == user.organisation.code))
