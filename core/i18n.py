"""English / Chinese labels.

``translate(text, lang)`` looks an English label up in ``ZH`` and falls back to
the English text, so a missing translation never blanks a label.  Province
names come from ``data/regions.csv`` (which carries both), not from here.
"""

from __future__ import annotations

__all__ = ["LANGUAGES", "ZH", "translate"]

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
    "Broadband China control": "控制“宽带中国”",
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
    "The event study cannot be estimated": "无法估计事件研究",
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
    "Estimates table (ATT, all cities and by region; the event study has its own download above)":
        "估计结果表（ATT，全部城市及分地区；事件研究在上方单独下载）",
    "Upload a city x year panel (see the template) to run the design on your data.": "上传城市×年份面板（见模板）以用您的数据运行该设计。",
    "Cities: real pilot lists; years: bundled file and your edits": "城市：真实试点名单；年份：内置文件及您的修改",
    # --- digitalization scale page (issue 4) ---
    "Whatever the employment source, eq. 7-8 give practitioners ÷ employment = digital VA ÷ GDP, so eq. 9 is each province's digital value-added share of GDP over its employment-weighted national mean: employment moves every province by the same factor, never the ranking.": "无论就业数据来源如何，式7-8都给出 从业人员 ÷ 就业 = 数字增加值 ÷ GDP，因此式9等于各省数字增加值占 GDP 的比重除以其就业加权的全国均值：就业只会让所有省份按同一倍数变化，不会改变排名。",
    'No employment for': '没有就业数据：',
    'in the employment source for': '年，就业数据来源缺少',
    'their index is left empty and they are not part of the national total.': '这些省份的指数留空，且不计入全国总量。',
    'carried forward': '沿用',
    'published': '公布的',
    'table': '年表',
    'from': '基于',
    'benchmark table': '基准表',
    'RAS-updated': 'RAS 更新',
    'extrapolated': '外推',
    '10,000 yuan': '万元',
    'Agglomeration index (1 = national parity)': '集聚度指数（1 = 全国平均）',
    'All provinces': '全部省份',
    'Base table': '基准表',
    'Base table for years between benchmarks': '非基准年份所用的基准表',
    'Change in direct coefficients A after RAS (updated - base)': 'RAS 调整后直接消耗系数 A 的变化（更新后 − 基期）',
    'Choose at least one digital-core sector to compute the index.': '请至少选择一个数字核心部门以计算指数。',
    'Coefficient (dimensionless)': '系数（无量纲）',
    'Computed against published': '计算值与公布值对比',
    'Computed from the IO tables': '由投入产出表计算',
    'Computed index (bars) and published Table 1 (ticks)': '计算指数（条形）与公布的表1（刻度）',
    'Computed index by year (solid) and Table 1 (dashed)': '逐年计算指数（实线）与表1（虚线）',
    'Control totals': '控制总量',
    'Custom digital-core sectors': '自定义数字核心部门',
    'Digital VA counted': '计入的数字增加值',
    'Digital VA, traditional (eq. 6)': '传统产业数字增加值（式6）',
    'Digital consumption coefficient (eq. 4)': '数字消耗系数（式4）',
    'Digital consumption coefficient by sector (eq. 4)': '各部门数字消耗系数（式4）',
    "Digital core's own value added only": '仅数字核心部门自身增加值',
    'Digital inputs / total output (direct coefficient)': '数字投入 / 总产出（直接消耗系数）',
    'Digital share of intermediate inputs (eq. 4 as printed)': '数字投入占中间投入的比重（式4原文）',
    'Digital-core sectors': '数字核心部门',
    'Digital-core sectors (codes in this table)': '数字核心部门（本表代码）',
    'Download template': '下载模板',
    'Employment': '就业',
    'Employment (10k)': '就业人数（万人）',
    'Employment proportional to resident population (labelled approximation)': '就业与常住人口成比例（标注为近似）',
    'Employment source': '就业数据来源',
    'Employment table (CSV or XLSX: province, year, employed_10k)': '就业表（CSV 或 XLSX：province, year, employed_10k）',
    'GDP (10k yuan)': 'GDP（万元）',
    'GDP per employed (eq. 7, yuan)': '人均劳动生产率（式7，元）',
    'Growth of GDP by sector': '三次产业 GDP 增长倍数',
    'Index computed (eq. 9)': '计算指数（式9）',
    'Index published (Table 1)': '公布指数（表1）',
    'Iterations': '迭代次数',
    'Largest residual (relative)': '最大相对残差',
    'Latest benchmark table not after the year (2011 from 2007, 2013-16 from 2012, 2018+ from 2017)': '不晚于该年的最近基准表（2011 用 2007，2013-16 用 2012，2018 年后用 2017）',
    'Maximum iterations': '最大迭代次数',
    'Method': '方法',
    'Nearest benchmark table (2011-14 from 2012, 2015-16 and 2018+ from 2017)': '最近的基准表（2011-14 用 2012，2015-16 及 2018 年后用 2017）',
    'No control totals for': '没有控制总量：',
    'No employment file uploaded yet: the population-weighted approximation is used until you add one.': '尚未上传就业文件：在上传前使用人口加权近似。',
    'Pick one or more provinces to draw their series.': '请选择一个或多个省份以绘制序列。',
    'Pick one or more provinces to see their steps.': '请选择一个或多个省份以查看计算步骤。',
    'Practitioners (eq. 8, 10k)': '从业人员（式8，万人）',
    'Province for the sector detail': '部门明细所用省份',
    'Provinces in the series': '序列中的省份',
    'Published (Table 1)': '公布值（表1）',
    'Purchasing sector (column)': '购买部门（列）',
    'RAS update of one provincial table (eq. 1-3)': '单个省份投入产出表的 RAS 更新（式1-3）',
    'Rank correlation with Table 1, year by year': '与表1的逐年秩相关',
    'Reading': '口径',
    'Reading of eq. 4-6 and base tables': '式4-6的口径与基准表',
    "Scale row totals to the column totals' grand total": '将行合计缩放至列合计的总量',
    'Share of GDP': '占 GDP 比重',
    'Sources of each input': '各项输入的数据来源',
    'Spearman rank correlation with Table 1': '与表1的 Spearman 秩相关',
    'Step 1 · digital consumption coefficients (eq. 4)': '第1步 · 数字消耗系数（式4）',
    'Steps 2-4 · digital value added, practitioners, index': '第2-4步 · 数字增加值、从业人员、指数',
    'Supplying sector (row)': '供给部门（行）',
    'Table used': '所用投入产出表',
    'Target year': '目标年份',
    'The 2012 table for every year except 2017 (closest to Table 1 outside the benchmark years)': '除2017年外均用2012年表（非基准年份最接近表1）',
    'The employment file cannot be used': '就业文件无法使用',
    'The population-weighted approximation is used instead.': '改用人口加权近似。',
    'The table cannot be balanced': '该表无法平衡',
    'Tolerance (relative)': '容差（相对）',
    "Traditional sectors only (the text's reading)": '仅传统产业（正文口径）',
    "Traditional sectors plus the digital core's own value added": '传统产业加数字核心部门自身增加值',
    'Under the current scope (digital core only) these coefficients do not enter the index.': '在当前口径（仅数字核心部门）下，这些系数不进入指数。',
    'VA of the digital core': '数字核心部门增加值',
    'Whose value added counts': '计入哪些部门的增加值',
    'With the population approximation, practitioners = digital VA ÷ (GDP / employment), so the index is the digital value-added share of GDP over its population-weighted national mean.': '在人口近似下，从业人员 = 数字增加值 ÷（GDP / 就业），因此指数等于数字增加值占 GDP 的比重除以其人口加权的全国均值。',
    'Your province × year table of employed persons': '您提供的省份×年份就业人数表',
    'computation carried forward and are labelled extrapolated.': '年的计算结果沿用而来，并标注为外推。',
    'computed beside Table 1': '计算值与表1并列',
    'primary / secondary / tertiary': '第一 / 第二 / 第三产业',
    'provinces': '个省份',
    'the values shown are the': '所示数值由',
    'Step by step': '逐步计算',
    'All provinces ranked': '全部省份排名',
    'Series 2011-2023': '2011-2023 序列',
    'RAS update': 'RAS 更新',
    'Target': '目标',
    # --- regression explorer ---
    'Data source': '数据来源',
    'Dependent variable': '因变量',
    'Model': '模型',
    'Standard errors': '标准误',
    'Regressors (Table 3)': '解释变量（表3）',
    'Sample years': '样本年份',
    'Regions': '地区',
    'Transformations (fixed menu)': '变量变换（固定选项）',
    'Log of': '取对数',
    'First lag of': '滞后一期',
    'Standardize': '标准化',
    'Choose at least one regressor.': '请至少选择一个解释变量。',
    'Choose at least one region.': '请至少选择一个地区。',
    'Scenario': '情景模拟',
    'Robustness': '稳健性',
    'Descriptive': '描述统计',
    'Years': '年份',
    'Within R²': '组内 R²',
    'Coefficients with 95 % intervals': '系数及 95% 置信区间',
    'Specification tests': '设定检验',
    'F test for province effects': '省份效应 F 检验',
    'Hausman test, FE vs RE': 'Hausman 检验（固定效应 vs 随机效应）',
    'paper': '论文',
    'Table 5 side by side': '与表5对照',
    'Per-variable coverage (which years exist)': '各变量覆盖年份',
    'Full linearmodels summary': 'linearmodels 完整输出',
    'Wages (pcw)': '工资（pcw）',
    'R&D intensity (rd)': '研发强度（rd）',
    'Public services (psl)': '公共服务（psl）',
    'Education (pdl)': '教育（pdl）',
    'Year projected': '预测年份',
    'Provinces changed (empty = all)': '变动的省份（空 = 全部）',
    'Projected index': '预测指数',
    'baseline': '基准',
    'Show on the map': '在地图上显示',
    'Add this variable to the regressors to use this lever.': '将该变量加入解释变量后才能使用此政策杠杆。',
    'All': '全部',
    'East': '东部',
    'Central': '中部',
    'West': '西部',
    'Not estimated': '未估计',
    'Synthetic — for demonstration': '合成数据——仅作演示',
    'Download the template (CSV)': '下载模板（CSV）',
    'Upload a CSV or XLSX panel': '上传 CSV 或 XLSX 面板数据',
    'Pooled OLS': '混合 OLS',
    'Entity fixed effects (eq. 10)': '个体固定效应（式10）',
    'Entity + year fixed effects': '个体 + 年份双向固定效应',
    'Random effects': '随机效应',
    'Classical (homoskedastic)': '经典（同方差）',
    'Heteroskedasticity-robust (White)': '异方差稳健（White）',
    'Clustered by province': '按省份聚类',
    'Driscoll-Kraay (cross-section and serial correlation)': 'Driscoll-Kraay（截面与序列相关）',
    # --- Global talent clusters page (issue 8) ---
    "World map": "世界地图",
    "Side by side": "并列比较",
    "Counts by region and country": "按地区和国家计数",
    "Talent-density composite": "人才密度综合指数",
    "Link to China": "与中国的联系",
    "Region": "地区",
    "Tier": "梯队",
    "Source": "来源",
    "Colour by": "着色依据",
    "Compare 2–4 cities or clusters": "比较 2–4 个城市或集群",
    "Choose at least two places to compare.": "请至少选择两个地点进行比较。",
    "No place matches the filters: choose at least one region, tier and source.": "没有符合筛选条件的地点：请至少选择一个地区、梯队和来源。",
    "Not drawn (no bundled coordinates)": "未绘制（无内置坐标）",
    "No CBRE city matches the filters.": "没有符合筛选条件的 CBRE 城市。",
    "Upload figures you hold (e.g. LinkedIn–Tsinghua)": "上传您持有的数据（如领英—清华报告）",
    "Figures file": "数据文件",
    "rows read": "行已读取",
    "Weight": "权重",
    "Weight of": "权重：",
    "Form": "形式",
    "Missing component": "缺失分项",
    "Top k for stability": "稳定性的前 k 名",
    "Illustrative": "示意性",
    "use values set by the app authors to demonstrate the method, not measurements.": "使用的是应用作者为演示方法而设定的数值，并非测量值。",
    "User-supplied figures used for": "使用用户提供数据的分项",
    "The composite cannot be computed": "无法计算综合指数",
    "Excluded (a weighted component is missing)": "已排除（缺少有权重的分项）",
    "Ranking": "排名",
    "weights": "权重",
    "ILLUSTRATIVE components": "示意性分项",
    "Top": "前",
    "No Chinese city or cluster matches the filters.": "没有符合筛选条件的中国城市或集群。",
    "Open the agglomeration map": "打开集聚地图",
    "Sources and report dates": "来源与报告日期",
    "CSV: the places shown under the current filters; PNG/SVG: the world map.": "CSV：当前筛选下显示的地点；PNG/SVG：世界地图。",
    "The bundled global tables could not be read": "无法读取内置的全球数据表",
}

