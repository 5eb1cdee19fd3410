"""The one way a page draws a chart: :func:`chart`, for a ``core.charts`` builder (its spec cached by the
builder's inputs) or a spec template with rows attached (``ChartRows`` or a dict of named datasets)."""

from __future__ import annotations

import collections
import functools
import hashlib
import importlib
import pickle
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pandas as pd
import streamlit as st

from core.charts import attach, records, stable_spec
from ui.loaders import frame_digest
from ui.text import presenting

__all__ = ["chart", "altair", "altair_dict", "ChartRows", "presenter_config", "PRESENTER_FONT_PX", "PRESENTER_CHART_CONFIG"]

# Chart text in presenter mode (Vega-Lite config, px at 1920x1080): titles, axes, legends, marks' text.
PRESENTER_FONT_PX = 16
PRESENTER_CHART_CONFIG: dict[str, Any] = {
    "title": {"fontSize": 24, "subtitleFontSize": 17},
    "axis": {"labelFontSize": 16, "titleFontSize": 18},
    "legend": {"labelFontSize": 16, "titleFontSize": 18, "symbolSize": 200, "labelLimit": 400, "titleLimit": 500},
    "header": {"labelFontSize": 16, "titleFontSize": 18},
    "text": {"fontSize": 16},
}


def _bump_fonts(node: Any) -> Any:
    """A copy of a spec's own font sizes raised to at least :data:`PRESENTER_FONT_PX` (datasets left as they are)."""
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key in ("datasets", "data", "values"):
                out[key] = value
            elif key.lower().endswith("fontsize") and isinstance(value, (int, float)) and value < PRESENTER_FONT_PX:
                out[key] = PRESENTER_FONT_PX
            else:
                out[key] = _bump_fonts(value)
        return out
    if isinstance(node, list):
        return [_bump_fonts(item) for item in node]
    return node


def presenter_config(spec: dict[str, Any], *, presenting_now: bool | None = None) -> dict[str, Any]:
    """``spec`` as drawn now: in presenter mode, with chart text at least 16 px (a config merged into the
    spec's own, and the spec's explicit font sizes raised); otherwise the spec itself.  The spec passed in (often
    a cached template) is left as it is.  Every chart the app draws goes through this (:func:`chart`)."""
    if not (presenting() if presenting_now is None else presenting_now):
        return spec
    out = _bump_fonts(spec)
    config = dict(out.get("config", {}))
    for section, values in PRESENTER_CHART_CONFIG.items():
        merged = dict(config.get(section, {}))
        for name, size in values.items():
            current = merged.get(name)
            merged[name] = max(current, size) if isinstance(current, (int, float)) and "Limit" not in name else size
        config[section] = merged
    out["config"] = config
    return out


def _altair_lock() -> Any:
    """The lock Streamlit holds while it converts an Altair chart (``st.altair_chart``, ``st.line_chart``...).

    Altair's ``to_dict`` reads two process-wide settings, the theme and the data transformer, and Streamlit's
    conversion switches both (theme "none", a transformer that writes the chart's rows into *that call's*
    datasets) for the time it holds this lock.  A ``to_dict`` in another session's thread meanwhile would lose
    the default config and hand its rows to the other session's chart (shown in the load benchmark as Home
    reading three ways under 50 visitors, when Home still used ``st.altair_chart``).  So the app converts its
    charts under the same lock.
    """
    try:
        from streamlit.elements.vega_charts import _altair_globals_lock
    except ImportError:  # a Streamlit without it: nothing to share
        return _OWN_LOCK
    return _altair_globals_lock


_OWN_LOCK = threading.Lock()


