"""Charts of the spatial panel models: effects with bands, and a spillover scenario split into direct and spillover.

Each chart is a spec template without rows (named datasets attached by the page), so a new sample or a lever
move changes rows only and the drawn chart is updated in place (see :func:`core.charts.stable_spec`).
Texts come in through ``labels`` (English text -> shown text), so the page translates them.
"""

from __future__ import annotations

__all__ = ["EFFECT_ROWS", "SPILL_ROWS", "EFFECT_COLORS", "PART_COLORS", "effect_rows", "effects_template",
           "spillover_rows", "spillover_template"]

from collections.abc import Mapping, Sequence

import altair as alt
import pandas as pd

from core.charts import FONT, stable_spec

EFFECT_ROWS = "effect_rows"
SPILL_ROWS = "spill_rows"
EFFECTS = ("direct", "indirect", "total")
EFFECT_COLORS = {"direct": "#2171b5", "indirect": "#d6604d", "total": "#4d4d4d"}
PART_COLORS = {"direct": "#2171b5", "spillover": "#f4a582"}
EFFECT_NAMES = {"direct": "Direct", "indirect": "Indirect (spillover)", "total": "Total"}
PART_NAMES = {"direct": "Direct (own change)", "spillover": "Spillover (from the other moved provinces)"}


def _label(labels: Mapping[str, str] | None, text: str) -> str:
    return (labels or {}).get(text, text)


def _title(text: str, note: str | None) -> alt.TitleParams:
    return alt.TitleParams(text, subtitle=[note] if note else alt.Undefined, anchor="start", font=FONT)


def effect_rows(effects: pd.DataFrame, labels: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Long rows (regressor, effect, estimate, lower, upper) from a ``SpatialPanelResults.effects`` table."""
    rows = []
    for regressor, row in effects.iterrows():
        for code in EFFECTS:
            rows.append({"regressor": str(regressor), "code": code, "effect": _label(labels, EFFECT_NAMES[code]),
                         "estimate": float(row[code]), "lower": float(row[f"{code}_lower"]),
                         "upper": float(row[f"{code}_upper"])})
    return pd.DataFrame(rows)


def effects_template(regressors: Sequence[str], *, title: str, note: str | None = None,
                     labels: Mapping[str, str] | None = None) -> dict:
    """Direct, indirect and total effect of each regressor with its 95 % simulated band, without rows.

    One row of panels per regressor, each with its own x scale: the regressors have different units (a share's
    effect per unit is per 100 percentage points), so a common scale would flatten all but the largest.
    """
    names = [_label(labels, EFFECT_NAMES[c]) for c in EFFECTS]
    color = alt.Color("effect:N", title=None, sort=names,
                      scale=alt.Scale(domain=names, range=[EFFECT_COLORS[c] for c in EFFECTS]),
                      legend=alt.Legend(orient="bottom", labelLimit=400))
    base = alt.Chart().encode(y=alt.Y("effect:N", sort=names, title=None, axis=None), color=color)
    rule = base.mark_rule(strokeWidth=2).encode(x=alt.X("lower:Q", title=None), x2="upper:Q")
    point = base.mark_point(filled=True, size=60).encode(
        x="estimate:Q",
        tooltip=[alt.Tooltip("regressor:N", title=_label(labels, "Regressor")),
                 alt.Tooltip("effect:N", title=_label(labels, "Effect")),
                 alt.Tooltip("estimate:Q", format=".4f", title=_label(labels, "Estimate")),
                 alt.Tooltip("lower:Q", format=".4f", title=_label(labels, "Lower")),
                 alt.Tooltip("upper:Q", format=".4f", title=_label(labels, "Upper"))])
    zero = alt.Chart().mark_rule(color="#888", strokeDash=[4, 3]).encode(x=alt.datum(0))
    chart = alt.layer(zero, rule, point, data=alt.Data(name=EFFECT_ROWS)).properties(
        width=520, height=alt.Step(12)).facet(
        row=alt.Row("regressor:N", sort=list(regressors), title=None,
                    header=alt.Header(labelAngle=0, labelAlign="left", labelFontWeight="bold")),
        title=alt.TitleParams(title, anchor="start", font=FONT, subtitle=[
            *([note] if note else []),
            _label(labels, "Effect on the dependent per unit of the regressor (95 % band)") + "; "
            + _label(labels, "each row has its own scale")]), spacing=6).resolve_scale(x="independent")
    return stable_spec(chart.to_dict())


def spillover_rows(frame: pd.DataFrame, names: Mapping[str, str] | None = None,
                   labels: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Long rows (province, part, value, change, moved) from a spillover map frame (direct and spillover)."""
    rows = []
    for _, row in frame.iterrows():
        shown = (names or {}).get(row.province, row.province)
        for code in ("direct", "spillover"):
            rows.append({"province": shown, "code": code, "part": _label(labels, PART_NAMES[code]),
                         "value": float(row[code]), "change": float(row.change), "moved": bool(row.moved)})
    return pd.DataFrame(rows)


def spillover_template(*, title: str, note: str | None = None, labels: Mapping[str, str] | None = None) -> dict:
    """Each province's change split into its direct part and the spillover it receives, without rows.

    Provinces are ranked by the total change; moved provinces are in bold on the axis tooltip.
    """
    parts = [_label(labels, PART_NAMES[c]) for c in ("direct", "spillover")]
    chart = alt.Chart(alt.Data(name=SPILL_ROWS)).mark_bar().encode(
        y=alt.Y("province:N", sort=alt.EncodingSortField("change", order="descending"), title=None,
                axis=alt.Axis(labelOverlap=False, labelLimit=160)),
        x=alt.X("sum(value):Q", title=_label(labels, "Change in the dependent (its units)")),
        color=alt.Color("part:N", title=None, sort=parts,
                        scale=alt.Scale(domain=parts, range=[PART_COLORS["direct"], PART_COLORS["spillover"]]),
                        legend=alt.Legend(orient="bottom", labelLimit=400)),
        order=alt.Order("code:N"),
        tooltip=[alt.Tooltip("province:N", title=_label(labels, "Province")),
                 alt.Tooltip("part:N", title=_label(labels, "Part")),
                 alt.Tooltip("value:Q", format=".5f", title=_label(labels, "Change")),
                 alt.Tooltip("change:Q", format=".5f", title=_label(labels, "Total change"))],
    ).properties(title=_title(title, note), height=alt.Step(20))
    return stable_spec(chart.to_dict())
