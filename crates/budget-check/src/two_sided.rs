//! Two-sided tables (部门收支总表, 财政拨款收支总表): each side read as a list
//! of terms, groups and totals.
//!
//! - A total row (`本年收入合计`, `当年收入小计`, `收入总计`, `总计`) is the sum
//!   of the terms above it since the previous total, the previous total
//!   included: `收入总计 = 本年收入合计 + 上年结转结余`.
//! - A group row (`本年收入`, `本年支出`, `上年结转`, `财政拨款收入`,
//!   `年初财政拨款结转和结余`) is the sum of the rows under it: for
//!   `本年…` every row up to the next group or total, for the others the
//!   rows that name a fund type (`一般公共预算拨款`, `政府性基金预算拨款`, …).
//!   It counts once, as itself, in the total above.
//! - The one total of a side printed first, above its items (`合计` over
//!   `一般公共预算资金`, …), is the sum of the rows below it.
//! - The two sides balance: the last total of the income side equals the
//!   last total of the expense side (`收入总计 = 支出总计`).
//! - A side printed in several panels (收入 | 支出 by function | 支出 by
//!   economic class, each expense panel with its own `本年支出合计` and
//!   `支出总计`) is read panel by panel: each panel sums its own rows, and
//!   each balances the income side on its own. A panel without a total of
//!   its own (江苏 收支预算总表: `当年支出小计` printed once under both the
//!   功能分类 and the 支出用途 lists) is read with the panel after it.

use budget_model::{CheckKind, Section, Table};

use crate::ledger::Ledger;
use crate::locate::row_column;
use crate::names::{fund_type, heading, is_grand_total, is_subset, is_total, Heading};
use crate::sum::{unchecked, Figure, Part, Sum, View};

/// One side of a two-sided table.
#[derive(Debug, Default)]
pub(crate) struct Side {
    /// Each group row and the rows under it.
    pub groups: Vec<(usize, Vec<usize>)>,
    /// Each total row and the terms it sums.
    pub totals: Vec<(usize, Vec<usize>)>,
    /// The rows that are neither totals nor groups with rows under them.
    pub items: Vec<usize>,
    /// The part of the table the side was read from (its first panel).
    pub part: Option<Part>,
}

impl Side {
    /// Reads the rows of `section` of `t`: its first panel, when the side
    /// is printed in several.
    pub(crate) fn read(t: &Table, section: Section) -> Side {
        Side::panels(t, section).into_iter().next().unwrap_or_default()
    }

    /// Reads each panel of `section` of `t` as a side of its own; a panel
    /// without a total row goes with the panel after it (or, if last, the
    /// one before).
    pub(crate) fn panels(t: &Table, section: Section) -> Vec<Side> {
        let mut by_panel: Vec<(u8, Vec<usize>)> = Vec::new();
        for (i, r) in t.rows.iter().enumerate().filter(|(_, r)| r.section == Some(section)) {
            match by_panel.iter_mut().find(|(p, _)| *p == r.panel) {
                Some((_, rows)) => rows.push(i),
                None => by_panel.push((r.panel, vec![i])),
            }
        }
        let has_total = |rows: &[usize]| rows.iter().any(|&r| is_total(&t.rows[r].name) && !is_subset(&t.rows[r].name));
        let mut groups: Vec<Vec<usize>> = Vec::new();
        let mut pending: Vec<usize> = Vec::new();
        for (_, rows) in by_panel {
            pending.extend(rows);
            if has_total(&pending) {
                groups.push(std::mem::take(&mut pending));
            }
        }
        match groups.last_mut() {
            Some(last) => last.extend(pending),
            None if !pending.is_empty() => groups.push(pending),
            None => {}
        }
        groups.into_iter().map(|rows| Side::of_rows(t, &rows)).collect()
    }

