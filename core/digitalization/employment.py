"""Total employment ``E_r`` of eq. 7 and 9: a labelled population approximation, or an uploaded table."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

import pandas as pd

from core.errors import DigitalizationError, UploadError
from core.uploads import validate_panel

__all__ = ["EmploymentSource", "population_employment", "employment_from_upload"]


@dataclass(frozen=True)
class EmploymentSource:
    """Where total employment ``E_r`` (eq. 7 and 9) comes from.

    ``kind="population"`` is a labelled approximation: employment proportional to
    resident population (provincial employment is not in the bundled public data).
    Under it, eq. 7-9 reduce to the digital value-added share of GDP divided by its
    population-weighted national mean.  (With any source, practitioners / employment
    = digital VA / GDP, so employment only sets the national denominator of eq. 9:
    it rescales every province alike and never changes the ranking.)  ``kind="upload"`` uses a province x year
    table of employed persons (10,000 persons) given by the user.
    """

    kind: Literal["population", "upload"] = "population"
    table: pd.DataFrame | None = None

    @property
    def label(self) -> str:
        if self.kind == "population":
            return ("Approximation: employment proportional to resident population (NBS via carbondata, "
                    "2011-2019); the index is then the digital value-added share over its population-weighted mean")
        return "Uploaded province x year employment table (employed persons, 10,000)"

    def employed(self, year: int, provinces: Sequence[str], panel: pd.DataFrame) -> pd.Series:
        """Employment (10,000 persons) per province for ``year``; NaN where unknown."""
        if self.kind == "population":
            rows = panel[panel.year == year].set_index("province")["population_10k"]
        elif self.table is not None:
            rows = self.table[self.table.year == year].set_index("province")["employed_10k"]
        else:
            raise DigitalizationError("An uploaded employment source needs a table.")
        return rows.reindex(list(provinces)).astype(float).rename("employed_10k")


def population_employment() -> EmploymentSource:
    """The labelled population-weighted approximation (the default source)."""
    return EmploymentSource("population")


def employment_from_upload(frame: pd.DataFrame, known_provinces: Iterable[str]) -> EmploymentSource:
    """Validate an uploaded employment table (columns ``province``, ``year``, ``employed_10k``).

    Uses :func:`core.uploads.validate_panel` so the rules and messages match every
    other upload point; raises :class:`core.uploads.UploadError`.
    """
    clean = validate_panel(frame, keys=("province", "year"), numeric=("employed_10k",), required=("employed_10k",),
                           known_units=set(known_provinces), unit_column="province", non_negative=("employed_10k",),
                           year_range=(2007, 2035))
    if (clean["employed_10k"] <= 0).any():
        raise UploadError("employed_10k must be positive (employed persons in 10,000).")
    return EmploymentSource("upload", clean[["province", "year", "employed_10k"]].reset_index(drop=True))
