//! Totals across a row, read from the header: in each header group, a
//! column labelled as a total (`合计`, `小计`, `本年支出合计`, `“三公”经费合计`)
//! is the sum of its sibling columns. So `合计 = 基本支出 + 项目支出`,
//! `基本支出/小计 = 人员经费 + 公用经费`, `本年收入/小计` = its parts,
//! `公务用车购置及运行费/小计 = 购置费 + 运行费`, and `“三公”经费合计` = the
//! three kinds, with a sibling group counted by its own 小计 when it has
//! one, else by all its columns. Columns labelled `其中…` are parts of a
//! sibling and never terms. Where every kind is split into measures (决算:
//! `合计/预算数`, `合计/决算数`, `因公出国（境）费/预算数`, …), the total group's
//! column of each measure sums that measure of the others. Ratio columns
//! (`为预算%`) are not amounts and take no part.

use budget_model::{CheckKind, Table};

use crate::hierarchy::parts;
use crate::ledger::Ledger;
use crate::names::{is_procurement, is_ratio, is_subset, is_three_public_kind, is_total};
use crate::sum::{unchecked, Figure, Sum, View};

/// One level of the header: the columns and groups under one label.
#[derive(Debug, Default)]
struct Group {
    label: String,
    leaves: Vec<(String, usize)>,
    groups: Vec<Group>,
    /// Members in printed order: `Ok(leaf)` or `Err(group)` indices.
    order: Vec<Result<usize, usize>>,
}

impl Group {
    /// The header tree of `columns` of `t`.
    fn of(t: &Table, columns: &[usize]) -> Group {
        let mut root = Group::default();
        for &i in columns.iter().filter(|&&c| !is_ratio(t.columns[c].leaf())) {
            let parts: Vec<&str> = t.columns[i].path.split('/').map(str::trim).collect();
            root.insert(&parts, i);
        }
        root
    }

    fn insert(&mut self, parts: &[&str], col: usize) {
        match parts {
            [] => {}
            [leaf] => {
                self.order.push(Ok(self.leaves.len()));
                self.leaves.push((leaf.to_string(), col));
            }
            [head, rest @ ..] => {
                // Only the last group can continue: a label seen again
                // after another member starts a new group.
                let last = self.order.last().and_then(|m| m.err());
                let g = match last.filter(|&g| self.groups[g].label == *head) {
                    Some(g) => g,
                    None => {
                        self.order.push(Err(self.groups.len()));
                        self.groups.push(Group { label: head.to_string(), ..Group::default() });
                        self.groups.len() - 1
                    }
                };
                self.groups[g].insert(rest, col);
            }
        }
    }

    /// The total column of this level, if exactly one leaf is a total.
    fn total(&self) -> Option<usize> {
        let mut totals = self.leaves.iter().filter(|(l, _)| is_total(l));
        let first = totals.next()?;
        totals.next().is_none().then_some(first.1)
    }

    /// Two members with one label: the header was not read cleanly.
    fn ambiguous(&self) -> bool {
        let mut labels: Vec<&str> = self.leaves.iter().map(|(l, _)| l.as_str()).collect();
        labels.extend(self.groups.iter().map(|g| g.label.as_str()));
        let n = labels.len();
        labels.sort_unstable();
        labels.dedup();
        labels.len() != n || labels.iter().any(|l| l.is_empty())
    }

    /// The columns this group adds to a sum above it: its total, or else
    /// every term column under it.
    fn term_columns(&self) -> Vec<usize> {
        match self.total() {
            Some(c) => vec![c],
            None => self.parts(),
        }
    }

    /// The columns summed into this level's total.
    fn parts(&self) -> Vec<usize> {
        let mut out = Vec::new();
        for &m in self.order.iter().filter(|&&m| self.is_term(m)) {
            match m {
                Ok(l) => out.push(self.leaves[l].1),
                Err(g) => out.extend(self.groups[g].term_columns()),
            }
        }
        out
    }

