//! Reading a table header from text that lost its layout.
//!
//! Extracted text prints a two-row header row by row, each cell's wrapped
//! lines together: `合计 本年收入 上年结转结余 小计 一般公共预算 … 其他收入`.
//! Reading it back needs two things: cutting the run of text into labels
//! (by a lexicon of the column labels budget templates use, longest match
//! first, unknown text kept as labels of its own), and deciding which labels
//! are groups over the labels of the second row. The second is decided by
//! structure — a group has at least two children, the children are the
//! labels after the first row, groups take them in order — and by arithmetic
//! where the data is there: the number of amounts in a row fixes how many
//! labels are leaves.

use crate::norm::{fullwidth_parens, squeeze};

/// What a header label is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LabelKind {
    /// A code column (`科目编码`).
    Code,
    /// A name column (`科目名称`).
    Name,
    /// Another text column (`项目单位`).
    Text,
    /// A heading over label columns (`部门预算支出经济分类科目`).
    LabelGroup,
    /// An amount column that can also head a group of amount columns
    /// (`基本支出`, `本年收入`).
    MaybeGroup,
    /// An amount column.
    Amount,
    /// A side heading of a two-sided table (`收入`, `支出`).
    Side,
}

/// One label of a header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// The label text, spaces removed.
    pub text: String,
    /// What it is.
    pub kind: LabelKind,
}

/// Column labels of budget templates. Unknown labels still come through (as
/// amount columns); the lexicon only has to know labels whose role is not
/// "amount leaf", and the common leaves so that wrapped runs cut right.
const LEXICON: &[(&str, LabelKind)] = {
    use LabelKind::*;
    &[
        ("功能分类科目编码", Code),
        ("经济分类科目编码", Code),
        ("部门（单位）代码", Code),
        ("部门（单位）编码", Code),
        ("单位（部门）代码", Code),
        ("科目编码", Code),
        ("科目代码", Code),
        ("单位编码", Code),
        ("单位代码", Code),
        ("项目代码", Code),
        ("功能分类科目名称", Name),
        ("经济分类科目名称", Name),
        ("部门（单位）名称", Name),
        ("单位（部门）名称", Name),
        ("科目名称", Name),
        ("单位名称", Name),
        ("项目名称", Name),
        ("项目单位", Text),
        // An item's number or letter (`A`, `B` before `货物`, `工程`).
        ("项目编号", Text),
        // Line numbers (see labels::is_line_number_heading): never amounts.
        ("序号", Text),
        ("行次", Text),
        ("部门预算支出经济分类科目", LabelGroup),
        ("支出功能分类科目", LabelGroup),
        ("支出经济分类科目", LabelGroup),
        ("功能分类科目", LabelGroup),
        ("经济分类科目", LabelGroup),
        ("本年一般公共预算基本支出", MaybeGroup),
        ("本年财政拨款基本支出", MaybeGroup),
        ("本年一般公共预算支出", MaybeGroup),
        ("本年政府性基金预算支出", MaybeGroup),
        ("本年国有资本经营预算支出", MaybeGroup),
        ("财政拨款结转结余", MaybeGroup),
        ("公务用车购置及运行费", MaybeGroup),
        ("本年收入", MaybeGroup),
        ("本年拨款", MaybeGroup),
        ("基本支出", MaybeGroup),
        ("“三公”经费合计", Amount),
        ("因公出国（境）费", Amount),
        ("公务用车购置费", Amount),
        ("公务用车运行费", Amount),
        ("公务用车运行维护费", Amount),
        ("公务接待费", Amount),
        ("机关运行经费支出", Amount),
        ("上年结转结余", Amount),
        ("上年结余、结转", Amount),
        ("一般公共预算", Amount),
        ("政府性基金预算", Amount),
        ("国有资本经营预算", Amount),
        ("财政专户管理资金", Amount),
        ("事业单位经营收入", Amount),
        ("上级补助收入", Amount),
        ("附属单位上缴收入", Amount),
        ("用事业基金弥补收支差额", Amount),
        ("事业收入", Amount),
        ("其他收入", Amount),
        ("单位资金", Amount),
        ("人员经费", Amount),
        ("公用经费", Amount),
        ("项目支出", Amount),
        ("上年结转", Amount),
        ("预算数", Amount),
        ("合计", Amount),
        ("小计", Amount),
        ("收入", Side),
        ("支出", Side),
        ("项目", Name),
    ]
};

/// Whether `word` is a label of the lexicon (`项目名称`, `合计`).
pub(crate) fn in_lexicon(word: &str) -> bool {
    LEXICON.iter().any(|(w, _)| *w == word)
}

