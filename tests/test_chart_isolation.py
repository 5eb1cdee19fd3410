"""Sessions' charts stay their own: Altair's process-wide theme and data transformer, which Streamlit switches while
it converts an Altair chart, never reach another session's chart (not timed)."""

from __future__ import annotations

import re
import threading
from pathlib import Path

import altair as alt
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]


def _chart(column: str) -> alt.Chart:
    return alt.Chart(pd.DataFrame({column: [1.0, 2.0]})).mark_bar().encode(x=f"{column}:Q")


def test_a_chart_converted_while_streamlit_converts_another_keeps_its_theme_and_rows():
    from altair import theme as alt_theme
    from streamlit.elements import vega_charts

    from ui.charts import altair_dict

    reference = altair_dict(_chart("mine"))
    other_sessions_rows: dict = {}
    inside, release = threading.Event(), threading.Event()

    def streamlit_converting():  # what st.altair_chart does in another session's thread, held open
        alt.data_transformers.register("to_arrow_dataset", vega_charts._to_arrow_dataset)
        with vega_charts._altair_globals_lock, alt_theme.enable("none"), \
                alt.data_transformers.enable("to_arrow_dataset", datasets=other_sessions_rows):
            inside.set()
            release.wait(5)

    other = threading.Thread(target=streamlit_converting)
    other.start()
    inside.wait(5)
    result: dict = {}
    mine = threading.Thread(target=lambda: result.update(spec=altair_dict(_chart("mine"))))
    mine.start()
    mine.join(0.3)
    assert mine.is_alive(), "the app's conversion must wait for Streamlit's to finish"
    release.set()
    other.join(5)
    mine.join(5)
    assert result["spec"] == reference  # default config, its own rows
    assert other_sessions_rows == {}  # none of its rows went into the other session's chart


def test_pages_draw_no_chart_through_streamlits_altair_conversion():
    """st.altair_chart and the simple charts switch Altair's globals (under a lock core's builders cannot take):
    every chart goes through ``ui.charts.chart`` instead."""
    calls = re.compile(r"\bst\.(altair_chart|line_chart|bar_chart|area_chart|scatter_chart)\(")
    files = [ROOT / "streamlit_app.py", *(ROOT / "pages").rglob("*.py"), *(ROOT / "ui").rglob("*.py")]
    found = [f"{f.relative_to(ROOT)}: {m.group(0)}" for f in files for m in calls.finditer(f.read_text("utf-8"))]
    assert found == []


def test_streamlits_spec_stabilizer_is_remembered_for_large_specs_and_gives_the_same_json():
    import json

    from streamlit.elements import vega_charts

    import ui.charts  # noqa: F401  (installs the memo)

    stabilize = vega_charts._stabilize_vega_json_spec
    assert getattr(stabilize, "memoized_by_ui", False)
    spec = {"params": [{"name": "param_7"}], "layer": [{"name": "view_3", "mark": "geoshape"}],
            "data": {"values": [{"id": i, "geometry": [[i, i + 1]] * 40} for i in range(200)]}}
    text = json.dumps(spec)
    assert len(text) > 20_000
    expected = stabilize.original(text)
    assert stabilize(text) == expected
    assert stabilize(json.dumps(spec)) == expected  # an equal spec drawn again (a new string): remembered


def test_a_chart_built_again_is_converted_once_and_each_caller_gets_its_own_copy():
    from ui.charts import altair_dict

    first, again, other = altair_dict(_chart("a")), altair_dict(_chart("a")), altair_dict(_chart("b"))
    assert first == again and first is not again
    again["mark"] = "changed by one session"
    assert altair_dict(_chart("a")) == first  # the remembered spec is not the one a caller holds
    assert other != first
