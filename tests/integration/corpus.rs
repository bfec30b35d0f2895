//! The shared corpora beside the project (`../shared`); skipped, with a
//! note, when they are absent.

use crate::support::{output_files, read_csv, run, shared_or_skip, Record, TempDir};

fn documents(dir: &std::path::Path) -> Vec<Record> {
    read_csv(&dir.join("documents.csv"))
}

#[test]
fn every_real_pdf_gives_tables_or_a_clear_error_alike_with_one_job_or_two() {
    let Some(shared) = shared_or_skip("every_real_pdf_gives_tables_or_a_clear_error_alike_with_one_job_or_two") else {
        return;
    };
    let tmp = TempDir::new("real");
    let convert = |jobs: &str, out: &std::path::Path| {
        let folder = shared.join("corpus/real");
        run(&[
            "convert",
            folder.to_str().unwrap_or_default(),
            "--jobs",
            jobs,
            "--out",
            out.to_str().unwrap_or_default(),
        ])
    };
    let (one, two) = (tmp.path().join("one"), tmp.path().join("two"));
    let out = convert("2", &two);
    assert_eq!(out.status.code(), Some(1), "real_24 fails: {}", String::from_utf8_lossy(&out.stderr));
    // One line per file as it finishes, then the summary.
    let log = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = log.lines().collect();
    assert_eq!(lines.len(), 26, "{log}");
    assert!(lines[..25].iter().all(|l| l.starts_with('[') && l.contains("/25] real_")), "{log}");
    assert!(lines[25].starts_with("25 files: ") && lines[25].contains(" failed;"), "{log}");
    // The same files whatever the number of jobs.
    assert_eq!(convert("1", &one).status.code(), Some(1));
    let (a, b) = (output_files(&one, |_| true), output_files(&two, |_| true));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (k, v) in &a {
        assert!(v == &b[k], "{k} differs between --jobs 1 and --jobs 2");
    }
    let docs = documents(&two);
    assert_eq!(docs.len(), 25);
    for d in &docs {
        let (source, tables, status, error) = (&d["source"], &d["tables"], &d["status"], &d["error"]);
        if status == "error" {
            assert!(!error.is_empty(), "{source}: error without a reason");
        } else {
            assert!(tables.parse::<u32>().unwrap_or(0) > 0, "{source}: no tables and no error");
        }
    }
    let reason =
        |name: &str| docs.iter().find(|d| &d["source"] == name).map(|d| d["error"].to_string()).unwrap_or_default();
    assert_eq!(reason("real_24.pdf"), "no text layer on pages 1–210 (scanned?)");
    // real_25 shows its text in SimSun through UniGB-UTF16-H (no ToUnicode):
    // it is read; its tables are a government's, not a department's.
    let r25 = reason("real_25.pdf");
    assert!(r25.is_empty() || r25.starts_with("no budget tables"), "real_25: {r25}");
}

/// real_25 (a 120-page government report) used to fail with
/// `unsupported encoding UniGB-UTF16-H`: its only Chinese font is a
/// non-embedded SimSun with a predefined CMap and no ToUnicode map.
#[test]
fn real_25_unigb_utf16_h_text_is_decoded() {
    let Some(shared) = shared_or_skip("real_25_unigb_utf16_h_text_is_decoded") else { return };
    let out = run(&["text", shared.join("corpus/real/real_25.pdf").to_str().unwrap_or_default()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    let first_page: Vec<&str> = text.lines().skip(1).take_while(|l| !l.starts_with("--- page")).collect();
    assert_eq!(
        first_page[..5],
        [
            "关于杭州市及市本级2023年决算草案和",
            "2024年上半年预算执行情况的报告",
            "（2024年8月30日在杭州市第十四届人民代表大会",
            "常务委员会第十九次会议上）",
            "杭州市财政局局长 陈震山",
        ]
    );
    assert!(text.contains("\n2023年全市一般公共预算收入2616.81亿元，比上年执行\n"), "a line of page 6");
}

/// real_04 (上海市普陀区万里街道, 2024) prints its 部门支出总表 on pages
/// 16–19 and the table's 合计 row alone on page 20, its label across the
/// 类/款/项 and name columns: that row was dropped as a table whose columns
/// did not line up.
#[test]
fn real_04_expense_summary_keeps_its_total_row_printed_alone_on_page_20() {
    let Some(shared) = shared_or_skip("real_04_expense_summary_keeps_its_total_row_printed_alone_on_page_20") else {
        return;
    };
    let tmp = TempDir::new("real_04");
    let pdf = shared.join("corpus/real/real_04.pdf");
    let out = run(&["convert", pdf.to_str().unwrap_or_default(), "--out", tmp.path().to_str().unwrap_or_default()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let table = std::fs::read_to_string(tmp.path().join("real_04/t3_expense_summary.csv")).expect("table 3");
    assert_eq!(table.lines().last(), Some(",合计,156211123,99706020,56505103"));
    let docs = documents(tmp.path());
    assert_eq!((&docs[0]["status"], &docs[0]["checks_failed"]), ("ok", "0"), "status and checks failed");
}
