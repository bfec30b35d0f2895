//! The standard measures of a document (summary.csv): each found where the
//! national templates print it, converted to 元, and reconciled across the
//! tables that print it.
//!
//! A measure is read from a cell whose row names the measure and whose
//! column is the table's current total (`本年支出合计` × `预算数`), or whose
//! column names it and whose row is the table's total row (`合计` ×
//! `基本支出/人员经费`). The same rule reads every template: the row-wise
//! "三公" tables of some cities (`其中：（一）因公出国（境）支出` × `合计`) and
//! the column-wise ones of others (`合计` × `因公出国（境）费`).

use std::collections::BTreeSet;

use budget_model::{Cell, Column, Decimal, DocKind, Document, Row, Section, Table, TableKey};

/// One standard measure: its column name in summary.csv, the national name
/// it stands for, and the tables that print it.
#[derive(Debug, Clone, Copy)]
pub struct Measure {
    /// The column of summary.csv (`expense_this_year`).
    pub id: &'static str,
    /// The column of the table it came from (`expense_this_year_table`).
    pub table_column: &'static str,
    /// The column of its page (`expense_this_year_page`).
    pub page_column: &'static str,
    /// The national name (`本年支出合计`).
    pub name: &'static str,
    /// The tables that print it.
    sources: &'static [TableKey],
    /// The tables read when none of `sources` prints it: tables of a
    /// narrower scope (人员经费 of 一般公共预算 money only, table 6), named in
    /// the `_table` column so that a reader can tell.
    fallback: &'static [TableKey],
}

use TableKey::{
    ExpenseSummary as T3, FiscalBasicExpenseByEconomic as T6Fiscal, FiscalIncomeExpenseSummary as T4,
    GeneralBudgetBasicExpenseByEconomic as T6, GeneralBudgetExpenseByEconomic as T5Econ, IncomeExpenseSummary as T1,
    OfficeOperatingExpense as TOffice, ThreePublicExpense as T7,
};

macro_rules! measures {
    ($($id:literal, $name:literal, [$($t:ident),*] $(else [$($f:ident),*])?;)*) => {
        /// The measures of summary.csv, in column order.
        pub const MEASURES: &[Measure] = &[$(Measure {
            id: $id,
            table_column: concat!($id, "_table"),
            page_column: concat!($id, "_page"),
            name: $name,
            sources: &[$($t),*],
            fallback: &[$($($f),*)?],
        }),*];
    };
}

measures! {
    "income_total", "收入总计", [T1];
    "income_this_year", "本年收入合计", [T1];
    "fiscal_general_budget", "一般公共预算拨款收入", [T1, T4];
    "fiscal_government_fund", "政府性基金预算拨款收入", [T1, T4];
    "fiscal_state_capital", "国有资本经营预算拨款收入", [T1, T4];
    "expense_this_year", "本年支出合计", [T1, T3];
    "expense_total", "支出总计", [T1];
    "basic_expense", "基本支出", [T1, T3];
    "project_expense", "项目支出", [T1, T3];
    "personnel_expense", "人员经费", [T1, T3] else [T6, T6Fiscal];
    "public_expense", "公用经费", [T1, T3] else [T6, T6Fiscal];
    "three_public_total", "“三公”经费合计", [T7];
    "three_public_abroad", "因公出国（境）费", [T7];
    "three_public_vehicle", "公务用车购置及运行费", [T7];
    "three_public_vehicle_purchase", "公务用车购置费", [T7];
    "three_public_vehicle_operation", "公务用车运行费", [T7];
    "three_public_reception", "公务接待费", [T7];
    "office_operation", "机关运行经费", [T7, TOffice];
    "meeting", "会议费", [T7] else [T5Econ];
    "training", "培训费", [T7] else [T5Econ];
}

/// Where a figure of a measure was printed, and what it says in 元.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figure {
    /// The amount in 元, exact.
    pub yuan: Decimal,
    /// Half the step of the printed figure in 元 (`1477.88` 万元 → 50): how
    /// far its rounding may have moved it.
    pub tolerance: Decimal,
    /// The table it was printed in.
    pub table: TableKey,
    /// The page.
    pub page: u32,
    /// Read from a blank cell of a table that prints its zeros blank.
    pub blank: bool,
}

/// What the document says of one measure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// Not printed (or printed in no unit that says what it is in 元).
    None,
    /// Printed once, or in several places that agree: the most precise.
    One(Figure),
    /// Printed in places that disagree beyond rounding.
    Disagree(Vec<Figure>),
}

