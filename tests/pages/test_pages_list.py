"""The one page list: every page script is in it (and nothing else), and reading it does not import Streamlit."""

from __future__ import annotations

import subprocess
import sys

from tests.pages.helpers import ROOT
from ui.pages_list import LABELS, PAGES, PATHS, SLUGS, by_label


def test_the_list_names_every_page_script_once():
    on_disk = {"streamlit_app.py", *(f"pages/{p.name}" for p in (ROOT / "pages").glob("*.py") if p.name != "__init__.py")}
    assert set(PATHS) == on_disk and len(PATHS) == len(set(PATHS))
    assert SLUGS[0] == "" and SLUGS[PATHS.index("pages/map.py")] == "map"
    assert len(set(LABELS)) == len(LABELS) and by_label("Agglomeration map").path == "pages/map.py"
    assert by_label("no such page") is PAGES[0]


def test_reading_the_list_does_not_import_streamlit():
    code = "import sys, ui.pages_list; assert 'streamlit' not in sys.modules, 'streamlit imported'"
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)