# --- home page and shell (lead) ---
ZH.update({
    "Where does digital talent cluster in China — and why?": "中国的数字人才集聚在哪里——为什么？",
    "This explorer rebuilds the agglomeration index of **industrial-digitalization talents** (Liu 2026, *WJARR* 30(01)) from China's input-output tables, maps it across provinces, tests what drives it, and sets China's clusters beside the world's tech-talent cities. Everything runs on the embedded public data, offline.":
        "本工具依据中国投入产出表重建**产业数字化人才**集聚度指数（Liu 2026，*WJARR* 30(01)），在省级地图上展示，检验其影响因素，并将中国的人才集群与全球科技人才城市对比。全部基于内置公开数据，可离线运行。",
    "Highest index": "最高指数",
    "Provinces above national parity (1.0)": "高于全国平均（1.0）的省份",
    "Highest ÷ lowest": "最高 ÷ 最低",
    "Fixed-effects F / Hausman (Table 5)": "固定效应 F / Hausman（表5）",
    "Source: Liu (2026), WJARR 30(01), Tables 1 and 5.": "来源：Liu (2026)，WJARR 30(01)，表1与表5。",
    "New here? A two-minute guide": "第一次来？两分钟导览",
    "Each page answers one question. Start with the map, then ask what moves it.": "每个页面回答一个问题。先看地图，再探究是什么在推动它。",
    "Try a policy lever (regression explorer, scenario tab):": "试试一个政策杠杆（回归分析，情景标签页）：",
    "Wages and the cost of living": "工资与生活成本",
    "Per-capita wage +10 %": "人均工资 +10%",
    "Industry-led attraction and R&D": "产业引才与研发",
    "R&D intensity +0.5 percentage points": "研发强度 +0.5 个百分点",
    "Cultivate: higher education": "育才：高等教育",
    "College students per 100,000 +10 %": "每十万人在校大学生 +10%",
    "Retain: public services": "留才：公共服务",
    "Public-service employment share +2 points": "公共服务就业占比 +2 个百分点",
    "Lever examples run on the paper-shaped demo panel (synthetic — for demonstration): wages and R&D intensity are not in the bundled public data.":
        "杠杆示例使用按论文形态生成的演示面板（合成数据，仅供演示）：内置公开数据中没有工资与研发强度。",
    "Got it": "知道了",
    "The four clusters the paper names, 2011-2023": "论文所述四大城市群，2011-2023",
    "Mean agglomeration index": "平均集聚度指数",
    "Cluster": "城市群",
    "Jing-Jin-Ji": "京津冀",
    "Yangtze River Delta": "长三角",
    "Pearl River Delta": "珠三角",
    "Cheng-Yu": "成渝",
    "Each line is the mean of the published index over a cluster's provinces. Above the dashed line (1.0) the cluster's share of industrial-digitalization practitioners exceeds its share of all employed persons. The 2017 dip and jump are in the published series: 2017 is an input-output benchmark year.":
        "每条线是城市群内各省公开指数的平均值。高于虚线（1.0）表示该城市群产业数字化从业人员的占比高于其全部就业人员的占比。2017 年的下跌与回升来自公开数据本身：2017 年是投入产出基准年。",
    "Liu (2026), WJARR 30(01), Table 1; clusters as named in its conclusion.": "Liu (2026)，WJARR 30(01)，表1；城市群按其结论所列。",
    "What this app answers": "本工具回答什么",
    "How large is industrial digitalization, and where do its workers concentrate? (IO tables)": "产业数字化规模有多大，其从业者集中在哪里？（投入产出表）",
    "Where in China do industrial-digitalization talents cluster, year by year?": "产业数字化人才逐年集聚在中国哪些地方？",
    "What moves the agglomeration index, and what if wages or R&D change?": "什么在推动集聚度指数？工资或研发变化会怎样？",
    "Did the innovative-city pilot draw high-tech talent? (staggered DID)": "创新型城市试点是否吸引了高技术人才？（多期双重差分）",
    "How do China's clusters compare with the world's tech-talent cities?": "中国的人才集群与全球科技人才城市相比如何？",
    "Share this view": "分享此视图",
    "Copy this link: it opens the page with every setting you chose.": "复制此链接：打开后页面会保留您选择的全部设置。",
})


# --- agglomeration map (pages/map.py) ---
ZH.update({
    "Data source": "数据来源",
    "Classes": "分级方法",
    "Number of classes": "分级数",
    "Same scale for all years": "各年份使用同一色标",
    "Colours": "配色",
    "Regional groups": "区域分组",
    "Show groups as": "分组显示方式",
    "Groups": "分组",
    "All groups": "全部分组",
    "Rank that year": "当年排名",
    "Group": "分组",
    "Source": "来源",
    "Scale fixed across years": "色标各年份固定",
    "Scale recomputed for each year": "色标按年份重新计算",
    "Regional groups over time": "区域分组随时间变化",
    "Mean index by group": "分组平均指数",
    "Do high values sit next to high values?": "高值是否与高值相邻？",
    "Permutation p-value": "置换检验 p 值",
    "LISA clusters": "LISA 聚类",
    "LISA cluster": "LISA 聚类类型",
    "Global Moran's I by year": "历年全局莫兰指数",
    "Ranking: the paper's Table 2, reproduced from Table 1": "排名：由表1复现论文表2",
    "Descriptive statistics: Table 4's index row": "描述性统计：表4指数行",
    "Download CSV (all years)": "下载 CSV（全部年份）",
    "Rank": "排名",
    "Mean": "均值",
})

# --- agglomeration map: play control (pages/map.py) ---
ZH.update({
    "Play": "播放",
})


# --- agglomeration map: fragments, statistics year (pages/map.py) ---
ZH.update({
    "Year for the statistics": "统计所用年份",
    "The year of Moran's I and of the LISA map (the map above has its own year).":
        "莫兰指数和 LISA 图所用的年份（上方地图有自己的年份）。",
    "boundaries are illustrative: Natural Earth (public domain), generalized by QGIS, simplified for the web.":
        "边界仅为示意：Natural Earth（公共领域），经 QGIS 概化并为网页简化。",
})


# --- regression explorer: sections (pages/regression.py) ---
ZH.update({
    "Section": "部分",
})


# --- real data behind the levers, pilot years in the link (issue 15; pages/regression.py, pages/policy.py) ---
ZH.update({
    'Gross regional product': '地区生产总值',
    'Per-capita wage': '人均工资',
    'Digital economy level': '数字经济水平',
    'Economic structure': '经济结构',
    'Population quality': '人口素质',
    'R&D intensity': '研发投入强度',
    'Urbanization rate': '城镇化率',
    'Medical care level': '医疗水平',
    'Public service level': '公共服务水平',
    'Per-capita GDP (public stand-in)': '人均GDP（公开数据替代）',
    'R&D intensity, industrial firms': '规上工业企业研发强度',
    'Public-service spending share': '公共服务支出占比',
    'Published agglomeration index (Table 1)': '已发表的集聚度指数（表1）',
    'Same as the paper': '与论文相同',
    'same as the paper': '与论文相同',
    'proxy': '代理变量',
    'odd years interpolated': '奇数年份为插值',
    "computed here, not the paper's score": '本应用计算，非论文得分',
    '2020-2023 derived from R&D bulletins': '2020-2023年由研发统计公报推算',
    'ln GDP (100 million yuan): NBS 2011-2019; 2020-2023 derived as R&D expenditure / R&D intensity':
        'GDP对数（亿元）：2011-2019年为国家统计局数据；2020-2023年由研发经费 / 研发投入强度推算',
    '2020-2023 derived: intensity is printed to 2 decimals, so GDP is within ±0.005 / intensity (0.1-1.1 % in these provinces); where both exist (2019) the derived GDP is within 1.6 % of NBS (median 0.3 %); 2013/14 revision break':
        '2020-2023年为推算值：强度只印到小数点后两位，因此GDP误差在 ±0.005 / 强度以内（这些省份为 0.1-1.1 %）；两者都有的年份（2019年）推算GDP与国家统计局相差不超过 1.6 %（中位数 0.3 %）；2013/14年有修订断点',
    'ln urban average wage (yuan): on-post staff of urban non-private units, even years published; odd years 2011-2019 interpolated in logs (flagged per cell); nothing after 2020':
        '城镇平均工资对数（元）：城镇非私营单位在岗职工，偶数年份为公布值；2011-2019年奇数年份按对数插值（逐格标记）；2020年以后不做推断',
    'On-post staff definition, 2-4 % above the employed-persons wage Table 3 names; odd years interpolated':
        '在岗职工口径，比表3所用的就业人员平均工资高 2-4 %；奇数年份为插值',
    'R&D expenditure of all performers / GDP (0-1), NBS R&D bulletins':
        '全社会研发经费 / GDP（0-1），国家统计局研发统计公报',
    'Table 3 uses R&D of industrial firms above designated size; see rd_firms (2018-2023)':
        '表3使用规模以上工业企业研发经费；见 rd_firms（2018-2023）',
    "R&D of industrial firms above designated size / GDP (0-1): firms' R&D x intensity / all R&D (the bulletin's GDP)":
        '规模以上工业企业研发经费 / GDP（0-1）：企业研发经费 × 强度 / 全社会研发经费（公报所用GDP）',
    'General public budget expenditure / GDP (0-1): the size of provincial public provision':
        '一般公共预算支出 / GDP（0-1）：省级公共供给的规模',
    'Proxy: Table 3 uses the share of public-service employees in urban employment, which is not in the bundled data':
        '代理变量：表3使用公共服务业就业人员占城镇就业人员的比重，内置数据中没有该指标',
    'Budget spending on general public services, education, culture/sport/media, social security & employment and health / total budget spending (0-1)':
        '一般公共服务、教育、文化体育与传媒、社会保障和就业、卫生健康支出 / 一般公共预算支出（0-1）',
    'Proxy (spending, not employment); only 2019-2023': '代理变量（支出而非就业）；仅2019-2023年',
    'Entropy-weight score (0-1) over valid invention patents, patent applications and R&D personnel per GDP and the S&T share of the budget':
        '熵权法得分（0-1）：单位GDP有效发明专利、专利申请量、研发人员全时当量，以及科技支出占预算支出比重',
    "Computed here, not the paper's score: the paper's indicator system is not published":
        '本应用计算，非论文得分：论文的指标体系未公布',
    'Tertiary share of GDP (0-1)': '第三产业占GDP比重（0-1）',
    'ln college students per 100,000 people': '每十万人在校大学生数对数',
    'Urban population share (0-1)': '城镇人口占比（0-1）',
    'Same as the paper; ends 2019': '与论文相同；止于2019年',
    'ln hospital beds per 10,000 people': '每万人医疗机构床位数对数',
    'Same as the paper; 2011 withheld (other definition)': '与论文相同；2011年口径不同，未采用',
    'ln per-capita GDP (yuan)': '人均GDP对数（元）',
    'Not in Table 3 (stand-in for gdp)': '不在表3中（gdp 的替代）',
    'Valid invention patents per GDP': '单位GDP有效发明专利数',
    'Patent applications per GDP': '单位GDP专利申请量',
    'R&D personnel (full-time equivalent) per GDP': '单位GDP研发人员全时当量',
    'Science & technology share of public budget spending': '科技支出占一般公共预算支出比重',
    'Variable': '变量',
    'Definition here': '本应用的定义',
    'Difference from Table 3': '与表3的差异',
    'Status': '状态',
    'Variables of this model on the public data (Table 3 of the paper for comparison):':
        '本模型在公开数据上的变量（与论文表3对照）：',
    'pcw: odd-year wages are interpolated in logs (flagged per cell)': 'pcw：奇数年份工资按对数插值（逐格标记）',
    'cells; switch the interpolation off above to use published years only.':
        '个单元格；关闭上方的插值开关即只用公布年份。',
    'Entropy weights': '熵权',
    'Interpolate wages in odd years 2011-2019 (in logs, flagged)': '对2011-2019年奇数年份工资插值（对数，逐格标记）',
    'Urban wages are published for even years only. On: each odd year 2011-2019 is the geometric mean of its neighbours, flagged per cell. Off: odd years are missing and drop out of any model with pcw. Nothing after 2020 is invented either way.':
        '城镇工资只有偶数年份的公布值。开启：2011-2019年每个奇数年份取相邻两年的几何平均，逐格标记。关闭：奇数年份缺失，含 pcw 的模型不使用这些年份。无论开关与否，2020年以后都不做推断。',
    'Your file holds': '您的文件包含',
    'Nine-variable panel': '九变量面板',
    'Wage / R&D series': '工资 / 研发强度序列',
    'One row per province and year: `province` (English or Chinese), `year`, and `urban_avg_wage_yuan` (yuan per year) and/or `rd_intensity_pct` (R&D / GDP in percent, e.g. 2.41). The template holds the bundled values; change or fill cells and upload it: your values replace pcw and rd on the public data in this session (an empty cell keeps the bundled value). The bundled data are never changed.':
        '每个省份每年一行：`province`（中文或英文）、`year`，以及 `urban_avg_wage_yuan`（元/年）和/或 `rd_intensity_pct`（研发经费 / GDP，百分数，如 2.41）。模板中已填入内置数值；修改或补充后上传：您的数值在本次会话中替换公开数据中的 pcw 和 rd（空单元格保留内置数值）。内置数据不会被修改。',
    'Upload a file (or download the template first) to fit the model on your own data.':
        '上传文件（或先下载模板），用您自己的数据拟合模型。',
    'Data: public — published index (Table 1) with provincial yearbook series bundled in data/.':
        '数据：公开——已发表的指数（表1）与内置于 data/ 的省级年鉴序列。',
    'Proxies, interpolated wages and the computed del score are marked in the variables table.':
        '代理变量、插值工资和本应用计算的 del 得分在变量表中标明。',
    "The data column says where the real-data variable differs from the paper's: proxy, odd years interpolated, or computed here, not the paper's score.":
        '“data”列说明真实数据变量与论文的差异：代理变量、奇数年份插值，或本应用计算而非论文得分。',
    'Paper: province fixed effects, N = 390, R² = 0.31 (Table 5). Same-sign is shown where both estimate the term.':
        '论文：省份固定效应，N = 390，R² = 0.31（表5）。两者都估计的项显示符号是否一致。',
    "The projected year's wages are interpolated (odd year), not published":
        '预测年份的工资为插值（奇数年份），并非公布值',
    'Years of the estimation sample only: the latest is the last year in which every chosen regressor has data.':
        '仅限估计样本中的年份：最近一年是所有所选解释变量都有数据的最后一年。',
    "Both tests use classical (homoskedastic) covariances, as the paper's do, whatever standard errors are chosen above; they are computed by linearmodels (`f_pooled`, `RandomEffectsResults.hausman`).":
        '无论上方选择何种标准误，两个检验都与论文一样使用经典（同方差）协方差；由 linearmodels 计算（`f_pooled`、`RandomEffectsResults.hausman`）。',
    'Paper columns: Table 4 of Liu (2026), 30 provinces × 2011–2023.':
        '论文列：Liu (2026) 表4，30个省份 × 2011–2023年。',
    'Approval years in the link not usable': '链接中的获批年份无法使用',
    'All other years are from the bundled file (2018 batch exact; 2008/2010 from the official notices).':
        '其余年份来自内置文件（2018年批次准确；2008/2010年来自官方通知）。',
    'Approval years: bundled file only (2018 batch exact; 2008/2010 from the official notices).':
        '获批年份：仅内置文件（2018年批次准确；2008/2010年来自官方通知）。',
    'pilots without a year are left out until you enter one.': '个没有年份的试点城市在您输入年份之前不纳入估计。',
    'The 2016 list names 61 pilots approved 2008-2013 but not the year each was approved. The 2018 batch is exact; 29 years are from the official notices: Shenzhen 2008 (NDRC), the MOST batch of 20 units (10 January 2010) and the NDRC batch of 16 cities (January 2010). The other 32 units (approved 2011-2013) have no public year: enter or correct a year in the table; the page marks every year you changed as yours and keeps it in the share link. Pilots left empty are left out (they are neither clean comparison cities nor usable treated cities).':
        '2016年名单列出2008-2013年获批的61个试点，但未给出各自的获批年份。2018年批次准确；29个年份来自官方通知：深圳2008年（国家发展改革委）、科技部首批20个单位（2010年1月10日）和国家发展改革委16个城市（2010年1月）。其余32个单位（2011-2013年获批）没有公开年份：请在表中输入或更正年份；页面会把您改动的年份标为您的，并保存在分享链接中。留空的试点不纳入估计（它们既不是干净的对照城市，也不是可用的处理城市）。',
    "The pilot-city study (Pilot Cities for Innovation and Clusters of High-Tech Talent) used a city outcome (location quotient of high-tech talent) for 29 cities, 2002-2019, which is not public. This panel is generated: real cities, real pilot and Broadband-China timing, invented outcome with a known effect that grows with years since approval and follows the study's regional order (east largest, then west, central weakest). It shows how the methods behave, not what happened. Choose 'My city panel (upload)' to run the design on real data.":
        '试点城市研究（Pilot Cities for Innovation and Clusters of High-Tech Talent）使用了29个城市2002-2019年的城市结果变量（高技术人才区位熵），该数据未公开。本面板为生成数据：真实城市、真实的试点与“宽带中国”时间，虚构的结果变量带有已知效应——效应随获批年数增长，并遵循该研究的地区顺序（东部最大，其次西部，中部最弱）。它展示方法的表现，而非实际发生的情况。选择“我的城市面板（上传）”即可在真实数据上运行该设计。',
    'Exploratory real-data design: provincial index and pilot intensity': '探索性真实数据设计：省级指数与试点强度',
    'Exploratory': '探索性',
    "Exploratory, not the pilot-city study's design: the outcome is the published provincial agglomeration index (Table 1, 30 provinces, 2011-2023) and the treatment intensity is the number (or share) of a province's innovative-city pilots approved by each year, from the approval years above (yours included). Province and year fixed effects, standard errors clustered by province. With the bundled years, the only change inside 2011-2023 is the 2018 batch; years you enter for the 2011-2013 units add variation.":
        '探索性设计，并非试点城市研究的设计：结果变量为已发表的省级集聚度指数（表1，30个省份，2011-2023年），处理强度为各省截至每年获批的创新型城市试点数量（或占比），取自上方的获批年份（包括您输入的）。省份和年份固定效应，标准误按省份聚类。使用内置年份时，2011-2023年内唯一的变化来自2018年批次；您为2011-2013年单位输入的年份会增加变化。',
    'Treatment intensity': '处理强度',
    'your uploaded column': '您上传的列',
    "Invented values on real province names — do not read them as data about any province. This deterministic panel has Table 4's means and standard deviations and Table 5's slopes, so every control works with all nine variables; the Public data source holds the real series (some as labelled proxies).":
        '真实省份名称上的虚构数值——请勿当作任何省份的数据。此确定性面板具有表4的均值和标准差以及表5的斜率，因此所有控件都可使用全部九个变量；“公开数据”来源包含真实序列（部分为已标注的代理变量）。',
    'Your own variable(s), available as regressors': '您自己的变量（可作为解释变量）',
    'Number of approved pilot cities': '已获批试点城市数',
    "Share of the province's pilots": '占本省试点的比重',
    'Effect on the index per unit of intensity': '每单位强度对指数的影响',
    '95% interval': '95% 区间',
    "Real data: Table 1 index (Liu 2026) and the approval years above; province and year fixed effects (linearmodels), SE clustered by province. Exploratory — not the pilot-city study's design or result.":
        '真实数据：表1指数（Liu 2026）与上方的获批年份；省份和年份固定效应（linearmodels），标准误按省份聚类。探索性——并非试点城市研究的设计或结果。',
    "Each bar counts the cities first approved in that year, split by east/central/west; 'never' are the comparison cities (Broadband-China cities that never joined the innovative-city pilot, plus any city you uploaded). With several cohorts the design is *staggered*: early cohorts are already treated when later ones start.":
        '每个柱表示当年首次获批的城市数，按东部/中部/西部划分；“never”为对照城市（从未加入创新型城市试点的“宽带中国”城市，以及您上传的城市）。有多个批次时设计是*交错的*：后续批次开始时，早期批次已处于处理状态。',
    'Each point is the effect *k* years after approval relative to the year before approval (k = -1, the dashed line, fixed at 0); bars are 95% intervals. Points left of the reference test the design: if pilot cities were already pulling ahead before approval, they sit away from 0 and the joint test below the chart rejects. The first and last points pool all earlier/later years (binned window ends).':
        '每个点是获批后第 *k* 年相对于获批前一年（k = -1，虚线，固定为0）的效应；竖线为95%区间。参照点左侧的点检验设计：如果试点城市在获批前就已领先，这些点会偏离0，图下方的联合检验会拒绝。首尾两点合并了更早/更晚的所有年份（窗口端点分箱）。',
    'One number per estimator: the average effect over all treated city-years. Overlapping intervals do not mean the estimators agree on the bias question — the gap itself is the diagnostic.':
        '每个估计量一个数：所有处理城市-年份的平均效应。区间重叠并不意味着估计量在偏误问题上一致——两者之差本身就是诊断。',
    "The design re-estimated on the cities of each belt alone (its own pilots and comparison cities), as in the pilot-city study's heterogeneity analysis. A missing row means that belt has too few treated or comparison cities with the current cohorts.":
        '在每个地带的城市（其自身的试点与对照城市）上分别重新估计，与试点城市研究的异质性分析相同。缺少某行表示在当前批次下该地带的处理或对照城市太少。',
    "Two-way fixed effects compares cities approved later with cities approved earlier as if the earlier ones were untreated; when the effect grows with years since approval, those comparisons subtract part of the effect (and can weight some city-years negatively), so TWFE is pulled away from the average effect. Gardner's two-stage estimator (did2s) learns city and year effects from untreated city-years only, then averages the remaining gap over treated city-years, so it is robust to effects that differ by cohort and over time. A small gap means timing heterogeneity matters little here; a large one means the TWFE number should not be used.":
        '双向固定效应把较晚获批的城市与较早获批的城市比较，仿佛较早的城市未受处理；当效应随获批年数增长时，这些比较会减去部分效应（并可能给某些城市-年份负权重），使TWFE偏离平均效应。Gardner两阶段估计量（did2s）只用未处理的城市-年份估计城市和年份效应，再对处理城市-年份的剩余差距取平均，因此对随批次和时间变化的效应是稳健的。差距小说明时间异质性在此影响不大；差距大则说明不应使用TWFE的数字。',
})