/// Whether `word` is a heading the lexicon knows may stand over a group of
/// columns (`本年拨款`, `基本支出`), and no label of it goes on with `more`
/// (`本年拨款` + `政府性基`): a heading over `more`, not its first line.
pub(crate) fn group_over(word: &str, more: &str) -> bool {
    let longer = format!("{word}{more}");
    LEXICON.iter().any(|(w, k)| *w == word && *k == LabelKind::MaybeGroup)
        && !LEXICON.iter().any(|(w, _)| w.starts_with(longer.as_str()))
}

/// Whether `text` is part of a label of the lexicon (`算` of `一般公共预算`):
/// a piece of a wrapped label.
pub(crate) fn in_some_label(text: &str) -> bool {
    LEXICON.iter().any(|(w, _)| w.contains(text))
}

/// Cuts the text of header lines into labels: longest lexicon match at each
/// place, text between matches kept as a label of its own.
///
/// ```
/// use budget_parse::header::{segment, LabelKind};
/// let labels = segment(&["部门（单", "位）代码", "合计", "本年收入", "小计 一般公共", "预算"]);
/// let texts: Vec<&str> = labels.iter().map(|l| l.text.as_str()).collect();
/// assert_eq!(texts, ["部门（单位）代码", "合计", "本年收入", "小计", "一般公共预算"]);
/// assert_eq!(labels[0].kind, LabelKind::Code);
/// ```
pub fn segment(lines: &[&str]) -> Vec<Label> {
    let text = normalise(&lines.concat());
    let chars: Vec<char> = text.chars().collect();
    let entries: Vec<(Vec<char>, LabelKind)> = LEXICON.iter().map(|(w, k)| (w.chars().collect(), *k)).collect();
    let mut labels = Vec::new();
    let mut unknown = String::new();
    let mut i = 0;
    while i < chars.len() {
        let hit = entries.iter().filter(|(w, _)| chars[i..].starts_with(w)).max_by_key(|(w, _)| w.len());
        match hit {
            Some((w, kind)) => {
                flush_unknown(&mut unknown, &mut labels);
                labels.push(Label { text: w.iter().collect(), kind: *kind });
                i += w.len();
            }
            None => {
                unknown.push(chars[i]);
                i += 1;
            }
        }
    }
    flush_unknown(&mut unknown, &mut labels);
    labels
}

fn flush_unknown(unknown: &mut String, labels: &mut Vec<Label>) {
    if !unknown.is_empty() {
        labels.push(Label { text: std::mem::take(unknown), kind: LabelKind::Amount });
    }
}

/// Spaces out, ASCII parentheses and quotes made full-width.
fn normalise(s: &str) -> String {
    let s = fullwidth_parens(&squeeze(s));
    let mut out = String::with_capacity(s.len());
    let mut open = true;
    for c in s.chars() {
        match c {
            '"' | '＂' => {
                out.push(if open { '“' } else { '”' });
                open = !open;
            }
            '\'' => {}
            _ => out.push(c),
        }
    }
    out.replace("‘", "“").replace("’", "”")
}

/// The header of a one-sided table: its label columns and amount column paths.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Header {
    /// Label columns in printed order, with their kind.
    pub labels: Vec<Label>,
    /// Amount column paths in printed order (`基本支出/人员经费`).
    pub amounts: Vec<String>,
}

/// Resolves the labels of a one-sided header into columns. `amounts_per_row`
/// is the number of amounts a data row carries, when the data tells it.
///
/// ```
/// use budget_parse::header::{resolve, segment};
/// let labels = segment(&["科目编码 科目名称 合计", "基本支出", "项目支出", "小计", "人员经费", "公用经费"]);
/// let h = resolve(&labels, Some(5));
/// assert_eq!(h.amounts, ["合计", "基本支出/小计", "基本支出/人员经费", "基本支出/公用经费", "项目支出"]);
/// ```
pub fn resolve(labels: &[Label], amounts_per_row: Option<usize>) -> Header {
    let columns: Vec<Label> = labels
        .iter()
        .filter(|l| matches!(l.kind, LabelKind::Code | LabelKind::Name | LabelKind::Text))
        .cloned()
        .collect();
    let amount_labels: Vec<&Label> =
        labels.iter().filter(|l| matches!(l.kind, LabelKind::Amount | LabelKind::MaybeGroup)).collect();
    let amounts = best_reading(&amount_labels, amounts_per_row)
        .unwrap_or_else(|| amount_labels.iter().map(|l| l.text.clone()).collect());
    Header { labels: columns, amounts }
}

