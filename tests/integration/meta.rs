//! Department and year of every document of the national corpus, against
//! the values read by hand from each document's printed cover, heading or
//! form (`testdata/national_meta.tsv`).

use crate::support::{national_conversion, read_csv, shared_or_skip};

/// The expected (file, department, year) rows; `#` lines and the header
/// are left out.
fn expected() -> Vec<(String, String, String)> {
    include_str!("testdata/national_meta.tsv")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with("file\t"))
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            (f[0].to_string(), f[1].to_string(), f[2].to_string())
        })
        .collect()
}

#[test]
fn national_corpus_department_and_year_as_printed() {
    let Some(shared) = shared_or_skip("national_corpus_department_and_year_as_printed") else { return };
    let done = national_conversion(&shared);
    let out = &done.out;
    assert!(out.join("documents.csv").is_file(), "{}", done.stderr);
    let docs = read_csv(&out.join("documents.csv"));
    let want = expected();
    let budget = |d: &&crate::support::Record| &d["status"] != "error" && &d["kind"] != "其他";
    let mut converted: Vec<&str> = docs.iter().filter(budget).map(|d| &d["source"]).collect();
    let mut listed: Vec<&str> = want.iter().map(|w| w.0.as_str()).collect();
    converted.sort_unstable();
    listed.sort_unstable();
    assert_eq!(converted, listed, "the table lists every document that converts");
    let wrong: Vec<String> = want
        .iter()
        .filter_map(|(file, dept, year)| {
            let d = docs.iter().find(|d| &d["source"] == file)?;
            let got = (&d["department"], &d["year"]);
            (got != (dept.as_str(), year.as_str())).then(|| format!("{file}: {got:?}, printed ({dept:?}, {year:?})"))
        })
        .collect();
    assert!(wrong.is_empty(), "{} documents differ:\n{}", wrong.len(), wrong.join("\n"));
}
