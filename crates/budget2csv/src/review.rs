//! `--review`: each document's review page in its folder, and the index
//! `DIR/review.html` of the batch, from its `documents.csv`.

use std::path::Path;

use anyhow::{Context, Result};
use budget_model::{Document, Page};
use budget_review::IndexEntry;
use serde::Deserialize;

use crate::atomic::AtomicFile;

/// The review page's name, in a document's folder and in the output folder.
pub const PAGE: &str = "review.html";

/// Writes `dir/review.html` for `doc`, read from `pages`.
pub fn write_page(dir: &Path, doc: &Document, pages: &[Page]) -> Result<()> {
    let html = budget_review::document_page(doc, pages);
    write(&dir.join(PAGE), &html)
}

/// The columns of `documents.csv` the index shows.
#[derive(Deserialize)]
struct Row {
    source: String,
    department: String,
    year: String,
    status: String,
    tables: String,
    checks_failed: String,
    error: String,
    #[serde(default)]
    confirmed: String,
}

/// Writes `out/review.html`: one line per row of `out/documents.csv`, in
/// the order of `folders` (the batch's), linking to each folder's page.
pub fn write_index<'a>(out: &Path, folders: impl Iterator<Item = &'a str>) -> Result<()> {
    let path = out.join("documents.csv");
    let text = std::fs::read_to_string(&path).with_context(|| format!("cannot read {}", path.display()))?;
    let text = text.trim_start_matches('\u{feff}');
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let mut entries = Vec::new();
    for (row, folder) in reader.deserialize::<Row>().zip(folders) {
        let row = row.with_context(|| format!("cannot read {}", path.display()))?;
        let page = format!("{folder}/{PAGE}");
        let link = out.join(&page).is_file().then_some(page);
        entries.push(IndexEntry {
            source: row.source,
            department: row.department,
            year: row.year,
            status: row.status,
            confirmed: row.confirmed,
            tables: row.tables,
            checks_failed: row.checks_failed,
            error: row.error,
            link,
        });
    }
    write(&out.join(PAGE), &budget_review::index_page(&entries))
}

fn write(path: &Path, html: &str) -> Result<()> {
    use std::io::Write;
    let mut f = AtomicFile::create(path)?;
    f.write_all(html.as_bytes()).with_context(|| format!("cannot write {}", path.display()))?;
    f.commit()?;
    Ok(())
}
