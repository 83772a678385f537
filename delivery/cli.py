"""`flask --app wsgi data generate …` and `flask --app wsgi delivery trace FILE`."""

from pathlib import Path

import click
from sqlalchemy import select

from catalog.models import Category
from core.extensions import db
from core.uow import AppGroup
from delivery.services import exports, versions

data_cli = AppGroup("data", help="Data versions behind the categories.")
delivery_cli = AppGroup("delivery", help="Delivery: tracing leaked exports.")


@data_cli.command("generate")
@click.option("--category", "codes", multiple=True, help="A category code (repeat); default: every category.")
@click.option("--scale", default=1.0, type=float, show_default=True, help="Fraction of each category's record count.")
@click.option("--rows", default=None, type=int, help="Exactly this many rows per category (overrides --scale).")
@click.option("--seed", default=1, type=int, show_default=True)
def generate(codes, scale, rows, seed):
    """Fill categories with synthetic data from their column metadata (deterministic for a seed)."""
    query = select(Category).order_by(Category.code)
    if codes:
        query = query.where(Category.code.in_([c.upper() for c in codes]))
    categories = list(db.session.scalars(query))
    missing = {c.upper() for c in codes} - {c.code for c in categories}
    if missing:
        raise click.ClickException(f"No such category: {', '.join(sorted(missing))}")
    with click.progressbar(categories, label="Generating", show_pos=True) as bar:
        for category in bar:
            n = rows if rows is not None else max(1, round((category.record_count or 1000) * scale))
            version = versions.generate_version(category, n, seed=seed)
            click.echo(f"  {category.code} v{version.number}: {version.row_count:,} rows")


@delivery_cli.command("trace")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def trace(path):
    """Name the agreement a leaked export file came from (exit 1 when none)."""
    found = exports.trace(path)
    if not found:
        click.echo("No agreement's marks found in this file.")
        raise SystemExit(1)
    for hit in found:
        click.echo(f"{hit['agreement']} ({hit['consumer']}): {hit['matching']} of {hit['marks']} marks match")
