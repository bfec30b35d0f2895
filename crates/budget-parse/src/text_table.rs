//! Rebuilding a table from text without positions (the seed's form).
//!
//! The text of a table arrives cell by cell: a row's code, then its name
//! wrapped over lines, then its amounts, some of them cut in two
//! (`1,477.` / `88`). A row is its label tokens followed by its amounts; a
//! label token after an amount opens the next row. The header is read by
//! [`crate::header`]; the number of amounts per row, taken from the rows
//! themselves, settles how the header is read.

use budget_model::{page_number, Decimal, Finding, Table, TableKey};

use crate::front::{after_total_label, glued_amount, is_dash, is_note, pieces, unit_line, Kind, Piece};
use crate::header::{resolve, segment, Header, Label, LabelKind};
use crate::lex::{amount, code, is_cut_amount, scale_of, split_ordinal, unit_of_line};
use crate::norm::squeeze;
use crate::raw::{is_unread, no_figure, RawColumn, RawRow, RawTable, Role, UNREAD};
use crate::text_caps::{
    expense_floors, fund_columns, narrow_by_caps, narrow_by_floors, narrow_by_fund_spending, narrow_by_project_funds,
    narrow_within, row_caps, unit_project_caps, Around,
};
use crate::text_coded;
use crate::text_fit::{
    agreed, broken_group, cents, family_header, full_template, full_width, header_fits, income_item_of,
    known_totals_around, narrow_by_columns_that_hold, narrow_by_economic_class, narrow_by_hierarchy, narrow_by_known,
    narrow_within_total, readings_of, template, year_before, Readings, Template,
};
use crate::text_grouped;
use crate::text_lines;
use crate::text_pairs;
use crate::text_panels;
use crate::text_procure;
use crate::text_sources;
use crate::text_subtotals;
use crate::text_three;
use crate::title::Title;

/// One line of a table body with its page.
#[derive(Debug, Clone, Copy)]
pub(crate) struct BodyLine<'a> {
    pub text: &'a str,
    pub page: u32,
    /// A blank line came before it in the text.
    pub after_blank: bool,
    /// The line began with a space ([`budget_model::Line::opens_right`]).
    pub opens_right: bool,
}

/// A token of the body: a run of non-space text with where it came from.
#[derive(Debug, Clone)]
struct Token {
    text: String,
    line: usize,
    page: u32,
    /// First token of its line.
    starts_line: bool,
    /// Last token of its line.
    ends_line: bool,
    /// Printed to the right of the token before it: after a space on its
    /// line, or opening a line that began with a space (pdf-extract writes
    /// one where a word starts right of where the last one ended). A token
    /// opening a line without one moved left: a wrapped cell's next line, or
    /// a new row.
    moved_right: bool,
    /// Rejoined from pieces on several lines.
    rejoined: bool,
    /// Opens a line that came after a blank line.
    after_blank: bool,
    /// The row's number in a column headed 序号 or 行次 (see
    /// [`mark_line_numbers`]): a label, never an amount.
    line_no: bool,
    /// Follows the row's number that opens its line: a code here opens the
    /// row (`1 301 工资福利支出`).
    after_line_no: bool,
    /// The code of a second classification pair on the row's line (`501`
    /// in `301 工资福利支出 501 机关工资福利支出 …`, see
    /// [`mark_second_codes`]): a label, never an amount.
    second_code: bool,
}

impl Token {
    fn kind(&self) -> Kind {
        if self.line_no || self.second_code {
            return Kind::Text;
        }
        Kind::of(&self.text, self.starts_line || self.after_line_no)
    }
}

/// Rebuilds the table announced by `title` from the lines that follow it.
/// `earlier` are the document's tables read before this one, whose figures
/// may settle what this one's arithmetic leaves open, and `later` those
/// printed after it, when it is read again once they are read.
pub(crate) fn table_from_lines(
    title: Title,
    lines: &[BodyLine<'_>],
    earlier: &[Table],
    later: &[Table],
    findings: &mut Vec<Finding>,
) -> RawTable {
    let mut raw = read_lines(title, lines, earlier, later, findings);
    drop_trailing_headings(&mut raw);
    raw
}

/// Drops the rows after the last amount that are only the table's column
/// headings run together (`“三公”经费合计因公出国（境）费公务用车购置费`):
/// wrapped header cells a spreadsheet-made PDF prints after the rows, read
/// as a row without amounts. A name of two headings at least, so a blank
/// total row (`合计`) stays.
fn drop_trailing_headings(raw: &mut RawTable) {
    let headings: Vec<String> = raw
        .columns
        .iter()
        .flat_map(|c| c.path.split('/').map(squeeze).collect::<Vec<_>>())
        .filter(|h| !h.is_empty())
        .collect();
    while let Some(last) = raw.rows.last() {
        let no_amount = last.cells.iter().all(|c| amount(c).is_none() && !crate::raw::is_unread(c));
        if !(no_amount && made_of(&squeeze(&last.cells.concat()), &headings) >= 2) {
            break;
        }
        raw.rows.pop();
    }
}

/// The fewest of `words` that, run together, make `text`; 0 where none do.
fn made_of(text: &str, words: &[String]) -> usize {
    let n = text.len();
    let mut fewest: Vec<Option<usize>> = vec![None; n + 1];
    fewest[0] = Some(0);
    for at in 0..n {
        let Some(k) = fewest[at] else { continue };
        for w in words.iter().filter(|w| text[at..].starts_with(w.as_str())) {
            let to = at + w.len();
            fewest[to] = Some(fewest[to].map_or(k + 1, |f| f.min(k + 1)));
        }
    }
    fewest[n].unwrap_or(0)
}

/// [`table_from_lines`] before rows of headings are dropped.
fn read_lines(
    title: Title,
    lines: &[BodyLine<'_>],
    earlier: &[Table],
    later: &[Table],
    findings: &mut Vec<Finding>,
) -> RawTable {
    let mut raw = RawTable::new(title);
    let mut rest = lines;
    if let Some((i, unit)) = unit_line(rest.iter().map(|l| l.text)) {
        raw.unit = Some(unit.to_string());
        rest = &rest[i + 1..];
    } else {
        // A page that prints its unit line after its rows; its caption
        // (`编制单位：某院`) opens the lines, no header.
        raw.unit = rest.iter().find_map(|l| unit_of_line(l.text)).map(str::to_string);
        while rest.first().is_some_and(|l| crate::text_order::caption(l.text)) {
            rest = &rest[1..];
        }
    }
    let (body, note) = split_note(rest);
    raw.note = note;
    // The columns' numbers under the header (栏次 `1 2 3 … 12` of a 决算's
    // table) are no row.
    let body: Vec<BodyLine<'_>> = body.iter().filter(|l| !column_numbers(l.text)).copied().collect();
    let body = &body[..];
    // Letter-spaced text closed up runs a header's cells together: where
    // every line before the first figure is one word, each is cut back
    // into its known words.
    let head = body.iter().take_while(|l| !l.text.contains(|c: char| c.is_ascii_digit())).count();
    let glued = body[..head].iter().all(|l| l.text.split_whitespace().count() == 1);
    let apart: Vec<Option<String>> =
        body[..head].iter().map(|l| glued.then(|| text_lines::glued_words_apart(l.text)).flatten()).collect();
    let respaced: Vec<BodyLine<'_>> = body
        .iter()
        .enumerate()
        .map(|(i, l)| match apart.get(i) {
            Some(Some(text)) => BodyLine { text, ..*l },
            _ => *l,
        })
        .collect();
    let body = &respaced[..];
    raw.pages = pages_of(lines);
    let mut header_len =
        (0..body.len()).find(|&i| is_data_start(body[i].text, body.get(i + 1).map(|l| l.text))).unwrap_or(body.len());
    // The header printed again on the next page tells where it ends: lines
    // read with it that the copy lacks are the first row's name, wrapped
    // before its amounts (`深圳市规划和自然资源局大鹏管` / `理局 4,505.81 …`).
    let squeezed = |len: usize| squeeze(&body[..len].iter().map(|l| l.text).collect::<String>());
    let printed_again = |len: usize| {
        let h = squeezed(len);
        (header_len..body.len()).any(|i| repeated_header_len(&body[i..], &h).is_some())
    };
    if !printed_again(header_len) {
        let shorter = (1..=MAX_NAME_LINES.min(header_len.saturating_sub(1))).find(|&n| printed_again(header_len - n));
        let shorter = shorter.or_else(|| name_after_header(raw.title.key, &body[..header_len]));
        header_len -= shorter.unwrap_or(0);
    }
    let mut header_owned: Vec<String> = body[..header_len].iter().map(|l| unspaced(l.text)).collect();
    // The header's last words run into the first row's amounts
    // (`小计公务用车购置费公务用车运行维护费 1,471.70 508.20 …`: a run-on page's
    // plain header cells, printed right before its rows): header words, no
    // row's name.
    let first_row = body.get(header_len).and_then(|l| {
        let (words, amounts) = header_run_into_row(l.text)?;
        header_owned.push(words);
        Some(BodyLine { text: amounts, ..*l })
    });
    let header_lines: Vec<&str> = header_owned.iter().map(String::as_str).collect();
    let mut data = without_repeated_header(&body[header_len..], &squeezed(header_len));
    if let (Some(row), Some(first)) = (first_row, data.first_mut()) {
        *first = row;
    }
    // A page's head (caption or unit line) after the last amount, and
    // what follows it, are another table's head: this table ends there.
    let last_amount = data.iter().rposition(|l| l.text.split_whitespace().any(|w| amount(w).is_some()));
    if let Some(last) = last_amount {
        let head = |l: &BodyLine<'_>| unit_of_line(l.text).is_some() || crate::meta::caption_label(l.text).is_some();
        if let Some(k) = data[last + 1..].iter().position(head) {
            data.truncate(last + 1 + k);
        }
    }
    // A unit line among the rows is a page's head printed again, or the
    // head of another table run into this one's last line (`合计单位：万元小计…`,
    // the extractor writing no line break): no row.
    data.retain(|l| unit_of_line(l.text).is_none());
    // A caption among the rows (`部门：` / `中共某省委办公厅`, merged cells a
    // spreadsheet-made PDF prints after the rows) is no row.
    let mut caption = vec![false; data.len()];
    for i in 0..data.len() {
        if let Some(label_alone) = crate::meta::caption_label(data[i].text) {
            caption[i] = true;
            let name_next = data.get(i + 1).is_some_and(|n| !n.text.contains(|c: char| c.is_ascii_digit()));
            if label_alone && name_next {
                caption[i + 1] = true;
            }
        }
    }
    let mut flags = caption.into_iter();
    data.retain(|_| !flags.next().unwrap_or(false));
    data.retain(|l| !is_page_footer(l.text));
    let by_lines = if raw.title.key.is_two_sided() {
        text_three::read_by_class(&mut raw, &header_lines, &data)
            || text_lines::read_two_sided(&mut raw, body, (earlier, later), findings)
    } else {
        text_sources::read(&mut raw, &header_lines, &data)
            || text_procure::read(&mut raw, &header_lines, &data, earlier, findings)
            || text_panels::read(&mut raw, &header_lines, &data)
            || text_coded::read(&mut raw, &header_lines, &data, (earlier, later), findings)
            || text_coded::read_listing(&mut raw, &header_lines, &data)
            || text_pairs::read(&mut raw, &header_lines, &data, findings)
            || text_subtotals::read(&mut raw, &header_lines, &data)
            || (text_lines::is_line_per_row(&data)
                && text_lines::read(&mut raw, &header_lines, &data, (earlier, later), findings))
            || text_grouped::read(&mut raw, &header_lines, &data, findings)
    };
    if by_lines {
        return raw;
    }
    // The lists' headings may be printed after the rows, among the merged
    // cells of a spreadsheet-made PDF.
    let trailing: Vec<&str> =
        data.iter().rev().take_while(|l| !l.text.contains(|c: char| c.is_ascii_digit())).map(|l| l.text).collect();
    let headings: Vec<&str> = header_lines.iter().copied().chain(trailing).collect();
    if raw.title.key.is_two_sided() && has_three_sides(&headings) {
        if text_three::read(&mut raw, &header_lines, &data) {
            return raw;
        }
        let page = raw.pages.first().copied().unwrap_or(0);
        let message = "the 支出 side prints two lists (功能分类 and 支出用途) whose items share lines, \
                       and they do not read as items each followed by its amount adding up to the year's \
                       expense; the table is left out";
        findings.push(raw_finding(&raw, page, message.into()));
        return raw;
    }
    let labels = without_heading_over_code(segment(&header_lines));
    // pdf-extract begins a line with a space where its first word starts
    // right of where the last one ended: a table has such lines (its unit
    // line, a header cell, an amount wrapped in its cell). A table without
    // one comes from text trimmed of its leading spaces, where a line at
    // its left tells nothing.
    let marked = lines.iter().any(|l| l.opens_right);
    // Where the table crosses a page, a page number marked as one (`— 1 7 —`,
    // `第 5 页`) and the running line beside it (`无锡市教育局 2026 年度部门预算公开`)
    // are no cells, and no amounts of the row before them.
    let page_lines: Vec<bool> = (0..data.len())
        .map(|i| matches!(page_number(data[i].text), Some((_, false))) || text_lines::is_running_line(&data, i))
        .collect();
    let data: Vec<BodyLine<'_>> = data.into_iter().zip(page_lines).filter(|(_, p)| !p).map(|(l, _)| l).collect();
    let tokens = merge_across_pages(merge_cut_amounts(split_run_amounts(tokenize(&data))));
    let tokens = drop_table_labels(drop_page_numbers(tokens));
    let tokens = mark_second_codes(mark_line_numbers(tokens, &labels), &labels);
    let tokens = without_ratios(tokens, &header_lines, &raw, findings);
    // Two name columns are two sides (`项目 预算数 项目 预算数`), unless each
    // has its code column: one row classified twice (`科目编码 科目名称 科目编码
    // 科目名称`, 部门 and 政府 economic classification).
    let count = |kind: LabelKind| labels.iter().filter(|l| l.kind == kind).count();
    let two_names = count(LabelKind::Name) >= 2 && count(LabelKind::Code) < 2;
    if raw.title.key.is_two_sided() || two_names {
        two_sided(&mut raw, &labels, &tokens, findings);
    } else {
        let before = findings.len();
        one_sided(&mut raw, &labels, &tokens, (earlier, later), marked, findings);
        if findings.len() > before && no_amount_placed(&raw) {
            findings.push(raw_finding(
                &raw,
                raw.pages.first().copied().unwrap_or(0),
                "no amount of the table could be placed in its columns; the table is left out".into(),
            ));
            raw.columns.clear();
        }
    }
    raw
}

/// A line whose text before its first amount is two or more of the
/// family's amount columns' names and nothing else (`小计公务用车购置费
/// 公务用车运行维护费 1,471.70 …`): those names, and the amounts.
fn header_run_into_row(line: &str) -> Option<(String, &str)> {
    let at = line.split_whitespace().find(|w| amount(w).is_some()).and_then(|w| line.find(w))?;
    let words = squeeze(&line[..at]);
    let labels = segment(&[words.as_str()]);
    let names_columns = labels.len() >= 2
        && labels
            .iter()
            .all(|l| matches!(l.kind, LabelKind::Amount | LabelKind::MaybeGroup) && crate::header::in_lexicon(&l.text));
    names_columns.then(|| (words, &line[at..]))
}

/// A header line with its letter-spaced words joined: `功能科目编码 功能科目名称
/// 金    额` is `… 金额`, and `科目编码 科 目 名 称 总 计` is `科目编码
/// 科目名称 总计`. A run of one-character words is joined where it spells a
/// known header word, longest first; a character no word takes stays apart
/// (`类 款 项`).
fn unspaced(line: &str) -> String {
    let words: Vec<(usize, &str)> =
        line.split_whitespace().map(|w| (w.as_ptr() as usize - line.as_ptr() as usize, w)).collect();
    let single = |w: &str| {
        let mut cs = w.chars();
        cs.next().is_some_and(|c| !c.is_ascii()) && cs.next().is_none()
    };
    let mut out = String::with_capacity(line.len());
    let mut copied = 0;
    let mut i = 0;
    while i < words.len() {
        let run = words[i..].iter().take_while(|(_, w)| single(w)).count();
        let joined =
            (2..=run).rev().find(|&n| known_header_word(&words[i..i + n].iter().map(|(_, w)| *w).collect::<String>()));
        match joined {
            Some(n) => {
                let (start, _) = words[i];
                let (last, w) = words[i + n - 1];
                out.push_str(&line[copied..start]);
                out.extend(words[i..i + n].iter().map(|(_, w)| *w));
                copied = last + w.len();
                i += n;
            }
            None => i += 1,
        }
    }
    out.push_str(&line[copied..]);
    out
}

/// How many of the header's last lines are the first row's name, wrapped
/// before its amounts, in a table printed on one page (no copy of the
/// header tells where it ends): `深圳市公安局交通管理局` / `（本级）` after
/// `… 上年结余、` / `结转`. The most lines (up to [`MAX_NAME_LINES`]) whose
/// words are no header's nor a piece of one (`算` of `政府性基金预` / `算`),
/// that end no header word begun on the line before, and that leave the
/// template the header's words give as it is.
fn name_after_header(key: TableKey, header: &[BodyLine<'_>]) -> Option<usize> {
    let texts: Vec<&str> = header.iter().map(|l| l.text).collect();
    let joined = |n: usize| squeeze(&texts[..n].concat()).replace(' ', "");
    let full = template(key, &joined(texts.len()))?;
    let labels = |lines: &[&str]| segment(lines).into_iter().map(|l| l.text).collect::<Vec<_>>();
    let no_header_words = |l: &&str| {
        let text = squeeze(l).replace(' ', "");
        let piece = crate::header::in_some_label(&text) || full.paths.iter().any(|p| p.contains(text.as_str()));
        !piece && segment(&[l]).iter().all(|w| w.kind == LabelKind::Amount && !known_header_word(&w.text))
    };
    (1..=MAX_NAME_LINES.min(texts.len().saturating_sub(1))).rev().find(|&n| {
        let (kept, cut) = texts.split_at(texts.len() - n);
        let apart = [labels(kept), labels(cut)].concat() == labels(&texts);
        let same = template(key, &joined(kept.len())).is_some_and(|t| t.paths == full.paths);
        apart && same && cut.iter().all(no_header_words)
    })
}

/// The tokens without the ratios of a header's `(%)` columns (`增减(%)`:
/// `4.88%`, `-60.86%`), which are no amounts and hold no sum; their
/// columns are reported as not read. Tokens as they are where the header
/// prints no such column.
fn without_ratios(tokens: Vec<Token>, header: &[&str], raw: &RawTable, findings: &mut Vec<Finding>) -> Vec<Token> {
    let text = squeeze(&header.concat()).replace(' ', "");
    let columns = text.matches("(%)").count() + text.matches("（%）").count();
    let ratio = |t: &str| t.strip_suffix('%').is_some_and(|n| amount(n).is_some() && !n.contains(','));
    if columns == 0 || !tokens.iter().any(|t| ratio(&t.text)) {
        return tokens;
    }
    let page = raw.pages.first().copied().unwrap_or(0);
    let message = format!("{columns} ratio columns (`(%)`) are not read: their figures are no amounts");
    findings.push(raw_finding(raw, page, message));
    tokens.into_iter().filter(|t| !ratio(&t.text)).collect()
}

/// A word of any text reader's header vocabulary.
fn known_header_word(word: &str) -> bool {
    crate::header::in_lexicon(word)
        || text_lines::header_word(word)
        || text_grouped::header_word(word)
        || text_pairs::header_word(word)
}

/// Whether a two-sided table's header splits its 支出 side into two lists,
/// each with its own item and amount columns: by function and by use
/// (`项目名称  金额  功能分类  支出用途` / `功能科目名称  金额  项目名称  金额`).
/// The text runs the three lists' items together on a line
/// (`一、财政拨款  21,940.96  一、一般公共服务支出     一、基本支出  13,994.31`),
/// so a blank amount cannot be told from a printed one.
fn has_three_sides(header: &[&str]) -> bool {
    let text = squeeze(&header.concat());
    text.contains("功能分类") && text.contains("支出用途")
}

/// Whether every amount cell of `raw` is blank or unread, though its rows
/// printed amounts: the reader left them all in doubt. Such a table is left
/// out rather than given without a figure.
fn no_amount_placed(raw: &RawTable) -> bool {
    let amounts: Vec<usize> = (0..raw.columns.len()).filter(|&c| raw.columns[c].role == Role::Amount).collect();
    !amounts.is_empty()
        && !raw.rows.is_empty()
        && raw.rows.iter().all(|r| amounts.iter().all(|&c| r.cells.get(c).is_none_or(|v| no_figure(v))))
}

/// The body without the header printed again where the table continues on
/// a new page: lines whose text, run together, is the header's
/// (`项目名称 项目单位 合计` / ` 本年拨款 财政拨款结转结余 财` / `政` / …).
fn without_repeated_header<'a>(data: &[BodyLine<'a>], header: &str) -> Vec<BodyLine<'a>> {
    let mut out = Vec::with_capacity(data.len());
    let mut i = 0;
    // The header's blank line before it stays before what follows it.
    let mut blank = false;
    while i < data.len() {
        match repeated_header_len(&data[i..], header) {
            Some(len) => {
                blank |= data[i].after_blank;
                i += len;
            }
            None => {
                out.push(BodyLine { after_blank: data[i].after_blank || std::mem::take(&mut blank), ..data[i] });
                i += 1;
            }
        }
    }
    out
}

/// The most lines of the first row's name that may end the header lines
/// (`深圳市规划和自然资源局大鹏管` / `理局 4,505.81 …`).
pub(crate) const MAX_NAME_LINES: usize = 2;

