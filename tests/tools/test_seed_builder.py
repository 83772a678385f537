"""The seed builder (tools/seed) regenerates the shipped catalog byte for byte, and its theme labels
are the ones the platform shows."""

import csv

import pytest
from flask_babel import force_locale

from catalog import vocab
from tools.seed import build_seed


def test_regenerating_reproduces_the_shipped_catalog_byte_for_byte(tmp_path):
    build_seed.main(tmp_path)
    for name in ("departments.json", "categories.json"):
        assert (tmp_path / name).read_bytes() == (build_seed.SHIPPED / name).read_bytes(), name


def test_the_builder_refuses_data_that_breaks_the_catalog_rules():
    departments, categories, _scale = build_seed.build()
    categories[0]["grade"], categories[0]["openness"] = "core", "conditional"  # 核心 data offered
    with pytest.raises(AssertionError):
        build_seed.check(departments, categories)


@pytest.mark.parametrize("locale, column", [("en", "label_en"), ("zh", "label_zh")])
def test_theme_labels_are_the_vocabulary_s(app, locale, column):
    with open(build_seed.DATA / "themes.csv", encoding="utf-8", newline="") as f:
        labels = {row["code"]: row[column] for row in csv.DictReader(f)}
    assert list(labels) == list(vocab.THEMES)
    with app.test_request_context(), force_locale(locale):
        shown = {code: str(label) for code, label in vocab.THEMES.items()}
    assert labels == shown
