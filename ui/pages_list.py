"""The app's pages, in menu order: the one list the shell's menu, the tests and the benchmarks read.

Pure (no Streamlit import), so a benchmark or a browser test can read it without starting the app.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["PageLink", "PAGES", "PATHS", "SLUGS", "LABELS", "by_label"]


@dataclass(frozen=True)
class PageLink:
    """One page: its script ``path``, menu ``label`` (English; the shell translates it), material ``icon`` and the
    ``question`` it answers (the menu's help text)."""

    path: str
    label: str
    icon: str
    question: str

    @property
    def slug(self) -> str:
        """The page's URL path under the app's address ("" for Home, "map" for ``pages/map.py``)."""
        return "" if "/" not in self.path else self.path.rsplit("/", 1)[1].removesuffix(".py")


PAGES: tuple[PageLink, ...] = (
    PageLink("streamlit_app.py", "Home", ":material/home:", "What this app answers"),
    PageLink("pages/scale.py", "Digitalization scale", ":material/account_tree:",
             "How large is industrial digitalization, and where do its workers concentrate? (IO tables)"),
    PageLink("pages/map.py", "Agglomeration map", ":material/map:",
             "Where in China do industrial-digitalization talents cluster, year by year?"),
    PageLink("pages/regression.py", "Regression explorer", ":material/query_stats:",
             "What moves the agglomeration index, and what if wages or R&D change?"),
    PageLink("pages/policy.py", "Pilot-city policy", ":material/policy:",
             "Did the innovative-city pilot draw high-tech talent? (staggered DID)"),
    PageLink("pages/global.py", "Global talent clusters", ":material/public:",
             "How do China's clusters compare with the world's tech-talent cities?"),
)

PATHS: tuple[str, ...] = tuple(page.path for page in PAGES)
SLUGS: tuple[str, ...] = tuple(page.slug for page in PAGES)
LABELS: tuple[str, ...] = tuple(page.label for page in PAGES)


def by_label(label: str) -> PageLink:
    """The page whose menu label is ``label`` (Home if none is)."""
    return next((page for page in PAGES if page.label == label), PAGES[0])
