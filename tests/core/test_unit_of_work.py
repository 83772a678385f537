"""The unit of work (core/uow.py): services flush, the edge commits once.

- A refused request leaves no trace: for every service module that flushes instead of committing,
  a request it refuses (bad input, forbidden, conflict) changes the row count of no table.
- The edge itself: a writing request that succeeds commits; one whose view caught a refusal, one that
  failed, and every read roll back; a CLI command commits when it returns and rolls back when it fails.
- `commit(` appears only in the edge modules, and the deliberate mid-operation commits
  (`uow.commit_now`) only where ARCHITECTURE.md ("Transactions") lists them.
"""

import io
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from flask import Blueprint, jsonify, redirect
from sqlalchemy import func, select

from core import uow
from core.audit import AuditEntry, record
from core.errors import Conflict
from core.extensions import db
from tests.conftest import make_app
from tests.delivery.conftest import ROWS, active_agreement
from tests.marketplace.conftest import _make_cast, demand_body, listing_body, terms, walk_to_agreement, walk_to_approved
from tests.pricing.conftest import fresh_category, published_listing, steward_for

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def dcast(app):
    with app.app_context():
        return _make_cast(app.test_client())


@pytest.fixture(scope="module")
def scjgj_data(app):
    """SCJGJ-001's data, as tests/delivery has it (made once per database, whoever comes first)."""
    from catalog.models import Category
    from delivery.services import versions

    with app.app_context():
        category = db.session.scalar(select(Category).where(Category.code == "SCJGJ-001"))
        if versions.latest(category.id) is None:
            versions.generate_version(category, ROWS, seed=7)
        db.session.commit()
    return True


def _row_counts() -> dict[str, int]:
    db.session.rollback()  # a fresh snapshot: what other connections committed
    return {t.name: db.session.scalar(select(func.count()).select_from(t)) for t in db.metadata.sorted_tables}


def _changed(before: dict, after: dict) -> dict:
    return {name: after[name] - before[name] for name in before if after[name] != before[name]}


# --- refused requests leave no trace, one case per service module -----------------------------------
# Each case prepares what it needs (committed, through the API) and returns the refused request:
# (actor, method, path, body, expected status[, tables whose rows a refusal adds on purpose]).


def _demands(cast):
    demand = cast.consumer.post("/api/v1/demands", demand_body()).json
    assert cast.operator.post(f"/api/v1/demands/{demand['id']}/accept").status_code == 200
    return cast.operator, "post", f"/api/v1/demands/{demand['id']}/accept", {}, 409


def _lists(cast):
    _demand, _item, list_id = walk_to_approved(cast)
    return cast.operator, "post", f"/api/v1/demand-lists/{list_id}/submit", {}, 409


def _authorisations(cast):
    demand, _item, _list = walk_to_approved(cast)
    auth_id = demand["authorisations"][0]["id"]
    return cast.steward, "post", f"/api/v1/authorisations/{auth_id}/grant", terms(expires_on="2001-01-01"), 400


def _listings(cast):
    # an authorisation whose date has passed: refused by its date, though no expiry sweep has run
    # (on a category of its own: another test's valid authorisation of it would let it be published)
    code = fresh_category()
    demand, _item, _list = walk_to_approved(cast, categories=[code])
    auth = demand["authorisations"][0]
    assert (
        steward_for(cast, auth["department"]).post(f"/api/v1/authorisations/{auth['id']}/grant", terms()).status_code
        == 200
    )
    from marketplace.models import Authorisation

    db.session.get(Authorisation, auth["id"]).expires_on = date.today() - timedelta(days=1)
    db.session.commit()
    listing = cast.operator.post("/api/v1/listings", listing_body([demand["id"]], categories=[code])).json
    return cast.operator, "post", f"/api/v1/listings/{listing['id']}/publish", {}, 409


def _agreements(cast):
    _demand, _listing, agreement = walk_to_agreement(cast)
    # feedback on an agreement still awaiting signatures
    return cast.consumer, "post", f"/api/v1/agreements/{agreement['id']}/feedback", {"body": "使用良好"}, 409


def _open_thread(cast) -> dict:
    """A negotiation the consumer opened on a fresh listing, with its standing offer."""
    listing, _demand = published_listing(cast, category=fresh_category())
    return cast.consumer.post(
        "/api/v1/negotiations", {"listing_id": listing["id"], "message": "询价", "amount": "1000.00"}
    ).json


