"""A spillover scenario of a spatial panel model as a small frozen spec <-> query dict, and its recomputation.

The regression explorer's *Spatial spillovers* section fits a fixed-effects
spatial lag, error or Durbin panel model (:func:`core.spatial_panel.fit_spatial_panel`)
and moves one regressor (the *lever*) in a few provinces.  The change of the
dependent in every province is dy = (I - rho W)^-1 (beta I + theta W) dx
(LeSage & Pace, *Introduction to Spatial Econometrics*, 2009, ch. 2.7), split
into the *direct* part (a moved province's own change times its diagonal
multiplier) and the *spillover* part (what reaches a province from the other
moved provinces); see :func:`core.spatial_panel.spillover_projection`.  The
model is fitted once; moving the lever only multiplies.

The map page receives the result as a frame (:func:`map_frame`) and, for a
fresh browser, as query parameters (:meth:`SpilloverSpec.to_query`), from which
:func:`recompute` rebuilds the same frame.  Every value read from a link is
checked against a whitelist or a bound; a bad one raises :class:`SpilloverLinkError`
(a :class:`core.errors.ScenarioError`):

=================  ===========================================  ========================
parameter          meaning                                       example
=================  ===========================================  ========================
``spill``          spatial model: ``lag``, ``error``, ``durbin``   ``durbin``
``spill_w``        weights: ``queen``, ``knn``, ``distance``       ``queen``
``spill_k``        neighbours of ``knn`` (1-10)                    ``4``
``spill_islands``  Hainan under ``queen``: ``nearest`` (its 2      ``guangdong``
                   nearest provinces) or ``guangdong``
``spill_lever``    the regressor moved                             ``pdl``
``spill_change``   its change: % for a log variable, percentage    ``10``
                   points for a share, points for a score
``spill_where``    provinces moved (comma-separated)               ``Sichuan,Chongqing``
``spill_x``        regressors of the model                         ``lnpcgdp,estr,pdl,med``
``spill_y``        dependent                                       ``idt``
``spill_years``    estimation sample                               ``2012-2023``
``spill_source``   ``public`` or ``demo``                          ``public``
``spill_fe``       ``entity`` (default, omitted) or ``twoway``     ``twoway``
``spill_regions``  estimation regions (omitted = all)              ``east,central``
``spill_interp``   ``0``: public wages not interpolated in odd     ``0``
                   years (omitted: interpolated, the default)
=================  ===========================================  ========================
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from core import panel
from core.errors import Message, ScenarioError

__all__ = [
    "SpilloverLinkError", "PARAM_PREFIX", "MODELS", "WEIGHTS", "ISLANDS", "SOURCES", "REGIONS", "FIXED_EFFECTS",
    "MAX_CHANGE", "MAX_K", "YEAR_RANGE", "SpilloverSpec", "from_query", "has_spillover", "lever_delta",
    "weight_options", "build_weights", "sample_panel", "balance_report", "load_source", "fit", "map_frame",
    "recompute", "source_label",
]

PARAM_PREFIX = "spill"
MODELS: tuple[str, ...] = ("lag", "error", "durbin")
WEIGHTS: tuple[str, ...] = ("queen", "knn", "distance")
#: how Hainan (no land neighbour) is linked under queen contiguity: its 2 nearest provinces, or Guangdong only
ISLANDS: tuple[str, ...] = ("nearest", "guangdong")
SOURCES: tuple[str, ...] = ("public", "demo", "upload")
REGIONS: tuple[str, ...] = ("east", "central", "west")
FIXED_EFFECTS: tuple[str, ...] = ("entity", "twoway")
MAX_CHANGE = 50.0   # |% or percentage points or points| accepted
MAX_K = 10
YEAR_RANGE = (2000, 2100)
DEFAULT_K = 4
_NUMBER = re.compile(r"^[+-]?\d+(?:\.\d+)?$")
_YEARS = re.compile(r"^(\d{4})-(\d{4})$")
_NAME = re.compile(r"^[A-Za-z][A-Za-z ]{1,30}$")


class SpilloverLinkError(ScenarioError):
    """A spillover scenario (from a link or a request) has a value outside its whitelist or bounds."""


def _known_provinces() -> set[str]:
    from core import datasets

    return set(datasets.load_regions().province)


@dataclass(frozen=True)
class SpilloverSpec:
    """Everything needed to refit the spatial model and project one spillover scenario.

    ``change`` is in the lever's scenario unit (% for a log variable, percentage points for a
    share, points for a score: :attr:`core.panel.Variable.change_unit`); ``provinces`` are the ones
    moved; ``years`` the estimation sample (the map shows its last year); ``regions`` the
    estimation regions.  Construction validates every field (:class:`SpilloverLinkError`).
    """

    model: str
    weights: str
    lever: str
    change: float
    provinces: tuple[str, ...]
    regressors: tuple[str, ...]
    dependent: str = "idt"
    years: tuple[int, int] = (2011, 2023)
    source: str = "public"
    k: int = DEFAULT_K
    islands: str = "nearest"
    fixed_effects: str = "entity"
    regions: tuple[str, ...] = REGIONS
    interpolate_wages: bool = True

    def __post_init__(self) -> None:
        def bad(template: str, **arguments: object) -> None:
            raise SpilloverLinkError(template, **arguments)

        if self.model not in MODELS:
            bad("Unknown spatial model {model!r}; choose lag, error or durbin.", model=str(self.model)[:20])
        if self.weights not in WEIGHTS:
            bad("Unknown spatial weights {weights!r}; choose queen, knn or distance.",
                weights=str(self.weights)[:20])
        if self.islands not in ISLANDS:
            bad("Unknown rule for Hainan {islands!r}; choose nearest or guangdong.", islands=str(self.islands)[:20])
        if self.source not in SOURCES:
            bad("Unknown data source {source!r}.", source=str(self.source)[:20])
        if not isinstance(self.interpolate_wages, bool):
            bad("interpolate_wages must be True or False.")
        if self.fixed_effects not in FIXED_EFFECTS:
            bad("Unknown fixed effects {fixed_effects!r}; choose entity or twoway.",
                fixed_effects=str(self.fixed_effects)[:20])
        if isinstance(self.k, bool) or not isinstance(self.k, int) or not 1 <= self.k <= MAX_K:
            bad("The number of neighbours must be a whole number from 1 to {max_k}.", max_k=MAX_K)
        symbols = [self.dependent, *self.regressors, self.lever]
        for symbol in symbols:
            if symbol not in panel.VARIABLES:
                bad("{symbol!r} is not a known variable.", symbol=str(symbol)[:20])
        if not self.regressors:
            bad("The model needs at least one regressor.")
        if len(set(self.regressors)) != len(self.regressors) or self.dependent in self.regressors:
            bad("The regressors must be distinct and differ from the dependent variable.")
        if self.lever not in self.regressors:
            bad("The lever {lever!r} is not a regressor of the model.", lever=self.lever)
        if isinstance(self.change, bool) or not isinstance(self.change, (int, float)) \
                or not math.isfinite(self.change) or abs(self.change) > MAX_CHANGE:
            bad("The change must be a number within ±{max_change:g}.", max_change=MAX_CHANGE)
        if panel.VARIABLES[self.lever].kind == "log" and self.change <= -100:
            bad("A log variable cannot fall by 100 % or more.")
        lo, hi = self.years if len(self.years) == 2 else (0, 0)
        if not all(isinstance(y, int) and not isinstance(y, bool) for y in (lo, hi)) \
                or not YEAR_RANGE[0] <= lo < hi <= YEAR_RANGE[1]:
            bad("The sample years must be two different years, the first earlier, e.g. 2012-2023.")
        if not self.regions or len(set(self.regions)) != len(self.regions) \
                or any(r not in REGIONS for r in self.regions):
            bad("Unknown or repeated region (choose from east, central, west).")
        if not self.provinces or len(set(self.provinces)) != len(self.provinces):
            bad("Choose at least one province to move, each once.")
        known = _known_provinces()
        unknown = [p for p in self.provinces if p not in known]
        if unknown:
            bad("Unknown province {unknown!r}.", unknown=str(unknown[0])[:30])

    @property
    def year(self) -> int:
        """The year the map shows: the last year of the estimation sample."""
        return int(self.years[1])

    def to_query(self) -> dict[str, str]:
        """The query parameters (strings) that reproduce this scenario (defaults of optional ones left out)."""
        p = PARAM_PREFIX
        q = {p: self.model, f"{p}_w": self.weights, f"{p}_lever": self.lever, f"{p}_change": f"{float(self.change):g}",
             f"{p}_where": ",".join(self.provinces), f"{p}_x": ",".join(self.regressors), f"{p}_y": self.dependent,
             f"{p}_years": f"{self.years[0]}-{self.years[1]}", f"{p}_source": self.source}
        if self.weights == "knn":
            q[f"{p}_k"] = str(self.k)
        if self.weights == "queen":
            q[f"{p}_islands"] = self.islands
        if self.fixed_effects != "entity":
            q[f"{p}_fe"] = self.fixed_effects
        if tuple(self.regions) != REGIONS:
            q[f"{p}_regions"] = ",".join(self.regions)
        if not self.interpolate_wages:
            q[f"{p}_interp"] = "0"
        return q


def has_spillover(params: Mapping[str, Any]) -> bool:
    """Whether query parameters hold a spillover scenario (the ``spill`` parameter)."""
    return PARAM_PREFIX in params


def from_query(params: Mapping[str, Any]) -> SpilloverSpec | None:
    """The scenario held in query parameters, or None without ``spill``; a bad value raises SpilloverLinkError."""
    if not has_spillover(params):
        return None

    def get(name: str, default: str | None = None) -> str:
        key = PARAM_PREFIX if not name else f"{PARAM_PREFIX}_{name}"
        value = params.get(key, default)
        if isinstance(value, (list, tuple)):
            value = value[-1] if value else default
        if value is None:
            raise SpilloverLinkError("The link lacks {key!r}.", key=key)
        return str(value)[:400]

    def items(text: str) -> tuple[str, ...]:
        return tuple(s.strip() for s in text.split(",") if s.strip())

    change_text, k_text, years_text = get("change"), get("k", str(DEFAULT_K)), get("years")
    if not _NUMBER.match(change_text.strip()):
        raise SpilloverLinkError("The change {change_text!r} is not a number.", change_text=change_text[:20])
    if not k_text.isdigit() or len(k_text) > 3:
        raise SpilloverLinkError("The number of neighbours {k_text!r} is not a whole number.", k_text=k_text[:20])
    span = _YEARS.match(years_text.strip())
    if not span:
        raise SpilloverLinkError("The years {years_text!r} are not of the form 2012-2023.",
                                 years_text=years_text[:20])
    interp = get("interp", "1")
    if interp not in ("0", "1"):
        raise SpilloverLinkError("spill_interp must be 0 or 1, not {interp!r}.", interp=interp[:10])
    provinces = items(get("where"))
    if any(not _NAME.match(p) for p in provinces):
        raise SpilloverLinkError("A province in the link is not a province name.")
    return SpilloverSpec(
        model=get(""), weights=get("w"), lever=get("lever"), change=float(change_text), provinces=provinces,
        regressors=items(get("x")), dependent=get("y", "idt"), years=(int(span.group(1)), int(span.group(2))),
        source=get("source", "public"), k=int(k_text), islands=get("islands", "nearest"),
        fixed_effects=get("fe", "entity"), regions=items(get("regions", ",".join(REGIONS))),
        interpolate_wages=interp == "1")


# --- the computation ----------------------------------------------------------------------------

def lever_delta(symbol: str, change: float) -> float:
    """A scenario change in the units of the variable itself: ln(1 + c/100) for a log variable (c in %),
    c/100 for a share (c in percentage points), c for a score or index (c in points)."""
    kind = panel.VARIABLES[symbol].kind
    if kind == "log":
        if change <= -100:
            raise SpilloverLinkError("A log variable cannot fall by 100 % or more.")
        return float(np.log1p(change / 100.0))
    if kind == "ratio":
        return float(change) / 100.0
    return float(change)


def weight_options(weights: str, k: int = DEFAULT_K, islands: str = "nearest",
                   entities: Sequence[str] = ()) -> dict[str, Any]:
    """The options of :func:`core.weights.province_weights` for a weights code (Hainan's link under queen:
    its 2 nearest provinces, or Guangdong only when both are in the sample)."""
    if weights == "knn":
        return {"k": int(k)}
    if weights == "queen":
        if islands == "guangdong" and {"Hainan", "Guangdong"} <= set(entities):
            return {"islands": {"Hainan": ("Guangdong",)}}
        return {"islands": "nearest"}
    return {}


def build_weights(weights: str, entities: Sequence[str], *, k: int = DEFAULT_K, islands: str = "nearest"
                  ) -> pd.DataFrame:
    """Province weights among ``entities`` (``attrs["method"]`` says how they were built)."""
    from core.weights import province_weights

    return province_weights(weights, list(entities), **weight_options(weights, k, islands, entities))


def sample_panel(data: pd.DataFrame, years: tuple[int, int], entities: Sequence[str] | None = None,
                 columns: Sequence[str] | None = None) -> pd.DataFrame:
    """The rows of ``data`` (indexed by province, year) in ``years`` and ``entities``, only ``columns``."""
    out = panel.subset(data, years=years, entities=entities)
    return out[list(columns)] if columns is not None else out


def _spans(years: Sequence[int]) -> str:
    """2011, 2013, 2014, 2015 -> '2011, 2013–2015'."""
    out: list[str] = []
    run: list[int] = []
    for y in sorted(years):
        if run and y != run[-1] + 1:
            out.append(f"{run[0]}" if len(run) == 1 else f"{run[0]}–{run[-1]}")
            run = []
        run.append(y)
    if run:
        out.append(f"{run[0]}" if len(run) == 1 else f"{run[0]}–{run[-1]}")
    return ", ".join(out)


def balance_report(data: pd.DataFrame, columns: Sequence[str], years: tuple[int, int],
                   entities: Sequence[str] | None = None) -> tuple[list[Message], tuple[int, int] | None]:
    """What breaks balance in the sample, and the longest run of complete years inside it.

    Returns (``gaps``, ``span``): ``gaps`` names each column with the years in which some province
    lacks it (e.g. ``"med: 2011 (30 provinces)"``), empty when every province has every column in every
    year; ``span`` is the longest run of consecutive years (the latest on a tie, at least 2 years) in
    which every province has every column, or None.  Nothing is dropped: this only describes.
    """
    sample = panel.subset(data, years=years, entities=entities)
    units = sorted(set(sample.index.get_level_values(0))) if entities is None else list(entities)
    span_years = [y for y in sorted(set(data.index.get_level_values(1))) if years[0] <= y <= years[1]]
    full = pd.MultiIndex.from_product([units, span_years])
    cells = sample.reindex(full)[list(columns)]
    missing = cells.isna()
    gaps = []
    for column in columns:
        by_year = missing[column].groupby(level=1).sum()
        bad = by_year[by_year > 0]
        if len(bad):
            most = int(bad.max())
            spans = _spans([int(y) for y in bad.index])
            gaps.append(Message("{column}: {years} ({most} of {total} provinces)", column=column, years=spans,
                                most=most, total=len(units)) if most < len(units) else
                        Message("{column}: {years} (all of {total} provinces)", column=column, years=spans,
                                total=len(units)))
    complete = [int(y) for y, bad in missing.any(axis=1).groupby(level=1).any().items() if not bad]
    best: tuple[int, int] | None = None
    run: list[int] = []
    for y in complete + [None]:  # type: ignore[list-item]
        if y is not None and run and y == run[-1] + 1:
            run.append(y)
            continue
        if len(run) >= 2 and (best is None or len(run) >= best[1] - best[0] + 1):
            best = (run[0], run[-1])
        run = [y] if y is not None else []
    return gaps, best


def load_source(source: str, *, interpolate_wages: bool = True) -> pd.DataFrame:
    """The panel behind ``source`` (``public`` or ``demo``), indexed by (province, year): the same panel the
    regression explorer fits (:func:`core.scenario.load_source`); uploads cannot be rebuilt from a link."""
    from core import scenario

    if source not in ("public", "demo"):
        raise SpilloverLinkError("Uploaded data are not stored in a link; open the regression explorer and upload "
                                 "the file again.")
    return scenario.load_source(source, interpolate_wages=interpolate_wages)


def _entities(spec: SpilloverSpec, data: pd.DataFrame) -> list[str]:
    from core import datasets

    present = sorted(set(data.index.get_level_values(0).astype(str)))
    if tuple(spec.regions) == REGIONS:
        return present
    regions = datasets.load_regions()
    keep = set(regions.loc[regions.region.isin(spec.regions), "province"])
    return [p for p in present if p in keep]


def fit(spec: SpilloverSpec, data: pd.DataFrame) -> Any:
    """Fit the spatial model of ``spec`` on ``data`` (its sample and weights); the SpatialPanelResults."""
    from core.spatial_panel import fit_spatial_panel

    entities = _entities(spec, data)
    sample = sample_panel(data, spec.years, entities, [spec.dependent, *spec.regressors])
    w = build_weights(spec.weights, entities, k=spec.k, islands=spec.islands)
    return fit_spatial_panel(sample, spec.dependent, list(spec.regressors), w, model=spec.model,  # type: ignore[arg-type]
                             fixed_effects=spec.fixed_effects)  # type: ignore[arg-type]


def source_label(spec: SpilloverSpec) -> str:
    """What the map prints next to a spillover scenario: a model estimate, what moved where, not an observed index."""
    names = {"lag": "spatial lag", "error": "spatial error", "durbin": "spatial Durbin"}
    origin = {"public": "public data", "demo": "synthetic demo panel — for demonstration",
              "upload": "uploaded data"}.get(spec.source, spec.source)
    where = ", ".join(spec.provinces[:4]) + (" …" if len(spec.provinces) > 4 else "")
    unit = panel.VARIABLES[spec.lever].change_unit
    return (f"Model estimate ({names[spec.model]} panel model, {origin}): {spec.lever} {spec.change:+g} {unit} in "
            f"{where} — direct change there, spillover elsewhere; not an observed index")


def map_frame(result: Any, data: pd.DataFrame, spec: SpilloverSpec) -> pd.DataFrame:
    """The frame the map reads, from a fitted model (no refit): one row per province of the model.

    Columns: ``province``, ``year`` (the last sample year), ``idt`` (level = baseline + change),
    ``baseline`` (the observed dependent that year), ``change`` (= ``direct`` + ``spillover``), ``direct``,
    ``spillover``, ``moved`` and ``label``.  Changes are in the dependent's units.
    """
    from core.spatial_panel import spillover_projection

    unknown = [p for p in spec.provinces if p not in result.entities]
    if unknown:
        raise SpilloverLinkError("{unknown} is not in the estimation sample of the model.",
                                 unknown=", ".join(unknown[:3]))
    dx = lever_delta(spec.lever, spec.change)
    projected = spillover_projection(result, spec.lever, {p: dx for p in spec.provinces})
    year = int(result.years[-1])
    observed = data.xs(year, level=1)[spec.dependent]
    observed.index = observed.index.astype(str)
    baseline = observed.reindex(projected.index).to_numpy(dtype=float)
    return pd.DataFrame({
        "province": projected.index.astype(str), "year": year, "idt": baseline + projected.change.to_numpy(),
        "baseline": baseline, "change": projected.change.to_numpy(), "direct": projected.direct.to_numpy(),
        "spillover": projected.spillover.to_numpy(), "moved": projected.moved.to_numpy(),
        "label": source_label(spec)}).reset_index(drop=True)


def recompute(spec: SpilloverSpec, data: pd.DataFrame | None = None) -> pd.DataFrame:
    """Refit the model of ``spec`` and return :func:`map_frame` (``data`` defaults to the source's panel).

    Raises :class:`SpilloverLinkError` for a spec the data cannot serve and the typed
    :class:`core.errors.SpatialModelError` subclasses of the fit (unbalanced panel, weights, convergence).
    """
    data = load_source(spec.source, interpolate_wages=spec.interpolate_wages) if data is None else data
    missing = [c for c in (spec.dependent, *spec.regressors) if c not in data.columns]
    if missing:
        raise SpilloverLinkError("{missing} is not in the {source} data.",
                                 missing=", ".join(missing), source=spec.source)
    return map_frame(fit(spec, data), data, spec)
