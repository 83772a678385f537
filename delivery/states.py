"""The export request's workflow, one table (core/states.py). Deciders are parties, not roles: the
providing department's steward ("department") and the operator ("operator"). Where the agreement's
terms ask for the operator's approval (`export_operator_approval`), the department's approval moves
the request to `awaiting_operator`; otherwise it is final. A final approval queues the job that makes
the file (`approved` → `preparing` → `ready`, or `failed`); termination revokes whatever is open."""

from flask_babel import lazy_gettext as _l

from core.states import StateMachine
from core.states import Transition as T

DECIDERS = ("department", "operator")
OPEN = ("requested", "awaiting_operator", "approved", "preparing", "ready")

EXPORT = StateMachine(
    "export",
    {
        "requested": _l("Awaiting the department"),
        "awaiting_operator": _l("Awaiting the operator"),
        "approved": _l("Approved: file queued"),
        "preparing": _l("Preparing the file"),
        "ready": _l("Ready to download"),
        "refused": _l("Refused"),
        "revoked": _l("Revoked"),
        "failed": _l("File could not be made"),
    },
    [
        # the terms need the department only (the operator may decide in its place)
        T("approve", ("requested",), "approved", DECIDERS),
        T("refuse", ("requested",), "refused", DECIDERS),
        # the terms need the operator too: the department first, then the operator
        T("approve_first", ("requested",), "awaiting_operator", ("department",)),
        T("refuse_first", ("requested",), "refused", ("department",)),
        T("operator_approve", ("awaiting_operator",), "approved", ("operator",)),
        T("operator_refuse", ("awaiting_operator",), "refused", ("operator",)),
        # the file, made by a background job
        T("prepare", ("approved", "preparing"), "preparing", ("system",)),
        T("finish", ("preparing",), "ready", ("system",)),
        T("fail", ("approved", "preparing"), "failed", ("system",)),
        T("revoke", OPEN, "revoked", ("system",)),
    ],
)


def action_for(approve: bool, party: str | None, operator_needed: bool) -> str:
    """The transition a decision means, given who decides and what the terms ask."""
    if not operator_needed:
        return "approve" if approve else "refuse"
    if party == "operator":
        return "operator_approve" if approve else "operator_refuse"
    return "approve_first" if approve else "refuse_first"


def awaiting(status: str) -> str | None:
    """Who decides next: "department", "operator" or None."""
    if status == "requested":
        return "department"
    if status == "awaiting_operator":
        return "operator"
    return None
