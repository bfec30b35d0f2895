//! Text already extracted from a budget PDF.
//!
//! The form is the one `pdf-extract` writes: every line of the PDF on a line
//! of its own, a blank line where the next word is more than a line and a
//! half below (or above) the last one and starts left of where it ended, a
//! line opening with a space where it starts right of it. A new page opens
//! one way or the other (the first word of a page is far from the last word
//! of the one before); so does much of a page's own text, a wrapped header
//! cell or a heading. Text with form feeds (`\f`, as `pdftotext` writes) is
//! split at the form feeds instead.
//!
//! Where the page breaks are, in pdf-extract text:
//! - **Printed page numbers.** A run of lines `- 5 -`, `— 6 —`, `第 7 页`,
//!   `8` (alone on its line), numbered one after the other through the
//!   text, is the document's pagination: each number line closes its page
//!   when the text ends on one (a footer drawn last), and opens it
//!   otherwise, together with the line just before it when that line is
//!   printed before most numbers (a running header,
//!   `苏州市交通运输局 2026 年度部门预算公开` / ` - 9 -`). A page is then
//!   numbered by its printed number, shifted by the pages before the first
//!   number: one for the text before it, and one more for a table of
//!   contents (`目 录`) printed after a cover.
//! - **Otherwise** a line that begins with a space opens a page (the rule
//!   of the seed's template, whose pages print no number).
//!
//! What it cannot do: a page whose printed number is missing (a landscape
//! table page) is read as part of the page whose number comes next (or
//! last); the front matter before the first number is one or two pages
//! however many the PDF has; a page break written with no line break at
//! all (the next page's first word at the height of the last word) is
//! invisible. Without printed numbers, a line that begins with a space
//! inside a page (a header cell printed lower and right of the one before)
//! opens a page too. Page-number lines are kept as lines: the table readers
//! drop them.
//!
//! Every line keeps whether it began with a space
//! ([`Line::opens_right`]): the table readers read the layout from it.

use crate::spacing;
use crate::InputKind;
use budget_model::{page_number, Line, Page};

/// Splits extracted text into pages of non-blank, trimmed lines, each
/// marked when a blank line came before it. The lines of a letter-spaced
/// text (every character apart) are closed up first.
///
/// ```
/// use budget_extract::text::pages_from_text;
/// let pages = pages_from_text(" 第一部分 概况\n\n正文\n\n 第二部分 预算表\n");
/// assert_eq!(pages.len(), 2);
/// assert_eq!(pages[1].number, 2);
/// assert_eq!(pages[1].lines[0].text, "第二部分 预算表");
/// ```
pub fn pages_from_text(text: &str) -> Vec<Page> {
    let letter_spaced = spacing::letter_spaced(text);
    if text.contains('\u{c}') {
        return pages_at_form_feeds(text, letter_spaced);
    }
    let mut lines: Vec<Line> = Vec::new();
    // Whether a blank line (or the start of the text) comes before each line.
    let mut spaced: Vec<bool> = Vec::new();
    let mut blank = true;
    for l in text.lines() {
        if l.trim().is_empty() {
            blank = true;
            continue;
        }
        let l = spacing::closed_up_if(l, letter_spaced);
        let after_blank = blank && !lines.is_empty();
        lines.push(Line { opens_right: l.starts_with(char::is_whitespace), after_blank, ..Line::text(l.trim()) });
        spaced.push(std::mem::replace(&mut blank, false));
    }
    // A line standing apart: blank lines (or a line moved right) around it.
    let apart: Vec<bool> = (0..lines.len())
        .map(|i| (spaced[i] || lines[i].opens_right) && lines.get(i + 1).is_none_or(|n| n.opens_right || spaced[i + 1]))
        .collect();
    match printed_pagination(&lines, &apart) {
        Some(starts) => paginate(lines, &starts),
        None => pages_at_leading_spaces(lines),
    }
}

