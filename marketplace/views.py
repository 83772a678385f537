"""The board's pages: the demand board, demands and their timeline, demand lists, authorisations,
listings, three-party agreements and the inbox. Thin: load, call one service, flash, redirect.
A ValidationError re-renders the form with its field messages (400); a Conflict is flashed and
the browser goes back to the page it came from."""

from datetime import date

from flask import Blueprint, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from accounts.auth import role_required
from accounts.forms import EmptyForm
from catalog import services as catalog_services
from catalog import vocab
from catalog.models import Category
from core.errors import Conflict, DomainError, ValidationError
from core.extensions import db
from core.i18n import is_english
from core.paging import page_window, paging
from core.web import checked_post, has_errors, me, put_errors, role
from marketplace import forms as F
from marketplace.models import Demand, DemandListItem
from marketplace.services import access, agreements, authorisations, demands, inbox, listings, lists
from marketplace.services.timeline import timeline
from marketplace.states import (
    AGREEMENT,
    AUTHORISATION,
    DEMAND,
    DEMAND_LIST,
    LIST_ITEM,
    LISTING,
    PUBLIC_DEMAND_STATES,
)

bp = Blueprint("marketplace", __name__, template_folder="templates")

OPERATORS = access.OPERATOR_ROLES
OVERSIGHT = access.OVERSIGHT_ROLES
LISTING_ACTIONS = ("publish", "suspend", "retire")


# ---- helpers --------------------------------------------------------------------------------
def act(call, success: str, back: str):
    """Run a state change; a Conflict is flashed, the browser goes back either way."""
    try:
        call()
    except Conflict as exc:
        flash(str(exc.message), "error")
    else:
        flash(success, "success")
    return redirect(back)


@bp.app_context_processor
def board_globals():
    """inbox_count() for the nav badge: computed once a request, only when the nav asks for it."""
    return {"inbox_count": _inbox_count}


def _inbox_count() -> int:
    if not current_user.is_authenticated or current_user.role not in ("consumer", "steward", "coordinator", *OPERATORS):
        return 0
    if "inbox_count" not in g:
        try:
            g.inbox_count = inbox.count(me())
        except (DomainError, SQLAlchemyError):
            g.inbox_count = 0
    return g.inbox_count


# What each audit action means on a demand's timeline.
EVENTS = {
    "demand.submitted": _l("Demand posted"),
    "demand.edited": _l("Demand edited"),
    "demand.withdrawn": _l("Demand withdrawn"),
    "demand.clarification_requested": _l("Clarification requested"),
    "demand.endorsed": _l("Another enterprise needs this too"),
    "demand.commented": _l("Comment added"),
    "demand.accepted": _l("Accepted into a demand list"),
    "demand.rejected": _l("Rejected by the operator"),
    "demand_list_item.approved": _l("Approved by the coordinator"),
    "demand_list_item.rejected": _l("Rejected by the coordinator"),
    "authorisation.requested": _l("Authorisation requested from the department"),
    "authorisation.granted": _l("Authorisation granted"),
    "authorisation.refused": _l("Authorisation refused"),
    "listing.published": _l("Listing published"),
    "agreement.drafted": _l("Agreement drafted"),
    "agreement.signed": _l("Agreement signed"),
    "agreement.active": _l("Agreement in force"),
    "agreement.accessed": _l("Data used"),
    "agreement.feedback": _l("Usage reported"),
    "authorisation.terminated": _l("Authorisation terminated"),
    "authorisation.expired": _l("Authorisation expired"),
    "agreement.terminated": _l("Agreement terminated"),
    "agreement.expired": _l("Agreement expired"),
}
STEP_HINTS = {
    "collection": _l("The enterprise posts its demand with a business scenario."),
    "application": _l("The operator lists it; the coordinator reviews the list."),
    "authorisation": _l("Each providing department grants or refuses use of its data."),
    "delivery": _l("A listing serves the demand; department, operator and enterprise sign the agreement."),
    "use": _l("The enterprise uses the data within the terms and reports the use."),
    "termination": _l("Use ends: terminated by the department, expired, or for breach."),
}
TASKS = {
    "demand.clarify": _l("Clarify"),
    "demand.triage": _l("Triage"),
    "demand_list.submit": _l("Submit list"),
    "listing.create": _l("Build listing"),
    "demand_list_item.decide": _l("Review"),
    "authorisation.decide": _l("Authorise"),
    "agreement.sign": _l("Sign"),
}


