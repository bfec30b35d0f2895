//! The index of a batch: one line per document, linking to its page.

use std::fmt::Write;

use crate::html::{esc, plain};

/// One document of the index, as `documents.csv` describes it.
#[derive(Debug, Clone, Default)]
pub struct IndexEntry {
    /// The input path.
    pub source: String,
    /// The issuer.
    pub department: String,
    /// The budget year.
    pub year: String,
    /// `ok`, `partial` or `error`.
    pub status: String,
    /// The confirmed share (0 to 1), empty when unknown.
    pub confirmed: String,
    /// Tables rebuilt.
    pub tables: String,
    /// Failed checks.
    pub checks_failed: String,
    /// Why the input failed, for `error`.
    pub error: String,
    /// The document's review page relative to the index, if written.
    pub link: Option<String>,
}

/// The index page of `entries`.
pub fn index_page(entries: &[IndexEntry]) -> String {
    let mut body = String::from(
        "<table class=\"ix\"><tr><th>source</th><th>department</th><th>year</th><th>status</th>\
<th>confirmed</th><th>tables</th><th>failed checks</th><th>review</th></tr>",
    );
    for e in entries {
        let link = e.link.as_ref().map_or(esc(&e.error), |l| format!("<a href=\"{}\">review</a>", esc(l)));
        let failed = if e.checks_failed.is_empty() || e.checks_failed == "0" { "" } else { " class=\"fail\"" };
        let _ = write!(
            body,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td{failed}>{}</td><td>{link}</td></tr>",
            esc(&e.source),
            esc(&e.department),
            esc(&e.year),
            esc(&e.status),
            esc(&e.confirmed),
            esc(&e.tables),
            esc(&e.checks_failed)
        );
    }
    body.push_str("</table>");
    plain(&format!("budget2csv review: {} documents", entries.len()), &body)
}
