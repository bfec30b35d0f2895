//! Rebuilt tables: their key, columns and rows of exact amounts.

use rust_decimal::Decimal;
use serde::{Serialize, Serializer};

use crate::page::Rect;

/// The stable key of a table, the same across templates and years
/// (see the output contract).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum TableKey {
    /// 部门收支总表 (usually table 1).
    IncomeExpenseSummary,
    /// 部门收入总表 (2).
    IncomeSummary,
    /// 部门支出总表 (3).
    ExpenseSummary,
    /// 财政拨款收支总表 (4).
    FiscalIncomeExpenseSummary,
    /// 一般公共预算支出表（分功能科目） (5-1 or 5).
    GeneralBudgetExpenseByFunction,
    /// 一般公共预算支出表（分单位） (5-2).
    GeneralBudgetExpenseByUnit,
    /// 一般公共预算基本支出表 (6).
    GeneralBudgetBasicExpenseByEconomic,
    /// 一般公共预算“三公”经费支出表 (7).
    ThreePublicExpense,
    /// 政府性基金预算支出表 (8).
    GovernmentFundExpense,
    /// 国有资本经营预算支出表 (9).
    StateCapitalExpense,
    /// 项目支出情况表 (10).
    ProjectExpense,
    /// 整体支出绩效目标表 (11).
    OverallPerformanceTargets,
    /// 项目支出绩效目标表 (12-k).
    ProjectPerformanceTargets,
    /// 项目支出绩效自评表 (a 决算's self-evaluation of one project).
    ProjectPerformanceSelfEvaluation,
    /// 部门整体支出绩效自评表 (a 决算's self-evaluation of the department).
    OverallPerformanceSelfEvaluation,
    /// 财政拨款支出预算表（功能科目）.
    FiscalExpenseByFunction,
    /// 财政拨款基本支出预算表（经济科目）.
    FiscalBasicExpenseByEconomic,
    /// 一般公共预算支出经济分类表.
    GeneralBudgetExpenseByEconomic,
    /// 机关运行经费支出预算表.
    OfficeOperatingExpense,
    /// 政府采购支出预算表.
    GovernmentProcurement,
    /// Any other table, kept with its printed title.
    Other,
}

impl TableKey {
    /// Every key, in the order of the contract.
    pub const ALL: [TableKey; 21] = [
        TableKey::IncomeExpenseSummary,
        TableKey::IncomeSummary,
        TableKey::ExpenseSummary,
        TableKey::FiscalIncomeExpenseSummary,
        TableKey::GeneralBudgetExpenseByFunction,
        TableKey::GeneralBudgetExpenseByUnit,
        TableKey::GeneralBudgetBasicExpenseByEconomic,
        TableKey::ThreePublicExpense,
        TableKey::GovernmentFundExpense,
        TableKey::StateCapitalExpense,
        TableKey::ProjectExpense,
        TableKey::OverallPerformanceTargets,
        TableKey::ProjectPerformanceTargets,
        TableKey::ProjectPerformanceSelfEvaluation,
        TableKey::OverallPerformanceSelfEvaluation,
        TableKey::FiscalExpenseByFunction,
        TableKey::FiscalBasicExpenseByEconomic,
        TableKey::GeneralBudgetExpenseByEconomic,
        TableKey::OfficeOperatingExpense,
        TableKey::GovernmentProcurement,
        TableKey::Other,
    ];

