//! Figures, sums and their verdicts: the one place that decides `ok`,
//! `rounding`, `fail`, `warning` or `unchecked`.

use budget_model::{Cell, Check, CheckKind, CheckStatus, Decimal, Row, Section, Table, TableKey};

/// How a table prints a zero amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Zeros {
    /// Zeros are printed (`0.00`), or nothing is blank: a blank cell is a
    /// figure we do not have.
    Printed,
    /// No amount cell is zero and some are blank: the template prints zeros
    /// blank (财政拨款收支总表 of the Hubei template), so a blank cell is 0.
    Blank,
}

impl Zeros {
    /// Decided per column, and per side of a two-sided table or panel of a
    /// table printed in panels ([`Part`]), from its own
    /// cells: one printed zero means its blanks are not zeros. Templates
    /// leave whole columns blank (支出决算表: 上缴上级支出, 经营支出 beside
    /// 项目支出 printed `0.00`; the Shanghai 财政拨款收支总表 prints `0.00` on
    /// its income side and leaves the fund columns of its expense side blank).
    pub(crate) fn of(table: &Table, part: Part, col: usize) -> Zeros {
        let mut blanks = false;
        for row in table.rows.iter().filter(|r| Part::of(r) == part) {
            match row.cells.get(col) {
                Some(Cell::Amount(d)) if d.is_zero() => return Zeros::Printed,
                Some(Cell::Blank) | None => blanks = true,
                _ => {}
            }
        }
        if blanks {
            Zeros::Blank
        } else {
            Zeros::Printed
        }
    }
}

/// A part of a table whose rows are read on their own: a side of a
/// two-sided table (`收入`, `支出`), and within it a panel printed beside
/// the others (收入 | 支出 by function | 支出 by economic class; 人员经费
/// 301… | 公用经费 302… of a one-sided list).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Part {
    /// The side, in a two-sided table.
    pub section: Option<Section>,
    /// The panel, counted from the left.
    pub panel: u8,
}

impl Part {
    /// The part `row` belongs to.
    pub(crate) fn of(row: &Row) -> Part {
        Part { section: row.section, panel: row.panel }
    }

    /// The distinct parts of `table`, in printed order.
    pub(crate) fn all(table: &Table) -> Vec<Part> {
        let mut out: Vec<Part> = Vec::new();
        for p in table.rows.iter().map(Part::of) {
            if !out.contains(&p) {
                out.push(p);
            }
        }
        out
    }
}

/// One figure of a sum.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Figure {
    /// An amount as printed.
    Printed(Decimal),
    /// A blank cell in a table that prints zeros blank: 0.
    Blank,
    /// No figure: a blank where zeros are printed, text in an amount
    /// column, no such cell.
    Missing,
}

impl Figure {
    /// The value, if there is one (0 for a blank zero).
    pub(crate) fn value(self) -> Option<Decimal> {
        match self {
            Figure::Printed(d) => Some(d),
            Figure::Blank => Some(Decimal::ZERO),
            Figure::Missing => None,
        }
    }

    /// True when the figure is known and not zero.
    pub(crate) fn is_nonzero(self) -> bool {
        self.value().is_some_and(|v| !v.is_zero())
    }
}

/// A table with how it prints zeros, and its place in the document.
#[derive(Debug, Clone)]
pub(crate) struct View<'a> {
    /// The table.
    pub table: &'a Table,
    /// Its index in `Document::tables`.
    pub index: usize,
    /// The parts of the table ([`Part::all`]).
    parts: Vec<Part>,
    /// How each column prints zeros in each part.
    zeros: Vec<Vec<Zeros>>,
}

impl<'a> View<'a> {
    /// A view of `table`, the `index`th of its document.
    pub(crate) fn new(table: &'a Table, index: usize) -> Self {
        let parts = Part::all(table);
        let zeros = (0..table.columns.len()).map(|c| parts.iter().map(|&p| Zeros::of(table, p, c)).collect()).collect();
        View { table, index, parts, zeros }
    }

