//! Indicator tables in text without layout. The extractor prints each cell
//! where its baseline falls, so a row reads: the level cells that begin on
//! it, the 三级指标 name (wrapped over lines), then the values, then the
//! basis:
//!
//! ```text
//! 质量指标
//! 对重大决策部
//! 署督办落实率、
//! 督查事项回告
//! 率、办结率 90%
//! 100% 100% 100% 工作要求
//! ```
//!
//! Rows are found by their values: a run of value pieces, of which the last
//! N are the row's values, N being the number of value columns the header
//! declares (`90%` above belongs to the name, since the header declares
//! three). What lies between two rows is the basis of the first and the
//! names of the second, parted where a level name begins, else by the
//! shape of the lines.

use std::sync::OnceLock;

use budget_model::Indicator;
use regex::Regex;

use super::sink::{Sink, Slot};
use super::text_line_rows;
use super::value::{is_word, value_at};
use super::vocab::{ends_level1, goal_label, holds_level_name, is_level1, is_level2, level1_begun, print_width};
use crate::front::{join, pieces, regex, Piece};
use crate::norm::squeeze;

/// The value columns an indicator header declares, in printed order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Header {
    slots: Vec<Slot>,
    /// The header has a 指标值确定依据 column.
    basis: bool,
    /// The goal label printed in the header's first column, on the header's
    /// lines (`长期绩效` / `目标 1 一级指` / `标 二级指标 …`).
    pub(super) goal: Option<String>,
    /// The header names 近两年指标值 (the two years before the current one).
    recent: bool,
}

impl Header {
    /// The value columns a header cut short declares: a header naming
    /// 近两年指标值 but neither year nor the current column
    /// (`一级指标 二级指标 三级指标` / `指标值` / `近两年指标值`, the rest
    /// printed later) has the two years before and the current one.
    pub(super) fn full_slots(&self) -> Vec<Slot> {
        if self.recent && self.slots == [Slot::Current] {
            return vec![Slot::Prev2, Slot::Prev1, Slot::Current];
        }
        self.slots.clone()
    }

    /// The header has a 指标值确定依据 column, or names 近两年指标值 (whose
    /// tables print one after the values, its name among the cells
    /// printed later).
    pub(super) fn full_basis(&self) -> bool {
        self.basis || self.recent
    }
}

/// True when `text` (spaces removed) is made of header words only
/// (`指标值确定依据预期当年实现值2021年2022年`).
pub(super) fn is_header_words(text: &str) -> bool {
    header_re().is_match(text)
}

/// Header words: an indicator header is made of these and nothing else.
const HEADER_WORDS: &str = r"长期绩效指标|年度绩效指标|绩效指标|目标名称|一级指标|二级指标|三级指标|指标值确定依据|近两年指标值|预期当年实现值|预计当年实现值|预期当年实现|预计当年实现|年度\(/项目\)指标值|年度（/项目）指标值|指标值|前年|上年|\d{4}年|分值权重（\d+）|分值（\d+）|分值权重|分值";

fn header_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    regex(&RE, &format!("^(?:{HEADER_WORDS})+$"))
}

/// A goal label opening a header's text (`长期绩效目标1一级指标…`).
fn goal_prefix_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    regex(&RE, r"^((?:长期|年度)(?:绩效)?目?标?\d{1,2})(.*)$")
}

fn word_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    regex(&RE, HEADER_WORDS)
}

/// A character of some header word, or of a goal label before them.
fn header_char(c: char) -> bool {
    c.is_ascii_digit() || HEADER_WORDS.contains(c) || "长期年度绩效目标".contains(c)
}

/// Most lines an indicator header is printed over.
const MAX_HEADER_LINES: usize = 18;

/// An indicator header beginning at `lines[at]`, wrapped over lines
/// (`一级` / `指标` / `二级指标 三级指标 指标值 指标值确定依据`). Returns the
/// header and the number of lines it takes. The goal label of the first
/// column may open the header's text (`长期绩效` / `目标 1 一级指` / `标 二级指标
/// 三级指标 指标值 指标值确定依据`).
pub(super) fn header(lines: &[(&str, u32)], at: usize) -> Option<(Header, usize)> {
    let mut joined = String::new();
    let mut best = None;
    for (k, (text, _)) in lines.iter().enumerate().skip(at).take(MAX_HEADER_LINES) {
        let line = squeeze(text).replace(' ', "");
        if !line.chars().all(header_char) {
            // No header holds this character, nor any longer text.
            break;
        }
        joined.push_str(&line);
        let (goal, words) = match goal_prefix_re().captures(&joined) {
            Some(c) => (goal_label(&c[1]), c[2].to_string()),
            None => (None, joined.clone()),
        };
        if header_re().is_match(&words) && words.contains("一级指标") && words.contains("三级指标") {
            best = Some((words, goal, k + 1 - at));
        }
    }
    match best {
        Some((text, goal, n)) => {
            let recent = text.contains("近两年");
            Some((Header { slots: slots(&text), basis: text.contains("依据"), goal, recent }, n))
        }
        None => loose_header(lines, at),
    }
}

/// The words a header's cells are cut from, the goal label's included.
const HEADER_CELLS: &[&str] = &[
    "长期绩效指标",
    "年度绩效指标",
    "长期绩效目标",
    "年度绩效目标",
    "目标名称",
    "一级指标",
    "二级指标",
    "三级指标",
    "指标值确定依据",
    "近两年指标值",
    "预期当年实现值",
    "预计当年实现值",
    "前年",
    "上年",
];

/// A piece cut from a header cell (`年度绩效目`, `一级指`, `标`, `依据`), a
/// number (`1`, `15`) or both (`实现值2021`).
fn header_fragment(piece: &str) -> bool {
    let mut part = String::new();
    let mut ok = true;
    for c in piece.chars().chain(['0']) {
        if c.is_ascii_digit() {
            if !part.is_empty() {
                ok &= HEADER_CELLS.iter().any(|w| w.contains(part.as_str()));
                part.clear();
            }
        } else {
            part.push(c);
        }
    }
    ok
}

