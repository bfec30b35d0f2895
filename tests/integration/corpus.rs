//! The shared corpora beside the project (`../shared`); skipped, with a
//! note, when they are absent.

use crate::support::{run, shared, TempDir};

fn documents(dir: &std::path::Path) -> Vec<csv::StringRecord> {
    let text = std::fs::read_to_string(dir.join("documents.csv")).expect("documents.csv");
    csv::Reader::from_reader(text.as_bytes()).records().map(|r| r.expect("record")).collect()
}

#[test]
fn every_real_pdf_gives_tables_or_a_clear_error() {
    let Some(shared) = shared() else {
        eprintln!("skipped: ../shared is absent");
        return;
    };
    let tmp = TempDir::new("real");
    let out = run(&[
        "convert",
        shared.join("corpus/real").to_str().unwrap_or_default(),
        "--out",
        tmp.path().to_str().unwrap_or_default(),
    ]);
    assert!(matches!(out.status.code(), Some(0 | 1)), "{}", String::from_utf8_lossy(&out.stderr));
    let docs = documents(tmp.path());
    assert_eq!(docs.len(), 25);
    for d in &docs {
        let (source, tables, status, error) = (&d[0], &d[5], &d[9], &d[10]);
        if status == "error" {
            assert!(!error.is_empty(), "{source}: error without a reason");
        } else {
            assert!(tables.parse::<u32>().unwrap_or(0) > 0, "{source}: no tables and no error");
        }
    }
    let reason = |name: &str| docs.iter().find(|d| &d[0] == name).map(|d| d[10].to_string()).unwrap_or_default();
    assert_eq!(reason("real_24.pdf"), "no text layer on pages 1–210 (scanned?)");
    assert!(!reason("real_25.pdf").is_empty());
}
