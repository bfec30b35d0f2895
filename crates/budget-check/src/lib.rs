//! Arithmetic and cross-table checks of rebuilt budget tables.
//!
//! [`check_document`] takes a parsed [`Document`] and returns one
//! [`Check`] per comparison, in table order, cross-table checks last. It is
//! pure and never fails: a figure that is not there makes its check
//! [`CheckStatus::Unchecked`], and a table or row that no check reaches is
//! reported as such (kind [`CheckKind::Coverage`]).
//!
//! The kinds (the `check` column of `checks.csv`) are the variants of
//! [`CheckKind`]: [`CheckKind::Hierarchy`] (a coded row against the rows
//! whose codes extend it), [`CheckKind::TotalRow`] (a `合计` row against the
//! top-level rows), [`CheckKind::RowSum`] (a column whose header says it
//! sums others), [`CheckKind::TwoSided`] (the groups, totals and balance of
//! 收支总表), [`CheckKind::CrossTable`] (the same figure where tables restate
//! it), [`CheckKind::FormSum`] (the lists and totals of the performance
//! and project forms) and [`CheckKind::CodeName`] (a classification code
//! printed with the name of the code beside it, by the code book of
//! `data/codebook.tsv`; only failures are written).
//!
//! Verdicts: exact → `ok`; off by no more than one unit of the last printed
//! digit per summed term → `rounding` (0.01 per term for amounts printed
//! with two decimals; the least precise non-zero figure compared sets the
//! unit, so whole 元 beside 元 and 分 allow 1); else `fail`, or `warning`
//! where a difference is allowed. Tables printed in different units (三公
//! in 万元, 基本支出 in 元) are compared in the coarser one.
//!
//! Blank cells: a column (on one side of a two-sided table) that prints no
//! zero amount but has blank cells prints zeros blank (财政拨款收支总表 in the
//! Hubei template, 上缴上级支出 in 支出决算表), and its blanks count as 0; in
//! a column that prints `0.00`, a blank is a missing figure, and every check
//! that needs it is `unchecked`. A check whose figures are all blank zeros
//! is not made: nothing is printed to check.
//!
//! ```
//! use budget_model::{Cell, CheckKind, CheckStatus, Column, Decimal, Document, Row, Table, TableKey};
//!
//! let amount = |s: &str| Cell::Amount(s.parse::<Decimal>().unwrap());
//! let row = |code: &str, name: &str, v: &str| {
//!     let mut r = Row::new(name, 9);
//!     r.code = (!code.is_empty()).then(|| code.to_string());
//!     r.cells = vec![amount(v)];
//!     r
//! };
//! let mut t = Table::new(TableKey::ExpenseSummary, "3", "部门支出总表");
//! t.columns = vec![Column::amount("合计")];
//! t.rows = vec![row("22102", "住房改革支出", "139.77"), row("2210201", "住房公积金", "88.34")];
//! let doc = Document { tables: vec![t], ..Document::default() };
//!
//! let checks = budget_check::check_document(&doc);
//! assert_eq!(checks[0].check, CheckKind::Hierarchy);
//! assert_eq!(checks[0].status, CheckStatus::Fail);
//! assert_eq!(checks[0].expected.unwrap().to_string(), "88.34");
//! assert_eq!(checks[0].difference.unwrap().to_string(), "51.43");
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod code_name;
mod codebook;
mod cross_table;
mod form_sum;
mod hierarchy;
mod ledger;
mod locate;
mod names;
mod row_sum;
mod status;
mod sum;
mod two_sided;

pub use budget_model::{Check, CheckKind, CheckStatus, Document};

use budget_model::{Cell, ColumnKind};
pub use status::{judge, CONFIRMED_THRESHOLD};

use ledger::Ledger;
use sum::View;

/// Every check of `doc`: within each amount table, then across tables, then
/// within the forms.
pub fn check_document(doc: &Document) -> Vec<Check> {
    check_and_confirm(doc).checks
}

/// The checks of a document and how much of it they vouch for.
#[derive(Debug, Clone, Default)]
pub struct Outcome {
    /// Every check, as [`check_document`] gives them.
    pub checks: Vec<Check>,
    /// How many of the document's non-blank amount cells take part in at
    /// least one passing (`ok` or `rounding`) check, as a term or as the
    /// figure compared.
    pub confirmed: usize,
    /// The blank amount cells that a passing check counts as 0 (a blank of
    /// a column that prints zeros blank), as (table, row, column).
    pub confirmed_zeros: Vec<(usize, usize, usize)>,
    /// The non-blank amount cells counted in `confirmed`, as (table, row,
    /// column): those the review page does not mark unchecked.
    pub confirmed_places: Vec<(usize, usize, usize)>,
}

/// Every check of `doc` (as [`check_document`]), and the number of its
/// amounts that a passing check confirms.
pub fn check_and_confirm(doc: &Document) -> Outcome {
    let views: Vec<View> =
        doc.tables.iter().enumerate().filter(|(_, t)| !t.key.is_form()).map(|(i, t)| View::new(t, i)).collect();
    let mut ledger = Ledger::new(doc);
    for view in &views {
        if view.table.key.is_two_sided() {
            two_sided::check(view, &mut ledger);
        } else {
            hierarchy::check(view, &mut ledger);
        }
        row_sum::check(view, &mut ledger);
        code_name::check(view, &mut ledger);
        ledger.coverage(view);
    }
    cross_table::check(&views, &mut ledger);
    form_sum::check(&doc.forms, &mut ledger);
    let (checks, places) = ledger.into_parts();
    let confirmed_places: Vec<_> = places.iter().copied().filter(|&(t, r, c)| is_amount(doc, t, r, c)).collect();
    let confirmed = confirmed_places.len();
    let confirmed_zeros = places.into_iter().filter(|&p| doc.blank(p).is_some()).collect();
    Outcome { checks, confirmed, confirmed_zeros, confirmed_places }
}

