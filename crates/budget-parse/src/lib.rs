//! Rebuilds the tables of Chinese government budget documents from pages of
//! text and layout.
//!
//! The parser is pure: [`parse`] takes the [`Page`]s the extractor made and
//! returns a [`Document`] of [`budget_model::Table`]s, with findings for what
//! it could not rebuild. It never reads files.
//!
//! - [`lex`]: nom parsers for amounts, codes, ordinals, table numbers, units;
//! - [`title`]: table titles and what they mean ([`budget_model::TableKey`]);
//! - [`header`]: headers from text that lost its layout;
//! - [`grid`]: ruled tables from rules and glyph boxes;
//! - [`meta`]: department, year, budget or final accounts;
//! - the inventory ([`budget_model::InventoryEntry`]): each standard table
//!   the 目录 or the body announces, and whether it was rebuilt.
//!
//! ```
//! use budget_model::{Line, Page};
//! let lines = [
//!     "三、部门支出总表",
//!     "单位：万元",
//!     "科目编码 科目名称 合计 基本支出 项目支出",
//!     "合计 10.00 6.00 4.00",
//!     "201 一般公共服务支出 10.00 6.00 4.00",
//! ];
//! let page = Page { lines: lines.map(Line::text).to_vec(), ..Page::new(1) };
//! let doc = budget_parse::parse(&[page]);
//! let t = &doc.tables[0];
//! assert_eq!(t.key.as_str(), "expense_summary");
//! assert_eq!(t.rows[1].code.as_deref(), Some("201"));
//! assert_eq!(t.rows[1].amount(2).unwrap().to_string(), "4.00");
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod align_table;
mod forms;
mod front;
pub mod grid;
mod grid_table;
pub mod header;
mod inventory;
mod labels;
pub mod lex;
pub mod meta;
pub mod norm;
mod raw;
mod region;
mod runon;
mod seams;
mod segment;
mod text_caps;
mod text_coded;
mod text_fit;
mod text_grouped;
mod text_lines;
mod text_order;
mod text_pairs;
mod text_panels;
mod text_procure;
mod text_sources;
mod text_subtotals;
mod text_table;
mod text_three;
pub mod title;

use budget_model::{DocKind, Document, Page};

/// Parses a document's pages into tables, department, year and kind.
pub fn parse(pages: &[Page]) -> Document {
    let apart = runon::lines_apart(pages);
    let (pages, mut findings) = match &apart {
        Some((cut, left_out)) => (cut.as_slice(), left_out.clone()),
        None => (pages, Vec::new()),
    };
    let found = segment::tables(pages, &mut findings);
    let inventory = inventory::inventory(&found.contents, &found.met);
    let tables = found.tables;
    let mut meta = meta::find_meta(pages, &tables);
    if meta.department.is_empty() {
        meta.department = meta::department_of_forms(&found.forms.fields).unwrap_or_default();
        if meta.region.is_empty() {
            meta.region = region::region_of(&meta.department).unwrap_or_default();
        }
    }
    if meta.kind == DocKind::Other {
        return not_a_budget(pages, meta, tables, found.forms);
    }
    findings.extend(meta::unprinted(&meta));
    let mut doc = Document {
        tables,
        indicators: found.forms.indicators,
        forms: found.forms.fields,
        inventory,
        findings,
        ..described(pages, meta)
    };
    let unitless = meta::unitless(&doc);
    doc.findings.extend(unitless);
    doc
}

/// A document that is not a budget ([`DocKind::Other`]): its metadata, a
/// finding that says why, and of its tables only the performance forms (a
/// stand-alone 部门整体绩效自评表 keeps its indicators), without inventory.
fn not_a_budget(
    pages: &[Page],
    meta: meta::Meta,
    tables: Vec<budget_model::Table>,
    forms: forms::FormsRead,
) -> Document {
    let read = tables.len();
    let tables: Vec<_> = tables.into_iter().filter(|t| t.key.is_form()).collect();
    let has_forms = !(forms.indicators.is_empty() && forms.fields.is_empty());
    Document {
        tables: if has_forms { tables } else { Vec::new() },
        indicators: forms.indicators,
        forms: forms.fields,
        findings: vec![meta::not_a_budget(read, has_forms)],
        ..described(pages, meta)
    }
}

/// A document of `pages` described by its metadata, nothing read yet.
fn described(pages: &[Page], meta: meta::Meta) -> Document {
    Document {
        department: meta.department,
        year: meta.year,
        kind: meta.kind,
        level: meta.level,
        region: meta.region,
        pages: pages.len() as u32,
        ..Document::default()
    }
}
