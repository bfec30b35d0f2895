#!/usr/bin/env python3
"""Render synthetic 部门预算 PDFs with their exact truth files.

The project may not commit real budget PDFs (or the shared dev corpus), so
this script makes its own: a Wuhan-style department budget (the family of
tables 一、部门收支总表 … 十、项目支出情况表) for an invented department of an
invented district (云湖区), year 2025, with amounts drawn from a fixed random
seed and every sum consistent by construction (类 = Σ款 = Σ项, 合计 = 基本支出 +
项目支出, 基本支出 = 人员经费 + 公用经费, both sides of the two-sided tables
balance, and the tables agree with each other).

Each variant renders a small document (3-6 pages) in a layout that exercises
one family of PDF producers:

  ruled-rects          A4 portrait, rules as thin filled rectangles (WPS/Word),
                       narrow columns: names wrap over 2-4 lines, large amounts
                       break over two lines inside their cell (`1,234.` / `56`),
                       merged multi-row header cells, zeros printed blank in
                       some tables.
  ruled-strokes        A4 landscape, rules as stroked line segments
                       (Excel/ONLYOFFICE), amounts in 元 with thousands
                       separators, one table across two pages without a
                       repeated header, one with the header repeated, codes in
                       separate 类/款/项 columns in one table.
  rotated              pages stored A4 portrait with /Rotate 90, content drawn
                       so that it displays landscape (Distiller), titles in
                       "fake bold" (drawn twice, 0.3 pt apart), amounts without
                       separators, an empty table with a 备注 line.
  rotated-blank-rows   as rotated, tables 2, 3, 5-1, 5-2, 6 and 7: zeros printed
                       blank in 支出总表 and 5-1 (a row printed blank leaves
                       only its code and name), group headings over their
                       leaves (基本支出 over 小计 人员经费 公用经费).
  rotated-yuan         as rotated without fake bold, amounts in 元 with
                       thousands separators, tables 2, 3, 5-1, 6, 7 and 10:
                       6-digit unit codes before the units' names.
  rotated-grid         excel-title-in-grid's pages rotated (Distiller): 附表N, title,
                       编制单位 and unit before each page's header; a project
                       named after a hotline (12345热线).
  excel-title-in-grid  spreadsheet style, one table per page: 附表N, the title,
                       编制单位 and 单位：万元 in merged cells inside the top of
                       the ruled grid; titles without ordinals.
  grid-blank-project   excel-title-in-grid's layout with all eleven tables, in 元
                       without separators, the project table's zeros blank: a
                       project with nothing budgeted printed blank before the
                       next unit's row.
  rotated-blank-project the same with its pages rotated (Distiller).
  unruled              no rules at all: columns only by position, a two-row
                       header, an empty table with its 备注 line.
  rotated-education    all eleven tables of a department of five units,
                       schools among them, in rotated-grid's layout: the
                       heading over each page run into the one-line text, two
                       projects printed blank in a row.

For each variant it writes OUT/pdf/<variant>.pdf and OUT/truth/<variant>.truth.json
in the format of the scorer (../shared/tools/score.py):

    {"source": "<variant>", "tables": [table keys present],
     "cells": [[table_key, section, row_code, row_name, column_leaf, value], ...],
     "indicators": []}

with `section` 收入/支出 in tables 1 and 4, `row_name` the printed label (its
ordinal kept), `column_leaf` the last header level, `value` the exact amount
without thousands separators (`1477.88`) or `` for a blank printed cell.

Before rendering, every table is checked arithmetically (sums of the code
hierarchy, column identities, unit rows, two-sided balance, cross-table
agreement); the written truth file is read back and its sums checked again;
with pdftotext installed, every title and every cell printed on one line is
looked up in the PDF's text. With the same reportlab and font the output is
byte-for-byte reproducible (reportlab's invariant mode).

Requirements (developer machine only; CI never runs this script):

    pip install reportlab                        # tested with reportlab 5.1.0
    apt-get install -y fonts-wqy-microhei        # the CJK font that is embedded
    apt-get install -y poppler-utils             # optional: pdftotext check

Font: WenQuanYi Micro Hei (Apache-2.0, or GPL-3+ with the font exception);
both allow embedding subsets in generated documents. reportlab embeds a
subset of the glyphs used, as TrueType subsets with a ToUnicode map.
Another font can be given with --font (a .ttf/.ttc holding CJK glyphs).

samples/README.md describes the committed output. Usage:

    python3 scripts/make_sample_pdfs.py                 # all variants
    python3 scripts/make_sample_pdfs.py --out DIR       # default samples (pdf/ and truth/)
    python3 scripts/make_sample_pdfs.py --only rotated
    python3 scripts/make_sample_pdfs.py --list
"""

import argparse
import dataclasses
import json
import os
import random
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from decimal import Decimal

try:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen.canvas import Canvas
except ImportError:  # pragma: no cover
    sys.exit("reportlab is missing: pip install reportlab")

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_OUT = os.path.join(ROOT, "samples")
FONT_CANDIDATES = [
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
]
FONT = "CJK"
YEAR = 2025

# ----------------------------------------------------------------------------
# Classifications
# ----------------------------------------------------------------------------

#: 支出功能分类科目 (类/款/项) used by the profiles below.
FUNC = {
    "201": "一般公共服务支出",
    "20103": "政府办公厅（室）及相关机构事务",
    "2010301": "行政运行",
    "2010302": "一般行政管理事务",
    "2010303": "机关服务",
    "2010350": "事业运行",
    "2010399": "其他政府办公厅（室）及相关机构事务支出",
    "208": "社会保障和就业支出",
    "20802": "民政管理事务",
    "2080201": "行政运行",
    "2080202": "一般行政管理事务",
    "2080208": "基层政权建设和社区治理",
    "20805": "行政事业单位养老支出",
    "2080501": "行政单位离退休",
    "2080502": "事业单位离退休",
    "2080505": "机关事业单位基本养老保险缴费支出",
    "2080506": "机关事业单位职业年金缴费支出",
    "20810": "社会福利",
    "2081001": "儿童福利",
    "2081002": "老年福利",
    "2081004": "殡葬",
    "20819": "最低生活保障",
    "2081901": "城市最低生活保障金支出",
    "20820": "临时救助",
    "2082001": "临时救助支出",
    "210": "卫生健康支出",
    "21004": "公共卫生",
    "2100410": "突发公共卫生事件应急处置",
    "21011": "行政事业单位医疗",
    "2101101": "行政单位医疗",
    "2101102": "事业单位医疗",
    "2101103": "公务员医疗补助",
    "213": "农林水支出",
    "21305": "巩固脱贫攻坚成果衔接乡村振兴",
    "2130599": "其他巩固脱贫攻坚成果衔接乡村振兴支出",
    "221": "住房保障支出",
    "22102": "住房改革支出",
    "2210201": "住房公积金",
    "2210202": "提租补贴",
    "2210203": "购房补贴",
    "229": "其他支出",
    "22960": "彩票公益金安排的支出",
    "2296002": "用于社会福利的彩票公益金支出",
}

#: The 25 支出功能分类 类 listed, in this order, on the expense side of
#: tables 1 and 4.
CLASSES = [
    ("201", "一般公共服务支出"), ("203", "国防支出"), ("204", "公共安全支出"),
    ("205", "教育支出"), ("206", "科学技术支出"), ("207", "文化旅游体育与传媒支出"),
    ("208", "社会保障和就业支出"), ("210", "卫生健康支出"), ("211", "节能环保支出"),
    ("212", "城乡社区支出"), ("213", "农林水支出"), ("214", "交通运输支出"),
    ("215", "资源勘探工业信息等支出"), ("216", "商业服务业等支出"), ("217", "金融支出"),
    ("219", "援助其他地区支出"), ("220", "自然资源海洋气象等支出"), ("221", "住房保障支出"),
    ("222", "粮油物资储备支出"), ("223", "国有资本经营预算支出"),
    ("224", "灾害防治及应急管理支出"), ("229", "其他支出"), ("231", "债务还本支出"),
    ("232", "债务付息支出"), ("233", "债务发行费用支出"),
]

#: 部门预算支出经济分类科目.
ECON = {
    "301": "工资福利支出",
    "30101": "基本工资",
    "30102": "津贴补贴",
    "30103": "奖金",
    "30107": "绩效工资",
    "30108": "机关事业单位基本养老保险缴费",
    "30109": "职业年金缴费",
    "30110": "职工基本医疗保险缴费",
    "30111": "公务员医疗补助缴费",
    "30112": "其他社会保障缴费",
    "30113": "住房公积金",
    "30199": "其他工资福利支出",
    "302": "商品和服务支出",
    "30201": "办公费",
    "30202": "印刷费",
    "30205": "水费",
    "30206": "电费",
    "30207": "邮电费",
    "30209": "物业管理费",
    "30211": "差旅费",
    "30212": "因公出国（境）费用",
    "30213": "维修（护）费",
    "30215": "会议费",
    "30216": "培训费",
    "30217": "公务接待费",
    "30226": "劳务费",
    "30228": "工会经费",
    "30229": "福利费",
    "30231": "公务用车运行维护费",
    "30239": "其他交通费用",
    "30299": "其他商品和服务支出",
    "303": "对个人和家庭的补助",
    "30301": "离休费",
    "30302": "退休费",
    "30305": "生活补助",
    "30307": "医疗费补助",
    "310": "资本性支出",
    "31002": "办公设备购置",
}
PERSONNEL_CLASSES = ("301", "303")  # 人员经费; 302 and 310 are 公用经费

CN_DIGITS = "一二三四五六七八九"


