"""The Spatial spillovers section in real Chromium: a deep link, a lever moved by keyboard, the map, the share link."""

from __future__ import annotations

import re
import time

from tests.browser.conftest import ARTIFACTS, wait_for_app, wait_for_chart


def metric_value(page, label: str) -> str:
    metric = page.locator('[data-testid="stMetric"]').filter(has_text=label).first
    return metric.locator('[data-testid="stMetricValue"]').inner_text()


def spill_caption(page) -> str:
    return page.get_by_text("Colour: the change in the index").first.inner_text()


def test_spatial_deep_link_lever_map_and_share_link(server, page, browser):
    started = time.perf_counter()
    page.goto(f"{server.url}/regression?reg_sp_model=durbin&years=2012&years=2020")
    wait_for_app(page, 90_000)
    wait_for_chart(page)
    opened_s = time.perf_counter() - started
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.get_by_text("Spillover scenario").count() > 0
    assert page.get_by_text("it is linked to").count() > 0  # Hainan's link said on screen
    before = metric_value(page, "Spillover elsewhere (sum)")
    page.screenshot(path=str(ARTIFACTS / "spatial-section.png"), full_page=True)

    # the lever: +2 % (four steps of 0.5) with the keyboard on the react-aria slider
    slider = page.locator('[data-testid="stSlider"]').filter(has_text="Change (%)").get_by_role("slider")
    slider.focus()
    moved = time.perf_counter()
    for _ in range(4):
        slider.press("ArrowRight")
    page.wait_for_function("() => window.location.search.includes('reg_sp_change=12')", timeout=15_000)
    wait_for_app(page)
    page.wait_for_function(
        """(old) => [...document.querySelectorAll('[data-testid="stMetric"]')].some(
               m => m.innerText.includes('Spillover elsewhere (sum)') && !m.innerText.includes(old))""",
        arg=before, timeout=15_000)
    lever_s = time.perf_counter() - moved
    after = metric_value(page, "Spillover elsewhere (sum)")
    assert after != before
    assert page.locator('[data-testid="stException"]').count() == 0

    page.get_by_role("button", name="Show spillovers on the map").click()
    page.wait_for_url("**/map?**", timeout=60_000)
    wait_for_app(page, 90_000)
    wait_for_chart(page)
    assert page.locator('[data-testid="stException"]').count() == 0
    url = page.url
    assert "spill=durbin" in url and re.search(r"spill_change=12(\.0)?(&|$)", url), url
    sent = spill_caption(page)
    assert "Sichuan" in sent and "Spillover elsewhere" in sent
    page.screenshot(path=str(ARTIFACTS / "spatial-map.png"), full_page=True)

    # the share link in a fresh browser session rebuilds the same scenario from its parameters alone
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="en-US")
    fresh = context.new_page()
    fresh.set_default_timeout(60_000)
    try:
        fresh.goto(url)
        wait_for_app(fresh, 90_000)
        wait_for_chart(fresh)
        assert fresh.locator('[data-testid="stException"]').count() == 0
        assert spill_caption(fresh) == sent
        fresh.screenshot(path=str(ARTIFACTS / "spatial-map-shared.png"), full_page=True)
    finally:
        context.close()
    print(f"deep link opened in {opened_s:.1f} s; lever move shown in {lever_s:.2f} s")
