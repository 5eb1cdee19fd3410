"""Agglomeration map (/map): a choropleth of the published index for a chosen year."""

import altair as alt
import streamlit as st

import pages as shell
from core import datasets

shell.page_shell("Agglomeration map", ":material/map:")
st.title("Agglomeration map")

year = st.slider("Year", min_value=datasets.FIRST_YEAR, max_value=datasets.LAST_YEAR, value=datasets.LAST_YEAR, key="year")
values = shell.table1().query("year == @year")
features = shell.china_provinces()["features"]
chart = (
    alt.Chart(alt.Data(values=features), title=f"Agglomeration index {year} (published Table 1)")
    .mark_geoshape(stroke="white", strokeWidth=0.5)
    .transform_lookup(lookup="properties.name", from_=alt.LookupData(values, "province", ["idt"]))
    .encode(
        color=alt.Color("idt:Q", scale=alt.Scale(scheme="blues", domain=[0.3, 2.7]), title="Index"),
        tooltip=[alt.Tooltip("properties.name:N", title="Province"), alt.Tooltip("idt:Q", format=".2f")],
    )
    .project("mercator")
    .properties(height=520)
)
st.altair_chart(chart, width="stretch")
st.caption("Boundaries are illustrative. Natural Earth (public domain), generalized by QGIS. Grey: no data "
           "(Tibet, Taiwan, Hong Kong, Macao are outside the paper's 30 provinces).")
