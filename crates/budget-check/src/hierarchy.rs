//! Totals down the rows: each row with a code is the sum of the rows whose
//! codes extend it (类 201 = 款 20103 + …, 款 20103 = 项 2010301 + …; 301 =
//! 30101 + …; a department 303 = its units 303001 + …), whether the codes
//! were printed whole or in separate 类/款/项 columns (the parser joins
//! them); a `合计` row is the sum of the top-level rows. In the project
//! table, whose rows carry no codes, each unit row and the `合计` row are
//! the sums of the projects the 项目单位 column assigns to them.

use std::collections::BTreeMap;

use budget_model::{Cell, CheckKind, ColumnKind, Table};

use crate::ledger::Ledger;
use crate::locate::is_total_row;
use crate::sum::{unchecked, Part, Sum, View};

/// Checks the rows of a table, each side and each panel apart (a list
/// printed in two panels, 人员经费 301… | 公用经费 302…).
pub(crate) fn check(view: &View, ledger: &mut Ledger) {
    for (part, rows) in parts(view.table) {
        let columns = view.columns_for(part);
        match project_unit_column(view.table) {
            Some(unit) => projects(view, &rows, &columns, unit, ledger),
            None => codes(view, &rows, &columns, ledger),
        }
    }
}

/// Row indices grouped by part (section and panel), in printed order.
pub(crate) fn parts(table: &Table) -> Vec<(Part, Vec<usize>)> {
    let mut out: Vec<(Part, Vec<usize>)> = Vec::new();
    for (i, r) in table.rows.iter().enumerate() {
        match out.iter_mut().find(|(p, _)| *p == Part::of(r)) {
            Some((_, rows)) => rows.push(i),
            None => out.push((Part::of(r), vec![i])),
        }
    }
    out
}

/// The code tree of some rows: who is whose parent.
struct Tree {
    children: BTreeMap<usize, Vec<usize>>,
    /// Rows without a parent at the shallowest level (类 201, 经济 301, a
    /// department 303): what a `合计` row sums.
    top: Vec<usize>,
    /// Rows without a parent whose code is longer than the top level's
    /// (`71102` where `21011`'s 项 `2101102` was printed `7 11 02`).
    orphans: Vec<usize>,
}

impl Tree {
    /// A row's parent is the nearest row above it whose code its own code
    /// extends (`22102` for `2210201`), so repeated blocks (the same codes
    /// under each unit) each find their own parent.
    fn build(table: &Table, rows: &[usize]) -> Tree {
        let mut stack: Vec<(usize, &str)> = Vec::new();
        let mut tree = Tree { children: BTreeMap::new(), top: Vec::new(), orphans: Vec::new() };
        for &i in rows {
            let Some(code) = table.rows[i].code.as_deref().filter(|c| !c.is_empty()) else { continue };
            while let Some(&(_, above)) = stack.last() {
                if code.len() > above.len() && code.starts_with(above) {
                    break;
                }
                stack.pop();
            }
            match stack.last() {
                Some(&(parent, _)) => tree.children.entry(parent).or_default().push(i),
                None => tree.top.push(i),
            }
            stack.push((i, code));
        }
        // A flat list, no code extending another (北京 tables list 项 codes
        // and, where a 款 has no 项, the 款's code: `2121402`, `21298`): every
        // row is a term of the total.
        if tree.children.is_empty() {
            return tree;
        }
        let code_len = |i: &usize| table.rows[*i].code.as_deref().map_or(0, str::len);
        let shallowest = tree.top.iter().map(code_len).min().unwrap_or(0);
        let (top, orphans) = tree.top.iter().partition(|i| code_len(i) == shallowest);
        tree.top = top;
        tree.orphans = orphans;
        tree
    }
}

