"""Pages of price negotiation (议价) and invoices. Thin: load, call one service, flash, redirect.
A ValidationError re-renders the page with the form's field messages (400); a Conflict is flashed
and the browser goes back to the page it came from. Only the services change state."""

from datetime import timedelta

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import format_percent, format_timedelta, ngettext
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from accounts.auth import role_required
from accounts.forms import EmptyForm
from core.errors import Conflict, ValidationError
from core.i18n import is_english
from core.timeutil import utcnow
from core.web import checked_post, has_errors, me, put_errors
from finance.services import cards, invoices
from finance.services.invoices import status_of
from marketplace.forms import DELIVERY_MODE_LABELS, PARTY_LABELS, PRICING_BASIS_LABELS
from marketplace.services import access, listings
from pricing import forms as F
from pricing.services import negotiation as talks
from pricing.states import INVOICE, OFFER, THREAD

bp = Blueprint("pricing", __name__, template_folder="templates")

OPERATORS = access.OPERATOR_ROLES
NEGOTIATORS = ("consumer", *OPERATORS)
VOIDERS = ("finance",)  # voiding is finance's alone (README, OpenAPI)
EXPIRING_WITHIN = timedelta(hours=48)
QUEUE_LIMIT = 500

FILTERS = {
    "waiting": _l("Waiting for my reply"),
    "expiring": _l("Expiring soon"),
    "agreed": _l("Agreed"),
    "withdrawn": _l("Withdrawn"),
}
SIDE_LABELS = {"consumer": PARTY_LABELS["consumer"], "operator": PARTY_LABELS["operator"]}


@bp.context_processor
def pricing_labels():
    return {
        "THREAD": THREAD,
        "OFFER": OFFER,
        "INVOICE": INVOICE,
        "MODES": DELIVERY_MODE_LABELS,
        "BASES": PRICING_BASIS_LABELS,
        "SIDES": SIDE_LABELS,
        "time_left": time_left,
    }


def time_left(when) -> str:
    delta = when - utcnow()
    if delta.total_seconds() <= 0:
        return _("expired")
    return format_timedelta(delta, threshold=1.1, add_direction=True)


# ---- reading a thread -----------------------------------------------------------------------
def standing_of(thread):
    return next((o for o in thread.offers if o.status == "standing"), None)


def waiting_for(thread, side: str) -> bool:
    """Open, and the other side spoke last: its offer stands, or its message or offer is the latest."""
    if thread.status != "open":
        return False
    standing = standing_of(thread)
    if standing is not None and standing.side != side:
        return True
    items = [(o.created_at, o.id, o.side) for o in thread.offers] + [
        (m.created_at, m.id, m.side) for m in thread.messages
    ]
    return bool(items) and max(items)[2] != side


def expiring(thread) -> bool:
    standing = standing_of(thread)
    return thread.status == "open" and standing is not None and standing.valid_until <= utcnow() + EXPIRING_WITHIN


def timeline(thread) -> list[dict]:
    """Messages and offers in the order they were made. An offer's note that repeats the message
    posted with it (the opening message) is shown once."""
    items = [{"kind": "message", "at": m.created_at, "obj": m, "side": m.side} for m in thread.messages]
    items += [{"kind": "offer", "at": o.created_at, "obj": o, "side": o.side} for o in thread.offers]
    items.sort(key=lambda i: (i["at"], 0 if i["kind"] == "message" else 1, i["obj"].id))
    previous = None
    for item in items:
        item["note"] = ""
        if item["kind"] == "offer":
            note = item["obj"].message or ""
            repeated = previous and previous["kind"] == "message" and previous["obj"].body == note
            item["note"] = "" if repeated else note
        previous = item
    return items


# ---- 1. the queue ---------------------------------------------------------------------------
@bp.get("/negotiations")
@role_required(*NEGOTIATORS)
def negotiation_index():
    viewer = me()
    side = "consumer" if viewer.role == "consumer" else "operator"
    rows, _total = talks.threads_for(viewer, {}, 1, QUEUE_LIMIT)
    tests = {
        "waiting": lambda t: waiting_for(t, side),
        "expiring": expiring,
        "agreed": lambda t: t.status == "agreed",
        "withdrawn": lambda t: t.status == "withdrawn",
    }
    counts = {key: sum(1 for t in rows if test(t)) for key, test in tests.items()}
    wanted = request.args.get("filter")
    wanted = wanted if wanted in tests else None
    shown = [t for t in rows if tests[wanted](t)] if wanted else rows
    return render_template(
        "pricing/negotiations.html",
        rows=shown,
        total=len(rows),
        counts=counts,
        filters=FILTERS,
        wanted=wanted,
        side=side,
        standing_of=standing_of,
        waiting_for=waiting_for,
        expiring=expiring,
    )