def cn_ordinal(n):
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 21 → 廿一 (as the budgets print)."""
    if n < 10:
        return CN_DIGITS[n - 1]
    if n == 10:
        return "十"
    if n < 20:
        return "十" + CN_DIGITS[n - 11]
    if n == 20:
        return "二十"
    if n < 30:
        return "廿" + CN_DIGITS[n - 21]
    raise ValueError(n)


# ----------------------------------------------------------------------------
# Department profiles and the generated budget
# ----------------------------------------------------------------------------

# Per unit kind: (personnel 301 items with ranges in 万元, 303 items, 302/310 items).
ADMIN_301 = [("30101", 90, 220), ("30102", 120, 300), ("30103", 60, 150), ("30108", 50, 120),
             ("30109", 20, 60), ("30110", 30, 80), ("30111", 10, 40), ("30112", 1, 6),
             ("30113", 40, 110), ("30199", 5, 30)]
INST_301 = [("30101", 60, 140), ("30102", 40, 90), ("30107", 80, 200), ("30108", 40, 90),
            ("30109", 15, 45), ("30110", 25, 60), ("30112", 1, 5), ("30113", 30, 80)]
ADMIN_303 = [("30301", 5, 40), ("30302", 1, 10), ("30307", 2, 12)]
INST_303 = [("30302", 1, 8), ("30305", 1, 6)]
ADMIN_PUBLIC = [("30201", 10, 70), ("30202", 3, 25), ("30205", 1, 6), ("30206", 5, 25),
                ("30207", 2, 10), ("30209", 8, 40), ("30211", 2, 15), ("30212", 0, 0),
                ("30213", 3, 20), ("30215", 0.5, 5), ("30216", 1, 8), ("30217", 0.3, 3),
                ("30226", 3, 30), ("30228", 5, 15), ("30229", 3, 12), ("30231", 2, 15),
                ("30239", 10, 40), ("30299", 3, 20), ("31002", 3, 20)]
INST_PUBLIC = [("30201", 5, 30), ("30205", 2, 10), ("30206", 8, 30), ("30209", 5, 25),
               ("30211", 1, 6), ("30213", 2, 15), ("30216", 0.5, 4), ("30228", 2, 8),
               ("30229", 2, 8), ("30239", 5, 20), ("30299", 2, 12)]

PROFILES = {
    # 民政: two units, lottery-fund projects (政府性基金), 208-heavy.
    "civil-affairs": dict(
        dept=("327", "云湖区民政局"),
        units=[
            dict(code="327001", name="云湖区民政局本级", kind="admin", run="2080201",
                 retire="2080501", medical="2101101", housing=["2210203"],
                 projects=[("婚姻登记服务经费", "2080202", "gb", 15, 60),
                           ("社区治理能力提升经费", "2080208", "gb", 80, 400),
                           ("城市最低生活保障资金", "2081901", "gb", 300, 1200),
                           ("临时救助资金", "2082001", "gb", 50, 300),
                           ("殡葬改革专项经费", "2081004", "gb", 20, 120),
                           ("养老服务体系建设补助", "2296002", "gf", 200, 900)]),
            dict(code="327002", name="云湖区社会福利院", kind="inst", run="2081002",
                 retire="2080502", medical="2101102", housing=[],
                 projects=[("福利院运营补助经费", "2081002", "gb", 60, 260),
                           ("孤残儿童养育经费", "2081001", "gb", 30, 150),
                           ("福利院适老化改造项目", "2296002", "gf", 100, 500)]),
        ]),
    # 政府办公室: two units, no fund budget (tables 8 and 9 empty), a zero project.
    "gov-office": dict(
        dept=("305", "云湖区人民政府办公室"),
        units=[
            dict(code="305001", name="云湖区人民政府办公室本级", kind="admin", run="2010301",
                 retire="2080501", medical="2101101", housing=["2210202", "2210203"],
                 projects=[("政务值班保障经费", "2010302", "gb", 20, 90),
                           ("政府工作报告起草及调研经费", "2010302", "gb", 10, 40),
                           ("机关服务保障经费", "2010303", "gb", 40, 160),
                           ("政府网站及政务新媒体运维经费", "2010399", "gb", 30, 120),
                           ("乡村振兴驻村帮扶经费", "2130599", "gb", 100, 400),
                           ("突发公共卫生事件应急处置经费", "2100410", "gb", 0, 0)]),
            dict(code="305002", name="云湖区政务服务和大数据管理中心", kind="inst", run="2010350",
                 retire="2080502", medical="2101102", housing=[],
                 projects=[("政务服务大厅运行经费", "2010399", "gb", 80, 300),
                           ("12345热线运维经费", "2010399", "gb", 60, 200)]),
        ]),
    # 教育: a department of many units, schools among them (`云湖区第一中学`),
    # two projects with nothing budgeted in a row before the next unit, and
    # lottery-fund (政府性基金) projects in one unit only.
    "education": dict(
        dept=("318", "云湖区教育局"),
        units=[
            dict(code="318001", name="云湖区教育局本级", kind="admin", run="2010301",
                 retire="2080501", medical="2101101", housing=["2210202", "2210203"],
                 projects=[("校舍维修改造经费", "2010302", "gb", 100, 400),
                           ("教师培训专项经费", "2010302", "gb", 20, 90),
                           ("突发公共卫生事件应急处置经费", "2100410", "gb", 0, 0),
                           ("学生资助补助资金", "2080208", "gb", 0, 0)]),
            dict(code="318002", name="云湖区第一中学", kind="inst", run="2010350",
                 retire="2080502", medical="2101102", housing=[],
                 projects=[("课后服务补助经费", "2010399", "gb", 30, 120),
                           ("食堂改造项目", "2296002", "gf", 100, 500)]),
            dict(code="318003", name="云湖区实验小学", kind="inst", run="2081002",
                 retire="2080502", medical="2101102", housing=[],
                 projects=[("图书资料购置经费", "2081001", "gb", 20, 80),
                           ("体育设施更新项目", "2010399", "gb", 40, 160)]),
            dict(code="318004", name="云湖区教师进修学校", kind="inst", run="2010350",
                 retire="2080502", medical="2101102", housing=[],
                 projects=[("信息化建设运维经费", "2010399", "gb", 30, 150)]),
            dict(code="318005", name="云湖区青少年活动中心", kind="inst", run="2010350",
                 retire="2080502", medical="2101102", housing=[],
                 projects=[("实验室建设项目", "2010399", "gb", 50, 200),
                           ("安全保卫经费", "2081004", "gb", 10, 60)]),
        ]),
}


@dataclass
class Unit:
    code: str
    name: str
    econ: dict            # economic code (5 digits) → amount
    basic: dict           # function leaf → [人员经费, 公用经费]
    projects: list        # (name, function leaf, fund 'gb'|'gf', amount)


@dataclass
class Budget:
    dept_code: str
    dept: str
    year: int
    unit: str             # 万元 or 元
    units: list


def gen_budget(profile_name, unit_label, seed):
    """Draw one department budget; every aggregate is derived from the leaves."""
    rng = random.Random(seed)
    # amounts are integers in hundredths of the printed unit
    scale = 100 if unit_label == "万元" else 1_000_000

    def amt(lo, hi, f=1.0):
        return rng.randint(int(lo * f * scale), int(hi * f * scale))

    prof = PROFILES[profile_name]
    units = []
    for u in prof["units"]:
        admin = u["kind"] == "admin"
        f = 1.0 if admin else 0.6
        econ = {}
        for code, lo, hi in (ADMIN_301 if admin else INST_301):
            econ[code] = amt(lo, hi, f)
        for code, lo, hi in (ADMIN_303 if admin else INST_303):
            econ[code] = amt(lo, hi)
        for code, lo, hi in (ADMIN_PUBLIC if admin else INST_PUBLIC):
            econ[code] = amt(lo, hi, f)
        personnel = sum(v for k, v in econ.items() if k[:3] in PERSONNEL_CLASSES)
        public = sum(v for k, v in econ.items() if k[:3] not in PERSONNEL_CLASSES)
        # 人员经费 by function: the social-insurance items map 1:1 to their
        # function leaves, part of 津贴补贴 to the housing subsidies, 303 to
        # 离退休, the rest to the unit's 行政运行/事业运行 leaf.
        alloc = {"2080505": econ["30108"], "2080506": econ["30109"],
                 u["medical"]: econ["30110"], "2210201": econ["30113"],
                 u["retire"]: sum(v for k, v in econ.items() if k[:3] == "303")}
        if "30111" in econ:
            alloc["2101103"] = econ["30111"]
        for leaf in u["housing"]:
            alloc[leaf] = econ["30102"] * rng.randint(8, 18) // 100
        run = personnel - sum(alloc.values())
        assert run > 0
        basic = {leaf: [v, 0] for leaf, v in alloc.items()}
        basic[u["run"]] = [run, public]
        projects = [(name, leaf, fund, amt(lo, hi)) for name, leaf, fund, lo, hi in u["projects"]]
        units.append(Unit(u["code"], u["name"], econ, basic, projects))
    code, name = prof["dept"]
    return Budget(code, name, YEAR, unit_label, units)


# --- aggregates --------------------------------------------------------------

def leaf_values(b, fund):
    """Function leaf → [人员经费, 公用经费, 项目支出] for fund 'gb', 'gf' or 'all'."""
    out = {}
    for u in b.units:
        if fund in ("gb", "all"):
            for leaf, (p, q) in u.basic.items():
                v = out.setdefault(leaf, [0, 0, 0])
                v[0] += p
                v[1] += q
        for _, leaf, f, a in u.projects:
            if fund == "all" or f == fund:
                out.setdefault(leaf, [0, 0, 0])[2] += a
    return out


def unit_totals(u):
    """(一般公共预算 basic personnel, basic public, gb projects, gf projects)."""
    p = sum(v[0] for v in u.basic.values())
    q = sum(v[1] for v in u.basic.values())
    gb = sum(a for _, _, f, a in u.projects if f == "gb")
    gf = sum(a for _, _, f, a in u.projects if f == "gf")
    return p, q, gb, gf


def dept_totals(b):
    t = [0, 0, 0, 0]
    for u in b.units:
        for i, v in enumerate(unit_totals(u)):
            t[i] += v
    return t


def code_tree(leaves, names):
    """Rows (code, name, level, values) of the 类/款/项 hierarchy, in code order."""
    nodes = {}
    for leaf, vals in leaves.items():
        for code in {leaf[:3], leaf[:5], leaf}:
            acc = nodes.setdefault(code, [0] * len(vals))
            for i, v in enumerate(vals):
                acc[i] += v
    level = {3: 0, 5: 1, 7: 2}
    return [(c, names[c], level[len(c)], nodes[c]) for c in sorted(nodes)]


def econ_tree(b):
    """Rows (code, name, level, [人员经费, 公用经费]) of the economic classification."""
    leaves = {}
    for u in b.units:
        for code, v in u.econ.items():
            pv = leaves.setdefault(code, [0, 0])
            pv[0 if code[:3] in PERSONNEL_CLASSES else 1] += v
    nodes = {}
    for code, vals in leaves.items():
        for c in (code[:3], code):
            acc = nodes.setdefault(c, [0, 0])
            acc[0] += vals[0]
            acc[1] += vals[1]
    return [(c, ECON[c], 0 if len(c) == 3 else 1, nodes[c]) for c in sorted(nodes)]


# ----------------------------------------------------------------------------
# Tables (layout-independent content)
# ----------------------------------------------------------------------------

@dataclass
class HCell:
    r: int
    c: int
    rs: int
    cs: int
    text: str
    align: str = "c"
    size: float = 0        # 0: the table's header size


@dataclass
class Row:
    cells: list            # per column: str (label or text), int (amount), None (empty)
    labels: dict           # section → (code, name) of the truth; None: no cell on that side
    spans: dict = field(default_factory=dict)   # column → colspan of a merged body cell
    indent: int = 0        # hierarchy level of the name
    note: bool = False     # a 备注 line merged over the whole row
    total: bool = False    # the 合计 row of a coded table


@dataclass
class Table:
    key: str
    no: str                # 1 … 10, 5-1, 5-2
    title: str
    weights: list          # default relative column widths
    kinds: str             # per column: c(ode) n(ame) t(ext) a(mount)
    header: list           # HCell
    leaves: dict           # amount column → (section, column leaf)
    rows: list = field(default_factory=list)
    note: str = ""         # 备注 printed under an empty table
    name_col: int = 1      # the column a hierarchy indent applies to

    @property
    def ncols(self):
        return len(self.weights)


TITLES = {
    "income_expense_summary": ("1", "部门收支总表"),
    "income_summary": ("2", "部门收入总表"),
    "expense_summary": ("3", "部门支出总表"),
    "fiscal_income_expense_summary": ("4", "财政拨款收支总表"),
    "general_budget_expense_by_function": ("5-1", "一般公共预算支出表（分功能科目）"),
    "general_budget_expense_by_unit": ("5-2", "一般公共预算支出表（分单位）"),
    "general_budget_basic_expense_by_economic": ("6", "一般公共预算基本支出表"),
    "three_public_expense": ("7", "一般公共预算“三公”经费支出表"),
    "government_fund_expense": ("8", "政府性基金预算支出表"),
    "state_capital_expense": ("9", "国有资本经营预算支出表"),
    "project_expense": ("10", "项目支出情况表"),
}


def _table(key, weights, kinds, header, leaves, **kw):
    no, title = TITLES[key]
    return Table(key, no, title, weights, kinds, header, leaves, **kw)


def two_sided(key, left, right, totals):
    """Tables 1 and 4: 收入 (项目, 预算数) | 支出 (项目, 预算数)."""
    header = [HCell(0, 0, 1, 2, "收    入"), HCell(0, 2, 1, 2, "支    出"),
              HCell(1, 0, 1, 1, "项    目"), HCell(1, 1, 1, 1, "预算数"),
              HCell(1, 2, 1, 1, "项    目"), HCell(1, 3, 1, 1, "预算数")]
    t = _table(key, [3.2, 1.3, 3.2, 1.3], "nana", header,
               {1: ("收入", "预算数"), 3: ("支出", "预算数")})
    for i in range(max(len(left), len(right))):
        l = left[i] if i < len(left) else (None, None)
        r = right[i] if i < len(right) else (None, None)
        t.rows.append(Row([l[0], l[1], r[0], r[1]],
                          {"收入": None if l[0] is None else ("", l[0]),
                           "支出": None if r[0] is None else ("", r[0])}))
    for l, lv, r, rv in totals:
        t.rows.append(Row([l, lv, r, rv], {"收入": ("", l), "支出": ("", r)}))
    return t


def class_amounts(b):
    by_class = {}
    for leaf, (p, q, pr) in leaf_values(b, "all").items():
        by_class[leaf[:3]] = by_class.get(leaf[:3], 0) + p + q + pr
    for c in by_class:
        assert c in dict(CLASSES), f"class {c} not in the list of tables 1 and 4"
    return by_class


def t1_income_expense(b):
    p, q, gb, gf = dept_totals(b)
    gbt, total = p + q + gb, p + q + gb + gf
    left = [(f"{cn_ordinal(i + 1)}、{n}", v) for i, (n, v) in enumerate([
        ("一般公共预算拨款收入", gbt), ("政府性基金预算拨款收入", gf),
        ("国有资本经营预算拨款收入", 0), ("财政专户管理资金收入", 0), ("事业收入", 0),
        ("事业单位经营收入", 0), ("上级补助收入", 0), ("附属单位上缴收入", 0), ("其他收入", 0)])]
    by_class = class_amounts(b)
    right = [(f"{cn_ordinal(i + 1)}、{n}", by_class.get(c, 0)) for i, (c, n) in enumerate(CLASSES)]
    totals = [("本年收入合计", total, "本年支出合计", total),
              ("上年结转结余", 0, "年终结转结余", 0),
              ("收 入 总 计", total, "支 出 总 计", total)]
    return two_sided("income_expense_summary", left, right, totals)


def t4_fiscal(b):
    p, q, gb, gf = dept_totals(b)
    gbt, total = p + q + gb, p + q + gb + gf
    left = [("一、本年收入", total), ("（一）一般公共预算拨款", gbt), ("（二）政府性基金预算拨款", gf),
            ("（三）国有资本经营预算拨款", 0), ("二、上年结转", 0), ("（一）一般公共预算拨款", 0),
            ("（二）政府性基金预算拨款", 0), ("（三）国有资本经营预算拨款", 0)]
    by_class = class_amounts(b)
    right = [("一、本年支出", total)]
    right += [(f"（{cn_ordinal(i + 1)}）{n}", by_class.get(c, 0)) for i, (c, n) in enumerate(CLASSES)]
    right += [("二、年终结转结余", 0)]
    return two_sided("fiscal_income_expense_summary", left, right,
                     [("收 入 总 计", total, "支 出 总 计", total)])


INCOME_SOURCES = ["一般公共预算", "政府性基金预算", "国有资本经营预算", "财政专户管理资金", "事业收入",
                  "事业单位经营收入", "上级补助收入", "附属单位上缴收入", "其他收入"]


def t2_income(b):
    header = [HCell(0, 0, 2, 1, "部门（单位）代码"), HCell(0, 1, 2, 1, "部门（单位）名称"),
              HCell(0, 2, 2, 1, "合计"), HCell(0, 3, 1, 10, "本年收入"),
              HCell(1, 3, 1, 1, "小计")]
    header += [HCell(1, 4 + i, 1, 1, s) for i, s in enumerate(INCOME_SOURCES)]
    header.append(HCell(0, 13, 2, 1, "上年结转结余"))
    leaves = {2: ("", "合计"), 3: ("", "小计"), 13: ("", "上年结转结余")}
    leaves.update({4 + i: ("", s) for i, s in enumerate(INCOME_SOURCES)})
    t = _table("income_summary", [1.3, 2.4] + [1.2] * 12, "cn" + "a" * 12, header, leaves)

    def row(code, name, gbt, gf):
        cells = [code, name, gbt + gf, gbt + gf, gbt, gf] + [0] * 8
        return Row(cells, {"": (code, name)})

    rows = []
    for u in b.units:
        p, q, gb, gf = unit_totals(u)
        rows.append(row(u.code, u.name, p + q + gb, gf))
    p, q, gb, gf = dept_totals(b)
    total = row("", "合计", p + q + gb, gf)
    total.cells[0], total.labels, total.total = None, {"": ("", "合计")}, True
    t.rows = [total, row(b.dept_code, b.dept, p + q + gb, gf)] + rows
    return t


def coded_rows(t, tree, ncode, values_of, total_label="合计"):
    """Append a 合计 row and the rows of `tree`; codes in one column or 类/款/项."""
    first_amount = ncode + 1
    total = [0] * (t.ncols - first_amount)
    for code, name, level, vals in tree:
        if level == 0:
            for i, v in enumerate(values_of(vals)):
                total[i] += v
    cells = [None] * ncode + [total_label] + total
    t.rows.append(Row(cells, {"": ("", total_label)}, total=True))
    for code, name, level, vals in tree:
        if ncode == 1:
            codes = [code]
        else:   # 类 | 款 | 项
            codes = [code[:3], code[3:5] if len(code) > 3 else "", code[5:] if len(code) > 5 else ""]
        t.rows.append(Row(codes + [name] + values_of(vals), {"": (code, name)}, indent=level))


def t3_expense(b, split=False):
    if split:
        header = [HCell(0, 0, 1, 3, "科目编码"), HCell(1, 0, 1, 1, "类"), HCell(1, 1, 1, 1, "款"),
                  HCell(1, 2, 1, 1, "项"), HCell(0, 3, 2, 1, "科目名称"), HCell(0, 4, 2, 1, "合计"),
                  HCell(0, 5, 2, 1, "基本支出"), HCell(0, 6, 2, 1, "项目支出")]
        t = _table("expense_summary", [0.6, 0.45, 0.45, 3.2, 1.4, 1.4, 1.4], "cccnaaa", header,
                   {4: ("", "合计"), 5: ("", "基本支出"), 6: ("", "项目支出")}, name_col=3)
        ncode = 3
    else:
        header = [HCell(0, 0, 1, 1, "科目编码"), HCell(0, 1, 1, 1, "科目名称"), HCell(0, 2, 1, 1, "合计"),
                  HCell(0, 3, 1, 1, "基本支出"), HCell(0, 4, 1, 1, "项目支出")]
        t = _table("expense_summary", [1.1, 2.6, 1.2, 1.2, 1.2], "cnaaa", header,
                   {2: ("", "合计"), 3: ("", "基本支出"), 4: ("", "项目支出")})
        ncode = 1
    coded_rows(t, code_tree(leaf_values(b, "all"), FUNC), ncode,
               lambda v: [v[0] + v[1] + v[2], v[0] + v[1], v[2]])
    return t


BASIC_HEADER_LEAVES = ["合计", "小计", "人员经费", "公用经费", "项目支出"]


def _basic_split_header(first, second):
    return [HCell(0, 0, 2, 1, first), HCell(0, 1, 2, 1, second), HCell(0, 2, 2, 1, "合计"),
            HCell(0, 3, 1, 3, "基本支出"), HCell(1, 3, 1, 1, "小计"), HCell(1, 4, 1, 1, "人员经费"),
            HCell(1, 5, 1, 1, "公用经费"), HCell(0, 6, 2, 1, "项目支出")]


def t51_by_function(b):
    t = _table("general_budget_expense_by_function", [1.1, 2.2, 1.2, 1.2, 1.1, 1.1, 1.1], "cnaaaaa",
               _basic_split_header("科目编码", "科目名称"),
               {2 + i: ("", s) for i, s in enumerate(BASIC_HEADER_LEAVES)})
    coded_rows(t, code_tree(leaf_values(b, "gb"), FUNC), 1,
               lambda v: [v[0] + v[1] + v[2], v[0] + v[1], v[0], v[1], v[2]])
    return t


def t52_by_unit(b):
    t = _table("general_budget_expense_by_unit", [1.0, 2.6, 1.2, 1.2, 1.1, 1.1, 1.1], "cnaaaaa",
               _basic_split_header("单位编码", "单位名称"),
               {2 + i: ("", s) for i, s in enumerate(BASIC_HEADER_LEAVES)})

    def vals(p, q, gb):
        return [p + q + gb, p + q, p, q, gb]

    p, q, gb, _ = dept_totals(b)
    t.rows.append(Row([None, "合计"] + vals(p, q, gb), {"": ("", "合计")}, total=True))
    t.rows.append(Row([b.dept_code, b.dept] + vals(p, q, gb), {"": (b.dept_code, b.dept)}))
    for u in b.units:
        p, q, gb, _ = unit_totals(u)
        t.rows.append(Row([u.code, u.name] + vals(p, q, gb), {"": (u.code, u.name)}, indent=1))
    return t


def t6_basic_econ(b):
    header = [HCell(0, 0, 1, 2, "部门预算支出经济分类科目"), HCell(0, 2, 1, 3, "本年一般公共预算基本支出"),
              HCell(1, 0, 1, 1, "科目编码"), HCell(1, 1, 1, 1, "科目名称"), HCell(1, 2, 1, 1, "合计"),
              HCell(1, 3, 1, 1, "人员经费"), HCell(1, 4, 1, 1, "公用经费")]
    t = _table("general_budget_basic_expense_by_economic", [1.0, 2.8, 1.3, 1.3, 1.3], "cnaaa", header,
               {2: ("", "合计"), 3: ("", "人员经费"), 4: ("", "公用经费")})
    coded_rows(t, econ_tree(b), 1, lambda v: [v[0] + v[1], v[0], v[1]])
    return t


THREE_PUBLIC_LEAVES = ["“三公”经费合计", "因公出国（境）费", "小计", "公务用车购置费", "公务用车运行费",
                       "公务接待费"]


def t7_three_public(b):
    header = [HCell(0, 0, 2, 1, "“三公”经费合计"), HCell(0, 1, 2, 1, "因公出国（境）费"),
              HCell(0, 2, 1, 3, "公务用车购置及运行费"), HCell(1, 2, 1, 1, "小计"),
              HCell(1, 3, 1, 1, "公务用车购置费"), HCell(1, 4, 1, 1, "公务用车运行费"),
              HCell(0, 5, 2, 1, "公务接待费")]
    t = _table("three_public_expense", [1] * 6, "aaaaaa", header,
               {i: ("", s) for i, s in enumerate(THREE_PUBLIC_LEAVES)}, name_col=-1)
    econ = {}
    for u in b.units:
        for k, v in u.econ.items():
            econ[k] = econ.get(k, 0) + v
    abroad, buy, run, recep = econ.get("30212", 0), 0, econ.get("30231", 0), econ.get("30217", 0)
    t.rows.append(Row([abroad + buy + run + recep, abroad, buy + run, buy, run, recep], {"": ("", "")}))
    return t


def _fund_table(key, leaves_of, note):
    header = [HCell(0, 0, 2, 1, "科目编码"), HCell(0, 1, 2, 1, "科目名称"),
              HCell(0, 2, 1, 3, "本年" + ("政府性基金预算支出" if key == "government_fund_expense"
                                          else "国有资本经营预算支出")),
              HCell(1, 2, 1, 1, "合计"), HCell(1, 3, 1, 1, "基本支出"), HCell(1, 4, 1, 1, "项目支出")]
    t = _table(key, [1.1, 2.8, 1.3, 1.3, 1.3], "cnaaa", header,
               {2: ("", "合计"), 3: ("", "基本支出"), 4: ("", "项目支出")})
    if leaves_of:
        coded_rows(t, code_tree(leaves_of, FUNC), 1, lambda v: [v[0] + v[1] + v[2], v[0] + v[1], v[2]])
    else:
        t.note = note
    return t


def t8_fund(b):
    return _fund_table("government_fund_expense", leaf_values(b, "gf"),
                       f"备注：本单位{b.year}年没有使用政府性基金预算拨款安排的支出")


def t9_state_capital(b):
    return _fund_table("state_capital_expense", {},
                       f"备注：本单位{b.year}年没有使用国有资本经营预算拨款安排的支出")


PROJECT_LEAVES = ["合计", "一般公共预算", "政府性基金预算", "国有资本经营预算", "一般公共预算",
                  "政府性基金预算", "国有资本经营预算", "财政专户管理资金", "单位资金"]


def t10_projects(b, label_total=True):
    header = [HCell(0, 0, 2, 1, "项目名称"), HCell(0, 1, 2, 1, "项目单位"), HCell(0, 2, 2, 1, "合计"),
              HCell(0, 3, 1, 3, "本年拨款"), HCell(0, 6, 1, 3, "财政拨款结转结余"),
              HCell(0, 9, 2, 1, "财政专户管理资金"), HCell(0, 10, 2, 1, "单位资金")]
    for i, s in enumerate(PROJECT_LEAVES[1:7]):
        header.append(HCell(1, 3 + i, 1, 1, s))
    t = _table("project_expense", [3.0, 2.6] + [1.1] * 9, "nt" + "a" * 9, header,
               {2 + i: ("", s) for i, s in enumerate(PROJECT_LEAVES)}, name_col=0)

    def vals(gb, gf):
        return [gb + gf, gb, gf] + [0] * 6

    def sums(projects):
        return (sum(a for _, _, f, a in projects if f == "gb"),
                sum(a for _, _, f, a in projects if f == "gf"))

    allp = [p for u in b.units for p in u.projects]
    # the total row: printed with the label 合计, or without a label (then its
    # name is empty, as the README's contract says)
    total = "合计" if label_total else ""
    t.rows.append(Row([total or None, None] + vals(*sums(allp)), {"": ("", total)}))
    t.rows.append(Row([b.dept, None] + vals(*sums(allp)), {"": ("", b.dept)}))
    for u in b.units:
        t.rows.append(Row([u.name, None] + vals(*sums(u.projects)), {"": ("", u.name)}, indent=1))
        t.rows.append(Row(["本级支出项目", None] + vals(*sums(u.projects)), {"": ("", "本级支出项目")}, indent=2))
        for name, _, fund, a in u.projects:
            t.rows.append(Row([name, u.name] + vals(a if fund == "gb" else 0, a if fund == "gf" else 0),
                              {"": ("", name)}, indent=3))
    return t


def build_tables(b, split_codes=False, project_total_label=True):
    return {
        "income_expense_summary": t1_income_expense(b),
        "income_summary": t2_income(b),
        "expense_summary": t3_expense(b, split=split_codes),
        "fiscal_income_expense_summary": t4_fiscal(b),
        "general_budget_expense_by_function": t51_by_function(b),
        "general_budget_expense_by_unit": t52_by_unit(b),
        "general_budget_basic_expense_by_economic": t6_basic_econ(b),
        "three_public_expense": t7_three_public(b),
        "government_fund_expense": t8_fund(b),
        "state_capital_expense": t9_state_capital(b),
        "project_expense": t10_projects(b, label_total=project_total_label),
    }


# ----------------------------------------------------------------------------
# Self-check: the arithmetic a reader of the tables can verify
# ----------------------------------------------------------------------------

class CheckError(Exception):
    pass


def _amounts(row, t):
    return [row.cells[c] or 0 for c in sorted(t.leaves)]


def _by_label(t, name, section=""):
    for r in t.rows:
        lab = r.labels.get(section)
        if lab and (lab[1] == name or lab[0] == name):
            return r
    raise CheckError(f"{t.key}: no row {name!r}")


def _col(t, leaf):
    return min(c for c, (_, l) in t.leaves.items() if l == leaf)


def check_tables(tables):
    """Raise CheckError unless every sum a reader can check holds."""
    errors = []

    def eq(what, a, b):
        if a != b:
            errors.append(f"{what}: {a} != {b}")

    def code_of(r):
        lab = r.labels.get("")
        return lab[0] if lab else ""

    # hierarchy: parent = Σ children; 合计 = Σ top level
    for key in ("expense_summary", "general_budget_expense_by_function",
                "general_budget_basic_expense_by_economic", "government_fund_expense"):
        t = tables[key]
        if not t.rows:
            continue
        coded = [r for r in t.rows if code_of(r)]
        for r in coded:
            code = code_of(r)
            kids = [k for k in coded if len(code_of(k)) > len(code) and code_of(k).startswith(code)
                    and len(code_of(k)) == min(len(code_of(x)) for x in coded
                                               if len(code_of(x)) > len(code) and code_of(x).startswith(code))]
            if kids:
                eq(f"{key} {code} = Σ children", _amounts(r, t),
                   [sum(x) for x in zip(*[_amounts(k, t) for k in kids])])
        top = [r for r in coded if len(code_of(r)) == 3]
        eq(f"{key} 合计 = Σ top level", _amounts(_by_label(t, "合计"), t),
           [sum(x) for x in zip(*[_amounts(k, t) for k in top])])

    # column identities
    def identity(key, total, parts, rows=None):
        t = tables[key]
        for r in rows or t.rows:
            if r.note:
                continue
            lab = r.labels.get("")
            eq(f"{key} {lab} {total} = Σ{parts}", r.cells[_col(t, total)] or 0,
               sum(r.cells[_col(t, p)] or 0 for p in parts))

    identity("expense_summary", "合计", ["基本支出", "项目支出"])
    identity("government_fund_expense", "合计", ["基本支出", "项目支出"])
    for key in ("general_budget_expense_by_function", "general_budget_expense_by_unit"):
        identity(key, "合计", ["小计", "项目支出"])
        identity(key, "小计", ["人员经费", "公用经费"])
    identity("general_budget_basic_expense_by_economic", "合计", ["人员经费", "公用经费"])
    identity("income_summary", "合计", ["小计", "上年结转结余"])
    identity("income_summary", "小计", INCOME_SOURCES)
    identity("three_public_expense", "“三公”经费合计", ["因公出国（境）费", "小计", "公务接待费"])
    identity("three_public_expense", "小计", ["公务用车购置费", "公务用车运行费"])
    t10 = tables["project_expense"]
    for r in t10.rows:
        eq(f"project {r.labels}", r.cells[2], sum(r.cells[3:11]))

    # unit rows: 合计 = department = Σ units
    for key in ("income_summary", "general_budget_expense_by_unit"):
        t = tables[key]
        units = [r for r in t.rows if len(code_of(r)) > 3]
        dept = [r for r in t.rows if len(code_of(r)) == 3]
        eq(f"{key} 合计 = department", _amounts(t.rows[0], t), _amounts(dept[0], t))
        eq(f"{key} department = Σ units", _amounts(dept[0], t),
           [sum(x) for x in zip(*[_amounts(u, t) for u in units])])
    # project table: total = department = Σ units; unit = its 本级支出项目 = Σ projects
    rows = t10.rows
    eq("project 合计 = department", rows[0].cells[2:], rows[1].cells[2:])
    unit_rows = [r for r in rows if r.indent == 1]
    eq("project department = Σ units", rows[1].cells[2:], [sum(x) for x in zip(*[u.cells[2:] for u in unit_rows])])
    i = 2
    while i < len(rows):
        unit, cat = rows[i], rows[i + 1]
        j = i + 2
        projs = []
        while j < len(rows) and rows[j].indent == 3:
            projs.append(rows[j])
            j += 1
        eq(f"project unit {unit.cells[0]}", unit.cells[2:], cat.cells[2:])
        eq(f"project unit {unit.cells[0]} = Σ projects", cat.cells[2:],
           [sum(x) for x in zip(*[p.cells[2:] for p in projs])])
        i = j

    # two-sided tables
    t1 = tables["income_expense_summary"]

    def side(t, sec, name):
        return _by_label(t, name, sec).cells[1 if sec == "收入" else 3]

    inc_items = [r.cells[1] for r in t1.rows[:9]]
    exp_items = [r.cells[3] for r in t1.rows[:25]]
    eq("t1 本年收入合计", side(t1, "收入", "本年收入合计"), sum(inc_items))
    eq("t1 本年支出合计", side(t1, "支出", "本年支出合计"), sum(exp_items))
    eq("t1 收入总计", side(t1, "收入", "收 入 总 计"),
       side(t1, "收入", "本年收入合计") + side(t1, "收入", "上年结转结余"))
    eq("t1 支出总计", side(t1, "支出", "支 出 总 计"),
       side(t1, "支出", "本年支出合计") + side(t1, "支出", "年终结转结余"))
    eq("t1 balance", side(t1, "收入", "收 入 总 计"), side(t1, "支出", "支 出 总 计"))
    t4 = tables["fiscal_income_expense_summary"]
    eq("t4 本年收入", side(t4, "收入", "一、本年收入"), sum(r.cells[1] for r in t4.rows[1:4]))
    eq("t4 本年支出", side(t4, "支出", "一、本年支出"), sum(r.cells[3] for r in t4.rows[1:26]))
    eq("t4 收入总计", side(t4, "收入", "收 入 总 计"), side(t4, "收入", "一、本年收入") + t4.rows[4].cells[1])
    eq("t4 支出总计", side(t4, "支出", "支 出 总 计"),
       side(t4, "支出", "一、本年支出") + side(t4, "支出", "二、年终结转结余"))
    eq("t4 balance", side(t4, "收入", "收 入 总 计"), side(t4, "支出", "支 出 总 计"))

    # cross-table agreement
    t3, t51, t52 = tables["expense_summary"], tables["general_budget_expense_by_function"], \
        tables["general_budget_expense_by_unit"]
    t6, t7, t8 = tables["general_budget_basic_expense_by_economic"], tables["three_public_expense"], \
        tables["government_fund_expense"]
    class_rows = {code_of(r): r.cells[_col(t3, "合计")] for r in t3.rows if len(code_of(r)) == 3}
    for i, (code, _) in enumerate(CLASSES):
        eq(f"t1 class {code} = t3", exp_items[i], class_rows.get(code, 0))
        eq(f"t4 class {code} = t1", t4.rows[1 + i].cells[3], exp_items[i])
    total3 = _by_label(t3, "合计")
    eq("t3 合计 = t1 本年支出合计", total3.cells[_col(t3, "合计")], side(t1, "支出", "本年支出合计"))
    eq("t1 一般公共预算 = t5-1 合计", inc_items[0], t51.rows[0].cells[2])
    eq("t1 政府性基金 = t8 合计", inc_items[1], t8.rows[0].cells[2] if t8.rows else 0)
    eq("t4 一般公共预算 = t1", t4.rows[1].cells[1], inc_items[0])
    eq("t4 政府性基金 = t1", t4.rows[2].cells[1], inc_items[1])
    eq("t5-1 合计 = t5-2 合计", _amounts(t51.rows[0], t51), _amounts(t52.rows[0], t52))
    eq("t5-1 基本 = t6", t51.rows[0].cells[3:6], t6.rows[0].cells[2:5])
    eq("t3 基本 = t6 合计", total3.cells[_col(t3, "基本支出")], t6.rows[0].cells[2])
    eq("t3 项目 = t10 合计", total3.cells[_col(t3, "项目支出")], t10.rows[0].cells[2])
    eq("t2 合计 = t1 收入", tables["income_summary"].rows[0].cells[2], side(t1, "收入", "本年收入合计"))
    eq("t2 一般公共预算 = t1", tables["income_summary"].rows[0].cells[4], inc_items[0])
    eq("t10 一般公共预算 = t5-1 项目", t10.rows[0].cells[3], t51.rows[0].cells[6])
    econ = {code_of(r): r.cells[2] for r in t6.rows if code_of(r)}
    eq("t7 接待 = t6 30217", t7.rows[0].cells[5], econ.get("30217", 0))
    eq("t7 车辆运行 = t6 30231", t7.rows[0].cells[4], econ.get("30231", 0))
    eq("t7 出国 = t6 30212", t7.rows[0].cells[1], econ.get("30212", 0))
    if errors:
        raise CheckError("\n".join(errors))


# ----------------------------------------------------------------------------
# Amount formatting and the truth file
# ----------------------------------------------------------------------------

def plain(v):
    return f"{v // 100}.{v % 100:02d}"


def grouped(v):
    return f"{v // 100:,}.{v % 100:02d}"


def truth_cells(t, blank_zero):
    out = []
    for r in t.rows:
        if r.note:
            continue
        for c, (sec, leaf) in sorted(t.leaves.items()):
            lab = r.labels.get(sec)
            if lab is None:
                continue
            v = r.cells[c]
            value = "" if v is None or (blank_zero and v == 0) else plain(v)
            out.append([t.key, sec, lab[0], lab[1], leaf, value])
    return out


# ----------------------------------------------------------------------------
# Rendering
# ----------------------------------------------------------------------------

CLOSING = "）)、，。：；”’》"


def wrap(text, width, size):
    """Lines of `text` in a cell `width` wide: greedy, character by character
    (as Word and Excel wrap CJK text and break a number that does not fit);
    explicit '\n' kept; a closing bracket never starts a line."""
    lines = []
    for para in text.split("\n"):
        cur = ""
        for ch in para:
            if cur and pdfmetrics.stringWidth(cur + ch, FONT, size) > width:
                if ch in CLOSING and len(cur) > 1:
                    lines.append(cur[:-1])
                    cur = cur[-1] + ch
                else:
                    lines.append(cur)
                    cur = ch
            else:
                cur += ch
        lines.append(cur)
    return lines


@dataclass
class Style:
    """How one variant lays its tables out."""
    landscape: bool = False
    rotate: bool = False          # store portrait pages with /Rotate 90
    rules: str = "rects"          # rects | strokes | none
    size: float = 8.0             # body font size
    hsize: float = 8.0            # header font size
    row_min: float = 14.0         # minimum body row height
    pad: float = 2.0
    margin: float = 42.0
    sep: bool = True              # thousands separators
    unit_label: str = "万元"
    blank_zero: tuple = ()        # table keys whose zeros print blank
    widths: dict = field(default_factory=dict)  # table key → total width (pt)
    weights: dict = field(default_factory=dict)  # table key → column weights
    repeat_header: tuple = ()     # table keys whose header repeats on a new page
    fake_bold: bool = False       # titles drawn twice, 0.3 pt apart
    titles: str = "ordinal"       # ordinal: 一、部门收支总表 | excel: 附表1 in the grid
    page_per_table: bool = False
    indent: float = 0.0           # name indent per hierarchy level
    footer: bool = True
    heading: str = "part"         # part: a 第二部分 heading | header: a running page header
    total_merged: bool = False    # 合计 label merged over the code and name columns


class Renderer:
    def __init__(self, path, style, budget):
        self.s = style
        self.b = budget
        pw, ph = A4
        # reportlab takes the displayed size and, for /Rotate 90, writes the
        # MediaBox swapped: a landscape size here stores A4 portrait pages
        self.c = Canvas(path, pagesize=(ph, pw) if style.landscape else (pw, ph),
                        invariant=1, pageCompression=1, initialFontName=FONT, initialFontSize=9)
        self.c.setTitle(f"{budget.dept}{budget.year}年部门预算")
        self.c.setAuthor("budget2csv scripts/make_sample_pdfs.py (synthetic sample)")
        self.c.setCreator("budget2csv make_sample_pdfs.py")
        self.stored_w = pw if (style.rotate or not style.landscape) else ph
        self.w, self.h = (ph, pw) if style.landscape else (pw, ph)
        self.page = 0
        self.y = 0
        self.open = False
        self.whole = []      # cell texts drawn on one line (for the text check)
        self.wrapped = []    # cell texts wrapped or broken over lines

    # --- pages ---------------------------------------------------------------

    def new_page(self):
        if self.open:
            self.end_page()
        self.page += 1
        self.open = True
        c = self.c
        if self.s.rotate:
            c.setPageRotation(90)
            c.saveState()
            # display coordinates (X, Y) of the landscape page → stored (W - Y, X)
            c.transform(0, 1, -1, 0, self.stored_w, 0)
        self.y = self.h - self.s.margin
        if self.s.heading == "header":
            c.setFont(FONT, 8)
            c.drawString(self.s.margin, self.h - 28, f"{self.b.dept}{self.b.year}年部门预算")

    def end_page(self):
        c = self.c
        if self.s.footer:
            c.setFont(FONT, 9)
            c.drawCentredString(self.w / 2, 24, f"— {self.page} —")
        if self.s.rotate:
            c.restoreState()
        c.showPage()
        self.open = False

    def save(self):
        if self.open:
            self.end_page()
        self.c.save()

    # --- text ----------------------------------------------------------------

    def text(self, x, y, s, size, align="l", bold=False):
        c = self.c
        c.setFont(FONT, size)
        draw = {"l": c.drawString, "c": c.drawCentredString, "r": c.drawRightString}[align]
        draw(x, y, s)
        if bold:   # "fake bold": the same text again, 0.3 pt to the right
            draw(x + 0.3, y, s)

    def title_line(self, s, size, align="c"):
        x = {"l": self.s.margin, "c": self.w / 2, "r": self.w - self.s.margin}[align]
        self.y -= size * 1.5
        self.text(x, self.y, s, size, align, bold=self.s.fake_bold)
        self.y -= size * 0.5

    def cell_text(self, x, top, w, h, s, align, size, indent=0.0):
        if not s:
            return
        pad = self.s.pad
        lines = wrap(s, w - 2 * pad - indent, size)
        (self.whole if len(lines) == 1 else self.wrapped).append(s)
        lh = size * 1.25
        y = top - (h - len(lines) * lh) / 2 - lh + (lh - size) / 2 + size * 0.12
        for line in lines:
            if align == "l":
                self.text(x + pad + indent, y, line, size)
            elif align == "r":
                self.text(x + w - pad, y, line, size, "r")
            else:
                self.text(x + w / 2, y, line, size, "c")
            y -= lh

    def lines_needed(self, s, w, size, indent=0.0):
        if not s:
            return 1
        return len(wrap(s, w - 2 * self.s.pad - indent, size))

    # --- rules ---------------------------------------------------------------

    def rules(self, x0, top, widths, heights, cells):
        """Rule a grid: `cells` are (r, c, rs, cs); a rule is drawn between two
        grid positions unless one merged cell covers both."""
        nr, nc = len(heights), len(widths)
        owner = [[None] * nc for _ in range(nr)]
        for i, cell in enumerate(cells):
            r, c, rs, cs = cell[:4]
            for rr in range(r, r + rs):
                for cc in range(c, c + cs):
                    owner[rr][cc] = cell[4] if len(cell) > 4 else i   # a 5th item: one cell over several rows
        uid = len(cells)
        for rr in range(nr):
            for cc in range(nc):
                if owner[rr][cc] is None:
                    owner[rr][cc] = uid
                    uid += 1
        xs = [x0]
        for w in widths:
            xs.append(xs[-1] + w)
        ys = [top]
        for h in heights:
            ys.append(ys[-1] - h)
        horiz = []   # (y, x0, x1, outer)
        for i in range(nr + 1):
            for j in range(nc):
                if i in (0, nr) or owner[i - 1][j] != owner[i][j]:
                    horiz.append((ys[i], xs[j], xs[j + 1], i in (0, nr)))
        vert = []    # (x, y_top, y_bottom, outer)
        for j in range(nc + 1):
            for i in range(nr):
                if j in (0, nc) or owner[i][j - 1] != owner[i][j]:
                    vert.append((xs[j], ys[i], ys[i + 1], j in (0, nc)))
        c = self.c
        if self.s.rules == "none":
            return
        if self.s.rules == "rects":
            # Word/WPS: every cell edge a thin filled rectangle; outer edges heavier
            c.setFillGray(0)
            for y, a, b, outer in horiz:
                t = 1.0 if outer else 0.5
                c.rect(a - t / 2, y - t / 2, b - a + t, t, stroke=0, fill=1)
            for x, a, b, outer in vert:
                t = 1.0 if outer else 0.5
                c.rect(x - t / 2, b - t / 2, t, a - b + t, stroke=0, fill=1)
        else:
            # Excel/ONLYOFFICE: stroked segments, collinear runs joined
            c.setLineWidth(0.5)
            c.setStrokeGray(0)
            for y, a, b in _join(horiz):
                c.line(a, y, b, y)
            for x, a, b in _join(vert):
                c.line(x, a, x, b)

    # --- tables --------------------------------------------------------------

    def fmt(self, t, v):
        if v is None:
            return ""
        if v == 0 and t.key in self.s.blank_zero:
            return ""
        return grouped(v) if self.s.sep else plain(v)

    def col_widths(self, t):
        weights = self.s.weights.get(t.key, t.weights)
        total = self.s.widths.get(t.key, self.w - 2 * self.s.margin)
        k = total / sum(weights)
        return [w * k for w in weights]

    def header_grid(self, t, widths):
        """Header cells and row heights; the excel style puts 附表N, the title,
        编制单位 and the unit in merged rows on top."""
        cells = list(t.header)
        n = t.ncols
        if self.s.titles == "excel":
            shift = 3
            cells = [HCell(h.r + shift, h.c, h.rs, h.cs, h.text) for h in cells]
            left = max(2, n // 2)
            cells = [HCell(0, 0, 1, n, f"附表{t.no}", "l"),
                     HCell(1, 0, 1, n, t.title, "c", size=14),
                     HCell(2, 0, 1, left, f"编制单位：{self.b.dept}", "l"),
                     HCell(2, left, 1, n - left, f"单位：{self.s.unit_label}", "r")] + cells
        nrows = max(h.r + h.rs for h in cells)
        heights = [self.s.row_min] * nrows
        for h in sorted(cells, key=lambda h: h.rs):
            size = h.size or self.s.hsize
            w = sum(widths[h.c:h.c + h.cs])
            need = self.lines_needed(h.text, w, size) * size * 1.25 + 2 * self.s.pad + (4 if h.size else 0)
            have = sum(heights[h.r:h.r + h.rs])
            if need > have:
                heights[h.r + h.rs - 1] += need - have
        return cells, heights

    def row_layout(self, t, row, widths):
        """Body row → its cells (c, cs, text, align, indent) and its height."""
        out = []
        lines = 1
        c = 0
        spans = dict(row.spans)
        if row.total and self.s.total_merged:
            # 合计 printed once, centred in a cell merged over the code and name columns
            spans[0] = t.name_col + 1
            row = Row(["合计"] + row.cells[1:], row.labels, spans, row.indent, row.note, row.total)
        while c < t.ncols:
            cs = spans.get(c, 1)
            if row.note:
                cs = t.ncols
            v = row.cells[c]
            kind = t.kinds[c]
            if isinstance(v, int) and not isinstance(v, bool):
                text, align, indent = self.fmt(t, v), "r", 0.0
            else:
                text = v or ""
                align = "l" if kind in "ntc" or row.note else "c"
                if cs > 1 and not row.note:
                    align = "c"
                indent = self.s.indent * row.indent if c == t.name_col else 0.0
            if text == "合计" and not isinstance(v, int):
                align = "c"
            w = sum(widths[c:c + cs])
            size = self.s.size
            lines = max(lines, self.lines_needed(text, w, size, indent))
            out.append((c, cs, text, align, indent))
            c += cs
        h = max(self.s.row_min, lines * self.s.size * 1.25 + 2 * self.s.pad)
        return out, h

    def table(self, t, group_title=None):
        s = self.s
        widths = self.col_widths(t)
        x0 = (self.w - sum(widths)) / 2
        hcells, hheights = self.header_grid(t, widths)
        body = [self.row_layout(t, r, widths) for r in t.rows]
        if t.note and s.titles == "excel":
            note = Row([t.note] + [None] * (t.ncols - 1), {}, note=True)
            body.append(self.row_layout(t, note, widths))
        title_h = 0 if s.titles == "excel" else (40 + (30 if group_title else 0))
        first = sum(h for _, h in body[:3])
        bottom = s.margin + 10
        if s.page_per_table or not self.open or self.y - title_h - sum(hheights) - first < bottom:
            self.new_page()
        if s.titles != "excel":
            if group_title:
                self.title_line(group_title, 15)
            self.title_line(self.printed_title(t), 15 if not group_title else 12)
            self.y -= 4
            self.text(self.w - x0, self.y, f"单位：{s.unit_label}", 9, "r")
            self.y -= 6

        chunk = {"cells": [], "heights": []}
        start = [self.y]

        def flush():
            if chunk["heights"]:
                self.rules(x0, start[0], widths, chunk["heights"],
                           [(r, c, rs, cs) for r, c, rs, cs in chunk["cells"]])
            chunk["cells"], chunk["heights"] = [], []

        def put_header():
            base = len(chunk["heights"])
            xs = _offsets(x0, widths)
            top = self.y
            tops = [top]
            for h in hheights:
                tops.append(tops[-1] - h)
            for h in hcells:
                hh = sum(hheights[h.r:h.r + h.rs])
                self.cell_text(xs[h.c], tops[h.r], sum(widths[h.c:h.c + h.cs]), hh, h.text, h.align,
                               h.size or s.hsize)
                chunk["cells"].append((base + h.r, h.c, h.rs, h.cs))
            chunk["heights"].extend(hheights)
            self.y -= sum(hheights)

        put_header()
        xs = _offsets(x0, widths)
        for cells, h in body:
            if self.y - h < bottom:
                flush()
                self.new_page()
                start[0] = self.y
                if t.key in s.repeat_header:
                    put_header()
            r = len(chunk["heights"])
            for c, cs, text, align, indent in cells:
                self.cell_text(xs[c], self.y, sum(widths[c:c + cs]), h, text, align, s.size, indent)
                chunk["cells"].append((r, c, 1, cs))
            chunk["heights"].append(h)
            self.y -= h
        flush()
        if t.note and s.titles != "excel":
            self.y -= 14
            self.text(x0, self.y, t.note, 9)
        self.y -= 18

    def printed_title(self, t):
        if t.no in ("5-1", "5-2"):
            return f"表{t.no}.{t.title}"
        return f"{cn_ordinal(int(t.no))}、{t.title}"


def _offsets(x0, widths):
    xs = [x0]
    for w in widths:
        xs.append(xs[-1] + w)
    return xs


def _join(segs):
    """Join collinear touching segments (p, a, b, outer) into runs (p, a, b)."""
    by_line = {}
    for p, a, b, _ in segs:
        by_line.setdefault(round(p, 3), []).append((min(a, b), max(a, b)))
    runs = []
    for p, parts in sorted(by_line.items()):
        parts.sort()
        cur = list(parts[0])
        for a, b in parts[1:]:
            if a <= cur[1] + 0.01:
                cur[1] = max(cur[1], b)
            else:
                runs.append((p, cur[0], cur[1]))
                cur = [a, b]
        runs.append((p, cur[0], cur[1]))
    return runs


# ----------------------------------------------------------------------------
# Variants
# ----------------------------------------------------------------------------

VARIANTS = {
    # Word/WPS: thin filled rectangles, A4 portrait, narrow columns.
    "ruled-rects": dict(
        profile="civil-affairs", unit="万元", seed=202501,
        tables=["income_summary", "expense_summary", "general_budget_expense_by_function",
                "general_budget_expense_by_unit", "three_public_expense"],
        style=Style(rules="rects", size=7.5, hsize=7.5, row_min=13, margin=45, sep=True,
                    blank_zero=("expense_summary", "general_budget_expense_by_function"),
                    total_merged=True,
                    weights={
                        # amounts break in the 合计/小计/一般公共预算 columns
                        "income_summary": [34, 56, 31, 31, 31, 27] + [22] * 7 + [26],
                        "expense_summary": [48, 100, 70, 70, 70],
                        # the name column wraps names over 2-4 lines
                        "general_budget_expense_by_function": [40, 52, 44, 44, 44, 44, 44],
                        # 27 pt breaks `2,345.` / `67`, 30 pt breaks `2,345.6` / `7`
                        "general_budget_expense_by_unit": [34, 70, 27, 30, 36, 34, 36],
                        "three_public_expense": [80] * 6,
                    },
                    widths={"income_summary": 390, "expense_summary": 358,
                            "general_budget_expense_by_function": 312,
                            "general_budget_expense_by_unit": 267, "three_public_expense": 480})),
    # Excel/ONLYOFFICE: stroked rules, A4 landscape, amounts in 元.
    "ruled-strokes": dict(
        profile="gov-office", unit="元", seed=202502, split_codes=True,
        tables=["income_expense_summary", "expense_summary", "general_budget_basic_expense_by_economic",
                "fiscal_income_expense_summary"],
        style=Style(landscape=True, rules="strokes", size=9, hsize=9, row_min=17, sep=True,
                    unit_label="元", indent=9,
                    blank_zero=("fiscal_income_expense_summary",),
                    repeat_header=("general_budget_basic_expense_by_economic",),
                    widths={"expense_summary": 700, "general_budget_basic_expense_by_economic": 640})),
    # Distiller: portrait pages with /Rotate 90 showing landscape content.
    "rotated": dict(
        profile="civil-affairs", unit="万元", seed=202503, project_total_label=False,
        tables=["income_expense_summary", "fiscal_income_expense_summary", "government_fund_expense",
                "state_capital_expense", "project_expense"],
        style=Style(landscape=True, rotate=True, rules="rects", size=9, hsize=9, row_min=16, sep=False,
                    fake_bold=True, blank_zero=("fiscal_income_expense_summary", "project_expense"),
                    weights={"project_expense": [3.2, 2.6] + [1.0] * 9})),
    # Distiller again: the other tables, zeros printed blank.
    "rotated-blank-rows": dict(
        profile="gov-office", unit="万元", seed=202599,
        tables=["income_summary", "expense_summary", "general_budget_expense_by_function",
                "general_budget_expense_by_unit", "general_budget_basic_expense_by_economic",
                "three_public_expense"],
        style=Style(landscape=True, rotate=True, rules="rects", size=9, hsize=9, row_min=16, sep=False,
                    fake_bold=True, blank_zero=("expense_summary", "general_budget_expense_by_function"))),
    # Distiller, amounts in 元 with separators, the project table.
    "rotated-yuan": dict(
        profile="civil-affairs", unit="元", seed=202598,
        tables=["income_summary", "expense_summary", "general_budget_expense_by_function",
                "general_budget_basic_expense_by_economic", "three_public_expense", "project_expense"],
        style=Style(landscape=True, rotate=True, rules="rects", size=9, hsize=9, row_min=16, sep=True,
                    unit_label="元")),
    # Spreadsheet export: one table per page, title and unit inside the grid.
    "excel-title-in-grid": dict(
        profile="gov-office", unit="万元", seed=202504,
        tables=["income_summary", "general_budget_expense_by_function",
                "general_budget_basic_expense_by_economic", "three_public_expense",
                "government_fund_expense", "project_expense"],
        style=Style(titles="excel", page_per_table=True, rules="strokes", size=7.5, hsize=7.5,
                    row_min=14, margin=36, sep=True, heading="header", footer=False,
                    blank_zero=("general_budget_expense_by_function",
                                "general_budget_basic_expense_by_economic"),
                    weights={"income_summary": [1.2, 2.6] + [1.25] * 3 + [1.0] * 9,
                             "project_expense": [2.6, 2.2, 1.2] + [1.0] * 8})),
    # No rules at all: columns only by position (text-only reports).
    "unruled": dict(
        profile="civil-affairs", unit="万元", seed=202505,
        tables=["expense_summary", "general_budget_expense_by_function",
                "general_budget_basic_expense_by_economic", "three_public_expense",
                "state_capital_expense"],
        style=Style(rules="none", size=8, hsize=8, row_min=15, sep=True,
                    widths={"three_public_expense": 460})),
}

# The spreadsheet's pages printed through Distiller, rotated: another seed,
# zeros printed.
VARIANTS["rotated-grid"] = dict(
    VARIANTS["excel-title-in-grid"], seed=202597,
    style=dataclasses.replace(VARIANTS["excel-title-in-grid"]["style"], landscape=True, rotate=True, blank_zero=()))

# A project with nothing budgeted, its zeros printed blank, before the next
# unit's row: the spreadsheet's layout, and the same with pages rotated.
VARIANTS["grid-blank-project"] = dict(
    VARIANTS["excel-title-in-grid"], seed=207766, unit="元",
    tables=["income_expense_summary", "income_summary", "expense_summary", "fiscal_income_expense_summary",
            "general_budget_expense_by_function", "general_budget_expense_by_unit",
            "general_budget_basic_expense_by_economic", "three_public_expense", "government_fund_expense",
            "state_capital_expense", "project_expense"],
    style=dataclasses.replace(VARIANTS["excel-title-in-grid"]["style"], unit_label="元", sep=False,
                              blank_zero=("project_expense",)))
VARIANTS["rotated-blank-project"] = dict(
    VARIANTS["grid-blank-project"], seed=207859,
    style=dataclasses.replace(VARIANTS["grid-blank-project"]["style"], landscape=True, rotate=True))

# A department of many units (schools among them), all eleven tables in 元,
# in the spreadsheet's layout with its pages rotated: the document's heading
# over each page run into the cells of its one-line text, two projects
# printed blank before the next unit's row.
ALL_TABLES = VARIANTS["grid-blank-project"]["tables"]
VARIANTS["rotated-education"] = dict(
    VARIANTS["rotated-grid"], profile="education", seed=208102, unit="元", tables=ALL_TABLES,
    style=dataclasses.replace(VARIANTS["rotated-grid"]["style"], unit_label="元", sep=False,
                              blank_zero=("project_expense",)))


def write_truth(path, source, keys, cells, indicators=()):
    """The scorer's format, one cell (and one indicator) a line (readable diffs)."""
    with open(path, "w", encoding="utf-8") as f:
        f.write("{\n")
        f.write(f' "source": {json.dumps(source, ensure_ascii=False)},\n')
        f.write(f' "tables": {json.dumps(sorted(keys), ensure_ascii=False)},\n')
        f.write(' "cells": [\n')
        f.write(",\n".join("  " + json.dumps(c, ensure_ascii=False) for c in cells))
        f.write('\n ],\n "indicators": [')
        f.write(",\n".join("\n  " * (i == 0) + "  " * (i > 0) + json.dumps(r, ensure_ascii=False)
                           for i, r in enumerate(indicators)))
        f.write("\n ]\n}\n" if indicators else "]\n}\n")