    /// The figure in row `row`, column `col`.
    pub(crate) fn figure(&self, row: usize, col: usize) -> Figure {
        let Some(r) = self.table.rows.get(row) else { return Figure::Missing };
        let part = self.parts.iter().position(|&p| p == Part::of(r));
        let zeros = self.zeros.get(col).and_then(|z| z.get(part?).copied()).unwrap_or(Zeros::Printed);
        match r.cells.get(col) {
            Some(Cell::Amount(d)) => Figure::Printed(*d),
            Some(Cell::Blank) if zeros == Zeros::Blank => Figure::Blank,
            _ => Figure::Missing,
        }
    }

    /// The row at `row` (which must exist: callers index from the table).
    pub(crate) fn row(&self, row: usize) -> &'a Row {
        &self.table.rows[row]
    }

    /// The amount columns rows of `part` have (in a table whose sides or
    /// panels print different columns, that side's or panel's own).
    pub(crate) fn columns_for(&self, part: Part) -> Vec<usize> {
        let serves = |c: &budget_model::Column| c.applies_to(part.section) && c.panel.is_none_or(|p| p == part.panel);
        self.table.amount_columns().filter(|&c| serves(&self.table.columns[c])).collect()
    }

    /// How many 元 one unit of the table is (`万元` → 10000), if it says.
    pub(crate) fn unit_factor(&self) -> Option<Decimal> {
        self.table.yuan_per_unit()
    }

    /// The header path of column `col`.
    pub(crate) fn column(&self, col: usize) -> &'a str {
        self.table.columns.get(col).map(|c| c.path.as_str()).unwrap_or("")
    }
}

/// Where an amount is printed: table index in the document, row, column.
pub(crate) type Place = (usize, usize, usize);

/// A printed figure and the terms the document's own arithmetic adds up to
/// it.
#[derive(Debug, Clone)]
pub(crate) struct Sum {
    kind: CheckKind,
    key: TableKey,
    code: String,
    name: String,
    column: String,
    page: u32,
    printed: Figure,
    terms: Vec<Figure>,
    detail: String,
    at_least: bool,
    /// The table cells of the figures compared: a passing verdict confirms
    /// them.
    places: Vec<Place>,
}

impl Sum {
    /// The figure of `view` at `row`, `col`, to be compared with terms.
    pub(crate) fn at(kind: CheckKind, view: &View, row: usize, col: usize) -> Sum {
        let r = view.row(row);
        Sum {
            kind,
            key: view.table.key,
            code: r.code.clone().unwrap_or_default(),
            name: r.name.clone(),
            column: view.column(col).to_string(),
            page: r.page,
            printed: view.figure(row, col),
            terms: Vec::new(),
            detail: String::new(),
            at_least: false,
            places: vec![(view.index, row, col)],
        }
    }

    /// A row `view` does not print (a 类 one table lists and another
    /// leaves out): its figure is 0, reported under `code` and `name`.
    pub(crate) fn absent(kind: CheckKind, view: &View, col: usize, code: &str, name: &str) -> Sum {
        Sum {
            kind,
            key: view.table.key,
            code: code.to_string(),
            name: name.to_string(),
            column: view.column(col).to_string(),
            page: view.table.first_page(),
            printed: Figure::Blank,
            terms: Vec::new(),
            detail: String::new(),
            at_least: false,
            places: Vec::new(),
        }
    }

    /// A figure printed outside any table (a field of a form, `name` its
    /// project, `column` its field), to be compared with terms.
    pub(crate) fn field(kind: CheckKind, key: TableKey, name: &str, column: &str, page: u32, printed: Figure) -> Sum {
        Sum {
            kind,
            key,
            code: String::new(),
            name: name.to_string(),
            column: column.to_string(),
            page,
            printed,
            terms: Vec::new(),
            detail: String::new(),
            at_least: false,
            places: Vec::new(),
        }
    }

    /// Replaces the printed figure (converted to another unit).
    pub(crate) fn printed(mut self, figure: Figure) -> Sum {
        self.printed = figure;
        self
    }

