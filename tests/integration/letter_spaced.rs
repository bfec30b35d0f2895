//! Letter-spaced text: the seed's text written as pdf-extract writes a PDF
//! that draws every character apart (`合 计 1 , 4 7 7 . 8 8 1 , 1 3 7 . 8 8`),
//! made at test time from `samples/text/`, converted, and held against the
//! seed's golden cells (checked by hand). The spacing hides where one cell
//! ends and the next begins; the seed's amounts all come back, each in its
//! table, row and column, and no other. Row names may differ: two text
//! cells side by side (a project and its unit) run together.

use std::collections::BTreeMap;
use std::path::Path;

use crate::support::{read_csv, root, run, TempDir};

/// The seed's text with every character apart, a line that began with a
/// space still beginning with one.
fn letter_spaced(text: &str) -> String {
    let spaced = |line: &str| {
        let chars: Vec<String> = line.chars().filter(|c| !c.is_whitespace()).map(String::from).collect();
        let indent = if line.starts_with(char::is_whitespace) { " " } else { "" };
        format!("{indent}{}", chars.join(" "))
    };
    text.lines().map(spaced).collect::<Vec<_>>().join("\n")
}

/// The amount cells of a `cells.csv` by (table, section, row code,
/// column, value), counted; the row names are left out, as two text cells
/// side by side (a project and its unit) run together when spaced apart.
fn amounts(cells: &Path) -> BTreeMap<[String; 5], usize> {
    let mut out = BTreeMap::new();
    for r in read_csv(cells).iter().filter(|r| !r["value"].is_empty()) {
        let key = ["table_key", "section", "row_code", "column", "value"].map(|c| r[c].to_string());
        *out.entry(key).or_insert(0) += 1;
    }
    out
}

#[test]
fn a_letter_spaced_text_gives_only_the_seeds_amounts() {
    let seed = root().join("samples/text/wuchang-gov-office-2024.txt");
    let text = std::fs::read_to_string(&seed).expect("the seed's text");
    let dir = TempDir::new("letter-spaced");
    let input = dir.path().join("wuchang-letter-spaced.txt");
    std::fs::write(&input, letter_spaced(&text)).expect("text written");
    let out = dir.path().join("out");
    let done = run(&["convert", input.to_str().unwrap_or_default(), "--out", out.to_str().unwrap_or_default()]);
    assert!(matches!(done.status.code(), Some(0 | 1)), "{}", String::from_utf8_lossy(&done.stderr));

    let golden = amounts(&root().join("samples/expected/wuchang-gov-office-2024/cells.csv"));
    let got = amounts(&out.join("cells.csv"));
    let wrong: Vec<_> = got.iter().filter(|(k, n)| golden.get(*k).is_none_or(|g| g < n)).collect();
    assert!(wrong.is_empty(), "amounts the seed does not print so: {wrong:?}");
    let missed: Vec<_> = golden.iter().filter(|(k, n)| got.get(*k).is_none_or(|g| g < n)).collect();
    assert!(missed.is_empty(), "amounts of the seed not read: {missed:?}");
}
