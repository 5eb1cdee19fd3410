"""Global talent clusters (/global): the bundled cluster tables."""

import streamlit as st

import pages as shell

shell.page_shell("Global talent clusters", ":material/public:")
st.title("Global talent clusters")
st.subheader("CBRE Global Tech Talent Guidebook 2025: tech-talent bands (2023)")
st.dataframe(shell.cbre_bands(), hide_index=True)
st.subheader("WIPO Global Innovation Index 2025: top innovation clusters")
st.dataframe(shell.wipo_clusters(), hide_index=True)
