"""A lightweight Streamlit client that speaks the app's websocket protocol (no browser).

It sends what the browser sends — ``BackMsg`` protobufs with ``rerun_script``
(query string, page, widget states) and ``file_urls_request`` — and reads the
``ForwardMsg`` replies: ``new_session``, ``delta`` (elements, among them the
sliders it can move), ``page_info_changed`` (the query string a bound widget
writes) and ``script_finished``.  One client is one visitor's session; fifty of
them cost a few MB in this process instead of fifty Chromium instances.

Used by ``benchmarks/load.py`` (the load test) and ``tests/test_load.py`` (a
short smoke test).  Loopback only.
"""

from __future__ import annotations

import asyncio
import hashlib
import time
import urllib.request
import uuid
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qs, urlsplit

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

# What a visitor reads (widgets, the share link's code block and download buttons are left out: they carry
# per-session ids). Two sessions that asked for the same view must get the same digest of these.
CONTENT = {"markdown", "alert", "text", "metric", "heading", "arrow_vega_lite_chart", "vega_lite_chart",
           "arrow_data_frame", "arrow_table", "json", "table", "dataframe"}
# (Altair 6 names views and parameters by a hash of their content, not from a process-wide counter as Altair 5
# did, so a chart's spec no longer depends on what the process drew before: no renaming before hashing.)
FINISHED_OK = {ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY}
XSRF_COOKIE = "_streamlit_xsrf"


