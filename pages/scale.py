"""Digitalization scale (/scale): the agglomeration index computed live from the IO tables (eq. 1-9).

The page gathers the assumptions (year, digital sectors, reading of eq. 4,
employment source, base-table rule), calls ``core.digitalization`` through
``st.cache_data`` wrappers defined here, and draws each step beside the
published Table 1.  No arithmetic on data happens here beyond picking columns.
"""

from __future__ import annotations

import streamlit as st

from ui.loading import first_paint_pause, loading_placeholder

# The first element, before the heavy imports below (ui.loading says why); cleared once the page starts drawing.
loading = loading_placeholder()

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

import pages as shell  # noqa: E402
from core import datasets, io_tables  # noqa: E402
from core import digitalization as dg  # noqa: E402
from core.charts import scale as charts  # noqa: E402
from core.charts import stable_spec  # noqa: E402
from core.uploads import UploadError, read_table  # noqa: E402
from pages import coded  # noqa: E402

shell.page_shell("Digitalization scale", ":material/account_tree:")
loading.empty()
t = shell.t
st.title(t("Digitalization scale and the agglomeration index"))

PAPER = st.cache_data(show_spinner=False)(datasets.paper_provinces)()
YEARS = list(datasets.PAPER_YEARS)
# Options are stable English codes, in the link too (pages.coded); the screen shows these words, translated.
PRESET_LABELS = {"paper": "Paper (5 core sectors)", "narrow_ict": "Narrow ICT (20 + 32)", "custom": "Custom"}
EMPLOYMENT_LABELS = {"population": "Population approximation", "upload": "Upload"}
SCOPE_LABELS = {"traditional": "Traditional only", "plus_core": "Traditional + core", "core_only": "Core only"}
COEF_LABELS = {"direct": "Direct coefficient", "intermediate_share": "Share of intermediate inputs"}
BASE_LABELS = {"previous": "Previous benchmark", "nearest": "Nearest benchmark", "2012": "2012 table"}
TAB_LABELS = {"steps": "Step by step", "ranked": "All provinces ranked", "series": "Series 2011-2023",
              "ras": "RAS update"}
EMPLOYMENT_SOURCE = {
    "population": "Approximation: employment proportional to resident population (NBS via carbondata, 2011-2019); "
                  "the index is then the digital value-added share over its population-weighted mean",
    "upload": "Uploaded province × year employment table (employed persons, 10,000)"}
EMPLOYMENT_SHORT = {"population": "Approximation: employment proportional to resident population",
                    "upload": "Uploaded province × year employment table"}
SRC_IO = "Provincial IO tables 2007/2012/2017, 42 sectors (provincial statistics bureaus via CHNIO)"
SRC_TABLE1 = "Liu (2026), WJARR 30(01), Table 1"
SRC_PANEL = "GDP by three sectors and population 2011-2019 (NBS via carbondata)"


def src(*names: str) -> str:
    return "; ".join(t(n) for n in names)


# --- cached calls into core (keyed by plain, hashable arguments) ----------------------------

@st.cache_data(show_spinner=False)
def _stacks() -> dict[int, dg.IOStack]:
    return dg.bundled_stacks()


@st.cache_data(show_spinner=False)
def _panel() -> pd.DataFrame:
    return datasets.load_panel()


@st.cache_data(show_spinner=False)
def _concepts() -> pd.DataFrame:
    return dg.concept_table()


@st.cache_data(show_spinner=False)
def _sectors() -> pd.DataFrame:
    return datasets.load_sectors()


@st.cache_data(show_spinner=False)
def _preset(name: str) -> tuple[str, ...]:
    return dg.preset_concepts(name)


@st.cache_data(show_spinner=False)
def _codes(concepts: tuple[str, ...], scheme: int) -> tuple[str, ...]:
    return dg.digital_codes(concepts, scheme)


@st.cache_data(show_spinner=False)
def _control_years() -> list[int]:
    return dg.control_years(_panel())


@st.cache_data(show_spinner=False)
def _table_for(year: int, base_rule: str) -> dg.IOStack:
    """The benchmark table of ``year`` or the base table RAS-updated to it."""
    return dg.table_for(year, _stacks(), _panel(), regions=PAPER, base_rule=base_rule)


@st.cache_data(show_spinner=False)
def _table_info(year: int, base_rule: str) -> tuple[str, int]:
    """Status and sector-numbering scheme of the table used for ``year`` (without copying its matrices)."""
    stack = _table_for(year, base_rule)
    return stack.status, stack.scheme


def _employment(table: pd.DataFrame | None) -> dg.EmploymentSource:
    return dg.population_employment() if table is None else dg.EmploymentSource("upload", table)


# The spinner of a cached call a control repeats is the cache's, shown on a miss only (ui.loading says why).
@st.cache_data(show_spinner=t("Computing the index from the input-output tables…"))
def _scale(year: int, concepts: tuple[str, ...], coefficient: str, scope: str, base_rule: str,
           employment: pd.DataFrame | None) -> pd.DataFrame:
    stack = _table_for(year, base_rule)
    provinces = [p for p in PAPER if p in stack.regions]
    emp = _employment(employment).employed(year, provinces, _panel())
    return dg.province_scale(stack, _codes(concepts, stack.scheme), dg.Variant(coefficient, scope), emp)


