"""A cold /policy in real Chromium, in Chinese: a worded placeholder or spinner comes first (before the main chart,
the event study), a worded spinner within a second of the first drawing, and no gap of more than about a second
passes with neither a spinner nor new content."""

from __future__ import annotations

import time

from tests.browser.conftest import ARTIFACTS, running_server, wait_for_app

PROBE = """() => ({
  spinner: Array.from(document.querySelectorAll('[data-testid="stSpinner"]')).map(e => e.innerText).join(' | '),
  title: !!document.querySelector('h1'),
  blocks: document.querySelectorAll('[data-testid="stElementContainer"]').length,
  state: document.querySelector('[data-testid="stApp"]')?.getAttribute('data-test-script-state') || '',
  placeholder: [...document.querySelectorAll('[data-testid="stCaptionContainer"]')].map(e => e.innerText)
    .filter(x => x.includes('正在加载页面')).join(' | '),
  charts: [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')].filter(el => {
    if (el.getBoundingClientRect().height < 20) return false;  // the renderer's warm-up (ui.loading), not a chart
    const c = el.querySelector('canvas'); return (c && c.width > 0) || el.querySelector('svg g[class*="mark-"] path');
  }).length
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
            # the script can finish before the browser has painted the event study: wait for the paint too
            if probe["state"] == "notRunning" and probe["title"] and not probe["spinner"] and probe["charts"] >= 2:
                break
            page.wait_for_timeout(50)
        wait_for_app(page)
        page.screenshot(path=str(ARTIFACTS / "policy-cold-zh.png"), full_page=True)
        context.close()
    # Order, not timing: the worded placeholder (or a spinner) is on screen before the main chart is painted.
    feedback = next((t for t, p in samples if p["placeholder"] or p["spinner"]), None)
    main_chart = next((t for t, p in samples if p["charts"] >= 2), None)
    assert feedback is not None and main_chart is not None, (feedback, main_chart)
    assert feedback < main_chart, (feedback, main_chart)
    assert all("…" in p["placeholder"] for _, p in samples if p["placeholder"])
    first_draw = next(t for t, p in samples if p["title"])
    spinners = [(t, p["spinner"]) for t, p in samples if p["spinner"]]
    waits = [(t, p["spinner"] or p["placeholder"]) for t, p in samples if p["spinner"] or p["placeholder"]]
    done = samples[-1][0]
    print(f"first feedback {feedback:.2f} s, first drawing {first_draw:.2f} s, first spinner "
          f"{spinners[0][0] if spinners else None}, main chart {main_chart:.2f} s, done {done:.2f} s")
    if done - first_draw > 1.0:  # the page takes long enough to need feedback
        assert waits and waits[0][0] - first_draw <= 1.0, (first_draw, waits[:3])
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
    # stretch is the browser drawing the charts after the estimates arrive). On a machine slower than that (a CI
    # run whose first drawing came after 6.25 s instead of about 2 s), every stretch is slower alike, so the
    # allowance scales with how late the first drawing came.
    slower = max(1.0, first_draw / 2.5)
    assert quiet <= 1.5 * slower, (quiet, first_draw)
