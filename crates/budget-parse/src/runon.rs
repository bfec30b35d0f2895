//! Text in which the extractor wrote no line break: a whole page, or a
//! whole document, on one line.
//!
//! PDFs printed from PostScript (Distiller), their pages rotated, draw each
//! glyph where the text extractor sees no new line, and their text comes
//! out as one run:
//!
//! ```text
//! 公开表五部门：某厅单位：万元功能科目编码功能科目名称金额18,330.37201一般公共服务支出
//! 13,907.7820101人大事务13,907.78…2210202提租补贴2,548.30财政拨款支出预算表（功能科目）合计
//! ```
//!
//! The cells follow in the order the PDF draws them: a page's plain cells
//! (its label, caption, unit, header words, then the rows), and after them
//! its merged cells (the title, the department, the total's label, merged
//! headings). Nothing separates them, but their shapes do:
//! - an amount printed with two decimals ends at its second decimal
//!   (`18,330.379,312.90` is `18,330.37` and `9,312.90`);
//! - a code is the 3, 5 or 7 digits after an amount and before a name
//!   (`13,907.7820101人大事务` is `13,907.78`, `20101`, `人大事务`);
//! - a name ends where an amount starts, and a row where the next code or
//!   name starts;
//! - labels (`公开表五`), captions (`部门：某厅`), units (`单位：万元`) and
//!   titles (`…预算表（功能科目）`) are told by their words.
//!
//! Such a line is cut into lines of those shapes, then each page (opened
//! by its label, caption or unit) is put in the order the table readers
//! take: its title first, the caption (with the department printed among
//! the merged cells when the caption printed none), the unit, the merged
//! headings, the header words, and the rows, the total's label going to
//! the amounts printed alone.
//!
//! Other documents print each page in reading order, its title first, in
//! fake bold (drawn twice), with the page number run into the cells:
//!
//! ```text
//! 一、部门收支总表一、部门收支总表单位：万元收    入支    出项    目预算数项    目预算数
//! 一、一般公共预算拨款收入2604.37一、一般公共服务支出0.00…— 1 —廿五、债务发行费用支出0.00…
//! ```
//!
//! A title right before a unit opens its page where the page so far has a
//! title (else it is that page's merged cell); the title keeps its number
//! and is kept once; page numbers are dropped. Such a page's two-sided
//! rows have each item on a line of its own, and a project run into its
//! unit is cut before a unit a row before named ([`unit_apart`]).
//!
//! What it cannot do: an amount printed without two decimals has no end,
//! and a line holding fewer than [`MIN_AMOUNTS`] such amounts is left as it
//! is; the rows of a table of two or three sides (收支总表) run together,
//! and are read only where the readers' arithmetic settles them. A 收支总表
//! of three lists (its merged cells name 功能分类 and 支出用途) has each item
//! put on a line of its own, at its ordinal or its total's name, since the
//! lists are told apart by the items' names.

use std::borrow::Cow;

use budget_model::{Finding, Line, Page};
use nom::bytes::complete::take_while_m_n;
use nom::character::complete::{char, digit1};
use nom::combinator::recognize;
use nom::multi::many1;
use nom::{IResult, Parser};

use budget_model::TableKey;

use crate::meta::ends_like_organisation;
use crate::norm::{is_cjk, is_total_word, squeeze};
use crate::title::{parse_title, table_label};

/// A line holding a table's worth of cells: this many characters at least…
const MIN_CHARS: usize = 200;
/// …and this many amounts with two decimals.
const MIN_AMOUNTS: usize = 6;

/// The pages with each run-on line cut into lines and put in reading
/// order, with a finding for each table whose rows were left out; `None`
/// when no line runs on (or the pages carry layout).
pub(crate) fn lines_apart(pages: &[Page]) -> Option<(Vec<Page>, Vec<Finding>)> {
    if pages.iter().any(Page::has_layout) {
        return None;
    }
    let runs: Vec<Vec<bool>> = pages.iter().map(|p| p.lines.iter().map(|l| run_on(&l.text)).collect()).collect();
    if !runs.iter().flatten().any(|&r| r) {
        return None;
    }
    let run_on_lines = pages.iter().zip(&runs).flat_map(|(p, runs)| p.lines.iter().zip(runs));
    let heads = running_heads(run_on_lines.filter(|(_, &r)| r).map(|(l, _)| l.text.as_str()));
    let mut findings = Vec::new();
    let split = pages
        .iter()
        .zip(&runs)
        .map(|(p, runs)| {
            let mut lines = Vec::with_capacity(p.lines.len());
            for (l, &runs_on) in p.lines.iter().zip(runs) {
                if !runs_on {
                    lines.push(l.clone());
                    continue;
                }
                let cut = cut_lines(&column_numbers_out(&page_marks_out(&broken_amounts_whole(&l.text))));
                let mut cut = heads_apart(cut, &heads);
                let label_first = cut.first().is_some_and(|c| c.kind == Kind::Words && is_total_word(c.text.as_str()));
                if label_first && total_label_to_amounts(&mut lines, &cut[0].text) {
                    cut.remove(0);
                }
                let (cut, left_out) = in_reading_order(cut);
                findings.extend(left_out.into_iter().map(|(title, rows, why)| Finding {
                    page: p.number,
                    table: title.clone(),
                    message: format!(
                        "table `{title}` (page {}): its text runs on without line breaks and its header names {why}; \
                         {rows} rows whose cells could not be told apart left out",
                        p.number
                    ),
                }));
                for (k, c) in cut.into_iter().enumerate() {
                    let first = k == 0;
                    lines.push(Line {
                        opens_right: first && l.opens_right,
                        after_blank: first && l.after_blank || c.after_blank,
                        ..Line::text(c.text)
                    });
                }
            }
            Page { lines, ..p.clone() }
        })
        .collect();
    Some((split, findings))
}

/// The kinds of document a heading printed over the pages names, longest
/// first.
const DOCUMENT_KINDS: [&str; 8] = [
    "部门预算信息公开",
    "部门决算信息公开",
    "部门预算公开",
    "部门决算公开",
    "部门预算",
    "部门决算",
    "单位预算",
    "单位决算",
];

/// The document's heading printed over its pages and run into the cells
/// (`…154,962.85云湖区教育局2025年部门预算2101103公务员医疗补助…`): a string
/// naming the document, its year then its kind
/// ([`crate::segment::names_the_document`]), that the run-on lines hold
/// three times or more. Each is the longest such string ending at a kind
/// and opening with a CJK character, so no amount or word before it on
/// some pages is taken with it.
fn running_heads<'a>(texts: impl Iterator<Item = &'a str> + Clone) -> Vec<String> {
    let mut counted: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    let mut count = |s: &'a str| *counted.entry(s).or_insert_with(|| texts.clone().map(|t| t.matches(s).count()).sum());
    let mut heads: Vec<String> = Vec::new();
    for t in texts.clone() {
        for (at, _) in t.match_indices('年') {
            let year = &t[..at];
            if year.len() < 4 || !year.as_bytes()[year.len() - 4..].iter().all(u8::is_ascii_digit) {
                continue;
            }
            let after = &t[at + '年'.len_utf8()..];
            let after = after.strip_prefix('度').unwrap_or(after);
            let Some(kind) = DOCUMENT_KINDS.iter().find(|k| after.starts_with(**k)) else { continue };
            let end = t.len() - after.len() + kind.len();
            let name_end = year.len() - 4;
            // The name before the year: CJK characters, at most 40.
            let starts = t[..name_end].char_indices().rev().take_while(|(_, c)| is_cjk(*c)).take(40).map(|(i, _)| i);
            let head = starts
                .map(|from| &t[from..end])
                .take_while(|h| count(h) >= 3)
                .filter(|h| crate::segment::names_the_document(h))
                .last();
            if let Some(h) = head.filter(|h| !heads.iter().any(|k| k == h)) {
                heads.push(h.to_string());
            }
        }
    }
    heads
}

/// Cut lines with the document's heading (see [`running_heads`]) run into
/// the words that open them cut apart, the heading a line of its own: a
/// project's name after it (`云湖区教育局2025年部门预算校舍维修改造经费…`) is
/// the row's, the heading no part of it. A title that goes on after the
/// heading's words (`…2025年部门预算表`) is left whole.
fn heads_apart(cut: Vec<Cut>, heads: &[String]) -> Vec<Cut> {
    if heads.is_empty() {
        return cut;
    }
    let mut out = Vec::with_capacity(cut.len());
    for c in cut {
        let head = heads.iter().find(|h| c.text.len() > h.len() && c.text.starts_with(h.as_str()));
        match head {
            Some(h) if !c.text[h.len()..].starts_with('表') => {
                out.push(Cut { kind: Kind::Words, text: h.clone(), after_blank: c.after_blank });
                // A code after the heading opens its row as after an amount
                // (`…预算229其他支出` is code 229, `其他支出`).
                let rest = c.text[h.len()..].trim();
                let text = match code_len(rest) {
                    Some(len) => format!("{} {}", &rest[..len], &rest[len..]),
                    None => rest.to_string(),
                };
                out.push(Cut { text, after_blank: false, ..c });
            }
            _ => out.push(c),
        }
    }
    out
}

/// A total's label opening a run-on line (`合计部门：某厅单位：万元…`) is the
/// last merged cell of the table printed before it, whose total's amounts
/// came alone after its header (` 11,700.63`): the label goes to the first
/// line of amounts alone on the page, when no line there carries a total's
/// label. Whether it went.
fn total_label_to_amounts(lines: &mut [Line], label: &str) -> bool {
    if lines.iter().any(|l| l.text.trim_start().starts_with(['合', '总'])) {
        return false;
    }
    match lines.iter_mut().find(|l| amounts_alone(&l.text)) {
        Some(l) => {
            l.text = format!("{label} {}", l.text.trim());
            true
        }
        None => false,
    }
}

/// Whether a line runs on: long, and holding [`MIN_AMOUNTS`] amounts with
/// two decimals run into what is before them, two in three of its amounts
/// at least (its header words may still be letter-spaced: `收    入`). A line whose
/// amounts print more decimals (an amount's second decimal followed by
/// digits that open no code, year or numbered note: `68,500.000000`) has
/// amounts with no end to find, and is left as it is.
fn run_on(text: &str) -> bool {
    let chars = text.chars().count();
    if chars < MIN_CHARS {
        return false;
    }
    let pieces = pieces(text);
    // Amounts run into what is before them (`收入2604.37`, `18,330.379,312.90`),
    // two in three at least: a line of cells apart has spaces before them.
    let amounts: Vec<&str> =
        pieces.iter().filter_map(|p| if let Piece::Amount(a) = p { Some(*a) } else { None }).collect();
    let run_in = amounts
        .iter()
        .filter(|a| {
            let at = a.as_ptr() as usize - text.as_ptr() as usize;
            text[..at].chars().next_back().is_some_and(|c| !c.is_whitespace())
        })
        .count();
    if run_in * 3 < amounts.len() * 2 {
        return false;
    }
    let longer = pieces.windows(2).any(|w| match w {
        [Piece::Amount(_), Piece::Text(t)] => {
            let after = t.trim_start_matches(|c: char| c.is_ascii_digit());
            // A year (`100.002025年…`) or a note's item number (`30.002.采购…`,
            // `30.002、…`) may follow an amount.
            let item = after.strip_prefix(['.', '、']).unwrap_or(after);
            after.len() < t.len() && !item.starts_with(is_cjk)
        }
        _ => false,
    });
    !longer && run_in >= MIN_AMOUNTS
}