/// The body with the first row's name given back: the header's last
/// `name_lines` lines, which were the first row's name wrapped before its
/// amounts, put before `data` on the body's first page.
pub(crate) fn with_first_name<'a>(header: &[&'a str], name_lines: usize, data: &[BodyLine<'a>]) -> Vec<BodyLine<'a>> {
    let page = data.first().map_or(0, |l| l.page);
    let first_name = header[header.len() - name_lines..].iter().map(|&text| BodyLine {
        text,
        page,
        after_blank: false,
        opens_right: false,
    });
    first_name.chain(data.iter().copied()).collect()
}

/// How many lines from the start of `lines` spell `header` exactly.
fn repeated_header_len(lines: &[BodyLine<'_>], header: &str) -> Option<usize> {
    if header.chars().count() < 4 {
        return None;
    }
    let mut read = String::new();
    for (i, l) in lines.iter().enumerate() {
        read.push_str(&squeeze(l.text));
        if read == header {
            return Some(i + 1);
        }
        if !header.starts_with(&read) {
            return None;
        }
    }
    None
}

fn pages_of(lines: &[BodyLine<'_>]) -> Vec<u32> {
    let mut pages: Vec<u32> = lines.iter().map(|l| l.page).collect();
    pages.dedup();
    pages
}

/// A page's number in words, printed as its footer among a table's lines:
/// `第 19 页，共 40 页`, `第 5 页`.
fn is_page_footer(line: &str) -> bool {
    line.contains('页') && matches!(page_number(line), Some((_, false)))
}

/// `备注：…` or `注：…` ends the body; it and what follows is the note.
fn split_note<'a, 'b>(lines: &'b [BodyLine<'a>]) -> (&'b [BodyLine<'a>], Option<String>) {
    match lines.iter().position(|l| is_note(l.text)) {
        Some(i) => {
            // The page's number under the note (`— 3 —`) is none of it.
            let note = lines[i..]
                .iter()
                .filter(|l| !text_lines::is_page_number(l.text))
                .map(|l| squeeze(l.text))
                .collect::<Vec<_>>()
                .join("");
            (&lines[..i], Some(note))
        }
        None => (lines, None),
    }
}

/// The first line of data: it starts with a code or an amount, or it
/// carries an amount, or it is a total label (`合计`) followed by amounts —
/// a `合计` in the header (`“三公”经费` / `合计`) is followed by more header.
fn is_data_start(line: &str, next: Option<&str>) -> bool {
    let Some(first) = line.split_whitespace().next() else { return false };
    if opens_with_year(line) {
        return false;
    }
    let opens_with_amount =
        |l: &str| l.split_whitespace().next().is_some_and(|w| amount(w).is_some() || is_cut_amount(w));
    let total = after_total_label(&squeeze(line)).is_some();
    let opens_with_piece = |l: &str| l.split_whitespace().next().is_some_and(numeric_piece);
    // Amounts of two decimals run together (`2542.60833.60 222.50183.60`).
    let run_together = |w: &str| w.matches('.').count() > 1 && text_lines::split_amounts(w, 2).is_some();
    code(first)
        || opens_with_amount(line)
        || line.split_whitespace().any(|w| (amount(w).is_some() && w.contains('.')) || run_together(w))
        // `565,801.49一、一般公共服务支出`: a two-sided line's amount run into
        // the next item, whatever header line the text printed last.
        || line.split_whitespace().any(|w| amount_then_text(w).is_some_and(|(_, rest)| !split_ordinal(rest).0.is_empty()))
        || (total && next.is_some_and(opens_with_amount) && !names_columns_after_total(line))
        // `合计 2,080` / `.31 2,080.31 …`: a total row whose first amount wraps.
        || (total && line.split_whitespace().skip(1).any(numeric_piece) && next.is_some_and(opens_with_piece))
        // `3,4` / `85.` / `52`: a row without a label whose first amount
        // wraps; a thousands separator is no header's.
        || (first.contains(',') && amount_prefix(first) && line.split_whitespace().all(numeric_piece)
            && next.is_some_and(opens_with_piece))
}

/// `labels` without a `项目` that heads the code and name columns (a
/// 决算's `项目` over `科目编码 科目名称`): one right before the code column,
/// a name column after that. Such a `项目` is no name column of its own: it
/// makes no second side and no second classification.
fn without_heading_over_code(mut labels: Vec<Label>) -> Vec<Label> {
    let heading = labels.windows(3).position(|w| {
        w[0].kind == LabelKind::Name
            && w[0].text == "项目"
            && w[1].kind == LabelKind::Code
            && w[2].kind == LabelKind::Name
    });
    if let Some(at) = heading {
        labels.remove(at);
    }
    labels
}

/// Whether a line is the columns' numbers alone (`1 2 3 4 5 6 7 8 9 10 11
/// 12`, a 决算's 栏次 without its label): three or more, counting from one.
fn column_numbers(line: &str) -> bool {
    let mut words: Vec<&str> = line.split_whitespace().collect();
    if words.first().is_some_and(|w| *w == "栏次") {
        words.remove(0);
    }
    words.len() >= 3 && words.iter().enumerate().all(|(i, w)| *w == (i + 1).to_string())
}

/// A header line that opens with the total column's name: `合计 基本支出
/// 项目支出 单位预留机动经费`, words and no amount after `合计` (a total row
/// whose amounts wrap to the next line prints none); or the same run
/// together (`合计基本支出项目支出单位预留机动经费结转下年资金`, a line cut from
/// text without line breaks), no digit after `合计` and two column labels
/// of the lexicon or more.
fn names_columns_after_total(line: &str) -> bool {
    let rest: Vec<&str> = line.split_whitespace().skip(1).collect();
    if rest.len() >= 2 && !rest.iter().any(|w| numeric_piece(w) || is_dash(w)) {
        return true;
    }
    let squeezed = squeeze(line).replace(' ', "");
    let Some(after) = after_total_label(&squeezed) else { return false };
    let known = segment(&[after]).iter().filter(|l| crate::header::in_lexicon(&l.text)).count();
    !after.chars().any(|c| c.is_ascii_digit()) && known >= 2
}

/// Whether the line opens with a year, a header's words (`2026 年政府采购项目`,
/// `2025年预算数`): four digits followed by `年`, on the word or the next.
fn opens_with_year(line: &str) -> bool {
    let mut words = line.split_whitespace();
    let Some(first) = words.next() else { return false };
    let digits: String = first.chars().take_while(char::is_ascii_digit).collect();
    let rest = &first[digits.len()..];
    let year = digits.len() == 4 && (digits.starts_with("19") || digits.starts_with("20"));
    year && (rest.starts_with('年') || (rest.is_empty() && words.next().is_some_and(|w| w.starts_with('年'))))
}

/// A piece of a printed number: digits with the number's punctuation
/// (`2,080`, `.31`, `93`).
fn numeric_piece(w: &str) -> bool {
    w.bytes().any(|b| b.is_ascii_digit()) && w.bytes().all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
}

fn tokenize(lines: &[BodyLine<'_>]) -> Vec<Token> {
    let texts: Vec<(&str, u32)> = lines.iter().map(|l| (l.text, l.page)).collect();
    let ps: Vec<Piece<'_>> = pieces(&texts)
        .into_iter()
        .flat_map(|p| match glued_amount(p.text) {
            Some((label, number)) => vec![Piece { text: label, ..p }, Piece { text: number, ..p }],
            None => vec![p],
        })
        .flat_map(|p| match amount_then_text(p.text) {
            Some((number, label)) => vec![Piece { text: number, ..p }, Piece { text: label, ..p }],
            None => vec![p],
        })
        .collect();
    let line_of = |i: usize| ps.get(i).map(|p| p.line);
    ps.iter()
        .enumerate()
        .map(|(i, p)| {
            let starts_line = i == 0 || line_of(i - 1) != Some(p.line);
            // A line that began with a space.
            let page_opens = i > 0 && lines[p.line].opens_right;
            Token {
                text: p.text.to_string(),
                line: p.line,
                page: p.page,
                starts_line,
                ends_line: line_of(i + 1) != Some(p.line),
                moved_right: i > 0 && (!starts_line || page_opens),
                rejoined: false,
                after_blank: starts_line && lines[p.line].after_blank,
                line_no: false,
                after_line_no: false,
                second_code: false,
            }
        })
        .collect()
}

/// Whether the label columns print a second classification pair after the
/// first (`科目编码 科目名称 科目编码 科目名称`: 部门 and 政府 economic
/// classification): a code column after a name column.
fn has_second_pair(labels: &[Label]) -> bool {
    labels.windows(2).any(|w| w[0].kind == LabelKind::Name && w[1].kind == LabelKind::Code)
}

/// Marks the second pair's codes where the header prints one
/// ([`has_second_pair`]): a word of digits alone inside a line, between
/// the first pair's name and its own (`301 工资福利支出 501 机关工资福利支出
/// 1,052.04 …`). An amount is never followed by a name on its line, so the
/// word is a code, not an amount.
fn mark_second_codes(mut tokens: Vec<Token>, labels: &[Label]) -> Vec<Token> {
    if !has_second_pair(labels) {
        return tokens;
    }
    let words = |t: &Token| !t.text.contains(|c: char| c.is_ascii_digit());
    for i in 1..tokens.len().saturating_sub(1) {
        let (before, t, after) = (&tokens[i - 1], &tokens[i], &tokens[i + 1]);
        let digits = (3..=9).contains(&t.text.len()) && t.text.bytes().all(|b| b.is_ascii_digit());
        let inside = !t.starts_line && !t.ends_line && before.line == t.line && after.line == t.line;
        if digits && inside && words(before) && words(after) {
            tokens[i].second_code = true;
        }
    }
    tokens
}

/// An amount with decimals run into the next cell's text, as a two-sided
/// table's line comes out: `91,016,775.35一、一般公共服务支出` is
/// `91,016,775.35` and `一、一般公共服务支出`.
pub(crate) fn amount_then_text(token: &str) -> Option<(&str, &str)> {
    let end = token.find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))?;
    let (number, rest) = token.split_at(end);
    let decimals = number.split_once('.').is_some_and(|(a, b)| !a.is_empty() && !b.is_empty());
    let text = rest.chars().next().is_some_and(|c| !c.is_ascii() && !matches!(c, '%' | '％' | '元' | '万'));
    (decimals && text && amount(number).is_some()).then_some((number, rest))
}

/// Splits amounts printed right-aligned and run together into one piece
/// (`174,900.64101,833.8441,534.73` is `174,900.64`, `101,833.84` and
/// `41,534.73` where the table prints two decimals): a piece of amount
/// characters with more than one point, every part an amount of the
/// table's decimals opening with a digit; in a table of whole amounts, a
/// piece that is no amount, split at its thousands separators
/// (`69,733,76465,733,764`). The parts after the first stand
/// right of it on the same line.
fn split_run_amounts(tokens: Vec<Token>) -> Vec<Token> {
    let scale = usual_scale(&tokens);
    let mut out = Vec::with_capacity(tokens.len());
    for t in tokens {
        let run = t.text.matches('.').count() > 1 || scale == 0 && amount(&t.text).is_none();
        let parts = (numeric_piece(&t.text) && run)
            .then(|| text_lines::split_amounts(&t.text, scale))
            .flatten()
            .filter(|p| p.iter().all(|a| a.starts_with(|c: char| c.is_ascii_digit())));
        let Some(parts) = parts else {
            out.push(t);
            continue;
        };
        let last = parts.len() - 1;
        for (i, text) in parts.into_iter().enumerate() {
            out.push(Token {
                text,
                starts_line: t.starts_line && i == 0,
                ends_line: t.ends_line && i == last,
                moved_right: t.moved_right || i > 0,
                ..t.clone()
            });
        }
    }
    out
}

/// Rejoins amounts cut by a line break: `1,477.` + `88`; `6507` + `.19`;
/// `1,477.8` + `8` when the table prints its amounts with two decimals and
/// the piece on the next line supplies exactly the missing digits.
fn merge_cut_amounts(tokens: Vec<Token>) -> Vec<Token> {
    let scale = usual_scale(&tokens);
    let mut out: Vec<Token> = Vec::with_capacity(tokens.len());
    for t in tokens {
        if let Some(prev) = out.last_mut() {
            if prev.line != t.line && continues(prev, &t, scale) {
                prev.text.push_str(&t.text);
                prev.rejoined = true;
                prev.ends_line = t.ends_line;
                prev.line = t.line;
                continue;
            }
        }
        out.push(t);
    }
    out
}

/// Joins an amount cut at a page's end (`2,7` / `27.`, its row's other
/// amounts after it) to its last digits, printed alone on the next page's
/// first line under the header printed again (`15`): the page's last row
/// holds the cut amount and amounts only after it, and the digits are the
/// decimals the table prints. Read alone, the digits would be a page
/// number and the amount no amount.
fn merge_across_pages(mut tokens: Vec<Token>) -> Vec<Token> {
    let scale = usual_scale(&tokens);
    let mut i = 0;
    while i < tokens.len() {
        let cut = tokens[i].text.ends_with('.') && is_cut_amount(&tokens[i].text);
        let next_page = || (i + 1..tokens.len()).find(|&j| tokens[j].page != tokens[i].page);
        if let Some(j) = cut.then(next_page).flatten() {
            let rest_amounts = tokens[i + 1..j].iter().all(|t| t.kind() == Kind::Amount && !is_cut_amount(&t.text));
            let d = &tokens[j];
            let last_digits = d.starts_line && d.ends_line && all_digits(&d.text) && d.text.len() as u32 == scale;
            if rest_amounts && last_digits && scale > 0 {
                let digits = tokens.remove(j);
                tokens[i].text.push_str(&digits.text);
                tokens[i].rejoined = true;
            }
        }
        i += 1;
    }
    tokens
}

fn continues(prev: &Token, next: &Token, scale: u32) -> bool {
    let digits = all_digits(&next.text);
    if !(prev.ends_line && next.starts_line) || next.moved_right {
        return false;
    }
    if wraps_code(prev, next) || wraps_amount(prev, next, scale) {
        return true;
    }
    if is_cut_amount(&prev.text) {
        return digits
            || (next.text.starts_with(|c: char| c.is_ascii_digit())
                && amount(&format!("{}{}", prev.text, next.text)).is_some());
    }
    if amount(&prev.text).is_none() {
        return false;
    }
    if next.text.starts_with('.') && !prev.text.contains('.') {
        return amount(&format!("{}{}", prev.text, next.text)).is_some();
    }
    let have = scale_of(&prev.text);
    prev.text.contains('.') && have < scale && digits && next.text.len() as u32 == scale - have
}

fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// A code wrapped in a narrow column: `201` / `030` / `1` is `2010301`. A
/// row's code opens its line; its next piece opens the next line without
/// moving right (the name, to its right, would).
fn wraps_code(prev: &Token, next: &Token) -> bool {
    // A wrapped cell's later lines are no longer than its first: `4` /
    // `201030` is a page number over a code.
    prev.starts_line
        && !prev.moved_right
        && all_digits(&prev.text)
        && all_digits(&next.text)
        && next.text.len() <= prev.text.len()
        && {
            let len = prev.text.len() + next.text.len();
            (3..=12).contains(&len)
        }
}

/// An amount wrapped in a narrow column, one piece a line: `93` / `59` /
/// `.3` / `0` is `9359.30` where the table prints two decimals. An amount
/// with all its decimals is complete; what opens the next line then begins
/// a new row.
fn wraps_amount(prev: &Token, next: &Token, scale: u32) -> bool {
    let fragment = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit() || b == b'.' || b == b',');
    if !fragment(&prev.text) || !fragment(&next.text) || scale == 0 {
        return false;
    }
    let complete = prev.text.contains('.') && !prev.text.ends_with('.') && scale_of(&prev.text) >= scale;
    // Digits opening a line without moving right are a code or a page
    // number: more digits under them are for [`wraps_code`] to judge.
    let code_position = prev.starts_line && !prev.moved_right && all_digits(&prev.text);
    if complete || (code_position && all_digits(&next.text)) {
        return false;
    }
    let joined = format!("{}{}", prev.text, next.text);
    amount_prefix(&joined) && scale_of(&joined) <= scale
}

/// Whether `s` begins a printed amount: digits in groups of three after
/// the first where separators are used (`10,4`, `10,119.5`, `93`, `9359.`).
fn amount_prefix(s: &str) -> bool {
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    if int.is_empty() || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let groups: Vec<&str> = int.split(',').collect();
    let last = groups.len() - 1;
    groups.iter().enumerate().all(|(i, g)| {
        let digits = g.bytes().all(|b| b.is_ascii_digit());
        let len_ok = match (i, last) {
            (0, 0) => !g.is_empty(),
            (0, _) => (1..=3).contains(&g.len()),
            (i, l) if i < l || s.contains('.') => g.len() == 3,
            _ => g.len() <= 3,
        };
        digits && len_ok
    })
}

/// Drops the page numbers printed under a table that crosses pages: a line
/// of one or two digits alone (`7`), where the table's amounts carry
/// decimals and nothing before it was left incomplete (a wrapped amount's
/// last digit was rejoined already).
fn drop_page_numbers(tokens: Vec<Token>) -> Vec<Token> {
    if usual_scale(&tokens) == 0 {
        return tokens;
    }
    tokens
        .into_iter()
        .filter(|t| !(t.starts_line && t.ends_line && !t.rejoined && all_digits(&t.text) && t.text.len() <= 2))
        .collect()
}

/// Marks the rows' numbers where the header has a column of them (`序号`,
/// `行次`): a number of one to four digits without a point, in a table
/// whose amounts print decimals, that
///
/// - opens its line before the row's code or name (`1 301 工资福利支出 …`),
/// - or follows the row's name, before its amounts or at the line's end
///   (`一、一般公共预算财政拨款收入 1 2,851.53`, `九、节能环保支出 40 0.00`).
///
/// Read as amounts, they would be placed among the row's figures.
fn mark_line_numbers(mut tokens: Vec<Token>, labels: &[Label]) -> Vec<Token> {
    let numbered = labels.iter().any(|l| crate::labels::is_line_number_heading(&squeeze(&l.text)));
    if !numbered || usual_scale(&tokens) == 0 {
        return tokens;
    }
    for i in 0..tokens.len() {
        let t = &tokens[i];
        if !crate::labels::is_line_number(&t.text) {
            continue;
        }
        let next = tokens.get(i + 1).filter(|n| n.line == t.line);
        let prev = i.checked_sub(1).map(|k| &tokens[k]).filter(|p| p.line == t.line);
        let leading = t.starts_line && next.is_some_and(|n| Kind::of(&n.text, true) != Kind::Amount);
        let after_name = prev.is_some_and(|p| p.kind() == Kind::Text)
            && next.is_none_or(|n| Kind::of(&n.text, false) == Kind::Amount);
        if leading || after_name {
            tokens[i].line_no = true;
            if leading {
                tokens[i + 1].after_line_no = true;
            }
        }
    }
    tokens
}

/// The group heading every one of `paths` is under (`本年政府性基金预算支出`
/// of `本年政府性基金预算支出/合计`, `本年政府性基金预算支出/基本支出`, …), if
/// there is one and more than one path.
fn common_group(paths: &[String]) -> Option<String> {
    let first = paths.first()?.split_once('/')?.0;
    let shared = paths.len() > 1 && paths.iter().all(|p| p.split_once('/').is_some_and(|(g, _)| g == first));
    shared.then(|| first.to_string())
}

/// Drops a table's label printed among its cells (`表 1`, `附表 5-1`), as a
/// spreadsheet's merged cells come out: the word and its number.
fn drop_table_labels(tokens: Vec<Token>) -> Vec<Token> {
    let number = |t: &Token| t.text.bytes().all(|b| b.is_ascii_digit() || b == b'-');
    let labelled = |i: usize| matches!(tokens[i].text.as_str(), "表" | "附表") && tokens.get(i + 1).is_some_and(number);
    let dropped: Vec<bool> = (0..tokens.len()).map(|i| labelled(i) || (i > 0 && labelled(i - 1))).collect();
    tokens.into_iter().zip(dropped).filter(|(_, d)| !d).map(|(t, _)| t).collect()
}

/// The number of decimals most amounts of the table are printed with,
/// counted on amounts that are whole: digits on both sides of the point,
/// and not followed by a piece of number opening the next line (`.3` /
/// `0` is a wrapped `9359.30`). A table whose amounts all wrap shows none:
/// two, the family's 万元 with cents, when it prints points at all.
fn usual_scale(tokens: &[Token]) -> u32 {
    let mut counts = [0usize; 5];
    for (i, t) in tokens.iter().enumerate() {
        let wraps =
            t.ends_line && tokens.get(i + 1).is_some_and(|n| n.starts_line && !n.moved_right && numeric_piece(&n.text));
        let whole = t.text.split_once('.').is_some_and(|(a, b)| !a.is_empty() && !b.is_empty());
        if amount(&t.text).is_some() && whole && !wraps {
            counts[(scale_of(&t.text) as usize).min(4)] += 1;
        }
    }
    match (0..5).rev().max_by_key(|&s| counts[s]) {
        Some(s) if counts[s] > 0 => s as u32,
        _ if tokens.iter().any(|t| t.text.contains('.')) => 2,
        _ => 0,
    }
}

/// A row as read from tokens: label tokens, then amounts.
#[derive(Debug, Default)]
struct TextRow {
    labels: Vec<Token>,
    amounts: Vec<String>,
    page: u32,
    /// The first amount opens a line after a blank line.
    amounts_after_blank: bool,
}

