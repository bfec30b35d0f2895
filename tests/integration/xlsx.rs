//! `convert --xlsx`: the workbooks read back with calamine (sheet names,
//! merged header cells, amounts equal to cells.csv with their printed
//! decimals, codes as text, failed cells highlighted with a note naming the
//! check), dataset.xlsx and its split past the row limit, and the round trip
//! through LibreOffice (skipped, with a note, when `soffice` is absent).

use std::collections::{BTreeMap, HashSet};
use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};
use std::process::Command;

use budget_export::xlsx::sheet_name;
use budget_export::{write_dataset_xlsx, write_document_xlsx, DatasetFile};
use budget_model::{Cell, Check, CheckKind, CheckStatus, Column, Document, Row, Table, TableKey};
use calamine::{open_workbook_from_rs, Data, Range, Reader, Xlsx};

use crate::support::{read_csv, run, shared_or_skip, skip, Record, TempDir};

/// The failed cells' fill.
const FAILED_FILL: u32 = 0xFFC7CE;

type Book = Xlsx<Cursor<Vec<u8>>>;

fn open(bytes: Vec<u8>) -> Book {
    open_workbook_from_rs(Cursor::new(bytes)).expect("a workbook calamine reads")
}

fn open_file(path: &Path) -> Book {
    open(std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
}

fn sheet(book: &mut Book, name: &str) -> Range<Data> {
    book.worksheet_range(name).unwrap_or_else(|e| panic!("sheet {name}: {e}"))
}

/// Converts `input` with `--xlsx` into a fresh folder; the folder and the
/// document's workbook.
fn convert_xlsx(input: &Path, name: &str) -> (TempDir, PathBuf) {
    let tmp = TempDir::new(name);
    let out = run(&[
        "convert",
        input.to_str().unwrap_or_default(),
        "--xlsx",
        "--jobs",
        "1",
        "--out",
        tmp.path().to_str().unwrap_or_default(),
    ]);
    assert!(out.status.code().is_some_and(|c| c <= 1), "{}", String::from_utf8_lossy(&out.stderr));
    let stem = input.file_stem().expect("a file name").to_string_lossy().into_owned();
    let workbook = tmp.path().join(&stem).join(format!("{stem}.xlsx"));
    assert!(workbook.is_file(), "{} missing", workbook.display());
    (tmp, workbook)
}

/// The rows of cells.csv per table, in order, with the name of the table's
/// sheet among `sheets` (`5-1 一般公共预算支出表(分功能科目)`; a table
/// without a number is `t<its place> <title>`).
fn cells_by_sheet(out: &Path, sheets: &[String]) -> Vec<(String, Vec<Record>)> {
    let mut groups: Vec<((String, String), Vec<Record>)> = Vec::new();
    for r in read_csv(&out.join("cells.csv")) {
        let key = (r["table_no"].to_string(), r["table_title"].to_string());
        match groups.last_mut() {
            Some((k, rows)) if *k == key => rows.push(r),
            _ => groups.push((key, vec![r])),
        }
    }
    let mut taken: HashSet<String> = ["检查", "文档", "history"].iter().map(|s| s.to_string()).collect();
    let unnumbered = |title: &str, taken: &HashSet<String>| {
        let found = sheets.iter().find(|n| {
            let placed = n.strip_prefix('t').and_then(|n| n.split_once(' '));
            !taken.contains(&n.to_lowercase())
                && placed.is_some_and(|(i, t)| i.parse::<usize>().is_ok() && title.starts_with(t))
        });
        found.cloned().unwrap_or_default()
    };
    let mut out = Vec::new();
    for ((no, title), rows) in groups {
        let name =
            if no.is_empty() { unnumbered(&title, &taken) } else { sheet_name(&format!("{no} {title}"), &mut taken) };
        taken.insert(name.to_lowercase());
        out.push((name, rows));
    }
    out
}

/// The numbers of a sheet in row order, with their places.
fn numbers(range: &Range<Data>) -> Vec<((u32, u32), f64)> {
    let mut out = Vec::new();
    for (r, row) in range.rows().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            if let Data::Float(f) = cell {
                out.push(((r as u32, c as u32), *f));
            } else if let Data::Int(i) = cell {
                out.push(((r as u32, c as u32), *i as f64));
            }
        }
    }
    out
}