/// The leaves of the most plausible reading of a header with `leaves`
/// leaves (any number when `None`), the last of equally plausible ones;
/// `None` when no reading has that many. Readings are scored without their
/// leaves being written out, and only readings of that many leaves are
/// tried: each label taken as a group gives up its leaf for its children's,
/// so a reading of `k` groups has `labels.len() - k` leaves.
fn best_reading(labels: &[&Label], leaves: Option<usize>) -> Option<Vec<String>> {
    let flat = leaves.is_none_or(|n| n == labels.len());
    let mut best: Option<(i32, Vec<usize>, usize, Vec<usize>)> =
        flat.then(|| (0, Vec::new(), labels.len(), Vec::new()));
    readings(labels, leaves, |groups, start, split| {
        let score = score(labels, groups, start, split);
        if best.as_ref().is_none_or(|b| score >= b.0) {
            best = Some((score, groups.to_vec(), start, split.to_vec()));
        }
    });
    best.map(|(_, groups, start, split)| leaves_of(labels, &groups, start, &split))
}

/// Calls `visit` with every structurally valid reading of `leaves` leaves
/// (any number when `None`): each subset of the group-capable labels taken
/// as groups, each place where the second row starts, each split of the
/// second row among the groups (in order, at least two children each).
/// Returns how many it visited.
fn readings(labels: &[&Label], leaves: Option<usize>, mut visit: impl FnMut(&[usize], usize, &[usize])) -> usize {
    let capable: Vec<usize> = (0..labels.len()).filter(|&i| labels[i].kind == LabelKind::MaybeGroup).collect();
    // Real headers have a handful of group-capable labels and few readings;
    // a budget keeps an odd one (a header of thirty 合计) from taking
    // seconds: past it, the readings found so far are all there is.
    let mut budget = MAX_READINGS;
    let mut visited = 0;
    for mask in 1u32..(1 << capable.len().min(6)) {
        if leaves.is_some_and(|n| labels.len() != n + mask.count_ones() as usize) {
            continue;
        }
        let groups: Vec<usize> =
            capable.iter().enumerate().filter(|(b, _)| mask & (1 << b) != 0).map(|(_, &i)| i).collect();
        let last_group = *groups.last().unwrap_or(&0);
        for start in last_group + 1..labels.len() {
            for split in splits(labels.len() - start, groups.len(), &mut budget) {
                visit(&groups, start, &split);
                visited += 1;
            }
            if budget == 0 {
                return visited;
            }
        }
    }
    visited
}

/// Readings of a header tried at most.
const MAX_READINGS: usize = 20_000;

/// Ways to cut `n` children into `k` consecutive chunks of at least two,
/// at most `budget` of them (the budget is spent as they are made).
fn splits(n: usize, k: usize, budget: &mut usize) -> Vec<Vec<usize>> {
    if k == 0 {
        return if n == 0 && *budget > 0 {
            *budget -= 1;
            vec![vec![]]
        } else {
            vec![]
        };
    }
    let mut out = Vec::new();
    for first in 2..=n {
        for mut rest in splits(n - first, k - 1, budget) {
            rest.insert(0, first);
            out.push(rest);
        }
        if *budget == 0 {
            break;
        }
    }
    out
}

/// The second row's labels cut into the groups' children.
fn chunks<'l, 'a>(labels: &'l [&'a Label], start: usize, split: &[usize]) -> Vec<&'l [&'a Label]> {
    let mut chunks = Vec::new();
    let mut at = start;
    for &len in split {
        chunks.push(&labels[at..at + len]);
        at += len;
    }
    chunks
}

/// The column paths of a reading: the first row's labels, each group's
/// replaced by its children under it.
fn leaves_of(labels: &[&Label], groups: &[usize], start: usize, split: &[usize]) -> Vec<String> {
    let chunks = chunks(labels, start, split);
    let mut leaves = Vec::new();
    for (i, l) in labels[..start].iter().enumerate() {
        match groups.iter().position(|&g| g == i) {
            Some(gi) => leaves.extend(chunks[gi].iter().map(|c| format!("{}/{}", l.text, c.text))),
            None => leaves.push(l.text.clone()),
        }
    }
    leaves
}

/// How plausible a reading is: more groups explain more of the header; a
/// chunk that opens with 小计 or 合计 is a group's children for sure; chunks
/// that repeat one another (本年拨款 and 财政拨款结转结余 over the same three
/// sources) are children of parallel groups.
fn score(labels: &[&Label], groups: &[usize], start: usize, split: &[usize]) -> i32 {
    let chunks = chunks(labels, start, split);
    let mut score = 10 * groups.len() as i32;
    for c in &chunks {
        if matches!(c[0].text.as_str(), "小计" | "合计") {
            score += 5;
        }
        if c.iter().any(|l| l.text == "小计") && c[0].text != "小计" {
            score -= 20;
        }
    }
    let same = chunks.windows(2).all(|w| w[0].iter().map(|l| &l.text).eq(w[1].iter().map(|l| &l.text)));
    if chunks.len() > 1 && same {
        score += 5;
    }
    // A leaf of the first row printed after the children would be odd.
    score - labels[..start].iter().filter(|l| l.text == "小计").count() as i32 * 20
}

