"""The 42 sectors of the provincial tables and the digital core ``D`` in each year's numbering.

The digital core of Liu (2026, section 3.2) is five sectors with codes 19, 20,
21, 32 and 36 of the 2012 numbering.  The 2007 and 2017 tables number sectors
differently, so the core is chosen by *concept* (e.g. "information services")
and translated to codes with a year-aware crosswalk (``data/io/`` in the
bundled data, documented in ``data/SOURCES.md``).

>>> from core.digitalization import digital_codes
>>> [digital_codes(["information_services"], scheme) for scheme in (2007, 2012, 2017)]
[('sec29',), ('sec32',), ('sec31',)]
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from core import datasets
from core.errors import DigitalizationError

__all__ = ["BENCHMARK_YEARS", "SECTORS", "preset_concepts", "concept_table", "digital_codes", "sector_mask"]

#: Years with published provincial tables; each is also a sector numbering ("scheme").
BENCHMARK_YEARS = (2007, 2012, 2017)
#: Sector codes of the 42-sector provincial tables, in table order.
SECTORS = tuple(f"sec{i:02d}" for i in range(1, 43))


def preset_concepts(preset: str, presets: pd.DataFrame | None = None) -> tuple[str, ...]:
    """The digital-core concepts of a named preset (e.g. ``"paper"``, ``"narrow_ict"``)."""
    presets = datasets.load_digital_presets() if presets is None else presets
    rows = presets[presets.preset == preset]
    if rows.empty:
        raise DigitalizationError("Unknown sector preset {preset!r}; choose one of {presets}.",
                                  preset=preset, presets=sorted(set(presets.preset)))
    return tuple(rows.concept)


def concept_table(crosswalk: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per digital-core concept with its English name and its codes in each scheme."""
    cw = datasets.load_digital_crosswalk() if crosswalk is None else crosswalk
    out = cw.groupby("concept", sort=False).agg(
        concept_en=("concept_en", "first"), paper_code=("paper_code", "first"),
        **{f"codes_{y}": (f"code_{y}", lambda s: " + ".join(c for c in s if c)) for y in BENCHMARK_YEARS})
    return out.reset_index()


def digital_codes(concepts: Iterable[str], scheme: int, crosswalk: pd.DataFrame | None = None) -> tuple[str, ...]:
    """Sector codes of the chosen digital-core concepts in one year's numbering (2007, 2012 or 2017 scheme).

    The paper's codes 19/20/21/32/36 are the 2012 scheme; e.g. information
    services are ``sec29`` in 2007, ``sec32`` in 2012 and ``sec31`` in 2017.
    """
    if scheme not in BENCHMARK_YEARS:
        raise DigitalizationError("No sector scheme for {scheme}; schemes are {benchmark_years}.",
                                  scheme=scheme, benchmark_years=BENCHMARK_YEARS)
    cw = datasets.load_digital_crosswalk() if crosswalk is None else crosswalk
    wanted = list(dict.fromkeys(concepts))
    unknown = [c for c in wanted if c not in set(cw.concept)]
    if unknown:
        raise DigitalizationError("Unknown digital-sector concept(s) {unknown}.", unknown=unknown)
    rows = cw[cw.concept.isin(wanted)]
    return tuple(sorted({c for c in rows[f"code_{scheme}"] if c}))


def sector_mask(codes: Sequence[str]) -> np.ndarray:
    """Boolean mask over :data:`SECTORS`, True for the digital-core ``codes``.

    >>> int(sector_mask(["sec01", "sec42"]).sum())
    2
    """
    unknown = [c for c in codes if c not in SECTORS]
    if unknown:
        raise DigitalizationError("Unknown sector code(s) {unknown}; codes are sec01..sec42.", unknown=unknown)
    return np.isin(np.array(SECTORS), list(codes))
