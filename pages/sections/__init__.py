"""Sections of pages, in their own modules (Streamlit lists only top-level ``pages/*.py`` as pages)."""
