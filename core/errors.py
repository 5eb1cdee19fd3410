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
"""

from __future__ import annotations

__all__ = [
    "CoreError", "CoreWarning",
    "DataSchemaError", "UploadError",
    "RasError", "DigitalizationError",
    "PanelSpecError", "ScenarioError", "DIDError", "PilotDataError",
    "SpatialInputError", "ClassificationError", "CompositeError",
    "SpatialModelError", "WeightsMismatchError", "InvalidWeightsError", "UnbalancedPanelError",
    "SpatialPanelInputError", "ConvergenceError",
]


class CoreError(ValueError):
    """Base of every error ``core`` raises on purpose; the message says what is wrong and what to change."""


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
