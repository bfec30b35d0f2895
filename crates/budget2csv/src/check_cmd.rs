//! `budget2csv check INPUT...`: the checks of each document as a readable
//! report, on standard output.

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;

use anyhow::Result;
use budget_model::{Check, CheckStatus, Document};

use crate::convert::convert_one;
use crate::inputs::collect;

/// Checks every input; false when a check failed or an input could not be
/// converted.
pub fn run_check(args: &[PathBuf]) -> Result<bool> {
    let inputs = collect(args)?;
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let (mut failing, mut errors) = (0, 0);
    for input in &inputs {
        let outcome = convert_one(input);
        match &outcome.result {
            Ok(doc) => {
                report(&mut out, doc)?;
                failing += usize::from(doc.checks_failed() > 0);
            }
            Err(e) => {
                writeln!(out, "{}: error: {e}\n", outcome.source)?;
                errors += 1;
            }
        }
    }
    let documents = if inputs.len() == 1 { "document" } else { "documents" };
    writeln!(out, "{} {documents}: {failing} with failed checks, {errors} could not be read", inputs.len())?;
    out.flush()?;
    Ok(failing == 0 && errors == 0)
}

/// The statuses in the order a report lists them.
const LISTED: [CheckStatus; 3] = [CheckStatus::Fail, CheckStatus::Warning, CheckStatus::Unchecked];

/// One document: a count per status, then every check that failed, warns
/// or could not be made.
fn report(out: &mut impl Write, doc: &Document) -> io::Result<()> {
    let count = |s: CheckStatus| doc.checks.iter().filter(|c| c.status == s).count();
    writeln!(
        out,
        "{}: {} checks: {} ok, {} rounding, {} fail, {} warning, {} unchecked; confirmed {}",
        doc.source,
        doc.checks.len(),
        count(CheckStatus::Ok),
        count(CheckStatus::Rounding),
        count(CheckStatus::Fail),
        count(CheckStatus::Warning),
        count(CheckStatus::Unchecked),
        confirmed(doc)
    )?;
    for status in LISTED {
        for c in doc.checks.iter().filter(|c| c.status == status) {
            writeln!(out, "  {:<9} {}", status.as_str(), describe(doc, c))?;
            if !c.detail.is_empty() {
                writeln!(out, "            {}", c.detail)?;
            }
        }
    }
    writeln!(out)
}

/// `0.853 of 366 amounts`: the share of the amounts a passing check
/// confirms, as `documents.csv` writes it.
fn confirmed(doc: &Document) -> String {
    match doc.confirmed_share() {
        Some(share) => format!("{share:.3} of {} amounts", doc.amounts()),
        None => "nothing (no amounts)".into(),
    }
}

/// `table 3 expense_summary, page 6, 22102 住房改革支出 [合计]: expected
/// 88.34, printed 139.77 (difference 51.43)`.
fn describe(doc: &Document, c: &Check) -> String {
    let no = doc.tables.iter().find(|t| t.key == c.table_key).map(|t| t.no.as_str()).unwrap_or("");
    let table = if no.is_empty() { format!("table {}", c.table_key) } else { format!("table {no} {}", c.table_key) };
    let row = format!("{} {}", c.row_code, c.row_name).trim().to_string();
    let mut s = format!("{table}, page {}", c.page);
    if !row.is_empty() {
        s.push_str(&format!(", {row}"));
    }
    if !c.column.is_empty() {
        s.push_str(&format!(" [{}]", c.column));
    }
    let amount = |d: Option<budget_model::Decimal>| d.map(|d| d.to_string()).unwrap_or_else(|| "—".into());
    if c.expected.is_some() || c.actual.is_some() {
        s.push_str(&format!(": expected {}, printed {}", amount(c.expected), amount(c.actual)));
    }
    if let Some(d) = c.difference {
        s.push_str(&format!(" (difference {d})"));
    }
    s
}
