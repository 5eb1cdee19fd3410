"""Pilot cities: province and east/central/west belt, first-approval years, and the city panel.

The innovative-city pilot lists and the Broadband-China batches are real
(``data/policy/city_pilot_lists.csv``); each city's province is hand-typed
(``city_province.csv``) and its belt comes from ``regions.csv`` (NBS
east/central/west).  First-approval years are only partly known
(``pilot_approval_years.csv``): the 2018 batch exactly; 29 of the 61 units of
the 2016 list from the official notices (Shenzhen 2008 by NDRC; the MOST batch
of 20 units of 10 January 2010 and the NDRC batch of 16 cities of 13 January
2010, 8 cities in both); the other 32 empty for the user to enter.

The city-level outcome of the pilot-city study ("Pilot Cities for Innovation
and Clusters of High-Tech Talent": location quotient of high-tech talent in 29
cities, 2002-2019) is not public.  :func:`synthetic_city_panel` builds a
deterministic **synthetic** panel on the real city list so the estimators have
something to run on; every page that shows it labels it
``SYNTHETIC_LABEL``.  Uploaded city panels are checked by
:func:`validate_city_panel` with the shared rules of :mod:`core.uploads`.
"""

from __future__ import annotations

__all__ = ["PilotDataError", "true_att", "REGIONS", "OUTCOME", "CONTROLS", "BROADBAND", "SYNTHETIC_LABEL", "SYNTHETIC_SEED",
           "city_table", "broadband_years", "approval_table", "validate_approval_years", "cohort_map",
           "synthetic_city_panel", "TEMPLATE_COLUMNS", "city_panel_template", "validate_city_panel", "design_frame",
           "timing_table"]

from collections.abc import Collection, Mapping, Sequence

import numpy as np
import pandas as pd

from core.uploads import UploadError, validate_panel
from core.errors import PilotDataError

REGIONS: tuple[str, ...] = ("east", "central", "west")
FIRST_YEAR, LAST_YEAR = 2002, 2019  # the pilot-city study's sample years
OUTCOME = "lq_hightech"  # location quotient of high-tech talent (ratio of shares, dimensionless)
CONTROLS: dict[str, str] = {  # whitelisted control columns -> label (units in the name)
    "ln_gdp_per_capita": "log GDP per capita (ln yuan)",
    "ln_population": "log registered population (ln 10k persons)",
    "secondary_share_pct": "secondary industry share of GDP (%)",
}
BROADBAND = "broadband"  # 1 from the city's first Broadband-China batch year on
SYNTHETIC_LABEL = "synthetic — for demonstration"
SYNTHETIC_SEED = 2002
# Base pilot effect by belt in the synthetic demo: east > west > central, as the pilot-city study reports.
EFFECT_BY_REGION: dict[str, float] = {"east": 0.06, "west": 0.04, "central": 0.02}
PAPER_SAMPLE = "29 cities, 2002-2019"  # the pilot-city study's own sample
INNOVATIVE, BROADBAND_POLICY = "innovative_city_pilot", "broadband_china_pilot"


def city_table(city_province: pd.DataFrame, regions: pd.DataFrame) -> pd.DataFrame:
    """One row per pilot-list city: ``city`` (Chinese short name, the key), ``city_en``, ``province``,
    ``province_zh``, ``region`` (east/central/west) and ``admin_level``."""
    merged = city_province.merge(regions[["province", "province_zh", "region"]], on="province", how="left",
                                 validate="many_to_one")
    if merged["region"].isna().any() or (merged["region"] == "").any():
        bad = merged.loc[merged["region"].isna() | (merged["region"] == ""), "prefecture_city"].tolist()
        raise PilotDataError("No east/central/west belt for: {bad}.", bad=", ".join(bad))
    return (merged.rename(columns={"prefecture_city": "city"})
            [["city", "city_en", "province", "province_zh", "region", "admin_level"]].reset_index(drop=True))


def broadband_years(pilot_lists: pd.DataFrame) -> pd.Series:
    """First Broadband-China batch year per city (2014, 2015 or 2016), indexed by city."""
    bb = pilot_lists[pilot_lists["policy"] == BROADBAND_POLICY]
    return bb.groupby("prefecture_city")["list_year"].min().astype("int64").rename("broadband_year")


def approval_table(approval_years: pd.DataFrame) -> pd.DataFrame:
    """The editable approval-year table: ``city``, ``first_approval_year`` (nullable Int64), ``year_status``."""
    out = approval_years.rename(columns={"prefecture_city": "city"})[["city", "first_approval_year", "year_status"]].copy()
    out["first_approval_year"] = out["first_approval_year"].round().astype("Int64")
    return out.reset_index(drop=True)


