"""Column roles and what each allows in each delivery mode (after SecretFlow SCQL's column
constraints: plaintext, plaintext after group-by / aggregate / compare, never), and the roles
proposed from a column's metadata."""

from flask_babel import lazy_gettext as _l

ROLE_LABELS = {
    "identifier": _l("Identifier"),
    "quasi_identifier": _l("Quasi-identifier"),
    "attribute": _l("Attribute"),
    "sensitive": _l("Sensitive"),
}
MODE_LABELS = {
    "usable_invisible": _l("Usable but invisible (可用不可见)"),
    "in_platform": _l("Usable in the platform (可用不出网)"),
    "controlled_export": _l("Controlled export (受控出网)"),
}
OPERATIONS = ("select", "group_by", "filter", "aggregate")

# usable_invisible: answers are aggregates only. "select" there means "output as a group key".
# An identifier may only be counted (COUNT DISTINCT); a sensitive value only summed, averaged or counted.
# in_platform / controlled_export: rows are visible, identifiers as keyed tokens, sensitive values masked.
ALLOWED = {
    "usable_invisible": {
        "identifier": ("aggregate",),
        "quasi_identifier": ("select", "group_by", "filter", "aggregate"),
        "attribute": ("select", "group_by", "filter", "aggregate"),
        "sensitive": ("aggregate",),
    },
    "in_platform": {
        "identifier": ("select",),
        "quasi_identifier": ("select", "group_by", "filter", "aggregate"),
        "attribute": ("select", "group_by", "filter", "aggregate"),
        "sensitive": ("aggregate",),
    },
}
ALLOWED["controlled_export"] = ALLOWED["in_platform"]

_IDENTIFIER_NAMES = (
    "uscc",
    "taxpayer_id",
    "credit_code",
    "id_number",
    "phone",
    "legal_rep",
    "licence_no",
    "license_no",
    "permit_no",
    "cert_no",
    "case_no",
    "plate_no",
    "ent_name",
    "party_name",
    "applicant_name",
    "operator_name",
    "taxpayer_name",
    "employer_name",
    "name_masked",
    "person_name",
    "contract_no",
    "penalty_no",
    "filing_no",
    "property_unit_no",
)
_QUASI_NAMES = (
    "address",
    "location",
    "street",
    "township",
    "lng",
    "lat",
    "geom",
    "birth_date",
    "gender",
    "age",
    "est_date",
    "reg_date",
    "compound_name",
    "road_name",
)
_SENSITIVE_NAMES = (
    "salary",
    "income",
    "wage",
    "benefit",
    "penalty_amount",
    "diagnosis",
    "disease",
    "debt",
    "arrears",
    "deal_price",
    "insured_status",
    "last_paid_month",
)


def propose_role(field: dict) -> str:
    """The role a column's name, label and type suggest; the department's steward confirms it."""
    name = field["name"].lower()
    label = field.get("label_zh", "")
    if any(k in name for k in _IDENTIFIER_NAMES) or any(k in label for k in ("身份证", "信用代码", "电话", "姓名")):
        return "identifier"
    if any(k in name for k in _SENSITIVE_NAMES):
        return "sensitive"
    if any(k in name for k in _QUASI_NAMES) or field.get("type") == "geometry":
        return "quasi_identifier"
    return "attribute"


def allowed(mode: str, role: str) -> tuple[str, ...]:
    return ALLOWED.get(mode, ALLOWED["usable_invisible"]).get(role, ())


OUTCOME_LABELS = {
    "ok": _l("Answered"),
    "refused": _l("Refused"),
    "conflict": _l("Not allowed now"),
    "interrupted": _l("Stopped"),
    "error": _l("Failed"),
}
