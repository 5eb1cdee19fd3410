"""English / Chinese labels.

``translate(text, lang)`` looks an English label up in ``ZH`` and falls back to
the English text, so a missing translation never blanks a label.  Province
names come from ``data/regions.csv`` (which carries both), not from here.
"""

from __future__ import annotations

LANGUAGES = ("en", "zh")

ZH: dict[str, str] = {
    "Home": "首页",
    "Digitalization scale": "产业数字化规模",
    "Agglomeration map": "集聚地图",
    "Regression explorer": "回归分析",
    "Pilot-city policy": "创新型城市试点政策",
    "Global talent clusters": "全球人才集群",
    "Year": "年份",
    "Province": "省份",
    "Provinces": "省份",
    "Agglomeration index": "集聚度指数",
    "Language": "语言",
    "Presenter mode": "演示模式",
    "How to read this chart": "如何阅读此图",
    "Sources": "数据来源",
    "Download CSV": "下载 CSV",
    "Download PNG": "下载 PNG",
    "Download SVG": "下载 SVG",
}


def translate(text: str, lang: str) -> str:
    """``text`` in ``lang`` (``"en"`` or ``"zh"``); unknown text or language returns ``text``."""
    if lang == "zh":
        return ZH.get(text, text)
    return text
