"""A list of N rows costs a fixed number of SQL statements, whatever N: the agreements list (each
row's parties and signatures), the inbox and the nav's inbox count."""

from contextlib import contextmanager

from sqlalchemy import event

from core.extensions import db
from marketplace.services import inbox
from tests.marketplace.conftest import Actor, walk_to_agreement


@contextmanager
def counted_statements():
    statements = []

    def count(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    engine = db.engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)


def _statements_for(call) -> tuple[int, object]:
    db.session.expire_all()
    db.session.remove()
    with counted_statements() as statements:
        result = call()
    return len(statements), result


def test_lists_do_not_grow_their_statements_with_their_rows(cast, app):
    fresh = Actor(cast.client, "consumer")

    class Cast:  # the workflow walked for a consumer with no agreements yet
        consumer = fresh
        operator, coordinator, steward, steward_tax = cast.operator, cast.coordinator, cast.steward, cast.steward_tax

    def agreements_page():
        answer = fresh.get("/api/v1/agreements?per_page=100")
        assert answer.status_code == 200
        return answer.json["total"]

    def inbox_page():
        answer = fresh.get("/api/v1/inbox")
        assert answer.status_code == 200
        return answer.json["total"]

    def badge():
        return inbox.count(db.session.get(type(fresh.user), fresh.user_id))

    walk_to_agreement(Cast)
    small = {name: _statements_for(call) for name, call in (("list", agreements_page), ("inbox", inbox_page))}
    badge_small = _statements_for(badge)
    for _ in range(3):
        walk_to_agreement(Cast)
    large = {name: _statements_for(call) for name, call in (("list", agreements_page), ("inbox", inbox_page))}
    badge_large = _statements_for(badge)

    assert small["list"][1] == 1 and large["list"][1] == 4
    assert small["inbox"][1] == 1 and large["inbox"][1] == 4  # each agreement waits for the consumer's signature
    assert badge_small[1] == 1 and badge_large[1] == 4
    for name in ("list", "inbox"):
        assert large[name][0] == small[name][0], (name, small[name][0], large[name][0])
    assert badge_large[0] == badge_small[0]
    # BEGIN, the user, its membership (is it the enterprise's administrator?) and one COUNT
    assert badge_large[0] <= 4


def test_the_badge_counts_what_the_inbox_lists_for_every_role(cast, ctx):
    walk_to_agreement(cast)
    for actor in (cast.consumer, cast.operator, cast.coordinator, cast.steward, cast.steward_tax, cast.admin):
        user = db.session.get(type(actor.user), actor.user_id)
        assert inbox.count(user) == len(inbox.inbox(user)), actor.user.role