@bp.context_processor
def board_labels():
    """State machines and labels for the board's templates."""
    return {
        "DEMAND": DEMAND,
        "DEMAND_LIST": DEMAND_LIST,
        "LIST_ITEM": LIST_ITEM,
        "AUTHORISATION": AUTHORISATION,
        "LISTING": LISTING,
        "AGREEMENT": AGREEMENT,
        "MODES": F.DELIVERY_MODE_LABELS,
        "BASES": F.PRICING_BASIS_LABELS,
        "PARTIES": F.PARTY_LABELS,
        "EVENTS": EVENTS,
        "STEP_HINTS": STEP_HINTS,
        "TASKS": TASKS,
        "vocab": vocab,
    }


# ---- 1. the board ---------------------------------------------------------------------------
@bp.get("/board")
def board():
    page, per_page = paging(request.args, 20, strict=False)
    args = request.args.to_dict()
    try:
        items, total = demands.board(me(), args, page, per_page)
    except ValidationError as exc:
        flash(str(exc.message), "error")
        args.pop("status", None)
        items, total = demands.board(me(), args, page, per_page)
    published, _count = listings.listings_for(me(), {"status": "published"}, 1, 100)
    published = _filter_listings(published, args)
    sees_all = role() in OVERSIGHT or role() == "consumer"
    statuses = list(DEMAND.states) if sees_all else list(PUBLIC_DEMAND_STATES)
    return render_template(
        "marketplace/board.html",
        demands=items,
        total=total,
        listings=published[:20],
        listing_total=len(published),
        args=args,
        departments=catalog_services.list_departments(),
        themes=vocab.THEMES,
        statuses=[(s, DEMAND.label(s)) for s in statuses],
        pages=page_window(total, per_page, page),
        can_post=role() == "consumer",
    )


def _filter_listings(rows, args) -> list:
    """The board's filters applied to the published listings (department, theme, words)."""
    department = (args.get("department") or "").strip().upper()
    theme = (args.get("theme") or "").strip()
    q = (args.get("q") or "").strip().lower()
    out = []
    for x in rows:
        if department and not any(c.department.code == department for c in x.categories):
            continue
        if theme and not any(c.theme == theme for c in x.categories):
            continue
        text = " ".join(
            [x.title_zh, x.title_en, x.description_zh, x.description_en]
            + [f"{c.code} {c.name_zh} {c.name_en}" for c in x.categories]
        ).lower()
        if q and not all(word in text for word in q.split()):
            continue
        out.append(x)
    return out


# ---- 2-3. demands ---------------------------------------------------------------------------
def _categories_for(codes: list[str]) -> list:
    if not codes:
        return []
    found = {c.code: c for c in db.session.scalars(select(Category).where(Category.code.in_(codes[:20])))}
    return [found[c] for c in codes if c in found]


@bp.route("/demands/new", methods=["GET", "POST"])
@role_required("consumer")
def demand_new():
    form = F.DemandForm()
    if request.method == "GET":
        code = (request.args.get("category") or "").strip().upper()[:32]
        form.categories.data = code
        form.contact_name.data = current_user.display_name
        form.contact_email.data = current_user.email
    elif form.validate_on_submit():
        try:
            demand = demands.post_demand(me(), form.to_data())
        except ValidationError as exc:
            put_errors(form, exc)
        else:
            flash(_("Your demand is on the board. The operator reviews it next."), "success")
            return redirect(url_for(".demand", demand_id=demand.id))
    return render_template(
        "marketplace/demand_form.html", form=form, demand=None, chosen=_categories_for(form.codes())
    ), (400 if has_errors(form) else 200)


