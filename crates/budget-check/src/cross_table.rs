//! The same figure where tables restate it. Each pair is compared only
//! where both tables cover the same money:
//!
//! | printed in | restated by | figures |
//! |---|---|---|
//! | 1 部门收支总表 | 3 部门支出总表 | this year's expense, and per 类 |
//! | 1 | 2 部门收入总表 | this year's income; the income total when 2 has a 结转 column |
//! | 1 | 4 财政拨款收支总表 | totals and per 类, when all income in 1 is 财政拨款 |
//! | 4 | 5-1 (+ 8 + 9) | per 类 and this year's expense: 一般公共预算 (+ 政府性基金 + 国有资本经营) |
//! | 3 | 5-1 | totals and per 类, when all income in 1 is 一般公共预算 |
//! | 6 | 5-1 | 基本支出, 人员经费, 公用经费 |
//! | 5-2 | 5-1 | the 合计 row, column by column |
//! | 5-2 | 2 | per unit: 一般公共预算 income (+ 上年结转 when table 4 shows it is all 一般公共预算) |
//! | 10 | 3, 5-1 | 项目支出; its 一般公共预算 columns |
//! | 7 | 6 | 公务接待费, 因公出国（境）费, 公务用车运行费: 6 at most 7 (`ok` below, `fail` above), as 三公 also includes project money |
//!
//! A 类 that one table lists and the other leaves out counts as 0 there
//! (summary tables list only the 类 with money).

use std::collections::{BTreeMap, BTreeSet};

use budget_model::{CheckKind, Section, Table, TableKey};

use crate::ledger::Ledger;
use crate::locate::{
    coded_categories, column_containing, columns_containing, concept_column, named_categories, row_column, side_column,
    total_column, total_row,
};
use crate::names::{fund_type, is_fiscal, is_total, Fund};
use crate::sum::{unchecked, Figure, Sum, View};
use crate::two_sided::Side;

/// Runs every cross-table comparison whose tables the document has.
pub(crate) fn check(views: &[View], ledger: &mut Ledger) {
    let t = Tables(views);
    summary_vs_expense(&t, ledger);
    summary_vs_income(&t, ledger);
    summary_vs_fiscal(&t, ledger);
    fiscal_vs_funds(&t, ledger);
    expense_vs_general(&t, ledger);
    general_vs_basic(&t, ledger);
    units(&t, ledger);
    three_public(&t, ledger);
    projects(&t, ledger);
}

/// The document's tables by key (the first of each key).
struct Tables<'v, 'a>(&'v [View<'a>]);

impl<'v, 'a> Tables<'v, 'a> {
    fn get(&self, key: TableKey) -> Option<&'v View<'a>> {
        self.0.iter().find(|v| v.table.key == key)
    }
}

/// One figure of one table; `row` is `None` where the table does not
/// list the row (its figure is 0).
#[derive(Clone, Copy)]
struct At<'v, 'a> {
    view: &'v View<'a>,
    row: Option<usize>,
    col: usize,
}

impl<'v, 'a> At<'v, 'a> {
    fn new(view: &'v View<'a>, row: usize, col: usize) -> Self {
        At { view, row: Some(row), col }
    }

    fn figure(&self) -> Figure {
        self.row.map(|r| self.view.figure(r, self.col)).unwrap_or(Figure::Blank)
    }

    /// `table 3 201 一般公共服务支出 [合计]`.
    fn describe(&self) -> String {
        let t = self.view.table;
        let no = if t.no.is_empty() { t.key.as_str() } else { t.no.as_str() };
        let row = match self.row.map(|r| &t.rows[r]) {
            Some(r) => format!("{} {}", r.code.as_deref().unwrap_or(""), r.name).trim().to_string(),
            None => "(not listed)".into(),
        };
        format!("table {no} {row} [{}]", self.view.column(self.col))
    }
}