CODED_TABLES = ("expense_summary", "general_budget_expense_by_function",
                "general_budget_basic_expense_by_economic", "government_fund_expense",
                "state_capital_expense")


def truth_rows(cells):
    """Cells of a truth file back into rows: table → [(section, code, name, [(leaf, Decimal)])].
    A row is a run of cells of one table and section with the same code and
    name, as long as the first row of that table and section."""
    rows, cur, width = {}, {}, {}
    for key, sec, code, name, leaf, value in cells:
        k = (key, sec)
        row = cur.get(k)
        if row is None or row[1:3] != (code, name) or len(row[3]) == width.get(k):
            if row is not None:
                width.setdefault(k, len(row[3]))
            row = (sec, code, name, [])
            cur[k] = row
            rows.setdefault(key, []).append(row)
        row[3].append((leaf, Decimal(value or "0")))
    return rows


def check_truth(path):
    """Re-read a written truth file; check its format and every sum in it."""
    d = json.load(open(path, encoding="utf-8"))
    errors = []
    if set(d) != {"source", "tables", "cells", "indicators"}:
        errors.append(f"keys {sorted(d)}")
    for cell in d["cells"]:
        if len(cell) != 6 or not all(isinstance(x, str) for x in cell):
            errors.append(f"bad cell {cell}")
        elif cell[0] not in d["tables"]:
            errors.append(f"table {cell[0]} not listed")
        elif cell[5] and not re.fullmatch(r"\d+\.\d\d", cell[5]):
            errors.append(f"bad value {cell}")
    if errors:
        raise CheckError(f"{path}: " + "; ".join(errors[:10]))

    def eq(what, a, b):
        if a != b:
            errors.append(f"{what}: {a} != {b}")

    def col(vals, leaf):
        return sum(v for l, v in vals if l == leaf)

    def vec(row):
        return [v for _, v in row[3]]

    def vsum(rows):
        return [sum(x) for x in zip(*[vec(r) for r in rows])]

    def named(rows, name, sec=""):
        return next(r for r in rows if r[0] == sec and "".join(r[2].split()) == name)

    for key, rows in truth_rows(d["cells"]).items():
        # the code hierarchy: 类 = Σ款 = Σ项, 合计 = Σ类
        if key in CODED_TABLES and rows:
            coded = {r[1]: r for r in rows if r[1]}
            for code, r in coded.items():
                kids = [k for c, k in coded.items() if c.startswith(code) and len(c) == len(code) + 2]
                if kids:
                    eq(f"{key} {code} = Σ children", vec(r), vsum(kids))
            eq(f"{key} 合计 = Σ top level", vec(named(rows, "合计")),
               vsum([r for c, r in coded.items() if len(c) == 3]))
        # column identities of every row
        for r in rows:
            vals, leaves = r[3], [l for l, _ in r[3]]
            what = f"{key} {r[1]} {r[2]}"
            if "基本支出" in leaves and "项目支出" in leaves:
                eq(f"{what} 合计", col(vals, "合计"), col(vals, "基本支出") + col(vals, "项目支出"))
            if "小计" in leaves and "人员经费" in leaves:
                eq(f"{what} 合计", col(vals, "合计"), col(vals, "小计") + col(vals, "项目支出"))
                eq(f"{what} 小计", col(vals, "小计"), col(vals, "人员经费") + col(vals, "公用经费"))
            elif "人员经费" in leaves:
                eq(f"{what} 合计", col(vals, "合计"), col(vals, "人员经费") + col(vals, "公用经费"))
            if key == "income_summary":
                eq(f"{what} 合计", col(vals, "合计"), col(vals, "小计") + col(vals, "上年结转结余"))
                eq(f"{what} 小计", col(vals, "小计"), sum(col(vals, x) for x in INCOME_SOURCES))
            if key == "project_expense":
                eq(f"{what} 合计", vec(r)[0], sum(vec(r)[1:]))
            if key == "three_public_expense":
                v = vec(r)
                eq(f"{what} 合计", v[0], v[1] + v[2] + v[5])
                eq(f"{what} 小计", v[2], v[3] + v[4])
        # unit rows: 合计 = department = Σ units
        if key in ("income_summary", "general_budget_expense_by_unit"):
            eq(f"{key} 合计 = department", vec(rows[0]), vec(rows[1]))
            eq(f"{key} department = Σ units", vec(rows[1]), vsum(rows[2:]))
        if key == "project_expense":
            eq(f"{key} 合计 = department", vec(rows[0]), vec(rows[1]))
            cats = [i for i, r in enumerate(rows) if r[2] == "本级支出项目"]
            eq(f"{key} department = Σ units", vec(rows[1]), vsum([rows[i - 1] for i in cats]))
            for n, i in enumerate(cats):
                end = cats[n + 1] - 1 if n + 1 < len(cats) else len(rows)
                eq(f"{key} unit = 本级支出项目", vec(rows[i - 1]), vec(rows[i]))
                eq(f"{key} 本级支出项目 = Σ projects", vec(rows[i]), vsum(rows[i + 1:end]))
        # the two-sided tables
        if key in ("income_expense_summary", "fiscal_income_expense_summary"):
            inc = [vec(r)[0] for r in rows if r[0] == "收入"]
            exp = [vec(r)[0] for r in rows if r[0] == "支出"]
            eq(f"{key} 收入总计 = 支出总计", inc[-1], exp[-1])
            if key == "income_expense_summary":
                eq(f"{key} 本年收入合计", inc[-3], sum(inc[:-3]))
                eq(f"{key} 本年支出合计", exp[-3], sum(exp[:-3]))
                eq(f"{key} 收入总计", inc[-1], inc[-3] + inc[-2])
                eq(f"{key} 支出总计", exp[-1], exp[-3] + exp[-2])
            else:
                eq(f"{key} 本年收入", inc[0], sum(inc[1:4]))
                eq(f"{key} 上年结转", inc[4], sum(inc[5:8]))
                eq(f"{key} 收入总计", inc[-1], inc[0] + inc[4])
                eq(f"{key} 本年支出", exp[0], sum(exp[1:-2]))
                eq(f"{key} 支出总计", exp[-1], exp[0] + exp[-2])
    if errors:
        raise CheckError(f"{path}: " + "; ".join(errors[:10]))


