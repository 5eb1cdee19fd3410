"""The page shell every page calls first, and the helpers pages share.

It lives here (not in ``core``) because it draws with Streamlit, and it is the
package's ``__init__`` so that Streamlit's ``pages/`` routing does not list it as
a page.  ``page_shell`` sets the page config, draws the sidebar menu with
``st.page_link``, the language and presenter toggles and the data note; the
automatic menu is hidden in ``.streamlit/config.toml`` (see README, "Why pages/
and not st.navigation").
"""

from __future__ import annotations

import gc
import importlib
import sys
import threading
from collections.abc import Callable
from typing import Any
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import streamlit as st

from core import datasets
from core.charts import ChartLike, export_png, export_svg, records, stable_spec
from core.i18n import translate

APP_TITLE = "Digital talent explorer"
# A local file: a material-icon favicon would be fetched from a font CDN, and the app runs offline.
FAVICON = str(Path(__file__).with_name("assets") / "favicon.png")


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


# Bound widgets write the *shown* option into the URL (Streamlit 1.67), so the options are the labels
# themselves; the short codes of a hand-typed link (?lang=zh) are accepted and rewritten on arrival.
LANG_OPTIONS = {"EN": "en", "中文": "zh"}
PRESENT_ON = {"1", "true", "yes", "on"}
PRESENTER_CSS = """<style>
  .stApp, .stMarkdown p, .stCaption, label, .stMetric { font-size: 1.18rem !important; }
  h1 { font-size: 2.6rem !important; } h2 { font-size: 2.0rem !important; }
  [data-testid="stMetricValue"] { font-size: 2.6rem !important; }
  [data-testid="stMetricLabel"] p, [data-testid="stMetricDelta"] { font-size: 1.25rem !important; }
  [data-testid="stTab"] p, [data-baseweb="tab"] p { font-size: 1.25rem !important; }
  [data-testid="stDataFrame"], [data-testid="stTable"] td, [data-testid="stTable"] th { font-size: 1.18rem !important; }
  #vg-tooltip-element, #vg-tooltip-element td { font-size: 16px !important; }
  .vega-bindings, .vega-bind label, .vega-bind-name { font-size: 16px !important; }
  [data-testid="stExpander"] summary p, [data-testid="stPageLink"] p, .stButton p, .stDownloadButton p,
  [data-baseweb="select"] div, [data-testid="stWidgetLabel"] p { font-size: 1.18rem !important; }
</style>"""
# Chart text in presenter mode (Vega-Lite config, px at 1920x1080): titles, axes, legends, marks' text.
PRESENTER_FONT_PX = 16
PRESENTER_CHART_CONFIG: dict[str, Any] = {
    "title": {"fontSize": 24, "subtitleFontSize": 17},
    "axis": {"labelFontSize": 16, "titleFontSize": 18},
    "legend": {"labelFontSize": 16, "titleFontSize": 18, "symbolSize": 200, "labelLimit": 400, "titleLimit": 500},
    "header": {"labelFontSize": 16, "titleFontSize": 18},
    "text": {"fontSize": 16},
}


def _bump_fonts(node: Any) -> Any:
    """A copy of a spec's own font sizes raised to at least :data:`PRESENTER_FONT_PX` (datasets left as they are)."""
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key in ("datasets", "data", "values"):
                out[key] = value
            elif key.lower().endswith("fontsize") and isinstance(value, (int, float)) and value < PRESENTER_FONT_PX:
                out[key] = PRESENTER_FONT_PX
            else:
                out[key] = _bump_fonts(value)
        return out
    if isinstance(node, list):
        return [_bump_fonts(item) for item in node]
    return node


