"""`flask --app wsgi users create|token`."""

import click

from accounts import services
from accounts.models import ROLES
from core.errors import ValidationError
from core.uow import AppGroup

users_cli = AppGroup("users", help="Platform users and API tokens.")


@users_cli.command("create")
@click.argument("email")
@click.option("--role", required=True, type=click.Choice(ROLES))
@click.option(
    "--org",
    "org_code",
    required=True,
    help="consumer: the unified social credit code; steward: the department code; others: an organisation code.",
)
@click.option("--password", required=True)
@click.option("--org-name", default=None, help="The organisation's name, when it is new.")
@click.option("--name", "display_name", default="", help="The user's display name.")
def create(email, role, org_code, password, org_name, display_name):
    """Create a user with one role in an organisation."""
    try:
        user = services.create_user(email, role, org_code, password, org_name=org_name, display_name=display_name)
    except ValidationError as exc:
        problems = "; ".join(f"{k}: {', '.join(str(m) for m in v)}" for k, v in exc.fields.items())
        raise click.ClickException(f"{exc.message} {problems}".strip()) from None
    click.echo(f"Created {user.email} ({user.role}) in {user.organisation.name_zh} [{user.organisation.code}].")


@users_cli.command("token")
@click.argument("email")
@click.option(
    "--days",
    type=click.IntRange(1, 366),
    default=services.TOKEN_DAYS,
    show_default=True,
    help="How many days the token stays valid.",
)
def token(email, days):
    """Print a new API token for the user (its last line is the token)."""
    try:
        user = services.user_by_email(email)
    except ValidationError:
        user = None
    if user is None:
        raise click.ClickException(f"No user {email}.")
    new_token = services.issue_token(user, days)
    click.echo(f"New API token for {user.email}, valid {days} days (shown once; send as 'Authorization: Bearer …'):")
    click.echo(new_token)
