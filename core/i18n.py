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
    "Data: public — published index (Table 1) with provincial yearbook series bundled in data/.":
        "数据：公开数据 — 已发表的指数（表 1）及内置于 data/ 的各省统计年鉴序列。",
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
})


def translate(text: str, lang: str) -> str:
    """``text`` in ``lang`` (``"en"`` or ``"zh"``); unknown text or language returns ``text``."""
    if lang == "zh":
        return ZH.get(text, text)
    return text
