//! Walking a document: finding each table's title and the body that follows
//! it (ruled grids on PDF pages, lines of text otherwise), across pages.

use budget_model::{Finding, Page, Table};

use crate::grid::{find_grids, Grid};
use crate::grid_table::table_from_grids;
use crate::lex::unit_of_line;
use crate::norm::squeeze;
use crate::raw::{finish, RawTable};
use crate::text_table::{table_from_lines, BodyLine};
use crate::title::{parse_title, Title};

/// What a page is made of, top to bottom.
#[derive(Debug)]
enum Block<'a> {
    Line { text: String, page: u32 },
    Grid(&'a Grid),
}

/// A title and everything printed after it up to the next title.
struct Pending<'a> {
    title: Title,
    lines: Vec<(String, u32)>,
    grids: Vec<&'a Grid>,
    /// Lines seen before the first grid (where the unit line is).
    lines_before_grid: usize,
}

/// Finds every table of the document.
pub(crate) fn tables(pages: &[Page], findings: &mut Vec<Finding>) -> Vec<Table> {
    let grids: Vec<Vec<Grid>> = pages.iter().map(|p| if p.has_layout() { find_grids(p) } else { Vec::new() }).collect();
    let mut out = Vec::new();
    let mut pending: Option<Pending<'_>> = None;
    for (page, page_grids) in pages.iter().zip(&grids) {
        for block in blocks(page, page_grids) {
            match block {
                Block::Line { text, page } => {
                    if is_part_heading(&text) {
                        close(pending.take(), &mut out, findings);
                    } else if let Some(title) = parse_title(&text) {
                        close(pending.take(), &mut out, findings);
                        pending = Some(Pending { title, lines: Vec::new(), grids: Vec::new(), lines_before_grid: 0 });
                    } else if let Some(p) = pending.as_mut() {
                        p.lines.push((text, page));
                        if p.grids.is_empty() {
                            p.lines_before_grid = p.lines.len();
                        }
                    }
                }
                Block::Grid(g) => {
                    if let Some(p) = pending.as_mut() {
                        p.grids.push(g);
                    }
                }
            }
        }
    }
    close(pending.take(), &mut out, findings);
    out
}

/// `第二部分 …`: a part of the document begins; no table runs across it.
fn is_part_heading(text: &str) -> bool {
    let t = squeeze(text);
    t.starts_with('第') && t.chars().take(6).collect::<String>().contains("部分")
}

/// The page as blocks in reading order. On a PDF page, text inside a grid is
/// the grid's; the lines keep only the runs outside every grid.
fn blocks<'a>(page: &Page, grids: &'a [Grid]) -> Vec<Block<'a>> {
    let mut items: Vec<(f32, Block<'a>)> = Vec::new();
    for l in &page.lines {
        if l.runs.is_empty() {
            items.push((items.len() as f32, Block::Line { text: l.text.clone(), page: page.number }));
            continue;
        }
        let cy = (l.top + l.bottom) / 2.0;
        let outside: Vec<&str> = l
            .runs
            .iter()
            .filter(|r| !grids.iter().any(|g| g.contains((r.x0 + r.x1) / 2.0, cy)))
            .map(|r| r.text.as_str())
            .collect();
        if !outside.is_empty() {
            items.push((l.top, Block::Line { text: outside.join(" "), page: page.number }));
        }
    }
    if page.has_layout() {
        for g in grids {
            items.push((g.top(), Block::Grid(g)));
        }
        items.sort_by(|a, b| a.0.total_cmp(&b.0));
    }
    items.into_iter().map(|(_, b)| b).collect()
}

fn close(pending: Option<Pending<'_>>, out: &mut Vec<Table>, findings: &mut Vec<Finding>) {
    let Some(p) = pending else { return };
    if p.title.key.is_form() {
        return;
    }
    let raw = if !p.grids.is_empty() {
        let mut raw = table_from_grids(p.title, &p.grids, findings);
        let before = &p.lines[..p.lines_before_grid];
        if raw.unit.is_none() {
            raw.unit = before.iter().find_map(|(t, _)| unit_of_line(t)).map(str::to_string);
        }
        if raw.note.is_none() {
            raw.note = p.lines.iter().map(|(t, _)| squeeze(t)).find(|t| t.starts_with("备注") || t.starts_with("注："));
        }
        raw
    } else {
        // Text without a unit line right after the title is prose that
        // mentions a table, or a table of contents, not a table.
        if !p.lines.iter().take(4).any(|(t, _)| unit_of_line(t).is_some()) {
            return;
        }
        let body: Vec<BodyLine<'_>> = p.lines.iter().map(|(t, page)| BodyLine { text: t, page: *page }).collect();
        table_from_lines(p.title, &body, findings)
    };
    if let Some(t) = accept(raw, findings) {
        out.push(t);
    }
}

fn accept(raw: RawTable, findings: &mut Vec<Finding>) -> Option<Table> {
    if raw.columns.is_empty() {
        return None;
    }
    Some(finish(raw, findings))
}