    /// Reads `rows` of `t`, one side's rows in printed order.
    fn of_rows(t: &Table, rows: &[usize]) -> Side {
        let name = |k: usize| t.rows[rows[k]].name.as_str();
        let mut side = Side { part: rows.first().map(|&r| Part::of(&t.rows[r])), ..Side::default() };
        let mut open: Vec<usize> = Vec::new();
        let mut leading: Option<usize> = None;
        let top = rows.iter().filter_map(|&r| outline_level(&t.rows[r])).min();
        // Inside the breakdown of an item of the side's top outline level,
        // or of an item without an ordinal outside such an item.
        let mut under_item = false;
        let mut under_plain = false;
        let mut k = 0;
        while k < rows.len() {
            let (r, n) = (rows[k], name(k));
            k += 1;
            if is_subset(n) {
                continue;
            }
            let level = outline_level(&t.rows[r]);
            if is_total(n) {
                (under_item, under_plain) = (false, false);
            } else if under_plain && level.is_some_and(|l| l >= 2) {
                // `1.一般公共预算拨款结余、结转` under `上年结余、结转`.
                continue;
            } else if top.is_some() && level == top {
                (under_item, under_plain) = (true, false);
            } else if under_item && level.is_none_or(|l| Some(l) > top) {
                // `行政事业单位养老支出` under `一、社会保障和就业支出`: a part
                // of the item above, not a term of the side.
                continue;
            } else if level.is_none() {
                (under_item, under_plain) = (false, true);
            }
            if k == 1 && is_total(n) && rows.len() > 1 && (1..rows.len()).all(|j| !is_total(name(j))) {
                // The one total of a side printed first (`合计` above its
                // items, nat_095 部门收支总表) sums the rows below it. A side
                // that goes on to other totals (`本年收入合计`, …, `收入总计`
                // on a continuation page) is not one.
                leading = Some(r);
                continue;
            }
            if is_total(n) {
                side.totals.push((r, std::mem::replace(&mut open, vec![r])));
                continue;
            }
            open.push(r);
            let Some(h) = heading(n) else {
                side.items.push(r);
                continue;
            };
            let mut under = Vec::new();
            while k < rows.len() && belongs_under(h, name(k)) {
                if !is_subset(name(k)) {
                    under.push(rows[k]);
                    side.items.push(rows[k]);
                }
                k += 1;
            }
            if under.is_empty() {
                side.items.push(r);
            } else {
                side.groups.push((r, under));
            }
        }
        if let Some(first) = leading {
            side.totals.push((first, open));
        }
        side
    }

    /// The grand total: the last `…总计`, else the last total.
    pub(crate) fn grand_total(&self, t: &Table) -> Option<usize> {
        let last_grand = self.totals.iter().rev().find(|(r, _)| is_grand_total(&t.rows[*r].name));
        last_grand.or(self.totals.last()).map(|(r, _)| *r)
    }
}

/// The outline level of a row's list ordinal: `一、` 1, `（一）` 2, `1.` 3,
/// `（1）` 4; `None` without one. A list without codes shows its hierarchy
/// this way: 深圳 收支总表 prints `一、社会保障和就业支出` and under it, without
/// ordinals, its 款 and 项.
fn outline_level(row: &budget_model::Row) -> Option<u8> {
    let o = row.ordinal.as_deref()?;
    let paren = o.starts_with(['(', '（']);
    let digits = o.chars().any(|c| c.is_ascii_digit());
    Some(match (paren, digits) {
        (false, false) => 1,
        (true, false) => 2,
        (false, true) => 3,
        (true, true) => 4,
    })
}

fn belongs_under(h: Heading, name: &str) -> bool {
    if is_total(name) || heading(name).is_some() {
        return false;
    }
    h == Heading::AllFollowing || fund_type(name).is_some()
}

