//! Ruling lines from the page's own drawing operators.
//!
//! `pdf-extract` reports only `S`, `f` and `F` paintings, without clipping
//! and without the matrix of form XObjects; WPS draws its rules with `re f*`,
//! others fill and stroke at once (`B`, `b`). So the paths are read here, in
//! one pass over the content stream that follows the graphics state (`q`/`Q`,
//! `cm`, colours, the clip box) and descends into form XObjects with their
//! `/Matrix`. What comes out are the horizontal and vertical segments that
//! can rule a table:
//! - a filled rectangle (or straight-edged polygon) thinner than
//!   [`MAX_RULE_THICKNESS`] is a rule along its length, and so is each
//!   thin box of a filled path of several (Word and Excel fill a row's
//!   rules as one path);
//! - a stroked path gives its axis-parallel straight pieces;
//! - paths with curves, and paths of many short pieces (text drawn as glyph
//!   outlines, drawings) give nothing;
//! - white paint is invisible, and so is paint outside the clip box.

use budget_model::Rule;
use pdf_extract::{Dictionary, Document, Object, ObjectId};

use crate::content::{operations, Operand, Operations};
use crate::view::View;

/// A filled box thinner than this (points) is a ruling line.
pub(crate) const MAX_RULE_THICKNESS: f32 = 2.5;
/// Operators read per page at most (a hostile stream cannot run forever).
const MAX_OPERATIONS: usize = 2_000_000;
/// Nesting of form XObjects followed at most.
const MAX_DEPTH: usize = 8;

/// A PDF matrix `[a b c d e f]`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Matrix(pub [f64; 6]);

impl Matrix {
    pub(crate) const IDENTITY: Matrix = Matrix([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);

    /// `self` applied first, then `then`.
    fn then(self, then: Matrix) -> Matrix {
        let [a, b, c, d, e, f] = self.0;
        let [a2, b2, c2, d2, e2, f2] = then.0;
        Matrix([
            a * a2 + b * c2,
            a * b2 + b * d2,
            c * a2 + d * c2,
            c * b2 + d * d2,
            e * a2 + f * c2 + e2,
            e * b2 + f * d2 + f2,
        ])
    }

    fn apply(&self, x: f64, y: f64) -> (f64, f64) {
        let [a, b, c, d, e, f] = self.0;
        (a * x + c * y + e, b * x + d * y + f)
    }
}

/// A box on the displayed page.
#[derive(Debug, Clone, Copy)]
struct BBox {
    x0: f32,
    y0: f32,
    x1: f32,
    y1: f32,
}

impl BBox {
    fn of(points: &[(f32, f32)]) -> Option<BBox> {
        let first = points.first()?;
        let mut b = BBox { x0: first.0, y0: first.1, x1: first.0, y1: first.1 };
        for &(x, y) in points {
            b.x0 = b.x0.min(x);
            b.x1 = b.x1.max(x);
            b.y0 = b.y0.min(y);
            b.y1 = b.y1.max(y);
        }
        Some(b)
    }

    fn intersect(self, o: BBox) -> BBox {
        BBox { x0: self.x0.max(o.x0), y0: self.y0.max(o.y0), x1: self.x1.min(o.x1), y1: self.y1.min(o.y1) }
    }

    /// True when the segment/box `r` lies (mostly) inside, with a tolerance.
    fn keeps(&self, r: &Rule) -> bool {
        let t = 1.0;
        r.x1 >= self.x0 - t && r.x0 <= self.x1 + t && r.y1 >= self.y0 - t && r.y0 <= self.y1 + t
    }
}

#[derive(Debug, Clone, Copy)]
struct State {
    ctm: Matrix,
    fill_white: bool,
    stroke_white: bool,
    clip: Option<BBox>,
}

/// One piece of the path under construction, in displayed coordinates.
#[derive(Debug, Clone, Copy)]
enum Piece {
    Move((f32, f32)),
    Line((f32, f32)),
    Curve((f32, f32)),
    Rect([(f32, f32); 4]),
    Close,
}

struct Reader<'a> {
    doc: &'a Document,
    view: View,
    rules: Vec<Rule>,
    /// Each form drawn, with the matrix from its space to the page's.
    forms: Vec<(ObjectId, Matrix)>,
    operations: usize,
}

