"""Who is asking: web sessions (Flask-Login) and API bearer tokens."""

from functools import wraps

from flask import request
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from accounts import services
from accounts.models import User
from core.errors import Forbidden, Unauthorized
from core.extensions import db, login_manager

login_manager.login_view = "accounts.login"
login_manager.login_message = _l("Please sign in to continue.")
login_manager.login_message_category = "info"


@login_manager.user_loader
def load_user(session_id: str):
    """The session's user, only while the session's generation is the user's current one (sign-out
    and password change raise it, so an older cookie, copied or not, signs in no one)."""
    user_id, _, generation = (session_id or "").partition(".")
    if not (user_id.isdigit() and generation.isdigit() and len(user_id) <= 10 and len(generation) <= 10):
        return None
    user = db.session.get(User, int(user_id))
    if user is None or user.session_generation != int(generation):
        return None
    return user


def api_user() -> User | None:
    """The API caller: a bearer token always; the browser session only for reads (no CSRF on the API)."""
    header = request.headers.get("Authorization", "")
    if header:
        scheme, _, token = header.partition(" ")
        user = services.user_for_token(token.strip()) if scheme.lower() == "bearer" and token.strip() else None
        if user is None:
            raise Unauthorized(_l("The API token is missing, unknown or revoked."))
        return user
    if request.method in ("GET", "HEAD") and current_user.is_authenticated:
        return current_user._get_current_object()
    return None


def require_api_user(*roles: str) -> User:
    user = api_user()
    if user is None:
        raise Unauthorized(_l("Send an API token: Authorization: Bearer TOKEN."))
    if roles and user.role not in roles:
        raise Forbidden(_l("Your role may not do this."))
    return user


def role_required(*roles: str):
    """Web views: sign in first, then only the given roles."""

    def decorator(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if roles and current_user.role not in roles:
                raise Forbidden(_l("Your role may not do this."))
            return view(*args, **kwargs)

        return wrapper

    return decorator
