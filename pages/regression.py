"""Regression explorer (/regression): eq. 10 and its neighbours, F and Hausman tests, scenarios.

The page gathers the choices, calls ``core.panel`` / ``core.scenario`` through
``st.cache_data`` wrappers defined here, and draws.  Every widget is keyed and
bound to the URL, so a copied link reproduces the view.
"""

from __future__ import annotations

import dataclasses
import hashlib

import pandas as pd
import streamlit as st

import pages as shell
from core import datasets, demo_panel, panel, scenario
from core.charts import attach
from core.charts import regression as charts
from core.uploads import UploadError
from pages.sections import spatial

shell.page_shell("Regression explorer", ":material/query_stats:")
t = shell.t

SYNTHETIC = demo_panel.LABEL
# The paper's nine regressors less urban (it ends in 2019): the four levers (pcw, rd, psl, pdl) are in it.
PUBLIC_DEFAULT = ["gdp", "pcw", "del", "estr", "pdl", "rd", "med", "psl"]
# Bound radios carry their displayed label in the URL (Streamlit 1.67); the link also carries ``lang``, so it
# reopens in the language it was copied in (an unknown label falls back to the default, never an error).
UPLOAD_KINDS = {"panel": "Nine-variable panel", "series": "Wage / R&D series"}
SUBPERIODS = {"2011–2016": (2011, 2016), "2017–2023": (2017, 2023)}
LEVER_SLIDERS = {  # symbol -> (label, unit, min, max, step)
    "pcw": ("Wages (pcw)", "%", -30.0, 30.0, 1.0),
    "rd": ("R&D intensity (rd)", "pp", -1.0, 1.0, 0.1),
    "psl": ("Public services (psl)", "pp", -5.0, 5.0, 0.5),
    "pdl": ("Education (pdl)", "%", -30.0, 30.0, 1.0),
}


# --- cached calls into core (keyed by their arguments) -------------------------------------------

@st.cache_data(show_spinner=False)
def series() -> pd.DataFrame:
    return datasets.load_series()


@st.cache_data(show_spinner=False)
def public_data(interpolate_wages: bool = True) -> pd.DataFrame:
    return panel.public_panel(shell.table1(), shell.panel(), series(), interpolate_wages=interpolate_wages)


@st.cache_data(show_spinner=False, max_entries=8)
def series_upload(content: bytes, name: str, interpolate_wages: bool) -> tuple[pd.DataFrame, list[str]]:
    uploaded = panel.series_from_upload(content, name, shell.regions())
    return panel.apply_series(public_data(interpolate_wages), uploaded)


@st.cache_data(show_spinner=False)
def demo_data() -> pd.DataFrame:
    return demo_panel.demo_panel(shell.regions().query("in_paper").province.tolist(), shell.table4(),
                                 shell.table5().coefficients)


@st.cache_data(show_spinner=False, max_entries=8)
def upload_data(content: bytes, name: str) -> tuple[pd.DataFrame, list[str]]:
    return panel.panel_from_upload(content, name, shell.regions(), shell.table1())


# The fits below are keyed by ``key`` (the source, or the upload's digest) instead of hashing the panel on
# every call: a leading underscore keeps ``_data`` out of the cache key.  Each section reads one small cached
# result per rerun rather than unpickling fits and rebuilding tables.

def data_key(source: str, content: bytes = b"", name: str = "", interpolate_wages: bool = True) -> str:
    """What identifies the active panel: the bundled sources by name (and the wage switch), an upload by its
    digest and file name."""
    if source != "upload":
        return source if interpolate_wages or source != "public" else f"{source}:no-interpolation"
    return f"upload:{hashlib.sha256(content).hexdigest()}:{name}:{interpolate_wages}"


@st.cache_data(show_spinner=False, max_entries=64)
def fit(key: str, _data: pd.DataFrame, spec: panel.ModelSpec) -> panel.PanelFit:
    return spec.fit(_data)


@st.cache_data(show_spinner=False, max_entries=64)
def fitted_view(key: str, _data: pd.DataFrame, spec: panel.ModelSpec) -> dict:
    """What the page shows of one fit."""
    result = fit(key, _data, spec)
    return {"nobs": result.nobs, "n_entities": result.n_entities, "years": result.years,
            "rsquared": result.rsquared, "terms": list(result.design.terms), "coef": result.table(),
            "side": panel.compare_with_table5(result, shell.table5().coefficients,
                                              {s: panel.public_status(s) for s in panel.PUBLIC_NOTES}
                                              if key.startswith("public") or ":series:" in key else None),
            "summary": result.summary,
            "provinces": sorted(set(result.raw.model.dependent.index.get_level_values(0))),
            "sample_years": sorted({int(y) for y in result.raw.model.dependent.index.get_level_values(1)})}