/// A header whose cells come cut and interleaved, the goal label's among
/// them (`年度绩效目 一级指 二级指标 三级指标 指标值 指标值确定` / `15` / `标 1` /
/// `标 依据` / `近两年指标值 预期当年` / `实现值2021 年 2022 年`): the first line
/// opens the 一级指标 cell, every line is made of pieces of header cells,
/// `二级指标` and `三级指标` are printed whole and the value and basis columns
/// are named (`指标值`, `依据`). The goal is read from the pieces
/// of the goal label's words, a line of a number alone (a page number) left
/// out when the goal reads without it.
fn loose_header(lines: &[(&str, u32)], at: usize) -> Option<(Header, usize)> {
    let opens = lines.get(at)?.0.split_whitespace().any(|p| p.starts_with("一级"));
    if !opens {
        return None;
    }
    let n = lines[at..]
        .iter()
        .take(MAX_HEADER_LINES)
        .take_while(|(l, _)| l.split_whitespace().all(header_fragment))
        .count();
    let used = &lines[at..at + n];
    let joined: String = used.iter().map(|(l, _)| squeeze(l).replace(' ', "")).collect();
    let named = ["二级指标", "三级指标", "指标值", "依据"].iter().all(|w| joined.contains(w));
    if !named {
        return None;
    }
    let goal_piece = |p: &str| {
        p.bytes().all(|b| b.is_ascii_digit()) || ["长期绩效目标", "年度绩效目标"].iter().any(|w| w.contains(p))
    };
    let goal_text = |skip_numbers: bool| -> String {
        used.iter()
            .filter(|(l, _)| !(skip_numbers && l.trim().bytes().all(|b| b.is_ascii_digit())))
            .flat_map(|(l, _)| l.split_whitespace())
            .filter(|p| goal_piece(p))
            .collect()
    };
    let goal = [true, false].iter().find_map(|&skip| goal_in(&goal_text(skip)));
    Some((Header { slots: slots(&joined), basis: joined.contains("依据"), goal, recent: joined.contains("近两年") }, n))
}

/// The first goal label in `text` (`年度绩效目标1标` → `年度目标1`).
fn goal_in(text: &str) -> Option<String> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = regex(&RE, r"(?:长期|年度)(?:绩效)?目?标?\d{1,2}");
    goal_label(re.find(text)?.as_str())
}

/// The value columns a header names. `指标值` alone is one column; a yearly
/// header names the earlier years (`2022年 2023年`, `前年 上年`, under
/// `近两年指标值`) and the current one (`预期当年实现值`, `预计当年实现`).
fn slots(header: &str) -> Vec<Slot> {
    let words: Vec<&str> = word_re().find_iter(header).map(|m| m.as_str()).collect();
    let mut values = value_slots(&words);
    // `指标值 分值权重（90）` (the weights' sum in brackets): a weight column
    // after the values, or before them.
    let value_word = |w: &&str| !w.starts_with("分值") && w.contains("值");
    if let Some(at) = words.iter().position(|w| w.starts_with("分值")) {
        let before = words.iter().skip(at).any(value_word);
        values.insert(if before { 0 } else { values.len() }, Slot::Weight);
    }
    values
}

/// The value columns `words` (a header's words in printed order) name.
fn value_slots(words: &[&str]) -> Vec<Slot> {
    let is_current = |w: &str| w.starts_with("预期") || w.starts_with("预计");
    let is_history = |w: &str| w == "前年" || w == "上年" || (w.ends_with('年') && w.len() == 7);
    let history = words.iter().filter(|w| is_history(w)).count();
    let current = words.iter().filter(|w| is_current(w)).count();
    if history == 0 && current == 0 {
        return vec![Slot::Current];
    }
    let named: Vec<Slot> = match history {
        0 => Vec::new(),
        1 => vec![Slot::Prev1],
        2 => vec![Slot::Prev2, Slot::Prev1],
        n => vec![Slot::Unknown; n],
    };
    let current_first = words
        .iter()
        .position(|w| is_current(w))
        .is_some_and(|c| words.iter().position(|w| is_history(w) || *w == "近两年指标值").is_none_or(|h| c < h));
    let mut out = Vec::new();
    if current_first {
        out.push(Slot::Current);
        out.extend(named);
    } else {
        out.extend(named);
        out.extend(std::iter::repeat_n(Slot::Current, current.min(1)));
    }
    out
}

/// The widths of a form's columns, learned from its own lines: a 二级指标
/// name wrapped over lines (`社会效益指` / `标`) shows how wide the column is.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Widths {
    level2_full: Option<usize>,
}

impl Widths {
    /// Learns from every line of a form.
    pub(super) fn learn(lines: &[(&str, u32)]) -> Widths {
        let mut full = None;
        for i in 0..lines.len() {
            let first = squeeze(lines[i].0);
            if first.contains(' ') || is_level2(&first) {
                continue;
            }
            let mut joined = first.clone();
            for (next, _) in lines.iter().skip(i + 1).take(2) {
                joined.push_str(&squeeze(next));
                if is_level2(&joined) {
                    full = full.max(Some(print_width(&first)));
                    break;
                }
            }
        }
        Widths { level2_full: full }
    }
}

/// A run of consecutive values: `(first piece, end piece, value)` each.
#[derive(Debug, Clone)]
struct Run {
    values: Vec<(usize, usize, String)>,
}

impl Run {
    fn start(&self) -> usize {
        self.values.first().map_or(0, |v| v.0)
    }

    fn end(&self) -> usize {
        self.values.last().map_or(0, |v| v.1)
    }
}

/// The fill-down state of a block: the level cells above.
#[derive(Debug, Default)]
struct Levels {
    level1: String,
    level2: String,
    /// The block's first row prints no level name: its merged level cells
    /// are printed apart from their rows (after the table, as a
    /// spreadsheet writes merged cells last), so no row takes the levels
    /// of the rows above it.
    apart: bool,
}

