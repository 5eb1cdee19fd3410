"""Regression explorer (/regression): eq. 10 and its neighbours, F and Hausman tests, scenarios.

The page gathers the choices, calls ``core.panel`` / ``core.scenario`` through
``st.cache_data`` wrappers defined here, and draws.  Every widget is keyed and
bound to the URL, so a copied link reproduces the view.
"""

from __future__ import annotations

import streamlit as st

from ui.loading import first_paint_pause, loading_placeholder  # streamlit and the translation table only: nothing heavy yet
from ui.text import t

# The first element, before the heavy imports below (ui.loading says why); cleared once they are loaded.
loading = loading_placeholder()

import dataclasses  # noqa: E402
import hashlib  # noqa: E402
import re  # noqa: E402

import pandas as pd  # noqa: E402

import pages as shell  # noqa: E402
from core.i18n import translate  # noqa: E402
from pages import coded  # noqa: E402

shell.page_shell("Regression explorer", ":material/query_stats:")
with loading, st.spinner(t("Loading the estimators (first visit after a restart)…")):
    from core import datasets, demo_panel, panel, scenario
    from core.charts import regression as charts
    from core.uploads import UploadError
    from pages.sections import spatial
loading.empty()


def tf(text: str, **values: object) -> str:
    """A translated sentence with numbers (or names) filled in after translation."""
    return t(text).format(**values)


SYNTHETIC = demo_panel.LABEL
# The paper's nine regressors less urban (it ends in 2019): the four levers (pcw, rd, psl, pdl) are in it.
PUBLIC_DEFAULT = list(panel.PUBLIC_DEFAULT)
# Bound radios carry their displayed label in the URL (Streamlit 1.67); the link also carries ``lang``, so it
# reopens in the language it was copied in (an unknown label falls back to the default, never an error).
UPLOAD_KINDS = {"panel": "Nine-variable panel", "series": "Wage / R&D series"}
SUBPERIODS = {"2011–2016": (2011, 2016), "2017–2023": (2017, 2023)}
# Words (English, translated on screen) over the stable codes the link carries.
MODEL_WORDS = {"pooled": "Pooled OLS", "fe": "Province fixed effects (eq. 10)",
               "twfe": "Province and year fixed effects", "re": "Random effects"}
COV_WORDS = {"unadjusted": "Classical (homoskedastic)", "robust": "Heteroskedasticity-robust (White)",
             "clustered": "Clustered by province", "driscoll-kraay": "Driscoll-Kraay (cross-section and serial correlation)"}
REGION_WORDS = {"east": "East", "central": "Central", "west": "West"}
SECTION_WORDS = {"Model": "Model", "Scenario": "Scenario", "Robustness": "Robustness", "Descriptive": "Descriptive"}
# Each variable as words with its unit (the paper's symbols, Table 3; the public stand-ins).
VARIABLE_WORDS = {
    "idt": "Agglomeration index (index)", "gdp": "Gross regional product (log 100 million yuan)",
    "pcw": "Per-capita wage (log yuan)", "del": "Digital economy level (score 0–1)",
    "estr": "Economic structure (tertiary share of GDP, 0–1)",
    "pdl": "Population quality (log college students per 100,000 people)",
    "rd": "R&D intensity (share of GDP, 0–1)", "urban": "Urbanization rate (share, 0–1)",
    "med": "Medical care level (log hospital beds per 10,000 people)",
    "psl": "Public service level (share, 0–1)", "lnpcgdp": "Per-capita GDP, public stand-in (log yuan)",
    "rd_firms": "R&D intensity of industrial firms (share of GDP, 0–1)",
    "psl_func": "Public-service spending share (0–1)", "const": "Constant",
}
# Table headers as words (the screen and the CSV; core keeps its column names).
COLUMN_WORDS = {
    "term": "Term", "coef": "Coefficient", "std_error": "Standard error", "t": "t statistic", "p": "p value",
    "lower": "Lower 95 % bound", "upper": "Upper 95 % bound", "stars": "Significance",
    "paper_coef": "Paper: coefficient", "paper_t": "Paper: t statistic", "paper_stars": "Paper: significance",
    "model_coef": "This model: coefficient", "model_t": "This model: t statistic",
    "model_stars": "This model: significance", "same_sign": "Same sign", "data": "Data here",
    "variable": "Variable", "first_year": "First year", "last_year": "Last year", "observations": "Observations",
    "years_without_data": "Years without data", "symbol": "Variable", "n": "Observations", "mean": "Mean",
    "sd": "Standard deviation", "min": "Minimum", "max": "Maximum",
    "province": "Province", "year": "Year", "baseline": "Baseline (fitted)", "projected": "Projected index",
    "change": "Change", "out_of_range": "Outside the observed range", "pcw_interpolated": "Wage interpolated",
    "baseline_lower": "Baseline lower bound", "baseline_upper": "Baseline upper bound",
    "observed": "Observed index", "se": "Standard error", "range_note": "Values outside the observed range",
}
_OUTSIDE = re.compile(r"(\S+) outside observed range (\[[^\]]*\])")


