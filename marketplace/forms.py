"""The board's web forms. They carry CSRF and the fields; the services validate the values and
answer with field messages, which the views put back on these fields."""

from datetime import date, timedelta

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, SelectField, StringField, TextAreaField

from catalog.forms import MultiCheckboxField
from core.forms import BaseForm
from marketplace.models import DELIVERY_MODES, PRICING_BASES

DELIVERY_MODE_LABELS = {
    "usable_invisible": _l("Usable but invisible"),
    "in_platform": _l("Usable without leaving the platform"),
    "controlled_export": _l("Controlled export"),
}
PRICING_BASIS_LABELS = {
    "per_product": _l("Per product"),
    "per_call": _l("Per call"),
    "per_month": _l("Per month"),
    "per_volume": _l("By volume"),
}
PARTY_LABELS = {
    "department": _l("Providing department"),
    "operator": _l("Operator"),
    "consumer": _l("Data user (enterprise)"),
}
DELIVERY_MODE_CHOICES = [(m, DELIVERY_MODE_LABELS[m]) for m in DELIVERY_MODES]
PRICING_BASIS_CHOICES = [(b, PRICING_BASIS_LABELS[b]) for b in PRICING_BASES]

DATE_INPUT = {"type": "date"}


def _codes(text: str | None) -> list[str]:
    return [p.strip().upper() for p in (text or "").replace("，", ",").replace("、", ",").split(",") if p.strip()]


class DemandForm(BaseForm):
    title = StringField(_l("Title"), render_kw={"maxlength": 200})
    scenario = TextAreaField(
        _l("Application scenario"), description=_l("Who will use the data, in which business, and how.")
    )
    purpose = TextAreaField(_l("Purpose"), description=_l("What the data is used for, in one or two sentences."))
    categories = StringField(
        _l("Data categories"), description=_l("Catalog codes separated by commas, e.g. SCJGJ-001, CDSWJ-003.")
    )
    budget_min = StringField(_l("Budget from (CNY)"), render_kw={"inputmode": "decimal", "placeholder": "10000.00"})
    budget_max = StringField(_l("Budget up to (CNY)"), render_kw={"inputmode": "decimal", "placeholder": "50000.00"})
    public_interest = BooleanField(
        _l("For public governance or public-interest work"),
        description=_l("Free of charge (0.00) once the coordinator confirms public-interest use."),
    )
    contact_name = StringField(_l("Contact person"), render_kw={"maxlength": 100})
    contact_phone = StringField(_l("Contact phone"), render_kw={"maxlength": 40, "inputmode": "tel"})
    contact_email = StringField(_l("Contact e-mail"), render_kw={"maxlength": 254, "inputmode": "email"})
    show_enterprise = BooleanField(
        _l("Show our enterprise name on the public board"),
        description=_l("Contact details are never shown publicly."),
    )

    def load(self, demand) -> None:
        for name in ("title", "scenario", "purpose", "public_interest", "contact_name", "contact_phone"):
            getattr(self, name).data = getattr(demand, name)
        self.contact_email.data = demand.contact_email
        self.show_enterprise.data = demand.show_enterprise
        self.categories.data = ", ".join(c.code for c in demand.categories)
        self.budget_min.data = "" if demand.budget_min is None else str(demand.budget_min)
        self.budget_max.data = "" if demand.budget_max is None else str(demand.budget_max)

    def codes(self) -> list[str]:
        return _codes(self.categories.data)

    def to_data(self) -> dict:
        return {
            "title": self.title.data or "",
            "scenario": self.scenario.data or "",
            "purpose": self.purpose.data or "",
            "categories": self.codes(),
            "budget_min": (self.budget_min.data or "").strip(),
            "budget_max": (self.budget_max.data or "").strip(),
            "public_interest": bool(self.public_interest.data),
            "contact_name": self.contact_name.data or "",
            "contact_phone": self.contact_phone.data or "",
            "contact_email": self.contact_email.data or "",
            "show_enterprise": bool(self.show_enterprise.data),
        }