    /// Adds the terms.
    pub(crate) fn terms(mut self, terms: impl IntoIterator<Item = Figure>) -> Sum {
        self.terms.extend(terms);
        self
    }

    /// Records the cells of `view` the terms were read from.
    pub(crate) fn places(mut self, view: &View, cells: impl IntoIterator<Item = (usize, usize)>) -> Sum {
        self.places.extend(cells.into_iter().map(|(r, c)| (view.index, r, c)));
        self
    }

    /// The cells of the figures compared.
    pub(crate) fn placed(&self) -> &[Place] {
        &self.places
    }

    /// Says in words what is compared (kept in `document.json`).
    pub(crate) fn detail(mut self, detail: impl Into<String>) -> Sum {
        self.detail = detail.into();
        self
    }

    /// The printed figure may exceed the terms (三公 includes project money
    /// that 基本支出 does not): `ok` when it does, `fail` only when it is
    /// smaller beyond rounding.
    pub(crate) fn at_least(mut self) -> Sum {
        self.at_least = true;
        self
    }

    /// The verdict, or `None` when nothing is printed at all (every figure
    /// a blank zero): there is nothing to check.
    pub(crate) fn verdict(self) -> Option<Check> {
        let figures = || std::iter::once(self.printed).chain(self.terms.iter().copied());
        if figures().all(|f| f == Figure::Blank) {
            return None;
        }
        let expected = self.terms.iter().map(|f| f.value()).sum::<Option<Decimal>>();
        let actual = self.printed.value();
        let (difference, status) = match (expected, actual) {
            (Some(e), Some(a)) => {
                let ulp = figures().filter(|f| f.is_nonzero()).filter_map(last_place).max().unwrap_or(Decimal::ONE);
                (Some(a - e), status(a - e, self.terms.len().max(1), ulp, self.at_least))
            }
            _ => (None, CheckStatus::Unchecked),
        };
        Some(Check {
            check: self.kind,
            table_key: self.key,
            row_code: self.code,
            row_name: self.name,
            column: self.column,
            expected,
            actual,
            difference,
            status,
            page: self.page,
            detail: self.detail,
        })
    }
}

/// The unit of the last printed digit: 0.01 for `896.81`, 1 for `171915169`.
fn last_place(f: Figure) -> Option<Decimal> {
    match f {
        Figure::Printed(d) => Some(Decimal::new(1, d.scale())),
        _ => None,
    }
}

/// `ok` when exact; `rounding` when the difference is within what rounding
/// can make: `terms` figures and the total, each rounded to the unit of the
/// last printed digit (0.01 for amounts printed with two decimals, 1 for
/// whole 元), each off by at most half a unit, so (terms + 1) × half a unit
/// (0.015 for two terms of two decimals); the least precise non-zero figure
/// compared sets the unit. Else `fail`. With `at_least`, a printed figure
/// above the terms is `ok`.
fn status(difference: Decimal, terms: usize, ulp: Decimal, at_least: bool) -> CheckStatus {
    let allowed = ulp * Decimal::from(terms + 1) / Decimal::TWO;
    if difference.is_zero() || (at_least && difference > Decimal::ZERO) {
        CheckStatus::Ok
    } else if difference.abs() <= allowed {
        CheckStatus::Rounding
    } else {
        CheckStatus::Fail
    }
}

/// An `unchecked` verdict for something that could not be compared at all.
pub(crate) fn unchecked(kind: CheckKind, view: &View, row: Option<usize>, detail: String) -> Check {
    let r = row.map(|i| view.row(i));
    Check {
        check: kind,
        table_key: view.table.key,
        row_code: r.and_then(|r| r.code.clone()).unwrap_or_default(),
        row_name: r.map(|r| r.name.clone()).unwrap_or_default(),
        column: String::new(),
        expected: None,
        actual: None,
        difference: None,
        status: CheckStatus::Unchecked,
        page: r.map(|r| r.page).unwrap_or_else(|| view.table.first_page()),
        detail,
    }
}

