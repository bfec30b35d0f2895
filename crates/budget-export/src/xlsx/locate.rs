//! Where a failed check sits among the tables: the table, row and column a
//! row of checks.csv names.
//!
//! A check names its table by key (`expense_summary`), its row by code and
//! name (`22102`, `住房改革支出`), its column by path (`基本支出`,
//! `一般公共预算支出/合计`) and its page. A check without a column
//! (`code_name`) is about the row's label: it sits on the code, or on the
//! name when the row has none.

use std::collections::HashMap;

use budget_model::{Check, CheckStatus, Document, Table};

/// A cell of a table sheet, by what it shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Place {
    /// The row's code.
    Code,
    /// The row's name.
    Name,
    /// Value column `i` of the table.
    Value(usize),
}

/// The notes of the failed cells of each table: table index → (row index,
/// place) → one line per failed check.
pub type Failures = HashMap<usize, HashMap<(usize, Place), Vec<String>>>;

/// The failed checks of `doc`, each placed on its cell where the tables
/// have it (a check whose row is not found is only in the `检查` sheet).
pub fn failures(doc: &Document) -> Failures {
    let mut out: Failures = HashMap::new();
    for check in doc.checks.iter().filter(|c| c.status == CheckStatus::Fail) {
        if let Some((t, r, place)) = locate(doc, check) {
            out.entry(t).or_default().entry((r, place)).or_default().push(note(check));
        }
    }
    out
}

/// The note of a failed check: its kind, the figures and what was compared
/// (`hierarchy: expected 88.34, printed 139.77, difference 51.43`).
fn note(c: &Check) -> String {
    let figure = |d: Option<budget_model::Decimal>| d.map_or_else(|| "-".to_string(), |d| d.to_string());
    let mut s = c.check.as_str().to_string();
    if c.expected.is_some() || c.actual.is_some() {
        s.push_str(&format!(
            ": expected {}, printed {}, difference {}",
            figure(c.expected),
            figure(c.actual),
            figure(c.difference)
        ));
    }
    if !c.detail.is_empty() {
        s.push_str(&format!(" ({})", c.detail));
    }
    s
}

/// The table, row and place of `check`: among the tables of its key, the
/// one printed on its page (else the first); the row of its code and name,
/// on its page if several; the column whose path (or side/path) is its
/// column, the label when it names none or an unknown one.
pub fn locate(doc: &Document, check: &Check) -> Option<(usize, usize, Place)> {
    let mut tables = doc.tables.iter().enumerate().filter(|(_, t)| t.key == check.table_key);
    let all: Vec<(usize, &Table)> = tables.by_ref().collect();
    let (ti, table) = all.iter().find(|(_, t)| t.pages.contains(&check.page)).or(all.first()).copied()?;
    let row = find_row(table, check)?;
    let label = if table.rows[row].code.is_some() { Place::Code } else { Place::Name };
    if check.column.is_empty() {
        return Some((ti, row, label));
    }
    let serving = |i: &usize| table.columns[*i].serves(&table.rows[row]);
    let named: Vec<usize> = (0..table.columns.len()).filter(|&i| column_named(table, i, &check.column)).collect();
    let column = named.iter().copied().find(serving).or(named.first().copied());
    Some((ti, row, column.map_or(label, Place::Value)))
}

/// The row of `check`'s code and name; of several, the one on its page.
fn find_row(table: &Table, check: &Check) -> Option<usize> {
    let rows: Vec<usize> = (0..table.rows.len())
        .filter(|&i| {
            let r = &table.rows[i];
            r.code.as_deref().unwrap_or("") == check.row_code && r.name.trim() == check.row_name.trim()
        })
        .collect();
    rows.iter().copied().find(|&i| table.rows[i].page == check.page).or(rows.first().copied())
}

/// True when column `i` of `table` is the one written `name` in checks.csv.
fn column_named(table: &Table, i: usize, name: &str) -> bool {
    let c = &table.columns[i];
    c.path == name || c.section.is_some_and(|s| format!("{}/{}", s.as_str(), c.path) == name)
}

#[cfg(test)]
mod tests {
    use budget_model::{Cell, CheckKind, Column, Row, TableKey};

    use super::*;

    fn check(kind: CheckKind, code: &str, name: &str, column: &str, page: u32) -> Check {
        Check {
            check: kind,
            table_key: TableKey::ExpenseSummary,
            row_code: code.into(),
            row_name: name.into(),
            column: column.into(),
            expected: Some("88.34".parse().unwrap()),
            actual: Some("139.77".parse().unwrap()),
            difference: Some("51.43".parse().unwrap()),
            status: CheckStatus::Fail,
            page,
            detail: String::new(),
        }
    }

    fn doc() -> Document {
        let mut t = Table::new(TableKey::ExpenseSummary, "3", "部门支出总表");
        t.columns = vec![Column::amount("合计"), Column::amount("基本支出")];
        t.pages = vec![6, 7];
        for (code, name, page) in [(Some("22102"), "住房改革支出", 6), (None, "合计", 6), (None, "合计", 7)] {
            let mut r = Row::new(name, page);
            r.code = code.map(str::to_string);
            r.cells = vec![Cell::Amount("1".parse().unwrap()); 2];
            t.rows.push(r);
        }
        Document { tables: vec![t], ..Document::default() }
    }

    #[test]
    fn checks_are_placed_on_their_cells() {
        let doc = doc();
        let cases = [
            (check(CheckKind::Hierarchy, "22102", "住房改革支出", "基本支出", 6), Some((0, 0, Place::Value(1)))),
            (check(CheckKind::TotalRow, "", "合计", "合计", 7), Some((0, 2, Place::Value(0)))),
            (check(CheckKind::CodeName, "22102", "住房改革支出", "", 6), Some((0, 0, Place::Code))),
            (check(CheckKind::TotalRow, "", "合计", "不存在", 6), Some((0, 1, Place::Name))),
            (check(CheckKind::Hierarchy, "999", "无此行", "合计", 6), None),
        ];
        for (c, want) in cases {
            assert_eq!(locate(&doc, &c), want, "{c:?}");
        }
        let mut doc = doc;
        doc.checks = vec![check(CheckKind::Hierarchy, "22102", "住房改革支出", "基本支出", 6)];
        let mut ok = check(CheckKind::TotalRow, "", "合计", "合计", 6);
        ok.status = CheckStatus::Ok;
        doc.checks.push(ok);
        let notes = failures(&doc);
        assert_eq!(notes[&0].len(), 1, "only failed checks are noted");
        assert_eq!(notes[&0][&(0, Place::Value(1))], ["hierarchy: expected 88.34, printed 139.77, difference 51.43"]);
    }
}
