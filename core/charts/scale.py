"""Charts of the digitalization-scale page: eq. 4 coefficients, the computed index beside Table 1,
the yearly series with its status, and the change in A after a RAS update.

Data in, ``alt.Chart`` out.  ``note`` goes into each chart's subtitle so that the
employment source or an approximation travels with the chart into PNG/SVG exports.
"""

from __future__ import annotations

__all__ = ["ROLE_COLOURS", "STATUS_COLOURS", "coefficient_chart", "ranking_chart", "scatter_chart", "series_chart",
           "delta_heatmap"]

import altair as alt
import pandas as pd

from core.charts import FONT

ROLE_COLOURS = {"digital core": "#c0392b", "traditional": "#1f5f8b"}
STATUS_COLOURS = {"benchmark table": "#1f5f8b", "RAS-updated": "#5b9bd5", "extrapolated": "#bbbbbb"}


def _title(text: str, note: str | None) -> alt.TitleParams:
    return alt.TitleParams(text=text, subtitle=[note] if note else [], anchor="start", font=FONT, subtitleFont=FONT)


def coefficient_chart(sectors: pd.DataFrame, *, label: str = "sector", note: str | None = None,
                      title: str = "Digital consumption coefficient by sector (eq. 4)",
                      x_title: str = "Coefficient (dimensionless)") -> alt.Chart:
    """Horizontal bars of eq. 4 per sector, digital-core sectors in red.

    ``sectors`` is :func:`core.digitalization.sector_table` output (``code``, ``label``
    column, ``role``, ``coefficient``, ``dva_10k_yuan``).
    """
    data = sectors.assign(name=sectors["code"].str.replace("sec", "", regex=False) + " " + sectors[label])
    return (alt.Chart(data, title=_title(title, note))
            .mark_bar()
            .encode(x=alt.X("coefficient:Q", title=x_title),
                    y=alt.Y("name:N", sort="-x", title=None, axis=alt.Axis(labelLimit=260)),
                    color=alt.Color("role:N", scale=alt.Scale(domain=list(ROLE_COLOURS), range=list(ROLE_COLOURS.values())),
                                    title=None),
                    tooltip=["code:N", alt.Tooltip(f"{label}:N", title="sector"), "role:N",
                             alt.Tooltip("coefficient:Q", format=".4f"),
                             alt.Tooltip("dva_10k_yuan:Q", format=",.0f", title="digital VA (10k yuan)")])
            .properties(height=alt.Step(16)))


def ranking_chart(comparison: pd.DataFrame, *, label: str = "province", note: str | None = None,
                  title: str = "Computed index and published Table 1",
                  x_title: str = "Agglomeration index (1 = national parity)",
                  computed_label: str = "computed", published_label: str = "published (Table 1)") -> alt.LayerChart:
    """Bars of the computed index per province, ranked, with the published value as a black tick."""
    data = comparison.dropna(subset=["computed"])
    # ranked by the rows themselves (not a list written into the spec), so new values keep the same spec
    order = alt.EncodingSortField("computed", op="max", order="descending")
    base = alt.Chart(data)
    bars = base.mark_bar(color="#5b9bd5").encode(
        x=alt.X("computed:Q", title=x_title),
        y=alt.Y(f"{label}:N", sort=order, title=None),
        tooltip=[alt.Tooltip(f"{label}:N", title="province"), alt.Tooltip("computed:Q", format=".2f", title=computed_label),
                 alt.Tooltip("published:Q", format=".2f", title=published_label),
                 alt.Tooltip("rank_computed:Q", title="rank (computed)"),
                 alt.Tooltip("rank_published:Q", title="rank (published)")])
    ticks = base.mark_tick(color="black", thickness=2, size=12).encode(
        x="published:Q", y=alt.Y(f"{label}:N", sort=order))
    parity = alt.Chart(pd.DataFrame({"x": [1.0]})).mark_rule(strokeDash=[4, 3], color="#888").encode(x="x:Q")
    return alt.layer(bars, ticks, parity, title=_title(title, note)).properties(height=alt.Step(18))


