"""The top of the layers: the app factory (`create_app`) puts every package together — models, tasks,
scheduled work, blueprints and CLI groups. Nothing in the project imports this package but `wsgi.py`,
the tests and the bench (see ARCHITECTURE.md, "Layers")."""

import os
import secrets
from functools import partial

from flask import Flask, request
from flask.globals import _cv_request

import accounts.auth  # noqa: F401  (the user loader)
import accounts.models  # noqa: F401
import accounts.notify  # noqa: F401  (the bulk_email task)
import catalog.models  # noqa: F401
import catalog.tasks  # noqa: F401
import core.audit  # noqa: F401
import core.jobs  # noqa: F401
import core.scheduler  # noqa: F401
import core.sequences  # noqa: F401
import delivery.models  # noqa: F401
import delivery.tasks  # noqa: F401
import finance.models  # noqa: F401
import finance.tasks  # noqa: F401
import marketplace.models  # noqa: F401
import pricing.models  # noqa: F401
from accounts.api import bp as accounts_api
from accounts.cli import users_cli
from accounts.views import bp as accounts_bp
from app import jobs_api, schedule  # noqa: F401  (jobs_api: GET /api/v1/jobs/{id} on core's API blueprint)
from app.auditlog import bp as audit_bp
from app.demo import demo_cli
from catalog import operations as catalog_operations
from catalog.api import bp as catalog_api
from catalog.cache import LightReads
from catalog.cli import catalog_cli
from catalog.search import sync
from catalog.views import bp as catalog_bp
from core import (
    config,
    errors,
    health,
    i18n,
    jobs,
    limits,
    locks,
    metrics,
    scheduler,
    security,
    sessions,
    uow,
    validation,
    web,
)
from core import logging as request_logging
from core.api import bp as api_bp
from core.cli import jobs_cli
from core.extensions import babel, cache, csrf, db, limiter, login_manager, migrate
from core.inputs import BoundedRequest
from delivery import inbox as delivery_inbox
from delivery.api import bp as delivery_api
from delivery.cli import data_cli, delivery_cli
from delivery.views import bp as delivery_bp
from finance.api import bp as finance_api
from finance.cli import finance_cli
from finance.views import bp as finance_bp
from finance.webhooks import bp as finance_webhooks
from marketplace.api import bp as marketplace_api
from marketplace.cli import marketplace_cli
from marketplace.services import inbox
from marketplace.views import bp as marketplace_bp
from pricing.api import bp as pricing_api
from pricing.cli import pricing_cli
from pricing.disclosure import bp as disclosure_bp
from pricing.documents import bp as pricing_documents
from pricing.views import bp as pricing_bp

CORE_DIR = config.ROOT / "core"  # the base templates and the static files


class App(Flask):
    """Flask whose request.get_json() refuses bodies too large or nested too deeply (core.inputs),
    and which asks whether a hook or view is a coroutine once per function, not at every call
    (about twenty per request)."""

    request_class = BoundedRequest

    def ensure_sync(self, func):
        known = self.__dict__.setdefault("_sync_callables", {})
        try:
            return known[func]
        except KeyError:
            pass
        except TypeError:  # not hashable: asked each time, as Flask does
            return super().ensure_sync(func)
        made = super().ensure_sync(func)
        if len(known) < 4096:
            known[func] = made
        return made


def create_app(overrides: dict | None = None) -> Flask:
    app = App(
        __name__,
        instance_relative_config=True,
        template_folder=str(CORE_DIR / "templates"),
        static_folder=str(CORE_DIR / "static"),
    )
    os.makedirs(app.instance_path, exist_ok=True)

    app.config.update(config.load(app.instance_path))
    if overrides:
        app.config.update(overrides)
    _require_secret_key(app)
    request_logging.register(app)  # first: request ids reach every later hook's log records

    db.init_app(app)
    uow.init_app(app)  # the request is the unit of work's edge (core/uow.py); early, so it commits last
    migrate.init_app(app, db, directory=str(config.ROOT / "migrations"), render_as_batch=True)
    login_manager.init_app(app)
    csrf.init_app(app)
    limiter.init_app(app)
    cache.init_app(app)

    babel.init_app(app, locale_selector=i18n.select_locale, timezone_selector=lambda: "Asia/Shanghai")
    i18n.register(app)
    errors.register(app)
    locks.register(app)
    limits.register(app)
    security.register(app)
    sessions.register(app)
    validation.init_app(app)
    jobs.init_app(app)
    _register_operations(app)

    _register_blueprints(app)
    _register_cli(app)
    app.jinja_env.globals.update(url_for=web.template_url_for, fragment=web.fragment)

    _skip_idle_hooks(app)
    sync.at_start(app)  # this node's search index applies the catalog changes it missed
    # stored anonymous catalog answers go out before Flask's request machinery (catalog/cache.py)
    app.wsgi_app = LightReads(app, app.wsgi_app)
    return app


def _register_operations(app):
    """Request metrics, the probes (/healthz, /readyz), /metrics and the scheduler's CLI; the checks,
    gauges and periodic tasks of the packages above core are handed to them here (and to the inbox,
    delivery's export decisions)."""
    health.CHECKS.setdefault("search_index", catalog_operations.check_search_index)
    inbox.SOURCES.setdefault("export.decide", (delivery_inbox.export_tasks, delivery_inbox.exports_waiting))
    metrics.add_state_source(catalog_operations.search_index_gauges)
    scheduler.TASKS.update(schedule.TASKS)
    metrics.register(app)
    health.register(app)
    scheduler.register(app)


