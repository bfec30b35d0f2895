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
//! (`pagetext`), from which it outputs what it would from the whole.

use budget_model::{Glyph, Page, Rule};
use pdf_extract::{MediaBox, OutputDev, OutputError, Transform};

use crate::error::{one_line, ErrorKind};
use crate::guard::catch_quietly;
use crate::limits;
use crate::lines::{build_lines, drop_fake_bold};
use crate::load::load;
use crate::nesting;
use crate::options::PdfOptions;
use crate::pagefonts::PrivateUse;
use crate::pagetext::{PageChars, PageText};
use crate::paths::{page_drawing, Drawing};
use crate::placed::Placed;
use crate::view::View;

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
        let drawing = match &operations {
            Some(ops) => catch_quietly(|| page_drawing(&doc, id, view, ops)).unwrap_or_default(),
            None => Drawing::default(),
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
        let placed = Placed::new(&mut doc, &drawing.forms);
        let mut collector = Collector::new(view, options.max_glyphs_per_page, &page_chars, &private_use);
        let outcome = catch_quietly(|| pdf_extract::output_doc_page(&doc, &mut collector, number));
        placed.restore(&mut doc);
        if let Some(put_back) = put_back {
            put_back.restore(&mut doc, id);
        }
        match outcome {
            Ok(Ok(())) => {}
            Ok(Err(e)) => return Err(ErrorKind::Page { page: number, message: one_line(&format!("{e:?}")) }),
            Err(panic) => return Err(ErrorKind::Page { page: number, message: one_line(&panic) }),
        }
        pages.push(collector.finish(number, drawing.rules));
    }
    if pages.iter().all(|p| p.glyphs.is_empty()) {
        return Err(ErrorKind::NoTextLayer(page_range(pages.len())));
    }
    Ok(pages)
}

fn page_range(n: usize) -> String {
    if n == 1 {
        "page 1".to_string()
    } else {
        format!("pages 1–{n}")
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
    use std::path::PathBuf;

    use super::*;
    use crate::testing::{pdfs, project_pdfs, shared_corpus_or_skip};

    #[test]
    fn pages_without_text_are_named_as_a_range() {
        assert_eq!(page_range(1), "page 1");
        assert_eq!(page_range(210), "pages 1–210");
    }

    /// The pages of a PDF, or its error, with the font renumbering on or off.
    fn read(bytes: &[u8], renumber_fonts: bool) -> Result<Vec<Page>, String> {
        pages_from_pdf(bytes, &PdfOptions { renumber_fonts, ..PdfOptions::default() }).map_err(|e| e.to_string())
    }

    /// Where the pages read with the renumbering differ from those read
    /// without: one line per page that differs, naming the first difference.
    fn differences(name: &str, on: &[Page], off: &[Page]) -> Vec<String> {
        let mut out = Vec::new();
        if on.len() != off.len() {
            out.push(format!("{name}: {} pages renumbered, {} not", on.len(), off.len()));
        }
        for (a, b) in on.iter().zip(off) {
            let lines = |p: &Page| p.lines.iter().map(|l| l.text.clone()).collect::<Vec<_>>();
            let (la, lb) = (lines(a), lines(b));
            if la != lb {
                let i = la.iter().zip(&lb).position(|(x, y)| x != y).unwrap_or(la.len().min(lb.len()));
                let (x, y) = (la.get(i), lb.get(i));
                out.push(format!("{name} page {}: line {}: {x:?} renumbered, {y:?} not", a.number, i + 1));
            } else if a.glyphs != b.glyphs {
                let i = a.glyphs.iter().zip(&b.glyphs).position(|(x, y)| x != y).unwrap_or(a.glyphs.len());
                let (x, y) = (a.glyphs.get(i), b.glyphs.get(i));
                out.push(format!("{name} page {}: glyph {i}: {x:?} renumbered, {y:?} not", a.number));
            }
        }
        out
    }

    /// Reads every file with the renumbering on and off (`renumber_fonts`):
    /// the same lines, and the same glyphs with their boxes, on every page,
    /// or the same error.
    fn read_the_same_with_and_without_renumbering(files: &[PathBuf]) {
        let (mut pages, mut found) = (0, Vec::new());
        for file in files {
            let name = file.display().to_string();
            let bytes = std::fs::read(file).unwrap_or_else(|e| panic!("{name}: {e}"));
            match (read(&bytes, true), read(&bytes, false)) {
                (Ok(on), Ok(off)) => {
                    pages += on.len();
                    found.extend(differences(&name, &on, &off));
                }
                (on, off) => {
                    let (on, off) = (on.map(|p| p.len()), off.map(|p| p.len()));
                    if on != off {
                        found.push(format!("{name}: {on:?} renumbered, {off:?} not"));
                    }
                }
            }
        }
        assert!(pages >= files.len(), "{pages} pages read from {} files", files.len());
        assert!(found.is_empty(), "{}", found.join("\n"));
    }

    #[test]
    fn the_project_samples_read_the_same_with_and_without_renumbering() {
        read_the_same_with_and_without_renumbering(&project_pdfs());
    }

    #[test]
    fn the_real_corpus_reads_the_same_with_and_without_renumbering() {
        let Some(shared) = shared_corpus_or_skip("the_real_corpus_reads_the_same_with_and_without_renumbering") else {
            return;
        };
        let files = pdfs(&shared.join("real"));
        assert!(!files.is_empty(), "no PDFs in {}", shared.join("real").display());
        read_the_same_with_and_without_renumbering(&files);
    }
}
