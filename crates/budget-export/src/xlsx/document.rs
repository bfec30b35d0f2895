//! The workbook of one document: a sheet per table, then `检查` and `文档`.

use std::collections::{HashMap, HashSet};
use std::io::Write;

use budget_model::{Cell, CheckStatus, Decimal, Document, Row, Table};
use rust_xlsxwriter::{ColNum, Format, Note, RowNum, Worksheet, XlsxError};

use super::locate::{failures, Place};
use super::names::sheet_name;
use super::style::{amount_width, column_width, display_width, failed, to_number, Styles};
use crate::{DocumentRecord, Error};

/// The rows above a table's header: its title, then its unit.
const TOP_ROWS: RowNum = 2;

/// Writes the workbook of `doc` to `w`: one sheet per table, named by its
/// number and title (`3 部门支出总表`), the `检查` sheet and the `文档`
/// sheet.
pub fn write_document_xlsx<W: Write + Send>(w: W, doc: &Document) -> Result<(), Error> {
    let mut book = super::style::workbook();
    let mut styles = Styles::new();
    let mut taken: HashSet<String> = ["检查", "文档", "history"].iter().map(|s| s.to_string()).collect();
    let notes = failures(doc);
    let none = HashMap::new();
    for (i, table) in doc.tables.iter().enumerate() {
        let ws = book.add_worksheet();
        ws.set_name(sheet_name(&table_sheet_title(table, i), &mut taken))?;
        TableSheet::new(table, notes.get(&i).unwrap_or(&none)).write(ws, &mut styles)?;
    }
    checks_sheet(book.add_worksheet().set_name("检查")?, doc, &mut styles)?;
    document_sheet(book.add_worksheet().set_name("文档")?, doc, &styles)?;
    book.save_to_writer(w)?;
    Ok(())
}

/// `5-1 一般公共预算支出表(分功能科目)`; a table without a number is
/// numbered by its place (`t3 …`).
fn table_sheet_title(table: &Table, index: usize) -> String {
    let no = if table.no.is_empty() { format!("t{}", index + 1) } else { table.no.clone() };
    format!("{no} {}", table.title)
}

/// What a label column of a table sheet shows.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Label {
    Section,
    Code,
    Name,
    LineNo,
    SecondCode,
    SecondName,
}

/// The layout of one table's sheet.
struct TableSheet<'a> {
    table: &'a Table,
    notes: &'a HashMap<(usize, Place), Vec<String>>,
    /// The label columns with their headings.
    labels: Vec<(Label, String)>,
    /// Each value column's header path, split into levels.
    paths: Vec<Vec<String>>,
    /// The number of header rows.
    depth: usize,
}

impl<'a> TableSheet<'a> {
    fn new(table: &'a Table, notes: &'a HashMap<(usize, Place), Vec<String>>) -> Self {
        let paths: Vec<Vec<String>> = table
            .columns
            .iter()
            .map(|c| {
                let path = match c.section {
                    Some(s) => format!("{}/{}", s.as_str(), c.path),
                    None => c.path.clone(),
                };
                path.split('/').map(|s| s.trim().to_string()).collect()
            })
            .collect();
        let depth = paths.iter().map(Vec::len).max().unwrap_or(1).max(1);
        TableSheet { table, notes, labels: labels(table), paths, depth }
    }

    fn first_value_column(&self) -> ColNum {
        self.labels.len() as ColNum
    }

    fn last_column(&self) -> ColNum {
        (self.labels.len() + self.paths.len()).saturating_sub(1) as ColNum
    }

    fn first_body_row(&self) -> RowNum {
        TOP_ROWS + self.depth as RowNum
    }

    fn write(&self, ws: &mut Worksheet, styles: &mut Styles) -> Result<(), XlsxError> {
        self.write_top(ws, styles)?;
        self.write_header(ws, styles)?;
        for (i, row) in self.table.rows.iter().enumerate() {
            self.write_row(ws, styles, i, row)?;
        }
        if let Some(note) = &self.table.note {
            let r = self.first_body_row() + self.table.rows.len() as RowNum + 1;
            ws.write_string_with_format(r, 0, note, &styles.note)?;
        }
        ws.set_freeze_panes(self.first_body_row(), self.first_value_column())?;
        self.set_widths(ws)?;
        // Printed as the document prints it: A4 landscape, one page wide,
        // the header again on every page.
        ws.set_landscape().set_paper_size(9).set_print_fit_to_pages(1, 0);
        ws.set_repeat_rows(TOP_ROWS, self.first_body_row() - 1)?;
        Ok(())
    }