@st.cache_data(show_spinner=False, max_entries=64)
def spec_tests(key: str, _data: pd.DataFrame, dependent: str, regressors: tuple[str, ...],
               transforms: tuple[tuple[str, tuple[str, ...]], ...], years: tuple[int, int],
               entities: tuple[str, ...] | None) -> tuple[panel.TestResult | str, panel.TestResult | str]:
    """F and Hausman tests from the cached classical FE and RE fits (the F test from the FE fit alone)."""
    out: list[panel.TestResult | str] = []
    try:
        fe = fit(key, _data, panel.ModelSpec(dependent, regressors, "fe", "unadjusted", transforms, years, entities))
        out.append(panel.poolability_from_fit(fe))
        re = fit(key, _data, panel.ModelSpec(dependent, regressors, "re", "unadjusted", transforms, years, entities))
        out.append(panel.hausman_from_fits(fe, re))
    except panel.PanelSpecError as exc:
        out += [str(exc)] * (2 - len(out))
    return out[0], out[1]


@st.cache_data(show_spinner=False, max_entries=32)
def projection(key: str, _data: pd.DataFrame, spec: panel.ModelSpec, changes: tuple[tuple[str, float], ...],
               provinces: tuple[str, ...] | None, year: int) -> pd.DataFrame:
    """The projection of the fit of ``spec`` (the fit itself is cached by :func:`fit`)."""
    return panel.project(fit(key, _data, spec), _data, dict(changes), provinces=provinces, year=year)


@st.cache_data(show_spinner=False, max_entries=32)
def robustness(key: str, _data: pd.DataFrame, spec: panel.ModelSpec,
               groups: tuple[tuple[str, tuple[tuple[int, int], tuple[str, ...] | None]], ...]
               ) -> tuple[pd.DataFrame, list[str]]:
    """The model of ``spec`` (without its sample) refitted on each labelled (years, provinces) group."""
    fits, skipped = {}, []
    for label, (span, ents) in groups:
        try:
            fits[label] = fit(key, _data, dataclasses.replace(spec, years=span, entities=ents))
        except panel.PanelSpecError as exc:
            skipped.append(f"{label}: {exc}")
    return panel.compare_fits(fits), skipped


@st.cache_data(show_spinner=False, max_entries=8)
def descriptives(key: str, _data: pd.DataFrame) -> pd.DataFrame:
    return panel.describe_variables(_data)


# --- charts whose spec stays the same when only their rows change ------------------------------------------
# A template per title and terms (Altair's build costs ~50 ms), rows attached on each run: a new sample or lever
# value changes rows only, which the browser swaps into the drawn chart.

@st.cache_data(show_spinner=False, max_entries=64)
def coefficient_template(terms: tuple[str, ...], title: str, note: str | None) -> dict:
    return charts.coefficient_template(terms, title=title, note=note)


@st.cache_data(show_spinner=False, max_entries=16)
def projection_template(title: str, note: str | None) -> dict:
    return charts.projection_template(title=title, note=note)


# --- helpers for display ----------------------------------------------------------------------------

def source_caption(source: str, more: str = "") -> None:
    """The line every table of the active source carries (``more``: a second line under it)."""
    if source == "demo":
        line = (f":red[**{t('Synthetic — for demonstration')}**] · "
                + t("paper-shaped demo panel: moments of Table 4, slopes of Table 5; not data about any province."))
    elif source == "upload":
        line = t("Data: your uploaded file (kept in this session only).")
    else:
        line = t("Data: public — published index (Table 1) with provincial yearbook series bundled in data/.") + " " + t(
            "Proxies, interpolated wages and the computed del score are marked in the variables table.")
    st.caption(line + (f"  \n{more}" if more else ""))


def label_of(symbol: str) -> str:
    """The variable's words (Table 3's for the paper's symbols; an uploaded column's own name otherwise)."""
    return panel.VARIABLES[symbol].label if symbol in panel.VARIABLES else symbol


