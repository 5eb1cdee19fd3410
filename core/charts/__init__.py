"""Altair chart builders: data in, ``alt.Chart`` out (testable as Vega-Lite JSON).

One module per page's concept (``core.charts.scale`` and so on); this module
holds what they share: the colour vocabulary and the PNG/SVG export.
"""

from __future__ import annotations

import altair as alt

SOURCE_PUBLISHED = "Liu (2026), WJARR 30(01), Table 1"
FONT = "Noto Sans CJK SC, Noto Sans, Helvetica, Arial, sans-serif"


def export_png(chart: alt.TopLevelMixin, *, scale: float = 2.0) -> bytes:
    """Render a chart to PNG bytes offline with vl-convert (no browser, no network)."""
    import vl_convert as vlc

    return vlc.vegalite_to_png(chart.to_json(), scale=scale)


def export_svg(chart: alt.TopLevelMixin) -> str:
    """Render a chart to an SVG string offline with vl-convert."""
    import vl_convert as vlc

    return vlc.vegalite_to_svg(chart.to_json())
