"""Pilot-city policy (/policy): staggered DID and event study of the innovative-city pilot.

The design is that of "Pilot Cities for Innovation and Clusters of High-Tech Talent" (the pilot-city study).  The
page gathers inputs (outcome source, approval years, cohorts, window, clustering, controls), calls ``core.pilots``
/ ``core.did`` through the ``st.cache_data`` wrappers below, and draws ``core.charts.did`` charts.
"""

from __future__ import annotations

import streamlit as st

from ui.loading import first_paint_pause, loading_placeholder  # streamlit and the translation table only: nothing heavy yet
from ui.text import t

# The first element, before the heavy imports below (ui.loading says why); cleared once they are loaded.
loading = loading_placeholder()

import pandas as pd  # noqa: E402

import pages as shell  # noqa: E402
from core.i18n import translate  # noqa: E402
from pages import coded  # noqa: E402

shell.page_shell("Pilot-city policy", ":material/policy:")
with loading, st.spinner(t("Loading the estimators (first visit after a restart)…")):
    from core import datasets, did, panel, pilots
    from core.charts import did as did_charts
    from core.charts import with_rows
    from core.uploads import UploadError, read_table
loading.empty()


def tf(text: str, **values: object) -> str:
    """A translated sentence with numbers (or names) filled in after translation."""
    return t(text).format(**values)


SOURCES = ("MOST/NDRC innovative-city lists (2016, 2018) and MIIT/NDRC Broadband-China batches (2014-2016), "
           "`data/policy/`; provinces hand-typed; estimators: two-way fixed effects and Gardner's two-stage "
           "estimator (Gardner 2022), computed in `core.did` and checked against pyfixest")
CLUSTERS = {"city": "city", "province": "province", "none": None}
# Words (English, translated on screen) over the codes the link carries; the English words are also what older
# links carried (Streamlit's bind wrote the shown label), so those still open.
SOURCE_WORDS = {"synthetic": "Synthetic demo", "upload": "Upload"}
CLUSTER_WORDS = {"city": "City", "province": "Province", "none": "No clustering (heteroskedasticity-robust)"}
METHOD_WORDS = {"did2s": "Two-stage (Gardner 2022)", "twfe": "Two-way fixed effects", "both": "Both"}
REGION_WORDS = {"east": "East", "central": "Central", "west": "West"}
YEAR_STATUS = {"official": "official notice", "exact": "exact (2018 batch)", "unknown, enter": "unknown — enter a year",
               "entered by you": "entered by you"}
STUDY = "Pilot Cities for Innovation and Clusters of High-Tech Talent"

APPROVAL_HELP = (
    "The 2016 list names 61 pilots approved 2008-2013 but not the year each was approved. The 2018 batch is exact; "
    "29 years are from the official notices: Shenzhen 2008 (NDRC), the MOST batch of 20 units (10 January 2010) and "
    "the NDRC batch of 16 cities (January 2010). The other 32 units (approved 2011-2013) have no public year: enter "
    "or correct a year in the table; the page marks every year you changed as yours and keeps it in the share "
    "link. Pilots left empty are left out (they are neither clean comparison cities nor usable treated cities).")
SYNTHETIC_HELP = (
    "The pilot-city study (\"Pilot Cities for Innovation and Clusters of High-Tech Talent\") used a city outcome "
    "(location quotient of high-tech talent) for 29 cities, 2002-2019, which is not public. This panel is generated: "
    "real cities, real pilot and Broadband-China timing, invented outcome with a known effect that grows with years "
    "since approval and follows the study's regional order (east largest, then west, central weakest). It shows how "
    "the methods behave, not what happened. Choose 'My city panel (upload)' to run the design on real data.")
REAL_HELP = (
    "Exploratory, not the pilot-city study's design: the outcome is the published provincial agglomeration index "
    "(Table 1, 30 provinces, 2011-2023) and the treatment intensity is the number (or share) of a province's "
    "innovative-city pilots approved by each year, from the approval years above (yours included). Province and "
    "year fixed effects, standard errors clustered by province. With the bundled years, the only change inside "
    "2011-2023 is the 2018 batch; years you enter for the 2011-2013 units add variation.")
