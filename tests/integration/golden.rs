//! Every bundled sample converts to exactly its golden outputs.
//!
//! `samples/text/*.txt` and `samples/pdf/*.pdf` are the inputs; the expected
//! output of each is `samples/expected/<stem>/` (the combined CSV files and
//! the document's folder, without `document.json`), checked by hand. After
//! a deliberate change, `UPDATE_GOLDEN=1 cargo test golden` rewrites them;
//! review the diff before committing.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::support::{diff, root, run, TempDir};

fn sample_inputs() -> Vec<PathBuf> {
    let mut out = Vec::new();
    for sub in ["text", "pdf"] {
        let dir = root().join("samples").join(sub);
        if let Ok(entries) = std::fs::read_dir(&dir) {
            out.extend(
                entries
                    .flatten()
                    .map(|e| e.path())
                    .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("txt" | "pdf"))),
            );
        }
    }
    out.sort();
    out
}

/// Files under `dir` (relative path → content), `document.json` left out,
/// the time column of documents.csv blanked.
fn outputs(dir: &Path) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("readable output folder").flatten() {
            let p = e.path();
            if p.is_dir() {
                // A document's own rows are the combined files' parts.
                if p.file_name().is_some_and(|n| n != ".rows") {
                    stack.push(p);
                }
            } else if p.file_name().is_some_and(|n| n != "document.json") {
                let rel = p.strip_prefix(dir).expect("inside").to_string_lossy().replace('\\', "/");
                let text = std::fs::read_to_string(&p).expect("UTF-8 output");
                let text = if rel == "documents.csv" { blank_elapsed(&text) } else { text };
                out.insert(rel, text);
            }
        }
    }
    out
}

fn blank_elapsed(text: &str) -> String {
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(Vec::new());
    let headers = r.headers().expect("header").clone();
    let at = headers.iter().position(|h| h == "elapsed_ms").expect("elapsed_ms column");
    w.write_record(&headers).expect("write");
    for rec in r.records() {
        let rec = rec.expect("record");
        let fields: Vec<&str> = rec.iter().enumerate().map(|(i, f)| if i == at { "" } else { f }).collect();
        w.write_record(&fields).expect("write");
    }
    String::from_utf8(w.into_inner().expect("flush")).expect("UTF-8")
}

#[test]
fn samples_convert_to_their_golden_outputs() {
    let inputs = sample_inputs();
    assert!(!inputs.is_empty(), "no samples found under samples/");
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut failures = Vec::new();
    for input in inputs {
        let stem = input.file_stem().expect("file name").to_string_lossy().into_owned();
        let tmp = TempDir::new(&format!("golden-{stem}"));
        let rel = input.strip_prefix(root()).expect("sample inside the workspace");
        let out =
            run(&["convert", rel.to_str().expect("UTF-8 path"), "--out", tmp.path().to_str().expect("UTF-8 path")]);
        assert!(out.status.success(), "{stem}: convert failed: {}", String::from_utf8_lossy(&out.stderr));
        let actual = outputs(tmp.path());
        let expected_dir = root().join("samples/expected").join(&stem);
        if update {
            let _ = std::fs::remove_dir_all(&expected_dir);
            for (rel, text) in &actual {
                let p = expected_dir.join(rel);
                std::fs::create_dir_all(p.parent().expect("parent")).expect("create golden folder");
                std::fs::write(&p, text).expect("write golden file");
            }
            continue;
        }
        let expected = if expected_dir.is_dir() { outputs(&expected_dir) } else { BTreeMap::new() };
        for (rel, want) in &expected {
            match actual.get(rel) {
                None => failures.push(format!("{stem}: {rel} was not written")),
                Some(got) if got != want => {
                    failures.push(format!("{stem}: {rel} differs (- golden, + now):\n{}", diff(want, got, 20)))
                }
                Some(_) => {}
            }
        }
        for rel in actual.keys().filter(|k| !expected.contains_key(*k)) {
            failures.push(format!("{stem}: {rel} is written but has no golden file"));
        }
    }
    assert!(
        failures.is_empty(),
        "{}\n(after a deliberate change: UPDATE_GOLDEN=1 cargo test golden, then review the diff)",
        failures.join("\n")
    );
}