/// `actual` against the sum of `expected`, all in the coarsest unit among
/// them when the tables print different units (三公 in 万元, 基本支出 in 元).
fn same(ledger: &mut Ledger, what: &str, actual: At, expected: &[At], at_least: bool) {
    let sum = match actual.row {
        Some(r) => Sum::at(CheckKind::CrossTable, actual.view, r, actual.col),
        None => {
            let (code, name) = expected
                .iter()
                .find_map(|e| e.row.map(|r| &e.view.table.rows[r]))
                .map(|r| (r.code.clone().unwrap_or_default(), r.name.clone()))
                .unwrap_or_default();
            Sum::absent(CheckKind::CrossTable, actual.view, actual.col, &code, &name)
        }
    };
    let sources: Vec<String> = expected.iter().map(At::describe).collect();
    let mut detail = format!("{what}: {} = {}", actual.describe(), sources.join(" + "));
    let coarsest = std::iter::once(&actual).chain(expected).filter_map(|a| a.view.unit_factor()).max();
    let convert = |a: &At| match (a.figure(), a.view.unit_factor(), coarsest) {
        (Figure::Printed(d), Some(f), Some(c)) if f < c => Figure::Printed(d * f / c),
        (figure, _, _) => figure,
    };
    if std::iter::once(&actual).chain(expected).any(|a| convert(a) != a.figure()) {
        let mut coarse = std::iter::once(&actual).chain(expected).filter(|a| a.view.unit_factor() == coarsest);
        let unit = coarse.find_map(|a| a.view.table.unit.clone()).unwrap_or_default();
        detail.push_str(&format!(" (compared in {unit})"));
    }
    let mut sum = sum.printed(convert(&actual)).terms(expected.iter().map(convert)).detail(detail);
    for e in expected {
        sum = sum.places(e.view, e.row.map(|r| (r, e.col)));
    }
    let sum = if at_least { sum.at_least() } else { sum };
    ledger.add(actual.view, &[], sum);
}

/// Figures per 类 of one table: the table, the column, 类 code → row.
type Categories<'v, 'a> = (&'v View<'a>, usize, BTreeMap<String, usize>);

/// Each 类 that any side prints with money: `actual` against the sum of
/// `expected`. Only when `actual` and one of `expected` list 类 at all: a
/// table without them is not by function (江苏 支出预算总表 is by use).
fn per_category(ledger: &mut Ledger, what: &str, actual: &Categories, expected: &[Categories]) {
    if actual.2.is_empty() || expected.iter().all(|(_, _, m)| m.is_empty()) {
        return;
    }
    // A table that lists its 类 once per unit (深圳 部门支出总表 of a
    // department with several units) gives no one figure per 类.
    if let Some((v, _, _)) = std::iter::once(actual).chain(expected).find(|(v, _, _)| repeats_categories(v.table)) {
        let why = format!("{what}: per 类 not compared, as {} lists its 类 once per unit", v.table.key.as_str());
        ledger.push(unchecked(CheckKind::CrossTable, v, None, why));
        return;
    }
    let mut keys: BTreeSet<&String> = actual.2.keys().collect();
    for (_, _, m) in expected {
        keys.extend(m.keys());
    }
    for key in keys {
        let a = At { view: actual.0, row: actual.2.get(key).copied(), col: actual.1 };
        let e: Vec<At> = expected.iter().map(|(v, c, m)| At { view: v, row: m.get(key).copied(), col: *c }).collect();
        if a.figure().is_nonzero() || e.iter().any(|x| x.figure().is_nonzero()) {
            same(ledger, &format!("类 {key}, {what}"), a, &e, false);
        }
    }
}

/// True when a 类 code stands on more than one row of `t`.
fn repeats_categories(t: &Table) -> bool {
    let mut seen = BTreeSet::new();
    t.rows
        .iter()
        .filter_map(|r| r.code.as_deref().filter(|c| c.len() == 3 && c.starts_with('2')))
        .any(|c| !seen.insert(c))
}

/// This year's total of a side of a two-sided table (`本年支出合计`,
/// `当年收入小计`, the group `本年支出`); the grand total when the side has
/// no carry-over rows to tell the two apart.
fn this_year(t: &Table, side: &Side, word: &str) -> Option<usize> {
    let named = |n: &str| n.starts_with(&format!("本年{word}")) || n.starts_with(&format!("当年{word}"));
    let total = side.totals.iter().map(|(r, _)| *r).find(|&r| named(&t.rows[r].name));
    let group = side.groups.iter().map(|(r, _)| *r).find(|&r| named(&t.rows[r].name));
    let carry = side.items.iter().any(|&r| t.rows[r].name.contains("结转") || t.rows[r].name.contains("结余"));
    total.or(group).or_else(|| if carry { None } else { side.grand_total(t) })
}

/// True when every income item of a two-sided table that `keep` does not
/// accept is printed as zero (blank zeros included). A side with no items
/// read (a table whose rows were left out) tells nothing.
fn only(view: &View, col: usize, side: &Side, keep: impl Fn(&str) -> bool) -> bool {
    let t = view.table;
    !side.items.is_empty()
        && side
            .items
            .iter()
            .filter(|&&r| !keep(&t.rows[r].name))
            .all(|&r| view.figure(r, col).value().is_some_and(|v| v.is_zero()))
}