/// Reads the rows of one indicator table: `lines` are the lines after its
/// header, up to the next goal or table.
pub(super) fn read_block(lines: &[(&str, u32)], header: &Header, widths: Widths, sink: &mut Sink<'_>) {
    let mended = mend(lines);
    let lines: Vec<(&str, u32)> = mended.iter().map(|(t, p)| (t.as_str(), *p)).collect();
    let lines = &lines[..];
    let pieces = pieces(lines);
    let texts: Vec<&str> = pieces.iter().map(|p| p.text).collect();
    let spans = name_spans(&texts);
    let names = name_marks(texts.len(), &spans);
    let runs = runs(&texts, &names);
    if by_lines(&pieces, &spans, &runs, header, sink) {
        return;
    }
    if runs.is_empty() {
        return;
    }
    let wrap = basis_wrap(&pieces, &runs);
    // Where each row's names begin: after the previous row's basis, or
    // right after its values where the header names no column after them
    // and the lines between are one cell's ([`one_cell_between`]).
    let mut head_starts = vec![0];
    for w in runs.windows(2) {
        let (end, next) = (w[0].end(), w[1].start());
        let split = match header.full_basis() || !one_cell_between(&pieces, end, next) {
            true => split_gap(&pieces, lines, end, next, wrap),
            false => end,
        };
        head_starts.push(split);
    }
    let tail_ends: Vec<usize> = head_starts.iter().skip(1).copied().chain([pieces.len()]).collect();
    let basis_width = basis_width(&pieces, lines, &runs, &tail_ends);
    let mut levels = Levels::default();
    for (k, run) in runs.iter().enumerate() {
        let mut head: Vec<Piece<'_>> = pieces[head_starts[k]..run.start()].to_vec();
        let mut tail: Vec<Piece<'_>> =
            pieces[run.end()..tail_ends[k]].iter().filter(|p| !level_end_line(p, lines)).copied().collect();
        let value_line = pieces[run.start()].line;
        let named_on_value_line = head.last().is_some_and(|p| p.line == value_line);
        let below = tail.first().is_some_and(|p| p.line != pieces[run.end() - 1].line && !p.text.starts_with('《'));
        if named_on_value_line && below {
            let moved = wide_leading_lines(&tail, lines, basis_width);
            head.extend(tail.drain(..moved));
        }
        let ends = level_ends(&head, &mut tail, pieces[run.end() - 1].line);
        let page = lines[value_line].1;
        if levels.apart {
            levels.level1.clear();
            levels.level2.clear();
        }
        row(&head, run, &tail, &ends, header, widths, &mut levels, page, sink);
        if k == 0 && levels.level1.is_empty() && levels.level2.is_empty() {
            levels.apart = true;
            sink.finding(page, LEVELS_APART);
        }
    }
}

/// The finding for a table whose levels are printed apart from its rows.
const LEVELS_APART: &str = "the indicator table's first row prints no level name: its level cells are printed \
                            apart from their rows, so each row keeps only the level names printed with it";

/// Reads a block of one value column and no basis a row a line
/// ([`text_line_rows`]), when every value the vocabulary knows ends its
/// line and the reading gives rows, at least as many as the reading by
/// values. True when it took the block.
fn by_lines(
    pieces: &[Piece<'_>],
    spans: &[(usize, usize)],
    runs: &[Run],
    header: &Header,
    sink: &mut Sink<'_>,
) -> bool {
    let [slot] = header.slots[..] else { return false };
    let line_end = |p: usize| pieces.get(p).is_none_or(|q| q.line != pieces[p - 1].line);
    if header.full_basis() || !runs.iter().all(|r| line_end(r.end())) {
        return false;
    }
    let Some(reading) = text_line_rows::read(pieces, spans, slot) else { return false };
    if reading.rows.is_empty() || reading.rows.len() < runs.len() {
        return false;
    }
    for (text, page) in reading.left {
        sink.finding(page, format!("text among indicator rows read as no row's: {text:?}"));
    }
    if let Some(first) = reading.rows.first().filter(|_| reading.apart) {
        sink.finding(first.page, LEVELS_APART);
    }
    if let Some(last) = reading.rows.last() {
        sink.goal = last.goal.clone();
    }
    for row in reading.rows {
        sink.indicator(row);
    }
    true
}

/// The block's lines with what narrow columns cut rejoined and the page
/// numbers dropped:
///
/// - a value cut at a line's end goes on at the next line's start, a number
///   (`成本指标 项目成本控制 ≤7110.1` / `7 万元 ≤7110.1`, `≤1421.` / `96 万元`) or
///   a word (`群众办事便利度提` / `升 有效提` / `升 有效提`);
/// - a line of one to three digits alone (`12`) is the number of the page
///   the table crosses, printed among its rows, unless it ends a goal label
///   (`长期绩` / `效目标` / `1`).
fn mend(lines: &[(&str, u32)]) -> Vec<(String, u32)> {
    let mut out: Vec<(Vec<String>, u32)> =
        lines.iter().map(|(t, p)| (t.split_whitespace().map(String::from).collect(), *p)).collect();
    for i in 1..out.len() {
        let cut = match (out[i - 1].0.last(), out[i].0.first()) {
            (Some(last), Some(first)) => cut_value(last, first),
            _ => false,
        };
        if cut {
            let first = out[i].0.remove(0);
            if let Some(last) = out[i - 1].0.last_mut() {
                last.push_str(&first);
            }
        } else if let Some(j) = out[i].0.first().and_then(|f| cut_unit(&out[i - 1].0, f)) {
            let first = out[i].0.remove(0);
            out[i - 1].0[j].push_str(&first);
        }
    }
    let digits = |ps: &[String]| ps.len() == 1 && ps[0].len() <= 3 && ps[0].bytes().all(|b| b.is_ascii_digit());
    // The number of a goal label is no page number (`长期绩` / `效目标` / `1`).
    let ends_goal = |i: usize| {
        (1..=2.min(i)).any(|k| {
            goal_label(&out[i - k..=i].iter().flat_map(|(ps, _)| ps.iter().cloned()).collect::<String>()).is_some()
        })
    };
    let page_number: Vec<bool> = (0..out.len()).map(|i| digits(&out[i].0) && !ends_goal(i)).collect();
    out.into_iter()
        .zip(page_number)
        .filter(|((ps, _), page_number)| !ps.is_empty() && !page_number)
        .map(|((ps, p), _)| (ps.join(" "), p))
        .collect()
}

/// True when `last`, ending a line, is a value cut short that `first`,
/// opening the next line, goes on with: a number with a comparison or a
/// point but no unit (`≤7110.1`, `≤1421.`) before digits (`7`, `96`), or a
/// piece that is no value before the rest of a value word (`有效提` + `升`).
fn cut_value(last: &str, first: &str) -> bool {
    static NUM: OnceLock<Regex> = OnceLock::new();
    static REST: OnceLock<Regex> = OnceLock::new();
    let num = regex(&NUM, r"^(?:[≥≤<>＞＜=＝]\d+(?:\.\d*)?|[≥≤<>＞＜=＝]?\d+\.)$");
    let rest = regex(&REST, r"^\d{1,3}(?:\D|$)");
    if num.is_match(last) && rest.is_match(first) {
        return true;
    }
    !is_word(last) && value_at(&[last], 0).is_none() && is_word(&format!("{last}{first}"))
}

/// True when the piece is a line of its own ending a 一级指标 name (`标`),
/// printed among the lines of a basis (`部门职责规` / `标` / `定`).
fn level_end_line(p: &Piece<'_>, lines: &[(&str, u32)]) -> bool {
    ends_level1(p.text) && squeeze(lines[p.line].0) == p.text
}

/// Where in a line a unit cut short (`≤4271.25 万 历史标准` / `元`) takes the
/// rest that opens the next line: the piece that, with `first` glued on,
/// ends a value it did not end before.
fn cut_unit(line: &[String], first: &str) -> Option<usize> {
    if first.chars().count() > 2 || value_at(&[first], 0).is_some() {
        return None;
    }
    let texts: Vec<&str> = line.iter().map(String::as_str).collect();
    // A unit cut at the line's end goes on in the next piece as it is.
    (0..texts.len().saturating_sub(1)).find(|&j| {
        let glued = format!("{}{first}", texts[j]);
        // The unit printed with its number (`≤4271.25万`) or apart (`≤4271.25 万`).
        (j.saturating_sub(1)..=j).any(|from| {
            let mut with: Vec<&str> = texts[from..=j].to_vec();
            let before = value_at(&with, 0).is_some_and(|(n, _)| n == with.len());
            if let Some(last) = with.last_mut() {
                *last = &glued;
            }
            !before && value_at(&with, 0).is_some_and(|(n, _)| n == with.len())
        })
    })
}

/// Marks, of `len` pieces, those the `spans` of names ([`name_spans`])
/// take: they spell a goal label (`长期绩` / `效目标` / `1`) or a level name
/// (`满意` / `度指` / `标`), and are not values.
fn name_marks(len: usize, spans: &[(usize, usize)]) -> Vec<bool> {
    let mut marks = vec![false; len];
    for &(p, m) in spans {
        marks[p..p + m].iter_mut().for_each(|x| *x = true);
    }
    marks
}

/// The runs of pieces that spell a goal label or a level name: `(first
/// piece, piece count)` each, in order.
fn name_spans(texts: &[&str]) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut p = 0;
    while p < texts.len() {
        let m = (1..=6).rev().find(|&m| p + m <= texts.len() && is_name(&texts[p..p + m].concat()));
        match m {
            Some(m) => {
                spans.push((p, m));
                p += m;
            }
            None => p += 1,
        }
    }
    spans
}