    /// The label of a member.
    fn label(&self, member: Result<usize, usize>) -> &str {
        match member {
            Ok(l) => &self.leaves[l].0,
            Err(g) => &self.groups[g].label,
        }
    }

    /// True when `member` is a term of this level's total. Never a total,
    /// a subset (`其中：教育收费`) or a derived figure (`扣除基建项目后预算数`),
    /// except where `其中：` heads the whole list ([`Group::list_heading`]);
    /// never procurement beside spending (`2026年政府采购项目/小计` in 深圳
    /// 部门支出总表); and where the level has the three kinds of 三公, only
    /// they (`会议费`, `培训费` printed beside them are not in
    /// `“三公”经费合计`).
    fn is_term(&self, member: Result<usize, usize>) -> bool {
        let label = self.label(member);
        if member.is_ok() && is_total(label) {
            return false;
        }
        if is_subset(label) && !(self.list_heading() && label.trim_start().starts_with("其中")) {
            return false;
        }
        if is_procurement(label) && !is_procurement(&self.label) {
            return false;
        }
        !self.three_public_only() || is_three_public_kind(label)
    }

    /// `其中：` printed on the first column after the total, and on no other
    /// (广州 `一般公共预算支出/小计 ; 其中：基本支出 ; 项目支出`): it heads the
    /// breakdown of the total, all of whose columns are terms. Where each
    /// subset says `其中` (`其中：…中小企业 ; 其中：…小型、微型企业`), or it
    /// follows the column it is part of (`事业收入 ; 其中：教育收费`), it is a
    /// subset.
    fn list_heading(&self) -> bool {
        let Some(at) = self.order.iter().position(|&m| m.is_ok() && is_total(self.label(m))) else {
            return false;
        };
        let rest: Vec<&str> = self.order[at + 1..].iter().map(|&m| self.label(m).trim_start()).collect();
        let heads = rest.iter().filter(|l| l.starts_with("其中")).count();
        rest.len() >= 2 && rest[0].starts_with("其中") && heads == 1
    }

    /// The level lists the three kinds of 三公 (`因公出国（境）费`,
    /// `公务用车购置及运行费`, `公务接待费`) and its total is not said to
    /// cover more (`会议费`, `培训费`).
    fn three_public_only(&self) -> bool {
        let total_says_more = self.order.iter().any(|&m| {
            let l = self.label(m);
            is_total(l) && (l.contains("会议") || l.contains("培训"))
        });
        !total_says_more && self.order.iter().any(|&m| is_three_public_kind(self.label(m)))
    }

    /// The member group labelled as a total whose members are all leaves:
    /// the 决算 header that splits every kind into 预算数 and 决算数
    /// (`合计/预算数`, `因公出国（境）费/预算数`, …).
    fn total_group(&self) -> Option<&Group> {
        let mut totals = self.groups.iter().filter(|g| is_total(&g.label) && g.groups.is_empty());
        let first = totals.next()?;
        totals.next().is_none().then_some(first)
    }

    /// The columns of measure `m` (`预算数`) this group adds to a sum above
    /// it: its total group's, its own, or its subgroups'.
    fn measure_terms(&self, m: &str) -> Option<Vec<usize>> {
        if let Some(total) = self.total_group() {
            return total.leaves.iter().find(|(l, _)| l == m).map(|(_, c)| vec![*c]);
        }
        if self.groups.is_empty() {
            return self.leaves.iter().find(|(l, _)| l == m).map(|(_, c)| vec![*c]);
        }
        if !self.leaves.is_empty() {
            return None;
        }
        let members = (0..self.groups.len()).filter(|&g| self.is_term(Err(g)));
        let parts: Option<Vec<Vec<usize>>> = members.map(|g| self.groups[g].measure_terms(m)).collect();
        parts.map(|p| p.concat())
    }

