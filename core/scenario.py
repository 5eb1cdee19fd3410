"""A regression scenario as a small dataclass <-> query-string dict, and its recomputation (pure).

The regression explorer sends a projection to the map page in two ways: the
frame itself in session state (``scenario_index``) and, for a fresh browser,
these query parameters, from which :func:`recompute` rebuilds the same
projection with :func:`core.panel.fit_panel` and :func:`core.panel.project`:

=====================  ==========================================  =====================
parameter              meaning                                      example
=====================  ==========================================  =====================
``scenario``           lever changes (``%`` for log variables,      ``pcw:+10,rd:-0.5``
                       percentage points for shares)
``scenario_source``    ``public`` or ``demo`` (uploads cannot be    ``demo``
                       rebuilt from a link)
``scenario_model``     ``pooled`` / ``fe`` / ``twfe`` / ``re``      ``fe``
``scenario_cov``       standard errors (sets the band)              ``clustered``
``scenario_x``         regressors; ``.log.lag1.standardize``        ``gdp,pcw,estr.log``
                       suffixes are transformations
``scenario_years``     estimation sample                             ``2011-2023``
``scenario_year``      projected year                                ``2023``
``scenario_regions``   estimation regions (omitted = all)           ``east,west``
``scenario_where``     provinces changed (omitted = all)            ``Beijing,Shanghai``
``scenario_interp``    ``0``: public wages without the odd-year     ``0``
                       interpolation (omitted = interpolated)
=====================  ==========================================  =====================
"""

from __future__ import annotations

__all__ = ["ScenarioError", "PARAM_PREFIX", "SOURCES", "REGIONS", "MAX_CHANGE", "ScenarioSpec", "encode_changes",
           "decode_changes", "from_query", "load_source", "recompute", "source_label", "to_map_frame"]

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd

from core import panel
from core.errors import ScenarioError

PARAM_PREFIX = "scenario"
SOURCES: dict[str, str] = {"public": "Public data", "upload": "Uploaded data", "demo": "Paper-shaped demo (synthetic)"}
REGIONS: tuple[str, ...] = ("east", "central", "west")
MAX_CHANGE = 100.0  # |percent or percentage points| accepted from a link
_ITEM = re.compile(r"^([a-z]+):([+-]?\d+(?:\.\d+)?)$")


@dataclass(frozen=True)
class ScenarioSpec:
    """Everything needed to refit the model and project one scenario."""

    changes: dict[str, float]
    source: str = "public"
    model: str = "fe"
    cov_type: str = "clustered"
    regressors: tuple[str, ...] = ()
    transforms: dict[str, tuple[str, ...]] = field(default_factory=dict)
    years: tuple[int, int] = (2011, 2023)
    year: int = 2023
    regions: tuple[str, ...] = REGIONS
    provinces: tuple[str, ...] | None = None
    interpolate_wages: bool = True

    def model_spec(self, entities: Sequence[str] | None = None) -> panel.ModelSpec:
        """The model this scenario refits (the index on its regressors), as the shared :class:`core.panel.ModelSpec`;
        ``entities`` are the provinces of :attr:`regions` (``None``: all)."""
        return panel.ModelSpec("idt", tuple(self.regressors), model=self.model, cov_type=self.cov_type,
                               transforms=self.transforms, years=self.years,
                               entities=None if entities is None else tuple(entities))

    def to_query(self) -> dict[str, str]:
        """The query parameters (strings) that reproduce this scenario."""
        q = {PARAM_PREFIX: encode_changes(self.changes), f"{PARAM_PREFIX}_source": self.source,
             f"{PARAM_PREFIX}_model": self.model, f"{PARAM_PREFIX}_cov": self.cov_type,
             f"{PARAM_PREFIX}_x": ",".join(".".join([s, *self.transforms.get(s, ())]) for s in self.regressors),
             f"{PARAM_PREFIX}_years": f"{self.years[0]}-{self.years[1]}", f"{PARAM_PREFIX}_year": str(self.year)}
        if tuple(self.regions) != REGIONS:
            q[f"{PARAM_PREFIX}_regions"] = ",".join(self.regions)
        if self.provinces:
            q[f"{PARAM_PREFIX}_where"] = ",".join(self.provinces)
        if not self.interpolate_wages:
            q[f"{PARAM_PREFIX}_interp"] = "0"
        return q


def encode_changes(changes: Mapping[str, float]) -> str:
    """``{"pcw": 10, "rd": -0.5}`` -> ``"pcw:+10,rd:-0.5"`` (zero changes are left out)."""
    return ",".join(f"{k}:{float(v):+g}" for k, v in changes.items() if float(v) != 0)


def decode_changes(text: str) -> dict[str, float]:
    """Inverse of :func:`encode_changes`; only whitelisted symbols and bounded numbers are accepted."""
    out: dict[str, float] = {}
    if not text.strip():
        return out
    for item in text.split(","):
        match = _ITEM.match(item.strip())
        if not match:
            raise ScenarioError("Cannot read the scenario item {item!r}; expected e.g. 'pcw:+10'.", item=item[:40])
        symbol, amount = match.group(1), float(match.group(2))
        if symbol not in panel.VARIABLES or symbol == "idt":
            raise ScenarioError("'{symbol}' is not a variable a scenario can change.", symbol=symbol)
        if abs(amount) > MAX_CHANGE:
            raise ScenarioError("A change of {amount:g} in {symbol} is outside ±{max_change:g}.",
                                amount=amount, symbol=symbol, max_change=MAX_CHANGE)
        out[symbol] = amount
    return out