def definition_of(symbol: str, public: bool) -> str:
    if public and symbol in panel.PUBLIC_NOTES:
        return panel.PUBLIC_NOTES[symbol].definition
    return panel.VARIABLES[symbol].definition if symbol in panel.VARIABLES else "your uploaded column"


def variables_table(symbols: list[str]) -> pd.DataFrame:
    """Years, definition here, difference from Table 3 and status of each public variable (words, translated)."""
    rows = []
    for s in symbols:
        note = panel.PUBLIC_NOTES.get(s)
        if note is None:
            continue
        rows.append({t("Variable"): f"{s} — {t(label_of(s))}", t("Years"): note.years,
                     t("Definition here"): t(note.definition), t("Difference from Table 3"): t(note.differs),
                     t("Status"): t(panel.public_status(s))})
    return pd.DataFrame(rows)


def chart_note(source: str) -> str | None:
    return SYNTHETIC if source == "demo" else ("Uploaded data" if source == "upload" else "Public data")


def format_test(result: panel.TestResult | str, label: str, published: float) -> None:
    if isinstance(result, str):
        st.warning(f"{label}: {result}")
        return
    stat = "—" if pd.isna(result.stat) else f"{result.stat:.2f}"
    dof = f"({result.df}, {result.df_denom})" if result.df_denom else f"({result.df})"
    p = "" if pd.isna(result.pval) else ("p < 0.001" if result.pval < 0.001 else f"p = {result.pval:.3f}")
    st.metric(f"{label} {dof}", stat, f"{p} · {t('paper')}: {published:.2f}", delta_color="off", delta_arrow="off")
    st.markdown(result.interpretation)
    if result.warning:
        st.warning(result.warning)


# --- data source -----------------------------------------------------------------------------------------

st.title(t("Regression explorer"))
shell.explain(
    "What moves the agglomeration index of industrial-digitalization talents? The paper (eq. 10) regresses it "
    "on nine provincial conditions with province fixed effects (Table 5). Choose the data, the variables and "
    "the estimator; the F test says whether province effects are needed, the Hausman test whether they can be "
    "treated as random. The **Scenario** section asks *what if wages rise 10 %?* with an honest band.")

# Bound widgets show their raw codes: Streamlit 1.67 writes the *formatted* label into the URL, so a
# translated format_func would make links depend on the interface language.
source = st.segmented_control(t("Data source"), list(scenario.SOURCES), default="public", key="data",
                              bind="query-params", required=True, help=" · ".join(
                                  f"{k}: {v}" for k, v in scenario.SOURCES.items()))
data: pd.DataFrame | None = None
interpolate = True
if source != "demo":
    interpolate = st.toggle(t("Interpolate wages in odd years 2011-2019 (in logs, flagged)"), value=True,
                            key="reg_interp", bind="query-params", help=t(
                                "Urban wages are published for even years only. On: each odd year 2011-2019 is the "
                                "geometric mean of its neighbours, flagged per cell. Off: odd years are missing and "
                                "drop out of any model with pcw. Nothing after 2020 is invented either way."))
key = data_key(source, interpolate_wages=interpolate)
if source == "public":
    data = public_data(interpolate)
elif source == "demo":
    data = demo_data()
    st.warning(f"**{t('Synthetic — for demonstration')}.** " + t(
        "Invented values on real province names — do not read them as data about any province. This deterministic "
        "panel has Table 4's means and standard deviations and Table 5's slopes, so every control works with all "
        "nine variables; the Public data source holds the real series (some as labelled proxies)."),
        icon=":material/science:")
