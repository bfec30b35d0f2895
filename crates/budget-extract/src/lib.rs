//! Reads budget documents into pages of lines.
//!
//! Two inputs are understood:
//! - a PDF, read through `pdf-extract` with an output device that keeps every
//!   glyph's box and the ruling lines of each page ([`pdf`]);
//! - text already extracted from a budget PDF, one line per line with blank
//!   lines between, where a line starting with a space (or a form feed) opens
//!   a new page ([`text`]).
//!
//! [`extract_file`] tells them apart by content, not by file name, and returns
//! an [`Extracted`] document or an [`Error`] naming the file and the reason.
//!
//! [`PdfOptions`] holds the limits that keep a hostile file from eating the
//! machine, and `renumber_fonts`: on by default, it gives pdf-extract the
//! fonts of each page rewritten to be cheap to read; off, pdf-extract reads
//! them as the document has them, slower, to the same text (tested on the
//! samples and the corpora). A wrong character that goes away with it off
//! comes from the renumbering (the command line reads
//! `BUDGET2CSV_FONT_RENUMBERING=off`).
//!
//! ```
//! let pages = budget_extract::text::pages_from_text(" 一、部门收支总表\n\n单位：万元\n\n 第二页");
//! assert_eq!(pages.len(), 2);
//! assert_eq!(pages[0].lines[1].text, "单位：万元");
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod cjk;
mod content;
mod error;
mod fonts;
mod guard;
mod limits;
mod lines;
mod load;
mod nesting;
mod options;
mod pagefonts;
mod pagetext;
mod paths;
pub mod pdf;
mod placed;
mod repair;
mod spacing;
#[cfg(test)]
mod testing;
pub mod text;
mod view;

use std::path::Path;

use budget_model::Page;

pub use error::{Error, ErrorKind, Limit};
pub use guard::{catch_quietly, install_quiet_panic_hook};
pub use options::PdfOptions;

/// What kind of input a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    /// A PDF file.
    Pdf,
    /// Text extracted from a PDF.
    Text,
}

/// A document read into pages.
#[derive(Debug, Clone)]
pub struct Extracted {
    /// PDF or text.
    pub kind: InputKind,
    /// The pages, in order.
    pub pages: Vec<Page>,
}

/// Reads a file: a PDF, or text extracted from one.
pub fn extract_file(path: &Path, options: &PdfOptions) -> Result<Extracted, Error> {
    let size = std::fs::metadata(path).map_err(|e| Error::new(path, ErrorKind::Io(e)))?.len();
    limits::check_file_size(size, options).map_err(|kind| Error::new(path, kind))?;
    let bytes = std::fs::read(path).map_err(|e| Error::new(path, ErrorKind::Io(e)))?;
    extract_bytes(&bytes, options).map_err(|kind| Error::new(path, kind))
}

/// Reads the bytes of an input, PDF or text.
pub fn extract_bytes(bytes: &[u8], options: &PdfOptions) -> Result<Extracted, ErrorKind> {
    limits::check_file_size(bytes.len() as u64, options)?;
    match sniff(bytes) {
        Some(InputKind::Pdf) => Ok(Extracted { kind: InputKind::Pdf, pages: pdf::pages_from_pdf(bytes, options)? }),
        Some(InputKind::Text) => {
            // sniff() accepted the bytes as UTF-8, so this cannot fail; the
            // error arm is kept rather than an unwrap.
            let s = std::str::from_utf8(bytes).map_err(|_| ErrorKind::NotPdf)?;
            let pages = text::pages_from_text(s);
            if pages.iter().all(|p| p.lines.is_empty()) {
                return Err(ErrorKind::Empty);
            }
            Ok(Extracted { kind: InputKind::Text, pages })
        }
        None => Err(sniff_failure(bytes)),
    }
}

/// Tells a PDF (header `%PDF-` within the first 1024 bytes, as readers
/// accept) from UTF-8 text; `None` for anything else.
pub fn sniff(bytes: &[u8]) -> Option<InputKind> {
    let head = &bytes[..bytes.len().min(1024)];
    if head.windows(5).any(|w| w == b"%PDF-") {
        return Some(InputKind::Pdf);
    }
    let s = std::str::from_utf8(bytes).ok()?;
    let looks_like_markup = s.trim_start().starts_with('<');
    (!looks_like_markup && !s.trim().is_empty()).then_some(InputKind::Text)
}

fn sniff_failure(bytes: &[u8]) -> ErrorKind {
    // Text of nothing but blank lines is what an extraction that failed
    // leaves: empty too, not a file of another kind.
    if std::str::from_utf8(bytes).is_ok_and(|s| s.trim().is_empty()) {
        return ErrorKind::Empty;
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(512)]).to_ascii_lowercase();
    if head.contains("<html") || head.contains("<!doctype") {
        ErrorKind::Html
    } else {
        ErrorKind::NotPdf
    }
}
