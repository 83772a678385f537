"""Requests checked against the OpenAPI declarations before the handler runs.

core/openapi.py's operation() records each operation's JSON body schema and query parameters; at
start-up every /api/v1 rule of the Flask url_map is bound to its declared operation (a served route
without a declaration, or a declaration without a route, is found by tests/core/test_openapi.py).
Before a bound request reaches its handler:
- path parameters are checked against the schema their name gives (an id is 1…2³¹−1): a value that
  cannot name an object is a 404, as an unknown id is;
- query parameters are turned from text into the declared type and checked: 400 with field messages;
- the JSON body is parsed (malformed or too deeply nested JSON is a 400, never a 500) and checked
  against the declared schema (JSON Schema draft 2020-12); its problems are a 400 with field messages,
  raised when the operation reads its input (core.api.json_object, or the service's Fields once it
  has checked who is asking, so a refused caller still gets 401/403/404 first). Nothing reaches a
  service's own checks with the wrong types, so none of them can fail with a 500.
The services still check their business rules; the schema adds types, enums, bounds and patterns.
"""

import json
import re

from flask import g, request
from flask.globals import _cv_app, _cv_request
from flask_babel import lazy_gettext as _l
from jsonschema import Draft202012Validator, FormatChecker

from core import openapi
from core.errors import NotFound, ValidationError

_PLACEHOLDER = re.compile(r"<(?:[^:<>]+:)?([^<>]+)>")
_INTEGER = re.compile(r"^-?[0-9]{1,20}$")
_NUMBER = re.compile(r"^-?[0-9]{1,20}(\.[0-9]{1,20})?$")
_FORMATS = FormatChecker(["date", "date-time", "email"])
_validators: dict[int, Draft202012Validator] = {}


def openapi_path(rule: str) -> str:
    """/api/v1/demands/<demand_id> → the shape /api/v1/demands/{} used to pair rules and declarations."""
    return _PLACEHOLDER.sub("{}", rule)


def _shape(path: str) -> str:
    return re.sub(r"\{[^}]+\}", "{}", path)


def bind(app) -> None:
    """Pair each served API rule with its declaration: app.extensions["openapi_bindings"] maps
    (endpoint, METHOD) to the declared path, and the rule's argument names in path order."""
    declared = {(_shape(path), method): path for path, method in openapi.CONTRACTS}
    bindings = {}
    for rule in app.url_map.iter_rules():
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            path = declared.get((openapi_path(rule.rule), method.lower()))
            if path is not None:
                bindings[(rule.endpoint, method)] = (path, _PLACEHOLDER.findall(rule.rule))
    app.extensions["openapi_bindings"] = bindings


def init_app(app) -> None:
    app.before_request(check_request)


def _validator(schema: dict) -> Draft202012Validator:
    v = _validators.get(id(schema))
    if v is None:
        resolvable = {**schema, "$defs": openapi.SCHEMAS} if "$ref" in json.dumps(schema) else schema
        text = json.dumps(resolvable).replace("#/components/schemas/", "#/$defs/")
        v = _validators[id(schema)] = Draft202012Validator(json.loads(text), format_checker=_FORMATS)
    return v


def check_request():
    req = _cv_request.get().request  # the request and the app once, not through the proxies
    rule = req.url_rule
    if rule is None:
        return None
    extensions = _cv_app.get().app.extensions
    bindings = extensions.get("openapi_bindings")
    if bindings is None:
        bind(_cv_app.get().app)  # once, after create_app has registered every blueprint
        bindings = extensions["openapi_bindings"]
    method = req.method
    bound = bindings.get((rule.endpoint, method))
    if bound is None and method == "HEAD":
        bound = bindings.get((rule.endpoint, "GET"))
    if bound is None:
        return None
    path, arg_names = bound
    contract = openapi.CONTRACTS[(path, "get" if method == "HEAD" else method.lower())]
    fields: dict[str, list] = {}
    if contract["path"]:
        _check_path(contract["path"], arg_names, fields)
    _check_query(contract["query"], fields, req.args)
    if fields:
        raise ValidationError(_l("Check the highlighted fields."), {k: [str(m) for m in v] for k, v in fields.items()})
    if contract["body"] is not None:
        body = _json_body()
        problems: dict[str, list] = {}
        quick = _quick_body(contract["body"])
        if quick is None or not quick(body):  # the validator finds (and words) what is wrong, if anything
            for error in _validator(contract["body"]).iter_errors(body):
                field, message = _describe(error)
                if field == "":
                    raise ValidationError(message)
                problems.setdefault(field, []).append(str(message))
        # Raised when the operation reads its input (core.api.json_object / Fields), i.e. after the
        # service has checked who is asking: a refused caller gets 401/403/404, not a field list.
        g.json_body = CheckedBody(
            body, ValidationError(_l("Check the highlighted fields."), problems) if problems else None
        )
    return None