/// Every measure of `doc`, in the order of [`MEASURES`].
pub fn find(doc: &Document) -> Vec<Found> {
    let views: Vec<View> = doc.tables.iter().filter_map(|t| View::new(doc, t)).collect();
    let mut found: Vec<Vec<Figure>> = MEASURES.iter().map(|m| figures(&views, m)).collect();
    let sums = [
        ("three_public_vehicle", &["three_public_vehicle_purchase", "three_public_vehicle_operation"][..]),
        ("three_public_total", &["three_public_abroad", "three_public_vehicle", "three_public_reception"][..]),
    ];
    for (total, parts) in sums {
        if let Some(sum) = sum_of(&found, parts) {
            found[index(total)].push(sum);
        }
    }
    found.into_iter().map(reconcile).collect()
}

/// The position of measure `id` in [`MEASURES`].
fn index(id: &str) -> usize {
    MEASURES.iter().position(|m| m.id == id).unwrap_or_default()
}

/// A total as the sum of its parts, when each is printed once (agreeing)
/// in the same table: the national 三公 total is its three kinds (the
/// printed `合计` of some templates also holds 会议费 or 培训费), and
/// 公务用车购置及运行费 is 购置费 + 运行费 (some tables leave its 小计 blank).
fn sum_of(found: &[Vec<Figure>], parts: &[&str]) -> Option<Figure> {
    let mut total: Option<Figure> = None;
    for id in parts {
        let Found::One(f) = reconcile(found[index(id)].clone()) else { return None };
        total = Some(match total {
            None => f,
            Some(t) if t.table == f.table => {
                Figure { yuan: t.yuan + f.yuan, tolerance: t.tolerance + f.tolerance, blank: t.blank && f.blank, ..t }
            }
            Some(_) => return None,
        });
    }
    total
}

/// One reading of a measure from its figures: agreeing figures give the
/// most precise one; figures further apart than their roundings disagree.
fn reconcile(mut figures: Vec<Figure>) -> Found {
    figures.sort_by(|a, b| a.tolerance.cmp(&b.tolerance).then(a.page.cmp(&b.page)));
    figures.dedup_by(|a, b| a.yuan == b.yuan && a.table == b.table);
    let agree = |a: &Figure, b: &Figure| (a.yuan - b.yuan).abs() <= a.tolerance + b.tolerance;
    // A blank read as 0 gives way to a printed figure: the blank was a
    // subtotal the table left out.
    if let Some(printed) = figures.iter().find(|f| !f.blank).cloned() {
        figures.retain(|f| !f.blank || agree(f, &printed));
    }
    let Some(first) = figures.first().cloned() else { return Found::None };
    if figures.iter().all(|f| agree(f, &first)) {
        Found::One(first)
    } else {
        Found::Disagree(figures)
    }
}

/// The figures of measure `m` in every table that prints it.
///
/// A fallback table that gives several different figures lists its units
/// one after another (会议费 once per unit in a 一般公共预算支出经济分类表):
/// it gives none.
fn figures(views: &[View], m: &Measure) -> Vec<Figure> {
    let found: Vec<Figure> =
        views.iter().filter(|v| m.sources.contains(&v.table.key)).flat_map(|v| v.figures(m.id)).collect();
    if !found.is_empty() {
        return found;
    }
    views
        .iter()
        .filter(|v| m.fallback.contains(&v.table.key))
        .map(|v| v.figures(m.id))
        .filter(|f| f.iter().all(|x| x.yuan == f[0].yuan))
        .flatten()
        .collect()
}

/// A table as every measure reads it, worked out once: its unit, its
/// current columns and which of them are totals, and each row's name,
/// side and whether it is the table's total row.
struct View<'a> {
    table: &'a Table,
    per_unit: Decimal,
    /// The current columns, each with whether it is a total column.
    columns: Vec<(usize, bool)>,
    split_by_fund: bool,
    zeros_blank: bool,
    rows: Vec<RowView>,
}

/// A row of a [`View`].
struct RowView {
    name: String,
    side: Side,
    total: bool,
    /// Its label names some measure.
    names_any: bool,
}

