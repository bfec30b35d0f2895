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
//!
//! The table of many projects (一般性项目绩效目标表) prints the same columns
//! after a project's number, name, funds and goal, its header wrapped
//! anywhere:
//!
//! ```text
//! 序号 项目名称 当年财政拨
//! 款预算金额 当年绩效目标 指标名称 指标
//! 性质 指标值 计量单位 指标权重(%)
//! 1 市政府办公
//! 厅业务及日常运行项目 8,534.17 完成各项业务工作，分别
//! 达到工作要求，保障市政府办公厅的正常运转。
//!  民呼我为（“12345”）咨询一次性解答率 ≥ 70 % 15
//! 部门预决算按时公开率 ＝ 100 % 5
//! ```
//!
//! A line opening with the next number begins a project, whose name runs
//! to its amount (the project's field named as the header names the
//! column); the goal follows, then the rows. The goal's last line and the
//! first row's name are told apart only where the row's line begins with
//! a space (a cell of its own): a first row whose line does not is left
//! out with a finding.

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

/// The header: a line opening with 指标名称 (after the label `绩效指标`
/// merged over the rows, where printed on its line), every word after it a
/// column of a known kind (`指标权重 (%)` one), one of them the 指标值.
/// Returns its place and columns.
pub(super) fn header(lines: &[Marked<'_>]) -> Option<(usize, Vec<Column>)> {
    lines.iter().enumerate().find_map(|(i, l)| {
        let mut words = l.text.split_whitespace().peekable();
        words.next_if(|w| squeeze(w) == "绩效指标");
        if squeeze(words.next()?) != "指标名称" {
            return None;
        }
        // A `(%)` printed apart from its 指标权重 names no column.
        let columns: Option<Vec<Column>> = words.filter(|w| !matches!(*w, "(%)" | "（%）")).map(Column::of).collect();
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
        let Some(cut) = fills(columns, &pieces).filter(|&k| k > 0 || !name.is_empty()) else {
            if !extend(&mut name, &pieces, line, &mut left) {
                break;
            }
            continue;
        };
        let whole: String = name.drain(..).chain(pieces[..cut].iter().copied()).collect();
        sink.indicator(indicator(whole, columns, &pieces[cut..], line.page));
    }
    report_left(&left, lines.first().map_or(0, |l| l.page), sink);
}

/// The words of the columns after 指标名称, as a header of many projects
/// prints them (squeezed), longest first.
const COLUMN_WORDS: &[&str] = &[
    "指标权重(%)",
    "指标权重（%）",
    "绩效指标性质",
    "指标性质",
    "计量单位",
    "度量单位",
    "指标权重",
    "是否核心",
    "指标值",
];

/// Most pieces a project's name is printed in before its amount.
const MAX_PROJECT_PIECES: usize = 6;

/// Most lines a header of many projects is wrapped over.
const MAX_HEADER_LINES: usize = 6;

/// A header over a table of many projects: where it is, how many lines it
/// takes, the columns after 指标名称, and the name of the project's amount
/// (`当年财政拨款预算金额`).
#[derive(Debug)]
pub(super) struct ProjectsHeader {
    pub(super) at: usize,
    pub(super) lines: usize,
    pub(super) columns: Vec<Column>,
    pub(super) fund: String,
    /// A goal column (当年绩效目标) stands between the amount and the rows.
    pub(super) goal: bool,
}

/// What the squeezed text of a header's lines says so far.
enum Heading {
    /// Every column named, the last one whole; the project's amount's
    /// name; whether a goal column stands before the rows.
    Whole(Vec<Column>, String, bool),
    /// The text ends inside a column's word (`…指标`).
    Cut,
    /// Not a header of many projects.
    Not,
}

/// Reads `text` (a header's lines, squeezed) as `序号 项目名称 <fund>
/// [当年绩效目标] 指标名称 <columns>`.
fn heading(text: &str) -> Heading {
    let Some(rest) = text.strip_prefix("序号项目名称") else { return Heading::Not };
    // 指标名称 not reached yet: the header goes on.
    let Some((before, mut after)) = rest.split_once("指标名称") else { return Heading::Cut };
    let fund = before.split("当年绩效目标").next().unwrap_or_default();
    if fund.is_empty() {
        return Heading::Not;
    }
    let mut columns = Vec::new();
    while !after.is_empty() {
        match COLUMN_WORDS.iter().find(|w| after.starts_with(**w)) {
            Some(w) => {
                columns.extend(Column::of(w));
                after = &after[w.len()..];
            }
            None if COLUMN_WORDS.iter().any(|w| w.starts_with(after)) => return Heading::Cut,
            None => return Heading::Not,
        }
    }
    if columns.contains(&Column::Target) {
        Heading::Whole(columns, fund.to_string(), before.contains("绩效目标"))
    } else {
        Heading::Cut
    }
}

/// The header of a table of many projects: a line opening with `序号
/// 项目名称`, wrapped over the lines after it as long as they go on with
/// its words (a `(%)` on a line of its own included).
pub(super) fn projects_header(lines: &[Marked<'_>]) -> Option<ProjectsHeader> {
    (0..lines.len()).find_map(|at| header_at(lines, at))
}

fn header_at(lines: &[Marked<'_>], at: usize) -> Option<ProjectsHeader> {
    if !squeeze(lines[at].text).starts_with("序号项目名称") {
        return None;
    }
    let mut text = String::new();
    let mut found = None;
    for n in 1..=MAX_HEADER_LINES.min(lines.len() - at) {
        text.push_str(&squeeze(lines[at + n - 1].text));
        match heading(&text) {
            Heading::Whole(columns, fund, goal) => found = Some(ProjectsHeader { at, lines: n, columns, fund, goal }),
            Heading::Cut => {}
            Heading::Not => break,
        }
    }
    found
}

/// Whether a piece is a project's amount: digits grouped by commas or
/// with decimals (`8,534.17`, `36.00`).
fn is_amount(piece: &str) -> bool {
    crate::lex::amount(piece).is_some() && (piece.contains('.') || piece.contains(','))
}

/// Where a table of many projects is in its reading.
enum Place {
    /// Gathering a project's name up to its amount.
    Name(Vec<String>),
    /// In the project's goal, before its first row.
    Goal,
    /// Among the project's rows.
    Rows,
}

/// Reads the rows of a table of many projects after its `header`, each
/// with its project, and each project's amount as its field.
pub(super) fn read_projects(lines: &[Marked<'_>], header: &ProjectsHeader, sink: &mut Sink<'_>) {
    let columns = &header.columns[..];
    let mut project = String::new();
    let mut number = 1u32;
    let mut place = Place::Rows;
    let mut name: Vec<&str> = Vec::new();
    let mut left: Vec<String> = Vec::new();
    let mut unnamed = 0usize;
    let mut i = header.at + header.lines;
    while i < lines.len() {
        let line = &lines[i];
        i += 1;
        if let Some(again) = header_at(lines, i - 1) {
            i = again.at + again.lines;
            name.clear();
            continue;
        }
        let pieces: Vec<&str> = line.text.split_whitespace().collect();
        if pieces.is_empty() {
            continue;
        }
        let filled = fills(columns, &pieces);
        let opens = pieces[0] == number.to_string() && pieces.len() > 1 && filled.is_none();
        if opens {
            number += 1;
            place = Place::Name(Vec::new());
        }
        if let Place::Name(gathered) = &mut place {
            let from = usize::from(opens);
            match pieces.iter().position(|p| is_amount(p)).filter(|&k| k >= from) {
                Some(k) => {
                    gathered.extend(pieces[from..k].iter().map(|p| p.to_string()));
                    project = gathered.concat();
                    sink.project_field(&project, &header.fund, pieces[k], line.page);
                    place = if header.goal { Place::Goal } else { Place::Rows };
                }
                None if gathered.len() < MAX_PROJECT_PIECES => {
                    gathered.extend(pieces[from..].iter().map(|p| p.to_string()))
                }
                None => {
                    sink.finding(
                        line.page,
                        format!(
                            "project `{}`: no amount after its name; its rows are read without it",
                            gathered.concat()
                        ),
                    );
                    project.clear();
                    place = Place::Goal;
                }
            }
            continue;
        }
        let Some(cut) = filled else {
            match place {
                Place::Goal => {}
                _ => {
                    if !extend(&mut name, &pieces, line, &mut left) {
                        break;
                    }
                }
            }
            continue;
        };
        if matches!(place, Place::Goal) {
            place = Place::Rows;
            name.clear();
            if !line.opens_right || cut == 0 {
                unnamed += 1;
                continue;
            }
        }
        let whole: String = name.drain(..).chain(pieces[..cut].iter().copied()).collect();
        let mut row = indicator(whole, columns, &pieces[cut..], line.page);
        row.project = project.clone();
        sink.indicator(row);
    }
    let page = lines.get(header.at).map_or(0, |l| l.page);
    if unnamed > 0 {
        sink.finding(
            page,
            format!("{unnamed} projects' first indicator rows are not told apart from their goals; left out"),
        );
    }
    report_left(&left, page, sink);
}

/// Where the pieces of a line that fills a row after the name begin its
/// columns; `None` where the line is no row.
fn fills(columns: &[Column], pieces: &[&str]) -> Option<usize> {
    let cut = pieces.len().checked_sub(columns.len())?;
    columns.iter().zip(&pieces[cut..]).all(|(c, p)| c.fits(p)).then_some(cut)
}

/// The indicator named `name` whose cells after the name are `tail`.
fn indicator(name: String, columns: &[Column], tail: &[&str], page: u32) -> Indicator {
    let part = |want: Column| columns.iter().zip(tail).find(|(c, _)| **c == want).map_or("", |(_, p)| *p);
    Indicator {
        level3: name,
        value: join_split(part(Column::Direction), part(Column::Target), part(Column::Measure)),
        direction: part(Column::Direction).to_string(),
        target: part(Column::Target).to_string(),
        measure: part(Column::Measure).to_string(),
        weight: part(Column::Weight).to_string(),
        page,
        ..Indicator::default()
    }
}

/// One finding for the lines that fill no row though they hold a
/// comparison or a 是/否.
fn report_left(left: &[String], page: u32, sink: &mut Sink<'_>) {
    if let Some(first) = left.first() {
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

    /// 重庆's table of many projects as its text prints it: the header
    /// wrapped inside its words and printed again over the next page, each
    /// project's number, name (wrapped) and amount, its goal, then its rows.
    /// The first row of a project is told from the goal by the space its
    /// line begins with; the second project's first row, whose line does
    /// not, is left out with a finding.
    #[test]
    fn rows_of_many_projects() {
        let text = "资金主管部门：云湖区人民政府办公室 单位：万元\n\
                    序号 项目名称 当年财政拨\n\
                    款预算金额 当年绩效目标 指标名称 指标\n\
                    性质 指标值 计量单位 指标权重\n\
                    (%)\n\
                    \n\
                    1 办公室业务及日\n\
                    常运行项目 8,534.17 完成各项业务工作，分别\n\
                    达到工作要求。\n \
                    咨询一次性解答率 ≥ 70 % 15\n\
                    \n\
                    民呼我为诉求工单问\n\
                    题解决率 ≥ 85 % 15\n\
                    序号 项目名称 当年财政拨款预算金额 当年绩效目标 指标名称 指标性质 指标值 计量单位 指标权重(%)\n\
                    年度预算执行率 = 100 % 10\n\
                    2 气象事务 4,902.34\n \
                    1.做好规划编制。\n\
                    2.建设气象科技创新中心。\n\
                    气候预测准确率 ≥ 68 % 12\n\
                    气象台站改造数量 ≥ 4 个 11\n";
        let (rows, fields, findings) = read_text("2026年市级一般性项目绩效目标表（一级项目）", text);
        let got: Vec<String> =
            rows.iter().map(|r| format!("{} | {} | {} | {}", r.project, r.level3, r.value, r.weight)).collect();
        assert_eq!(
            got,
            [
                "办公室业务及日常运行项目 | 咨询一次性解答率 | ≥70% | 15",
                "办公室业务及日常运行项目 | 民呼我为诉求工单问题解决率 | ≥85% | 15",
                "办公室业务及日常运行项目 | 年度预算执行率 | 100% | 10",
                "气象事务 | 气象台站改造数量 | ≥4个 | 11",
            ]
        );
        let fields: Vec<String> = fields.iter().map(|f| format!("{}/{}={}", f.project, f.field, f.value)).collect();
        assert_eq!(
            fields,
            ["办公室业务及日常运行项目/当年财政拨款预算金额=8534.17", "气象事务/当年财政拨款预算金额=4902.34",]
        );
        let messages: Vec<&str> = findings.iter().map(|f| f.message.as_str()).collect();
        assert_eq!(messages, ["1 projects' first indicator rows are not told apart from their goals; left out"]);
    }

    /// 重庆's 重点专项资金绩效目标表 of a department with no such fund: its
    /// labels over no values, the header on one line after the merged
    /// `绩效指标` with its `(%)` apart, then a note. The labels are fields
    /// without values, none of them taking the labels and the note after it.
    #[test]
    fn a_special_fund_form_printed_empty() {
        let text = "项目名称 主管部门\n\
                    \n\
                    当年预算 市级支出\n\
                    \n\
                    补助区县\n\
                    \n\
                    项目概况\n\
                    \n\
                    当年绩效目标\n\
                    \n\
                    绩效指标 指标名称 指标性质 指标值 计量单位 指标权重 (%) 是否核心\n\
                    \n\
                    备注:本单位主管无市级财力安排的重点专项资金,故此表无数据。\n";
        let (rows, fields, _) = read_text("2026年市级重点专项资金绩效目标表（一级项目）", text);
        assert!(rows.is_empty(), "{rows:?}");
        let fields: Vec<String> = fields.iter().map(|f| format!("{}={}", f.field, f.value)).collect();
        assert_eq!(fields, ["项目名称=", "主管部门="]);
    }

    /// A filled 重点专项资金绩效目标表: label and value cells, each line of
    /// its own after a blank line, are fields up to `项目概况`, a label alone
    /// whose text is printed apart over lines of its own; the fields end
    /// there, and the rows are read under the header.
    #[test]
    fn a_special_fund_forms_labelled_lines_are_fields() {
        let text = "项目名称 市商务发展专项 主管部门 重庆市商务委员会\n\
                    \n\
                    当年预算 46,794.00 市级支出 40,624.00\n\
                    \n\
                    补助区县 6,170.00\n\
                    \n\
                    项目概况\n \
                    为推动商务经济高质量发展。一\n\
                    \n\
                    竞争新优势,推进服务贸易创新试点。\n\
                    \n\
                    绩效指标\n \
                    指标名称 指标性质 指标值 计量单位 指标权重(%) 是否核心\n\
                    \n\
                    重要商品储备数量 ≥ 7500 吨 10 是\n";
        let (rows, fields, _) = read_text("2026年市级重点专项资金绩效目标表（一级项目）", text);
        let fields: Vec<String> = fields.iter().map(|f| format!("{}={}", f.field, f.value)).collect();
        assert_eq!(
            fields,
            [
                "项目名称=市商务发展专项",
                "主管部门=重庆市商务委员会",
                "当年预算=46794.00",
                "市级支出=40624.00",
                "补助区县=6170.00",
            ]
        );
        assert_rows(&rows, &[" |  |  | 重要商品储备数量 | ≥7500吨 | | |"]);
    }
}
