//! The output folder of a batch.
//!
//! ```text
//! DIR/cells.csv documents.csv checks.csv indicators.csv forms.csv summary.csv
//! DIR/<stem>/<table_no>_<table_key>.csv … document.json
//! DIR/<stem>/.rows/cells.csv … sizes documents.csv
//! DIR/<stem>/<stem>.xlsx DIR/dataset.xlsx (with --xlsx)
//! ```
//!
//! Each converted document's folder holds, besides its tables and
//! `document.json`, its own rows of the six combined files (`.rows/`,
//! without header; `.rows/documents.csv` written last, so that it marks a
//! complete folder). The combined files are these rows put together in the
//! order of the inputs under one header, so their content does not depend on
//! which input finished first, and a batch resumed with `--skip-existing`
//! reuses the rows of the documents it does not convert again (after
//! checking that the folder's files have the sizes listed in
//! `.rows/sizes`). Every file is written under a temporary name and renamed
//! when complete; the combined files are flushed to disk as well.

use std::collections::HashSet;
use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};
use budget_export::{
    table_file_name, write_dataset_xlsx, write_document_xlsx, write_json, write_wide_table, CellRecord, CheckRecord,
    CsvOptions, DatasetFile, DocumentRecord, FormRecord, IndicatorRecord, Record, SummaryRecord, Writer,
    EXCEL_MAX_ROWS,
};
use budget_model::Document;
use serde::Deserialize;

use crate::atomic::{sync_folder, write_file, AtomicFile};

const ROWS: &str = ".rows";
/// In `.rows/`: each file of the folder with its size.
const SIZES: &str = "sizes";

/// The folder of each input: its source's file stem, made unique in the
/// batch in input order (`a`, `a-2`, …).
pub fn folder_names<'a>(sources: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut taken: HashSet<String> = HashSet::new();
    sources
        .map(|source| {
            let stem = Path::new(source)
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_else(|| "document".into());
            let mut name = stem.clone();
            let mut n = 2;
            while !taken.insert(name.clone()) {
                name = format!("{stem}-{n}");
                n += 1;
            }
            name
        })
        .collect()
}

/// The name of a document's workbook in its folder: `<folder>.xlsx`.
pub fn workbook_name(folder: &str) -> String {
    format!("{folder}.xlsx")
}

/// Writes a converted document's folder: one wide CSV per table,
/// `document.json`, its workbook when `xlsx` is asked for, and its rows of
/// the combined files. Files of an earlier conversion into the same folder
/// are removed first.
pub fn write_document(dir: &Path, doc: &Document, csv: CsvOptions, xlsx: bool, record: DocumentRecord) -> Result<()> {
    clear_document(dir)?;
    std::fs::create_dir_all(dir.join(ROWS)).with_context(|| format!("cannot create {}", dir.display()))?;
    // Each file written, relative to `dir`, with its size.
    let mut written: Vec<(String, u64)> = Vec::new();
    let mut names: HashSet<String> = HashSet::new();
    for (i, t) in doc.tables.iter().enumerate() {
        let mut name = table_file_name(t, i);
        if !names.insert(name.clone()) {
            name = format!("{}-{}", i + 1, name);
            names.insert(name.clone());
        }
        let size = write_file(&dir.join(&name), |f| Ok(write_wide_table(f, t, csv)?))?;
        written.push((name, size));
    }
    let size = write_file(&dir.join("document.json"), |f| Ok(write_json(f, doc)?))?;
    written.push(("document.json".into(), size));
    if xlsx {
        let name = workbook_name(&folder_of(dir));
        let size = write_file(&dir.join(&name), |f| Ok(write_document_xlsx(f, doc)?))?;
        written.push((name, size));
    }
    let rows = dir.join(ROWS);
    let mut rows_file = |name: &str, write: &dyn Fn(&mut Writer<&mut AtomicFile>) -> Result<()>| -> Result<()> {
        let size = write_file(&rows.join(name), |f| {
            let mut w = Writer::rows_only(f, csv);
            write(&mut w)?;
            w.finish()?;
            Ok(())
        })?;
        written.push((format!("{ROWS}/{name}"), size));
        Ok(())
    };
    rows_file(CellRecord::FILE, &|w| Ok(w.cells(doc)?))?;
    rows_file(CheckRecord::FILE, &|w| {
        doc.checks.iter().try_for_each(|c| w.record(CheckRecord::new(&doc.source, c)))?;
        Ok(())
    })?;
    rows_file(IndicatorRecord::FILE, &|w| {
        doc.indicators.iter().try_for_each(|i| w.record(IndicatorRecord::new(doc, i)))?;
        Ok(())
    })?;
    rows_file(FormRecord::FILE, &|w| {
        doc.forms.iter().try_for_each(|x| w.record(FormRecord::new(doc, x)))?;
        Ok(())
    })?;
    rows_file(SummaryRecord::FILE, &|w| Ok(w.record(SummaryRecord::new(doc))?))?;
    // Last, the sizes of all the above, then the row that marks the folder
    // complete (see `stored`).
    let sizes: String = written.iter().map(|(name, size)| format!("{size} {name}\n")).collect();
    write_file(&rows.join(SIZES), |f| Ok(f.write_all(sizes.as_bytes())?))?;
    write_file(&rows.join(DocumentRecord::FILE), |f| {
        let mut w = Writer::rows_only(f, csv);
        w.record(record)?;
        w.finish()?;
        Ok(())
    })?;
    Ok(())
}

