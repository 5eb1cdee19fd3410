"""Global talent clusters in a real browser: deep link, the world map draws, a weight slider re-ranks."""

from __future__ import annotations

import re

from tests.browser.conftest import ARTIFACTS, wait_for_app, wait_for_chart


def top_line(page) -> str:
    line = page.locator('[data-testid="stMarkdownContainer"] p').filter(has_text=re.compile(r"^Top \d+:"))
    return line.first.inner_text()


def test_global_deep_link_map_and_weight_slider(server, page):
    page.goto(f"{server.url}/global?glob_w_density=25&glob_w_crossover=25&glob_w_connectivity=25&glob_w_speed=25")
    wait_for_app(page)
    wait_for_chart(page)
    assert page.title() == "Global talent clusters · Digital talent explorer"
    assert page.locator('[data-testid="stException"]').count() == 0
    # the world map is the first chart: its canvas has been drawn with a real size
    world = page.locator('[data-testid="stVegaLiteChart"]').first
    world.scroll_into_view_if_needed()
    drawn = world.evaluate("""el => {
        const c = el.querySelector('canvas');
        if (c) return {kind: 'canvas', w: c.width, h: c.height};
        const s = el.querySelector('svg');
        return s ? {kind: 'svg', w: s.clientWidth, h: s.clientHeight,
                    shapes: s.querySelectorAll('.mark-geoshape path, g.mark-shape path').length} : null;
    }""")
    assert drawn is not None, "the world map has neither canvas nor svg"
    assert drawn["w"] > 400 and drawn["h"] > 200
    if drawn["kind"] == "svg":
        assert drawn["shapes"] >= 177  # every country drawn
    before = top_line(page)

    # the first "Weight" slider is the density weight: End moves it to 100
    slider = page.locator('[data-testid="stSlider"]').filter(has_text="Weight").first.get_by_role("slider")
    slider.focus()
    slider.press("End")
    page.wait_for_function("() => location.search.includes('glob_w_density=100')")
    wait_for_app(page)
    deadline = 30
    after = top_line(page)
    while after == before and deadline > 0:  # the rerun may still be painting
        page.wait_for_timeout(500)
        deadline -= 0.5
        after = top_line(page)
    assert after != before, after
    assert "glob_w_density=100" in page.url
    page.screenshot(path=str(ARTIFACTS / "global.png"), full_page=True)


def test_global_include_left_out_places_and_codes_in_the_link(server, page):
    """The left-out places are named above the ranking; one click re-weights them in, and the link says
    ``glob_gaps=reweight`` (a code) in Chinese mode too."""
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(f"{server.url}/global?lang=zh")
    wait_for_app(page)
    wait_for_chart(page)
    assert page.get_by_text("未纳入排名").count() >= 1
    page.get_by_role("button", name="纳入它们").click()
    page.wait_for_function("() => location.search.includes('glob_gaps=reweight')", timeout=30_000)
    wait_for_app(page)
    assert page.get_by_text("未纳入排名").count() == 0
    assert page.locator('[data-testid="stException"]').count() == 0
    page.screenshot(path=str(ARTIFACTS / "global-zh-1440.png"), full_page=True)
