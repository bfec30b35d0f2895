//! The records of the contract's combined files.

use budget_model::{Check, Document, FormField, Indicator};
use serde::Serialize;

use crate::{guard_text, Guard, Record};

/// One row of `cells.csv`.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, Default)]
pub struct CellRecord {
    /// The input path.
    pub source: String,
    /// The issuer.
    pub department: String,
    /// The budget year.
    pub year: String,
    /// Table number as printed.
    pub table_no: String,
    /// Stable table key.
    pub table_key: String,
    /// Printed title.
    pub table_title: String,
    /// `收入`/`支出` in two-sided tables.
    pub section: String,
    /// Row code.
    pub row_code: String,
    /// Row name.
    pub row_name: String,
    /// Column path.
    pub column: String,
    /// Exact amount, empty for a blank cell.
    pub value: String,
    /// Unit as printed.
    pub unit: String,
    /// 1-based page.
    pub page: u32,
}

impl Record for CellRecord {
    const FILE: &str = "cells.csv";
}

impl Guard for CellRecord {
    fn guard(&mut self) {
        for s in [&mut self.department, &mut self.table_title, &mut self.row_name, &mut self.column] {
            guard_text(s);
        }
    }
}

/// The records of `cells.csv` for one document.
pub(crate) fn cell_records(doc: &Document) -> Vec<CellRecord> {
    doc.amount_cells()
        .map(|(t, row, i)| CellRecord {
            source: doc.source.clone(),
            department: doc.department.clone(),
            year: doc.year.map(|y| y.to_string()).unwrap_or_default(),
            table_no: t.no.clone(),
            table_key: t.key.as_str().to_string(),
            table_title: t.title.clone(),
            section: row.section.map(|s| s.as_str().to_string()).unwrap_or_default(),
            row_code: row.code.clone().unwrap_or_default(),
            row_name: row.name.clone(),
            column: t.columns[i].path.clone(),
            value: row.cells.get(i).map(|c| c.to_field()).unwrap_or_default(),
            unit: t.unit.clone().unwrap_or_default(),
            page: row.page,
        })
        .collect()
}

/// One row of `documents.csv`.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, Default)]
pub struct DocumentRecord {
    /// The input path.
    pub source: String,
    /// The issuer.
    pub department: String,
    /// The budget year.
    pub year: String,
    /// `预算` or `决算`.
    pub kind: String,
    /// Page count.
    pub pages: String,
    /// Tables rebuilt.
    pub tables: String,
    /// Cells written to cells.csv.
    pub cells: String,
    /// Indicator rows.
    pub indicators: String,
    /// Failed checks.
    pub checks_failed: String,
    /// `ok`, `partial` or `error`.
    pub status: String,
    /// Why the input failed, one line.
    pub error: String,
    /// Time spent on the input.
    pub elapsed_ms: u64,
    /// SHA-256 of the input's bytes (added after the contract's columns):
    /// how `--skip-existing` knows an input was converted before.
    pub sha256: String,
    /// The share (0 to 1, three decimals) of the document's non-blank
    /// amounts that take part in at least one passing check; empty when it
    /// has none.
    pub confirmed: String,
}

impl Record for DocumentRecord {
    const FILE: &str = "documents.csv";
}

impl Guard for DocumentRecord {
    fn guard(&mut self) {
        guard_text(&mut self.department);
        guard_text(&mut self.error);
    }
}

impl DocumentRecord {
    /// The record of a converted document.
    pub fn converted(doc: &Document, status: &str, elapsed_ms: u64) -> Self {
        DocumentRecord {
            source: doc.source.clone(),
            department: doc.department.clone(),
            year: doc.year.map(|y| y.to_string()).unwrap_or_default(),
            kind: doc.kind.as_str().to_string(),
            pages: doc.pages.to_string(),
            tables: doc.tables.len().to_string(),
            cells: doc.cell_count().to_string(),
            indicators: doc.indicators.len().to_string(),
            checks_failed: doc.checks_failed().to_string(),
            status: status.to_string(),
            error: String::new(),
            elapsed_ms,
            sha256: String::new(),
            confirmed: doc.confirmed_share().map(|d| format!("{d:.3}")).unwrap_or_default(),
        }
    }

    /// The record of an input that failed.
    pub fn failed(source: &str, error: &str, elapsed_ms: u64) -> Self {
        DocumentRecord {
            source: source.to_string(),
            status: "error".to_string(),
            error: error.replace(['\n', '\r'], " "),
            elapsed_ms,
            ..DocumentRecord::default()
        }
    }
}

/// One row of `checks.csv`.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, Default)]
pub struct CheckRecord {
    /// The input path.
    pub source: String,
    /// Kind of check.
    pub check: String,
    /// Table checked.
    pub table_key: String,
    /// Row code.
    pub row_code: String,
    /// Row name.
    pub row_name: String,
    /// Column.
    pub column: String,
    /// What the arithmetic gives.
    pub expected: String,
    /// What is printed.
    pub actual: String,
    /// actual − expected.
    pub difference: String,
    /// `ok`, `rounding`, `fail` (or `unchecked`, `warning`).
    pub status: String,
    /// 1-based page.
    pub page: u32,
}

impl Record for CheckRecord {
    const FILE: &str = "checks.csv";
}

impl Guard for CheckRecord {
    fn guard(&mut self) {
        guard_text(&mut self.row_name);
        guard_text(&mut self.column);
    }
}

impl CheckRecord {
    /// The record of one check of `source`.
    pub fn new(source: &str, c: &Check) -> Self {
        let d = |v: Option<budget_model::Decimal>| v.map(|d| d.to_string()).unwrap_or_default();
        CheckRecord {
            source: source.to_string(),
            check: c.check.as_str().to_string(),
            table_key: c.table_key.as_str().to_string(),
            row_code: c.row_code.clone(),
            row_name: c.row_name.clone(),
            column: c.column.clone(),
            expected: d(c.expected),
            actual: d(c.actual),
            difference: d(c.difference),
            status: c.status.as_str().to_string(),
            page: c.page,
        }
    }
}