def presenter_config(spec: dict[str, Any], *, presenting_now: bool | None = None) -> dict[str, Any]:
    """``spec`` as drawn now: in presenter mode, with chart text at least 16 px (a config merged into the
    spec's own, and the spec's explicit font sizes raised); otherwise the spec itself.  The spec passed in (often
    a cached template) is left as it is.  Every chart the app draws goes through this."""
    if not (presenting() if presenting_now is None else presenting_now):
        return spec
    out = _bump_fonts(spec)
    config = dict(out.get("config", {}))
    for section, values in PRESENTER_CHART_CONFIG.items():
        merged = dict(config.get(section, {}))
        for name, size in values.items():
            current = merged.get(name)
            merged[name] = max(current, size) if isinstance(current, (int, float)) and "Limit" not in name else size
        config[section] = merged
    out["config"] = config
    return out


def lang() -> str:
    """The interface language of this session: ``"en"`` or ``"zh"``."""
    # Before the toggle exists in this run (first run of a shared link), the URL decides.
    chosen = st.session_state["lang"] if "lang" in st.session_state else st.query_params.get("lang")
    return "zh" if chosen in ("中文", "zh") else "en"


def t(text: str) -> str:
    """A user-visible label in the session's language (English if no translation exists)."""
    return translate(text, lang())


def presenting() -> bool:
    """True in presenter mode (wide, large type, sidebar collapsed, short explanations)."""
    if "present" not in st.session_state:
        # First run of the session: the URL decides (``?present=1``).
        st.session_state["present"] = str(st.query_params.get("present", "")).lower() in PRESENT_ON
        st.session_state["_present"] = st.session_state["present"]
    return bool(st.session_state["present"])


# The language control is kept in the URL by the shell (like presenter mode), not bound to it: a bound widget
# drawn on every page lost its parameter on some page switches (Home → /scale), while the session kept the
# language, so a share link from there opened in English.
LANG_FROM_URL = {"en": "EN", "EN": "EN", "zh": "中文", "中文": "中文"}


def _sync_lang() -> None:
    if st.session_state.get("lang") == "中文":
        if st.query_params.get_all("lang") != ["中文"]:
            st.query_params["lang"] = "中文"
    elif "lang" in st.query_params:
        st.query_params.pop("lang", None)


def _sync_present() -> None:
    st.session_state["_present"] = bool(st.session_state.get("present"))
    if st.session_state["_present"]:
        st.query_params["present"] = "1"
    else:
        st.query_params.pop("present", None)


# --- each page's own link state ------------------------------------------------------------------------
# A widget's key is its URL parameter, and every key is unique across the app (TEAM rule; the test in
# tests/pages/test_widget_keys.py fails on a duplicate), so a page's parameters never mean anything to another
# page.  Streamlit forgets a page's widget values when the visitor leaves it; the shell keeps each page's last
# query string instead (``remember_view``, at the end of every run and fragment run), and the sidebar links
# carry it back, plus the two settings shared on purpose: ``lang`` and ``present``.

SHARED_PARAMS = ("lang", "present")
_VIEWS = "_page_views"  # session_state: page path -> [(param, value), ...] of its last run
_PAGE = "_page_path"  # session_state: the path of the page of this run


def page_path(title: str) -> str:
    """The script path of the page titled ``title`` (a label of :data:`PAGES`)."""
    return next((page.path for page in PAGES if page.label == title), "streamlit_app.py")


def own_params() -> list[tuple[str, str]]:
    """This page's query parameters now, without the shared ones."""
    return [(key, value) for key in st.query_params if key not in SHARED_PARAMS
            for value in st.query_params.get_all(key)]


def remember_view() -> None:
    """Keep this page's query string so that a link back to it restores the view (cheap; call at a run's end)."""
    path = st.session_state.get(_PAGE)
    if path:
        st.session_state.setdefault(_VIEWS, {})[path] = own_params()


def shared_params() -> list[tuple[str, str]]:
    """The settings every link carries: the language (when not English) and presenter mode (when on)."""
    params = []
    if lang() == "zh":
        params.append(("lang", next(label for label, code in LANG_OPTIONS.items() if code == "zh")))
    if presenting():
        params.append(("present", "1"))
    return params


