"""Load: N concurrent visitors on one server process, as protocol-level clients (no browsers).

Each visitor is a :class:`benchmarks.protocol.Session`: it opens a page by deep
link (pages in turn: /, /scale, /map, /regression, /policy, /global), then for a
fixed time moves that page's first slider to values drawn at random (Home, which
has no slider, reruns), pausing a think time between moves as a person does.
Some /regression visitors switch to their own data and upload a file carrying a
marker column; the page names ignored columns, so each uploader must see its own
marker and nobody else's.  Settings isolation: every rerun's digest of what the
page shows must be the same for every session that asked for the same view
(page, slider, value); a session that saw another's settings would differ.

Measured: errors (exceptions shown, failed or timed-out runs, dropped sockets:
must be 0), rerun time from the BackMsg sent to ``script_finished`` (p50/p95),
reruns per second, the server's RSS (idle, after one visitor per page, after
all, peak).  Loopback only, bounded in time.

Run: ``python benchmarks/load.py [sessions] [seconds] [servers] [--think 2 8] [--pages / /map] [--nice 10]``
— prints a table; the
full set (1 → 50 sessions, a second process behind a balancer, idle memory) is
run by ``benchmarks/run.py``.
"""

from __future__ import annotations

import asyncio
import os
import random
import re
import statistics
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.balancer import Balancer  # noqa: E402
from benchmarks.protocol import Session  # noqa: E402
from tests.browser.conftest import StreamlitServer, start_server  # noqa: E402
from ui.pages_list import SLUGS  # noqa: E402

PAGES = list(SLUGS)
# Pause between a visitor's moves, uniform: a person reads the chart that changed before moving again.
THINK_S = (2.0, 8.0)
MARKER = "isolation_marker_"


def rss_mb(pid: int) -> float:
    """Resident memory of a process, in MB (Linux /proc)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def cpu_s(pid: int) -> float:
    """CPU seconds (user + system) a process has used so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


@dataclass
class Outcome:
    sessions: int
    servers: int
    seconds: float
    think_s: tuple[float, float]
    open_s: list[float] = field(default_factory=list)
    reruns: list[float] = field(default_factory=list)
    by_page: dict = field(default_factory=lambda: defaultdict(list))
    errors: list[str] = field(default_factory=list)
    rss_idle_mb: float = float("nan")
    rss_one_per_page_mb: float = float("nan")
    rss_all_open_mb: float = float("nan")
    rss_peak_mb: float = float("nan")
    isolation_views: int = 0
    isolation_conflicts: list[str] = field(default_factory=list)
    uploaders: int = 0
    upload_leaks: list[str] = field(default_factory=list)
    backend_connections: list[int] = field(default_factory=list)
    server_cpu_s: float = float("nan")  # CPU the server process(es) used while the visitors moved
    client_cpu_s: float = float("nan")  # CPU this process (the visitors) used meanwhile

    @property
    def server_cores(self) -> float:
        return self.server_cpu_s / self.seconds if self.seconds else float("nan")

    @property
    def server_ms_per_rerun(self) -> float:
        """Server CPU per rerun (ms): what a move costs the server, independent of queueing."""
        return self.server_cpu_s * 1000 / len(self.reruns) if self.reruns else float("nan")

    @property
    def client_cores(self) -> float:
        return self.client_cpu_s / self.seconds if self.seconds else float("nan")

    @property
    def throughput(self) -> float:
        return len(self.reruns) / self.seconds if self.seconds else float("nan")

    @property
    def mb_per_extra_session(self) -> float:
        extra = self.sessions - min(self.sessions, len(PAGES))
        if self.servers > 1:  # the first six visitors do not visit every page on every process
            return float("nan")
        return (self.rss_all_open_mb - self.rss_one_per_page_mb) / extra if extra > 0 else float("nan")


def upload_csv(marker: str) -> bytes:
    """The bundled demo panel as a visitor's file, with one extra column the page reports as ignored."""
    from core import datasets, demo_panel

    frame = demo_panel.demo_panel(datasets.paper_provinces(), datasets.load_table4(),
                                  datasets.load_table5().coefficients).reset_index()
    return frame.assign(**{marker: 1}).to_csv(index=False).encode()


