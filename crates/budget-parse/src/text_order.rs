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

use crate::front::after_total_label;
use crate::lex::unit_of_line;
use crate::norm::{is_total_word, squeeze};
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
                // A title with a unit run into it (`…收支预算总表 单位：元`):
                // the unit may be the next page's, printed after this
                // table's rows; each goes on a line of its own.
                None => match crate::segment::title_with_unit(&l.text) {
                    Some((_, unit)) => {
                        let title = l.text.trim_end().strip_suffix(unit.as_str()).unwrap_or(&l.text).trim();
                        lines.push((Line { text: title.to_string(), ..l.clone() }, p.number));
                        lines.push((Line::text(unit), p.number));
                    }
                    None => lines.push((l.clone(), p.number)),
                },
            }
        }
    }
    // Each form's tell is checked in turn, the most particular first.
    moved |= labelled_bodies_before_titles(&mut lines)
        || rows_before_titles(&mut lines)
        || spreadsheet_pages(&mut lines) && {
            forms_first_pages_after_headers(&mut lines);
            true
        }
        || titles_up_to_unit_lines(&mut lines);
    moved |= total_labels_from_headers(&mut lines);
    moved.then(|| repage(pages, lines))
}

/// A title printed after its table whose next table's body opens with a
/// second unit line: each title after the first, whose lines since the
/// title before hold a unit line over a header that differs from the first
/// one's, moves up to it (with its label line). Whether any title moved.
fn titles_up_to_unit_lines(lines: &mut Vec<(Line, u32)>) -> bool {
    let mut moved = false;
    let mut prev_title: Option<usize> = None;
    let mut i = 0;
    while i < lines.len() {
        if parse_title(&lines[i].0.text).is_none() {
            i += 1;
            continue;
        }
        if let Some(p) = prev_title {
            if let Some(to) = body_start_before(lines, p + 1, i) {
                let labelled = i > 0 && table_label(&lines[i - 1].0.text).is_some() && i - 1 > to;
                let from = if labelled { i - 1 } else { i };
                let page = lines[to].1;
                move_lines(lines, from..i + 1, to, page);
                i = to + (i - from);
                moved = true;
            }
        }
        prev_title = Some(i);
        i += 1;
    }
    moved
}

/// Where each table's text lies among the lines of a spreadsheet's pages
/// whose title is printed after its rows, the first table's too.
///
/// A spreadsheet exported to PDF writes each page's plain cells (the unit
/// line, the header's leaves, the rows) before its merged ones (the header
/// cells over several columns or rows, the title). Between two titles lie
/// the first title's merged cells, the pages it runs on to, and the next
/// table's first page up to its title:
///
/// ```text
/// 金额单位：万元 / 事业单位经营支出 … / 2050803-培训支出 … 103.575000 … / …
/// 预算03表 支出总表 / 其中 / 支出功能分类科目 … 合计 基本支出 项目支出
/// 事业单位经营支出 … / 其中 / … / 2150501-行政运行 … 2.000000 … / … / 合    计 590,242.670510 …
/// 金额单位：万元 / 项    目 预算数 项    目 预算数 / … / 收入总计 588,469.365743 …
/// 预算04表 财政拨款收支总表 / 收    入 支    出
/// ```
///
/// The next table's first page opens with its unit line: a unit line with
/// rows or headings before it among these lines, whose header differs from
/// an earlier one's (a page a table runs on to may print the unit line
/// again over the same header). Where no unit line lies between the two
/// titles, the next table's page is the rows and headings before its title
/// back to a total, text or caption. Each title moves up to its first page
/// with the headings printed around it: the unit line, the headings
/// printed right before the title, the page's own header lines, the
/// headings printed right after the title (up to the next row; a heading
/// a page it runs on to prints again, once), then the rows. A page the
/// table runs on to prints its header in that order too.
///
/// The form is told by the first title: the rows before it, under a unit
/// line with no text between, are its table's (a title printed before its
/// table has none before it); and by later titles whose first page opens
/// with a unit line, [`ROWS_FIRST_TITLES`] titles in all. The performance
/// forms keep their place. Whether any title moved.
fn spreadsheet_pages(lines: &mut Vec<(Line, u32)>) -> bool {
    let text = |k: usize| lines[k].0.text.as_str();
    // Each title: whether it is a performance form's.
    let found: Vec<(usize, bool)> =
        (0..lines.len()).filter_map(|k| parse_title(text(k)).map(|t| (k, t.key.is_form()))).collect();
    let titles: Vec<usize> = found.iter().filter(|&&(_, form)| !form).map(|&(k, _)| k).collect();
    let forms: Vec<usize> = found.iter().filter(|&&(_, form)| form).map(|&(k, _)| k).collect();
    if titles.len() < 2 {
        return false;
    }
    // Each title's first page: (where it starts, where the headings printed
    // right before the title start, whether a unit line opens it). Found
    // first without a unit line right after a title, as a title printed
    // before its table has one; once the form is told, with it too.
    let first_pages = |told: bool| -> Vec<Option<(usize, usize, bool)>> {
        titles
            .iter()
            .enumerate()
            .map(|(k, &t)| {
                let floor =
                    [k.checked_sub(1).map(|j| titles[j] + 1), forms.iter().rev().find(|&&f| f < t).map(|&f| f + 1)]
                        .into_iter()
                        .flatten()
                        .max()
                        .unwrap_or(0);
                let mut tail = own_label(lines, t);
                while tail > floor && merged(text(tail - 1)) {
                    tail -= 1;
                }
                first_page(lines, floor..tail, k == 0, told).map(|(from, unit)| (from, tail, unit))
            })
            .collect()
    };
    let pages = first_pages(false);
    let opened = pages.iter().skip(1).filter(|p| p.is_some_and(|(_, _, unit)| unit)).count();
    if !pages[0].is_some_and(|(_, _, unit)| unit) || opened + 1 < ROWS_FIRST_TITLES {
        return false;
    }
    let pages = first_pages(true);
    let mut out: Vec<(Line, u32)> = Vec::with_capacity(lines.len());
    let mut at = 0;
    for (k, &t) in titles.iter().enumerate() {
        let Some((from, tail, unit)) = pages[k].filter(|&(from, _, _)| from >= at) else { continue };
        let title_at = own_label(lines, t);
        out.extend(lines[at..from].iter().cloned());
        let page = lines[from].1;
        // The merged headings and unit line right after the title: up to the
        // next row or title, and not into the next table's first page.
        let next = titles.get(k + 1).map(|&n| pages[k + 1].map_or(n, |(f, _, _)| f)).unwrap_or(lines.len());
        let next = forms.iter().find(|&&f| f > t).map_or(next, |&f| next.min(f));
        let mut after = t + 1;
        while after < next && (merged(text(after)) || unit_of_line(text(after)).is_some()) {
            after += 1;
        }
        let body_from = if unit { from + 1 } else { from };
        // A row wrapped before its amounts opens with its code and name
        // (`2080505-机关事业单位基本养老保险缴费`).
        let opens_row = |j: usize| {
            row_line(text(j))
                || text(j).split_whitespace().next().is_some_and(|w| crate::labels::split_code_name(w).is_some())
        };
        let first_row = (body_from..tail).find(|&j| opens_row(j)).unwrap_or(tail);
        let mut seen: Vec<String> = (body_from..first_row).map(|j| squeeze(text(j))).collect();
        out.extend(lines[title_at..=t].iter().map(|(l, _)| (l.clone(), page)));
        // The page's unit line, or else the one printed with the title.
        let unit_at = if unit { Some(from) } else { (t + 1..after).find(|&j| unit_of_line(text(j)).is_some()) };
        if let Some(u) = unit_at {
            out.push((lines[u].0.clone(), page));
            seen.push(squeeze(text(u)));
        }
        let mut headings = |range: std::ops::Range<usize>, out: &mut Vec<(Line, u32)>| {
            for j in range {
                let word = squeeze(text(j));
                if !seen.contains(&word) {
                    seen.push(word);
                    out.push((lines[j].0.clone(), page));
                }
            }
        };
        headings(tail..title_at, &mut out);
        out.extend(lines[body_from..first_row].iter().cloned());
        headings(t + 1..after, &mut out);
        out.extend(lines[first_row..tail].iter().cloned());
        at = after;
    }
    out.extend(lines[at..].iter().cloned());
    *lines = out;
    true
}