/// Checks both sides of a two-sided table and their balance.
pub(crate) fn check(view: &View, ledger: &mut Ledger) {
    let t = view.table;
    let incomes = Side::panels(t, Section::Income);
    let expenses = Side::panels(t, Section::Expense);
    for side in incomes.iter().chain(&expenses) {
        let columns = side_columns(view, side, Section::Income);
        for (group, under) in &side.groups {
            let detail = format!("{} = the {} rows under it", t.rows[*group].name, under.len());
            groups(view, *group, under, &columns, &detail, ledger);
        }
        for (total, terms) in &side.totals {
            let names: Vec<&str> = terms.iter().map(|&r| t.rows[r].name.as_str()).collect();
            let detail = format!("{} = {}", t.rows[*total].name, abbreviate(&names));
            totals(view, *total, terms, &columns, &detail, ledger);
        }
    }
    let no_side = Side::default();
    let income = incomes.first().unwrap_or(&no_side);
    if expenses.is_empty() {
        balance(view, income, &no_side, ledger);
    }
    for expense in &expenses {
        balance(view, income, expense, ledger);
    }
}

/// The amount columns of a side's rows (`section` for a side with no rows).
fn side_columns(view: &View, side: &Side, section: Section) -> Vec<usize> {
    view.columns_for(side.part.unwrap_or(Part { section: Some(section), panel: 0 }))
}

/// A group row against the rows under it, in each column.
fn groups(view: &View, total: usize, terms: &[usize], columns: &[usize], detail: &str, ledger: &mut Ledger) {
    let mut rows = vec![total];
    rows.extend_from_slice(terms);
    for &c in columns {
        let figures = terms.iter().map(|&r| view.figure(r, c));
        let sum =
            Sum::at(CheckKind::TwoSided, view, total, c).terms(figures).places(view, terms.iter().map(|&r| (r, c)));
        ledger.add(view, &rows, sum.detail(detail));
    }
}

/// A total row against its terms in each column. A total the side prints
/// in one column only, beside lists in others (江苏 收支预算总表: 当年支出小计
/// once for its 功能分类 and its 支出用途 lists), totals every list.
fn totals(view: &View, total: usize, terms: &[usize], columns: &[usize], detail: &str, ledger: &mut Ledger) {
    let mut rows = vec![total];
    rows.extend_from_slice(terms);
    let printed: Vec<usize> =
        columns.iter().copied().filter(|&c| matches!(view.figure(total, c), Figure::Printed(_))).collect();
    for &c in columns {
        let figures: Vec<Figure> = terms.iter().map(|&r| view.figure(r, c)).collect();
        let list = figures.iter().any(|f| f.is_nonzero());
        let mut sum = Sum::at(CheckKind::TwoSided, view, total, c).terms(figures).detail(detail);
        sum = sum.places(view, terms.iter().map(|&r| (r, c)));
        if let (&[once], Figure::Blank, true) = (&printed[..], view.figure(total, c), list) {
            let note = format!("{detail} (the total is printed once, in {})", view.column(once));
            sum = sum.printed(view.figure(total, once)).places(view, [(total, once)]).detail(note);
        }
        ledger.add(view, &rows, sum);
    }
}

/// `收入总计 = 支出总计`: in each column both sides print, or, when the
/// sides print different columns, between the column each total is
/// printed in (the side's total column, else its only printed one).
fn balance(view: &View, income: &Side, expense: &Side, ledger: &mut Ledger) {
    let t = view.table;
    let (Some(i), Some(e)) = (income.grand_total(t), expense.grand_total(t)) else {
        if !t.rows.is_empty() {
            let why = "the income or the expense side has no total row, so the two sides cannot be balanced";
            ledger.push(unchecked(CheckKind::TwoSided, view, None, why.to_string()));
        }
        return;
    };
    let printed = |r: usize, c: usize| matches!(view.figure(r, c), Figure::Printed(_));
    let (ci, ce) = (side_columns(view, income, Section::Income), side_columns(view, expense, Section::Expense));
    let mut pairs: Vec<(usize, usize)> =
        ci.iter().copied().filter(|c| ce.contains(c) && printed(i, *c) && printed(e, *c)).map(|c| (c, c)).collect();
    if pairs.is_empty() {
        if let (Some(a), Some(b)) = (row_column(t, i, Section::Income), row_column(t, e, Section::Expense)) {
            pairs.push((a, b));
        }
    }
    let detail = format!("{} = {}", t.rows[e].name, t.rows[i].name);
    for (a, b) in pairs {
        let sum = Sum::at(CheckKind::TwoSided, view, e, b).terms([view.figure(i, a)]).places(view, [(i, a)]);
        ledger.add(view, &[i, e], sum.detail(&detail));
    }
}

