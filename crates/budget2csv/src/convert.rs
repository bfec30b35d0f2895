//! Converting one input: extract, parse, check. Never panics: a panic
//! anywhere in the pipeline becomes this input's error.

use std::path::Path;
use std::time::Instant;

use anyhow::Result;
use budget_extract::{catch_quietly, extract_file, PdfOptions};
use budget_model::Document;

use crate::inputs::Input;

/// What became of one input.
pub struct Outcome {
    pub source: String,
    pub result: Result<Document, String>,
    pub elapsed_ms: u64,
}

impl Outcome {
    /// `ok`, `partial` (converted, with things it could not rebuild) or `error`.
    pub fn status(&self) -> &'static str {
        match &self.result {
            Err(_) => "error",
            Ok(d) if d.findings.is_empty() => "ok",
            Ok(_) => "partial",
        }
    }
}

pub fn convert_one(input: &Input) -> Outcome {
    let start = Instant::now();
    let result = match catch_quietly(|| convert_path(&input.path, &input.source)) {
        Ok(r) => r,
        Err(panic) => Err(format!("internal error while converting: {panic}")),
    };
    Outcome { source: input.source.clone(), result, elapsed_ms: start.elapsed().as_millis() as u64 }
}

fn convert_path(path: &Path, source: &str) -> Result<Document, String> {
    let extracted = extract_file(path, &PdfOptions::default()).map_err(|e| e.kind().to_string())?;
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
