//! A whole parsed document and what is found in it besides tables.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::page::Page;
use crate::table::{Cell, Column, ColumnKind, Row, Table, TableKey};

serialize_as_str!(DocKind, CheckStatus, CheckKind, InventoryStatus, Blank);

/// A place in a document: page and line, both 1-based.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Serialize)]
pub struct Position {
    /// 1-based page.
    pub page: u32,
    /// 1-based line within the page.
    pub line: u32,
}

impl std::fmt::Display for Position {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "page {}, line {}", self.page, self.line)
    }
}

/// Budget (预算), final accounts (决算), or a document that is neither.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DocKind {
    /// 部门预算.
    #[default]
    Budget,
    /// 部门决算.
    FinalAccounts,
    /// A document whose tables are not a budget's (a planning notice, a
    /// website's yearly report, a stand-alone 绩效自评表): no standard
    /// budget table and no budget title. It is not converted.
    Other,
}

impl DocKind {
    /// `预算`, `决算` or `其他`.
    pub fn as_str(self) -> &'static str {
        match self {
            DocKind::Budget => "预算",
            DocKind::FinalAccounts => "决算",
            DocKind::Other => "其他",
        }
    }
}

/// What a blank amount cell means, by the document's own evidence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Blank {
    /// The table prints zeros as blanks (no amount cell of it is a printed
    /// zero), or a passing check counts the blank as 0.
    Zero,
    /// Anything else: the table prints `0.00` elsewhere and no check
    /// confirms that the blank is 0.
    Missing,
}

impl Blank {
    /// `zero` or `missing`.
    pub fn as_str(self) -> &'static str {
        match self {
            Blank::Zero => "zero",
            Blank::Missing => "missing",
        }
    }
}

/// One indicator row of a performance-target form (tables 11 and 12).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Indicator {
    /// `overall_performance_targets` or `project_performance_targets`.
    pub table_key: String,
    /// Project name (table 12), empty for table 11.
    pub project: String,
    /// `长期目标1`, `年度目标2`, … as labelled.
    pub goal: String,
    /// 一级指标.
    pub level1: String,
    /// 二级指标.
    pub level2: String,
    /// 三级指标.
    pub level3: String,
    /// 指标值 (the current year's in yearly tables).
    pub value: String,
    /// 指标值确定依据.
    pub basis: String,
    /// Value two years before, where printed.
    pub prev2_value: String,
    /// Value one year before, where printed.
    pub prev1_value: String,
    /// 1-based page.
    pub page: u32,
    /// The comparison printed in a column of its own (`≥`, `≤`, `=`,
    /// `定性`), where the value is split over columns; else empty.
    pub direction: String,
    /// The figure or wording printed in the value column of a split value
    /// (`95`, `优良中低差`); else empty.
    pub target: String,
    /// The unit printed in a column of its own (`%`, `个`); else empty.
    pub measure: String,
    /// 实际完成值 of a self-evaluation form; else empty.
    pub actual_value: String,
    /// 分值 (the weight) of a self-evaluation form; else empty.
    pub weight: String,
    /// 得分 of a self-evaluation form; else empty.
    pub score: String,
    /// 偏差原因分析及改进措施 of a self-evaluation form; else empty.
    pub deviation: String,
}

/// One field of a performance or project form.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct FormField {
    /// The form's table key.
    pub form: String,
    /// Project name for project forms, empty otherwise.
    pub project: String,
    /// The printed label; a line of a list is `list/item`.
    pub field: String,
    /// The value as printed (amounts without thousands separators).
    pub value: String,
    /// 1-based page.
    pub page: u32,
}

/// Outcome of one check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CheckStatus {
    /// The figures agree exactly.
    Ok,
    /// Off by no more than 0.01 per summed term (published rounding).
    Rounding,
    /// The figures disagree.
    Fail,
    /// The check could not be made (a figure is missing); says so instead of
    /// passing silently.
    Unchecked,
    /// The figures disagree where a difference is allowed (a warning).
    Warning,
}

impl CheckStatus {
    /// The status as written: `ok`, `rounding`, `fail`, `unchecked`, `warning`.
    pub fn as_str(self) -> &'static str {
        match self {
            CheckStatus::Ok => "ok",
            CheckStatus::Rounding => "rounding",
            CheckStatus::Fail => "fail",
            CheckStatus::Unchecked => "unchecked",
            CheckStatus::Warning => "warning",
        }
    }
}

