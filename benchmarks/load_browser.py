"""Load: N concurrent browser sessions against one local `streamlit run`, moving sliders on every page.

Loopback only, bounded in sessions, moves and time.  Records errors (exception
blocks, console errors, failed runs — must be 0), p50/p95 rerun time and the
server's resident memory, and writes ``benchmarks/load_browser_results.md``.
Run: ``.venv/bin/python benchmarks/load_browser.py [sessions] [moves]`` (defaults 25 and 4). The load figures of
issue 19 come from the protocol-level clients of ``benchmarks/load.py``; this one measures browsers (and the
machine running them) as much as the app.
"""

from __future__ import annotations

import asyncio
import statistics
from collections import Counter
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.run import CHART_DRAWN, FINISHED_RECORDER, RERUN_DONE, STATE_RECORDER, TWO_FRAMES, percentile  # noqa: E402
from tests.browser.conftest import CHROMIUM_FLAGS, chromium_executable, start_server  # noqa: E402

PAGES = ["", "scale", "map", "regression", "policy", "global"]
TIME_LIMIT_S = 600


def is_probe(url: str) -> bool:
    """Streamlit's frontend probes `<page>/_stcore/health` and `host-config` before the root ones (404 by design)."""
    return url.endswith(("/_stcore/health", "/_stcore/host-config"))


def rss_mb(pid: int) -> float:
    """Resident memory of a process and its children, in MB (Linux /proc)."""
    total = 0
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            total += int(line.split()[1])
    return total / 1024


# Vega-Lite logs this for the map's play control (a timer on a layered chart); it works, and a browser test guards it.
KNOWN_NOTICES = ("Animation involving facet, layer, or concat is currently unsupported",)


async def session(browser, url: str, moves: int, times: list[float], errors: list[str], ready: asyncio.Event,
                  missed: list[str]) -> None:
    context = await browser.new_context(viewport={"width": 1280, "height": 800})
    page = await context.new_page()
    # Resource failures are judged from the responses below (the console line does not name the URL).
    page.on("console", lambda msg: errors.append(f"{url}: console {msg.text[:120]}")
            if msg.type == "error" and not msg.text.startswith("Failed to load resource")
            and not any(n in msg.text for n in KNOWN_NOTICES) else None)
    page.on("requestfailed", lambda req: errors.append(f"{url}: request failed {req.url[:100]}"))
    page.on("response", lambda res: errors.append(f"{url}: HTTP {res.status} {res.url[:100]}")
            if res.status >= 400 and not is_probe(res.url) else None)
    page.on("pageerror", lambda exc: errors.append(f"{url}: pageerror {exc}"))
    try:
        await page.add_init_script(FINISHED_RECORDER)
        await page.goto(url, timeout=120_000)
        await page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=120_000)
        # "notRunning" also shows before the first run starts; a drawn chart means the page is really there
        await page.wait_for_function(CHART_DRAWN, timeout=240_000)
        await ready.wait()  # all sessions open before anyone moves: the load is concurrent
        await page.evaluate(STATE_RECORDER)
        slider = page.locator('[data-testid="stSlider"] input[type="range"]').first
        if not url.endswith("/"):  # every page but home has a slider; it can arrive after the first chart paints
            await slider.wait_for(state="attached", timeout=120_000)
        if await slider.count():
            for i in range(moves):
                await slider.focus()
                t0 = await page.evaluate("performance.now()")
                await page.keyboard.press("ArrowLeft" if i % 2 else "ArrowRight")
                try:
                    await page.wait_for_function(RERUN_DONE, arg=t0, timeout=60_000)
                except Exception:
                    missed.append(url)  # no rerun within 60 s (or a move at a bound, which does not rerun)
                    continue
                times.append(await page.evaluate(TWO_FRAMES) - t0)
        if await page.locator('[data-testid="stException"]').count():
            errors.append(f"{url}: exception block shown")
    except Exception as exc:  # any failure of a session is an error of the run
        errors.append(f"{url}: {type(exc).__name__}: {str(exc)[:160]}")
    finally:
        await context.close()


async def run(sessions: int, moves: int) -> dict:
    from playwright.async_api import async_playwright

    server = start_server()
    try:
        baseline = rss_mb(server.process.pid)
        times: list[float] = []
        errors: list[str] = []
        ready = asyncio.Event()
        missed: list[str] = []
        started = time.perf_counter()
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(executable_path=chromium_executable(), args=CHROMIUM_FLAGS)
            tasks = [asyncio.create_task(session(browser, f"{server.url}/{PAGES[i % len(PAGES)]}", moves, times, errors, ready,
                                                 missed))
                     for i in range(sessions)]
            await asyncio.sleep(1)
            # release the moves after a bounded warm-up, while every session is connected
            await asyncio.sleep(20)
            peak_open = rss_mb(server.process.pid)
            ready.set()
            await asyncio.wait_for(asyncio.gather(*tasks), timeout=TIME_LIMIT_S)
            peak = max(peak_open, rss_mb(server.process.pid))
            await browser.close()
        return {"sessions": sessions, "moves": moves, "errors": errors, "times": times, "missed": missed,
                "baseline_mb": baseline,
                "peak_mb": peak, "seconds": time.perf_counter() - started}
    finally:
        server.stop()


def write(result: dict) -> str:
    times = result["times"] or [float("nan")]
    per_session = (result["peak_mb"] - result["baseline_mb"]) / result["sessions"]
    lines = [
        f"## Load: {result['sessions']} concurrent sessions, {result['moves']} slider moves each (loopback)", "",
        "| sessions | errors | reruns measured | moves without a rerun in 60 s | p50 (ms) | p95 (ms) | "
        "server RSS idle → peak (MB) | MB per session | wall (s) |",
        "|---|---|---|---|---|---|---|---|---|",
        f"| {result['sessions']} | {len(result['errors'])} | {len(result['times'])} | {len(result['missed'])} | "
        f"{statistics.median(times):.0f} | "
        f"{percentile(times, 0.95):.0f} | {result['baseline_mb']:.0f} → {result['peak_mb']:.0f} | {per_session:.1f} | "
        f"{result['seconds']:.0f} |", "",
    ]
    if result["missed"]:
        by_page = Counter(url.split("/", 3)[-1] if url.count("/") >= 3 else url for url in result["missed"])
        lines.append("Moves without a rerun, by page: " + ", ".join(f"/{page} {n}" for page, n in sorted(by_page.items()))
                     + " (no script_finished within 60 s; a move at a slider's bound does not rerun)")
        lines.append("")
    lines += [f"- error: {e}" for e in result["errors"][:20]]
    text = "\n".join(lines) + "\n"
    (ROOT / "benchmarks" / "load_browser_results.md").write_text(text, encoding="utf-8")
    return text


def main() -> int:
    sessions = int(sys.argv[1]) if len(sys.argv) > 1 else 25
    moves = int(sys.argv[2]) if len(sys.argv) > 2 else 4
    result = asyncio.run(run(sessions, moves))
    print(write(result))
    return 1 if result["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
