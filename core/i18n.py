"""Language choice and locale-aware formatting (zh_CN by default, English beside it)."""

from decimal import Decimal
from functools import cache, lru_cache

from babel import Locale, numbers
from flask import current_app, request, session, url_for
from flask.globals import _cv_app, _cv_request
from flask_babel import format_datetime, format_decimal, get_locale, get_translations
from flask_login import current_user
from jinja2 import pass_context
from markupsafe import Markup

from core.roles import ROLE_LABELS
from core.timeutil import as_utc
from core.web import plain_url

SUPPORTED = ("zh_CN", "en")


def select_locale() -> Locale:
    """The request's locale (Flask-Babel's selector), parsed once per name: Babel would parse the
    name again on every request (a scan of its locale list, a good part of a fast API call)."""
    return _parsed(_locale_name())


@cache
def _parsed(name: str) -> Locale:
    return Locale.parse(name)


def _locale_name() -> str:
    ctx = _cv_request.get(None)
    if ctx is None:  # CLI and background work speak the default language
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    req = ctx.request  # the request once, not through its proxy at each look
    args = req.args
    asked = args.get("lang") if "lang" in args else None  # (a missing key's get raises inside)
    if asked in SUPPORTED:
        session["lang"] = asked
        return asked
    if session.get("lang") in SUPPORTED:
        return session["lang"]
    # a bearer-token call has no session user: its language is its Accept-Language
    # (a user is signed in by a cookie — the session's or Flask-Login's remember cookie — so a call
    # without cookies needs no user loaded)
    signed_in = (
        bool(req.environ.get("HTTP_COOKIE"))
        and bool(req.cookies)
        and not getattr(session, "bearer", False)
        and getattr(current_user, "is_authenticated", False)
    )
    if signed_in and current_user.locale in SUPPORTED:
        return current_user.locale
    return anonymous_locale_name(req, ctx.app.config["BABEL_DEFAULT_LOCALE"])


def anonymous_locale_name(req, default: str) -> str:
    """The language of a request without a session or a ?lang=: an API call's Accept-Language, else
    the default (also read by catalog/cache.py's light path, before Flask's request context)."""
    if req.path.startswith("/api/") and req.accept_languages:
        best = req.accept_languages.best_match(["zh", "zh-CN", "en"])
        if best and best.startswith("en"):
            return "en"
    return default


def locale_key(name: str) -> str:
    """The locale name as str(get_locale()) spells it."""
    return str(_parsed(name))


def locale_name() -> str:
    """str(get_locale()): once the request's locale is chosen, read where Flask-Babel keeps it (g,
    as its get_locale does) and its name kept per Locale object (the selector's are kept per name)."""
    app_ctx = _cv_app.get(None)
    kept = None if app_ctx is None else app_ctx.g.__dict__.get("_flask_babel")
    locale = getattr(kept, "babel_locale", None)
    if locale is None:
        locale = get_locale()
    named = _names.get(id(locale))
    if named is None or named[0] is not locale:
        if len(_names) > 64:
            _names.clear()
        named = _names[id(locale)] = (locale, str(locale))
    return named[1]


_names: dict[int, tuple] = {}  # id(Locale) -> (the Locale, kept so its id is not reused; its name)


def is_english() -> bool:
    return locale_name().startswith("en")


def localized(obj, attr: str) -> str:
    """obj.<attr>_en in English, obj.<attr>_zh otherwise (falls back to the other language)."""
    primary, fallback = ("en", "zh") if is_english() else ("zh", "en")
    return getattr(obj, f"{attr}_{primary}", None) or getattr(obj, f"{attr}_{fallback}", "") or ""


def fmt_number(value) -> str:
    if value is None:
        return ""
    if isinstance(value, int) and not isinstance(value, bool):
        return _whole_number(str(get_locale()), value)
    return format_decimal(value)


@lru_cache(maxsize=4096)
def _whole_number(locale: str, value: int) -> str:
    """Counts repeat on every page (facet counts, record counts): each formatted once per language."""
    return numbers.format_decimal(value, locale=locale)


def fmt_money(value) -> str:
    if value is None:
        return ""
    return "¥" + format_decimal(Decimal(value), format="#,##0.00")


def fmt_datetime(value, fmt: str = "medium") -> str:
    return "" if value is None else format_datetime(as_utc(value), fmt)


