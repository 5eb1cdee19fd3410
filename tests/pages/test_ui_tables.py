"""Tables in words (ui.tables.table): what is drawn, and that a frame drawn again is prepared once."""

from __future__ import annotations

import gc

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
import streamlit as st

from ui import tables

COLUMNS = {"place": ("Place", None), "score": ("Composite score", "%.3f")}


@pytest.fixture
def drawn(monkeypatch):
    """What st.dataframe was given, call by call; the language is English unless a test sets it."""
    calls: list[tuple[object, dict]] = []
    monkeypatch.setattr(st, "dataframe", lambda data, **options: calls.append((data, options)))
    monkeypatch.setattr(tables, "lang", lambda: "en")
    return calls


def frame() -> pd.DataFrame:
    return pd.DataFrame({"place": ["Beijing", None], "score": [0.5, np.nan], "extra": [1, 2]})


def test_the_screen_reads_words_and_a_dash_the_csv_keeps_the_numbers(drawn):
    rows = frame()
    shown = tables.table(rows, COLUMNS, key="k")
    data, options = drawn[0]
    assert isinstance(data, pa.Table)
    assert data.column_names == ["Place", "Composite score"]  # the columns asked for, in words; "extra" left out
    assert data.column("Composite score").to_pylist() == ["0.500", "—"]
    assert data.column("Place").to_pylist() == ["Beijing", "—"]
    assert options["hide_index"] is True and options["key"] == "k"
    assert list(shown.columns) == ["Place", "Composite score"]
    assert shown["Composite score"].iloc[0] == 0.5 and pd.isna(shown["Composite score"].iloc[1])


def test_the_same_frame_drawn_again_is_prepared_once(drawn, monkeypatch):
    rows = frame()
    first = tables.table(rows, COLUMNS)
    monkeypatch.setattr(tables, "_prepared", lambda *_: pytest.fail("prepared again"))
    again = tables.table(rows, COLUMNS)
    assert again is first and drawn[1][0] is drawn[0][0]


def test_an_equal_but_new_frame_other_columns_or_language_are_prepared_anew(drawn, monkeypatch):
    rows = frame()
    first = tables.table(rows, COLUMNS)
    assert tables.table(frame(), COLUMNS) is not first  # a new object: its content may differ
    assert list(tables.table(rows, {"place": ("Place", None)}).columns) == ["Place"]
    monkeypatch.setattr(tables, "lang", lambda: "zh")
    monkeypatch.setattr(tables, "t", lambda text: {"Place": "地点"}.get(text, text))
    assert list(tables.table(rows, {"place": ("Place", None)}).columns) == ["地点"]


def test_an_entry_leaves_with_its_frame(drawn):
    rows = frame()
    tables.table(rows, COLUMNS)
    key = (id(rows), tuple(COLUMNS.items()), "en")
    assert key in tables._PREPARED
    del rows
    gc.collect()
    assert key not in tables._PREPARED


def test_a_column_arrow_cannot_type_is_left_to_streamlit(drawn):
    mixed = pd.DataFrame({"place": ["Beijing", 3]}, dtype=object)
    tables.table(mixed, {"place": ("Place", None)})
    assert isinstance(drawn[0][0], pd.DataFrame)