def validate_approval_years(
    edited: pd.DataFrame,
    defaults: pd.DataFrame,
    *,
    year_range: tuple[int, int] = (2008, 2030),
) -> pd.DataFrame:
    """Check an edited approval-year table and mark which years are the user's.

    Parameters
    ----------
    edited : ``city`` and ``first_approval_year`` (whole years or empty), as
        returned by the page's data editor.
    defaults : :func:`approval_table` of the bundled file.
    year_range : plausible first-approval years (the pilot began in 2008).

    Returns
    -------
    DataFrame with ``city``, ``first_approval_year`` (Int64), ``year_status`` and
    ``source``: ``"yours"`` where the year differs from the bundled file, else
    ``"file"``.

    Raises
    ------
    PilotDataError
        Unknown or repeated city, or a year that is not a whole year in range.
    """
    if "city" not in edited or "first_approval_year" not in edited:
        raise PilotDataError("The approval-year table needs the columns 'city' and 'first_approval_year'.")
    known = set(defaults["city"])
    cities = edited["city"].astype(object)
    unknown = sorted({str(c) for c in cities if c not in known})
    if unknown:
        raise PilotDataError("Unknown pilot city in the approval years: {unknown}.", unknown=", ".join(unknown[:5]))
    if cities.duplicated().any():
        raise PilotDataError("City listed twice in the approval years: {city}.",
                             city=cities[cities.duplicated()].iloc[0])
    raw = edited["first_approval_year"]
    years = pd.to_numeric(raw, errors="coerce")
    text = raw.astype(object).where(raw.notna(), None)
    bad = years.isna() & pd.Series([v is not None and str(v).strip() not in ("", "<NA>", "nan") for v in text],
                                   index=raw.index)
    bad |= years.notna() & ((years % 1 != 0) | ~years.between(*year_range))
    if bad.any():
        i = bad[bad].index[0]
        raise PilotDataError("Approval year for {city} must be a whole year between {first} and "
                             "{last}, or empty (found {raw!r}).",
                             city=cities[i], first=year_range[0], last=year_range[1], raw=raw[i])
    out = pd.DataFrame({"city": cities.astype(str).to_numpy(), "first_approval_year": years.round().astype("Int64").to_numpy()})
    base = defaults.set_index("city")
    out["year_status"] = out["city"].map(base["year_status"])
    default_year = out["city"].map(base["first_approval_year"]).astype("Int64")
    same = (out["first_approval_year"].isna() & default_year.isna()) | (out["first_approval_year"] == default_year).fillna(False)
    out["source"] = np.where(same.to_numpy(dtype=bool), "file", "yours")
    out.loc[out["source"] == "yours", "year_status"] = "entered by you"
    return out


def cohort_map(approvals: pd.DataFrame) -> dict[str, int]:
    """City -> first approval year, for the cities that have one."""
    known = approvals.dropna(subset=["first_approval_year"])
    return {str(c): int(y) for c, y in zip(known["city"], known["first_approval_year"])}


# --- the synthetic panel ------------------------------------------------------------------------

def _hidden_years(cities: Sequence[str], approvals: Mapping[str, int], pilot_cities: Collection[str],
                  rng: np.random.Generator) -> dict[str, int]:
    """The synthetic truth's approval years: the file's, and 2011-2013 for pilots without one."""
    out = dict(approvals)
    for city in cities:
        if city in pilot_cities and city not in out:
            out[city] = int(rng.choice([2011, 2012, 2013]))
    return out


