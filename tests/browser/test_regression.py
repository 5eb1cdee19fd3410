"""The regression explorer in real Chromium: a scenario link, a slider moved by keyboard, 'Show on the map'."""

from __future__ import annotations

from tests.browser.conftest import ARTIFACTS, wait_for_app, wait_for_chart


def test_scenario_link_slider_and_map(server, page):
    page.goto(f"{server.url}/regression?data=demo&pcw=10")
    wait_for_app(page)
    wait_for_chart(page)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.get_by_text("synthetic — for demonstration").count() > 0
    page.screenshot(path=str(ARTIFACTS / "regression-scenario.png"), full_page=True)

    # the R&D lever: three steps down (-0.3 pp) with the keyboard
    slider = page.locator('[data-testid="stSlider"]').filter(has_text="R&D intensity").get_by_role("slider")
    slider.focus()
    for _ in range(3):
        slider.press("ArrowLeft")
    wait_for_app(page)
    page.wait_for_function("() => window.location.search.includes('rd=')", timeout=15_000)
    assert "rd=-0.3" in page.url
    assert page.locator('[data-testid="stException"]').count() == 0

    page.get_by_role("button", name="Show on the map").click()
    page.wait_for_url("**/map?**", timeout=30_000)
    wait_for_app(page)
    wait_for_chart(page)
    assert "scenario=pcw%3A%2B10%2Crd%3A-0.3" in page.url or "scenario=pcw:+10,rd:-0.3" in page.url
    assert page.locator('[data-testid="stException"]').count() == 0
    page.screenshot(path=str(ARTIFACTS / "regression-to-map.png"), full_page=True)
