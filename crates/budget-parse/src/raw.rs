//! A table as rebuilt from the page, before its columns are understood:
//! header paths and rows of cell texts. Both the layout path (ruled grids)
//! and the text path produce one; [`finish`] turns it into a model table.

use budget_model::{Cell, Column, Finding, Row, Section, Table};

use crate::front::is_dash;
use crate::lex::{amount, code};
use crate::norm::{row_name, squeeze};
use crate::title::Title;

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// Classification or unit code (or one part of it: 类, 款, 项).
    Code,
    /// The row label.
    Name,
    /// Other text (项目单位).
    Text,
    /// Amounts.
    Amount,
    /// Not decided yet: decided from the header words and the cells.
    Unknown,
}

/// One column of a raw table.
#[derive(Debug, Clone)]
pub(crate) struct RawColumn {
    pub path: String,
    pub role: Role,
}

/// One row of cell texts.
#[derive(Debug, Clone)]
pub(crate) struct RawRow {
    pub cells: Vec<String>,
    pub page: u32,
}

/// A table before its columns are understood.
#[derive(Debug, Clone)]
pub(crate) struct RawTable {
    pub title: Title,
    pub unit: Option<String>,
    pub pages: Vec<u32>,
    pub note: Option<String>,
    pub columns: Vec<RawColumn>,
    pub rows: Vec<RawRow>,
}

impl RawTable {
    pub fn new(title: Title) -> Self {
        RawTable { title, unit: None, pages: Vec::new(), note: None, columns: Vec::new(), rows: Vec::new() }
    }
}

/// Turns a raw table into a model table: roles decided, code parts joined,
/// sides of a two-sided table split into sections, names cleaned.
pub(crate) fn finish(mut raw: RawTable, findings: &mut Vec<Finding>) -> Table {
    decide_roles(&mut raw);
    crate::seams::rejoin_page_breaks(&mut raw);
    let sides = sides(&raw.columns);
    let two_sided = sides.len() > 1;
    let value_cols: Vec<Vec<usize>> = sides
        .iter()
        .map(|s| s.iter().copied().filter(|&c| matches!(raw.columns[c].role, Role::Amount | Role::Text)).collect())
        .collect();
    let sections: Vec<Option<Section>> =
        (0..sides.len()).map(|si| two_sided.then(|| section_of(si, &sides[si], &raw.columns))).collect();
    let mut table = Table::new(raw.title.key, raw.title.no.clone(), raw.title.text.clone());
    table.unit = raw.unit.clone();
    table.pages = raw.pages.clone();
    table.note = raw.note.clone();
    table.label_columns = sides
        .first()
        .map(|s| {
            s.iter()
                .filter(|&&c| matches!(raw.columns[c].role, Role::Code | Role::Name))
                .map(|&c| raw.columns[c].path.clone())
                .collect()
        })
        .unwrap_or_default();
    let placement = place_columns(&mut table, &raw.columns, &value_cols, &sections, two_sided);
    let mut by_side: Vec<Vec<Option<Row>>> = sides
        .iter()
        .enumerate()
        .map(|(si, side)| {
            let target = Target { values: &value_cols[si], placement: &placement[si], width: table.columns.len() };
            raw.rows.iter().map(|r| build_row(r, side, &target, &raw.columns, sections[si], &table, findings)).collect()
        })
        .collect();
    join_spanning_labels(&mut by_side);
    table.rows = by_side.into_iter().flatten().flatten().collect();
    table
}

/// A total printed across two sides (`当年支出小计` over both expense
/// column groups, its amount under the second): the label comes out on one
/// side without amounts, the amount on the next without a label. They are
/// one row, kept on the side of the amount.
fn join_spanning_labels(by_side: &mut [Vec<Option<Row>>]) {
    for si in 0..by_side.len().saturating_sub(1) {
        for ri in 0..by_side[si].len() {
            let label_only = by_side[si][ri]
                .as_ref()
                .is_some_and(|r| !r.name.is_empty() && r.cells.iter().all(|c| *c == Cell::Blank));
            let amounts_only = by_side[si + 1][ri]
                .as_ref()
                .is_some_and(|r| r.name.is_empty() && r.code.is_none() && r.cells.iter().any(|c| *c != Cell::Blank));
            if label_only && amounts_only {
                if let (Some(label), Some(row)) = (by_side[si][ri].take(), by_side[si + 1][ri].as_mut()) {
                    row.name = label.name;
                    row.code = label.code;
                }
            }
        }
    }
}

