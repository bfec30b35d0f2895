//! PDFs whose Chinese font uses a predefined CJK CMap without a ToUnicode
//! map (the fixtures of budget-extract, made by scripts/make-cjk-samples.py)
//! convert to the table they print.

use crate::support::{read_csv, root, run, TempDir};

/// The table as printed in every fixture.
const EXPENSE_SUMMARY: &str = "\
row_code,row_name,合计,基本支出,项目支出
,合计,1249.66,1007.83,241.83
201,一般公共服务支出,1147.27,905.44,241.83
20103,政府办公厅（室）及相关机构事务,1147.27,905.44,241.83
2010301,行政运行,905.44,905.44,0.00
2010350,事业运行,241.83,0.00,241.83
208,社会保障和就业支出,102.39,102.39,0.00
20805,行政事业单位养老支出,102.39,102.39,0.00
";

#[test]
fn predefined_cmap_fonts_convert_to_their_table() {
    let tmp = TempDir::new("cjk");
    let fixtures = root().join("crates/budget-extract/tests/fixtures");
    let out =
        run(&["convert", fixtures.to_str().unwrap_or_default(), "--out", tmp.path().to_str().unwrap_or_default()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let rows = read_csv(&tmp.path().join("documents.csv"));
    assert_eq!(rows.len(), 3);
    for row in &rows {
        let (source, department, year, status) = (&row["source"], &row["department"], &row["year"], &row["status"]);
        assert_eq!((department, year, status), ("示例区财政局", "2024", "ok"), "{source}");
        let stem = source.trim_end_matches(".pdf");
        let table = std::fs::read_to_string(tmp.path().join(stem).join("3_expense_summary.csv"))
            .unwrap_or_else(|e| panic!("{source}: {e}"));
        assert_eq!(table, EXPENSE_SUMMARY, "{source}");
    }
}
