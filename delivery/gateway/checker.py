"""The gateway's parser allowlist: sqlglot (dialect duckdb) reads the SQL, every node of the tree must
be of an allowed kind, every table the agreement's, every column used as its role allows in the
agreement's mode. What runs is SQL regenerated from the checked tree, never the string received.
DuckDB's own settings are a second line (DELIVERY.md: they are defence in depth, not a sandbox)."""

import hashlib
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from functools import cached_property

import sqlglot
from sqlglot import exp

from delivery.gateway.refusals import QueryRefused
from delivery.rules import allowed

AGGREGATES = (exp.Count, exp.Sum, exp.Avg, exp.Min, exp.Max)
# Scalar functions an analyst needs; nothing that reads files, builds large values or inspects the engine.
SCALARS = (
    exp.Year,
    exp.Month,
    exp.Day,
    exp.Quarter,
    exp.DateTrunc,
    exp.TimestampTrunc,
    exp.Extract,
    exp.Round,
    exp.Abs,
    exp.Lower,
    exp.Upper,
    exp.Substring,
    exp.Length,
    exp.Coalesce,
    exp.Cast,
    exp.Floor,
    exp.Ceil,
    exp.Left,
    exp.Right,
    exp.Trim,
    exp.Case,
    exp.If,
    exp.Nullif,
)
NODES = (
    (
        exp.Select,
        exp.From,
        exp.Table,
        exp.TableAlias,
        exp.Identifier,
        exp.Column,
        exp.Star,
        exp.Literal,
        exp.Alias,
        exp.Where,
        exp.Group,
        exp.Having,
        exp.Order,
        exp.Ordered,
        exp.Limit,
        exp.Offset,
        exp.Paren,
        exp.And,
        exp.Or,
        exp.Not,
        exp.EQ,
        exp.NEQ,
        exp.GT,
        exp.GTE,
        exp.LT,
        exp.LTE,
        exp.Is,
        exp.In,
        exp.Between,
        exp.Like,
        exp.ILike,
        exp.Null,
        exp.Boolean,
        exp.Add,
        exp.Sub,
        exp.Mul,
        exp.Div,
        exp.Mod,
        exp.Neg,
        exp.DataType,
        exp.Distinct,
        exp.Var,
        exp.Tuple,
        exp.Join,
        exp.Interval,
    )
    + AGGREGATES
    + SCALARS
)
NAMED_CONSTRUCTS = {
    exp.With: "WITH (common table expressions)",
    exp.CTE: "WITH (common table expressions)",
    exp.Subquery: "A subquery",
    exp.Union: "UNION",
    exp.Intersect: "INTERSECT",
    exp.Except: "EXCEPT",
    exp.Window: "A window function",
    exp.Rollup: "ROLLUP",
    exp.Cube: "CUBE",
    exp.GroupingSets: "GROUPING SETS",
    exp.Qualify: "QUALIFY",
    exp.Filter: "FILTER",
    exp.Lateral: "LATERAL",
    exp.Unnest: "UNNEST",
    exp.Pivot: "PIVOT",
    exp.Placeholder: "A parameter placeholder",
}
MAX_SQL = 10_000


@dataclass
class Output:
    name: str
    kind: str  # key | count | count_distinct | sum | avg | min | max | value
    role: str = ""  # the column's role, for row outputs (identifier → token, sensitive → masked)


@dataclass
class Checked:
    sql: str  # what runs
    tables: list[str]
    outputs: list[Output]
    aggregate: bool
    shape: str  # same projection, grouping and tables (WHERE aside): for differencing checks
    fingerprint: str
    hidden: dict = field(default_factory=dict)  # AVG's part {"__c<i>": (Count, i)}: the rows it averaged
    tree: exp.Expression | None = None
    n_column: str = "__n"  # the result column holding each group's row count

    @cached_property
    def parts_sql(self) -> str:
        """sql plus, for each AVG, the COUNT of the values it averaged (what the gateway runs: a
        remainder row merges averages weighted by their counts, with no second scan; a SUM beside
        the AVG would add an aggregate the engine computes for every row)."""
        if not self.hidden:
            return self.sql
        parts = self.tree.copy()
        if self.n_column == "__n":
            parts = parts.select(exp.alias_(exp.Count(this=exp.Star()), "__n", quoted=True), copy=False)
        for name, (aggregate, i) in self.hidden.items():
            projection = self.tree.expressions[i]
            argument = (projection.this if isinstance(projection, exp.Alias) else projection).this
            parts = parts.select(exp.alias_(aggregate(this=argument.copy()), name, quoted=True), copy=False)
        return parts.sql(dialect="duckdb", copy=False)


