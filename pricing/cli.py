"""`flask --app wsgi pricing expire`: expire offers past their valid-until time (idempotent)."""

import click

from core.uow import AppGroup
from pricing.services.negotiation import expire_offers

pricing_cli = AppGroup("pricing", help="Negotiations and invoices.")


@pricing_cli.command("expire")
def expire():
    """Mark offers past their valid-until time as expired. Safe to run any time."""
    click.echo(f"Expired {expire_offers()} offer(s).")
