//! Pages as the extractor delivers them: lines of text, and for PDF input the
//! positioned glyphs and ruling lines the layout analysis works from.

use serde::Serialize;

/// One page of an input document.
///
/// Coordinates are in PDF points with the origin at the top-left corner of
/// the page as displayed (page rotation already applied), `y` growing down.
/// Text input has no geometry: `width`, `height` are 0 and `glyphs`, `rules`
/// are empty.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Page {
    /// 1-based page number.
    pub number: u32,
    /// Page width in points (0 for text input).
    pub width: f32,
    /// Page height in points (0 for text input).
    pub height: f32,
    /// The page's text, line by line, in reading order.
    pub lines: Vec<Line>,
    /// Every glyph drawn on the page (PDF input only).
    #[serde(skip)]
    pub glyphs: Vec<Glyph>,
    /// Horizontal and vertical ruling segments (PDF input only).
    #[serde(skip)]
    pub rules: Vec<Rule>,
}

impl Page {
    /// An empty page with the given number.
    pub fn new(number: u32) -> Self {
        Page { number, ..Page::default() }
    }

    /// True when the page carries glyph positions (PDF input).
    pub fn has_layout(&self) -> bool {
        !self.glyphs.is_empty()
    }
}

/// One line of text.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Line {
    /// The line's text as extracted (runs joined by one space).
    pub text: String,
    /// The text runs with their horizontal extent; empty for text input,
    /// which carries no positions.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub runs: Vec<Run>,
    /// Top of the line in points (0 for text input).
    #[serde(skip)]
    pub top: f32,
    /// Bottom of the line in points (0 for text input).
    #[serde(skip)]
    pub bottom: f32,
    /// Text input: a blank line came before this one. pdf-extract puts a
    /// blank line between a spreadsheet's rows and keeps a wrapped cell's
    /// lines together (`襄阳市生态环` / `境局` then a blank line).
    #[serde(skip)]
    pub after_blank: bool,
    /// Text input: the line began with a space, which pdf-extract writes
    /// where a word starts right of where the last one ended (` 预算数` under
    /// `项目 预算数 项目`). Always false for PDF lines.
    #[serde(skip)]
    pub opens_right: bool,
}

impl Line {
    /// A line of text without positions.
    pub fn text(text: impl Into<String>) -> Self {
        Line { text: text.into(), ..Line::default() }
    }
}

/// A run of glyphs printed next to each other on one line.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Run {
    /// The run's text.
    pub text: String,
    /// Left edge in points.
    pub x0: f32,
    /// Right edge in points.
    pub x1: f32,
}

/// One glyph with its box.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Glyph {
    /// The text the glyph stands for (usually one character).
    pub text: String,
    /// Left edge.
    pub x0: f32,
    /// Right edge.
    pub x1: f32,
    /// Top edge.
    pub top: f32,
    /// Bottom edge (the baseline, roughly).
    pub bottom: f32,
}

impl Glyph {
    /// Horizontal centre.
    pub fn cx(&self) -> f32 {
        (self.x0 + self.x1) / 2.0
    }

    /// Vertical centre.
    pub fn cy(&self) -> f32 {
        (self.top + self.bottom) / 2.0
    }

    /// Height of the glyph box.
    pub fn height(&self) -> f32 {
        self.bottom - self.top
    }
}

/// A ruling segment: a table border or cell separator, either horizontal
/// (`y0 == y1` up to the line width) or vertical.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Rule {
    /// Left end.
    pub x0: f32,
    /// Top end.
    pub y0: f32,
    /// Right end.
    pub x1: f32,
    /// Bottom end.
    pub y1: f32,
}

impl Rule {
    /// A rule between two points, normalised so that `x0 <= x1`, `y0 <= y1`.
    pub fn new(x0: f32, y0: f32, x1: f32, y1: f32) -> Self {
        Rule { x0: x0.min(x1), y0: y0.min(y1), x1: x0.max(x1), y1: y0.max(y1) }
    }

    /// True for a horizontal segment.
    pub fn is_horizontal(&self) -> bool {
        (self.x1 - self.x0) >= (self.y1 - self.y0)
    }
}

/// A box on a page, in the page's points (top-left origin, `y` down).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Rect {
    /// Left edge.
    pub x0: f32,
    /// Top edge.
    pub top: f32,
    /// Right edge.
    pub x1: f32,
    /// Bottom edge.
    pub bottom: f32,
}

impl Rect {
    /// The box with these edges.
    pub fn new(x0: f32, top: f32, x1: f32, bottom: f32) -> Self {
        Rect { x0, top, x1, bottom }
    }

    /// The smallest box holding both.
    pub fn union(self, other: Rect) -> Rect {
        Rect {
            x0: self.x0.min(other.x0),
            top: self.top.min(other.top),
            x1: self.x1.max(other.x1),
            bottom: self.bottom.max(other.bottom),
        }
    }

    /// The union of some boxes, `None` for none.
    pub fn union_all(boxes: impl IntoIterator<Item = Rect>) -> Option<Rect> {
        boxes.into_iter().reduce(Rect::union)
    }

    /// True when the point lies inside the box (edges included).
    pub fn contains(&self, x: f32, y: f32) -> bool {
        self.x0 <= x && x <= self.x1 && self.top <= y && y <= self.bottom
    }
}

/// The number a page-number line prints, and whether it is bare: `- 5 -`,
/// `— 2 8 —` (digits spaced), `－5－`, `第 5 页`, `第 5 页，共 40 页`, `5`.
/// A bare number may also be the last digits of an amount wrapped in its
/// cell; a marked one (dashes, `第…页`) is a page number wherever it is.
pub fn page_number(text: &str) -> Option<(u32, bool)> {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let digits = |s: &str| {
        (!s.is_empty() && s.len() <= 3 && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok()).flatten()
    };
    if let Some(n) = digits(&t) {
        return Some((n, true));
    }
    let dash = |c: char| matches!(c, '-' | '－' | '—' | '–' | '‐' | '―');
    if t.starts_with(dash) && t.ends_with(dash) {
        return digits(t.trim_matches(dash)).map(|n| (n, false));
    }
    let rest = t.strip_prefix('第')?;
    let (n, tail) = rest.split_once('页')?;
    let total = tail.trim_start_matches([',', '，']);
    (total.is_empty() || (total.starts_with('共') && total.ends_with('页'))).then_some(())?;
    digits(n).map(|n| (n, false))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers_are_read_in_their_printed_forms() {
        let cases = [
            ("- 5 -", Some((5, false))),
            ("— 2 8 —", Some((28, false))),
            ("－12－", Some((12, false))),
            ("第 40 页，共 40 页", Some((40, false))),
            ("第3页", Some((3, false))),
            ("7", Some((7, true))),
            ("1,477.88", None),
            ("- 基本支出 -", None),
            ("第一部分", None),
        ];
        for (text, want) in cases {
            assert_eq!(page_number(text), want, "{text}");
        }
    }
}