def check_text(pdf, renderer, budget, tables):
    """With pdftotext: every title and every cell drawn on one line is in the text."""
    exe = shutil.which("pdftotext")
    if not exe:
        return "pdftotext not found: text not checked"
    text = subprocess.run([exe, "-layout", pdf, "-"], check=True, capture_output=True,
                          text=True).stdout
    flat = "".join(text.split())
    missing = [s for s in renderer.whole if "".join(s.split()) not in flat]
    for t in tables:
        if t.title.replace("“", "").replace("”", "") not in flat.replace("“", "").replace("”", ""):
            missing.append(t.title)
    if budget.dept not in flat:
        missing.append(budget.dept)
    if missing:
        raise CheckError(f"{pdf}: not in the pdftotext text: {missing[:10]}")
    return f"text ok ({len(renderer.whole)} cells on one line, {len(renderer.wrapped)} wrapped)"


def render_variant(name, spec, out):
    b = gen_budget(spec["profile"], spec["unit"], spec["seed"])
    tables = build_tables(b, split_codes=spec.get("split_codes", False),
                          project_total_label=spec.get("project_total_label", True))
    check_tables(tables)
    style = spec["style"]
    pdf = os.path.join(out, "pdf", f"{name}.pdf")
    r = Renderer(pdf, style, b)
    if style.heading == "part":
        r.new_page()
        r.title_line(f"第二部分  {b.dept}{b.year}年部门预算表", 16)
    grouped_5 = False
    cells = []
    for key in spec["tables"]:
        t = tables[key]
        group = None
        if t.no.startswith("5-") and style.titles == "ordinal" and not grouped_5:
            group, grouped_5 = "五、一般公共预算支出表", True
        r.table(t, group)
        cells += truth_cells(t, key in style.blank_zero)
    r.save()
    truth = os.path.join(out, "truth", f"{name}.truth.json")
    write_truth(truth, name, spec["tables"], cells)
    check_truth(truth)
    note = check_text(pdf, r, b, [tables[k] for k in spec["tables"]])
    return pdf, truth, r.page, len(cells), note


# ----------------------------------------------------------------------------
# Pattern variants: one table pattern each (issue 12 items 2-5 and 7, issue 13
# item 3), tables built cell by cell
# ----------------------------------------------------------------------------
#
# Each row of a PTable holds its printed cells and, beside them, the truth
# cells they stand for, so that the truth is exactly what is drawn; every sum
# the pattern relies on is listed in PTable.sums and checked again in the
# written truth file (check_pattern_truth).

ALL_PARTS = ("no", "title", "unit", "header")


@dataclass
class PRow:
    cells: list                 # per column: printed text ('' or None: an empty cell)
    truth: list                 # [(section, code, name, leaf, value)] of the row
    indent: int = 0             # hierarchy level of the name
    spans: dict = field(default_factory=dict)   # column → colspan of a merged cell
    vspans: dict = field(default_factory=dict)  # column → rows a merged cell spans (rows below give None);
                                                # a page break inside it prints the text again


@dataclass
class PTable:
    key: str
    title: str
    widths: list                # column widths (pt)
    aligns: str                 # per column: l, r or c
    header: list                # HCell
    rows: list = field(default_factory=list)
    no: str = ""                # a table number printed above the title (表3, 公开01表)
    unit: str = "单位：万元"      # printed right above the grid ('' none)
    unit_left: str = ""         # printed left above the grid
    rules: str = "rects"        # rects | strokes | none
    size: float = 8.0
    name_col: int = 1
    indent: float = 8.0
    overflow: tuple = ()        # columns drawn on one line, running over their right border
    valign: str = "m"           # m: cells centred vertically; t: top-aligned (Word rows that break)
    push_if: object = None      # lines of a row → k: push the table down so this row breaks after k lines
    split_if: object = None     # lines of a row → k: a row near the page end breaks after k lines
    cont: tuple = (ALL_PARTS,)  # what continuation page n repeats (the last entry for the rest)
    sums: list = field(default_factory=list)    # (what, total ref, [part refs]); ref (section, code or name, leaf)
    lead: str = ""              # a line printed above the table on its first page
    indicators: list = field(default_factory=list)  # truth rows [table_key, goal, level1, level2, level3, value, basis]

    @property
    def ncols(self):
        return len(self.widths)


def squeeze_name(s):
    return "".join(s.split())


def ref(sec, code, name, leaf):
    return (sec, code or squeeze_name(name), leaf)


def tree_sums(rows, leaves, total="合计", sec=""):
    """Sums of a code hierarchy: each code = Σ its direct children, the total = Σ top codes.
    `rows` are (code, name); `leaves` the additive columns."""
    codes = [c for c, _ in rows if c]
    out = []

    def direct(c, k):
        return k.startswith(c) and len(k) > len(c) and not any(
            k.startswith(m) and len(c) < len(m) < len(k) and m.startswith(c) for m in codes)

    for c in codes:
        kids = [k for k in codes if direct(c, k)]
        for leaf in leaves if kids else ():
            out.append((f"{c} {leaf}", (sec, c, leaf), [(sec, k, leaf) for k in kids]))
    top = [c for c in codes if not any(c != m and c.startswith(m) for m in codes)]
    if total:
        for leaf in leaves:
            out.append((f"{total} {leaf}", (sec, total, leaf), [(sec, k, leaf) for k in top]))
    return out


def col_sums(rows, total, parts, sec=""):
    """Row identities: `total` = Σ `parts` on every row (code, name)."""
    return [(f"{c or n} {total}", ref(sec, c, n, total), [ref(sec, c, n, p) for p in parts])
            for c, n in rows]


