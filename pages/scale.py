"""Digitalization scale (/scale): the published index table for a chosen year."""

import altair as alt
import streamlit as st

import pages as shell
from core import agglomeration, datasets

shell.page_shell("Digitalization scale", ":material/account_tree:")
st.title("Digitalization scale and the agglomeration index")
st.markdown("The agglomeration index of industrial-digitalization talents (eq. 9 of the paper) as published in Table 1.")

year = st.select_slider("Year", options=list(datasets.PAPER_YEARS), value=datasets.LAST_YEAR, key="year")
ranked = agglomeration.year_ranking(shell.table1(), year)
chart = (
    alt.Chart(ranked, title=f"Agglomeration index {year} (published Table 1)")
    .mark_bar()
    .encode(
        x=alt.X("idt:Q", title="Agglomeration index (1 = national parity)"),
        y=alt.Y("province:N", sort="-x", title=None),
        color=alt.condition(alt.datum.idt > 1, alt.value("#1f5f8b"), alt.value("#9bb7cc")),
        tooltip=["province", alt.Tooltip("idt:Q", format=".2f"), "rank"],
    )
)
st.altair_chart(chart, width="stretch")
st.dataframe(ranked, hide_index=True)