impl<'a> View<'a> {
    /// The view of `t`; `None` when neither its unit nor the document's
    /// says what it is in 元 ([`Document::yuan_per_unit`], as `value_yuan`).
    fn new(doc: &Document, t: &'a Table) -> Option<Self> {
        let per_unit = doc.yuan_per_unit(t)?;
        let current = current_columns(doc, t);
        let split_by_fund =
            t.key == T7 && t.columns.iter().any(|c| segments(&c.path).iter().any(|s| fund(s).is_some()));
        let columns = current.iter().map(|&c| (c, total_column(t, &t.columns[c], &current, split_by_fund))).collect();
        let names: Vec<String> = t.rows.iter().map(|r| norm(&r.name)).collect();
        let mut sides = [Side::default(); 2];
        for (row, name) in t.rows.iter().zip(&names) {
            let side = &mut sides[usize::from(row.section == Some(Section::Expense))];
            side.subtotal_printed |= SUBTOTALS.contains(&name.as_str());
            side.carryover_printed |= names_carryover(name);
            side.grand_printed |= GRANDS.contains(&name.as_str());
        }
        let shape = Shape {
            amount_rows: t.rows.iter().filter(|r| r.cells.iter().any(|c| c.amount().is_some())).count(),
            unnamed_rows: names.iter().filter(|n| n.is_empty()).count(),
        };
        let rows = t
            .rows
            .iter()
            .zip(names)
            .map(|(row, name)| {
                let side = &mut sides[usize::from(row.section == Some(Section::Expense))];
                side.section = row.section;
                if names_carryover(&name) {
                    side.after_carryover = true;
                }
                let side = *side;
                let total = total_row(doc, t, row, &name, shape);
                let names_any = row_names_any(&name, row.section);
                RowView { name, side, total, names_any }
            })
            .collect();
        Some(View { table: t, per_unit, columns, split_by_fund, zeros_blank: !t.prints_zero(), rows })
    }

    /// The figures of measure `id` in the table.
    fn figures(&self, id: &str) -> Vec<Figure> {
        let t = self.table;
        let mut out = Vec::new();
        for (row, view) in t.rows.iter().zip(&self.rows) {
            let named_by_row = row_names(id, &view.name, view.side);
            for &(c, total_column) in &self.columns {
                let col = &t.columns[c];
                if !col.serves(row) || (self.split_by_fund && !general_budget_part(col)) {
                    continue;
                }
                let by_row = named_by_row && total_column;
                let by_column = view.total && column_names(t, id, col);
                let grand = is_grand_total(id, t.key) && view.total && total_column && !view.names_any;
                // Exactly one of row and column names the measure, or the
                // cell is the table's grand total and neither names one.
                let grand_alone = grand && !by_row && !by_column;
                if by_row == by_column && !grand_alone {
                    continue;
                }
                // A blank reads as 0 where the table prints its zeros blank
                // and the cell is a figure's own place: a part column of a
                // total row (`合计` × `因公出国（境）费`), or a row of the
                // "三公" table. A blank beside a two-sided table's total is
                // the other panel's.
                let blank_is_zero = self.zeros_blank && row_is_printed(row) && (!by_row || t.key == T7);
                let (v, blank) = match row.cells.get(c) {
                    Some(Cell::Amount(v)) => (*v, false),
                    Some(Cell::Blank) if blank_is_zero => (Decimal::ZERO, true),
                    _ => continue,
                };
                out.push(Figure { blank, ..figure(v, self.per_unit, t.key, row.page) });
            }
        }
        out
    }
}

/// How many rows of a table print an amount, and how many have no name:
/// a table's lone row is its total.
#[derive(Debug, Clone, Copy)]
struct Shape {
    amount_rows: usize,
    unnamed_rows: usize,
}

/// True when measure `id` is the grand total of a table of key `key`: the
/// `合计` row's `合计` of 部门支出总表 is the year's expenditure.
fn is_grand_total(id: &str, key: TableKey) -> bool {
    id == "expense_this_year" && key == T3
}

/// True when a row label names any measure.
fn row_names_any(name: &str, section: Option<Section>) -> bool {
    let side = Side { section, ..Side::default() };
    MEASURES.iter().any(|m| row_names(m.id, name, side))
}

/// A printed amount in 元, with half its printed step as its tolerance.
fn figure(v: Decimal, per_unit: Decimal, table: TableKey, page: u32) -> Figure {
    let step = Decimal::new(1, v.scale()) * per_unit;
    Figure { yuan: (v * per_unit).normalize(), tolerance: step / Decimal::TWO, table, page, blank: false }
}

