"""core.clusters: the bundled global tables agree with the seeds; bands add as intervals; the composite."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core import clusters as c
from core import datasets
from core.datasets import DataSchemaError
from core.uploads import UploadError

FIRST_TIER = {"Beijing", "Bengaluru", "Shanghai", "Tokyo", "Delhi-Gurugram", "Hyderabad", "Mumbai", "Shenzhen"}


@pytest.fixture(scope="module")
def cities() -> pd.DataFrame:
    return c.load_cities()


@pytest.fixture(scope="module")
def facts() -> pd.DataFrame:
    return c.load_linkedin_facts()


@pytest.fixture(scope="module")
def place_table(cities, facts) -> pd.DataFrame:
    return c.places(cities, datasets.load_tech_cities(), facts)


# --- bands ---------------------------------------------------------------------------------

def test_band_sum_is_a_band():
    assert c.Band(500_000) + c.Band(300_000, 500_000) == c.Band(800_000, None)
    assert c.Band(200_000, 300_000) + c.Band(300_000, 500_000) == c.Band(500_000, 800_000)
    assert c.band_sum([]) == c.Band(0, 0)
    assert c.band_sum([c.Band(1, 2), c.Band(3, 4), c.Band(5, 6)]) == c.Band(9, 12)


@given(st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 10**6), st.booleans()), min_size=1, max_size=8))
@settings(max_examples=60, deadline=None)
def test_band_sum_contains_every_sum_of_members(triples):
    bands = [c.Band(lo, None if open_ else lo + width) for lo, width, open_ in triples]
    total = c.band_sum(bands)
    assert total.low == sum(b.low for b in bands)
    # any choice of values inside the member bands sums to a value inside the total band
    top = [b.high if b.high is not None else b.low + 10**6 for b in bands]
    assert total.low <= sum(top)
    assert total.high is None or sum(top) <= total.high
    assert total.is_open == any(b.is_open for b in bands)


def test_band_rejects_inverted_or_negative():
    with pytest.raises(ValueError):
        c.Band(5, 3)
    with pytest.raises(ValueError):
        c.Band(-1)
    with pytest.raises(ValueError):
        c.Band(float("nan"))


def test_band_labels_and_tiers():
    assert c.Band(500_000).label() == "500k+"
    assert c.Band(300_000, 500_000).label() == "300k–500k"
    assert c.Band(500_000).tier() == c.TIER_1
    assert c.Band(300_000, 500_000).tier() == c.TIER_2
    assert c.Band(200_000, 300_000).tier() == c.TIER_3
    assert c.Band(100_000).tier() == c.SPANS


# --- the bundled tables against the seeds' statements -----------------------------------------

def test_first_tier_is_the_eight_asian_cities(cities):
    first = cities[cities.tier == c.TIER_1]
    assert set(first.market) == FIRST_TIER
    assert set(first.region) == {"Asia-Pacific"}
    assert first.country.value_counts().to_dict() == {"India": 4, "China (Mainland)": 3, "Japan": 1}


def test_second_tier_matches_seed_003(cities):
    second = set(cities.loc[cities.tier == c.TIER_2, "market"])
    assert second == {"Guangzhou", "London", "New York Metro", "Paris", "S.F. Bay Area", "Toronto"}


def test_unpublished_bands_are_labelled_not_invented(cities):
    unpublished = cities[cities.cbre_48_status == c.STATUS_UNPUBLISHED]
    assert {"Boston", "Seattle", "Sao Paulo"} <= set(unpublished.market)
    assert (unpublished.band_text == c.UNPUBLISHED).all()
    assert (unpublished.band_low == 100_000).all() and unpublished.band_high.isna().all()


def test_statements_agree_where_the_data_are_complete(cities):
    checks = c.check_statements(cities, c.load_statements()).set_index("statement")
    for statement in ("cities_500k_world", "cities_500k_asia", "cities_500k_india", "cities_500k_china",
                      "cities_500k_japan", "cities_500k_us", "cities_300k_europe", "cities_100k_latam"):
        assert checks.loc[statement, "status"] == "agrees", statement
    # partial lists are flagged, never contradicted
    assert not (checks.status == "conflict").any()
    assert checks.loc["cities_100k_world", "stated"] == 48
    assert checks.loc["cities_100k_world", "status"] == "bundled list incomplete"
    assert checks.loc["cities_100k_asia", "stated"] == 16
    assert checks.loc["cities_100k_us", "stated"] == 12


def test_wipo_top5_and_method_change():
    ranks = c.wipo_ranks()
    top5 = ranks[ranks.rank_2025 <= 5].sort_values("rank_2025").cluster.tolist()
    assert top5 == ["Shenzhen–Hong Kong–Guangzhou", "Tokyo–Yokohama", "San Jose–San Francisco", "Beijing", "Seoul"]
    first = ranks.set_index("cluster").loc["Shenzhen–Hong Kong–Guangzhou"]
    assert (first.rank_2024, first.rank_2025, first.places_up) == (2, 1, 1)
    top10 = set(ranks[ranks.rank_2025 <= 10].cluster)
    assert {"Beijing", "Shanghai–Suzhou"} <= top10  # Ba Jiu Ling (2025)


def test_wipo_country_counts():
    counts = c.wipo_country_counts()
    latest = counts[counts.edition == 2025].set_index("economy").clusters.to_dict()
    assert latest == {"China": 24, "United States": 22, "Germany": 7, "India": 4, "United Kingdom": 4}


def test_linkedin_facts(facts):
    coverage = facts[facts.fact == "coverage"].set_index("subject")["order"]
    assert coverage["cities"] == 26 and coverage["city clusters"] == 11
    attractive = facts[facts.fact == "attractive_city"].sort_values("order").subject.tolist()
    assert attractive == ["Dublin", "Santiago", "Shanghai", "Shenzhen", "Bangalore"]
    first = facts[(facts.fact == "corridor") & (facts.order == 1)]
    assert {first.subject.iloc[0], first.object.iloc[0]} == {"Boston-Washington", "SF Bay Area"}


def test_cluster_band_is_the_sum_of_member_bands(place_table):
    table = place_table.set_index("place")
    gba = table.loc["Greater Bay Area (LinkedIn cluster)"]
    assert gba.band_low == 800_000 and math.isnan(gba.band_high)  # Shenzhen 500k+ + Guangzhou 300k-500k (+ HK)
    assert table.loc["Shenzhen–Hong Kong–Guangzhou (WIPO cluster)"].rank_2025 == 1


def test_places_carry_corridors_attractive_order_and_centroids(place_table):
    table = place_table.set_index("place")
    # both ends of a corridor list it, in the report's order, naming the other end
    assert table.loc["Greater Bay Area (LinkedIn cluster)", "corridors"] == "#2 Yangtze River Delta; #2 Jing-Jin-Ji"
    assert table.loc["Beijing", "corridors"] == "#2 Yangtze River Delta; #2 Greater Bay Area"  # its LinkedIn unit's
    assert table.loc["Beijing (WIPO cluster)", "corridors"] == ""
    # the attractive-city order is found under the market's GeoNames name too (Bengaluru is Bangalore there)
    assert table.loc["Bengaluru", "attractive_order"] == 5 and table.loc["Shanghai", "attractive_order"] == 3
    assert math.isnan(table.loc["Beijing", "attractive_order"])
    # a cluster sits at the mean of its located members
    members = table.loc["Shanghai–Suzhou (WIPO cluster)", "members"].split(", ")
    assert table.loc["Shanghai–Suzhou (WIPO cluster)", "lon"] == pytest.approx(table.loc[members, "lon"].mean())


def test_china_link_maps_clusters_to_provinces(place_table):
    link = c.china_link(place_table, c.load_china_links(), datasets.load_table1())
    by_place = link.groupby("place").province.apply(set).to_dict()
    assert by_place["Shenzhen"] == {"Guangdong"} and by_place["Guangzhou"] == {"Guangdong"}
    assert by_place["Shanghai–Suzhou (WIPO cluster)"] == {"Shanghai", "Jiangsu"}
    assert by_place["Hangzhou"] == {"Zhejiang"} and by_place["Nanjing"] == {"Jiangsu"}
    assert by_place["Wuhan"] == {"Hubei"} and by_place["Beijing"] == {"Beijing"}
    beijing = link[link.province == "Beijing"].iloc[0]
    assert beijing.idt_latest == pytest.approx(2.37) and beijing.rank_mean == 1
    assert link.loc[link.province == "Hong Kong", "idt_latest"].isna().all()


def test_compare_side_by_side(place_table):
    table = c.compare(place_table, ["Beijing", "S.F. Bay Area"])
    row = table.set_index("attribute").loc["WIPO rank 2024 → 2025 (2025 method adds VC deals)"]
    assert row["Beijing"] == "3 → 4" and row["S.F. Bay Area"] == "6 → 3"
    with pytest.raises(ValueError):
        c.compare(place_table, ["Beijing"])
    with pytest.raises(ValueError):
        c.compare(place_table, ["Beijing", "Atlantis"])


def test_corridors_are_lines_between_cluster_centres(facts, place_table):
    lines = c.corridor_lines(facts, place_table)
    assert len(lines) == 4
    assert all(isinstance(x, float) for f in lines for pt in f["geometry"]["coordinates"] for x in pt)


def test_filter_places(place_table):
    asia = c.filter_places(place_table, regions=["Asia-Pacific"], sources=["CBRE"])
    assert set(asia.kind) == {c.KIND_CITY} and set(asia.region) == {"Asia-Pacific"}
    assert c.filter_places(place_table, tiers=[]).empty
    with pytest.raises(ValueError):
        c.filter_places(place_table, sources=["Gartner"])


def test_loader_rejects_disagreeing_cities(monkeypatch, cities):
    bad = datasets._read_global  # noqa: SLF001  (the reader of data/global/, in core.datasets)

    def fake_read(name, spec):
        frame = bad(name, spec)
        if name == "cities.csv":
            frame.loc[frame.market == "Boston", "cbre_48_status"] = c.STATUS_PUBLISHED
        return frame

    monkeypatch.setattr(datasets, "_read_global", fake_read)
    with pytest.raises(DataSchemaError, match="Boston"):
        c.load_cities()


# --- the composite ------------------------------------------------------------------------------

THREE = pd.DataFrame({"density": [4.0, 2.0, 1.0], "crossover": [1.0, 2.0, 1.0], "speed": [2.0, 2.0, 1.0]},
                     index=["A", "B", "C"])


def test_hand_worked_three_city_example():
    # weights 2:1:1 -> 0.5, 0.25, 0.25.  Geometric means of the columns: density 2, crossover 2**(1/3),
    # speed 2**(2/3).  Unnormalised scores: A = 4**.5 * 1**.25 * 2**.25 = 2 * 2**.25 = 2.3784,
    # B = 2**.5 * 2**.25 * 2**.25 = 2, C = 1.  Dividing by the column means scales all three alike:
    # factor = 2**-.5 * 2**(-1/12) * 2**(-1/6) = 2**(-3/4).
    result = c.composite_index(THREE, {"density": 2, "crossover": 1, "speed": 1})
    scores = result.table.set_index("place").score
    assert scores["A"] == pytest.approx(2 * 2**0.25 * 2**-0.75)
    assert scores["B"] == pytest.approx(2 * 2**-0.75)
    assert scores["C"] == pytest.approx(2**-0.75)
    assert result.table.place.tolist() == ["A", "B", "C"]
    assert result.weights == {"density": 0.5, "crossover": 0.25, "speed": 0.25}


def test_equal_weights_order_by_geometric_mean():
    rng = np.random.default_rng(7)
    frame = pd.DataFrame(rng.uniform(0.5, 20, size=(12, 4)), columns=list(c.COMPONENTS),
                         index=[f"p{i}" for i in range(12)])
    result = c.composite_index(frame, dict.fromkeys(c.COMPONENTS, 1.0))
    gmean = np.exp(np.log(frame).mean(axis=1)).sort_values(ascending=False)
    assert result.table.place.tolist() == gmean.index.tolist()


@pytest.mark.parametrize("method", ["geometric", "additive"])
@given(factor=st.floats(1e-3, 1e6), column=st.sampled_from(["density", "crossover", "speed"]))
@settings(max_examples=40, deadline=None)
def test_ranking_invariant_to_scaling_a_component(method, factor, column):
    weights = {"density": 0.3, "crossover": 0.5, "speed": 0.2}
    scaled = THREE.copy()
    scaled[column] = scaled[column] * factor
    before = c.composite_index(THREE, weights, method=method).table[["place", "rank"]]
    after = c.composite_index(scaled, weights, method=method).table[["place", "rank"]]
    pd.testing.assert_frame_equal(before, after)


def test_additive_hand_example():
    # min-max: density (4,2,1) -> (1, 1/3, 0); crossover (1,2,1) -> (0,1,0); speed (2,2,1) -> (1,1,0)
    result = c.composite_index(THREE, {"density": 1, "crossover": 1, "speed": 0}, method="additive")
    scores = result.table.set_index("place").score
    assert scores["A"] == pytest.approx(0.5) and scores["B"] == pytest.approx(2 / 3) and scores["C"] == 0
    assert "speed" not in result.table.columns  # weight 0 -> ignored


def test_missing_components_are_explicit():
    frame = THREE.copy()
    frame.loc["B", "crossover"] = np.nan
    excluded = c.composite_index(frame, dict.fromkeys(frame.columns, 1))
    assert excluded.excluded == ("B",) and "B" not in excluded.table.place.tolist()
    neutral = c.composite_index(frame, dict.fromkeys(frame.columns, 1), missing="neutral")
    row = neutral.table.set_index("place").loc["B"]
    assert row.imputed == "crossover" and row.crossover == pytest.approx(1.0)
    # a missing value in a component with zero weight does not matter
    assert c.composite_index(frame, {"density": 1, "crossover": 0, "speed": 1}).excluded == ()


def test_composite_errors_are_typed():
    with pytest.raises(c.CompositeError):
        c.composite_index(THREE, {"density": 0, "crossover": 0})
    with pytest.raises(c.CompositeError):
        c.composite_index(THREE, {"density": -1, "crossover": 1})
    with pytest.raises(c.CompositeError):
        c.composite_index(THREE, {"density": 1}, method="median")  # type: ignore[arg-type]
    zero = THREE.copy()
    zero.loc["C", "density"] = 0
    with pytest.raises(c.CompositeError, match="positive"):
        c.composite_index(zero, {"density": 1})
    assert c.composite_index(zero, {"density": 1}, method="additive").table.place.iloc[-1] == "C"
    empty = THREE.copy()
    empty["density"] = np.nan
    with pytest.raises(c.CompositeError):
        c.composite_index(empty, {"density": 1})


def test_weight_grid_is_deterministic_and_normalised():
    grid = c.weight_grid({"a": 1, "b": 1, "c": 2}, spread=0.2, levels=3)
    assert grid.shape == (27, 3)
    np.testing.assert_allclose(grid.sum(axis=1), 1.0)
    np.testing.assert_array_equal(grid, c.weight_grid({"a": 1, "b": 1, "c": 2}, spread=0.2, levels=3))
    ratio = grid[:, 0] / grid[:, 2]
    assert ratio.min() == pytest.approx(0.8 / 2.4) and ratio.max() == pytest.approx(1.2 / 1.6)


def test_rank_stability_on_the_bundled_proxies(cities, facts):
    proxies = c.proxy_values(cities, facts, c.load_illustrative_values())
    components = c.component_table(proxies, {"density": "cbre_band_min", "connectivity": "wipo_2025_score"})
    stab = c.rank_stability(components, {"density": 1, "connectivity": 1})
    assert stab.samples.iloc[0] == 25
    assert stab.share_top.between(0, 1).all()
    assert (stab.best_rank <= stab["rank"]).all() and (stab["rank"] <= stab.worst_rank).all()
    base = c.composite_index(components, {"density": 1, "connectivity": 1}).table
    assert set(stab.place) == set(base.place)
    # spread 0 -> every sample is the base ranking
    still = c.rank_stability(components, {"density": 1, "connectivity": 1}, spread=0.0)
    assert set(still.share_top) <= {0.0, 1.0}


def test_a_weight_changes_the_bundled_ranking(cities, facts):
    proxies = c.proxy_values(cities, facts, c.load_illustrative_values())
    components = c.component_table(proxies, {"density": "cbre_band_min", "connectivity": "wipo_2025_score"})
    density_heavy = c.composite_index(components, {"density": 0.9, "connectivity": 0.1}).table.place.tolist()
    wipo_heavy = c.composite_index(components, {"density": 0.1, "connectivity": 0.9}).table.place.tolist()
    assert density_heavy != wipo_heavy


def test_proxy_catalogue_marks_illustrative():
    proxies = c.load_proxies().set_index("proxy")
    assert proxies.loc["illustrative_speed", "illustrative"]
    assert not proxies.loc["cbre_band_min", "illustrative"]
    assert set(proxies.component) == set(c.COMPONENTS)


def test_uploaded_figures(cities):
    frame = pd.DataFrame({"place": ["Beijing", "Shanghai"], "digital_talent_share_pct": ["3.1", "2.9"]})
    out = c.validate_uploaded_figures(frame, cities.market)
    assert out.digital_talent_share_pct.tolist() == [3.1, 2.9]
    with pytest.raises(UploadError, match="place"):
        c.validate_uploaded_figures(frame.rename(columns={"place": "city"}), cities.market)
    with pytest.raises(UploadError, match="Atlantis"):
        c.validate_uploaded_figures(pd.DataFrame({"place": ["Atlantis"], "x": ["1"]}), cities.market)
    with pytest.raises(UploadError, match="not allowed"):
        c.validate_uploaded_figures(pd.DataFrame({"place": ["Beijing"], "__import__('os')": ["1"]}), cities.market)
    proxies = c.proxy_values(cities, c.load_linkedin_facts(), c.load_illustrative_values(), uploaded=out)
    assert proxies.loc["Beijing", "upload:digital_talent_share_pct"] == 3.1


def test_reweight_scores_a_place_on_the_components_it_has():
    # B lacks crossover; equal weights.  Geometric means over the places that have each component:
    # density 2, crossover (A, C) 1, speed 2**(2/3).  B on density and speed only, weights 1/2 each:
    # exp((log(2/2) + log(2 / 2**(2/3))) / 2) = 2**(1/6).  A keeps all three: 2**((1 + 0 + 1/3) / 3) = 2**(4/9);
    # C: 2**((-1 + 0 - 2/3) / 3) = 2**(-5/9).
    frame = THREE.copy()
    frame.loc["B", "crossover"] = np.nan
    result = c.composite_index(frame, dict.fromkeys(frame.columns, 1), missing="reweight")
    table = result.table.set_index("place")
    assert table.score["B"] == pytest.approx(2 ** (1 / 6))
    assert table.score["A"] == pytest.approx(2 ** (4 / 9))
    assert table.score["C"] == pytest.approx(2 ** (-5 / 9))
    assert result.excluded == () and table.imputed["B"] == "crossover" and np.isnan(table.crossover["B"])
    # independent reference: scipy's weighted geometric mean of x / g over the components each place has
    from scipy.stats import gmean
    g = {"density": 2.0, "crossover": 1.0, "speed": 2 ** (2 / 3)}
    for place, row in frame.iterrows():
        have = row.dropna()
        expected = gmean([have[k] / g[k] for k in have.index], weights=[1.0] * len(have))
        assert table.score[place] == pytest.approx(expected)


def test_reweight_agrees_with_the_other_rules_when_nothing_is_missing():
    weights = {"density": 0.3, "crossover": 0.5, "speed": 0.2}
    for method in ("geometric", "additive"):
        full = c.composite_index(THREE, weights, method=method).table
        again = c.composite_index(THREE, weights, method=method, missing="reweight").table
        pd.testing.assert_frame_equal(full, again)
        s1 = c.rank_stability(THREE, weights, method=method)
        s2 = c.rank_stability(THREE, weights, method=method, missing="reweight")
        pd.testing.assert_frame_equal(s1, s2)
    empty = THREE.copy()
    empty.loc["C"] = np.nan
    assert c.composite_index(empty, weights, missing="reweight").excluded == ("C",)


def test_reweight_keeps_the_bundled_cities_the_default_drops(cities, facts):
    proxies = c.proxy_values(cities, facts, c.load_illustrative_values())
    choice = {"density": "cbre_band_min", "crossover": "illustrative_crossover",
              "connectivity": "wipo_2025_score", "speed": "illustrative_speed"}
    components = c.component_table(proxies, choice)
    weights = dict.fromkeys(choice, 25)
    dropped = c.composite_index(components, weights).excluded
    assert {"Toronto", "Singapore"} <= set(dropped)
    kept = c.composite_index(components, weights, missing="reweight")
    assert set(dropped) <= set(kept.table.place) and kept.excluded == ()


def test_sources_facts_for_the_global_page():
    facts = c.load_cluster_facts().set_index("metric")
    assert facts.loc["invention_patents_granted", ["value", "share_of_china_percent"]].tolist() == [113000, 12.1]
    assert facts.loc["pct_applications", ["value", "share_of_china_percent"]].tolist() == [19000, 27.5]
    shares = c.world_shares(c.load_wipo_extra_facts())
    pub = shares[shares.output == "share_of_global_scientific_publications"].set_index("cluster").share_percent
    assert pub["Beijing"] == 4.0 and pub["Shenzhen–Hong Kong–Guangzhou"] == 2.4
    pct = shares[shares.output == "share_of_global_PCT_applications"].set_index("cluster").share_percent
    assert pct["Tokyo–Yokohama"] == 10.3 and pct["Seoul"] == 5.4


# --- the world map's spec -------------------------------------------------------------------------

@pytest.mark.parametrize("colour_by", ["tier", "region"])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_world_map_spec_is_the_altair_charts_dict(place_table, facts, colour_by, lang):
    """The page's map, written out as a dict, is what the Altair chart gives (validated), for every layer mix."""
    import json

    from core.charts import global_ as charts

    features = datasets.load_world_countries()["features"][:3]
    cities = place_table[(place_table.kind == c.KIND_CITY) & place_table.band_low.notna()].dropna(subset=["lon", "lat"])
    wipo = place_table[place_table.kind == c.KIND_WIPO].dropna(subset=["lon", "lat"])
    corridors = c.corridor_lines(facts, place_table)
    assert cities.band_high.isna().any() and cities.band_high.notna().any()  # both rings and open bands drawn
    mixes = [(cities, wipo, corridors), (cities, wipo, []), (cities.iloc[0:0], wipo, corridors),
             (cities[cities.band_high.isna()], wipo, corridors), (cities, wipo.iloc[0:0], corridors),
             (cities.iloc[0:0], wipo.iloc[0:0], [])]
    for bubbles, clusters_, lines in mixes:
        kwargs = {"colour_by": colour_by, "lang": lang, "title": "T"}
        altair_route = charts.world_map(features, bubbles, clusters_, lines, **kwargs).to_dict(validate=True)
        direct = charts.world_map_spec(features, bubbles, clusters_, lines, **kwargs)
        assert json.loads(json.dumps(direct)) == json.loads(json.dumps(altair_route))
        # only the columns the layers encode travel
        sent = {key for rows in direct.get("datasets", {}).values() for row in rows for key in row}
        assert sent <= set(charts.BUBBLE_FIELDS) | set(charts.CLUSTER_FIELDS)


