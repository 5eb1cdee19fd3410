"""Reading and validating user uploads (CSV or XLSX panels).

Shared by every upload point (regression panel, employment table, city panel,
global figures).  Everything here works on bytes and DataFrames: the bundled
files are never opened for writing, nothing is evaluated, and no pickle is ever
read.  Each failure raises :class:`UploadError` with a message written for the
person who made the file.
"""

from __future__ import annotations

__all__ = ["UploadError", "MAX_UPLOAD_BYTES", "read_table", "validate_panel", "is_safe_column_name", "check_columns",
           "check_upper_bound", "check_coverage"]

import csv
import io
import math
import re
from collections.abc import Collection, Sequence

import pandas as pd

from core.errors import UploadError

MAX_UPLOAD_BYTES = 10 * 1024 * 1024  # the same limit as server.maxUploadSize in .streamlit/config.toml
_SAFE_COLUMN = re.compile(r"^[A-Za-z_][A-Za-z0-9_ .\-()%/]*$|^[\u4e00-\u9fff][\u4e00-\u9fffA-Za-z0-9_ ]*$")


def read_table(content: bytes, filename: str, *, max_bytes: int = MAX_UPLOAD_BYTES) -> pd.DataFrame:
    """Parse an uploaded CSV (UTF-8, UTF-8 with BOM or GBK) or XLSX file into text cells.

    All cells come back as strings (or NaN for empty cells) so that the schema
    check, not the parser, decides what counts as a number.
    """
    if not content:
        raise UploadError("'{filename}' is empty (0 bytes).", filename=filename)
    if len(content) > max_bytes:
        raise UploadError("'{filename}' is {size_mb:.1f} MB; the limit is {limit_mb:.0f} MB.",
                          filename=filename, size_mb=len(content) / 1e6, limit_mb=max_bytes / 1e6)
    suffix = filename.lower().rsplit(".", 1)[-1] if "." in filename else ""
    if suffix in ("xlsx", "xlsm"):
        if not content.startswith(b"PK"):
            raise UploadError("'{filename}' is not a valid Excel workbook.", filename=filename)
        try:
            frame = pd.read_excel(io.BytesIO(content), dtype=str, engine="openpyxl")
        except Exception as exc:  # openpyxl raises many kinds; all mean the same to the user
            raise UploadError("'{filename}' could not be read as an Excel workbook ({reason}).",
                              filename=filename, reason=type(exc).__name__) from exc
    elif suffix in ("csv", "txt", ""):
        if b"\x00" in content[:4096]:
            raise UploadError("'{filename}' looks like a binary file, not a CSV text file.", filename=filename)
        text = None
        for encoding in ("utf-8-sig", "gbk"):
            try:
                text = content.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        if text is None:
            raise UploadError("'{filename}' is not UTF-8 or GBK text; save it as 'CSV UTF-8'.", filename=filename)
        header = next(csv.reader(io.StringIO(text)), [])
        _reject_repeated([h.strip() for h in header])
        try:
            frame = pd.read_csv(io.StringIO(text), dtype=str, skipinitialspace=True)
        except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
            raise UploadError("'{filename}' could not be parsed as CSV: {reason}",
                              filename=filename, reason=str(exc).splitlines()[0]) from exc
    else:
        raise UploadError("'{filename}': only .csv and .xlsx files are accepted.", filename=filename)
    if frame.empty:
        raise UploadError("'{filename}' has a header but no data rows.", filename=filename)
    frame.columns = [str(c).strip() for c in frame.columns]
    _reject_repeated(list(frame.columns))
    return frame


def _reject_repeated(columns: list[str]) -> None:
    repeated = sorted({c for c in columns if columns.count(c) > 1})
    if repeated:
        raise UploadError("Column name(s) repeated: {repeated}.", repeated=", ".join(repeated))