/// A piece of a run-on line.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Piece<'a> {
    /// `18,330.37`, `0.79`.
    Amount(&'a str),
    /// `201`, `20101`, `2010101`: digits after an amount, before a name;
    /// a unit's `327001` before the unit's name.
    Code(&'a str),
    /// Anything else.
    Text(&'a str),
}

/// An amount with two decimals, its thousands separated
/// (`18,330.37` of `18,330.379,312.90`) or not (`729.00` of
/// `729.002010106`). The separated form is tried first: the plain one would
/// read `18` and stop at the comma.
fn two_decimals(i: &str) -> IResult<&str, &str> {
    let decimals = || (char('.'), take_while_m_n(2, 2, |c: char| c.is_ascii_digit()));
    let separated = recognize((
        take_while_m_n(1, 3, |c: char| c.is_ascii_digit()),
        many1((char(','), take_while_m_n(3, 3, |c: char| c.is_ascii_digit()))),
        decimals(),
    ));
    let plain = recognize((digit1, decimals()));
    nom::branch::alt((separated, plain)).parse(i)
}

/// Characters that make digits before them a count, not a code
/// (`2019年`, `20万以下`, `3个`); not characters a name may open with
/// (`20101人大事务`).
const COUNTS: &str = "年月日万个%％";

/// The line in pieces: amounts, codes and the text between.
fn pieces(text: &str) -> Vec<Piece<'_>> {
    let mut out: Vec<Piece<'_>> = Vec::new();
    let mut last_code: Option<&str> = None;
    let mut text_from = 0;
    let mut i = 0;
    while i < text.len() {
        let rest = &text[i..];
        let digit_here = rest.starts_with(|c: char| c.is_ascii_digit());
        let after_digit = text[..i].ends_with(|c: char| c.is_ascii_digit() || c == ',' || c == '.');
        if !digit_here || (after_digit && text_from < i) {
            i += rest.chars().next().map_or(1, char::len_utf8);
            continue;
        }
        let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let after_amount = text_from == i && matches!(out.last(), Some(Piece::Amount(_))) || i == 0;
        // A row printed blank leaves its name before the next code
        // (`21004公共卫生2100410突发…`): a code of the class of the code
        // before it may follow a name.
        let same_class = last_code.is_some_and(|c| digits > 3 && c.get(..3) == rest.get(..3));
        let after_blank_row = text_from < i && text[..i].chars().next_back().is_some_and(is_cjk) && same_class;
        let opens_row = after_amount || after_blank_row;
        let piece = if let Some(len) = code_len(rest).filter(|_| opens_row) {
            Some(Piece::Code(&rest[..len]))
        } else {
            two_decimals(rest).ok().map(|(_, a)| Piece::Amount(a))
        };
        match piece {
            Some(p) => {
                if text_from < i {
                    out.push(Piece::Text(&text[text_from..i]));
                }
                let len = match p {
                    Piece::Amount(s) | Piece::Code(s) | Piece::Text(s) => s.len(),
                };
                if let Piece::Code(c) = p {
                    last_code = Some(c);
                }
                out.push(p);
                i += len;
                text_from = i;
            }
            None => i += digits,
        }
    }
    if text_from < text.len() {
        out.push(Piece::Text(&text[text_from..]));
    }
    out
}

/// The length of the code `rest` opens with, before a name: 3, 5 or 7
/// digits of a class of the classifications (`20101人大事务`), or a unit's
/// 6 digits before its name (`327001某区民政局本级`). `None` for digits of
/// no class (`12345热线`) or before a count (`2019年`).
fn code_len(rest: &str) -> Option<usize> {
    let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let coded = [3, 5, 7].contains(&digits) && of_a_class(rest) || digits == 6 && names_a_unit(&rest[digits..]);
    let named = rest[digits..].starts_with(|c: char| is_cjk(c) && !COUNTS.contains(c));
    (coded && named).then_some(digits)
}

/// Whether digits open with a class of the budget's classifications:
/// income 101–110, function 201–239, economic 301–399 and 501–599
/// (`2010101`, `30201`, `50502`); `12345` (a hotline's number opening a
/// project's name) opens with none.
fn of_a_class(digits: &str) -> bool {
    let class = digits.get(..3).and_then(|c| c.parse::<u32>().ok()).unwrap_or(0);
    matches!(class, 101..=110 | 201..=239 | 301..=399 | 501..=599)
}

/// Whether the text a line goes on with names a unit (a budget unit's
/// 6-digit code comes before it: `327001某区民政局本级`), up to the next
/// digit.
fn names_a_unit(rest: &str) -> bool {
    let name = &rest[..rest.find(|c: char| c.is_ascii_digit()).unwrap_or(rest.len())];
    ends_like_organisation(name.strip_suffix("本级").unwrap_or(name))
}

/// What a cut line is, for putting a page in order.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    /// `公开表五`.
    Label,
    /// `部门：某厅`, `编制单位：某院`.
    Caption,
    /// `单位：万元`.
    Unit,
    /// `财政拨款支出预算表（功能科目）`.
    Title,
    /// A code or amounts, with their name.
    Row,
    /// Words alone: header words, a department, a total's label.
    Words,
}

/// A line cut from a run-on line.
#[derive(Debug, Clone, PartialEq)]
struct Cut {
    kind: Kind,
    text: String,
    /// Printed after a blank line: a row that follows a project printed
    /// blank (see [`unit_apart`]).
    after_blank: bool,
}

impl Cut {
    fn new(kind: Kind, text: &str) -> Cut {
        Cut { kind, text: text.trim().to_string(), after_blank: false }
    }
}

/// The line cut at its pieces' edges: a code opens a row, amounts close
/// it, and the text between is cut at labels, captions, units and titles.
fn cut_lines(text: &str) -> Vec<Cut> {
    let mut out: Vec<Cut> = Vec::new();
    let mut open: Option<Cut> = None;
    let close = |open: &mut Option<Cut>, out: &mut Vec<Cut>| out.extend(open.take().filter(|c| !c.text.is_empty()));
    for piece in pieces(text) {
        match piece {
            Piece::Code(code) => {
                close(&mut open, &mut out);
                open = Some(Cut::new(Kind::Row, code));
            }
            Piece::Amount(a) => {
                // Header words before the first amounts: the amounts are a
                // row of their own, named by what follows the header.
                if let Some(words) = open.as_mut().filter(|c| c.kind == Kind::Words) {
                    if let Some((header, name)) = header_and_name(&words.text) {
                        words.text = header;
                        close(&mut open, &mut out);
                        open = Some(Cut::new(Kind::Row, &name));
                    }
                }
                let row = open.get_or_insert_with(|| Cut::new(Kind::Row, ""));
                row.kind = Kind::Row;
                row.text = format!("{} {a}", row.text).trim().to_string();
            }
            Piece::Text(t) => {
                for (kind, part) in text_parts(t) {
                    match (kind, open.as_mut()) {
                        // A name goes with the code before it, or opens a
                        // row; after amounts it opens the next one.
                        (Kind::Words, Some(row)) if !row.text.contains('.') => {
                            row.text = format!("{} {}", row.text, part.trim());
                        }
                        (Kind::Words, _) => {
                            close(&mut open, &mut out);
                            open = Some(Cut::new(Kind::Words, part));
                        }
                        _ => {
                            close(&mut open, &mut out);
                            out.push(Cut::new(kind, part));
                        }
                    }
                }
            }
        }
    }
    close(&mut open, &mut out);
    titles_whole(out)
}

/// Titles as the table readers take them: a table's number printed before
/// its title goes with it (`一、` / `部门收支总表` is `一、部门收支总表`, `表5-1.` /
/// `一般公共预算支出表（分功能科目）` is `表5-1.一般公共预算支出表（分功能科目）`), and a
/// title printed twice in a row (in fake bold, drawn twice a hair apart)
/// is kept once. Page numbers (`— 3 —`) run into the cells are dropped.
fn titles_whole(cut: Vec<Cut>) -> Vec<Cut> {
    let mut out: Vec<Cut> = Vec::with_capacity(cut.len());
    for mut c in cut {
        if c.kind == Kind::Title {
            let numbered = out.last().filter(|w| w.kind == Kind::Words).is_some_and(|w| {
                let (ordinal, rest) = crate::lex::split_ordinal(&w.text);
                let number_alone = crate::lex::table_number(&w.text).is_some_and(|(_, rest)| rest.is_empty());
                !ordinal.is_empty() && rest.is_empty() || number_alone
            });
            if numbered {
                let number = out.pop().map(|w| w.text).unwrap_or_default();
                c.text = format!("{number}{}", c.text);
            }
            if out.last() == Some(&c) {
                continue;
            }
        }
        out.push(c);
    }
    out
}

/// Words only a header holds, the last of which ends it.
const HEADER_ENDS: [&str; 4] = ["名称", "金额", "编码", "代码"];

/// Header words printed before the first amounts, cut into the header and
/// the name of the row the amounts are: the header ends after the last
/// word only a header holds (`功能科目代码功能科目名称金额` / `合计`), and a
/// last column's name run into the total's label goes with it
/// (`科目名称机关运行经费支出` / `合计`); a total's label printed before the
/// header (`合     计科目编码科目名称…`) names the row. Words naming both
/// 基本支出 and 项目支出 are a header whole (`合计基本支出项目支出…`).
/// `None` for a row's name (`一、财政拨款`).
fn header_and_name(words: &str) -> Option<(String, String)> {
    let words = squeeze(words);
    if words.contains("基本支出") && words.contains("项目支出") {
        // A total's label run onto the header's last column
        // (`…基本支出项目支出合计` / `770.00 0.00 770.00`,
        // `…项目支出政府采购预算合计`) names the row.
        let total = ["合计", "总计"].into_iter().find(|t| words.strip_suffix(t).is_some_and(|h| !h.is_empty()));
        return Some(match total {
            Some(t) => (words[..words.len() - t.len()].to_string(), t.to_string()),
            None => (words, String::new()),
        });
    }
    let end = HEADER_ENDS.iter().filter_map(|w| words.rfind(w).map(|at| at + w.len())).max()?;
    let (header, rest) = words.split_at(end);
    let total = ["合计", "总计"].into_iter().find(|t| header.starts_with(t) && header.len() > t.len());
    if let Some(total) = total {
        return Some((format!("{}{rest}", &header[total.len()..]), total.to_string()));
    }
    match ["合计", "总计"].into_iter().find_map(|t| rest.strip_suffix(t).map(|c| (c, t))) {
        Some((column, total)) if !column.is_empty() => Some((format!("{header}{column}"), total.to_string())),
        // Columns after the last header word (`项目名称` / `项目单位合计本年
        // 拨款…`): a row's name holds no total's label with words after it,
        // so the words are the header's and the amounts a row printed
        // without a name.
        _ if ["合计", "总计"].iter().any(|t| rest.find(t).is_some_and(|at| at + t.len() < rest.len())) => {
            Some((words, String::new()))
        }
        _ => Some((header.to_string(), rest.to_string())),
    }
}

