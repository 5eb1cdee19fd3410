"""The page shell every page calls first: page config, the sidebar menu (from :data:`ui.pages_list.PAGES`),
the language and presenter toggles, each page's link state, the share popover and the invalid-link notice.

The automatic page menu is hidden in ``.streamlit/config.toml`` (see README, "Why pages/ and not
st.navigation").
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import streamlit as st

from ui.heap import settle_heap
from ui.pages_list import PAGES
from ui.text import LANG_OPTIONS, PRESENT_ON, lang, presenting, t

__all__ = ["APP_TITLE", "FAVICON", "DATA_NOTE", "PRESENTER_CSS", "LANG_FROM_URL", "SHARED_PARAMS", "page_path",
           "own_params", "remember_view", "shared_params", "link_params", "fragment", "rename_params", "page_shell",
           "share_url", "not_in_link", "url_notice"]

APP_TITLE = "Digital talent explorer"
# A local file: a material-icon favicon would be fetched from a font CDN, and the app runs offline.
FAVICON = str(Path(__file__).parents[1] / "pages" / "assets" / "favicon.png")

DATA_NOTE = (
    "Embedded data, offline. Index: Liu (2026), *WJARR* 30(01), Table 1. IO tables: provincial "
    "statistics bureaus via CHNIO; national tables: NBS via ionet. Boundaries: Natural Earth "
    "(public domain), generalized by QGIS. City data: GeoNames (CC BY 4.0). Full provenance in "
    "`data/SOURCES.md`."
)

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


def _option_shown(option: str) -> str:
    """The language option as shown, with a leading space when it is not ASCII ("中文").

    Streamlit looks for a leading emoji in every option whose first word is not ASCII, which loads its emoji
    catalogue (a module of about 4,000 emoji and one large regular expression, 0.2-0.3 s of a cold start, on
    every page since this control is in the shell).  Its first word is then empty, so nothing is looked up; the
    option is drawn as Markdown, which drops the leading space, so the visitor sees the same "中文".
    """
    return option if option.isascii() else f" {option}"


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
        st.segmented_control(t("Language"), list(LANG_OPTIONS), key="lang", required=True, on_change=_sync_lang,
                             format_func=_option_shown)
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

def _holds(value: Any, link_values: list[str]) -> bool:
    """Whether a widget's value is what a link's values for it say (``True`` and ``"true"``, ``25`` and
    ``"25"``, ``(2011, 2023)`` and ``["2011", "2023"]``)."""
    shown = list(value) if isinstance(value, (list, tuple)) else [value]
    if len(shown) != len(link_values):
        return False
    for item, text in zip(shown, link_values):
        text = str(text).strip()
        if isinstance(item, bool):
            if text.lower() != str(item).lower():
                return False
        elif isinstance(item, (int, float)):
            try:
                if float(text) != float(item):
                    return False
            except ValueError:
                return False
        elif str(item) != text:
            return False
    return True


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
        if key not in st.query_params and key in st.session_state and _holds(st.session_state[key], values):
            continue  # the widget took the value; Streamlit leaves a widget's default out of the URL
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
        st.toast(t("Ignored invalid link value(s): {values} — defaults used.").format(values="; ".join(ignored[:4])),
                 icon=":material/link_off:")
