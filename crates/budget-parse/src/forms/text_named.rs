//! Indicator rows named in one column with no level printed, as the text of
//! 重庆's 部门整体绩效目标表 gives them under their header:
//!
//! ```text
//! 指标名称 指标性质 指标值 计量单位 指标权重(%) 是否核心
//! 市政府门户网站优化整改次数 ≥ 4 次 10 是
//! 民呼我为（“互联网+督查”）诉求工单
//! 问题解决率 ≥ 85 % 15 是
//! ```
//!
//! A row is the line whose last pieces fill every column after the name,
//! each with a piece of its shape; the lines before it since the last row
//! begin its name. A line that holds a comparison or a 是/否 and fills
//! no row is a row with a cell left blank or run together, left out with
//! a finding: which cell is missing the text cannot tell.

use budget_model::Indicator;

use super::sink::Sink;
use super::text_joined::{is_figure, is_unit};
use super::text_projects::is_direction;
use super::text_slots::Marked;
use super::value::join_split;
use crate::norm::squeeze;

/// Most lines a name is wrapped over before the line of its values.
const MAX_NAME_LINES: usize = 3;

/// What a column after the name holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Column {
    Direction,
    Target,
    Measure,
    Weight,
    /// 是否核心: `是` or `否`, kept nowhere.
    Core,
}

impl Column {
    fn of(word: &str) -> Option<Column> {
        if word.contains("性质") || word.contains("方向") {
            Some(Column::Direction)
        } else if word.contains("单位") {
            Some(Column::Measure)
        } else if word.contains("权重") {
            Some(Column::Weight)
        } else if word.contains("核心") {
            Some(Column::Core)
        } else if word.contains("指标值") {
            Some(Column::Target)
        } else {
            None
        }
    }

    /// Whether `piece` has this column's shape.
    fn fits(self, piece: &str) -> bool {
        match self {
            Column::Direction => is_direction(piece),
            Column::Target => is_figure(piece) || (!piece.chars().any(|c| c.is_ascii_digit()) && !is_direction(piece)),
            Column::Measure => is_unit(piece) && !is_direction(piece),
            Column::Weight => is_figure(piece),
            Column::Core => piece == "是" || piece == "否",
        }
    }
}

/// The header: a line opening with 指标名称, every word after it a column
/// of a known kind, one of them the 指标值. Returns its place and columns.
pub(super) fn header(lines: &[Marked<'_>]) -> Option<(usize, Vec<Column>)> {
    lines.iter().enumerate().find_map(|(i, l)| {
        let mut words = l.text.split_whitespace();
        if squeeze(words.next()?) != "指标名称" {
            return None;
        }
        let columns: Option<Vec<Column>> = words.map(Column::of).collect();
        columns.filter(|c| c.contains(&Column::Target)).map(|c| (i, c))
    })
}

/// Reads the rows after the header `lines[0]` with `columns` after the
/// name, up to a line that is neither a row nor a name's beginning.
pub(super) fn read(lines: &[Marked<'_>], columns: &[Column], sink: &mut Sink<'_>) {
    let mut name: Vec<&str> = Vec::new();
    let mut left: Vec<String> = Vec::new();
    for line in &lines[1..] {
        let pieces: Vec<&str> = line.text.split_whitespace().collect();
        let Some(cut) = pieces.len().checked_sub(columns.len()).filter(|&k| k > 0 || !name.is_empty()) else {
            if !extend(&mut name, &pieces, line, &mut left) {
                break;
            }
            continue;
        };
        let tail = &pieces[cut..];
        if !columns.iter().zip(tail).all(|(c, p)| c.fits(p)) {
            if !extend(&mut name, &pieces, line, &mut left) {
                break;
            }
            continue;
        }
        let whole: String = name.drain(..).chain(pieces[..cut].iter().copied()).collect();
        let part = |want: Column| columns.iter().zip(tail).find(|(c, _)| **c == want).map_or("", |(_, p)| *p);
        sink.indicator(Indicator {
            level3: whole,
            value: join_split(part(Column::Direction), part(Column::Target), part(Column::Measure)),
            direction: part(Column::Direction).to_string(),
            target: part(Column::Target).to_string(),
            measure: part(Column::Measure).to_string(),
            weight: part(Column::Weight).to_string(),
            page: line.page,
            ..Indicator::default()
        });
    }
    if let Some(first) = left.first() {
        let page = lines.first().map_or(0, |l| l.page);
        let message = format!(
            "{} indicator lines (`{first}`, …) fill the columns after the name with no piece of each's shape; left out",
            left.len()
        );
        sink.finding(page, message);
    }
}

/// Takes a line that fills no row as the beginning of the next row's name
/// (the header printed again clears it);
/// a line holding a comparison or a 是/否 is a row in doubt, reported. False
/// where the rows end: a blank piece list, a table label, or a name longer
/// than a name is wrapped over.
fn extend<'a>(name: &mut Vec<&'a str>, pieces: &[&'a str], line: &Marked<'a>, left: &mut Vec<String>) -> bool {
    // The header printed again over a page's rows: what came before it
    // (the page's foot, the 绩效指标 label) is no name.
    if pieces.first().is_some_and(|p| squeeze(p) == "指标名称") {
        name.clear();
        return true;
    }
    if pieces.iter().any(|p| is_direction(p) || *p == "是" || *p == "否") {
        name.clear();
        left.push(line.text.split_whitespace().collect());
        return true;
    }
    let starts_table = pieces.first().is_some_and(|p| p.starts_with('表') || p.starts_with("备注"));
    if pieces.is_empty() || starts_table || name.len() >= MAX_NAME_LINES {
        return false;
    }
    name.push(line.text.trim());
    true
}

#[cfg(test)]
mod tests {
    use crate::forms::testing::{assert_rows, read_text};

    /// 重庆's 部门整体绩效目标表 as its text prints it: names wrapped over
    /// the line before their values, one row with a blank unit reported.
    #[test]
    fn rows_named_without_levels() {
        let text = "单位名称： 云湖区人民政府办公室\n \
                    当年整体绩效目标\n\
                    \n\
                    保障机关正常运转。\n\
                    \n\
                    绩效指标\n \
                    指标名称 指标性质 指标值 计量单位 指标权重(%) 是否核心\n\
                    \n\
                    门户网站优化整改次数 ≥ 4 次 10 是\n\
                    民呼我为诉求工单\n\
                    问题解决率 ≥ 85 % 15 是\n\
                    网站访问可达率 ≥ 90 15 是\n\
                    — 2 6 —\n\
                    绩效指标\n\
                    指标名称 指标性质 指标值 计量单位 指标权重(%) 是否核心\n\
                    提案办理率 ＝ 100 % 10 否\n\
                    \n\
                    表十一\n";
        let (rows, fields, findings) = read_text("部门整体绩效目标表", text);
        assert_rows(
            &rows,
            &[
                " |  |  | 门户网站优化整改次数 | ≥4次 | | |",
                " |  |  | 民呼我为诉求工单问题解决率 | ≥85% | | |",
                " |  |  | 提案办理率 | 100% | | |",
            ],
        );
        let weights: Vec<&str> = rows.iter().map(|r| r.weight.as_str()).collect();
        assert_eq!(weights, ["10", "15", "10"]);
        let fields: Vec<String> = fields.iter().map(|f| format!("{}={}", f.field, f.value)).collect();
        assert_eq!(fields, ["单位名称=云湖区人民政府办公室"]);
        assert_eq!(findings.len(), 1, "{findings:?}");
        assert!(findings[0].message.contains("`网站访问可达率≥9015是`"), "{findings:?}");
    }
}
