//! The ruled grids of a form, page after page, as one sequence of rows of
//! cells placed by their x range, so that a table continued on the next page
//! (whose grid has other column boundaries) is read with the same columns.

use crate::front::Span;
use crate::grid::Grid;
use crate::norm::squeeze;

/// Grids smaller than this (points, both ways) with one cell are a glyph
/// drawn with rules, not a table.
const MIN_GRID_SIZE: f32 = 20.0;

/// One merged cell as seen from one row.
#[derive(Debug, Clone)]
pub(crate) struct Cell {
    /// The cell's text, spaces removed.
    pub text: String,
    /// Left edge.
    pub x0: f32,
    /// Right edge.
    pub x1: f32,
    /// The cell begins on this row (false for the lower rows of a cell
    /// spanning several).
    pub starts: bool,
    /// Number of base rows the cell spans.
    pub span: usize,
    /// Which grid and region: equal for every row the cell spans.
    pub id: (usize, usize),
}

impl Cell {
    /// Its horizontal extent.
    pub fn extent(&self) -> Span {
        Span::new(self.x0, self.x1)
    }

    /// Horizontal centre.
    pub fn cx(&self) -> f32 {
        self.extent().mid()
    }

    /// True when `x` lies inside the cell.
    pub fn holds(&self, x: f32) -> bool {
        x > self.x0 && x < self.x1
    }
}

/// One base row of a grid.
#[derive(Debug, Clone)]
pub(crate) struct Row {
    /// The distinct cells, left to right.
    pub cells: Vec<Cell>,
    /// 1-based page.
    pub page: u32,
    /// Top edge.
    pub top: f32,
    /// The first row of a grid that continues a form from an earlier page.
    pub continues: bool,
}

impl Row {
    /// The cell holding `x`.
    pub fn at(&self, x: f32) -> Option<&Cell> {
        self.cells.iter().find(|c| c.holds(x))
    }

    /// The text of the cell holding `x`, empty if none.
    pub fn text_at(&self, x: f32) -> &str {
        self.at(x).map_or("", |c| c.text.as_str())
    }

    /// The cells whose centre lies between `x0` and `x1`.
    pub fn within(&self, x0: f32, x1: f32) -> impl Iterator<Item = &Cell> {
        self.cells.iter().filter(move |c| c.cx() > x0 && c.cx() < x1)
    }

    /// The first cell whose text satisfies `f`.
    pub fn find(&self, f: impl Fn(&str) -> bool) -> Option<&Cell> {
        self.cells.iter().find(|c| f(&c.text))
    }
}

/// Largest hole (points) a glyph drawn with rules leaves inside a cell.
const MAX_HOLE: f32 = 12.0;

/// The region of each base cell of row `r`, with holes filled: a glyph
/// drawn with rules (`目` in some fonts) makes a tiny region inside a cell;
/// it is taken as part of the cell around it.
fn row_regions(g: &Grid, r: usize) -> Vec<usize> {
    let mut ids: Vec<usize> = (0..g.cols()).map(|c| g.region_index(r, c)).collect();
    let tiny = |i: usize| {
        let reg = &g.regions[i];
        g.xs[reg.c1] - g.xs[reg.c0] < MAX_HOLE && g.ys[reg.r1] - g.ys[reg.r0] < MAX_HOLE
    };
    for (c, end) in runs(&ids) {
        let id = ids[c];
        if c > 0 && end < ids.len() && ids[c - 1] == ids[end] && tiny(id) {
            let around = ids[end];
            ids[c..end].iter_mut().for_each(|x| *x = around);
        }
    }
    ids
}

/// The runs of equal neighbours in `ids`: `(start, end)` of each.
fn runs(ids: &[usize]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for run in ids.chunk_by(|a, b| a == b) {
        out.push((start, start + run.len()));
        start += run.len();
    }
    out
}

/// The rows of `grids`, in order. Glyph-sized grids are left out.
pub(crate) fn rows(grids: &[&Grid]) -> Vec<Row> {
    let mut out = Vec::new();
    let mut seen_page = None;
    for (gi, g) in grids.iter().enumerate() {
        let width = g.xs.last().copied().unwrap_or(0.0) - g.xs.first().copied().unwrap_or(0.0);
        let height = g.bottom() - g.top();
        if g.rows() * g.cols() <= 1 && (width < MIN_GRID_SIZE || height < MIN_GRID_SIZE) {
            continue;
        }
        let continues = seen_page.is_some_and(|p| p < g.page);
        seen_page = Some(g.page);
        for r in 0..g.rows() {
            // Runs of base columns of one region: a region that is not a
            // rectangle (rules missing here and there) is cut where another
            // region lies between.
            let ids = row_regions(g, r);
            let mut cells: Vec<Cell> = Vec::new();
            for (c, end) in runs(&ids) {
                let ri = ids[c];
                let reg = g.region(r, c);
                cells.push(Cell {
                    text: squeeze(&reg.text),
                    x0: g.xs[c],
                    x1: g.xs[end],
                    starts: r == 0 || row_regions(g, r - 1)[c] != ri,
                    span: reg.r1 - reg.r0,
                    id: (gi, ri),
                });
            }
            out.push(Row { cells, page: g.page, top: g.ys[r], continues: continues && r == 0 });
        }
    }
    out
}
