//! A table as rebuilt from the page, before its columns are understood:
//! header paths and rows of cell texts. Both the layout path (ruled grids)
//! and the text path produce one; [`finish`] turns it into a model table.

use budget_model::{Cell, CellBoxes, Column, Finding, HeaderBoxes, Rect, Row, Section, Table};

use crate::front::is_dash;
use crate::labels::{
    inherit_parts, is_column_number_label, is_column_numbering, is_line_number, is_line_number_heading,
    is_qualifier_heading, join_code_parts, split_code_name, split_second_pair,
};
use crate::lex::{amount, code};
use crate::norm::{is_total_word, row_name, squeeze};
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
    /// Line numbers (行次, 序号): kept beside the row, never amounts.
    LineNo,
    /// Not decided yet: decided from the header words and the cells.
    Unknown,
}

/// One column of a raw table.
#[derive(Debug, Clone)]
pub(crate) struct RawColumn {
    pub path: String,
    pub role: Role,
}

/// What a text reader writes in an amount cell it could not settle (the
/// row's amounts fit the columns' sums in several ways, or in none): the
/// cell becomes [`Cell::Unread`], a blank that is never read as zero. No
/// printed text holds the control character it opens with.
pub(crate) const UNREAD: &str = "\u{1}unread";

/// Whether a cell text is [`UNREAD`].
pub(crate) fn is_unread(text: &str) -> bool {
    text == UNREAD
}

/// Whether an amount cell's text gives no figure: blank or [`UNREAD`].
pub(crate) fn no_figure(text: &str) -> bool {
    text.trim().is_empty() || is_unread(text)
}

/// One row of cell texts.
#[derive(Debug, Clone)]
pub(crate) struct RawRow {
    pub cells: Vec<String>,
    pub page: u32,
    /// Where each cell is printed, where the reader knows (empty for text).
    pub boxes: Vec<Option<Rect>>,
}

impl RawRow {
    /// A row of cell texts without positions.
    pub fn new(cells: Vec<String>, page: u32) -> Self {
        RawRow { cells, page, boxes: Vec::new() }
    }

    /// The box of cell `c`, if known.
    pub fn cell_box(&self, c: usize) -> Option<Rect> {
        self.boxes.get(c).copied().flatten()
    }
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
    /// Where the header cells are printed, where the reader knows.
    pub header_boxes: Vec<(u32, Rect)>,
}

impl RawTable {
    pub fn new(title: Title) -> Self {
        RawTable {
            title,
            unit: None,
            pages: Vec::new(),
            note: None,
            columns: Vec::new(),
            rows: Vec::new(),
            header_boxes: Vec::new(),
        }
    }
}

