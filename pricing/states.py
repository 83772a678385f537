"""The negotiation's state tables (see core/states.py); the invoice's is finance's (finance/states.py),
listed here too for /api/v1/workflows."""

from flask_babel import lazy_gettext as _l

from core.states import StateMachine
from core.states import Transition as T
from finance.states import INVOICE

PARTIES = ("consumer", "operator", "admin")

THREAD = StateMachine(
    "thread",
    {"open": _l("Negotiating"), "agreed": _l("Agreed"), "withdrawn": _l("Withdrawn")},
    [
        T("message", ("open",), "open", PARTIES),
        T("offer", ("open",), "open", PARTIES),
        T("accept", ("open",), "agreed", PARTIES),
        T("withdraw", ("open",), "withdrawn", PARTIES),
    ],
)

OFFER = StateMachine(
    "offer",
    {
        "standing": _l("Standing"),
        "superseded": _l("Superseded"),
        "withdrawn": _l("Withdrawn"),
        "expired": _l("Expired"),
        "accepted": _l("Accepted"),
    },
    [
        T("supersede", ("standing",), "superseded", PARTIES),
        T("accept", ("standing",), "accepted", PARTIES),
        T("expire", ("standing",), "expired", ("system",)),
        T("withdraw", ("standing",), "withdrawn", PARTIES),
    ],
)

MACHINES = {m.name: m for m in (THREAD, OFFER, INVOICE)}
