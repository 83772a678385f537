"""`flask --app wsgi catalog seed|reindex`."""

import time

import click

from catalog import services
from catalog.tasks import reindex_later
from core.uow import AppGroup

catalog_cli = AppGroup("catalog", help="The data catalog: seed and search index.")


def _progress(label: str):
    started = time.monotonic()

    def report(done: int, total: int):
        pct = 100 * done // max(total, 1)
        click.echo(f"  {label}: {done}/{total} ({pct}%) {time.monotonic() - started:.1f}s")

    return report


@catalog_cli.command("seed")
@click.option("--refresh", is_flag=True, help="Overwrite existing categories with the shipped values (edits are lost).")
def seed(refresh):
    """Load the shipped catalog (40 departments, 457 categories). Safe to run again."""
    click.echo("Seeding the catalog…")
    summary = services.seed_catalog(progress=_progress("categories"), refresh=refresh)
    click.echo(
        f"Departments: {summary['departments']}, categories: {summary['categories']} "
        f"(created {summary['created']}, updated {summary['updated']})."
    )
    if summary["created"] or summary["updated"] or services.index_is_missing():
        click.echo("Building the search index…")
        count = services.reindex(progress=_progress("indexed"))
        click.echo(f"Search index ready: {count} categories.")
    else:
        click.echo("Search index is up to date.")


@catalog_cli.command("reindex")
@click.option("--background", is_flag=True, help="Queue it as a job for the workers instead of waiting.")
def reindex(background):
    """Rebuild the search index from the database."""
    if background:
        click.echo(f"Queued as job {reindex_later().id}.")
        return
    click.echo("Rebuilding the search index…")
    count = services.reindex(progress=_progress("indexed"))
    click.echo(f"Search index ready: {count} categories.")