def link_params(path: str) -> list[tuple[str, str]]:
    """What a link to ``path`` carries: that page's own last query string, and ``lang``/``present``."""
    own = own_params() if path == st.session_state.get(_PAGE) else st.session_state.get(_VIEWS, {}).get(path, [])
    return [*own, *shared_params()]


def fragment(func: Callable[..., Any] | None = None, **kwargs: Any) -> Any:
    """``st.fragment`` that also remembers the page's query string after each fragment run.

    A fragment's rerun changes the link (its widgets are bound to the URL) without a full run of the page, so
    without this a link back to the page would carry the query string of its last full run.
    """
    import functools

    def wrap(body: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(body)
        def run(*args: Any, **kw: Any) -> Any:
            try:
                return body(*args, **kw)
            finally:
                remember_view()

        return st.fragment(run, **kwargs)

    return wrap(func) if func is not None else wrap


def rename_params(path: str, renamed: dict[str, str]) -> None:
    """Reopen a link whose parameters a widget cannot read as they are, under the names and values it reads.

    ``renamed`` maps a page's old parameter names (before every key was made unique) to the new ones.  A widget
    reads its value from the query string the run started with, so the page is reopened once
    (``st.switch_page``, which also rewrites the address bar) rather than patched during the run.
    """
    if not any(old in st.query_params for old in renamed):
        return
    params = [(renamed.get(key, key), value) for key in st.query_params
              if not (key in renamed and renamed[key] in st.query_params) for value in st.query_params.get_all(key)]
    st.switch_page(path, query_params=params)


def page_shell(title: str, icon: str = ":material/hub:", *, renamed: dict[str, str] | None = None) -> None:
    """Configure the page and draw the shared sidebar; call it first on every page.

    ``icon`` is the page's material icon, used in the menu (the browser tab shows the app's own favicon).
    ``renamed`` maps old parameter names of this page to their current ones (old links keep working).

    Also remembers the query string the run started with, so :func:`url_notice`
    can tell the visitor which link values were invalid and ignored.  Each sidebar link carries its page's
    last query string and the shared ``lang`` and ``present`` (:func:`link_params`).
    """
    st.session_state[_PAGE] = page_path(title)
    st.session_state["_left_out"] = []
    rename_params(page_path(title), renamed or {})
    if "present" in st.query_params:  # a link (or a sidebar link) says presenter mode: it wins
        st.session_state["_present"] = str(st.query_params.get("present", "")).lower() in PRESENT_ON
        st.session_state["present"] = st.session_state["_present"]
    elif "_present" in st.session_state and "present" not in st.session_state:
        st.session_state["present"] = st.session_state["_present"]  # the toggle was forgotten with its page
    if "lang" in st.query_params:  # a link says the language (a label or a short code); an invalid one is ignored
        chosen = LANG_FROM_URL.get(str(st.query_params.get("lang")))
        if chosen:
            st.session_state["lang"] = chosen
    st.session_state.setdefault("lang", "EN")
    present = presenting()
    if present and "present" not in st.query_params:
        st.query_params["present"] = "1"
    st.set_page_config(page_title=f"{t(title)} · {t(APP_TITLE)}", page_icon=FAVICON, layout="wide",
                       initial_sidebar_state="collapsed" if present else "auto")
    st.session_state["_url_at_start"] = {key: st.query_params.get_all(key) for key in st.query_params}
    if present:
        st.html(PRESENTER_CSS)
    with st.sidebar:
        st.markdown(f"### {t(APP_TITLE)}")
        for page in PAGES:
            st.page_link(page.path, label=t(page.label), icon=page.icon, help=t(page.question),
                         query_params=link_params(page.path) or None)
        st.divider()
        st.segmented_control(t("Language"), list(LANG_OPTIONS), key="lang", required=True, on_change=_sync_lang)
        _sync_lang()
        st.toggle(t("Presenter mode"), key="present", on_change=_sync_present,
                  help=t("Wide layout, larger type, short explanations. Also `?present=1` in the link."))
        st.caption(t(DATA_NOTE))


def share_url() -> str:
    """The link that reproduces this view: the page's address with the current query string."""
    from urllib.parse import urlencode, urlsplit

    base = urlsplit(st.context.url or "")
    address = f"{base.scheme}://{base.netloc}{base.path}" if base.netloc else (base.path or "/")
    query = urlencode([(key, value) for key in st.query_params for value in st.query_params.get_all(key)])
    return f"{address}?{query}" if query else address


def not_in_link(note: str) -> None:
    """Say that something the view depends on is not in its share link (an upload, an edited table...).

    Call it during the run, before :func:`url_notice`; the share popover lists every note of the run.
    """
    st.session_state.setdefault("_left_out", []).append(note)


def url_notice() -> None:
    """Call last on a page: the 'share this view' link, and a notice naming invalid link values.

    Streamlit drops invalid values of widgets bound to the URL; comparing the
    query string at the start of the run with the one at the end tells which.
    """
    start = st.session_state.get("_url_at_start", {})
    ignored = []
    for key, values in start.items():
        if key == "present" or st.query_params.get_all(key) == values:
            continue
        if key == "lang" and values and values[-1] in LANG_FROM_URL:
            continue  # a short code or the default, applied by page_shell
        shown = ",".join(values)
        ignored.append(f"{key[:20]}={shown[:24]}{'…' if len(shown) > 24 else ''}")
    # Built when opened (opening reruns the page), so a section rerun as a fragment never leaves a stale link.
    share = st.sidebar.popover(t("Share this view"), icon=":material/link:", key="share_open", on_change="rerun")
    if share.open:
        left_out = list(dict.fromkeys(st.session_state.get("_left_out", [])))
        if left_out:
            share.caption(t("Copy this link: it opens the page with the settings you chose, except:"))
            share.markdown("\n".join(f"- {note}" for note in left_out))
        else:
            share.caption(t("Copy this link: it opens the page with every setting you chose."))
        share.code(share_url(), language=None, wrap_lines=True)
    remember_view()
    settle_heap()
    if ignored:
        st.toast(t("Ignored invalid link value(s): {values} — defaults used.").format(values="; ".join(ignored[:4])), icon=":material/link_off:")


# --- the collector and the heap --------------------------------------------------------------------------
# This app's heap is large (pandas, scipy, linearmodels, esda, pyfixest: about a million objects), and
# Python's collector walks all of it in every full (generation-2) collection: about 150 ms holding the GIL,
# which struck a slider move every ten or so on the map (measured with gc.callbacks). Objects that exist once
# the imports are done are modules, functions and classes that live as long as the process, so they are
# frozen (gc.freeze) and full collections walk only what came after. A freeze follows each run that brought
# new modules (a first visit to a page), a second after that run so that its messages go out first.

_frozen_modules = 0  # len(sys.modules) at the last freeze; process-wide housekeeping, no session data
_freeze_lock = threading.Lock()


def settle_heap(delay_s: float = 1.0) -> None:
    """Schedule a collection and ``gc.freeze()`` if modules were imported since the last one (cheap otherwise)."""
    global _frozen_modules
    if len(sys.modules) == _frozen_modules:
        return
    with _freeze_lock:
        if len(sys.modules) == _frozen_modules:
            return
        _frozen_modules = len(sys.modules)
        timer = threading.Timer(delay_s, _collect_and_freeze)
        timer.daemon = True
        timer.start()


def _collect_and_freeze() -> None:
    gc.collect()  # what is garbage now is freed, not frozen
    gc.freeze()


def explain(markdown: str) -> None:
    """An explanatory paragraph, hidden in presenter mode."""
    if not presenting():
        st.markdown(markdown)


def how_to_read(markdown: str, sources: str) -> None:
    """The 'how to read' expander and the sources line under a chart."""
    with st.expander(t("How to read this chart")):
        st.markdown(markdown)
    st.caption(f"{t('Sources')}: {sources}")


def csv_button(frame: pd.DataFrame, name: str, *, key: str, label: str = "Download CSV", container: Any = None) -> None:
    """A CSV download of ``frame``, encoded only when clicked (not on every rerun)."""
    data: Callable[[], bytes] = lambda: frame.to_csv(index=False).encode("utf-8")
    (container or st).download_button(t(label), data, f"{name}.csv", "text/csv", key=key, on_click="ignore")


def download_view(frame: pd.DataFrame, chart: ChartLike | Callable[[], ChartLike] | None, name: str, *,
                  key: str) -> None:
    """CSV of the data on screen, and PNG/SVG of the main chart, rendered only when clicked.

    ``chart`` is an Altair chart, a spec dict, or a function returning one (called on click: e.g. the chart
    with a subtitle the screen leaves out, such as the year the slider shows).
    """
    row = st.container(horizontal=True)  # one block, not three columns: fewer elements to redraw per rerun
    csv_button(frame, name, key=f"{key}_csv", container=row)
    if chart is not None:
        exported: Callable[[], ChartLike] = chart if callable(chart) else (lambda: chart)
        png: Callable[[], bytes] = lambda: export_png(exported())
        svg: Callable[[], str] = lambda: export_svg(exported())
        row.download_button(t("Download PNG"), png, f"{name}.png", "image/png", key=f"{key}_png", on_click="ignore")
        row.download_button(t("Download SVG"), svg, f"{name}.svg", "image/svg+xml", key=f"{key}_svg",
                            on_click="ignore")


def province_names() -> dict[str, str]:
    """English province name -> the name to show in the session's language."""
    regions_frame = regions()
    column = "province_zh" if lang() == "zh" else "province"
    return dict(zip(regions_frame.province, regions_frame[column]))


@st.cache_data(show_spinner=False, max_entries=512)
def _chart_spec(module: str, name: str, args: tuple, kwargs: tuple) -> dict:
    builder = getattr(importlib.import_module(module), name)
    return stable_spec(builder(*args, **dict(kwargs)).to_dict())


def altair(builder: Callable[..., Any], *args: Any, key: str | None = None, width: Any = None,
           container: Any = None, **kwargs: Any) -> dict:
    """Draw the chart a ``core.charts`` builder makes, from a spec cached by the builder's inputs.

    Building an Altair chart validates it against the Vega-Lite schema, which
    costs 50-300 ms per chart on every rerun; the cached dict skips that when the
    inputs have not changed.  Its datasets are named by position
    (:func:`core.charts.stable_spec`), so new rows under the same encodings update
    the drawn chart in place.  Returns the spec (for ``download_view``).
    """
    spec = _chart_spec(builder.__module__, builder.__qualname__, args, tuple(sorted(kwargs.items())))
    (container or st).vega_lite_chart(presenter_config(spec), key=key, width=width)
    return spec


@dataclass(frozen=True)
class ChartRows:
    """A chart's named datasets twice: as Arrow IPC bytes, which ``st.vega_lite_chart`` sends as they are (no
    conversion on each rerun), and as JSON records for the PNG/SVG export, which needs a self-contained spec.

    Cached functions return it (``st.cache_data`` pickles it; it lives here because classes defined in a page
    script cannot be pickled).
    """

    arrow: dict[str, bytes]
    records: dict[str, list[dict[str, Any]]]

    @classmethod
    def of(cls, frames: dict[str, pd.DataFrame]) -> "ChartRows":
        from streamlit import dataframe_util  # the conversion st.vega_lite_chart applies to a DataFrame

        return cls({name: dataframe_util.convert_anything_to_arrow_bytes(frame) for name, frame in frames.items()},
                   {name: records(frame) for name, frame in frames.items()})


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