def _invoiced(cast) -> str:
    """The invoice number of a negotiation the operator accepted."""
    thread = _open_thread(cast)
    accepted = cast.operator.post(
        f"/api/v1/negotiations/{thread['id']}/accept", {"offer_id": thread["standing_offer"]["id"]}
    )
    assert accepted.status_code == 200, accepted.json
    return cast.consumer.get(f"/api/v1/negotiations/{thread['id']}").json["invoice_number"]


def _negotiation(cast):
    thread = _open_thread(cast)
    own = thread["standing_offer"]["id"]
    return cast.consumer, "post", f"/api/v1/negotiations/{thread['id']}/accept", {"offer_id": own}, 409


def _invoices(cast):
    return cast.consumer, "post", f"/api/v1/invoices/{_invoiced(cast)}/void", {"reason": "不要了"}, 403


def _cards(cast):
    # card payments are off in the tests (no Stripe key): refused before anything is asked of Stripe
    return cast.consumer, "post", f"/api/v1/invoices/{_invoiced(cast)}/checkout", {}, 409


def _remittances(cast):
    future = (date.today().replace(day=1) + timedelta(days=62)).strftime("%Y-%m")
    return cast.finance, "post", f"/api/v1/finance/months/{future}/close", {}, 409


def _ceilings(cast):
    return cast.consumer, "put", "/api/v1/finance/ceilings/2030", {"amount": "1000000.00"}, 403


def _payments(cast):
    return cast.finance, "post", "/api/v1/finance/payments/999999999/refunds", {"amount": "1.00", "reason": "退款"}, 404


def _statements(cast):
    return (
        cast.finance,
        "post",
        "/api/v1/finance/statement-lines/999999999/match",
        {"invoice_number": "INV-1999-000001"},
        404,
    )


def _membership(cast):
    return cast.other_consumer, "post", "/api/v1/memberships/999999999/approve", {}, 404


def _verification(cast):
    return cast.consumer, "post", "/api/v1/verifications/1/decision", {"approve": True}, 403


def _catalog(cast):
    return cast.admin, "patch", "/api/v1/categories/SCJGJ-001", {"record_count": -5}, 400


def _policies(cast):
    return cast.consumer, "put", "/api/v1/categories/SCJGJ-001/column-policies", {"columns": []}, 403


def _terms(cast):
    agreement_id = active_agreement(cast)
    return cast.consumer, "post", f"/api/v1/agreements/{agreement_id}/terminate", {"reason": "不用了"}, 403


def _exports(cast):
    agreement_id = active_agreement(cast)  # usable_invisible: exports are not among its modes
    body = {"sql": "SELECT ent_type FROM SCJGJ_001", "purpose": "分析"}
    return cast.consumer, "post", f"/api/v1/agreements/{agreement_id}/exports", body, 409


def _versions(cast):
    upload = {"data": {"file": (io.BytesIO(b"uscc,ent_type\n1,2\n"), "x.csv")}, "content_type": "multipart/form-data"}
    return cast.consumer, "post", "/api/v1/categories/SCJGJ-001/versions", upload, 403


def _queries(cast):
    # the one refusal that leaves a row on purpose: the usage log records every attempt
    agreement_id = active_agreement(cast)
    path = f"/api/v1/agreements/{agreement_id}/queries"
    assert cast.consumer.post(path, {"sql": "DROP TABLE x"}).status_code == 400  # the first call makes the ledger
    return cast.consumer, "post", path, {"sql": "DROP TABLE x"}, 400, {"usage_entries": 1}


CASES = {
    "marketplace.demands": _demands,
    "marketplace.lists": _lists,
    "marketplace.authorisations": _authorisations,
    "marketplace.listings": _listings,
    "marketplace.agreements": _agreements,
    "pricing.negotiation": _negotiation,
    "pricing.invoices": _invoices,
    "finance.cards": _cards,
    "finance.remittances": _remittances,
    "finance.ceilings": _ceilings,
    "finance.payments": _payments,
    "finance.statements": _statements,
    "accounts.membership": _membership,
    "accounts.verification": _verification,
    "catalog.services": _catalog,
    "delivery.policies": _policies,
    "delivery.terms": _terms,
    "delivery.exports": _exports,
    "delivery.versions": _versions,
    "delivery.queries": _queries,
}