/// The name of a document's folder (the last part of its path).
fn folder_of(dir: &Path) -> String {
    dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "document".into())
}

/// Removes what an earlier conversion wrote into a document folder (its
/// CSV files, `document.json`, its workbook, its review page, its rows),
/// nothing else.
fn clear_document(dir: &Path) -> Result<()> {
    let workbook = workbook_name(&folder_of(dir));
    let Ok(entries) = std::fs::read_dir(dir) else { return Ok(()) };
    for e in entries.flatten() {
        let p = e.path();
        let name = e.file_name().to_string_lossy().into_owned();
        if name == ROWS {
            std::fs::remove_dir_all(&p).with_context(|| format!("cannot clear {}", p.display()))?;
        } else if name.ends_with(".csv") || name == "document.json" || name == workbook || name == crate::review::PAGE {
            std::fs::remove_file(&p).with_context(|| format!("cannot clear {}", p.display()))?;
        }
    }
    Ok(())
}

/// The fields of a document folder's marker row (its row of
/// `documents.csv`) that tell whether it can be reused.
#[derive(Deserialize)]
struct Marker {
    status: String,
    sha256: String,
}

/// The files of a document folder's rows besides `documents.csv`, the
/// marker written last.
const ROW_FILES: [&str; 5] =
    [CellRecord::FILE, CheckRecord::FILE, IndicatorRecord::FILE, FormRecord::FILE, SummaryRecord::FILE];

/// The SHA-256 and status a complete document folder was written with, if
/// it is complete: its marker row is there, and every file it wrote is
/// there with the size it was written with. Document files are not flushed
/// to disk one by one (that would cost more than reading a page), so after
/// a power cut a folder can hold an empty or cut file: it then does not
/// count as converted.
pub fn stored(dir: &Path) -> Option<(String, String)> {
    let rows = dir.join(ROWS);
    let text = std::fs::read(rows.join(DocumentRecord::FILE)).ok()?;
    // The rows have no header: their columns are those of the record type.
    let mut r = csv::ReaderBuilder::new().has_headers(false).from_reader(text.as_slice());
    let header = csv::StringRecord::from(DocumentRecord::columns());
    let marker: Marker = r.records().next()?.ok()?.deserialize(Some(&header)).ok()?;
    let sizes = std::fs::read_to_string(rows.join(SIZES)).ok()?;
    let mut listed = HashSet::new();
    for line in sizes.lines() {
        let (size, name) = line.split_once(' ')?;
        let on_disk = std::fs::metadata(dir.join(name)).ok()?.len();
        if size.parse::<u64>().ok()? != on_disk {
            return None;
        }
        listed.insert(name);
    }
    let rows_listed = ROW_FILES.iter().all(|name| listed.contains(format!("{ROWS}/{name}").as_str()));
    rows_listed.then_some((marker.sha256, marker.status))
}