    /// The key as written in the output (`income_expense_summary`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            TableKey::IncomeExpenseSummary => "income_expense_summary",
            TableKey::IncomeSummary => "income_summary",
            TableKey::ExpenseSummary => "expense_summary",
            TableKey::FiscalIncomeExpenseSummary => "fiscal_income_expense_summary",
            TableKey::GeneralBudgetExpenseByFunction => "general_budget_expense_by_function",
            TableKey::GeneralBudgetExpenseByUnit => "general_budget_expense_by_unit",
            TableKey::GeneralBudgetBasicExpenseByEconomic => "general_budget_basic_expense_by_economic",
            TableKey::ThreePublicExpense => "three_public_expense",
            TableKey::GovernmentFundExpense => "government_fund_expense",
            TableKey::StateCapitalExpense => "state_capital_expense",
            TableKey::ProjectExpense => "project_expense",
            TableKey::OverallPerformanceTargets => "overall_performance_targets",
            TableKey::ProjectPerformanceTargets => "project_performance_targets",
            TableKey::ProjectPerformanceSelfEvaluation => "project_performance_self_evaluation",
            TableKey::OverallPerformanceSelfEvaluation => "overall_performance_self_evaluation",
            TableKey::FiscalExpenseByFunction => "fiscal_expense_by_function",
            TableKey::FiscalBasicExpenseByEconomic => "fiscal_basic_expense_by_economic",
            TableKey::GeneralBudgetExpenseByEconomic => "general_budget_expense_by_economic",
            TableKey::OfficeOperatingExpense => "office_operating_expense",
            TableKey::GovernmentProcurement => "government_procurement",
            TableKey::Other => "other",
        }
    }

    /// The key named by `s`, if any.
    pub fn from_key(s: &str) -> Option<TableKey> {
        TableKey::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// True for the two-sided tables (收入 | 支出) whose rows carry a section.
    pub fn is_two_sided(self) -> bool {
        matches!(self, TableKey::IncomeExpenseSummary | TableKey::FiscalIncomeExpenseSummary)
    }

    /// True for the performance forms (targets, tables 11 and 12, and the
    /// 决算 self-evaluations), which are not amount tables.
    pub fn is_form(self) -> bool {
        matches!(
            self,
            TableKey::OverallPerformanceTargets
                | TableKey::ProjectPerformanceTargets
                | TableKey::ProjectPerformanceSelfEvaluation
                | TableKey::OverallPerformanceSelfEvaluation
        )
    }
}

impl std::fmt::Display for TableKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

serialize_as_str!(TableKey, Section);

/// The side of a two-sided table a row belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Section {
    /// 收入: the income side.
    Income,
    /// 支出: the expense side.
    Expense,
}

impl Section {
    /// The section as written in the output: `收入` or `支出`.
    pub fn as_str(self) -> &'static str {
        match self {
            Section::Income => "收入",
            Section::Expense => "支出",
        }
    }
}

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ColumnKind {
    /// Amounts (the cells that go to `cells.csv`).
    Amount,
    /// Text beside the row label, such as 项目单位 in the project table.
    Text,
}

/// One value column of a table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Column {
    /// The header path, groups joined by `/` (`基本支出/人员经费`).
    pub path: String,
    /// Amounts or text.
    pub kind: ColumnKind,
    /// In a two-sided table whose sides have different columns (预算数 on the
    /// income side; 合计, 一般公共预算, … on the expense side), the side the
    /// column belongs to; rows of the other side have no cell there.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub section: Option<Section>,
    /// In a one-sided table printed in panels side by side whose panels
    /// have different columns, the panel (see [`Row::panel`]) the column
    /// belongs to. Not written out: the checks read it.
    #[serde(skip)]
    pub panel: Option<u8>,
}

impl Column {
    /// An amount column.
    pub fn amount(path: impl Into<String>) -> Self {
        Column { path: path.into(), kind: ColumnKind::Amount, section: None, panel: None }
    }

    /// A text column.
    pub fn text(path: impl Into<String>) -> Self {
        Column { path: path.into(), kind: ColumnKind::Text, section: None, panel: None }
    }

    /// True when rows of `section` have a cell in this column.
    pub fn applies_to(&self, section: Option<Section>) -> bool {
        self.section.is_none() || self.section == section
    }

    /// True when `row` has a cell in this column: the column is of the
    /// row's section and of its panel.
    pub fn serves(&self, row: &Row) -> bool {
        self.applies_to(row.section) && self.panel.is_none_or(|p| p == row.panel)
    }

    /// The last level of the path (`人员经费` for `基本支出/人员经费`).
    pub fn leaf(&self) -> &str {
        self.path.rsplit('/').next().unwrap_or(&self.path)
    }
}

