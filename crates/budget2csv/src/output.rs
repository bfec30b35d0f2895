//! `budget2csv convert`: the batch, its combined files and per-document
//! folders, all written atomically.

use std::collections::HashSet;
use std::path::Path;
use std::time::Instant;

use anyhow::{Context, Result};
use budget_export::{
    table_file_name, write_json, write_wide_table, CheckRecord, CsvOptions, DocumentRecord, FormRecord,
    IndicatorRecord, Writer,
};
use budget_model::Document;

use crate::args::ConvertOptions;
use crate::atomic::{write_file, AtomicFile};
use crate::convert::{convert_one, Outcome};
use crate::inputs::collect;

/// The combined files of a batch, open under temporary names.
struct Combined {
    cells: Writer<AtomicFile>,
    documents: Writer<AtomicFile>,
    checks: Writer<AtomicFile>,
    indicators: Writer<AtomicFile>,
    forms: Writer<AtomicFile>,
}

const CELLS: &[&str] = &[
    "source",
    "department",
    "year",
    "table_no",
    "table_key",
    "table_title",
    "section",
    "row_code",
    "row_name",
    "column",
    "value",
    "unit",
    "page",
];
const DOCUMENTS: &[&str] = &[
    "source",
    "department",
    "year",
    "kind",
    "pages",
    "tables",
    "cells",
    "indicators",
    "checks_failed",
    "status",
    "error",
    "elapsed_ms",
];
const CHECKS: &[&str] = &[
    "source",
    "check",
    "table_key",
    "row_code",
    "row_name",
    "column",
    "expected",
    "actual",
    "difference",
    "status",
    "page",
];
const INDICATORS: &[&str] = &[
    "source",
    "department",
    "year",
    "table_key",
    "project",
    "goal",
    "level1",
    "level2",
    "level3",
    "value",
    "basis",
    "prev2_value",
    "prev1_value",
    "page",
];
const FORMS: &[&str] = &["source", "department", "year", "form", "project", "field", "value", "page"];

impl Combined {
    fn open(dir: &Path, options: CsvOptions) -> Result<Self> {
        let w = |name: &str| -> Result<Writer<AtomicFile>> {
            Ok(Writer::new(AtomicFile::create(&dir.join(name))?, options))
        };
        Ok(Combined {
            cells: w("cells.csv")?,
            documents: w("documents.csv")?,
            checks: w("checks.csv")?,
            indicators: w("indicators.csv")?,
            forms: w("forms.csv")?,
        })
    }

    fn add(&mut self, outcome: &Outcome) -> Result<()> {
        match &outcome.result {
            Ok(doc) => {
                self.cells.cells(doc)?;
                for c in &doc.checks {
                    self.checks.record(CheckRecord::new(&doc.source, c))?;
                }
                for i in &doc.indicators {
                    self.indicators.record(IndicatorRecord::new(doc, i))?;
                }
                for f in &doc.forms {
                    self.forms.record(FormRecord::new(doc, f))?;
                }
                self.documents.record(DocumentRecord::converted(doc, outcome.status(), outcome.elapsed_ms))?;
            }
            Err(e) => self.documents.record(DocumentRecord::failed(&outcome.source, e, outcome.elapsed_ms))?,
        }
        Ok(())
    }

    /// Writes the headers of files that got no rows, and renames every file
    /// into place.
    fn commit(mut self) -> Result<()> {
        self.cells.header(CELLS)?;
        self.documents.header(DOCUMENTS)?;
        self.checks.header(CHECKS)?;
        self.indicators.header(INDICATORS)?;
        self.forms.header(FORMS)?;
        for w in [self.cells, self.documents, self.checks, self.indicators, self.forms] {
            w.finish()?.commit()?;
        }
        Ok(())
    }
}

pub fn run_convert(opts: &ConvertOptions) -> Result<bool> {
    let started = Instant::now();
    let inputs = collect(&opts.inputs)?;
    std::fs::create_dir_all(&opts.out)
        .with_context(|| format!("cannot create output folder {}", opts.out.display()))?;
    let csv = CsvOptions { excel: opts.excel };
    let mut combined = Combined::open(&opts.out, csv)?;
    let mut folders: HashSet<String> = HashSet::new();
    let (mut ok, mut partial, mut failed, mut tables, mut cells) = (0, 0, 0, 0, 0);
    let total = inputs.len();
    for (i, input) in inputs.iter().enumerate() {
        let outcome = convert_one(input);
        if let Ok(doc) = &outcome.result {
            let folder = folder_name(&doc.source, &mut folders);
            write_document(&opts.out.join(&folder), doc, csv)?;
            tables += doc.tables.len();
            cells += doc.cell_count();
        }
        match outcome.status() {
            "ok" => ok += 1,
            "partial" => partial += 1,
            _ => failed += 1,
        }
        eprintln!("[{}/{}] {} {}", i + 1, total, outcome.source, describe(&outcome));
        combined.add(&outcome)?;
    }
    combined.commit()?;
    eprintln!(
        "{} files: {} ok, {} partial, {} failed; {} tables, {} cells; {:.1}s → {}",
        total,
        ok,
        partial,
        failed,
        tables,
        cells,
        started.elapsed().as_secs_f64(),
        opts.out.display()
    );
    Ok(failed == 0)
}

fn describe(o: &Outcome) -> String {
    match &o.result {
        Ok(d) => format!("{}: {} tables, {} cells, {} ms", o.status(), d.tables.len(), d.cell_count(), o.elapsed_ms),
        Err(e) => format!("error: {e}"),
    }
}

/// The document's folder: its source's file stem, made unique in the batch.
fn folder_name(source: &str, taken: &mut HashSet<String>) -> String {
    let stem =
        Path::new(source).file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "document".into());
    let mut name = stem.clone();
    let mut n = 2;
    while !taken.insert(name.clone()) {
        name = format!("{stem}-{n}");
        n += 1;
    }
    name
}

/// The per-document folder: one wide CSV per table and document.json.
fn write_document(dir: &Path, doc: &Document, csv: CsvOptions) -> Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let mut names: HashSet<String> = HashSet::new();
    for (i, t) in doc.tables.iter().enumerate() {
        let mut name = table_file_name(t, i);
        if !names.insert(name.clone()) {
            name = format!("{}-{}", i + 1, name);
            names.insert(name.clone());
        }
        write_file(&dir.join(&name), |f| Ok(write_wide_table(f, t, csv)?))?;
    }
    write_file(&dir.join("document.json"), |f| Ok(write_json(f, doc)?))
}
