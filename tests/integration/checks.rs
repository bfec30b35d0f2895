//! `budget2csv check` and the checks `convert` writes: the seed's real
//! discrepancies, a consistent document, bad input, and (when `../shared`
//! is present) the synthetic corpus, whose sums are consistent by
//! construction.

use crate::support::{read_csv, run, shared_or_skip, Record, TempDir};

const SEED: &str = "samples/text/wuchang-gov-office-2024.txt";

#[test]
fn check_reports_the_seeds_discrepancy_and_exits_1() {
    let out = run(&["check", SEED]);
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let report = String::from_utf8_lossy(&out.stdout);
    let first = report.lines().next().unwrap_or_default();
    assert!(first.starts_with(&format!("{SEED}: ")), "{report}");
    assert!(first.contains(" 2 fail, 0 warning, 0 unchecked"), "{report}");
    assert!(
        report.contains(
            "  fail      table 3 expense_summary, page 6, 22102 住房改革支出 [合计]: \
             expected 88.34, printed 139.77 (difference 51.43)\n            22102 = 2210201 (1 row)\n"
        ),
        "{report}"
    );
    assert!(report.ends_with("1 document: 1 with failed checks, 0 could not be read\n"), "{report}");
}

#[test]
fn check_passes_a_consistent_document() {
    let tmp = TempDir::new("check-consistent");
    let input = tmp.path().join("consistent.txt");
    let text = " 三、部门支出总表\n单位：万元\n科目编码 科目名称 合计 基本支出 项目支出\n\
                合计 10.00 6.00 4.00\n201 一般公共服务支出 10.00 6.00 4.00\n\
                20103 政府办公厅（室）及相关机构事务 10.00 6.00 4.00\n";
    std::fs::write(&input, text).expect("write");
    let out = run(&["check", input.to_str().unwrap_or_default()]);
    let report = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{report}");
    assert!(
        report.contains(": 9 checks: 9 ok, 0 rounding, 0 fail, 0 warning, 0 unchecked; confirmed 1.000 of 9 amounts\n"),
        "{report}"
    );
}

#[test]
fn check_reports_unreadable_inputs_and_bad_usage() {
    let out = run(&["check", "no-such-file.pdf"]);
    assert_eq!(out.status.code(), Some(1));
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(report.starts_with("no-such-file.pdf: error: cannot read file"), "{report}");
    for args in [&["check"][..], &["check", "--out", "x", SEED]] {
        let out = run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("usage:"), "{args:?}");
    }
}

#[test]
fn convert_writes_the_seeds_rounding_and_failures() {
    let tmp = TempDir::new("check-convert");
    let out = run(&["convert", SEED, "--out", tmp.path().to_str().unwrap_or_default()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let checks = std::fs::read_to_string(tmp.path().join("checks.csv")).expect("checks.csv");
    assert!(
        checks.starts_with("source,check,table_key,row_code,row_name,column,expected,actual,difference,status,page\n")
    );
    let records = read_csv(&tmp.path().join("checks.csv"));
    let line = |code: &str, status: &str| {
        let hit = |r: &&Record| &r["check"] == "hierarchy" && &r["row_code"] == code && &r["status"] == status;
        records.iter().find(hit).map(|r| r.fields().join(","))
    };
    assert_eq!(
        line("301", "rounding").as_deref(),
        Some(
            "samples/text/wuchang-gov-office-2024.txt,hierarchy,general_budget_basic_expense_by_economic,301,\
             工资福利支出,本年一般公共预算基本支出/合计,896.82,896.81,-0.01,rounding,9"
        )
    );
    assert!(line("22102", "fail").is_some(), "{checks}");
    let docs = read_csv(&tmp.path().join("documents.csv"));
    assert_eq!(&docs[0]["checks_failed"], "2");
}

/// The synthetic corpus is consistent by construction: no check may fail,
/// and there must be checks to make. (The table reader reads all ten
/// documents exactly today; a `fail` here is a checker or a reader error.)
#[test]
fn no_check_fails_on_the_synthetic_corpus() {
    let Some(shared) = shared_or_skip("no_check_fails_on_the_synthetic_corpus") else { return };
    let tmp = TempDir::new("check-dev");
    let dev = shared.join("corpus/dev");
    let out = run(&["convert", dev.to_str().unwrap_or_default(), "--out", tmp.path().to_str().unwrap_or_default()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let mut per_source: std::collections::BTreeMap<String, usize> = std::collections::BTreeMap::new();
    let mut bad = Vec::new();
    for rec in read_csv(&tmp.path().join("checks.csv")) {
        *per_source.entry(rec["source"].to_string()).or_default() += 1;
        if &rec["status"] == "fail" {
            bad.push(rec.fields().join(","));
        }
    }
    assert!(bad.is_empty(), "checks that fail on consistent documents:\n{}", bad.join("\n"));
    assert_eq!(per_source.len(), 10, "{per_source:?}");
    assert!(per_source.values().all(|&n| n > 200), "too few checks made: {per_source:?}");
}
