//! Where a table prints a figure another table restates: its total column,
//! the column of a concept (`基本支出`, `人员经费`), its total row, its rows
//! per 类. Found by header leaves, codes and row names, the same way in
//! every template.

use std::collections::BTreeMap;

use budget_model::{Cell, Section, Table};

use crate::names::{category_code, is_subset, is_total};

/// The column holding a row's total: the only amount column, else the
/// shallowest column labelled `…合计` or `…总计` (`合计`, `支出预算/合计`,
/// `本年支出合计`), else none.
pub(crate) fn total_column(t: &Table) -> Option<usize> {
    total_of(t, &t.amount_columns().collect::<Vec<_>>())
}

/// The total column among `columns` of `t`, as [`total_column`] finds it.
fn total_of(t: &Table, columns: &[usize]) -> Option<usize> {
    if let [only] = columns[..] {
        return Some(only);
    }
    let leaf_total = |c: &usize| {
        let leaf = t.columns[*c].leaf();
        leaf.ends_with("合计") || leaf.ends_with("总计")
    };
    columns.iter().copied().filter(leaf_total).min_by_key(|&c| t.columns[c].path.matches('/').count())
}

/// The column of one side of a two-sided table that holds its rows'
/// amounts: the side's total column, else its first (`预算数`).
pub(crate) fn side_column(t: &Table, section: Section) -> Option<usize> {
    let columns: Vec<usize> = t.amount_columns().filter(|&c| t.columns[c].applies_to(Some(section))).collect();
    total_of(t, &columns).or(columns.first().copied())
}

/// The column in which row `row` of a two-sided table prints its figure:
/// the side's column ([`side_column`]), or, when the row leaves that blank,
/// the one column of its side where it prints an amount (江苏 收支预算总表
/// prints 支出合计 once for its 功能分类 and 支出用途 lists).
pub(crate) fn row_column(t: &Table, row: usize, section: Section) -> Option<usize> {
    let main = side_column(t, section)?;
    let amount = |c: &usize| matches!(t.rows[row].cells.get(*c), Some(Cell::Amount(_)));
    if amount(&main) {
        return Some(main);
    }
    let printed = t.amount_columns().filter(|&c| t.columns[c].applies_to(Some(section))).filter(amount);
    unique(printed).or(Some(main))
}

/// The one amount column for `concept`: its leaf is `concept`
/// (`基本支出/人员经费` for `人员经费`), or it is the total of a group
/// labelled `concept` (`基本支出/小计` for `基本支出`).
pub(crate) fn concept_column(t: &Table, concept: &str) -> Option<usize> {
    let matches = |c: &usize| {
        let col = &t.columns[*c];
        let parts: Vec<&str> = col.path.split('/').map(str::trim).collect();
        let leaf = parts.last().copied().unwrap_or("");
        leaf == concept || (is_total(leaf) && parts.len() >= 2 && parts[parts.len() - 2] == concept)
    };
    unique(t.amount_columns().filter(matches))
}

/// The one amount column whose leaf contains `word` and is not a total
/// (`本年收入/一般公共预算` for `一般公共预算`), among the columns rows of
/// `section` have.
pub(crate) fn column_containing(t: &Table, word: &str, section: Option<Section>) -> Option<usize> {
    let matches = |c: &usize| {
        let col = &t.columns[*c];
        col.leaf().contains(word) && !is_total(col.leaf()) && col.applies_to(section)
    };
    unique(t.amount_columns().filter(matches))
}

/// Every amount column whose leaf contains `word`.
pub(crate) fn columns_containing(t: &Table, word: &str) -> Vec<usize> {
    t.amount_columns().filter(|&c| t.columns[c].leaf().contains(word)).collect()
}

fn unique(mut it: impl Iterator<Item = usize>) -> Option<usize> {
    let first = it.next()?;
    it.next().is_none().then_some(first)
}

/// The table's grand total row: the first row without a code named `合计`,
/// `总计` or `…总计` (not `人员经费合计`, which totals one part), or an
/// unlabelled first row above others (the project table prints its total
/// so).
pub(crate) fn total_row(t: &Table) -> Option<usize> {
    let named = t.rows.iter().position(|r| {
        let n = r.name.trim();
        r.code.is_none() && (n == "合计" || n == "共计" || n.ends_with("总计"))
    });
    named.or_else(|| (0..t.rows.len()).find(|&i| is_unlabelled_total(t, i)))
}

/// An unlabelled first row above other rows: a total printed without its
/// label (the project table's first row).
pub(crate) fn is_unlabelled_total(t: &Table, row: usize) -> bool {
    let r = &t.rows[row];
    row == 0 && t.rows.len() > 1 && r.code.is_none() && r.name.trim().is_empty()
}

/// A row that totals the rows of its table or section: no code, and a
/// total name (`合计`, `人员经费合计`) or unlabelled at the top.
pub(crate) fn is_total_row(t: &Table, row: usize) -> bool {
    let r = &t.rows[row];
    (r.code.is_none() && is_total(&r.name) && !is_subset(&r.name)) || is_unlabelled_total(t, row)
}

/// The rows of 类 (three-digit function codes starting with 2), by code.
pub(crate) fn coded_categories(t: &Table) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    for (i, r) in t.rows.iter().enumerate() {
        if let Some(code) = r.code.as_deref().filter(|c| is_category_code(c)) {
            out.entry(code.to_string()).or_insert(i);
        }
    }
    out
}

fn is_category_code(code: &str) -> bool {
    code.len() == 3 && code.starts_with('2') && code.bytes().all(|b| b.is_ascii_digit())
}

/// Rows printed without codes that name a 类 (`社会保障和就业支出`), by the
/// 类 code: from the names of the classification, else from a row of the
/// same name in one of `coded` tables.
pub(crate) fn named_categories(t: &Table, rows: &[usize], coded: &[&Table]) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    for &i in rows {
        let name = t.rows[i].name.trim();
        if is_total(name) || is_subset(name) {
            continue;
        }
        let by_name = || {
            coded.iter().find_map(|c| {
                c.rows
                    .iter()
                    .find(|r| r.name.trim() == name)
                    .and_then(|r| r.code.clone())
                    .filter(|c| is_category_code(c))
            })
        };
        if let Some(code) = category_code(name).map(str::to_string).or_else(by_name) {
            out.entry(code).or_insert(i);
        }
    }
    out
}
