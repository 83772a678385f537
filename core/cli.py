"""`flask --app wsgi demo seed`: a living demo with users of every role."""

import click
from flask.cli import AppGroup

from accounts import credit_code, services
from core.extensions import db

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
    db.session.commit()
    return created


@demo_cli.command("seed")
def seed():
    """Create demo users of every role (password: demo-password) and a living board. Safe to run again."""
    from marketplace.demo import seed_board

    created = seed_demo_users()
    for email, role, *_ in DEMO_USERS:
        click.echo(f"  {role:<12} {email}{'  (new)' if email in created else ''}")
    click.echo(f"Demo users ready; password for all: {DEMO_PASSWORD}")
    made = seed_board()
    click.echo(
        f"Demand board: {made} demo demands, a published listing and a signed agreement."
        if made
        else "Demand board: demo data already there."
    )
    from finance.demo import seed_finance

    invoiced = seed_finance()
    click.echo(
        f"Finance: {invoiced} agreed negotiations with invoices, paid by bank statement and by card."
        if invoiced
        else "Finance: demo invoices already there."
    )
    from delivery.demo import seed_delivery

    ran = seed_delivery()
    click.echo(
        f"Delivery: data behind the demo categories, {ran} queries in the usage log, one export awaiting the steward."
        if ran
        else "Delivery: demo data already there."
    )


jobs_cli = AppGroup("jobs", help="Background jobs.")


@jobs_cli.command("worker")
@click.option("--threads", default=1, show_default=True, help="Jobs run at once by this worker.")
def jobs_worker(threads):
    """Run jobs in the foreground until stopped (then set JOBS_INPROCESS=0 for the web processes)."""
    from flask import current_app

    from core import jobs

    jobs.work(current_app._get_current_object(), threads)
