"""``pages.coded`` is :mod:`ui.coded` (the widgets whose link keeps stable English codes), kept under this name
so that ``from pages import coded`` keeps working."""

import sys

from ui import coded as _coded

sys.modules[__name__] = _coded