@st.cache_data(show_spinner=t("Computing the coefficients of each sector…"))
def _sector_detail(year: int, province: str, concepts: tuple[str, ...], coefficient: str, scope: str,
                   base_rule: str) -> pd.DataFrame:
    stack = _table_for(year, base_rule)
    return dg.sector_table(stack, province, _codes(concepts, stack.scheme), dg.Variant(coefficient, scope),
                           _sectors())


@st.cache_data(show_spinner=t("Computing the index for every year 2011-2023…"))
def _yearly(concepts: tuple[str, ...], coefficient: str, scope: str, base_rule: str,
            employment: pd.DataFrame | None) -> pd.DataFrame:
    return dg.yearly_index(_stacks(), _panel(), concepts, dg.Variant(coefficient, scope), _employment(employment),
                           PAPER, base_rule=base_rule)


@st.cache_data(show_spinner=t("Balancing the table with RAS…"))
def _ras_update(base_year: int, province: str, target_year: int, tol: float, max_iter: int,
                balance: bool) -> tuple[dg.TableUpdate | None, str | None]:
    """RAS-update one table (core.digitalization.province_update); returns (the update, error message)."""
    try:
        return dg.province_update(_stacks()[base_year], province, target_year, _panel(), tol=tol,
                                  max_iter=max_iter, balance=balance), None
    except (dg.DigitalizationError, io_tables.RasError) as exc:
        return None, exc.message  # a str that keeps its template (``shell.said``)


@st.cache_data(show_spinner=False)  # a merge and a rank correlation; the index it reads has the spinner
def _comparison(year: int, table_year: int, concepts: tuple[str, ...], coefficient: str, scope: str, base_rule: str,
                employment: pd.DataFrame | None) -> tuple[pd.DataFrame, float]:
    """Computed index of ``year`` beside Table 1 (values, ranks, difference) and their Spearman correlation."""
    idt = _scale(table_year, concepts, coefficient, scope, base_rule, employment)["idt"]
    table1 = shell.table1()
    rho = dg.rank_correlation(idt, table1[table1.year == year].set_index("province")["idt"])
    return dg.compare_with_published(idt, table1, year), rho