TREATMENTS = {"pilots_approved": "Number of approved pilot cities", "pilot_share": "Share of the province's pilots"}
REAL_COLUMNS = {"province": "Province", "year": "Year", "idt": "Agglomeration index (Table 1)",
                "pilots_approved": "Number of approved pilot cities", "pilot_share": "Share of the province's pilots",
                "pilots_total": "Pilot cities of the province", "region": "Region"}
TIMING_HELP = (
    "Each bar counts the cities first approved in that year, split by east/central/west; 'never' are the comparison "
    "cities (Broadband-China cities that never joined the innovative-city pilot, plus any city you uploaded). With "
    "several cohorts the design is *staggered*: early cohorts are already treated when later ones start.")
EVENT_HELP = (
    "Each point is the effect *k* years after approval relative to the year before approval (k = -1, the dashed "
    "line, fixed at 0); bars are 95% intervals. Points left of the reference test the design: if pilot cities were "
    "already pulling ahead before approval, they sit away from 0 and the joint test below the chart rejects. The "
    "first and last points pool all earlier/later years (binned window ends).")
ATT_HELP = (
    "One number per estimator: the average effect over all treated city-years. Overlapping intervals do not mean "
    "the estimators agree on the bias question — the gap itself is the diagnostic.")
REGION_HELP = (
    "The design re-estimated on the cities of each belt alone (its own pilots and comparison cities), as in the "
    "pilot-city study's heterogeneity analysis. A missing row means that belt has too few treated or comparison cities "
    "with the current cohorts.")
WHY_DIFFER = (
    "Two-way fixed effects compares cities approved later with cities approved earlier as if the earlier ones were "
    "untreated; when the effect grows with years since approval, those comparisons subtract part of the effect "
    "(and can weight some city-years negatively), so TWFE is pulled away from the average effect. Gardner's "
    "two-stage estimator (did2s) learns city and year effects from untreated city-years only, then averages the "
    "remaining gap over treated city-years, so it is robust to effects that differ by cohort and over time. A "
    "small gap means timing heterogeneity matters little here; a large one means the TWFE number should not be used.")


# --- cached wrappers (keyed by their arguments) -----------------------------------------------
# The estimators' design frame is hashed by its pickle (shell.cache_data): Streamlit's own hasher took about a
# tenth of each move of the event window, hashing the same 2,500-row frame again (about 3 ms a call, against 0.5 ms).

@st.cache_data(show_spinner=False)
def _reference() -> tuple[pd.DataFrame, pd.DataFrame, frozenset[str], dict[str, int]]:
    cities = pilots.city_table(datasets.load_city_province(), datasets.load_regions())
    approvals = pilots.approval_table(datasets.load_approval_years())
    broadband = pilots.broadband_years(datasets.load_pilot_lists()).to_dict()
    return cities, approvals, frozenset(approvals["city"]), broadband


def _editor_key(edited: pd.DataFrame) -> tuple:
    """What ``pilots.validate_approval_years`` reads of the editor's table: the cities and the years as typed
    (``repr`` keeps 2011, 2011.0 and "2011" apart)."""
    years = edited["first_approval_year"] if "first_approval_year" in edited else pd.Series(dtype=object)
    cities = edited["city"] if "city" in edited else pd.Series(dtype=object)
    return (tuple(edited.columns), str(years.dtype), tuple(map(repr, cities)), tuple(map(repr, years)))


@st.cache_data(show_spinner=False, max_entries=32)
def _validated(key: tuple, _edited: pd.DataFrame) -> pd.DataFrame:
    """The approval years checked against the bundled table, once per distinct table (``key``, from
    :func:`_editor_key`, determines the result; the frame itself is not hashed): every rerun of the page, whatever
    widget caused it, validated the same unchanged table again."""
    return pilots.validate_approval_years(_edited, _reference()[1])


@st.cache_data(show_spinner=False)
def _synthetic_panel() -> pd.DataFrame:
    cities, approvals, pilot_set, broadband = _reference()
    return pilots.synthetic_city_panel(cities, pilots.cohort_map(approvals), pilot_set, broadband)