/// Names joined with ` + `, at most eight.
fn abbreviate(names: &[&str]) -> String {
    match names.len() {
        0 => "nothing".into(),
        n if n > 8 => format!("{} + … ({n} rows)", names[..8].join(" + ")),
        _ => names.join(" + "),
    }
}

#[cfg(test)]
mod tests {
    use budget_model::{CheckStatus, TableKey};

    use crate::testing::{checks, status, two_sided};
    use budget_model::CheckKind::TwoSided;

    /// nat_095 部门收支总表: `合计` printed above the items on each side.
    #[test]
    fn a_total_printed_first_sums_the_rows_below() {
        let t = two_sided(
            TableKey::IncomeExpenseSummary,
            &["预算数"],
            &[("合计", &["14770.62"]), ("一般公共预算资金", &["12672.73"]), ("其他收入资金", &["2097.89"])],
            &[("合计", &["14770.62"]), ("农林水支出", &["579.89"]), ("住房保障支出", &["14190.73"])],
        );
        let c = checks(vec![t]);
        let found: Vec<_> = c.iter().filter(|c| c.check == TwoSided).map(|c| (c.row_name.as_str(), c.status)).collect();
        assert_eq!(found, vec![("合计", CheckStatus::Ok), ("合计", CheckStatus::Ok), ("合计", CheckStatus::Ok)]);
    }

    /// 深圳 收支总表: each 类 of the expense side opens with an ordinal, its
    /// 款 and 项 follow without one; only the 类 are terms of the total.
    #[test]
    fn an_outline_by_ordinals_sums_its_top_level_only() {
        let mut t = two_sided(
            TableKey::IncomeExpenseSummary,
            &["2026年预算数"],
            &[
                ("财政拨款", &["1522.20"]),
                ("本年收入合计", &["1522.20"]),
                ("上年结余、结转", &["7.34"]),
                ("财政拨款结余、结转", &["7.34"]),
                ("非财政拨款结余、结转", &["0.00"]),
                ("收入总计", &["1529.54"]),
            ],
            &[
                ("社会保障和就业支出", &["1280.54"]),
                ("行政事业单位养老支出", &["1280.54"]),
                ("行政单位离退休", &["374.54"]),
                ("机关事业单位基本养老保险缴费支出", &["906.00"]),
                ("卫生健康支出", &["249.00"]),
                ("行政事业单位医疗", &["249.00"]),
                ("本年支出合计", &["1529.54"]),
            ],
        );
        for (row, ordinal) in [(3, "1."), (4, "2."), (6, "一、"), (10, "二、")] {
            t.rows[row].ordinal = Some(ordinal.to_string());
        }
        let c = checks(vec![t]);
        let income = c.iter().find(|c| c.check == TwoSided && c.row_name == "收入总计");
        assert_eq!(
            income.map(|c| (c.expected.map(|e| e.to_string()), c.status)),
            Some((Some("1529.54".into()), CheckStatus::Ok))
        );
        let total = c.iter().find(|c| c.check == TwoSided && c.row_name == "本年支出合计");
        assert_eq!(
            total.map(|c| (c.expected.map(|e| e.to_string()), c.status)),
            Some((Some("1529.54".into()), CheckStatus::Ok))
        );
    }

