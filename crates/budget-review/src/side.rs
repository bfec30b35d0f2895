//! The list beside the pages: tables, failed checks, findings.

use std::fmt::Write;

use budget_model::{CheckStatus, Document};

use crate::html::esc;
use crate::marks::{cell_id, Marks};

/// The side list of `doc`.
pub(crate) fn side(doc: &Document, marks: &Marks) -> String {
    let mut s = String::new();
    let _ = write!(
        s,
        "<h1>{}</h1><p>{} {} {} · {} pages</p>",
        esc(&doc.source),
        esc(&doc.department),
        doc.year.map(|y| y.to_string()).unwrap_or_default(),
        doc.kind.as_str(),
        doc.pages
    );
    let passed = doc.checks.iter().filter(|c| matches!(c.status, CheckStatus::Ok | CheckStatus::Rounding)).count();
    let _ = write!(s, "<p>checks: {passed} passed, <span class=\"fail\">{} failed</span>", marks.failures.len());
    if let Some(share) = doc.confirmed_share() {
        let _ = write!(s, "; confirmed share {share}");
    }
    s.push_str("</p>");
    tables(&mut s, doc);
    forms(&mut s, doc);
    failures(&mut s, doc, marks);
    findings(&mut s, doc);
    s
}

/// The performance forms read: indicators and fields, each form by the
/// first page it is printed on.
fn forms(s: &mut String, doc: &Document) {
    if doc.indicators.is_empty() && doc.forms.is_empty() {
        return;
    }
    let _ = write!(
        s,
        "<h2>Performance forms</h2><p>{} indicators (indicators.csv), {} fields (forms.csv)</p><ul>",
        doc.indicators.len(),
        doc.forms.len()
    );
    let mut seen = std::collections::BTreeSet::new();
    let firsts = doc.indicators.iter().map(|i| (&i.table_key, &i.project, i.page));
    for (key, project, page) in firsts.chain(doc.forms.iter().map(|f| (&f.form, &f.project, f.page))) {
        if seen.insert((key, project)) {
            let _ = write!(s, "<li><a href=\"#p{page}\"><code>{}</code> {}</a> p.{page}</li>", esc(key), esc(project));
        }
    }
    s.push_str("</ul>");
}

fn tables(s: &mut String, doc: &Document) {
    let _ = write!(s, "<h2>Tables ({})</h2><ul>", doc.tables.len());
    for t in &doc.tables {
        let page = t.first_page();
        let _ = write!(
            s,
            "<li><a href=\"#p{page}\">表{} {}</a> <code>{}</code> p.{}</li>",
            esc(&t.no),
            esc(&t.title),
            t.key.as_str(),
            t.pages.iter().map(u32::to_string).collect::<Vec<_>>().join(",")
        );
    }
    s.push_str("</ul>");
}

fn failures(s: &mut String, doc: &Document, marks: &Marks) {
    let _ = write!(s, "<h2 class=\"fail\">Failed checks ({})</h2><ul>", marks.failures.len());
    for &(i, target) in &marks.failures {
        let c = &doc.checks[i];
        let href = target.map_or(format!("#p{}", c.page), |t| format!("#{}", cell_id(t)));
        let figures = match (c.expected, c.actual) {
            (Some(e), Some(a)) => format!(": printed {a}, expected {e}"),
            _ => String::new(),
        };
        let _ = write!(
            s,
            "<li><a class=\"fail\" href=\"{href}\">{} {} {} · {}</a> ({}, {}, p.{}){}</li>",
            c.table_key.as_str(),
            esc(&c.row_code),
            esc(&c.row_name),
            esc(&c.column),
            c.check.as_str(),
            esc(&c.detail),
            c.page,
            figures
        );
    }
    s.push_str("</ul>");
}

fn findings(s: &mut String, doc: &Document) {
    let _ = write!(s, "<h2 class=\"warn\">Findings ({})</h2><ul>", doc.findings.len());
    for f in &doc.findings {
        let _ = write!(s, "<li><a href=\"#p{p}\">p.{p}</a> {} {}</li>", esc(&f.table), esc(&f.message), p = f.page);
    }
    s.push_str("</ul>");
}
