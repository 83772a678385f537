"""Response headers every page and API answer carries, and the one rule for redirect targets.

The Content-Security-Policy allows scripts and styles from this site only: templates carry no inline
script, style attribute or event handler (behaviour lives in core/static/js). Pages may not be framed.
When the public address is https (or SECURE_COOKIES says so) cookies are Secure, the session cookie
takes the `__Host-` prefix and browsers are told to keep to https (HSTS).
"""

from urllib.parse import urlsplit

from flask import current_app, url_for
from werkzeug.datastructures import Headers

# Stripe Checkout is reached by a redirect after our own form post; browsers apply form-action to it.
_CHECKOUT_ORIGIN = "https://checkout.stripe.com"

PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), "
    "payment=(), usb=(), interest-cohort=()"
)


def content_security_policy() -> str:
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            f"form-action 'self' {_CHECKOUT_ORIGIN}",
            "frame-ancestors 'none'",
        ]
    )


# (lower-case name, name, value) of the headers every answer carries, the policy built once
EVERY_ANSWER = tuple(
    (name.lower(), name, value)
    for name, value in (
        ("Content-Security-Policy", content_security_policy()),
        ("X-Frame-Options", "DENY"),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "strict-origin-when-cross-origin"),
        ("Permissions-Policy", PERMISSIONS_POLICY),
    )
)


_EVERY_KEYS = frozenset(key for key, _name, _value in EVERY_ANSWER)
_EVERY_PAIRS = tuple((name, value) for _key, name, value in EVERY_ANSWER)


def add_headers(response, config=None):
    """config: the app's (default: current_app's), for a response made outside a request context.
    A header the answer already has is kept (one look at the answer's header names, then appended).
    When it has none of them (nearly every answer), the five go on as one list: Werkzeug's
    Headers.add would check each constant value again (its str and newlines) on every answer."""
    config = current_app.config if config is None else config
    headers = response.headers
    pairs = headers._list if type(headers) is Headers else None
    present = {name.lower() for name, _value in (pairs if pairs is not None else headers.items())}
    if pairs is not None and present.isdisjoint(_EVERY_KEYS):
        pairs.extend(_EVERY_PAIRS)
    else:
        for key, name, value in EVERY_ANSWER:
            if key not in present:
                headers.add(name, value)
    hsts = config.get("HSTS_SECONDS", 0)
    if hsts:
        headers.setdefault("Strict-Transport-Security", f"max-age={int(hsts)}; includeSubDomains")
    return response


def register(app):
    app.after_request(add_headers)


def safe_redirect_target(target: str | None, default_endpoint: str = "catalog.home") -> str:
    """A same-site relative path (`/search?q=…`), or the default page. Refused: anything with a scheme
    or host, `//host` (and `///host`, which browsers also read as a host), backslashes (browsers read `/\\host` as `//host`) and any control or space
    character (`/%09/evil.example` becomes `//evil.example` once the tab is dropped)."""
    default = url_for(default_endpoint)
    if not target or not isinstance(target, str) or len(target) > 2000:
        return default
    if "\\" in target or any(ord(ch) < 0x21 or 0x7F <= ord(ch) <= 0x9F or ch.isspace() for ch in target):
        return default
    try:
        parts = urlsplit(target)
    except ValueError:
        return default
    if target.startswith("//") or parts.scheme or parts.netloc or not parts.path.startswith("/"):
        return default
    return target
