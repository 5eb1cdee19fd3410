"""Downloads of what the screen shows: the CSV of a frame, and PNG/SVG of a chart rendered on click."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st

from core.charts import ChartLike, export_png, export_svg
from ui.text import in_language, lang, t

__all__ = ["csv_button", "download_view", "on_click"]


def on_click(build: Callable[[], Any]) -> Callable[[], Any]:
    """``build`` as a download's deferred data, run in the language of the session that drew the button.

    Streamlit runs a deferred download in a worker thread, outside the session's script run, where ``t`` would
    read no session and answer in English: a Chinese session's PNG had English subtitle lines.
    """
    language = lang()

    def built() -> Any:
        with in_language(language):
            return build()
    return built


def csv_button(frame: pd.DataFrame | Callable[[], pd.DataFrame], name: str, *, key: str, label: str = "Download CSV",
               container: Any = None) -> None:
    """A CSV download of ``frame`` (or of the frame a function returns), built and encoded only when clicked."""
    table: Callable[[], pd.DataFrame] = frame if callable(frame) else (lambda: frame)
    data = on_click(lambda: table().to_csv(index=False).encode("utf-8"))
    (container or st).download_button(t(label), data, f"{name}.csv", "text/csv", key=key, on_click="ignore")


def download_view(frame: pd.DataFrame | Callable[[], pd.DataFrame], chart: ChartLike | Callable[[], ChartLike] | None,
                  name: str, *, key: str, what: str | None = None) -> None:
    """CSV of the data on screen, and PNG/SVG of the main chart, built only when clicked.

    ``frame`` is the table or a function returning it (e.g. the rows with the assumptions added, which would
    otherwise be rebuilt on every rerun); ``chart`` an Altair chart, a spec dict, or a function returning one
    (e.g. the chart with a subtitle the screen leaves out, such as the year the slider shows); ``what`` names what
    the CSV holds when a page has several.
    """
    row = st.container(horizontal=True)  # one block, not three columns: fewer elements to redraw per rerun
    csv_button(frame, name, key=f"{key}_csv", container=row,
               label=f"Download CSV: {what}" if what else "Download CSV")
    if chart is not None:
        exported: Callable[[], ChartLike] = chart if callable(chart) else (lambda: chart)
        png = on_click(lambda: export_png(exported()))
        svg = on_click(lambda: export_svg(exported()))
        row.download_button(t("Download PNG"), png, f"{name}.png", "image/png", key=f"{key}_png", on_click="ignore")
        row.download_button(t("Download SVG"), svg, f"{name}.svg", "image/svg+xml", key=f"{key}_svg",
                            on_click="ignore")
