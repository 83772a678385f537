"""Web forms of the finance workspace: CSRF and fields; the services validate the values and answer
with field messages that the views put back on these fields."""

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import StringField, TextAreaField

from core.forms import BaseForm

MONEY = {"inputmode": "decimal", "autocomplete": "off", "placeholder": "1234.50"}


class StatementForm(BaseForm):
    file = FileField(
        _l("Bank statement (CSV)"),
        description=_l(
            "As the bank exports it: date, amount, payer name, payer account, remark (附言); UTF-8 or GBK. "
            "Importing the same lines again changes nothing."
        ),
        render_kw={"accept": ".csv,.txt,text/csv"},
    )


class MatchForm(BaseForm):
    invoice_number = StringField(
        _l("Invoice number"), render_kw={"placeholder": "INV-2026-000042", "autocomplete": "off"}
    )

    def to_data(self) -> str:
        return self.invoice_number.data or ""


class RemittanceForm(BaseForm):
    month = StringField(_l("For month"), render_kw={"placeholder": "2026-10", "inputmode": "numeric"})
    amount = StringField(_l("Amount (CNY)"), render_kw=MONEY)
    paid_on = StringField(_l("Transferred on"), render_kw={"type": "date"})
    reference = StringField(_l("Transfer reference"), render_kw={"autocomplete": "off"})
    note = TextAreaField(_l("Note"), render_kw={"rows": 2})

    def to_data(self) -> dict:
        return {k: (getattr(self, k).data or "") for k in ("month", "amount", "paid_on", "reference", "note")}


class RefundForm(BaseForm):
    amount = StringField(_l("Amount (CNY)"), render_kw=MONEY)
    refunded_on = StringField(_l("Refunded on"), render_kw={"type": "date"})
    reference = StringField(_l("Refund reference"), render_kw={"autocomplete": "off"})
    reason = TextAreaField(_l("Reason"), render_kw={"rows": 2})

    def to_data(self) -> dict:
        return {k: (getattr(self, k).data or "") for k in ("amount", "refunded_on", "reference", "reason")}


class CeilingForm(BaseForm):
    amount = StringField(_l("Maximum permitted revenue (CNY)"), render_kw=MONEY)
    approval_ref = StringField(_l("Approval document"), render_kw={"placeholder": "成发改价格〔2026〕12号"})

    def to_data(self) -> dict:
        return {"amount": self.amount.data or "", "approval_ref": self.approval_ref.data or ""}
