"""Who may see what. What a user may not see does not exist for them (NotFound, 404); what they see
but may not do is Forbidden (403)."""

from flask_babel import lazy_gettext as _l

from core import inputs, locks
from core.errors import Forbidden, NotFound, Unauthorized
from core.extensions import db
from core.locks import lock  # noqa: F401  (services lock through access.lock / load_for_update)

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


def require_enterprise(user):
    """An enterprise user acts for its enterprise only as an active member (accounts.membership): while
    a membership request waits, or after refusal or removal, the user has no enterprise to act for."""
    signed_in(user)
    if user.role == "consumer" and user.organisation_id is None:
        raise Forbidden(
            _l(
                "You are not an active member of an enterprise: your membership request waits for the "
                "enterprise administrator's approval, or it was refused or ended."
            )
        )
    return user


def require_verified(user):
    """The one gate of 实名认证: negotiating, signing agreements, paying and using data need an enterprise
    the operator has verified. Only enterprise users are checked (the other roles act for the
    platform's own organisations); everyone else passes through. Raises Forbidden (403) with a message
    that says what to do; call it after the object's visibility check, so unseen objects stay 404."""
    require_enterprise(user)
    if user.role == "consumer" and user.organisation.verification_status != "verified":
        raise Forbidden(
            _l(
                "Your enterprise is not verified yet (实名认证). Submit its business licence details on the "
                "verification page; once the operator has checked them you may negotiate, sign, pay and "
                "use data."
            )
        )
    return user


def is_operator(user) -> bool:
    return user is not None and getattr(user, "is_authenticated", False) and user.role in OPERATOR_ROLES


def load(model, object_id, message):
    return _found(lambda key: db.session.get(model, key), object_id, message)


def load_for_update(model, object_id, message, *options):
    """Load (404 if there is no such row) and lock it, in one read: see core.locks."""
    return _found(lambda key: locks.locked(model, key, *options), object_id, message)


def load_prebuilt_for_update(statement, object_id, message):
    """load_for_update() with a statement built once (core.locks.locked_by), its id bound as "id"."""
    return _found(lambda key: locks.locked_by(statement, {"id": key}), object_id, message)


def load_row_for_update(statement, object_id, message):
    """load_prebuilt_for_update() for a Core statement of a few columns (core.locks.locked_row):
    the locked row's values, not an ORM object."""
    return _found(lambda key: locks.locked_row(statement, {"id": key}), object_id, message)


def load_rows_for_update(statement, object_id, message):
    """load_row_for_update() for a statement of several rows (core.locks.locked_rows): the non-empty
    list of the locked rows' values."""
    return _found(lambda key: locks.locked_rows(statement, {"id": key}) or None, object_id, message)


def _found(read, object_id, message):
    """read(id) of a well-formed id; 404 (message) for an id that is not one, or no such row."""
    try:
        object_id = inputs.object_id(object_id)
    except ValueError:
        raise NotFound(message) from None
    obj = read(object_id)
    if obj is None:
        raise NotFound(message)
    return obj
