"""Regression explorer (/regression): the bundled panel and one fixed-effects fit."""

import streamlit as st

import pages as shell
from core import panel

shell.page_shell("Regression explorer", ":material/query_stats:")
st.title("Regression explorer")

data = panel.public_panel(shell.table1(), shell.panel())
choices = list(panel.PUBLIC_VARIABLES)
regressors = st.multiselect("Regressors", choices, default=["lnpcgdp", "estr", "pdl", "med"], key="regressors",
                            format_func=lambda s: f"{s} — {panel.PUBLIC_VARIABLES[s][2]}")
if not regressors:
    st.info("Choose at least one regressor.")
else:
    result = panel.fit_fixed_effects(data, "idt", regressors)
    st.subheader("Entity fixed effects: idt on the chosen public regressors")
    st.dataframe(result.params.to_frame("coefficient").join(result.std_errors.rename("std. error")))
    st.caption(f"N = {result.nobs}, within R² = {result.rsquared:.3f}")
st.subheader("Bundled panel (public data)")
st.dataframe(data.reset_index(), hide_index=True)
