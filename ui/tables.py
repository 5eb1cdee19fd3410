"""Tables as a person reads them: columns renamed to words with units (translated), numbers formatted, and a
missing value shown as "—" on screen while it stays empty in the CSV (which is the same table, so the export is
what the screen shows)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ui.text import t

__all__ = ["words_table", "table"]


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
    shown, config = words_table(frame, columns)
    display = shown.copy()
    formats = {t(columns[c][0]): columns[c][1] for c in columns if c in frame.columns}
    for column in display.columns:
        fmt = formats.get(column)
        if fmt and pd.api.types.is_numeric_dtype(display[column]) and display[column].isna().any():
            display[column] = [("—" if pd.isna(v) else fmt % v) for v in display[column]]
            config[column] = st.column_config.TextColumn(width="small")
        elif not fmt and display[column].dtype == object:
            display[column] = display[column].fillna("—")
    st.dataframe(display, hide_index=True, column_config=config, **kwargs)
    return shown