def fmt_count_short(value: int) -> str:
    """Large counts the way each language reads them: 1.65亿 / 165.2M."""
    if value is None:
        return ""
    if is_english():
        for size, suffix in ((1_000_000_000, "B"), (1_000_000, "M"), (1_000, "K")):
            if value >= size:
                return format_decimal(round(value / size, 1)) + suffix
        return format_decimal(value)
    for size, suffix in ((100_000_000, "亿"), (10_000, "万")):
        if value >= size:
            return format_decimal(round(value / size, 2)) + suffix
    return format_decimal(value)


def url_with(**changes) -> str:
    """The current page's URL with some query arguments changed (None removes one)."""
    req = request._get_current_object()
    # what every call of a render asks the request (a search page makes about a dozen): once per request
    current = req.__dict__.get("_url_with")
    if current is None:
        current = req._url_with = (req.args.to_dict(), req.endpoint, req.url_rule, req.view_args)
    query, endpoint, rule, view_args = current
    args = {**query, **changes}
    args = {k: v for k, v in args.items() if v not in (None, "")}
    if endpoint is None or rule is None or endpoint.startswith("static"):
        return url_for("catalog.home", **{k: v for k, v in changes.items() if v})
    values = {**args, **(view_args or {})}
    return plain_url(endpoint, values) or url_for(endpoint, **values)


# Templates' _() / ngettext(): flask_babel looks the request's translations up again at every call
# (a page makes about 30); a render looks them up once (`_i18n`, put in every template's context) and
# its calls use them. A template rendered without that context (an imported macro) looks them up.


def _translations(context):
    return context.get("_i18n") or get_translations()


@pass_context
def _gettext(context, string):
    return _translations(context).ugettext(string)


@pass_context
def _ngettext(context, singular, plural, n):
    return _translations(context).ungettext(singular, plural, n)


@pass_context
def _pgettext(context, message_context, string):
    return _translations(context).upgettext(message_context, string)


@pass_context
def _npgettext(context, message_context, singular, plural, n):
    return _translations(context).unpgettext(message_context, singular, plural, n)


# Jinja's newstyle _() and ngettext() in one call each: its own wrapper (jinja2.ext._make_new_gettext)
# calls the function above through the context again. Same result: the translation, as Markup when
# autoescaping, always formatted with the call's variables.


@pass_context
def _template_gettext(context, string, /, **variables):
    rv = _translations(context).ugettext(string)
    if context.eval_ctx.autoescape:
        # bandit B704: our own catalog's text, as Jinja's wrapper marks it; Markup's % escapes the variables
        rv = Markup(rv)  # nosec B704
    if not variables and "%" not in rv:
        return rv  # what `rv % {}` gives, without formatting (most of a page's strings)
    return rv % variables


@pass_context
def _template_ngettext(context, singular, plural, num, /, **variables):
    variables.setdefault("num", num)
    rv = _translations(context).ungettext(singular, plural, num)
    if context.eval_ctx.autoescape:
        # bandit B704: our own catalog's text, as Jinja's wrapper marks it; Markup's % escapes the variables
        rv = Markup(rv)  # nosec B704
    return rv % variables


@pass_context
def _template_number(context, value) -> str:
    """The `number` filter: the render's locale (`_locale`) instead of asking Flask-Babel again."""
    locale = context.get("_locale")
    if locale is not None and isinstance(value, int) and not isinstance(value, bool):
        return _whole_number(locale, value)
    return fmt_number(value)


def _render_context() -> dict:
    """Put in every template's context: the translations, the locale and whether it is English,
    looked up once per render."""
    locale = str(get_locale())
    return {"_i18n": get_translations(), "_locale": locale, "english": locale.startswith("en")}


def register(app):
    app.jinja_env.install_gettext_callables(
        gettext=_gettext, ngettext=_ngettext, newstyle=True, pgettext=_pgettext, npgettext=_npgettext
    )
    # `_` straight to ours too: Jinja's own `_` calls `gettext` through the context again
    app.jinja_env.globals.update(_=_template_gettext, gettext=_template_gettext, ngettext=_template_ngettext)
    app.context_processor(_render_context)
    app.jinja_env.filters.update(
        number=_template_number, money=fmt_money, datetime=fmt_datetime, count_short=fmt_count_short
    )
    app.jinja_env.globals.update(
        localized=localized,
        is_english=is_english,
        get_locale=get_locale,
        url_with=url_with,
        role_label=lambda role: str(ROLE_LABELS.get(role, role)),
    )
