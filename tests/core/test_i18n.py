"""The translation table is honest: no English text is translated twice in two different ways.

A dict literal keeps the last of two equal keys without a word, and ``ZH`` is merged from one table per place on
screen, where a later table overrides an earlier one the same way.  So the source is read with ``ast``: every key
of every dict literal in ``core/i18n.py`` is compared with every other.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

from core import i18n
from core.i18n import ZH, translate

SOURCE = Path(i18n.__file__).read_text(encoding="utf-8")


def _definitions(source: str) -> dict[str, list[tuple[int, str]]]:
    """Every (line, translation) of every key, over all dict literals of ``source``."""
    found: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Dict):
            for key, value in zip(node.keys, node.values):
                if isinstance(key, ast.Constant) and isinstance(key.value, str):
                    text = value.value if isinstance(value, ast.Constant) else ast.unparse(value)
                    found[key.value].append((key.lineno, text))
    return found


def _conflicts(source: str) -> dict[str, list[tuple[int, str]]]:
    return {key: places for key, places in _definitions(source).items() if len({t for _, t in places}) > 1}


def test_no_key_is_translated_twice_in_different_ways():
    assert _conflicts(SOURCE) == {}


def test_the_check_sees_a_conflict_that_a_dict_literal_hides():
    """Both within one literal and across tables: the check reads the source, not the merged dict."""
    within = 'A = {"Term": "项", "Year": "年份", "Term": "变量项"}\n'
    across = 'A = {"Term": "项"}\nB = {"Term": "项"}\nC = {"Term": "变量项"}\nZH = {**A, **B, **C}\n'
    assert set(_conflicts(within)) == {"Term"}
    assert set(_conflicts(across)) == {"Term"}
    assert _conflicts('A = {"Term": "项"}\nB = {"Term": "项"}\n') == {}  # the same words twice are no conflict


def test_every_table_is_merged_into_zh():
    tables = {name: value for name, value in vars(i18n).items() if name.startswith("_") and isinstance(value, dict)
              and name.isupper()}
    assert len(tables) >= 10
    for name, table in tables.items():
        assert table, name
        for key, words in table.items():
            assert ZH[key] == words, (name, key)
    assert set(ZH) == set().union(*tables.values())


def test_translate_falls_back_to_the_english():
    assert translate("Year", "zh") == "年份"
    assert translate("Year", "en") == "Year"
    assert translate("no such label", "zh") == "no such label"
    assert translate("Year", "fr") == "Year"


def test_no_internal_references_in_comments():
    """The table names places on screen, not the tracker's numbers."""
    assert "issue " not in SOURCE.lower()