@st.cache_data(show_spinner=False)
def _series(concepts: tuple[str, ...], coefficient: str, scope: str, base_rule: str,
            employment: pd.DataFrame | None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The index 2011-2023 beside Table 1 with its status group, and the Spearman correlation year by year."""
    yearly = dg.series_beside_published(_yearly(concepts, coefficient, scope, base_rule, employment), shell.table1())
    return yearly, dg.rank_correlation_by_year(yearly)


# --- labels -------------------------------------------------------------------------------

NAMES = shell.province_names()
# Read once a run: on a first visit each province widget looks a link's value up among 30 provinces' aliases, and
# asking the cached regions table each time made 61 cache hits before the main chart (now 2; 5-10 ms).
NAMES_ZH = shell.province_names("zh")


def pname(province: str) -> str:
    return NAMES.get(province, province)


def with_label(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.assign(label=frame["province"].map(pname))


def province_aliases(province: str) -> list[str]:
    """What a link may carry for a province: its English or Chinese name."""
    return [province, NAMES_ZH.get(province, province)]


def status_words(status: str) -> str:
    """A table status from core ("RAS-updated from 2012", "extrapolated (2019 carried forward)") in words."""
    import re

    if m := re.fullmatch(r"RAS-updated from (\d{4})", status):
        return t("RAS-updated from {year}").format(year=m[1])
    if m := re.fullmatch(r"extrapolated \((\d{4}) carried forward\)", status):
        return t("extrapolated ({year} carried forward)").format(year=m[1])
    if m := re.fullmatch(r"extrapolated \((\d{4}) carried forward: no control totals for (\d{4})\)", status):
        return t("extrapolated ({table} carried forward: no control totals for {year})").format(table=m[1], year=m[2])
    return t(status)


def variant_words(scope: str, coefficient: str) -> str:
    if scope == "core_only":
        return t(dg.SCOPES[scope])
    return f"{t(dg.SCOPES[scope])}; {t('coefficient')}: {t(dg.COEFFICIENTS[coefficient])}"


# Tables as words with units, "—" for a missing value: ui.tables (shared with the other pages).
words_table, table = shell.words_table, shell.table


STEP_COLUMNS = {
    "province": ("Province", None), "year": ("Year", None), "status": ("Table used", None),
    "gdp_10k_yuan": ("GDP (10k yuan)", "%.0f"),
    "dva_traditional_10k_yuan": ("Digital VA, traditional (eq. 6, 10k yuan)", "%.0f"),
    "va_core_10k_yuan": ("VA of the digital core (10k yuan)", "%.0f"),
    "dva_10k_yuan": ("Digital VA counted (10k yuan)", "%.0f"),
    "dva_share": ("Share of GDP", "%.4f"),
    "employed_10k": ("Employment (10k persons)", "%.1f"),
    "productivity_yuan_per_person": ("GDP per employed (eq. 7, yuan)", "%.0f"),
    "practitioners_10k": ("Practitioners (eq. 8, 10k persons)", "%.2f"),
    "idt": ("Index computed (eq. 9)", "%.2f"),
    "published": ("Index published (Table 1)", "%.2f"),
}
RANK_COLUMNS = {
    "province": ("Province", None), "year": ("Year", None), "status": ("Table used", None),
    "computed": ("Index computed (eq. 9)", "%.2f"), "published": ("Index published (Table 1)", "%.2f"),
    "rank_computed": ("Rank (computed)", "%d"), "rank_published": ("Rank (published)", "%d"),
    "difference": ("Difference (computed − published)", "%.2f"),
}
SECTOR_COLUMNS = {
    "code": ("Sector code", None), "label": ("Sector", None), "role_words": ("Role", None),
    "coefficient": ("Coefficient (dimensionless)", "%.4f"), "output_10k_yuan": ("Total output (10k yuan)", "%.0f"),
    "va_10k_yuan": ("Value added (10k yuan)", "%.0f"), "va_rate": ("Value-added rate", "%.3f"),
    "dva_10k_yuan": ("Digital VA (10k yuan)", "%.0f"),
}
CONTROL_COLUMNS = {
    "code": ("Sector code", None), "sector": ("Sector", None), "output_x_10k_yuan": ("Total output x (10k yuan)", "%.0f"),
    "row_total_u_10k_yuan": ("Intermediate sales u (row total, 10k yuan)", "%.0f"),
    "column_total_v_10k_yuan": ("Intermediate purchases v (column total, 10k yuan)", "%.0f"),
    "value_added_10k_yuan": ("Value added (10k yuan)", "%.0f"),
}
DELTA_COLUMNS = {"row": ("Supplying sector (row)", None), "col": ("Purchasing sector (column)", None),
                 "base": ("A(0), base table", "%.5f"), "updated": ("A(t), updated", "%.5f"),
                 "change": ("Change in a_ij", "%+.5f")}
BY_YEAR_COLUMNS = {"year": ("Year", None), "status": ("Table used", None),
                   "spearman_with_table1": ("Spearman rank correlation with Table 1", "%.3f")}
SERIES_COLUMNS = {"province": ("Province", None), "year": ("Year", None), "idt": ("Index computed (eq. 9)", "%.3f"),
                  "published": ("Index published (Table 1)", "%.2f"), "dva_share": ("Share of GDP", "%.4f"),
                  "status": ("Table used", None), "base_year": ("Base table (year)", None)}


def sector_name(code: str, scheme: int) -> str:
    rows = _sectors()
    row = rows[(rows.scheme == scheme) & (rows.code == code)]
    if row.empty:
        return code.replace("sec", "")
    return str(row.name_zh.iloc[0] if shell.lang() == "zh" else row.name_en.iloc[0])


def assumptions(**extra: object) -> dict[str, object]:
    """What every export of this page carries beside its rows: data source, year and assumptions."""
    return {**extra, **ASSUMPTIONS}


def with_assumptions(frame: pd.DataFrame, **extra: object) -> pd.DataFrame:
    out = frame.copy()
    for name, value in assumptions(**extra).items():
        out[t(name)] = value
    return out


ASSUMPTIONS: dict[str, object] = {}  # filled once the assumption widgets are read (below)


@st.cache_data(show_spinner=False, max_entries=64)
def _spec(builder: str, inputs: tuple, _data: pd.DataFrame, options: tuple[tuple[str, object], ...]) -> dict:
    """The Vega-Lite spec of a core.charts.scale chart, cached so reruns skip Altair's build and validation.

    Datasets are named by position (:func:`core.charts.stable_spec`), so a chart whose title and encodings stay
    the same when the year moves gets its rows swapped in place instead of being rebuilt by the browser.

    ``inputs`` are the plain values ``_data`` was computed from; they key the cache in its place, so a
    rerun does not hash the frame (the leading underscore keeps ``_data`` out of the key).
    """
    # Not validated against the Vega-Lite schema on each build: validation took longer than building the chart
    # (20-40 ms a fresh year), and the page's test validates every chart each tab draws.
    return stable_spec(getattr(charts, builder)(_data, **dict(options)).to_dict(validate=False))


def show(builder: str, data: pd.DataFrame, inputs: tuple, **options: object) -> dict:
    """Draw a chart from its cached spec; returns it for the PNG/SVG export buttons.

    ``inputs`` must determine ``data`` completely (the language is added here, for the labels).
    """
    options = {"lang": shell.lang(), **options}
    spec = _spec(builder, (*inputs, shell.lang()), data, tuple(sorted(options.items())))
    shell.chart(spec, width="stretch")
    return spec




# --- sections rerun on their own (st.fragment): a widget inside reruns only its section --------------

def ras_error_words(error: str) -> str:
    """A RAS failure in words of the session's language (the detail in English only in English mode)."""
    if "did not converge" in error:
        text = t("The iterations stopped before the table balanced: raise the maximum iterations or loosen the "
                 "tolerance.")
    elif "both cannot hold" in error:
        text = t("The row totals and the column totals do not add up to the same grand total, so both cannot "
                 "hold: tick the scaling of the row totals.")
    elif "No GDP by three sectors" in error:
        text = t("No GDP by three sectors for this province and year: the table cannot be updated to it.")
    else:
        text = t("The table cannot be balanced")
    return f"{text} ({shell.said(error)})"


@shell.fragment
def ras_section() -> None:
    """The RAS update of one table (eq. 1-3); it depends on no assumption above, so its controls rerun only it.

    Its heading and explanation are drawn by the caller (static text, not redrawn on a RAS move).  A table that
    cannot be balanced says so beside the control that caused it; the controls stay.
    """
    q1, q2, q3 = st.columns(3)
    ras_base = q1.selectbox(t("Base table"), list(dg.BENCHMARK_YEARS), index=1, key="scale_ras_base",
                            bind="query-params")
    ras_year = q1.selectbox(t("Target year"), [y for y in YEARS if y <= 2019], index=4, key="scale_ras_year",
                            bind="query-params")
    base_regions = list(_stacks()[ras_base].regions)
    ras_prov = coded.selectbox(t("Province"), [p for p in PAPER if p in base_regions], key="scale_ras_prov",
                               words=pname, aliases=province_aliases, default="Guangdong", container=q2)
    ras_balance = q2.checkbox(t("Scale row totals to the column totals' grand total"), value=True,
                              key="scale_ras_balance", bind="query-params")
    ras_tol = q3.select_slider(t("Tolerance (relative)"), options=[1e-4, 1e-6, 1e-8, 1e-10, 1e-12], value=1e-10,
                               format_func=lambda v: f"{v:.0e}", key="scale_ras_tol", bind="query-params")
    ras_iter = q3.select_slider(t("Maximum iterations"), options=[1, 5, 20, 100, 1000, 10000], value=10000,
                                key="scale_ras_iter", bind="query-params")
    update, error = _ras_update(ras_base, ras_prov, ras_year, ras_tol, ras_iter, ras_balance)
    if update is None:
        # beside the control that caused it: iterations/tolerance, the balance box, or the table and year
        where = q3 if "did not converge" in error else q2 if "both cannot hold" in error else q1
        where.error(ras_error_words(error), icon=":material/error:")
        st.info(t("No updated table for these settings: change the control beside the red message."))
        return
    # one horizontal row, not four columns: fewer blocks to redraw on each RAS move
    row = st.container(horizontal=True, gap="medium")
    delta, controls = update.coefficients, update.controls
    row.metric(t("Method"), update.method)
    row.metric(t("Iterations"), f"{update.iterations:,}")
    row.metric(t("Largest residual (relative)"), f"{update.max_residual:.1e}")
    row.metric(t("Growth of GDP by sector"), " / ".join(f"{v:.2f}" for v in update.growth.values()),
               t("primary / secondary / tertiary"), delta_color="off", delta_arrow="off")
    heat_note = f"{pname(ras_prov)} {ras_base} → {ras_year}"
    heat_options = dict(title=t("Change in direct coefficients A after RAS (updated - base)"),
                        x_title=t("Purchasing sector (column)"), y_title=t("Supplying sector (row)"))
    show("delta_heatmap", delta, (ras_base, ras_prov, ras_year, ras_tol, ras_iter, ras_balance), note=heat_note,
         **heat_options)
    shell.how_to_read(t("Red cells gained, blue cells lost coefficient value; structural zeros stay blank-white. "
                        "Rows are scaled by r, columns by s: the pattern shows which sectors' sales (rows) and "
                        "purchases (columns) the new totals pushed up or down."), src(SRC_IO, SRC_PANEL))
    st.markdown(f"**{t('Control totals')}** ({t('10,000 yuan')})")
    scheme = _stacks()[ras_base].scheme
    controls = controls.assign(sector=[sector_name(c, scheme) for c in controls.code],
                               code=controls.code.str.replace("sec", "", regex=False))
    meta = dict(**{"Province": pname(ras_prov), "Base table": ras_base, "Target year": ras_year,
                   "Method": update.method, "Tolerance (relative)": ras_tol,
                   "Maximum iterations": ras_iter}, Source=src(SRC_IO, SRC_PANEL))
    shown_controls = table(controls, CONTROL_COLUMNS)
    export = st.container(horizontal=True)
    shell.csv_button(with_meta(shown_controls, meta), f"control_totals_{ras_prov}_{ras_year}", key="scale_dl_controls",
                     label="Download CSV: control totals", container=export)
    shown_delta, _ = words_table(delta, DELTA_COLUMNS)
    shell.csv_button(with_meta(shown_delta, meta), f"change_in_A_{ras_prov}_{ras_base}_{ras_year}",
                     key="scale_dl_delta", label="Download CSV: change in A (every cell)", container=export)


def with_meta(frame: pd.DataFrame, meta: dict[str, object]) -> pd.DataFrame:
    out = frame.copy()
    for name, value in meta.items():
        out[t(name)] = value
    return out


@shell.fragment
def year_section(concepts: tuple[str, ...], coefficient: str, scope: str, base_rule: str,
                 employment_table: pd.DataFrame | None, source: dg.EmploymentSource) -> None:
    """The year slider and everything it changes: metrics, status line, warnings and the open tab.

    A fragment, so moving the year (or a control inside a tab) reruns only this section; the
    assumptions above it are passed in from the full run and trigger a full rerun when changed.
    """
    year = st.select_slider(t("Year"), options=YEARS, value=2017, key="scale_year", bind="query-params")
    if not concepts:
        st.info(t("Choose at least one digital-core sector to compute the index."))
        return
    control_years = _control_years()
    table_year = year if year in control_years else max(y for y in control_years if y <= year)
    extrapolated = table_year != year
    table_status, scheme = _table_info(table_year, base_rule)
    scale = _scale(table_year, concepts, coefficient, scope, base_rule, employment_table)
    comparison, rho = _comparison(year, table_year, concepts, coefficient, scope, base_rule, employment_table)
    status = table_status if not extrapolated else \
        f"extrapolated ({table_year} carried forward: no control totals for {year})"
    comparison = with_label(comparison)
    employment_words = t(EMPLOYMENT_SHORT[source.kind])
    note = f"{year}: {status_words(status)}. {t('Employment')}: {employment_words}."
    export_note = (f"{note} {t('Digital-core sectors')}: {ASSUMPTIONS[t('Digital-core sectors')]}. "
                   f"{t('Reading')}: {variant_words(scope, coefficient)}. {t('Sources')}: "
                   f"{src(SRC_IO, SRC_TABLE1, SRC_PANEL)}")
    codes = _codes(concepts, scheme)
    inputs = (year, table_year, concepts, coefficient, scope, base_rule, employment_table)
    meta = {"Year": year, "Table used": status_words(status)}

    # one horizontal row, not three columns: fewer blocks to redraw on each year move
    row = st.container(horizontal=True, gap="medium")
    row.metric(t("Spearman rank correlation with Table 1"), f"{rho:.3f}" if np.isfinite(rho) else "–",
               f"{year}, {comparison['computed'].notna().sum()} {t('provinces')}", delta_color="off", delta_arrow="off")
    if extrapolated:
        kind, detail_text = "extrapolated", t("{year} carried forward").format(year=table_year)
    elif table_status == "benchmark table":
        kind, detail_text = "benchmark table", t("published {year} table").format(year=year)
    else:
        kind, detail_text = "RAS-updated", t("from the {year} table").format(year=dg.base_year_for(year, base_rule))
    row.metric(t("Table used"), t(kind), detail_text, delta_color="off", delta_arrow="off")
    row.metric(t("Digital-core sectors (codes in this table)"), str(len(codes)),
               ", ".join(c.replace("sec", "") for c in codes), delta_color="off", delta_arrow="off")
    # One caption (status, then the note on employment), not two: fewer elements to redraw on each year move.
    status_line = (f"{status_words(status)}. {t('Reading')}: {variant_words(scope, coefficient)}. "
                   f"{t('Employment')}: {t(EMPLOYMENT_SOURCE[source.kind])}.")
    if not shell.presenting():
        status_line += "  \n" + t(
            "Whatever the employment source, eq. 7-8 give practitioners ÷ employment = digital VA ÷ GDP, so eq. 9 "
            "is each province's digital value-added share of GDP over its employment-weighted national mean: "
            "employment moves every province by the same factor, never the ranking.")
    st.caption(status_line)
    missing_emp = [pname(p) for p in scale.index[scale["employed_10k"].isna()]]
    if missing_emp:
        st.warning(t("No employment for {year} in the employment source for {n} provinces ({names}); their index is "
                     "left empty and they are not part of the national total.").format(
            year=table_year, n=len(missing_emp), names=", ".join(missing_emp[:6]) + (" …" if len(missing_emp) > 6 else "")))
    if extrapolated:
        st.warning(t("No control totals for {year}: the values shown are the {table} computation carried forward "
                     "and are labelled extrapolated.").format(year=year, table=table_year))

    # Switching tabs reruns this fragment; only the open tab is computed and drawn.
    tabs, _open = coded.tabs(TAB_LABELS, key="scale_tab")
    tab_steps, tab_rank, tab_series, tab_ras = (tabs[c] for c in TAB_LABELS)
    with tab_steps:
        if tab_steps.open:
            default_prov = [p for p in ("Beijing", "Guangdong", "Jiangsu", "Liaoning") if p in PAPER]
            chosen_prov = coded.multiselect(t("Provinces"), PAPER, key="scale_prov", words=pname,
                                            aliases=province_aliases, default=default_prov)
            detail = coded.selectbox(t("Province for the sector detail"), PAPER, key="scale_detail", words=pname,
                                     aliases=province_aliases, default="Guangdong")
            sectors = _sector_detail(table_year, detail, concepts, coefficient, scope, base_rule)
            sectors = sectors.assign(label=sectors["sector_zh"] if shell.lang() == "zh" else sectors["sector"],
                                     role_words=sectors["role"].map(t))
            st.markdown(f"**{t('Step 1 · digital consumption coefficients (eq. 4)')}**")
            # The year and table stay out of the chart's subtitle (they are on the slider and in the metrics above),
            # so a year move updates the drawn chart's rows instead of rebuilding it.
            coef_options = dict(label="label", title=t("Digital consumption coefficient by sector (eq. 4)"),
                                x_title=t("Coefficient (dimensionless)"))
            # Written out as a dict (core.charts.scale.coefficient_spec, Altair's spec of the same chart): the page's
            # main chart, so a cold deep link draws it without waiting for Altair's import. Through the builder form,
            # so a year move back to a table seen before reuses its spec and Arrow rows (27 -> 24 ms of server time).
            shell.chart(charts.coefficient_spec, sectors, note=pname(detail), lang=shell.lang(), width="stretch",
                        **coef_options)
            first_paint_pause()  # the chart paints before the tables below arrive (ui.loading says why)
            if scope == "core_only":
                st.caption(t("Under the current scope (digital core only) these coefficients do not enter the index."))
            shell.how_to_read(t(
                "Each bar is the share of a sector's inputs bought from the digital-core sectors (red bars are the core "
                "itself). Under the scopes that count traditional sectors, the bar times the sector's value added is its "
                "digital value added (eq. 5-6)."), src(SRC_IO))
            shown_sectors, _ = words_table(sectors.assign(code=sectors.code.str.replace("sec", "", regex=False)),
                                           SECTOR_COLUMNS)
            shell.download_view(
                lambda: with_assumptions(shown_sectors, **{t("Province"): pname(detail)}, **{t(k): v for k, v in meta.items()}),
                lambda: charts.coefficient_spec(sectors, note=f"{pname(detail)}, {export_note}", lang=shell.lang(),
                                                **coef_options),
                f"coefficients_{detail}_{year}", key="scale_dl_sectors", what="coefficients by sector")

            st.markdown(f"**{t('Steps 2-4 · digital value added, practitioners, index')}**")
            if not chosen_prov:
                st.info(t("Pick one or more provinces to see their steps."))
            else:
                steps = scale.reindex(chosen_prov).reset_index()
                steps["published"] = steps["province"].map(comparison.set_index("province")["published"])
                steps.insert(1, "year", year)
                steps.insert(2, "status", status_words(status))
                shown = table(steps.assign(province=steps["province"].map(pname)), STEP_COLUMNS)
                shell.csv_button(lambda shown=shown: with_assumptions(shown), f"scale_steps_{year}", key="scale_dl_steps",
                                 label="Download CSV: steps of the chosen provinces")

    with tab_rank:
        if tab_rank.open:
            st.markdown(f"**{t('All provinces')} {year}: {t('computed beside Table 1')}**")
            # On screen without the year's note (it is above), so a year move swaps rows; exported with it.
            rank_options = dict(label="label", title=t("Computed index (bars) and published Table 1 (ticks)"),
                                x_title=t("Agglomeration index (1 = national parity)"))
            show("ranking_chart", comparison, inputs, **rank_options)
            shell.how_to_read(t(
                "Bars: the index computed here; black ticks: the published Table 1 value; dashed line: national parity. "
                "Spearman rank correlation {rho}.").format(rho=f"{rho:.3f}"), src(SRC_IO, SRC_TABLE1, SRC_PANEL))
            ranked = comparison.sort_values("computed", ascending=False)
            ranked.insert(1, "year", year)
            ranked.insert(2, "status", status_words(status))
            shown = table(ranked.assign(province=ranked["label"]), RANK_COLUMNS)
            shell.download_view(lambda shown=shown: with_assumptions(shown),
                                lambda: charts.ranking_chart(comparison, note=export_note, lang=shell.lang(),
                                                             **rank_options),
                                f"agglomeration_index_{year}", key="scale_dl_rank")
            show("scatter_chart", comparison, inputs, label="label", title=t("Computed against published"),
                 x_title=t("Published (Table 1)"), y_title=t("Computed from the IO tables"))

    with tab_series:
        if tab_series.open:
            yearly, by_year = _series(concepts, coefficient, scope, base_rule, employment_table)
            series_prov = coded.multiselect(t("Provinces in the series"), PAPER, key="scale_series_prov", words=pname,
                                            aliases=province_aliases, default=["Beijing", "Guangdong", "Liaoning"])
            series_options = dict(label="label", title=t("Computed index by year (solid) and Table 1 (dashed)"),
                                  y_title=t("Agglomeration index"), x_title=t("Year"), order=tuple(series_prov))
            if not series_prov:
                st.info(t("Pick one or more provinces to draw their series."))
            else:
                part = with_label(yearly[yearly.province.isin(series_prov)])
                show("series_chart", part, (concepts, coefficient, scope, base_rule, employment_table, tuple(series_prov)),
                     note=f"{t('Employment')}: {employment_words}", **series_options)
                shell.how_to_read(t(
                    "Circles: benchmark tables (2012, 2017). Triangles: the base table RAS-updated to the year's GDP by "
                    "three sectors (2011-2019). Faint crosses: **extrapolated**, the last updated year carried forward, "
                    "because the bundled data have no control totals after 2019. Dashed: Table 1 as published."),
                    src(SRC_IO, SRC_PANEL, SRC_TABLE1))
            st.markdown(f"**{t('Rank correlation with Table 1, year by year')}**")
            shown_by_year = table(by_year.assign(status=by_year.status.map(status_words)), BY_YEAR_COLUMNS)
            export = st.container(horizontal=True)
            shell.csv_button(lambda: with_assumptions(shown_by_year), "spearman_by_year", key="scale_dl_by_year",
                             label="Download CSV: rank correlation by year", container=export)
            shell.csv_button(lambda: with_assumptions(words_table(yearly.assign(
                province=yearly.province.map(pname), status=yearly.status.map(status_words)), SERIES_COLUMNS)[0]),
                "agglomeration_index_2011_2023", key="scale_dl_series",
                label="Download CSV: index of every province 2011-2023", container=export)
            if series_prov:
                shell.download_view(lambda: with_assumptions(words_table(part.assign(
                    province=part.label, status=part.status.map(status_words)), SERIES_COLUMNS)[0]),
                    lambda: charts.series_chart(part, note=export_note, lang=shell.lang(), **series_options),
                    "agglomeration_index_series_chart", key="scale_dl_series_chart", what="the chosen provinces' series")

    with tab_ras:
        if tab_ras.open:
            st.markdown(f"**{t('RAS update of one provincial table (eq. 1-3)')}**")
            shell.explain(t(
                "Pick a benchmark table and a target year. Each sector's output, value added and intermediate inputs grow "
                "with its broad sector's GDP (primary, secondary, tertiary) between the table and the target year; RAS then "
                "rescales rows and columns of the coefficient matrix until both sets of totals hold. Tables with negative "
                "cells (2007 Qinghai and Shaanxi) use GRAS."))
            ras_section()


# --- assumptions (each change reruns the whole page) -------------------------------------------

shell.explain(t(
    "Liu (2026, *Research on the measurement and influencing factors of the agglomeration degree of industrial "
    "digitalization talents in China*) measures industrial digitalization from input-output tables: it picks the "
    "**digital-core sectors**, computes how much each sector buys from them (eq. 4), turns that into digital value "
    "added (eq. 5-6), converts value added into practitioners with GDP per employed person (eq. 7-8), and compares "
    "each province's share of practitioners with the national share (eq. 9, a location quotient). This page "
    "does every step live on the published provincial tables; change an assumption and the index answers. "
    "Years without a table are RAS-updated from a benchmark table (eq. 1-3) to the GDP of that year."))

concept_info = _concepts()
concept_names = dict(zip(concept_info.concept, concept_info.concept_en))
c1, c2 = st.columns(2)
preset = coded.selectbox(t("Digital-core sectors"), list(PRESET_LABELS), key="scale_preset", words=PRESET_LABELS,
                         container=c1)
if preset == "custom":
    chosen = coded.multiselect(t("Custom digital-core sectors"), list(concept_names), key="scale_sectors",
                               words=concept_names, default=list(_preset("paper")), container=c1)
    concepts = tuple(c for c in concept_names if c in chosen)
else:
    concepts = _preset(preset)
employment_kind = coded.radio(t("Employment source"), list(EMPLOYMENT_LABELS), key="scale_emp",
                              words=EMPLOYMENT_LABELS, container=c2,
                              captions=[t("Employment proportional to resident population (labelled approximation)"),
                                        t("Your province × year table of employed persons")])

with st.expander(t("Reading of eq. 4-6 and base tables"), expanded=False):
    r1, r2, r3 = st.columns(3)
    scope = coded.radio(t("Whose value added counts"), list(dg.SCOPES), key="scale_scope", words=SCOPE_LABELS,
                        default=dg.DEFAULT_VARIANT.scope, container=r1, captions=[t(v) for v in dg.SCOPES.values()])
    coefficient = coded.radio(t("Digital consumption coefficient (eq. 4)"), list(dg.COEFFICIENTS), key="scale_coef",
                              words=COEF_LABELS, default=dg.DEFAULT_VARIANT.coefficient, container=r2,
                              captions=[t(v) for v in dg.COEFFICIENTS.values()])
    base_rule = coded.selectbox(t("Base table for years between benchmarks"), list(dg.BASE_RULES), key="scale_base",
                                words=BASE_LABELS, container=r3)
    r3.caption(t(dg.BASE_RULES[base_rule]))
    st.markdown(t(
        "- **Coefficient, direct**: $c_j = \\sum_{i\\in D} z_{ij} / x_j$ (digital inputs over total output).\n"
        "- **Coefficient, share of intermediate inputs**: $c_j = 1 - \\sum_{i\\notin D} z_{ij} / \\sum_i z_{ij}$ "
        "(eq. 4 as printed, reading *total inputs* as intermediate inputs).\n"
        "- **Eq. 5-6**: digital value added of sector $j$ = $c_j \\times x_j \\times (va_j/x_j) = c_j\\,va_j$.\n"
        "- **Scope**: traditional sectors only $\\sum_{j\\notin D} c_j va_j$ (the text); plus the digital core's "
        "own value added $\\sum_{j\\in D} va_j$; or the core alone.\n\n"
        "Measured Spearman correlation with Table 1 (30 provinces, population weights): traditional only "
        "0.28-0.43 (2012) and 0.14-0.32 (2017); plus core, direct 0.91 / 0.98; core only 0.93 / 0.98. "
        "The default is the reading that reproduces Table 1 best (core only); it does not use the coefficients, "
        "so switch the scope to see eq. 4 at work."))

employment_table: pd.DataFrame | None = None
if employment_kind == "upload":
    template = pd.DataFrame({"province": np.repeat(PAPER, 2), "year": np.tile([2012, 2017], len(PAPER)),
                             "employed_10k": ""})
    u1, u2 = st.columns([2, 1])
    upload = u1.file_uploader(t("Employment table (CSV or XLSX with the columns province, year, employed_10k)"),
                              type=["csv", "xlsx"], key="scale_emp_file")
    u2.download_button(t("Download template"), template.to_csv(index=False).encode("utf-8"),
                       "employment_template.csv", "text/csv", key="scale_emp_template", on_click="ignore")
    if upload is None:
        st.info(t("No employment file uploaded yet: the population-weighted approximation is used until you add one."))
    else:
        try:
            employment_table = dg.employment_from_upload(read_table(upload.getvalue(), upload.name), PAPER).table
        except UploadError as exc:
            detail = f" {shell.said(exc)}"
            st.error(f"{t('The employment file cannot be used')}:{detail} "
                     f"{t('The population-weighted approximation is used instead.')}")
source = _employment(employment_table)
ASSUMPTIONS.update({
    t("Digital-core sectors"): t(PRESET_LABELS[preset]) if preset != "custom"
    else ", ".join(t(concept_names[c]) for c in concepts),
    t("Whose value added counts"): t(SCOPE_LABELS[scope]),
    t("Digital consumption coefficient (eq. 4)"): t(COEF_LABELS[coefficient]),
    t("Base table for years between benchmarks"): t(BASE_LABELS[base_rule]),
    t("Employment source"): t(EMPLOYMENT_SHORT[source.kind]),
    t("Sources"): src(SRC_IO, SRC_TABLE1, SRC_PANEL),
})

# --- one year: the slider and all it changes rerun on their own ---------------------------------

year_section(concepts, coefficient, scope, base_rule, employment_table, source)

with st.expander(t("Sources of each input")):
    st.markdown(
        f"- **{t('Input-output tables')}**: {t(SRC_IO)}. {t('Units 10,000 yuan, current producer prices; competitive-import type.')}\n"
        f"- **{t('Digital-core sectors')}**: {t('the paper’s codes 19, 20, 21, 32, 36 (2012 scheme), mapped to the 2007 and 2017 numbering by a crosswalk (data/io/digital_core_crosswalk.csv); presets in data/io/digital_presets.csv.')}\n"
        f"- **{t('Control totals for RAS')}**: {t(SRC_PANEL)}; {t('sectors mapped to the three broad sectors (data/io/three_sector_map.csv). No control totals after 2019: later years are labelled extrapolated.')}\n"
        f"- **{t('Employment')}**: {t(EMPLOYMENT_SOURCE[source.kind])}. {t('Provincial employment by year is not in the bundled public data.')}\n"
        f"- **{t('Published index')}**: {t(SRC_TABLE1)}.\n"
        f"- {t('Full provenance: data/SOURCES.md.')}")
    concept_shown = concept_info.assign(concept=concept_info.concept_en.map(t))
    shown_concepts = table(concept_shown, {"concept": ("Digital-core sector", None),
                                           "paper_code": ("Code in the paper (2012 scheme)", None),
                                           "codes_2007": ("Code in the 2007 tables", None),
                                           "codes_2012": ("Code in the 2012 tables", None),
                                           "codes_2017": ("Code in the 2017 tables", None)})
    shell.csv_button(shown_concepts, "digital_core_crosswalk", key="scale_dl_concepts",
                     label="Download CSV: sector crosswalk")

shell.url_notice()