class MissingSecretKey(RuntimeError):
    pass


def _require_secret_key(app: Flask) -> None:
    """Sessions and CSRF tokens are signed with SECRET_KEY; a guessable key lets anyone forge a
    session. Debug and tests get a random key for this process only; anything else must be given one."""
    if app.config.get("SECRET_KEY"):
        return
    if app.debug or app.testing:
        app.config["SECRET_KEY"] = secrets.token_urlsafe(48)
        return
    raise MissingSecretKey(
        "SECRET_KEY is not set. Set the SECRET_KEY environment variable to a long random value, "
        f"or run `make run` once to create {os.path.join(app.instance_path, 'secret_key')}."
    )


def _register_blueprints(app):
    app.register_blueprint(catalog_bp)
    app.register_blueprint(accounts_bp)
    app.register_blueprint(accounts_api)
    app.register_blueprint(api_bp)
    app.register_blueprint(catalog_api)
    app.register_blueprint(marketplace_api)
    app.register_blueprint(pricing_api)
    app.register_blueprint(disclosure_bp)
    app.register_blueprint(audit_bp)
    app.register_blueprint(marketplace_bp)
    app.register_blueprint(pricing_bp)
    app.register_blueprint(pricing_documents)
    app.register_blueprint(finance_webhooks)
    app.register_blueprint(finance_api)
    app.register_blueprint(finance_bp)
    app.register_blueprint(delivery_api)
    app.register_blueprint(delivery_bp)
    # The JSON API authenticates with bearer tokens only for writes, so it carries no CSRF token.
    csrf.exempt(api_bp)
    csrf.exempt(catalog_api)
    csrf.exempt(accounts_api)
    csrf.exempt(marketplace_api)
    csrf.exempt(pricing_api)
    csrf.exempt(finance_api)
    csrf.exempt(delivery_api)
    # Stripe signs its webhook body instead.
    csrf.exempt(finance_webhooks)
    # The catalog's reads have no rate limit of their own; exempt, the limiter's per-request check
    # (about a millisecond) is skipped on the busiest pages.
    limiter.exempt(catalog_api)
    limiter.exempt(catalog_bp)
    # nor has the negotiation API (its offers and accepts are the busiest writes)
    limiter.exempt(pricing_api)


UNLIMITED = frozenset({"catalog_api", "catalog", "pricing_api", "metrics", "health"})


@limiter.request_filter  # once per process: the limiter is shared by every app made in it
def _unlimited() -> bool:
    """The exempt blueprints' requests skip most of the limiter's per-request work (resolving the
    exemption again each time); none of their views has a limit of its own."""
    return request.blueprint in UNLIMITED


def _skip_idle_hooks(app) -> None:
    """Hooks with nothing to do for a request are not run for it (one cheap check in their place):
    the limiter's three (before, after, teardown) for the blueprints it exempts (UNLIMITED: no
    limit, no meta limit, no header to add; Flask-Limiter would find that out at each request),
    CSRF protection for methods it does not check (a GET), and Flask-Login's remember-cookie update
    for an empty session (every request without a session cookie) while the cookie is not refreshed
    at every request (REMEMBER_COOKIE_REFRESH_EACH_REQUEST): it would find no "_remember" in it and
    change nothing. The checks read the request from its context variable, not through the proxy."""
    unlimited, config = UNLIMITED, app.config

    def limiter_hook(hook) -> bool:
        owner = getattr(hook, "__self__", None) or (hook.args[0] if isinstance(hook, partial) and hook.args else None)
        return owner is limiter

    def exempt() -> bool:
        return _cv_request.get().request.blueprint in unlimited

    def before(hook):
        if limiter_hook(hook):
            return lambda: None if exempt() else hook()
        if getattr(hook, "__module__", "") == "flask_wtf.csrf":
            return lambda: hook() if _cv_request.get().request.method in config["WTF_CSRF_METHODS"] else None
        return hook

    def after(hook):
        if limiter_hook(hook):
            return lambda response: response if exempt() else hook(response)
        if getattr(hook, "__self__", None) is login_manager and hook.__name__ == "_update_remember_cookie":
            return lambda response: (
                response
                # (the context's session property marks the session looked at, as the hook's look
                # did: the answer still says Vary: Cookie)
                if not config.get("REMEMBER_COOKIE_REFRESH_EACH_REQUEST") and not _cv_request.get().session
                else hook(response)
            )
        return hook

    def teardown(hook):
        if limiter_hook(hook):
            return lambda exc=None: None if exempt() else hook(exc)
        return hook

    for hooks, wrap in (
        (app.before_request_funcs, before),
        (app.after_request_funcs, after),
        (app.teardown_request_funcs, teardown),
    ):
        hooks[None] = [wrap(hook) for hook in hooks.get(None, [])]


def _register_cli(app):
    app.cli.add_command(users_cli)
    app.cli.add_command(catalog_cli)
    app.cli.add_command(demo_cli)
    app.cli.add_command(jobs_cli)
    app.cli.add_command(marketplace_cli)
    app.cli.add_command(pricing_cli)
    app.cli.add_command(finance_cli)
    app.cli.add_command(data_cli)
    app.cli.add_command(delivery_cli)
