"""The workflow of the board, one table per object (see core/states.py)."""

from flask_babel import lazy_gettext as _l

from core.states import StateMachine
from core.states import Transition as T

OPERATORS = ("operator", "admin")

DEMAND = StateMachine(
    "demand",
    {
        "submitted": _l("Submitted"),
        "clarification_requested": _l("Clarification requested"),
        "accepted": _l("In the demand list"),
        "rejected": _l("Rejected by the operator"),
        "in_review": _l("Under coordinator review"),
        "approved": _l("Approved"),
        "declined": _l("Declined by the coordinator"),
        "withdrawn": _l("Withdrawn"),
    },
    [
        T("edit", ("submitted", "clarification_requested"), "submitted", ("consumer",)),
        T("withdraw", ("submitted", "clarification_requested", "accepted"), "withdrawn", ("consumer",)),
        T("accept", ("submitted",), "accepted", OPERATORS),
        T("reject", ("submitted",), "rejected", OPERATORS),
        T("ask_clarification", ("submitted",), "clarification_requested", OPERATORS),
        T("submit_for_review", ("accepted",), "in_review", OPERATORS),
        T("approve", ("in_review",), "approved", ("coordinator",)),
        T("decline", ("in_review",), "declined", ("coordinator",)),
    ],
)
# Demands everybody may see on the public board.
PUBLIC_DEMAND_STATES = ("submitted", "accepted", "in_review", "approved")

DEMAND_LIST = StateMachine(
    "demand_list",
    {"open": _l("Open"), "submitted": _l("Submitted to the coordinator"), "decided": _l("Decided")},
    [
        T("submit", ("open",), "submitted", OPERATORS),
        T("complete", ("submitted",), "decided", ("coordinator",)),
    ],
)

LIST_ITEM = StateMachine(
    "demand_list_item",
    {"pending": _l("Pending"), "approved": _l("Approved"), "rejected": _l("Rejected")},
    [
        T("approve", ("pending",), "approved", ("coordinator",)),
        T("reject", ("pending",), "rejected", ("coordinator",)),
    ],
)

AUTHORISATION = StateMachine(
    "authorisation",
    {
        "pending": _l("Awaiting the department"),
        "granted": _l("Granted"),
        "refused": _l("Refused"),
        "terminated": _l("Terminated"),
        "expired": _l("Expired"),
    },
    [
        T("grant", ("pending",), "granted", ("steward",)),
        T("refuse", ("pending",), "refused", ("steward",)),
        T("terminate", ("granted",), "terminated", ("steward",)),
        T("expire", ("granted",), "expired", ("system",)),
    ],
)

LISTING = StateMachine(
    "listing",
    {"draft": _l("Draft"), "published": _l("Published"), "suspended": _l("Suspended"), "retired": _l("Retired")},
    [
        T("edit", ("draft", "suspended"), "draft", OPERATORS),
        T("publish", ("draft", "suspended"), "published", OPERATORS),
        T("suspend", ("published",), "suspended", OPERATORS),
        T("retire", ("draft", "published", "suspended"), "retired", OPERATORS),
    ],
)

AGREEMENT = StateMachine(
    "agreement",
    {
        "awaiting_signatures": _l("Awaiting signatures"),
        "active": _l("In force"),
        "terminated": _l("Terminated"),
        "expired": _l("Expired"),
    },
    [
        T("sign", ("awaiting_signatures",), "awaiting_signatures", ("consumer", "operator", "steward")),
        T("terminate", ("awaiting_signatures", "active"), "terminated", ("steward", "system")),
        T("expire", ("active", "awaiting_signatures"), "expired", ("system",)),
        T("feedback", ("active",), "active", ("consumer",)),
    ],
)

MACHINES = {m.name: m for m in (DEMAND, DEMAND_LIST, LIST_ITEM, AUTHORISATION, LISTING, AGREEMENT)}
