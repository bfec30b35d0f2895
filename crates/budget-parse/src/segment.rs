//! Walking a document: finding each table's title and the body that follows
//! it (ruled grids on PDF pages, lines of text otherwise), across pages.

use budget_model::{Finding, InventoryStatus, Line, Page, Table};

use crate::align_table::{table_from_layout, unglued, PlacedLine};
use crate::forms::{read_form, FormBody, FormsRead};
use crate::front::{broken_unit, is_note, says_empty, unit_line};
use crate::grid::{find_grids, Grid};
use crate::grid_table::{leading_captions, table_from_grids};
use crate::lex::unit_of_line;
use crate::norm::squeeze;
use crate::raw::{finish, RawTable};
use crate::text_table::{table_from_lines, BodyLine};
use crate::title::{parse_title, table_label, Title};

/// What the walk finds: the amount tables, and what the performance and
/// project forms (tables 11 and 12) hold.
#[derive(Debug, Default)]
pub(crate) struct Found {
    pub tables: Vec<Table>,
    pub forms: FormsRead,
    /// Every title that began a table or form, and what came of it.
    pub met: Vec<Met>,
    /// The tables the document's 目录 lists, each with the page of its line.
    pub contents: Vec<crate::inventory::Listed>,
    /// Tables read from text whose reading left findings, to be read again
    /// once the whole document is read.
    again: Vec<ReadAgain>,
}

/// A table read from lines of text, kept to be read again with the tables
/// printed after it: its place among the tables, its title and lines, and
/// the findings its first reading gave.
#[derive(Debug)]
struct ReadAgain {
    index: usize,
    /// The table came out of its first reading with no cell: the index of
    /// its title among [`Found::met`], to take the second reading's outcome.
    left_out: Option<usize>,
    title: Title,
    page: u32,
    lines: Vec<(Line, u32)>,
    findings: std::ops::Range<usize>,
}

/// A title the walk met in the body and what its table or form gave.
#[derive(Debug, Clone)]
pub(crate) struct Met {
    pub title: Title,
    /// The page the title is printed on.
    pub page: u32,
    pub outcome: InventoryStatus,
}

/// What a page is made of, top to bottom.
#[derive(Debug, Clone)]
enum Block<'a> {
    /// A line (on a PDF page, only its runs outside every grid).
    Line {
        line: Line,
        page: u32,
    },
    Grid(&'a Grid),
}

/// A title and everything printed after it up to the next title.
struct Pending<'a> {
    title: Title,
    /// The page of the title.
    page: u32,
    lines: Vec<(Line, u32)>,
    grids: Vec<&'a Grid>,
    /// Lines seen before the first grid (where the unit line is).
    lines_before_grid: usize,
}

/// Finds every table of the document.
pub(crate) fn tables(pages: &[Page], findings: &mut Vec<Finding>) -> Found {
    let listed = crate::inventory::contents(pages);
    let reordered = crate::text_order::titles_before_bodies(pages);
    let pages = reordered.as_deref().unwrap_or(pages);
    let grids: Vec<Vec<Grid>> =
        pages
            .iter()
            .map(|p| {
                if p.has_layout() {
                    find_grids(p).into_iter().filter(|g| !figures_only(g)).collect()
                } else {
                    Vec::new()
                }
            })
            .collect();
    let running = running_heads(pages);
    // The 目录's entry for a title (`附表2 部门收入总表`, `（二）收入总表`).
    let listed_entry = |title: &Title| {
        let name = crate::inventory::name(title);
        let listed_name = |l: &&crate::inventory::Listed| {
            let whole = crate::inventory::name(&l.title);
            crate::lex::split_ordinal(&whole).1.to_string()
        };
        listed
            .iter()
            .find(|l| l.title.key == title.key && (crate::inventory::name(&l.title) == name || listed_name(l) == name))
    };
    let mut out = Found::default();
    let mut pending: Option<Pending<'_>> = None;
    // A label line (`公开01表`, `附表2`) numbers the title next to it: its
    // number, page, and whether it is its page's last line.
    let mut label: Option<(String, u32, bool)> = None;
    // A numbered line that is not yet a title, in case the next completes it.
    let mut opened: Option<(String, u32)> = None;
    // The last line of text met, no title or label (a unit line printed
    // above the title it belongs to).
    let mut last: Option<(Line, u32)> = None;
    for (page, page_grids) in pages.iter().zip(&grids) {
        let page_blocks = blocks(page, page_grids);
        for (at, block) in page_blocks.iter().cloned().enumerate() {
            match block {
                Block::Line { line, page } => {
                    let text = line.text.clone();
                    // A title wrapped over two lines: `公开09表：一般公共预算“三公”经费、会议费、培训费`
                    // / `支出预算表`.
                    let wrapped = opened
                        .take()
                        .filter(|(_, at)| *at == page)
                        .and_then(|(first, _)| parse_title(&format!("{first}{text}")).map(|t| (t, first)));
                    opened = opens_title(&text).then(|| (text.clone(), page));
                    if let Some((title, first)) = wrapped {
                        if let Some(p) = pending.as_mut() {
                            if p.lines.last().is_some_and(|(l, _)| l.text == first) {
                                p.lines.pop();
                                p.lines_before_grid = p.lines_before_grid.min(p.lines.len());
                            }
                        }
                        begin(&mut pending, title, page, &mut out, findings);
                    } else if let Some(no) = table_label(&text) {
                        // A title right below numbers that title: the one
                        // above without a body is a heading (the cover's
                        // `…部门预算公开报表` / `公开表四` / `财政拨款收支预算总表`).
                        let title_next = matches!(page_blocks.get(at + 1), Some(Block::Line { line, .. }) if parse_title(&line.text).is_some());
                        match pending.as_mut() {
                            // Printed below or beside a title still without a body.
                            Some(p)
                                if p.title.no.is_empty() && p.lines.is_empty() && p.grids.is_empty() && !title_next =>
                            {
                                p.title.no = no
                            }
                            _ => label = Some((no, page, last_line(&page_blocks[at + 1..]))),
                        }
                    } else if is_part_heading(&text) {
                        close(pending.take(), &mut out, findings);
                    } else if let Some(mut title) = parse_title(&text) {
                        if let Some((no, at, page_end)) = label.take().filter(|_| title.no.is_empty()) {
                            let entry = listed_entry(&title);
                            let listed = entry.map(|l| l.title.no.clone()).filter(|n| !n.is_empty());
                            // The place the 目录 lists it at, where it gives
                            // no table number (`（一）收支总表`).
                            let place = entry.filter(|_| listed.is_none()).and_then(|l| l.ordinal);
                            if at == page {
                                // A label printed after the table it numbers
                                // (a spreadsheet export's, `附表1` after 部门收支总表's
                                // rows) is not the next title's: where the 目录
                                // numbers this title otherwise, its number is taken.
                                title.no = match listed {
                                    Some(listed) if !same_number(&listed, &no) => listed,
                                    _ => no,
                                };
                            } else if page_end
                                && at + 1 == page
                                && (listed.is_some_and(|l| same_number(&l, &no))
                                    || place.is_some_and(|p| crate::lex::cn_number(&no) == Some(p))
                                    || entry.is_none() && next_in_sequence(&out.met, pending.as_ref(), &no))
                            {
                                // A label that is its page's last line numbers
                                // the title opening the next (`表 1` / ` 收支总表`,
                                // the text breaking the page at the title's
                                // indent) where the 目录 gives the title that
                                // number, or lists it in that place, or, with
                                // no 目录 entry, where every title before is
                                // numbered by its place and the label gives
                                // this one its place: a label after its
                                // table's rows looks the same, and numbers
                                // the title after it one short.
                                title.no = no;
                            }
                        }
                        // Extracted text at times writes a page's heading
                        // before the page break: a title that is its page's
                        // last line heads the next page's body.
                        let seen_on = if last_line(&page_blocks[at + 1..]) { page + 1 } else { page };
                        let continues = pending.as_ref().is_some_and(|p| p.continues_on(&title, seen_on));
                        let before = match continues {
                            true => None,
                            false if unit_below(&page_blocks[at + 1..]) => None,
                            false => unit_above(pending.as_mut(), last.take(), &line),
                        };
                        if !continues {
                            begin(&mut pending, title, page, &mut out, findings);
                        }
                        if let (Some(unit), Some(p)) = (before, pending.as_mut()) {
                            p.lines.push(unit);
                            p.lines_before_grid = p.lines.len();
                        }
                        last = None;
                    } else if let Some((title, unit)) = line_title_with_unit(&line) {
                        begin(&mut pending, title, page, &mut out, findings);
                        if let Some(p) = pending.as_mut() {
                            p.lines.push((Line { text: unit, ..line }, page));
                            if p.grids.is_empty() {
                                p.lines_before_grid = p.lines.len();
                            }
                        }
                    } else if !running.is_empty() && running.contains(&squeeze(&text)) {
                        // The document's heading over every page: no row.
                    } else {
                        last = Some((line.clone(), page));
                        if let Some(p) = pending.as_mut() {
                            p.lines.push((line, page));
                            if p.grids.is_empty() {
                                p.lines_before_grid = p.lines.len();
                            }
                        }
                    }
                }
                Block::Grid(g) => {
                    // Spreadsheet exports print the title inside the frame.
                    if let Some(title) = title_in_captions(&leading_captions(g)) {
                        begin(&mut pending, title, g.page, &mut out, findings);
                    }
                    if let Some(p) = pending.as_mut() {
                        p.grids.push(g);
                    }
                }
            }
        }
    }
    close(pending.take(), &mut out, findings);
    read_again(&mut out, findings);
    out.contents = listed;
    out
}

