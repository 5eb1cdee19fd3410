"""Tables as a person reads them: columns renamed to words with units (translated), numbers formatted, and a
missing value shown as "—" on screen while it stays empty in the CSV (which is the same table, so the export is
what the screen shows)."""

from __future__ import annotations

import weakref

import pandas as pd
import streamlit as st

from ui.text import lang, t

__all__ = ["words_table", "table"]

# A table drawn again from the same frame — a cached view's rows, when a fragment reruns or a weight moves back —
# is prepared once: its words, its formats and the Arrow table Streamlit sends. Preparing a 40-row table took about
# 10 ms of each move of a weight on /global, all of it the same work again. Keyed by the frame's identity (a weak
# reference confirms it is the same live object; the entry leaves with the frame), the columns and the language;
# the pages do not modify a frame once it is drawn.
_PREPARED: dict[tuple, tuple[weakref.ref, pd.DataFrame, object, dict]] = {}
_MAX_PREPARED = 256


def words_table(frame: pd.DataFrame, columns: dict[str, tuple[str, str | None]]) -> tuple[pd.DataFrame, dict]:
    """``frame`` with its columns renamed to words with units (translated), in the order given, and the number
    formats for ``st.dataframe``; ``columns`` maps a column to (its words, a printf format or None for text)."""
    shown = frame[[c for c in columns if c in frame.columns]].copy()
    names = {c: t(columns[c][0]) for c in shown.columns}
    config = {names[c]: st.column_config.NumberColumn(format=columns[c][1]) if columns[c][1]
              else st.column_config.TextColumn(width="medium") for c in shown.columns}
    return shown.rename(columns=names), config


def table(frame: pd.DataFrame, columns: dict[str, tuple[str, str | None]], **kwargs: object) -> pd.DataFrame:
    """Draw ``frame`` as words with units; a missing number reads "—" (Streamlit would write "None").  Returns the
    table with its numbers (for the CSV, where a missing value stays empty)."""
    key = (id(frame), tuple(columns.items()), lang())
    entry = _PREPARED.get(key)
    if entry is None or entry[0]() is not frame:
        shown, arrow, config = _prepared(frame, columns)
        if len(_PREPARED) >= _MAX_PREPARED:
            _PREPARED.pop(next(iter(_PREPARED)), None)
        _PREPARED[key] = entry = (weakref.ref(frame, _forget(key)), shown, arrow, config)
    _, shown, arrow, config = entry
    st.dataframe(arrow, hide_index=True, column_config=dict(config), **kwargs)
    return shown


def _prepared(frame: pd.DataFrame, columns: dict[str, tuple[str, str | None]]) -> tuple[pd.DataFrame, object, dict]:
    """The table in words (for the CSV), what the screen shows of it as an Arrow table, and its column formats."""
    import pyarrow as pa

    shown, config = words_table(frame, columns)
    display = shown.copy()
    formats = {t(columns[c][0]): columns[c][1] for c in columns if c in frame.columns}
    for column in display.columns:
        fmt = formats.get(column)
        if fmt and pd.api.types.is_numeric_dtype(display[column]) and display[column].isna().any():
            display[column] = [("—" if pd.isna(v) else fmt % v) for v in display[column]]
            config[column] = st.column_config.TextColumn(width="small")
        elif not fmt and (display[column].dtype == object or pd.api.types.is_string_dtype(display[column])):
            display[column] = display[column].fillna("—")
    try:
        return shown, pa.Table.from_pandas(display, preserve_index=False), config
    except (pa.ArrowTypeError, pa.ArrowInvalid):  # a column of mixed types: Streamlit's own conversion copes
        return shown, display, config


def _forget(key: tuple):
    """A weak reference's callback: drop the entry of a frame that no longer exists (not a newer one)."""
    def forget(ref: weakref.ref) -> None:
        entry = _PREPARED.get(key)
        if entry is not None and entry[0] is ref:
            _PREPARED.pop(key, None)
    return forget
