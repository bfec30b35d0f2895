//! PDFs whose Chinese font uses a predefined CJK CMap (non-embedded, no
//! `ToUnicode`), made by `scripts/make-cjk-samples.py`: every line reads
//! right, and digits keep their own width so amounts end where they were
//! right-aligned.

use std::path::{Path, PathBuf};

use budget_extract::{extract_file, PdfOptions};
use budget_model::Page;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

fn page(name: &str) -> Page {
    let doc = extract_file(&fixture(name), &PdfOptions::default()).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(doc.pages.len(), 1, "{name}");
    doc.pages.into_iter().next().expect("one page")
}

/// The lines of the sample, runs joined by ` | `.
const LINES: [&str; 11] = [
    "示例区财政局2024年部门预算",
    "三、部门支出总表",
    "单位：万元",
    "科目编码 | 科目名称 | 合计 | 基本支出 | 项目支出",
    "合计 | 1,249.66 | 1,007.83 | 241.83",
    "201 | 一般公共服务支出 | 1,147.27 | 905.44 | 241.83",
    "20103 | 政府办公厅（室）及相关机构事务 | 1,147.27 | 905.44 | 241.83",
    "2010301 | 行政运行 | 905.44 | 905.44 | 0.00",
    "2010350 | 事业运行 | 241.83 | 0.00 | 241.83",
    "208 | 社会保障和就业支出 | 102.39 | 102.39 | 0.00",
    "20805 | 行政事业单位养老支出 | 102.39 | 102.39 | 0.00",
];

fn check_sample(name: &str) {
    let page = page(name);
    let lines: Vec<String> =
        page.lines.iter().map(|l| l.runs.iter().map(|r| r.text.as_str()).collect::<Vec<_>>().join(" | ")).collect();
    assert_eq!(lines, LINES, "{name}");
    // The amounts were right-aligned 4 points inside the column rules at
    // 385, 470 and 555: with a digit as wide as a 汉字 they would end far
    // to the right of them.
    for line in &page.lines[4..] {
        let ends: Vec<f32> = line.runs.iter().rev().take(3).map(|r| r.x1).collect();
        for (end, edge) in ends.iter().zip([551.0, 466.0, 381.0]) {
            assert!((end - edge).abs() < 1.0, "{name}: `{}` ends at {end}, not {edge}", line.text);
        }
    }
    assert_eq!(page.rules.len(), 15, "{name}: the table's rules");
}

/// STSong-Light with `UniGB-UCS2-H`, as reportlab writes it.
#[test]
fn stsong_light_with_unigb_ucs2_h_reads_right() {
    check_sample("stsong-ucs2.pdf");
}

/// SimSun with `UniGB-UTF16-H` and Distiller's `/W`, as in real_25
/// (`unsupported encoding UniGB-UTF16-H` before).
#[test]
fn simsun_with_unigb_utf16_h_reads_right() {
    check_sample("simsun-utf16.pdf");
}

/// STSong-Light with `GBK-EUC-H`: 1-byte ASCII codes among 2-byte GBK codes.
#[test]
fn stsong_light_with_gbk_euc_h_reads_right() {
    check_sample("stsong-gbk.pdf");
}