class Visitor:
    def __init__(self, index: int, base: str, page: str, upload: bool):
        self.index, self.page, self.upload = index, page, upload
        self.base = base
        self.rng = random.Random(index)
        self.session = Session(base, page)
        self.marker = f"{MARKER}{index}" if upload else ""
        self.seen_texts: list[str] = []

    async def open(self, out: Outcome) -> None:
        started = time.perf_counter()
        result = await self.session.open()
        if result.status != "ok":
            out.errors.append(f"/{self.page} #{self.index}: open {result.status}")
            return
        self.seen_texts += result.texts
        if self.upload:
            await self._switch_to_upload(out)
        out.open_s.append(time.perf_counter() - started)

    async def _switch_to_upload(self, out: Outcome) -> None:
        """Open the page again with its data source on "upload" (a link with the source's parameter), upload."""
        # The control shows words ("Uploaded data") over the code its link carries ("upload").
        source = next((wid for wid, options in self.session.button_groups.items()
                       if any("upload" in option.lower() for option in options)), None)
        if source is None:
            out.errors.append(f"/{self.page} #{self.index}: no data source control with an upload option")
            return
        key = self.session.query_keys.get(source) or source.rsplit("-", 1)[-1]
        await self.session.close()
        self.session = Session(self.base, self.page, f"{key}=upload")
        result = await self.session.open()
        if result.status != "ok" or not self.session.uploaders:
            out.errors.append(f"/{self.page} #{self.index}: upload source did not open ({result.status})")
            return
        uploader = next(iter(self.session.uploaders))
        result = await self.session.upload(uploader, f"panel_{self.index}.csv", upload_csv(self.marker))
        if result.status != "ok":
            out.errors.append(f"/{self.page} #{self.index}: upload {result.status}")
        self.seen_texts += result.texts
        out.uploaders += 1

    async def move_until(self, deadline: float, out: Outcome, views: dict) -> None:
        sliders = list(self.session.sliders.values())
        slider = sliders[0] if sliders else None
        values = slider.values() if slider else []
        while time.perf_counter() < deadline:
            await asyncio.sleep(self.rng.uniform(*out.think_s))
            if time.perf_counter() >= deadline:
                break
            if slider is None:
                result, view = await self.session.rerun(), (self.page, "rerun")
            else:
                if slider.is_range:  # a low end in the first half, a high end in the second
                    half = len(values) // 2
                    value = (self.rng.choice(values[:half or 1]), self.rng.choice(values[half:]))
                else:
                    value = self.rng.choice(values)
                result = await self.session.move(slider, value)
                view = (self.page, self.session.query, slider.id, value)
            if result.status != "ok":
                out.errors.append(f"/{self.page} #{self.index}: rerun {result.status}")
                continue
            out.reruns.append(result.seconds)
            out.by_page[self.page].append(result.seconds)
            self.seen_texts += result.texts
            if not self.upload:
                views[view].add((result.digest, result.kinds, result.parts))

    def leaks(self) -> list[str]:
        """Markers of other sessions' uploads this session was shown, or its own marker missing."""
        # The page may quote a column name in markdown (**name**, `name`): read the marker's own characters only.
        found = {match for text in self.seen_texts for match in re.findall(MARKER + r"\d+", text)}
        foreign = sorted(m for m in found if m != self.marker)
        problems = [f"#{self.index} saw {m}" for m in foreign]
        if self.upload and self.marker not in found:
            problems.append(f"#{self.index} did not see its own upload ({self.marker})")
        return problems


def first_difference(variants: set) -> str:
    """Index and kind of the first element whose content differs between the variants of one view."""
    listed = sorted(variants)
    for i, (kind, *_) in enumerate(zip(*(k for _, k, _ in listed))):
        shown = sorted({p[i] for _, _, p in listed})
        if len(shown) > 1:
            return f"#{i} ({kind}: {', '.join(shown)})"
    return "none (element lists differ in length)"


