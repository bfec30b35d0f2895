//! Tables printed without rules: columns from the alignment of the text.
//!
//! The rows that carry amounts (anchors) give the columns: their amount runs,
//! code runs and label runs, merged where they overlap horizontally, are the
//! columns, left to right. Header runs above the first anchor go to the
//! columns they stand over — a run over several columns is a group heading,
//! runs stacked close in the same columns are one wrapped heading — and each
//! column's path is its headings top to bottom. Lines without amounts between
//! anchors (a name wrapped above and below its amounts) join the nearest
//! anchor, but a line of labels far from every other line is a row of its
//! own, printing no amount. Continuation pages add their anchors under the
//! same columns.

use budget_model::{Line, Rect, Run};

use crate::front::{after_total_label, column_path, glued_amount, is_note, is_page_label, unit_line, Kind, Span};
use crate::lex::{code, unit_of_line};
use crate::norm::{join_wrapped, squeeze};
use crate::raw::{is_text_heading, RawColumn, RawRow, RawTable, Role};
use crate::title::Title;

/// One line of the table's region, with its page.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PlacedLine<'a> {
    pub line: &'a Line,
    pub page: u32,
}

/// What a run holds. Here positions, not token kinds, tell a code column
/// from an amount column (the header names it), so a code reads as the
/// amount its digits spell: only amounts and text are told apart.
fn kind_of(r: &Run) -> Kind {
    Kind::of(&r.text, false)
}

/// The line with each run of a label run into its amount
/// ([`glued_amount`]), or of an amount run into the next item
/// ([`amount_then_item`]), cut in two, each part as wide as its characters
/// (a CJK character counts one, a digit or separator a half).
pub(crate) fn unglued(l: &Line) -> Line {
    let mut runs = Vec::with_capacity(l.runs.len());
    let weight = |s: &str| s.chars().map(|c| if c.is_ascii() { 0.5 } else { 1.0 }).sum::<f32>();
    for r in &l.runs {
        let (first, second) = match (glued_amount(&r.text), amount_then_item(&r.text)) {
            (Some(parts), _) | (None, Some(parts)) => parts,
            (None, None) => {
                runs.push(r.clone());
                continue;
            }
        };
        let share = weight(first) / weight(&r.text).max(0.5);
        let cut = r.x0 + (r.x1 - r.x0) * share;
        runs.push(Run { text: first.to_string(), x0: r.x0, x1: cut });
        runs.push(Run { text: second.to_string(), x0: cut, x1: r.x1 });
    }
    let mut line =
        Line { text: String::new(), runs, top: l.top, bottom: l.bottom, after_blank: false, opens_right: false };
    // `合    计` letter-spaced on the total row is one label.
    let spaced = letter_spaced(&line);
    if spaced.iter().any(|r| after_total_label(&squeeze(&r.text)) == Some("") && r.text.chars().count() == 2) {
        line.runs = spaced;
    }
    line.text = line.runs.iter().map(|r| r.text.as_str()).collect::<Vec<_>>().join(" ");
    line
}

/// An amount run into the item printed after it, on the other side of a
/// two-sided table: `215,020,000一、其他支出` → (`215,020,000`, `一、其他支出`).
/// The amount has separators or decimals and the item opens with a list
/// ordinal, so that `2025年` or `1号楼` stay whole.
fn amount_then_item(text: &str) -> Option<(&str, &str)> {
    let end = text.find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))?;
    let (number, rest) = text.split_at(end);
    let formatted = number.contains(',') || number.contains('.');
    let item = !crate::lex::split_ordinal(rest).0.is_empty();
    (formatted && item && crate::lex::amount(number).is_some()).then_some((number, rest))
}

fn span_of(r: &Run) -> Span {
    Span::new(r.x0, r.x1)
}

/// Whether a line holds an amount.
fn has_amount(l: &Line) -> bool {
    l.runs.iter().any(|r| kind_of(r) == Kind::Amount)
}

/// A line that holds a row: it has an amount, or opens with a code or a
/// total label alone in its run.
fn is_anchor(l: &Line) -> bool {
    let first = l.runs.first().map(|r| squeeze(&r.text)).unwrap_or_default();
    has_amount(l) || code(&first) || after_total_label(&first) == Some("") || opens_with_ordinal(&first)
}

/// A label that opens with a list ordinal (`二、政府性基金预算拨款收入`,
/// `（三）…`, `1.…`) is a row of its own even with no amount beside it: a
/// blank item of a list, never the wrapped end of the row above.
fn opens_with_ordinal(text: &str) -> bool {
    let (ordinal, rest) = crate::lex::split_ordinal(text);
    !ordinal.is_empty() && !rest.is_empty()
}

