//! Converted PDFs scored cell by cell against exact truths: the project's
//! own synthetic samples (always; their indicator rows too, value and basis
//! exactly), and the shared development corpus when `../shared` is present.

use crate::score::{assert_exact, score};
use crate::support::{pending_samples, root, run, shared_or_skip, skip, TempDir};

#[test]
fn every_sample_pdf_reads_exactly_its_truth() {
    let dir = root().join("samples/pdf");
    let tmp = TempDir::new("sample-truth");
    let out = run(&["convert", dir.to_str().unwrap_or_default(), "--out", tmp.path().to_str().unwrap_or_default()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let pending = pending_samples();
    if !pending.is_empty() {
        let names: Vec<&str> = pending.iter().map(String::as_str).collect();
        skip(
            "every_sample_pdf_reads_exactly_its_truth",
            &format!("pending (samples/truth/PENDING): {}", names.join(", ")),
        );
    }
    let mut checked = 0;
    for e in std::fs::read_dir(root().join("samples/truth")).expect("samples/truth").flatten() {
        let path = e.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        let Some(stem) = name.strip_suffix(".truth.json") else { continue };
        if pending.contains(stem) {
            continue;
        }
        assert_exact(tmp.path(), &path, &format!("{stem}.pdf"), stem);
        checked += 1;
    }
    assert!(checked >= 5, "only {checked} sample truths found");
}

#[test]
fn the_development_corpus_reads_with_cell_f1_of_at_least_0_99() {
    let Some(shared) = shared_or_skip("the_development_corpus_reads_with_cell_f1_of_at_least_0_99") else { return };
    let dir = shared.join("corpus/dev");
    let tmp = TempDir::new("dev-truth");
    let out = run(&["convert", dir.to_str().unwrap_or_default(), "--out", tmp.path().to_str().unwrap_or_default()]);
    assert!(matches!(out.status.code(), Some(0 | 1)), "{}", String::from_utf8_lossy(&out.stderr));
    let mut scores = Vec::new();
    for n in 1..=10 {
        let name = format!("dev{n:02}");
        let truth = dir.join(format!("{name}.truth.json"));
        if truth.exists() {
            scores.push((name.clone(), score(tmp.path(), &truth, &name)));
        }
    }
    assert!(!scores.is_empty());
    let low: Vec<_> = scores.iter().filter(|(_, s)| s.f1() < 0.99).collect();
    assert!(low.is_empty(), "documents below F1 0.99: {low:?}");
}
