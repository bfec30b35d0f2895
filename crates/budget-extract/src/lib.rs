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
    /// Text extracted from a PDF, its words one space apart (as
    /// pdf-extract writes it).
    Text,
    /// Text extracted from a PDF, laid out in columns (as `pdftotext
    /// -layout` writes it, [`text::is_laid_out`]): read as [`Text`](Self::Text) is.
    LaidOutText,
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
        Some(InputKind::Text | InputKind::LaidOutText) => {
            // sniff() accepted the bytes as text, so this cannot fail; the
            // error arm is kept rather than an unwrap.
            let s = decode_text(bytes).ok_or(ErrorKind::NotPdf)?;
            let pages = text::pages_from_text(&s);
            if pages.iter().all(|p| p.lines.is_empty()) {
                return Err(ErrorKind::Empty);
            }
            Ok(Extracted { kind: text::kind_of(&s), pages })
        }
        None => Err(sniff_failure(bytes)),
    }
}

/// The text of an input that is no PDF, in the encodings text is saved in:
/// UTF-8, UTF-16 with its byte-order mark (a byte-order mark of either is
/// dropped), or else GB18030 (of which GBK and GB2312 are parts), as text
/// saved on a Chinese Windows is. `None` where the bytes do not decode
/// whole in the one that applies, or decode to control characters other
/// than line breaks, tabs and form feeds (a binary file).
pub fn decode_text(bytes: &[u8]) -> Option<std::borrow::Cow<'_, str>> {
    let text = match encoding_rs::Encoding::for_bom(bytes) {
        Some((encoding, bom)) => encoding.decode_without_bom_handling_and_without_replacement(&bytes[bom..])?,
        None => match std::str::from_utf8(bytes) {
            Ok(s) => std::borrow::Cow::Borrowed(s),
            Err(_) => encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(bytes)?,
        },
    };
    let control = |c: char| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}');
    (!text.contains(control)).then_some(text)
}

/// Tells a PDF (header `%PDF-` within the first 1024 bytes, as readers
/// accept) from text ([`decode_text`]); `None` for anything else.
pub fn sniff(bytes: &[u8]) -> Option<InputKind> {
    let head = &bytes[..bytes.len().min(1024)];
    if head.windows(5).any(|w| w == b"%PDF-") {
        return Some(InputKind::Pdf);
    }
    let s = decode_text(bytes)?;
    let looks_like_markup = s.trim_start().starts_with('<');
    (!looks_like_markup && !s.trim().is_empty()).then_some(InputKind::Text)
}

fn sniff_failure(bytes: &[u8]) -> ErrorKind {
    // Text of nothing but blank lines is what an extraction that failed
    // leaves: empty too, not a file of another kind.
    if decode_text(bytes).is_some_and(|s| s.trim().is_empty()) {
        return ErrorKind::Empty;
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(512)]).to_ascii_lowercase();
    if head.contains("<html") || head.contains("<!doctype") {
        ErrorKind::Html
    } else {
        ErrorKind::NotPdf
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Text saved as GBK (GB18030), as UTF-16 with its byte-order mark, or
    /// as UTF-8 with one, reads as the same text; bytes that decode in none
    /// of them, or to control characters, are no text.
    #[test]
    fn text_is_read_in_the_encodings_it_is_saved_in() {
        let text = "一、部门收支总表\n单位：万元\n合计 1,477.88\n";
        let (gbk, _, unmappable) = encoding_rs::GB18030.encode(text);
        assert!(!unmappable);
        assert_ne!(&gbk[..], text.as_bytes());
        assert_eq!(decode_text(&gbk).as_deref(), Some(text));
        let utf16le: Vec<u8> = [0xFF, 0xFE].into_iter().chain(text.encode_utf16().flat_map(u16::to_le_bytes)).collect();
        assert_eq!(decode_text(&utf16le).as_deref(), Some(text));
        let utf16be: Vec<u8> = [0xFE, 0xFF].into_iter().chain(text.encode_utf16().flat_map(u16::to_be_bytes)).collect();
        assert_eq!(decode_text(&utf16be).as_deref(), Some(text));
        let bom: Vec<u8> = [0xEF, 0xBB, 0xBF].iter().chain(text.as_bytes()).copied().collect();
        assert_eq!(decode_text(&bom).as_deref(), Some(text));
        assert_eq!(sniff(&gbk), Some(InputKind::Text));
        // A byte no encoding here maps, and a NUL.
        assert_eq!(decode_text(&[0xB2, 0xBF, 0xFF, 0x41]), None);
        assert_eq!(decode_text(b"abc\0def"), None);
        assert_eq!(sniff(&[0u8, 159, 146, 150, 255, 0, 1]), None);
    }
}
