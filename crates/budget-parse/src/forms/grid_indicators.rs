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
use super::value::{clean_value, join_split};
use super::vocab::{goal_label, holds_level1, is_level1, is_level2, label_key, split_levels};
use crate::front::Span;
use crate::norm::squeeze;

/// The columns of an indicator table.
#[derive(Debug, Clone)]
struct Layout {
    /// 项目名称 of a table holding many projects.
    project: Option<Span>,
    goal: Option<Span>,
    level1: Span,
    level2: Span,
    level3: Span,
    basis: Option<Span>,
    /// Where the values are: from the end of 三级指标 to 依据 or the edge.
    values: Span,
    /// Where the levels are printed.
    levels: Levels,
}

/// Where an indicator table prints its levels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Levels {
    /// `一级指标 | 二级指标 | 三级指标`, a column each.
    Columns,
    /// One 绩效指标 column runs the three together
    /// (`产出指标数量指标完成日常办公…`): the three spans are its.
    Joined,
    /// One 指标名称 column names each indicator and no level is printed
    /// (重庆's `绩效指标 | 指标名称 | 指标性质 | 指标值 | 计量单位 | 指标权重(%) |
    /// 是否核心`): the three spans are its, the levels empty.
    Absent,
}

/// `一级指标 | 二级指标 | 三级指标 | 指标值 | 指标值确定依据` (a header cut by a
/// page break may print `一级指` only).
fn layout(row: &Row) -> Option<Layout> {
    let Some(level1) = row.find(|t| t.starts_with("一级")) else { return one_column_layout(row) };
    let level1 = level1.extent();
    let level2 = row.find(|t| t.starts_with("二级"))?.extent();
    let level3 = row.find(|t| t.starts_with("三级"))?.extent();
    // The basis is right of the names: a goal cell left of them may hold
    // 依据 in its text where no rule closes the header (`绩效目标 依据《…》`).
    let basis = row
        .cells
        .iter()
        .find(|c| c.x0 >= level3.x1 - 1.0 && (c.text.contains("依据") || c.text.contains("确定")))
        .map(Cell::extent);
    let right = row.cells.last().map_or(level3.x1, |c| c.x1);
    let values = Span::new(level3.x1 - 1.0, basis.map_or(right + 1.0, |b| b.x0 + 1.0));
    let goal = row.cells.iter().rfind(|c| c.x1 <= level1.x0 + 1.0).map(Cell::extent);
    // Glyphs of a project's name may overflow into the header cell, after
    // it (`项目名称11000022T000000`) or between its glyphs
    // (`…运项行目服名务称项目`): the first cell, holding 项目名称 in order.
    let project = row.cells.first().filter(|c| in_order(&c.text, "项目名称")).map(Cell::extent);
    let project = project.filter(|p| p.x1 <= level1.x0 + 1.0);
    Some(Layout { project, goal, level1, level2, level3, basis, values, levels: Levels::Columns })
}

/// One column of indicators, the value columns right of it: `活动 |
/// 绩效指标 | 指标性质 | 指标值 | 度量单位`, whose cells hold all three levels
/// (`产出指标数量指标…`), or `指标名称 | 指标性质 | 指标值 | …`, whose cells
/// hold the name alone. A 绩效指标 column whose first rows hold no levels
/// has no data row ([`is_data`]) and is read as before, as is a header
/// with no 指标值 column.
fn one_column_layout(row: &Row) -> Option<Layout> {
    let at = |word: &str| row.cells.iter().position(|c| squeeze(&c.text) == word);
    let (names, levels) = match at("指标名称") {
        Some(k) => (k, Levels::Absent),
        None => (at("绩效指标")?, Levels::Joined),
    };
    // Right of it, the value's column.
    row.cells[names + 1..].iter().find(|c| c.text.contains("指标值"))?;
    let column = row.cells[names].extent();
    let right = row.cells.last().map_or(column.x1, |c| c.x1);
    let values = Span::new(column.x1 - 1.0, right + 1.0);
    let goal = row.cells[..names].last().map(Cell::extent);
    // A table of many projects names them in a column of their own
    // (`序号 | 项目名称 | 当年财政拨款预算金额 | 当年绩效目标 | 指标名称 | …`).
    let project = row.cells[..names].iter().find(|c| squeeze(&c.text) == "项目名称").map(Cell::extent);
    let project = project.filter(|p| goal.is_some_and(|g| p.x1 <= g.x0 + 1.0));
    Some(Layout { project, goal, level1: column, level2: column, level3: column, basis: None, values, levels })
}

