//! What one form yields, gathered while it is read: fields, indicator
//! rows and findings, with the form's project.

use budget_model::{Finding, FormField, Indicator, TableKey};

use super::text_slots::OpenSlot;
use super::vocab::GoalKind;
use crate::lex::{amount, table_number};
use crate::norm::squeeze;
use crate::title::Title;

/// The project a numbered project form's title names:
/// `表 12-1.乡村振兴工作经费项目申报表` → `乡村振兴工作经费`.
fn project_of_title(title: &Title) -> Option<String> {
    let text = squeeze(&title.text);
    let text = table_number(&text).map_or(text.clone(), |(_, rest)| rest.to_string());
    let text = text.trim_start_matches(['.', '．', '、', ' ']);
    ["项目支出绩效自评表", "项目支出绩效目标表", "项目绩效目标表", "项目申报表", "申报表"]
        .iter()
        .find_map(|s| text.strip_suffix(s))
        .filter(|name| !name.is_empty() && !is_table_number(name))
        .map(str::to_string)
}

/// A table's number printed before its name, not a project: `预算11表`,
/// `预算表12`, or `12` alone where the title's line begins after `预算表`.
fn is_table_number(name: &str) -> bool {
    name.chars().all(|c| c.is_ascii_digit() || "预算表-—".contains(c))
}

/// A form of one project (项目支出绩效目标表, 项目支出绩效自评表): its
/// rows and fields carry the project's name.
fn per_project(key: TableKey) -> bool {
    matches!(key, TableKey::ProjectPerformanceTargets | TableKey::ProjectPerformanceSelfEvaluation)
}

/// What the forms of a document hold: indicator rows and the other fields.
#[derive(Debug, Default)]
pub(crate) struct FormsRead {
    pub indicators: Vec<Indicator>,
    pub fields: Vec<FormField>,
    /// The slots of the last form's rows its text left missing.
    pub open: Vec<OpenSlot>,
}

impl FormsRead {
    /// Adds what a later form holds; its open slots replace those before.
    pub(crate) fn append(&mut self, mut later: FormsRead) {
        let offset = self.indicators.len();
        self.open = later.open;
        for o in &mut self.open {
            o.at += offset;
        }
        self.indicators.append(&mut later.indicators);
        self.fields.append(&mut later.fields);
    }
}

/// What a value column of an indicator table holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Slot {
    /// 指标值, or 预期当年实现值 in yearly tables.
    Current,
    /// The value two years before (`2022年`, `前年`).
    Prev2,
    /// The value one year before (`2023年`, `上年`).
    Prev1,
    /// The figure of a value split over columns (`本年绩效指标值`).
    Target,
    /// The comparison of a split value (`绩效指标性质`, `指标方向`).
    Direction,
    /// The unit of a split value (`绩效度量单位`, `计量单位`).
    Measure,
    /// The indicator's weight (`分值权重（90）`, a self-evaluation's 分值), which
    /// is not its value.
    Weight,
    /// 实际完成值 of a self-evaluation.
    Actual,
    /// 得分 (自评得分) of a self-evaluation.
    Score,
    /// 偏差原因分析及改进措施 of a self-evaluation.
    Deviation,
    /// A column the header does not name clearly: not read.
    Unknown,
}

impl Slot {
    /// Puts `value` where the slot says.
    pub(super) fn put(self, row: &mut Indicator, value: String) {
        if let Some(field) = self.field(row) {
            *field = value;
        }
    }

    /// The column of a self-evaluation a header names, if it is one:
    /// `实际完成值`, `指标分值` / `分值`, `自评得分` / `得分`,
    /// `偏差原因分析及改进措施`. 年度指标值 is the value ([`Slot::Current`]).
    ///
    /// The order matters: `得分` before `分值`, which `得分值` would hold too.
    pub(super) fn of_self_evaluation(header: &str) -> Option<Slot> {
        let h = squeeze(header);
        let has = |w: &str| h.contains(w);
        if has("实际完成") || has("实际值") || has("完成值") {
            Some(Slot::Actual)
        } else if has("得分") {
            Some(Slot::Score)
        } else if has("分值") || has("权重") {
            Some(Slot::Weight)
        } else if has("偏差") || has("原因分析") || has("改进措施") {
            Some(Slot::Deviation)
        } else {
            None
        }
    }