# --- journeys: share links, scenarios on the map, exports (pages/__init__.py, pages/map.py) ---
ZH.update({
    "Copy this link: it opens the page with the settings you chose, except:": "复制此链接：打开后页面会保留您选择的设置，但以下内容除外：",
    "your uploaded file (a link cannot carry a file: whoever opens it uploads it again)":
        "您上传的文件（链接无法携带文件：打开链接的人需要重新上传）",
    "the scenario itself (it was sent in this session only): send it to the map again from the regression page, then share":
        "情景本身（仅在本次会话中发送）：请从回归页面再次发送到地图后再分享",
    "no scenario was sent: set one on the regression page and send it to the map.":
        "尚未发送情景：请在回归页面设置情景并发送到地图。",
    "the scenario sent has no province, year and index columns.": "发送的情景缺少省份、年份和指数列。",
    "the scenario sent has no projected values (the model's sample or the year projected left no rows): change them "
    "on the regression page and send it again.":
        "发送的情景没有预测值（模型样本或预测年份未留下任何行）：请在回归页面修改后再次发送。",
    "no data": "无数据",
    "Baseline (no change)": "基准（无变化）",
    "Change vs baseline": "相对基准的变化",
    "One year: the model's projection for this year only": "单一年份：仅为模型对该年的预测",
    "What this view is: the model's projection for ": "此视图为：模型对以下年份的预测 ",
    "only (a scenario covers the year projected). Compare with the observed index: Data source → Published.":
        "（情景只覆盖预测年份）。如需与观测指数比较：数据来源 → 已发表。",
    "This source covers one year, so there are no lines over time: each group's mean index in ":
        "此数据来源只覆盖一个年份，因此没有随时间变化的折线：各组的平均指数，年份 ",
    "Moran's I by year needs more than one year with all 30 provinces; this source has ":
        "逐年莫兰指数需要多于一个包含全部 30 个省份的年份；此数据来源只有 ",
    "only.": "。",
    "Mean index of the group": "组平均指数",
    "Pseudo p-value": "伪 p 值",
})