@bp.route("/demands/<int:demand_id>/edit", methods=["GET", "POST"])
@role_required("consumer")
def demand_edit(demand_id):
    demand = demands.own_demand(me(), demand_id)
    back = url_for(".demand", demand_id=demand.id)
    if "edit" not in DEMAND.allowed(demand.status, current_user.role):
        flash(_("This demand can no longer be edited: it is %(state)s.", state=DEMAND.label(demand.status)), "error")
        return redirect(back)
    form = F.DemandForm()
    if request.method == "GET":
        form.load(demand)
    elif form.validate_on_submit():
        try:
            demands.edit_demand(me(), demand.id, form.to_data())
        except ValidationError as exc:
            put_errors(form, exc)
        except Conflict as exc:
            flash(str(exc.message), "error")
            return redirect(back)
        else:
            flash(_("Saved. The operator reviews the demand again."), "success")
            return redirect(back)
    return render_template(
        "marketplace/demand_form.html", form=form, demand=demand, chosen=_categories_for(form.codes())
    ), (400 if has_errors(form) else 200)


@bp.get("/demands/<int:demand_id>")
def demand(demand_id):
    return _render_demand(demands.visible_demand(me(), demand_id))


def _render_demand(demand, reject_form=None, clarify_form=None, comment_form=None, status=200):
    viewer = me()
    full = demands.may_see_details(viewer, demand)
    actions = DEMAND.allowed(demand.status, viewer.role) if (viewer and full) else []
    endorsed_by = {e.organisation_id for e in demand.endorsements}
    can_endorse = (
        role() == "consumer"
        and viewer.organisation_id != demand.organisation_id
        and demand.status in PUBLIC_DEMAND_STATES
        and viewer.organisation_id not in endorsed_by
    )
    operator = access.is_operator(viewer)
    serving = [x for x in demand.listings if x.status == "published" or operator]
    related = []
    if full and viewer is not None:
        try:
            related = [a for a in agreements.agreements_for(viewer) if a.demand_id == demand.id]
        except DomainError:
            related = []
    item = demand.list_item
    return render_template(
        "marketplace/demand.html",
        demand=demand,
        full=full,
        actions=actions,
        can_endorse=can_endorse,
        endorsed=viewer is not None and viewer.organisation_id in endorsed_by,
        steps=timeline(demand),
        listings=serving,
        agreements=related,
        item=item,
        authorisations=(item.authorisations if (item and full) else []),
        operator=operator,
        can_list=operator and demand.status == "approved",
        can_draft=operator and demand.status == "approved" and any(x.status == "published" for x in demand.listings),
        reject_form=reject_form or F.ReasonForm(prefix="reject"),
        clarify_form=clarify_form or F.ClarifyForm(prefix="clarify"),
        comment_form=comment_form or F.CommentForm(prefix="comment"),
        form=EmptyForm(),
    ), status


def _demand_url(demand_id) -> str:
    return url_for(".demand", demand_id=demand_id)


@bp.post("/demands/<int:demand_id>/withdraw")
@login_required
def demand_withdraw(demand_id):
    back = _demand_url(demand_id)
    return checked_post(back) or act(
        lambda: demands.withdraw_demand(me(), demand_id), _("The demand is withdrawn."), back
    )


@bp.post("/demands/<int:demand_id>/endorse")
@login_required
def demand_endorse(demand_id):
    back = _demand_url(demand_id)
    return checked_post(back) or act(
        lambda: demands.endorse(me(), demand_id), _("Noted: your enterprise needs this too."), back
    )


