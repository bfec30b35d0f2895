//! Whether a checked document can be trusted as a whole: the reasons it is
//! not `ok`, each a finding. A document is `ok` only when every standard
//! table it announces was rebuilt (or printed empty), in one piece, no check
//! fails, no header holds amounts, and its own arithmetic confirms at least
//! [`CONFIRMED_THRESHOLD`] of its amounts.

use budget_model::{CheckStatus, Decimal, Document, Finding, Table};

/// The least share of a document's amounts that passing checks must
/// confirm for it to be `ok`: 0.9. Below it, too much of what was written
/// is vouched for by nothing but the reader.
pub const CONFIRMED_THRESHOLD: Decimal = Decimal::from_parts(9, 0, 0, false, 1);

/// Every reason `doc` (checked, with its confirmed amounts counted) is not
/// `ok`, one finding each; empty when it is.
pub fn judge(doc: &Document) -> Vec<Finding> {
    let mut out = Vec::new();
    unrebuilt(doc, &mut out);
    failed_checks(doc, &mut out);
    pieces(doc, &mut out);
    for t in doc.tables.iter().filter(|t| !t.key.is_form()) {
        if let Some(label) = amount_in_header(t) {
            out.push(finding(t, format!("the header holds an amount ({label}): its columns were not rebuilt")));
        }
    }
    if doc.confirmed_share().is_none() && doc.indicators.is_empty() && doc.forms.is_empty() {
        let message = "the document has no amounts and no targets: nothing in it is confirmed".to_string();
        out.push(Finding { page: 0, table: String::new(), message });
    }
    if let Some(share) = doc.confirmed_share().filter(|s| *s < CONFIRMED_THRESHOLD) {
        let message = format!(
            "the document's own arithmetic confirms {share:.3} of its {} amounts, below {CONFIRMED_THRESHOLD}",
            doc.amounts()
        );
        out.push(Finding { page: 0, table: String::new(), message });
    }
    out
}

fn finding(t: &Table, message: String) -> Finding {
    Finding { page: t.first_page(), table: t.key.as_str().to_string(), message }
}

/// `2 announced tables not rebuilt: 表5 一般公共预算支出表 (p. 9), 政府采购预算表 (p. 2)`:
/// the tables the 目录 or a title announces that gave no table, so that
/// their missing checks are not silent.
fn unrebuilt(doc: &Document, out: &mut Vec<Finding>) {
    let missing: Vec<String> = doc
        .unrebuilt()
        .map(|e| match e.no.is_empty() {
            true => format!("{} (p. {})", e.title, e.page),
            false => format!("表{} {} (p. {})", e.no, e.title, e.page),
        })
        .collect();
    let Some(first) = doc.unrebuilt().next() else { return };
    let (n, s) = (missing.len(), if missing.len() == 1 { "table" } else { "tables" });
    let message = format!("{n} announced {s} not rebuilt: {}", missing.join(", "));
    out.push(Finding { page: first.page, table: first.key.as_str().to_string(), message });
}

/// `3 checks fail (first: table expense_summary, page 6, 22102 [合计])`.
fn failed_checks(doc: &Document, out: &mut Vec<Finding>) {
    let failed: Vec<_> = doc.checks.iter().filter(|c| c.status == CheckStatus::Fail).collect();
    let Some(first) = failed.first() else { return };
    let row = format!("{} {}", first.row_code, first.row_name).trim().to_string();
    let message = format!(
        "{} checks fail (first: table {}, page {}, {row} [{}])",
        failed.len(),
        first.table_key.as_str(),
        first.page,
        first.column
    );
    out.push(Finding { page: first.page, table: first.table_key.as_str().to_string(), message });
}

/// Two tables with one key and the same columns, the second starting on the
/// page after the first ends (or the same page): one printed table that came
/// out in pieces.
fn pieces(doc: &Document, out: &mut Vec<Finding>) {
    let tables: Vec<&Table> = doc.tables.iter().filter(|t| !t.key.is_form()).collect();
    for pair in tables.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let last = a.pages.last().copied().unwrap_or(0);
        let next = b.first_page() == last || b.first_page() == last + 1;
        let same_columns = a.columns.iter().map(|c| &c.path).eq(b.columns.iter().map(|c| &c.path));
        if a.key == b.key && next && same_columns {
            let message =
                format!("the table on pages {}–{} came out in pieces", a.first_page(), last.max(b.first_page()));
            out.push(finding(b, message));
        }
    }
}

