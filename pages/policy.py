"""Pilot-city policy (/policy): the bundled innovative-city and Broadband-China pilot lists."""

import streamlit as st

import pages as shell

shell.page_shell("Pilot-city policy", ":material/policy:")
st.title("Innovative-city pilot policy")
lists = shell.pilot_lists()
policy = st.selectbox("Policy", sorted(lists.policy.unique()), key="policy")
st.dataframe(lists[lists.policy == policy], hide_index=True)
