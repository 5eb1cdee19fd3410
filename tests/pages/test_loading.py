"""The first moment of a page (ui.loading): a worded placeholder with the chart renderer's warm-up, drawn on a
session's first run only and cleared by every page once its own content starts."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from tests.pages.helpers import assert_clean, run_page, vega_specs
from ui.loading import WARM_UP_SPEC
from ui.pages_list import PATHS
from tests.pages.helpers import ROOT


def _warm_ups(at: AppTest) -> list[dict]:
    # Streamlit sends the data beside the spec and adds its own autosize: the mark and the size identify it.
    return [s for s in vega_specs(at) if s.get("mark") == WARM_UP_SPEC["mark"] and s.get("width") == 1]


def _script() -> None:
    import streamlit as st

    from ui.loading import loading_placeholder

    slot = loading_placeholder()
    if st.session_state.get("clear"):
        slot.empty()
    st.write("page content")


def test_the_placeholder_says_loading_and_warms_the_renderer_on_the_first_run_only():
    at = AppTest.from_function(_script)
    at.run()
    assert [c.value for c in at.caption] == [":material/hourglass_top: Loading the page…"]
    assert len(_warm_ups(at)) == len(vega_specs(at)) == 1
    at.run()  # the same session again: the renderer is loaded, the slot stays empty
    assert not at.caption and not vega_specs(at)
    assert at.markdown[0].value == "page content"  # the page's elements keep their places


def test_the_placeholder_speaks_chinese():
    at = AppTest.from_function(_script)
    at.query_params["lang"] = "zh"
    at.run()
    assert at.caption[0].value.endswith("正在加载页面…")


def test_the_warm_up_chart_shows_nothing():
    assert WARM_UP_SPEC["mark"]["opacity"] == 0
    assert WARM_UP_SPEC["width"] == WARM_UP_SPEC["height"] == 1
    assert "encoding" not in WARM_UP_SPEC  # no axis, legend or title can appear
    json.dumps(WARM_UP_SPEC)  # plain JSON: no pandas, no Altair needed to send it


@pytest.mark.parametrize("path", PATHS)
def test_every_page_clears_the_placeholder_once_it_draws(path):
    at = run_page(path)
    assert_clean(at)
    assert vega_specs(at) and not _warm_ups(at)
    assert not any("Loading the page" in c.value for c in at.caption)


def test_the_placeholder_goes_out_before_pandas_is_imported(tmp_path):
    """The warm-up's datum is a Vega-Lite sequence, so drawing the placeholder needs no pandas (which Streamlit
    would use to convert inline rows): a fresh process sends it before the page's heavy imports start."""
    import subprocess
    import sys

    script = tmp_path / "page.py"
    script.write_text("import sys\nimport streamlit as st\nfrom ui.loading import loading_placeholder\n"
                      "loading_placeholder()\nst.session_state['pandas'] = 'pandas' in sys.modules\n",
                      encoding="utf-8")
    probe = ("import sys, json\nfrom streamlit.testing.v1 import AppTest\n"
             f"sys.path.insert(0, {str(ROOT)!r})\n"
             f"before = 'pandas' in sys.modules\nat = AppTest.from_file({str(script)!r}).run()\n"
             "print(json.dumps([before, at.session_state['pandas'], len(at.get('vega_lite_chart'))]))")
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, cwd=str(ROOT))
    assert run.returncode == 0, run.stderr[-1500:]
    before, after, charts = json.loads(run.stdout.strip().splitlines()[-1])
    assert charts == 1
    assert before or not after, "drawing the placeholder imported pandas"


@pytest.mark.parametrize("path", [p for p in PATHS if p != "streamlit_app.py"])
def test_a_sessions_first_run_pauses_once_after_the_main_chart(path, monkeypatch):
    """The pause (ui.loading.first_paint_pause) comes after the page's main chart, on the first run only."""
    import ui.loading

    pauses: list[float] = []

    class Clock:  # marks where the run paused with an element of its own, then goes on without waiting
        @staticmethod
        def sleep(seconds: float) -> None:
            import streamlit as st

            pauses.append(seconds)
            st.markdown("PAUSED HERE")

    monkeypatch.setattr(ui.loading, "FIRST_PAINT_PAUSE_S", 0.01)
    monkeypatch.setattr(ui.loading, "time", Clock)
    at = run_page(path)
    assert_clean(at)
    order = [node.type if node.type != "markdown" or node.value != "PAUSED HERE" else "pause" for node in _walk(at._tree)]
    assert pauses == [0.01] and order.count("pause") == 1
    before, after = order[:order.index("pause")], order[order.index("pause") + 1:]
    # the main chart, after /policy's treatment-timing bars (the warm-up is cleared by then)
    assert before.count("vega_lite_chart") == (2 if path == "pages/policy.py" else 1)
    assert {"dataframe", "download_button"} <= set(after)  # the tables and exports below came after the pause
    at.run()
    assert pauses == [0.01]  # not again in the same session


def _walk(node):
    yield node
    children = getattr(node, "children", None)
    for child in (children.values() if isinstance(children, dict) else []):
        yield from _walk(child)


def test_the_pause_is_off_in_the_tests_and_set_by_the_environment():
    import subprocess
    import sys

    assert __import__("ui.loading").loading.FIRST_PAINT_PAUSE_S == 0  # tests/conftest.py
    code = "import ui.loading as l; print(l.FIRST_PAINT_PAUSE_S)"
    env = {k: v for k, v in __import__("os").environ.items() if k != "APP_FIRST_PAINT_PAUSE_S"}
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    assert float(out.stdout) == 0.5


# /policy keeps its approval-year editor (a table) above the charts: it is the design's main control.
@pytest.mark.parametrize("path", [p for p in PATHS if p != "pages/policy.py"])
def test_no_table_comes_before_the_pages_first_chart(path):
    """A cold visit's browser fetches and compiles Streamlit's table code (1.2 MB) for the first table it meets; a
    table above the main chart made /regression's chart wait for it (measured: 0.25 s of a warm visit)."""
    from tests.pages.helpers import element_types

    shown = [kind for kind in element_types(run_page(path)) if kind in ("dataframe", "vega_lite_chart")]
    assert shown and shown[0] == "vega_lite_chart", shown


@pytest.mark.parametrize("path", [*PATHS, "pages/sections/spatial.py"])
def test_no_fragment_wraps_a_call_in_a_spinner(path):
    """A fragment reruns on every move of its controls; ``with st.spinner`` there starts a timer thread and sends a
    clear message on each move, cached or not (5-7 ms). Its cached calls carry their spinner on the decorator."""
    import ast

    tree = ast.parse((ROOT / path).read_text(encoding="utf-8"))
    fragments = [fn for fn in ast.walk(tree) if isinstance(fn, ast.FunctionDef)
                 and any("fragment" in ast.unparse(d) for d in fn.decorator_list)]
    spun = [(fn.name, node.lineno) for fn in fragments for node in ast.walk(fn) if isinstance(node, ast.With)
            and any("spinner" in ast.unparse(item.context_expr) for item in node.items)]
    assert not spun