/// The lines with each amount wrapped in its cell whole again. A column
/// too narrow for its amounts wraps them, the row's label on the line
/// between the two parts or beside one of them:
///
/// ```text
///                     168,845,    168,845,    152,661,
/// 合计                 0.00 …
///                     387.94      387.94      065.52
/// ```
///
/// A run that starts an amount but is none (`168,845,`, `16,184,3`, see
/// [`crate::seams::unfinished_amount`]) is joined to the first run under it
/// in its column, on one of the next two lines of its page, where the two
/// make an amount (`168,845,387.94`). The whole amount goes to the line
/// between the two when there is one, else to whichever of the two holds
/// other cells (the lower where both do), so that it stands beside its
/// row's label; a line left empty is dropped.
/// `None`, the lines left as they are, where no run starts an amount.
fn amounts_rejoined(lines: &[PlacedLine<'_>]) -> Option<Vec<(Line, u32)>> {
    let places = decimal_places(lines);
    let decimals = |t: &str| t.rsplit_once('.').map(|(_, d)| d.len());
    // An amount cut within its decimals (`1,266.4` / `3` where the table
    // prints two): the digits under it complete them.
    let short = |t: &str| crate::lex::amount(t).is_some() && decimals(t).zip(places).is_some_and(|(d, p)| d < p);
    let cut = |t: &str| crate::seams::unfinished_amount(t) || short(t);
    if !lines.iter().flat_map(|l| &l.line.runs).any(|r| cut(&r.text)) {
        return None;
    }
    let mut out: Vec<(Line, u32)> = lines.iter().map(|l| (l.line.clone(), l.page)).collect();
    let overlaps = |a: &Run, b: &Run| a.x0.max(b.x0) < a.x1.min(b.x1);
    let completes = |upper: &str, lower: &str| {
        if short(upper) {
            let bare = !lower.is_empty() && lower.bytes().all(|b| b.is_ascii_digit());
            bare && decimals(upper).zip(places).is_some_and(|(d, p)| d + lower.len() == p)
        } else {
            crate::lex::amount(&format!("{upper}{lower}")).is_some()
        }
    };
    let mut i = 0;
    while i < out.len() {
        let mut k = 0;
        while k < out[i].0.runs.len() {
            let upper = out[i].0.runs[k].clone();
            if !cut(&upper.text) {
                k += 1;
                continue;
            }
            let height = (out[i].0.bottom - out[i].0.top).max(1.0);
            // The first run under it in its column, on the next two lines.
            let under = (i + 1..out.len().min(i + 3))
                .take_while(|&j| out[j].1 == out[i].1 && out[j].0.top - out[i].0.bottom < height * 2.5)
                .find_map(|j| out[j].0.runs.iter().position(|r| overlaps(r, &upper)).map(|at| (j, at)));
            let below = under.filter(|&(j, at)| completes(&upper.text, &out[j].0.runs[at].text));
            let Some((j, at)) = below else {
                k += 1;
                continue;
            };
            let lower = out[j].0.runs.remove(at);
            out[i].0.runs.remove(k);
            let whole = Run {
                text: format!("{}{}", upper.text, lower.text),
                x0: upper.x0.min(lower.x0),
                x1: upper.x1.max(lower.x1),
            };
            let host = if j == i + 2 {
                i + 1
            } else if out[j].0.runs.is_empty() && !out[i].0.runs.is_empty() {
                i
            } else {
                j
            };
            let runs = &mut out[host].0.runs;
            let place = runs.iter().position(|r| r.x0 > whole.x0).unwrap_or(runs.len());
            runs.insert(place, whole);
        }
        i += 1;
    }
    for (l, _) in &mut out {
        l.text = l.runs.iter().map(|r| r.text.as_str()).collect::<Vec<_>>().join(" ");
    }
    out.retain(|(l, _)| !l.runs.is_empty());
    Some(out)
}

/// How many decimals the amounts of the lines print: the most that a fifth
/// of those with a point print at least (`848.06` among amounts cut within
/// their decimals, `1,266.4` / `3`: two).
fn decimal_places(lines: &[PlacedLine<'_>]) -> Option<usize> {
    let mut counts = [0usize; 7];
    for r in lines.iter().flat_map(|l| &l.line.runs) {
        if let Some((_, d)) = r.text.rsplit_once('.').filter(|_| crate::lex::amount(&r.text).is_some()) {
            counts[d.len().min(6)] += 1;
        }
    }
    let total: usize = counts.iter().sum();
    (1..counts.len()).rev().find(|&d| counts[d] > 0 && counts[d] * 5 >= total)
}

/// Rebuilds an unruled table from the positioned lines after its title;
/// `None` when the lines hold no rows with amounts.
pub(crate) fn table_from_layout(title: Title, lines: &[PlacedLine<'_>]) -> Option<RawTable> {
    let rejoined = amounts_rejoined(lines);
    let placed: Vec<PlacedLine<'_>> = match &rejoined {
        Some(owned) => owned.iter().map(|(line, page)| PlacedLine { line, page: *page }).collect(),
        None => lines.to_vec(),
    };
    let lines = &placed[..];
    let mut raw = RawTable::new(title);
    let unit = unit_line(lines.iter().map(|l| l.line.text.as_str()));
    raw.unit = unit.map(|(_, u)| u.to_string());
    let lines = &lines[unit.map_or(0, |(i, _)| i + 1)..];
    // A line of column names opening with a total's (`合计 基本支出 项目支出`
    // under `本年国有资本经营预算支出`) is the header's last line, not the
    // first row; in a table that prints no amount (`备注：本单位没有…`) no row
    // is left.
    // Such a line also shows that a total's label above it (`合计` printed
    // down the height of a three-line header) heads a column: the rows
    // start after the header's last line of names.
    let names_columns =
        |l: &Line| l.runs.len() >= 2 && l.runs.iter().all(|r| crate::header::in_lexicon(&squeeze(&r.text)));
    let first_amount = lines.iter().position(|l| has_amount(l.line)).unwrap_or(lines.len());
    let after_names = lines[..first_amount].iter().rposition(|l| names_columns(l.line)).map_or(0, |i| i + 1);
    let first_anchor =
        after_names + lines[after_names..].iter().position(|l| is_anchor(l.line) && !names_columns(l.line))?;
    let first_page = lines[first_anchor].page;
    let body: Vec<PlacedLine<'_>> = lines[first_anchor..].to_vec();
    let mut columns = columns_of(body.iter().filter(|l| l.page == first_page && is_anchor(l.line)).map(|l| l.line));
    if columns.len() < 2 {
        return None;
    }
    let header: Vec<&Line> = lines[..first_anchor]
        .iter()
        .filter(|l| l.page == first_page)
        .map(|l| l.line)
        .filter(|l| !is_note(&l.text))
        .collect();
    raw.header_boxes = header
        .iter()
        .filter(|l| unit_of_line(&l.text).is_none())
        .flat_map(|l| l.runs.iter().map(|r| (first_page, Rect::new(r.x0, l.top, r.x1, l.bottom))))
        .collect();
    add_blank_columns(&header, &mut columns);
    let spans: Vec<Span> = columns.iter().map(|c| c.1).collect();
    raw.columns =
        paths_by_alignment(&header, &spans).into_iter().map(|path| RawColumn { path, role: Role::Unknown }).collect();
    let mut pages: Vec<u32> = Vec::new();
    for page_lines in body.chunk_by(|a, b| a.page == b.page) {
        let page = page_lines[0].page;
        let rows = rows_of(page_lines, &columns, &mut raw);
        if !rows.is_empty() {
            pages.push(page);
        }
        raw.rows.extend(rows.into_iter().map(|(cells, boxes)| RawRow { cells, page, boxes }));
    }
    raw.pages = pages;
    Some(raw)
}

/// A column: its kind and extent.
type Column = (Kind, Span);

/// Columns from the runs of the anchor lines: runs of one kind (amount,
/// code, text) that overlap horizontally are one column.
fn columns_of<'a>(anchors: impl Iterator<Item = &'a Line>) -> Vec<Column> {
    let mut spans: Vec<Column> = Vec::new();
    for l in anchors {
        for r in &l.runs {
            spans.push((kind_of(r), span_of(r)));
        }
    }
    spans.sort_by(|a, b| a.1.x0.total_cmp(&b.1.x0));
    let mut columns: Vec<Column> = Vec::new();
    for (kind, s) in spans {
        match columns.iter_mut().find(|(k, c)| *k == kind && c.overlap(s) > 0.0) {
            Some((_, c)) => {
                c.x0 = c.x0.min(s.x0);
                c.x1 = c.x1.max(s.x1);
            }
            None => columns.push((kind, s)),
        }
    }
    // Growing columns can come to overlap one another; merge those of a kind.
    columns.sort_by(|a, b| a.1.x0.total_cmp(&b.1.x0));
    let mut merged: Vec<Column> = Vec::new();
    for (kind, s) in columns {
        match merged.last_mut() {
            Some((k, c)) if *k == kind && c.overlap(s) > 0.0 => c.x1 = c.x1.max(s.x1),
            _ => merged.push((kind, s)),
        }
    }
    merged
}

/// Each column's zone: from half-way to the column on its left to half-way
/// to the one on its right (headings are centred in the zone while amounts
/// are right-aligned in it).
fn zones(columns: &[Span]) -> Vec<Span> {
    (0..columns.len())
        .map(|c| Span {
            x0: if c == 0 { f32::NEG_INFINITY } else { (columns[c - 1].x1 + columns[c].x0) / 2.0 },
            x1: if c + 1 == columns.len() { f32::INFINITY } else { (columns[c].x1 + columns[c + 1].x0) / 2.0 },
        })
        .collect()
}

/// A header cell: a heading, its wrapped lines joined.
#[derive(Debug, Clone)]
struct HeaderCell {
    span: Span,
    top: f32,
    bottom: f32,
    texts: Vec<String>,
}

impl HeaderCell {
    fn center(&self) -> f32 {
        (self.top + self.bottom) / 2.0
    }

    fn text(&self) -> String {
        squeeze(&join_wrapped(self.texts.iter().map(String::as_str)))
    }
}

/// The header's cells: runs, with a run right below another and under it
/// (less than half a line between them) joined to it as a wrapped line.
fn header_cells(header: &[&Line]) -> Vec<HeaderCell> {
    let mut cells: Vec<HeaderCell> = Vec::new();
    for l in header {
        if unit_of_line(&l.text).is_some() {
            continue;
        }
        for r in &letter_spaced(l) {
            // `预算单位：长春市信访局` on a header line is a label of the page.
            if is_page_label(&r.text) {
                continue;
            }
            let span = span_of(r);
            let height = (l.bottom - l.top).max(1.0);
            // A group heading as narrow as the column it is centred over
            // (`本年拨款` over `政府性基` / `金预算`, between `一般公共` and
            // `国有资本`) heads it; its line is no part of it.
            let wrapped = cells.iter_mut().rev().find(|c| {
                let narrow = (c.span.x1 - c.span.x0).min(span.x1 - span.x0).max(1.0);
                let gap = l.top - c.bottom;
                let close = gap > -height * 0.5 && gap < height * 0.5 && c.span.overlap(span) >= 0.5 * narrow;
                close && !crate::header::group_over(&c.text(), &squeeze(&r.text))
            });
            match wrapped {
                Some(c) => {
                    c.texts.push(r.text.clone());
                    c.bottom = l.bottom;
                    c.span.x0 = c.span.x0.min(span.x0);
                    c.span.x1 = c.span.x1.max(span.x1);
                }
                None => cells.push(HeaderCell { span, top: l.top, bottom: l.bottom, texts: vec![r.text.clone()] }),
            }
        }
    }
    cells
}

/// The runs of a header line with a heading printed letter-spaced (`项   目`,
/// `收   入`) joined into one: single CJK characters less than three
/// characters' height apart, but for the 类, 款 and 项 over three code
/// columns.
fn letter_spaced(l: &Line) -> Vec<Run> {
    let height = (l.bottom - l.top).max(1.0);
    let single = |r: &Run| {
        let mut chars = r.text.trim().chars();
        matches!((chars.next(), chars.next()), (Some(c), None) if crate::norm::is_cjk(c))
    };
    // `类 款 项` head three code columns, one character each.
    let level = |t: &str| matches!(t.trim(), "类" | "款" | "项");
    let levels = |a: &Run, b: &Run| level(&a.text) && level(&b.text);
    let mut out: Vec<(Run, bool)> = Vec::new();
    for r in &l.runs {
        match out.last_mut() {
            Some((prev, true)) if single(r) && !levels(prev, r) && r.x0 - prev.x1 < 3.0 * height => {
                prev.text.push_str(r.text.trim());
                prev.x1 = r.x1;
            }
            _ => out.push((r.clone(), single(r))),
        }
    }
    out.into_iter().map(|(r, _)| r).collect()
}

/// The children of a group heading that reaches under none of them, printed
/// centred over the gap between two (nat_019 财政拨款收支总表: `财政拨款收入`
/// from x 129 to 199 over `项目` 103–126 and `预算数` 203–238, then
/// `财政拨款支出` over the expense side): on the next line below it, between
/// the headings of its own line to its left and right, the run of cells
/// whose extent is centred nearest to it. A child it takes is no longer
/// free for a heading of its line further away.
fn centred_children(cells: &[HeaderCell], g: usize, parent: &mut [Option<usize>]) {
    let same_line = |c: usize| c != g && (cells[c].top - cells[g].top).abs() < 1.5;
    let left = (0..cells.len()).filter(|&c| same_line(c) && cells[c].span.x1 <= cells[g].span.x0);
    let left = left.map(|c| cells[c].span.x1).fold(f32::NEG_INFINITY, f32::max);
    let right = (0..cells.len()).filter(|&c| same_line(c) && cells[c].span.x0 >= cells[g].span.x1);
    let right = right.map(|c| cells[c].span.x0).fold(f32::INFINITY, f32::min);
    let under =
        |c: usize| cells[c].top >= cells[g].bottom - 0.5 && cells[c].span.mid() > left && cells[c].span.mid() < right;
    let Some(child_top) = (0..cells.len()).filter(|&c| under(c)).map(|c| cells[c].top).min_by(f32::total_cmp) else {
        return;
    };
    let mut line: Vec<usize> =
        (0..cells.len()).filter(|&c| under(c) && (cells[c].top - child_top).abs() < 1.5).collect();
    line.sort_by(|&a, &b| cells[a].span.x0.total_cmp(&cells[b].span.x0));
    let centre = cells[g].span.mid();
    let mut best: Option<(f32, usize, usize)> = None;
    for i in 0..line.len() {
        for j in i..line.len() {
            let (x0, x1) = (cells[line[i]].span.x0, cells[line[j]].span.x1);
            let off = ((x0 + x1) / 2.0 - centre).abs();
            if x0 <= centre && centre <= x1 && best.is_none_or(|(b, _, _)| off < b) {
                best = Some((off, i, j));
            }
        }
    }
    if let Some((_, i, j)) = best {
        for &c in &line[i..=j] {
            let free = parent[c].is_none_or(|p| (cells[p].top - cells[g].top).abs() < 1.5);
            if free {
                parent[c] = Some(g);
            }
        }
    }
}

/// The parent of each header cell: a heading above it that stands over a
/// group of columns. A group heading is centred over its children and
/// narrower than them, so its children are found on the first line below it
/// that reaches under it, between the nearest headings to its left and right
/// that are not below it (cells of its own line, and cells spanning both
/// rows, centred above that line).
fn parents(cells: &[HeaderCell]) -> Vec<Option<usize>> {
    let mut parent: Vec<Option<usize>> = vec![None; cells.len()];
    let mut order: Vec<usize> = (0..cells.len()).collect();
    // Lower groups first, so that a cell gets its nearest group.
    order.sort_by(|&a, &b| cells[b].top.total_cmp(&cells[a].top));
    for g in order {
        let below: Vec<usize> = (0..cells.len())
            .filter(|&c| cells[c].top >= cells[g].bottom - 0.5 && cells[c].span.overlap(cells[g].span) > 0.0)
            .collect();
        let Some(child_top) = below.iter().map(|&c| cells[c].top).min_by(f32::total_cmp) else {
            centred_children(cells, g, &mut parent);
            continue;
        };
        // Headings that bound the group's children: on its line or spanning
        // it, not a group over it (`预算数` over both 基本支出 and 项目支出).
        let upper = |c: usize| c != g && cells[c].center() < child_top && cells[c].bottom > cells[g].top + 0.5;
        let left = (0..cells.len())
            .filter(|&c| upper(c) && cells[c].span.x1 <= cells[g].span.x0)
            .map(|c| cells[c].span.x1)
            .fold(f32::NEG_INFINITY, f32::max);
        let right = (0..cells.len())
            .filter(|&c| upper(c) && cells[c].span.x0 >= cells[g].span.x1)
            .map(|c| cells[c].span.x0)
            .fold(f32::INFINITY, f32::min);
        let child_bottom = below.iter().filter(|&&c| (cells[c].top - child_top).abs() < 1.5).map(|&c| cells[c].bottom);
        let child_bottom = child_bottom.fold(child_top, f32::max);
        for c in 0..cells.len() {
            // On the children's line, or across it: a child heading wrapped
            // over lines that starts a little higher (`事业单位经营` / `支出`
            // beside `上缴上级支出`).
            let on_child_line = (cells[c].top - child_top).abs() < 1.5
                || (!upper(c) && cells[c].top < child_bottom && cells[c].bottom > child_top + 0.5);
            let m = cells[c].span.mid();
            if !(on_child_line && m > left && m < right)
                || heads_labels(&cells[g].text()) && is_total_heading(&cells[c])
            {
                continue;
            }
            // A heading two groups of one line reach goes to the nearer
            // (`项目支出总数` between 基本支出 and 项目支出).
            let nearer = |p: usize| {
                (cells[p].top - cells[g].top).abs() < 1.5
                    && (cells[g].span.mid() - m).abs() < (cells[p].span.mid() - m).abs()
            };
            if parent[c].is_none_or(nearer) {
                parent[c] = Some(g);
            }
        }
    }
    balance_neighbours(cells, &mut parent);
    parent
}

/// Two groups side by side on one line share their children out so that
/// each is centred over its own. The nearer middle alone misplaces a child
/// when the groups differ in width: `其他收入`, the last of 本年收入's nine
/// columns, is nearer the middle of 上年结转结余 beside them. A child moves
/// only where both groups come nearer their children's middle by it: a
/// heading over wide text columns is not centred over their text.
fn balance_neighbours(cells: &[HeaderCell], parent: &mut [Option<usize>]) {
    let mut groups: Vec<usize> = (0..cells.len()).filter(|&g| parent.contains(&Some(g))).collect();
    groups.sort_by(|&a, &b| cells[a].span.x0.total_cmp(&cells[b].span.x0));
    for (i, &a) in groups.iter().enumerate() {
        let same_line = |g: usize| (cells[g].top - cells[a].top).abs() < 1.5;
        let Some(&b) = groups[i + 1..].iter().find(|&&g| same_line(g)) else { continue };
        let mut children: Vec<usize> =
            (0..cells.len()).filter(|&c| parent[c] == Some(a) || parent[c] == Some(b)).collect();
        children.sort_by(|&x, &y| cells[x].span.mid().total_cmp(&cells[y].span.mid()));
        let now = children.iter().take_while(|&&c| parent[c] == Some(a)).count();
        if now == 0 || now == children.len() || children[now..].iter().any(|&c| parent[c] != Some(b)) {
            continue;
        }
        let off = |g: usize, part: &[usize]| {
            let (x0, x1) = (cells[part[0]].span.x0, cells[part[part.len() - 1]].span.x1);
            ((x0 + x1) / 2.0 - cells[g].span.mid()).abs()
        };
        let offs = |k: usize| (off(a, &children[..k]), off(b, &children[k..]));
        let (a_now, b_now) = offs(now);
        let better = (1..children.len())
            .filter(|&k| k != now)
            .map(|k| (k, offs(k)))
            .filter(|&(_, (da, db))| da < a_now && db < b_now)
            .min_by(|x, y| (x.1 .0 + x.1 .1).total_cmp(&(y.1 .0 + y.1 .1)));
        if let Some((k, _)) = better {
            for (j, &c) in children.iter().enumerate() {
                parent[c] = Some(if j < k { a } else { b });
            }
        }
    }
}

/// A heading over the label columns (`功能分类科目`, `部门预算支出经济分类科目`):
/// it heads 科目编码 and 科目名称, never a total column printed beside them.
fn heads_labels(text: &str) -> bool {
    text.ends_with("科目") || text.ends_with("分类")
}

/// A heading `合计` or `总计`.
fn is_total_heading(cell: &HeaderCell) -> bool {
    after_total_label(&cell.text()) == Some("")
}

/// Columns no row fills: a heading of the lowest level (one that heads no
/// other) in the amount columns' region is one column. When the zone of an
/// amount column holds several such headings (`项目支出`, then
/// `事业单位经营支出`, `上缴上级支出` to the right of the last column with
/// figures), the one over its figures keeps it and each other one is a
/// column of its own, blank in every row. A heading of text (`项目单位`
/// between `项目名称` and `合计`, over a first page of unit rows that name no
/// unit) is a text column: the next page's projects print their units in it.
fn add_blank_columns(header: &[&Line], columns: &mut Vec<Column>) {
    let Some(first_amount) = columns.iter().position(|(k, _)| *k == Kind::Amount) else { return };
    let cells = header_cells(header);
    let parent = parents(&cells);
    let spans: Vec<Span> = columns.iter().map(|c| c.1).collect();
    let zones = zones(&spans);
    let mut added: Vec<Column> = Vec::new();
    for c in first_amount..columns.len() {
        if columns[c].0 != Kind::Amount {
            continue;
        }
        let z = zones[c];
        let in_zone = |h: usize| z.x0 <= cells[h].span.mid() && cells[h].span.mid() < z.x1;
        let leaves: Vec<usize> = (0..cells.len()).filter(|&h| !parent.contains(&Some(h)) && in_zone(h)).collect();
        let Some(&keep) = leaves.iter().min_by(|&&a, &&b| {
            let d = |h: usize| (cells[h].span.mid() - spans[c].mid()).abs();
            d(a).total_cmp(&d(b))
        }) else {
            continue;
        };
        for &h in &leaves {
            // A heading above the kept one's line is a group over the
            // columns (`预算数` over `公用经费`), whether or not its children
            // were found.
            if h != keep && cells[h].span.overlap(spans[c]) == 0.0 && cells[h].bottom > cells[keep].top {
                let kind = if is_text_heading(&cells[h].text()) { Kind::Text } else { Kind::Amount };
                added.push((kind, cells[h].span));
            }
        }
    }
    if !added.is_empty() {
        columns.extend(added);
        columns.sort_by(|a, b| a.1.x0.total_cmp(&b.1.x0));
    }
}

/// Each column's header path, from the header lines above the first row:
/// the lowest heading over the column (the header cell centred in its zone),
/// then its groups up to the top.
fn paths_by_alignment(header: &[&Line], columns: &[Span]) -> Vec<String> {
    let cells = header_cells(header);
    let parent = parents(&cells);
    let zones = zones(columns);
    (0..columns.len())
        .map(|c| {
            let z = &zones[c];
            let inside = |h: usize| z.x0 <= cells[h].span.mid() && cells[h].span.mid() < z.x1;
            let leaf = (0..cells.len()).filter(|&h| inside(h)).max_by(|&a, &b| cells[a].top.total_cmp(&cells[b].top));
            let mut parts: Vec<String> = Vec::new();
            let mut at = leaf;
            let mut guard = 0;
            while let Some(h) = at {
                parts.push(cells[h].text());
                at = parent[h];
                guard += 1;
                if guard > 8 {
                    break;
                }
            }
            // A heading printed over itself (`预算数` over `预算数`) once.
            parts.dedup();
            column_path(parts.iter().rev())
        })
        .collect()
}

/// The column a data run belongs to: among the columns of its kind (text
/// goes to text columns: a name wrapped onto a line of its own), the one
/// whose span holds its middle, or the nearest.
fn column_of(run: &Run, columns: &[Column]) -> usize {
    let kind = kind_of(run);
    let m = span_of(run).mid();
    let d = |c: &Span| {
        if m < c.x0 {
            c.x0 - m
        } else if m > c.x1 {
            m - c.x1
        } else {
            0.0
        }
    };
    let best = |same_kind: bool| {
        (0..columns.len())
            .filter(|&c| !same_kind || columns[c].0 == kind)
            .min_by(|&a, &b| d(&columns[a].1).total_cmp(&d(&columns[b].1)))
    };
    best(true).or_else(|| best(false)).unwrap_or(0)
}

/// The rows of one page: each anchor line with the lines that belong to it.
/// Each row's cell texts with the box of the runs each cell was read from.
type PlacedRow = (Vec<String>, Vec<Option<Rect>>);

fn rows_of(lines: &[PlacedLine<'_>], columns: &[Column], raw: &mut RawTable) -> Vec<PlacedRow> {
    let anchors: Vec<usize> = (0..lines.len()).filter(|&i| is_anchor(lines[i].line)).collect();
    let Some(&first) = anchors.first() else { return Vec::new() };
    let last = anchors[anchors.len() - 1];
    let spacing = typical_spacing(lines, &anchors);
    let mut members: Vec<Vec<&Line>> = anchors.iter().map(|&i| vec![lines[i].line]).collect();
    // A line of labels between two rows, more than a line's height away
    // from every other line, is a row of its own that prints no amount (a
    // project with nothing budgeted, zeros printed blank): the lines of a
    // wrapped name follow one another closely.
    let alone = |i: usize| {
        let l = lines[i].line;
        let height = (l.bottom - l.top).max(1.0);
        first < i
            && i < last
            && !is_note(&l.text)
            && lines
                .iter()
                .enumerate()
                .all(|(j, o)| j == i || o.line.top - l.bottom > height || l.top - o.line.bottom > height)
    };
    let mut lone_rows: Vec<(usize, Vec<&Line>)> = Vec::new();
    for (i, pl) in lines.iter().enumerate() {
        let l = pl.line;
        if anchors.contains(&i) {
            continue;
        }
        if alone(i) {
            lone_rows.push((i, vec![l]));
            continue;
        }
        if is_note(&l.text) {
            raw.note.get_or_insert_with(|| squeeze(&l.text));
            continue;
        }
        if i < first {
            continue; // a running head or a repeated header above the rows
        }
        let cy = (l.top + l.bottom) / 2.0;
        let nearest = (0..anchors.len()).min_by(|&a, &b| {
            let d = |k: usize| (mid(lines[anchors[k]].line) - cy).abs();
            d(a).total_cmp(&d(b))
        });
        if let Some(k) = nearest {
            if (mid(lines[anchors[k]].line) - cy).abs() <= spacing * 0.9 {
                members[k].push(l);
            }
        }
    }
    let mut rows: Vec<(usize, Vec<&Line>)> = anchors.into_iter().zip(members).chain(lone_rows).collect();
    rows.sort_by_key(|(i, _)| *i);
    rows.into_iter()
        .map(|(_, mut ls)| {
            ls.sort_by(|a, b| a.top.total_cmp(&b.top));
            let mut cells: Vec<Vec<&str>> = vec![Vec::new(); columns.len()];
            let mut boxes: Vec<Option<Rect>> = vec![None; columns.len()];
            for l in ls {
                for r in &l.runs {
                    let c = column_of(r, columns);
                    cells[c].push(&r.text);
                    let b = Rect::new(r.x0, l.top, r.x1, l.bottom);
                    boxes[c] = Some(boxes[c].map_or(b, |a| a.union(b)));
                }
            }
            (cells.into_iter().map(join_wrapped).collect(), boxes)
        })
        .collect()
}

fn mid(l: &Line) -> f32 {
    (l.top + l.bottom) / 2.0
}

/// The usual distance between consecutive rows.
fn typical_spacing(lines: &[PlacedLine<'_>], anchors: &[usize]) -> f32 {
    let mut gaps: Vec<f32> = anchors.windows(2).map(|w| mid(lines[w[1]].line) - mid(lines[w[0]].line)).collect();
    gaps.sort_by(f32::total_cmp);
    gaps.get(gaps.len() / 2).copied().unwrap_or_else(|| {
        let l = lines[anchors[0]].line;
        (l.bottom - l.top) * 2.0
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use budget_model::TableKey;

    /// The lines of consecutive pages, numbered from 1.
    fn on_pages<'l>(pages: &[&'l [Line]]) -> Vec<PlacedLine<'l>> {
        let numbered = pages.iter().zip(1..);
        numbered.flat_map(|(lines, page)| lines.iter().map(move |line| PlacedLine { line, page })).collect()
    }

    /// A line 8 high at `top`, its runs written `text@x0-x1` with spaces
    /// between them: `"科目编码@57-89 合计@256-272"` is two runs, 科目编码
    /// from x 57 to 89 and 合计 from 256 to 272. The line's text is the runs'
    /// texts joined by a space.
    fn line(top: f32, runs: &str) -> Line {
        let runs: Vec<Run> = runs.split_whitespace().map(run).collect();
        Line {
            text: runs.iter().map(|r| r.text.as_str()).collect::<Vec<_>>().join(" "),
            runs,
            top,
            bottom: top + 8.0,
            after_blank: false,
            opens_right: false,
        }
    }

    /// One run written `text@x0-x1`.
    fn run(written: &str) -> Run {
        let (text, xs) = written.rsplit_once('@').expect("a run written text@x0-x1");
        let (x0, x1) = xs.split_once('-').expect("a run written text@x0-x1");
        let x = |n: &str| n.parse::<f32>().expect("an x position");
        Run { text: text.into(), x0: x(x0), x1: x(x1) }
    }

    /// The header's last line naming columns from a total's on (`合计 基本支出
    /// 项目支出`, under a heading over them) is no row: a table that prints
    /// no amount, only its header and a note, gives no table by layout (the
    /// text reader then takes the header alone); a table with rows has it
    /// in its header.
    #[test]
    fn an_empty_table_s_column_names_are_no_row() {
        let title =
            || Title {
                no: "9".into(), text: "国有资本经营预算支出表".into(), key: TableKey::StateCapitalExpense
            };
        let header = [
            line(0.0, "单位：万元@500-550"),
            line(20.0, "本年国有资本经营预算支出@300-420"),
            line(27.5, "科目编码@57-89 科目名称@151-183"),
            line(35.0, "合计@260-280 基本支出@340-372 项目支出@440-472"),
        ];
        let note = line(50.0, "备注：本单位没有使用国有资本经营预算拨款安排的支出@57-300");
        let placed = |lines: &[Line]| -> Vec<Line> { lines.to_vec() };
        let empty: Vec<Line> = placed(&header).into_iter().chain([note]).collect();
        let lines: Vec<PlacedLine<'_>> = empty.iter().map(|l| PlacedLine { line: l, page: 1 }).collect();
        assert!(table_from_layout(title(), &lines).is_none());
        let total = line(50.0, "合计@159-175 12.00@262-280 0.00@354-372 12.00@454-472");
        let filled: Vec<Line> = placed(&header).into_iter().chain([total]).collect();
        let lines: Vec<PlacedLine<'_>> = filled.iter().map(|l| PlacedLine { line: l, page: 1 }).collect();
        let raw = table_from_layout(title(), &lines).expect("a table");
        let paths: Vec<&str> = raw.columns.iter().map(|c| c.path.as_str()).collect();
        assert_eq!(
            paths[1..],
            ["本年国有资本经营预算支出/合计", "本年国有资本经营预算支出/基本支出", "本年国有资本经营预算支出/项目支出"]
        );
        assert_eq!(raw.rows.len(), 1);
        assert_eq!(raw.rows[0].cells.last().map(String::as_str), Some("12.00"));
    }

    #[test]
    fn columns_and_a_two_row_header_come_from_alignment() {
        let lines = [
            line(0.0, "单位：万元@500-550"),
            line(20.0, "基本支出@378-410"),
            line(27.5, "科目编码@57-89 科目名称@151-183 合计@256-272 项目支出@506-538"),
            line(35.0, "小计@324-340 人员经费@381-413 公用经费@444-476"),
            line(
                50.0,
                "合计@159-175 2,693.16@265-296 1,371.64@333-364 1,078.40@396-426 293.24@465-489 1,321.52@521-551",
            ),
            line(60.0, "机关事业单位基本养老保险缴费支@106-226"),
            line(65.0, "2080505@44-75 94.83@276-296 94.83@344-364 94.83@407-426 0.00@473-489 0.00@536-551"),
            line(70.0, "出@106-114"),
        ];
        let placed: Vec<PlacedLine<'_>> = lines.iter().map(|l| PlacedLine { line: l, page: 1 }).collect();
        let title = Title {
            no: "5-1".into(),
            text: "一般公共预算支出表".into(),
            key: TableKey::GeneralBudgetExpenseByFunction,
        };
        let raw = table_from_layout(title, &placed).unwrap();
        let paths: Vec<&str> = raw.columns.iter().map(|c| c.path.as_str()).collect();
        assert_eq!(
            paths,
            ["科目编码", "科目名称", "合计", "基本支出/小计", "基本支出/人员经费", "基本支出/公用经费", "项目支出"]
        );
        assert_eq!(raw.rows.len(), 2);
        assert_eq!(raw.rows[1].cells[0], "2080505");
        assert_eq!(raw.rows[1].cells[1], "机关事业单位基本养老保险缴费支出");
        assert_eq!(raw.rows[1].cells[6], "0.00");
        assert_eq!(raw.unit.as_deref(), Some("万元"));
    }

    /// Amounts too wide for their columns wrap in their cells, above and
    /// below the row's label (`168,845,` / `合计` / `387.94`), or cut within
    /// their decimals (`1,266.4` / `3`): each is read whole, in its row.
    #[test]
    fn amounts_wrapped_in_their_cells_are_read_whole() {
        let lines = [
            line(0.0, "单位：元@500-550"),
            line(20.0, "单位名称@60-100 合计@200-230 一般公共预算@280-330 政府性基金预算@380-440"),
            line(40.0, "168,845,@200-232 152,661,@280-312 16,184,3@380-412"),
            line(48.0, "合计@60-80"),
            line(56.0, "387.94@200-224 065.52@280-304 22.42@380-400"),
            line(70.0, "1,266.4@200-228 1,266.4@380-408"),
            line(78.0, "云湖区教育局本级@60-130"),
            line(86.0, "3@224-228 3@404-408"),
            line(100.0, "云湖区第一中学@60-120 848.06@200-224 848.06@280-304 0.00@380-396"),
        ];
        let placed: Vec<PlacedLine<'_>> = lines.iter().map(|l| PlacedLine { line: l, page: 1 }).collect();
        let title = Title { no: "2".into(), text: "部门收入总表".into(), key: TableKey::IncomeSummary };
        let raw = table_from_layout(title, &placed).expect("a table");
        let cells: Vec<Vec<&str>> = raw.rows.iter().map(|r| r.cells.iter().map(String::as_str).collect()).collect();
        assert_eq!(
            cells,
            [
                ["合计", "168,845,387.94", "152,661,065.52", "16,184,322.42"],
                ["云湖区教育局本级", "1,266.43", "", "1,266.43"],
                ["云湖区第一中学", "848.06", "848.06", "0.00"],
            ]
        );
    }

    /// A group heading as narrow as the column it is centred over, its line
    /// close above the leaves' (`本年拨款` over `一般公共` `政府性基` `国有资本`,
    /// `项目名称` centred down the header's height beside them): the group of
    /// the three, not the first line of the middle one.
    #[test]
    fn a_narrow_group_heading_is_no_first_line_of_the_column_under_it() {
        let lines = [
            line(0.0, "单位：万元@500-550"),
            line(6.0, "本年拨款@302-332"),
            line(11.0, "项目名称@60-90"),
            line(17.0, "一般公共@266-296 政府性基@302-332 国有资本@338-368"),
            line(25.0, "预算@273-288 金预算@306-328 经营预算@338-368"),
            line(40.0, "合计@60-76 1421.64@268-297 932.68@309-333 0.00@354-369"),
        ];
        let placed: Vec<PlacedLine<'_>> = lines.iter().map(|l| PlacedLine { line: l, page: 1 }).collect();
        let title = Title { no: "10".into(), text: "项目支出情况表".into(), key: TableKey::ProjectExpense };
        let raw = table_from_layout(title, &placed).expect("a table");
        let paths: Vec<&str> = raw.columns.iter().map(|c| c.path.as_str()).collect();
        assert_eq!(
            paths,
            ["项目名称", "本年拨款/一般公共预算", "本年拨款/政府性基金预算", "本年拨款/国有资本经营预算"]
        );
    }

    /// 北京 支出总表: no row fills 事业单位经营支出 … 对附属单位补助支出, to the
    /// right of the last column with figures; each is a blank column.
    #[test]
    fn runs_glued_across_a_column_are_cut_apart() {
        let l = line(0.0, "云湖区人工影响天气服务保障中心4647811.85@100-300 215,020,000一、其他支出@400-520");
        let texts: Vec<String> = unglued(&l).runs.iter().map(|r| r.text.clone()).collect();
        assert_eq!(texts, ["云湖区人工影响天气服务保障中心", "4647811.85", "215,020,000", "一、其他支出"]);
        for whole in ["2025年", "1号楼", "2,025年"] {
            assert_eq!(amount_then_item(whole), None, "{whole}");
        }
    }

    /// 北京 收入总表: `合计` printed down the height of a three-line header
    /// heads a column, and the rows start after the header's last line of
    /// names; 其他收入, the last of 本年收入's nine columns, is 本年收入's,
    /// though nearer the middle of the narrower 上年结转结余.
    #[test]
    fn a_total_heading_beside_the_header_is_no_row() {
        let lines = [
            line(0.0, "本年收入@421-459 上年结转结余@912-968"),
            line(15.8, "合计@85-104"),
            line(
                21.3,
                "一般公共预算资@204-269 政府性基金预@275-331 国有资本经营@337-393 财政专户管理@399-455 \
                 事业单位经营@514-570 附属单位上缴@638-694 一般公共预算@821-876 政府性基金预@885-940 \
                 国有资本经营@947-1003 财政专户管理@1009-1065",
            ),
            line(
                27.0,
                "小计@156-175 事业收入@466-503 上级补助收入@576-632 其他收入@705-742 小计@774-792 单位资金@1081-1118",
            ),
            line(
                32.7,
                "金@232-241 算资金@289-317 预算资金@347-384 资金@418-437 收入@533-551 收入@657-676 资金@839-858 \
                 算资金@899-927 预算资金@956-994 资金@1028-1047",
            ),
            line(
                51.0,
                "590,242.670510@68-126 565,861.946064@139-197 565,801.487564@210-269 9.000000@475-508 \
                 51.458500@709-747 24,380.724446@758-812 22,667.878179@824-878 1,712.846267@1077-1128",
            ),
        ];
        let placed: Vec<PlacedLine<'_>> = lines.iter().map(|l| PlacedLine { line: l, page: 2 }).collect();
        let title = Title { no: "02".into(), text: "收入总表".into(), key: TableKey::IncomeSummary };
        let raw = table_from_layout(title, &placed).expect("a table");
        let paths: Vec<&str> = raw.columns.iter().map(|c| c.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "合计",
                "本年收入/小计",
                "本年收入/一般公共预算资金",
                "本年收入/政府性基金预算资金",
                "本年收入/国有资本经营预算资金",
                "本年收入/财政专户管理资金",
                "本年收入/事业收入",
                "本年收入/事业单位经营收入",
                "本年收入/上级补助收入",
                "本年收入/附属单位上缴收入",
                "本年收入/其他收入",
                "上年结转结余/小计",
                "上年结转结余/一般公共预算资金",
                "上年结转结余/政府性基金预算资金",
                "上年结转结余/国有资本经营预算资金",
                "上年结转结余/财政专户管理资金",
                "上年结转结余/单位资金",
            ]
        );
        assert_eq!(raw.rows.len(), 1);
        let cells: Vec<&str> = raw.rows[0].cells.iter().map(String::as_str).collect();
        assert_eq!(
            cells,
            [
                "590,242.670510",
                "565,861.946064",
                "565,801.487564",
                "",
                "",
                "",
                "9.000000",
                "",
                "",
                "",
                "51.458500",
                "24,380.724446",
                "22,667.878179",
                "",
                "",
                "",
                "1,712.846267"
            ]
        );
    }

    #[test]
    fn headings_over_no_figures_are_blank_columns() {
        let lines = [
            line(0.0, "其中@953-973"),
            line(17.0, "科目名称@170-251 合计@663-683 基本支出@727-767 项目支出@802-842"),
            line(23.0, "事业单位经营@865-925 对附属单位补@1000-1060"),
            line(29.0, "上缴上级支出@933-993"),
            line(34.0, "支出@885-905 助支出@1015-1045"),
            line(55.0, "培训支出@127-236 103.575000@665-709 47.000000@741-781 56.575000@818-858"),
        ];
        let placed: Vec<PlacedLine<'_>> = lines.iter().map(|l| PlacedLine { line: l, page: 3 }).collect();
        let title = Title { no: "03".into(), text: "支出总表".into(), key: TableKey::ExpenseSummary };
        let raw = table_from_layout(title, &placed).expect("a table");
        let paths: Vec<&str> = raw.columns.iter().map(|c| c.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "科目名称",
                "合计",
                "基本支出",
                "项目支出",
                "其中/事业单位经营支出",
                "其中/上缴上级支出",
                "其中/对附属单位补助支出"
            ]
        );
        assert_eq!(raw.rows[0].cells, ["培训支出", "103.575000", "47.000000", "56.575000", "", "", ""]);
    }

    /// 北京 一般公共预算支出表 (nat_039 p. 8): `预算数` over both groups does
    /// not bound them but heads them, `项目支出总数` goes to the nearer group,
    /// and the 合计 beside the label columns is no part of `功能分类科目`.
    #[test]
    fn groups_take_their_own_headings() {
        let lines = [
            line(126.0, "功能分类科目@294-354 预算数@697-727"),
            line(149.2, "基本支出@647-687 项目支出@873-913"),
            line(166.4, "科目编码@219-259 科目名称@336-376 合计@476-496"),
            line(172.3, "扣除基建项目后预@898-978"),
            line(178.4, "小计@567-587 人员经费@647-687 公用经费@737-777 项目支出总数@817-878"),
            line(184.7, "算数@928-948"),
            line(204.5, "2050803@208-239 培训支出@273-309 103.57@484-529 47.00@579-619 47.00@760-800 56.57@850-890 56.57@940-980"),
            line(221.0, "2080501@208-239 行政单位离退休@273-336 155.21@484-529 155.21@579-619 118.21@647-687 37.00@760-800"),
        ];
        // Lines 10 high, as printed.
        let lines: Vec<Line> = lines.into_iter().map(|l| Line { bottom: l.top + 10.0, ..l }).collect();
        let placed: Vec<PlacedLine<'_>> = lines.iter().map(|l| PlacedLine { line: l, page: 8 }).collect();
        let title =
            Title {
                no: "05".into(), text: "一般公共预算支出表".into(), key: TableKey::GeneralBudgetExpenseByFunction
            };
        let raw = table_from_layout(title, &placed).expect("a table");
        let paths: Vec<&str> = raw.columns.iter().map(|c| c.path.as_str()).collect();
        assert_eq!(
            paths[2..],
            [
                "合计",
                "预算数/基本支出/小计",
                "预算数/基本支出/人员经费",
                "预算数/基本支出/公用经费",
                "预算数/项目支出/项目支出总数",
                "预算数/项目支出/扣除基建项目后预算数"
            ]
        );
    }

    #[test]
    fn a_lone_total_row_on_the_next_page_is_a_row_of_the_table() {
        let page1 = [
            line(20.0, "科目编码@40-72 科目名称@120-152 合计@260-276"),
            line(40.0, "201@40-52 一般公共服务支出@120-184 10.00@260-280"),
            line(50.0, "203@40-52 国防支出@120-152 5.00@264-280"),
        ];
        let page2 = [line(40.0, "合计@60-76 15.00@260-280")];
        let placed = on_pages(&[&page1, &page2]);
        let title = Title { no: "3".into(), text: "部门支出总表".into(), key: TableKey::ExpenseSummary };
        let raw = table_from_layout(title, &placed).expect("a table");
        let rows: Vec<&[String]> = raw.rows.iter().map(|r| r.cells.as_slice()).collect();
        assert_eq!(rows.len(), 3, "{rows:?}");
        assert_eq!(rows[2], ["", "合计", "15.00"]);
        assert_eq!(raw.pages, [1, 2]);
    }

    /// A project table without rules whose first page holds only the unit
    /// rows: `项目单位` heads no text there, yet is a text column, and the
    /// next page's units go to it, not into the projects' names. A project
    /// with nothing budgeted (zeros printed blank) prints its name and unit
    /// alone, half-way between two rows: a row of its own, not the wrapped
    /// end of the row above; a name wrapped onto a line right under its row
    /// stays that row's.
    #[test]
    fn a_unit_column_filled_on_the_next_page_and_a_blank_project_row() {
        let page1 = [
            line(20.0, "项目名称@76-106 项目单位@169-199 合计@237-252 一般公共预算@262-302"),
            line(40.0, "合计@84-99 30.00@240-261 30.00@276-297"),
            line(60.0, "云湖区教育局本级@44-104 30.00@240-261 30.00@276-297"),
        ];
        let page2 = [
            line(20.0, "校舍维修改造经费@44-104 云湖区教育局本级@143-203 10.00@240-261 10.00@276-297"),
            line(40.0, "食堂改造项目@44-96 云湖区教育局本级@143-203"),
            line(60.0, "政府工作报告起草及调研经@44-134 云湖区教育局本级@143-203 20.00@240-261 20.00@276-297"),
            line(68.5, "费@44-52"),
        ];
        let placed = on_pages(&[&page1, &page2]);
        let title = Title { no: "10".into(), text: "项目支出情况表".into(), key: TableKey::ProjectExpense };
        let raw = table_from_layout(title, &placed).expect("a table");
        let paths: Vec<&str> = raw.columns.iter().map(|c| c.path.as_str()).collect();
        assert_eq!(paths, ["项目名称", "项目单位", "合计", "一般公共预算"]);
        let rows: Vec<&[String]> = raw.rows.iter().map(|r| r.cells.as_slice()).collect();
        assert_eq!(
            rows,
            [
                ["合计", "", "30.00", "30.00"],
                ["云湖区教育局本级", "", "30.00", "30.00"],
                ["校舍维修改造经费", "云湖区教育局本级", "10.00", "10.00"],
                ["食堂改造项目", "云湖区教育局本级", "", ""],
                ["政府工作报告起草及调研经费", "云湖区教育局本级", "20.00", "20.00"],
            ]
        );
    }

    /// nat_019 财政拨款收支总表: `财政拨款收入` is centred over the gap
    /// between `项目` and `预算数`, reaching under neither; its columns are
    /// still its own, not `财政拨款支出`'s.
    #[test]
    fn a_side_heading_over_the_gap_between_its_columns() {
        let lines = [
            line(150.0, "财政拨款收入@129-199 财政拨款支出@489-560"),
            line(172.0, "项目@103-126 预算数@203-238 项目@323-347 合计@440-463 一般公共预算@514-584"),
            line(190.0, "一、一般公共预算@40-120 10.00@210-238 一、其他支出@300-360 10.00@440-463 10.00@550-584"),
            line(200.0, "收入总计@40-80 10.00@210-238 支出总计@300-340 10.00@440-463 10.00@550-584"),
        ];
        let placed: Vec<PlacedLine<'_>> = lines.iter().map(|l| PlacedLine { line: l, page: 10 }).collect();
        let title =
            Title {
                no: "4".into(), text: "财政拨款收支总表".into(), key: TableKey::FiscalIncomeExpenseSummary
            };
        let raw = table_from_layout(title, &placed).expect("a table");
        let paths: Vec<&str> = raw.columns.iter().map(|c| c.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "财政拨款收入/项目",
                "财政拨款收入/预算数",
                "财政拨款支出/项目",
                "财政拨款支出/合计",
                "财政拨款支出/一般公共预算"
            ]
        );
    }
}
