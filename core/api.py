"""The /api/v1 root: the OpenAPI document, assembled from what each domain's api module declares."""

from flask import Blueprint, jsonify

from core import openapi

bp = Blueprint("api", __name__, url_prefix="/api/v1")


@bp.get("/openapi.json")
def openapi_document():
    return jsonify(openapi.document())


@bp.route("/<path:anything>", methods=["GET", "POST", "PUT", "PATCH", "DELETE"])
def unknown(anything):
    from core.errors import NotFound

    raise NotFound("No such API route.")