/// A performance form's first page printed before its title, in a
/// spreadsheet whose titles follow their pages ([`spreadsheet_pages`],
/// which leaves the forms in place). The page's plain cells come first:
/// the header's leaves (`财政资金 其他资金`), the indicator rows (`产出指标
/// 数量指标 设备计量检定数量 ＝ 37 台`), the amounts; then the title, the
/// merged cells (`项目名称`, the projects' names) and the next page, whose
/// header names the levels (`一级指标 二级指标 三级指标 …`). Read in that
/// order, the first page would end the table before. The page's lines
/// run from just after the last row of the table before, printed before
/// the form's first indicator, to the title. They move to just after the
/// form's first header line that names the levels, where they are read as
/// the next page's are; where no page after prints one and they do, the
/// title moves up to them instead. Whether any page moved.
fn forms_first_pages_after_headers(lines: &mut Vec<(Line, u32)>) -> bool {
    let mut moved = false;
    let mut prev: Option<usize> = None;
    let mut i = 0;
    while i < lines.len() {
        let Some(title) = parse_title(&lines[i].0.text) else {
            i += 1;
            continue;
        };
        let floor = prev.map_or(0, |p| p + 1);
        let text = |k: usize| lines[k].0.text.as_str();
        let first_indicator =
            (floor..i).find(|&k| text(k).split_whitespace().next().is_some_and(crate::forms::is_level1));
        let last_row = first_indicator.and_then(|f| (floor..f).rev().find(|&k| row_line(text(k))));
        let next_title = (i + 1..lines.len()).find(|&k| parse_title(text(k)).is_some()).unwrap_or(lines.len());
        let levels = |k: usize| squeeze(text(k)).contains("一级指标");
        // The title before is a table's: a form's own lines may open with
        // a code (`11000022T00` / `0000422234-`).
        let after_table = prev.is_some_and(|p| parse_title(text(p)).is_some_and(|t| !t.key.is_form()));
        if let (true, true, Some(row)) = (title.key.is_form(), after_table, last_row) {
            let (from, to) = (row + 1, own_label(lines, i));
            if let Some(header) = (i + 1..next_title).find(|&k| levels(k)) {
                let page = lines[header].1;
                move_lines(lines, from..to, header + 1 - (to - from), page);
                i -= to - from;
                moved = true;
            } else if (from..to).any(levels) {
                // No page after prints the header, the first page does: the
                // title goes up to it.
                let page = lines[from].1;
                move_lines(lines, to..i + 1, from, page);
                i = from + (i - to);
                moved = true;
            }
        }
        prev = Some(i);
        i += 1;
    }
    moved
}

/// Moves the lines `range` to stand at `at` (where they begin once taken
/// out), each on `page`.
fn move_lines(lines: &mut Vec<(Line, u32)>, range: std::ops::Range<usize>, at: usize, page: u32) {
    let moving: Vec<(Line, u32)> = lines.drain(range).collect();
    for (k, (line, _)) in moving.into_iter().enumerate() {
        lines.insert(at + k, (line, page));
    }
}

/// Where a title's own label starts: the line before it when that is a
/// label alone (`附表5-1`), else the title's line.
fn own_label(lines: &[(Line, u32)], t: usize) -> usize {
    let label = |k: usize| table_label(&lines[k].0.text).is_some() && parse_title(&lines[k].0.text).is_none();
    if t > 0 && label(t - 1) {
        t - 1
    } else {
        t
    }
}

/// Where a table's first page starts among the lines `within`, printed
/// before its title (past the headings printed with it), and whether a
/// unit line opens it; `None` when no page of rows is found there. For the
/// document's first title (`first`) only a unit line over rows with no
/// text after it counts. Until the form is `told`, a unit line right after
/// the title before does not open a page: a title printed first has one.
fn first_page(lines: &[(Line, u32)], within: std::ops::Range<usize>, first: bool, told: bool) -> Option<(usize, bool)> {
    let (floor, tail) = (within.start, within.end);
    let text = |k: usize| lines[k].0.text.as_str();
    let units: Vec<usize> = (floor..tail).filter(|&k| unit_of_line(text(k)).is_some()).collect();
    let header = |u: usize| (u + 1 < lines.len()).then(|| squeeze(text(u + 1)));
    let opens_page = |u: usize| {
        // Rows, headings or another unit line before it: not the unit line
        // a title printed first has right after it.
        let before = (floor..u)
            .any(|k| !caption(text(k)) && (row_line(text(k)) || heading(text(k)) || unit_of_line(text(k)).is_some()));
        // A page a table runs on to repeating its unit line over the same header.
        let repeated = units.iter().take_while(|&&e| e < u).any(|&e| header(e) == header(u));
        (first || told || before) && !repeated
    };
    if let Some(&u) = units.iter().rev().find(|&&u| opens_page(u)) {
        let rows = (u + 1..tail).any(|k| row_line(text(k)));
        let text_after = (u + 1..tail).any(|k| prose(text(k)) || parse_title(text(k)).is_some());
        return (!first || (rows && !text_after)).then_some((u, true));
    }
    if first || !units.is_empty() || !(floor..tail).any(|k| row_line(text(k))) {
        return None;
    }
    // No unit line: back from the title over its rows and headings, to a
    // total, text or caption. The line right before may be its own total.
    let mut from = tail;
    while from > floor {
        let t = squeeze(text(from - 1));
        let total = t.starts_with("合计") || t.contains("总计") || total_line(text(from - 1));
        if (total && from < tail) || caption(&t) || prose(&t) || table_label(&t).is_some() {
            break;
        }
        from -= 1;
    }
    (from < tail).then_some((from, false))
}

