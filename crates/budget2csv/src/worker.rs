//! The worker of a convert batch: a child process of the batch that reads
//! jobs (one JSON line each) on standard input, converts each input and
//! writes its document folder, and answers one JSON line per job on
//! standard output.
//!
//! Running each input in a worker process is what lets the batch stop an
//! input that runs too long (the worker is killed and replaced) or needs
//! too much memory (the worker's address space is limited, so the
//! allocation fails and the worker dies) without stopping the others.

use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Context, Result};
use budget_export::{CsvOptions, DocumentRecord};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::convert::convert_bytes_with_pages;
use crate::outdir::write_document;

/// One input to convert.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Job {
    /// Position of the input in the batch.
    pub index: usize,
    pub path: PathBuf,
    pub source: String,
    /// The document's folder under `out`.
    pub folder: String,
    pub out: PathBuf,
    pub excel: bool,
    /// Write the document's review page too.
    #[serde(default)]
    pub review: bool,
    /// Write the document's XLSX workbook too.
    #[serde(default)]
    pub xlsx: bool,
}

/// What became of one job.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Reply {
    pub index: usize,
    /// `ok`, `partial` or `error`.
    pub status: String,
    /// One line, for `error`.
    pub error: String,
    pub elapsed_ms: u64,
    pub pages: u32,
    pub tables: usize,
    pub cells: usize,
    pub checks_failed: usize,
    pub sha256: String,
    /// The document's folder was written, its row of documents.csv with
    /// it: true also for an `error` of kind 其他 (read, but not a budget).
    pub written: bool,
}

impl Reply {
    /// A reply about input `index` with `status` and nothing counted yet.
    pub fn new(index: usize, status: &str) -> Self {
        Reply {
            index,
            status: status.into(),
            error: String::new(),
            elapsed_ms: 0,
            pages: 0,
            tables: 0,
            cells: 0,
            checks_failed: 0,
            sha256: String::new(),
            written: false,
        }
    }
}

/// SHA-256 of some bytes, as lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// The worker loop: runs until standard input closes.
pub fn run_worker(memory_mb: u64) -> Result<bool> {
    limit_memory(memory_mb);
    let stdin = std::io::stdin();
    let stdout = std::io::stdout();
    for line in stdin.lock().lines() {
        let line = line.context("reading a job")?;
        if line.trim().is_empty() {
            continue;
        }
        let job: Job = serde_json::from_str(&line).context("a job the worker cannot read")?;
        let reply = run_job(&job, memory_mb);
        let mut out = stdout.lock();
        serde_json::to_writer(&mut out, &reply)?;
        out.write_all(b"\n")?;
        out.flush()?;
    }
    Ok(true)
}

fn run_job(job: &Job, memory_mb: u64) -> Reply {
    let start = Instant::now();
    let mut reply = Reply::new(job.index, "error");
    let bytes = match std::fs::read(&job.path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::OutOfMemory => {
            reply.error = format!("memory limit of {memory_mb} MB per file exceeded");
            reply.elapsed_ms = start.elapsed().as_millis() as u64;
            return reply;
        }
        Err(e) => {
            reply.error = budget_extract::ErrorKind::Io(e).to_string();
            reply.elapsed_ms = start.elapsed().as_millis() as u64;
            return reply;
        }
    };
    reply.sha256 = sha256_hex(&bytes);
    match convert_bytes_with_pages(&bytes, &job.source, job.review) {
        Ok((doc, pages)) => {
            reply.elapsed_ms = start.elapsed().as_millis() as u64;
            reply.status = DocumentRecord::status_of(&doc).into();
            reply.pages = doc.pages;
            reply.tables = doc.tables.len();
            reply.cells = doc.cell_count();
            reply.checks_failed = doc.checks_failed();
            let mut record = DocumentRecord::converted(&doc, &reply.status, reply.elapsed_ms);
            record.sha256 = reply.sha256.clone();
            reply.error = record.error.clone();
            let csv = CsvOptions { excel: job.excel };
            let dir = job.out.join(&job.folder);
            let written = write_document(&dir, &doc, csv, job.xlsx, record).and_then(|()| {
                if job.review {
                    crate::review::write_page(&dir, &doc, &pages)
                } else {
                    Ok(())
                }
            });
            match written {
                Ok(()) => reply.written = true,
                Err(e) => {
                    reply.status = "error".into();
                    reply.error = format!("cannot write the document's files: {e:#}");
                }
            }
        }
        Err(e) => {
            reply.elapsed_ms = start.elapsed().as_millis() as u64;
            reply.error = e;
        }
    }
    reply
}

/// Limits the worker's address space, so that a file that needs too much
/// memory fails its own conversion (the allocation fails, the worker dies)
/// instead of the machine's.
#[cfg(unix)]
fn limit_memory(memory_mb: u64) {
    let bytes = memory_mb.saturating_mul(1024 * 1024);
    // A limit the system refuses leaves the worker unlimited; the batch's
    // time limit still applies.
    let _ = rlimit::setrlimit(rlimit::Resource::AS, bytes, bytes);
}

#[cfg(not(unix))]
fn limit_memory(_memory_mb: u64) {}
