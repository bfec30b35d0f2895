//! XLSX workbooks for spreadsheet users (`convert --xlsx`), written with
//! rust_xlsxwriter, never as XML by hand.
//!
//! - [`write_document_xlsx`]: one workbook per document, a sheet per table
//!   laid out as printed (title, unit, header rows with group cells merged
//!   over their leaves, amounts as numbers with their printed decimals),
//!   failed cells highlighted with a note naming the check, then a `检查`
//!   sheet (every check) and a `文档` sheet (the document's particulars and
//!   findings).
//! - [`write_dataset_xlsx`]: the combined CSV files of a batch as sheets of
//!   one workbook, each with a frozen header and an autofilter, split into
//!   numbered sheets past Excel's 1,048,576 rows.
//!
//! Text is always written with `write_string`: a name that begins with `=`
//! stays text and is never run as a formula. Amounts are `Decimal` up to
//! this point; a worksheet stores numbers as IEEE doubles, so each is
//! converted once, from its exact decimal text (the closest double, which
//! spreadsheets show back as printed up to 15 significant digits).

mod dataset;
mod document;
mod locate;
mod names;
mod style;

pub use dataset::{write_dataset_xlsx, DatasetFile, EXCEL_MAX_ROWS};
pub use document::write_document_xlsx;
pub use names::sheet_name;
