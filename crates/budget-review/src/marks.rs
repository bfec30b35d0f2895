//! What the review page marks: each amount cell failed, unchecked or
//! confirmed, and where each failed check sits.

use std::collections::{BTreeSet, HashMap, HashSet};

use budget_model::{Cell, Check, CheckStatus, Document};

/// A cell of a table: (table, row, column) indices into the document.
pub(crate) type Place = (usize, usize, usize);

/// How an amount cell is marked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mark {
    /// The figure compared by a failed check.
    Fail,
    /// An amount that no passing check takes part in.
    Unchecked,
    /// An amount that a passing check confirms.
    Confirmed,
}

impl Mark {
    /// The CSS class of the mark.
    pub(crate) fn class(self) -> &'static str {
        match self {
            Mark::Fail => "f",
            Mark::Unchecked => "u",
            Mark::Confirmed => "a",
        }
    }
}

/// Where a failed check sits: its row, and its column when it has one (a
/// `code_name` failure is about the row's label).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Target {
    pub table: usize,
    pub row: usize,
    pub column: Option<usize>,
}

/// The marks of a document.
pub(crate) struct Marks {
    /// Each failed check (index into `doc.checks`) with its cell, if found.
    pub failures: Vec<(usize, Option<Target>)>,
    failed: HashSet<Target>,
    confirmed: HashSet<Place>,
    pages: BTreeSet<u32>,
}

impl Marks {
    /// The marks of `doc`: its failed checks located, the amounts its
    /// passing checks confirm (the checks are run again to learn which).
    pub(crate) fn new(doc: &Document) -> Self {
        let outcome = budget_check::check_and_confirm(doc);
        let failures: Vec<(usize, Option<Target>)> = doc
            .checks
            .iter()
            .enumerate()
            .filter(|(_, c)| c.status == CheckStatus::Fail)
            .map(|(i, c)| (i, locate(doc, c)))
            .collect();
        let failed = failures.iter().filter_map(|(_, t)| *t).collect();
        // The pages of the tables, and of the performance forms read.
        let pages = doc
            .tables
            .iter()
            .flat_map(|t| t.pages.iter().copied().chain(t.rows.iter().map(|r| r.page)))
            .chain(doc.indicators.iter().map(|i| i.page))
            .chain(doc.forms.iter().map(|f| f.page))
            .collect();
        Marks { failures, failed, confirmed: outcome.confirmed_places.into_iter().collect(), pages }
    }

    /// True when a rebuilt table is printed on `page`.
    pub(crate) fn holds_table(&self, page: u32) -> bool {
        self.pages.contains(&page)
    }

    /// The mark of an amount cell; `None` for a blank or text cell.
    pub(crate) fn amount(&self, doc: &Document, (t, r, c): Place) -> Option<Mark> {
        let cell = doc.tables.get(t)?.rows.get(r)?.cells.get(c)?;
        if !matches!(cell, Cell::Amount(_)) {
            return None;
        }
        Some(if self.failed.contains(&Target { table: t, row: r, column: Some(c) }) {
            Mark::Fail
        } else if self.confirmed.contains(&(t, r, c)) {
            Mark::Confirmed
        } else {
            Mark::Unchecked
        })
    }

    /// True when a failed check is about the label of row `r` of table `t`.
    pub(crate) fn label_failed(&self, t: usize, r: usize) -> bool {
        self.failed.contains(&Target { table: t, row: r, column: None })
    }

    /// The ids of the failed checks' cells, so that each cell is given its
    /// id once: the first failure of a cell links to it.
    pub(crate) fn failed_ids(&self) -> HashMap<Target, usize> {
        let mut ids = HashMap::new();
        for (i, t) in &self.failures {
            if let Some(t) = t {
                ids.entry(*t).or_insert(*i);
            }
        }
        ids
    }
}

/// The cell a failed check compares: the table of its key printed on its
/// page, the row of its code and name on that page, the column of its path.
fn locate(doc: &Document, check: &Check) -> Option<Target> {
    doc.tables.iter().enumerate().filter(|(_, t)| t.key == check.table_key).find_map(|(ti, t)| {
        let column =
            if check.column.is_empty() { None } else { Some(t.columns.iter().position(|c| c.path == check.column)?) };
        let row = t.rows.iter().position(|r| {
            r.page == check.page
                && r.code.as_deref().unwrap_or("") == check.row_code
                && r.name == check.row_name
                && column.is_none_or(|c| t.columns[c].serves(r))
        })?;
        Some(Target { table: ti, row, column })
    })
}

/// The HTML id of a cell.
pub(crate) fn cell_id(target: Target) -> String {
    match target.column {
        Some(c) => format!("c{}-{}-{}", target.table, target.row, c),
        None => format!("c{}-{}-l", target.table, target.row),
    }
}

/// What a cell's tooltip says: table, row, column path and the value as
/// written to the CSV.
pub(crate) fn tip(doc: &Document, (t, r, c): Place) -> String {
    let (Some(table), Some(row)) = (doc.tables.get(t), doc.tables.get(t).and_then(|x| x.rows.get(r))) else {
        return String::new();
    };
    let column = table.columns.get(c).map_or("", |col| col.path.as_str());
    let value = row.cells.get(c).map(Cell::to_field).unwrap_or_default();
    format!(
        "{} · {} · {} · {}",
        table_name(table),
        row_label(row),
        column,
        if value.is_empty() { "(blank)" } else { &value }
    )
}

/// `表3 expense_summary`.
pub(crate) fn table_name(t: &budget_model::Table) -> String {
    format!("表{} {}", t.no, t.key.as_str())
}

/// `22102 住房改革支出`, with the section of a two-sided table.
pub(crate) fn row_label(r: &budget_model::Row) -> String {
    let mut s = String::new();
    if let Some(sec) = r.section {
        s.push_str(sec.as_str());
        s.push(' ');
    }
    if let Some(code) = &r.code {
        s.push_str(code);
        s.push(' ');
    }
    s.push_str(&r.name);
    s
}
