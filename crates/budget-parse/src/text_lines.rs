//! Tables whose text prints each row on one line, its code in parts.
//!
//! Some templates come out of text extraction one printed row per line:
//! `201 03 01 行政运行 12,029,501.8412,029,501.84` is the row `2010301`
//! `行政运行` with two amounts, printed right-aligned and run together. A
//! blank cell leaves no mark, so a row may carry fewer amounts than the
//! table has columns; the header's lines come in order but a wrapped column
//! name is cut (`事业单位` / `经营收入`). This module reads such a table:
//! the code's parts are joined (类 three digits, 款 and 项 two each), run
//! together amounts are split at the table's usual decimals, the columns
//! are found by their names in the header's text run together, and a row's
//! amounts are placed by the columns' arithmetic (合计 = Σ its parts; a
//! parent row = Σ its children; the total row = Σ the top rows and, for the
//! income table, the income items of 收支总表). Where more than one
//! placement holds, the cells in doubt stay unread (blank, never a zero)
//! with a finding.

use budget_model::{page_number, Decimal, Finding, Table, TableKey};

use crate::front::after_total_label;
use crate::labels::{is_line_number, join_code_parts};
use crate::lex::{amount, scale_of, split_ordinal, unit_of_line};
use crate::norm::{bracket_net, is_total_word, squeeze};
use crate::raw::{no_figure, RawColumn, RawRow, RawTable, Role, UNREAD};
use crate::text_caps::{
    expense_floors, narrow_by_fund_spending, narrow_by_project_funds, narrow_within, row_caps, Around,
};
use crate::text_fit::{
    agreed, known_totals_around, narrow_by_economic_class, narrow_by_hierarchy, narrow_by_known, narrow_within_total,
    readings_of, total_row_figures, Readings, Template,
};
use crate::text_table::{with_first_name, BodyLine, MAX_NAME_LINES};

/// What a word of a header names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Word {
    /// An amount column; `true` for a total over the columns after it.
    Column(bool),
    /// A heading over amount columns (`收入预算`), kept as their path's head.
    Group,
    /// A label column's name, or words that name no column.
    Label,
}

/// Known words of the headers of line-per-row tables. Matched in the
/// header's text run together, longest first, so that a name wrapped over
/// two lines (`事业单位` / `经营收入`) is found whole and a group heading
/// (`一般公共预算支出`) is not read as the column `一般公共预算`.
const WORDS: &[(&str, Word)] = &[
    ("合计", Word::Column(true)),
    ("本年收入合计", Word::Column(true)),
    ("本年支出合计", Word::Column(true)),
    ("财政拨款收入", Word::Column(false)),
    ("上级补助收入", Word::Column(false)),
    ("事业收入", Word::Column(false)),
    ("事业单位经营收入", Word::Column(false)),
    ("经营收入", Word::Column(false)),
    ("附属单位上缴收入", Word::Column(false)),
    ("其他收入", Word::Column(false)),
    ("基本支出", Word::Column(false)),
    ("项目支出", Word::Column(false)),
    ("上缴上级支出", Word::Column(false)),
    ("经营支出", Word::Column(false)),
    ("对附属单位补助支出", Word::Column(false)),
    ("人员经费", Word::Column(false)),
    ("公用经费", Word::Column(false)),
    ("金额", Word::Column(false)),
    ("收入预算", Word::Group),
    ("支出预算", Word::Group),
    ("一般公共预算支出", Word::Group),
    ("财政拨款支出", Word::Group),
    ("一般公共预算基本支出", Word::Group),
    ("政府性基金预算支出", Word::Group),
    ("国有资本经营预算支出", Word::Group),
    // A 决算 header prints the heading over the code and name apart, run
    // into the last column's name: `上缴收入 其他收入功能分类` / `科目编码 科目名称`.
    ("功能分类", Word::Label),
    ("功能分类科目编码", Word::Label),
    ("功能分类科目名称", Word::Label),
    ("支出功能分类科目编码", Word::Label),
    ("支出功能分类", Word::Label),
    ("部门预算经济分类科目编码", Word::Label),
    ("经济分类科目编码", Word::Label),
    ("经济分类科目名称", Word::Label),
    ("部门经济分类科目名称", Word::Label),
    ("部门预算经济分类科目", Word::Label),
    ("经济分类科目", Word::Label),
    ("功能分类科目", Word::Label),
    ("功能科目代码", Word::Label),
    ("功能科目编码", Word::Label),
    ("功能科目名称", Word::Label),
    ("经济科目编码", Word::Label),
    ("经济科目名称", Word::Label),
    ("科目代码", Word::Label),
    ("科目编码", Word::Label),
    ("科目名称", Word::Label),
    ("项目", Word::Label),
    ("编码", Word::Label),
    // The code's parts under 科目编码 (`类 款 项`).
    ("类", Word::Label),
    ("款", Word::Label),
    ("项", Word::Label),
];

/// A line of known header words alone, no total label among them (a
/// total's label may follow its amounts).
fn header_words_alone(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    !words.is_empty() && words.iter().all(|w| header_word(w) && after_total_label(w).is_none())
}

/// Whether `word` is a known word of these headers.
pub(crate) fn header_word(word: &str) -> bool {
    WORDS.iter().any(|(w, _)| *w == word)
}

/// A header line of letter-spaced text, closed up with its cells' breaks
/// lost (`功能分类科目编码功能分类科目名称合计财政拨款收入事业收入事业单位`),
/// cut back into its known words (`功能分类科目编码 功能分类科目名称 合计
/// 财政拨款收入 事业收入 事业单位`): the cut leaving the fewest characters
/// outside a known word, then the fewest words. Characters no word takes
/// may only open the line (the end of a name wrapped from the line before:
/// `经营收入`) or end it (a name wrapped to the next: `事业单位`), as a word
/// of their own. `None` for a line with a space, a digit, fewer than two
/// known words, or characters no word takes inside it.
pub(crate) fn glued_words_apart(line: &str) -> Option<String> {
    let chars: Vec<char> = line.trim().chars().collect();
    if chars.is_empty() || chars.iter().any(|c| c.is_whitespace() || c.is_ascii_digit()) {
        return None;
    }
    let words: Vec<Vec<char>> = WORDS.iter().map(|(w, _)| w.chars().collect()).collect();
    // best[i]: the best cut of chars[..i] as (characters outside a word,
    // words, where the last word starts, whether it is known).
    let mut best: Vec<Option<(usize, usize, usize, bool)>> = vec![None; chars.len() + 1];
    best[0] = Some((0, 0, 0, true));
    for i in 0..chars.len() {
        let Some((unread, count, _, _)) = best[i] else { continue };
        let mut offer = |end: usize, cand: (usize, usize, usize, bool)| {
            if best[end].is_none_or(|b| (cand.0, cand.1) < (b.0, b.1)) {
                best[end] = Some(cand);
            }
        };
        for w in words.iter().filter(|w| chars[i..].starts_with(w)) {
            offer(i + w.len(), (unread, count + 1, i, true));
        }
        // Characters no word takes, in one run.
        for end in i + 1..=chars.len() {
            offer(end, (unread + end - i, count + 1, i, false));
        }
    }
    let mut cut: Vec<(String, bool)> = Vec::new();
    let mut end = chars.len();
    while end > 0 {
        let (_, _, start, known) = best[end]?;
        cut.push((chars[start..end].iter().collect(), known));
        end = start;
    }
    cut.reverse();
    let known = cut.iter().filter(|(_, k)| *k).count();
    let inside = cut.iter().enumerate().any(|(i, (_, k))| !k && i != 0 && i + 1 != cut.len());
    (known >= 2 && !inside).then(|| cut.into_iter().map(|(w, _)| w).collect::<Vec<_>>().join(" "))
}

/// The most header characters no known word covers: a header with more
/// names columns this module does not know, and is left to the other
/// readers.
const MAX_UNREAD: usize = 2;

/// The amount columns the header lines name, in printed order: each its
/// path and whether it is a total over the columns after it. A name may run
/// from one line into the next, not across a space.
///
/// `项目 收入预算` / `功能分类科目编码 功能分类科目名称 合计 财政拨款收入 事业收入 事业单位` /
/// `经营收入 其他收入` / `类 款 项` is 收入预算/合计, 收入预算/财政拨款收入, …,
/// 收入预算/事业单位经营收入, 收入预算/其他收入.
fn columns(header: &[&str]) -> Option<Vec<(String, bool)>> {
    // Words apart on a line are cells apart (`\n`); a line's end (`\r`)
    // may cut a name.
    let text = header_chars(header);
    let mut taken = vec![false; text.len()];
    let mut found: Vec<(usize, &str, Word)> = Vec::new();
    find_words(WORDS, &text, &mut taken, &mut found);
    if (0..text.len()).filter(|&i| !taken[i] && !matches!(text[i], '\n' | '\r')).count() > MAX_UNREAD {
        return None;
    }
    found.sort_by_key(|(at, _, _)| *at);
    let groups: Vec<&str> = found.iter().filter(|(_, _, k)| *k == Word::Group).map(|(_, w, _)| *w).collect();
    let head = match groups[..] {
        [g] => format!("{g}/"),
        _ => String::new(),
    };
    let cols: Vec<(String, bool)> = found
        .iter()
        .filter_map(|(_, w, k)| match k {
            Word::Column(total) => Some((format!("{head}{w}"), *total)),
            _ => None,
        })
        .collect();
    (!cols.is_empty()).then_some(cols)
}

/// The header's characters, `\n` between words of a line, `\r` after each
/// line.
fn header_chars(header: &[&str]) -> Vec<char> {
    header
        .iter()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join("\n") + "\r")
        .collect::<String>()
        .chars()
        .collect()
}

