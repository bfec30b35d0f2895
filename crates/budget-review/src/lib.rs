//! The review page of a converted budget document: where each figure came
//! from, and which figures the checks vouch for.
//!
//! [`document_page`] writes one self-contained HTML file (no network, no
//! script framework) for a [`Document`] and the [`Page`]s it was read from.
//! Each page that holds a table or a performance form is redrawn as inline SVG from what the
//! extractor saw (the text runs at their positions, the ruling lines); over
//! it the rebuilt cells are outlined by kind (header, label, amount), the
//! amounts of failed checks in red, the amounts no passing check confirms in
//! amber, and text that went into no table is grey (teal on a page whose
//! performance form was read: its indicators are not outlined cell by cell). A text input has no
//! positions: its page lists the text lines with the rows each became.
//! Beside the pages: the tables, the failed checks linking to their cells,
//! and the findings. [`index_page`] writes the list of documents.
//!
//! ```
//! use budget_model::{Document, Line, Page};
//!
//! let doc = Document { source: "a.txt".into(), ..Document::default() };
//! let page = Page { lines: vec![Line::text("部门支出总表")], ..Page::new(1) };
//! let html = budget_review::document_page(&doc, &[page]);
//! assert!(html.starts_with("<!DOCTYPE html>") && html.contains("a.txt"));
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod html;
mod index;
mod marks;
mod side;
mod svg;
mod text;

use budget_model::{Document, Page};

pub use index::{index_page, IndexEntry};

/// The review page of `doc`, read from `pages`: a whole HTML document.
pub fn document_page(doc: &Document, pages: &[Page]) -> String {
    let marks = marks::Marks::new(doc);
    let mut body = String::new();
    for page in pages.iter().filter(|p| marks.holds_table(p.number)) {
        if page.has_layout() {
            svg::page(&mut body, doc, page, &marks);
        } else {
            text::page(&mut body, doc, page, &marks);
        }
    }
    if body.is_empty() {
        body.push_str("<p class=\"none\">No page holds a rebuilt table.</p>");
    }
    let side = side::side(doc, &marks);
    html::shell(&doc.source, &side, &body)
}