/// Reads again, in order, each table of text whose first reading left
/// findings, now with the tables printed after it too (a 支出总表 settled
/// by the 基本支出表 printed later); its new findings replace the first
/// reading's. The readings go round while one changes a table, up to
/// [`MAX_READINGS`]: what one table's new reading settles may settle
/// another's rows in turn (一般公共预算支出表's rows placed by 支出总表's
/// second reading place the rest of 支出总表's on its third). A table whose
/// reading leaves no finding is not read again.
fn read_again(out: &mut Found, findings: &mut Vec<Finding>) {
    let again = std::mem::take(&mut out.again);
    // Each table's findings from its latest reading, and whether it is among
    // the tables (a table left out at first is once a reading rebuilds it).
    let mut latest: Vec<Option<Vec<Finding>>> = vec![None; again.len()];
    let mut present: Vec<bool> = again.iter().map(|a| a.left_out.is_none()).collect();
    // How many tables the readings have changed, and how many had changed
    // when each table was last read: a table is read again only after
    // another has changed since.
    let mut changes = 0;
    let mut read_at: Vec<Option<usize>> = vec![None; again.len()];
    for _ in 0..MAX_READINGS {
        let before = changes;
        for (k, a) in again.iter().enumerate() {
            if latest[k].as_ref().is_some_and(Vec::is_empty) || read_at[k] == Some(changes) {
                continue;
            }
            let p = Pending {
                title: a.title.clone(),
                page: a.page,
                lines_before_grid: a.lines.len(),
                lines: a.lines.clone(),
                grids: Vec::new(),
            };
            // Tables left out at first and rebuilt since, before this one.
            let inserted = (0..k).filter(|&j| again[j].left_out.is_some() && present[j]).count();
            let index = a.index + inserted;
            let (earlier, rest) = out.tables.split_at(index);
            let later = if present[k] { rest.get(1..).unwrap_or_default() } else { rest };
            let mut found = Vec::new();
            let table = close_table(&p, earlier, later, &mut found);
            read_at[k] = Some(changes);
            let Some(t) = table else { continue };
            latest[k] = Some(found);
            if present[k] && out.tables[index] == t {
                continue;
            }
            if let Some(m) = a.left_out {
                out.met[m].outcome = table_outcome(&t);
            }
            if present[k] {
                out.tables[index] = t;
            } else {
                out.tables.insert(index, t);
                present[k] = true;
            }
            changes += 1;
            read_at[k] = Some(changes);
        }
        if changes == before {
            break;
        }
    }
    for (a, found) in again.iter().zip(latest).rev() {
        if let Some(found) = found {
            findings.splice(a.findings.clone(), found);
        }
    }
}

/// The most readings of the tables read again ([`read_again`]).
const MAX_READINGS: usize = 4;

/// The unit line printed right above a title instead of below it (a table
/// label or a part heading between): templates that print the unit and the
/// department at the top right of the page come out as
/// ` 单位：万元单位名称：广州市交通运输局` / ` 表1` / `收支总体情况表`, the unit
/// first. Only for text input (lines without positions), and only where no
/// unit line follows the title ([`unit_below`]). A unit line right under the
/// previous title is that title's; one further down leaves the previous
/// table.
fn unit_above(pending: Option<&mut Pending<'_>>, last: Option<(Line, u32)>, title: &Line) -> Option<(Line, u32)> {
    if !title.runs.is_empty() {
        return None;
    }
    let unit = last.filter(|(l, _)| l.runs.is_empty() && unit_of_line(&l.text).is_some())?;
    let Some(p) = pending else { return Some(unit) };
    match p.lines.last() {
        Some((l, page)) if l.text == unit.0.text && *page == unit.1 => {
            if p.lines.len() == 1 || !p.grids.is_empty() {
                return None;
            }
            p.lines.pop();
            p.lines_before_grid = p.lines_before_grid.min(p.lines.len());
            Some(unit)
        }
        _ => Some(unit),
    }
}

/// Whether the page prints nothing after a line but `after`: blank lines.
/// The document's heading printed over its pages (`云湖区人民政府办公室2025年部门预算`
/// at the top of each page of a spreadsheet export), which extracted text
/// may leave among a table's rows: a line printed three times or more that
/// names the document, its year then the kind of document, and nothing else
/// (no amount, no other figure).
fn running_heads(pages: &[Page]) -> std::collections::HashSet<String> {
    let mut counts: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for l in pages.iter().flat_map(|p| &p.lines) {
        // Four digits and a 年 before the words, whatever the spaces.
        let digits = l.text.bytes().filter(u8::is_ascii_digit).count();
        if digits != 4 || !l.text.contains('年') {
            continue;
        }
        let text = squeeze(&l.text);
        if names_the_document(&text) {
            *counts.entry(text).or_default() += 1;
        }
    }
    counts.into_iter().filter(|(_, n)| *n >= 3).map(|(t, _)| t).collect()
}

