"""core.entropy: the entropy-weight method (Table 3's del) against a hand-worked example and pymcdm."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from core import datasets, entropy, panel


def test_hand_worked_three_rows_two_indicators():
    """x = [[1, 10], [2, 20], [3, 40]], shift 1 (so the normalised values are easy to follow):
    column a -> 1, 1.5, 2 (sum 4.5): p = 2/9, 3/9, 4/9; sum p ln p = -1.060857; e = 1.060857 / ln 3 = 0.965634
    column b -> 1, 4/3, 2 (sum 13/3): p = 3/13, 4/13, 6/13; sum p ln p = -1.057906; e = 0.962948
    d = 0.034366, 0.037052 -> w = 0.4812, 0.5188; score of row 2 = 0.4812 * 0.5 + 0.5188 * (1/3) = 0.4135."""
    x = pd.DataFrame({"a": [1.0, 2.0, 3.0], "b": [10.0, 20.0, 40.0]})
    w = entropy.entropy_weights(x.to_numpy(), shift=1.0)
    assert w == pytest.approx([0.4812, 0.5188], abs=1e-4)
    result = entropy.entropy_score(x, ["a", "b"], shift=1.0)
    assert result.score.tolist() == pytest.approx([0.0, 0.4135, 1.0], abs=1e-4)
    assert result.weights.sum() == pytest.approx(1.0)


def test_matches_pymcdm_on_the_normalised_matrix():
    """Independent reference: pymcdm's entropy_weights (sum-normalised entropy) on our min-max matrix."""
    pymcdm = pytest.importorskip("pymcdm.weights")
    rng = np.random.default_rng(7)
    x = rng.lognormal(size=(60, 5)) * np.array([1, 10, 100, 0.1, 3])
    ours = entropy.entropy_weights(x)
    normalised = (x - x.min(axis=0)) / (x.max(axis=0) - x.min(axis=0)) + entropy.SHIFT
    assert ours == pytest.approx(pymcdm.entropy_weights(normalised), rel=1e-10)


def test_more_dispersed_indicator_gets_more_weight():
    x = np.column_stack([np.linspace(1, 2, 20), np.r_[np.ones(19), 50.0]])
    w = entropy.entropy_weights(x)
    assert w[1] > w[0]


@pytest.mark.parametrize("bad", [np.array([[1.0, 2.0]]), np.array([[1.0, 5.0], [1.0, 6.0]]),
                                 np.array([[1.0, np.nan], [2.0, 3.0]])])
def test_unusable_matrices_raise(bad):
    with pytest.raises(entropy.EntropyError):
        entropy.entropy_weights(bad)


def test_public_del_is_the_entropy_score_of_its_four_indicators():
    series = datasets.load_series()
    data = panel.public_panel(datasets.load_table1(), datasets.load_panel(), series)
    weights = data.attrs["del_weights"]
    assert list(weights) == list(panel.DEL_INDICATORS) and sum(weights.values()) == pytest.approx(1.0)
    indicators = panel.del_indicators(data, series)
    again = entropy.entropy_score(indicators, list(panel.DEL_INDICATORS))
    assert data["del"].to_numpy() == pytest.approx(again.score.to_numpy())
    assert data["del"].between(0, 1).all() and data["del"].notna().sum() == 390
    # Beijing leads on patents and R&D per GDP: its score is the highest in 2023
    assert data.xs(2023, level=1)["del"].idxmax() == "Beijing"
