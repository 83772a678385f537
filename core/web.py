"""The helpers every package's HTML views share: who is signed in, a service's field messages onto a
form, a bare POST's CSRF check; templates' url_for."""

from flask import current_app, flash, has_request_context, redirect, request
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


def template_url_for(endpoint: str, **values) -> str:
    """Templates' url_for: the links every page repeats (the navigation, the static files: an
    endpoint alone or with a filename) are built once per app and script root; others as Flask
    builds them."""
    app = current_app._get_current_object()
    if not has_request_context() or app.url_default_functions or (values and set(values) != {"filename"}):
        return app.url_for(endpoint, **values)
    built = app.extensions.setdefault("template_urls", {})
    key = (request.script_root, endpoint, values.get("filename"))
    url = built.get(key)
    if url is None:
        url = built[key] = app.url_for(endpoint, **values)
    return url
