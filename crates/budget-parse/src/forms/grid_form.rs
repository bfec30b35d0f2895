//! The fields of a form printed as a ruled grid: label and value cells side
//! by side (`项目名称 | 乡村振兴工作经费 | 项目代码 | 4201…`), blocks headed
//! by a label spanning their rows (`目标说明`, `项目资金（元）`), small
//! tables inside the form (资金来源, 支出明细, 总体资金情况, 项目支出情况),
//! headed texts (`长期目标 | 年度目标` over the goals) and indicator tables.

use std::collections::HashMap;

use super::grid_indicators;
use super::sheet::{Cell, Row};
use super::sink::Sink;
use super::vocab::{goal_heading, is_field_label, is_group_label, label_key, GoalKind};
use crate::norm::{row_name, squeeze};

/// The group labels met so far: the labels of each group's first row (its
/// column heads), and the last group's label, for a group cut by a page
/// break.
#[derive(Debug, Default)]
struct Groups {
    heads: HashMap<(usize, usize), Vec<String>>,
    last: String,
}

/// Reads every row of a form's grids, and the goal headings and captions
/// printed between them (`lines`, with their page and top).
pub(super) fn read(rows: &[Row], lines: &[(&str, u32, f32)], sink: &mut Sink<'_>) {
    let mut groups = Groups::default();
    let mut lines = lines.iter().peekable();
    let mut i = 0;
    while i < rows.len() {
        while let Some((text, _, _)) = lines.next_if(|(_, page, top)| (*page, *top) < (rows[i].page, rows[i].top)) {
            heading(text, rows[i].page, sink);
        }
        if let Some(next) = grid_indicators::read(rows, i, sink) {
            i = next;
        } else if let Some(next) = sub_table(rows, i, sink) {
            i = next;
        } else if let Some(next) = headed_amounts(rows, i, sink) {
            i = next;
        } else if let Some(next) = headed_texts(rows, i, sink) {
            i = next;
        } else {
            plain_row(&rows[i], sink, &mut groups);
            i += 1;
        }
    }
}

/// A row of one text (a goal heading, a caption) or of label and value
/// pairs, maybe under a group label spanning several rows.
fn plain_row(row: &Row, sink: &mut Sink<'_>, groups: &mut Groups) {
    let filled: Vec<&Cell> = row.cells.iter().filter(|c| !c.text.is_empty()).collect();
    if filled.len() == 1 && row.cells.len() <= 2 {
        if !filled[0].starts {
            return;
        }
        heading(&filled[0].text, row.page, sink);
        return;
    }
    let (group, cells) = split_group(row);
    let group_name = group.and_then(|g| group_name(g, row.continues, groups));
    let pairs: Vec<(&Cell, &Cell)> = cells.chunks(2).filter(|p| p.len() == 2).map(|p| (p[0], p[1])).collect();
    if let Some(g) = group {
        if g.starts && !g.text.is_empty() {
            groups.heads.insert(g.id, pairs.iter().map(|(l, _)| label_key(&l.text)).collect());
        }
    }
    for (k, (label, value)) in pairs.iter().enumerate() {
        if !label.starts || label.text.is_empty() || label.id == value.id {
            continue;
        }
        let key = label_key(&label.text);
        let name = match &group_name {
            Some(g) if !is_field_label(&key) => format!("{g}/{key}"),
            _ => key.clone(),
        };
        let qualifier = group.and_then(|g| groups.heads.get(&g.id)).and_then(|h| h.get(k)).cloned();
        sink.field(&name, &value.text, row.page, qualifier);
    }
}

/// A goal heading (`长期目标1：聚焦…`) sets the goal of the rows after it; a
/// caption (`年度绩效目标表`) the kind of goal.
fn heading(text: &str, page: u32, sink: &mut Sink<'_>) {
    if let Some((goal, what)) = goal_heading(text) {
        sink.field(&goal, &what, page, None);
        sink.goal = goal;
    } else if squeeze(text).ends_with('表') {
        if let Some(kind) = GoalKind::of(text) {
            sink.goal_kind = Some(kind);
        }
    }
}

/// The name of a group label cell. At the top of a page, an empty cell or
/// a fragment completing the label above (`目标说` / `明`) is the group cut
/// by the page break.
fn group_name(g: &Cell, continues: bool, groups: &mut Groups) -> Option<String> {
    let text = label_key(&g.text);
    let joined = format!("{}{text}", groups.last);
    let name = if continues && (text.is_empty() || (!is_group_label(&text) && is_group_label(&joined))) {
        joined
    } else {
        text
    };
    groups.last = name.clone();
    (!name.is_empty()).then_some(name)
}