#[cfg(test)]
mod tests {
    use budget_model::{CheckStatus, Decimal};

    use super::*;

    fn printed(s: &str) -> Figure {
        Figure::Printed(s.parse::<Decimal>().unwrap())
    }

    fn verdict(total: Figure, terms: &[Figure]) -> Option<CheckStatus> {
        let t = crate::testing::table(TableKey::ExpenseSummary, &["合计"], &[("201", "x", &["1.00"])]);
        let view = View::new(&t, 0);
        let sum = Sum::at(CheckKind::RowSum, &view, 0, 0).printed(total).terms(terms.iter().copied());
        sum.verdict().map(|c| c.status)
    }

    #[test]
    fn half_a_unit_of_the_last_digit_per_figure_is_rounding() {
        // Two terms and a total, each rounded to 0.01: at most 3 × 0.005.
        let terms = [printed("935.57"), printed("202.32")];
        assert_eq!(verdict(printed("1137.89"), &terms), Some(CheckStatus::Ok));
        assert_eq!(verdict(printed("1137.88"), &terms), Some(CheckStatus::Rounding));
        assert_eq!(verdict(printed("1137.90"), &terms), Some(CheckStatus::Rounding));
        assert_eq!(verdict(printed("1137.87"), &terms), Some(CheckStatus::Fail));
        // Three terms: 0.02 is within 4 × 0.005.
        let three = [printed("1.01"), printed("1.01"), printed("1.01")];
        assert_eq!(verdict(printed("3.01"), &three), Some(CheckStatus::Rounding));
        assert_eq!(verdict(printed("3.00"), &three), Some(CheckStatus::Fail));
        // Whole 元 beside cents: the coarser figure sets the unit.
        assert_eq!(verdict(printed("22118861"), &[printed("22118861.34")]), Some(CheckStatus::Rounding));
        assert_eq!(verdict(printed("22118862"), &[printed("22118861.34")]), Some(CheckStatus::Rounding));
        assert_eq!(verdict(printed("22118863"), &[printed("22118861.34")]), Some(CheckStatus::Fail));
    }

    #[test]
    fn missing_figures_are_unchecked_and_blank_zeros_alone_are_not_checked() {
        assert_eq!(verdict(printed("1.00"), &[Figure::Missing]), Some(CheckStatus::Unchecked));
        assert_eq!(verdict(Figure::Missing, &[printed("1.00")]), Some(CheckStatus::Unchecked));
        assert_eq!(verdict(Figure::Blank, &[Figure::Blank, Figure::Blank]), None);
        assert_eq!(verdict(Figure::Blank, &[printed("1.00")]), Some(CheckStatus::Fail));
        assert_eq!(verdict(printed("0.00"), &[Figure::Blank]), Some(CheckStatus::Ok));
    }

    #[test]
    fn a_figure_that_may_exceed_its_terms_is_ok_above_and_fails_below() {
        let t = crate::testing::table(TableKey::ThreePublicExpense, &["公务接待费"], &[("", "", &["2.00"])]);
        let view = View::new(&t, 0);
        let at_least = |term: &str| {
            let sum = Sum::at(CheckKind::CrossTable, &view, 0, 0).terms([printed(term)]).at_least();
            sum.verdict().map(|c| c.status)
        };
        assert_eq!(at_least("1.00"), Some(CheckStatus::Ok));
        assert_eq!(at_least("2.01"), Some(CheckStatus::Rounding));
        assert_eq!(at_least("2.02"), Some(CheckStatus::Fail));
    }

    #[test]
    fn zeros_are_decided_per_column_and_side() {
        let t = crate::testing::table(
            TableKey::ExpenseSummary,
            &["a", "b"],
            &[("", "x", &["0.00", ""]), ("", "y", &["", "1.00"])],
        );
        let view = View::new(&t, 0);
        assert_eq!(view.figure(1, 0), Figure::Missing);
        assert_eq!(view.figure(0, 1), Figure::Blank);
    }
}
