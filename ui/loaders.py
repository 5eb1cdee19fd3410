"""Cached loaders of the bundled datasets, shared by the pages (``core.datasets`` does the loading)."""

from __future__ import annotations

import streamlit as st

from core import datasets
from ui.text import lang

__all__ = ["table1", "table1_wide", "table2", "table3", "table4", "table5", "regions", "panel", "io_tables", "pilot_lists", "china_provinces", "world_countries", "tech_cities", "cbre_bands", "wipo_clusters", "wipo_aggregates", "province_names", "frame_digest", "cache_data"]

table1 = st.cache_data(show_spinner=False)(datasets.load_table1)
table1_wide = st.cache_data(show_spinner=False)(datasets.table1_wide)
table2 = st.cache_data(show_spinner=False)(datasets.load_table2)
table3 = st.cache_data(show_spinner=False)(datasets.load_table3)
table4 = st.cache_data(show_spinner=False)(datasets.load_table4)
table5 = st.cache_data(show_spinner=False)(datasets.load_table5)
regions = st.cache_data(show_spinner=False)(datasets.load_regions)
panel = st.cache_data(show_spinner=False)(datasets.load_panel)
io_tables = st.cache_data(show_spinner=False)(datasets.load_io_tables)
pilot_lists = st.cache_data(show_spinner=False)(datasets.load_pilot_lists)
china_provinces = st.cache_resource(show_spinner=False)(datasets.load_china_provinces)
world_countries = st.cache_resource(show_spinner=False)(datasets.load_world_countries)
tech_cities = st.cache_data(show_spinner=False)(datasets.load_tech_cities)
cbre_bands = st.cache_data(show_spinner=False)(datasets.load_cbre_bands)
wipo_clusters = st.cache_data(show_spinner=False)(datasets.load_wipo_clusters)
wipo_aggregates = st.cache_data(show_spinner=False)(datasets.load_wipo_aggregates)


def province_names(language: str | None = None) -> dict[str, str]:
    """English province name -> the name to show in the session's language (or in ``language``)."""
    regions_frame = regions()
    column = "province_zh" if (lang() if language is None else language) == "zh" else "province"
    return dict(zip(regions_frame.province, regions_frame[column]))


def frame_digest(frame: "pd.DataFrame | pd.Series") -> bytes:
    """A cache-key digest of a frame's whole content (its pickle): for ``st.cache_data(hash_funcs=FRAME_HASH)``.

    Streamlit's own hasher takes 5-21 ms for a small frame with Arrow-backed strings (pandas 3), on every call
    of a cached function, so on every rerun; this takes well under a millisecond.  Equal frames built
    differently may pickle differently: that costs a recomputation, never a wrong result.
    """
    import hashlib
    import pickle

    return hashlib.blake2b(pickle.dumps(frame, protocol=pickle.HIGHEST_PROTOCOL), digest_size=20).digest()


def cache_data(func=None, **kwargs):
    """``st.cache_data`` whose DataFrame and Series arguments are hashed by :func:`frame_digest`."""
    import pandas as pd

    hash_funcs = {pd.DataFrame: frame_digest, pd.Series: frame_digest, **kwargs.pop("hash_funcs", {})}
    decorator = st.cache_data(hash_funcs=hash_funcs, **kwargs)
    return decorator(func) if func is not None else decorator
