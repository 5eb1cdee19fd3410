"""Every widget key is unique across the app (a key is its URL parameter); only the shell's are shared.

Two pages with the same key share one session value and one URL parameter, so a setting on one page leaks
into the other (issue 16, item 1).  The static test reads every ``key=`` of every page's source, literal or
f-string prefix; the AppTest one collects the keys each page actually draws, which catches keys computed at
run time (a lever's symbol, ``f"..._{component}"``).
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest

from tests.pages.helpers import ROOT, assert_clean, run_page

PAGES = ("streamlit_app.py", "pages/scale.py", "pages/map.py", "pages/regression.py", "pages/policy.py",
         "pages/global.py")
# Drawn by the shell (pages/__init__.py) on every page, on purpose: the same setting everywhere.
SHARED = {"lang", "present", "share_open"}


def keys_in_source(path: str) -> dict[str, str]:
    """``key=`` values of one page's source: literal keys as they are, f-strings as their fixed prefix + ``*``."""
    found: dict[str, str] = {}
    for node in ast.walk(ast.parse((ROOT / path).read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        for keyword in node.keywords:
            if keyword.arg != "key":
                continue
            value = keyword.value
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                found[value.value] = f"{path}:{node.lineno}"
            elif isinstance(value, ast.JoinedStr):  # f"map_groups_{by}" -> "map_groups_*"
                fixed = ""
                for part in value.values:
                    if not isinstance(part, ast.Constant):
                        break
                    fixed += str(part.value)
                if fixed:  # f"{key}_csv" inside a helper: only the drawn keys (the test below) can tell
                    found[fixed + "*"] = f"{path}:{node.lineno}"
    return found


def clash(a: str, b: str) -> bool:
    """Whether two keys (``*`` = any suffix) can be the same string."""
    if a.endswith("*") or b.endswith("*"):
        pa, pb = a.rstrip("*"), b.rstrip("*")
        return pa.startswith(pb) if b.endswith("*") and not a.endswith("*") else \
            pb.startswith(pa) if a.endswith("*") and not b.endswith("*") else (pa.startswith(pb) or pb.startswith(pa))
    return a == b


def duplicates(keys_by_page: dict[str, dict[str, str]]) -> list[str]:
    pages = list(keys_by_page)
    found = []
    for i, first in enumerate(pages):
        for second in pages[i + 1:]:
            for a, where_a in keys_by_page[first].items():
                for b, where_b in keys_by_page[second].items():
                    if a not in SHARED and b not in SHARED and clash(a, b):
                        found.append(f"{a!r} ({where_a}) and {b!r} ({where_b})")
    return found


def test_clash_reads_prefixes():
    assert clash("map_source", "map_source") and not clash("map_source", "glob_source")
    assert clash("groups_*", "groups_region") and clash("w_*", "w_*") and not clash("map_groups_*", "groups_x")


def test_the_static_check_finds_a_duplicate():
    assert duplicates({"a.py": {"tab": "a.py:1"}, "b.py": {"tab": "b.py:9"}}) == ["'tab' (a.py:1) and 'tab' (b.py:9)"]
    assert not duplicates({"a.py": {"lang": "a.py:1"}, "b.py": {"lang": "b.py:9"}})


def test_no_two_pages_share_a_widget_key_in_their_source():
    found = duplicates({path: keys_in_source(path) for path in PAGES})
    assert not found, "widget keys shared by two pages (prefix them with the page's short name):\n" + "\n".join(found)


def drawn_keys(path: str) -> set[str]:
    """The keys of the widgets a page draws on its default view (main area and sidebar)."""
    at = run_page(path)
    assert_clean(at)
    keys = set()
    for root in (at.main, at.sidebar):
        stack = [root]
        while stack:
            node = stack.pop()
            key = getattr(node, "key", None)
            if isinstance(key, str) and key:
                keys.add(key)
            children = getattr(node, "children", None)
            if isinstance(children, dict):
                stack.extend(children.values())
    return keys


@pytest.fixture(scope="module")
def keys_drawn() -> dict[str, set[str]]:
    return {path: drawn_keys(path) for path in PAGES}


def test_no_two_pages_draw_a_widget_with_the_same_key(keys_drawn):
    assert keys_drawn["pages/map.py"] >= {"map_source", "map_classes", "lang", "present"}
    shared: dict[str, list[str]] = defaultdict(list)
    for path, keys in keys_drawn.items():
        for key in keys - SHARED:
            shared[key].append(path)
    found = {key: paths for key, paths in shared.items() if len(paths) > 1}
    assert not found, f"widget keys drawn by two pages: {found}"