/// Table 1 against table 3: this year's expense, in total and per 类.
fn summary_vs_expense(t: &Tables, ledger: &mut Ledger) {
    let (Some(v1), Some(v3)) = (t.get(TableKey::IncomeExpenseSummary), t.get(TableKey::ExpenseSummary)) else {
        return;
    };
    let (Some(c1), Some(c3)) = (side_column(v1.table, Section::Expense), total_column(v3.table)) else { return };
    let side = Side::read(v1.table, Section::Expense);
    let named = named_categories(v1.table, &side.items, &[v3.table]);
    let what = "expense of all funds";
    per_category(ledger, what, &(v1, c1, named), &[(v3, c3, coded_categories(v3.table))]);
    if let (Some(r1), Some(r3)) = (this_year(v1.table, &side, "支出"), total_row(v3.table)) {
        let c1 = row_column(v1.table, r1, Section::Expense).unwrap_or(c1);
        same(ledger, what, At::new(v1, r1, c1), &[At::new(v3, r3, c3)], false);
    }
}

/// Table 1 against table 2: this year's income; the income total when
/// table 2 has a carry-over column.
fn summary_vs_income(t: &Tables, ledger: &mut Ledger) {
    let (Some(v1), Some(v2)) = (t.get(TableKey::IncomeExpenseSummary), t.get(TableKey::IncomeSummary)) else {
        return;
    };
    let Some(r2) = total_row(v2.table) else { return };
    let side = Side::read(v1.table, Section::Income);
    let at1 = |r: usize| row_column(v1.table, r, Section::Income).map(|c| At::new(v1, r, c));
    let carry = v2.table.columns.iter().any(|c| c.path.contains("结转") || c.path.contains("结余"));
    let this_year_leaf = v2.table.amount_columns().find(|&c| {
        let leaf = v2.table.columns[c].leaf();
        (leaf.starts_with("本年收入") || leaf.starts_with("当年收入")) && is_total(leaf)
    });
    let col = concept_column(v2.table, "本年收入").or(this_year_leaf).or_else(|| {
        if carry {
            None
        } else {
            total_column(v2.table)
        }
    });
    if let (Some(c2), Some(a)) = (col, this_year(v1.table, &side, "收入").and_then(at1)) {
        same(ledger, "this year's income", a, &[At::new(v2, r2, c2)], false);
    }
    if let (true, Some(c2), Some(a)) = (carry, total_column(v2.table), side.grand_total(v1.table).and_then(at1)) {
        same(ledger, "income with carry-over", a, &[At::new(v2, r2, c2)], false);
    }
}

/// Table 1 against table 4, when all income in table 1 is 财政拨款.
fn summary_vs_fiscal(t: &Tables, ledger: &mut Ledger) {
    let (Some(v1), Some(v4)) = (t.get(TableKey::IncomeExpenseSummary), t.get(TableKey::FiscalIncomeExpenseSummary))
    else {
        return;
    };
    let Some(c1) = side_column(v1.table, Section::Income) else { return };
    if !only(v1, c1, &Side::read(v1.table, Section::Income), is_fiscal) {
        return;
    }
    let what = "all income is 财政拨款";
    let coded: Vec<&Table> = t.0.iter().map(|v| v.table).collect();
    for section in [Section::Income, Section::Expense] {
        let (s1, s4) = (Side::read(v1.table, section), Side::read(v4.table, section));
        let (Some(c1), Some(c4)) = (side_column(v1.table, section), side_column(v4.table, section)) else { continue };
        if section == Section::Expense {
            let n1 = named_categories(v1.table, &s1.items, &coded);
            let n4 = named_categories(v4.table, &s4.items, &coded);
            per_category(ledger, what, &(v1, c1, n1), &[(v4, c4, n4)]);
        }
        if let (Some(r1), Some(r4)) = (s1.grand_total(v1.table), s4.grand_total(v4.table)) {
            let c1 = row_column(v1.table, r1, section).unwrap_or(c1);
            let c4 = row_column(v4.table, r4, section).unwrap_or(c4);
            same(ledger, what, At::new(v1, r1, c1), &[At::new(v4, r4, c4)], false);
        }
    }
}

/// The budget tables of each fund: table key and fund.
pub(crate) const FUND_TABLES: [(TableKey, Fund, &str); 3] = [
    (TableKey::GeneralBudgetExpenseByFunction, Fund::General, "一般公共预算"),
    (TableKey::GovernmentFundExpense, Fund::Government, "政府性基金"),
    (TableKey::StateCapitalExpense, Fund::StateCapital, "国有资本经营"),
];