# ---- 2. opening a thread --------------------------------------------------------------------
def _own_demands(listing):
    return [d for d in listing.demands if d.organisation_id == current_user.organisation_id]


@bp.route("/negotiations/new", methods=["GET", "POST"])
@role_required("consumer")
def negotiation_new():
    source = request.form if request.method == "POST" else request.args
    listing_id = (source.get("listing") or source.get("listing_id") or "").strip()
    if not listing_id.isdigit():
        abort(404)
    listing = listings.visible_listing(me(), listing_id)
    if listing.status != "published":
        abort(404)
    access.require_verified(me())  # 403 with what to do, before the form is filled in for nothing
    form = F.OpenForm()
    form.delivery_mode.choices = [(m, DELIVERY_MODE_LABELS.get(m, m)) for m in listing.delivery_modes or []]
    form.demand_id.choices = [("", _("None"))] + [(str(d.id), f"#{d.id} {d.title}") for d in _own_demands(listing)]
    if request.method == "GET":
        form.delivery_mode.data = (listing.delivery_modes or [""])[0]
        form.demand_id.data = request.args.get("demand", "") if request.args.get("demand", "").isdigit() else ""
        form.valid_days.data = "7"
        form.quantity.data = "1"
        form.term_months.data = "12"
    elif form.validate_on_submit():
        try:
            thread = talks.open_thread(me(), form.to_data(listing.id))
        except ValidationError as exc:
            put_errors(form, exc)
        else:
            if thread.status == "agreed":
                flash(_("Approved public-interest use: agreed free of charge, no invoice."), "success")
            else:
                flash(_("Negotiation opened. The operator is notified."), "success")
            return redirect(url_for(".negotiation", thread_id=thread.id))
    else:
        flash(_("The form expired or did not come from this site. Reload the page and try again."), "error")
    return render_template(
        "pricing/negotiation_new.html",
        form=form,
        listing=listing,
        reference=listings.reference_price(listing, 1),
    ), (400 if has_errors(form) else 200)


# ---- 3. one thread --------------------------------------------------------------------------
@bp.get("/negotiations/<int:thread_id>")
@login_required
def negotiation(thread_id):
    return _render_thread(talks.visible_thread(me(), thread_id))


def _render_thread(thread, message_form=None, offer_form=None, withdraw_form=None, accept_form=None, status=200):
    viewer = me()
    side = talks.side_of(viewer, thread)
    standing = standing_of(thread)
    quantity = standing.quantity if standing else 1
    offer_form = offer_form or F.OfferForm(prefix="offer", formdata=None)
    if offer_form.valid_days.data is None and not has_errors(offer_form):
        offer_form.valid_days.data = "7"
        offer_form.quantity.data = str(quantity)
        offer_form.term_months.data = str(standing.term_months if standing else 12)
    accept_form = accept_form or F.AcceptForm(prefix="accept", formdata=None)
    if standing is not None:
        accept_form.offer_id.data = str(standing.id)
    return render_template(
        "pricing/negotiation.html",
        thread=thread,
        side=side,
        other="operator" if side == "consumer" else "consumer",
        standing=standing,
        can_accept=thread.status == "open" and standing is not None and standing.side != side,
        items=timeline(thread),
        reference=listings.reference_price(thread.listing, quantity),
        quantity=quantity,
        message_form=message_form or F.MessageForm(prefix="msg", formdata=None),
        offer_form=offer_form,
        withdraw_form=withdraw_form or F.ReasonForm(prefix="withdraw", formdata=None),
        accept_form=accept_form,
        labels=_labels(thread),
    ), status


def _labels(thread) -> dict:
    """What negotiation.js writes when it re-renders the thread, in the page's language."""
    consumer = thread.consumer.name_en if is_english() and thread.consumer.name_en else thread.consumer.name_zh

    def strings(d):
        return {k: str(v) for k, v in d.items()}

    return {
        "offer_status": strings(OFFER.states),
        "thread_status": strings(THREAD.states),
        "bases": strings(PRICING_BASIS_LABELS),
        "sides": {"consumer": consumer, "operator": str(SIDE_LABELS["operator"])},
        "you": _("you"),
        "basis": _("Basis"),
        "quantity": _("Quantity"),
        "term": _("Term"),
        "month": ngettext("%(num)s month", "%(num)s months", 1).replace("1", "{n}", 1),
        "months": ngettext("%(num)s month", "%(num)s months", 2).replace("2", "{n}", 1),
        "valid_until": _("Valid until"),
        "made_by": _("Offer by %(side)s", side="{side}"),
        "expired": _("expired"),
        "offline": _("Updates paused: cannot reach the server."),
    }


