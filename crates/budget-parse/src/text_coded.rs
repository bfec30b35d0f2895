//! Tables printed one row a line whose label cells are codes joined to
//! their names.
//!
//! A template prints each row's classifications as `code-name` pairs in
//! label columns of their own (支出功能分类科目, 政府支出经济分类科目,
//! 部门支出经济分类科目), or a whole code before its name, and its amounts
//! with six decimals, a blank cell printing nothing:
//! `2050305-高等职业教育 50502-商品和服务支出 30213-维修（护）费 1,106.008675
//! 729.205700 376.802975`. The text keeps one printed row a line; a cell
//! wrapped in its row continues on the next line before the amounts
//! (`2100201-综合医院 50999-其他对个人和家庭的补` / `助 30399-其他对个人和家庭的补` /
//! `助 0.808504 0.808504`). The amounts keep their printed order, so each
//! reading is a choice of columns, taken where the row's sums hold
//! (合计 = 基本支出 + 项目支出) and a `其中` column stays within its total.
//! A row that fits in several ways is settled by what the standard
//! classification says of its economic code (工资福利支出 `301` is 人员经费,
//! 商品和服务支出 `302` and 资本性支出 `310` are 公用经费); the cells its
//! readings disagree on are left unread (blank, never a zero) with a
//! finding, and the sums they take part in go unchecked.

use std::collections::{BTreeMap, BTreeSet};

use budget_model::{yuan_per, Decimal, Finding, Table, TableKey};

use crate::front::{after_total_label, glued_amount};
use crate::lex::amount;
use crate::norm::{is_total_word, squeeze};
use crate::raw::{RawColumn, RawRow, RawTable, Role, UNREAD};
use crate::text_fit::{
    agreed, choices_by_sums, keep_used, readings_of, retain_marked, within_ranges, Readings, Template,
};
use crate::text_lines::is_page_number;
use crate::text_table::BodyLine;

/// A column set this module reads: its amount columns, their sums, and
/// the `其中` columns, each with the column it is part of.
struct Columns {
    template: Template,
    /// `(part, whole)`: column `part` holds no more than column `whole`.
    within: Vec<(usize, usize)>,
    /// The 人员经费 and 公用经费 columns, when the table splits 基本支出 so.
    staff_and_office: Option<(usize, usize)>,
    /// Its rows may open with a whole code before the name (`2050803 培训支出`)
    /// rather than a pair.
    codes_apart: bool,
}

/// The column set of the table `key` whose header reads `header`
/// (squeezed), when it is one this module knows.
///
/// `合计 基本支出 项目支出 其中 事业单位经营支出 上缴上级支出 对附属单位补助支出`
/// (支出总表) is those six columns, 合计 = 基本支出 + 项目支出 and each `其中`
/// column within 合计; `合计 人员经费 公用经费` (基本支出表) is 合计 = 人员经费 +
/// 公用经费; `合计 基本支出 项目支出 小计 人员经费 公用经费 项目支出总数
/// 扣除基建项目后预算数` (一般公共预算支出表) is 合计 = 小计 + 项目支出总数, 小计 =
/// 人员经费 + 公用经费, 扣除基建项目后预算数 within 项目支出总数.
fn columns(key: TableKey, header: &str) -> Option<Columns> {
    let has = |w: &str| header.contains(w);
    let paths = |p: &[&str]| p.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    match key {
        TableKey::ExpenseSummary if has("合计") && has("基本支出") && has("项目支出") && !has("人员经费") =>
        {
            let mut p = paths(&["合计", "基本支出", "项目支出"]);
            let parts = ["事业单位经营支出", "上缴上级支出", "对附属单位补助支出"];
            p.extend(parts.iter().filter(|w| has(w)).map(|w| format!("其中/{w}")));
            if !has("其中") && p.len() > 3 {
                return None;
            }
            let within = (3..p.len()).map(|c| (c, 0)).collect();
            let template = Template { paths: p, sums: vec![(0, vec![1, 2])] };
            Some(Columns { template, within, staff_and_office: None, codes_apart: false })
        }
        TableKey::GeneralBudgetBasicExpenseByEconomic
            if has("合计") && has("人员经费") && has("公用经费") && !has("项目支出") =>
        {
            let template =
                Template { paths: paths(&["合计", "人员经费", "公用经费"]), sums: vec![(0, vec![1, 2])] };
            Some(Columns { template, within: Vec::new(), staff_and_office: Some((1, 2)), codes_apart: false })
        }
        TableKey::GeneralBudgetExpenseByFunction
            if has("合计")
                && has("人员经费")
                && has("公用经费")
                && has("项目支出总数")
                && has("扣除基建项目后预算数") =>
        {
            let p = paths(&[
                "合计",
                "基本支出/小计",
                "基本支出/人员经费",
                "基本支出/公用经费",
                "项目支出/项目支出总数",
                "项目支出/扣除基建项目后预算数",
            ]);
            let template = Template { paths: p, sums: vec![(0, vec![1, 4]), (1, vec![2, 3])] };
            Some(Columns { template, within: vec![(5, 4)], staff_and_office: Some((2, 3)), codes_apart: true })
        }
        _ => None,
    }
}

/// A `code-name` pair opening a label cell: three to nine digits, a hyphen,
/// a name (`50502-商品和服务支出`); the code and the name.
fn pair(word: &str) -> Option<(&str, &str)> {
    let (code, name) = word.split_once('-')?;
    let digits = (3..=9).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_digit());
    (digits && !name.is_empty() && !name.starts_with(|c: char| c.is_ascii_digit())).then_some((code, name))
}

/// A whole code before its name (`2050803 培训支出`): three to seven digits.
pub(crate) fn whole_code(word: &str) -> bool {
    (3..=7).contains(&word.len()) && word.bytes().all(|b| b.is_ascii_digit())
}

/// An amount as these templates print it: with decimals (`1,410.093600`).
pub(crate) fn is_amount(word: &str) -> bool {
    word.contains('.') && amount(word).is_some()
}

/// One row: its label cells (each a pair as printed, or a code and then
/// its name), its amounts, its page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Row {
    cells: Vec<String>,
    amounts: Vec<String>,
    page: u32,
    /// A total row (`合    计`).
    total: bool,
}

/// How a line reads.
#[derive(Debug, PartialEq, Eq)]
enum LineKind {
    /// Opens a row: a pair or a whole code first.
    Opens,
    /// A total label and amounts (`合    计 131,905.904856 …`).
    Total,
    /// Anything else: the rest of a wrapped row, or header words.
    Other,
}

/// The label words and amounts of a line; `None` when a word follows the
/// amounts that is none. An amount run into the name before it
/// (`30108-机关事业单位基本养老保险缴费642.962048`) is a word of its own.
fn split_line(text: &str) -> Option<(Vec<&str>, Vec<String>)> {
    let words: Vec<&str> = text
        .split_whitespace()
        .flat_map(|w| match glued_amount(w) {
            Some((label, number)) => vec![label, number],
            None => vec![w],
        })
        .collect();
    let first = words.iter().position(|w| is_amount(w)).unwrap_or(words.len());
    let amounts = &words[first..];
    if !amounts.iter().all(|w| is_amount(w)) {
        return None;
    }
    Some((words[..first].to_vec(), amounts.iter().map(|w| w.to_string()).collect()))
}

fn kind_of(labels: &[&str], amounts: &[String]) -> LineKind {
    let opens = labels.first().is_some_and(|w| pair(w).is_some())
        || (labels.len() >= 2 && whole_code(labels[0]) && pair(labels[1]).is_none() && !whole_code(labels[1]));
    if opens {
        LineKind::Opens
    } else if !amounts.is_empty() && after_total_label(&squeeze(&labels.concat())).is_some_and(str::is_empty) {
        LineKind::Total
    } else {
        LineKind::Other
    }
}

/// Adds a line's label words to a row's cells: a pair opens a cell, other
/// words continue the last one (a name printed with a space, or wrapped:
/// `3021205-教学类因公出国 （境）费用`).
fn add_labels(cells: &mut Vec<String>, labels: &[&str], whole: bool) {
    for (i, w) in labels.iter().enumerate() {
        let opens = pair(w).is_some() || (whole && i <= 1 && cells.len() < 2);
        match cells.last_mut() {
            Some(last) if !opens => last.push_str(w),
            _ => cells.push(w.to_string()),
        }
    }
}