/// A name with spaces, quotes, `其中：` and its list ordinal removed and
/// brackets made full-width: `其中：（一）因公出国(境)支出` → `因公出国（境）支出`.
fn norm(s: &str) -> String {
    let mut t: String = s
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '“' | '”' | '"' | '\''))
        .map(|c| match c {
            '(' => '（',
            ')' => '）',
            _ => c,
        })
        .collect();
    loop {
        let before = t.len();
        for p in ["其中：", "其中:", "其中"] {
            if let Some(rest) = t.strip_prefix(p) {
                t = rest.to_string();
            }
        }
        t = strip_ordinal(&t).to_string();
        if t.len() == before {
            return t;
        }
    }
}

/// `（一）X`, `一、X`, `1.X` → `X`.
fn strip_ordinal(s: &str) -> &str {
    let numeral = |c: char| "一二三四五六七八九十".contains(c) || c.is_ascii_digit();
    if let Some(rest) = s.strip_prefix('（') {
        let n = rest.chars().take_while(|c| numeral(*c)).count();
        if n > 0 {
            let after: String = rest.chars().skip(n).take(1).collect();
            if after == "）" {
                return &rest[rest.char_indices().nth(n + 1).map(|(i, _)| i).unwrap_or(rest.len())..];
            }
        }
        return s;
    }
    let n = s.chars().take_while(|c| numeral(*c)).count();
    let mut rest = s.char_indices().skip(n);
    match rest.next() {
        Some((i, c)) if n > 0 && matches!(c, '、' | '.' | '．') => &s[i + c.len_utf8()..],
        _ => s,
    }
}

/// A header path cut into its levels, each normalised.
fn segments(path: &str) -> Vec<String> {
    path.split('/').map(norm).filter(|s| !s.is_empty()).collect()
}

/// The fund a header level names (`一般公共预算`, `政府性基金预算`), if any.
fn fund(s: &str) -> Option<&'static str> {
    ["一般公共预算", "政府性基金", "国有资本经营"].into_iter().find(|f| s.contains(f))
}

/// In a "三公" table that splits its figures by fund, only the 一般公共预算
/// part counts: the national table is 一般公共预算“三公”经费支出表, and a
/// 合计 over the funds also holds 政府性基金 money.
fn general_budget_part(col: &Column) -> bool {
    let funds: Vec<_> = segments(&col.path).iter().filter_map(|s| fund(s)).collect();
    funds == ["一般公共预算"]
}

/// A row that heads the carried-over funds (`上年结转`, `年初结转和结余`):
/// fund rows after it are last year's money, not this year's income.
fn names_carryover(name: &str) -> bool {
    ["结转", "结余", "上年"].iter().any(|w| name.contains(w)) && fund(name).is_none()
}

/// The columns of `t` that hold this year's figures: not last year's
/// (`2024年预算数` in a 2025 budget, `上年预算数`), not a change
/// (`增减`, `比上年`), and in a 决算 the 决算 columns when there are any.
fn current_columns(doc: &Document, t: &Table) -> Vec<usize> {
    let year = doc.year.map(|y| y.to_string());
    let plain: Vec<usize> = (0..t.columns.len())
        .filter(|&c| {
            let col = &t.columns[c];
            col.kind == budget_model::ColumnKind::Amount && this_year(&col.path, year.as_deref())
        })
        .collect();
    let final_account = |c: &usize| t.columns[*c].path.contains("决算");
    match doc.kind {
        DocKind::FinalAccounts if plain.iter().any(final_account) => plain.into_iter().filter(final_account).collect(),
        DocKind::FinalAccounts => plain,
        _ => plain.into_iter().filter(|c| !final_account(c)).collect(),
    }
}

/// True when a header path or row label is of the document's year: it
/// names no other year, no earlier year and no change.
fn this_year(path: &str, year: Option<&str>) -> bool {
    let other = ["上年", "上一年", "增减", "比上年", "变化", "同比", "增长", "占比", "%", "％"];
    if other.iter().any(|w| path.contains(w)) {
        return false;
    }
    years_in(path).iter().all(|y| Some(y.as_str()) == year)
}

/// The four-digit years (`2025年`) a text names.
fn years_in(s: &str) -> Vec<String> {
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    for (i, w) in chars.windows(5).enumerate() {
        let digits = w[..4].iter().all(char::is_ascii_digit);
        let before_ok = i == 0 || !chars[i - 1].is_ascii_digit();
        if digits && before_ok && w[4] == '年' && matches!(w[0], '1' | '2') {
            out.push(w[..4].iter().collect());
        }
    }
    out
}

