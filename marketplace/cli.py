"""`flask --app wsgi marketplace expire`: apply expiry (idempotent; also checked on every access)."""

import click

from core.uow import AppGroup
from marketplace.services.authorisations import expire_due

marketplace_cli = AppGroup("marketplace", help="The demand board and authorisations.")


@marketplace_cli.command("expire")
def expire():
    """End authorisations and agreements whose date has passed. Safe to run any time."""
    counts = expire_due()
    click.echo(f"Expired {counts['authorisations']} authorisation(s) and {counts['agreements']} agreement(s).")
