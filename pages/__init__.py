"""The page shell every page calls first, and the helpers pages share.

It lives here (not in ``core``) because it draws with Streamlit, and it is the
package's ``__init__`` so that Streamlit's ``pages/`` routing does not list it as
a page.  ``page_shell`` sets the page config, draws the sidebar menu with
``st.page_link``, the language and presenter toggles and the data note; the
automatic menu is hidden in ``.streamlit/config.toml`` (see README, "Why pages/
and not st.navigation").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import altair as alt
import pandas as pd
import streamlit as st

from core import datasets
from core.charts import export_png, export_svg
from core.i18n import translate

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
    PageLink("pages/policy.py", "Pilot-city policy", ":material/policy:",
             "Did the innovative-city pilot draw high-tech talent? (staggered DID)"),
    PageLink("pages/global.py", "Global talent clusters", ":material/public:",
             "How do China's clusters compare with the world's tech-talent cities?"),
)

DATA_NOTE = (
    "Embedded data, offline. Index: Liu (2026), *WJARR* 30(01), Table 1. IO tables: provincial "
    "statistics bureaus via CHNIO; national tables: NBS via ionet. Boundaries: Natural Earth "
    "(public domain), generalized by QGIS. City data: GeoNames (CC BY 4.0). Full provenance in "
    "`data/SOURCES.md`."
)


def lang() -> str:
    """The interface language of this session: ``"en"`` or ``"zh"``."""
    return "zh" if st.session_state.get("lang") == "中文" else "en"


def t(text: str) -> str:
    """A user-visible label in the session's language (English if no translation exists)."""
    return translate(text, lang())


def presenting() -> bool:
    """True in presenter mode (wide, large type, short explanations)."""
    return bool(st.session_state.get("present", False))


def page_shell(title: str, icon: str = ":material/hub:") -> None:
    """Configure the page and draw the shared sidebar; call it first on every page."""
    st.set_page_config(page_title=f"{title} · {APP_TITLE}", page_icon=icon, layout="wide")
    with st.sidebar:
        st.markdown(f"### {APP_TITLE}")
        for page in PAGES:
            st.page_link(page.path, label=t(page.label), icon=page.icon, help=page.question)
        st.divider()
        st.caption(DATA_NOTE)


def explain(markdown: str) -> None:
    """An explanatory paragraph, hidden in presenter mode."""
    if not presenting():
        st.markdown(markdown)


def how_to_read(markdown: str, sources: str) -> None:
    """The 'how to read' expander and the sources line under a chart."""
    with st.expander(t("How to read this chart")):
        st.markdown(markdown)
    st.caption(f"{t('Sources')}: {sources}")


def download_view(frame: pd.DataFrame, chart: alt.TopLevelMixin | None, name: str, *, key: str) -> None:
    """CSV of the data on screen, and PNG/SVG of the main chart rendered only when clicked."""
    cols = st.columns(3)
    cols[0].download_button(t("Download CSV"), frame.to_csv(index=False).encode("utf-8"), f"{name}.csv",
                            "text/csv", key=f"{key}_csv", on_click="ignore")
    if chart is not None:
        png: Callable[[], bytes] = lambda: export_png(chart)
        svg: Callable[[], str] = lambda: export_svg(chart)
        cols[1].download_button(t("Download PNG"), png, f"{name}.png", "image/png", key=f"{key}_png", on_click="ignore")
        cols[2].download_button(t("Download SVG"), svg, f"{name}.svg", "image/svg+xml", key=f"{key}_svg",
                                on_click="ignore")


# --- cached loaders shared by several pages (process-wide, keyed by nothing) ---------
# st.cache_data hands out copies, so one page or session cannot alter a frame for others.

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
