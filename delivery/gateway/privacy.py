"""Differential privacy for counts: OpenDP's Laplace mechanism (its vetted sampler), sensitivity one
row per count. The epsilon spent is charged in our database before noise is drawn (terms.charge):
OpenDP's own compositor keeps its budget in a Python object, which a restart or a second worker forgets."""

from functools import lru_cache

import opendp.prelude as dp

dp.enable_features("contrib")


@lru_cache(maxsize=64)
def _laplace(scale: float):
    return dp.m.make_laplace(dp.atom_domain(T=float, nan=False), dp.absolute_distance(T=float), scale)


def noisy_count(value: int, epsilon: float) -> int:
    """value + Laplace(1/epsilon), rounded and never negative."""
    noisy = _laplace(1.0 / epsilon)(float(value))
    return max(0, round(noisy))