fn codes(view: &View, rows: &[usize], columns: &[usize], ledger: &mut Ledger) {
    let t = view.table;
    let mut tree = Tree::build(t, rows);
    if tree.top.is_empty() && !labels_in_text_columns(t, rows) {
        tree.top = label_groups(view, rows, columns, ledger);
    }
    for (&parent, kids) in &tree.children {
        let detail = format!("{} = {}", t.rows[parent].code.as_deref().unwrap_or(""), listing(t, kids));
        sum_rows(view, CheckKind::Hierarchy, parent, kids, columns, &detail, ledger);
    }
    for &orphan in &tree.orphans {
        let code = t.rows[orphan].code.as_deref().unwrap_or("");
        let why = format!("no row above carries a code that {code} extends, so it is in no total");
        ledger.push(unchecked(CheckKind::Hierarchy, view, Some(orphan), why));
    }
    // A subtotal inside a labelled group (`其他资金/小计`) is the group's, not
    // a total over the table.
    let totals: Vec<usize> =
        rows.iter().copied().filter(|&i| is_total_row(t, i) && !t.rows[i].name.contains('/')).collect();
    for &total in &totals {
        let label = if t.rows[total].name.is_empty() { "合计" } else { t.rows[total].name.as_str() };
        if !tree.top.is_empty() {
            let detail = format!("{label} = {}", listing(t, &tree.top));
            sum_rows(view, CheckKind::TotalRow, total, &tree.top, columns, &detail, ledger);
        } else if rows.iter().any(|&i| !totals.contains(&i) && has_amount(t, i)) {
            let why = "the rows under this total carry no codes, so what it sums is not known";
            ledger.push(unchecked(CheckKind::TotalRow, view, Some(total), why.to_string()));
        } else {
            let detail = format!("{label}: no rows under the total");
            sum_rows(view, CheckKind::TotalRow, total, &[], columns, &detail, ledger);
        }
    }
}

/// True when some rows without codes are labelled only in a text column
/// and others by their name (政府采购支出表 of 苏州: `货物` and each unit in
/// 采购品目大类, the items in 专项名称 and 采购品目名称): the levels are
/// shown by where the label stands, and one column holds two of them, so
/// what a total sums is not known.
fn labels_in_text_columns(t: &Table, rows: &[usize]) -> bool {
    let text_only = |i: usize| {
        let r = &t.rows[i];
        r.code.is_none()
            && r.name.trim().is_empty()
            && r.cells.iter().any(|c| matches!(c, Cell::Text(s) if !s.trim().is_empty()))
    };
    let named = |i: usize| t.rows[i].code.is_none() && !t.rows[i].name.trim().is_empty() && !is_total_row(t, i);
    rows.iter().any(|&i| text_only(i)) && rows.iter().any(|&i| named(i))
}

/// Rows without codes whose labels have levels (`一般公共预算资金/小计`,
/// `一般公共预算资金/公共财政拨款（补助）资金`, as category cells spanning
/// their items are read): each group's `小计` (or `合计`) row is the sum of
/// its other items, breakdowns (`其中：…`) left out. Returns the rows a
/// total row above them sums: each group's subtotal, and the rows without
/// levels that are not totals themselves. Empty when no label has levels.
fn label_groups(view: &View, rows: &[usize], columns: &[usize], ledger: &mut Ledger) -> Vec<usize> {
    let t = view.table;
    let level = |i: usize| t.rows[i].name.split_once('/');
    if t.rows.iter().all(|r| r.code.is_some() || !r.name.contains('/')) {
        return Vec::new();
    }
    let mut top = Vec::new();
    let mut groups: Vec<(&str, Option<usize>, Vec<usize>)> = Vec::new();
    for &i in rows {
        if t.rows[i].code.is_some() || is_total_row(t, i) && level(i).is_none() {
            continue;
        }
        let Some((head, item)) = level(i) else {
            top.push(i);
            continue;
        };
        let at = match groups.iter().position(|(h, _, _)| *h == head) {
            Some(at) => at,
            None => {
                groups.push((head, None, Vec::new()));
                groups.len() - 1
            }
        };
        if matches!(item, "小计" | "合计") {
            groups[at].1 = Some(i);
        } else if !item.starts_with("其中") {
            groups[at].2.push(i);
        }
    }
    for (head, subtotal, items) in &groups {
        match subtotal {
            Some(s) => {
                if !items.is_empty() {
                    let detail =
                        format!("{head}/{} = {}", t.rows[*s].name.rsplit('/').next().unwrap_or(""), listing(t, items));
                    sum_rows(view, CheckKind::Hierarchy, *s, items, columns, &detail, ledger);
                }
                top.push(*s);
            }
            None => top.extend(items),
        }
    }
    top.sort_unstable();
    top
}

