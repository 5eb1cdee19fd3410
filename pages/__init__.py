"""The helpers every page shares, re-exported from the UI layer (:mod:`ui`) so that each page's
``import pages as shell`` reads ``shell.page_shell(...)``, ``shell.t(...)``, ``shell.chart(...)``.

It is the package's ``__init__`` so that Streamlit's ``pages/`` routing does not list it as a page.  The code
lives in ``ui/``: ``ui.shell`` (page config, menu, toggles, link state, share), ``ui.text`` (language, ``t``,
explanations), ``ui.charts`` (the one chart call), ``ui.downloads``, ``ui.loaders``, ``ui.heap``,
``ui.coded`` (also importable as ``pages.coded``) and ``ui.pages_list`` (the page list).
"""

from __future__ import annotations

from ui.charts import ChartRows, altair, chart, presenter_config
from ui.downloads import csv_button, download_view
from ui.heap import settle_heap
from ui.loaders import (cache_data, cbre_bands, china_provinces, io_tables, panel, pilot_lists, province_names, regions,
                        table1, table1_wide, table2, table3, table4, table5, tech_cities, wipo_aggregates,
                        wipo_clusters, world_countries)
from ui.pages_list import PAGES, PageLink
from ui.shell import (APP_TITLE, DATA_NOTE, FAVICON, LANG_FROM_URL, PRESENTER_CSS, SHARED_PARAMS, fragment,
                      link_params, not_in_link, own_params, page_path, page_shell, remember_view, rename_params,
                      share_url, shared_params, url_notice)
from ui.tables import table, words_table
from ui.text import LANG_OPTIONS, PRESENT_ON, explain, how_to_read, lang, presenting, said, t

__all__ = ["cache_data", "table", "words_table", "ChartRows", "altair", "chart", "presenter_config", "csv_button", "download_view", "settle_heap", "cbre_bands",
           "china_provinces", "io_tables", "panel", "pilot_lists", "province_names", "regions", "table1",
           "table1_wide", "table2", "table3", "table4", "table5", "tech_cities", "wipo_aggregates", "wipo_clusters",
           "world_countries", "PAGES", "PageLink", "APP_TITLE", "DATA_NOTE", "FAVICON", "LANG_FROM_URL",
           "PRESENTER_CSS", "SHARED_PARAMS", "fragment", "link_params", "not_in_link", "own_params", "page_path",
           "page_shell", "remember_view", "rename_params", "share_url", "shared_params", "url_notice",
           "LANG_OPTIONS", "PRESENT_ON", "explain", "how_to_read", "lang", "presenting", "said", "t"]