/// What a page draws besides text: its ruling segments, in displayed
/// coordinates, and where it draws each form XObject.
#[derive(Debug, Default)]
pub(crate) struct Drawing {
    pub rules: Vec<Rule>,
    /// Each form drawn (at any depth), with the matrix from its space to the
    /// page's: its `/Matrix`, then the `cm`s in effect where it is drawn.
    pub forms: Vec<(ObjectId, Matrix)>,
}

/// What the page draws. `content` is the page's content
/// (`Document::get_page_content`), read.
pub(crate) fn page_drawing(doc: &Document, page: ObjectId, view: View, content: &Operations) -> Drawing {
    let resources = page_resources(doc, page);
    let mut reader = Reader { doc, view, rules: Vec::new(), forms: Vec::new(), operations: 0 };
    let state = State { ctm: Matrix::IDENTITY, fill_white: false, stroke_white: false, clip: None };
    reader.run_operations(content, &resources, state, 0);
    Drawing { rules: reader.rules, forms: reader.forms }
}

/// The page's resource dictionaries, inherited ones after its own.
fn page_resources(doc: &Document, page: ObjectId) -> Vec<Dictionary> {
    let mut out = Vec::new();
    if let Ok((own, inherited)) = doc.get_page_resources(page) {
        if let Some(d) = own {
            out.push(d.clone());
        }
        for id in inherited {
            if let Ok(d) = doc.get_dictionary(id) {
                out.push(d.clone());
            }
        }
    }
    out
}

fn num(o: &Object) -> Option<f64> {
    match o {
        Object::Integer(i) => Some(*i as f64),
        Object::Real(r) => Some(f64::from(*r)),
        _ => None,
    }
}

fn nums(ops: &[Object]) -> Vec<f64> {
    ops.iter().filter_map(num).collect()
}

fn operand_nums(ops: &[Operand]) -> Vec<f64> {
    ops.iter().filter_map(Operand::number).collect()
}

/// True for the operators whose numbers [`Reader::run`] reads.
fn reads_numbers(operator: &[u8]) -> bool {
    matches!(
        operator,
        b"cm"
            | b"g"
            | b"rg"
            | b"k"
            | b"sc"
            | b"scn"
            | b"G"
            | b"RG"
            | b"K"
            | b"SC"
            | b"SCN"
            | b"m"
            | b"l"
            | b"c"
            | b"v"
            | b"y"
            | b"re"
    )
}

/// True for paint that does not show on white paper.
fn is_white(components: &[f64], operator: &[u8]) -> bool {
    match operator {
        b"g" | b"G" => components.first().is_some_and(|&g| g > 0.95),
        b"rg" | b"RG" => components.len() >= 3 && components.iter().take(3).all(|&c| c > 0.95),
        b"k" | b"K" => components.len() >= 4 && components.iter().take(4).all(|&c| c < 0.05),
        // sc/scn: the colour space decides; one component is gray, three RGB, four CMYK.
        _ => match components.len() {
            1 => components[0] > 0.95,
            3 => components.iter().all(|&c| c > 0.95),
            4 => components.iter().all(|&c| c < 0.05),
            _ => false,
        },
    }
}

