"""The map in a real browser: deep link with ?year=2017, the map draws, the in-map year slider moves the map
without a server round trip, and the legend stays the same under the fixed scale."""

from __future__ import annotations

from tests.browser.conftest import ARTIFACTS, wait_for_app, wait_for_chart

MAP = '[data-testid="stVegaLiteChart"]'
FILLS = "el => [...el.querySelectorAll('g.role-mark path')].map(p => p.getAttribute('fill')).join(',')"
LEGEND = "el => [...el.querySelectorAll('g.role-legend')].map(g => g.textContent + g.innerHTML.length).join('|')"


def test_map_deep_link_slider_and_fixed_legend(server, page):
    page.goto(f"{server.url}/map?year=2017")
    wait_for_app(page, 90_000)
    wait_for_chart(page)
    chart = page.locator(MAP).first
    assert chart.evaluate("el => el.querySelectorAll('g.role-mark path').length") >= 34  # every province drawn
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
    page.wait_for_function("el => el.querySelector('g.role-title').textContent.includes('2021')",
                           arg=chart.element_handle(), timeout=5_000)
    assert slider.input_value() == "2021"
    assert chart.evaluate(FILLS) != fills_before, "moving the year did not recolour the map"
    assert chart.evaluate(LEGEND) == legend_before, "the legend changed under the fixed scale"
    # the move happened in the browser: the app did not rerun
    assert page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]').count() == 1
    assert "year=2017" in page.url
    chart.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "map_2021_fixed_scale.png"))