/// The rows of the data lines; `None` when a line is of another layout.
fn rows(data: &[BodyLine<'_>]) -> Option<Vec<Row>> {
    let mut out: Vec<Row> = Vec::new();
    for l in data.iter().filter(|l| !is_page_number(l.text)) {
        let (labels, amounts) = split_line(l.text)?;
        match kind_of(&labels, &amounts) {
            LineKind::Opens => {
                let whole = pair(labels[0]).is_none();
                let mut row = Row { page: l.page, ..Row::default() };
                add_labels(&mut row.cells, &labels, whole);
                row.amounts = amounts;
                out.push(row);
            }
            LineKind::Total => out.push(Row { cells: vec!["合计".into()], amounts, page: l.page, total: true }),
            LineKind::Other => match out.last_mut() {
                // The rest of a row whose cells wrap before its amounts.
                Some(last) if last.amounts.is_empty() && !last.total => {
                    add_labels(&mut last.cells, &labels, false);
                    last.amounts = amounts;
                }
                // Header words printed again on a new page, the unit line.
                _ if amounts.is_empty() => {}
                _ => return None,
            },
        }
    }
    Some(out)
}

/// The label columns' names: the header's words ending in `科目`
/// (`支出功能分类科目 政府支出经济分类科目 部门支出经济分类科目`).
fn label_names(header: &[&str]) -> Vec<String> {
    header.iter().flat_map(|l| l.split_whitespace()).filter(|w| w.ends_with("科目")).map(str::to_string).collect()
}

/// The readings of a row that keep each `其中` column within its whole.
fn within_wholes(found: Readings, within: &[(usize, usize)]) -> Readings {
    let v = |r: &[String], c: usize| amount(&r[c]).unwrap_or_default();
    found.into_iter().filter(|r| within.iter().all(|&(p, w)| v(r, p) <= v(r, w))).collect()
}

/// What the standard economic classification says of a row's basic
/// expense: a code of class `301` (工资福利支出) is 人员经费, `302`
/// (商品和服务支出) and `310` (资本性支出) are 公用经费. `None` for another
/// class (`303` 对个人和家庭的补助 is 人员经费 in most documents, not all) or no
/// such code.
fn staff_or_office(cells: &[String]) -> Option<bool> {
    let codes = cells.iter().filter_map(|c| pair(c).map(|(code, _)| code));
    let classes: Vec<&str> = codes.filter(|c| c.len() >= 5 && c.starts_with('3')).collect();
    match classes[..] {
        [code] => class_says(code),
        _ => None,
    }
}

/// What the standard economic classification says of the basic expense
/// of the economic code `code` (a class, `301`, or an item, `30101`):
/// 人员经费 (`true`) for 工资福利支出, 公用经费 for 商品和服务支出 and 资本性支出.
pub(crate) fn class_says(code: &str) -> Option<bool> {
    match code.get(..3).filter(|_| code.len() >= 3 && code.bytes().all(|b| b.is_ascii_digit())) {
        Some("301") => Some(true),
        Some("302") | Some("310") => Some(false),
        _ => None,
    }
}

/// Keeps the readings whose basic expense is in the column the economic
/// class names, the other column blank, when some are.
fn by_economic_class(found: Readings, cells: &[String], staff_and_office: Option<(usize, usize)>) -> Readings {
    let (Some(columns), Some(is_staff)) = (staff_and_office, staff_or_office(cells)) else { return found };
    by_class(found, is_staff, columns)
}

/// Keeps the readings whose basic expense is in 人员经费 (`is_staff`) or
/// 公用经费, the other of `(staff, office)` blank, when some are.
pub(crate) fn by_class(found: Readings, is_staff: bool, (staff, office): (usize, usize)) -> Readings {
    let (keep, clear) = if is_staff { (staff, office) } else { (office, staff) };
    let fits = |r: &Vec<String>| r[clear].is_empty() && !r[keep].is_empty();
    let kept: Readings = found.iter().filter(|r| fits(r)).cloned().collect();
    if kept.is_empty() {
        found
    } else {
        kept
    }
}

/// Narrows the readings of rows in doubt by the total row: a list whose
/// codes extend none of the others' (`2050305`, `21298`; pairs of economic
/// codes) is summed by its one total row in every column, exactly (the
/// amounts are printed to their last unit). A reading is kept while some
/// choice for the other rows in doubt makes every column's sum the total's;
/// nothing is narrowed when no choice does, a row fits in no way, or the
/// choices come to too many sums to search ([`choices_by_sums`]).
fn narrow_by_total(tpl: &Template, rows: &[Row], readings: &mut [Option<Readings>]) {
    let totals: Vec<usize> = (0..rows.len()).filter(|&i| rows[i].total).collect();
    let [total] = totals[..] else { return };
    let first = |r: &Row| r.cells.first().and_then(|c| pair(c).map(|(code, _)| code.to_string()));
    let codes: Vec<String> = rows.iter().filter(|r| !r.total).filter_map(first).collect();
    let nested = codes.iter().any(|a| codes.iter().any(|b| b.len() > a.len() && b.starts_with(a.as_str())));
    let Some(Some([sum])) = readings.get(total).map(|r| r.as_deref()) else { return };
    if nested || readings.iter().any(Option::is_none) {
        return;
    }
    let value = |cells: &[String], c: usize| amount(&cells[c]).unwrap_or_default();
    let n = sum.len();
    let open: Vec<usize> = (0..rows.len()).filter(|&i| readings[i].as_ref().is_some_and(|r| r.len() > 1)).collect();
    if open.is_empty() {
        return;
    }
    // What the settled rows hold, and what the open ones must make up.
    let mut rest: Vec<_> = (0..n).map(|c| value(sum, c)).collect();
    for (i, r) in readings.iter().enumerate() {
        if let Some([one]) = r.as_deref().filter(|_| i != total) {
            (0..n).for_each(|c| rest[c] -= value(one, c));
        }
    }
    // The open rows' readings as amounts, read once: `values[k][p][c]`.
    let values: Vec<Vec<Vec<Decimal>>> = open
        .iter()
        .map(|&i| {
            let found = readings[i].as_deref().unwrap_or_default();
            found.iter().map(|cells| (0..n).map(|c| value(cells, c)).collect()).collect()
        })
        .collect();
    let exactly = |rest: &[Decimal]| -> Vec<(Option<Decimal>, Option<Decimal>)> {
        rest.iter().map(|&r| (Some(r), Some(r))).collect()
    };
    let Some(mut used) = choices_by_sums(&values, &exactly(&rest)) else { return };
    if used.iter().all(|u| !u.contains(&true)) {
        // Each part the rows may leave out, and the readings some choice
        // under it uses: a reading stays where some part's choice keeps it.
        for ranges in parts_left_out(tpl, sum, &rest, &values) {
            let Some(fit) = choices_by_sums(&values, &ranges) else { return };
            for (u, f) in used.iter_mut().zip(fit) {
                u.iter_mut().zip(f).for_each(|(u, f)| *u |= f);
            }
        }
    }
    keep_used(readings, &open, &used);
}

/// What the rows in doubt must make up in each column, for each part of
/// 合计 the rows printed may leave out: their 合计 (which every reading of
/// a row agrees on) falls short of the total row's, as where a document
/// leaves out projects it does not publish (北京's 一般公共预算支出表 listing
/// 2,074.25 of basic expense under a 合计 of 9,151.31, whose 项目支出 is the
/// 7,077.06 short). If the rows left out are all of one part (项目支出), the
/// shortfall comes off 合计 and off that part, the columns of 合计's other
/// parts (基本支出, 人员经费, 公用经费) still add up exactly, and the columns
/// within the part left out (扣除基建项目后预算数) are not known. A part
/// whose total is less than the shortfall is none of them; so is any where
/// 合计 has more than one set of parts. Empty where the rows are not short.
fn parts_left_out(
    tpl: &Template,
    sum: &[String],
    rest: &[Decimal],
    values: &[Vec<Vec<Decimal>>],
) -> Vec<Vec<(Option<Decimal>, Option<Decimal>)>> {
    let Some(parts) = parts_of_total(tpl) else { return Vec::new() };
    let agreed = values.iter().map(|found| {
        let first = found.first()?.first().copied()?;
        found.iter().all(|v| v.first() == Some(&first)).then_some(first)
    });
    let Some(listed) = agreed.sum::<Option<Decimal>>() else { return Vec::new() };
    let short = rest[0] - listed;
    let printed = |c: usize| amount(&sum[c]).unwrap_or_default();
    if short <= Decimal::ZERO || short == printed(0) {
        return Vec::new();
    }
    let exact = |d: Decimal| (Some(d), Some(d));
    parts
        .iter()
        .filter(|&&left| printed(left) >= short)
        .map(|&left| {
            let kept = other_parts(tpl, parts, left);
            (0..rest.len())
                .map(|c| match c {
                    _ if c == 0 || c == left => exact(rest[c] - short),
                    _ if kept.contains(&c) => exact(rest[c]),
                    _ => (None, None),
                })
                .collect()
        })
        .collect()
}

/// The parts of 合计 (column 0), where the template sums it one way only.
fn parts_of_total(tpl: &Template) -> Option<&[usize]> {
    match tpl.sums.iter().filter(|(total, _)| *total == 0).collect::<Vec<_>>()[..] {
        [(_, parts)] => Some(parts),
        _ => None,
    }
}

/// Column `c` and every column within it, by the template's sums.
fn within(tpl: &Template, c: usize) -> Vec<usize> {
    let mut cols = vec![c];
    let mut k = 0;
    while k < cols.len() {
        let under = tpl.sums.iter().filter(|(t, _)| *t == cols[k]).flat_map(|(_, p)| p.iter().copied());
        let fresh: Vec<usize> = under.filter(|p| !cols.contains(p)).collect();
        cols.extend(fresh);
        k += 1;
    }
    cols
}

/// The columns a table's rows still hold whole where their 合计 falls
/// short of the total row's, for each part of 合计 that can be the one
/// left out (its total holds the shortfall): those within 合计's other
/// parts. 北京's 支出总表 listing 29,117.62 of 110,896.62, whose 基本支出 is
/// 11,161.56: the 81,779.00 left out can only be 项目支出, and 基本支出 is
/// all there. Empty where the rows are not short, or a row's 合计 is in
/// doubt.
fn whole_columns(
    tpl: &Template,
    rows: &[Row],
    readings: &[Option<Readings>],
    total: Option<&[String]>,
) -> Vec<Vec<usize>> {
    let Some(total) = total else { return Vec::new() };
    let Some(parts) = parts_of_total(tpl) else { return Vec::new() };
    let (Some(listed), Some(whole)) = (listed(rows, readings), amount(&total[0])) else { return Vec::new() };
    let short = whole - listed;
    let printed = |c: usize| amount(&total[c]).unwrap_or_default();
    if short <= Decimal::ZERO {
        return Vec::new();
    }
    parts.iter().copied().filter(|&p| printed(p) >= short).map(|left| other_parts(tpl, parts, left)).collect()
}

/// The columns within the parts of 合计 other than `left`.
fn other_parts(tpl: &Template, parts: &[usize], left: usize) -> Vec<usize> {
    parts.iter().filter(|&&p| p != left).flat_map(|&p| within(tpl, p)).collect()
}

/// How a row of two tables is matched: by its function code, or by its
/// economic codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum KeyKind {
    /// The first label's code (`2010801-行政运行`, `2010801 行政运行`).
    Function,
    /// The codes of the other labels' pairs (`50101-工资奖金津补贴
    /// 30101-基本工资`).
    Economic,
}

/// A column of another table that bounds a column of this one key by key:
/// this table, its column, the other table, its column, how rows match,
/// and whether this column holds at least (else at most) the other's.
/// 一般公共预算 is one of the funds 支出总表 sums, so what a 一般公共预算 table
/// has of a function or an economic class, 支出总表 has at least as much of
/// in the same column: 一般公共预算基本支出表's 合计 by economic class within
/// 支出总表's 基本支出, 一般公共预算支出表's 基本支出 and 项目支出 by function
/// within 支出总表's. Each table is bounded by the other's reading: the
/// first reading of a table printed after it, the second of one before.
const BOUNDS: &[(TableKey, &str, TableKey, &str, KeyKind, bool)] = &[
    (
        TableKey::ExpenseSummary,
        "基本支出",
        TableKey::GeneralBudgetBasicExpenseByEconomic,
        "合计",
        KeyKind::Economic,
        true,
    ),
    (
        TableKey::ExpenseSummary,
        "基本支出",
        TableKey::GeneralBudgetExpenseByFunction,
        "基本支出/小计",
        KeyKind::Function,
        true,
    ),
    (
        TableKey::ExpenseSummary,
        "项目支出",
        TableKey::GeneralBudgetExpenseByFunction,
        "项目支出/项目支出总数",
        KeyKind::Function,
        true,
    ),
    (
        TableKey::GeneralBudgetExpenseByFunction,
        "基本支出/小计",
        TableKey::ExpenseSummary,
        "基本支出",
        KeyKind::Function,
        false,
    ),
    (
        TableKey::GeneralBudgetExpenseByFunction,
        "项目支出/项目支出总数",
        TableKey::ExpenseSummary,
        "项目支出",
        KeyKind::Function,
        false,
    ),
];

/// One bound on a column of this table (see [`BOUNDS`]).
#[derive(Clone)]
struct Bound {
    /// How this table's rows match the other's.
    kind: KeyKind,
    column: usize,
    /// The least and the most the other table has of each key (summed over
    /// its rows; the same where every row of the key is settled).
    by_key: BTreeMap<Vec<String>, Range>,
    /// The keys whose figure the other table leaves in doubt, with no range
    /// to put it in: not bounded.
    unknown: BTreeSet<Vec<String>>,
    at_least: bool,
    /// How far, at most, a key's sum is from the other's figure: the
    /// difference of the two tables' totals in the column. Each key's sum
    /// is at least (or at most) the other's, so no key differs by more than
    /// all keys together: where the totals are equal, every key's sum is
    /// the other's exactly; where they differ by 23.45, no row of 109.40
    /// goes to a key the other table has nothing of. `None` where a total
    /// is not printed.
    slack: Option<Decimal>,
    /// A key the other table has no figure for has zero there (else it is
    /// not known, and not bounded).
    missing_is_zero: bool,
}

/// The key of a row of this table.
fn row_key(r: &Row, kind: KeyKind) -> Vec<String> {
    let code = |c: &String| pair(c).map(|(code, _)| code.to_string());
    match kind {
        KeyKind::Function => {
            let first = r.cells.first();
            let whole = first.filter(|c| whole_code(c)).cloned();
            first.and_then(code).or(whole).into_iter().collect()
        }
        KeyKind::Economic => r.cells.iter().skip(1).filter_map(code).collect(),
    }
}

/// The key of a row of another table: its code, and for economic keys the
/// codes of its text cells' pairs.
fn table_row_key(t: &Table, r: &budget_model::Row, kind: KeyKind) -> Option<Vec<String>> {
    let mut key = vec![r.code.clone()?];
    if kind == KeyKind::Economic {
        let texts = t.columns.iter().zip(&r.cells).filter(|(c, _)| c.kind == budget_model::ColumnKind::Text);
        let pairs = texts.filter_map(|(_, cell)| match cell {
            budget_model::Cell::Text(text) => pair(text).map(|(code, _)| code.to_string()),
            _ => None,
        });
        key.extend(pairs);
    }
    Some(key)
}