/// A total row whose label, a merged cell, is drawn with the header and its
/// amounts alone after the rows:
///
/// ```text
/// 功能分类科目编码
///  合计
/// 功能分类科目名称 合计 财政拨款收入 事业收入 …
/// 208 社会保障和就业支出 1,316,754 1,316,754
/// …
/// 8,332,285 4,422,383 3,909,902
/// ```
///
/// A line that is a total's label alone among the header lines of a table
/// (after its title, before the line over its first row), whose header
/// names its total column on another line, goes to the table's last row
/// when that row is amounts alone and no row of the table carries a total
/// label (`合计 8,332,285 4,422,383 3,909,902`). Whether any label moved.
fn total_labels_from_headers(lines: &mut Vec<(Line, u32)>) -> bool {
    let titles: Vec<usize> = (0..lines.len()).filter(|&i| parse_title(&lines[i].0.text).is_some()).collect();
    let mut moves: Vec<(usize, usize)> = Vec::new();
    for (k, &t) in titles.iter().enumerate() {
        let end = titles.get(k + 1).copied().unwrap_or(lines.len());
        let text = |i: usize| lines[i].0.text.as_str();
        let Some(first_row) = (t + 1..end).find(|&i| row_line(text(i))) else { continue };
        // More header lines follow the label: one right over the first row
        // (`合计` / `93` / `59.30`) is the total row, read as it is.
        // And the header names its total column apart (`功能分类科目名称 合计
        // 财政拨款收入 …`): a `合计` alone may else be that column's name, or
        // the end of one wrapped (`“三公”经费` / `合计`).
        let header = t + 1..first_row;
        let label = (t + 1..first_row.saturating_sub(1)).find(|&i| {
            let word = squeeze(text(i));
            is_total_word(word.as_str())
                && header.clone().any(|h| {
                    h != i && text(h).split_whitespace().count() > 1 && text(h).split_whitespace().any(|w| w == word)
                })
        });
        let last_row = (first_row..end).rev().find(|&i| row_line(text(i)));
        // A total's label after the last amounts is the next table's, its
        // head printed before its title (a spreadsheet's order).
        let rows_end = last_row.map_or(end, |l| l + 1);
        let labelled = (first_row..rows_end).any(|i| after_total_label(&squeeze(text(i))).is_some());
        if let (Some(label), Some(last), false) = (label, last_row, labelled) {
            if total_line(text(last)) && !text(last).trim().ends_with('计') {
                moves.push((label, last));
            }
        }
    }
    for &(label, last) in moves.iter().rev() {
        let name = squeeze(&lines[label].0.text);
        let row = &mut lines[last].0;
        row.text = format!("{name} {}", row.text.trim());
        lines.remove(label);
    }
    !moves.is_empty()
}

/// A form whose tables each print their label first and their title last:
/// `公开05表` / `部门：某院 单位：万元` / the header and rows / `财政拨款支出预算表`
/// / the headings printed with the title (`收入 支出`), then the next label
/// (the title and the label sometimes on one line: `一般公共预算基本支出预算表公开09表`).
/// Read in that order, each title would take the next table's body. The
/// form is told by at least [`ROWS_FIRST_TITLES`] titles whose label, unit
/// line and rows come before them with no other title between, the last
/// title among them with no amount after it (a title printed before its
/// table has its rows after it, the last one too). Each such title, with the
/// headings after it, moves up: the title right after its label, the
/// headings after the unit line. Whether any title moved.
fn labelled_bodies_before_titles(lines: &mut Vec<(Line, u32)>) -> bool {
    let split: Vec<(Line, u32)> = lines
        .iter()
        .flat_map(|(l, page)| match title_then_label(&l.text) {
            Some((title, label)) => vec![(Line::text(title), *page), (Line::text(label), *page)],
            None => vec![(l.clone(), *page)],
        })
        .collect();
    let is_title = |k: usize| parse_title(&split[k].0.text).is_some() && table_label(&split[k].0.text).is_none();
    let amounts = |k: usize| row_line(&split[k].0.text) && !crate::lex::code(split[k].0.text.trim());
    let titles: Vec<usize> = (0..split.len()).filter(|&k| is_title(k)).collect();
    // Each title with its label and unit line before it (and no other
    // title): (its label, its unit line, the title).
    let labelled: Vec<(usize, usize, usize)> = titles
        .iter()
        .filter_map(|&t| {
            let label =
                (0..t).rev().take_while(|&k| !is_title(k)).find(|&k| table_label(&split[k].0.text).is_some())?;
            let unit = (label + 1..t.min(label + 3)).find(|&k| unit_of_line(&split[k].0.text).is_some())?;
            Some((label, unit, t))
        })
        .collect();
    // Those with rows between; a table printed empty (`注：本部门无该项目`)
    // has none, and moves with the others.
    let with_rows: Vec<usize> =
        labelled.iter().filter(|&&(_, unit, t)| (unit + 1..t).any(amounts)).map(|&(_, _, t)| t).collect();
    let Some(&last) = with_rows.last() else { return false };
    if with_rows.len() < ROWS_FIRST_TITLES || titles.last() != Some(&last) || (last + 1..split.len()).any(amounts) {
        return false;
    }
    *lines = split;
    for &(label, unit, t) in labelled.iter().rev() {
        let end = (t + 1..lines.len()).find(|&k| !heading(&lines[k].0.text) || table_label(&lines[k].0.text).is_some());
        let end = end.unwrap_or(lines.len());
        let page = lines[label].1;
        let moved: Vec<(Line, u32)> = lines.drain(t..end).map(|(l, _)| (l, page)).collect();
        let (title, headings) = moved.split_first().map(|(t, h)| (t.clone(), h.to_vec())).unwrap_or_default();
        for (k, h) in headings.into_iter().enumerate() {
            lines.insert(unit + 1 + k, h);
        }
        lines.insert(label + 1, title);
    }
    true
}

/// A title and the next table's label on one line, the first table's
/// title printed last: `一般公共预算基本支出预算表公开09表` is
/// `一般公共预算基本支出预算表` and `公开09表`.
fn title_then_label(text: &str) -> Option<(&str, &str)> {
    let text = text.trim();
    // A label opens with 公开, 附表 or 表.
    let mut opens = text.char_indices().filter(|&(i, c)| i > 0 && matches!(c, '公' | '附' | '表')).map(|(i, _)| i);
    opens.find_map(|i| {
        let (title, label) = text.split_at(i);
        (table_label(label).is_some() && parse_title(title).is_some() && table_label(title).is_none())
            .then(|| (title.trim(), label.trim()))
    })
}

