//! Tables whose every row prints all its columns under a header of one
//! group over several leaves.
//!
//! Templates that print the unit at the top right of the page (`单位：万元单位名称：…`
//! above the title) print each row on one line with every amount, `0.00`
//! for nothing, under a header of two rows: the first names the total and
//! the top columns, the second the leaves of one of them
//! (`支出项目类别（资金使用单位） 总计 财政拨款 财政专户拨款 其他资金` /
//! `合计 一般公共预算 政府性基金预算 国有资本经营预算`). The text gives the
//! header's words in printed order, wrapped cells cut (`一般公共预` / `算`),
//! but not which top column the leaves belong to: each choice is tried, and
//! the reading is taken only when exactly one makes every row add up (the
//! total is the sum of the top columns, the group's total the sum of its
//! leaves). A row's name wrapped in its cell comes on the lines before its
//! amounts; where the header names a text column after the amounts
//! (`绩效目标`), that text comes on the lines after them, and the lines
//! between two rows are split where the text's sentence ends and the name,
//! no wider than the label column, begins.

use budget_model::{page_number, Decimal, Finding};

use crate::lex::{amount, scale_of, unit_of_line};
use crate::norm::squeeze;
use crate::raw::{RawColumn, RawRow, RawTable, Role};
use crate::text_table::{with_first_name, BodyLine, MAX_NAME_LINES};

/// What a word of such a header is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// An amount column or a group over some; `true` for a total.
    Amount(bool),
    /// A text column printed after the amounts (`绩效目标`).
    Text,
    /// A heading over the year's sources of income (`本年收入`): every
    /// column but the total and the balance carried over.
    Span,
    /// A label column's name.
    Label,
}

/// The words of these headers. Matched in the header's text run together,
/// longest first (`一般公共预算支出` before `一般公共预算`).
const WORDS: &[(&str, Kind)] = &[
    ("总计", Kind::Amount(true)),
    ("合计", Kind::Amount(true)),
    ("小计", Kind::Amount(true)),
    ("财政拨款", Kind::Amount(false)),
    ("财政专户拨款", Kind::Amount(false)),
    ("其他资金", Kind::Amount(false)),
    ("一般公共预算", Kind::Amount(false)),
    ("政府性基金预算", Kind::Amount(false)),
    ("国有资本经营预算", Kind::Amount(false)),
    ("一般公共预算支出", Kind::Amount(false)),
    ("政府性基金预算支出", Kind::Amount(false)),
    ("国有资本经营预算支出", Kind::Amount(false)),
    ("基本支出", Kind::Amount(false)),
    ("其中：基本支出", Kind::Amount(false)),
    ("项目支出", Kind::Amount(false)),
    ("人员经费", Kind::Amount(false)),
    ("公用经费", Kind::Amount(false)),
    ("预算", Kind::Amount(false)),
    ("财政拨款收入", Kind::Amount(false)),
    ("财政专户拨款收入", Kind::Amount(false)),
    ("其他资金收入", Kind::Amount(false)),
    ("教育收费", Kind::Amount(false)),
    ("其他专户收入拨款", Kind::Amount(false)),
    ("事业收入", Kind::Amount(false)),
    ("事业单位经营收入", Kind::Amount(false)),
    ("其他收入", Kind::Amount(false)),
    ("上级补助收入", Kind::Amount(false)),
    ("附属单位上缴收入", Kind::Amount(false)),
    ("上年结转结余", Kind::Amount(false)),
    ("上年结余、结转", Kind::Amount(false)),
    ("上年结余结转", Kind::Amount(false)),
    ("收入总计", Kind::Amount(true)),
    ("一般公共预算拨款", Kind::Amount(false)),
    ("政府性基金预算拨款", Kind::Amount(false)),
    ("国有资本经营预算拨款", Kind::Amount(false)),
    ("因公出国(境)费", Kind::Amount(false)),
    ("因公出国（境）费", Kind::Amount(false)),
    ("公务接待费", Kind::Amount(false)),
    ("公务用车购置及运行维护费", Kind::Amount(false)),
    ("公务用车购置及运行费", Kind::Amount(false)),
    ("公务用车购置费", Kind::Amount(false)),
    ("公务用车运行维护费", Kind::Amount(false)),
    ("公务用车运行费", Kind::Amount(false)),
    ("财政专户管理资金", Kind::Amount(false)),
    ("单位资金", Kind::Amount(false)),
    ("本年收入", Kind::Span),
    ("绩效目标", Kind::Text),
    ("支出项目类别（资金使用单位）", Kind::Label),
    ("单位名称", Kind::Label),
    ("支出项目类别", Kind::Label),
    ("预算单位", Kind::Label),
    ("年度", Kind::Label),
    ("功能科目名称", Kind::Label),
    ("部门预算支出经济科目", Kind::Label),
    ("功能分类科目", Kind::Label),
    ("科目编码", Kind::Label),
    ("科目名称", Kind::Label),
];

/// Whether `word` is a known word of these headers.
pub(crate) fn header_word(word: &str) -> bool {
    WORDS.iter().any(|(w, _)| *w == word)
}

