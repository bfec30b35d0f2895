//! Indicator tables in ruled grids: the header row (一级指标 | 二级指标 |
//! 三级指标 | 指标值 | 指标值确定依据) places every column by its x range;
//! the value columns are the cells of the first data row under 指标值, named
//! by the header cells above them (`2023年`, `预期当年实现值`). Merged level
//! cells give their text to every row they span. A table cut by a page break
//! goes on in the next page's grid: a level cell cut in two (`产出指` / `标`)
//! is joined, and a row cut in two is one row.

use budget_model::Indicator;

use super::sheet::{Cell, Row};
use super::sink::{Sink, Slot};
use super::value::clean_value;
use super::vocab::{goal_label, is_level1, is_level2};
use crate::front::Span;

/// The columns of an indicator table.
#[derive(Debug, Clone)]
struct Layout {
    goal: Option<Span>,
    level1: Span,
    level2: Span,
    level3: Span,
    basis: Option<Span>,
    /// Where the values are: from the end of 三级指标 to 依据 or the edge.
    values: Span,
}

/// `一级指标 | 二级指标 | 三级指标 | 指标值 | 指标值确定依据` (a header cut by a
/// page break may print `一级指` only).
fn layout(row: &Row) -> Option<Layout> {
    let level1 = row.find(|t| t.starts_with("一级"))?.extent();
    let level2 = row.find(|t| t.starts_with("二级"))?.extent();
    let level3 = row.find(|t| t.starts_with("三级"))?.extent();
    let basis = row.find(|t| t.contains("依据") || t.contains("确定")).map(Cell::extent);
    let right = row.cells.last().map_or(level3.x1, |c| c.x1);
    let values = Span::new(level3.x1 - 1.0, basis.map_or(right + 1.0, |b| b.x0 + 1.0));
    let goal = row.cells.iter().rfind(|c| c.x1 <= level1.x0 + 1.0).map(Cell::extent);
    Some(Layout { goal, level1, level2, level3, basis, values })
}

/// A row with an indicator of its own: its 三级指标 cell begins here, and
/// is not a heading across the table (`年度目标1：…`, `年度绩效目标表`).
fn is_data(row: &Row, l: &Layout) -> bool {
    row.at(l.level3.mid()).is_some_and(|c| {
        c.starts
            && !c.text.is_empty()
            && !c.text.starts_with("三级")
            && !c.holds(l.level1.mid())
            && !c.holds(l.values.mid())
    })
}

/// Cells of a level column cut by a page break, joined across it; for each,
/// the indicator rows that took its text.
#[derive(Debug, Default)]
struct Fill {
    id: Option<(usize, usize)>,
    text: String,
    rows: Vec<usize>,
}

impl Fill {
    /// The text of `cell` for the current row. An empty cell continues the
    /// cell above (a merged cell cut by a stray rule). At the top of a
    /// continued grid, a fragment that completes the text above (`产出指` +
    /// `标`), or any text below an empty cell, continues the cell cut by the
    /// page break; the rows that took the first half get the whole.
    fn take(
        &mut self,
        cell: Option<&Cell>,
        continues: bool,
        complete: fn(&str) -> bool,
        rows: &mut [Indicator],
        set: fn(&mut Indicator, &str),
    ) -> String {
        let Some(cell) = cell else { return self.text.clone() };
        if self.id == Some(cell.id) {
            return self.text.clone();
        }
        let joined = format!("{}{}", self.text, cell.text);
        let cut = cell.text.is_empty()
            || (continues && (self.text.is_empty() || (!complete(&cell.text) && complete(&joined))));
        if cut && self.id.is_some() {
            self.text = joined;
            for &r in &self.rows {
                if let Some(ind) = rows.get_mut(r) {
                    set(ind, &self.text);
                }
            }
        } else {
            self.rows.clear();
            self.text = cell.text.clone();
        }
        self.id = Some(cell.id);
        self.text.clone()
    }
}

