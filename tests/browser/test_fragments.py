"""Sections rerun as fragments in real Chromium: the URL follows, the rest of the page is not re-run,
and the share link (built when its popover opens) carries the new value."""

from __future__ import annotations

from tests.browser.conftest import wait_for_app, wait_for_chart

# Records every element Streamlit marks stale (it does so for each element a rerun will redraw).
RECORD_STALE = """() => { window.__stale = [];
  new MutationObserver(ms => ms.forEach(m => {
    if (m.target.getAttribute('data-stale') === 'true') window.__stale.push((m.target.innerText || '').slice(0, 40));
  })).observe(document.body, {attributes: true, subtree: true, attributeFilter: ['data-stale']}); }"""


def test_event_window_reruns_only_its_section_and_the_share_link_follows(server, page):
    page.goto(f"{server.url}/policy")
    wait_for_app(page)
    wait_for_chart(page)
    page.evaluate(RECORD_STALE)

    window = page.locator('[data-testid="stSlider"]').filter(has_text="Event window").get_by_role("slider").first
    window.focus()
    window.press("ArrowRight")  # the window's start moves from -6 to -5
    page.wait_for_function("() => window.location.search.includes('window=-5')", timeout=30_000)
    wait_for_app(page)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.get_by_text("Joint test that the 4 pre-period coefficients are zero").count() > 0
    # only the event-study section was redrawn (a full rerun marks the page's ~90 elements stale)
    stale = page.evaluate("() => window.__stale")
    assert 0 < len(stale) < 20, stale
    assert not any(text.startswith(("Outcome data", "Cluster standard errors")) for text in stale), stale

    page.get_by_role("button", name="Share this view").click()
    link = page.locator('[data-testid="stPopoverBody"] code, [data-testid="stPopover"] code').first
    link.wait_for(timeout=30_000)
    assert "window=-5" in link.inner_text()
