"""Run the examples in core's docstrings (published numbers replayed, hand-worked examples).

Equivalent to ``pytest --doctest-modules core`` (pytest.ini sets the same option flags), but collected
with the rest of ``tests/core`` so the examples never go stale.
"""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import core

MODULES = sorted(m.name for m in pkgutil.walk_packages(core.__path__, "core.")) + ["core"]
FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=FLAGS, verbose=False, report=True)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples in {name} failed (see output)"


def test_the_examples_exist():
    """The public entry points show their published numbers; losing every example would pass silently otherwise."""
    counts = {}
    for name in ("core", "core.agglomeration", "core.errors", "core.digitalization.equations"):
        counts[name] = doctest.testmod(importlib.import_module(name), optionflags=FLAGS, report=False).attempted
    assert all(n > 0 for n in counts.values()), counts
