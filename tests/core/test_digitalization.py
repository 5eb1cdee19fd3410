"""Eq. 4-9 on a hand-worked 3-sector example, the crosswalk, the RAS-updated series and Table 1."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from core import datasets
from core import digitalization as dg
from core.uploads import UploadError

# --- a hand-worked 3-sector economy: T1, T2 traditional, D digital ---------------------------
#        T1   T2   D        x     va = x - column sum
Z3 = np.array([[10.0, 20.0, 5.0],
               [15.0, 10.0, 10.0],
               [5.0, 10.0, 5.0]])
X3 = np.array([100.0, 80.0, 50.0])
VA3 = np.array([70.0, 40.0, 30.0])
DIGITAL3 = np.array([False, False, True])


def test_eq4_direct_coefficient_by_hand():
    # digital row (5, 10, 5) over output (100, 80, 50)
    np.testing.assert_allclose(dg.digital_coefficients(Z3, X3, DIGITAL3, "direct"), [0.05, 0.125, 0.1])


def test_eq4_intermediate_share_by_hand():
    # 1 - non-digital inputs / all intermediate inputs: 1 - 25/30, 1 - 30/40, 1 - 15/20
    np.testing.assert_allclose(dg.digital_coefficients(Z3, X3, DIGITAL3, "intermediate_share"), [1 / 6, 0.25, 0.25])


def test_eq5_6_value_added_by_scope_by_hand():
    coef = dg.digital_coefficients(Z3, X3, DIGITAL3, "direct")
    # eq. 6: c x output x VA rate = c x VA: 0.05*70 = 3.5, 0.125*40 = 5
    np.testing.assert_allclose(dg.digital_value_added(coef, VA3, DIGITAL3, "traditional"), [3.5, 5.0, 0.0])
    np.testing.assert_allclose(dg.digital_value_added(coef, VA3, DIGITAL3, "plus_core"), [3.5, 5.0, 30.0])
    np.testing.assert_allclose(dg.digital_value_added(coef, VA3, DIGITAL3, "core_only"), [0.0, 0.0, 30.0])
    # eq. 6 written out: coefficient x total output x value-added rate
    np.testing.assert_allclose(coef[:2] * X3[:2] * (VA3[:2] / X3[:2]), [3.5, 5.0])
    share = dg.digital_coefficients(Z3, X3, DIGITAL3, "intermediate_share")
    assert dg.digital_value_added(share, VA3, DIGITAL3, "traditional").sum() == pytest.approx(70 / 6 + 10)


def test_eq7_8_productivity_and_practitioners_by_hand():
    productivity = dg.labour_productivity(np.array([140.0]), np.array([7.0]))  # 10k yuan / 10k persons
    assert productivity[0] == pytest.approx(20.0)  # yuan per person
    assert dg.practitioners(np.array([38.5]), productivity)[0] == pytest.approx(1.925)  # 10k persons
    with pytest.raises(dg.DigitalizationError, match="positive"):
        dg.labour_productivity(np.array([1.0]), np.array([0.0]))


def test_eq9_location_quotient_by_hand():
    lq = dg.location_quotient(pd.Series({"A": 2.0, "B": 1.0}), pd.Series({"B": 20.0, "A": 10.0}))
    # shares 0.2 and 0.05 over the national 3/30 = 0.1
    assert lq.to_dict() == pytest.approx({"A": 2.0, "B": 0.5})


@pytest.mark.parametrize(
    ("prac", "emp", "message"),
    [
        ({"A": 1.0, "B": 1.0}, {"A": 1.0, "C": 1.0}, "different regions"),
        ({"A": 1.0, "B": 1.0}, {"A": 1.0, "B": 0.0}, "positive"),
        ({"A": 1.0, "B": 1.0}, {"A": 1.0, "B": -3.0}, "positive"),
        ({"A": 1.0, "B": np.nan}, {"A": 1.0, "B": 2.0}, "missing"),
        ({"A": -1.0, "B": 1.0}, {"A": 1.0, "B": 2.0}, "negative"),
        ({"A": 0.0, "B": 0.0}, {"A": 1.0, "B": 2.0}, "undefined"),
    ],
)
def test_location_quotient_rejects_bad_input(prac, emp, message):
    with pytest.raises(dg.DigitalizationError, match=message):
        dg.location_quotient(pd.Series(prac), pd.Series(emp))


def test_location_quotient_needs_series():
    with pytest.raises(dg.DigitalizationError, match="Series"):
        dg.location_quotient(np.array([1.0]), pd.Series([1.0]))


def test_province_scale_on_a_hand_built_stack():
    stack = dg.IOStack(year=2012, scheme=2012, regions=("A", "B"), Z=np.zeros((2, 42, 42)), x=np.zeros((2, 42)),
                       va=np.zeros((2, 42)))
    # region A: all value added digital (sec20), region B: a quarter
    stack.va[0, 19] = 10.0
    stack.va[1, 0], stack.va[1, 19] = 30.0, 10.0
    out = dg.province_scale(stack, ["sec20"], dg.Variant("direct", "core_only"), pd.Series({"A": 1.0, "B": 3.0}))
    # shares 1 and 0.25; practitioners 1 and 0.75; national 1.75/4
    assert out.loc["A", "idt"] == pytest.approx(1.0 / (1.75 / 4))
    assert out.loc["B", "idt"] == pytest.approx(0.25 / (1.75 / 4))


def test_variant_validation():
    with pytest.raises(dg.DigitalizationError, match="coefficient"):
        dg.Variant("share", "core_only")
    with pytest.raises(dg.DigitalizationError, match="scope"):
        dg.Variant("direct", "everything")


# --- crosswalk and presets -------------------------------------------------------------------

def test_year_aware_codes_follow_the_crosswalk():
    assert dg.digital_codes(["information_services"], 2007) == ("sec29",)
    assert dg.digital_codes(["information_services"], 2012) == ("sec32",)
    assert dg.digital_codes(["information_services"], 2017) == ("sec31",)
    assert dg.digital_codes(["research_technical"], 2007) == ("sec35", "sec36")
    assert dg.digital_codes(["research_technical"], 2012) == ("sec36",)
    assert dg.digital_codes(dg.preset_concepts("paper"), 2012) == ("sec19", "sec20", "sec21", "sec32", "sec36")
    assert set(dg.preset_concepts("narrow_ict")) == {"electronics", "information_services"}
    with pytest.raises(dg.DigitalizationError, match="Unknown"):
        dg.digital_codes(["quantum"], 2012)
    with pytest.raises(dg.DigitalizationError, match="scheme"):
        dg.digital_codes(["electronics"], 2015)
    with pytest.raises(dg.DigitalizationError, match="preset"):
        dg.preset_concepts("nope")


def test_presets_and_three_sector_map_are_consistent():
    presets = datasets.load_digital_presets()
    assert {"paper", "narrow_ict"} <= set(presets.preset)
    ts = datasets.load_three_sector_map()
    assert len(ts) == 126 and ts.groupby("scheme").size().eq(42).all()
    assert (ts[ts.code == "sec01"].three_sector == "primary").all()
    table = dg.concept_table()
    assert table.set_index("concept").loc["research_technical", "codes_2007"] == "sec35 + sec36"


# --- the real tables ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def bundled():
    io = datasets.load_io_tables()
    return io, datasets.load_panel(), datasets.load_table1(), dg.benchmark_stacks(io), datasets.paper_provinces()


def test_io_stack_reproduces_known_gdp(bundled):
    _, _, _, stacks, _ = bundled
    s12 = stacks[2012]
    # SOURCE.md check: 2012 Beijing sum of TVA = 17,879.4 yi yuan = 178,794,000 (10k yuan)
    assert s12.gdp[s12.index_of("Beijing")] / 1e4 == pytest.approx(17879.4, abs=0.1)
    assert len(stacks[2007].regions) == 30 and len(s12.regions) == 31
    i = s12.index_of("Beijing")
    np.testing.assert_allclose(s12.Z[i].sum(axis=0) + s12.va[i], s12.x[i], rtol=1e-6)
    with pytest.raises(dg.DigitalizationError, match="No provincial benchmark"):
        dg.io_stack(bundled[0], 2015)


def _published(table1, year):
    return table1[table1.year == year].set_index("province")["idt"]


def test_default_variant_reproduces_table1_best(bundled):
    io, panel, table1, _, _ = bundled
    scores = {}
    for coefficient in dg.COEFFICIENTS:
        for scope in dg.SCOPES:
            variant = dg.Variant(coefficient, scope)
            scores[variant] = np.mean([
                dg.rank_correlation(dg.index_from_io(y, variant=variant, io=io, panel=panel), _published(table1, y))
                for y in (2012, 2017)])
    assert max(scores, key=scores.get) == dg.DEFAULT_VARIANT
    assert scores[dg.DEFAULT_VARIANT] > 0.95


def test_index_from_io_benchmark_years(bundled):
    io, panel, table1, _, paper = bundled
    for year, floor in ((2012, 0.92), (2017, 0.97)):
        idt = dg.index_from_io(year, io=io, panel=panel)
        assert list(idt.index) == paper and idt.notna().all() and "Tibet" not in idt.index
        assert dg.rank_correlation(idt, _published(table1, year)) > floor
    # the text's reading (traditional sectors only) is far from Table 1
    trad = dg.index_from_io(2012, variant=dg.Variant("direct", "traditional"), io=io, panel=panel)
    assert dg.rank_correlation(trad, _published(table1, 2012)) < 0.5


def test_sector_set_changes_the_ranking(bundled):
    io, panel, _, _, _ = bundled
    paper = dg.index_from_io(2017, io=io, panel=panel)
    narrow = dg.index_from_io(2017, concepts=dg.preset_concepts("narrow_ict"), io=io, panel=panel)
    assert list(paper.sort_values().index) != list(narrow.sort_values().index)


def test_index_from_io_ras_years_and_refusal(bundled):
    io, panel, _, _, _ = bundled
    idt = dg.index_from_io(2014, io=io, panel=panel)
    assert idt.notna().all()
    with pytest.raises(dg.DigitalizationError, match="No control totals"):
        dg.index_from_io(2021, io=io, panel=panel)


def test_update_stack_meets_control_totals_and_uses_gras_for_negatives(bundled):
    _, panel, _, stacks, paper = bundled
    updated = dg.update_stack(stacks[2012], 2015, panel, regions=paper)
    assert updated.status == "RAS-updated from 2012" and updated.diagnostics.included.all()
    i = updated.index_of("Zhejiang")
    totals = dg.control_totals(stacks[2012], "Zhejiang", 2015, panel)
    np.testing.assert_allclose(updated.Z[i].sum(axis=0), totals.v, rtol=1e-8)
    np.testing.assert_allclose(updated.Z[i].sum(axis=1), totals.u, rtol=1e-8)
    gdp = panel[(panel.province == "Zhejiang") & (panel.year == 2015)].gdp_100m_yuan.iloc[0]
    assert updated.va[i].sum() / 1e4 == pytest.approx(gdp, rel=1e-3)
    # zeros of the base table stay zero
    assert ((stacks[2012].Z[stacks[2012].index_of("Zhejiang")] == 0) <= (updated.Z[i] == 0)).all()
    # 2007 Shaanxi has negative intermediate entries: GRAS is used
    from_2007 = dg.update_stack(stacks[2007], 2011, panel, regions=["Shaanxi", "Beijing"])
    methods = from_2007.diagnostics.set_index("province").method
    assert methods["Shaanxi"] == "GRAS" and methods["Beijing"] == "RAS"


def test_control_totals_missing_and_unbalanced(bundled):
    _, panel, _, stacks, _ = bundled
    with pytest.raises(dg.DigitalizationError, match="no control totals"):
        dg.control_totals(stacks[2017], "Beijing", 2021, panel)
    raw = dg.control_totals(stacks[2017], "Beijing", 2019, panel, balance=False)
    assert raw.u.sum() != pytest.approx(raw.v.sum(), rel=1e-6)
    with pytest.raises(dg.io_tables.RasError, match="both cannot hold"):
        dg.update_table(stacks[2017], "Beijing", raw)
    left_out = dg.update_stack(stacks[2017], 2021, panel, regions=["Beijing"])
    assert left_out.regions == () and not left_out.diagnostics.included.any()


def test_yearly_index_labels_every_value(bundled):
    _, panel, table1, stacks, paper = bundled
    yi = dg.yearly_index(stacks, panel, dg.preset_concepts("paper"), dg.DEFAULT_VARIANT,
                         dg.population_employment(), paper, years=(2011, 2012, 2016, 2020))
    status = yi.groupby("year").status.first()
    assert status[2011] == "RAS-updated from 2007" and status[2012] == "benchmark table"
    assert status[2016] == "RAS-updated from 2012" and status[2020].startswith("extrapolated")
    carried = yi[yi.year == 2020].set_index("province").idt
    np.testing.assert_allclose(carried, yi[yi.year == 2016].set_index("province").idt)
    empty = dg.yearly_index(stacks, panel, dg.preset_concepts("paper"), dg.DEFAULT_VARIANT,
                            dg.population_employment(), paper, years=(2021,), extrapolate=False)
    assert empty.idt.isna().all() and (empty.status == "no control totals").all()
    nearest = dg.yearly_index(stacks, panel, dg.preset_concepts("paper"), dg.DEFAULT_VARIANT,
                              dg.population_employment(), paper, years=(2013,), base_rule="2012")
    assert nearest.status.iloc[0] == "RAS-updated from 2012"


def test_base_rules():
    assert [dg.base_year_for(y) for y in (2011, 2013, 2017, 2019)] == [2007, 2012, 2017, 2017]
    assert [dg.base_year_for(y, "nearest") for y in (2011, 2015, 2019)] == [2012, 2017, 2017]
    assert [dg.base_year_for(y, "2012") for y in (2011, 2017, 2019)] == [2012, 2017, 2012]
    with pytest.raises(dg.DigitalizationError):
        dg.base_year_for(2005)
    with pytest.raises(dg.DigitalizationError, match="rule"):
        dg.base_year_for(2015, "latest")


def test_population_approximation_is_share_over_weighted_mean(bundled):
    io, panel, _, stacks, paper = bundled
    emp = dg.population_employment().employed(2012, paper, panel)
    out = dg.province_scale(stacks[2012], dg.digital_codes(dg.preset_concepts("paper"), 2012),
                            dg.DEFAULT_VARIANT, emp)
    weighted_mean = (out.dva_share * emp).sum() / emp.sum()
    np.testing.assert_allclose(out.idt, out.dva_share / weighted_mean, rtol=1e-12)


def test_employment_upload(bundled):
    _, panel, _, stacks, paper = bundled
    frame = pd.DataFrame({"province": paper, "year": ["2012"] * 30,
                          "employed_10k": [str(100 + i) for i in range(30)]})
    source = dg.employment_from_upload(frame, paper)
    assert source.kind == "upload" and "Uploaded" in source.label
    emp = source.employed(2012, paper, panel)
    assert emp.notna().all()
    assert source.employed(2013, paper, panel).isna().all()
    with pytest.raises(UploadError, match="Unknown province"):
        dg.employment_from_upload(frame.assign(province="Atlantis"), paper)
    with pytest.raises(UploadError, match="negative"):
        dg.employment_from_upload(frame.assign(employed_10k="-5"), paper)
    with pytest.raises(UploadError, match="positive"):
        dg.employment_from_upload(frame.assign(employed_10k="0"), paper)
    with pytest.raises(UploadError, match="Missing column"):
        dg.employment_from_upload(frame.drop(columns="employed_10k"), paper)
    # a partial upload leaves the uncovered provinces empty instead of inventing them
    partial = dg.employment_from_upload(frame.iloc[:20], paper)
    out = dg.province_scale(stacks[2012], ["sec20"], dg.DEFAULT_VARIANT, partial.employed(2012, paper, panel))
    assert out.idt.notna().sum() == 20


def test_sector_table_and_comparison(bundled):
    _, _, table1, stacks, _ = bundled
    codes = dg.digital_codes(dg.preset_concepts("paper"), 2017)
    table = dg.sector_table(stacks[2017], "Guangdong", codes, dg.Variant("direct", "plus_core"))
    assert len(table) == 42 and set(table.role) == {"digital core", "traditional"}
    core = table[table.role == "digital core"]
    np.testing.assert_allclose(core.dva_10k_yuan, core.va_10k_yuan)
    assert table.sector.str.len().gt(0).all()
    comp = dg.compare_with_published(pd.Series({"Beijing": 2.0, "Hebei": 0.5}), table1, 2012)
    assert list(comp.columns) == ["province", "computed", "published", "difference", "rank_computed", "rank_published"]
    assert comp.set_index("province").loc["Beijing", "published"] == pytest.approx(2.44)
    assert np.isnan(dg.rank_correlation(pd.Series({"A": 1.0}), pd.Series({"A": 2.0})))


# --- the page's chart builders produce valid Vega-Lite (Altair validates on to_dict) -------------

def test_scale_charts_validate(bundled):
    from core.charts import scale as charts

    _, panel, table1, stacks, paper = bundled
    codes = dg.digital_codes(dg.preset_concepts("paper"), 2012)
    sectors = dg.sector_table(stacks[2012], "Beijing", codes, dg.DEFAULT_VARIANT)
    spec = charts.coefficient_chart(sectors, note="illustrative note").to_dict()
    assert spec["title"]["subtitle"] == ["illustrative note"]
    idt = dg.index_from_io(2012, panel=panel)
    comp = dg.compare_with_published(idt, table1, 2012)
    assert "layer" in charts.ranking_chart(comp).to_dict()
    assert "layer" in charts.scatter_chart(comp).to_dict()
    series = comp.assign(year=2012, idt=comp.computed, status="benchmark table", status_group="benchmark table")
    assert charts.series_chart(series).to_dict()["title"]["text"].startswith("Computed index")
    delta = pd.DataFrame({"row": ["01", "01"], "col": ["01", "02"], "base": [0.1, 0.0], "updated": [0.12, 0.0],
                          "change": [0.02, 0.0]})
    assert charts.delta_heatmap(delta).to_dict()["mark"]["type"] == "rect"
    assert charts.delta_heatmap(delta.assign(change=0.0)).to_dict()


def test_yearly_index_with_partial_upload_leaves_uncovered_years_empty(bundled):
    _, panel, _, stacks, paper = bundled
    frame = pd.DataFrame({"province": paper, "year": "2012", "employed_10k": "100"})
    source = dg.employment_from_upload(frame, paper)
    yi = dg.yearly_index(stacks, panel, dg.preset_concepts("paper"), dg.DEFAULT_VARIANT, source, paper,
                         years=(2012, 2013))
    status = yi.groupby("year").status.first()
    assert status[2012] == "benchmark table" and status[2013] == "no employment data"
    assert yi[yi.year == 2013].idt.isna().all() and yi[yi.year == 2012].idt.notna().all()


# --- one rule for the table of a year, one check for control totals ---------------------------

def test_control_years_and_has_control_totals(bundled):
    _, panel, _, _, _ = bundled
    # GDP by three sectors covers 2011-2019 in the bundled panel; 2012 and 2017 have their own tables
    assert dg.control_years(panel) == list(range(2011, 2020))
    assert dg.has_control_totals(panel, 2015) and dg.has_control_totals(panel, 2017)
    assert not dg.has_control_totals(panel, 2021) and not dg.has_control_totals(panel, 2007)
    # a panel without any GDP by sector still has the two benchmark years
    bare = panel.assign(gdp_secondary_100m_yuan=np.nan)
    assert dg.control_years(bare) == [2012, 2017] and not dg.has_control_totals(bare, 2015)


def test_table_for_is_the_benchmark_table_or_its_ras_update(bundled):
    io, panel, _, stacks, paper = bundled
    assert dg.table_for(2017, stacks, panel) is stacks[2017]
    from_frame = dg.table_for(2012, io, panel)  # from the tidy frame only the needed year is stacked
    np.testing.assert_array_equal(from_frame.Z, stacks[2012].Z)
    updated = dg.table_for(2015, stacks, panel, regions=paper + ["Atlantis"])
    by_hand = dg.update_stack(stacks[2012], 2015, panel, regions=paper)
    assert updated.status == "RAS-updated from 2012" and updated.regions == by_hand.regions
    np.testing.assert_allclose(updated.Z, by_hand.Z)
    assert dg.table_for(2015, stacks, panel, base_rule="nearest").status == "RAS-updated from 2017"
    # the index of a RAS year is eq. 4-9 on exactly that table
    codes = dg.digital_codes(dg.preset_concepts("paper"), updated.scheme)
    emp = dg.population_employment().employed(2015, list(updated.regions), panel)
    np.testing.assert_allclose(dg.index_from_io(2015, io=io, panel=panel).reindex(updated.regions),
                               dg.province_scale(updated, codes, dg.DEFAULT_VARIANT, emp)["idt"])


def test_equations_take_labelled_frames_and_give_labelled_series():
    labels = ["T1", "T2", "D"]
    Z = pd.DataFrame(Z3, index=labels, columns=labels)
    x, va = pd.Series(X3, index=labels), pd.Series(VA3, index=labels)
    digital = pd.Series(DIGITAL3, index=labels)
    coef = dg.digital_coefficients(Z.iloc[::-1], x, digital)  # row order does not matter, labels do
    assert isinstance(coef, pd.Series) and list(coef.index) == labels
    np.testing.assert_allclose(coef, dg.digital_coefficients(Z3, X3, DIGITAL3))
    dva = dg.digital_value_added(coef, va.iloc[::-1], digital, "plus_core")
    assert dva.to_dict() == pytest.approx({"T1": 3.5, "T2": 5.0, "D": 30.0})
    with pytest.raises(dg.DigitalizationError, match="labels"):
        dg.digital_coefficients(Z, x.rename({"D": "X"}), digital)


def test_ras_many_is_ras_on_each_bitwise():
    """Batched RAS gives each problem bitwise what ras gives it alone: multipliers, passes, residual, or the same
    error (bad input, non-convergence within max_iter), whatever the mix and order of problems."""
    from core import io_tables
    from core.errors import RasError

    rng = np.random.default_rng(7)
    problems = []
    for k in range(6):
        a0 = rng.uniform(0.0, 0.3, (5, 5)) * (rng.uniform(size=(5, 5)) > 0.2)
        x = rng.uniform(50, 150, 5)
        z = a0 * x * rng.uniform(0.5, 1.5, (5, 5))
        problems.append((a0, x, z.sum(axis=1), z.sum(axis=0)))
    problems.append((problems[0][0], problems[0][1], problems[0][2] * 2, problems[0][3]))  # totals disagree
    problems.append((-problems[1][0], problems[1][1], problems[1][2], problems[1][3]))  # negative entries
    problems.append((np.array([[0.2, 0.1], [0.1, 0.3]]), np.array([10.0, 20.0]), np.array([5.0, 6.0]),
                     np.array([4.0, 7.0])))  # another shape
    for max_iter in (10_000, 4):
        batched = io_tables.ras_many(problems, tol=1e-10, max_iter=max_iter)
        for problem, got in zip(problems, batched):
            try:
                alone = io_tables.ras(*problem, tol=1e-10, max_iter=max_iter)
            except RasError as exc:
                assert isinstance(got, RasError) and str(got) == str(exc)
                continue
            assert not isinstance(got, RasError)
            assert got.iterations == alone.iterations and got.max_residual == alone.max_residual
            for name in ("A", "Z", "r", "s"):
                assert np.array_equal(getattr(got, name), getattr(alone, name)), name
        assert sum(isinstance(r, RasError) for r in batched) >= (2 if max_iter > 4 else 3)


def test_update_stack_is_update_table_of_each_province():
    """A year's RAS-updated tables (all provinces at once) are bitwise each province's own update_table."""
    from core.digitalization.stacks import _sector_groups, _gdp_by_sector, _totals, update_table

    stacks = dg.benchmark_stacks(datasets.load_io_tables())
    panel = datasets.load_panel()
    for base, year in ((2012, 2015), (2007, 2011)):  # 2007 has tables with negative cells (GRAS)
        stack = stacks[base]
        updated = dg.update_stack(stack, year, panel)
        groups = _sector_groups(stack.scheme, None)
        gdp3 = _gdp_by_sector(panel, year, list(stack.regions))
        for region, gdp_row in zip(stack.regions, gdp3):
            i = stack.index_of(region)
            try:
                totals = _totals(stack.Z[i], stack.x[i], stack.va[i], groups, gdp_row, True, region)
                alone = update_table(stack, region, totals)
            except Exception:  # left out, with its reason
                assert region not in updated.regions
                continue
            assert np.array_equal(updated.Z[updated.index_of(region)], np.asarray(alone.Z)), (base, region)
            row = updated.diagnostics.set_index("province").loc[region]
            assert row["iterations"] == alone.iterations and row["max_residual"] == alone.max_residual


# --- the page's main chart as a dict, without Altair ---------------------------------------------

def _page_sectors(stack, province, concepts, variant, lang):
    """The coefficient rows as /scale draws them: core's sector table with the label and role words of ``lang``."""
    from core.i18n import translate

    sectors = dg.sector_table(stack, province, dg.digital_codes(concepts, stack.scheme), variant,
                              datasets.load_sectors())
    return sectors.assign(label=sectors["sector_zh"] if lang == "zh" else sectors["sector"],
                          role_words=sectors["role"].map(lambda r: translate(r, lang)))


