"""A page's first moment: a worded placeholder that also warms the browser's chart renderer.

A shared link often wakes a fresh process: before a page can draw, it imports pandas, Altair and its ``core``
modules (0.6-1 s here), and the browser, once the main chart arrives, still has to fetch and compile Streamlit's
Vega chunk behind every other element's code (0.5-1 s more, measured with a websocket and request trace). This
placeholder is the page's first element, drawn before those imports: it says the page is loading and carries a
one-pixel chart with nothing visible in it, so the browser loads the Vega code while the server imports, and the
page's real chart paints as soon as it arrives. It is drawn on a session's first run only (later runs find the
renderer loaded) and cleared as soon as the page's own content starts.

Imports nothing heavy: Streamlit and the translation table.
"""

from __future__ import annotations

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from ui.text import t

__all__ = ["WARM_UP_SPEC", "loading_placeholder"]

_WARMED = "_chart_renderer_warmed"

# One transparent point on a one-pixel canvas, no axes, no frame: it loads the renderer and shows nothing. Its
# datum is a Vega-Lite sequence, not inline values, which Streamlit would convert to Arrow through pandas: the chart
# goes out before pandas is imported (40 ms after the script starts instead of 490 ms), and the browser starts on
# the renderer's code that much earlier.
WARM_UP_SPEC: dict = {
    "data": {"sequence": {"start": 0, "stop": 1, "as": "x"}},
    "mark": {"type": "point", "opacity": 0},
    "width": 1,
    "height": 1,
    "config": {"view": {"stroke": None}},
}


def loading_placeholder() -> DeltaGenerator:
    """Draw the page's first element and return its slot; call ``.empty()`` on it once the page's content starts.

    Call it right after ``import streamlit``, before any heavy import, so that a cold visitor reads
    "Loading the page…" at once. The slot is drawn on every run (so the page's elements keep their places); it is
    filled on the session's first run only.
    """
    slot = st.empty()
    if not st.session_state.get(_WARMED):
        st.session_state[_WARMED] = True
        with slot.container():
            st.caption(f":material/hourglass_top: {t('Loading the page…')}")
            st.vega_lite_chart(spec=WARM_UP_SPEC, theme=None)
    return slot
