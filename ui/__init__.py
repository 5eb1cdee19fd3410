"""The app's UI layer: everything pages share that draws with Streamlit, beside the pages themselves.

- :mod:`ui.pages_list` — the page list (pure, no Streamlit): the shell's menu, the tests and the benchmarks
  read it.
- :mod:`ui.text` — the session's language and presenter mode, ``t``, ``said`` (a message of ``core`` in the
  session's language), ``explain``, ``how_to_read``.
- :mod:`ui.shell` — page config, sidebar menu, language and presenter toggles, each page's link state, the
  share popover and the invalid-link notice, heap settling.
- :mod:`ui.charts` — the one chart call, :func:`ui.charts.chart` (a ``core.charts`` builder or a template
  with rows), and ``ChartRows``.
- :mod:`ui.downloads` — CSV/PNG/SVG downloads of what the screen shows.
- :mod:`ui.loaders` — cached loaders of the bundled datasets.
- :mod:`ui.coded` — widgets whose link keeps stable English codes.

Pages use it through ``import pages as shell`` (``pages/__init__.py`` re-exports it).  This package's
``__init__`` imports nothing, so ``ui.pages_list`` can be read without Streamlit.
"""