def _thread_post(thread_id, form, call, success, form_name):
    thread = talks.visible_thread(me(), thread_id)
    back = url_for(".negotiation", thread_id=thread.id)
    if not form.validate_on_submit():
        return checked_post(back) or redirect(back)
    try:
        call(form.to_data())
    except ValidationError as exc:
        put_errors(form, exc)
        return _render_thread(talks.visible_thread(me(), thread_id), status=400, **{form_name: form})
    except Conflict as exc:
        flash(str(exc.message), "error")
    else:
        flash(success, "success")
    return redirect(back)


@bp.post("/negotiations/<int:thread_id>/messages")
@role_required(*NEGOTIATORS)
def negotiation_message(thread_id):
    return _thread_post(
        thread_id,
        F.MessageForm(prefix="msg"),
        lambda data: talks.post_message(me(), thread_id, data),
        _("Message sent."),
        "message_form",
    )


@bp.post("/negotiations/<int:thread_id>/offers")
@role_required(*NEGOTIATORS)
def negotiation_offer(thread_id):
    return _thread_post(
        thread_id,
        F.OfferForm(prefix="offer"),
        lambda data: talks.make_offer(me(), thread_id, data),
        _("Offer made. It stands until the other side answers or it expires."),
        "offer_form",
    )


@bp.post("/negotiations/<int:thread_id>/accept")
@role_required(*NEGOTIATORS)
def negotiation_accept(thread_id):
    return _thread_post(
        thread_id,
        F.AcceptForm(prefix="accept"),
        lambda data: talks.accept(me(), thread_id, data),
        _("Agreed. The agreement is drafted and the invoice issued."),
        "accept_form",
    )


@bp.post("/negotiations/<int:thread_id>/withdraw")
@role_required(*NEGOTIATORS)
def negotiation_withdraw(thread_id):
    return _thread_post(
        thread_id,
        F.ReasonForm(prefix="withdraw"),
        lambda data: talks.withdraw(me(), thread_id, data),
        _("The negotiation is withdrawn."),
        "withdraw_form",
    )


# ---- 4. invoices ----------------------------------------------------------------------------
@bp.get("/invoices")
@login_required
def invoice_index():
    rows, _total = invoices.invoices_for(me(), 1, QUEUE_LIMIT)
    return render_template("pricing/invoices.html", rows=rows, status_of=status_of)


@bp.get("/invoices/<number>")
@login_required
def invoice(number):
    return _render_invoice(invoices.visible_invoice(me(), number))


def _render_invoice(inv, void_form=None, status=200):
    shown = status_of(inv)
    buyer = current_user.role == "consumer" and current_user.organisation_id == inv.buyer_id
    return render_template(
        "pricing/invoice.html",
        inv=inv,
        status=shown,
        can_pay_by_card=buyer and cards.card_payments_enabled() and cards.payable_by_card(inv),
        card_return=request.args.get("card") if buyer else None,
        vat_percent=format_percent(inv.vat_rate, "#,##0.##%"),
        can_void=current_user.role in VOIDERS and "void" in INVOICE.allowed(shown, current_user.role),
        void_form=void_form or F.ReasonForm(prefix="void", formdata=None),
        form=EmptyForm(),
    ), status


@bp.post("/invoices/<number>/void")
@role_required(*VOIDERS)
def invoice_void(number):
    inv = invoices.visible_invoice(me(), number)
    back = url_for(".invoice", number=inv.number)
    form = F.ReasonForm(prefix="void")
    if not form.validate_on_submit():
        return checked_post(back) or redirect(back)
    try:
        invoices.void_invoice(me(), inv.number, form.to_data())
    except ValidationError as exc:
        put_errors(form, exc)
        return _render_invoice(invoices.visible_invoice(me(), number), void_form=form, status=400)
    except Conflict as exc:
        flash(str(exc.message), "error")
    else:
        flash(_("Invoice %(n)s is void. Its number stays used.", n=inv.number), "success")
    return redirect(back)


@bp.post("/invoices/<number>/pay")
@login_required
def invoice_pay(number):
    """Pay by card: off to Stripe's payment page for what the invoice still owes."""
    inv = invoices.visible_invoice(me(), number)
    back = url_for(".invoice", number=inv.number)
    refused = checked_post(back)
    if refused is not None:
        return refused
    try:
        session = cards.start_checkout(me(), inv.number)
    except Conflict as exc:
        flash(str(exc.message), "error")
        return redirect(back)
    return redirect(session.url, code=303)