/// The fewest lines with a wide gap between two words that make a text
/// laid out in columns ([`is_laid_out`]), and the least share of its
/// non-blank lines they must be.
const MIN_GAPPED_LINES: usize = 10;
const MIN_GAPPED_SHARE: usize = 4;

/// The spaces between two words of a line that make a wide gap: more than
/// pdf-extract puts between two words.
const WIDE_GAP: usize = 4;

/// Whether the text is laid out in columns, each word placed by spaces at
/// the column of its position on the page (as `pdftotext -layout` writes):
/// a quarter of its non-blank lines, and ten at least, hold two words four
/// spaces or more apart. pdf-extract writes a line's words one space apart
/// (a wide gap on 11 in 100 of the lines at most, in the 184 texts of
/// the corpora; at least half of the lines of pdftotext's laid-out text of the
/// same documents). The text reader is made for pdf-extract's text; such a
/// text is read the same way, with a finding that says so.
///
/// ```
/// use budget_extract::text::is_laid_out;
/// let row = "一、一般公共预算拨款收入             6115.72   一、一般公共服务支出     5521.06\n";
/// assert!(is_laid_out(&row.repeat(12)));
/// assert!(!is_laid_out(&"一、一般公共预算拨款收入 6115.72 一、一般公共服务支出 5521.06\n".repeat(12)));
/// ```
pub fn is_laid_out(text: &str) -> bool {
    let (mut lines, mut gapped) = (0usize, 0usize);
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        lines += 1;
        gapped += usize::from(has_wide_gap(line));
    }
    gapped >= MIN_GAPPED_LINES && gapped * MIN_GAPPED_SHARE >= lines
}

/// The kind of a text input: [`InputKind::LaidOutText`] where
/// [`is_laid_out`], [`InputKind::Text`] otherwise.
pub fn kind_of(text: &str) -> InputKind {
    if is_laid_out(text) {
        InputKind::LaidOutText
    } else {
        InputKind::Text
    }
}

/// Whether a trimmed line holds two words [`WIDE_GAP`] spaces apart or more.
fn has_wide_gap(line: &str) -> bool {
    let mut run = 0usize;
    for c in line.chars() {
        if c != ' ' {
            if run >= WIDE_GAP {
                return true;
            }
            run = 0;
        } else {
            run += 1;
        }
    }
    false
}

/// Pages split at form feeds (each line closed up in a letter-spaced
/// text); the first line of each page counts as moved right (nothing tells
/// where it started).
fn pages_at_form_feeds(text: &str, letter_spaced: bool) -> Vec<Page> {
    let mut pages: Vec<Page> = Vec::new();
    let mut blank = false;
    for (i, raw) in text.split('\u{c}').enumerate() {
        let mut page = Page::new(i as u32 + 1);
        for line in raw.lines().map(|l| spacing::closed_up_if(l, letter_spaced)) {
            let line = line.trim();
            if line.is_empty() {
                blank = true;
                continue;
            }
            let first = page.lines.is_empty() && i > 0;
            page.lines.push(Line { opens_right: first, after_blank: std::mem::take(&mut blank), ..Line::text(line) });
        }
        pages.push(page);
    }
    pages
}

/// The seed's rule: a line that begins with a space opens a page.
fn pages_at_leading_spaces(lines: Vec<Line>) -> Vec<Page> {
    let mut pages: Vec<Page> = Vec::new();
    let mut current = Page::new(1);
    for line in lines {
        if line.opens_right && !current.lines.is_empty() {
            let next = current.number + 1;
            pages.push(std::mem::replace(&mut current, Page::new(next)));
        }
        current.lines.push(line);
    }
    pages.push(current);
    pages
}

