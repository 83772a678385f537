"""The base of every web form: CSRF (Flask-WTF) and input cleaned of control characters, which
PostgreSQL refuses to store (NUL) and no user means to type."""

import re

from flask_wtf import FlaskForm

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def strip_control(value):
    return _CONTROL.sub("", value) if isinstance(value, str) else value


def clean_text(value: str | None) -> str:
    """Control characters removed; tabs and line breaks kept."""
    return _CONTROL.sub("", value or "")


_FULL_WIDTH = str.maketrans("０１２３４５６７８９．－＋", "0123456789.-+")


def ascii_digits(value):
    """Full-width digits (１２３．５) as ASCII in number fields: web forms take what an IME types and
    show the value they will use; the API takes ASCII digits only."""
    return value.translate(_FULL_WIDTH) if isinstance(value, str) else value


def _numeric(unbound_field) -> bool:
    return (unbound_field.kwargs.get("render_kw") or {}).get("inputmode") in ("decimal", "numeric")


class BaseForm(FlaskForm):
    class Meta:
        def bind_field(self, form, unbound_field, options):
            filters = list(unbound_field.kwargs.get("filters", [])) + [strip_control]
            if _numeric(unbound_field):
                filters.append(ascii_digits)
            return unbound_field.bind(form=form, filters=filters, **options)


class EmptyForm(BaseForm):
    """A form with only the CSRF token (logout, create a token, a bare POST button)."""
