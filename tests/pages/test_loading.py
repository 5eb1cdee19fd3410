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
