"""core as a researcher imports it: the public API, __all__ everywhere, one error base, a notebook in a fresh process."""

from __future__ import annotations

import importlib
import inspect
import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import core
from core import errors

ROOT = Path(__file__).resolve().parents[2]
REQUIRED = ("index_from_io", "location_quotient", "ras", "gras", "fit_panel", "poolability_test", "hausman_test",
            "staggered_did", "event_study", "morans_i", "lisa", "composite_index", "CoreError")
HEAVY = ("streamlit", "linearmodels", "pyfixest", "esda", "libpysal", "geopandas", "statsmodels", "altair")


def core_modules() -> list[str]:
    return sorted(m.name for m in pkgutil.walk_packages(core.__path__, "core."))


def run_fresh(code: str) -> dict:
    """Run ``code`` in a new interpreter from the repository root; it prints one JSON line last."""
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_public_api_lists_the_entry_points_and_every_name_resolves():
    assert set(REQUIRED) <= set(core.__all__)
    assert len(core.__all__) == len(set(core.__all__))
    for name in core.__all__:
        assert getattr(core, name) is not None, name
        assert name in dir(core)
    assert core.location_quotient is importlib.import_module("core.agglomeration").location_quotient
    assert core.index_from_io is importlib.import_module("core.digitalization").index_from_io
    assert set(core._ENTRY_POINTS) == set(core.__all__)  # one table says where each public name lives
    with pytest.raises(AttributeError):
        core.no_such_function  # noqa: B018


def test_every_dataset_loader_is_exported():
    from core import datasets

    loaders = {n for n, f in vars(datasets).items() if n.startswith("load_") and inspect.isfunction(f)}
    assert loaders <= set(core.__all__), sorted(loaders - set(core.__all__))


@pytest.mark.parametrize("name", core_modules())
def test_every_core_module_declares_all_and_its_names_exist(name):
    module = importlib.import_module(name)
    assert isinstance(getattr(module, "__all__", None), list | tuple), f"{name} has no __all__"
    missing = [n for n in module.__all__ if not hasattr(module, n)]
    assert not missing, f"{name}.__all__ names {missing}, which it does not define"


def test_every_core_error_has_the_common_base_and_stays_a_value_error():
    assert issubclass(errors.CoreError, ValueError)
    found = {}
    for name in core_modules():
        for attr, obj in vars(importlib.import_module(name)).items():
            if inspect.isclass(obj) and issubclass(obj, Exception) and obj.__module__.startswith("core"):
                found[f"{name}.{attr}"] = obj
    assert len(found) >= 12  # the errors module itself plus the re-exports in the modules that raise them
    not_based = [n for n, cls in found.items()
                 if not issubclass(cls, errors.CoreWarning if issubclass(cls, Warning) else errors.CoreError)]
    assert not not_based, not_based
    # the names stay importable where they were, and are the same classes
    from core import did, digitalization, io_tables, panel, spatial, uploads
    assert panel.PanelSpecError is errors.PanelSpecError and did.DIDError is errors.DIDError
    assert io_tables.RasError is digitalization.io_tables.RasError is errors.RasError
    assert spatial.SpatialInputError is errors.SpatialInputError and uploads.UploadError is errors.UploadError
    pd = pytest.importorskip("pandas")
    with pytest.raises(core.CoreError, match="no practitioners"):  # caught by the common base
        core.location_quotient(pd.Series({"A": 0.0, "B": 0.0}), pd.Series({"A": 1.0, "B": 2.0}))
    with pytest.raises(ValueError, match="different regions"):  # and still by `except ValueError`
        core.location_quotient(pd.Series({"A": 1.0}), pd.Series({"B": 1.0}))


def test_import_core_alone_loads_no_heavy_library():
    seen = run_fresh(f"import json, sys, core\nprint(json.dumps([m for m in {HEAVY + ('pandas',)!r} if m in sys.modules]))")
    assert seen == []


NOTEBOOK = """
import json, sys
import core

idt = core.index_from_io(2017)                       # eq. 1-9 from the IO tables
after_index = [m for m in ("linearmodels", "pyfixest", "esda", "libpysal") if m in sys.modules]
table1 = core.load_table1()
data = core.public_panel(table1, core.load_panel())
fit = core.fit_panel(data, "idt", ["gdp", "estr", "urban"], model="fe")
f_test = core.poolability_test(data, "idt", ["gdp", "estr", "urban"])
w = core.contiguity_weights(core.load_china_provinces(), core.paper_provinces())
moran = core.morans_i(table1[table1.year == 2023].set_index("province")["idt"], w)
moran_computed = core.morans_i(idt, w)
print(json.dumps({
    "top": idt.idxmax(), "n": int(idt.notna().sum()), "after_index": after_index,
    "terms": sorted(fit.params.index), "nobs": fit.nobs, "f_p": f_test.pval,
    "moran_2023": moran.I, "moran_p": moran.p_sim, "moran_computed_2017": moran_computed.I,
    "streamlit": "streamlit" in sys.modules,
}))
"""


def test_notebook_script_in_a_fresh_process_never_imports_streamlit():
    out = run_fresh(NOTEBOOK)
    assert out["streamlit"] is False
    assert out["after_index"] == []  # computing the index needs none of the estimation or spatial libraries
    assert out["top"] == "Beijing" and out["n"] == 30
    assert out["terms"] == ["const", "estr", "gdp", "urban"] and out["nobs"] > 100
    assert out["f_p"] < 0.01  # province effects matter, as the paper's F test says
    assert out["moran_2023"] == pytest.approx(0.380, abs=0.005) and out["moran_p"] < 0.01
    assert 0 < out["moran_computed_2017"] < out["moran_2023"]
