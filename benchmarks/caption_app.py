"""The floor of a cold page's first feedback: an app whose only line is a worded caption (no imports but Streamlit)."""

import streamlit as st

st.caption("Loading…")