    /// 部门收支总表 of the Hubei template: items, then 本年…合计, then the
    /// carry-over, then …总计.
    #[test]
    fn totals_follow_their_terms() {
        let t = two_sided(
            TableKey::IncomeExpenseSummary,
            &["预算数"],
            &[
                ("一般公共预算拨款收入", &["1477.88"]),
                ("事业收入", &["0.00"]),
                ("本年收入合计", &["1477.88"]),
                ("上年结转结余", &["0.00"]),
                ("收入总计", &["1477.88"]),
            ],
            &[
                ("一般公共服务支出", &["1147.27"]),
                ("住房保障支出", &["330.61"]),
                ("本年支出合计", &["1477.88"]),
                ("年终结转结余", &["1.00"]),
                ("支出总计", &["1477.88"]),
            ],
        );
        let c = checks(vec![t]);
        assert_eq!(status(&c, TwoSided, "本年收入合计", "预算数"), CheckStatus::Ok);
        assert_eq!(status(&c, TwoSided, "收入总计", "预算数"), CheckStatus::Ok);
        assert_eq!(status(&c, TwoSided, "本年支出合计", "预算数"), CheckStatus::Ok);
        let expense_total: Vec<_> = c.iter().filter(|c| c.row_name == "支出总计").map(|c| c.status).collect();
        assert_eq!(
            expense_total,
            vec![CheckStatus::Fail, CheckStatus::Ok],
            "支出总计 = 本年支出合计 + 1.00; = 收入总计"
        );
    }

    /// 财政拨款收支总表 of the Hubei template prints its groups above their
    /// rows, and zeros blank.
    #[test]
    fn groups_head_the_rows_under_them() {
        let income: &[(&str, &[&str])] = &[
            ("本年收入", &["100.00"]),
            ("一般公共预算拨款", &["90.00"]),
            ("政府性基金预算拨款", &["10.00"]),
            ("上年结转", &["5.00"]),
            ("一般公共预算拨款", &["4.00"]),
            ("政府性基金预算拨款", &[""]),
            ("收入总计", &["105.00"]),
        ];
        let expense: &[(&str, &[&str])] = &[
            ("本年支出", &["105.00"]),
            ("一般公共服务支出", &["100.00"]),
            ("国防支出", &[""]),
            ("住房保障支出", &["5.00"]),
            ("年终结转结余", &[""]),
            ("支出总计", &["105.00"]),
        ];
        let c = checks(vec![two_sided(TableKey::FiscalIncomeExpenseSummary, &["预算数"], income, expense)]);
        assert_eq!(status(&c, TwoSided, "本年收入", "预算数"), CheckStatus::Ok);
        assert_eq!(status(&c, TwoSided, "上年结转", "预算数"), CheckStatus::Fail);
        assert_eq!(status(&c, TwoSided, "收入总计", "预算数"), CheckStatus::Ok);
        assert_eq!(status(&c, TwoSided, "本年支出", "预算数"), CheckStatus::Ok);
    }

    /// 江苏 收支预算总表: 财政拨款 heads its fund rows; 当年收入小计 and
    /// 收入合计 each total what is above them.
    #[test]
    fn a_subtotal_counts_in_the_next_total() {
        let income: &[(&str, &[&str])] = &[
            ("财政拨款", &["10070.48"]),
            ("一般公共预算", &["10070.48"]),
            ("政府性基金预算", &[""]),
            ("财政专户管理资金", &[""]),
            ("其他资金", &["80.00"]),
            ("当年收入小计", &["10150.48"]),
            ("上年结转资金", &[""]),
            ("收入合计", &["10150.48"]),
        ];
        let expense: &[(&str, &[&str])] = &[("一般公共服务支出", &["10150.48"]), ("支出合计", &["10150.47"])];
        let c = checks(vec![two_sided(TableKey::IncomeExpenseSummary, &["金额"], income, expense)]);
        assert_eq!(status(&c, TwoSided, "财政拨款", "金额"), CheckStatus::Ok);
        assert_eq!(status(&c, TwoSided, "当年收入小计", "金额"), CheckStatus::Ok);
        assert_eq!(status(&c, TwoSided, "收入合计", "金额"), CheckStatus::Ok);
        let balance: Vec<_> = c.iter().filter(|c| c.row_name == "支出合计").map(|c| c.status).collect();
        assert_eq!(balance, vec![CheckStatus::Rounding, CheckStatus::Rounding]);
    }