# --- regression explorer: Spatial spillovers section and its map view (pages/sections/spatial.py) ---
ZH.update({
    "Spatial spillovers": "空间溢出",
    "Spatial panel models ask whether a province's index moves with its **neighbours'**: the spatial lag model adds "
    "the neighbours' index (ρ·Wy), the spatial error model lets the unexplained part spill over (λ·Wu), the spatial "
    "Durbin model adds both the neighbours' index and their regressors (W·X). Fitted by maximum likelihood with "
    "province fixed effects on the variables, years and regions chosen above.":
        "空间面板模型考察一个省份的指数是否随其**邻近省份**而变动：空间滞后模型加入邻省的指数（ρ·Wy），空间误差模型让"
        "未解释部分在省份间溢出（λ·Wu），空间杜宾模型同时加入邻省的指数和邻省的解释变量（W·X）。以上方选定的变量、"
        "年份和地区，用含省份固定效应的最大似然法估计。",
    "Fixed effects": "固定效应",
    "province and year": "省份和年份",
    "province": "省份",
    "from the Model choice: entity + year effects give both, any other choice province effects":
        "取自“模型”选项：个体 + 年份效应对应两者，其他选项对应省份效应",
    "standard errors from the information matrix (the page's standard-error choice does not apply)":
        "标准误来自信息矩阵（本页的标准误选项不适用）",
    "the transformations above are not applied here: the spatial models use the variables as they are":
        "上方的变量变换在此不适用：空间模型使用原始变量",
    "Spatial model": "空间模型",
    "Spatial weights": "空间权重",
    "k (neighbours per province)": "k（每省近邻数）",
    "How Hainan is linked (queen contiguity)": "海南的连接方式（后式邻接）",
    "Spatial lag (SAR): ρ·Wy": "空间滞后模型（SAR）：ρ·Wy",
    "Spatial error (SEM): λ·Wu": "空间误差模型（SEM）：λ·Wu",
    "Spatial Durbin (SDM): ρ·Wy + W·X": "空间杜宾模型（SDM）：ρ·Wy + W·X",
    "Queen contiguity (shared border)": "后式邻接（共享边界）",
    "k nearest provinces": "k 个最近省份",
    "Inverse distance": "距离倒数",
    "Its 2 nearest provinces (Guangdong, Guangxi) — default": "最近的 2 个省份（广东、广西）— 默认",
    "Guangdong only": "仅广东",
    "The spatial models need every province in every year.": "空间模型要求每个省份在每一年都有数据。",
    "Missing in the chosen sample": "所选样本中缺失",
    "Nothing is dropped: choose other years or other regressors.": "不会删除任何数据：请选择其他年份或其他解释变量。",
    "Fit on the balanced years": "在平衡年份上估计",
    "No run of two or more years has every regressor for every province; remove the regressor with gaps.":
        "没有连续两年及以上所有省份都具备全部解释变量；请移除有缺口的解释变量。",
    "Hainan is not in this sample.": "海南不在此样本中。",
    "Hainan has no land border; it is linked to": "海南没有陆地边界；它被连接到",
    "(both ways), so it has neighbours under queen contiguity.": "（双向），因此在后式邻接下也有邻居。",
    "Hainan, like every province, gets its neighbours from the distance between province centroids.":
        "与其他省份一样，海南的邻居由省份质心之间的距离决定。",
    "Weights": "权重",
    "row-standardised": "行标准化",
    "Log-likelihood": "对数似然",
    "Term": "项",
    "Estimate": "估计值",
    "Std. error": "标准误",
    "Lower 95 %": "95% 下限",
    "Upper 95 %": "95% 上限",
    "Data: your uploaded file (kept in this session only).": "数据：您上传的文件（仅保存在本次会话中）。",
    "paper-shaped demo panel; not data about any province.": "按论文形态生成的演示面板；并非任何省份的数据。",
    "Estimates: core.spatial_panel (maximum likelihood, province fixed effects).":
        "估计：core.spatial_panel（最大似然，省份固定效应）。",
    "Which spatial model? LM and likelihood-ratio tests": "选择哪个空间模型？LM 检验与似然比检验",
    "LM lag": "LM 滞后",
    "LM error": "LM 误差",
    "Robust LM lag": "稳健 LM 滞后",
    "Robust LM error": "稳健 LM 误差",
    "Test (on the FE residuals)": "检验（基于固定效应残差）",
    "df": "自由度",
    "Neither LM test rejects at 5 %: the FE residuals show no clear spatial dependence; the non-spatial FE model "
    "may suffice.": "两个 LM 检验在 5% 水平上均不拒绝：固定效应残差没有明显的空间依赖；非空间固定效应模型可能已足够。",
    "The robust LM test points to a spatial lag (dependence in the index itself), not only in the errors.":
        "稳健 LM 检验指向空间滞后（指数本身的空间依赖），而不只是误差中的依赖。",
    "The robust LM test points to a spatial error (dependence in what the regressors leave out), not a lag.":
        "稳健 LM 检验指向空间误差（解释变量未涵盖部分的空间依赖），而非空间滞后。",
    "Both robust LM tests reject: lag and error dependence both seem present — the spatial Durbin model, which nests "
    "both, is the usual next step (see the LR tests).":
        "两个稳健 LM 检验均拒绝：滞后与误差依赖似乎同时存在 — 通常下一步是同时包含两者的空间杜宾模型（见似然比检验）。",
    "The plain LM tests reject but neither robust test does: dependence is present, its form unclear.":
        "普通 LM 检验拒绝而稳健检验均不拒绝：存在空间依赖，但形式不明确。",
    "The likelihood-ratio tests need all three models; one did not converge":
        "似然比检验需要全部三个模型；其中一个未收敛",
    "Durbin vs lag (θ = 0)": "杜宾 vs 滞后（θ = 0）",
    "Durbin vs error (θ = −ρβ)": "杜宾 vs 误差（θ = −ρβ）",
    "Lag vs FE (ρ = 0)": "滞后 vs 固定效应（ρ = 0）",
    "Error vs FE (λ = 0)": "误差 vs 固定效应（λ = 0）",
    "Likelihood-ratio test": "似然比检验",
    "The Durbin model fits significantly better than both the lag and the error model (5 %): keep the neighbours' "
    "regressors (W·X) — the Durbin model is preferred.":
        "杜宾模型的拟合显著优于滞后模型和误差模型（5%）：应保留邻省解释变量（W·X）— 优先选择杜宾模型。",
    "The Durbin model does not fit significantly better than either simpler model (5 %); prefer the simpler one "
    "with the better AIC.": "杜宾模型并不显著优于任一较简单的模型（5%）；请选择 AIC 更优的较简单模型。",
    "The Durbin model is not significantly better than the lag model (5 %): the lag model suffices.":
        "杜宾模型并不显著优于滞后模型（5%）：滞后模型已足够。",
    "The Durbin model is not significantly better than the error model (5 %): the error model suffices.":
        "杜宾模型并不显著优于误差模型（5%）：误差模型已足够。",
    "Lowest AIC": "AIC 最低",
    "non-spatial FE": "非空间固定效应",
    "lag": "滞后",
    "error": "误差",
    "Durbin": "杜宾",
    "Moran’s I of the FE residuals": "固定效应残差的莫兰指数",
    "permutations": "次置换",
    "expected under no dependence": "无空间依赖时的期望值",
    "Neighbouring provinces' residuals resemble each other: the non-spatial FE model leaves spatial dependence "
    "behind.": "相邻省份的残差彼此相似：非空间固定效应模型遗留了空间依赖。",
    "No clear spatial pattern is left in the FE residuals.": "固定效应残差中没有明显的空间格局。",
    "Moran's I of the FE residuals by year": "各年固定效应残差的莫兰指数",
    "Expected": "期望值",
    "Permutation p": "置换 p 值",
    "Direct, indirect (spillover) and total effects": "直接效应、间接（溢出）效应与总效应",
    "Effects with 95 % bands": "效应及其 95% 区间",
    "Public data": "公开数据",
    "Uploaded data": "上传数据",
    "For a regressor, the **direct** effect is the average change of a province's own dependent when its own "
    "regressor rises by one unit (feedback through the neighbours included); the **indirect** effect is the average "
    "change that reaches it when that regressor rises by one unit in every *other* province; the **total** is their "
    "sum (LeSage & Pace 2009). Lines are 95 % bands from 1,000 draws of the estimates (seed 20260101). In the "
    "spatial error model there is no spillover of the regressors: direct = β, indirect = 0.":
        "对某一解释变量，**直接**效应是本省该变量上升一个单位时本省被解释变量的平均变化（含经由邻省的反馈）；"
        "**间接**效应是该变量在所有*其他*省份上升一个单位时传到本省的平均变化；**总**效应为两者之和"
        "（LeSage & Pace 2009）。线段为基于估计值 1000 次抽样（种子 20260101）的 95% 区间。空间误差模型中解释变量"
        "没有溢出：直接效应 = β，间接效应 = 0。",
    "Regressor": "解释变量",
    "Direct": "直接",
    "Direct, lower": "直接，下限",
    "Direct, upper": "直接，上限",
    "Indirect": "间接",
    "Indirect, lower": "间接，下限",
    "Indirect, upper": "间接，上限",
    "Total": "总计",
    "Total, lower": "总计，下限",
    "Total, upper": "总计，上限",
    "Indirect (spillover)": "间接（溢出）",
    "Effect on the dependent per unit of the regressor (95 % band)": "解释变量每变化一个单位对被解释变量的效应（95% 区间）",
    "Effect": "效应",
    "Lower": "下限",
    "Upper": "上限",
    "Full text summary of the spatial model": "空间模型的完整文本摘要",
    "Spillover scenario": "溢出情景",
    "Lever (a regressor of the model)": "政策杠杆（模型中的一个解释变量）",
    "Change": "变化",
    "%": "%",
    "pp": "个百分点",
    "points": "分",
    "% for a variable in logs, percentage points for a share, points for a score.":
        "对数变量按 %，比例变量按百分点，评分变量按分值。",
    "Provinces where the lever moves": "杠杆变动的省份",
    "Choose at least one province where the lever moves.": "请至少选择一个杠杆变动的省份。",
    "In the spatial error model the regressors have no spatial multiplier: the change stays in the provinces moved "
    "(spillover 0). Choose the lag or Durbin model to see spillovers.":
        "空间误差模型中解释变量没有空间乘数：变化只留在变动的省份（溢出为 0）。请选择滞后或杜宾模型查看溢出。",
    "Direct change, provinces moved (sum)": "直接变化，变动省份（合计）",
    "Spillover to the provinces moved (sum)": "流向变动省份的溢出（合计）",
    "Spillover elsewhere (sum)": "其他省份的溢出（合计）",
    "Total change (sum)": "总变化（合计）",
    "Change in": "变化：",
    "Direct change and spillover by province": "各省的直接变化与溢出",
    "Each bar is a province's change in the dependent when the lever moves in the chosen provinces and stays there "
    "(a steady-state comparison at the estimates, the model is not refitted): dark blue is the **direct** part (the "
    "province's own change, feedback through its neighbours included), orange the **spillover** it receives from "
    "the other moved provinces through (I − ρW)⁻¹. Provinces not moved have spillover only.":
        "每个条形是杠杆在所选省份变动并保持时该省被解释变量的变化（在估计值处的稳态比较，模型不重新估计）：深蓝色为"
        "**直接**部分（本省自身的变化，含经由邻省的反馈），橙色为经 (I − ρW)⁻¹ 从其他变动省份传来的**溢出**。"
        "未变动的省份只有溢出。",
    "Direct (own change)": "直接（自身变化）",
    "Spillover (from the other moved provinces)": "溢出（来自其他变动省份）",
    "Change in the dependent (its units)": "被解释变量的变化（其单位）",
    "Part": "部分",
    "Total change": "总变化",
    "Lever moved here": "此处杠杆变动",
    "Observed": "观测值",
    "Spillover": "溢出",
    "Level after the change": "变化后的水平",
    "The map shows the agglomeration index; choose idt as the dependent variable to send spillovers.":
        "地图显示集聚度指数；请选择 idt 作为被解释变量以发送溢出结果。",
    "Show spillovers on the map": "在地图上显示溢出",
    "The panel is not balanced for these variables and years": "在这些变量和年份上面板不平衡",
    "The weights do not match the provinces of the sample": "权重与样本中的省份不匹配",
    "These weights cannot be used": "无法使用这些权重",
    "The model did not converge": "模型未收敛",
    "This specification cannot be estimated": "此设定无法估计",
    "The spatial model cannot be estimated": "无法估计空间模型",
    "The spillover scenario in the link could not be rebuilt": "无法根据链接重建溢出情景",
    "Index change ×1000 (direct + spillover)": "指数变化 ×1000（直接 + 溢出）",
    "Colour: the change in the index ×1000 (direct + spillover), not its level.":
        "颜色：指数的变化 ×1000（直接 + 溢出），而非其水平。",
    "Direct change where the lever moved": "杠杆变动省份的直接变化",
    "Spillover elsewhere": "其他省份的溢出",
    "sum": "合计",
    "Data": "数据",
    "each row has its own scale": "每行使用各自的刻度",
})


def translate(text: str, lang: str) -> str:
    """``text`` in ``lang`` (``"en"`` or ``"zh"``); unknown text or language returns ``text``."""
    if lang == "zh":
        return ZH.get(text, text)
    return text