def test_coefficient_spec_is_the_validated_altair_spec(bundled):
    """The page's dict of the coefficient chart is Altair's validated conversion of coefficient_chart (datasets named
    by position) for every table scheme (2007, 2012, 2017 and a RAS-updated year), the presets and a custom set,
    both readings of eq. 4, every scope, both languages with the page's words, with and without a note.

    Every table, concept set, reading and scope are crossed; the language and the note turn with them, so that every
    pair of settings is checked (all 432 combinations took 16 s of every run for three-way interactions only).
    """
    from core.charts import stable_spec
    from core.charts import scale as charts
    from core.i18n import translate

    _, panel, _, stacks, paper = bundled
    tables = {**stacks, 2015: dg.table_for(2015, stacks, panel, regions=paper, base_rule="previous")}
    concept_sets = [dg.preset_concepts("paper"), dg.preset_concepts("narrow_ict"),
                    tuple(dg.concept_table().concept[:1])]  # a custom set of one
    notes = (None, "province", "province, 2017: benchmark table. Sources: …")
    checked: list[tuple] = []
    for t_i, (year, stack) in enumerate(tables.items()):
        province = "Guangdong" if "Guangdong" in stack.regions else stack.regions[0]
        for c_i, concepts in enumerate(concept_sets):
            for coefficient in dg.COEFFICIENTS:
                for scope in dg.SCOPES:
                    n = len(checked)
                    lang, note_i = ("en", "zh")[n % 2], (n + t_i + c_i) % 3
                    sectors = _page_sectors(stack, province, concepts, dg.Variant(coefficient, scope), lang)
                    words = dict(label="label", title=translate("Digital consumption coefficient by sector (eq. 4)",
                                                                lang),
                                 x_title=translate("Coefficient (dimensionless)", lang), lang=lang)
                    note = notes[note_i] and notes[note_i].replace("province", province)
                    altair = stable_spec(charts.coefficient_chart(sectors, note=note, **words).to_dict())
                    assert charts.coefficient_spec(sectors, note=note, **words) == altair, (year, concepts, lang, note)
                    checked.append((year, c_i, coefficient, scope, lang, note_i))
    assert len(checked) == 4 * 3 * 2 * 3
    sizes = (4, 3, 2, 3, 2, 3)
    for a in range(6):
        for b in range(a + 1, 6):
            assert len({(row[a], row[b]) for row in checked}) == sizes[a] * sizes[b], (a, b)


