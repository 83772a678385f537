"""Every page of the board for every role: shown (200), sent to sign in (302), 404 for what one may
not see, 403 for what one sees but may not do. Refused form posts change nothing."""

import pytest
from sqlalchemy import func, select

from core.audit import AuditEntry
from core.extensions import db
from tests.factories import PASSWORD
from tests.marketplace.test_permissions import (
    ROLES,
    _actor,
    s_agreement,
    s_clarification,
    s_draft_listing,
    s_pending_authorisation,
    s_submitted,
)

OK, LOGIN, NF, FB = 200, 302, 404, 403


def row(default, **by_role):
    out = {r: default for r in ROLES}
    out.update(by_role)
    return out


PAGES = [
    ("/board", s_submitted, row(OK)),
    ("/demands/new", s_submitted, row(FB, anonymous=LOGIN, owner=OK, other_consumer=OK)),
    ("/demands/{demand}", s_submitted, row(OK)),
    ("/demands/{demand}", s_clarification, row(NF, owner=OK, operator=OK, coordinator=OK, admin=OK)),
    ("/demands/{demand}/edit", s_submitted, row(FB, anonymous=LOGIN, owner=OK)),
    ("/demand-lists", s_submitted, row(FB, anonymous=LOGIN, operator=OK, coordinator=OK, admin=OK)),
    # the queue is the stewards' (and oversight's) page; an enterprise follows its requests on its demand
    ("/authorisations", s_pending_authorisation, row(OK, anonymous=LOGIN, finance=FB, owner=FB, other_consumer=FB)),
    (
        "/authorisations/{auth}",
        s_pending_authorisation,
        row(NF, anonymous=LOGIN, owner=OK, operator=OK, coordinator=OK, admin=OK, steward=OK),
    ),
    (
        "/standing-authorisations",
        s_submitted,
        row(FB, anonymous=LOGIN, operator=OK, coordinator=OK, admin=OK, steward=OK, other_steward=OK),
    ),
    ("/listings", s_submitted, row(OK)),
    ("/listings/new", s_submitted, row(FB, anonymous=LOGIN, operator=OK, admin=OK)),
    ("/listings/{listing}", s_draft_listing, row(NF, operator=OK, coordinator=OK, admin=OK)),
    ("/listings/{listing}", s_agreement, row(OK)),
    ("/agreements", s_agreement, row(OK, anonymous=LOGIN)),
    (
        "/agreements/{agreement}",
        s_agreement,
        row(NF, anonymous=LOGIN, owner=OK, operator=OK, coordinator=OK, admin=OK, finance=OK, steward=OK),
    ),
    ("/inbox", s_submitted, row(OK, anonymous=LOGIN)),
    ("/audit", s_submitted, row(FB, anonymous=LOGIN, coordinator=OK, admin=OK)),
]


def _browser(app, cast, role):
    client = app.test_client()
    actor = _actor(cast, role)
    if actor is not None:
        assert client.post("/login", data={"email": actor.email, "password": PASSWORD}).status_code == 302
    return client


@pytest.fixture(scope="module")
def browsers(app, session_cast):
    return {role: _browser(app, session_cast, role) for role in ROLES}


@pytest.mark.parametrize("template, scenario, expected", PAGES, ids=[f"{t} [{s.__name__[2:]}]" for t, s, _e in PAGES])
def test_page_for_every_role(session_cast, browsers, template, scenario, expected):
    # no app context is pushed here: each request must get its own, as in production (Flask-Login
    # caches the signed-in user on the app context's g)
    path = template.format(**scenario(session_cast))
    outcomes = {role: browsers[role].get(path).status_code for role in ROLES}
    assert outcomes == expected


POSTS = [
    # (path, scenario, form, roles that are refused and how)
    ("/demands/{demand}/accept", s_submitted, {}, {"owner": FB, "other_consumer": FB, "steward": FB, "finance": FB}),
    ("/demands/{demand}/withdraw", s_submitted, {}, {"other_consumer": FB, "operator": FB}),
    ("/authorisations/{auth}/grant", s_pending_authorisation, {"purpose": "x"}, {"other_steward": NF, "operator": FB}),
    ("/agreements/{agreement}/sign", s_agreement, {}, {"other_consumer": NF, "coordinator": FB, "other_steward": NF}),
    ("/listings/{listing}/publish", s_draft_listing, {}, {"owner": NF, "coordinator": FB}),
]


def _audit_count(app):
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(AuditEntry))


@pytest.mark.parametrize("template, scenario, form, refused", POSTS, ids=[p[0] for p in POSTS])
def test_refused_form_posts_change_nothing(app, session_cast, browsers, template, scenario, form, refused):
    path = template.format(**scenario(session_cast))
    for role, status in refused.items():
        before = _audit_count(app)
        assert browsers[role].post(path, data=form).status_code == status, role
        assert _audit_count(app) == before, role
    assert browsers["anonymous"].post(path, data=form).status_code in (302, 401)
