"""The benchmark stacks prepared at build time (scripts/build_io_stacks.py) are what stacking the bundled table gives."""

import numpy as np
import pytest

from core.digitalization import BENCHMARK_YEARS, stacks


@pytest.fixture(scope="module")
def live():
    return stacks.bundled_stacks_live()


def test_the_prepared_file_is_current_and_equal_to_stacking_the_bundled_table(live):
    with np.load(stacks.PREPARED_STACKS, allow_pickle=False) as built:
        assert str(built["prepared_from"]) == stacks.prepared_stacks_stamp()  # rebuilt after the IO table changed
    prepared = stacks.bundled_stacks()
    assert sorted(prepared) == sorted(BENCHMARK_YEARS)
    for year, stack in prepared.items():
        assert stack.regions == live[year].regions and stack.scheme == live[year].scheme == year
        for name in ("Z", "x", "va"):
            np.testing.assert_array_equal(getattr(stack, name), getattr(live[year], name))
        assert stack.status == "benchmark table" and stack.diagnostics is None


def test_a_stale_prepared_file_is_not_used(monkeypatch, tmp_path, live):
    """A file stamped from another IO table (here: zeros) gives way to stacking the bundled one."""
    zeros = {year: stacks.IOStack(year, year, s.regions, np.zeros_like(s.Z), np.zeros_like(s.x), np.zeros_like(s.va))
             for year, s in live.items()}
    stale = tmp_path / "stacks.npz"
    stacks.write_prepared_stacks(stale, zeros, "0" * 64)
    monkeypatch.setattr(stacks, "PREPARED_STACKS", stale)
    assert live[2017].Z.sum() > 0
    assert stacks.bundled_stacks()[2017].Z.sum() == pytest.approx(live[2017].Z.sum())
    stacks.write_prepared_stacks(stale, zeros, stacks.prepared_stacks_stamp())  # the same file, stamped current
    assert stacks.bundled_stacks()[2017].Z.sum() == 0


def test_a_missing_prepared_file_stacks_the_table(monkeypatch, tmp_path, live):
    monkeypatch.setattr(stacks, "PREPARED_STACKS", tmp_path / "absent.npz")
    np.testing.assert_array_equal(stacks.bundled_stacks()[2012].va, live[2012].va)
