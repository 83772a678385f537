"""The helpers every package's HTML views share: who is signed in, a service's field messages onto a
form, a bare POST's CSRF check; templates' url_for."""

import re
from functools import lru_cache
from urllib.parse import quote, quote_plus, urlencode

from flask import current_app, flash, has_request_context, redirect, request
from flask_babel import gettext as _
from flask_login import current_user
from jinja2 import pass_context
from markupsafe import Markup
from werkzeug.datastructures import iter_multi_items
from werkzeug.routing import UnicodeConverter

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


_PLAIN_PATH = re.compile(r"[A-Za-z0-9/_.-]+")


def _only_rule(app, endpoint: str):
    """endpoint's one URL rule when it is the only one and is built as its path says (no defaults,
    host, subdomain or redirect, not build-only), else None."""
    try:
        rules = list(app.url_map.iter_rules(endpoint))
    except KeyError:
        return None
    rule = rules[0] if len(rules) == 1 else None
    if rule is None or rule.defaults or rule.host or rule.subdomain or rule.build_only or rule.redirect_to is not None:
        return None
    return rule


def _plain_rule(app, endpoint: str) -> str | None:
    """The path of endpoint's one URL rule when it has no variables (e.g. /search), else None;
    looked up once per app and endpoint."""
    plain = app.extensions.setdefault("plain_rules", {})
    if endpoint not in plain:
        rule = _only_rule(app, endpoint)
        plain[endpoint] = (
            rule.rule if rule is not None and not rule.arguments and _PLAIN_PATH.fullmatch(rule.rule) else None
        )
    return plain[endpoint]


def plain_url(endpoint: str, values: dict) -> str | None:
    """endpoint's URL with values as its query string, as Flask's url_for builds it (None values left
    out, lists repeated, in the given order, Werkzeug's quoting), made here without the routing
    map's builder when the endpoint's rule is plain (_plain_rule); None when it is not, or a value
    is one of url_for's own (_external, _anchor, …)."""
    app = current_app._get_current_object()
    if app.url_default_functions or any(name[:1] == "_" for name in values):
        return None
    path = _plain_rule(app, endpoint)
    if path is None:
        return None
    items = [(k, v) for k, v in iter_multi_items(values) if v is not None]
    url = request.script_root + path
    return f"{url}?{_urlencode(items)}" if items else url


_QUERY_SAFE = "!$'()*,/:;?@"  # werkzeug.urls._urlencode's


def _urlencode(items: list) -> str:
    """urlencode(items, safe=_QUERY_SAFE), each text quoted once per process (a page's links repeat
    the same few arguments and values: the query, its filters, page numbers)."""
    if any(isinstance(k, bytes) or isinstance(v, bytes) for k, v in items):
        return urlencode(items, safe=_QUERY_SAFE)
    return "&".join(f"{_quoted(str(k))}={_quoted(str(v))}" for k, v in items)


@lru_cache(maxsize=4096)
def _quoted(text: str) -> str:
    return quote_plus(text, safe=_QUERY_SAFE)


_ONE_VARIABLE = re.compile(r"([A-Za-z0-9/_.-]*)<(?:string:)?([A-Za-z_][A-Za-z0-9_]*)>([A-Za-z0-9/_.-]*)")
_SEGMENT_SAFE = "!$&'()*+,/:;=@"  # werkzeug.routing.BaseConverter.to_url's


def _one_variable_rule(app, endpoint: str) -> tuple[str, str, str] | None:
    """(path before, variable, path after) of endpoint's one URL rule when it is a plain path around
    one plain string variable (e.g. /categories/<code>), else None; looked up once per app and endpoint."""
    known = app.extensions.setdefault("one_variable_rules", {})
    if endpoint not in known:
        rule = _only_rule(app, endpoint)
        found = _ONE_VARIABLE.fullmatch(rule.rule) if rule is not None else None
        plain = found is not None and type(rule._converters.get(found.group(2))) is UnicodeConverter
        known[endpoint] = found.groups() if plain else None
    return known[endpoint]


def variable_url(endpoint: str, values: dict) -> str | None:
    """endpoint's URL as url_for builds it when its rule is a plain path around one string variable
    and values give just that variable (a result's link to its category, to its department); None
    otherwise."""
    app = current_app._get_current_object()
    if app.url_default_functions or len(values) != 1:
        return None
    rule = _one_variable_rule(app, endpoint)
    if rule is None:
        return None
    before, name, after = rule
    value = values.get(name)
    if value is None:
        return None
    return f"{request.script_root}{before}{quote(str(value), safe=_SEGMENT_SAFE)}{after}"


def template_url_for(endpoint: str, **values) -> str:
    """Templates' url_for: the links every page repeats (the navigation, the static files: an
    endpoint alone or with a filename) are built once per app and script root; links to a plain
    rule with a query string (a search, a page of it) are put together directly (plain_url);
    others as Flask builds them."""
    app = current_app._get_current_object()
    if not has_request_context() or app.url_default_functions:
        return app.url_for(endpoint, **values)
    if values and set(values) != {"filename"}:
        return variable_url(endpoint, values) or plain_url(endpoint, values) or app.url_for(endpoint, **values)
    built = app.extensions.setdefault("template_urls", {})
    key = (request.script_root, endpoint, values.get("filename"))
    url = built.get(key)
    if url is None:
        url = built[key] = app.url_for(endpoint, **values)
    return url


_FRAGMENTS_KEPT = 1024


@pass_context
def fragment(context, name: str, *key) -> Markup:
    """Template name rendered with this render's context, kept per app, language, script root and
    key and reused: for the parts of a page that show the same to every visitor for those (the
    navigation of a visitor not signed in, per page; the footer). Not kept while templates reload."""
    app = current_app._get_current_object()
    kept = app.extensions.setdefault("fragments", {})
    script_root = request.script_root if has_request_context() else ""
    cache_key = (name, context.get("_locale"), script_root, *key)
    html = kept.get(cache_key)
    if html is None:
        # bandit B704: the output of an autoescaping template render (its values escaped), not input
        html = Markup(app.jinja_env.get_template(name).render(context.get_all()))  # nosec B704
        if not app.jinja_env.auto_reload and len(kept) < _FRAGMENTS_KEPT:
            kept[cache_key] = html
    return html
