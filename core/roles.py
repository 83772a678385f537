"""The platform's roles (one per user) and their labels. They live in core because the templates
(`role_label`), the access checks and every package speak of them."""

from flask_babel import lazy_gettext as _l

ROLES = ("consumer", "operator", "coordinator", "steward", "finance", "admin")
ROLE_LABELS = {
    "consumer": _l("Enterprise user"),
    "operator": _l("Operator"),
    "coordinator": _l("Coordinator"),
    "steward": _l("Data steward"),
    "finance": _l("Finance"),
    "admin": _l("Administrator"),
}