/// A level name that is whole by itself: a known one, or one of four
/// characters or more ending in 指标 (`指标` alone is the end of a name cut
/// by a page break).
fn level1_complete(t: &str) -> bool {
    is_level1(t) || (t.chars().count() >= 4 && t.ends_with("指标"))
}

fn level2_complete(t: &str) -> bool {
    is_level2(t) || (t.chars().count() >= 4 && t.ends_with("指标"))
}

fn goal_complete(t: &str) -> bool {
    goal_label(t).is_some() || t.contains("指标") || t.contains("名称")
}

/// Reads the indicator table whose header is `rows[at]`, if it is one.
/// Returns the index of the first row after it.
pub(super) fn read(rows: &[Row], at: usize, sink: &mut Sink<'_>) -> Option<usize> {
    let l = layout(&rows[at])?;
    let first = (at + 1..rows.len().min(at + 6)).find(|&j| is_data(&rows[j], &l));
    let Some(first) = first else {
        return Some(at + 1);
    };
    let slots = slots(&rows[at..first], &rows[first], &l, sink);
    let mut goal = Fill::default();
    for r in &rows[at..first] {
        goal.take(l.goal.and_then(|g| r.at(g.mid())), r.continues, goal_complete, &mut [], |_, _| {});
    }
    let (mut level1, mut level2) = (Fill::default(), Fill::default());
    let start = sink.indicators_mut().len();
    let mut j = first;
    while j < rows.len() {
        let row = &rows[j];
        let merge = row.continues && j > first && cut_row(row, &l, &slots, &sink.indicators_mut()[start..]);
        if !merge && !is_data(row, &l) {
            break;
        }
        let inds = &mut sink.indicators_mut()[start..];
        let goal_text = goal.take(l.goal.and_then(|g| row.at(g.mid())), row.continues, goal_complete, inds, set_goal);
        let l1 =
            level1.take(row.at(l.level1.mid()), row.continues, level1_complete, inds, |i, t| i.level1 = t.to_string());
        let l2 =
            level2.take(row.at(l.level2.mid()), row.continues, level2_complete, inds, |i, t| i.level2 = t.to_string());
        if merge {
            if let Some(last) = inds.last_mut() {
                append_row(last, row, &l, &slots);
            }
            j += 1;
            continue;
        }
        let mut ind = Indicator {
            goal: goal_label(&goal_text).unwrap_or_default(),
            level1: l1,
            level2: l2,
            level3: row.text_at(l.level3.mid()).to_string(),
            basis: l.basis.map(|b| row.text_at(b.mid()).to_string()).unwrap_or_default(),
            page: row.page,
            ..Indicator::default()
        };
        for (cx, slot) in &slots {
            slot.put(&mut ind, clean_value(row.text_at(*cx)));
        }
        let n = sink.indicators_mut().len() - start;
        for f in [&mut goal, &mut level1, &mut level2] {
            f.rows.push(n);
        }
        sink.indicator(ind);
        j += 1;
    }
    Some(j)
}

fn set_goal(i: &mut Indicator, t: &str) {
    if let Some(g) = goal_label(t) {
        i.goal = g;
    }
}

/// The top row of a continued grid that is the rest of the row above: no
/// 三级指标 of its own, or no value where the row above had none either.
fn cut_row(row: &Row, l: &Layout, slots: &[(f32, Slot)], done: &[Indicator]) -> bool {
    let Some(prev) = done.last() else { return false };
    let level3 = row.at(l.level3.mid()).map_or("", |c| c.text.as_str());
    let no_values = slots.iter().all(|(cx, _)| row.text_at(*cx).is_empty());
    let prev_no_values = prev.value.is_empty() && prev.prev1_value.is_empty() && prev.prev2_value.is_empty();
    level3.is_empty() || no_values || prev_no_values
}

/// Adds the texts of the lower half of a row cut by a page break.
fn append_row(ind: &mut Indicator, row: &Row, l: &Layout, slots: &[(f32, Slot)]) {
    ind.level3.push_str(row.text_at(l.level3.mid()));
    if let Some(b) = l.basis {
        ind.basis.push_str(row.text_at(b.mid()));
    }
    for (cx, slot) in slots {
        if let Some(field) = slot.field(ind) {
            field.push_str(&clean_value(row.text_at(*cx)));
        }
    }
}

