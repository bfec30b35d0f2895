//! Cells scored against a truth file, as `../shared/tools/score.py` does:
//! cells are matched as a multiset on (table, section, row key, last column
//! level, value), the row key being the code when the truth has one, else
//! the name without spaces and list ordinal; only non-blank truth values
//! count, and only output rows of the tables the truth covers.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use regex::Regex;
use rust_decimal::Decimal;

use crate::support::read_csv;

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

/// Whether a row's `source` (a path) is the input `source` names: its file
/// name, with or without its extension (`panels.pdf`, `dev01`), never a
/// longer name ending so (`final-panels.pdf`).
fn of_source(path: &str, source: &str) -> bool {
    let p = Path::new(path);
    let name = p.file_name().and_then(|n| n.to_str());
    let stem = p.file_stem().and_then(|n| n.to_str());
    name == Some(source) || stem == Some(source)
}

/// Scores the rows of `out/cells.csv` whose source is `source` (see
/// [`of_source`]) against `truth` (a truth file in the shared scorer's
/// format).
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
    let mut got: HashMap<Key, usize> = HashMap::new();
    for r in read_csv(&out.join("cells.csv")) {
        let field = |k: &str| &r[k];
        if !of_source(field("source"), source)
            || !scope.contains(field("table_key"))
            || field("value").trim().is_empty()
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

/// Indicators as `../shared/tools/score.py` scores them: matched as a
/// multiset on (table, goal, level names, value), the goal reduced to its
/// kind and number (`长期绩效目标1` → `长期1`, none → `1`), names without
/// spaces and list ordinals; the basis is scored separately, on the same key
/// plus the basis.
#[derive(Debug, Clone, Copy)]
pub struct IndicatorScore {
    pub rows: Score,
    pub basis_truth: usize,
    pub basis_matched: usize,
}

impl IndicatorScore {
    pub fn basis_recall(&self) -> f64 {
        self.basis_matched as f64 / self.basis_truth.max(1) as f64
    }
}

type IndicatorKey = (String, String, String, String, String, String);

fn goal_key(goal: &str) -> String {
    let g = squeeze(goal);
    let kind = if g.contains("长期") {
        "长期"
    } else if g.contains("年度") {
        "年度"
    } else {
        g.as_str()
    };
    let n: String = g.chars().skip_while(|c| !c.is_ascii_digit()).take_while(|c| c.is_ascii_digit()).collect();
    format!("{kind}{}", if n.is_empty() { "1" } else { &n })
}

fn indicator_key(f: &[&str]) -> IndicatorKey {
    (f[0].to_string(), goal_key(f[1]), norm_name(f[2]), norm_name(f[3]), norm_name(f[4]), squeeze(f[5]))
}

fn matched<K: std::hash::Hash + Eq>(want: &HashMap<K, usize>, got: &HashMap<K, usize>) -> usize {
    want.iter().map(|(k, n)| (*n).min(got.get(k).copied().unwrap_or(0))).sum()
}

/// Scores the rows of `out/indicators.csv` whose source is `source` (see
/// [`of_source`]) against the `indicators` of `truth`.
pub fn score_indicators(out: &Path, truth: &Path, source: &str) -> IndicatorScore {
    let truth: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(truth).expect("truth file")).expect("truth JSON");
    let mut want: HashMap<IndicatorKey, usize> = HashMap::new();
    let mut want_basis: HashMap<(IndicatorKey, String), usize> = HashMap::new();
    for row in truth["indicators"].as_array().into_iter().flatten() {
        let f: Vec<&str> = row.as_array().expect("indicator").iter().map(|v| v.as_str().unwrap_or("")).collect();
        let k = indicator_key(&f);
        *want_basis.entry((k.clone(), squeeze(f[6]))).or_default() += 1;
        *want.entry(k).or_default() += 1;
    }
    let mut got: HashMap<IndicatorKey, usize> = HashMap::new();
    let mut got_basis: HashMap<(IndicatorKey, String), usize> = HashMap::new();
    for r in read_csv(&out.join("indicators.csv")) {
        let field = |k: &str| &r[k];
        if !of_source(field("source"), source) {
            continue;
        }
        let k = indicator_key(&[
            field("table_key"),
            field("goal"),
            field("level1"),
            field("level2"),
            field("level3"),
            field("value"),
        ]);
        *got_basis.entry((k.clone(), squeeze(field("basis")))).or_default() += 1;
        *got.entry(k).or_default() += 1;
    }
    IndicatorScore {
        rows: Score { truth: want.values().sum(), matched: matched(&want, &got), output: got.values().sum() },
        basis_truth: want_basis.values().sum(),
        basis_matched: matched(&want_basis, &got_basis),
    }
}

/// Asserts that the rows of `source` in `out` are exactly `truth`'s: every
/// cell, every indicator row and its basis, nothing more.
#[track_caller]
pub fn assert_exact(out: &Path, truth: &Path, source: &str, name: &str) {
    let s = score(out, truth, source);
    assert_eq!((s.matched, s.output), (s.truth, s.truth), "{name}: {s:?}");
    let i = score_indicators(out, truth, source);
    assert_eq!((i.rows.matched, i.rows.output), (i.rows.truth, i.rows.truth), "{name} indicators: {i:?}");
    assert_eq!(i.basis_matched, i.basis_truth, "{name} indicator bases: {i:?}");
    assert!(s.truth + i.rows.truth > 0, "{name}: empty truth");
}