def range_words(note: object) -> str:
    """core.panel.project's note (``pcw outside observed range [a, b]; ...``) in words."""
    if not isinstance(note, str) or not note:
        return "—"
    return _OUTSIDE.sub(lambda m: f"{term_words(m.group(1))} {t('outside the observed range')} {m.group(2)}", note)


def headed(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with its columns as words in the session's language (a column ``x (paper)`` too)."""
    def word(c: str) -> str:
        c = str(c)
        if c.endswith(" (paper)"):
            return f"{t(COLUMN_WORDS.get(c[:-8], c[:-8]))} ({t('paper')})"
        return t(COLUMN_WORDS[c]) if c in COLUMN_WORDS else c
    return frame.rename(columns={c: word(c) for c in frame.columns})


def number_columns(formats: dict[str, str]) -> dict[str, object]:
    """Column formats keyed by the shown header."""
    return {t(COLUMN_WORDS[c]): st.column_config.NumberColumn(format=f) for c, f in formats.items()}


TRANSFORM_WORDS = {"ln": "log", "L1": "previous year", "z": "standardized"}
LEVER_SLIDERS = {  # symbol -> (label, unit, min, max, step)
    "pcw": ("Wages", "%", -30.0, 30.0, 1.0),
    "rd": ("R&D intensity", "percentage points", -1.0, 1.0, 0.1),
    "psl": ("Public services", "percentage points", -5.0, 5.0, 0.5),
    "pdl": ("Education", "%", -30.0, 30.0, 1.0),
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


@st.cache_resource(show_spinner=False, max_entries=32)
def estimation_sample(key: str, _data: pd.DataFrame, variables: panel.ModelSpec) -> panel.Sample:
    """The design of ``variables``' regressors on its sample, built once for every estimator fitted on it (the
    shown model, and the F and Hausman tests' closed forms).  ``variables`` is a spec
    whose estimator and standard errors are normalised away (:func:`sample_spec`).  A resource (not pickled per
    call): ``core.panel.Sample`` is only read, and serialises its own fits."""
    return panel.Sample(_data, variables.dependent, variables.regressors, transforms=dict(variables.transforms),
                        years=variables.years, entities=variables.entities)


def sample_spec(spec: panel.ModelSpec) -> panel.ModelSpec:
    """``spec`` with a fixed estimator and covariance: the key of its estimation sample."""
    return dataclasses.replace(spec, model="fe", cov_type="unadjusted")


@st.cache_resource(show_spinner=False, max_entries=64)
def fit(key: str, _data: pd.DataFrame, spec: panel.ModelSpec) -> panel.PanelFit:
    """The fit of ``spec``: a resource, read only (as cached data each new fit was pickled, ~125 KB, to be stored)."""
    return estimation_sample(key, _data, sample_spec(spec)).fit(spec.model, spec.cov_type)


@st.cache_resource(show_spinner=False)
def bundled_default() -> panel.BundledView | None:
    """The opening view computed at build time (scripts/build_regression_default.py; tested equal to the live
    fit): a cold deep link draws its chart without waiting 1.5-2 s for linearmodels to import."""
    return panel.load_default_view()


def is_bundled(key: str, spec: panel.ModelSpec, *, sample_only: bool = False) -> bool:
    """Is ``spec`` on ``key``'s data exactly the bundled default view (the bundled public panel, wages
    interpolated)?  Any other choice is fitted live.  ``sample_only``: the same variables and sample, whatever
    the estimator and standard errors (what the F and Hausman tests depend on)."""
    bundled = bundled_default()
    if key != "public" or bundled is None:
        return False
    if sample_only:
        spec = dataclasses.replace(spec, model=bundled.spec.model, cov_type=bundled.spec.cov_type)
    return spec == bundled.spec


# The spinner of a cached call a control repeats is the cache's, shown on a miss only (ui.loading says why).
@st.cache_resource(show_spinner=t("Estimating the model…"), max_entries=64)
def fitted_view(key: str, _data: pd.DataFrame, spec: panel.ModelSpec) -> dict:
    """What the page shows of one fit (``core.panel.fit_view``).  A resource, read only by the sections (they derive
    new frames from it): as cached data it was unpickled on every rerun, string columns rebuilt included."""
    if is_bundled(key, spec):
        return bundled_default().view
    notes = panel.public_notes() if key.startswith("public") or ":series:" in key else None
    return panel.fit_view(fit(key, _data, spec), shell.table5().coefficients, notes)


@st.cache_data(show_spinner=t("Running the F and Hausman tests…"), max_entries=64)
def spec_tests(key: str, _data: pd.DataFrame, classical: panel.ModelSpec
               ) -> tuple[panel.TestResult | str, panel.TestResult | str]:
    """F and Hausman tests on the variables and sample of ``classical`` (fixed effects, unadjusted covariance: the
    cache key ignores the page's estimator and standard errors, which the tests do not use), from the closed forms
    on the sample's design (``core.panel.Sample.poolability``, ``.hausman``): no more fits for a new sample."""
    if is_bundled(key, classical, sample_only=True):
        return bundled_default().tests
    design = estimation_sample(key, _data, sample_spec(classical))
    out: list[panel.TestResult | str] = []
    for test in (design.poolability, design.hausman):
        try:
            out.append(test())
        except panel.PanelSpecError as exc:
            out.append(exc.message)  # the page words it (``shell.said``)
    return out[0], out[1]


@st.cache_data(show_spinner=t("Projecting the scenario…"), max_entries=32)
def projection(key: str, _data: pd.DataFrame, spec: panel.ModelSpec, changes: tuple[tuple[str, float], ...],
               provinces: tuple[str, ...] | None, year: int) -> pd.DataFrame:
    """The projection of the fit of ``spec`` (the fit itself is cached by :func:`fit`)."""
    return panel.project(fit(key, _data, spec), _data, dict(changes), provinces=provinces, year=year)


@st.cache_data(show_spinner=t("Re-estimating the model by region and sub-period…"), max_entries=32)
def robustness(key: str, _data: pd.DataFrame, spec: panel.ModelSpec,
               groups: tuple[tuple[str, tuple[tuple[int, int], tuple[str, ...] | None]], ...]
               ) -> tuple[pd.DataFrame, list[tuple[str, str]]]:
    """The model of ``spec`` (without its sample) refitted on each labelled (years, provinces) group
    (``core.panel.fit_by_group``), as one comparison table and the groups skipped with why (worded by the page)."""
    fits, skipped = panel.fit_by_group(_data, spec, dict(groups))
    return panel.compare_fits(fits), skipped


@st.cache_data(show_spinner=t("Computing the descriptive statistics…"), max_entries=8)
def descriptives(key: str, _data: pd.DataFrame) -> pd.DataFrame:
    return panel.describe_variables(_data)


# --- charts whose spec stays the same when only their rows change ------------------------------------------
# A template per title and terms, rows attached on each run: a new sample or lever value changes rows only, which
# the browser swaps into the drawn chart.  Both are written out as dicts (no Altair, so a cold deep link does not
# wait for its import) and built in microseconds, less than a cache look-up would cost, so they are not cached.

def coefficient_template(terms: tuple[str, ...], title: str, note: str | None, lang: str = "en") -> dict:
    return charts.coefficient_template(terms, title=title, note=note, words=lambda text: translate(text, lang))


def projection_template(title: str, note: str | None, lang: str = "en") -> dict:
    return charts.projection_template(title=title, note=note, words=lambda text: translate(text, lang))


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
            "Proxies, interpolated wages and the digital-economy score computed here are marked in the variables table.")
    st.caption(line + (f"  \n{more}" if more else ""))


def label_of(symbol: str) -> str:
    """The variable's words (Table 3's for the paper's symbols; an uploaded column's own name otherwise)."""
    return panel.VARIABLES[symbol].label if symbol in panel.VARIABLES else symbol


def variable_words(symbol: str) -> str:
    """A variable as words with its unit, in the session's language (an uploaded column: its own name)."""
    return t(VARIABLE_WORDS[symbol]) if symbol in VARIABLE_WORDS else symbol


def term_words(term: str) -> str:
    """A model term (``z_L1_ln_estr``) as words: the variable, then its transformations in the order applied."""
    steps: list[str] = []
    base = term
    while base not in VARIABLE_WORDS and base.partition("_")[0] in TRANSFORM_WORDS and base.partition("_")[2]:
        head, _, base = base.partition("_")
        steps.append(t(TRANSFORM_WORDS[head]))
    if base not in VARIABLE_WORDS:
        base, steps = term, []
    return variable_words(base) + (f" — {', '.join(reversed(steps))}" if steps else "")


def term_table(frame: pd.DataFrame, column: str = "term") -> pd.DataFrame:
    """``frame`` with its terms as words (for the screen; rows N and R² keep their own words)."""
    return frame.assign(**{column: frame[column].map(lambda v: t(v) if v in ("N", "R² (within for FE)")
                                                     else term_words(str(v)))})


def yes_no(value: object) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return "—"
    return t("Yes") if bool(value) else t("No")


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
        rows.append({t("Variable"): variable_words(s), t("Years"): note.years,
                     t("Definition here"): t(note.definition), t("Difference from Table 3"): t(note.differs),
                     t("Status"): t(panel.public_status(s))})
    return pd.DataFrame(rows)


def chart_note(source: str) -> str | None:
    return t(SYNTHETIC if source == "demo" else ("Uploaded data" if source == "upload" else "Public data"))


def test_words(result: panel.TestResult) -> str:
    """The verdict of a specification test in the session's language (core.panel words the same verdict in
    English; the page rebuilds it from the statistic, p value and degrees of freedom so it can be translated)."""
    if pd.isna(result.stat):
        return t("The F statistic cannot be computed on this sample.") if result.name.startswith("F") else t(
            "The Hausman statistic is not valid here (negative or not finite); no absolute value is taken.")
    p = "p < 0.001" if result.pval < 0.001 else f"p = {result.pval:.3f}"
    if result.name.startswith("F"):
        text = tf("Province effects are jointly significant (F({a}, {b}) = {stat}, {p}): pooled OLS is rejected in "
                  "favour of fixed effects." if result.pval < 0.05 else
                  "Province effects are not jointly significant (F({a}, {b}) = {stat}, {p}): pooled OLS is not "
                  "rejected.", a=result.df, b=result.df_denom, stat=f"{result.stat:.2f}", p=p)
        return text
    text = tf("Fixed- and random-effects slopes differ systematically (χ²({k}) = {stat}, {p}): the province effects "
              "are correlated with the regressors, so fixed effects is preferred." if result.pval < 0.05 else
              "No systematic difference between fixed and random effects (χ²({k}) = {stat}, {p}): random effects "
              "is consistent and more efficient.", k=result.df, stat=f"{result.stat:.2f}", p=p)
    return (t("Taken at face value (see the warning):") + " " + text) if result.warning else text


def format_test(result: panel.TestResult | str, label: str, published: float) -> None:
    if isinstance(result, str):
        st.warning(f"{label}: {shell.said(result)}")
        return
    stat = "—" if pd.isna(result.stat) else f"{result.stat:.2f}"
    dof = f"({result.df}, {result.df_denom})" if result.df_denom else f"({result.df})"
    p = "" if pd.isna(result.pval) else ("p < 0.001" if result.pval < 0.001 else f"p = {result.pval:.3f}")
    st.metric(f"{label} {dof}", stat, f"{p} · {t('paper')}: {published:.2f}", delta_color="off", delta_arrow="off")
    st.markdown(test_words(result))
    if result.warning:
        st.warning(t("The difference of the two covariance matrices is not positive definite in this sample, so "
                     "the statistic uses a generalized inverse and should be read with caution.")
                   if "positive definite" in result.warning else t(result.warning))


# --- data source -----------------------------------------------------------------------------------------

st.title(t("Regression explorer"))
shell.explain(t(
    "What moves the agglomeration index of industrial-digitalization talents? The paper (eq. 10) regresses it "
    "on nine provincial conditions with province fixed effects (Table 5). Choose the data, the variables and "
    "the estimator; the F test says whether province effects are needed, the Hausman test whether they can be "
    "treated as random. The **Scenario** section asks *what if wages rise 10 %?* with an honest band."))

# Worded widgets are drawn by ``pages.coded``: words on screen, the stable English code in the link (Streamlit
# 1.67's bind writes the *shown* label into the URL, which would make links depend on the language).
source = coded.segmented_control(t("Data source"), list(scenario.SOURCES), default="public", key="data",
                                 words=scenario.SOURCES, help=t(
                                     "Public data: the published index with provincial yearbook series. Paper-shaped "
                                     "demo: an invented panel with the paper's moments. Uploaded data: your own file."))
data: pd.DataFrame | None = None
interpolate = True
if source != "demo":
    interpolate = st.toggle(t("Interpolate wages in odd years 2011-2019 (in logs, flagged)"), value=True,
                            key="reg_interp", bind="query-params", help=t(
                                "Urban wages are published for even years only. On: each odd year 2011-2019 is the "
                                "geometric mean of its neighbours, flagged per cell. Off: odd years are missing and "
                                "drop out of any model with the wage. Nothing after 2020 is invented either way."))
key = data_key(source, interpolate_wages=interpolate)
if source == "public":
    with st.spinner(t("Assembling the public provincial panel…")):
        data = public_data(interpolate)
elif source == "demo":
    with st.spinner(t("Building the paper-shaped demo panel…")):
        data = demo_data()
    st.warning(f"**{t('Synthetic — for demonstration')}.** " + t(
        "Invented values on real province names — do not read them as data about any province. This deterministic "
        "panel has Table 4's means and standard deviations and Table 5's slopes, so every control works with all "
        "nine variables; the Public data source holds the real series (some as labelled proxies)."),
        icon=":material/science:")
else:
    kind = coded.radio(t("Your file holds"), ["panel", "series"], key="reg_upload_kind", words=UPLOAD_KINDS,
                       horizontal=True)
    if kind == "series":
        template = panel.series_template(shell.regions().query("in_paper").province.tolist(), series())
        shell.explain(t("One row per province and year: `province` (English or Chinese), `year`, and "
                        "`urban_avg_wage_yuan` (yuan per year) and/or `rd_intensity_pct` (R&D / GDP in percent, e.g. "
                        "2.41). The template holds the bundled values; change or fill cells and upload it: your "
                        "values replace the wage (`pcw`) and R&D intensity (`rd`) on the public data in this session "
                        "(an empty cell keeps the bundled value). The bundled data are never changed."))
        name = "wage_rd_series_template.csv"
    else:
        template = panel.upload_template(shell.regions().query("in_paper").province.tolist(), shell.table1())
        shell.explain(t("One row per province and year; columns `province`, `year` and the nine Table 3 variables "
                        "in Table 3's units (logs for `gdp`, `pcw`, `pdl`, `med`; shares 0–1 for `estr`, `rd`, "
                        "`urban`, `psl`). `idt` is optional (the published index is used if it is missing). The "
                        "bundled data are never changed."))
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
                st.caption(shell.said(note))
        except UploadError as exc:
            st.error(f"{t('The file cannot be used')}: {shell.said(exc)}", icon=":material/error:")

if data is None:
    shell.url_notice()
    st.stop()

available = panel.variables_in(data)

# --- controls that change the model's specification (a change reruns the page) -----------------------

c1, c2, c3 = st.columns([1, 1.4, 1.6])
dependent = coded.selectbox(t("Dependent variable"), available, default="idt" if "idt" in available else available[0],
                            key="y", words=variable_words, container=c1)
model = coded.selectbox(t("Model"), list(panel.MODELS), default="fe", key="model", words=MODEL_WORDS, container=c2)
cov_type = coded.selectbox(t("Standard errors"), list(panel.COV_TYPES), default="clustered", key="se",
                           words=COV_WORDS, container=c3)
options = [s for s in available if s != dependent]
on_public = source == "public" or key.startswith("upload:series:")
default = [s for s in (PUBLIC_DEFAULT if on_public else panel.PAPER_REGRESSORS) if s in options]
r1, r2 = st.columns([2.2, 1])
regressors = coded.multiselect(t("Regressors (Table 3)"), options, default=default, key="x", words=variable_words,
                               container=r1, help="  \n".join(f"{variable_words(s)}: {t(definition_of(s, on_public))}"
                                                               for s in options))
chosen_regions = coded.multiselect(t("Regions"), list(scenario.REGIONS), default=list(scenario.REGIONS),
                                   key="regions", words=REGION_WORDS, container=r2)
marked = [s for s in options if on_public and panel.public_status(s) != "same as the paper"]
if marked:
    st.caption(t("Differs from Table 3") + ": " + " · ".join(
        f"{variable_words(s)} ({t(panel.public_status(s))})" for s in marked))
with st.expander(t("Transformations (fixed menu)")):
    shell.explain(t("Applied in this order: natural log, then the first lag (previous year, same province), then "
                    "standardization (mean 0, standard deviation 1 in the estimation sample). Each term's name "
                    "lists its transformations."))
    tc = st.columns(3)
    logged = coded.multiselect(t("Log of"), regressors, default=[], key="log", words=variable_words, container=tc[0])
    lagged = coded.multiselect(t("First lag of"), regressors, default=[], key="lag", words=variable_words,
                               container=tc[1])
    scaled = coded.multiselect(t("Standardize"), regressors, default=[], key="std", words=variable_words,
                               container=tc[2])

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
# (key, data, source, spec, all_years): ``spec`` is the model chosen by those controls (a ``core.panel.ModelSpec``
# without sample years; ``entities`` None for all regions).

def sample(key: str, data: pd.DataFrame, spec: panel.ModelSpec, all_years: list[int]
           ) -> tuple[panel.ModelSpec, dict] | None:
    """The sample-years slider at the top of the section and the fit on that sample (None: a message shown).

    Returns the model specification (with the sample years) and the cached view of the fit.
    """
    years = st.select_slider(t("Sample years"), all_years, value=(all_years[0], all_years[-1]), key="years",
                             bind="query-params", width=560)
    fit_args = dataclasses.replace(spec, years=(int(years[0]), int(years[1])))
    try:
        return fit_args, fitted_view(key, data, fit_args)
    except panel.PanelSpecError as exc:
        st.error(f"{t('The model cannot be estimated')}: {shell.said(exc)}", icon=":material/error:")
        return None


@shell.fragment
def model_section(key: str, data: pd.DataFrame, source: str, spec: panel.ModelSpec, all_years: list[int]) -> None:
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
    st.markdown(f"**{t(MODEL_WORDS[model])}: {variable_words(dependent)} ~ "
                f"{' + '.join(term_words(term) for term in view['terms'])}**")
    counts = st.container(horizontal=True)  # one block, not four columns
    counts.metric(t("Observations (N)"), f"{view['nobs']}")
    counts.metric(t("Provinces"), f"{view['n_entities']}")
    counts.metric(t("Years"), f"{view['years'][0]}–{view['years'][1]}")
    counts.metric(t(panel.MODEL_INFO[model].rsquared_label), f"{view['rsquared']:.3f}")
    coef, side = view["coef"], view["side"]
    rows = charts.coefficient_rows(term_table(coef[coef.term != "const"]), term_table(side))
    template = coefficient_template(tuple(rows[charts.COEFFICIENT_ROWS].term), t("Coefficients with 95 % intervals"),
                                    chart_note(source), shell.lang())
    shell.chart(template, rows=rows, width="stretch")
    first_paint_pause()  # the chart paints before the tables below arrive (ui.loading says why)
    shell.how_to_read(t(
        "Each dot is an estimated slope, the line its 95 % confidence interval under the chosen standard errors; "
        "an interval that crosses the dashed zero line is not significant at 5 %. Open diamonds are the paper's "
        "Table 5 coefficients for the same variables (Table 5 used all nine variables, province fixed effects, "
        "N = 390)."),
        "Liu (2026), " + t("Research on the measurement and influencing factors of the agglomeration degree of "
                           "industrial digitalization talents in China") + ", WJARR 30(01), " + t("Tables 1, 3, 5")
        + "; " + t("estimates: linearmodels on the synthetic demo panel" if source == "demo"
                   else "estimates: linearmodels on the active data source"))
    source_caption(source)
    shown_coef = headed(term_table(coef))
    st.dataframe(shown_coef, hide_index=True, column_config=number_columns(
        {"coef": "%.4f", "std_error": "%.4f", "t": "%.2f", "p": "%.4f", "lower": "%.4f", "upper": "%.4f"}))
    # The CSV is the table on screen (words of the session's language), with each term's code at the end.
    shell.download_view(shown_coef.assign(**{t("Code"): coef.term}), lambda: charts.with_rows(template, **rows),
                        f"regression_{source}_{model}", key="coefs")

    # The heading and its explanation in one element.
    st.markdown(f"**{t('Specification tests')}**" + ("" if shell.presenting() else "  \n" + t(
        "Both tests use classical (homoskedastic) covariances, as the paper's do, whatever standard errors are "
        "chosen above; they are computed in closed form from the pooled, within and random-effects regressions "
        "and agree with linearmodels' `f_pooled` and `RandomEffectsResults.hausman` to rounding.")))
    f_test, h_test = spec_tests(key, data, dataclasses.replace(fit_args, model="fe", cov_type="unadjusted"))
    tcols = st.columns(2)
    with tcols[0]:
        format_test(f_test, t("F test for province effects"), table5.f_stat)
    with tcols[1]:
        format_test(h_test, t("Hausman test, fixed vs random effects"), table5.hausman_stat)

    st.markdown(f"**{t('Table 5 side by side')}**")
    source_caption(source, t("Paper: province fixed effects, N = 390, R² = 0.31 (Table 5). Same sign is shown where "
                             "both estimate the term.") + (" " + t(
                                 "The column 'Data here' says where the real-data variable differs from the paper's: "
                                 "proxy, odd years interpolated, or computed here, not the paper's score.")
                                 if "data" in side.columns else ""))
    side_shown = term_table(side).assign(same_sign=side.same_sign.map(yes_no))
    if "data" in side_shown.columns:
        side_shown = side_shown.assign(data=side_shown["data"].map(lambda v: t(v) if isinstance(v, str) else "—"))
    st.dataframe(headed(side_shown), hide_index=True, column_config=number_columns(
        {"paper_coef": "%.3f", "paper_t": "%.2f", "model_coef": "%.3f", "model_t": "%.2f"}))
    # Filled only when opened (opening reruns the section), so closed they cost nothing per move.
    coverage = st.expander(t("Per-variable coverage (which years exist)"), key="coverage_open", on_change="rerun")
    if coverage.open:
        with coverage:
            source_caption(source)
            cover = panel.coverage(data)
            st.dataframe(headed(cover.assign(variable=cover.variable.map(variable_words))), hide_index=True)
    summary = st.expander(t("Full estimation summary (linearmodels, in English)"), key="summary_open",
                          on_change="rerun")
    if summary.open:
        # Built only when opened: linearmodels' text summary costs 10-120 ms per fit, for a closed expander.
        summary.code(fit(key, data, fit_args).summary, language=None)


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
            st.caption(t("Per-capita wage: odd-year wages are interpolated in logs (flagged per cell)") + f": {n} "
                       + t("cells; switch the interpolation off above to use published years only."))
    weights = data.attrs.get("del_weights")
    if "del" in symbols and weights:
        st.caption(f"{variable_words('del')} — {t(panel.COMPUTED_LABEL)}. " + t("Entropy weights") + ": " + ", ".join(
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
        value = levers.slider(f"{t(label)} ({t(unit)})", low, high, 0.0, step, key=symbol, bind="query-params",
                              disabled=not in_model,
                              help=None if in_model else t("Add this variable to the regressors to use this lever."))
        if in_model and value:
            changes[symbol] = float(value)
    try:
        projected = projection(key, data, fit_args, tuple(sorted(changes.items())), where, target_year)
    except panel.PanelSpecError as exc:
        st.error(f"{t('The projection cannot be computed')}: {shell.said(exc)}", icon=":material/error:")
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
        st.caption("  \n".join(f"**{variable_words(s)}** ({panel.PUBLIC_NOTES[s].years}, {t(panel.public_status(s))}): "
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
    lang = shell.lang()
    shell.chart(projection_template(f"{t('Projected index')}, {target_year}", chart_note(source), lang),
                rows={charts.PROJECTION_ROWS: charts.projection_rows(shown, lambda text: translate(text, lang))},
                width="stretch")
    shell.how_to_read(t(
        "Provinces are ranked by the projected index (dot); the grey tick is the model's fitted baseline, "
        "the blue bar the 95 % band of the projection. Red dots: a changed value lies outside the observed "
        "range, so the linear model extrapolates."),
        t("the delta method (`core.panel.project`) on the model of the Model section"))
    described = ", ".join(f"{t(LEVER_SLIDERS[s][0])} {v:+g} {t(LEVER_SLIDERS[s][1])}" for s, v in sorted(changes.items()))
    source_caption(source, f"{t('Scenario')}: {described or t('baseline')}, {target_year}")
    table = shown.drop(columns=["changed"]).assign(range_note=shown.range_note.map(range_words),
                                                   out_of_range=shown.out_of_range.map(yes_no))
    if "pcw_interpolated" in table.columns:
        table = table.assign(pcw_interpolated=table.pcw_interpolated.map(yes_no))
    st.dataframe(headed(table), hide_index=True)


def send_to_map(key: str, data: pd.DataFrame, source: str, fit_args: panel.ModelSpec, target_year: int,
                where: tuple[str, ...] | None) -> None:
    """'Show on the map', under the levers but outside their fragment (a lever move does not redraw it): a click
    reruns the scenario section and reads the levers' values from their widgets' state."""
    dependent, regressors, model, cov_type = fit_args.dependent, fit_args.regressors, fit_args.model, fit_args.cov_type
    transforms, years = fit_args.transforms, fit_args.years
    if dependent != "idt":
        st.info(t("The map shows the agglomeration index; choose it as the dependent variable to send a projection."))
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
def scenario_section(key: str, data: pd.DataFrame, source: str, spec: panel.ModelSpec, all_years: list[int]) -> None:
    """Sample, projected year and provinces (a change reruns this section), then the levers' own fragment."""
    sampled = sample(key, data, spec, all_years)
    if sampled is None:
        return
    fit_args, view = sampled
    shell.explain(t("Move a lever: the change is applied to the chosen provinces in every year (so lagged "
                  "terms see it too), the model's coefficients turn it into a change of the index, and the "
                  "band is the 95 % delta-method interval from the coefficient covariance (baseline taken "
                  "as given). Log variables change in %, shares in percentage points."))
    # Only years of the estimation sample (rows where the index and every chosen regressor exist), latest first:
    # the default is the latest year every regressor has, never a year outside the sample.
    sample_years = view["sample_years"]
    pc1, pc2 = st.columns([1, 3])
    target_year = pc1.selectbox(t("Year projected"), sample_years[::-1], key="sc_year", bind="query-params",
                                help=t("Years of the estimation sample only: the latest is the last year in which "
                                       "every chosen regressor has data."))
    names = shell.province_names()
    where = coded.multiselect(t("Provinces changed (empty = all)"), view["provinces"], default=[], key="sc_where",
                              words=lambda p: names.get(p, p), container=pc2,
                              aliases=lambda p: [shell.regions().set_index("province").province_zh.get(p, p)])
    levers_section(key, data, source, fit_args, int(target_year), tuple(where) or None)
    send_to_map(key, data, source, fit_args, int(target_year), tuple(where) or None)


# --- the robustness and descriptive sections ---------------------------------------------------------------

@shell.fragment
def robustness_section(key: str, data: pd.DataFrame, source: str, spec: panel.ModelSpec, all_years: list[int]) -> None:
    """The model refitted by region and sub-period, side by side."""
    sampled = sample(key, data, spec, all_years)
    if sampled is None:
        return
    model_spec = sampled[0]
    years, entities = model_spec.years, model_spec.entities
    shell.explain(t("The same model, dependent variable, regressors and standard errors, re-estimated by region "
                  "and by sub-period (inside the chosen sample). Cells show the coefficient with stars "
                  "(*** 1 %, ** 5 %, * 10 %) and its standard error."))
    regions = shell.regions()
    groups: dict[str, tuple[tuple[int, int], tuple[str, ...] | None]] = {t("All"): (years, entities)}
    for region in scenario.REGIONS:
        provinces = tuple(regions.loc[regions.region == region, "province"])
        groups[t(REGION_WORDS[region])] = (years, provinces)
    for label, (a, b) in SUBPERIODS.items():
        lo, hi = max(a, years[0]), min(b, years[1])
        if lo <= hi:
            groups[label] = ((lo, hi), entities)
    table, skipped = robustness(key, data, model_spec, tuple(groups.items()))
    source_caption(source)
    st.dataframe(table.pipe(term_table).rename(columns={"term": t("Term")}), hide_index=True)
    for label, message in skipped:
        st.caption(f"{t('Not estimated')} — {label}: {shell.said(message)}")


@shell.fragment
def descriptive_section(key: str, data: pd.DataFrame, source: str, spec: panel.ModelSpec, all_years: list[int]) -> None:
    # The sample controls stay visible (Table 4 itself is computed on every observation of the source).
    if sample(key, data, spec, all_years) is None:
        return
    shell.explain(t("Table 4 of the paper (n, mean, standard deviation with n − 1, min, max) recomputed for the "
                  "active data source, next to the published values."))
    ours = descriptives(key, data)
    published = shell.table4()[["symbol", "n", "mean", "sd", "min", "max"]]
    both = ours.merge(published, on="symbol", how="outer", suffixes=("", " (paper)"))
    order = {s: i for i, s in enumerate(panel.VARIABLES)}
    both = both.sort_values("symbol", key=lambda s: s.map(order)).reset_index(drop=True)
    source_caption(source)
    st.dataframe(headed(both.assign(symbol=both.symbol.map(variable_words))), hide_index=True)
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
chosen = coded.segmented_control(t("Section"), list(SECTIONS), key="reg_section",
                                 words={code: SECTION_WORDS.get(code, code) for code in SECTIONS},
                                 default=st.session_state["_reg_section_default"], label_visibility="collapsed")
regions = shell.regions()
entities = None if set(chosen_regions) == set(scenario.REGIONS) else tuple(
    regions.loc[regions.region.isin(chosen_regions), "province"])
section = chosen or "Model"
SECTIONS[section](key, data, source,
                            panel.ModelSpec(dependent, tuple(regressors), model, cov_type, transforms, None, entities),
                            sorted(set(data.index.get_level_values(1))))
if section == "Model" and (source == "public" or key.startswith("upload:series:")):
    # Outside the section, so a move of the sample years does not redraw it (the variables do not change with
    # them); after it, not above it: a table above the main chart made a cold visit's browser fetch and compile
    # Streamlit's 1.2 MB table code before it could draw the chart.
    public_variables_note(data, [dependent, *regressors])
shell.url_notice()
# Everything is drawn: linearmodels loads in the background (imports only, no Streamlit call), so the first live fit
# (a new sample, model or regressor) does not wait for it.
panel.preload_estimators()
