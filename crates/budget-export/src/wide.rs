//! One wide CSV per table, laid out as printed.

use std::io::Write;

use budget_model::{Cell, Row, Table};

use crate::{guard_text, CsvOptions, Error};

/// The file name of a table's wide CSV: `<table_no>_<table_key>.csv`, with
/// the table's position in the document standing in for a missing number.
pub fn table_file_name(table: &Table, index: usize) -> String {
    let no: String = table.no.chars().map(|c| if c.is_alphanumeric() || c == '-' { c } else { '_' }).collect();
    let no = if no.is_empty() { format!("t{}", index + 1) } else { no };
    format!("{}_{}.csv", no, table.key.as_str())
}

/// Writes `table` as a spreadsheet would show it: a header row
/// (`section` for two-sided tables, `row_code`, `row_name`; `line_no` when
/// rows print a 行次 or 序号; `second_code`, `second_name` when rows print a
/// second classification pair; then the column paths) and one line per row,
/// amounts exact, blank cells empty.
pub fn write_wide_table<W: Write>(w: W, table: &Table, options: CsvOptions) -> Result<(), Error> {
    let mut w = w;
    if options.excel {
        w.write_all("\u{feff}".as_bytes())?;
    }
    let mut csv = csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(w);
    let two_sided = table.rows.iter().any(|r| r.section.is_some());
    let mut header: Vec<String> = Vec::new();
    if two_sided {
        header.push("section".into());
    }
    header.push("row_code".into());
    header.push("row_name".into());
    let extras = Extras::of(table);
    extras.push_header(&mut header);
    header.extend(table.columns.iter().map(|c| match c.section {
        Some(s) => format!("{}/{}", s.as_str(), c.path),
        None => c.path.clone(),
    }));
    if options.excel {
        header.iter_mut().for_each(guard_text);
    }
    csv.write_record(&header)?;
    for row in &table.rows {
        let mut rec: Vec<String> = Vec::with_capacity(header.len());
        if two_sided {
            rec.push(row.section.map(|s| s.as_str().to_string()).unwrap_or_default());
        }
        rec.push(row.code.clone().unwrap_or_default());
        let mut name = row.name.clone();
        if options.excel {
            guard_text(&mut name);
        }
        rec.push(name);
        extras.push_fields(row, &mut rec);
        for c in &row.cells {
            let mut f = c.to_field();
            if options.excel && matches!(c, Cell::Text(_)) {
                guard_text(&mut f);
            }
            rec.push(f);
        }
        csv.write_record(&rec)?;
    }
    csv.flush()?;
    Ok(())
}

/// The optional label columns a table's rows fill: the line number and the
/// second classification pair, written only when some row has them.
struct Extras {
    line_no: bool,
    second: bool,
}

impl Extras {
    fn of(table: &Table) -> Self {
        Extras {
            line_no: table.rows.iter().any(|r| r.line_no.is_some()),
            second: table.rows.iter().any(|r| r.second_code.is_some() || r.second_name.is_some()),
        }
    }

    fn push_header(&self, header: &mut Vec<String>) {
        if self.line_no {
            header.push("line_no".into());
        }
        if self.second {
            header.push("second_code".into());
            header.push("second_name".into());
        }
    }

    fn push_fields(&self, row: &Row, rec: &mut Vec<String>) {
        if self.line_no {
            rec.push(row.line_no.clone().unwrap_or_default());
        }
        if self.second {
            rec.push(row.second_code.clone().unwrap_or_default());
            rec.push(row.second_name.clone().unwrap_or_default());
        }
    }
}