@pytest.mark.parametrize("module", sorted(CASES))
def test_a_refused_request_leaves_no_trace(module, dcast, scjgj_data, ctx):
    actor, method, path, body, status, *expected = CASES[module](dcast)
    before = _row_counts()
    sent = body if "content_type" in body else {"json": body}
    response = getattr(actor.client, method)(path, headers=actor.headers, **sent)
    assert response.status_code == status, (module, response.status_code, response.get_json())
    assert response.get_json()["error"]["message"]
    assert _changed(before, _row_counts()) == (expected[0] if expected else {}), module


def test_a_refusal_a_page_caught_and_redirected_leaves_no_trace(dcast, scjgj_data, ctx, client):
    """The HTML view catches the Conflict, flashes it and redirects (302): still no commit."""
    agreement_id = active_agreement(dcast)
    with client:
        client.post("/login", data={"email": dcast.consumer.email, "password": "correct-horse-battery"})
        before = _row_counts()
        response = client.post(
            f"/agreements/{agreement_id}/export-requests", data={"sql": "SELECT ent_type FROM SCJGJ_001"}
        )
        assert response.status_code == 302
        assert _changed(before, _row_counts()) == {}


def test_using_a_lapsed_agreement_is_refused_by_its_date_and_the_read_writes_nothing(dcast, scjgj_data, ctx):
    """agreements.use serves a GET: it sweeps nothing (expire_due runs only as scheduled work)."""
    from marketplace.models import Agreement

    agreement_id = active_agreement(dcast)
    db.session.get(Agreement, agreement_id).term_end = date.today() - timedelta(days=1)
    db.session.commit()
    before = _row_counts()
    response = dcast.consumer.get(f"/api/v1/agreements/{agreement_id}/access")
    assert response.status_code == 409
    assert _changed(before, _row_counts()) == {}
    assert db.session.get(Agreement, agreement_id).status == "active"  # until the sweep records it


def test_a_refused_sign_up_form_leaves_no_trace(client, ctx):
    """accounts.services: the page catches the ValidationError and shows the form again (400)."""
    before = _row_counts()
    response = client.post(
        "/signup",
        data={"email": "uow-refused@example.cn", "password": "x", "credit_code": "123", "enterprise_name": ""},
    )
    assert response.status_code == 400
    assert _changed(before, _row_counts()) == {}


def test_a_failed_sign_in_is_counted_by_the_throttle_and_nothing_else(client, ctx):
    """accounts.services + accounts.throttle: the one trace a refused sign-in leaves on purpose."""
    from accounts.models import SigninThrottle
    from tests.factories import make_user

    user = make_user("consumer")
    before = _row_counts()
    response = client.post("/login", data={"email": user.email, "password": "not-the-password"})
    assert response.status_code in (200, 400, 401)
    changed = _changed(before, _row_counts())
    assert changed.get(SigninThrottle.__tablename__, 0) >= 1  # the account's key is new: counted, committed
    assert set(changed) == {SigninThrottle.__tablename__}


# --- the edge itself ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def edge_app(database_url, workdir, app):
    """An app with routes that write an audit row and then answer in each of the ways a view can."""
    application = make_app(database_url, str(workdir / "index"))
    probe = Blueprint("uow_probe", __name__)

    def write(note):
        record(None, "uow.probe", "probe", note)
        db.session.flush()

    @probe.route("/uow-probe/<note>", methods=["GET", "POST"])
    def ok(note):
        write(note)
        return jsonify({"ok": True})

    @probe.post("/uow-probe/<note>/caught")
    def caught(note):
        write(note)
        try:
            raise Conflict("no")
        except Conflict:
            return redirect("/")

    @probe.post("/uow-probe/<note>/fails")
    def fails(note):
        write(note)
        return jsonify({"error": "bad"}), 400

    @probe.post("/uow-probe/<note>/later")
    def later(note):
        write(note)
        # what another connection sees when the after-commit work runs
        uow.after_commit(lambda: SEEN_AFTER_COMMIT.append(_committed(note)))
        return jsonify({"ok": True})

    @probe.post("/uow-probe/<note>/later-refused")
    def later_refused(note):
        write(note)
        uow.after_commit(lambda: SEEN_AFTER_COMMIT.append("ran after a rollback"))
        return jsonify({"error": "no"}), 409

    application.register_blueprint(probe)
    return application


SEEN_AFTER_COMMIT = []