/// One cell of a row.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Cell {
    /// Printed blank.
    #[default]
    Blank,
    /// An exact amount.
    Amount(Decimal),
    /// Text (in a text column).
    Text(String),
    /// An amount cell the reader could not settle: extracted text printed
    /// the row's amounts without their columns, and more than one placement
    /// fits the sums. Written blank like [`Cell::Blank`], but it is never a
    /// zero: checks leave its sums unchecked and `cells.csv` marks it
    /// `missing`.
    Unread,
}

impl Serialize for Cell {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Cell::Blank | Cell::Unread => s.serialize_none(),
            Cell::Amount(d) => s.serialize_str(&d.to_string()),
            Cell::Text(t) => s.serialize_str(t),
        }
    }
}

impl Cell {
    /// The amount, if the cell holds one.
    pub fn amount(&self) -> Option<Decimal> {
        match self {
            Cell::Amount(d) => Some(*d),
            _ => None,
        }
    }

    /// The cell as written to CSV: the exact amount, the text, or empty.
    pub fn to_field(&self) -> String {
        match self {
            Cell::Blank | Cell::Unread => String::new(),
            Cell::Amount(d) => d.to_string(),
            Cell::Text(t) => t.clone(),
        }
    }
}

/// One row of a table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Row {
    /// `收入` or `支出` in a two-sided table.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub section: Option<Section>,
    /// Classification or unit code (`2010301`, `303001`, `30101`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// The row label, wrapped lines joined, list ordinal removed.
    pub name: String,
    /// The printed line number that identifies the row in 决算 templates
    /// (行次 `1`, `32`) or the list's 序号: never an amount.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line_no: Option<String>,
    /// The second classification code of a row that prints two pairs
    /// (部门经济分类 `30299` beside 政府经济分类 `50299`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub second_code: Option<String>,
    /// The name of the second classification pair (`其他商品和服务支出`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub second_name: Option<String>,
    /// One cell per column of the table.
    pub cells: Vec<Cell>,
    /// 1-based page where the row is printed.
    pub page: u32,
    /// The list ordinal printed before the name (`一、`, `（三）`, `1.`),
    /// which shows the outline of a list without codes. Not written out:
    /// the checks read it.
    #[serde(skip)]
    pub ordinal: Option<String>,
    /// The panel the row was read from, counted from the left (0): tables
    /// printed in panels side by side (收入 | 支出 by function | 支出 by
    /// economic class; 人员经费 301… | 公用经费 302…) list one panel's rows
    /// after another's. Not written out: the checks read it.
    #[serde(skip)]
    pub panel: u8,
    /// Where the row's label and cells are printed on its page (PDF input
    /// read by the ruled or the aligned reader; empty otherwise). Not
    /// written out: the review page draws them.
    #[serde(skip)]
    pub boxes: CellBoxes,
}

/// Where a row is printed: the box of its label cells and one box per
/// column of the table (`None` where the cell has no known box).
///
/// Positions say where a row was printed, not what it says: two rows equal
/// in everything else are equal wherever printed, so that a row read from
/// text and the same row read from a PDF compare equal.
#[derive(Debug, Clone, Default)]
pub struct CellBoxes {
    /// The code and name cells, joined.
    pub label: Option<Rect>,
    /// One box per column of the table.
    pub cells: Vec<Option<Rect>>,
}

impl PartialEq for CellBoxes {
    fn eq(&self, _: &CellBoxes) -> bool {
        true
    }
}

impl Eq for CellBoxes {}

/// Where a table's header cells are printed: `(page, box)` for each.
/// Equal whatever they hold, as [`CellBoxes`].
#[derive(Debug, Clone, Default)]
pub struct HeaderBoxes(pub Vec<(u32, Rect)>);

impl PartialEq for HeaderBoxes {
    fn eq(&self, _: &HeaderBoxes) -> bool {
        true
    }
}

impl Eq for HeaderBoxes {}

