//! Converting one input: extract, parse, check. Never panics: a panic
//! anywhere in the pipeline becomes this input's error.

use std::path::Path;

use anyhow::Result;
use budget_extract::{catch_quietly, extract_bytes, extract_file, ErrorKind, PdfOptions};
use budget_model::Document;

use crate::inputs::Input;

/// What became of one input.
pub struct Outcome {
    pub source: String,
    pub result: Result<Document, String>,
}

/// Converts one input in this process (the `check` command; `convert`
/// runs its inputs in worker processes).
pub fn convert_one(input: &Input) -> Outcome {
    let result = match std::fs::read(&input.path) {
        Ok(bytes) => convert_bytes(&bytes, &input.source),
        Err(e) => Err(ErrorKind::Io(e).to_string()),
    };
    Outcome { source: input.source.clone(), result }
}

/// Converts the bytes of one input; a panic anywhere becomes its error.
pub fn convert_bytes(bytes: &[u8], source: &str) -> Result<Document, String> {
    match catch_quietly(|| convert_inner(bytes, source)) {
        Ok(r) => r,
        Err(panic) => Err(format!("internal error while converting: {panic}")),
    }
}

fn convert_inner(bytes: &[u8], source: &str) -> Result<Document, String> {
    let extracted = extract_bytes(bytes, &PdfOptions::default()).map_err(|e| e.to_string())?;
    let mut doc = budget_parse::parse(&extracted.pages);
    doc.source = source.to_string();
    if doc.tables.is_empty() {
        return Err(format!("no budget tables found in {} pages", doc.pages));
    }
    doc.checks = budget_check::check_document(&doc);
    Ok(doc)
}

/// `budget2csv text FILE`: the reflowed lines, page by page.
pub fn run_text(path: &Path) -> Result<bool> {
    let extracted = match catch_quietly(|| extract_file(path, &PdfOptions::default())) {
        Ok(Ok(e)) => e,
        Ok(Err(e)) => {
            eprintln!("budget2csv: {e}");
            return Ok(false);
        }
        Err(panic) => {
            eprintln!("budget2csv: {}: internal error: {panic}", path.display());
            return Ok(false);
        }
    };
    use std::io::Write;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for page in &extracted.pages {
        writeln!(out, "--- page {} ---", page.number)?;
        for line in &page.lines {
            writeln!(out, "{}", line.text)?;
        }
    }
    out.flush()?;
    Ok(true)
}
