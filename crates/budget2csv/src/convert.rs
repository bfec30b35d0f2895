//! Converting one input: extract, parse, check (`budget_pipeline`). Never
//! panics: a panic anywhere in the pipeline becomes this input's error.

use std::path::Path;

use anyhow::Result;
use budget_extract::{catch_quietly, extract_file, ErrorKind};
use budget_model::{Document, Page};
use budget_pipeline::options_from_env;

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

/// Converts the bytes of one input, with the options the environment
/// sets; the error is its one line (a panic anywhere becomes one).
pub fn convert_bytes(bytes: &[u8], source: &str) -> Result<Document, String> {
    budget_pipeline::convert(bytes, source, &options_from_env()).map_err(|e| e.kind().to_string())
}

/// Converts as [`convert_bytes`] does, keeping the pages read when
/// `keep_pages` (for the review page; empty otherwise).
pub fn convert_bytes_with_pages(bytes: &[u8], source: &str, keep_pages: bool) -> Result<(Document, Vec<Page>), String> {
    if !keep_pages {
        return convert_bytes(bytes, source).map(|doc| (doc, Vec::new()));
    }
    budget_pipeline::convert_with_pages(bytes, source, &options_from_env()).map_err(|e| e.kind().to_string())
}

/// `budget2csv text FILE`: the reflowed lines, page by page.
pub fn run_text(path: &Path) -> Result<bool> {
    let extracted = match catch_quietly(|| extract_file(path, &options_from_env())) {
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
