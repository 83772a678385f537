"""Browser sessions (signed cookies), and none for API calls that carry a bearer token: the token is
the caller's identity, so such a call neither reads a session cookie nor sets one, and nothing it does
(a language asked with ?lang=) outlives it."""

from flask.sessions import SecureCookieSessionInterface


def bearer(request) -> bool:
    return request.headers.get("Authorization", "")[:7].lower() == "bearer "


class SessionInterface(SecureCookieSessionInterface):
    def open_session(self, app, request):
        environ = request.environ
        if "HTTP_AUTHORIZATION" in environ and bearer(request):
            session = self.session_class()
            session.bearer = True
            return session
        # no Cookie header (every API client, the bench): no cookies to parse
        if not environ.get("HTTP_COOKIE") or self.get_cookie_name(app) not in request.cookies:
            return self.session_class()  # nothing to verify: skip building the signing serializer
        return super().open_session(app, request)

    def save_session(self, app, session, response):
        if getattr(session, "bearer", False):
            return
        if not session and not session.modified:
            # nothing to set or delete: Flask's save_session would only add "Vary: Cookie" when the
            # session was looked at, which the answer often says already (a catalog read's Vary)
            if session.accessed and not _varies_by_cookie(response):
                response.vary.add("Cookie")
            return
        super().save_session(app, session, response)


def _varies_by_cookie(response) -> bool:
    """Whether the answer's Vary already names Cookie (then response.vary.add("Cookie") changes
    nothing); a header with quotes is left to Werkzeug's parser (False)."""
    vary = response.headers.get("Vary")
    return vary is not None and '"' not in vary and any(part.strip().lower() == "cookie" for part in vary.split(","))


def register(app) -> None:
    app.session_interface = SessionInterface()