# --- digitalization scale and global talent clusters: every visible word (issues 16 and 18) ---
ZH.update({
    "Paper (5 core sectors)": "论文口径（5 个核心部门）",
    "Narrow ICT (20 + 32)": "窄口径信息通信（20 + 32）",
    "Custom": "自定义",
    "Population approximation": "人口近似",
    "Upload": "上传",
    "Traditional only": "仅传统产业",
    "Traditional + core": "传统产业 + 数字核心",
    "Core only": "仅数字核心",
    "Direct coefficient": "直接消耗系数",
    "Share of intermediate inputs": "占中间投入比重",
    "Previous benchmark": "上一个基准年",
    "Nearest benchmark": "最近的基准年",
    "2012 table": "2012 年表",
    "Approximation: employment proportional to resident population (NBS via carbondata, 2011-2019); the index is then the digital value-added share over its population-weighted mean":
        "近似：就业与常住人口成比例（国家统计局，经 carbondata，2011-2019）；指数即数字增加值占比除以其人口加权均值",
    "Uploaded province × year employment table (employed persons, 10,000)": "上传的省份×年份就业表（就业人数，万人）",
    "Approximation: employment proportional to resident population": "近似：就业与常住人口成比例",
    "Uploaded province × year employment table": "上传的省份×年份就业表",
    "Provincial IO tables 2007/2012/2017, 42 sectors (provincial statistics bureaus via CHNIO)":
        "2007/2012/2017 年省级投入产出表，42 部门（各省统计局，经 CHNIO）",
    "Liu (2026), WJARR 30(01), Table 1": "Liu (2026)，WJARR 30(01)，表1",
    "GDP by three sectors and population 2011-2019 (NBS via carbondata)": "2011-2019 年三次产业 GDP 与人口（国家统计局，经 carbondata）",
    "Digital VA, traditional (eq. 6, 10k yuan)": "传统产业数字增加值（式6，万元）",
    "VA of the digital core (10k yuan)": "数字核心部门增加值（万元）",
    "Digital VA counted (10k yuan)": "计入的数字增加值（万元）",
    "Employment (10k persons)": "就业人数（万人）",
    "Practitioners (eq. 8, 10k persons)": "从业人员（式8，万人）",
    "Rank (computed)": "排名（计算）",
    "Rank (published)": "排名（公布）",
    "Difference (computed − published)": "差值（计算 − 公布）",
    "Sector code": "部门代码",
    "Sector": "部门",
    "Role": "类别",
    "Total output (10k yuan)": "总产出（万元）",
    "Value added (10k yuan)": "增加值（万元）",
    "Value-added rate": "增加值率",
    "Digital VA (10k yuan)": "数字增加值（万元）",
    "Total output x (10k yuan)": "总产出 x（万元）",
    "Intermediate sales u (row total, 10k yuan)": "中间使用 u（行合计，万元）",
    "Intermediate purchases v (column total, 10k yuan)": "中间投入 v（列合计，万元）",
    "A(0), base table": "A(0)，基期表",
    "A(t), updated": "A(t)，更新后",
    "Change in a_ij": "a_ij 的变化",
    "Base table (year)": "基准表（年份）",
    "Digitalization scale and the agglomeration index": "产业数字化规模与集聚度指数",
    "Liu (2026, *Research on the measurement and influencing factors of the agglomeration degree of industrial digitalization talents in China*) measures industrial digitalization from input-output tables: it picks the **digital-core sectors**, computes how much each sector buys from them (eq. 4), turns that into digital value added (eq. 5-6), converts value added into practitioners with GDP per employed person (eq. 7-8), and compares each province's share of practitioners with the national share (eq. 9, a location quotient). This page does every step live on the published provincial tables; change an assumption and the index answers. Years without a table are RAS-updated from a benchmark table (eq. 1-3) to the GDP of that year.":
        "Liu（2026，《中国产业数字化人才集聚度的测度及影响因素研究》）用投入产出表测度产业数字化：选定**数字核心部门**，计算各部门从这些部门购买的比重（式4），再换算为数字增加值（式5-6），以就业人员人均 GDP 将增加值折算为从业人员（式7-8），最后把各省从业人员占比与全国占比相比（式9，区位熵）。本页在公布的省级投入产出表上实时完成每一步；改变任一假设，指数随之变化。没有投入产出表的年份，由基准表按当年 GDP 经 RAS 更新（式1-3）。",
    "The iterations stopped before the table balanced: raise the maximum iterations or loosen the tolerance.":
        "迭代在表平衡之前停止：请提高最大迭代次数或放宽容差。",
    "Red cells gained, blue cells lost coefficient value; structural zeros stay blank-white. Rows are scaled by r, columns by s: the pattern shows which sectors' sales (rows) and purchases (columns) the new totals pushed up or down.":
        "红色单元格系数增大，蓝色单元格系数减小；结构性零值保持空白。行按 r 缩放、列按 s 缩放：图案显示新的总量推高或压低了哪些部门的销售（行）和购买（列）。",
    "- **Coefficient, direct**: $c_j = \\sum_{i\\in D} z_{ij} / x_j$ (digital inputs over total output).\n- **Coefficient, share of intermediate inputs**: $c_j = 1 - \\sum_{i\\notin D} z_{ij} / \\sum_i z_{ij}$ (eq. 4 as printed, reading *total inputs* as intermediate inputs).\n- **Eq. 5-6**: digital value added of sector $j$ = $c_j \\times x_j \\times (va_j/x_j) = c_j\\,va_j$.\n- **Scope**: traditional sectors only $\\sum_{j\\notin D} c_j va_j$ (the text); plus the digital core's own value added $\\sum_{j\\in D} va_j$; or the core alone.\n\nMeasured Spearman correlation with Table 1 (30 provinces, population weights): traditional only 0.28-0.43 (2012) and 0.14-0.32 (2017); plus core, direct 0.91 / 0.98; core only 0.93 / 0.98. The default is the reading that reproduces Table 1 best (core only); it does not use the coefficients, so switch the scope to see eq. 4 at work.":
        "- **直接消耗系数**：$c_j = \\sum_{i\\in D} z_{ij} / x_j$（数字投入除以总产出）。\n- **占中间投入比重**：$c_j = 1 - \\sum_{i\\notin D} z_{ij} / \\sum_i z_{ij}$（按式4原文，将“总投入”理解为中间投入）。\n- **式5-6**：部门 $j$ 的数字增加值 = $c_j \\times x_j \\times (va_j/x_j) = c_j\\,va_j$。\n- **口径**：仅传统产业 $\\sum_{j\\notin D} c_j va_j$（正文）；加上数字核心部门自身增加值 $\\sum_{j\\in D} va_j$；或仅数字核心。\n\n与表1的 Spearman 相关（30 个省份，人口权重）：仅传统产业 0.28-0.43（2012）和 0.14-0.32（2017）；加数字核心、直接系数 0.91 / 0.98；仅数字核心 0.93 / 0.98。默认口径是最能复现表1的口径（仅数字核心）；它不使用消耗系数，切换口径即可看到式4的作用。",
    "Employment table (CSV or XLSX with the columns province, year, employed_10k)": "就业表（CSV 或 XLSX，列为 province、year、employed_10k）",
    "coefficient": "消耗系数",
    "The row totals and the column totals do not add up to the same grand total, so both cannot hold: tick the scaling of the row totals.":
        "行合计与列合计的总量不相等，二者无法同时成立：请勾选“将行合计缩放至列合计的总量”。",
    "Balancing the table with RAS…": "正在用 RAS 平衡投入产出表……",
    "No updated table for these settings: change the control beside the red message.": "这些设置下没有更新后的表：请修改红色提示旁边的控件。",
    "Computing the index from the input-output tables…": "正在由投入产出表计算指数……",
    "RAS-updated from {year}": "由 {year} 年表 RAS 更新",
    "extrapolated ({year} carried forward)": "外推（沿用 {year} 年）",
    "extrapolated ({table} carried forward: no control totals for {year})": "外推（沿用 {table} 年：{year} 年没有控制总量）",
    "No GDP by three sectors for this province and year: the table cannot be updated to it.": "该省份该年份没有三次产业 GDP：无法将表更新到该年。",
    "Each bar is the share of a sector's inputs bought from the digital-core sectors (red bars are the core itself). Under the scopes that count traditional sectors, the bar times the sector's value added is its digital value added (eq. 5-6).":
        "每根条形是该部门投入中购自数字核心部门的比重（红色条形为数字核心部门本身）。在计入传统产业的口径下，条形值乘以该部门增加值即为其数字增加值（式5-6）。",
    "Pick a benchmark table and a target year. Each sector's output, value added and intermediate inputs grow with its broad sector's GDP (primary, secondary, tertiary) between the table and the target year; RAS then rescales rows and columns of the coefficient matrix until both sets of totals hold. Tables with negative cells (2007 Qinghai and Shaanxi) use GRAS.":
        "选择一张基准表和目标年份。各部门的产出、增加值和中间投入按其所属大类产业（第一、二、三产业）的 GDP 从基准年增长到目标年；RAS 随后反复缩放系数矩阵的行与列，直到两组总量都成立。含负值单元格的表（2007 年青海和陕西）使用 GRAS。",
    "Input-output tables": "投入产出表",
    "Units 10,000 yuan, current producer prices; competitive-import type.": "单位万元，当年生产者价格；竞争型进口表。",
    "the paper’s codes 19, 20, 21, 32, 36 (2012 scheme), mapped to the 2007 and 2017 numbering by a crosswalk (data/io/digital_core_crosswalk.csv); presets in data/io/digital_presets.csv.":
        "论文的部门代码 19、20、21、32、36（2012 年编码），经对照表（data/io/digital_core_crosswalk.csv）映射到 2007 和 2017 年编码；预设见 data/io/digital_presets.csv。",
    "Control totals for RAS": "RAS 的控制总量",
    "sectors mapped to the three broad sectors (data/io/three_sector_map.csv). No control totals after 2019: later years are labelled extrapolated.":
        "各部门映射到三次产业（data/io/three_sector_map.csv）。2019 年以后没有控制总量：之后的年份标注为外推。",
    "Provincial employment by year is not in the bundled public data.": "内置公开数据中没有分年份的省级就业数据。",
    "Published index": "公布的指数",
    "Full provenance: data/SOURCES.md.": "完整出处：data/SOURCES.md。",
    "{year} carried forward": "沿用 {year} 年",
    "No employment for {year} in the employment source for {n} provinces ({names}); their index is left empty and they are not part of the national total.":
        "就业数据来源中有 {n} 个省份缺少 {year} 年的就业数据（{names}）；这些省份的指数留空，且不计入全国总量。",
    "No control totals for {year}: the values shown are the {table} computation carried forward and are labelled extrapolated.":
        "{year} 年没有控制总量：所示数值沿用 {table} 年的计算结果，并标注为外推。",
    "Computing the coefficients of each sector…": "正在计算各部门的消耗系数……",
    "Computing the index for every year 2011-2023…": "正在计算 2011-2023 年每年的指数……",
    "Circles: benchmark tables (2012, 2017). Triangles: the base table RAS-updated to the year's GDP by three sectors (2011-2019). Faint crosses: **extrapolated**, the last updated year carried forward, because the bundled data have no control totals after 2019. Dashed: Table 1 as published.":
        "圆点：基准表（2012、2017）。三角：基准表按当年三次产业 GDP 经 RAS 更新（2011-2019）。浅色叉号：**外推**，沿用最后一个更新年份，因为内置数据在 2019 年以后没有控制总量。虚线：公布的表1。",
    "published {year} table": "公布的 {year} 年表",
    "from the {year} table": "基于 {year} 年表",
    "Bars: the index computed here; black ticks: the published Table 1 value; dashed line: national parity. Spearman rank correlation {rho}.":
        "条形：本页计算的指数；黑色刻度：表1公布值；虚线：全国平均。Spearman 秩相关 {rho}。",
    "City coordinates: GeoNames (geonames.org), CC BY 4.0. Country shapes: Natural Earth (public domain).":
        "城市坐标：GeoNames（geonames.org），CC BY 4.0。国家轮廓：Natural Earth（公共领域）。",
    "CBRE, Global Tech Talent Guidebook 2025 (22 Apr 2025), as summarised by Ba Jiu Ling (2025)":
        "CBRE《Global Tech Talent Guidebook 2025》（2025 年 4 月 22 日），据巴九靈（2025）的概述",
    "WIPO, Global Innovation Index 2025 (Sept 2025) and 2024": "WIPO《Global Innovation Index 2025》（2025 年 9 月）及 2024 年版",
    "LinkedIn China and Tsinghua SEM CIDG, Innovative Cities and City Clusters in the Era of Digital Economy: A Talent Perspective (10 Nov 2019)":
        "领英中国与清华大学经管学院互联网发展与治理研究中心《数字经济时代的创新城市和城市群发展研究报告：人才视角》（2019 年 11 月 10 日）",
    "Talent density": "人才密度",
    "Talent-structure crossover": "人才结构交叉度",
    "Ecosystem connectivity": "创业生态连接效率",
    "Productization speed": "技术产品化速度",
    "CBRE band lower bound (persons)": "CBRE 区间下限（人）",
    "LinkedIn–Tsinghua skill group (ordinal score)": "领英—清华技能分组（序数得分）",
    "Illustrative crossover index (0-1)": "示意性交叉度指数（0-1）",
    "WIPO 2025 rank score": "WIPO 2025 排名得分",
    "The figure that stands for this component. WIPO rank score = 101 − the cluster's 2025 rank; illustrative indices are set by the app authors, not measured.":
        "代表该分项的指标。WIPO 排名得分 = 101 − 该集群 2025 年的名次；示意性指数由应用作者设定，并非测量值。",
    "Illustrative speed index (0-1)": "示意性产品化速度指数（0-1）",
    "Multiplicative (weighted geometric mean)": "乘法（加权几何平均）",
    "Additive (weighted sum)": "加法（加权求和）",
    "Leave the place out": "不纳入该地点",
    "Set the gap to the average": "缺口设为平均值",
    "Re-normalise the weights over the components a place has": "在该地点已有的分项上重新归一化权重",
    "Cities above 100,000 tech workers, world": "科技人才超过 10 万的城市（全球）",
    "Cities above 500,000 tech workers, world": "科技人才超过 50 万的城市（全球）",
    "Cities above 500,000 tech workers, Asia-Pacific": "科技人才超过 50 万的城市（亚太）",
    "Where do China's digital-talent clusters stand among the world's tech-talent cities? Three public sources, each with its own unit: **CBRE** counts tech workers per market in **bands** (2023), **WIPO** ranks innovation clusters by patents, papers and (from 2025) venture-capital deals, and the **LinkedIn–Tsinghua** report (2019) describes talent flows and skills in categories only. Bands stay ranges here; no point inside a band is invented.":
        "中国的数字人才集群在全球科技人才城市中处于什么位置？三个公开来源，各有各的单位：**CBRE** 以**区间**统计各城市的科技人才（2023 年），**WIPO** 按专利、论文及（2025 年起）风险投资交易对创新集群排名，**领英—清华**报告（2019）只以类别描述人才流动与技能。本页保留区间，不在区间内臆造任何点值。",
    "What the sources say": "来源中的事实",
    "Cities the LinkedIn–Tsinghua report covers": "领英—清华报告覆盖的城市",
    "Most attractive city for digital talent": "对数字人才最具吸引力的城市",
    "Invention patents granted, Shenzhen–Hong Kong–Guangzhou, 2024": "深圳—香港—广州 2024 年发明专利授权量",
    "PCT applications, Shenzhen–Hong Kong–Guangzhou, 2024": "深圳—香港—广州 2024 年 PCT 国际专利申请量",
    "Bars count the cities of CBRE's 48 listed in the bundled data; black ticks are the counts the article on CBRE's 2025 guide states. A bar shorter than its tick means the bundled list is incomplete (about 27 cities of 100k–200k are missing), never that the statement is wrong.":
        "条形统计内置数据中列出的 CBRE 48 城；黑色刻度是介绍 CBRE 2025 指南的文章所述的数量。条形短于刻度表示内置名单不完整（约 27 个 10 万–20 万的城市缺失），而非该说法有误。",
    "Clusters per economy among WIPO's top 100 (China 24, US 22, Germany 7, India 4, UK 4 in 2025).":
        "WIPO 百强集群按经济体计数（2025 年：中国 24、美国 22、德国 7、印度 4、英国 4）。",
    "The article on CBRE's 2025 guide (Ba Jiu Ling, 2025) proposes judging a tech hub by **talent density × structure crossover × ecosystem connectivity × productization speed**. Choose a proxy and a weight for each component; weights are normalised to sum to 1. The multiplicative form is a weighted geometric mean (each component divided by its geometric mean, so units do not matter); the additive form sums min-max-scaled components.":
        "介绍 CBRE 2025 指南的文章（巴九靈，2025）提出以**人才密度 × 人才结构交叉度 × 创业生态连接效率 × 技术产品化速度**评判科技中心。为每个分项选择代理指标和权重；权重归一化为和为 1。乘法形式为加权几何平均（各分项除以其几何平均，因此与单位无关）；加法形式对最小-最大缩放后的分项求和。",
    "Rank 1 is the highest composite. Scores of the multiplicative form are relative to an average place (1.0). Lighter bars had a component missing (set to the average, or left out with the weights re-normalised). The stability chart re-ranks on a fixed grid of weights, each within ±20 % of yours (5 levels per component), and shows how often each place stays in the top k.":
        "第 1 名为综合指数最高者。乘法形式的得分相对于平均地点（1.0）。浅色条形表示缺少某个分项（设为平均值，或不计入并重新归一化权重）。稳定性图在固定的权重网格上重新排名（每个权重在您所选值的 ±20% 内，每个分项 5 档），显示各地点留在前 k 名的频率。",
    "Loading the bundled global tables…": "正在读取内置的全球数据表……",
    "Each CBRE market is a **range**: the filled circle's area is the band's lower bound, the ring's area its upper bound; a circle without a ring is open-ended (e.g. 500k+). Grey circles are cities known to be among the 48 whose band is not published in the bundled copy (\"100k+\"). Triangles are WIPO clusters (centre of their member cities). Red arcs are the LinkedIn–Tsinghua migration corridors (great circles; thicker = more frequent; the three Chinese pairs share second place).":
        "每个 CBRE 城市是一个**区间**：实心圆面积为区间下限，外环面积为上限；没有外环的圆为开放区间（如 50 万以上）。灰色圆为已知属于 48 城、但内置资料未公布区间的城市（“10 万以上”）。三角为 WIPO 集群（成员城市的中心）。红色弧线为领英—清华的人才迁移通道（大圆航线；越粗越频繁；中国的三对城市群并列第二）。",
    "A cluster's band is the **sum of its members' bands** (500k+ plus 300k–500k is 800k+); a member whose CBRE status is unknown makes the sum open-ended. The tick marks the lower bound; dashed bars are open-ended.":
        "集群的区间是**其成员区间之和**（50 万以上加 30 万–50 万为 80 万以上）；若某成员的 CBRE 状态未知，和为开放区间。刻度标出下限；虚线条形为开放区间。",
    "To rank them, choose “Re-normalise the weights over the components a place has” under Missing component: each is then scored on the components it has, and flagged.":
        "若要为它们排名，请在“缺失分项”中选择“在该地点已有的分项上重新归一化权重”：每个地点将按其已有的分项计分，并加以标注。",
    "For China's cities and clusters, the agglomeration index of their provinces (location quotient of industrial-digitalization practitioners, eq. 9; 1 = national parity). Hong Kong and Macao are not in Table 1.":
        "中国城市与集群所在省份的集聚度指数（产业数字化从业人员的区位熵，式9；1 = 全国平均）。香港和澳门不在表1中。",
    "World tech-talent cities and innovation clusters": "全球科技人才城市与创新集群",
    "Drawing the world map…": "正在绘制世界地图……",
    "and {n} city clusters (2019)": "以及 {n} 个城市群（2019）",
    "first of five: {cities}": "五城之首：{cities}",
    "{share} % of China's total": "占全国总量的 {share}%",
    "patent figures, medium confidence": "专利数据，可信度中等",
    "CBRE 2025 tech-talent bands (persons, 2023)": "CBRE 2025 科技人才区间（人，2023 年）",
    "CBRE cities above 100,000 by region": "科技人才超过 10 万的 CBRE 城市（按地区）",
    "CBRE cities above 100,000 by country": "科技人才超过 10 万的 CBRE 城市（按国家）",
    "A CSV or XLSX with a `place` column (market names as in the comparison list) and one or more numeric columns. Each numeric column becomes a proxy named `upload:<column>`, labelled user-supplied. Nothing is stored.":
        "一个 CSV 或 XLSX 文件，包含 `place` 列（城市名称与比较列表一致）以及一个或多个数值列。每个数值列成为一个名为 `upload:<列名>` 的代理指标，并标注为用户提供。不会保存任何内容。",
    "Multiplicative: the article's product, as a weighted geometric mean; additive: a weighted sum of min-max scaled components.":
        "乘法：文章中的乘积，以加权几何平均计算；加法：对最小-最大缩放后的分项加权求和。",
    "Leave out: a place lacking a weighted component is not ranked (listed above the chart). Average: the gap is set to the average place's value and flagged. Re-normalise: the place is scored on the components it has, its weights scaled to sum to 1 over them (eq. C3), and flagged.":
        "不纳入：缺少有权重分项的地点不参与排名（在图表上方列出）。平均值：缺口设为平均地点的值并加以标注。重新归一化：该地点按其已有分项计分，权重在这些分项上重新缩放为和为 1（式 C3），并加以标注。",
    "Include them: re-normalise the weights over the components each place has": "纳入它们：在各地点已有的分项上重新归一化权重",
    "illustrative values set by the app authors (data/global/composite_illustrative.csv)": "示意性数值由应用作者设定（data/global/composite_illustrative.csv）",
    "Full provenance per column: data/SOURCES.md, section global/.": "各列完整出处：data/SOURCES.md 的 global/ 一节。",
    "Cities above {n} tech workers, {group}": "科技人才超过 {n} 的城市（{group}）",
    "As reported by Yicai Global (2 Sep 2025) from the WIPO release": "据第一财经（Yicai Global，2025 年 9 月 2 日）对 WIPO 发布内容的报道",
    "Attribute": "属性",
    "your upload": "您上传的数据",
    "Ranking the places on the composite…": "正在按综合指数排名……",
    "Proxies": "代理指标",
    "no": "缺少",
    "a weighted component has no value for them": "某个有权重的分项没有数值",
    "{n} places are ranked with a component missing ({rule}): {places}.": "{n} 个地点在缺少分项的情况下参与排名（{rule}）：{places}。",
    "Weight of {component} (normalised with the others)": "{component}的权重（与其他权重一起归一化）",
    "Give at least one component a weight above zero, or choose another rule for missing components.": "请至少给一个分项大于零的权重，或为缺失分项选择其他规则。",
    "Not in Table 1": "不在表1中",
    "Agglomeration index, {year}": "集聚度指数，{year} 年",
    "ILLUSTRATIVE": "示意性",
    "{n} places are left out of the ranking": "{n} 个地点未纳入排名",
    "(sum of member bands)": "（成员区间之和）",
    "The figures file cannot be used": "该数据文件无法使用",
    "digital core": "数字核心",
    "traditional": "传统产业",
    "Computed value": "计算值",
    "computed": "计算值",
    "published (Table 1)": "公布值（表1）",
    "Tier 1: 500k+": "第一梯队：50 万以上",
    "Tier 2: 300k–500k": "第二梯队：30 万–50 万",
    "Tier 3: 100k–300k": "第三梯队：10 万–30 万",
    "100k+ (band not published here)": "10 万以上（此处未公布区间）",
    "not known to be in the 48": "未知是否属于 48 城",
    "spans tiers": "跨梯队",
    "Asia-Pacific": "亚太",
    "North America": "北美",
    "Europe": "欧洲",
    "Latin America": "拉丁美洲",
    "Middle East & Africa": "中东与非洲",
    "Illustrative components included: not measurements": "包含示意性分项：并非测量值",
    "every weighted component": "具备全部有权重的分项",
    "a component set to the neutral value": "有分项设为中性值",
    "a component left out (weights re-normalised)": "有分项缺失（权重已重新归一化）",
    "closed band": "闭区间",
    "open-ended band (no upper bound)": "开放区间（无上限）",
    "Tech workers (persons)": "科技人才（人）",
    "Weighted geometric mean of the chosen proxies": "所选代理指标的加权几何平均",
    "Weighted sum of the min-max scaled proxies": "最小-最大缩放后代理指标的加权和",
    "Rank stability": "排名稳定性",
    "Rank stability: how often each place stays top ": "排名稳定性：各地点留在前 ",
    " (": " 名的频率（",
    " weight samples)": " 组权重样本）",
    "CBRE band (tech workers)": "CBRE 区间（科技人才）",
    "WIPO top-100 innovation clusters per economy": "各经济体的 WIPO 百强创新集群数",
    "Shares of world output, WIPO GII 2025": "占全球产出的比重，WIPO GII 2025",
    "Talent-density composite: ranking": "人才密度综合指数：排名",
    "Every weight moved within ±{spread} on a fixed grid": "每个权重在固定网格上于 ±{spread} 内变动",
    "China link: provinces' agglomeration index": "与中国的联系：所在省份的集聚度指数",
    "Kind": "类型",
    "Band": "区间",
    "Cities listed in the bundled data": "内置数据中列出的城市数",
    "Black tick: count stated in the article on CBRE's 2025 guide": "黑色刻度：介绍 CBRE 2025 指南的文章所述数量",
    "2025 method adds venture-capital deals: not strictly comparable with 2024": "2025 年方法加入风险投资交易：与 2024 年不完全可比",
    "As reported by Yicai Global (2 Sep 2025) from the WIPO release; only the clusters the report names": "据第一财经（2025 年 9 月 2 日）对 WIPO 发布内容的报道；仅含报道点名的集群",
    "Liu (2026), Table 1; dashed line = national parity": "Liu (2026)，表1；虚线 = 全国平均",
    "Country": "国家",
    "Place": "地点",
    "Stated count": "所述数量",
    "Mean index 2011-2023": "2011-2023 年平均指数",
    "Rank of 30 (mean 2011-2023)": "30 省中的排名（2011-2023 年均值）",
    "LinkedIn corridor (1 = most frequent)": "领英人才通道（1 = 最频繁）",
    "Band lower bound (persons)": "区间下限（人）",
    "Clusters in the top 100": "百强集群数",
    "GII edition": "GII 版本",
    "Share of the world total (%)": "占全球总量的比重（%）",
    "Components": "分项",
    "Share of weight samples in the top k": "留在前 k 名的权重样本比例",
    "From": "起点",
    "To": "终点",
    "Order": "顺序",
    "WIPO cluster": "WIPO 集群",
    "Rank 2024": "2024 年排名",
    "Rank 2025 (new method)": "2025 年排名（新方法）",
    "Economy": "经济体",
    "Output": "产出",
    "Composite score (1 = average place)": "综合得分（1 = 平均地点）",
    "Composite score (0-1)": "综合得分（0-1）",
    "Composite score": "综合得分",
    "Best rank": "最好名次",
    "Worst rank": "最差名次",
    "Filled circle: band lower bound; ring: upper bound (none = open-ended band).": "实心圆：区间下限；外环：上限（无外环 = 开放区间）。",
    "▲ WIPO cluster. Red arcs: LinkedIn–Tsinghua corridors.": "▲ WIPO 集群。红色弧线：领英—清华人才通道。",
    # values shown from the bundled tables
    "LinkedIn cluster": "领英城市群",
    "city": "城市",
    "agrees": "一致",
    "bundled list incomplete": "内置名单不完整",
    "conflict": "冲突",
    "high": "高",
    "medium": "中",
    "low": "低",
    "medium-low": "中低",
    "illustrative": "示意性",
    "powerhouse": "核心强市",
    "tech and disruptive tech skills": "科技技能与颠覆性科技技能",
    "disruptive tech skills only": "仅颠覆性科技技能",
    "facts cited": "引用事实",
    "public domain": "公共领域",
    "scientific publications": "科学出版物",
    "PCT applications": "PCT 国际专利申请",
    "Report": "报告",
    "Publisher": "发布机构",
    "Published": "发布日期",
    "Licence": "许可",
    "Statement": "表述",
    "Scope": "范围",
    "Threshold (tech workers, persons)": "门槛（科技人才，人）",
    "Listed in the bundled data": "内置数据中列出",
    "Check": "核对结果",
    "Cities listed": "列出的城市",
    "Confidence": "可信度",
    "Members": "成员",
    "CBRE 2025 band (tech workers, 2023)": "CBRE 2025 区间（科技人才，2023 年）",
    "CBRE class 2025": "CBRE 2025 类别",
    "WIPO rank 2024 → 2025 (2025 method adds VC deals)": "WIPO 排名 2024 → 2025（2025 年方法加入风险投资交易）",
    "LinkedIn–Tsinghua unit": "领英—清华报告单元",
    "LinkedIn skill group": "领英技能分组",
    "LinkedIn most attractive city (order)": "领英最具吸引力城市（顺序）",
    "LinkedIn migration corridors": "领英人才迁移通道",
    "China: provinces (agglomeration index, latest year)": "中国：所在省份（集聚度指数，最新年份）",
    "Components missing": "缺失的分项",
    "Talent density (scaled)": "人才密度（缩放后）",
    "Talent-structure crossover (scaled)": "人才结构交叉度（缩放后）",
    "Ecosystem connectivity (scaled)": "创业生态连接效率（缩放后）",
    "Productization speed (scaled)": "技术产品化速度（缩放后）",
    "Note": "备注",
    "CBRE band, lower bound (persons)": "CBRE 区间下限（人）",
    "CBRE band, upper bound (persons)": "CBRE 区间上限（人）",
    "WIPO rank 2024": "WIPO 2024 年排名",
    "WIPO rank 2025": "WIPO 2025 年排名",
    "Download CSV: control totals": "下载 CSV：控制总量",
    "Download CSV: change in A (every cell)": "下载 CSV：A 的变化（全部单元格）",
    "Download CSV: steps of the chosen provinces": "下载 CSV：所选省份的计算步骤",
    "Download CSV: rank correlation by year": "下载 CSV：逐年秩相关",
    "Download CSV: index of every province 2011-2023": "下载 CSV：各省 2011-2023 年指数",
    "Download CSV: sector crosswalk": "下载 CSV：部门对照表",
    "Download CSV: coefficients by sector": "下载 CSV：各部门消耗系数",
    "Download CSV: the chosen provinces' series": "下载 CSV：所选省份的序列",
    "Download CSV: the comparison": "下载 CSV：比较表",
    "Digital-core sector": "数字核心部门",
    "Code in the paper (2012 scheme)": "论文中的代码（2012 年编码）",
    "Code in the 2007 tables": "2007 年表中的代码",
    "Code in the 2012 tables": "2012 年表中的代码",
    "Code in the 2017 tables": "2017 年表中的代码",
    "Electrical machinery and equipment": "电气机械和器材",
    "Communication equipment, computers and other electronic equipment": "通信设备、计算机和其他电子设备",
    "Instruments and meters": "仪器仪表",
    "Information transmission, software and IT services": "信息传输、软件和信息技术服务",
    "Scientific research and technical services": "科学研究和技术服务",
    "no control totals": "没有控制总量",
    "no employment data": "没有就业数据",
    "no control totals or employment": "没有控制总量或就业数据",
    "Beijing": "北京",
    "Shanghai": "上海",
    "Shenzhen": "深圳",
    "Guangzhou": "广州",
    "Hong Kong": "香港",
    "Hangzhou": "杭州",
    "Nanjing": "南京",
    "Wuhan": "武汉",
    "Shanghai–Suzhou": "上海—苏州",
    "Shenzhen–Hong Kong–Guangzhou": "深圳—香港—广州",
    "Greater Bay Area": "粤港澳大湾区",
    "Macao": "澳门",
    "Dublin": "都柏林",
    "Santiago": "圣地亚哥",
    "Bangalore": "班加罗尔",
    "Bengaluru": "班加罗尔",
    "Tokyo–Yokohama": "东京—横滨",
    "Seoul": "首尔",
    "China (Mainland)": "中国（大陆）",
    "WIPO changed its method in 2025 (venture-capital deals added to PCT inventors and scientific authors), so 2024 → 2025 rank changes mix real change with the new metric.":
        "WIPO 在 2025 年调整了方法（在 PCT 发明人和科学论文作者之外加入风险投资交易），因此 2024 → 2025 年的排名变化混合了真实变化与新指标的影响。",
    "City data: GeoNames (CC BY 4.0)": "城市数据：GeoNames（CC BY 4.0）",
})


