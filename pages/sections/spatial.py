"""The regression explorer's *Spatial spillovers* section, and what the map page reads of a spillover scenario.

Fixed-effects spatial lag / error / Durbin panel models (``core.spatial_panel``) on the page's dependent
variable, regressors and sample, with weights between provinces (``core.weights``): coefficients with rho or
lambda, LM and likelihood-ratio tests, Moran's I of the non-spatial FE residuals, the direct / indirect / total
effects with simulated bands; then a lever moved in chosen provinces and its spread through (I − ρW)⁻¹
(``core.spatial_scenario``), sent to the map like the Scenario section's "Show on the map".

Widgets: keys ``reg_sp_*``.  The choices with words (model, weights, Hainan's link, lever, provinces) show
translated words over stable codes; Streamlit 1.67 would write the *shown* word into the URL of a bound
widget, so these keep their codes in the URL themselves (:func:`_seed` before the widget, :func:`_publish`
after), which keeps a link valid in both languages.  The numeric ones (k, the change) are bound directly.
Fits are cached (``st.cache_data``) by the data key and the inputs; a lever move reuses the fitted model.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st

import pages as shell
from core import panel
from core import spatial_scenario as scen
from core.errors import (ConvergenceError, InvalidWeightsError, Message, ScenarioError, SpatialPanelInputError,
                         UnbalancedPanelError, WeightsMismatchError)

t = shell.t

SECTION = "Spatial spillovers"
MODEL_NAMES = {"lag": "Spatial lag (SAR): ρ·Wy", "error": "Spatial error (SEM): λ·Wu",
               "durbin": "Spatial Durbin (SDM): ρ·Wy + W·X"}
WEIGHT_NAMES = {"queen": "Queen contiguity (shared border)", "knn": "k nearest provinces",
                "distance": "Inverse distance"}
ISLAND_NAMES = {"nearest": "Its 2 nearest provinces (Guangdong, Guangxi) — default",
                "guangdong": "Guangdong only"}
SPATIAL_ERRORS = (UnbalancedPanelError, WeightsMismatchError, InvalidWeightsError, ConvergenceError,
                  SpatialPanelInputError)
CHANGE_RANGE = (-20.0, 20.0, 0.5)  # the lever slider: min, max, step (its unit depends on the lever)
DEFAULT_PROVINCE = "Sichuan"
SESSION_FRAME = "spill_index"  # (query items, map frame) sent to the map


# --- URL state for the widgets with words ------------------------------------------------------------

def _seed(key: str, valid: Callable[[Any], bool], default: Any, decode: Callable[[str], Any] = str) -> None:
    """Before the widget: its session value from the link's code (first run) or the default; a stale or invalid
    value is replaced (the link's invalid value is then named by the shell's url_notice)."""
    if key not in st.session_state and key in st.query_params:
        try:
            value = decode(st.query_params[key])
        except (ValueError, TypeError):
            value = None
        if value is not None and valid(value):
            st.session_state[key] = value
    if key not in st.session_state or not valid(st.session_state[key]):
        st.session_state[key] = default


def _publish(key: str, code: str | None) -> None:
    """After the widget: its code in the link (left out when None or empty)."""
    if code:
        if st.query_params.get(key) != code:
            st.query_params[key] = code
    else:
        st.query_params.pop(key, None)


def _shown(names: dict[str, str]) -> Callable[[str], str]:
    """A format_func with the words translated now (in this run's language), not when it is called."""
    return {code: t(text) for code, text in names.items()}.get  # type: ignore[return-value]


def _codes(text: str) -> list[str]:
    return [s for s in text.split(",") if s]


# --- cached calls into core ------------------------------------------------------------------------

@st.cache_data(show_spinner=False, max_entries=64)
def spatial_weights(entities: tuple[str, ...], kind: str, k: int, islands: str) -> pd.DataFrame:
    return scen.build_weights(kind, entities, k=k, islands=islands)


def _gap_words(gap: Message) -> str:
    """A gap of ``core.spatial_scenario.balance_report`` (``pcw: 2021–2023 (all of 30 provinces)``) in words: the
    variable by its label, the message in the session's language."""
    symbol = gap.arguments["column"]
    name = t(panel.VARIABLES[symbol].label) if symbol in panel.VARIABLES else symbol
    return shell.said(Message(gap.template, **{**gap.arguments, "column": name}))


@st.cache_data(show_spinner=False, max_entries=64)
def balance(key: str, _data: pd.DataFrame, columns: tuple[str, ...], years: tuple[int, int],
            entities: tuple[str, ...]) -> tuple[list[str], tuple[int, int] | None]:
    return scen.balance_report(_data, columns, years, entities)


def _sample(data: pd.DataFrame, columns: tuple[str, ...], years: tuple[int, int],
            entities: tuple[str, ...]) -> pd.DataFrame:
    return scen.sample_panel(data, years, entities, columns)


@st.cache_data(show_spinner=False, max_entries=64)
def spatial_fit(key: str, _data: pd.DataFrame, dependent: str, regressors: tuple[str, ...], years: tuple[int, int],
                entities: tuple[str, ...], model: str, kind: str, k: int, islands: str, fixed_effects: str) -> Any:
    """The fitted SpatialPanelResults (``key`` identifies the data, as the page's other fits)."""
    from core.spatial_panel import fit_spatial_panel

    return fit_spatial_panel(_sample(_data, (dependent, *regressors), years, entities), dependent, list(regressors),
                             spatial_weights(entities, kind, k, islands), model=model,  # type: ignore[arg-type]
                             fixed_effects=fixed_effects)  # type: ignore[arg-type]


@st.cache_data(show_spinner=False, max_entries=64)
def fit_view(key: str, _data: pd.DataFrame, args: tuple) -> dict[str, Any]:
    """What the section shows of one fit (``args``: the arguments of :func:`spatial_fit` after ``_data``)."""
    result = spatial_fit(key, _data, *args)
    table = result.table().reset_index(names="term")
    effects = result.effects
    if key.startswith("public") or ":series:" in key:  # say which public series are proxies, next to the number
        status = lambda term: "" if term in ("rho", "lambda") else panel.public_status(term.removeprefix("W_"))  # noqa: E731
        table["data"] = [t(status(term)) for term in table.term]
        effects = effects.assign(data=[t(status(term)) for term in effects.index])
    return {"table": table, "loglik": result.loglik, "aic": result.aic,
            "bic": result.bic, "nobs": result.nobs, "n": result.nentities, "years": (result.years[0], result.years[-1]),
            "param": result.spatial_parameter, "value": float(result.params[result.spatial_parameter]),
            "se": float(result.std_errors[result.spatial_parameter]), "effects": effects,
            "method": result.effects.attrs.get("method", ""), "weights": result.weights.method,
            "summary": result.summary}


@st.cache_data(show_spinner=False, max_entries=32)
def diagnostics(key: str, _data: pd.DataFrame, dependent: str, regressors: tuple[str, ...], years: tuple[int, int],
                entities: tuple[str, ...], kind: str, k: int, islands: str, fixed_effects: str
                ) -> tuple[pd.DataFrame, pd.DataFrame, Any]:
    """LM tests and Moran's I of the FE residuals (no spatial fit), and the LR comparison (or why not)."""
    from core import spatial_panel as sp

    sample = _sample(_data, (dependent, *regressors), years, entities)
    w = spatial_weights(entities, kind, k, islands)
    lm = sp.lm_tests(sample, dependent, list(regressors), w, fixed_effects=fixed_effects)
    moran = sp.fe_residual_morans_i(sample, dependent, list(regressors), w, fixed_effects=fixed_effects)
    try:
        comparison = sp.compare_models(sample, dependent, list(regressors), w, fixed_effects=fixed_effects)
        compared: Any = (comparison.lr, comparison.models)
    except ConvergenceError as exc:
        compared = exc.message  # a str that keeps its template (``shell.said``)
    return lm, moran, compared


@st.cache_data(show_spinner=False, max_entries=64)
def spill_frame(key: str, _data: pd.DataFrame, args: tuple, spec: scen.SpilloverSpec) -> pd.DataFrame:
    """The map frame of a lever move on the cached fit of ``args`` (no refit)."""
    return scen.map_frame(spatial_fit(key, _data, *args), _data, spec)


@st.cache_data(show_spinner=False, max_entries=16)
def effects_template(regressors: tuple[str, ...], title: str, note: str | None,
                     labels: tuple[tuple[str, str], ...]) -> dict:
    from core.charts import spatial as charts

    return charts.effects_template(regressors, title=title, note=note, labels=dict(labels))


@st.cache_data(show_spinner=False, max_entries=16)
def spillover_template(title: str, note: str | None, labels: tuple[tuple[str, str], ...]) -> dict:
    from core.charts import spatial as charts

    return charts.spillover_template(title=title, note=note, labels=dict(labels))


CHART_TEXTS = ("Direct", "Indirect (spillover)", "Total", "Effect on the dependent per unit of the regressor (95 % band)",
               "each row has its own scale",
               "Regressor", "Effect", "Estimate", "Lower", "Upper", "Direct (own change)",
               "Spillover (from the other moved provinces)", "Change in the dependent (its units)", "Province", "Part",
               "Change", "Total change")


def chart_labels() -> tuple[tuple[str, str], ...]:
    return tuple((text, t(text)) for text in CHART_TEXTS)


# --- readings in plain language --------------------------------------------------------------------

def _p(p: float) -> str:
    return "p < 0.001" if p < 0.001 else f"p = {p:.3f}"


def lm_reading(lm: pd.DataFrame) -> str:
    """Anselin's decision rule on the LM tests, in words."""
    sig = {name: lm.loc[name, "p_value"] < 0.05 for name in lm.index}
    if not sig["lm_lag"] and not sig["lm_error"]:
        return t("Neither LM test rejects at 5 %: the FE residuals show no clear spatial dependence; the "
                 "non-spatial FE model may suffice.")
    if sig["robust_lm_lag"] and not sig["robust_lm_error"]:
        return t("The robust LM test points to a spatial lag (dependence in the index itself), not only in the errors.")
    if sig["robust_lm_error"] and not sig["robust_lm_lag"]:
        return t("The robust LM test points to a spatial error (dependence in what the regressors leave out), "
                 "not a lag.")
    if sig["robust_lm_lag"] and sig["robust_lm_error"]:
        return t("Both robust LM tests reject: lag and error dependence both seem present — the spatial Durbin "
                 "model, which nests both, is the usual next step (see the LR tests).")
    return t("The plain LM tests reject but neither robust test does: dependence is present, its form unclear.")


def lr_reading(lr: pd.DataFrame) -> str:
    """What the likelihood-ratio tests of Durbin against lag and error say, in words."""
    vs_lag, vs_error = lr.loc["durbin_vs_lag", "p_value"] < 0.05, lr.loc["durbin_vs_error", "p_value"] < 0.05
    if vs_lag and vs_error:
        return t("The Durbin model fits significantly better than both the lag and the error model (5 %): keep "
                 "the neighbours' regressors (W·X) — the Durbin model is preferred.")
    if not vs_lag and not vs_error:
        return t("The Durbin model does not fit significantly better than either simpler model (5 %); prefer the "
                 "simpler one with the better AIC.")
    if not vs_lag:
        return t("The Durbin model is not significantly better than the lag model (5 %): the lag model suffices.")
    return t("The Durbin model is not significantly better than the error model (5 %): the error model suffices.")


def hainan_line(kind: str, method: str, entities: tuple[str, ...]) -> str:
    """How Hainan (no land neighbour) is linked, said on screen."""
    if "Hainan" not in entities:
        return t("Hainan is not in this sample.")
    if kind == "queen":
        names = shell.province_names()
        links = method.split("Hainan -> ", 1)[1].split(";")[0] if "Hainan -> " in method else ""
        shown = ", ".join(names.get(p.strip(), p.strip()) for p in links.split(",") if p.strip())
        return t("Hainan has no land border; it is linked to") + f" **{shown}** " + t(
            "(both ways), so it has neighbours under queen contiguity.")
    return t("Hainan, like every province, gets its neighbours from the distance between province centroids.")


# --- the section -------------------------------------------------------------------------------------

def _message(exc: Exception) -> None:
    title = {UnbalancedPanelError: "The panel is not balanced for these variables and years",
             WeightsMismatchError: "The weights do not match the provinces of the sample",
             InvalidWeightsError: "These weights cannot be used",
             ConvergenceError: "The model did not converge",
             SpatialPanelInputError: "This specification cannot be estimated",
             }.get(type(exc), "The spatial model cannot be estimated")
    st.error(f"**{t(title)}.** {shell.said(exc)}", icon=":material/error:")


def _use_years(span: tuple[int, int]) -> None:
    st.session_state["years"] = span


def section_for_page(sample: Callable[..., Any]) -> Callable[..., None]:
    """The section function for the regression page's SECTIONS (signature ``(key, data, source, spec, all_years)``).

    ``sample`` is the page's helper (the sample-years slider and the classical fit on that sample).  Called while
    the page builds SECTIONS, before its section control exists: a link that carries ``reg_sp_*`` parameters
    opens on this section when the page is entered (as a moved scenario lever opens the Scenario section).
    """
    if "_reg_section_default" not in st.session_state and any(k.startswith("reg_sp_") for k in st.query_params):
        st.session_state["_reg_section_default"] = SECTION

    @shell.fragment
    def spatial_section(key: str, data: pd.DataFrame, source: str, spec: panel.ModelSpec, all_years: list[int]
                        ) -> None:
        sampled = sample(key, data, spec, all_years)
        if sampled is None:
            return
        fit_args, view = sampled
        dependent, regressors, page_model = fit_args.dependent, fit_args.regressors, fit_args.model
        transforms, years = fit_args.transforms, fit_args.years
        # every province of the data in the chosen regions (not only those the classical fit kept: the spatial
        # models drop nothing, so a province with gaps is reported below rather than left out)
        present = sorted(set(data.index.get_level_values(0).astype(str)))
        entities = tuple(p for p in present if fit_args.entities is None or p in set(fit_args.entities))
        fixed_effects = "twoway" if panel.MODEL_INFO[page_model].time_effects else "entity"
        shell.explain(t(
            "Spatial panel models ask whether a province's index moves with its **neighbours'**: the spatial lag "
            "model adds the neighbours' index (ρ·Wy), the spatial error model lets the unexplained part spill over "
            "(λ·Wu), the spatial Durbin model adds both the neighbours' index and their regressors (W·X). Fitted by "
            "maximum likelihood with province fixed effects on the variables, years and regions chosen above."))
        notes = [t("Fixed effects") + ": " + (t("province and year") if fixed_effects == "twoway" else t("province"))
                 + " (" + t("from the Model choice: entity + year effects give both, any other choice province "
                            "effects") + ")",
                 t("standard errors from the information matrix (the page's standard-error choice does not apply)")]
        if transforms:
            notes.append(t("the transformations above are not applied here: the spatial models use the variables "
                           "as they are"))
        st.caption(" · ".join(notes))

        c1, c2, c3 = st.columns([1.3, 1.3, 1.6])
        _seed("reg_sp_model", lambda v: v in scen.MODELS, "lag")
        model = c1.selectbox(t("Spatial model"), scen.MODELS, format_func=_shown(MODEL_NAMES),
                             key="reg_sp_model")
        _publish("reg_sp_model", model)
        _seed("reg_sp_w", lambda v: v in scen.WEIGHTS, "queen")
        kind = c2.selectbox(t("Spatial weights"), scen.WEIGHTS, format_func=_shown(WEIGHT_NAMES),
                            key="reg_sp_w")
        _publish("reg_sp_w", kind)
        k = int(c2.slider(t("k (neighbours per province)"), 1, scen.MAX_K, scen.DEFAULT_K, key="reg_sp_k",
                          bind="query-params", disabled=kind != "knn"))
        _seed("reg_sp_islands", lambda v: v in scen.ISLANDS, "nearest")
        islands = c3.radio(t("How Hainan is linked (queen contiguity)"), scen.ISLANDS,
                           format_func=_shown(ISLAND_NAMES), key="reg_sp_islands", disabled=kind != "queen")
        _publish("reg_sp_islands", None if islands == "nearest" else islands)
        # k matters for k-nearest only, Hainan's link for queen only: fixed otherwise, so they key no extra fit
        k = k if kind == "knn" else scen.DEFAULT_K
        islands = islands if kind == "queen" else "nearest"

        columns = (dependent, *regressors)
        gaps, span = balance(key, data, columns, years, entities)
        if gaps:
            st.warning(f"**{t('The spatial models need every province in every year.')}** "
                       + t("Missing in the chosen sample") + ": " + "; ".join(map(_gap_words, gaps)) + ". "
                       + t("Nothing is dropped: choose other years or other regressors."), icon=":material/grid_off:")
            if span is not None:
                st.button(f"{t('Fit on the balanced years')} {span[0]}–{span[1]}", key="reg_sp_balanced",
                          on_click=_use_years, args=(span,), icon=":material/date_range:")
            else:
                st.info(t("No run of two or more years has every regressor for every province; remove the "
                          "regressor with gaps."))
            return

        try:
            weights = spatial_weights(entities, kind, k, islands)
            args = (dependent, tuple(regressors), years, entities, model, kind, k, islands, fixed_effects)
            fitted = fit_view(key, data, args)
        except SPATIAL_ERRORS as exc:
            _message(exc)
            return
        st.markdown(hainan_line(kind, weights.attrs.get("method", ""), entities))
        method = str(weights.attrs.get("method", "")) if shell.lang() == "en" else \
            t(WEIGHT_NAMES[kind]) + (f", k = {k}" if kind == "knn" else "")  # core's description is English
        st.caption(t("Weights") + ": " + method + " · " + t("row-standardised"))

        _model_block(key, data, source, dependent, regressors, years, entities, model, kind, k, islands,
                     fixed_effects, fitted)
        st.markdown(f"### {t('Spillover scenario')}")
        scenario_fragment(key, data, source, args, fitted)

    return spatial_section


def _test_table(tests: pd.DataFrame, names: dict[str, str], test_header: str, statistic_header: str,
                source: str) -> None:
    """A table of tests (indexed by ``test``: ``statistic``, ``df``, ``p_value``) with each test in words."""
    shown = tests.reset_index().assign(test=lambda f: f.test.map(names))[["test", "statistic", "df", "p_value"]]
    _source_caption(source)
    st.dataframe(shown, hide_index=True, column_config={
        "test": test_header, "statistic": st.column_config.NumberColumn(statistic_header, format="%.2f"),
        "df": st.column_config.NumberColumn(t("df"), format="%d"),
        "p_value": st.column_config.NumberColumn("p", format="%.4f")})


def _source_caption(source: str) -> None:
    if source == "demo":
        line = f":red[**{t('Synthetic — for demonstration')}**] · " + t("paper-shaped demo panel; not data about "
                                                                        "any province.")
    elif source == "upload":
        line = t("Data: your uploaded file (kept in this session only).")
    else:
        line = t("Data: public — published index (Table 1) with provincial yearbook series bundled in data/.")
    st.caption(line + "  \n" + t("Estimates: core.spatial_panel (maximum likelihood, province fixed effects)."))


def _note(source: str) -> str:
    return {"demo": "synthetic — for demonstration", "upload": "Uploaded data"}.get(source, "Public data")


def _model_block(key: str, data: pd.DataFrame, source: str, dependent: str, regressors: tuple[str, ...],
                 years: tuple[int, int], entities: tuple[str, ...], model: str, kind: str, k: int, islands: str,
                 fixed_effects: str, fitted: dict[str, Any]) -> None:
    counts = st.container(horizontal=True)
    counts.metric("N", f"{fitted['nobs']}")
    counts.metric(t("Provinces"), f"{fitted['n']}")
    counts.metric(t("Years"), f"{fitted['years'][0]}–{fitted['years'][1]}")
    counts.metric(fitted["param"].replace("lambda", "λ").replace("rho", "ρ"),
                  f"{fitted['value']:.3f}", f"s.e. {fitted['se']:.3f}", delta_color="off", delta_arrow="off")
    counts.metric(t("Log-likelihood"), f"{fitted['loglik']:.2f}", f"AIC {fitted['aic']:.1f}", delta_color="off",
                  delta_arrow="off")
    st.markdown(f"**{t(MODEL_NAMES[model])}: {dependent} ~ {' + '.join(regressors)}**")
    _source_caption(source)
    st.dataframe(fitted["table"], hide_index=True, column_config={
        "term": t("Term"), "estimate": st.column_config.NumberColumn(t("Estimate"), format="%.4f"),
        "std_error": st.column_config.NumberColumn(t("Std. error"), format="%.4f"),
        "z": st.column_config.NumberColumn("z", format="%.2f"),
        "p_value": st.column_config.NumberColumn("p", format="%.4f"),
        "lower": st.column_config.NumberColumn(t("Lower 95 %"), format="%.4f"),
        "upper": st.column_config.NumberColumn(t("Upper 95 %"), format="%.4f"), "data": t("Data")})

    st.markdown(f"**{t('Which spatial model? LM and likelihood-ratio tests')}**")
    try:
        lm, moran, compared = diagnostics(key, data, dependent, tuple(regressors), years, entities, kind, k, islands,
                                          fixed_effects)
    except SPATIAL_ERRORS as exc:
        _message(exc)
        return
    left, right = st.columns(2)
    with left:
        names = {"lm_lag": t("LM lag"), "lm_error": t("LM error"), "robust_lm_lag": t("Robust LM lag"),
                 "robust_lm_error": t("Robust LM error")}
        _test_table(lm, names, t("Test (on the FE residuals)"), "χ²", source)
        st.markdown(lm_reading(lm))
    with right:
        if isinstance(compared, str):
            st.warning(t("The likelihood-ratio tests need all three models; one did not converge") + f": {shell.said(compared)}")
        else:
            lr, models = compared
            names = {"durbin_vs_lag": t("Durbin vs lag (θ = 0)"), "durbin_vs_error": t("Durbin vs error (θ = −ρβ)"),
                     "lag_vs_fe": t("Lag vs FE (ρ = 0)"), "error_vs_fe": t("Error vs FE (λ = 0)")}
            _test_table(lr, names, t("Likelihood-ratio test"), "LR", source)
            st.markdown(lr_reading(lr))
            best = models["aic"].idxmin()
            st.caption(t("Lowest AIC") + f": {t({'fe': 'non-spatial FE', 'lag': 'lag', 'error': 'error', 'durbin': 'Durbin'}[best])}"
                       + " · " + " · ".join(f"{m} {v:.1f}" for m, v in models["aic"].items()))

    pooled = moran.loc["pooled"]
    st.markdown(f"**{t('Moran’s I of the FE residuals')}**: I = {pooled.I:.3f} ({_p(pooled.p_sim)}, "
                f"{moran.attrs.get('permutations', 999)} {t('permutations')}; {t('expected under no dependence')} "
                f"{pooled.expected:.3f}). " + (
                    t("Neighbouring provinces' residuals resemble each other: the non-spatial FE model leaves "
                      "spatial dependence behind.") if pooled.p_sim < 0.05 and pooled.I > pooled.expected else
                    t("No clear spatial pattern is left in the FE residuals.")))
    by_year = st.expander(t("Moran's I of the FE residuals by year"))
    with by_year:
        _source_caption(source)
        st.dataframe(moran.reset_index(), hide_index=True, column_config={
            "year": t("Year"), "I": st.column_config.NumberColumn("I", format="%.3f"),
            "expected": st.column_config.NumberColumn(t("Expected"), format="%.3f"),
            "p_sim": st.column_config.NumberColumn(t("Permutation p"), format="%.3f")})

    st.markdown(f"**{t('Direct, indirect (spillover) and total effects')}**")
    effects = fitted["effects"]
    labels = chart_labels()
    from core.charts import spatial as charts

    template = effects_template(tuple(regressors), t("Effects with 95 % bands"), t(_note(source)), labels)
    shell.chart(template, rows={charts.EFFECT_ROWS: charts.effect_rows(effects, dict(labels))}, width="stretch")
    shell.how_to_read(
        t("For a regressor, the **direct** effect is the average change of a province's own dependent when its own "
          "regressor rises by one unit (feedback through the neighbours included); the **indirect** effect is the "
          "average change that reaches it when that regressor rises by one unit in every *other* province; the "
          "**total** is their sum (LeSage & Pace 2009). Lines are 95 % bands from 1,000 draws of the estimates "
          "(seed 20260101). In the spatial error model there is no spillover of the regressors: direct = β, "
          "indirect = 0."),
        "core.spatial_panel (" + str(fitted["method"]) + ")")
    _source_caption(source)
    table = effects.reset_index()[["regressor", "direct", "direct_lower", "direct_upper", "indirect", "indirect_lower",
                                   "indirect_upper", "total", "total_lower", "total_upper",
                                   *(["data"] if "data" in effects.columns else [])]]
    number = lambda label: st.column_config.NumberColumn(label, format="%.4f")  # noqa: E731
    st.dataframe(table, hide_index=True, column_config={
        "regressor": t("Regressor"), "direct": number(t("Direct")), "direct_lower": number(t("Direct, lower")),
        "direct_upper": number(t("Direct, upper")), "indirect": number(t("Indirect")),
        "indirect_lower": number(t("Indirect, lower")), "indirect_upper": number(t("Indirect, upper")),
        "total": number(t("Total")), "total_lower": number(t("Total, lower")), "total_upper": number(t("Total, upper")),
        "data": t("Data")})
    shell.csv_button(table, f"spatial_effects_{source}_{model}", key="reg_sp_effects_csv")
    summary = st.expander(t("Full text summary of the spatial model"), key="reg_sp_summary_open", on_change="rerun")
    if summary.open:
        summary.code(fitted["summary"], language=None)


# --- the spillover scenario: its own fragment (a lever move reruns only this, and never refits) -----------

@shell.fragment
def scenario_fragment(key: str, data: pd.DataFrame, source: str, args: tuple, fitted: dict[str, Any]) -> None:
    dependent, regressors, years, entities, model, kind, k, islands, fixed_effects = args
    names = shell.province_names()
    c1, c2, c3 = st.columns([1.2, 1.2, 2.2])
    levers = [s for s in panel.LEVERS if s in regressors]  # a policy lever if the model has one
    _seed("reg_sp_lever", lambda v: v in regressors, (levers or list(regressors))[0])
    lever = c1.selectbox(t("Lever (a regressor of the model)"), regressors, key="reg_sp_lever",
                         format_func={s: f"{s} — {t(panel.VARIABLES[s].label)}" for s in regressors}.get)
    _publish("reg_sp_lever", lever)
    unit = panel.VARIABLES[lever].change_unit
    low, high, step = CHANGE_RANGE
    change = float(c2.slider(f"{t('Change')} ({t(unit)})", low, high, 10.0, step, key="reg_sp_change",
                             bind="query-params",
                             help=t("% for a variable in logs, percentage points for a share, points for a score.")))
    default_where = [DEFAULT_PROVINCE] if DEFAULT_PROVINCE in entities else [entities[0]]
    _seed("reg_sp_where", lambda v: isinstance(v, list) and all(p in entities for p in v), default_where, _codes)
    where = c3.multiselect(t("Provinces where the lever moves"), list(entities), key="reg_sp_where",
                           placeholder=t("Choose options"),
                           format_func=lambda p: names.get(p, p))
    _publish("reg_sp_where", ",".join(where))
    if not where:
        st.info(t("Choose at least one province where the lever moves."))
        return
    try:
        spec = scen.SpilloverSpec(model=model, weights=kind, lever=lever, change=change, provinces=tuple(where),
                                  regressors=tuple(regressors), dependent=dependent, years=tuple(years),
                                  source=source, k=k, islands=islands, fixed_effects=fixed_effects,
                                  regions=_regions(entities), interpolate_wages="no-interpolation" not in key)
        frame = spill_frame(key, data, args, spec)
    except (ScenarioError, *SPATIAL_ERRORS) as exc:
        st.error(shell.said(exc), icon=":material/error:")
        return
    if model == "error":
        st.info(t("In the spatial error model the regressors have no spatial multiplier: the change stays in the "
                  "provinces moved (spillover 0). Choose the lag or Durbin model to see spillovers."))
    moved, others = frame[frame.moved], frame[~frame.moved]
    row = st.container(horizontal=True)
    row.metric(t("Direct change, provinces moved (sum)"), f"{moved.direct.sum():+.4f}")
    row.metric(t("Spillover to the provinces moved (sum)"), f"{moved.spillover.sum():+.4f}")
    row.metric(t("Spillover elsewhere (sum)"), f"{others.spillover.sum():+.4f}")
    row.metric(t("Total change (sum)"), f"{frame.change.sum():+.4f}")
    from core.charts import spatial as charts

    labels = chart_labels()
    title = f"{t('Change in')} {dependent}, {spec.year}: {lever} {change:+g} {t(unit)}"
    shell.chart(spillover_template(t("Direct change and spillover by province"), t(_note(source)), labels),
                rows={charts.SPILL_ROWS: charts.spillover_rows(frame, names, dict(labels))}, width="stretch")
    shell.how_to_read(
        t("Each bar is a province's change in the dependent when the lever moves in the chosen provinces and stays "
          "there (a steady-state comparison at the estimates, the model is not refitted): dark blue is the **direct** "
          "part (the province's own change, feedback through its neighbours included), orange the **spillover** it "
          "receives from the other moved provinces through (I − ρW)⁻¹. Provinces not moved have spillover only."),
        "core.spatial_scenario / core.spatial_panel.spillover_projection")
    st.caption(title)
    _source_caption(source)
    shown = frame.assign(province=frame.province.map(lambda p: names.get(p, p)))[
        ["province", "moved", "baseline", "direct", "spillover", "change", "idt"]].sort_values("change", ascending=False)
    st.dataframe(shown, hide_index=True, column_config={
        "province": t("Province"), "moved": t("Lever moved here"),
        "baseline": st.column_config.NumberColumn(f"{t('Observed')} {spec.year}", format="%.3f"),
        "direct": st.column_config.NumberColumn(t("Direct"), format="%+.5f"),
        "spillover": st.column_config.NumberColumn(t("Spillover"), format="%+.5f"),
        "change": st.column_config.NumberColumn(t("Total change"), format="%+.5f"),
        "idt": st.column_config.NumberColumn(t("Level after the change"), format="%.3f")})
    if dependent != "idt":
        st.info(t("The map shows the agglomeration index; choose idt as the dependent variable to send spillovers."))
        return
    if st.button(t("Show spillovers on the map"), key="reg_sp_to_map", icon=":material/map:", type="primary"):
        query = spec.to_query()
        st.session_state[SESSION_FRAME] = (tuple(sorted(query.items())), frame)
        st.switch_page("pages/map.py", query_params={**query, "map_source": "Scenario", **dict(shell.shared_params())})


def _regions(entities: tuple[str, ...]) -> tuple[str, ...]:
    """The estimation regions behind ``entities`` (all three when every province of a region is in)."""
    regions = shell.regions()
    present = set(entities)
    chosen = tuple(r for r in scen.REGIONS if present & set(regions.loc[regions.region == r, "province"]))
    return chosen or scen.REGIONS


# --- what the map page reads ----------------------------------------------------------------------------

@st.cache_data(show_spinner=False, max_entries=16)
def recompute_link(items: tuple[tuple[str, str], ...]) -> pd.DataFrame:
    spec = scen.from_query(dict(items))
    if spec is None:
        raise scen.SpilloverLinkError("No spillover scenario in the link.")
    return scen.recompute(spec)


def for_map() -> tuple[pd.DataFrame | None, str]:
    """The spillover frame the map should show, if its link holds ``spill`` parameters: the frame the regression
    page sent (when it matches the link) or the one rebuilt from the link; (None, why not) on a bad link;
    (None, "") when the link holds no spillover scenario."""
    params = st.query_params.to_dict()
    if not scen.has_spillover(params):
        return None, ""
    items = tuple(sorted((k, str(v)) for k, v in params.items() if k == "spill" or k.startswith("spill_")))
    sent = st.session_state.get(SESSION_FRAME)
    if isinstance(sent, tuple) and len(sent) == 2 and sent[0] == items and isinstance(sent[1], pd.DataFrame):
        return sent[1], ""
    try:
        return recompute_link(items), ""
    except (ScenarioError, *SPATIAL_ERRORS) as exc:
        return None, t("The spillover scenario in the link could not be rebuilt") + f": {shell.said(exc)}"


MAP_VALUE_LABEL = "Index change ×1000 (direct + spillover)"
MAP_SCALE = 1000.0  # the map's legend prints two decimals; changes are thousandths of an index point


def map_values(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame the map colours: ``idt`` is the change ×1000 (the level stays in ``baseline`` + ``change``)."""
    return frame.assign(idt=frame.change * MAP_SCALE)


def map_caption(frame: pd.DataFrame) -> None:
    """Under the map: which provinces moved (direct change) and what spilled over elsewhere."""
    names = shell.province_names()
    moved, others = frame[frame.moved], frame[~frame.moved]
    st.caption(t("Colour: the change in the index ×1000 (direct + spillover), not its level.") + " "
               + t("Direct change where the lever moved") + ": "
               + ", ".join(f"{names.get(p, p)} {d:+.4f}" for p, d in zip(moved.province, moved.direct)) + ". "
               + t("Spillover elsewhere") + f": {others.spillover.min():+.4f} … {others.spillover.max():+.4f} "
               + f"({t('sum')} {others.spillover.sum():+.4f}). " + str(frame.label.iloc[0]))
    with st.expander(t("Direct change and spillover by province")):
        shown = frame.assign(province=frame.province.map(lambda p: names.get(p, p)))[
            ["province", "moved", "baseline", "direct", "spillover", "change", "idt"]]
        st.dataframe(shown.sort_values("change", ascending=False), hide_index=True)
