//! PDF input: positioned glyphs and ruling lines through `pdf-extract`.
//!
//! `pdf-extract` interprets the content streams and decodes the fonts; the
//! output device it drives keeps, per page, every glyph's box (from the text
//! rendering matrix, the font size and the glyph width). The ruling segments
//! of tables come from the `paths` module. Coordinates are turned into the page
//! as displayed: origin top-left, `/Rotate` applied.
//!
//! Each page's content is inflated once: the form checks and the rules read
//! it whole, then pdf-extract reads a copy of its text operations only
//! (`show_text_only`), which is what it would output from the whole.

use budget_model::{Glyph, Page, Rule};
use pdf_extract::{Document, MediaBox, OutputDev, OutputError, Transform};

use crate::error::{ErrorKind, Limit};
use crate::guard::catch_quietly;
use crate::limits::{self, Sizes};
use crate::lines::{build_lines, drop_fake_bold};
use crate::nesting;
use crate::pagefonts::PrivateUse;
use crate::pagetext::{PageChars, PageText};
use crate::paths::page_rules;
use crate::repair;
use crate::view::View;

/// Limits and settings for reading PDFs (and, for the file size, text).
/// A file past a limit is refused with [`ErrorKind::Limit`]; see the
/// `limits` module for how streams are measured.
#[derive(Debug, Clone)]
pub struct PdfOptions {
    /// Documents with more pages are refused (a hostile file cannot run
    /// forever). Default 2000.
    pub max_pages: u32,
    /// Glyphs per page beyond this many are dropped. Default 200,000.
    pub max_glyphs_per_page: usize,
    /// Larger files are refused before they are read. Default 256 MiB.
    pub max_file_bytes: u64,
    /// A compressed stream that inflates to more bytes than this, or a page
    /// whose content streams together do, is refused as a decompression
    /// bomb before anything inflates it. Default 64 MiB.
    pub max_stream_bytes: u64,
}

impl Default for PdfOptions {
    fn default() -> Self {
        PdfOptions {
            max_pages: 2000,
            max_glyphs_per_page: 200_000,
            max_file_bytes: 256 << 20,
            max_stream_bytes: 64 << 20,
        }
    }
}

/// Reads every page of a PDF into lines, glyphs and rules.
pub fn pages_from_pdf(bytes: &[u8], options: &PdfOptions) -> Result<Vec<Page>, ErrorKind> {
    let (mut doc, sizes, private_use) = load(bytes, options)?;
    let page_ids = doc.get_pages();
    if page_ids.is_empty() {
        return Err(ErrorKind::Unreadable("no pages".into()));
    }
    nesting::pin_inherited(&mut doc);
    let mut pages = Vec::with_capacity(page_ids.len());
    let mut page_text = PageText::new(&private_use);
    for (&number, &id) in &page_ids {
        limits::check_page_content(&doc, id, number, &sizes, options)?;
        // Inflated once for the checks, the rules and the text.
        let content = doc.get_page_content(id).ok();
        nesting::check_forms(&doc, id, number, content.as_deref().unwrap_or_default())?;
        let view = View::of_page(&doc, id);
        let operations = content.as_deref().and_then(crate::content::operations);
        let rules = match &operations {
            Some(ops) => catch_quietly(|| page_rules(&doc, id, view, ops)).unwrap_or_default(),
            None => Vec::new(),
        };
        // A panic there leaves the page as it is (and pdf-extract reads it whole).
        let shown = match (&operations, &content) {
            (Some(ops), Some(content)) => catch_quietly(|| page_text.show(&mut doc, id, ops, content)).ok().flatten(),
            _ => None,
        };
        drop(operations);
        let (put_back, page_chars) = match shown {
            Some((put_back, chars)) => (Some(put_back), chars),
            None => (None, PageChars::default()),
        };
        let mut collector = Collector::new(view, options.max_glyphs_per_page, &page_chars, &private_use);
        let outcome = catch_quietly(|| pdf_extract::output_doc_page(&doc, &mut collector, number));
        if let Some(put_back) = put_back {
            put_back.restore(&mut doc, id);
        }
        match outcome {
            Ok(Ok(())) => {}
            Ok(Err(e)) => return Err(ErrorKind::Page { page: number, message: one_line(&format!("{e:?}")) }),
            Err(panic) => return Err(ErrorKind::Page { page: number, message: one_line(&panic) }),
        }
        pages.push(collector.finish(number, rules));
    }
    if pages.iter().all(|p| p.glyphs.is_empty()) {
        return Err(ErrorKind::NoTextLayer(page_range(pages.len())));
    }
    Ok(pages)
}

/// A reader's message on one line: names from the file can hold any byte.
fn one_line(message: &str) -> String {
    message.chars().map(|c| if c.is_control() { ' ' } else { c }).collect()
}

fn page_range(n: usize) -> String {
    if n == 1 {
        "page 1".to_string()
    } else {
        format!("pages 1–{n}")
    }
}

const NO_PAGE_TREE: &str =
    "no page tree (the cross-reference table leads nowhere and no catalog was found to rebuild it)";