@dataclass
class Slider:
    """A slider (or select_slider) the last run drew: what a move needs to send."""

    id: str
    label: str
    minimum: float
    maximum: float
    step: float
    options: list[str]
    query_key: str
    fragment_id: str
    is_int: bool
    is_range: bool

    def values(self) -> list[float]:
        """Every value the slider can take (indices for a select_slider), at most 200."""
        if self.options:
            return [float(i) for i in range(len(self.options))]
        n = int(round((self.maximum - self.minimum) / self.step)) if self.step > 0 else 0
        stride = max(1, n // 200)
        return [self.minimum + i * self.step for i in range(0, n + 1, stride)]

    def shown(self, value: float) -> str:
        """How the value reads in the URL (a select_slider writes its option, an int slider an integer)."""
        if self.options:
            return self.options[int(value)]
        return str(int(round(value))) if self.is_int else repr(round(value, 10))


@dataclass
class RunResult:
    seconds: float
    status: str  # "ok", "error: ...", "timeout"
    texts: list[str] = field(default_factory=list)
    query: str = ""
    digest: str = ""
    kinds: tuple[str, ...] = ()
    parts: tuple[str, ...] = ()  # a short digest per element, to name the one that differs


class Session:
    """One visitor's websocket session on ``base`` (``http://127.0.0.1:port``), opened on ``page`` (URL path)."""

    def __init__(self, base: str, page: str = "", query: str = "", timeout_s: float = 60.0):
        self.base = base.rstrip("/")
        self.page = page.strip("/")
        self.query = query
        self.timeout_s = timeout_s
        self.ws: Any = None
        self.session_id = ""
        self.page_hash = ""
        self.sliders: dict[str, Slider] = {}
        self.uploaders: dict[str, str] = {}  # widget id -> fragment id
        self.button_groups: dict[str, list[str]] = {}  # widget id -> options (segmented controls)
        self.query_keys: dict[str, str] = {}  # widget id -> query-param key
        self.states: dict[str, Any] = {}  # widget id -> WidgetState kwargs sent with every rerun
        self.cookies: dict[str, str] = {}
        self.errors: list[str] = []
        self._file_urls: dict[str, Any] = {}
        self._reader: asyncio.Task | None = None
        self._finished: asyncio.Queue = asyncio.Queue()
        self._texts: list[str] = []
        self._digest = hashlib.sha256()
        self._kinds: list[str] = []
        self._parts: list[str] = []
        self._url_query = query

    # --- connection ---------------------------------------------------------------------------------
    async def open(self) -> RunResult:
        """Load the page (HTML, for the XSRF cookie, as a browser does), connect, and run it once."""
        import websockets

        await asyncio.to_thread(self._get_page)
        host = urlsplit(self.base).netloc
        cookie = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        headers = {"Origin": self.base, **({"Cookie": cookie} if cookie else {})}
        self.ws = await websockets.connect(f"ws://{host}/_stcore/stream", subprotocols=["streamlit"],
                                           additional_headers=headers, max_size=None, open_timeout=self.timeout_s,
                                           ping_interval=None)
        self._reader = asyncio.create_task(self._read())
        return await self.rerun(first=True)

    def _get_page(self) -> None:
        request = urllib.request.Request(f"{self.base}/{self.page}" + (f"?{self.query}" if self.query else ""),
                                         headers={"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())})
        with urllib.request.urlopen(request, timeout=self.timeout_s) as response:
            response.read()
            self._take_cookies(response.headers.get_all("Set-Cookie") or [])
        if XSRF_COOKIE not in self.cookies:  # the health endpoint sets it too
            request = urllib.request.Request(f"{self.base}/_stcore/health", headers={
                "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())})
            with urllib.request.urlopen(request, timeout=self.timeout_s) as response:
                self._take_cookies(response.headers.get_all("Set-Cookie") or [])

    def _take_cookies(self, lines: list[str]) -> None:
        for line in lines:
            jar = SimpleCookie()
            jar.load(line)
            for name, morsel in jar.items():
                self.cookies[name] = morsel.value

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()
        if self._reader is not None:
            self._reader.cancel()
            try:
                await self._reader
            except (asyncio.CancelledError, Exception):
                pass

    # --- reading ForwardMsgs ------------------------------------------------------------------------
    async def _read(self) -> None:
        try:
            async for frame in self.ws:
                msg = ForwardMsg()
                msg.ParseFromString(frame)
                self._handle(msg)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # a dropped connection is an error of the session
            self.errors.append(f"websocket: {type(exc).__name__}: {str(exc)[:120]}")
        finally:
            self._finished.put_nowait(None)

    def _handle(self, msg: ForwardMsg) -> None:
        kind = msg.WhichOneof("type")
        if kind == "new_session":
            self.session_id = msg.new_session.initialize.session_id or self.session_id
            self.page_hash = msg.new_session.page_script_hash
        elif kind == "page_info_changed":
            self._url_query = msg.page_info_changed.query_string
        elif kind == "page_not_found":
            self.errors.append(f"page not found: {msg.page_not_found.page_name}")
        elif kind == "file_urls_response":
            self._file_urls[msg.file_urls_response.response_id] = msg.file_urls_response
        elif kind == "delta":
            self._delta(msg.delta, msg.hash)
        elif kind == "script_finished":
            self._finished.put_nowait(msg.script_finished)

    def _delta(self, delta: Any, digest: str = "") -> None:
        if delta.WhichOneof("type") != "new_element":
            return
        element = delta.new_element
        kind = element.WhichOneof("type")
        if kind in CONTENT:
            # The server's own hash of the message (ForwardMsg.hash: the delta serialised deterministically,
            # without its metadata), so the client does not re-serialise every element (a map spec is MBs).
            part = digest or hashlib.sha1(element.SerializeToString(deterministic=True)).hexdigest()
            self._digest.update(kind.encode() + part.encode())
            self._parts.append(part[:8])
            self._kinds.append(kind)
        if kind == "exception":
            self.errors.append(f"exception shown: {element.exception.type} {element.exception.message[:100]}")
        elif kind == "slider":
            s = element.slider
            if not s.disabled:
                self.sliders[s.id] = Slider(s.id, s.label, s.min, s.max, s.step or 1.0, list(s.options),
                                            s.query_param_key, delta.fragment_id, s.data_type == s.INT,
                                            len(s.default) >= 2)
        elif kind == "file_uploader":
            self.uploaders[element.file_uploader.id] = delta.fragment_id
        elif kind == "button_group":
            group = element.button_group
            self.button_groups[group.id] = [o.content for o in group.options]
            if getattr(group, "query_param_key", ""):
                self.query_keys[group.id] = group.query_param_key
        elif kind in ("markdown", "alert", "text"):
            self._texts.append(getattr(element, kind).body)

    # --- sending BackMsgs ---------------------------------------------------------------------------
    async def rerun(self, *, first: bool = False, fragment_id: str = "") -> RunResult:
        """Send ``rerun_script`` with the current widget states; wait for ``script_finished``."""
        while not self._finished.empty():
            self._finished.get_nowait()
        self._texts = []
        self._digest = hashlib.sha256()
        self._kinds = []
        self._parts = []
        back = BackMsg()
        rerun = back.rerun_script
        rerun.query_string = self._url_query if not first else self.query
        # The page by its URL path on every run (the hash of the first run's new_session is the main script's in
        # Streamlit 1.67 when a deep link opens a page, so it cannot name the page for the next runs).
        rerun.page_name = self.page
        if fragment_id:
            rerun.fragment_id = fragment_id
        for widget_id, state in self.states.items():
            ws = rerun.widget_states.widgets.add()
            ws.id = widget_id
            kind, value = state
            if kind == "double_array":
                ws.double_array_value.data.extend(value)
            elif kind == "string_array":
                ws.string_array_value.data.extend(value)
            elif kind == "file_uploader":
                ws.file_uploader_state_value.CopyFrom(value)
        start = time.perf_counter()
        await self.ws.send(back.SerializeToString())
        try:
            while True:
                finished = await asyncio.wait_for(self._finished.get(), timeout=self.timeout_s)
                if finished is None:
                    return RunResult(time.perf_counter() - start, "error: connection closed")
                if finished in FINISHED_OK:
                    return RunResult(time.perf_counter() - start, "ok", list(self._texts), self._url_query,
                                     self._digest.hexdigest(), tuple(self._kinds), tuple(self._parts))
                if finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                    return RunResult(time.perf_counter() - start, "error: compile error")
                # FINISHED_EARLY_FOR_RERUN: a newer run follows; keep waiting for it
        except asyncio.TimeoutError:
            return RunResult(time.perf_counter() - start, "timeout")

    async def move(self, slider: Slider, value: float | tuple[float, float]) -> RunResult:
        """Set a slider as a drag would, and rerun (the slider's fragment only, if it sits in one).

        ``value`` is a value (an option's index for a select_slider), or a (low, high) pair for a range slider.
        """
        values = list(value) if isinstance(value, tuple) else [value]
        if slider.options:  # a select_slider sends its options as shown
            self.states[slider.id] = ("string_array", [slider.options[int(v)] for v in values])
        else:
            self.states[slider.id] = ("double_array", values)
        return await self.rerun(fragment_id=slider.fragment_id)

    def query_value(self, key: str) -> list[str]:
        return parse_qs(self._url_query, keep_blank_values=True).get(key, [])

    async def upload(self, uploader_id: str, name: str, content: bytes, mime: str = "text/csv") -> RunResult:
        """Upload a file the way the browser's file_uploader does, then rerun with it as the widget's value."""
        from streamlit.proto.Common_pb2 import FileUploaderState

        request_id = uuid.uuid4().hex
        back = BackMsg()
        back.file_urls_request.request_id = request_id
        back.file_urls_request.session_id = self.session_id
        back.file_urls_request.file_names.append(name)
        await self.ws.send(back.SerializeToString())
        deadline = time.monotonic() + self.timeout_s
        while request_id not in self._file_urls:
            if time.monotonic() > deadline:
                return RunResult(self.timeout_s, "timeout")
            await asyncio.sleep(0.02)
        response = self._file_urls.pop(request_id)
        if response.error_msg:
            return RunResult(0.0, f"error: {response.error_msg}")
        urls = response.file_urls[0]
        await asyncio.to_thread(self._put, urls.upload_url, name, content, mime)
        state = FileUploaderState()
        info = state.uploaded_file_info.add()
        info.file_id, info.name, info.size = urls.file_id, name, len(content)
        info.file_urls.CopyFrom(urls)
        self.states[uploader_id] = ("file_uploader", state)
        return await self.rerun(fragment_id=self.uploaders.get(uploader_id, ""))

    def _put(self, url: str, name: str, content: bytes, mime: str) -> None:
        boundary = uuid.uuid4().hex
        body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{name}\"\r\n"
                f"Content-Type: {mime}\r\n\r\n").encode() + content + f"\r\n--{boundary}--\r\n".encode()
        target = url if url.startswith("http") else f"{self.base}{url if url.startswith('/') else '/' + url}"
        request = urllib.request.Request(target, data=body, method="PUT", headers={
            "Content-Type": f"multipart/form-data; boundary={boundary}",
            "X-Xsrftoken": self.cookies.get(XSRF_COOKIE, ""), "Origin": self.base,
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())})
        with urllib.request.urlopen(request, timeout=self.timeout_s) as response:
            if response.status >= 300:
                raise RuntimeError(f"upload HTTP {response.status}")