else:
    kind = st.radio(t("Your file holds"), ["panel", "series"], key="reg_upload_kind", bind="query-params",
                    horizontal=True, format_func=lambda k: t(UPLOAD_KINDS[k]))
    if kind == "series":
        template = panel.series_template(shell.regions().query("in_paper").province.tolist(), series())
        shell.explain(t("One row per province and year: `province` (English or Chinese), `year`, and "
                        "`urban_avg_wage_yuan` (yuan per year) and/or `rd_intensity_pct` (R&D / GDP in percent, e.g. "
                        "2.41). The template holds the bundled values; change or fill cells and upload it: your "
                        "values replace pcw and rd on the public data in this session (an empty cell keeps the "
                        "bundled value). The bundled data are never changed."))
        name = "wage_rd_series_template.csv"
    else:
        template = panel.upload_template(shell.regions().query("in_paper").province.tolist(), shell.table1())
        shell.explain("One row per province and year; columns `province`, `year` and the nine Table 3 variables in "
                      "Table 3's units (logs for gdp, pcw, pdl, med; shares 0–1 for estr, rd, urban, psl). `idt` is "
                      "optional (the published index is used if it is missing). The bundled data are never changed.")
        name = "regression_upload_template.csv"
    st.download_button(t("Download the template (CSV)"), template.to_csv(index=False).encode("utf-8"),
                       name, "text/csv", key="reg_template_csv", on_click="ignore")
    uploaded = st.file_uploader(t("Upload a CSV or XLSX panel"), type=["csv", "xlsx"], key="reg_upload")
    if uploaded is None:
        st.info(t("Upload a file (or download the template first) to fit the model on your own data."))
    else:
        try:
            if kind == "series":
                data, notes = series_upload(uploaded.getvalue(), uploaded.name, interpolate)
                shell.not_in_link(t("your uploaded file (a link cannot carry a file: whoever opens it uploads it again)"))
                key = f"upload:series:{hashlib.sha256(uploaded.getvalue()).hexdigest()}:{interpolate}"
            else:
                data, notes = upload_data(uploaded.getvalue(), uploaded.name)
                shell.not_in_link(t("your uploaded file (a link cannot carry a file: whoever opens it uploads it again)"))
                key = data_key(source, uploaded.getvalue(), uploaded.name)
            for note in notes:
                st.caption(note)
        except UploadError as exc:
            st.error(str(exc), icon=":material/error:")

if data is None:
    shell.url_notice()
    st.stop()

available = panel.variables_in(data)

# --- controls that change the model's specification (a change reruns the page) -----------------------

c1, c2, c3 = st.columns([1, 1.4, 1.6])
dependent = c1.selectbox(t("Dependent variable"), available, index=available.index("idt") if "idt" in available else 0,
                         key="y", bind="query-params")
c1.caption(t(label_of(dependent)))
model = c2.selectbox(t("Model"), list(panel.MODELS), index=1, key="model", bind="query-params",
                     help=" · ".join(f"{k}: {v}" for k, v in panel.MODELS.items()))
c2.caption(t(panel.MODELS[model]))
cov_type = c3.selectbox(t("Standard errors"), list(panel.COV_TYPES), index=2, key="se", bind="query-params",
                        help=" · ".join(f"{k}: {v}" for k, v in panel.COV_TYPES.items()))
c3.caption(t(panel.COV_TYPES[cov_type]))
options = [s for s in available if s != dependent]
on_public = source == "public" or key.startswith("upload:series:")
default = [s for s in (PUBLIC_DEFAULT if on_public else panel.PAPER_REGRESSORS) if s in options]
r1, r2 = st.columns([2.2, 1])
regressors = r1.multiselect(t("Regressors (Table 3)"), options, default=default, key="x", bind="query-params",
                            help=" · ".join(f"{s}: {t(definition_of(s, on_public))}" for s in options))
chosen_regions = r2.multiselect(t("Regions"), list(scenario.REGIONS), default=list(scenario.REGIONS), key="regions",
                                bind="query-params")
st.caption(" · ".join(f"**{s}** {t(label_of(s))}" + (f" ({t(panel.public_status(s))})" if on_public and
                      panel.public_status(s) != "same as the paper" else "") for s in options))
with st.expander(t("Transformations (fixed menu)")):
    shell.explain("Applied in this order: natural log, then the first lag (previous year, same province), then "
                  "standardization (mean 0, sd 1 in the estimation sample). Names such as `z_L1_ln_estr` say which.")
    tc = st.columns(3)
    logged = tc[0].multiselect(t("Log of"), regressors, key="log", bind="query-params")
    lagged = tc[1].multiselect(t("First lag of"), regressors, key="lag", bind="query-params")
    scaled = tc[2].multiselect(t("Standardize"), regressors, key="std", bind="query-params")

if not regressors:
    st.info(t("Choose at least one regressor."))
    shell.url_notice()
    st.stop()
if not chosen_regions:
    st.info(t("Choose at least one region."))
    shell.url_notice()
    st.stop()

transforms = tuple((s, tuple(step for step, chosen in (("log", logged), ("lag1", lagged), ("standardize", scaled))
                             if s in chosen)) for s in regressors)
transforms = tuple((s, steps) for s, steps in transforms if steps)


