//! One input to a checked budget document: the whole conversion of
//! budget2csv in one call, for the command line, the fuzz targets, the
//! benches and the tests alike.
//!
//! [`convert`] takes the bytes of an input (a PDF, or text extracted from
//! one), reads them into pages (`budget-extract`), rebuilds the tables
//! (`budget-parse`) and checks them (`budget-check`), and returns the
//! [`Document`](budget_model::Document) or an [`Error`] naming the input and
//! the reason ([`ErrorKind`]): the extractor's, no budget table on any page
//! of a document with a budget title (one with neither comes back as a
//! document of kind 其他, unconverted),
//! or a panic anywhere in those steps, caught. [`convert_text`] does the
//! same from text already split into lines. [`options_from_env`] gives the
//! [`PdfOptions`] the environment asks for: `BUDGET2CSV_FONT_RENUMBERING=off`
//! turns the font renumbering off ([`PdfOptions::renumber_fonts`]), to
//! find out whether a wrong character comes from it.
//!
//! ```
//! use budget_pipeline::{convert, ErrorKind, PdfOptions};
//!
//! let text = " 三、部门支出总表\n单位：万元\n科目编码 科目名称 合计 基本支出 项目支出\n\
//!             合计 10.00 6.00 4.00\n201 一般公共服务支出 10.00 6.00 4.00\n";
//! let doc = convert(text.as_bytes(), "expense.txt", &PdfOptions::default())?;
//! assert_eq!(doc.source, "expense.txt");
//! assert_eq!(doc.tables[0].key.as_str(), "expense_summary");
//! assert!(doc.checks_failed() == 0 && !doc.checks.is_empty());
//!
//! let text = " 2026年某某局部门预算\n目录\n";
//! let err = convert(text.as_bytes(), "contents.txt", &PdfOptions::default()).unwrap_err();
//! assert!(matches!(err.kind(), ErrorKind::NoTables { pages: 1 }));
//! assert_eq!(err.to_string(), "contents.txt: no budget tables found in 1 pages");
//! # Ok::<(), budget_pipeline::Error>(())
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod env;
mod error;
mod pipeline;

pub use budget_extract::PdfOptions;
pub use env::{options_from_env, FONT_RENUMBERING};
pub use error::{Error, ErrorKind};
pub use pipeline::{convert, convert_text, convert_with_pages};
