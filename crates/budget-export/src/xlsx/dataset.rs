//! The workbook of a batch: each combined CSV file as a sheet.

use std::io::{Read, Write};

use budget_model::Decimal;
use rust_xlsxwriter::{ColNum, Format, RowNum, Worksheet, XlsxError};

use super::names::sheet_name;
use super::style::{column_width, display_width, number_format, to_number, Styles};
use crate::Error;

/// Excel's rows per sheet. A file with more rows (header included) goes on
/// in sheets numbered `cells 2`, `cells 3`, … each under the header.
pub const EXCEL_MAX_ROWS: u32 = 1_048_576;

/// Rows whose text widths are measured for the column widths.
const MEASURED_ROWS: usize = 2000;

/// One combined CSV file of a batch to put into the dataset workbook.
pub struct DatasetFile<R: Read> {
    /// Its name (`cells.csv`); the sheet is named by its stem (`cells`).
    pub file: String,
    /// Its content, header first.
    pub reader: R,
}

/// What a column of a combined file holds.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Text,
    /// A count or a page or a year: a plain number.
    Count,
    /// An amount: a number shown with its printed decimals.
    Amount,
}

/// Writes `files` as sheets of one workbook: each with its header frozen
/// and an autofilter, amounts and counts as numbers, everything else
/// (codes, names, `2010301`) as text. A file longer than `max_rows` rows
/// (header included; [`EXCEL_MAX_ROWS`] for Excel) is split into numbered
/// sheets. `excel` says the files were written with
/// [`CsvOptions::excel`](crate::CsvOptions): the `'` put before text
/// beginning with `=`, `+`, `-` or `@` is taken off again, since a workbook
/// keeps text as text anyway.
pub fn write_dataset_xlsx<W: Write + Send, R: Read>(
    w: W,
    files: Vec<DatasetFile<R>>,
    excel: bool,
    max_rows: u32,
) -> Result<(), Error> {
    let mut book = super::style::workbook();
    let styles = Styles::new();
    let mut taken = std::collections::HashSet::new();
    for f in files {
        let stem = f.file.strip_suffix(".csv").unwrap_or(&f.file).to_string();
        let mut csv = csv::ReaderBuilder::new().has_headers(true).from_reader(strip_bom(f.reader)?);
        let header: Vec<String> = csv.headers()?.iter().map(str::to_string).collect();
        let mut sheet = Sheet::new(&f.file, header, excel, max_rows.max(2));
        let mut part = 1;
        let mut records = csv.into_records().peekable();
        loop {
            let name = if part == 1 { stem.clone() } else { format!("{stem} {part}") };
            let ws = book.add_worksheet_with_constant_memory()?;
            ws.set_name(sheet_name(&name, &mut taken))?;
            let more = sheet.write(ws, &styles, &mut records)?;
            if !more {
                break;
            }
            part += 1;
        }
    }
    book.save_to_writer(w)?;
    Ok(())
}

/// The reader past a UTF-8 byte-order mark, if the file starts with one.
fn strip_bom<R: Read>(mut r: R) -> Result<impl Read, Error> {
    let mut head = [0u8; 3];
    let mut n = 0;
    while n < 3 {
        match r.read(&mut head[n..])? {
            0 => break,
            k => n += k,
        }
    }
    let skip = if head == *b"\xEF\xBB\xBF" { 3 } else { 0 };
    Ok(std::io::Cursor::new(head[skip..n].to_vec()).chain(r))
}

/// One file being written, sheet after sheet.
struct Sheet {
    header: Vec<String>,
    kinds: Vec<Kind>,
    excel: bool,
    max_rows: u32,
    formats: std::collections::HashMap<u32, Format>,
}

impl Sheet {
    fn new(file: &str, header: Vec<String>, excel: bool, max_rows: u32) -> Self {
        let kinds = kinds(file, &header);
        Sheet { header, kinds, excel, max_rows, formats: Default::default() }
    }