/// The kind of a check: what is compared with what.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CheckKind {
    /// A coded row against the rows whose codes extend it (类 = its 款,
    /// 款 = its 项, 301 = 30101 + …, a department = its units), and in the
    /// project table a unit against its projects.
    Hierarchy,
    /// A `合计` row against the top-level rows (or, in the project table,
    /// every project).
    TotalRow,
    /// Across a row: a column whose header says it sums others
    /// (`合计 = 基本支出 + 项目支出`, `基本支出/小计 = 人员经费 + 公用经费`).
    RowSum,
    /// A two-sided table: groups, totals and `收入总计 = 支出总计`.
    TwoSided,
    /// The same figure in two tables.
    CrossTable,
    /// In a performance or project form: the 支出明细 items, the 资金来源
    /// lines and the rows of each 总体资金情况 group against their 合计.
    FormSum,
    /// A table or row that no check reaches (always `unchecked`).
    Coverage,
    /// A classification code printed with a name the project's code book
    /// gives to a neighbouring code (a code shifted to the wrong row);
    /// only failures are written.
    CodeName,
}

impl CheckKind {
    /// The kind as written in the `check` column: `hierarchy`, `total_row`,
    /// `row_sum`, `two_sided`, `cross_table`, `form_sum`, `coverage`,
    /// `code_name`.
    pub fn as_str(self) -> &'static str {
        match self {
            CheckKind::Hierarchy => "hierarchy",
            CheckKind::TotalRow => "total_row",
            CheckKind::RowSum => "row_sum",
            CheckKind::TwoSided => "two_sided",
            CheckKind::CrossTable => "cross_table",
            CheckKind::FormSum => "form_sum",
            CheckKind::Coverage => "coverage",
            CheckKind::CodeName => "code_name",
        }
    }
}

/// One arithmetic or cross-table check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Check {
    /// The kind of check.
    pub check: CheckKind,
    /// The table checked.
    pub table_key: TableKey,
    /// Code of the row checked, if any.
    pub row_code: String,
    /// Name of the row checked.
    pub row_name: String,
    /// Column checked.
    pub column: String,
    /// The figure the document's own arithmetic gives.
    pub expected: Option<Decimal>,
    /// The figure printed.
    pub actual: Option<Decimal>,
    /// `actual - expected`.
    pub difference: Option<Decimal>,
    /// Outcome.
    pub status: CheckStatus,
    /// 1-based page of the row.
    pub page: u32,
    /// What was compared, in words.
    pub detail: String,
}

/// Something the converter noticed and the user should know: a table it could
/// not fully rebuild, an amount it could not place. Never fatal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// 1-based page, if known.
    pub page: u32,
    /// The table concerned, if any.
    pub table: String,
    /// What happened.
    pub message: String,
}

/// What became of a standard table the document announces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InventoryStatus {
    /// Printed without a figure, with a note that it is empty
    /// (`注：本单位没有国有资本经营预算支出，故本表无数据。`, `此表为空`).
    Empty,
    /// Announced (in the 目录 or by a title in the body) but no table or
    /// form came out of it: its figures and their checks are missing.
    NotRebuilt,
    /// Rebuilt: a table with figures, or a form with fields.
    Rebuilt,
}

impl InventoryStatus {
    /// The status as written: `rebuilt`, `empty`, `not_rebuilt`.
    pub fn as_str(self) -> &'static str {
        match self {
            InventoryStatus::Rebuilt => "rebuilt",
            InventoryStatus::Empty => "empty",
            InventoryStatus::NotRebuilt => "not_rebuilt",
        }
    }
}

/// One standard table the document announces, in its 目录 or by a title in
/// its table section, and whether it was rebuilt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InventoryEntry {
    /// What the title means (never `other`).
    pub key: TableKey,
    /// The number as printed (`5`, `5-1`), empty if none.
    pub no: String,
    /// The title as printed, spaces removed.
    pub title: String,
    /// 1-based page of the title in the body, or of the 目录 line when the
    /// body never prints it.
    pub page: u32,
    /// True when the document's 目录 lists it.
    pub in_contents: bool,
    /// What became of it.
    pub status: InventoryStatus,
}

/// A parsed document.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Document {
    /// The input path as given.
    pub source: String,
    /// The issuing department, if found.
    pub department: String,
    /// The budget year, if found.
    pub year: Option<u16>,
    /// 预算, 决算 or 其他.
    pub kind: DocKind,
    /// `部门` or `单位`, as the title says (a department's own budget or a
    /// unit's); empty when it does not.
    pub level: String,
    /// The issuing government as printed (`上海市`, `武昌区`,
    /// `上海市黄浦区`); empty when none is printed.
    pub region: String,
    /// Number of pages.
    pub pages: u32,
    /// The tables, in printed order.
    pub tables: Vec<Table>,
    /// Performance-target rows.
    pub indicators: Vec<Indicator>,
    /// Other fields of the performance and project forms.
    pub forms: Vec<FormField>,
    /// Arithmetic and cross-table checks.
    pub checks: Vec<Check>,
    /// How many non-blank amount cells take part in at least one passing
    /// (`ok` or `rounding`) check, as a term or as the figure compared.
    pub confirmed_amounts: usize,
    /// The blank amount cells that a passing check counts as 0, as
    /// (table, row, column) indices (not serialised: `cells.csv` says it
    /// per cell, as [`Blank`]).
    #[serde(skip)]
    pub confirmed_zeros: Vec<(usize, usize, usize)>,
    /// The standard tables the document announces and what became of each
    /// (omitted from JSON when the document announces none).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub inventory: Vec<InventoryEntry>,
    /// Things the converter noticed.
    pub findings: Vec<Finding>,
    /// The pages the document was parsed from (not serialised).
    #[serde(skip)]
    pub text: Vec<Page>,
}