/// One check per amount column: `total` against the sum of `terms`.
fn sum_rows(
    view: &View,
    kind: CheckKind,
    total: usize,
    terms: &[usize],
    columns: &[usize],
    detail: &str,
    ledger: &mut Ledger,
) {
    let mut rows = vec![total];
    rows.extend_from_slice(terms);
    for &c in columns {
        let figures = terms.iter().map(|&r| view.figure(r, c));
        let sum = Sum::at(kind, view, total, c).terms(figures).places(view, terms.iter().map(|&r| (r, c)));
        ledger.add(view, &rows, sum.detail(detail));
    }
}

/// `2210201 + 2210202 (2 rows)`, at most six named.
fn listing(t: &Table, rows: &[usize]) -> String {
    let label = |&i: &usize| {
        let r = &t.rows[i];
        r.code.clone().filter(|c| !c.is_empty()).unwrap_or_else(|| r.name.clone())
    };
    let mut names: Vec<String> = rows.iter().take(6).map(label).collect();
    if rows.len() > 6 {
        names.push("…".into());
    }
    match rows.len() {
        0 => "nothing".into(),
        1 => format!("{} (1 row)", names.join(" + ")),
        n => format!("{} ({n} rows)", names.join(" + ")),
    }
}

fn has_amount(t: &Table, row: usize) -> bool {
    t.rows[row].cells.iter().any(|c| matches!(c, Cell::Amount(_)))
}

/// The text column that names each project's unit (项目单位, 单位名称),
/// when some row has a text in it.
fn project_unit_column(t: &Table) -> Option<usize> {
    let col = t.columns.iter().position(|c| c.kind == ColumnKind::Text && c.leaf().contains("单位"))?;
    t.rows.iter().any(|r| unit_of(r.cells.get(col)).is_some()).then_some(col)
}

fn unit_of(cell: Option<&Cell>) -> Option<&str> {
    match cell {
        Some(Cell::Text(s)) if !s.trim().is_empty() => Some(s.trim()),
        _ => None,
    }
}

/// Project table: a row with a 项目单位 is a project; a row named like a
/// 项目单位 is that unit's subtotal; a total row sums every project.
fn projects(view: &View, rows: &[usize], columns: &[usize], unit_col: usize, ledger: &mut Ledger) {
    let t = view.table;
    let unit = |i: usize| unit_of(t.rows[i].cells.get(unit_col));
    let projects: Vec<usize> = rows.iter().copied().filter(|&i| unit(i).is_some()).collect();
    for &i in rows.iter().filter(|&&i| unit(i).is_none()) {
        let name = t.rows[i].name.trim();
        let (kind, detail, terms) = if projects.iter().any(|&p| unit(p) == Some(name)) {
            let mine: Vec<usize> = projects.iter().copied().filter(|&p| unit(p) == Some(name)).collect();
            (CheckKind::Hierarchy, format!("{name} = its {} projects", mine.len()), mine)
        } else if is_total_row(t, i) {
            (CheckKind::TotalRow, format!("合计 = all {} projects", projects.len()), projects.clone())
        } else {
            continue;
        };
        sum_rows(view, kind, i, &terms, columns, &detail, ledger);
    }
}

#[cfg(test)]
mod tests {
    use budget_model::{CheckStatus, Column, TableKey};

    use crate::testing::{checks, status, table, verdicts};
    use budget_model::CheckKind::{Hierarchy, TotalRow};

    /// 部门支出总表 of the Wuchang seed: 22102 住房改革支出 (139.77) lists
    /// only 2210201 住房公积金 (88.34).
    #[test]
    fn seed_22102_lists_one_of_its_three_items() {
        let t = table(
            TableKey::ExpenseSummary,
            &["合计"],
            &[
                ("", "合计", &["139.77"]),
                ("221", "住房保障支出", &["139.77"]),
                ("22102", "住房改革支出", &["139.77"]),
                ("2210201", "住房公积金", &["88.34"]),
            ],
        );
        let c = checks(vec![t]);
        assert_eq!(status(&c, Hierarchy, "22102", "合计"), CheckStatus::Fail);
        assert_eq!(status(&c, Hierarchy, "221", "合计"), CheckStatus::Ok);
        assert_eq!(status(&c, TotalRow, "合计", "合计"), CheckStatus::Ok);
        let fail = c.iter().find(|c| c.row_code == "22102").unwrap();
        assert_eq!(
            (fail.expected.unwrap().to_string(), fail.difference.unwrap().to_string()),
            ("88.34".into(), "51.43".into())
        );
    }