/// The table's columns from the sides' value columns: sides printing the same
/// columns share them; otherwise each side keeps its own, marked with its
/// section. Returns where each side's value columns went.
fn place_columns(
    table: &mut Table,
    columns: &[RawColumn],
    value_cols: &[Vec<usize>],
    sections: &[Option<Section>],
    two_sided: bool,
) -> Vec<Vec<usize>> {
    let paths: Vec<Vec<String>> =
        value_cols.iter().map(|v| v.iter().map(|&c| column_path(&columns[c].path, two_sided)).collect()).collect();
    let shared = paths.windows(2).all(|w| w[0] == w[1]);
    let mut placement = Vec::new();
    for (si, cols) in value_cols.iter().enumerate() {
        if shared && si > 0 {
            placement.push((0..cols.len()).collect());
            continue;
        }
        let mut at = Vec::new();
        for (k, &c) in cols.iter().enumerate() {
            let mut col = match columns[c].role {
                Role::Text => Column::text(paths[si][k].clone()),
                _ => Column::amount(paths[si][k].clone()),
            };
            if !shared {
                col.section = sections[si];
            }
            at.push(table.columns.len());
            table.columns.push(col);
        }
        placement.push(at);
    }
    placement
}

/// Where a side's value columns go in the table's columns.
struct Target<'a> {
    values: &'a [usize],
    placement: &'a [usize],
    width: usize,
}

/// Roles from header words first, then from what the cells hold.
fn decide_roles(raw: &mut RawTable) {
    for c in 0..raw.columns.len() {
        if raw.columns[c].role != Role::Unknown {
            continue;
        }
        let header = squeeze(&raw.columns[c].path);
        let leaf = header.rsplit('/').next().unwrap_or(&header).to_string();
        let cells: Vec<&str> = raw
            .rows
            .iter()
            .map(|r| r.cells.get(c).map_or("", |s| s.trim()))
            .filter(|s| !s.is_empty() && !is_dash(s))
            .collect();
        let amounts = cells.iter().filter(|s| amount(s).is_some()).count();
        let codes = cells.iter().filter(|s| code(s) || is_code_part(s)).count();
        let role = if ["编码", "代码"].iter().any(|w| leaf.contains(w)) || matches!(leaf.as_str(), "类" | "款" | "项")
        {
            Role::Code
        } else if leaf.contains("名称") || matches!(leaf.as_str(), "项目" | "科目" | "项目（科目）" | "单位")
        {
            Role::Name
        } else if is_text_heading(&leaf) {
            Role::Text
        } else if cells.is_empty() || amounts * 10 >= cells.len() * 8 && (codes < cells.len() || !header.is_empty()) {
            // Digits under a heading are amounts (`80` under 因公出国（境）费);
            // only a column without heading holding nothing but codes is
            // taken for codes.
            Role::Amount
        } else if codes == cells.len() && c + 1 < raw.columns.len() {
            Role::Code
        } else if amounts * 2 < cells.len() {
            Role::Text
        } else {
            Role::Amount
        };
        raw.columns[c].role = role;
    }
    // A table whose label column heading was not recognised: the first text
    // column is the name.
    if !raw.columns.iter().any(|c| c.role == Role::Name) {
        if let Some(c) = raw.columns.iter_mut().find(|c| c.role == Role::Text) {
            c.role = Role::Name;
        }
    }
    // A text column right of the name under no heading of its own (the name
    // heading `项目名称` printed over both) is a second level of the label.
    for c in 1..raw.columns.len() {
        let unlabelled = squeeze(&raw.columns[c].path).is_empty() || raw.columns[c].path == raw.columns[c - 1].path;
        if raw.columns[c].role == Role::Text && raw.columns[c - 1].role == Role::Name && unlabelled {
            raw.columns[c].role = Role::Name;
        }
    }
}

/// Headings of text columns beside the label: `项目单位`, `备注`,
/// `项目类型`, `支出用途` (but `单位资金` is money).
fn is_text_heading(leaf: &str) -> bool {
    (leaf.ends_with("单位") && leaf != "单位")
        || ["备注", "说明", "类型", "用途", "方向", "依据"].iter().any(|w| leaf.contains(w))
}

/// `01`, `03`: one part of a code printed in separate 类/款/项 columns.
fn is_code_part(s: &str) -> bool {
    (2..=3).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
}

/// Label text spilled into an amount cell before its figure: `补 650` →
/// (`补`, `650`). Only CJK words, then a space, then an amount.
fn overflow(cell: &str) -> Option<(&str, &str)> {
    let (words, figure) = cell.trim().rsplit_once(char::is_whitespace)?;
    let words = words.trim();
    let cjk = !words.is_empty() && words.chars().all(|c| crate::norm::is_cjk(c) || "（）()、".contains(c));
    (cjk && amount(figure).is_some()).then_some((words, figure))
}

