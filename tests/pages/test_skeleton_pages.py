"""Every page opens without an exception, calls the page shell and shows its key widget."""

from __future__ import annotations

import pytest

from tests.pages.helpers import assert_clean, run_page, vega_specs
from ui.pages_list import PATHS

PAGES = list(PATHS)


@pytest.mark.parametrize("path", PAGES)
def test_page_runs_and_draws_the_menu(path):
    at = run_page(path)
    assert_clean(at)
    links = [el.proto.label for el in at.sidebar.get("page_link")]
    assert {"Home", "Digitalization scale", "Agglomeration map", "Regression explorer", "Global talent clusters"} <= set(links)


def test_home_shows_headline_numbers():
    at = run_page("streamlit_app.py")
    labels = [m.label for m in at.metric]
    assert any("Highest index" in label for label in labels)
    assert at.metric[0].value == "2.37"