    /// This level's sums: `(total column, term columns)`.
    fn sums(&self) -> Vec<(usize, Vec<usize>)> {
        if let Some(total) = self.total() {
            let parts = self.parts();
            return if parts.is_empty() { Vec::new() } else { vec![(total, parts)] };
        }
        let Some(total) = self.total_group() else { return Vec::new() };
        let mut out = Vec::new();
        for (m, col) in &total.leaves {
            let terms: Option<Vec<Vec<usize>>> = self
                .order
                .iter()
                .filter(|&&member| !matches!(member, Err(g) if std::ptr::eq(&self.groups[g], total)))
                .filter(|&&member| member.is_ok() || self.is_term(member))
                .map(|member| match *member {
                    Ok(_) => None,
                    Err(g) => self.groups[g].measure_terms(m),
                })
                .collect();
            if let Some(terms) = terms.map(|t| t.concat()).filter(|t| !t.is_empty()) {
                out.push((*col, terms));
            }
        }
        out
    }

    /// Every level with a total and something to add to it.
    fn summing<'a>(&'a self, out: &mut Vec<&'a Group>) {
        if !self.sums().is_empty() {
            out.push(self);
        }
        for g in &self.groups {
            g.summing(out);
        }
    }
}

/// Checks every row of `view` against the summing columns of its header
/// (in a two-sided table whose sides print different columns, each side
/// against its own).
pub(crate) fn check(view: &View, ledger: &mut Ledger) {
    for (part, rows) in parts(view.table) {
        let root = Group::of(view.table, &view.columns_for(part));
        let mut levels = Vec::new();
        root.summing(&mut levels);
        if levels.iter().any(|g| g.ambiguous()) {
            let why = "the header repeats a label beside a total column, so which columns it sums is not known";
            ledger.push(unchecked(CheckKind::RowSum, view, None, why.to_string()));
            continue;
        }
        for (total, parts) in levels.iter().flat_map(|g| g.sums()) {
            for &r in &rows {
                check_row(view, total, &parts, r, ledger);
            }
        }
    }
}

/// One row: the `total` column against the `parts` columns.
fn check_row(view: &View, total: usize, parts: &[usize], r: usize, ledger: &mut Ledger) {
    let t = view.table;
    let names: Vec<&str> = parts.iter().map(|&c| t.columns[c].path.as_str()).collect();
    let detail = format!("{} = {}", t.columns[total].path, names.join(" + "));
    let figures: Vec<Figure> = parts.iter().map(|&c| view.figure(r, c)).collect();
    if t.key.is_two_sided() && view.figure(r, total).is_nonzero() && figures.iter().all(|f| *f == Figure::Blank) {
        // One side of a two-sided table may print only the first of the
        // columns (财政拨款收入支出决算总表: 决算数 on the income side; 合计,
        // 一般公共预算, … on the expense side): blank parts beside a total are
        // not printed, not zero.
        let mut c =
            unchecked(CheckKind::RowSum, view, Some(r), format!("{detail}: the parts are not printed on this side"));
        c.column = t.columns[total].path.clone();
        c.actual = view.figure(r, total).value();
        ledger.cover(view, &[r]);
        ledger.push(c);
        return;
    }
    let sum = Sum::at(CheckKind::RowSum, view, r, total).terms(figures).places(view, parts.iter().map(|&c| (r, c)));
    ledger.add(view, &[r], sum.detail(detail));
}

#[cfg(test)]
mod tests {
    use budget_model::{CheckStatus, Column, Section, TableKey};

    use crate::testing::{checks, status, table, two_sided};
    use budget_model::CheckKind::RowSum;

    const BY_FUNCTION: &[&str] = &["合计", "基本支出/小计", "基本支出/人员经费", "基本支出/公用经费", "项目支出"];