def _memoize_streamlit_spec_stabilizer() -> None:
    """Remember Streamlit's ``_stabilize_vega_json_spec`` for large specs (a pure function of the spec's JSON).

    On every draw ``st.vega_lite_chart`` parses the whole spec JSON again and rewrites Altair's counter names in
    it (Altair 5's; Altair 6 names by hash); for the map (111 KB) and the world map (241 KB) that took 33-60 ms
    per chart per rerun under load, for a spec that is a cached template whose rows travel apart.  Same JSON in,
    same JSON out, so the last few large ones are kept (at most 32, a few MB).  Small specs go straight through.
    """
    try:
        from streamlit.elements import vega_charts
    except ImportError:
        return
    original = getattr(vega_charts, "_stabilize_vega_json_spec", None)
    if original is None or getattr(original, "memoized_by_ui", False):
        return
    remembered = functools.lru_cache(maxsize=32)(original)

    def stabilize(vega_spec: str) -> str:
        return remembered(vega_spec) if len(vega_spec) > 20_000 else original(vega_spec)

    stabilize.memoized_by_ui = True  # type: ignore[attr-defined]
    stabilize.original = original  # type: ignore[attr-defined]
    vega_charts._stabilize_vega_json_spec = stabilize


_memoize_streamlit_spec_stabilizer()


_CONVERTED: collections.OrderedDict[bytes, bytes] = collections.OrderedDict()  # pickle digest -> pickled spec
_CONVERTED_MAX = 128


def _arrow_rows(spec: dict[str, Any]) -> dict[str, bytes]:
    """The spec's tabular datasets (JSON records) as the Arrow bytes ``st.vega_lite_chart`` would make of them
    on every draw (records -> DataFrame -> Arrow: most of a small chart's cost per rerun); made once with the
    cached spec and passed as bytes, which Streamlit sends as they are.  GeoJSON stays in the spec, as there."""
    from streamlit import dataframe_util
    from streamlit.elements import vega_charts

    is_geo = getattr(vega_charts, "_is_geojson_or_topojson_payload", lambda data: True)  # unknown: leave as is
    return {str(name): dataframe_util.convert_anything_to_arrow_bytes(data)
            for name, data in spec.get("datasets", {}).items() if not isinstance(data, bytes) and not is_geo(data)}


def _altair_converted(chart_like: Any) -> tuple[dict[str, Any], dict[str, bytes]]:
    """The spec of an Altair chart (see :func:`altair_dict`) and its datasets as Arrow bytes."""
    try:
        key = hashlib.blake2b(pickle.dumps(chart_like, protocol=pickle.HIGHEST_PROTOCOL), digest_size=20).digest()
    except (pickle.PicklingError, TypeError, AttributeError, RecursionError):  # unpicklable (a callable...): no memo
        key = None
    with _altair_lock():
        if key is not None and key in _CONVERTED:
            _CONVERTED.move_to_end(key)
            return pickle.loads(_CONVERTED[key])
        spec = stable_spec(chart_like.to_dict())
        converted = (spec, _arrow_rows(spec))
        if key is not None:
            _CONVERTED[key] = pickle.dumps(converted, protocol=pickle.HIGHEST_PROTOCOL)
            while len(_CONVERTED) > _CONVERTED_MAX:
                _CONVERTED.popitem(last=False)
        return converted


def altair_dict(chart_like: Any) -> dict[str, Any]:
    """``chart_like.to_dict()`` with datasets named by position (``stable_spec``), under Streamlit's Altair lock.

    A chart built on the page on every run (Home's trend) is converted once per distinct chart: the key is a
    digest of the chart object's pickle (its data included, well under a millisecond), the conversion with
    Altair's schema validation takes 15-45 ms.  Each call gets its own copy of the spec.  A chart that cannot be
    pickled is converted every time.
    """
    return _altair_converted(chart_like)[0]


# DataFrame arguments hashed by their pickle (ui.loaders.frame_digest): Streamlit's hasher took 17-70 ms per
# builder chart on /global under load (5-21 ms for a 6-row frame), this about 1 ms.
@st.cache_data(show_spinner=False, max_entries=512, hash_funcs={pd.DataFrame: frame_digest, pd.Series: frame_digest})
def _chart_spec(module: str, name: str, args: tuple, kwargs: tuple) -> tuple[dict, dict[str, bytes]]:
    """A builder's spec, and its datasets as Arrow bytes (:func:`_arrow_rows`)."""
    builder = getattr(importlib.import_module(module), name)
    with _altair_lock():  # the builder may call to_dict itself (core.charts.* return specs)
        built = builder(*args, **dict(kwargs))
        spec = stable_spec(built.to_dict() if hasattr(built, "to_dict") else built)
    return spec, _arrow_rows(spec)