@bp.post("/demands/<int:demand_id>/accept")
@role_required(*OPERATORS)
def demand_accept(demand_id):
    back = _demand_url(demand_id)
    return checked_post(back) or act(
        lambda: demands.accept_demand(me(), demand_id), _("Accepted into the open demand list."), back
    )


@bp.post("/demands/<int:demand_id>/reject")
@role_required(*OPERATORS)
def demand_reject(demand_id):
    form = F.ReasonForm(prefix="reject")
    return _demand_form_post(
        demand_id,
        form,
        lambda: demands.reject_demand(me(), demand_id, form.reason.data),
        _("The demand is rejected; the enterprise sees the reason."),
        reject_form=form,
    )


@bp.post("/demands/<int:demand_id>/clarify")
@role_required(*OPERATORS)
def demand_clarify(demand_id):
    form = F.ClarifyForm(prefix="clarify")
    return _demand_form_post(
        demand_id,
        form,
        lambda: demands.ask_clarification(me(), demand_id, form.message.data),
        _("The enterprise is asked to clarify."),
        clarify_form=form,
    )


@bp.post("/demands/<int:demand_id>/comments")
@login_required
def demand_comment(demand_id):
    form = F.CommentForm(prefix="comment")
    return _demand_form_post(
        demand_id,
        form,
        lambda: demands.comment(me(), demand_id, form.body.data),
        _("Comment added."),
        comment_form=form,
    )


def _demand_form_post(demand_id, form, call, success, **forms):
    back = _demand_url(demand_id)
    if not form.validate_on_submit():
        return checked_post(back) or redirect(back)
    try:
        call()
    except ValidationError as exc:
        put_errors(form, exc)
        return _render_demand(demands.visible_demand(me(), demand_id), status=400, **forms)
    except Conflict as exc:
        flash(str(exc.message), "error")
    else:
        flash(success, "success")
    return redirect(back)


# ---- 4. demand lists ------------------------------------------------------------------------
@bp.get("/demand-lists")
@role_required(*OVERSIGHT)
def demand_lists():
    return render_template("marketplace/demand_lists.html", lists=lists.all_lists(me()))


@bp.get("/demand-lists/<int:list_id>")
@role_required(*OVERSIGHT)
def demand_list(list_id):
    return _render_list(lists.visible_list(me(), list_id))


def _render_list(demand_list, failed=None, status=200):
    forms = {}
    for item in demand_list.items:
        if failed is not None and failed[0] == item.id:
            forms[item.id] = failed[1]
        else:
            forms[item.id] = F.DecisionForm(prefix=f"item{item.id}", formdata=None)
    return render_template(
        "marketplace/demand_list.html",
        demand_list=demand_list,
        forms=forms,
        can_submit="submit" in DEMAND_LIST.allowed(demand_list.status, current_user.role),
        can_decide=lambda item: (
            demand_list.status == "submitted" and bool(LIST_ITEM.allowed(item.status, current_user.role))
        ),
        form=EmptyForm(),
    ), status


@bp.post("/demand-lists/<int:list_id>/submit")
@role_required(*OPERATORS)
def demand_list_submit(list_id):
    back = url_for(".demand_list", list_id=list_id)
    return checked_post(back) or act(
        lambda: lists.submit_list(me(), list_id), _("Submitted to the coordinator for review."), back
    )


@bp.post("/demand-list-items/<int:item_id>/decision")
@role_required(*OVERSIGHT)
def demand_list_decide(item_id):
    item = access.load(DemandListItem, item_id, lists.ITEM_NOT_FOUND)
    demand_list = lists.visible_list(me(), item.demand_list_id)
    back = url_for(".demand_list", list_id=demand_list.id)
    form = F.DecisionForm(prefix=f"item{item.id}")
    if not form.validate_on_submit():
        return checked_post(back) or redirect(back)
    try:
        lists.decide_item(me(), item.id, form.to_data())
    except ValidationError as exc:
        put_errors(form, exc)
        return _render_list(demand_list, failed=(item.id, form), status=400)
    except Conflict as exc:
        flash(str(exc.message), "error")
    else:
        if form.decision.data == "approve":
            flash(_("Approved: the providing departments are asked to authorise."), "success")
        else:
            flash(_("Rejected; the enterprise sees the reason."), "success")
    return redirect(back)