class ReasonForm(BaseForm):
    reason = TextAreaField(_l("Reason"), render_kw={"rows": 3})


class ClarifyForm(BaseForm):
    message = TextAreaField(_l("What should the enterprise clarify?"), render_kw={"rows": 3})


class CommentForm(BaseForm):
    body = TextAreaField(_l("Comment"), render_kw={"rows": 3})


class DecisionForm(BaseForm):
    """The coordinator's decision on one demand-list item (one form per item, prefixed by its id)."""

    decision = StringField(_l("Decision"))
    reason = TextAreaField(
        _l("Reason"), render_kw={"rows": 2}, description=_l("Required when rejecting; shown to the enterprise.")
    )
    public_interest = BooleanField(_l("Confirm public-interest use (free of charge)"))

    def to_data(self) -> dict:
        return {
            "decision": self.decision.data or "",
            "reason": self.reason.data or "",
            "public_interest": bool(self.public_interest.data),
        }


class TermsForm(BaseForm):
    """The terms of an authorisation: purpose, delivery modes, expiry, security measures."""

    purpose = TextAreaField(_l("Authorised purpose"), render_kw={"rows": 2})
    delivery_modes = MultiCheckboxField(_l("Delivery modes"), choices=DELIVERY_MODE_CHOICES)
    expires_on = StringField(_l("Valid until"), render_kw=DATE_INPUT)
    security_measures = TextAreaField(
        _l("Security measures"),
        render_kw={"rows": 3},
        description=_l("e.g. privacy-preserving computation, de-identified results, access logged."),
    )

    def prefill(self, purpose: str = "") -> None:
        self.purpose.data = purpose
        self.delivery_modes.data = ["usable_invisible"]
        self.expires_on.data = (date.today() + timedelta(days=365)).isoformat()

    def to_data(self) -> dict:
        return {
            "purpose": self.purpose.data or "",
            "delivery_modes": list(self.delivery_modes.data or []),
            "expires_on": (self.expires_on.data or "").strip(),
            "security_measures": self.security_measures.data or "",
        }


class StandingForm(TermsForm):
    category = SelectField(_l("Unconditionally open category"), choices=[], validate_choice=False)

    def to_data(self) -> dict:
        return {"category": self.category.data or ""} | super().to_data()


class ListingForm(BaseForm):
    title_zh = StringField(_l("Title (Chinese)"), render_kw={"maxlength": 200})
    title_en = StringField(_l("Title (English)"), render_kw={"maxlength": 300})
    description_zh = TextAreaField(_l("Description (Chinese)"), render_kw={"rows": 3})
    description_en = TextAreaField(_l("Description (English)"), render_kw={"rows": 3})
    categories = StringField(
        _l("Data categories"), description=_l("Catalog codes separated by commas; each needs a valid authorisation.")
    )
    demands = MultiCheckboxField(_l("Demands it serves"), choices=[], validate_choice=False)
    delivery_modes = MultiCheckboxField(_l("Delivery modes"), choices=DELIVERY_MODE_CHOICES)
    pricing_basis = SelectField(_l("Pricing basis"), choices=PRICING_BASIS_CHOICES, validate_choice=False)
    guide_price = StringField(_l("Guide price (CNY)"), render_kw={"inputmode": "decimal"})
    price_cap = StringField(
        _l("Price cap (CNY)"),
        render_kw={"inputmode": "decimal"},
        description=_l("The government-guided maximum; offers above it are refused."),
    )
    volume_tiers = TextAreaField(
        _l("Volume tiers"),
        render_kw={"rows": 3, "placeholder": "10000 | 0.60"},
        description=_l("One tier a line: minimum quantity | unit price."),
    )

    def load(self, listing) -> None:
        for name in ("title_zh", "title_en", "description_zh", "description_en", "pricing_basis"):
            getattr(self, name).data = getattr(listing, name)
        self.categories.data = ", ".join(c.code for c in listing.categories)
        self.demands.data = [str(d.id) for d in listing.demands]
        self.delivery_modes.data = list(listing.delivery_modes or [])
        self.guide_price.data = str(listing.guide_price)
        self.price_cap.data = str(listing.price_cap)
        self.volume_tiers.data = "\n".join(
            f"{t['min_quantity']} | {t['unit_price']}" for t in listing.volume_tiers or []
        )

    def tiers(self) -> list[dict]:
        out = []
        for line in (self.volume_tiers.data or "").splitlines():
            if not line.strip():
                continue
            quantity, _sep, price = line.replace("｜", "|").partition("|")
            out.append({"min_quantity": quantity.strip().replace(",", ""), "unit_price": price.strip()})
        return out

    def to_data(self) -> dict:
        return {
            "title_zh": self.title_zh.data or "",
            "title_en": self.title_en.data or "",
            "description_zh": self.description_zh.data or "",
            "description_en": self.description_en.data or "",
            "categories": _codes(self.categories.data),
            "demands": [d for d in (self.demands.data or []) if d],
            "delivery_modes": list(self.delivery_modes.data or []),
            "pricing_basis": self.pricing_basis.data or "per_product",
            "guide_price": (self.guide_price.data or "").strip(),
            "price_cap": (self.price_cap.data or "").strip(),
            "volume_tiers": self.tiers(),
        }