    /// 北京 政府性基金预算支出表 (nat_053 p. 33): 项 codes, and a 款 code where
    /// the 款 has no 项; no code extends another, so the total sums them all.
    #[test]
    fn a_flat_list_of_codes_of_two_lengths_sums_every_row() {
        let t = table(
            TableKey::GovernmentFundExpense,
            &["合计"],
            &[
                ("2121401", "污水处理设施建设和运营", &["56673.535990"]),
                ("2121402", "代征手续费", &["4300.000000"]),
                ("21298", "超长期特别国债安排的支出", &["6000.000000"]),
                ("", "合计", &["66973.535990"]),
            ],
        );
        let c = checks(vec![t]);
        assert_eq!(status(&c, TotalRow, "合计", "合计"), CheckStatus::Ok);
    }

    /// 政府采购支出表 of 苏州: `货物` and each unit labelled in 采购品目大类,
    /// the items by their own names; the total is not summed over them all.
    #[test]
    fn labels_in_a_text_column_and_by_name_leave_the_total_unchecked() {
        let mut t = table(
            TableKey::GovernmentProcurement,
            &["采购品目大类", "总计"],
            &[
                ("", "合计", &["", "13.40"]),
                ("", "", &["货物", "13.40"]),
                ("", "", &["苏州市交通运输局", "13.40"]),
                ("", "定额/复印纸", &["", "2.00"]),
                ("", "设备购置/投影仪", &["", "11.40"]),
            ],
        );
        t.columns[0] = Column::text("采购品目大类");
        let c = checks(vec![t]);
        assert_eq!(status(&c, TotalRow, "合计", ""), CheckStatus::Unchecked);
        assert!(c.iter().all(|c| c.status != CheckStatus::Fail), "{c:#?}");
    }

    /// 一般公共预算基本支出表 of the seed: 301 工资福利支出 896.81, its items
    /// add to 896.82 (8 terms, within 0.08).
    #[test]
    fn seed_301_is_off_by_rounding() {
        let items = [("30101", "123.74"), ("30102", "180.49"), ("30103", "350.09"), ("30108", "72.03")];
        let more = [("30110", "36.02"), ("30111", "42.96"), ("30112", "3.15"), ("30113", "88.34")];
        let mut rows: Vec<(&str, &str, &[&str])> = vec![("301", "工资福利支出", &["896.81"])];
        for (code, v) in items.iter().chain(&more) {
            rows.push((code, "", std::slice::from_ref(v)));
        }
        let c = checks(vec![table(TableKey::GeneralBudgetBasicExpenseByEconomic, &["合计"], &rows)]);
        assert_eq!(status(&c, Hierarchy, "301", "合计"), CheckStatus::Rounding);
    }

    #[test]
    fn codes_in_repeated_blocks_find_their_own_parents() {
        // The same function codes under each unit: each 201 sums its own.
        let t = table(
            TableKey::ExpenseSummary,
            &["合计"],
            &[
                ("201", "一般公共服务支出", &["10.00"]),
                ("20103", "政府办公厅（室）及相关机构事务", &["10.00"]),
                ("201", "一般公共服务支出", &["5.00"]),
                ("20103", "政府办公厅（室）及相关机构事务", &["6.00"]),
            ],
        );
        let c = checks(vec![t]);
        let found: Vec<CheckStatus> = verdicts(&c, Hierarchy).into_iter().map(|v| v.2).collect();
        assert_eq!(found, vec![CheckStatus::Ok, CheckStatus::Fail]);
    }

