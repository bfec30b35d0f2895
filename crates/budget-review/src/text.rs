//! A page without positions (text input): its lines, each with the rows it
//! became, the amounts marked in the line.

use std::collections::{HashMap, HashSet};
use std::fmt::Write;

use budget_model::{Cell, Decimal, Document, Page, Row};

use crate::html::esc;
use crate::marks::{cell_id, row_label, table_name, tip, Marks, Target};

/// One amount of a row found in a line: the token's index and the cell.
struct Found {
    token: usize,
    column: usize,
}

/// What became of one line: the rows read from it and where their amounts are.
#[derive(Default)]
struct LineRows {
    rows: Vec<(usize, usize)>,
    tokens: HashMap<usize, (usize, usize, usize)>,
}

/// Writes page `page` as its lines with the rows each became.
pub(crate) fn page(out: &mut String, doc: &Document, page: &Page, marks: &Marks) {
    let tokens: Vec<Vec<&str>> = page.lines.iter().map(|l| l.text.split_whitespace().collect()).collect();
    let placed = place_rows(doc, page.number, &tokens);
    let ids: HashMap<Target, usize> = marks.failed_ids();
    let _ = write!(out, "<section class=\"page\" id=\"p{n}\"><h3>page {n} (text input: lines, and the rows each became)</h3><div class=\"tl\">", n = page.number);
    for (i, words) in tokens.iter().enumerate() {
        let Some(lr) = placed.get(&i) else {
            let _ = write!(out, "<div class=\"ln o\">{}</div>", esc(&words.join(" ")));
            continue;
        };
        out.push_str("<div class=\"ln\">");
        for (k, w) in words.iter().enumerate() {
            if k > 0 {
                out.push(' ');
            }
            match lr.tokens.get(&k) {
                Some(&(t, r, c)) => {
                    let target = Target { table: t, row: r, column: Some(c) };
                    let class = marks.amount(doc, (t, r, c)).map_or("a", |m| m.class());
                    let id =
                        if ids.contains_key(&target) { format!(" id=\"{}\"", cell_id(target)) } else { String::new() };
                    let tip = esc(&tip(doc, (t, r, c)));
                    let _ =
                        write!(out, "<span class=\"{class}\"{id} title=\"{tip}\" data-t=\"{tip}\">{}</span>", esc(w));
                }
                None => out.push_str(&esc(w)),
            }
        }
        for &(t, r) in &lr.rows {
            let table = &doc.tables[t];
            let target = Target { table: t, row: r, column: None };
            let id = if ids.contains_key(&target) { format!(" id=\"{}\"", cell_id(target)) } else { String::new() };
            let fail = if marks.label_failed(t, r) { " class=\"fail\"" } else { "" };
            let _ = write!(
                out,
                "<div class=\"rows\"><span{id}{fail}>→ {} · {}</span></div>",
                esc(&table_name(table)),
                esc(&row_label(&table.rows[r]))
            );
        }
        out.push_str("</div>");
    }
    out.push_str("</div></section>\n");
}

/// The line each row of page `number` was read from: per table and panel,
/// the first line from the last one found on that holds the row's code and
/// every amount it prints (two sides of a table share their lines).
fn place_rows(doc: &Document, number: u32, tokens: &[Vec<&str>]) -> HashMap<usize, LineRows> {
    let mut placed: HashMap<usize, LineRows> = HashMap::new();
    let mut used: HashSet<(usize, usize)> = HashSet::new();
    for (t, table) in doc.tables.iter().enumerate() {
        let mut cursor: HashMap<u8, usize> = HashMap::new();
        for (r, row) in table.rows.iter().enumerate().filter(|(_, row)| row.page == number) {
            let from = cursor.get(&row.panel).copied().unwrap_or(0);
            let Some((i, found)) = (from..tokens.len()).find_map(|i| match_line(row, tokens, i, &used).map(|f| (i, f)))
            else {
                continue;
            };
            cursor.insert(row.panel, i);
            let lr = placed.entry(i).or_default();
            lr.rows.push((t, r));
            for f in found {
                used.insert((i, f.token));
                lr.tokens.insert(f.token, (t, r, f.column));
            }
        }
    }
    placed
}

/// The tokens of line `i` holding the row's amounts, in column order, if
/// the line holds them all, and the row's code, or for a row without code
/// the start of its name (on the line or one of the two before, where a
/// wrapped name starts: `三、国有资本经营预算拨款收` / `入` / `0.00 …`).
fn match_line(row: &Row, lines: &[Vec<&str>], i: usize, used: &HashSet<(usize, usize)>) -> Option<Vec<Found>> {
    let words = &lines[i];
    match &row.code {
        Some(code) if !words.iter().any(|w| w.contains(code.as_str())) => return None,
        Some(_) => {}
        None => {
            let head: String = row.name.chars().filter(|c| !c.is_whitespace()).take(4).collect();
            let context: String = lines[i.saturating_sub(2)..=i].iter().flatten().copied().collect();
            if !context.contains(&head) {
                return None;
            }
        }
    }
    let amounts: Vec<(usize, Decimal)> = row
        .cells
        .iter()
        .enumerate()
        .filter_map(|(c, cell)| match cell {
            Cell::Amount(d) => Some((c, *d)),
            _ => None,
        })
        .collect();
    if amounts.is_empty() {
        return Some(Vec::new());
    }
    let mut found = Vec::new();
    let mut next = 0;
    for (column, d) in amounts {
        let k = (next..words.len()).find(|&k| !used.contains(&(i, k)) && figure(words[k]) == Some(d))?;
        found.push(Found { token: k, column });
        next = k + 1;
    }
    Some(found)
}

/// The amount a token prints (`1,477.89` → 1477.89).
fn figure(word: &str) -> Option<Decimal> {
    word.replace(',', "").parse::<Decimal>().ok()
}