class PatternRenderer(Renderer):
    """Draws PTables: wrapped or overflowing cells, rows that break across a
    page, continuation pages that repeat any mix of number, title, unit, header."""

    def __init__(self, path, style, budget, title):
        super().__init__(path, style, budget)
        self.c.setTitle(title)
        self.splits = []     # (table key, row index, k) of the rows broken over a page
        self.breaks = []     # (table key, row index) of the rows that begin a page

    def lines_of(self, t, text, w, c, indent):
        if not text:
            return []
        if c in t.overflow:
            return [text]
        return wrap(text, w - 2 * self.s.pad - indent, t.size)

    def layout(self, t, row):
        out, c = [], 0
        while c < t.ncols:
            cs = row.spans.get(c, 1)
            text = row.cells[c] or ""
            w = sum(t.widths[c:c + cs])
            indent = t.indent * row.indent if c == t.name_col else 0.0
            align = "c" if cs > 1 else t.aligns[c]
            out.append((c, cs, self.lines_of(t, text, w, c, indent), align, indent))
            (self.whole if len(out[-1][2]) == 1 and c not in t.overflow else self.wrapped).append(text)
            c += cs
        return out

    def height(self, t, n):
        return max(self.s.row_min, n * t.size * 1.25 + 2 * self.s.pad)

    def draw_row(self, t, xs, cells, h, valign, part=None):
        """Draw a row; `part` (a, b) draws only lines a..b of each cell."""
        size, pad, lh = t.size, self.s.pad, t.size * 1.25
        for c, cs, lines, align, indent in cells:
            lines = lines[part[0]:part[1]] if part else lines
            w = sum(t.widths[c:c + cs])
            if valign == "t" or part:
                y = self.y - pad - lh + (lh - size) / 2 + size * 0.12
            else:
                y = self.y - (h - len(lines) * lh) / 2 - lh + (lh - size) / 2 + size * 0.12
            for line in lines:
                if align == "l":
                    self.text(xs[c] + pad + indent, y, line, size)
                elif align == "r":
                    self.text(xs[c] + w - pad, y, line, size, "r")
                else:
                    self.text(xs[c] + w / 2, y, line, size, "c")
                y -= lh

    def prelude(self, t, parts, x0):
        if "no" in parts and t.no:
            self.y -= 14
            self.text(x0, self.y, t.no, 10)
        if "title" in parts:
            self.title_line(t.title, 15)
        if "unit" in parts and (t.unit or t.unit_left):
            self.y -= 12
            if t.unit_left:
                self.text(x0, self.y, t.unit_left, 9)
            if t.unit:
                self.text(x0 + sum(t.widths), self.y, t.unit, 9, "r")
            self.y -= 4
        self.y -= 3

    def ptable(self, t):
        s = self.s
        x0 = (self.w - sum(t.widths)) / 2
        xs = _offsets(x0, t.widths)
        hcells, hheights = self.header_grid(t, t.widths) if t.header else ([], [])
        body = [self.layout(t, r) for r in t.rows]
        covered = [{} for _ in t.rows]     # row → {column: (span id, the starting cell's layout)}
        for i, r in enumerate(t.rows):
            for c, n in r.vspans.items():
                start = next(x for x in body[i] if x[0] == c)
                for j in range(i, i + n):
                    covered[j][c] = ((i, c), start)
        for i in range(len(body)):
            body[i] = [x for x in body[i] if x[0] not in covered[i] or covered[i][x[0]][0][0] == i]
        nlines = [max([len(x[2]) for x in cells] + [1]) for cells in body]
        heights = [self.height(t, n) for n in nlines]
        bottom = s.margin + 10
        lh = t.size * 1.25
        head = 14 * bool(t.no) + 30 + 16 * bool(t.unit or t.unit_left) + 3 + sum(hheights)
        if not self.open or self.y - head - sum(heights[:3]) < bottom or t.push_if:
            self.new_page()
        if t.lead:
            self.title_line(t.lead, 15)
        push = None
        if t.push_if:
            for i, cells in enumerate(body):
                k = t.push_if({x[0]: x[2] for x in cells})
                if k:
                    push = (i, k)
                    above = head + sum(heights[:i]) + k * lh + 2 * s.pad
                    assert bottom + above <= self.y, f"{t.key}: no room to push row {i} to the page end"
                    self.y = bottom + above
                    break
        rules = s.rules
        s.rules = t.rules
        chunk = {"cells": [], "heights": [], "top": self.y, "spans": set()}

        def flush():
            if chunk["heights"]:
                self.rules(x0, chunk["top"], t.widths, chunk["heights"], chunk["cells"])
            chunk["cells"], chunk["heights"], chunk["spans"] = [], [], set()

        def header():
            base = len(chunk["heights"])
            top = self.y
            tops = [top]
            for h in hheights:
                tops.append(tops[-1] - h)
            for h in hcells:
                self.cell_text(xs[h.c], tops[h.r], sum(t.widths[h.c:h.c + h.cs]), sum(hheights[h.r:h.r + h.rs]),
                               h.text, h.align, h.size or s.hsize)
                chunk["cells"].append((base + h.r, h.c, h.rs, h.cs))
            chunk["heights"].extend(hheights)
            self.y -= sum(hheights)

        def add(cells, h, valign, part=None, i=None):
            r = len(chunk["heights"])
            spans = covered[i] if i is not None else {}
            again = [start for c, (sid, start) in spans.items() if sid[0] != i and sid not in chunk["spans"]]
            self.draw_row(t, xs, cells + again, h, valign, part)
            chunk["spans"].update(sid for sid, _ in spans.values())
            chunk["cells"].extend((r, c, 1, cs) + ((("v",) + spans[c][0],) if c in spans else ())
                                  for c, cs, _, _, _ in cells)
            chunk["cells"].extend((r, c, 1, start[1], ("v",) + sid) for c, (sid, start) in spans.items()
                                  if sid[0] != i)
            chunk["heights"].append(h)
            self.y -= h

        cont = [0]

        def page_break():
            flush()
            self.new_page()
            parts = t.cont[min(cont[0], len(t.cont) - 1)]
            cont[0] += 1
            self.prelude(t, parts, x0)
            chunk["top"] = self.y
            if "header" in parts:
                header()

        def split_at(i):
            """The row (from i) that breaks at the end of this page, and after how many lines."""
            if push and i <= push[0]:
                return push
            if not t.split_if:
                return None, None
            y, best = self.y, (None, None)
            for j in range(i, len(body)):
                k = t.split_if({x[0]: x[2] for x in body[j]})
                if k and y - (k * lh + 2 * s.pad) >= bottom and y - bottom < (self.h - 2 * bottom) / 2:
                    best = (j, k)
                if y - heights[j] < bottom:
                    break
                y -= heights[j]
            else:
                return None, None
            return best

        self.prelude(t, ALL_PARTS, x0)
        chunk["top"] = self.y
        header()
        cut, k = split_at(0)
        i = 0
        while i < len(body):
            if i == cut:
                h1 = k * lh + 2 * s.pad
                add(body[i], h1, "t", (0, k))
                self.splits.append((t.key, i, k))
                page_break()
                add(body[i], self.height(t, nlines[i] - k), "t", (k, None))
                i += 1
                cut, k = split_at(i)
                continue
            if self.y - heights[i] < bottom:
                page_break()
                self.breaks.append((t.key, i))
                cut, k = split_at(i)
                continue
            add(body[i], heights[i], t.valign, i=i)
            i += 1
        flush()
        s.rules = rules
        self.y -= 16


def pattern_truth(tables):
    cells = []
    for t in tables:
        for r in t.rows:
            cells += [[t.key, sec, code, name, leaf, value] for sec, code, name, leaf, value in r.truth]
    return cells


def covered_break(t, i):
    """Row i of t begins a page inside a first-column cell (a project) merged over the rows above it."""
    return any(j < i < j + r.vspans.get(0, 0) for j, r in enumerate(t.rows))


def indicator_truth(tables):
    return [row for t in tables for row in t.indicators]


def check_pattern_truth(path, tables):
    """Re-read a written truth file and check every sum the tables list."""
    d = json.load(open(path, encoding="utf-8"))
    errors = []
    if set(d) != {"source", "tables", "cells", "indicators"}:
        errors.append(f"keys {sorted(d)}")
    vals = {}
    for cell in d["cells"]:
        if len(cell) != 6 or not all(isinstance(x, str) for x in cell) or cell[0] not in d["tables"]:
            errors.append(f"bad cell {cell}")
            continue
        if cell[5] and not re.fullmatch(r"\d+\.\d\d", cell[5]):
            errors.append(f"bad value {cell}")
            continue
        key = (cell[0],) + ref(cell[1], cell[2], cell[3], cell[4])
        vals.setdefault(key, set()).add(Decimal(cell[5] or "0"))

    def get(table, r):
        v = vals.get((table,) + r)
        if not v or len(v) != 1:
            errors.append(f"{table} {r}: {'missing' if not v else 'ambiguous'}")
            return Decimal(0)
        return next(iter(v))

    n = 0
    for t in tables:
        for what, total, parts in t.sums:
            n += 1
            a, b = get(t.key, total), sum(get(t.key, p) for p in parts)
            if a != b:
                errors.append(f"{t.key} {what}: {a} != {b}")
    if errors:
        raise CheckError(f"{path}: " + "; ".join(errors[:10]))
    return n


def fmt_amount(v, sep=True):
    return grouped(v) if sep else plain(v)


# --- the coded tables shared by the pattern variants ------------------------

def function_rows(b, fund, cols):
    """(code, name, level, values) of the function hierarchy; `cols` maps a
    leaf's [人员经费, 公用经费, 项目支出] and its leaf code to the printed columns."""
    leaves = {leaf: cols(v, leaf) for leaf, v in leaf_values(b, fund).items()}
    return code_tree(leaves, FUNC)


def total_of(tree):
    top = [v for c, _, _, v in tree if len(c) == 3]
    return [sum(x) for x in zip(*top)]


def coded_ptable(key, title, widths, header, leaves, tree, sep=True, code_cols=1, lead_cols=0,
                 total_first=True, **kw):
    """A table of `tree` under `header`: [lead columns] code | name | amounts;
    the 合计 row first, its label merged over the code and name columns."""
    ncode = code_cols
    t = PTable(key, title, widths, "c" * lead_cols + "l" * ncode + "l" + "r" * len(leaves), header,
               name_col=lead_cols + ncode, **kw)
    tot = total_of(tree)
    total_row = PRow([None] * lead_cols + ["合计"] + [None] * ncode + [fmt_amount(v, sep) for v in tot],
                     [("", "", "合计", leaf, plain(v)) for leaf, v in zip(leaves, tot)],
                     spans={lead_cols: ncode + 1})
    rows = []
    for i, (code, name, level, vals) in enumerate(tree):
        cells = [None] * lead_cols + [code, name] + [fmt_amount(v, sep) for v in vals]
        rows.append(PRow(cells, [("", code, name, leaf, plain(v)) for leaf, v in zip(leaves, vals)],
                         indent=level))
    t.rows = [total_row] + rows if total_first else rows + [total_row]
    t.sums = tree_sums([(c, n) for c, n, _, _ in tree], leaves)
    return t


def econ_rows(b):
    return econ_tree(b)


def _h(cells):
    return [HCell(*c) for c in cells]


SIMPLE_EXPENSE_HEADER = _h([(0, 0, 1, 1, "科目编码"), (0, 1, 1, 1, "科目名称"), (0, 2, 1, 1, "合计"),
                            (0, 3, 1, 1, "基本支出"), (0, 4, 1, 1, "项目支出")])

#: The national 部门决算 form's 收入支出决算总表 header: 收入 and 支出, each
#: `项目 行次 金额`, and the 栏次 row under them.
FINAL_SUMMARY_HEADER = _h([(0, 0, 1, 3, "收入"), (0, 3, 1, 3, "支出"),
                           (1, 0, 1, 1, "项目"), (1, 1, 1, 1, "行次"), (1, 2, 1, 1, "金额"),
                           (1, 3, 1, 1, "项目"), (1, 4, 1, 1, "行次"), (1, 5, 1, 1, "金额"),
                           (2, 0, 1, 1, "栏次"), (2, 1, 1, 1, ""), (2, 2, 1, 1, "1"),
                           (2, 3, 1, 1, "栏次"), (2, 4, 1, 1, ""), (2, 5, 1, 1, "2")])


# --- page-break-rows ---------------------------------------------------------

def amount_breaks_in_three(lines):
    """A row whose amount's last line goes to the next page: 合计 on 3 lines
    (`2,7` / `27.` / `15`), the name on 2, the other cells on at most 2."""
    amount = lines.get(2, [])
    if len(amount) == 3 and "," in amount[0] and len(lines.get(1, [])) == 2 and all(len(x) <= 2 for c, x in lines.items() if c != 2):
        return 2
    return None


def name_tail_breaks(lines):
    """A row whose name's last character alone goes to the next page."""
    name = lines.get(1, [])
    k = len(name) - 1
    if k >= 1 and len(name[-1]) == 1 and all(len(x) <= k for c, x in lines.items() if c != 1):
        return k
    return None


def pattern_page_break_rows(b):
    sz = 9.0
    # name column: 8 characters a line; 合计 column: `1,6` fits, `1,66` does not
    wn, wa = 8 * sz + 4 + 2, 17.5
    a = coded_ptable("expense_summary", "三、部门支出总表", [44, wn, wa, 70, 70], SIMPLE_EXPENSE_HEADER,
                     ["合计", "基本支出", "项目支出"],
                     function_rows(b, "all", lambda v, _: [v[0] + v[1] + v[2], v[0] + v[1], v[2]]),
                     no="表3", size=sz, valign="t", push_if=amount_breaks_in_three, split_if=name_tail_breaks,
                     cont=(("no", "title", "unit", "header"), ("header",)),
                     lead=f"第二部分  {b.dept}{b.year}年部门预算表")
    a.sums += col_sums([(r.truth[0][1], r.truth[0][2]) for r in a.rows], "合计", ["基本支出", "项目支出"])
    header = _h([(0, 0, 1, 2, "部门预算支出经济分类科目"), (0, 2, 1, 3, "本年一般公共预算基本支出"),
                 (1, 0, 1, 1, "科目编码"), (1, 1, 1, 1, "科目名称"), (1, 2, 1, 1, "合计"),
                 (1, 3, 1, 1, "人员经费"), (1, 4, 1, 1, "公用经费")])
    e = coded_ptable("general_budget_basic_expense_by_economic", "六、一般公共预算基本支出表",
                     [50, wn, 70, 70, 70], header, ["合计", "人员经费", "公用经费"],
                     [(c, n, l, [v[0] + v[1], v[0], v[1]]) for c, n, l, v in econ_rows(b)],
                     no="公开06表", size=sz, valign="t", split_if=name_tail_breaks,
                     cont=(("unit", "header"), ("title", "header")))
    e.sums += col_sums([(r.truth[0][1], r.truth[0][2]) for r in e.rows], "合计", ["人员经费", "公用经费"])
    return [a, e]


# --- line-numbers --------------------------------------------------------------

def pattern_line_numbers(b):
    p, q, gb, gf = dept_totals(b)
    total = p + q + gb + gf
    by_class = class_amounts(b)
    income = [("一、一般公共预算财政拨款收入", p + q + gb), ("二、政府性基金预算财政拨款收入", gf),
              ("三、国有资本经营预算财政拨款收入", 0), ("四、上级补助收入", 0), ("五、事业收入", 0),
              ("六、经营收入", 0), ("七、附属单位上缴收入", 0), ("八、其他收入", 0)]
    expense = [(f"{cn_ordinal(i + 1)}、{n}", by_class.get(c, 0)) for i, (c, n) in enumerate(CLASSES)]
    header = FINAL_SUMMARY_HEADER
    t1 = PTable("income_expense_summary", "收入支出决算总表", [190, 28, 70, 190, 28, 70], "lcrlcr", header,
                no="公开01表", unit_left=f"部门：{b.dept}", unit="金额单位：万元", size=7.5,
                lead=f"第三部分  {b.dept}{b.year}年度部门决算表")
    n = len(expense)
    for i in range(n):
        inc = income[i] if i < len(income) else None
        cells = [inc[0] if inc else None, str(i + 1), fmt_amount(inc[1]) if inc else None,
                 expense[i][0], str(32 + i), fmt_amount(expense[i][1])]
        truth = ([("收入", "", inc[0], "金额", plain(inc[1]))] if inc else []) + \
            [("支出", "", expense[i][0], "金额", plain(expense[i][1]))]
        t1.rows.append(PRow(cells, truth))
    tails = [("本年收入合计", total, "本年支出合计", total), ("使用非财政拨款结余", 0, "结余分配", 0),
             ("年初结转和结余", 0, "年末结转和结余", 0), ("总计", total, "总计", total)]
    for j, (l, lv, r, rv) in enumerate(tails):
        t1.rows.append(PRow([l, str(n + 1 + j), fmt_amount(lv), r, str(32 + n + j), fmt_amount(rv)],
                            [("收入", "", l, "金额", plain(lv)), ("支出", "", r, "金额", plain(rv))]))
    t1.sums = [("本年收入合计", ("收入", "本年收入合计", "金额"), [("收入", squeeze_name(x), "金额") for x, _ in income]),
               ("本年支出合计", ("支出", "本年支出合计", "金额"), [("支出", squeeze_name(x), "金额") for x, _ in expense]),
               ("收入总计", ("收入", "总计", "金额"), [("收入", x, "金额") for x in ("本年收入合计", "使用非财政拨款结余",
                                                                           "年初结转和结余")]),
               ("支出总计", ("支出", "总计", "金额"), [("支出", x, "金额") for x in ("本年支出合计", "结余分配",
                                                                           "年末结转和结余")])]
    header = _h([(0, 0, 1, 2, "项目"), (1, 0, 1, 1, "科目编码"), (1, 1, 1, 1, "科目名称"),
                 (0, 2, 2, 1, "本年支出合计"), (0, 3, 2, 1, "基本支出"), (0, 4, 2, 1, "项目支出"),
                 (2, 0, 1, 2, "栏次"), (2, 2, 1, 1, "1"), (2, 3, 1, 1, "2"), (2, 4, 1, 1, "3")])
    t3 = coded_ptable("expense_summary", "支出决算表", [60, 190, 80, 80, 80], header,
                      ["本年支出合计", "基本支出", "项目支出"],
                      function_rows(b, "all", lambda v, _: [v[0] + v[1] + v[2], v[0] + v[1], v[2]]),
                      no="公开03表", size=7.5, unit="金额单位：万元")
    t3.sums += col_sums([(r.truth[0][1], r.truth[0][2]) for r in t3.rows], "本年支出合计", ["基本支出", "项目支出"])
    header = _h([(0, 0, 1, 1, "序号"), (0, 1, 1, 1, "科目编码"), (0, 2, 1, 1, "科目名称"), (0, 3, 1, 1, "合计"),
                 (0, 4, 1, 1, "人员经费"), (0, 5, 1, 1, "公用经费")])
    t6 = coded_ptable("general_budget_basic_expense_by_economic", "一般公共预算财政拨款基本支出决算表",
                      [30, 50, 170, 80, 80, 80], header, ["合计", "人员经费", "公用经费"],
                      [(c, n, l, [v[0] + v[1], v[0], v[1]]) for c, n, l, v in econ_rows(b)],
                      no="公开05表", size=7.5, lead_cols=1, unit="金额单位：万元")
    for i, r in enumerate(t6.rows[1:]):
        r.cells[0] = str(i + 1)
    t6.sums += col_sums([(r.truth[0][1], r.truth[0][2]) for r in t6.rows], "合计", ["人员经费", "公用经费"])
    return [t1, t3, t6]


# --- panels --------------------------------------------------------------------

ECON_CLASSES = [("301", "工资福利支出"), ("302", "商品和服务支出"), ("303", "对个人和家庭的补助"),
                ("307", "债务利息及费用支出"), ("309", "资本性支出（基本建设）"), ("310", "资本性支出"),
                ("311", "对企业补助（基本建设）"), ("312", "对企业补助"), ("313", "对社会保障基金补助"),
                ("399", "其他支出")]

#: 部门经济分类 → 政府经济分类 (the second code/name pair of a paired table).
GOV_ECON = {
    "301": ("501", "机关工资福利支出"), "30101": ("50101", "工资奖金津补贴"), "30102": ("50101", "工资奖金津补贴"),
    "30103": ("50101", "工资奖金津补贴"), "30107": ("50101", "工资奖金津补贴"),
    "30108": ("50102", "社会保障缴费"), "30109": ("50102", "社会保障缴费"), "30110": ("50102", "社会保障缴费"),
    "30111": ("50102", "社会保障缴费"), "30112": ("50102", "社会保障缴费"), "30113": ("50103", "住房公积金"),
    "30199": ("50199", "其他工资福利支出"),
    "302": ("502", "机关商品和服务支出"), "30215": ("50202", "会议费"), "30216": ("50203", "培训费"),
    "30217": ("50206", "公务接待费"), "30212": ("50205", "因公出国（境）费用"), "30231": ("50208", "公务用车运行维护费"),
    "30213": ("50209", "维修（护）费"), "30226": ("50299", "其他商品和服务支出"), "30299": ("50299", "其他商品和服务支出"),
    "303": ("509", "对个人和家庭的补助"), "30301": ("50905", "离退休费"), "30302": ("50905", "离退休费"),
    "30305": ("50901", "社会福利和救助"), "30307": ("50999", "其他对个人和家庭补助"),
    "310": ("503", "机关资本性支出（一）"), "31002": ("50306", "设备购置"),
}