def from_query(params: Mapping[str, str]) -> ScenarioSpec | None:
    """The scenario held in query parameters, or None when there is none; bad values raise ScenarioError."""
    if PARAM_PREFIX not in params:
        return None

    def get(name: str, default: str) -> str:
        value = params.get(f"{PARAM_PREFIX}_{name}", default)
        return value if isinstance(value, str) else str(value)

    changes = decode_changes(str(params[PARAM_PREFIX]))
    source, model, cov = get("source", "public"), get("model", "fe"), get("cov", "clustered")
    if source not in SOURCES:
        raise ScenarioError("Unknown data source {source!r}.", source=source[:20])
    if model not in panel.MODELS or cov not in panel.COV_TYPES:
        raise ScenarioError("Unknown model or standard-error choice in the link.")
    regressors, transforms = [], {}
    for item in filter(None, get("x", ",".join(changes)).split(",")):
        symbol, *steps = item.split(".")
        if symbol not in panel.VARIABLES or any(s not in panel.TRANSFORMS for s in steps):
            raise ScenarioError("Unknown regressor or transformation {item!r} in the link.", item=item[:40])
        regressors.append(symbol)
        if steps:
            transforms[symbol] = tuple(steps)
    span = re.fullmatch(r"(\d{4})-(\d{4})", get("years", "2011-2023"))
    year = get("year", "2023")
    if not span or not year.isdigit():
        raise ScenarioError("The years in the link are not of the form 2011-2023.")
    regions = tuple(r for r in get("regions", ",".join(REGIONS)).split(",") if r)
    if any(r not in REGIONS for r in regions):
        raise ScenarioError("Unknown region in the link.")
    where = tuple(p for p in get("where", "").split(",") if p) or None
    interp = get("interp", "1")
    if interp not in ("0", "1"):
        raise ScenarioError("The wage-interpolation switch in the link must be 0 or 1.")
    return ScenarioSpec(changes, source, model, cov, tuple(regressors), transforms,
                        (int(span.group(1)), int(span.group(2))), int(year), regions, where, interp == "1")


def load_source(source: str, *, interpolate_wages: bool = True) -> pd.DataFrame:
    """The panel behind ``source`` (``public`` or ``demo``), indexed by (province, year)."""
    from core import datasets, demo_panel

    if source == "public":
        return panel.public_panel(datasets.load_table1(), datasets.load_panel(), datasets.load_series(),
                                  interpolate_wages=interpolate_wages)
    if source == "demo":
        return demo_panel.demo_panel(datasets.paper_provinces(), datasets.load_table4(),
                                     datasets.load_table5().coefficients)
    raise ScenarioError("Uploaded data are not stored in a link; open the regression explorer and upload the file again.")


def recompute(spec: ScenarioSpec, data: pd.DataFrame | None = None, regions: pd.DataFrame | None = None
              ) -> pd.DataFrame:
    """Refit the model of ``spec`` and project it: ``province``, ``year``, ``idt`` (projected), ``lower``,
    ``upper``, plus ``baseline``, ``change`` and ``out_of_range``.  ``data`` defaults to the source's panel."""
    from core import datasets

    data = load_source(spec.source, interpolate_wages=spec.interpolate_wages) if data is None else data
    regions = datasets.load_regions() if regions is None else regions
    entities = None
    if tuple(spec.regions) != REGIONS:
        entities = regions.loc[regions.region.isin(spec.regions), "province"].tolist()
    try:
        fit = spec.model_spec(entities).fit(data)
        projection = panel.project(fit, data, spec.changes, provinces=spec.provinces, year=spec.year)
    except panel.PanelSpecError as exc:
        raise ScenarioError(exc.template, **exc.arguments) from exc
    return to_map_frame(projection, spec.source)


def source_label(source: str) -> str:
    """What the map must print next to a projection from ``source``."""
    from core.demo_panel import LABEL

    return f"Projection from the paper-shaped demo panel — {LABEL}" if source == "demo" else \
        f"Projection from {SOURCES.get(source, source).lower()} (model estimate, not an observed index)"


def to_map_frame(projection: pd.DataFrame, source: str) -> pd.DataFrame:
    """The columns the map page reads: province, year, idt (projected level), lower, upper, baseline (fitted),
    ``change_vs_baseline`` (projected - fitted baseline, index points; the scenario's effect), ``change_pct``
    (the same in % of the baseline), ``change`` (kept for older readers, equal to ``change_vs_baseline``),
    out_of_range and ``label``."""
    out = projection.rename(columns={"projected": "idt"})
    out = out[["province", "year", "idt", "lower", "upper", "baseline", "change", "out_of_range"]].reset_index(drop=True)
    out["change_vs_baseline"] = out["idt"] - out["baseline"]
    out["change_pct"] = 100.0 * out["change_vs_baseline"] / out["baseline"].where(out["baseline"] != 0)
    return out.assign(label=source_label(source))