/// True when cell `c` of row `r` of table `t` is a printed amount in an
/// amount column of that row's side (a cell of `cells.csv` with a value).
fn is_amount(doc: &Document, t: usize, r: usize, c: usize) -> bool {
    let Some(table) = doc.tables.get(t) else { return false };
    let Some(row) = table.rows.get(r) else { return false };
    let column = table.columns.get(c).is_some_and(|col| col.kind == ColumnKind::Amount && col.serves(row));
    column && matches!(row.cells.get(c), Some(Cell::Amount(_)))
}

/// Whether `name` is an item or class of the 部门预算支出经济分类 as budgets
/// print it (`培训费`, `维修（护）费`, `信息网络及软件购置更新`): a name the code
/// book holds for a `3xx` or `3xxxx` code, printed by two issuers or more.
/// Readers use it to tell an economic item's cell from a project's name.
///
/// ```
/// assert!(budget_check::is_economic_item_name("培训费"));
/// assert!(!budget_check::is_economic_item_name("省政协专项会议"));
/// ```
pub fn is_economic_item_name(name: &str) -> bool {
    codebook::book().is_strong_name(codebook::Class::Departmental, name)
}

/// The codes of the departmental economic classification that `name` is
/// the strong name of (`基本工资` → `30101`, `工资福利支出` → `301`); none for
/// a name the book does not place.
pub fn economic_codes_of_name(name: &str) -> &'static [&'static str] {
    codebook::book().strong_codes(codebook::Class::Departmental, name)
}

/// A table's total column as the checks take it: its one amount column,
/// or the shallowest whose leaf ends in `合计` or `总计` (`2026年预算数/总计`
/// beside `2025年预算数`).
pub fn total_column(t: &budget_model::Table) -> Option<usize> {
    locate::total_column(t)
}

/// Each fund's own expense table by function, with the word that names the
/// fund in income items and columns (`一般公共预算`, `政府性基金`,
/// `国有资本经营`): the tables the checks hold against 财政拨款收支总表.
pub fn fund_tables() -> impl Iterator<Item = (budget_model::TableKey, &'static str)> {
    cross_table::FUND_TABLES.iter().map(|&(key, _, word)| (key, word))
}

/// Builders for the unit tests: tables written as they are printed.
#[cfg(test)]
pub(crate) mod testing {
    use budget_model::{Cell, Check, CheckKind, CheckStatus, Column, Decimal, Document, Row, Section, Table, TableKey};

    /// A cell as printed: empty is blank, a number is an amount, anything
    /// else is text.
    pub fn cell(s: &str) -> Cell {
        if s.is_empty() {
            Cell::Blank
        } else {
            s.parse::<Decimal>().map(Cell::Amount).unwrap_or_else(|_| Cell::Text(s.to_string()))
        }
    }

    /// A table of `key` with amount `columns` and rows `(code, name, cells)`.
    pub fn table(key: TableKey, columns: &[&str], rows: &[(&str, &str, &[&str])]) -> Table {
        let mut t = Table::new(key, "", "");
        t.columns = columns.iter().map(|c| Column::amount(*c)).collect();
        t.rows = rows.iter().map(|(code, name, cells)| row(None, code, name, cells)).collect();
        t.pages = vec![1];
        t
    }

    /// A two-sided table: income rows, then expense rows, `(name, cells)`.
    pub fn two_sided(
        key: TableKey,
        columns: &[&str],
        income: &[(&str, &[&str])],
        expense: &[(&str, &[&str])],
    ) -> Table {
        let mut t = table(key, columns, &[]);
        t.rows.extend(income.iter().map(|(n, c)| row(Some(Section::Income), "", n, c)));
        t.rows.extend(expense.iter().map(|(n, c)| row(Some(Section::Expense), "", n, c)));
        t
    }

    fn row(section: Option<Section>, code: &str, name: &str, cells: &[&str]) -> Row {
        let mut r = Row::new(name, 1);
        r.section = section;
        r.code = (!code.is_empty()).then(|| code.to_string());
        r.cells = cells.iter().map(|c| cell(c)).collect();
        r
    }

    /// Every check of a document made of `tables`.
    pub fn checks(tables: Vec<Table>) -> Vec<Check> {
        crate::check_document(&Document { tables, ..Document::default() })
    }

    /// The checks of `kind` as `(code or name, column, status)`.
    pub fn verdicts(checks: &[Check], kind: CheckKind) -> Vec<(String, String, CheckStatus)> {
        checks
            .iter()
            .filter(|c| c.check == kind)
            .map(|c| {
                let row = if c.row_code.is_empty() { c.row_name.clone() } else { c.row_code.clone() };
                (row, c.column.clone(), c.status)
            })
            .collect()
    }

    /// The status of the one check of `kind` on `row` and `column`.
    pub fn status(checks: &[Check], kind: CheckKind, row: &str, column: &str) -> CheckStatus {
        let found: Vec<_> =
            verdicts(checks, kind).into_iter().filter(|(r, c, _)| r == row && c == column).map(|(_, _, s)| s).collect();
        assert_eq!(found.len(), 1, "{kind:?} {row} [{column}] in {:#?}", verdicts(checks, kind));
        found[0]
    }
}