/// The other table's figure in column `column` of row `r`, when it is
/// certain: the total column printed, or a part of it in a row whose total
/// is the sum of its parts (columns without `/`; a blank is zero), or one
/// its reader placed and did not leave in doubt (`基本支出/小计` of a row
/// whose 人员经费 and 公用经费 are unread).
fn settled_figure(t: &Table, r: &budget_model::Row, column: usize) -> Option<Decimal> {
    use budget_model::Cell;
    let total = t.amount_columns().find(|&c| t.columns[c].path == "合计")?;
    let sum = r.amount(total)?;
    if column == total {
        return Some(sum);
    }
    let parts = t.amount_columns().filter(|&c| c != total && !t.columns[c].path.contains('/'));
    let parts: Decimal = parts.map(|c| r.amount(c).unwrap_or_default()).sum();
    let placed = || t.amount_columns().any(|c| c != total && !matches!(r.cells.get(c), Some(Cell::Blank) | None));
    match r.cells.get(column) {
        Some(Cell::Unread) | None => None,
        _ if parts == sum || placed() => Some(r.amount(column).unwrap_or_default()),
        _ => None,
    }
}

/// The other table's total row's figure in `column`: its one row without a
/// code named 合计 or 总计.
fn total_figure(t: &Table, column: usize) -> Option<Decimal> {
    let mut totals = t.rows.iter().filter(|r| r.code.is_none() && is_total_word(squeeze(&r.name).as_str()));
    match (totals.next(), totals.next()) {
        (Some(r), None) => r.amount(column),
        _ => None,
    }
}

/// Whether the rows read are the whole table: the total row's first column
/// (合计, certain in every reading) is the sum of the rows'. Rows lost from
/// the text would make a key's sum too small for a bound from below.
fn rows_complete(rows: &[Row], readings: &[Option<Readings>], total: Option<&[String]>) -> bool {
    let Some(total) = total.and_then(|t| amount(&t[0])) else { return false };
    listed(rows, readings) == Some(total)
}

/// What the rows other than the total hold in the first column (合计),
/// where every reading of each row agrees on it.
fn listed(rows: &[Row], readings: &[Option<Readings>]) -> Option<Decimal> {
    let firsts = (0..rows.len()).filter(|&i| !rows[i].total).map(|i| {
        let found = readings[i].as_ref().filter(|r| !r.is_empty())?;
        let first = amount(&found[0][0]).unwrap_or_default();
        found.iter().all(|r| amount(&r[0]).unwrap_or_default() == first).then_some(first)
    });
    firsts.sum()
}

/// The other table `t`'s figures in `column` by key, each as the least and
/// the most it may be; the keys of a row whose figure is not known at all;
/// the column's total; and whether the rows are all of the table (their
/// 合计 adds up to the total row's). Rows short of the total still have at
/// least their own figures of each key. `None` where all rows are and the
/// keys' ranges do not take the total in.
///
/// A row's figure left in doubt (unread) lies between nothing and its
/// 合计 where the table prints no negative amount: every other column is
/// a part of 合计 (基本支出 and 项目支出, a `其中` column, 人员经费 within
/// 小计). So a key whose 289.99 row is in doubt has at most 289.99 of
/// 项目支出, and bounds the rows of the key in the table it bounds by that.
type Figures = (BTreeMap<Vec<String>, Range>, BTreeSet<Vec<String>>, Decimal, bool);

/// The least and the most a figure may be.
type Range = (Decimal, Decimal);

fn add_ranges(a: Range, b: Range) -> Range {
    (a.0 + b.0, a.1 + b.1)
}

/// Whether the table prints a negative amount anywhere: a figure in doubt
/// is then not known to lie within its row's 合计.
fn prints_negative(t: &Table) -> bool {
    t.rows.iter().any(|r| t.amount_columns().any(|c| r.amount(c).is_some_and(|v| v.is_sign_negative())))
}

/// Row `r`'s figure in `column` as a range: the settled figure, else (in a
/// table printing no negative amount) between nothing and the row's 合计
/// `whole`; `None` where nothing bounds it.
fn figure_range(t: &Table, r: &budget_model::Row, column: usize, whole: Decimal, negative: bool) -> Option<Range> {
    match settled_figure(t, r, column) {
        Some(v) => Some((v, v)),
        None => (!negative).then_some((Decimal::ZERO, whole)),
    }
}

fn figures_by_key(t: &Table, column: usize, kind: KeyKind) -> Option<Figures> {
    let sum_column = t.amount_columns().find(|&c| t.columns[c].path == "合计")?;
    let (mut by_key, mut unknown) = (BTreeMap::<Vec<String>, Range>::new(), BTreeSet::new());
    let mut sums = Decimal::ZERO;
    let coded: Vec<&budget_model::Row> = t.rows.iter().filter(|r| r.code.is_some()).collect();
    let negative = prints_negative(t);
    for r in &coded {
        let key = table_row_key(t, r, kind)?;
        let whole = r.amount(sum_column)?;
        sums += whole;
        match figure_range(t, r, column, whole, negative) {
            Some(range) => {
                let e = by_key.entry(key).or_default();
                *e = add_ranges(*e, range);
            }
            None => {
                unknown.insert(key);
            }
        }
    }
    unknown.iter().for_each(|k| {
        by_key.remove(k);
    });
    let whole = total_figure(t, column)?;
    let complete = total_figure(t, sum_column) == Some(sums);
    let (least, most) = by_key.values().fold(Range::default(), |a, &v| add_ranges(a, v));
    if coded.is_empty() || (complete && unknown.is_empty() && !(least <= whole && whole <= most)) {
        return None;
    }
    Some((by_key, unknown, whole, complete))
}

/// The bounds the document's other tables put on this table's columns:
/// only from a table of the same unit whose keys all have rows here where
/// this table must hold at least the other's figure. A table whose rows do
/// not make its total bounds this one from below only.
fn bounds(
    key: TableKey,
    tpl: &Template,
    rows: &[Row],
    total: Option<&[String]>,
    unit: Option<Decimal>,
    others: &[&Table],
) -> Vec<Bound> {
    let mut out = Vec::new();
    for &(_, leaf, other_key, other_leaf, k, at_least) in BOUNDS.iter().filter(|b| b.0 == key) {
        let Some(column) = tpl.paths.iter().position(|p| p == leaf) else { continue };
        let mut found = others.iter().filter(|o| o.key == other_key);
        let (Some(other), None) = (found.next(), found.next()) else { continue };
        let Some(other_column) = other.amount_columns().find(|&c| other.columns[c].path == other_leaf) else {
            continue;
        };
        if other.yuan_per_unit() != unit {
            continue;
        }
        let Some((by_key, unknown, whole, complete)) = figures_by_key(other, other_column, k) else { continue };
        // The other's rows short of its total: their figures are only the
        // least it has of each key, so they bound this table from below.
        if !complete && !at_least {
            continue;
        }
        let here: Vec<Vec<String>> = rows.iter().filter(|r| !r.total).map(|r| row_key(r, k)).collect();
        let keys = || by_key.keys().chain(&unknown);
        if here.iter().any(Vec::is_empty) || (at_least && keys().any(|key| !here.contains(key))) {
            continue;
        }
        let printed = total.and_then(|t| amount(&t[column]));
        let slack = printed.map(|p| if at_least { p - whole } else { whole - p });
        if slack.is_some_and(|s| s < Decimal::ZERO) {
            // The totals contradict the bound: one of the tables is misread.
            continue;
        }
        let equal = slack.is_some_and(|s| s.is_zero());
        if equal && !at_least && by_key.iter().any(|(key, v)| !v.0.is_zero() && !here.contains(key)) {
            continue;
        }
        let slack = slack.filter(|_| complete);
        out.push(Bound { kind: k, column, by_key, unknown, at_least, slack, missing_is_zero: true });
    }
    if key == TableKey::GeneralBudgetExpenseByFunction {
        out.extend(staff_and_office_bounds(tpl, total, unit, others));
    }
    out
}

/// The one table of `key` among `others`, of the unit `unit`.
fn the_table<'t>(others: &[&'t Table], key: TableKey, unit: Option<Decimal>) -> Option<&'t Table> {
    let mut found = others.iter().filter(|o| o.key == key);
    match (found.next(), found.next()) {
        (Some(t), None) if t.yuan_per_unit() == unit => Some(t),
        _ => None,
    }
}

/// The column of `t` whose path is `path`.
fn column_of(t: &Table, path: &str) -> Option<usize> {
    t.amount_columns().find(|&c| t.columns[c].path == path)
}

/// 人员经费 and 公用经费 of a 一般公共预算支出表 by function, from 支出总表's
/// 基本支出 by function and economic class and 一般公共预算基本支出表's split
/// of each class: a class whose basic expense is all 人员经费 (or all
/// 公用经费) there is so under every function and of every fund, and
/// 支出总表 holds every fund's. So each function's 人员经费 here is at most
/// 支出总表's of its classes, and short of it by no more than 支出总表's
/// 基本支出 total is above this table's (zero where every basic expense is
/// of 一般公共预算). A row whose basic expense is in doubt has between
/// nothing and its 合计 of it; a function with a row of a class split both
/// ways (or in doubt in a table printing a negative amount) is not
/// bounded.
fn staff_and_office_bounds(
    tpl: &Template,
    total: Option<&[String]>,
    unit: Option<Decimal>,
    others: &[&Table],
) -> Vec<Bound> {
    let none = Vec::new();
    let (Some(all), Some(basic)) = (
        the_table(others, TableKey::ExpenseSummary, unit),
        the_table(others, TableKey::GeneralBudgetBasicExpenseByEconomic, unit),
    ) else {
        return none;
    };
    let (Some(all_sum), Some(all_basic), Some(b_total), Some(b_staff), Some(b_office)) = (
        column_of(all, "合计"),
        column_of(all, "基本支出"),
        column_of(basic, "合计"),
        column_of(basic, "人员经费"),
        column_of(basic, "公用经费"),
    ) else {
        return none;
    };
    let (Some(staff), Some(office), Some(subtotal)) = (
        tpl.paths.iter().position(|p| p == "基本支出/人员经费"),
        tpl.paths.iter().position(|p| p == "基本支出/公用经费"),
        tpl.paths.iter().position(|p| p == "基本支出/小计"),
    ) else {
        return none;
    };
    let printed = |c: usize| total.and_then(|t| amount(&t[c]));
    // How far 支出总表's basic expense is above this table's (its total row,
    // else 一般公共预算基本支出表's: both are 一般公共预算's basic expense).
    let here_basic = printed(subtotal).or_else(|| total_figure(basic, b_total));
    let (Some(all_basic_total), Some(here_basic)) = (total_figure(all, all_basic), here_basic) else {
        return none;
    };
    let slack = all_basic_total - here_basic;
    if slack < Decimal::ZERO {
        return none;
    }
    // Each class's split, its rows settled and summed to the total row.
    let mut split: BTreeMap<Vec<String>, (Decimal, Decimal)> = BTreeMap::new();
    let mut sum = Decimal::ZERO;
    for r in basic.rows.iter().filter(|r| r.code.is_some()) {
        let (Some(key), Some(t), Some(p), Some(o)) = (
            table_row_key(basic, r, KeyKind::Economic),
            settled_figure(basic, r, b_total),
            settled_figure(basic, r, b_staff),
            settled_figure(basic, r, b_office),
        ) else {
            return none;
        };
        sum += t;
        let e = split.entry(key).or_default();
        e.0 += p;
        e.1 += o;
    }
    if total_figure(basic, b_total) != Some(sum) {
        return none;
    }
    // Each function's basic expense by class, as the least and the most it
    // may be, where every row of it is of a class split one way (a row in
    // doubt between nothing and its 合计, in a table of no negative amount);
    // the rows all of the table.
    let negative = prints_negative(all);
    type Split = (Range, Range);
    let mut by_function: BTreeMap<Vec<String>, Option<Split>> = BTreeMap::new();
    let mut all_rows = Decimal::ZERO;
    for r in all.rows.iter().filter(|r| r.code.is_some()) {
        let (Some(key), Some(whole)) = (table_row_key(all, r, KeyKind::Economic), r.amount(all_sum)) else {
            return none;
        };
        all_rows += whole;
        let b = figure_range(all, r, all_basic, whole, negative);
        let class = split.get(&key[1..]).and_then(|&(p, o)| match (p.is_zero(), o.is_zero()) {
            (false, true) => Some(true),
            (true, false) => Some(false),
            _ => None,
        });
        let e = by_function.entry(key[..1].to_vec()).or_insert(Some(Default::default()));
        *e = match (b, *e, class) {
            (Some(b), e, _) if b.1.is_zero() => e,
            (Some(b), Some(e), Some(true)) => Some((add_ranges(e.0, b), e.1)),
            (Some(b), Some(e), Some(false)) => Some((e.0, add_ranges(e.1, b))),
            _ => None,
        };
    }
    if total_figure(all, all_sum) != Some(all_rows) {
        return none;
    }
    // Where every function is known, this table's total row is within them.
    if let Some(whole) = by_function.values().copied().collect::<Option<Vec<_>>>() {
        let (p, o) = whole.iter().fold(Split::default(), |a, v| (add_ranges(a.0, v.0), add_ranges(a.1, v.1)));
        let short = |c: usize, (least, most): Range| printed(c).is_none_or(|v| v > most || least - v > slack);
        if short(staff, p) || short(office, o) {
            return none;
        }
    }
    let unknown: BTreeSet<Vec<String>> =
        by_function.iter().filter(|(_, v)| v.is_none()).map(|(k, _)| k.clone()).collect();
    let known = |pick: fn(&Split) -> Range| {
        by_function.iter().filter_map(|(k, v)| v.as_ref().map(|v| (k.clone(), pick(v)))).collect()
    };
    let bound = |column: usize, by_key: BTreeMap<Vec<String>, Range>| Bound {
        kind: KeyKind::Function,
        column,
        by_key,
        unknown: unknown.clone(),
        at_least: false,
        slack: Some(slack),
        missing_is_zero: false,
    };
    vec![bound(staff, known(|v| v.0)), bound(office, known(|v| v.1))]
}

