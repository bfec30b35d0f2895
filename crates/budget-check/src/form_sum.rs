//! Sums inside the performance and project forms (tables 11 and 12), read
//! from their fields (`forms.csv`): in each project form the 支出明细 items
//! add up to `支出明细/合计` and the 资金来源 lines (not their `其中` parts) to
//! `资金来源/合计`; in 总体资金情况, each group's rows (财政拨款 + 其他资金,
//! 基本支出 + 项目支出) add up to its 合计, column by column (占比 is a share,
//! not an amount, and is not summed).

use budget_model::{CheckKind, Decimal, FormField, TableKey};

use crate::ledger::Ledger;
use crate::sum::{Figure, Sum};

/// The lists whose items add up to their `合计` line.
const LISTS: &[&str] = &["支出明细", "资金来源"];

/// The matrix whose groups add up to their `合计` row.
const FUNDING: &str = "总体资金情况";

/// Checks the sums of every form of `forms`.
pub(crate) fn check(forms: &[FormField], ledger: &mut Ledger) {
    let mut by_form: Vec<((&str, &str), Vec<&FormField>)> = Vec::new();
    for f in forms {
        let key = (f.form.as_str(), f.project.as_str());
        match by_form.iter_mut().find(|(k, _)| *k == key) {
            Some((_, fields)) => fields.push(f),
            None => by_form.push((key, vec![f])),
        }
    }
    for ((form, project), fields) in by_form {
        let Some(key) = table_key(form) else { continue };
        for list in LISTS {
            list_sum(key, project, list, &fields, ledger);
        }
        funding(key, project, &fields, ledger);
    }
}

fn table_key(form: &str) -> Option<TableKey> {
    [TableKey::OverallPerformanceTargets, TableKey::ProjectPerformanceTargets].into_iter().find(|k| k.as_str() == form)
}

/// A field's value as a figure: an amount, else missing.
fn figure(value: &str) -> Figure {
    value.trim().parse::<Decimal>().map_or(Figure::Missing, Figure::Printed)
}

/// `list/合计` against the list's own lines (`list/item`, not `list/item/part`).
fn list_sum(key: TableKey, project: &str, list: &str, fields: &[&FormField], ledger: &mut Ledger) {
    let total_name = format!("{list}/合计");
    let Some(total) = fields.iter().find(|f| f.field == total_name) else { return };
    let prefix = format!("{list}/");
    let items: Vec<&&FormField> = fields
        .iter()
        .filter(|f| f.field.strip_prefix(&prefix).is_some_and(|rest| !rest.contains('/') && rest != "合计"))
        .collect();
    if items.is_empty() {
        return;
    }
    let detail = format!("{list}: {} lines add up to 合计", items.len());
    let sum = Sum::field(CheckKind::FormSum, key, project, &total_name, total.page, figure(&total.value))
        .terms(items.iter().map(|f| figure(&f.value)))
        .detail(detail);
    if let Some(c) = sum.verdict() {
        ledger.push(c);
    }
}

/// The 合计 field of a group's column and the other rows' fields.
type Cell<'f> = (Option<&'f FormField>, Vec<&'f FormField>);

