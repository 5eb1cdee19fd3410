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


def _options(**changes) -> map_charts.MapOptions:
    changes.setdefault("year", 2017)
    return map_charts.MapOptions(years=YEARS, **changes)


def _values(**changes) -> map_charts.MapValues:
    return map_charts.map_values(agglomeration.rankings_all_years(datasets.load_table1()), _options(**changes))


def _spec(light, **changes) -> dict:
    options = _options(**changes)
    shapes = map_charts.map_shapes(light["features"], datasets.load_regions(), options.group_by)
    return map_charts.choropleth_spec(shapes, options, _values(**changes))


def test_map_spec_carries_all_years_under_160_kb(light):
    # The budget guards against unsimplified geometry (megabytes); the spec grew past 150 KB by a few bytes of
    # translated tooltips, "no data" and the Play logic, which is no reason to simplify the provinces further.
    spec = _spec(light, group_by="cluster", palette="diverging")
    assert geo.payload_kb(spec) < 160
    year = next(p for p in spec["params"] if p["name"] == "year")
    assert year["value"] == [{"year": 2017}] and year["bind"]["input"] == "range"
    rows = pd.DataFrame(spec["datasets"][map_charts.VALUES])
    assert set(rows[rows.province == "Beijing"].year) == set(YEARS)
    assert rows.set_index("key").loc["Beijing|2017", "rank"] == 1
    shapes = spec["datasets"][map_charts.DATASET]
    assert len(shapes) == 34 and {"name", "name_zh", "group"} <= set(shapes[0]["properties"])


def test_the_spec_does_not_depend_on_the_classes_their_number_or_the_palette(light):
    """They are rows (map_values), so the page can change them without the browser rebuilding the map."""
    shapes = map_charts.map_shapes(light["features"], datasets.load_regions())
    specs = {json.dumps(map_charts.choropleth_spec(shapes, _options(method=method, k=k, palette=palette)))
             for method in ("fisher_jenks", "quantiles", "equal_interval", "meaning") for k in (3, 5, 7)
             for palette in ("sequential", "diverging")}
    assert len(specs) == 1


def test_fixed_scale_has_one_legend_for_all_years_and_per_year_does_not():
    def legends(values):
        return {year: tuple(group.cls) for year, group in values.legend.groupby("year")}
    fixed = legends(_values(method="quantiles", fixed_scale=True))
    per_year = legends(_values(method="quantiles", fixed_scale=False))
    assert set(fixed) == set(per_year) == set(YEARS)
    assert len(set(fixed.values())) == 1 and len(set(per_year.values())) > 1
    assert all(label.startswith(f"{i}|") for labels in fixed.values() for i, label in enumerate(labels))


def test_every_province_has_its_class_colour_and_the_legend_the_same_colours():
    """Hand check on 2017 under a fixed scale: a value within a class's bounds is filled with that class's colour."""
    values = _values(method="equal_interval", k=4)
    classes = map_charts.cls.classify(datasets.load_table1().idt, "equal_interval", 4)
    colors = map_charts.class_colors(classes, "sequential")
    legend = values.legend[values.legend.year == 2017]
    assert list(legend.fill) == colors
    assert [label.split("|", 1)[1] for label in legend.cls] == classes.labels()
    rows = values.rows[values.rows.year == 2017].dropna(subset=["value"])
    for value, fill in zip(rows.value, rows.fill):
        (index,) = [i for i, (lo, hi) in enumerate(classes.bounds()) if (lo <= value <= hi if i == 0 else lo < value <= hi)]
        assert fill == colors[index]


def test_vega_lite_draws_the_legend_of_the_shown_year_in_the_rows_colours(light):
    """Vega-Lite itself (vl-convert) compiles the data-driven legend: labels of the shown year, in class order,
    each symbol in its class's colour (the domain and the range are sorted alike)."""
    import re

    import vl_convert as vlc

    spec = _spec(light, method="quantiles", fixed_scale=False, k=4, year=2012)
    scene = json.dumps(vlc.vegalite_to_scenegraph(spec, vl_version="6.4"), ensure_ascii=False)
    values = _values(method="quantiles", fixed_scale=False, k=4)
    legend = values.legend[values.legend.year == 2012]
    labels = [c.split("|", 1)[1] for c in legend.cls]
    shown = re.findall(r'"text": "([^"]*)"', scene)
    start = shown.index(labels[0])
    assert shown[start:start + 4] == labels
    fills = re.findall(r'"fill": "(#[0-9a-f]{6})"', scene)
    assert all(color in fills for color in legend.fill)
    assert "Agglomeration index, 2012" in scene


def test_diverging_colours_are_white_at_parity():
    classes = map_charts.cls.Classes("equal_interval", 0.5, (0.9, 1.1, 1.5))
    colors = map_charts.class_colors(classes, "diverging", vmin=0.5, vmax=1.5)
    assert colors[1] == "#f7f7f7"  # the class centred on 1
    low, high = (int(colors[0][i:i + 2], 16) for i in (1, 5)), (int(colors[2][i:i + 2], 16) for i in (1, 5))
    assert (lambda r, b: b > r)(*low) and (lambda r, b: r > b)(*high)  # blue below parity, red above


def test_lisa_map_reads_its_clusters_and_year_from_the_rows(light):
    import vl_convert as vlc

    clusters = pd.DataFrame({"province": ["Beijing"], "cluster": ["High-High"], "p_sim": [0.01], "local_i": [1.0]})
    spec = map_charts.lisa_map(light["features"], clusters, year=2017, source_label="test")
    assert len(spec["datasets"][map_charts.LISA_DATASET]) == 34
    assert spec["datasets"][map_charts.LISA_VALUES] == [
        {"province": "Beijing", "cluster": "High-High", "p_sim": 0.01, "local_i": 1.0, "year": 2017}]
    other = map_charts.lisa_map(light["features"], clusters, year=2012, source_label="test")
    assert {**other, "datasets": {}} == {**spec, "datasets": {}}  # another year: other rows, the same spec
    scene = json.dumps(vlc.vegalite_to_scenegraph(spec, vl_version="6.4"))
    assert "LISA clusters, 2017" in scene and map_charts.LISA_COLORS["High-High"] in scene


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
