//! PDF input: positioned glyphs and ruling lines through `pdf-extract`.
//!
//! `pdf-extract` interprets the content streams and decodes the fonts; the
//! output device it drives keeps, per page, every glyph's box
//! (from the text rendering matrix, the font size and the glyph width) and the
//! ruling segments of tables, whether drawn as thin filled rectangles (WPS,
//! Word, Distiller) or as stroked paths (Excel, ONLYOFFICE). Coordinates are
//! turned into the page as displayed: origin top-left, `/Rotate` applied.

use budget_model::{Glyph, Page, Rule};
use pdf_extract::{ColorSpace, Document, MediaBox, OutputDev, OutputError, Path, PathOp, Transform};

use crate::error::ErrorKind;
use crate::guard::catch_quietly;
use crate::lines::{build_lines, drop_fake_bold};

/// Limits and settings for reading PDFs.
#[derive(Debug, Clone)]
pub struct PdfOptions {
    /// Pages beyond this many are refused (a hostile file cannot run forever).
    pub max_pages: u32,
    /// Glyphs per page beyond this many are dropped with the page reported.
    pub max_glyphs_per_page: usize,
}

impl Default for PdfOptions {
    fn default() -> Self {
        PdfOptions { max_pages: 2000, max_glyphs_per_page: 200_000 }
    }
}

/// Reads every page of a PDF into lines, glyphs and rules.
pub fn pages_from_pdf(bytes: &[u8], options: &PdfOptions) -> Result<Vec<Page>, ErrorKind> {
    let doc = load(bytes)?;
    let page_ids = doc.get_pages();
    if page_ids.is_empty() {
        return Err(ErrorKind::Unreadable("no pages".into()));
    }
    if page_ids.len() as u64 > u64::from(options.max_pages) {
        return Err(ErrorKind::Limit(format!("{} pages (at most {} are read)", page_ids.len(), options.max_pages)));
    }
    let mut pages = Vec::with_capacity(page_ids.len());
    for (&number, &id) in &page_ids {
        let rotation = page_rotation(&doc, id);
        let mut collector = Collector::new(rotation, options.max_glyphs_per_page);
        let outcome = catch_quietly(|| pdf_extract::output_doc_page(&doc, &mut collector, number));
        match outcome {
            Ok(Ok(())) => {}
            Ok(Err(e)) => return Err(ErrorKind::Page { page: number, message: format!("{e:?}") }),
            Err(panic) => return Err(ErrorKind::Page { page: number, message: panic }),
        }
        pages.push(collector.finish(number));
    }
    if pages.iter().all(|p| p.glyphs.is_empty()) {
        return Err(ErrorKind::NoTextLayer(page_range(pages.len())));
    }
    Ok(pages)
}

fn page_range(n: usize) -> String {
    if n == 1 {
        "1".to_string()
    } else {
        format!("1–{n}")
    }
}

fn load(bytes: &[u8]) -> Result<Document, ErrorKind> {
    let mut doc = match catch_quietly(|| Document::load_mem(bytes)) {
        Ok(Ok(doc)) => doc,
        Ok(Err(e)) => return Err(load_error(e)),
        Err(panic) => return Err(ErrorKind::Unreadable(panic)),
    };
    if doc.is_encrypted() {
        match catch_quietly(|| doc.decrypt("")) {
            Ok(Ok(())) => {}
            Ok(Err(_)) | Err(_) => return Err(ErrorKind::Encrypted("a password is required to open it".into())),
        }
    }
    Ok(doc)
}

fn load_error(e: pdf_extract::Error) -> ErrorKind {
    let message = e.to_string();
    let lower = message.to_ascii_lowercase();
    if lower.contains("decrypt") || lower.contains("password") || lower.contains("encrypt") {
        ErrorKind::Encrypted(message)
    } else {
        ErrorKind::Unreadable(message)
    }
}

/// The page's `/Rotate`, inherited through the page tree, as 0, 90, 180 or 270.
fn page_rotation(doc: &Document, id: pdf_extract::ObjectId) -> i64 {
    let mut node = doc.get_dictionary(id).ok();
    for _ in 0..32 {
        let Some(dict) = node else { break };
        if let Ok(r) = dict.get(b"Rotate").and_then(|o| doc.dereference(o)).and_then(|(_, o)| o.as_i64()) {
            return r.rem_euclid(360) / 90 * 90;
        }
        node = dict.get(b"Parent").and_then(|p| p.as_reference()).and_then(|pid| doc.get_dictionary(pid)).ok();
    }
    0
}