/// Leaves that make a column a table's total rather than a part:
/// `合计`, `预算数`, `金额`, `决算数`.
const TOTAL_LEAVES: &[&str] = &[
    "合计",
    "总计",
    "小计",
    "支出总计",
    "支出合计",
    "预算数",
    "预算",
    "金额",
    "决算数",
    "本年预算数",
    "本年预算",
    "年初预算数",
    "全年预算数",
];

/// True when column `col` holds the row's whole figure: a total leaf
/// (`预算数`, `合计`) under nothing but figure words (`2026年预算数/合计`;
/// not `2026年政府采购项目/小计`), or the one current column of its
/// side or panel. In a "三公" table split by fund, the fund levels are
/// left out (its `一般公共预算` column is the row's figure).
fn total_column(t: &Table, col: &Column, current: &[usize], split_by_fund: bool) -> bool {
    let mut segs = segments(&col.path);
    if split_by_fund {
        segs.retain(|s| fund(s).is_none());
    }
    let names_part = segs.iter().any(|s| MEASURES.iter().any(|m| column_names_leaf(m.id, s)));
    if names_part {
        return false;
    }
    if split_by_fund && segs.is_empty() {
        return true;
    }
    let leaf = strip_year(segs.last().map(String::as_str).unwrap_or(""));
    let groups_are_figure_words = segs.iter().rev().skip(1).all(|s| is_figure_word(s));
    if TOTAL_LEAVES.contains(&leaf) && groups_are_figure_words {
        return true;
    }
    let mine = current.iter().filter(|&&c| {
        let o = &t.columns[c];
        o.section == col.section && o.panel == col.panel
    });
    mine.count() == 1 && !leaf.is_empty() && fund(leaf).is_none()
}

/// `2025年预算数` → `预算数`.
fn strip_year(s: &str) -> &str {
    let digits = s.chars().take_while(char::is_ascii_digit).count();
    if digits == 4 {
        s[4..].strip_prefix('年').unwrap_or(s)
    } else {
        s
    }
}

/// True when row `row` is the table's total: `合计`/`总计`, a row with
/// no name or with the department's own name (the tables that list the
/// department then its units), or the table's one row. `name` is its
/// normalised label.
fn total_row(doc: &Document, t: &Table, row: &Row, name: &str, shape: Shape) -> bool {
    let year = doc.year.map(|y| y.to_string());
    let levels: Vec<&str> = name.split('/').filter(|s| !s.is_empty()).collect();
    if !levels.iter().all(|l| this_year(l, year.as_deref())) {
        return false;
    }
    let label: Vec<&str> = levels.into_iter().filter(|l| years_in(l).is_empty()).collect();
    let label = label.join("/");
    if row.code.is_some() && !label.is_empty() {
        return false;
    }
    let totals = ["合计", "总计", "本年支出合计", "本年收入合计", "支出合计", "收入合计", "支出总计", "共计"];
    let department = norm(&doc.department);
    match label.as_str() {
        "" => shape.amount_rows == 1 || shape.unnamed_rows == 1,
        l if totals.contains(&l) => true,
        l => {
            (!department.is_empty() && l == department)
                || shape.amount_rows == 1 && t.key == TableKey::ThreePublicExpense
        }
    }
}

/// The labels of a side's grand total rows.
const GRANDS: &[&str] = &["收入总计", "支出总计", "总计"];

/// True when a row is a printed row of the table, not a heading: it has
/// a label or an amount. In a table that prints no zero (its zeros are
/// printed blank), a blank cell of such a row reads as 0.
fn row_is_printed(row: &Row) -> bool {
    !row.name.trim().is_empty() || row.cells.iter().any(|c| c.amount().is_some())
}

/// The labels of this year's subtotal rows. A side that prints one, or
/// prints carried-over funds, uses `收入合计`/`支出合计`/`合计` for its
/// grand total (`当年收入小计` + `上年结转资金` = `收入合计`); a side that
/// prints neither uses it for this year's total, and for the grand total
/// too when no `收入总计` follows.
const SUBTOTALS: &[&str] =
    &["本年收入合计", "本年收入小计", "当年收入小计", "本年支出合计", "本年支出小计", "当年支出小计"];