# ---- 5. authorisations ----------------------------------------------------------------------
@bp.get("/authorisations")
@role_required("steward", *OVERSIGHT)
def authorisation_queue():
    rows = authorisations.queue(me())
    wanted = request.args.get("status")
    wanted = wanted if wanted in AUTHORISATION.states else None
    counts = {s: 0 for s in AUTHORISATION.states}
    for a in rows:
        counts[a.status] = counts.get(a.status, 0) + 1
    department = None
    if current_user.role == "steward":
        department_id = access.steward_department_id(me())
        department = catalog_services.get_department(current_user.organisation.code) if department_id else None
    return render_template(
        "marketplace/authorisations.html",
        rows=[a for a in rows if wanted is None or a.status == wanted],
        total=len(rows),
        counts=counts,
        wanted=wanted,
        department=department,
    )


@bp.get("/authorisations/<int:authorisation_id>")
@login_required
def authorisation(authorisation_id):
    return _render_authorisation(authorisations.visible_authorisation(me(), authorisation_id))


def _render_authorisation(a, grant_form=None, refuse_form=None, terminate_form=None, status=200):
    if grant_form is None:
        grant_form = F.TermsForm(prefix="grant", formdata=None)
        grant_form.prefill(a.item.demand.purpose)
    try:
        dependent = [x for x in agreements.agreements_for(me()) if a in x.authorisations]
    except DomainError:
        dependent = []
    return render_template(
        "marketplace/authorisation.html",
        a=a,
        demand=a.item.demand,
        item=a.item,
        actions=AUTHORISATION.allowed(a.status, current_user.role),
        agreements=dependent,
        grant_form=grant_form,
        refuse_form=refuse_form or F.ReasonForm(prefix="refuse", formdata=None),
        terminate_form=terminate_form or F.ReasonForm(prefix="terminate", formdata=None),
    ), status


@bp.post("/authorisations/<int:authorisation_id>/<any(grant, refuse, terminate):action>")
@role_required("steward")
def authorisation_decide(authorisation_id, action):
    a = authorisations.visible_authorisation(me(), authorisation_id)
    back = url_for(".authorisation", authorisation_id=a.id)
    form = F.TermsForm(prefix="grant") if action == "grant" else F.ReasonForm(prefix=action)
    if not form.validate_on_submit():
        return checked_post(back) or redirect(back)
    service = {"grant": authorisations.grant, "refuse": authorisations.refuse, "terminate": authorisations.terminate}
    data = form.to_data() if action == "grant" else {"reason": form.reason.data or ""}
    try:
        service[action](me(), a.id, data)
    except ValidationError as exc:
        put_errors(form, exc)
        return _render_authorisation(a, status=400, **{f"{action}_form": form})
    except Conflict as exc:
        flash(str(exc.message), "error")
    else:
        flash(
            {
                "grant": _("Granted. The operator may now build a listing on this data."),
                "refuse": _("Refused; the reason is recorded."),
                "terminate": _("Terminated. Access ends now, with every agreement that relies on it."),
            }[action],
            "success",
        )
    return redirect(back)


