//! A form in text without layout: labels wrapped over lines (`项目主管部` /
//! `门`) followed by their values, the small tables of the form read from
//! their lines, then the indicator tables, each after its goal heading
//! (`长期目标 1： …`) or its own header.

use std::sync::OnceLock;

use regex::Regex;

use super::grid_form::ListNames;
use super::sink::Sink;
use super::text_indicators::{header, read_block, Widths};
use super::text_joined;
use super::text_named;
use super::text_projects;
use super::text_scored;
use super::text_slots::{self, Earlier, Marked};
use super::vocab::{
    goal_heading, goal_label, is_field_label, is_group_label, label_key, longest_label, may_open_label, print_width,
};
use crate::front::{join, pieces, regex, Piece};
use crate::lex::amount;
use crate::norm::squeeze;

/// Reads a form's lines: fields first, then indicator tables, from the
/// text of a spreadsheet-made PDF ([`text_slots`]) when they read as one.
pub(super) fn read(marked: &[Marked<'_>], earlier: Earlier<'_>, sink: &mut Sink<'_>) {
    let lines: Vec<(&str, u32)> = marked.iter().map(|l| (l.text, l.page)).collect();
    let lines = &lines[..];
    let blank: Vec<bool> = marked.iter().map(|l| l.after_blank).collect();
    // A self-evaluation: fields, funds, goals, then scored indicator rows.
    if sink.is_self_evaluation() {
        let found = (0..lines.len()).find_map(|i| text_scored::header(lines, i).map(|h| (i, h)));
        if let Some((at, (len, slots))) = found {
            let blocks = text_scored::blocks_start(&lines[..at]);
            fields(&lines[..blocks], &blank[..blocks], sink);
            text_scored::read(&marked[blocks..], at - blocks, len, &slots, sink);
            return;
        }
    }
    // A table of many projects, each beside its indicator rows.
    if let Some(at) = (0..lines.len()).find(|&i| text_projects::header(lines, i).is_some()) {
        fields(&lines[..at], &blank[..at], sink);
        text_projects::read(&marked[at..], sink);
        return;
    }
    if let Some((at, columns)) = text_projects::scattered_header(lines) {
        fields(&lines[..at], &blank[..at], sink);
        text_projects::read_unordered(&marked[at..], columns, sink);
        return;
    }
    let widths = Widths::learn(lines);
    let starts: Vec<usize> =
        (0..lines.len()).filter(|&i| goal_heading(lines[i].0).is_some() || header(lines, i).is_some()).collect();
    // A goal label right above the first table belongs to the tables.
    let label_above = |s: usize| (1..=MAX_GOAL_LINES.min(s)).find(|&k| goal_label_lines(lines, s - k) == Some(k));
    let starts: Vec<usize> = match starts.first() {
        Some(&s) => match label_above(s) {
            Some(k) => std::iter::once(s - k).chain(starts).collect(),
            None => starts,
        },
        _ => starts,
    };
    // Rows whose levels run together in one cell, under a header of no
    // level names (`活动 绩效指标 指标值`), before any table of level
    // columns: the fields end at that header.
    let tables_from = starts.first().copied().unwrap_or(lines.len());
    if let Some(at) = text_joined::start(marked).filter(|&at| at < tables_from) {
        let end = (0..at).rfind(|&i| squeeze(lines[i].0).contains("绩效指标")).unwrap_or(at);
        let fields_end = text_joined::fields_end(marked, end);
        fields(&lines[..fields_end], &blank[..fields_end], sink);
        text_joined::read(&marked[end..tables_from], sink);
        tables(lines, tables_from, widths, sink);
        return;
    }
    // Rows named in one column with no level (`指标名称 指标性质 指标值 …`).
    if let Some((at, columns)) = text_named::header(marked).filter(|(at, _)| *at < tables_from) {
        let fields_end = text_joined::fields_end(marked, at);
        fields(&lines[..fields_end], &blank[..fields_end], sink);
        text_named::read(&marked[at..tables_from], &columns, sink);
        tables(lines, tables_from, widths, sink);
        return;
    }
    // A table of many projects (`序号 项目名称 … 指标名称 指标性质 …`).
    if let Some(header) = text_named::projects_header(marked).filter(|h| h.at < tables_from) {
        fields(&lines[..header.at], &blank[..header.at], sink);
        text_named::read_projects(&marked[..tables_from], &header, sink);
        tables(lines, tables_from, widths, sink);
        return;
    }
    let fields_end = starts.first().copied().unwrap_or(lines.len());
    fields(&lines[..fields_end], &blank[..fields_end], sink);
    if slots_read_more(&marked[fields_end..], lines, fields_end, widths, sink)
        && text_slots::read(&marked[fields_end..], Some(earlier), sink)
    {
        return;
    }
    tables(lines, fields_end, widths, sink);
}

/// Rows with a name and a value: what a reading of indicator tables is
/// worth.
fn complete_rows(rows: &[budget_model::Indicator]) -> usize {
    rows.iter().filter(|r| !r.level3.is_empty() && (!r.value.is_empty() || !r.prev1_value.is_empty())).count()
}

/// True when the slot reader ([`text_slots`]) reads the tables from
/// `lines[from..]` and gets at least as many rows with a name and a value
/// as the reader of rows a line ([`tables`]): a text whose wrapped cells
/// print a line apart (`对重大决策部` / `署督办落实率、`) is no
/// spreadsheet's, though its lines stand in blocks.
fn slots_read_more(marked: &[Marked<'_>], lines: &[(&str, u32)], from: usize, widths: Widths, sink: &Sink<'_>) -> bool {
    let mut findings = Vec::new();
    let mut trial = sink.scratch(&mut findings);
    if !text_slots::read(marked, None, &mut trial) {
        return false;
    }
    let by_slots = complete_rows(trial.indicators_mut());
    let mut findings = Vec::new();
    let mut trial = sink.scratch(&mut findings);
    tables(lines, from, widths, &mut trial);
    by_slots > 0 && by_slots >= complete_rows(trial.indicators_mut())
}

/// Reads the indicator tables from `lines[from..]`, each after its goal
/// heading or header.
fn tables(lines: &[(&str, u32)], from: usize, widths: Widths, sink: &mut Sink<'_>) {
    let mut i = from;
    while i < lines.len() {
        if let Some((goal, text)) = goal_heading(lines[i].0) {
            sink.field(&goal, &text, lines[i].1, None);
            sink.goal = goal;
            i += 1;
            continue;
        }
        // A goal label on its own lines over its table: `长期绩效目标 1`,
        // `长期绩效` / `目标 1`.
        if let Some(n) = goal_label_lines(lines, i) {
            let joined: String = lines[i..i + n].iter().map(|(l, _)| squeeze(l)).collect();
            if let Some(goal) = goal_label(&joined) {
                sink.goal = goal;
            }
            i += n;
            continue;
        }
        match header(lines, i) {
            Some((h, n)) => {
                if let Some(goal) = &h.goal {
                    sink.goal = goal.clone();
                }
                let from = i + n;
                let end = (from..lines.len())
                    .find(|&j| {
                        goal_heading(lines[j].0).is_some() || header(lines, j).is_some() || is_section(lines[j].0)
                    })
                    .unwrap_or(lines.len());
                read_block(&lines[from..end], &h, widths, sink);
                i = end;
            }
            None => i += 1,
        }
    }
}

/// Most lines a goal label is wrapped over (`长期绩效` / `目标 1`).
const MAX_GOAL_LINES: usize = 3;

/// How many lines from `at` spell a goal label, if some do.
fn goal_label_lines(lines: &[(&str, u32)], at: usize) -> Option<usize> {
    let mut joined = String::new();
    for (k, (l, _)) in lines.iter().skip(at).take(MAX_GOAL_LINES).enumerate() {
        joined.push_str(&squeeze(l));
        if goal_label(&joined).is_some() {
            return Some(k + 1);
        }
    }
    None
}

/// A heading of the text after the tables (`十一、其他重要事项的情况说明`,
/// `（一）机关运行经费情况`, `第三部分 …`): no indicator table runs past it.
fn is_section(line: &str) -> bool {
    let t = squeeze(line);
    let (ordinal, rest) = crate::lex::split_ordinal(&t);
    (ordinal.chars().any(|c| "一二三四五六七八九十廿".contains(c)) && rest.chars().count() > 4)
        || (t.starts_with('第') && t.chars().take(6).collect::<String>().contains("部分"))
}

/// Most pieces a label is printed over (`项` / `目` / `支` / … one per line).
const MAX_LABEL_PIECES: usize = 12;

/// A label printed from `pieces[at]` over whole pieces: how many pieces and
/// the label as printed (spaces removed).
fn label_at(pieces: &[Piece<'_>], at: usize) -> Option<(usize, String)> {
    let first = pieces.get(at)?.text.chars().find(|c| !c.is_whitespace());
    if first.is_some_and(|c| !may_open_label(c)) {
        return None;
    }
    let mut joined = String::new();
    let mut best = None;
    // Characters the key keeps whatever the rest: none of them a space or a
    // colon. Past the longest label no longer text is one.
    let mut kept = 0;
    for (m, p) in pieces.iter().skip(at).take(MAX_LABEL_PIECES).enumerate() {
        kept += p.text.chars().filter(|c| !c.is_whitespace() && !matches!(c, ':' | '：')).count();
        if kept > longest_label() {
            break;
        }
        joined.push_str(p.text);
        let key = label_key(&joined);
        if is_field_label(&key) || is_group_label(&key) || goal_label(&key).is_some() {
            best = Some((m + 1, key));
        }
    }
    best
}

/// What a group label is followed by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Block {
    /// `总体资金情况 当年金额 占比 …` over rows of figures.
    Funding,
    /// `项目名称 项目类型 项目总预算 …` over one row per project.
    Projects,
    /// `长期目标（截至 2024 年） 年度目标` over the two texts.
    Goals,
    /// `资金来源项目 金额` over items and amounts.
    Sources,
    /// `项目支出明细 金额` over items and amounts.
    Spending,
    /// A label over other labels (`目标说明`, `项目支出预算及测算依据`).
    Group,
}

fn block_of(group: &str) -> Block {
    match group {
        "部门总体资金情况" => Block::Funding,
        "项目支出情况" => Block::Projects,
        "整体绩效总目标" => Block::Goals,
        "项目资金来源" | "资金来源项目" => Block::Sources,
        "项目支出明细预算" | "项目支出明细" => Block::Spending,
        _ => Block::Group,
    }
}

/// Reads the fields: each label takes the pieces up to the next label.
fn fields(lines: &[(&str, u32)], blank: &[bool], sink: &mut Sink<'_>) {
    let ps = pieces(lines);
    let mut group = String::new();
    let mut open: Option<(String, Vec<Piece<'_>>, u32)> = None;
    // Pieces a list read out of its lines' order (see [`all_sources`]).
    let mut used = vec![false; ps.len()];
    let mut late = Late::default();
    let mut p = 0;
    while p < ps.len() {
        if used[p] || is_marker_line(lines[ps[p].line].0) {
            p += 1;
            continue;
        }
        let Some((m, label)) = label_at(&ps, p) else {
            match open.as_mut() {
                Some((_, values, _)) => values.push(ps[p]),
                None => late.orphans.push(ps[p]),
            }
            p += 1;
            continue;
        };
        late.settle(blank, sink);
        close_late(open.take(), blank, &mut late, sink);
        let page = ps[p].page;
        p += m;
        if is_group_label(&label) {
            group = label.clone();
            p = match block_of(&label) {
                Block::Funding => funding(lines, &ps, p, sink),
                Block::Projects => projects(lines, &ps, p, sink),
                Block::Goals => goals(&ps, p, &label, sink),
                Block::Sources => match all_sources(&ps, p, sink) {
                    Some((taken, next)) => {
                        taken.into_iter().for_each(|k| used[k] = true);
                        next
                    }
                    None => list(&ps, p, "资金来源", blank, sink),
                },
                Block::Spending => list(&ps, p, "支出明细", blank, sink),
                Block::Group => p,
            };
            continue;
        }
        let name = if !is_field_label(&label) && !group.is_empty() { format!("{group}/{label}") } else { label };
        open = Some((name, Vec::new(), page));
    }
    late.settle(blank, sink);
    close_late(open, blank, &mut late, sink);
    late.settle(blank, sink);
}

/// Fields printed without their values and the values printed later, as a
/// spreadsheet prints its wrapped cells after the plain ones: `项目类型` /
/// `项目申请理由` / `项目主要内容` with nothing after them, then, after the
/// form's list, `1.部门项目 ☑ …` ⏎ `1.项目的政策依据：…` ⏎ `明确当年…`, one
/// block (opened by a blank line) a value.
#[derive(Default)]
struct Late<'a> {
    /// The fields staged without a value, in order.
    waiting: Vec<String>,
    /// How many of `waiting` were printed right before the field open now.
    just_before: usize,
    /// Text that came after a list, under no label.
    orphans: Vec<Piece<'a>>,
}

impl Late<'_> {
    /// Gives the blocks of text under no label to the fields waiting, in
    /// order, when there are as many of each; then forgets the text.
    fn settle(&mut self, blank: &[bool], sink: &mut Sink<'_>) {
        if self.orphans.is_empty() {
            return;
        }
        let blocks = value_blocks(&self.orphans, blank);
        if blocks.len() == self.waiting.len() {
            for (name, block) in self.waiting.drain(..).zip(&blocks) {
                sink.fill_late(&name, &join(block));
            }
            self.just_before = 0;
        }
        self.orphans.clear();
    }
}

/// Pieces cut into blocks where a line follows a blank line.
fn value_blocks<'a>(values: &[Piece<'a>], blank: &[bool]) -> Vec<Vec<Piece<'a>>> {
    let mut blocks: Vec<Vec<Piece<'a>>> = Vec::new();
    for (i, v) in values.iter().enumerate() {
        let new_line = i == 0 || values[i - 1].line != v.line;
        match blocks.last_mut() {
            Some(b) if !(new_line && blank.get(v.line) == Some(&true)) => b.push(*v),
            _ => blocks.push(vec![*v]),
        }
    }
    blocks
}

