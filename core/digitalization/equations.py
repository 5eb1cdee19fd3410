"""Eq. 4-8 of Liu (2026) as short pure functions: coefficient, digital value added, productivity, practitioners.

Each function takes numpy arrays, or labelled pandas objects (a ``DataFrame``
``Z`` with sectors as rows and columns, ``Series`` vectors indexed by sector),
and returns the same kind: a labelled input gives a labelled output, in the
style of pymrio's ``calc_*`` functions.  Eq. 9, the location quotient that is
the agglomeration index, is :func:`core.agglomeration.location_quotient`.

Eq. 4 as printed is ambiguous and does not by itself reproduce Table 1, so its
readings are named (:class:`Variant`):

``coefficient``
    ``"direct"``: ``c_j = sum_{i in D} z_ij / x_j`` (digital inputs / total output,
    the sum of the direct coefficients ``a_ij`` over digital rows ``D``);
    ``"intermediate_share"``: ``c_j = 1 - sum_{i not in D} z_ij / sum_i z_ij``
    (eq. 4 as printed, "total inputs" read as total intermediate inputs).
``scope``
    ``"traditional"``: ``DVA = sum_{j not in D} c_j va_j`` (the text's reading);
    ``"plus_core"``: that plus the digital core's own value added ``sum_{j in D} va_j``;
    ``"core_only"``: ``DVA = sum_{j in D} va_j``.

A hand-worked economy of two traditional sectors and one digital sector
(10,000 yuan):

>>> import pandas as pd
>>> Z = pd.DataFrame([[10.0, 20.0, 5.0], [15.0, 10.0, 10.0], [5.0, 10.0, 5.0]],
...                  index=["T1", "T2", "D"], columns=["T1", "T2", "D"])
>>> x = pd.Series([100.0, 80.0, 50.0], index=Z.columns)
>>> va = pd.Series([70.0, 40.0, 30.0], index=Z.columns)
>>> digital = pd.Series([False, False, True], index=Z.columns)
>>> c = digital_coefficients(Z, x, digital)
>>> c.round(3).to_dict()
{'T1': 0.05, 'T2': 0.125, 'D': 0.1}
>>> digital_value_added(c, va, digital, "traditional").to_dict()
{'T1': 3.5, 'T2': 5.0, 'D': 0.0}
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import pandas as pd

from core.errors import DigitalizationError

__all__ = ["COEFFICIENTS", "SCOPES", "Variant", "DEFAULT_VARIANT", "digital_coefficients", "digital_value_added",
           "labour_productivity", "practitioners"]

COEFFICIENTS: dict[str, str] = {
    "direct": "Digital inputs / total output (direct coefficient)",
    "intermediate_share": "Digital share of intermediate inputs (eq. 4 as printed)",
}
SCOPES: dict[str, str] = {
    "traditional": "Traditional sectors only (the text's reading)",
    "plus_core": "Traditional sectors plus the digital core's own value added",
    "core_only": "Digital core's own value added only",
}


@dataclass(frozen=True)
class Variant:
    """A reading of eq. 4-6: which coefficient and which sectors' value added count."""

    coefficient: Literal["direct", "intermediate_share"] = "direct"
    scope: Literal["traditional", "plus_core", "core_only"] = "core_only"

    def __post_init__(self) -> None:
        if self.coefficient not in COEFFICIENTS:
            raise DigitalizationError("Unknown coefficient reading {coefficient!r}; use one of {coefficients}.",
                                      coefficient=self.coefficient, coefficients=list(COEFFICIENTS))
        if self.scope not in SCOPES:
            raise DigitalizationError("Unknown scope {scope!r}; use one of {scopes}.",
                                      scope=self.scope, scopes=list(SCOPES))

    @property
    def label(self) -> str:
        if self.scope == "core_only":
            return SCOPES["core_only"]
        return f"{SCOPES[self.scope]}; coefficient: {COEFFICIENTS[self.coefficient]}"


#: The reading with the highest mean Spearman correlation with Table 1 over the benchmark
#: years 2012 and 2017 (0.930 and 0.980; see :mod:`core.digitalization`; a test re-measures it).
DEFAULT_VARIANT = Variant("direct", "core_only")


def _labels_of(*objs: Any) -> pd.Index | None:
    """The sector labels of the first labelled argument (columns of a DataFrame, index of a Series)."""
    for obj in objs:
        if isinstance(obj, pd.DataFrame):
            return obj.columns
        if isinstance(obj, pd.Series):
            return obj.index
    return None


