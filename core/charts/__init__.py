"""Altair chart builders: data in, ``alt.Chart`` out (testable as Vega-Lite JSON).

One module per page's concept (``core.charts.scale`` and so on); this module
holds what they share: the colour vocabulary and the PNG/SVG export.
"""

from __future__ import annotations

__all__ = ["SOURCE_PUBLISHED", "FONT", "VEGA_LITE_SCHEMA", "chart_title", "title_dict", "inline_rows", "inline_name", "ChartLike", "ALTAIR_DATASET_NAME", "stable_spec", "records", "attach",
           "with_rows", "spec_json", "export_png", "export_svg"]

import hashlib
import json
import math
import re
from typing import TYPE_CHECKING, Any, Union

if TYPE_CHECKING:
    import altair


class _Altair:
    """Altair, imported on its first use (``alt.Chart`` ...), then the module's own attributes.

    Importing Altair takes about 0.3 s. Pages whose main chart is a Vega-Lite dict (the event study, the world
    map) send it before anything needs Altair, so a cold deep link no longer waits for the import; it happens
    after, for the charts further down.
    """

    def __getattr__(self, name: str) -> Any:
        import altair

        value = getattr(altair, name)
        setattr(self, name, value)  # later look-ups find it here
        return value


alt: Any = _Altair()

SOURCE_PUBLISHED = "Liu (2026), WJARR 30(01), Table 1"
FONT = "Noto Sans CJK SC, Noto Sans, Helvetica, Arial, sans-serif"


# The Vega-Lite schema Altair 6.3 names in its specs ("$schema"), for specs written out as dicts.
VEGA_LITE_SCHEMA = "https://vega.github.io/schema/vega-lite/v6.4.1.json"


def title_dict(text: str, note: str | None = None, **params: Any) -> dict[str, Any]:
    """:func:`chart_title` as the Vega-Lite dict Altair makes of it, without importing Altair (for specs written
    out as dicts)."""
    rest = {"anchor": "start", "font": FONT, **params, "subtitle": [note] if note else [], "subtitleFont": FONT}
    return {"text": text, **dict(sorted(rest.items()))}  # Altair's order: text, then the rest alphabetically


def inline_rows(frame: Any, fields: Any = None) -> list[dict[str, Any]]:
    """The rows of ``frame`` (its ``fields`` it has, else every column) as the records Altair writes for inline
    data: Python values, ``None`` for a missing or infinite number (JSON has neither), full float precision
    (unlike :func:`records`, whose JSON round trip keeps 10 significant digits). For specs written out as dicts."""
    import pandas as pd

    def plain(value: Any) -> Any:
        if isinstance(value, float) and not math.isfinite(value):
            return None
        return None if value is pd.NA or value is pd.NaT else value

    columns = list(frame.columns) if fields is None else [f for f in fields if f in frame.columns]
    values = [[plain(v) for v in frame[c].tolist()] for c in columns]
    return [dict(zip([str(c) for c in columns], row)) for row in zip(*values)]


def inline_name(values: list[dict[str, Any]]) -> str:
    """The name Altair gives inline rows: a digest of their JSON (so equal rows keep their name)."""
    if values == [{}]:
        return "empty"
    text = json.dumps(values, sort_keys=True, default=str)
    return "data-" + hashlib.sha256(text.encode()).hexdigest()[:32]


def chart_title(text: str, note: str | None = None, **params: Any) -> altair.TitleParams:
    """A chart title anchored at the start, with ``note`` (if any) as its subtitle, in the app's font; ``params``
    are further ``alt.TitleParams`` (e.g. ``limit=0``, ``subtitleColor``)."""
    return alt.TitleParams(text=text, subtitle=[note] if note else [], anchor="start", font=FONT, subtitleFont=FONT,
                           **params)


# An Altair chart, or its Vega-Lite spec as a dict (pages that cache specs draw them with st.vega_lite_chart).
ChartLike = Union["altair.TopLevelMixin", dict[str, Any]]


ALTAIR_DATASET_NAME = re.compile(r"data-[0-9a-f]{32}")


def stable_spec(spec: dict[str, Any]) -> dict[str, Any]:
    """``spec`` with the datasets Altair named by content renamed by position (``data-0``, ``data-1``, …).

    Altair names each inline dataset by a hash of its rows, so new rows make a new
    spec and the browser (Streamlit's chart element) embeds the chart anew: Vega-Lite
    compile and a new view, about 70 ms a move (measured on the regression page).
    Named by position, a chart whose encodings and titles stay the same gets its
    rows swapped in place.  Datasets named on purpose keep their names.
    """
    text = json.dumps(spec)
    names = [name for name in spec.get("datasets", {}) if ALTAIR_DATASET_NAME.fullmatch(name)]
    for i, name in enumerate(names):
        text = text.replace(json.dumps(name), json.dumps(f"data-{i}"))
    return json.loads(text)


def records(frame: Any) -> list[dict[str, Any]]:
    """A DataFrame as the JSON records of a Vega-Lite dataset (NaN as null)."""
    return json.loads(frame.to_json(orient="records", force_ascii=False))


def attach(spec: dict[str, Any], datasets: dict[str, Any]) -> dict[str, Any]:
    """``spec`` with these named datasets added, as they are (records, DataFrames or Arrow bytes for Streamlit);
    the spec passed in, often a cached template, is left as it is."""
    return {**spec, "datasets": {**spec.get("datasets", {}), **datasets}}


def with_rows(spec: dict[str, Any], **rows: Any) -> dict[str, Any]:
    """A spec template whose named datasets get these rows (DataFrames) as JSON records: a self-contained spec
    for export and tests.  (The pages hand Streamlit the DataFrames themselves, which it sends as Arrow.)"""
    return attach(spec, {name: records(frame) for name, frame in rows.items()})


def spec_json(chart: ChartLike) -> str:
    """The Vega-Lite JSON of an Altair chart or of a ready spec dict."""
    return json.dumps(chart) if isinstance(chart, dict) else chart.to_json()


def export_png(chart: ChartLike, *, scale: float = 2.0) -> bytes:
    """Render a chart to PNG bytes offline with vl-convert (no browser, no network)."""
    import vl_convert as vlc

    return vlc.vegalite_to_png(spec_json(chart), scale=scale)


def export_svg(chart: ChartLike) -> str:
    """Render a chart to an SVG string offline with vl-convert."""
    import vl_convert as vlc

    return vlc.vegalite_to_svg(spec_json(chart))