/// A line that only numbers the form (`附表12-1`, `表 11`): a spreadsheet
/// prints it among the late cells; no value.
fn is_marker_line(line: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    regex(&RE, r"^附?表\d+(?:-\d+)?$").is_match(&squeeze(line)) || two_years(line).is_some()
}

/// Closes a field as [`close`] does, with the values printed late: a field
/// with no value waits for one; a field whose value is one block more than
/// the fields waiting right before it (`部门职能概述` / `年度工作任务` /
/// `1．负责…` ⏎ `1.围绕…`) gives them its first blocks and keeps the last.
fn close_late(open: Option<(String, Vec<Piece<'_>>, u32)>, blank: &[bool], late: &mut Late<'_>, sink: &mut Sink<'_>) {
    let Some((name, values, page)) = open else { return };
    if values.is_empty() {
        close(Some((name.clone(), values, page)), sink);
        late.waiting.push(name);
        late.just_before += 1;
        return;
    }
    let blocks = value_blocks(&values, blank);
    let n = late.just_before;
    if n > 0 && blocks.len() == n + 1 {
        let from = late.waiting.len() - n;
        for (w, block) in late.waiting.drain(from..).zip(&blocks) {
            sink.fill_late(&w, &join(block));
        }
        let own = blocks[n].clone();
        close(Some((name, own, page)), sink);
    } else {
        close(Some((name, values, page)), sink);
    }
    late.just_before = 0;
}

fn close(open: Option<(String, Vec<Piece<'_>>, u32)>, sink: &mut Sink<'_>) {
    if let Some((name, values, page)) = open {
        let page = values.first().map_or(page, |v| v.page);
        sink.field(&name, &join(&values), page, None);
    }
}

/// The first piece of the line after `line`, or the end.
fn next_line_start(ps: &[Piece<'_>], from: usize, line: usize) -> usize {
    (from..ps.len()).find(|&q| ps[q].line > line).unwrap_or(ps.len())
}

/// True when a label begins at `ps[p]` and `p` begins its line.
fn label_line(ps: &[Piece<'_>], p: usize) -> bool {
    opens_line(ps, p) && label_at(ps, p).is_some()
}

/// Whether `ps[p]` is the first piece of its line.
fn opens_line(ps: &[Piece<'_>], p: usize) -> bool {
    p == 0 || ps[p - 1].line != ps[p].line
}

/// Whether `ps[p]` is the last piece of its line.
fn ends_line(ps: &[Piece<'_>], p: usize) -> bool {
    ps.get(p + 1).is_none_or(|n| n.line != ps[p].line)
}

/// Consumes header words from `p`: the longest run of whole pieces that
/// `re` accepts. Returns the words found and the piece after them.
fn header_words(ps: &[Piece<'_>], p: usize, re: &Regex, word: &Regex) -> (Vec<String>, usize) {
    let mut joined = String::new();
    let mut best = (Vec::new(), p);
    for (m, piece) in ps.iter().enumerate().skip(p).take(24) {
        joined.push_str(piece.text);
        if re.is_match(&joined) {
            best = (word.find_iter(&joined).map(|w| w.as_str().to_string()).collect(), m + 1);
        }
    }
    best
}

/// A figure of 总体资金情况: an amount or a share (`100%`).
pub(super) fn is_figure(t: &str) -> bool {
    amount(t).is_some() || t.strip_suffix('%').is_some_and(|n| amount(n).is_some())
}

/// 总体资金情况: `总体资金情况 当年金额 占比 近两年收支金额 2022 年 2023 年`,
/// then lines of figures under group labels (`收入` / `构成`):
/// `财政拨款 1477.88 100% 5010.43 5093.22` → `总体资金情况/收入构成/财政拨款/当年金额`.
fn funding(lines: &[(&str, u32)], ps: &[Piece<'_>], p: usize, sink: &mut Sink<'_>) -> usize {
    static RE: OnceLock<Regex> = OnceLock::new();
    static WORD: OnceLock<Regex> = OnceLock::new();
    let words = r"总体资金情况|当年金额|占比|近两年收支金额|\d{4}年";
    let re = regex(&RE, &format!("^(?:{words})+$"));
    let word = regex(&WORD, words);
    let (found, mut p) = header_words(ps, p, re, word);
    let years = found.iter().any(|w| w.ends_with('年') && w.len() == 7);
    let mut columns: Vec<String> =
        found.iter().filter(|w| *w != "总体资金情况" && !(years && *w == "近两年收支金额")).cloned().collect();
    if columns.is_empty() {
        return p;
    }
    // The two years under 近两年收支金额 printed apart, on a line of their
    // own among the form's later lines (a spreadsheet's wrapped header
    // cells): `2022年 2023年`.
    if columns.last().is_some_and(|c| c == "近两年收支金额") {
        if let Some(two) = lines.iter().find_map(|(l, _)| two_years(l)) {
            columns.pop();
            columns.extend(two);
        }
    }
    let mut group = String::new();
    let mut pending = String::new();
    while p < ps.len() && !label_line(ps, p) {
        let line = ps[p].line;
        let end = next_line_start(ps, p, line);
        let texts: Vec<&str> = ps[p..end].iter().map(|x| x.text).collect();
        let figures = texts.iter().rev().take_while(|t| is_figure(t)).count();
        // Without its years, 近两年收支金额 is two figures under one
        // heading: the row's first figures are 当年金额 and 占比, the years'
        // are left out.
        let by_group = columns.last().is_some_and(|c| c == "近两年收支金额") && figures > columns.len();
        let columns: &[String] = if by_group { &columns[..columns.len() - 1] } else { &columns };
        let first = texts.len() - if by_group { figures } else { columns.len().min(figures) };
        if figures >= columns.len() {
            if !pending.is_empty() {
                group = std::mem::take(&mut pending);
            }
            // A group's label sharing its first row's line: `收入构成 财政拨款 9359.3 …`.
            let mut start = p;
            if end - figures > p + 1 && ps[p].text.ends_with("构成") {
                group = ps[p].text.to_string();
                start = p + 1;
            }
            let name = join(&ps[start..end - figures]);
            let path = if group.is_empty() { name } else { format!("{group}/{name}") };
            for (col, value) in columns.iter().zip(&texts[first..]) {
                sink.field(&format!("总体资金情况/{path}/{col}"), value, lines[line].1, None);
            }
        } else {
            pending.push_str(&join(&ps[p..end]));
        }
        p = end;
    }
    p
}

/// A line of two years and nothing else: `2022年 2023年`, `2022 年 2023 年`.
fn two_years(line: &str) -> Option<[String; 2]> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let line = squeeze(line);
    let caps = regex(&RE, r"^(\d{4})年(\d{4})年$").captures(&line)?;
    Some([format!("{}年", &caps[1]), format!("{}年", &caps[2])])
}

/// 项目支出情况: `项目名称 项目类型 项目总预算 项目本年度预算 项目主要支出方向和用途`
/// (wrapped), then per project a line `乡村振兴工作经费 经常性 项目 340 340`
/// and the use on the lines after it.
fn projects(lines: &[(&str, u32)], ps: &[Piece<'_>], p: usize, sink: &mut Sink<'_>) -> usize {
    static RE: OnceLock<Regex> = OnceLock::new();
    static WORD: OnceLock<Regex> = OnceLock::new();
    let words =
        r"项目名称|项目类型|项目总预算|项目本年度预算|项目当年预算|项目主要支出方向和用途|项目主要支出方向|项目用途";
    let re = regex(&RE, &format!("^(?:{words})+$"));
    let word = regex(&WORD, words);
    let (found, mut p) = header_words(ps, p, re, word);
    let amounts: Vec<&String> = found.iter().filter(|w| w.contains("预算")).collect();
    let after: Vec<&String> =
        found.iter().skip_while(|w| !w.contains("预算")).filter(|w| !w.contains("预算")).collect();
    if amounts.is_empty() {
        return p;
    }
    let mut current: Option<(String, Vec<Piece<'_>>, u32)> = None;
    let flush = |current: Option<(String, Vec<Piece<'_>>, u32)>, sink: &mut Sink<'_>| {
        if let (Some((name, uses, page)), Some(col)) = (current, after.first()) {
            sink.field(&format!("项目支出情况/{name}/{col}"), &join(&uses), page, None);
        }
    };
    // The lines since the last project's figures: its use's wrapped lines,
    // then maybe the next project's name wrapped before its figures.
    let mut pending: Vec<&[Piece<'_>]> = Vec::new();
    while p < ps.len() && !label_line(ps, p) {
        let line = ps[p].line;
        let end = next_line_start(ps, p, line);
        let texts: Vec<&str> = ps[p..end].iter().map(|x| x.text).collect();
        let at = (0..texts.len()).find(|&i| {
            i + amounts.len() <= texts.len() && texts[i..i + amounts.len()].iter().all(|t| amount(t).is_some())
        });
        match at {
            Some(i) if i > 0 => {
                let page = lines[line].1;
                let (mut name, mut kind) = name_and_kind(&ps[p..p + i]);
                let mut uses_end = pending.len();
                let first_use = current.as_ref().map(|(_, uses, _)| &uses[..]);
                if let Some((n, k, s)) = named_over_lines(first_use, &pending, &ps[p..p + i]) {
                    (name, kind, uses_end) = (n, k, s);
                }
                if let Some((_, uses, _)) = current.as_mut() {
                    pending[..uses_end].iter().for_each(|l| uses.extend_from_slice(l));
                }
                pending.clear();
                flush(current.take(), sink);
                sink.field(&format!("项目支出情况/{name}/项目类型"), &kind, page, None);
                for (col, value) in amounts.iter().zip(&texts[i..i + amounts.len()]) {
                    sink.field(&format!("项目支出情况/{name}/{col}"), value, page, None);
                }
                current = Some((name, ps[p + i + amounts.len()..end].to_vec(), page));
            }
            _ => pending.push(&ps[p..end]),
        }
        p = end;
    }
    if let Some((_, uses, _)) = current.as_mut() {
        pending.iter().for_each(|l| uses.extend_from_slice(l));
    }
    flush(current, sink);
    p
}

/// A project's name (and its type) may wrap over the lines before its
/// figures (`国省干线公路养护专项` / `资金 经常性项目 406.39 …`, `延续性项` /
/// `目 38 38 …`), after the wrapped lines of the project before's use
/// (`资金拨付、日常` on that project's line / `办公`). The type reads across
/// the lines' last pieces and `prefix` (the figures' line before them); the
/// name is the lines before it from where the use's lines end. A wrapped
/// cell fills every line but its last, so no line of it is narrower than a
/// later one: the one cut of `pending` where both the use's lines (after
/// `first_use`) and the name's keep that is taken. The name, the type and
/// how many of `pending` are the use's; `None` where no type reads or the
/// cut is not one.
fn named_over_lines(
    first_use: Option<&[Piece<'_>]>,
    pending: &[&[Piece<'_>]],
    prefix: &[Piece<'_>],
) -> Option<(String, String, usize)> {
    if pending.is_empty() {
        return None;
    }
    let lines: Vec<&[Piece<'_>]> = pending.iter().copied().chain(std::iter::once(prefix)).collect();
    let all: Vec<Piece<'_>> = lines.iter().flat_map(|l| l.iter().copied()).collect();
    let name_end = kind_start(&all)?;
    let kind: String = all[name_end..].iter().map(|p| p.text).collect();
    if join(&all[..name_end]).is_empty() {
        return None;
    }
    let width = |ps: &[Piece<'_>]| print_width(&join(ps));
    let fills = |widths: &[usize]| widths.iter().enumerate().all(|(i, w)| widths[i + 1..].iter().all(|v| w + 1 >= *v));
    let starts: Vec<usize> = lines.iter().scan(0, |at, l| Some(std::mem::replace(at, *at + l.len()))).collect();
    let holds = |s: usize| {
        let uses: Vec<usize> =
            first_use.filter(|u| !u.is_empty()).into_iter().chain(pending[..s].iter().copied()).map(width).collect();
        let names: Vec<usize> = lines[s..]
            .iter()
            .zip(&starts[s..])
            .map(|(l, &at)| width(&l[..l.len().min(name_end.saturating_sub(at))]))
            .filter(|&w| w > 0)
            .collect();
        starts[s] < name_end && fills(&uses) && fills(&names)
    };
    let cuts: Vec<usize> = (0..=pending.len()).filter(|&s| holds(s)).collect();
    match cuts[..] {
        [s] => Some((join(&all[starts[s]..name_end]), kind, s)),
        _ => None,
    }
}

/// `乡村振兴工作经费 经常性 项目` → (`乡村振兴工作经费`, `经常性项目`): the
/// project type is the shortest run of last pieces that reads as one.
fn name_and_kind(pieces: &[Piece<'_>]) -> (String, String) {
    match kind_start(pieces) {
        Some(at) => (join(&pieces[..at]), pieces[at..].iter().map(|p| p.text).collect()),
        None => (join(pieces), String::new()),
    }
}

/// Where the project type begins among `pieces`: the shortest run of last
/// pieces (not all of them) that reads as one.
fn kind_start(pieces: &[Piece<'_>]) -> Option<usize> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = regex(&RE, r"^(经常性|一次性|延续性|持续性|新增|跨年度|其他|专项)(项目)?$");
    (1..pieces.len())
        .find(|&k| re.is_match(&pieces[pieces.len() - k..].iter().map(|p| p.text).collect::<String>()))
        .map(|k| pieces.len() - k)
}

/// 整体绩效总目标: `长期目标（截至 2024 年） 年度目标`, then the two texts one
/// after the other; the second begins where the numbering starts again
/// (`目标 1：`).
fn goals(ps: &[Piece<'_>], p: usize, group: &str, sink: &mut Sink<'_>) -> usize {
    static HEAD: OnceLock<Regex> = OnceLock::new();
    static START: OnceLock<Regex> = OnceLock::new();
    let head = regex(&HEAD, r"^(长期目标(?:[（(][^）)]*[）)])?)(年度目标)$");
    let start = regex(&START, r"^目标\s*1\s*[：:]");
    let mut joined = String::new();
    let mut found = None;
    for (m, piece) in ps.iter().enumerate().skip(p).take(8) {
        joined.push_str(piece.text);
        if let Some(c) = head.captures(&joined) {
            found = Some((c[1].to_string(), c[2].to_string(), m + 1));
            break;
        }
    }
    let Some((long, yearly, mut q)) = found else { return p };
    let from = q;
    while q < ps.len() && !label_line(ps, q) && goal_heading(&line_text(ps, q)).is_none() {
        q += 1;
    }
    let body = &ps[from..q];
    // The second text may begin on a line of the first, the two cells
    // side by side (`任务落实。 目标 1：聚焦…`).
    let restarts: Vec<usize> = (0..body.len()).filter(|&i| start.is_match(&line_text(body, i))).collect();
    let split = restarts.get(1).copied();
    let (first, second) = match split {
        Some(s) => (&body[..s], &body[s..]),
        None => (body, &body[body.len()..]),
    };
    let page = body.first().map_or(0, |x| x.page);
    if split.is_none() && !body.is_empty() {
        sink.finding(
            page,
            "整体绩效总目标: the long-term and yearly goals could not be told apart; all under the first",
        );
    }
    sink.field(&format!("{group}/{long}"), &join(first), page, None);
    sink.field(&format!("{group}/{yearly}"), &join(second), second.first().map_or(page, |x| x.page), None);
    q
}

/// The text of the line that `ps[p]` begins.
fn line_text(ps: &[Piece<'_>], p: usize) -> String {
    let line = ps[p].line;
    ps[p..].iter().take_while(|x| x.line == line).map(|x| x.text).collect::<Vec<_>>().join(" ")
}

/// The lines of a 项目资金来源 list printed in full, in order.
const SOURCE_LINES: [&str; 14] = [
    "合计",
    "1.一般公共预算财政拨款收入",
    "其中：申请当年预算拨款",
    "2.政府性基金预算财政拨款收入",
    "其中：申请当年预算拨款",
    "3.事业收入",
    "4.上级补助收入",
    "5.附属单位上缴收入",
    "6.事业单位经营收入",
    "7.其他收入",
    "8.用事业基金弥补收支差额",
    "9.上年结转",
    "其中：使用上年度一般公共预算财政拨款结余结转",
    "使用上年度政府性基金预算财政拨款结余结转",
];

/// A 项目资金来源 list printed in full by a spreadsheet whose wrapped and
/// merged cells come after the plain ones: amounts without their labels
/// (`合计 547.44` / `547.44` / `其中：申请当年预算拨款 547.44` / `0` …),
/// among the values of other fields, with the labels printed apart
/// (`1.一般公共预算财政拨款收入` / … after them). Where the list, up to
/// the next group (`项目支出明细`), holds exactly as many amounts as the full
/// list has lines, and every label printed beside an amount is that line's,
/// the amounts are the lines' in order. Returns the pieces taken (amounts,
/// their labels, and the labels printed apart) and where the fields go on
/// reading; `None` where the list is not such.
fn all_sources(ps: &[Piece<'_>], p: usize, sink: &mut Sink<'_>) -> Option<(Vec<usize>, usize)> {
    let start = (p..ps.len().min(p + 3)).find(|&k| ps[k].text == "金额").map_or(p, |k| k + 1);
    let end = (start..ps.len())
        .find(|&k| label_line(ps, k) && label_at(ps, k).is_some_and(|(_, l)| is_group_label(&l) && l != "项目资金来源"))
        .unwrap_or(ps.len());
    let line_key = |k: usize| unnumbered(ps[k].text);
    let mut amounts: Vec<(usize, Vec<usize>)> = Vec::new();
    let mut line_start = start;
    for k in start..end {
        if k > start && ps[k].line != ps[k - 1].line {
            line_start = k;
        }
        if ends_line(ps, k) && amount(ps[k].text).is_some() {
            let label: Vec<usize> = (line_start..k).filter(|&j| label_key(ps[j].text) != "项目资金来源").collect();
            amounts.push((k, label));
        }
    }
    if amounts.len() != SOURCE_LINES.len() || amounts.iter().all(|(_, l)| !l.is_empty()) {
        return None;
    }
    let same = |label: &[usize], line: &str| {
        let printed: String = label.iter().map(|&j| line_key(j)).collect();
        printed.is_empty() || printed == unnumbered(line)
    };
    if !amounts.iter().zip(SOURCE_LINES).all(|((_, label), line)| same(label, line)) {
        return None;
    }
    let mut names = ListNames::default();
    let mut taken = Vec::new();
    for ((k, label), line) in amounts.into_iter().zip(SOURCE_LINES) {
        sink.field(&names.name("资金来源", line), ps[k].text, ps[k].page, None);
        taken.push(k);
        taken.extend(label);
    }
    // The labels printed apart, each a line of its own.
    let alone = |k: usize| opens_line(ps, k) && ends_line(ps, k);
    taken.extend((start..end).filter(|&k| {
        let key = line_key(k);
        key == "项目资金来源" || alone(k) && SOURCE_LINES.iter().any(|l| unnumbered(l) == key)
    }));
    Some((taken, start))
}

/// A list line's label without its number: `1.一般公共预算财政拨款收入` →
/// `一般公共预算财政拨款收入`.
fn unnumbered(text: &str) -> String {
    let key = label_key(text);
    crate::lex::split_ordinal(&key).1.to_string()
}

/// A list of items with amounts (资金来源, 支出明细): an item's name runs
/// over lines until an amount ends a line (`其中：使用上年度一般公共预算财政拨款结余结`
/// / `转` / `0`).
fn list(ps: &[Piece<'_>], p: usize, prefix: &str, blank: &[bool], sink: &mut Sink<'_>) -> usize {
    let mut p = p;
    // The list's header: `资金来源项目 金额`, `项目支出明细 金额`.
    if let Some(k) = (p..ps.len().min(p + 3)).find(|&k| ps[k].text == "金额") {
        p = k + 1;
    }
    let mut names = ListNames::default();
    let mut item: Vec<Piece<'_>> = Vec::new();
    // The other list's header (`项目支出明细 金额` after 资金来源) ends this
    // list wherever it stands on its line: what is gathered before it on
    // the line is a wrapped group label (`项目支出预` / `算及测算依 项目支出明细`).
    let other_list = |t: &str| matches!(label_key(t).as_str(), "项目支出明细" | "资金来源项目") && !t.contains(prefix);
    // A block (lines up to the next blank line) that ends no line with an
    // amount holds no item: text printed after the list.
    let no_item = |p: usize| {
        let end = (p + 1..ps.len())
            .find(|&k| ps[k].line != ps[k - 1].line && blank.get(ps[k].line) == Some(&true))
            .unwrap_or(ps.len());
        !(p..end).any(|k| amount(ps[k].text).is_some() && ends_line(ps, k))
    };
    while p < ps.len() {
        if item.is_empty() && (label_line(ps, p) || no_item(p)) || other_list(ps[p].text) {
            break;
        }
        let piece = ps[p];
        let ends = ends_line(ps, p);
        if ends && amount(piece.text).is_some() && !item.is_empty() {
            let name = names.name(prefix, &join(&item));
            sink.field(&name, piece.text, piece.page, None);
            item.clear();
        } else if ends && opens_line(ps, p) && item.is_empty() && amount(piece.text).is_some() {
            // A figure alone on its line with no item open: a page's number
            // (`13`), or an amount whose label is printed elsewhere.
            sink.finding(piece.page, format!("{prefix}: `{}` alone on a line, no item's; left out", piece.text));
        } else {
            item.push(piece);
        }
        p += 1;
    }
    if !item.is_empty() {
        let page = item[0].page;
        sink.finding(page, format!("{prefix}: no amount for {:?}", join(&item)));
    }
    p
}

#[cfg(test)]
mod tests {
    use crate::forms::testing::read;

    #[test]
    fn the_sections_after_the_tables_end_an_indicator_table() {
        let cases = [
            ("十一、其他重要事项的情况说明", true),
            ("（一）机关运行经费情况", true),
            ("第三部分 武昌区人民政府办公室 2024 年部门预算情况说明", true),
            ("（1）帮扶对象数量达到文件要求", false),
            ("一、产出", false),
            ("乡村振兴工作年终考核结果", false),
        ];
        for (line, want) in cases {
            assert_eq!(super::is_section(line), want, "{line}");
        }
    }

    /// The fields the form titled `title` yields from `text`, a line of the
    /// text a line of the form (surrounding spaces and empty lines dropped).
    fn fields(title: &str, text: &str) -> Vec<(String, String)> {
        let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
        let (_, fields, _) = read(title, &[], &lines);
        fields.into_iter().map(|f| (f.field, f.value)).collect()
    }

    /// Expected fields, one a line: the field, a tab, the value.
    fn expected(tsv: &str) -> Vec<(String, String)> {
        let field = |line: &str| line.split_once('\t').map(|(f, v)| (f.to_string(), v.to_string()));
        tsv.lines().map(|l| field(l).unwrap_or_else(|| panic!("no tab in {l:?}"))).collect()
    }

    #[test]
    fn a_project_forms_labels_lists_and_goals() {
        let got = fields("表 12-1.乡村振兴工作经费项目申报表", include_str!("testdata/project_form.txt"));
        assert_eq!(got, expected(include_str!("testdata/project_form.fields.tsv")));
    }

    /// The 资金来源 and 支出明细 fields a project form's `text` yields, as
    /// `field=value`.
    fn list_fields(text: &str) -> Vec<String> {
        fields("表12-1 某经费项目申报表", text)
            .into_iter()
            .filter(|(f, _)| f.starts_with("资金来源/") || f.starts_with("支出明细/"))
            .map(|(f, v)| format!("{f}={v}"))
            .collect()
    }

    /// A 资金来源 list printed in full whose labels a spreadsheet printed
    /// apart from most amounts, with other fields' values among them: the
    /// amounts are the full list's lines in order, and the list after it
    /// (`项目支出明细 金额`) is read as its own.
    #[test]
    fn a_full_sources_list_with_its_labels_printed_apart() {
        let text = "项目名称 某经费\n项目总预算 30 项目当年预算 30\n项目资金来源\n资金来源项目 金额\n\
            合计 30\n30\n其中：申请当年预算拨款 30\n0\n其中：申请当年预算拨款 0\n0\n附表12-1\n1.部门项目 ☑ 2.公共项目 □\n\
            1.一般公共预算财政拨款收入\n2.政府性基金预算财政拨款收入\n3.事业收入\n项目资金来源 0\n0\n0\n0\n0\n0\n\
            其中：使用上年度一般公共预算财政拨款结余结转 0\n使用上年度政府性基金预算财政拨款结余结转 0\n\
            项目支出明细 金额\n合计 30\n办公费 20\n印刷费 10\n目标说明\n长期绩效目标 1\n做好工作";
        assert_eq!(
            list_fields(text),
            [
                "资金来源/合计=30",
                "资金来源/一般公共预算财政拨款收入=30",
                "资金来源/一般公共预算财政拨款收入/申请当年预算拨款=30",
                "资金来源/政府性基金预算财政拨款收入=0",
                "资金来源/政府性基金预算财政拨款收入/申请当年预算拨款=0",
                "资金来源/事业收入=0",
                "资金来源/上级补助收入=0",
                "资金来源/附属单位上缴收入=0",
                "资金来源/事业单位经营收入=0",
                "资金来源/其他收入=0",
                "资金来源/用事业基金弥补收支差额=0",
                "资金来源/上年结转=0",
                "资金来源/上年结转/使用上年度一般公共预算财政拨款结余结转=0",
                "资金来源/上年结转/使用上年度政府性基金预算财政拨款结余结转=0",
                "支出明细/合计=30",
                "支出明细/办公费=20",
                "支出明细/印刷费=10",
            ]
        );
    }

    /// One amount short of the full list: read as printed, nothing guessed.
    #[test]
    fn a_sources_list_one_amount_short_is_read_as_printed() {
        let text = "项目资金来源\n资金来源项目 金额\n合计 30\n30\n其中：申请当年预算拨款 30\n\
            9.上年结转 0\n项目支出明细 金额\n合计 30\n办公费 30";
        let got = fields("表12-1 某经费项目申报表", text);
        let sources: Vec<&str> =
            got.iter().filter(|(f, _)| f.starts_with("资金来源/")).map(|(f, _)| f.as_str()).collect();
        assert!(!sources.contains(&"资金来源/一般公共预算财政拨款收入"), "{sources:?}");
        assert!(got.iter().any(|(f, v)| f == "支出明细/办公费" && v == "30"), "{got:?}");
    }

    /// Projects whose name or type wraps onto the lines before their
    /// figures, after the wrapped lines of the use before: each line of a
    /// wrapped cell but its last is full, which tells where the use ends
    /// and the name begins.
    #[test]
    fn project_names_and_types_wrapped_before_their_figures() {
        let text = "项目支出情况\n项目名称 项目类型 项目总预算 项目本年度\n预算 项目主要支出方\n向和用途\n\
            乡村振兴工作经费 延续性项\n目 38 38 资金拨付、日\n常办公\n12345 政务服务便民热\n线运行经费 延续性项\n\
            目 74.84 74.84 专项业务开展\n国省干线公路养护专项\n资金 经常性项目 406.39 406.39 资金拨付、日常\n办公\n\
            机关党建工作经费 延续性项目 12 12 设备购置\n整体绩效总目标\n长期目标（截至 2025 年） 年度目标\n\
            目标 1：做好工作。 目标 1：做好\n工作。";
        let got = fields("十一、整体支出绩效目标表", text);
        let kept = |suffix: &str| -> Vec<String> {
            got.iter().filter(|(f, _)| f.ends_with(suffix)).map(|(f, v)| format!("{f}={v}")).collect()
        };
        assert_eq!(
            kept("/项目类型"),
            [
                "项目支出情况/乡村振兴工作经费/项目类型=延续性项目",
                "项目支出情况/12345政务服务便民热线运行经费/项目类型=延续性项目",
                "项目支出情况/国省干线公路养护专项资金/项目类型=经常性项目",
                "项目支出情况/机关党建工作经费/项目类型=延续性项目",
            ]
        );
        assert_eq!(
            kept("/项目主要支出方向和用途"),
            [
                "项目支出情况/乡村振兴工作经费/项目主要支出方向和用途=资金拨付、日常办公",
                "项目支出情况/12345政务服务便民热线运行经费/项目主要支出方向和用途=专项业务开展",
                "项目支出情况/国省干线公路养护专项资金/项目主要支出方向和用途=资金拨付、日常办公",
                "项目支出情况/机关党建工作经费/项目主要支出方向和用途=设备购置",
            ]
        );
        // The yearly goal begins on a line of the long-term one.
        assert_eq!(kept("年度目标"), ["整体绩效总目标/年度目标=目标1：做好工作。"]);
    }

    /// A list ends at the next list's header wherever it stands on its
    /// line, and a figure alone on a line with no item open (a page's
    /// number) is no item's.
    #[test]
    fn a_list_ends_at_the_next_lists_header_and_skips_a_lone_figure() {
        let text = "项目资金来源\n资金来源项目 金额\n合计 12\n1.一般公共预算财政拨款收入 12\n14\n\
            9.上年结转 0\n项目支出预\n算及测算依 项目支出明细\n预算 项目支出明细 金额\n合计 12\n设备购置费 12\n目标说明";
        assert_eq!(
            list_fields(text),
            [
                "资金来源/合计=12",
                "资金来源/一般公共预算财政拨款收入=12",
                "资金来源/上年结转=0",
                "支出明细/合计=12",
                "支出明细/设备购置费=12",
            ]
        );
    }

    /// Values a spreadsheet prints after the plain cells: fields printed
    /// bare take the blocks (each opened by a blank line) that come after
    /// the form's list under no label, in order; a field whose value is one
    /// block more than the bare fields right before it gives them its first
    /// blocks. Form numbers and a years line among them are no value.
    #[test]
    fn values_printed_after_their_bare_labels() {
        let text = "项目名称 某经费\n\n项目类型\n\n项目申请理由\n\n项目主要内容\n\n项目总预算 30 项目当年预算 30\n\n\
            项目资金来源\n资金来源项目 金额\n合计 30\n\n附表12-1\n 1.部门项目 ☑ 2.公共项目 □\n\n\
            1.项目的政策依据：某文件。\n2.项目的相关性：职能。\n\n明确当年申请预算资金的主要投向：办公。\n\n\
            项目前两年预算及当年预算变动情况 与上年持平。";
        let marked = |title: &str, text: &str| -> Vec<(String, String)> {
            let (_, fields, _) = crate::forms::testing::read_text(title, text);
            fields.into_iter().map(|f| (f.field, f.value)).collect()
        };
        let got = marked("表12-1 某经费项目申报表", text);
        let want = [
            ("项目类型", "1.部门项目☑2.公共项目□"),
            ("项目申请理由", "1.项目的政策依据：某文件。2.项目的相关性：职能。"),
            ("项目主要内容", "明确当年申请预算资金的主要投向：办公。"),
            ("项目总预算", "30"),
            ("项目前两年预算及当年预算变动情况", "与上年持平。"),
        ];
        for (field, value) in want {
            assert!(got.iter().any(|(f, v)| f == field && v == value), "{field}: {got:?}");
        }
        let overall = "部门（单位）名称 某局\n\n部门职能概述\n\n年度工作任务\n\n2022年 2023年\n\n\
            1．负责某事；\n2．负责他事。\n\n1.围绕中心工作。";
        let got = marked("十一、整体支出绩效目标表", overall);
        assert!(got.contains(&("部门职能概述".into(), "1．负责某事；2．负责他事。".into())), "{got:?}");
        assert!(got.contains(&("年度工作任务".into(), "1.围绕中心工作。".into())), "{got:?}");
    }

    /// A group's label on its first row's line (`收入构成 财政拨款 9359.3 …`)
    /// names the group, not the row.
    #[test]
    fn a_funding_groups_label_on_its_first_rows_line() {
        let text = "部门总体资金情况\n总体资金情况 当年金额 占比 近两年收支金额\n2023 年 2024 年\n\
            收入构成 财政拨款 9359.3 100% 9939.14 11090.3\n其他资金 0 0% 0 0\n合计 9359.3 100% 9939.14 11090.3\n\
            支出构成 基本支出 4278.08 46% 7337.63 7240.03\n项目支出 5081.22 54% 2601.51 3850.27\n\
            合计 9359.3 100% 9939.14 11090.3\n部门职能概述\n1．负责全区政府会议工作；";
        let got = fields("十一、整体支出绩效目标表", text);
        let current: Vec<(&str, &str)> = got
            .iter()
            .filter(|(f, _)| f.ends_with("/当年金额"))
            .map(|(f, v)| (f.trim_end_matches("/当年金额"), v.as_str()))
            .collect();
        assert_eq!(
            current,
            [
                ("总体资金情况/收入构成/财政拨款", "9359.3"),
                ("总体资金情况/收入构成/其他资金", "0"),
                ("总体资金情况/收入构成/合计", "9359.3"),
                ("总体资金情况/支出构成/基本支出", "4278.08"),
                ("总体资金情况/支出构成/项目支出", "5081.22"),
                ("总体资金情况/支出构成/合计", "9359.3"),
            ]
        );
    }

    #[test]
    fn the_overall_forms_funding_projects_and_goals() {
        let got = fields("十一、整体支出绩效目标表", include_str!("testdata/overall_form.txt"));
        assert_eq!(got, expected(include_str!("testdata/overall_form.fields.tsv")));
    }
}