/// The value columns: the cells of the first data row under 指标值, named
/// by the header cells above them. One column is the value; of several,
/// the one headed 当年 / 预期 / 预计 is, and the others are the two years
/// before, in order.
fn slots(header: &[Row], data: &Row, l: &Layout, sink: &mut Sink<'_>) -> Vec<(f32, Slot)> {
    let leaves: Vec<f32> = data.within(l.values.x0, l.values.x1).map(Cell::cx).collect();
    if leaves.len() == 1 {
        return vec![(leaves[0], Slot::Current)];
    }
    let names: Vec<String> = leaves
        .iter()
        .map(|&cx| header.iter().filter_map(|r| r.at(cx)).map(|c| c.text.as_str()).collect::<Vec<_>>().join("/"))
        .collect();
    let evaluated: Vec<(f32, Slot)> =
        leaves.iter().zip(&names).filter_map(|(&cx, n)| Slot::of_self_evaluation(n).map(|s| (cx, s))).collect();
    if !evaluated.is_empty() {
        return self_evaluation_slots(&leaves, &names, evaluated, data, sink);
    }
    let current: Vec<usize> =
        (0..leaves.len()).filter(|&k| ["当年", "预期", "预计", "实现"].iter().any(|w| names[k].contains(w))).collect();
    if current.len() != 1 {
        sink.finding(data.page, format!("value columns {names:?}: no single current-year column; values not read"));
        return leaves.iter().map(|&cx| (cx, Slot::Unknown)).collect();
    }
    let history: Vec<usize> = (0..leaves.len()).filter(|k| *k != current[0]).collect();
    let named = match history.len() {
        1 => vec![Slot::Prev1],
        2 => vec![Slot::Prev2, Slot::Prev1],
        _ => {
            sink.finding(data.page, format!("value columns {names:?}: more than two earlier years; those not read"));
            vec![Slot::Unknown; history.len()]
        }
    };
    let mut out: Vec<(f32, Slot)> = history.iter().zip(named).map(|(&k, s)| (leaves[k], s)).collect();
    out.push((leaves[current[0]], Slot::Current));
    out
}

/// The value columns of a self-evaluation (`年度指标值 | 实际完成值 |
/// 指标分值 | 自评得分 | 偏差原因分析及改进措施`): the columns its words name
/// (`evaluated`), and the one column left, the 年度指标值, as the value.
/// More than one column left is reported and not read.
fn self_evaluation_slots(
    leaves: &[f32],
    names: &[String],
    mut evaluated: Vec<(f32, Slot)>,
    data: &Row,
    sink: &mut Sink<'_>,
) -> Vec<(f32, Slot)> {
    let rest: Vec<usize> = (0..leaves.len()).filter(|&k| !evaluated.iter().any(|(cx, _)| *cx == leaves[k])).collect();
    match rest.as_slice() {
        [k] => evaluated.push((leaves[*k], Slot::Current)),
        [] => {}
        _ => {
            let left: Vec<&String> = rest.iter().map(|&k| &names[k]).collect();
            sink.finding(data.page, format!("value columns {left:?}: no single 年度指标值 column; values not read"));
        }
    }
    evaluated
}

#[cfg(test)]
mod tests {
    use crate::forms::testing::{assert_rows, read, ruled_page};

