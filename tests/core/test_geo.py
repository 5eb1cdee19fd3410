"""core.geo and core.charts.map: light features, clockwise rings, joined values, a map spec under 150 KB."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from core import agglomeration, datasets, geo
from core.charts import map as map_charts

YEARS = tuple(datasets.PAPER_YEARS)


@pytest.fixture(scope="module")
def light() -> dict:
    return geo.round_coordinates(geo.simplify(datasets.load_china_provinces(), 0.03), 2)


def test_bundled_and_light_exterior_rings_are_clockwise(light):
    assert all(geo.is_clockwise(ring) for _, ring in geo.exterior_rings(datasets.load_china_provinces()))
    assert all(geo.is_clockwise(ring) for _, ring in geo.exterior_rings(light))
    assert {f["properties"]["name"] for f in light["features"]} >= {"Macao", "Hong Kong", "Hainan", "Tibet"}


def test_light_geometry_is_smaller_and_rounded(light):
    assert geo.payload_kb(light) < 0.6 * geo.payload_kb(datasets.load_china_provinces())
    ring = light["features"][0]["geometry"]["coordinates"][0]
    assert all(round(v, 2) == v for point in ring for v in point)


def test_a_ring_that_would_collapse_keeps_its_coordinates():
    tiny = [[113.551, 22.201], [113.552, 22.202], [113.553, 22.201], [113.551, 22.201]]
    tiny = list(reversed(tiny)) if not geo.is_clockwise(tiny) else tiny
    collection = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": "x"}, "geometry": {"type": "Polygon", "coordinates": [tiny]}}]}
    out = geo.round_coordinates(collection, 2)
    assert out["features"][0]["geometry"]["coordinates"][0] == tiny


def test_join_properties_marks_no_data_and_leaves_input_alone():
    collection = datasets.load_china_provinces()
    before = json.dumps(collection["features"][0]["properties"])
    features = geo.join_properties(collection, {"Beijing": {"v": {"2017": 2.69}}}, keep=("name",))
    beijing = next(f for f in features if f["properties"]["name"] == "Beijing")
    tibet = next(f for f in features if f["properties"]["name"] == "Tibet")
    assert beijing["properties"] == {"name": "Beijing", "has_data": True, "v": {"2017": 2.69}}
    assert tibet["properties"]["has_data"] is False
    assert json.dumps(collection["features"][0]["properties"]) == before


def _spec(light, **changes) -> dict:
    changes.setdefault("year", 2017)
    options = map_charts.MapOptions(years=YEARS, **changes)
    ranking = agglomeration.rankings_all_years(datasets.load_table1())
    data = map_charts.map_features(light["features"], ranking, datasets.load_regions(), options)
    return map_charts.choropleth_spec(data, options)


def test_map_spec_carries_all_years_under_150_kb(light):
    spec = _spec(light, group_by="cluster", palette="diverging")
    assert geo.payload_kb(spec) < 150
    year = next(p for p in spec["params"] if p["name"] == "year")
    assert year["value"] == [{"year": 2017}] and year["bind"]["input"] == "range"
    beijing = next(f for f in spec["datasets"][map_charts.DATASET] if f["properties"]["name"] == "Beijing")
    assert set(beijing["properties"]["v"]) == {str(y) for y in YEARS}
    assert beijing["properties"]["r"]["2017"] == 1


def test_fixed_scale_has_one_legend_for_all_years_and_per_year_does_not(light):
    def legends(spec):
        text = json.dumps(spec, ensure_ascii=False)
        start = text.index("labelExpr")
        return text[start:start + 3000]
    fixed = _spec(light, method="quantiles", fixed_scale=True)
    per_year = _spec(light, method="quantiles", fixed_scale=False)
    assert fixed != per_year
    options = map_charts.MapOptions(year=2017, years=YEARS, method="quantiles", fixed_scale=True)
    data = map_charts.map_features(_light_features(light), agglomeration.rankings_all_years(datasets.load_table1()),
                                   datasets.load_regions(), options)
    assert len({tuple(v) for v in data.legend_labels.values()}) == 1
    options = map_charts.MapOptions(year=2017, years=YEARS, method="quantiles", fixed_scale=False)
    data = map_charts.map_features(_light_features(light), agglomeration.rankings_all_years(datasets.load_table1()),
                                   datasets.load_regions(), options)
    assert len({tuple(v) for v in data.legend_labels.values()}) > 1
    assert legends(fixed)


def _light_features(light):
    return light["features"]


def test_diverging_colours_are_white_at_parity():
    classes = map_charts.cls.Classes("equal_interval", 0.5, (0.9, 1.1, 1.5))
    colors = map_charts.class_colors(classes, "diverging", vmin=0.5, vmax=1.5)
    assert colors[1] == "#f7f7f7"  # the class centred on 1
    low, high = (int(colors[0][i:i + 2], 16) for i in (1, 5)), (int(colors[2][i:i + 2], 16) for i in (1, 5))
    assert (lambda r, b: b > r)(*low) and (lambda r, b: r > b)(*high)  # blue below parity, red above


def test_lisa_map_and_lines_build(light):
    clusters = pd.DataFrame({"province": ["Beijing"], "cluster": ["High-High"], "p_sim": [0.01], "local_i": [1.0]})
    spec = map_charts.lisa_map(light["features"], clusters, year=2017, source_label="test")
    assert len(spec["datasets"][map_charts.LISA_DATASET]) == 34


def test_the_year_slider_is_a_selection_bound_to_a_range_that_clicks_cannot_change(light):
    spec = _spec(light, year=2016)
    year = next(p for p in spec["params"] if p["name"] == map_charts.YEAR)
    assert year["select"]["type"] == "point" and year["select"]["fields"] == ["year"]
    assert year["select"]["on"] == "click[false]" and year["select"]["clear"] is False  # a click never moves it
    assert year["bind"]["input"] == "range" and (year["bind"]["min"], year["bind"]["max"]) == (2011, 2023)
    assert year["value"] == [{"year": 2016}] and year["views"] == [map_charts.SHAPES_LAYER]
    shown = next(p for p in spec["params"] if p["name"] == map_charts.SHOWN_YEAR)["expr"]
    assert "year.year[0]" in shown and shown.endswith(": 2016)")  # the opening year only if the store is empty


@pytest.mark.parametrize(("selection", "expected"), [
    ({"year": [{"year": 2016}]}, 2016),  # what Streamlit reports once the slider moved
    ({"year": [{"year": "2016"}]}, 2016),
    ({"year": {"year": [2014]}}, 2014),
    ({"year": {}}, None),  # before any move
    ({"year": [{"year": 2030}]}, None),  # a year this source does not have
    ({"year": [{"year": None}]}, None),
    ({"year": [{"year": True}]}, None),
    ({}, None),
    (None, None),
])
def test_year_from_selection(selection, expected):
    assert map_charts.year_from_selection(selection, range(2011, 2024)) == expected


@pytest.mark.parametrize(("value", "expected"), [
    ("2017", 2017), (" 2017 ", 2017), ("1800", None), ("1e308", None), ("2017.0", None), ("<script>", None),
    ("２０１７", None), ("9" * 10_000, None), ("", None), (None, None),
])
def test_year_from_link(value, expected):
    assert map_charts.year_from_link(value, range(2011, 2024)) == expected
