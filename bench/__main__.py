"""`python -m bench [name ...]`: run the named benches (default: all), in order.

A bench is a module of this package with run(options) -> dict; register it in BENCHES.
"""

import argparse
import importlib
import os
import time

BENCHES = {
    "catalog-http": "bench.catalog_http",
    "search": "bench.search",
    "negotiation": "bench.negotiation",
    "reconciliation": "bench.reconciliation",
    "delivery": "bench.delivery",
    "editing": "bench.editing",
}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("benches", nargs="*", metavar="bench", help=f"{', '.join(BENCHES)} (default: all)")
    search = parser.add_argument_group("search")
    search.add_argument("--reps", type=int, default=20, help="rounds over the queries, shipped catalog (20)")
    search.add_argument("--reps-large", type=int, default=5, help="rounds over the queries, generated catalog (5)")
    search.add_argument("--rows", type=int, default=100_000, help="size of the generated catalog (100000; 0 skips it)")
    search.add_argument("--profile", action="store_true", help="also cProfile one pass and show where time goes")
    editing = parser.add_argument_group("editing")
    editing.add_argument("--edits", type=int, default=40, help="category edits timed until searchable (40)")
    reconciliation = parser.add_argument_group("reconciliation")
    reconciliation.add_argument("--invoices", type=int, default=100_000, help="open invoices in the month (100000)")
    reconciliation.add_argument("--lines", type=int, default=1_000_000, help="statement lines (1000000)")
    options = parser.parse_args(argv)
    names = options.benches or list(BENCHES)
    unknown = [n for n in names if n not in BENCHES]
    if unknown:
        parser.error(f"unknown bench {', '.join(unknown)}; choose from {', '.join(BENCHES)}")
    started = time.perf_counter()
    for name in names:
        # what the bench before wrote reaches the disk first, not during this one's timings (the
        # delivery bench writes a million-row dataset; the editing bench then waits on fsyncs)
        os.sync()
        importlib.import_module(BENCHES[name]).run(options)
    print(f"\nbench finished in {time.perf_counter() - started:.1f}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
