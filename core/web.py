"""The helpers every package's HTML views share: who is signed in, a service's field messages onto a
form, a bare POST's CSRF check."""

from flask import flash, redirect
from flask_babel import gettext as _
from flask_login import current_user

from core.errors import ValidationError
from core.forms import EmptyForm


def me():
    """The signed-in user (the real object, not the proxy), or None."""
    return current_user._get_current_object() if current_user.is_authenticated else None


def role() -> str | None:
    return current_user.role if current_user.is_authenticated else None


def put_errors(form, exc: ValidationError, rename: dict | None = None) -> None:
    """The service's field messages onto the form's fields; the rest into the flash message."""
    loose = []
    for name, messages in (exc.fields or {}).items():
        field = form._fields.get((rename or {}).get(name, name))
        if field is None:
            loose += [str(m) for m in messages]
            continue
        field.errors = list(field.errors or []) + [str(m) for m in messages]
    flash(" ".join([str(exc.message or _("Check the highlighted fields."))] + loose), "error")


def has_errors(*forms) -> bool:
    return any(field.errors for form in forms if form is not None for field in form)


def checked_post(back: str):
    """A bare POST (a button): its CSRF token checked; None when fine, else a redirect."""
    if EmptyForm().validate_on_submit():
        return None
    flash(_("The form expired or did not come from this site. Reload the page and try again."), "error")
    return redirect(back)