def parse_one_select(sql: str) -> exp.Select:
    if not isinstance(sql, str) or not sql.strip():
        raise QueryRefused("syntax", "empty")
    if len(sql) > MAX_SQL:
        raise QueryRefused("syntax", f"longer than {MAX_SQL} characters")
    try:
        statements = [s for s in sqlglot.parse(sql, dialect="duckdb") if s is not None]
    except sqlglot.errors.SqlglotError as exc:
        first = str(exc).splitlines()[0][:200]
        raise QueryRefused("syntax", first) from None
    if len(statements) != 1:
        raise QueryRefused("one_select")
    tree = statements[0]
    if not isinstance(tree, exp.Select):
        name = tree.key.upper() if not isinstance(tree, exp.Command) else str(tree.this).upper()
        raise QueryRefused("statement", name)
    return tree


class _Scope:
    def __init__(self, tables: dict[str, dict[str, str]]):
        self.available = {name.upper(): cols for name, cols in tables.items()}
        self.aliases: dict[str, str] = {}  # alias or name (upper) → table name
        self.sources: list[tuple[str, str]] = []  # (the name the query uses, table) in FROM/JOIN order

    def add_table(self, node: exp.Table):
        if node.args.get("db") or node.args.get("catalog") or not isinstance(node.this, exp.Identifier):
            raise QueryRefused("table", node.sql(dialect="duckdb"), tables=", ".join(sorted(self.available)))
        name = node.name.upper()
        if name not in self.available:
            raise QueryRefused("table", node.name, tables=", ".join(sorted(self.available)))
        self.aliases[name] = name
        if node.alias:
            self.aliases[node.alias.upper()] = name
        self.sources.append(((node.alias or node.name).upper(), name))

    def resolve(self, column: exp.Column) -> tuple[str, str, str]:
        """(table, column, role) of a column reference."""
        name = column.name
        if column.table:
            table = self.aliases.get(column.table.upper())
            if table is None or name not in self.available[table]:
                raise QueryRefused("column", column.sql(dialect="duckdb"))
            return table, name, self.available[table][name]
        hits = [t for t in dict.fromkeys(self.aliases.values()) if name in self.available[t]]
        if len(hits) != 1:
            raise QueryRefused("column", name)
        return hits[0], name, self.available[hits[0]][name]


def _context(node: exp.Expression, root: exp.Select) -> tuple[str, exp.Expression | None]:
    """Where a column is used: aggregate (and which), filter, join, group_by, order, select."""
    parent = node.parent
    while parent is not None and parent is not root:
        if isinstance(parent, AGGREGATES):
            return "aggregate", parent
        if isinstance(parent, exp.Where | exp.Having):
            return "filter", None
        if isinstance(parent, exp.Join):
            return "join", None
        if isinstance(parent, exp.Group):
            return "group_by", None
        if isinstance(parent, exp.Order):
            return "order", None
        parent = parent.parent
    return "select", None


def _expand_positions(tree: exp.Select) -> None:
    """GROUP BY 1 / ORDER BY 2 name projections by position: check them as what they stand for."""
    projections = tree.expressions
    for clause in ("group", "order"):
        node = tree.args.get(clause)
        if node is None:
            continue
        for item in node.expressions:
            target = item.this if isinstance(item, exp.Ordered) else item
            if isinstance(target, exp.Literal) and target.is_int:
                pos = int(target.this)
                if not 1 <= pos <= len(projections):
                    raise QueryRefused("syntax", f"position {pos}")
                chosen = projections[pos - 1]
                target.replace((chosen.this if isinstance(chosen, exp.Alias) else chosen).copy())


# Accepted queries, by everything their checking depends on: the SQL text, the mode and each table's
# column roles (a policy change gives new roles, so a new key: nothing to invalidate). A Checked is
# read-only for its users (they copy its tree before changing it). Refusals are not kept: they are
# checked again, and say so in the caller's language.
CHECKED_CACHE_SIZE = 512
_checked: OrderedDict = OrderedDict()
_checked_lock = threading.Lock()


def check_cached(sql: str, tables: dict[str, dict[str, str]], mode: str) -> Checked:
    """check(), remembered per process for queries asked again (a dashboard's, a notebook re-run)."""
    key = (sql, mode, tuple(sorted((t, tuple(sorted(roles.items()))) for t, roles in tables.items())))
    with _checked_lock:
        found = _checked.get(key)
        if found is not None:
            _checked.move_to_end(key)
            return found
    checked = check(sql, tables, mode)
    checked.parts_sql  # noqa: B018  (rendered once, before it is shared)
    with _checked_lock:
        _checked[key] = checked
        while len(_checked) > CHECKED_CACHE_SIZE:
            _checked.popitem(last=False)
    return checked


