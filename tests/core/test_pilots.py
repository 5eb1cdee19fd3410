"""core.pilots: city -> province -> belt, approval years, the synthetic panel and city-panel uploads."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from core import datasets, did, pilots
from core.uploads import UploadError, read_table


@pytest.fixture(scope="module")
def ref():
    regions = datasets.load_regions()
    cities = pilots.city_table(datasets.load_city_province(), regions)
    approvals = pilots.approval_table(datasets.load_approval_years())
    broadband = pilots.broadband_years(datasets.load_pilot_lists()).to_dict()
    return cities, approvals, set(approvals["city"]), broadband, regions


def test_every_list_city_has_province_and_belt(ref):
    cities, *_ = ref
    lists = datasets.load_pilot_lists()
    assert set(lists["prefecture_city"]) == set(cities["city"])
    assert cities["city"].is_unique and cities["city_en"].is_unique
    assert set(cities["region"]) == set(pilots.REGIONS)
    by = cities.set_index("city")
    assert by.loc["深圳", "province"] == "Guangdong" and by.loc["深圳", "region"] == "east"
    assert by.loc["宿州", "province"] == "Anhui" and by.loc["苏州", "province"] == "Jiangsu"
    assert by.loc["拉萨", "region"] == "west" and by.loc["洛阳", "region"] == "central"
    assert by.loc["昆山", "admin_level"] == "county_level_city"


def test_approval_years_file(ref):
    _, approvals, pilot_set, *_ = ref
    assert len(approvals) == 78
    status = approvals.set_index("city")
    assert (status.loc[status["year_status"] == "exact", "first_approval_year"] == 2018).all()
    assert (status["year_status"] == "exact").sum() == 17
    assert status.loc["深圳", "first_approval_year"] == 2008
    # the official notices replace the "commonly cited, verify" years (29 units); 32 stay empty
    assert status.loc["深圳", "year_status"] == "official"
    assert (status["year_status"] == "official").sum() == 29
    assert status.loc["兰州", "first_approval_year"] == 2010  # in the MOST batch, missing before
    assert status["first_approval_year"].isna().sum() == 32
    assert set(status.loc[status["first_approval_year"].isna(), "year_status"]) == {"unknown, enter"}


def test_broadband_first_batch(ref):
    *_, broadband, _ = ref
    assert broadband["重庆"] == 2015 and broadband["北京"] == 2014 and broadband["包头"] == 2016


def test_user_years_are_marked(ref):
    _, approvals, *_ = ref
    edited = approvals.copy()
    edited.loc[edited["city"] == "南昌", "first_approval_year"] = 2011
    edited.loc[edited["city"] == "深圳", "first_approval_year"] = 2009
    out = pilots.validate_approval_years(edited, approvals).set_index("city")
    assert out.loc["南昌", "source"] == "yours" and out.loc["深圳", "source"] == "yours"
    assert out.loc["南昌", "year_status"] == "entered by you"
    assert (out["source"] == "yours").sum() == 2
    assert pilots.cohort_map(out.reset_index())["南昌"] == 2011


@pytest.mark.parametrize(("value", "message"), [(1999, "between 2008"), (2011.5, "whole year"), ("soon", "whole year")])
def test_bad_user_years(ref, value, message):
    _, approvals, *_ = ref
    edited = approvals.astype({"first_approval_year": object})
    edited.loc[0, "first_approval_year"] = value
    with pytest.raises(pilots.PilotDataError, match=message):
        pilots.validate_approval_years(edited, approvals)


def test_unknown_city_in_years(ref):
    _, approvals, *_ = ref
    edited = approvals.copy()
    edited.loc[0, "city"] = "Atlantis"
    with pytest.raises(pilots.PilotDataError, match="Unknown pilot city"):
        pilots.validate_approval_years(edited, approvals)


def test_synthetic_panel_is_deterministic_and_balanced(ref):
    cities, approvals, pilot_set, broadband, _ = ref
    a = pilots.synthetic_city_panel(cities, pilots.cohort_map(approvals), pilot_set, broadband)
    b = pilots.synthetic_city_panel(cities, pilots.cohort_map(approvals), pilot_set, broadband)
    pd.testing.assert_frame_equal(a, b)
    assert len(a) == 141 * 18 and a["year"].min() == 2002 and a["year"].max() == 2019
    assert not a.duplicated(["city", "year"]).any()
    big = pilots.synthetic_city_panel(cities, pilots.cohort_map(approvals), pilot_set, broadband, extra_controls=159)
    assert big["city"].nunique() == 300
    # the effect is zero before approval and for never-treated cities
    sz = a[a["city"] == "深圳"].set_index("year")["true_effect"]
    assert sz.loc[2007] == 0 and sz.loc[2008] > 0
    assert a.loc[~a["city"].isin(pilot_set), "true_effect"].eq(0).all()


def test_did2s_recovers_synthetic_truth(ref):
    """On the synthetic panel, did2s with the concurrent-policy control is within 2 SE of the known mean effect."""
    cities, approvals, pilot_set, broadband, _ = ref
    cohorts = pilots.cohort_map(approvals)
    panel = pilots.synthetic_city_panel(cities, cohorts, pilot_set, broadband)
    frame, counts = pilots.design_frame(panel, cohorts, pilot_set, broadband)
    assert counts["dropped_unknown_year"] == 32
    truth = frame.loc[(frame["cohort"] > 0) & (frame["year"] >= frame["cohort"]), "true_effect"].mean()
    r = did.staggered_did(frame, outcome=pilots.OUTCOME, unit="city", time="year", cohort="cohort", method="did2s",
                          controls=("ln_gdp_per_capita", pilots.BROADBAND), cluster="city")
    assert abs(r.att - truth) < 2 * r.se


def test_design_frame_cohort_filter(ref):
    cities, approvals, pilot_set, broadband, _ = ref
    cohorts = pilots.cohort_map(approvals)
    panel = pilots.synthetic_city_panel(cities, cohorts, pilot_set, broadband)
    frame, counts = pilots.design_frame(panel, cohorts, pilot_set, broadband, include_cohorts=[2010])
    assert set(frame["cohort"]) == {0, 2010} and counts["dropped_cohort"] == 18
    timing = pilots.timing_table(frame)
    assert timing.loc[timing["cohort"] == 2010, "cities"].sum() == 28  # 27 + Lanzhou (official MOST batch)


def csv(text: str) -> pd.DataFrame:
    return read_table(text.encode("utf-8"), "city.csv")


def test_upload_accepts_names_in_three_forms(ref):
    cities, *_, regions = ref
    text = "city,year,lq_hightech\n苏州,2002,1.1\n苏州市,2003,1.2\nSuzhou (Anhui),2002,0.9\nsuzhou (anhui),2003,0.8\n"
    out = pilots.validate_city_panel(csv(text), cities, regions)
    assert set(out["city"]) == {"苏州", "宿州"}
    assert out.set_index("city")["region"].to_dict() == {"苏州": "east", "宿州": "central"}


def test_upload_unknown_city(ref):
    cities, *_, regions = ref
    with pytest.raises(UploadError, match="Unknown city.*Gotham"):
        pilots.validate_city_panel(csv("city,year,lq_hightech\n苏州,2002,1\n苏州,2003,1\nGotham,2002,1\nGotham,2003,1\n"),
                                   cities, regions)


def test_upload_non_list_city_with_province(ref):
    cities, *_, regions = ref
    text = "city,year,lq_hightech,province\n苏州,2002,1,\n苏州,2003,1,\n抚州,2002,1,江西\n抚州,2003,1,Jiangxi\n"
    out = pilots.validate_city_panel(csv(text), cities, regions)
    assert out.set_index("city")["region"].to_dict()["抚州"] == "central"


def test_upload_duplicate_city_year(ref):
    cities, *_, regions = ref
    with pytest.raises(UploadError, match="Duplicate rows for 苏州 / 2002"):
        pilots.validate_city_panel(csv("city,year,lq_hightech\n苏州,2002,1\n苏州市,2002,2\n宿州,2002,1\n宿州,2003,1\n"),
                                   cities, regions)


def test_template_round_trips(ref):
    cities, *_, regions = ref
    template = pilots.city_panel_template(cities)
    filled = template.assign(lq_hightech=np.linspace(0.9, 1.2, len(template)))
    out = pilots.validate_city_panel(csv(filled.to_csv(index=False)), cities, regions)
    assert len(out) == len(template)


# --- years in the link, new cohorts selected, the regional order, the real design --------

def test_user_years_round_trip_through_the_link(ref):
    _, approvals, *_ = ref
    edited = approvals.copy()
    edited.loc[edited["city"] == "南昌", "first_approval_year"] = 2011
    edited.loc[edited["city"] == "深圳", "first_approval_year"] = pd.NA  # clearing a bundled year is kept too
    checked = pilots.validate_approval_years(edited, approvals)
    text = pilots.encode_user_years(checked)
    assert text == "南昌:2011,深圳:" or set(text.split(",")) == {"南昌:2011", "深圳:"}
    back = pilots.validate_approval_years(pilots.decode_user_years(text, approvals), approvals)
    pd.testing.assert_frame_equal(back, checked)
    assert pilots.encode_user_years(pilots.validate_approval_years(approvals, approvals)) == ""


@pytest.mark.parametrize(("text", "message"), [("Atlantis:2011", "unknown pilot city"), ("南昌:1999", "whole year"),
                                                ("南昌:20x1", "whole year"), ("南昌:2011,南昌:2012", "twice"),
                                                ("南昌", "unknown pilot city")])
def test_bad_years_in_the_link_are_refused(ref, text, message):
    _, approvals, *_ = ref
    with pytest.raises(pilots.PilotDataError, match=message):
        pilots.decode_user_years(text, approvals)


def test_a_new_cohort_joins_the_selection_and_a_vanished_one_leaves():
    assert pilots.merge_cohort_selection([2010, 2018], [2008, 2010, 2011, 2018], [2008, 2010, 2018]) == [2010, 2011, 2018]
    assert pilots.merge_cohort_selection([2008, 2011], [2008, 2010, 2018], [2008, 2010, 2011, 2018]) == [2008]


def test_synthetic_effects_follow_the_studys_regional_order(ref):
    """The pilot-city study: east benefits most, then west, central weakest."""
    cities, approvals, pilot_set, broadband, _ = ref
    panel = pilots.synthetic_city_panel(cities, pilots.cohort_map(approvals), pilot_set, broadband)
    treated = panel[panel["true_effect"] > 0].groupby("region")["true_effect"].mean()
    assert treated["east"] > treated["west"] > treated["central"]
    assert pilots.PAPER_SAMPLE == "29 cities, 2002-2019"


def test_province_pilot_intensity_counts_approved_pilots(ref):
    cities, approvals, *_ = ref
    cohorts = pilots.cohort_map(approvals)
    frame = pilots.province_pilot_intensity(cities, cohorts, datasets.load_table1()).set_index(["province", "year"])
    # Jiangsu: Nanjing, Suzhou, Wuxi (2010) by 2011; the 2018 batch adds one
    known = cities[cities.city.isin(list(cohorts)) & (cities.province == "Jiangsu")].city
    assert frame.loc[("Jiangsu", 2011), "pilots_approved"] == sum(cohorts[c] <= 2011 for c in known) == 3
    assert frame.loc[("Jiangsu", 2023), "pilots_approved"] == len(known)
    assert frame.loc[("Jiangsu", 2023), "pilot_share"] == 1.0
    entered = pilots.province_pilot_intensity(cities, {**cohorts, "常州": 2012}, datasets.load_table1())
    entered = entered.set_index(["province", "year"])
    assert entered.loc[("Jiangsu", 2012), "pilots_approved"] == 4 and entered.loc[("Jiangsu", 2011), "pilots_approved"] == 3
    assert len(frame) == 390 and frame["idt"].notna().all()