@st.cache_data(show_spinner=False)
def _uploaded_panel(content: bytes, name: str) -> pd.DataFrame:
    cities, _, _, _ = _reference()
    return pilots.validate_city_panel(read_table(content, name), cities, datasets.load_regions())


@shell.cache_data(show_spinner=t("Estimating the average effect with two-way fixed effects and the two-stage estimator…"))
def _att(frame: pd.DataFrame, method: str, controls: tuple[str, ...], cluster: str | None) -> did.DIDResult:
    return did.staggered_did(frame, outcome=pilots.OUTCOME, unit="city", time="year", cohort="cohort",
                             method=method, controls=controls, cluster=cluster)


# The spinner of a cached call a control repeats is the cache's, shown on a miss only (ui.loading says why).
@shell.cache_data(show_spinner=t("Estimating the event study (effects by years since approval)…"))
def _event(frame: pd.DataFrame, method: str, window: tuple[int, int], controls: tuple[str, ...],
           cluster: str | None) -> did.EventStudyResult:
    return did.event_study(frame, outcome=pilots.OUTCOME, unit="city", time="year", cohort="cohort", window=window,
                           reference=-1, method=method, controls=controls, cluster=cluster)


@st.cache_data(show_spinner=False, max_entries=16)
def _event_template(methods: tuple[str, ...], note: str, lang: str) -> dict:
    """The event-study chart without its rows, in ``lang`` (``core.charts.did.event_study_template``)."""
    return did_charts.event_study_template(methods, note=note, title=t("Event study: effect by years since approval"),
                                           x_title=t("Years since first approval"), y_title=t("Effect on outcome"),
                                           reference_label=t("reference period (set to 0)"), words=chart_words())


@shell.cache_data(show_spinner=t("Estimating the average effect in each region…"))
def _by_region(frame: pd.DataFrame, controls: tuple[str, ...], cluster: str | None) -> did.GroupDIDResult:
    return did.staggered_did_by_group(frame, by="region", groups=pilots.REGIONS, methods=did.METHODS,
                                      outcome=pilots.OUTCOME, unit="city", time="year", cohort="cohort",
                                      controls=controls, cluster=cluster)


def control_words(used: tuple[str, ...] | list[str]) -> str:
    """The controls of the design as words (``none`` when there are none)."""
    names = {**pilots.CONTROLS, pilots.BROADBAND: "Broadband China (concurrent policy)"}
    return ", ".join(t(names.get(c, c)) for c in used) or t("none")


def chart_words() -> dict[str, str]:
    """The words the DID charts show for their codes and tooltip fields, in the session's language."""
    lang = shell.lang()
    english = {**METHOD_WORDS, **REGION_WORDS, "never": "never approved", "reference": "reference period",
               "estimated": "estimated", "period": "Years since approval", "estimate": "Effect",
               "ci_low": "Lower 95 % bound", "ci_high": "Upper 95 % bound", "n_obs": "Observations",
               "binned": "Binned window end", "cohort_label": "First approval year", "region": "Region",
               "cities": "Cities", "att": "Average effect on the treated", "method_name": "Estimator",
               "region_label": "Region", "true": "Yes", "false": "No"}
    return {code: translate(text, lang) for code, text in english.items()}


def pretrend_words(test: did.PretrendTest) -> str:
    """core.did's joint pre-trend test in the session's language (the same numbers as ``test.summary``)."""
    if not test.k:
        return t("No pre-period coefficient to test (widen the window).")
    return tf("Joint test that the {k} pre-period coefficients are zero: F({k}, {df}) = {f}, p = {p} (Wald χ² = "
              "{w}, p = {pw}).", k=test.k, df=test.f_df, f=f"{test.f_stat:.2f}", p=f"{test.f_pvalue:.3f}",
              w=f"{test.stat:.2f}", pw=f"{test.pvalue:.3f}")


