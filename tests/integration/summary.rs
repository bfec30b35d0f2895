//! summary.csv held to what the printed pages say: 21 budgets of 8 cities
//! of the national corpus (`testdata/summary_national.tsv`, each figure
//! looked up on its page), skipped with a note when `../shared` is absent;
//! and the row of an input that could not be converted.

use crate::support::{national_conversion, read_csv, root, run, shared_or_skip, TempDir};

/// One line of `testdata/summary_national.tsv`.
struct Expected {
    document: String,
    measure: String,
    value: String,
    table: String,
    page: String,
}

fn expected() -> Vec<Expected> {
    let text = std::fs::read_to_string(root().join("tests/integration/testdata/summary_national.tsv"))
        .expect("tests/integration/testdata/summary_national.tsv");
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            let at = |i: usize| f.get(i).copied().unwrap_or_default().to_string();
            Expected { document: at(0), measure: at(2), value: at(3), table: at(4), page: at(5) }
        })
        .collect()
}

#[test]
fn national_measures_are_those_printed_on_their_pages() {
    let Some(shared) = shared_or_skip("national_measures_are_those_printed_on_their_pages") else { return };
    let want = expected();
    let mut documents: Vec<String> = want.iter().map(|e| e.document.clone()).collect();
    documents.dedup();
    assert!(documents.len() >= 20, "{} documents", documents.len());
    let done = national_conversion(&shared);
    assert!(done.out.join("summary.csv").is_file(), "{}", done.stderr);
    let rows = read_csv(&done.out.join("summary.csv"));
    let mut wrong = Vec::new();
    for e in &want {
        let Some(row) = rows.iter().find(|r| r["source"].ends_with(&format!("{}.pdf", e.document))) else {
            wrong.push(format!("{}: no row", e.document));
            continue;
        };
        let got = [&e.measure, &format!("{}_table", e.measure), &format!("{}_page", e.measure)]
            .map(|k| row[k.as_str()].to_string());
        if got != [e.value.clone(), e.table.clone(), e.page.clone()] {
            wrong.push(format!(
                "{} {}: want {} ({} p.{}), got {got:?}",
                e.document, e.measure, e.value, e.table, e.page
            ));
        }
        let disputed = row["disagreements"].split("; ").any(|d| d.starts_with(&format!("{}:", e.measure)));
        assert!(!disputed, "{}: {}", e.document, &row["disagreements"]);
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn an_input_that_fails_has_a_summary_row_with_its_source_only() {
    let tmp = TempDir::new("summary-failed");
    let bad = tmp.path().join("broken.pdf");
    std::fs::write(&bad, "").expect("write");
    let out_dir = tmp.path().join("out");
    let out = run(&["convert", bad.to_str().unwrap_or_default(), "--out", out_dir.to_str().unwrap_or_default()]);
    assert_eq!(out.status.code(), Some(1));
    let rows = read_csv(&out_dir.join("summary.csv"));
    assert_eq!(rows.len(), 1);
    assert!(rows[0]["source"].ends_with("broken.pdf"));
    assert!(rows[0].without("source").iter().all(String::is_empty), "{:?}", rows[0]);
}
