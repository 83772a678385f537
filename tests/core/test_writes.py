"""core.writes.insert_now: a new object written by one INSERT, then in the session as if loaded."""

from sqlalchemy import event, inspect

from accounts import services as accounts
from accounts.models import ApiToken
from core.audit import AuditEntry
from core.extensions import db
from core.writes import insert_now


def _note(seen):
    def note(conn, cursor, statement, *args):
        seen.append(statement)

    return note


def test_the_object_is_written_once_and_is_then_loaded_and_clean(ctx):
    entry = insert_now(AuditEntry(action="test.written", object_type="thing", object_id="7", after={"a": 1}))
    state = inspect(entry)
    assert entry.id is not None and state.persistent and not db.session.is_modified(entry)
    assert entry.at is not None  # the column's Python default, as a flush would write it
    assert entry not in db.session.new and entry not in db.session.dirty
    seen = []
    note = _note(seen)
    event.listen(db.engine, "before_cursor_execute", note)
    try:
        assert db.session.get(AuditEntry, entry.id) is entry  # from the identity map: no read
        db.session.flush()  # nothing to write again
    finally:
        event.remove(db.engine, "before_cursor_execute", note)
    assert seen == []
    db.session.expire(entry)
    assert (entry.action, entry.object_id, entry.after) == ("test.written", "7", {"a": 1})


def test_a_many_to_one_relation_set_on_it_gives_its_key(ctx):
    user = accounts.create_user("writes@example.cn", "operator", "CDBDG", "a-long-password-1")
    token = insert_now(ApiToken(user=user, token_hash="f" * 64, prefix="pdp_test"))
    assert token.user_id == user.id and token.user is user
    db.session.expire(token)
    assert token.user_id == user.id and token.prefix == "pdp_test"