# --- /regression and /policy: every visible word (issue 18) ---
ZH.update({
    "What moves the agglomeration index of industrial-digitalization talents? The paper (eq. 10) regresses it on nine provincial conditions with province fixed effects (Table 5). Choose the data, the variables and the estimator; the F test says whether province effects are needed, the Hausman test whether they can be treated as random. The **Scenario** section asks *what if wages rise 10 %?* with an honest band.":
        "什么在推动产业数字化人才集聚度指数？论文（式 10）用九项省级条件对它回归，并控制省份固定效应（表 5）。请选择数据、变量和估计方法；F 检验说明是否需要省份效应，Hausman 检验说明能否把它们视为随机效应。**情景模拟**部分回答“工资上涨 10 % 会怎样？”，并给出如实的置信区间。",
    "Public data: the published index with provincial yearbook series. Paper-shaped demo: an invented panel with the paper's moments. Uploaded data: your own file.":
        "公开数据：已发布的指数与省级统计年鉴序列。论文形态演示：按论文矩构造的虚构面板。上传数据：您自己的文件。",
    "Public data": "公开数据",
    "Uploaded data": "上传数据",
    "Paper-shaped demo (synthetic)": "论文形态演示（合成）",
    "Agglomeration index (index)": "集聚度指数（指数）",
    "Gross regional product (log 100 million yuan)": "地区生产总值（亿元，取对数）",
    "Per-capita wage (log yuan)": "人均工资（元，取对数）",
    "Digital economy level (score 0–1)": "数字经济水平（得分 0–1）",
    "Economic structure (tertiary share of GDP, 0–1)": "经济结构（第三产业占 GDP 比重，0–1）",
    "Population quality (log college students per 100,000 people)": "人口素质（每十万人在校大学生数，取对数）",
    "R&D intensity (share of GDP, 0–1)": "研发强度（占 GDP 比重，0–1）",
    "Urbanization rate (share, 0–1)": "城镇化率（比重，0–1）",
    "Medical care level (log hospital beds per 10,000 people)": "医疗水平（每万人医院床位数，取对数）",
    "Public service level (share, 0–1)": "公共服务水平（比重，0–1）",
    "Per-capita GDP, public stand-in (log yuan)": "人均 GDP，公开数据替代变量（元，取对数）",
    "R&D intensity of industrial firms (share of GDP, 0–1)": "规模以上工业企业研发强度（占 GDP 比重，0–1）",
    "Public-service spending share (0–1)": "公共服务支出占比（0–1）",
    "Constant": "常数项",
    "log": "取对数",
    "previous year": "滞后一年",
    "standardized": "标准化",
    "Province fixed effects (eq. 10)": "省份固定效应（式 10）",
    "Province and year fixed effects": "省份与年份双向固定效应",
    "Differs from Table 3": "与表 3 不同",
    "Applied in this order: natural log, then the first lag (previous year, same province), then standardization (mean 0, standard deviation 1 in the estimation sample). Each term's name lists its transformations.":
        "按此顺序应用：先取自然对数，再取一阶滞后（同一省份的上一年），最后标准化（在估计样本中均值为 0、标准差为 1）。每一项的名称会列出其变换。",
    "Observations (N)": "观测数（N）",
    "Per-capita wage: odd-year wages are interpolated in logs (flagged per cell)": "人均工资：奇数年份工资按对数插值（逐格标记）",
    "Coefficient with {level} interval": "系数及 {level} 置信区间",
    "Term": "变量项",
    "Coefficient": "系数",
    "Lower": "下限",
    "Upper": "上限",
    "Significance": "显著性",
    "Table 5 (paper)": "表 5（论文）",
    "Each dot is an estimated slope, the line its 95 % confidence interval under the chosen standard errors; an interval that crosses the dashed zero line is not significant at 5 %. Open diamonds are the paper's Table 5 coefficients for the same variables (Table 5 used all nine variables, province fixed effects, N = 390).":
        "每个点是一个估计斜率，线段是所选标准误下的 95 % 置信区间；穿过零虚线的区间在 5 % 水平上不显著。空心菱形是论文表 5 中相同变量的系数（表 5 使用全部九个变量、省份固定效应、N = 390）。",
    "Research on the measurement and influencing factors of the agglomeration degree of industrial digitalization talents in China":
        "《中国产业数字化人才集聚度测度及其影响因素研究》",
    "Tables 1, 3, 5": "表 1、表 3、表 5",
    "estimates: linearmodels on the active data source": "估计：linearmodels，基于当前数据来源",
    "estimates: linearmodels on the synthetic demo panel": "估计：linearmodels，基于合成演示面板",
    "Standard error": "标准误",
    "t statistic": "t 统计量",
    "p value": "p 值",
    "Lower 95 % bound": "95 % 置信下限",
    "Upper 95 % bound": "95 % 置信上限",
    "Code": "代码",
    "Province effects are jointly significant (F({a}, {b}) = {stat}, {p}): pooled OLS is rejected in favour of fixed effects.":
        "省份效应联合显著（F({a}, {b}) = {stat}，{p}）：拒绝混合 OLS，应采用固定效应。",
    "Province effects are not jointly significant (F({a}, {b}) = {stat}, {p}): pooled OLS is not rejected.":
        "省份效应联合不显著（F({a}, {b}) = {stat}，{p}）：不拒绝混合 OLS。",
    "Hausman test, fixed vs random effects": "Hausman 检验：固定效应与随机效应",
    "Fixed- and random-effects slopes differ systematically (χ²({k}) = {stat}, {p}): the province effects are correlated with the regressors, so fixed effects is preferred.":
        "固定效应与随机效应的斜率存在系统差异（χ²({k}) = {stat}，{p}）：省份效应与解释变量相关，因此应采用固定效应。",
    "No systematic difference between fixed and random effects (χ²({k}) = {stat}, {p}): random effects is consistent and more efficient.":
        "固定效应与随机效应无系统差异（χ²({k}) = {stat}，{p}）：随机效应一致且更有效。",
    "Taken at face value (see the warning):": "按字面理解（见警告）：",
    "The difference of the two covariance matrices is not positive definite in this sample, so the statistic uses a generalized inverse and should be read with caution.":
        "在此样本中两个协方差矩阵之差不是正定矩阵，统计量使用了广义逆，解读时需谨慎。",
    "The F statistic cannot be computed on this sample.": "此样本无法计算 F 统计量。",
    "The Hausman statistic is not valid here (negative or not finite); no absolute value is taken.":
        "此处 Hausman 统计量无效（为负或非有限值）；不取绝对值。",
    "Paper: province fixed effects, N = 390, R² = 0.31 (Table 5). Same sign is shown where both estimate the term.":
        "论文：省份固定效应，N = 390，R² = 0.31（表 5）。两者都估计了某一项时显示符号是否相同。",
    "The column 'Data here' says where the real-data variable differs from the paper's: proxy, odd years interpolated, or computed here, not the paper's score.":
        "“本页数据”一列说明真实数据变量与论文的差异：代理变量、奇数年份插值，或在此计算而非论文的得分。",
    "Yes": "是",
    "No": "否",
    "Data here": "本页数据",
    "Paper: coefficient": "论文：系数",
    "Paper: t statistic": "论文：t 统计量",
    "Paper: significance": "论文：显著性",
    "This model: coefficient": "本模型：系数",
    "This model: t statistic": "本模型：t 统计量",
    "This model: significance": "本模型：显著性",
    "Same sign": "符号相同",
    "Full estimation summary (linearmodels, in English)": "完整估计摘要（linearmodels 输出，英文）",
    "First year": "首年",
    "Last year": "末年",
    "Observations": "观测数",
    "Years without data": "无数据的年份",
    "Move a lever: the change is applied to the chosen provinces in every year (so lagged terms see it too), the model's coefficients turn it into a change of the index, and the band is the 95 % delta-method interval from the coefficient covariance (baseline taken as given). Log variables change in %, shares in percentage points.":
        "移动一个杠杆：变化应用于所选省份的每一年（因此滞后项也会受影响），模型系数把它换算为指数的变化，区间是由系数协方差得到的 95 % delta 方法区间（基准视为给定）。对数变量按 % 变化，比重按百分点变化。",
    "Wages": "工资",
    "R&D intensity": "研发强度",
    "Public services": "公共服务",
    "Education": "教育",
    "percentage points": "百分点",
    "All levers are at 0: the chart shows the fitted baseline. Move a slider to project a change.":
        "所有杠杆均为 0：图中显示拟合基准。移动滑块以预测变化。",
    "Baseline (fitted)": "基准（拟合值）",
    "Projected": "预测值",
    "Changed values": "变化后的取值",
    "Agglomeration index, projected with {level} band": "集聚度指数预测值及 {level} 区间",
    "inside observed range": "在观测范围内",
    "outside observed range": "超出观测范围",
    "Provinces are ranked by the projected index (dot); the grey tick is the model's fitted baseline, the blue bar the 95 % band of the projection. Red dots: a changed value lies outside the observed range, so the linear model extrapolates.":
        "各省按预测指数（点）排序；灰色刻度是模型拟合的基准，蓝色条是预测的 95 % 区间。红点：某个变化后的取值超出观测范围，线性模型在外推。",
    "the delta method (core.panel.project) on the model of the Model section": "delta 方法（core.panel.project），基于“模型”部分的模型",
    "Observed index": "观测指数",
    "Change": "变化",
    "Values outside the observed range": "超出观测范围的取值",
    "Outside the observed range": "超出观测范围",
    "outside the observed range": "超出观测范围",
    "Wage interpolated": "工资为插值",
    "Projected index": "预测指数",
    "Baseline lower bound": "基准下限",
    "Baseline upper bound": "基准上限",
    "The same model, dependent variable, regressors and standard errors, re-estimated by region and by sub-period (inside the chosen sample). Cells show the coefficient with stars (*** 1 %, ** 5 %, * 10 %) and its standard error.":
        "相同的模型、因变量、解释变量和标准误，按地区和分时段（在所选样本内）重新估计。单元格显示系数及星号（*** 1 %，** 5 %，* 10 %）和标准误。",
    "N": "观测数",
    "R² (within for FE)": "R²（固定效应为组内 R²）",
    "Table 4 of the paper (n, mean, standard deviation with n − 1, min, max) recomputed for the active data source, next to the published values.":
        "论文表 4（观测数、均值、以 n − 1 计算的标准差、最小值、最大值）按当前数据来源重新计算，并与已发布数值并列。",
    "Standard deviation": "标准差",
    "Minimum": "最小值",
    "Maximum": "最大值",
    "Regional GDP, 100 million yuan, natural log": "地区生产总值（亿元），取自然对数",
    "Average wage of employees in urban units, yuan, natural log": "城镇单位就业人员平均工资（元），取自然对数",
    "Entropy-weight score of a digital-economy indicator system": "数字经济指标体系的熵权得分",
    "Share of tertiary industry output in GDP (0-1)": "第三产业产值占 GDP 比重（0-1）",
    "College students per 100,000 people, natural log": "每十万人在校大学生数，取自然对数",
    "R&D spending of industrial firms above designated size / GDP (0-1)": "规模以上工业企业研发支出 / GDP（0-1）",
    "Urban population / total population (0-1)": "城镇人口 / 总人口（0-1）",
    "Medical-institution beds per 10,000 people, natural log": "每万人医疗机构床位数，取自然对数",
    "Public-service employees / urban employment (0-1)": "公共服务从业人员 / 城镇就业人数（0-1）",
    "Some changed values leave the range observed in the data; those projections extrapolate (red points).":
        "部分变化后的取值超出数据中的观测范围；这些预测属于外推（红点）。",
    "paper-shaped demo panel: moments of Table 4, slopes of Table 5; not data about any province.":
        "论文形态演示面板：表 4 的矩、表 5 的斜率；不是任何省份的数据。",
    "Data: your uploaded file (kept in this session only).": "数据：您上传的文件（仅保存在本次会话中）。",
    "One row per province and year; columns `province`, `year` and the nine Table 3 variables in Table 3's units (logs for `gdp`, `pcw`, `pdl`, `med`; shares 0–1 for `estr`, `rd`, `urban`, `psl`). `idt` is optional (the published index is used if it is missing). The bundled data are never changed.":
        "每个省份和年份一行；列为 `province`、`year` 以及表 3 的九个变量，单位同表 3（`gdp`、`pcw`、`pdl`、`med` 取对数；`estr`、`rd`、`urban`、`psl` 为 0–1 比重）。`idt` 可选（缺失时使用已发布的指数）。内置数据从不修改。",
    "The map shows the agglomeration index; choose it as the dependent variable to send a projection.":
        "地图显示集聚度指数；请把它选为因变量再发送预测。",
    "The model cannot be estimated": "模型无法估计",
    "The projection cannot be computed": "无法计算预测",
    # /policy
    "Cities joined China's national innovative-city pilot in different years (2008 onward). This page runs the pilot-city study's design — a multi-period difference-in-differences over cities and years — and checks it: are pilot and other cities on parallel paths before approval, and is the usual two-way fixed-effects answer biased because cities were treated at different times and effects grew over time?":
        "各城市在不同年份（2008 年起）加入国家创新型城市试点。本页沿用试点城市研究的设计——基于城市和年份的多期双重差分——并对其进行检验：获批前试点城市与其他城市的走势是否平行？由于城市获批时间不同且效应随时间增长，常用的双向固定效应结果是否有偏？",
    "Reading the pilot-city lists and approval years…": "正在读取试点城市名单和获批年份……",
    "Synthetic demo": "合成演示",
    "No clustering (heteroskedasticity-robust)": "不聚类（异方差稳健）",
    "City controls of the uploaded panel (columns named as in the template).": "上传面板中的城市控制变量（列名与模板一致）。",
    "English name": "英文名",
    "Building the synthetic city panel (real cities and pilot years)…": "正在生成合成城市面板（真实城市与试点年份）……",
    "Estimating the average effect with two-way fixed effects and the two-stage estimator…": "正在用双向固定效应和两阶段估计量估计平均效应……",
    "Estimating the event study (effects by years since approval)…": "正在估计事件研究（按获批后年数的效应）……",
    "Fitting the provincial design (province and year fixed effects)…": "正在拟合省级设计（省份与年份固定效应）……",
    "Two-stage (Gardner 2022)": "两阶段估计（Gardner 2022）",
    "Two-way fixed effects": "双向固定效应",
    "Both": "两者",
    "never approved": "从未获批",
    "reference period": "参照期",
    "estimated": "估计值",
    "Years since approval": "获批后年数",
    "Effect": "效应",
    "Binned window end": "合并的窗口端点",
    "Average effect on the treated": "处理组平均效应",
    "Estimator": "估计量",
    "MOST/NDRC innovative-city lists (2016, 2018) and MIIT/NDRC Broadband-China batches (2014-2016), `data/policy/`; provinces hand-typed; estimators: pyfixest `feols`, `did2s` (Gardner 2022)":
        "科技部/国家发展改革委创新型城市名单（2016、2018）与工业和信息化部/国家发展改革委“宽带中国”示范城市批次（2014-2016），`data/policy/`；省份为人工录入；估计量：pyfixest `feols`、`did2s`（Gardner 2022）",
    "Joint test that the {k} pre-period coefficients are zero: F({k}, {df}) = {f}, p = {p} (Wald χ² = {w}, p = {pw}).":
        "{k} 个获批前系数同时为零的联合检验：F({k}, {df}) = {f}，p = {p}（Wald χ² = {w}，p = {pw}）。",
    "No pre-period coefficient to test (widen the window).": "没有可检验的获批前系数（请扩大窗口）。",
    "Broadband China (concurrent policy)": "“宽带中国”（同期政策）",
    "Reference period": "参照期",
    "Event window": "事件窗口",
    "clustered by {level} ({n} clusters)": "按{level}聚类（{n} 个聚类）",
    "heteroskedasticity-robust": "异方差稳健",
    "{method}: ATT = {att} (standard error {se}, {clu}; 95% interval {lo} to {hi}; p = {p}); N = {n}, {units} units of which {treated} treated.":
        "{method}：ATT = {att}（标准误 {se}，{clu}；95% 区间 {lo} 至 {hi}；p = {p}）；N = {n}，共 {units} 个城市，其中 {treated} 个为处理组。",
    "95% interval {lo} … {hi}; standard error {se}; N = {n}": "95% 区间 {lo} … {hi}；标准误 {se}；N = {n}",
    "Two-way fixed effects differ from the two-stage estimate by": "双向固定效应与两阶段估计之差为",
    "Table": "表",
    "Treated cities": "处理组城市数",
    "Clusters": "聚类数",
    "Standard errors clustered by": "标准误聚类层级",
    "Agglomeration index (Table 1)": "集聚度指数（表 1）",
    "Pilot cities of the province": "本省试点城市数",
    "your uploaded city panel": "您上传的城市面板",
    "none": "无",
    "not estimated": "未估计",
    "Pilot Cities for Innovation and Clusters of High-Tech Talent": "《创新型试点城市与高技术人才集聚》",
    "No never-approved city: the last cohort ({0}) serves as the not-yet-approved comparison, so years from {1} on are left out.":
        "没有从未获批的城市：最后一批（{0}）作为尚未获批的对照组，因此 {1} 年及以后的年份被剔除。",
    "Year(s) {0} have no untreated city and were left out.": "{0} 年没有未处理的城市，已被剔除。",
    "{0} cities approved in or before the first year {1} have no untreated year and were left out (e.g. {2}).":
        "{0} 个在首年 {1} 或之前获批的城市没有未处理年份，已被剔除（例如 {2}）。",
})
ZH.update({
    "Data: public — published index (Table 1) with provincial yearbook series bundled in data/.":
        ZH.get("Data: public — published index (Table 1) with provincial yearbook series bundled in data/.",
               "数据：公开——已发表的指数（表1）与内置于 data/ 的省级年鉴序列。"),
    "Proxies, interpolated wages and the digital-economy score computed here are marked in the variables table.":
        "代理变量、插值工资和本应用计算的数字经济得分在变量表中标明。",
    "Urban wages are published for even years only. On: each odd year 2011-2019 is the geometric mean of its neighbours, flagged per cell. Off: odd years are missing and drop out of any model with the wage. Nothing after 2020 is invented either way.":
        "城镇工资只有偶数年份的公布值。开启：2011-2019年每个奇数年份取相邻两年的几何平均，逐格标记。关闭：奇数年份缺失，含工资的模型不使用这些年份。无论开关与否，2020年以后都不做推断。",
    "the delta method (`core.panel.project`) on the model of the Model section": "delta 方法（`core.panel.project`），基于“模型”部分的模型",
})
ZH.update({
    "official notice": "官方通知",
    "exact (2018 batch)": "确切（2018 年批次）",
    "unknown — enter a year": "未知——请输入年份",
    "entered by you": "由您输入",
})
ZH.update({
    "Assembling the public provincial panel…": "正在整理公开的省级面板……",
    "Building the paper-shaped demo panel…": "正在生成论文形态演示面板……",
    "Estimating the model…": "正在估计模型……",
    "Running the F and Hausman tests…": "正在进行 F 检验和 Hausman 检验……",
    "Projecting the scenario…": "正在预测情景……",
    "Re-estimating the model by region and sub-period…": "正在按地区和分时段重新估计模型……",
    "Computing the descriptive statistics…": "正在计算描述统计……",
})
ZH.update({
    "Loading the estimators (first visit after a restart)…": "正在加载估计程序（重启后首次访问）……",
})
ZH.update({
    "One row per province and year: `province` (English or Chinese), `year`, and `urban_avg_wage_yuan` (yuan per year) and/or `rd_intensity_pct` (R&D / GDP in percent, e.g. 2.41). The template holds the bundled values; change or fill cells and upload it: your values replace the wage (`pcw`) and R&D intensity (`rd`) on the public data in this session (an empty cell keeps the bundled value). The bundled data are never changed.":
        "每个省份每年一行：`province`（中文或英文）、`year`，以及 `urban_avg_wage_yuan`（元/年）和/或 `rd_intensity_pct`（研发经费 / GDP，百分数，如 2.41）。模板中已填入内置数值；修改或补充后上传：您的数值在本次会话中替换公开数据中的工资（`pcw`）和研发强度（`rd`）（空单元格保留内置数值）。内置数据不会被修改。",
    "Too few observations: {0} complete rows for {1} regressors over {2} provinces; widen the sample or drop regressors.":
        "观测值太少：{2} 个省份共 {0} 个完整行，而解释变量有 {1} 个；请扩大样本或减少解释变量。",
    "The regressors are perfectly collinear in this sample; drop one of them.": "在此样本中解释变量完全共线；请去掉其中一个。",
    "The window must start before 0 and end at or after 0 (got {0} to {1}).": "窗口必须从 0 之前开始，并在 0 或之后结束（当前为 {0} 至 {1}）。",
    "The link's year for {0} must be a whole year between {1} and {2} (found {3}).": "链接中 {0} 的年份必须是 {1} 至 {2} 之间的整数年份（收到 {3}）。",
    "Approval year for {0} must be a whole year between {1} and {2}, or empty (found {3}).": "{0} 的获批年份必须是 {1} 至 {2} 之间的整数年份或留空（收到 {3}）。",
})
ZH.update({
    "{0}: {1} ({2} of {3} provinces)": "{0}：{1}（{3} 个省份中的 {2} 个）",
    "all": "全部",
})