/// How many titles must show the rows-first form before any is moved.
const ROWS_FIRST_TITLES: usize = 3;

/// A form whose pages print their plain cells (the code heading `类 款 项`,
/// the rows, the total's amounts) before their merged ones (the title,
/// the header, `编制单位：某院`, the total's label). A table's first page
/// then reads: `类 款 项` / `208 社会保障和就业支出 125360,898 …` / … /
/// `2026年预算单位收入预算总表` / `项目 收入预算` / `功能分类科目编码 …` /
/// `编制单位：某院`; a page it runs on to repeats the header over its last
/// rows and the total, its label after its amounts (`128138,600 120258,600
/// 7880,000合计`) or apart from them (` 合计`). Each title, with the header
/// and caption printed around it, moves up to the rows printed before it
/// since the last title or total; the total's label goes first.
///
/// The form is told by its titles: at least [`ROWS_FIRST_TITLES`] of them
/// come right after a row or amounts and are followed by column headings
/// before any caption or unit line (a title printed before its table is
/// followed by its unit line or caption, and what comes before it is the
/// last table's total or text). Whether any title moved.
fn rows_before_titles(lines: &mut Vec<(Line, u32)>) -> bool {
    let titles: Vec<usize> = (0..lines.len()).filter(|&k| parse_title(&lines[k].0.text).is_some()).collect();
    let shown = titles.iter().filter(|&&t| printed_after_rows(lines, t)).count();
    if shown < ROWS_FIRST_TITLES {
        return false;
    }
    split_captions(lines);
    let titles: Vec<usize> = (0..lines.len()).filter(|&k| parse_title(&lines[k].0.text).is_some()).collect();
    let mut moves: Vec<(usize, usize, usize)> = Vec::new();
    let mut floor = 0;
    for &t in &titles {
        let (start, end) = merged_block(lines, t);
        let from = rows_start(lines, floor, start);
        if (from..start).any(|k| row_line(&lines[k].0.text) || code_heading(&lines[k].0.text)) {
            moves.push((from, start, t));
        }
        floor = end;
    }
    for &(from, start, t) in moves.iter().rev() {
        let (_, end) = merged_block(lines, t);
        let page = lines[from].1;
        // The unit line opening the page's plain cells goes with the caption.
        let units: Vec<usize> = (from..start)
            .take_while(|&k| !row_line(&lines[k].0.text))
            .filter(|&k| unit_of_line(&lines[k].0.text).is_some())
            .collect();
        let (captions, headings) = merged_in_order(&lines[start..end], t - start);
        let mut block: Vec<(Line, u32)> = vec![(lines[t].0.clone(), page)];
        block.extend(captions.into_iter().map(|l| (l, page)));
        block.extend(units.iter().map(|&k| (lines[k].0.clone(), page)));
        block.extend(headings.into_iter().map(|l| (l, page)));
        block.extend((from..start).filter(|k| !units.contains(k)).map(|k| lines[k].clone()));
        lines.splice(from..end, block);
    }
    code_headings_over_rows(lines);
    let mut out: Vec<(Line, u32)> = Vec::with_capacity(lines.len());
    for (l, page) in lines.drain(..) {
        for part in total_label_first(&l) {
            out.push((part, page));
        }
    }
    *lines = out;
    !moves.is_empty()
}

/// A unit printed at the end of a caption (`编制单位：某院 单位：元`), or of
/// the total closing the page before (`70,716,06466,716,064 4,000,000合计
/// 单位：元`, the extractor writing no line break), opens the next page's
/// plain cells, as a unit line of its own does: it is the unit of the rows
/// that follow it, and goes on a line of its own.
fn split_captions(lines: &mut Vec<(Line, u32)>) {
    let mut out: Vec<(Line, u32)> = Vec::with_capacity(lines.len());
    for (l, page) in lines.drain(..) {
        let text = l.text.trim();
        let at = text.match_indices("单位").map(|(at, _)| at).filter(|&at| at > 0).last();
        match at {
            Some(at)
                if (caption(text) || total_line(&text[..at]))
                    && unit_of_line(&text[at..]).is_some()
                    && !text[..at].ends_with("编制") =>
            {
                out.push((Line { text: text[..at].trim_end().to_string(), ..l.clone() }, page));
                out.push((Line::text(text[at..].trim()), page));
            }
            _ => out.push((l, page)),
        }
    }
    *lines = out;
}

/// The lines printed with a title (at `title` among `block`) as a
/// title-first table prints them: the captions (and unit lines), and the
/// headings, each once (the header a page it runs on repeats comes
/// among them).
fn merged_in_order(block: &[(Line, u32)], title: usize) -> (Vec<Line>, Vec<Line>) {
    let rest = block.iter().enumerate().filter(|&(k, _)| k != title).map(|(_, (l, _))| l);
    let (captions, all): (Vec<&Line>, Vec<&Line>) =
        rest.partition(|l| caption(&l.text) || unit_of_line(&l.text).is_some());
    let mut headings: Vec<&Line> = Vec::new();
    for h in all {
        if !headings.iter().any(|l| squeeze(&l.text) == squeeze(&h.text)) {
            headings.push(h);
        }
    }
    (captions.into_iter().cloned().collect(), headings.into_iter().cloned().collect())
}

/// A page's code heading (`类 款 项`) printed before the header it sits
/// under (` 项目 收入预算` / `功能分类科目编码 …`, repeated on a page the
/// table runs on to) goes down to the rows it heads.
fn code_headings_over_rows(lines: &mut [(Line, u32)]) {
    let mut i = 0;
    while i < lines.len() {
        if code_heading(&lines[i].0.text) {
            let j = (i + 1..lines.len()).find(|&k| !merged(&lines[k].0.text)).unwrap_or(lines.len());
            if j > i + 1 && j < lines.len() && row_line(&lines[j].0.text) {
                lines[i].1 = lines[j].1;
                lines[i..j].rotate_left(1);
                i = j;
            }
        }
        i += 1;
    }
}

