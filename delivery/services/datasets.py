"""What an agreement delivers: one table per category (named after its code), the latest accepted
version's file, each column's role and what the agreement's mode allows it."""

import functools
import threading
from dataclasses import dataclass
from types import MappingProxyType

from sqlalchemy import bindparam, func, select

from catalog.models import Category
from core.extensions import db
from delivery import storage
from delivery.models import MIN_GROUP_SIZE_DEFAULT, MIN_GROUP_SIZE_FLOOR, CategoryPolicy, ColumnPolicy, DataVersion
from delivery.rules import allowed
from delivery.services import policies, versions
from marketplace.models import listing_categories


@dataclass
class Dataset:
    table: str
    category: object
    version: object  # DataVersion | None
    roles: dict
    min_group_size: int


def of(agreement) -> list[Dataset]:
    out = []
    for category in agreement.listing.categories:
        out.append(
            Dataset(
                table=storage.table_name(category.code),
                category=category,
                version=versions.latest(category.id),
                roles=policies.roles_for(category),
                min_group_size=policies.min_group_size(category),
            )
        )
    return out


def shape(dataset: Dataset, mode: str) -> dict:
    return {
        "table": dataset.table,
        "category": dataset.category.code,
        "name_zh": dataset.category.name_zh,
        "name_en": dataset.category.name_en,
        "version": dataset.version.number if dataset.version else None,
        "rows": dataset.version.row_count if dataset.version else 0,
        "min_group_size": dataset.min_group_size,
        "columns": [
            {
                "name": f["name"],
                "label_zh": f.get("label_zh", ""),
                "label_en": f.get("label_en", ""),
                "type": f["type"],
                "role": dataset.roles[f["name"]],
                "allowed": list(allowed(mode, dataset.roles[f["name"]])),
            }
            for f in dataset.category.fields or []
        ],
    }


@dataclass(frozen=True)
class VersionFile:
    id: int
    number: int
    file_name: str
    row_count: int


@dataclass(frozen=True)
class Served:
    """What the gateway needs of one delivered table, without ORM objects (safe to keep per process)."""

    table: str
    version: VersionFile | None
    roles: dict
    min_group_size: int


# each category's roles, per process and database: (stamp, roles), the stamp being what changes them
# (the category's fields by its updated_at; its column policies by how many and the latest updated_at)
_roles_cache: dict[tuple, tuple] = {}
_roles_lock = threading.Lock()


@functools.cache
def _served_statement():
    latest = (
        select(func.max(DataVersion.number))
        .where(DataVersion.category_id == Category.id, DataVersion.status == "accepted")
        .correlate(Category)
        .scalar_subquery()
    )
    policies_of = select(ColumnPolicy.id).where(ColumnPolicy.category_id == Category.id).correlate(Category)
    return (
        select(
            Category.id,
            Category.code,
            Category.updated_at,
            DataVersion.id.label("version_id"),
            DataVersion.number,
            DataVersion.file_name,
            DataVersion.row_count,
            CategoryPolicy.min_group_size,
            policies_of.with_only_columns(func.count(ColumnPolicy.id)).scalar_subquery().label("policies"),
            policies_of.with_only_columns(func.max(ColumnPolicy.updated_at)).scalar_subquery().label("policies_at"),
        )
        .select_from(listing_categories)
        .join(Category, Category.id == listing_categories.c.category_id)
        .outerjoin(
            DataVersion,
            (DataVersion.category_id == Category.id)
            & (DataVersion.status == "accepted")
            & (DataVersion.number == latest),
        )
        .outerjoin(CategoryPolicy, CategoryPolicy.category_id == Category.id)
        .where(listing_categories.c.listing_id == bindparam("listing_id"))
        .order_by(Category.code)
    )


def served(listing_id: int) -> list[Served]:
    """The listing's tables in one statement (latest accepted version, minimum group size and a
    stamp of the column policies per category); each category's roles read again only when the
    stamp moves."""
    rows = db.session.connection().execute(_served_statement(), {"listing_id": listing_id}).all()
    url = str(db.engine.url)
    out = []
    for row in rows:
        stamp = (row.updated_at, row.policies, row.policies_at)
        stamp_seen, roles = _roles_cache.get((url, row.id), (None, None))
        if roles is None or stamp_seen != stamp:
            roles = MappingProxyType(policies.roles_for(db.session.get(Category, row.id)))
            with _roles_lock:
                _roles_cache[(url, row.id)] = (stamp, roles)
        size = row.min_group_size if row.min_group_size is not None else MIN_GROUP_SIZE_DEFAULT
        version = (
            VersionFile(row.version_id, row.number, row.file_name, row.row_count)
            if row.version_id is not None
            else None
        )
        out.append(Served(storage.table_name(row.code), version, roles, max(MIN_GROUP_SIZE_FLOOR, size)))
    return out