/// One row of `indicators.csv`.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, Default)]
pub struct IndicatorRecord {
    /// The input path.
    pub source: String,
    /// The issuer.
    pub department: String,
    /// The budget year.
    pub year: String,
    /// Table key.
    pub table_key: String,
    /// Project name.
    pub project: String,
    /// Goal label.
    pub goal: String,
    /// 一级指标.
    pub level1: String,
    /// 二级指标.
    pub level2: String,
    /// 三级指标.
    pub level3: String,
    /// 指标值.
    pub value: String,
    /// 指标值确定依据.
    pub basis: String,
    /// Value two years before.
    pub prev2_value: String,
    /// Value one year before.
    pub prev1_value: String,
    /// 1-based page.
    pub page: u32,
    /// Direction of a value split over columns (`≥`).
    pub direction: String,
    /// Target of a value split over columns (`95`).
    pub target: String,
    /// Unit of a value split over columns (`%`).
    pub measure: String,
    /// 实际完成值 of a self-evaluation.
    pub actual_value: String,
    /// 分值 of a self-evaluation.
    pub weight: String,
    /// 得分 of a self-evaluation.
    pub score: String,
    /// 偏差原因分析及改进措施 of a self-evaluation.
    pub deviation: String,
}

impl Record for IndicatorRecord {
    const FILE: &str = "indicators.csv";
}

impl Guard for IndicatorRecord {
    fn guard(&mut self) {
        for s in [
            &mut self.department,
            &mut self.project,
            &mut self.goal,
            &mut self.level1,
            &mut self.level2,
            &mut self.level3,
            &mut self.value,
            &mut self.basis,
            &mut self.prev2_value,
            &mut self.prev1_value,
            &mut self.direction,
            &mut self.target,
            &mut self.measure,
            &mut self.actual_value,
            &mut self.weight,
            &mut self.score,
            &mut self.deviation,
        ] {
            guard_text(s);
        }
    }
}

impl IndicatorRecord {
    /// The record of one indicator of `doc`.
    pub fn new(doc: &Document, i: &Indicator) -> Self {
        IndicatorRecord {
            source: doc.source.clone(),
            department: doc.department.clone(),
            year: doc.year.map(|y| y.to_string()).unwrap_or_default(),
            table_key: i.table_key.clone(),
            project: i.project.clone(),
            goal: i.goal.clone(),
            level1: i.level1.clone(),
            level2: i.level2.clone(),
            level3: i.level3.clone(),
            value: i.value.clone(),
            basis: i.basis.clone(),
            prev2_value: i.prev2_value.clone(),
            prev1_value: i.prev1_value.clone(),
            page: i.page,
            direction: i.direction.clone(),
            target: i.target.clone(),
            measure: i.measure.clone(),
            actual_value: i.actual_value.clone(),
            weight: i.weight.clone(),
            score: i.score.clone(),
            deviation: i.deviation.clone(),
        }
    }
}

/// One row of `forms.csv`.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, Default)]
pub struct FormRecord {
    /// The input path.
    pub source: String,
    /// The issuer.
    pub department: String,
    /// The budget year.
    pub year: String,
    /// The form's table key.
    pub form: String,
    /// Project name.
    pub project: String,
    /// Printed label.
    pub field: String,
    /// Value as printed.
    pub value: String,
    /// 1-based page.
    pub page: u32,
}

impl Record for FormRecord {
    const FILE: &str = "forms.csv";
}

impl Guard for FormRecord {
    fn guard(&mut self) {
        for s in [&mut self.department, &mut self.project, &mut self.field, &mut self.value] {
            guard_text(s);
        }
    }
}

impl FormRecord {
    /// The record of one form field of `doc`.
    pub fn new(doc: &Document, f: &FormField) -> Self {
        FormRecord {
            source: doc.source.clone(),
            department: doc.department.clone(),
            year: doc.year.map(|y| y.to_string()).unwrap_or_default(),
            form: f.form.clone(),
            project: f.project.clone(),
            field: f.field.clone(),
            value: f.value.clone(),
            page: f.page,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{CsvOptions, Writer};

    /// The first line a writer writes before a record of `R`.
    fn written_header<R: Record>() -> String {
        let mut w = Writer::new(Vec::new(), CsvOptions::default());
        w.record(R::default()).expect("written");
        let text = String::from_utf8(w.finish().expect("finished")).expect("UTF-8");
        text.lines().next().unwrap_or_default().to_string()
    }

    /// The header of an empty file of `R`.
    fn empty_file<R: Record>() -> String {
        let mut w = Writer::new(Vec::new(), CsvOptions::default());
        w.header::<R>().expect("written");
        String::from_utf8(w.finish().expect("finished")).expect("UTF-8")
    }

    fn same_columns_everywhere<R: Record>() {
        let columns = R::columns();
        assert!(columns.len() >= 8 && columns[0] == "source", "{}: {columns:?}", R::FILE);
        assert_eq!(written_header::<R>(), columns.join(","), "{}", R::FILE);
        assert_eq!(empty_file::<R>(), columns.join(",") + "\n", "{}", R::FILE);
    }

    #[test]
    fn columns_are_the_header_written_with_the_records() {
        same_columns_everywhere::<CellRecord>();
        same_columns_everywhere::<DocumentRecord>();
        same_columns_everywhere::<CheckRecord>();
        same_columns_everywhere::<IndicatorRecord>();
        same_columns_everywhere::<FormRecord>();
    }
}