/// True when the characters of `word` appear in `text` in order, maybe
/// with others between them: `1100002项5T目00名00称…` holds `项目名称`.
fn in_order(text: &str, word: &str) -> bool {
    let mut chars = text.chars();
    word.chars().all(|w| chars.any(|c| c == w))
}

/// The header's 三级指标 cell, whole or cut by a page break (`三级指`, `三级`).
fn heads_level3(text: &str) -> bool {
    text == "三级" || text.starts_with("三级指")
}

/// A row with an indicator of its own: its 三级指标 cell begins here, and
/// is not the header's (`三级指标`, cut by a page break `三级指`) nor a
/// heading across the table (`年度目标1：…`, `年度绩效目标表`). An indicator
/// may be named with the word (`三级等保业务系统`).
fn is_data(row: &Row, l: &Layout) -> bool {
    row.at(l.level3.mid()).is_some_and(|c| {
        // A joined column's row names its levels, or, printed without
        // them (`完成食品安全平台子系统建设的数量 | ＝ | 9 | 项`), has a value.
        let valued = || row.within(l.values.x0, l.values.x1).any(|v| !v.text.is_empty());
        let own = match l.levels {
            Levels::Joined => split_levels(&c.text).is_some() || valued(),
            Levels::Absent => squeeze(&c.text) != "指标名称" && valued(),
            Levels::Columns => !heads_level3(&c.text) && !c.holds(l.level1.mid()),
        };
        c.starts && !c.text.is_empty() && own && !c.holds(l.values.mid())
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

/// The projects of a table holding many, each named in a merged first
/// cell with its funds beside it:
///
/// ```text
/// 项目名称 | 项目总额 | 其中：财政资金 | 其他资金 | 绩效目标 | 一级指标 | …
/// 公安行政管理 | 161,796.229761 | 157,457.387602 | 4,338.842159 | 1.根据… | 产出指标 | …
/// ```
///
/// A page break repeats the name (or leaves the cell empty): the rows
/// below stay with the same project, and its funds are read once.
struct Projects {
    column: Span,
    /// The fund columns: centre and header name (`项目总额`, `财政资金`).
    funds: Vec<(f32, String)>,
    fill: Fill,
    seen: Vec<String>,
}

impl Projects {
    /// The project column of `l`, with the fund columns between it and the
    /// goal column, named by the header cells above the first data row.
    /// `carried` is the project of the last row read before, in a table of
    /// many projects that this one continues under a repeated header: rows
    /// whose project cell is empty at the top are still that project's.
    fn new(l: &Layout, header: &[Row], data: &Row, carried: Option<String>) -> Option<Projects> {
        let column = l.project?;
        let end = l.goal.map_or(l.level1.x0, |g| g.x0);
        let funds = data
            .within(column.x1, end)
            .map(|c| (c.cx(), fund_name(&header_name(header, c.cx()))))
            .filter(|(_, name)| !name.is_empty())
            .collect();
        // The carried project's funds were read where it began.
        let seen: Vec<String> = carried.iter().cloned().collect();
        let fill = match carried {
            // No cell of this table: the first cell read replaces it unless empty.
            Some(text) => Fill { id: Some((usize::MAX, usize::MAX)), text, rows: Vec::new() },
            None => Fill::default(),
        };
        Some(Projects { column, funds, fill, seen })
    }

    /// The project of `row`.
    fn take(&mut self, row: &Row, rows: &mut [Indicator]) -> String {
        self.fill.take(row.at(self.column.mid()), row.continues, |_| true, rows, |i, t| i.project = t.to_string())
    }

    /// The funds printed beside the first row of `project`, as its fields.
    fn funds(&mut self, project: &str, row: &Row, sink: &mut Sink<'_>) {
        if project.is_empty() || self.seen.iter().any(|p| p == project) {
            return;
        }
        let printed: Vec<(&String, &str)> =
            self.funds.iter().map(|(cx, name)| (name, row.text_at(*cx))).filter(|(_, v)| !v.is_empty()).collect();
        if printed.is_empty() {
            return;
        }
        for (name, value) in printed {
            sink.project_field(project, name, value, row.page);
        }
        self.seen.push(project.to_string());
    }
}

/// A fund column's name from its header path, without `其中：`:
/// `其中：/财政资金` → `财政资金`, `项目总额/项目总额` → `项目总额`. Figures of
/// the project above may overflow into the header cell, between its glyphs
/// (`项目1总9.额594000`): such a name is the fund word it holds in order,
/// or none.
fn fund_name(path: &str) -> String {
    let mut parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty() && !p.starts_with("其中")).collect();
    parts.dedup();
    let name = parts.join("/");
    if !name.contains(|c: char| c.is_ascii_digit()) {
        return name;
    }
    let known = ["项目总额", "财政资金", "其他资金"];
    known.iter().rfind(|w| in_order(&name, w)).map_or_else(String::new, |w| w.to_string())
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

/// A row of a joined column that names no levels and is no indicator: the
/// header printed again over a page's rows, or a cell whose glyphs
/// overflow from the row above, the level names inside its text
/// (`理，可提升其附加值1-2倍效益指标社会效益指标…`), reported.
fn unread_joined(names: &str, page: u32, sink: &mut Sink<'_>) -> bool {
    if squeeze(names) == "绩效指标" {
        return true;
    }
    if !holds_level1(names) {
        return false;
    }
    sink.finding(page, format!("indicator cell `{names}`: level names inside its text, not at its start; not read"));
    true
}

/// Reads the indicator table whose header is `rows[at]`, if it is one.
/// Returns the index of the first row after it.
pub(super) fn read(rows: &[Row], at: usize, sink: &mut Sink<'_>) -> Option<usize> {
    let l = layout(&rows[at])?;
    // The first row of a joined column names its levels.
    let names_levels = |row: &Row| l.levels != Levels::Joined || split_levels(row.text_at(l.level3.mid())).is_some();
    let first = (at + 1..rows.len().min(at + 6)).find(|&j| is_data(&rows[j], &l) && names_levels(&rows[j]));
    let Some(first) = first else {
        // A 绩效指标 label spanning rows (over indicators named without
        // levels) is some other block's; a header cell of one row over
        // none is an empty table's.
        let header = rows[at].at(l.level3.mid()).is_some_and(|c| c.starts && c.span == 1);
        return (l.levels == Levels::Columns || header).then_some(at + 1);
    };
    let slots = slots(&rows[at..first], &rows[first], &l, sink);
    let carried = sink.indicators_mut().last().map(|i| i.project.clone()).filter(|p| !p.is_empty());
    let mut projects = Projects::new(&l, &rows[at..first], &rows[first], carried);
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
        // A joined column's cell names its own levels, and no column
        // names absent ones.
        let level_cell = |span: Span| row.at(span.mid()).filter(|_| l.levels == Levels::Columns);
        let l1 =
            level1.take(level_cell(l.level1), row.continues, level1_complete, inds, |i, t| i.level1 = t.to_string());
        let l2 =
            level2.take(level_cell(l.level2), row.continues, level2_complete, inds, |i, t| i.level2 = t.to_string());
        let project = projects.as_mut().map(|p| p.take(row, inds)).unwrap_or_default();
        if merge {
            if let Some(last) = inds.last_mut() {
                append_row(last, row, &l, &slots);
            }
            j += 1;
            continue;
        }
        let names = row.text_at(l.level3.mid());
        let joined = l.levels == Levels::Joined;
        let (l1, l2, level3) = match split_levels(names).filter(|_| joined) {
            Some((l1, l2, level3)) => (l1.to_string(), l2.to_string(), level3),
            None if joined && unread_joined(names, row.page, sink) => {
                j += 1;
                continue;
            }
            None => (l1, l2, names),
        };
        let mut ind = Indicator {
            goal: goal_label(&goal_text).unwrap_or_default(),
            level1: l1,
            level2: l2,
            level3: level3.to_string(),
            basis: l.basis.map(|b| row.text_at(b.mid()).to_string()).unwrap_or_default(),
            page: row.page,
            project: project.clone(),
            ..Indicator::default()
        };
        for (cx, slot) in &slots {
            slot.put(&mut ind, clean_value(row.text_at(*cx)));
        }
        join_parts(&mut ind, &slots);
        let n = sink.indicators_mut().len() - start;
        for f in [&mut goal, &mut level1, &mut level2] {
            f.rows.push(n);
        }
        sink.indicator(ind);
        if let Some(p) = projects.as_mut() {
            p.funds(&project, row, sink);
        }
        j += 1;
    }
    Some(j + usize::from(rows.get(j).is_some_and(|r| total_row(r, &l, &slots, sink))))
}

/// The total row under a self-evaluation's indicators: its label across
/// the name columns, the totals under 分值 and 得分 (`总分 | 100 | 92.5`),
/// read as `总分/分值`, `总分/得分`.
fn total_row(row: &Row, l: &Layout, slots: &[(f32, Slot)], sink: &mut Sink<'_>) -> bool {
    let Some(label) = row.at(l.level1.mid()).filter(|c| c.starts && c.holds(l.level3.mid())) else { return false };
    let key = label_key(&label.text);
    if !key.starts_with("总分") && !key.starts_with("合计") {
        return false;
    }
    let named = |s: &Slot| match s {
        Slot::Weight => Some("分值"),
        Slot::Score => Some("得分"),
        _ => None,
    };
    let cells: Vec<(&str, &Cell)> =
        slots.iter().filter_map(|(cx, s)| Some((named(s)?, row.at(*cx)?))).filter(|(_, c)| c.id != label.id).collect();
    // One figure across both columns (`总分值、评价总分(S) | 92.33`) is no
    // column's: the row is a label and its value.
    if cells.len() != 2 || cells[0].1.id == cells[1].1.id {
        return false;
    }
    for (name, cell) in cells.into_iter().filter(|(_, c)| !c.text.is_empty()) {
        sink.field(&format!("{key}/{name}"), &cell.text, row.page, None);
    }
    true
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
    join_parts(ind, slots);
}

/// The value of a row whose value is split over columns, from its parts.
fn join_parts(ind: &mut Indicator, slots: &[(f32, Slot)]) {
    if slots.iter().any(|(_, s)| s.is_split()) {
        ind.value = join_split(&ind.direction, &ind.target, &ind.measure);
    }
}

/// The value columns: the cells of the first data row under 指标值, named
/// by the header cells above them. A column headed 性质 / 方向 holds the
/// comparison of a value split over columns, one headed 单位 its unit, one
/// headed 分值 / 权重 the weight (`绩效指标性质 | 本年绩效指标值 |
/// 绩效度量单位`, `指标值 | 分值权重（90）`). Of the other columns, one is
/// the value; of several, the one headed 当年 / 预期 / 预计 is, and the
/// others are the two years before, in order.
fn slots(header: &[Row], data: &Row, l: &Layout, sink: &mut Sink<'_>) -> Vec<(f32, Slot)> {
    let leaves: Vec<f32> = data.within(l.values.x0, l.values.x1).map(Cell::cx).collect();
    if leaves.len() == 1 {
        return vec![(leaves[0], Slot::Current)];
    }
    let names: Vec<String> = leaves.iter().map(|&cx| header_name(header, cx)).collect();
    let evaluated: Vec<(f32, Slot)> =
        leaves.iter().zip(&names).filter_map(|(&cx, n)| Slot::of_self_evaluation(n).map(|s| (cx, s))).collect();
    if evaluated.iter().any(|(_, s)| *s != Slot::Weight) {
        return self_evaluation_slots(&leaves, &names, evaluated, data, sink);
    }
    let roles: Vec<Option<Slot>> = names.iter().map(|n| role(n)).collect();
    let split = roles.iter().flatten().any(|s| s.is_split());
    let mut out: Vec<(f32, Slot)> = roles.iter().zip(&leaves).filter_map(|(r, &cx)| r.map(|s| (cx, s))).collect();
    let rest: Vec<usize> = (0..leaves.len()).filter(|&k| roles[k].is_none()).collect();
    let values = if rest.len() == 1 {
        vec![(leaves[rest[0]], Slot::Current)]
    } else {
        let names: Vec<String> = rest.iter().map(|&k| names[k].clone()).collect();
        let cxs: Vec<f32> = rest.iter().map(|&k| leaves[k]).collect();
        yearly(&cxs, &names, data.page, sink)
    };
    let target = |s: Slot| if split && s == Slot::Current { Slot::Target } else { s };
    out.extend(values.into_iter().map(|(cx, s)| (cx, target(s))));
    out
}

/// The header cells above `cx`, top to bottom, joined by `/`
/// (`绩效指标性质/绩效指标性质`, `近两年指标值/2022年`).
fn header_name(header: &[Row], cx: f32) -> String {
    header.iter().filter_map(|r| r.at(cx)).map(|c| c.text.as_str()).collect::<Vec<_>>().join("/")
}

/// What a value column holds by its own header cell (the lowest): the
/// parts of a split value and the weight; none for a value column.
///
/// ```text
/// 绩效指标性质 / 指标方向      → Direction
/// 绩效度量单位 / 计量单位      → Measure
/// 分值权重（90） / 分值（90）  → Weight
/// 是否核心                    → Unknown (kept nowhere)
/// 本年绩效指标值 / 年度指标值  → none (the value)
/// ```
fn role(name: &str) -> Option<Slot> {
    let own = name.rsplit('/').next().unwrap_or(name);
    if own.contains("性质") || own.contains("方向") {
        Some(Slot::Direction)
    } else if own.contains("单位") {
        Some(Slot::Measure)
    } else if own.contains("分值") || own.contains("权重") {
        Some(Slot::Weight)
    } else if own.contains("是否核心") {
        Some(Slot::Unknown)
    } else {
        None
    }
}

/// Value columns of several years: the one headed 当年 / 预期 / 预计 is the
/// value, the others are the two years before, in order.
fn yearly(leaves: &[f32], names: &[String], page: u32, sink: &mut Sink<'_>) -> Vec<(f32, Slot)> {
    let current: Vec<usize> =
        (0..leaves.len()).filter(|&k| ["当年", "预期", "预计", "实现"].iter().any(|w| names[k].contains(w))).collect();
    if current.len() != 1 {
        sink.finding(page, format!("value columns {names:?}: no single current-year column; values not read"));
        return leaves.iter().map(|&cx| (cx, Slot::Unknown)).collect();
    }
    let history: Vec<usize> = (0..leaves.len()).filter(|k| *k != current[0]).collect();
    let named = match history.len() {
        1 => vec![Slot::Prev1],
        2 => vec![Slot::Prev2, Slot::Prev1],
        _ => {
            sink.finding(page, format!("value columns {names:?}: more than two earlier years; those not read"));
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

    /// 北京 气象局: `三级等保业务系统` (systems under 三级等保) is an
    /// indicator, not the header's 三级指标: the rows after it are read.
    #[test]
    fn an_indicator_named_with_the_header_word_is_a_row() {
        let page = ruled_page(
            3,
            &[60.0, 60.0, 120.0, 60.0],
            &[
                "一级指标 | 二级指标 | 三级指标 | 指标值",
                "3x1 产出指标 | 质量指标 | 气象网络安全责任事故 | 0次",
                "数量指标 | 三级等保业务系统 | 3份",
                "数量指标 | 视频系统记录表 | 323份",
            ],
        );
        let (rows, _, findings) = read("项目支出绩效目标表", &[page], &[]);
        assert_rows(
            &rows,
            &[
                " | 产出指标 | 质量指标 | 气象网络安全责任事故 | 0次 | | |",
                " | 产出指标 | 数量指标 | 三级等保业务系统 | 3份 | | |",
                " | 产出指标 | 数量指标 | 视频系统记录表 | 323份 | | |",
            ],
        );
        assert!(findings.is_empty(), "{findings:?}");
    }

    /// 北京's 部门整体支出绩效目标表: one 绩效指标 column whose cells run the
    /// three levels together, the value split over 指标性质 / 指标值 /
    /// 度量单位, and above it the funds as heads over one row of amounts.
    #[test]
    fn levels_run_together_in_one_column_and_heads_over_amounts() {
        let head = crate::forms::testing::BEIJING_OVERALL_HEAD;
        let rows: Vec<&str> = head
            .iter()
            .copied()
            .chain([
                "1,515.27 | 1,514.77 | 792.45 | 722.32 | 0.50 | 0.50 |",
                "活动 | 1x3 绩效指标 | 指标性质 | 指标值 | 1x2 度量单位",
                "日常运行保障 | 1x3 产出指标数量指标完成日常办公等后勤保障工作 | ≥ | 10 | 1x2 项",
                "日常运行保障 | 1x3 效益指标社会效益指标保障日常工作正常运行 | 定性 | 优 | 1x2",
                "新闻宣传工作 | 1x3 满意度指标服务对象满意度指标读者满意度 | ≥ | 90 | 1x2 %",
                "新闻宣传工作 | 1x3 全年发布信息条数 | ≥ | 300 | 1x2 条",
                "新闻宣传工作 | 1x3 效益指标社会效益指标宣传覆盖面 | ≥ | 95 | 1x2 %",
                "活动 | 1x3 绩效指标 | 指标性质 | 指标值 | 1x2 度量单位",
                "新闻宣传工作 | 1x3 展工作效益指标社会效益指标提升关注度 | 定性 | 优 | 1x2",
                "新闻宣传工作 | 1x3 产出指标时效指标发布及时率 | ≥ | 95 | 1x2 %",
            ])
            .collect();
        let page = ruled_page(37, &crate::forms::testing::BEIJING_OVERALL_WIDTHS, &rows);
        let (rows, fields, findings) = read("部门整体支出绩效目标表", &[page], &[]);
        assert_rows(
            &rows,
            &[
                " | 产出指标 | 数量指标 | 完成日常办公等后勤保障工作 | ≥10项 | | |",
                " | 效益指标 | 社会效益指标 | 保障日常工作正常运行 | 优 | | |",
                " | 满意度指标 | 服务对象满意度指标 | 读者满意度 | ≥90% | | |",
                " |  |  | 全年发布信息条数 | ≥300条 | | |",
                " | 效益指标 | 社会效益指标 | 宣传覆盖面 | ≥95% | | |",
                " | 产出指标 | 时效指标 | 发布及时率 | ≥95% | | |",
            ],
        );
        let fields: Vec<String> = fields.iter().map(|f| format!("{}={}", f.field, f.value)).collect();
        assert_eq!(
            fields,
            [
                "部门名称=云湖区发展和改革委员会",
                "总体资金情况（万元）/预算支出总额=1515.27",
                "总体资金情况（万元）/财政拨款/合计=1514.77",
                "总体资金情况（万元）/财政拨款/基本支出=792.45",
                "总体资金情况（万元）/财政拨款/项目支出=722.32",
                "总体资金情况（万元）/其他资金/合计=0.50",
                "总体资金情况（万元）/其他资金/基本支出=0.50",
            ]
        );
        assert_eq!(findings.len(), 1, "{findings:?}");
        assert!(findings[0].message.contains("`展工作效益指标社会效益指标提升关注度`"), "{findings:?}");
    }

    /// 重庆's forms name each indicator in one 指标名称 column and print no
    /// level: the value is split over 指标性质 / 指标值 / 计量单位, the weight
    /// has its column and 是否核心 is kept nowhere; a table of many projects
    /// names them in a column of their own, their funds beside them.
    #[test]
    fn indicators_named_without_levels() {
        let overall = ruled_page(
            22,
            &[60.0, 160.0, 50.0, 50.0, 50.0, 60.0, 50.0],
            &[
                "3x1 绩效指标 | 指标名称 | 指标性质 | 指标值 | 计量单位 | 指标权重(%) | 是否核心",
                "网站优化整改次数 | ≥ | 4 | 次 | 10 | 是",
                "提案办理率 | ＝ | 100 | % | 15 | 否",
            ],
        );
        let (rows, fields, findings) = read("部门整体绩效目标表", &[overall], &[]);
        assert_rows(&rows, &[" |  |  | 网站优化整改次数 | ≥4次 | | |", " |  |  | 提案办理率 | 100% | | |"]);
        let weights: Vec<&str> = rows.iter().map(|r| r.weight.as_str()).collect();
        assert_eq!(weights, ["10", "15"]);
        assert!(fields.is_empty(), "{fields:?}");
        assert!(findings.is_empty(), "{findings:?}");
        let projects = ruled_page(
            24,
            &[30.0, 120.0, 80.0, 120.0, 160.0, 50.0, 50.0, 50.0],
            &[
                "序号 | 项目名称 | 当年财政拨款预算金额 | 当年绩效目标 | 指标名称 | 指标性质 | 指标值 | 计量单位",
                "2x1 1 | 2x1 日常运行项目 | 2x1 8,534.17 | 2x1 保障正常运转。 | 咨询一次性解答率 | ≥ | 70 | %",
                "预算执行率 | = | 100 | %",
            ],
        );
        let (rows, fields, _) = read("项目支出绩效目标表", &[projects], &[]);
        let named: Vec<String> = rows.iter().map(|r| format!("{}: {} {}", r.project, r.level3, r.value)).collect();
        assert_eq!(named, ["日常运行项目: 咨询一次性解答率 ≥70%", "日常运行项目: 预算执行率 100%"]);
        let fields: Vec<String> = fields.iter().map(|f| format!("{}/{}={}", f.project, f.field, f.value)).collect();
        assert_eq!(fields, ["日常运行项目/当年财政拨款预算金额=8534.17"]);
    }

    /// A 绩效指标 label spanning rows under a header with no value column
    /// is no column of indicators: its rows stay label and value pairs,
    /// none is dropped.
    #[test]
    fn a_label_named_like_the_joined_column_keeps_its_rows() {
        let page = ruled_page(
            22,
            &[60.0, 120.0, 60.0, 60.0],
            &["3x1 绩效指标 | 指标名称 | 指标性质", "网站访问可达率 | ≥", "建议办理率 | ＝"],
        );
        let (rows, fields, _) = read("部门整体绩效目标表", &[page], &[]);
        assert!(rows.is_empty(), "{rows:?}");
        assert_eq!(fields.len(), 3, "{fields:?}");
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

    /// The Beijing 项目支出绩效目标表 (nat_030, pp. 17–18): many projects in
    /// one table, each named in a merged first cell with its funds beside
    /// it, the name printed again under a page break; values over three
    /// columns.
    #[test]
    fn many_projects_with_values_split_over_columns() {
        let widths = [70.0, 120.0, 120.0, 120.0, 80.0, 50.0, 80.0, 120.0, 60.0, 80.0, 60.0];
        let head =
            "2x1 项目名称 | 2x1 项目总额 | 1x2 其中： | 2x1 绩效目标 | 2x1 一级指标 | 2x1 二级指标 | 2x1 三级指标 \
                    | 2x1 绩效指标性质 | 2x1 本年绩效指标值 | 2x1 绩效度量单位";
        let first = ruled_page(
            17,
            &widths,
            &[
                head,
                "财政资金 | 其他资金",
                "3x1 公安行政管理 | 3x1 161,796.229761 | 3x1 157,457.387602 | 3x1 4,338.842159 | 3x1 开展警用装备列装 \
                 | 产出指标 | 数量指标 | 专用业务设备（用品）购置数 | ≥ | 37 | 项",
                "产出指标 | 质量指标 | 会议计划完成率 | ＝ | 100 | %",
                "效益指标 | 社会效益指标 | 保障业务、服务能力提升 | 定性 | 优 |",
            ],
        );
        let second = ruled_page(
            18,
            &widths,
            &[
                "公安行政管理 | 161,796.229761 | 157,457.387602 | 4,338.842159 | 开展警用装备列装 \
                 | 满意度指标 | 服务对象满意度指标 | 民警满意度 | ≥ | 90 | %",
                "2x1 信息化运行维护 | 2x1 12,577.526935 | 2x1 12,577.526935 | 2x1 0.000000 | 2x1 保障系统运行 \
                 | 产出指标 | 质量指标 | 系统正常运行率 | ≥ | 90 | %",
                "成本指标 | 经济成本指标 | 项目总成本 | | 控制在预算之内 |",
            ],
        );
        let (rows, fields, findings) = read("预算11表 项目支出绩效目标表", &[first, second], &[]);
        assert_rows(
            &rows,
            &[
                " | 产出指标 | 数量指标 | 专用业务设备（用品）购置数 | ≥37项 | | |",
                " | 产出指标 | 质量指标 | 会议计划完成率 | 100% | | |",
                " | 效益指标 | 社会效益指标 | 保障业务、服务能力提升 | 优 | | |",
                " | 满意度指标 | 服务对象满意度指标 | 民警满意度 | ≥90% | | |",
                " | 产出指标 | 质量指标 | 系统正常运行率 | ≥90% | | |",
                " | 成本指标 | 经济成本指标 | 项目总成本 | 控制在预算之内 | | |",
            ],
        );
        let parts: Vec<[&str; 4]> =
            rows.iter().map(|r| [r.project.as_str(), &r.direction, &r.target, &r.measure]).collect();
        assert_eq!(
            parts,
            [
                ["公安行政管理", "≥", "37", "项"],
                ["公安行政管理", "＝", "100", "%"],
                ["公安行政管理", "定性", "优", ""],
                ["公安行政管理", "≥", "90", "%"],
                ["信息化运行维护", "≥", "90", "%"],
                ["信息化运行维护", "", "控制在预算之内", ""],
            ]
        );
        let got: Vec<[&str; 3]> = fields.iter().map(|f| [f.project.as_str(), &f.field, &f.value]).collect();
        assert_eq!(
            got,
            [
                ["公安行政管理", "项目总额", "161796.229761"],
                ["公安行政管理", "财政资金", "157457.387602"],
                ["公安行政管理", "其他资金", "4338.842159"],
                ["信息化运行维护", "项目总额", "12577.526935"],
                ["信息化运行维护", "财政资金", "12577.526935"],
                ["信息化运行维护", "其他资金", "0.000000"],
            ]
        );
        assert!(findings.is_empty(), "{findings:?}");
    }

    /// A table of many projects continued under a repeated header (nat_034
    /// pp. 34–35, nat_029 p. 42): the glyphs of the name and funds above
    /// overflow into the header cells (`…运项行目服名务称项目`, `项目1总9.额594000`),
    /// and the rows at the top, their project cell empty, are still the last
    /// project's; its funds are not read again.
    #[test]
    fn a_project_carried_under_a_repeated_header_with_overflowing_glyphs() {
        let widths = [120.0, 100.0, 100.0, 80.0, 70.0, 160.0, 120.0, 90.0];
        let head = "项目名称 | 项目总额 | 财政资金 | 绩效目标 | 一级指标 | 二级指标 | 三级指标 | 指标值";
        let first = ruled_page(
            34,
            &widths,
            &[head, "2x1 运行服务项目 | 2x1 12.50 | 2x1 12.50 | 2x1 分析 | 产出指标 | 数量指标 | 分析图集数 | ≥4份"],
        );
        let second = ruled_page(
            35,
            &widths,
            &[
                "运项行目服名务称项目 | 项目1总9.额5 | 财政资金 | 绩效目标 | 一级指标 | 二级指标 | 三级指标 | 指标值",
                "2x1 | 2x1 | 2x1 | 2x1 | 效益指标 | 社会效益指标 | 调度支撑 | 优",
                "满意度指标 | 服务对象满意度指标 | 满意度 | ≥90%",
                "交流经费 | 20.00 | 18.00 | 交流 | 产出指标 | 质量指标 | 验收通过率 | 100%",
            ],
        );
        let (rows, fields, findings) = read("预算11表 项目支出绩效目标表", &[first, second], &[]);
        let got: Vec<[&str; 3]> = rows.iter().map(|r| [r.project.as_str(), &r.level3, &r.value]).collect();
        assert_eq!(
            got,
            [
                ["运行服务项目", "分析图集数", "≥4份"],
                ["运行服务项目", "调度支撑", "优"],
                ["运行服务项目", "满意度", "≥90%"],
                ["交流经费", "验收通过率", "100%"],
            ]
        );
        let got: Vec<[&str; 3]> = fields.iter().map(|f| [f.project.as_str(), &f.field, &f.value]).collect();
        assert_eq!(
            got,
            [
                ["运行服务项目", "项目总额", "12.50"],
                ["运行服务项目", "财政资金", "12.50"],
                ["交流经费", "项目总额", "20.00"],
                ["交流经费", "财政资金", "18.00"],
            ]
        );
        assert!(findings.is_empty(), "{findings:?}");
    }

    /// Other layouts of split values and weights: `指标方向 | 年度指标值 |
    /// 计量单位`, and `指标值 | 分值权重（90）` (nat_143, p. 30), whose
    /// weight is not the value.
    #[test]
    fn direction_columns_and_weight_columns() {
        type Case<'a> = (&'a str, &'a str, &'a str, [&'a str; 4]);
        let cases: [Case<'_>; 3] = [
            (
                "一级指标 | 二级指标 | 三级指标 | 指标方向 | 年度指标值 | 计量单位",
                "产出指标 | 数量指标 | 培训人次 | ≥ | 500 | 人次",
                "≥500人次",
                ["≥", "500", "人次", ""],
            ),
            (
                "一级指标 | 二级指标 | 三级指标 | 指标方向 | 年度指标值 | 度量单位",
                "效益指标 | 社会效益指标 | 群众满意度 | 定性 | 优良中低差 |",
                "优良中低差",
                ["定性", "优良中低差", "", ""],
            ),
            (
                "一级指标 | 二级指标 | 三级指标 | 指标值 | 分值权重（90）",
                "产出指标 | 数量指标 | 数据中心设备维护量 | ≥330台（套） | 8",
                "≥330台（套）",
                ["", "", "", "8"],
            ),
        ];
        for (head, line, value, [direction, target, measure, weight]) in cases {
            let page = ruled_page(3, &[60.0, 60.0, 160.0, 100.0, 100.0, 110.0], &[head, line]);
            let (rows, _, findings) = read("预算11表 项目支出绩效目标表", &[page], &[]);
            assert_eq!(rows.len(), 1, "{head}");
            let r = &rows[0];
            assert_eq!(r.value, value, "{head}");
            assert_eq!([r.direction.as_str(), &r.target, &r.measure, &r.weight], [direction, target, measure, weight]);
            assert!(findings.is_empty(), "{head}: {findings:?}");
        }
    }
}