/// `某某局2026年部门预算`, `某某局2025年度部门决算公开`: one year, after a
/// name, and the kind of document at the end.
pub(crate) fn names_the_document(text: &str) -> bool {
    let kinds = ["部门预算", "部门决算", "单位预算", "单位决算"];
    let rest = ["", "公开", "信息公开"];
    let ends = rest.iter().filter_map(|r| text.strip_suffix(r)).any(|head| kinds.iter().any(|k| head.ends_with(k)));
    let digits: Vec<usize> = text.char_indices().filter(|(_, c)| c.is_ascii_digit()).map(|(i, _)| i).collect();
    let one_year = digits.len() == 4 && digits.windows(2).all(|w| w[1] == w[0] + 1) && digits[0] > 0;
    let year_then = one_year && text[digits[3] + 1..].starts_with('年');
    ends && year_then
}

/// Whether two table numbers are one: `01` and `1`, `05-1` and `5-1`.
/// Whether `no` is the place of the title met next, after the titles met
/// and the one still pending, each of which carries its own place as its
/// number (`表一`, `表二`, … with no 目录 to confirm them).
fn next_in_sequence(met: &[Met], pending: Option<&Pending<'_>>, no: &str) -> bool {
    let before = met.iter().map(|m| &m.title).chain(pending.map(|p| &p.title));
    let numbered = before.enumerate().all(|(i, t)| crate::lex::cn_number(&t.no) == Some(i as u32 + 1));
    let place = met.len() + usize::from(pending.is_some()) + 1;
    numbered && crate::lex::cn_number(no) == Some(place as u32)
}

fn same_number(a: &str, b: &str) -> bool {
    let parts = |s: &str| s.split('-').map(|p| p.trim_start_matches('0').to_string()).collect::<Vec<_>>();
    parts(a) == parts(b)
}