/// The header's words in printed order, each with its kind; `None` when
/// some of its text is no known word. A word may run over a line's end
/// (`财政专` / `户拨款`), not over a space.
fn header_words(header: &[&str]) -> Option<Vec<(&'static str, Kind)>> {
    // `\n` between words of a line, `\r` at a line's end.
    let text: Vec<char> = header
        .iter()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join("\n") + "\r")
        .collect::<String>()
        .chars()
        .collect();
    let view: Vec<usize> = (0..text.len()).filter(|&i| text[i] != '\r').collect();
    let mut taken = vec![false; text.len()];
    let mut found: Vec<(usize, &'static str, Kind)> = Vec::new();
    let mut words: Vec<&(&'static str, Kind)> = WORDS.iter().collect();
    words.sort_by_key(|(w, _)| std::cmp::Reverse(w.chars().count()));
    for &(word, kind) in words {
        let w: Vec<char> = word.chars().collect();
        let mut at = 0;
        while at + w.len() <= view.len() {
            let span = &view[at..at + w.len()];
            if span.iter().zip(&w).all(|(&i, c)| text[i] == *c && !taken[i]) {
                span.iter().for_each(|&i| taken[i] = true);
                found.push((span[0], word, kind));
                at += w.len();
            } else {
                at += 1;
            }
        }
    }
    if (0..text.len()).any(|i| !taken[i] && !matches!(text[i], '\n' | '\r')) {
        return None;
    }
    found.sort_by_key(|(at, _, _)| *at);
    Some(found.into_iter().map(|(_, w, k)| (w, k)).collect())
}

/// The columns holding the balance carried over from the year before.
const CARRIED: &[&str] = &["上年结转结余", "上年结余、结转", "上年结余结转"];

/// Whether a header line names the year alone (`2026 年预算`, `2026年度`).
fn is_year_heading(line: &str) -> bool {
    let t = squeeze(line);
    let rest = t.trim_start_matches(|c: char| c.is_ascii_digit());
    t.len() - rest.len() == 4 && matches!(rest, "年" | "年度" | "年预算" | "年预算数" | "年度预算")
}

/// One row: its code, name and amounts as printed.
#[derive(Debug, Clone, PartialEq)]
struct Row {
    code: String,
    name: String,
    amounts: Vec<String>,
    page: u32,
}

/// A line split into its text, its amounts and the text after them (the
/// text cell's first words, run onto the row's line: `车辆购置经费 90.00 …
/// 0.00 通过开展公务用车购置，…`); `None` when text and amounts alternate more.
fn split_line(text: &str) -> Option<(String, Vec<String>, String)> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let is_amount = |w: &str| w.contains('.') && amount(w).is_some();
    let Some(first) = words.iter().position(|w| is_amount(w)) else {
        return Some((words.join(" "), Vec::new(), String::new()));
    };
    let end = words[first..].iter().position(|w| !is_amount(w)).map_or(words.len(), |i| first + i);
    if words[end..].iter().any(|w| is_amount(w)) {
        return None;
    }
    let amounts = words[first..end].iter().map(|w| w.to_string()).collect();
    Some((words[..first].join(" "), amounts, words[end..].concat()))
}

/// A row's code printed before its name, on the name's first line:
/// `[201]一般公共服务支出`, or a word of three, five or seven digits
/// (`212 城乡社区支出`). Digits run into the name are the name's
/// (`12320卫生热线服务项目`). Returns the code and the line without it.
fn code_of(line: &str) -> (String, &str) {
    let line = line.trim_start();
    if let Some((code, name)) = line.strip_prefix('[').and_then(|r| r.split_once(']')) {
        if !code.is_empty() && code.bytes().all(|b| b.is_ascii_digit()) {
            return (code.to_string(), name);
        }
    }
    match line.split_once(char::is_whitespace) {
        Some((code, name)) if matches!(code.len(), 3 | 5 | 7) && code.bytes().all(|b| b.is_ascii_digit()) => {
            (code.to_string(), name)
        }
        _ => (String::new(), line),
    }
}

