"""Delivery pages: the workspace per agreement, the steward's column-policy and export-approval
pages, usage pages for each role."""

from flask import Blueprint

bp = Blueprint(
    "delivery", __name__, template_folder="templates", static_folder="static", static_url_path="/static/delivery"
)