/// Words that open a caption.
const CAPTIONS: [&str; 4] = ["编制单位", "单位名称", "预算单位", "部门"];

/// Text cut into labels, captions, units, titles and the words between.
fn text_parts(text: &str) -> Vec<(Kind, &str)> {
    let mut marks: Vec<(usize, usize, Kind)> = Vec::new();
    let starts: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
    let mut k = 0;
    while k < starts.len() {
        let at = starts[k];
        let found = label_at(text, at)
            .map(|end| (end, Kind::Label))
            .or_else(|| unit_at(text, at).map(|end| (end, Kind::Unit)))
            .or_else(|| caption_at(text, at).map(|end| (end, Kind::Caption)));
        match found {
            Some((end, kind)) => {
                marks.push((at, end, kind));
                while k < starts.len() && starts[k] < end {
                    k += 1;
                }
            }
            None => k += 1,
        }
    }
    let mut out: Vec<(Kind, &str)> = Vec::new();
    let mut from = 0;
    for (at, end, kind) in marks {
        out.extend(titles_within(&text[from..at]));
        out.push((kind, &text[at..end]));
        from = end;
    }
    out.extend(titles_within(&text[from..]));
    out.retain(|(_, t)| !t.trim().is_empty());
    out
}

/// The end of a table label starting at `at` (`公开表五`, `公开05表`,
/// `附表3-1`): the longest one there.
fn label_at(text: &str, at: usize) -> Option<usize> {
    let rest = &text[at..];
    if !rest.starts_with("公开") && !rest.starts_with("附表") {
        return None;
    }
    rest.char_indices()
        .skip(2)
        .take(8)
        .map(|(i, c)| i + c.len_utf8())
        .filter(|&e| table_label(&rest[..e]).is_some())
        .last()
        .map(|e| at + e)
}

/// The line with each amount broken over a page made whole again. A row
/// at a page's foot whose 合计 wraps prints the amount's start on the page
/// and its decimals at the head of the next page's rows, before the next
/// row's code: `支出2,727.1,103.021,624.13— 1 —…项目支出1520802民政管理事务`
/// is `2,727.15`, `1,103.02`, `1,624.13` and, on the next page, `20802`
/// 民政管理事务. An amount ended by its point, followed by a whole amount
/// (`1,103.02`) or by no digit, takes the two digits that open the next
/// page's first digits, where those are two digits and a code of a class
/// before a name, and no amount comes between the page's number and them.
fn broken_amounts_whole(text: &str) -> Cow<'_, str> {
    let mut out = Cow::Borrowed(text);
    let mut from = 0;
    while let Some(point) = broken_amount(&out, from) {
        let Some(at) = next_page_decimals(&out[point..]).map(|d| point + d) else {
            from = point + 1;
            continue;
        };
        let mut joined = String::with_capacity(out.len());
        joined.push_str(&out[..point + 1]);
        joined.push_str(&out[at..at + 2]);
        joined.push_str(&out[point + 1..at]);
        joined.push_str(&out[at + 2..]);
        out = Cow::Owned(joined);
        from = point + 3;
    }
    out
}

/// The point of the first amount at or after `from` that its point ends:
/// digits with thousands separated (`2,727.`) before a point that no digit
/// follows, or a whole amount (`2,727.1,103.02`).
fn broken_amount(text: &str, from: usize) -> Option<usize> {
    let mut at = from;
    while let Some(p) = text.get(at..)?.find('.').map(|p| at + p) {
        at = p + 1;
        let before = &text[..p];
        let int = before.len() - before.trim_end_matches(|c: char| c.is_ascii_digit() || c == ',').len();
        let whole = &before[p - int..];
        let separated = whole.contains(',') && separated_thousands(whole);
        if !separated {
            continue;
        }
        // `3,809.531,338.38` is `3,809.53` and `1,338.38`: an amount whose
        // decimals leave no comma after them is whole.
        if two_decimals(&text[p - int..]).is_ok_and(|(rest, _)| !rest.starts_with(',')) {
            continue;
        }
        let after = &text[at..];
        let amount_next = two_decimals(after).is_ok_and(|(_, a)| a.contains(','));
        if amount_next || !after.starts_with(|c: char| c.is_ascii_digit()) {
            return Some(p);
        }
    }
    None
}

/// Whether `digits` is an amount's whole part with its thousands
/// separated: `2,727`, `12,345,678`.
fn separated_thousands(digits: &str) -> bool {
    let mut groups = digits.split(',');
    let first = groups.next().unwrap_or_default();
    (1..=3).contains(&first.len()) && groups.all(|g| g.len() == 3)
}

/// Where, in `text` (from a broken amount's point on), the next page's
/// rows open with two digits before a code of a class and its name
/// (`1520802民政管理事务` after `— 1 —`), with no amount between the
/// page's number and them (a title's number or a year may be).
fn next_page_decimals(text: &str) -> Option<usize> {
    let mark = text.char_indices().find_map(|(i, _)| page_mark_at(text, i))?;
    let mut at = mark;
    loop {
        at += text[at..].find(|c: char| c.is_ascii_digit())?;
        let rest = &text[at..];
        if two_decimals(rest).is_ok() {
            return None;
        }
        let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let name_next = rest[digits..].starts_with(is_cjk);
        if [5, 7, 9].contains(&digits) && name_next && rest.get(2..digits).is_some_and(of_a_class) {
            return Some(at);
        }
        // A title's number (`表3`) or a year before the rows.
        at += digits;
    }
}

/// The line without the page numbers run into its cells (`— 3 —`,
/// `- 3 -`): a code after one is then after an amount, as printed
/// (`0.00— 1 —2081001儿童福利` is `0.00`, `2081001`, `儿童福利`).
fn page_marks_out(text: &str) -> Cow<'_, str> {
    let mut out = String::new();
    let mut from = 0;
    for (at, _) in text.char_indices() {
        if at < from {
            continue;
        }
        if let Some(end) = page_mark_at(text, at) {
            out.push_str(&text[from..at]);
            from = end;
        }
    }
    if from == 0 {
        return Cow::Borrowed(text);
    }
    out.push_str(&text[from..]);
    Cow::Owned(out)
}

