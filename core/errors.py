"""Every error and warning ``core`` raises, with one common base.

Catch :class:`CoreError` to handle anything ``core`` refuses with a message meant
for the user; catch a subclass to handle one kind.  :class:`CoreError` is a
:class:`ValueError`, so code written as ``except ValueError`` keeps working.

The classes are also importable from the module that raises them (for example
``core.panel.PanelSpecError`` is :class:`PanelSpecError`).

>>> issubclass(PanelSpecError, CoreError) and issubclass(CoreError, ValueError)
True
>>> try:
...     raise RasError("the totals disagree")
... except CoreError as exc:
...     print(type(exc).__name__, "-", exc)
RasError - the totals disagree

A message is a *template* (an English format string) and the *arguments* it is filled with, so an interface can
translate the template and fill it in another language instead of parsing the English:

>>> exc = PanelSpecError("Unknown column {column!r}; choose one of {choices}.", column="gpd", choices="gdp, rd")
>>> str(exc)
"Unknown column 'gpd'; choose one of gdp, rd."
>>> exc.template, exc.arguments["column"]
('Unknown column {column!r}; choose one of {choices}.', 'gpd')

A plain message (no arguments) is its own template and is never formatted, so braces in it are kept as written.
Notes and warnings that ``core`` returns for display are :class:`Message` strings, which carry the same two
attributes.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = [
    "Message", "fill", "CoreError", "CoreWarning",
    "DataSchemaError", "UploadError",
    "RasError", "DigitalizationError",
    "PanelSpecError", "ScenarioError", "DIDError", "PilotDataError",
    "SpatialInputError", "ClassificationError", "CompositeError",
    "SpatialModelError", "WeightsMismatchError", "InvalidWeightsError", "UnbalancedPanelError",
    "SpatialPanelInputError", "ConvergenceError",
]


def fill(template: str, arguments: Mapping[str, Any]) -> str:
    """``template`` filled with ``arguments`` (``str.format``); a template without arguments is returned as written.

    >>> fill("{n} rows for {k} regressors", {"n": 12, "k": 3})
    '12 rows for 3 regressors'
    >>> fill("a literal {brace}", {})
    'a literal {brace}'
    """
    return template.format_map(arguments) if arguments else template


class Message(str):
    """A message for the user that is the filled English text *and* remembers its template and arguments.

    It is a ``str`` (equal to, and printed as, the filled English), so code that stores or compares messages keeps
    working, while an interface can translate :attr:`template` and fill it with :attr:`arguments`.

    >>> note = Message("Year(s) {years} have no untreated unit.", years="2019, 2020")
    >>> note == "Year(s) 2019, 2020 have no untreated unit.", note.template, dict(note.arguments)
    (True, 'Year(s) {years} have no untreated unit.', {'years': '2019, 2020'})
    """

    template: str
    arguments: dict[str, Any]

    def __new__(cls, template: str, /, **arguments: Any) -> Message:
        message = super().__new__(cls, fill(template, arguments))
        message.template = template
        message.arguments = arguments
        return message

    def __reduce__(self):  # pickled (for example by a cache) with its template and arguments
        return _message, (type(self), self.template, self.arguments)


def _message(cls: type[Message], template: str, arguments: dict[str, Any]) -> Message:
    return cls(template, **arguments)


class CoreError(ValueError):
    """Base of every error ``core`` raises on purpose; the message says what is wrong and what to change.

    Raise it with a template and keyword arguments, ``SomeError("Unknown column {column!r}", column=name)``, or with
    a plain message, ``SomeError("the totals disagree")``.  ``str(exc)`` is the filled English message;
    :attr:`template` and :attr:`arguments` let an interface word it in another language; :attr:`message` is both
    at once (a :class:`Message`).
    """

    template: str
    arguments: dict[str, Any]

    def __init__(self, template: str = "", /, **arguments: Any) -> None:
        self.template = str(template)
        self.arguments = arguments
        super().__init__(fill(self.template, arguments))

    @property
    def message(self) -> Message:
        """The message as a :class:`Message` (the filled English, with its template and arguments)."""
        return Message(self.template, **self.arguments)

    def __reduce__(self):  # pickled with its template and arguments (Exception's default keeps only ``args``)
        return _error, (type(self), self.template, self.arguments), self.__dict__


def _error(cls: type[CoreError], template: str, arguments: dict[str, Any]) -> CoreError:
    return cls(template, **arguments)


class CoreWarning(UserWarning):
    """Base of every warning ``core`` issues on purpose (filter it with ``warnings.simplefilter``)."""


# --- data in ---------------------------------------------------------------------------------

class DataSchemaError(CoreError):
    """A bundled or uploaded table does not have the columns or types expected."""


class UploadError(CoreError):
    """An uploaded file cannot be used; the message says why and what to fix."""


# --- input-output tables and the agglomeration index (eq. 1-9) -------------------------------

class RasError(CoreError):
    """A matrix cannot be balanced to the requested totals; the message says why and what to do."""


class DigitalizationError(CoreError):
    """The inputs to eq. 4-9 are inconsistent (unknown sector, missing year, bad employment table...)."""


# --- estimation ------------------------------------------------------------------------------

class PanelSpecError(CoreError):
    """A model specification cannot be estimated (unknown column, too few rows, bad transform...)."""


class ScenarioError(CoreError):
    """A scenario link or request cannot be turned into a projection."""


class DIDError(CoreError):
    """The data cannot support the requested DID estimate; the message says why and what to change."""


class PilotDataError(CoreError):
    """Approval years (or another pilot input) are not usable; the message says what to fix."""


# --- spatial statistics, classes and composites ----------------------------------------------

class SpatialInputError(CoreError):
    """Values and weights do not match (missing provinces, NaN, too few units)."""


class ClassificationError(CoreError):
    """Unknown method, too few values, or an impossible number of classes."""


class CompositeError(CoreError):
    """The composite index cannot be computed from the components and weights given."""


# --- spatial panel models and spatial weights ------------------------------------------------

class SpatialModelError(CoreError):
    """Base of every error raised by the spatial panel models and the spatial weights."""


class WeightsMismatchError(SpatialModelError):
    """The weights' labels are not the panel's entities (some missing on either side)."""


class InvalidWeightsError(SpatialModelError):
    """The weights are not a usable matrix: not square, labels differ between axes, negative or
    non-finite entries, a non-zero diagonal, or a row of zeros (a unit without neighbours)."""


class UnbalancedPanelError(SpatialModelError):
    """Some entity lacks some year, or a used value is missing: the spatial models need every cell."""


class SpatialPanelInputError(SpatialModelError):
    """The data or the specification cannot be estimated (index, columns, model name, collinearity)."""


class ConvergenceError(SpatialModelError):
    """The likelihood has no interior maximum: the spatial parameter ends at the edge of its interval."""
