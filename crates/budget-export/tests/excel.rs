//! CSV for spreadsheets (`--excel`): a byte-order mark first, text cells
//! that a spreadsheet would run as a formula prefixed with `'`, amounts
//! (negative ones too) left as numbers.

use budget_export::{write_wide_table, CsvOptions, Writer};
use budget_model::{Cell, Column, Decimal, Document, Row, Table, TableKey};

fn document() -> Document {
    let mut table = Table::new(TableKey::ProjectExpense, "10", "项目支出情况表");
    table.unit = Some("万元".into());
    table.columns = vec![Column::amount("合计"), Column::text("项目单位")];
    for (name, amount, unit) in [
        ("=HYPERLINK(\"http://x\",\"y\")", "-5.00", "+单位"),
        ("@SUM(A1)", "12.50", "-单位"),
        ("办公设备购置", "0.00", "本级"),
    ] {
        let mut row = Row::new(name, 3);
        row.code = Some("2010301".into());
        row.cells = vec![Cell::Amount(amount.parse::<Decimal>().expect("amount")), Cell::Text(unit.into())];
        table.rows.push(row);
    }
    Document { source: "a.pdf".into(), tables: vec![table], ..Document::default() }
}

#[test]
fn excel_cells_guard_formulas_and_keep_amounts_as_numbers() {
    let mut out = Writer::new(Vec::new(), CsvOptions { excel: true });
    out.cells(&document()).expect("written");
    let text = String::from_utf8(out.finish().expect("finished")).expect("UTF-8");
    assert!(text.starts_with('\u{feff}'), "byte-order mark first");
    assert!(text.contains(",\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",合计,-5.00,万元,"), "{text}");
    assert!(text.contains(",'@SUM(A1),合计,12.50,万元,"), "{text}");
    assert!(text.contains(",办公设备购置,合计,0.00,万元,"), "{text}");
}

#[test]
fn excel_wide_tables_guard_names_and_text_columns_only() {
    let doc = document();
    let mut out = Vec::new();
    write_wide_table(&mut out, &doc.tables[0], CsvOptions { excel: true }).expect("written");
    let text = String::from_utf8(out).expect("UTF-8");
    let lines: Vec<&str> = text.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(
        lines,
        [
            "row_code,row_name,合计,项目单位",
            "2010301,\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",-5.00,'+单位",
            "2010301,'@SUM(A1),12.50,'-单位",
            "2010301,办公设备购置,0.00,本级",
        ]
    );
}

#[test]
fn plain_csv_is_left_as_printed() {
    let mut out = Writer::new(Vec::new(), CsvOptions::default());
    out.cells(&document()).expect("written");
    let text = String::from_utf8(out.finish().expect("finished")).expect("UTF-8");
    assert!(!text.starts_with('\u{feff}'));
    assert!(text.contains(",@SUM(A1),合计,12.50,万元,"), "{text}");
}
