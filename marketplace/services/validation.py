"""Input checks shared by the marketplace operations: every problem is collected per field."""

from datetime import date
from decimal import Decimal

from flask_babel import lazy_gettext as _l

from core import inputs
from core.errors import ValidationError
from core.forms import clean_text
from core.money import MoneyError, parse_amount
from marketplace.models import DELIVERY_MODES


class Fields:
    def __init__(self, data):
        self.data = data if isinstance(data, dict) else {}
        self.errors: dict[str, list] = {}
        schema_problems = getattr(data, "schema_problems", None)  # see core.validation: the declared schema
        if schema_problems is not None:
            raise schema_problems
        if not isinstance(data, dict):
            self.errors["_"] = [_l("Send a JSON object.")]

    def fail(self, name, message):
        self.errors.setdefault(name, []).append(message)

    def text(self, name, required=True, max_length=4000, default=""):
        raw = self.data.get(name, default)
        if raw is None:
            raw = ""
        if not isinstance(raw, str):
            self.fail(name, _l("Must be text."))
            return default
        value = clean_text(raw).strip()
        if required and not value:
            self.fail(name, _l("Required."))
        elif len(value) > max_length:
            self.fail(name, _l("At most %(n)d characters.", n=max_length))
        return value

    def flag(self, name, default=False) -> bool:
        raw = self.data.get(name, default)
        if isinstance(raw, bool):
            return raw
        if isinstance(raw, str) and raw.lower() in ("1", "true", "yes", "on", "y"):
            return True
        if isinstance(raw, str) and raw.lower() in ("0", "false", "no", "off", "n", ""):
            return False
        if raw is None:
            return default
        self.fail(name, _l("Must be true or false."))
        return default

    def money(self, name, required=False, allow_zero=True) -> Decimal | None:
        raw = self.data.get(name)
        if raw in (None, ""):
            if required:
                self.fail(name, _l("Required."))
            return None
        if allow_zero and str(raw).strip() in ("0", "0.0", "0.00"):
            return Decimal("0.00")
        try:
            return parse_amount(raw)
        except MoneyError as exc:
            self.fail(name, _l("Not a valid amount: %(why)s", why=str(exc)))
            return None

    def date(self, name, required=True, future=False) -> date | None:
        raw = self.data.get(name)
        if raw in (None, ""):
            if required:
                self.fail(name, _l("Required."))
            return None
        try:
            value = raw if isinstance(raw, date) else date.fromisoformat(str(raw))
        except ValueError:
            self.fail(name, _l("A date such as 2024-01-31."))
            return None
        if future and value <= date.today():
            self.fail(name, _l("Must be a future date."))
        return value

    def choices(self, name, allowed, required=True) -> list[str]:
        raw = self.data.get(name, [])
        if isinstance(raw, str):
            raw = [p for p in raw.split(",") if p]
        if not isinstance(raw, list) or any(not isinstance(v, str) or v not in allowed for v in raw):
            self.fail(name, _l("Choose from: %(values)s.", values=", ".join(allowed)))
            return []
        if required and not raw:
            self.fail(name, _l("Choose at least one."))
        return [v for v in allowed if v in raw]

    def delivery_modes(self, name="delivery_modes"):
        return self.choices(name, DELIVERY_MODES)

    def id_list(self, name, required=True) -> list[int]:
        raw = self.data.get(name, [])
        if isinstance(raw, str):
            raw = [p.strip() for p in raw.split(",") if p.strip()]
        try:
            values = [inputs.object_id(v) for v in raw] if isinstance(raw, list) and len(raw) <= 1000 else None
        except ValueError:
            values = None
        if values is None:
            self.fail(name, _l("A list of ids."))
            return []
        if required and not values:
            self.fail(name, _l("Choose at least one."))
        return list(dict.fromkeys(values))

    def integer(self, name, lo: int, hi: int, default=None, required=False) -> int | None:
        """A whole number within [lo, hi] (ASCII digits or a JSON number; never a boolean)."""
        raw = self.data.get(name)
        if raw in (None, ""):
            if required:
                self.fail(name, _l("Required."))
            return default
        try:
            return inputs.whole_number(raw, lo, hi)
        except ValueError:
            self.fail(name, _l("A whole number from %(lo)d to %(hi)d.", lo=lo, hi=hi))
            return default

    def object_id(self, name, required=True) -> int | None:
        return self.integer(name, 1, inputs.MAX_ID, required=required)

    def code_list(self, name, required=True) -> list[str]:
        raw = self.data.get(name, [])
        if isinstance(raw, str):
            raw = [p.strip() for p in raw.replace("，", ",").split(",") if p.strip()]
        if not isinstance(raw, list) or any(not isinstance(v, str) or len(v) > 32 for v in raw):
            self.fail(name, _l("A list of category codes."))
            return []
        if required and not raw:
            self.fail(name, _l("Choose at least one."))
        return list(dict.fromkeys(v.strip().upper() for v in raw))

    def done(self):
        if self.errors:
            raise ValidationError(_l("Check the highlighted fields."), self.errors)