impl Document {
    /// Every amount cell of the amount tables (the rows of cells.csv), in
    /// order: its table, row, and the index of its column. A column of one
    /// side of a two-sided table has no cell in the other side's rows.
    pub fn amount_cells(&self) -> impl Iterator<Item = (&Table, &Row, usize)> {
        self.amount_places().map(|(t, r, c)| (&self.tables[t], &self.tables[t].rows[r], c))
    }

    /// The places of [`amount_cells`](Document::amount_cells), in the same
    /// order: the indices of table, row and column.
    pub fn amount_places(&self) -> impl Iterator<Item = (usize, usize, usize)> + '_ {
        self.tables.iter().enumerate().filter(|(_, t)| !t.key.is_form()).flat_map(|(ti, t)| {
            t.rows.iter().enumerate().flat_map(move |(ri, r)| {
                let amount = move |c: &Column| c.kind == ColumnKind::Amount && c.serves(r);
                t.columns.iter().enumerate().filter(move |(_, c)| amount(c)).map(move |(ci, _)| (ti, ri, ci))
            })
        })
    }

    /// What the cell at (table, row, column) means if it is blank
    /// (`None` for a printed cell): [`Blank::Zero`] when its table prints
    /// no zero amount anywhere (the template prints zeros blank: `合计 12.00`
    /// beside an empty `政府性基金` in a table with no `0.00`), or when a
    /// passing check counts it as 0 ([`confirmed_zeros`](Document::confirmed_zeros));
    /// else [`Blank::Missing`] (the table prints `0.00` elsewhere, or the
    /// cell is [`Cell::Unread`]).
    pub fn blank(&self, place: (usize, usize, usize)) -> Option<Blank> {
        let (t, r, c) = place;
        let table = self.tables.get(t)?;
        let cell = table.rows.get(r)?.cells.get(c);
        if !matches!(cell, Some(Cell::Blank | Cell::Unread) | None) {
            return None;
        }
        if cell == Some(&Cell::Unread) {
            Some(Blank::Missing)
        } else if !table.prints_zero() || self.confirmed_zeros.contains(&place) {
            Some(Blank::Zero)
        } else {
            Some(Blank::Missing)
        }
    }

    /// How many 元 one unit of `table` is: its own unit's
    /// ([`Table::yuan_per_unit`]), or, when it prints none, the one every
    /// other amount table of the document that prints a unit agrees on.
    /// `None` when the table prints no unit and the others state none or
    /// disagree (`万元` and `元`).
    pub fn yuan_per_unit(&self, table: &Table) -> Option<Decimal> {
        if table.unit.is_some() {
            return table.yuan_per_unit();
        }
        let mut stated = self.tables.iter().filter(|t| !t.key.is_form() && t.unit.is_some()).map(Table::yuan_per_unit);
        let first = stated.next()??;
        stated.all(|f| f == Some(first)).then_some(first)
    }

    /// Number of amount cells in all amount tables (the rows of cells.csv).
    pub fn cell_count(&self) -> usize {
        self.amount_cells().count()
    }

    /// Number of non-blank amount cells (the rows of cells.csv with a value).
    pub fn amounts(&self) -> usize {
        self.amount_cells().filter(|(_, r, i)| matches!(r.cells.get(*i), Some(Cell::Amount(_)))).count()
    }

    /// The share of the non-blank amounts that a passing check confirms
    /// ([`confirmed_amounts`](Document::confirmed_amounts) over
    /// [`amounts`](Document::amounts)), to three decimals; `None` when the
    /// document has no amount.
    pub fn confirmed_share(&self) -> Option<Decimal> {
        let amounts = self.amounts();
        (amounts > 0).then(|| (Decimal::from(self.confirmed_amounts.min(amounts)) / Decimal::from(amounts)).round_dp(3))
    }

    /// The announced tables that were not rebuilt.
    pub fn unrebuilt(&self) -> impl Iterator<Item = &InventoryEntry> {
        self.inventory.iter().filter(|e| e.status == InventoryStatus::NotRebuilt)
    }

    /// Number of failed checks.
    pub fn checks_failed(&self) -> usize {
        self.checks.iter().filter(|c| c.status == CheckStatus::Fail).count()
    }
}
