//! Writes parsed budget documents in the output contract of budget2csv.
//!
//! Every writer is generic over [`std::io::Write`]; rows are
//! `#[derive(Serialize)]` records so that each file's header comes from its
//! record type ([`CellRecord`], [`DocumentRecord`], [`CheckRecord`],
//! [`IndicatorRecord`], [`FormRecord`], [`SummaryRecord`]), the one definition of its columns
//! ([`Record::columns`]) and of its name ([`Record::FILE`]). Files, temporary
//! names and renames are the caller's business.
//!
//! ```
//! use budget_export::{CsvOptions, Writer};
//! use budget_model::{Cell, Column, Decimal, Document, Row, Table, TableKey};
//!
//! let mut table = Table::new(TableKey::ExpenseSummary, "3", "部门支出总表");
//! table.unit = Some("万元".into());
//! table.columns = vec![Column::amount("合计")];
//! let mut row = Row::new("行政运行", 5);
//! row.code = Some("2010301".into());
//! row.cells = vec![Cell::Amount("807.27".parse::<Decimal>().unwrap())];
//! table.rows.push(row);
//! let doc = Document { source: "a.pdf".into(), tables: vec![table], ..Document::default() };
//!
//! let mut out = Writer::new(Vec::new(), CsvOptions::default());
//! out.cells(&doc).unwrap();
//! let text = String::from_utf8(out.finish().unwrap()).unwrap();
//! // value_yuan 8072700 (807.27 万元), blank empty: the cell is printed.
//! assert!(text.ends_with("a.pdf,,,3,expense_summary,部门支出总表,,2010301,行政运行,合计,807.27,万元,5,8072700,\n"));
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod measures;
mod records;
mod summary;
mod wide;
pub mod xlsx;

use std::io::Write;

pub use records::{CellRecord, CheckRecord, DocumentRecord, FormRecord, IndicatorRecord};
pub use summary::{SummaryRecord, Written};
pub use wide::{table_file_name, write_wide_table};
pub use xlsx::{write_dataset_xlsx, write_document_xlsx, DatasetFile, EXCEL_MAX_ROWS};

/// Errors of the exporter.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Writing CSV failed.
    #[error("writing CSV")]
    Csv(#[from] csv::Error),
    /// Writing JSON failed.
    #[error("writing JSON")]
    Json(#[from] serde_json::Error),
    /// The underlying writer failed.
    #[error("writing output")]
    Io(#[from] std::io::Error),
    /// Writing an XLSX workbook failed.
    #[error("writing XLSX")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
}

/// How CSV is written.
#[derive(Debug, Clone, Copy, Default)]
pub struct CsvOptions {
    /// For spreadsheets: a UTF-8 byte-order mark first, and text cells that
    /// begin with `=`, `+`, `-` or `@` prefixed with `'` so that they are
    /// never run as formulas. Amount columns are left as numbers.
    pub excel: bool,
}

/// A CSV writer for one of the contract's files; the header is written with
/// the first record, or by [`Writer::header`] for a file with no rows.
pub struct Writer<W: Write> {
    csv: csv::Writer<W>,
    options: CsvOptions,
    started: bool,
}

impl<W: Write> Writer<W> {
    /// A writer over `w`.
    pub fn new(mut w: W, options: CsvOptions) -> Self {
        if options.excel {
            // A failed write shows up again, as an error, at the first record.
            let _ = w.write_all("\u{feff}".as_bytes());
        }
        let csv = csv::WriterBuilder::new().has_headers(true).terminator(csv::Terminator::Any(b'\n')).from_writer(w);
        Writer { csv, options, started: false }
    }

    /// A writer of records only: no header, no byte-order mark. For the parts
    /// of a file that is put together later, under one header.
    pub fn rows_only(w: W, options: CsvOptions) -> Self {
        let csv = csv::WriterBuilder::new().has_headers(false).terminator(csv::Terminator::Any(b'\n')).from_writer(w);
        Writer { csv, options, started: true }
    }

    /// Writes one record (the header first if this is the first).
    pub fn record<R: Record>(&mut self, mut r: R) -> Result<(), Error> {
        if self.options.excel {
            r.guard();
        }
        self.csv.serialize(r)?;
        self.started = true;
        Ok(())
    }

    /// Writes the header of a record type when no record was written, so
    /// that an empty file still names its columns.
    pub fn header<R: Record>(&mut self) -> Result<(), Error> {
        if !self.started {
            self.csv.write_record(R::columns())?;
            self.started = true;
        }
        Ok(())
    }

    /// Writes every amount cell of every amount table of `doc` (cells.csv).
    pub fn cells(&mut self, doc: &budget_model::Document) -> Result<(), Error> {
        for r in records::cell_records(doc) {
            self.record(r)?;
        }
        Ok(())
    }

    /// Writes the header of a record type now, whatever was written before
    /// (for a file put together from parts written with
    /// [`Writer::rows_only`]).
    pub fn header_always<R: Record>(&mut self) -> Result<(), Error> {
        self.csv.write_record(R::columns())?;
        Ok(())
    }

    /// Flushes and returns the underlying writer.
    pub fn finish(mut self) -> Result<W, Error> {
        self.csv.flush()?;
        self.csv.into_inner().map_err(|e| Error::Io(e.into_error()))
    }
}

/// A row of one of the combined files: a `#[derive(Serialize)]` struct of
/// text and numbers whose fields, in order, are the file's columns. Its type
/// is the one definition of the columns: the header [`Writer::record`]
/// writes and [`Record::columns`] both come from its field names.
pub trait Record: serde::Serialize + Guard + Default {
    /// The file the records make up: `cells.csv`, `documents.csv`, …
    const FILE: &'static str;

    /// The columns, in order: the header csv writes before the first record
    /// of the type.
    fn columns() -> Vec<String> {
        let mut csv = csv::Writer::from_writer(Vec::new());
        // Records are flat structs of text and numbers (the tests of
        // `records` write each one), and memory takes any write: this cannot
        // fail.
        csv.serialize(Self::default()).expect("a record of text and numbers serialises");
        let bytes = csv.into_inner().expect("a write into memory succeeds");
        let mut read = csv::Reader::from_reader(bytes.as_slice());
        read.headers().map(|h| h.iter().map(str::to_string).collect()).expect("the header just written reads back")
    }
}

/// Text fields of a record that a spreadsheet could take for a formula.
pub trait Guard {
    /// Prefixes every text field that starts with `=`, `+`, `-` or `@` with
    /// `'`. Amount fields are not touched.
    fn guard(&mut self);
}

/// Protects one text field for spreadsheets.
pub fn guard_text(s: &mut String) {
    if s.starts_with(['=', '+', '-', '@']) {
        s.insert(0, '\'');
    }
}

/// Writes the whole document as JSON.
pub fn write_json<W: Write>(w: W, doc: &budget_model::Document) -> Result<(), Error> {
    serde_json::to_writer_pretty(w, doc)?;
    Ok(())
}