/// Lines cut into pages at `starts` (indices of the lines opening a page,
/// each with its page number).
fn paginate(lines: Vec<Line>, starts: &[(usize, u32)]) -> Vec<Page> {
    let mut pages: Vec<Page> = Vec::new();
    let mut current = Page::new(1);
    let mut next = starts.iter().peekable();
    for (i, line) in lines.into_iter().enumerate() {
        if let Some(&&(at, number)) = next.peek() {
            if at == i {
                next.next();
                if !current.lines.is_empty() {
                    pages.push(std::mem::replace(&mut current, Page::new(number)));
                } else {
                    current.number = number;
                }
            }
        }
        current.lines.push(line);
    }
    pages.push(current);
    pages
}

/// How few numbered lines make a pagination.
const MIN_NUMBERED: usize = 3;

/// The page breaks the printed page numbers give: the index of each line
/// opening a page and the page's number; `None` when the text prints no run
/// of page numbers.
fn printed_pagination(lines: &[Line], apart: &[bool]) -> Option<Vec<(usize, u32)>> {
    let run = numbered_run(lines, apart)?;
    let last = *run.last()?;
    // A footer drawn last: the text ends on a number (or just after one),
    // and no running header comes before the numbers.
    let header = running_header(lines, &run);
    let closes = header.is_none() && lines.len() - last.0 <= 3;
    let mut starts: Vec<(usize, u32)> = run
        .iter()
        .map(|&(i, n)| match (closes, header) {
            (true, _) => (i + 1, n + 1),
            (false, Some(h)) if i > 0 && lines[i - 1].text == h => (i - 1, n),
            (false, _) => (i, n),
        })
        .filter(|&(i, _)| i < lines.len())
        .collect();
    // Where the first numbered page starts, and the pages before it.
    let first_no = run[0].1;
    let (first_at, front) = match closes {
        true => match front_pages(&lines[..run[0].0]) {
            (front, Some(body)) => (body, front),
            (_, None) => (0, Vec::new()),
        },
        false => match starts.first() {
            Some(&(at, _)) if at > 0 => (at, front_pages(&lines[..at]).0),
            _ => (0, Vec::new()),
        },
    };
    // Numbers that count the unnumbered pages before them stand as printed.
    let shift = (front.len() as i64 + 1 - first_no as i64).max(0);
    let number = |n: u32| (n as i64 + shift).max(1) as u32;
    let mut out: Vec<(usize, u32)> = front.iter().enumerate().skip(1).map(|(k, &at)| (at, k as u32 + 1)).collect();
    if closes && first_at > 0 && first_at < run[0].0 {
        out.push((first_at, number(first_no)));
    }
    for s in starts.iter_mut() {
        s.1 = number(s.1);
    }
    out.extend(starts);
    out.dedup_by_key(|s| s.0);
    Some(out)
}

/// The pages before the first printed number, as the indices of their
/// first lines: the text before a table of contents (`目 录`) is a cover,
/// and the contents end where their first entry is printed again as a
/// heading of the body (`第一部分 中国共产党广州市委员会宣传部概况`, wrapped
/// or not), which is returned apart. Contents over two pages open the
/// second with a line that begins with a space (` 二、表格部分`), when one or
/// two of their lines do.
fn front_pages(lines: &[Line]) -> (Vec<usize>, Option<usize>) {
    let mut out = vec![0];
    let Some(toc) = lines.iter().position(|l| is_contents(&l.text)) else { return (out, None) };
    if toc > 0 {
        out.push(toc);
    }
    let Some(first) = lines.get(toc + 1).map(|l| compact(&l.text)) else { return (out, None) };
    let repeats = |l: &Line| {
        let t = compact(&l.text);
        t.chars().count() >= 4 && (first.starts_with(&t) || t.starts_with(&first))
    };
    let end = (toc + 2..lines.len()).find(|&i| repeats(&lines[i]));
    let inner: Vec<usize> = (toc + 2..end.unwrap_or(lines.len())).filter(|&i| lines[i].opens_right).collect();
    if inner.len() <= 2 {
        out.extend(inner);
    }
    (out, end)
}