@bp.route("/standing-authorisations", methods=["GET", "POST"])
@role_required("steward", *OVERSIGHT)
def standing():
    form = F.StandingForm(prefix="standing")
    department_id = access.steward_department_id(me())
    existing = authorisations.standing_for(me())
    if department_id:
        taken = {s.category_id for s in existing}
        open_categories = db.session.scalars(
            select(Category)
            .where(
                Category.department_id == department_id,
                Category.openness == "unconditional",
                Category.grade != "core",
            )
            .order_by(Category.code)
        ).all()
        form.category.choices = [
            (c.code, f"{c.code} · {c.name_en if is_english() else c.name_zh}")
            for c in open_categories
            if c.id not in taken
        ]
    if request.method == "GET":
        form.prefill(_("Open use of unconditionally open data through the platform"))
    elif current_user.role != "steward":
        flash(_("Only the department's data steward may set a standing authorisation."), "error")
        return redirect(url_for(".standing"))
    elif form.validate_on_submit():
        try:
            authorisations.set_standing(me(), form.to_data())
        except ValidationError as exc:
            put_errors(form, exc)
        except DomainError as exc:
            flash(str(exc.message), "error")
            return redirect(url_for(".standing"))
        else:
            flash(_("Standing authorisation set. Matching requests are granted at once."), "success")
            return redirect(url_for(".standing"))
    return render_template(
        "marketplace/standing.html", form=form, rows=existing, can_set=current_user.role == "steward"
    ), (400 if has_errors(form) else 200)


# ---- 6. listings ----------------------------------------------------------------------------
@bp.get("/listings")
def listing_index():
    page, per_page = paging(request.args, 20, strict=False)
    args = {}
    if request.args.get("status") in LISTING.states and (access.is_operator(me()) or role() == "coordinator"):
        args["status"] = request.args["status"]
    if request.args.get("demand", "").isdigit() and len(request.args["demand"]) <= 10:
        args["demand"] = request.args["demand"]
    rows, total = listings.listings_for(me(), args, page, per_page)
    return render_template(
        "marketplace/listings.html",
        rows=rows,
        total=total,
        args=args,
        states=LISTING.states if (access.is_operator(me()) or role() == "coordinator") else {},
        pages=page_window(total, per_page, page),
        can_create=access.is_operator(me()),
    )


def _approved_demand_choices(extra=()) -> list[tuple[str, str]]:
    rows = list(
        db.session.scalars(select(Demand).where(Demand.status == "approved").order_by(Demand.id.desc()).limit(100))
    )
    for d in extra:
        if d not in rows:
            rows.append(d)
    return [(str(d.id), f"#{d.id} {d.title}") for d in rows]


@bp.route("/listings/new", methods=["GET", "POST"])
@role_required(*OPERATORS)
def listing_new():
    form = F.ListingForm()
    form.demands.choices = _approved_demand_choices()
    source = None
    if request.method == "GET":
        form.pricing_basis.data = "per_product"
        if request.args.get("demand", "").isdigit():
            source = demands.visible_demand(me(), request.args["demand"])
            form.title_zh.data = source.title
            form.description_zh.data = source.scenario
            form.categories.data = ", ".join(c.code for c in source.categories)
            form.demands.data = [str(source.id)]
            granted = [
                a for a in (source.list_item.authorisations if source.list_item else []) if a.status == "granted"
            ]
            modes = set.intersection(*(set(a.delivery_modes) for a in granted)) if granted else set()
            form.delivery_modes.data = [m for m, _label in F.DELIVERY_MODE_CHOICES if m in modes]
    elif form.validate_on_submit():
        try:
            listing = listings.create_listing(me(), form.to_data())
        except ValidationError as exc:
            put_errors(form, exc)
        else:
            flash(_("Draft listing saved. Publish it when its data is authorised."), "success")
            return redirect(url_for(".listing", listing_id=listing.id))
    return render_template("marketplace/listing_form.html", form=form, listing=None, source=source), (
        400 if has_errors(form) else 200
    )