/// A header label that is an amount (`5,13`, `3.737491`, `1839311.66`):
/// data read as header, or columns cut through numbers.
fn amount_in_header(t: &Table) -> Option<&str> {
    t.columns.iter().flat_map(|c| c.path.split('/')).map(str::trim).find(|l| is_amount_label(l))
}

fn is_amount_label(label: &str) -> bool {
    let digits = label.chars().filter(char::is_ascii_digit).count();
    let only_number = label.chars().all(|ch| ch.is_ascii_digit() || matches!(ch, ',' | '.' | '-'));
    only_number && digits > 0 && (label.contains('.') || label.contains(','))
}

#[cfg(test)]
mod tests {
    use budget_model::{Document, InventoryEntry, InventoryStatus, Table, TableKey};

    use super::*;
    use crate::testing::table;

    fn document(tables: Vec<Table>) -> Document {
        let mut doc = Document { tables, ..Document::default() };
        let outcome = crate::check_and_confirm(&doc);
        doc.checks = outcome.checks;
        doc.confirmed_amounts = outcome.confirmed;
        doc
    }

    fn expense(rows: &[(&str, &str, &[&str])]) -> Table {
        table(TableKey::ExpenseSummary, &["合计", "基本支出", "项目支出"], rows)
    }

    #[test]
    fn a_document_is_ok_only_when_nothing_stands_against_it() {
        let good: &[(&str, &str, &[&str])] =
            &[("", "合计", &["10.00", "6.00", "4.00"]), ("201", "一般公共服务支出", &["10.00", "6.00", "4.00"])];
        assert_eq!(judge(&document(vec![expense(good)])), vec![]);
        let bad: &[(&str, &str, &[&str])] =
            &[("", "合计", &["10.00", "6.00", "3.00"]), ("201", "一般公共服务支出", &["10.00", "6.00", "4.00"])];
        let found = judge(&document(vec![expense(bad)]));
        assert!(found[0].message.starts_with("2 checks fail"), "{found:#?}");
        let mut second = expense(good);
        second.pages = vec![2];
        let found = judge(&document(vec![expense(good), second]));
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(found[0].message.contains("in pieces"));
    }

    #[test]
    fn an_announced_table_not_rebuilt_is_a_reason() {
        let good: &[(&str, &str, &[&str])] =
            &[("", "合计", &["10.00", "6.00", "4.00"]), ("201", "一般公共服务支出", &["10.00", "6.00", "4.00"])];
        let mut doc = document(vec![expense(good)]);
        let entry = |no: &str, title: &str, page, status| InventoryEntry {
            key: TableKey::GeneralBudgetExpenseByFunction,
            no: no.into(),
            title: title.into(),
            page,
            in_contents: true,
            status,
        };
        doc.inventory = vec![
            entry("5", "一般公共预算支出表", 9, InventoryStatus::Rebuilt),
            entry("", "国有资本经营预算支出表", 10, InventoryStatus::Empty),
        ];
        assert_eq!(judge(&doc), vec![]);
        doc.inventory.push(entry("5", "一般公共预算支出表", 9, InventoryStatus::NotRebuilt));
        doc.inventory.push(entry("", "政府采购预算表", 2, InventoryStatus::NotRebuilt));
        let found = judge(&doc);
        let message = "2 announced tables not rebuilt: 表5 一般公共预算支出表 (p. 9), 政府采购预算表 (p. 2)";
        assert_eq!(found.iter().map(|f| f.message.as_str()).collect::<Vec<_>>(), [message]);
    }

    #[test]
    fn amounts_in_the_header_and_little_confirmed_are_reasons() {
        let cut = table(TableKey::ExpenseSummary, &["5,13", "3.737491"], &[("", "x", &["1.00", "2.00"])]);
        let found = judge(&document(vec![cut]));
        assert!(found.iter().any(|f| f.message.contains("(5,13)")), "{found:#?}");
        assert!(found.iter().any(|f| f.message.contains("confirms 0.000 of its 2 amounts")), "{found:#?}");
        assert!(!is_amount_label("2026年") && !is_amount_label("1") && is_amount_label("1839311.66"));
    }
}