/// Groups tokens into rows. A row holds at most `cap` amounts (the table's
/// known column count): an amount opening a line after a full row opens a
/// row of its own, whose name a spreadsheet-made PDF prints after the table
/// (`8,678.53 6,791.51 0.00 …` / `4,981.28 4,981.28 0.00 …`).
///
/// With a known column set, an amount opening a line at its left (not
/// moved right, as a wrapped cell's next line is) after amounts that fit
/// the columns' sums opens a row too: a row whose name is printed
/// elsewhere, under one printing its zeros blank
/// (`襄州区退役军人事务局 2,212.33 754.00 1,458.33` / `2,212.33 754.00 1,458.33`).
/// Where the table's lines are not `marked` (none of them begins with a
/// space: text trimmed of its leading spaces), the next line of a row's
/// amounts wrapped in their cells is at its left too; the line opens a row
/// then unless the amounts up to the next label, joined to the row's, hold
/// the sums as well (a row's first amounts alone may hold them where zeros
/// are printed blank: `5,227.47 5,227.47` / `2,375.36 2,852.11`).
///
/// In a table by unit (`项目单位`), a line after a blank line opens a row
/// where the labels so far end with a unit a row before was named alone:
/// they are a project printed blank, its unit given (`突发公共卫生事件` /
/// `应急处置经费 某办公室` / `本级` ⏎ `某中心 2,491,29` / `1.52 …`), and the
/// next unit's row follows. Labels over several blocks of lines are not
/// cut so: they may be names printed after the rows.
fn group_rows(tokens: &[Token], cap: Option<usize>, t: Option<&Template>, by_unit: bool, marked: bool) -> Vec<TextRow> {
    let complete = |amounts: &[String]| {
        !amounts.is_empty() && t.is_some_and(|t| readings_of(t, amounts).is_some_and(|r| !r.is_empty()))
    };
    let joined = |labels: &[Token]| labels.iter().map(|l| squeeze(&l.text)).collect::<String>();
    let mut units: Vec<String> = Vec::new();
    let mut rows: Vec<TextRow> = Vec::new();
    let mut cur = TextRow::default();
    let push = |cur: &mut TextRow, rows: &mut Vec<TextRow>, units: &mut Vec<String>| {
        if by_unit && !cur.amounts.is_empty() {
            let name = joined(&cur.labels);
            if unit_name(&name) && !units.contains(&name) {
                units.push(name);
            }
        }
        rows.push(std::mem::take(cur));
    };
    // Unmarked, the amounts that follow up to the next label continue the
    // row where its sums hold with them too.
    let continued = |cur: &[String], at: usize| {
        let mut joined = cur.to_vec();
        joined.extend(tokens[at..].iter().take_while(|t| t.kind() == Kind::Amount).map(|t| t.text.clone()));
        cap.is_none_or(|c| joined.len() <= c) && complete(&joined)
    };
    for (at, t) in tokens.iter().enumerate() {
        match t.kind() {
            Kind::Amount => {
                let full = cap.is_some_and(|c| cur.amounts.len() >= c);
                let at_left = || if marked { !t.moved_right } else { !continued(&cur.amounts, at) };
                if t.starts_line && (full || (complete(&cur.amounts) && at_left())) {
                    push(&mut cur, &mut rows, &mut units);
                }
                if cur.labels.is_empty() && cur.amounts.is_empty() {
                    cur.page = t.page;
                }
                if cur.amounts.is_empty() {
                    cur.amounts_after_blank = t.after_blank;
                }
                cur.amounts.push(t.text.clone());
            }
            Kind::Code | Kind::Text => {
                let labelled = cur.labels.iter().any(|l| !l.line_no);
                // One block of lines: names a spreadsheet prints after the
                // rows come in several (see [`late_names`]).
                let blank_project = || {
                    let name = joined(&cur.labels);
                    let one_block = cur.labels.iter().skip(1).all(|l| !l.after_blank);
                    t.starts_line
                        && t.after_blank
                        && one_block
                        && units.iter().any(|u| name.len() > u.len() && name.ends_with(u.as_str()))
                };
                let starts_new = !cur.amounts.is_empty()
                    || (t.kind() == Kind::Code && labelled)
                    || (by_unit && cur.amounts.is_empty() && !cur.labels.is_empty() && blank_project());
                if starts_new {
                    push(&mut cur, &mut rows, &mut units);
                }
                if cur.labels.is_empty() {
                    cur.page = t.page;
                }
                cur.labels.push(t.clone());
            }
        }
    }
    if !cur.labels.is_empty() || !cur.amounts.is_empty() {
        rows.push(cur);
    }
    rows
}

/// The number of amounts most rows carry.
fn usual_width(rows: &[TextRow]) -> Option<usize> {
    let mut counts: Vec<(usize, usize)> = Vec::new();
    for r in rows.iter().filter(|r| !r.amounts.is_empty()) {
        match counts.iter_mut().find(|(n, _)| *n == r.amounts.len()) {
            Some((_, c)) => *c += 1,
            None => counts.push((r.amounts.len(), 1)),
        }
    }
    counts.into_iter().max_by_key(|&(n, c)| (c, n)).map(|(n, _)| n)
}

fn one_sided(
    raw: &mut RawTable,
    labels: &[Label],
    tokens: &[Token],
    others: (&[Table], &[Table]),
    marked: bool,
    findings: &mut Vec<Finding>,
) {
    let header_words: String = labels.iter().map(|l| squeeze(&l.text)).collect();
    let named = template(raw.title.key, &header_words).filter(|t| header_fits(t, &header_words));
    let cap = named.as_ref().map(|t| t.paths.len()).or_else(|| full_width(raw.title.key));
    let by_unit = header_words.contains("项目单位");
    let named = named
        .or_else(|| header_after_rows(raw.title.key, &header_words, &group_rows(tokens, cap, None, by_unit, marked)));
    let rows = group_rows(tokens, cap, named.as_ref(), by_unit, marked);
    let width = usual_width(&rows);
    let mut header: Header = resolve(labels, width);
    if header.labels.is_empty() {
        header.labels = vec![
            Label { text: "科目编码".into(), kind: LabelKind::Code },
            Label { text: "科目名称".into(), kind: LabelKind::Name },
        ];
    }
    // A column set narrower than the rows is another template's.
    let template = named
        .filter(|t| width.is_none_or(|w| w <= t.paths.len()))
        .or_else(|| width.and_then(|w| full_template(raw.title.key, w)));
    // The family's header, but not all of it before the rows (a
    // spreadsheet prints merged header cells after them): which column an
    // amount is in is not known.
    let partial_header = template.is_none() && family_header(raw.title.key, &header_words);
    if let Some(t) = &template {
        // The template names the columns: the header, jumbled in the text,
        // may resolve to another count or order (`基本支出` / `合计 小计
        // 人员经费 公用经费 项目支出` read as 小计 … 合计), or put a column
        // under the group printed above it (`公务用车购置及运行费` over
        // `小计 公务用车购置费 公务用车运行费 公务接待费`). The amounts are
        // placed in the template's columns, under the heading printed over
        // them all where there is one (`本年政府性基金预算支出` / `合计 基本支出 项目支出`).
        let banner = common_group(&header.amounts).filter(|b| !t.paths.iter().any(|p| p.starts_with(b.as_str())));
        header.amounts =
            t.paths.iter().map(|p| banner.as_ref().map_or_else(|| p.clone(), |b| format!("{b}/{p}"))).collect();
    }
    let n = match &template {
        Some(t) => t.paths.len(),
        None => width.unwrap_or(header.amounts.len()).max(header.amounts.len()),
    };
    // Rows wider than the header read from the text: the header was not
    // all read, or the rows are another table's (a spreadsheet printing a
    // title after its body). Which column each amount is in is not known,
    // and a column's sums would be checked against the wrong figures.
    if header.amounts.len() < n {
        findings.push(raw_finding(
            raw,
            raw.pages.first().copied().unwrap_or(0),
            format!(
                "header names {} amount columns, rows carry {}; which column each amount is in is not known, \
                 the table is left out",
                header.amounts.len(),
                n
            ),
        ));
        return;
    }
    let has_code_column = header.labels.iter().any(|l| l.kind == LabelKind::Code);
    raw.columns = header
        .labels
        .iter()
        .map(|l| RawColumn { path: l.text.clone(), role: role_of(l) })
        .chain(header.amounts.iter().map(|a| RawColumn { path: a.clone(), role: Role::Amount }))
        .collect();
    let label_cols = header.labels.len();
    let mut labels: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            let mut cells = label_cells(&r.labels, &header.labels, has_code_column);
            cells.resize(label_cols, String::new());
            cells
        })
        .collect();
    if !marked {
        units_cut_off(&mut labels, &header.labels);
    }
    let amounts: Vec<Vec<String>> = match &template {
        Some(t) => placed_by_sums(raw, &rows, &labels, t, others, findings),
        None if partial_header => {
            findings.push(raw_finding(
                raw,
                raw.pages.first().copied().unwrap_or(0),
                format!("header `{header_words}` lacks columns of the standard table; amounts left blank"),
            ));
            vec![vec![String::new(); n]; rows.len()]
        }
        None => rows.iter().map(|r| as_printed(raw, r, n, findings)).collect(),
    };
    let late = late_names(raw, &rows, &labels, &header.labels, has_code_column, template.as_ref(), findings);
    let mut names: Vec<String> = rows.iter().map(row_name).collect();
    for (i, relabel) in late.iter().enumerate() {
        if let Relabel::Name(cells) = relabel {
            names[i] = squeeze(&cells.concat());
            labels[i] = cells.clone();
        }
    }
    if !marked {
        units_cut_off(&mut labels, &header.labels);
    }
    // The total's heading, a merged cell a spreadsheet prints apart from
    // the header (next to the amounts, where the header names no total),
    // reads as the label of a table's one line of amounts (`合计` /
    // `105,556.81 93,499.18 …`): that line is the table's own, not a total
    // over rows.
    let unnamed_total = template.as_ref().and_then(|t| t.paths.first()).filter(|p| !header_words.contains(p.as_str()));
    if let (Some(total), [only]) =
        (unnamed_total, &(0..rows.len()).filter(|&i| !rows[i].amounts.is_empty()).collect::<Vec<_>>()[..])
    {
        if names[*only] == *total {
            names[*only].clear();
            labels[*only].iter_mut().for_each(String::clear);
        }
    }
    let strays: Vec<bool> = (0..rows.len()).map(|i| names_the_unit_before(&labels, i)).collect();
    for (i, ((r, mut cells), mut a)) in rows.iter().zip(labels).zip(amounts).enumerate() {
        if late[i] == Relabel::Drop || (i > 0 && is_prose(&names[i])) {
            continue;
        }
        if strays[i] && a.iter().any(|c| !c.is_empty()) {
            findings.push(raw_finding(
                raw,
                r.page,
                format!(
                    "row `{}` names the unit of the item before it, not an item; its amounts left blank",
                    row_name(r)
                ),
            ));
            a.iter_mut().for_each(String::clear);
        }
        if template.as_ref().is_some_and(|t| names_a_column(t, &names[i])) && a.iter().any(|c| !c.is_empty()) {
            // Header words in a row's name: the text of cells printed after
            // the table ran into it.
            findings.push(raw_finding(
                raw,
                r.page,
                format!("row `{}` holds the table's column names; its amounts left blank", names[i]),
            ));
            a.iter_mut().for_each(String::clear);
        }
        if i > 0 && names[i].is_empty() && a.iter().any(|c| !c.is_empty()) {
            // Its name is printed elsewhere (after the table, in a
            // spreadsheet-made PDF): the amounts cannot be told whose.
            findings.push(raw_finding(
                raw,
                r.page,
                format!("a row without a name ({}); its amounts left blank", r.amounts.join(" ")),
            ));
            a.iter_mut().for_each(String::clear);
        }
        cells.extend(a);
        raw.rows.push(RawRow::new(cells, r.page));
    }
}

/// Whether a row is the prose printed after the table, not an item: its
/// name holds a sentence (`其他相关情况说明 一、2025年“三公”经费预算情况说明
/// 2025年“三公”经费预算数为867.50万元，与2024年预算持平。…`); amounts it
/// carries are figures of the prose that stood alone on a wrapped line.
fn is_prose(name: &str) -> bool {
    name.contains('。')
}

/// What becomes of a row's labels once names printed after the rows are
/// placed.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Relabel {
    /// As read.
    Keep,
    /// These label cells instead.
    Name(Vec<String>),
    /// Not a row: only text printed after the rows.
    Drop,
}

/// Names a spreadsheet-made PDF prints after the table's rows, given back
/// to the rows printed without one. Its rows are separated by blank lines
/// and a wrapped cell keeps its lines together, so the text after the rows
/// (`襄阳市生态环` / `境局` ⏎ `建设项目环评` / `技术评估经费 襄阳市生态环` /
/// `境局本级` ⏎ …) is one block per row waiting for text, in order, besides
/// blocks of header cells printed there too (`附表10` / ` 财政专` / `户管理` / `资金`).
/// Such text runs into the next row read: a row whose labels span blank
/// lines, or that has no amounts, carries it; its own name is the last
/// block only where its amounts follow on without a blank line. A row
/// without a name waits for a block; so may a row whose item is named in
/// it but whose unit is printed late (`人才引进工作经费 359.00 …` with its
/// `荆州市交通运输局` / `本级` after the rows), which takes only a block of
/// one unit name ([`Wait`]). The blocks go to the rows waiting since the
/// last such text only when one assignment in order fits ([`assign`]);
/// otherwise the rows stay nameless with a finding. Used only in a table
/// with a row printed without a name. A row named only by the unit of the
/// item before it (see [`names_the_unit_before`]) has its item's name
/// there too, and keeps its unit: `法律顾问服务经费 襄州区退役军人事务局本级 754.00` /
/// `襄州区退役军人事务局本级 1,458.33` … ⏎ `困难学生资助（彩票公益` / `金）`.
fn late_names(
    raw: &RawTable,
    rows: &[TextRow],
    read: &[Vec<String>],
    columns: &[Label],
    has_code_column: bool,
    t: Option<&Template>,
    findings: &mut Vec<Finding>,
) -> Vec<Relabel> {
    let mut out = vec![Relabel::Keep; rows.len()];
    let nameless = |i: usize, r: &TextRow| i > 0 && r.labels.is_empty() && !r.amounts.is_empty();
    if !rows.iter().enumerate().any(|(i, r)| nameless(i, r)) {
        return out;
    }
    let cells = |tokens: &[Token]| {
        let mut c = label_cells(tokens, columns, has_code_column);
        c.resize(columns.len(), String::new());
        c
    };
    let unit_col = unit_column(columns);
    let repeated = repeated_names(read);
    let mut slots: Vec<(usize, Wait)> = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    for (i, r) in rows.iter().enumerate() {
        let blocks = blocks_of(&r.labels);
        // A code opens a row's own label, never a name printed later.
        let coded = blocks.iter().any(|b| code(&b[0].text));
        if coded || !(r.amounts.is_empty() || blocks.len() >= 2) {
            if nameless(i, r) || names_the_unit_before(read, i) {
                slots.push((i, Wait::Name));
            } else if !r.amounts.is_empty() && !repeated[i] && unit_col.is_some_and(|u| waits_for_unit(&read[i], u)) {
                slots.push((i, Wait::Unit));
            }
            continue;
        }
        let own = usize::from(!r.amounts.is_empty() && !r.amounts_after_blank);
        let (late, own) = blocks.split_at(blocks.len() - own);
        let named: Vec<&[Token]> = late.iter().copied().filter(|b| !header_block(t, &block_text(b))).collect();
        let given: Vec<Vec<String>> = named.iter().map(|b| cells(b)).collect();
        let waiting = slots.iter().filter(|(_, w)| *w == Wait::Name).count();
        let placed = waiting > 0
            && place(&slots, given, read, unit_col, &mut seen, &mut out, |m| {
                findings.push(raw_finding(raw, r.page, m))
            });
        if !placed && (waiting > 0 || !named.is_empty()) {
            findings.push(raw_finding(
                raw,
                r.page,
                format!(
                    "{} names printed after the rows for {} rows without one, or a name repeated, or more than one way to place them; those rows left blank",
                    named.len(),
                    waiting
                ),
            ));
        }
        slots.clear();
        // Where the names went nowhere, the row stays as read; one whose
        // amounts follow a blank line may still take a name printed later.
        match own.first() {
            Some(b) if placed => out[i] = Relabel::Name(cells(b)),
            Some(_) => {}
            None if r.amounts.is_empty() => {
                if placed || named.is_empty() {
                    out[i] = Relabel::Drop;
                }
            }
            None => {
                slots.push((i, Wait::Name));
                if placed {
                    out[i] = Relabel::Name(vec![String::new(); columns.len()]);
                }
            }
        }
    }
    out
}

/// What a row printed before the names printed after the rows waits for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Wait {
    /// Its name: a row printed without one, which must take a block.
    Name,
    /// Its unit: a row whose item is named but whose unit cell is empty
    /// (`人才引进工作经费 359.00 359.00 …`); it may take a block of one
    /// unit name, or none.
    Unit,
}

/// Gives the label cells `given` (one block each, in order) to the rows
/// of `slots` if [`assign`] finds one way; a unit row's block
/// (`荆州市公路事业发` / `展中心` / ` 荆州市公路事业发` / `展中心`) whose other
/// cells are unit names too keeps only its name: a unit row has no unit,
/// and the unit is a later item's, run into the block, whose row is not
/// known (`note` tells). Whether the blocks were placed.
fn place(
    slots: &[(usize, Wait)],
    given: Vec<Vec<String>>,
    read: &[Vec<String>],
    unit_col: Option<usize>,
    seen: &mut Vec<String>,
    out: &mut [Relabel],
    mut note: impl FnMut(String),
) -> bool {
    let waits: Vec<Wait> = slots.iter().map(|&(_, w)| w).collect();
    let ways = |given: &[Vec<String>]| {
        let one_unit: Vec<bool> = given.iter().map(|c| one_unit_name(c)).collect();
        assign(&waits, &one_unit)
    };
    // A unit row's block that runs on into unit names is the row's name
    // and the units of items after it, when only that reading places
    // every block.
    let split = units_apart(&given);
    let (at, given) = match ways(&split) {
        Some(at) if split.len() > given.len() => (at, split),
        _ => match ways(&given) {
            Some(at) => (at, given),
            None => return false,
        },
    };
    let names: Vec<Vec<String>> =
        at.iter().zip(&given).filter(|(&s, _)| waits[s] == Wait::Name).map(|(_, c)| c.clone()).collect();
    if !new_names(seen, &names) {
        return false;
    }
    for (&s, mut c) in at.iter().zip(given) {
        let (row, wait) = slots[s];
        match (wait, unit_col) {
            (Wait::Unit, Some(u)) => {
                let mut cells = read[row].clone();
                cells[u] = c.concat();
                out[row] = Relabel::Name(cells);
            }
            _ => {
                let filled: Vec<usize> = (0..c.len()).filter(|&k| !c[k].is_empty()).collect();
                if filled.len() >= 2 && filled.iter().all(|&k| unit_name(&c[k])) {
                    note(format!(
                        "unit `{}` printed after the rows is a later item's, whose row is not known; left out",
                        c[filled[1]]
                    ));
                    c.iter_mut().skip(filled[0] + 1).for_each(String::clear);
                }
                out[row] = Relabel::Name(with_unit(c, &read[row]));
            }
        }
    }
    true
}

/// The blocks with each block of unit names only (`某公路事业发展中心 |
/// 某公路事业发展中心`, a unit row's name and the unit of an item after it)
/// cut into one block a name.
fn units_apart(given: &[Vec<String>]) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    for c in given {
        let filled: Vec<usize> = (0..c.len()).filter(|&k| !c[k].is_empty()).collect();
        if filled.len() < 2 || !filled.iter().all(|&k| unit_name(&c[k])) {
            out.push(c.clone());
            continue;
        }
        for &k in &filled {
            let mut one = vec![String::new(); c.len()];
            one[if k == filled[0] { k } else { 0 }] = c[k].clone();
            out.push(one);
        }
    }
    out
}

/// Rows whose name other rows of the table print too: a group's label
/// repeated under each unit (`本级支出项目`), no item, so waiting for no
/// unit (an item has one row; see [`new_names`]).
fn repeated_names(read: &[Vec<String>]) -> Vec<bool> {
    let name = |cells: &Vec<String>| cells.iter().find(|c| !c.is_empty()).cloned().unwrap_or_default();
    let names: Vec<String> = read.iter().map(name).collect();
    names.iter().map(|n| !n.is_empty() && names.iter().filter(|m| *m == n).count() > 1).collect()
}

/// The one way to give blocks, in order, to waiting rows, in order: every
/// row waiting for its name takes the next block, a row waiting for its
/// unit takes a block of one unit name (`unit[b]`) or none, and every block
/// goes somewhere. The slot of each block, or None when there is no such
/// way or more than one.
fn assign(waits: &[Wait], unit: &[bool]) -> Option<Vec<usize>> {
    let (nb, ns) = (unit.len(), waits.len());
    let fits = |b: usize, s: usize| waits[s] == Wait::Name || unit[b];
    // ways[b][s]: the ways (capped at 2) to give blocks b.. to rows s...
    let mut ways = vec![vec![0u8; ns + 1]; nb + 1];
    for s in 0..=ns {
        ways[nb][s] = u8::from(waits[s..].iter().all(|&w| w == Wait::Unit));
    }
    for b in (0..nb).rev() {
        for s in (0..ns).rev() {
            let take = if fits(b, s) { ways[b + 1][s + 1] } else { 0 };
            let skip = if waits[s] == Wait::Unit { ways[b][s + 1] } else { 0 };
            ways[b][s] = (take + skip).min(2);
        }
    }
    if ways[0][0] != 1 {
        return None;
    }
    let mut at = Vec::with_capacity(nb);
    let mut s = 0;
    for b in 0..nb {
        while !(fits(b, s) && ways[b + 1][s + 1] == 1) {
            s += 1;
        }
        at.push(s);
        s += 1;
    }
    Some(at)
}

/// Cuts a unit's name off the item names it ends, in a table by unit read
/// from text trimmed of its leading spaces: there an item's name and its
/// unit's run together in the name column
/// (`办公用房维修改造经费伍家岗区人民政府办公室本级`), the space that opened the
/// unit's cell gone. A name that ends with the name of a unit the table
/// prints a row of (`伍家岗区人民政府办公室本级`, alone in its row), its unit
/// column empty, is the item's name and that unit; the longest such unit.
/// So is a unit column that holds more than such a unit: the words before
/// it are the name's, read into the unit's column from the name's line.
fn units_cut_off(labels: &mut [Vec<String>], columns: &[Label]) {
    let (Some(name_col), Some(unit_col)) =
        (columns.iter().position(|l| l.kind == LabelKind::Name), unit_column(columns))
    else {
        return;
    };
    let units: Vec<String> = labels
        .iter()
        .filter_map(|cells| match &cells.iter().filter(|c| !c.is_empty()).collect::<Vec<_>>()[..] {
            [one] if unit_name(one) => Some((*one).clone()),
            _ => None,
        })
        .collect();
    let ending =
        |s: &str| units.iter().filter(|u| s.len() > u.len() && s.ends_with(u.as_str())).max_by_key(|u| u.len());
    for cells in labels.iter_mut().filter(|c| c.len() > name_col.max(unit_col)) {
        // Words of the name on the line of its first may have gone to the
        // unit's column (`12345` | `政务服务便民热线运行经费伍家岗区人民政府办公室本级`).
        let (from, lead) =
            if cells[unit_col].is_empty() { (name_col, "") } else { (unit_col, cells[name_col].as_str()) };
        if from == unit_col && units.contains(&cells[unit_col]) {
            continue;
        }
        let Some(unit) = ending(&cells[from]).cloned() else { continue };
        let text = &cells[from];
        let item = format!("{lead}{}", &text[..text.len() - unit.len()]);
        cells[name_col] = item;
        cells[unit_col] = unit;
    }
}

