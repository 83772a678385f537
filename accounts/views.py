"""Sign in, sign out, enterprise sign-up, the account page with API tokens, the enterprise's members
and its verification (实名认证), and the operator's verification queue."""

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required, login_user, logout_user

from accounts import membership, services, verification
from accounts.auth import role_required
from accounts.forms import (
    EmptyForm,
    LoginForm,
    PasswordForm,
    ReasonForm,
    SignupForm,
    TokenForm,
    VerificationDecisionForm,
    VerificationForm,
)
from accounts.models import Membership
from core import access
from core.errors import Conflict, NotFound, Unauthorized, ValidationError
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
            services.sign_up_enterprise(
                form.email.data,
                form.password.data,
                form.credit_code.data,
                form.enterprise_name.data,
                form.display_name.data,
            )
        except ValidationError as exc:
            _show_errors(form, exc, fallback="email")
        else:
            # The same answer whether the address or the enterprise was already registered.
            return redirect(url_for("accounts.signup_sent"), code=303)
    return render_template("accounts/signup.html", form=form), (400 if form.errors else 200)


@bp.get("/signup/sent")
def signup_sent():
    return render_template("accounts/signup_sent.html")


def _show_errors(form, exc: ValidationError, fallback: str) -> None:
    for name, messages in (exc.fields or {}).items():
        field = getattr(form, name, None) or getattr(form, fallback)
        field.errors = list(field.errors) + [str(m) for m in messages]
    if not exc.fields:
        flash(str(exc.message), "error")


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
            membership=membership.membership_of(current_user),
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


# --- the enterprise's members ---------------------------------------------------------------------


def _me():
    return current_user._get_current_object()


@bp.get("/account/members")
@role_required("consumer")
def members():
    return _render_members(membership.roster(_me()))


@bp.get("/enterprises/<code>/members")
@role_required("admin")
def enterprise_members(code):
    return _render_members(membership.roster(_me(), code))


def _render_members(found: dict):
    return render_template(
        "accounts/members.html",
        found=found,
        form=EmptyForm(),
        refuse_form=ReasonForm(),
        labels=verification.STATUS_LABELS,
    )


MEMBER_ACTIONS = {
    "approve": (membership.approve, _l("The member is admitted.")),
    "refuse": (membership.refuse, _l("The request is refused.")),
    "remove": (membership.remove, _l("The member is removed.")),
    "hand-over": (membership.hand_over, _l("The enterprise administrator role is handed over.")),
}


@bp.post("/memberships/<int:membership_id>/<action>")
@login_required
def member_action(membership_id, action):
    if action not in MEMBER_ACTIONS:
        raise NotFound(_("No such page."))
    call, done = MEMBER_ACTIONS[action]
    form = ReasonForm() if action == "refuse" else EmptyForm()
    actor = _me()
    back = url_for("accounts.members")
    if actor.role == "admin":
        back = url_for("accounts.enterprise_members", code=_managed_enterprise_code(membership_id))
    if not form.validate_on_submit():
        flash(_("The form expired or did not come from this site. Reload the page and try again."), "error")
        return redirect(back)
    try:
        if action == "refuse":
            call(actor, membership_id, form.reason.data)
        else:
            call(actor, membership_id)
    except (Conflict, ValidationError) as exc:
        flash(str(exc.message), "error")
    else:
        flash(str(done), "success")
    return redirect(back)


def _managed_enterprise_code(membership_id) -> str:
    return access.load(Membership, membership_id, membership.NOT_FOUND).organisation.code


# --- verification (实名认证) -------------------------------------------------------------------------


@bp.route("/account/verification", methods=["GET", "POST"])
@role_required("consumer")
def verification_page():
    actor = _me()
    org = verification.own_enterprise(actor)
    form = VerificationForm()
    status = 200
    if request.method == "GET" and not form.licence_name.data:
        form.licence_name.data, form.licence_credit_code.data = org.name_zh, org.code
    if form.validate_on_submit():
        data = {name: field.data for name, field in form._fields.items() if name != "csrf_token"}
        try:
            verification.submit(actor, data)
        except ValidationError as exc:
            _show_errors(form, exc, fallback="licence_name")
            status = 400
        except Conflict as exc:
            flash(str(exc.message), "error")
        else:
            flash(_("The licence details are submitted; the operator will check them."), "success")
            return redirect(url_for("accounts.verification_page"))
    elif form.errors:
        status = 400
    return render_template(
        "accounts/verification.html",
        form=form,
        org=org,
        latest=verification.latest_of(org.id),
        is_administrator=membership.is_enterprise_administrator(actor),
        labels=verification.STATUS_LABELS,
    ), status


@bp.get("/verifications")
@role_required("operator", "admin")
def verification_queue():
    wanted = request.args.get("status", "pending")
    wanted = wanted if wanted in ("pending", "approved", "rejected") else "pending"
    return render_template(
        "accounts/verifications.html",
        rows=verification.queue(_me(), wanted),
        wanted=wanted,
        labels=verification.STATUS_LABELS,
    )


@bp.route("/verifications/<int:verification_id>", methods=["GET", "POST"])
@role_required("operator", "admin")
def verification_review(verification_id):
    actor = _me()
    record = verification.visible_verification(actor, verification_id)
    form = VerificationDecisionForm()
    status = 200
    if form.validate_on_submit():
        approve = request.form.get("decision") == "approve"
        try:
            verification.decide(actor, verification_id, approve, form.reason.data)
        except ValidationError as exc:
            _show_errors(form, exc, fallback="reason")
            status = 400
        except Conflict as exc:
            flash(str(exc.message), "error")
        else:
            flash(_("The enterprise is verified.") if approve else _("The verification is rejected."), "success")
            return redirect(url_for("accounts.verification_queue"))
    elif form.errors:
        status = 400
    return render_template(
        "accounts/verification_review.html",
        record=record,
        form=form,
        mismatches=verification.mismatches(record),
        labels=verification.STATUS_LABELS,
    ), status