/// Narrows the readings of rows in doubt by what the document's other
/// tables have of the same key (see [`BOUNDS`]): the rows of a key are
/// tried together, and a reading is kept while some choice for the key's
/// other rows in doubt keeps every bounded column's sum within its bound
/// and its slack (equal to it where the two tables' totals are equal).
/// Rows that do not make their total are bounded from above only. Nothing
/// is narrowed in a key where a row fits in no way, no choice holds, or the
/// choices come to too many sums to search.
fn narrow_by_others(
    key: TableKey,
    rows: &[Row],
    readings: &mut [Option<Readings>],
    tpl: &Template,
    unit: Option<Decimal>,
    others: &[&Table],
) {
    // The total row's cells every reading of it agrees on (blank where
    // they differ: a `其中` column's figure may be any of them).
    let total_reading = rows.iter().position(|r| r.total).and_then(|i| {
        let found = readings[i].as_ref().filter(|f| !f.is_empty())?;
        let agree = |c: usize| found.iter().all(|r| r[c] == found[0][c]).then(|| found[0][c].clone());
        Some((0..tpl.paths.len()).map(|c| agree(c).unwrap_or_default()).collect::<Vec<String>>())
    });
    let bounds = bounds(key, tpl, rows, total_reading.as_deref(), unit, others);
    if rows_complete(rows, readings, total_reading.as_deref()) {
        narrow_in_passes(rows, readings, &bounds);
        return;
    }
    // Rows short of the total (lost from the text, or left out by the
    // document: 北京's 一般公共预算支出表 listing 96,908.60 under a total of
    // 98,333.67) hold no more of a key than the rows of a complete table:
    // only the bounds from above stand, without the totals' difference
    // below them. Where the rows left out can be all of one part of 合计
    // (项目支出), the columns of the other parts are whole and keep their
    // bounds; where more than one part can be, each is tried, and a part
    // whose bounds the rows contradict is not the one left out. A reading
    // stays where some part left standing keeps it; where none stands, only
    // the bounds from above hold.
    let held = |whole: &[usize]| -> Vec<Bound> {
        let mut kept: Vec<Bound> =
            bounds.iter().filter(|b| whole.contains(&b.column) || !b.at_least).cloned().collect();
        kept.iter_mut().filter(|b| !whole.contains(&b.column)).for_each(|b| b.slack = None);
        kept
    };
    let parts = whole_columns(tpl, rows, readings, total_reading.as_deref());
    if parts.len() > 1 {
        let standing: Vec<Vec<Option<Readings>>> = parts
            .iter()
            .filter_map(|whole| {
                let mut tried = readings.to_vec();
                narrow_in_passes(rows, &mut tried, &held(whole)).then_some(tried)
            })
            .collect();
        // Each reading some part left standing keeps.
        if let Some((first, rest)) = standing.split_first() {
            for (i, found) in readings.iter_mut().enumerate() {
                let kept = |f: &Vec<String>| {
                    let has = |tried: &Vec<Option<Readings>>| tried[i].as_ref().is_some_and(|t| t.contains(f));
                    has(first) || rest.iter().any(has)
                };
                if let Some(found) = found.as_mut() {
                    found.retain(|f| kept(f));
                }
            }
            return;
        }
    }
    let whole = match &parts[..] {
        [one] => one.clone(),
        _ => Vec::new(),
    };
    narrow_in_passes(rows, readings, &held(&whole));
}

/// Narrows the rows' readings by `bounds`, key by key, the keys of one
/// kind and then the other's, until nothing changes; whether no key's
/// rows contradicted their limits.
fn narrow_in_passes(rows: &[Row], readings: &mut [Option<Readings>], bounds: &[Bound]) -> bool {
    let kinds: Vec<KeyKind> =
        [KeyKind::Function, KeyKind::Economic].into_iter().filter(|k| bounds.iter().any(|b| b.kind == *k)).collect();
    let mut consistent = true;
    // A row is of one key of each kind (支出总表's by function and by
    // economic class): what one kind's keys settle narrows the other's,
    // until nothing changes.
    for _ in 0..MAX_PASSES {
        let before = readings.to_vec();
        for &kind in &kinds {
            let mut groups: BTreeMap<Vec<String>, Vec<usize>> = BTreeMap::new();
            (0..rows.len())
                .filter(|&i| !rows[i].total)
                .for_each(|i| groups.entry(row_key(&rows[i], kind)).or_default().push(i));
            for (key, members) in groups {
                let limit = |b: &Bound| {
                    let (least, most) = match b.by_key.get(&key) {
                        Some(&v) => v,
                        None if b.unknown.contains(&key) || !b.missing_is_zero => return None,
                        None => (Decimal::ZERO, Decimal::ZERO),
                    };
                    Some(Limit { column: b.column, least, most, at_least: b.at_least, slack: b.slack })
                };
                let limits: Vec<Limit> = bounds.iter().filter(|b| b.kind == kind).filter_map(limit).collect();
                consistent &= narrow_group(readings, &members, &limits);
            }
        }
        if kinds.len() < 2 || readings == before.as_slice() {
            break;
        }
    }
    consistent
}

/// The most passes over the keys of two kinds.
const MAX_PASSES: usize = 4;

/// What another table says of one key's sum in one column: the least and
/// the most that table has of the key there, whether this table holds at
/// least (else at most) as much, and by how much at most the two differ
/// (see [`Bound`]).
#[derive(Debug, Clone, Copy)]
struct Limit {
    column: usize,
    least: Decimal,
    most: Decimal,
    at_least: bool,
    slack: Option<Decimal>,
}

impl Limit {
    /// The range the key's sum must fall in: from the other's least to its
    /// most and the slack, where this table holds at least as much; from
    /// its least less the slack to its most, where at most.
    fn range(&self) -> (Option<Decimal>, Option<Decimal>) {
        match self.at_least {
            true => (Some(self.least), self.slack.map(|s| self.most + s)),
            false => (self.slack.map(|s| self.least - s), Some(self.most)),
        }
    }
}

/// Narrows the readings of one key's rows `members` by `limits`. A
/// reading goes first where, with every other row at its least and at its
/// most, the key's sum cannot come within a limit (a key printed by 26
/// units, too many to try together: its 项目支出 is zero in the other
/// table, so no row of it is a project); then the choices left are
/// searched by their sums ([`choices_by_sums`]), where those are few
/// enough. Where some row would keep no reading, the limits contradict
/// the rows and nothing changes. Whether the rows did not contradict them.
fn narrow_group(readings: &mut [Option<Readings>], members: &[usize], limits: &[Limit]) -> bool {
    if members.iter().any(|&i| readings[i].as_ref().is_none_or(Vec::is_empty)) {
        return true;
    }
    // Each limit as the range the key's sum must fall in.
    let ranges: Vec<(Option<Decimal>, Option<Decimal>)> = limits.iter().map(Limit::range).collect();
    // The members' readings, narrowed here and written back at the end, and
    // as amounts in the limits' columns: `values[k][p][l]` for `limits[l]`.
    let mut narrowed: Vec<Readings> = members.iter().map(|&i| readings[i].clone().unwrap_or_default()).collect();
    let values_of = |narrowed: &[Readings]| -> Vec<Vec<Vec<Decimal>>> {
        let at = |cells: &Vec<String>| limits.iter().map(|l| amount(&cells[l.column]).unwrap_or_default()).collect();
        narrowed.iter().map(|found| found.iter().map(at).collect()).collect()
    };
    let Some(keep) = within_ranges(&values_of(&narrowed), &ranges) else { return false };
    narrowed.iter_mut().zip(&keep).for_each(|(found, k)| retain_marked(found, k));
    if narrowed.iter().any(|found| found.len() > 1) {
        if let Some(used) = choices_by_sums(&values_of(&narrowed), &ranges) {
            if used.iter().all(|u| !u.contains(&true)) {
                return false;
            }
            narrowed.iter_mut().zip(&used).for_each(|(found, u)| retain_marked(found, u));
        }
    }
    for (&i, found) in members.iter().zip(narrowed) {
        readings[i] = Some(found);
    }
    true
}

/// Each row's readings by its own amounts and labels, before any sum.
fn first_readings(cols: &Columns, rows: &[Row]) -> Vec<Option<Readings>> {
    let t = &cols.template;
    let of_row = |r: &Row| {
        let found = readings_of(t, &r.amounts).map(|f| within_wholes(f, &cols.within));
        found.map(|f| by_economic_class(f, &r.cells, cols.staff_and_office)).filter(|f| !f.is_empty())
    };
    rows.iter().map(of_row).collect()
}