/// Every table sheet holds, as numbers in row order, exactly the printed
/// amounts of its table in cells.csv, each shown with its printed decimals
/// (`#,##0.00` for `1477.88`, `#,##0` for `32317`); every code is text.
fn assert_amounts_match(book: &mut Book, out: &Path) -> usize {
    let mut checked = 0;
    for (name, rows) in cells_by_sheet(out, &book.sheet_names()) {
        let range = sheet(book, &name);
        let styles = book.worksheet_style(&name).expect("styles");
        let printed: Vec<&Record> = rows.iter().filter(|r| !r["value"].is_empty()).collect();
        let found = numbers(&range);
        assert_eq!(found.len(), printed.len(), "{name}: numbers in the sheet against printed cells in cells.csv");
        for ((at, value), record) in found.iter().zip(&printed) {
            let want: f64 = record["value"].parse().expect("an amount");
            assert_eq!(*value, want, "{name} {at:?}: {} / {}", &record["row_name"], &record["column"]);
            let decimals = record["value"].split_once('.').map_or(0, |(_, d)| d.len());
            let format = styles.get(*at).and_then(|s| s.number_format.clone()).map(|f| f.format_code);
            let want_format =
                if decimals == 0 { "#,##0".to_string() } else { format!("#,##0.{}", "0".repeat(decimals)) };
            assert_eq!(format.as_deref(), Some(want_format.as_str()), "{name} {at:?}");
        }
        let codes: HashSet<&str> = rows.iter().map(|r| &r["row_code"]).filter(|c| !c.is_empty()).collect();
        let text: HashSet<String> = range
            .rows()
            .flatten()
            .filter_map(|d| if let Data::String(s) = d { Some(s.clone()) } else { None })
            .collect();
        for code in codes {
            assert!(text.contains(code), "{name}: code {code} is not a text cell");
        }
        checked += printed.len();
    }
    checked
}

/// The failed cells are filled and carry a note naming the check; the
/// `检查` sheet lists every check and fills the failed ones.
fn assert_failures_shown(book: &mut Book, workbook: &Path, out: &Path) {
    let checks = read_csv(&out.join("checks.csv"));
    let range = sheet(book, "检查");
    assert_eq!(range.height(), checks.len() + 1, "检查: a line per check under the header");
    let styles = book.worksheet_style("检查").expect("styles");
    for (i, c) in checks.iter().enumerate() {
        let filled = filled(styles.get((i as u32 + 1, 0)));
        assert_eq!(filled, &c["status"] == "fail", "检查 line {}: {}", i + 2, &c["status"]);
    }
    let notes = notes(workbook);
    let failed: Vec<&Record> = checks.iter().filter(|c| &c["status"] == "fail").collect();
    for c in &failed {
        assert!(
            notes.contains(&format!("{}: ", &c["check"])) || notes.contains(&c["check"]),
            "no note names {}",
            &c["check"]
        );
    }
    let mut filled_cells = 0;
    for name in book.sheet_names() {
        if name == "检查" || name == "文档" {
            continue;
        }
        let styles = book.worksheet_style(&name).expect("styles");
        filled_cells += styles.cells().filter(|(r, _, s)| *r > 1 && filled(Some(s))).count();
    }
    assert!(filled_cells >= failed.len().min(1), "{filled_cells} filled cells for {} failed checks", failed.len());
}

fn filled(style: Option<&calamine::Style>) -> bool {
    style
        .and_then(|s| s.fill.as_ref())
        .and_then(|f| f.get_color())
        .is_some_and(|c| c.to_argb() & 0xFF_FFFF == FAILED_FILL)
}

/// The text of every note of a workbook (its `xl/comments*.xml`).
fn notes(workbook: &Path) -> String {
    let file = std::fs::File::open(workbook).expect("workbook");
    let mut zip = zip::ZipArchive::new(file).expect("a zip");
    let mut all = String::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).expect("entry");
        if f.name().is_ok_and(|n| n.starts_with("xl/comments")) {
            f.read_to_string(&mut all).expect("XML");
        }
    }
    all
}

