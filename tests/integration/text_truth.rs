//! The text path scored against the development corpus: each dev PDF's
//! text as pdf-extract's own `extract_text` gives it (the form crawlers
//! keep), made at test time so that no text of a corpus PDF is committed,
//! converted, and scored cell by cell and indicator by indicator. Skipped,
//! saying so, without `../shared`. The texts of the project's own sample
//! PDFs are scored the same way, always.
//!
//! The thresholds are what the text path reaches now (README, "Text
//! input"); raise them as it improves.

use crate::score::{assert_exact, score, score_indicators, Score};
use crate::support::{read_csv, run, shared_or_skip, TempDir};

/// Lowest cells F1, cells precision and indicators F1 each document keeps.
const FLOORS: [(&str, f64, f64, f64); 10] = [
    ("dev01", 0.99, 0.995, 0.99),
    ("dev02", 0.99, 0.995, 0.99),
    ("dev03", 0.99, 0.995, 0.99),
    ("dev04", 0.99, 0.995, 0.99),
    ("dev05", 0.99, 0.995, 0.99),
    ("dev06", 0.99, 0.995, 0.99),
    ("dev07", 0.99, 0.995, 0.99),
    ("dev08", 0.99, 0.995, 0.99),
    ("dev09", 0.99, 0.995, 0.97),
    ("dev10", 0.99, 0.995, 0.99),
];

fn precision(s: &Score) -> f64 {
    s.matched as f64 / s.output.max(1) as f64
}

#[test]
fn dev_corpus_texts_read_at_least_as_well_as_recorded() {
    let Some(shared) = shared_or_skip("dev_corpus_texts_read_at_least_as_well_as_recorded") else { return };
    let dir = shared.join("corpus/dev");
    let texts = TempDir::new("dev-texts");
    for (name, ..) in FLOORS {
        let pdf = dir.join(format!("{name}.pdf"));
        let text = pdf_extract::extract_text(&pdf).unwrap_or_else(|e| panic!("{}: {e}", pdf.display()));
        std::fs::write(texts.path().join(format!("{name}.txt")), text).expect("text written");
    }
    let out = TempDir::new("dev-texts-out");
    let done = run(&["convert", path(texts.path()), "--out", path(out.path())]);
    assert!(matches!(done.status.code(), Some(0 | 1)), "{}", String::from_utf8_lossy(&done.stderr));
    let mut low = Vec::new();
    for (name, f1, p, ind) in FLOORS {
        let truth = dir.join(format!("{name}.truth.json"));
        let cells = score(out.path(), &truth, &format!("{name}.txt"));
        let indicators = score_indicators(out.path(), &truth, &format!("{name}.txt")).rows;
        let got = (cells.f1(), precision(&cells), indicators.f1());
        if got.0 < f1 || got.1 < p || got.2 < ind {
            low.push(format!("{name}: cells F1 {:.4} precision {:.4} indicators F1 {:.4}", got.0, got.1, got.2));
        }
    }
    assert!(low.is_empty(), "below their floors:\n{}", low.join("\n"));
    // The dev PDFs fail no check; their texts, read right, fail none
    // either (the forms' lists and funding table, the 三公 table's header
    // printed after its row, a project's unit printed after the rows).
    let failed: Vec<String> = read_csv(&out.path().join("checks.csv"))
        .into_iter()
        .filter(|c| &c["status"] == "fail")
        .map(|c| format!("{} {} {} {}", &c["source"], &c["check"], &c["table_key"], &c["column"]))
        .collect();
    assert!(failed.is_empty(), "failed checks:\n{}", failed.join("\n"));
}

fn path(p: &std::path::Path) -> &str {
    p.to_str().unwrap_or_default()
}

/// The project's own sample PDFs (`samples/pdf`), every one, whose text
/// the text path reads exactly: cells, indicator rows and their bases, as
/// the PDF path reads the PDFs. Their texts are made here, with
/// pdf-extract's own `extract_text`, as for the development corpus. The
/// rotated samples' texts are each the whole document on one line, its
/// titles printed first (and twice in two of them), its page numbers run
/// into the cells.
const EXACT_SAMPLE_TEXTS: [&str; 26] = [
    "excel-title-in-grid",
    "final-accounts",
    "final-fiscal",
    "final-panels",
    "grid-blank-project",
    "header-labels",
    "line-numbers",
    "many-projects",
    "non-additive",
    "overflow-labels",
    "page-break-rows",
    "panels",
    "rotated",
    "rotated-blank-project",
    "rotated-blank-rows",
    "rotated-education",
    "rotated-grid",
    "rotated-labels",
    "rotated-page-break",
    "rotated-yuan",
    "ruled-rects",
    "ruled-strokes",
    "self-evaluation",
    "shifted-code",
    "split-values",
    "unruled",
];

#[test]
fn sample_pdf_texts_read_exactly_their_truths() {
    let root = crate::support::root();
    let texts = TempDir::new("sample-texts");
    for name in EXACT_SAMPLE_TEXTS {
        let pdf = root.join(format!("samples/pdf/{name}.pdf"));
        let text = pdf_extract::extract_text(&pdf).unwrap_or_else(|e| panic!("{}: {e}", pdf.display()));
        std::fs::write(texts.path().join(format!("{name}.txt")), text).expect("text written");
    }
    let out = TempDir::new("sample-texts-out");
    let done = run(&["convert", path(texts.path()), "--out", path(out.path())]);
    assert!(done.status.success(), "{}", String::from_utf8_lossy(&done.stderr));
    for name in EXACT_SAMPLE_TEXTS {
        let truth = root.join(format!("samples/truth/{name}.truth.json"));
        assert_exact(out.path(), &truth, &format!("{name}.txt"), name);
    }
}