/// Marks the known words found in `text`, longest first, where no word was
/// found before. A word runs over a line's end (`事业单位` / `经营收入`)
/// unless the cell the line ends with is a known word itself: `项目
/// 一般公共预算支出` / `功能分类科目编码 …` holds no `支出功能分类科目编码`.
fn find_words<'w>(
    vocabulary: &[(&'w str, Word)],
    text: &[char],
    taken: &mut [bool],
    found: &mut Vec<(usize, &'w str, Word)>,
) {
    let view: Vec<usize> = (0..text.len()).filter(|&i| text[i] != '\r').collect();
    let mut words: Vec<&(&'w str, Word)> = vocabulary.iter().collect();
    words.sort_by_key(|(w, _)| std::cmp::Reverse(w.chars().count()));
    for &(word, kind) in words {
        let w: Vec<char> = word.chars().collect();
        let mut at = 0;
        while at + w.len() <= view.len() {
            let span = &view[at..at + w.len()];
            let whole = span.iter().zip(&w).all(|(&i, c)| text[i] == *c && !taken[i]);
            if whole && !cuts_a_known_word(vocabulary, text, span) && !wraps_from_mid_cell(text, span) {
                span.iter().for_each(|&i| taken[i] = true);
                found.push((span[0], word, kind));
                at += w.len();
            } else {
                at += 1;
            }
        }
    }
}

/// Whether `span` runs over a line's end but does not begin where its cell
/// begins: a name wrapped in its cell is cut from the cell's start
/// (`对附属单位补` / `助支出功能分类` is 对附属单位补助支出, not
/// 支出功能分类科目编码 from `助支出功能分类` / `科目编码`).
fn wraps_from_mid_cell(text: &[char], span: &[usize]) -> bool {
    let wraps = span.windows(2).any(|p| p[1] != p[0] + 1);
    let cell_start = span[0] == 0 || matches!(text[span[0] - 1], '\n' | '\r');
    wraps && !cell_start
}

/// Whether `span` runs over a line's end between two cells that are known
/// words whole (`一般公共预算支出` / `功能分类科目编码`); a known word
/// before a piece (`一般公共预算` / `财` / `政拨款`) is cut.
fn cuts_a_known_word(vocabulary: &[(&str, Word)], text: &[char], span: &[usize]) -> bool {
    let known = |cell: String| vocabulary.iter().any(|(w, _)| *w == cell);
    span.windows(2).filter(|p| p[1] != p[0] + 1).any(|p| {
        let start = text[..=p[0]].iter().rposition(|c| matches!(c, '\n' | '\r')).map_or(0, |i| i + 1);
        let end = text[p[1]..].iter().position(|c| matches!(c, '\n' | '\r')).map_or(text.len(), |i| p[1] + i);
        known(text[start..=p[0]].iter().collect()) && known(text[p[1]..end].iter().collect())
    })
}

/// The sums among `cols`: a total column first is the sum of all after it
/// (`合计 = 财政拨款收入 + 事业收入 + …`). Other column sets have none.
fn template(cols: &[(String, bool)]) -> Template {
    let paths: Vec<String> = cols.iter().map(|(p, _)| p.clone()).collect();
    let totals = cols.iter().filter(|(_, t)| *t).count();
    let sums = if cols.len() > 2 && totals == 1 && cols[0].1 { vec![(0, (1..cols.len()).collect())] } else { vec![] };
    Template { paths, sums }
}

/// The columns of 部门收入总表 in the order every template prints them,
/// the total first and 其他收入 last.
const INCOME_ORDER: [&str; 5] = ["合计", "财政拨款收入", "事业收入", "事业单位经营收入", "其他收入"];

/// A 收入总表 header whose text puts a source before the total (`其他收入`
/// / `项目 收入预算` / `… 合计 财政拨款收入 事业收入 事业单位` / `经营收入`: the
/// last column's name printed apart, first) has lost its order; where its
/// columns are those of [`INCOME_ORDER`] they are put back in it (the sums
/// cannot tell one part from another). Any other header as printed.
fn sources_in_order(key: TableKey, mut cols: Vec<(String, bool)>) -> Vec<(String, bool)> {
    let leaf = |p: &str| p.rsplit('/').next().unwrap_or(p).to_string();
    let rank = |p: &str| INCOME_ORDER.iter().position(|w| *w == leaf(p));
    let jumbled = cols.first().is_some_and(|(_, total)| !total) && cols.iter().any(|(_, total)| *total);
    if key == TableKey::IncomeSummary && jumbled && cols.iter().all(|(p, _)| rank(p).is_some()) {
        cols.sort_by_key(|(p, _)| rank(p));
    }
    cols
}

/// The table's standard column set where the header names the same
/// columns, in whatever order the text gives them: a spreadsheet prints
/// its merged header cells apart from the plain ones (`合计 项目支出` /
/// `基本支出` / `类 款 项 人员经费 公用经费`), so the printed order loses
/// which heading is over which. The standard set's order and sums
/// (合计 = 基本支出 + 项目支出, 基本支出 = 人员经费 + 公用经费) are taken,
/// under the group heading the header printed (`财政拨款支出/…`). Where no
/// row is as wide as the standard set, its subtotal is a heading the table
/// prints over its parts, no column of its own (`基本支出` over `人员经费
/// 公用经费`, four columns). `None` where the names differ: the header is
/// then read as printed.
fn standard_columns(key: TableKey, header: &[&str], cols: &[(String, bool)], widest: usize) -> Option<Template> {
    let words: String = header.iter().map(|l| squeeze(l)).collect();
    let standard = crate::text_fit::template(key, &words)?;
    // A standard subtotal is the column its group names (`基本支出/小计` is
    // the printed `基本支出`).
    let name = |path: &str| {
        let mut parts = path.rsplit('/');
        let leaf = parts.next().unwrap_or_default();
        match (leaf, parts.next()) {
            ("小计", Some(group)) => group.to_string(),
            _ => leaf.to_string(),
        }
    };
    // Each name once: a header printed twice (`… 合计 人员经费 公用经费` over
    // the page and again with the title) names its columns twice.
    let names = |v: Vec<String>| {
        let mut v = v;
        v.sort();
        v.dedup();
        v
    };
    let printed = names(cols.iter().map(|(p, _)| name(p)).collect());
    if widest > standard.paths.len() || printed != names(standard.paths.iter().map(|p| name(p)).collect()) {
        return None;
    }
    // The group heading every printed column is under, if any.
    let head = cols[0].0.rsplit_once('/').map(|(h, _)| format!("{h}/")).unwrap_or_default();
    let under = cols.iter().all(|(p, _)| p.starts_with(&head) && !p[head.len()..].contains('/'));
    let head = if under { head } else { String::new() };
    let standard = if widest < standard.paths.len() { without_subtotals(standard) } else { standard };
    Some(Template { paths: standard.paths.iter().map(|p| format!("{head}{p}")).collect(), sums: standard.sums })
}

/// A template without its subtotal columns (`基本支出/小计`): a sum that
/// counted a subtotal counts its parts instead.
fn without_subtotals(t: Template) -> Template {
    let subtotal = |i: usize| t.paths[i].ends_with("/小计");
    let parts_of = |i: usize| t.sums.iter().find(|(total, _)| *total == i).map(|(_, parts)| parts.clone());
    let kept: Vec<usize> = (0..t.paths.len()).filter(|&i| !subtotal(i)).collect();
    let new_index = |i: usize| kept.iter().position(|&k| k == i);
    let sums = t
        .sums
        .iter()
        .filter(|(total, _)| !subtotal(*total))
        .filter_map(|(total, parts)| {
            let parts: Vec<usize> = parts
                .iter()
                .flat_map(|&p| if subtotal(p) { parts_of(p).unwrap_or_default() } else { vec![p] })
                .map(new_index)
                .collect::<Option<_>>()?;
            Some((new_index(*total)?, parts))
        })
        .collect();
    Template { paths: kept.iter().map(|&i| t.paths[i].clone()).collect(), sums }
}

/// One row as printed on its line.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Line {
    code: String,
    name: String,
    amounts: Vec<String>,
    /// Its numbers could not be read (`7 11 02 事业单位医疗 503,724  503,724`:
    /// the 类 lost): kept blank, and no sum it may take part in is relied
    /// on.
    broken: bool,
    /// The words of numbers a broken line opens with: three (`7 11 02`)
    /// make it a 项 row, a child of a 款 row only.
    parts: usize,
}

/// The 项 part of a code run into the name after it, the 类 and 款 parts
/// before it: `229 08 04福利彩票销售机构的业务费支出` is `229`, `08`, `04`,
/// `福利彩票销售机构的业务费支出`.
fn name_apart(mut words: Vec<&str>) -> Vec<&str> {
    let digits = |w: &str, n: usize| w.len() == n && w.bytes().all(|b| b.is_ascii_digit());
    if let [first, second, third, ..] = words[..] {
        let run_in = third.len() > 2 && third.is_char_boundary(2) && !third[2..].starts_with(|c: char| c.is_ascii());
        if digits(first, 3) && digits(second, 2) && run_in && digits(&third[..2], 2) {
            words.splice(2..3, [&third[..2], &third[2..]]);
        }
    }
    words
}

/// A code's parts opening a line: 类 of three digits, then 款 and 项 of two
/// (`201 03 01 行政运行` → `2010301`; `301 02 津贴补贴` → `30102`), a part
/// printed without its leading zero padded (`301 2 津贴补贴` → `30102`).
/// Returns the code and how many words it took.
fn code_parts(words: &[&str]) -> (String, usize) {
    let digits = |w: &str, n: &[usize]| n.contains(&w.len()) && w.bytes().all(|b| b.is_ascii_digit());
    // A code printed whole (`20404  检察  16,444.36`).
    if let [first, next, ..] = words {
        if digits(first, &[5, 7]) && !numeric(next) {
            return (first.to_string(), 1);
        }
    }
    let n = words
        .iter()
        .enumerate()
        .take(3)
        .take_while(|&(i, w)| digits(w, if i == 0 { &[3] } else { &[1, 2] }) && words.len() > i + 1)
        .count();
    (join_code_parts(words[..n].iter().copied()), n)
}

/// Splits a word of amounts run together at the table's decimals:
/// `82,096,797.4282,096,797.42` with two decimals is `82,096,797.42` and
/// `82,096,797.42`. `None` when a piece is no amount.
///
/// A word that is one amount is kept whole whatever its decimals: a table
/// may print cents in one column and whole yuan in the next
/// (`79,189,400.34  12,604,173`).
pub(crate) fn split_amounts(word: &str, scale: u32) -> Option<Vec<String>> {
    if word.matches('.').count() <= 1 && amount(word).is_some() {
        return Some(vec![word.to_string()]);
    }
    if scale == 0 {
        return split_grouped(word);
    }
    let mut out = Vec::new();
    let mut rest = word;
    while !rest.is_empty() {
        let point = rest.find('.')?;
        let end = point + 1 + scale as usize;
        let piece = rest.get(..end)?;
        if amount(piece).is_none() || scale_of(piece) != scale {
            return None;
        }
        out.push(piece.to_string());
        rest = &rest[end..];
    }
    Some(out)
}

/// Splits a word of whole amounts run together at their thousands
/// separators: `69,733,76465,733,764` is `69,733,764` and `65,733,764`,
/// each group after a separator three digits and the first of each amount
/// one to three (`221,000589,500`: `221,000`, `589,500`), a piece without
/// a separator three digits (`69,733,764500`). `None` where the groups do
/// not tell where an amount ends (a first group longer than three digits,
/// `1,2345`) or the word holds one amount only.
fn split_grouped(word: &str) -> Option<Vec<String>> {
    let b = word.as_bytes();
    let digits = |from: usize| (from..b.len()).find(|&k| !b[k].is_ascii_digit()).unwrap_or(b.len());
    let mut out = Vec::new();
    let mut at = 0;
    while at < b.len() {
        let mut end = digits(at);
        if end == at || end - at > 3 {
            return None;
        }
        while end < b.len() && b[end] == b',' && digits(end + 1) >= end + 4 {
            end += 4;
        }
        if end < b.len() && !b[end].is_ascii_digit() {
            return None;
        }
        // A piece without a separator is taken only as three digits: a
        // shorter one may be the cut end of the amount before it.
        if !word[at..end].contains(',') && end - at != 3 {
            return None;
        }
        out.push(word[at..end].to_string());
        at = end;
    }
    (out.len() > 1).then_some(out)
}

/// Whether a word is made of amount characters only.
fn numeric(word: &str) -> bool {
    word.bytes().any(|b| b.is_ascii_digit()) && word.bytes().all(|b| b.is_ascii_digit() || b"-,.".contains(&b))
}

/// Reads one line as a row: code parts, name words, then amounts. `None`
/// when text follows an amount or an amount does not split.
///
/// `208 05 99 其他行政事业单位养老支出 14,820.00 14,820.00` → `2080599`,
/// `其他行政事业单位养老支出`, two amounts.
fn read_line(text: &str, scale: u32) -> Option<Line> {
    let words = name_apart(text.split_whitespace().collect());
    let (code, skip) = code_parts(&words);
    let rest = &words[skip..];
    let first_amount = rest.iter().position(|w| numeric(w)).unwrap_or(rest.len());
    let name: String = rest[..first_amount].concat();
    let mut amounts = Vec::new();
    for w in &rest[first_amount..] {
        amounts.extend(split_amounts(w, scale)?);
    }
    (!name.is_empty() || !code.is_empty()).then_some(Line { code, name, amounts, broken: false, parts: 0 })
}

/// A line [`read_line`] cannot read, as a blank row under the name it
/// prints, when it prints one.
fn broken_line(text: &str) -> Option<Line> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let parts = words.iter().take_while(|w| w.bytes().all(|b| b.is_ascii_digit())).count();
    let name: String = words.iter().filter(|w| !numeric(w)).copied().collect();
    (!name.is_empty()).then(|| Line { code: String::new(), name, amounts: Vec::new(), broken: true, parts })
}

/// The decimals most whole amounts of the lines carry (`82,096,797.42`:
/// two); words run together (two points) are not counted.
fn usual_scale(lines: &[&str]) -> u32 {
    let mut counts = [0usize; 5];
    for w in lines.iter().flat_map(|l| l.split_whitespace()) {
        if w.matches('.').count() == 1 && amount(w).is_some() {
            counts[(scale_of(w) as usize).min(4)] += 1;
        }
    }
    (0..5).max_by_key(|&s| (counts[s], s)).filter(|&s| counts[s] > 0).unwrap_or(0) as u32
}

/// Whether the table's data is printed one row per line: some line opens
/// with a code's 类 and 款 apart (`201 03 政府办公厅…`), or lines hold a
/// whole code, its name and amounts.
pub(crate) fn is_line_per_row(data: &[BodyLine<'_>]) -> bool {
    codes_in_parts(data) || data.iter().filter(|l| whole_code_row(l.text)).count() >= 2
}

/// Whether some line opens with a code's 类 and 款 apart.
fn codes_in_parts(data: &[BodyLine<'_>]) -> bool {
    data.iter().any(|l| code_parts(&l.text.split_whitespace().collect::<Vec<_>>()).1 >= 2)
}

/// A line holding a row whole: a code of 款 or 项 (five or seven digits),
/// a name, and amounts (`2040401  行政运行  10,883.36`), which may be run
/// together (`2070204 文物保护 9,973,1957,833,995`, from letter-spaced text).
fn whole_code_row(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    let long_code = words.first().is_some_and(|w| matches!(w.len(), 5 | 7) && w.bytes().all(|b| b.is_ascii_digit()));
    long_code && words.len() >= 3 && !numeric(words[1]) && words.last().is_some_and(|w| numeric(w))
}

/// Reads the table `raw` from its header lines and data lines, when its
/// header names known columns; returns `false` (and leaves `raw` as it
/// was) otherwise.
pub(crate) fn read(
    raw: &mut RawTable,
    header: &[&str],
    data: &[BodyLine<'_>],
    (earlier, later): (&[Table], &[Table]),
    findings: &mut Vec<Finding>,
) -> bool {
    let texts: Vec<&str> = data.iter().map(|l| l.text).filter(|t| !is_page_number(t)).collect();
    let scale = usual_scale(&texts);
    let full = full_width(data, scale);
    let whole_codes = !codes_in_parts(data);
    let single = whole_codes.then(|| one_line_columns(header)).flatten();
    let named = columns(header);
    // The first row's name wrapped before its amounts ends the header as
    // the text gives it (`深圳市规划和自然资源局大鹏管` / `理局 4,505.81 …`): a
    // header of unknown words may leave its last lines to the first row.
    let wide = (named.is_none() && single.is_none())
        .then(|| {
            let w = full?;
            (0..=MAX_NAME_LINES.min(header.len().saturating_sub(1)))
                .find_map(|n| columns_with_unknown(&header[..header.len() - n], w).map(|c| (c, n)))
        })
        .flatten();
    let name_lines = wide.as_ref().map_or(0, |(_, n)| *n);
    let wide = wide.map(|(c, _)| c);
    let data = with_first_name(header, name_lines, data);
    let data = &data[..];
    let full = wide.is_some();
    let one_line = single.is_some();
    let Some(cols) = single.or(named).or(wide) else {
        return false;
    };
    let cols = sources_in_order(raw.title.key, cols);
    // The header names a total column (`合计`); without one, part of it
    // was printed elsewhere (`类 款 项 人员经费 公用经费` over rows of four
    // amounts, the rest of the header after them).
    if cols.len() > 1 && !cols.iter().any(|(_, total)| *total) {
        return false;
    }
    // Whole codes: a table of one amount column, one whose header names
    // its columns on one line, one of a 决算 column set, or one whose every
    // row prints all its columns under a header of other words, is read
    // here; the column sets of the seed's family, a group's leaves on the
    // header's next line, are for the template reader.
    let known_set =
        one_line || final_account_columns(&cols) || code_headed_after(header, &cols) || income_sources(&cols);
    if cols.len() > 1 && whole_codes && !full && !known_set {
        return false;
    }
    let mut rows: Vec<(Line, u32)> = Vec::new();
    let kept = (0..data.len()).filter(|&i| !(is_page_number(data[i].text) || (full && is_unit_line(data[i].text))));
    let mut kept: Vec<&BodyLine<'_>> = kept.filter(|&i| !is_running_line(data, i)).map(|i| &data[i]).collect();
    // The header's words printed after the rows (a spreadsheet's merged
    // cells: `收入预算` / `其他收入`) are no row.
    while kept.last().is_some_and(|l| header_words_alone(l.text)) {
        kept.pop();
    }
    for (i, l) in kept.into_iter().enumerate() {
        let text = if i == 0 { without_code_heads(l.text) } else { l.text };
        let Some(line) = read_line(text, scale).or_else(|| broken_line(text)) else { return false };
        match rows.last_mut() {
            Some((last, _))
                if continues_name(last, &line) || (full && continues_unit(last, &line)) || closes_unit(last, &line) =>
            {
                last.name.push_str(&line.name);
                last.amounts = line.amounts;
            }
            _ => rows.push((line, l.page)),
        }
    }
    // More than a few lines unread, or a row wider than the header: another
    // layout, or a header not all read.
    let wider = rows.iter().any(|(l, _)| l.amounts.len() > cols.len());
    if wider || rows.iter().filter(|(l, _)| l.broken).count() * 4 > rows.len() {
        return false;
    }
    if full && !rows_add_up(&cols, &rows) {
        return false;
    }
    for (l, page) in rows.iter().filter(|(l, _)| l.broken) {
        findings.push(finding(raw, *page, &l.name, &l.amounts, "could not be read from the line"));
    }
    let widest = rows.iter().map(|(l, _)| l.amounts.len()).max().unwrap_or(0);
    let t = standard_columns(raw.title.key, header, &cols, widest).unwrap_or_else(|| template(&cols));
    let lines: Vec<&Line> = rows.iter().map(|(l, _)| l).collect();
    let around = Around { key: raw.title.key, template: &t, unit: raw.unit.as_deref(), tables: (earlier, later) };
    let sums = Sums {
        known: total_row(&lines)
            .map(|i| (i, known_totals_around(raw.title.key, &t, (earlier, later), |leaf, item| item == leaf))),
        groups: hierarchy(&lines),
        bounds: lines
            .iter()
            .map(|l| {
                let code = Some(l.code.as_str()).filter(|c| !c.is_empty());
                row_caps(&around, code)
            })
            .collect(),
        floors: lines.iter().map(|l| expense_floors(&around, &l.code)).collect(),
    };
    let cells = placed(raw, &rows, &sums, &around, findings);
    if nothing_placed(&rows, &cells) {
        // Every printed amount in doubt: blank rows would read as zeros to
        // the checks; the table is left out.
        let page = rows.first().map_or(0, |(_, p)| *p);
        let message = "no amount could be placed in its column; table left out".to_string();
        findings.push(Finding { page, table: raw.title.key.as_str().into(), message });
        return true;
    }
    raw.columns = vec![
        RawColumn { path: "科目编码".into(), role: Role::Code },
        RawColumn { path: "科目名称".into(), role: Role::Name },
    ];
    raw.columns.extend(t.paths.iter().map(|p| RawColumn { path: p.clone(), role: Role::Amount }));
    for ((line, page), amounts) in rows.into_iter().zip(cells) {
        let mut row = vec![line.code, line.name];
        row.extend(amounts);
        raw.rows.push(RawRow::new(row, page));
    }
    true
}

/// Whether rows print amounts but none was placed: the columns' arithmetic
/// settles no row (`201 一般公共服务支出 264.87 62.63 202.24` under 本年支出合计
/// and five parts).
fn nothing_placed(rows: &[(Line, u32)], cells: &[Vec<String>]) -> bool {
    let printed = rows.iter().any(|(l, _)| !l.amounts.is_empty());
    printed && cells.iter().flatten().all(|c| no_figure(c))
}

/// Whether the columns are 收入总表's sources under their total, each of
/// [`INCOME_ORDER`] (`合计 财政拨款收入 事业收入 事业单位经营收入 其他收入`):
/// no group's leaves on the next line, a column set the template reader
/// does not know.
fn income_sources(cols: &[(String, bool)]) -> bool {
    let leaf = |p: &str| p.rsplit('/').next().unwrap_or(p).to_string();
    cols.len() > 2
        && cols.first().is_some_and(|(p, total)| *total && leaf(p) == INCOME_ORDER[0])
        && cols.iter().all(|(p, _)| INCOME_ORDER.contains(&leaf(p).as_str()))
}

/// Whether the columns are a 决算 table's: its total is the year's
/// (`本年收入合计 财政拨款收入 上级补助收入 事业收入 经营收入 附属单位上缴收入
/// 其他收入`, `本年支出合计 基本支出 项目支出 上缴上级支出 …`), where a budget's
/// is `合计`. The template reader knows only the budget column sets.
fn final_account_columns(cols: &[(String, bool)]) -> bool {
    cols.first().is_some_and(|(path, total)| *total && path.rsplit('/').next().is_some_and(|p| p.starts_with("本年")))
}

/// Whether the header prints the code column's heading after the amount
/// columns, as a 决算 header comes out of the text, its `功能分类` heading
/// spanning two header rows: `合计 基本支出 项目支出` / `功能分类` /
/// `科目编码 科目名称`. A budget's header opens with it (`功能分类科目编码
/// 功能分类科目名称 合计 …`).
///
/// The columns open with their total, and the heading follows the last of
/// them: `基本支出` / `科目编码 科目名称 合计 小计 人员经费 公用经费 项目支出` is a
/// budget's header with its group heading above.
fn code_headed_after(header: &[&str], cols: &[(String, bool)]) -> bool {
    let text = squeeze(&header.concat());
    let leaf = |p: &str| p.rsplit('/').next().unwrap_or(p).to_string();
    let opens_with_total = cols.first().is_some_and(|(_, total)| *total);
    let last = cols.last().map(|(p, _)| leaf(p));
    match (text.find("科目编码"), last.and_then(|l| text.rfind(&l))) {
        (Some(code), Some(col)) => opens_with_total && code > col,
        _ => false,
    }
}

/// Whether `next` is the rest of `last`'s name, wrapped in its cell: `last`
/// has a code and no amounts, `next` no code and is no total row
/// (`201 03 99 其他政府办公厅（室）及相关机构事` / `务支出 20,120,000.0020,120,000.00`).
fn continues_name(last: &Line, next: &Line) -> bool {
    !last.code.is_empty()
        && last.amounts.is_empty()
        && next.code.is_empty()
        && !next.name.is_empty()
        && after_total_label(&next.name).is_none()
}

/// Whether `next` is the rest of `last`, a row without a code whose name
/// (a unit's) wraps in its cell before its amounts, in a table whose rows
/// print every column (`深圳市生态环境局大鹏管理` / `局 3,469.75 3,085.23 0.00 …`).
fn continues_unit(last: &Line, next: &Line) -> bool {
    last.code.is_empty() && last.amounts.is_empty() && !last.broken && next.code.is_empty() && !next.name.is_empty()
}

/// Whether `next` is the rest of `last`, a row without a code or amounts
/// whose name leaves a bracket open that `next`'s closes: a unit's name
/// wrapped inside its brackets (`深圳市深圳河湾流域管理中心（深圳市治理深圳` /
/// `河办公室） 184,866.34 2,213.08 182,653.26`), in any table.
fn closes_unit(last: &Line, next: &Line) -> bool {
    let open = bracket_net(&last.name);
    continues_unit(last, next) && open > 0 && open + bracket_net(&next.name) == 0
}

/// The columns of a header that names them all on one line, a total first,
/// every word of that line known and no other line naming a column:
/// `科目编码 科目名称 总计 基本支出 项目支出` under `单位：万元`. A header whose
/// group's leaves come on the next line (`合计 基本支出 项目支出` / `小计
/// 人员经费 公用经费`), or after the group on the same line (`合计 基本支出
/// 小计 人员经费 公用经费 项目支出`), is none.
fn one_line_columns(header: &[&str]) -> Option<Vec<(String, bool)>> {
    let vocabulary: Vec<(&str, Word)> = WORDS.iter().chain(WIDE_WORDS).copied().collect();
    let read = |line: &str| {
        let text = header_chars(&[line]);
        let mut taken = vec![false; text.len()];
        let mut found: Vec<(usize, &str, Word)> = Vec::new();
        find_words(&vocabulary, &text, &mut taken, &mut found);
        found.sort_by_key(|(at, _, _)| *at);
        let unread = (0..text.len()).filter(|&i| !taken[i] && !matches!(text[i], '\n' | '\r')).count();
        let cols: Vec<(String, bool)> = found
            .iter()
            .filter_map(|(_, w, k)| match k {
                Word::Column(total) => Some((w.to_string(), *total)),
                _ => None,
            })
            .collect();
        (cols, unread)
    };
    let lines: Vec<(Vec<(String, bool)>, usize)> = header.iter().map(|l| read(&letters_joined(l))).collect();
    let naming: Vec<&(Vec<(String, bool)>, usize)> = lines.iter().filter(|(cols, _)| !cols.is_empty()).collect();
    // A 小计 after the total is a group's own total, the group's name
    // printed before it (a run-on page's `合计基本支出小计人员经费公用经费
    // 项目支出`): the line names a group and its leaves, and is none.
    let subtotal = |cols: &[(String, bool)]| cols[1..].iter().any(|(w, _)| w == "小计");
    match naming[..] {
        [(cols, 0)] if cols.len() >= 2 && cols[0].1 && cols[1..].iter().all(|(_, total)| !total) && !subtotal(cols) => {
            Some(cols.clone())
        }
        _ => None,
    }
}

/// Whether every row of a table read by [`columns_with_unknown`] adds up
/// under its columns: the total (first) column is 基本支出 + 项目支出, or,
/// without those, the sum of the columns after it. A header whose words
/// came out of order (a group's leaves on the next line: `合计 基本支出
/// 项目支出` / `小计 人员经费 公用经费`) fails this and is not read here.
fn rows_add_up(cols: &[(String, bool)], rows: &[(Line, u32)]) -> bool {
    let at = |leaf: &str| cols.iter().position(|(p, _)| p.rsplit('/').next() == Some(leaf));
    let parts: Vec<usize> = match (at("基本支出"), at("项目支出")) {
        (Some(b), Some(p)) => vec![b, p],
        _ => (1..cols.len()).collect(),
    };
    let value = |l: &Line, i: usize| l.amounts.get(i).and_then(|a| amount(a));
    rows.iter().filter(|(l, _)| !l.amounts.is_empty()).all(|(l, _)| {
        let sum: Option<Decimal> = parts.iter().map(|&i| value(l, i)).sum();
        let scale = l.amounts.iter().map(|a| scale_of(a)).max().unwrap_or(0);
        match (sum, value(l, 0)) {
            (Some(sum), Some(total)) => (sum - total).abs() <= rounding(scale, parts.len()),
            _ => false,
        }
    })
}

/// The most a sum of `terms` amounts printed to `scale` decimals may miss
/// its printed total by, each term rounded on its own (a table converted
/// from 元 to 万元: `注：本套报表金额单位转换时可能存在尾数误差`): half a unit of
/// the last place per term.
fn rounding(scale: u32, terms: usize) -> Decimal {
    Decimal::new(5 * terms as i64, scale + 1)
}

/// A line naming the table's unit of amounts, printed again on each page
/// (`部门名称：深圳市生态环境局 单位：万元`).
fn is_unit_line(text: &str) -> bool {
    unit_of_line(text).is_some()
}

/// How many amounts each row prints, when every line that carries amounts
/// carries the same number of them, two or more: a table that prints its
/// blanks as `0.00` (`205 教育支出 132.06 0.00 132.06 0.00 0.00 0.00 0.00
/// 0.00 0.00`), each amount then in its column as printed.
fn full_width(data: &[BodyLine<'_>], scale: u32) -> Option<usize> {
    let mut width = None;
    for l in data.iter().filter(|l| !is_page_number(l.text) && !is_unit_line(l.text)) {
        let n = read_line(l.text, scale)?.amounts.len();
        match width {
            _ if n == 0 => {}
            None => width = Some(n),
            Some(w) if w == n => {}
            Some(_) => return None,
        }
    }
    width.filter(|&w| w >= 2)
}

/// Words of headers that print every column, beyond [`WORDS`]: a total
/// named 总计, the unit's label column, a subtotal over a group.
const WIDE_WORDS: &[(&str, Word)] = &[
    ("总计", Word::Column(true)),
    ("支出总计", Word::Column(true)),
    ("收入总计", Word::Column(true)),
    ("小计", Word::Column(false)),
    ("事业单位经营支出", Word::Column(false)),
    ("预算单位", Word::Label),
    ("单位名称", Word::Label),
    ("单位编码", Word::Label),
];

/// The columns of a header that names some columns in words no vocabulary
/// holds, for rows that print `width` amounts each: the known words as in
/// [`columns`], and each stretch of other words one more column, a stretch
/// that opens with `其中` one of its own. Words above the label columns
/// (`2026 年政府采购项目` over `预算单位 科目编码 …`) head a group, not a
/// column. Taken only when the count is the rows' width, most columns are
/// known words and the first is a total.
///
/// `预算单位 科目编码 科目名称 支出总计 基本支出 项目支出 … 小计` / `其中：2026 年` /
/// `政府采购项目` / `中预留给` / … names nine columns, the last two
/// `其中：2026年政府采购项目中预留给中小企业的项目资金规模` and its like.
fn columns_with_unknown(header: &[&str], width: usize) -> Option<Vec<(String, bool)>> {
    let lines: Vec<String> = header.iter().map(|l| years_joined(l)).collect();
    let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
    let text = header_chars(&refs);
    // Short label words (`项目`, `类`) are parts of the long names here.
    let long_label = |(w, k): &&(&str, Word)| *k != Word::Label || w.chars().count() > 2;
    let vocabulary: Vec<(&str, Word)> = WORDS.iter().chain(WIDE_WORDS).filter(long_label).copied().collect();
    let mut taken = vec![false; text.len()];
    let mut found: Vec<(usize, &str, Word)> = Vec::new();
    find_words(&vocabulary, &text, &mut taken, &mut found);
    let first_label = found.iter().filter(|(_, _, k)| *k == Word::Label).map(|(at, _, _)| *at).min().unwrap_or(0);
    let mut cols: Vec<(usize, String, bool)> = found
        .iter()
        .filter_map(|(at, w, k)| match k {
            Word::Column(total) => Some((*at, w.to_string(), *total)),
            _ => None,
        })
        .collect();
    let known = cols.len();
    let stretches = unread_stretches(&text, &taken);
    // A stretch right before `小计` heads its group (`上缴上级支出` /
    // `2026年政府采购项目` / `小计` / `其中：…`), printed between the columns.
    let heads_subtotal = |at: usize, w: &str| {
        let next_known = cols.iter().filter(|(c, _, _)| *c > at).min_by_key(|(c, _, _)| *c);
        let next_stretch = stretches.iter().map(|(s, _)| *s).filter(|&s| s > at).min();
        !w.starts_with("其中") && next_known.is_some_and(|(c, n, _)| n == "小计" && next_stretch.is_none_or(|s| s > *c))
    };
    let unknown: Vec<(usize, String, bool)> = stretches
        .iter()
        .filter(|(at, w)| *at > first_label && !heads_subtotal(*at, w))
        .map(|(at, w)| (*at, w.clone(), false))
        .collect();
    cols.extend(unknown);
    cols.sort_by_key(|(at, _, _)| *at);
    let fits = cols.len() == width && known * 2 >= width && cols.first().is_some_and(|(_, _, total)| *total);
    fits.then(|| cols.into_iter().map(|(_, w, total)| (w, total)).collect())
}

/// The stretches of header text no known word took, with where each starts:
/// runs over line ends (`\r`), cut at a space between words of a line
/// (`\n`) and before `其中`; a stretch of fewer than two characters is
/// none.
fn unread_stretches(text: &[char], taken: &[bool]) -> Vec<(usize, String)> {
    let mut out: Vec<(usize, String)> = Vec::new();
    let mut open: Option<(usize, String)> = None;
    for (i, &c) in text.iter().enumerate() {
        let cut = taken[i] || c == '\n' || (c != '\r' && text[i..].starts_with(&['其', '中']));
        if cut {
            out.extend(open.take());
        }
        if !taken[i] && !matches!(c, '\n' | '\r') {
            open.get_or_insert_with(|| (i, String::new())).1.push(c);
        }
    }
    out.extend(open);
    out.retain(|(_, w)| w.chars().count() >= 2);
    out
}

/// A header line with its spaced-out names joined: words of one Chinese
/// character each in a row are one word (`科 目 名 称 总 计 基本支出` →
/// `科目名称总计 基本支出`).
fn letters_joined(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut last_single = false;
    for w in line.split_whitespace() {
        let single = w.chars().count() == 1 && !w.is_ascii();
        if !(out.is_empty() || (single && last_single)) {
            out.push(' ');
        }
        out.push_str(w);
        last_single = single;
    }
    out
}

/// A header line with a year's digits joined to their `年`, as printed
/// (`其中：2026 年` → `其中：2026年`).
fn years_joined(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let words: Vec<&str> = line.split_whitespace().collect();
    for (i, w) in words.iter().enumerate() {
        let year_before = i > 0 && words[i - 1].ends_with(|c: char| c.is_ascii_digit()) && w.starts_with('年');
        if i > 0 && !year_before {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// The first data line without the heads of the code's parts the header
/// ends with, printed on the total row's line: `类 款 项 合计 2,946.25
/// 2,940.05 6.20` is the row `合计`.
fn without_code_heads(text: &str) -> &str {
    let mut rest = text.trim_start();
    while let Some(r) = ["类", "款", "项"].iter().find_map(|h| rest.strip_prefix(h).filter(|r| r.starts_with(' '))) {
        rest = r.trim_start();
    }
    rest
}

/// A blank line, or a page number in any of its printed forms (`7`,
/// ` - 14 -`, `— 1 7 —`, `第 5 页`).
pub(crate) fn is_page_number(text: &str) -> bool {
    text.trim().is_empty() || page_number(text).is_some()
}

/// Whether line `i` is a page's running header or footer: next to a page
/// number, it names a year and prints no amount
/// (`苏州市应急管理局 2026 年度部门预算公开` / ` - 18 -`).
pub(crate) fn is_running_line(data: &[BodyLine<'_>], i: usize) -> bool {
    let by_page_number = [i.checked_sub(1), Some(i + 1)]
        .into_iter()
        .flatten()
        .any(|j| data.get(j).is_some_and(|l| is_page_number(l.text) && !l.text.trim().is_empty()));
    let words: Vec<&str> = data[i].text.split_whitespace().collect();
    let year = words.iter().any(|w| holds_a_year(w));
    let no_amount = !words.iter().any(|w| w.contains('.') && amount(w).is_some());
    by_page_number && year && no_amount
}

/// Whether `word` holds a year, alone or after a name run into it
/// (`2026`, `2026年度`, `无锡市交通运输局（本级）2026`): a run of four digits
/// `19..` or `20..`.
fn holds_a_year(word: &str) -> bool {
    let chars: Vec<char> = word.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let run = chars[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        let digits: String = chars[i..i + run].iter().collect();
        if run == 4 && (digits.starts_with("19") || digits.starts_with("20")) {
            return true;
        }
        i += run.max(1);
    }
    false
}

/// A page's running header or footer among a two-sided table's items: a
/// label holding a year (`无锡市教育局（本级）2026 年度单位预算公开`); the
/// items' labels hold no digits but a list ordinal.
fn is_running_head(items: &[(String, Vec<String>)]) -> bool {
    items.iter().any(|(l, _)| split_ordinal(l).1.bytes().filter(u8::is_ascii_digit).count() >= 4)
}

/// What the rows' arithmetic says beyond each row: the total row's cells
/// where known, and the groups of a parent row and its children.
struct Sums {
    known: Option<(usize, Vec<Option<Decimal>>)>,
    groups: Vec<(usize, Vec<usize>)>,
    /// Per row, the most each column may hold.
    bounds: Vec<Vec<Option<Decimal>>>,
    /// Per row, the least each column holds.
    floors: Vec<Vec<Option<Decimal>>>,
}

/// Each row's cells in the template's columns.
fn placed(
    raw: &RawTable,
    rows: &[(Line, u32)],
    sums: &Sums,
    around: &Around<'_>,
    findings: &mut Vec<Finding>,
) -> Vec<Vec<String>> {
    let t = around.template;
    let n = t.paths.len();
    let mut readings: Vec<Option<Readings>> = rows
        .iter()
        .map(|(l, _)| match l.amounts.len() {
            0 => Some(vec![vec![String::new(); n]]),
            k if k == n => Some(vec![l.amounts.clone()]),
            k if k > n => None,
            _ => readings_of(t, &l.amounts).filter(|r| !r.is_empty()),
        })
        .collect();
    for ((found, bound), floor) in readings.iter_mut().zip(&sums.bounds).zip(&sums.floors) {
        narrow_within(found, bound, floor);
    }
    if let Some((total, known)) = &sums.known {
        narrow_by_known(&mut readings[*total], known);
        narrow_by_fund_spending(&mut readings[*total], around);
        narrow_by_project_funds(&mut readings[*total], around);
        narrow_within_total(&mut readings, *total);
    }
    narrow_by_hierarchy(&mut readings, &sums.groups);
    let named: Vec<(Option<&str>, &str)> = rows.iter().map(|(l, _)| (Some(l.code.as_str()), l.name.as_str())).collect();
    if narrow_by_economic_class(raw.title.key, &mut readings, &named, t) {
        narrow_by_hierarchy(&mut readings, &sums.groups);
    }
    rows.iter()
        .zip(readings)
        .map(|((l, page), found)| match found {
            Some(found) if found.len() == 1 => found.into_iter().next().unwrap_or_default(),
            Some(found) if all_zero(&l.amounts) => leftmost(found),
            Some(found) => {
                findings.push(finding(raw, *page, &l.name, &l.amounts, "fit the columns' sums in several ways"));
                agreed(t, &found)
            }
            None => {
                findings.push(finding(raw, *page, &l.name, &l.amounts, "fit the columns in no way"));
                vec![UNREAD.to_string(); n]
            }
        })
        .collect()
}

/// Whether every amount a row prints is zero (`0.00`): each reading then
/// gives each of its cells the same figure, zero (a blank is zero).
fn all_zero(amounts: &[String]) -> bool {
    !amounts.is_empty() && amounts.iter().all(|a| amount(a).is_some_and(|v| v.is_zero()))
}

/// Of readings that give every cell the same figure (a row of zeros), the
/// one printing its amounts in the first columns they may be in (`0.00`
/// under 合计, its parts blank, as a total column is printed). Which cells
/// show `0.00` and which are blank is all it decides; no figure changes.
fn leftmost(found: Readings) -> Vec<String> {
    let printed =
        |r: &Vec<String>| r.iter().enumerate().filter(|(_, c)| !c.is_empty()).map(|(i, _)| i).collect::<Vec<_>>();
    found.into_iter().min_by_key(printed).unwrap_or_default()
}

fn finding(raw: &RawTable, page: u32, name: &str, amounts: &[String], what: &str) -> Finding {
    let message = format!("row `{name}`: amounts {} {what}; cells in doubt left unread", amounts.join(" "));
    Finding { page, table: raw.title.key.as_str().into(), message }
}

/// The total row (`合计`, `总计`, no code), when there is exactly one.
fn total_row(lines: &[&Line]) -> Option<usize> {
    let totals: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].code.is_empty() && after_total_label(&lines[i].name).is_some_and(str::is_empty))
        .collect();
    match totals[..] {
        [total] => Some(total),
        _ => None,
    }
}

/// The parent of each coded row and its children; the total row over the
/// rows without a parent.
fn hierarchy(lines: &[&Line]) -> Vec<(usize, Vec<usize>)> {
    let code = |i: usize| Some(lines[i].code.as_str()).filter(|c| !c.is_empty());
    let unique = |c: &str| lines.iter().filter(|l| l.code == c).count() == 1;
    let mut groups: Vec<(usize, Vec<usize>)> = Vec::new();
    let mut top = Vec::new();
    for i in 0..lines.len() {
        let Some(c) = code(i) else { continue };
        let parent = (0..lines.len())
            .filter(|&j| code(j).is_some_and(|p| p.len() < c.len() && c.starts_with(p)))
            .max_by_key(|&j| lines[j].code.len());
        match parent {
            Some(p) if unique(c) && unique(&lines[p].code) => match groups.iter_mut().find(|(g, _)| *g == p) {
                Some((_, children)) => children.push(i),
                None => groups.push((p, vec![i])),
            },
            Some(_) => {}
            None => top.push(i),
        }
    }
    if let Some(total) = total_row(lines) {
        if !top.is_empty() && top.iter().all(|&i| unique(&lines[i].code)) {
            groups.push((total, top));
        }
    }
    // A row that could not be read may be a child of a group around it:
    // of any, when it shows no code parts; else of a group one level up.
    let broken: Vec<usize> = (0..lines.len()).filter(|&i| lines[i].broken).collect();
    groups.retain(|(p, children)| {
        let level = match lines[*p].code.len() {
            0 => 1,
            3 => 2,
            _ => 3,
        };
        let (first, last) = (children.iter().chain([p]).min(), children.iter().chain([p]).max());
        !broken.iter().any(|&b| {
            let around = first.is_some_and(|&f| f < b) && last.is_some_and(|&l| b <= l + 1);
            around && (lines[b].parts == 0 || lines[b].parts == level)
        })
    });
    groups
}

/// Words of a two-sided table's header: `项目` opening each side, and the
/// sides' column names (`一般公共预算` / `财` / `政拨款` is 一般公共预算财政拨款).
const SIDE_WORDS: &[(&str, Word)] = &[
    ("项目", Word::Label),
    ("预算数", Word::Column(false)),
    ("决算数", Word::Column(false)),
    // `项目 行次 金额`: a 决算's amount column.
    ("金额", Word::Column(false)),
    ("合计", Word::Column(true)),
    // `项目 预算数 项目 总计 一般公共预算 政府性基金` / `预算 国有资本经营` / `预算`.
    ("总计", Word::Column(true)),
    ("一般公共预算", Word::Column(false)),
    ("政府性基金预算", Word::Column(false)),
    ("国有资本经营预算", Word::Column(false)),
    ("一般公共预算财政拨款", Word::Column(false)),
    ("政府性基金预算财政拨款", Word::Column(false)),
    ("国有资本经营预算财政拨款", Word::Column(false)),
    ("基本支出", Word::Column(false)),
    ("项目支出", Word::Column(false)),
    ("人员经费", Word::Column(false)),
    ("公用经费", Word::Column(false)),
    // The sides' headings (`本年收入 本年支出`), over them: no column.
    ("本年收入", Word::Label),
    ("本年支出", Word::Label),
];

/// The amount columns of each side of a two-sided table's header, when
/// each side opens with `项目` and names only known columns, the income side
/// one. A heading over the expense side's columns (`预算数`) is dropped,
/// and a column whose parts are printed under it stands for its parts:
/// `项目 预算数 项目` / `预算数` / `合计 基本支出 项目支出` / `人员经费 公用经费` is
/// 预算数 | 合计, 人员经费, 公用经费, 项目支出.
fn side_columns(header: &[&str]) -> Option<(String, Vec<String>)> {
    // `项    目 预算数`: a name spaced out over its cell is one word.
    let joined: Vec<String> = header.iter().map(|l| letters_joined(l)).collect();
    let joined: Vec<&str> = joined.iter().map(String::as_str).collect();
    let text = header_chars(&joined);
    let mut taken = vec![false; text.len()];
    let mut found: Vec<(usize, &str, Word)> = Vec::new();
    find_words(SIDE_WORDS, &text, &mut taken, &mut found);
    found.sort_by_key(|(at, _, _)| *at);
    let sides: Vec<usize> = (0..found.len()).filter(|&i| found[i].1 == "项目").collect();
    let [income_at, expense_at] = sides[..] else { return None };
    // Words before the first `项目` head the sides (`财政拨款收入 财政拨款支出`).
    let unread = (found[income_at].0..text.len()).filter(|&i| !taken[i] && !matches!(text[i], '\n' | '\r')).count();
    if unread > MAX_UNREAD {
        return None;
    }
    let side = |from: usize, to: usize| {
        found[from + 1..to]
            .iter()
            .filter(|(_, _, k)| *k != Word::Label)
            .map(|(_, w, _)| w.to_string())
            .collect::<Vec<_>>()
    };
    let income = side(income_at, expense_at);
    let (income, mut expense) = match &income[..] {
        [income] => (income.clone(), side(expense_at, found.len())),
        _ => sides_by_kind(&found)?,
    };
    if expense.len() > 1 {
        expense.retain(|w| w != "预算数" && w != "决算数");
    }
    // `基本支出项目 预算数 项目 合计 项目支出` / `人员经费 公用经费`: the
    // heading printed run into the income side's `项目` is the expense
    // side's all the same (no income column is named so), before 项目支出
    // as in every template.
    let basic_apart = found[..income_at].iter().any(|(_, w, _)| *w == "基本支出");
    if basic_apart && !expense.iter().any(|w| w == "基本支出") {
        if let Some(at) = expense.iter().position(|w| w == "项目支出") {
            expense.insert(at, "基本支出".to_string());
        }
    }
    // Its parts take 基本支出's place, wherever the text printed them (found
    // before it, they move the place it is found at).
    if expense.iter().any(|w| w == "人员经费") && expense.iter().any(|w| w == "公用经费") {
        let parts = |w: &String| w == "人员经费" || w == "公用经费";
        if let Some(at) = expense.iter().filter(|w| !parts(w)).position(|w| w == "基本支出") {
            expense.retain(|w| !parts(w));
            expense.splice(at..=at, ["人员经费".to_string(), "公用经费".to_string()]);
        }
    }
    (!expense.is_empty()).then_some((income, expense))
}

/// The expense side's columns in the order every template prints them.
const EXPENSE_ORDER: [&str; 5] = ["合计", "基本支出", "人员经费", "公用经费", "项目支出"];

/// The sides told by their words where the text's order of the header
/// lines does not tell them (`预算数 项目 合计 项目支出` / `预算数` /
/// `基本支出项目` / `人员经费 公用经费`, the income side's `项目` printed among
/// the expense side's columns): the income side prints one amount
/// (预算数 or 决算数), the expense side 合计 and its parts, in the order
/// every template prints them (基本支出 before 项目支出, 人员经费 before
/// 公用经费). `None` where another column is named or no 合计.
fn sides_by_kind(found: &[(usize, &str, Word)]) -> Option<(String, Vec<String>)> {
    let words: Vec<&str> = found.iter().filter(|(_, _, k)| *k != Word::Label).map(|(_, w, _)| *w).collect();
    let income = ["预算数", "决算数"].into_iter().find(|w| words.contains(w))?;
    if words.iter().any(|w| *w != income && !EXPENSE_ORDER.contains(w)) || !words.contains(&"合计") {
        return None;
    }
    let expense: Vec<String> = EXPENSE_ORDER.iter().filter(|w| words.contains(w)).map(|w| w.to_string()).collect();
    (expense.len() > 1).then(|| (income.to_string(), expense))
}

/// The items of a two-sided table's line: each a label and the amounts
/// after it. Labels hold no space; an amount run into the next label is
/// split from it.
///
/// `一、财政拨款收入 91,016,775.35一、一般公共服务支出 82,096,797.42` is
/// (`一、财政拨款收入`, 91,016,775.35) and (`一、一般公共服务支出`, 82,096,797.42).
fn side_items(text: &str, scale: u32) -> Option<Vec<(String, Vec<String>)>> {
    let mut items: Vec<(String, Vec<String>)> = Vec::new();
    for word in text.split_whitespace() {
        let (number, label) = split_glued(word, scale);
        if !number.is_empty() {
            let amounts = split_amounts(number, scale)?;
            match items.last_mut() {
                Some((_, a)) => a.extend(amounts),
                None => items.push((String::new(), amounts)),
            }
        }
        if label.is_empty() {
            continue;
        }
        // Each word is an item's label but for a list ordinal printed apart
        // (`1. 一般公共预算资金`).
        match items.last_mut() {
            Some((l, a)) if a.is_empty() && !l.is_empty() && split_ordinal(l).1.is_empty() => l.push_str(label),
            _ => items.push((label.to_string(), Vec::new())),
        }
    }
    Some(items)
}

/// A word's amount and the label run into it (`91,016,775.35一、一般…`); a
/// list ordinal (`1.`, `2、一般公共预算`) is label, and so is a number of one
/// or two digits run into an ordinal (`1（一）一般公共预算资金`, an item
/// numbered twice).
fn split_glued(word: &str, scale: u32) -> (&str, &str) {
    let end = word.find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.' || c == '-')).unwrap_or(word.len());
    let (number, rest) = word.split_at(end);
    let ordinal = number.len() <= 3 && (number.ends_with('.') || rest.starts_with(['、', '．']));
    let numbered = without_number(word).len() < word.len();
    if number.is_empty() || ordinal || numbered || split_amounts(number, scale).is_none() {
        return ("", word);
    }
    (number, rest)
}

/// Whether `label` is an item's label cut at the line's end: not ending as
/// the items do (`四、文化旅游体育与传媒` / `支出 200,000  200,000`; `三、国有资本经营预算拨款收` / `入`).
/// A 决算 table's fund items end in `拨款` (`三、国有资本经营预算财政拨款`).
fn is_cut(label: &str) -> bool {
    !["支出", "收入", "计", "余", "金", "算", "配", "拨款"].iter().any(|w| label.ends_with(w))
}

/// Whether a label is an expense item (`…支出`, `支出总计`).
fn is_expense(label: &str) -> bool {
    let s = squeeze(label);
    s.ends_with("支出") || s.contains("支出总计") || s.contains("支出合计")
}

/// The income and expense items of each line, with a wrapped label
/// (`四、文化旅游体育与传媒` / `支出 200,000  200,000`) joined.
type SideRow = (Option<(String, Vec<String>)>, Option<(String, Vec<String>)>, u32);

fn side_rows(data: &[BodyLine<'_>], scale: u32) -> Option<Vec<SideRow>> {
    let mut rows: Vec<SideRow> = Vec::new();
    for (i, l) in data.iter().enumerate().filter(|(_, l)| !is_page_number(l.text)) {
        let mut items = side_items(l.text, scale)?;
        // The year of a running line apart from its name
        // (`无锡市统计局 2026 年度部门预算公开`) reads as an amount.
        if is_running_head(&items) || is_running_line(data, i) {
            continue;
        }
        if let (Some(first), Some(last)) = (items.first(), rows.last_mut()) {
            // A piece of one or two characters (`支出`, `款`) ends any label;
            // a total label (`总计`) is an item of its own (`年初结转和结余
            // 年末结转和结余` / `总计 307.82 总计 307.82`).
            let short = first.0.chars().count() <= 2 && after_total_label(&first.0).is_none();
            let open = |side: &mut Option<(String, Vec<String>)>| {
                side.as_mut().filter(|(l, a)| a.is_empty() && (short || is_cut(l))).is_some()
            };
            let wrapped = !first.0.is_empty() && split_ordinal(&first.0).0.is_empty();
            if wrapped && (open(&mut last.1) || (last.1.is_none() && open(&mut last.0))) {
                let (label, amounts) = items.remove(0);
                let side = if last.1.is_some() { &mut last.1 } else { &mut last.0 };
                if let Some((l, a)) = side.as_mut() {
                    l.push_str(&label);
                    *a = amounts;
                }
            }
        }
        let row = match items.len() {
            0 => continue,
            1 if is_expense(&items[0].0) => (None, items.pop(), l.page),
            1 => (items.pop(), None, l.page),
            2 => {
                let expense = items.pop();
                (items.pop(), expense, l.page)
            }
            _ => return None,
        };
        rows.push(row);
    }
    // A label cut at the line's end is known for an expense once joined
    // (`七、文化旅游体育与传媒支` / `出`).
    for row in rows.iter_mut().filter(|r| r.1.is_none() && r.0.as_ref().is_some_and(|(l, _)| is_expense(l))) {
        row.1 = row.0.take();
    }
    Some(rows)
}

/// Reads a two-sided table printed one line per row under a header of
/// known words (`项目 预算数 项目 合计 一般公共预算 政府性基金预算
/// 国有资本经营预算`); returns `false` for any other. `others` are the
/// document's tables printed before and after it.
pub(crate) fn read_two_sided(
    raw: &mut RawTable,
    body: &[BodyLine<'_>],
    others: (&[Table], &[Table]),
    findings: &mut Vec<Finding>,
) -> bool {
    // The items start at the first line opening with an ordinal (`一、一般公共预算资金 164,978,640 …`),
    // or with a line number before one (`4 四、教育支出 29 0.00`).
    let opens = |l: &BodyLine<'_>| {
        let mut words = l.text.split_whitespace().skip_while(|w| is_line_number(w));
        words.next().is_some_and(|w| !split_ordinal(w).0.is_empty())
    };
    let Some(start) = body.iter().position(opens) else { return false };
    let header: Vec<&str> = body[..start].iter().map(|l| l.text).collect();
    let texts: Vec<&str> = body[start..].iter().map(|l| l.text).collect();
    let numbered = header.iter().any(|l| squeeze(l).contains("行次"));
    if numbered && usual_scale(&texts) == 0 {
        // Line numbers are told from amounts by their decimals.
        return false;
    }
    // The header printed again on a later page, with the page's unit line
    // and caption (`部门：… 金额单位：万元`), is no row.
    let header_again: Vec<String> = header.iter().map(|l| squeeze(l)).collect();
    let again =
        |t: &str| header_again.contains(&squeeze(t)) || is_unit_line(t) || crate::meta::caption_label(t).is_some();
    let rest: Vec<&BodyLine<'_>> =
        body[start..].iter().filter(|l| is_page_number(l.text) || !(numbered && again(l.text))).collect();
    let unnumbered: Vec<String> = rest.iter().map(|l| without_line_numbers(l.text, numbered)).collect();
    let data: Vec<BodyLine<'_>> = rest.iter().zip(&unnumbered).map(|(l, text)| BodyLine { text, ..**l }).collect();
    let data = &data[..];
    let header: Vec<String> = header
        .iter()
        .filter(|l| !(numbered && l.split_whitespace().next() == Some("栏次")))
        .map(|l| if numbered { l.replace("行次", "") } else { l.to_string() })
        .collect();
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let Some((income, expense)) = side_columns(&header) else { return false };
    let texts: Vec<&str> = data.iter().map(|l| l.text).collect();
    let Some(rows) = side_rows(data, usual_scale(&texts)) else { return false };
    // An item of more than one income amount, or amounts opening a line
    // (text that prints a cell a line), is not this layout.
    let unnamed =
        |side: &Option<(String, Vec<String>)>| side.as_ref().is_some_and(|(l, a)| l.is_empty() && !a.is_empty());
    if rows.iter().any(|(i, e, _)| i.as_ref().is_some_and(|(_, a)| a.len() > 1) || unnamed(i) || unnamed(e)) {
        return false;
    }
    let cols: Vec<(String, bool)> =
        expense.iter().enumerate().map(|(i, w)| (w.clone(), i == 0 && (w == "合计" || w == "总计"))).collect();
    let t = template(&cols);
    let lines: Vec<(Line, u32)> = rows
        .iter()
        .map(|(_, e, page)| {
            let (name, amounts) = e.clone().unwrap_or_default();
            (Line { code: String::new(), name, amounts, broken: false, parts: 0 }, *page)
        })
        .collect();
    let groups = expense_groups(&lines);
    // The items of this year's income: those before its total.
    let incomes: Vec<(String, Option<&String>)> = rows
        .iter()
        .filter_map(|(i, _, _)| i.as_ref())
        .map(|(l, a)| (squeeze(split_ordinal(without_number(l)).1), a.first()))
        .take_while(|(l, _)| !l.contains("合计") && !l.contains("总计"))
        .collect();
    // What the income side says of the expense total, else what 支出总表
    // says where its 合计 is the one printed there.
    let known = groups.first().map(|(total, _)| {
        let by_income = known_by_income(&expense, &incomes);
        let printed = lines[*total].0.amounts.first().and_then(|a| amount(a));
        let by_summary = known_by_expense_summary(&expense, others);
        let same_total = expense.iter().zip(&by_summary).any(|(c, k)| is_total_word(c) && *k == printed);
        if by_income.iter().all(Option::is_none) && printed.is_some() && same_total {
            (*total, by_summary)
        } else {
            (*total, by_income)
        }
    });
    let sums = Sums { known, groups, bounds: Vec::new(), floors: Vec::new() };
    let around = Around { key: raw.title.key, template: &t, unit: raw.unit.as_deref(), tables: others };
    let cells = placed(raw, &lines, &sums, &around, findings);
    let numbers = if numbered { item_line_numbers(&rows, &rest) } else { Vec::new() };
    let kept = numbers.iter().any(|(i, e)| i.is_some() || e.is_some());
    let number_column = |side: &str| kept.then(|| RawColumn { path: format!("{side}/行次"), role: Role::LineNo });
    raw.columns = [RawColumn { path: "收入/项目".into(), role: Role::Name }]
        .into_iter()
        .chain(number_column("收入"))
        .chain([
            RawColumn { path: format!("收入/{income}"), role: Role::Amount },
            RawColumn { path: "支出/项目".into(), role: Role::Name },
        ])
        .chain(number_column("支出"))
        .collect();
    raw.columns.extend(expense.iter().map(|p| RawColumn { path: format!("支出/{p}"), role: Role::Amount }));
    for (k, ((i, _, page), (line, _))) in rows.into_iter().zip(&lines).enumerate() {
        let (name, amounts) = i.unwrap_or_default();
        let (income_no, expense_no) = numbers.get(k).cloned().unwrap_or_default();
        let mut row = vec![name];
        row.extend(kept.then(|| income_no.unwrap_or_default()));
        row.extend([amounts.into_iter().next().unwrap_or_default(), line.name.clone()]);
        row.extend(kept.then(|| expense_no.unwrap_or_default()));
        row.extend(cells[raw.rows.len()].iter().cloned());
        raw.rows.push(RawRow::new(row, page));
    }
    true
}

/// Each side item's 行次, where the header prints one on each side: the
/// number right after a piece of the item's label (`一、一般公共预算财政拨款收入
/// 1 2,561.90 一、一般公共服务支出 26`). The numbers are taken in reading
/// order, the items' labels too; a number opening its line (`9
/// 九、节能环保支出 34`) numbers an item the side leaves blank. Where a
/// number's word is not in the next item's label, no later item gets one.
fn item_line_numbers(rows: &[SideRow], lines: &[&BodyLine<'_>]) -> Vec<(Option<String>, Option<String>)> {
    let mut numbers = lines.iter().filter(|l| !is_page_number(l.text)).flat_map(|l| {
        let words: Vec<&str> = l.text.split_whitespace().collect();
        (1..words.len())
            .filter(|&i| numbers_its_item(&words, i))
            .map(|i| (squeeze(words[i - 1]), words[i].to_string()))
            .collect::<Vec<_>>()
    });
    let mut next = numbers.next();
    let mut take = |side: &Option<(String, Vec<String>)>| {
        let (label, _) = side.as_ref()?;
        let (word, number) = next.take()?;
        if word.is_empty() || !squeeze(label).contains(word.as_str()) {
            return None;
        }
        next = numbers.next();
        Some(number)
    };
    rows.iter().map(|(i, e, _)| (take(i), take(e))).collect()
}

/// The line without its line numbers where the header prints a 行次
/// column on each side (`numbered`): a number of one to four digits
/// ([`is_line_number`]) opening the line or following an item's label (`一、一般公共预算财政拨款 1
/// 2,761.47 一、一般公共服务支出 26 0.00`, `4 四、教育支出 29 0.00`). The
/// amounts carry decimals, so no amount is taken for one.
/// A page number's line is as it is.
fn without_line_numbers(text: &str, numbered: bool) -> String {
    if !numbered || is_page_number(text) {
        return text.to_string();
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    let kept: Vec<&str> = (0..words.len()).filter(|&i| !numbers_its_item(&words, i)).map(|i| words[i]).collect();
    kept.join(" ")
}

/// Whether word `i` of a line's `words` is a line number where the header
/// prints 行次: a number of one to three digits opening the line or
/// following an item's label, not an amount.
fn numbers_its_item(words: &[&str], i: usize) -> bool {
    is_line_number(words[i]) && (i == 0 || !words[i - 1].starts_with(|c: char| c.is_ascii_digit()))
}

/// A label without a number of one or two digits run into its ordinal
/// (`1（一）一般公共预算资金` is `（一）一般公共预算资金`, an item numbered
/// twice).
fn without_number(label: &str) -> &str {
    let rest = label.trim_start_matches(|c: char| c.is_ascii_digit());
    let digits = label.len() - rest.len();
    if (1..=2).contains(&digits) && !split_ordinal(rest).0.is_empty() {
        rest
    } else {
        label
    }
}

/// What the income side says the expense total holds in each fund column:
/// the income item of the same fund (a blank item is zero). `一、一般公共预算资金
/// 91,016,775.35` / `二、政府性基金` puts 91,016,775.35 under 一般公共预算 and
/// zero under 政府性基金预算. A fund with items in several parts (this
/// year's `（二）政府性基金预算资金` and the carried-over `（二）政府性基金预算拨款`)
/// is known only where they are all blank: zero.
fn known_by_income(columns: &[String], incomes: &[(String, Option<&String>)]) -> Vec<Option<Decimal>> {
    columns
        .iter()
        .map(|c| {
            let same = |n: &String| n.len() >= 6 && (n.starts_with(c.as_str()) || c.starts_with(n.as_str()));
            let found: Vec<Option<Decimal>> =
                incomes.iter().filter(|(n, _)| same(n)).map(|(_, a)| a.and_then(|a| amount(a))).collect();
            match found[..] {
                [a] => Some(a.unwrap_or_default()),
                [_, _, ..] if found.iter().all(|a| a.is_none_or(|a| a.is_zero())) => Some(Decimal::ZERO),
                _ => None,
            }
        })
        .collect()
}

/// What 部门支出总表's total row says of the expense columns a two-sided
/// table prints by use (`合计 基本支出 项目支出`, nat_016's `一、一般公共服务支出
/// 1,200,000 1,200,000`): each column's figure there, the column found by
/// its name. Its 合计 comes with them, so a 支出总计 of another figure (a
/// balance carried to next year) agrees with none of it. Nothing where
/// 支出总表 is not read, or its total row's 合计 is not.
fn known_by_expense_summary(columns: &[String], (earlier, later): (&[Table], &[Table])) -> Vec<Option<Decimal>> {
    let names: Vec<&str> = columns.iter().map(String::as_str).collect();
    match earlier.iter().chain(later).find(|t| t.key == TableKey::ExpenseSummary) {
        Some(summary) => total_row_figures(summary, &names),
        None => vec![None; names.len()],
    }
}

/// The sums among the expense items before the first expense total
/// (`支出总计`, `本年支出合计`), when each opens with an ordinal: the total
/// over the top items (`一、一般公共服务支出`), a top item over the items
/// under it (`一、本年支出` over `（一）一般公共服务支出`, …); and a `总计`
/// after the total over it and the items between.
fn expense_groups(lines: &[(Line, u32)]) -> Vec<(usize, Vec<usize>)> {
    let named: Vec<usize> = (0..lines.len()).filter(|&i| !lines[i].0.name.is_empty()).collect();
    let is_total = |i: &usize| ["支出总计", "支出合计"].iter().any(|w| squeeze(&lines[*i].0.name).contains(w));
    let Some(total) = named.iter().copied().find(is_total) else { return Vec::new() };
    let items: Vec<usize> = named.into_iter().filter(|&i| i < total).collect();
    let levels: Vec<Option<u8>> = items.iter().map(|&i| ordinal_level(&lines[i].0.name)).collect();
    if items.is_empty() || levels.iter().any(Option::is_none) {
        return Vec::new();
    }
    let mut groups: Vec<(usize, Vec<usize>)> = Vec::new();
    let mut top = Vec::new();
    for (k, &i) in items.iter().enumerate() {
        if levels[k] == Some(1) {
            top.push(i);
            let children: Vec<usize> =
                (k + 1..items.len()).take_while(|&j| levels[j] == Some(2)).map(|j| items[j]).collect();
            if !children.is_empty() {
                groups.push((i, children));
            }
        }
    }
    if levels[0] != Some(1) {
        return Vec::new();
    }
    groups.push((total, top));
    // `总计` = this year's total and what follows it (`年末结转和结余`).
    let end = (total + 1..lines.len()).find(|&i| squeeze(&lines[i].0.name) == "总计");
    if let Some(end) = end {
        let mut parts = vec![total];
        parts.extend((total + 1..end).filter(|&i| !lines[i].0.name.is_empty()));
        groups.push((end, parts));
    }
    groups
}

/// The level of a list ordinal: 1 for `一、`, 2 for `（一）`; `None` for
/// none or another.
fn ordinal_level(label: &str) -> Option<u8> {
    let (o, _) = split_ordinal(label);
    if o.ends_with('、') && !o.starts_with(|c: char| c.is_ascii_digit()) {
        Some(1)
    } else if o.starts_with(['（', '(']) {
        Some(2)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Body lines of one page.
    fn body_lines<'a>(texts: &[&'a str]) -> Vec<BodyLine<'a>> {
        texts.iter().map(|t| BodyLine { text: t, page: 1, after_blank: false, opens_right: false }).collect()
    }

    #[test]
    fn headers_name_their_columns() {
        let cases: &[(&[&str], &[&str])] = &[
            (
                &[
                    "项目 收入预算",
                    "功能分类科目编码 功能分类科目名称 合计 财政拨款收入 事业收入 事业单位",
                    "经营收入 其他收入",
                    "类 款 项",
                ],
                &[
                    "收入预算/合计",
                    "收入预算/财政拨款收入",
                    "收入预算/事业收入",
                    "收入预算/事业单位经营收入",
                    "收入预算/其他收入",
                ],
            ),
            (
                &["项目 一般公共预算支出", "功能分类科目编码 功能分类科目名称 合计 基本支出 项目支出", "类 款 项"],
                &["一般公共预算支出/合计", "一般公共预算支出/基本支出", "一般公共预算支出/项目支出"],
            ),
            (
                &[
                    "项目 一般公共预算基本支出",
                    "部门预算经济分类科目",
                    "编码 经济分类科目名称 合计 人员经费 公用经费",
                    "类 款",
                ],
                &["一般公共预算基本支出/合计", "一般公共预算基本支出/人员经费", "一般公共预算基本支出/公用经费"],
            ),
            // 决算: the heading over code and name run into the last
            // column's name, a name wrapped from its cell's start.
            (
                &[
                    "项目",
                    " 本年收入合计 财政拨款收入 上级补助收入 事业收入 经营收入 附属单位",
                    "上缴收入 其他收入功能分类",
                    "科目编码 科目名称",
                ],
                &[
                    "本年收入合计",
                    "财政拨款收入",
                    "上级补助收入",
                    "事业收入",
                    "经营收入",
                    "附属单位上缴收入",
                    "其他收入",
                ],
            ),
            (
                &[
                    "项目",
                    " 本年支出合计 基本支出 项目支出 上缴上级支出 经营支出 对附属单位补",
                    "助支出功能分类",
                    "科目编码 科目名称",
                ],
                &["本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"],
            ),
        ];
        for (header, want) in cases {
            let got: Vec<String> = columns(header).expect("columns").into_iter().map(|(p, _)| p).collect();
            assert_eq!(got, *want, "{header:?}");
        }
        assert_eq!(columns(&["项目 合计 本年拨款 财政拨款结转结余"]), None);
    }

    /// Whole codes over several columns are read here only under a 决算
    /// header, whose total is the year's.
    #[test]
    fn final_account_column_sets_are_told_by_their_total() {
        let cols = |names: &[&str]| -> Vec<(String, bool)> {
            names.iter().enumerate().map(|(i, n)| (n.to_string(), i == 0)).collect()
        };
        let cases: [(&[&str], bool); 4] = [
            (&["本年收入合计", "财政拨款收入", "其他收入"], true),
            (&["本年支出合计", "基本支出", "项目支出"], true),
            (&["合计", "基本支出", "项目支出"], false),
            (&["一般公共预算支出/合计", "一般公共预算支出/基本支出"], false),
        ];
        for (names, want) in cases {
            assert_eq!(final_account_columns(&cols(names)), want, "{names:?}");
        }
    }

    #[test]
    fn a_code_heading_after_the_columns_is_told() {
        let cols = |names: &[&str]| -> Vec<(String, bool)> {
            names.iter().enumerate().map(|(i, n)| (n.to_string(), i == 0)).collect()
        };
        let cases: [(&[&str], &[&str], bool); 4] = [
            (
                &["基本支出", "科目编码 科目名称 合计 小计 人员经费 公用经费 项目支出"],
                &["基本支出", "合计", "小计", "人员经费", "公用经费", "项目支出"],
                false,
            ),
            (
                &["项目", "合计 基本支出 项目支出", "功能分类", "科目编码 科目名称"],
                &["合计", "基本支出", "项目支出"],
                true,
            ),
            (
                &["项目 一般公共预算支出", "功能分类科目编码 功能分类科目名称 合计 基本支出 项目支出"],
                &["一般公共预算支出/合计", "一般公共预算支出/基本支出"],
                false,
            ),
            (&["项目 合计 基本支出"], &["合计", "基本支出"], false),
        ];
        for (header, names, want) in cases {
            assert_eq!(code_headed_after(header, &cols(names)), want, "{header:?}");
        }
    }

    #[test]
    fn lines_are_rows() {
        let cases: &[(&str, &str, &str, &[&str])] = &[
            (
                "201 03 01 行政运行 12,029,501.8412,029,501.84",
                "2010301",
                "行政运行",
                &["12,029,501.84", "12,029,501.84"],
            ),
            (
                "208 05 行政事业单位养老支出 4,213,779.28 4,213,779.28",
                "20805",
                "行政事业单位养老支出",
                &["4,213,779.28", "4,213,779.28"],
            ),
            ("301 02 津贴补贴 9,572,367.00 9,572,367.00", "30102", "津贴补贴", &["9,572,367.00", "9,572,367.00"]),
            (
                "合计 91,016,775.35 24,606,775.35 66,410,000.00",
                "",
                "合计",
                &["91,016,775.35", "24,606,775.35", "66,410,000.00"],
            ),
        ];
        for (text, code, name, amounts) in cases {
            let got = read_line(text, 2).expect(text);
            assert_eq!((got.code.as_str(), got.name.as_str()), (*code, *name), "{text}");
            assert_eq!(got.amounts, *amounts, "{text}");
        }
        assert_eq!(read_line("201 一般公共服务支出 82,096,797.4 行", 2), None);
    }

    #[test]
    fn year_digits_join_their_year() {
        assert_eq!(years_joined("其中：2026 年"), "其中：2026年");
        assert_eq!(years_joined("小计 2026 年预算"), "小计 2026年预算");
        assert_eq!(years_joined("合计 基本支出"), "合计 基本支出");
    }

    #[test]
    fn unread_words_are_cut_at_spaces_and_before_of_which() {
        let text = header_chars(&["甲乙 其中：丙丁", "戊己"]);
        let taken = vec![false; text.len()];
        let got: Vec<String> = unread_stretches(&text, &taken).into_iter().map(|(_, w)| w).collect();
        assert_eq!(got, ["甲乙", "其中：丙丁戊己"]);
    }

    /// A heading printed between the columns, right before the `小计` of
    /// its group, heads the group; a `其中` stretch under it is a column.
    #[test]
    fn a_stretch_before_a_subtotal_heads_its_group() {
        let header = [
            "预算单位 科目编码 科目名称 支出总计 基本支出 项目支出 事业单位",
            "经营支出",
            "对附属单位",
            "补助支出 上缴上级支出",
            "2026年政府采购项目",
            "小计",
            "其中：2026年",
            "政府采购项目",
            "中预留给",
            "中小企业的项",
            "目资金规模",
        ];
        let cols = columns_with_unknown(&header, 8).expect("columns");
        let names: Vec<&str> = cols.iter().map(|(p, _)| p.as_str()).collect();
        let want = [
            "支出总计",
            "基本支出",
            "项目支出",
            "事业单位经营支出",
            "对附属单位补助支出",
            "上缴上级支出",
            "小计",
            "其中：2026年政府采购项目中预留给中小企业的项目资金规模",
        ];
        assert_eq!(names, want);
        // The heading read as a column would make nine.
        assert!(columns_with_unknown(&header, 9).is_none());
    }

    #[test]
    fn running_lines_by_a_page_number_are_no_rows() {
        let text = [
            "303 对个人和家庭的补助 125.65 125.65",
            "苏州市应急管理局 2026 年度部门预算公开",
            " - 18 -",
            "30302 退休费 120.50 120.50",
            "某某局（本级）2026 年度单位预算公开",
            " - 19 -",
        ];
        let data = body_lines(&text);
        let got: Vec<bool> = (0..data.len()).map(|i| is_running_line(&data, i)).collect();
        assert_eq!(got, [false, true, false, false, true, false]);
    }

    #[test]
    fn one_line_headers_name_their_columns() {
        let want = |c: &[&str]| Some(c.iter().enumerate().map(|(i, p)| (p.to_string(), i == 0)).collect::<Vec<_>>());
        assert_eq!(
            one_line_columns(&["科目编码 科目名称 总计 基本支出 项目支出"]),
            want(&["总计", "基本支出", "项目支出"])
        );
        assert_eq!(one_line_columns(&["科目编码 科目名称 合计 基本支出 项目支出", "小计 人员经费 公用经费"]), None);
        assert_eq!(one_line_columns(&["科目编码 科目名称 基本支出 项目支出"]), None);
        let spaced = one_line_columns(&["科目编码 科 目 名 称 总 计 基本支出 项目支出"]);
        assert_eq!(spaced, want(&["总计", "基本支出", "项目支出"]));
        assert_eq!(one_line_columns(&["科目编码 科目名称 合计 基本支出 项目支出 某某支出"]), None);
        // Shanghai's 基本支出 table, its words run together (letter-spaced text).
        let economic =
            one_line_columns(&["项目一般公共预算基本支出", "经济分类科目编码部门经济分类科目名称合计人员经费公用经费"]);
        assert_eq!(economic, want(&["合计", "人员经费", "公用经费"]));
    }

    #[test]
    fn rows_add_up_within_rounding() {
        let cols = columns_with_unknown(&["科目编码 科目名称 支出总计 基本支出 项目支出"], 3).expect("columns");
        let rows = |a: &str| vec![(line(&format!("205 教育支出 {a}")), 1)];
        assert!(rows_add_up(&cols, &rows("166,180.74 50,945.20 115,235.54")));
        assert!(rows_add_up(&cols, &rows("30.00 10.01 19.98")));
        assert!(!rows_add_up(&cols, &rows("30.00 10.00 8.00")));
    }

    fn line(text: &str) -> Line {
        read_line(text, 2).expect("a row")
    }

    #[test]
    fn short_rows_settle_by_the_hierarchy() {
        let lines = [
            line("201 一般公共服务支出 82.00 15.00 67.00"),
            line("201 03 政府办公厅（室）及相关机构事务 82.00 15.00 67.00"),
            line("201 03 01 行政运行 16.00 15.00 1.00"),
            line("201 03 02 一般行政管理事务 66.00 66.00"),
            line("208 社会保障和就业支出 4.00 4.00"),
            line("208 05 行政事业单位养老支出 4.00 4.00"),
            line("合计 86.00 19.00 67.00"),
        ];
        let t = template(&columns(&["合计 基本支出 项目支出"]).expect("columns"));
        let mut readings: Vec<Option<Readings>> = lines.iter().map(|l| readings_of(&t, &l.amounts)).collect();
        let refs: Vec<&Line> = lines.iter().collect();
        narrow_by_hierarchy(&mut readings, &hierarchy(&refs));
        let cells: Vec<Vec<String>> = readings.iter().map(|r| agreed(&t, r.as_ref().expect("readings"))).collect();
        assert_eq!(cells[3], ["66.00", "", "66.00"]);
        assert_eq!(cells[4], ["4.00", "4.00", ""]);
        assert_eq!(cells[5], ["4.00", "4.00", ""]);
    }

    /// The body lines of a text, one a line.
    fn body(text: &'static str) -> Vec<BodyLine<'static>> {
        text.lines().map(|t| BodyLine { text: t, page: 3, after_blank: false, opens_right: false }).collect()
    }

    fn title(key: TableKey) -> crate::title::Title {
        crate::title::Title { no: "1".into(), text: "t".into(), key }
    }

    /// The table `key` read from a text (its unit line, header and rows),
    /// as the document's other tables are.
    fn text_table(key: TableKey, text: &'static str) -> Table {
        let mut findings = Vec::new();
        let raw = crate::text_table::table_from_lines(title(key), &body(text), &[], &[], &mut findings);
        crate::raw::finish(raw, &mut findings)
    }

    /// 部门支出总表 whose total column is printed `总计` bounds a fund's
    /// row of the same code: `212 城乡社区支出` there has no 基本支出, so the
    /// fund's `212 2,000.00 2,000.00` is 项目支出, and its children with it.
    #[test]
    fn the_department_expense_with_a_zongji_total_bounds_a_fund_row() {
        let summary = "单位：万元\n科目编码 科目名称 总计 基本支出 项目支出\n合计 3,000.00 1,000.00 2,000.00\n201 一般公共服务支出 1,000.00 1,000.00\n212 城乡社区支出 2,000.00 2,000.00";
        let summary = text_table(TableKey::ExpenseSummary, summary);
        let summary_paths: Vec<&str> = summary.columns.iter().map(|c| c.path.as_str()).collect();
        assert!(summary_paths.contains(&"总计") && !summary_paths.contains(&"合计"), "{summary_paths:?}");
        let header = ["科目编码 科目名称 合计 基本支出 项目支出"];
        let data = body("合计 2,000.00 2,000.00\n212 城乡社区支出 2,000.00 2,000.00\n212 08 国有土地使用权出让收入安排的支出 2,000.00 2,000.00\n212 08 04 农村基础设施建设支出 2,000.00 2,000.00");
        let read_with = |earlier: &[Table]| {
            let mut raw = RawTable::new(title(TableKey::GovernmentFundExpense));
            raw.unit = Some("万元".into());
            let is_read = read(&mut raw, &header, &data, (earlier, &[]), &mut Vec::new());
            (is_read, raw.rows.iter().map(|r| r.cells[2..].to_vec()).collect::<Vec<_>>())
        };
        // Alone, every row is 基本支出 or 项目支出: only 合计 is placed.
        let (alone, rows) = read_with(&[]);
        assert!(alone);
        assert_eq!(rows, vec![["2,000.00", UNREAD, UNREAD]; 4]);
        let (settled, rows) = read_with(std::slice::from_ref(&summary));
        assert!(settled);
        assert_eq!(rows, vec![["2,000.00", "", "2,000.00"]; 4]);
        // A 支出总表 in another unit bounds nothing.
        let mut in_yuan = summary;
        in_yuan.unit = Some("元".into());
        assert_eq!(read_with(&[in_yuan]).1, vec![["2,000.00", UNREAD, UNREAD]; 4]);
    }

    /// The table `key` read alone from its header lines and rows: its
    /// amount columns' paths, its rows' amount cells, and the findings.
    fn read_alone(key: TableKey, header: &[&str], rows: &'static str) -> (Vec<String>, Vec<Vec<String>>, Vec<Finding>) {
        let mut raw = RawTable::new(title(key));
        let mut found = Vec::new();
        assert!(read(&mut raw, header, &body(rows), (&[], &[]), &mut found));
        let paths = raw.columns[2..].iter().map(|c| c.path.clone()).collect();
        (paths, raw.rows.iter().map(|r| r.cells[2..].to_vec()).collect(), found)
    }

    /// A spreadsheet's header in the order the text gives its cells: the
    /// plain ones over the rows (`类 款 项 人员经费 公用经费`), the merged ones
    /// after (`合计 项目支出`, `基本支出` over 人员经费 and 公用经费, the
    /// group `财政拨款支出`). The standard column set, with its sums, places
    /// each amount; no row prints a 基本支出 of its own, so it is the
    /// heading over its parts.
    #[test]
    fn a_header_in_jumbled_order_reads_as_the_standard_column_set() {
        let header = [
            "功能分类科目名称 合计 项目支出",
            "项目 财政拨款支出",
            "功能分类科目",
            "编码 基本支出",
            "类 款 项 人员经费 公用经费",
        ];
        let (paths, rows, found) = read_alone(
            TableKey::FiscalExpenseByFunction,
            &header,
            "201 一般公共服务支出 6,783,536 2,545,183 3,968,353 270,000\n201 13 01 行政运行 6,513,536 2,545,183 3,968,353\n201 13 02 一般行政管理事务 270,000 270,000\n合计 6,783,536 2,545,183 3,968,353 270,000",
        );
        assert_eq!(
            paths,
            [
                "财政拨款支出/合计",
                "财政拨款支出/基本支出/人员经费",
                "财政拨款支出/基本支出/公用经费",
                "财政拨款支出/项目支出"
            ]
        );
        assert_eq!(rows[0], ["6,783,536", "2,545,183", "3,968,353", "270,000"]);
        assert_eq!(rows[1], ["6,513,536", "2,545,183", "3,968,353", ""]);
        assert_eq!(rows[2], ["270,000", "", "", "270,000"]);
        assert!(found.is_empty(), "{found:?}");
    }

    /// A 收入总表 whose last column's name comes out first, before the
    /// total: the columns go back in the standard order, and the total row
    /// with 收支总表's income items settles each amount.
    #[test]
    fn an_income_header_with_a_source_before_the_total_is_put_back_in_order() {
        let header = [
            "其他收入",
            "项目 收入预算",
            "功能分类科目编码 功能分类科目名称 合计 财政拨款收入 事业收入 事业单位",
            "经营收入",
            "类 款 项",
        ];
        let cols = columns(&header).expect("columns");
        assert_eq!(cols[0].0, "收入预算/其他收入");
        let ordered = sources_in_order(TableKey::IncomeSummary, cols.clone());
        let paths: Vec<&str> = ordered.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(
            paths,
            [
                "收入预算/合计",
                "收入预算/财政拨款收入",
                "收入预算/事业收入",
                "收入预算/事业单位经营收入",
                "收入预算/其他收入"
            ]
        );
        // Another table's columns, or a header whose total comes first, stay as printed.
        assert_eq!(sources_in_order(TableKey::ExpenseSummary, cols.clone()), cols);
        let first = columns(&["功能分类科目编码 功能分类科目名称 合计 其他收入 财政拨款收入"]).expect("columns");
        assert_eq!(sources_in_order(TableKey::IncomeSummary, first.clone()), first);
        let data = body(
            "208 社会保障和就业支出 6,835,532 5,062,424 1,773,108\n合计 50,040,000 31,730,000 16,710,000 1,600,000",
        );
        let summary = "单位：元\n项目 预算数 项目 预算数\n一、财政拨款收入 31,730,000 一、社会保障和就业支出 6,835,532\n二、事业收入\n三、事业单位经营收入 16,710,000\n四、其他收入 1,600,000 二、其他支出 43,204,468\n收入总计 50,040,000 支出总计 50,040,000";
        let summary = text_table(TableKey::IncomeExpenseSummary, summary);
        let mut raw = RawTable::new(title(TableKey::IncomeSummary));
        assert!(read(&mut raw, &header, &data, (&[summary], &[]), &mut Vec::new()));
        let rows: Vec<Vec<String>> = raw.rows.iter().map(|r| r.cells[2..].to_vec()).collect();
        assert_eq!(rows[1], ["50,040,000", "31,730,000", "", "16,710,000", "1,600,000"]);
    }

    /// Letter-spaced text closed up runs a header's cells together: each
    /// line is cut back into its known words, a name wrapped over two lines
    /// keeping its pieces at the line's end and start.
    #[test]
    fn glued_header_words_are_cut_apart() {
        let cases: &[(&str, Option<&str>)] = &[
            ("项目收入预算", Some("项目 收入预算")),
            // Not 项目支出 and a leftover 预算.
            ("项目支出预算", Some("项目 支出预算")),
            (
                "功能分类科目编码功能分类科目名称合计财政拨款收入事业收入事业单位",
                Some("功能分类科目编码 功能分类科目名称 合计 财政拨款收入 事业收入 事业单位"),
            ),
            ("经营收入其他收入", Some("经营收入 其他收入")),
            ("类款项", Some("类 款 项")),
            // One word, words already apart, a figure, or an unknown word inside.
            ("合计", None),
            ("合计 基本支出", None),
            ("2026年合计", None),
            ("合计某某基本支出", None),
        ];
        for (line, want) in cases {
            assert_eq!(glued_words_apart(line).as_deref(), *want, "{line}");
        }
    }

    /// A letter-spaced 收入总表 (上海's 单位预算) read from its text: the
    /// header cut back into its words, the amounts run together split at
    /// their separators, 收入总表's sources read under whole codes, and
    /// the summary's income items settling which source each amount is.
    #[test]
    fn a_letter_spaced_income_table_reads_by_its_sources() {
        let summary = "单位：元\n项目 预算数 项目 预算数\n一、财政拨款收入 9,973,195 一、文化旅游体育与传媒支出 11,212,795\n二、事业收入 701,808\n三、事业单位经营收入\n四、其他收入 537,792\n收入总计 11,212,795 支出总计 11,212,795";
        let summary = text_table(TableKey::IncomeExpenseSummary, summary);
        let text = "单位：元\n项目收入预算\n功能分类科目编码功能分类科目名称合计财政拨款收入事业收入事业单位\n经营收入其他收入\n类款项\n207 文化旅游体育与传媒支出 11,212,7959,973,195701,808537,792\n20702 文物 11,212,7959,973,195701,808537,792\n2070204 文物保护 11,212,7959,973,195701,808537,792\n合计 11,212,7959,973,195701,808537,792";
        let mut findings = Vec::new();
        let raw = crate::text_table::table_from_lines(
            title(TableKey::IncomeSummary),
            &body(text),
            &[summary],
            &[],
            &mut findings,
        );
        let paths: Vec<&str> = raw.columns.iter().map(|c| c.path.as_str()).collect();
        assert_eq!(
            paths[2..],
            [
                "收入预算/合计",
                "收入预算/财政拨款收入",
                "收入预算/事业收入",
                "收入预算/事业单位经营收入",
                "收入预算/其他收入"
            ]
        );
        let rows: Vec<&[String]> = raw.rows.iter().map(|r| &r.cells[..]).collect();
        assert_eq!(rows.len(), 4, "{rows:?}");
        assert_eq!(rows[2], ["2070204", "文物保护", "11,212,795", "9,973,195", "701,808", "", "537,792"]);
        assert!(findings.is_empty(), "{findings:?}");
    }

    /// The header printed twice (over the rows, and again with the title)
    /// names each column twice: it is still the standard set, and the total
    /// row with the hierarchy settles which of 人员经费 and 公用经费 each
    /// row's one part is.
    #[test]
    fn a_header_printed_twice_reads_as_the_standard_column_set() {
        let header = [
            "部门经济分类科目名称 合计 人员经费 公用经费",
            "项目 一般公共预算基本支出",
            "经济分类科目编码",
            "类 款 部门经济分类科目名称 合计 人员经费 公用经费",
            "类 款",
        ];
        let (paths, rows, _) = read_alone(
            TableKey::GeneralBudgetBasicExpenseByEconomic,
            &header,
            "301 工资福利支出 2,994,733 2,994,733\n301 01 基本工资 613,130 613,130\n301 02 津贴补贴 2,381,603 2,381,603\n302 商品和服务支出 3,968,353 3,968,353\n302 01 办公费 3,968,353 3,968,353\n合计 6,963,086 2,994,733 3,968,353",
        );
        assert_eq!(
            paths,
            ["一般公共预算基本支出/合计", "一般公共预算基本支出/人员经费", "一般公共预算基本支出/公用经费"]
        );
        assert_eq!(rows[0], ["2,994,733", "2,994,733", ""]);
        assert_eq!(rows[2], ["2,381,603", "2,381,603", ""]);
        assert_eq!(rows[3], ["3,968,353", "", "3,968,353"]);
        assert_eq!(rows[5], ["6,963,086", "2,994,733", "3,968,353"]);
    }

    /// A 决算's 支出决算表 prints 本年支出合计 and 基本支出 and 项目支出 of six
    /// columns, zeros printed; 一般公共预算财政拨款支出决算表, printed after
    /// it, holds at least as much by function in each column, and the
    /// columns the total row leaves blank hold no child's zero.
    #[test]
    fn a_final_account_expense_table_is_settled_by_the_fund_table_printed_after_it() {
        let fund = "单位：万元\n科目编码 科目名称 合计 基本支出 项目支出\n合计 300.00 100.00 200.00\n208 社会保障和就业支出 100.00 100.00 0.00\n212 城乡社区支出 200.00 0.00 200.00";
        let mut fund = text_table(TableKey::GeneralBudgetExpenseByFunction, fund);
        fund.unit = Some("万元".into());
        let header = [
            "本年支出合计 基本支出 项目支出 上缴上级支出 经营支出 对附属单位补助支出",
            "功能分类",
            "科目编码 科目名称",
        ];
        let data = body(
            "合计 300.00 100.00 200.00\n208 社会保障和就业支出 100.00 100.00 0.00\n212 城乡社区支出 200.00 0.00 200.00",
        );
        let read_with = |later: &[Table]| {
            let mut raw = RawTable::new(title(TableKey::ExpenseSummary));
            raw.unit = Some("万元".into());
            let mut found = Vec::new();
            read(&mut raw, &header, &data, (&[], later), &mut found);
            (raw.rows.iter().map(|r| r.cells[2..].to_vec()).collect::<Vec<_>>(), found.len())
        };
        // Alone, 100.00 and 200.00 may be any two of the five parts.
        let (_, doubts) = read_with(&[]);
        assert!(doubts > 0);
        let (rows, doubts) = read_with(&[fund]);
        assert_eq!(doubts, 0);
        assert_eq!(
            rows,
            [
                ["300.00", "100.00", "200.00", "", "", ""],
                ["100.00", "100.00", "0.00", "", "", ""],
                ["200.00", "0.00", "200.00", "", "", ""],
            ]
        );
    }

    /// A department spending only on projects (nat_008, 上海) prints its
    /// 一般公共预算基本支出表 empty, after 一般公共预算支出表: read again with
    /// it, the total's two equal amounts are 合计 and 项目支出, and each row
    /// within it.
    #[test]
    fn a_budget_table_is_settled_by_an_empty_basic_table_printed_after_it() {
        let empty = "单位：元\n经济分类科目编码 部门经济分类科目名称 合计 人员经费 公用经费\n合计";
        let empty = text_table(TableKey::GeneralBudgetBasicExpenseByEconomic, empty);
        assert!(empty.rows.is_empty());
        let header = ["功能分类科目编码 功能分类科目名称 合计 基本支出 项目支出"];
        let data = body("合计 118,853,953 118,853,953\n213 农林水支出 118,853,953 118,853,953\n213 01 农业农村 118,853,953 118,853,953\n213 01 05 农垦运行 118,853,953 118,853,953");
        let read_with = |later: &[Table]| {
            let mut raw = RawTable::new(title(TableKey::GeneralBudgetExpenseByFunction));
            let mut found = Vec::new();
            read(&mut raw, &header, &data, (&[], later), &mut found);
            raw.rows.iter().map(|r| r.cells[2..].to_vec()).collect::<Vec<_>>()
        };
        let alone = read_with(&[]);
        assert_eq!(alone.len(), 4);
        assert!(alone.iter().all(|r| r[1..].iter().all(|c| c.is_empty() || crate::raw::is_unread(c))), "{alone:?}");
        assert_eq!(read_with(&[empty]), vec![vec!["118,853,953", "", "118,853,953"]; 4]);
    }

    /// 部门支出总表 of the same department, read again with the settled
    /// 一般公共预算支出表 printed after it: their 合计 are equal, so its
    /// parts are the function table's (nothing of 基本支出, all projects).
    /// Beside a function table of another 合计 nothing is settled.
    #[test]
    fn an_expense_summary_is_settled_by_a_budget_table_of_its_total() {
        let empty = "单位：元\n经济分类科目编码 部门经济分类科目名称 合计 人员经费 公用经费\n合计";
        let empty = text_table(TableKey::GeneralBudgetBasicExpenseByEconomic, empty);
        let by_function = |rows: &'static str| {
            let mut raw = RawTable::new(title(TableKey::GeneralBudgetExpenseByFunction));
            let header = ["功能分类科目编码 功能分类科目名称 合计 基本支出 项目支出"];
            read(&mut raw, &header, &body(rows), (&[], std::slice::from_ref(&empty)), &mut Vec::new());
            crate::raw::finish(raw, &mut Vec::new())
        };
        let header = ["功能分类科目编码 功能分类科目名称 合计 基本支出 项目支出"];
        // Its rows are items the function table lists only by class (no
        // code of one bounds the other's): its total tells.
        let data = body("213 01 农业农村 1,200 1,200\n213 01 05 农垦运行 1,200 1,200\n合计 1,200 1,200");
        let read_with = |later: &[Table]| {
            let mut raw = RawTable::new(title(TableKey::ExpenseSummary));
            read(&mut raw, &header, &data, (&[], later), &mut Vec::new());
            raw.rows.iter().map(|r| r.cells[2..].to_vec()).collect::<Vec<_>>()
        };
        let settled = by_function("合计 1,200 1,200\n213 农林水支出 1,200 1,200");
        assert_eq!(
            settled.rows[0].cells[1..],
            [budget_model::Cell::Blank, budget_model::Cell::Amount(Decimal::new(1200, 0))]
        );
        let alone = read_with(&[]);
        assert!(alone.iter().all(|r| r[1..].iter().all(|c| c.is_empty() || crate::raw::is_unread(c))), "{alone:?}");
        assert_eq!(read_with(&[settled]), vec![vec!["1,200", "", "1,200"]; 3]);
        let other = read_with(&[by_function("合计 1,300 1,300\n213 农林水支出 1,300 1,300")]);
        assert!(other.iter().all(|r| r[1..].iter().all(|c| c.is_empty() || crate::raw::is_unread(c))), "{other:?}");
    }

    /// The same with the national form's fund table: `本年支出` over `小计
    /// 基本支出 项目支出`, the heading printed after its leaves, nothing
    /// printed where nothing was spent. Its 小计 is the function's total.
    #[test]
    fn a_final_account_expense_table_is_settled_by_a_fund_table_under_its_heading() {
        let fund = "单位：万元\n项目\n科目编码 科目名称 小计 基本支出 项目支出\n本年支出\n栏次 1 2 3\n合计 300.00 100.00 200.00\n208 社会保障和就业支出 100.00 100.00\n212 城乡社区支出 200.00 200.00";
        let mut fund = text_table(TableKey::GeneralBudgetExpenseByFunction, fund);
        fund.unit = Some("万元".into());
        let paths: Vec<&str> = fund.columns.iter().map(|c| c.path.as_str()).collect();
        assert_eq!(paths, ["本年支出/小计", "本年支出/基本支出", "本年支出/项目支出"]);
        let header =
            ["项目", "科目编码 科目名称 本年支出合计 基本支出 项目支出 上缴上级支出 经营支出 对附属单位补助支出"];
        let data =
            body("合计 300.00 100.00 200.00\n208 社会保障和就业支出 100.00 100.00\n212 城乡社区支出 200.00 200.00");
        let mut raw = RawTable::new(title(TableKey::ExpenseSummary));
        raw.unit = Some("万元".into());
        let mut found = Vec::new();
        read(&mut raw, &header, &data, (&[], &[fund]), &mut found);
        assert!(found.is_empty(), "{found:?}");
        let rows: Vec<Vec<String>> = raw.rows.iter().map(|r| r.cells[2..].to_vec()).collect();
        assert_eq!(
            rows,
            [
                ["300.00", "100.00", "200.00", "", "", ""],
                ["100.00", "100.00", "", "", "", ""],
                ["200.00", "", "200.00", "", "", ""],
            ]
        );
    }

    #[test]
    fn a_fund_blank_in_every_part_of_the_income_side_is_zero_in_the_expense_total() {
        let columns: Vec<String> = ["总计", "一般公共预算", "政府性基金", "国有资本经营"].map(String::from).to_vec();
        let (this_year, carried) = ("17,552.65".to_string(), "865.06".to_string());
        let incomes: Vec<(String, Option<&String>)> = vec![
            ("本年收入".into(), Some(&this_year)),
            ("一般公共预算资金".into(), Some(&this_year)),
            ("政府性基金预算资金".into(), None),
            ("国有资本经营预算资金".into(), None),
            ("上年结转".into(), Some(&carried)),
            ("一般公共预算拨款".into(), Some(&carried)),
            ("政府性基金预算拨款".into(), None),
        ];
        let zero = Some(Decimal::ZERO);
        // 一般公共预算 has two items, both printed: not known from them.
        assert_eq!(known_by_income(&columns, &incomes), [None, None, zero, zero]);
    }

    #[test]
    fn a_table_whose_amounts_all_stay_in_doubt_is_told() {
        let rows = |texts: &[&str]| -> Vec<(Line, u32)> { texts.iter().map(|t| (line(t), 5)).collect() };
        let blank = |n: usize| vec![vec![String::new(); 3]; n];
        type Case<'a> = (&'a [&'a str], Vec<Vec<String>>, bool);
        let cases: [Case<'_>; 3] = [
            (&["201 一般公共服务支出 264.87 62.63 202.24"], blank(1), true),
            (
                &["201 一般公共服务支出 264.87 62.63 202.24"],
                vec![vec!["264.87".into(), String::new(), String::new()]],
                false,
            ),
            (&["201 一般公共服务支出"], blank(1), false),
        ];
        for (texts, cells, want) in cases {
            assert_eq!(nothing_placed(&rows(texts), &cells), want, "{texts:?}");
        }
    }

    #[test]
    fn whole_amounts_run_together_split_at_their_separators() {
        let cases: &[(&str, Option<&[&str]>)] = &[
            ("69,733,76465,733,764", Some(&["69,733,764", "65,733,764"])),
            ("70,716,0643,465,48020,682,584", Some(&["70,716,064", "3,465,480", "20,682,584"])),
            ("221,000589,500", Some(&["221,000", "589,500"])),
            ("69,733,764500", Some(&["69,733,764", "500"])),
            ("69,733,764", Some(&["69,733,764"])),
            ("500600", Some(&["500600"])),
            ("1,2345", None),
            ("69,733,76450", None),
        ];
        for (word, want) in cases {
            let want = want.map(|w| w.iter().map(|s| s.to_string()).collect::<Vec<_>>());
            assert_eq!(split_amounts(word, 0), want, "{word}");
        }
    }

    #[test]
    fn a_code_part_run_into_the_name_is_read_apart() {
        let line = read_line("229 08 04福利彩票销售机构的业务费支出 215,020,000 215,020,000", 0).expect("a row");
        assert_eq!((line.code.as_str(), line.name.as_str()), ("2290804", "福利彩票销售机构的业务费支出"));
        assert_eq!(name_apart(vec!["2026", "08", "04年"]), ["2026", "08", "04年"]);
    }

    #[test]
    fn two_sided_headers_name_their_sides() {
        let header = ["本年收入 本年支出", "项目 预算数 项目", "预算数", "合计 基本支出 项目支出", "人员经费 公用经费"];
        let (income, expense) = side_columns(&header).expect("sides");
        assert_eq!(income, "预算数");
        assert_eq!(expense, ["合计", "人员经费", "公用经费", "项目支出"]);
        // `基本支出` run into the income side's `项目`.
        let header = ["本年收入 本年支出", "预算数", "基本支出项目 预算数 项目 合计 项目支出", "人员经费 公用经费"];
        assert_eq!(
            side_columns(&header).map(|s| s.1),
            Some(vec!["合计".to_string(), "人员经费".to_string(), "公用经费".to_string(), "项目支出".to_string()])
        );
        // The sides' headings printed among the columns' (a spreadsheet's
        // merged cells after its plain ones) head no column.
        let header = ["预算数", "基本支出项目 预算数 项目 合计 项目支出", "本年收入 本年支出", "人员经费 公用经费"];
        assert_eq!(
            side_columns(&header),
            Some(("预算数".into(), ["合计", "人员经费", "公用经费", "项目支出"].map(String::from).to_vec()))
        );
        // The income side's `项目` among the expense side's columns: the
        // sides are told by their words, the columns in the standard order.
        let header = ["预算数 项目 合计 项目支出", "本年收入 本年支出", "预算数", "基本支出项目", "人员经费 公用经费"];
        assert_eq!(
            side_columns(&header),
            Some(("预算数".into(), ["合计", "人员经费", "公用经费", "项目支出"].map(String::from).to_vec()))
        );
        // 人员经费 and 公用经费 printed before the 基本支出 they part: they
        // take its place all the same.
        let header = ["本年收入 本年支出", "项目 预算数 项目", "人员经费 公用经费", "合计 基本支出 项目支出"];
        assert_eq!(
            side_columns(&header),
            Some(("预算数".into(), ["合计", "人员经费", "公用经费", "项目支出"].map(String::from).to_vec()))
        );
        // Another column named among them leaves the sides untold.
        let header = ["预算数 项目 合计 一般公共预算", "预算数", "基本支出项目"];
        assert_eq!(side_columns(&header), None);
        let header =
            ["财政拨款收入 财政拨款支出", "项目 预算数 项目 合计 一般公共预算 政府性基金预算 国有资本经营预算"];
        assert_eq!(side_columns(&header).map(|s| s.1.len()), Some(4));
        // `项    目`: the word spaced out over its cell.
        assert_eq!(
            side_columns(&["收    入 支    出", "项    目 预算数 项    目 预算数"]),
            Some(("预算数".into(), vec!["预算数".into()]))
        );
        let header =
            ["收入 支出", "项目 决算数 项目 合计 一般公共预算", "财", "政拨款", " 政府性基金预", "算", "财政拨款"];
        assert_eq!(
            side_columns(&header).map(|s| s.1),
            Some(vec!["合计".into(), "一般公共预算财政拨款".into(), "政府性基金预算财政拨款".into()])
        );
        let header = ["收入 支出", "项目 预算数 项目 总计 一般公共预算 政府性基金", "预算 国有资本经营", "预算"];
        assert_eq!(
            side_columns(&header).map(|s| s.1),
            Some(["总计", "一般公共预算", "政府性基金预算", "国有资本经营预算"].map(String::from).to_vec())
        );
    }

    #[test]
    fn two_sided_lines_split_into_items() {
        let items = |l: &str| side_items(l, 2).expect(l);
        let line =
            "一、财政拨款收入 91,016,775.35一、一般公共服务支出 82,096,797.42  13,819,399.88 1,867,397.5466,410,000.00";
        assert_eq!(
            items(line),
            [
                ("一、财政拨款收入".to_string(), vec!["91,016,775.35".to_string()]),
                (
                    "一、一般公共服务支出".to_string(),
                    ["82,096,797.42", "13,819,399.88", "1,867,397.54", "66,410,000.00"].map(String::from).to_vec()
                ),
            ]
        );
        let labels = |l: &str| items(l).into_iter().map(|(l, _)| l).collect::<Vec<_>>();
        assert_eq!(
            labels("1. 一般公共预算资金 91,016,775.35二、社会保障和就业支出 4,213,779.28"),
            ["1.一般公共预算资金", "二、社会保障和就业支出"]
        );
        assert_eq!(
            labels("2、政府性基金 三、卫生健康支出 1,097,073.43  1,097,073.43"),
            ["2、政府性基金", "三、卫生健康支出"]
        );
        assert_eq!(
            labels("使用非财政拨款结余（含专用结余） 结余分配"),
            ["使用非财政拨款结余（含专用结余）", "结余分配"]
        );
        // An item numbered twice: its number is no amount.
        assert_eq!(
            items("1（一）一般公共预算资金 223,898.88 （一）教育支出 54.94 54.94"),
            [
                ("1（一）一般公共预算资金".to_string(), vec!["223,898.88".to_string()]),
                ("（一）教育支出".to_string(), vec!["54.94".to_string(), "54.94".to_string()]),
            ]
        );
        assert_eq!(without_number("1（一）一般公共预算资金"), "（一）一般公共预算资金");
        assert_eq!(without_number("2026年预算"), "2026年预算");
    }

    /// The income side says what the expense total holds by fund: this
    /// year's item and the one carried over, each numbered as printed
    /// (`1（一）一般公共预算资金`), settle which columns the total's parts
    /// are in, 国有资本经营预算 blank in both.
    #[test]
    fn a_fund_of_two_income_items_bounds_the_expense_total() {
        let text = [
            "收入 支出",
            "项目 预算数 项目 总计 一般公共预",
            "算 政府性基",
            "金预算 国有资本",
            "经营预算",
            "一、本年收入 266,026.92 一、本年支出 274,164.30 227,955.11 46,209.19",
            "1（一）一般公共预算资金 223,898.88 （一）教育支出 54.94 54.94",
            "1（二）政府性基金预算资金 42,128.04 （二）城乡社区支出 46,209.19 46,209.19",
            "（三）国有资本经营预算资金 （三）自然资源海洋气象等支出 227,900.17 227,900.17",
            "二、上年结转 8,137.38 二、结转下年",
            "（一）一般公共预算拨款 4,056.23",
            "（二）政府性基金预算拨款 4,081.15",
            "（三）国有资本经营预算拨款",
            "收入合计 274,164.30 支出合计 274,164.30 227,955.11 46,209.19",
        ];
        let raw = fiscal_two_sided("财政拨款收支总体情况表", &text);
        let paths: Vec<&str> = raw.columns.iter().map(|c| c.path.as_str()).collect();
        assert_eq!(paths[3..], ["支出/总计", "支出/一般公共预算", "支出/政府性基金预算", "支出/国有资本经营预算"]);
        let expense = |r: usize| raw.rows[r].cells[2..].to_vec();
        assert_eq!(expense(0), ["一、本年支出", "274,164.30", "227,955.11", "46,209.19", ""]);
        assert_eq!(expense(1), ["（一）教育支出", "54.94", "54.94", "", ""]);
        assert_eq!(expense(2), ["（二）城乡社区支出", "46,209.19", "", "46,209.19", ""]);
        assert_eq!(raw.rows[1].cells[..2], ["1（一）一般公共预算资金", "223,898.88"]);
    }

    /// 部门收支总表's expense by use (`一、一般公共服务支出 1,200 1,200` under
    /// 合计 / 基本支出 / 项目支出) takes 部门支出总表's total where its 合计
    /// is the one printed: all projects. Beside a 支出总表 of another 合计 it
    /// stays in doubt.
    #[test]
    fn expense_by_use_of_a_two_sided_table_is_settled_by_the_expense_summary() {
        let summary = |total: &str, basic: &str, projects: &str| {
            let mut raw = RawTable::new(title(TableKey::ExpenseSummary));
            let role = |path: &str, role: Role| RawColumn { path: path.into(), role };
            raw.columns = vec![
                role("科目名称", Role::Name),
                role("合计", Role::Amount),
                role("基本支出", Role::Amount),
                role("项目支出", Role::Amount),
            ];
            let cells = ["合计", total, basic, projects].map(String::from).to_vec();
            raw.rows = vec![RawRow::new(cells, 1)];
            crate::raw::finish(raw, &mut Vec::new())
        };
        let text = [
            "项目 预算数 项目 合计 基本支出 项目支出",
            "一、财政拨款收入 1,200 一、一般公共服务支出 1,200 1,200",
            "收入总计 1,200 支出总计 1,200 1,200",
        ];
        let read_beside = |later: &[Table]| {
            let mut raw = RawTable::new(title(TableKey::IncomeExpenseSummary));
            assert!(read_two_sided(&mut raw, &body_lines(&text), (&[], later), &mut Vec::new()));
            raw.rows.iter().map(|r| r.cells[3..].to_vec()).collect::<Vec<_>>()
        };
        let settled = read_beside(&[summary("1,200", "", "1,200")]);
        assert_eq!(settled, vec![vec!["1,200", "", "1,200"]; 2]);
        for other in [read_beside(&[]), read_beside(&[summary("1,500", "300", "1,200")])] {
            assert!(other.iter().all(|r| r[1..].iter().all(|c| c.is_empty() || crate::raw::is_unread(c))), "{other:?}");
        }
    }

    /// The 财政拨款收支总表 titled `title` that [`read_two_sided`] reads from
    /// the lines `text`.
    fn fiscal_two_sided(title: &str, text: &[&str]) -> RawTable {
        let mut raw = RawTable::new(crate::title::Title {
            no: "4".into(),
            text: title.into(),
            key: budget_model::TableKey::FiscalIncomeExpenseSummary,
        });
        assert!(read_two_sided(&mut raw, &body_lines(text), (&[], &[]), &mut Vec::new()));
        raw
    }

    /// A 决算's two-sided table numbers its rows on each side (行次) under
    /// a `栏次` row: the numbers are no amounts, wherever they stand (after
    /// an item, or opening a line whose income item is empty), and the
    /// header printed again on the next page is no row. Each item keeps its
    /// number beside it, a wrapped label's too (`三、其他支` / `出 28`). A row of one zero
    /// (`0.00`) puts it under 合计, its parts blank: every reading gives
    /// every cell zero.
    #[test]
    fn line_numbers_of_a_two_sided_table_are_no_amounts() {
        let text = [
            "收入 支出",
            "项目 行次 金额 项目 行次 合计 一般公共预算财",
            "政拨款 政府性基金预算",
            "财政拨款 国有资本经营预",
            "算财政拨款",
            "栏次 1 栏次 2 3 4 5",
            "一、一般公共预算财政拨款 1 300.00 一、一般公共服务支出 26 0.00",
            "二、政府性基金预算财政拨款 2 50.00 二、社会保障和就业支出 27 300.00 300.00",
            "3 三、其他支",
            "出 28 50.00 50.00",
            "本年收入合计 4 350.00 本年支出合计 29 350.00 300.00 50.00",
            "— 1 —",
            "部门：某某局 金额单位：万元",
            "收入 支出",
            "项目 行次 金额 项目 行次 合计 一般公共预算财",
            "政拨款 政府性基金预算",
            "财政拨款 国有资本经营预",
            "算财政拨款",
            "栏次 1 栏次 2 3 4 5",
            "总计 5 350.00 总计 30 350.00 300.00 50.00",
        ];
        let raw = fiscal_two_sided("财政拨款收入支出决算总表", &text);
        let paths: Vec<&str> = raw.columns.iter().map(|c| c.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "收入/项目",
                "收入/行次",
                "收入/金额",
                "支出/项目",
                "支出/行次",
                "支出/合计",
                "支出/一般公共预算财政拨款",
                "支出/政府性基金预算财政拨款",
                "支出/国有资本经营预算财政拨款"
            ]
        );
        assert_eq!(raw.columns[1].role, Role::LineNo);
        assert_eq!(raw.columns[4].role, Role::LineNo);
        let rows: Vec<Vec<String>> = raw.rows.iter().map(|r| r.cells.clone()).collect();
        let row = |c: [&str; 9]| c.map(String::from).to_vec();
        assert_eq!(
            rows,
            [
                row(["一、一般公共预算财政拨款", "1", "300.00", "一、一般公共服务支出", "26", "0.00", "", "", ""]),
                row([
                    "二、政府性基金预算财政拨款",
                    "2",
                    "50.00",
                    "二、社会保障和就业支出",
                    "27",
                    "300.00",
                    "300.00",
                    "",
                    ""
                ]),
                row(["", "", "", "三、其他支出", "28", "50.00", "", "50.00", ""]),
                row(["本年收入合计", "4", "350.00", "本年支出合计", "29", "350.00", "300.00", "50.00", ""]),
                row(["总计", "5", "350.00", "总计", "30", "350.00", "300.00", "50.00", ""]),
            ]
        );
        assert_eq!(without_line_numbers("4 四、教育支出 29 0.00", true), "四、教育支出 0.00");
        assert_eq!(without_line_numbers("4 四、教育支出 29 0.00", false), "4 四、教育支出 29 0.00");
    }

    /// A running line beside the page number, its year apart from the
    /// name, is no item of a two-sided table.
    #[test]
    fn a_running_line_is_no_side_item() {
        let text = ["收入总计 10.00 支出总计 10.00", "某某局 2026 年度部门预算公开", " - 8 -"];
        let data = body_lines(&text);
        let rows = side_rows(&data, 2).expect("rows");
        assert_eq!(rows.len(), 1);
    }

    /// A total label after items that end as items do is an item of its
    /// own, on either side.
    #[test]
    fn a_total_after_whole_items_is_its_own_row() {
        let data = |texts: &'static [&'static str]| body_lines(texts);
        let labels = |texts: &'static [&'static str]| -> Vec<(String, String)> {
            let name = |s: &Option<(String, Vec<String>)>| s.as_ref().map(|(l, _)| l.clone()).unwrap_or_default();
            side_rows(&data(texts), 2).expect("rows").iter().map(|(i, e, _)| (name(i), name(e))).collect()
        };
        type Case<'a> = (&'a [&'a str], &'a [(&'a str, &'a str)]);
        let cases: [Case<'_>; 2] = [
            (
                &["年初结转和结余 年末结转和结余", "总计 307.82 总计 307.82"],
                &[("年初结转和结余", "年末结转和结余"), ("总计", "总计")],
            ),
            (
                &["三、国有资本经营预算财政拨款", "总计 307.82 总计 307.82 307.82"],
                &[("三、国有资本经营预算财政拨款", ""), ("总计", "总计")],
            ),
        ];
        for (texts, want) in cases {
            let want: Vec<(String, String)> = want.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect();
            assert_eq!(labels(texts), want, "{texts:?}");
        }
    }

    #[test]
    fn a_wrapped_code_row_takes_the_next_line() {
        let last = line("201 03 99 其他政府办公厅（室）及相关机构事");
        let next = line("务支出 20,120,000.0020,120,000.00");
        assert!(continues_name(&last, &next));
        assert!(!continues_name(&last, &line("合计 20,120,000.00")));
        assert_eq!(read_line("301 2 津贴补贴 16,623,810  16,623,810  0", 0).map(|l| l.code), Some("30102".to_string()));
    }

    /// nat_080 (深圳): a unit's name wrapped inside its brackets.
    #[test]
    fn a_unit_wrapped_inside_its_brackets_takes_the_next_line() {
        let last = line("    深圳市深圳河湾流域管理中心（深圳市治理深圳");
        let next = line("河办公室） 184,866.34 2,213.08 182,653.26");
        assert!(closes_unit(&last, &next));
        assert!(!closes_unit(&line("深圳市水务局（本级）"), &line("深圳市水务工程建设管理中心 10.00 10.00 0.00")));
        assert!(!closes_unit(&line("深圳市深圳河湾流域管理中心"), &line("301 工资福利支出 1,663.13 1,663.13 0.00")));
    }

    #[test]
    fn page_furniture_is_no_row() {
        assert!(is_page_number(" - 14 -") && is_page_number("7") && !is_page_number("201 一般公共服务支出"));
        let items = side_items("无锡市教育局（本级）2026 年度单位预算公开", 2).expect("items");
        assert!(is_running_head(&items));
        assert!(!is_running_head(&side_items("1、一般公共预算资金 91,016,775.35", 2).expect("items")));
    }

    #[test]
    fn expense_items_sum_by_their_ordinals() {
        let row =
            |name: &str| (Line { code: String::new(), name: name.into(), amounts: vec![], broken: false, parts: 0 }, 1);
        let lines = [
            row("一、本年支出"),
            row("（一）一般公共服务支出"),
            row("（二）教育支出"),
            row("二、结转下年"),
            row("支出合计"),
        ];
        assert_eq!(expense_groups(&lines), [(0, vec![1, 2]), (4, vec![0, 3])]);
    }

    #[test]
    fn whole_codes_open_their_rows() {
        assert!(whole_code_row("2040401  行政运行  10,883.36"));
        // Amounts run together, as letter-spaced text closed up gives them.
        assert!(whole_code_row("30101 基本工资 1,368,0001,368,000"));
        assert!(!whole_code_row("合计  21,940.96"));
        let row = read_line("20404  检察  16,444.36", 2).expect("a row");
        assert_eq!((row.code.as_str(), row.name.as_str()), ("20404", "检察"));
        let got: Vec<String> =
            columns(&["功能科目代码  功能科目名称  金额"]).expect("columns").into_iter().map(|c| c.0).collect();
        assert_eq!(got, ["金额"]);
    }
}
