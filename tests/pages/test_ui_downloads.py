"""Downloads built on click (ui.downloads): they run in the server's worker thread, in the session's language."""

from __future__ import annotations

import threading

import pandas as pd
import streamlit as st

from ui import downloads, text


def in_worker_thread(build):
    """Run ``build`` as Streamlit runs a deferred download: in another thread, outside any script run."""
    out: dict[str, object] = {}
    worker = threading.Thread(target=lambda: out.update(value=build()))
    worker.start()
    worker.join()
    return out["value"]


def test_a_download_built_on_click_speaks_the_language_of_the_session_that_drew_it(monkeypatch):
    monkeypatch.setattr(st, "session_state", {"lang": "中文"})
    assert text.t("Download PNG") != "Download PNG"  # the session is Chinese
    zh = text.t("Download PNG")
    built = downloads.on_click(lambda: text.t("Download PNG"))
    monkeypatch.setattr(st, "session_state", {})  # the worker thread reads no session
    assert in_worker_thread(lambda: text.t("Download PNG")) == "Download PNG"  # what happened before on_click
    assert in_worker_thread(built) == zh
    assert text.lang() == "en"  # the pin is the worker's alone, and ends with the build


def test_a_csv_is_built_from_a_frame_or_from_a_function_only_when_clicked(monkeypatch):
    drawn: dict[str, object] = {}
    monkeypatch.setattr(st, "download_button", lambda label, data, *a, **k: drawn.update({k["key"]: data}))
    monkeypatch.setattr(st, "session_state", {})
    calls = []

    def table() -> pd.DataFrame:
        calls.append(1)
        return pd.DataFrame({"a": [1, 2]})

    downloads.csv_button(table, "x", key="lazy")
    downloads.csv_button(pd.DataFrame({"a": [3]}), "y", key="eager")
    assert calls == []  # nothing built while the page draws
    assert in_worker_thread(drawn["lazy"]) == b"a\n1\n2\n" and calls == [1]
    assert in_worker_thread(drawn["eager"]) == b"a\n3\n"