def pattern_panels(b):
    p, q, gb, gf = dept_totals(b)
    total = p + q + gb + gf
    income = [(f"{cn_ordinal(i + 1)}、{n}", v) for i, (n, v) in enumerate([
        ("一般公共预算拨款收入", p + q + gb), ("政府性基金预算拨款收入", gf), ("国有资本经营预算拨款收入", 0),
        ("财政专户管理资金收入", 0), ("事业收入", 0), ("事业单位经营收入", 0), ("上级补助收入", 0),
        ("附属单位上缴收入", 0), ("其他收入", 0)])]
    by_class = class_amounts(b)
    func = [(f"{cn_ordinal(i + 1)}、{n}", by_class.get(c, 0)) for i, (c, n) in enumerate(CLASSES)]
    econ = {}
    for u in b.units:
        for code, v in u.econ.items():
            econ[code[:3]] = econ.get(code[:3], 0) + v
        for name, _, fund, a in u.projects:   # projects: services, or a grant when a fund pays them
            k = "302" if fund == "gb" else "312"
            econ[k] = econ.get(k, 0) + a
    econ_rows_ = [(f"{cn_ordinal(i + 1)}、{n}", econ.get(c, 0)) for i, (c, n) in enumerate(ECON_CLASSES)]
    assert sum(v for _, v in econ_rows_) == total == sum(v for _, v in func)
    header = _h([(0, 0, 1, 2, "收    入"), (0, 2, 1, 4, "支    出"),
                 (1, 0, 1, 1, "项    目"), (1, 1, 1, 1, "预算数"),
                 (1, 2, 1, 1, "项目（按功能分类）"), (1, 3, 1, 1, "预算数"),
                 (1, 4, 1, 1, "项目（按经济分类）"), (1, 5, 1, 1, "预算数")])
    t = PTable("income_expense_summary", "一、部门收支总表", [150, 62, 150, 62, 150, 62], "lrlrlr", header,
               size=7.5)
    for i in range(len(func)):
        cols = [income[i] if i < len(income) else None, func[i], econ_rows_[i] if i < len(econ_rows_) else None]
        cells, truth = [], []
        for sec, x in zip(("收入", "支出", "支出"), cols):
            cells += [x[0], fmt_amount(x[1])] if x else [None, None]
            truth += [(sec, "", x[0], "预算数", plain(x[1]))] if x else []
        t.rows.append(PRow(cells, truth))
    for l, r, v in [("本年收入合计", "本年支出合计", total), ("上年结转结余", "年终结转结余", 0),
                    ("收 入 总 计", "支 出 总 计", total)]:
        t.rows.append(PRow([l, fmt_amount(v), r, fmt_amount(v), r, fmt_amount(v)],
                           [("收入", "", l, "预算数", plain(v)), ("支出", "", r, "预算数", plain(v)),
                            ("支出", "", r, "预算数", plain(v))]))
    t.sums = [("本年收入合计", ("收入", "本年收入合计", "预算数"), [("收入", x, "预算数") for x, _ in income]),
              ("本年支出合计 (function)", ("支出", "本年支出合计", "预算数"), [("支出", x, "预算数") for x, _ in func]),
              ("本年支出合计 (economic)", ("支出", "本年支出合计", "预算数"),
               [("支出", x, "预算数") for x, _ in econ_rows_]),
              ("收入总计", ("收入", "收入总计", "预算数"), [("收入", "本年收入合计", "预算数"), ("收入", "上年结转结余", "预算数")]),
              ("支出总计", ("支出", "支出总计", "预算数"), [("支出", "本年支出合计", "预算数"), ("支出", "年终结转结余", "预算数")])]
    # one-sided, two code/name pairs a row: the truth keeps the first pair
    header = _h([(0, 0, 1, 2, "部门预算支出经济分类科目"), (0, 2, 1, 2, "政府预算支出经济分类科目"),
                 (0, 4, 1, 3, "本年一般公共预算基本支出"),
                 (1, 0, 1, 1, "科目编码"), (1, 1, 1, 1, "科目名称"), (1, 2, 1, 1, "科目编码"),
                 (1, 3, 1, 1, "科目名称"), (1, 4, 1, 1, "合计"), (1, 5, 1, 1, "人员经费"), (1, 6, 1, 1, "公用经费")])
    leaves = ["合计", "人员经费", "公用经费"]
    tree = [(c, n, l, [v[0] + v[1], v[0], v[1]]) for c, n, l, v in econ_rows(b)]
    t6 = PTable("general_budget_basic_expense_by_economic", "六、一般公共预算基本支出表",
                [50, 150, 50, 150, 75, 75, 75], "llllrrr", header, size=7.5)
    tot = total_of(tree)
    t6.rows.append(PRow(["合计", None, None, None] + [fmt_amount(v) for v in tot],
                        [("", "", "合计", leaf, plain(v)) for leaf, v in zip(leaves, tot)], spans={0: 4}))
    for code, name, level, vals in tree:
        gcode, gname = GOV_ECON.get(code, ("50299", "其他商品和服务支出") if code.startswith("302") else ("", ""))
        t6.rows.append(PRow([code, name, gcode, gname] + [fmt_amount(v) for v in vals],
                            [("", code, name, leaf, plain(v)) for leaf, v in zip(leaves, vals)]))
    t6.sums = tree_sums([(c, n) for c, n, _, _ in tree], leaves)
    t6.sums += col_sums([(r.truth[0][1], r.truth[0][2]) for r in t6.rows], "合计", ["人员经费", "公用经费"])
    return [t, t6]


def econ_totals(b):
    """The department's amount of each economic item, over its units."""
    econ = {}
    for u in b.units:
        for k, v in u.econ.items():
            econ[k] = econ.get(k, 0) + v
    return econ


# --- final-three-public ------------------------------------------------------------

def pattern_final_three_public(b):
    """The national 部门决算 form's 一般公共预算财政拨款“三公”经费支出决算表
    (公开07表): the six 三公 columns printed twice, under 预算数 and under
    决算数, their numbers (栏次 1-12) under the header, one row of amounts;
    a kind with nothing budgeted or spent printed 0.00."""
    econ = econ_totals(b)
    abroad, run, recep = econ.get("30212", 0), econ.get("30231", 0), econ.get("30217", 0)
    budget = [abroad + run + recep, abroad, run, 0, run, recep]
    spent_run, spent_recep = run * 9 // 10, recep * 4 // 5
    spent = [abroad + spent_run + spent_recep, abroad, spent_run, 0, spent_run, spent_recep]
    cells = []
    for g in range(2):
        c = 6 * g
        cells += [(1, c, 2, 1, "合计"), (1, c + 1, 2, 1, "因公出国（境）费"), (1, c + 2, 1, 3, "公务用车购置及运行费"),
                  (2, c + 2, 1, 1, "小计"), (2, c + 3, 1, 1, "公务用车购置费"), (2, c + 4, 1, 1, "公务用车运行费"),
                  (1, c + 5, 2, 1, "公务接待费")]
    header = _h([(0, 0, 1, 6, "预算数"), (0, 6, 1, 6, "决算数")] + cells + [(3, c, 1, 1, str(c + 1)) for c in range(12)])
    t = PTable("three_public_expense", "一般公共预算财政拨款“三公”经费支出决算表", [58] * 12, "r" * 12, header,
               no="公开07表", unit_left=f"部门：{b.dept}", unit="金额单位：万元", size=7.5, name_col=-1)
    leaves = ["合计", "因公出国（境）费", "小计", "公务用车购置费", "公务用车运行费", "公务接待费"]
    t.rows.append(PRow([fmt_amount(v) for v in budget + spent],
                       [("", "", "", leaf, plain(v)) for leaf, v in zip(leaves + leaves, budget + spent)]))
    assert budget[0] == budget[1] + budget[2] + budget[5] and spent[0] == spent[1] + spent[2] + spent[5]
    return [t]


# --- final-panels ----------------------------------------------------------------

#: Items the national 部门决算 form lists under their class whether spent or
#: not (printed blank when nothing was): 307, the rest of 310, 399.
FINAL_ZERO_ITEMS = [("307", "债务利息及费用支出"), ("30701", "国内债务付息"), ("30702", "国外债务付息"),
                    ("31001", "房屋建筑物购建"), ("31003", "专用设备购置"), ("31007", "信息网络及软件购置更新"),
                    ("31099", "其他资本性支出"), ("399", "其他支出"), ("39999", "其他支出")]


def pattern_final_panels(b):
    """The national 部门决算 form's 一般公共预算财政拨款基本支出决算表 (公开05表):
    one list of economic items printed in three panels side by side,
    人员经费 (301, 303) in the first, 公用经费 down the second and on in the
    third (302; then 307, 310, 399), each panel `科目编码 科目名称 决算数`;
    nothing spent prints blank; the last row `人员经费合计` under the first
    panel and `公用经费合计` merged over the other two, its amount under the
    third."""
    tree = [(c, n, l, v[0] + v[1]) for c, n, l, v in econ_rows(b)]
    staff = [r for r in tree if r[0][:3] in ("301", "303")]
    office = [r for r in tree if r[0][:3] not in ("301", "303")]
    for code, name in FINAL_ZERO_ITEMS:
        if not any(c == code for c, _, _, _ in office):
            office.append((code, name, 0 if len(code) == 3 else 1, 0))
    office.sort(key=lambda r: r[0])
    first = [r for r in office if r[0].startswith("302")]
    panels = [staff, first, [r for r in office if not r[0].startswith("302")]]
    header = _h([(0, 0, 1, 3, "人员经费"), (0, 3, 1, 6, "公用经费")] +
                [(1, 3 * k + i, 1, 1, w) for k in range(3) for i, w in enumerate(["科目编码", "科目名称", "决算数"])])
    t = PTable("general_budget_basic_expense_by_economic", "一般公共预算财政拨款基本支出决算表",
               [42, 128, 58] * 3, "llr" * 3, header, no="公开05表", unit_left=f"部门：{b.dept}",
               unit="金额单位：万元", size=7.5, lead=f"第三部分  {b.dept}{b.year}年度部门决算表")
    amount = lambda v: fmt_amount(v) if v else ""
    for i in range(max(len(p) for p in panels)):
        cells, truth = [], []
        for p in panels:
            if i < len(p):
                code, name, _, v = p[i]
                cells += [code, name, amount(v)]
                truth.append(("", code, name, "决算数", plain(v) if v else ""))
            else:
                cells += [None, None, None]
        t.rows.append(PRow(cells, truth))
    staff_total = sum(v for c, _, _, v in staff if len(c) == 3)
    office_total = sum(v for c, _, _, v in office if len(c) == 3)
    t.rows.append(PRow(["人员经费合计", None, fmt_amount(staff_total), "公用经费合计", None, None, None, None,
                        fmt_amount(office_total)],
                       [("", "", "人员经费合计", "决算数", plain(staff_total)),
                        ("", "", "公用经费合计", "决算数", plain(office_total))], spans={0: 2, 3: 5}))
    rows = [(c, n) for c, n, _, _ in staff + office]
    t.sums = tree_sums(rows, ["决算数"], total=None)
    t.sums += [("人员经费合计", ("", "人员经费合计", "决算数"),
                [("", c, "决算数") for c, _, _, _ in staff if len(c) == 3]),
               ("公用经费合计", ("", "公用经费合计", "决算数"),
                [("", c, "决算数") for c, _, _, _ in office if len(c) == 3])]
    return [t]


# --- final-fiscal ----------------------------------------------------------------

def pattern_final_fiscal(b):
    """The national 部门决算 form's 财政拨款收入支出决算总表 (公开04表): two-sided
    with a 行次 column on each side and a `栏次` row; the 支出 side prints
    four amount columns (合计 and each fund: 一般公共预算财政拨款, 政府性基金
    预算财政拨款, 国有资本经营预算财政拨款), a fund that paid nothing printed
    blank; the income side lists the funds, then rows numbered but empty.
    Then its 三公 table (see pattern_final_three_public)."""
    gb_leaves, gf_leaves = leaf_values(b, "gb"), leaf_values(b, "gf")
    by_fund = {}
    for k, leaves in ((0, gb_leaves), (1, gf_leaves)):
        for leaf, v in leaves.items():
            by_fund.setdefault(leaf[:3], [0, 0])[k] += sum(v)
    p, q, gb, gf = dept_totals(b)
    gbt = p + q + gb
    total = gbt + gf
    assert sum(v[0] for v in by_fund.values()) == gbt and sum(v[1] for v in by_fund.values()) == gf
    funds = ["一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"]
    header = _h([(0, 0, 1, 3, "收入"), (0, 3, 1, 6, "支出"),
                 (1, 0, 1, 1, "项目"), (1, 1, 1, 1, "行次"), (1, 2, 1, 1, "金额"),
                 (1, 3, 1, 1, "项目"), (1, 4, 1, 1, "行次"), (1, 5, 1, 1, "合计")] +
                [(1, 6 + i, 1, 1, f) for i, f in enumerate(funds)] +
                [(2, 0, 1, 1, "栏次"), (2, 1, 1, 1, ""), (2, 2, 1, 1, "1"), (2, 3, 1, 1, "栏次"), (2, 4, 1, 1, "")] +
                [(2, 5 + i, 1, 1, str(2 + i)) for i in range(4)])
    t = PTable("fiscal_income_expense_summary", "财政拨款收入支出决算总表", [150, 26, 62, 150, 26, 62, 62, 62, 62],
               "lcrlcrrrr", header, no="公开04表", unit_left=f"部门：{b.dept}", unit="金额单位：万元", size=7.5,
               lead=f"第三部分  {b.dept}{b.year}年度部门决算表")
    income = [("一、一般公共预算财政拨款", gbt), ("二、政府性基金预算财政拨款", gf), ("三、国有资本经营预算财政拨款", 0)]
    expense = [(f"{cn_ordinal(i + 1)}、{n}", by_fund.get(c, [0, 0])) for i, (c, n) in enumerate(CLASSES)]
    blank = lambda v: fmt_amount(v) if v else ""
    n = len(expense)
    for i in range(n):
        inc = income[i] if i < len(income) else None
        name, (a, f) = expense[i]
        cells = [inc[0] if inc else None, str(i + 1), fmt_amount(inc[1]) if inc else None,
                 name, str(n + 1 + i), fmt_amount(a + f), blank(a), blank(f), ""]
        truth = ([("收入", "", inc[0], "金额", plain(inc[1]))] if inc else [])
        truth += [("支出", "", name, "合计", plain(a + f)), ("支出", "", name, funds[0], plain(a) if a else ""),
                  ("支出", "", name, funds[1], plain(f) if f else ""), ("支出", "", name, funds[2], "")]
        t.rows.append(PRow(cells, truth))
    tails = [("本年收入合计", total, "本年支出合计", (gbt, gf)),
             ("年初财政拨款结转和结余", 0, "年末财政拨款结转和结余", (0, 0)),
             ("总计", total, "总计", (gbt, gf))]
    for j, (l, lv, r, (a, f)) in enumerate(tails):
        cells = [l, str(2 * n + 1 + 2 * j), fmt_amount(lv), r, str(2 * n + 2 + 2 * j), fmt_amount(a + f), blank(a),
                 blank(f), ""]
        truth = [("收入", "", l, "金额", plain(lv)), ("支出", "", r, "合计", plain(a + f)),
                 ("支出", "", r, funds[0], plain(a) if a else ""), ("支出", "", r, funds[1], plain(f) if f else ""),
                 ("支出", "", r, funds[2], "")]
        t.rows.append(PRow(cells, truth))
    names = [x for x, _ in expense]
    t.sums = [("本年收入合计", ("收入", "本年收入合计", "金额"), [("收入", squeeze_name(x), "金额") for x, _ in income])]
    for leaf in ["合计"] + funds[:2]:
        t.sums.append((f"本年支出合计 {leaf}", ("支出", "本年支出合计", leaf), [("支出", squeeze_name(x), leaf) for x in names]))
    t.sums += col_sums([("", squeeze_name(x)) for x in names + ["本年支出合计"]], "合计", funds[:2], sec="支出")
    return [t] + pattern_final_three_public(b)


# --- final-accounts ----------------------------------------------------------------

def _coded_final(key, title, no, b, leaves, tree, cols, widths):
    """A 决算 table of the national form by function: `项目` over `科目编码 科目名称`
    beside the amount columns `cols` (each a list of header rows' words, a
    group heading over its leaves), their numbers under them (`栏次`), the
    合计 row first; nothing printed where nothing was."""
    depth = 2    # 项目 over 科目编码 科目名称; a group heading over its leaves
    head = [(0, 0, 1, 2, "项目"), (1, 0, 1, 1, "科目编码"), (1, 1, 1, 1, "科目名称")]
    col, groups = 2, {}
    for words in cols:
        if len(words) == 1:
            head.append((0, col, depth, 1, words[0]))
        else:
            groups.setdefault(words[0], []).append(col)
            head.append((1, col, depth - 1, 1, words[1]))
        col += 1
    for g, at in groups.items():
        head.append((0, at[0], 1, len(at), g))
    head += [(depth, 0, 1, 2, "栏次")] + [(depth, 2 + i, 1, 1, str(i + 1)) for i in range(len(cols))]
    t = PTable(key, title, widths, "ll" + "r" * len(cols), _h(head), no=no, unit_left=f"部门：{b.dept}",
               unit="金额单位：万元", size=7.5)
    blank = lambda v: fmt_amount(v) if v else ""
    tot = total_of(tree)
    t.rows.append(PRow(["合计", None] + [blank(v) for v in tot],
                       [("", "", "合计", leaf, plain(v) if v else "") for leaf, v in zip(leaves, tot)], spans={0: 2}))
    for code, name, level, vals in tree:
        t.rows.append(PRow([code, name] + [blank(v) for v in vals],
                           [("", code, name, leaf, plain(v) if v else "") for leaf, v in zip(leaves, vals)],
                           indent=level))
    t.sums = tree_sums([(c, n) for c, n, _, _ in tree], leaves)
    return t


def pattern_final_accounts(b):
    """The national 部门决算 form's tables by function, each with its column
    numbers (`栏次`) under the header and nothing printed where nothing was:
    收入支出决算总表 (公开01表: two-sided, 行次 on each side, the income side
    listing the eight sources whether received or not), 收入决算表 (公开02表:
    本年收入合计 and the six sources), 支出决算表 (公开03表: 本年支出合计 and its
    five uses), 一般公共预算财政拨款支出决算表 (公开05表: 本年支出 split as 小计 /
    基本支出 / 项目支出), and 政府性基金预算财政拨款收入支出决算表 (公开08表: 年初结转和结余,
    本年收入, 本年支出 split as 小计 / 基本支出 / 项目支出, 年末结转和结余)."""
    all_leaves = {leaf: v for leaf, v in leaf_values(b, "all").items()}
    # 事业收入: a tenth of what the institutions' running leaf spent, the rest 财政拨款.
    service_leaf = max((leaf for leaf in all_leaves if leaf.startswith("20810")), key=lambda l: sum(all_leaves[l]))
    service = sum(all_leaves[service_leaf]) // 10
    income = {leaf: [sum(v), sum(v) - (service if leaf == service_leaf else 0), 0,
                     service if leaf == service_leaf else 0, 0, 0, 0] for leaf, v in all_leaves.items()}
    expense = {leaf: [sum(v), v[0] + v[1], v[2], 0, 0, 0] for leaf, v in all_leaves.items()}
    # 政府性基金: the fund's projects, and part of the year's grant kept for the next.
    kept = 12_00
    fund = {leaf: [0, v[2] + kept, v[2], 0, v[2], kept] for leaf, v in leaf_values(b, "gf").items()}
    kept_leaf = min(fund)
    income[kept_leaf][0] += kept
    income[kept_leaf][1] += kept
    income_cols = [["本年收入合计"], ["财政拨款收入"], ["上级补助收入"], ["事业收入"], ["经营收入"], ["附属单位上缴收入"],
                   ["其他收入"]]
    expense_cols = [["本年支出合计"], ["基本支出"], ["项目支出"], ["上缴上级支出"], ["经营支出"], ["对附属单位补助支出"]]
    fund_cols = [["年初结转和结余"], ["本年收入"], ["本年支出", "小计"], ["本年支出", "基本支出"], ["本年支出", "项目支出"],
                 ["年末结转和结余"]]
    leaf_names = lambda cols: [c[-1] for c in cols]
    t2 = _coded_final("income_summary", "收入决算表", "公开02表", b, leaf_names(income_cols),
                      code_tree(income, FUNC), income_cols, [52, 150] + [62] * 7)
    t2.sums += col_sums([("", "合计")] + [(c, n) for c, n, _, _ in code_tree(income, FUNC)], "本年收入合计",
                        leaf_names(income_cols)[1:])
    t3 = _coded_final("expense_summary", "支出决算表", "公开03表", b, leaf_names(expense_cols),
                      code_tree(expense, FUNC), expense_cols, [52, 150] + [66] * 6)
    t3.sums += col_sums([("", "合计")] + [(c, n) for c, n, _, _ in code_tree(expense, FUNC)], "本年支出合计",
                        ["基本支出", "项目支出"])
    general = {leaf: [v[0] + v[1] + v[2], v[0] + v[1], v[2]] for leaf, v in leaf_values(b, "gb").items()}
    general_cols = [["本年支出", "小计"], ["本年支出", "基本支出"], ["本年支出", "项目支出"]]
    t5 = _coded_final("general_budget_expense_by_function", "一般公共预算财政拨款支出决算表", "公开05表", b,
                      leaf_names(general_cols), code_tree(general, FUNC), general_cols, [52, 200] + [80] * 3)
    t5.sums += col_sums([("", "合计")] + [(c, n) for c, n, _, _ in code_tree(general, FUNC)], "小计",
                        ["基本支出", "项目支出"])
    t8 = _coded_final("government_fund_expense", "政府性基金预算财政拨款收入支出决算表", "公开08表", b,
                      leaf_names(fund_cols), code_tree(fund, FUNC), fund_cols, [52, 170] + [66] * 6)
    t8.sums += col_sums([("", "合计")] + [(c, n) for c, n, _, _ in code_tree(fund, FUNC)], "小计",
                        ["基本支出", "项目支出"])
    return [final_summary(b, income, expense, kept)] + [t2, t3, t5, t8]


