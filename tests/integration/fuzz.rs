//! Inputs found by the fuzz targets (`fuzz/`), kept as regression tests in
//! `tests/fixtures/fuzz/<target>/`: each goes through the same path as its
//! target, in this process, and must come back as a result or a one-line
//! error without a panic.

use std::path::PathBuf;

use budget_extract::{extract_bytes, text::pages_from_text, PdfOptions};

use crate::support::root;

fn inputs(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir: PathBuf = root().join("tests/fixtures/fuzz").join(target);
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| (e.file_name().to_string_lossy().into_owned(), std::fs::read(e.path()).expect("readable")))
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

/// What a regression input must give: a parsed document, or an error on
/// one line (a panic of the PDF reader caught and reported as such).
fn outcome(target: &str, name: &str, bytes: &[u8]) -> Result<u32, String> {
    let pages = match target {
        "text_to_tables" => pages_from_text(&String::from_utf8_lossy(bytes)),
        _ => extract_bytes(bytes, &PdfOptions::default()).map_err(|e| e.to_string())?.pages,
    };
    let doc = budget_parse::parse(&pages);
    assert_eq!(doc.pages as usize, pages.len(), "{target}/{name}");
    Ok(doc.pages)
}

#[test]
fn fuzz_findings_come_back_without_a_panic() {
    budget_extract::install_quiet_panic_hook();
    let mut seen = 0;
    for target in ["text_to_tables", "pdf"] {
        for (name, bytes) in inputs(target) {
            seen += 1;
            if let Err(line) = outcome(target, &name, &bytes) {
                assert!(!line.is_empty() && !line.contains(['\n', '\r']), "{target}/{name}: {line:?}");
            }
        }
    }
    assert!(seen > 0, "no regression inputs found under tests/fixtures/fuzz");
}

/// The inputs kept from the PDF target make pdf-extract panic on page
/// content it does not expect; the panic stays caught and names the page.
#[test]
fn pdf_reader_panics_stay_caught_and_name_the_page() {
    budget_extract::install_quiet_panic_hook();
    for (name, bytes) in inputs("pdf") {
        let line = extract_bytes(&bytes, &PdfOptions::default()).map(|_| ()).map_err(|e| e.to_string());
        let line = line.expect_err(&name);
        assert!(line.starts_with("PDF reader failed on page "), "{name}: {line}");
    }
}