/// What the reading of a row depends on besides its label: its side of a
/// two-sided table, whether the side's carried-over funds have begun, and
/// whether the side prints a this-year subtotal (see [`SUBTOTALS`]).
#[derive(Debug, Clone, Copy, Default)]
struct Side {
    section: Option<Section>,
    after_carryover: bool,
    subtotal_printed: bool,
    carryover_printed: bool,
    grand_printed: bool,
}

/// True when a row labelled `name` (normalised) is measure `id`:
/// `本年支出合计` is expense_this_year, `其中：（一）因公出国（境）支出`
/// three_public_abroad.
fn row_names(id: &str, name: &str, side: Side) -> bool {
    let income = side.section != Some(Section::Expense);
    let expense = side.section != Some(Section::Income);
    let two_sided = side.section.is_some();
    let fund_row = |f: &str| income && !side.after_carryover && name.contains(f) && !names_carryover(name);
    let sum_row = matches!(name, "收入合计" | "支出合计") || two_sided && name == "合计";
    let plain_side = !side.subtotal_printed && !side.carryover_printed;
    let this_year = SUBTOTALS.contains(&name) || sum_row && plain_side;
    let grand = two_sided
        && (GRANDS.contains(&name)
            || sum_row && (side.subtotal_printed || side.carryover_printed || !side.grand_printed));
    match id {
        "income_total" => income && grand && !name.contains("支出"),
        "income_this_year" => income && this_year && !name.contains("支出"),
        "fiscal_general_budget" => fund_row("一般公共预算"),
        "fiscal_government_fund" => fund_row("政府性基金"),
        "fiscal_state_capital" => fund_row("国有资本经营"),
        "expense_this_year" => expense && this_year && !name.contains("收入"),
        "expense_total" => expense && grand && !name.contains("收入"),
        "basic_expense" => expense && matches!(name, "基本支出" | "基本支出合计"),
        "project_expense" => expense && matches!(name, "项目支出" | "项目支出合计"),
        "personnel_expense" => expense && name == "人员经费",
        "public_expense" => expense && name == "公用经费",
        _ => three_public_named(id, name),
    }
}

/// True when a row label or a header level names one of the 三公 measures,
/// 机关运行经费, 会议费 or 培训费.
fn three_public_named(id: &str, s: &str) -> bool {
    let vehicle = s.contains("公务用车");
    match id {
        "three_public_total" => {
            s.contains("三公")
                && !s.contains("机关运行")
                && (s.ends_with("经费") || total_word(s) || s.ends_with("总额"))
        }
        "three_public_abroad" => s.contains("因公出国"),
        "three_public_vehicle" => vehicle && s.contains("购置及运行"),
        "three_public_vehicle_purchase" => vehicle && s.contains("购置") && !s.contains("运行"),
        "three_public_vehicle_operation" => vehicle && s.contains("运行") && !s.contains("购置"),
        "three_public_reception" => s.contains("公务接待"),
        "office_operation" => s.contains("机关运行经费"),
        "meeting" => s.starts_with("会议费"),
        "training" => s.starts_with("培训费"),
        _ => false,
    }
}

/// `合计`, `小计`, `总计` at the end of a label.
fn total_word(s: &str) -> bool {
    ["合计", "小计", "总计"].iter().any(|w| s.ends_with(w))
}

/// True when header level `s` on its own names measure `id` (used to tell
/// a part column from a total one).
fn column_names_leaf(id: &str, s: &str) -> bool {
    match id {
        "basic_expense" => s.starts_with("基本支出"),
        "project_expense" => s.starts_with("项目支出"),
        "personnel_expense" => s.starts_with("人员经费") || s == "工资福利支出",
        "public_expense" => s.starts_with("公用经费"),
        _ => three_public_named(id, s),
    }
}

/// True when column `col` of `t` is measure `id`: its leaf names it
/// (`基本支出/人员经费`), or its leaf is a subtotal (`小计`, `合计`) of a
/// group that names it (`公务用车购置及运行费/小计`), or, in the "三公"
/// table, the lone `合计` of a table that prints only the three kinds.
fn column_names(t: &Table, id: &str, col: &Column) -> bool {
    let names_any = |s: &str| MEASURES.iter().any(|m| column_names_leaf(m.id, s));
    let segs: Vec<String> = segments(&col.path).into_iter().filter(|s| fund(s).is_none() || names_any(s)).collect();
    let Some(at) = segs.iter().rposition(|s| !total_word(s) && !is_figure_word(s)) else {
        return id == "three_public_total" && t.key == TableKey::ThreePublicExpense && only_three_kinds(t);
    };
    let named = column_names_leaf(id, &segs[at]);
    match id {
        "three_public_vehicle_purchase" if !named => {
            at > 0 && segs[at].starts_with("购置") && column_names_leaf("three_public_vehicle", &segs[at - 1])
        }
        "three_public_vehicle_operation" if !named => {
            at > 0 && segs[at].starts_with("运行") && column_names_leaf("three_public_vehicle", &segs[at - 1])
        }
        "three_public_total" if !named => segs[at].contains("三公") && at + 1 < segs.len() && total_word(&segs[at + 1]),
        _ => named,
    }
}