# --- shell, Home and /map: every visible word (issue 18, present) ---
ZH.update({
    "Digital talent explorer":
        "数字人才探索器",
    "Wide layout, larger type, short explanations. Also `?present=1` in the link.":
        "宽版面、大字号、简短说明。也可在链接中加入 `?present=1`。",
    "Embedded data, offline. Index: Liu (2026), *WJARR* 30(01), Table 1. IO tables: provincial statistics bureaus via CHNIO; national tables: NBS via ionet. Boundaries: Natural Earth (public domain), generalized by QGIS. City data: GeoNames (CC BY 4.0). Full provenance in `data/SOURCES.md`.":
        "内置数据，离线运行。指数：Liu (2026)，*WJARR* 30(01)，表1。投入产出表：各省统计局（经 CHNIO）；全国表：NBS（经 ionet）。边界：Natural Earth（公有领域），经 QGIS 概化。城市数据：GeoNames（CC BY 4.0）。完整出处见 `data/SOURCES.md`。",
    "Ignored invalid link value(s): {values} — defaults used.":
        "已忽略链接中的无效值：{values}——改用默认值。",
    "Where do **industrial-digitalization talents** concentrate? Each province is coloured by the agglomeration index of the chosen year: a location quotient, so **1 is national parity** and 2 means the province's share of these workers is twice its share of all employed persons. Use the *Year* slider under the map to move through the years, or tick *▶ Play* to step through them (one every 0.9 s, looping); both work in your browser, without waiting for the server.":
        "**产业数字化人才**集中在哪里？每个省份按所选年份的集聚度指数着色：这是一个区位商，**1 表示与全国持平**，2 表示该省这类人才的占比是其全部就业人员占比的两倍。用地图下方的*年份*滑块切换年份，或勾选*▶ 播放*逐年播放（每 0.9 秒一年，循环）；两者都在浏览器中运行，无需等待服务器。",
    "2011–2019 (2012 and 2017 benchmark tables, other years RAS-updated); later years have no data.":
        "2011–2019 年（2012 和 2017 年为基准表，其余年份用 RAS 更新）；之后的年份没有数据。",
    "Table 1 as printed in the paper (default).":
        "论文表1所印数值（默认）。",
    "Computed by core (eq. 4–9), ":
        "由计算核心按式 4–9 计算，",
    "Unavailable: ":
        "不可用：",
    "Published index (Table 1)":
        "已发表指数（表1）",
    "Scenario from the regression page":
        "来自回归页面的情景",
    "Not available now":
        "当前不可用",
    "(see ?)":
        "（见 ?）",
    "ILLUSTRATIVE SCENARIO, not observed data":
        "示意情景，并非观测数据",
    "Local Moran's I":
        "局部莫兰指数",
    "Permutation test":
        "置换检验",
    "Name (English)":
        "英文名称",
    "Name (Chinese)":
        "中文名称",
    "High-High":
        "高-高",
    "Low-Low":
        "低-低",
    "High-Low":
        "高-低",
    "Low-High":
        "低-高",
    "Not significant":
        "不显著",
    "dashed: E[I] = -1/(n-1)":
        "虚线：E[I] = -1/(n-1)",
    "dashed: mean of all provinces; dotted: parity 1":
        "虚线：全部省份均值；点线：持平线 1",
    "Change since {year}":
        "自 {year} 年以来的变化",
    "Region: east / central / west. Cluster: the paper's four urban clusters.":
        "地区：东部 / 中部 / 西部。城市群：论文所述的四个城市群。",
    "No groups":
        "不分组",
    "Region (east, central, west)":
        "地区（东部、中部、西部）",
    "The paper's four clusters":
        "论文的四个城市群",
    "Outline the groups":
        "勾勒分组边界",
    "Show only the groups":
        "只显示所选分组",
    "Fisher-Jenks natural breaks":
        "Fisher-Jenks 自然断点",
    "Quantiles (equal counts)":
        "分位数（各级省份数相同）",
    "Equal intervals":
        "等间距",
    "Parity bands (1, 1.5)":
        "持平分段（1、1.5）",
    "Continuous colour scale":
        "连续色标",
    "On: a colour means the same value in every year. Off: the scale is recomputed for each year (compares provinces within a year only).":
        "开：同一颜色在各年份代表相同数值。关：每年重新计算色标（只能比较同一年内的省份）。",
    "Diverging: blue below national parity (1), red above.":
        "发散：低于全国持平（1）为蓝色，高于为红色。",
    "Sequential (light to dark)":
        "顺序（由浅到深）",
    "Diverging (around parity 1)":
        "发散（以持平线 1 为中心）",
    "Darker blue = higher index (diverging: red above parity 1, blue below). The legend gives each class's bounds in index units; with *Same scale for all years* on, a colour means the same value in every year, so colour changes are real changes. Hover a province for its English and Chinese name, value, rank that year and change since the first year. The slider under the map changes the year in your browser (the link and the downloads follow it) and *▶ Play* steps through the years (untick it to return to the slider's year). Grey: no data (Tibet is not in the paper's 30 provinces; Taiwan, Hong Kong and Macao are outside it).":
        "蓝色越深 = 指数越高（发散配色：高于持平线 1 为红色，低于为蓝色）。图例以指数单位给出每一级的上下限；开启*各年份使用同一色标*时，同一颜色在各年份代表相同数值，因此颜色变化就是真实变化。鼠标悬停在省份上可查看其中英文名称、数值、当年排名和自首年以来的变化。地图下方的滑块在浏览器中切换年份（链接和下载随之变化），*▶ 播放*逐年播放（取消勾选即回到滑块所示年份）。灰色：无数据（西藏不在论文的 30 个省份中；台湾、香港和澳门不在研究范围内）。",
    "classes":
        "分级",
    "Each line is the unweighted mean of the index over the group's provinces in that year (the paper's four clusters: Jing-Jin-Ji, Yangtze River Delta, Pearl River Delta, Cheng-Yu).":
        "每条线是该组各省份当年指数的简单平均（论文的四个城市群：京津冀、长三角、珠三角、成渝）。",
    "groups":
        "分组",
    "Global Moran’s I":
        "全局莫兰指数",
    "permutations":
        "次置换",
    "Expected under no clustering":
        "无集聚时的期望值",
    "z (permutation)":
        "z 值（置换）",
    "Moran's I > 0 means provinces resemble their neighbours (clustering); the p-value compares it with {permutations} random reshufflings of the values over the map (seed {seed}, so the number is reproducible). The LISA map marks provinces whose local statistic is significant at 5 % (no correction for multiple tests): High-High = a high province among high neighbours, Low-Low likewise, High-Low and Low-High are outliers. Neighbours: {neighbours}.":
        "莫兰指数 > 0 表示省份与其相邻省份相似（集聚）；p 值将其与把数值在地图上随机重排 {permutations} 次的结果比较（随机种子 {seed}，结果可复现）。LISA 地图标出局部统计量在 5% 水平上显著的省份（未做多重检验校正）：高-高 = 高值省份被高值邻居包围，低-低同理，高-低和低-高为异常值。相邻关系：{neighbours}。",
    "queen contiguity of the province polygons, row-standardised; no land neighbour, linked to the 2 nearest by centroid distance: Hainan -> Guangxi, Guangdong":
        "省级多边形的后式（queen）邻接，行标准化；无陆地邻接的省份按质心距离连接最近的 2 个省份：海南 -> 广西、广东",
    "Mean 2011–2023 (computed)":
        "2011–2023 年均值（计算）",
    "Index 2011–2023":
        "2011–2023 年指数",
    "Published rank":
        "已发表排名",
    "Published mean":
        "已发表均值",
    "Computed − published":
        "计算值 − 已发表值",
    "All 30 ranks match the paper. The means are of the rounded Table 1 cells; the paper averaged unrounded values, so Anhui (0.926 here, 0.92 printed) and Shanghai (1.575 here, 1.57 printed) round differently — a difference of about 0.005, not an error in either.":
        "全部 30 个排名与论文一致。这里的均值取自表1中四舍五入后的数值；论文对未四舍五入的数值求平均，因此安徽（此处 0.926，论文 0.92）和上海（此处 1.575，论文 1.57）的舍入结果不同——相差约 0.005，两者都没有错误。",
    "Computed from Table 1":
        "由表1计算",
    "Published Table 4":
        "已发表的表4",
    "SD":
        "标准差",
    "Minimum":
        "最小值",
    "Maximum":
        "最大值",
    "Min and max differ in the third decimal because Table 4 was computed from unrounded values (0.359 and 2.692) and Table 1 prints two decimals (0.36 and 2.69).":
        "最小值和最大值在第三位小数上不同，因为表4由未四舍五入的数值计算（0.359 和 2.692），而表1只印两位小数（0.36 和 2.69）。",
    "Computing the index from the IO tables (a few seconds the first time)…":
        "正在由投入产出表计算指数（首次需要几秒钟）……",
    "computed by core from the IO tables (eq. 4–9; employment approximated)":
        "由计算核心依据投入产出表计算（式 4–9；就业人数为近似值）",
    "scenario projection from the regression page (model estimate, not observed)":
        "来自回归页面的情景预测（模型估计，并非观测值）",
    "No scenario was sent from the regression page; showing the published Table 1.":
        "回归页面尚未发送情景；显示已发表的表1。",
    "The index computed from the IO tables is not available; showing the published Table 1.":
        "由投入产出表计算的指数不可用；显示已发表的表1。",
    "The map could not be drawn with these settings":
        "无法按这些设置绘制地图",
    "Sent from the regression page.":
        "由回归页面发送。",
    "Illustrative scenario: a model projection, not observed data.":
        "示意情景：模型预测，并非观测数据。",
    "Years without data: ":
        "无数据的年份：",
})
ZH.update({
    "Moran's I": "莫兰指数",
})
ZH.update({
    "≤ 1.0 (at or below parity)": "≤ 1.0（不高于全国持平）",
    "1.0 – 1.5 (above parity)": "1.0 – 1.5（高于全国持平）",
    "> 1.5 (strong agglomeration)": "> 1.5（强集聚）",
})
# /policy: the placeholder of a cold start, the estimators now in core.did, the pilot-city study's title in Chinese.
ZH.update({
    "Loading the page (first visit after a restart)…": "正在加载页面（重启后首次访问）…",
    "Estimating the average effect in each region…": "正在估计各地区的平均效应…",
    "MOST/NDRC innovative-city lists (2016, 2018) and MIIT/NDRC Broadband-China batches (2014-2016), `data/policy/`; provinces hand-typed; estimators: two-way fixed effects and Gardner's two-stage estimator (Gardner 2022), computed in `core.did` and checked against pyfixest":
        "科技部/国家发展改革委创新型城市名单（2016、2018）与工业和信息化部/国家发展改革委“宽带中国”示范城市批次（2014-2016），`data/policy/`；省份为人工录入；估计量：双向固定效应与 Gardner 两阶段估计量（Gardner 2022），在 `core.did` 中计算并与 `pyfixest` 核对",
    "The pilot-city study (\"Pilot Cities for Innovation and Clusters of High-Tech Talent\") used a city outcome (location quotient of high-tech talent) for 29 cities, 2002-2019, which is not public. This panel is generated: real cities, real pilot and Broadband-China timing, invented outcome with a known effect that grows with years since approval and follows the study's regional order (east largest, then west, central weakest). It shows how the methods behave, not what happened. Choose 'My city panel (upload)' to run the design on real data.":
        "试点城市研究（《创新型试点城市与高技术人才集群》，英文发表）使用了29个城市2002-2019年的城市结果变量（高技术人才区位熵），该数据未公开。本面板为生成数据：真实城市、真实的试点与“宽带中国”时间，虚构的结果变量带有已知效应——效应随获批年数增长，并遵循该研究的地区顺序（东部最大，其次西部，中部最弱）。它展示方法的表现，而非实际发生的情况。选择“我的城市面板（上传）”即可在真实数据上运行该设计。",
})