/// A title printed after its page's rows: the line before it (past the
/// headings printed with it) is a row or a total's amounts, and the
/// caption (`编制单位：某院`) follows among its headings, before any row,
/// unit line or text: after a heading, or with no unit.
fn printed_after_rows(lines: &[(Line, u32)], t: usize) -> bool {
    let (start, end) = merged_block(lines, t);
    let before = start.checked_sub(1).map(|k| lines[k].0.text.as_str());
    let after_rows = before.is_some_and(|l| {
        l.split_whitespace().next().is_some_and(crate::lex::code) || (total_line(l) && l.contains([',', '.']))
    });
    let after: Vec<&str> = lines[t + 1..end].iter().map(|(l, _)| l.text.as_str()).collect();
    // A caption right after the title with its unit is a title-first
    // table's (`编制单位：某院 单位：元` over the header).
    let captioned = after.iter().position(|l| caption(l)).is_some_and(|at| at > 0 || unit_of_line(after[0]).is_none());
    after_rows && captioned
}

/// The lines printed with a title among a page's merged cells: the
/// headings and caption right before it and after it, up to a row, the
/// code heading of the next page's rows (`类 款 项`), another title or text.
fn merged_block(lines: &[(Line, u32)], t: usize) -> (usize, usize) {
    let mut start = t;
    while start > 0 && merged(&lines[start - 1].0.text) {
        start -= 1;
    }
    // The next table's label (`单位预算11表`) ends them; one right before
    // the title is its own (`单位预算表10`).
    let mut end = t + 1;
    while end < lines.len() && merged(&lines[end].0.text) && table_label(&lines[end].0.text).is_none() {
        end += 1;
    }
    (start, end)
}

/// Where the rows printed before a title's merged cells (`start`) begin:
/// after the last total, title, caption or text, and not before `floor`
/// (the end of the last title's merged cells). The line right before the
/// title may be the table's own total.
fn rows_start(lines: &[(Line, u32)], floor: usize, start: usize) -> usize {
    let mut from = start;
    while from > floor {
        let t = lines[from - 1].0.text.trim();
        let stop = parse_title(t).is_some()
            || table_label(t).is_some()
            || caption(t)
            || prose(t)
            || (from < start && total_line(t))
            || t.starts_with("合计")
            || t.starts_with("总计");
        if stop {
            break;
        }
        from -= 1;
    }
    from
}

/// A heading or caption line printed among a page's merged cells: no
/// amount, no code, no text (`项目 收入预算`, ` 合计`, `编制单位：某院`,
/// ` 单位：元`); not a title.
fn heading(text: &str) -> bool {
    let t = text.trim();
    // A label (`单位预算表10`) is a heading, its number no amount.
    let label = table_label(t).is_some();
    !t.is_empty()
        && (label || !row_line(t))
        && !prose(t)
        && parse_title(t).is_none()
        && crate::lex::split_ordinal(t).0.is_empty()
}

/// A heading printed among the merged cells: not the code heading or the
/// unit line a page's plain cells open with.
fn merged(text: &str) -> bool {
    heading(text) && !code_heading(text) && (caption(text) || unit_of_line(text).is_none())
}

/// The code heading a page's rows open with: `类 款 项`, `类 款`, `类`.
fn code_heading(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    !words.is_empty() && words.len() <= 3 && words.iter().zip(["类", "款", "项"]).all(|(w, c)| *w == c)
}

/// The table's caption: `编制单位：某院` (with its unit, or the code heading
/// run in: `编制单位：某院类 款 项`).
pub(crate) fn caption(text: &str) -> bool {
    let t = text.trim_start();
    t.starts_with("编制单位") || t.starts_with("单位名称")
}

/// A total printed without its label before it: amounts only, or with
/// the label run in after them (`128138,600 120258,600 7880,000合计`).
fn total_line(text: &str) -> bool {
    let t = text.trim();
    let bare = t.strip_suffix("合计").or_else(|| t.strip_suffix("总计")).unwrap_or(t);
    let words: Vec<&str> = bare.split_whitespace().collect();
    !words.is_empty() && words.iter().all(|w| crate::lex::amount(w).is_some() || run_together(w))
}

/// Amounts run together in one piece (`70,716,06466,716,064`): digits and
/// separators only.
fn run_together(word: &str) -> bool {
    word.chars().any(|c| c.is_ascii_digit()) && word.chars().all(|c| c.is_ascii_digit() || c == ',' || c == '.')
}

/// The total's label printed after its amounts goes first, as the readers
/// take a row (`128138,600 120258,600 7880,000合计` is `合计 128138,600
/// 120258,600 7880,000`); a unit line run in after it (`… 4,000,000合计
/// 单位：元`) is a line of its own.
fn total_label_first(line: &Line) -> Vec<Line> {
    let text = line.text.trim();
    let (body, unit) = match text.find("单位") {
        Some(at) if at > 0 && unit_of_line(&text[at..]).is_some() => (text[..at].trim(), Some(&text[at..])),
        _ => (text, None),
    };
    let Some((amounts, label)) =
        body.strip_suffix("合计").map(|a| (a, "合计")).or_else(|| body.strip_suffix("总计").map(|a| (a, "总计")))
    else {
        return vec![line.clone()];
    };
    if amounts.trim().is_empty() || !total_line(amounts) {
        return vec![line.clone()];
    }
    let mut out = vec![Line { text: format!("{label} {}", amounts.trim()), ..line.clone() }];
    out.extend(unit.map(|u| Line::text(u.trim())));
    out
}

/// Text, not a heading: a sentence (a line with a full stop or comma) or
/// the heading of one (`其他相关情况说明`).
fn prose(text: &str) -> bool {
    text.contains(['。', '，', '；']) || text.contains("说明")
}