/// The text without its white space.
fn compact(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// `目录`, `目 录`: a table of contents' heading.
fn is_contents(text: &str) -> bool {
    compact(text) == "目录"
}

/// The longest run of page-number lines numbered one after the other
/// (`- 4 -`, `- 5 -`, …), with the lines' indices; at least
/// [`MIN_NUMBERED`] of them. Bare numbers (`7` alone on a line) count only
/// when blank lines stand around them (a wrapped amount's last digits,
/// `150.4` / `7`, follow their line directly) and the numbers are lines
/// apart: a column of row numbers is not a pagination.
fn numbered_run(lines: &[Line], apart: &[bool]) -> Option<Vec<(usize, u32)>> {
    let found: Vec<(usize, u32, bool)> = lines
        .iter()
        .enumerate()
        .filter_map(|(i, l)| page_number(&l.text).map(|(n, bare)| (i, n, bare)))
        .filter(|&(i, _, bare)| !bare || apart[i])
        .collect();
    // best[k]: the length of the longest run ending at found[k], and the
    // element before it.
    let mut best: Vec<(usize, Option<usize>)> = Vec::with_capacity(found.len());
    for k in 0..found.len() {
        let (i, n, bare) = found[k];
        let prev = (0..k)
            .rev()
            .filter(|&j| found[j].1 + 1 == n && found[j].2 == bare && (!bare || i - found[j].0 >= MIN_PAGE_LINES))
            .max_by_key(|&j| best[j].0);
        best.push(match prev {
            Some(j) => (best[j].0 + 1, Some(j)),
            None => (1, None),
        });
    }
    let (mut k, &(len, _)) = best.iter().enumerate().max_by_key(|(k, b)| (b.0, usize::MAX - k))?;
    if len < MIN_NUMBERED {
        return None;
    }
    let mut run = vec![(found[k].0, found[k].1)];
    while let Some(j) = best[k].1 {
        run.push((found[j].0, found[j].1));
        k = j;
    }
    run.reverse();
    Some(run)
}

/// How many lines a page holds at least, between two bare page numbers.
const MIN_PAGE_LINES: usize = 3;

/// The line printed just before most page numbers (a running header drawn
/// at the top of each page before the number), if there is one.
fn running_header<'a>(lines: &'a [Line], run: &[(usize, u32)]) -> Option<&'a str> {
    let before: Vec<&str> = run.iter().filter(|(i, _)| *i > 0).map(|(i, _)| lines[i - 1].text.as_str()).collect();
    let first = before.first()?;
    let same = before.iter().filter(|t| *t == first).count();
    (same * 2 > run.len()).then_some(first)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(p: &Page) -> Vec<&str> {
        p.lines.iter().map(|l| l.text.as_str()).collect()
    }

    /// The project's texts as pdf-extract wrote them are not laid out; the
    /// seed laid out as pdftotext lays out a page (each line's words at
    /// columns, a label padded to its amount) is.
    #[test]
    fn laid_out_text_is_told_from_pdf_extract_text() {
        let seed = include_str!("../../../samples/text/wuchang-gov-office-2024.txt");
        for text in [seed, include_str!("../../../samples/text/run-on-pages.txt")] {
            assert!(!is_laid_out(text));
        }
        assert!(!is_laid_out(include_str!("../../../samples/text/spreadsheet-pages.txt")));
        let laid_out: String = seed
            .lines()
            .map(|l| {
                let words: Vec<&str> = l.split_whitespace().collect();
                words.iter().map(|w| format!("{w:<24}")).collect::<String>().trim_end().to_string() + "\n"
            })
            .collect();
        assert!(is_laid_out(&laid_out));
        // A few wide gaps (a heading centred over a table, a signature) do
        // not make a text laid out.
        let few = format!("{}{}", "部门收支总表        单位：万元\n".repeat(9), seed);
        assert!(!is_laid_out(&few));
    }

    #[test]
    fn leading_space_opens_a_page_and_blank_lines_vanish() {
        let pages = pages_from_text(" a\n\nb\n\n  c\n\r\nd \n");
        assert_eq!(pages.len(), 2);
        assert_eq!(texts(&pages[0]), ["a", "b"]);
        assert_eq!(texts(&pages[1]), ["c", "d"]);
        assert_eq!(pages[1].number, 2);
        assert!(pages[1].lines[0].opens_right && !pages[1].lines[1].opens_right);
    }

    #[test]
    fn form_feeds_split_pages_and_leading_spaces_are_kept_on_the_page() {
        let pages = pages_from_text("  a\n  b\n\u{c}  c\n\u{c}\u{c}d");
        assert_eq!(pages.len(), 4);
        assert_eq!(texts(&pages[0]), ["a", "b"]);
        assert_eq!(texts(&pages[1]), ["c"]);
        assert!(pages[2].lines.is_empty());
        assert_eq!(texts(&pages[3]), ["d"]);
        assert!(pages[1].lines[0].opens_right && !pages[0].lines[1].opens_right);
    }

    #[test]
    fn text_not_starting_with_a_space_is_page_one() {
        let pages = pages_from_text("x\n y");
        assert_eq!(pages.len(), 2);
        assert_eq!(texts(&pages[0]), ["x"]);
    }

    /// A footer drawn last (the text ends on `- 3 -`): each number closes
    /// its page; the cover and the contents before the first number are
    /// pages of their own, so `- 1 -` is the third page.
    #[test]
    fn closing_page_numbers_paginate_after_the_front_matter() {
        let text = "2026年\n\n某局部门预算\n\n目 录\n\n第一部分 概况\n\n第二部分 预算表\n\n第一部分 概况\n\n一、职责\n\n正文\n\n- 1 -\n\n 正文二\n\n正文三\n\n正文四\n\n- 2 -\n\n单位：万元\n\n 表1\n\n收支总表\n\n- 3 -\n";
        let pages = pages_from_text(text);
        let numbers: Vec<u32> = pages.iter().map(|p| p.number).collect();
        assert_eq!(numbers, [1, 2, 3, 4, 5]);
        assert_eq!(texts(&pages[1])[0], "目 录");
        assert_eq!(texts(&pages[2]), ["第一部分 概况", "一、职责", "正文", "- 1 -"]);
        assert_eq!(texts(&pages[3]), ["正文二", "正文三", "正文四", "- 2 -"]);
        assert!(pages[3].lines[0].opens_right);
        assert_eq!(texts(&pages[4]), ["单位：万元", "表1", "收支总表", "- 3 -"]);
    }

    /// A running header and the number drawn first on each page:
    /// `某局 2026 年度部门预算公开` / ` - 1 -` opens the page after the cover.
    #[test]
    fn a_running_header_before_the_number_opens_the_page() {
        let text = "某局部门预算公开\n\n某局公开\n - 1 -\n\n目 录\n\n一\n\n某局公开\n - 2 -\n\n甲\n\n乙\n\n某局公开\n - 3 -\n\n丙\n\n丁\n";
        let pages = pages_from_text(text);
        let numbers: Vec<u32> = pages.iter().map(|p| p.number).collect();
        assert_eq!(numbers, [1, 2, 3, 4]);
        assert_eq!(texts(&pages[0]), ["某局部门预算公开"]);
        assert_eq!(texts(&pages[2]), ["某局公开", "- 2 -", "甲", "乙"]);
    }

    /// Row numbers one under the other are no pagination.
    #[test]
    fn a_column_of_row_numbers_is_not_a_pagination() {
        let pages = pages_from_text("表\n\n1\n\n甲\n\n2\n\n乙\n\n3\n\n丙\n\n4\n");
        assert_eq!(pages.len(), 1);
    }
}
