//! Who issued a document, for which year, and whether it is a budget or
//! final accounts.
//!
//! The issuer is read, in this order of trust, from a labelled line
//! (`预算主管部门：…`, `预算单位：…`, `部门：…`, `编制部门：…`), from a heading
//! that names it before the year (`武昌区人民政府办公室 2024 年部门预算表`), or
//! from the cover line above `2018年部门预算`. The year comes from such a
//! heading, else from the tables' titles (`2025年部门财务收支预算总表`).

use std::sync::OnceLock;

use budget_model::{DocKind, Page, Table};
use regex::Regex;

use crate::front::regex;
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

/// `预算主管部门：上海市普陀区司法局`, `部 门:中共江苏省委办公厅`,
/// `编制部门：上海市普陀区人民政府办公室 单位：元`; the department is
/// 2 to 40 characters ([`dept_within`]: a bounded repetition of a large
/// class costs milliseconds to compile).
fn labelled() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    regex(
        &RE,
        r"^(?:预算主管部门|主管部门|预算单位|编制部门|编制单位|填报单位|部门名称|单位名称|部门)[:：](?P<dept>[^:：]+?)(?:单位[:：].*)?$",
    )
}

/// `第二部分武昌区人民政府办公室2024年部门预算表`, `上海市普陀区财政局2024年度部门决算`;
/// the department is at most 40 characters ([`dept_within`]).
fn heading() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    regex(
        &RE,
        r"^(?:第[一二三四五六七八九十]+部分)?(?P<dept>[^0-9０-９，。；：:]*?)(?P<year>20[0-9]{2})年度?(?P<level>区级|市级|县级|省级|本级)?(?:部门|单位)?(?P<kind>预算|决算)(?:表|公开|公开表|公开表格|公开报表|情况说明|编制说明|草案)?$",
    )
}

/// True when the `dept` group holds `min` to `max` characters.
fn dept_within(c: &regex::Captures, min: usize, max: usize) -> bool {
    (min..=max).contains(&c["dept"].chars().count())
}

/// A year in a table title: `2025年部门财务收支预算总表`.
fn title_year() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    regex(&RE, r"(20[0-9]{2})年")
}

/// Reads department, year and kind from the first pages' lines, and the year
/// and kind from the table titles when the cover does not say.
pub fn find_meta(pages: &[Page], tables: &[Table]) -> Meta {
    let lines: Vec<String> = pages.iter().take(12).flat_map(|p| p.lines.iter().map(|l| squeeze(&l.text))).collect();
    let mut meta = Meta::default();
    let mut heading_dept = None;
    for (i, l) in lines.iter().enumerate() {
        if let Some(c) = heading().captures(l).filter(|c| dept_within(c, 0, 40)) {
            if meta.year.is_none() {
                meta.year = c["year"].parse().ok();
                meta.kind = kind_of(&c["kind"]);
            }
            let dept = clean_department(&c["dept"]);
            let region_only = c.name("level").is_some() || is_region(&dept);
            if heading_dept.is_none() {
                if !dept.is_empty() && !region_only {
                    heading_dept = Some(dept);
                } else if dept.is_empty() && i > 0 && looks_like_issuer(&lines[i - 1]) {
                    heading_dept = Some(lines[i - 1].clone());
                }
            }
        }
    }
    let labelled_dept = lines
        .iter()
        .find_map(|l| labelled().captures(l).filter(|c| dept_within(c, 2, 40)).map(|c| clean_department(&c["dept"])));
    meta.department = labelled_dept.filter(|d| d.chars().count() >= 2).or(heading_dept).unwrap_or_default();
    if meta.year.is_none() {
        meta.year = tables.iter().find_map(|t| title_year().captures(&t.title).and_then(|c| c[1].parse().ok()));
    }
    if meta.year.is_none() {
        // A cover that breaks its heading over lines: `江苏省2018年度` / `…预算公开报表`.
        let cover = pages.first().map_or(&[][..], |p| &p.lines[..]);
        meta.year = cover.iter().find_map(|l| title_year().captures(&squeeze(&l.text)).and_then(|c| c[1].parse().ok()));
    }
    let final_titles = tables.iter().filter(|t| t.title.contains("决算")).count();
    if !tables.is_empty() && final_titles * 2 > tables.len() {
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

/// `上海市普陀区`, `江苏省`: a place, not a department.
fn is_region(s: &str) -> bool {
    let s = s.trim_end_matches(['省', '市', '区', '县']);
    !s.is_empty()
        && !["局", "厅", "委", "办", "院", "部", "室", "会", "处", "所", "中心", "站", "馆"]
            .iter()
            .any(|w| s.contains(w))
}

/// A cover line naming an issuer: short, ends like an organisation's name.
fn looks_like_issuer(s: &str) -> bool {
    let n = s.chars().count();
    (3..=30).contains(&n)
        && !s.chars().any(|c| c.is_ascii_digit())
        && ["局", "厅", "委", "办", "院", "部", "室", "会", "处", "所", "中心", "站", "馆", "政府", "检察院", "法院"]
            .iter()
            .any(|w| s.ends_with(w))
}

/// Drops words around the issuer's name that covers print with it.
fn clean_department(s: &str) -> String {
    let mut d = s.trim().trim_matches(|c: char| matches!(c, '“' | '”' | '"' | '《' | '》')).to_string();
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

    fn meta(lines: &[&str]) -> (String, Option<u16>, DocKind) {
        let m = find_meta(&pages(lines), &[]);
        (m.department, m.year, m.kind)
    }

    #[test]
    fn issuer_and_year_from_the_part_heading() {
        let m = meta(&[
            "第一部分 武昌区人民政府办公室概况",
            "纳入武昌区人民政府办公室 2024 年部门预算编制范围",
            "第二部分 武昌区人民政府办公室 2024 年部门预算表",
        ]);
        assert_eq!(m, ("武昌区人民政府办公室".into(), Some(2024), DocKind::Budget));
    }

    #[test]
    fn covers_of_other_templates() {
        assert_eq!(
            meta(&["上海市普陀区财政局2024年度部门决算"]),
            ("上海市普陀区财政局".into(), Some(2024), DocKind::FinalAccounts)
        );
        assert_eq!(
            meta(&["江苏省人民检察院", "2019年度部门预算公开", "1"]),
            ("江苏省人民检察院".into(), Some(2019), DocKind::Budget)
        );
        assert_eq!(
            meta(&["上海市普陀区2026年区级部门预算", "预算主管部门：上海市普陀区司法局"]),
            ("上海市普陀区司法局".into(), Some(2026), DocKind::Budget)
        );
        assert_eq!(meta(&["上海市2025年市级单位预算", "预算单位：上海市财政局"]).0, "上海市财政局");
        assert_eq!(
            meta(&["收支预算总表", "公开表一", "部门： 江苏省人大常委会办公厅 单位：万元"]).0,
            "江苏省人大常委会办公厅"
        );
        assert_eq!(
            meta(&["江苏省2018年度", "省级部门预算公开报表", "部 门:中共江苏省委办公厅"]).0,
            "中共江苏省委办公厅"
        );
    }
}