def final_summary(b, income, expense, kept):
    """收入支出决算总表 (公开01表): 收入 and 支出, each `项目 行次 金额`, the
    栏次 row under them; the eight sources numbered 1-8 whether received or
    not, the classes of spending after them, the totals numbered on."""
    sources = ["一般公共预算财政拨款收入", "政府性基金预算财政拨款收入", "国有资本经营预算财政拨款收入", "上级补助收入",
               "事业收入", "经营收入", "附属单位上缴收入", "其他收入"]
    gf = sum(v[2] for v in leaf_values(b, "gf").values())
    total_in = sum(v[0] for v in income.values())
    service = sum(v[3] for v in income.values())
    got = [total_in - service - gf - kept, gf + kept, 0, 0, service, 0, 0, 0]
    by_class = {}
    for leaf, v in expense.items():
        by_class[leaf[:3]] = by_class.get(leaf[:3], 0) + v[0]
    spent = [(f"{cn_ordinal(i + 1)}、{n}", by_class.get(c, 0)) for i, (c, n) in enumerate(CLASSES)]
    header = FINAL_SUMMARY_HEADER
    t = PTable("income_expense_summary", "收入支出决算总表", [190, 30, 72, 190, 30, 72], "lcrlcr", header,
               no="公开01表", unit_left=f"部门：{b.dept}", unit="金额单位：万元", size=7.5,
               lead=f"第三部分  {b.dept}{b.year}年度部门决算表")
    blank = lambda v: fmt_amount(v) if v else ""
    n = max(len(sources), len(spent))
    for i in range(n):
        cells, truth = [], []
        if i < len(sources):
            name = f"{cn_ordinal(i + 1)}、{sources[i]}"
            cells += [name, str(i + 1), blank(got[i])]
            truth.append(("收入", "", name, "金额", plain(got[i]) if got[i] else ""))
        else:
            cells += ["", str(i + 1), ""]
        name, v = spent[i]
        cells += [name, str(n + 1 + i), blank(v)]
        truth.append(("支出", "", name, "金额", plain(v) if v else ""))
        t.rows.append(PRow(cells, truth))
    total_out = sum(v for _, v in spent)
    tails = [("本年收入合计", total_in, "本年支出合计", total_out), ("使用非财政拨款结余", 0, "结余分配", 0),
             ("年初结转和结余", 0, "年末结转和结余", kept), ("总计", total_in, "总计", total_in)]
    for j, (l, lv, r, rv) in enumerate(tails):
        t.rows.append(PRow([l, str(2 * n + 1 + j), blank(lv), r, str(2 * n + 1 + len(tails) + j), blank(rv)],
                           [("收入", "", l, "金额", plain(lv) if lv else ""),
                            ("支出", "", r, "金额", plain(rv) if rv else "")]))
    assert total_in == total_out + kept
    t.sums = [("本年收入合计", ("收入", "本年收入合计", "金额"),
               [("收入", squeeze_name(f"{cn_ordinal(i + 1)}、{s}"), "金额") for i, s in enumerate(sources)]),
              ("本年支出合计", ("支出", "本年支出合计", "金额"), [("支出", squeeze_name(x), "金额") for x, _ in spent])]
    return t


# --- overflow-labels -----------------------------------------------------------

WEATHER_UNITS = [("331001", "云湖区气象局本级"), ("331002", "云湖区人工影响天气服务保障中心"),
                 ("331003", "云湖区气象灾害防御技术中心"), ("331004", "云湖区农业气象与生态遥感服务中心"),
                 ("331005", "云湖区气象信息网络与技术保障中心")]
WEATHER_PROJECTS = {
    "331001": ["气象现代化建设专项经费", "突发事件预警信息发布系统运行维护经费"],
    "331002": ["人工影响天气作业点标准化建设及弹药储运经费", "人工增雨（雪）作业经费"],
    "331003": ["气象灾害风险普查及区划编制经费"],
    "331004": ["农业气象观测站网运行维护及遥感监测服务经费"],
    "331005": ["气象数据中心及网络安全运维经费"],
}


def pattern_overflow_labels(b):
    rng = random.Random(202514)
    sz = 9.0
    units = []
    for code, name in WEATHER_UNITS:
        person, public = rng.randint(100_000_000, 300_000_000), rng.randint(20_000_000, 60_000_000)
        projects = [(pn, rng.randint(10_000_000, 90_000_000)) for pn in WEATHER_PROJECTS[code]]
        units.append((code, name, person, public, projects))
    # unruled: 单位名称 printed on one line, the longest names running into 合计
    w10 = pdfmetrics.stringWidth("1839311.66", FONT, sz)
    wa = pdfmetrics.stringWidth("18393110.66", FONT, sz) + 4
    wn = 2 + 15 * sz - wa + 2 + w10     # a 15-character name ends where a 10-character 合计 begins
    header = _h([(0, 0, 2, 1, "单位编码"), (0, 1, 2, 1, "单位名称"), (0, 2, 2, 1, "合计"),
                 (0, 3, 1, 3, "基本支出"), (1, 3, 1, 1, "小计"), (1, 4, 1, 1, "人员经费"),
                 (1, 5, 1, 1, "公用经费"), (0, 6, 2, 1, "项目支出")])
    leaves = ["合计", "小计", "人员经费", "公用经费", "项目支出"]
    t = PTable("general_budget_expense_by_unit", "五、一般公共预算支出表（分单位）",
               [50, wn, wa, 70, 70, 70, 70], "llrrrrr", header, rules="none", size=sz, overflow=(1,),
               unit="单位：元")

    def vals(p_, q_, pr):
        return [p_ + q_ + pr, p_ + q_, p_, q_, pr]

    rows = [(c, n, vals(p_, q_, sum(a for _, a in pr))) for c, n, p_, q_, pr in units]
    tot = [sum(x) for x in zip(*[v for _, _, v in rows])]
    dept = ("331", "云湖区气象局")
    for code, name, v in [("", "合计", tot), (dept[0], dept[1], tot)] + rows:
        t.rows.append(PRow([code, name] + [plain(x) for x in v],
                           [("", code, name, leaf, plain(x)) for leaf, x in zip(leaves, v)]))
    t.sums = [("合计 = 部门", ("", "合计", l), [("", "331", l)]) for l in leaves]
    t.sums += [("部门 = Σ单位", ("", "331", l), [("", c, l) for c, _ in WEATHER_UNITS]) for l in leaves]
    labels = [("", "合计"), dept] + [(c, n) for c, n, _ in rows]
    t.sums += col_sums(labels, "合计", ["小计", "项目支出"]) + col_sums(labels, "小计", ["人员经费", "公用经费"])
    # ruled: project names cross the rule into 合计
    header = _h([(0, 0, 2, 1, "项目名称"), (0, 1, 2, 1, "合计"), (0, 2, 1, 2, "本年拨款"),
                 (1, 2, 1, 1, "一般公共预算"), (1, 3, 1, 1, "政府性基金预算")])
    pleaves = ["合计", "一般公共预算", "政府性基金预算"]
    p = PTable("project_expense", "十、项目支出情况表", [19 * sz + 2 + 8, wa, 80, 80], "lrrr", header,
               rules="strokes", size=sz, overflow=(0,), name_col=0, indent=4, unit="单位：元")
    allp = sum(a for *_, pr in units for _, a in pr)
    ptrow = [("合计", [allp, allp, 0], 0), (dept[1], [allp, allp, 0], 0)]
    for code, name, _, _, pr in units:
        s_ = sum(a for _, a in pr)
        ptrow.append((name, [s_, s_, 0], 1))
        ptrow += [(pn, [a, a, 0], 2) for pn, a in pr]
    for name, v, level in ptrow:
        p.rows.append(PRow([name] + [plain(x) for x in v], [("", "", name, l, plain(x)) for l, x in zip(pleaves, v)],
                           indent=level))
    p.sums = [("合计 = 部门", ("", "合计", l), [("", dept[1], l)]) for l in pleaves]
    p.sums += [("部门 = Σ单位", ("", dept[1], l), [("", n, l) for _, n in WEATHER_UNITS]) for l in pleaves]
    for code, name, _, _, pr in units:
        p.sums += [(f"{name} = Σ项目", ("", name, l), [("", pn, l) for pn, _ in pr]) for l in pleaves]
    p.sums += col_sums([("", n) for n, _, _ in ptrow], "合计", ["一般公共预算", "政府性基金预算"])
    return [t, p]


# --- header-labels ---------------------------------------------------------------

def pattern_header_labels(b):
    label = f"预算单位：{b.dept}"
    header = _h([(0, 0, 1, 2, label), (0, 2, 1, 1, ""), (0, 3, 1, 2, "单位：万元"),
                 (1, 0, 1, 1, "科目编码"), (1, 1, 1, 1, "科目名称"), (1, 2, 1, 1, "合计"),
                 (1, 3, 1, 1, "基本支出"), (1, 4, 1, 1, "项目支出")])
    header[0].align, header[2].align = "l", "r"
    a = coded_ptable("expense_summary", "三、部门支出总表", [60, 190, 80, 80, 80], header,
                     ["合计", "基本支出", "项目支出"],
                     function_rows(b, "all", lambda v, _: [v[0] + v[1] + v[2], v[0] + v[1], v[2]]),
                     unit="", size=7.5)
    a.sums += col_sums([(r.truth[0][1], r.truth[0][2]) for r in a.rows], "合计", ["基本支出", "项目支出"])
    header = _h([(0, 0, 1, 2, label), (0, 2, 1, 5, "单位：万元"),
                 (1, 0, 2, 1, "科目编码"), (1, 1, 2, 1, "科目名称"), (1, 2, 2, 1, "合计"),
                 (1, 3, 1, 3, "基本支出"), (2, 3, 1, 1, "小计"), (2, 4, 1, 1, "人员经费"),
                 (2, 5, 1, 1, "公用经费"), (1, 6, 2, 1, "项目支出")])
    header[0].align, header[1].align = "l", "r"
    leaves = ["合计", "小计", "人员经费", "公用经费", "项目支出"]
    f = coded_ptable("general_budget_expense_by_function", "表5-1.一般公共预算支出表（分功能科目）",
                     [50, 150, 63, 63, 63, 63, 63], header, leaves,
                     function_rows(b, "gb", lambda v, _: [v[0] + v[1] + v[2], v[0] + v[1], v[0], v[1], v[2]]),
                     unit="", size=7.5)
    rows = [(r.truth[0][1], r.truth[0][2]) for r in f.rows]
    f.sums += col_sums(rows, "合计", ["小计", "项目支出"]) + col_sums(rows, "小计", ["人员经费", "公用经费"])
    econ = econ_totals(b)
    abroad, run, recep = econ.get("30212", 0), econ.get("30231", 0), econ.get("30217", 0)
    vals = [abroad + run + recep, abroad, run, 0, run, recep]
    header = _h([(0, 0, 1, 3, label), (0, 3, 1, 3, "单位：万元"),
                 (1, 0, 2, 1, "“三公”经费合计"), (1, 1, 2, 1, "因公出国（境）费"),
                 (1, 2, 1, 3, "公务用车购置及运行费"), (2, 2, 1, 1, "小计"),
                 (2, 3, 1, 1, "公务用车购置费"), (2, 4, 1, 1, "公务用车运行费"), (1, 5, 2, 1, "公务接待费")])
    header[0].align, header[1].align = "l", "r"
    s = PTable("three_public_expense", "七、一般公共预算“三公”经费支出表", [80] * 6, "rrrrrr", header, unit="",
               size=7.5, name_col=-1)
    s.rows.append(PRow([fmt_amount(v) for v in vals],
                       [("", "", "", leaf, plain(v)) for leaf, v in zip(THREE_PUBLIC_LEAVES, vals)]))
    s.sums = [("三公合计", ("", "", "“三公”经费合计"),
               [("", "", "因公出国（境）费"), ("", "", "小计"), ("", "", "公务接待费")]),
              ("小计", ("", "", "小计"), [("", "", "公务用车购置费"), ("", "", "公务用车运行费")])]
    return [a, f, s]


# --- non-additive ------------------------------------------------------------------

CAPITAL_PROJECTS = ("殡葬改革专项经费",)   # 基建 projects: left out of 扣除基建项目后预算数


