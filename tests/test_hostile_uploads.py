"""Hostile inputs at every upload point: each bad file gets a typed UploadError with a short message.

The four upload points are exercised through the same core calls their pages
make (read_table + the page's validator).  Nothing here may raise anything but
UploadError, no message may look like a traceback, and the bundled data stay
byte-identical (checked after the suite by tests/conftest.py, and here too).
"""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pytest

from core import clusters, datasets, digitalization, panel, pilots
from core.uploads import MAX_UPLOAD_BYTES, UploadError, read_table
from tests.conftest import manifest_mismatches

REGIONS = datasets.load_regions()
TABLE1 = datasets.load_table1()
PAPER = datasets.paper_provinces()
CITIES = pilots.city_table(datasets.load_city_province(), REGIONS)
MARKETS = tuple(clusters.in_48(clusters.load_cities()).market)


def _csv(frame: pd.DataFrame) -> bytes:
    return frame.to_csv(index=False).encode("utf-8")


def regression_point(content: bytes, name: str):
    return panel.panel_from_upload(content, name, REGIONS, TABLE1)[0]


def scale_point(content: bytes, name: str):
    return digitalization.employment_from_upload(read_table(content, name), PAPER).table


def policy_point(content: bytes, name: str):
    return pilots.validate_city_panel(read_table(content, name), CITIES, REGIONS)


def global_point(content: bytes, name: str):
    return clusters.validate_uploaded_figures(read_table(content, name), MARKETS)


def regression_valid() -> pd.DataFrame:
    rng = np.random.default_rng(1)
    rows = [(p, y) for p in PAPER[:4] for y in range(2011, 2024)]
    frame = pd.DataFrame(rows, columns=["province", "year"])
    for symbol, (low, high) in {"gdp": (8, 11), "pcw": (10.5, 12), "del": (0.02, 0.5), "estr": (0.35, 0.8),
                                "pdl": (7, 8.6), "rd": (0.002, 0.03), "urban": (0.4, 0.9), "med": (3.4, 4.4),
                                "psl": (0.03, 0.25)}.items():
        frame[symbol] = rng.uniform(low, high, len(frame)).round(4)
    return frame


def scale_valid() -> pd.DataFrame:
    return pd.DataFrame({"province": PAPER[:5], "year": 2012, "employed_10k": [1100.0, 900, 4000, 1800, 1500]})


def policy_valid() -> pd.DataFrame:
    rows = [(c, y, 1.0 + 0.01 * y % 3) for c in CITIES.city.head(3) for y in range(2005, 2010)]
    return pd.DataFrame(rows, columns=["city", "year", pilots.OUTCOME])


def global_valid() -> pd.DataFrame:
    return pd.DataFrame({"place": list(MARKETS[:3]), "digital_talent_share": [0.1, 0.2, 0.3]})


POINTS = {
    "regression": (regression_point, regression_valid, ("province", "year"), "pcw"),
    "scale": (scale_point, scale_valid, ("province", "year"), "employed_10k"),
    "policy": (policy_point, policy_valid, ("city", "year"), pilots.OUTCOME),
    "global": (global_point, global_valid, ("place",), "digital_talent_share"),
}


def _mutations(valid: pd.DataFrame, keys: tuple[str, ...], value: str) -> dict[str, tuple[bytes, str]]:
    """Hostile variants of an otherwise valid file: name -> (bytes, filename)."""
    good = _csv(valid)
    header, first_row = good.decode().splitlines()[:2]

    def with_cell(column: str, text: str) -> bytes:
        frame = valid.astype(object).copy()
        frame.loc[frame.index[0], column] = text
        return _csv(frame)

    unit = keys[0]
    dup = pd.concat([valid, valid.head(1)])
    return {
        "zero bytes": (b"", "data.csv"),
        "binary (PNG)": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "data.csv"),
        "wrong encoding": (b"\xff\xfe\xfa\xfb\xfc" * 40, "data.csv"),
        "pickle": (b"\x80\x04\x95\x10\x00\x00\x00\x00\x00\x00\x00\x8c\x08builtins", "data.pkl"),
        "csv named xlsx": (good, "data.xlsx"),
        "header only": ((header + "\n").encode(), "data.csv"),
        "missing value column": (_csv(valid.drop(columns=[value])), "data.csv"),
        "missing key column": (_csv(valid.drop(columns=[unit])), "data.csv"),
        "text in numbers": (with_cell(value, "about 3"), "data.csv"),
        "csv injection": (with_cell(value, "=cmd|' /C calc'!A0"), "data.csv"),
        "infinite value": (with_cell(value, "inf"), "data.csv"),
        "unknown unit": (with_cell(unit, "Atlantis"), "data.csv"),
        "script as unit": (with_cell(unit, "<script>alert(1)</script>"), "data.csv"),
        "duplicate keys": (_csv(dup), "data.csv"),
        "repeated column": ((header + "," + header.split(",")[-1] + "\n" + first_row + ",1\n").encode(), "data.csv"),
        "formula-like name replaces a column": (
            _csv(valid.rename(columns={value: "I(__import__('os').getpid())"})), "data.csv"),
        "too large": (good + b"#" * (MAX_UPLOAD_BYTES + 1), "data.csv"),
    }


CASES = [(point, case) for point, spec in POINTS.items() for case in _mutations(spec[1](), spec[2], spec[3])]


@pytest.mark.parametrize(("point", "case"), CASES, ids=[f"{p}-{c}" for p, c in CASES])
def test_hostile_file_gets_a_typed_message(point, case):
    call, valid, keys, value = POINTS[point]
    content, name = _mutations(valid(), keys, value)[case]
    with pytest.raises(UploadError) as caught:
        call(content, name)
    message = str(caught.value)
    assert 0 < len(message) < 400
    assert "Traceback" not in message and "File \"" not in message


@pytest.mark.parametrize("point", list(POINTS))
def test_the_valid_base_file_is_accepted(point):
    call, valid, _, _ = POINTS[point]
    result = call(_csv(valid()), "data.csv")
    assert len(result) > 0


@pytest.mark.parametrize("point", list(POINTS))
def test_negative_values_where_impossible(point):
    call, valid, keys, value = POINTS[point]
    frame = valid()
    frame[value] = -abs(frame[value].astype(float)) - 1
    if point in ("policy", "global"):
        # a location quotient and user-held figures may not be negative either way: accepted or refused, never a crash
        try:
            call(_csv(frame), "data.csv")
        except UploadError:
            pass
        return
    with pytest.raises(UploadError, match="negative|positive"):
        call(_csv(frame), "data.csv")


@pytest.mark.parametrize("point", list(POINTS))
def test_hostile_extra_columns_are_never_evaluated(point):
    call, valid, _, _ = POINTS[point]
    frame = valid()
    frame["__import__('os').system('touch /tmp/pwned')"] = 1
    frame["{open('/etc/passwd').read()}"] = 2
    try:
        result = call(_csv(frame), "data.csv")
    except UploadError:
        return
    assert not any("__import__" in str(c) or "{" in str(c) for c in result.reset_index().columns)


def test_an_xlsx_upload_round_trips():
    buffer = io.BytesIO()
    regression_valid().to_excel(buffer, index=False)
    assert len(regression_point(buffer.getvalue(), "data.xlsx")) == 4 * 13


def test_at_least_forty_hostile_cases_and_bundled_data_intact():
    assert len(CASES) >= 40
    assert manifest_mismatches() == []
