//! The font renumbering (`PdfOptions::renumber_fonts`) changes how fast
//! pdf-extract reads a page, never what it reads: every page of every PDF
//! gives the same lines and the same glyphs, with their boxes, with it on
//! and off. On the sample PDFs, the CJK fixtures and, when `../shared` is
//! beside the project, the real corpus.

use std::io::Write;
use std::path::{Path, PathBuf};

use budget_extract::{extract_bytes, PdfOptions};
use budget_model::Page;

/// The PDFs of a folder, sorted (none when it is absent).
fn pdfs(dir: &Path) -> Vec<PathBuf> {
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

/// The pages of a PDF, or its error, with the renumbering on or off.
fn read(bytes: &[u8], renumber_fonts: bool) -> Result<Vec<Page>, String> {
    let options = PdfOptions { renumber_fonts, ..PdfOptions::default() };
    extract_bytes(bytes, &options).map(|e| e.pages).map_err(|e| e.to_string())
}

/// Where the pages read with the renumbering differ from those read
/// without: one line per page that differs, naming the first difference.
fn differences(name: &str, on: &[Page], off: &[Page]) -> Vec<String> {
    let mut out = Vec::new();
    if on.len() != off.len() {
        out.push(format!("{name}: {} pages renumbered, {} not", on.len(), off.len()));
    }
    for (a, b) in on.iter().zip(off) {
        let lines = |p: &Page| p.lines.iter().map(|l| l.text.clone()).collect::<Vec<_>>();
        let (la, lb) = (lines(a), lines(b));
        if la != lb {
            let i = la.iter().zip(&lb).position(|(x, y)| x != y).unwrap_or(la.len().min(lb.len()));
            let (x, y) = (la.get(i), lb.get(i));
            out.push(format!("{name} page {}: line {}: {x:?} renumbered, {y:?} not", a.number, i + 1));
        } else if a.glyphs != b.glyphs {
            let i = a.glyphs.iter().zip(&b.glyphs).position(|(x, y)| x != y).unwrap_or(a.glyphs.len());
            let (x, y) = (a.glyphs.get(i), b.glyphs.get(i));
            out.push(format!("{name} page {}: glyph {i}: {x:?} renumbered, {y:?} not", a.number));
        }
    }
    out
}

/// Reads every file both ways; returns the pages read and the differences.
fn compare(files: &[PathBuf]) -> (usize, Vec<String>) {
    let (mut pages, mut found) = (0, Vec::new());
    for file in files {
        let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let bytes = std::fs::read(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        match (read(&bytes, true), read(&bytes, false)) {
            (Ok(on), Ok(off)) => {
                pages += on.len();
                found.extend(differences(&name, &on, &off));
            }
            (on, off) => {
                let (on, off) = (on.map(|p| p.len()), off.map(|p| p.len()));
                if on != off {
                    found.push(format!("{name}: {on:?} renumbered, {off:?} not"));
                }
            }
        }
    }
    (pages, found)
}

#[test]
fn the_samples_read_the_same_with_and_without_renumbering() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let files: Vec<PathBuf> =
        [root.join("../../samples/pdf"), root.join("tests/fixtures")].iter().flat_map(|d| pdfs(d)).collect();
    assert!(files.len() >= 8, "{files:?}");
    let (pages, found) = compare(&files);
    assert!(pages >= files.len(), "{pages} pages read");
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn the_real_corpus_reads_the_same_with_and_without_renumbering() {
    let real = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/real");
    if !real.is_dir() {
        // Written past libtest's capture, so that the skip shows.
        let _ = writeln!(std::io::stderr(), "skipped: {} is absent", real.display());
        return;
    }
    let files = pdfs(&real);
    assert!(!files.is_empty(), "no PDFs in {}", real.display());
    let (pages, found) = compare(&files);
    assert!(pages >= files.len(), "{pages} pages read");
    assert!(found.is_empty(), "{}", found.join("\n"));
}
