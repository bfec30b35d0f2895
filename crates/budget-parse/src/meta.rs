//! Who issued a document, for which year, and whether it is a budget or
//! final accounts.

use std::sync::OnceLock;

use budget_model::{DocKind, Page, Table};
use regex::Regex;

use crate::norm::squeeze;

/// Department, year and kind as found in the document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Meta {
    /// The issuing department.
    pub department: String,
    /// The budget year.
    pub year: Option<u16>,
    /// 预算 or 决算.
    pub kind: DocKind,
}

fn issuer_pattern() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    // `第二部分武昌区人民政府办公室2024年部门预算表`, `上海市普陀区司法局2026年部门预算`,
    // `江苏省人民检察院2018年部门预算公开`, `…2024年度部门决算`
    RE.get_or_init(|| {
        Regex::new(r"^(?:第[一二三四五六七八九十]+部分)?(?P<dept>[^\d，。；：:]{2,40}?)(?P<year>20\d{2})年度?(?:部门|单位)?(?P<kind>预算|决算)(?:表|公开|公开表|公开表格|情况说明|编制说明|草案)?$")
            .unwrap_or_else(|e| unreachable!("constant pattern: {e}"))
    })
}

fn year_pattern() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(20\d{2})年度?(?:部门|单位)?(预算|决算)").unwrap_or_else(|e| unreachable!("constant pattern: {e}"))
    })
}

/// Reads department, year and kind from the first pages' lines, and the kind
/// from the table titles when the cover does not say.
pub fn find_meta(pages: &[Page], tables: &[Table]) -> Meta {
    let lines: Vec<String> = pages.iter().take(12).flat_map(|p| p.lines.iter().map(|l| squeeze(&l.text))).collect();
    let mut meta = Meta::default();
    for l in &lines {
        if let Some(c) = issuer_pattern().captures(l) {
            let dept = clean_department(&c["dept"]);
            if dept.chars().count() >= 2 {
                meta.department = dept;
                meta.year = c["year"].parse().ok();
                meta.kind = kind_of(&c["kind"]);
                break;
            }
        }
    }
    if meta.year.is_none() {
        if let Some(c) = lines.iter().find_map(|l| year_pattern().captures(l)) {
            meta.year = c[1].parse().ok();
            meta.kind = kind_of(&c[2]);
        }
    }
    let final_titles = tables.iter().filter(|t| t.title.contains("决算")).count();
    if final_titles * 2 > tables.len() && !tables.is_empty() {
        meta.kind = DocKind::FinalAccounts;
    }
    meta
}

fn kind_of(s: &str) -> DocKind {
    if s == "决算" {
        DocKind::FinalAccounts
    } else {
        DocKind::Budget
    }
}

/// Drops words around the issuer's name that covers print with it.
fn clean_department(s: &str) -> String {
    let mut d = s.trim().trim_matches(|c: char| c == '“' || c == '”' || c == '"' || c == '《' || c == '》').to_string();
    for prefix in ["关于", "编制", "公开"] {
        if let Some(rest) = d.strip_prefix(prefix) {
            d = rest.to_string();
        }
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;
    use budget_model::Line;

    fn pages(lines: &[&str]) -> Vec<Page> {
        let mut p = Page::new(1);
        p.lines = lines.iter().map(|l| Line::text(*l)).collect();
        vec![p]
    }

    #[test]
    fn issuer_and_year_from_the_part_heading() {
        let m = find_meta(
            &pages(&["第一部分 武昌区人民政府办公室概况", "第二部分 武昌区人民政府办公室 2024 年部门预算表"]),
            &[],
        );
        assert_eq!(m.department, "武昌区人民政府办公室");
        assert_eq!(m.year, Some(2024));
        assert_eq!(m.kind, DocKind::Budget);
    }

    #[test]
    fn covers_of_other_templates() {
        let m = find_meta(&pages(&["上海市普陀区财政局2024年度部门决算"]), &[]);
        assert_eq!((m.department.as_str(), m.year, m.kind), ("上海市普陀区财政局", Some(2024), DocKind::FinalAccounts));
        let m = find_meta(&pages(&["江苏省人民检察院", "2019年度部门预算公开"]), &[]);
        assert_eq!((m.department.as_str(), m.year), ("", Some(2019)));
    }
}
