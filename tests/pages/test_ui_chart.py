"""The one chart call (ui.charts.chart): a builder, a spec template with rows, an Altair chart."""

from __future__ import annotations

import altair as alt
import pandas as pd
import pytest

from ui.charts import ChartRows, chart


class Recorder:
    """A stand-in for a Streamlit container: records what would be drawn."""

    def __init__(self):
        self.drawn = []

    def vega_lite_chart(self, spec, **options):
        self.drawn.append((spec, options))


def bars(frame: pd.DataFrame, *, title: str = "t") -> alt.Chart:
    return alt.Chart(frame, title=title).mark_bar().encode(x="a:Q", y="b:N")


FRAME = pd.DataFrame({"a": [1.0, 2.0], "b": ["x", "y"]})
TEMPLATE = {"data": {"name": "rows"}, "mark": "bar", "encoding": {"x": {"field": "a", "type": "quantitative"}}}


def test_a_builder_is_drawn_from_its_spec_and_the_spec_returned():
    box = Recorder()
    spec = chart(bars, FRAME, title="Bars", container=box, key="k", width="stretch")
    drawn, options = box.drawn[0]
    assert {k: v for k, v in drawn.items() if k != "datasets"} == {k: v for k, v in spec.items() if k != "datasets"}
    # the same rows, drawn as the Arrow bytes st.vega_lite_chart would have made of the records (made once)
    from streamlit import dataframe_util
    assert drawn["datasets"] == {name: dataframe_util.convert_anything_to_arrow_bytes(records)
                                 for name, records in spec["datasets"].items()}
    assert spec["title"] == "Bars"
    assert options == {"key": "k", "width": "stretch"}
    assert list(spec["datasets"].values())[0] == [{"a": 1.0, "b": "x"}, {"a": 2.0, "b": "y"}]


def test_a_template_gets_its_rows_arrow_drawn_records_returned():
    box = Recorder()
    rows = ChartRows.of({"rows": FRAME})
    returned = chart(TEMPLATE, rows=rows, container=box, on_select="rerun", selection_mode=["year"])
    drawn, options = box.drawn[0]
    assert isinstance(drawn["datasets"]["rows"], bytes)  # Arrow IPC, sent as it is
    assert returned["datasets"]["rows"] == [{"a": 1.0, "b": "x"}, {"a": 2.0, "b": "y"}]  # self-contained export
    assert options["on_select"] == "rerun" and options["selection_mode"] == ["year"]
    assert "datasets" not in TEMPLATE  # the cached template is left as it is


def test_a_template_with_a_dict_of_rows_and_an_altair_chart():
    box = Recorder()
    returned = chart(TEMPLATE, rows={"rows": FRAME}, container=box)
    assert returned["datasets"]["rows"] is FRAME and box.drawn[0][0] == returned
    assert box.drawn[0][0]["datasets"]["rows"] is FRAME
    spec = chart(bars(FRAME), container=box)
    assert spec["mark"] in ("bar", {"type": "bar"})


def test_builder_arguments_with_a_spec_are_refused():
    with pytest.raises(TypeError):
        chart(TEMPLATE, FRAME, container=Recorder())
