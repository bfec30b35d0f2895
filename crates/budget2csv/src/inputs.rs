//! Collecting the inputs of a batch: files as given, folders searched
//! recursively for `.pdf` and `.txt`, in a stable order.

use std::path::{Path, PathBuf};

use anyhow::{bail, Result};

/// One input and the name it is reported under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    pub path: PathBuf,
    /// The path as given, or relative to the folder given.
    pub source: String,
}

pub fn collect(args: &[PathBuf]) -> Result<Vec<Input>> {
    let mut out = Vec::new();
    for a in args {
        if a.is_dir() {
            let mut files = Vec::new();
            walk(a, &mut files);
            files.sort();
            for f in files {
                let rel = f.strip_prefix(a).unwrap_or(&f);
                out.push(Input { source: slash(rel), path: f });
            }
        } else if a.exists() {
            out.push(Input { source: slash(a), path: a.clone() });
        } else {
            // Reported as a failed input, not a fatal error: the batch goes on.
            out.push(Input { source: slash(a), path: a.clone() });
        }
    }
    if out.is_empty() {
        bail!(
            "no .pdf or .txt files found in {}",
            args.iter().map(|a| a.display().to_string()).collect::<Vec<_>>().join(", ")
        );
    }
    Ok(out)
}

fn slash(p: &Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let p = e.path();
        let Ok(kind) = e.file_type() else { continue };
        if kind.is_dir() {
            walk(&p, out);
        } else if is_input(&p) {
            out.push(p);
        }
    }
}

fn is_input(p: &Path) -> bool {
    let hidden = p.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.'));
    let ext = p.extension().map(|e| e.to_string_lossy().to_ascii_lowercase());
    !hidden && matches!(ext.as_deref(), Some("pdf") | Some("txt"))
}