/// 总体资金情况: in each group (收入构成, 支出构成) and column, the rows
/// against the 合计 row.
fn funding(key: TableKey, project: &str, fields: &[&FormField], ledger: &mut Ledger) {
    // (group, column) → (the 合计 row's field, the other rows' fields), in
    // printed order.
    let mut cells: Vec<((String, String), Cell<'_>)> = Vec::new();
    for f in fields {
        let Some(rest) = f.field.strip_prefix(FUNDING).and_then(|r| r.strip_prefix('/')) else { continue };
        let parts: Vec<&str> = rest.split('/').collect();
        let [group @ .., row, column] = parts.as_slice() else { continue };
        if column.contains("占比") || f.value.ends_with('%') {
            continue;
        }
        let at = (group.join("/"), column.to_string());
        let entry = match cells.iter().position(|(k, _)| *k == at) {
            Some(i) => &mut cells[i].1,
            None => {
                cells.push((at, (None, Vec::new())));
                &mut cells.last_mut().expect("just pushed").1
            }
        };
        if *row == "合计" {
            entry.0 = Some(f);
        } else {
            entry.1.push(f);
        }
    }
    for ((group, column), (total, terms)) in cells {
        let Some(total) = total else { continue };
        if terms.is_empty() {
            continue;
        }
        let name = if group.is_empty() { format!("{FUNDING}/合计") } else { format!("{FUNDING}/{group}/合计") };
        let sum =
            Sum::field(CheckKind::FormSum, key, project, &format!("{name}/{column}"), total.page, figure(&total.value))
                .terms(terms.iter().map(|f| figure(&f.value)))
                .detail(format!("{FUNDING} {group}: {} rows add up to 合计 in {column}", terms.len()));
        if let Some(c) = sum.verdict() {
            ledger.push(c);
        }
    }
}

#[cfg(test)]
mod tests {
    use budget_model::{CheckKind, CheckStatus, Document, FormField};

    fn field(form: &str, project: &str, name: &str, value: &str) -> FormField {
        FormField {
            form: form.to_string(),
            project: project.to_string(),
            field: name.to_string(),
            value: value.to_string(),
            page: 17,
        }
    }

    fn project_form(items: &[(&str, &str)]) -> Vec<FormField> {
        let p = "project_performance_targets";
        items.iter().map(|(n, v)| field(p, "乡村振兴工作经费", n, v)).collect()
    }

    fn verdicts(forms: Vec<FormField>) -> Vec<(String, CheckStatus, Option<String>)> {
        let doc = Document { forms, ..Document::default() };
        crate::check_document(&doc)
            .into_iter()
            .filter(|c| c.check == CheckKind::FormSum)
            .map(|c| (c.column, c.status, c.expected.map(|e| e.to_string())))
            .collect()
    }

    #[test]
    fn spending_items_and_sources_add_up_to_their_totals() {
        let forms = project_form(&[
            ("资金来源/合计", "340"),
            ("资金来源/一般公共预算财政拨款收入", "340"),
            ("资金来源/一般公共预算财政拨款收入/申请当年预算拨款", "340"),
            ("资金来源/事业收入", "0"),
            ("支出明细/合计", "340"),
            ("支出明细/乡村振兴工作经费", "300"),
            ("支出明细/委托第三方为扶贫干部购买保险", "10"),
            ("支出明细/乡村振兴工作相关材料印刷费、档案服务", "5"),
            ("支出明细/产业宣传活动服务、培训、会议", "15"),
            ("支出明细/乡村振兴工作购置设备", "5"),
            ("支出明细/帮扶点位产业发展调研活动、督导活动", "5"),
        ]);
        let got = verdicts(forms);
        assert_eq!(
            got,
            vec![
                ("支出明细/合计".to_string(), CheckStatus::Ok, Some("340".to_string())),
                ("资金来源/合计".to_string(), CheckStatus::Ok, Some("340".to_string())),
            ]
        );
    }

    #[test]
    fn a_list_that_does_not_add_up_fails() {
        let forms = project_form(&[("支出明细/合计", "38"), ("支出明细/a", "29.6"), ("支出明细/b", "4.4")]);
        let got = verdicts(forms);
        assert_eq!(got, vec![("支出明细/合计".to_string(), CheckStatus::Fail, Some("34.0".to_string()))]);
    }

    #[test]
    fn funding_groups_add_up_per_column_and_shares_are_left_out() {
        let o = "overall_performance_targets";
        let forms = vec![
            field(o, "", "总体资金情况/收入构成/财政拨款/当年金额", "1477.88"),
            field(o, "", "总体资金情况/收入构成/财政拨款/占比", "100%"),
            field(o, "", "总体资金情况/收入构成/其他资金/当年金额", "0"),
            field(o, "", "总体资金情况/收入构成/合计/当年金额", "1477.88"),
            field(o, "", "总体资金情况/收入构成/合计/占比", "100%"),
            field(o, "", "总体资金情况/支出构成/基本支出/当年金额", "1137.88"),
            field(o, "", "总体资金情况/支出构成/项目支出/当年金额", "340"),
            field(o, "", "总体资金情况/支出构成/合计/当年金额", "1477.89"),
        ];
        let got = verdicts(forms);
        assert_eq!(
            got,
            vec![
                ("总体资金情况/收入构成/合计/当年金额".to_string(), CheckStatus::Ok, Some("1477.88".to_string())),
                ("总体资金情况/支出构成/合计/当年金额".to_string(), CheckStatus::Rounding, Some("1477.88".to_string())),
            ]
        );
    }
}