fn last_line(after: &[Block<'_>]) -> bool {
    after.iter().all(|b| matches!(b, Block::Line { line, .. } if line.text.trim().is_empty()))
}

/// Whether a unit line follows a title among the next lines of its page
/// (a table label such as `表1` aside): the title has its own unit line, and
/// one above it is the table's before.
fn unit_below(after: &[Block<'_>]) -> bool {
    after
        .iter()
        .filter_map(|b| match b {
            Block::Line { line, .. } => Some(line),
            Block::Grid(_) => None,
        })
        .filter(|l| table_label(&l.text).is_none())
        .take(2)
        .any(|l| unit_of_line(&l.text).is_some())
}

/// A frame of one column whose cells hold mostly figures: the amount column
/// of an otherwise unruled table boxed on its own (北京 政府采购预算明细表:
/// `金额` over 477.727200, 33,656.215171, 34,133.942371, the 采购类别 beside
/// it unruled). It is no table: its text is read with the lines around it.
fn figures_only(g: &Grid) -> bool {
    if g.cols() != 1 {
        return false;
    }
    let texts: Vec<String> = (0..g.rows()).map(|r| squeeze(&g.region(r, 0).text)).filter(|t| !t.is_empty()).collect();
    let figures = texts.iter().filter(|t| crate::lex::amount(t).is_some()).count();
    figures * 2 > texts.len()
}

/// A title begins a table, unless it repeats the title of the table being
/// read on a later page: a continuation page prints the table's number,
/// title, unit line and header again (`表1` / `收支总表` / `部门名称：… 单位：万元`
/// on each of pp. 23–25), and it is still one table. The parsers of the body
/// skip what a page repeats above its rows.
fn begin(pending: &mut Option<Pending<'_>>, title: Title, page: u32, out: &mut Found, findings: &mut Vec<Finding>) {
    if pending.as_ref().is_some_and(|p| p.continues_on(&title, page)) {
        return;
    }
    close(pending.take(), out, findings);
    *pending = Some(Pending { title, page, lines: Vec::new(), grids: Vec::new(), lines_before_grid: 0 });
}

impl Pending<'_> {
    /// The last page that printed some of this table's body.
    fn last_page(&self) -> Option<u32> {
        let line = self.lines.last().map(|(_, page)| *page);
        let grid = self.grids.last().map(|g| g.page);
        line.max(grid)
    }

    /// True when `title`, met on `page`, is this table's title printed again
    /// on a following page: the same table, its number (when both print one)
    /// and its name (a `（续表）` or `续表` qualifier aside) the same. Where
    /// both print the same number, the title printed again is the next
    /// page's even when no page break was seen before it (a text whose
    /// pages run on with no mark: `预算11表 财政拨款政府购买服务明细表` over
    /// each page of the list).
    fn continues_on(&self, title: &Title, page: u32) -> bool {
        let Some(last) = self.last_page() else { return false };
        let numbered_alike = self.title.no.is_empty() || title.no.is_empty() || self.title.no == title.no;
        let same_number = !title.no.is_empty() && self.title.no == title.no;
        (page > last || page == last && same_number)
            && !self.title.key.is_form()
            && self.title.key == title.key
            && numbered_alike
            && base_name(&self.title.text) == base_name(&title.text)
    }
}

/// A title's name without its qualifiers: `部门支出总表（续表）` → `部门支出总表`,
/// `续表：部门支出总表` → `部门支出总表`.
fn base_name(text: &str) -> String {
    let t = squeeze(text);
    let t = t.trim_start_matches("续表").trim_start_matches([':', '：']);
    let t =
        t.strip_suffix("（续表）").or_else(|| t.strip_suffix("(续表)")).or_else(|| t.strip_suffix("续表")).unwrap_or(t);
    t.to_string()
}

/// The title among a grid's caption rows, numbered by a label caption.
fn title_in_captions(captions: &[String]) -> Option<Title> {
    let mut title = captions.iter().find_map(|c| parse_title(c))?;
    if title.no.is_empty() {
        if let Some(no) = captions.iter().find_map(|c| table_label(c)) {
            title.no = no;
        }
    }
    Some(title)
}

/// The first line of a title wrapped over two: a table number with words
/// after it (`公开09表：一般公共预算“三公”经费`), not a title by itself, and no
/// amount on it.
fn opens_title(text: &str) -> bool {
    let t = squeeze(text);
    let numbered = t.contains('表') && crate::lex::table_number(&t).is_some_and(|(_, rest)| !rest.is_empty());
    numbered && parse_title(&t).is_none() && !t.split_whitespace().any(|w| crate::lex::amount(w).is_some())
}

/// Text input: a title with its unit line printed right of it, which the
/// extracted text joins into one line (`收入支出决算总表 单位：万元`): the
/// title, and the unit line (`单位：万元`) that opens the body. PDF lines
/// keep their runs and are left to the layout.
fn line_title_with_unit(line: &Line) -> Option<(Title, String)> {
    if !line.runs.is_empty() {
        return None;
    }
    title_with_unit(&line.text)
}

/// `财政拨款收入支出决算总表 单位：万元` → the title and `单位：万元`; also
/// `金额单位：万元`, and a title naming a 单位 (`2026年预算单位财政拨款收支预算总表
/// 单位：元`: the last 单位 is the unit's). `None` unless the words before the
/// unit read as a title and the unit ends the line.
pub(crate) fn title_with_unit(text: &str) -> Option<(Title, String)> {
    let at = text.rfind("金额单位").or_else(|| text.rfind("单位"))?;
    let (head, unit) = (text[..at].trim_end(), text[at..].trim());
    let ends_with_unit = ["万元", "千元", "亿元", "元"].iter().any(|u| unit.ends_with(u));
    if head.is_empty() || !ends_with_unit || crate::lex::unit_of_line(unit).is_none() {
        return None;
    }
    parse_title(head).map(|t| (t, unit.to_string()))
}

/// `第二部分 …`: a part of the document begins; no table runs across it.
/// Parts are counted in Chinese numerals; `第66部分：水利施工企业》` is a
/// line of a cell quoting a standard.
fn is_part_heading(text: &str) -> bool {
    let t = squeeze(text);
    let Some(rest) = t.strip_prefix('第') else { return false };
    let numeral = rest.chars().take_while(|c| "一二三四五六七八九十".contains(*c)).count();
    numeral > 0 && rest.chars().skip(numeral).collect::<String>().starts_with("部分")
}

/// The page as blocks in reading order. On a PDF page, text inside a grid is
/// the grid's; the lines keep only the runs outside every grid.
fn blocks<'a>(page: &Page, grids: &'a [Grid]) -> Vec<Block<'a>> {
    let mut items: Vec<(f32, Block<'a>)> = Vec::new();
    for l in &page.lines {
        if l.runs.is_empty() {
            items.push((items.len() as f32, Block::Line { line: l.clone(), page: page.number }));
            continue;
        }
        let cy = (l.top + l.bottom) / 2.0;
        let runs: Vec<_> =
            l.runs.iter().filter(|r| !grids.iter().any(|g| g.contains((r.x0 + r.x1) / 2.0, cy))).cloned().collect();
        if !runs.is_empty() {
            let text = runs.iter().map(|r| r.text.as_str()).collect::<Vec<_>>().join(" ");
            items.push((
                l.top,
                Block::Line {
                    line: Line { text, runs, top: l.top, bottom: l.bottom, after_blank: false, opens_right: false },
                    page: page.number,
                },
            ));
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

/// Ends the pending table or form: rebuilds it, and records what came of
/// its title.
fn close(pending: Option<Pending<'_>>, out: &mut Found, findings: &mut Vec<Finding>) {
    let Some(p) = pending else { return };
    let (title, page) = (p.title.clone(), p.page);
    let outcome = if p.title.key.is_form() {
        close_form(&p, out, findings)
    } else if indicator_shaped(&p) {
        findings.push(Finding {
            page,
            table: title.text.clone(),
            message: format!(
                "table `{}` (page {page}): indicator header (一级指标/二级指标/三级指标) under a title not read as a performance form; not read",
                title.text
            ),
        });
        InventoryStatus::NotRebuilt
    } else {
        let before = findings.len();
        match close_table(&p, &out.tables, &[], findings) {
            Some(t) => {
                let outcome = table_outcome(&t);
                if p.grids.is_empty() && findings.len() > before {
                    let (title, lines, range) = (p.title.clone(), p.lines.clone(), before..findings.len());
                    let index = out.tables.len();
                    out.again.push(ReadAgain { index, left_out: None, title, page, lines, findings: range });
                }
                out.tables.push(t);
                outcome
            }
            None if printed_empty(&p) => InventoryStatus::Empty,
            None => {
                if p.grids.is_empty() && findings.len() > before {
                    let (title, lines, range) = (p.title.clone(), p.lines.clone(), before..findings.len());
                    let (index, left_out) = (out.tables.len(), Some(out.met.len()));
                    out.again.push(ReadAgain { index, left_out, title, page, lines, findings: range });
                }
                InventoryStatus::NotRebuilt
            }
        }
    };
    out.met.push(Met { title, page, outcome });
}

/// A body whose header names the three indicator levels (`一级指标 | 二级指标
/// | 三级指标`, in a grid or on one line): a performance table, whatever its
/// title says. It never becomes an amount table of a budget key.
fn indicator_shaped(p: &Pending<'_>) -> bool {
    let levels = |t: &str| ["一级指标", "二级指标", "三级指标"].iter().all(|w| t.contains(w));
    let in_grid = p.grids.iter().any(|g| {
        (0..g.rows()).any(|r| levels(&(0..g.cols()).map(|c| squeeze(&g.region(r, c).text)).collect::<String>()))
    });
    in_grid || p.lines.iter().any(|(l, _)| levels(&squeeze(&l.text)))
}

/// Reads a form; rebuilt when it gave an indicator or a field.
fn close_form(p: &Pending<'_>, out: &mut Found, findings: &mut Vec<Finding>) -> InventoryStatus {
    let body = FormBody { lines: &p.lines, grids: &p.grids };
    let read = read_form(&p.title, &body, &mut out.forms, findings);
    let something = !read.indicators.is_empty() || !read.fields.is_empty();
    out.forms.append(read);
    match something {
        true => InventoryStatus::Rebuilt,
        false if printed_empty(p) => InventoryStatus::Empty,
        false => InventoryStatus::NotRebuilt,
    }
}

/// A table with at least one figure is rebuilt. One without any was printed
/// empty (a header over nothing, or a blank `合计` row, or an empty marker
/// such as `此表为空` as its note), unless its header holds what should be
/// rows: a header label opening with a classification code
/// (`50101-工资奖金津补贴`) means the rows were read into the header, and
/// the table was not rebuilt.
fn table_outcome(t: &Table) -> InventoryStatus {
    let figure = t.rows.iter().any(|r| r.cells.iter().any(|c| matches!(c, budget_model::Cell::Amount(_))));
    let rows_in_header = t.columns.iter().flat_map(|c| c.path.split('/')).any(opens_with_code);
    match figure {
        true => InventoryStatus::Rebuilt,
        false if rows_in_header => InventoryStatus::NotRebuilt,
        false => InventoryStatus::Empty,
    }
}

/// `50101-工资奖金津补贴`, `30101 基本工资`, `477.727200`: a label that
/// opens with a code or an amount; `2026年预算数` opens with a year.
fn opens_with_code(label: &str) -> bool {
    let label = label.trim();
    let digits: String = label.chars().take_while(char::is_ascii_digit).collect();
    crate::lex::code(&digits) && !label[digits.len()..].starts_with('年')
}

/// How many lines after a title may say that its table is empty.
const EMPTY_NOTE_REACH: usize = 8;

/// A title whose first lines say the table has nothing in it:
/// `注：本单位没有国有资本经营预算支出，故本表无数据。`.
fn printed_empty(p: &Pending<'_>) -> bool {
    p.lines.iter().take(EMPTY_NOTE_REACH).any(|(l, page)| *page == p.page && says_empty(&l.text))
}

/// How many lines after a title may come before its first row, where no
/// unit line says it is a table: a caption and a header of a few lines.
const ROW_WINDOW: usize = 8;

/// Whether a row (a code opening a line of amounts: `201 一般公共服务支出
/// 463,892,324 463,892,324`) comes among the first [`ROW_WINDOW`] lines,
/// after no sentence.
fn rows_follow<'a>(lines: impl IntoIterator<Item = &'a str>) -> bool {
    for line in lines.into_iter().take(ROW_WINDOW) {
        let words: Vec<&str> = line.split_whitespace().collect();
        if line.contains(['。', '，', '；']) {
            return false;
        }
        let coded = words.first().is_some_and(|w| crate::lex::code(w));
        if coded && words[1..].iter().any(|w| w.contains(',') && crate::lex::amount(w).is_some()) {
            return true;
        }
    }
    false
}

/// Rebuilds the table of `p`; `earlier` and `later` are the document's
/// tables printed before and after it (`later` empty on a first reading).
fn close_table(p: &Pending<'_>, earlier: &[Table], later: &[Table], findings: &mut Vec<Finding>) -> Option<Table> {
    let raw = if !p.grids.is_empty() {
        let mut raw = table_from_grids(p.title.clone(), &p.grids, findings);
        let before = &p.lines[..p.lines_before_grid];
        if raw.unit.is_none() {
            let texts = || before.iter().map(|(l, _)| l.text.as_str());
            raw.unit = texts().find_map(unit_of_line).or_else(|| broken_unit(texts())).map(str::to_string);
        }
        if raw.note.is_none() {
            raw.note = p.lines.iter().map(|(l, _)| squeeze(&l.text)).find(|t| is_note(t));
        }
        raw
    } else {
        // Text without a unit line right after the title is prose that
        // mentions a table, or a table of contents, not a table; unless
        // rows follow at once (a page that prints its unit after them).
        let texts = || p.lines.iter().map(|(l, _)| l.text.as_str());
        if unit_line(texts()).is_none() && !rows_follow(texts()) {
            return None;
        }
        let positioned = p.lines.iter().any(|(l, _)| !l.runs.is_empty());
        let aligned = positioned
            .then(|| {
                let lines: Vec<(Line, u32)> = p.lines.iter().map(|(line, page)| (unglued(line), *page)).collect();
                let placed: Vec<PlacedLine<'_>> =
                    lines.iter().map(|(line, page)| PlacedLine { line, page: *page }).collect();
                table_from_layout(p.title.clone(), &placed)
            })
            .flatten();
        match aligned {
            Some(raw) => raw,
            None => {
                let body: Vec<BodyLine<'_>> = p
                    .lines
                    .iter()
                    .map(|(l, page)| BodyLine {
                        text: &l.text,
                        page: *page,
                        after_blank: l.after_blank,
                        opens_right: l.opens_right,
                    })
                    .collect();
                table_from_lines(p.title.clone(), &body, earlier, later, findings)
            }
        }
    };
    accept(raw, findings)
}

fn accept(raw: RawTable, findings: &mut Vec<Finding>) -> Option<Table> {
    if raw.columns.is_empty() {
        return None;
    }
    Some(finish(raw, findings))
}

#[cfg(test)]
mod tests {
    use budget_model::{Cell, Glyph, Line, Page, Run, TableKey};

    use super::*;

    #[test]
    fn parts_are_counted_in_chinese_numerals() {
        for (line, want) in [
            ("第二部分 武昌区人民政府办公室 2024 年部门预算表", true),
            ("第十一部分 附件", true),
            ("第66部分：水利施工企业》；", false),
            ("第一章 总则", false),
            ("部分项目", false),
        ] {
            assert_eq!(is_part_heading(line), want, "{line}");
        }
    }

    /// A page of lines, each written as runs `text@x0` (10 wide a character),
    /// 12 apart from the top; with a glyph so that it counts as laid out.
    fn page(number: u32, lines: &[&str]) -> Page {
        let lines: Vec<Line> = lines
            .iter()
            .enumerate()
            .map(|(i, l)| {
                let top = 40.0 + 12.0 * i as f32;
                let runs: Vec<Run> = l
                    .split_whitespace()
                    .map(|r| {
                        let (text, x) = r.rsplit_once('@').expect("a run written text@x0");
                        let x0: f32 = x.parse().expect("an x position");
                        Run { text: text.into(), x0, x1: x0 + 10.0 * text.chars().count() as f32 }
                    })
                    .collect();
                let text = runs.iter().map(|r| r.text.as_str()).collect::<Vec<_>>().join(" ");
                Line { text, runs, top, bottom: top + 8.0, after_blank: false, opens_right: false }
            })
            .collect();
        let glyphs = vec![Glyph { text: "表".into(), x0: 0.0, x1: 10.0, top: 0.0, bottom: 8.0 }];
        Page { number, width: 595.0, height: 842.0, lines, glyphs, rules: Vec::new() }
    }

    /// Pages 23–25 of a 深圳 budget: each page prints `表1`, the title, the
    /// department and unit line and the header again.
    #[test]
    fn a_table_whose_pages_repeat_its_title_and_header_is_one_table() {
        let head =
            ["表1@20", "支出总表@200", "部门名称：某局@20 单位：万元@400", "科目名称@40 支出总计@300 基本支出@400"];
        let p1: Vec<&str> = head.iter().copied().chain(["一般公共服务支出@40 10.00@300 10.00@400"]).collect();
        let p2: Vec<&str> =
            head.iter().copied().chain(["教育支出@40 5.00@300 5.00@400", "合计@40 15.00@300 15.00@400"]).collect();
        let found = tables(&[page(23, &p1), page(24, &p2)], &mut Vec::new());
        assert_eq!(found.tables.len(), 1, "{:?}", found.tables);
        let t = &found.tables[0];
        assert_eq!((t.key, t.no.as_str(), t.pages.as_slice()), (TableKey::ExpenseSummary, "1", [23, 24].as_slice()));
        let names: Vec<&str> = t.rows.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["一般公共服务支出", "教育支出", "合计"]);
    }

    /// A label between a heading read as a title (the cover's
    /// `…部门预算公开报表`) and a title numbers the title after it.
    #[test]
    fn a_label_between_a_heading_and_a_title_numbers_the_title() {
        let lines = [
            "云湖区财政局2025年度部门预算公开报表",
            "公开表四",
            "支出预算总表",
            "单位：万元",
            "科目编码 科目名称 合计 基本支出 项目支出",
            "合计 10.00 4.00 6.00",
            "201 一般公共服务支出 10.00 4.00 6.00",
        ];
        let text = Page { lines: lines.iter().map(|l| Line::text(*l)).collect(), ..Page::new(1) };
        let found = tables(&[text], &mut Vec::new());
        let numbered: Vec<(TableKey, &str)> = found.tables.iter().map(|t| (t.key, t.no.as_str())).collect();
        assert_eq!(numbered, [(TableKey::ExpenseSummary, "4")]);
    }

    /// A label printed after its table's rows (`附表1` after 部门支出总表,
    /// right before the next title) numbers no title the 目录 numbers
    /// otherwise: 一般公共预算支出表 takes the 目录's 2. A label that is its
    /// page's last line numbers the title opening the next page only where
    /// the 目录 gives that title its number.
    #[test]
    fn the_contents_settle_a_label_between_two_tables() {
        let contents =
            text_page(1, &["目录", "附表1 部门支出总表", "附表2 一般公共预算支出表", "附表3 政府性基金预算支出表"]);
        let body = |title: &'static str| {
            vec![title, "单位：万元", "科目编码 科目名称 合计", "合计 10.00", "201 一般公共服务支出 10.00"]
        };
        let mut p2 = body("部门支出总表");
        p2.push("附表1");
        p2.extend(body("一般公共预算支出表"));
        let p2 = text_page(2, &p2);
        let numbers = |pages: &[Page]| -> Vec<String> {
            tables(pages, &mut Vec::new()).tables.iter().map(|t| format!("{}:{}", t.no, t.title)).collect()
        };
        let label_last = |no: &'static str| text_page(3, &[no]);
        let fund = text_page(4, &body("政府性基金预算支出表"));
        assert_eq!(
            numbers(&[contents.clone(), p2.clone(), label_last("附表3"), fund.clone()]),
            [":部门支出总表", "2:一般公共预算支出表", "3:政府性基金预算支出表"]
        );
        // A label across the page break that the 目录 does not confirm
        // (`附表2`, printed after 一般公共预算支出表's rows) numbers nothing.
        assert_eq!(
            numbers(&[contents, p2.clone(), label_last("附表2"), fund.clone()]),
            [":部门支出总表", "2:一般公共预算支出表", ":政府性基金预算支出表"]
        );
        // Without a 目录 a label beside its title is taken as before; across
        // a page break it is not.
        assert_eq!(
            numbers(&[p2, label_last("附表3"), fund]),
            [":部门支出总表", "1:一般公共预算支出表", ":政府性基金预算支出表"]
        );
        assert!(same_number("01", "1") && same_number("05-1", "5-1") && !same_number("2", "12"));
    }

    /// 深圳's 目录 lists its tables as `（一）收支总表`, `（二）…`, a place and
    /// no table number; the text breaks the page at each title's indent, so
    /// `表 3` ends a page. The place confirms the label; a label of another
    /// number (printed after the table before) numbers nothing.
    #[test]
    fn a_place_in_the_contents_confirms_a_label_across_a_page_break() {
        let contents = text_page(1, &["目录", "（一）部门收支总表", "（二）部门收入总表", "（三）部门支出总表"]);
        let expense = text_page(
            3,
            &["部门支出总表", "单位：万元", "科目编码 科目名称 合计", "合计 10.00", "201 一般公共服务支出 10.00"],
        );
        let numbers = |label: &'static str| -> Vec<String> {
            let pages = [contents.clone(), text_page(2, &["二、表格部分", label]), expense.clone()];
            tables(&pages, &mut Vec::new()).tables.iter().map(|t| format!("{}:{}", t.no, t.title)).collect()
        };
        assert_eq!(numbers("表 3"), ["3:部门支出总表"]);
        assert_eq!(numbers("表 2"), [":部门支出总表"]);
    }

    /// With no 目录, labels across page breaks (`表一` / ` 2026年部门收支总体情况表`,
    /// the text breaking the page at each centred title) number their
    /// titles while each is the next place in an unbroken run from 1; a
    /// label printed after its table's rows would number the next title one
    /// short, and numbers nothing.
    #[test]
    fn a_run_of_labels_numbers_titles_across_page_breaks() {
        let body = |title: &'static str| {
            vec![title, "单位：万元", "科目编码 科目名称 合计", "合计 10.00", "201 一般公共服务支出 10.00"]
        };
        let numbers = |pages: &[Page]| -> Vec<String> {
            tables(pages, &mut Vec::new()).tables.iter().map(|t| format!("{}:{}", t.no, t.title)).collect()
        };
        let with_label = |no: u32, title: &'static str, label: &'static str| {
            let mut lines = body(title);
            lines.push(label);
            text_page(no, &lines)
        };
        let first = text_page(1, &["表一"]);
        let expense = with_label(2, "部门支出总表", "表二");
        let general = with_label(3, "一般公共预算支出表", "表二");
        let fund = text_page(4, &body("政府性基金预算支出表"));
        assert_eq!(
            numbers(&[first.clone(), expense.clone(), general, fund.clone()]),
            ["1:部门支出总表", "2:一般公共预算支出表", ":政府性基金预算支出表"]
        );
        // A run that starts after an unnumbered table numbers nothing.
        let general = with_label(3, "一般公共预算支出表", "表三");
        assert_eq!(
            numbers(&[text_page(1, &["说明"]), expense, general, fund]),
            [":部门支出总表", ":一般公共预算支出表", ":政府性基金预算支出表"]
        );
    }

    /// The document's heading printed over every page (a spreadsheet
    /// export's, left by the text among the rows before the next table) is
    /// no row; printed once, a line naming the document is read as before.
    #[test]
    fn the_document_s_heading_over_its_pages_is_no_row() {
        let heading = "云湖区人民政府办公室2025年部门预算";
        let table = |title: &'static str| {
            vec![
                heading,
                title,
                "单位：万元",
                "科目编码 科目名称 合计",
                "合计 10.00",
                "201 一般公共服务支出 10.00",
                heading,
            ]
        };
        let pages: Vec<Page> = [table("部门支出总表"), table("一般公共预算支出表"), table("政府性基金预算支出表")]
            .iter()
            .enumerate()
            .map(|(i, lines)| text_page(i as u32 + 1, lines))
            .collect();
        let found = tables(&pages, &mut Vec::new());
        assert_eq!(found.tables.len(), 3);
        for t in &found.tables {
            let names: Vec<&str> = t.rows.iter().map(|r| r.name.as_str()).collect();
            assert_eq!(names, ["合计", "一般公共服务支出"], "{}", t.title);
        }
        assert!(names_the_document(heading) && names_the_document("某某局2025年度部门决算公开"));
        assert!(!names_the_document("2025年部门预算") && !names_the_document("项目 2025年预算数"));
        assert!(running_heads(&pages[..1]).is_empty());
    }

    /// A 决算's 支出决算表, whose rows' zeros and parts leave their columns
    /// in doubt alone, comes out whole once 一般公共预算财政拨款支出决算表,
    /// printed after it, is read: left out at first, it takes its place
    /// before that table.
    #[test]
    fn a_table_left_out_at_first_is_rebuilt_with_the_tables_printed_after_it() {
        let rows = [
            "合计 300.00 100.00 200.00",
            "208 社会保障和就业支出 100.00 100.00 0.00",
            "20805 行政事业单位养老支出 100.00 100.00 0.00",
            "212 城乡社区支出 200.00 0.00 200.00",
            "21201 城乡社区管理事务 200.00 0.00 200.00",
        ];
        let mut p1 = vec![
            "支出决算表",
            "单位：万元",
            "项目",
            "本年支出合计 基本支出 项目支出 上缴上级支出 经营支出 对附属单位补",
            "助支出 功能分类",
            "科目编码 科目名称",
        ];
        p1.extend(rows);
        let mut p2 = vec!["一般公共预算财政拨款支出决算表", "单位：万元", "科目编码 科目名称 合计 基本支出 项目支出"];
        p2.extend(rows);
        let mut findings = Vec::new();
        let found = tables(&[text_page(1, &p1), text_page(2, &p2)], &mut findings);
        let keys: Vec<TableKey> = found.tables.iter().map(|t| t.key).collect();
        assert_eq!(keys, [TableKey::ExpenseSummary, TableKey::GeneralBudgetExpenseByFunction], "{findings:?}");
        let t = &found.tables[0];
        let paths: Vec<&str> = t.columns.iter().map(|c| c.path.as_str()).collect();
        let cells: Vec<String> =
            t.rows[1].cells.iter().map(|c| c.amount().map(|d| d.to_string()).unwrap_or_default()).collect();
        assert_eq!(paths[..3], ["本年支出合计", "基本支出", "项目支出"]);
        assert_eq!(cells[..3], ["100.00", "100.00", "0.00"]);
        assert!(cells[3..].iter().all(String::is_empty));
        assert_eq!(found.met[0].outcome, InventoryStatus::Rebuilt);
        assert!(findings.iter().all(|f| f.table != "expense_summary"), "{findings:?}");
    }

    /// A 支出总表 of six columns whose rows print 合计 and one part (無锡's
    /// `208 社会保障和就业支出 135.06 135.06`: 基本支出 or 项目支出) is
    /// settled by 财政拨款支出表 by function printed after it, whose 基本支出
    /// has a 小计 beside its parts: 财政拨款 is a part of the department's
    /// expense, code by code and column by column.
    #[test]
    fn an_expense_summary_is_settled_by_the_fiscal_table_printed_after_it() {
        let p1 = [
            "公开 03 表 支出总表",
            "单位：万元",
            "科目编码 科目名称 合计 基本支出 项目支出 事业单位",
            "经营支出 上缴上级支出 对附属单位补",
            "助支出",
            "合计 174.45 174.45",
            "208 社会保障和就业支出 135.06 135.06",
            "20805 行政事业单位养老支出 135.06 135.06",
            "210 卫生健康支出 39.39 39.39",
            "21011 行政事业单位医疗 39.39 39.39",
        ];
        let p2 = [
            "公开 05 表 财政拨款支出表（功能科目）",
            "单位：万元",
            "基本支出",
            "科目编码 科目名称 合计 小计 人员经费 公用经费 项目支出",
            "合计 174.45 174.45 174.45",
            "208 社会保障和就业支出 135.06 135.06 135.06",
            "20805 行政事业单位养老支出 135.06 135.06 135.06",
            "210 卫生健康支出 39.39 39.39 39.39",
            "21011 行政事业单位医疗 39.39 39.39 39.39",
        ];
        let mut findings = Vec::new();
        let found = tables(&[text_page(1, &p1), text_page(2, &p2)], &mut findings);
        let t = &found.tables[0];
        assert_eq!(t.key, TableKey::ExpenseSummary);
        let cells = |r: usize| -> Vec<String> {
            t.rows[r].cells.iter().map(|c| c.amount().map(|d| d.to_string()).unwrap_or_default()).collect()
        };
        let paths: Vec<&str> = t.columns.iter().map(|c| c.path.as_str()).collect();
        assert_eq!(paths[..3], ["合计", "基本支出", "项目支出"]);
        assert_eq!(cells(1)[..3], ["135.06", "135.06", ""]);
        assert_eq!(cells(0)[..3], ["174.45", "174.45", ""]);
        assert!(findings.iter().all(|f| f.table != "expense_summary"), "{findings:?}");
    }

    /// A different table of the same kind on the next page (another number)
    /// stays apart.
    #[test]
    fn a_table_of_the_same_kind_with_another_number_stays_apart() {
        let table = |no: &'static str, name: &'static str| {
            vec![no, "支出总表@200", "单位：万元@400", "科目名称@40 支出总计@300 基本支出@400", name]
        };
        let p1 = table("表1@20", "一般公共服务支出@40 10.00@300 10.00@400");
        let p2 = table("表2@20", "教育支出@40 5.00@300 5.00@400");
        let found = tables(&[page(1, &p1), page(2, &p2)], &mut Vec::new());
        assert_eq!(found.tables.len(), 2, "{:?}", found.tables);
    }

    /// nat_039 p. 11: the rows of 一般公共预算基本支出表 were read into its
    /// header, no figure left: not rebuilt. nat_143 p. 14: a header over a
    /// blank `合计` row is a table printed empty.
    #[test]
    fn a_table_without_figures_is_empty_unless_its_rows_went_into_the_header() {
        use budget_model::{Column, Row};
        let table = |paths: &[&str], rows: Vec<Row>| {
            let mut t = Table::new(TableKey::GovernmentFundExpense, "", "政府性基金预算支出表");
            t.columns = paths.iter().map(|p| Column::amount(*p)).collect();
            t.rows = rows;
            t
        };
        let swallowed = table(&["政府支出经济分类科目/50101-工资奖金津补贴/50102-社会保障缴费"], Vec::new());
        assert_eq!(table_outcome(&swallowed), InventoryStatus::NotRebuilt);
        let mut total = Row::new("合计", 14);
        total.cells = vec![budget_model::Cell::Blank; 3];
        let blank = table(
            &[
                "2026年政府性基金预算支出/合计",
                "2026年政府性基金预算支出/基本支出",
                "2026年政府性基金预算支出/项目支出",
            ],
            vec![total],
        );
        assert_eq!(table_outcome(&blank), InventoryStatus::Empty);
    }

    /// A title joined with its unit line in extracted text is split; a
    /// unit line alone, prose, or a unit not ending the line is no title.
    #[test]
    fn a_title_joined_with_its_unit_is_split() {
        let cases: [(&str, Option<(&str, &str)>); 7] = [
            ("收入支出决算总表 单位：万元", Some(("收入支出决算总表", "单位：万元"))),
            ("2026年预算单位财政拨款收支预算总表 单位：元", Some(("2026年预算单位财政拨款收支预算总表", "单位：元"))),
            ("财政拨款收入支出决算总表 单位：万元", Some(("财政拨款收入支出决算总表", "单位：万元"))),
            ("一般公共预算财政拨款支出决算表 金额单位：元", Some(("一般公共预算财政拨款支出决算表", "金额单位：元"))),
            ("单位：万元", None),
            ("部门名称：某局 单位：万元", None),
            ("收入决算表 单位：万元 项目", None),
        ];
        for (text, want) in cases {
            let got = title_with_unit(text);
            let got = got.as_ref().map(|(t, u)| (t.text.as_str(), u.as_str()));
            assert_eq!(got, want, "{text}");
        }
    }

    /// A page of extracted text: lines without positions.
    fn text_page(number: u32, lines: &[&str]) -> Page {
        let lines: Vec<Line> = lines
            .iter()
            .map(|t| Line {
                text: t.to_string(),
                runs: Vec::new(),
                top: 0.0,
                bottom: 0.0,
                after_blank: false,
                opens_right: false,
            })
            .collect();
        Page { number, width: 0.0, height: 0.0, lines, glyphs: Vec::new(), rules: Vec::new() }
    }

    /// The 广州 template prints the unit and the department at the top right,
    /// above the title: each table takes the unit line over its title, and
    /// the table before does not. A title with its own unit line under it
    /// leaves the one above to the table before.
    #[test]
    fn a_unit_line_above_a_title_is_the_titles() {
        let lines = [
            "单位：万元单位名称：某局",
            "表1",
            "一般公共预算基本支出情况表（按经济分类科目）",
            "部门预算支出经济科目 预算",
            "合计 10.00",
            "[301]工资福利支出 10.00",
            "单位：万元单位名称：某局",
            "表2",
            "一般公共预算项目支出情况表（按经济分类科目）",
            "部门预算支出经济科目 预算",
            "合计 5.00",
            "[302]商品和服务支出 5.00",
        ];
        let found = tables(&[text_page(1, &lines)], &mut Vec::new());
        let units: Vec<Option<&str>> = found.tables.iter().map(|t| t.unit.as_deref()).collect();
        assert_eq!(units.len(), 2, "{:?}", found.tables);
        assert!(units.iter().all(|u| u.is_some()), "{units:?}");
        assert!(found.tables[0].rows.iter().all(|r| !r.name.contains("单位")), "{:?}", found.tables[0].rows);
        let after = |lines: &[&str]| blocks(&text_page(1, lines), &[]);
        assert!(unit_below(&after(&["表1", "单位：万元", "项目 金额"])));
        assert!(!unit_below(&after(&["项目 金额", "合计 1.00", "单位：万元"])));
    }

    /// A spreadsheet page that prints its unit line after its rows (and
    /// the title again, with the header's merged cells): the rows right
    /// after the title and its caption make it a table, whose unit is the
    /// one printed after them; its header words printed there are no row.
    /// A title that prose or a table of contents follows is none.
    #[test]
    fn a_title_followed_by_rows_is_a_table_without_a_unit_line_first() {
        let lines = [
            "2026年预算单位收入预算总表",
            "编制单位：某局",
            "项目 收入预算",
            "功能分类科目编码 功能分类科目名称 合计 财政拨款收入 事业收入 事业单位",
            "经营收入类 款 项",
            "201 一般公共服务支出 463,892,324 463,892,324",
            "201 41 数据事务 463,892,324 463,892,324",
            "201 41 01 行政运行 463,892,324 463,892,324",
            "合计 463,892,324 463,892,324",
        ];
        let next = ["2026年预算单位收入预算总表", "单位：元", "收入预算", "其他收入"];
        let found = tables(&[text_page(1, &lines), text_page(2, &next)], &mut Vec::new());
        assert_eq!(found.tables.len(), 1, "{:?}", found.tables);
        let t = &found.tables[0];
        assert_eq!((t.key, t.unit.as_deref()), (TableKey::IncomeSummary, Some("元")));
        let names: Vec<&str> = t.rows.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["一般公共服务支出", "数据事务", "行政运行", "合计"]);
        assert!(rows_follow(lines[1..].iter().copied()));
        assert!(!rows_follow(["本表反映部门收入预算情况。", "201 一般公共服务支出 463,892,324"]));
        assert!(!rows_follow(["2.2026年预算单位收入预算总表", "3.2026年预算单位支出预算总表"]));
    }

    /// Extracted text can write a page's numbered title before the page
    /// break: the title, its page's last line, heads the next page, where
    /// the table goes on; or mark no break before it at all.
    #[test]
    fn a_title_that_ends_its_page_continues_the_table_on_the_next() {
        let first = [
            "预算03表 支出总表",
            "单位：万元",
            "科目编码 科目名称 合计",
            "201 一般公共服务支出 5.00",
            "预算03表 支出总表",
        ];
        let second = ["单位：万元", "科目编码 科目名称 合计", "208 社会保障和就业支出 2.00"];
        let found = tables(&[text_page(1, &first), text_page(2, &second)], &mut Vec::new());
        assert_eq!(found.tables.len(), 1, "{:?}", found.tables);
        let names: Vec<&str> = found.tables[0].rows.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["一般公共服务支出", "社会保障和就业支出"]);
        assert_eq!(found.tables[0].no, "03");
        // Printed again inside its page, its number the same, the title
        // still heads the next page of the table: the text marked no break.
        let moved = [&first[..4], &first[4..], &second[..]].concat();
        let found = tables(&[text_page(1, &moved)], &mut Vec::new());
        assert_eq!(found.tables.len(), 1, "{:?}", found.tables);
        assert_eq!(found.tables[0].rows.len(), 2);
        // Without a number, a title printed again inside its page opens a
        // table of its own.
        let unnumbered: Vec<&str> = moved.iter().map(|l| l.strip_prefix("预算03表 ").unwrap_or(l)).collect();
        let found = tables(&[text_page(1, &unnumbered)], &mut Vec::new());
        assert_eq!(found.tables.len(), 2, "{:?}", found.tables);
    }

    #[test]
    fn continuation_titles_are_read_without_their_qualifier() {
        assert_eq!(base_name("部门支出总表（续表）"), "部门支出总表");
        assert_eq!(base_name("续表：部门支出总表"), "部门支出总表");
        assert_eq!(base_name("部门支出总表"), "部门支出总表");
    }

    /// A 北京 budget's three tables as text, one row a line: 支出总表 by
    /// function and economic class, 一般公共预算支出表 by function, and
    /// 一般公共预算基本支出表 by class. 5 of 支出总表's 基本支出 is of another
    /// fund (水费), so neither 一般公共预算 table settles its rows alone.
    const READ_IN_TURN: &str = "预算03表 支出总表