/// The columns of each side: a side starts at a name column (code columns
/// just before it belong to it) and runs to the next side's start.
fn sides(columns: &[RawColumn]) -> Vec<Vec<usize>> {
    let names: Vec<usize> = (0..columns.len()).filter(|&c| columns[c].role == Role::Name).collect();
    // Several name columns in a row are one label (a name printed over two
    // columns); only a name column after value columns opens a new side.
    let mut starts = vec![0];
    for &n in names.iter().skip(1) {
        let has_values_before = (starts[starts.len() - 1]..n).any(|c| matches!(columns[c].role, Role::Amount));
        if has_values_before {
            let mut s = n;
            while s > 0 && columns[s - 1].role == Role::Code {
                s -= 1;
            }
            starts.push(s);
        }
    }
    starts.push(columns.len());
    starts.windows(2).map(|w| (w[0]..w[1]).collect()).collect()
}

fn section_of(index: usize, side: &[usize], columns: &[RawColumn]) -> Section {
    let words: String = side.iter().map(|&c| columns[c].path.as_str()).collect();
    if words.contains("支出") || (index > 0 && !words.contains("收入")) {
        Section::Expense
    } else {
        Section::Income
    }
}

/// In a two-sided table the side heading (`收入/`, `支出/`) becomes the
/// section; the column keeps the rest of its path.
fn column_path(path: &str, two_sided: bool) -> String {
    let p = squeeze(path);
    if two_sided {
        if let Some((head, rest)) = p.split_once('/') {
            if head.contains("收入") || head.contains("支出") || head.contains("收") || head.contains("支") {
                return rest.to_string();
            }
        }
    }
    p
}

fn build_row(
    r: &RawRow,
    side: &[usize],
    target: &Target<'_>,
    columns: &[RawColumn],
    section: Option<Section>,
    table: &Table,
    findings: &mut Vec<Finding>,
) -> Option<Row> {
    let text = |c: usize| r.cells.get(c).map_or("", |s| s.trim());
    // Digits in code columns are the code; words there are a label printed
    // across the code column (`合计` over 编码 and 名称, a name cell starting
    // under the code heading) and belong to the name.
    let is_digits = |s: &str| s.chars().all(|c| c.is_ascii_digit() || c.is_whitespace());
    let in_code: Vec<&str> =
        side.iter().filter(|&&c| columns[c].role == Role::Code).map(|&c| text(c)).filter(|s| !s.is_empty()).collect();
    let code_str: String =
        in_code.iter().filter(|s| is_digits(s)).flat_map(|s| s.chars()).filter(|c| !c.is_whitespace()).collect();
    let name_parts: Vec<&str> = in_code
        .iter()
        .copied()
        .filter(|s| !is_digits(s))
        .chain(side.iter().filter(|&&c| columns[c].role == Role::Name).map(|&c| text(c)).filter(|s| !s.is_empty()))
        .collect();
    // Labels in several columns are levels: `一般公共预算资金/小计`.
    let mut name = name_parts.join("/");
    let mut cells = vec![Cell::Blank; target.width];
    for (k, &c) in target.values.iter().enumerate() {
        let mut t = squeeze(text(c));
        // The end of a long label run past its cell into the first amount
        // cell (`补 650`): the words go back to the label.
        if k == 0 && columns[c].role == Role::Amount {
            if let Some((spill, figure)) = overflow(text(c)) {
                name.push_str(spill);
                t = figure.to_string();
            }
        }
        let cell = match columns[c].role {
            Role::Text if !t.is_empty() => Cell::Text(t),
            Role::Text => Cell::Blank,
            _ if t.is_empty() || is_dash(&t) => Cell::Blank,
            _ => match amount(&t) {
                Some(d) => Cell::Amount(d),
                None => {
                    findings.push(Finding {
                        page: r.page,
                        table: table.key.as_str().to_string(),
                        message: format!(
                            "row `{}`: `{}` in column `{}` is not an amount; left blank",
                            squeeze(&name),
                            t,
                            columns[c].path
                        ),
                    });
                    Cell::Blank
                }
            },
        };
        cells[target.placement[k]] = cell;
    }
    let empty_values = cells.iter().all(|c| *c == Cell::Blank);
    if name.trim().is_empty() && code_str.is_empty() && empty_values {
        return None;
    }
    Some(Row { section, code: (!code_str.is_empty()).then_some(code_str), name: row_name(&name), cells, page: r.page })
}