def synthetic_city_panel(
    cities: pd.DataFrame,
    approvals: Mapping[str, int],
    pilot_cities: Collection[str],
    broadband: Mapping[str, int],
    *,
    first_year: int = FIRST_YEAR,
    last_year: int = LAST_YEAR,
    extra_controls: int = 0,
    seed: int = SYNTHETIC_SEED,
) -> pd.DataFrame:
    """A deterministic **synthetic** city x year panel on the real city list (for demonstration only).

    The outcome ``lq_hightech`` (location quotient, dimensionless) is
    ``1 + city effect + 0.01/yr common trend + 0.15 * ln GDP per capita deviation
    + 0.02 * broadband + effect + noise``.  The pilot effect starts at approval
    and grows with exposure: ``base * (1 + 0.4 e)`` for ``e = 0..8`` years since
    approval (capped), ``base`` = 0.06 east, 0.04 west, 0.02 central, the
    regional order the pilot-city study reports (east benefits most, then west,
    central weakest).  Growing, cohort-varying effects are exactly the case where TWFE
    is biased and did2s is not.  Pilots without a known year get a hidden
    year in 2011-2013 (so leaving them out, as the page does by default, is
    the honest choice).  ``extra_controls`` adds never-treated synthetic units
    ("Synthetic city 001" ...) in round-robin provinces, for benchmarks.

    Columns: ``city``, ``year``, ``province``, ``region``, ``lq_hightech``,
    the :data:`CONTROLS`, ``broadband`` (0/1) and ``true_effect``.
    """
    rng = np.random.default_rng(seed)
    base_cities = cities[["city", "province", "region"]].copy()
    if extra_controls > 0:
        provinces = cities.drop_duplicates("province")[["province", "region"]].reset_index(drop=True)
        idx = np.arange(extra_controls) % len(provinces)
        extra = provinces.iloc[idx].reset_index(drop=True)
        extra.insert(0, "city", [f"Synthetic city {i + 1:03d}" for i in range(extra_controls)])
        base_cities = pd.concat([base_cities, extra], ignore_index=True)
    names = base_cities["city"].tolist()
    hidden = _hidden_years(names, approvals, pilot_cities, rng)
    years = np.arange(first_year, last_year + 1)
    n, t = len(names), len(years)
    region = base_cities["region"].to_numpy()
    region_level = pd.Series(region).map({"east": 0.35, "central": 0.1, "west": 0.0}).to_numpy()
    city_fe = region_level + rng.normal(0, 0.2, n)
    pilot = np.array([c in pilot_cities for c in names])
    city_fe = city_fe + 0.15 * pilot  # pilots were already stronger before approval (absorbed by the city effect)
    gdp0 = 9.0 + region_level + rng.normal(0, 0.3, n)
    gdp_growth = 0.09 + rng.normal(0, 0.015, n)
    pop = 5.8 + rng.normal(0, 0.6, n)
    sec0 = 47 + rng.normal(0, 6, n)
    base_effect = pd.Series(region).map(EFFECT_BY_REGION).to_numpy()
    g = np.array([hidden.get(c, 0) for c in names])[:, None]          # n x 1
    bb = np.array([broadband.get(c, 0) for c in names])[:, None]      # n x 1
    yr = years[None, :]                                                # 1 x t
    step = yr - first_year
    e = yr - g
    effect = np.where((g > 0) & (e >= 0), base_effect[:, None] * (1 + 0.4 * np.minimum(e, 8)), 0.0)
    ln_gdp = gdp0[:, None] + gdp_growth[:, None] * step + rng.normal(0, 0.03, (n, t))
    bb_on = ((bb > 0) & (yr >= bb)).astype(float)
    y = (1.0 + city_fe[:, None] + 0.01 * step + 0.15 * (ln_gdp - gdp0[:, None] - 0.09 * step)
         + 0.02 * bb_on + effect + rng.normal(0, 0.03, (n, t)))
    flat = lambda a: np.asarray(a, dtype=float).reshape(-1)  # noqa: E731  (row-major: city, then year)
    return pd.DataFrame({
        "city": np.repeat(names, t), "year": np.tile(years, n).astype("int64"),
        "province": np.repeat(base_cities["province"].to_numpy(), t), "region": np.repeat(region, t),
        OUTCOME: flat(y), "ln_gdp_per_capita": flat(ln_gdp),
        "ln_population": flat(pop[:, None] + 0.005 * step + rng.normal(0, 0.01, (n, t))),
        "secondary_share_pct": flat(sec0[:, None] - 0.4 * step + rng.normal(0, 1.0, (n, t))),
        BROADBAND: flat(bb_on).astype("int64"), "true_effect": flat(effect)})


# --- uploads and the estimation frame -----------------------------------------------------------

TEMPLATE_COLUMNS = ("city", "year", OUTCOME, *CONTROLS)


def city_panel_template(cities: pd.DataFrame) -> pd.DataFrame:
    """The upload template: two example cities x three years, values left empty for the user to fill."""
    sample = cities["city"].head(2).tolist()
    rows = [{"city": c, "year": y} for c in sample for y in (2002, 2003, 2004)]
    frame = pd.DataFrame(rows)
    for column in TEMPLATE_COLUMNS[2:]:
        frame[column] = np.nan
    frame["province"] = ""
    return frame