def test_coefficient_spec_edge_rows():
    """Missing and infinite numbers go out as null, as Altair writes them; the default label and words; no rows;
    each call gives its own spec (Streamlit takes the datasets out of the one it draws)."""
    from core.charts import stable_spec
    from core.charts import scale as charts

    sectors = pd.DataFrame({"code": ["sec01", "sec02", "sec03"], "sector": ["Farming", "Coal", None],
                            "role": ["traditional", "digital core", "traditional"],
                            "coefficient": [0.1, np.nan, np.inf], "dva_10k_yuan": [1.0, -np.inf, 3.0],
                            "output_10k_yuan": [10, 0, 5], "flag": [True, False, True]})
    spec = charts.coefficient_spec(sectors)
    assert spec == stable_spec(charts.coefficient_chart(sectors).to_dict())
    rows = spec["datasets"]["data-0"]
    assert rows[1]["coefficient"] is None and rows[2]["coefficient"] is None and rows[1]["dva_10k_yuan"] is None
    assert rows[0]["name"] == "01 Farming" and rows[2]["name"] is None and rows[0]["output_10k_yuan"] == 10
    assert rows[0]["coefficient"] == 0.1 and rows[0]["flag"] is True
    empty = sectors.iloc[:0]
    assert charts.coefficient_spec(empty) == stable_spec(charts.coefficient_chart(empty).to_dict(validate=False))
    spec.pop("datasets")
    spec["encoding"]["tooltip"].clear()
    assert charts.coefficient_spec(sectors)["encoding"]["tooltip"]