    /// Writes the header and rows until the sheet is full; true when rows
    /// are left for another sheet.
    fn write<I>(
        &mut self,
        ws: &mut Worksheet,
        styles: &Styles,
        records: &mut std::iter::Peekable<I>,
    ) -> Result<bool, Error>
    where
        I: Iterator<Item = csv::Result<csv::StringRecord>>,
    {
        let mut widths: Vec<usize> = self.header.iter().map(|h| display_width(h)).collect();
        for (c, h) in self.header.iter().enumerate() {
            ws.write_string_with_format(0, c as ColNum, h, &styles.header)?;
        }
        let mut row: RowNum = 0;
        while row + 1 < self.max_rows {
            let Some(record) = records.next() else { break };
            row += 1;
            let record = record?;
            for (c, field) in record.iter().enumerate().take(self.header.len()) {
                if (row as usize) < MEASURED_ROWS {
                    widths[c] = widths[c].max(display_width(field));
                }
                self.write_field(ws, (row, c as ColNum), field)?;
            }
        }
        let last = self.header.len().saturating_sub(1) as ColNum;
        ws.autofilter(0, 0, row, last)?;
        ws.set_freeze_panes(1, 0)?;
        for (c, w) in widths.into_iter().enumerate() {
            ws.set_column_width(c as ColNum, column_width(w.min(40)))?;
        }
        Ok(records.peek().is_some())
    }

    fn write_field(&mut self, ws: &mut Worksheet, at: (RowNum, ColNum), field: &str) -> Result<(), XlsxError> {
        if field.is_empty() {
            return Ok(());
        }
        let (r, c) = at;
        let kind = self.kinds.get(c as usize).copied().unwrap_or(Kind::Text);
        match (kind, field.parse::<Decimal>()) {
            (Kind::Count, Ok(d)) => ws.write_number(r, c, to_number(d))?,
            (Kind::Amount, Ok(d)) => {
                let format = self
                    .formats
                    .entry(d.scale())
                    .or_insert_with(|| Format::new().set_num_format(number_format(d.scale())));
                ws.write_number_with_format(r, c, to_number(d), format)?
            }
            _ => ws.write_string(r, c, unguard(field, self.excel))?,
        };
        Ok(())
    }
}

/// The text of a field written with `--excel`: without the `'` put before
/// `=`, `+`, `-` or `@`.
fn unguard(field: &str, excel: bool) -> &str {
    match field.strip_prefix('\'') {
        Some(rest) if excel && rest.starts_with(['=', '+', '-', '@']) => rest,
        _ => field,
    }
}

/// What each column of a combined file holds, by the output contract:
/// counts, pages and years are numbers; amounts (`value`, `value_yuan`,
/// `expected`, `actual`, `difference`, `confirmed`, and each measure of
/// summary.csv, the column beside a `…_table`) are numbers with their
/// decimals; the rest is text, codes included.
fn kinds(file: &str, header: &[String]) -> Vec<Kind> {
    let has = |name: &str| header.iter().any(|h| h == name);
    header
        .iter()
        .map(|h| {
            let count = matches!(h.as_str(), "year" | "page") || h.ends_with("_page");
            let count = count
                || (file == "documents.csv"
                    && matches!(
                        h.as_str(),
                        "pages" | "tables" | "cells" | "indicators" | "checks_failed" | "elapsed_ms"
                    ));
            let amount = matches!(h.as_str(), "value_yuan" | "expected" | "actual" | "difference")
                || (file == "cells.csv" && h == "value")
                || (file == "documents.csv" && h == "confirmed")
                || has(&format!("{h}_table"));
            if count {
                Kind::Count
            } else if amount {
                Kind::Amount
            } else {
                Kind::Text
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_numbers_by_the_contract() {
        let header = |s: &str| s.split(',').map(str::to_string).collect::<Vec<_>>();
        let cells = header("source,year,row_code,value,unit,page,value_yuan,blank");
        use Kind::*;
        assert_eq!(kinds("cells.csv", &cells), [Text, Count, Text, Amount, Text, Count, Amount, Text]);
        let forms = header("source,form,value,page");
        assert_eq!(kinds("forms.csv", &forms), [Text, Text, Text, Count]);
        let summary = header("source,income_total,income_total_table,income_total_page,disagreements");
        assert_eq!(kinds("summary.csv", &summary), [Text, Amount, Text, Count, Text]);
    }

    #[test]
    fn the_excel_guard_is_taken_off() {
        assert_eq!(unguard("'=SUM(A1)", true), "=SUM(A1)");
        assert_eq!(unguard("'-5", true), "-5");
        assert_eq!(unguard("'abc", true), "'abc");
        assert_eq!(unguard("'=SUM(A1)", false), "'=SUM(A1)");
    }

    #[test]
    fn a_byte_order_mark_is_skipped() {
        let mut s = String::new();
        strip_bom("\u{feff}a,b\n".as_bytes()).unwrap().read_to_string(&mut s).unwrap();
        assert_eq!(s, "a,b\n");
        let mut s = String::new();
        strip_bom("a".as_bytes()).unwrap().read_to_string(&mut s).unwrap();
        assert_eq!(s, "a");
    }
}
