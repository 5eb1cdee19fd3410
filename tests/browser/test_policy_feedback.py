"""Issue 18 in real Chromium: a cold /policy in Chinese shows a worded spinner within a second of its first
drawing, and no gap of more than about a second passes with neither a spinner nor new content."""

from __future__ import annotations

import time

from tests.browser.conftest import ARTIFACTS, running_server, wait_for_app

PROBE = """() => ({
  spinner: Array.from(document.querySelectorAll('[data-testid="stSpinner"]')).map(e => e.innerText).join(' | '),
  title: !!document.querySelector('h1'),
  blocks: document.querySelectorAll('[data-testid="stElementContainer"]').length,
  state: document.querySelector('[data-testid="stApp"]')?.getAttribute('data-test-script-state') || ''
})"""


def test_cold_policy_says_what_it_computes(browser):
    with running_server() as server:  # its own server: nothing is cached yet
        context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="zh-CN")
        page = context.new_page()
        start = time.monotonic()
        page.goto(f"{server.url}/policy?lang=zh", wait_until="commit")
        samples = []
        while time.monotonic() - start < 60:
            probe = page.evaluate(PROBE)
            samples.append((time.monotonic() - start, probe))
            if probe["state"] == "notRunning" and probe["title"] and not probe["spinner"]:
                break
            page.wait_for_timeout(50)
        wait_for_app(page)
        page.screenshot(path=str(ARTIFACTS / "policy-cold-zh.png"), full_page=True)
        context.close()
    first_draw = next(t for t, p in samples if p["title"])
    spinners = [(t, p["spinner"]) for t, p in samples if p["spinner"]]
    done = samples[-1][0]
    print(f"first drawing {first_draw:.2f} s, first spinner {spinners[0][0] if spinners else None}, done {done:.2f} s")
    if done - first_draw > 1.0:  # the page takes long enough to need feedback
        assert spinners and spinners[0][0] - first_draw <= 1.0, (first_draw, spinners[:3])
    assert all("…" in text for _, text in spinners)  # words saying what is computed, in Chinese
    # between the first drawing and the end, no second passes with neither a spinner nor a new element
    quiet, last_change, blocks = 0.0, first_draw, 0
    for t, p in samples:
        if t < first_draw:
            continue
        if p["spinner"] or p["blocks"] != blocks:
            last_change, blocks = t, p["blocks"]
        quiet = max(quiet, t - last_change)
    # "about a second": measured 1.1 s on an idle machine, 1.4 s with the two cores shared (the longest quiet
    # stretch is the browser drawing the charts after the estimates arrive)
    assert quiet <= 1.5, quiet
