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