/// The line without the column numbers printed after `栏次`, which run
/// into the first row's code (`栏次12321011行政事业单位医疗` is 栏次 1 2 3 and
/// `21011`): after each `栏次`, the numbers counting up from the last one
/// taken (from 1), as long as the text goes on with the next.
fn column_numbers_out(text: &str) -> Cow<'_, str> {
    if !text.contains("栏次") {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut next = 1;
    let mut rest = text;
    while let Some(at) = rest.find("栏次") {
        let end = at + "栏次".len();
        out.push_str(&rest[..end]);
        rest = &rest[end..];
        // A header printed again on the next page numbers its columns from
        // 1 again (`栏次123` / … / `栏次12321011行政事业单位医疗`).
        let takes = |n: usize, rest: &str| rest.starts_with(n.to_string().as_str());
        if next > 1 && !takes(next, rest) && takes(1, rest) {
            next = 1;
        }
        // A number that goes on as an amount (the `4` of `栏次1234,567.00`)
        // is none.
        while let Some(after) = rest.strip_prefix(next.to_string().as_str()).filter(|a| !a.starts_with([',', '.'])) {
            rest = after;
            next += 1;
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// The end of a page number starting at `at`: `— 3 —`, `- 3 -`.
fn page_mark_at(text: &str, at: usize) -> Option<usize> {
    let rest = &text[at..];
    let dash = rest.chars().next().filter(|c| ['—', '-', '－'].contains(c))?;
    let inner = rest[dash.len_utf8()..].trim_start();
    let digits = inner.len() - inner.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 || digits > 4 {
        return None;
    }
    let tail = &inner[digits..];
    let after = tail.trim_start().strip_prefix(dash)?;
    // A hyphen without spaces joins numbers (`表5-1-2`); an em dash marks
    // a page with or without them.
    let spaced = inner.len() < rest.len() - dash.len_utf8() && tail.starts_with(char::is_whitespace);
    (dash == '—' || spaced).then_some(text.len() - after.len())
}

/// The end of a unit starting at `at`: `单位：万元`, `单位:元`,
/// `金额单位：万元`.
fn unit_at(text: &str, at: usize) -> Option<usize> {
    let rest = &text[at..];
    let rest = rest.strip_prefix("金额").unwrap_or(rest).strip_prefix("单位")?;
    let rest = rest.strip_prefix(['：', ':'])?.trim_start();
    let unit = ["万元", "千元", "亿元", "元"].into_iter().find(|u| rest.starts_with(u))?;
    Some(text.len() - rest.len() + unit.len())
}

/// The end of a caption starting at `at` (`部门：某厅`): its value runs to
/// the unit after it, when one comes within 40 characters; else the
/// caption is its word alone (`部门：`).
fn caption_at(text: &str, at: usize) -> Option<usize> {
    let rest = &text[at..];
    let word = CAPTIONS.iter().find(|w| rest.starts_with(*w))?;
    if *word == "部门" && text[..at].ends_with(['本', '各']) {
        return None;
    }
    let after = rest[word.len()..].strip_prefix(['：', ':'])?;
    let value_at = text.len() - after.len();
    let unit = after
        .char_indices()
        .take(40)
        .take_while(|&(i, _)| i == 0 || !CAPTIONS.iter().any(|w| after[i..].starts_with(w)))
        .find(|&(i, _)| unit_at(text, value_at + i).is_some() && !after[..i].ends_with("编制"))
        .map(|(i, _)| value_at + i);
    Some(unit.unwrap_or(value_at))
}

/// Words that open a table name (or a year before it).
const TITLE_STARTS: [&str; 14] = [
    "收支",
    "收入",
    "支出",
    "财政拨款",
    "一般公共预算",
    "政府性基金",
    "国有资本",
    "“三公”",
    "\"三公\"",
    "政府采购",
    "机关运行",
    "部门",
    "单位",
    "项目",
];

/// Header words a title does not hold.
const NOT_IN_TITLES: [&str; 9] = ["名称", "金额", "编码", "代码", "合计", "小计", "总计", "用途", "本部门"];

/// Text cut around the titles in it: `…资金收入预算总表项目名称…` gives
/// `…资金`, `收入预算总表`, `项目名称…`. A title ends at `表` (and the
/// qualifier after it, `（功能科目）`); where it starts is [`title_start`]'s.
fn titles_within(text: &str) -> Vec<(Kind, &str)> {
    let mut out = Vec::new();
    let mut from = 0;
    for (end_at, _) in text.match_indices('表') {
        let mut end = end_at + '表'.len_utf8();
        if end_at < from || text[..end_at].ends_with('报') {
            continue;
        }
        let tail = &text[end..];
        if let Some(q) = tail.strip_prefix(['（', '(']) {
            if let Some(close) = q.find(['）', ')']).filter(|&c| q[..c].chars().count() <= 8) {
                end += tail.len() - q.len() + close + q[close..].chars().next().map_or(0, char::len_utf8);
            }
        }
        if let Some(start) = title_start(text, from, end_at, end) {
            out.push((Kind::Words, &text[from..start]));
            out.push((Kind::Title, &text[start..end]));
            from = end;
        }
    }
    out.push((Kind::Words, &text[from..]));
    out.retain(|(_, t)| !t.trim().is_empty());
    out
}

/// Where the title ending at `end` starts (its `表` at `end_at`), after
/// `from`: at a year or a word that opens table names, from which it holds
/// no header word. Of those starts, the last that names the same table as
/// the first, taken back over the words that may open its name (a year, a
/// fund: `2019年`, `一般公共预算`): words run in before a title (`注：本部门无
/// 相关收支项目` before `财政拨款政府性基金支出预算表`) do not change what it
/// names, while its own first word may (`财政拨款收支预算总表` is not
/// `收支预算总表`).
fn title_start(text: &str, from: usize, end_at: usize, end: usize) -> Option<usize> {
    // A title is 64 characters at most: no start further back is looked at.
    let window = text[from..end_at].char_indices().rev().nth(TITLE_CHARS).map_or(from, |(i, _)| from + i);
    // A table's number before a name opens the title: what runs in before
    // it (a note's `…安排的支出` before `十、项目支出情况表`) is not its name.
    let window = numbered_start(&text[window..end_at]).map_or(window, |i| window + i);
    let starts: Vec<(usize, TableKey)> = text[window..end_at]
        .char_indices()
        .map(|(i, _)| window + i)
        .filter(|&s| title_starts_at(&text[s..]))
        .filter(|&s| NOT_IN_TITLES.iter().all(|w| !text[s..end_at].contains(w)))
        .filter_map(|s| parse_title(&text[s..end]).map(|t| (s, t.key)))
        .collect();
    let &(_, key) = starts.first()?;
    let last = starts.iter().rev().find(|(_, k)| *k == key).map(|&(s, _)| s)?;
    starts.iter().map(|&(s, _)| s).find(|&s| s <= last && name_openers_only(&text[s..last]))
}

/// Where the last table number before a table-name word opens in `text`
/// (`十、` of `…安排的支出十、项目支出情况表`), if any: Chinese numerals and `、`.
fn numbered_start(text: &str) -> Option<usize> {
    const NUMERALS: &str = "一二三四五六七八九十廿";
    let marks = text.match_indices('、').filter(|&(at, _)| title_starts_at(&text[at + '、'.len_utf8()..]));
    marks
        .filter_map(|(at, _)| {
            let before = &text[..at];
            let number = before.len() - before.trim_end_matches(|c| NUMERALS.contains(c)).len();
            (number > 0).then_some(at - number)
        })
        .next_back()
}

/// The most characters of a title before its `表`.
const TITLE_CHARS: usize = 64;

/// Words that may open a table's name before the word that says what it
/// is: `2019年`, `2019年度`, `一般公共预算`, `财政拨款`, `部门`, `单位`.
fn name_openers_only(mut s: &str) -> bool {
    const OPENERS: [&str; 6] = ["一般公共预算", "财政拨款", "政府性基金", "部门", "单位", "预算"];
    while !s.is_empty() {
        if let Some(len) = year_len(s) {
            s = &s[len..];
        } else if let Some(w) = OPENERS.iter().find(|w| s.starts_with(*w)) {
            s = &s[w.len()..];
        } else {
            return false;
        }
    }
    true
}

/// Whether a title may start here: a table-name word or a year (`2019年`).
fn title_starts_at(s: &str) -> bool {
    year_len(s).is_some() || TITLE_STARTS.iter().any(|w| s.starts_with(w))
}

/// The length of the year `s` opens with (`2019年`, `2019年度`), if any.
fn year_len(s: &str) -> Option<usize> {
    if !s.as_bytes().get(..4)?.iter().all(u8::is_ascii_digit) {
        return None;
    }
    // Four ASCII digits: byte 4 starts a character.
    let rest = s[4..].strip_prefix('年')?;
    Some(s.len() - rest.strip_prefix('度').unwrap_or(rest).len())
}

/// The cut lines with each page put in reading order (see the module's
/// notes). A page opens at a label, at a caption not after a label, or
/// at a unit after neither; a page of merged cells alone (no row, no
/// title before its rows) joins the page before when that has no title.
/// With the lines, each table whose rows were left out (see
/// [`header_words`]), how many, and why.
fn in_reading_order(cut: Vec<Cut>) -> (Vec<Cut>, Vec<(String, usize, &'static str)>) {
    let mut pages: Vec<Vec<Cut>> = Vec::new();
    // Whether the page so far has a title, and whether it is all head (its
    // label, its title, or both: `附表5-1` / `一般公共预算支出表…` / `编制单位：…`).
    let (mut page_titled, mut in_head) = (false, false);
    let mut cut = cut.into_iter().peekable();
    while let Some(c) = cut.next() {
        let last = pages.last().and_then(|p| p.last());
        // A caption printed twice in a row (plain and merged cells) once.
        if c.kind == Kind::Caption && last == Some(&c) {
            continue;
        }
        // A title right before a unit or a caption, where the page so far
        // has a title of its own, opens the next page: its pages print the
        // title first, as a plain cell (`…132.32四、财政拨款收支总表单位：万元…`).
        // Where the page has none, the title is its merged cell, printed
        // after its rows, and the unit or caption opens the next page.
        let head_next = cut.peek().is_some_and(|n| matches!(n.kind, Kind::Unit | Kind::Caption));
        let title_first = c.kind == Kind::Title && head_next && page_titled;
        let opens = match last {
            None => true,
            Some(prev) => match c.kind {
                Kind::Label => true,
                Kind::Caption => !in_head,
                Kind::Unit => !(prev.kind == Kind::Caption || in_head),
                Kind::Title => title_first && !matches!(prev.kind, Kind::Label | Kind::Caption),
                _ => false,
            },
        };
        if opens {
            pages.push(Vec::new());
            (page_titled, in_head) = (false, true);
        }
        page_titled |= c.kind == Kind::Title;
        in_head &= matches!(c.kind, Kind::Label | Kind::Title);
        // `opens` made a page when there was none.
        if let Some(page) = pages.last_mut() {
            page.push(c);
        }
    }
    let mut merged: Vec<Vec<Cut>> = Vec::new();
    for page in pages {
        let rows = page.iter().any(|c| c.kind == Kind::Row);
        match merged.last_mut() {
            Some(before) if !rows && !before.iter().any(|c| c.kind == Kind::Title) => before.extend(page),
            _ => merged.push(page),
        }
    }
    // The departments the captions print, to find them among merged cells.
    let departments: Vec<String> = merged
        .iter()
        .flatten()
        .filter(|c| c.kind == Kind::Caption)
        .filter_map(|c| c.text.split_once(['：', ':']).map(|(_, v)| v.trim().to_string()))
        .filter(|v| ends_like_organisation(v))
        .collect();
    let economic = economic_names(merged.iter().flatten());
    let mut out = Vec::new();
    let mut left_out: Vec<(String, usize, &'static str)> = Vec::new();
    // Whether the rows' texts run together, and whether the table is the
    // procurement table, whose cells can be cut apart by what they are.
    let (mut glued, mut procurement, mut two_sided, mut three_lists) = (false, false, false, false);
    // Whether the table prints each row in order, its title first, and
    // whether its rows name a project and its unit (and the units so far).
    let (mut title_first, mut by_unit) = (false, false);
    let mut units: Vec<String> = Vec::new();
    for page in merged {
        // A page with no title of its own goes on the table before it.
        if let Some(title) = page.iter().find(|c| c.kind == Kind::Title) {
            two_sided = parse_title(&title.text).is_some_and(|t| t.key.is_two_sided());
            let at = |kind: Kind| page.iter().position(|c| c.kind == kind);
            title_first = at(Kind::Title) < at(Kind::Row).or(Some(usize::MAX));
            let header = header_words(&page);
            by_unit = header.contains("项目名称") && header.contains("项目单位");
            units.clear();
            // Two columns of text run together; line numbers (`行次`, `序号`)
            // run into the amounts or codes after them (`一、…收入12,851.53`
            // is line 1 and 2,851.53, `1301工资福利支出` line 1 and `301`),
            // and no sum tells where.
            let two_texts = header.matches("名称").count() >= 2;
            let line_numbers = header.contains("行次") || header.contains("序号");
            glued = two_texts || line_numbers;
            procurement = two_texts && crate::text_procure::is_header(&[header.as_str()]);
            // The lists' headings are merged cells, printed after the rows.
            let words: String = page.iter().filter(|c| c.kind == Kind::Words).map(|c| c.text.as_str()).collect();
            three_lists = two_sided && words.contains("功能分类") && words.contains("支出用途");
            if glued && !three_lists {
                let why = if line_numbers {
                    "line numbers (行次 or 序号), which run into the amounts and codes"
                } else {
                    "two columns of text, whose cells run together"
                };
                left_out.push((title.text.clone(), 0, why));
            }
        }
        let mut caption_among_rows = false;
        for mut c in page_in_order(page, &departments, glued) {
            // A caption among the rows of cells run together is a merged
            // cell printed again, its department run into the next row
            // (`部门：` / `中共某省委办公厅会议服务政府集中采购872.10`): both
            // are dropped.
            if glued && c.kind == Kind::Caption && out.last().is_some_and(|p: &Cut| p.kind == Kind::Row) {
                caption_among_rows = true;
                continue;
            }
            if std::mem::take(&mut caption_among_rows) && c.kind == Kind::Row {
                if let Some(d) = departments.iter().find(|d| c.text.starts_with(d.as_str())) {
                    c.text = c.text[d.len()..].trim().to_string();
                }
            }
            if let Some(note) = matches!(c.kind, Kind::Row | Kind::Words).then(|| note_first(&c.text)).flatten() {
                out.push(Cut::new(Kind::Words, &note));
                continue;
            }
            if (three_lists || two_sided && title_first && !glued) && c.kind == Kind::Row {
                out.extend(items_apart(&c.text).into_iter().map(|text| Cut { text, ..c.clone() }));
                continue;
            }
            if two_sided && c.kind == Kind::Row {
                c.text = sides_apart(&c.text);
            }
            if by_unit && !glued && c.kind == Kind::Row {
                let rows = unit_apart(&c.text, &mut units).into_iter().enumerate();
                out.extend(rows.map(|(k, text)| Cut { text, after_blank: k > 0, ..c.clone() }));
                continue;
            }
            if !(glued && c.kind == Kind::Row) {
                out.push(c);
                continue;
            }
            match procurement.then(|| procurement_cells_apart(&c.text, &economic)).flatten() {
                Some(text) => out.push(Cut { text, ..c }),
                None => {
                    if let Some(last) = left_out.last_mut() {
                        last.1 += 1;
                    }
                }
            }
        }
    }
    left_out.retain(|(_, rows, _)| *rows > 0);
    (out, left_out)
}

/// Where a cut row's name ends: at its first amount, or at its end.
fn name_end(row: &str) -> usize {
    row.split_whitespace().find(|w| crate::lex::amount(w).is_some()).and_then(|w| row.find(w)).unwrap_or(row.len())
}

/// A row of 项目支出情况表 whose project ran into its unit
/// (`婚姻登记服务经费某区民政局本级 55.57 55.57`), with a space between them
/// (`婚姻登记服务经费 某区民政局本级 55.57 55.57`): the unit is one the rows
/// before named alone (`某区民政局本级 1343.80 …`), the longest that ends
/// the name. A row named like an organisation, not ending with a unit
/// seen, is a unit (a department's own, `…本级`, too), and goes to
/// `units`. Projects printed blank run into the row after them
/// (`应急处置经费某办公室本级某中心 2654754.37`, `…经费云湖区第一中学学生资助补助资金云湖区第一中学云湖区第二中学 9634037.13`):
/// each ends at a unit seen, and is a row of its own, where what follows
/// the last of them is a row of either kind. Any other row stays as it is.
fn unit_apart(row: &str, units: &mut Vec<String>) -> Vec<String> {
    let name_end = name_end(row);
    let name = row[..name_end].trim();
    let amounts = row[name_end..].trim();
    if name.is_empty() || name.contains(char::is_whitespace) {
        return vec![row.to_string()];
    }
    let joined = |parts: &[&str]| parts.iter().filter(|p| !p.is_empty()).copied().collect::<Vec<_>>().join(" ");
    let mut blanks = Vec::new();
    let mut rest = name;
    // The first unit seen inside what is left (the longest there), after
    // a project's name: no year ends one (`2025年度江苏省无锡技师学院校舍维修改造`
    // names its unit).
    let inside = |rest: &str| {
        units
            .iter()
            .filter_map(|u| rest.find(u.as_str()).filter(|&i| i > 0).map(|i| (i, u.len())))
            .min_by_key(|&(i, len)| (i, std::cmp::Reverse(len)))
            .filter(|&(i, len)| i + len < rest.len())
            .filter(|&(i, _)| !rest[..i].ends_with(['年', '度']) && !rest[..i].ends_with(|c: char| c.is_ascii_digit()))
    };
    while let Some((at, len)) = inside(rest) {
        blanks.push(joined(&[&rest[..at], &rest[at..at + len]]));
        rest = &rest[at + len..];
    }
    let unit = units.iter().filter(|u| rest.len() > u.len() && rest.ends_with(u.as_str())).max_by_key(|u| u.len());
    let last = match unit {
        Some(u) => joined(&[&rest[..rest.len() - u.len()], u, amounts]),
        None if ends_like_organisation(rest.strip_suffix("本级").unwrap_or(rest)) => {
            if !units.iter().any(|u| u == rest) {
                units.push(rest.to_string());
            }
            joined(&[rest, amounts])
        }
        None => return vec![row.to_string()],
    };
    blanks.push(last);
    blanks
}

/// A row of a two-sided table (收支总表) whose item of one side, printed
/// blank, ran into the item beside it (`二、政府性基金预算二、项目支出
/// 6,459.58`): a space before the second item's ordinal (`二、政府性基金预算
/// 二、项目支出 6,459.58`), as a page's text with its line breaks has it.
fn sides_apart(row: &str) -> String {
    let name_end = name_end(row);
    let numeral = |c: char| "一二三四五六七八九十百廿".contains(c);
    let mut prev: Option<char> = None;
    for (i, c) in row[..name_end].char_indices() {
        let after_text = prev.is_some_and(|p| is_cjk(p) && !numeral(p));
        let (ordinal, rest) = crate::lex::split_ordinal(&row[i..name_end]);
        if after_text && ordinal.ends_with('、') && rest.chars().next().is_some_and(is_cjk) {
            return format!("{} {}", &row[..i], &row[i..]);
        }
        prev = Some(c);
    }
    row.to_string()
}

/// The items of a row of a 收支总表 of three lists (income, expense by
/// function, expense by use; see [`crate::text_three`]), each on a line of
/// its own: the row's items run together where an item was printed blank
/// (`二、财政专户管理资金 四、公共安全支出三、其他资金五、教育支出 …
/// 八、社会保障和就业支出 1,121.39`). An item opens with its ordinal after
/// another item's text, or is a total or a carry-over named without one
/// (`上年结转资金收入合计 18,330.37 18,330.37`, `…债务发行费用支出本年收入合计`). Each list is told by the
/// item's name, so the items' order across lists does not matter.
fn items_apart(row: &str) -> Vec<String> {
    const TOTALS: [&str; 8] =
        ["当年", "上年", "本年收入合计", "本年支出合计", "收入合计", "收入总计", "支出合计", "支出总计"];
    let numeral = |c: char| "一二三四五六七八九十百廿".contains(c);
    // Where an item opens at the start of `rest`: the bytes of what opens
    // it that no item opens within (a total's label, `本年收入合计`).
    let opens = |rest: &str| -> Option<usize> {
        let (ordinal, name) = crate::lex::split_ordinal(rest);
        if !ordinal.is_empty() && name.chars().next().is_some_and(is_cjk) {
            return Some(0);
        }
        // Totals' labels may be letter-spaced (`收 入 总 计`).
        let head = squeeze(&rest.chars().take(16).collect::<String>());
        let word = TOTALS.iter().find(|w| head.starts_with(*w))?;
        let mut letters = word.chars().count();
        let len = rest.char_indices().find(|&(_, c)| {
            letters = letters.saturating_sub(usize::from(!c.is_whitespace()));
            letters == 0
        });
        len.map(|(i, c)| i + c.len_utf8())
    };
    let mut items = Vec::new();
    let mut start = 0;
    let mut held = 0;
    let mut prev: Option<char> = None;
    for (i, c) in row.char_indices() {
        let after_text = prev.is_some_and(|p| (is_cjk(p) && !numeral(p)) || p == ' ');
        prev = Some(c);
        if i < held || i <= start || !after_text || row[start..i].trim().is_empty() {
            continue;
        }
        if let Some(len) = opens(&row[i..]) {
            items.push(row[start..i].trim().to_string());
            start = i;
            held = i + len;
        }
    }
    items.push(row[start..].trim().to_string());
    items.retain(|i| !i.is_empty());
    items
}

/// A table's note whose items run together out of order, its first item
/// after the others (`2.采购品目名称根据…填写。注：1.采购组织形式为…。`):
/// the note from its label on, then what came before it, so that the
/// line opens with `注：` and ends the table's body. `None` for any other
/// text.
fn note_first(text: &str) -> Option<String> {
    let at = text.find("注：").or_else(|| text.find("注:")).filter(|&at| at > 0)?;
    let (before, note) = text.split_at(at);
    // Not the end of a word (`备注：`) but a sentence's.
    before.trim_end().ends_with(['。', '；']).then(|| format!("{note}{}", before.trim_end()))
}

/// The ways of buying a procurement table names (`采购组织形式`), longest
/// first: the closed set the procurement rules define.
const WAYS_OF_BUYING: [&str; 8] =
    ["分散自行组织", "分散委托代理", "政府集中采购", "部门集中采购", "集中采购", "分散采购", "自行采购", "委托代理"];

/// A row of 政府采购预算表 whose cells ran together, with a space between
/// its cells, told by what they are as
/// [`crate::text_procure`] tells them: a category or total
/// (`一、货物A 233.10`) and an economic item alone (`培训费 16.00`) stay;
/// an item ends with its way of buying (`台式计算机（20万以下）分散自行组织
/// 17.92`); a project ends with the economic item it is paid from, the
/// longest that `economic` (the document's economic tables) or the code
/// book names (`综合管理费物业管理费 410.40`). `None` when the row ends
/// with neither.
fn procurement_cells_apart(row: &str, economic: &[String]) -> Option<String> {
    let words: Vec<&str> = row.split_whitespace().collect();
    let at = words.iter().position(|w| crate::lex::amount(w).is_some())?;
    let name = squeeze(&words[..at].concat());
    let amounts = words[at..].join(" ");
    let item = |n: &str| economic.iter().any(|e| e == n) || budget_check::is_economic_item_name(n);
    if name.is_empty() || crate::text_procure::category(&name) || item(&name) {
        return Some(row.to_string());
    }
    let apart = |cut: usize| format!("{} {} {amounts}", &name[..cut], &name[cut..]);
    if let Some(way) = WAYS_OF_BUYING.iter().find(|w| name.len() > w.len() && name.ends_with(*w)) {
        return Some(apart(name.len() - way.len()));
    }
    // The first cut from the left leaves the longest item.
    name.char_indices().map(|(i, _)| i).filter(|&i| i > 0).find(|&i| item(&name[i..])).map(apart)
}

/// The economic items the cut lines' coded rows name (`30201办公费570.00`
/// → `办公费`), classes included: a 3 or 5 digit code opening with 3.
fn economic_names<'a>(cuts: impl Iterator<Item = &'a Cut>) -> Vec<String> {
    cuts.filter(|c| c.kind == Kind::Row)
        .filter_map(|c| {
            let mut words = c.text.split_whitespace();
            let code = words.next()?;
            let economic = code.starts_with('3') && matches!(code.len(), 3 | 5) && crate::lex::code(code);
            let name: String = words.take_while(|w| crate::lex::amount(w).is_none()).collect();
            (economic && !name.is_empty()).then_some(name)
        })
        .collect()
}

/// Words printed after a title, cut into the department the captions
/// name, if they open with it, and the rest.
fn department_first<'a>(words: &'a str, departments: &[String]) -> (Option<&'a str>, &'a str) {
    match departments.iter().find(|d| words.starts_with(d.as_str())) {
        Some(d) => (Some(&words[..d.len()]), &words[d.len()..]),
        None if ends_like_organisation(words) && words.chars().count() <= 30 => (Some(words), ""),
        None => (None, words),
    }
}

/// One page put in order: where its title comes after a row, the title
/// moves first (after the label), the department printed after it fills
/// an empty caption, a total's label alone (`合计`) goes to the first line
/// of amounts alone, other words after the title go after the unit, and
/// the rows keep their order. A caption repeated among the merged cells
/// is dropped. Where the page's rows run their cells together (`glued`),
/// the department run into the row after the title is taken off it.
fn page_in_order(page: Vec<Cut>, departments: &[String], glued: bool) -> Vec<Cut> {
    let Some(t) = page.iter().position(|c| c.kind == Kind::Title) else { return page };
    if !page[..t].iter().any(|c| c.kind == Kind::Row) {
        return page;
    }
    let mut before: Vec<Cut> = page[..t].to_vec();
    let title = page[t].clone();
    let mut headings: Vec<Cut> = Vec::new();
    let mut rows_after: Vec<Cut> = Vec::new();
    let mut total: Option<String> = None;
    let mut department: Option<String> = None;
    for (k, mut c) in page.into_iter().skip(t + 1).enumerate() {
        // Where the rows' cells run together (`glued`), the department
        // printed right after the title runs into the page's next row
        // (`…政府采购预算表某厅会议服务分散自行组织113.63`). A table by unit
        // may name the department on its first row: its cells do not run
        // together.
        if k == 0 && glued && c.kind == Kind::Row {
            if let Some(d) = departments.iter().find(|d| c.text.starts_with(d.as_str())) {
                department = Some(d.clone());
                c.text = c.text[d.len()..].trim().to_string();
            }
        }
        if c.kind == Kind::Words {
            let (dept, rest) = department_first(&c.text, departments);
            if department.is_none() {
                department = dept.map(str::to_string);
            }
            match squeeze(rest).as_str() {
                "" => {}
                label if is_total_word(label) && total.is_none() => total = Some(label.to_string()),
                _ => headings.push(Cut::new(Kind::Words, rest)),
            }
            continue;
        }
        match c.kind {
            Kind::Caption if before.iter().any(|b| b.kind == Kind::Caption) => {}
            _ => rows_after.push(c),
        }
    }
    if let Some(d) = department {
        if let Some(cap) = before.iter_mut().find(|c| c.kind == Kind::Caption && c.text.ends_with(['：', ':'])) {
            cap.text.push_str(&d);
        }
    }
    if let Some(total) = total {
        total_onto_first_row(&mut before, &total);
    }
    let labels = before.iter().take_while(|c| c.kind == Kind::Label).count();
    let heads = before.iter().take_while(|c| !matches!(c.kind, Kind::Row | Kind::Words)).count().max(labels);
    let mut out: Vec<Cut> = before[..labels].to_vec();
    out.push(title);
    out.extend(before[labels..heads].iter().cloned());
    out.extend(headings);
    out.extend(before.drain(heads..));
    out.extend(rows_after);
    out
}

/// A page's header: its words before its first row. Where it names two
/// columns of text (`名称` twice: `采购品目大类专项名称经济科目采购物品名称…`),
/// its rows' texts run together (`台式计算机分散自行组织 17.92`). Those of
/// the procurement table are cut apart by what their cells are
/// ([`procurement_cells_apart`]); the others, and a procurement row that
/// ends with no cell it knows, are left out (on the pages the table runs
/// on to as well); the title and header stay.
fn header_words(page: &[Cut]) -> String {
    page.iter().take_while(|c| c.kind != Kind::Row).filter(|c| c.kind == Kind::Words).map(|c| c.text.as_str()).collect()
}

/// A total's label printed among a page's merged cells goes to the row
/// its amounts make: the first line of amounts alone; or else the first
/// row, right after the header, named without a code or ordinal and
/// followed by coded rows, whose name is then the header's last column
/// (`科目编码科目名称机关运行经费支出` / `1,642.08` / `302商品和服务支出…`).
fn total_onto_first_row(before: &mut [Cut], total: &str) {
    if let Some(row) = before.iter_mut().find(|c| c.kind == Kind::Row && amounts_alone(&c.text)) {
        row.text = format!("{total} {}", row.text);
        return;
    }
    let Some(r) = before.iter().position(|c| c.kind == Kind::Row) else { return };
    let coded = |c: &Cut| c.kind == Kind::Row && c.text.split_whitespace().next().is_some_and(crate::lex::code);
    let name: Vec<&str> = before[r].text.split_whitespace().take_while(|w| crate::lex::amount(w).is_none()).collect();
    let named_alone = name.len() == 1
        && !(is_total_word(name[0]) || name[0] == "小计")
        && crate::lex::split_ordinal(name[0]).0.is_empty()
        && !coded(&before[r]);
    if r == 0 || before[r - 1].kind != Kind::Words || !named_alone || !before.get(r + 1).is_some_and(coded) {
        return;
    }
    let name = name[0].to_string();
    before[r - 1].text.push_str(&name);
    let amounts = before[r].text[name.len()..].trim().to_string();
    before[r].text = format!("{total} {amounts}");
}

/// A line of amounts and nothing else.
fn amounts_alone(text: &str) -> bool {
    !text.trim().is_empty() && text.split_whitespace().all(|w| crate::lex::amount(w).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_end_at_their_second_decimal_and_codes_follow_them() {
        let got = pieces("金额18,330.379,312.90201一般公共服务支出729.002010106人大监督0.79");
        assert_eq!(
            got,
            [
                Piece::Text("金额"),
                Piece::Amount("18,330.37"),
                Piece::Amount("9,312.90"),
                Piece::Code("201"),
                Piece::Text("一般公共服务支出"),
                Piece::Amount("729.00"),
                Piece::Code("2010106"),
                Piece::Text("人大监督"),
                Piece::Amount("0.79"),
            ]
        );
    }

    #[test]
    fn a_code_of_the_class_before_may_follow_a_row_printed_blank() {
        let got = pieces("97.7321004公共卫生2100410突发公共卫生事件应急处置21011行政事业单位医疗97.73");
        assert_eq!(
            got,
            [
                Piece::Amount("97.73"),
                Piece::Code("21004"),
                Piece::Text("公共卫生"),
                Piece::Code("2100410"),
                Piece::Text("突发公共卫生事件应急处置"),
                Piece::Code("21011"),
                Piece::Text("行政事业单位医疗"),
                Piece::Amount("97.73"),
            ]
        );
        // Digits of another class in a name are the name's (`12345热线`),
        // and after an amount digits of no class open no row.
        let got = pieces("97.7321004公共卫生12345热线97.73");
        assert_eq!(got[2], Piece::Text("公共卫生12345热线"));
        let got = pieces("0.0012345热线运维经费73.41");
        assert_eq!(got, [Piece::Amount("0.00"), Piece::Text("12345热线运维经费"), Piece::Amount("73.41")]);
    }

    #[test]
    fn counts_and_years_are_text() {
        let got = pieces("2019年政府采购预算表台式计算机（20万以下）17.92");
        assert_eq!(got, [Piece::Text("2019年政府采购预算表台式计算机（20万以下）"), Piece::Amount("17.92")]);
    }

    #[test]
    fn titles_are_cut_out_of_words() {
        let got = titles_within("其他资金上年结转和结余资金收入预算总表项目名称收入总计");
        assert_eq!(
            got,
            [
                (Kind::Words, "其他资金上年结转和结余资金"),
                (Kind::Title, "收入预算总表"),
                (Kind::Words, "项目名称收入总计")
            ]
        );
        let got = titles_within("支出用途项目名称金额财政拨款收支预算总表某厅收入支出");
        assert_eq!(got[1], (Kind::Title, "财政拨款收支预算总表"));
        let got = titles_within("财政拨款支出预算表（功能科目）合计");
        assert_eq!(got, [(Kind::Title, "财政拨款支出预算表（功能科目）"), (Kind::Words, "合计")]);
        assert_eq!(
            titles_within("江苏省2018年度省级部门预算公开报表"),
            [(Kind::Words, "江苏省2018年度省级部门预算公开报表")]
        );
        // A note run into the next table's numbered title is not its name.
        let got = titles_within("备注：本单位没有使用国有资本经营预算拨款安排的支出十、项目支出情况表单位");
        assert_eq!(got[1], (Kind::Title, "项目支出情况表"));
        assert_eq!(numbered_start("安排的支出十、项目支出"), Some("安排的支出".len()));
        assert_eq!(numbered_start("经费、会议费"), None);
    }

    #[test]
    fn labels_captions_and_units_are_lines_of_their_own() {
        let got = text_parts("公开表五部门：某厅单位：万元功能科目编码");
        assert_eq!(
            got,
            [
                (Kind::Label, "公开表五"),
                (Kind::Caption, "部门：某厅"),
                (Kind::Unit, "单位：万元"),
                (Kind::Words, "功能科目编码")
            ]
        );
        let got = text_parts("公开03表支出决算表金额单位：万元项目");
        assert_eq!(
            got,
            [
                (Kind::Label, "公开03表"),
                (Kind::Title, "支出决算表"),
                (Kind::Unit, "金额单位：万元"),
                (Kind::Words, "项目")
            ]
        );
        let got = text_parts("公开表十二部门：单位：万元");
        assert_eq!(got, [(Kind::Label, "公开表十二"), (Kind::Caption, "部门："), (Kind::Unit, "单位：万元")]);
    }

    /// Two pages of a provincial template as pdf-extract gives them: plain
    /// cells first, then the title, the department (printed in the first
    /// page's caption) and the total's label.
    const PAGES: &str = "公开表五部门：江苏省某某厅单位：万元功能科目编码功能科目名称金额18,330.37\
                         201一般公共服务支出13,907.7820101人大事务13,907.782010101行政运行7,448.20\
                         2010102一般行政管理事务6,459.58221住房保障支出4,422.5922102住房改革支出4,422.59\
                         2210201住房公积金4,422.59财政拨款支出预算表（功能科目）合计\
                         公开表六部门：单位：万元科目编码科目名称金额9,312.90301工资福利支出9,312.90\
                         30101基本工资9,312.90财政拨款基本支出预算表（经济科目）江苏省某某厅合计";

    #[test]
    fn run_on_pages_are_cut_into_lines_in_reading_order() {
        let got: Vec<String> = in_reading_order(cut_lines(PAGES)).0.into_iter().map(|c| c.text).collect();
        assert_eq!(
            got,
            [
                "公开表五",
                "财政拨款支出预算表（功能科目）",
                "部门：江苏省某某厅",
                "单位：万元",
                "功能科目编码功能科目名称金额",
                "合计 18,330.37",
                "201 一般公共服务支出 13,907.78",
                "20101 人大事务 13,907.78",
                "2010101 行政运行 7,448.20",
                "2010102 一般行政管理事务 6,459.58",
                "221 住房保障支出 4,422.59",
                "22102 住房改革支出 4,422.59",
                "2210201 住房公积金 4,422.59",
                "公开表六",
                "财政拨款基本支出预算表（经济科目）",
                "部门：江苏省某某厅",
                "单位：万元",
                "科目编码科目名称金额",
                "合计 9,312.90",
                "301 工资福利支出 9,312.90",
                "30101 基本工资 9,312.90",
            ]
        );
    }

    #[test]
    fn a_total_label_after_the_title_names_the_row_a_column_name_ran_into() {
        let page = "公开表十一部门：某厅单位：万元科目编码科目名称机关运行经费支出1,642.08302商品和服务支出1,642.08\
                    30201办公费1,642.08一般公共预算机关运行经费支出预算表合     计";
        let got: Vec<String> = in_reading_order(cut_lines(page)).0.into_iter().map(|c| c.text).collect();
        assert_eq!(
            got,
            [
                "公开表十一",
                "一般公共预算机关运行经费支出预算表",
                "部门：某厅",
                "单位：万元",
                "科目编码科目名称机关运行经费支出",
                "合计 1,642.08",
                "302 商品和服务支出 1,642.08",
                "30201 办公费 1,642.08",
            ]
        );
    }

    /// The texts of the rows among cut lines.
    fn row_texts(lines: &[Cut]) -> Vec<&str> {
        lines.iter().filter(|c| c.kind == Kind::Row).map(|c| c.text.as_str()).collect()
    }

    #[test]
    fn procurement_rows_run_together_are_cut_apart_by_what_their_cells_are() {
        let page = "公开表十二部门：单位：万元采购品目大类专项名称经济科目采购物品名称采购组织形式总计合计100.00\
                    一、货物A100.00办公设备购置费办公设备购置60.00台式计算机分散自行组织60.00综合管理费物业管理费\
                    40.00复印纸40.002025年政府采购预算表云湖区财政局";
        let (lines, left_out) = in_reading_order(cut_lines(page));
        let rows = row_texts(&lines);
        assert_eq!(
            rows,
            [
                "合计 100.00",
                "一、货物A 100.00",
                "办公设备购置费 办公设备购置 60.00",
                "台式计算机 分散自行组织 60.00",
                "综合管理费 物业管理费 40.00",
            ]
        );
        // `复印纸` ends with no way of buying and no economic item.
        assert_eq!(
            left_out,
            [("2025年政府采购预算表".to_string(), 1, "two columns of text, whose cells run together")]
        );
        assert_eq!(lines[1].text, "2025年政府采购预算表");
    }

    #[test]
    fn rows_of_other_tables_whose_texts_run_together_are_left_out_and_counted() {
        let page = "公开表一部门：某厅单位：万元收入支出项目名称金额项目名称金额支出用途项目名称金额\
                    一、一般公共预算100.00一、一般公共服务支出二、项目支出100.00收支预算总表";
        let (lines, left_out) = in_reading_order(cut_lines(page));
        assert_eq!(left_out, [("收支预算总表".to_string(), 2, "two columns of text, whose cells run together")]);
        assert!(lines.iter().all(|c| c.kind != Kind::Row));
    }

    /// A 收支总表 of three lists (功能分类 and 支出用途 among its merged cells):
    /// each item goes on a line of its own, the lists told apart later by
    /// the items' names.
    #[test]
    fn items_of_a_summary_of_three_lists_are_apart() {
        let page = "公开表一部门：某厅单位：万元功能科目名称金额项目名称金额一、财政拨款100.00一、一般公共服务支出                    100.00一、基本支出100.00二、财政专户管理资金二、外交支出三、其他资金三、国防支出当年收入小计100.00100.00                    上年结转资金收入合计100.00100.00收支预算总表某厅收入支出支出合计项目名称金额功能分类支出用途当年支出小计";
        let (lines, left_out) = in_reading_order(cut_lines(page));
        assert!(left_out.is_empty(), "{left_out:?}");
        assert_eq!(
            row_texts(&lines),
            [
                "一、财政拨款 100.00",
                "一、一般公共服务支出 100.00",
                "一、基本支出 100.00",
                "二、财政专户管理资金",
                "二、外交支出",
                "三、其他资金",
                "三、国防支出",
                "当年收入小计 100.00 100.00",
                "上年结转资金",
                "收入合计 100.00 100.00",
            ]
        );
        // An ordinal's own numerals end no item (`十一、`), nor does `1.`'s digit.
        assert_eq!(
            items_apart("十、节能环保支出十一、城乡社区支出 5.00"),
            ["十、节能环保支出", "十一、城乡社区支出 5.00"]
        );
        assert_eq!(items_apart("1.一般公共预算 5.00"), ["1.一般公共预算 5.00"]);
        // The year's total after an item printed blank.
        assert_eq!(
            items_apart("（廿五）债务发行费用支出本年收入合计 3,643.92 本年支出合计 3,643.92"),
            ["（廿五）债务发行费用支出", "本年收入合计 3,643.92", "本年支出合计 3,643.92"]
        );
    }

    #[test]
    fn cells_of_procurement_rows_apart() {
        let economic = ["专用材料费".to_string()];
        let apart = |row: &str| procurement_cells_apart(row, &economic);
        assert_eq!(
            apart("打印设备（20万以下）政府集中采购 40.00").as_deref(),
            Some("打印设备（20万以下） 政府集中采购 40.00")
        );
        // The longest economic item the row ends with.
        assert_eq!(
            apart("交通运行费公务用车运行维护费 183.60").as_deref(),
            Some("交通运行费 公务用车运行维护费 183.60")
        );
        // One the document's own economic tables name.
        assert_eq!(apart("实验室耗材专用材料费 12.00").as_deref(), Some("实验室耗材 专用材料费 12.00"));
        // A row with one cell stays as it is.
        assert_eq!(apart("培训费 16.00").as_deref(), Some("培训费 16.00"));
        assert_eq!(apart("三、服务C 30.00").as_deref(), Some("三、服务C 30.00"));
        assert_eq!(apart("复印纸 40.00"), None);
    }

    #[test]
    fn a_department_printed_among_procurement_rows_is_no_part_of_them() {
        // Right after the title of a page the table runs on to, and after
        // a caption printed again among the rows.
        let page = "公开表十二部门：某厅单位：万元采购品目大类专项名称经济科目采购物品名称采购组织形式总计合计80.00\
                    常委会会议经费会议费50.002025年政府采购预算表某厅会议服务分散自行组织50.00部门：某厅印刷服务分散自行组织\
                    30.00";
        let (lines, left_out) = in_reading_order(cut_lines(page));
        let rows = row_texts(&lines);
        assert_eq!(
            rows,
            ["合计 80.00", "常委会会议经费 会议费 50.00", "会议服务 分散自行组织 50.00", "印刷服务 分散自行组织 30.00"]
        );
        assert!(left_out.is_empty());
        assert!(!lines.iter().any(|c| c.text.contains("某厅") && c.kind == Kind::Row));
    }

    #[test]
    fn a_table_by_unit_keeps_the_department_on_its_first_row() {
        // The title printed after the page's first rows, the next row
        // right after it.
        let page = "公开表七部门：云湖区财政局单位：万元单位名称合计基本支出项目支出合计2,500.001,200.001,300.00\
                    一般公共预算支出预算表（分单位）云湖区财政局本级1,250.00600.00650.00";
        let (lines, _) = in_reading_order(cut_lines(page));
        let rows = row_texts(&lines);
        // The total's label printed before the amounts names them.
        assert_eq!(rows, ["合计 2,500.00 1,200.00 1,300.00", "云湖区财政局本级 1,250.00 600.00 650.00"]);
    }

    /// Pages that print each title first, as a plain cell, in fake bold
    /// (drawn twice), with a page number between them (a district's
    /// template printed through Distiller, its pages rotated).
    const TITLE_FIRST: &str = "一、部门收支总表一、部门收支总表单位：万元收    入支    出项    目预算数项    目预算数\
                               一、一般公共预算拨款收入2604.37一、一般公共服务支出0.00二、政府性基金预算拨款收入770.00\
                               二、国防支出3374.37— 1 —收 入 总 计3374.37支 出 总 计3374.37\
                               四、财政拨款收支总表四、财政拨款收支总表单位：万元收    入支    出项    目预算数项    目预算数\
                               一、本年收入3374.37一、本年支出3374.37（一）一般公共预算拨款2604.37（一）一般公共服务支出\
                               （二）政府性基金预算拨款770.00（二）国防支出3374.37二、年终结转结余收 入 总 计3374.37\
                               八、政府性基金预算支出表八、政府性基金预算支出表单位：万元科目编码科目名称本年政府性基金预算支出\
                               合计基本支出项目支出合计770.000.00770.00229其他支出770.000.00770.00— 2 —\
                               十、项目支出情况表十、项目支出情况表单位：万元项目名称项目单位合计本年拨款一般公共预算\
                               政府性基金预算70.0050.0020.00云湖区民政局70.0050.0020.00云湖区民政局本级70.0050.0020.00\
                               婚姻登记服务经费云湖区民政局本级50.0050.00养老服务补助云湖区民政局本级20.0020.00";

    #[test]
    fn title_first_pages_keep_their_order_and_their_items_apart() {
        assert!(run_on(TITLE_FIRST));
        let got: Vec<String> =
            in_reading_order(cut_lines(&page_marks_out(TITLE_FIRST))).0.into_iter().map(|c| c.text).collect();
        assert_eq!(
            got,
            [
                "一、部门收支总表",
                "单位：万元",
                "收    入支    出项    目预算数项    目预算数",
                "一、一般公共预算拨款收入 2604.37",
                "一、一般公共服务支出 0.00",
                "二、政府性基金预算拨款收入 770.00",
                "二、国防支出 3374.37",
                "收 入 总 计 3374.37",
                "支 出 总 计 3374.37",
                "四、财政拨款收支总表",
                "单位：万元",
                "收    入支    出项    目预算数项    目预算数",
                "一、本年收入 3374.37",
                "一、本年支出 3374.37",
                "（一）一般公共预算拨款 2604.37",
                "（一）一般公共服务支出",
                "（二）政府性基金预算拨款 770.00",
                "（二）国防支出 3374.37",
                "二、年终结转结余",
                "收 入 总 计 3374.37",
                "八、政府性基金预算支出表",
                "单位：万元",
                "科目编码科目名称本年政府性基金预算支出合计基本支出项目支出",
                "合计 770.00 0.00 770.00",
                "229 其他支出 770.00 0.00 770.00",
                "十、项目支出情况表",
                "单位：万元",
                "项目名称项目单位合计本年拨款一般公共预算政府性基金预算",
                "70.00 50.00 20.00",
                "云湖区民政局 70.00 50.00 20.00",
                "云湖区民政局本级 70.00 50.00 20.00",
                "婚姻登记服务经费 云湖区民政局本级 50.00 50.00",
                "养老服务补助 云湖区民政局本级 20.00 20.00",
            ]
        );
    }

    #[test]
    fn column_numbers_after_their_label_are_taken_out() {
        assert_eq!(column_numbers_out("支出栏次12321011行政事业单位医疗"), "支出栏次21011行政事业单位医疗");
        assert_eq!(column_numbers_out("金额栏次1栏次2一、一般公共预算"), "金额栏次栏次一、一般公共预算");
        assert_eq!(column_numbers_out("栏次12345678910111213合计"), "栏次合计");
        assert_eq!(column_numbers_out("合计1,407.49"), "合计1,407.49");
        // The numbers stop before one that goes on as an amount.
        assert_eq!(column_numbers_out("栏次1234,567.00"), "栏次4,567.00");
        // A header printed again on the next page numbers from 1 again.
        assert_eq!(
            column_numbers_out("支出栏次123210行政1.00— 1 —支出栏次12321011行政事业单位医疗"),
            "支出栏次210行政1.00— 1 —支出栏次21011行政事业单位医疗"
        );
    }

    #[test]
    fn rows_under_line_numbers_are_left_out_and_counted() {
        let page = "公开01表收入支出决算总表部门：某局单位：万元收入支出项目行次金额项目行次金额栏次1栏次2\
                    一、一般公共预算财政拨款收入12,851.53一、一般公共服务支出320.00二、事业收入20.00二、国防支出330.00\
                    三、其他收入30.00三、公共安全支出340.00";
        let (lines, left_out) = in_reading_order(cut_lines(&column_numbers_out(page)));
        assert_eq!(left_out[0].0, "收入支出决算总表");
        assert!(left_out[0].1 > 0 && left_out[0].2.starts_with("line numbers"));
        assert!(lines.iter().all(|c| c.kind != Kind::Row));
    }

    #[test]
    fn a_project_run_into_its_unit_is_cut_at_a_unit_named_before() {
        let mut units = Vec::new();
        assert_eq!(unit_apart("某局 70.00", &mut units), ["某局 70.00"]);
        assert_eq!(unit_apart("某局本级 70.00", &mut units), ["某局本级 70.00"]);
        assert_eq!(units, ["某局", "某局本级"]);
        // The longest unit the name ends with.
        assert_eq!(unit_apart("培训经费某局本级 50.00", &mut units), ["培训经费 某局本级 50.00"]);
        // A group row, and a project of a unit no row named, stay whole.
        assert_eq!(unit_apart("本级支出项目 70.00", &mut units), ["本级支出项目 70.00"]);
        assert_eq!(unit_apart("培训经费 某中心 50.00", &mut units), ["培训经费 某中心 50.00"]);
        // A project printed blank runs into the next unit's row: the unit
        // opens a row of its own and is seen.
        assert_eq!(
            unit_apart("应急处置经费某局本级某中心 26.00", &mut units),
            ["应急处置经费 某局本级", "某中心 26.00"]
        );
        assert_eq!(unit_apart("大厅运行经费某中心 15.00", &mut units), ["大厅运行经费 某中心 15.00"]);
        // Words after a unit that name no organisation stay in the name.
        assert_eq!(unit_apart("培训某局本级宣传经费 5.00", &mut units), ["培训某局本级宣传经费 5.00"]);
        // Two projects printed blank, then the next unit's row; a school is
        // named like an organisation.
        assert_eq!(
            unit_apart("应急处置经费某中心学生资助补助资金某中心某第二中学 96.00 48.00 48.00", &mut units),
            ["应急处置经费 某中心", "学生资助补助资金 某中心", "某第二中学 96.00 48.00 48.00"]
        );
        assert!(units.iter().any(|u| u == "某第二中学"));
        // A blank project, then a project of a unit seen.
        assert_eq!(
            unit_apart("应急处置经费某中心校舍维修经费某第二中学 4.00", &mut units),
            ["应急处置经费 某中心", "校舍维修经费 某第二中学 4.00"]
        );
        // A project whose name holds its unit's after a year is one row.
        assert_eq!(
            unit_apart("2025年度某中心校舍维修改造某中心 227.00", &mut units),
            ["2025年度某中心校舍维修改造 某中心 227.00"]
        );
    }

    #[test]
    fn the_documents_heading_run_into_the_cells_is_cut_apart() {
        let page = "第二部分  云湖区教育局2025年部门预算表云湖区教育局2025年部门预算附表3部门支出总表单位：元\
                    科目编码科目名称合计基本支出项目支出合计30.0010.0020.00201一般公共服务支出10.0010.00\
                    云湖区教育局2025年部门预算2101103公务员医疗补助20.0020.00\
                    云湖区教育局2025年部门预算附表10项目支出情况表单位：元\
                    课后服务补助经费云湖区第一中学1,868,189.131,868,189.13\
                    云湖区教育局2025年部门预算校舍维修改造经费云湖区第一中学0.000.00";
        let heads = running_heads([page].into_iter());
        assert_eq!(heads, ["云湖区教育局2025年部门预算"]);
        let texts: Vec<String> = heads_apart(cut_lines(page), &heads).into_iter().map(|c| c.text).collect();
        assert!(texts.iter().any(|t| t == "2025年部门预算表"), "{texts:?}");
        assert!(texts.iter().any(|t| t.starts_with("校舍维修改造经费云湖区第一中学")), "{texts:?}");
        assert!(!texts.iter().any(|t| t.len() > heads[0].len() && t.starts_with(heads[0].as_str())), "{texts:?}");
        // A code after the heading opens its row.
        let cut = vec![Cut::new(Kind::Row, "云湖区教育局2025年部门预算229其他支出 3406165.00 0.00 3406165.00")];
        let texts: Vec<String> = heads_apart(cut, &heads).into_iter().map(|c| c.text).collect();
        assert_eq!(texts, ["云湖区教育局2025年部门预算", "229 其他支出 3406165.00 0.00 3406165.00"]);
        // Twice is no heading.
        assert!(running_heads(["某局2025年部门预算1.00某局2025年部门预算"].into_iter()).is_empty());
    }

    #[test]
    fn page_numbers_run_into_cells_are_dropped() {
        assert_eq!(page_marks_out("支出— 12 —廿五、债务"), "支出廿五、债务");
        assert_eq!(page_marks_out("0.00- 1 -2081001儿童福利"), "0.002081001儿童福利");
        assert_eq!(page_marks_out("第2-3页"), "第2-3页");
        assert_eq!(page_marks_out("表5-1-2一般"), "表5-1-2一般");
        assert_eq!(page_marks_out("支出—3—廿五"), "支出廿五");
    }

    #[test]
    fn an_amount_broken_over_a_page_takes_its_decimals_from_the_next_page() {
        let line = "208社会保障和就业支出2,727.1,103.021,624.13— 1 —表3三、部门支出总表单位：万元\
                    科目编码科目名称合计基本支出项目支出1520802民政管理事务1,060.82649.16411.66";
        let whole = broken_amounts_whole(line);
        assert!(whole.contains("支出2,727.151,103.021,624.13— 1 —"), "{whole}");
        assert!(whole.contains("项目支出20802民政管理事务1,060.82"), "{whole}");
        // Whole amounts run together stay as printed.
        let line = "合计3,809.531,338.382,471.15— 1 —科目编码1520802民政管理事务1,060.82";
        assert_eq!(broken_amounts_whole(line), line);
        // Without a page's number, or with an amount before the digits, or
        // digits that leave no code of a class, nothing is taken.
        for line in [
            "支出2,727.1,103.02科目编码1520802民政管理事务1,060.82",
            "支出2,727.1,103.02— 1 —合计5.001520802民政管理事务1,060.82",
            "支出2,727.1,103.02— 1 —科目编码1512345热线运维1,060.82",
        ] {
            assert_eq!(broken_amounts_whole(line), line);
        }
    }

    #[test]
    fn the_sides_of_a_two_sided_row_are_apart() {
        assert_eq!(sides_apart("二、政府性基金预算二、项目支出 6,459.58"), "二、政府性基金预算 二、项目支出 6,459.58");
        // An ordinal's own numerals are no item's end (`十一、`).
        assert_eq!(sides_apart("十一、城乡社区支出 5.00"), "十一、城乡社区支出 5.00");
        assert_eq!(sides_apart("一、基本支出 9,312.90"), "一、基本支出 9,312.90");
    }

    #[test]
    fn a_note_whose_items_run_together_opens_with_its_label() {
        assert_eq!(
            note_first("2.品目名称按目录填写。注：1.组织形式为集中采购和分散采购。").as_deref(),
            Some("注：1.组织形式为集中采购和分散采购。2.品目名称按目录填写。")
        );
        assert_eq!(note_first("注：本表无数据。"), None);
        assert_eq!(note_first("项目备注：无"), None);
        // A note's item number after an amount leaves the line run-on.
        let line = "合计".to_string() + &"4,483,899.823,343,492.98".repeat(10) + "30.002.品目名称按目录填写。";
        assert!(run_on(&line));
    }

    #[test]
    fn amounts_with_more_decimals_leave_the_line_alone() {
        let line = "合计".to_string() + &"4,483,899.8259453,343,492.984666".repeat(10) + &"一般公共预算资金".repeat(10);
        assert!(!run_on(&line));
        let line = "合计".to_string() + &"4,483,899.823,343,492.98".repeat(10) + &"一般公共预算资金".repeat(10);
        assert!(run_on(&line));
        // A year after an amount opens a title: `100.002025年政府采购预算表`.
        assert!(run_on(&(line + "100.002025年政府采购预算表")));
    }

    /// Run-on lines of every mix of pieces (amounts, codes, labels,
    /// captions, units, titles, counts, stray digits and brackets, cut at
    /// any character) are cut without a panic.
    #[test]
    fn any_mix_of_pieces_is_cut_without_a_panic() {
        let pieces = [
            "18,330.37",
            "0.79",
            "1,642.08",
            "729.00",
            "12.50",
            "201人大事务",
            "2010101行政运行",
            "人大事务",
            "公开表五",
            "部门：",
            "某厅",
            "单位：万元",
            "合 计",
            "财政拨款支出预算表（功能",
            "科目）",
            "2019年",
            "（20万以下）",
            "一、",
            "名称",
            "金额",
            "表",
            "收支预算总表",
            "报表",
            "注：本部门无",
            "基本支出项目支出",
            " 1.",
        ];
        let mut seed: u64 = 7;
        let mut cut = 0;
        for _ in 0..300 {
            let mut line = String::new();
            while line.chars().count() < 600 {
                seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                line.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
            }
            let cut_at = (seed >> 40) as usize % line.chars().count();
            let line: String = line.chars().skip(cut_at % 7).collect();
            let page = Page { lines: vec![Line::text(&line)], ..Page::new(1) };
            if let Some((pages, _)) = lines_apart(&[page]) {
                assert!(!pages[0].lines.is_empty(), "{line}");
                cut += 1;
            }
        }
        assert!(cut >= 100, "only {cut} of the lines ran on");
    }

    #[test]
    fn lines_that_do_not_run_on_are_left_alone() {
        let page = Page { lines: vec![Line::text("201 一般公共服务支出 13,907.78")], ..Page::new(1) };
        assert!(lines_apart(&[page]).is_none());
        let page = Page { lines: vec![Line::text(PAGES)], ..Page::new(1) };
        let (got, findings) = lines_apart(&[page]).expect("cut");
        assert_eq!(got[0].lines.len(), 21);
        assert!(findings.is_empty());
    }
}