def check(sql: str, tables: dict[str, dict[str, str]], mode: str) -> Checked:
    """tables: {TABLE: {column: role}} of the agreement. Raises QueryRefused naming the rule."""
    tree = parse_one_select(sql)
    for node in tree.walk():
        for kind, label in NAMED_CONSTRUCTS.items():
            if isinstance(node, kind):
                raise QueryRefused("construct", label)
        if isinstance(node, exp.Func) and not isinstance(node, AGGREGATES + SCALARS):
            name = node.name if isinstance(node, exp.Anonymous) else node.sql_name()
            raise QueryRefused("function", name)
        if not isinstance(node, NODES):
            raise QueryRefused("construct", type(node).__name__)
        if isinstance(node, exp.Select) and node is not tree:
            raise QueryRefused("construct", "A subquery")
    if tree.args.get("distinct") is not None and mode == "usable_invisible":
        raise QueryRefused("construct", "SELECT DISTINCT")
    scope = _Scope(tables)
    from_ = tree.args.get("from") or tree.args.get("from_")
    if from_ is None:
        raise QueryRefused("table", "(none)", tables=", ".join(sorted(scope.available)))
    for table in tree.find_all(exp.Table):
        scope.add_table(table)
    joins = tree.args.get("joins") or []
    if joins and mode == "usable_invisible":
        raise QueryRefused("construct", "JOIN")
    for join in joins:
        on = join.args.get("on")
        if on is None or not isinstance(on, exp.EQ) and not all(isinstance(e, exp.EQ) for e in on.flatten()):
            raise QueryRefused("join", join.sql(dialect="duckdb")[:80])
    _expand_positions(tree)
    _check_columns(tree, scope, mode)
    if mode == "usable_invisible":
        return _aggregate_plan(tree, scope)
    return _row_plan(tree, scope, mode)


def _check_columns(tree, scope, mode):
    for column in list(tree.find_all(exp.Column)):
        if isinstance(column.this, exp.Star):
            continue
        if not column.table and _is_output_alias(tree, column):
            continue
        _table, name, role = scope.resolve(column)
        where, aggregate = _context(column, tree)
        permitted = allowed(mode, role)
        if where == "aggregate":
            ok = "aggregate" in permitted
            if role == "identifier":
                ok = ok and isinstance(aggregate, exp.Count) and isinstance(aggregate.this, exp.Distinct)
            if role == "sensitive" and isinstance(aggregate, exp.Min | exp.Max):
                ok = False
        elif where == "join":
            ok = role == "identifier" or "filter" in permitted
        elif where == "order":
            ok = "group_by" in permitted
        else:
            ok = where in permitted
        if not ok:
            raise QueryRefused(
                "identifier" if role == "identifier" else "sensitive" if role == "sensitive" else "raw_rows", name
            )
        bare = column.parent is tree or isinstance(column.parent, exp.Alias) and column.parent.parent is tree
        if role == "identifier" and where == "select" and mode != "usable_invisible" and not bare:
            raise QueryRefused("identifier", name)  # shown only as a token: nothing computed from it
    for aggregate in tree.find_all(*AGGREGATES):
        argument = aggregate.this
        if isinstance(argument, exp.Distinct):
            inner = argument.expressions
            if len(inner) != 1 or not isinstance(inner[0], exp.Column) or not isinstance(aggregate, exp.Count):
                raise QueryRefused("aggregate_argument", aggregate.sql(dialect="duckdb"))
        elif not isinstance(argument, exp.Column | exp.Star):
            raise QueryRefused("aggregate_argument", aggregate.sql(dialect="duckdb"))
        if isinstance(argument, exp.Star) and not isinstance(aggregate, exp.Count):
            raise QueryRefused("aggregate_argument", aggregate.sql(dialect="duckdb"))


def _is_output_alias(tree, column) -> bool:
    """ORDER BY / HAVING may name an output column by its alias."""
    aliases = {p.alias for p in tree.expressions if isinstance(p, exp.Alias)}
    where, _ = _context(column, tree)
    return column.name in aliases and where in ("order", "filter") and column.find_ancestor(exp.Where) is None


def _fingerprint(tree, copy: bool = True) -> str:
    """copy=False for a tree of our own that is not used afterwards (normalising rewrites it)."""
    return hashlib.sha256(tree.sql(dialect="duckdb", normalize=True, copy=copy).encode()).hexdigest()