fn is_name(joined: &str) -> bool {
    goal_label(joined).is_some() || is_level1(joined) || is_level2(joined)
}

/// The runs of consecutive values.
fn runs(texts: &[&str], skip: &[bool]) -> Vec<Run> {
    let mut out: Vec<Run> = Vec::new();
    let mut p = 0;
    while p < texts.len() {
        let value = if skip[p] { None } else { value_at(texts, p) };
        match value {
            Some((n, v)) if !skip[p..p + n].iter().any(|s| *s) => {
                match out.last_mut() {
                    Some(r) if r.end() == p => r.values.push((p, p + n, v)),
                    _ => out.push(Run { values: vec![(p, p + n, v)] }),
                }
                p += n;
            }
            _ => p += 1,
        }
    }
    out
}

/// Whether the pieces between two rows' values (`end..next`) are one
/// cell's text wrapped a piece a line, none on the value line: under a
/// header that names no column after the values, the next row's name
/// (`培养实践锻炼、跟班学习` / `干部人数 ≥110人 6` under `三级指标 指标值 分值`),
/// not the row before's basis. Two pieces on a line are two cells (a row
/// whose value is not read, `重大隐患排查治理情况 推动重大事故隐患动态清零`).
fn one_cell_between(pieces: &[Piece<'_>], end: usize, next: usize) -> bool {
    (end..next).all(|p| pieces[p].line != pieces[p - 1].line)
}

/// Where, between the values ending at `end` and those starting at `next`,
/// the first row's basis ends and the second row's names begin:
///
/// 1. at a line that begins a level name or a goal label (`数量指标`);
/// 2. else, when the basis began on the value line (`… 工作要求`), after
///    it and the lines it goes on over (see [`basis_goes_on`]);
/// 3. else after the first line shorter than the one before it (the end of
///    a wrapped basis cell), leaving the second row at least one line.
fn split_gap(pieces: &[Piece<'_>], lines: &[(&str, u32)], end: usize, next: usize, wrap: Option<usize>) -> usize {
    let value_line = pieces[end - 1].line;
    let next_line = pieces[next].line;
    if value_line == next_line {
        return next;
    }
    let first_on = |line: usize| (end..next).find(|&p| pieces[p].line == line);
    let texts: Vec<&str> = pieces.iter().map(|p| p.text).collect();
    for line in value_line + 1..=next_line {
        if let Some(p) = first_on(line) {
            if begins_level(&texts[p..next.max(p)]) {
                return p;
            }
        }
    }
    let inline_basis = end < next && pieces[end].line == value_line;
    let middle: Vec<usize> = (value_line + 1..next_line).filter(|&l| first_on(l).is_some()).collect();
    let head_at = |line: usize| first_on(line).unwrap_or(next);
    if inline_basis {
        // With no line between, the next row's names open the next line
        // (`资金拨付及时性 及时 年度工作计划` / `应急事件及时处置 完成 …`).
        let on_value_line = (end..next).take_while(|&p| pieces[p].line == value_line).count();
        let mut basis = join(&pieces[end..end + on_value_line]);
        let mut last_width = print_width(&basis);
        for (k, &l) in middle.iter().enumerate() {
            let text = squeeze(lines[l].0);
            // The end of a 一级指标 name printed between (`部门职责规` / `标` / `定`).
            if ends_level1(&text) {
                continue;
            }
            if k >= MAX_BASIS_LINES || !basis_goes_on(&basis, last_width, &text, wrap) {
                return head_at(l);
            }
            basis.push_str(&text);
            last_width = print_width(&text);
        }
        return head_at(next_line);
    }
    let named_on_value_line = first_on(next_line).is_some();
    let widths: Vec<usize> = middle.iter().map(|&l| print_width(lines[l].0)).collect();
    let end_of_cell = (1..widths.len()).find(|&j| widths[j] < widths[j - 1]);
    match end_of_cell {
        Some(j) if j + 1 < middle.len() || named_on_value_line => {
            middle.get(j + 1).map_or_else(|| head_at(next_line), |&l| head_at(l))
        }
        _ if named_on_value_line => head_at(next_line),
        _ if middle.len() >= 2 => head_at(middle[1]),
        _ => middle.first().map_or(next, |&l| head_at(l)),
    }
}

/// Most lines a basis begun on the value line goes on over.
const MAX_BASIS_LINES: usize = 4;

/// True when a basis begun on a value line goes on over the next line: a
/// title left open (`《武昌区预` / `算绩效管理` / `办法》`), or a line as wide as
/// the basis column can be (`部门职责规` / `定`) not ending as a basis ends
/// (`…标准`, `…要求`, `…规定`, `…计划`, `…》`), followed by a line no wider.
fn basis_goes_on(basis: &str, last_width: usize, line: &str, wrap: Option<usize>) -> bool {
    if basis.matches('《').count() > basis.matches('》').count() {
        return true;
    }
    let ended = ["》", "标准", "要求", "规定", "计划", "办法"].iter().any(|e| basis.ends_with(e));
    match wrap {
        Some(w) => !ended && last_width >= w && print_width(line) <= w,
        None => false,
    }
}

/// The width at which the basis column wraps, when the block shows it: the
/// widest basis text printed after the values on a value line, provided a
/// narrower one shows that the widest fills the column (`部门职责规`,
/// `《武昌区预` beside `历史标准`).
fn basis_wrap(pieces: &[Piece<'_>], runs: &[Run]) -> Option<usize> {
    let widths: Vec<usize> = runs
        .iter()
        .map(|r| {
            let line = pieces[r.end() - 1].line;
            let on_line: Vec<Piece<'_>> = pieces[r.end()..].iter().take_while(|p| p.line == line).copied().collect();
            print_width(&join(&on_line))
        })
        .filter(|&w| w > 0)
        .collect();
    let widest = widths.iter().copied().max()?;
    widths.iter().any(|&w| w + 2 <= widest).then_some(widest)
}

/// True when the pieces begin with a level name or a goal label, possibly
/// wrapped over pieces (`满意` `度指` `标`).
fn begins_level(texts: &[&str]) -> bool {
    (1..=6.min(texts.len())).any(|m| {
        let joined = texts[..m].concat();
        is_level1(&joined) || is_level2(&joined) || goal_label(&joined).is_some()
    })
}

/// How wide the basis column prints: the median of the widest line of each
/// row's basis printed on lines of its own.
fn basis_width(pieces: &[Piece<'_>], lines: &[(&str, u32)], runs: &[Run], tail_ends: &[usize]) -> usize {
    let mut widest: Vec<usize> = runs
        .iter()
        .zip(tail_ends)
        .filter_map(|(r, &e)| {
            let value_line = pieces[r.end() - 1].line;
            let own: Vec<usize> = (r.end()..e).map(|p| pieces[p].line).filter(|&l| l != value_line).collect();
            own.iter().map(|&l| print_width(lines[l].0)).max()
        })
        .collect();
    widest.sort_unstable();
    widest.get(widest.len() / 2).copied().unwrap_or(usize::MAX)
}

/// A name printed beside the values goes on below them (`巩固帮扶对象脱贫成
/// 完成 完成 完成` / `果，落实资金帮扶，落` / `实基础设施建设等`): the leading
/// lines after the values that are wider than the basis column can be are
/// the name's (unless they open a title, `《伍家岗区`, as only a basis does). Returns how many pieces they hold.
fn wide_leading_lines(tail: &[Piece<'_>], lines: &[(&str, u32)], basis_width: usize) -> usize {
    let mut n = 0;
    while let Some(p) = tail.get(n) {
        if print_width(lines[p.line].0) <= basis_width.saturating_add(2) {
            break;
        }
        let line = p.line;
        while tail.get(n).is_some_and(|q| q.line == line) {
            n += 1;
        }
    }
    n
}

/// The longest run of whole pieces from the start that `is` accepts.
fn take_word(pieces: &[Piece<'_>], is: fn(&str) -> bool) -> Option<(usize, String)> {
    (1..=6.min(pieces.len())).rev().find_map(|m| {
        let joined: String = pieces[..m].iter().map(|p| p.text).collect();
        is(&joined).then_some((m, joined))
    })
}

/// Builds one indicator row from its names, values and basis.
#[allow(clippy::too_many_arguments)]
fn row(
    head: &[Piece<'_>],
    run: &Run,
    tail: &[Piece<'_>],
    ends: &[&str],
    header: &Header,
    widths: Widths,
    levels: &mut Levels,
    page: u32,
    sink: &mut Sink<'_>,
) {
    let mut rest = head;
    let mut goal = String::new();
    if let Some((m, g)) = (1..=4.min(rest.len())).rev().find_map(|m| {
        let joined: String = rest[..m].iter().map(|p| p.text).collect();
        goal_label(&joined).map(|g| (m, g))
    }) {
        goal = g;
        sink.goal = goal.clone();
        rest = &rest[m..];
    }
    rest = read_levels(rest, levels, widths, page, sink);
    for end in ends {
        let level2 = format!("{}{end}", levels.level2);
        if is_level2(&level2) {
            levels.level2 = level2;
        }
    }
    let n = header.slots.len();
    let k = run.values.len();
    let values_in_name = k.saturating_sub(n) + rest.iter().filter(|p| value_at(&[p.text], 0).is_some()).count();
    if values_in_name >= 2 || holds_level_name(&join(rest)) {
        let what = format!("{:?} (values {:?})", join(rest), run.values.iter().map(|v| &v.2).collect::<Vec<_>>());
        sink.finding(page, format!("indicator row not read: its name runs over other cells: {what}"));
        return;
    }
    let mut level3 = join(rest);
    if k > n {
        for (_, _, v) in &run.values[..k - n] {
            level3.push_str(v);
        }
    }
    let mut ind = Indicator {
        goal,
        level1: levels.level1.clone(),
        level2: levels.level2.clone(),
        level3,
        basis: join(tail),
        page,
        ..Indicator::default()
    };
    if k < n {
        let what = format!("{} value(s) where the header declares {n}; values left empty", k);
        sink.finding(page, format!("indicator {:?}: {what}", ind.level3));
    } else {
        for (slot, (_, _, v)) in header.slots.iter().zip(&run.values[k - n..]) {
            slot.put(&mut ind, v.clone());
        }
    }
    if ind.basis.is_empty() && header.basis {
        sink.finding(
            page,
            format!("indicator {:?}: no basis printed beside it (a merged basis cell may cover it)", ind.level3),
        );
    }
    if ind.level3.is_empty() {
        sink.finding(page, format!("indicator with value {:?} has no 三级指标 name", ind.value));
    }
    sink.indicator(ind);
}

/// The ends of level names begun on the value line, printed at the start
/// of a later line of the basis (`效益指 经济效益 带动相关产业发展 明显 《江夏区预算绩效管理`
/// / `标 指标 办法》`): taken out of the basis and returned, when the row's
/// names begin a 一级指标 name cut short (`效益指`).
fn level_ends<'a>(head: &[Piece<'a>], tail: &mut Vec<Piece<'a>>, value_line: usize) -> Vec<&'a str> {
    if !head.iter().any(|p| level1_begun(p.text).is_some()) {
        return Vec::new();
    }
    let is_end = |p: &Piece<'_>| ends_level1(p.text) || p.text == "指标";
    let mut ends = Vec::new();
    let mut kept = Vec::new();
    let mut i = 0;
    while i < tail.len() {
        let line = tail[i].line;
        let opens_line = line != value_line && (i == 0 || tail[i - 1].line != line);
        if opens_line {
            while i < tail.len() && tail[i].line == line && ends.len() < 2 && is_end(&tail[i]) {
                ends.push(tail[i].text);
                i += 1;
            }
        }
        if let Some(p) = tail.get(i) {
            kept.push(*p);
        }
        i += 1;
    }
    *tail = kept;
    ends
}

/// Reads the level cells that begin on this row: a 一级指标 name, a 二级指标
/// name. A new 一级指标 cell begins a new 二级指标 cell too; when no known
/// 二级指标 name follows, its lines are those as wide as the column (learned
/// from the form) and the first narrower one. Returns what is left: the
/// 三级指标 name.
fn read_levels<'p, 'a>(
    pieces: &'p [Piece<'a>],
    levels: &mut Levels,
    widths: Widths,
    page: u32,
    sink: &mut Sink<'_>,
) -> &'p [Piece<'a>] {
    let Some((m1, w1)) = take_word(pieces, is_level1).or_else(|| begun_level1(pieces)) else {
        let pieces = match pieces.split_first() {
            Some((first, rest)) if ends_level1(first.text) && take_word(rest, is_level2).is_some() => rest,
            _ => pieces,
        };
        return match take_word(pieces, is_level2) {
            Some((m2, w2)) => {
                levels.level2 = w2;
                &pieces[m2..]
            }
            None => pieces,
        };
    };
    if let Some((m2, w2)) = take_word(&pieces[m1..], is_level2) {
        levels.level1 = w1;
        levels.level2 = w2;
        return &pieces[m1 + m2..];
    }
    // `成本指标` / `满意度指标` alone: a 二级指标 under the 一级指标 above,
    // unless it is a new 满意度 一级指标.
    // Where the levels print apart from the rows, the 一级指标 above is not
    // known, and the rows name their 二级指标 alone.
    let under_level1 = !levels.level1.is_empty() || levels.apart;
    if is_level2(&w1) && !(w1 == "满意度指标" && levels.level1 != "满意度指标") && under_level1 {
        levels.level2 = w1;
        return &pieces[m1..];
    }
    levels.level1 = w1;
    let rest = &pieces[m1..];
    match level2_lines(rest, widths) {
        Some(m2) => {
            levels.level2 = join(&rest[..m2]);
            &rest[m2..]
        }
        None => {
            levels.level2.clear();
            sink.finding(page, format!("二级指标 under {:?} not told apart from the 三级指标 name", levels.level1));
            rest
        }
    }
}

/// A 一级指标 name whose last glyphs print on the next row's line, before a
/// 二级指标 name: `产出指 成本指标 人均培训成本 ≤800 元 …` (then `标 数量指标 …`,
/// whose `标` [`read_levels`] passes over).
fn begun_level1(pieces: &[Piece<'_>]) -> Option<(usize, String)> {
    let (first, rest) = pieces.split_first()?;
    let name = level1_begun(first.text)?;
    take_word(rest, is_level2).map(|_| (1, name.to_string()))
}

/// How many pieces of `rest` the 二级指标 cell takes: its lines as wide as
/// the column and the first narrower one; `None` when the column's width is
/// unknown or nothing would be left for the 三级指标 name.
fn level2_lines(rest: &[Piece<'_>], widths: Widths) -> Option<usize> {
    let full = widths.level2_full?;
    let mut n = 0;
    while n < rest.len() {
        let line = rest[n].line;
        let end = rest[n..].iter().position(|p| p.line != line).map_or(rest.len(), |k| n + k);
        let width: usize = rest[n..end].iter().map(|p| print_width(p.text)).sum();
        n = end;
        if width + 1 < full {
            break;
        }
    }
    (n < rest.len()).then_some(n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forms::testing::assert_rows;

    fn header_of(lines: &[&str]) -> Option<(Vec<Slot>, usize)> {
        let lines: Vec<(&str, u32)> = lines.iter().map(|l| (*l, 1)).collect();
        header(&lines, 0).map(|(h, n)| (h.slots, n))
    }

    /// A table whose merged level cells a spreadsheet printed after its
    /// rows: the first row names no level, later ones a 二级指标 at most
    /// (`成本指标` alone among them is one). No row takes the levels of the
    /// row above: `污染治理体系和能力` is not of 经济效益指标, nor
    /// `生态文明水平` of 成本指标.
    #[test]
    fn levels_printed_apart_from_their_rows_are_not_filled_down() {
        let text = "部门名称 云湖区生态环境局
一级指标 二级指标 三级指标 指标值
受污染耕地安全利用率 ≥95%
质量指标 项目验收合格率 100%
成本指标 市级低谷电价补贴 0.1元/度
经济效益指标 资源和能源利用率 较上年增长
污染治理体系和能力 优
可持续影响指标 生态文明水平 优
满意度指标 服务对象满意度指标 公众对生态环境的满意度 ≥85%
";
        let (rows, _, findings) = crate::forms::testing::read_text("部门整体支出绩效目标表", text);
        assert_rows(
            &rows,
            &[
                " | | | 受污染耕地安全利用率 | ≥95% | | |",
                " | | 质量指标 | 项目验收合格率 | 100% | | |",
                " | | 成本指标 | 市级低谷电价补贴 | 0.1元/度 | | |",
                " | | 经济效益指标 | 资源和能源利用率 | 较上年增长 | | |",
                " | | | 污染治理体系和能力 | 优 | | |",
                " | | 可持续影响指标 | 生态文明水平 | 优 | | |",
                " | 满意度指标 | 服务对象满意度指标 | 公众对生态环境的满意度 | ≥85% | | |",
            ],
        );
        assert!(findings.iter().any(|f| f.message.contains("printed apart")), "{findings:?}");
    }

    #[test]
    fn headers_declare_their_value_columns() {
        use Slot::*;
        type Case<'a> = (&'a [&'a str], Option<(Vec<Slot>, usize)>);
        let cases: &[Case<'_>] = &[
            (
                &["长期绩效指", "标", "一级", "指标", "二级指标 三级指标 指标值 指标值确定依据", "产出"],
                Some((vec![Current], 5)),
            ),
            // The weights after the values, their sum in brackets below.
            (&["一级指标 二级指标 三级指标 指标值 分值", "（90）", "成本指标"], Some((vec![Current, Weight], 2))),
            (&["一级指标 二级指标 三级指标 分值权重（90） 指标值"], Some((vec![Weight, Current], 1))),
            (
                &[
                    "一级",
                    "指标",
                    "二级指标 三级指标",
                    "指标值",
                    "指标值确",
                    "定依据",
                    "近两年指标值 预期当",
                    "年实现",
                    "值",
                    "2022",
                    "年",
                    "2023",
                    "年",
                    "产出",
                ],
                Some((vec![Prev2, Prev1, Current], 13)),
            ),
            (
                &[
                    "目标名",
                    "称",
                    "一级",
                    "指标",
                    "二级指标 三级指标",
                    "指标值",
                    "指标值确定依",
                    "据前年 上年",
                    "预计当",
                    "年实现",
                    "年度绩",
                    "效目标",
                    "1",
                ],
                Some((vec![Prev2, Prev1, Current], 10)),
            ),
            (&["一级指标 二级指标 三级指标 年度(/项目)指标值"], Some((vec![Current], 1))),
            (
                &[
                    "年度绩效目 一级指 二级指标 三级指标 指标值 指标值确定",
                    "15",
                    "标 1",
                    "标 依据",
                    "近两年指标值 预期当年",
                    "实现值2021 年 2022 年",
                    "产出指",
                ],
                Some((vec![Prev2, Prev1, Current], 6)),
            ),
            (&["项目名称 项目类型"], None),
        ];
        for (lines, want) in cases {
            assert_eq!(header_of(lines), *want, "{lines:?}");
        }
    }

    /// The indicator rows the form titled `title` yields from `text` (a line
    /// of the text a line of the form), and how many findings it reports.
    fn text_rows(title: &str, text: &str) -> (Vec<Indicator>, usize) {
        let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
        let (rows, _, findings) = crate::forms::testing::read(title, &[], &lines);
        (rows, findings.len())
    }

    /// One value column: a number ending the name is the name's; a new
    /// 一级指标 without a known 二级指标 name takes the lines as wide as the
    /// column (learned from `社会效益指` / `标`) and the first narrower one.
    #[test]
    fn one_value_column_names_ending_in_numbers_and_unknown_level2_names() {
        let text = "
            长期目标 1： 聚焦中心工作。
            长期绩效指
            标
            一级
            指标
            二级指标 三级指标 指标值 指标值确定依据
            产出
            指标
            数量指标
            重大政府参阅
            材料
            ≥10 篇 工作要求
            质量指标
            督查事项回告
            率、办结率 90%
            100% 工作要求
            效益
            指标
            社会效益指
            标
            帮扶对象生活
            水平改善
            完成
            乡村振兴工作年终考核结
            果
            满意度
            指标
            帮扶地区满
            意度
            帮扶地区满意
            度
            ≥90%
            考核结果
        ";
        let (rows, findings) = text_rows("十一、整体支出绩效目标表", text);
        assert_rows(
            &rows,
            &[
                "长期目标1 | 产出指标 | 数量指标 | 重大政府参阅材料 | ≥10篇 | 工作要求 | |",
                "长期目标1 | 产出指标 | 质量指标 | 督查事项回告率、办结率90% | 100% | 工作要求 | |",
                "长期目标1 | 效益指标 | 社会效益指标 | 帮扶对象生活水平改善 | 完成 | 乡村振兴工作年终考核结果 | |",
                "长期目标1 | 满意度指标 | 帮扶地区满意度 | 帮扶地区满意度 | ≥90% | 考核结果 | |",
            ],
        );
        assert_eq!(findings, 0);
    }

    /// A weight column after the value (`指标值 分值` / `（90）`): each row's
    /// last figure is its weight, not a value; a unit of time (`秒`).
    #[test]
    fn weights_after_the_values() {
        let text = "
            一级指标 二级指标 三级指标 指标值 分值
            （90）
            成本指标 经济成本指标 项目总成本 ≤2134.87万元 20
            产出指标
            质量指标
            系统软件反应速度 ≤4秒 8
            满意度
            指标 服务对象
            满意度指标 使用部门满意率 ≥85% 10
        ";
        let (rows, findings) = text_rows("（7）项目绩效目标表", text);
        assert_rows(
            &rows,
            &[
                " | 成本指标 | 经济成本指标 | 项目总成本 | ≤2134.87万元 | | |",
                " | 产出指标 | 质量指标 | 系统软件反应速度 | ≤4秒 | | |",
                " | 满意度指标 | 服务对象满意度指标 | 使用部门满意率 | ≥85% | | |",
            ],
        );
        let weights: Vec<&str> = rows.iter().map(|r| r.weight.as_str()).collect();
        assert_eq!(weights, ["20", "8", "10"]);
        assert_eq!(findings, 0);
    }

    /// A name wrapped in its cell above the line of its values, under a
    /// header naming no column after them (国家信访局's 项目支出绩效目标表):
    /// the next row's name, not the row before's basis. A line of two
    /// cells between two rows (a row whose value is not read) stays out of
    /// the next row's name.
    #[test]
    fn a_name_wrapped_above_its_values_is_the_next_rows() {
        let text = "
            一级指标 二级指标 三级指标 指标值 分值
            （90）
            产出指标 数量指标 信访业务主体培训班次 ≥3次 6

            培养实践锻炼、跟班学习
            干部人数 ≥110人 6

            信访业务主体培训人数 ≥290人 6
        ";
        let (rows, findings) = text_rows("（7）项目绩效目标表", text);
        assert_rows(
            &rows,
            &[
                " | 产出指标 | 数量指标 | 信访业务主体培训班次 | ≥3次 | | |",
                " | 产出指标 | 数量指标 | 培养实践锻炼、跟班学习干部人数 | ≥110人 | | |",
                " | 产出指标 | 数量指标 | 信访业务主体培训人数 | ≥290人 | | |",
            ],
        );
        assert_eq!(findings, 0);
        // Two cells on a line between two rows are no wrapped name: the
        // next row keeps its own.
        let text = "
            一级指标 二级指标 三级指标 指标值 分值
            （90）
            产出指标 质量指标 培训合格率 ≥98% 8

            重大隐患排查治理情况 推动重大事故隐患动态清零

            街道（乡镇）干部应急管理能力培训率 ≥30% 6
        ";
        let (rows, _) = text_rows("（7）项目绩效目标表", text);
        let names: Vec<&str> = rows.iter().map(|r| r.level3.as_str()).collect();
        assert_eq!(names, ["培训合格率", "街道（乡镇）干部应急管理能力培训率"]);
    }

    /// Three value columns (`前年 上年 预计当年实现`): a goal label in the
    /// goal column, a name going on below its values (wider than any basis
    /// line), and rows printed without a basis of their own (findings).
    #[test]
    fn yearly_values_names_below_their_values_and_rows_without_basis() {
        let text = "
            目标名
            称
            一级
            指标
            二级指标 三级指标
            指标值
            指标值确定依
            据前年 上年
            预计当
            年实现
            年度绩
            效目标
            1
            产出
            指标
            数量指标
            帮扶对象数量达到文
            件要求
            2个 2个 2个
            武汉市委办公
            厅武办文
            数量指标
            帮助村集体建设、发展
            产业扶贫项目
            28 个 41 个 ≥30个
            效益
            指标
            可持续影响指标 巩固帮扶对象脱贫成 完成 完成 完成
            果，落实资金帮扶，落
            实基础设施建设等
            满意
            度指
            标
            服务对象满意度
            指标
            帮扶地区满意度 98% 98% ≥90%
            乡村振兴工作
            年终考核结果
        ";
        let (rows, findings) = text_rows("年度绩效目标表", text);
        assert_rows(
            &rows,
            &[
                "年度目标1 | 产出指标 | 数量指标 | 帮扶对象数量达到文件要求 | 2个 | 武汉市委办公厅武办文 | 2个 | 2个",
                "年度目标1 | 产出指标 | 数量指标 | 帮助村集体建设、发展产业扶贫项目 | ≥30个 | | 28个 | 41个",
                "年度目标1 | 效益指标 | 可持续影响指标 | 巩固帮扶对象脱贫成果，落实资金帮扶，落实基础设施建设等 | 完成 | | 完成 | 完成",
                "年度目标1 | 满意度指标 | 服务对象满意度指标 | 帮扶地区满意度 | ≥90% | 乡村振兴工作年终考核结果 | 98% | 98%",
            ],
        );
        assert_eq!(findings, 2, "two rows print no basis");
    }

    #[test]
    fn values_cut_at_line_ends_are_rejoined_and_page_numbers_dropped() {
        let cases: &[(&[&str], &[&str])] = &[
            (
                &["成本指标 项目成本控制 ≤7110.1", "7 万元 ≤7110.1", "7 万元 工作要求"],
                &["成本指标 项目成本控制 ≤7110.17", "万元 ≤7110.17", "万元 工作要求"],
            ),
            (
                &["指标 群众办事便利度提", "升 有效提", "升 部门职责规"],
                &["指标 群众办事便利度提", "升 有效提升", "部门职责规"],
            ),
            (
                &["成本指标 项目成本控制 ≤4271.25 万", "元 计划标准"],
                &["成本指标 项目成本控制 ≤4271.25 万", "元 计划标准"],
            ),
            (
                &["项目成本控制 ≤4271.25 万 历史标准", "元", "时效指标"],
                &["项目成本控制 ≤4271.25 万元 历史标准", "时效指标"],
            ),
            (
                &["项目成本控制 ≤4271.25万 历史标准", "元", "时效指标"],
                &["项目成本控制 ≤4271.25万元 历史标准", "时效指标"],
            ),
            (
                &["时效指标 任务完成及时率 100% 行业标准", "12", "效益指标"],
                &["时效指标 任务完成及时率 100% 行业标准", "效益指标"],
            ),
            (&["长期绩", "效目标", "1", "产出"], &["长期绩", "效目标", "1", "产出"]),
            (&["资金拨付及时性 100% 及时", "12 个"], &["资金拨付及时性 100% 及时", "12 个"]),
        ];
        for (lines, want) in cases {
            let lines: Vec<(&str, u32)> = lines.iter().map(|l| (*l, 1)).collect();
            let got: Vec<String> = mend(&lines).into_iter().map(|(t, _)| t).collect();
            assert_eq!(got, *want, "{lines:?}");
        }
    }

    /// A basis begun beside the values goes on over its lines (`部门职责规` /
    /// `定`, an open `《…`), a 一级指标 name split around a row (`产出指` … `标`)
    /// and the goal label opening the header.
    #[test]
    fn bases_going_on_level_names_split_around_rows_and_goals_in_headers() {
        let text = "
            长期绩效
            目标 1 一级指
            标 二级指标 三级指标 指标值 指标值确定依据
            产出指 成本指标 人均培训成本 ≤800 元 《天门市预
            算绩效管理
            办法》
            14
            标 数量指标 开展专项检查次数 ≥8 次 部门职责规
            定
            完成项目数量 12 个 历史标准
            时效指标 项目完成时间 2022 年 12 月
            底前 行业标准
        ";
        let (rows, _) = text_rows("长期绩效目标表", text);
        assert_rows(
            &rows,
            &[
                "长期目标1 | 产出指标 | 成本指标 | 人均培训成本 | ≤800元 | 《天门市预算绩效管理办法》 | |",
                "长期目标1 | 产出指标 | 数量指标 | 开展专项检查次数 | ≥8次 | 部门职责规定 | |",
                "长期目标1 | 产出指标 | 数量指标 | 完成项目数量 | 12个 | 历史标准 | |",
                "长期目标1 | 产出指标 | 时效指标 | 项目完成时间 | 2022年12月底前 | 行业标准 | |",
            ],
        );
    }

    #[test]
    fn widths_come_from_wrapped_level_names() {
        let lines: Vec<(&str, u32)> = ["社会效益指", "标", "帮扶对象生活"].iter().map(|l| (*l, 1)).collect();
        assert_eq!(Widths::learn(&lines).level2_full, Some(10));
    }
}
