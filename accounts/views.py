"""Sign in, sign out, enterprise sign-up, and the account page with API tokens."""

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from accounts import services
from accounts.forms import EmptyForm, LoginForm, PasswordForm, SignupForm, TokenForm
from core.errors import Unauthorized, ValidationError
from core.extensions import limiter
from core.security import safe_redirect_target
from core.timeutil import utcnow

bp = Blueprint("accounts", __name__, template_folder="templates")


@bp.route("/login", methods=["GET", "POST"])
def login():
    # Throttled by accounts.throttle (per account and per address, shared by every worker), not by
    # the per-process limiter.
    form = LoginForm()
    if form.validate_on_submit():
        try:
            user = services.authenticate(form.email.data, form.password.data, request.remote_addr)
        except services.Throttled as exc:
            form.password.errors = [str(exc.message)]
            page = render_template("accounts/login.html", form=form)
            return page, 429, {"Retry-After": str(exc.retry_after)}
        except Unauthorized as exc:
            form.password.errors = [str(exc.message)]
        else:
            login_user(user)
            flash(_("Welcome, %(name)s.", name=user.display_name), "success")
            return redirect(safe_redirect_target(request.args.get("next")))
    return render_template("accounts/login.html", form=form), (400 if form.errors else 200)


@bp.post("/logout")
def logout():
    if EmptyForm().validate_on_submit():
        if current_user.is_authenticated:
            services.sign_out(current_user._get_current_object())
        logout_user()
    return redirect(url_for("catalog.home"))


@bp.route("/signup", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["LOGIN_RATE_LIMIT"], methods=["POST"])
def signup():
    form = SignupForm()
    if form.validate_on_submit():
        try:
            user = services.sign_up_enterprise(
                form.email.data,
                form.password.data,
                form.credit_code.data,
                form.enterprise_name.data,
                form.display_name.data,
            )
        except ValidationError as exc:
            for name, messages in exc.fields.items():
                field = getattr(form, name, None) or form.email
                field.errors = list(field.errors) + [str(m) for m in messages]
        else:
            login_user(user)
            flash(_("Your enterprise account is ready."), "success")
            return redirect(url_for("accounts.account"))
    return render_template("accounts/signup.html", form=form), (400 if form.errors else 200)


@bp.route("/account", methods=["GET", "POST"])
@login_required
def account():
    form = TokenForm()
    new_token = None
    if form.validate_on_submit():
        new_token = services.issue_token(current_user, int(form.days.data))
    return _account_page(form, new_token=new_token)


def _account_page(token_form, new_token=None, password_form=None, status=200):
    return (
        render_template(
            "accounts/account.html",
            form=token_form,
            new_token=new_token,
            tokens=services.tokens_of(current_user),
            password_form=password_form or PasswordForm(formdata=None),
            now=utcnow(),
        ),
        status,
    )


@bp.post("/account/password")
@login_required
def change_password():
    form = PasswordForm()
    if form.validate_on_submit():
        user = current_user._get_current_object()
        try:
            services.change_password(user, form.current_password.data, form.password.data)
        except ValidationError as exc:
            for name, messages in exc.fields.items():
                field = getattr(form, name, None) or form.password
                field.errors = list(field.errors) + [str(m) for m in messages]
        else:
            # every other session of this user has ended; this one goes on under the new generation
            login_user(user)
            flash(_("Your password is changed. Other sessions have been signed out."), "success")
            return redirect(url_for("accounts.account"))
    return _account_page(TokenForm(formdata=None), password_form=form, status=400)


@bp.post("/account/tokens/<int:token_id>/revoke")
@login_required
def revoke_token(token_id):
    if EmptyForm().validate_on_submit():
        services.revoke_token(current_user, token_id)
        flash(_("The token is revoked."), "success")
    return redirect(url_for("accounts.account"))