/// A merged range of a sheet: the sheet, its text, its first and last cells.
type Merged = (String, String, (u32, u32), (u32, u32));

/// The group cell over its leaves: a merged range in the header rows whose
/// text is the first level of a column path (`基本支出` of
/// `基本支出/人员经费`) and spans that group's columns.
fn merged_groups(book: &mut Book) -> Vec<Merged> {
    let mut out = Vec::new();
    for name in book.sheet_names() {
        for d in book.merge_cells_by_sheet_name(&name).expect("merged cells") {
            let range = sheet(book, &name);
            if d.start.0 >= 2 && d.start.0 == d.end.0 && d.end.1 > d.start.1 {
                let text = range.get_value(d.start).map(|v| v.to_string()).unwrap_or_default();
                out.push((name.clone(), text, d.start, d.end));
            }
        }
    }
    out
}

#[test]
fn the_seeds_workbook_reads_back() {
    let input = crate::support::root().join("samples/text/wuchang-gov-office-2024.txt");
    let (tmp, workbook) = convert_xlsx(&input, "xlsx-seed");
    let mut book = open_file(&workbook);
    let names = book.sheet_names();
    assert_eq!(
        names,
        [
            "1 部门收支总表",
            "2 部门收入总表",
            "3 部门支出总表",
            "4 财政拨款收支总表",
            "5-1 一般公共预算支出表(分功能科目)",
            "5-2 一般公共预算支出表(分单位)",
            "6 一般公共预算基本支出表",
            "7 一般公共预算“三公”经费支出表",
            "8 政府性基金预算支出表",
            "9 国有资本经营预算支出表",
            "10 项目支出情况表",
            "检查",
            "文档"
        ]
    );
    let groups = merged_groups(&mut book);
    let by_function = "5-1 一般公共预算支出表(分功能科目)".to_string();
    assert!(groups.contains(&(by_function.clone(), "基本支出".into(), (2, 3), (2, 5))), "{groups:?}");
    let range = sheet(&mut book, &by_function);
    let header: Vec<String> =
        (3..6).map(|c| range.get_value((3, c)).map(|v| v.to_string()).unwrap_or_default()).collect();
    assert_eq!(header, ["小计", "人员经费", "公用经费"]);
    assert_eq!(range.get_value((5, 0)), Some(&Data::String("201".into())), "a code is text");
    assert!(assert_amounts_match(&mut book, tmp.path()) > 400);
    assert_failures_shown(&mut book, &workbook, tmp.path());
    // The hierarchy failure of 22102 住房改革支出 sits on its 合计 and
    // 基本支出 cells, with its note.
    let notes = notes(&workbook);
    assert!(notes.contains("hierarchy: expected 88.34, printed 139.77, difference 51.43"), "{notes}");
    let document = sheet(&mut book, "文档");
    let source = document.get_value((0, 1)).map(|d| d.to_string()).unwrap_or_default();
    assert!(source.ends_with("samples/text/wuchang-gov-office-2024.txt"), "{source}");
    assert_dataset(tmp.path());
}

/// dataset.xlsx: the combined files as sheets, as many rows as they have,
/// amounts as numbers, codes as text.
fn assert_dataset(out: &Path) {
    let mut book = open_file(&out.join("dataset.xlsx"));
    assert_eq!(book.sheet_names(), ["documents", "cells", "checks", "indicators", "forms", "summary"]);
    for name in book.sheet_names() {
        let rows = read_csv(&out.join(format!("{name}.csv")));
        assert_eq!(sheet(&mut book, &name).height(), rows.len() + 1, "{name}");
    }
    let cells = read_csv(&out.join("cells.csv"));
    let range = sheet(&mut book, "cells");
    let header: Vec<String> = range.rows().next().expect("header").iter().map(|d| d.to_string()).collect();
    let col = |name: &str| header.iter().position(|h| h == name).expect("column") as u32;
    for (i, r) in cells.iter().enumerate() {
        let at = |c: &str| range.get_value((i as u32 + 1, col(c))).cloned().unwrap_or(Data::Empty);
        match r["value"].parse::<f64>() {
            Ok(v) => assert_eq!(at("value"), Data::Float(v), "cells line {}", i + 2),
            Err(_) => assert_eq!(at("value"), Data::Empty, "cells line {}", i + 2),
        }
        if !r["row_code"].is_empty() {
            assert_eq!(at("row_code"), Data::String(r["row_code"].to_string()), "cells line {}", i + 2);
        }
    }
}