def _normalise_city(name: str, by_en: Mapping[str, str], known: Collection[str]) -> str:
    text = str(name).strip()
    if text in known:
        return text
    if text.endswith("市") and text[:-1] in known:
        return text[:-1]
    return by_en.get(text.lower(), text)


def validate_city_panel(frame: pd.DataFrame, cities: pd.DataFrame, regions: pd.DataFrame) -> pd.DataFrame:
    """Check an uploaded city x year panel and attach province and belt.

    ``city`` may be the short Chinese name (``苏州``), the full one (``苏州市``) or
    the English name of :func:`city_table` (``Suzhou (Jiangsu)``).  A city that
    is not on the pilot lists is accepted as a never-treated comparison city
    only if the file gives its ``province`` (English or Chinese); otherwise it
    is an unknown city.  Duplicate city-years, non-numeric values and years
    outside 1990-2035 are refused with the shared messages of
    :func:`core.uploads.validate_panel`.

    Raises
    ------
    UploadError
    """
    known = set(cities["city"])
    by_en = {str(e).lower(): c for e, c in zip(cities["city_en"], cities["city"])}
    if "city" not in frame.columns:
        raise UploadError("Missing column(s): city. Download the template to see the expected layout.")
    work = frame.copy()
    work["city"] = [(_normalise_city(c, by_en, known) if isinstance(c, str) else c) for c in work["city"]]
    province_of: dict[str, str] = {}
    if "province" in work.columns:
        prov_map = {**{p: p for p in regions["province"]}, **dict(zip(regions["province_zh"], regions["province"]))}
        prov_map.update({p.lower(): q for p, q in zip(regions["province"], regions["province"])})
        for city, prov in zip(work["city"], work["province"]):
            if isinstance(city, str) and city not in known and isinstance(prov, str) and prov.strip():
                key = prov.strip().removesuffix("省").removesuffix("市")
                match = prov_map.get(key) or prov_map.get(key.lower())
                if match is None:
                    raise UploadError("Unknown province {prov!r} for city {city!r}.", prov=prov, city=city)
                province_of[city] = match
    allowed = known | set(province_of)
    checked = validate_panel(work, keys=("city", "year"), numeric=(OUTCOME, *CONTROLS), required=(OUTCOME,),
                             known_units=allowed, unit_column="city", min_rows=4)
    table = cities.set_index("city")
    belt = regions.set_index("province")["region"]
    checked["province"] = checked["city"].map(lambda c: table["province"].get(c, province_of.get(c)))
    checked["region"] = checked["province"].map(belt)
    return checked


def design_frame(
    panel: pd.DataFrame,
    cohorts: Mapping[str, int],
    pilot_cities: Collection[str],
    broadband: Mapping[str, int],
    *,
    include_cohorts: Collection[int] | None = None,
) -> tuple[pd.DataFrame, dict[str, int]]:
    """Attach ``cohort`` (first approval year, 0 = never treated) and ``broadband`` to a city panel.

    Pilots without an approval year, and pilots of cohorts not in
    ``include_cohorts``, are left out (they are neither clean controls nor
    usable treated units).  Returns the frame and counts for the page
    (``dropped_unknown_year``, ``dropped_cohort``).
    """
    out = panel.copy()
    out["cohort"] = out["city"].map(lambda c: cohorts.get(c, 0)).astype("int64")
    unknown = out["city"].isin(pilot_cities) & (out["cohort"] == 0)
    counts = {"dropped_unknown_year": int(out.loc[unknown, "city"].nunique())}
    out = out[~unknown]
    if include_cohorts is not None:
        drop = (out["cohort"] > 0) & ~out["cohort"].isin(list(include_cohorts))
        counts["dropped_cohort"] = int(out.loc[drop, "city"].nunique())
        out = out[~drop]
    else:
        counts["dropped_cohort"] = 0
    if BROADBAND not in out.columns:
        bb = out["city"].map(lambda c: broadband.get(c, 0))
        out[BROADBAND] = ((bb > 0) & (out["year"] >= bb)).astype("int64")
    return out.reset_index(drop=True), counts


def timing_table(frame: pd.DataFrame) -> pd.DataFrame:
    """Cities per cohort and region (``cohort`` 0 reported as ``never``), for the treatment-timing chart."""
    per_city = frame.drop_duplicates("city")[["city", "cohort", "region"]]
    out = per_city.groupby(["cohort", "region"], as_index=False).size().rename(columns={"size": "cities"})
    out["cohort_label"] = out["cohort"].map(lambda g: "never" if g == 0 else str(g))
    return out