/// A line of a table's rows: it opens with a code (`221 02 01 住房公积金 …`)
/// or holds an amount (`128138,600 120258,600 7880,000合计`, `84.00 30.00`).
fn row_line(text: &str) -> bool {
    let mut words = text.split_whitespace();
    words.next().is_some_and(crate::lex::code)
        || text.split_whitespace().any(|w| {
            let w = w.trim_end_matches(|c: char| !c.is_ascii_digit()).trim_start_matches(|c: char| !c.is_ascii_digit());
            !w.is_empty() && (crate::lex::amount(w).is_some() || run_together(w))
        })
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
            // `…支出表` / `(分单位)…`: the qualifier belongs to the first;
            // `预算表` / `12 项目支出绩效目标表`: the number, to the label.
            let labelled = b.split_whitespace().next().is_some_and(|w| table_label(&format!("{a}{w}")).is_some());
            if b.trim_start().starts_with(['(', '（']) || labelled {
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
    fn a_total_label_drawn_with_the_header_goes_to_the_amounts_after_the_rows() {
        let table = |total: &str| {
            page(
                1,
                &[
                    "2026年预算单位支出预算总表",
                    "项目 支出预算",
                    "功能分类科目编码",
                    " 合计",
                    "功能分类科目名称 合计 基本支出 项目支出",
                    "类 款 项",
                    "208 社会保障和就业支出 1,300 1,300",
                    "210 卫生健康支出 600 600",
                    total,
                    "其他相关情况说明",
                ],
            )
        };
        let moved = titles_before_bodies(&[table("1,900 1,900")]).expect("moved");
        let want = ["功能分类科目编码", "功能分类科目名称 合计 基本支出 项目支出"];
        assert_eq!(texts(&moved)[2..4], want);
        assert_eq!(texts(&moved)[7], "合计 1,900 1,900");
        // A total row printed with its label keeps it; the header is left as it is.
        assert!(titles_before_bodies(&[table("合计 1,900 1,900")]).is_none());
        // After the last amounts, the next table's head printed before its
        // title (an empty table's: its header and its total's label) is not
        // this table's total label.
        let mut lines = texts(&[table("1,900 1,900")]);
        lines.pop();
        lines.extend(
            [
                "单位：元",
                "类 功能分类科目名称 合计 基本支出 项目支出",
                "合计",
                "2026年预算单位政府性基金预算支出功能分类预算表",
            ]
            .map(String::from),
        );
        let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
        let moved = titles_before_bodies(&[page(1, &lines)]).expect("moved");
        assert_eq!(texts(&moved)[7], "合计 1,900 1,900");
        // A `合计` ending a wrapped column name, the header naming no total
        // column apart: the one row of amounts keeps no label.
        let three = page(
            1,
            &["七、一般公共预算“三公”经费支出表", "单位：万元", "“三公”经费", "合计", "因公出国", "8.95 0.00 8.95"],
        );
        assert!(titles_before_bodies(&[three]).is_none());
    }

    #[test]
    fn a_line_with_two_titles_is_two_lines() {
        assert_eq!(
            two_titles("附表5-2 一般公共预算支出表(分单位)一般公共预算基本支出表"),
            Some(("附表5-2 一般公共预算支出表(分单位)", "一般公共预算基本支出表"))
        );
        assert_eq!(two_titles("附表5-2 一般公共预算支出表(分单位)"), None);
        // A label whose number follows its `表` is no title of its own.
        assert_eq!(two_titles(" 预算表12 项目支出绩效目标表"), None);
    }

    /// Three tables of a form printing each page's rows before its title,
    /// header and caption; the first runs on to a second page that repeats
    /// its header over its last row and the total, label last.
    fn rows_first_pages() -> Vec<Page> {
        vec![
            page(1, &["说明：本表为示例。"]),
            page(
                2,
                &[
                    "单位：元",
                    "类 款 项",
                    "208 社会保障和就业支出 1,300 1,300",
                    "2026年预算单位收入预算总表",
                    "项目 收入预算",
                    "功能分类科目编码 功能分类科目名称 合计 财政拨款收入",
                    "编制单位：某院",
                ],
            ),
            page(
                3,
                &[
                    "类 款 项",
                    "项目 收入预算",
                    "功能分类科目编码 功能分类科目名称 合计 财政拨款收入",
                    "221 住房保障支出 200 200",
                    "1,500 1,500合计",
                ],
            ),
            page(
                4,
                &[
                    "单位：元",
                    "类 款 项",
                    "208 社会保障和就业支出 1,500 1,000 500",
                    "1,500 1,000 500合计",
                    "2026年预算单位支出预算总表",
                    "项目 支出预算",
                    "功能分类科目编码 功能分类科目名称 合计 基本支出 项目支出",
                    "编制单位：某院 单位：元",
                ],
            ),
            page(
                5,
                &[
                    "类 款",
                    "301 工资福利支出 1,000 1,000",
                    "1,000 1,000合计",
                    "2026年预算单位一般公共预算基本支出部门预算经济分类预算表",
                    "项目 一般公共预算基本支出",
                    "经济分类科目编码 部门经济分类科目名称 合计 人员经费 公用经费",
                    "编制单位：某院",
                ],
            ),
        ]
    }

    #[test]
    fn rows_printed_before_their_title_follow_it() {
        let moved = titles_before_bodies(&rows_first_pages()).expect("moved");
        assert_eq!(
            texts(&moved),
            [
                "说明：本表为示例。",
                "2026年预算单位收入预算总表",
                "编制单位：某院",
                "单位：元",
                "项目 收入预算",
                "功能分类科目编码 功能分类科目名称 合计 财政拨款收入",
                "类 款 项",
                "208 社会保障和就业支出 1,300 1,300",
                "项目 收入预算",
                "功能分类科目编码 功能分类科目名称 合计 财政拨款收入",
                "类 款 项",
                "221 住房保障支出 200 200",
                "合计 1,500 1,500",
                "2026年预算单位支出预算总表",
                "编制单位：某院",
                "单位：元",
                "项目 支出预算",
                "功能分类科目编码 功能分类科目名称 合计 基本支出 项目支出",
                "类 款 项",
                "208 社会保障和就业支出 1,500 1,000 500",
                "合计 1,500 1,000 500",
                "2026年预算单位一般公共预算基本支出部门预算经济分类预算表",
                "编制单位：某院",
                "单位：元",
                "项目 一般公共预算基本支出",
                "经济分类科目编码 部门经济分类科目名称 合计 人员经费 公用经费",
                "类 款",
                "301 工资福利支出 1,000 1,000",
                "合计 1,000 1,000",
            ]
        );
    }

    #[test]
    fn a_unit_run_into_a_caption_or_a_total_opens_a_line() {
        let mut lines: Vec<(Line, u32)> = [
            "编制单位：某院 单位：元",
            "70,716,06466,716,064 4,000,000合计 单位：元",
            "206 科学技术支出 69,733,764 23,165,764",
            "单位名称：某院",
            "预算单位：某院",
        ]
        .iter()
        .map(|t| (Line::text(*t), 1))
        .collect();
        split_captions(&mut lines);
        let texts: Vec<&str> = lines.iter().map(|(l, _)| l.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "编制单位：某院",
                "单位：元",
                "70,716,06466,716,064 4,000,000合计",
                "单位：元",
                "206 科学技术支出 69,733,764 23,165,764",
                "单位名称：某院",
                "预算单位：某院",
            ]
        );
    }

    /// A project form's first page, printed before its title, after the
    /// last row of the 政府购买服务 listing: it goes after the form's first
    /// header line naming the levels (the next page's), read as that
    /// page's rows are; the listing keeps its rows. Where no page after
    /// prints that header and the first page does, the title goes up to
    /// the page instead; after a form's title, nothing moves.
    #[test]
    fn a_forms_first_page_printed_before_its_title_joins_the_form() {
        let listing =
            ["预算11表 财政拨款政府购买服务明细表", "01-公共服务 0106-生态保护和环境治理服务 监测服务 80.600000"];
        let first_page = [
            "财政资金 其他资金",
            "产出指标 数量指标 设备计量检定数量 ＝ 37 台",
            "一级指标 二级指标 三级指标绩效目标",
            "335.437700",
            "项目总额",
        ];
        let after = ["预算表12 项目支出绩效目标表", "项目名称", "11000021T00", "0000126362-"];
        let next_page = ["一级指标 二级指标 三级指标绩效目标项目总额 其中：", "产出指标 时效指标 项目期限 ＝ 12 月"];
        let lines_of = |parts: &[&[&str]]| -> Vec<(Line, u32)> {
            parts.iter().flat_map(|p| p.iter()).map(|t| (Line::text(*t), 1)).collect()
        };
        let texts = |lines: &[(Line, u32)]| lines.iter().map(|(l, _)| l.text.clone()).collect::<Vec<String>>();
        let mut lines = lines_of(&[&listing, &first_page, &after, &next_page]);
        assert!(forms_first_pages_after_headers(&mut lines));
        let want = lines_of(&[&listing, &after, &next_page[..1], &first_page, &next_page[1..]]);
        assert_eq!(texts(&lines), texts(&want));
        // No header after the title: the title goes up to the page.
        let mut lines = lines_of(&[&listing, &first_page, &after, &next_page[1..]]);
        assert!(forms_first_pages_after_headers(&mut lines));
        let want = lines_of(&[&listing, &after[..1], &first_page, &after[1..], &next_page[1..]]);
        assert_eq!(texts(&lines), texts(&want));
        // After a form's title (its project codes read as rows), nothing moves.
        let form = ["预算表12 项目支出绩效目标表", "11000022T00", "0000422234-"];
        let mut lines = lines_of(&[&form, &first_page, &["预算13表 部门整体支出绩效目标表"], &next_page]);
        assert!(!forms_first_pages_after_headers(&mut lines));
    }

    /// A title printed after its rows with the next page's unit run into
    /// it (`2026年预算单位支出预算总表 单位：元`, the title naming a 单位 too)
    /// still moves up to its rows; the unit stays on a line of its own.
    #[test]
    fn a_title_with_the_next_pages_unit_run_in_moves_up_to_its_rows() {
        // The form told by three other titles.
        let mut pages = rows_first_pages();
        pages.push(page(
            6,
            &[
                "类 款 项",
                "201 一般公共服务支出 500 500",
                "500 500合计",
                "2026年预算单位财政拨款支出预算表",
                "项目 财政拨款支出",
                "功能分类科目编码 功能分类科目名称 合计 基本支出 项目支出",
                "编制单位：某院",
            ],
        ));
        let title = pages[3].lines.iter().position(|l| l.text == "2026年预算单位支出预算总表").expect("title");
        pages[3].lines[title].text = "2026年预算单位支出预算总表 单位：元".into();
        let moved = titles_before_bodies(&pages).expect("moved");
        let texts = texts(&moved);
        let at = |t: &str| texts.iter().position(|l| l == t).expect(t);
        assert!(at("2026年预算单位支出预算总表") < at("208 社会保障和就业支出 1,500 1,000 500"), "{texts:?}");
        assert!(!texts.iter().any(|l| l.ends_with("表 单位：元")), "{texts:?}");
    }

    /// The same form with each table's label: at the head of its page
    /// (`单位预算02表`) or printed after the rows, right before the title
    /// (`单位预算表03`). A label is a heading, its number no amount: it
    /// moves with its own title, and the next table's label ends the
    /// headings printed with a title.
    #[test]
    fn labels_of_rows_first_tables_stay_with_their_own_titles() {
        let mut pages = rows_first_pages();
        pages[1].lines.insert(0, Line::text("单位预算01表"));
        pages[3].lines.insert(0, Line::text("单位预算02表"));
        pages[4].lines.insert(3, Line::text("单位预算表03"));
        pages[4].lines.push(Line::text("单位预算04表"));
        let moved = titles_before_bodies(&pages).expect("moved");
        let texts = texts(&moved);
        let at = |t: &str| texts.iter().position(|l| l == t).expect(t);
        // Each title opens its rows; each label stays in its table's block.
        let titles = [
            "2026年预算单位收入预算总表",
            "2026年预算单位支出预算总表",
            "2026年预算单位一般公共预算基本支出部门预算经济分类预算表",
        ];
        let first_rows = [
            "208 社会保障和就业支出 1,300 1,300",
            "208 社会保障和就业支出 1,500 1,000 500",
            "301 工资福利支出 1,000 1,000",
        ];
        for (title, row) in titles.iter().zip(first_rows) {
            assert!(at(title) < at(row), "{title} after its rows: {texts:?}");
        }
        assert!(at("单位预算01表") < at(titles[0]));
        assert!(at(titles[0]) < at("单位预算02表") && at("单位预算02表") < at(titles[1]), "{texts:?}");
        assert!(at(titles[2]) < at("单位预算表03") && at("单位预算表03") < at(first_rows[2]), "{texts:?}");
        // The next table's label, printed after the last title's caption,
        // stays after that table's rows.
        assert_eq!(texts[texts.len() - 2..], ["合计 1,000 1,000", "单位预算04表"]);
    }

    #[test]
    fn titles_printed_before_their_tables_stay_where_rows_first_is_not_shown() {
        // Two titles only show the form: fewer than it takes.
        let pages: Vec<Page> = rows_first_pages().into_iter().take(4).collect();
        assert!(titles_before_bodies(&pages).is_none());
        // A title with its caption and unit first is printed before its table.
        let pages = [page(
            1,
            &[
                "2026年预算单位收入预算总表",
                "编制单位：某院 单位：元",
                "项目 收入预算",
                "类 款 项",
                "208 社会保障和就业支出 1,300 1,300",
                "2026年预算单位支出预算总表",
                "编制单位：某院 单位：元",
                "项目 支出预算",
                "208 社会保障和就业支出 1,300 1,300",
                "2026年预算单位财政拨款收支预算总表",
                "编制单位：某院 单位：元",
                "项目 预算数",
                "208 社会保障和就业支出 1,300 1,300",
                "2026年预算单位一般公共预算支出功能分类预算表",
                "编制单位：某院 单位：元",
            ],
        )];
        assert!(titles_before_bodies(&pages).is_none());
    }

    #[test]
    fn a_total_printed_label_last_reads_label_first() {
        let texts = |l: &str| total_label_first(&Line::text(l)).into_iter().map(|l| l.text).collect::<Vec<_>>();
        assert_eq!(texts("128138,600 120258,600 7880,000合计"), ["合计 128138,600 120258,600 7880,000"]);
        assert_eq!(
            texts("70,716,06466,716,064 4,000,000合计 单位：元"),
            ["合计 70,716,06466,716,064 4,000,000", "单位：元"]
        );
        assert_eq!(texts("208 社会保障和就业支出 1,300 1,300"), ["208 社会保障和就业支出 1,300 1,300"]);
        assert_eq!(texts("支出合计"), ["支出合计"]);
    }

    #[test]
    fn a_table_whose_unit_line_repeats_over_the_same_header_stays() {
        let pages = [
            page(1, &["三、部门支出总表", "单位：万元", "科目编码 科目名称 合计", "合计 5.00"]),
            page(2, &["单位：万元", "科目编码 科目名称 合计", "201 一般公共服务支出 5.00", "四、财政拨款收支总表"]),
        ];
        assert!(titles_before_bodies(&pages).is_none());
    }

    /// Four tables, each label, unit line, header and rows first, its title
    /// and the headings printed with it last; the third printed empty, the
    /// fourth's title on one line with the last one.
    #[test]
    fn labelled_bodies_take_the_titles_printed_after_them() {
        let pages = [page(
            1,
            &[
                "公开04表",
                "部门：某院 单位：万元",
                "项目名称 金额",
                "一、一般公共预算 5.00 一、基本支出 5.00",
                "项目名称 金额 支出用途",
                "财政拨款收支预算总表",
                "收入 支出",
                "公开05表",
                "部门：某院 单位：万元",
                "功能科目代码 功能科目名称 金额",
                "合计 5.00",
                "201 一般公共服务支出 5.00",
                "财政拨款支出预算表",
                "公开06表",
                "部门：某院 单位：万元",
                "功能科目代码 功能科目名称 金额",
                "合计",
                "注：本部门无该项目",
                "财政拨款政府性基金支出预算表",
                "公开07表",
                "部门：某院 单位：万元",
                "科目编码 科目名称 金额",
                "合计 5.00",
                "301 工资福利支出 5.00",
                "一般公共预算基本支出预算表公开08表",
                "部门：某院 单位：万元",
                "科目编码 科目名称 机关运行经费支出",
                "合计 1.00",
                "302 商品和服务支出 1.00",
                "一般公共预算机关运行经费支出预算表",
            ],
        )];
        let moved = texts(&titles_before_bodies(&pages).expect("moved"));
        let at = |line: &str| moved.iter().position(|l| l == line).unwrap_or_else(|| panic!("{line} in {moved:?}"));
        assert_eq!(
            moved[..5],
            ["公开04表", "财政拨款收支预算总表", "部门：某院 单位：万元", "收入 支出", "项目名称 金额"]
        );
        assert_eq!(at("财政拨款支出预算表"), at("公开05表") + 1);
        assert_eq!(at("财政拨款政府性基金支出预算表"), at("公开06表") + 1);
        assert_eq!(at("一般公共预算基本支出预算表"), at("公开07表") + 1);
        assert_eq!(at("一般公共预算机关运行经费支出预算表"), at("公开08表") + 1);
        assert_eq!(moved.len(), 31);
    }

    /// Titles printed first, each label after its title: the rows follow
    /// the last title, and nothing moves.
    #[test]
    fn titles_printed_before_their_labelled_bodies_stay() {
        let table = |title: &'static str, label: &'static str| {
            [title, label, "部门：某院 单位：万元", "科目编码 科目名称 金额", "合计 5.00", "201 一般公共服务支出 5.00"]
        };
        let lines: Vec<&str> = [
            table("财政拨款支出预算表", "公开05表"),
            table("一般公共预算支出预算表", "公开07表"),
            table("政府性基金预算支出表", "公开10表"),
            table("国有资本经营预算支出表", "公开11表"),
        ]
        .concat();
        assert!(titles_before_bodies(&[page(1, &lines)]).is_none());
    }

    #[test]
    fn a_spreadsheets_titles_move_up_to_the_pages_printed_before_them() {
        let lines = [
            "云湖区某局",
            // The first table's page, its title after its rows.
            "金额单位：万元",
            "项目 预算数 项目 预算数",
            "收入总计 100.00 支出总计 100.00",
            "预算01表 收支总表",
            // Its heading, then the next table's page: no unit line, the
            // header's leaves, the amounts, the merged cells, the title and
            // the unit printed with it.
            "收 入 支 出",
            "小计 一般公共预算资金",
            "100.00 100.00",
            "合计",
            "预算02表 收入总表",
            " 金额单位：万元",
            // The third table's first page, then its title and headings,
            // then the page it runs on to with the header again.
            "金额单位：万元",
            "合计 人员经费 公用经费",
            "50101-工资奖金津补贴 30101-基本工资 60.00 60.00",
            "预算03表 一般公共预算基本支出表",
            "政府支出经济分类科目 部门支出经济分类科目",
            " 合计 人员经费 公用经费",
            "政府支出经济分类科目 部门支出经济分类科目",
            "50201-办公经费 30201-办公费 40.00 40.00",
            "合    计 100.00 60.00 40.00",
            // A table printed empty: its header and total's label are
            // plain cells, its function heading merged.
            "金额单位：万元",
            "科目编码 科目名称 合计",
            "合    计",
            "预算04表 政府性基金预算支出表",
            "功能分类科目 预算数",
        ];
        let moved = titles_before_bodies(&[page(1, &lines)]).expect("moved");
        let want = [
            "云湖区某局",
            "预算01表 收支总表",
            "金额单位：万元",
            "项目 预算数 项目 预算数",
            "收入总计 100.00 支出总计 100.00",
            "预算02表 收入总表",
            " 金额单位：万元",
            "合计",
            "收 入 支 出",
            "小计 一般公共预算资金",
            "100.00 100.00",
            "预算03表 一般公共预算基本支出表",
            "金额单位：万元",
            "合计 人员经费 公用经费",
            "政府支出经济分类科目 部门支出经济分类科目",
            "50101-工资奖金津补贴 30101-基本工资 60.00 60.00",
            "50201-办公经费 30201-办公费 40.00 40.00",
            "合    计 100.00 60.00 40.00",
            "预算04表 政府性基金预算支出表",
            "金额单位：万元",
            "科目编码 科目名称 合计",
            "合    计",
            "功能分类科目 预算数",
        ];
        assert_eq!(texts(&moved), want);
    }

    #[test]
    fn a_table_in_the_text_before_the_first_title_moves_no_title() {
        // Title-first tables after a statement that prints a small table:
        // rows under a unit line before the first title, but no later
        // table's page opens before its title.
        let lines = [
            "一、收支预算情况",
            "单位：万元",
            "项目 2025年 2026年",
            "收入 90.00 100.00",
            "预算01表 收支总表",
            "单位：万元",
            "项目 预算数 项目 预算数",
            "收入总计 100.00 支出总计 100.00",
            "预算02表 收入总表",
            "单位：万元",
            "合计 一般公共预算资金",
            "合计 100.00 100.00",
        ];
        assert!(titles_before_bodies(&[page(1, &lines)]).is_none());
    }
}
