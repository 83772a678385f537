"""The category edit form (operators and admins)."""

from flask_babel import lazy_gettext as _l
from wtforms import DateField, IntegerField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from catalog import vocab
from core.forms import BaseForm


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def _choices(vocabulary: dict):
    return [(code, label) for code, label in vocabulary.items()]


class CategoryForm(BaseForm):
    name_zh = StringField(_l("Name (Chinese)"), validators=[DataRequired(), Length(max=200)])
    name_en = StringField(_l("Name (English)"), validators=[DataRequired(), Length(max=200)])
    description_zh = TextAreaField(_l("Description (Chinese)"), validators=[Length(max=4000)])
    description_en = TextAreaField(_l("Description (English)"), validators=[Length(max=4000)])
    theme = SelectField(_l("Theme"), choices=_choices(vocab.THEMES))
    openness = SelectField(_l("Openness"), choices=_choices(vocab.OPENNESS))
    grade = SelectField(_l("Security grade"), choices=_choices(vocab.GRADES))
    update_frequency = SelectField(_l("Update frequency"), choices=_choices(vocab.FREQUENCIES))
    record_count = IntegerField(_l("Records"), validators=[NumberRange(min=0)])
    formats = MultiCheckboxField(_l("Formats"), choices=[(f, f.upper()) for f in vocab.FORMATS])
    spatial_coverage_zh = StringField(_l("Spatial coverage (Chinese)"), validators=[Length(max=100)])
    spatial_coverage_en = StringField(_l("Spatial coverage (English)"), validators=[Length(max=100)])
    time_coverage_start = DateField(_l("Covers from"), validators=[Optional()])
    time_coverage_end = DateField(_l("Covers until"), validators=[Optional()])
    keywords_zh = StringField(_l("Keywords (Chinese, comma-separated)"))
    keywords_en = StringField(_l("Keywords (English, comma-separated)"))
    fields = TextAreaField(_l("Columns: one per line, name | Chinese label | English label | type"))

    def load(self, category) -> None:
        for name in (
            "name_zh",
            "name_en",
            "description_zh",
            "description_en",
            "theme",
            "openness",
            "grade",
            "update_frequency",
            "record_count",
            "formats",
            "spatial_coverage_zh",
            "spatial_coverage_en",
            "time_coverage_start",
            "time_coverage_end",
        ):
            getattr(self, name).data = getattr(category, name)
        self.keywords_zh.data = "，".join(category.keywords_zh or [])
        self.keywords_en.data = ", ".join(category.keywords_en or [])
        self.fields.data = "\n".join(
            " | ".join([f["name"], f.get("label_zh", ""), f.get("label_en", ""), f["type"]])
            for f in category.fields or []
        )

    def changes(self) -> dict:
        out = {
            name: getattr(self, name).data
            for name in (
                "name_zh",
                "name_en",
                "description_zh",
                "description_en",
                "theme",
                "openness",
                "grade",
                "update_frequency",
                "record_count",
                "formats",
                "spatial_coverage_zh",
                "spatial_coverage_en",
                "time_coverage_start",
                "time_coverage_end",
                "keywords_zh",
                "keywords_en",
            )
        }
        columns = []
        for line in (self.fields.data or "").splitlines():
            if not line.strip():
                continue
            parts = [p.strip() for p in line.split("|")]
            parts += [""] * (4 - len(parts))
            columns.append({"name": parts[0], "label_zh": parts[1], "label_en": parts[2], "type": parts[3]})
        out["fields"] = columns
        return out
