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
    assert beijing.Province == "Beijing" and float(beijing["Agglomeration index, 2023"]) == pytest.approx(2.37)
    hong_kong = link[link.Place == "Hong Kong"].iloc[0]
    assert hong_kong["Agglomeration index, 2023"] == "—" and hong_kong.Note == "Not in Table 1"  # never None
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


# --- issues 16 and 18: words, keys, left-out places, what the sources say ---------------------------------------

import re

from core import clusters, datasets
from tests.pages.helpers import _WORD, english_words, visible_texts

CJK = re.compile(r"[\u3400-\u9fff]")


def proper_nouns() -> set[str]:
    """Names of places, economies, organisations and works, taken from the bundled tables (not typed here)."""
    cities = clusters.load_cities()
    names = [*cities.market, *cities.country, *cities.wipo_cluster, *cities.linkedin_cluster, *cities.geo_city,
             *clusters.load_reports().report, *clusters.load_reports().publisher,
             *clusters.wipo_country_counts(datasets.load_wipo_aggregates()).economy,
             *clusters.world_shares(clusters.load_wipo_extra_facts()).cluster,
             *clusters.load_linkedin_facts().subject, *clusters.load_statements().group]
    return {w for name in names for w in _WORD.findall(str(name))} | {"Tech", "Talent", "Guidebook", "Innovation",
                                                                      "Index", "Ba", "Jiu", "Ling", "Dallas-Ft"}


@pytest.fixture(scope="module")
def zh_page() -> AppTest:
    return run_page(PAGE, query={"lang": "zh"})


def test_chinese_mode_shows_no_english_words_but_proper_nouns(zh_page):
    assert_clean(zh_page)
    words = english_words(zh_page, allow=proper_nouns())
    assert not words, {w: places[:3] for w, places in words.items()}


def test_english_mode_shows_no_chinese_in_labels(default_page):
    shown = [(where, text) for where, text in visible_texts(default_page)
             if CJK.search(text) and where != "table cell"]  # a Chinese publisher's name in the sources table
    assert not shown, shown[:5]
    assert not any("seed 00" in text for _, text in visible_texts(default_page)), "works are cited by author and year"


def test_widget_keys_are_the_pages_own_and_links_hold_codes(zh_page):
    keys = [w.key for kind in ("selectbox", "multiselect", "radio", "slider", "download_button", "button")
            for w in zh_page.main.get(kind) if getattr(w, "key", None)]
    assert keys and all(k.startswith("glob_") for k in keys), keys
    zh_page.radio(key="glob_colour").set_value("region").run()
    assert zh_page.query_params["glob_colour"] == "region"
    zh_page.multiselect(key="glob_source").set_value(["CBRE"]).run()
    assert zh_page.query_params["glob_source"] == "CBRE" and "source" not in zh_page.query_params


def test_left_out_places_are_named_with_a_way_to_include_them(default_page):
    warning = next(w.value for w in default_page.warning if "left out of the ranking" in w.value)
    for city in ("Bengaluru", "Delhi-Gurugram", "Hyderabad", "Mumbai", "Toronto", "Singapore"):
        assert city in warning and city not in ranking(default_page)
    assert "Ecosystem connectivity" in warning  # the reason: the missing component
    at = run_page(PAGE)
    at.button(key="glob_include_left_out").click().run()
    assert_clean(at)
    assert at.radio(key="glob_gaps").value == "reweight"
    assert at.query_params["glob_gaps"] == "reweight"
    ranked = ranking(at)
    assert {"Bengaluru", "Toronto", "Singapore"} <= set(ranked)
    assert not any("left out of the ranking" in w.value for w in at.warning)
    assert any("ranked with a component missing" in i.value for i in at.info)
    flagged = next(df.value for df in at.dataframe if "Composite score" in df.value.columns).set_index("Place")
    assert flagged.loc["Toronto", "Components missing"] == "Ecosystem connectivity"
    assert flagged.loc["Shenzhen", "Components missing"] == "—"


def test_what_the_sources_say(default_page):
    metrics = {m.label: (m.value, m.proto.delta) for m in default_page.metric}
    assert metrics["Cities the LinkedIn–Tsinghua report covers"][0] == "26"
    assert "11 city clusters" in metrics["Cities the LinkedIn–Tsinghua report covers"][1]
    assert metrics["Most attractive city for digital talent"][0] == "Dublin"
    assert metrics["Invention patents granted, Shenzhen–Hong Kong–Guangzhou, 2024"][0] == "113,000"
    assert "12.1 %" in metrics["Invention patents granted, Shenzhen–Hong Kong–Guangzhou, 2024"][1]
    assert metrics["PCT applications, Shenzhen–Hong Kong–Guangzhou, 2024"][0] == "19,000"
    assert "27.5 %" in metrics["PCT applications, Shenzhen–Hong Kong–Guangzhou, 2024"][1]
    from tests.pages.helpers import chart_rows

    node = next(n for n in default_page.get("vega_lite_chart") if "Shares of world output" in n.proto.spec)
    rows = next(iter(chart_rows(node).values()))
    values = {(r.cluster, r.output): r.share_percent for r in rows.itertuples()}
    assert values[("Beijing", "share_of_global_scientific_publications")] == 4.0
    assert values[("Tokyo–Yokohama", "share_of_global_PCT_applications")] == 10.3


def test_no_none_nan_or_true_false_on_screen(default_page):
    texts = [text for where, text in visible_texts(default_page) if where in ("table cell", "chart", "metric")]
    assert not [t for t in texts if t in ("None", "nan", "null", "true", "false", "True", "False")]
    for spec in specs(default_page):
        assert "[false, true]" not in json.dumps(spec).lower().replace(" ", "").replace("[false,true]", "[false, true]")


def test_bar_charts_label_every_bar(default_page):
    for start in ("Talent-density composite", "WIPO top-100"):
        spec = spec_titled(default_page, start)
        assert spec["encoding"]["y"]["axis"]["labelOverlap"] is False


def test_other_views_leave_the_shared_tables_as_they_were(default_page):
    """The page keeps its bundled tables, the map and the counts as shared resources (no copy per rerun), so no
    view may change them: after views that filter, compare, rank otherwise and speak Chinese, the default view
    shows exactly what it showed before."""
    from tests.pages.helpers import chart_rows

    def screen(at: AppTest) -> tuple:
        return ([df.value for df in at.dataframe], [node.proto.spec for node in at.get("vega_lite_chart")],
                [chart_rows(node) for node in at.get("vega_lite_chart")], [m.value for m in at.metric])

    before = screen(default_page)
    for query in ({"glob_region": "Europe", "glob_compare": ["London", "Paris"]},
                  {"glob_form": "additive", "glob_gaps": "neutral", "glob_colour": "region", "glob_source": "CBRE"},
                  {"lang": "zh", "glob_compare": ["Shenzhen", "Greater Bay Area (LinkedIn cluster)"]}):
        assert_clean(run_page(PAGE, query=query))
    after = screen(run_page(PAGE))
    assert len(after[0]) == len(before[0]) and all(a.equals(b) for a, b in zip(after[0], before[0]))
    assert after[1] == before[1] and after[3] == before[3]
    assert [list(rows) for rows in after[2]] == [list(rows) for rows in before[2]]
    assert all(rows[name].equals(old[name]) for rows, old in zip(after[2], before[2]) for name in rows)