def _vector(obj: Any, labels: pd.Index | None) -> np.ndarray:
    if isinstance(obj, pd.Series) and labels is not None:
        if set(obj.index) != set(labels) or len(obj) != len(labels):
            raise DigitalizationError("The sector labels of the vectors do not match the table's columns.")
        obj = obj.reindex(labels)
    return np.asarray(obj)


def _matrix(Z: Any, labels: pd.Index | None) -> np.ndarray:
    if isinstance(Z, pd.DataFrame):
        if set(Z.index) != set(Z.columns) or len(Z.index) != len(Z.columns):
            raise DigitalizationError("Z must have the same sector labels on its rows and columns.")
        return Z.reindex(index=Z.columns).to_numpy(dtype=float)
    return np.asarray(Z, dtype=float)


def _wrap(values: np.ndarray, labels: pd.Index | None, name: str) -> Any:
    return values if labels is None else pd.Series(values, index=labels, name=name)


def digital_coefficients(Z: Any, x: Any, digital: Any, coefficient: str = "direct") -> Any:
    """Eq. 4: the digital consumption coefficient of every purchasing sector.

    ``"direct"``: ``c_j = sum_{i in D} z_ij / x_j``;
    ``"intermediate_share"``: ``c_j = 1 - sum_{i not in D} z_ij / sum_i z_ij`` (eq. 4 as printed).

    Parameters
    ----------
    Z : (..., n, n) array or (n, n) DataFrame
        Intermediate transactions (rows supply, columns purchase), 10,000 yuan.
    x : (..., n) array or Series
        Total output (= total input) per sector, 10,000 yuan.
    digital : (n,) bool array or Series
        True for the digital-core sectors ``D``.
    coefficient : {"direct", "intermediate_share"}

    Returns
    -------
    (..., n) array, or a Series labelled like ``Z``'s columns; dimensionless, 0 where the denominator is 0.
    """
    if coefficient not in COEFFICIENTS:
        raise DigitalizationError("Unknown coefficient reading {coefficient!r}.", coefficient=coefficient)
    labels = _labels_of(Z, x, digital)
    z, x_arr, d = _matrix(Z, labels), _vector(x, labels).astype(float), _vector(digital, labels).astype(bool)
    digital_inputs = z[..., d, :].sum(axis=-2)
    denom = x_arr if coefficient == "direct" else z.sum(axis=-2)
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.where(denom != 0, digital_inputs / np.where(denom != 0, denom, 1.0), 0.0)
    return _wrap(out, labels, "digital_coefficient")


def digital_value_added(coef: Any, va: Any, digital: Any, scope: str) -> Any:
    """Eq. 5-6: value added of industrial digitalization per sector, 10,000 yuan.

    Eq. 6 is ``DVA_j = c_j x_j (va_j / x_j)``; with the assumption of eq. 5 (the
    digitalized part has the sector's value-added rate ``va_j / x_j``, as in the
    US Bureau of Economic Analysis's digital-economy accounts) this is ``c_j va_j``.
    ``scope`` decides which sectors count: traditional sectors get ``c_j va_j``
    unless ``scope == "core_only"``; digital-core sectors get their whole value
    added unless ``scope == "traditional"``.
    """
    if scope not in SCOPES:
        raise DigitalizationError("Unknown scope {scope!r}.", scope=scope)
    labels = _labels_of(coef, va, digital)
    c, v, d = _vector(coef, labels).astype(float), _vector(va, labels).astype(float), _vector(digital, labels).astype(bool)
    traditional = np.where(d, 0.0, c * v) if scope != "core_only" else np.zeros_like(v)
    core = np.where(d, v, 0.0) if scope != "traditional" else np.zeros_like(v)
    return _wrap(traditional + core, labels, "dva_10k_yuan")


def labour_productivity(gdp_10k_yuan: np.ndarray | pd.Series, employed_10k: np.ndarray | pd.Series):
    """Eq. 7: average labour productivity ``GDP / E`` (yuan per person).

    GDP in 10,000 yuan divided by employment in 10,000 persons is yuan per person.

    >>> labour_productivity(np.array([140.0]), np.array([7.0]))
    array([20.])
    """
    employed = np.asarray(employed_10k, dtype=float)
    if (employed <= 0).any() or not np.isfinite(employed).all():
        raise DigitalizationError("Employment must be positive and known for every region.")
    return gdp_10k_yuan / employed_10k


def practitioners(dva_10k_yuan: np.ndarray | pd.Series, productivity_yuan: np.ndarray | pd.Series):
    """Eq. 8: practitioners of industrial digitalization ``P = DVA / (GDP / E)`` (10,000 persons)."""
    return dva_10k_yuan / productivity_yuan
