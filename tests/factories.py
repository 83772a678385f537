"""Small factory functions that build test data through the services."""

import itertools

from accounts import credit_code, services
from core.extensions import db

_n = itertools.count(1)
PASSWORD = "correct-horse-battery"


def valid_credit_code() -> str:
    n = next(_n)
    return credit_code.complete(f"91510100MA{n:07d}")


def make_user(role: str = "consumer", org: str | None = None, email: str | None = None, org_name: str | None = None):
    if org is None:
        org = {"consumer": valid_credit_code(), "steward": "SCJGJ", "coordinator": "WLLZB"}.get(role, "CDBDG")
    email = email or f"{role}-{next(_n)}@example.cn"
    if role == "consumer" and org_name is None:
        org_name = f"测试企业{next(_n)}"
    user = services.create_user(email, role, org, PASSWORD, org_name=org_name)
    db.session.commit()  # a test's setup is its own edge (core/uow.py): other requests and processes see it
    return user


def token_for(user) -> str:
    token = services.issue_token(user)
    db.session.commit()
    return token


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def finished_job(client, accepted, headers=None, timeout: float = 120.0) -> dict:
    """Follow a 202's Location until the job is done or failed (it runs in a consumer thread)."""
    import time

    assert accepted.status_code == 202, accepted.get_json()
    assert accepted.get_json()["job"]["status"] in ("queued", "running", "done")
    url = accepted.headers["Location"]
    deadline = time.monotonic() + timeout
    while True:
        body = client.get(url, headers=headers or {}).get_json()
        if body["status"] in ("done", "failed") or time.monotonic() > deadline:
            return body
        time.sleep(0.05)
