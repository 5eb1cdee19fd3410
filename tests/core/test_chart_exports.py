"""Exports draw what the screen draws: the map at the year on screen, the event study's points in their period.

The PNG/SVG of a chart is rendered offline (vl-convert) from the same spec and rows as the screen; these tests
render it and read the SVG back.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

from core import agglomeration, datasets, geo
from core.charts import did as did_charts
from core.charts import export_svg
from core.charts import map as map_charts

TRANSLATE = r'transform="translate\(([-\d.]+),([-\d.]+)\)"'


def event_table() -> pd.DataFrame:
    rows = []
    for method, shift in (("did2s", 0.0), ("twfe", 0.5)):
        for k in range(-3, 4):
            estimate = 0.0 if k == -1 else k + shift
            rows.append({"rel_period": k, "estimate": estimate, "ci_low": estimate - 0.2, "ci_high": estimate + 0.2,
                         "is_reference": k == -1, "n_obs": 10, "binned": False, "method": method})
    return pd.DataFrame(rows)


def axis_labels(svg: str) -> dict[str, float]:
    """x of each label of the x axis (the first axis-label group whose labels are the periods)."""
    for group in re.findall(r'role-axis-label"[^>]*>(.*?)</g>', svg):
        labels = {text: float(x) for x, _, text in re.findall(TRANSLATE + r'[^>]*>([^<]+)</text>', group)}
        if "-3" in labels and "3" in labels:
            return labels
    raise AssertionError("no period axis in the SVG")


@pytest.mark.parametrize("methods", [("did2s", "twfe"), ("did2s",)])
def test_every_exported_event_study_point_sits_in_its_own_period(methods):
    table = event_table()
    table = table[table.method.isin(methods)]
    svg = export_svg(did_charts.event_study_chart(table).to_dict())
    ticks = axis_labels(svg)
    step = (ticks["3"] - ticks["-3"]) / 6
    points = re.findall(r'aria-label="[^"]*?: (-?\d); estimate: [^"]*?method_name: ([^;]+);[^"]*"[^>]*'
                        r'aria-roledescription="point" ' + TRANSLATE, svg)
    assert len(points) == len(table)
    for period, method, x, _ in points:
        # each estimator's point is within its period's band (the bug drew did2s a whole period to the right)
        assert abs(float(x) - ticks[period]) < step / 2, (period, method, x, ticks[period])
    if len(methods) == 2:  # and the two estimators sit side by side, not on top of each other
        xs = {(p, m): float(x) for p, m, x, _ in points}
        assert xs[("0", "TWFE")] != xs[("0", "did2s (Gardner)")]


def map_spec(year_on_screen: int) -> tuple[dict, pd.DataFrame]:
    table1 = datasets.load_table1()
    years = tuple(sorted(int(y) for y in table1.year.unique()))
    options = map_charts.MapOptions(year=years[-1], years=years, fixed_scale=False, source_label="Table 1")
    values = map_charts.map_values(agglomeration.rankings_all_years(table1), options)
    features = geo.round_coordinates(geo.simplify(datasets.load_china_provinces(), 0.05), 2)["features"]
    shapes = map_charts.map_shapes(features, datasets.load_regions())
    spec = map_charts.choropleth_spec(shapes, options, values)  # opens on 2023, as a cached screen spec may
    return map_charts.at_year(spec, year_on_screen, ["Classes: Fisher-Jenks, 5"]), values.rows


def test_the_map_export_carries_the_year_on_screen_in_its_title_and_colours():
    spec, rows = map_spec(2015)
    svg = export_svg(spec)
    assert "Agglomeration index, 2015" in svg and "Agglomeration index, 2023" not in svg
    assert "Classes: Fisher-Jenks, 5" in svg and "Source: Table 1" in svg
    fills = dict(zip(rows.key, rows.fill))
    drawn = dict(re.findall(r'aria-label="[^"]*?Name \(English\): ([A-Za-z ]+);[^"]*"[^>]*?fill="(#[0-9a-f]{6})"', svg))
    assert len(drawn) >= 30
    for province in ("Beijing", "Guangdong", "Gansu"):
        assert drawn[province] == fills[f"{province}|2015"]
    changed = [p for p in drawn if fills.get(f"{p}|2015") != fills.get(f"{p}|2023")]
    assert changed, "per-year classes: some province has another colour in 2015 than in 2023 (else the test is void)"


def test_a_province_without_data_reads_no_data_not_null():
    spec, _ = map_spec(2015)
    svg = export_svg(spec)
    tibet = re.search(r'aria-label="[^"]*?Name \(English\): Tibet;[^"]*"', svg)
    assert tibet and "Agglomeration index: no data" in tibet.group(0) and "Rank that year: no data" in tibet.group(0)


def test_at_year_leaves_the_spec_it_is_given_alone():
    spec, _ = map_spec(2015)
    again = map_charts.at_year(spec, 2012)
    assert next(p for p in spec["params"] if p["name"] == "year")["value"] == [{"year": 2015}]
    assert next(p for p in again["params"] if p["name"] == "year")["value"] == [{"year": 2012}]
    assert next(p for p in again["params"] if p["name"] == "shown_year")["expr"].endswith(" 2012)")


def test_the_lisa_map_says_no_data_for_a_province_without_a_value():
    from core import spatial

    table1 = datasets.load_table1()
    values = table1[table1.year == 2017].set_index("province")["idt"]
    clusters = spatial.lisa(values, spatial.contiguity_weights(datasets.load_china_provinces(),
                                                               datasets.paper_provinces())).table
    features = geo.round_coordinates(geo.simplify(datasets.load_china_provinces(), 0.05), 2)["features"]
    svg = export_svg(map_charts.lisa_map(features, clusters, year=2017, source_label="Table 1",
                                         labels={"no data": "no data"}))
    tibet = re.search(r'aria-label="[^"]*?Name \(English\): Tibet;[^"]*"', svg)
    # (the SVG's description also names the colour channel, which is null there: that is not the tooltip)
    assert tibet and "Local Moran's I: no data" in tibet.group(0) and "Pseudo p-value: no data" in tibet.group(0)
    beijing = re.search(r'aria-label="[^"]*?Name \(English\): Beijing;[^"]*"', svg)
    assert beijing and "Pseudo p-value: 0." in beijing.group(0)