/// The printed width of a line: two for a full-width character, one for
/// others.
fn width(text: &str) -> usize {
    text.chars().filter(|c| !c.is_whitespace()).map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

/// Whether a line ends a sentence of a text cell (`…提高交通管理服务水平。`,
/// or with a half-width stop: `…活动的正常开展.`).
fn ends_sentence(text: &str) -> bool {
    text.trim_end().ends_with(['。', '；', ';', '！', '.'])
}

/// How many of `lines` (printed between two rows) begin the next row's
/// name, the others ending the text cell of the row before: the name is
/// the last lines about as wide as the label column at most that end no
/// sentence.
/// `None` when the split is in doubt: the text before them ends no
/// sentence, so it may go on into them, and no line of them after the
/// first begins with a space (`opens`), as a cell's first line does, nor
/// does the row's own line (`row_opens`).
fn name_lines(lines: &[&str], opens: &[bool], row_opens: bool, label_width: usize) -> Option<usize> {
    // Digits and dashes print narrower than the count gives them
    // (`驶员培训行业管理处2025年-`): a third over the label's width is
    // still the label column, a text cell's full lines are twice as wide.
    let narrow = |l: &&str| width(l) * 3 <= label_width * 4;
    let name = lines.iter().rev().take_while(|l| narrow(l) && !ends_sentence(l)).count();
    let before = lines.len() - name;
    if before == 0 || ends_sentence(lines[before - 1]) {
        return Some(name);
    }
    // A line after the text cell's first that begins with a space opens
    // a cell of its own: the next row's name (`　　广州市河湖资源资产化`,
    // indented under its group), whatever the text cell before it ends with.
    // So does the row's own line (`　　信访宣传经费 5.00 5.00 …` after a text
    // cell ending `…确保日常办公信息平台的` / `稳定运行`): the name is on it
    // alone.
    if row_opens {
        return Some(0);
    }
    let opened = (1..lines.len()).rev().find(|&k| opens.get(k) == Some(&true))?;
    (opened >= before && lines[opened..].iter().all(narrow)).then_some(lines.len() - opened)
}

/// The rows of the data lines, or `None` when a line is not of this layout.
/// Rows whose name is in doubt are left out with a finding.
fn rows(
    raw: &RawTable,
    data: &[BodyLine<'_>],
    text_column: Option<usize>,
    findings: &mut Vec<Finding>,
) -> Option<Vec<Row>> {
    let mut out = Vec::new();
    // The lines since the last row, each with whether it began with a space.
    let mut waiting: Vec<(&str, bool)> = Vec::new();
    for l in data.iter().filter(|l| !is_page_number(l.text) && unit_of_line(l.text).is_none()) {
        let (text, amounts, after) = split_line(l.text)?;
        if digits_alone(l.text) {
            return None;
        }
        if amounts.is_empty() {
            waiting.push((l.text, l.opens_right));
            continue;
        }
        if !after.is_empty() && text_column.is_none() {
            return None;
        }
        let name_from = match text_column {
            None => Some(0),
            Some(w) => {
                let (texts, opens): (Vec<&str>, Vec<bool>) = waiting.iter().copied().unzip();
                let row_opens = l.opens_right && !text.is_empty();
                name_lines(&texts, &opens, row_opens, w).map(|n| waiting.len() - n)
            }
        };
        let Some(from) = name_from else {
            let message = format!(
                "row of amounts {}: where the text cell of the row before ends and its name begins \
                 cannot be told; row left out",
                amounts.join(" ")
            );
            findings.push(Finding { page: l.page, table: raw.title.key.as_str().into(), message });
            waiting.clear();
            continue;
        };
        let mut lines: Vec<&str> = waiting[from..].iter().map(|w| w.0).collect();
        lines.push(&text);
        let (code, first) = code_of(lines[0]);
        lines[0] = first;
        let name: String = lines.iter().map(|l| squeeze(l)).collect();
        waiting.clear();
        if !after.is_empty() {
            // The text cell begun on the row's line: its lines follow.
            waiting.push((l.text, false));
        }
        if code.is_empty() && name.is_empty() {
            let message = format!("row of amounts {} prints no name; row left out", amounts.join(" "));
            findings.push(Finding { page: l.page, table: raw.title.key.as_str().into(), message });
            continue;
        }
        out.push(Row { code, name, amounts, page: l.page });
    }
    // Lines after the last row are its text cell; without one, another layout.
    (waiting.is_empty() || text_column.is_some()).then_some(out)
}

/// A page number marked as one (`- 14 -`, `第 5 页`). A number alone is no
/// page number here: it may be a code's part wrapped in its cell (`20805` /
/// `05` / `机关事业单位…`), a layout this reader leaves to the template
/// reader.
fn is_page_number(text: &str) -> bool {
    page_number(text).is_some_and(|(_, bare)| !bare)
}

/// Whether a line holds digits alone: a code or a part of one wrapped in
/// its cell, or a page number without dashes.
fn digits_alone(text: &str) -> bool {
    let t: String = text.split_whitespace().collect();
    !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit())
}

/// A reading of the header: the amount columns' paths, the columns that
/// make up the total (first) column, and those of the group's total.
#[derive(Debug, Clone, PartialEq)]
struct Reading {
    paths: Vec<String>,
    top: Vec<usize>,
    /// Each group with a total of its own: the total's column, then its
    /// leaves'.
    groups: Vec<Vec<usize>>,
}

impl Reading {
    /// The reading with column `at` moved after the others.
    fn move_to_end(&mut self, at: usize) {
        let last = self.paths.len() - 1;
        let path = self.paths.remove(at);
        self.paths.push(path);
        let moved = |c: &mut usize| {
            *c = match (*c).cmp(&at) {
                std::cmp::Ordering::Equal => last,
                std::cmp::Ordering::Greater => *c - 1,
                std::cmp::Ordering::Less => *c,
            }
        };
        self.top.iter_mut().for_each(moved);
        self.groups.iter_mut().flatten().for_each(moved);
    }
}

/// The readings of header words `names` (amount words in printed order) as
/// top columns followed by one group's leaves, the group one of the top
/// words: `总计 财政拨款 财政专户拨款 其他资金 合计 一般公共预算 …` with
/// 财政拨款 over `合计 …`. The leaves open with their total; the first
/// top word is a total unless it is the group alone.
fn readings(names: &[(&str, bool)]) -> Vec<Reading> {
    let mut out = Vec::new();
    for split in 1..names.len() {
        let (top, leaves) = names.split_at(split);
        let total_first = top.len() == 1 || top[0].1;
        if !total_first || !leaves[0].1 || leaves[1..].iter().chain(&top[1..]).any(|(_, t)| *t) || leaves.len() < 2 {
            continue;
        }
        for group in 0..top.len() {
            if top[group].1 || (group == 0 && top.len() > 1) {
                continue;
            }
            let mut paths: Vec<String> = top[..group].iter().map(|(w, _)| w.to_string()).collect();
            let first_leaf = paths.len();
            paths.extend(leaves.iter().map(|(w, _)| format!("{}/{w}", top[group].0)));
            paths.extend(top[group + 1..].iter().map(|(w, _)| w.to_string()));
            let top_cols: Vec<usize> = match top.len() {
                1 => Vec::new(),
                _ => (1..group).chain([first_leaf]).chain(first_leaf + leaves.len()..paths.len()).collect(),
            };
            let leaf_cols: Vec<usize> = (first_leaf..first_leaf + leaves.len()).collect();
            out.push(Reading { paths, top: top_cols, groups: vec![leaf_cols] });
        }
    }
    out
}

/// The columns each heading groups: of a 收入 table, the funds of 财政拨款,
/// the kinds of 财政专户 income, the unit's own funds; of a “三公” table,
/// the cars' purchase and upkeep.
const FAMILIES: &[(&[&str], &[&str])] = &[
    (
        &["财政拨款收入", "财政拨款"],
        &[
            "一般公共预算",
            "政府性基金预算",
            "国有资本经营预算",
            "一般公共预算拨款",
            "政府性基金预算拨款",
            "国有资本经营预算拨款",
        ],
    ),
    (&["财政专户拨款收入", "财政专户拨款"], &["教育收费", "其他专户收入拨款"]),
    (&["其他资金收入", "其他资金"], &["事业收入", "事业单位经营收入", "其他收入"]),
    (&["单位资金"], &["事业收入", "事业单位经营收入", "上级补助收入", "附属单位上缴收入", "其他收入"]),
    (
        &["公务用车购置及运行维护费", "公务用车购置及运行费"],
        &["公务用车购置费", "公务用车运行维护费", "公务用车运行费"],
    ),
];

/// The leaves heading `group` may have, when it is a known heading.
fn family(group: &str) -> Option<&'static [&'static str]> {
    FAMILIES.iter().find(|(heads, _)| heads.contains(&group)).map(|(_, leaves)| *leaves)
}

