"""Home page (/): what the explorer answers, headline numbers, a guide with one example per policy lever."""

import streamlit as st

from ui.loading import loading_placeholder

# The first element, before the heavy imports below (ui.loading says why); cleared once the page starts drawing.
loading = loading_placeholder()

import pages as shell  # noqa: E402
from core import agglomeration, datasets  # noqa: E402

shell.page_shell("Home", ":material/home:")
loading.empty()
t = shell.t

# Example scenarios for the policy levers of the 2025 "talent attraction 2.0" brief (Di Yi Cai Jing, 2025-12-04). They run on
# the paper-shaped demo panel because wages and R&D intensity are not in the bundled public data.
LEVER_EXAMPLES = (
    ("Wages and the cost of living", "Per-capita wage +10 %", {"data": "demo", "pcw": "10"}),
    ("Industry-led attraction and R&D", "R&D intensity +0.5 percentage points", {"data": "demo", "rd": "0.5"}),
    ("Cultivate: higher education", "College students per 100,000 +10 %", {"data": "demo", "pdl": "10"}),
    ("Retain: public services", "Public-service employment share +2 points", {"data": "demo", "psl": "2"}),
)


@st.cache_data(show_spinner=False)
def cluster_trend_spec(lang: str) -> dict:
    """The four clusters' mean index by year, as a Vega-Lite spec built once per language (not on every run)."""
    from core.charts import map as map_charts
    from core.charts import stable_spec
    from core.i18n import translate

    clusters = agglomeration.group_means(shell.table1(), shell.regions(), by="cluster")
    clusters["group"] = clusters.group.map(lambda g: translate(g, lang))
    labels = {w: translate(w, lang) for w in ("Mean agglomeration index", "Cluster", "Year", "Provinces")}
    # the dict builder, not Altair's: a cold first visit then draws this chart without importing Altair (0.3 s)
    return stable_spec(map_charts.cluster_trend_spec(clusters, labels=labels))


st.title(t("Where does digital talent cluster in China — and why?"))
shell.explain(t(
    "This explorer rebuilds the agglomeration index of **industrial-digitalization talents** "
    "(Liu 2026, *WJARR* 30(01)) from China's input-output tables, maps it across provinces, "
    "tests what drives it, and sets China's clusters beside the world's tech-talent cities. "
    "Everything runs on the embedded public data, offline."
))

table1 = shell.table1()
latest = datasets.LAST_YEAR
facts = agglomeration.headline(table1, latest)
published = shell.table5()
names = shell.province_names()

cols = st.columns(4)
cols[0].metric(t("Highest index") + f", {latest}", f"{facts['top_value']:.2f}", names[facts["top_province"]],
               delta_color="off", delta_arrow="off")
cols[1].metric(t("Provinces above national parity (1.0)") + f", {latest}",
               f"{facts['above_parity']} / {facts['provinces']}")
cols[2].metric(t("Highest ÷ lowest") + f", {latest}", f"{facts['max_over_min']:.1f}×",
               f"{names[facts['bottom_province']]} {facts['bottom_value']:.2f}", delta_color="off", delta_arrow="off")
cols[3].metric(t("Fixed-effects F / Hausman (Table 5)"), f"{published.f_stat:.2f} / {published.hausman_stat:.2f}",
               f"N = {published.nobs}, R² = {published.rsquared:.2f}", delta_color="off", delta_arrow="off")
st.caption(t("Source: Liu (2026), WJARR 30(01), Tables 1 and 5."))

first_visit = not st.session_state.get("guide_seen", False)
with st.expander(t("New here? A two-minute guide"), expanded=first_visit and not shell.presenting(), icon=":material/explore:"):
    st.markdown(t("Each page answers one question. Start with the map, then ask what moves it."))
    for page in shell.PAGES[1:]:
        st.page_link(page.path, label=f"{t(page.label)} — {t(page.question)}", icon=page.icon,
                     query_params=shell.link_params(page.path) or None)
    st.markdown("**" + t("Try a policy lever (regression explorer, scenario tab):") + "**")
    lever_cols = st.columns(len(LEVER_EXAMPLES))
    for col, (lever, change, params) in zip(lever_cols, LEVER_EXAMPLES):
        with col.container(border=True):
            st.markdown(f"**{t(lever)}**")
            st.page_link("pages/regression.py", label=t(change), icon=":material/tune:",
                         query_params=[*params.items(), *shell.shared_params()])
    st.caption(t("Lever examples run on the paper-shaped demo panel (synthetic — for demonstration): wages and "
                 "R&D intensity are not in the bundled public data."))
    if st.button(t("Got it"), key="guide_done"):
        st.session_state["guide_seen"] = True
        st.rerun()

st.subheader(t("The four clusters the paper names, 2011-2023"))
shell.chart(cluster_trend_spec(shell.lang()), width="stretch")
shell.how_to_read(
    t("Each line is the mean of the published index over a cluster's provinces. Above the dashed line (1.0) the "
      "cluster's share of industrial-digitalization practitioners exceeds its share of all employed persons. "
      "The 2017 dip and jump are in the published series: 2017 is an input-output benchmark year."),
    t("Liu (2026), WJARR 30(01), Table 1; clusters as named in its conclusion."),
)
shell.url_notice()