    /// The field of `row` the slot fills; none for an unknown column.
    pub(super) fn field(self, row: &mut Indicator) -> Option<&mut String> {
        match self {
            Slot::Current => Some(&mut row.value),
            Slot::Prev2 => Some(&mut row.prev2_value),
            Slot::Prev1 => Some(&mut row.prev1_value),
            Slot::Target => Some(&mut row.target),
            Slot::Direction => Some(&mut row.direction),
            Slot::Measure => Some(&mut row.measure),
            Slot::Weight => Some(&mut row.weight),
            Slot::Actual => Some(&mut row.actual_value),
            Slot::Score => Some(&mut row.score),
            Slot::Deviation => Some(&mut row.deviation),
            Slot::Unknown => None,
        }
    }

    /// The part of a value split over columns.
    pub(super) fn is_split(self) -> bool {
        matches!(self, Slot::Target | Slot::Direction | Slot::Measure)
    }
}

/// A field waiting for the end of its form: duplicate names are told apart
/// by their qualifier (the label heading their column in the block they are
/// printed in: `项目资金（元）/年度资金申请总额/其他资金`).
struct Staged {
    field: FormField,
    qualifier: Option<String>,
}

/// Everything one form yields, gathered until the form is read.
pub(crate) struct Sink<'f> {
    /// The form's table key.
    key: TableKey,
    /// The project (table 12), from 项目名称, or the form this piece continues.
    project: String,
    /// This piece continues an earlier project form.
    continued: bool,
    fields: Vec<Staged>,
    indicators: Vec<Indicator>,
    findings: &'f mut Vec<Finding>,
    /// The goal of the indicator rows being read (`长期目标1`).
    pub goal: String,
    /// The kind of goal a caption announced (`长期绩效目标表`).
    pub goal_kind: Option<GoalKind>,
    /// The form's title, for findings.
    table: String,
    /// Slots of the rows its text left missing.
    pub(super) open: Vec<OpenSlot>,
}

impl<'f> Sink<'f> {
    pub(super) fn new(title: &Title, findings: &'f mut Vec<Finding>) -> Self {
        Sink {
            key: title.key,
            project: String::new(),
            continued: false,
            fields: Vec::new(),
            indicators: Vec::new(),
            findings,
            goal: String::new(),
            goal_kind: GoalKind::of(&title.text),
            table: if title.no.is_empty() { title.text.clone() } else { format!("{} {}", title.no, title.text) },
            open: Vec::new(),
        }
    }