def att_words(r: did.DIDResult) -> str:
    """An ATT's summary (core.did's ``summary``) in the session's language."""
    lo, hi = r.conf_int().loc["att", ["lower", "upper"]]
    clu = (tf("clustered by {level} ({n} clusters)", level=t(CLUSTER_WORDS.get(r.cluster, r.cluster)).lower(),
              n=r.n_clusters) if r.cluster else t("heteroskedasticity-robust"))
    return tf("{method}: ATT = {att} (standard error {se}, {clu}; 95% interval {lo} to {hi}; p = {p}); N = {n}, "
              "{units} units of which {treated} treated.", method=t(METHOD_WORDS[r.method]), att=f"{r.att:.4f}",
              se=f"{r.se:.4f}", clu=clu, lo=f"{lo:.4f}", hi=f"{hi:.4f}", p=f"{r.pvalue:.3g}", n=r.nobs,
              units=r.n_units, treated=r.n_treated_units)


EVENT_COLUMNS = {"rel_period": "Years since approval", "att": "Effect", "estimate": "Effect",
                 "se": "Standard error", "ci_low": "Lower 95 % bound", "ci_high": "Upper 95 % bound",
                 "pvalue": "p value", "n_obs": "Observations", "nobs": "Observations", "binned": "Binned window end",
                 "is_reference": "Reference period", "method": "Estimator", "controls": "Controls",
                 "window": "Event window", "table": "Table", "region": "Region", "n_units": "Cities",
                 "n_treated_units": "Treated cities", "n_clusters": "Clusters", "outcome_source": "Outcome data",
                 "cluster": "Standard errors clustered by", "term": "Term"}