async def sample_rss(pids: list[int], peak: list[float], stop: asyncio.Event) -> None:
    while not stop.is_set():
        peak[0] = max(peak[0], sum(rss_mb(pid) for pid in pids))
        try:
            await asyncio.wait_for(stop.wait(), timeout=0.25)
        except asyncio.TimeoutError:
            pass


async def load(sessions: int, seconds: float, *, servers: int = 1, think_s: tuple[float, float] = THINK_S,
               uploaders: int | None = None, pages: list[str] | None = None) -> Outcome:
    """Start ``servers`` fresh server processes (behind a :class:`Balancer` if more than one) and load them.

    Visitor ``i`` opens ``pages[i % len(pages)]`` (default :data:`PAGES`); every other /regression visitor
    uploads (at most ``uploaders``).
    """
    pages = pages or PAGES
    procs: list[StreamlitServer] = []
    balancer = None
    out = Outcome(sessions, servers, seconds, think_s)
    try:
        for _ in range(servers):
            procs.append(await asyncio.to_thread(start_server))
        pids = [p.process.pid for p in procs]
        base = procs[0].url
        if servers > 1:
            balancer = Balancer([("127.0.0.1", p.port) for p in procs])
            await balancer.start()
            base = balancer.url
        await asyncio.sleep(1)
        out.rss_idle_mb = sum(rss_mb(pid) for pid in pids)
        regression = [i for i in range(sessions) if pages[i % len(pages)] == "regression"]
        n_up = len(regression) // 2 if uploaders is None else uploaders
        upload_set = set(regression[1::2][:n_up])  # every other /regression visitor brings a file
        visitors = [Visitor(i, base, pages[i % len(pages)], i in upload_set) for i in range(sessions)]
        peak, stop = [0.0], asyncio.Event()
        sampler = asyncio.create_task(sample_rss(pids, peak, stop))
        first = visitors[:len(pages)]
        await asyncio.gather(*(v.open(out) for v in first))  # one visitor per page: every module imported
        await asyncio.sleep(1)
        out.rss_one_per_page_mb = sum(rss_mb(pid) for pid in pids)
        await asyncio.gather(*(v.open(out) for v in visitors[len(pages):]))
        await asyncio.sleep(1)
        out.rss_all_open_mb = sum(rss_mb(pid) for pid in pids)
        views: dict = defaultdict(set)
        started = time.perf_counter()
        server_cpu, client_cpu = sum(cpu_s(pid) for pid in pids), time.process_time()
        deadline = started + seconds
        await asyncio.gather(*(v.move_until(deadline, out, views) for v in visitors))
        out.seconds = time.perf_counter() - started
        out.server_cpu_s = sum(cpu_s(pid) for pid in pids) - server_cpu
        out.client_cpu_s = time.process_time() - client_cpu
        stop.set()
        await sampler
        out.rss_peak_mb = peak[0]
        out.isolation_views = len(views)
        out.isolation_conflicts = [
            f"/{view[0]} {view[2:] if len(view) > 2 else ''}: {len(d)} different views, element counts "
            f"{sorted(len(k) for _, k, _ in d)}, first differing element: {first_difference(d)}"
            for view, d in views.items() if len(d) > 1]
        for v in visitors:
            out.errors += [f"/{v.page} #{v.index}: {e}" for e in v.session.errors]
            out.upload_leaks += v.leaks()
        if balancer is not None:
            out.backend_connections = list(balancer.connections)
        await asyncio.gather(*(v.session.close() for v in visitors), return_exceptions=True)
    finally:
        if balancer is not None:
            await balancer.stop()
        for p in procs:
            await asyncio.to_thread(p.stop)
    return out