/// One input's place in the combined files.
pub enum Entry<'a> {
    /// Converted: its rows are in its folder.
    Folder(&'a str),
    /// Failed: its one row of documents.csv.
    Failed(Box<DocumentRecord>),
}

/// Writes the six combined files: header, then each entry's rows in order.
pub fn write_combined(out: &Path, entries: &[Entry<'_>], csv: CsvOptions) -> Result<()> {
    write_one_combined::<CellRecord>(out, entries, csv)?;
    write_one_combined::<DocumentRecord>(out, entries, csv)?;
    write_one_combined::<CheckRecord>(out, entries, csv)?;
    write_one_combined::<IndicatorRecord>(out, entries, csv)?;
    write_one_combined::<FormRecord>(out, entries, csv)?;
    write_one_combined::<SummaryRecord>(out, entries, csv)?;
    sync_folder(out);
    Ok(())
}

/// Writes the combined file of `R`: its header, then each entry's rows.
fn write_one_combined<R: Record>(out: &Path, entries: &[Entry<'_>], csv: CsvOptions) -> Result<()> {
    let mut file = AtomicFile::create(&out.join(R::FILE))?;
    if csv.excel {
        file.write_all("\u{feff}".as_bytes())?;
    }
    let mut w = Writer::rows_only(Vec::new(), csv);
    w.header_always::<R>()?;
    file.write_all(&w.finish()?)?;
    for e in entries {
        match e {
            Entry::Folder(folder) => {
                let part = out.join(folder).join(ROWS).join(R::FILE);
                let bytes = std::fs::read(&part).with_context(|| format!("cannot read {}", part.display()))?;
                file.write_all(&bytes)?;
            }
            Entry::Failed(record) if R::FILE == DocumentRecord::FILE => {
                let mut w = Writer::rows_only(Vec::new(), csv);
                w.record(DocumentRecord::clone(record))?;
                file.write_all(&w.finish()?)?;
            }
            Entry::Failed(record) if R::FILE == SummaryRecord::FILE => {
                let mut w = Writer::rows_only(Vec::new(), csv);
                w.record(SummaryRecord::failed(&record.source))?;
                file.write_all(&w.finish()?)?;
            }
            Entry::Failed(_) => {}
        }
    }
    file.commit_synced()?;
    Ok(())
}

/// The combined files in `dataset.xlsx`, in its sheets' order.
const DATASET_FILES: [&str; 6] = [
    DocumentRecord::FILE,
    CellRecord::FILE,
    CheckRecord::FILE,
    IndicatorRecord::FILE,
    FormRecord::FILE,
    SummaryRecord::FILE,
];

/// Removes `DIR/dataset.xlsx`, if there is one.
pub fn remove_dataset(out: &Path) -> Result<()> {
    let path = out.join(DATASET);
    match std::fs::remove_file(&path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            Err(e).with_context(|| format!("cannot remove {}", path.display()))
        }
        _ => Ok(()),
    }
}

/// The batch's workbook.
const DATASET: &str = "dataset.xlsx";

/// Writes `DIR/dataset.xlsx` from the combined files just written (so that
/// documents reused by `--skip-existing` are in it as well), flushed to
/// disk like them.
pub fn write_dataset(out: &Path, excel: bool) -> Result<()> {
    let mut files = Vec::new();
    for name in DATASET_FILES {
        let path = out.join(name);
        let reader = std::fs::File::open(&path).with_context(|| format!("cannot read {}", path.display()))?;
        files.push(DatasetFile { file: name.to_string(), reader: std::io::BufReader::new(reader) });
    }
    let mut file = AtomicFile::create(&out.join(DATASET))?;
    write_dataset_xlsx(&mut file, files, excel, EXCEL_MAX_ROWS)?;
    file.commit_synced()?;
    sync_folder(out);
    Ok(())
}