# --- the user's approval years in a share link (``pol_years``) ------------------------------------------------

_YEAR_ITEM_MAX = 200  # more items than pilot cities cannot come from the page


def encode_user_years(approvals: pd.DataFrame) -> str:
    """The years the user changed (``source == "yours"``) as ``city:year`` items (``city:`` = cleared), in table
    order; empty when nothing was changed.  ``approvals`` is :func:`validate_approval_years`'s output."""
    yours = approvals[approvals["source"] == "yours"]
    return ",".join(f"{c}:{'' if pd.isna(y) else int(y)}" for c, y in zip(yours["city"], yours["first_approval_year"]))


def decode_user_years(text: str, defaults: pd.DataFrame, *, year_range: tuple[int, int] = (2008, 2030)
                      ) -> pd.DataFrame:
    """The approval table of the bundled file with the years of a share link applied (inverse of
    :func:`encode_user_years`).  Unknown cities, repeated cities and years that are not whole years in
    ``year_range`` raise :class:`PilotDataError` (the link is text from outside: checked, never interpreted)."""
    table = defaults.copy()
    if not text or not text.strip():
        return table
    items = text.split(",")
    if len(items) > _YEAR_ITEM_MAX:
        raise PilotDataError("The link holds more approval years than there are pilot cities.")
    known = set(table["city"])
    seen: set[str] = set()
    for item in items:
        city, sep, year = item.strip().partition(":")
        if not sep or city not in known:
            raise PilotDataError("The link names an unknown pilot city ({city!r}).", city=city[:20])
        if city in seen:
            raise PilotDataError("The link names {city} twice.", city=city)
        seen.add(city)
        if year == "":
            value = pd.NA
        elif year.isdigit() and year_range[0] <= int(year) <= year_range[1]:
            value = int(year)
        else:
            raise PilotDataError("The link's year for {city} must be a whole year between {first} and "
                                 "{last} (found {year!r}).",
                                 city=city, first=year_range[0], last=year_range[1], year=year[:10])
        table.loc[table["city"] == city, "first_approval_year"] = value
    table["first_approval_year"] = table["first_approval_year"].astype("Int64")
    return table


def merge_cohort_selection(selected: Sequence[int], available: Sequence[int], previously_available: Sequence[int]
                           ) -> list[int]:
    """The cohort selection after the available cohorts changed: cohorts that appeared (a year the user just
    entered) are added, cohorts that no longer exist are removed, the user's other choices are kept."""
    new = [g for g in available if g not in set(previously_available)]
    kept = [g for g in selected if g in set(available)]
    return sorted(set(kept) | set(new))


# --- an exploratory real design: Table 1 with the number of approved pilot cities per province --------------

def province_pilot_intensity(cities: pd.DataFrame, cohorts: Mapping[str, int], table1: pd.DataFrame
                             ) -> pd.DataFrame:
    """Province x year frame of Table 1's index with the treatment intensity of the innovative-city pilot.

    ``pilots_approved`` = number of the province's pilot cities whose first approval year is <= the year (from
    ``cohorts``, so the user's entered years count; pilots without a year are not counted), and
    ``pilot_share`` = that number / the province's pilots with a known year (0 where it has none).  An
    *exploratory* design (province level, continuous treatment, 2011-2023), not the pilot-city study's.
    """
    known = cities[cities["city"].isin(list(cohorts))][["city", "province"]].copy()
    known["cohort"] = known["city"].map(cohorts).astype("int64")
    out = table1[["province", "year", "idt"]].copy()
    counts = []
    totals = known.groupby("province").size()
    for province, year in zip(out["province"], out["year"]):
        mine = known[known["province"] == province]
        counts.append(int((mine["cohort"] <= year).sum()))
    out["pilots_approved"] = np.array(counts, dtype="float64")
    total = out["province"].map(totals).fillna(0.0)
    out["pilot_share"] = (out["pilots_approved"] / total.where(total > 0)).fillna(0.0)
    return out.reset_index(drop=True)


def true_att(frame: pd.DataFrame) -> float:
    """The synthetic panel's own answer: the mean of ``true_effect`` over treated city-years (cohort > 0 and
    year >= cohort), the ATT the estimators should recover (outcome units; NaN without treated rows)."""
    treated = frame[(frame["cohort"] > 0) & (frame["year"] >= frame["cohort"])]
    return float(treated["true_effect"].mean()) if len(treated) else float("nan")
