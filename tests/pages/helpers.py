"""Helpers for AppTest: run a page from the project root and read Vega-Lite specs from protos."""

from __future__ import annotations

import json
from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]


def run_page(path: str, *, query: dict[str, str] | None = None, timeout: float = 60) -> AppTest:
    # Pages are run through the entry script, as the server does: st.page_link
    # resolves page paths relative to the entry point.
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=timeout)
    if path != "streamlit_app.py":
        at.switch_page(path)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    return at.run()


def vega_specs(at: AppTest) -> list[dict]:
    """The Vega-Lite specs of every Altair chart on the page (AppTest does not render charts)."""
    specs = []
    for node in at.get("vega_lite_chart"):
        specs.append(json.loads(node.proto.spec))
    return specs


def assert_clean(at: AppTest) -> None:
    """No exception element and no error box on the page."""
    assert not at.exception, [e.value for e in at.exception]


def chart_rows(node) -> dict[str, "pd.DataFrame"]:
    """The named datasets Streamlit sends beside a chart's spec (as Arrow), as DataFrames."""
    import pyarrow as pa

    return {d.name: pa.ipc.open_stream(d.data.data).read_all().to_pandas() for d in node.proto.datasets}


# --- untranslated words: what a page shows in Chinese mode that is still English -------------------------------

import re as _re

# Proper nouns, units and acronyms that stay as they are in Chinese text (all-caps acronyms and words with a digit
# are allowed without listing them).  Pages add their own proper nouns (place names, report titles) via ``allow``.
ALLOWED_WORDS = frozenset({
    "Liu", "WJARR", "Spearman", "Moran", "Hausman", "Fisher", "Jenks", "Natural", "Earth", "GeoNames", "QGIS",
    "LinkedIn", "Tsinghua", "CBRE", "WIPO", "GII", "PCT", "CHNIO", "NBS", "carbondata", "ionet", "GRAS", "RAS",
    "CSV", "XLSX", "PNG", "SVG", "CC", "BY", "km", "kg", "vs", "et", "al", "Vega", "Lite", "Altair", "Streamlit",
    "Yicai", "Global", "Voronoi",
})
_CODE_SPAN = _re.compile(r"`[^`]*`|\$[^$]*\$|https?://\S+|\S+\.(?:csv|md|parquet|geojson|txt|py|org|com)\b|\S*/\S*"
                         r"|\w*_\w*")
_WORD = _re.compile(r"[A-Za-z][A-Za-z'’]*(?:-[A-Za-z]+)*")


def _strings(value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, (list, tuple)):
        return [s for v in value for s in _strings(v)]
    return []


def _chart_texts(spec: dict, rows: dict[str, "pd.DataFrame"]) -> list[str]:
    """Titles, subtitles, axis and legend titles, tooltip titles (or the field name a tooltip would show) and the
    values of nominal and ordinal fields (axis labels, legend entries) of a Vega-Lite spec."""
    texts: list[str] = []
    data = {name: pd.DataFrame(values) for name, values in spec.get("datasets", {}).items() if isinstance(values, list)}
    data.update(rows)

    def field_values(field: str) -> list[str]:
        out: list[str] = []
        for frame in data.values():
            if field in frame.columns:
                out += [str(v) for v in frame[field].dropna().unique() if isinstance(v, str)]
        return out

    def walk(node: object, channel: str | None = None) -> None:
        if isinstance(node, dict):
            title = node.get("title")
            if isinstance(title, dict):
                texts.extend(_strings(title.get("text")) + _strings(title.get("subtitle")))
            else:
                texts.extend(_strings(title))
            if channel is not None and "field" in node and isinstance(node["field"], str):
                if channel == "tooltip" and "title" not in node:
                    texts.append(node["field"])
                if node.get("type") in ("nominal", "ordinal") and channel != "tooltip":
                    texts.extend(field_values(node["field"]))
            for key, value in node.items():
                if key in ("datasets", "data", "title"):
                    continue
                walk(value, key if key in _CHANNELS else channel if key not in ("encoding", "layer") else None)
        elif isinstance(node, list):
            for item in node:
                walk(item, channel)

    walk(spec)
    return texts


_CHANNELS = {"x", "y", "color", "fill", "stroke", "shape", "size", "opacity", "strokeDash", "strokeWidth", "tooltip",
             "text", "row", "column", "facet", "yOffset", "xOffset", "detail"}


