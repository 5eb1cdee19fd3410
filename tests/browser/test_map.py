"""The map in a real browser: deep link with ?year=2017, the map draws, the in-map year slider moves the map
without a server round trip (the link follows it afterwards), and the legend stays the same under the fixed scale."""

from __future__ import annotations

import re

from tests.browser.conftest import ARTIFACTS, the_map, wait_for_app, wait_for_chart, wait_for_title

MAP = '[data-testid="stVegaLiteChart"]'
FILLS = "el => [...el.querySelectorAll('g.role-mark path')].map(p => p.getAttribute('fill')).join(',')"
LEGEND = "el => [...el.querySelectorAll('g.role-legend')].map(g => g.textContent + g.innerHTML.length).join('|')"


def test_map_deep_link_slider_and_fixed_legend(server, page):
    page.goto(f"{server.url}/map?year=2017")
    wait_for_app(page, 90_000)
    wait_for_chart(page)
    chart = the_map(page)  # every province drawn
    assert "year=2017" in page.url
    assert not page.locator('[data-testid="stException"]').count()
    assert not page.locator("[role=dialog]").count()
    slider = chart.locator("input[type=range]").first
    assert slider.input_value() == "2017"
    assert "2017" in chart.evaluate("el => el.querySelector('g.role-title').textContent")

    fills_before, legend_before = chart.evaluate(FILLS), chart.evaluate(LEGEND)
    assert "0.36" in legend_before  # class bounds in the legend
    slider.focus()
    for _ in range(4):
        page.keyboard.press("ArrowRight")
    wait_for_title(page, "2021", 5_000)
    assert slider.input_value() == "2021"
    assert chart.evaluate(FILLS) != fills_before, "moving the year did not recolour the map"
    assert chart.evaluate(LEGEND) == legend_before, "the legend changed under the fixed scale"
    # the map answered in the browser; the page then hears of the year (on_select) and keeps it in the link,
    # without rebuilding the map: the drawn marks are the same nodes, the slider still reads 2021
    chart.evaluate("el => { el.querySelector('g.role-mark path').dataset.probe = 'kept'; }")
    page.wait_for_function("() => location.search.includes('year=2021')", timeout=15_000)
    wait_for_app(page)
    assert chart.evaluate("el => el.querySelector('g.role-mark path').dataset.probe") == "kept"
    assert slider.input_value() == "2021"
    assert not page.locator('[data-testid="stException"]').count()
    chart.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "map_2021_fixed_scale.png"))


TITLE = "el => el.querySelector('g.role-title').textContent"


def test_play_steps_the_years_in_the_browser_with_a_fixed_legend(server, page):
    """Ticking the in-map Play control steps the years (Vega-Lite timer), repaints the map, keeps the legend."""
    page.goto(f"{server.url}/map?year=2017")
    wait_for_app(page, 90_000)
    wait_for_chart(page)
    chart = the_map(page)
    wait_for_title(page, "2017", 30_000)
    play = chart.locator("input[type=checkbox]").first
    assert "Play 2011 → 2023" in chart.locator("label:has(input[type=checkbox])").first.inner_text()
    assert not play.is_checked()
    fills_before, legend_before = chart.evaluate(FILLS), chart.evaluate(LEGEND)
    page.wait_for_timeout(1_500)  # the timer runs in the background, the map must not move until Play
    assert "2017" in chart.evaluate(TITLE) and chart.evaluate(FILLS) == fills_before

    play.check()
    seen: list[int] = []
    fills_seen = set()
    for _ in range(60):  # 6 s at 0.9 s per year: about 6 steps
        year = int(re.search(r"index, (\d{4})", chart.evaluate(TITLE)).group(1))
        if not seen or seen[-1] != year:
            seen.append(year)
            fills_seen.add(chart.evaluate(FILLS))
            assert chart.evaluate(LEGEND) == legend_before, f"the legend changed while playing ({year})"
        page.wait_for_timeout(100)
    assert len(seen) >= 4, f"Play did not step the years: {seen}"
    assert seen[0] == 2011, f"Play did not start at the first year: {seen}"
    # the slider cannot follow the played year, so it gives way while playing (never reads another year)
    assert not chart.locator("input[type=range]").first.is_visible()
    steps = [(b - a) % 13 for a, b in zip(seen, seen[1:])]
    assert all(step == 1 for step in steps), f"Play did not step one year at a time: {seen}"
    assert all(2011 <= y <= 2023 for y in seen)
    assert len(fills_seen) >= 3, "the map did not repaint while playing"
    # all of it in the browser: no script rerun, the URL still holds the deep-linked year
    assert page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]').count() == 1
    assert "year=2017" in page.url
    chart.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "map_playing.png"))

    play.uncheck()  # back to the slider's year
    wait_for_title(page, "2017", 5_000)
    assert chart.evaluate(FILLS) == fills_before
    assert chart.locator("input[type=range]").first.is_visible()


def test_number_of_classes_recolours_the_drawn_map_in_place(server, page):
    """The classes are rows, not spec: a move of the slider swaps the rows of the map already drawn (same SVG
    nodes, new fills, new legend) instead of embedding a new map; the same for the statistics' year."""
    page.goto(f"{server.url}/map?year=2017")
    wait_for_app(page, 90_000)
    wait_for_chart(page)
    chart = the_map(page)
    fills_before, legend_before = chart.evaluate(FILLS), chart.evaluate(LEGEND)
    assert legend_before.count("–") == 5  # Fisher-Jenks, five classes
    chart.evaluate("el => { el.querySelector('g.role-mark path').dataset.probe = 'kept'; }")
    slider = page.locator('[data-testid="stSlider"]').filter(has_text="Number of classes").get_by_role("slider").first
    slider.focus()
    page.keyboard.press("ArrowLeft")  # 5 -> 4 classes
    page.wait_for_function("() => location.search.includes('k=4')", timeout=30_000)
    wait_for_app(page)
    page.wait_for_function(f"el => ({LEGEND})(el).split('–').length - 1 === 4", arg=chart.element_handle(),
                           timeout=10_000)
    assert chart.evaluate(FILLS) != fills_before, "the map kept its colours"
    assert chart.evaluate("el => el.querySelector('g.role-mark path').dataset.probe") == "kept", "map re-embedded"
    assert "2017" in chart.evaluate(TITLE)  # still on the year it showed
    assert not page.locator('[data-testid="stException"]').count()

    lisa = page.locator(MAP).filter(has_text="LISA clusters").first
    lisa.scroll_into_view_if_needed()
    page.wait_for_function("el => el.querySelector('g.role-title') && el.querySelector('g.role-title').textContent"
                           ".includes('2023')", arg=lisa.element_handle(), timeout=10_000)
    lisa.evaluate("el => { el.querySelector('g.role-mark path').dataset.probe = 'kept'; }")
    stats = page.locator('[data-testid="stSlider"]').filter(has_text="Year for the statistics").get_by_role("slider")
    stats.first.focus()
    page.keyboard.press("ArrowLeft")  # 2023 -> 2022
    page.wait_for_function("el => el.querySelector('g.role-title').textContent.includes('2022')",
                           arg=lisa.element_handle(), timeout=30_000)
    assert lisa.evaluate("el => el.querySelector('g.role-mark path').dataset.probe") == "kept", "LISA map re-embedded"
    page.screenshot(path=str(ARTIFACTS / "map_four_classes.png"), full_page=True)
