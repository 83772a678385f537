"""A refused query names the rule it broke, in the asker's language."""

from flask_babel import lazy_gettext as _l

from core.errors import ValidationError

RULES = {
    "syntax": _l("The SQL could not be read: %(detail)s"),
    "one_select": _l("Send exactly one SELECT statement."),
    "statement": _l("Only SELECT is allowed; %(detail)s statements are refused."),
    "table": _l("Table %(detail)s is not part of this agreement. Use one of: %(tables)s."),
    "function": _l("The function %(detail)s is not allowed."),
    "construct": _l("%(detail)s is not allowed here."),
    "column": _l("Column %(detail)s does not exist in the agreement's tables."),
    "identifier": _l("%(detail)s is an identifier: it may not be shown, filtered on or grouped by."),
    "sensitive": _l("%(detail)s is sensitive: it may only be summed, averaged or counted."),
    "raw_rows": _l("Only aggregates may be returned in this mode: %(detail)s is neither aggregated nor grouped by."),
    "star": _l("SELECT * returns raw rows, which this delivery mode does not allow; group and aggregate instead."),
    "aggregate_argument": _l("Aggregates take plain columns only: %(detail)s is refused."),
    "output": _l("Each output column must be a group key or one aggregate: %(detail)s."),
    "join": _l("Joins must match columns with ON … = …; %(detail)s is refused."),
    "differencing": _l(
        "This answer differs from an earlier answer of this agreement by fewer than %(detail)s rows in one "
        "group, which could single out an entity."
    ),
    "privacy": _l("With a privacy budget only counts are answered (noise hides one entity); %(detail)s is refused."),
    "quota": _l("The agreement's quota is used up (%(detail)s)."),
    "budget": _l("The agreement's privacy budget is used up: ε %(detail)s remaining."),
    "timeout": _l("The query ran longer than %(detail)s seconds and was stopped."),
    "interrupted": _l("The query was stopped: the agreement has ended."),
    "engine": _l("The query could not be run: %(detail)s"),
}


class QueryRefused(ValidationError):
    code = "query_refused"

    def __init__(self, rule: str, detail="", **extra):
        self.rule = rule
        message = str(RULES[rule] % {"detail": detail, **extra})
        super().__init__(message, {"sql": [message]})