/// Turns a raw table into a model table: roles decided, code parts joined,
/// sides of a two-sided table split into sections, names cleaned.
pub(crate) fn finish(mut raw: RawTable, findings: &mut Vec<Finding>) -> Table {
    decide_roles(&mut raw);
    crate::seams::rejoin_page_breaks(&mut raw);
    crate::seams::return_wrapped_tails(&mut raw);
    let sides = sides(&raw.columns);
    for side in &sides {
        inherit_code_columns(&mut raw, side);
        fill_down_qualified_names(&mut raw, side);
    }
    let panelled = sides.len() > 1;
    let value_cols: Vec<Vec<usize>> = sides
        .iter()
        .map(|s| s.iter().copied().filter(|&c| matches!(raw.columns[c].role, Role::Amount | Role::Text)).collect())
        .collect();
    // Only a 收支总表 has an income and an expense side; the panels of a
    // one-sided list printed side by side (人员经费 301… | 公用经费 302…)
    // are told apart by their panel alone.
    let two_sided = panelled && raw.title.key.is_two_sided();
    let sections: Vec<Option<Section>> =
        (0..sides.len()).map(|si| two_sided.then(|| section_of(si, &sides[si], &raw.columns))).collect();
    let mut table = Table::new(raw.title.key, raw.title.no.clone(), raw.title.text.clone());
    table.unit = raw.unit.clone();
    table.pages = raw.pages.clone();
    table.note = raw.note.clone();
    table.header_boxes = HeaderBoxes(raw.header_boxes.clone());
    table.label_columns = sides
        .first()
        .map(|s| {
            s.iter()
                .filter(|&&c| matches!(raw.columns[c].role, Role::Code | Role::Name))
                .map(|&c| raw.columns[c].path.clone())
                .collect()
        })
        .unwrap_or_default();
    let (placement, homes) = place_columns(&mut table, &raw.columns, &value_cols, &sections, panelled);
    let mut by_side: Vec<Vec<Option<Row>>> = sides
        .iter()
        .enumerate()
        .map(|(si, side)| {
            let target = Target { values: &value_cols[si], placement: &placement[si], width: table.columns.len() };
            let panel = Panel { index: u8::try_from(homes[si]).unwrap_or(u8::MAX), section: sections[si] };
            raw.rows.iter().map(|r| build_row(r, side, &target, &raw.columns, panel, &table, findings)).collect()
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
/// section (or, in a one-sided table, its panel). Returns where each side's
/// value columns went, and each side's panel: its own, or the one it
/// continues ([`continued_panel`]).
fn place_columns(
    table: &mut Table,
    columns: &[RawColumn],
    value_cols: &[Vec<usize>],
    sections: &[Option<Section>],
    panelled: bool,
) -> (Vec<Vec<usize>>, Vec<usize>) {
    let paths: Vec<Vec<String>> =
        value_cols.iter().map(|v| v.iter().map(|&c| column_path(&columns[c].path, panelled)).collect()).collect();
    let shared = paths.windows(2).all(|w| w[0] == w[1]);
    let homes: Vec<usize> = (0..paths.len()).map(|si| continued_panel(&paths, sections, si).unwrap_or(si)).collect();
    let mut placement: Vec<Vec<usize>> = Vec::new();
    for (si, cols) in value_cols.iter().enumerate() {
        if shared && si > 0 {
            placement.push((0..cols.len()).collect());
            continue;
        }
        // A one-sided list run on from one panel into the next under the
        // same heading shares the first panel's columns.
        if homes[si] != si {
            placement.push(placement[homes[si]].clone());
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
                if col.section.is_none() && panelled {
                    col.panel = u8::try_from(si).ok();
                }
            }
            at.push(table.columns.len());
            table.columns.push(col);
        }
        placement.push(at);
    }
    (placement, homes)
}

/// The panel side `si` continues, where it is a one-sided list's panel
/// printing the same columns as one before it (`公用经费` over two panels of
/// `科目编码 科目名称 决算数`, 302… run on into 307…): the first such panel.
/// `None` for a side of its own, and in a two-sided table, whose expense
/// panels each list their own items (by function, by economic class).
fn continued_panel(paths: &[Vec<String>], sections: &[Option<Section>], si: usize) -> Option<usize> {
    let all_same = paths.windows(2).all(|w| w[0] == w[1]);
    if all_same || sections.iter().any(Option::is_some) {
        return None;
    }
    (0..si).find(|&sj| paths[sj] == paths[si])
}

/// The panel a side was read from: its index from the left, and its
/// section in a two-sided table.
#[derive(Debug, Clone, Copy)]
struct Panel {
    index: u8,
    section: Option<Section>,
}

/// Where a side's value columns go in the table's columns.
struct Target<'a> {
    values: &'a [usize],
    placement: &'a [usize],
    width: usize,
}

/// Roles from header words first, then from what the cells hold.
fn decide_roles(raw: &mut RawTable) {
    mark_line_numbers(raw);
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
            .filter(|s| !s.is_empty() && !is_dash(s) && !is_unread(s))
            .collect();
        let amounts = cells.iter().filter(|s| amount(s).is_some()).count();
        let codes = cells.iter().filter(|s| code(s) || is_code_part(s)).count();
        let role = if ["编码", "代码"].iter().any(|w| leaf.contains(w)) || matches!(leaf.as_str(), "类" | "款" | "项")
        {
            Role::Code
        } else if leaf.contains("名称") || is_label_heading(&leaf) {
            Role::Name
        } else if is_text_heading(&leaf) {
            Role::Text
        } else if !cells.is_empty() && cells.iter().all(|s| code(s)) && names_next(raw, c) {
            // Codes right before a name column are codes, whatever their
            // heading (`政府经济分类` over `50299`, then `其他商品和服务支出`).
            Role::Code
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

/// Columns headed `行次`, `序号` or `栏次` whose cells are small integers
/// number the rows (`一般公共预算财政拨款收入 1 2,940.05`): line numbers,
/// whatever role the header reader gave them.
fn mark_line_numbers(raw: &mut RawTable) {
    for c in 0..raw.columns.len() {
        let header = squeeze(&raw.columns[c].path);
        let leaf = header.rsplit('/').next().unwrap_or(&header);
        if !is_line_number_heading(leaf) {
            continue;
        }
        let numbers = raw.rows.iter().all(|r| {
            let t = r.cells.get(c).map_or("", |s| s.trim());
            t.is_empty() || is_dash(t) || is_line_number(t)
        });
        if numbers {
            raw.columns[c].role = Role::LineNo;
        }
    }
}

/// True when the column after `c` is headed as a name (`科目名称`).
fn names_next(raw: &RawTable, c: usize) -> bool {
    raw.columns.get(c + 1).is_some_and(|n| {
        let h = squeeze(&n.path);
        h.rsplit('/').next().unwrap_or(&h).contains("名称")
    })
}

/// The label columns of a side in two groups: the row's own code and name,
/// and a second classification pair printed after them (部门经济分类 code
/// and name after 政府经济分类 code and name).
fn label_groups(side: &[usize], columns: &[RawColumn]) -> (Vec<usize>, Vec<usize>) {
    let labels: Vec<usize> =
        side.iter().copied().filter(|&c| matches!(columns[c].role, Role::Code | Role::Name)).collect();
    let second_start = (1..labels.len())
        .find(|&k| columns[labels[k]].role == Role::Code && columns[labels[k - 1]].role == Role::Name)
        .unwrap_or(labels.len());
    (labels[..second_start].to_vec(), labels[second_start..].to_vec())
}

/// 类 | 款 | 项 columns printing only the row's own level get the levels
/// above filled from the rows before (`05` under 款 → `201` `05`).
fn inherit_code_columns(raw: &mut RawTable, side: &[usize]) {
    let (first, _) = label_groups(side, &raw.columns);
    let code_cols: Vec<usize> = first.into_iter().filter(|&c| raw.columns[c].role == Role::Code).collect();
    if code_cols.len() < 2 {
        return;
    }
    let mut last = Vec::new();
    for row in &mut raw.rows {
        let parts: Vec<String> =
            code_cols.iter().map(|&c| row.cells.get(c).map_or("", |s| s.trim()).to_string()).collect();
        if parts.iter().any(|p| !p.chars().all(|ch| ch.is_ascii_digit())) {
            continue;
        }
        let filled = inherit_parts(&mut last, &parts);
        for (k, &c) in code_cols.iter().enumerate() {
            if let Some(cell) = row.cells.get_mut(c) {
                *cell = filled[k].clone();
            }
        }
    }
}

/// A row printing only a qualifier (`2026年` under 年度) below a row that
/// printed its name and a qualifier (`深圳市信访局` `2025年`) shares that
/// name: the name cell was merged over both rows.
fn fill_down_qualified_names(raw: &mut RawTable, side: &[usize]) {
    let qualifiers: Vec<usize> = side.iter().copied().filter(|&c| is_qualifier(&raw.columns[c])).collect();
    let labels: Vec<usize> =
        side.iter().copied().filter(|&c| matches!(raw.columns[c].role, Role::Code | Role::Name)).collect();
    if qualifiers.is_empty() || labels.is_empty() {
        return;
    }
    let filled =
        |r: &RawRow, cols: &[usize]| cols.iter().any(|&c| r.cells.get(c).is_some_and(|s| !s.trim().is_empty()));
    for i in 1..raw.rows.len() {
        let (before, rest) = raw.rows.split_at_mut(i);
        let (prev, row) = (&before[i - 1], &mut rest[0]);
        if filled(row, &qualifiers) && !filled(row, &labels) && filled(prev, &qualifiers) && filled(prev, &labels) {
            for &c in &labels {
                if let (Some(dst), Some(src)) = (row.cells.get_mut(c), prev.cells.get(c)) {
                    *dst = src.clone();
                }
            }
        }
    }
}

/// A text column that tells rows apart (预算单位, 年度).
fn is_qualifier(column: &RawColumn) -> bool {
    let h = squeeze(&column.path);
    column.role == Role::Text && is_qualifier_heading(h.rsplit('/').next().unwrap_or(&h))
}

/// Headings of the label column: `项目`, `科目`, `单位`, and the first two
/// with what they classify by (`项目（科目）`, `项目（按功能分类）` over
/// the expense panels of a three-panel 收支总表).
fn is_label_heading(leaf: &str) -> bool {
    let head = leaf.split(['（', '(']).next().unwrap_or(leaf);
    matches!(leaf, "项目" | "科目" | "单位") || (head != leaf && matches!(head, "项目" | "科目"))
}

/// Headings of text columns beside the label: `项目单位`, `备注`,
/// `项目类型`, `支出用途` (but `单位资金` is money).
pub(crate) fn is_text_heading(leaf: &str) -> bool {
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
    panel: Panel,
    table: &Table,
    findings: &mut Vec<Finding>,
) -> Option<Row> {
    let text = |c: usize| r.cells.get(c).map_or("", |s| s.trim());
    let (first, second) = label_groups(side, columns);
    let (code_str, mut name) = label_of(&first, columns, &text);
    let (second_code, second_name) = label_of(&second, columns, &text);
    // A total's label spanning the label columns and a text column after
    // them (`合计` over 科目编码, 科目名称 and 部门支出经济分类科目) may land
    // in the text column: it is the row's name, not the column's text.
    let spanning = (code_str.is_empty() && name.trim().is_empty())
        .then(|| target.values.iter().copied().find(|&c| columns[c].role == Role::Text && is_total_label(text(c))))
        .flatten();
    if let Some(c) = spanning {
        name = text(c).to_string();
    }
    let line_no =
        side.iter().filter(|&&c| columns[c].role == Role::LineNo).map(|&c| text(c)).find(|s| is_line_number(s));
    let mut cells = vec![Cell::Blank; target.width];
    let mut boxes = vec![None; target.width];
    for (k, &c) in target.values.iter().enumerate() {
        boxes[target.placement[k]] = r.cell_box(c);
        let mut t = if Some(c) == spanning { String::new() } else { squeeze(text(c)) };
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
            _ if is_unread(text(c)) => Cell::Unread,
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
    let empty_values = cells.iter().all(|c| matches!(c, Cell::Blank | Cell::Unread));
    // The code columns' headings on a line of their own (`类 款 项`, their
    // cells under the header's other cells) are no row.
    let squeezed = squeeze(&name);
    let level_headings = !squeezed.is_empty() && squeezed.chars().all(|c| matches!(c, '类' | '款' | '项'));
    let unlabelled = name.trim().is_empty() || level_headings;
    if unlabelled && code_str.is_empty() && empty_values || numbers_columns(&code_str, &name, &cells) {
        return None;
    }
    let qualifiers = side.iter().filter(|&&c| is_qualifier(&columns[c])).map(|&c| squeeze(text(c)));
    let name = std::iter::once(name).chain(qualifiers).filter(|s| !s.trim().is_empty()).collect::<Vec<_>>().join("/");
    let mut row = Row::new(String::new(), r.page);
    row.section = panel.section;
    row.panel = panel.index;
    row.line_no = line_no.map(str::to_string);
    row.cells = cells;
    let label = Rect::union_all(first.iter().filter_map(|&c| r.cell_box(c).filter(|_| !text(c).is_empty())));
    row.boxes = CellBoxes { label, cells: boxes };
    set_label(&mut row, code_str, &name);
    if !second_code.is_empty() || !second_name.is_empty() {
        row.second_code = (!second_code.is_empty()).then_some(second_code);
        row.second_name = Some(row_name(&second_name)).filter(|n| !n.is_empty());
    }
    Some(row)
}

/// The code and name of a group of label columns. Digits in code columns
/// are the code; words there are a label printed across the code column
/// (`合计` over 编码 and 名称, a name cell starting under the code heading)
/// and belong to the name. Labels in several columns are levels:
/// `一般公共预算资金/小计`.
fn label_of<'a>(group: &[usize], columns: &[RawColumn], text: &impl Fn(usize) -> &'a str) -> (String, String) {
    let is_digits = |s: &str| s.chars().all(|c| c.is_ascii_digit() || c.is_whitespace());
    let in_code: Vec<&str> =
        group.iter().filter(|&&c| columns[c].role == Role::Code).map(|&c| text(c)).filter(|s| !s.is_empty()).collect();
    let code_str = join_code_parts(in_code.iter().filter(|s| is_digits(s)).flat_map(|s| s.split_whitespace()));
    // The code columns' own headings (`类 款 项`) share the line of the
    // total under them in a 决算's tables (`类 款 项 合计 2,946.25`): no
    // part of the total's name.
    let is_level_heading = |s: &str| matches!(squeeze(s).as_str(), "类" | "款" | "项");
    let name_parts: Vec<&str> = in_code
        .iter()
        .copied()
        .filter(|s| !is_digits(s) && !is_level_heading(s))
        .chain(group.iter().filter(|&&c| columns[c].role == Role::Name).map(|&c| text(c)).filter(|s| !s.is_empty()))
        .collect();
    (code_str, name_parts.join("/"))
}

/// Sets the row's code and name; a code printed inside the name
/// (`[208]社会保障和就业支出`, `2230201-国有经济结构调整支出`) goes to the
/// code, and a second pair run into the name (`培训支出50203-培训费`) beside it.
fn set_label(row: &mut Row, code_str: String, name: &str) {
    let (code_str, name) = match split_code_name(name) {
        Some((c, n)) if code_str.is_empty() => (c, n),
        _ => (code_str, name.to_string()),
    };
    let squeezed = squeeze(&name);
    let (ordinal, _) = crate::lex::split_ordinal(&squeezed);
    row.ordinal = (!ordinal.is_empty()).then(|| ordinal.to_string());
    let mut name = row_name(&name);
    if !code_str.is_empty() {
        if let Some((own, c2, n2)) = split_second_pair(&name) {
            name = own;
            row.second_code = Some(c2);
            row.second_name = Some(n2);
        }
    }
    row.code = (!code_str.is_empty()).then_some(code_str);
    row.name = name;
}

/// A total's label: `合计`, `总计`, `共计`, spaces apart or not.
fn is_total_label(text: &str) -> bool {
    let label = squeeze(text);
    is_total_word(&label) || label == "共计"
}

/// The 栏次 row under a header numbers the columns (`栏次 1 2 3`,
/// `** 1 2 3`, or the bare figures `1 2 3 4`): no row of the table.
fn numbers_columns(code_str: &str, name: &str, cells: &[Cell]) -> bool {
    let figures: Vec<String> = cells.iter().filter_map(Cell::amount).map(|d| d.to_string()).collect();
    let figures: Vec<&str> = figures.iter().map(String::as_str).collect();
    let labelled = is_column_number_label(name);
    code_str.is_empty() && (labelled || name.trim().is_empty() && figures.len() >= 3) && is_column_numbering(&figures)
}

#[cfg(test)]
mod tests {
    use super::*;
    use budget_model::{Decimal, TableKey};

    /// A raw table of `key` with columns headed `headings` and rows of cell
    /// texts, finished into a model table.
    fn finished(key: TableKey, headings: &[&str], rows: &[&[&str]]) -> Table {
        let mut raw = RawTable::new(Title { no: "1".into(), text: "t".into(), key });
        raw.columns = headings.iter().map(|h| RawColumn { path: h.to_string(), role: Role::Unknown }).collect();
        raw.rows = rows.iter().map(|r| RawRow::new(r.iter().map(|s| s.to_string()).collect(), 1)).collect();
        let mut findings = Vec::new();
        let t = finish(raw, &mut findings);
        assert!(findings.is_empty(), "{findings:?}");
        t
    }

    /// Each row as `section|code|name|line_no|second_code|second_name|cells`.
    fn labels(t: &Table) -> Vec<String> {
        let opt = |o: &Option<String>| o.clone().unwrap_or_default();
        t.rows
            .iter()
            .map(|r| {
                let cells: Vec<String> = r.cells.iter().map(Cell::to_field).collect();
                format!(
                    "{}|{}|{}|{}|{}|{}|{}",
                    r.section.map_or("", |s| s.as_str()),
                    opt(&r.code),
                    r.name,
                    opt(&r.line_no),
                    opt(&r.second_code),
                    opt(&r.second_name),
                    cells.join(" ")
                )
            })
            .collect()
    }

    #[test]
    fn row_labels_by_template() {
        use TableKey::*;
        type Case<'a> = (&'a str, TableKey, &'a [&'a str], &'a [&'a [&'a str]], &'a [&'a str]);
        let cases: &[Case] = &[
            (
                "codes in brackets before the name (nat_108, 广州)",
                GeneralBudgetExpenseByFunction,
                &["科目名称", "一般公共预算支出/小计"],
                &[&["[206]科学技术支出", "53.44"], &["[20605]科技条件与服务", "53.44"]],
                &["|206|科学技术支出||||53.44", "|20605|科技条件与服务||||53.44"],
            ),
            (
                "code and name joined by a dash (nat_037, 北京)",
                StateCapitalExpense,
                &["科目", "预算数/合计"],
                &[&["2230201-国有经济结构调整支出", "250.000000"]],
                &["|2230201|国有经济结构调整支出||||250.000000"],
            ),
            (
                "类/款/项 columns printing only their own level",
                ExpenseSummary,
                &["类", "款", "项", "科目名称", "合计"],
                &[
                    &["201", "", "", "一般公共服务支出", "10.00"],
                    &["", "05", "", "发展与改革事务", "10.00"],
                    &["", "", "01", "行政运行", "10.00"],
                ],
                &["|201|一般公共服务支出||||10.00", "|20105|发展与改革事务||||10.00", "|2010501|行政运行||||10.00"],
            ),
            (
                "a 款 printed as a number, its leading zero lost (real_04, 江苏)",
                GeneralBudgetBasicExpenseByEconomic,
                &["科目编码/类", "科目编码/款", "科目名称", "合计"],
                &[&["301", "", "工资福利支出", "10.00"], &["301", "2", "津贴补贴", "10.00"]],
                &["|301|工资福利支出||||10.00", "|30102|津贴补贴||||10.00"],
            ),
            (
                "two classification pairs on one row",
                GeneralBudgetBasicExpenseByEconomic,
                &["部门经济分类科目编码", "部门经济分类科目名称", "政府经济分类", "政府经济分类科目名称", "合计"],
                &[&["30205", "水费", "50502", "商品和服务支出", "18.50"]],
                &["|30205|水费||50502|商品和服务支出|18.50"],
            ),
            (
                "a second pair run into the name (nat_039, 北京)",
                ExpenseSummary,
                &["支出功能分类科目", "合计"],
                &[&["2050803-培训支出50203-培训费", "103.575000"]],
                &["|2050803|培训支出||50203|培训费|103.575000"],
            ),
            (
                "a 序号 column between the function class and the project (nat_010)",
                ProjectExpense,
                &["功能分类科目编码", "功能分类科目名称", "序号", "项目名称", "预算数"],
                &[
                    &["2011302", "一般行政管理事务", "", "", "270,000"],
                    &["", "", "1", "钻石宝玉石产业发展专项", "270,000"],
                ],
                &["|2011302|一般行政管理事务||||270000", "||钻石宝玉石产业发展专项|1|||270000"],
            ),
            (
                "行次 on both sides of a 决算 total table, the 栏次 row dropped",
                IncomeExpenseSummary,
                &["收入/项目", "收入/行次", "收入/决算数", "支出/项目", "支出/行次", "支出/决算数"],
                &[
                    &["栏次", "", "1", "栏次", "", "2"],
                    &["一、一般公共预算财政拨款收入", "1", "2,940.05", "一、一般公共服务支出", "32", "2,106.66"],
                    &["二、上级补助收入", "3", "", "二、外交支出", "33", ""],
                ],
                &[
                    "收入||一般公共预算财政拨款收入|1|||2940.05",
                    "收入||上级补助收入|3|||",
                    "支出||一般公共服务支出|32|||2106.66",
                    "支出||外交支出|33|||",
                ],
            ),
            (
                "a unit column labelling the first row (nat_063 p.18, 深圳)",
                ExpenseSummary,
                &["科目编码", "科目名称", "预算单位", "支出总计"],
                &[&["", "", "深圳市信访局", "4,684.30"], &["201", "一般公共服务支出", "", "3,459.13"]],
                &["||深圳市信访局||||深圳市信访局 4684.30", "|201|一般公共服务支出|||| 3459.13"],
            ),
            (
                "a year column under one unit (nat_063, 三公)",
                ThreePublicExpense,
                &["单位名称", "年度", "总计/一般公共预算"],
                &[&["深圳市信访局", "2025年", "5.58"], &["", "2026年", "5.58"], &["", "增减变化金额", "0.00"]],
                &[
                    "||深圳市信访局/2025年||||2025年 5.58",
                    "||深圳市信访局/2026年||||2026年 5.58",
                    "||深圳市信访局/增减变化金额||||增减变化金额 0.00",
                ],
            ),
            (
                "a number run into a name stays in it",
                ProjectExpense,
                &["项目名称", "预算数"],
                &[&["12345政务服务便民热线", "80.00"], &["2026-2028年国省干线公路技术状况检测项目", "10.00"]],
                &["||12345政务服务便民热线||||80.00", "||2026-2028年国省干线公路技术状况检测项目||||10.00"],
            ),
        ];
        for (what, key, headings, rows, want) in cases {
            assert_eq!(labels(&finished(*key, headings, rows)), *want, "{what}");
        }
    }

    /// A cell a text reader left unread becomes [`Cell::Unread`]; a
    /// printed blank stays [`Cell::Blank`].
    #[test]
    fn unread_cells_stay_unread() {
        let t = finished(
            TableKey::ExpenseSummary,
            &["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
            &[&["201", "一般公共服务支出", "5.00", UNREAD, UNREAD], &["208", "社会保障和就业支出", "2.00", "2.00", ""]],
        );
        assert_eq!(t.rows[0].cells[1..], [Cell::Unread, Cell::Unread]);
        assert_eq!(t.rows[1].cells[2], Cell::Blank);
    }

    /// A total's label printed over the code, the name and a second class
    /// (Beijing's 一般公共预算基本支出表) and read under that second class
    /// names the row; the class's cell stays blank.
    #[test]
    fn a_total_label_in_a_text_column_names_the_row() {
        let t = finished(
            TableKey::GeneralBudgetBasicExpenseByEconomic,
            &["科目编码", "科目名称", "部门支出经济分类科目", "合计", "人员经费", "公用经费"],
            &[
                &["50101", "工资奖金津补贴", "30101-基本工资", "5.00", "5.00", ""],
                &["", "", "合    计", "5.00", "5.00", ""],
            ],
        );
        let total = &t.rows[1];
        assert_eq!((total.code.as_deref(), total.name.as_str()), (None, "合计"));
        assert_eq!(total.cells[..2], [Cell::Blank, Cell::Amount(budget_model::Decimal::new(500, 2))]);
        assert_eq!(t.rows[0].cells[0], Cell::Text("30101-基本工资".into()));
    }

    /// A 决算 prints its total on the line of the code columns' headings
    /// (`类 款 项 合计 2,946.25`): the headings are no part of its name.
    #[test]
    fn code_level_headings_beside_a_total_are_no_name() {
        let t = finished(
            TableKey::IncomeSummary,
            &["类", "款", "项", "科目名称", "本年收入合计", "财政拨款收入"],
            &[
                &["类", "款", "项", "合计", "2,946.25", "2,940.05"],
                &["201", "", "", "一般公共服务支出", "2,112.86", "2,106.66"],
            ],
        );
        assert_eq!((t.rows[0].code.as_deref(), t.rows[0].name.as_str()), (None, "合计"));
        assert_eq!(t.rows[1].code.as_deref(), Some("201"));
    }

    /// The code columns' headings read as a row's name, on a line of their
    /// own (`类 款 项`, nat_002 and 27 other 上海 texts), make no row.
    #[test]
    fn code_level_headings_alone_are_no_row() {
        let t = finished(
            TableKey::GovernmentFundExpense,
            &["科目编码", "科目名称", "合计"],
            &[&["", "类 款 项", ""], &["", "类 款", ""], &["208", "社会保障和就业支出", "5.00"]],
        );
        let names: Vec<&str> = t.rows.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["社会保障和就业支出"]);
    }

    #[test]
    fn line_numbers_are_no_amount_columns() {
        let t = finished(
            TableKey::IncomeExpenseSummary,
            &["收入/项目", "收入/行次", "收入/决算数", "支出/项目", "支出/行次", "支出/决算数"],
            &[&["一、一般公共预算财政拨款收入", "1", "2,940.05", "一、一般公共服务支出", "32", "2,106.66"]],
        );
        assert!(t.columns.iter().all(|c| !c.path.contains("行次")), "{:?}", t.columns);
    }

    /// Each panel of a table printed side by side is one side: in a 收支总表
    /// the income panel is `收入` and both expense panels `支出`; a one-sided
    /// list printed in two panels (人员经费 301… | 公用经费 302…) gets no
    /// section, its panels told apart by their index alone.
    #[test]
    fn panels_side_by_side() {
        let three = finished(
            TableKey::IncomeExpenseSummary,
            &[
                "收入/项目",
                "收入/预算数",
                "支出/项目（按功能分类）",
                "支出/预算数",
                "支出/项目（按经济分类）",
                "支出/预算数",
            ],
            &[&[
                "一、一般公共预算拨款收入",
                "2,170.04",
                "一、一般公共服务支出",
                "1,379.05",
                "一、工资福利支出",
                "1,052.04",
            ]],
        );
        let got: Vec<(String, u8, String)> = three
            .rows
            .iter()
            .map(|r| (r.section.map_or("", |s| s.as_str()).to_string(), r.panel, r.name.clone()))
            .collect();
        let want = [("收入", 0, "一般公共预算拨款收入"), ("支出", 1, "一般公共服务支出"), ("支出", 2, "工资福利支出")];
        assert_eq!(got, want.map(|(s, p, n)| (s.to_string(), p, n.to_string())));
        assert_eq!(three.columns.iter().map(|c| c.path.as_str()).collect::<Vec<_>>(), ["预算数"]);
        let two = finished(
            TableKey::GeneralBudgetBasicExpenseByEconomic,
            &["科目编码", "科目名称", "决算数", "科目编码", "科目名称", "决算数"],
            &[&["301", "工资福利支出", "2,082.85", "302", "商品和服务支出", "171.07"]],
        );
        let got: Vec<(Option<&str>, u8, Option<String>)> =
            two.rows.iter().map(|r| (r.section.map(|s| s.as_str()), r.panel, r.code.clone())).collect();
        assert_eq!(got, [(None, 0, Some("301".to_string())), (None, 1, Some("302".to_string()))]);
    }

    /// A one-sided list run on from one panel into the next under the same
    /// heading (`公用经费` over the second and third) is one list: its panels
    /// share their columns and the rows are the first panel's.
    #[test]
    fn a_list_run_on_over_panels_shares_their_columns() {
        let t = finished(
            TableKey::GeneralBudgetBasicExpenseByEconomic,
            &[
                "科目编码",
                "科目名称",
                "人员经费/决算数",
                "科目编码",
                "科目名称",
                "公用经费/决算数",
                "科目编码",
                "科目名称",
                "公用经费/决算数",
            ],
            &[&["301", "工资福利支出", "100.00", "302", "商品和服务支出", "20.00", "310", "资本性支出", "5.00"]],
        );
        assert_eq!(
            t.columns.iter().map(|c| c.path.as_str()).collect::<Vec<_>>(),
            ["人员经费/决算数", "公用经费/决算数"]
        );
        let got: Vec<String> = t
            .rows
            .iter()
            .map(|r| format!("{} {} {:?} {:?}", r.panel, r.code.as_deref().unwrap_or(""), r.amount(0), r.amount(1)))
            .collect();
        let d = |v: i64| Some(Decimal::new(v, 2));
        let want = [(0, "301", d(10000), None), (1, "302", None, d(2000)), (1, "310", None, d(500))];
        assert_eq!(got, want.map(|(p, c, a, b)| format!("{p} {c} {a:?} {b:?}")));
    }
}