/// Maps PDF user space (y up) to the displayed page (y down, rotated).
#[derive(Debug, Clone, Copy, Default)]
struct View {
    rotation: i64,
    llx: f64,
    lly: f64,
    urx: f64,
    ury: f64,
}

impl View {
    fn point(&self, x: f64, y: f64) -> (f32, f32) {
        let (dx, dy) = match self.rotation {
            90 => (y - self.lly, x - self.llx),
            180 => (self.urx - x, y - self.lly),
            270 => (self.ury - y, self.urx - x),
            _ => (x - self.llx, self.ury - y),
        };
        (dx as f32, dy as f32)
    }

    fn size(&self) -> (f32, f32) {
        let (w, h) = ((self.urx - self.llx) as f32, (self.ury - self.lly) as f32);
        if self.rotation == 90 || self.rotation == 270 {
            (h, w)
        } else {
            (w, h)
        }
    }
}

/// The output device that keeps glyph boxes and rules.
struct Collector {
    view: View,
    max_glyphs: usize,
    glyphs: Vec<Glyph>,
    rules: Vec<Rule>,
}

/// A filled rectangle thinner than this (in points) is a ruling line.
const MAX_RULE_THICKNESS: f32 = 2.5;

impl Collector {
    fn new(rotation: i64, max_glyphs: usize) -> Self {
        Collector { view: View { rotation, ..View::default() }, max_glyphs, glyphs: Vec::new(), rules: Vec::new() }
    }

    fn finish(mut self, number: u32) -> Page {
        drop_fake_bold(&mut self.glyphs);
        let (width, height) = self.view.size();
        let lines = build_lines(&self.glyphs);
        Page { number, width, height, lines, glyphs: self.glyphs, rules: self.rules }
    }

    fn corners(&self, ctm: &Transform, x: f64, y: f64) -> (f32, f32) {
        let (px, py) = apply(ctm, x, y);
        self.view.point(px, py)
    }

    fn add_segment(&mut self, a: (f32, f32), b: (f32, f32)) {
        let (dx, dy) = ((a.0 - b.0).abs(), (a.1 - b.1).abs());
        // Only axis-parallel segments rule tables; diagonals are drawings.
        if dx <= 0.5 || dy <= 0.5 {
            self.rules.push(Rule::new(a.0, a.1, b.0, b.1));
        }
    }

    fn add_rect(&mut self, ctm: &Transform, x: f64, y: f64, w: f64, h: f64, filled: bool) {
        let a = self.corners(ctm, x, y);
        let b = self.corners(ctm, x + w, y + h);
        let r = Rule::new(a.0, a.1, b.0, b.1);
        let (rw, rh) = (r.x1 - r.x0, r.y1 - r.y0);
        if filled {
            if rh <= MAX_RULE_THICKNESS && rw > rh {
                let y = (r.y0 + r.y1) / 2.0;
                self.rules.push(Rule::new(r.x0, y, r.x1, y));
            } else if rw <= MAX_RULE_THICKNESS && rh > rw {
                let x = (r.x0 + r.x1) / 2.0;
                self.rules.push(Rule::new(x, r.y0, x, r.y1));
            }
        } else {
            self.rules.push(Rule::new(r.x0, r.y0, r.x1, r.y0));
            self.rules.push(Rule::new(r.x0, r.y1, r.x1, r.y1));
            self.rules.push(Rule::new(r.x0, r.y0, r.x0, r.y1));
            self.rules.push(Rule::new(r.x1, r.y0, r.x1, r.y1));
        }
    }

    fn add_path(&mut self, ctm: &Transform, path: &Path, filled: bool) {
        // Curves belong to drawings and to text drawn as outlines (fake bold
        // titles are stroked glyph outlines); their straight pieces are not
        // table rules.
        if path.ops.iter().any(|op| matches!(op, PathOp::CurveTo(..))) || is_outline(ctm, path) {
            return;
        }
        let mut start: Option<(f32, f32)> = None;
        let mut current: Option<(f32, f32)> = None;
        for op in &path.ops {
            match *op {
                PathOp::MoveTo(x, y) => {
                    let p = self.corners(ctm, x, y);
                    start = Some(p);
                    current = Some(p);
                }
                PathOp::LineTo(x, y) => {
                    let p = self.corners(ctm, x, y);
                    if let Some(c) = current {
                        if !filled {
                            self.add_segment(c, p);
                        }
                    }
                    current = Some(p);
                }
                PathOp::CurveTo(..) => {}
                PathOp::Rect(x, y, w, h) => self.add_rect(ctm, x, y, w, h, filled),
                PathOp::Close => {
                    if let (Some(c), Some(s)) = (current, start) {
                        if !filled {
                            self.add_segment(c, s);
                        }
                    }
                    current = start;
                }
            }
        }
        if filled {
            self.add_filled_polygon(ctm, path);
        }
    }