    #[test]
    fn total_and_subtotal_columns_sum_their_siblings() {
        let t = table(
            TableKey::GeneralBudgetExpenseByFunction,
            BY_FUNCTION,
            &[
                ("201", "一般公共服务支出", &["1147.27", "807.27", "607.03", "200.23", "340.00"]),
                ("208", "社会保障和就业支出", &["102.39", "102.39", "100.31", "2.08", "1.00"]),
            ],
        );
        let c = checks(vec![t]);
        assert_eq!(status(&c, RowSum, "201", "合计"), CheckStatus::Ok);
        assert_eq!(status(&c, RowSum, "201", "基本支出/小计"), CheckStatus::Rounding);
        assert_eq!(status(&c, RowSum, "208", "合计"), CheckStatus::Fail);
        assert_eq!(status(&c, RowSum, "208", "基本支出/小计"), CheckStatus::Ok);
    }

    /// A cell the reader could not settle is no zero: the sums it is a
    /// term of go unchecked, in a table that prints its zeros blank too.
    #[test]
    fn a_sum_over_an_unread_cell_is_unchecked() {
        let mut t = table(
            TableKey::ExpenseSummary,
            &["合计", "基本支出", "项目支出"],
            &[("201", "一般公共服务支出", &["5.00", "", "5.00"]), ("208", "社会保障和就业支出", &["2.00", "2.00", ""])],
        );
        assert_eq!(status(&checks(vec![t.clone()]), RowSum, "201", "合计"), CheckStatus::Ok);
        t.rows[0].cells[2] = budget_model::Cell::Unread;
        assert_eq!(status(&checks(vec![t.clone()]), RowSum, "201", "合计"), CheckStatus::Unchecked);
        t.rows[0].cells[1] = budget_model::Cell::Unread;
        assert_eq!(status(&checks(vec![t]), RowSum, "201", "合计"), CheckStatus::Unchecked);
    }

    #[test]
    fn a_group_with_a_subtotal_counts_once_in_the_total_above() {
        let columns = [
            "“三公”经费合计",
            "因公出国（境）费",
            "公务用车购置及运行费/小计",
            "公务用车购置及运行费/公务用车购置费",
            "公务用车购置及运行费/公务用车运行费",
            "公务接待费",
        ];
        let good = table(
            TableKey::ThreePublicExpense,
            &columns,
            &[("", "", &["5.55", "0.00", "3.37", "0.00", "3.37", "2.18"])],
        );
        let c = checks(vec![good]);
        assert_eq!(status(&c, RowSum, "", "“三公”经费合计"), CheckStatus::Ok);
        assert_eq!(status(&c, RowSum, "", "公务用车购置及运行费/小计"), CheckStatus::Ok);
        let bad = table(
            TableKey::ThreePublicExpense,
            &columns,
            &[("", "", &["5.55", "0.00", "3.37", "1.00", "3.37", "2.18"])],
        );
        let c = checks(vec![bad]);
        assert_eq!(status(&c, RowSum, "", "公务用车购置及运行费/小计"), CheckStatus::Fail);
    }

    #[test]
    fn columns_of_groups_without_a_subtotal_are_each_a_term() {
        let columns =
            ["合计", "本年拨款/一般公共预算", "本年拨款/政府性基金预算", "财政拨款结转结余/一般公共预算", "单位资金"];
        let t =
            table(TableKey::ProjectExpense, &columns, &[("", "乡村振兴", &["10.00", "6.00", "1.00", "2.00", "1.00"])]);
        assert_eq!(status(&checks(vec![t]), RowSum, "乡村振兴", "合计"), CheckStatus::Ok);
        let t =
            table(TableKey::ProjectExpense, &columns, &[("", "乡村振兴", &["10.00", "6.00", "1.00", "2.00", "0.00"])]);
        assert_eq!(status(&checks(vec![t]), RowSum, "乡村振兴", "合计"), CheckStatus::Fail);
    }

