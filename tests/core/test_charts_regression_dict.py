"""The regression page's coefficient chart, written out as a Vega-Lite dict, is the spec Altair makes of it.

The page draws :func:`core.charts.regression.coefficient_template` (a plain dict, so a cold deep link sends its
main chart before Altair is imported); :func:`core.charts.regression.coefficient_chart` is the same chart built
with Altair.  These tests hold the two equal, key order included (the page sends the spec as JSON text), over
every choice the page can make: its terms in either language, its notes, its title, and the edge cases.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from core import demo_panel, panel
from core.charts import regression as charts
from core.charts import stable_spec
from core.i18n import LANGUAGES, translate

ROOT = Path(__file__).resolve().parents[2]

# What the page's model section passes as terms: the term words of a model (one regressor, the public default,
# the paper's nine, transformed terms), an uploaded column under its own name (quotes and non-ASCII included),
# and the empty list (nothing but the constant).
TERM_LISTS = {
    "none": [],
    "one": ["Per-capita wage (log yuan)"],
    "public default": list(panel.PUBLIC_DEFAULT),
    "paper": list(panel.PAPER_REGRESSORS),
    "transformed": ["Per-capita wage (log yuan) — standardized, previous year", "R&D intensity (share of GDP, 0–1)"],
    "uploaded": ['my "own" column', "人均工资（元，取对数）", "x_1"],
}
# The notes the page puts under the title (``chart_note``: one per data source) and none (the builder's default).
NOTES = (None, demo_panel.LABEL, "Uploaded data", "Public data")


def altair_spec(terms, **options) -> dict:
    """Altair's validated conversion (``to_dict`` raises on a spec the Vega-Lite schema rejects), datasets named
    by position as the page's template has them."""
    return stable_spec(charts.coefficient_chart(terms, **options).to_dict())


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("terms", TERM_LISTS.values(), ids=TERM_LISTS.keys())
def test_coefficient_template_is_altairs_validated_spec(lang, terms):
    """Every note in every language, with the page's title and words: the dict and its JSON text are Altair's."""
    words = lambda text: translate(text, lang)  # noqa: E731 - what the page passes
    shown = [translate(term, lang) for term in terms]
    for note in NOTES:
        options = dict(title=translate("Coefficients with 95 % intervals", lang),
                       note=None if note is None else translate(note, lang), words=words)
        written = charts.coefficient_template(shown, **options)
        expected = altair_spec(shown, **options)
        assert written == expected
        assert json.dumps(written) == json.dumps(expected)  # same key order: the same text reaches the browser


def test_coefficient_template_defaults_and_other_levels_are_altairs():
    """The builder's defaults (English, no note) and another interval level, terms given as a pandas column (as
    ``coefficient_plot`` passes them)."""
    import pandas as pd

    terms = pd.Series(["gdp", "pcw"], name="term")
    assert json.dumps(charts.coefficient_template(terms)) == json.dumps(altair_spec(terms))
    for level in (0.9, 0.99):
        assert charts.coefficient_template(terms, level=level) == altair_spec(terms, level=level)
    assert charts.coefficient_template(terms, level=0.9)["layer"][1]["encoding"]["x"]["title"] == \
        "Coefficient with 90% interval"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_synthetic_note_is_red_in_every_language_and_the_others_grey(lang):
    """The demo panel's label stands out in red (also in exports); the public and uploaded notes are grey."""
    colour = {note: charts.coefficient_template(["a"], note=translate(note, lang))["title"]["subtitleColor"]
              for note in NOTES[1:]}
    assert colour == {demo_panel.LABEL: charts.OUT_OF_RANGE_COLOR, "Uploaded data": "#555", "Public data": "#555"}


def test_the_template_is_a_fresh_copy_each_time():
    """The page (and Streamlit) may change parts of a spec it was given: no call shares a part with another, nor
    the layers one part between them."""
    first, second = charts.coefficient_template(["a", "b"]), charts.coefficient_template(["a", "b"])
    first["layer"][1]["encoding"]["y"]["sort"].append("c")
    first["datasets"]["data-0"][0]["x"] = 1.0
    first["title"]["subtitle"].append("x")
    assert second == charts.coefficient_template(["a", "b"])
    assert first["layer"][2]["encoding"]["y"]["sort"] == ["a", "b"]


