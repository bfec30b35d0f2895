//! The checks found so far, and which rows took part in one: a row with
//! amounts that no check reached is reported `unchecked`, never passed over.

use std::collections::BTreeSet;

use budget_model::{Cell, Check, CheckKind, CheckStatus, Document};

use crate::locate::is_total_row;
use crate::sum::{unchecked, Place, Sum, View};

/// Checks in the order found, and per table, per row, whether a check
/// reached the row.
pub(crate) struct Ledger {
    checks: Vec<Check>,
    covered: Vec<Vec<bool>>,
    /// The cells of the figures of every passing check.
    confirmed: BTreeSet<Place>,
}

impl Ledger {
    /// An empty ledger for `doc`.
    pub(crate) fn new(doc: &Document) -> Self {
        let covered = doc.tables.iter().map(|t| vec![false; t.rows.len()]).collect();
        Ledger { checks: Vec::new(), covered, confirmed: BTreeSet::new() }
    }

    /// Adds the verdict of `sum`, made from `rows` of `view`.
    /// A passing verdict (`ok`, `rounding`) confirms the cells compared.
    pub(crate) fn add(&mut self, view: &View, rows: &[usize], sum: Sum) {
        self.cover(view, rows);
        let places = sum.placed().to_vec();
        let Some(check) = sum.verdict() else { return };
        if matches!(check.status, CheckStatus::Ok | CheckStatus::Rounding) {
            self.confirmed.extend(places);
        }
        self.checks.push(check);
    }

    /// Marks `rows` of `view` as reached by a check.
    pub(crate) fn cover(&mut self, view: &View, rows: &[usize]) {
        if let Some(marks) = self.covered.get_mut(view.index) {
            for &r in rows {
                if let Some(m) = marks.get_mut(r) {
                    *m = true;
                }
            }
        }
    }

    /// Adds a check made elsewhere (a cross-table comparison, an
    /// `unchecked` note).
    pub(crate) fn push(&mut self, check: Check) {
        self.checks.push(check);
    }

    /// Reports what no check reached in `view`: the whole table when no row
    /// of it was reached, else each row with an amount.
    pub(crate) fn coverage(&mut self, view: &View) {
        let marks = self.covered.get(view.index).cloned().unwrap_or_default();
        let has_amount = |r: usize| view.row(r).cells.iter().any(|c| matches!(c, Cell::Amount(_)));
        let rows: Vec<usize> = (0..view.table.rows.len()).filter(|&r| has_amount(r)).collect();
        if rows.is_empty() {
            if !is_empty_table(view) {
                let why = "no amounts were read from this table".to_string();
                self.push(unchecked(CheckKind::Coverage, view, None, why));
            }
            return;
        }
        if rows.iter().all(|&r| !marks.get(r).copied().unwrap_or(false)) {
            let why = "no check applies to this table: no codes, total rows or summing columns recognised";
            self.push(unchecked(CheckKind::Coverage, view, None, why.to_string()));
            return;
        }
        for r in rows.into_iter().filter(|&r| !marks.get(r).copied().unwrap_or(false)) {
            let why = "this row takes part in no check: no code, total or summing column places it";
            self.push(unchecked(CheckKind::Coverage, view, Some(r), why.to_string()));
        }
    }

    /// The checks, in the order found, and the cells that passing checks
    /// confirm.
    pub(crate) fn into_parts(self) -> (Vec<Check>, BTreeSet<Place>) {
        (self.checks, self.confirmed)
    }
}

/// A table printed empty (`本表为空表`): no rows, or only total rows, every
/// amount cell blank. Text in an amount cell means something was misread.
fn is_empty_table(view: &View) -> bool {
    let t = view.table;
    let blank = t.rows.iter().all(|r| t.amount_columns().all(|c| matches!(r.cells.get(c), Some(Cell::Blank) | None)));
    blank && (t.note.is_some() || (0..t.rows.len()).all(|r| is_total_row(t, r)))
}

#[cfg(test)]
mod tests {
    use budget_model::{CheckStatus, TableKey};

    use crate::testing::{checks, table, verdicts};
    use budget_model::CheckKind::Coverage;

    #[test]
    fn rows_and_tables_no_check_reaches_are_reported() {
        let t = table(
            TableKey::ExpenseSummary,
            &["合计"],
            &[("201", "一般公共服务支出", &["1.00"]), ("20103", "x", &["1.00"]), ("", "说明行", &["5.00"])],
        );
        let found = verdicts(&checks(vec![t]), Coverage);
        assert_eq!(found, vec![("说明行".to_string(), String::new(), CheckStatus::Unchecked)]);
        let t = table(TableKey::GovernmentProcurement, &["金额"], &[("", "台式计算机", &["18.00"])]);
        let found = verdicts(&checks(vec![t]), Coverage);
        assert_eq!(found, vec![(String::new(), String::new(), CheckStatus::Unchecked)]);
    }

    #[test]
    fn a_table_printed_empty_needs_no_check() {
        let mut t = table(TableKey::GovernmentFundExpense, &["合计", "基本支出"], &[("", "合计", &["", ""])]);
        assert!(checks(vec![t.clone()]).is_empty());
        t.rows[0].cells[0] = crate::testing::cell("合计");
        assert_eq!(verdicts(&checks(vec![t]), Coverage).len(), 1, "text where amounts belong was misread");
    }
}
