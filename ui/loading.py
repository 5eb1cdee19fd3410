"""A page's first moment: a worded placeholder that also warms the browser's chart renderer.

A shared link often wakes a fresh process: before a page can draw, it imports pandas, Altair and its ``core``
modules (0.6-1 s here), and the browser, once the main chart arrives, still has to fetch and compile Streamlit's
Vega chunk behind every other element's code (0.5-1 s more, measured with a websocket and request trace). This
placeholder is the page's first element, drawn before those imports: it says the page is loading and carries a
one-pixel chart with nothing visible in it, so the browser loads the Vega code while the server imports, and the
page's real chart paints as soon as it arrives. It is drawn on a session's first run only (later runs find the
renderer loaded) and cleared as soon as the page's own content starts.

Once the page's main chart is out, :func:`first_paint_pause` holds the rest of that first run back for a moment
(:data:`FIRST_PAINT_PAUSE_S`), so that the browser paints the chart before it renders the sections below it and
before the server computes them on the same cores. Measured on /global (5 cold deep links, 2-core machine): the main
chart 3.82 s after navigation with a 0.5 s pause, 4.36 s without; the page's last element arrives that much later.

A computation a control repeats carries its spinner on its cache decorator (``show_spinner=t("…")``), which
Streamlit shows on a cache miss only. A ``with st.spinner`` around the call started a timer thread and sent a
clear message on every move, cached or not: 5-7 ms of a move on a 2-core server.

Imports nothing heavy: Streamlit and the translation table.
"""

from __future__ import annotations

import os
import threading
import time

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from ui.text import t

__all__ = ["WARM_UP_SPEC", "FIRST_PAINT_PAUSE_S", "loading_placeholder", "first_paint_pause"]

_WARMED = "_chart_renderer_warmed"

#: Seconds a session's first run waits after the page's main chart (``APP_FIRST_PAINT_PAUSE_S``; the tests set 0).
FIRST_PAINT_PAUSE_S = float(os.environ.get("APP_FIRST_PAINT_PAUSE_S", "0.5"))

# Whether the run under way is its session's first, set by every loading_placeholder call (one per run, at the top of
# every page); per thread, because each session's script runs in its own thread.
_this_run = threading.local()

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
    _this_run.first = not st.session_state.get(_WARMED)
    if _this_run.first:
        st.session_state[_WARMED] = True
        with slot.container():
            st.caption(f":material/hourglass_top: {t('Loading the page…')}")
            st.vega_lite_chart(spec=WARM_UP_SPEC, theme=None)
    return slot


def first_paint_pause() -> None:
    """Call right after the page's main chart: on the session's first run, wait :data:`FIRST_PAINT_PAUSE_S`.

    Streamlit sends each element as the script reaches it, so a cold page's main chart would otherwise be rendered
    by the browser while the sections below arrive and are computed (seconds of work on a 2-core machine). Later
    runs find the renderer loaded and the tables cached, and do not wait.
    """
    if getattr(_this_run, "first", False):
        _this_run.first = False
        if FIRST_PAINT_PAUSE_S > 0:
            time.sleep(FIRST_PAINT_PAUSE_S)