金额单位：万元
支出功能分类科目 政府支出经济分类科目 部门支出经济分类科目 合计 基本支出 项目支出
其中
事业单位经营
支出 上缴上级支出 对附属单位补
助支出
2010101-行政运行 50101-工资奖金津补贴 30101-基本工资 30.000000 30.000000
2010102-一般行政管理事务 50201-办公经费 30201-办公费 30.000000 30.000000
2010103-机关服务 50201-办公经费 30202-印刷费 20.000000 20.000000
2010103-机关服务 50201-办公经费 30207-邮电费 10.000000 10.000000
2010104-专项服务 50201-办公经费 30202-印刷费 20.000000 20.000000
2010105-专项业务活动 50201-办公经费 30205-水费 5.000000 5.000000
2010106-政务公开审批 50201-办公经费 30209-物业管理费 20.000000 20.000000
合    计 135.000000 55.000000 80.000000
预算05表 一般公共预算支出表
金额单位：万元
功能分类科目 预算数
科目编码 科目名称 合计
基本支出 项目支出
小计 人员经费 公用经费 项目支出总数 扣除基建项目后预
算数
2010101 行政运行 30.000000 30.000000 30.000000
2010102 一般行政管理事务 30.000000 30.000000 30.000000
2010103 机关服务 30.000000 30.000000 30.000000
2010104 专项服务 20.000000 20.000000 20.000000
2010106 政务公开审批 20.000000 20.000000 20.000000
合    计 130.000000 50.000000 30.000000 20.000000 80.000000 80.000000
预算06表 一般公共预算基本支出表
金额单位：万元
政府支出经济分类科目 部门支出经济分类科目 预算数
合计 人员经费 公用经费
50101-工资奖金津补贴 30101-基本工资 30.000000 30.000000
50201-办公经费 30202-印刷费 20.000000 20.000000
合    计 50.000000 30.000000 20.000000";

    #[test]
    fn tables_of_text_are_read_in_turn_until_none_settles_more() {
        // 支出总表's second reading: the 基本支出表 settles 工资 (基本支出)
        // and the classes it has nothing of (项目支出), not which 印刷费 is
        // basic. 一般公共预算支出表's second reading: 机关服务's 30 is no
        // basic expense, since 支出总表 has at most 20 there; its total then
        // makes 专项服务 basic. 支出总表's third reading takes that: 专项服务's
        // 印刷费 is basic, 机关服务's a project.
        let mut page = Page::new(1);
        page.lines = READ_IN_TURN.lines().map(Line::text).collect();
        let mut findings = Vec::new();
        let found = tables(&[page], &mut findings);
        let summary = found.tables.iter().find(|t| t.key == TableKey::ExpenseSummary).expect("支出总表 read");
        let basic = summary.column_by_leaf("基本支出").expect("基本支出");
        let project = summary.column_by_leaf("项目支出").expect("项目支出");
        let split: Vec<(Cell, Cell)> =
            summary.rows.iter().map(|r| (r.cells[basic].clone(), r.cells[project].clone())).collect();
        let twenty = Cell::Amount(budget_model::Decimal::new(20, 0));
        assert_eq!(split[2], (Cell::Blank, twenty.clone()), "机关服务's 印刷费");
        assert_eq!(split[4], (twenty, Cell::Blank), "专项服务's 印刷费");
        assert!(findings.iter().all(|f| f.table != "expense_summary"), "{findings:?}");
    }
}