/// Table 4 against the tables of each fund (5-1, 8, 9): per 类 and this
/// year's expense. With a column per fund, each against its table; with
/// one column, against their sum.
fn fiscal_vs_funds(t: &Tables, ledger: &mut Ledger) {
    let (Some(v4), Some(_)) =
        (t.get(TableKey::FiscalIncomeExpenseSummary), t.get(TableKey::GeneralBudgetExpenseByFunction))
    else {
        return;
    };
    let coded: Vec<&Table> = t.0.iter().map(|v| v.table).collect();
    let expense = Side::read(v4.table, Section::Expense);
    let categories = |col: usize| (v4, col, named_categories(v4.table, &expense.items, &coded));
    let expense_column = |word: &str| column_containing(v4.table, word, Some(Section::Expense));
    let split = expense_column("一般公共预算").is_some();
    let mut parts = Vec::new();
    for (key, fund, word) in FUND_TABLES {
        let Some(part) = fund_part(t, key) else {
            if shows_fund(v4, fund) {
                let why = format!("table 4 shows {word} money but its own table was not read with a total column");
                ledger.push(unchecked(CheckKind::CrossTable, v4, None, why));
                if !split {
                    return;
                }
            }
            continue;
        };
        match (split, expense_column(word)) {
            (true, Some(c4)) => compare_fund(ledger, &categories(c4), &[part], &expense, word),
            (true, None) => {}
            (false, _) => parts.push(part),
        }
    }
    if let (false, Some(c4)) = (split, side_column(v4.table, Section::Expense)) {
        compare_fund(ledger, &categories(c4), &parts, &expense, "财政拨款");
    }
}

/// A fund's table as per-类 figures and its total (0 for a table printed
/// without rows), if the document has it with a total column.
fn fund_part<'v, 'a>(t: &Tables<'v, 'a>, key: TableKey) -> Option<(Categories<'v, 'a>, Option<At<'v, 'a>>)> {
    let v = t.get(key)?;
    let c = total_column(v.table)?;
    let total = match total_row(v.table) {
        Some(r) => Some(At::new(v, r, c)),
        None => v.table.rows.is_empty().then_some(At { view: v, row: None, col: c }),
    };
    Some(((v, c, coded_categories(v.table)), total))
}

/// True when the income side of table 4 shows money of `fund`.
fn shows_fund(v4: &View, fund: Fund) -> bool {
    let Some(c) = side_column(v4.table, Section::Income) else { return false };
    let income = Side::read(v4.table, Section::Income);
    income.items.iter().any(|&r| fund_type(&v4.table.rows[r].name) == Some(fund) && v4.figure(r, c).is_nonzero())
}

/// One column of table 4 against the sum of fund tables, per 类 and in
/// total.
fn compare_fund(ledger: &mut Ledger, four: &Categories, parts: &[(Categories, Option<At>)], side: &Side, what: &str) {
    let expected: Vec<Categories> = parts.iter().map(|(c, _)| c.clone()).collect();
    per_category(ledger, what, four, &expected);
    let totals: Option<Vec<At>> = parts.iter().map(|(_, at)| *at).collect();
    if let (Some(r4), Some(totals)) = (this_year(four.0.table, side, "支出"), totals) {
        same(ledger, what, At::new(four.0, r4, four.1), &totals, false);
    }
}

/// Table 3 against table 5-1, when all income in table 1 is 一般公共预算.
fn expense_vs_general(t: &Tables, ledger: &mut Ledger) {
    let (Some(v1), Some(v3), Some(v5)) = (
        t.get(TableKey::IncomeExpenseSummary),
        t.get(TableKey::ExpenseSummary),
        t.get(TableKey::GeneralBudgetExpenseByFunction),
    ) else {
        return;
    };
    let (Some(c1), Some(c3), Some(c5)) =
        (side_column(v1.table, Section::Income), total_column(v3.table), total_column(v5.table))
    else {
        return;
    };
    let general = |n: &str| fund_type(n) == Some(Fund::General);
    if !only(v1, c1, &Side::read(v1.table, Section::Income), general) {
        return;
    }
    let what = "all income is 一般公共预算";
    per_category(ledger, what, &(v3, c3, coded_categories(v3.table)), &[(v5, c5, coded_categories(v5.table))]);
    let (Some(r3), Some(r5)) = (total_row(v3.table), total_row(v5.table)) else { return };
    same(ledger, what, At::new(v3, r3, c3), &[At::new(v5, r5, c5)], false);
    for concept in ["基本支出", "项目支出"] {
        if let (Some(a), Some(b)) = (concept_column(v3.table, concept), concept_column(v5.table, concept)) {
            same(ledger, what, At::new(v3, r3, a), &[At::new(v5, r5, b)], false);
        }
    }
}

