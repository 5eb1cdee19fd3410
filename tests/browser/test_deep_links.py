"""Each page opened by deep link as the first request to a freshly started server.

This is what a shared link to a sleeping hosted app is; the layout with
st.navigation gets it wrong (file-name menu or a "Page not found" dialog).
"""

from __future__ import annotations

import pytest

from tests.browser.conftest import ARTIFACTS, running_server, wait_for_app, wait_for_chart
from ui.pages_list import LABELS, SLUGS

MENU = list(LABELS)
# The first element of the main area with text, as the visitor's browser first shows it (ui.loading).
FIRST_TEXT = """window.__first = null;
new MutationObserver(() => {
  if (window.__first) return;
  const main = document.querySelector('[data-testid="stMain"]');
  const el = main && [...main.querySelectorAll('[data-testid="stElementContainer"]')].find(e => e.innerText.trim());
  if (el) window.__first = el.innerText.trim();
}).observe(document, {subtree: true, childList: true, characterData: true});"""
# Charts too small to be the page's own: the renderer's warm-up must be gone once the page has drawn.
TINY_CHARTS = """() => [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')]
  .filter(e => e.getBoundingClientRect().height < 20).length"""
PAGES = list(zip(SLUGS, LABELS))


@pytest.mark.parametrize(("slug", "label"), PAGES)
def test_deep_link_first_request_on_fresh_server(browser, slug, label):
    with running_server() as server:
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        page = context.new_page()
        page.add_init_script(FIRST_TEXT)
        outside = []
        page.on("request", lambda req: outside.append(req.url) if not req.url.startswith(
            (server.url, "data:", "blob:", "about:")) else None)
        try:
            page.goto(f"{server.url}/{slug}")
            wait_for_app(page)
            wait_for_chart(page)
            assert page.title() == f"{label} · Digital talent explorer"
            assert page.evaluate("window.__first").endswith("Loading the page…"), "the first words are not the placeholder"
            assert page.evaluate(TINY_CHARTS) == 0, "the renderer's warm-up chart was left on the page"
            links = page.locator('[data-testid="stSidebar"] [data-testid="stPageLink"]')
            # On a loaded CI machine the main chart was once drawn before the sidebar's links were in the DOM:
            # the menu must come, not necessarily first.
            links.nth(len(MENU) - 1).wait_for(state="attached", timeout=15_000)
            menu = links.all_inner_texts()
            # the material icon renders as a ligature word before the label
            assert [m.strip().splitlines()[-1] for m in menu] == MENU
            assert page.locator('[data-testid="stSidebarNav"]').count() == 0, "automatic file-name menu is shown"
            assert page.locator('[role="dialog"]').count() == 0, "a dialog covers the page"
            assert page.locator('[data-testid="stException"]').count() == 0
            assert outside == [], f"the page fetched from outside the app: {outside[:3]}"
            page.screenshot(path=str(ARTIFACTS / f"deeplink-{slug or 'home'}.png"), full_page=True)
        finally:
            context.close()
