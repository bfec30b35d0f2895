//! The data model of budget2csv.
//!
//! Everything the other crates exchange lives here and nothing else does: no
//! PDF, no CSV, no parser. The extractor fills [`Page`]s with [`Line`]s (and,
//! for PDF input, positioned [`Glyph`]s and ruling [`Rule`]s); the parser
//! turns pages into [`Table`]s of [`Row`]s whose amounts are exact
//! [`Decimal`]s; the checker adds [`Check`]s; the exporter writes a
//! [`Document`] out.
//!
//! ```
//! use budget_model::{Cell, Column, Decimal, Row, Table, TableKey};
//!
//! let mut table = Table::new(TableKey::ExpenseSummary, "三", "部门支出总表");
//! table.columns = vec![Column::amount("合计"), Column::amount("基本支出")];
//! let mut row = Row::new("行政运行", 9);
//! row.code = Some("2010301".into());
//! row.cells = vec![Cell::Amount("807.27".parse::<Decimal>().unwrap()), Cell::Blank];
//! table.rows.push(row);
//! assert_eq!(table.key.as_str(), "expense_summary");
//! assert_eq!(table.rows[0].amount(0).unwrap().to_string(), "807.27");
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

/// Serialises each type as the string its `as_str` gives: one spelling of
/// each value for CSV, JSON and reports.
macro_rules! serialize_as_str {
    ($($t:ty),+) => {
        $(impl serde::Serialize for $t {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        })+
    };
}

mod document;
mod page;
mod table;

pub use document::{
    Blank, Check, CheckKind, CheckStatus, DocKind, Document, Finding, FormField, Indicator, InventoryEntry,
    InventoryStatus, Position,
};
pub use page::{page_number, Glyph, Line, Page, Rect, Rule, Run};
pub use rust_decimal::Decimal;
pub use table::{yuan_per, Cell, CellBoxes, Column, ColumnKind, HeaderBoxes, Row, Section, Table, TableKey};