/// Table 6 against table 5-1 (基本支出, 人员经费, 公用经费), and 5-2 against
/// 5-1 (the 合计 row, column by column).
fn general_vs_basic(t: &Tables, ledger: &mut Ledger) {
    let Some(v5) = t.get(TableKey::GeneralBudgetExpenseByFunction) else { return };
    let Some(r5) = total_row(v5.table) else { return };
    if let Some(v6) = t.get(TableKey::GeneralBudgetBasicExpenseByEconomic) {
        let pairs = [
            (total_column(v6.table), concept_column(v5.table, "基本支出")),
            (concept_column(v6.table, "人员经费"), concept_column(v5.table, "人员经费")),
            (concept_column(v6.table, "公用经费"), concept_column(v5.table, "公用经费")),
        ];
        for (c6, c5) in pairs {
            if let (Some(r6), Some(c6), Some(c5)) = (total_row(v6.table), c6, c5) {
                same(ledger, "一般公共预算 基本支出", At::new(v6, r6, c6), &[At::new(v5, r5, c5)], false);
            }
        }
    }
    if let Some(v52) = t.get(TableKey::GeneralBudgetExpenseByUnit) {
        let Some(r52) = total_row(v52.table) else { return };
        for c52 in v52.table.amount_columns() {
            let path = &v52.table.columns[c52].path;
            if let Some(c5) = v5.table.amount_columns().find(|&c| &v5.table.columns[c].path == path) {
                same(
                    ledger,
                    "一般公共预算 by unit and by function",
                    At::new(v52, r52, c52),
                    &[At::new(v5, r5, c5)],
                    false,
                );
            }
        }
    }
}

/// Table 5-2 against table 2, unit by unit: 一般公共预算 income, plus the
/// unit's carry-over when table 4 shows all carry-over is 一般公共预算.
fn units(t: &Tables, ledger: &mut Ledger) {
    let (Some(v2), Some(v52)) = (t.get(TableKey::IncomeSummary), t.get(TableKey::GeneralBudgetExpenseByUnit)) else {
        return;
    };
    let (Some(g2), Some(c52)) = (column_containing(v2.table, "一般公共预算", None), total_column(v52.table))
    else {
        return;
    };
    let carry = column_containing(v2.table, "结转", None).or_else(|| column_containing(v2.table, "结余", None));
    let general_carry = carry.is_some_and(|c| carry_is_general(t, v2, c));
    for r52 in 0..v52.table.rows.len() {
        let Some(r2) = matching_row(v2.table, v52.table, r52) else { continue };
        let mut terms = vec![At::new(v2, r2, g2)];
        if let Some(c) = carry.filter(|&c| v2.figure(r2, c).value().is_none_or(|v| !v.is_zero())) {
            if !general_carry {
                let why = "the unit has carry-over that table 4 does not show to be 一般公共预算".to_string();
                ledger.push(unchecked(CheckKind::CrossTable, v52, Some(r52), why));
                continue;
            }
            terms.push(At::new(v2, r2, c));
        }
        same(ledger, "一般公共预算 per unit", At::new(v52, r52, c52), &terms, false);
    }
}

/// The row of `other` for row `r` of `t`: the same code, else (for rows
/// without one) the same name; total rows match total rows.
fn matching_row(other: &Table, t: &Table, r: usize) -> Option<usize> {
    let row = &t.rows[r];
    if row.code.is_none() && is_total(&row.name) {
        return (total_row(t) == Some(r)).then(|| total_row(other)).flatten();
    }
    match row.code.as_deref() {
        Some(code) => other.rows.iter().position(|o| o.code.as_deref() == Some(code)),
        None => other.rows.iter().position(|o| o.code.is_none() && o.name == row.name && !row.name.is_empty()),
    }
}

/// True when the carry-over of table 2 (its 合计 row) equals the
/// 一般公共预算 carry-over table 4 shows.
fn carry_is_general(t: &Tables, v2: &View, carry: usize) -> bool {
    let (Some(v4), Some(r2)) = (t.get(TableKey::FiscalIncomeExpenseSummary), total_row(v2.table)) else {
        return false;
    };
    let Some(c4) = side_column(v4.table, Section::Income) else { return false };
    let income = Side::read(v4.table, Section::Income);
    let t4 = v4.table;
    let general: Option<_> = income
        .groups
        .iter()
        .filter(|(g, _)| t4.rows[*g].name.contains("结转") || t4.rows[*g].name.contains("结余"))
        .flat_map(|(_, under)| under.iter().copied())
        .filter(|&r| fund_type(&t4.rows[r].name) == Some(Fund::General))
        .map(|r| v4.figure(r, c4).value())
        .sum();
    general.is_some() && general == v2.figure(r2, carry).value()
}