class CheckedBody(dict):
    """A JSON body checked against its declared schema; schema_problems is the 400 to raise, if any."""

    def __init__(self, data: dict, problems: ValidationError | None):
        super().__init__(data)
        self.schema_problems = problems


def _check_path(params: list, arg_names: list, fields: dict) -> None:
    for param, arg in zip(params, arg_names, strict=False):
        raw = (request.view_args or {}).get(arg)
        if raw is None:
            continue
        quick = _quick_check(param["schema"])
        if quick is not None and quick(str(raw)):
            continue
        value = _coerce(param["schema"], str(raw))
        if value is not _BAD and _validator(param["schema"]).is_valid(value):
            continue
        if param["name"] in openapi.IDENTIFIERS:
            raise NotFound(_l("Not found."))  # no object can have this id, code or number
        if value is _BAD:
            fields.setdefault(param["name"], []).append(_type_message(param["schema"].get("type")))
        else:
            for error in _validator(param["schema"]).iter_errors(value):
                fields.setdefault(param["name"], []).append(_describe(error)[1])


_BAD = object()


def _coerce(s: dict, raw: str):
    types = s.get("type", "string")
    types = types if isinstance(types, list) else [types]
    if "integer" in types:
        return int(raw) if _INTEGER.match(raw) else _BAD
    if "number" in types:
        return float(raw) if _NUMBER.match(raw) else _BAD
    if "boolean" in types:
        return {"true": True, "1": True, "false": False, "0": False}.get(raw.lower(), _BAD)
    return raw


# Query parameters' schemas simple enough to check in a line of Python (a length, an enum, an
# integer's bounds): a value that passes needs no validator; one that fails goes through the full
# check below, which words the messages. The keys besides these only annotate.
_ANNOTATIONS = frozenset({"type", "default", "description", "example"})
_quick_checks: dict[int, object] = {}


def _quick_check(s: dict):
    """A predicate on the raw text equivalent to coercing it and validating it against s, or None."""
    found = _quick_checks.get(id(s), _BAD)
    if found is not _BAD:
        return found
    check = None
    keys = set(s) - _ANNOTATIONS
    if s.get("type") == "string" and keys <= {"maxLength", "minLength", "enum"}:
        low, high, allowed = s.get("minLength", 0), s.get("maxLength"), s.get("enum")

        def check(raw: str) -> bool:
            return low <= len(raw) and (high is None or len(raw) <= high) and (allowed is None or raw in allowed)

    elif s.get("type") == "integer" and keys <= {"minimum", "maximum"}:
        low, high = s.get("minimum"), s.get("maximum")

        def check(raw: str) -> bool:
            if not _INTEGER.match(raw):
                return False
            value = int(raw)
            return (low is None or value >= low) and (high is None or value <= high)

    _quick_checks[id(s)] = check
    return check


# Request bodies simple enough to check in a few lines of Python: an object whose declared
# properties are each null, a whole number within bounds or a string within lengths, an enum and a
# pattern (e.g. an offer, an accept). A body that passes needs no validator: it is one the schema
# accepts. Anything else — a property of another kind, a float, a boolean, an int where an enum is
# declared — goes to the validator, which decides and words the messages: so the answer is always
# the validator's.
_OBJECT_KEYS = frozenset({"type", "required", "properties"}) | _ANNOTATIONS
_VALUE_KEYS = frozenset({"minimum", "maximum", "minLength", "maxLength", "enum", "pattern", "examples"}) | _ANNOTATIONS
_quick_bodies: dict[int, object] = {}


def _quick_value(s: dict):
    """A predicate on a parsed JSON value: True only for a value s accepts (False: ask the validator)."""
    types = s.get("type")
    types = set(types) if isinstance(types, list) else {types}
    if not set(s) <= _VALUE_KEYS or not types <= {"integer", "string", "null"}:
        return None
    low, high = s.get("minimum"), s.get("maximum")
    shortest, longest = s.get("minLength", 0), s.get("maxLength")
    allowed, pattern = s.get("enum"), s.get("pattern")
    searched = re.compile(pattern) if pattern is not None else None
    null, whole, text = "null" in types, "integer" in types, "string" in types

    def check(value) -> bool:
        kind = type(value)
        if value is None:
            return null and (allowed is None or None in allowed)
        if kind is int:  # not a bool (its own type), not a float (1.0 is the validator's to judge)
            return whole and allowed is None and (low is None or value >= low) and (high is None or value <= high)
        if kind is str:
            return (
                text
                and shortest <= len(value)
                and (longest is None or len(value) <= longest)
                and (allowed is None or value in allowed)
                and (searched is None or searched.search(value) is not None)  # jsonschema's re.search
            )
        return False

    return check