/// The unit column: a text column after the name whose heading names a
/// unit (`项目单位`).
fn unit_column(columns: &[Label]) -> Option<usize> {
    let name = columns.iter().position(|l| l.kind == LabelKind::Name)?;
    (name + 1..columns.len()).find(|&i| columns[i].kind == LabelKind::Text && columns[i].text.contains("单位"))
}

/// Whether a row read with `cells` names an item but not its unit (column
/// `u`): `人才引进工作经费 | ` waits, `荆州市交通运输局 | ` (a unit's own
/// row) does not.
fn waits_for_unit(cells: &[String], u: usize) -> bool {
    let filled: Vec<&String> = cells[..u].iter().filter(|c| !c.is_empty()).collect();
    cells[u].is_empty() && filled.last().is_some_and(|n| !unit_name(n) && after_total_label(n).is_none() && !code(n))
}

/// Whether label cells hold one cell, a unit's name (`荆州市交通运输局本级`).
fn one_unit_name(cells: &[String]) -> bool {
    let filled: Vec<&String> = cells.iter().filter(|c| !c.is_empty()).collect();
    matches!(&filled[..], [one] if unit_name(one))
}

/// Whether `s` ends like a unit's name: an organisation's ending
/// (`荆州市公路事业发展中心`, `某局`), `本级` aside (`荆州市交通运输局本级`),
/// or `单位`.
fn unit_name(s: &str) -> bool {
    let s = s.strip_suffix("本级").unwrap_or(s);
    s.chars().count() >= 2 && (s.ends_with("单位") || crate::meta::ends_like_organisation(s))
}

/// A name printed after the rows, `given` as label cells, for a row whose
/// own label cells are `read`: a row read with one cell (the unit of its
/// item) keeps it in the cell after the given name, when that is empty.
fn with_unit(mut given: Vec<String>, read: &[String]) -> Vec<String> {
    let own: Vec<&String> = read.iter().filter(|c| !c.is_empty()).collect();
    let filled: Vec<usize> = (0..given.len()).filter(|&i| !given[i].is_empty()).collect();
    if let ([unit], [at]) = (&own[..], &filled[..]) {
        if let Some(next) = given.get_mut(at + 1).filter(|c| c.is_empty()) {
            *next = (*unit).clone();
        }
    }
    given
}

/// Whether the names (the first cell of each of `given`) are all new to
/// the table: a unit or an item has one row, so a name given twice means
/// the blocks were counted against the wrong rows. Adds them to `seen`.
fn new_names(seen: &mut Vec<String>, given: &[Vec<String>]) -> bool {
    let mut names: Vec<String> = given.iter().map(|c| c.first().cloned().unwrap_or_default()).collect();
    let count = names.len();
    names.sort();
    names.dedup();
    if names.len() < count || names.iter().any(|n| n.is_empty() || seen.contains(n)) {
        return false;
    }
    seen.extend(names);
    true
}

/// A row's label tokens cut where a line follows a blank line.
fn blocks_of(tokens: &[Token]) -> Vec<&[Token]> {
    let mut blocks: Vec<&[Token]> = Vec::new();
    let mut start = 0;
    for i in 1..=tokens.len() {
        if i == tokens.len() || tokens[i].after_blank {
            if i > start {
                blocks.push(&tokens[start..i]);
            }
            start = i;
        }
    }
    blocks
}

/// Whether a block printed after the rows is no name: header cells
/// (`财政专户管理资金`) or a caption with a colon (`部门名称：某局单位：万元`).
fn header_block(t: Option<&Template>, text: &str) -> bool {
    text.contains(['：', ':']) || t.is_some_and(|t| names_a_column(t, text))
}

fn block_text(tokens: &[Token]) -> String {
    squeeze(&tokens.iter().map(|t| t.text.as_str()).collect::<String>())
}

/// The column set of the table `key` read from its header together with
/// header cells printed after its rows, as a spreadsheet prints merged
/// cells: `合计本年收入小计一般公共预算其他收入` before the rows and
/// `部门（单位）代码部门（单位）名称上年结转结余政府性基金预算国有资本经营预算…`
/// after them. A row without amounts that names three or more of the
/// family's columns for the table is such header text. The header printed
/// before the rows must still fit the set.
fn header_after_rows(key: TableKey, header: &str, rows: &[TextRow]) -> Option<Template> {
    let full = full_width(key).and_then(|w| full_template(key, w))?;
    let leaves: Vec<&str> =
        full.paths.iter().filter_map(|p| p.rsplit('/').next()).filter(|l| l.chars().count() >= 4).collect();
    let after: String = rows
        .iter()
        .filter(|r| r.amounts.is_empty())
        .map(row_name)
        .filter(|n| leaves.iter().filter(|l| n.contains(*l)).count() >= 3)
        .collect();
    if after.is_empty() {
        return None;
    }
    template(key, &format!("{header}{after}")).filter(|t| header_fits(t, header))
}

/// Whether row `i` is named only by the unit printed beside the item just
/// before it: an item's own name printed elsewhere (after the table, in a
/// spreadsheet-made PDF) leaves its unit as the row's one label
/// (`法律顾问服务经费 | 襄州区退役军人事务局本级 754.00 754.00` /
/// `襄州区退役军人事务局本级 1,458.33 1,458.33`). A unit's own row comes
/// before its items.
fn names_the_unit_before(labels: &[Vec<String>], i: usize) -> bool {
    let filled = |l: &[String]| l.iter().filter(|c| !c.is_empty()).cloned().collect::<Vec<String>>();
    let (Some(prev), [name]) = (i.checked_sub(1).map(|p| filled(&labels[p])), &filled(&labels[i])[..]) else {
        return false;
    };
    prev.len() >= 2 && !prev.iter().any(|c| code(c)) && prev.last() == Some(name)
}

/// Whether `name` holds the name of one of `t`'s columns (four characters
/// or more: `财政专户管理资金`, `政府性基金预算`).
fn names_a_column(t: &Template, name: &str) -> bool {
    t.paths
        .iter()
        .filter_map(|p| p.rsplit('/').next())
        .filter(|leaf| leaf.chars().count() >= 4)
        .any(|leaf| name.contains(leaf))
}

fn raw_finding(raw: &RawTable, page: u32, message: String) -> Finding {
    Finding { page, table: raw.title.key.as_str().into(), message }
}

fn row_name(r: &TextRow) -> String {
    squeeze(&r.labels.iter().map(|t| t.text.as_str()).collect::<String>())
}

/// Without a known column set, a row of the table's width is taken as
/// printed and any other is left blank.
fn as_printed(raw: &RawTable, r: &TextRow, n: usize, findings: &mut Vec<Finding>) -> Vec<String> {
    if r.amounts.len() == n {
        return r.amounts.clone();
    }
    findings.push(raw_finding(
        raw,
        r.page,
        format!(
            "row `{}`: {} amounts where the table has {} columns ({}); without positions they cannot be placed, left blank",
            row_name(r),
            r.amounts.len(),
            n,
            r.amounts.join(" ")
        ),
    ));
    vec![String::new(); n]
}

/// With a known column set, each row's amounts go where its sums hold
/// ([`readings_of`]), narrowed by the hierarchy of codes
/// ([`narrow_by_hierarchy`]); cells the remaining readings disagree on
/// stay blank. A row whose sums fail in every reading, full or not, is left
/// blank: its amounts were misread, or the table is not of the known set.
fn placed_by_sums(
    raw: &RawTable,
    rows: &[TextRow],
    labels: &[Vec<String>],
    t: &Template,
    (earlier, later): (&[Table], &[Table]),
    findings: &mut Vec<Finding>,
) -> Vec<Vec<String>> {
    let mut readings: Vec<Option<Readings>> = rows
        .iter()
        .map(|r| match readings_of(t, &r.amounts) {
            Some(found) if !found.is_empty() => Some(found),
            _ => None,
        })
        .collect();
    let total = total_row(rows, labels);
    let around = Around { key: raw.title.key, template: t, unit: raw.unit.as_deref(), tables: (earlier, later) };
    if let Some(total) = total {
        let known = known_totals_around(raw.title.key, t, (earlier, later), income_item_of);
        narrow_by_known(&mut readings[total], &known);
        narrow_by_fund_spending(&mut readings[total], &around);
        narrow_by_project_funds(&mut readings[total], &around);
    }
    let unbounded = vec![None; t.paths.len()];
    // A project table's rows follow their unit's, and name it (`项目单位`):
    // the caps of the unit last named.
    let mut unit_caps: Option<Vec<Option<Decimal>>> = None;
    for (found, l) in readings.iter_mut().zip(labels) {
        let row_code = l.iter().find(|c| code(c)).map(String::as_str);
        narrow_by_caps(found, &row_caps(&around, row_code));
        if raw.title.key == TableKey::ProjectExpense {
            let caps_of = |c: &String| unit_project_caps(&around, &squeeze(c));
            if let Some(caps) = l.iter().rev().map(caps_of).find(|caps| caps.iter().any(Option::is_some)) {
                unit_caps = Some(caps);
            }
            if let Some(caps) = &unit_caps {
                narrow_by_caps(found, caps);
            }
        }
        if let Some(c) = row_code {
            narrow_within(found, &unbounded, &expense_floors(&around, c));
        }
        narrow_by_known(found, &fund_columns(&around, row_code));
        narrow_by_floors(found, &around);
    }
    if let Some(total) = total {
        narrow_within_total(&mut readings, total);
    }
    let mut groups = hierarchy(rows, labels);
    if raw.title.key == TableKey::ProjectExpense {
        groups.extend(item_groups(rows, labels));
    }
    if groups.is_empty() {
        groups.extend(flat_list(rows, labels, &readings));
    }
    narrow_by_hierarchy(&mut readings, &groups);
    let named: Vec<(Option<&str>, &str)> = labels
        .iter()
        .map(|l| {
            let name = l.iter().rev().find(|c| !c.is_empty() && !code(c)).map_or("", String::as_str);
            (l.iter().find(|c| code(c)).map(String::as_str), name)
        })
        .collect();
    if narrow_by_economic_class(raw.title.key, &mut readings, &named, t) {
        narrow_by_hierarchy(&mut readings, &groups);
    }
    if let Some(total) = total {
        groups = placed_under_broken_total(raw, rows, &mut readings, groups, total, t, findings);
    }
    if let Some(why) = broken_sums(rows, labels, &readings, &groups) {
        let page = raw.pages.first().copied().unwrap_or(0);
        findings.push(raw_finding(
            raw,
            page,
            format!("{why}; no reading shows the table's sums whole, its amounts are left blank"),
        ));
        return vec![vec![String::new(); t.paths.len()]; rows.len()];
    }
    let doubt: Vec<bool> = rows
        .iter()
        .zip(&readings)
        .map(|(r, found)| !r.amounts.is_empty() && found.as_ref().is_none_or(|f| f.len() != 1))
        .collect();
    let cells: Vec<Vec<String>> =
        rows.iter().zip(readings).map(|(r, found)| settled(raw, r, found, t, findings)).collect();
    let broken = |(p, children): &&(usize, Vec<usize>)| {
        (doubt[*p] || children.iter().any(|&c| doubt[c])) && !column_sums_hold(&cells, *p, children)
    };
    if let Some(&(parent, _)) = groups.iter().find(broken) {
        // Cells in doubt are unread and leave their sums unchecked, so a
        // parent that is not the sum of its children as placed, in a column
        // every one of them settles, is a misreading: no part of the tree
        // is shown.
        findings.push(raw_finding(
            raw,
            rows[parent].page,
            format!(
                "row `{}` is not the sum of its rows as placed; the table's amounts left blank",
                row_name(&rows[parent])
            ),
        ));
        return vec![vec![String::new(); t.paths.len()]; rows.len()];
    }
    cells
}

/// A total row that is the sum of its rows in no reading, where every other
/// group adds up: the document printed a total that its rows do not come to
/// (a row added after the total was set). The rows are placed by the
/// columns in which the total does add up, and the others are left to the
/// checks, which report the difference. Returns the groups left to hold:
/// without the total's where it is broken so.
fn placed_under_broken_total(
    raw: &RawTable,
    rows: &[TextRow],
    readings: &mut [Option<Readings>],
    groups: Vec<(usize, Vec<usize>)>,
    total: usize,
    t: &Template,
    findings: &mut Vec<Finding>,
) -> Vec<(usize, Vec<usize>)> {
    let Some(own) = groups.iter().find(|g| g.0 == total).cloned() else { return groups };
    let others: Vec<(usize, Vec<usize>)> = groups.iter().filter(|g| g.0 != total).cloned().collect();
    if broken_group(readings, std::slice::from_ref(&own)).is_none() || broken_group(readings, &others).is_some() {
        return groups;
    }
    let Some(broken) = narrow_by_columns_that_hold(readings, total, &own.1) else { return groups };
    narrow_by_hierarchy(readings, &others);
    let columns: Vec<&str> = broken.iter().map(|&c| t.paths[c].as_str()).collect();
    findings.push(raw_finding(
        raw,
        rows[total].page,
        format!(
            "row `{}` is not the sum of its rows in {} in any reading; the rows are placed by the columns that add up, and the checks report the difference",
            row_name(&rows[total]),
            columns.join(", ")
        ),
    ));
    others
}

/// Whether row `parent`'s cells are, column by column, the sum of its
/// `children`'s (blank as zero), within one unit of the last decimal per
/// child (rounded parts). A column with an unread cell among them is not
/// known to break.
fn column_sums_hold(cells: &[Vec<String>], parent: usize, children: &[usize]) -> bool {
    let value = |r: usize, c: usize| cells[r].get(c).and_then(|v| amount(v)).unwrap_or_default();
    let unread = |r: usize, c: usize| cells[r].get(c).is_some_and(|v| is_unread(v));
    let scale = cells.iter().flatten().map(|v| crate::lex::scale_of(v)).max().unwrap_or(0);
    let slack = Decimal::new(1, scale) * Decimal::from(children.len() as u32);
    (0..cells[parent].len()).all(|c| {
        if std::iter::once(&parent).chain(children).any(|&r| unread(r, c)) {
            return true;
        }
        let sum: Decimal = children.iter().map(|&k| value(k, c)).sum();
        (value(parent, c) - sum).abs() <= slack
    })
}

/// Why no reading of the table can show its printed sums whole: a group
/// whose rows add up in none of their readings, or a code printed twice
/// (`21999 其他支出` under `219`) whose rows stay in doubt under a parent
/// that counts them once or twice.
fn broken_sums(
    rows: &[TextRow],
    labels: &[Vec<String>],
    readings: &[Option<Readings>],
    groups: &[(usize, Vec<usize>)],
) -> Option<String> {
    if let Some(parent) = broken_group(readings, groups) {
        return Some(format!("row `{}` is not the sum of its items in any reading", row_name(&rows[parent])));
    }
    let codes: Vec<Option<&str>> = labels.iter().map(|l| l.iter().find(|c| code(c)).map(String::as_str)).collect();
    (0..rows.len()).find_map(|i| {
        let twice = codes[i].is_some_and(|c| codes.iter().filter(|x| **x == Some(c)).count() > 1);
        let in_doubt = readings[i].as_ref().is_some_and(|r| r.len() > 1);
        (twice && in_doubt)
            .then(|| format!("row `{}` is printed twice and its columns are in doubt", row_name(&rows[i])))
    })
}

/// A row's cells from the readings left to it, with a finding for what
/// stays blank.
fn settled(
    raw: &RawTable,
    r: &TextRow,
    found: Option<Readings>,
    t: &Template,
    findings: &mut Vec<Finding>,
) -> Vec<String> {
    let n = t.paths.len();
    match found {
        Some(found) if found.len() == 1 => found.into_iter().next().unwrap_or_default(),
        Some(found) => {
            findings.push(raw_finding(
                raw,
                r.page,
                format!(
                    "row `{}`: amounts {} fit the columns' sums in {} ways; cells they disagree on left unread",
                    row_name(r),
                    r.amounts.join(" "),
                    found.len()
                ),
            ));
            agreed(t, &found)
        }
        None => {
            if !r.amounts.is_empty() {
                findings.push(raw_finding(
                    raw,
                    r.page,
                    format!(
                        "row `{}`: amounts {} fit the columns' sums in no way; left blank",
                        row_name(r),
                        r.amounts.join(" ")
                    ),
                ));
                return vec![UNREAD.to_string(); n];
            }
            vec![String::new(); n]
        }
    }
}

/// Parent rows and their children by code: a row's parent is the row whose
/// code is the longest proper prefix of its own (`20103` of `2010301`);
/// rows without one are the children of the total row (`合计`), when the
/// table has exactly one. A code printed twice makes no group.
fn hierarchy(rows: &[TextRow], labels: &[Vec<String>]) -> Vec<(usize, Vec<usize>)> {
    let codes: Vec<Option<&str>> = labels.iter().map(|l| l.iter().find(|c| code(c)).map(String::as_str)).collect();
    let unique = |c: &str| codes.iter().filter(|x| **x == Some(c)).count() == 1;
    let mut groups: Vec<(usize, Vec<usize>)> = Vec::new();
    let mut top = Vec::new();
    for (i, c) in codes.iter().enumerate() {
        let Some(c) = *c else { continue };
        let parent = (0..rows.len())
            .filter(|&j| codes[j].is_some_and(|p| p.len() < c.len() && c.starts_with(p)))
            .max_by_key(|&j| codes[j].map_or(0, str::len));
        match parent {
            Some(p) if unique(c) && codes[p].is_some_and(unique) => match groups.iter_mut().find(|(g, _)| *g == p) {
                Some((_, children)) => children.push(i),
                None => groups.push((p, vec![i])),
            },
            Some(_) => {}
            None => top.push(i),
        }
    }
    if let Some(total) = total_row(rows, labels) {
        if !top.is_empty() && top.iter().all(|&i| codes[i].is_some_and(unique)) {
            groups.push((total, top));
        }
    }
    groups
}

/// Groups of a list of items under the rows that total them (项目支出情况表:
/// `合计`, then a unit, its `本级支出项目`, and its projects, each project
/// naming its unit beside it). An item is a row with a second label cell
/// (`乡村振兴工作经费` | `江夏区人民政府办公室本级`), or one named only by
/// the unit of the item before it ([`names_the_unit_before`]), that carries
/// amounts; the total row is the sum
/// of all items, and each row printed just before a run of items (after
/// the previous run) is the sum of that run where its first amount, the
/// row's 合计, is the sum of theirs (`本级支出项目 397.47` over `6.00` and
/// `391.47`; not `江夏区人民政府办公室 5081.22`, which has two runs). A
/// project printed blank, named but with no amount, does not end a run.
fn item_groups(rows: &[TextRow], labels: &[Vec<String>]) -> Vec<(usize, Vec<usize>)> {
    let named = |i: usize| {
        (!labels[i].iter().any(|c| code(c)) && labels[i].iter().filter(|c| !c.is_empty()).count() >= 2)
            || names_the_unit_before(labels, i)
    };
    let item = |i: usize| named(i) && !rows[i].amounts.is_empty();
    // A project printed blank (nothing budgeted, zeros blank) holds nothing:
    // the run of its unit's items goes on past it.
    let blank_item = |i: usize| named(i) && rows[i].amounts.is_empty();
    let items: Vec<usize> = (0..rows.len()).filter(|&i| item(i)).collect();
    let mut groups = Vec::new();
    if let Some(total) = total_row(rows, labels).filter(|_| !items.is_empty()) {
        groups.push((total, items.clone()));
    }
    let first = |i: usize| rows[i].amounts.first().and_then(|a| amount(a));
    let mut i = 0;
    while i < rows.len() {
        if !item(i) {
            i += 1;
            continue;
        }
        let end = (i..rows.len()).find(|&j| !item(j) && !blank_item(j)).unwrap_or(rows.len());
        let run: Vec<usize> = (i..end).filter(|&j| item(j)).collect();
        let sum: Option<Decimal> = run.iter().map(|&j| first(j)).sum();
        let heads = (0..i).rev().take_while(|&h| !item(h) && Some(h) != total_row(rows, labels));
        for h in heads {
            if sum.is_some_and(|s| first(h).is_some_and(|f| (f - s).abs() <= cents(run.len()))) {
                groups.push((h, run.clone()));
            }
        }
        i = end;
    }
    groups
}

/// The table's total row (`合计`, without a code), when it has exactly one;
/// a table's one row printed without a label (`37,188.34 21,968.00 …` under
/// `合计 基本支出 …`) is its total.
/// A list of rows without codes under its total row (重庆's 政府采购预算明细表:
/// `合计`, `A 货物`, `B 工程`, `C 服务`): the total sums them in every column
/// where it sums them in the first, which every reading of each row
/// settles the same.
fn flat_list(rows: &[TextRow], labels: &[Vec<String>], readings: &[Option<Readings>]) -> Option<(usize, Vec<usize>)> {
    let total = total_row(rows, labels)?;
    let others: Vec<usize> = (0..rows.len()).filter(|&i| i != total).collect();
    if others.is_empty() || labels.iter().any(|l| l.iter().any(|c| code(c))) {
        return None;
    }
    let first = |i: usize| -> Option<Decimal> {
        let found = readings[i].as_ref().filter(|f| !f.is_empty())?;
        let cell = &found[0][0];
        found.iter().all(|r| &r[0] == cell).then(|| amount(cell)).flatten()
    };
    let parts: Option<Decimal> = others.iter().map(|&i| first(i)).sum();
    (parts.is_some() && parts == first(total)).then_some((total, others))
}

fn total_row(rows: &[TextRow], labels: &[Vec<String>]) -> Option<usize> {
    if rows.len() == 1 && labels[0].iter().all(|c| c.trim().is_empty()) {
        return Some(0);
    }
    let totals: Vec<usize> = (0..rows.len())
        .filter(|&i| {
            !labels[i].iter().any(|c| code(c)) && after_total_label(&row_name(&rows[i])).is_some_and(str::is_empty)
        })
        .collect();
    match totals[..] {
        [total] => Some(total),
        _ => None,
    }
}