/// Table 7 against table 6: the 三公 items that table 6 prints as economic
/// items. 三公 includes project money, table 6 does not: table 6's figure
/// may be smaller than table 7's (`ok`), never larger (`fail`).
fn three_public(t: &Tables, ledger: &mut Ledger) {
    let (Some(v6), Some(v7)) =
        (t.get(TableKey::GeneralBudgetBasicExpenseByEconomic), t.get(TableKey::ThreePublicExpense))
    else {
        return;
    };
    let Some(c6) = total_column(v6.table) else { return };
    let Some(r7) = total_row(v7.table).or((v7.table.rows.len() == 1).then_some(0)) else { return };
    for word in ["公务接待费", "因公出国", "公务用车运行"] {
        let Some(c7) = column_containing(v7.table, word, None) else { continue };
        let r6 = v6.table.rows.iter().position(|r| r.code.is_some() && r.name.contains(word));
        let a = At::new(v7, r7, c7);
        let e = At { view: v6, row: r6, col: c6 };
        if a.figure().is_nonzero() || e.figure().is_nonzero() {
            same(ledger, "三公 at least 基本支出 (三公 also includes project money)", a, &[e], true);
        }
    }
}

/// Table 10 against table 3 (项目支出) and 5-1 (its 一般公共预算 columns).
fn projects(t: &Tables, ledger: &mut Ledger) {
    let Some(v10) = t.get(TableKey::ProjectExpense) else { return };
    let (Some(r10), Some(c10)) = (total_row(v10.table), total_column(v10.table)) else { return };
    // A project table of one fund (`一般公共预算项目支出情况表`, 广州) restates
    // that fund's 项目支出 (table 5-1), not the project spending of all funds.
    if fund_type(&v10.table.title) == Some(Fund::General) {
        let Some(v5) = t.get(TableKey::GeneralBudgetExpenseByFunction) else { return };
        if let (Some(r5), Some(c5)) = (total_row(v5.table), concept_column(v5.table, "项目支出")) {
            same(ledger, "一般公共预算 项目支出", At::new(v10, r10, c10), &[At::new(v5, r5, c5)], false);
        }
        return;
    }
    if let Some(v3) = t.get(TableKey::ExpenseSummary) {
        if let (Some(r3), Some(c3)) = (total_row(v3.table), concept_column(v3.table, "项目支出")) {
            same(ledger, "项目支出 of all funds", At::new(v10, r10, c10), &[At::new(v3, r3, c3)], false);
        }
    }
    let general = columns_containing(v10.table, "一般公共预算");
    let Some(v5) = t.get(TableKey::GeneralBudgetExpenseByFunction) else { return };
    if let (Some(r5), Some(c5), false) = (total_row(v5.table), concept_column(v5.table, "项目支出"), general.is_empty())
    {
        let terms: Vec<At> = general.iter().map(|&c| At::new(v10, r10, c)).collect();
        same(ledger, "一般公共预算 项目支出", At::new(v5, r5, c5), &terms, false);
    }
}

#[cfg(test)]
mod tests {
    use budget_model::{Check, CheckStatus, Table, TableKey};

    use crate::testing::{checks, table, two_sided};
    use budget_model::CheckKind::CrossTable;

    /// The cross-table verdicts as `(table, row, column, status)`.
    fn cross(c: &[Check]) -> Vec<(TableKey, String, String, CheckStatus)> {
        c.iter()
            .filter(|c| c.check == CrossTable)
            .map(|c| {
                let row = if c.row_code.is_empty() { c.row_name.clone() } else { c.row_code.clone() };
                (c.table_key, row, c.column.clone(), c.status)
            })
            .collect()
    }

    fn summary(expense: &[(&str, &[&str])]) -> Table {
        let income: &[(&str, &[&str])] =
            &[("一般公共预算拨款收入", &["30.00"]), ("本年收入合计", &["30.00"]), ("收入总计", &["30.00"])];
        two_sided(TableKey::IncomeExpenseSummary, &["预算数"], income, expense)
    }

    fn by_function(key: TableKey, rows: &[(&str, &str, &[&str])]) -> Table {
        table(key, &["合计", "基本支出", "项目支出"], rows)
    }

    /// A 部门收支总表 whose rows were all left out tells nothing of the
    /// income: 部门支出总表 (with 其他收入's money) is not held to 5-1.
    #[test]
    fn a_summary_without_income_items_does_not_say_all_is_general_budget() {
        let one = two_sided(TableKey::IncomeExpenseSummary, &["预算数"], &[], &[]);
        let three = by_function(TableKey::ExpenseSummary, &[("", "合计", &["30.00", "30.00", "0.00"])]);
        let five = by_function(TableKey::GeneralBudgetExpenseByFunction, &[("", "合计", &["20.00", "20.00", "0.00"])]);
        let found = cross(&checks(vec![one, three, five]));
        assert!(found.iter().all(|f| f.3 != CheckStatus::Fail), "{found:#?}");
    }