#[test]
fn a_real_documents_workbook_reads_back() {
    let Some(shared) = shared_or_skip("a_real_documents_workbook_reads_back") else { return };
    // real_02: amounts in 元, two-level headers, failed hierarchy and
    // row-sum checks.
    let (tmp, workbook) = convert_xlsx(&shared.join("corpus/real/real_02.pdf"), "xlsx-real02");
    let mut book = open_file(&workbook);
    let names = book.sheet_names();
    assert_eq!(names[names.len() - 2..], ["检查", "文档"]);
    let tables = read_csv(&tmp.path().join("documents.csv"))[0]["tables"].parse::<usize>().expect("tables");
    assert_eq!(names.len(), tables + 2);
    assert!(names.iter().all(|n| n.chars().count() <= 31));
    let groups = merged_groups(&mut book);
    assert!(groups.iter().any(|(_, text, _, _)| text == "支出预算" || text == "一般公共预算支出"), "{groups:?}");
    assert!(assert_amounts_match(&mut book, tmp.path()) > 100);
    assert_failures_shown(&mut book, &workbook, tmp.path());
    assert!(read_csv(&tmp.path().join("checks.csv")).iter().any(|c| &c["status"] == "fail"));
}

/// A small document of one table: a code with leading zeros, a name a
/// spreadsheet would take for a formula, a blank, amounts with 2 and 0
/// decimals, a failed check.
fn small_document() -> Document {
    let mut t = Table::new(TableKey::ExpenseSummary, "3", "部门支出总表");
    t.unit = Some("万元".into());
    t.label_columns = vec!["科目编码".into(), "科目名称".into()];
    t.columns = vec![Column::amount("合计"), Column::amount("基本支出/人员经费"), Column::amount("基本支出/公用经费")];
    t.pages = vec![1];
    let amount = |s: &str| Cell::Amount(s.parse().expect("amount"));
    let mut row = Row::new("=SUM(A1:A2)", 1);
    row.code = Some("001002".into());
    row.cells = vec![amount("12.50"), amount("3"), Cell::Blank];
    t.rows.push(row);
    let check = Check {
        check: CheckKind::RowSum,
        table_key: TableKey::ExpenseSummary,
        row_code: "001002".into(),
        row_name: "=SUM(A1:A2)".into(),
        column: "合计".into(),
        expected: Some("3".parse().expect("3")),
        actual: Some("12.50".parse().expect("12.50")),
        difference: Some("9.50".parse().expect("9.50")),
        status: CheckStatus::Fail,
        page: 1,
        detail: String::new(),
    };
    Document { source: "a.pdf".into(), tables: vec![t], checks: vec![check], ..Document::default() }
}

#[test]
fn codes_keep_their_zeros_and_text_is_never_a_formula() {
    let mut bytes = Vec::new();
    write_document_xlsx(&mut bytes, &small_document()).expect("written");
    let mut book = open(bytes);
    assert_eq!(book.sheet_names(), ["3 部门支出总表", "检查", "文档"]);
    let range = sheet(&mut book, "3 部门支出总表");
    // Title, unit, two header rows, then the row.
    assert_eq!(range.get_value((4, 0)), Some(&Data::String("001002".into())));
    assert_eq!(range.get_value((4, 1)), Some(&Data::String("=SUM(A1:A2)".into())));
    assert_eq!(range.get_value((4, 2)), Some(&Data::Float(12.5)));
    assert_eq!(range.get_value((4, 3)), Some(&Data::Float(3.0)));
    assert!(matches!(range.get_value((4, 4)), None | Some(Data::Empty)), "a blank stays blank");
    let formulas = book.worksheet_formula("3 部门支出总表").expect("formulas");
    assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()), "no formula in the sheet");
    let styles = book.worksheet_style("3 部门支出总表").expect("styles");
    let format = |at| styles.get(at).and_then(|s| s.number_format.clone()).map(|f| f.format_code);
    assert_eq!(format((4, 2)).as_deref(), Some("#,##0.00"));
    assert_eq!(format((4, 3)).as_deref(), Some("#,##0"));
    assert!(filled(styles.get((4, 2))) && !filled(styles.get((4, 3))), "the failed cell, and it alone, is filled");
    let merged = book.merge_cells_by_sheet_name("3 部门支出总表").expect("merged");
    let group = calamine::Dimensions { start: (2, 3), end: (2, 4) };
    let leaf = calamine::Dimensions { start: (2, 2), end: (3, 2) };
    assert!(merged.contains(&group) && merged.contains(&leaf), "{merged:?}");
}

