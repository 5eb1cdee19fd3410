"""Text in the session's language: the language and presenter mode of this session, ``t``, ``said`` (a message of
``core`` in the session's language) and the two explanation helpers every page uses (``explain``, ``how_to_read``).
Translations live in ``core.i18n``."""

from __future__ import annotations

import string
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import streamlit as st

from core.errors import fill
from core.i18n import translate

__all__ = ["LANG_OPTIONS", "PRESENT_ON", "lang", "in_language", "t", "said", "presenting", "explain", "how_to_read"]


# Bound widgets write the *shown* option into the URL (Streamlit 1.67), so the options are the labels
# themselves; the short codes of a hand-typed link (?lang=zh) are accepted and rewritten on arrival.
LANG_OPTIONS = {"EN": "en", "中文": "zh"}

PRESENT_ON = {"1", "true", "yes", "on"}


# A language set for this thread by in_language: a download built on click runs in a worker thread of the server,
# outside the session's script run, where the session's state cannot be read.
_pinned = threading.local()


@contextmanager
def in_language(code: str) -> Iterator[None]:
    """Within the block, :func:`lang` (so ``t``) answers ``code`` in this thread, whatever the session says."""
    previous = getattr(_pinned, "lang", None)
    _pinned.lang = code
    try:
        yield
    finally:
        _pinned.lang = previous


def lang() -> str:
    """The interface language of this session: ``"en"`` or ``"zh"``."""
    pinned = getattr(_pinned, "lang", None)
    if pinned is not None:
        return pinned
    # Before the toggle exists in this run (first run of a shared link), the URL decides.
    # One look-up, not a membership test and a read: t() asks for the language 300-500 times a rerun.
    chosen = st.session_state.get("lang")
    if chosen is None:
        chosen = st.query_params.get("lang")
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


def explain(markdown: str) -> None:
    """An explanatory paragraph, hidden in presenter mode."""
    if not presenting():
        st.markdown(markdown)

def how_to_read(markdown: str, sources: str) -> None:
    """The 'how to read' expander and the sources line under a chart."""
    with st.expander(t("How to read this chart")):
        st.markdown(markdown)
    st.caption(f"{t('Sources')}: {sources}")


def said(message: object, language: str | None = None) -> str:
    """A message of ``core`` (a :class:`core.errors.CoreError`, a :class:`core.errors.Message` note, or plain text)
    in the session's language (or ``language``).

    The message's template is translated and filled with its arguments; an argument that is itself a word of the
    table (a variable, a region, a method; or each item of a comma-separated list of them) is translated too, and
    an argument that is itself a message is worded the same way.  A quoted argument (``{cell!r}``, ``'{filename}'``) is
    what the user wrote or the link holds, and is shown as it is.  A template without a translation, or whose
    translation does not fill (a placeholder it does not have), gives the English message, never an error."""
    chosen = lang() if language is None else language
    template = getattr(message, "template", None)
    if template is None:
        return translate(str(message), chosen)
    english = str(message)
    words = translate(template, chosen)
    if words == template:
        return english
    quoted = {name for before, name, _, conversion in string.Formatter().parse(template)
              if conversion in ("r", "a") or before.endswith("'")}
    arguments = {name: value if name in quoted else _argument(value, chosen)
                 for name, value in getattr(message, "arguments", {}).items()}
    try:
        return fill(words, arguments)
    except (KeyError, IndexError, ValueError):
        return english


def _argument(value: Any, language: str) -> Any:
    """An argument of a message in ``language``: words of the table translated, numbers and other values as they are."""
    if getattr(value, "template", None) is not None:
        return said(value, language)
    if not isinstance(value, str):
        return value
    whole = translate(value, language)
    if whole != value or ", " not in value:
        return whole
    return ", ".join(translate(part, language) for part in value.split(", "))