# --- each section is a fragment that starts with the sample years it is fitted on ------------------------
# Moving the sample years (or a control inside the section) reruns only that section's fragment; the
# section switch and the controls above (regions too) belong to the full run.  Each section takes
# (key, data, source, spec, all_years): ``spec`` is (dependent, regressors, model, cov_type, transforms,
# entities) from those controls, ``entities`` None for all regions.

def sample(key: str, data: pd.DataFrame, spec: tuple, all_years: list[int]
           ) -> tuple[panel.ModelSpec, dict] | None:
    """The sample-years slider at the top of the section and the fit on that sample (None: a message shown).

    Returns the model specification (with the sample years) and the cached view of the fit.
    """
    years = st.select_slider(t("Sample years"), all_years, value=(all_years[0], all_years[-1]), key="years",
                             bind="query-params", width=560)
    fit_args = panel.ModelSpec(*spec[:5], years=(int(years[0]), int(years[1])), entities=spec[5])
    try:
        return fit_args, fitted_view(key, data, fit_args)
    except panel.PanelSpecError as exc:
        st.error(str(exc), icon=":material/error:")
        return None


@shell.fragment
def model_section(key: str, data: pd.DataFrame, source: str, spec: tuple, all_years: list[int]) -> None:
    """Counts, coefficient chart and table, F and Hausman tests, Table 5 side by side."""
    sampled = sample(key, data, spec, all_years)
    if sampled is None:
        return
    fit_args, view = sampled
    dependent, regressors, model = fit_args.dependent, fit_args.regressors, fit_args.model
    transforms, years, entities = fit_args.transforms, fit_args.years, fit_args.entities
    table5 = shell.table5()
    # Bold lines rather than subheaders, and the chart's own subtitle as its source label (the caption above
    # each table stays): fewer elements to redraw on each move of the sample years.
    st.markdown(f"**{t(panel.MODELS[model])}: {dependent} ~ {' + '.join(view['terms'])}**")
    counts = st.container(horizontal=True)  # one block, not four columns
    counts.metric("N", f"{view['nobs']}")
    counts.metric(t("Provinces"), f"{view['n_entities']}")
    counts.metric(t("Years"), f"{view['years'][0]}–{view['years'][1]}")
    counts.metric(t(panel.MODEL_INFO[model].rsquared_label), f"{view['rsquared']:.3f}")
    if source == "public" or key.startswith("upload:series:"):
        public_variables_note(data, [dependent, *regressors])
    coef, side = view["coef"], view["side"]
    rows = charts.coefficient_rows(coef, side)
    template = coefficient_template(tuple(rows[charts.COEFFICIENT_ROWS].term), t("Coefficients with 95 % intervals"),
                                    chart_note(source))
    st.vega_lite_chart(attach(template, rows), width="stretch")
    shell.how_to_read(
        "Each dot is an estimated slope, the line its 95 % confidence interval under the chosen standard errors; "
        "an interval that crosses the dashed zero line is not significant at 5 %. Open diamonds are the paper's "
        "Table 5 coefficients for the same symbols (Table 5 used all nine variables, province FE, N = 390).",
        "Liu (2026) Tables 1, 3, 5; estimates: linearmodels " + ("on the synthetic demo panel" if source == "demo"
                                                                else "on the active data source"))
    source_caption(source)
    st.dataframe(coef.assign(term=coef.term), hide_index=True, column_config={
        "coef": st.column_config.NumberColumn(format="%.4f"), "std_error": st.column_config.NumberColumn(format="%.4f"),
        "t": st.column_config.NumberColumn(format="%.2f"), "p": st.column_config.NumberColumn(format="%.4f"),
        "lower": st.column_config.NumberColumn(format="%.4f"), "upper": st.column_config.NumberColumn(format="%.4f")})
    shell.download_view(coef, lambda: charts.with_rows(template, **rows), f"regression_{source}_{model}", key="coefs")

    # The heading and its explanation in one element.
    st.markdown(f"**{t('Specification tests')}**" + ("" if shell.presenting() else "  \n" + t(
        "Both tests use classical (homoskedastic) covariances, as the paper's do, whatever standard errors are "
        "chosen above; they are computed by linearmodels (`f_pooled`, `RandomEffectsResults.hausman`).")))
    f_test, h_test = spec_tests(key, data, dependent, regressors, transforms, years, entities)
    tcols = st.columns(2)
    with tcols[0]:
        format_test(f_test, t("F test for province effects"), table5.f_stat)
    with tcols[1]:
        format_test(h_test, t("Hausman test, FE vs RE"), table5.hausman_stat)

    st.markdown(f"**{t('Table 5 side by side')}**")
    source_caption(source, t("Paper: province fixed effects, N = 390, R² = 0.31 (Table 5). Same-sign is shown where "
                             "both estimate the term.") + (" " + t(
                                 "The data column says where the real-data variable differs from the paper's: "
                                 "proxy, odd years interpolated, or computed here, not the paper's score.")
                                 if "data" in side.columns else ""))
    st.dataframe(side, hide_index=True, column_config={
        "paper_coef": st.column_config.NumberColumn(format="%.3f"), "paper_t": st.column_config.NumberColumn(format="%.2f"),
        "model_coef": st.column_config.NumberColumn(format="%.3f"), "model_t": st.column_config.NumberColumn(format="%.2f")})
    # Filled only when opened (opening reruns the section), so closed they cost nothing per move.
    coverage = st.expander(t("Per-variable coverage (which years exist)"), key="coverage_open", on_change="rerun")
    if coverage.open:
        with coverage:
            source_caption(source)
            st.dataframe(panel.coverage(data), hide_index=True)
    summary = st.expander(t("Full linearmodels summary"), key="summary_open", on_change="rerun")
    if summary.open:
        summary.code(view["summary"], language=None)