impl Reader<'_> {
    fn point(&self, state: &State, x: f64, y: f64) -> (f32, f32) {
        let (px, py) = state.ctm.apply(x, y);
        self.view.point(px, py)
    }

    fn run(&mut self, content: &[u8], resources: &[Dictionary], state: State, depth: usize) {
        if let Some(content) = operations(content) {
            self.run_operations(&content, resources, state, depth);
        }
    }

    fn run_operations(&mut self, content: &Operations, resources: &[Dictionary], mut state: State, depth: usize) {
        let mut stack: Vec<State> = Vec::new();
        let mut path: Vec<Piece> = Vec::new();
        let mut pending_clip = false;
        for (operator, operands) in content.iter() {
            self.operations += 1;
            if self.operations > MAX_OPERATIONS {
                return;
            }
            // Only the operators below that read numbers have them read.
            let o = if reads_numbers(operator) { operand_nums(operands) } else { Vec::new() };
            match operator {
                b"q" => stack.push(state),
                b"Q" => {
                    if let Some(s) = stack.pop() {
                        state = s;
                    }
                }
                b"cm" if o.len() == 6 => state.ctm = Matrix([o[0], o[1], o[2], o[3], o[4], o[5]]).then(state.ctm),
                b"g" | b"rg" | b"k" | b"sc" | b"scn" => state.fill_white = is_white(&o, operator),
                b"G" | b"RG" | b"K" | b"SC" | b"SCN" => state.stroke_white = is_white(&o, operator),
                b"cs" => state.fill_white = false,
                b"CS" => state.stroke_white = false,
                b"m" if o.len() >= 2 => path.push(Piece::Move(self.point(&state, o[0], o[1]))),
                b"l" if o.len() >= 2 => path.push(Piece::Line(self.point(&state, o[0], o[1]))),
                b"c" if o.len() >= 6 => path.push(Piece::Curve(self.point(&state, o[4], o[5]))),
                b"v" | b"y" if o.len() >= 4 => path.push(Piece::Curve(self.point(&state, o[2], o[3]))),
                b"h" => path.push(Piece::Close),
                b"re" if o.len() >= 4 => {
                    let (x, y, w, h) = (o[0], o[1], o[2], o[3]);
                    path.push(Piece::Rect([
                        self.point(&state, x, y),
                        self.point(&state, x + w, y),
                        self.point(&state, x + w, y + h),
                        self.point(&state, x, y + h),
                    ]));
                }
                b"W" | b"W*" => pending_clip = true,
                b"S" | b"s" | b"f" | b"F" | b"f*" | b"B" | b"B*" | b"b" | b"b*" | b"n" => {
                    let fills = matches!(operator, b"f" | b"F" | b"f*" | b"B" | b"B*" | b"b" | b"b*");
                    let strokes = matches!(operator, b"S" | b"s" | b"B" | b"B*" | b"b" | b"b*");
                    let before = self.rules.len();
                    if fills && !state.fill_white {
                        self.paint(&path, &state, true);
                    }
                    // A thin box filled and stroked at once is one rule.
                    if strokes && !state.stroke_white && self.rules.len() == before {
                        self.paint(&path, &state, false);
                    }
                    if pending_clip {
                        let points: Vec<(f32, f32)> = path.iter().flat_map(piece_points).collect();
                        if let Some(b) = BBox::of(&points) {
                            state.clip = Some(state.clip.map_or(b, |c| c.intersect(b)));
                        }
                        pending_clip = false;
                    }
                    path.clear();
                }
                b"Do" if depth < MAX_DEPTH => {
                    if let Some(name) = operands.first().and_then(Operand::name) {
                        self.form(name, resources, state, depth);
                    }
                }
                _ => {}
            }
        }
    }

    /// Follows a form XObject: its matrix, its resources, its content.
    fn form(&mut self, name: &[u8], resources: &[Dictionary], state: State, depth: usize) {
        let Some((id, stream)) = resources.iter().find_map(|r| {
            let xobjects = self.deref_dict(r.get(b"XObject").ok()?)?;
            let id = xobjects.get(name).ok()?.as_reference().ok()?;
            Some((id, self.doc.get_object(id).ok()?.as_stream().ok()?))
        }) else {
            return;
        };
        if stream.dict.get(b"Subtype").and_then(|s| s.as_name()).ok() != Some(b"Form".as_slice()) {
            return;
        }
        let matrix = stream
            .dict
            .get(b"Matrix")
            .ok()
            .and_then(|m| m.as_array().ok())
            .map(|a| nums(a))
            .filter(|m| m.len() == 6)
            .map_or(Matrix::IDENTITY, |m| Matrix([m[0], m[1], m[2], m[3], m[4], m[5]]));
        let mut inner_resources: Vec<Dictionary> = Vec::new();
        if let Some(d) = stream.dict.get(b"Resources").ok().and_then(|r| self.deref_dict(r)) {
            inner_resources.push(d.clone());
        }
        inner_resources.extend(resources.iter().cloned());
        let Ok(content) = stream.decompressed_content().or_else(|_| Ok::<_, ()>(stream.content.clone())) else {
            return;
        };
        let inner = State { ctm: matrix.then(state.ctm), ..state };
        self.forms.push((id, inner.ctm));
        self.run(&content, &inner_resources, inner, depth + 1);
    }

    fn deref_dict<'b>(&'b self, o: &'b Object) -> Option<&'b Dictionary> {
        match o {
            Object::Dictionary(d) => Some(d),
            Object::Reference(id) => self.doc.get_dictionary(*id).ok(),
            _ => None,
        }
    }

    fn paint(&mut self, path: &[Piece], state: &State, filled: bool) {
        if path.iter().any(|p| matches!(p, Piece::Curve(_))) || is_outline(path) {
            return;
        }
        let before = self.rules.len();
        if filled {
            for p in path {
                if let Piece::Rect(corners) = p {
                    self.thin_box(corners);
                }
            }
            // Word and Excel fill a row's rules as one path of several thin
            // boxes: each is a rule of its own, and a gap between two
            // collinear ones is no rule.
            for points in subpath_points(path).iter().filter(|p| p.len() >= 3) {
                self.thin_box(points);
            }
        } else {
            self.stroke(path);
        }
        if let Some(clip) = state.clip {
            let mut i = before;
            while i < self.rules.len() {
                if clip.keeps(&self.rules[i]) {
                    i += 1;
                } else {
                    self.rules.swap_remove(i);
                }
            }
        }
    }

    /// A filled shape thin in one direction is a rule along the other.
    fn thin_box(&mut self, points: &[(f32, f32)]) {
        let Some(b) = BBox::of(points) else { return };
        let (w, h) = (b.x1 - b.x0, b.y1 - b.y0);
        if h <= MAX_RULE_THICKNESS && w > h {
            let y = (b.y0 + b.y1) / 2.0;
            self.rules.push(Rule::new(b.x0, y, b.x1, y));
        } else if w <= MAX_RULE_THICKNESS && h > w {
            let x = (b.x0 + b.x1) / 2.0;
            self.rules.push(Rule::new(x, b.y0, x, b.y1));
        }
    }

    fn stroke(&mut self, path: &[Piece]) {
        let mut start: Option<(f32, f32)> = None;
        let mut current: Option<(f32, f32)> = None;
        for p in path {
            match *p {
                Piece::Move(q) => {
                    start = Some(q);
                    current = Some(q);
                }
                Piece::Line(q) => {
                    if let Some(c) = current {
                        self.segment(c, q);
                    }
                    current = Some(q);
                }
                Piece::Curve(q) => current = Some(q),
                Piece::Rect(c) => {
                    for i in 0..4 {
                        self.segment(c[i], c[(i + 1) % 4]);
                    }
                }
                Piece::Close => {
                    if let (Some(c), Some(s)) = (current, start) {
                        self.segment(c, s);
                    }
                    current = start;
                }
            }
        }
    }

    fn segment(&mut self, a: (f32, f32), b: (f32, f32)) {
        let (dx, dy) = ((a.0 - b.0).abs(), (a.1 - b.1).abs());
        // Only axis-parallel segments rule tables; diagonals are drawings.
        if (dx <= 0.5 || dy <= 0.5) && dx.max(dy) > 0.0 {
            self.rules.push(Rule::new(a.0, a.1, b.0, b.1));
        }
    }
}