    #[test]
    fn a_project_forms_goal_column_levels_and_values() {
        let widths = [60.0, 50.0, 60.0, 120.0, 60.0, 100.0];
        let page = ruled_page(
            5,
            &widths,
            &[
                "项目名称 | 1x2 测试项目 | 项目代码 | 1x2 123",
                "1x6 长期绩效目标表",
                "4x1 长期绩效目标1 | 一级指标 | 二级指标 | 三级指标 | 指标值 | 指标值确定依据",
                "2x1 产出指标 | 数量指标 | 帮扶对象数量 | 2个 | 工作要求",
                "质量指标 | 办结率90% | 100% | 工作要求",
                "满意度指标 | 满意度指标 | 服务对象满意率 | 98% | 年终考核",
            ],
        );
        let (rows, fields, findings) = read("表 12-1.测试项目项目申报表", &[page], &[]);
        assert_rows(
            &rows,
            &[
                "长期目标1 | 产出指标 | 数量指标 | 帮扶对象数量 | 2个 | 工作要求 | |",
                "长期目标1 | 产出指标 | 质量指标 | 办结率90% | 100% | 工作要求 | |",
                "长期目标1 | 满意度指标 | 满意度指标 | 服务对象满意率 | 98% | 年终考核 | |",
            ],
        );
        assert!(rows.iter().all(|r| r.project == "测试项目" && r.page == 5));
        let code = fields.iter().find(|f| f.field == "项目代码").map(|f| f.value.as_str());
        assert_eq!(code, Some("123"));
        assert!(findings.is_empty(), "{findings:?}");
    }

    #[test]
    fn a_goal_heading_printed_above_the_grid() {
        let page = ruled_page(
            1,
            &[60.0, 50.0, 60.0, 120.0, 60.0, 100.0],
            &[
                "2x1 长期绩效指标 | 一级指标 | 二级指标 | 三级指标 | 指标值 | 指标值确定依据",
                "产出指标 | 数量指标 | 帮扶对象数量 | 2个 | 工作要求",
            ],
        );
        let (rows, fields, _) = read("十一、整体支出绩效目标表", &[page], &["长期目标 2： 提升服务"]);
        assert_rows(&rows, &["长期目标2 | 产出指标 | 数量指标 | 帮扶对象数量 | 2个 | 工作要求 | |"]);
        assert_eq!(
            fields.iter().map(|f| (f.field.as_str(), f.value.as_str())).collect::<Vec<_>>(),
            [("长期目标2", "提升服务")]
        );
    }

    #[test]
    fn yearly_values_by_their_headers_and_a_table_cut_by_a_page_break() {
        let widths = [50.0, 50.0, 60.0, 100.0, 45.0, 45.0, 60.0, 80.0];
        let first = ruled_page(
            14,
            &widths,
            &[
                "1x8 年度目标1：聚焦中心工作",
                "5x1 年度绩效指标 | 3x1 一级指标 | 3x1 二级指标 | 3x1 三级指标 | 1x3 指标值 | 3x1 指标值确定依据",
                "1x2 近两年指标值 | 2x1 预期当年实现值",
                "2022年 | 2023年",
                "2x1 产出指 | 数量指标 | 重大材料 | ≥10篇 | ≥10篇 | ≥10篇 | 工作要求",
                "时效指标 | 应急处置 | 90% | 完成 | 完成 | 《管理",
            ],
        );
        let second = ruled_page(
            15,
            &widths,
            &["| 标 | | | | | | 办法》", "| 效益指标 | 社会效益指标 | 生活改善 | 完成 | 完成 | 完成 | 考核结果"],
        );
        let (rows, fields, _) = read("十一、整体支出绩效目标表", &[first, second], &[]);
        assert_rows(
            &rows,
            &[
                "年度目标1 | 产出指标 | 数量指标 | 重大材料 | ≥10篇 | 工作要求 | ≥10篇 | ≥10篇",
                "年度目标1 | 产出指标 | 时效指标 | 应急处置 | 完成 | 《管理办法》 | 90% | 完成",
                "年度目标1 | 效益指标 | 社会效益指标 | 生活改善 | 完成 | 考核结果 | 完成 | 完成",
            ],
        );
        assert_eq!(rows.iter().map(|r| r.page).collect::<Vec<_>>(), [14, 14, 15]);
        let goal = fields.iter().find(|f| f.field == "年度目标1").map(|f| f.value.as_str());
        assert_eq!(goal, Some("聚焦中心工作"));
    }
}
