//! The record of `summary.csv`: one row per document, its standard
//! measures in 元 (see [`crate::measures`]), each with the table and page it
//! came from.

use budget_model::Document;
use serde::ser::{Serialize, SerializeStruct, Serializer};

use crate::measures::{find, Figure, Found, MEASURES};
use crate::{guard_text, Guard, Record};

/// One measure as written: the amount in 元, the table key, the page.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Written {
    /// Exact amount in 元; empty when not printed or disputed.
    pub value: String,
    /// The table it came from.
    pub table: String,
    /// The page.
    pub page: String,
}

/// One row of `summary.csv`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SummaryRecord {
    /// The input path.
    pub source: String,
    /// The issuer.
    pub department: String,
    /// The budget year.
    pub year: String,
    /// `预算` or `决算`.
    pub kind: String,
    /// The measures, in the order of [`MEASURES`].
    pub measures: Vec<Written>,
    /// The measures two tables print differently, each with its figures:
    /// `expense_this_year: 14778800 (income_expense_summary p.3) ≠ 15778800
    /// (expense_summary p.5)`, separated by `; `.
    pub disagreements: String,
}

impl Default for SummaryRecord {
    fn default() -> Self {
        SummaryRecord {
            source: String::new(),
            department: String::new(),
            year: String::new(),
            kind: String::new(),
            measures: vec![Written::default(); MEASURES.len()],
            disagreements: String::new(),
        }
    }
}

impl Serialize for SummaryRecord {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("SummaryRecord", 5 + 3 * MEASURES.len())?;
        st.serialize_field("source", &self.source)?;
        st.serialize_field("department", &self.department)?;
        st.serialize_field("year", &self.year)?;
        st.serialize_field("kind", &self.kind)?;
        let empty = Written::default();
        for (i, m) in MEASURES.iter().enumerate() {
            let w = self.measures.get(i).unwrap_or(&empty);
            st.serialize_field(m.id, &w.value)?;
            st.serialize_field(m.table_column, &w.table)?;
            st.serialize_field(m.page_column, &w.page)?;
        }
        st.serialize_field("disagreements", &self.disagreements)?;
        st.end()
    }
}

impl Record for SummaryRecord {
    const FILE: &str = "summary.csv";
}

impl Guard for SummaryRecord {
    fn guard(&mut self) {
        guard_text(&mut self.department);
    }
}

impl SummaryRecord {
    /// The summary of a converted document.
    pub fn new(doc: &Document) -> Self {
        let found = find(doc);
        let measures = found
            .iter()
            .map(|f| match f {
                Found::One(f) => {
                    Written { value: f.yuan.to_string(), table: f.table.as_str().to_string(), page: f.page.to_string() }
                }
                Found::None | Found::Disagree(_) => Written::default(),
            })
            .collect();
        let disagreements = MEASURES
            .iter()
            .zip(&found)
            .filter_map(|(m, f)| match f {
                Found::Disagree(figures) => Some(format!("{}: {}", m.id, said(figures))),
                _ => None,
            })
            .collect::<Vec<_>>()
            .join("; ");
        SummaryRecord {
            source: doc.source.clone(),
            department: doc.department.clone(),
            year: doc.year.map(|y| y.to_string()).unwrap_or_default(),
            kind: doc.kind.as_str().to_string(),
            measures,
            disagreements,
        }
    }

    /// The summary row of an input that could not be converted: its source
    /// and nothing else.
    pub fn failed(source: &str) -> Self {
        SummaryRecord { source: source.to_string(), ..SummaryRecord::default() }
    }
}

/// `14778800 (income_expense_summary p.3) ≠ 15778800 (expense_summary p.5)`.
fn said(figures: &[Figure]) -> String {
    figures.iter().map(|f| format!("{} ({} p.{})", f.yuan, f.table.as_str(), f.page)).collect::<Vec<_>>().join(" ≠ ")
}
