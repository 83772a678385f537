"""Money has one owner: finance never imports pricing (pricing asks finance to invoice an agreement,
never the other way), the money helpers are core's, and finance's and pricing's modules import one
another in one direction only (no circle of module-level imports, such as remittances ↔ reports).
The graph is the one tests/test_layers.py reads (import-linter's grimp)."""

from tests.test_layers import ROOT, _graph, find_cycle, module_level_edges

PACKAGES = ("core", "finance", "pricing")


def _in(module: str, *packages: str) -> bool:
    return module.split(".")[0] in packages


def test_finance_imports_nothing_of_pricing():
    graph = _graph()
    offenders = {
        importer: sorted(m for m in graph.find_modules_directly_imported_by(importer) if _in(m, "pricing"))
        for importer in graph.modules
        if _in(importer, "finance")
    }
    assert {m: i for m, i in offenders.items() if i} == {}


def test_the_money_helpers_are_cores_alone():
    assert not (ROOT / "pricing" / "money.py").exists()
    graph = _graph()
    users = sorted(
        m
        for m in graph.modules
        if any(i.startswith("pricing.money") for i in graph.find_modules_directly_imported_by(m))
    )
    assert users == [] and "core.money" in graph.modules


def test_no_circle_of_module_level_imports_in_core_finance_and_pricing():
    edges = module_level_edges()
    inside = {m: {i for i in imported if _in(i, *PACKAGES)} for m, imported in edges.items() if _in(m, *PACKAGES)}
    assert find_cycle(inside) is None
