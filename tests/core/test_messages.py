"""Messages of ``core`` carry a template and its arguments, and every template has a Chinese translation that
fills with the same placeholders.

The templates are found by reading the source (``ast``): the first argument of every call to a
:class:`core.errors.CoreError` subclass or to :class:`core.errors.Message` in ``core/`` and ``pages/``.  A raise
that forwards another error's template (``SomeError(exc.template, **exc.arguments)``) has no literal of its own.
"""

from __future__ import annotations

import ast
import importlib
import pickle
import pkgutil
import string
from pathlib import Path

import pytest

import core
from core import errors
from core.errors import CoreError, Message, PanelSpecError, UploadError
from core.i18n import ZH, translate

ROOT = Path(__file__).resolve().parents[2]
SCANNED = sorted([*(ROOT / "core").rglob("*.py"), *(ROOT / "pages").rglob("*.py")])
HELPERS = {"bad"}  # core.spatial_scenario's local ``bad(template, **arguments)`` raises SpilloverLinkError


def _error_names() -> set[str]:
    for info in pkgutil.walk_packages(core.__path__, "core."):
        importlib.import_module(info.name)
    names, todo = set(), [CoreError]
    while todo:
        cls = todo.pop()
        names.add(cls.__name__)
        todo += cls.__subclasses__()
    return names | {"Message"} | HELPERS


def _literals(node: ast.AST) -> list[str]:
    """The texts a message argument can be: a string literal (also ``"a" + "b"``), or each branch of
    ``"a" if c else "b"``; nothing for any other expression (a forwarded template)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _literals(node.left), _literals(node.right)
        return [a + b for a in left for b in right]
    if isinstance(node, ast.IfExp):
        return _literals(node.body) + _literals(node.orelse)
    return []


def _templates() -> list[tuple[str, str, bool]]:
    """(where, template, has arguments) of every literal message in the scanned files."""
    names = _error_names()
    found = []
    for path in SCANNED:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", None)
            if name not in names:
                continue
            for text in _literals(node.args[0]):
                found.append((f"{path.relative_to(ROOT)}:{node.lineno}", text, bool(node.keywords)))
    return found


TEMPLATES = _templates()


def _placeholders(template: str) -> list[tuple[str, str, str]]:
    return sorted((name, conversion or "", spec or "") for _, name, spec, conversion
                  in string.Formatter().parse(template) if name is not None)


def test_the_scan_finds_the_messages_of_core():
    """Enough messages are found that the scan cannot be silently broken (it found 230 when written)."""
    assert len(TEMPLATES) > 200
    assert sum(has for _, _, has in TEMPLATES) > 150
    assert any("Too few observations: {n_y} complete rows" in t for _, t, _ in TEMPLATES)


def test_no_message_of_core_is_an_f_string():
    """An f-string message is filled before the interface sees it, so it cannot be translated: use a template."""
    names = _error_names()
    offenders = []
    for path in SCANNED:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and node.args:
                name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", None)
                if name in names and any(isinstance(n, ast.JoinedStr) for n in ast.walk(node.args[0])):
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []


@pytest.mark.parametrize("where,template,has_arguments", TEMPLATES, ids=[w for w, _, _ in TEMPLATES])
def test_every_template_has_a_chinese_translation_with_the_same_placeholders(where, template, has_arguments):
    assert template in ZH, f"{where}: no Chinese for {template!r}"
    chinese = ZH[template]
    assert chinese != template
    if has_arguments:
        assert _placeholders(chinese) == _placeholders(template), where
    else:  # a plain message is never formatted, so its braces are literal on both sides
        assert chinese.count("{") == template.count("{")


# --- the error and message objects -------------------------------------------------------------------

def test_a_template_error_fills_like_the_f_string_it_replaces():
    name, choices = "gpd", ["gdp", "rd"]
    exc = PanelSpecError("Unknown column {name!r}; choose one of {choices} ({share:.1%}).", name=name,
                         choices=", ".join(choices), share=0.25)
    assert str(exc) == f"Unknown column {name!r}; choose one of {', '.join(choices)} ({0.25:.1%})."
    assert exc.template.startswith("Unknown column {name!r}")
    assert exc.arguments == {"name": "gpd", "choices": "gdp, rd", "share": 0.25}
    assert isinstance(exc, ValueError) and exc.args == (str(exc),)


def test_a_plain_message_is_its_own_template_and_keeps_its_braces():
    exc = UploadError("a {literal} brace")
    assert str(exc) == exc.template == "a {literal} brace" and exc.arguments == {}


def test_errors_and_messages_survive_pickling_with_their_template():
    """Caches pickle what they return (a Message note, an error's message), so the template must survive."""
    exc = pickle.loads(pickle.dumps(UploadError("Row {row}: {cell!r}", row=3, cell="x")))
    assert type(exc) is UploadError and str(exc) == "Row 3: 'x'" and exc.arguments == {"row": 3, "cell": "x"}
    note = pickle.loads(pickle.dumps(exc.message))
    assert type(note) is Message and note == "Row 3: 'x'" and note.template == "Row {row}: {cell!r}"


def test_a_forwarded_error_keeps_the_template():
    """core.spatial re-raises the weights' error as its own type, with the template (reworded) and arguments."""
    from core import spatial

    with pytest.raises(errors.SpatialInputError) as caught:
        spatial._precomputed_weights(["Beijing", "Atlantis"], 2)
    assert caught.value.template == "no polygon for {unknown}"
    assert caught.value.arguments == {"unknown": "Atlantis"} and str(caught.value) == "no polygon for Atlantis"


# --- the interface's wording -------------------------------------------------------------------------

def test_said_translates_the_template_and_the_arguments_that_are_words():
    from ui.text import said

    exc = UploadError("Missing column(s): {missing}. Download the template to see the expected layout.",
                      missing="province, year")
    assert said(exc, "en") == str(exc)
    chinese = said(exc, "zh")
    assert chinese == ZH[exc.template].format(missing=f"{translate('province', 'zh')}, {translate('year', 'zh')}")
    assert "Missing" not in chinese and "省份" in chinese


def test_said_keeps_a_quoted_argument_as_the_user_wrote_it():
    from ui.text import said

    assert translate("high", "zh") != "high"  # a word of the table, yet here it is the content of a cell
    exc = UploadError("{where}, column {column}: {cell!r} is text, not a number.",
                      where=Message("Row {row} ({province} {year})", row=3, province="Beijing", year=2014),
                      column="urban_avg_wage_yuan", cell="high")
    assert said(exc, "zh") == "第 3 行（北京 2014），urban_avg_wage_yuan 列：'high' 是文本，不是数字。"
    named = UploadError("'{filename}' has a header but no data rows.", filename="high")
    assert said(named, "zh") == "'high' 只有表头，没有数据行。"


def test_said_falls_back_to_english_never_to_an_error():
    from ui.text import said

    untranslated = CoreError("no translation for {x} here", x=1)
    assert said(untranslated, "zh") == "no translation for 1 here"
    assert said("Year", "zh") == translate("Year", "zh")  # plain text is looked up as it is
    nested = Message("The scenario in the link could not be rebuilt: {reason}",
                     reason=Message("Unknown data source {source!r}.", source="x"))
    assert said(nested, "zh") == ZH[nested.template].format(reason=ZH["Unknown data source {source!r}."].format(
        source="x"))