fn piece_points(p: &Piece) -> Vec<(f32, f32)> {
    match p {
        Piece::Move(q) | Piece::Line(q) | Piece::Curve(q) => vec![*q],
        Piece::Rect(c) => c.to_vec(),
        Piece::Close => Vec::new(),
    }
}

/// The points of each subpath drawn with `m` and `l` (a new one at each `m`).
fn subpath_points(path: &[Piece]) -> Vec<Vec<(f32, f32)>> {
    let mut subpaths: Vec<Vec<(f32, f32)>> = Vec::new();
    for p in path {
        match *p {
            Piece::Move(q) => subpaths.push(vec![q]),
            Piece::Line(q) => match subpaths.last_mut() {
                Some(last) => last.push(q),
                None => subpaths.push(vec![q]),
            },
            _ => {}
        }
    }
    subpaths
}

/// A subpath of four corners joined by axis-parallel sides: its longer side.
fn box_length(points: &[(f32, f32)]) -> Option<f32> {
    let corners = match points {
        [a, .., z] if points.len() == 5 && (a.0 - z.0).abs() <= 0.01 && (a.1 - z.1).abs() <= 0.01 => &points[..4],
        _ if points.len() == 4 => points,
        _ => return None,
    };
    let parallel = (0..4).all(|i| {
        let (a, b) = (corners[i], corners[(i + 1) % 4]);
        (a.0 - b.0).abs() <= 0.01 || (a.1 - b.1).abs() <= 0.01
    });
    let b = BBox::of(corners)?;
    parallel.then(|| (b.x1 - b.x0).max(b.y1 - b.y0))
}