/// A label spanning several rows on the left (`目标说明`, `项目资金（元）`),
/// or an empty cell there, when the row has an odd number of cells; the
/// rest.
fn split_group(row: &Row) -> (Option<&Cell>, Vec<&Cell>) {
    let cells: Vec<&Cell> = row.cells.iter().collect();
    let group = |c: &Cell| c.span > 1 || c.text.is_empty() || is_group_label(&c.text);
    if cells.len() % 2 == 1 && cells.len() > 1 && group(cells[0]) {
        (Some(cells[0]), cells[1..].to_vec())
    } else {
        (None, cells)
    }
}

/// What a small table inside a form is.
#[derive(Debug, Clone, Copy)]
enum Sub {
    /// Items and one amount: `资金来源项目 | 金额`, `项目支出明细 | 金额`.
    List(&'static str),
    /// Rows named by their first cells, several value columns.
    Matrix(&'static str),
    /// The money block of a self-evaluation: rows named as a list, columns
    /// by their header (`年度资金总额/全年执行数`).
    Money,
}

/// The kind of a small table and the cell that heads its name column.
fn sub_header<'r>(row: &'r Row, sink: &Sink<'_>) -> Option<(Sub, &'r Cell)> {
    if sink.is_self_evaluation() {
        if let Some(key) = money_header(row) {
            return Some((Sub::Money, key));
        }
    }
    let has = |w: &str| row.find(|t| t == w).is_some();
    let cell = |w: &str| row.find(|t| t == w);
    if has("金额") {
        if let Some(c) = cell("资金来源项目") {
            return Some((Sub::List("资金来源"), c));
        }
        if let Some(c) = cell("项目支出明细") {
            return Some((Sub::List("支出明细"), c));
        }
    }
    if row.find(|t| t.contains("当年金额")).is_some() {
        if let Some(c) = cell("总体资金情况") {
            return Some((Sub::Matrix("总体资金情况"), c));
        }
    }
    if has("项目类型") && row.find(|t| t.contains("预算")).is_some() {
        if let Some(c) = cell("项目名称") {
            return Some((Sub::Matrix("项目支出情况"), c));
        }
    }
    None
}

/// A word of a money block's column heads: the budget and its execution
/// (`年初预算数`, `全年执行数`, `执行率`; `预算安排`, `拨付情况`, `结余情况`)
/// and the score of the money part (`分值`, `得分`).
fn is_money_head(text: &str) -> bool {
    ["预算数", "执行数", "执行率", "预算安排", "拨付", "结余", "分值", "得分"].iter().any(|w| text.contains(w))
}

/// The header of a self-evaluation's money block: two or more money heads,
/// one of them a budget, an execution or a payment, after the cell that
/// heads the row names (empty, or under a group label spanning the block):
///
/// ```text
/// 项目资金（万元） |  | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分
/// 财政资金安排和使用情况 |  | 预算安排 | 拨付情况 | 结余情况 | 分值 | 得分
/// ```
///
/// The indicator header (`年度指标值 | 实际完成值 | 指标分值 | 自评得分`) names
/// no budget and is none.
fn money_header(row: &Row) -> Option<&Cell> {
    let first = row.cells.iter().position(|c| is_money_head(&c.text))?;
    let heads: Vec<&Cell> = row.cells[first..].iter().filter(|c| is_money_head(&c.text)).collect();
    let budget = heads.iter().any(|c| ["预算", "执行数", "拨付"].iter().any(|w| c.text.contains(w)));
    (heads.len() >= 2 && budget).then(|| first.checked_sub(1).map(|k| &row.cells[k])).flatten()
}

/// Reads the small table headed by `rows[at]`, if it is one; returns the
/// index after it.
fn sub_table(rows: &[Row], at: usize, sink: &mut Sink<'_>) -> Option<usize> {
    let (kind, key) = sub_header(&rows[at], sink)?;
    let (kx0, kx1) = (key.x0 - 1.0, key.x1 + 1.0);
    let starts_key = |r: &Row| r.within(kx0, kx1).any(|c| c.starts && !c.text.is_empty());
    let first = (at + 1..rows.len().min(at + 4)).find(|&j| starts_key(&rows[j])).unwrap_or(at + 1);
    let leaves = leaves(&rows[at..first], &rows[at], kx1);
    let mut list = ListNames::default();
    let mut j = first;
    while j < rows.len() {
        let row = &rows[j];
        let new_label = row
            .cells
            .iter()
            .any(|c| c.x1 <= kx0 + 2.0 && c.starts && !c.text.is_empty() && !(row.continues && cut_label(rows, j, c)));
        // A cell across the edges of the name column is no row of this table
        // (`长期目标（截至2025年）` under 项目支出情况).
        let straddles = |x: f32| row.cells.iter().any(|c| c.starts && c.x0 < x - 2.0 && c.x1 > x + 2.0);
        let keys: Vec<&Cell> = row.within(kx0, kx1).collect();
        let own_values = leaves.iter().any(|(cx, _)| row.at(*cx).is_some_and(|v| keys.iter().all(|k| k.id != v.id)));
        if new_label
            || straddles(kx0)
            || straddles(kx1)
            || keys.is_empty()
            || !own_values
            || sub_header(row, sink).is_some()
        {
            break;
        }
        if keys.last().is_some_and(|k| k.starts) {
            let names: Vec<&str> = keys.iter().map(|c| c.text.as_str()).filter(|t| !t.is_empty()).collect();
            match kind {
                Sub::List(prefix) => {
                    let name = list.name(prefix, &names.join(""));
                    let value = leaves.first().map_or("", |(cx, _)| row.text_at(*cx));
                    sink.field(&name, value, row.page, None);
                }
                Sub::Matrix(prefix) => {
                    for (cx, leaf) in &leaves {
                        let name = format!("{prefix}/{}/{leaf}", names.join("/"));
                        sink.field(&name, row.text_at(*cx), row.page, None);
                    }
                }
                Sub::Money => money_row(&list.name("", &names.join("")), row, &leaves, sink),
            }
        }
        j += 1;
    }
    Some(j)
}

/// One row of a money block: a field for each printed cell, named by the
/// row (`/年度资金总额`, as [`ListNames`] gives it) and the column
/// (`年度资金总额/全年执行数`); blank cells are no field.
fn money_row(name: &str, row: &Row, leaves: &[(f32, String)], sink: &mut Sink<'_>) {
    let name = name.trim_start_matches('/');
    for (cx, leaf) in leaves {
        let value = row.text_at(*cx);
        if !value.is_empty() {
            sink.field(&format!("{name}/{leaf}"), value, row.page, None);
        }
    }
}

/// A label cell at the top of a page that is the rest of the label cell
/// above, cut by the page break: below an empty cell (the text printed on
/// the second page), or completing its text into a known label
/// (`项目支出预算及测算依` / `据`).
fn cut_label(rows: &[Row], j: usize, cell: &Cell) -> bool {
    let Some(above) = j.checked_sub(1).and_then(|i| rows[i].at(cell.cx())) else { return false };
    let joined = format!("{}{}", above.text, cell.text);
    above.text.is_empty() || is_group_label(&joined) || is_field_label(&joined)
}

/// The value columns right of the name column: a header cell, or the cells
/// printed under it in the header's later rows (`近两年收支金额` over `2023年`,
/// `2024年`).
fn leaves(header: &[Row], top: &Row, key_x1: f32) -> Vec<(f32, String)> {
    let mut out = Vec::new();
    for h in top.cells.iter().filter(|c| c.x0 >= key_x1 - 2.0) {
        let subs: Vec<&Cell> =
            header.iter().skip(1).flat_map(|r| r.within(h.x0, h.x1)).filter(|c| c.starts && c.id != h.id).collect();
        if subs.is_empty() {
            out.push((h.cx(), label_key(&h.text)));
        } else {
            out.extend(subs.iter().map(|c| (c.cx(), label_key(&c.text))));
        }
    }
    out
}

/// Names of the lines of a list: `资金来源/合计`,
/// `资金来源/一般公共预算财政拨款收入`, and a `其中：` line under the line
/// above it (`资金来源/上年结转/使用上年度…结余结转`); lines after a `其中` line
/// without an ordinal belong to the same line above.
#[derive(Debug, Default)]
pub(super) struct ListNames {
    parent: Option<String>,
    in_part: bool,
}

impl ListNames {
    /// The field name of the line printed `label` in the list `prefix`.
    pub(super) fn name(&mut self, prefix: &str, label: &str) -> String {
        let text = label_key(label);
        let part =
            text.strip_prefix("其中:").or_else(|| text.strip_prefix("其中：")).or_else(|| text.strip_prefix("其中"));
        let ordinal = crate::lex::split_ordinal(&text).0;
        match (part, &self.parent) {
            (Some(rest), Some(p)) => {
                self.in_part = true;
                format!("{prefix}/{p}/{rest}")
            }
            (None, Some(p)) if self.in_part && ordinal.is_empty() && text != "合计" => {
                format!("{prefix}/{p}/{text}")
            }
            _ => {
                let name = row_name(&text);
                self.in_part = false;
                self.parent = (name != "合计").then(|| name.clone());
                format!("{prefix}/{name}")
            }
        }
    }
}

/// A block under a label spanning its rows whose rows are column heads
/// over one row of amounts:
///
/// ```text
///                      |              | 财政拨款                   | 其他资金
/// 总体资金情况（万元） | 预算支出总额 | 合计 | 基本支出 | 项目支出 | 合计 | 基本支出 | 项目支出
///                      | 515,665.27   | 515,664.77 | 10,792.45 | … | 0.50 | 0.50 |
/// ```
///
/// Each amount is a field named by the label and the heads above it
/// (`总体资金情况（万元）/财政拨款/基本支出`); blank cells are none, and a
/// block printed with no amount gives no field.
fn headed_amounts(rows: &[Row], at: usize, sink: &mut Sink<'_>) -> Option<usize> {
    let label = rows[at].cells.first().filter(|c| c.starts && !c.text.is_empty() && c.span >= 2)?;
    let end = at + label.span;
    let heads = rows.get(at..end - 1)?;
    let last = rows.get(end - 1)?;
    let is_amount = |t: &str| crate::lex::amount(t).is_some();
    let values: Vec<&Cell> = last.cells.iter().filter(|c| c.id != label.id).collect();
    let all_amounts = values.iter().all(|c| c.starts && (c.text.is_empty() || is_amount(&c.text)));
    // Every cell of the heads is a head: printed, and no amount.
    let head_cells = heads.iter().flat_map(|r| &r.cells).filter(|c| c.id != label.id);
    if !all_amounts || head_cells.clone().any(|c| c.text.is_empty() || is_amount(&c.text)) {
        return None;
    }
    // Heads over a row left blank are a block printed empty, no field,
    // where a head stands over two columns or more (`财政拨款` over `合计 |
    // 基本支出 | 项目支出`); label and value pairs above a blank row are not.
    let grouped = head_cells.into_iter().any(|h| values.iter().filter(|v| h.holds(v.cx())).count() >= 2);
    if values.iter().all(|c| c.text.is_empty()) && !grouped {
        return None;
    }
    let path = |v: &Cell| {
        let mut cells: Vec<&Cell> = heads.iter().filter_map(|r| r.at(v.cx())).filter(|h| h.id != label.id).collect();
        cells.dedup_by_key(|c| c.id);
        cells.iter().map(|c| label_key(&c.text)).filter(|t| !t.is_empty()).collect::<Vec<_>>().join("/")
    };
    let named: Vec<(String, &Cell)> = values.iter().map(|v| (path(v), *v)).collect();
    if named.iter().any(|(p, _)| p.is_empty()) {
        return None;
    }
    let group = label_key(&label.text);
    for (p, v) in named.iter().filter(|(_, v)| !v.text.is_empty()) {
        sink.field(&format!("{group}/{p}"), &v.text, last.page, None);
    }
    Some(end)
}

/// Headers over texts printed below them: `长期目标（截至2025年） | 年度目标`,
/// `项目总目标 | 年度总体目标`, `预期目标 | 目标实际完成情况`. Each becomes
/// `group/header`.
fn headed_texts(rows: &[Row], at: usize, sink: &mut Sink<'_>) -> Option<usize> {
    let row = &rows[at];
    let (group, cells) = split_group_any(row);
    // `长期 标（截至2025年）`: a glyph of 目标 may be lost.
    // A self-evaluation's goals: `预期目标 | 实际完成情况`.
    let heads = |t: &str| {
        (GoalKind::of(t).is_some() && t.contains('标'))
            || ["项目总目标", "年度总体目标", "预期目标"].contains(&t)
            || t.ends_with("实际完成情况")
    };
    let heading = |t: &str| t.contains('：') || t.contains(':') || t.ends_with('表') || goal_heading(t).is_some();
    if cells.len() < 2 || !cells.iter().all(|c| heads(&c.text) && !heading(&c.text)) {
        return None;
    }
    let prefix = group.map(|g| format!("{}/", label_key(&g.text))).unwrap_or_default();
    let mut last = at;
    for h in &cells {
        let below = (at + 1..rows.len().min(at + 5))
            .find_map(|j| rows[j].at(h.cx()).filter(|c| c.starts && c.id != h.id).map(|c| (j, c)));
        if let Some((j, c)) = below {
            sink.field(&format!("{prefix}{}", label_key(&h.text)), &c.text, rows[j].page, None);
            last = last.max(j);
        }
    }
    Some(last + 1)
}

/// Like [`split_group`], for rows whose group label may pair with nothing.
fn split_group_any(row: &Row) -> (Option<&Cell>, Vec<&Cell>) {
    let cells: Vec<&Cell> = row.cells.iter().collect();
    match cells.split_first() {
        Some((g, rest)) if is_group_label(&g.text) || (g.span > 1 && !rest.is_empty()) => (Some(g), rest.to_vec()),
        _ => (None, cells),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forms::testing::{read, ruled_page};

    /// Heads over a blank row: the form printed empty yields its name and
    /// nothing else; label and value pairs, or a text, over a blank row
    /// under a label spanning them are no block of heads.
    #[test]
    fn heads_over_a_blank_row() {
        let head = crate::forms::testing::BEIJING_OVERALL_HEAD;
        let rows: Vec<&str> = head
            .iter()
            .copied()
            .chain([" | | | | | |", "活动 | 1x3 绩效指标 | 指标性质 | 指标值 | 1x2 度量单位", " | 1x3 | | | 1x2"])
            .collect();
        let empty = ruled_page(17, &crate::forms::testing::BEIJING_OVERALL_WIDTHS, &rows);
        let (none, fields_of_empty, _) = read("部门整体支出绩效目标表", &[empty], &[]);
        assert!(none.is_empty(), "{none:?}");
        let names: Vec<&str> = fields_of_empty.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(names, ["部门名称"]);
        let pairs = ruled_page(
            3,
            &[100.0, 80.0, 80.0, 80.0],
            &[
                "2x1 项目信息 | 项目名称 | 1x2 某某项目",
                " | 1x2",
                "3x1 整体绩效目标 | 整体绩效目标 | 1x2 完成年度工作。",
                "其他说明 | 1x2",
                " | | ",
            ],
        );
        let (_, pair_fields, _) = read("部门整体支出绩效目标表", &[pairs], &[]);
        let pair_fields: Vec<String> = pair_fields.iter().map(|f| format!("{}={}", f.field, f.value)).collect();
        assert_eq!(
            pair_fields,
            ["项目名称=某某项目", "整体绩效目标/整体绩效目标=完成年度工作。", "整体绩效目标/其他说明="]
        );
    }

    /// The fields of a self-evaluation's money block, as `field = value`.
    fn money_fields(title: &str, widths: &[f32], rows: &[&str]) -> Vec<String> {
        let (_, fields, findings) = read(title, &[ruled_page(2, widths, rows)], &[]);
        assert!(findings.is_empty(), "{findings:?}");
        fields.iter().map(|f| format!("{} = {}", f.field, f.value)).collect()
    }

    /// The money block of the national 项目支出绩效自评表: rows against the
    /// columns of budget, execution and score, read as a grid; `—` cells as
    /// printed, blank ones no field. The goals below, under their heads.
    #[test]
    fn a_project_self_evaluations_money_block() {
        let got = money_fields(
            "项目支出绩效自评表",
            &[120.0, 150.0, 90.0, 90.0, 90.0, 40.0, 60.0, 40.0],
            &[
                "项目名称 | 1x7 社区服务经费",
                "4x1 项目资金（万元） | | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分",
                "年度资金总额 | 1,200.00 | 1,250.50 | 1,180.25 | 10 | 94.38% | 9.4",
                "其中：当年财政拨款 | 1,000.00 | 1,050.50 | 1,000.25 | — | 95.22% | —",
                "其他资金 | 200.00 | 200.00 | 180.00 | | 90.00% |",
                "2x1 年度总体目标 | 1x3 预期目标 | 1x4 实际完成情况",
                "1x3 完成社区服务 | 1x4 已完成",
            ],
        );
        assert_eq!(
            got,
            [
                "项目名称 = 社区服务经费",
                "年度资金总额/年初预算数 = 1200.00",
                "年度资金总额/全年预算数 = 1250.50",
                "年度资金总额/全年执行数 = 1180.25",
                "年度资金总额/分值 = 10",
                "年度资金总额/执行率 = 94.38%",
                "年度资金总额/得分 = 9.4",
                "年度资金总额/当年财政拨款/年初预算数 = 1000.00",
                "年度资金总额/当年财政拨款/全年预算数 = 1050.50",
                "年度资金总额/当年财政拨款/全年执行数 = 1000.25",
                "年度资金总额/当年财政拨款/分值 = —",
                "年度资金总额/当年财政拨款/执行率 = 95.22%",
                "年度资金总额/当年财政拨款/得分 = —",
                "年度资金总额/其他资金/年初预算数 = 200.00",
                "年度资金总额/其他资金/全年预算数 = 200.00",
                "年度资金总额/其他资金/全年执行数 = 180.00",
                "年度资金总额/其他资金/执行率 = 90.00%",
                "年度总体目标/预期目标 = 完成社区服务",
                "年度总体目标/实际完成情况 = 已完成",
            ]
        );
    }

    /// A 转移支付绩效目标表 (nat_051 p. 62): the transfer payment it names is
    /// the project of its rows.
    #[test]
    fn a_transfer_payment_is_the_project_of_its_rows() {
        let page = ruled_page(
            62,
            &[90.0, 60.0, 80.0, 200.0, 60.0],
            &[
                "转移支付名称 | 1x3 养老服务补助-老年人补贴方向 | 北京市民政局",
                "一级指标 | 二级指标 | 三级指标 | 1x2 指标值",
                "产出指标 | 数量指标 | 补贴发放人数 | 1x2 ≥10万人",
            ],
        );
        let (rows, fields, _) = read("北京市社会福利彩票公益金专项转移支付绩效目标表", &[page], &[]);
        let projects: Vec<&str> = rows.iter().map(|r| r.project.as_str()).collect();
        assert_eq!(projects, ["养老服务补助-老年人补贴方向"]);
        assert!(fields.iter().all(|f| f.project == "养老服务补助-老年人补贴方向"), "{fields:?}");
    }

    /// The Fujian 部门整体绩效自评表 (nat_149, p. 1): a two-row header of
    /// budget, payment and balance, 分值 and 得分 spanning both rows.
    #[test]
    fn an_overall_self_evaluations_money_block_under_a_two_row_header() {
        let got = money_fields(
            "部门整体绩效自评表",
            &[200.0, 120.0, 100.0, 100.0, 100.0, 100.0, 40.0, 40.0],
            &[
                "4x1 财政资金安排和使用情况 | 2x1 | 1x3 预算安排 | 拨付情况 | 2x1 分值 | 2x1 得分",
                "年初预算金额① | 年中调整金额② | 小计③=①+② | 年度拨付金额④",
                "合计 | 9209.55 | 790.22 | 9999.77 | 8874.74 | 10 | 7",
                "③地方财政资金 | 9209.55 | 790.22 | 9999.77 | 8874.74 | |",
                "年度总体目标 | 1x3 预期目标 | 1x3 目标实际完成情况",
            ],
        );
        assert_eq!(
            got[..10],
            [
                "合计/年初预算金额① = 9209.55",
                "合计/年中调整金额② = 790.22",
                "合计/小计③=①+② = 9999.77",
                "合计/年度拨付金额④ = 8874.74",
                "合计/分值 = 10",
                "合计/得分 = 7",
                "③地方财政资金/年初预算金额① = 9209.55",
                "③地方财政资金/年中调整金额② = 790.22",
                "③地方财政资金/小计③=①+② = 9999.77",
                "③地方财政资金/年度拨付金额④ = 8874.74",
            ]
        );
    }

    #[test]
    fn list_lines_are_named_under_their_parent() {
        let mut n = ListNames::default();
        let lines = [
            ("合计", "资金来源/合计"),
            ("1.一般公共预算财政拨款收入", "资金来源/一般公共预算财政拨款收入"),
            ("其中：申请当年预算拨款", "资金来源/一般公共预算财政拨款收入/申请当年预算拨款"),
            ("3.事业收入", "资金来源/事业收入"),
            ("9.上年结转", "资金来源/上年结转"),
            (
                "其中：使用上年度一般公共预算财政拨款结余结转",
                "资金来源/上年结转/使用上年度一般公共预算财政拨款结余结转",
            ),
            ("使用上年度政府性基金预算财政拨款结余结转", "资金来源/上年结转/使用上年度政府性基金预算财政拨款结余结转"),
        ];
        for (label, want) in lines {
            assert_eq!(n.name("资金来源", label), want);
        }
    }
}
