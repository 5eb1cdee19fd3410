"""Journeys across pages, as a visitor makes them, in real Chromium (issue 16 item 1, issue 18 item 3).

Change a control on a page, follow the sidebar to every other page (each must open exactly as it opens fresh:
no exception, the same notices, the same URL with no foreign parameter), come back by the sidebar and find the
view restored.  Presenter mode and the language hold from Home through every page and back.  A copied share
link reproduces the map's view, and the map's SVG export carries the year on screen.

One server for the module (the session's), one browser context per journey (a journey is one visitor).
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlsplit

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.browser.conftest import ARTIFACTS, the_map, wait_for_app, wait_for_chart, wait_for_title

LABELS = {"": "Home", "scale": "Digitalization scale", "map": "Agglomeration map", "regression": "Regression explorer",
          "policy": "Pilot-city policy", "global": "Global talent clusters"}
SHARED = {"lang", "present"}
MAP = '[data-testid="stVegaLiteChart"]'


def query(page) -> list[tuple[str, str]]:
    return sorted(parse_qsl(urlsplit(page.url).query, keep_blank_values=True))


def own(params: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [(k, v) for k, v in params if k not in SHARED]


def notices(page) -> list[str]:
    """What the page says besides its content: alerts (errors, warnings, infos) and toasts, and exceptions."""
    texts = page.locator('[data-testid="stAlert"]').all_inner_texts()
    texts += ["TOAST " + t for t in page.locator('[data-testid="stToast"]').all_inner_texts()]
    texts += ["EXCEPTION " + t[:200] for t in page.locator('[data-testid="stException"]').all_inner_texts()]
    return sorted(t.strip() for t in texts)


def settle(page) -> None:
    wait_for_app(page, 90_000)
    page.wait_for_timeout(300)
    wait_for_app(page, 90_000)


def open_sidebar(page) -> None:
    """A collapsed sidebar keeps its links in the DOM but off-screen: open it first."""
    expand = page.locator('[data-testid="stExpandSidebarButton"]')
    if expand.count() and expand.first.is_visible():
        expand.first.click()
    page.locator('[data-testid="stSidebar"] [data-testid="stPageLink"]').first.wait_for(state="visible")


def follow_sidebar(page, slug: str) -> None:
    """Click the sidebar's link to ``slug`` (the menu lists the pages in the order of LABELS, in any language)."""
    open_sidebar(page)
    # focus and Enter, not a click: the help tooltip of a link hovered before can cover the next one
    page.locator('[data-testid="stSidebar"] [data-testid="stPageLink"] a:visible').nth(list(LABELS).index(slug)).focus()
    page.keyboard.press("Enter")
    page.wait_for_function("slug => location.pathname.replace(/^\\//, '') === slug", arg=slug, timeout=30_000)
    settle(page)


# How a visitor changes each page's view: a click or a key press on one control (slugs without a control: Home).
def change_scale(page) -> None:
    slider = page.locator('[data-testid="stSlider"]').filter(has_text="Year").get_by_role("slider").first
    slider.focus()
    slider.press("ArrowLeft")


def change_map(page) -> None:
    page.locator('[data-testid="stRadio"]').filter(has_text="Data source").get_by_text("Computed from the IO tables").click()


def change_regression(page) -> None:
    page.locator('[data-testid="stButtonGroup"]').filter(has_text="Data source").get_by_text(
        "Paper-shaped demo (synthetic)", exact=True).click()


def change_policy(page) -> None:
    page.locator('[data-testid="stRadio"]').filter(has_text="Event-study estimator").get_by_text(
        "Both", exact=True).click()


def change_global(page) -> None:
    page.locator('[data-testid="stRadio"]').filter(has_text="Colour by").get_by_text("Region", exact=True).click()


CHANGES = {"scale": change_scale, "map": change_map, "regression": change_regression, "policy": change_policy,
           "global": change_global}


@pytest.fixture(scope="module")
def fresh(server, browser) -> dict[str, tuple[list, list]]:
    """Each page as a new visitor opens it: its URL parameters and its notices."""
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="en-US")
    page = context.new_page()
    page.set_default_timeout(60_000)
    seen = {}
    try:
        for slug in LABELS:
            page.goto(f"{server.url}/{slug}")
            settle(page)
            seen[slug] = (query(page), notices(page))
    finally:
        context.close()
    return seen