def public_variables_note(data: pd.DataFrame, symbols: list[str]) -> None:
    """Next to the model: each public variable's years, definition and difference from Table 3, and the count of
    interpolated wage cells in the sample."""
    table = variables_table(symbols)
    if not table.empty:
        st.caption(t("Variables of this model on the public data (Table 3 of the paper for comparison):"))
        st.dataframe(table, hide_index=True)
    if "pcw" in symbols and "pcw_interpolated" in data.columns:
        n = int(data["pcw_interpolated"].sum())
        if n:
            st.caption(t("pcw: odd-year wages are interpolated in logs (flagged per cell)") + f": {n} "
                       + t("cells; switch the interpolation off above to use published years only."))
    weights = data.attrs.get("del_weights")
    if "del" in symbols and weights:
        st.caption(f"del — {t(panel.COMPUTED_LABEL)}. " + t("Entropy weights") + ": " + ", ".join(
            f"{t(panel.DEL_INDICATORS[k][0])} {w:.2f}" for k, w in weights.items()))


# --- the scenario section: its levers rerun only the projection -------------------------------------------

@shell.fragment
def levers_section(key: str, data: pd.DataFrame, source: str, fit_args: panel.ModelSpec, target_year: int,
                   where: tuple[str, ...] | None) -> None:
    """The levers and the projection they change: a fragment inside the scenario section, so a lever reruns only
    this (the projected year and provinces, chosen above it, rerun the scenario section)."""
    regressors = fit_args.regressors
    changes: dict[str, float] = {}
    levers = st.container(horizontal=True)  # one block, not four columns
    for symbol, (label, unit, low, high, step) in LEVER_SLIDERS.items():
        in_model = symbol in regressors
        value = levers.slider(f"{t(label)} ({unit})", low, high, 0.0, step, key=symbol, bind="query-params",
                              disabled=not in_model,
                              help=None if in_model else t("Add this variable to the regressors to use this lever."))
        if in_model and value:
            changes[symbol] = float(value)
    try:
        projected = projection(key, data, fit_args, tuple(sorted(changes.items())), where, target_year)
    except panel.PanelSpecError as exc:
        st.error(str(exc), icon=":material/error:")
        return
    names = shell.province_names()
    shown = projected.assign(province=projected.province.map(lambda p: names.get(p, p)))
    if "pcw" in regressors and "pcw_interpolated" in data.columns and target_year in data.index.get_level_values(1):
        flags = data.xs(target_year, level=1)["pcw_interpolated"]
        shown = shown.assign(pcw_interpolated=projected.province.map(flags).fillna(False).astype(bool).to_numpy())
    if not changes:
        st.info(t("All levers are at 0: the chart shows the fitted baseline. Move a slider to project a change."))
    # Next to the levers: each lever's variable on the public data, its years and how it differs from Table 3.
    in_model = [s for s in LEVER_SLIDERS if s in regressors and s in panel.PUBLIC_NOTES]
    if in_model and (source == "public" or key.startswith("upload:series:")):
        st.caption("  \n".join(f"**{s}** ({panel.PUBLIC_NOTES[s].years}, {t(panel.public_status(s))}): "
                               f"{t(panel.PUBLIC_NOTES[s].definition)}" for s in in_model))
    if "pcw" in regressors and "pcw_interpolated" in data.columns:
        year_flags = data.xs(target_year, level=1)["pcw_interpolated"] if target_year in \
            data.index.get_level_values(1) else pd.Series(dtype=bool)
        if year_flags.any():
            st.warning(t("The projected year's wages are interpolated (odd year), not published") +
                       f" ({int(year_flags.sum())} {t('provinces')}).")
    if projected.out_of_range.any():
        st.warning(t("Some changed values leave the range observed in the data; those projections "
                     "extrapolate (red points).") + f" ({int(projected.out_of_range.sum())})")
    # The chart carries its source label in its subtitle; the caption labels the table below it.
    # The title names the year only: the levers' values are on the sliders and in the caption of the table, so
    # moving a lever changes rows alone (see the templates above).
    st.vega_lite_chart(attach(projection_template(f"{t('Projected index')}, {target_year}", chart_note(source)),
                                       {charts.PROJECTION_ROWS: charts.projection_rows(shown)}), width="stretch")
    shell.how_to_read(
        "Provinces are ranked by the projected index (dot); the grey tick is the model's fitted baseline, "
        "the blue bar the 95 % band of the projection. Red dots: a changed value lies outside the observed "
        "range, so the linear model extrapolates.",
        "core.panel.project (delta method) on the model of the Model section")
    source_caption(source, f"{t('Scenario')}: {scenario.encode_changes(changes) or t('baseline')}, {target_year}")
    st.dataframe(shown.drop(columns=["changed"]), hide_index=True)