    /// The title, merged across the table, and the unit on the right.
    fn write_top(&self, ws: &mut Worksheet, styles: &Styles) -> Result<(), XlsxError> {
        let last = self.last_column();
        if last > 0 {
            ws.merge_range(0, 0, 0, last, &self.table.title, &styles.title)?;
        } else {
            ws.write_string_with_format(0, 0, &self.table.title, &styles.title)?;
        }
        ws.set_row_height(0, 22)?;
        if let Some(unit) = &self.table.unit {
            ws.write_string_with_format(1, last, format!("单位：{unit}"), &styles.unit)?;
        }
        Ok(())
    }

    /// The header rows as printed: each label heading over all of them, a
    /// group cell merged over its leaves (`基本支出` over `人员经费` and
    /// `公用经费`), a leaf above fewer levels merged down to the last row.
    fn write_header(&self, ws: &mut Worksheet, styles: &Styles) -> Result<(), XlsxError> {
        let bottom = TOP_ROWS + self.depth as RowNum - 1;
        for (c, (_, heading)) in self.labels.iter().enumerate() {
            put(ws, (TOP_ROWS, c as ColNum), (bottom, c as ColNum), heading, &styles.header)?;
        }
        let first = self.first_value_column();
        for level in 0..self.depth {
            let row = TOP_ROWS + level as RowNum;
            let mut j = 0;
            while j < self.paths.len() {
                let path = &self.paths[j];
                let col = first + j as ColNum;
                if level + 1 == path.len() {
                    put(ws, (row, col), (bottom, col), &path[level], &styles.header)?;
                } else if level + 1 < path.len() {
                    let end = self.group_end(j, level);
                    put(ws, (row, col), (row, first + end as ColNum), &path[level], &styles.header)?;
                    j = end;
                }
                j += 1;
            }
        }
        Ok(())
    }

    /// The last value column of the group that column `j` opens at `level`:
    /// the run of columns after it with the same path up to that level and
    /// a level below it.
    fn group_end(&self, j: usize, level: usize) -> usize {
        let prefix = &self.paths[j][..=level];
        let mut end = j;
        while end + 1 < self.paths.len() {
            let next = &self.paths[end + 1];
            if next.len() <= level + 1 || next[..=level] != *prefix {
                break;
            }
            end += 1;
        }
        end
    }

    fn write_row(&self, ws: &mut Worksheet, styles: &mut Styles, i: usize, row: &Row) -> Result<(), XlsxError> {
        let r = self.first_body_row() + i as RowNum;
        for (c, (label, _)) in self.labels.iter().enumerate() {
            let place = match label {
                Label::Code => Some(Place::Code),
                Label::Name => Some(Place::Name),
                _ => None,
            };
            let notes = place.and_then(|p| self.notes.get(&(i, p)));
            let format = if notes.is_some() { &styles.text_failed } else { &styles.text };
            ws.write_string_with_format(r, c as ColNum, label_text(*label, row), format)?;
            add_note(ws, r, c as ColNum, notes)?;
        }
        for (j, cell) in row.cells.iter().enumerate().take(self.paths.len()) {
            let col = self.first_value_column() + j as ColNum;
            let notes = self.notes.get(&(i, Place::Value(j)));
            write_cell(ws, styles, (r, col), cell, notes.is_some())?;
            add_note(ws, r, col, notes)?;
        }
        Ok(())
    }

    /// Widths from the widest content of each column (header leaves,
    /// labels, amounts as shown), CJK counted double.
    fn set_widths(&self, ws: &mut Worksheet) -> Result<(), XlsxError> {
        let rows = &self.table.rows;
        for (c, (label, heading)) in self.labels.iter().enumerate() {
            let widest = rows.iter().map(|r| display_width(&label_text(*label, r))).max().unwrap_or(0);
            ws.set_column_width(c as ColNum, column_width(widest.max(display_width(heading))))?;
        }
        for (j, path) in self.paths.iter().enumerate() {
            let leaf = path.last().map_or(0, |s| display_width(s)).min(16);
            let widest = rows.iter().filter_map(|r| r.cells.get(j)).map(shown_width).max().unwrap_or(0);
            ws.set_column_width(self.first_value_column() + j as ColNum, column_width(widest.max(leaf)))?;
        }
        Ok(())
    }
}

