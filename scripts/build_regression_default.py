"""Compute the regression page's opening view with the real estimator and write it to data/.

The default deep link to /regression (public panel, eq. 10 with province fixed effects, standard errors clustered
by province, the default regressors, every year and province) shows a fit that does not depend on the visitor.
This script fits it with linearmodels, as the page does live, together with the F and Hausman tests of the same
sample, and writes ``data/regression/default_view.json``.  The page shows that file only for exactly that
specification on the bundled public panel (any change fits live), and ``tests/core/test_panel.py`` checks that it
equals the live fit.  Run: ``python scripts/build_regression_default.py`` (then ``scripts/build_data.py manifest``).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from core import datasets, panel  # noqa: E402


def build() -> panel.BundledView:
    data = panel.public_panel(datasets.load_table1(), datasets.load_panel(), datasets.load_series(),
                              interpolate_wages=True)
    spec = panel.default_spec(data)
    view = panel.fit_view(spec.fit(data), datasets.load_table5().coefficients, panel.public_notes())
    fe = panel.ModelSpec(spec.dependent, spec.regressors, "fe", "unadjusted", spec.transforms, spec.years,
                         spec.entities).fit(data)
    re = panel.ModelSpec(spec.dependent, spec.regressors, "re", "unadjusted", spec.transforms, spec.years,
                         spec.entities).fit(data)
    return panel.BundledView(spec=spec, view=view,
                             tests=(panel.poolability_from_fit(fe), panel.hausman_from_fits(fe, re)))


def main() -> int:
    out = datasets.DATA_DIR / panel.DEFAULT_VIEW_FILE
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(panel.view_to_json(build()) + "\n", encoding="utf-8")
    print(f"wrote {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
