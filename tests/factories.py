"""Small factory functions that build test data through the services."""

import itertools

from accounts import credit_code, services

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
    return services.create_user(email, role, org, PASSWORD, org_name=org_name)


def token_for(user) -> str:
    return services.issue_token(user)


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}