@bp.route("/listings/<int:listing_id>/edit", methods=["GET", "POST"])
@role_required(*OPERATORS)
def listing_edit(listing_id):
    listing = listings.visible_listing(me(), listing_id)
    back = url_for(".listing", listing_id=listing.id)
    if "edit" not in LISTING.allowed(listing.status, current_user.role):
        flash(_("Suspend the listing before editing it."), "error")
        return redirect(back)
    form = F.ListingForm()
    form.demands.choices = _approved_demand_choices(listing.demands)
    if request.method == "GET":
        form.load(listing)
    elif form.validate_on_submit():
        try:
            listings.update_listing(me(), listing.id, form.to_data())
        except ValidationError as exc:
            put_errors(form, exc)
        except Conflict as exc:
            flash(str(exc.message), "error")
            return redirect(back)
        else:
            flash(_("Saved as a draft. Publish it again when ready."), "success")
            return redirect(back)
    return render_template("marketplace/listing_form.html", form=form, listing=listing, source=None), (
        400 if has_errors(form) else 200
    )


@bp.get("/listings/<int:listing_id>")
def listing(listing_id):
    x = listings.visible_listing(me(), listing_id)
    operator = access.is_operator(me())
    actions = LISTING.allowed(x.status, current_user.role) if operator else []
    return render_template(
        "marketplace/listing.html",
        listing=x,
        operator=operator,
        actions=actions,
        problems=listings.publish_problems(x) if operator and "publish" in actions else [],
        approved_demands=[d for d in x.demands if d.status == "approved"],
        form=EmptyForm(),
    )


@bp.post("/listings/<int:listing_id>/<any(publish, suspend, retire):action>")
@login_required  # the service answers 404 for a listing one may not see, 403 for one one may not change
def listing_action(listing_id, action):
    back = url_for(".listing", listing_id=listing_id)
    if action == "publish":
        call = lambda: listings.publish(me(), listing_id)  # noqa: E731
    else:
        call = lambda: listings.change_status(me(), listing_id, action)  # noqa: E731
    message = {
        "publish": _("Published: the listing is on the board."),
        "suspend": _("Suspended: the listing is off the board."),
        "retire": _("Retired."),
    }[action]
    return checked_post(back) or act(call, message, back)


# ---- 7. agreements --------------------------------------------------------------------------
@bp.get("/agreements")
@login_required
def agreement_index():
    wanted = request.args.get("status")
    wanted = wanted if wanted in AGREEMENT.states else None
    return render_template("marketplace/agreements.html", rows=agreements.agreements_for(me(), wanted), wanted=wanted)


@bp.route("/agreements/new", methods=["GET", "POST"])
@role_required(*OPERATORS)
def agreement_new():
    form = F.AgreementForm()
    source = request.form if request.method == "POST" else request.args
    listing_id = source.get("listing_id") or source.get("listing") or ""
    demand_id = source.get("demand_id") or source.get("demand") or ""
    listing_rows, _count = listings.listings_for(me(), {"status": "published"}, 1, 100)
    demand = demands.visible_demand(me(), demand_id) if demand_id.isdigit() else None
    chosen_listing = next((x for x in listing_rows if str(x.id) == listing_id), None)
    if demand is not None:
        listing_rows = [x for x in listing_rows if demand in x.demands] or listing_rows
    if chosen_listing is not None:
        candidates = [d for d in chosen_listing.demands if d.status == "approved"]
    else:
        candidates = list({d.id: d for x in listing_rows for d in x.demands if d.status == "approved"}.values())
    if demand is not None and demand not in candidates:
        candidates.insert(0, demand)
    form.listing_id.choices = [
        (str(x.id), f"#{x.id} {x.title_en if is_english() and x.title_en else x.title_zh}") for x in listing_rows
    ]
    form.demand_id.choices = [(str(d.id), f"#{d.id} {d.title}") for d in candidates]
    if request.method == "GET":
        form.listing_id.data = listing_id or (form.listing_id.choices[0][0] if form.listing_id.choices else "")
        form.demand_id.data = demand_id or (form.demand_id.choices[0][0] if form.demand_id.choices else "")
        form.delivery_mode.data = request.args.get("delivery_mode") or "usable_invisible"
        form.price.data = request.args.get("price", "")
        form.term_end.data = request.args.get("term_end", "")
        form.load_args(request.args)
    elif form.validate_on_submit():
        try:
            agreement = agreements.create_agreement(me(), form.to_data())
        except ValidationError as exc:
            put_errors(form, exc)
        except Conflict as exc:
            flash(str(exc.message), "error")
            return redirect(url_for(".agreement_new", **form.query_args()))
        else:
            flash(_("Agreement drafted. The three parties are asked to sign."), "success")
            return redirect(url_for(".agreement", agreement_id=agreement.id))
    selected = demand or next((d for d in candidates if str(d.id) == (form.demand_id.data or "")), None)
    public_interest = bool(selected and selected.list_item and selected.list_item.public_interest_confirmed)
    return render_template(
        "marketplace/agreement_form.html", form=form, demand=selected, public_interest=public_interest
    ), (400 if has_errors(form) else 200)


