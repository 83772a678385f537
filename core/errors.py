"""Domain errors and how the web layer answers them.

Services raise these; they never call abort(). API routes get the contract's error body
({"error": {"code", "message", "fields"}}), HTML routes an error page in the user's language.
"""

from flask import jsonify, render_template, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import DataError, IntegrityError
from werkzeug.exceptions import HTTPException

from core import uow
from core.extensions import db


class DomainError(Exception):
    status = 400
    code = "validation_error"

    def __init__(self, message: str = "", fields: dict | None = None):
        super().__init__(message)
        uow.note_refusal()  # a request that met a refusal does not commit, even if its view caught it
        self.message = message
        self.fields = fields or {}


class ValidationError(DomainError):
    status = 400
    code = "validation_error"


class Unauthorized(DomainError):
    status = 401
    code = "unauthorized"


class Forbidden(DomainError):
    status = 403
    code = "forbidden"


class NotFound(DomainError):
    status = 404
    code = "not_found"


class Conflict(DomainError):
    status = 409
    code = "conflict"


class PayloadTooLarge(DomainError):
    status = 413
    code = "payload_too_large"

    def __init__(self, limit: int):
        megabytes = f"{limit / (1024 * 1024):g}"
        super().__init__(_("The request is larger than the limit of %(mb)s MB.", mb=megabytes))


_HTTP_CODES = {
    400: "validation_error",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    409: "conflict",
    413: "payload_too_large",
}


def error_body(code: str, message: str, fields: dict | None = None) -> dict:
    return {"error": {"code": code, "message": message, "fields": fields or {}}}


def wants_json() -> bool:
    return request.path.startswith("/api/") or request.path.startswith("/webhooks/")


def register(app):
    @app.errorhandler(DomainError)
    def domain_error(exc: DomainError):
        if wants_json():
            return jsonify(error_body(exc.code, exc.message, exc.fields)), exc.status
        return render_template("error.html", status=exc.status, message=exc.message), exc.status

    @app.errorhandler(DataError)
    def data_error(exc: DataError):
        # Last line of defence: input the database cannot store is the caller's error, not ours.
        db.session.rollback()
        message = _("The input contains characters or values that cannot be stored.")
        if wants_json():
            return jsonify(error_body("validation_error", message)), 400
        return render_template("error.html", status=400, message=message), 400

    @app.errorhandler(IntegrityError)
    def integrity_error(exc: IntegrityError):
        # The database's constraints are the last line of defence behind the locks (core/locks.py):
        # a decision taken twice at the same moment is a conflict with the state, not our failure.
        db.session.rollback()
        app.logger.warning("integrity error answered as 409: %s", exc.orig)
        message = _default_message(409)
        if wants_json():
            return jsonify(error_body("conflict", message)), 409
        return render_template("error.html", status=409, message=message), 409

    @app.errorhandler(CSRFError)
    def csrf_error(exc: CSRFError):
        message = _("The form expired or did not come from this site. Reload the page and try again.")
        if wants_json():
            return jsonify(error_body("validation_error", message)), 400
        return render_template("error.html", status=400, message=message), 400

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        status = exc.code or 500
        # keep what the exception says about itself: Allow on a 405, Retry-After on a 429, …
        headers = [(k, v) for k, v in exc.get_headers() if k.lower() != "content-type"]
        if wants_json():
            code = _HTTP_CODES.get(status, "validation_error" if status < 500 else "server_error")
            message = _default_message(status) or exc.description
            return jsonify(error_body(code, message)), status, headers
        return render_template("error.html", status=status, message=_default_message(status)), status, headers


def _default_message(status: int) -> str:
    return {
        400: _("The request could not be understood."),
        401: _("Please sign in."),
        403: _("You are not allowed to do this."),
        404: _("Not found."),
        405: _("This method is not allowed here."),
        409: _("This conflicts with the current state."),
        413: _("The request is too large."),
        429: _("Too many attempts. Please wait a minute and try again."),
    }.get(status, _("Something went wrong on our side."))
