"""core.classes: class breaks agree with mapclassify, the index's own classes, typed errors."""

from __future__ import annotations

import mapclassify
import numpy as np
import pytest

from core import classes, datasets


@pytest.fixture(scope="module")
def values() -> np.ndarray:
    return datasets.load_table1().idt.to_numpy()


@pytest.mark.parametrize("method, reference", [("quantiles", mapclassify.Quantiles),
                                               ("fisher_jenks", mapclassify.FisherJenks),
                                               ("equal_interval", mapclassify.EqualInterval)])
def test_assignment_agrees_with_mapclassify(values, method, reference):
    ours = classes.classify(values, method, k=5)
    theirs = reference(values, k=5)
    assert np.allclose(ours.upper, theirs.bins)
    assert (classes.assign(values, ours) == theirs.yb).all()
    assert len(ours.labels()) == 5 and ours.labels()[0].startswith("0.36")


def test_meaning_classes_are_parity_based(values):
    meaning = classes.classify(values, "meaning", k=7)
    assert meaning.k == 3 and meaning.upper[:2] == (1.0, 1.5)
    assert classes.assign([0.5, 1.0, 1.2, 1.5, 2.0], meaning).tolist() == [0, 0, 1, 1, 2]
    assert "parity" in meaning.labels()[0]


def test_assign_handles_nan_and_out_of_range():
    c = classes.Classes("equal_interval", 0.0, (1.0, 2.0))
    assert classes.assign([np.nan, -5, 9], c).tolist() == [-1, 0, 1]


@pytest.mark.parametrize("args, message", [(([1, 2, 3], "nope"), "unknown classification"),
                                           (([1, 1, 1], "quantiles"), "two distinct"),
                                           (([1, 2, 3], "quantiles", 12), "between 2 and 9")])
def test_typed_errors(args, message):
    with pytest.raises(classes.ClassificationError, match=message):
        classes.classify(*args)


def test_fisher_jenks_by_hand():
    # two tight groups: the only sensible split is between them; three classes split off the outlier
    assert classes.fisher_jenks_upper([1, 2, 3, 10, 11, 12], 2) == (3.0, 12.0)
    assert classes.fisher_jenks_upper([1, 2, 3, 10, 11, 30], 3) == (3.0, 11.0, 30.0)
    assert classes.fisher_jenks_upper([5, 5, 5, 9], 2) == (5.0, 9.0)


@pytest.mark.parametrize("k", range(2, 10))
@pytest.mark.parametrize("sample", ["table1", "normal", "lognormal", "rounded"])
def test_fisher_jenks_is_mapclassifys_partition(values, sample, k):
    import warnings

    rng = np.random.default_rng(7)
    data = {"table1": values, "normal": rng.normal(size=200), "lognormal": rng.lognormal(size=390),
            "rounded": np.round(rng.normal(size=300), 1)}[sample]
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Numba not installed")
        reference = mapclassify.FisherJenks(data, k=k).bins
    assert np.allclose(classes.fisher_jenks_upper(data, k), reference)
