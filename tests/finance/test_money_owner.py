"""Money has one owner: finance never imports pricing (pricing asks finance to invoice an agreement,
never the other way), the money helpers are core's, and finance's and pricing's modules import one
another in one direction only (no circle of module-level imports, such as remittances ↔ reports)."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("core", "finance", "pricing")


def _module(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, module_level: bool) -> set[str]:
    """The project modules a file imports (at module level only, or anywhere)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = []
    stack = list(tree.body)
    while stack:
        node = stack.pop()
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            if module_level:
                continue
            stack.extend(node.body)
        elif isinstance(node, ast.Import | ast.ImportFrom):
            nodes.append(node)
        else:
            stack.extend(ast.iter_child_nodes(node))
    found = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def _files(*packages):
    for package in packages:
        yield from sorted((ROOT / package).rglob("*.py"))


def test_finance_imports_nothing_of_pricing():
    offenders = {
        _module(path): sorted(m for m in _imports(path, module_level=False) if m.split(".")[0] == "pricing")
        for path in _files("finance")
    }
    assert {m: i for m, i in offenders.items() if i} == {}


def test_the_money_helpers_are_cores_alone():
    assert not (ROOT / "pricing" / "money.py").exists()
    users = [
        _module(path)
        for path in _files("core", "accounts", "catalog", "marketplace", "pricing", "finance", "delivery")
        if any(m == "pricing.money" or m.startswith("pricing.money.") for m in _imports(path, module_level=False))
    ]
    assert users == []


def test_no_circle_of_module_level_imports_in_core_finance_and_pricing():
    modules = {_module(path): path for path in _files(*PACKAGES)}
    graph = {
        name: {m for m in _imports(path, module_level=True) if m in modules and m != name}
        for name, path in modules.items()
    }
    circles, state = [], {}

    def visit(node, trail):
        state[node] = "open"
        for nxt in sorted(graph[node]):
            if state.get(nxt) == "open":
                circles.append(trail[trail.index(nxt) :] + [nxt])
            elif nxt not in state:
                visit(nxt, [*trail, nxt])
        state[node] = "done"

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
    # core/__init__.py is the app factory (it imports every package to register them): leave it out
    circles = [c for c in circles if "core" not in c]
    assert circles == []
