"""Benchmarks: `python -m bench [name ...]` (`make bench` runs them all).

Each bench is a module here with a run(options) -> dict function, registered in bench.__main__.BENCHES.
Scratch databases and indexes live in bench/.cache/ (gitignored); results go to bench/results/.
"""
