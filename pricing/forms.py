"""Web forms of negotiation and invoices. They carry CSRF and the fields; the services validate the
values and answer with field messages, which the views put back on these fields."""

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, SelectField, StringField, TextAreaField

from core.forms import BaseForm

NUMERIC = {"inputmode": "numeric"}


def _terms(form, names) -> dict:
    """Only the terms given: an empty field leaves the service's default."""
    out = {}
    for name in names:
        value = (getattr(form, name).data or "").strip()
        if value:
            out[name] = value
    return out


class OfferFields:
    """amount, quantity, term_months, valid_days: shared by the first offer and every later one."""

    amount = StringField(
        _l("Amount (CNY, VAT included)"),
        render_kw={"inputmode": "decimal", "placeholder": "3000.00", "autocomplete": "off"},
        description=_l("The total including VAT (价税合计); at most the listing's cap."),
    )
    quantity = StringField(_l("Quantity"), render_kw=NUMERIC)
    term_months = StringField(_l("Term (months)"), render_kw=NUMERIC)
    valid_days = StringField(_l("Valid for (days)"), render_kw=NUMERIC, description=_l("Between 1 and 90 days."))

    def offer_terms(self) -> dict:
        return _terms(self, ("amount", "quantity", "term_months", "valid_days"))


class OpenForm(OfferFields, BaseForm):
    message = TextAreaField(
        _l("Your message"),
        render_kw={"rows": 4},
        description=_l("What you need, how you will use it, and what you think is fair."),
    )
    delivery_mode = SelectField(_l("Delivery mode"), choices=[], validate_choice=False)
    demand_id = SelectField(_l("For our demand"), choices=[], validate_choice=False)

    def to_data(self, listing_id: int) -> dict:
        data = {
            "listing_id": listing_id,
            "message": self.message.data or "",
            "delivery_mode": self.delivery_mode.data or "",
        }
        if (self.demand_id.data or "").strip():
            data["demand_id"] = self.demand_id.data.strip()
        return data | self.offer_terms()


class MessageForm(BaseForm):
    body = TextAreaField(_l("Message"), render_kw={"rows": 3})

    def to_data(self) -> dict:
        return {"body": self.body.data or ""}


class OfferForm(OfferFields, BaseForm):
    message = TextAreaField(_l("Note with the offer"), render_kw={"rows": 2})

    def to_data(self) -> dict:
        return {"message": self.message.data or ""} | self.offer_terms()


class AcceptForm(BaseForm):
    offer_id = HiddenField()

    def to_data(self) -> dict:
        return {"offer_id": self.offer_id.data or ""}


class ReasonForm(BaseForm):
    reason = TextAreaField(_l("Reason"), render_kw={"rows": 2})

    def to_data(self) -> dict:
        return {"reason": self.reason.data or ""}
