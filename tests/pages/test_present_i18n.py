"""Home, /map and the shell in Chinese mode show (almost) no English, English mode shows no Chinese in labels, and
presenter mode raises every chart's text to 16 px (issue 18)."""

from __future__ import annotations

import json
import re

import pytest

from tests.pages.helpers import assert_clean, english_words, run_page, visible_texts

# Proper nouns, library names and the name of a statistic that stay as they are in Chinese text.
ALLOW = {"PySAL", "esda", "libpysal", "mapclassify", "queen", "Moran's", "Moran’s"}
CJK = re.compile(r"[\u4e00-\u9fff]")


def zh_words(at) -> dict[str, list[str]]:
    """English words on the page and in the sidebar (the shell), leaving out letters of hex colours that charts
    carry as a field's values (the map's fill colours, "#56a0ce"), which no visitor reads."""
    hex_letters = {word for _, text in visible_texts(at, main_only=False)
                   for code in re.findall(r"#([0-9a-fA-F]{3,8})\b", text) for word in re.findall(r"[A-Za-z]+", code)}
    return english_words(at, allow=ALLOW | hex_letters, main_only=False)


def test_home_in_chinese_shows_no_english_words():
    at = run_page("streamlit_app.py", query={"lang": "zh"})
    assert_clean(at)
    assert zh_words(at) == {}


@pytest.mark.parametrize("query", [
    {}, {"map_source": "io"}, {"map_source": "scenario"}, {"map_group_by": "region"},
    {"map_group_by": "cluster", "map_group_mode": "filter"}, {"map_classes": "continuous", "map_palette": "diverging"},
    {"map_classes": "meaning"}, {"present": "1"},
], ids=lambda q: ",".join(f"{k}={v}" for k, v in q.items()) or "default")
def test_map_in_chinese_shows_no_english_words(query):
    at = run_page("pages/map.py", query={"lang": "zh", **query})
    assert_clean(at)
    found = zh_words(at)
    assert found == {}, found
    # the LISA legend and the group outline name their classes in Chinese
    texts = [text for where, text in visible_texts(at) if where == "chart"]
    assert "高-高" in texts or "低-低" in texts


def test_map_options_are_words_and_the_link_keeps_codes():
    at = run_page("pages/map.py", query={"lang": "zh", "map_classes": "Quantiles", "map_source": "IO tables"})
    assert at.selectbox(key="map_classes").value == "quantiles"  # an old link's label still opens its view
    assert at.radio(key="map_source").value == "io"
    assert at.query_params["map_classes"] == "quantiles" and at.query_params["map_source"] == "io"
    shown = at.selectbox(key="map_classes").proto.options
    assert "分位数（各级省份数相同）" in shown and "quantiles" not in shown
    for where, text in visible_texts(at, main_only=False):
        assert text not in ("None", "null", "true", "false", "nan"), where


@pytest.mark.parametrize("path", ["streamlit_app.py", "pages/map.py"])
def test_english_mode_shows_no_chinese_in_labels(path):
    at = run_page(path, query={"map_group_by": "region"} if path == "pages/map.py" else None)
    assert_clean(at)
    labelled = [(where, text) for where, text in visible_texts(at, main_only=False)
                if where not in ("table cell",) and CJK.search(text) and text.strip() not in ("中文",)]
    assert labelled == [], labelled


def font_sizes(node, out=None):
    out = [] if out is None else out
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "datasets":
                continue
            if key.lower().endswith("fontsize") and isinstance(value, (int, float)):
                out.append(value)
            else:
                font_sizes(value, out)
    elif isinstance(node, list):
        for item in node:
            font_sizes(item, out)
    return out


@pytest.mark.parametrize("path", ["streamlit_app.py", "pages/map.py"])
def test_presenter_mode_draws_chart_text_at_16_px(path):
    at = run_page(path, query={"present": "1"})
    assert_clean(at)
    specs = [json.loads(node.proto.spec) for node in at.get("vega_lite_chart")]
    assert specs
    for spec in specs:
        config = spec["config"]
        assert config["axis"]["labelFontSize"] >= 16 and config["legend"]["labelFontSize"] >= 16
        assert config["title"]["fontSize"] >= 16 and config["title"]["subtitleFontSize"] >= 16
        assert min(font_sizes({k: v for k, v in spec.items() if k != "config"}) or [16]) >= 16


def test_presenter_config_leaves_the_cached_spec_alone():
    import pages as shell

    spec = {"title": {"text": "x", "fontSize": 12}, "datasets": {"d": [{"a": 1}]},
            "encoding": {"color": {"legend": {"labelFontSize": 10}}}, "config": {"axis": {"labelFontSize": 20}}}
    before = json.dumps(spec, sort_keys=True)
    drawn = shell.presenter_config(spec, presenting_now=True)
    assert json.dumps(spec, sort_keys=True) == before
    assert drawn["title"]["fontSize"] == 16 and drawn["encoding"]["color"]["legend"]["labelFontSize"] == 16
    assert drawn["config"]["axis"]["labelFontSize"] == 20  # a larger size of the spec's own is kept
    assert drawn["datasets"] is spec["datasets"]  # rows are not copied
    assert shell.presenter_config(spec, presenting_now=False) is spec


@pytest.mark.parametrize("path, query", [
    ("pages/policy.py", {}),
    ("pages/regression.py", {}),
    ("pages/regression.py", {"reg_section": "Spatial spillovers"}),
    ("pages/global.py", {}),
    ("pages/scale.py", {"scale_tab": "series"}),
])
def test_multiselect_placeholders_are_chinese_in_chinese_mode(path, query):
    """An emptied multiselect shows its placeholder; left unset, Streamlit shows its own English 'Choose options'."""
    at = run_page(path, query={"lang": "zh", **query})
    assert_clean(at)
    boxes = list(at.multiselect)
    assert boxes, "the page shows no multiselect"
    for box in boxes:
        assert re.search(r"[\u4e00-\u9fff]", box.proto.placeholder or ""), (box.label, box.proto.placeholder)
