//! A page with positions, redrawn as SVG: the text runs where the extractor
//! saw them, the ruling lines, and the rebuilt cells outlined over them.

use std::collections::HashMap;
use std::fmt::Write;

use budget_model::{Document, Page, Rect};

use crate::html::{esc, pt};
use crate::marks::{cell_id, tip, Marks, Target};

/// One outlined box: its class, id, tooltip.
struct Outline {
    rect: Rect,
    class: &'static str,
    id: Option<String>,
    tip: String,
}

/// Writes page `page` as a section with its SVG.
pub(crate) fn page(out: &mut String, doc: &Document, page: &Page, marks: &Marks) {
    let outlines = outlines(doc, page.number, marks);
    let _ = write!(
        out,
        "<section class=\"page\" id=\"p{n}\"><h3>page {n}</h3><svg class=\"pg\" viewBox=\"0 0 {w} {h}\" \
xmlns=\"http://www.w3.org/2000/svg\">",
        n = page.number,
        w = pt(page.width),
        h = pt(page.height)
    );
    rules(out, page);
    let form_page =
        doc.indicators.iter().any(|i| i.page == page.number) || doc.forms.iter().any(|f| f.page == page.number);
    runs(out, page, &outlines, form_page);
    for o in &outlines {
        let id = o.id.as_ref().map(|i| format!(" id=\"{i}\"")).unwrap_or_default();
        let r = o.rect;
        let _ = write!(
            out,
            "<rect class=\"{}\"{id} x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" data-t=\"{t}\"><title>{t}</title></rect>",
            o.class,
            pt(r.x0),
            pt(r.top),
            pt(r.x1 - r.x0),
            pt(r.bottom - r.top),
            t = esc(&o.tip)
        );
    }
    out.push_str("</svg></section>\n");
}

/// The ruling lines, one path.
fn rules(out: &mut String, page: &Page) {
    if page.rules.is_empty() {
        return;
    }
    out.push_str("<path class=\"r\" d=\"");
    for r in &page.rules {
        let _ = write!(out, "M{} {}L{} {}", pt(r.x0), pt(r.y0), pt(r.x1), pt(r.y1));
    }
    out.push_str("\"/>");
}

/// The text runs, each stretched over the extent it was printed in; a run
/// inside no outlined box is grey (`o`), or teal (`fm`) on a page whose
/// performance form was read (its indicators and fields are not outlined
/// cell by cell, and are not left out).
fn runs(out: &mut String, page: &Page, outlines: &[Outline], form_page: bool) {
    for line in &page.lines {
        let h = (line.bottom - line.top).max(1.0);
        for run in &line.runs {
            let (cx, cy) = ((run.x0 + run.x1) / 2.0, (line.top + line.bottom) / 2.0);
            let inside = outlines.iter().any(|o| o.rect.contains(cx, cy));
            let width = (run.x1 - run.x0).max(0.5);
            let _ = write!(
                out,
                "<text{} x=\"{}\" y=\"{}\" font-size=\"{}\" textLength=\"{}\" lengthAdjust=\"spacingAndGlyphs\">{}</text>",
                match (inside, form_page) {
                    (true, _) => "",
                    (false, true) => " class=\"fm\"",
                    (false, false) => " class=\"o\"",
                },
                pt(run.x0),
                pt(line.bottom - h * 0.12),
                pt(h * 0.9),
                pt(width),
                esc(run.text.trim())
            );
        }
    }
}

/// Every box of a rebuilt table on page `number`: header cells, row labels
/// and value cells, each with its class; amounts by their mark.
fn outlines(doc: &Document, number: u32, marks: &Marks) -> Vec<Outline> {
    let ids: HashMap<Target, usize> = marks.failed_ids();
    let mut out = Vec::new();
    for (t, table) in doc.tables.iter().enumerate() {
        for &(p, rect) in &table.header_boxes.0 {
            if p == number {
                let tip = format!("{} · header", crate::marks::table_name(table));
                out.push(Outline { rect, class: "h", id: None, tip });
            }
        }
        for (r, row) in table.rows.iter().enumerate().filter(|(_, row)| row.page == number) {
            if let Some(rect) = row.boxes.label {
                let target = Target { table: t, row: r, column: None };
                let failed = marks.label_failed(t, r);
                let tip = format!("{} · {}", crate::marks::table_name(table), crate::marks::row_label(row));
                let id = ids.contains_key(&target).then(|| cell_id(target));
                out.push(Outline { rect, class: if failed { "lf" } else { "l" }, id, tip });
            }
            for (c, rect) in row.boxes.cells.iter().enumerate() {
                let Some(rect) = *rect else { continue };
                let target = Target { table: t, row: r, column: Some(c) };
                let class = marks.amount(doc, (t, r, c)).map_or("l", |m| m.class());
                let id = ids.contains_key(&target).then(|| cell_id(target));
                out.push(Outline { rect, class, id, tip: tip(doc, (t, r, c)) });
            }
        }
    }
    // Failed cells last, drawn over their neighbours.
    out.sort_by_key(|o| matches!(o.class, "f" | "lf"));
    out
}
