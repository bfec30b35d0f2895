//! Indicator rows whose three levels run together in one cell, as the text
//! of a spreadsheet-made 部门整体支出绩效目标表 prints them (Beijing's
//! `活动 | 绩效指标 | 指标性质 | 指标值 | 度量单位`): the activity, the cell, and
//! the value on one line, a wrapped name going on over the lines after it
//! until the value:
//!
//! ```text
//! 市管企业资产监管 产出指标数量指标巡察监督企业数量 8
//! 市管企业资产监管 产出指标质量指标资产监督监管各项工作市
//! 管企业覆盖率 100
//! ```
//!
//! The comparisons and units (`＝ 次`, `≥ %`, `定性`) are printed in a block
//! of their own, in the page's order, which the rows do not keep: a bare
//! number's comparison and unit cannot be told, so its row is left out,
//! with a finding. A value whole by itself (`优`, `良`, `≥95%`) is kept.

use budget_model::Indicator;

use super::sink::Sink;
use super::text_projects::is_direction;
use super::text_slots::Marked;
use super::value::join_split;
use super::vocab::{is_field_label, split_levels};

/// Most lines a row's name is wrapped over after its first.
const MAX_WRAPPED: usize = 6;

/// The index of the first line that opens a row, if one does.
pub(super) fn start(lines: &[Marked<'_>]) -> Option<usize> {
    lines.iter().position(|l| opens_row(l.text).is_some())
}

/// The piece of `line` that begins with two level names (`产出指标数量指标…`),
/// after the activity or on a line of its own: its place among the line's
/// pieces.
fn opens_row(line: &str) -> Option<usize> {
    let pieces: Vec<&str> = line.split_whitespace().collect();
    (0..pieces.len()).find(|&k| split_levels(pieces[k]).is_some())
}

/// Where the fields above the rows end: at the first line after the first
/// field's that follows a blank line or opens right, unless it opens with a
/// label and holds its value (`当年预算 46,794.00 市级支出 40,624.00`). A
/// spreadsheet's text prints each cell's text apart: `部门名称 …` / ` 财政拨款
/// 其他资金` (the heads of amounts printed elsewhere) / the 整体绩效目标 text
/// whose label comes among the rows, none of them the name's. A label alone
/// on its line ends the fields too: its text, printed apart, may be cut
/// over lines of its own (重庆's `项目概况`).
pub(super) fn fields_end(lines: &[Marked<'_>], end: usize) -> usize {
    let first_label = |l: &Marked<'_>| l.text.split_whitespace().next().is_some_and(is_field_label);
    let Some(first) = lines[..end].iter().position(first_label) else { return end };
    let with_value = |l: &Marked<'_>| first_label(l) && l.text.split_whitespace().skip(1).any(|p| !is_field_label(p));
    (first + 1..end).find(|&j| (lines[j].after_blank || lines[j].opens_right) && !with_value(&lines[j])).unwrap_or(end)
}

/// A figure, maybe with its comparison and `%` (`95`, `≥90%`, `1,200`).
pub(super) fn is_figure(piece: &str) -> bool {
    let body = piece.trim_start_matches(['≥', '≤', '＝', '=', '>', '<', '＞', '＜']);
    body.chars().any(|c| c.is_ascii_digit())
        && body.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '%' | '-'))
}

/// A figure that says nothing of its comparison and unit (`8`, `100`).
fn is_bare(piece: &str) -> bool {
    piece.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | ','))
}

/// A unit after a figure: a few characters, no figure and no label.
pub(super) fn is_unit(piece: &str) -> bool {
    piece.chars().count() <= 6
        && !piece.chars().any(|c| c.is_ascii_digit())
        && !is_field_label(piece)
        && !piece.contains("目标")
}

