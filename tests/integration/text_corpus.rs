//! The text path on real budgets: the texts pdf-extract's own `extract_text`
//! gives for the PDFs of `../shared/corpus/real` and `national` (made at
//! test time, so that no text of a corpus PDF is committed) convert without
//! a crash: every text gets its row in `documents.csv`, converted or with an
//! error that says why, and none with an internal error (a panic caught).
//! The PDFs pdf-extract itself cannot read have no text to convert. Skipped,
//! saying so, without `../shared`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::support::{read_csv, run, shared_or_skip, TempDir};

/// Writes the text of each PDF of `dir` into `texts` as `<stem>.txt`; the
/// stems pdf-extract could not read (an error or a panic of its own), which
/// have no text to convert.
fn make_texts(dir: &Path, texts: &Path) -> Vec<String> {
    let mut pdfs: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("corpus folder")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    pdfs.sort();
    let halves: Vec<Vec<PathBuf>> =
        vec![pdfs.iter().step_by(2).cloned().collect(), pdfs.iter().skip(1).step_by(2).cloned().collect()];
    let texts = texts.to_path_buf();
    let workers: Vec<_> = halves
        .into_iter()
        .map(|half| {
            let texts = texts.clone();
            std::thread::spawn(move || half.iter().filter_map(|pdf| write_text(pdf, &texts)).collect::<Vec<_>>())
        })
        .collect();
    workers.into_iter().flat_map(|w| w.join().expect("text worker")).collect()
}

/// Writes `pdf`'s text; the stem when pdf-extract fails on it.
fn write_text(pdf: &Path, texts: &Path) -> Option<String> {
    let stem = pdf.file_stem()?.to_string_lossy().to_string();
    let text = std::panic::catch_unwind(|| pdf_extract::extract_text(pdf));
    match text {
        Ok(Ok(text)) if !text.trim().is_empty() => {
            std::fs::write(texts.join(format!("{stem}.txt")), text).expect("text written");
            None
        }
        _ => Some(stem),
    }
}

/// Status and error per document stem of a conversion in `out`.
fn statuses(out: &Path) -> BTreeMap<String, (String, String)> {
    read_csv(&out.join("documents.csv"))
        .iter()
        .map(|d| (stem(&d["source"]), (d["status"].to_string(), d["error"].to_string())))
        .collect()
}

fn stem(source: &str) -> String {
    let name = source.rsplit(['/', '\\']).next().unwrap_or(source);
    name.rsplit_once('.').map_or(name, |(s, _)| s).to_string()
}

#[test]
fn corpus_texts_convert_without_a_crash() {
    let Some(shared) = shared_or_skip("corpus_texts_convert_without_a_crash") else { return };
    let mut wrong = Vec::new();
    for corpus in ["real", "national"] {
        let dir = shared.join("corpus").join(corpus);
        let texts = TempDir::new(&format!("corpus-texts-{corpus}"));
        let unread = make_texts(&dir, texts.path());
        let out = TempDir::new(&format!("corpus-text-{corpus}"));
        let done = run(&["convert", path(texts.path()), "--out", path(out.path()), "--jobs", "2"]);
        let code = done.status.code();
        if !matches!(code, Some(0 | 1)) {
            wrong.push(format!("{corpus}: exit status {code:?}: {}", String::from_utf8_lossy(&done.stderr)));
            continue;
        }
        let got = statuses(out.path());
        let written = std::fs::read_dir(texts.path()).expect("texts").count();
        if got.len() != written {
            wrong.push(format!("{corpus}: {written} texts but {} documents written", got.len()));
        }
        for (stem, (status, error)) in &got {
            let fine = matches!(status.as_str(), "ok" | "partial") || (status == "error" && !error.is_empty());
            if !fine || error.contains("internal error") {
                wrong.push(format!("{stem}: status {status:?}, error {error:?}"));
            }
        }
        assert!(unread.len() < 10, "{corpus}: pdf-extract read too few PDFs: {unread:?}");
    }
    assert!(wrong.is_empty(), "texts not converted as they should be:\n{}", wrong.join("\n"));
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap_or_default()
}