def validate_panel(
    frame: pd.DataFrame,
    *,
    keys: Sequence[str],
    numeric: Sequence[str],
    required: Collection[str] | None = None,
    known_units: Collection[str] | None = None,
    unit_column: str | None = None,
    non_negative: Collection[str] = (),
    year_range: tuple[int, int] = (1990, 2035),
    min_rows: int = 1,
) -> pd.DataFrame:
    """Check an uploaded unit x year table and return it typed and sorted.

    Parameters
    ----------
    frame : text cells as returned by :func:`read_table`.
    keys : identifying columns, e.g. ``("province", "year")``; the column named
        ``year`` must hold whole years inside ``year_range``.
    numeric : value columns that must be numbers (empty cells allowed).
    required : the subset of ``numeric`` that must be present; defaults to all.
    known_units, unit_column : if given, every value of ``unit_column`` must be in ``known_units``.
    non_negative : numeric columns where a negative value is impossible.
    min_rows : fewest complete rows for the file to be usable.

    Extra columns are dropped (and never interpreted).  Column names are only
    compared against the whitelist above, so a name such as
    ``I(__import__('os').getpid())`` is reported as unexpected and ignored.
    """
    required = set(numeric if required is None else required)
    columns = list(frame.columns)
    _reject_repeated(columns)
    missing = [c for c in list(keys) + sorted(required) if c not in columns]
    if missing:
        raise UploadError("Missing column(s): {missing}. Download the template to see the expected layout.",
                          missing=", ".join(missing))
    wanted = list(keys) + [c for c in numeric if c in columns]
    out = frame[wanted].copy()
    for key in keys:
        out[key] = out[key].astype("string").str.strip()
        if out[key].isna().any() or (out[key] == "").any():
            row = int(out.index[out[key].isna() | (out[key] == "")][0]) + 2
            raise UploadError("Column '{key}' has an empty cell (row {row} of the file).", key=key, row=row)
    if "year" in keys:
        years = pd.to_numeric(out["year"], errors="coerce")
        bad = years.isna() | (years % 1 != 0) | ~years.between(*year_range)
        if bad.any():
            raise UploadError("Column 'year' must hold whole years between {first} and {last} (found "
                              "{found!r}).",
                              first=year_range[0], last=year_range[1], found=out.loc[bad, "year"].iloc[0])
        out["year"] = years.astype("int64")
    for column in numeric:
        if column not in out:
            continue
        text = out[column].astype("string").str.strip().str.replace(",", "", regex=False)
        values = pd.to_numeric(text, errors="coerce")
        bad = values.isna() & text.notna() & (text != "") & ~text.str.lower().isin(["nan", "na", "n/a"])
        if bad.any():
            raise UploadError("Column '{column}' has text where a number is expected (e.g. {found!r}).",
                              column=column, found=out.loc[bad, column].iloc[0])
        finite = values.dropna()
        if not finite.map(math.isfinite).all():
            raise UploadError("Column '{column}' holds an infinite value.", column=column)
        if column in non_negative and (finite < 0).any():
            raise UploadError("Column '{column}' cannot be negative (found {found:g}).",
                              column=column, found=finite[finite < 0].iloc[0])
        out[column] = values.astype("float64")
    if unit_column is not None and known_units is not None:
        unknown = sorted(set(out[unit_column]) - set(known_units))
        if unknown:
            shown = ", ".join(repr(u) for u in unknown[:5])
            raise UploadError("Unknown {unit_column}(s): {shown}{more}.",
                              unit_column=unit_column, shown=shown, more=" …" if len(unknown) > 5 else "")
    dup = out.duplicated(list(keys))
    if dup.any():
        first = out.loc[dup, list(keys)].iloc[0].tolist()
        raise UploadError("Duplicate rows for {first}: each {keys} must appear once.",
                          first=" / ".join(map(str, first)), keys=" × ".join(keys))
    complete = out.dropna(subset=[c for c in required if c in out])
    if len(complete) < min_rows:
        raise UploadError("Only {n_complete} complete row(s); at least {min_rows} are needed.",
                          n_complete=len(complete), min_rows=min_rows)
    return out.sort_values(list(keys)).reset_index(drop=True)


def is_safe_column_name(name: str) -> bool:
    """True for plain names (letters, digits, spaces and simple punctuation), False for code-like text."""
    return bool(_SAFE_COLUMN.match(name)) and len(name) <= 64


# --- column-name and range checks shared by the schema helpers (added for the regression upload) --------

_CODE_LIKE = re.compile(r"[()\[\]{}'\"`;=+*<>!@#$^&|\\]|__")


def check_columns(columns: Sequence[str], expected: Collection[str]) -> list[str]:
    """Reject code-like column names; return the plain extra columns (which callers ignore and report).

    A name such as ``I(__import__('os').getpid())`` is refused outright: it is
    only compared as text, never evaluated, but a file that carries it was not
    made from the template and the user should know.
    """
    for name in columns:
        if name in expected:
            continue
        if _CODE_LIKE.search(name) or not is_safe_column_name(name):
            shown = name if len(name) <= 40 else name[:40] + "…"
            raise UploadError("Column name {shown!r} is not a plain name (brackets, quotes or operators are not "
                              "allowed). Use the template's column names.",
                              shown=shown)
    return [c for c in columns if c not in expected]


def check_upper_bound(frame: pd.DataFrame, columns: Collection[str], bound: float, hint: str) -> None:
    """Raise if a column in ``columns`` exceeds ``bound`` (e.g. shares above 1: ``hint`` says what to fix)."""
    for column in columns:
        if column in frame and (frame[column].dropna() > bound).any():
            found = float(frame[column].dropna().max())
            raise UploadError("Column '{column}' has {found:g}, above {bound:g}: {hint}",
                              column=column, found=found, bound=bound, hint=hint)


def check_coverage(frame: pd.DataFrame, unit_column: str, period_column: str, *,
                   min_units: int, min_periods: int) -> None:
    """Raise unless the table covers at least ``min_units`` units and ``min_periods`` periods."""
    units, periods = frame[unit_column].nunique(), frame[period_column].nunique()
    if units < min_units or periods < min_periods:
        raise UploadError("Too few observations: {units} {unit_column}(s) and {periods} {period_column}(s); at least "
                          "{min_units} and {min_periods} are needed for a panel model.",
                          units=units, unit_column=unit_column, periods=periods, period_column=period_column,
                          min_units=min_units, min_periods=min_periods)
