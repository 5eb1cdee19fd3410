"""The page shell: language toggle, presenter mode, notices for tampered links."""

from __future__ import annotations

import pytest

from tests.pages.helpers import assert_clean, run_page
from ui.pages_list import PATHS


@pytest.mark.parametrize("value", ["zh", "中文"])
def test_language_toggle_translates_the_menu(value):
    at = run_page("streamlit_app.py", query={"lang": value})
    assert_clean(at)
    labels = [el.proto.label for el in at.sidebar.get("page_link")]
    assert labels[0] == "首页" and "集聚地图" in labels
    assert not at.toast, "a short language code is not an invalid link value"
    at.run()  # the choice holds on the next rerun
    assert at.sidebar.get("page_link")[0].proto.label == "首页"


def test_presenter_mode_from_the_url():
    at = run_page("streamlit_app.py", query={"present": "1"})
    assert_clean(at)
    assert at.toggle(key="present").value is True
    at.toggle(key="present").set_value(False).run()
    assert "present" not in at.query_params


@pytest.mark.parametrize("value", ["xx", "<script>alert(1)</script>", "a" * 10_000])
def test_tampered_language_falls_back_with_a_notice(value):
    at = run_page("streamlit_app.py", query={"lang": value})
    assert_clean(at)
    assert at.sidebar.get("page_link")[0].proto.label == "Home"
    assert at.toast and "Ignored invalid link value" in at.toast[0].value
    assert len(at.toast[0].value) < 200


def test_vega_specs_reads_the_home_chart():
    from tests.pages.helpers import vega_specs

    specs = vega_specs(run_page("streamlit_app.py"))
    assert len(specs) == 1 and "layer" in specs[0]


def test_every_lever_example_on_home_opens_a_moved_lever_on_the_demo_panel():
    home = run_page("streamlit_app.py")
    links = [el.proto for el in home.main.get("page_link") if el.proto.query_string]
    assert len(links) == 4
    for proto in links:
        query = dict(pair.split("=") for pair in proto.query_string.split("&"))
        lever = next(k for k in query if k != "data")
        at = run_page("pages/regression.py", query=query)
        assert_clean(at)
        assert at.slider(key=lever).value == float(query[lever])
        assert any("Synthetic" in w.value for w in at.warning)


@pytest.mark.parametrize("path", PATHS)
def test_every_page_names_an_invalid_link_value(path):
    at = run_page(path, query={"lang": "<script>x</script>"})
    assert_clean(at)
    assert any("Ignored invalid link value" in toast.value for toast in at.toast)


@pytest.mark.parametrize(("path", "key", "value"), [
    ("pages/map.py", "year", "1800"),
    ("pages/map.py", "year", "1e308"),
    ("pages/map.py", "year", "<script>alert(1)</script>"),
    ("pages/map.py", "year", "9" * 10_000),
    ("pages/map.py", "year", ["2015", "2016"]),
    ("pages/regression.py", "model", "bogus"),
    ("pages/regression.py", "x", "Atlantis"),
    ("pages/scale.py", "scale_year", "1800"),
    ("pages/global.py", "glob_top", "1e308"),
])
def test_tampered_values_fall_back_to_defaults_with_a_notice(path, key, value):
    at = run_page(path, query={key: value})
    assert_clean(at)
    assert any("Ignored invalid link value" in toast.value and len(toast.value) < 200 for toast in at.toast)


def test_share_link_carries_the_view():
    at = run_page("pages/map.py", query={"year": "2017", "lang": "中文"})
    assert_clean(at)
    assert not at.sidebar.get("code"), "the link is built only when the popover opens"
    at.session_state["share_open"] = True
    at.run()
    links = [c.value for c in at.sidebar.get("code")]
    assert links and "year=2017" in links[-1] and "lang=" in links[-1]


def test_served_config_skips_the_full_collection_after_each_run():
    """A full gc after every run held the GIL ~100 ms per slider move on this app's heap (benchmarks/results.md).

    The option is a hidden one, so the test also checks that this Streamlit still knows it: an upgrade that
    dropped it would silently bring the pause back.
    """
    import tomllib

    from streamlit import config

    from tests.conftest import ROOT

    served = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert served["runner"]["postScriptGC"] is False
    assert "runner.postScriptGC" in config._config_options_template


def test_settle_heap_freezes_once_after_new_imports(monkeypatch):
    """After a run that imported modules, the heap is collected and frozen (full collections then skip it);
    a run that imported nothing schedules nothing."""
    import gc
    import sys
    import time

    import ui.heap as shell  # the heap's own module holds its counter (pages re-exports settle_heap)

    gc.unfreeze()
    monkeypatch.setattr(shell, "_frozen_modules", 0)
    try:
        shell.settle_heap(delay_s=0)
        deadline = time.monotonic() + 10
        while gc.get_freeze_count() == 0 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert gc.get_freeze_count() > 0
        assert shell._frozen_modules == len(sys.modules)
        frozen = gc.get_freeze_count()
        shell.settle_heap(delay_s=0)  # nothing imported since: no second collection
        time.sleep(0.3)
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()


# A link may spell out a widget's default (hand-written, or from an older share link): Streamlit then leaves the
# parameter out of the URL, and that must not read as an invalid value.
@pytest.mark.parametrize(("page", "query"), [
    ("pages/global.py", {"glob_w_density": "25"}),
    ("pages/scale.py", {"scale_year": "2017"}),
    ("pages/map.py", {"map_k": "5", "map_fixed": "true"}),
    ("pages/policy.py", {"broadband": "True"}),
])
def test_a_link_spelling_out_defaults_gets_no_invalid_value_notice(page, query):
    at = run_page(page, query=query)
    assert_clean(at)
    assert not at.toast, [t.value for t in at.toast]


@pytest.mark.parametrize(("page", "query", "named"), [
    ("pages/scale.py", {"scale_year": "1999"}, "scale_year=1999"),
    ("pages/map.py", {"map_k": "5", "map_fixed": "maybe"}, "map_fixed=maybe"),
])
def test_an_invalid_link_value_beside_a_default_is_still_named(page, query, named):
    at = run_page(page, query=query)
    assert at.toast and named in at.toast[0].value
    assert "map_k" not in at.toast[0].value


def test_holds_compares_a_widget_value_with_link_text():
    from ui.shell import _holds

    assert _holds(True, ["true"]) and _holds(False, ["False"]) and not _holds(True, ["1x"])
    assert _holds(25, ["25"]) and _holds(0.5, ["0.50"]) and not _holds(25, ["30"]) and not _holds(25, ["a"])
    assert _holds((2011, 2023), ["2011", "2023"]) and not _holds((2011, 2023), ["2011"])
    assert _holds("region", ["region"]) and not _holds("region", ["none"])
