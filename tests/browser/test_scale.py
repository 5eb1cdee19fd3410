"""Digitalization scale in a real browser: deep link to a tab, charts draw, a year move keeps the URL in step."""

from __future__ import annotations

from tests.browser.conftest import ARTIFACTS, wait_for_app, wait_for_chart


def test_scale_deep_link_ras_tab_and_year_move(server, page):
    page.goto(f"{server.url}/scale?tab=RAS+update&ras_prov=Zhejiang&year=2012")
    wait_for_app(page)
    wait_for_chart(page)
    assert page.title() == "Digitalization scale · Digital talent explorer"
    assert page.locator('[data-testid="stException"]').count() == 0
    # the heat map of the change in A is drawn in the RAS tab
    assert page.get_by_text("Change in direct coefficients A").count() >= 1 or \
        page.locator('[data-testid="stVegaLiteChart"]').count() >= 1
    assert page.get_by_text("Iterations").count() >= 1
    page.screenshot(path=str(ARTIFACTS / "scale-ras-tab.png"), full_page=True)

    # move the year slider one step right: 2012 -> 2013 (a RAS-updated year), the URL follows
    slider = page.locator('[data-testid="stSlider"]').first.get_by_role("slider")
    slider.focus()
    slider.press("ArrowRight")
    page.wait_for_function("() => location.search.includes('year=2013')", timeout=30_000)
    wait_for_app(page)
    assert page.get_by_text("RAS-updated from 2012").count() >= 1
    assert page.locator('[data-testid="stException"]').count() == 0
    page.screenshot(path=str(ARTIFACTS / "scale-2013.png"), full_page=True)
