"""`flask --app wsgi finance …`: check the ledger's invariants, import a statement, close a month."""

import sys
from pathlib import Path

import click

from accounts.services import user_by_email
from core.errors import DomainError
from core.uow import AppGroup
from finance.services import checks, reports, statements
from finance.services.closing import close_month

finance_cli = AppGroup("finance", help="Payments, ledger, remittances.")


@finance_cli.command("check")
@click.option("--month", help="Also print the month's figures (YYYY-MM), as the month report shows them.")
def check(month):
    """Verify the ledger: debits = credits, receivables = open invoices, remittance payable = rate × base.
    Exits 1 if any invariant fails."""
    results = checks.run_checks()
    for result in results:
        click.echo(
            f"{'OK  ' if result.ok else 'FAIL'} {result.name}" + (f" ({result.detail})" if result.detail else "")
        )
        for problem in result.problems:
            click.echo(f"     - {problem}")
    if month:
        for key, value in checks.ledger_figures(month).items():
            click.echo(f"{month} {key} {value}")
    if not all(r.ok for r in results):
        sys.exit(1)


def _user(email):
    user = user_by_email(email)
    if user is None:
        raise click.ClickException(f"no user {email}")
    return user


@finance_cli.command("import-statement")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--user", "email", required=True, help="The finance user the import is recorded for.")
def import_statement(path, email):
    """Import a bank statement CSV (UTF-8 or GBK) and match its lines to open invoices."""
    click.echo(f"Reading {path} …")
    try:
        statement, duplicate = statements.import_statement(_user(email), path.name, path.read_bytes())
    except DomainError as exc:
        raise click.ClickException(f"{exc.message} {getattr(exc, 'fields', '')}") from None
    if duplicate:
        click.echo(f"Already imported as statement {statement.id}; nothing changed.")
        return
    click.echo(f"Statement {statement.id}: {statement.line_count} lines, {statement.new_lines} new.")
    for status, count in sorted(statement.summary["lines"].items()):
        click.echo(f"  {status}: {count} ({statement.summary['amount'][status]})")


@finance_cli.command("close")
@click.argument("month")
@click.option("--user", "email", required=True)
def close(month, email):
    """Close an ended month: it is locked, later entries dated in it go to the next open month."""
    try:
        close_month(_user(email), month)
    except DomainError as exc:
        raise click.ClickException(str(exc.message)) from None
    click.echo(f"Closed {month}.")
    click.echo(str(reports.month_figures(month)))