def pattern_non_additive(b):
    rng = random.Random(202516)
    capital = {}
    for u in b.units:
        for name, leaf, fund, a in u.projects:
            if name in CAPITAL_PROJECTS:
                capital[leaf] = capital.get(leaf, 0) + a
    buy = {leaf: (v[1] + v[2]) * rng.randint(5, 40) // 100 for leaf, v in leaf_values(b, "all").items()}
    # 部门支出总表 with a 政府采购预算 column (part of 合计's money, not a term of it)
    t3 = coded_ptable("expense_summary", "三、部门支出总表", [55, 170, 65, 65, 65, 65],
                      SIMPLE_EXPENSE_HEADER[:] + [HCell(0, 5, 1, 1, "政府采购预算")],
                      ["合计", "基本支出", "项目支出", "政府采购预算"],
                      function_rows(b, "all", lambda v, leaf: [v[0] + v[1] + v[2], v[0] + v[1], v[2], buy[leaf]]),
                      size=7.5)
    t3.sums += col_sums([(r.truth[0][1], r.truth[0][2]) for r in t3.rows], "合计", ["基本支出", "项目支出"])
    # 5-1 with the derived column 扣除基建项目后预算数 = 合计 − 基建
    leaves = ["合计", "基本支出", "项目支出", "扣除基建项目后预算数"]
    t5 = coded_ptable("general_budget_expense_by_function", "五、一般公共预算支出表",
                      [55, 170, 65, 65, 65, 75], SIMPLE_EXPENSE_HEADER[:] + [HCell(0, 5, 1, 1, leaves[3])], leaves,
                      function_rows(b, "gb", lambda v, leaf: [v[0] + v[1] + v[2], v[0] + v[1], v[2],
                                                              v[0] + v[1] + v[2] - capital.get(leaf, 0)]),
                      size=7.5)
    t5.sums += col_sums([(r.truth[0][1], r.truth[0][2]) for r in t5.rows], "合计", ["基本支出", "项目支出"])
    # 财政拨款支出预算表 with 其中：基本支出 beside 小计
    header = _h([(0, 0, 2, 1, "科目编码"), (0, 1, 2, 1, "科目名称"), (0, 2, 2, 1, "合计"),
                 (0, 3, 1, 2, "一般公共预算拨款"), (1, 3, 1, 1, "小计"), (1, 4, 1, 1, "其中：基本支出"),
                 (0, 5, 2, 1, "政府性基金预算拨款")])
    gbv = leaf_values(b, "gb")
    allv = leaf_values(b, "all")

    def fiscal(v, leaf):
        g = gbv.get(leaf, [0, 0, 0])
        return [v[0] + v[1] + v[2], sum(g), g[0] + g[1], sum(v) - sum(g)]

    leaves = ["合计", "小计", "其中：基本支出", "政府性基金预算拨款"]
    tf = coded_ptable("fiscal_expense_by_function", "财政拨款支出预算表（功能科目）", [55, 170, 65, 65, 65, 75],
                      header, leaves, code_tree({k: fiscal(v, k) for k, v in allv.items()}, FUNC), size=7.5)
    tf.sums += col_sums([(r.truth[0][1], r.truth[0][2]) for r in tf.rows], "合计", ["小计", "政府性基金预算拨款"])
    # 三公 with 会议费 and 培训费 beside
    econ = econ_totals(b)
    abroad, run, recep = econ.get("30212", 0), econ.get("30231", 0), econ.get("30217", 0)
    vals = [abroad + run + recep, abroad, run, 0, run, recep, econ.get("30215", 0), econ.get("30216", 0)]
    leaves3 = THREE_PUBLIC_LEAVES + ["会议费", "培训费"]
    header = _h([(0, 0, 2, 1, "“三公”经费合计"), (0, 1, 2, 1, "因公出国（境）费"),
                 (0, 2, 1, 3, "公务用车购置及运行费"), (1, 2, 1, 1, "小计"),
                 (1, 3, 1, 1, "公务用车购置费"), (1, 4, 1, 1, "公务用车运行费"), (0, 5, 2, 1, "公务接待费"),
                 (0, 6, 2, 1, "会议费"), (0, 7, 2, 1, "培训费")])
    t7 = PTable("three_public_expense", "七、一般公共预算“三公”经费支出表", [62] * 8, "r" * 8, header, size=7.5,
                name_col=-1)
    t7.rows.append(PRow([fmt_amount(v) for v in vals], [("", "", "", l, plain(v)) for l, v in zip(leaves3, vals)]))
    t7.sums = [("三公合计", ("", "", "“三公”经费合计"),
                [("", "", "因公出国（境）费"), ("", "", "小计"), ("", "", "公务接待费")]),
               ("小计", ("", "", "小计"), [("", "", "公务用车购置费"), ("", "", "公务用车运行费")])]
    # 基本支出 by economic class, no codes: levels by ordinals and indentation, 合计 first,
    # a 其中 row under 津贴补贴
    tree = econ_rows(b)
    leaves6 = ["合计", "人员经费", "公用经费"]
    header = _h([(0, 0, 1, 1, "项    目"), (0, 1, 1, 1, "合计"), (0, 2, 1, 1, "人员经费"), (0, 3, 1, 1, "公用经费")])
    t6 = PTable("general_budget_basic_expense_by_economic", "六、一般公共预算基本支出表", [220, 80, 80, 80], "lrrr",
                header, size=7.5, name_col=0, indent=10)
    tot = [0, 0, 0]
    named, n1, n2 = [], 0, 0
    for code, name, level, v in tree:
        vals = [v[0] + v[1], v[0], v[1]]
        if level == 0:
            n1, n2 = n1 + 1, 0
            label = f"{cn_ordinal(n1)}、{name}"
            tot = [a + c for a, c in zip(tot, vals)]
        else:
            n2 += 1
            label = f"（{cn_ordinal(n2)}）{name}"
        named.append((code, label, level, vals))
        if code == "30102":
            share = rng.randint(40, 70)
            part = [x * share // 100 for x in vals]
            named.append(("", "其中：规范津贴补贴", 2, part))
    t6.rows.append(PRow(["合计"] + [fmt_amount(v) for v in tot], [("", "", "合计", l, plain(v))
                                                                   for l, v in zip(leaves6, tot)]))
    for code, label, level, vals in named:
        t6.rows.append(PRow([label] + [fmt_amount(v) for v in vals],
                            [("", "", label, l, plain(v)) for l, v in zip(leaves6, vals)], indent=level))
    tops = [r for r in named if r[2] == 0]
    for lf in leaves6:
        t6.sums.append((f"合计 {lf}", ("", "合计", lf), [("", squeeze_name(x[1]), lf) for x in tops]))
        for code, label, level, _ in tops:
            kids = [x for x in named if x[0].startswith(code) and x[2] == 1]
            t6.sums.append((f"{label} {lf}", ("", squeeze_name(label), lf), [("", squeeze_name(x[1]), lf) for x in kids]))
    t6.sums += col_sums([("", x[1]) for x in named] + [("", "合计")], "合计", ["人员经费", "公用经费"])
    return [t3, t5, tf, t7, t6]

# --- performance targets (issue 14) -------------------------------------------------
#
# Indicator tables drawn cell by cell: merged cells over rows (PRow.vspans),
# each indicator row beside its truth row [table_key, goal, level1, level2,
# level3, value, basis]. The value of a row whose value is split over
# columns is what a reader says: the comparison sign (≥, ≤; not = or 定性),
# the figure, and the unit after a figure ending in a digit.

def run_length(items, k):
    """How many items from k on equal items[k] (the rows a merged level cell spans)."""
    n = 1
    while k + n < len(items) and items[k + n] == items[k]:
        n += 1
    return n


def said_value(direction, target, unit):
    sign = direction if direction in ("≥", "≤", ">", "<") else ""
    return sign + target + (unit if target[-1:].isdigit() else "")


# (project, 项目总额, 财政资金, 其他资金, 绩效目标, [(一级, 二级, 三级, 性质, 指标值, 单位)])
BEIJING_PROJECTS = [
    ("城乡低保对象救助经费", "1,286.420000", "1,286.420000", "0.000000", "保障城乡低保对象基本生活", [
        ("产出指标", "数量指标", "低保对象救助人次", "≥", "12.5", "万件"),
        ("产出指标", "质量指标", "救助资金发放准确率", "=", "100", "%"),
        ("产出指标", "时效指标", "救助申请办结时限", "≤", "72", "小时"),
        ("效益指标", "社会效益指标", "困难群众基本生活保障水平", "定性", "有效保障", ""),
        ("满意度指标", "服务对象满意度指标", "救助对象满意度", "≥", "95", "%"),
    ]),
    ("养老服务驿站运营补贴", "436.180000", "400.000000", "36.180000", "支持社区养老服务驿站运营", [
        ("产出指标", "数量指标", "补贴驿站数量", "＝", "48", "个"),
        ("产出指标", "质量指标", "驿站服务规范达标率", "≥", "90", "%"),
        ("成本指标", "经济成本指标", "项目总成本", "≤", "436.18", "万元"),
        ("效益指标", "社会效益指标", "老年人就近养老服务水平", "定性", "优良中低差", ""),
        ("满意度指标", "服务对象满意度指标", "老年人满意度", "≥", "90", "%"),
    ]),
]


def beijing_target_table(key, title, projects, split):
    """The Beijing 项目支出绩效目标表: the projects in one table, each named
    in a merged first cell with its funds and goal beside it; 一级指标
    merged over its rows; the value split over 绩效指标性质 | 本年绩效指标值 |
    绩效度量单位 (`split`), or printed in one 指标值 column beside
    指标值确定依据."""
    if split:
        widths = [78, 62, 62, 52, 92, 48, 62, 120, 40, 62, 42]
        tail = [(0, 8, 2, 1, "绩效指标性质"), (0, 9, 2, 1, "本年绩效指标值"), (0, 10, 2, 1, "绩效度量单位")]
    else:
        widths = [78, 62, 62, 52, 92, 48, 62, 120, 72, 92]
        tail = [(0, 8, 2, 1, "指标值"), (0, 9, 2, 1, "指标值确定依据")]
    header = _h([(0, 0, 2, 1, "项目名称"), (0, 1, 2, 1, "项目总额"), (0, 2, 1, 2, "其中："),
                 (1, 2, 1, 1, "财政资金"), (1, 3, 1, 1, "其他资金"), (0, 4, 2, 1, "绩效目标"),
                 (0, 5, 2, 1, "一级指标"), (0, 6, 2, 1, "二级指标"), (0, 7, 2, 1, "三级指标")] + tail)
    t = PTable(key, title, widths, "lrrrllllcrc" if split else "lrrrllllll", header, unit="单位：万元",
               size=7.5, name_col=0, cont=(("header",),))
    for name, total, fiscal, other, goal, inds in projects:
        first = True
        levels = [i[0] for i in inds]
        for k, (l1, l2, l3, direction, target, unit) in enumerate(inds):
            lead = [name, total, fiscal, other, goal] if first else [None] * 5
            runs = {}
            if k == 0 or levels[k - 1] != l1:
                runs[5] = run_length(levels, k)
                l1_cell = l1
            else:
                l1_cell = None
            if split:
                cells = lead + [l1_cell, l2, l3, direction, target, unit]
                value, basis = said_value(direction, target, unit), ""
            else:
                value, basis = said_value(direction, target, unit), "年度工作计划"
                cells = lead + [l1_cell, l2, l3, value, basis]
            vspans = dict(runs)
            if first:
                vspans.update({c: len(inds) for c in range(5)})
            t.rows.append(PRow(cells, [], vspans=vspans))
            t.indicators.append([key, "", l1, l2, l3, value, basis])
            first = False
    return t


def pattern_split_values(b):
    return [beijing_target_table("project_performance_targets", "预算11表 项目支出绩效目标表",
                                 BEIJING_PROJECTS, split=True)]


MANY_PROJECTS = BEIJING_PROJECTS + [
    ("社区服务设施维护经费", "215.600000", "215.600000", "0.000000", "维护社区服务设施正常使用", [
        ("产出指标", "数量指标", "维护社区服务站数量", "≥", "36", "个"),
        ("产出指标", "质量指标", "设施完好率", "≥", "95", "%"),
        ("产出指标", "时效指标", "报修响应时间", "≤", "24", "小时"),
        ("成本指标", "经济成本指标", "单站年均维护成本", "≤", "6", "万元"),
        ("效益指标", "社会效益指标", "社区服务功能持续发挥", "", "持续发挥", ""),
        ("效益指标", "可持续影响指标", "设施使用年限延长", "≥", "3", "年"),
        ("满意度指标", "服务对象满意度指标", "居民满意度", "≥", "92", "%"),
    ]),
    ("婚姻登记服务经费", "88.300000", "88.300000", "0.000000", "保障婚姻登记窗口规范运行", [
        ("产出指标", "数量指标", "婚姻登记办理量", "≥", "1.2", "万件"),
        ("产出指标", "质量指标", "登记差错率", "≤", "0.1", "%"),
        ("产出指标", "时效指标", "单件办理时长", "≤", "0.5", "小时"),
        ("效益指标", "社会效益指标", "婚姻登记服务便利度", "定性", "明显提升", ""),
        ("满意度指标", "服务对象满意度指标", "办事群众满意度", "≥", "98", "%"),
    ]),
    ("殡葬改革专项经费", "160.000000", "120.000000", "40.000000", "推进节地生态安葬", [
        ("产出指标", "数量指标", "生态安葬补贴人数", "≥", "600", "人"),
        ("产出指标", "质量指标", "补贴发放准确率", "=", "100", "%"),
        ("效益指标", "生态效益指标", "节约墓地面积", "≥", "1500", "平方米"),
        ("满意度指标", "服务对象满意度指标", "群众满意度", "≥", "90", "%"),
    ]),
]


def pattern_many_projects(b):
    return [beijing_target_table("project_performance_targets", "十一、项目支出绩效目标表",
                                 MANY_PROJECTS, split=False)]



# (一级, 二级, 三级, 年度指标值, 实际完成值, 分值, 得分, 偏差原因分析及改进措施)
SELF_EVAL = {
    "城乡低保对象救助经费": [
        ("产出指标", "数量指标", "低保对象救助人次", "≥12.5万件", "12.8万件", "15", "15", ""),
        ("产出指标", "质量指标", "救助资金发放准确率", "100%", "100%", "15", "15", ""),
        ("产出指标", "时效指标", "救助申请办结时限", "≤72小时", "60小时", "10", "10", ""),
        ("效益指标", "社会效益指标", "困难群众基本生活保障水平", "有效保障", "有效保障", "30", "28",
         "部分对象动态调整不及时，下年度加强入户核查"),
        ("满意度指标", "服务对象满意度指标", "救助对象满意度", "≥95%", "96.3%", "10", "10", ""),
    ],
    "养老服务驿站运营补贴": [
        ("产出指标", "数量指标", "补贴驿站数量", "48个", "45个", "20", "18.75", "3个驿站年中停业，已督促整改"),
        ("产出指标", "质量指标", "驿站服务规范达标率", "≥90%", "92%", "20", "20", ""),
        ("效益指标", "社会效益指标", "老年人就近养老服务水平", "优良中低差", "良", "30", "24", "服务项目偏少，拟增加助餐服务"),
        ("满意度指标", "服务对象满意度指标", "老年人满意度", "≥90%", "93%", "10", "10", ""),
    ],
}
DEPT_EVAL = [
    ("产出指标", "数量指标", "救助政策落实项目数", "≥6个", "6个", "20", "20", ""),
    ("产出指标", "质量指标", "资金支付合规率", "100%", "100%", "20", "20", ""),
    ("产出指标", "时效指标", "预算执行进度", "≥95%", "93.5%", "10", "8", "个别项目年底结算，下年度加快支付"),
    ("效益指标", "社会效益指标", "基本民生兜底保障水平", "持续巩固", "持续巩固", "30", "30", ""),
    ("满意度指标", "服务对象满意度指标", "服务对象满意度", "≥90%", "94%", "10", "10", ""),
]


def self_evaluation_form(key, title, head_rows, money_label, money, goals, inds, year):
    """A 决算 self-evaluation after the national template: fields, the money
    block (rows 年度资金总额 / 其中：… / 其他资金 against 年初预算数 … 得分),
    预期目标 | 实际完成情况, the indicators under 年度指标值 | 实际完成值 | 分值 |
    得分 | 偏差原因分析及改进措施, and the 总分 row."""
    t = PTable(key, title, [64, 84, 56, 60, 56, 52, 40, 40, 68], "lllllllll", [], unit="", unit_left=f"（{year}年度）",
               size=7.5, name_col=0, cont=((),))
    for cells, spans in head_rows:
        t.rows.append(PRow(cells, [], spans=spans))
    heads = ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]
    t.rows.append(PRow([money_label, ""] + heads[:5] + [heads[5], None], [], spans={7: 2},
                       vspans={0: len(money) + 1}))
    for row in money:
        t.rows.append(PRow([None] + list(row) + [None], [], spans={7: 2}))
    t.rows.append(PRow(["年度总体目标", "预期目标", None, None, None, "实际完成情况", None, None, None], [],
                       spans={1: 4, 5: 4}, vspans={0: 2}))
    t.rows.append(PRow([None, goals[0], None, None, None, goals[1], None, None, None], [], spans={1: 4, 5: 4}))
    t.rows.append(PRow(["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
                        "偏差原因分析及改进措施"], [], vspans={0: len(inds) + 1}))
    levels = [i[0] for i in inds]
    for k, (l1, l2, l3, value, actual, weight, score, deviation) in enumerate(inds):
        vspans = {}
        if k == 0 or levels[k - 1] != l1:
            vspans[1] = run_length(levels, k)
            first = l1
        else:
            first = None
        t.rows.append(PRow([None, first, l2, l3, value, actual, weight, score, deviation], [], vspans=vspans))
        t.indicators.append([key, "", l1, l2, l3, value, ""])
    total = sum(Decimal(i[6]) for i in inds) + Decimal(money[0][6])
    weights = sum(int(i[5]) for i in inds) + int(money[0][4])
    t.rows.append(PRow(["总分", None, None, None, None, None, str(weights), str(total), ""], [], spans={0: 6}))
    return t


def pattern_self_evaluation(b):
    year = b.year     # a 2025年部门决算 evaluates the year 2025
    forms = []
    for (name, total, fiscal, other, _, _), n in zip(BEIJING_PROJECTS, (1, 2)):
        money = [("年度资金总额", "1,200.00", "1,286.42", "1,250.36", "10", "97.20%", "9.72"),
                 ("其中：当年财政拨款", "1,200.00", "1,286.42", "1,250.36", "—", "97.20%", "—"),
                 ("上年结转资金", "0.00", "0.00", "0.00", "—", "—", "—"),
                 ("其他资金", "0.00", "0.00", "0.00", "—", "—", "—")] if n == 1 else \
                [("年度资金总额", "436.18", "436.18", "410.50", "10", "94.11%", "9.41"),
                 ("其中：当年财政拨款", "400.00", "400.00", "380.20", "—", "95.05%", "—"),
                 ("上年结转资金", "0.00", "0.00", "0.00", "—", "—", "—"),
                 ("其他资金", "36.18", "36.18", "30.30", "—", "83.75%", "—")]
        head = [(["项目名称", name] + [None] * 7, {1: 8}),
                (["主管部门", b.dept, None, None, "实施单位", b.dept, None, None, None], {1: 3, 5: 4})]
        goals = ("按标准及时足额发放，保障对象基本生活", "全年按月足额发放，保障对象基本生活") if n == 1 else \
                ("支持驿站运营，提升就近养老服务", "补贴45个驿站，就近养老服务有所提升")
        forms.append(self_evaluation_form("project_performance_self_evaluation", "项目支出绩效自评表", head,
                                          "项目资金（万元）", money, goals, SELF_EVAL[name], year))
    money = [("年度资金总额", "8,650.00", "9,120.45", "8,902.33", "10", "97.61%", "9.76"),
             ("其中：财政拨款", "8,500.00", "8,970.45", "8,760.13", "—", "97.66%", "—"),
             ("其他资金", "150.00", "150.00", "142.20", "—", "94.80%", "—")]
    head = [(["部门（单位）名称", b.dept] + [None] * 7, {1: 8})]
    goals = ("落实社会救助和养老服务政策，兜牢民生底线", "各项救助及时足额发放，养老服务覆盖面扩大")
    forms.append(self_evaluation_form("overall_performance_self_evaluation", "部门整体支出绩效自评表", head,
                                      "年度预算情况（万元）", money, goals, DEPT_EVAL, year))
    # the two project forms share the key: the truth lists it once
    return forms


# --- shifted-code ----------------------------------------------------------------

def shift_codes(tree, parent, count):
    """The first `count` children of `parent` in `tree` printed with their
    codes moved up one row (the first child's code goes to the last of the
    stretch): every name keeps its amounts, every sum over `parent` holds,
    and each of the other rows prints the name of the code on the row
    above it."""
    kids = [i for i, (c, _, _, _) in enumerate(tree) if c.startswith(parent) and len(c) == len(parent) + 2]
    if len(kids) < count:
        raise CheckError(f"shifted-code: {parent} has {len(kids)} children, {count} needed")
    stretch = kids[:count]
    codes = [tree[i][0] for i in stretch]
    out = list(tree)
    for i, code in zip(stretch, codes[1:] + codes[:1]):
        _, name, level, vals = tree[i]
        out[i] = (code, name, level, vals)
    return out


def pattern_shifted_code(b):
    """部门支出总表 and 一般公共预算基本支出表 whose codes, over a stretch of
    siblings, are printed one row off their names (issue 15, `code_name`)."""
    tree = function_rows(b, "all", lambda v, _: [v[0] + v[1] + v[2], v[0] + v[1], v[2]])
    a = coded_ptable("expense_summary", "三、部门支出总表", [55, 190, 75, 75, 75], SIMPLE_EXPENSE_HEADER,
                     ["合计", "基本支出", "项目支出"], shift_codes(tree, "20805", 4), size=7.5)
    a.sums += col_sums([(r.truth[0][1], r.truth[0][2]) for r in a.rows], "合计", ["基本支出", "项目支出"])
    header = _h([(0, 0, 1, 2, "部门预算支出经济分类科目"), (0, 2, 1, 3, "本年一般公共预算基本支出"),
                 (1, 0, 1, 1, "科目编码"), (1, 1, 1, 1, "科目名称"), (1, 2, 1, 1, "合计"),
                 (1, 3, 1, 1, "人员经费"), (1, 4, 1, 1, "公用经费")])
    econ = [(c, n, l, [v[0] + v[1], v[0], v[1]]) for c, n, l, v in econ_rows(b)]
    e = coded_ptable("general_budget_basic_expense_by_economic", "六、一般公共预算基本支出表",
                     [55, 190, 75, 75, 75], header, ["合计", "人员经费", "公用经费"], shift_codes(econ, "302", 5),
                     size=7.5)
    e.sums += col_sums([(r.truth[0][1], r.truth[0][2]) for r in e.rows], "合计", ["人员经费", "公用经费"])
    return [a, e]


PATTERNS = {
    "page-break-rows": dict(profile="civil-affairs", seed=202511, build=pattern_page_break_rows,
                            style=Style(size=9, hsize=9, row_min=14, margin=45), doc="部门预算"),
    "rotated-page-break": dict(profile="civil-affairs", seed=202598, build=pattern_page_break_rows,
                               style=Style(landscape=True, rotate=True, size=9, hsize=9, row_min=14, margin=45), doc="部门预算"),
    "line-numbers": dict(profile="civil-affairs", seed=202512, build=pattern_line_numbers,
                         style=Style(landscape=True, size=7.5, hsize=7.5, row_min=13, margin=36), doc="部门决算"),
    "panels": dict(profile="gov-office", seed=202513, build=pattern_panels,
                   style=Style(landscape=True, size=7.5, hsize=7.5, row_min=13, margin=36), doc="部门预算"),
    "overflow-labels": dict(profile="gov-office", seed=202514, build=pattern_overflow_labels,
                            style=Style(landscape=True, size=9, hsize=9, row_min=16, margin=40), doc="部门预算",
                            dept="云湖区气象局"),
    "header-labels": dict(profile="civil-affairs", seed=202515, build=pattern_header_labels,
                          style=Style(size=7.5, hsize=7.5, row_min=13, margin=40), doc="部门预算"),
    "rotated-labels": dict(profile="civil-affairs", seed=202596, build=pattern_header_labels,
                           style=Style(landscape=True, rotate=True, size=7.5, hsize=7.5, row_min=13, margin=40),
                           doc="部门预算"),
    "non-additive": dict(profile="civil-affairs", seed=202516, build=pattern_non_additive,
                         style=Style(size=7.5, hsize=7.5, row_min=13, margin=40), doc="部门预算"),
    "shifted-code": dict(profile="civil-affairs", seed=202517, build=pattern_shifted_code,
                         style=Style(size=7.5, hsize=7.5, row_min=13, margin=40), doc="部门预算"),
    "split-values": dict(profile="civil-affairs", seed=202517, build=pattern_split_values,
                         style=Style(landscape=True, size=7.5, hsize=7.5, row_min=13, margin=36), doc="部门预算"),
    "many-projects": dict(profile="civil-affairs", seed=202518, build=pattern_many_projects,
                          style=Style(landscape=True, size=7.5, hsize=7.5, row_min=13, margin=36), doc="部门预算"),
    "self-evaluation": dict(profile="civil-affairs", seed=202519, build=pattern_self_evaluation,
                            style=Style(size=7.5, hsize=7.5, row_min=13, margin=36), doc="部门决算"),
    "final-fiscal": dict(profile="civil-affairs", seed=202521, build=pattern_final_fiscal,
                         style=Style(landscape=True, size=7.5, hsize=7.5, row_min=13, margin=36), doc="部门决算"),
    "final-accounts": dict(profile="civil-affairs", seed=202522, build=pattern_final_accounts,
                           style=Style(landscape=True, size=7.5, hsize=7.5, row_min=13, margin=36), doc="部门决算"),
    "final-panels": dict(profile="civil-affairs", seed=202520, build=pattern_final_panels,
                         style=Style(landscape=True, size=7.5, hsize=7.5, row_min=13, margin=36), doc="部门决算"),
}


def render_pattern(name, spec, out):
    b = gen_budget(spec["profile"], "万元", spec["seed"])
    if "dept" in spec:
        b.dept = spec["dept"]
    tables = spec["build"](b)
    if not tables[0].lead:    # the heading of the table part names department and year
        tables[0].lead = f"{b.dept}{b.year}年{spec['doc']}表"
    pdf = os.path.join(out, "pdf", f"{name}.pdf")
    r = PatternRenderer(pdf, spec["style"], b, f"{b.dept}{b.year}年{spec['doc']}")
    for t in tables:
        r.ptable(t)
    r.save()
    cells = pattern_truth(tables)
    truth = os.path.join(out, "truth", f"{name}.truth.json")
    write_truth(truth, name, sorted({t.key for t in tables}), cells, indicator_truth(tables))
    nsums = check_pattern_truth(truth, tables)
    if name == "many-projects" and not any(covered_break(t, i) for t in tables for key, i in r.breaks if key == t.key):
        raise CheckError(f"{name}: no project's merged cell runs over a page break: {r.breaks}")
    if spec["build"] is pattern_page_break_rows and len({key for key, _, _ in r.splits}) < 2:
        raise CheckError(f"{name}: only {len(r.splits)} rows broken over a page: {r.splits}")
    exe = shutil.which("pdftotext")
    note = "pdftotext not found: text not checked"
    if exe:
        text = subprocess.run([exe, pdf, "-"], check=True, capture_output=True, text=True).stdout
        flat = "".join(text.split()).replace("“", "").replace("”", "")
        missing = [t.title for t in tables if "".join(t.title.split()).replace("“", "").replace("”", "") not in flat]
        if missing:
            raise CheckError(f"{pdf}: titles not in the pdftotext text: {missing}")
        note = "titles in the text"
    splits = f", rows broken over a page: {r.splits}" if r.splits else ""
    return pdf, truth, r.page, len(cells), f"{nsums} sums checked in the truth; {note}{splits}"


def find_font(path):
    for p in [path] if path else FONT_CANDIDATES:
        if p and os.path.exists(p):
            return p
    sys.exit("no CJK font found: apt-get install -y fonts-wqy-microhei (or pass --font FILE)")


def _show(path):
    rel = os.path.relpath(path)
    return path if rel.startswith("..") else rel


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=DEFAULT_OUT,
                    help="output folder, gets pdf/ and truth/ (default: samples)")
    ap.add_argument("--only", action="append", choices=sorted(VARIANTS) + sorted(PATTERNS),
                    help="render only this variant")
    ap.add_argument("--font", help="a CJK .ttf/.ttc to embed (default: WenQuanYi Micro Hei)")
    ap.add_argument("--list", action="store_true", help="list the variants and exit")
    a = ap.parse_args(argv)
    if a.list:
        for name, spec in VARIANTS.items():
            print(f"{name}: {spec['profile']}, {spec['unit']}, {', '.join(spec['tables'])}")
        for name, spec in PATTERNS.items():
            print(f"{name}: {spec['profile']}, pattern {spec['build'].__name__}")
        return 0
    font = find_font(a.font)
    pdfmetrics.registerFont(TTFont(FONT, font, subfontIndex=0))
    os.makedirs(os.path.join(a.out, "pdf"), exist_ok=True)
    os.makedirs(os.path.join(a.out, "truth"), exist_ok=True)
    for name in a.only or list(VARIANTS) + list(PATTERNS):
        if name in PATTERNS:
            pdf, truth, pages, ncells, note = render_pattern(name, PATTERNS[name], a.out)
        else:
            pdf, truth, pages, ncells, note = render_variant(name, VARIANTS[name], a.out)
        print(f"{_show(pdf)}: {pages} pages, {os.path.getsize(pdf) // 1024} KB; "
              f"{_show(truth)}: {ncells} cells; {note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
