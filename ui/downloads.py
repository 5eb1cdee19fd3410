"""Downloads of what the screen shows: the CSV of a frame, and PNG/SVG of a chart rendered on click."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st

from core.charts import ChartLike, export_png, export_svg
from ui.text import t

__all__ = ["csv_button", "download_view"]


def csv_button(frame: pd.DataFrame, name: str, *, key: str, label: str = "Download CSV", container: Any = None) -> None:
    """A CSV download of ``frame``, encoded only when clicked (not on every rerun)."""
    data: Callable[[], bytes] = lambda: frame.to_csv(index=False).encode("utf-8")
    (container or st).download_button(t(label), data, f"{name}.csv", "text/csv", key=key, on_click="ignore")

def download_view(frame: pd.DataFrame, chart: ChartLike | Callable[[], ChartLike] | None, name: str, *,
                  key: str) -> None:
    """CSV of the data on screen, and PNG/SVG of the main chart, rendered only when clicked.

    ``chart`` is an Altair chart, a spec dict, or a function returning one (called on click: e.g. the chart
    with a subtitle the screen leaves out, such as the year the slider shows).
    """
    row = st.container(horizontal=True)  # one block, not three columns: fewer elements to redraw per rerun
    csv_button(frame, name, key=f"{key}_csv", container=row)
    if chart is not None:
        exported: Callable[[], ChartLike] = chart if callable(chart) else (lambda: chart)
        png: Callable[[], bytes] = lambda: export_png(exported())
        svg: Callable[[], str] = lambda: export_svg(exported())
        row.download_button(t("Download PNG"), png, f"{name}.png", "image/png", key=f"{key}_png", on_click="ignore")
        row.download_button(t("Download SVG"), svg, f"{name}.svg", "image/svg+xml", key=f"{key}_svg",
                            on_click="ignore")