def scatter_chart(comparison: pd.DataFrame, *, label: str = "province", note: str | None = None,
                  title: str = "Computed against published",
                  x_title: str = "Published (Table 1)", y_title: str = "Computed from the IO tables") -> alt.LayerChart:
    """Scatter of computed against published index with the 45-degree line."""
    data = comparison.dropna(subset=["computed", "published"])
    hi = float(max(data["computed"].max(), data["published"].max(), 1.0)) if len(data) else 1.0
    points = (alt.Chart(data).mark_circle(size=60, color="#1f5f8b")
              .encode(x=alt.X("published:Q", title=x_title), y=alt.Y("computed:Q", title=y_title),
                      tooltip=[alt.Tooltip(f"{label}:N", title="province"), alt.Tooltip("computed:Q", format=".2f"),
                               alt.Tooltip("published:Q", format=".2f")]))
    diagonal = alt.Chart(pd.DataFrame({"a": [0.0, hi], "b": [0.0, hi]})).mark_line(strokeDash=[4, 3], color="#888") \
        .encode(x="a:Q", y="b:Q")
    return alt.layer(diagonal, points, title=_title(title, note)).properties(height=320)


def series_chart(series: pd.DataFrame, *, label: str = "province", note: str | None = None,
                 title: str = "Computed index by year, beside Table 1", y_title: str = "Agglomeration index",
                 x_title: str = "Year") -> alt.LayerChart:
    """Computed index (solid line, point shape by status) and the published Table 1 (dashed) per province.

    ``series`` has ``year``, ``label`` column, ``idt`` (computed), ``published`` and
    ``status_group`` (benchmark table / RAS-updated / extrapolated).
    """
    base = alt.Chart(series)
    colour = alt.Color(f"{label}:N", title=None)
    computed = base.mark_line().encode(x=alt.X("year:O", title=x_title, axis=alt.Axis(labelAngle=0)),
                                       y=alt.Y("idt:Q", title=y_title), color=colour)
    points = base.mark_point(filled=True, size=55).encode(
        x="year:O", y="idt:Q", color=colour,
        shape=alt.Shape("status_group:N", title="computed value",
                        scale=alt.Scale(domain=list(STATUS_COLOURS), range=["circle", "triangle-up", "cross"])),
        opacity=alt.condition(alt.datum.status_group == "extrapolated", alt.value(0.35), alt.value(1.0)),
        tooltip=[alt.Tooltip(f"{label}:N", title="province"), "year:O", alt.Tooltip("idt:Q", format=".2f", title="computed"),
                 alt.Tooltip("published:Q", format=".2f", title="published"), "status:N"])
    published = base.mark_line(strokeDash=[5, 4], opacity=0.7).encode(x="year:O", y="published:Q", color=colour)
    return alt.layer(published, computed, points, title=_title(title, note)).properties(height=320)


def delta_heatmap(delta: pd.DataFrame, *, note: str | None = None,
                  title: str = "Change in direct coefficients A after RAS (updated - base)",
                  x_title: str = "Purchasing sector (column)", y_title: str = "Supplying sector (row)") -> alt.Chart:
    """Heat map of ``A(t) - A(0)`` cell by cell; diverging colours centred on zero.

    ``delta`` is long: ``row``, ``col``, ``change`` (and optionally ``base``, ``updated``).
    """
    lim = float(delta["change"].abs().max()) if len(delta) else 1.0
    lim = lim if lim > 0 else 1.0
    return (alt.Chart(delta, title=_title(title, note))
            .mark_rect()
            .encode(x=alt.X("col:O", title=x_title, axis=alt.Axis(labelAngle=-90, labelFontSize=8)),
                    y=alt.Y("row:O", title=y_title, axis=alt.Axis(labelFontSize=8)),
                    color=alt.Color("change:Q", scale=alt.Scale(scheme="redblue", domain=[-lim, lim], reverse=True),
                                    title="change in a_ij"),
                    tooltip=["row:O", "col:O", alt.Tooltip("base:Q", format=".4f", title="A(0)"),
                             alt.Tooltip("updated:Q", format=".4f", title="A(t)"),
                             alt.Tooltip("change:Q", format="+.5f")])
            .properties(height=420, width=420))