def test_prepared_world_shapes_are_the_live_rounding():
    """The shapes the page reads (prepared at build time) are the bundled ones rounded now, stamped with their source."""
    import json

    from core import geo

    built = json.loads(c.WORLD_MAP_PREPARED.read_text(encoding="utf-8"))
    assert built[geo.PREPARED_KEY] == c.world_map_stamp()
    live = c.world_map_countries_live()
    assert built["features"] == live and c.world_map_countries() == live
    assert len(live) == 177 and [f["properties"] for f in live] == \
        [f["properties"] for f in datasets.load_world_countries()["features"]]
    # rounded, orientation kept: every exterior ring still runs clockwise as the bundled one does
    assert all(round(x, 2) == x for f in live[:20] for poly in
               ([f["geometry"]["coordinates"]] if f["geometry"]["type"] == "Polygon" else f["geometry"]["coordinates"])
               for ring in poly for point in ring for x in point)
    pairs = list(zip(geo.exterior_rings({"features": live}), geo.exterior_rings(datasets.load_world_countries())))
    assert len(pairs) > 177 and all(geo.is_clockwise(new) == geo.is_clockwise(old) for (_, new), (_, old) in pairs)


def test_a_stale_prepared_file_is_not_used(monkeypatch, tmp_path):
    stale = tmp_path / "world.geojson"
    stale.write_text(json_dumps({"type": "FeatureCollection", "prepared_from": {"sha256": "0" * 64},
                                 "features": [{"type": "Feature", "properties": {}, "geometry": None}]}))
    monkeypatch.setattr(c, "WORLD_MAP_PREPARED", stale)
    assert c.world_map_countries() == c.world_map_countries_live()


def json_dumps(obj) -> str:
    import json

    return json.dumps(obj)


def test_rounded_world_shapes_draw_as_the_bundled_ones():
    """At the map's size the rounded countries paint the same pixels (anti-aliased edges move by at most a shade)."""
    import io
    import json

    import vl_convert as vlc
    from PIL import Image

    from core.charts import global_ as charts

    def painted(features) -> np.ndarray:
        spec = charts.world_map_spec(features, pd.DataFrame(), pd.DataFrame(), [])
        png = vlc.vegalite_to_png(json.dumps(spec), scale=1)
        return np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)

    bundled, rounded = painted(datasets.load_world_countries()["features"]), painted(c.world_map_countries())
    assert bundled.shape == rounded.shape and bundled.shape[1] >= 860
    shift = np.abs(bundled - rounded).max(axis=2)
    assert shift.max() <= 16 and (shift > 4).mean() < 1e-3  # border #b0b8c1 on fill #eceff3 differ by 60
