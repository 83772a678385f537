"""The layers beside import-linter's contract (pyproject.toml, run by `make lint`): no circle of
module-level imports between the project's files, and an import inside a function only where a
module-level one would close such a circle (with a comment naming it).

The graph is import-linter's own (grimp). An import counts as module-level unless it sits inside a
function; importing `a.b.c` also runs `a/__init__.py` and `a/b/__init__.py`, so those edges count too."""

import ast
import functools
import tomllib
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]["root_packages"]


def _path(module: str) -> Path:
    base = ROOT / module.replace(".", "/")
    return base / "__init__.py" if base.is_dir() else base.with_suffix(".py")


@functools.cache
def _function_import_lines(module: str) -> frozenset[int]:
    """The lines of the import statements inside functions (every line of a multi-line one)."""
    tree = ast.parse(_path(module).read_text(encoding="utf-8"))
    lines = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            for sub in ast.walk(node):
                if isinstance(sub, ast.Import | ast.ImportFrom):
                    lines.update(range(sub.lineno, sub.end_lineno + 1))
    return frozenset(lines)


@functools.cache
def _graph():
    return grimp.build_graph(*PACKAGES, cache_dir=None)


def _parents(module: str) -> list[str]:
    parts = module.split(".")
    return [".".join(parts[:n]) for n in range(1, len(parts))]


def module_level_edges() -> dict[str, set[str]]:
    graph = _graph()
    edges: dict[str, set[str]] = {m: set() for m in graph.modules}
    for importer in graph.modules:
        for imported in graph.find_modules_directly_imported_by(importer):
            details = graph.get_import_details(importer=importer, imported=imported)
            if all(d["line_number"] in _function_import_lines(importer) for d in details):
                continue  # only inside functions
            edges[importer].add(imported)
            edges[importer].update(p for p in _parents(imported) if p not in _parents(importer) and p != importer)
    return edges


def find_cycle(edges: dict[str, set[str]]) -> list[str] | None:
    """One circle of imports (its modules in order, the first repeated at the end), or None."""
    state: dict[str, int] = {}  # 1 on the path, 2 done
    path: list[str] = []

    def visit(module: str) -> list[str] | None:
        state[module] = 1
        path.append(module)
        for nxt in sorted(edges.get(module, ())):
            if state.get(nxt) == 1:
                return path[path.index(nxt) :] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        path.pop()
        state[module] = 2
        return None

    for module in sorted(edges):
        if module not in state and (found := visit(module)):
            return found
    return None


def reaches(edges: dict[str, set[str]], start: str, goal: str) -> bool:
    seen, todo = set(), [start]
    while todo:
        module = todo.pop()
        if module == goal:
            return True
        if module not in seen:
            seen.add(module)
            todo.extend(edges.get(module, ()))
    return False


def test_the_cycle_finder_finds_a_circle_and_only_a_circle():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b", "c"}, "b": {"c"}, "c": set()}) is None


def test_no_circle_of_module_level_imports():
    cycle = find_cycle(module_level_edges())
    assert cycle is None, "module-level imports run in a circle: " + " → ".join(cycle)


def test_imports_inside_functions_only_break_a_circle():
    """Outside the app factory (app/, which imports everything at the top anyway), a project import
    inside a function must be one that, moved to the top of its module, would close a circle; and
    a comment on its line or the line above says which."""
    graph, edges = _graph(), module_level_edges()
    problems = []
    for importer in sorted(graph.modules):
        path = _path(importer)
        relative = path.relative_to(ROOT).as_posix()
        if importer.split(".")[0] == "app":
            continue
        lines = path.read_text(encoding="utf-8").splitlines()
        for imported in graph.find_modules_directly_imported_by(importer):
            for detail in graph.get_import_details(importer=importer, imported=imported):
                number = detail["line_number"]
                if number not in _function_import_lines(importer):
                    continue
                where = f"{relative}:{number} ({imported})"
                if not reaches(edges, imported, importer):
                    problems.append(f"{where}: closes no circle, move it to the top of the module")
                elif "cycle" not in " ".join(lines[max(number - 2, 0) : number]).lower():
                    problems.append(f"{where}: say which cycle it breaks in a comment ('# cycle: …')")
    assert not problems, "\n".join(problems)