#[test]
fn dataset_sheets_split_past_the_row_limit() {
    let csv =
        "source,row_code,value,page\na.pdf,001,1.50,1\na.pdf,'=2,2,1\nb.pdf,003,-3.25,2\nb.pdf,004,,2\nc.pdf,005,5,3\n";
    let files = vec![DatasetFile { file: "cells.csv".to_string(), reader: csv.as_bytes() }];
    let mut bytes = Vec::new();
    write_dataset_xlsx(&mut bytes, files, true, 3).expect("written");
    let mut book = open(bytes);
    assert_eq!(book.sheet_names(), ["cells", "cells 2", "cells 3"]);
    let mut lines = Vec::new();
    for name in book.sheet_names() {
        let range = sheet(&mut book, &name);
        let mut rows = range.rows();
        let header: Vec<String> = rows.next().expect("header").iter().map(|d| d.to_string()).collect();
        assert_eq!(header, ["source", "row_code", "value", "page"], "{name}");
        lines.extend(rows.map(|r| r.to_vec()));
    }
    let s = |t: &str| Data::String(t.into());
    assert_eq!(lines.len(), 5);
    assert_eq!(lines[0], [s("a.pdf"), s("001"), Data::Float(1.5), Data::Float(1.0)]);
    assert_eq!(lines[1][1], s("=2"), "the --excel guard is taken off; the text stays text");
    assert_eq!(lines[2][2], Data::Float(-3.25));
    assert_eq!(lines[3][2], Data::Empty);
}

/// `soffice`, if installed.
fn soffice() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).map(|d| d.join("soffice")).find(|p| p.is_file())
}

/// Each sheet of `workbook` as LibreOffice saves it to CSV, the cells as
/// shown (`1,477.88`): sheet name → rows.
fn libreoffice_csv(soffice: &Path, workbook: &Path, tmp: &Path) -> BTreeMap<String, Vec<Vec<String>>> {
    let out = tmp.join("lo");
    let profile = format!("-env:UserInstallation=file://{}", tmp.join("lo-profile").display());
    // Comma, quote, UTF-8, from line 1, …, cells as shown, every sheet (-1).
    let filter = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1";
    let status = Command::new(soffice)
        .args([profile.as_str(), "--headless", "--convert-to", filter, "--outdir"])
        .arg(&out)
        .arg(workbook)
        .output()
        .expect("soffice runs");
    assert!(status.status.success(), "{}", String::from_utf8_lossy(&status.stderr));
    let stem = workbook.file_stem().expect("name").to_string_lossy().into_owned();
    let mut sheets = BTreeMap::new();
    for e in std::fs::read_dir(&out).expect("LibreOffice's CSV files").flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let Some(sheet) = name.strip_prefix(&format!("{stem}-")).and_then(|n| n.strip_suffix(".csv")) else { continue };
        let mut r = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_path(e.path()).expect("CSV");
        let rows = r.records().map(|x| x.expect("record").iter().map(str::to_string).collect()).collect();
        sheets.insert(sheet.to_string(), rows);
    }
    sheets
}

/// The text LibreOffice shows for an amount, as cells.csv writes it
/// (`1,477.88` → `1477.88`).
fn plain(shown: &str) -> String {
    shown.replace(',', "")
}