/// A value in words (`优`, `效果显著`, `不断提升`): a few characters, no
/// figure, no punctuation (a name's rest after a space, `、出入境…`, or a
/// wrapped text's first line, `优，贯彻落实…`), and no comparison alone.
fn is_wording(piece: &str) -> bool {
    piece.chars().count() <= 6
        && piece
            .chars()
            .all(|c| !c.is_ascii_digit() && !c.is_ascii_punctuation() && !"，。、；：“”‘’（）《》…".contains(c))
        && !is_direction(piece)
        && !piece.contains("目标")
}

/// What the pieces after a name say: the value, or why it is not read.
#[derive(Debug, PartialEq)]
enum Value {
    Read(String),
    /// A figure alone: its comparison and unit are printed apart.
    Bare,
    /// Pieces of no value's shape (`100 %整体绩效目标`, a label glued on).
    Unclear,
}

/// The value of the pieces after a name: a wording (`优`), or a figure
/// with its comparison before it and its unit after it, each where
/// printed (`≥ 95 %`, `4500 人次`, `定性 优`).
fn value_of(tail: &[&str]) -> Value {
    let (sign, rest) = match tail.split_first() {
        Some((first, rest)) if is_direction(first) && !rest.is_empty() => (*first, rest),
        _ => ("", tail),
    };
    match rest {
        [figure] if is_bare(figure) && sign.is_empty() => Value::Bare,
        [figure] if is_figure(figure) => Value::Read(join_split(sign, figure, "")),
        [figure, unit] if is_figure(figure) && is_unit(unit) => Value::Read(join_split(sign, figure, unit)),
        [wording] if is_wording(wording) => Value::Read(join_split(sign, wording, "")),
        _ => Value::Unclear,
    }
}

