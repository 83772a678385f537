"""What an agreement delivers: one table per category (named after its code), the latest accepted
version's file, each column's role and what the agreement's mode allows it."""

from dataclasses import dataclass

from delivery import storage
from delivery.rules import allowed
from delivery.services import policies, versions


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
