"""`flask --app wsgi demo seed`: a living demo with users of every role."""

import click

from accounts import credit_code, services, verification
from core.extensions import db
from core.uow import AppGroup
from delivery.demo import seed_delivery
from marketplace.demo import seed_board
from pricing.demo import seed_finance

demo_cli = AppGroup("demo", help="Demonstration data.")

DEMO_PASSWORD = "demo-password"
DEMO_USERS = (
    ("consumer@demo.cn", "consumer", credit_code.complete("91510100MA6C8XYW1"), "成都蓉信科技有限公司"),
    ("consumer2@demo.cn", "consumer", credit_code.complete("91510107MA61R2K3X"), "四川天府征信服务有限公司"),
    ("operator@demo.cn", "operator", "CDBDG", None),
    ("coordinator@demo.cn", "coordinator", "WLLZB", None),
    ("steward@demo.cn", "steward", "SCJGJ", None),
    ("steward-gjj@demo.cn", "steward", "GJJZX", None),
    ("finance@demo.cn", "finance", "CDBDG", None),
    ("admin@demo.cn", "admin", "CDBDG", None),
)


def seed_demo_users() -> list[str]:
    created = []
    for email, role, org, org_name in DEMO_USERS:
        if services.user_by_email(email) is not None:
            continue
        services.create_user(email, role, org, DEMO_PASSWORD, org_name=org_name)
        created.append(email)
    db.session.flush()
    return created


# Membership and verification waiting to be decided: a colleague asks to join the first demo enterprise
# (its administrator, consumer@demo.cn, decides on /account/members); a new enterprise registered
# itself and submitted its licence (operators verify it on /verifications).
DEMO_JOINER = ("colleague@demo.cn", DEMO_USERS[0][2], DEMO_USERS[0][3])
DEMO_NEWCOMER = ("newcomer@demo.cn", credit_code.complete("91510104MA6DX3NB2"), "成都新芽数据科技有限公司")


def seed_waiting_membership_and_verification() -> bool:
    if services.user_by_email(DEMO_NEWCOMER[0]) is not None:
        return False
    for email, code, name in (DEMO_JOINER, DEMO_NEWCOMER):
        services.sign_up_enterprise(email, DEMO_PASSWORD, code, name, display_name=email.split("@")[0])
    newcomer = services.user_by_email(DEMO_NEWCOMER[0])
    verification.submit(
        newcomer,
        {
            "licence_name": DEMO_NEWCOMER[2],
            "licence_credit_code": DEMO_NEWCOMER[1],
            "legal_representative": "陈新芽",
            "registered_address": "成都市锦江区红星路三段1号",
            "registered_capital": "300万元人民币",
            "established_on": "2021-06-18",
            "business_scope": "数据处理和存储支持服务;软件开发;信息技术咨询服务",
        },
    )
    return True


@demo_cli.command("seed")
def seed():
    """Create demo users of every role (password: demo-password) and a living board. Safe to run again."""
    created = seed_demo_users()
    for email, role, *_ in DEMO_USERS:
        click.echo(f"  {role:<12} {email}{'  (new)' if email in created else ''}")
    click.echo(f"Demo users ready; password for all: {DEMO_PASSWORD}")
    if seed_waiting_membership_and_verification():
        click.echo(
            f"Waiting: {DEMO_JOINER[0]} asks to join {DEMO_JOINER[2]}; {DEMO_NEWCOMER[2]} ({DEMO_NEWCOMER[0]}) "
            "waits for verification."
        )
    made = seed_board()
    click.echo(
        f"Demand board: {made} demo demands, a published listing and a signed agreement."
        if made
        else "Demand board: demo data already there."
    )
    invoiced = seed_finance()
    click.echo(
        f"Finance: {invoiced} agreed negotiations with invoices, paid by bank statement and by card."
        if invoiced
        else "Finance: demo invoices already there."
    )
    ran = seed_delivery()
    click.echo(
        f"Delivery: data behind the demo categories, {ran} queries in the usage log, one export awaiting the steward."
        if ran
        else "Delivery: demo data already there."
    )