def test_coefficient_plot_draws_the_written_template_with_its_rows():
    """The self-contained chart (exports, tests) is the written template with the rows attached, and Altair's
    validated chart with the same rows."""
    import pandas as pd

    table = pd.DataFrame({"term": ["const", "pcw", "rd"], "coef": [1.0, 0.2, -0.1], "lower": [0.5, 0.1, -0.3],
                          "upper": [1.5, 0.3, 0.1], "stars": ["***", "**", ""]})
    paper = pd.DataFrame({"term": ["pcw", "gdp"], "paper_coef": [0.25, 0.1]})
    spec = charts.coefficient_plot(table, paper=paper, note="synthetic")
    rows = charts.coefficient_rows(table, paper)
    assert [r["term"] for r in spec["datasets"][charts.COEFFICIENT_ROWS]] == ["pcw", "rd"]  # no constant
    assert spec["datasets"][charts.PAPER_ROWS] == [{"term": "pcw", "paper_coef": 0.25}]
    assert spec == charts.with_rows(altair_spec(["pcw", "rd"], note="synthetic"), **rows)


def test_importing_the_regression_charts_does_not_import_altair():
    """The page imports core.charts.regression before its main chart: that import, and the written templates,
    must leave Altair unloaded (it is imported on the first use of ``alt``), while the Altair builders still work."""
    code = ("import sys; import core.charts.regression as c; print('altair' in sys.modules); "
            "c.coefficient_template(['a'], note='n'); c.projection_template(note='n'); "
            "print('altair' in sys.modules); "
            "c.coefficient_chart(['a']); print('altair' in sys.modules)")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=str(ROOT))
    assert run.returncode == 0, run.stderr[-1000:]
    assert run.stdout.split() == ["False", "False", "True"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_projection_template_is_altairs_validated_spec(lang):
    """The scenario's projection chart: the page's titles (a year), every note, words, the builder's other
    province label and levels; dict and JSON text are Altair's validated conversion."""
    words = lambda text: translate(text, lang)  # noqa: E731 - what the page passes
    for note in NOTES:
        for label, level in (("province", 0.95), ("省份", 0.9)):
            options = dict(title=f"{translate('Projected index', lang)}, 2020",
                           note=None if note is None else translate(note, lang), province_label=label,
                           level=level, words=words)
            written = charts.projection_template(**options)
            expected = stable_spec(charts.projection_layers(**options).to_dict())
            assert written == expected
            assert json.dumps(written) == json.dumps(expected)
    assert json.dumps(charts.projection_template()) == json.dumps(stable_spec(charts.projection_layers().to_dict()))


def test_projection_chart_draws_the_written_template_with_its_rows():
    """Self-contained (exports, tests): the written template with the rows and their range words, and Altair's
    validated chart with the same rows; each layer's parts are its own."""
    import pandas as pd

    projection = pd.DataFrame({"province": ["Beijing", "Hebei"], "baseline": [1.0, 0.8], "projected": [1.2, 0.7],
                               "lower": [1.1, 0.6], "upper": [1.3, 0.8], "out_of_range": [False, True]})
    zh = lambda text: translate(text, "zh")  # noqa: E731
    spec = charts.projection_chart(projection, note="n", words=zh)
    rows = {charts.PROJECTION_ROWS: charts.projection_rows(projection, zh)}
    assert spec == charts.with_rows(stable_spec(charts.projection_layers(note="n", words=zh).to_dict()), **rows)
    assert [r["range"] for r in spec["datasets"][charts.PROJECTION_ROWS]] == \
        spec["layer"][3]["encoding"]["color"]["scale"]["domain"]  # the legend's words are the rows' words
    template = charts.projection_template()
    template["layer"][1]["encoding"]["tooltip"][0]["title"] = "changed"
    template["layer"][1]["encoding"]["y"]["sort"]["order"] = "ascending"
    assert template["layer"][2]["encoding"]["tooltip"][0]["title"] == "Province"
    assert template["layer"][3]["encoding"]["y"]["sort"]["order"] == "descending"
