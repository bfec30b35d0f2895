//! Helpers: running the binary, temporary folders, readable diffs, CSV
//! read by column name.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::rc::Rc;
use std::sync::OnceLock;

use budget_export::{DocumentRecord, Record as _};

mod diff;

pub use diff::diff;

/// The workspace root (where `samples/` is).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().expect("workspace root")
}

/// `../shared` beside the project, if present; if not, `None`, and the test
/// output says `skipped <test>: ../shared is absent`.
pub fn shared_or_skip(test: &str) -> Option<PathBuf> {
    let p = root().join("../shared");
    if p.join("corpus").is_dir() {
        return Some(p);
    }
    skip(test, "../shared is absent");
    None
}

/// Says in the test output that `test` is skipped, and why.
///
/// The note goes straight to the process's stderr: libtest captures what a
/// test prints with `eprintln!` and shows it only when the test fails, so a
/// skipped test would pass without a sign.
pub fn skip(test: &str, why: &str) {
    let _ = writeln!(std::io::stderr(), "skipped {test}: {why}");
}

/// The sample stems listed in `samples/truth/PENDING` (one a line; blank
/// lines and `#` comments ignored): samples of patterns the converter does
/// not read right yet, which the sample tests skip, saying so, until a fix
/// takes them off the list.
pub fn pending_samples() -> std::collections::BTreeSet<String> {
    let text = std::fs::read_to_string(root().join("samples/truth/PENDING")).unwrap_or_default();
    text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).map(str::to_string).collect()
}

/// Runs budget2csv with `args` in the workspace root.
pub fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_budget2csv")).args(args).current_dir(root()).output().expect("budget2csv runs")
}

/// One conversion of the whole national corpus (`convert <corpus/national>
/// --jobs 2`), made once per test run and shared by the tests that read it:
/// the output folder (under Cargo's temporary folder for tests, replaced on
/// each run), the exit status and the standard error.
pub struct Conversion {
    pub out: PathBuf,
    pub code: Option<i32>,
    pub stderr: String,
}

/// The national corpus converted once (see [`Conversion`]); the first test to
/// ask converts it while the others wait.
pub fn national_conversion(shared: &Path) -> &'static Conversion {
    static NATIONAL: OnceLock<Conversion> = OnceLock::new();
    NATIONAL.get_or_init(|| {
        let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("national-corpus");
        let _ = std::fs::remove_dir_all(&out);
        let folder = shared.join("corpus/national");
        let done = run(&["convert", path_str(&folder), "--out", path_str(&out), "--jobs", "2"]);
        Conversion { out, code: done.status.code(), stderr: String::from_utf8_lossy(&done.stderr).into_owned() }
    })
}

fn path_str(p: &Path) -> &str {
    p.to_str().unwrap_or_default()
}

/// A fresh temporary folder, removed when dropped.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(name: &str) -> Self {
        let p = std::env::temp_dir().join(format!("budget2csv-test-{}-{}", name, std::process::id()));
        let _ = std::fs::remove_dir_all(&p);
        std::fs::create_dir_all(&p).expect("temp dir");
        TempDir(p)
    }

    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The files under `dir` that `keep` accepts (by path relative to `dir`,
/// with `/`), path → content; in every `documents.csv` the `elapsed_ms`
/// column, which differs from run to run, is blanked.
pub fn output_files(dir: &Path, keep: impl Fn(&str) -> bool) -> std::collections::BTreeMap<String, String> {
    let mut out = std::collections::BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("readable output folder").flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
                continue;
            }
            let rel = p.strip_prefix(dir).expect("inside").to_string_lossy().replace('\\', "/");
            if !keep(&rel) {
                continue;
            }
            let text = std::fs::read_to_string(&p).expect("UTF-8 output");
            let text = if rel.ends_with("documents.csv") { blank_elapsed(&text) } else { text };
            out.insert(rel, text);
        }
    }
    out
}

/// `documents.csv`, or a document's rows of it (without header), with the
/// `elapsed_ms` column blanked.
fn blank_elapsed(text: &str) -> String {
    let elapsed = DocumentRecord::columns().iter().position(|c| c == "elapsed_ms").expect("an elapsed_ms column");
    let mut r = csv::ReaderBuilder::new().has_headers(false).from_reader(text.as_bytes());
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(Vec::new());
    for rec in r.records() {
        let rec = rec.expect("record");
        let fields: Vec<&str> = rec.iter().enumerate().map(|(i, f)| if i == elapsed { "" } else { f }).collect();
        w.write_record(&fields).expect("write");
    }
    String::from_utf8(w.into_inner().expect("flush")).expect("UTF-8")
}

/// One record of a CSV file, its fields looked up by column name:
/// `row["status"]`.
#[derive(Debug, Clone)]
pub struct Record {
    header: Rc<csv::StringRecord>,
    fields: csv::StringRecord,
}

impl Record {
    /// The fields, in order, but that of `column`.
    pub fn without(&self, column: &str) -> Vec<String> {
        let skip = self.position(column);
        self.fields.iter().enumerate().filter(|(i, _)| *i != skip).map(|(_, f)| f.to_string()).collect()
    }

    /// The fields, in order.
    pub fn fields(&self) -> Vec<&str> {
        self.fields.iter().collect()
    }

    fn position(&self, column: &str) -> usize {
        self.header
            .iter()
            .position(|h| h == column)
            .unwrap_or_else(|| panic!("no column {column:?} in {:?}", self.header))
    }
}

impl std::ops::Index<&str> for Record {
    type Output = str;

    fn index(&self, column: &str) -> &str {
        &self.fields[self.position(column)]
    }
}

/// The records of a CSV file with a header row, each read by column name.
pub fn read_csv(path: &Path) -> Vec<Record> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut r = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let header = Rc::new(r.headers().expect("a header row").clone());
    r.records().map(|fields| Record { header: header.clone(), fields: fields.expect("a CSV record") }).collect()
}

/// `DIR/documents.csv` as (source, status, error) rows.
pub fn document_statuses(dir: &Path) -> Vec<(String, String, String)> {
    read_csv(&dir.join("documents.csv"))
        .iter()
        .map(|d| (d["source"].to_string(), d["status"].to_string(), d["error"].to_string()))
        .collect()
}