    #[test]
    fn a_department_is_the_sum_of_its_units_and_the_total_of_the_departments() {
        let t = table(
            TableKey::GeneralBudgetExpenseByUnit,
            &["合计"],
            &[
                ("", "合计", &["30.00"]),
                ("303", "办公室", &["30.00"]),
                ("303001", "本级", &["10.00"]),
                ("303002", "信访局", &["20.00"]),
                ("304", "另一部门", &["1.00"]),
                ("304001", "另一部门本级", &["2.00"]),
            ],
        );
        let c = checks(vec![t]);
        assert_eq!(status(&c, Hierarchy, "303", "合计"), CheckStatus::Ok);
        assert_eq!(status(&c, Hierarchy, "304", "合计"), CheckStatus::Fail);
        assert_eq!(status(&c, TotalRow, "合计", "合计"), CheckStatus::Fail);
    }

    #[test]
    fn a_code_without_a_parent_is_reported_and_left_out_of_the_total() {
        let t = table(
            TableKey::ExpenseSummary,
            &["合计"],
            &[
                ("210", "卫生健康支出", &["5.00"]),
                ("21011", "行政事业单位医疗", &["5.00"]),
                ("71102", "事业单位医疗", &["5.00"]),
                ("", "合计", &["5.00"]),
            ],
        );
        let c = checks(vec![t]);
        assert_eq!(status(&c, TotalRow, "合计", "合计"), CheckStatus::Ok);
        assert_eq!(status(&c, Hierarchy, "71102", ""), CheckStatus::Unchecked);
    }

    #[test]
    fn labels_with_levels_sum_to_their_subtotal_and_the_total() {
        let rows: &[(&str, &str, &[&str])] = &[
            ("", "收入总计", &["30.00"]),
            ("", "一般公共预算资金/小计", &["24.00"]),
            ("", "一般公共预算资金/公共财政拨款（补助）资金", &["20.00"]),
            ("", "一般公共预算资金/专项收入", &["4.00"]),
            ("", "其他资金/小计", &["6.00"]),
            ("", "其他资金/事业收入", &["6.00"]),
            ("", "上年结转和结余资金/小计", &[""]),
            ("", "上年结转和结余资金/其中：动用上年结转和结余资金", &[""]),
        ];
        let c = checks(vec![table(TableKey::IncomeSummary, &["金额"], rows)]);
        assert_eq!(status(&c, Hierarchy, "一般公共预算资金/小计", "金额"), CheckStatus::Ok);
        assert_eq!(status(&c, TotalRow, "收入总计", "金额"), CheckStatus::Ok);
        let mut bad = rows.to_vec();
        bad[3] = ("", "一般公共预算资金/专项收入", &["5.00"]);
        let c = checks(vec![table(TableKey::IncomeSummary, &["金额"], &bad)]);
        assert_eq!(status(&c, Hierarchy, "一般公共预算资金/小计", "金额"), CheckStatus::Fail);
    }

    #[test]
    fn a_total_over_rows_without_codes_is_unchecked() {
        let t = table(
            TableKey::IncomeSummary,
            &["金额"],
            &[("", "收入总计", &["10.00"]), ("", "一般公共预算资金", &["10.00"])],
        );
        let c = checks(vec![t]);
        assert_eq!(status(&c, TotalRow, "收入总计", ""), CheckStatus::Unchecked);
    }

    #[test]
    fn project_units_and_the_unlabelled_total_sum_the_projects() {
        let mut t = table(
            TableKey::ProjectExpense,
            &["合计"],
            &[
                ("", "", &["340.00"]),
                ("", "办公室", &["340.00"]),
                ("", "办公室本级", &["300.00"]),
                ("", "乡村振兴工作经费", &["340.00"]),
                ("", "疫情防控经费", &["0.00"]),
            ],
        );
        t.columns.insert(0, Column::text("项目单位"));
        for (i, r) in t.rows.iter_mut().enumerate() {
            let unit = if i >= 3 { "办公室本级" } else { "" };
            r.cells.insert(0, crate::testing::cell(unit));
        }
        let c = checks(vec![t]);
        assert_eq!(status(&c, TotalRow, "", "合计"), CheckStatus::Ok);
        assert_eq!(status(&c, Hierarchy, "办公室本级", "合计"), CheckStatus::Fail);
    }
}