/// Header levels that say what kind of figure a column holds, or which
/// side or panel, not what it is a figure of: `预算数`, `支出预算`,
/// `年初预算数`, `决算数`, `金额`, a year, `支出`, `功能分类` (but not
/// `政府采购预算` or `机关运行经费预算数`, figures of their own).
fn is_figure_word(s: &str) -> bool {
    let s = strip_year(s);
    let sides = ["收入", "支出", "本年收入", "本年支出", "项目", "科目", "功能分类", "经济分类", "支出用途"];
    let kinds = ["预算数", "预算", "决算数", "决算", "金额", "执行数"];
    let plain = ["", "支出", "收入", "本年", "当年", "年初", "全年", "调整"];
    let of_a_kind = kinds.iter().any(|k| s.strip_suffix(k).is_some_and(|head| plain.contains(&head)));
    s.is_empty() || TOTAL_LEAVES.contains(&s) || sides.contains(&s) || of_a_kind || fund(s).is_some()
}

/// True when the "三公" table prints nothing but the three kinds (no
/// 会议费, 培训费 or 机关运行经费 beside them), so that its 合计 is theirs.
fn only_three_kinds(t: &Table) -> bool {
    let others = ["会议费", "培训费", "机关运行", "行政经费"];
    let seen: BTreeSet<&str> = t
        .columns
        .iter()
        .map(|c| c.path.as_str())
        .chain(t.rows.iter().map(|r| r.name.as_str()))
        .flat_map(|s| others.iter().copied().filter(move |o| s.contains(o)))
        .collect();
    seen.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;
    use budget_model::Column;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap_or_default()
    }

    fn table(key: TableKey, unit: &str, columns: &[&str], rows: &[(&str, &[&str])]) -> Table {
        let mut t = Table::new(key, "", "");
        t.unit = Some(unit.into());
        t.columns = columns.iter().map(|c| Column::amount(*c)).collect();
        for (name, cells) in rows {
            let mut r = Row::new(*name, 3);
            r.cells = cells.iter().map(|c| if c.is_empty() { Cell::Blank } else { Cell::Amount(d(c)) }).collect();
            t.rows.push(r);
        }
        t
    }

    fn doc(tables: Vec<Table>) -> Document {
        Document { year: Some(2025), department: "云湖区民政局".into(), tables, ..Document::default() }
    }

    fn value(doc: &Document, id: &str) -> Option<String> {
        match &find(doc)[index(id)] {
            Found::One(f) => Some(f.yuan.to_string()),
            Found::None => None,
            Found::Disagree(_) => Some("disagree".into()),
        }
    }

    #[test]
    fn names_are_read_without_ordinals_quotes_and_half_width_brackets() {
        for (printed, want) in [
            ("其中：（一）因公出国(境)支出", "因公出国（境）支出"),
            ("一、 财政拨款收入", "财政拨款收入"),
            ("“三公”经费", "三公经费"),
            ("1.公务用车购置费", "公务用车购置费"),
            ("十二、其他支出", "其他支出"),
        ] {
            assert_eq!(norm(printed), want, "{printed}");
        }
    }

    #[test]
    fn a_column_wise_three_public_table_gives_each_kind_and_their_sum() {
        let t = table(
            T7,
            "万元",
            &[
                "“三公”经费合计",
                "因公出国（境）费",
                "公务用车购置及运行费/小计",
                "公务用车购置及运行费/公务用车购置费",
                "公务用车购置及运行费/公务用车运行费",
                "公务接待费",
            ],
            &[("", &["12.50", "2.00", "8.00", "5.00", "3.00", "2.50"])],
        );
        let doc = doc(vec![t]);
        let want = [
            ("three_public_total", "125000"),
            ("three_public_abroad", "20000"),
            ("three_public_vehicle", "80000"),
            ("three_public_vehicle_purchase", "50000"),
            ("three_public_vehicle_operation", "30000"),
            ("three_public_reception", "25000"),
        ];
        for (id, v) in want {
            assert_eq!(value(&doc, id).as_deref(), Some(v), "{id}");
        }
    }

    #[test]
    fn a_row_wise_three_public_table_split_by_fund_gives_the_general_budget_part() {
        let t = table(
            T7,
            "元",
            &["合计", "一般公共预算", "政府性基金预算"],
            &[
                ("“三公”经费", &["1300", "1000", "300"]),
                ("其中：（一）因公出国（境）支出", &["100", "100", ""]),
                ("（二）公务用车购置及运行维护支出", &["700", "400", "300"]),
                ("1.公务用车购置费", &["", "", ""]),
                ("2.公务用车运行维护费", &["700", "400", "300"]),
                ("（三）公务接待费支出", &["500", "500", ""]),
            ],
        );
        let doc = doc(vec![t]);
        assert_eq!(value(&doc, "three_public_total").as_deref(), Some("1000"));
        assert_eq!(value(&doc, "three_public_vehicle").as_deref(), Some("400"));
        assert_eq!(value(&doc, "three_public_vehicle_operation").as_deref(), Some("400"));
        assert_eq!(value(&doc, "three_public_vehicle_purchase").as_deref(), Some("0"));
    }

    #[test]
    fn a_total_that_holds_meeting_and_training_fees_is_not_the_three_public_total() {
        let t = table(
            T7,
            "万元",
            &["合计", "因公出国（境）费", "公务用车购置及运行费", "公务接待费", "会议费", "培训费"],
            &[("合计", &["20", "1", "2", "3", "6", "8"])],
        );
        let doc = doc(vec![t]);
        assert_eq!(value(&doc, "three_public_total").as_deref(), Some("60000"));
        assert_eq!(value(&doc, "meeting").as_deref(), Some("60000"));
        assert_eq!(value(&doc, "training").as_deref(), Some("80000"));
    }

    #[test]
    fn figures_of_two_tables_agree_within_rounding_and_the_finer_is_kept() {
        let mut t1 = table(T1, "万元", &["预算数"], &[("本年支出合计", &["1477.88"])]);
        t1.rows[0].section = Some(Section::Expense);
        let t3 =
            table(T3, "元", &["合计", "基本支出", "项目支出"], &[("合计", &["14778812.34", "10000000", "4778812.34"])]);
        let doc = doc(vec![t1, t3]);
        assert_eq!(value(&doc, "expense_this_year").as_deref(), Some("14778812.34"));
        assert_eq!(value(&doc, "basic_expense").as_deref(), Some("10000000"));
        let mut t1 = table(T1, "万元", &["预算数"], &[("本年支出合计", &["1477.00"])]);
        t1.rows[0].section = Some(Section::Expense);
        let t3 = table(T3, "元", &["合计"], &[("合计", &["14778812.34"])]);
        assert_eq!(value(&doc_of(t1, t3), "expense_this_year").as_deref(), Some("disagree"));
    }

    fn doc_of(a: Table, b: Table) -> Document {
        doc(vec![a, b])
    }

    #[test]
    fn last_year_and_change_columns_are_not_read() {
        let mut t =
            table(T1, "万元", &["2024年预算数", "2025年预算数", "增减"], &[("本年支出合计", &["90", "100", "10"])]);
        t.rows[0].section = Some(Section::Expense);
        assert_eq!(value(&doc(vec![t]), "expense_this_year").as_deref(), Some("1000000"));
    }

    #[test]
    fn fund_rows_after_the_carried_over_heading_are_not_this_years_income() {
        let mut t = table(
            T1,
            "元",
            &["预算数"],
            &[("一般公共预算拨款收入", &["500"]), ("上年结转", &["70"]), ("一般公共预算拨款", &["70"])],
        );
        t.rows.iter_mut().for_each(|r| r.section = Some(Section::Income));
        assert_eq!(value(&doc(vec![t]), "fiscal_general_budget").as_deref(), Some("500"));
    }

    #[test]
    fn a_table_without_a_unit_gives_nothing() {
        let mut t = table(T3, "", &["合计"], &[("合计", &["10"])]);
        t.unit = None;
        assert_eq!(value(&doc(vec![t]), "expense_this_year"), None);
    }
}
