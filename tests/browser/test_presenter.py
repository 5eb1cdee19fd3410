"""Presenter mode on a 1920x1080 projector: chart text at least 16 px, the map wide and first on /map; and
screenshots of every page in both languages and both modes for a reviewer (artifacts/screenshots/, not in git)."""

from __future__ import annotations

import pytest

from tests.browser.conftest import ARTIFACTS, the_map, wait_for_app, wait_for_chart

CHART = '[data-testid="stVegaLiteChart"]'
# The smallest computed font size of the visible text a chart draws (titles, axes, legends), in CSS px; the map's
# invisible clock layer (a transparent text mark that carries the Play animation) is not text anyone reads.
MIN_TEXT_PX = """el => Math.min(...[...el.querySelectorAll('svg text')]
                    .filter(t => t.textContent.trim() && parseFloat(t.getAttribute('opacity') ?? '1') > 0
                                 && parseFloat(getComputedStyle(t).opacity) > 0)
                    .map(t => parseFloat(getComputedStyle(t).fontSize)))"""
# The bounding box (CSS px) of the provinces as drawn: the map's shapes layer, not the chart around it (whose
# title, legend and empty sea can make the chart wide while the shapes stay narrow).
SHAPES_BOX = """el => { const rs = [...el.querySelectorAll('svg g[class*="shapes_marks"] path')]
                  .map(p => p.getBoundingClientRect()).filter(r => r.width > 0);
                  if (!rs.length) return null;
                  const left = Math.min(...rs.map(r => r.left)), right = Math.max(...rs.map(r => r.right));
                  const top = Math.min(...rs.map(r => r.top)), bottom = Math.max(...rs.map(r => r.bottom));
                  return {width: right - left, height: bottom - top, provinces: rs.length}; }"""
FIRST_CONTROL = ('[data-testid="stMain"] :is([data-testid="stRadio"], [data-testid="stSelectbox"], '
                 '[data-testid="stMultiSelect"], [data-testid="stSlider"], [data-testid="stCheckbox"])')


@pytest.fixture()
def projector(browser):
    context = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="en-US")
    page = context.new_page()
    try:
        yield page
    finally:
        context.close()


def test_presenter_map_is_wide_first_and_its_chart_text_readable(server, projector):
    page = projector
    page.goto(f"{server.url}/map?present=1")
    wait_for_app(page, 90_000)
    wait_for_chart(page)
    # The map may paint after the lighter charts below it.
    chart = the_map(page, timeout_ms=60_000)
    page.wait_for_function("el => el.querySelectorAll('svg text').length > 5", arg=chart.element_handle(),
                           timeout=15_000)
    box = chart.bounding_box()
    shapes = chart.evaluate(SHAPES_BOX)
    assert shapes is not None and shapes["provinces"] >= 30, f"no provinces drawn: {shapes}"
    assert shapes["width"] >= 1000, f"provinces drawn {shapes['width']:.0f} px wide (chart {box['width']:.0f} px)"
    control = page.locator(FIRST_CONTROL).first.bounding_box()
    assert box["y"] < control["y"], "a control sits above the map"
    assert box["y"] < 1080 / 2, "the map starts below the middle of the screen"
    smallest = chart.evaluate(MIN_TEXT_PX)
    assert smallest >= 16, f"map text at {smallest} px"
    for other in page.locator(CHART).all()[1:]:  # the group lines, LISA map, Moran's I by year
        other.scroll_into_view_if_needed()
        page.wait_for_function("el => el.querySelectorAll('svg text').length > 2", arg=other.element_handle(),
                               timeout=15_000)
        assert other.evaluate(MIN_TEXT_PX) >= 16
    print(f"presenter /map: chart {box['width']:.0f} x {box['height']:.0f} px, provinces drawn {shapes['width']:.0f} x "
          f"{shapes['height']:.0f} px, top {box['y']:.0f} px, first control {control['y']:.0f} px, "
          f"smallest chart text {smallest} px")


def test_map_comes_before_its_controls_without_presenter_mode(server, page):
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(f"{server.url}/map")
    wait_for_app(page, 90_000)
    wait_for_chart(page)
    # The map may paint after the lighter charts below it.
    box = the_map(page, timeout_ms=60_000).bounding_box()
    control = page.locator(FIRST_CONTROL).first.bounding_box()
    assert box["y"] < control["y"] and box["y"] < 900 / 2
    assert box["y"] == min(b["y"] for b in (c.bounding_box() for c in page.locator(CHART).all()) if b)


def test_presenter_home_chart_text_readable(server, projector):
    page = projector
    page.goto(f"{server.url}/?present=1&lang=zh")
    wait_for_app(page, 90_000)
    wait_for_chart(page)
    chart = page.locator(CHART).first
    chart.scroll_into_view_if_needed()
    page.wait_for_function("el => el.querySelectorAll('svg text').length > 5", arg=chart.element_handle(),
                           timeout=15_000)
    assert chart.evaluate(MIN_TEXT_PX) >= 16


PAGES = {"home": "/", "scale": "/scale", "map": "/map", "regression": "/regression", "policy": "/policy",
         "global": "/global"}


@pytest.mark.slow  # ~2 min of screenshots for a reviewer: `bash tasks.sh test-slow` writes them
def test_screenshots_of_every_page_in_both_languages_and_modes(server, projector):
    """24 full-page PNGs for a reviewer: artifacts/screenshots/<page>_<lang>_<mode>.png (the folder is git-ignored)."""
    page = projector
    folder = ARTIFACTS / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    shots = []
    for name, path in PAGES.items():
        for lang in ("en", "zh"):
            for mode in ("normal", "presenter"):
                query = "&".join([*(["lang=zh"] if lang == "zh" else []), *(["present=1"] if mode == "presenter" else [])])
                page.goto(f"{server.url}{path}{'?' + query if query else ''}")
                wait_for_app(page, 120_000)
                try:
                    wait_for_chart(page, 20_000)
                except Exception:  # a page whose first screen has no chart
                    pass
                page.wait_for_timeout(500)
                target = folder / f"{name}_{lang}_{mode}.png"
                page.screenshot(path=str(target), full_page=False)
                assert not page.locator('[data-testid="stException"]').count(), f"{name} {lang} {mode}"
                shots.append(target)
    assert len(shots) == 24 and all(p.stat().st_size > 10_000 for p in shots)
