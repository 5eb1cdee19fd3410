"""Class breaks for the choropleth of the agglomeration index (thin over mapclassify).

Four schemes: quantiles, natural breaks (Fisher-Jenks), equal interval, and the
index's own meaning.  The index is a location quotient (eq. 9 of Liu 2026):
1 is national parity, so the "meaning" classes are <= 1 (at or below parity),
1-1.5 (above parity) and > 1.5 (strong agglomeration).

Breaks are upper bounds, and a value equal to a bound belongs to the class
below it (mapclassify's rule, ``x <= bound``); :func:`assign` applies the same
rule so that the map, the legend and mapclassify agree exactly.
"""

from __future__ import annotations

__all__ = ["ClassificationError", "METHODS", "MEANING_BOUNDS", "Classes", "FISHER_JENKS_TABLE_LIMIT",
           "fisher_jenks_upper", "classify", "assign"]

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from core.errors import ClassificationError

METHODS: dict[str, str] = {
    "quantiles": "Quantiles",
    "fisher_jenks": "Natural breaks (Fisher-Jenks)",
    "equal_interval": "Equal interval",
    "meaning": "Index meaning (<= 1, 1-1.5, > 1.5)",
}
MEANING_BOUNDS = (1.0, 1.5)


@dataclass(frozen=True)
class Classes:
    """Class bounds of one classification.

    ``upper`` holds each class's upper bound (inclusive), the last one the
    maximum; ``lower`` is the minimum of the values classified, so class ``i``
    covers ``(upper[i-1], upper[i]]`` and class 0 covers ``[lower, upper[0]]``.
    Values are in the units of the index (dimensionless location quotient).
    """

    method: str
    lower: float
    upper: tuple[float, ...]

    @property
    def k(self) -> int:
        return len(self.upper)

    def bounds(self) -> list[tuple[float, float]]:
        """(low, high) of each class."""
        lows = (self.lower, *self.upper[:-1])
        return list(zip(lows, self.upper))

    def labels(self, decimals: int = 2) -> list[str]:
        """Legend labels with the class bounds, e.g. ``"0.36 – 0.58"``."""
        if self.method == "meaning":
            return ["≤ 1.0 (at or below parity)", "1.0 – 1.5 (above parity)", "> 1.5 (strong agglomeration)"]
        return [f"{lo:.{decimals}f} – {hi:.{decimals}f}" for lo, hi in self.bounds()]


# Beyond this many values the pairwise table of fisher_jenks_upper (n² floats) gets large; mapclassify's own
# loop (no table) takes over.
FISHER_JENKS_TABLE_LIMIT = 3000


def fisher_jenks_upper(values: Sequence[float] | np.ndarray, k: int) -> tuple[float, ...]:
    """Upper bound of each of ``k`` natural-breaks classes: the exact optimum of Fisher (1958), as Jenks used it.

    The partition of the sorted values into ``k`` runs that minimises the summed squared deviations from each
    run's mean, by dynamic programming over a table of every run's squared deviations (from prefix sums), one
    vectorised step per class.  The same partition as ``mapclassify.FisherJenks`` (tested on Table 1 and random
    data); without numba, mapclassify's loop takes ~200 ms on the 390 index values and this ~4 ms, which is the
    wait of a map's classes slider.  ``values`` must be finite with at least ``k`` distinct values.
    """
    y = np.sort(np.asarray(values, dtype=float))
    n = y.size
    s1 = np.concatenate([[0.0], np.cumsum(y)])
    s2 = np.concatenate([[0.0], np.cumsum(y * y)])
    start = np.arange(n)[:, None]
    end = np.arange(n)[None, :]
    with np.errstate(invalid="ignore", divide="ignore"):
        deviations = (s2[end + 1] - s2[start]) - (s1[end + 1] - s1[start]) ** 2 / (end - start + 1)
    deviations = np.where(end >= start, np.maximum(deviations, 0.0), np.inf)  # rounding can dip below 0
    cost = deviations[0].copy()  # one class holding values 0..i
    best_starts = []
    for _ in range(1, k):
        # one class more: the last class starts at s >= 1, the others cover 0..s-1 at their best cost
        total = cost[:-1, None] + deviations[1:, :]
        best = np.argmin(total, axis=0)
        cost = total[best, np.arange(n)]
        best_starts.append(best + 1)
    upper = [y[-1]]
    last = n - 1
    for starts in reversed(best_starts):
        last = starts[last] - 1
        upper.append(y[last])
    return tuple(float(u) for u in sorted(upper))


def classify(values: Sequence[float] | np.ndarray, method: str, k: int = 5) -> Classes:
    """Class bounds of ``values`` by ``method`` (a key of :data:`METHODS`) with ``k`` classes.

    ``k`` is ignored for ``"meaning"`` (always 3 classes) and lowered to the number
    of distinct values when there are fewer.  NaN values are left out.
    Raises :class:`ClassificationError` for an unknown method, fewer than two
    distinct values, or ``k`` outside 2..9.
    """
    import warnings

    y = np.asarray(values, dtype=float)
    y = y[np.isfinite(y)]
    if method not in METHODS:
        raise ClassificationError("unknown classification {method!r}; choose one of {methods}",
                                  method=method, methods=", ".join(METHODS))
    if np.unique(y).size < 2:
        raise ClassificationError("need at least two distinct values to classify")
    lower = float(y.min())
    if method == "meaning":
        top = max(float(y.max()), MEANING_BOUNDS[-1] + 1e-9)
        return Classes(method, min(lower, MEANING_BOUNDS[0]), (*MEANING_BOUNDS, top))
    if not 2 <= k <= 9:
        raise ClassificationError("choose between 2 and 9 classes")
    k = min(k, int(np.unique(y).size))  # fewer distinct values than classes: one class per value
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Numba not installed")  # exact, just slower (< 1 s here)
        if method == "fisher_jenks" and y.size <= FISHER_JENKS_TABLE_LIMIT:
            return Classes(method, lower, fisher_jenks_upper(y, k))
        import mapclassify  # only here: it imports scikit-learn, ~2 s of a cold map

        if method == "quantiles":
            result = mapclassify.Quantiles(y, k=k)
        elif method == "fisher_jenks":
            result = mapclassify.FisherJenks(y, k=k)
        else:
            result = mapclassify.EqualInterval(y, k=k)
    upper = tuple(float(b) for b in result.bins)
    return Classes(method, lower, upper)


def assign(values: Sequence[float] | np.ndarray, classes: Classes) -> np.ndarray:
    """Class index (0 .. k-1) of each value under ``classes`` (``x <= upper[i]``); NaN -> -1.

    Values beyond the last bound (possible when bounds come from another year)
    go to the top class; values below ``lower`` to class 0.
    """
    y = np.asarray(values, dtype=float)
    index = np.searchsorted(np.asarray(classes.upper), y, side="left")
    index = np.clip(index, 0, classes.k - 1)
    return np.where(np.isfinite(y), index, -1).astype(int)