def send_to_map(key: str, data: pd.DataFrame, source: str, fit_args: panel.ModelSpec, target_year: int,
                where: tuple[str, ...] | None) -> None:
    """'Show on the map', under the levers but outside their fragment (a lever move does not redraw it): a click
    reruns the scenario section and reads the levers' values from their widgets' state."""
    dependent, regressors, model, cov_type = fit_args.dependent, fit_args.regressors, fit_args.model, fit_args.cov_type
    transforms, years = fit_args.transforms, fit_args.years
    if dependent != "idt":
        st.info(t("The map shows the agglomeration index; choose idt as the dependent variable to send a projection."))
        return
    if not st.button(t("Show on the map"), key="to_map", icon=":material/map:", type="primary"):
        return
    changes = {symbol: float(st.session_state[symbol]) for symbol in LEVER_SLIDERS
               if symbol in regressors and st.session_state.get(symbol)}
    try:
        projected = projection(key, data, fit_args, tuple(sorted(changes.items())), where, target_year)
    except panel.PanelSpecError:
        return  # the levers' fragment above already shows the message
    spec = scenario.ScenarioSpec(changes, source, model, cov_type, tuple(regressors),
                                 {s: steps for s, steps in transforms}, years, target_year,
                                 tuple(st.session_state["regions"]), where,
                                 bool(st.session_state.get("reg_interp", True)))
    st.session_state["scenario_index"] = scenario.to_map_frame(projected, source)
    # The map's data-source radio is bound to ``source`` and (Streamlit 1.67) reads its
    # formatted label from the URL, so "Scenario" opens it on the projection.
    st.switch_page("pages/map.py", query_params={**spec.to_query(), "map_source": "Scenario",
                                                   **dict(shell.shared_params())})


@shell.fragment
def scenario_section(key: str, data: pd.DataFrame, source: str, spec: tuple, all_years: list[int]) -> None:
    """Sample, projected year and provinces (a change reruns this section), then the levers' own fragment."""
    sampled = sample(key, data, spec, all_years)
    if sampled is None:
        return
    fit_args, view = sampled
    shell.explain("Move a lever: the change is applied to the chosen provinces in every year (so lagged "
                  "terms see it too), the model's coefficients turn it into a change of the index, and the "
                  "band is the 95 % delta-method interval from the coefficient covariance (baseline taken "
                  "as given). Log variables change in %, shares in percentage points.")
    # Only years of the estimation sample (rows where the index and every chosen regressor exist), latest first:
    # the default is the latest year every regressor has, never a year outside the sample.
    sample_years = view["sample_years"]
    pc1, pc2 = st.columns([1, 3])
    target_year = pc1.selectbox(t("Year projected"), sample_years[::-1], key="sc_year", bind="query-params",
                                help=t("Years of the estimation sample only: the latest is the last year in which "
                                       "every chosen regressor has data."))
    where = pc2.multiselect(t("Provinces changed (empty = all)"), view["provinces"], key="sc_where",
                            bind="query-params")
    levers_section(key, data, source, fit_args, int(target_year), tuple(where) or None)
    send_to_map(key, data, source, fit_args, int(target_year), tuple(where) or None)


