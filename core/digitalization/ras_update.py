"""One province's table RAS-updated to a target year (eq. 1-3), as labelled frames: what changed and why.

:func:`province_update` puts the control totals, the update (RAS, or GRAS for a table with negative cells) and
the change of every direct coefficient side by side, so a reader can see what eq. 1-3 did to one table.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from core import io_tables
from core.digitalization.sectors import SECTORS
from core.digitalization.stacks import ControlTotals, IOStack, control_totals, update_table

__all__ = ["TableUpdate", "coefficient_change", "control_totals_frame", "province_update"]


@dataclass(frozen=True)
class TableUpdate:
    """One province's table updated to a target year (:func:`province_update`).

    Attributes
    ----------
    method : str
        ``"RAS"`` (eq. 1-3) or ``"GRAS"`` (the generalized RAS of Junius and Oosterhaven 2003, used when the
        base table has negative cells).
    iterations : int
        Scaling passes until the totals held.
    max_residual : float
        Largest gap left between the updated row/column sums and the control totals (10,000 yuan).
    growth : dict of str to float
        Growth factor of each broad sector's value added, base table to target year (dimensionless).
    coefficients : DataFrame
        :func:`coefficient_change` of the update: one row per cell of ``A``.
    controls : DataFrame
        :func:`control_totals_frame` of the control totals.
    """

    method: str
    iterations: int
    max_residual: float
    growth: dict[str, float]
    coefficients: pd.DataFrame
    controls: pd.DataFrame


def coefficient_change(a_base: np.ndarray, a_updated: np.ndarray, codes: list[str] | tuple[str, ...]) -> pd.DataFrame:
    """Every direct coefficient before and after an update, long: ``A(t) - A(0)`` cell by cell (eq. 3).

    Parameters
    ----------
    a_base, a_updated : ndarray, n x n
        Direct-coefficient matrices ``A(0)`` and ``A(t)`` (dimensionless), rows supplying, columns purchasing.
    codes : sequence of str, length n
        Sector codes naming the rows and columns.

    Returns
    -------
    DataFrame
        ``row`` (supplying sector), ``col`` (purchasing sector), ``base``, ``updated`` and ``change`` =
        updated - base, in row-major order (n² rows).

    >>> coefficient_change(np.array([[0.1, 0.2], [0.3, 0.4]]), np.array([[0.1, 0.25], [0.2, 0.4]]), ["01", "02"])
    ... # doctest: +NORMALIZE_WHITESPACE
      row col  base  updated  change
    0  01  01   0.1     0.10    0.00
    1  01  02   0.2     0.25    0.05
    2  02  01   0.3     0.20   -0.10
    3  02  02   0.4     0.40    0.00
    """
    a0, a1 = np.asarray(a_base, dtype=float), np.asarray(a_updated, dtype=float)
    n = len(codes)
    if a0.shape != (n, n) or a1.shape != (n, n):
        raise ValueError(f"both matrices must be {n} x {n} (one row and column per code)")
    codes = [str(c) for c in codes]
    frame = pd.DataFrame({"row": np.repeat(codes, n), "col": np.tile(codes, n), "base": a0.ravel(),
                          "updated": a1.ravel()})
    frame["change"] = frame["updated"] - frame["base"]
    return frame


def control_totals_frame(totals: ControlTotals, codes: list[str] | tuple[str, ...] = SECTORS) -> pd.DataFrame:
    """The control totals of an update by sector, in 10,000 yuan (eq. 1-2: what the updated table must add up to).

    Columns: ``code``, ``output_x_10k_yuan`` (total output x), ``row_total_u_10k_yuan`` (intermediate sales u),
    ``column_total_v_10k_yuan`` (intermediate purchases v), ``value_added_10k_yuan``.
    """
    return pd.DataFrame({"code": list(codes), "output_x_10k_yuan": totals.x, "row_total_u_10k_yuan": totals.u,
                         "column_total_v_10k_yuan": totals.v, "value_added_10k_yuan": totals.va})


def province_update(stack: IOStack, province: str, target_year: int, panel: pd.DataFrame, *, tol: float = 1e-10,
                    max_iter: int = 10_000, balance: bool = True) -> TableUpdate:
    """RAS-update ``province``'s table of ``stack`` to ``target_year`` (eq. 1-3) and say what changed.

    The control totals come from the panel's GDP by three sectors
    (:func:`~core.digitalization.control_totals`); the update is
    :func:`~core.digitalization.update_table` (GRAS for a table with negative cells).

    Raises
    ------
    DigitalizationError
        No GDP by sector for that province and year.
    RasError
        The totals disagree (``balance=False``) or the scaling did not converge in ``max_iter`` passes.
    """
    totals = control_totals(stack, province, target_year, panel, balance=balance)
    result = update_table(stack, province, totals, tol=tol, max_iter=max_iter)
    i = stack.index_of(province)
    a_base = io_tables.calc_A(stack.Z[i], stack.x[i])
    a_updated = io_tables.calc_A(np.asarray(result.Z), totals.x)
    codes = [c.replace("sec", "") for c in SECTORS]
    return TableUpdate(method="GRAS" if isinstance(result, io_tables.GrasResult) else "RAS",
                       iterations=int(result.iterations), max_residual=float(result.max_residual),
                       growth=dict(totals.growth), coefficients=coefficient_change(a_base, a_updated, codes),
                       controls=control_totals_frame(totals))
