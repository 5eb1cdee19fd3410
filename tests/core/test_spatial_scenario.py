"""core.spatial_scenario: spec <-> query round trip, whitelists, and the recomputed map frame on the public panel."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from core import spatial_panel, spatial_scenario as ss
from core.errors import CoreError, ScenarioError

X = ("lnpcgdp", "estr", "pdl", "med")


def spec(**changes) -> ss.SpilloverSpec:
    base = dict(model="lag", weights="queen", lever="pdl", change=10.0, provinces=("Sichuan",), regressors=X,
                dependent="idt", years=(2012, 2023), source="public")
    return ss.SpilloverSpec(**{**base, **changes})


@pytest.fixture(scope="module")
def public() -> pd.DataFrame:
    return ss.load_source("public")


@pytest.mark.parametrize("extra", [
    {}, {"weights": "knn", "k": 6}, {"weights": "distance", "model": "durbin"},
    {"islands": "guangdong", "model": "error"}, {"fixed_effects": "twoway", "regions": ("east", "central")},
    {"provinces": ("Sichuan", "Chongqing"), "change": -7.5, "source": "demo"}, {"interpolate_wages": False},
])
def test_round_trip(extra):
    original = spec(**extra)
    query = original.to_query()
    assert all(k == "spill" or k.startswith("spill_") for k in query)
    assert all(isinstance(v, str) for v in query.values())
    assert ss.from_query(query) == original


def test_defaults_left_out_of_the_link():
    q = spec().to_query()
    assert "spill_k" not in q and "spill_fe" not in q and "spill_regions" not in q
    assert q["spill_islands"] == "nearest"
    assert "spill_islands" not in spec(weights="knn").to_query()


def test_no_spill_parameter_is_no_scenario():
    assert ss.from_query({"scenario": "pcw:+10"}) is None
    assert not ss.has_spillover({"source": "Scenario"})


@pytest.mark.parametrize("key, value", [
    ("spill", "sar"), ("spill_w", "rook"), ("spill_k", "0"), ("spill_k", "11"), ("spill_k", "4.5"),
    ("spill_islands", "Guangxi"), ("spill_lever", "gdp"), ("spill_lever", "__import__"), ("spill_change", "51"),
    ("spill_change", "1e3"), ("spill_change", "nan"), ("spill_change", "ten"), ("spill_where", "Atlantis"),
    ("spill_where", ""), ("spill_where", "Sichuan,Sichuan"), ("spill_where", "<script>"), ("spill_x", "pdl,pdl"),
    ("spill_x", "idt,pdl"), ("spill_y", "os"), ("spill_years", "2023-2012"), ("spill_years", "2012"),
    ("spill_years", "1900-2023"), ("spill_source", "http://x"), ("spill_fe", "time"), ("spill_regions", "north"),
    ("spill_interp", "yes"),
])
def test_bad_values_rejected(key, value):
    query = {**spec().to_query(), key: value}
    with pytest.raises(ss.SpilloverLinkError):
        ss.from_query(query)


def test_error_classes_are_typed():
    assert issubclass(ss.SpilloverLinkError, ScenarioError) and issubclass(ss.SpilloverLinkError, CoreError)
    with pytest.raises(ss.SpilloverLinkError, match="lever"):
        spec(lever="gdp")
    with pytest.raises(ss.SpilloverLinkError):
        spec(change=True)
    with pytest.raises(ss.SpilloverLinkError):
        ss.load_source("upload")


def test_lever_units():
    assert ss.lever_delta("pdl", 10) == pytest.approx(np.log(1.1))   # log variable: percent
    assert ss.lever_delta("estr", 2) == pytest.approx(0.02)          # share: percentage points
    assert ss.lever_delta("del", 0.5) == pytest.approx(0.5)          # score: points


def test_hainan_link_options():
    queen = ss.build_weights("queen", ss.load_source("public").index.get_level_values(0).unique())
    assert sorted(queen.columns[queen.loc["Hainan"] > 0]) == ["Guangdong", "Guangxi"]
    only = ss.build_weights("queen", queen.index, islands="guangdong")
    assert list(only.columns[only.loc["Hainan"] > 0]) == ["Guangdong"]
    assert "Hainan -> Guangdong" in only.attrs["method"]


@pytest.mark.parametrize("model", ss.MODELS)
def test_recompute_public_direct_plus_spillover_is_total(public, model):
    s = spec(model=model, provinces=("Sichuan", "Chongqing"))
    frame = ss.recompute(s, public)
    assert list(frame.columns) == ["province", "year", "idt", "baseline", "change", "direct", "spillover", "moved",
                                   "label"]
    assert len(frame) == 30 and (frame.year == 2023).all()
    np.testing.assert_allclose(frame.direct + frame.spillover, frame.change, atol=1e-12)
    np.testing.assert_allclose(frame.baseline + frame.change, frame.idt, atol=1e-12)
    assert (frame.loc[~frame.moved, "direct"] == 0).all()
    assert set(frame.loc[frame.moved, "province"]) == {"Sichuan", "Chongqing"}
    observed = public.xs(2023, level=1).idt
    np.testing.assert_allclose(frame.set_index("province").baseline, observed.reindex(frame.province), atol=1e-12)
    assert "model estimate" in frame.label.iloc[0].lower()
    # the same numbers as the core projection on an independently fitted model, computed by hand:
    # dy = (I - rho W)^-1 (beta I + theta W) dx with dx = ln(1.1) in the two provinces
    sample = public.loc[(slice(None), slice(2012, 2023)), ["idt", *X]]
    w = ss.build_weights("queen", sorted(set(sample.index.get_level_values(0))))
    result = spatial_panel.fit_spatial_panel(sample, "idt", list(X), w, model=model)
    W = result.weights.matrix
    n = W.shape[0]
    rho = 0.0 if model == "error" else result.rho
    theta = float(result.params.get("W_pdl", 0.0))
    dx = np.array([np.log(1.1) if e in ("Sichuan", "Chongqing") else 0.0 for e in result.entities])
    dy = np.linalg.solve(np.eye(n) - rho * W, (result.params["pdl"] * np.eye(n) + theta * W) @ dx)
    np.testing.assert_allclose(frame.set_index("province").change.reindex(result.entities), dy, atol=1e-9)
    if model == "error":
        assert np.allclose(frame.spillover, 0)     # no multiplier on X in the error model
    else:
        assert np.abs(frame.loc[~frame.moved, "spillover"]).max() > 0


def test_lever_move_does_not_refit(public, monkeypatch):
    s = spec(model="durbin")
    result = ss.fit(s, public)
    calls = []
    original = spatial_panel.fit_spatial_panel
    monkeypatch.setattr(spatial_panel, "fit_spatial_panel", lambda *a, **k: calls.append(1) or original(*a, **k))
    first = ss.map_frame(result, public, s)
    moved = ss.map_frame(result, public, spec(model="durbin", change=20.0))
    assert calls == []
    # linear in the change: 20 % is ln(1.2)/ln(1.1) times 10 %
    np.testing.assert_allclose(moved.change, first.change * np.log(1.2) / np.log(1.1), rtol=1e-10)


def test_recompute_reports_unbalanced_sample(public):
    with pytest.raises(spatial_panel.UnbalancedPanelError, match="med"):
        ss.recompute(spec(years=(2011, 2023)), public)


def test_province_outside_the_sample(public):
    with pytest.raises(ss.SpilloverLinkError, match="Sichuan"):
        ss.recompute(spec(regions=("east",)), public)


def test_balance_report_names_the_gap_and_the_balanced_years(public):
    gaps, span = ss.balance_report(public, ["idt", *X], (2011, 2023))
    assert gaps == ["med: 2011 (all of 30 provinces)"]
    assert span == (2012, 2023)
    gaps, span = ss.balance_report(public, ["idt", "pcw", "estr"], (2011, 2023))
    assert gaps == ["pcw: 2021–2023 (all of 30 provinces)"] and span == (2011, 2020)
    odd = ss.load_source("public", interpolate_wages=False)
    gaps, span = ss.balance_report(odd, ["idt", "pcw"], (2011, 2023))
    assert gaps == ["pcw: 2011, 2013, 2015, 2017, 2019, 2021–2023 (all of 30 provinces)"] and span is None
    assert ss.balance_report(public, ["idt", *X], (2012, 2023)) == ([], (2012, 2023))
    holed = public.drop(("Hainan", 2015))
    gaps, span = ss.balance_report(holed, ["idt", "estr"], (2011, 2023))
    assert gaps == ["idt: 2015 (1 of 30 provinces)", "estr: 2015 (1 of 30 provinces)"] and span == (2016, 2023)