/// Reads the table `raw` when its rows open with `code-name` pairs, or its
/// column set is one only this module knows, one row a line; returns
/// `false` (and leaves `raw` as it was) otherwise.
///
/// `others` are the document's tables printed before and after this one:
/// a column that another table bounds key by key narrows the rows in doubt
/// (see [`narrow_by_others`]).
pub(crate) fn read(
    raw: &mut RawTable,
    header: &[&str],
    data: &[BodyLine<'_>],
    others: (&[Table], &[Table]),
    findings: &mut Vec<Finding>,
) -> bool {
    let Some(cols) = columns(raw.title.key, &squeeze(&header.concat())) else { return false };
    let Some(rows) = rows(data) else { return false };
    let opened = rows.iter().filter(|r| !r.total).count();
    let paired = rows.iter().filter(|r| r.cells.first().is_some_and(|c| pair(c).is_some())).count();
    let names = label_names(header);
    let whole_layout = paired == 0 && cols.codes_apart;
    if opened < 2 || !(paired == opened || whole_layout) {
        return false;
    }
    let width = if whole_layout { 2 } else { names.len().max(1) };
    if rows.iter().any(|r| !r.total && r.cells.len() > width) {
        return false;
    }
    let t = &cols.template;
    let n = t.paths.len();
    let mut placed: Vec<Vec<String>> = Vec::with_capacity(rows.len());
    let mut readings = first_readings(&cols, &rows);
    let others: Vec<&Table> = others.0.iter().chain(others.1).collect();
    let unit = raw.unit.as_deref().and_then(yuan_per);
    narrow_by_others(raw.title.key, &rows, &mut readings, t, unit, &others);
    narrow_by_total(t, &rows, &mut readings);
    for (r, found) in rows.iter().zip(readings) {
        let cells = match found {
            _ if r.amounts.is_empty() => vec![String::new(); n],
            Some(f) if f.len() == 1 => f.into_iter().next().unwrap_or_default(),
            Some(f) => {
                findings.push(finding(raw, r, "fit the columns' sums in several ways"));
                agreed(t, &f)
            }
            None => {
                findings.push(finding(raw, r, "fit the columns in no way"));
                vec![UNREAD.to_string(); n]
            }
        };
        placed.push(cells);
    }
    raw.columns = vec![
        RawColumn { path: "科目编码".into(), role: Role::Code },
        RawColumn { path: "科目名称".into(), role: Role::Name },
    ];
    let texts = if whole_layout { 0 } else { width - 1 };
    raw.columns.extend(names.iter().skip(1).take(texts).map(|p| RawColumn { path: p.clone(), role: Role::Text }));
    raw.columns.extend(t.paths.iter().map(|p| RawColumn { path: p.clone(), role: Role::Amount }));
    for (r, amounts) in rows.into_iter().zip(placed) {
        let mut cells = code_and_name(&r, whole_layout);
        cells.extend(r.cells.iter().skip(if whole_layout { 2 } else { 1 }).cloned());
        cells.resize(2 + texts, String::new());
        cells.extend(amounts);
        raw.rows.push(RawRow::new(cells, r.page));
    }
    true
}

/// A row's code and name: from its first pair, its whole code and name,
/// or its label alone.
fn code_and_name(r: &Row, whole_layout: bool) -> Vec<String> {
    if r.total {
        return vec![String::new(), "合计".into()];
    }
    let first = r.cells.first().map(String::as_str).unwrap_or_default();
    match pair(first) {
        Some((code, name)) => vec![code.to_string(), squeeze(name)],
        None if whole_layout => {
            vec![first.to_string(), squeeze(r.cells.get(1).map(String::as_str).unwrap_or_default())]
        }
        None => vec![String::new(), squeeze(first)],
    }
}

fn finding(raw: &RawTable, r: &Row, what: &str) -> Finding {
    let message =
        format!("row `{}`: amounts {} {what}; cells in doubt left unread", r.cells.concat(), r.amounts.join(" "));
    Finding { page: r.page, table: raw.title.key.as_str().into(), message }
}

/// A pair opening a listing's row: a code of letters or digits, a hyphen,
/// a name (`A-货物`, `01-公共服务`).
fn listing_pair(word: &str) -> bool {
    word.split_once('-').is_some_and(|(code, name)| {
        (1..=9).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_alphanumeric()) && !name.is_empty()
    })
}

/// The label columns and the amount column of a listing's header: one
/// word naming an amount (`金额`, `预算金额`), the others labels; levels
/// (`一级 二级 三级`) under one heading are that heading's columns.
///
/// `采购类别 金额` is 采购类别 | 金额; `指导性目录 预算金额` / `一级 二级 三级` is
/// 指导性目录/一级, 指导性目录/二级, 指导性目录/三级 | 预算金额.
fn listing_columns(header: &[&str]) -> Option<(Vec<String>, String)> {
    let words: Vec<&str> = header.iter().flat_map(|l| l.split_whitespace()).collect();
    let amounts: Vec<&str> = words.iter().copied().filter(|w| w.ends_with("金额")).collect();
    let [amount_word] = amounts[..] else { return None };
    let is_level = |w: &str| w.chars().count() == 2 && w.ends_with('级') && "一二三四五".contains(&w[..3]);
    let labels: Vec<&str> = words.iter().copied().filter(|w| *w != amount_word).collect();
    let levels: Vec<&str> = labels.iter().copied().filter(|w| is_level(w)).collect();
    let others: Vec<&str> = labels.iter().copied().filter(|w| !is_level(w)).collect();
    let columns = match (&levels[..], &others[..]) {
        ([], [_, ..]) => others.iter().map(|w| w.to_string()).collect(),
        ([_, ..], [heading]) => levels.iter().map(|l| format!("{heading}/{l}")).collect(),
        _ => return None,
    };
    Some((columns, amount_word.to_string()))
}

/// Adds words to a listing row's label cells: the first continues the last
/// cell when `wrapped` (its line goes on with the cell the line before cut),
/// each other opens a cell while there are fewer than `width`.
fn add_listing_words(cells: &mut Vec<String>, words: &[&str], wrapped: bool, width: usize) {
    for (i, w) in words.iter().enumerate() {
        let goes_on = (i == 0 && wrapped) || cells.len() >= width;
        match cells.last_mut() {
            Some(last) if goes_on => last.push_str(w),
            _ => cells.push(w.to_string()),
        }
    }
}

