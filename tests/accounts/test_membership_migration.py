"""Migration 0006 on a database with users made before it: every enterprise user becomes an active
member, the first (lowest id) of each enterprise its administrator; every organisation is verified.
It also goes back down."""

from alembic.script import ScriptDirectory
from flask_migrate import downgrade, upgrade
from sqlalchemy import text

from core.extensions import db
from tests.conftest import make_app
from tests.finance.conftest import _drop_database, _fresh_database


def _before_0006(app) -> str:
    config = app.extensions["migrate"].migrate.get_config()
    return ScriptDirectory.from_config(config).get_revision("0006").down_revision


def test_backfill_makes_members_administrators_and_verified_organisations(database_url, workdir):
    url = _fresh_database(database_url, workdir, "membership_migration")
    app = make_app(url, str(workdir / "index-membership-migration"))
    try:
        with app.app_context():
            upgrade(revision=_before_0006(app))
            run = db.session.execute
            run(
                text(
                    "INSERT INTO organisations (id, kind, code, name_zh, created_at) VALUES "
                    "(1, 'enterprise', '91510100MA0000001L', '甲公司', '2026-01-01'),"
                    "(2, 'enterprise', '91510100MA0000002J', '乙公司', '2026-01-01'),"
                    "(3, 'operator', 'CDBDG', '成都市大数据集团股份有限公司', '2026-01-01')"
                )
            )
            users = [
                (11, "a1@example.cn", "consumer", 1),
                (12, "a2@example.cn", "consumer", 1),
                (13, "b1@example.cn", "consumer", 2),
                (14, "op@example.cn", "operator", 3),
            ]
            for uid, email, role, org in users:
                run(
                    text(
                        "INSERT INTO users (id, email, password_hash, display_name, role, organisation_id, active, "
                        "created_at) VALUES (:id, :email, 'x', '', :role, :org, true, '2026-01-02')"
                    ),
                    {"id": uid, "email": email, "role": role, "org": org},
                )
            db.session.commit()

            upgrade()
            rows = run(text("SELECT user_id, organisation_id, status, role FROM memberships ORDER BY user_id")).all()
            assert [tuple(r) for r in rows] == [
                (11, 1, "active", "administrator"),
                (12, 1, "active", "member"),
                (13, 2, "active", "administrator"),
            ]
            statuses = run(text("SELECT DISTINCT verification_status FROM organisations")).scalars().all()
            assert statuses == ["verified"]
            # a pending user (no organisation) is possible now …
            run(
                text(
                    "INSERT INTO users (id, email, password_hash, display_name, role, organisation_id, active, "
                    "created_at) VALUES (15, 'c@example.cn', 'x', '', 'consumer', NULL, true, '2026-01-03')"
                )
            )
            run(
                text(
                    "INSERT INTO memberships (user_id, organisation_id, status, role, requested_at, reason) "
                    "VALUES (15, 1, 'pending', 'member', '2026-01-03', '')"
                )
            )
            db.session.commit()
            # … and going back down keeps it out: inactive, in the enterprise it asked for
            downgrade(revision=_before_0006(app))
            row = run(text("SELECT organisation_id, active FROM users WHERE id = 15")).one()
            assert row[0] == 1 and not row[1]
            db.session.commit()
            db.session.remove()
    finally:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()
        _drop_database(database_url, "membership_migration")