impl Row {
    /// A row with a name on a page, no code, no cells yet.
    pub fn new(name: impl Into<String>, page: u32) -> Self {
        Row {
            section: None,
            code: None,
            name: name.into(),
            line_no: None,
            second_code: None,
            second_name: None,
            cells: Vec::new(),
            page,
            ordinal: None,
            panel: 0,
            boxes: CellBoxes::default(),
        }
    }

    /// The amount in column `i`, if any.
    pub fn amount(&self, i: usize) -> Option<Decimal> {
        self.cells.get(i).and_then(Cell::amount)
    }
}

/// A rebuilt table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Table {
    /// The stable key.
    pub key: TableKey,
    /// The number as printed (`1`, `5-1`, `公开03表`), normalised to digits
    /// where the document used a Chinese ordinal (`一` → `1`).
    pub no: String,
    /// The title as printed, spaces removed.
    pub title: String,
    /// The unit as printed (`万元`, `元`).
    pub unit: Option<String>,
    /// The printed headings of the label columns (`科目编码`, `科目名称`).
    pub label_columns: Vec<String>,
    /// The value columns, in printed order.
    pub columns: Vec<Column>,
    /// The rows, in printed order.
    pub rows: Vec<Row>,
    /// Every page the table is printed on.
    pub pages: Vec<u32>,
    /// A note printed with the table (`备注：本单位没有…`), if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Where the header cells are printed (PDF input read by the ruled or
    /// the aligned reader). Not written out: the review page draws them.
    #[serde(skip)]
    pub header_boxes: HeaderBoxes,
}

/// How many 元 one of `unit` is, if it names a unit of 元: `万元` → 10000,
/// `元` → 1, `亿元` → 100000000.
pub fn yuan_per(unit: &str) -> Option<Decimal> {
    let factor: i64 = if unit.contains("亿元") {
        100_000_000
    } else if unit.contains("万元") {
        10_000
    } else if unit.contains("千元") {
        1_000
    } else if unit.contains('元') {
        1
    } else {
        return None;
    };
    Some(Decimal::from(factor))
}

impl Table {
    /// How many 元 one unit of the table is, if its unit says: `万元` →
    /// 10000, `元` → 1, `亿元` → 100000000; `None` when no unit is printed.
    pub fn yuan_per_unit(&self) -> Option<Decimal> {
        yuan_per(self.unit.as_deref()?)
    }

    /// True when an amount cell of the table is a printed zero (`0.00`,
    /// `0`): the table writes its zeros, so a blank of it is not one by
    /// the template's habit.
    pub fn prints_zero(&self) -> bool {
        let amounts: Vec<usize> = self.amount_columns().collect();
        self.rows
            .iter()
            .any(|r| amounts.iter().any(|&c| matches!(r.cells.get(c), Some(Cell::Amount(d)) if d.is_zero())))
    }

    /// An empty table.
    pub fn new(key: TableKey, no: impl Into<String>, title: impl Into<String>) -> Self {
        Table {
            key,
            no: no.into(),
            title: title.into(),
            unit: None,
            label_columns: Vec::new(),
            columns: Vec::new(),
            rows: Vec::new(),
            pages: Vec::new(),
            note: None,
            header_boxes: HeaderBoxes::default(),
        }
    }

    /// The first page of the table (0 if unknown).
    pub fn first_page(&self) -> u32 {
        self.pages.first().copied().unwrap_or(0)
    }

    /// Indices of the amount columns.
    pub fn amount_columns(&self) -> impl Iterator<Item = usize> + '_ {
        self.columns.iter().enumerate().filter(|(_, c)| c.kind == ColumnKind::Amount).map(|(i, _)| i)
    }

    /// Index of the column whose leaf is `leaf`, if exactly one has it.
    pub fn column_by_leaf(&self, leaf: &str) -> Option<usize> {
        let mut found = self.columns.iter().enumerate().filter(|(_, c)| c.leaf() == leaf);
        let first = found.next()?;
        found.next().is_none().then_some(first.0)
    }

    /// Number of non-blank amount cells.
    pub fn amount_cells(&self) -> usize {
        self.rows.iter().flat_map(|r| r.cells.iter()).filter(|c| matches!(c, Cell::Amount(_))).count()
    }
}
