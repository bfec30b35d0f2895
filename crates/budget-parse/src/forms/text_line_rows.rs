//! Indicator tables of one value column and no basis, read a row a line.
//!
//! Where the header declares one value column (`年度(/项目)指标值`) and no
//! 指标值确定依据, the value is a row's last cell. A template printing each
//! row on a line of its own gives the value as the line's last pieces,
//! whatever its words, which the value vocabulary cannot tell
//! (`及时率`, `居民区全覆盖`):
//!
//! ```text
//! 质量指标 完工及时率 及时率
//! 按计划数量完成 慰问人数不少于 100人,宣传用品不少于 20000份
//! 完善人大代表 “家站点”建设 达标
//! 全面提升社区党员党性修养 ，提升书记综合素质 ，牢固树
//! 立全心全意为民服务意识 有效
//! ```
//!
//! After the level names, a line's first cell is (the end of) the 三级指标
//! name and the rest is the value. A space the extraction puts before a
//! punctuation mark (`代表 “家站点”`, `素质 ，牢固`), or inside an open quote
//! or bracket, parts no cells. A line of one cell is a name wrapped over
//! lines, whose value prints on its last line: it goes with the row below,
//! as long as it is as wide as that row's name there (a wrapped cell's
//! lines are full but its last). Where a line does not fit so, the table
//! is not of this kind and the reading gives nothing.
//!
//! A spreadsheet prints merged cells after the plain ones, so a table's
//! level names may come after its rows: the first row then names no level,
//! and no row takes the levels of the row above it.

use budget_model::Indicator;

use super::sink::Slot;
use super::value::clean_value;
use super::vocab::{goal_label, holds_level_name, is_level1, is_level2, print_width};
use crate::front::Piece;
use crate::norm::{bracket_net, squeeze};

/// The rows of a table read a row a line, and the text left over.
#[derive(Debug, Default)]
pub(super) struct Reading {
    pub(super) rows: Vec<Indicator>,
    /// Pieces read as no row's (after the last row, or before a level
    /// name), with their page.
    pub(super) left: Vec<(String, u32)>,
    /// The first row printed no level name: the level cells are printed
    /// apart from the rows, and each row kept only the names printed with
    /// it.
    pub(super) apart: bool,
}

/// What the pieces of a block are, in printed order.
enum Item<'a> {
    /// A level name or goal label, joined from its pieces.
    Name(String),
    /// A piece of a cell.
    Cell(Piece<'a>),
}

/// The fill-down state and the name lines waiting for their row.
#[derive(Default)]
struct State {
    goal: String,
    level1: String,
    level2: String,
    /// Lines of one cell each: a name wrapped over lines, with their page.
    pending: Vec<(String, u32)>,
    /// Levels printed apart from the rows ([`Reading::apart`]).
    apart: bool,
}

/// Reads `pieces`, whose level names and goal labels are the `spans`
/// (first piece, piece count), a row a line; `None` where some line does
/// not fit a row, a wrapped name, or a level name.
pub(super) fn read(pieces: &[Piece<'_>], spans: &[(usize, usize)], slot: Slot) -> Option<Reading> {
    let items = items(pieces, spans);
    let mut state = State::default();
    let mut out = Reading::default();
    let mut line: Vec<Piece<'_>> = Vec::new();
    let mut k = 0;
    while k < items.len() {
        match &items[k] {
            Item::Cell(p) => {
                let goes_on = line.last().is_none_or(|l| l.line == p.line) || open(&line);
                if !goes_on {
                    row_of(&cells(&line), &mut state, slot, &mut out)?;
                    line.clear();
                }
                line.push(*p);
            }
            Item::Name(name) => {
                if !line.is_empty() {
                    row_of(&cells(&line), &mut state, slot, &mut out)?;
                    line.clear();
                }
                out.left.append(&mut state.pending);
                let next = match items.get(k + 1) {
                    Some(Item::Name(n)) => Some(n.as_str()),
                    _ => None,
                };
                k += level(name, next, &mut state);
            }
        }
        k += 1;
    }
    if !line.is_empty() {
        row_of(&cells(&line), &mut state, slot, &mut out)?;
    }
    out.left.append(&mut state.pending);
    out.apart = state.apart;
    Some(out)
}

/// The pieces as names and cell pieces.
fn items<'a>(pieces: &[Piece<'a>], spans: &[(usize, usize)]) -> Vec<Item<'a>> {
    let mut out = Vec::new();
    let mut spans = spans.iter().peekable();
    let mut p = 0;
    while p < pieces.len() {
        match spans.peek() {
            Some(&&(start, n)) if start == p => {
                out.push(Item::Name(pieces[p..p + n].iter().map(|q| q.text).collect()));
                spans.next();
                p += n;
            }
            _ => {
                out.push(Item::Cell(pieces[p]));
                p += 1;
            }
        }
    }
    out
}

