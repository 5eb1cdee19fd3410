"""The entropy-weight method for a composite score (used for the digital-economy level ``del`` of Table 3).

Liu (2026), Table 3, scores the digital-economy level by "constructing an indicator system and calculating the
score using the entropy weight method".  The paper does not list its indicators, so the score built here from
bundled public series is *computed here, not the paper's score*.  The method is the textbook one (e.g. Zou,
Yun & Sun, "Entropy method for determination of weight of evaluating indicators in fuzzy synthetic evaluation
for water quality assessment", Journal of Environmental Sciences 18(5), 2006):

1. min-max normalisation of each (positive) indicator j over all n rows, shifted off zero:
   x'_ij = (x_ij - min_j) / (max_j - min_j) + shift;
2. shares p_ij = x'_ij / sum_i x'_ij;
3. entropy e_j = -(1 / ln n) sum_i p_ij ln p_ij  (0 <= e_j <= 1);
4. divergence d_j = 1 - e_j and weight w_j = d_j / sum_j d_j;
5. score_i = sum_j w_j (x'_ij - shift)  (in 0-1: the normalised indicators, weighted).

A panel is pooled (every province-year is one row), so the weights are one set for the whole sample and the
score is comparable across years.  Pure functions on numpy/pandas.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from core.errors import CoreError

__all__ = ["EntropyError", "EntropyScore", "entropy_weights", "entropy_score", "SHIFT"]

SHIFT = 1e-4  # the usual translation that keeps ln p finite after min-max normalisation


class EntropyError(CoreError):
    """The indicator matrix cannot be weighted (fewer than two rows, a constant column, missing values)."""


def _normalised(matrix: np.ndarray, shift: float) -> np.ndarray:
    low, high = matrix.min(axis=0), matrix.max(axis=0)
    span = high - low
    if (span <= 0).any():
        raise EntropyError("Indicator column(s) {columns} do not vary; a constant indicator carries no information.",
                           columns=np.flatnonzero(span <= 0).tolist())
    return (matrix - low) / span + shift


def entropy_weights(matrix: np.ndarray | pd.DataFrame, *, shift: float = SHIFT) -> np.ndarray:
    """Entropy weights (sum 1) of the columns of ``matrix`` (rows = observations, columns = positive indicators).

    Steps 1-4 of the module docstring.  Raises :class:`EntropyError` for missing values, fewer than two rows or a
    constant column.
    """
    x = np.asarray(matrix, dtype="float64")
    if x.ndim != 2 or x.shape[0] < 2 or x.shape[1] < 1:
        raise EntropyError("The entropy method needs at least two rows and one indicator column.")
    if not np.isfinite(x).all():
        raise EntropyError("The indicator matrix has missing or infinite values; drop those rows first.")
    p = _normalised(x, shift)
    p = p / p.sum(axis=0)
    e = -(p * np.log(p)).sum(axis=0) / np.log(x.shape[0])
    d = 1.0 - e
    return d / d.sum()


@dataclass(frozen=True)
class EntropyScore:
    """Weights per indicator and the score per row (0-1), for the rows that had every indicator."""

    weights: pd.Series
    score: pd.Series
    indicators: tuple[str, ...]


def entropy_score(frame: pd.DataFrame, indicators: Sequence[str], *, shift: float = SHIFT) -> EntropyScore:
    """Entropy-weight score over the rows of ``frame`` that have all ``indicators`` (others get NaN).

    Steps 1-5 of the module docstring, all indicators taken as positive (more is better).
    """
    missing = [c for c in indicators if c not in frame.columns]
    if missing:
        raise EntropyError("Indicator(s) not in the data: {missing}.", missing=", ".join(missing))
    block = frame[list(indicators)].astype("float64")
    complete = block.replace([np.inf, -np.inf], np.nan).dropna()
    weights = entropy_weights(complete.to_numpy(), shift=shift)
    normalised = _normalised(complete.to_numpy(), shift) - shift
    score = pd.Series(normalised @ weights, index=complete.index).reindex(frame.index)
    return EntropyScore(pd.Series(weights, index=list(indicators)), score, tuple(indicators))
