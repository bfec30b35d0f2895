//! Text of spreadsheet-made PDFs, whose titles come after their tables.
//!
//! A spreadsheet exported to PDF writes each page's plain cells first and
//! its merged ones after; the title is a merged cell. Its text then reads:
//! the unit line, header and rows of a table, then its title (`附表5-1` /
//! `一般公共预算支出表(分功能科目)`), then the wrapped names. Read in that
//! order, each title would take the next table's body. The body before a
//! title is recognised by its unit line: the lines after one title hold a
//! second unit line over another header, and the next title's body is
//! what follows that unit line. The title (with its label line) is moved
//! up to it.

use budget_model::{Line, Page};

use crate::lex::unit_of_line;
use crate::norm::squeeze;
use crate::title::{parse_title, table_label};

/// How many lines after a unit line make its header for comparison (its
/// first line: the rows may follow at once).
const HEADER_LINES: usize = 1;

/// The pages of a text document with each title moved up to the body
/// printed before it; `None` when no title moved (or the pages carry
/// layout, where grids and positions place titles).
pub(crate) fn titles_before_bodies(pages: &[Page]) -> Option<Vec<Page>> {
    if pages.iter().any(Page::has_layout) {
        return None;
    }
    let mut moved = false;
    let mut lines: Vec<(Line, u32)> = Vec::new();
    for p in pages {
        for l in &p.lines {
            match two_titles(&l.text) {
                Some((a, b)) => {
                    lines.push((Line::text(a), p.number));
                    lines.push((Line::text(b), p.number));
                    moved = true;
                }
                None => lines.push((l.clone(), p.number)),
            }
        }
    }
    let mut prev_title: Option<usize> = None;
    let mut i = 0;
    while i < lines.len() {
        if parse_title(&lines[i].0.text).is_none() {
            i += 1;
            continue;
        }
        if let Some(p) = prev_title {
            if let Some(to) = body_start_before(&lines, p + 1, i) {
                let labelled = i > 0 && table_label(&lines[i - 1].0.text).is_some() && i - 1 > to;
                let from = if labelled { i - 1 } else { i };
                let title: Vec<(Line, u32)> = lines.drain(from..=i).collect();
                let page = lines[to].1;
                for (k, (line, _)) in title.into_iter().enumerate() {
                    lines.insert(to + k, (line, page));
                }
                i = to + (i - from);
                moved = true;
            }
        }
        prev_title = Some(i);
        i += 1;
    }
    moved.then(|| repage(pages, lines))
}

/// A line holding two titles, one printed after its table and the next
/// before its own: `附表5-2 一般公共预算支出表(分单位)一般公共预算基本支出表`
/// is split after the first `表` (or `)`) where both halves are titles of
/// different tables.
fn two_titles(text: &str) -> Option<(&str, &str)> {
    let whole = parse_title(text)?;
    text.char_indices()
        .filter(|(_, c)| matches!(c, '表' | ')' | '）'))
        .map(|(i, c)| i + c.len_utf8())
        .filter(|&at| at < text.len())
        .find_map(|at| {
            let (a, b) = text.split_at(at);
            // `…支出表` / `(分单位)…`: the qualifier belongs to the first.
            if b.trim_start().starts_with(['(', '（']) {
                return None;
            }
            let (ta, tb) = (parse_title(a)?, parse_title(b.trim())?);
            (ta.key != tb.key && (ta.key == whole.key || tb.key == whole.key)).then_some((a.trim(), b.trim()))
        })
}

/// In the lines `from..to` after a title, the unit line where the next
/// title's body begins: the last unit line whose header differs from the
/// first unit line's, with an amount below it.
fn body_start_before(lines: &[(Line, u32)], from: usize, to: usize) -> Option<usize> {
    let units: Vec<usize> = (from..to).filter(|&k| unit_of_line(&lines[k].0.text).is_some()).collect();
    let (&first, &last) = (units.first()?, units.last()?);
    if first == last {
        return None;
    }
    let header = |u: usize| -> String {
        lines[u + 1..to.min(u + 1 + HEADER_LINES)].iter().map(|(l, _)| squeeze(&l.text)).collect()
    };
    let has_amount = lines[last..to]
        .iter()
        .any(|(l, _)| l.text.split_whitespace().any(|w| w.contains('.') && crate::lex::amount(w).is_some()));
    (header(first) != header(last) && has_amount).then_some(last)
}

/// Lines back into pages, each line on the page it is now numbered with.
fn repage(pages: &[Page], lines: Vec<(Line, u32)>) -> Vec<Page> {
    let mut out: Vec<Page> = pages.iter().map(|p| Page { lines: Vec::new(), ..p.clone() }).collect();
    for (line, page) in lines {
        if let Some(p) = out.iter_mut().find(|p| p.number == page) {
            p.lines.push(line);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(n: u32, lines: &[&str]) -> Page {
        Page { lines: lines.iter().map(|l| Line::text(*l)).collect(), ..Page::new(n) }
    }

    fn texts(pages: &[Page]) -> Vec<String> {
        pages.iter().flat_map(|p| p.lines.iter().map(|l| l.text.clone())).collect()
    }

    #[test]
    fn a_title_printed_after_its_table_moves_up_to_its_unit_line() {
        let pages = [
            page(
                1,
                &["三、部门支出总表", "单位：万元", "科目编码 科目名称 合计 基本支出 项目支出", "合计 5.00 3.00 2.00"],
            ),
            page(
                2,
                &[
                    "单位：万元",
                    "单位编码 单位名称 合计 基本支出 项目支出",
                    "合计 5.00 3.00 2.00",
                    "附表5-2",
                    "一般公共预算支出表(分单位)",
                    "江夏区政务服务",
                ],
            ),
        ];
        let moved = titles_before_bodies(&pages).expect("moved");
        assert_eq!(
            texts(&moved)[4..8],
            ["附表5-2", "一般公共预算支出表(分单位)", "单位：万元", "单位编码 单位名称 合计 基本支出 项目支出"]
        );
    }

    #[test]
    fn a_line_with_two_titles_is_two_lines() {
        assert_eq!(
            two_titles("附表5-2 一般公共预算支出表(分单位)一般公共预算基本支出表"),
            Some(("附表5-2 一般公共预算支出表(分单位)", "一般公共预算基本支出表"))
        );
        assert_eq!(two_titles("附表5-2 一般公共预算支出表(分单位)"), None);
    }

    #[test]
    fn a_table_whose_unit_line_repeats_over_the_same_header_stays() {
        let pages = [
            page(1, &["三、部门支出总表", "单位：万元", "科目编码 科目名称 合计", "合计 5.00"]),
            page(2, &["单位：万元", "科目编码 科目名称 合计", "201 一般公共服务支出 5.00", "四、财政拨款收支总表"]),
        ];
        assert!(titles_before_bodies(&pages).is_none());
    }
}