def test_importing_the_scale_charts_does_not_import_altair():
    """core.charts.scale imports Altair only when an Altair builder runs (its main chart is a dict)."""
    import subprocess
    import sys
    from pathlib import Path

    code = ("import sys, pandas as pd; from core.charts import scale; "
            "spec = scale.coefficient_spec(pd.DataFrame({'code': ['sec01'], 'sector': ['A'], 'role': ['traditional'], "
            "'coefficient': [0.5], 'dva_10k_yuan': [1.0]})); "
            "print('altair' in sys.modules, spec['mark']['type'])")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                         cwd=str(Path(__file__).resolve().parents[2]))
    assert run.returncode == 0, run.stderr[-1000:]
    assert run.stdout.split() == ["False", "bar"]


def test_coefficient_export_is_unchanged(bundled):
    """The coefficients' SVG export, now drawn from the dict, is the one the Altair chart gave."""
    from core.charts import export_svg
    from core.charts import scale as charts

    _, _, _, stacks, _ = bundled
    sectors = dg.sector_table(stacks[2017], "Guangdong", dg.digital_codes(dg.preset_concepts("paper"), 2017),
                              dg.Variant("direct", "plus_core"))
    note = "Guangdong, 2017: benchmark table"
    svg = export_svg(charts.coefficient_spec(sectors, note=note))
    assert svg == export_svg(charts.coefficient_chart(sectors, note=note)) and note in svg