def _aggregate_kind(node) -> str:
    if isinstance(node, exp.Count):
        return "count_distinct" if isinstance(node.this, exp.Distinct) else "count"
    return type(node).__name__.lower()


def _aggregate_plan(tree: exp.Select, scope) -> Checked:
    if any(isinstance(p, exp.Star) for p in tree.expressions):
        raise QueryRefused("star")
    groups = [g for g in (tree.args.get("group").expressions if tree.args.get("group") else [])]
    # read-only renderings of parts of the tree: copy=False spares a deep copy each
    group_sql = {g.sql(dialect="duckdb", copy=False) for g in groups}
    outputs, hidden, has_aggregate = [], {}, False
    for i, projection in enumerate(tree.expressions):
        inner = projection.this if isinstance(projection, exp.Alias) else projection
        name = projection.alias_or_name or f"col{i}"
        if isinstance(inner, AGGREGATES):
            has_aggregate = True
            outputs.append(Output(name, _aggregate_kind(inner)))
            if isinstance(inner, exp.Avg):
                hidden[f"__c{i}"] = (exp.Count, i)
        elif inner.find(*AGGREGATES):
            raise QueryRefused("output", projection.sql(dialect="duckdb"))
        elif inner.sql(dialect="duckdb", copy=False) in group_sql:
            outputs.append(Output(name, "key"))
        else:
            raise QueryRefused("raw_rows", projection.sql(dialect="duckdb"))
    if not has_aggregate:
        raise QueryRefused("raw_rows", tree.expressions[0].sql(dialect="duckdb"))
    # A COUNT(*) the user asked for is the group's size already; otherwise one more column carries it.
    # AVG's part (the COUNT of what it averaged, for a remainder row's average) is added by parts_sql, which is what
    # the gateway runs: sql stays the query as shown to the user.
    n_column = next(
        (
            o.name
            for o, p in zip(outputs, tree.expressions, strict=True)
            if o.kind == "count"
            and isinstance((p.this if isinstance(p, exp.Alias) else p).this, exp.Star)
            and isinstance(p, exp.Alias)
            and p.alias not in [x.name for x in outputs if x is not o]
        ),
        None,
    )
    run = tree.copy()
    if n_column is None:
        run = run.select(exp.alias_(exp.Count(this=exp.Star()), "__n", quoted=True), copy=False)
    # the shape: the same tree without its filters, ordering and limits (copied without them, not
    # copied whole and then cut)
    cut = {clause: tree.args.get(clause) for clause in ("where", "having", "order", "limit", "offset")}
    for clause in cut:
        tree.set(clause, None)
    shape_tree = tree.copy()
    for clause, node in cut.items():
        tree.set(clause, node)
    tables = sorted(set(scope.aliases.values()))
    return Checked(
        sql=run.sql(dialect="duckdb", copy=False),
        tables=tables,
        outputs=outputs,
        aggregate=True,
        shape=_fingerprint(shape_tree, copy=False),
        fingerprint=_fingerprint(tree),
        hidden=hidden,
        tree=tree,
        n_column=n_column or "__n",
    )


def _row_plan(tree: exp.Select, scope, mode) -> Checked:
    """可用不可见's opposite: rows, but every star expanded so identifiers become tokens and sensitive
    values are masked column by column."""
    projections, outputs = [], []
    aggregate = any(p.find(*AGGREGATES) for p in tree.expressions)
    for projection in tree.expressions:
        if (
            isinstance(projection, exp.Star)
            or isinstance(projection, exp.Column)
            and isinstance(projection.this, exp.Star)
        ):
            wanted = projection.table.upper() if isinstance(projection, exp.Column) and projection.table else None
            for alias, table in scope.sources:
                if wanted and wanted not in (alias, table):
                    continue
                for column, role in scope.available[table].items():
                    if role == "sensitive":
                        projections.append(exp.alias_(exp.Null(), column, quoted=True))
                    else:
                        projections.append(
                            exp.alias_(exp.column(column, table=alias, quoted=True), column, quoted=True)
                        )
                    outputs.append(Output(column, "value", role))
            continue
        inner = projection.this if isinstance(projection, exp.Alias) else projection
        role = ""
        if isinstance(inner, exp.Column):
            role = scope.resolve(inner)[2]
        projections.append(projection.copy())
        outputs.append(Output(projection.alias_or_name, "value", role))
    run = tree.copy()
    run.set("expressions", projections)
    return Checked(
        sql=run.sql(dialect="duckdb"),
        tables=sorted(set(scope.aliases.values())),
        outputs=outputs,
        aggregate=aggregate,
        shape=_fingerprint(tree),
        fingerprint=_fingerprint(tree),
        tree=run,
    )