/// Reads the rows from `lines` (the first opens one); lines that open none
/// and continue none (the block of comparisons and units, labels) are
/// passed over.
pub(super) fn read(lines: &[Marked<'_>], sink: &mut Sink<'_>) {
    let mut left: Vec<(String, Value)> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let Some(k) = opens_row(lines[i].text) else {
            i += 1;
            continue;
        };
        let pieces: Vec<&str> = lines[i].text.split_whitespace().skip(k).collect();
        let mut name = pieces[0].to_string();
        let mut tail: Vec<&str> = pieces[1..].to_vec();
        let page = lines[i].page;
        i += 1;
        // The name wrapped over the next lines, up to the value after it
        // on one of them, or in a cell of its own (` 优`).
        let mut wrapped = 0;
        while tail.is_empty() && wrapped < MAX_WRAPPED && i < lines.len() {
            let next = &lines[i];
            if next.after_blank || opens_row(next.text).is_some() {
                break;
            }
            let parts: Vec<&str> = next.text.split_whitespace().collect();
            match parts.split_first() {
                Some(_) if next.opens_right => {
                    if parts.len() == 1 {
                        tail = parts;
                    }
                    break;
                }
                Some((first, rest)) => {
                    name.push_str(first);
                    tail = rest.to_vec();
                }
                None => {}
            }
            wrapped += 1;
            i += 1;
        }
        let Some((level1, level2, level3)) = split_levels(&name) else { continue };
        // The row ends at its value: a line going on after it (a wrapped
        // value, a name's rest) leaves the reading in doubt.
        let closed = lines.get(i).is_none_or(|l| l.after_blank || l.opens_right || opens_row(l.text).is_some());
        let value = if closed { value_of(&tail) } else { Value::Unclear };
        match value {
            Value::Read(value) => sink.indicator(Indicator {
                level1: level1.to_string(),
                level2: level2.to_string(),
                level3: level3.to_string(),
                value,
                page,
                ..Indicator::default()
            }),
            other => left.push((level3.to_string(), other)),
        }
    }
    let page = lines.first().map_or(0, |l| l.page);
    let reasons = [
        (Value::Bare, "print a bare figure, their comparisons and units apart from the rows"),
        (Value::Unclear, "have no value of a known shape after their names"),
    ];
    for (why, said) in reasons {
        let names: Vec<&str> = left.iter().filter(|(_, v)| *v == why).map(|(n, _)| n.as_str()).collect();
        if let Some(first) = names.first() {
            sink.finding(page, format!("{} indicators (`{first}`, …) {said}; left out", names.len()));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::forms::testing::{assert_rows, read_text};

    /// The rows of Beijing's 部门整体支出绩效目标表 as its text prints them:
    /// the comparisons and units apart, names wrapped up to their values.
    #[test]
    fn rows_with_levels_run_together() {
        let text = "（2026年度）\n\
                    \n\
                    部门名称 云湖区发展和改革委员会\n \
                    财政拨款 其他资金\n\
                    \n\
                    围绕年度重点工作，保障机关正常运转。\n\
                    活动 绩效指标 指标值\n\
                    \n\
                    ＝ 次\n\
                    \n\
                    定性\n\
                    \n\
                    ≥ %\n\
                    \n\
                    定性日常运行保障\n \
                    效益指标社会效益指标保障日常工\n\
                    作正常运行\n \
                    优\n\
                    \n\
                    日常运行保障 产出指标数量指标组织培训 1\n\
                    \n\
                    新闻宣传工作 满意度指标服务对象满意度指标读者满意度 ≥90%\n\
                    \n\
                    法制建设 产出指标质量指标各单位备案文件（合法性\n\
                    审核）应审尽审率 ≥ 95 %\n\
                    \n\
                    法制建设 成本指标经济成本指标考试成本 ＝ 40 元/人·次\n\
                    \n\
                    法制建设 产出指标时效指标案件办理时效与\n\
                    工作要求相符性 ＝ 100 %整体绩效目标\n\
                    \n\
                    执法保障 产出指标数量指标申领居民身份证 、出入境证件\n\
                    \n\
                    执法保障 效益指标社会效益指标推动区域发展 定性\n\
                    \n\
                    执法保障 效益指标经济效益指标提升投资质效 优\n\
                    化项目评价\n";
        let (rows, fields, findings) = read_text("部门整体支出绩效目标表", text);
        assert_rows(
            &rows,
            &[
                " | 效益指标 | 社会效益指标 | 保障日常工作正常运行 | 优 | | |",
                " | 满意度指标 | 服务对象满意度指标 | 读者满意度 | ≥90% | | |",
                " | 产出指标 | 质量指标 | 各单位备案文件（合法性审核）应审尽审率 | ≥95% | | |",
                " | 成本指标 | 经济成本指标 | 考试成本 | 40元/人·次 | | |",
            ],
        );
        let fields: Vec<String> = fields.iter().map(|f| format!("{}={}", f.field, f.value)).collect();
        assert_eq!(fields, ["部门名称=云湖区发展和改革委员会"]);
        assert_eq!(findings.len(), 2, "{findings:?}");
        assert!(findings[0].message.contains("1 indicators (`组织培训`"), "{findings:?}");
        assert!(findings[1].message.contains("4 indicators (`案件办理时效与工作要求相符性`"), "{findings:?}");
    }
    /// Rows run together before a table of level columns in the same form
    /// (a transfer payment's targets under `一级指标 二级指标 三级指标 指标值`):
    /// each is read by its own reader.
    #[test]
    fn rows_run_together_before_a_table_of_level_columns() {
        let text = "部门名称 云湖区生态环境局\n\
                    活动 绩效指标 指标值\n\
                    \n\
                    大气环境保护 产出指标质量指标巩固空气质量改善成效 优\n\
                    \n\
                    一级指标 二级指标 三级指标 指标值\n\
                    产出指标 数量指标 专项检查次数 ≥4次\n";
        let (rows, _, _) = read_text("部门整体支出绩效目标表", text);
        assert_rows(
            &rows,
            &[
                " | 产出指标 | 质量指标 | 巩固空气质量改善成效 | 优 | | |",
                " | 产出指标 | 数量指标 | 专项检查次数 | ≥4次 | | |",
            ],
        );
    }
}
