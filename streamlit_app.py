"""Home page (/): what the explorer answers, headline numbers, a door to each page."""

import altair as alt
import streamlit as st

import pages as shell
from core import agglomeration, datasets

shell.page_shell("Home", ":material/home:")

st.title("Where does digital talent cluster in China — and why?")
st.markdown(
    "This explorer rebuilds the agglomeration index of **industrial-digitalization talents** "
    "(Liu 2026, *WJARR* 30(01)) from China's input-output tables, maps it across provinces, "
    "tests what drives it, and sets China's clusters beside the world's tech-talent cities. "
    "Everything runs on the embedded public data, offline."
)

table1 = shell.table1()
latest = datasets.LAST_YEAR
facts = agglomeration.headline(table1, latest)
published = datasets.load_table5()

cols = st.columns(4)
cols[0].metric(f"Highest index, {latest}", f"{facts['top_value']:.2f}", facts["top_province"], delta_color="off", delta_arrow="off")
cols[1].metric(f"Provinces above national parity (1.0), {latest}", f"{facts['above_parity']} of {facts['provinces']}")
cols[2].metric(f"Highest ÷ lowest, {latest}", f"{facts['max_over_min']:.1f}×",
               f"{facts['bottom_province']} {facts['bottom_value']:.2f}", delta_color="off", delta_arrow="off")
cols[3].metric("Fixed-effects F / Hausman (Table 5)", f"{published.f_stat:.2f} / {published.hausman_stat:.2f}",
               f"N = {published.nobs}, R² = {published.rsquared:.2f}", delta_color="off", delta_arrow="off")
st.caption(f"Source: {shell.DATA_NOTE}")

st.subheader("Pages")
for page in shell.PAGES[1:]:
    with st.container(border=True):
        st.page_link(page.path, label=page.label, icon=page.icon)
        st.caption(page.question)

st.subheader("The four clusters the paper names, 2011-2023")
clusters = agglomeration.group_means(table1, shell.regions(), by="cluster")
trend = (
    alt.Chart(clusters)
    .mark_line(point=True)
    .encode(
        x=alt.X("year:O", title=None),
        y=alt.Y("mean_idt:Q", title="Mean agglomeration index", scale=alt.Scale(zero=False)),
        color=alt.Color("group:N", title="Cluster"),
        tooltip=["group", "year", alt.Tooltip("mean_idt:Q", format=".2f"), "provinces"],
    )
    .properties(height=260)
)
rule = alt.Chart().mark_rule(strokeDash=[4, 4], color="grey").encode(y=alt.datum(1.0))
st.altair_chart(trend + rule, width="stretch")
st.caption("Mean of the published index over each cluster's provinces; the dashed line is national parity (1.0). "
           "The 2017 dip and jump is in the published series (2017 is an IO benchmark year).")
shell.url_notice()