    /// A filled path made of line segments that encloses a thin axis-parallel
    /// box (how some producers draw rules) counts as that rule.
    fn add_filled_polygon(&mut self, ctm: &Transform, path: &Path) {
        let mut pts = Vec::new();
        for op in &path.ops {
            match *op {
                PathOp::MoveTo(x, y) | PathOp::LineTo(x, y) => pts.push(self.corners(ctm, x, y)),
                PathOp::Close => {}
                _ => return,
            }
        }
        if pts.len() < 3 {
            return;
        }
        let (mut x0, mut y0, mut x1, mut y1) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
        for (x, y) in pts {
            x0 = x0.min(x);
            x1 = x1.max(x);
            y0 = y0.min(y);
            y1 = y1.max(y);
        }
        if y1 - y0 <= MAX_RULE_THICKNESS && x1 - x0 > y1 - y0 {
            let y = (y0 + y1) / 2.0;
            self.rules.push(Rule::new(x0, y, x1, y));
        } else if x1 - x0 <= MAX_RULE_THICKNESS && y1 - y0 > x1 - x0 {
            let x = (x0 + x1) / 2.0;
            self.rules.push(Rule::new(x, y0, x, y1));
        }
    }
}

/// A path of many short straight pieces is a drawing or text drawn as
/// outlines (bold headings stroked glyph by glyph), not table rules: rules
/// are long, or few.
fn is_outline(ctm: &Transform, path: &Path) -> bool {
    let mut lengths: Vec<f64> = Vec::new();
    let mut current: Option<(f64, f64)> = None;
    for op in &path.ops {
        match *op {
            PathOp::MoveTo(x, y) => current = Some(apply(ctm, x, y)),
            PathOp::LineTo(x, y) => {
                let p = apply(ctm, x, y);
                if let Some(c) = current {
                    lengths.push(((p.0 - c.0).powi(2) + (p.1 - c.1).powi(2)).sqrt());
                }
                current = Some(p);
            }
            _ => {}
        }
    }
    if lengths.len() < 6 {
        return false;
    }
    lengths.sort_by(f64::total_cmp);
    lengths[lengths.len() / 2] < 4.0
}

/// Applies a PDF matrix to a point (row-vector convention, as PDF does).
fn apply(t: &Transform, x: f64, y: f64) -> (f64, f64) {
    (x * t.m11 + y * t.m21 + t.m31, x * t.m12 + y * t.m22 + t.m32)
}

fn is_white(colorspace: &ColorSpace, color: &[f64]) -> bool {
    match colorspace {
        ColorSpace::DeviceGray | ColorSpace::CalGray(_) => color.first().is_some_and(|&g| g > 0.95),
        ColorSpace::DeviceRGB | ColorSpace::CalRGB(_) => color.len() >= 3 && color.iter().take(3).all(|&c| c > 0.95),
        ColorSpace::DeviceCMYK => color.len() >= 4 && color.iter().take(4).all(|&c| c < 0.05),
        _ => false,
    }
}

impl OutputDev for Collector {
    fn begin_page(
        &mut self,
        _page: u32,
        media_box: &MediaBox,
        _art: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.view.llx = media_box.llx.min(media_box.urx);
        self.view.urx = media_box.llx.max(media_box.urx);
        self.view.lly = media_box.lly.min(media_box.ury);
        self.view.ury = media_box.lly.max(media_box.ury);
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

    fn stroke(&mut self, ctm: &Transform, _cs: &ColorSpace, _color: &[f64], path: &Path) -> Result<(), OutputError> {
        self.add_path(ctm, path, false);
        Ok(())
    }

    fn fill(&mut self, ctm: &Transform, cs: &ColorSpace, color: &[f64], path: &Path) -> Result<(), OutputError> {
        if !is_white(cs, color) {
            self.add_path(ctm, path, true);
        }
        Ok(())
    }
}