    /// 财政拨款“三公”经费支出决算表: every kind split into 预算数 and 决算数.
    #[test]
    fn a_total_group_sums_each_measure_of_the_others() {
        let columns = [
            "合计/预算数",
            "合计/决算数",
            "因公出国（境）费/预算数",
            "因公出国（境）费/决算数",
            "公务用车购置及运行费/小计/预算数",
            "公务用车购置及运行费/小计/决算数",
            "公务用车购置及运行费/公务用车运行费/预算数",
            "公务用车购置及运行费/公务用车运行费/决算数",
            "公务接待费/预算数",
            "公务接待费/决算数",
        ];
        let row = ["3.00", "2.50", "1.00", "1.00", "1.00", "1.00", "1.00", "1.00", "1.00", "0.40"];
        let c = checks(vec![table(TableKey::ThreePublicExpense, &columns, &[("", "", &row)])]);
        assert_eq!(status(&c, RowSum, "", "合计/预算数"), CheckStatus::Ok);
        assert_eq!(status(&c, RowSum, "", "合计/决算数"), CheckStatus::Fail);
        assert_eq!(status(&c, RowSum, "", "公务用车购置及运行费/小计/决算数"), CheckStatus::Ok);
    }

    #[test]
    fn subset_columns_are_not_terms() {
        let t = table(
            TableKey::IncomeSummary,
            &["合计", "财政拨款", "事业收入", "其中：教育收费"],
            &[("", "合计", &["10.00", "6.00", "4.00", "3.00"])],
        );
        assert_eq!(status(&checks(vec![t]), RowSum, "合计", "合计"), CheckStatus::Ok);
    }