@pytest.fixture()
def visitor(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="en-US", accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(60_000)
    try:
        yield page
    finally:
        context.close()


@pytest.mark.parametrize("start", list(CHANGES))
def test_a_changed_view_stays_on_its_page_and_comes_back(server, fresh, visitor, start):
    page = visitor
    page.goto(f"{server.url}/{start}")
    settle(page)
    wait_for_chart(page)
    before = page.evaluate("() => location.search")
    CHANGES[start](page)
    page.wait_for_function("before => location.search !== before", arg=before, timeout=30_000)
    settle(page)
    changed = query(page)
    assert own(changed) != own(fresh[start][0]), "the control did not change the link"
    for slug in LABELS:
        if slug == start:
            continue
        follow_sidebar(page, slug)
        assert own(query(page)) == own(fresh[slug][0]), f"/{start} → /{slug} carried {query(page)}"
        assert notices(page) == fresh[slug][1], f"/{start} → /{slug} does not open as fresh"
    follow_sidebar(page, start)
    # the view is back: every parameter of the changed view (a page may add the defaults that follow from it,
    # e.g. the demo panel's regressors)
    assert set(own(changed)) <= set(own(query(page))), f"coming back to /{start} lost the view: {query(page)}"
    assert not [n for n in notices(page) if n.startswith(("EXCEPTION", "TOAST"))]
    page.screenshot(path=str(ARTIFACTS / f"journey-{start}-back.png"))


def test_presenter_mode_and_language_hold_from_home_through_every_page(server, visitor):
    page = visitor
    page.goto(f"{server.url}/?present=1&lang=zh")
    settle(page)
    for slug in [*[s for s in LABELS if s], ""]:
        follow_sidebar(page, slug)
        params = dict(query(page))
        assert params.get("present") == "1", f"/{slug} dropped presenter mode: {page.url}"
        assert params.get("lang") in ("中文", "zh"), f"/{slug} dropped the language: {page.url}"
        toggle = page.locator('[data-testid="stSidebar"] [data-testid="stCheckbox"] input[type=checkbox]').first
        assert toggle.is_checked(), f"/{slug}: the presenter toggle reads off"
        assert "首页" in page.locator('[data-testid="stSidebar"]').inner_text()
        assert not page.locator('[data-testid="stException"]').count()


def test_a_copied_share_link_reproduces_the_map_view(server, browser, visitor):
    page = visitor
    page.goto(f"{server.url}/map")
    settle(page)
    wait_for_chart(page)
    option = page.get_by_role("option", name="Quantiles (equal counts)")
    for _ in range(3):  # a rerun still landing (the map reports its year back) can close a list just opened
        page.locator('[data-testid="stSelectbox"]').filter(has_text="Classes").click()
        try:
            option.wait_for(timeout=10_000)
            break
        except PlaywrightTimeout:
            settle(page)
    option.click()
    page.wait_for_function("() => location.search.includes('map_classes=quantiles')", timeout=30_000)
    settle(page)
    slider = the_map(page).locator("input[type=range]").first
    slider.evaluate("el => { el.value = '2015'; el.dispatchEvent(new Event('input', {bubbles: true})); }")
    page.wait_for_function("() => location.search.includes('year=2015')", timeout=30_000)
    settle(page)
    open_sidebar(page)
    page.get_by_role("button", name="Share this view").click()
    code = page.locator('[data-testid="stPopoverBody"] code').first
    code.wait_for()
    link = code.inner_text().strip()
    assert "map_classes=quantiles" in link and "year=2015" in link

    other = browser.new_context(viewport={"width": 1400, "height": 900})
    try:
        shared = other.new_page()
        shared.set_default_timeout(60_000)
        shared.goto(link)
        settle(shared)
        wait_for_chart(shared)
        chart = the_map(shared)
        wait_for_title(shared, "2015", 60_000)
        assert chart.locator("input[type=range]").first.input_value() == "2015"
        assert "map_classes=quantiles" in shared.url and "year=2015" in shared.url  # kept, not dropped as invalid
        assert not notices(shared), notices(shared)
    finally:
        other.close()


def test_the_map_svg_export_carries_the_year_on_screen(server, visitor):
    page = visitor
    page.goto(f"{server.url}/map?map_source=IO+tables")
    settle(page)
    wait_for_chart(page)
    chart = the_map(page)
    slider = chart.locator("input[type=range]").first
    target = str(int(slider.get_attribute("min")) + 5)  # IO tables: 2016 (its years start in 2011)
    slider.evaluate("(el, v) => { el.value = v; el.dispatchEvent(new Event('input', {bubbles: true})); }", target)
    page.wait_for_function("y => location.search.includes('year=' + y)", arg=target, timeout=30_000)
    settle(page)
    on_screen = chart.evaluate("el => el.querySelector('g.role-title').textContent")
    assert target in on_screen
    with page.expect_download() as download:
        page.get_by_role("button", name="Download SVG").first.click()
    svg = open(download.value.path(), encoding="utf-8").read()
    assert download.value.suggested_filename == f"agglomeration_map_{target}.svg"
    titles = re.findall(r'class="mark-text role-title-text"[^>]*>.*?<text[^>]*>([^<]+)</text>', svg, re.S)
    title = titles[0] if titles else ""
    assert f"Agglomeration index, {target}" in svg, title
    assert "IO tables" in svg and "Classes: Fisher-Jenks" in svg  # source and assumptions in the subtitle


def test_a_chinese_session_downloads_its_exports_in_chinese(server, visitor):
    """A download is built on click in a worker thread of the server, outside the session's run; its words must
    still be the session's (they were English: the composite's SVG subtitle and CSV headers)."""
    page = visitor
    page.goto(f"{server.url}/global?lang=zh")
    settle(page)
    wait_for_chart(page)
    with page.expect_download() as download:
        page.locator(".st-key-glob_dl_composite_svg button").click()
    svg = open(download.value.path(), encoding="utf-8").read()
    assert "权重" in svg and "缺失分项" in svg, "the subtitle lines are not in Chinese"
    assert "weights" not in svg and "Missing component" not in svg
    with page.expect_download() as download:
        page.locator(".st-key-glob_dl_composite_csv button").click()
    header = open(download.value.path(), encoding="utf-8-sig").readline()
    assert "权重" in header and "缺失分项" in header, header