fn role_of(label: &Label) -> Role {
    match label.kind {
        LabelKind::Code => Role::Code,
        LabelKind::Name => Role::Name,
        LabelKind::Text if is_line_number_column(label) => Role::LineNo,
        _ => Role::Text,
    }
}

/// A text column headed 序号 or 行次: its cells number the rows.
fn is_line_number_column(label: &Label) -> bool {
    label.kind == LabelKind::Text && crate::labels::is_line_number_heading(&squeeze(&label.text))
}

/// Puts a row's label tokens into the label columns: a leading code into the
/// code column; text into the name column, and where the table has further
/// text columns, text separated by spaces on one line into the next column
/// (wrapped lines continue the column they are in).
fn label_cells(tokens: &[Token], columns: &[Label], has_code_column: bool) -> Vec<String> {
    let mut cells = vec![String::new(); columns.len()];
    let code_col = columns.iter().position(|l| l.kind == LabelKind::Code);
    let second_code_col =
        (1..columns.len()).find(|&i| columns[i].kind == LabelKind::Code && columns[i - 1].kind == LabelKind::Name);
    let text_cols: Vec<usize> = (0..columns.len()).filter(|&i| columns[i].kind != LabelKind::Code).collect();
    let mut text_at = 0usize;
    let mut last_line: Option<usize> = None;
    // A line that opens right of where the last ended is the next cell
    // (` 伍家岗区人` after `办公用房` / `维修改造` / `经费`); where a row has
    // such lines, a space inside a line is a space in its cell
    // (`12345 政务服务便民热线运行经费`).
    let by_lines = tokens.iter().skip(1).any(|t| t.starts_line && t.moved_right);
    // The row's number (see [`mark_line_numbers`]) goes to the column of
    // numbers, and nothing else does; a code after a number opening the row
    // opens its label (`1 301 工资福利支出`).
    let number_col = columns.iter().position(is_line_number_column);
    let text_cols: Vec<usize> = text_cols.into_iter().filter(|&c| Some(c) != number_col).collect();
    // A total's label spaced out over its cell (`合 计`) is one word, not
    // one for each of two text columns.
    let joined = squeeze(&tokens.iter().filter(|t| !t.line_no).map(|t| t.text.as_str()).collect::<String>());
    if text_cols.len() > 1 && after_total_label(&joined).is_some_and(str::is_empty) {
        if let Some(&col) = text_cols.first() {
            cells[col] = joined;
            return cells;
        }
    }
    let first = tokens.iter().take_while(|t| t.line_no).count();
    for (i, t) in tokens.iter().enumerate() {
        if t.line_no {
            if let Some(c) = number_col {
                cells[c] = t.text.clone();
            }
            continue;
        }
        if i == first && has_code_column && code(&t.text) {
            if let Some(c) = code_col {
                cells[c] = t.text.clone();
            }
            continue;
        }
        // The second pair's code, and its name in the text column after it.
        if t.second_code {
            if let Some(c) = second_code_col {
                cells[c] = t.text.clone();
                text_at = text_cols.iter().position(|&k| k > c).unwrap_or(text_at);
                last_line = None;
            }
            continue;
        }
        let Some(&col) = text_cols.get(text_at) else { continue };
        let same_line = last_line == Some(t.line);
        let next_cell = if by_lines { t.starts_line && t.moved_right } else { same_line };
        if next_cell && !cells[col].is_empty() && text_at + 1 < text_cols.len() {
            text_at += 1;
        }
        let col = text_cols[text_at];
        if same_line && text_cols.len() == 1 && !cells[col].is_empty() {
            cells[col].push(' ');
        }
        cells[col].push_str(&t.text);
        last_line = Some(t.line);
    }
    cells
}

/// A two-sided table (收入 | 支出): each line holds up to two items, an item
/// being a label (possibly wrapped) with its amount. Items open at a list
/// ordinal or a total label; which side an item is on follows from its
/// words (支出 items end in 支出 or carry 年终结转), as the text has lost
/// the columns.
///
/// An amount that follows an item's amount belongs to no label: the side
/// prints more than one amount column (`一、本年支出 143,368.57 101,833.84
/// 41,534.73`), which this reader cannot place, so the table is left out
/// with a finding.
fn two_sided(raw: &mut RawTable, labels: &[Label], tokens: &[Token], findings: &mut Vec<Finding>) {
    // `本年收入 本年支出` / `项目 预算数 项目 预算数`: the amounts are the
    // 预算数 (决算数) the header names, with its year where printed
    // (`2026 年预算数`), whatever heads the sides.
    let words: String = labels.iter().map(|l| squeeze(&l.text)).collect();
    let amount_label = ["预算数", "决算数"]
        .into_iter()
        .find(|w| words.contains(w))
        .map(|w| format!("{}{w}", year_before(&words, w)))
        .or_else(|| labels.iter().find(|l| l.kind == LabelKind::Amount).map(|l| l.text.clone()))
        .unwrap_or_else(|| "预算数".to_string());
    let items = two_sided_items(&without_page_number_lines(tokens));
    // Each side's 行次 (`一般公共预算财政拨款收入 1 2,561.90`) is kept beside
    // its item, in a column of line numbers after the label.
    let numbered = items.iter().any(|it| it.line_no.is_some());
    let side = |name: &str| {
        let mut columns = vec![RawColumn { path: format!("{name}/项目"), role: Role::Name }];
        if numbered {
            columns.push(RawColumn { path: format!("{name}/行次"), role: Role::LineNo });
        }
        columns.push(RawColumn { path: format!("{name}/{amount_label}"), role: Role::Amount });
        columns
    };
    raw.columns = [side("收入"), side("支出")].concat();
    if let Some(it) = items.iter().find(|it| it.label.is_empty() && !it.amount.is_empty()) {
        let message = format!("amount {} follows another amount of its line; the table is left out", it.amount);
        findings.push(raw_finding(raw, it.page, message));
        raw.columns.clear();
        return;
    }
    let width = raw.columns.len() / 2;
    for it in items {
        let mut cells = vec![String::new(); 2 * width];
        let label = after_running_head(&it.label).to_string();
        // A bare total after another item of its line is the expense side's
        // (`合 计 174,900.64 合 计 174,900.64`).
        let at = if is_income_side(&label) && (it.opens_line || !is_bare_total(&label)) { 0 } else { width };
        cells[at] = label;
        if let Some(n) = it.line_no {
            cells[at + 1] = n;
        }
        cells[at + width - 1] = it.amount;
        raw.rows.push(RawRow::new(cells, it.page));
    }
}

/// The tokens but those of lines that print only a page number between
/// dashes (`- 27 -`, `— 8 —`), as a table carried over pages shows them.
fn without_page_number_lines(tokens: &[Token]) -> Vec<Token> {
    let mut lines: std::collections::BTreeMap<usize, String> = std::collections::BTreeMap::new();
    for t in tokens {
        lines.entry(t.line).or_default().push_str(&t.text);
    }
    let page_number = |text: &String| {
        let digits = text.trim_matches(['-', '—']);
        digits != text && !digits.is_empty() && digits.len() <= 3 && digits.bytes().all(|b| b.is_ascii_digit())
    };
    tokens.iter().filter(|t| !lines.get(&t.line).is_some_and(page_number)).cloned().collect()
}

#[derive(Debug)]
struct Item {
    label: String,
    amount: String,
    page: u32,
    /// Whether the item's first word opens its line.
    opens_line: bool,
    /// The 行次 printed after its label.
    line_no: Option<String>,
}

fn two_sided_items(tokens: &[Token]) -> Vec<Item> {
    let mut items: Vec<Item> = Vec::new();
    let mut open = false; // the last item still takes label text
    for (i, t) in tokens.iter().enumerate() {
        if t.line_no {
            // After its item's label; one opening a line is the number of
            // an item the side leaves blank (`9 九、节能环保支出 34`).
            let after_label = i > 0 && tokens[i - 1].line == t.line && tokens[i - 1].kind() == Kind::Text;
            match items.last_mut() {
                Some(it) if after_label && it.amount.is_empty() && it.line_no.is_none() => {
                    it.line_no = Some(t.text.clone());
                }
                _ => {}
            }
            continue;
        }
        if t.kind() != Kind::Text {
            match items.last_mut() {
                Some(it) if it.amount.is_empty() => it.amount = t.text.clone(),
                _ => items.push(Item {
                    label: String::new(),
                    amount: t.text.clone(),
                    page: t.page,
                    opens_line: t.starts_line,
                    line_no: None,
                }),
            }
            open = false;
            continue;
        }
        let opens_item = !split_ordinal(&t.text).0.is_empty() || opens_total_item(&t.text);
        match items.last_mut() {
            Some(it) if !opens_item && (open || (it.amount.is_empty() && !t.starts_line)) => {
                it.label.push_str(&t.text);
                open = true;
            }
            Some(it) if !opens_item && it.amount.is_empty() && t.starts_line && !it.label.is_empty() => {
                // A wrapped label: `三、国有资本经营预算拨款收` / `入`.
                it.label.push_str(&t.text);
            }
            _ => {
                items.push(Item {
                    label: t.text.clone(),
                    amount: String::new(),
                    page: t.page,
                    opens_line: t.starts_line,
                    line_no: None,
                });
                open = true;
            }
        }
    }
    items
}

/// A two-sided table's total items: `本年收入合计`, `上年结转`, `收入总计`
/// (`收 入 总 计`, whose first piece is `收`).
fn opens_total_item(s: &str) -> bool {
    // `收入` alone is the wrapped end of an item (`三、国有资本经营预算拨款` /
    // `收入`), not 收 of `收 入 总 计`.
    ["本年收入", "本年支出", "上年结转", "年终结转", "收入总计", "支出总计"].iter().any(|w| s.starts_with(w))
        || s == "收"
        || s == "支"
}

/// A label with the page's running head run into it, as a table carried
/// over a page repeats its head before the next item: `部门名称：深圳市生态环境局单位：万元事业单位医疗`
/// is `事业单位医疗`.
fn after_running_head(label: &str) -> &str {
    if !label.starts_with("部门名称") && !label.starts_with("单位名称") {
        return label;
    }
    ["单位：万元", "单位:万元", "单位：元", "单位:元"]
        .iter()
        .filter_map(|u| label.rfind(u).map(|at| &label[at + u.len()..]))
        .min_by_key(|rest| rest.len())
        .unwrap_or(label)
}

/// Whether an item is on the income side. The income side's items are a
/// closed set, named by their fund or source (`一、财政拨款`, `1.一般公共预算拨款`,
/// `三、单位资金`, `5.其他收入`, `上年结余、结转`, `收入总计`); the expense side
/// lists functional items, many of which do not end in 支出 (`进修及培训`,
/// `行政运行`, `大气`). A label naming neither side is an expense item; a bare
/// total (`总计`, `合计`) or an unlabelled amount stays on the income side.
fn is_income_side(label: &str) -> bool {
    if is_expense_label(label) {
        return false;
    }
    let s = squeeze(split_ordinal(label).1);
    let bare = s.is_empty() || is_bare_total(&s);
    let income = ["收入", "拨款", "资金", "预算", "政府性基金", "上年", "年初"].iter().any(|w| s.contains(w));
    let expense_end = ["下年", "年末", "结余分配"].iter().any(|w| s.contains(w));
    bare || (income && !expense_end)
}

/// A total naming no side (`合 计`, `总计`).
fn is_bare_total(label: &str) -> bool {
    ["合计", "总计", "小计"].contains(&squeeze(label).as_str())
}

/// Expense items: `…支出`, `本年支出合计`, `支出总计`, `年终结转结余`,
/// `结转下年`, and the reserve a 支出用途 list names beside 基本支出 and
/// 项目支出 (`三、单位预留机动经费  3990.4`).
fn is_expense_label(label: &str) -> bool {
    let s = squeeze(label);
    s.ends_with("支出")
        || s.ends_with("预留机动经费")
        || s.contains("支出合计")
        || s.contains("支出总计")
        || s.contains("年终结转")
        || s.contains("结转下年")
        || s.starts_with("支出")
}

#[cfg(test)]
mod tests {
    use super::*;
    use budget_model::TableKey;

    fn title(key: TableKey) -> Title {
        Title { no: "1".into(), text: "t".into(), key }
    }

