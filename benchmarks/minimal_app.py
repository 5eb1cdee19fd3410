"""The reference app every timing is compared with: one slider, one small Altair chart."""

import altair as alt
import pandas as pd
import streamlit as st

n = st.slider("Points", 5, 50, 20, key="n")
frame = pd.DataFrame({"x": range(n), "y": [i * i % 17 for i in range(n)]})
st.altair_chart(alt.Chart(frame).mark_line(point=True).encode(x="x:Q", y="y:Q"), width="stretch")