def worded(frame: pd.DataFrame) -> pd.DataFrame:
    """A results table for the screen and its CSV: headers and coded cells as words of the session's language."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == bool:
            out[column] = out[column].map({True: t("Yes"), False: t("No")})
    if "method" in out:
        out["method"] = out["method"].map(lambda m: t(METHOD_WORDS.get(m, m)))
    if "region" in out:
        out["region"] = out["region"].map(lambda r: t({**REGION_WORDS, "all": "All"}.get(r, r)))
    if "table" in out:
        out["table"] = out["table"].map(lambda v: t({"att": "Average effect on the treated"}.get(v, v)))
    if "cluster" in out:
        out["cluster"] = out["cluster"].map(lambda c: t(CLUSTER_WORDS.get(c, c)))
    return out.rename(columns={c: t(EVENT_COLUMNS[c]) for c in out.columns if c in EVENT_COLUMNS})


@shell.fragment
def event_study_section(frame: pd.DataFrame, used_controls: tuple[str, ...], cluster: str | None, note: str) -> None:
    """Event study, pre-trend tests and their download; its window and estimator rerun only this section."""
    st.subheader(t("Event study and pre-trends"))
    w1, w2 = st.columns([2, 1])
    window = w1.slider(t("Event window (years around approval)"), -10, 10, (-6, 6), key="window",
                       bind="query-params")
    es_method = coded.radio(t("Event-study estimator"), ["did2s", "twfe", "both"], key="es_method",
                            words=METHOD_WORDS, container=w2, horizontal=True,
                            aliases=lambda code: [code])
    methods = ("did2s", "twfe") if es_method == "both" else (es_method,)
    try:
        events = {m: _event(frame, m, tuple(window), used_controls, cluster) for m in methods}
    except did.DIDError as exc:  # e.g. a window without pre-periods: the rest of the page still shows
        st.error(f"{t('The event study cannot be estimated')}: {shell.said(exc)}")
        shell.how_to_read(t(EVENT_HELP), t(SOURCES))
        return
    es_table = pd.concat([events[m].table.assign(method=m) for m in methods], ignore_index=True)
    # A template (cached by the estimators shown and the words) with rows: a new window or new estimates change
    # the rows alone, which the browser swaps into the drawn chart.
    template = _event_template(methods, note, shell.lang())
    rows = did_charts.event_study_rows(es_table, words=chart_words())
    shell.chart(template, rows=rows)
    first_paint_pause()  # the event study paints before the sections below arrive (ui.loading says why)
    es_chart = lambda: with_rows(template, **rows)  # noqa: E731  (the export, built on click)
    lines = []
    for m in methods:
        test = events[m].pretrend_test()
        verdict = (t("no evidence against parallel pre-trends at 5%") if test.k and test.f_pvalue >= 0.05
                   else t("pre-trends differ from zero at 5%: read the effects with care") if test.k else "")
        lines.append(f"**{t(METHOD_WORDS[m])}** — {pretrend_words(test)} → {verdict}")
    st.markdown("\n\n".join(lines))
    shell.how_to_read(t(EVENT_HELP), t(SOURCES))
    table = worded(es_table.rename(columns={"estimate": "att"}).assign(
        controls=control_words(used_controls), window=f"{window[0]}…{window[1]}"))
    shell.download_view(table, es_chart, "pilot_city_event_study", key="es_dl")


@st.cache_data(show_spinner=False)
def _province_fit(cohorts: tuple[tuple[str, int], ...], treatment: str) -> tuple[pd.DataFrame, dict]:
    cities, *_ = _reference()
    frame = pilots.province_pilot_intensity(cities, dict(cohorts), datasets.load_table1())
    fit = panel.fit_panel(frame.set_index(["province", "year"]), "idt", [treatment], model="twfe",
                          cov_type="clustered")
    row = fit.table().set_index("term").loc[treatment]
    return frame, {"coef": float(row.coef), "se": float(row.std_error), "lower": float(row.lower),
                   "upper": float(row.upper), "p": float(row.p), "nobs": fit.nobs, "provinces": fit.n_entities}


def real_design_section(cohorts: dict[str, int]) -> None:
    """The exploratory province-level design on real data (Table 1 x pilot intensity), computed when opened."""
    box = st.expander(t("Exploratory real-data design: provincial index and pilot intensity"), key="pol_real_open",
                      on_change="rerun")
    if not box.open:
        return
    with box:
        st.info(f"**{t('Exploratory')}.** {t(REAL_HELP)}", icon=":material/explore:")
        treatment = coded.radio(t("Treatment intensity"), list(TREATMENTS), key="pol_real_treatment",
                                words=TREATMENTS, horizontal=True)
        try:
            with st.spinner(t("Fitting the provincial design (province and year fixed effects)…")):
                frame, res = _province_fit(tuple(sorted(cohorts.items())), treatment)
        except panel.PanelSpecError as exc:
            st.warning(f"{t('The design cannot be estimated')}: {shell.said(exc)}")
            return
        cols = st.columns(3)
        cols[0].metric(t("Effect on the index per unit of intensity"), f"{res['coef']:.4f}")
        cols[1].metric(t("95% interval"), f"{res['lower']:.4f} … {res['upper']:.4f}")
        cols[2].metric(t("Observations (N)"), f"{res['nobs']}", f"{res['provinces']} {t('provinces')}", delta_color="off",
                       delta_arrow="off")
        st.caption(t("Real data: Table 1 index (Liu 2026) and the approval years above; province and year fixed "
                     "effects (linearmodels), SE clustered by province. Exploratory — not the pilot-city study's "
                     "design or result."))
        names = shell.province_names()
        shown = frame.assign(province=frame["province"].map(lambda p: names.get(p, p))).rename(
            columns={c: t(REAL_COLUMNS[c]) for c in frame.columns if c in REAL_COLUMNS})
        st.dataframe(shown, hide_index=True)
        shell.download_view(shown.assign(**{t("Effect on the index per unit of intensity"): res["coef"],
                                            t("Standard error"): res["se"],
                                            t("Treatment intensity"): t(TREATMENTS[treatment])}), None,
                            "pilot_intensity_province_panel", key="pol_real_dl")


# --- page ---------------------------------------------------------------------------------------

st.title(t("Did the innovative-city pilot draw high-tech talent?"))
shell.explain(t(
    "Cities joined China's national innovative-city pilot in different years (2008 onward). This page runs the "
    "pilot-city study's design — a multi-period difference-in-differences over cities and years — and checks it: are "
    "pilot and other cities on parallel paths before approval, and is the usual two-way fixed-effects answer "
    "biased because cities were treated at different times and effects grew over time?"))

with st.spinner(t("Reading the pilot-city lists and approval years…")):
    cities, default_approvals, pilot_set, broadband = _reference()

# The years a visitor entered travel in the share link (``pol_years``: ``city:year`` items), read once per session
# into the editor's starting table (so the editor's own edits stay relative to one stable table).
if "_pol_years_base" not in st.session_state:
    try:
        st.session_state["_pol_years_base"] = pilots.decode_user_years(str(st.query_params.get("pol_years", "")),
                                                                      default_approvals)
    except pilots.PilotDataError as exc:
        st.session_state["_pol_years_base"] = default_approvals
        st.error(f"{t('Approval years in the link not usable')}: {shell.said(exc)} {t('Using the bundled years instead.')}")
start_approvals = st.session_state["_pol_years_base"]

# Worded widgets come from ``pages.coded``: translated words on screen, the code in the link (older links carried
# the English words, which still open the same view).
with st.container(border=True):
    c1, c2, c3 = st.columns(3)
    source = coded.radio(t("Outcome data"), ["synthetic", "upload"], key="src", words=SOURCE_WORDS, container=c1,
                         captions=[t("Synthetic demonstration panel"), t("My city panel (upload)")])
    cluster_key = coded.selectbox(t("Cluster standard errors by"), list(CLUSTERS), key="cluster",
                                  words=CLUSTER_WORDS, container=c2, aliases=lambda c: ["None (robust)"] if c == "none"
                                  else [])
    controls = coded.multiselect(t("Controls"), list(pilots.CONTROLS), default=[], key="controls",
                                 words=pilots.CONTROLS, container=c3, aliases=lambda c: [c],
                                 help=t("City controls of the uploaded panel (columns named as in the template)."))
    use_broadband = c3.toggle(t("Broadband China control"), value=True, key="broadband", bind="query-params",
                              help=t("Control for Broadband China (concurrent policy)"))

# Approval years: the user's edits are validated and marked.
with st.expander(t("First-approval years (editable)"), expanded=False):
    st.markdown(t(APPROVAL_HELP))
    editor_frame = start_approvals.merge(cities[["city", "city_en"]], on="city", how="left")
    # The status column is read-only and the validation takes the statuses from the bundled table, so it shows words.
    editor_frame["year_status"] = editor_frame["year_status"].map(lambda v: t(YEAR_STATUS.get(v, v)))
    if shell.lang() == "zh":  # the English names help English readers; in Chinese the city column says it all
        editor_frame = editor_frame.drop(columns=["city_en"])
    edited = st.data_editor(
        editor_frame, key="approval_editor", hide_index=True,
        disabled=[c for c in ("city", "city_en", "year_status") if c in editor_frame],
        column_order=[c for c in ("city", "city_en", "first_approval_year", "year_status") if c in editor_frame],
        column_config={
            "city": st.column_config.TextColumn(t("City")),
            "city_en": st.column_config.TextColumn(t("English name")),
            "first_approval_year": st.column_config.NumberColumn(t("First approval year"), min_value=2008,
                                                                 max_value=2030, step=1, format="%d"),
            "year_status": st.column_config.TextColumn(t("Status of the bundled year")),
        })
try:
    approvals = _validated(_editor_key(edited), edited)
except pilots.PilotDataError as exc:
    st.error(f"{t('Approval years not usable')}: {shell.said(exc)} {t('Using the bundled years instead.')}")
    approvals = pilots.validate_approval_years(default_approvals, default_approvals)
encoded = pilots.encode_user_years(approvals)
if encoded:
    st.query_params["pol_years"] = encoded
elif "pol_years" in st.query_params:
    del st.query_params["pol_years"]
yours = approvals[approvals["source"] == "yours"]
if len(yours):
    shown = ", ".join(f"{c} {'—' if pd.isna(y) else int(y)}" for c, y in zip(yours["city"], yours["first_approval_year"]))
    st.info(f"{t('Approval years entered by you')} ({len(yours)}): {shown}. "
            f"{t('All other years are from the bundled file (2018 batch exact; 2008/2010 from the official notices).')}")
else:
    n_empty = int(approvals["first_approval_year"].isna().sum())
    st.caption(t("Approval years: bundled file only (2018 batch exact; 2008/2010 from the official notices).") + " "
               + f"{n_empty} " + t("pilots without a year are left out until you enter one."))
cohorts = pilots.cohort_map(approvals)
real_design_section(cohorts)
# Below the controls, until the estimates are ready: the heavy part of a cold page (about 2 s) says what it does.
placeholder = st.empty()

# Outcome panel: synthetic, or a validated upload.
synthetic = source == "synthetic"
note = f"{t('Outcome')}: {t(pilots.SYNTHETIC_LABEL)}" if synthetic else t("Outcome: your uploaded city panel")
if synthetic:
    with placeholder, st.spinner(t("Building the synthetic city panel (real cities and pilot years)…")):
        panel = _synthetic_panel()
    st.warning(f"**{t(pilots.SYNTHETIC_LABEL).capitalize()}.** {t(SYNTHETIC_HELP)}")
else:
    template = pilots.city_panel_template(cities)
    st.download_button(t("Download the city-panel template (CSV)"), template.to_csv(index=False).encode("utf-8"),
                       "city_panel_template.csv", "text/csv", key="pol_template_csv", on_click="ignore")
    upload = st.file_uploader(t("City x year panel (CSV or XLSX)"), type=["csv", "xlsx"], key="pol_upload")
    if upload is None:
        st.info(t("Upload a city x year panel (see the template) to run the design on your data."))
        st.stop()
    try:
        panel = _uploaded_panel(upload.getvalue(), upload.name)
        shell.not_in_link(t("your uploaded file (a link cannot carry a file: whoever opens it uploads it again)"))
    except UploadError as exc:
        st.error(f"{t('The file cannot be used')}: {shell.said(exc)}")
        st.stop()

available = sorted({g for g in cohorts.values()})
# A cohort that appears because a year was just entered is selected (no city silently dropped); cohorts that no
# longer exist leave the selection.
previous = st.session_state.get("_pol_available_cohorts")
if previous is not None and previous != available and "cohorts" in st.session_state:
    st.session_state["cohorts"] = pilots.merge_cohort_selection(st.session_state["cohorts"], available, previous)
st.session_state["_pol_available_cohorts"] = available
include = st.multiselect(t("Cohorts included (first approval year)"), available, default=available, key="cohorts",
                         placeholder=t("Choose options"),
                         bind="query-params", format_func=str)
if not include:
    st.info(t("Select at least one cohort to estimate the effect."))
    st.stop()
frame, counts = pilots.design_frame(panel, cohorts, pilot_set, broadband, include_cohorts=include)
if counts["dropped_unknown_year"] or counts["dropped_cohort"]:
    st.caption(f"{t('Left out')}: {counts['dropped_unknown_year']} {t('pilot cities without an approval year')}, "
               f"{counts['dropped_cohort']} {t('pilot cities of cohorts not selected')}.")

missing_controls = [c for c in controls if c not in frame or frame[c].isna().all()]
if missing_controls:
    st.warning(f"{t('Not in the data, ignored')}: {control_words(missing_controls)}.")
used_controls = tuple(c for c in controls if c not in missing_controls) + ((pilots.BROADBAND,) if use_broadband else ())
cluster = CLUSTERS[cluster_key]


def estimated(method: str) -> did.DIDResult:
    """The ATT of one estimator; a design it cannot estimate ends the page with the error."""
    try:
        return _att(frame, method, used_controls, cluster)
    except did.DIDError as exc:
        st.error(f"{t('The design cannot be estimated')}: {shell.said(exc)}")
        st.stop()


# did2s's notes come before the charts; the TWFE fit only section 3 needs, so it waits until the event study (the
# page's main chart) is drawn.
results = {"did2s": estimated("did2s")}
for message in results["did2s"].notes:
    st.warning(shell.said(message))

# 1. Treatment timing
st.subheader(t("Treatment timing"))
timing = pilots.timing_table(frame)
timing_chart = shell.chart(did_charts.timing_spec, timing,
                            note=t("Cities: real pilot lists; years: bundled file and your edits"),
                            title=t("Treatment timing: cities by first approval year"),
                            x_title=t("First approval year (cohort)"), y_title=t("Cities"), words=chart_words())
shell.how_to_read(t(TIMING_HELP), t(SOURCES))

# 2. Event study and pre-trends: a fragment, so the window and estimator rerun only this section.
event_study_section(frame, used_controls, cluster, note)

# 3. TWFE vs did2s
results["twfe"] = estimated("twfe")
st.subheader(t("Two-way fixed effects versus the heterogeneity-robust estimate"))
cols = st.columns(3)
for col, m in zip(cols, ("twfe", "did2s")):
    r = results[m]
    lo, hi = r.conf_int().loc["att", ["lower", "upper"]]
    col.metric(t(METHOD_WORDS[m]), f"{r.att:.4f}", help=att_words(r))
    col.caption(tf("95% interval {lo} … {hi}; standard error {se}; N = {n}", lo=f"{lo:.4f}", hi=f"{hi:.4f}",
                   se=f"{r.se:.4f}", n=r.nobs))
if synthetic:
    cols[2].metric(t("Synthetic truth (mean effect on treated)"), f"{pilots.true_att(frame):.4f}")
gap = results["twfe"].att - results["did2s"].att
st.markdown(
    f"{t('Two-way fixed effects differ from the two-stage estimate by')} **{gap:+.4f}** "
    f"({gap / results['did2s'].att:+.0%}). " + t(WHY_DIFFER))
compare = did.compare_methods([results["twfe"], results["did2s"]])
# The first chart built through Altair on a cold page (imported on first use, after the event study): say so.
with st.spinner(t("Drawing the two estimates side by side…")):
    att_chart = shell.chart(did_charts.att_spec, compare, note=note, x_title=t("ATT (outcome units)"),
                             title=t("Average effect on the treated (ATT), 95% interval"), words=chart_words())
shell.how_to_read(t(ATT_HELP), t(SOURCES))

# 4. East / central / west
st.subheader(t("East, central and west"))
by_region = _by_region(frame, used_controls, cluster)
for msg in dict.fromkeys(f"{t(REGION_WORDS[region])} ({t(METHOD_WORDS[m])}): {t('not estimated')} — {shell.said(exc)}"
                         for region, m, exc in by_region.skipped):
    st.warning(msg)
if len(by_region.table):
    regional = by_region.table.assign(region_label=by_region.table["region"].map(lambda r: t(REGION_WORDS[r])))
    shell.chart(did_charts.att_spec, regional, group="region_label", note=note, x_title=t("ATT (outcome units)"),
                 title=t("ATT by region (each region estimated on its own cities)"), words=chart_words())
    shell.how_to_read(t(REGION_HELP), t(SOURCES))
else:
    st.info(t("No region has enough treated and comparison cities for an estimate."))
    regional = pd.DataFrame()

# Downloads: estimates (ATT, regional ATT, event study) and the event-study chart.
estimates = pd.concat([
    compare.assign(table="att", region="all"),
    regional.drop(columns=["region_label"], errors="ignore").assign(table="att"),
], ignore_index=True)
estimates["outcome_source"] = t(pilots.SYNTHETIC_LABEL) if synthetic else t("your uploaded city panel")
estimates["controls"] = control_words(used_controls)
estimates["cluster"] = cluster_key
st.caption(t("Estimates table (ATT, all cities and by region; the event study has its own download above)")
           + (f" — {t(pilots.SYNTHETIC_LABEL)}" if synthetic else ""))
first = ["table", "region", "method", "att", "se", "ci_low", "ci_high", "pvalue", "n_obs"]
estimates = estimates[[c for c in first if c in estimates] + [c for c in estimates if c not in first]]
# Screen and CSV: the same table, headers and cells in words of the session's language.
estimates = worded(estimates)
st.dataframe(estimates, hide_index=True, column_config={
    **{t(EVENT_COLUMNS[c]): st.column_config.NumberColumn(format="%.4f") for c in ("att", "se", "ci_low", "ci_high")},
    t("p value"): st.column_config.NumberColumn(format="scientific")})
shell.download_view(estimates, att_chart, "pilot_city_did", key="policy_dl")
shell.url_notice()