def visible_texts(at: AppTest, *, main_only: bool = True) -> list[tuple[str, str]]:
    """Every text the page shows a visitor, as ``(where, text)``: headings, markdown, captions, alerts, widget
    labels, options and help, metric labels and values, tab and expander labels, button labels, dataframe headers
    and text cells, and chart titles, axes, legends and labels read from the specs (AppTest draws no chart)."""
    root = at.main if main_only else at
    out: list[tuple[str, str]] = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning", "error", "success",
                 "latex", "code"):
        if kind in ("latex", "code"):
            continue  # formulas and links are not words
        for node in root.get(kind):
            out.append((kind, node.value))
    for kind in ("selectbox", "multiselect", "radio", "select_slider", "slider", "checkbox", "toggle", "text_input",
                 "number_input", "text_area", "date_input", "color_picker", "button", "download_button",
                 "file_uploader", "segmented_control", "pills", "button_group", "tabs", "expandable", "popover"):
        for node in root.get(kind):
            proto = getattr(node, "proto", None)
            for attr in ("label", "help", "placeholder"):
                text = getattr(proto, attr, "") if proto is not None else ""
                if text:
                    out.append((f"{kind}.{attr}", text))
            if proto is not None and hasattr(proto, "options"):
                for option in proto.options:
                    text = option if isinstance(option, str) else getattr(option, "content", "")
                    out.append((f"{kind}.option", text))
            if proto is not None and hasattr(proto, "captions"):
                out += [(f"{kind}.caption", c) for c in proto.captions]
    for tab in root.get("tab"):
        out.append(("tab", tab.label))
    for node in root.get("expandable"):
        out.append(("expander", getattr(node, "label", "")))
    for node in root.get("metric"):
        out += [("metric", str(node.label)), ("metric", str(node.value)), ("metric", str(node.proto.body))]
    for node in root.get("arrow_data_frame"):
        frame = node.value
        config = json.loads(node.proto.columns) if node.proto.columns else {}
        for column in frame.columns:
            label = (config.get(str(column)) or config.get(f"name:{column}") or {}).get("label")
            out.append(("table header", label or str(column)))
        for column in frame.columns:
            if frame[column].dtype == object:
                out += [("table cell", str(v)) for v in frame[column].dropna().unique()[:200]]
    for node in root.get("vega_lite_chart"):
        spec = json.loads(node.proto.spec)
        out += [("chart", text) for text in _chart_texts(spec, chart_rows(node))]
    return [(where, text) for where, text in out if text]


def english_words(at: AppTest, *, allow: "set[str] | frozenset[str]" = frozenset(),
                  main_only: bool = True) -> dict[str, list[str]]:
    """English words a page shows (e.g. in Chinese mode), each with where it appears.

    Allowed: :data:`ALLOWED_WORDS`, ``allow`` (the page's proper nouns), all-caps acronyms (GDP, RAS), single
    letters and words with digits; code spans, formulas, links and file paths are not words.
    """
    allowed = set(ALLOWED_WORDS) | set(allow)
    found: dict[str, list[str]] = {}
    for where, text in visible_texts(at, main_only=main_only):
        for word in _WORD.findall(_CODE_SPAN.sub(" ", text)):
            parts = [word, *word.split("-")]
            if len(word) < 2 or word.isupper() or any(p in allowed for p in parts) or word.upper() == word:
                continue
            found.setdefault(word, []).append(where)
    return found


import pandas as pd  # noqa: E402  (used by the chart reader above)


def table_texts(at: AppTest, *, main_only: bool = True) -> list[tuple[str, str]]:
    """Headers (shown labels) and text cells of every table.  (``visible_texts`` looks for the element name
    ``arrow_data_frame``; Streamlit 1.67's AppTest names it ``dataframe``, so tables are read here.)"""
    root = at.main if main_only else at
    out: list[tuple[str, str]] = []
    for node in root.get("dataframe"):
        frame = node.value
        config = json.loads(node.proto.columns) if getattr(node.proto, "columns", "") else {}
        for column in frame.columns:
            label = (config.get(str(column)) or config.get(f"name:{column}") or {}).get("label")
            out.append(("table header", label or str(column)))
        for column in frame.columns:  # text, boolean and category cells (numbers are not words)
            if not pd.api.types.is_numeric_dtype(frame[column]) or pd.api.types.is_bool_dtype(frame[column]):
                out += [("table cell", str(v)) for v in frame[column].dropna().unique()[:200]]
    return [(where, text) for where, text in out if text]


def english_words_with_tables(at: AppTest, *, allow: "set[str] | frozenset[str]" = frozenset(),
                              main_only: bool = True) -> dict[str, list[str]]:
    """:func:`english_words` plus the words of every table's headers and text cells (:func:`table_texts`)."""
    allowed = set(ALLOWED_WORDS) | set(allow)
    found = english_words(at, allow=allow, main_only=main_only)
    for where, text in table_texts(at, main_only=main_only):
        for word in _WORD.findall(_CODE_SPAN.sub(" ", text)):
            parts = [word, *word.split("-")]
            if len(word) < 2 or word.isupper() or any(p in allowed for p in parts):
                continue
            found.setdefault(word, []).append(where)
    return found


def element_types(at: AppTest) -> list[str]:
    """The types of the main area's elements in the order the page shows them (blocks flattened)."""
    out: list[str] = []

    def walk(node) -> None:
        children = getattr(node, "children", None)
        if isinstance(children, dict) and children:
            for index in sorted(children):
                walk(children[index])
        else:
            out.append(getattr(node, "type", type(node).__name__))

    walk(at.main)
    return out