/// The label columns of `table` and their headings: the side of a
/// two-sided table; the code when a row has one; the name; the line number
/// and the second classification pair when rows print them. The code and
/// name headings are the printed ones (`科目编码`, `科目名称`).
fn labels(table: &Table) -> Vec<(Label, String)> {
    let printed: Vec<&str> = table.label_columns.iter().map(|l| l.rsplit('/').next().unwrap_or(l).trim()).collect();
    let any = |f: &dyn Fn(&Row) -> bool| table.rows.iter().any(f);
    let mut out = Vec::new();
    if any(&|r| r.section.is_some()) {
        out.push((Label::Section, "收支".to_string()));
    }
    let (code, name) = match printed[..] {
        [code, name, ..] => (code, name),
        [name] => ("编码", name),
        [] => ("编码", "名称"),
    };
    if any(&|r| r.code.is_some()) {
        out.push((Label::Code, code.to_string()));
    }
    out.push((Label::Name, name.to_string()));
    if any(&|r| r.line_no.is_some()) {
        out.push((Label::LineNo, "行次".to_string()));
    }
    if any(&|r| r.second_code.is_some() || r.second_name.is_some()) {
        out.push((Label::SecondCode, "编码2".to_string()));
        out.push((Label::SecondName, "名称2".to_string()));
    }
    out
}

fn label_text(label: Label, row: &Row) -> String {
    let text = |s: &Option<String>| s.clone().unwrap_or_default();
    match label {
        Label::Section => row.section.map(|s| s.as_str().to_string()).unwrap_or_default(),
        Label::Code => text(&row.code),
        Label::Name => row.name.clone(),
        Label::LineNo => text(&row.line_no),
        Label::SecondCode => text(&row.second_code),
        Label::SecondName => text(&row.second_name),
    }
}

/// Writes `text` over `from`..`to`, merged when that is more than one cell.
fn put(
    ws: &mut Worksheet,
    from: (RowNum, ColNum),
    to: (RowNum, ColNum),
    text: &str,
    f: &Format,
) -> Result<(), XlsxError> {
    if from == to {
        ws.write_string_with_format(from.0, from.1, text, f)?;
    } else {
        ws.merge_range(from.0, from.1, to.0, to.1, text, f)?;
    }
    Ok(())
}

/// An amount as a number with its printed decimals, text as text, a blank
/// left blank (with the cell's border and, if failed, its fill).
fn write_cell(
    ws: &mut Worksheet,
    styles: &mut Styles,
    at: (RowNum, ColNum),
    cell: &Cell,
    is_failed: bool,
) -> Result<(), XlsxError> {
    let (r, c) = at;
    match cell {
        Cell::Amount(d) => ws.write_number_with_format(r, c, to_number(*d), styles.amount(d.scale(), is_failed))?,
        Cell::Text(t) if is_failed => ws.write_string_with_format(r, c, t, &styles.text_failed)?,
        Cell::Text(t) => ws.write_string_with_format(r, c, t, &styles.text)?,
        Cell::Blank | Cell::Unread if is_failed => ws.write_blank(r, c, &styles.text_failed)?,
        Cell::Blank | Cell::Unread => ws.write_blank(r, c, &styles.text)?,
    };
    Ok(())
}

/// The note naming the failed checks of a cell.
fn add_note(ws: &mut Worksheet, r: RowNum, c: ColNum, notes: Option<&Vec<String>>) -> Result<(), XlsxError> {
    if let Some(lines) = notes {
        let note = Note::new(lines.join("\n")).set_author("budget2csv").add_author_prefix(false).set_width(320);
        ws.insert_note(r, c, &note)?;
    }
    Ok(())
}

fn shown_width(cell: &Cell) -> usize {
    match cell {
        Cell::Amount(d) => amount_width(*d),
        Cell::Text(t) => display_width(t),
        Cell::Blank | Cell::Unread => 0,
    }
}