/// A column of the first header row: a column of its own, or a heading
/// with its leaves (the first of them its total when it has one).
enum Top<'w> {
    Column(&'w str),
    Heading(&'w str, Vec<(&'w str, bool)>),
}

/// The run of `members` at the head of `rest`, opened by its total
/// (`小计`) when it has one; its length.
fn run_of(rest: &[(&str, bool)], members: &[&str]) -> usize {
    let sub = usize::from(rest.first().is_some_and(|(_, t)| *t));
    let n = rest[sub..].iter().take_while(|(w, t)| !t && members.contains(w)).count();
    if n == 0 {
        0
    } else {
        sub + n
    }
}

/// The reading of a total followed by `tops` in printed order: the total
/// is the sum of the columns and of the headings' totals (or leaves, for a
/// heading without a total), each heading's total the sum of its leaves.
fn reading_of(total: &str, tops: &[Top<'_>]) -> Reading {
    let mut paths = vec![total.to_string()];
    let mut top = Vec::new();
    let mut groups = Vec::new();
    for t in tops {
        match t {
            Top::Column(w) => {
                top.push(paths.len());
                paths.push(w.to_string());
            }
            Top::Heading(head, leaves) => {
                let first = paths.len();
                paths.extend(leaves.iter().map(|(w, _)| format!("{head}/{w}")));
                match leaves.first() {
                    Some((_, true)) => {
                        top.push(first);
                        groups.push((first..paths.len()).collect());
                    }
                    _ => top.extend(first..paths.len()),
                }
            }
        }
    }
    Reading { paths, top, groups }
}

/// The reading of header words `names` as a total, top columns of which
/// several head sources of income ([`FAMILIES`]), then the leaves of those
/// headings in their order: `合计 财政拨款收入 财政专户拨款收入 其他资金收入
/// 上级补助收入 附属单位上缴收入 上年结转结余 一般公共预算 … 其他收入`. A
/// spreadsheet writes a header's cells row by row, each row left to right,
/// so the columns spanning both rows (上级补助收入 …) printed after the
/// headings stand right of them, and each heading takes the run of leaves
/// of its family, opened by its total where it has one (`小计`). `None`
/// unless every leaf goes to a heading and every heading gets one.
fn families_reading(names: &[(&str, bool)]) -> Option<Reading> {
    let is_leaf = |w: &str| FAMILIES.iter().any(|(_, leaves)| leaves.contains(&w));
    let mut split = names.len() - names.iter().rev().take_while(|(w, _)| is_leaf(w)).count();
    if split > 1 && names[split - 1].1 {
        split -= 1;
    }
    let (top, leaves) = names.split_at(split);
    let total_first = top.first().is_some_and(|(_, t)| *t) && !top[1..].iter().any(|(_, t)| *t);
    if !total_first || leaves.is_empty() {
        return None;
    }
    let mut tops = Vec::new();
    let mut rest = leaves;
    for (word, _) in &top[1..] {
        match family(word) {
            Some(members) => {
                let n = run_of(rest, members);
                if n == 0 {
                    return None;
                }
                tops.push(Top::Heading(word, rest[..n].to_vec()));
                rest = &rest[n..];
            }
            None => tops.push(Top::Column(word)),
        }
    }
    rest.is_empty().then(|| reading_of(top[0].0, &tops))
}

/// The reading of header words `names` that open with the headings alone
/// (the first header row holding nothing else), then the total and the
/// other columns in printed order, each heading's leaves a run of its
/// family among them: `财政拨款 单位资金 总计 小计 一般公共预算拨款 …
/// 财政专户管理资金 事业收入 … 上年结余、结转`. `None` unless every heading
/// takes one run.
fn headings_first_reading(names: &[(&str, bool)]) -> Option<Reading> {
    let heads = names.iter().take_while(|(w, t)| !t && family(w).is_some()).count();
    let (headings, rest) = names.split_at(heads);
    let (&(total, true), mut rest) = rest.split_first()? else { return None };
    if headings.is_empty() {
        return None;
    }
    let mut used = vec![false; headings.len()];
    let mut tops = Vec::new();
    while let Some(&(word, is_total)) = rest.first() {
        let run = headings.iter().enumerate().find_map(|(i, (h, _))| {
            let n = run_of(rest, family(h).unwrap_or_default());
            (n > 0 && !used[i]).then_some((i, n))
        });
        match run {
            Some((i, n)) => {
                used[i] = true;
                tops.push(Top::Heading(headings[i].0, rest[..n].to_vec()));
                rest = &rest[n..];
            }
            None if is_total || family(word).is_some() => return None,
            None => {
                tops.push(Top::Column(word));
                rest = &rest[1..];
            }
        }
    }
    used.iter().all(|&u| u).then(|| reading_of(total, &tops))
}

/// Whether every row adds up under `reading`: the first column is the sum
/// of the top columns, the group's total the sum of its leaves, within the
/// rounding of a table converted to 万元.
fn adds_up(reading: &Reading, rows: &[Row]) -> bool {
    let sums = |row: &Row, total: usize, parts: &[usize]| {
        let value = |i: usize| row.amounts.get(i).and_then(|a| amount(a));
        let scale = row.amounts.iter().map(|a| scale_of(a)).max().unwrap_or(0);
        let sum: Option<Decimal> = parts.iter().map(|&i| value(i)).sum();
        match (sum, value(total)) {
            (Some(sum), Some(total)) => (sum - total).abs() <= Decimal::new(5 * parts.len() as i64, scale + 1),
            _ => false,
        }
    };
    rows.iter().all(|r| {
        (reading.top.is_empty() || sums(r, 0, &reading.top))
            && reading.groups.iter().all(|g| g.split_first().is_none_or(|(total, parts)| sums(r, *total, parts)))
    })
}

/// Reads the table `raw` from its header lines and data lines, when every
/// row prints the same number of amounts and exactly one reading of the
/// header makes every row add up; returns `false` (and leaves `raw` as it
/// was) otherwise.
pub(crate) fn read(raw: &mut RawTable, header: &[&str], data: &[BodyLine<'_>], findings: &mut Vec<Finding>) -> bool {
    // A year over the amount columns (`2026 年预算`) names none of them.
    let header: Vec<&str> = header.iter().copied().filter(|l| !is_year_heading(l)).collect();
    // The first row's name wrapped over lines before its amounts ends the
    // header as the text gives it (`深圳市规划和自然资源局大鹏管` / `理局 4,505.81 …`).
    let Some((name_lines, words)) =
        (0..=MAX_NAME_LINES.min(header.len())).find_map(|n| header_words(&header[..header.len() - n]).map(|w| (n, w)))
    else {
        return false;
    };
    let data = with_first_name(&header, name_lines, data);
    let data = &data[..];
    let names: Vec<(&str, bool)> = words
        .iter()
        .filter_map(|(w, k)| match k {
            Kind::Amount(total) => Some((*w, *total)),
            _ => None,
        })
        .collect();
    // A text column after the amounts: the label column's width (its first
    // line in the header, the cell filled) bounds a row's name lines.
    let texts: Vec<&str> = words.iter().filter(|(_, k)| *k == Kind::Text).map(|(w, _)| *w).collect();
    let text_column = match texts[..] {
        [] => None,
        // Printed last on its header line: right of the amount columns.
        [w] if header.iter().any(|l| squeeze(l).ends_with(w)) => {
            Some(header.first().and_then(|l| l.split_whitespace().next()).map_or(0, width))
        }
        _ => return false,
    };
    let mut found = Vec::new();
    let Some(rows) = rows(raw, data, text_column, &mut found) else { return false };
    let Some(width) = rows.first().map(|r| r.amounts.len()) else { return false };
    if rows.iter().any(|r| r.amounts.len() != width) {
        return false;
    }
    let mut fitting: Vec<Reading> = match names[..] {
        // One amount column: each row's amount is its.
        [(name, false)] => vec![Reading { paths: vec![name.to_string()], top: Vec::new(), groups: Vec::new() }],
        _ => candidates(&names)
            .into_iter()
            .chain(crossed(&names))
            .filter(|r| r.paths.len() == width && adds_up(r, &rows))
            .collect(),
    };
    fitting.dedup_by(|a, b| a.paths == b.paths);
    if let (Some(span), [reading]) = (words.iter().position(|(_, k)| *k == Kind::Span), &mut fitting[..]) {
        // 本年收入 over the year's sources: all but the total and the
        // balance carried over, which, printed after 本年收入 on its header
        // row, stands right of all the columns 本年收入 spans.
        if words[span..].iter().any(|(w, _)| CARRIED.contains(w)) {
            if let Some(at) = reading.paths.iter().position(|p| CARRIED.contains(&p.as_str())) {
                reading.move_to_end(at);
            }
        }
        for p in reading.paths.iter_mut().skip(1).filter(|p| !CARRIED.contains(&p.as_str())) {
            *p = format!("{}/{p}", words[span].0);
        }
    }
    let [reading] = &fitting[..] else { return false };
    findings.extend(found);
    if text_column.is_some() {
        let page = rows.first().map_or(0, |r| r.page);
        let message = "the text column after the amounts is not read (its lines are told apart from the \
                       names only where a sentence ends)"
            .to_string();
        findings.push(Finding { page, table: raw.title.key.as_str().into(), message });
    }
    // A 年度 column beside the unit's: each unit's rows are its years
    // (`某局 2025 年 …` / `2026 年 …` / `增减变化金额 …`), the unit's name
    // printed on the first.
    let by_year = words.iter().any(|(w, k)| *k == Kind::Label && *w == "年度");
    let years: Vec<(String, String)> = match by_year {
        true => {
            let Some(split) = rows.iter().map(|r| year_cell(&r.name)).collect::<Option<Vec<_>>>() else { return false };
            split
        }
        false => rows.iter().map(|r| (r.name.clone(), String::new())).collect(),
    };
    raw.columns = vec![
        RawColumn { path: "科目编码".into(), role: Role::Code },
        RawColumn { path: "科目名称".into(), role: Role::Name },
    ];
    if by_year {
        raw.columns.push(RawColumn { path: "年度".into(), role: Role::Text });
    }
    raw.columns.extend(reading.paths.iter().map(|p| RawColumn { path: p.clone(), role: Role::Amount }));
    for (r, (name, year)) in rows.into_iter().zip(years) {
        let mut cells = vec![r.code, name];
        if by_year {
            cells.push(year);
        }
        cells.extend(r.amounts);
        raw.rows.push(RawRow::new(cells, r.page));
    }
    true
}

/// A row's name split into its unit's name and its 年度 cell: a year
/// ending it (`某局2025年`, `2026年`), or the change between the years
/// (`增减变化金额`) alone. `None` when it holds neither.
fn year_cell(name: &str) -> Option<(String, String)> {
    let name = squeeze(name);
    if CHANGE_WORDS.contains(&name.as_str()) {
        return Some((String::new(), name));
    }
    let head = name.strip_suffix('年')?;
    let digits = head.chars().rev().take_while(char::is_ascii_digit).count();
    (digits == 4).then(|| (head[..head.len() - 4].to_string(), name[head.len() - 4..].to_string()))
}

/// The names of the row of changes between two years.
const CHANGE_WORDS: &[&str] = &["增减变化金额", "增减变化", "增减额", "增减"];

/// The readings of header words `names` as one set of columns.
fn candidates(names: &[(&str, bool)]) -> Vec<Reading> {
    readings(names).into_iter().chain(families_reading(names)).chain(headings_first_reading(names)).collect()
}

/// The readings of header words `names` that end with the same leaves
/// repeated under each column of the words before them: `总计 因公出国（境）费
/// 公务接待费 …` over `一般公共预算 政府性基金预算 国有资本经营预算` each. A
/// column's sums hold leaf by leaf (总计/一般公共预算 = 因公出国（境）费/一般公共预算 + …).
fn crossed(names: &[(&str, bool)]) -> Vec<Reading> {
    let mut out = Vec::new();
    for k in 1..=names.len() / 3 {
        let block = &names[names.len() - k..];
        if block.iter().any(|(_, t)| *t) {
            break;
        }
        let repeats = names.rchunks_exact(k).take_while(|c| *c == block).count();
        if repeats < 2 {
            continue;
        }
        let head = &names[..names.len() - repeats * k];
        for over in candidates(head).into_iter().filter(|r| r.paths.len() == repeats) {
            let at = |column: usize, leaf: usize| column * k + leaf;
            let paths = over.paths.iter().flat_map(|p| block.iter().map(move |(w, _)| format!("{p}/{w}"))).collect();
            let mut sums: Vec<Vec<usize>> = Vec::new();
            for leaf in 0..k {
                if !over.top.is_empty() {
                    sums.push(std::iter::once(0).chain(over.top.iter().copied()).map(|c| at(c, leaf)).collect());
                }
                sums.extend(over.groups.iter().map(|g| g.iter().map(|&c| at(c, leaf)).collect()));
            }
            out.push(Reading { paths, top: Vec::new(), groups: sums });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The amount words of a header, each with whether it is a total.
    fn amount_names<'w>(words: &[(&'w str, Kind)]) -> Vec<(&'w str, bool)> {
        words
            .iter()
            .filter_map(|(w, k)| match k {
                Kind::Amount(t) => Some((*w, *t)),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn a_header_splits_into_top_columns_and_one_groups_leaves() {
        let header = [
            "支出项目类别（资金使用",
            "单位） 总计 财政拨款 财政专户拨款 其他资金",
            "合计 一般公共预算 政府性基金预算 国有资本经营预算",
        ];
        let words = header_words(&header).unwrap();
        let names = amount_names(&words);
        let rows = [Row {
            code: String::new(),
            name: "合计".into(),
            amounts: ["10.00", "8.00", "6.00", "2.00", "0.00", "1.00", "1.00"].map(String::from).to_vec(),
            page: 1,
        }];
        let fitting: Vec<Reading> = readings(&names).into_iter().filter(|r| adds_up(r, &rows)).collect();
        assert_eq!(fitting.len(), 1);
        assert_eq!(fitting[0].paths[1], "财政拨款/合计");
        assert_eq!(fitting[0].paths[6], "其他资金");
    }

    #[test]
    fn a_header_with_unknown_words_is_not_read() {
        assert!(header_words(&["单位名称 合计 其中：政府采购"]).is_none());
    }

    /// 收入总体情况表: three headings over the sources of income, three
    /// columns spanning both header rows printed after them.
    #[test]
    fn headings_of_income_sources_take_their_leaves() {
        let header = [
            "单位名称 合计",
            "财政拨款收入 财政专户拨款收入 其他资金收入",
            "上级补",
            "助收入",
            "上年结",
            "转结余",
            "一般公共预",
            "算",
            "政府性基金",
            "预算 教育收费 事业收",
            "入",
            "其他收",
            "入",
        ];
        let words = header_words(&header).unwrap();
        let names = amount_names(&words);
        let reading = families_reading(&names).unwrap();
        let want = [
            "合计",
            "财政拨款收入/一般公共预算",
            "财政拨款收入/政府性基金预算",
            "财政专户拨款收入/教育收费",
            "其他资金收入/事业收入",
            "其他资金收入/其他收入",
            "上级补助收入",
            "上年结转结余",
        ];
        assert_eq!(reading.paths, want);
        // A heading with none of its leaves printed: not this layout.
        assert!(families_reading(&names[..names.len() - 2]).is_none());
    }

    /// The words of a header of fund columns: two headings over the
    /// funds, a total, the 财政拨款 group's own total and the other columns.
    fn fund_names(header: &[&str]) -> Vec<(&'static str, bool)> {
        amount_names(&header_words(header).unwrap())
    }

    /// A row of the amounts `a`, as printed.
    fn row(a: [&str; 12]) -> Row {
        Row { code: String::new(), name: "x".into(), amounts: a.map(String::from).to_vec(), page: 1 }
    }

    const FUND_PATHS: [&str; 12] = [
        "总计",
        "财政拨款/小计",
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
    ];

    /// The headings printed alone first, then the other columns in order.
    #[test]
    fn headings_printed_first_take_the_runs_of_their_funds() {
        let names = fund_names(&[
            "财政拨款 单位资金",
            "支出项目类别 总计 小计 一般公共",
            "预算拨款",
            "政府性基金",
            "预算拨款 国有资本经",
            "营预算拨款 财政专户",
            "管理资金 事业收入 事业单位",
            "经营收入 上级补助",
            "收入 附属单位",
            "上缴收入 其他收入 上年结余、",
            "结转",
        ]);
        let reading = headings_first_reading(&names).unwrap();
        assert_eq!(reading.paths, FUND_PATHS);
        // 总计 = 小计 + 财政专户 + each 单位资金 column + 上年结余; 小计 = Σ funds.
        assert_eq!(reading.top, [1, 5, 6, 7, 8, 9, 10, 11]);
        assert_eq!(reading.groups, [vec![1, 2, 3, 4]]);
        let adds =
            row(["10.00", "7.00", "5.00", "2.00", "0.00", "1.00", "0.50", "0.00", "0.00", "0.00", "0.50", "1.00"]);
        assert!(adds_up(&reading, &[adds]));
        let off =
            row(["10.00", "7.00", "5.00", "1.00", "0.00", "1.00", "0.50", "0.00", "0.00", "0.00", "0.50", "1.00"]);
        assert!(!adds_up(&reading, &[off]));
    }

    /// The first header row in order (the total, headings, columns
    /// spanning both rows), then the headings' leaves.
    #[test]
    fn a_groups_total_opens_its_run_of_leaves() {
        let names = fund_names(&[
            "支出项目类别 总计",
            "财政拨款 财政专户",
            "管理资金",
            "单位资金 上年结余、",
            "结转小计 一般公共",
            "预算拨款",
            "政府性基金",
            "预算拨款",
            "国有资本经",
            "营预算拨款 事业收入 事业单位",
            "经营收入",
            "上级补助",
            "收入",
            "附属单位",
            "上缴收入 其他收入",
        ]);
        assert_eq!(families_reading(&names).unwrap().paths, FUND_PATHS);
        assert!(headings_first_reading(&names).is_none());
    }

    /// “三公” kinds over the funds, each fund printed under each kind.
    #[test]
    fn leaves_repeated_under_each_column_cross_them() {
        let mut header = vec![
            "公务用车购置及运行维护费",
            "总计 因公出国(境)费 公务接待费",
            "小计 公务用车购置费 公务用车运行维护费预算单位 年度",
        ];
        for _ in 0..6 {
            header.extend(["一般公共预", "算", "政府性基金", "预算"]);
        }
        let names = fund_names(&header);
        let fitting: Vec<Reading> = crossed(&names).into_iter().filter(|r| r.paths.len() == 12).collect();
        let [reading] = &fitting[..] else { panic!("{fitting:?}") };
        assert_eq!(reading.paths[..2], ["总计/一般公共预算", "总计/政府性基金预算"]);
        assert_eq!(reading.paths[7], "公务用车购置及运行维护费/小计/政府性基金预算");
        let adds =
            row(["17.60", "1.00", "2.00", "0.00", "3.00", "0.00", "12.60", "1.00", "12.00", "0.00", "0.60", "1.00"]);
        assert!(adds_up(reading, &[adds]));
        let off =
            row(["17.60", "1.00", "2.00", "0.00", "3.00", "0.00", "12.60", "1.00", "12.00", "1.00", "0.60", "1.00"]);
        assert!(!adds_up(reading, &[off]));
    }

    #[test]
    fn a_year_column_splits_the_unit_from_its_years() {
        assert_eq!(year_cell("某局 2025 年"), Some(("某局".into(), "2025年".into())));
        assert_eq!(year_cell("2026 年"), Some((String::new(), "2026年".into())));
        assert_eq!(year_cell("增减变化金额"), Some((String::new(), "增减变化金额".into())));
        assert_eq!(year_cell("某局"), None);
    }

    /// 本年收入 over the sources, the balance carried over printed after it
    /// on the first header row: right of the sources.
    #[test]
    fn the_balance_after_the_span_stands_right_of_it() {
        let mut reading = Reading {
            paths: ["收入总计", "上年结余、结转", "财政拨款", "其他收入"].map(String::from).to_vec(),
            top: vec![1, 2, 3],
            groups: vec![vec![2, 3]],
        };
        reading.move_to_end(1);
        assert_eq!(reading.paths, ["收入总计", "财政拨款", "其他收入", "上年结余、结转"]);
        assert_eq!(reading.top, [3, 1, 2]);
        assert_eq!(reading.groups, [vec![1, 2]]);
    }

    #[test]
    fn a_year_alone_heads_no_column() {
        assert!(is_year_heading("2026 年预算"));
        assert!(is_year_heading("2026年度"));
        assert!(!is_year_heading("2026 年政府采购项目"));
        assert!(!is_year_heading("本年预算"));
    }

    #[test]
    fn codes_in_brackets_or_before_the_name() {
        assert_eq!(code_of("[20132]组织事务"), ("20132".into(), "组织事务"));
        assert_eq!(code_of("212 城乡社区支出"), ("212".into(), "城乡社区支出"));
        assert_eq!(code_of("12320卫生热线服务项目"), (String::new(), "12320卫生热线服务项目"));
    }

    #[test]
    fn text_cell_lines_end_at_a_sentence() {
        let lines = ["通过开展路政管理相关工作，主要达到如下目标：委托", "理水平。", "安全生产及应急救援工"];
        assert_eq!(name_lines(&lines, &[], false, 24), Some(1));
        assert_eq!(name_lines(&["通过开展路政管理相关工作，主要达到如下目标：委托", "安全生产"], &[], false, 24), None);
        assert_eq!(name_lines(&["广州市交通运输局2021", "台（二期）项目"], &[], false, 24), Some(2));
        // A name opening its line with a space (indented under its group)
        // begins there, though the text cell before it ends in a bracket,
        // not a sentence; the text cell's own first line opening so is no
        // name.
        let lines = [
            "通过实施本项目，完成全市水文测站一张",
            "持。（以前年度实施项目，2026年支付尾款）",
            "广州市河湖资源资产化",
        ];
        assert_eq!(name_lines(&lines, &[true, false, true], false, 24), Some(1));
        assert_eq!(name_lines(&lines, &[true, false, false], false, 24), None);
        assert_eq!(name_lines(&lines[1..], &[true, false], false, 24), None);
        // The row's own line opening with a space (`　　信访宣传经费 5.00 …`)
        // holds the whole name: every line before it is the text cell's.
        let lines = [
            "能，确保业务系统在有效工作时间内正常运行，保证各",
            "业务系统数据的完整安全性，确保日常办公信息平台的",
            "稳定运行",
        ];
        assert_eq!(name_lines(&lines, &[true, false, false], false, 24), None);
        assert_eq!(name_lines(&lines, &[true, false, false], true, 24), Some(0));
        let lines = ["牌）保障年度禁毒宣传外展活动的正常开展.", "业务用房物业管理费"];
        assert_eq!(name_lines(&lines, &[], false, 24), Some(1));
    }
}