    /// 江苏 收支预算总表 lists expense by function and by use side by side
    /// and prints 当年支出小计 once.
    #[test]
    fn a_total_printed_once_totals_each_list() {
        for (by_use, want) in [("4.00", CheckStatus::Ok), ("3.00", CheckStatus::Fail)] {
            let rows: &[(&str, &[&str])] = &[
                ("一般公共服务支出", &["10.00", ""]),
                ("基本支出", &["", "6.00"]),
                ("项目支出", &["", by_use]),
                ("当年支出小计", &["", "10.00"]),
            ];
            let c =
                checks(vec![two_sided(TableKey::IncomeExpenseSummary, &["功能分类/金额", "支出用途/金额"], &[], rows)]);
            assert_eq!(status(&c, TwoSided, "当年支出小计", "功能分类/金额"), CheckStatus::Ok);
            assert_eq!(status(&c, TwoSided, "当年支出小计", "支出用途/金额"), want);
        }
    }

    #[test]
    fn sides_that_do_not_balance_fail() {
        let t = two_sided(
            TableKey::IncomeExpenseSummary,
            &["预算数"],
            &[("一般公共预算拨款收入", &["10.00"]), ("收入总计", &["10.00"])],
            &[("一般公共服务支出", &["12.00"]), ("支出总计", &["12.00"])],
        );
        let c = checks(vec![t]);
        let balance: Vec<_> = c.iter().filter(|c| c.row_name == "支出总计").map(|c| c.status).collect();
        assert_eq!(balance, vec![CheckStatus::Ok, CheckStatus::Fail]);
        let one_sided = two_sided(TableKey::IncomeExpenseSummary, &["预算数"], &[("事业收入", &["1.00"])], &[]);
        assert_eq!(status(&checks(vec![one_sided]), TwoSided, "", ""), CheckStatus::Unchecked);
    }

    /// A three-panel 部门收支总表 (收入 | 支出 by function | 支出 by
    /// economic class), each expense panel with its own totals in the one
    /// shared 预算数 column: each panel sums its own rows, and each balances
    /// the income side on its own, not their sum.
    #[test]
    fn each_expense_panel_totals_and_balances_on_its_own() {
        let expense: &[(&str, &[&str])] = &[
            ("一般公共服务支出", &["7.00"]),
            ("住房保障支出", &["3.00"]),
            ("本年支出合计", &["10.00"]),
            ("年终结转结余", &["0.00"]),
            ("支出总计", &["10.00"]),
            ("工资福利支出", &["6.00"]),
            ("商品和服务支出", &["4.00"]),
            ("本年支出合计", &["10.00"]),
            ("年终结转结余", &["0.00"]),
            ("支出总计", &["10.00"]),
        ];
        let income: &[(&str, &[&str])] = &[
            ("一般公共预算拨款收入", &["10.00"]),
            ("本年收入合计", &["10.00"]),
            ("上年结转结余", &["0.00"]),
            ("收入总计", &["10.00"]),
        ];
        let mut t = two_sided(TableKey::IncomeExpenseSummary, &["预算数"], income, expense);
        for (k, r) in t.rows.iter_mut().enumerate() {
            r.panel = match k {
                0..4 => 0,
                4..9 => 1,
                _ => 2,
            };
        }
        let c = checks(vec![t]);
        let found: Vec<_> = c.iter().filter(|c| c.check == TwoSided).map(|c| (c.row_name.as_str(), c.status)).collect();
        let ok = CheckStatus::Ok;
        assert_eq!(
            found,
            vec![
                ("本年收入合计", ok),
                ("收入总计", ok),
                ("本年支出合计", ok),
                ("支出总计", ok),
                ("本年支出合计", ok),
                ("支出总计", ok),
                ("支出总计", ok),
                ("支出总计", ok),
            ]
        );
        let balance: Vec<_> =
            c.iter().filter(|c| c.check == TwoSided && c.detail.contains("支出总计 = 收入总计")).collect();
        assert!(balance.iter().all(|c| c.expected == c.actual) && balance.len() == 2, "{balance:#?}");
    }
}