/// Takes a level name or goal label into the state; returns how many
/// names after it it took too (a 二级指标 after its 一级指标).
fn level(name: &str, next: Option<&str>, state: &mut State) -> usize {
    if let Some(goal) = goal_label(name) {
        state.goal = goal;
        return 0;
    }
    if is_level1(name) && next.is_some_and(is_level2) {
        state.level1 = name.to_string();
        state.level2 = next.unwrap_or_default().to_string();
        return 1;
    }
    // `成本指标` / `满意度指标` alone: a 二级指标 under the 一级指标 above
    // (or under none known, where the levels are printed apart), unless it
    // is a new 满意度 一级指标.
    let new_satisfaction = name == "满意度指标" && state.level1 != "满意度指标";
    if is_level2(name) && (!state.level1.is_empty() || state.apart) && !new_satisfaction {
        state.level2 = name.to_string();
    } else {
        state.level1 = name.to_string();
        state.level2.clear();
    }
    0
}

/// True when the last piece leaves a quote or bracket open, so the line
/// after it goes on with its cell (`"提升居民…节能环保意识  提升驻区企` /
/// `业，依法统计意识  优化营商环境 " 提升`).
fn open(line: &[Piece<'_>]) -> bool {
    cells(line).last().is_some_and(|(c, _)| unclosed(c))
}

fn unclosed(cell: &str) -> bool {
    bracket_net(cell) > 0 || cell.matches('"').count() % 2 == 1
}

/// A line's pieces as cells: a piece opening with a punctuation mark, or
/// following a piece that leaves a quote or bracket open, goes on with the
/// cell before it. Each cell with the line of its last piece and page.
fn cells(line: &[Piece<'_>]) -> Vec<(String, (usize, u32))> {
    let mut out: Vec<(String, (usize, u32))> = Vec::new();
    for p in line {
        let joins = p.text.starts_with(PUNCTUATION);
        match out.last_mut() {
            Some((cell, at)) if joins || unclosed(cell) => {
                if at.0 == p.line {
                    cell.push(' ');
                }
                cell.push_str(p.text);
                *at = (p.line, p.page);
            }
            _ => out.push((p.text.to_string(), (p.line, p.page))),
        }
    }
    out
}

/// Marks no cell opens with, before which the extraction puts a space of
/// its own (`代表 “家站点”建设`, `素质 ，牢固树`).
const PUNCTUATION: &[char] =
    &['，', '、', '。', '；', '：', '！', '？', '）', '》', '”', '“', '（', '《', ',', ';', ')'];

/// Ends a row at a line of two cells or more; keeps a line of one cell as a
/// wrapped name. `None` when the line does not fit: a wrapped name line
/// narrower than its row's name, a row without a 二级指标 under levels
/// filled down, or a name holding a level name. A first row with no level
/// name marks the levels printed apart from the rows: from there on each
/// row keeps only the level names printed with it.
fn row_of(cells: &[(String, (usize, u32))], state: &mut State, slot: Slot, out: &mut Reading) -> Option<()> {
    let Some(((name, (_, page)), value)) = cells.split_first() else { return Some(()) };
    if value.is_empty() {
        state.pending.push((name.clone(), *page));
        return Some(());
    }
    let width = print_width(name);
    // A first row with no level name: the levels are printed apart.
    if out.rows.is_empty() && state.level1.is_empty() && state.level2.is_empty() {
        state.apart = true;
    }
    if state.pending.iter().any(|(l, _)| print_width(l) < width) || (state.level2.is_empty() && !state.apart) {
        return None;
    }
    let level3 = squeeze(&state.pending.drain(..).map(|(l, _)| l).chain([name.clone()]).collect::<String>());
    let value = clean_value(&value.iter().map(|(c, _)| c.as_str()).collect::<Vec<_>>().join(""));
    if holds_level_name(&level3) || holds_level_name(&value) {
        return None;
    }
    let mut ind = Indicator {
        goal: state.goal.clone(),
        level1: state.level1.clone(),
        level2: state.level2.clone(),
        level3,
        page: *page,
        ..Indicator::default()
    };
    slot.put(&mut ind, value);
    out.rows.push(ind);
    if state.apart {
        state.level1.clear();
        state.level2.clear();
    }
    Some(())
}

#[cfg(test)]
mod tests {
    use crate::forms::testing::{assert_rows, read};

    /// The indicator rows and findings of a Shanghai project form whose
    /// table is `rows` (a line of the text a line of the form).
    fn form(rows: &str) -> (Vec<budget_model::Indicator>, Vec<String>) {
        let text = format!(
            "项目名称 社区服务经费 项目性质 经常性项目 项目类别 特定目标类\n\
             一级指标 二级指标 三级指标 年度(/项目)指标值\n\
             绩效指标\n{rows}"
        );
        let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
        let (rows, _, findings) = read("财政项目支出绩效目标填报表", &[], &lines);
        (rows, findings.into_iter().map(|f| f.message).collect())
    }

    /// Values in words no vocabulary holds, a value of several pieces, a
    /// name wrapped over two lines with its value on the last, spaces
    /// before punctuation, a quoted cell wrapped over lines, and a 二级指标
    /// name wrapped into the next line.
    #[test]
    fn rows_a_line_with_values_in_any_words() {
        let (rows, findings) = form(
            "
            产出指标
            数量指标 规划建筑面积 ≥13459.00(平方米)
            按计划数量完成 慰问人数不少于 100人,宣传用品不少于 20000份
            质量指标 完工及时率 及时率
            完善人大代表 “家站点”建设 达标
            效益指标 社会效益指标
            全面提升社区党员党性修养 ，提升书记综合素质 ，牢固树
            立全心全意为民服务意识 有效
            \"提升居民、驻区单位节能环保意识  提升驻区企
            业，依法统计意识 \" 提升
            满意度指标 服务对象满意
            度指标 居民满意度 满意度
            ",
        );
        assert_rows(
            &rows,
            &[
                " | 产出指标 | 数量指标 | 规划建筑面积 | ≥13459.00(平方米) | | |",
                " | 产出指标 | 数量指标 | 按计划数量完成 | 慰问人数不少于100人,宣传用品不少于20000份 | | |",
                " | 产出指标 | 质量指标 | 完工及时率 | 及时率 | | |",
                " | 产出指标 | 质量指标 | 完善人大代表“家站点”建设 | 达标 | | |",
                " | 效益指标 | 社会效益指标 | 全面提升社区党员党性修养，提升书记综合素质，牢固树立全心全意为民服务意识 | 有效 | | |",
                " | 效益指标 | 社会效益指标 | \"提升居民、驻区单位节能环保意识提升驻区企业，依法统计意识\" | 提升 | | |",
                " | 满意度指标 | 服务对象满意度指标 | 居民满意度 | 满意度 | | |",
            ],
        );
        assert!(findings.is_empty(), "{findings:?}");
    }

    /// A table whose merged level cells a spreadsheet printed after its
    /// rows: the first row names no level, and no row takes the levels of
    /// the row above it; a 二级指标 printed alone (`成本指标` too) is the row's
    /// 二级指标 under no 一级指标 known. Values in any words, a name wrapped
    /// with its value on its last line.
    #[test]
    fn rows_a_line_with_their_levels_printed_apart() {
        let (rows, findings) = form(
            "
            优良天数比率 完成国家下达的目标要求
            碳排放强度（较2020年累计下
            降） 完成国家下达的目标要求
            质量指标 项目验收合格率 100%
            成本指标 市级低谷电价补贴 0.1元/度
            污染治理体系和能力 优
            满意度指标 服务对象满意度指标 公众对生态环境的满意度 ≥85%
            ",
        );
        assert_rows(
            &rows,
            &[
                " | | | 优良天数比率 | 完成国家下达的目标要求 | | |",
                " | | | 碳排放强度（较2020年累计下降） | 完成国家下达的目标要求 | | |",
                " | | 质量指标 | 项目验收合格率 | 100% | | |",
                " | | 成本指标 | 市级低谷电价补贴 | 0.1元/度 | | |",
                " | | | 污染治理体系和能力 | 优 | | |",
                " | 满意度指标 | 服务对象满意度指标 | 公众对生态环境的满意度 | ≥85% | | |",
            ],
        );
        assert!(findings.iter().any(|f| f.contains("printed apart")), "{findings:?}");
    }

    /// A value's second line before the next level name belongs to no row
    /// it can be told of: a finding names it.
    #[test]
    fn a_line_before_a_level_name_is_reported() {
        let (rows, findings) = form(
            "
            产出指标 质量指标 创业担保贷款回收率 ≥90%
            创业担保贷款利率上限 上限
            LPR+50BPs
            效益指标 社会效益指标 金融机构网点覆盖率 ≥60%
            ",
        );
        assert_rows(
            &rows,
            &[
                " | 产出指标 | 质量指标 | 创业担保贷款回收率 | ≥90% | | |",
                " | 产出指标 | 质量指标 | 创业担保贷款利率上限 | 上限 | | |",
                " | 效益指标 | 社会效益指标 | 金融机构网点覆盖率 | ≥60% | | |",
            ],
        );
        assert_eq!(findings, ["text among indicator rows read as no row's: \"LPR+50BPs\""]);
    }

    /// A line of one cell narrower than the row below's name is the end of
    /// a cell above, not the beginning of that name: the table is not read
    /// a row a line, and the reading by values takes it, a row for each
    /// value it knows.
    #[test]
    fn a_narrow_line_above_a_row_leaves_the_table_to_the_values() {
        let (rows, _) = form(
            "
            产出指标 数量指标 培训人次 ≥100人次
            开展培训的及时程度 按季度开展
            并通报
            培训覆盖的街道社区数量 ≥15个
            ",
        );
        let names: Vec<&str> = rows.iter().map(|r| r.level3.as_str()).collect();
        // Read a row a line, the second row would be `并通报培训覆盖的街道社区数量`.
        assert_eq!(names, ["培训人次", "培训覆盖的街道社区数量"]);
    }
}