# --- the robustness and descriptive sections ---------------------------------------------------------------

@shell.fragment
def robustness_section(key: str, data: pd.DataFrame, source: str, spec: tuple, all_years: list[int]) -> None:
    """The model refitted by region and sub-period, side by side."""
    sampled = sample(key, data, spec, all_years)
    if sampled is None:
        return
    model_spec = sampled[0]
    years, entities = model_spec.years, model_spec.entities
    shell.explain("The same model, dependent variable, regressors and standard errors, re-estimated by region "
                  "and by sub-period (inside the chosen sample). Cells show the coefficient with stars "
                  "(*** 1 %, ** 5 %, * 10 %) and its standard error.")
    regions = shell.regions()
    groups: dict[str, tuple[tuple[int, int], tuple[str, ...] | None]] = {t("All"): (years, entities)}
    for region in scenario.REGIONS:
        provinces = tuple(regions.loc[regions.region == region, "province"])
        groups[t(region.capitalize())] = (years, provinces)
    for label, (a, b) in SUBPERIODS.items():
        lo, hi = max(a, years[0]), min(b, years[1])
        if lo <= hi:
            groups[label] = ((lo, hi), entities)
    table, skipped = robustness(key, data, model_spec, tuple(groups.items()))
    source_caption(source)
    st.dataframe(table, hide_index=True)
    for message in skipped:
        st.caption(f"{t('Not estimated')} — {message}")


@shell.fragment
def descriptive_section(key: str, data: pd.DataFrame, source: str, spec: tuple, all_years: list[int]) -> None:
    # The sample controls stay visible (Table 4 itself is computed on every observation of the source).
    if sample(key, data, spec, all_years) is None:
        return
    shell.explain("Table 4 of the paper (n, mean, standard deviation with n − 1, min, max) recomputed for the "
                  "active data source, next to the published values.")
    ours = descriptives(key, data)
    published = shell.table4()[["symbol", "n", "mean", "sd", "min", "max"]]
    both = ours.merge(published, on="symbol", how="outer", suffixes=("", " (paper)"))
    order = {s: i for i, s in enumerate(panel.VARIABLES)}
    both = both.sort_values("symbol", key=lambda s: s.map(order)).reset_index(drop=True)
    source_caption(source)
    st.dataframe(both, hide_index=True)
    st.caption(t("Paper columns: Table 4 of Liu (2026), 30 provinces × 2011–2023."))


# --- the sections: only the chosen one is computed and drawn ----------------------------------------------

# A segmented control rather than st.tabs: any rerun on a page holding tabs costs the browser ~35 ms more
# (measured), and only one section is ever computed anyway (the robustness one alone refits six models).
# Switching reruns the page.  A link that moves a scenario lever opens on the Scenario section: decided when
# the page is entered (the control has no state yet), so a lever moved later never overrides the visitor's
# next choice.  Codes are English (the key may come from a test or an earlier run); labels are translated.
SECTIONS = {"Model": model_section, "Scenario": scenario_section, "Robustness": robustness_section,
            "Descriptive": descriptive_section, spatial.SECTION: spatial.section_for_page(sample)}
# The control is bound to the URL (``reg_section``); its default is decided once, when the page is entered.
if "_reg_section_default" not in st.session_state:
    st.session_state["_reg_section_default"] = "Scenario" if any(
        st.query_params.get(symbol, "0") not in ("0", "0.0") for symbol in LEVER_SLIDERS) else "Model"
chosen = st.segmented_control(t("Section"), list(SECTIONS), format_func=t, key="reg_section", required=True,
                              default=st.session_state["_reg_section_default"], bind="query-params",
                              label_visibility="collapsed")
regions = shell.regions()
entities = None if set(chosen_regions) == set(scenario.REGIONS) else tuple(
    regions.loc[regions.region.isin(chosen_regions), "province"])
SECTIONS[chosen or "Model"](key, data, source, (dependent, tuple(regressors), model, cov_type, transforms, entities),
                            sorted(set(data.index.get_level_values(1))))
shell.url_notice()
