"""Text in the session's language: the language and presenter mode of this session, ``t``, and the two
explanation helpers every page uses (``explain``, ``how_to_read``).  Translations live in ``core.i18n``."""

from __future__ import annotations

import re
from collections.abc import Iterable

import streamlit as st

from core.i18n import translate

__all__ = ["LANG_OPTIONS", "PRESENT_ON", "lang", "t", "worded", "presenting", "explain", "how_to_read"]


# Bound widgets write the *shown* option into the URL (Streamlit 1.67), so the options are the labels
# themselves; the short codes of a hand-typed link (?lang=zh) are accepted and rewritten on arrival.
LANG_OPTIONS = {"EN": "en", "中文": "zh"}

PRESENT_ON = {"1", "true", "yes", "on"}


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


def explain(markdown: str) -> None:
    """An explanatory paragraph, hidden in presenter mode."""
    if not presenting():
        st.markdown(markdown)

def how_to_read(markdown: str, sources: str) -> None:
    """The 'how to read' expander and the sources line under a chart."""
    with st.expander(t("How to read this chart")):
        st.markdown(markdown)
    st.caption(f"{t('Sources')}: {sources}")


def worded(message: str, forms: Iterable[tuple[re.Pattern[str], str]]) -> str:
    """A message of core in the session's language where its form is one of ``forms`` (a pattern of the English
    message and the translatable template it fills with the pattern's groups); otherwise the message as it is."""
    for pattern, words in forms:
        match = pattern.fullmatch(message)
        if match:
            return t(words).format(*match.groups())
    return message
