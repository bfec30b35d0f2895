//! Cells scored against a truth file, as `../shared/tools/score.py` does:
//! cells are matched as a multiset on (table, section, row key, last column
//! level, value), the row key being the code when the truth has one, else
//! the name without spaces and list ordinal; only non-blank truth values
//! count, and only output rows of the tables the truth covers.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use regex::Regex;
use rust_decimal::Decimal;

type Key = (String, String, String, String, String);

/// Precision, recall and F1 of the cells of `source` in `out/cells.csv`.
#[derive(Debug, Clone, Copy)]
pub struct Score {
    pub truth: usize,
    pub matched: usize,
    pub output: usize,
}

impl Score {
    pub fn f1(&self) -> f64 {
        let p = self.matched as f64 / self.output.max(1) as f64;
        let r = self.matched as f64 / self.truth.max(1) as f64;
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn norm_name(s: &str) -> String {
    let ordinal =
        Regex::new(r"^(?:[（(][一二三四五六七八九十廿百\d]+[）)]|[一二三四五六七八九十廿百]+[、.．]|\d+[、.．])")
            .expect("constant pattern");
    ordinal.replace(&squeeze(s), "").replace('(', "（").replace(')', "）")
}

fn norm_val(s: &str) -> String {
    let v = squeeze(s).replace(',', "");
    v.parse::<Decimal>().map(|d| d.normalize().to_string()).unwrap_or(v)
}

fn leaf(col: &str) -> String {
    squeeze(col.rsplit('/').next().unwrap_or(col)).replace('(', "（").replace(')', "）")
}

fn key(t: &str, sec: &str, code: &str, name: &str, col: &str, val: &str) -> Key {
    let rk = if code.trim().is_empty() { norm_name(name) } else { code.trim().to_string() };
    (t.to_string(), squeeze(sec), rk, leaf(col), norm_val(val))
}

/// Scores the rows of `out/cells.csv` whose source contains `source`
/// against `truth` (a truth file in the shared scorer's format).
pub fn score(out: &Path, truth: &Path, source: &str) -> Score {
    let truth: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(truth).expect("truth file")).expect("truth JSON");
    let mut want: HashMap<Key, usize> = HashMap::new();
    let mut codes: HashSet<(String, String)> = HashSet::new();
    let mut scope: HashSet<String> = HashSet::new();
    for c in truth["cells"].as_array().expect("cells") {
        let f: Vec<&str> = c.as_array().expect("cell").iter().map(|v| v.as_str().unwrap_or("")).collect();
        scope.insert(f[0].to_string());
        if !f[2].is_empty() {
            codes.insert((f[0].to_string(), f[2].to_string()));
        }
        if !f[5].is_empty() {
            *want.entry(key(f[0], f[1], f[2], f[3], f[4], f[5])).or_default() += 1;
        }
    }
    if let Some(tables) = truth["tables"].as_array() {
        scope = tables.iter().filter_map(|t| t.as_str().map(str::to_string)).collect();
    }
    let text = std::fs::read_to_string(out.join("cells.csv")).expect("cells.csv");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let mut got: HashMap<Key, usize> = HashMap::new();
    for r in reader.deserialize::<HashMap<String, String>>() {
        let r = r.expect("cells.csv record");
        let field = |k: &str| r.get(k).map(String::as_str).unwrap_or("");
        if !field("source").contains(source) || !scope.contains(field("table_key")) || field("value").trim().is_empty()
        {
            continue;
        }
        let t = field("table_key");
        let code = if codes.contains(&(t.to_string(), field("row_code").to_string())) { field("row_code") } else { "" };
        *got.entry(key(t, field("section"), code, field("row_name"), field("column"), field("value"))).or_default() +=
            1;
    }
    let matched = want.iter().map(|(k, n)| (*n).min(got.get(k).copied().unwrap_or(0))).sum();
    Score { truth: want.values().sum(), matched, output: got.values().sum() }
}
