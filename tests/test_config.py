"""`.streamlit/config.toml` turns Streamlit's magic off (cold start, issue 19): no page may rely on it; and the file
watcher is off.

Magic would st.write every bare expression statement (a name, a literal, a string in the middle of a script);
with it off such a line would silently show nothing, so none may exist.
"""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPTS = [ROOT / "streamlit_app.py", *sorted((ROOT / "pages").glob("*.py"))]


def test_no_file_watcher():
    """Streamlit's per-session file watcher scans every loaded module on the event loop after a session's first
    run; the served app does not watch its files."""
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["fileWatcherType"] == "none"


def test_magic_is_off():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["runner"]["magicEnabled"] is False


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_no_page_has_an_expression_magic_would_have_shown(script):
    tree = ast.parse(script.read_text(encoding="utf-8"))
    shown = []
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if not isinstance(body, list):
            continue
        for i, statement in enumerate(body):
            if not isinstance(statement, ast.Expr) or isinstance(statement.value, (ast.Call, ast.Await, ast.Yield,
                                                                                   ast.YieldFrom)):
                continue
            docstring = i == 0 and isinstance(statement.value, ast.Constant) and isinstance(statement.value.value, str)
            if not docstring:
                shown.append(statement.lineno)
    assert shown == [], f"{script.name}: bare expressions on lines {shown} (write st.write(...) instead)"
