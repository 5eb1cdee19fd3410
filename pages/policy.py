"""Pilot-city policy (/policy): staggered DID and event study of the innovative-city pilot (the pilot-city study).

The page gathers inputs (outcome source, approval years, cohorts, window,
clustering, controls), calls ``core.pilots`` / ``core.did`` through the
``st.cache_data`` wrappers below, and draws ``core.charts.did`` charts.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

import pages as shell
from core import datasets, did, panel, pilots
from core.charts import did as did_charts
from core.uploads import UploadError, read_table

shell.page_shell("Pilot-city policy", ":material/policy:")
t = shell.t

SOURCES = ("MOST/NDRC innovative-city lists (2016, 2018) and MIIT/NDRC Broadband-China batches (2014-2016), "
           "`data/policy/`; provinces hand-typed; estimators: pyfixest `feols`, `did2s` (Gardner 2022)")
CLUSTERS = {"city": "city", "province": "province", "none": None}

APPROVAL_HELP = (
    "The 2016 list names 61 pilots approved 2008-2013 but not the year each was approved. The 2018 batch is exact; "
    "29 years are from the official notices: Shenzhen 2008 (NDRC), the MOST batch of 20 units (10 January 2010) and "
    "the NDRC batch of 16 cities (January 2010). The other 32 units (approved 2011-2013) have no public year: enter "
    "or correct a year in the table; the page marks every year you changed as yours and keeps it in the share "
    "link. Pilots left empty are left out (they are neither clean comparison cities nor usable treated cities).")
SYNTHETIC_HELP = (
    "The pilot-city study (Pilot Cities for Innovation and Clusters of High-Tech Talent) used a city outcome "
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

@st.cache_data(show_spinner=False)
def _reference() -> tuple[pd.DataFrame, pd.DataFrame, frozenset[str], dict[str, int]]:
    cities = pilots.city_table(datasets.load_city_province(), datasets.load_regions())
    approvals = pilots.approval_table(datasets.load_approval_years())
    broadband = pilots.broadband_years(datasets.load_pilot_lists()).to_dict()
    return cities, approvals, frozenset(approvals["city"]), broadband


@st.cache_data(show_spinner=False)
def _synthetic_panel() -> pd.DataFrame:
    cities, approvals, pilot_set, broadband = _reference()
    return pilots.synthetic_city_panel(cities, pilots.cohort_map(approvals), pilot_set, broadband)


@st.cache_data(show_spinner=False)
def _uploaded_panel(content: bytes, name: str) -> pd.DataFrame:
    cities, _, _, _ = _reference()
    return pilots.validate_city_panel(read_table(content, name), cities, datasets.load_regions())


@st.cache_data(show_spinner=False)
def _att(frame: pd.DataFrame, method: str, controls: tuple[str, ...], cluster: str | None) -> did.DIDResult:
    return did.staggered_did(frame, outcome=pilots.OUTCOME, unit="city", time="year", cohort="cohort",
                             method=method, controls=controls, cluster=cluster)


@st.cache_data(show_spinner=False)
def _event(frame: pd.DataFrame, method: str, window: tuple[int, int], controls: tuple[str, ...],
           cluster: str | None) -> did.EventStudyResult:
    return did.event_study(frame, outcome=pilots.OUTCOME, unit="city", time="year", cohort="cohort", window=window,
                           reference=-1, method=method, controls=controls, cluster=cluster)


@shell.fragment
def event_study_section(frame: pd.DataFrame, used_controls: tuple[str, ...], cluster: str | None, note: str) -> None:
    """Event study, pre-trend tests and their download; its window and estimator rerun only this section."""
    st.subheader(t("Event study and pre-trends"))
    w1, w2 = st.columns([2, 1])
    window = w1.slider(t("Event window (years around approval)"), -10, 10, (-6, 6), key="window",
                       bind="query-params")
    es_method = w2.radio(t("Event-study estimator"), ["did2s", "twfe", "both"], key="es_method",
                         bind="query-params", horizontal=True)
    methods = ("did2s", "twfe") if es_method == "both" else (es_method,)
    try:
        events = {m: _event(frame, m, tuple(window), used_controls, cluster) for m in methods}
    except did.DIDError as exc:  # e.g. a window without pre-periods: the rest of the page still shows
        st.error(f"{t('The event study cannot be estimated')}: {exc}")
        shell.how_to_read(t(EVENT_HELP), SOURCES)
        return
    es_table = pd.concat([events[m].table.assign(method=m) for m in methods], ignore_index=True)
    es_chart = shell.altair(did_charts.event_study_chart, es_table, note=note,
                            title=t("Event study: effect by years since approval"),
                            x_title=t("Years since first approval"), y_title=t("Effect on outcome"),
                            reference_label=t("reference period (set to 0)"))
    lines = []
    for m in methods:
        test = events[m].pretrend_test()
        verdict = (t("no evidence against parallel pre-trends at 5%") if test.k and test.f_pvalue >= 0.05
                   else t("pre-trends differ from zero at 5%: read the effects with care") if test.k else "")
        lines.append(f"**{did_charts.METHOD_NAMES[m]}** — {test.summary()} → {verdict}")
    st.markdown("\n\n".join(lines))
    shell.how_to_read(t(EVENT_HELP), SOURCES)
    table = es_table.rename(columns={"estimate": "att"}).assign(
        controls=", ".join(used_controls) or "none", window=f"{window[0]}..{window[1]}")
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
        treatment = st.radio(t("Treatment intensity"), list(TREATMENTS), key="pol_real_treatment",
                             bind="query-params", horizontal=True, format_func=lambda k: t(TREATMENTS[k]))
        try:
            frame, res = _province_fit(tuple(sorted(cohorts.items())), treatment)
        except panel.PanelSpecError as exc:
            st.warning(f"{t('The design cannot be estimated')}: {exc}")
            return
        cols = st.columns(3)
        cols[0].metric(t("Effect on the index per unit of intensity"), f"{res['coef']:.4f}")
        cols[1].metric(t("95% interval"), f"{res['lower']:.4f} … {res['upper']:.4f}")
        cols[2].metric("N", f"{res['nobs']}", f"{res['provinces']} {t('provinces')}", delta_color="off",
                       delta_arrow="off")
        st.caption(t("Real data: Table 1 index (Liu 2026) and the approval years above; province and year fixed "
                     "effects (linearmodels), SE clustered by province. Exploratory — not the pilot-city study's "
                     "design or result."))
        st.dataframe(frame, hide_index=True)
        shell.download_view(frame.assign(coef=res["coef"], se=res["se"], treatment=treatment), None,
                            "pilot_intensity_province_panel", key="pol_real_dl")


# --- page ---------------------------------------------------------------------------------------

st.title(t("Did the innovative-city pilot draw high-tech talent?"))
shell.explain(
    "Cities joined China's national innovative-city pilot in different years (2008 onward). This page runs the "
    "pilot-city study's design — a multi-period difference-in-differences over cities and years — and checks it: are "
    "pilot and other cities on parallel paths before approval, and is the usual two-way fixed-effects answer "
    "biased because cities were treated at different times and effects grew over time?")

cities, default_approvals, pilot_set, broadband = _reference()

# The years a visitor entered travel in the share link (``pol_years``: ``city:year`` items), read once per session
# into the editor's starting table (so the editor's own edits stay relative to one stable table).
if "_pol_years_base" not in st.session_state:
    try:
        st.session_state["_pol_years_base"] = pilots.decode_user_years(str(st.query_params.get("pol_years", "")),
                                                                      default_approvals)
    except pilots.PilotDataError as exc:
        st.session_state["_pol_years_base"] = default_approvals
        st.error(f"{t('Approval years in the link not usable')}: {exc} {t('Using the bundled years instead.')}")
start_approvals = st.session_state["_pol_years_base"]

# Bound widgets put their *displayed* option text in the URL, so option labels here are fixed
# English words (not translated): a copied link then works in either interface language.
with st.container(border=True):
    c1, c2, c3 = st.columns(3)
    source = c1.radio(t("Outcome data"), ["synthetic", "upload"], key="src", bind="query-params",
                      format_func={"synthetic": "Synthetic demo", "upload": "Upload"}.get,
                      captions=[t("Synthetic demonstration panel"), t("My city panel (upload)")])
    cluster_key = c2.selectbox(t("Cluster standard errors by"), list(CLUSTERS), key="cluster", bind="query-params",
                               format_func={"city": "City", "province": "Province", "none": "None (robust)"}.get)
    controls = c3.multiselect(t("Controls"), list(pilots.CONTROLS), default=[], key="controls", bind="query-params",
                              help="; ".join(f"`{k}`: {v}" for k, v in pilots.CONTROLS.items()))
    use_broadband = c3.toggle(t("Broadband China control"), value=True, key="broadband", bind="query-params",
                              help=t("Control for Broadband China (concurrent policy)"))

# Approval years: the user's edits are validated and marked.
with st.expander(t("First-approval years (editable)"), expanded=False):
    st.markdown(t(APPROVAL_HELP))
    editor_frame = start_approvals.merge(cities[["city", "city_en"]], on="city", how="left")
    edited = st.data_editor(
        editor_frame, key="approval_editor", hide_index=True, disabled=["city", "city_en", "year_status"],
        column_order=["city", "city_en", "first_approval_year", "year_status"],
        column_config={
            "city": st.column_config.TextColumn(t("City")),
            "city_en": st.column_config.TextColumn("English"),
            "first_approval_year": st.column_config.NumberColumn(t("First approval year"), min_value=2008,
                                                                 max_value=2030, step=1, format="%d"),
            "year_status": st.column_config.TextColumn(t("Status of the bundled year")),
        })
try:
    approvals = pilots.validate_approval_years(edited, default_approvals)
except pilots.PilotDataError as exc:
    st.error(f"{t('Approval years not usable')}: {exc} {t('Using the bundled years instead.')}")
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

# Outcome panel: synthetic, or a validated upload.
synthetic = source == "synthetic"
note = f"{t('Outcome')}: {t(pilots.SYNTHETIC_LABEL)}" if synthetic else t("Outcome: your uploaded city panel")
if synthetic:
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
        st.error(f"{t('The file cannot be used')}: {exc}")
        st.stop()

available = sorted({g for g in cohorts.values()})
# A cohort that appears because a year was just entered is selected (no city silently dropped); cohorts that no
# longer exist leave the selection.
previous = st.session_state.get("_pol_available_cohorts")
if previous is not None and previous != available and "cohorts" in st.session_state:
    st.session_state["cohorts"] = pilots.merge_cohort_selection(st.session_state["cohorts"], available, previous)
st.session_state["_pol_available_cohorts"] = available
include = st.multiselect(t("Cohorts included (first approval year)"), available, default=available, key="cohorts",
                         bind="query-params")
if not include:
    st.info(t("Select at least one cohort to estimate the effect."))
    st.stop()
frame, counts = pilots.design_frame(panel, cohorts, pilot_set, broadband, include_cohorts=include)
if counts["dropped_unknown_year"] or counts["dropped_cohort"]:
    st.caption(f"{t('Left out')}: {counts['dropped_unknown_year']} {t('pilot cities without an approval year')}, "
               f"{counts['dropped_cohort']} {t('pilot cities of cohorts not selected')}.")

missing_controls = [c for c in controls if c not in frame or frame[c].isna().all()]
if missing_controls:
    st.warning(f"{t('Not in the data, ignored')}: {', '.join(missing_controls)}.")
used_controls = tuple(c for c in controls if c not in missing_controls) + ((pilots.BROADBAND,) if use_broadband else ())
cluster = CLUSTERS[cluster_key]

try:
    results = {m: _att(frame, m, used_controls, cluster) for m in did.METHODS}
except did.DIDError as exc:
    st.error(f"{t('The design cannot be estimated')}: {exc}")
    st.stop()
for message in results["did2s"].notes:
    st.warning(message)

# 1. Treatment timing
st.subheader(t("Treatment timing"))
timing = pilots.timing_table(frame)
timing_chart = shell.altair(did_charts.timing_chart, timing,
                            note=t("Cities: real pilot lists; years: bundled file and your edits"),
                            title=t("Treatment timing: cities by first approval year"),
                            x_title=t("First approval year (cohort)"), y_title=t("Cities"))
shell.how_to_read(t(TIMING_HELP), SOURCES)

# 2. Event study and pre-trends: a fragment, so the window and estimator rerun only this section.
event_study_section(frame, used_controls, cluster, note)

# 3. TWFE vs did2s
st.subheader(t("Two-way fixed effects versus the heterogeneity-robust estimate"))
cols = st.columns(3)
for col, m in zip(cols, ("twfe", "did2s")):
    r = results[m]
    lo, hi = r.conf_int()
    col.metric(did_charts.METHOD_NAMES[m], f"{r.att:.4f}", help=r.summary())
    col.caption(f"95% CI {lo:.4f} … {hi:.4f}; SE {r.se:.4f}; N = {r.nobs}")
if synthetic:
    treated = frame[(frame["cohort"] > 0) & (frame["year"] >= frame["cohort"])]
    cols[2].metric(t("Synthetic truth (mean effect on treated)"), f"{treated['true_effect'].mean():.4f}")
gap = results["twfe"].att - results["did2s"].att
st.markdown(
    f"{t('TWFE differs from did2s by')} **{gap:+.4f}** ({gap / results['did2s'].att:+.0%}). " + t(WHY_DIFFER))
compare = did.compare_methods([results["twfe"], results["did2s"]])
att_chart = shell.altair(did_charts.att_chart, compare, note=note, x_title=t("ATT (outcome units)"),
                         title=t("Average effect on the treated (ATT), 95% interval"))
shell.how_to_read(t(ATT_HELP), SOURCES)

# 4. East / central / west
st.subheader(t("East, central and west"))
region_rows, region_msgs = [], []
for region in pilots.REGIONS:
    sub = frame[frame["region"] == region]
    for m in did.METHODS:
        try:
            r = _att(sub, m, used_controls, cluster)
        except did.DIDError as exc:
            region_msgs.append(f"{t(region)} ({did_charts.METHOD_NAMES[m]}): {exc}")
            continue
        region_rows.append({**r.as_row(), "region": region, "region_label": t(region)})
for msg in dict.fromkeys(region_msgs):
    st.warning(msg)
if region_rows:
    regional = pd.DataFrame(region_rows)
    shell.altair(did_charts.att_chart, regional, group="region_label", note=note, x_title=t("ATT (outcome units)"),
                 title=t("ATT by region (each region estimated on its own cities)"))
    shell.how_to_read(t(REGION_HELP), SOURCES)
else:
    st.info(t("No region has enough treated and comparison cities for an estimate."))
    regional = pd.DataFrame()

# Downloads: estimates (ATT, regional ATT, event study) and the event-study chart.
estimates = pd.concat([
    compare.assign(table="att", region="all"),
    regional.drop(columns=["region_label"], errors="ignore").assign(table="att"),
], ignore_index=True)
estimates["outcome_source"] = pilots.SYNTHETIC_LABEL if synthetic else "uploaded"
estimates["controls"] = ", ".join(used_controls) or "none"
estimates["cluster"] = cluster_key
st.caption(t("Estimates table (ATT, all cities and by region; the event study has its own download above)")
           + (f" — {t(pilots.SYNTHETIC_LABEL)}" if synthetic else ""))
first = ["table", "region", "method", "att", "se", "ci_low", "ci_high", "pvalue", "n_obs"]
estimates = estimates[[c for c in first if c in estimates] + [c for c in estimates if c not in first]]
st.dataframe(estimates, hide_index=True, column_config={
    **{c: st.column_config.NumberColumn(format="%.4f") for c in ("att", "se", "ci_low", "ci_high")},
    "pvalue": st.column_config.NumberColumn(format="scientific")})
shell.download_view(estimates, att_chart, "pilot_city_did", key="policy_dl")
shell.url_notice()