    /// 深圳 部门支出总表 of a department with units: each unit lists its 类.
    #[test]
    fn a_table_listing_its_categories_once_per_unit_is_not_compared_per_category() {
        let one = summary(&[("一般公共服务支出", &["30.00"]), ("本年支出合计", &["30.00"]), ("支出总计", &["30.00"])]);
        let three = by_function(
            TableKey::ExpenseSummary,
            &[
                ("", "合计", &["30.00", "30.00", "0.00"]),
                ("", "某局（本级）", &["20.00", "20.00", "0.00"]),
                ("201", "一般公共服务支出", &["20.00", "20.00", "0.00"]),
                ("", "某中心", &["10.00", "10.00", "0.00"]),
                ("201", "一般公共服务支出", &["10.00", "10.00", "0.00"]),
            ],
        );
        let found = cross(&checks(vec![one, three]));
        assert!(found.iter().all(|f| f.3 != CheckStatus::Fail), "{found:#?}");
        assert!(found.iter().any(|f| f.3 == CheckStatus::Unchecked), "{found:#?}");
    }

    #[test]
    fn table_1_restates_table_3_per_category() {
        let one = summary(&[
            ("一般公共服务支出", &["20.00"]),
            ("国防支出", &["0.00"]),
            ("住房保障支出", &["10.00"]),
            ("本年支出合计", &["30.00"]),
            ("支出总计", &["30.00"]),
        ]);
        let three = by_function(
            TableKey::ExpenseSummary,
            &[
                ("", "合计", &["30.00", "30.00", "0.00"]),
                ("201", "一般公共服务支出", &["20.00", "20.00", "0.00"]),
                ("221", "住房保障支出", &["10.00", "10.00", "0.00"]),
            ],
        );
        let found = cross(&checks(vec![one, three.clone()]));
        assert!(found.iter().all(|f| f.3 == CheckStatus::Ok), "{found:#?}");
        assert!(found.iter().any(|f| f.0 == TableKey::IncomeExpenseSummary && f.1 == "住房保障支出"), "{found:#?}");
        // A 类 table 1 prints and table 3 leaves out counts as 0 there.
        let one = summary(&[
            ("一般公共服务支出", &["20.00"]),
            ("国防支出", &["10.00"]),
            ("本年支出合计", &["30.00"]),
            ("支出总计", &["30.00"]),
        ]);
        let found = cross(&checks(vec![one, three]));
        let fails: Vec<_> = found.iter().filter(|f| f.3 == CheckStatus::Fail).map(|f| f.1.as_str()).collect();
        assert_eq!(fails, vec!["国防支出", "221"], "{found:#?}");
    }

    #[test]
    fn table_6_restates_the_basic_expense_of_5_1() {
        let five = table(
            TableKey::GeneralBudgetExpenseByFunction,
            &["合计", "基本支出/小计", "基本支出/人员经费", "基本支出/公用经费", "项目支出"],
            &[("", "合计", &["1477.88", "1137.88", "935.57", "202.32", "340.00"])],
        );
        let six = |staff: &str| {
            table(
                TableKey::GeneralBudgetBasicExpenseByEconomic,
                &[
                    "本年一般公共预算基本支出/合计",
                    "本年一般公共预算基本支出/人员经费",
                    "本年一般公共预算基本支出/公用经费",
                ],
                &[("", "合计", &["1137.88", staff, "202.32"])],
            )
        };
        let found = cross(&checks(vec![five.clone(), six("935.57")]));
        assert_eq!(found.iter().map(|f| f.3).collect::<Vec<_>>(), vec![CheckStatus::Ok; 3]);
        let found = cross(&checks(vec![five, six("935.75")]));
        assert_eq!(found[1].3, CheckStatus::Fail, "{found:#?}");
    }

    /// 三公 includes project money, 基本支出 does not: 基本支出 may be
    /// smaller (`ok`), never larger (`fail`); tables in 万元 and 元 are
    /// compared in 万元.
    #[test]
    fn three_public_is_at_least_the_basic_expense_across_units() {
        let mut six =
            table(TableKey::GeneralBudgetBasicExpenseByEconomic, &["合计"], &[("30217", "公务接待费", &["8265"])]);
        six.unit = Some("元".into());
        let seven = |v: &str| {
            let mut t = table(TableKey::ThreePublicExpense, &["“三公”经费合计", "公务接待费"], &[("", "", &[v, v])]);
            t.unit = Some("万元".into());
            t
        };
        for (printed, expected) in [
            ("0.83", CheckStatus::Ok),
            ("2.83", CheckStatus::Ok),
            ("0.82", CheckStatus::Rounding),
            ("0.81", CheckStatus::Fail),
        ] {
            let found = cross(&checks(vec![six.clone(), seven(printed)]));
            assert_eq!(found, vec![(TableKey::ThreePublicExpense, String::new(), "公务接待费".into(), expected)]);
        }
    }