/// The columns of the `检查` sheet: those of checks.csv, then `detail`.
const CHECK_COLUMNS: [&str; 11] = [
    "check",
    "table_key",
    "row_code",
    "row_name",
    "column",
    "expected",
    "actual",
    "difference",
    "status",
    "page",
    "detail",
];

/// Every check, one per line, the failed ones highlighted, under a frozen
/// header with an autofilter.
fn checks_sheet(ws: &mut Worksheet, doc: &Document, styles: &mut Styles) -> Result<(), XlsxError> {
    for (c, name) in CHECK_COLUMNS.iter().enumerate() {
        ws.write_string_with_format(0, c as ColNum, *name, &styles.header)?;
    }
    let red = failed(Format::new());
    for (i, check) in doc.checks.iter().enumerate() {
        let r = i as RowNum + 1;
        let is_failed = check.status == CheckStatus::Fail;
        let plain = Format::new();
        let text = if is_failed { &red } else { &plain };
        let texts = [check.check.as_str(), check.table_key.as_str(), &check.row_code, &check.row_name, &check.column];
        for (c, t) in texts.iter().enumerate() {
            ws.write_string_with_format(r, c as ColNum, *t, text)?;
        }
        for (c, figure) in [(5, check.expected), (6, check.actual), (7, check.difference)] {
            match figure {
                Some(d) => {
                    ws.write_number_with_format(r, c, to_number(d), &styles.amount(d.scale(), is_failed).clone())?
                }
                None => ws.write_blank(r, c, text)?,
            };
        }
        ws.write_string_with_format(r, 8, check.status.as_str(), text)?;
        ws.write_number_with_format(r, 9, f64::from(check.page), text)?;
        ws.write_string_with_format(r, 10, &check.detail, text)?;
    }
    ws.autofilter(0, 0, doc.checks.len() as RowNum, CHECK_COLUMNS.len() as ColNum - 1)?;
    ws.set_freeze_panes(1, 0)?;
    for (c, width) in [16, 36, 10, 30, 28, 14, 14, 12, 10, 6, 60].into_iter().enumerate() {
        ws.set_column_width(c as ColNum, width)?;
    }
    Ok(())
}

/// The document's particulars (the fields of documents.csv, and the units
/// its tables print), then its findings.
fn document_sheet(ws: &mut Worksheet, doc: &Document, styles: &Styles) -> Result<(), XlsxError> {
    let status = DocumentRecord::status_of(doc);
    let record = DocumentRecord::converted(doc, status, 0);
    let mut units: Vec<&str> = Vec::new();
    for u in doc.tables.iter().filter_map(|t| t.unit.as_deref()) {
        if !units.contains(&u) {
            units.push(u);
        }
    }
    let confirmed = doc.confirmed_share().map(|d| d.to_string()).unwrap_or_default();
    // Each field, and whether it is a number.
    let fields: [(&str, String, bool); 14] = [
        ("source", record.source, false),
        ("department", record.department, false),
        ("year", record.year, true),
        ("kind", record.kind, false),
        ("level", record.level, false),
        ("region", record.region, false),
        ("unit", units.join("、"), false),
        ("pages", record.pages, true),
        ("tables", record.tables, true),
        ("cells", record.cells, true),
        ("indicators", record.indicators, true),
        ("checks_failed", record.checks_failed, true),
        ("status", record.status, false),
        ("confirmed", confirmed, true),
    ];
    for (i, (name, value, numeric)) in fields.iter().enumerate() {
        let r = i as RowNum;
        ws.write_string_with_format(r, 0, *name, &styles.header)?;
        match value.parse::<Decimal>() {
            Ok(d) if *numeric => ws.write_number(r, 1, to_number(d))?,
            _ => ws.write_string(r, 1, value)?,
        };
    }
    let top = fields.len() as RowNum + 1;
    for (c, name) in ["page", "table", "finding"].iter().enumerate() {
        ws.write_string_with_format(top, c as ColNum, *name, &styles.header)?;
    }
    for (i, f) in doc.findings.iter().enumerate() {
        let r = top + 1 + i as RowNum;
        ws.write_number(r, 0, f64::from(f.page))?;
        ws.write_string(r, 1, &f.table)?;
        ws.write_string(r, 2, &f.message)?;
    }
    ws.set_column_width(0, 14)?;
    ws.set_column_width(1, 40)?;
    ws.set_column_width(2, 100)?;
    Ok(())
}