@bp.get("/agreements/<int:agreement_id>")
@login_required
def agreement(agreement_id):
    return _render_agreement(agreements.visible_agreement(me(), agreement_id))


def _render_agreement(a, feedback_form=None, status=200):
    viewer = me()
    party = agreements.party_of(viewer, a)
    rows = agreements.parties(a)
    signed_orgs = {r["organisation_id"] for r in rows if r["signed_at"]}
    return render_template(
        "marketplace/agreement.html",
        a=a,
        parties=rows,
        party=party,
        can_sign=bool(party)
        and "sign" in AGREEMENT.allowed(a.status, viewer.role)
        and viewer.organisation_id not in signed_orgs,
        can_use=party == "consumer" and a.status == "active",
        feedback_form=feedback_form or F.FeedbackForm(prefix="feedback", formdata=None),
        form=EmptyForm(),
        today=date.today(),
        feedback=agreements.feedback_schedule(a),
    ), status


@bp.post("/agreements/<int:agreement_id>/sign")
@login_required
def agreement_sign(agreement_id):
    back = url_for(".agreement", agreement_id=agreement_id)
    org = current_user.organisation
    name = "" if org is None else (org.name_en if (is_english() and org.name_en) else org.name_zh)
    return checked_post(back) or act(
        lambda: agreements.sign(me(), agreement_id), _("Signed for %(org)s.", org=name), back
    )


@bp.post("/agreements/<int:agreement_id>/use")
@role_required("consumer")
def agreement_use(agreement_id):
    back = url_for(".agreement", agreement_id=agreement_id)
    if (answer := checked_post(back)) is not None:
        return answer
    try:
        result = agreements.use(me(), agreement_id)
    except Conflict as exc:
        flash(str(exc.message), "error")
    else:
        flash(
            _(
                "Access allowed: %(mode)s, until %(until)s. %(attribution)s",
                mode=F.DELIVERY_MODE_LABELS.get(result["delivery_mode"], result["delivery_mode"]),
                until=result["valid_until"],
                attribution=result["source_attribution"],
            ),
            "success",
        )
    return redirect(back)


@bp.post("/agreements/<int:agreement_id>/feedback")
@role_required("consumer")
def agreement_feedback(agreement_id):
    a = agreements.visible_agreement(me(), agreement_id)
    back = url_for(".agreement", agreement_id=a.id)
    form = F.FeedbackForm(prefix="feedback")
    if not form.validate_on_submit():
        return checked_post(back) or redirect(back)
    try:
        agreements.add_feedback(me(), a.id, {"body": form.body.data or ""})
    except ValidationError as exc:
        put_errors(form, exc)
        return _render_agreement(a, feedback_form=form, status=400)
    except Conflict as exc:
        flash(str(exc.message), "error")
    else:
        flash(_("Thank you: the usage report is recorded."), "success")
    return redirect(back)


# ---- 8. inbox -------------------------------------------------------------------------------
@bp.get("/inbox")
@login_required
def inbox_page():
    return render_template("marketplace/inbox.html", tasks=inbox.inbox(me()))