async def idle_memory(pages: list[str] | None = None) -> list[tuple[str, float]]:
    """Server RSS with one idle visitor: on a fresh server per page, then one server visited page after page.

    The first rows are what one session on one page costs a new process; the last is a session that opened
    every page in turn (closed before the next), which leaves every library imported and every cache filled.
    """
    rows = []
    pages = PAGES if pages is None else pages
    for page in pages:
        server = await asyncio.to_thread(start_server)
        try:
            session = Session(server.url, page)
            result = await session.open()
            await asyncio.sleep(2)  # idle: the heap settles (collection and freeze a second after the run)
            rows.append((f"fresh server, one idle session on /{page} ({result.status})", rss_mb(server.process.pid)))
            await session.close()
        finally:
            await asyncio.to_thread(server.stop)
    server = await asyncio.to_thread(start_server)
    try:
        for page in pages:
            session = Session(server.url, page)
            result = await session.open()
            await session.close()
        await asyncio.sleep(2)
        session = Session(server.url, "")
        await session.open()
        await asyncio.sleep(2)
        rows.append(("one server, every page opened in turn, then one idle session on /", rss_mb(server.process.pid)))
        await session.close()
    finally:
        await asyncio.to_thread(server.stop)
    return rows


def page_rows(o: Outcome) -> list[str]:
    """Rerun times by page for one load run."""
    lines = ["| page | reruns | p50 (ms) | p95 (ms) | max (ms) |", "|---|---|---|---|---|"]
    for page in PAGES:
        times = o.by_page.get(page, [])
        lines.append(f"| /{page} | {len(times)} | {percentile(times, 0.5) * 1000:.0f} | "
                     f"{percentile(times, 0.95) * 1000:.0f} | {max(times, default=float('nan')) * 1000:.0f} |")
    return lines


def row(o: Outcome) -> str:
    return (f"| {o.sessions} | {o.servers} | {len(o.errors)} | {len(o.reruns)} | {o.throughput:.1f} | "
            f"{percentile(o.reruns, 0.5) * 1000:.0f} | {percentile(o.reruns, 0.95) * 1000:.0f} | "
            f"{max(o.reruns, default=float('nan')) * 1000:.0f} | "
            f"{percentile(o.open_s, 0.95):.1f} | {o.rss_idle_mb:.0f} / {o.rss_one_per_page_mb:.0f} / "
            f"{o.rss_all_open_mb:.0f} / {o.rss_peak_mb:.0f} | {o.mb_per_extra_session:.1f} | "
            f"{o.isolation_views} views, {len(o.isolation_conflicts)} conflicts; {o.uploaders} uploads, "
            f"{len(o.upload_leaks)} leaks | {o.server_cores:.2f} / {o.client_cores:.2f} | {o.server_ms_per_rerun:.0f} |")


HEADER = ("| sessions | server processes | errors | reruns | reruns/s | p50 (ms) | p95 (ms) | max (ms) | "
          "open p95 (s) | RSS MB: idle / one per page / all open / peak | MB per extra session | isolation | "
          "CPU cores used: server / visitors | server CPU ms per rerun |\n"
          "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description="Protocol-level visitors on fresh server process(es).")
    parser.add_argument("sessions", type=int, nargs="?", default=50)
    parser.add_argument("seconds", type=float, nargs="?", default=30)
    parser.add_argument("servers", type=int, nargs="?", default=1, help="processes behind the balancer")
    parser.add_argument("--think", type=float, nargs=2, default=THINK_S, metavar=("LOW", "HIGH"),
                        help="seconds between a visitor's moves (uniform; default 2 8)")
    parser.add_argument("--pages", nargs="*", default=None, help="URL paths the visitors open in turn (/ /map ...)")
    parser.add_argument("--nice", type=int, default=0,
                        help="lower this process's priority (the visitors) below the server's, e.g. 10")
    args = parser.parse_args(argv)
    if args.nice:
        os.nice(args.nice)
    pages = None if args.pages is None else [p.strip("/") for p in args.pages]
    out = asyncio.run(load(args.sessions, args.seconds, servers=args.servers, think_s=tuple(args.think),
                           pages=pages))
    print(f"Machine load average {' / '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} cores")
    print(HEADER)
    print(row(out))
    print("\n".join(page_rows(out)))
    for e in (out.errors + out.isolation_conflicts + out.upload_leaks)[:20]:
        print("-", e)
    return 1 if out.errors or out.isolation_conflicts or out.upload_leaks else 0


if __name__ == "__main__":
    sys.exit(main())