def altair(builder: Callable[..., Any], *args: Any, key: str | None = None, width: Any = None,
           container: Any = None, **kwargs: Any) -> dict:
    """The builder form of :func:`chart` under its earlier name (kept for notebooks and old branches)."""
    return chart(builder, *args, key=key, width=width, container=container, **kwargs)

@dataclass(frozen=True)
class ChartRows:
    """A chart's named datasets twice: as Arrow IPC bytes, which ``st.vega_lite_chart`` sends as they are (no
    conversion on each rerun), and as JSON records for the PNG/SVG export, which needs a self-contained spec.

    Cached functions return it (``st.cache_data`` pickles it; it lives here because classes defined in a page
    script cannot be pickled).
    """

    arrow: dict[str, bytes]
    records: dict[str, list[dict[str, Any]]]

    @classmethod
    def of(cls, frames: dict[str, pd.DataFrame]) -> "ChartRows":
        from streamlit import dataframe_util  # the conversion st.vega_lite_chart applies to a DataFrame

        return cls({name: dataframe_util.convert_anything_to_arrow_bytes(frame) for name, frame in frames.items()},
                   {name: records(frame) for name, frame in frames.items()})


def chart(spec_or_builder: dict[str, Any] | Callable[..., Any], *args: Any, rows: Any = None,
          key: str | None = None, width: Any = None, container: Any = None, on_select: Any = "ignore",
          selection_mode: Any = None, presenter_width: int | None = None, **kwargs: Any) -> dict[str, Any]:
    """Draw one chart and return its spec (for ``download_view``).

    ``spec_or_builder`` is either a ``core.charts`` builder, called with ``*args, **kwargs`` (the spec is cached
    by those inputs, see :func:`altair`), a Vega-Lite spec dict, often a cached template whose rows change, or
    an Altair chart built on the page (converted on each run: prefer a builder for anything costly).
    ``rows`` are the named datasets to attach to it: a :class:`ChartRows` (its Arrow bytes are drawn, the
    returned spec carries its JSON records, so it exports as it is) or a dict of name -> DataFrame/records.
    ``on_select``/``selection_mode`` are passed to ``st.vega_lite_chart`` (a selection rerun, e.g. the map's
    in-chart year slider).  ``presenter_width`` (px) sets the chart's own width in presenter mode (the map, whose
    legend should sit beside its shapes on a projector).
    """
    if hasattr(spec_or_builder, "to_dict"):  # an Altair chart
        if args or kwargs:
            raise TypeError("an Altair chart is drawn as it is: builder arguments go with a builder")
        spec, arrow = _altair_converted(spec_or_builder)
    elif callable(spec_or_builder):
        spec, arrow = _chart_spec(spec_or_builder.__module__, spec_or_builder.__qualname__, args,
                                  tuple(sorted(kwargs.items())))
    else:
        if args or kwargs:
            raise TypeError("a spec is drawn as it is: builder arguments go with a builder")
        spec, arrow = spec_or_builder, {}
    returned = spec
    drawn = attach(spec, arrow) if arrow else spec  # the same rows, already Arrow (the returned spec has records)
    if isinstance(rows, ChartRows):
        drawn, returned = attach(drawn, rows.arrow), attach(spec, rows.records)
    elif rows is not None:
        drawn, returned = attach(drawn, rows), attach(spec, rows)
    options: dict[str, Any] = {"key": key, "width": width}
    if on_select != "ignore":
        options.update(on_select=on_select, selection_mode=selection_mode)
    drawn = presenter_config(drawn)
    if presenter_width is not None and presenting():
        drawn = {**drawn, "width": presenter_width}
    (container or st).vega_lite_chart(drawn, **options)
    return returned
