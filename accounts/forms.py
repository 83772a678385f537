"""Sign-in, sign-up and token forms."""

from flask_babel import lazy_gettext as _l
from wtforms import DateField, EmailField, PasswordField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, EqualTo, Length, Optional

from core.forms import BaseForm, EmptyForm  # noqa: F401  (EmptyForm: kept importable from here)


class LoginForm(BaseForm):
    email = EmailField(_l("E-mail"), validators=[DataRequired()])
    password = PasswordField(_l("Password"), validators=[DataRequired()])


class SignupForm(BaseForm):
    enterprise_name = StringField(_l("Enterprise name"), validators=[DataRequired(), Length(max=200)])
    credit_code = StringField(
        _l("Unified social credit code"),
        validators=[DataRequired(), Length(min=18, max=18)],
        description=_l("18 characters, as printed on the business licence."),
    )
    display_name = StringField(_l("Your name"), validators=[Length(max=100)])
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Length(max=254)])
    password = PasswordField(
        _l("Password"),
        validators=[DataRequired(), Length(max=200)],
        description=_l("At least 10 characters; not a common password; not your e-mail name."),
    )
    confirm = PasswordField(
        _l("Repeat the password"), validators=[DataRequired(), EqualTo("password", message=_l("The passwords differ."))]
    )


class ReasonForm(BaseForm):
    """Refuse a membership request; the reason is optional."""

    reason = TextAreaField(_l("Reason (optional)"), validators=[Optional(), Length(max=500)])


class VerificationForm(BaseForm):
    """The business licence details an enterprise submits for 实名认证."""

    licence_name = StringField(_l("Name on the business licence"), validators=[DataRequired(), Length(max=200)])
    licence_credit_code = StringField(
        _l("Unified social credit code on the licence"),
        validators=[DataRequired(), Length(min=18, max=18)],
        description=_l("18 characters, as printed on the business licence."),
    )
    legal_representative = StringField(_l("Legal representative"), validators=[DataRequired(), Length(max=100)])
    registered_address = StringField(_l("Registered address"), validators=[DataRequired(), Length(max=300)])
    registered_capital = StringField(_l("Registered capital"), validators=[Optional(), Length(max=100)])
    established_on = DateField(_l("Date of establishment"), validators=[Optional()])
    business_scope = TextAreaField(_l("Business scope"), validators=[Optional(), Length(max=4000)])


class VerificationDecisionForm(BaseForm):
    reason = TextAreaField(
        _l("Reason"), validators=[Optional(), Length(max=500)], description=_l("Required when rejecting.")
    )


class TokenForm(BaseForm):
    days = SelectField(
        _l("Valid for"),
        choices=[
            ("7", _l("7 days")),
            ("30", _l("30 days")),
            ("90", _l("90 days")),
            ("180", _l("180 days")),
            ("365", _l("365 days")),
        ],
        default="90",
    )


class PasswordForm(BaseForm):
    current_password = PasswordField(_l("Current password"), validators=[DataRequired()])
    password = PasswordField(
        _l("New password"),
        validators=[DataRequired(), Length(max=200)],
        description=_l("At least 10 characters; not a common password; not your e-mail name."),
    )
    confirm = PasswordField(
        _l("Repeat the new password"),
        validators=[DataRequired(), EqualTo("password", message=_l("The passwords differ."))],
    )
