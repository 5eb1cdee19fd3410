"""Pure computation and data loading for the digital-talent agglomeration explorer.

Nothing in this package imports Streamlit: a researcher can ``import core`` in a
notebook and get the same numbers the app shows.
"""

__all__ = ["datasets"]