    /// Columns that do not add up by design, one case per row: the header
    /// words decide, and the total is checked against the columns that do.
    #[test]
    fn columns_that_do_not_add_up_by_design_are_not_terms() {
        struct Case {
            what: &'static str,
            key: TableKey,
            columns: &'static [&'static str],
            row: &'static [&'static str],
            total: &'static str,
        }
        let cases = [
            Case {
                what: "北京: 扣除基建项目后预算数 derived from 项目支出总数",
                key: TableKey::GeneralBudgetExpenseByFunction,
                columns: &[
                    "预算数/合计",
                    "预算数/基本支出/小计",
                    "预算数/基本支出/人员经费",
                    "预算数/基本支出/公用经费",
                    "预算数/项目支出/项目支出总数",
                    "预算数/项目支出/扣除基建项目后预算数",
                ],
                row: &["879.05", "439.53", "400.00", "39.53", "439.52", "439.52"],
                total: "预算数/合计",
            },
            Case {
                what: "深圳: procurement columns beside the spending of 支出总表",
                key: TableKey::ExpenseSummary,
                columns: &[
                    "支出总计",
                    "基本支出",
                    "项目支出",
                    "2026年政府采购项目/小计",
                    "2026年政府采购项目/其中：2026年政府采购项目中预留给中小企业的项目资金规模",
                ],
                row: &["50.00", "20.00", "30.00", "15.00", "5.00"],
                total: "支出总计",
            },
            Case {
                what: "广州: 其中： heads the whole breakdown of 小计",
                key: TableKey::GeneralBudgetExpenseByFunction,
                columns: &["一般公共预算支出/小计", "一般公共预算支出/其中：基本支出", "一般公共预算支出/项目支出"],
                row: &["1075.58", "6.49", "1069.09"],
                total: "一般公共预算支出/小计",
            },
            Case {
                what: "会议费 and 培训费 beside the three kinds of 三公",
                key: TableKey::ThreePublicExpense,
                columns: &[
                    "“三公”经费合计",
                    "因公出国（境）费",
                    "公务用车购置及运行维护费/小计",
                    "公务用车购置及运行维护费/公务用车购置费",
                    "公务用车购置及运行维护费/公务用车运行维护费",
                    "公务接待费",
                    "会议费",
                    "培训费",
                ],
                row: &["6.00", "1.00", "3.00", "0.00", "3.00", "2.00", "4.00", "9.00"],
                total: "“三公”经费合计",
            },
        ];
        for case in cases {
            let t = table(case.key, case.columns, &[("201", "一般公共服务支出", case.row)]);
            let c = checks(vec![t]);
            assert_eq!(status(&c, RowSum, "201", case.total), CheckStatus::Ok, "{}", case.what);
            assert!(c.iter().all(|c| c.status != CheckStatus::Fail), "{}: {c:#?}", case.what);
        }
    }

    /// `其中：` after the column it is part of, or on every subset, is a
    /// subset: the total does not take it.
    #[test]
    fn a_subset_after_its_whole_stays_a_subset() {
        let t = table(
            TableKey::IncomeSummary,
            &["合计", "其中：教育收费", "其中：其他"],
            &[("", "合计", &["10.00", "3.00", "3.00"])],
        );
        assert!(checks(vec![t]).iter().all(|c| c.check != RowSum));
    }

    #[test]
    fn a_header_that_repeats_a_label_is_not_summed() {
        let t = table(
            TableKey::ExpenseSummary,
            &["合计", "项目支出", "基本支出", "项目支出"],
            &[("201", "x", &["3.00", "1.00", "1.00", "1.00"])],
        );
        let c = checks(vec![t]);
        assert_eq!(status(&c, RowSum, "", ""), CheckStatus::Unchecked);
    }

    #[test]
    fn a_figure_missing_where_zeros_are_printed_is_unchecked() {
        let t = table(
            TableKey::ExpenseSummary,
            &["合计", "基本支出", "项目支出"],
            &[("201", "x", &["3.00", "3.00", ""]), ("202", "y", &["0.00", "0.00", "0.00"])],
        );
        assert_eq!(status(&checks(vec![t]), RowSum, "201", "合计"), CheckStatus::Unchecked);
        // Where the column prints no zero, its blanks are zeros.
        let t =
            table(TableKey::ExpenseSummary, &["合计", "基本支出", "项目支出"], &[("201", "x", &["3.00", "3.00", ""])]);
        assert_eq!(status(&checks(vec![t]), RowSum, "201", "合计"), CheckStatus::Ok);
    }

    /// 财政拨款收入支出决算总表: the income side prints one column, the
    /// expense side four.
    #[test]
    fn parts_a_side_does_not_print_are_not_zeros() {
        let columns = ["合计", "一般公共预算财政拨款", "政府性基金预算财政拨款"];
        let t = two_sided(
            TableKey::FiscalIncomeExpenseSummary,
            &columns,
            &[("一般公共预算财政拨款", &["307.82", "", ""]), ("总计", &["307.82", "", ""])],
            &[("一般公共服务支出", &["307.82", "307.82", ""]), ("总计", &["307.82", "307.82", ""])],
        );
        let c = checks(vec![t]);
        assert_eq!(status(&c, RowSum, "一般公共服务支出", "合计"), CheckStatus::Ok);
        let income: Vec<_> = c.iter().filter(|c| c.check == RowSum && c.row_name == "一般公共预算财政拨款").collect();
        assert_eq!(income[0].status, CheckStatus::Unchecked);
        // With the sides' own columns marked, each side is summed by its own header.
        let mut t = two_sided(
            TableKey::FiscalIncomeExpenseSummary,
            &["预算数", "合计", "一般公共预算", "政府性基金预算"],
            &[("一般公共预算", &["9.00", "", "", ""]), ("收入总计", &["9.00", "", "", ""])],
            &[("公共安全支出", &["", "9.00", "8.00", ""]), ("支出总计", &["", "9.00", "9.00", ""])],
        );
        t.columns = ["预算数", "合计", "一般公共预算", "政府性基金预算"]
            .iter()
            .enumerate()
            .map(|(i, p)| Column {
                section: Some(if i == 0 { Section::Income } else { Section::Expense }),
                ..Column::amount(*p)
            })
            .collect();
        let c = checks(vec![t]);
        assert_eq!(status(&c, RowSum, "公共安全支出", "合计"), CheckStatus::Fail);
        assert_eq!(status(&c, RowSum, "支出总计", "合计"), CheckStatus::Ok);
    }
}
