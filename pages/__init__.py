"""The page shell every page calls first, and the cached loaders pages share.

It lives here (not in ``core``) because it draws with Streamlit, and it is the
package's ``__init__`` so that Streamlit's ``pages/`` routing does not list it as
a page.  ``page_shell`` sets the page config, draws the sidebar menu with
``st.page_link`` and the data note; the automatic menu is hidden in
``.streamlit/config.toml`` (see README, "Why pages/ and not st.navigation").
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from core import datasets

APP_TITLE = "Digital talent explorer"


@dataclass(frozen=True)
class PageLink:
    path: str
    label: str
    icon: str
    question: str


PAGES: tuple[PageLink, ...] = (
    PageLink("streamlit_app.py", "Home", ":material/home:", "What this app answers"),
    PageLink("pages/scale.py", "Digitalization scale", ":material/account_tree:",
             "How large is industrial digitalization, and where do its workers concentrate? (IO tables)"),
    PageLink("pages/map.py", "Agglomeration map", ":material/map:",
             "Where in China do industrial-digitalization talents cluster, year by year?"),
    PageLink("pages/regression.py", "Regression explorer", ":material/query_stats:",
             "What moves the agglomeration index, and what if wages or R&D change?"),
    PageLink("pages/global.py", "Global talent clusters", ":material/public:",
             "How do China's clusters compare with the world's tech-talent cities?"),
)

DATA_NOTE = (
    "Embedded data, offline. Index: Liu (2026), *WJARR* 30(01), Table 1. IO tables: provincial "
    "statistics bureaus via CHNIO; national tables: NBS via ionet. Boundaries: Natural Earth "
    "(public domain), generalized by QGIS. City data: GeoNames (CC BY 4.0). Full provenance in "
    "`data/SOURCES.md`."
)


def page_shell(title: str, icon: str = ":material/hub:") -> None:
    """Configure the page and draw the shared sidebar; call it first on every page."""
    st.set_page_config(page_title=f"{title} · {APP_TITLE}", page_icon=icon, layout="wide")
    with st.sidebar:
        st.markdown(f"### {APP_TITLE}")
        for page in PAGES:
            st.page_link(page.path, label=page.label, icon=page.icon, help=page.question)
        st.divider()
        st.caption(DATA_NOTE)


# --- cached loaders shared by several pages (process-wide, keyed by nothing) ---------
# Frames are returned as copies by st.cache_data, so a page cannot alter them for others.

table1 = st.cache_data(show_spinner=False)(datasets.load_table1)
table1_wide = st.cache_data(show_spinner=False)(datasets.table1_wide)
table2 = st.cache_data(show_spinner=False)(datasets.load_table2)
table3 = st.cache_data(show_spinner=False)(datasets.load_table3)
table4 = st.cache_data(show_spinner=False)(datasets.load_table4)
regions = st.cache_data(show_spinner=False)(datasets.load_regions)
panel = st.cache_data(show_spinner=False)(datasets.load_panel)
china_provinces = st.cache_resource(show_spinner=False)(datasets.load_china_provinces)
world_countries = st.cache_resource(show_spinner=False)(datasets.load_world_countries)
tech_cities = st.cache_data(show_spinner=False)(datasets.load_tech_cities)
cbre_bands = st.cache_data(show_spinner=False)(datasets.load_cbre_bands)
wipo_clusters = st.cache_data(show_spinner=False)(datasets.load_wipo_clusters)
wipo_aggregates = st.cache_data(show_spinner=False)(datasets.load_wipo_aggregates)