/// The rows of a listing: each opens with a pair (`01-公共服务 0103-就业公共服务
/// 人才服务 119.926000`) or a total label, and ends with its one amount; a
/// row cut before its amount goes on over the next lines (`02-政府履职辅助性服务
/// 0202-课题研究和社会调查` / `服务 社会调查服务 71.084897`). `None` for a line of
/// another layout.
fn listing_rows(data: &[BodyLine<'_>], width: usize) -> Option<Vec<Row>> {
    let mut out: Vec<Row> = Vec::new();
    for l in data.iter().filter(|l| !is_page_number(l.text)) {
        let (labels, amounts) = split_line(l.text)?;
        if amounts.len() > 1 {
            return None;
        }
        let total = !amounts.is_empty() && after_total_label(&squeeze(&labels.concat())).is_some_and(str::is_empty);
        if total {
            out.push(Row { cells: vec!["合计".into()], amounts, page: l.page, total: true });
        } else if labels.first().is_some_and(|w| listing_pair(w)) {
            let mut row = Row { page: l.page, amounts, ..Row::default() };
            add_listing_words(&mut row.cells, &labels, false, width);
            out.push(row);
        } else {
            match out.last_mut() {
                Some(last) if last.amounts.is_empty() && !last.total => {
                    add_listing_words(&mut last.cells, &labels, true, width);
                    last.amounts = amounts;
                }
                _ if amounts.is_empty() => {}
                _ => return None,
            }
        }
    }
    Some(out)
}

/// Reads a listing: a table of one amount column whose rows name an item
/// by a `code-name` pair and the levels after it, one row a line (政府采购预算明细表
/// `A-货物 1,183.999945`; 政府购买服务明细表 by 指导性目录 `一级 二级 三级`).
/// Returns `false` (and leaves `raw` as it was) for any other table.
pub(crate) fn read_listing(raw: &mut RawTable, header: &[&str], data: &[BodyLine<'_>]) -> bool {
    let Some((labels, amount_path)) = listing_columns(header) else { return false };
    let Some(rows) = listing_rows(data, labels.len()) else { return false };
    let items = rows.iter().filter(|r| !r.total).count();
    // One item is a listing where the total row sums it (`C-服务 123.808900`
    // / `合  计 123.808900`).
    let value = |r: &Row| r.amounts.first().and_then(|a| amount(a));
    let summed = rows.iter().filter(|r| r.total).map(value).collect::<Vec<_>>()[..]
        == [rows.iter().filter(|r| !r.total).map(value).sum::<Option<Decimal>>()];
    if items == 0 || items < 2 && !summed || rows.iter().any(|r| r.amounts.is_empty() || r.cells.len() > labels.len()) {
        return false;
    }
    raw.columns = labels
        .iter()
        .enumerate()
        .map(|(i, p)| RawColumn { path: p.clone(), role: if i == 0 { Role::Name } else { Role::Text } })
        .collect();
    raw.columns.push(RawColumn { path: amount_path, role: Role::Amount });
    for r in rows {
        let mut cells: Vec<String> = r.cells.iter().map(|c| squeeze(c)).collect();
        cells.resize(labels.len(), String::new());
        cells.extend(r.amounts);
        raw.rows.push(RawRow::new(cells, r.page));
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::title::Title;

    fn lines(texts: &'static [&'static str]) -> Vec<BodyLine<'static>> {
        texts.iter().map(|t| BodyLine { text: t, page: 3, after_blank: false, opens_right: false }).collect()
    }

    fn raw(key: TableKey) -> RawTable {
        RawTable::new(Title { no: "3".into(), text: "支出总表".into(), key })
    }

    const EXPENSE_HEADER: [&str; 5] = [
        "支出功能分类科目 政府支出经济分类科目 部门支出经济分类科目 合计 基本支出 项目支出",
        " 其中",
        "事业单位经营",
        "支出 上缴上级支出 对附属单位补",
        "助支出",
    ];

    fn amounts(raw: &RawTable, row: usize) -> Vec<&str> {
        let first = raw.columns.iter().position(|c| c.role == Role::Amount).expect("amount columns");
        raw.rows[row].cells[first..].iter().map(String::as_str).collect()
    }

    #[test]
    fn pairs_and_amounts_split_a_line() {
        let cases: [(&str, Option<(usize, usize)>); 5] = [
            (
                "2050305-高等职业教育 50502-商品和服务支出 30213-维修（护）费 1,106.008675 729.205700 376.802975",
                Some((3, 3)),
            ),
            // The first amount run into the name before it.
            ("支出 50102-社会保障缴费 30108-机关事业单位基本养老保险缴费642.962048 642.962048", Some((3, 2))),
            (
                "2050305-高等职业教育 50502-商品和服务支出 3021205-教学类因公出国 （境）费用 40.500000 40.500000",
                Some((4, 2)),
            ),
            ("合    计 131,905.904856 70,692.094503 61,213.810353", Some((2, 3))),
            ("2050305-高等职业教育 1.000000 其他", None),
        ];
        for (text, want) in cases {
            let got = split_line(text).map(|(l, a)| (l.len(), a.len()));
            assert_eq!(got, want, "{text}");
        }
        assert_eq!(pair("50502-商品和服务支出"), Some(("50502", "商品和服务支出")));
        assert_eq!(pair("1-2"), None);
        assert_eq!(pair("A-货物"), None);
    }

    #[test]
    fn the_expense_header_names_its_part_columns() {
        let cols = columns(TableKey::ExpenseSummary, &squeeze(&EXPENSE_HEADER.concat())).expect("columns");
        assert_eq!(
            cols.template.paths,
            ["合计", "基本支出", "项目支出", "其中/事业单位经营支出", "其中/上缴上级支出", "其中/对附属单位补助支出"]
        );
        assert_eq!(cols.within, [(3, 0), (4, 0), (5, 0)]);
        assert!(columns(TableKey::ExpenseSummary, "合计基本支出项目支出小计人员经费公用经费").is_none());
    }

    #[test]
    fn rows_whose_sums_decide_are_read_and_the_rest_left_unread() {
        let data = lines(&[
            "2050305-高等职业教育 50502-商品和服务支出 30213-维修（护）费 1,106.008675 729.205700 376.802975",
            "2050303-技校教育 50902-助学金 30308-助学金 219.980000 219.980000",
            "2100201-综合医院 50999-其他对个人和家庭的补",
            "助 30399-其他对个人和家庭的补",
            "助 0.808504 0.808504",
            "支出功能分类科目 政府支出经济分类科目 部门支出经济分类科目 合计 基本支出 项目支出",
        ]);
        let mut t = raw(TableKey::ExpenseSummary);
        let mut findings = Vec::new();
        assert!(read(&mut t, &EXPENSE_HEADER, &data, (&[], &[]), &mut findings));
        assert_eq!(t.rows.len(), 3);
        assert_eq!(&t.rows[0].cells[..4], ["2050305", "高等职业教育", "50502-商品和服务支出", "30213-维修（护）费"]);
        assert_eq!(amounts(&t, 0), ["1,106.008675", "729.205700", "376.802975", "", "", ""]);
        // 基本支出 or 项目支出: nothing tells. 合计 is known either way, the
        // two stay unread, and the `其中` columns are blank in every reading.
        assert_eq!(amounts(&t, 1), ["219.980000", UNREAD, UNREAD, "", "", ""]);
        assert_eq!(
            &t.rows[2].cells[..4],
            ["2100201", "综合医院", "50999-其他对个人和家庭的补助", "30399-其他对个人和家庭的补助"]
        );
        assert_eq!(findings.len(), 2, "{findings:?}");
    }

    #[test]
    fn the_total_row_stays_when_no_row_is_in_doubt() {
        let data = lines(&[
            "2050305-高等职业教育 50502-商品和服务支出 30213-维修（护）费 1,106.008675 729.205700 376.802975",
            "2050305-高等职业教育 50502-商品和服务支出 30218-专用材料费 286.250900 279.641300 6.609600",
            "合    计 1,392.259575 1,008.847000 383.412575",
        ]);
        let mut t = raw(TableKey::ExpenseSummary);
        let mut findings = Vec::new();
        assert!(read(&mut t, &EXPENSE_HEADER, &data, (&[], &[]), &mut findings));
        assert_eq!(t.rows.len(), 3);
        assert_eq!(&t.rows[2].cells[..2], ["", "合计"]);
        assert_eq!(amounts(&t, 2), ["1,392.259575", "1,008.847000", "383.412575", "", "", ""]);
        assert!(findings.is_empty(), "{findings:?}");
    }

    #[test]
    fn the_economic_class_tells_staff_from_office_costs() {
        let header = ["政府支出经济分类科目 部门支出经济分类科目 预算数", "合计 人员经费 公用经费"];
        let data = lines(&[
            "50101-工资奖金津补贴 30101-基本工资 3,720.582000 3,720.582000",
            "50201-办公经费 30201-办公费 137.851000 137.851000",
            "50901-社会福利和救助 30304-抚恤金 24.527300 24.527300",
        ]);
        let mut t = raw(TableKey::GeneralBudgetBasicExpenseByEconomic);
        let mut findings = Vec::new();
        assert!(read(&mut t, &header, &data, (&[], &[]), &mut findings));
        assert_eq!(amounts(&t, 0), ["3,720.582000", "3,720.582000", ""]);
        assert_eq!(amounts(&t, 1), ["137.851000", "", "137.851000"]);
        // 对个人和家庭的补助 is 人员经费 in most documents, not in all.
        assert_eq!(amounts(&t, 2), ["24.527300", UNREAD, UNREAD]);
        assert_eq!(findings.len(), 1);
    }

    #[test]
    fn the_total_row_settles_rows_in_doubt_when_one_choice_makes_it() {
        let header = ["政府支出经济分类科目 部门支出经济分类科目 预算数", "合计 人员经费 公用经费"];
        let data = lines(&[
            "50101-工资奖金津补贴 30101-基本工资 3,720.582000 3,720.582000",
            "50901-社会福利和救助 30304-抚恤金 24.527300 24.527300",
            "50905-离退休费 30302-退休费 258.146800 258.146800",
            "50201-办公经费 30201-办公费 137.851000 137.851000",
            "合计 4,141.107100 4,003.256100 137.851000",
        ]);
        let mut t = raw(TableKey::GeneralBudgetBasicExpenseByEconomic);
        let mut findings = Vec::new();
        assert!(read(&mut t, &header, &data, (&[], &[]), &mut findings));
        assert_eq!(amounts(&t, 1), ["24.527300", "24.527300", ""]);
        assert_eq!(amounts(&t, 2), ["258.146800", "258.146800", ""]);
        assert_eq!(amounts(&t, 4), ["4,141.107100", "4,003.256100", "137.851000"]);
        assert!(findings.is_empty(), "{findings:?}");
        // Two rows of one amount: either could be 公用经费, the total does not tell.
        let data = lines(&[
            "50901-社会福利和救助 30304-抚恤金 1.000000 1.000000",
            "50905-离退休费 30302-退休费 1.000000 1.000000",
            "合计 2.000000 1.000000 1.000000",
        ]);
        let mut t = raw(TableKey::GeneralBudgetBasicExpenseByEconomic);
        assert!(read(&mut t, &header, &data, (&[], &[]), &mut findings));
        assert_eq!(amounts(&t, 0), ["1.000000", UNREAD, UNREAD]);
        assert_eq!(amounts(&t, 1), ["1.000000", UNREAD, UNREAD]);
        // The total stays: the sums over unread cells go unchecked.
        assert_eq!(amounts(&t, 2), ["2.000000", "1.000000", "1.000000"]);
    }

    const BY_FUNCTION_HEADER: [&str; 2] =
        ["科目编码 科目名称 合计 基本支出 项目支出", "小计 人员经费 公用经费 项目支出总数 扣除基建项目后预算数"];

    /// Body lines of texts made in a test.
    fn owned_lines(texts: &[String]) -> Vec<BodyLine<'_>> {
        texts.iter().map(|t| BodyLine { text: t, page: 3, after_blank: false, opens_right: false }).collect()
    }

    const BASIC_HEADER: [&str; 2] = ["政府支出经济分类科目 部门支出经济分类科目 预算数", "合计 人员经费 公用经费"];

    /// A 基本支出表 whose classes are 10 of 人员经费 (工资) and 5 of 公用经费 (办公费).
    fn basic_table() -> Table {
        basic_table_of(&[
            "50101-工资奖金津补贴 30101-基本工资 10.000000 10.000000",
            "50201-办公经费 30201-办公费 5.000000 5.000000",
            "合    计 15.000000 10.000000 5.000000",
        ])
    }

    fn basic_table_of(texts: &'static [&'static str]) -> Table {
        let data = lines(texts);
        let mut t = raw(TableKey::GeneralBudgetBasicExpenseByEconomic);
        let mut findings = Vec::new();
        assert!(read(&mut t, &BASIC_HEADER, &data, (&[], &[]), &mut findings));
        crate::raw::finish(t, &mut findings)
    }

    /// Rows of 支出总表 that each print one figure twice: 基本支出 or 项目支出.
    const TWICE: [&str; 5] = [
        "2010801-行政运行 50101-工资奖金津补贴 30101-基本工资 10.000000 10.000000",
        "2010804-审计业务 50101-工资奖金津补贴 30101-基本工资 5.000000 5.000000",
        "2010801-行政运行 50201-办公经费 30201-办公费 5.000000 5.000000",
        "2010804-审计业务 50201-办公经费 30201-办公费 10.000000 10.000000",
        "合    计 30.000000 15.000000 15.000000",
    ];

    #[test]
    fn the_basic_table_printed_later_settles_rows_the_total_leaves_in_doubt() {
        // The total allows four choices (10 + 5 of either class); the
        // 基本支出表's classes, whose total is 支出总表's 基本支出, allow one.
        let mut findings = Vec::new();
        let mut alone = raw(TableKey::ExpenseSummary);
        assert!(read(&mut alone, &EXPENSE_HEADER, &lines(&TWICE), (&[], &[]), &mut findings));
        assert!((0..4).all(|r| amounts(&alone, r)[1..3] == [UNREAD, UNREAD]));
        let later = [basic_table()];
        let mut t = raw(TableKey::ExpenseSummary);
        assert!(read(&mut t, &EXPENSE_HEADER, &lines(&TWICE), (&[], &later), &mut findings));
        assert_eq!(amounts(&t, 0)[..3], ["10.000000", "10.000000", ""]);
        assert_eq!(amounts(&t, 1)[..3], ["5.000000", "", "5.000000"]);
        assert_eq!(amounts(&t, 2)[..3], ["5.000000", "5.000000", ""]);
        assert_eq!(amounts(&t, 3)[..3], ["10.000000", "", "10.000000"]);
        assert_eq!(t.rows.len(), 5, "the total row stays");
        // A row lost from the text: the rows no longer make the total, and
        // no key's sum is relied on.
        const LOST: [&str; 4] = [TWICE[0], TWICE[2], TWICE[3], TWICE[4]];
        let mut t = raw(TableKey::ExpenseSummary);
        assert!(read(&mut t, &EXPENSE_HEADER, &lines(&LOST), (&[], &later), &mut findings));
        assert_eq!(amounts(&t, 0), ["10.000000", UNREAD, UNREAD, "", "", ""]);
    }

    #[test]
    fn staff_and_office_costs_by_function_come_from_the_classes_split() {
        let basic = basic_table();
        let mut findings = Vec::new();
        let mut all = raw(TableKey::ExpenseSummary);
        assert!(read(&mut all, &EXPENSE_HEADER, &lines(&TWICE), (&[], std::slice::from_ref(&basic)), &mut findings));
        let earlier = [crate::raw::finish(all, &mut findings), basic];
        let header = BY_FUNCTION_HEADER;
        // 行政运行 printed for two units: 10 and 5 of 基本支出, which 支出总表
        // has as 10 of 工资 (人员经费) and 5 of 办公费 (公用经费).
        let data = lines(&[
            "2010801 行政运行 10.000000 10.000000 10.000000",
            "2010801 行政运行 5.000000 5.000000 5.000000",
            "2010804 审计业务 15.000000 15.000000 15.000000",
            "合    计 30.000000 15.000000 10.000000 5.000000 15.000000 15.000000",
        ]);
        let mut t = raw(TableKey::GeneralBudgetExpenseByFunction);
        assert!(read(&mut t, &header, &data, (&earlier, &[]), &mut findings));
        assert_eq!(amounts(&t, 0), ["10.000000", "10.000000", "10.000000", "", "", ""]);
        assert_eq!(amounts(&t, 1), ["5.000000", "5.000000", "", "5.000000", "", ""]);
        assert_eq!(amounts(&t, 2), ["15.000000", "", "", "", "15.000000", "15.000000"]);
        assert_eq!(t.rows.len(), 4, "the total row stays");
    }

    #[test]
    fn basic_expense_of_other_funds_bounds_each_class_by_the_totals_difference() {
        // 支出总表's 基本支出 is 16, the 基本支出表's 15: 1 of basic expense is
        // of another fund, so no class the latter has nothing of holds more
        // than 1 of it. Twenty rows of 2 under 委托业务费 are projects; the
        // row of 1 could be either, and the total row then settles it.
        // Against the total alone, 16 of 基本支出 is 10 + 5 + 1, 10 and three
        // rows of 2, or 5, 1 and five rows of 2: no row is settled.
        let mut texts: Vec<String> = vec![
            "2010801-行政运行 50101-工资奖金津补贴 30101-基本工资 10.000000 10.000000".into(),
            "2010801-行政运行 50201-办公经费 30201-办公费 5.000000 5.000000".into(),
        ];
        texts.extend((0..20).map(|_| "2010804-审计业务 50205-委托业务费 30227-委托业务费 2.000000 2.000000".into()));
        texts.push("2010804-审计业务 50299-其他商品和服务支出 30299-其他商品和服务支出 1.000000 1.000000".into());
        texts.push("合    计 56.000000 16.000000 40.000000".into());
        let data = owned_lines(&texts);
        let mut findings = Vec::new();
        let mut alone = raw(TableKey::ExpenseSummary);
        assert!(read(&mut alone, &EXPENSE_HEADER, &data, (&[], &[]), &mut findings));
        assert!((0..23).all(|r| amounts(&alone, r)[1..3] == [UNREAD, UNREAD]));
        let mut t = raw(TableKey::ExpenseSummary);
        assert!(read(&mut t, &EXPENSE_HEADER, &data, (&[], &[basic_table()]), &mut findings));
        assert_eq!(amounts(&t, 0)[..3], ["10.000000", "10.000000", ""]);
        assert_eq!(amounts(&t, 1)[..3], ["5.000000", "5.000000", ""]);
        assert!((2..22).all(|r| amounts(&t, r)[..3] == ["2.000000", "", "2.000000"]));
        assert_eq!(amounts(&t, 22)[..3], ["1.000000", "1.000000", ""]);
    }

    #[test]
    fn the_budget_by_function_printed_later_settles_the_expense_summarys_rows() {
        // 一般公共预算支出表 has 15 of 基本支出 under 行政运行 and 40 of
        // 项目支出 under 审计业务: 支出总表 has at least as much of each.
        // Against its own total alone, 15 of 基本支出 is 10 + 5 or 5 and
        // five rows of 2: only the row of 5 is settled.
        let by_function = lines(&[
            "2010801 行政运行 15.000000 15.000000 10.000000 5.000000",
            "2010804 审计业务 40.000000 40.000000 40.000000",
            "合    计 55.000000 15.000000 10.000000 5.000000 40.000000 40.000000",
        ]);
        let mut findings = Vec::new();
        let mut t = raw(TableKey::GeneralBudgetExpenseByFunction);
        assert!(read(&mut t, &BY_FUNCTION_HEADER, &by_function, (&[], &[]), &mut findings));
        let later = [crate::raw::finish(t, &mut findings)];
        let mut texts: Vec<String> = vec![
            "2010801-行政运行 50101-工资奖金津补贴 30101-基本工资 10.000000 10.000000".into(),
            "2010801-行政运行 50201-办公经费 30201-办公费 5.000000 5.000000".into(),
        ];
        texts.extend((0..20).map(|_| "2010804-审计业务 50205-委托业务费 30227-委托业务费 2.000000 2.000000".into()));
        texts.push("合    计 55.000000 15.000000 40.000000".into());
        let data = owned_lines(&texts);
        let mut alone = raw(TableKey::ExpenseSummary);
        assert!(read(&mut alone, &EXPENSE_HEADER, &data, (&[], &[]), &mut findings));
        assert_eq!(amounts(&alone, 1)[..3], ["5.000000", "5.000000", ""]);
        assert!((0..22).filter(|&r| r != 1).all(|r| amounts(&alone, r)[1..3] == [UNREAD, UNREAD]));
        let mut t = raw(TableKey::ExpenseSummary);
        assert!(read(&mut t, &EXPENSE_HEADER, &data, (&[], &later), &mut findings));
        assert_eq!(amounts(&t, 0)[..3], ["10.000000", "10.000000", ""]);
        assert_eq!(amounts(&t, 1)[..3], ["5.000000", "5.000000", ""]);
        assert!((2..22).all(|r| amounts(&t, r)[..3] == ["2.000000", "", "2.000000"]));
    }

    /// The table `key` read from `texts` under `header`, beside the
    /// document's other tables `others`: `None` where this reader does not
    /// read it.
    fn read_beside(
        key: TableKey,
        header: &[&str],
        texts: &'static [&'static str],
        others: (&[Table], &[Table]),
    ) -> Option<RawTable> {
        let mut t = raw(key);
        read(&mut t, header, &lines(texts), others, &mut Vec::new()).then_some(t)
    }

    /// How many readings each row of `texts` keeps after the bounds of
    /// `others` alone (no total).
    fn readings_left_by(
        key: TableKey,
        header: &[&str],
        texts: &'static [&'static str],
        others: &[Table],
    ) -> Vec<usize> {
        let cols = columns(key, &squeeze(&header.concat())).expect("columns");
        let rows = rows(&lines(texts)).expect("rows");
        let mut readings = first_readings(&cols, &rows);
        let others: Vec<&Table> = others.iter().collect();
        narrow_by_others(key, &rows, &mut readings, &cols.template, None, &others);
        readings.iter().map(|r| r.as_ref().map_or(0, Vec::len)).collect()
    }

    /// The same, finished as a table of the document.
    fn table_beside(
        key: TableKey,
        header: &[&str],
        texts: &'static [&'static str],
        others: (&[Table], &[Table]),
    ) -> Table {
        let t = read_beside(key, header, texts, others).expect("read");
        crate::raw::finish(t, &mut Vec::new())
    }

    /// 支出总表 of rows `data` read alone, and beside 一般公共预算支出表 of
    /// rows `by_function` printed after it.
    fn summary_alone_and_beside(
        by_function: &'static [&'static str],
        data: &'static [&'static str],
    ) -> (RawTable, RawTable) {
        let key = TableKey::GeneralBudgetExpenseByFunction;
        let later = [table_beside(key, &BY_FUNCTION_HEADER, by_function, (&[], &[]))];
        let read = |others: &[Table]| {
            read_beside(TableKey::ExpenseSummary, &EXPENSE_HEADER, data, (&[], others)).expect("read")
        };
        (read(&[]), read(&later))
    }

    #[test]
    fn a_row_in_doubt_in_the_other_table_bounds_its_key_by_its_total() {
        // 支出总表 has 2 of 项目支出 under 养老保险缴费支出 and a row of 3 in
        // doubt: at most 5. So 一般公共预算支出表's 10 there is no project,
        // which its own total (10 of 基本支出, 10 of 项目支出) leaves open.
        const ALL: &[&str] = &[
            "2080505-机关事业单位基本养老保险缴费支出 50102-社会保障缴费 30108-机关事业单位基本养老保险缴费 12.000000 10.000000 2.000000",
            "2080505-机关事业单位基本养老保险缴费支出 50501-工资福利支出 30108-机关事业单位基本养老保险缴费 3.000000 3.000000",
            "2010801-行政运行 50201-办公经费 30201-办公费 3.000000 3.000000",
            "2010801-行政运行 50205-委托业务费 30227-委托业务费 10.000000 10.000000",
            "合    计 28.000000 13.000000 15.000000",
        ];
        let all = read_beside(TableKey::ExpenseSummary, &EXPENSE_HEADER, ALL, (&[], &[])).expect("read");
        assert_eq!(amounts(&all, 1)[..3], ["3.000000", UNREAD, UNREAD]);
        let earlier = [crate::raw::finish(all, &mut Vec::new())];
        const DATA: &[&str] = &[
            "2080505 机关事业单位基本养老保险缴费支出 10.000000 10.000000 10.000000",
            "2010801 行政运行 10.000000 10.000000 10.000000",
            "合    计 20.000000 10.000000 10.000000 10.000000 10.000000",
        ];
        let key = TableKey::GeneralBudgetExpenseByFunction;
        let alone = read_beside(key, &BY_FUNCTION_HEADER, DATA, (&[], &[])).expect("read");
        assert_eq!(amounts(&alone, 0), ["10.000000", UNREAD, UNREAD, UNREAD, UNREAD, UNREAD]);
        let t = read_beside(key, &BY_FUNCTION_HEADER, DATA, (&earlier, &[])).expect("read");
        assert_eq!(amounts(&t, 0)[..2], ["10.000000", "10.000000"]);
        assert_eq!(amounts(&t, 0)[4..], ["", ""]);
        assert_eq!(amounts(&t, 1), ["10.000000", "", "", "", "10.000000", "10.000000"]);
    }

    #[test]
    fn rows_short_of_their_total_by_a_whole_part_add_up_in_the_others() {
        // 一般公共预算支出表 lists 3.50 of basic expense under a 合计 of 10.50
        // whose 项目支出 is the 7.00 left out: the rows hold no project, and
        // 人员经费 and 公用经费 still add up, so 培训支出 is 公用经费.
        const DATA: &[&str] = &[
            "2013601 行政运行 2.000000 2.000000 1.500000 0.500000",
            "2210201 住房公积金 1.000000 1.000000 1.000000",
            "2050803 培训支出 0.500000 0.500000 0.500000",
            "合    计 10.500000 3.500000 2.500000 1.000000 7.000000 7.000000",
        ];
        let key = TableKey::GeneralBudgetExpenseByFunction;
        let t = read_beside(key, &BY_FUNCTION_HEADER, DATA, (&[], &[])).expect("read");
        assert_eq!(amounts(&t, 1), ["1.000000", "1.000000", "1.000000", "", "", ""]);
        assert_eq!(amounts(&t, 2), ["0.500000", "0.500000", "", "0.500000", "", ""]);
        // With 2.00 of projects printed, the 7.00 short is still projects
        // only (基本支出 is 3.50 in all): 审计业务's 2.00 is a project.
        const SOME: &[&str] = &[
            DATA[0],
            DATA[1],
            DATA[2],
            "2010804 审计业务 2.000000 2.000000 2.000000",
            "合    计 12.500000 3.500000 2.500000 1.000000 9.000000 9.000000",
        ];
        let t = read_beside(key, &BY_FUNCTION_HEADER, SOME, (&[], &[])).expect("read");
        assert_eq!(amounts(&t, 2), ["0.500000", "0.500000", "", "0.500000", "", ""]);
        assert_eq!(amounts(&t, 3), ["2.000000", "", "", "", "2.000000", "2.000000"]);
        // Short by more than 基本支出 and more than 项目支出: left in doubt.
        const OTHER: &[&str] =
            &[DATA[0], DATA[1], DATA[2], "合    计 11.500000 3.500000 2.500000 1.000000 7.000000 7.000000"];
        let t = read_beside(key, &BY_FUNCTION_HEADER, OTHER, (&[], &[])).expect("read");
        assert_eq!(amounts(&t, 2), ["0.500000", UNREAD, UNREAD, UNREAD, UNREAD, UNREAD]);
    }

    #[test]
    fn rows_short_of_their_total_are_still_bounded_from_above() {
        // 一般公共预算支出表 lists 20 under a total of 25 (a row left out by
        // the document): no key's sum reaches what it should, but none holds
        // more than 支出总表 has there. 行政运行 has no project there, 审计业务
        // no basic expense.
        const ALL: &[&str] = &[
            "2010801-行政运行 50101-工资奖金津补贴 30101-基本工资 10.000000 10.000000",
            "2010804-审计业务 50205-委托业务费 30227-委托业务费 15.000000 15.000000",
            "合    计 25.000000 10.000000 15.000000",
        ];
        let earlier = [table_beside(TableKey::ExpenseSummary, &EXPENSE_HEADER, ALL, (&[], &[]))];
        let basic = earlier[0].column_by_leaf("基本支出").expect("基本支出");
        assert_eq!(earlier[0].rows[0].amount(basic), Some(Decimal::new(10, 0)));
        const DATA: &[&str] = &[
            "2010801 行政运行 10.000000 10.000000 10.000000",
            "2010804 审计业务 10.000000 10.000000 10.000000",
            "合    计 25.000000 10.000000 10.000000 15.000000 15.000000",
        ];
        let key = TableKey::GeneralBudgetExpenseByFunction;
        let t = read_beside(key, &BY_FUNCTION_HEADER, DATA, (&earlier, &[])).expect("read");
        assert_eq!(amounts(&t, 0)[..2], ["10.000000", "10.000000"]);
        assert_eq!(amounts(&t, 0)[4..], ["", ""], "no project");
        assert_eq!(amounts(&t, 1), ["10.000000", "", "", "", "10.000000", "10.000000"]);
    }

    #[test]
    fn a_table_whose_rows_are_short_of_its_total_bounds_others_from_below() {
        // 一般公共预算支出表 lists 15 of a total of 20, 10 of it 审计业务's
        // projects: 支出总表 has at least that, and its own total (10 of
        // 基本支出) leaves 10 either one row or the other two.
        const BY_FUNCTION: &[&str] = &[
            "2010804 审计业务 12.000000 2.000000 2.000000 10.000000 10.000000",
            "2010801 行政运行 3.000000 3.000000 3.000000",
            "合    计 20.000000 10.000000 10.000000 10.000000 10.000000",
        ];
        const DATA: &[&str] = &[
            "2010804-审计业务 50205-委托业务费 30227-委托业务费 10.000000 10.000000",
            "2010804-审计业务 50201-办公经费 30201-办公费 2.000000 2.000000",
            "2010801-行政运行 50101-工资奖金津补贴 30101-基本工资 8.000000 8.000000",
            "合    计 20.000000 10.000000 10.000000",
        ];
        let (alone, t) = summary_alone_and_beside(BY_FUNCTION, DATA);
        assert!((0..3).all(|r| amounts(&alone, r)[1..3] == [UNREAD, UNREAD]));
        assert_eq!(amounts(&t, 0)[..3], ["10.000000", "", "10.000000"]);
        assert_eq!(amounts(&t, 1)[..3], ["2.000000", "2.000000", ""]);
        assert_eq!(amounts(&t, 2)[..3], ["8.000000", "8.000000", ""]);
    }

    #[test]
    fn rows_short_by_projects_alone_keep_the_bounds_on_their_basic_expense() {
        // 支出总表 lists 20 under a total of 120, whose 基本支出 is 10: the
        // 100 left out can only be projects, so the rows hold all of 基本支出
        // and 一般公共预算支出表 (complete, its 10 of 基本支出 in 行政运行)
        // bounds it from below as well: 行政运行's 10 is basic expense.
        const BY_FUNCTION: &[&str] = &[
            "2010801 行政运行 10.000000 10.000000 6.000000 4.000000",
            "2010804 审计业务 110.000000 110.000000 110.000000",
            "合    计 120.000000 10.000000 6.000000 4.000000 110.000000 110.000000",
        ];
        const DATA: &[&str] = &[
            "2010804-审计业务 50205-委托业务费 30227-委托业务费 10.000000 10.000000",
            "2010801-行政运行 50101-工资奖金津补贴 30101-基本工资 10.000000 10.000000",
            "合    计 120.000000 10.000000 110.000000",
        ];
        let (alone, t) = summary_alone_and_beside(BY_FUNCTION, DATA);
        assert!((0..2).all(|r| amounts(&alone, r)[1..3] == [UNREAD, UNREAD]));
        assert_eq!(amounts(&t, 0)[..3], ["10.000000", "", "10.000000"]);
        assert_eq!(amounts(&t, 1)[..3], ["10.000000", "10.000000", ""]);
        // Short by 100 with 基本支出 of 105: either part may be the one left
        // out, and no bound from below stands.
        const EITHER: &[&str] = &[DATA[0], DATA[1], "合    计 215.000000 105.000000 110.000000"];
        let (_, t) = summary_alone_and_beside(BY_FUNCTION, EITHER);
        assert_eq!(amounts(&t, 1)[1..3], [UNREAD, UNREAD]);
    }

    #[test]
    fn a_part_the_other_tables_contradict_is_not_the_one_left_out() {
        // 支出总表 lists 30 of 40 (基本支出 20, 项目支出 20): the 10 left out
        // may be either part, and by the sums alone two of the rows are of
        // the part kept whole, either one. 一般公共预算支出表 has 12 of
        // projects in 审计业务, more than 支出总表's row there: 项目支出 is
        // not whole, so it is the part left out, and 基本支出 (whole, its
        // bounds exact) settles every row.
        const BY_FUNCTION: &[&str] = &[
            "2010801 行政运行 10.000000 10.000000 6.000000 4.000000",
            "2010802 一般行政管理事务 10.000000 10.000000 7.000000 3.000000",
            "2010804 审计业务 12.000000 12.000000 12.000000",
            "合    计 32.000000 20.000000 13.000000 7.000000 12.000000 12.000000",
        ];
        const DATA: &[&str] = &[
            "2010801-行政运行 50101-工资奖金津补贴 30101-基本工资 10.000000 10.000000",
            "2010802-一般行政管理事务 50201-办公经费 30201-办公费 10.000000 10.000000",
            "2010804-审计业务 50205-委托业务费 30227-委托业务费 10.000000 10.000000",
            "合    计 40.000000 20.000000 20.000000",
        ];
        let (alone, t) = summary_alone_and_beside(BY_FUNCTION, DATA);
        assert!((0..3).all(|r| amounts(&alone, r)[1..3] == [UNREAD, UNREAD]));
        // 基本支出 whole settles each row by the other table alone; were
        // 项目支出 taken as whole too, 审计业务's row would stay in doubt.
        let key = TableKey::GeneralBudgetExpenseByFunction;
        let other = [table_beside(key, &BY_FUNCTION_HEADER, BY_FUNCTION, (&[], &[]))];
        assert_eq!(readings_left_by(TableKey::ExpenseSummary, &EXPENSE_HEADER, DATA, &other), [1, 1, 1, 1]);
        assert_eq!(amounts(&t, 0)[..3], ["10.000000", "10.000000", ""]);
        assert_eq!(amounts(&t, 1)[..3], ["10.000000", "10.000000", ""]);
        assert_eq!(amounts(&t, 2)[..3], ["10.000000", "", "10.000000"]);
    }

    #[test]
    fn staff_and_office_costs_by_function_allow_for_rows_in_doubt() {
        // 支出总表 leaves a row of 办公费 under each function in doubt (3 of
        // 基本支出 between them, of another fund): 行政运行 has 10 of 人员经费
        // and 5 to 8 of 公用经费, so its 10 in 一般公共预算支出表 is 人员经费.
        let basic = basic_table_of(&[
            "50101-工资奖金津补贴 30101-基本工资 15.000000 15.000000",
            "50201-办公经费 30201-办公费 15.000000 15.000000",
            "合    计 30.000000 15.000000 15.000000",
        ]);
        const ALL: &[&str] = &[
            "2010801-行政运行 50101-工资奖金津补贴 30101-基本工资 10.000000 10.000000",
            "2010801-行政运行 50201-办公经费 30201-办公费 5.000000 5.000000",
            "2010801-行政运行 50201-办公经费 30201-办公费 3.000000 3.000000",
            "2010802-一般行政管理事务 50101-工资奖金津补贴 30101-基本工资 5.000000 5.000000",
            "2010802-一般行政管理事务 50201-办公经费 30201-办公费 10.000000 10.000000",
            "2010802-一般行政管理事务 50201-办公经费 30201-办公费 3.000000 3.000000",
            "合    计 36.000000 33.000000 3.000000",
        ];
        let later = std::slice::from_ref(&basic);
        let all = read_beside(TableKey::ExpenseSummary, &EXPENSE_HEADER, ALL, (&[], later)).expect("read");
        assert_eq!(amounts(&all, 2)[1..3], [UNREAD, UNREAD]);
        let earlier = [crate::raw::finish(all, &mut Vec::new()), basic];
        const DATA: &[&str] = &[
            "2010801 行政运行 10.000000 10.000000 10.000000",
            "2010801 行政运行 5.000000 5.000000 5.000000",
            "2010802 一般行政管理事务 5.000000 5.000000 5.000000",
            "2010802 一般行政管理事务 10.000000 10.000000 10.000000",
            "合    计 30.000000 30.000000 15.000000 15.000000",
        ];
        let key = TableKey::GeneralBudgetExpenseByFunction;
        let t = read_beside(key, &BY_FUNCTION_HEADER, DATA, (&earlier, &[])).expect("read");
        assert_eq!(amounts(&t, 0), ["10.000000", "10.000000", "10.000000", "", "", ""]);
        assert_eq!(amounts(&t, 1), ["5.000000", "5.000000", "", "5.000000", "", ""]);
        assert_eq!(amounts(&t, 2), ["5.000000", "5.000000", "5.000000", "", "", ""]);
        assert_eq!(amounts(&t, 3), ["10.000000", "10.000000", "", "10.000000", "", ""]);
    }

    #[test]
    fn staff_and_office_costs_by_function_allow_for_basic_expense_of_other_funds() {
        // 支出总表 has 1 more of 办公费 than the 基本支出表 (another fund's).
        // Each function prints two units of one figure thrice: 人员经费 or
        // 公用经费, which the total row (15 and 15) does not tell; each
        // function's classes in 支出总表, less at most 1, do.
        let basic = basic_table_of(&[
            "50101-工资奖金津补贴 30101-基本工资 15.000000 15.000000",
            "50201-办公经费 30201-办公费 15.000000 15.000000",
            "合    计 30.000000 15.000000 15.000000",
        ]);
        let all = lines(&[
            "2010801-行政运行 50101-工资奖金津补贴 30101-基本工资 10.000000 10.000000",
            "2010801-行政运行 50201-办公经费 30201-办公费 6.000000 6.000000",
            "2010802-一般行政管理事务 50101-工资奖金津补贴 30101-基本工资 5.000000 5.000000",
            "2010802-一般行政管理事务 50201-办公经费 30201-办公费 10.000000 10.000000",
            "2010804-审计业务 50205-委托业务费 30227-委托业务费 4.000000 4.000000",
            "合    计 35.000000 31.000000 4.000000",
        ]);
        let mut findings = Vec::new();
        let mut t = raw(TableKey::ExpenseSummary);
        assert!(read(&mut t, &EXPENSE_HEADER, &all, (&[], std::slice::from_ref(&basic)), &mut findings));
        let earlier = [crate::raw::finish(t, &mut findings), basic];
        let header = BY_FUNCTION_HEADER;
        let data = lines(&[
            "2010801 行政运行 10.000000 10.000000 10.000000",
            "2010801 行政运行 5.000000 5.000000 5.000000",
            "2010802 一般行政管理事务 5.000000 5.000000 5.000000",
            "2010802 一般行政管理事务 10.000000 10.000000 10.000000",
            "合    计 30.000000 30.000000 15.000000 15.000000",
        ]);
        let mut alone = raw(TableKey::GeneralBudgetExpenseByFunction);
        assert!(read(&mut alone, &header, &data, (&[], &[]), &mut findings));
        assert!((0..4).all(|r| amounts(&alone, r)[2..4] == [UNREAD, UNREAD]));
        let mut t = raw(TableKey::GeneralBudgetExpenseByFunction);
        assert!(read(&mut t, &header, &data, (&earlier, &[]), &mut findings));
        assert_eq!(amounts(&t, 0), ["10.000000", "10.000000", "10.000000", "", "", ""]);
        assert_eq!(amounts(&t, 1), ["5.000000", "5.000000", "", "5.000000", "", ""]);
        assert_eq!(amounts(&t, 2), ["5.000000", "5.000000", "5.000000", "", "", ""]);
        assert_eq!(amounts(&t, 3), ["10.000000", "10.000000", "", "10.000000", "", ""]);
    }

    #[test]
    fn a_table_by_function_reads_whole_codes() {
        let header = [
            "功能分类科目 预算数",
            "科目编码 科目名称 合计",
            " 基本支出 项目支出",
            "小计 人员经费 公用经费 项目支出总数 扣除基建项目后预",
            "算数",
        ];
        let data = lines(&[
            "2080101 行政运行 11,090.937757 10,964.901757 9,935.617300 1,029.284457 126.036000 126.036000",
            "2080104 综合业务管理 475.035450 475.035450 475.035450",
        ]);
        let mut t = raw(TableKey::GeneralBudgetExpenseByFunction);
        let mut findings = Vec::new();
        assert!(read(&mut t, &header, &data, (&[], &[]), &mut findings));
        assert_eq!(&t.rows[0].cells[..2], ["2080101", "行政运行"]);
        assert_eq!(amounts(&t, 0).len(), 6);
        assert_eq!(amounts(&t, 0)[2], "9,935.617300");
        // 人员经费, 公用经费 or 项目支出: three readings hold, which share 合计.
        assert_eq!(amounts(&t, 1), ["475.035450", UNREAD, UNREAD, UNREAD, UNREAD, UNREAD]);
    }

    #[test]
    fn listings_read_their_levels_and_one_amount() {
        let header = ["指导性目录 预算金额", "一级 二级 三级"];
        let data = lines(&[
            "合    计 190.084897",
            "01-公共服务 0103-就业公共服务 人才服务 119.000000",
            "02-政府履职辅助性服务 0202-课题研究和社会调查",
            "服务 社会调查服务 71.084897",
        ]);
        let mut t = raw(TableKey::Other);
        assert!(read_listing(&mut t, &header, &data));
        let paths: Vec<&str> = t.columns.iter().map(|c| c.path.as_str()).collect();
        assert_eq!(paths, ["指导性目录/一级", "指导性目录/二级", "指导性目录/三级", "预算金额"]);
        assert_eq!(t.rows[0].cells, ["合计", "", "", "190.084897"]);
        assert_eq!(
            t.rows[2].cells,
            ["02-政府履职辅助性服务", "0202-课题研究和社会调查服务", "社会调查服务", "71.084897"]
        );
        assert_eq!(listing_columns(&["采购类别 金额"]), Some((vec!["采购类别".to_string()], "金额".to_string())));
        assert_eq!(listing_columns(&["项目 金额 预算金额"]), None);
        let two = lines(&["A-货物 1.000000 2.000000", "B-工程 3.000000"]);
        assert!(!read_listing(&mut raw(TableKey::GovernmentProcurement), &["采购类别 金额"], &two));
        // One item, where the total sums it.
        let one = lines(&["C-服务 123.808900", "合  计 123.808900"]);
        let mut t = raw(TableKey::GovernmentProcurement);
        assert!(read_listing(&mut t, &["采购类别 金额"], &one));
        let paths: Vec<&str> = t.columns.iter().map(|c| c.path.as_str()).collect();
        assert_eq!(paths, ["采购类别", "金额"]);
        assert_eq!(t.rows[1].cells, ["合计", "123.808900"]);
        let apart = lines(&["C-服务 123.808900", "合  计 120.000000"]);
        assert!(!read_listing(&mut raw(TableKey::GovernmentProcurement), &["采购类别 金额"], &apart));
    }
}