def _committed(note: str) -> int:
    with db.engine.connect() as connection:
        return connection.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.object_id == note))


def _probes(note: str) -> int:
    db.session.rollback()
    return db.session.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.object_id.like(note + "%")))


@pytest.mark.parametrize(
    ("method", "suffix", "kept"),
    [("post", "", 1), ("get", "", 0), ("post", "/caught", 0), ("post", "/fails", 0)],
)
def test_the_request_commits_only_a_successful_write_that_met_no_refusal(edge_app, method, suffix, kept):
    note = f"probe-{method}-{suffix.strip('/') or 'ok'}"
    with edge_app.app_context():
        before = _probes(note)
    getattr(edge_app.test_client(), method)(f"/uow-probe/{note}{suffix}")
    with edge_app.app_context():
        assert _probes(note) - before == kept


def test_after_commit_work_runs_once_the_request_committed_and_never_after_a_rollback(edge_app):
    SEEN_AFTER_COMMIT.clear()
    client = edge_app.test_client()
    assert client.post("/uow-probe/probe-later-refused/later-refused").status_code == 409
    assert SEEN_AFTER_COMMIT == []
    assert client.post("/uow-probe/probe-later/later").status_code == 200
    assert SEEN_AFTER_COMMIT == [1]  # it ran, and by then the request's row was visible to others


def test_a_cli_command_commits_when_it_returns_and_rolls_back_when_it_fails(app):
    import click

    group = uow.AppGroup("uow-probe")

    @group.command("write")
    @click.argument("note")
    @click.option("--fail", is_flag=True)
    def write(note, fail):
        record(None, "uow.probe", "probe", note)
        db.session.flush()
        if fail:
            raise click.ClickException("refused")

    app.cli.add_command(group)
    try:
        runner = app.test_cli_runner()
        assert runner.invoke(args=["uow-probe", "write", "probe-cli-ok"]).exit_code == 0
        assert runner.invoke(args=["uow-probe", "write", "probe-cli-failed", "--fail"]).exit_code == 1
    finally:
        app.cli.commands.pop("uow-probe", None)
    with app.app_context():
        assert _probes("probe-cli-ok") == 1
        assert _probes("probe-cli-failed") == 0


# --- where commits are written -----------------------------------------------------------------------

# The edges: the only modules that may end a database transaction, and why.
EDGES = {
    "core/uow.py": "the unit of work: the request's hook, CLI commands, commit_now",
    "core/jobs.py": "a background job: claiming it, its outcome (with the task's work), its checkpoints",
    "core/scheduler.py": "a scheduled task: claiming its slot, its run, its outcome",
    "catalog/search/index.py": "Whoosh's index writer (writer.commit), not a database transaction",
}

# The deliberate mid-operation commits (uow.commit_now), by module: ARCHITECTURE.md lists why.
COMMIT_NOW = {
    "accounts/throttle.py": 1,  # a failed sign-in counts although the request fails
    "core/jobs.py": 1,  # a job's progress checkpoint
    # claimed before the query; DuckDB outside a transaction; a GET download; refused requests logged
    "delivery/services/exports.py": 5,
    "delivery/services/queries.py": 9,  # the call charged before the engine; refused calls logged
    "delivery/services/versions.py": 1,  # a refused upload is kept with its report
    "finance/services/cards.py": 2,  # nothing held across Stripe's round trip; a session's status kept
    # staged (or discarded) in chunks; nothing held while spooling; the session's transaction ended
    # before the lines written beside the import are copied in on a connection of their own
    "finance/services/statements.py": 5,
}
SKIPPED = {"tests", "bench", "tools", "migrations", ".venv", "node_modules", ".git"}


def _sources():
    for path in sorted(ROOT.rglob("*.py")):
        relative = path.relative_to(ROOT)
        if relative.parts[0] in SKIPPED or relative.parts[0].startswith("."):
            continue
        yield relative.as_posix(), path.read_text(encoding="utf-8")


def test_commit_is_written_only_at_the_edges():
    found = {name for name, text in _sources() if re.search(r"\bcommit\(|\.commit\b(?!_)", text)}
    assert found == set(EDGES), sorted(found ^ set(EDGES))


def test_mid_operation_commits_are_the_listed_ones():
    found = {}
    for name, text in _sources():
        calls = len(re.findall(r"\bcommit_now\(", text))
        if calls and name != "core/uow.py":
            found[name] = calls
    assert found == COMMIT_NOW
