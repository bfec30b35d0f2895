//! Every bundled sample converts to exactly its golden outputs.
//!
//! `samples/text/*.txt` and `samples/pdf/*.pdf` are the inputs; the expected
//! output of each is `samples/expected/<stem>/` (the combined CSV files and
//! the document's folder, without `document.json`), checked by hand. After
//! a deliberate change, `UPDATE_GOLDEN=1 cargo test golden` rewrites them;
//! review the diff before committing. Samples listed in
//! `samples/truth/PENDING` (patterns not read right yet) have no golden and
//! are skipped, with a note in the test output.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::support::{diff, output_files, pending_samples, root, run, skip, TempDir};

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

/// The files a golden covers: all but `document.json` and a document's own
/// rows (the parts of the combined files).
fn outputs(dir: &Path) -> BTreeMap<String, String> {
    output_files(dir, |rel| !rel.ends_with("document.json") && !rel.contains(".rows/"))
}

#[test]
fn samples_convert_to_their_golden_outputs() {
    let inputs = sample_inputs();
    assert!(!inputs.is_empty(), "no samples found under samples/");
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let pending = pending_samples();
    let mut failures = Vec::new();
    for input in inputs {
        let stem = input.file_stem().expect("file name").to_string_lossy().into_owned();
        if pending.contains(&stem) {
            skip("samples_convert_to_their_golden_outputs", &format!("{stem} is pending (samples/truth/PENDING)"));
            continue;
        }
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