def _quick_body(s: dict):
    """A predicate on a parsed body: True only for a body s accepts (False: ask the validator); None
    when s is not simple enough."""
    found = _quick_bodies.get(id(s), _BAD)
    if found is not _BAD:
        return found
    check = None
    if s.get("type") == "object" and set(s) <= _OBJECT_KEYS:
        properties = {name: _quick_value(p) for name, p in s.get("properties", {}).items()}
        if all(c is not None for c in properties.values()):
            required = tuple(s.get("required", ()))

            def check(body) -> bool:
                if type(body) is not dict or not all(name in body for name in required):
                    return False
                for name, value in body.items():
                    value_check = properties.get(name)  # an undeclared property is not constrained
                    if value_check is not None and not value_check(value):
                        return False
                return True

    _quick_bodies[id(s)] = check
    return check


def _check_query(params: list, fields: dict, args=None) -> None:
    args = request.args if args is None else args
    for param in params:
        name = param["name"]
        if name not in args:
            if param.get("required"):
                fields.setdefault(name, []).append(_l("This field is required."))
            continue
        raw = args.get(name, "")
        if raw == "" and not param.get("required"):
            continue  # an empty filter is no filter
        quick = _quick_check(param["schema"])
        if quick is not None and quick(raw):
            continue
        value = _coerce(param["schema"], raw)
        if value is _BAD:
            fields.setdefault(name, []).append(_type_message(param["schema"].get("type")))
            continue
        for error in _validator(param["schema"]).iter_errors(value):
            fields.setdefault(name, []).append(_describe(error)[1])


def _json_body():
    raw = request.get_data(cache=True)
    if not raw:
        return {}
    if not request.is_json:
        raise ValidationError(_l("Send a JSON object (Content-Type: application/json)."))
    try:
        return json.loads(raw)
    except RecursionError:
        raise ValidationError(_l("The JSON is nested too deeply.")) from None
    except ValueError:
        raise ValidationError(_l("The body is not valid JSON.")) from None


def _type_message(kind) -> str:
    kinds = kind if isinstance(kind, list) else [kind]
    kinds = [k for k in kinds if k != "null"]
    kind = kinds[0] if len(kinds) == 1 else None
    return {
        "integer": _l("Must be a whole number."),
        "number": _l("Must be a number."),
        "string": _l("Must be text."),
        "boolean": _l("Must be true or false."),
        "array": _l("Must be a list."),
        "object": _l("Must be an object."),
    }.get(kind, _l("Has the wrong type."))


def _describe(error) -> tuple[str, str]:
    """(field, message) of one schema error; field "" means the body as a whole. The field is the
    top-level property (as the services name fields): volume_tiers, not volume_tiers.0.unit_price."""
    path = [str(p) for p in error.absolute_path][:1]
    kind, value = error.validator, error.validator_value
    if kind == "required":
        missing = next((name for name in value if name not in error.instance), value[0])
        return (path[0] if path else missing), _l("This field is required.")
    field = path[0] if path else ""
    if kind == "type" and not path:
        return "", _l("Send a JSON object.")
    if kind == "type":
        message = _type_message(value)
    elif kind == "enum":
        message = _l("Must be one of: %(values)s.", values=", ".join(str(v) for v in value if v is not None))
    elif kind in ("minimum", "exclusiveMinimum"):
        message = _l("Must be at least %(n)s.", n=value)
    elif kind in ("maximum", "exclusiveMaximum"):
        message = _l("Must be at most %(n)s.", n=value)
    elif kind == "minLength":
        message = _l("Must not be empty.") if value == 1 else _l("At least %(n)d characters.", n=value)
    elif kind == "maxLength":
        message = _l("At most %(n)d characters.", n=value)
    elif kind == "minItems":
        message = _l("Choose at least %(n)d.", n=value)
    elif kind == "maxItems":
        message = _l("At most %(n)d items.", n=value)
    elif kind == "uniqueItems":
        message = _l("Each value only once.")
    elif kind == "pattern" and value == openapi.MONEY["pattern"]:
        message = _l('An amount such as "1234.50": digits, at most two decimals.')
    elif kind == "pattern" and value == openapi.MONTH["pattern"]:
        message = _l("A month such as 2026-10.")
    elif kind == "format" and value == "date":
        message = _l("A date such as 2024-01-31.")
    elif kind == "additionalProperties":
        message = _l("Unknown field.")
    else:
        message = _l("Has the wrong format.")
    return field, message
