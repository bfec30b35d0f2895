//! The records of the contract's combined files.

use budget_model::{Check, Decimal, DocKind, Document, FormField, Indicator};
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
    /// The exact amount in 元 (value × the table's unit), trailing zeros
    /// dropped: `1477.88` 万元 → `14778800`, `0.50` 元 → `0.5`; empty for a
    /// blank cell and where the unit is unknown.
    pub value_yuan: String,
    /// For a blank cell, `zero` or `missing` ([`budget_model::Blank`]);
    /// empty for a printed one.
    pub blank: String,
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
    let factors: Vec<Option<Decimal>> = doc.tables.iter().map(|t| doc.yuan_per_unit(t)).collect();
    doc.amount_places()
        .map(|place| {
            let (t, row, i) = (&doc.tables[place.0], &doc.tables[place.0].rows[place.1], place.2);
            let amount = row.cells.get(i).and_then(|c| c.amount());
            CellRecord {
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
                value_yuan: amount.zip(factors[place.0]).and_then(|(a, f)| in_yuan(a, f)).unwrap_or_default(),
                blank: doc.blank(place).map(|b| b.as_str().to_string()).unwrap_or_default(),
            }
        })
        .collect()
}

/// `amount` units of `factor` 元 each, exact, written without trailing
/// zeros (`1477.88` × 10000 → `14778800`, `0.50` × 1 → `0.5`, `0.00` →
/// `0`); `None` if the product does not fit a decimal.
fn in_yuan(amount: Decimal, factor: Decimal) -> Option<String> {
    let yuan = amount.checked_mul(factor)?.normalize();
    Some(if yuan.is_zero() { "0".to_string() } else { yuan.to_string() })
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
    /// `ok`, `partial` or `error` (also for a document of kind 其他, not converted).
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
    /// `部门` or `单位`, as the document's title says; empty when it does not.
    pub level: String,
    /// The issuing government as printed (`上海市`, `武昌区`); empty when
    /// none is.
    pub region: String,
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
            error: if status == "error" { not_converted(doc) } else { String::new() },
            elapsed_ms,
            sha256: String::new(),
            confirmed: doc.confirmed_share().map(|d| format!("{d:.3}")).unwrap_or_default(),
            level: doc.level.clone(),
            region: doc.region.clone(),
        }
    }

    /// The status of a converted document: `error` for a document of kind
    /// 其他 with nothing read (not a budget; `error` says why), `ok` when
    /// nothing was found amiss, else `partial` (a document of kind 其他
    /// whose performance forms were read is `partial`, its finding saying
    /// it is not a budget).
    pub fn status_of(doc: &Document) -> &'static str {
        let nothing_read = doc.indicators.is_empty() && doc.forms.is_empty();
        match (doc.kind, doc.findings.is_empty()) {
            (DocKind::Other, _) if nothing_read => "error",
            (_, true) => "ok",
            (_, false) => "partial",
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

/// Why a document of kind 其他 was not converted: its finding, on one line.
fn not_converted(doc: &Document) -> String {
    doc.findings.first().map(|f| f.message.replace(['\n', '\r'], " ")).unwrap_or_else(|| "not a budget".to_string())
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
    /// Comparison of a value split over columns (`≥`, `定性`).
    pub direction: String,
    /// Figure or wording of a value split over columns (`95`).
    pub target: String,
    /// Unit of a value split over columns (`%`).
    pub measure: String,
    /// 实际完成值 (self-evaluation forms).
    pub actual_value: String,
    /// 分值 (self-evaluation forms).
    pub weight: String,
    /// 得分 (self-evaluation forms).
    pub score: String,
    /// 偏差原因分析及改进措施 (self-evaluation forms).
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
    fn amounts_in_yuan_are_exact_without_trailing_zeros() {
        let cases = [
            ("1477.88", "10000", "14778800"),
            ("0.50", "1", "0.5"),
            ("0.00", "10000", "0"),
            ("-12.3400", "10000", "-123400"),
            ("807.27", "1", "807.27"),
            ("0.123456", "10000", "1234.56"),
            ("3.2", "100000000", "320000000"),
        ];
        for (amount, factor, yuan) in cases {
            let d = |s: &str| s.parse::<Decimal>().expect("a decimal");
            assert_eq!(in_yuan(d(amount), d(factor)).as_deref(), Some(yuan), "{amount} × {factor}");
        }
        assert_eq!(in_yuan(Decimal::MAX, Decimal::from(10000)), None);
    }

    /// A document of one table in `unit` (none when empty), printed as `rows`
    /// (one cell each, empty for blank), and a second table in `other_unit`.
    fn document(unit: &str, other_unit: &str, rows: &[&str]) -> Document {
        use budget_model::{Cell, Column, Row, Table, TableKey};
        let table = |unit: &str, rows: &[&str]| {
            let mut t = Table::new(TableKey::ExpenseSummary, "3", "部门支出总表");
            t.unit = (!unit.is_empty()).then(|| unit.to_string());
            t.columns = vec![Column::amount("合计")];
            for v in rows {
                let mut r = Row::new("行", 1);
                r.cells = vec![v.parse::<Decimal>().map(Cell::Amount).unwrap_or(Cell::Blank)];
                t.rows.push(r);
            }
            t
        };
        Document { tables: vec![table(unit, rows), table(other_unit, &["1.00"])], ..Document::default() }
    }

    /// `(value, value_yuan, blank)` of the first table's cells.
    fn written(doc: &Document) -> Vec<(String, String, String)> {
        cell_records(doc).into_iter().take(doc.tables[0].rows.len()).map(|c| (c.value, c.value_yuan, c.blank)).collect()
    }

    #[test]
    fn value_yuan_by_the_tables_unit_or_the_one_the_document_agrees_on() {
        let cases: [(&str, &str, &str); 5] = [
            // table's unit, the other table's unit, value_yuan of `1.50`
            ("万元", "元", "15000"),
            ("元", "万元", "1.5"),
            ("", "万元", "15000"), // no unit printed: the document's other table says 万元
            ("", "", ""),          // no unit anywhere: unknown
            ("", "千元", "1500"),
        ];
        for (unit, other, yuan) in cases {
            let w = written(&document(unit, other, &["1.50"]));
            assert_eq!(w[0].1, yuan, "{unit:?} beside {other:?}");
        }
        // Two other tables that disagree give no unit.
        let mut doc = document("", "万元", &["1.50"]);
        let mut third = doc.tables[1].clone();
        third.unit = Some("元".into());
        doc.tables.push(third);
        assert_eq!(written(&doc)[0].1, "");
    }

    #[test]
    fn a_blank_is_zero_where_the_table_prints_no_zero_or_a_check_counts_it() {
        // (cells of the table, confirmed as 0 by a check, blank of each cell)
        let cases: [(&[&str], bool, &[&str]); 4] = [
            (&["5.00", "", "5.00"], false, &["", "zero", ""]), // zeros printed blank
            (&["5.00", "", "0.00"], false, &["", "missing", ""]), // `0.00` elsewhere
            (&["5.00", "", "0.00"], true, &["", "zero", ""]),  // a passing check counts it as 0
            (&["", ""], false, &["zero", "zero"]),             // a table printed empty
        ];
        for (cells, confirmed, blanks) in cases {
            let mut doc = document("万元", "万元", cells);
            if confirmed {
                doc.confirmed_zeros = vec![(0, 1, 0)];
            }
            let got: Vec<String> = written(&doc).into_iter().map(|w| w.2).collect();
            assert_eq!(got, blanks.to_vec(), "{cells:?} confirmed: {confirmed}");
            assert!(written(&doc).iter().all(|w| w.0.is_empty() != w.2.is_empty()), "blank only for blank cells");
        }
    }

    /// A cell the reader could not settle is written blank and `missing`,
    /// even in a table that prints its zeros blank.
    #[test]
    fn an_unread_cell_is_missing() {
        let mut doc = document("万元", "万元", &["5.00", "", "5.00"]);
        doc.tables[0].rows[1].cells[0] = budget_model::Cell::Unread;
        let got: Vec<(String, String)> = written(&doc).into_iter().map(|w| (w.0, w.2)).collect();
        let want = [("5.00", ""), ("", "missing"), ("5.00", "")].map(|(v, b)| (v.to_string(), b.to_string()));
        assert_eq!(got, want);
    }

    #[test]
    fn a_document_that_is_not_a_budget_says_why_and_has_its_own_status() {
        let doc = Document {
            kind: DocKind::Other,
            findings: vec![budget_model::Finding {
                page: 0, table: String::new(), message: "not a budget: …".into()
            }],
            ..Document::default()
        };
        let status = DocumentRecord::status_of(&doc);
        let r = DocumentRecord::converted(&doc, status, 3);
        assert_eq!((r.kind.as_str(), r.status.as_str(), r.error.as_str()), ("其他", "error", "not a budget: …"));
        let budget = Document { level: "部门".into(), region: "武昌区".into(), ..Document::default() };
        let r = DocumentRecord::converted(&budget, DocumentRecord::status_of(&budget), 3);
        assert_eq!(
            (r.status.as_str(), r.level.as_str(), r.region.as_str(), r.error.as_str()),
            ("ok", "部门", "武昌区", "")
        );
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
