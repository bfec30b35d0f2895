//! Test helpers shared by the modules that change what pdf-extract reads
//! (`pagefonts`, `pagetext`) and must not change what it outputs.

use std::io::Write;
use std::path::{Path, PathBuf};

use pdf_extract::{Document, MediaBox, OutputDev, OutputError, Transform};

use crate::guard::catch_quietly;

/// Every character pdf-extract outputs, with its matrix, width and size;
/// a character `decode` knows as what it stands for.
struct Record<'d> {
    glyphs: Vec<String>,
    decode: &'d dyn Fn(&str) -> Option<String>,
}

impl OutputDev for Record<'_> {
    fn begin_page(&mut self, _: u32, _: &MediaBox, _: Option<(f64, f64, f64, f64)>) -> Result<(), OutputError> {
        Ok(())
    }
    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn output_character(&mut self, trm: &Transform, w: f64, s: f64, size: f64, ch: &str) -> Result<(), OutputError> {
        let ch = (self.decode)(ch).unwrap_or_else(|| ch.to_string());
        self.glyphs.push(format!("{ch:?} {trm:?} {w} {s} {size}"));
        Ok(())
    }
    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

/// What pdf-extract outputs for page `number`, characters decoded, or its
/// error or panic.
pub(crate) fn output_page(
    doc: &Document,
    number: u32,
    decode: &dyn Fn(&str) -> Option<String>,
) -> Result<Vec<String>, String> {
    let mut record = Record { glyphs: Vec::new(), decode };
    match catch_quietly(|| pdf_extract::output_doc_page(doc, &mut record, number)) {
        Ok(Ok(())) => Ok(record.glyphs),
        Ok(Err(e)) => Err(format!("{e:?}")),
        Err(panic) => Err(panic),
    }
}

/// The PDFs of a folder (none when it is absent), sorted.
pub(crate) fn pdfs(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
        .collect();
    out.sort();
    out
}

/// The project's PDFs: the samples and the CJK fixtures.
pub(crate) fn project_pdfs() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let files: Vec<PathBuf> =
        [root.join("../../samples/pdf"), root.join("tests/fixtures")].iter().flat_map(|d| pdfs(d)).collect();
    assert!(files.len() >= 8, "{files:?}");
    files
}

/// `../shared/corpus` beside the project, if present; if not, `None`, and
/// the test output says `skipped <test>: ../shared is absent`.
///
/// The note goes straight to the process's stderr: libtest captures what a
/// test prints with `eprintln!` and shows it only when the test fails. (The
/// integration tests' `support::shared_or_skip` does the same; this crate
/// cannot use it, as the budget2csv crate depends on this one.)
pub(crate) fn shared_corpus_or_skip(test: &str) -> Option<PathBuf> {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
    if corpus.is_dir() {
        return Some(corpus);
    }
    let _ = writeln!(std::io::stderr(), "skipped {test}: ../shared is absent");
    None
}
