"""The negotiation's state tables (see core/states.py)."""

from flask_babel import lazy_gettext as _l

from core.states import StateMachine
from core.states import Transition as T

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

INVOICE = StateMachine(
    "invoice",
    {
        "issued": _l("Issued"),
        "partially_paid": _l("Partially paid"),
        "paid": _l("Paid"),
        "overdue": _l("Overdue"),
        "void": _l("Void"),
    },
    [
        T("void", ("issued", "overdue"), "void", ("finance",)),
    ],
)

MACHINES = {m.name: m for m in (THREAD, OFFER, INVOICE)}
