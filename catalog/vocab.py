"""The catalog's controlled vocabularies: themes, openness classes, security grades, update frequencies.

Codes are stored; labels are translated at display time. Themes follow the ~20 domains used by
Chinese open-data portals; grades follow GB/T 43697-2024 (核心 data is never listed for sale).
"""

from flask_babel import lazy_gettext as _l

THEMES = {
    "credit": _l("Credit services"),
    "health": _l("Health care"),
    "social_security": _l("Social security and employment"),
    "transport": _l("Transport"),
    "market": _l("Market regulation"),
    "education": _l("Education"),
    "culture_tourism": _l("Culture and tourism"),
    "public_safety": _l("Public safety"),
    "urban_housing": _l("Urban development and housing"),
    "environment": _l("Ecology and environment"),
    "agriculture": _l("Agriculture and rural affairs"),
    "finance_tax": _l("Finance and taxation"),
    "industry": _l("Industry and economy"),
    "commerce": _l("Commerce and trade"),
    "science": _l("Science and technology"),
    "civil_affairs": _l("Civil affairs"),
    "resources_energy": _l("Natural resources and energy"),
    "weather": _l("Weather"),
    "legal": _l("Legal services"),
    "government_services": _l("Government services"),
}

OPENNESS = {
    "unconditional": _l("Open unconditionally"),
    "conditional": _l("Open on conditions"),
    "closed": _l("Not open"),
}

GRADES = {
    "general": _l("General"),
    "important": _l("Important"),
    "core": _l("Core"),
}

FREQUENCIES = {
    "realtime": _l("Real time"),
    "daily": _l("Daily"),
    "weekly": _l("Weekly"),
    "monthly": _l("Monthly"),
    "quarterly": _l("Quarterly"),
    "yearly": _l("Yearly"),
    "irregular": _l("Irregular"),
}

FORMATS = ("csv", "json", "xlsx", "xml", "api", "shp")
FIELD_TYPES = ("string", "integer", "decimal", "date", "datetime", "boolean", "geometry")

# The facets search offers, in display order, with the vocabulary that labels their values.
FACETS = {
    "department": None,  # labelled by department names
    "theme": THEMES,
    "openness": OPENNESS,
    "grade": GRADES,
    "frequency": FREQUENCIES,
}

SORTS = ("relevance", "name", "records", "updated")


_translated: dict[tuple, str] = {}


def sellable(grade: str, openness: str) -> bool:
    """核心 (core) data is never listed for sale (GB/T 43697-2024); 不予开放 data is not offered either."""
    return grade != "core" and openness != "closed"


def label(vocabulary: dict, code: str, locale: str | None = None) -> str:
    """The label in the current language (locale: the current locale's name, when the caller has
    it already). Translations are fixed while the process runs, so each (language, label) is looked
    up once — search pages show hundreds of labels."""
    if locale is None:
        from flask_babel import get_locale

        locale = str(get_locale())
    key = (locale, id(vocabulary), code)
    if key not in _translated:
        _translated[key] = str(vocabulary.get(code, code))
    return _translated[key]
