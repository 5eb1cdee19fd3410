"""The Global talent clusters page: deep links, map, filters, comparison, composite, China link."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from tests.pages.helpers import assert_clean, run_page

PAGE = "pages/global.py"
ZERO_REST = {"glob_w_crossover": "0", "glob_w_connectivity": "0", "glob_w_speed": "0"}


def specs(at: AppTest) -> list[dict]:
    # the chart element is "vega_lite_chart" in Streamlit 1.67 (helpers.vega_specs looks for the old name)
    return [json.loads(node.proto.spec) for node in at.get("vega_lite_chart")]


def titles(at: AppTest) -> list[str]:
    out = []
    for spec in specs(at):
        title = spec.get("title", "")
        out.append(title if isinstance(title, str) else title.get("text", ""))
    return out


def spec_titled(at: AppTest, start: str) -> dict:
    return next(s for s, title in zip(specs(at), titles(at)) if title.startswith(start))


def ranking(at: AppTest) -> list[str]:
    tables = [df.value for df in at.dataframe if "Composite score" in df.value.columns]
    assert tables, "no ranking table on the page"
    return tables[0]["Place"].tolist()


@pytest.fixture(scope="module")
def default_page() -> AppTest:
    return run_page(PAGE)


def test_opens_clean_with_every_section(default_page):
    at = default_page
    assert_clean(at)
    assert not at.error
    assert at.title[0].value == "Global talent clusters"
    heads = [h.value for h in at.subheader]
    assert heads == ["World map", "What the sources say", "Side by side", "Counts by region and country",
                     "Talent-density composite", "Link to China"]
    assert "World tech-talent cities and innovation clusters" in titles(at)


def test_world_map_is_geoshapes_of_all_countries_and_bubbles(default_page):
    world = spec_titled(default_page, "World")
    assert world["projection"]["type"] == "equalEarth"
    countries = world["layer"][0]
    assert countries["mark"]["type"] == "geoshape"
    assert len(countries["data"]["values"]) == 177
    marks = [layer["mark"]["type"] for layer in world["layer"]]
    assert marks.count("geoshape") == 2  # countries and corridor arcs
    assert "circle" in marks and "point" in marks


def test_geonames_credit_and_sources_panel(default_page):
    captions = " ".join(c.value for c in default_page.caption)
    assert "GeoNames" in captions and "CC BY 4.0" in captions
    assert any("WIPO changed its method in 2025" in c.value for c in default_page.caption)
    reports = [df.value for df in default_page.dataframe if "Published" in df.value.columns]
    assert reports and "2025-04-22" in set(reports[0].Published)
    assert not any("seed 00" in str(v) for v in reports[0].to_numpy().ravel())  # works cited by author and year


def test_statement_checks_on_screen(default_page):
    checks = next(df.value for df in default_page.dataframe if "Statement" in df.value.columns).set_index("Statement")
    assert checks.loc["Cities above 500,000 tech workers, world", ["Stated count", "Listed in the bundled data",
                                                                  "Check"]].tolist() == [8, 8, "agrees"]
    assert checks.loc["Cities above 100,000 tech workers, world", "Check"] == "bundled list incomplete"


def test_illustrative_components_are_labelled(default_page):
    assert any("Illustrative" in w.value for w in default_page.warning)
    composite = spec_titled(default_page, "Talent-density")
    assert any("Illustrative" in line for line in composite["title"]["subtitle"])


def test_a_weight_changes_the_ranking(default_page):
    density_only = run_page(PAGE, query={"glob_w_density": "100", **ZERO_REST})
    assert_clean(density_only)
    assert ranking(density_only) != ranking(default_page)
    # density alone is a real proxy: no illustrative warning
    assert not any("Illustrative" in w.value for w in density_only.warning)


def test_every_bound_widget_round_trips_through_the_url():
    query = {"glob_colour": "region", "glob_form": "additive", "glob_gaps": "neutral", "glob_top": "3",
             "glob_w_speed": "40", "glob_proxy_crossover": "linkedin_skill_group"}
    at = run_page(PAGE, query=query)
    assert_clean(at)
    assert at.radio(key="glob_colour").value == "region" and at.radio(key="glob_gaps").value == "neutral"
    assert at.slider(key="glob_top").value == 3 and at.slider(key="glob_w_speed").value == 40
    assert at.selectbox(key="glob_proxy_crossover").value == "linkedin_skill_group"
    # the link keeps the codes, whatever the language
    assert at.query_params["glob_proxy_crossover"] == "linkedin_skill_group"
    # an older link carrying the option's words still opens the same view
    old = run_page(PAGE, query={"glob_proxy_crossover": "LinkedIn–Tsinghua skill group (2 = tech and disruptive "
                                                         "skills; 1 = disruptive only) [ordinal score]"})
    assert old.selectbox(key="glob_proxy_crossover").value == "linkedin_skill_group"


def test_additive_form_and_neutral_missing():
    at = run_page(PAGE, query={"glob_form": "additive", "glob_gaps": "neutral"})
    assert_clean(at)
    assert len(ranking(at)) == 28  # every city of the 48 listed here, gaps set to neutral


def test_all_weights_zero_gives_a_warning_not_a_traceback():
    at = run_page(PAGE, query={"glob_w_density": "0", **ZERO_REST})
    assert_clean(at)
    assert any("cannot be computed" in w.value for w in at.warning)


def test_filters_by_deep_link():
    at = run_page(PAGE, query={"glob_region": "Europe"})
    assert_clean(at)
    assert at.multiselect(key="glob_region").value == ["Europe"]
    assert any("No Chinese city" in i.value for i in at.info)
    assert set(ranking(at)) <= {"London", "Paris", "Madrid"}


def test_empty_filter_shows_info_not_blank_chart():
    at = run_page(PAGE, query={"glob_region": "Latin America", "glob_tier": "Tier 1: 500k+"})
    assert_clean(at)
    assert any("No place matches" in i.value for i in at.info)


def test_invalid_query_values_are_dropped():
    at = run_page(PAGE, query={"glob_region": "Atlantis", "glob_w_density": "banana", "glob_form": "magic"})
    assert_clean(at)
    assert at.radio(key="glob_form").value == "multiplicative"


def test_compare_needs_two_places():
    at = run_page(PAGE, query={"glob_compare": "Beijing"})
    assert any("at least two" in i.value for i in at.info)
    at = run_page(PAGE, query={"glob_compare": ["Shenzhen", "Greater Bay Area (LinkedIn cluster)"]})
    table = next(df.value for df in at.dataframe if "Attribute" in df.value.columns).set_index("Attribute")
    assert table.loc["CBRE 2025 band (tech workers, 2023)", "Greater Bay Area (LinkedIn cluster)"].startswith("800k+")


def test_china_link_shows_province_index(default_page):
    link = next(df.value for df in default_page.dataframe if "Agglomeration index, 2023" in df.value.columns)
    beijing = link[link.Place == "Beijing"].iloc[0]
    assert beijing.Province == "Beijing" and beijing["Agglomeration index, 2023"] == pytest.approx(2.37)
    assert set(link[link.Place == "Shenzhen"].Province) == {"Guangdong"}


def test_a_weight_move_changes_the_bars_rows_not_their_specs():
    """The composite's charts keep their spec when a weight moves, so the browser swaps their rows in place."""
    from tests.pages.helpers import chart_rows

    at = run_page(PAGE)
    assert_clean(at)

    def composite_charts():
        return [node for node in at.get("vega_lite_chart")
                if {d.name for d in node.proto.datasets} & {"composite_rows", "stability_rows"}]
    before = [(node.proto.spec, chart_rows(node)) for node in composite_charts()]
    at.slider(key="glob_w_density").set_value(60).run()
    assert_clean(at)
    after = [(node.proto.spec, chart_rows(node)) for node in composite_charts()]
    assert len(after) == 2 and [s for s, _ in after] == [s for s, _ in before]
    assert not after[0][1]["composite_rows"].equals(before[0][1]["composite_rows"])
    at.slider(key="glob_top").set_value(3).run()  # k is in the rows too (the title reads it from them)
    assert_clean(at)
    assert [node.proto.spec for node in composite_charts()] == [s for s, _ in before]
    assert set(chart_rows(composite_charts()[1])["stability_rows"].top) == {3}
