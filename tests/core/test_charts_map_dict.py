"""The map page's and Home's main charts, written out as Vega-Lite dicts, are the specs Altair builds (issue 19).

A cold deep link to Home or /map used to import Altair (about 0.3 s) and build the chart through it (the
choropleth's layered parameters, about 0.1 s) before sending its main chart; the dict builders need neither.
These tests hold them to Altair's validated ``to_dict()`` output, so the pages draw the same charts.
"""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from core import agglomeration, datasets
from core.charts import map as map_charts

ROOT = Path(__file__).resolve().parents[2]


def _json(spec: dict) -> dict:
    return json.loads(json.dumps(spec))  # as the browser receives it (tuples as lists, key order aside)


def test_importing_the_map_charts_does_not_import_altair():
    probe = ("import sys\nimport core.charts.map as m\nimport streamlit\n"
             "print('altair' in sys.modules)")
    run = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.strip().splitlines()[-1] == "False"


@pytest.mark.parametrize("labels", [{}, {"Mean agglomeration index": "平均集聚指数", "Cluster": "城市群", "Year": "年份",
                                         "Provinces": "省份数"}])
def test_cluster_trend_spec_is_the_altair_charts_dict(labels):
    means = agglomeration.group_means(datasets.load_table1(), datasets.load_regions(), by="cluster")
    if labels:  # the groups in the session's words, as Home names them
        means = means.assign(group=means.group.map(lambda g: f"{g}群"))
    altair_route = map_charts.cluster_trend(means, labels=labels).to_dict(validate=True)
    direct = map_charts.cluster_trend_spec(means, labels=labels)
    assert _json(direct) == _json(altair_route)
    # missing means travel as null, unrounded means as they are
    odd = means.head(3).assign(mean_idt=[float("nan"), 1.234567890123456, 0.5])
    assert _json(map_charts.cluster_trend_spec(odd, height=300)) == \
        _json(map_charts.cluster_trend(odd, height=300).to_dict(validate=True))


YEARS = tuple(range(2011, 2024))
# the words the page passes to the map (pages/map.py), in Chinese as a zh session shows them
WORDS = ("Year", "Play", "Agglomeration index", "Rank that year", "Group", "Source", "Change since 2011",
         "Scale fixed across years", "Scale recomputed for each year", "ILLUSTRATIVE SCENARIO, not observed data",
         "no data", "Baseline (no change)", "Change vs baseline", "Name (English)", "Name (Chinese)")


def _zh_labels() -> dict[str, str]:
    from core.i18n import translate

    labels = {w: translate(w, "zh") for w in WORDS}
    labels["Change since 2011"] = translate("Change since {year}", "zh").format(year=2011)
    return labels


# What shapes the spec on the page (pages/map.py's settings): the classes or the continuous scale with its
# palette, the fixed scale, the groups (none; outlined or filtered; all or some), one year or many, a scenario's
# change, the synthetic note, the language, presenter mode (legend on the right, another height).
SCALES = [("classes", "sequential", True), ("classes", "sequential", False), ("continuous", "sequential", True),
          ("continuous", "sequential", False), ("continuous", "diverging", True), ("continuous", "diverging", False)]
GROUPS = [(None, "outline", ()), ("region", "outline", ()), ("region", "outline", ("East", "West")),
          ("region", "filter", ()), ("cluster", "filter", ("Jing-Jin-Ji",)), ("cluster", "outline", ("Cheng-Yu",))]
REST = [  # years, year, scenario_change, synthetic, lang, presenter
    (YEARS, 2023, False, False, "en", False), (YEARS, 2017, False, False, "zh", True),
    ((2023,), 2023, True, True, "en", False), ((2023,), 2023, True, True, "zh", False),
    (YEARS[:9], 2011, False, True, "en", True), (YEARS, 2019, True, False, "zh", False)]


def _options(scale, groups, rest) -> map_charts.MapOptions:
    method, palette, fixed = scale
    group_by, group_mode, chosen = groups
    years, year, scenario_change, synthetic, lang, presenter = rest
    return map_charts.MapOptions(
        year=year, years=years, method=method, fixed_scale=fixed, palette=palette, group_by=group_by,  # type: ignore[arg-type]
        group_mode=group_mode, groups=chosen, source_label="published Table 1", synthetic=synthetic,  # type: ignore[arg-type]
        lang=lang, height=1040 if presenter else 520, legend_orient="right" if presenter else "bottom-left",  # type: ignore[arg-type]
        labels=_zh_labels() if lang == "zh" else {}, scenario_change=scenario_change)


# A Latin square over the three lists: each of the 36 (scale, groups) pairs meets one mix of the other settings, and
# every (scale, rest) and (groups, rest) pair occurs too, so every pair of settings is compared with Altair's dict.
# All 216 triples took a minute of every test run (Altair validates each) and add only three-way interactions.
LATIN = [(scale, groups, REST[(i + j) % len(REST)]) for i, scale in enumerate(SCALES) for j, groups in enumerate(GROUPS)]


@pytest.mark.parametrize(("scale", "groups", "rest"), LATIN)
def test_choropleth_dict_is_the_altair_charts_dict(scale, groups, rest):
    """Every pair of scale, group setting and mix of the other settings (years, scenario, language ...)."""
    options = _options(scale, groups, rest)
    # the index's range is read by the continuous scale only
    for domain in ((0.36, 2.69), None) if options.method == "continuous" else ((0.36, 2.69),):
        altair_route = map_charts.choropleth(options, domain).properties(width=760).to_dict(validate=True)
        assert _json(map_charts.choropleth_dict(options, domain)) == _json(altair_route), (options, domain)


def test_the_latin_square_meets_every_pair_of_settings():
    pairs = {(s, g) for s, g, _ in LATIN}, {(s, r) for s, _, r in LATIN}, {(g, r) for _, g, r in LATIN}
    assert [len(p) for p in pairs] == [len(SCALES) * len(GROUPS), len(SCALES) * len(REST), len(GROUPS) * len(REST)]


def test_choropleth_spec_with_shapes_and_rows_is_the_validated_altair_spec():
    from core import geo

    features = geo.light_features(datasets.GEO_DIR / "china_provinces.geojson", 0.03, 2,
                                  datasets.GEO_DIR / "china_provinces_map.geojson", load=datasets.load_china_provinces)
    options = _options(("classes", "sequential", True), ("region", "outline", ("East",)), REST[1])
    shapes = map_charts.map_shapes(features, datasets.load_regions(), "region")
    ranking = agglomeration.rankings_all_years(datasets.load_table1())
    values = map_charts.map_values(ranking, dataclasses.replace(options, method="fisher_jenks"))
    direct = map_charts.choropleth_spec(shapes, options, values)
    validated = map_charts.choropleth_spec(shapes, options, values, validate=True)
    assert _json(direct) == _json(validated)
    assert set(direct["datasets"]) >= {map_charts.DATASET, map_charts.VALUES, map_charts.LEGEND}
    assert direct["datasets"][map_charts.DATASET] == shapes and len(direct["datasets"][map_charts.VALUES]) == len(ranking)
