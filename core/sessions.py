"""Browser sessions (signed cookies), and none for API calls that carry a bearer token: the token is
the caller's identity, so such a call neither reads a session cookie nor sets one, and nothing it does
(a language asked with ?lang=) outlives it."""

from flask.sessions import SecureCookieSessionInterface


def bearer(request) -> bool:
    return request.headers.get("Authorization", "")[:7].lower() == "bearer "


class SessionInterface(SecureCookieSessionInterface):
    def open_session(self, app, request):
        if bearer(request):
            session = self.session_class()
            session.bearer = True
            return session
        if self.get_cookie_name(app) not in request.cookies:
            return self.session_class()  # nothing to verify: skip building the signing serializer
        return super().open_session(app, request)

    def save_session(self, app, session, response):
        if getattr(session, "bearer", False):
            return
        super().save_session(app, session, response)


def register(app) -> None:
    app.session_interface = SessionInterface()