/// A path of many short straight pieces is text drawn as outlines (bold
/// headings stroked glyph by glyph) or a drawing, not table rules: rules are
/// long, or few. A box among the subpaths counts once, by its longer side.
fn is_outline(path: &[Piece]) -> bool {
    let mut lengths: Vec<f32> = Vec::new();
    for points in subpath_points(path) {
        if let Some(length) = box_length(&points) {
            lengths.push(length);
            continue;
        }
        for pair in points.windows(2) {
            let (c, q) = (pair[0], pair[1]);
            lengths.push(((q.0 - c.0).powi(2) + (q.1 - c.1).powi(2)).sqrt());
        }
    }
    if lengths.len() < 6 {
        return false;
    }
    lengths.sort_by(f32::total_cmp);
    lengths[lengths.len() / 2] < 4.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view() -> View {
        View { rotation: 0, llx: 0.0, lly: 0.0, urx: 600.0, ury: 800.0 }
    }

    fn rules_of(content: &str) -> Vec<Rule> {
        let doc = Document::with_version("1.5");
        let mut r = Reader { doc: &doc, view: view(), rules: Vec::new(), forms: Vec::new(), operations: 0 };
        let state = State { ctm: Matrix::IDENTITY, fill_white: false, stroke_white: false, clip: None };
        r.run(content.as_bytes(), &[], state, 0);
        r.rules
    }

    #[test]
    fn even_odd_filled_thin_rectangles_are_rules() {
        let rules = rules_of("0 0 0 rg 58.8 128.6 723.4 0.96 re f* 100 100 0.5 300 re B");
        assert_eq!(rules.len(), 2);
        assert!(rules[0].is_horizontal());
        assert!((rules[0].y0 - (800.0 - 129.08)).abs() < 0.01);
        assert!(!rules[1].is_horizontal());
    }

    #[test]
    fn each_thin_box_of_a_filled_path_is_a_rule() {
        // Three column rules filled as one path, as Word and Excel write them.
        let path = "0.76 0.76 0.76 rg 100 100 m 101.3 100 l 101.3 160 l 100 160 l h \
                    200 130 m 201.3 130 l 201.3 160 l 200 160 l h \
                    300 130 m 301.3 130 l 301.3 160 l 300 160 l h f*";
        let rules = rules_of(path);
        assert_eq!(rules.len(), 3, "{rules:?}");
        assert!(rules.iter().all(|r| !r.is_horizontal()));
        let xs: Vec<f32> = rules.iter().map(|r| r.x0).collect();
        assert_eq!(xs, [100.65, 200.65, 300.65]);
        assert!((rules[0].y1 - rules[0].y0).abs() > 59.0, "{rules:?}");
        // Two collinear boxes of one path leave the gap between them unruled
        // (a merged cell's border not drawn).
        let apart = rules_of("0 0 0 rg 10 10 m 20 10 l 20 11 l 10 11 l h 30 10 m 40 10 l 40 11 l 30 11 l h f");
        let spans: Vec<(f32, f32)> = apart.iter().map(|r| (r.x0, r.x1)).collect();
        assert_eq!(spans, [(10.0, 20.0), (30.0, 40.0)]);
    }

    #[test]
    fn white_paint_curves_and_outlines_give_no_rules() {
        assert!(rules_of("1 1 1 rg 0 0 500 1 re f").is_empty());
        assert!(rules_of("0 0 m 10 10 20 10 30 0 c S").is_empty());
        let outline = "0 0 m 1 0 l 1 1 l 2 1 l 2 2 l 3 2 l 3 3 l 4 3 l S";
        assert!(rules_of(outline).is_empty());
    }

    #[test]
    fn strokes_follow_the_matrix_and_the_clip() {
        let rules = rules_of("q 1 0 0 -1 0 800 cm 10 10 m 110 10 l S Q");
        assert_eq!(rules.len(), 1);
        assert!((rules[0].y0 - 10.0).abs() < 0.01, "{rules:?}");
        let clipped = rules_of("q 0 0 50 50 re W n 100 100 m 200 100 l S 10 10 m 40 10 l S Q");
        assert_eq!(clipped.len(), 1, "{clipped:?}");
    }
}