/// Loads and decrypts the document (rebuilding a cross-reference table
/// that leads nowhere), measures its streams against the limits and puts
/// its fonts in the form pdf-extract reads right.
pub(crate) fn load(bytes: &[u8], options: &PdfOptions) -> Result<(Document, Sizes, PrivateUse), ErrorKind> {
    limits::check_raw(bytes, options)?;
    let mut doc = match open(bytes) {
        Ok(doc) if has_page_tree(&doc) => doc,
        Err(e @ ErrorKind::Encrypted(_)) => return Err(e),
        _ if !repair::has_eof_marker(bytes) => return Err(ErrorKind::Truncated),
        first => match repair::rebuild(bytes).map(|rebuilt| open(&rebuilt)) {
            Some(Ok(doc)) if has_page_tree(&doc) => doc,
            _ => return Err(first.err().unwrap_or_else(|| ErrorKind::Unreadable(NO_PAGE_TREE.into()))),
        },
    };
    // Before anything reads every page.
    let pages = doc.get_pages().len();
    if pages as u64 > u64::from(options.max_pages) {
        return Err(ErrorKind::Limit(Limit::Pages { pages, max: options.max_pages }));
    }
    let sizes = limits::check_streams(&mut doc, options)?;
    crate::fonts::normalise_cid_widths(&mut doc);
    crate::cjk::decode_predefined_cmaps(&mut doc);
    let private_use = crate::pagefonts::lighten(&mut doc);
    Ok((doc, sizes, private_use))
}

/// Parses the file and decrypts it with the empty user password, as
/// readers open a file protected by an owner password only.
fn open(bytes: &[u8]) -> Result<Document, ErrorKind> {
    let mut doc = match catch_quietly(|| Document::load_mem(bytes)) {
        Ok(Ok(doc)) => doc,
        Ok(Err(e)) => return Err(load_error(e)),
        Err(panic) => return Err(ErrorKind::Unreadable(one_line(&panic))),
    };
    if doc.is_encrypted() {
        match catch_quietly(|| doc.decrypt("")) {
            Ok(Ok(())) => {}
            Ok(Err(_)) | Err(_) => return Err(ErrorKind::Encrypted("a password is required to open it".into())),
        }
    }
    Ok(doc)
}

/// True when the catalog leads to a page tree (checked without walking it).
fn has_page_tree(doc: &Document) -> bool {
    doc.catalog()
        .and_then(|c| c.get(b"Pages"))
        .and_then(|p| doc.dereference(p))
        .and_then(|(_, pages)| pages.as_dict())
        .is_ok()
}

fn load_error(e: pdf_extract::Error) -> ErrorKind {
    let message = one_line(&e.to_string());
    let lower = message.to_ascii_lowercase();
    if lower.contains("decrypt") || lower.contains("password") || lower.contains("encrypt") {
        ErrorKind::Encrypted(message)
    } else {
        ErrorKind::Unreadable(message)
    }
}

/// The output device that keeps glyph boxes.
struct Collector<'p> {
    view: View,
    max_glyphs: usize,
    glyphs: Vec<Glyph>,
    /// What the private-use characters of the document's lightened fonts
    /// stand for.
    private_use: &'p PrivateUse,
    /// What the private-use characters of the page's renumbered fonts stand for.
    page_chars: &'p PageChars,
}

impl<'p> Collector<'p> {
    fn new(view: View, max_glyphs: usize, page_chars: &'p PageChars, private_use: &'p PrivateUse) -> Self {
        Collector { view, max_glyphs, glyphs: Vec::new(), private_use, page_chars }
    }

    fn finish(mut self, number: u32, rules: Vec<Rule>) -> Page {
        drop_fake_bold(&mut self.glyphs);
        let (width, height) = self.view.size();
        let lines = build_lines(&self.glyphs);
        Page { number, width, height, lines, glyphs: self.glyphs, rules }
    }
}

/// Applies a PDF matrix to a point (row-vector convention, as PDF does).
fn apply(t: &Transform, x: f64, y: f64) -> (f64, f64) {
    (x * t.m11 + y * t.m21 + t.m31, x * t.m12 + y * t.m22 + t.m32)
}

impl OutputDev for Collector<'_> {
    fn begin_page(
        &mut self,
        _page: u32,
        _media_box: &MediaBox,
        _art: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        // The view was made from the same page dictionary before the page
        // was read.
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        ch: &str,
    ) -> Result<(), OutputError> {
        let owned;
        let ch = if let Some(t) = self.page_chars.text(ch) {
            t
        } else if let Some(t) = self.private_use.text(ch) {
            owned = t;
            owned.as_str()
        } else {
            ch
        };
        if self.glyphs.len() >= self.max_glyphs || ch.trim().is_empty() {
            return Ok(());
        }
        // Corners of the glyph box in text space: advance along x, font size up.
        let advance = width * font_size;
        let corners = [(0.0, 0.0), (advance, 0.0), (0.0, font_size), (advance, font_size)];
        let (mut x0, mut y0, mut x1, mut y1) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
        for (tx, ty) in corners {
            let (px, py) = apply(trm, tx, ty);
            let (x, y) = self.view.point(px, py);
            x0 = x0.min(x);
            x1 = x1.max(x);
            y0 = y0.min(y);
            y1 = y1.max(y);
        }
        if !(x0.is_finite() && y0.is_finite() && x1.is_finite() && y1.is_finite()) {
            return Ok(());
        }
        // Descenders: the box from the baseline up is shifted down a little so
        // that the centre of a CJK glyph sits in the middle of its cell.
        let shift = (y1 - y0) * 0.12;
        self.glyphs.push(Glyph { text: ch.to_string(), x0, x1: x1.max(x0 + 0.1), top: y0 + shift, bottom: y1 + shift });
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reader_messages_are_kept_on_one_line() {
        assert_eq!(one_line("unknown font F\n1\r\t"), "unknown font F 1  ");
        assert_eq!(page_range(1), "page 1");
        assert_eq!(page_range(210), "pages 1–210");
    }
}