#[test]
fn the_workbooks_open_in_libreoffice() {
    let test = "the_workbooks_open_in_libreoffice";
    let Some(soffice) = soffice() else {
        skip(test, "soffice is absent (apt-get install libreoffice-calc-nogui; .ci/run installs it)");
        return;
    };
    let input = crate::support::root().join("samples/text/wuchang-gov-office-2024.txt");
    let (tmp, workbook) = convert_xlsx(&input, "xlsx-libreoffice");
    let sheets = libreoffice_csv(&soffice, &workbook, tmp.path());
    let mut book = open_file(&workbook);
    assert_eq!(sheets.keys().collect::<HashSet<_>>(), book.sheet_names().iter().collect::<HashSet<_>>());
    let mut compared = 0;
    for (name, rows) in cells_by_sheet(tmp.path(), &book.sheet_names()) {
        let shown = &sheets[&name];
        let range = sheet(&mut book, &name);
        let printed: Vec<&Record> = rows.iter().filter(|r| !r["value"].is_empty()).collect();
        let places: Vec<(u32, u32)> = numbers(&range).into_iter().map(|(at, _)| at).collect();
        assert_eq!(places.len(), printed.len(), "{name}");
        for (at, record) in places.iter().zip(&printed) {
            let text = shown.get(at.0 as usize).and_then(|r| r.get(at.1 as usize)).map_or("", String::as_str);
            assert_eq!(plain(text), record["value"], "{name} {at:?}: shown as printed");
            compared += 1;
        }
    }
    assert!(compared > 400, "{compared}");
    // dataset.xlsx: each sheet shows what its CSV file holds.
    let dataset = libreoffice_csv(&soffice, &tmp.path().join("dataset.xlsx"), tmp.path());
    for (name, rows) in &dataset {
        let text = std::fs::read_to_string(tmp.path().join(format!("{name}.csv"))).expect("CSV");
        let mut r = csv::ReaderBuilder::new().has_headers(false).from_reader(text.as_bytes());
        let want: Vec<Vec<String>> =
            r.records().map(|x| x.expect("record").iter().map(str::to_string).collect()).collect();
        assert_eq!(rows.len(), want.len(), "{name}");
        for (i, (got, want)) in rows.iter().zip(&want).enumerate() {
            for (g, w) in got.iter().zip(want) {
                assert!(
                    g == w || (plain(g) == *w && w.parse::<f64>().is_ok()),
                    "{name} line {}: {g:?} for {w:?}",
                    i + 1
                );
            }
        }
    }
}

#[test]
fn skip_existing_converts_again_a_folder_without_its_workbook() {
    let tmp = TempDir::new("xlsx-skip");
    let out = tmp.path().to_str().unwrap_or_default();
    let input = "samples/text/wuchang-gov-office-2024.txt";
    let log = |args: &[&str]| {
        let o = run(args);
        assert!(o.status.code().is_some_and(|c| c <= 1), "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8_lossy(&o.stderr).into_owned()
    };
    log(&["convert", input, "--out", out]);
    let workbook = tmp.path().join("wuchang-gov-office-2024/wuchang-gov-office-2024.xlsx");
    assert!(!workbook.exists() && !tmp.path().join("dataset.xlsx").exists());
    let second = log(&["convert", input, "--out", out, "--xlsx", "--skip-existing"]);
    assert!(!second.contains("skipped: converted before"), "{second}");
    assert!(workbook.is_file());
    let third = log(&["convert", input, "--out", out, "--xlsx", "--skip-existing"]);
    assert!(third.contains("skipped: converted before"), "{third}");
    let mut book = open_file(&tmp.path().join("dataset.xlsx"));
    let cells = read_csv(&tmp.path().join("cells.csv"));
    assert_eq!(sheet(&mut book, "cells").height(), cells.len() + 1, "a reused document is in dataset.xlsx");
    log(&["convert", input, "--out", out]);
    assert!(!workbook.exists(), "a conversion without --xlsx removes the folder's old workbook");
    assert!(!tmp.path().join("dataset.xlsx").exists(), "and the batch's");
}