    fn body(text: &str) -> Vec<BodyLine<'_>> {
        text.lines().map(|l| BodyLine { text: l, page: 3, after_blank: false, opens_right: false }).collect()
    }

    /// A 决算's 政府性基金 table by function (`年初结转和结余 本年收入 本年支出
    /// 年末结转和结余`, 本年支出 as `小计 基本支出 项目支出`) prints four
    /// amounts a row for six columns: alone, only 小计 and 年末结转和结余 are
    /// sure. 收入支出决算总表 says the fund's 本年收入 (its income item) and
    /// that nothing was carried into the year; 支出决算表 says the function
    /// spent nothing on 基本支出: each row is then read one way.
    #[test]
    fn a_final_account_fund_table_is_settled_by_the_tables_before_it() {
        let fund = "单位：万元\n项目\n科目编码 科目名称 年初结转和结余 本年收入 小计 基本支出 项目支出 年末结转和结余\n本年支出\n栏次 1 2 3 4 5 6\n合计 22.00 10.00 10.00 12.00\n229 其他支出 22.00 10.00 10.00 12.00\n22960 彩票公益金安排的支出 22.00 10.00 10.00 12.00";
        let summary = "单位：万元\n收入 支出\n项目 决算数 项目 决算数\n一、一般公共预算财政拨款收入 100.00 一、社会保障和就业支出 90.00\n二、政府性基金预算财政拨款收入 22.00 二、其他支出 10.00\n本年收入合计 122.00 本年支出合计 100.00\n年初结转和结余 年末结转和结余 22.00\n总计 122.00 总计 122.00";
        let expense = "单位：万元\n项目\n科目编码 科目名称 本年支出合计 基本支出 项目支出\n合计 100.00 90.00 10.00\n208 社会保障和就业支出 90.00 90.00 0.00\n229 其他支出 10.00 0.00 10.00\n22960 彩票公益金安排的支出 10.00 0.00 10.00";
        let summary = read(TableKey::IncomeExpenseSummary, summary);
        let expense = read(TableKey::ExpenseSummary, expense);
        assert_eq!(paths(&expense), ["合计", "基本支出", "项目支出"]);
        let key = TableKey::GovernmentFundExpense;
        let cells = |earlier: &[Table]| {
            let mut findings = Vec::new();
            let raw = table_from_lines(title(key), &body(fund), earlier, &[], &mut findings);
            raw.rows.iter().map(|r| r.cells[2..].to_vec()).collect::<Vec<_>>()
        };
        let alone = cells(&[]);
        assert_eq!(alone[1], [UNREAD, UNREAD, "10.00", UNREAD, UNREAD, "12.00"]);
        // The income and what was carried, from 收入支出决算总表; the uses,
        // from 支出决算表.
        let by_income = cells(std::slice::from_ref(&summary));
        assert_eq!(by_income[1], ["", "22.00", "10.00", UNREAD, UNREAD, "12.00"]);
        let by_use = cells(std::slice::from_ref(&expense));
        assert_eq!(by_use[1], [UNREAD, UNREAD, "10.00", "", "10.00", "12.00"]);
        let settled = cells(&[summary, expense]);
        assert_eq!(settled, vec![["", "22.00", "10.00", "", "10.00", "12.00"]; 3]);
    }

    /// A spreadsheet's 收入总表 whose merged `合计` heading is printed after
    /// the header's leaves, next to the one line of amounts: the header
    /// still has its total column, and the line is the table's own, no
    /// total over rows. The sums tell the total from the 小计s.
    #[test]
    fn an_income_table_whose_total_heading_labels_its_one_line() {
        let text = "单位：万元\n小计 一般公共预算资金 事业收入 其他收入 小计 一般公共预算资金 单位资金\n本年收入 上年结转结余\n\
                    合计\n105.00 93.00 85.00 7.00 1.00 12.00 3.00 9.00";
        let table = read(TableKey::IncomeSummary, text);
        assert_eq!(
            paths(&table),
            [
                "合计",
                "本年收入/小计",
                "本年收入/一般公共预算资金",
                "本年收入/事业收入",
                "本年收入/其他收入",
                "上年结转结余/小计",
                "上年结转结余/一般公共预算资金",
                "上年结转结余/单位资金"
            ]
        );
        assert_eq!(table.rows.len(), 1);
        assert_eq!(table.rows[0].name, "");
        assert_eq!(debug_cells(&table, 0)[0], "Amount(105.00)");
        assert_eq!(debug_cells(&table, 0)[7], "Amount(9.00)");
        // A 合计 line under a header that names its total is a total row.
        let named = text.replace("\n本年收入", "\n合计 本年收入");
        assert_eq!(read(TableKey::IncomeSummary, &named).rows[0].name, "合计");
    }

    /// A 决算's `项目` heading its code and name columns (`项目` / `科目编码
    /// 科目名称 小计 基本支出 项目支出`) is no second name: the table is one
    /// side, each row's code in the code column.
    #[test]
    fn a_heading_over_the_code_and_name_makes_no_second_side() {
        let text = "单位：万元\n项目\n科目编码 科目名称 小计 基本支出 项目支出\n本年支出\n栏次 1 2 3\n合计 110.00 100.00 10.00\n208 社会保障和就业支出 110.00 100.00 10.00\n20810 社会福利 110.00 100.00 10.00";
        let table = read(TableKey::GeneralBudgetExpenseByFunction, text);
        assert_eq!(paths(&table), ["本年支出/小计", "本年支出/基本支出", "本年支出/项目支出"]);
        let codes: Vec<Option<&str>> = table.rows.iter().map(|r| r.code.as_deref()).collect();
        assert_eq!(codes, [None, Some("208"), Some("20810")]);
        assert_eq!(debug_cells(&table, 2), ["Amount(110.00)", "Amount(100.00)", "Amount(10.00)"]);
    }

    /// A 决算's column numbers (栏次) printed alone under the header are no
    /// row; a row of other figures is.
    #[test]
    fn column_numbers_alone_are_no_row() {
        assert!(column_numbers("1 2 3 4 5 6 7 8 9 10 11 12"));
        assert!(!column_numbers("1 2"));
        assert!(!column_numbers("1 2 4"));
        assert!(!column_numbers("7.76 0.00 6.51"));
        assert!(!column_numbers("栏次 1 栏次 2 3 4 5"));
        assert!(column_numbers("栏次 1 2 3 4 5 6 7"));
        assert!(!column_numbers("栏次 1 2"));
    }

    /// A 基本支出表 classifying each row twice, 部门 then 政府 economic class
    /// (`科目编码 科目名称 科目编码 科目名称`): the second pair's code is no
    /// amount and its name no new row; each row keeps both pairs, and two
    /// name columns are not two sides.
    #[test]
    fn a_row_classified_twice_keeps_both_pairs() {
        let text = "部门预算支出经济分类科目 政府预算支出经济分类科目 本年一般公共预算基本支出
科目编码 科目名称 科目编码 科目名称 合计 人员经费 公用经费
合计 300.00 280.00 20.00
301 工资福利支出 501 机关工资福利支出 280.00 280.00 0.00
30101 基本工资 50101 工资奖金津补贴 280.00 280.00 0.00
302 商品和服务支出 502 机关商品和服务支出 20.00 0.00 20.00
30201 办公费 50201 办公经费 20.00 0.00 20.00";
        let mut findings = Vec::new();
        let key = TableKey::GeneralBudgetBasicExpenseByEconomic;
        let raw = table_from_lines(title(key), &body(text), &[], &[], &mut findings);
        assert!(findings.is_empty(), "{findings:?}");
        let roles: Vec<Role> = raw.columns.iter().map(|c| c.role).collect();
        assert_eq!(roles[..4], [Role::Code, Role::Name, Role::Code, Role::Name]);
        let rows: Vec<Vec<String>> = raw.rows.iter().map(|r| r.cells.clone()).collect();
        let row = |c: [&str; 7]| c.map(String::from).to_vec();
        assert_eq!(
            rows,
            [
                row(["", "合计", "", "", "300.00", "280.00", "20.00"]),
                row(["301", "工资福利支出", "501", "机关工资福利支出", "280.00", "280.00", "0.00"]),
                row(["30101", "基本工资", "50101", "工资奖金津补贴", "280.00", "280.00", "0.00"]),
                row(["302", "商品和服务支出", "502", "机关商品和服务支出", "20.00", "0.00", "20.00"]),
                row(["30201", "办公费", "50201", "办公经费", "20.00", "0.00", "20.00"]),
            ]
        );
        let table = crate::raw::finish(raw, &mut findings);
        let pairs: Vec<(Option<&str>, Option<&str>)> =
            table.rows.iter().map(|r| (r.code.as_deref(), r.second_code.as_deref())).collect();
        assert_eq!(pairs[1], (Some("301"), Some("501")));
        assert_eq!(table.rows[4].second_name.as_deref(), Some("办公经费"));
    }

    /// 一般公共预算支出表 beside the year before's outturn, with its change in
    /// amount and in percent: the ratios are left out with a finding, and
    /// the hierarchy tells 基本支出 from 项目支出 where a row prints one
    /// figure for 小计, its part and 扣除…后预算数.
    #[test]
    fn a_budget_beside_the_outturn_drops_its_ratios() {
        let text = "功能分类科目 2025年执行数 2026年预算数 2026年预算数比
2025年执行数
 2026年预算数比
2025年执行数
（扣除中央基建投资）
科目编码 科目名称 执行数
 扣除中央基
建投资后执
行数
 年初预算数 扣除中央
基建投资
后预算数
 增减额 增减(%) 增减额 增减(%)
小计 基本支出 项目支出
201 一般公共服务支出 300.00 300.00 330.00 200.00 130.00 330.00 30.00 10.00% 30.00 10.00%
20140 信访事务 300.00 300.00 330.00 200.00 130.00 330.00 30.00 10.00% 30.00 10.00%
2014001 行政运行 180.00 180.00 200.00 200.00 200.00 20.00 11.11% 20.00 11.11%
2014002 一般行政管理事务 120.00 120.00 130.00 130.00 130.00 10.00 8.33% 10.00 8.33%";
        let mut findings = Vec::new();
        let raw =
            table_from_lines(title(TableKey::GeneralBudgetExpenseByFunction), &body(text), &[], &[], &mut findings);
        let leaf = |p: &str| p.rsplit('/').next().unwrap_or_default().to_string();
        let columns: Vec<String> = raw.columns.iter().skip(2).map(|c| leaf(&c.path)).collect();
        assert_eq!(
            columns,
            [
                "执行数",
                "扣除中央基建投资后执行数",
                "小计",
                "基本支出",
                "项目支出",
                "扣除中央基建投资后预算数",
                "增减额",
                "增减额"
            ]
        );
        let rows: Vec<&[String]> = raw.rows.iter().map(|r| &r.cells[2..]).collect();
        let row = |c: [&str; 8]| c.map(String::from).to_vec();
        assert_eq!(
            rows,
            [
                row(["300.00", "300.00", "330.00", "200.00", "130.00", "330.00", "30.00", "30.00"]),
                row(["300.00", "300.00", "330.00", "200.00", "130.00", "330.00", "30.00", "30.00"]),
                row(["180.00", "180.00", "200.00", "200.00", "", "200.00", "20.00", "20.00"]),
                row(["120.00", "120.00", "130.00", "", "130.00", "130.00", "10.00", "10.00"]),
            ]
        );
        assert!(findings.iter().any(|f| f.message.contains("2 ratio columns")), "{findings:?}");
    }

    /// A 收支总表 of three lists whose headings (`功能分类`, `支出用途`) and
    /// expense totals' names a spreadsheet-made PDF prints after the rows.
    #[test]
    fn a_summary_of_three_lists_is_told_by_headings_after_its_rows() {
        let text = "收入 支出 项目名称 金额
功能科目名称 金额 项目名称 金额
一、财政拨款 300.00 一、一般公共服务支出 300.00 一、基本支出 200.00
二、其他资金 二、项目支出 100.00
当年收入小计 300.00 300.00
上年结转资金
收入合计 300.00 300.00
功能分类 支出用途 当年支出小计 结转下年资金 支出合计";
        let mut findings = Vec::new();
        let raw = table_from_lines(title(TableKey::IncomeExpenseSummary), &body(text), &[], &[], &mut findings);
        // The expense totals, named after the rows, take the income
        // totals' second amounts.
        let totals: Vec<[&str; 2]> =
            raw.rows.iter().skip(3).map(|r| [r.cells[2].as_str(), r.cells[4].as_str()]).collect();
        assert_eq!(totals, [["当年支出小计", "300.00"], ["支出合计", "300.00"]]);
        assert_eq!(raw.rows.len(), 5);
        assert!(findings.is_empty(), "{findings:?}");
    }

    /// A run-on page's plain header cells come right before its rows'
    /// amounts, on their line; the next table's head follows the last row.
    #[test]
    fn header_words_before_the_amounts_are_no_rows_name() {
        let text = "单位：万元
合计“三公”经费会议费培训费小计因公出国（境）费公务用车购置及运行维护费公务接待费
小计公务用车购置费公务用车运行维护费 1,471.70 508.20 70.00 411.20 411.20 27.00 933.50 30.00
部门：某厅
单位：万元
功能科目编码功能科目名称金额";
        let mut findings = Vec::new();
        let raw = table_from_lines(title(TableKey::ThreePublicExpense), &body(text), &[], &[], &mut findings);
        let rows: Vec<&[String]> = raw.rows.iter().map(|r| &r.cells[..]).collect();
        assert_eq!(rows.len(), 1, "{rows:?} {findings:?}");
        assert_eq!(rows[0][..2], ["", ""], "no code, no name");
        let amounts: Vec<&str> = rows[0][2..].iter().map(String::as_str).collect();
        // 公务用车购置费 or 公务用车运行维护费: the row does not tell.
        assert_eq!(amounts, ["1,471.70", "508.20", "70.00", "411.20", UNREAD, UNREAD, "27.00", "933.50", "30.00"]);
        // 一般公共预算基本支出表, printed after it, spends 411.20 on `30231
        // 公务用车运行维护费`: so much of the 三公 figure is 运行维护费.
        let mut basic = Table::new(TableKey::GeneralBudgetBasicExpenseByEconomic, "6", "一般公共预算基本支出表");
        basic.unit = Some("万元".into());
        basic.columns = ["合计", "人员经费", "公用经费"].map(budget_model::Column::amount).to_vec();
        let mut row = budget_model::Row::new("公务用车运行维护费", 7);
        row.code = Some("30231".into());
        let figure = || budget_model::Cell::Amount("411.20".parse().expect("an amount"));
        row.cells = vec![figure(), budget_model::Cell::Blank, figure()];
        basic.rows.push(row);
        let raw = table_from_lines(title(TableKey::ThreePublicExpense), &body(text), &[], &[basic], &mut findings);
        let amounts: Vec<&str> = raw.rows[0].cells[2..].iter().map(String::as_str).collect();
        assert_eq!(amounts, ["1,471.70", "508.20", "70.00", "411.20", "", "411.20", "27.00", "933.50", "30.00"]);
        assert_eq!(header_run_into_row("小计 公务接待费 1.00"), Some(("小计公务接待费".to_string(), "1.00")));
        // One word is a row's name (`小计 1.00`), as is any other text.
        assert_eq!(header_run_into_row("小计 1.00"), None);
        assert_eq!(header_run_into_row("小计 办公费 1.00"), None);
    }

    /// The department's caption printed after the rows, its label and its
    /// name on lines of their own (a spreadsheet-made PDF's merged cells):
    /// no row.
    #[test]
    fn a_caption_after_the_rows_is_no_row() {
        let text = "单位：万元
合计 基本支出 项目支出
300.00 200.00 100.00
部门：
中共某省委办公厅";
        let mut findings = Vec::new();
        let raw = table_from_lines(title(TableKey::ExpenseSummary), &body(text), &[], &[], &mut findings);
        let rows: Vec<&[String]> = raw.rows.iter().map(|r| &r.cells[..]).collect();
        assert_eq!(rows.len(), 1, "{rows:?}");
        assert!(rows[0].ends_with(&["300.00".to_string(), "200.00".into(), "100.00".into()]), "{rows:?}");
        assert_eq!(crate::meta::caption_label("部门：某厅 单位：万元"), Some(false));
        assert_eq!(crate::meta::caption_label("部 门："), Some(true));
        assert_eq!(crate::meta::caption_label("部门预算支出"), None);
    }

    /// A table on one page: the lines between its header's words and the
    /// first amounts are the first row's name, unless they are pieces of
    /// a wrapped header word (`政府性基金预` / … / `算`).
    #[test]
    fn a_first_rows_name_wrapped_above_its_amounts_is_no_header() {
        let header = "支出项目类别 总计 一般公共
预算拨款 政府性基金预
算拨款 其他收入 上年结余、
结转";
        let named_text = format!("{header}\n深圳市公安局交通管理局\n（本级）");
        let named = body(&named_text);
        assert_eq!(name_after_header(TableKey::ProjectExpense, &named), Some(2));
        assert_eq!(name_after_header(TableKey::ProjectExpense, &body(header)), None);
        let wrapped = body("项目名称 合计 一般公共预算 政府性基金预\n国有资本经营预算\n算");
        assert_eq!(name_after_header(TableKey::ProjectExpense, &wrapped), None);
        let table = format!("{header}\n深圳市公安局交通管理局\n（本级） 100.00 60.00 0.00 40.00 0.00");
        let lines = body(&table);
        let mut findings = Vec::new();
        let raw = table_from_lines(title(TableKey::ProjectExpense), &lines, &[], &[], &mut findings);
        let rows: Vec<(&str, &[String])> = raw.rows.iter().map(|r| (r.cells[0].as_str(), &r.cells[1..])).collect();
        assert_eq!(
            rows,
            [("深圳市公安局交通管理局（本级）", &["100.00", "60.00", "0.00", "40.00", "0.00"].map(String::from)[..])]
        );
    }

    #[test]
    fn an_amount_cut_at_a_pages_end_takes_its_digits_after_the_header() {
        let lines: Vec<BodyLine<'_>> = [
            ("科目编码 科目名称 合计 基本支出 项目支出", 1),
            ("合计 3,809.53 1,338.38 2,471.15", 1),
            ("208 社会保障和就业支", 1),
            ("出 2,7", 1),
            ("27. 1,103.02 1,624.13", 1),
            ("科目编码 科目名称 合计 基本支出 项目支出", 2),
            ("15", 2),
            ("20802 民政管理事务 1,082.38 671.25 411.13", 2),
        ]
        .iter()
        .map(|&(text, page)| BodyLine { text, page, after_blank: false, opens_right: false })
        .collect();
        let mut findings = Vec::new();
        let raw = table_from_lines(title(TableKey::ExpenseSummary), &lines, &[], &[], &mut findings);
        let amounts: Vec<&[String]> = raw.rows.iter().map(|r| &r.cells[2..]).collect();
        assert_eq!(
            amounts,
            [
                ["3,809.53", "1,338.38", "2,471.15"],
                ["2,727.15", "1,103.02", "1,624.13"],
                ["1,082.38", "671.25", "411.13"],
            ]
        );
    }

    #[test]
    fn rows_numbers_are_labels_never_amounts() {
        // 序号 before the code: the number goes beside the row, the code opens it.
        let lines = body("单位：万元\n序号 科目编码 科目名称 合计 人员经费 公用经费\n合计 30.50 20.50 10.00\n1 301 工资福利支出 20.50 20.50 0.00\n2 302 商品和服务支出 10.00 0.00 10.00");
        let mut findings = Vec::new();
        let raw =
            table_from_lines(title(TableKey::GeneralBudgetBasicExpenseByEconomic), &lines, &[], &[], &mut findings);
        let roles: Vec<Role> = raw.columns.iter().map(|c| c.role).collect();
        assert_eq!(&roles[..3], [Role::LineNo, Role::Code, Role::Name]);
        let cells: Vec<&[String]> = raw.rows.iter().map(|r| &r.cells[..]).collect();
        assert_eq!(
            cells,
            [
                ["", "", "合计", "30.50", "20.50", "10.00"],
                ["1", "301", "工资福利支出", "20.50", "20.50", "0.00"],
                ["2", "302", "商品和服务支出", "10.00", "0.00", "10.00"],
            ]
        );
        // 行次 after each item of a two-sided table, a side without an item
        // printing its number alone: no amount, and each line's items one
        // row, as printed. Each item keeps its number beside it; the one
        // opening a line numbers the income side's blank item. The same
        // whether the lines are read by the header's known words (`金额`) or,
        // under a header the line reader does not take (`本期发生额`), as a
        // stream of items.
        for amount_word in ["金额", "本期发生额"] {
            let text = format!("项目 行次 {amount_word} 项目 行次 {amount_word}\n一、财政拨款收入 1 2,851.53 一、一般公共服务支出 32 2,851.53\n9 二、国防支出 33 0.00\n本年收入合计 10 2,851.53 本年支出合计 34 2,851.53");
            let by_lines = crate::text_lines::read_two_sided(
                &mut RawTable::new(title(TableKey::IncomeExpenseSummary)),
                &body(&text),
                (&[], &[]),
                &mut Vec::new(),
            );
            assert_eq!(by_lines, amount_word == "金额");
            two_sided_numbers(&text);
        }
    }

    /// The line numbers of the two-sided table `text`: in a column of their
    /// own on each side, and beside each item once the table is finished.
    fn two_sided_numbers(text: &str) {
        let mut findings = Vec::new();
        let raw = table_from_lines(title(TableKey::IncomeExpenseSummary), &body(text), &[], &[], &mut findings);
        let roles: Vec<Role> = raw.columns.iter().map(|c| c.role).collect();
        assert_eq!(roles, [Role::Name, Role::LineNo, Role::Amount, Role::Name, Role::LineNo, Role::Amount]);
        let table = read(TableKey::IncomeExpenseSummary, text);
        let numbered: Vec<(&str, Option<&str>, String)> =
            table.rows.iter().map(|r| (r.name.as_str(), r.line_no.as_deref(), format!("{:?}", r.cells))).collect();
        let amount = |a: &str| format!("{:?}", [budget_model::Cell::Amount(a.parse().expect("amount"))]);
        assert_eq!(
            numbered,
            [
                ("财政拨款收入", Some("1"), amount("2851.53")),
                ("本年收入合计", Some("10"), amount("2851.53")),
                ("一般公共服务支出", Some("32"), amount("2851.53")),
                ("国防支出", Some("33"), amount("0.00")),
                ("本年支出合计", Some("34"), amount("2851.53")),
            ]
        );
    }

    /// 重庆's 政府采购预算明细表 by source: `项目编号 项目 总计` and the
    /// income sources. Each row prints its total and the sources it has;
    /// which columns they are, the department's income tells (no source
    /// pays more than 部门收支总表 gives of it: 国有资本经营 nothing, 事业收入
    /// 275.00), and for 工程's two the total's sums over the list. The
    /// item's letter stays in 项目编号, the total's spaced label whole.
    #[test]
    fn purchases_by_source_are_placed_by_the_income_and_the_totals_sums() {
        let mut summary = Table::new(TableKey::IncomeExpenseSummary, "1", "部门收支总表");
        summary.unit = Some("万元".into());
        summary.columns = vec![budget_model::Column::amount("预算数")];
        for (name, figure) in [
            ("合计", "583429.56"),
            ("一般公共预算资金", "227955.11"),
            ("政府性基金预算资金", "46209.19"),
            ("国有资本经营预算资金", ""),
            ("事业收入资金", "275.00"),
            ("事业单位经营收入资金", "143181.29"),
            ("其他收入资金", "165808.97"),
        ] {
            let mut r = budget_model::Row::new(name, 3);
            r.section = Some(budget_model::Section::Income);
            r.cells = vec![figure.parse().map_or(budget_model::Cell::Blank, budget_model::Cell::Amount)];
            summary.rows.push(r);
        }
        let lines = body(
            "单位：万元\n项目编号 项目 总计 一般公共预算拨款收入 政府性基金预算拨款收入 国有资本经营预算拨款收入 \
             事业收入 事业单位经营收入 其他收入\n合 计 110,390.99 50,106.43 15,057.75 12,013.07 33,213.75\n\
             A 货物 6,005.76 664.38 87.40 4,845.79 408.19\nB 工程 6,599.50 2,520.00 4,079.50\n\
             C 服务 97,785.73 49,442.05 14,970.35 4,647.28 28,726.06",
        );
        let mut findings = Vec::new();
        let raw = table_from_lines(title(TableKey::GovernmentProcurement), &lines, &[summary], &[], &mut findings);
        let paths: Vec<&str> = raw.columns.iter().map(|c| c.path.as_str()).collect();
        assert_eq!(paths[..3], ["项目编号", "项目", "总计"]);
        assert_eq!(raw.rows[0].cells[..2], ["合计", ""]);
        assert_eq!(raw.rows[2].cells[..2], ["B", "工程"]);
        assert_eq!(
            amounts(&raw, 2),
            [
                ["110,390.99", "50,106.43", "15,057.75", "", "", "12,013.07", "33,213.75"],
                ["6,005.76", "664.38", "87.40", "", "", "4,845.79", "408.19"],
                ["6,599.50", "", "", "", "", "2,520.00", "4,079.50"],
                ["97,785.73", "49,442.05", "14,970.35", "", "", "4,647.28", "28,726.06"],
            ]
        );
        // Without the income, the sums alone tell only that 工程 has none
        // of the first two sources (货物's and 服务's first two add up to
        // the total's): which of the others its two are stays unread.
        let raw = table_from_lines(title(TableKey::GovernmentProcurement), &lines, &[], &[], &mut findings);
        assert_eq!(amounts(&raw, 2)[2], ["6,599.50", "", "", UNREAD, UNREAD, UNREAD, UNREAD]);
    }

    #[test]
    fn amounts_run_together_are_split_at_the_tables_decimals() {
        let lines = body("单位：万元\n科目编码 科目名称 总 计 基本支出\n小计 人员经费 公用经费 项目支出\n合 计 30.5010.50 8.00 2.50 20.00\n201 一般公共服务支出 30.50 10.50 8.00 2.50 20.00");
        let mut findings = Vec::new();
        let raw = table_from_lines(title(TableKey::GeneralBudgetExpenseByFunction), &lines, &[], &[], &mut findings);
        assert_eq!(raw.rows[0].cells, ["", "合 计", "30.50", "10.50", "8.00", "2.50", "20.00"]);
    }

    #[test]
    fn rows_in_doubt_keep_the_cells_their_readings_share() {
        // 201's first two children each print one figure three times (人员经费
        // or 公用经费): one is each, which no sum tells; the third is settled.
        // The two keep 总计 and 小计 and leave the rest unread.
        let lines = body("单位：万元\n科目编码 科目名称 总 计 基本支出\n小计 人员经费 公用经费 项目支出\n201 一般公共服务支出 8.00 8.00 5.00 3.00\n2010301 行政运行 2.00 2.00 2.00\n2010302 一般行政管理事务 2.00 2.00 2.00\n2010350 事业运行 4.00 4.00 3.00 1.00");
        let mut findings = Vec::new();
        let raw = table_from_lines(title(TableKey::GeneralBudgetExpenseByFunction), &lines, &[], &[], &mut findings);
        assert_eq!(
            amounts(&raw, 2),
            [
                ["8.00", "8.00", "5.00", "3.00", ""],
                ["2.00", "2.00", UNREAD, UNREAD, ""],
                ["2.00", "2.00", UNREAD, UNREAD, ""],
                ["4.00", "4.00", "3.00", "1.00", ""],
            ]
        );
        let want = "row `2010301行政运行`: amounts 2.00 2.00 2.00 fit the columns' sums in 2 ways; \
                    cells they disagree on left unread";
        assert!(findings.iter().any(|f| f.message == want), "{findings:?}");
    }

    /// A total row printing every column caps the rows, which no code makes
    /// its parts: 某某局本级's 6.00 is no 事业收入 (4.00 in all), and 某某中心's
    /// 4.00 no 政府性基金 (none); the total's sums settle which of the others.
    #[test]
    fn a_settled_total_row_caps_every_row() {
        let lines = body(
            "单位：万元\n科目编码 科目名称 总计 一般公共预算拨款收入 政府性基金预算拨款收入 事业收入\n\
                          合 计 10.00 6.00 0.00 4.00\n某某局本级 6.00 6.00\n某某中心 4.00 4.00",
        );
        let mut findings = Vec::new();
        let raw = table_from_lines(title(TableKey::IncomeSummary), &lines, &[], &[], &mut findings);
        assert_eq!(
            amounts(&raw, 2),
            [["10.00", "6.00", "0.00", "4.00"], ["6.00", "6.00", "", ""], ["4.00", "", "", "4.00"]]
        );
        // The two rows add up to the total in 总计: a list under it, whose
        // 一般公共预算拨款收入 is 某某局本级's alone, so 某某中心's 4.00 is
        // 事业收入. Where they do not, the list is not taken as summed.
        let lines = body(
            "单位：万元\n科目编码 科目名称 总计 一般公共预算拨款收入 政府性基金预算拨款收入 事业收入\n\
                          合 计 11.00 7.00 0.00 4.00\n某某局本级 6.00 6.00\n某某中心 4.00 4.00",
        );
        let raw = table_from_lines(title(TableKey::IncomeSummary), &lines, &[], &[], &mut findings);
        assert_eq!(amounts(&raw, 2)[2], ["4.00", UNREAD, "", UNREAD]);
    }

    /// A department row placed over units that each print one figure three
    /// times (人员经费 or 公用经费): one is each, which no sum tells. The
    /// department stays whole beside the units' shared cells.
    #[test]
    fn a_parent_over_items_all_in_doubt_stays_whole() {
        let lines = body("单位：万元\n单位编码 单位名称 合 计 基本支出\n小计 人员经费 公用经费 项目支出\n305 某某局 4.00 4.00 2.00 2.00\n305001 某某局本级 2.00 2.00 2.00\n305002 某某中心 2.00 2.00 2.00");
        let mut findings = Vec::new();
        let raw = table_from_lines(title(TableKey::GeneralBudgetExpenseByUnit), &lines, &[], &[], &mut findings);
        assert_eq!(
            amounts(&raw, 2),
            [
                ["4.00", "4.00", "2.00", "2.00", ""],
                ["2.00", "2.00", UNREAD, UNREAD, ""],
                ["2.00", "2.00", UNREAD, UNREAD, ""],
            ]
        );
    }

    /// `21999 其他支出` printed twice makes no group under `219`, and each
    /// of its rows fits 人员经费 or 公用经费: blank, they would read as zeros
    /// under a 219 shown whole.
    #[test]
    fn a_code_printed_twice_in_doubt_leaves_the_table_blank() {
        let lines = body("单位：万元\n科目编码 科目名称 总 计 基本支出\n小计 人员经费 公用经费 项目支出\n219 援助其他地区支出 6.00 6.00 4.00 2.00\n21999 其他支出 4.00 4.00 4.00\n21999 其他支出 2.00 2.00 2.00");
        let mut findings = Vec::new();
        let raw = table_from_lines(title(TableKey::GeneralBudgetExpenseByFunction), &lines, &[], &[], &mut findings);
        assert_eq!(raw.rows.len(), 3);
        assert!(raw.rows.iter().all(|r| r.cells[2..].iter().all(String::is_empty)), "{:?}", raw.rows);
        let want = "row `21999其他支出` is printed twice and its columns are in doubt; \
                    no reading shows the table's sums whole, its amounts are left blank";
        assert!(findings.iter().any(|f| f.message == want), "{findings:?}");
    }

    #[test]
    fn page_numbers_in_words_are_footers() {
        for (line, want) in [
            ("第 19 页，共 40 页", true),
            ("第 5 页", true),
            ("第一页", false),
            ("第 5 页 合计 1.00", false),
            ("共 40 页", false),
        ] {
            assert_eq!(is_page_footer(line), want, "{line}");
        }
    }

    #[test]
    fn cut_amounts_and_wrapped_names_rejoin() {
        let lines = body("单位：万元\n单位编\n码\n单位名称 合计\n基本支出\n项目支出\n小计\n人员经\n费\n公用经\n费\n合计\n1,477.\n88\n1,137.\n88\n935.57 202.32 340.00\n303001\n武昌区人民政府办公室\n本级\n1,477.8\n8\n1,137.8\n8\n935.57 202.32 340.00");
        let mut findings = Vec::new();
        let raw = table_from_lines(title(TableKey::GeneralBudgetExpenseByUnit), &lines, &[], &[], &mut findings);
        assert!(findings.is_empty(), "{findings:?}");
        assert_eq!(raw.unit.as_deref(), Some("万元"));
        let paths: Vec<&str> = raw.columns.iter().map(|c| c.path.as_str()).collect();
        assert_eq!(
            paths,
            ["单位编码", "单位名称", "合计", "基本支出/小计", "基本支出/人员经费", "基本支出/公用经费", "项目支出"]
        );
        assert_eq!(raw.rows[0].cells, ["", "合计", "1,477.88", "1,137.88", "935.57", "202.32", "340.00"]);
        assert_eq!(
            raw.rows[1].cells,
            ["303001", "武昌区人民政府办公室本级", "1,477.88", "1,137.88", "935.57", "202.32", "340.00"]
        );
    }

    /// The standard table's columns name the amounts, whatever groups the
    /// jumbled header seems to print: 公务接待费 printed on the line under
    /// `公务用车购置及运行费` is no car cost. A heading printed over all the
    /// columns stays over them (`本年政府性基金预算支出` / `合计 基本支出
    /// 项目支出`, a table with no rows). A note's page number is no part of
    /// it.
    #[test]
    fn a_standard_table_s_columns_are_the_template_s() {
        let three = "单位：万元\n“三公”经费合计 因公出国（境）费 公务用车购置及运行费\n小计 公务用车购置费 公务用车运行费 公务接待费\n13.92 0.00 12.82 0.00 12.82 1.10";
        let table = read(TableKey::ThreePublicExpense, three);
        assert_eq!(
            paths(&table),
            [
                "“三公”经费合计",
                "因公出国（境）费",
                "公务用车购置及运行费/小计",
                "公务用车购置及运行费/公务用车购置费",
                "公务用车购置及运行费/公务用车运行费",
                "公务接待费"
            ]
        );
        let fund = "单位：万元\n科目编\n码 科目名称 本年政府性基金预算支出\n合计 基本支出 项目支出\n备注：本单位没有使用政府性基金预算拨款安排的支出\n— 3 —";
        let table = read(TableKey::GovernmentFundExpense, fund);
        assert_eq!(
            paths(&table),
            ["本年政府性基金预算支出/合计", "本年政府性基金预算支出/基本支出", "本年政府性基金预算支出/项目支出"]
        );
        assert!(table.rows.is_empty());
        assert_eq!(table.note.as_deref(), Some("备注：本单位没有使用政府性基金预算拨款安排的支出"));
    }

    /// A table read from text and finished, as an earlier table of the
    /// document.
    /// A total its rows do not come to (nat_130, 苏州: `222` added after
    /// the total was set). Where the total adds up (人员经费, 公用经费), it
    /// places the rows whose three equal amounts fit 人员经费 or 公用经费;
    /// the checks are left to report 合计 and 项目支出.
    #[test]
    fn rows_under_a_broken_total_are_placed_by_the_columns_that_add_up() {
        let text = "单位：万元\n基本支出\n科目编码 科目名称 合计 小计 人员经费 公用经费 项目支出\n\
                    合计 3,325.55 1,083.64 582.31 501.33 2,241.91\n\
                    208 社会保障和就业支出 465.60 465.60 465.60\n\
                    20805 行政事业单位养老支出 465.60 465.60 465.60\n\
                    220 自然资源海洋气象等支出 2,859.95 618.04 116.71 501.33 2,241.91\n\
                    22001 自然资源事务 2,859.95 618.04 116.71 501.33 2,241.91\n\
                    222 粮油物资储备支出 388.25 388.25\n\
                    22201 粮油物资事务 388.25 388.25";
        let mut findings = Vec::new();
        let raw =
            table_from_lines(title(TableKey::GeneralBudgetExpenseByFunction), &body(text), &[], &[], &mut findings);
        let table = crate::raw::finish(raw, &mut findings);
        let cells = |i: usize| debug_cells(&table, i);
        let d = |v: i64| format!("Amount({})", Decimal::new(v, 2));
        assert_eq!(table.rows[1].name, "社会保障和就业支出");
        assert_eq!(cells(1), [d(46560), d(46560), d(46560), "Blank".into(), "Blank".into()]);
        assert_eq!(cells(5), [d(38825), "Blank".into(), "Blank".into(), "Blank".into(), d(38825)]);
        assert!(findings.iter().any(|f| f.message.contains("the checks report the difference")), "{findings:?}");
    }

    fn read(key: TableKey, text: &str) -> Table {
        let mut findings = Vec::new();
        crate::raw::finish(table_from_lines(title(key), &body(text), &[], &[], &mut findings), &mut findings)
    }

    /// The column paths of a finished table.
    fn paths(table: &Table) -> Vec<&str> {
        table.columns.iter().map(|c| c.path.as_str()).collect()
    }

    /// The cells of row `i` of a finished table, as their debug forms.
    fn debug_cells(table: &Table, i: usize) -> Vec<String> {
        table.rows[i].cells.iter().map(|c| format!("{c:?}")).collect()
    }

    /// The amount cells of each row, after the label cells.
    fn amounts(raw: &RawTable, labels: usize) -> Vec<Vec<&str>> {
        raw.rows.iter().map(|r| r.cells[labels..].iter().map(String::as_str).collect()).collect()
    }

    /// Two functions of equal income, one of each source: which one is the
    /// 一般公共预算 income is what 一般公共预算支出表 spends on each, where
    /// 部门收支总表 shows no income carried over.
    #[test]
    fn the_fund_tables_settle_which_source_a_functions_income_is() {
        let income = "单位：万元\n科目编码 科目名称 总计 一般公共预算拨款收入 政府性基金预算拨款收入 事业收入\n\
                      合 计 10.00 5.00 0.00 5.00\n201 一般公共服务支出 10.00 5.00 5.00\n\
                      20101 人大事务 5.00 5.00\n20102 政协事务 5.00 5.00";
        let summary = read(
            TableKey::IncomeExpenseSummary,
            "单位：万元\n项目 预算数 项目 预算数\n一、一般公共预算拨款收入 5.00 一、一般公共服务支出 10.00\n\
             二、事业收入 5.00\n收入总计 10.00 支出总计 10.00",
        );
        let general = read(
            TableKey::GeneralBudgetExpenseByFunction,
            "单位：万元\n科目编码 科目名称 合计 基本支出 项目支出\n合计 5.00 3.00 2.00\n\
             201 一般公共服务支出 5.00 3.00 2.00\n20101 人大事务 5.00 3.00 2.00",
        );
        let lines = body(income);
        let alone = table_from_lines(
            title(TableKey::IncomeSummary),
            &lines,
            std::slice::from_ref(&summary),
            &[],
            &mut Vec::new(),
        );
        assert_eq!(amounts(&alone, 2)[2..], [["5.00", UNREAD, "", UNREAD], ["5.00", UNREAD, "", UNREAD]]);
        let raw = table_from_lines(title(TableKey::IncomeSummary), &lines, &[summary], &[general], &mut Vec::new());
        assert_eq!(
            amounts(&raw, 2),
            [
                ["10.00", "5.00", "0.00", "5.00"],
                ["10.00", "5.00", "", "5.00"],
                ["5.00", "5.00", "", ""],
                ["5.00", "", "", "5.00"]
            ]
        );
    }

    #[test]
    fn the_department_expense_settles_a_fund_row() {
        let summary = read(
            TableKey::ExpenseSummary,
            "单位：万元\n科目编码 科目名称 合计 基本支出 项目支出\n合计 3000.00 1000.00 2000.00\n201 一般公共服务支出 1000.00 1000.00\n212 城乡社区支出 2000.00 2000.00",
        );
        let fund = "单位：万元\n科目编码 科目名称 本年政府性基金预算支出\n合计 基本支出 项目支出\n合计 2000.00 2000.00\n212 城乡社区支出 2000.00 2000.00";
        let lines = body(fund);
        let mut findings = Vec::new();
        let alone = table_from_lines(title(TableKey::GovernmentFundExpense), &lines, &[], &[], &mut findings);
        assert_eq!(amounts(&alone, 2), [["2000.00", UNREAD, UNREAD], ["2000.00", UNREAD, UNREAD]]);
        let raw = table_from_lines(title(TableKey::GovernmentFundExpense), &lines, &[summary], &[], &mut Vec::new());
        assert_eq!(amounts(&raw, 2), [["2000.00", "", "2000.00"], ["2000.00", "", "2000.00"]]);
    }

    /// A fund row with no row of its code in 部门支出总表 is settled by the
    /// two total rows: 部门支出总表 has no more 基本支出 than 一般公共预算支出表,
    /// so the fund spends on projects only.
    #[test]
    fn the_department_expense_beyond_the_general_budget_settles_a_fund_row() {
        let summary = read(
            TableKey::ExpenseSummary,
            "单位：万元\n科目编码 科目名称 合计 基本支出 项目支出\n合计 3000.00 1000.00 2000.00\n201 一般公共服务支出 2500.00 1000.00 1500.00\n22960 彩票公益金安排的支出 500.00 500.00",
        );
        let general = read(
            TableKey::GeneralBudgetExpenseByFunction,
            "单位：万元\n科目编码 科目名称 合计 基本支出 项目支出\n合计 2500.00 1000.00 1500.00\n201 一般公共服务支出 2500.00 1000.00 1500.00",
        );
        let fund = "单位：万元\n科目编码 科目名称 合计 基本支出 项目支出\n2296002 用于社会福利的彩票公益金支出 500.00 500.00\n合计 500.00 500.00";
        let lines = body(fund);
        let key = TableKey::GovernmentFundExpense;
        let alone = table_from_lines(title(key), &lines, std::slice::from_ref(&summary), &[], &mut Vec::new());
        assert_eq!(amounts(&alone, 2), [["500.00", UNREAD, UNREAD], ["500.00", UNREAD, UNREAD]]);
        let raw = table_from_lines(title(key), &lines, &[summary, general], &[], &mut Vec::new());
        assert_eq!(amounts(&raw, 2), [["500.00", "", "500.00"], ["500.00", "", "500.00"]]);
    }

    /// A group heading printed on the line above its header
    /// (`基本支出` / `科目编码 科目名称 合计 小计 人员经费 公用经费 项目支出`)
    /// resolves to the template's columns in the template's order, the
    /// order the amounts are placed in.
    #[test]
    fn a_group_above_the_header_leaves_the_template_order() {
        let text = "单位：万元\n基本支出\n科目编码 科目名称 合计 小计 人员经费 公用经费 项目支出\n合计 30.00 10.00 8.00 2.00 20.00\n205 教育支出 30.00 10.00 8.00 2.00 20.00\n2050101 行政运行 10.00 10.00 8.00 2.00";
        let table = read(TableKey::FiscalExpenseByFunction, text);
        assert_eq!(paths(&table), ["合计", "基本支出/小计", "基本支出/人员经费", "基本支出/公用经费", "项目支出"]);
        assert_eq!(debug_cells(&table, 2), ["Amount(10.00)", "Amount(10.00)", "Amount(8.00)", "Amount(2.00)", "Blank"]);
    }

    /// A header of fund columns under two headings printed alone, the
    /// first row's name wrapped before its amounts: the name's first line
    /// is the row's, not the header's, and every row adds up under one
    /// reading only.
    #[test]
    fn fund_columns_under_headings_printed_first() {
        let text = "部门名称：某局 单位：万元\n2026 年预算\n财政拨款 单位资金支出项目类别 总计 一般公共\n预算拨款\n政府性基金预\n算拨款\n国有资本经营\n预算拨款\n财政专户\n管理资金 事业收入 事业单位\n经营收入\n上级补助\n收入\n附属单位\n上缴收入 其他收入\n上年结余、\n结转\n某市规划和自然资源局\n大鹏管理局 1,856.92 1,646.42 15.00 0.00 0.00 0.00 0.00 0.00 0.00 184.50 11.00\n    不动产管理 22.80 22.80 0.00 0.00 0.00 0.00 0.00 0.00 0.00 0.00 0.00\n    区财政安排项目 184.50 0.00 0.00 0.00 0.00 0.00 0.00 0.00 0.00 184.50 0.00";
        let table = read(TableKey::ProjectExpense, text);
        assert_eq!(
            paths(&table),
            [
                "总计",
                "财政拨款/一般公共预算拨款",
                "财政拨款/政府性基金预算拨款",
                "财政拨款/国有资本经营预算拨款",
                "财政专户管理资金",
                "单位资金/事业收入",
                "单位资金/事业单位经营收入",
                "单位资金/上级补助收入",
                "单位资金/附属单位上缴收入",
                "单位资金/其他收入",
                "上年结余、结转",
            ]
        );
        assert_eq!(table.rows.len(), 3);
        assert_eq!(table.rows[0].name, "某市规划和自然资源局大鹏管理局");
        assert_eq!(debug_cells(&table, 0)[..2], ["Amount(1856.92)", "Amount(1646.42)"]);
        assert_eq!(table.rows[2].name, "区财政安排项目");
        assert_eq!(debug_cells(&table, 2)[9], "Amount(184.50)");
    }

    /// The header printed again on the next page lacks the first row's
    /// name wrapped before its amounts: that line is the row's.
    #[test]
    fn the_header_printed_again_shows_where_it_ends() {
        let text = "单位：万元\n科目编码 科目名称 支出总计 基本支出 项目支出\n某市规划和自然资源\n管理局 30.00 10.00 20.00\n201 一般公共服务支出 30.00 10.00 20.00\n- 3 -\n科目编码 科目名称 支出总计 基本支出 项目支出\n20101 人大事务 30.00 10.00 20.00";
        let table = read(TableKey::ExpenseSummary, text);
        assert_eq!(paths(&table), ["支出总计", "基本支出", "项目支出"]);
        let names: Vec<&str> = table.rows.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["某市规划和自然资源管理局", "一般公共服务支出", "人大事务"]);
        assert_eq!(debug_cells(&table, 0), ["Amount(30.00)", "Amount(10.00)", "Amount(20.00)"]);
    }

    /// Rows too short for a header the template does not cover leave all
    /// but their total unread.
    #[test]
    fn rows_too_short_for_their_header_keep_only_their_total() {
        let text = "单位：万元\n本年收入 上年结转结余\n部门代\n码 部门名称 合计 小计 一般公共预\n算 政府性基\n金预算 事业\n收入 小计 一般公共\n预算 单位\n资金\n合计 64,090.74 64,090.74 64,090.74\n068 某局 64,090.74 64,090.74 64,090.74";
        let mut findings = Vec::new();
        let raw = table_from_lines(title(TableKey::IncomeSummary), &body(text), &[], &[], &mut findings);
        let unread = vec![UNREAD; 7];
        let row = |total: &'static str| [vec![total], unread.clone()].concat();
        assert_eq!(amounts(&raw, 2), [row("64,090.74"), row("64,090.74")]);
    }

    /// Rows carrying more amounts than the header names (a spreadsheet's
    /// next table printed before its title, under this one): which column
    /// each amount is in is not known, so the table is left out rather
    /// than given columns of no name whose sums would be checked.
    #[test]
    fn rows_wider_than_the_header_leave_the_table_out() {
        let text = "部门：某局 单位：万元\n小计 公务用车\n购置费 公务用车运\n行维护费\n\n1,656.86 675.10 106.00 156.60 156.60 412.50 884.16 97.60";
        let mut findings = Vec::new();
        let raw = table_from_lines(
            title(TableKey::GeneralBudgetBasicExpenseByEconomic),
            &body(text),
            &[],
            &[],
            &mut findings,
        );
        assert!(raw.columns.is_empty() && raw.rows.is_empty());
        let last = findings.last().map(|f| f.message.as_str()).unwrap_or_default();
        assert_eq!(
            last,
            "header names 3 amount columns, rows carry 8; which column each amount is in is not known, the table is left out"
        );
    }

    /// The head of the next table run into the last row by an extractor
    /// that wrote no line break (`合计单位：万元小计…`) is no row: a line
    /// stating a unit is dropped from the body, and so is a page number
    /// printed between dashes with its digits spaced.
    #[test]
    fn unit_lines_and_page_numbers_among_the_rows_are_no_rows() {
        let text = "单位：万元\n科目编码 科目名称 金额\n合计 60.00\n301 工资福利支出 60.00\n— 1 7 —\n30101 基本工资 60.00\n合计单位：万元小计公务用车购置费1,471.70508.20部门：某局\n单位：万元";
        let table = read(TableKey::GeneralBudgetBasicExpenseByEconomic, text);
        let names: Vec<&str> = table.rows.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["合计", "工资福利支出", "基本工资"]);
    }

    #[test]
    fn a_header_opening_with_the_total_column_is_no_total_row() {
        let amounts = Some("37,188.34  21,968.00  10,208.94  5,011.40");
        assert!(!is_data_start("合计  基本支出  项目支出  单位预留机动经费  结转下年资金", amounts));
        // Run together, as cut from text without line breaks.
        assert!(!is_data_start("合计基本支出项目支出单位预留机动经费结转下年资金", amounts));
        assert!(is_data_start("合计", amounts));
        assert!(is_data_start("合计本级 37,188.34", amounts));
        assert!(is_data_start("合计 —", amounts));
    }

    #[test]
    fn a_year_opens_a_header_line_not_data() {
        let cases = [
            ("2026 年政府采购项目", false),
            ("2025年预算数 2026年预算数", false),
            ("2026 1,200.00 300.00", true),
            ("2542.60833.60 222.50183.60 183.60427.501305.25403.75", true),
            ("201 一般公共服务支出 30.00", true),
        ];
        for (line, data) in cases {
            assert_eq!(is_data_start(line, None), data, "{line}");
        }
    }

    /// A table whose rows print every column, under a header of words no
    /// template holds: the year line opening the header is no data row,
    /// the columns come from the header's words, a unit's wrapped name
    /// rejoins, the unit line of the next page is dropped.
    #[test]
    fn letter_spaced_header_words_are_joined() {
        assert_eq!(unspaced("功能科目编码  功能科目名称  金    额 "), "功能科目编码  功能科目名称  金额 ");
        assert_eq!(unspaced("科目编码 科 目 名 称 总 计 基本支出"), "科目编码 科目名称 总计 基本支出");
        assert_eq!(unspaced("类 款 项"), "类 款 项");
        assert_eq!(unspaced("项    目 2026 年预算数"), "项目 2026 年预算数");
    }

    #[test]
    fn rows_printing_every_column_take_the_header_words() {
        let text = "单位：万元\n2026 年政府采购项目\n预算单位 科目编码 科目名称 支出总计 基本支出 项目支出 事业单位\n经营支出\n对附属单位\n补助支出 上缴上级支出 小计\n其中：2026 年\n政府采购项目\n中预留给\n中小企业的项\n目资金规模\n某局     30.00 10.00 20.00 0.00 0.00 0.00 6.00 5.00\n    某局下属管理\n局 30.00 10.00 20.00 0.00 0.00 0.00 6.00 5.00\n205 教育支出 30.00 10.00 20.00 0.00 0.00 0.00 6.00 5.00\n2050803 培训支出 30.00 10.00 20.00 0.00 0.00 0.00 6.00 5.00\n- 78 -\n部门名称：某局 单位：万元\n20508 进修及培训 30.00 10.01 19.98 0.00 0.00 0.00 6.00 5.00";
        let mut findings = Vec::new();
        let raw = table_from_lines(title(TableKey::ExpenseSummary), &body(text), &[], &[], &mut findings);
        let paths: Vec<&str> = raw.columns.iter().map(|c| c.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "科目编码",
                "科目名称",
                "支出总计",
                "基本支出",
                "项目支出",
                "事业单位经营支出",
                "对附属单位补助支出",
                "上缴上级支出",
                "小计",
                "其中：2026年政府采购项目中预留给中小企业的项目资金规模"
            ]
        );
        let labels: Vec<(&str, &str)> = raw.rows.iter().map(|r| (r.cells[0].as_str(), r.cells[1].as_str())).collect();
        assert_eq!(
            labels,
            [
                ("", "某局"),
                ("", "某局下属管理局"),
                ("205", "教育支出"),
                ("2050803", "培训支出"),
                ("20508", "进修及培训")
            ]
        );
        assert_eq!(amounts(&raw, 2)[4], ["30.00", "10.01", "19.98", "0.00", "0.00", "0.00", "6.00", "5.00"]);
    }

    /// The same rows under a header whose group's leaves come on the next
    /// line (`合计 基本支出 项目支出` / `小计 人员经费 公用经费`) do not add up
    /// in the order the words are printed, and are left to the other
    /// readers, which place them by the template.
    #[test]
    fn rows_that_do_not_add_up_under_the_words_are_not_read_by_them() {
        let text = "单位：万元\n科目编码 科目名称 合计 基本支出 项目支出\n小计 人员经费 公用经费\n合计 30.00 10.00 8.00 2.00 20.00\n201 一般公共服务支出 30.00 10.00 8.00 2.00 20.00";
        let table = read(TableKey::GeneralBudgetExpenseByFunction, text);
        assert_eq!(paths(&table), ["合计", "基本支出/小计", "基本支出/人员经费", "基本支出/公用经费", "项目支出"]);
        assert_eq!(
            debug_cells(&table, 1),
            ["Amount(30.00)", "Amount(10.00)", "Amount(8.00)", "Amount(2.00)", "Amount(20.00)"]
        );
    }

    #[test]
    fn the_department_income_and_the_items_settle_project_funds() {
        let incomes = read(
            TableKey::IncomeExpenseSummary,
            "单位：万元\n收 入 支 出\n项 目 预算数 项 目 预算数\n一、一般公共预算拨款收入 100.00 一、一般公共服务支出 300.00\n二、政府性基金预算拨款收入 200.00 二、国防支出 0.00\n三、国有资本经营预算拨款收入 0.00\n四、财政专户管理资金收入 0.00\n五、事业收入 0.00\n六、事业单位经营收入 0.00\n七、上级补助收入 0.00\n八、附属单位上缴收入 0.00\n九、其他收入 0.00\n本年收入合计 300.00 本年支出合计 300.00\n上年结转结余 0.00 年终结转结余 0.00\n收 入 总 计 300.00 支 出 总 计 300.00",
        );
        let lines = body("单位：万元\n项目名称 项目单位 合计\n本年拨款 财政拨款结转结余\n一般公共预算 政府性基金预算 一般公共预算 政府性基金预算\n合计 300.00 100.00 200.00\n本级支出项目 300.00 100.00 200.00\n项目甲 某局本级 100.00 100.00\n项目乙 某局本级 200.00 200.00");
        let raw = table_from_lines(title(TableKey::ProjectExpense), &lines, &[incomes], &[], &mut Vec::new());
        let mut want = vec![["300.00", "100.00", "200.00", "", ""], ["300.00", "100.00", "200.00", "", ""]];
        want.push(["100.00", "100.00", "", "", ""]);
        want.push(["200.00", "", "200.00", "", ""]);
        assert_eq!(amounts(&raw, 2), want);
    }

    #[test]
    fn a_row_named_by_the_unit_of_the_item_before_it_is_a_stray_item() {
        let l = |cells: &[&str]| cells.iter().map(|c| c.to_string()).collect::<Vec<String>>();
        let labels =
            [l(&["本级支出项目", ""]), l(&["法律顾问服务经费", "某局本级"]), l(&["某局本级", ""]), l(&["某局", ""])];
        let got: Vec<bool> = (0..labels.len()).map(|i| names_the_unit_before(&labels, i)).collect();
        assert_eq!(got, [false, false, true, false]);
    }

    /// Lines of `text`, each marked when a blank line came before it and
    /// when it began with a space.
    fn blank_marked(text: &str) -> Vec<BodyLine<'_>> {
        let lines = crate::front::marked_lines(text);
        lines
            .into_iter()
            .map(|(text, after_blank, opens_right)| BodyLine { text, page: 3, after_blank, opens_right })
            .collect()
    }

    const LATE_NAMES: &str = "单位：万元\n\n项目名称 项目单位 合计\n 本年拨款 财政拨款结转结余\n 单位资金\n\
        一般公共预算 一般公共预算\n\n2,212.33 754.00 0.00 0.00 1,458.33 0.00 0.00 0.00 0.00\n\n\
        某局 2,212.33 754.00 0.00 0.00 1,458.33 0.00 0.00 0.00 0.00\n\n\
        2,212.33 754.00 0.00 0.00 1,458.33 0.00 0.00 0.00 0.00\n\n\
        本级支出项目 2,212.33 754.00 0.00 0.00 1,458.33 0.00 0.00 0.00 0.00\n\n\
        法律顾问服务经费 某局本级 754.00 754.00 0.00 0.00 0.00 0.00 0.00 0.00 0.00\n\n\
        某局本级 1,458.33 0.00 0.00 0.00 1,458.33 0.00 0.00 0.00 0.00\n\n附表10\n 财政专\n户管理\n资金\n\n\
        政府性\n基金预\n算\n 国有资\n本经营\n预算\n 政府性基金\n预算 国有资本\n经营预算\n\n\
        某局本\n级\n\n困难学生资助（彩票公益\n金）\n";

    #[test]
    fn names_printed_after_the_rows_go_to_the_rows_without_one() {
        let mut findings = Vec::new();
        let raw = table_from_lines(title(TableKey::ProjectExpense), &blank_marked(LATE_NAMES), &[], &[], &mut findings);
        let names: Vec<String> = raw.rows.iter().map(|r| r.cells[..2].join("|")).collect();
        assert_eq!(
            names,
            [
                "|",
                "某局|",
                "某局本级|",
                "本级支出项目|",
                "法律顾问服务经费|某局本级",
                "困难学生资助（彩票公益金）|某局本级"
            ]
        );
        assert!(amounts(&raw, 2)[5].iter().any(|c| c.replace(',', "") == "1458.33"), "{:?}", amounts(&raw, 2));
    }

    #[test]
    fn late_names_that_do_not_count_out_leave_the_rows_blank() {
        let text = LATE_NAMES.replace("某局本\n级\n\n", "");
        let mut findings = Vec::new();
        let raw = table_from_lines(title(TableKey::ProjectExpense), &blank_marked(&text), &[], &[], &mut findings);
        assert!(amounts(&raw, 2)[2].iter().all(|c| c.is_empty()));
        assert!(findings.iter().any(|f| f.message.contains("names printed after the rows")), "{findings:?}");
    }

    /// A table by unit with narrow columns, as pdf-extract writes it: each
    /// cell's lines in turn, a space opening the unit's cell and the amounts.
    const NARROW_PROJECTS: &str = "单位：万元\n项目名称 项目单位 合计\n 本年拨款 财政拨款结转结余\n\
        一般公共预算 政府性基金预算 一般公共预算 政府性基金预算\n合计 300.00 100.00 200.00\n\
        某区人民政\n府办公室本\n级\n 300.00 100.00 200.00\n\
        办公用房\n维修改造\n经费\n 某区人民政\n府办公室本\n级\n 100.00 100.00\n\
        12345 政务\n热线经费\n 某区人民政\n府办公室本\n级\n 200.00 200.00";

    #[test]
    fn trimmed_text_cuts_a_units_name_off_the_item_it_ends() {
        let names = |text: &str| {
            let raw = table_from_lines(title(TableKey::ProjectExpense), &blank_marked(text), &[], &[], &mut Vec::new());
            raw.rows.iter().map(|r| r.cells[..2].join("|")).collect::<Vec<_>>()
        };
        let want = ["合计|", "某区人民政府办公室本级|", "办公用房维修改造经费|某区人民政府办公室本级"];
        let mut want = want.to_vec();
        want.push("12345政务热线经费|某区人民政府办公室本级");
        assert_eq!(names(NARROW_PROJECTS), want);
        // Trimmed, the name runs into the unit's (and `12345` alone on its
        // line's first word): the unit the table prints a row of is cut off.
        let trimmed = NARROW_PROJECTS.replace("\n ", "\n");
        assert_eq!(names(&trimmed), want);
    }

    /// An income table whose zeros are printed blank, a row's amounts
    /// wrapped onto a line of their own (pdf-extract begins it with a
    /// space), and the next unit's row.
    const WRAPPED_INCOMES: &str = "单位：万元\n部门（单位）代码 部门（单位）名称 合计 本年收入 上年结转结余\n\
        小计 一般公共预算 政府性基金预算\n合计 5970.10 5578.63 2726.52 2852.11 391.47\n\
        857001 某区人民政府办公室本级 5227.47 5227.47\n 2375.36 2852.11\n\
        857002 某区信访局 742.63 351.16 351.16 391.47";

    /// The amounts of the row named `name` by column path.
    fn row_by_path<'r>(raw: &'r RawTable, name: &str) -> Vec<(&'r str, &'r str)> {
        let row = raw.rows.iter().find(|r| r.cells[1] == name).expect("the row");
        let paths = raw.columns.iter().map(|c| c.path.as_str());
        paths.zip(&row.cells).skip(2).filter(|(_, v)| !v.is_empty()).map(|(p, v)| (p, v.as_str())).collect()
    }

    #[test]
    fn amounts_wrapped_onto_a_line_at_its_left_continue_the_row_in_trimmed_text() {
        let want = [("合计", "5227.47"), ("本年收入/小计", "5227.47"), ("本年收入/一般公共预算", "2375.36")];
        let mut want = want.to_vec();
        want.push(("本年收入/政府性基金预算", "2852.11"));
        let key = TableKey::IncomeSummary;
        // As pdf-extract writes it, the wrapped line begins with a space.
        let raw = table_from_lines(title(key), &blank_marked(WRAPPED_INCOMES), &[], &[], &mut Vec::new());
        assert_eq!(row_by_path(&raw, "某区人民政府办公室本级"), want);
        // Trimmed, no line begins with one: the amounts that follow hold the
        // row's sums with its own, so they continue it.
        let trimmed = WRAPPED_INCOMES.replace("\n ", "\n");
        let raw = table_from_lines(title(key), &blank_marked(&trimmed), &[], &[], &mut Vec::new());
        assert_eq!(row_by_path(&raw, "某区人民政府办公室本级"), want);
        assert_eq!(raw.rows.len(), 3);
    }

    #[test]
    fn amounts_at_its_left_that_do_not_hold_with_the_row_open_a_row_in_trimmed_text() {
        // LATE_NAMES trimmed: a row printed after a full row with its name
        // elsewhere stays a row of its own.
        let trimmed: String = LATE_NAMES.lines().map(str::trim_start).collect::<Vec<_>>().join("\n");
        let raw = table_from_lines(title(TableKey::ProjectExpense), &blank_marked(&trimmed), &[], &[], &mut Vec::new());
        let totals: Vec<&str> = raw.rows.iter().map(|r| r.cells[2].as_str()).collect();
        assert_eq!(totals, ["2,212.33", "2,212.33", "2,212.33", "2,212.33", "754.00", "1,458.33"]);
    }

    /// A table whose item rows print their unit late as well as rows
    /// printed without a name: 3 rows without a name, 4 blocks.
    const LATE_UNITS: &str = "单位：万元\n\n项目名称 项目单位 合计\n 本年拨款 财政拨款结转结余\n 单位资金\n\
        一般公共预算 一般公共预算\n\n30.00 30.00 0.00 0.00 0.00 0.00 0.00 0.00 0.00\n\n\
        某局 30.00 30.00 0.00 0.00 0.00 0.00 0.00 0.00 0.00\n\n\
        20.00 20.00 0.00 0.00 0.00 0.00 0.00 0.00 0.00\n\n\
        本级支出项目 20.00 20.00 0.00 0.00 0.00 0.00 0.00 0.00 0.00\n\n\
        12.00 12.00 0.00 0.00 0.00 0.00 0.00 0.00 0.00\n\n\
        人才引进工作经费 8.00 8.00 0.00 0.00 0.00 0.00 0.00 0.00 0.00\n\n\
        10.00 10.00 0.00 0.00 0.00 0.00 0.00 0.00 0.00\n\n\
        本级支出项目 10.00 10.00 0.00 0.00 0.00 0.00 0.00 0.00 0.00\n\n\
        公路危桥改造项目 10.00 10.00 0.00 0.00 0.00 0.00 0.00 0.00 0.00\n\n附表10\n 财政专\n户管理\n资金\n\n\
        政府性\n基金预\n算\n 国有资\n本经营\n预算\n 政府性基金\n预算 国有资本\n经营预算\n\n某局本\n级\n\n档案数字化管理经\n费 某局本\n级\n\n某局本\n级\n\n某公路事业发\n展中心\n 某公路事业发\n展中心\n";

    #[test]
    fn a_unit_printed_after_the_rows_goes_to_the_item_waiting_for_it() {
        let mut findings = Vec::new();
        let raw = table_from_lines(title(TableKey::ProjectExpense), &blank_marked(LATE_UNITS), &[], &[], &mut findings);
        let names: Vec<String> = raw.rows.iter().map(|r| r.cells[..2].join("|")).collect();
        assert_eq!(
            names,
            [
                "|",
                "某局|",
                "某局本级|",
                "本级支出项目|",
                "档案数字化管理经费|某局本级",
                "人才引进工作经费|某局本级",
                "某公路事业发展中心|",
                "本级支出项目|",
                "公路危桥改造项目|某公路事业发展中心"
            ]
        );
        assert!(amounts(&raw, 2)[6].contains(&"10.00"), "{:?}", amounts(&raw, 2));
        assert!(findings.is_empty(), "{findings:?}");
    }

    /// A project printed blank (its zeros blank) before the next unit's
    /// row: its own row, its cells blank, not a name wrapped into the unit's.
    #[test]
    fn a_project_printed_blank_is_a_row_before_the_next_unit() {
        let text = "单位：元\n\n项目名称 项目单位 合计 本年拨款\n\n合计 30.00 30.00\n\n某办公室 30.00 30.00\n\n\
            某办公室本级 10.00 10.00\n\n本级支出项目 10.00 10.00\n\n值班保障经费 某办公室\n本级 10.00 10.00\n\n\
            突发公共卫生事件\n应急处置经费 某办公室\n本级\n\n某服务中心 20.00 20.00\n\n本级支出项目 20.00 20.00\n\n\
            大厅运行经费 某服务中心 20.00 20.00\n";
        let mut findings = Vec::new();
        let raw = table_from_lines(title(TableKey::ProjectExpense), &blank_marked(text), &[], &[], &mut findings);
        let names: Vec<String> = raw.rows.iter().map(|r| r.cells[..2].join("|")).collect();
        assert_eq!(names[5..7], ["突发公共卫生事件应急处置经费|某办公室本级", "某服务中心|"], "{names:?}");
        // Without the blank line, the lines are one row's wrapped names.
        let glued = text.replace("本级\n\n某服务中心", "本级\n某服务中心");
        let raw = table_from_lines(title(TableKey::ProjectExpense), &blank_marked(&glued), &[], &[], &mut findings);
        assert!(raw.rows.iter().all(|r| r.cells[0] != "某服务中心"));
    }

    /// A unit's projects, one printed blank among them (nothing budgeted):
    /// the unit's row sums all the others, the blank one no end of the run.
    #[test]
    fn a_project_printed_blank_does_not_end_its_units_run() {
        let row = |amounts: &[&str]| TextRow {
            labels: Vec::new(),
            amounts: amounts.iter().map(|a| a.to_string()).collect(),
            page: 1,
            amounts_after_blank: false,
        };
        let rows = [row(&["30.00"]), row(&["10.00"]), row(&[]), row(&["20.00"])];
        let labels: Vec<Vec<String>> =
            [["某中学", ""], ["课后服务补助经费", "某中学"], ["食堂改造项目", "某中学"], ["养老服务补助", "某中学"]]
                .iter()
                .map(|l| l.iter().map(|c| c.to_string()).collect())
                .collect();
        assert_eq!(item_groups(&rows, &labels), [(0, vec![1, 3])]);
    }

    /// The unit row's name run into a unit no item waits for (the item
    /// after it prints its own): the unit is left out, with a finding.
    #[test]
    fn a_unit_after_the_rows_no_item_waits_for_is_left_out() {
        let text = LATE_UNITS.replace("公路危桥改造项目 10.00", "公路危桥改造项目 某局本级 10.00");
        let mut findings = Vec::new();
        let raw = table_from_lines(title(TableKey::ProjectExpense), &blank_marked(&text), &[], &[], &mut findings);
        let names: Vec<String> = raw.rows.iter().map(|r| r.cells[..2].join("|")).collect();
        assert_eq!(names[6..], ["某公路事业发展中心|", "本级支出项目|", "公路危桥改造项目|某局本级"]);
        assert!(findings.iter().any(|f| f.message.contains("is a later item's")), "{findings:?}");
    }

    #[test]
    fn blocks_go_to_waiting_rows_only_one_way() {
        use Wait::{Name as N, Unit as U};
        type Case<'a> = (&'a [Wait], &'a [bool], Option<Vec<usize>>);
        let cases: [Case<'_>; 6] = [
            (&[N, N], &[false, true], Some(vec![0, 1])),
            (&[N, U, N, N, U, N, U, U], &[true, false, false, true, false], Some(vec![0, 2, 3, 4, 5])),
            (&[N, U, N], &[true, true, true], Some(vec![0, 1, 2])),
            // A unit block may be the unit of either item: in doubt.
            (&[N, U, U], &[true, true], None),
            (&[N, U, N], &[false, false, false], None),
            (&[N, N], &[true], None),
        ];
        for (waits, unit, want) in cases {
            assert_eq!(assign(waits, unit), want, "{waits:?} {unit:?}");
        }
    }

    #[test]
    fn header_cells_after_the_rows_complete_the_columns() {
        let lines = body("单位：万元\n合计\n本年收入\n小计 一般公共预算 其他收入\n合计 300.00 300.00 100.00 0.00 0.00 0.00 0.00 200.00 0.00\n101 300.00 300.00 100.00 0.00 0.00 0.00 0.00 200.00 0.00\n部门（单位）代码 部门（单位）名称 上年结转结余政府性基金预算 国有资本经营预算 财政专户管理资金 事业收入\n某局");
        let raw = table_from_lines(title(TableKey::IncomeSummary), &lines, &[], &[], &mut Vec::new());
        let paths: Vec<&str> = raw.columns.iter().map(|c| c.path.as_str()).collect();
        assert!(paths.contains(&"本年收入/政府性基金预算") && paths.contains(&"上年结转结余"), "{paths:?}");
    }

    #[test]
    fn amount_prefixes() {
        for s in ["10,4", "10,119.5", "93", "9359.", "10,119.59", "1,0"] {
            assert!(amount_prefix(s), "{s}");
        }
        for s in ["10,4.5", "1,0000", ".5", "1.2.3", "12,34,567"] {
            assert!(!amount_prefix(s), "{s}");
        }
    }

    #[test]
    fn an_amount_run_into_the_next_item_comes_apart() {
        assert_eq!(
            amount_then_text("91,016,775.35一、一般公共服务支出"),
            Some(("91,016,775.35", "一、一般公共服务支出"))
        );
        for s in ["2010301行政运行", "95.5%", "12.5万元", "1,477.88"] {
            assert_eq!(amount_then_text(s), None, "{s}");
        }
    }

    #[test]
    fn side_words_and_three_sided_headers() {
        for (label, expense) in
            [("三、单位预留机动经费", true), ("一、基本支出", true), ("一、财政拨款", false), ("收入合计", false)]
        {
            assert_eq!(is_expense_label(label), expense, "{label}");
        }
        assert!(has_three_sides(&[
            "收入  支出",
            "项目名称  金额  功能分类  支出用途",
            "功能科目名称  金额  项目名称  金额"
        ]));
        assert!(!has_three_sides(&["收入  支出", "项目名称  金额  支出用途", "项目名称  金额"]));
    }

    #[test]
    fn three_sided_table_is_left_out_with_a_finding() {
        let lines = body("收入  支出\n项目名称  金额  功能分类  支出用途\n功能科目名称  金额  项目名称  金额\n一、财政拨款  21,940.96  一、一般公共服务支出     一、基本支出  13,994.31\n收入合计  21,955.35  支出合计  21,955.35");
        let mut findings = Vec::new();
        let raw = table_from_lines(title(TableKey::IncomeExpenseSummary), &lines, &[], &[], &mut findings);
        assert!(raw.columns.is_empty() && raw.rows.is_empty());
        assert_eq!(findings.len(), 1);
    }

    #[test]
    fn items_go_to_the_side_their_words_name() {
        let income = [
            "一、财政拨款",
            "1.一般公共预算拨款",
            "三、单位资金",
            "5.其他收入",
            "上年结余、结转",
            "收入总计",
            "总计",
            "",
        ];
        for s in income {
            assert!(is_income_side(s), "{s}");
        }
        let expense = ["进修及培训", "行政运行", "大气", "结转下年", "年末结转和结余", "本年支出合计", "自然科学基金"];
        for s in expense {
            assert!(!is_income_side(s), "{s}");
        }
    }

    #[test]
    fn a_running_head_run_into_a_label_is_dropped() {
        assert_eq!(after_running_head("部门名称：深圳市生态环境局单位：万元事业单位医疗"), "事业单位医疗");
        assert_eq!(after_running_head("事业单位医疗"), "事业单位医疗");
    }

    #[test]
    fn two_sided_items_go_to_their_side() {
        let lines = body("收 入 支 出\n项 目 预算数 项 目 预算数\n一、一般公共预算拨款收入 1,477.88 一、一般公共服务支出 1,147.27\n三、国有资本经营预算拨款收\n入\n0.00 三、公共安全支出 0.00\n十、城乡社区支出 0.00\n（二）政府性基金预算拨款 （二）国防支出\n收 入 总 计 1,477.88 支 出 总 计 1,477.88");
        let raw = table_from_lines(title(TableKey::IncomeExpenseSummary), &lines, &[], &[], &mut Vec::new());
        // The (item, amount) pairs of the side whose item is in column `at`.
        let side = |at: usize| -> Vec<(&str, &str)> {
            raw.rows
                .iter()
                .filter(|r| !r.cells[at].is_empty())
                .map(|r| (r.cells[at].as_str(), r.cells[at + 1].as_str()))
                .collect()
        };
        assert_eq!(
            side(0),
            [
                ("一、一般公共预算拨款收入", "1,477.88"),
                ("三、国有资本经营预算拨款收入", "0.00"),
                ("（二）政府性基金预算拨款", ""),
                ("收入总计", "1,477.88")
            ]
        );
        assert_eq!(
            side(2),
            [
                ("一、一般公共服务支出", "1,147.27"),
                ("三、公共安全支出", "0.00"),
                ("十、城乡社区支出", "0.00"),
                ("（二）国防支出", ""),
                ("支出总计", "1,477.88")
            ]
        );
    }

    /// A spreadsheet's text prints the header's lines in any order (nat_039:
    /// `项 目 预算数 项 目 预算数` above `收 入 支 出`). The first row, an
    /// amount run into the next item and no amount standing alone, is a row
    /// all the same, not the header's last line.
    #[test]
    fn a_two_sided_row_run_together_opens_the_rows_under_any_header_order() {
        let lines = body("项 目 预算数 项 目 预算数\n收 入 支 出\n一、一般公共预算资金 565.40一、一般公共服务支出\n二、政府性基金预算资金 二、外交支出\n三、教育支出 575.40\n本年收入合计 565.40 本年支出合计 575.40");
        let raw = table_from_lines(title(TableKey::FiscalIncomeExpenseSummary), &lines, &[], &[], &mut Vec::new());
        let side = |at: usize| -> Vec<(&str, &str)> {
            let items = raw.rows.iter().filter(|r| !r.cells[at].is_empty());
            items.map(|r| (r.cells[at].as_str(), r.cells[at + 1].as_str())).collect()
        };
        assert_eq!(
            side(0),
            [("一、一般公共预算资金", "565.40"), ("二、政府性基金预算资金", ""), ("本年收入合计", "565.40")]
        );
        let expense = [
            ("一、一般公共服务支出", ""),
            ("二、外交支出", ""),
            ("三、教育支出", "575.40"),
            ("本年支出合计", "575.40"),
        ];
        assert_eq!(side(2), expense);
    }
}
