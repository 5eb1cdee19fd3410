"""Widgets whose link keeps stable English codes while the screen shows words in the session's language.

Streamlit 1.67's ``bind="query-params"`` writes a widget's *shown* option into the URL, so translated
labels would make a link depend on the language it was copied in.  These widgets are not bound: the value
is seeded from the URL on arrival (a code, or an option's label in either language, as older links carry)
and written back as the code after the widget is drawn; a value equal to the default leaves the URL.
Widgets with plain numbers (years, weights, tolerances) stay bound the usual way.

Part of the UI layer (``ui/``); also importable as ``pages.coded``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import streamlit as st

from core.i18n import LANGUAGES, translate

Words = Mapping[str, str] | Callable[[str], str]


def _shown(words: Words, lang: str, codes: Sequence[str] = ()) -> Callable[[str], str]:
    """The format function of a widget: the words of each option, fixed when the widget is drawn (Streamlit may
    format a value outside the script run, where the session's language is not known)."""
    fmt = words if callable(words) else (lambda code: translate(words.get(code, code), lang))
    labels = {code: fmt(code) for code in codes}
    return lambda code: labels[code] if code in labels else fmt(code)


def _lookup(codes: Sequence[str], words: Words, aliases: Callable[[str], Iterable[str]] | None) -> dict[str, str]:
    """Every text a link may carry for an option (its code, its English and Chinese words) -> the code."""
    table: dict[str, str] = {}
    for code in codes:
        table[str(code)] = code
    for code in codes:
        names = [words(code)] if callable(words) else [translate(words.get(code, code), lang) for lang in LANGUAGES]
        for name in [*names, *(aliases(code) if aliases else [])]:
            table.setdefault(name, code)
    return table


def seed(key: str, codes: Sequence[str], default: Any, words: Words, *, multi: bool = False,
         aliases: Callable[[str], Iterable[str]] | None = None) -> None:
    """Before the widget: put the link's value (or ``default``) into the session if the widget has none."""
    if key in st.session_state:
        current = st.session_state[key]
        valid = all(v in codes for v in current) if multi else current in codes
        if valid:
            return
    lookup = _lookup(codes, words, aliases)
    raw = st.query_params.get_all(key)
    if multi:
        found = [lookup[v] for v in raw if v in lookup]
        value = [] if raw == [""] else (list(dict.fromkeys(found)) if found else list(default))
    else:
        found = [lookup[v] for v in raw if v in lookup]
        value = found[0] if found else default
    st.session_state[key] = value


def sync(key: str, value: Any, default: Any, *, multi: bool = False,
         known: Mapping[str, str] | Callable[[], Mapping[str, str]] | None = None) -> None:
    """After the widget: the code (codes) into the URL, or nothing when the value is the default.

    A link value this rewrites because the visitor chose another option (or because it was an option's words
    rather than its code, ``known``) is not an invalid link value: the shell's notice of ignored link values
    (``pages.url_notice``, which compares the URL at the start and the end of the run) is told so.  Values that
    are no option at all are left for that notice to report.  ``known`` may be a function returning it: it is
    only needed when the URL changes, and building it (every option's words in both languages, and aliases)
    is most of what a widget of 31 provinces costs a rerun.
    """
    raw = st.query_params.get_all(key)
    is_default = (list(value) == list(default)) if multi else value == default
    wanted = [] if is_default else (([str(v) for v in value] or [""]) if multi else [str(value)])
    if raw == wanted:
        return
    if wanted:
        st.query_params[key] = wanted if multi else wanted[0]
    else:
        del st.query_params[key]
    if callable(known):
        known = known()
    valid = all(v in (known or {}) or v == "" for v in raw)
    start = st.session_state.get("_url_at_start")
    if valid and isinstance(start, dict) and key in start:
        if wanted:
            start[key] = wanted
        else:
            start.pop(key)


def _lang() -> str:
    from ui.text import lang

    return lang()


def _one_of(widget: str, label: str, codes: Sequence[str], *, key: str, words: Words, default: str | None,
            container: Any, aliases: Callable[[str], Iterable[str]] | None, **kwargs: Any) -> Any:
    """A single-choice widget ``st.<widget>`` over ``codes`` showing ``words``, seeded from and synced to the link."""
    default = codes[0] if default is None else default
    seed(key, codes, default, words, aliases=aliases)
    draw = getattr(container or st, widget)
    value = draw(label, list(codes), format_func=_shown(words, _lang(), codes), key=key, **kwargs)
    value = default if value is None else value  # a segmented control can read None; the others always hold one
    sync(key, value, default, known=lambda: _lookup(codes, words, aliases))
    return value


def selectbox(label: str, codes: Sequence[str], *, key: str, words: Words, default: str | None = None,
              container: Any = None, aliases: Callable[[str], Iterable[str]] | None = None, **kwargs: Any) -> str:
    """``st.selectbox`` over ``codes`` showing ``words`` (English, translated here, or a function)."""
    return _one_of("selectbox", label, codes, key=key, words=words, default=default, container=container,
                   aliases=aliases, **kwargs)


def radio(label: str, codes: Sequence[str], *, key: str, words: Words, default: str | None = None,
          container: Any = None, aliases: Callable[[str], Iterable[str]] | None = None, **kwargs: Any) -> str:
    """``st.radio`` over ``codes`` showing ``words``."""
    return _one_of("radio", label, codes, key=key, words=words, default=default, container=container,
                   aliases=aliases, **kwargs)


def multiselect(label: str, codes: Sequence[str], *, key: str, words: Words, default: Sequence[str],
                container: Any = None, aliases: Callable[[str], Iterable[str]] | None = None,
                **kwargs: Any) -> list[str]:
    """``st.multiselect`` over ``codes`` showing ``words``; an emptied choice is kept in the link as ``key=``."""
    seed(key, codes, list(default), words, multi=True, aliases=aliases)
    kwargs.setdefault("placeholder", translate("Choose options", _lang()))  # else Streamlit's English default
    value = (container or st).multiselect(label, list(codes), format_func=_shown(words, _lang(), codes), key=key, **kwargs)
    sync(key, value, list(default), multi=True, known=lambda: _lookup(codes, words, aliases))
    return value


def tabs(words: Mapping[str, str], *, key: str, default: str | None = None) -> tuple[dict[str, Any], str]:
    """``st.tabs`` named by code; only the open one should be computed.  Returns the containers by code and
    the open tab's code.  The session holds the tab's shown label (Streamlit's tabs know no codes), so a label
    left from the other language is turned into this language's."""
    lang = _lang()
    codes = list(words)
    default = codes[0] if default is None else default
    shown = {code: translate(words[code], lang) for code in codes}
    by_label = _lookup(codes, words, None)
    current = st.session_state.get(key)
    code = by_label.get(current) if current is not None else None
    if code is None:
        raw = st.query_params.get_all(key)
        code = next((by_label[v] for v in raw if v in by_label), default)
    if current != shown[code]:
        st.session_state[key] = shown[code]
    containers = st.tabs([shown[c] for c in codes], key=key, on_change="rerun")
    by_code = dict(zip(codes, containers))
    open_code = next((c for c, tab in by_code.items() if tab.open), default)
    sync(key, open_code, default, known=by_label)
    return by_code, open_code


def segmented_control(label: str, codes: Sequence[str], *, key: str, words: Words, default: str | None = None,
                      container: Any = None, aliases: Callable[[str], Iterable[str]] | None = None,
                      **kwargs: Any) -> str:
    """``st.segmented_control`` (one choice, required) over ``codes`` showing ``words``."""
    return _one_of("segmented_control", label, codes, key=key, words=words, default=default, container=container,
                   aliases=aliases, required=True, **kwargs)
