"""Helpers for AppTest: run a page from the project root and read Vega-Lite specs from protos."""

from __future__ import annotations

import json
from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]


def run_page(path: str, *, query: dict[str, str] | None = None, timeout: float = 60) -> AppTest:
    # Pages are run through the entry script, as the server does: st.page_link
    # resolves page paths relative to the entry point.
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=timeout)
    if path != "streamlit_app.py":
        at.switch_page(path)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    return at.run()


def vega_specs(at: AppTest) -> list[dict]:
    """The Vega-Lite specs of every Altair chart on the page (AppTest does not render charts)."""
    specs = []
    for node in at.get("vega_lite_chart"):
        specs.append(json.loads(node.proto.spec))
    return specs


def assert_clean(at: AppTest) -> None:
    """No exception element and no error box on the page."""
    assert not at.exception, [e.value for e in at.exception]


def chart_rows(node) -> dict[str, "pd.DataFrame"]:
    """The named datasets Streamlit sends beside a chart's spec (as Arrow), as DataFrames."""
    import pyarrow as pa

    return {d.name: pa.ipc.open_stream(d.data.data).read_all().to_pandas() for d in node.proto.datasets}