#[cfg(test)]
mod tests {
    use super::*;

    fn amounts(lines: &[&str], n: Option<usize>) -> Vec<String> {
        resolve(&segment(lines), n).amounts
    }

    /// A list written on one line, `|` between items: the lines of a header
    /// as the text gives them, or the column paths expected of it.
    fn items(text: &str) -> Vec<&str> {
        text.split('|').collect()
    }

    #[test]
    fn jumbled_two_row_header_of_the_income_table() {
        let lines = items("部门（单|位）代码|部门（单位）名称 合计|本年收入|上年结转|结余|小计|一般公共|预算|政府|性基|金预|算|国有|资本|经营|预算|财政|专户|管理|资金|事业|收入|事业|单位|经营|收入|上级|补助|收入|附属|单位|上缴|收入|其他|收入");
        let h = resolve(&segment(&lines), Some(12));
        let want = "合计|本年收入/小计|本年收入/一般公共预算|本年收入/政府性基金预算|本年收入/国有资本经营预算|本年收入/财政专户管理资金|本年收入/事业收入|本年收入/事业单位经营收入|本年收入/上级补助收入|本年收入/附属单位上缴收入|本年收入/其他收入|上年结转结余";
        assert_eq!(h.amounts, items(want));
        assert_eq!(
            h.labels.iter().map(|l| l.text.as_str()).collect::<Vec<_>>(),
            ["部门（单位）代码", "部门（单位）名称"]
        );
    }

    #[test]
    fn parallel_groups_share_their_children() {
        let lines = items("项目名称 项目单位 合计|本年拨款 财政拨款结转结余|财政|专户|管理|资金|单位资金一般公|共预算|政府|性基|金预|算|国有|资本|经营|预算|一般|公共|预算|政府|性基|金预|算|国有|资本|经营|预算");
        let want = "合计|本年拨款/一般公共预算|本年拨款/政府性基金预算|本年拨款/国有资本经营预算|财政拨款结转结余/一般公共预算|财政拨款结转结余/政府性基金预算|财政拨款结转结余/国有资本经营预算|财政专户管理资金|单位资金";
        assert_eq!(amounts(&lines, Some(9)), items(want));
    }

    #[test]
    fn the_office_running_cost_column_keeps_its_word_for_expense() {
        let lines = items("科目编码 科目名称 机关运行经费支出");
        assert_eq!(amounts(&lines, Some(1)), ["机关运行经费支出"]);
    }

    #[test]
    fn three_public_header() {
        let lines = items(
            "“三公”经费|合计|因公出国（境）|费|公务用车购置及运行费|公务接待费|小计 公务用车购置费 公务用车运行费",
        );
        let want = "“三公”经费合计|因公出国（境）费|公务用车购置及运行费/小计|公务用车购置及运行费/公务用车购置费|公务用车购置及运行费/公务用车运行费|公务接待费";
        assert_eq!(amounts(&lines, Some(6)), items(want));
    }

    #[test]
    fn a_group_without_data_still_reads_by_structure() {
        let lines = ["科目编码 科目名称", "本年政府性基金预算支出", "合计 基本支出 项目支出"];
        assert_eq!(
            amounts(&lines, None),
            ["本年政府性基金预算支出/合计", "本年政府性基金预算支出/基本支出", "本年政府性基金预算支出/项目支出"]
        );
        let lines = ["部门预算支出经济分类科目 本年一般公共预算基本支出", "科目编码 科目名称 合计 人员经费 公用经费"];
        assert_eq!(
            amounts(&lines, Some(3)),
            ["本年一般公共预算基本支出/合计", "本年一般公共预算基本支出/人员经费", "本年一般公共预算基本支出/公用经费"]
        );
    }

    #[test]
    fn an_odd_header_of_many_group_labels_is_read_quickly() {
        let mut words = vec!["本年收入", "基本支出", "本年拨款", "财政拨款结转结余", "公务用车购置及运行费"];
        words.extend(std::iter::repeat_n("合计", 30));
        let labels = segment(&[&words.join(" ")]);
        // Flat reading when nothing fits; what matters is that it returns.
        let h = resolve(&labels, Some(7));
        assert!(!h.amounts.is_empty());
        let amount_labels: Vec<&Label> =
            labels.iter().filter(|l| matches!(l.kind, LabelKind::Amount | LabelKind::MaybeGroup)).collect();
        assert!(readings(&amount_labels, None, |_, _, _| ()) <= MAX_READINGS);
    }

    #[test]
    fn flat_headers_stay_flat() {
        assert_eq!(amounts(&["科目编码 科目名称 合计 基本支出 项目支出"], Some(3)), ["合计", "基本支出", "项目支出"]);
    }
}