class AgreementForm(BaseForm):
    listing_id = SelectField(_l("Listing"), choices=[], validate_choice=False)
    demand_id = SelectField(_l("Demand"), choices=[], validate_choice=False)
    delivery_mode = SelectField(_l("Delivery mode"), choices=DELIVERY_MODE_CHOICES, validate_choice=False)
    price = StringField(
        _l("Price (CNY, VAT included)"),
        render_kw={"inputmode": "decimal"},
        description=_l("At most the listing's cap. Public-interest use is free: the price is 0.00."),
    )
    term_end = StringField(
        _l("Term ends"), render_kw=DATE_INPUT, description=_l("Empty: when the first authorisation behind it ends.")
    )
    # the delivery terms (the API's names and defaults: a report every 90 days, which blocks exports
    # while overdue; exports approved by the department alone)
    feedback_every_days = StringField(
        _l("Usage report every (days)"),
        default="90",
        render_kw={"inputmode": "numeric"},
        description=_l("From 7 to 366 days: the enterprise reports how the data was used."),
    )
    feedback_blocks_exports = BooleanField(
        _l("An overdue usage report blocks new exports"),
        default=True,
        description=_l("Controlled export only."),
    )
    export_operator_approval = BooleanField(
        _l("Exports also wait for the operator's approval after the department's"),
        description=_l("Controlled export only."),
    )

    TERMS = ("feedback_every_days", "feedback_blocks_exports", "export_operator_approval")

    def to_data(self) -> dict:
        return {
            "listing_id": self.listing_id.data or "",
            "demand_id": self.demand_id.data or "",
            "delivery_mode": self.delivery_mode.data or "",
            "price": (self.price.data or "").strip(),
            "term_end": (self.term_end.data or "").strip(),
            "feedback_every_days": (self.feedback_every_days.data or "").strip(),
            "feedback_blocks_exports": bool(self.feedback_blocks_exports.data),
            "export_operator_approval": bool(self.export_operator_approval.data),
        }

    def query_args(self) -> dict:
        """to_data() as a link's query string (the form again after a refusal): booleans as 1/0."""
        return {k: (str(int(v)) if isinstance(v, bool) else v) for k, v in self.to_data().items() if v != ""}

    def load_args(self, args) -> None:
        """The delivery terms from a link's query string (query_args), where it names them."""
        if args.get("feedback_every_days"):
            self.feedback_every_days.data = args["feedback_every_days"]
        for name in ("feedback_blocks_exports", "export_operator_approval"):
            if args.get(name) in ("0", "1"):
                getattr(self, name).data = args[name] == "1"


class FeedbackForm(BaseForm):
    body = TextAreaField(
        _l("How was the data used?"),
        render_kw={"rows": 3},
        description=_l("The agreement asks you to report the use: scope, volume, results."),
    )
