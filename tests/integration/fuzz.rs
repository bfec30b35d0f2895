//! Inputs found by the fuzz targets (`fuzz/`), kept as regression tests in
//! `tests/fixtures/fuzz/<target>/`: each goes through the same path as its
//! target, in this process, and must come back as a result or a one-line
//! error without a panic.

use std::path::PathBuf;

use budget_pipeline::{convert, convert_text, ErrorKind, PdfOptions};

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

/// What a regression input must give, through its target's conversion: a
/// checked document, or an error on one line that is not a panic caught
/// by the pipeline (a panic of the PDF reader is the extractor's error,
/// naming the page).
fn outcome(target: &str, name: &str, bytes: &[u8]) -> Result<u32, String> {
    let converted = match target {
        "text_to_tables" => convert_text(&String::from_utf8_lossy(bytes), name),
        _ => convert(bytes, name, &PdfOptions::default()),
    };
    match converted {
        Ok(doc) => Ok(doc.pages),
        Err(e) => {
            assert!(!matches!(e.kind(), ErrorKind::Panic(_)), "{target}/{e}");
            Err(e.kind().to_string())
        }
    }
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

/// Each input kept from the PDF target and the exact line it gives: most
/// make pdf-extract panic on something it does not expect (the panic stays
/// caught and names the page); one made the xref rebuilding run for ever.
const PDF_FINDINGS: [(&str, &str); 11] = [
    ("descendant-fonts-required.pdf", "PDF reader failed on page 1: Descendant fonts required"),
    (
        "dictionary-expected-stream-found.pdf",
        "PDF reader failed on page 1: must be dict: ObjectType { expected: \"Dictionary\", found: \"Stream\" }",
    ),
    ("entry-required.pdf", "PDF reader failed on page 1: required"),
    ("font-missing.pdf", "PDF reader failed on page 1: Font"),
    ("font-name-not-utf8.pdf", "PDF reader failed on page 1: F1\u{fffd}"),
    // An object numbered 1,000,000,353 once made the rebuilt table a
    // billion lines long.
    ("huge-object-number-in-rebuilt-xref.pdf", "unreadable PDF: couldn't parse input: invalid file trailer"),
    (
        "name-expected-integer-found.pdf",
        "PDF reader failed on page 1: called `Result::unwrap()` on an `Err` value: ObjectType { expected: \"Name\", found: \"Integer\" }",
    ),
    ("object-missing.pdf", "PDF reader failed on page 1: missing object reference: ObjectNotFound((2, 0))"),
    ("operands-assertion.pdf", "PDF reader failed on page 1: assertion failed: operation.operands.len() == 2"),
    ("type0-encoding-required.pdf", "PDF reader failed on page 1: Encoding required in type0 fonts"),
    ("xobject-missing.pdf", "PDF reader failed on page 3: XObject"),
];

#[test]
fn pdf_findings_give_their_one_line_error() {
    budget_extract::install_quiet_panic_hook();
    let inputs = inputs("pdf");
    let names: Vec<&str> = inputs.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, PDF_FINDINGS.map(|(n, _)| n), "tests/fixtures/fuzz/pdf and PDF_FINDINGS list the same files");
    for ((name, bytes), (_, expected)) in inputs.iter().zip(PDF_FINDINGS) {
        let line = convert(bytes, name, &PdfOptions::default()).map(|_| ()).map_err(|e| e.kind().to_string());
        assert_eq!(line, Err(expected.to_string()), "{name}");
    }
}
