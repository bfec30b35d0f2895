//! Builders for the forms' unit tests: ruled tables drawn as a PDF page
//! would have them, and text read as the extractor gives it.

use budget_model::{Finding, FormField, Glyph, Indicator, Page, Rule};

use super::{read_form, FormBody, FormsRead};
use crate::grid::find_grids;
use crate::title::parse_title;

/// Width of a glyph, and the height of a base row.
const GLYPH: f32 = 8.0;
const ROW: f32 = 20.0;

/// A page with one ruled table. `widths` are the base columns; each row
/// lists its cells left to right, `|` between them, skipping the places a
/// cell above still covers (as in HTML). A cell may start with its span,
/// rows by columns: `"4x1 长期绩效目标1 | 一级指标"` is a cell four rows high
/// and one column wide, then a 1x1 cell. Text is printed on one line from
/// the cell's left edge.
pub(crate) fn ruled_page(number: u32, widths: &[f32], rows: &[&str]) -> Page {
    let rows: Vec<Vec<(usize, usize, &str)>> = rows.iter().map(|r| r.split('|').map(cell).collect()).collect();
    let mut xs = vec![10.0];
    for w in widths {
        xs.push(xs[xs.len() - 1] + w);
    }
    let y = |r: usize| 10.0 + ROW * r as f32;
    let mut taken = vec![vec![false; widths.len()]; rows.len()];
    let mut page = Page::new(number);
    for (r, cells) in rows.iter().enumerate() {
        let mut c = 0;
        for &(rs, cs, text) in cells.iter() {
            while c < widths.len() && taken[r][c] {
                c += 1;
            }
            for row in taken.iter_mut().skip(r).take(rs) {
                for t in row.iter_mut().skip(c).take(cs) {
                    *t = true;
                }
            }
            let (x0, x1, y0, y1) = (xs[c], xs[(c + cs).min(widths.len())], y(r), y(r + rs));
            page.rules.extend([
                Rule::new(x0, y0, x1, y0),
                Rule::new(x0, y1, x1, y1),
                Rule::new(x0, y0, x0, y1),
                Rule::new(x1, y0, x1, y1),
            ]);
            for (i, ch) in text.chars().enumerate() {
                let gx = x0 + 2.0 + GLYPH * i as f32;
                let gy = y0 + 6.0;
                page.glyphs.push(Glyph { text: ch.to_string(), x0: gx, x1: gx + GLYPH, top: gy, bottom: gy + GLYPH });
            }
            c += cs;
        }
    }
    page
}

/// A cell of [`ruled_page`]: `2x3 text` spans 2 rows and 3 columns (`2x3`
/// alone is an empty cell so large), plain `text` (or nothing) one of each.
fn cell(written: &str) -> (usize, usize, &str) {
    let written = written.trim();
    let split = written.split_once(' ').or_else(|| written.contains('x').then_some((written, "")));
    let span = split.and_then(|(span, text)| {
        let (rs, cs) = span.split_once('x')?;
        Some((rs.parse().ok()?, cs.parse().ok()?, text.trim()))
    });
    span.unwrap_or((1, 1, written))
}

/// What the form titled `title` yields from `pages` (grids) or `lines`.
pub(crate) fn read(title: &str, pages: &[Page], lines: &[&str]) -> (Vec<Indicator>, Vec<FormField>, Vec<Finding>) {
    let title = parse_title(title).expect("a form title");
    let grids: Vec<_> = pages.iter().flat_map(find_grids).collect();
    let grid_refs: Vec<_> = grids.iter().collect();
    let lines: Vec<_> = lines.iter().map(|l| (budget_model::Line::text(*l), 1)).collect();
    let mut findings = Vec::new();
    let read =
        read_form(&title, &FormBody { lines: &lines, grids: &grid_refs }, &mut FormsRead::default(), &mut findings);
    (read.indicators, read.fields, findings)
}

/// What the form titled `title` yields from `text` as the text path marks
/// its lines: a blank line marks the line after it, and a line that
/// begins with a space opens right.
pub(crate) fn read_text(title: &str, text: &str) -> (Vec<Indicator>, Vec<FormField>, Vec<Finding>) {
    let title = parse_title(title).expect("a form title");
    let lines: Vec<(budget_model::Line, u32)> = crate::front::marked_lines(text)
        .into_iter()
        .map(|(l, after_blank, opens_right)| {
            (budget_model::Line { after_blank, opens_right, ..budget_model::Line::text(l.trim()) }, 1)
        })
        .collect();
    let mut findings = Vec::new();
    let read = read_form(&title, &FormBody { lines: &lines, grids: &[] }, &mut FormsRead::default(), &mut findings);
    (read.indicators, read.fields, findings)
}

/// An indicator as `[goal, level1, level2, level3, value, basis, prev2,
/// prev1]`.
fn row(i: &Indicator) -> [&str; 8] {
    [&i.goal, &i.level1, &i.level2, &i.level3, &i.value, &i.basis, &i.prev2_value, &i.prev1_value]
}

/// An expected indicator row in the order of [`row`], written on one line
/// with `|` between the eight fields (each trimmed):
/// `"长期目标1 | 产出指标 | 数量指标 | 帮扶对象数量 | 2个 | 工作要求 | |"`.
fn written_row(text: &str) -> [&str; 8] {
    let fields: Vec<&str> = text.split('|').map(str::trim).collect();
    fields.try_into().unwrap_or_else(|f: Vec<&str>| panic!("{} fields, not 8: {text}", f.len()))
}

/// Asserts that `indicators` are the rows `want`, each written as for
/// [`written_row`].
#[track_caller]
pub(crate) fn assert_rows(indicators: &[Indicator], want: &[&str]) {
    let got: Vec<[&str; 8]> = indicators.iter().map(row).collect();
    let want: Vec<[&str; 8]> = want.iter().map(|w| written_row(w)).collect();
    assert_eq!(got, want);
}

/// Column widths of the Beijing 部门整体支出绩效目标表 of the tests: a label
/// column and seven beside it.
pub(crate) const BEIJING_OVERALL_WIDTHS: [f32; 8] = [100.0, 80.0, 80.0, 80.0, 80.0, 80.0, 80.0, 80.0];

/// The rows of that form above its amounts: the department's name, then
/// the funds' heads under a label spanning them and the amounts' row.
pub(crate) const BEIJING_OVERALL_HEAD: [&str; 3] = [
    "部门名称 | 1x7 云湖区发展和改革委员会",
    "3x1 总体资金情况（万元） | 2x1 预算支出总额 | 1x3 财政拨款 | 1x3 其他资金",
    "合计 | 基本支出 | 项目支出 | 合计 | 基本支出 | 项目支出",
];