    #[test]
    fn table_4_restates_the_fund_tables_per_category() {
        let four = |general: &str| {
            two_sided(
                TableKey::FiscalIncomeExpenseSummary,
                &["预算数"],
                &[
                    ("本年收入", &["15.00"]),
                    ("一般公共预算拨款", &["10.00"]),
                    ("政府性基金预算拨款", &["5.00"]),
                    ("收入总计", &["15.00"]),
                ],
                &[
                    ("本年支出", &["15.00"]),
                    ("一般公共服务支出", &[general]),
                    ("城乡社区支出", &["5.00"]),
                    ("支出总计", &["15.00"]),
                ],
            )
        };
        let five = by_function(
            TableKey::GeneralBudgetExpenseByFunction,
            &[("", "合计", &["10.00", "10.00", ""]), ("201", "一般公共服务支出", &["10.00", "10.00", ""])],
        );
        let eight = by_function(
            TableKey::GovernmentFundExpense,
            &[("", "合计", &["5.00", "", "5.00"]), ("212", "城乡社区支出", &["5.00", "", "5.00"])],
        );
        let found = cross(&checks(vec![four("10.00"), five.clone(), eight.clone()]));
        assert_eq!(found.len(), 3, "{found:#?}");
        assert!(found.iter().all(|f| f.3 == CheckStatus::Ok), "{found:#?}");
        let found = cross(&checks(vec![four("9.00"), five.clone(), eight]));
        assert_eq!(found[0].3, CheckStatus::Fail, "{found:#?}");
        // Without table 8, the 政府性基金 money table 4 shows cannot be placed.
        let found = cross(&checks(vec![four("10.00"), five]));
        assert_eq!(found[0].3, CheckStatus::Unchecked, "{found:#?}");
    }

    #[test]
    fn table_5_2_restates_table_2_unit_by_unit() {
        let two = table(
            TableKey::IncomeSummary,
            &["合计", "本年收入/小计", "本年收入/一般公共预算", "本年收入/事业收入"],
            &[
                ("303", "办公室", &["12.00", "12.00", "10.00", "2.00"]),
                ("303001", "本级", &["12.00", "12.00", "10.00", "2.00"]),
            ],
        );
        let five_two = |v: &str| {
            table(
                TableKey::GeneralBudgetExpenseByUnit,
                &["合计"],
                &[("303", "办公室", &["10.00"]), ("303001", "本级", &[v])],
            )
        };
        let found = cross(&checks(vec![two.clone(), five_two("10.00")]));
        assert_eq!(found.iter().map(|f| f.3).collect::<Vec<_>>(), vec![CheckStatus::Ok; 2]);
        let found = cross(&checks(vec![two, five_two("12.00")]));
        assert_eq!(found[1].3, CheckStatus::Fail);
    }

    #[test]
    fn the_project_table_restates_project_expense() {
        let three = by_function(TableKey::ExpenseSummary, &[("", "合计", &["30.00", "20.00", "10.00"])]);
        let ten =
            |v: &str| table(TableKey::ProjectExpense, &["合计", "本年拨款/一般公共预算"], &[("", "合计", &[v, v])]);
        assert_eq!(cross(&checks(vec![three.clone(), ten("10.00")]))[0].3, CheckStatus::Ok);
        assert_eq!(cross(&checks(vec![three, ten("11.00")]))[0].3, CheckStatus::Fail);
    }

    /// 广州 一般公共预算项目支出情况表: the project table of one fund restates
    /// that fund's 项目支出 in 5-1, not table 3's of all funds.
    #[test]
    fn a_project_table_of_one_fund_restates_that_funds_project_expense() {
        let three = by_function(TableKey::ExpenseSummary, &[("", "合计", &["50.00", "20.00", "30.00"])]);
        let five = by_function(TableKey::GeneralBudgetExpenseByFunction, &[("", "合计", &["30.00", "20.00", "10.00"])]);
        let mut ten = table(TableKey::ProjectExpense, &["预算"], &[("", "合计", &["10.00"])]);
        ten.title = "一般公共预算项目支出情况表（按经济分类科目）".into();
        let found = cross(&checks(vec![three, five, ten]));
        let project: Vec<_> = found.iter().filter(|f| f.0 == TableKey::ProjectExpense).collect();
        assert_eq!(project.len(), 1, "{found:#?}");
        assert_eq!(project[0].3, CheckStatus::Ok);
    }
}
