"""The invoice's state table (see core/states.py). Paid, partially paid and issued follow from the
money (finance.money_rules.invoice_status); overdue is read from the due date, never stored."""

from flask_babel import lazy_gettext as _l

from core.states import StateMachine
from core.states import Transition as T

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
