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
    # --- /policy (pilot-city DID) ---
    "Did the innovative-city pilot draw high-tech talent?": "创新型城市试点是否吸引了高技术人才？",
    "Outcome data": "结果变量数据",
    "Synthetic demonstration panel": "合成演示面板",
    "My city panel (upload)": "我的城市面板（上传）",
    "Event window (years around approval)": "事件窗口（获批前后年数）",
    "Cluster standard errors by": "标准误聚类层级",
    "City": "城市",
    "None (heteroskedasticity-robust)": "不聚类（异方差稳健）",
    "Controls": "控制变量",
    "log GDP per capita (ln yuan)": "人均GDP对数（ln 元）",
    "log registered population (ln 10k persons)": "户籍人口对数（ln 万人）",
    "secondary industry share of GDP (%)": "第二产业占GDP比重（%）",
    "Control for Broadband China (concurrent policy)": "控制“宽带中国”试点（同期政策）",
    "Event-study estimator": "事件研究估计量",
    "both": "两者",
    "First-approval years (editable)": "首次获批年份（可编辑）",
    "First approval year": "首次获批年份",
    "Status of the bundled year": "内置年份的可靠性",
    "Approval years not usable": "获批年份无法使用",
    "Using the bundled years instead.": "改用内置年份。",
    "Approval years entered by you": "您输入的获批年份",
    "Outcome": "结果变量",
    "synthetic — for demonstration": "合成数据——仅供演示",
    "Outcome: your uploaded city panel": "结果变量：您上传的城市面板",
    "Download the city-panel template (CSV)": "下载城市面板模板（CSV）",
    "City x year panel (CSV or XLSX)": "城市×年份面板（CSV 或 XLSX）",
    "The file cannot be used": "文件无法使用",
    "Cohorts included (first approval year)": "纳入的批次（首次获批年份）",
    "Select at least one cohort to estimate the effect.": "请至少选择一个批次以估计效应。",
    "Left out": "已排除",
    "pilot cities without an approval year": "个无获批年份的试点城市",
    "pilot cities of cohorts not selected": "个未选批次的试点城市",
    "Not in the data, ignored": "数据中没有，已忽略",
    "The design cannot be estimated": "无法估计该设计",
    "Treatment timing": "处理时点",
    "Treatment timing: cities by first approval year": "处理时点：按首次获批年份统计的城市数",
    "First approval year (cohort)": "首次获批年份（批次）",
    "Cities": "城市数",
    "Event study and pre-trends": "事件研究与事前趋势",
    "Event study: effect by years since approval": "事件研究：获批后各年的效应",
    "Years since first approval": "距首次获批的年数",
    "Effect on outcome": "对结果变量的效应",
    "reference period (set to 0)": "基期（设为0）",
    "no evidence against parallel pre-trends at 5%": "在5%水平上没有违背平行趋势的证据",
    "pre-trends differ from zero at 5%: read the effects with care": "事前系数在5%水平上显著不为零：请谨慎解读效应",
    "Two-way fixed effects versus the heterogeneity-robust estimate": "双向固定效应与异质性稳健估计的比较",
    "Synthetic truth (mean effect on treated)": "合成数据真值（处理组平均效应）",
    "TWFE differs from did2s by": "TWFE 与 did2s 之差为",
    "Average effect on the treated (ATT), 95% interval": "处理组平均处理效应（ATT）及95%区间",
    "ATT (outcome units)": "ATT（结果变量单位）",
    "East, central and west": "东部、中部与西部",
    "ATT by region (each region estimated on its own cities)": "分地区ATT（各地区分别用本地区城市估计）",
    "No region has enough treated and comparison cities for an estimate.": "没有地区有足够的处理组和对照组城市用于估计。",
    "east": "东部",
    "central": "中部",
    "west": "西部",
    "Estimates table": "估计结果表",
    "Upload a city x year panel (see the template) to run the design on your data.": "上传城市×年份面板（见模板）以用您的数据运行该设计。",
    "Cities: real pilot lists; years: bundled file and your edits": "城市：真实试点名单；年份：内置文件及您的修改",
}


def translate(text: str, lang: str) -> str:
    """``text`` in ``lang`` (``"en"`` or ``"zh"``); unknown text or language returns ``text``."""
    if lang == "zh":
        return ZH.get(text, text)
    return text
