//! The in-process stages of a conversion, each timed on its own:
//! extraction (PDF or text → pages of lines), parsing (pages → tables,
//! indicators, forms) and checking (tables → sum checks).
//!
//! ```text
//! cargo bench -p budget-pipeline --bench pipeline
//! ```
//!
//! Inputs: the bundled samples (the seed text and the generated PDFs), and
//! when `../shared/corpus/real` is beside the project, three real
//! department budgets of different templates. Whole-process figures
//! against pdftotext are `scripts/bench.sh`'s (BENCHMARKS.md).
#![allow(missing_docs)]

use std::path::{Path, PathBuf};

use budget_extract::{extract_bytes, PdfOptions};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};

/// (name, bytes) of each input present.
fn inputs() -> Vec<(String, Vec<u8>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut paths: Vec<PathBuf> = vec![root.join("samples/text/wuchang-gov-office-2024.txt")];
    for name in ["ruled-rects", "ruled-strokes", "unruled", "rotated"] {
        paths.push(root.join(format!("samples/pdf/{name}.pdf")));
    }
    // Wuhan (ruled by rectangles), Shanghai (stroked), Jiangsu (公开01表…).
    for name in ["real_01", "real_03", "real_18"] {
        let p = root.join(format!("../shared/corpus/real/{name}.pdf"));
        if p.exists() {
            paths.push(p);
        }
    }
    paths
        .into_iter()
        .map(|p| {
            let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let bytes = std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            (name, bytes)
        })
        .collect()
}

fn stages(c: &mut Criterion) {
    let options = PdfOptions::default();
    for (name, bytes) in inputs() {
        let pages = extract_bytes(&bytes, &options).unwrap_or_else(|e| panic!("{name}: {e}")).pages;
        let doc = budget_parse::parse(&pages);
        assert!(!doc.tables.is_empty(), "{name}: no tables");

        let mut group = c.benchmark_group("pages");
        group.throughput(Throughput::Elements(pages.len() as u64));
        group.sample_size(20);
        group.bench_with_input(BenchmarkId::new("extract", &name), &bytes, |b, bytes| {
            b.iter(|| extract_bytes(bytes, &options).map(|e| e.pages.len()))
        });
        group.bench_with_input(BenchmarkId::new("parse", &name), &pages, |b, pages| {
            b.iter(|| budget_parse::parse(pages).tables.len())
        });
        group.bench_with_input(BenchmarkId::new("check", &name), &doc, |b, doc| {
            b.iter(|| budget_check::check_document(doc).len())
        });
        group.finish();
    }
}

criterion_group!(benches, stages);
criterion_main!(benches);