    /// A sink like this one, empty, for a trial reading whose rows and
    /// findings are compared, then dropped.
    pub(super) fn scratch<'g>(&self, findings: &'g mut Vec<Finding>) -> Sink<'g> {
        Sink {
            key: self.key,
            project: self.project.clone(),
            continued: self.continued,
            fields: Vec::new(),
            indicators: Vec::new(),
            findings,
            goal: self.goal.clone(),
            goal_kind: self.goal_kind,
            table: self.table.clone(),
            open: Vec::new(),
        }
    }

    /// This piece of a project form continues the form before it, whose
    /// project is `project`.
    pub(super) fn continue_project(&mut self, project: String) {
        self.project = project;
        self.continued = true;
    }

    /// Adds a field; `value` is written as printed, spaces removed, amounts
    /// without thousands separators.
    /// A name whose last part is a figure is a row of figures read as
    /// label and value pairs (`合计 | 9209.55 | 790.22 | 9999.77` under a
    /// header of columns): no field.
    /// Gives the field `name`, staged without a value, the value printed
    /// after it (a spreadsheet prints wrapped cells after the plain ones).
    pub(super) fn fill_late(&mut self, name: &str, value: &str) {
        let value = field_value(value);
        if let Some(s) = self.fields.iter_mut().rev().find(|s| s.field.field == name && s.field.value.is_empty()) {
            s.field.value = value;
        }
    }

    pub fn field(&mut self, name: &str, value: &str, page: u32, qualifier: Option<String>) {
        let last = name.rsplit('/').next().unwrap_or(name);
        if amount(&squeeze(last)).is_some() {
            return;
        }
        let value = field_value(value);
        if name == "项目名称" && per_project(self.key) && !self.continued {
            self.project = value.clone();
        }
        let field = FormField {
            form: self.key.as_str().to_string(),
            project: String::new(),
            field: name.to_string(),
            value,
            page,
        };
        self.fields.push(Staged { field, qualifier });
    }

    /// Adds a field of `project`, one of the many projects of one table
    /// (`项目总额` printed beside the project's name). The same field printed
    /// again beside the project's rows on the next page, under a repeated
    /// header, is the same field.
    pub fn project_field(&mut self, project: &str, name: &str, value: &str, page: u32) {
        let value = field_value(value);
        let same = |s: &Staged| s.field.project == project && s.field.field == name && s.field.value == value;
        if self.fields.iter().any(same) {
            return;
        }
        self.field(name, &value, page, None);
        if let Some(staged) = self.fields.last_mut() {
            staged.field.project = project.to_string();
        }
    }

    /// The form is a 决算 self-evaluation (项目 or 整体).
    pub fn is_self_evaluation(&self) -> bool {
        matches!(self.key, TableKey::ProjectPerformanceSelfEvaluation | TableKey::OverallPerformanceSelfEvaluation)
    }

    /// Adds an indicator row.
    pub fn indicator(&mut self, mut row: Indicator) {
        row.table_key = self.key.as_str().to_string();
        if row.goal.is_empty() {
            row.goal = self.goal.clone();
        }
        self.indicators.push(row);
    }

    /// The indicator rows read so far, for rows continued on the next page.
    pub fn indicators_mut(&mut self) -> &mut Vec<Indicator> {
        &mut self.indicators
    }

    /// Reports something that could not be read with certainty.
    pub fn finding(&mut self, page: u32, message: impl Into<String>) {
        self.findings.push(Finding { page, table: self.table.clone(), message: message.into() });
    }

    /// Everything the form yields, each field and row given the form's
    /// project (from its 项目名称 field, else its title).
    pub(super) fn finish(mut self, title: &Title) -> FormsRead {
        if self.project.is_empty() && per_project(self.key) {
            self.project = self.transfer().or_else(|| project_of_title(title)).unwrap_or_default();
        }
        let project = if per_project(self.key) { self.project.clone() } else { String::new() };
        let names: Vec<String> = self.fields.iter().map(|s| s.field.field.clone()).collect();
        let mut out = FormsRead { open: std::mem::take(&mut self.open), ..FormsRead::default() };
        for mut s in self.fields {
            let dup = names.iter().filter(|n| **n == s.field.field).count() > 1;
            if let (true, Some(q)) = (dup, s.qualifier) {
                let name = &s.field.field;
                let (head, last) = name.rsplit_once('/').map_or(("", name.as_str()), |(h, l)| (h, l));
                if q != last {
                    s.field.field = if head.is_empty() { format!("{q}/{last}") } else { format!("{head}/{q}/{last}") };
                }
            }
            if s.field.project.is_empty() {
                s.field.project = project.clone();
            }
            out.fields.push(s.field);
        }
        for mut i in self.indicators {
            if i.project.is_empty() {
                i.project = project.clone();
            }
            out.indicators.push(i);
        }
        out
    }
}

impl Sink<'_> {
    /// The transfer payment a 转移支付绩效目标表 is about, named once in the
    /// form (`转移支付名称 | 社会福利彩票公益金专项转移支付-养老服务补助-…`): the
    /// project of its rows. A form naming two is none's.
    fn transfer(&self) -> Option<String> {
        let mut names = self.fields.iter().filter(|s| s.field.field == "转移支付名称").map(|s| &s.field.value);
        let first = names.next().filter(|v| !v.is_empty())?;
        names.all(|v| v == first).then(|| first.clone())
    }
}

/// A field value as written: spaces removed, an amount without thousands
/// separators (`4,100,000.00` → `4100000.00`).
fn field_value(text: &str) -> String {
    let t = squeeze(text);
    match amount(&t) {
        Some(d) => d.to_string(),
        None => t,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn projects_from_titles_and_field_values() {
        let t = crate::title::parse_title("表 12-1.乡村振兴工作经费项目申报表").expect("title");
        assert_eq!(project_of_title(&t).as_deref(), Some("乡村振兴工作经费"));
        for number in ["预算11表 项目支出绩效目标表", "预算表12 项目支出绩效目标表", "12 项目支出绩效目标表"]
        {
            let t = crate::title::parse_title(number).expect("title");
            assert_eq!(project_of_title(&t), None, "{number}");
        }
        assert_eq!(field_value("4,100,000.00"), "4100000.00");
        assert_eq!(field_value("1.部门项目 ☑ 2.公共项目 □"), "1.部门项目☑2.公共项目□");
    }
}
