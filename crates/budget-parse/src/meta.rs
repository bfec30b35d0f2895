//! Who issued a document, for which year, and whether it is a budget or
//! final accounts.
//!
//! The issuer is read, in this order of trust: a department's label on the
//! first pages (`预算主管部门：…`, `部门：…`, `编制部门：…`); a heading that
//! names it with the year, on one line or broken over two or three
//! (`武昌区人民政府办公室 2024 年部门预算表`, `2026年深圳市交通运输局（本级）部` /
//! `门预算`); a unit's label on the first pages (`预算单位：…`, `单位名称：…`);
//! a department's label anywhere, as the form 部门整体支出绩效目标表 prints it
//! (`部门名称 北京市公安局`). The year comes from such a heading, else from
//! the tables' titles (`2025年部门财务收支预算总表`), else from a caption line
//! under a title (`（2026年度）`), else from the cover.

use std::sync::OnceLock;

use budget_model::{DocKind, Document, Finding, Page, Table, TableKey};
use regex::Regex;

use crate::front::regex;
use crate::norm::squeeze;
use crate::region::region_of;

/// How many pages count as the front of a document (cover, contents, notes).
const FRONT_PAGES: usize = 12;

/// Department, year and kind as found in the document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Meta {
    /// The issuing department.
    pub department: String,
    /// The budget year.
    pub year: Option<u16>,
    /// 预算, 决算, or 其他 ([`DocKind::Other`]: no budget title and no
    /// standard budget table).
    pub kind: DocKind,
    /// `部门` or `单位`, as the document's title says (`2026年…部门预算`).
    pub level: String,
    /// The issuing government as printed (`上海市`, `武昌区`).
    pub region: String,
}

/// A finding for each of department and year the document prints nowhere
/// they are read (cover, labelled lines, headings, table captions): left
/// empty, never guessed from the file name.
pub fn unprinted(meta: &Meta) -> Vec<Finding> {
    let missing = |what: &str| {
        Finding {
        page: 0,
        table: String::new(),
        message: format!("the document prints no {what} where one is read (cover, labelled lines, headings, table captions); left empty"),
    }
    };
    let mut out = Vec::new();
    if meta.department.is_empty() {
        out.push(missing("department"));
    }
    if meta.year.is_none() {
        out.push(missing("year"));
    }
    out
}

/// A finding for each amount table that prints no unit where the
/// document's other tables state none or disagree (`万元` and `元`): its
/// amounts have no `value_yuan`. nat_015 (上海市数据局) prints its 收入总表
/// without a unit beside tables in 万元 and in 元.
pub fn unitless(doc: &Document) -> Vec<Finding> {
    let amounts = |t: &Table| t.rows.iter().any(|r| r.cells.iter().any(|c| c.amount().is_some()));
    doc.tables
        .iter()
        .filter(|t| !t.key.is_form() && t.unit.is_none() && amounts(t) && doc.yuan_per_unit(t).is_none())
        .map(|t| Finding {
            page: t.first_page(),
            table: t.title.clone(),
            message: "the table prints no unit, and the document's other tables state none or disagree; value_yuan left empty".to_string(),
        })
        .collect()
}

/// `预算主管部门：上海市普陀区司法局`, `部 门:中共江苏省委办公厅`,
/// `编制部门：上海市普陀区人民政府办公室 单位：元`,
/// `单位名称：国家信访局 金额单位：万元` (the unit label is no part of the
/// name); the department is 2 to 40 characters ([`dept_within`]: a bounded
/// repetition of a large class costs milliseconds to compile). A label
/// alone (`部门：`) matches with an empty department.
fn labelled() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    regex(
        &RE,
        r"^(?P<label>预算主管部门|主管部门|预算单位|编制部门|编制单位|填报单位|部门名称|单位名称|部门)[:：](?P<dept>[^:：]*?)(?:(?:金额|计量|货币)?单位[:：].*)?$",
    )
}

/// Whether `line` is a caption that names the department or a unit
/// (`部门：某厅`, `编制单位：某局 单位：万元`): `Some(true)` for its label
/// alone (`部门：`, its name printed on the next line), `Some(false)` for
/// the whole caption, `None` for any other line.
pub(crate) fn caption_label(line: &str) -> Option<bool> {
    let text = squeeze(line);
    let c = labelled().captures(&text)?;
    if c["dept"].is_empty() && text.ends_with(['：', ':']) {
        return Some(true);
    }
    dept_within(&c, 2, 40).then_some(false)
}

/// Labels that name the department itself; the others (`预算单位`,
/// `单位名称`, …) may name one unit of a multi-unit document.
const DEPARTMENT_LABELS: [&str; 5] = ["预算主管部门", "主管部门", "编制部门", "部门名称", "部门"];

/// `第二部分武昌区人民政府办公室2024年部门预算表`, `上海市普陀区财政局2024年度部门决算`,
/// `重庆市气象局2026年部门预算情况说明`; the department is at most 40
/// characters ([`dept_within`]).
fn heading() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    regex(
        &RE,
        r"^(?:第[一二三四五六七八九十]+部分)?(?P<dept>[^0-9０-９，。；：:]*?)(?P<year>20[0-9]{2})年度?(?P<level>区级|市级|县级|省级|本级)?(?P<tier>部门|单位)?(?P<kind>预算|决算)(?:表|公开|公开表|公开表格|公开报表|情况说明|编制说明|草案)?$",
    )
}

/// The year first: `2026年深圳市信访局部门预算`, `2026年度苏州市水务局单位预算公开`,
/// `2026年深圳市交通运输局（本级）部门预算` (`（本级）` stays in the name).
fn heading_year_first() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    regex(
        &RE,
        r"^(?P<year>20[0-9]{2})年度?(?P<dept>[^0-9０-９，。；：:]*?)(?P<level>区级|市级|县级|省级)?(?P<tier>部门|单位)?(?P<kind>预算|决算)(?:表|公开|公开表|公开表格|公开报表|情况说明|编制说明|草案)?$",
    )
}

/// True when the `dept` group holds `min` to `max` characters.
fn dept_within(c: &regex::Captures, min: usize, max: usize) -> bool {
    (min..=max).contains(&c["dept"].chars().count())
}

/// A year in a title or on a cover: `2025年部门财务收支预算总表`. The group
/// `before` is the character before it, to tell the end of a period
/// (`2025—2035年`) from a year; `month` tells a date (`2026年3月6日`).
fn title_year() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    regex(&RE, r"(?P<before>.)?(?P<year>20[0-9]{2})年(?P<month>[0-9]{1,2}月)?")
}

/// A caption line under a table's title that gives only the year:
/// `（2026年度）`, `(2026年度）`, `2026（年度）` (Beijing's 部门整体支出绩效目标表).
fn caption_year() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    regex(&RE, r"^[（(]?(?P<year>20[0-9]{2})(?:年度|（年度）|\(年度\))[）)]?$")
}

/// A form's label and the department beside it, with no colon:
/// `部门名称 北京市公安局` (部门整体支出绩效目标表), also `部门名称：北京市公安局`,
/// and followed by the cell of the department's code
/// (`部门（单位）名称 宁德市人民政府办公室 部门预算编码 127`).
fn form_label() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    regex(&RE, r"^部门(?:（单位）)?名称(?:[:：]\s*|\s+)(?P<dept>\S{2,40})(?:\s+\S{0,6}(?:编码|代码)[:：]?\s*\d*)?$")
}

/// What a heading gave: the year, the kind, the department if it names
/// one, the words before the year (a department, or a place alone:
/// `上海市`), and `部门` or `单位` if it says which.
#[derive(Default)]
struct Heading {
    year: Option<u16>,
    kind: DocKind,
    dept: Option<String>,
    place: Option<String>,
    tier: Option<String>,
}

/// Reads department, year and kind from the first pages' lines, and the year
/// and kind from the table titles when the cover does not say.
pub fn find_meta(pages: &[Page], tables: &[Table]) -> Meta {
    let front: Vec<Vec<String>> =
        pages.iter().take(FRONT_PAGES).map(|p| p.lines.iter().map(|l| squeeze(&l.text)).collect()).collect();
    let heading = find_heading(&front);
    let mut meta = Meta { kind: heading.kind, ..Meta::default() };
    meta.department = labelled_dept(&front, true)
        .or(heading.dept)
        .or_else(|| labelled_dept(&front, false))
        .or_else(|| form_department(pages))
        .unwrap_or_default();
    meta.year = heading
        .year
        .or_else(|| tables.iter().find_map(|t| year_in(&t.title)))
        .or_else(|| pages.iter().flat_map(|p| &p.lines).find_map(|l| caption_year_of(&squeeze(&l.text))))
        // A cover that breaks its heading over lines: `江苏省2018年度` / `…预算公开报表`.
        .or_else(|| front.first().and_then(|cover| cover.iter().find_map(|l| year_in(l))));
    let final_titles = tables.iter().filter(|t| t.title.contains("决算")).count();
    if !tables.is_empty() && final_titles * 2 > tables.len() {
        meta.kind = DocKind::FinalAccounts;
    }
    if heading.year.is_none() && !tables.iter().any(|t| is_standard(t.key)) {
        meta.kind = DocKind::Other;
    }
    meta.level = heading.tier.unwrap_or_default();
    meta.region =
        heading.place.as_deref().and_then(region_of).or_else(|| region_of(&meta.department)).unwrap_or_default();
    meta
}

/// A table only budgets print: one of the standard amount tables
/// (收支总表, 支出总表, 三公, …), not a performance form and not `other`.
fn is_standard(key: TableKey) -> bool {
    !key.is_form() && key != TableKey::Other
}

/// The department a performance form names, for a document whose
/// headings name none: a stand-alone 部门整体绩效自评表 prints
/// `部门（单位）名称 宁德市人民政府办公室` and nothing else of its issuer; a
/// value longer than a name (40 characters, as `labelled` reads), such as a
/// form's whole text run into one line, names nobody.
pub fn department_of_forms(fields: &[budget_model::FormField]) -> Option<String> {
    let labels = ["部门（单位）名称", "部门(单位)名称", "部门名称", "单位名称", "预算单位名称"];
    fields
        .iter()
        .filter(|f| labels.contains(&squeeze(&f.field).as_str()))
        .map(|f| squeeze(&f.value))
        .find(|v| (2..=40).contains(&v.chars().count()))
}

/// A finding saying why a document of [`DocKind::Other`] is not
/// converted as a budget: `nat_145` (政府网站工作年度报表) has tables, none a
/// budget's; a stand-alone 部门整体绩效自评表 keeps its performance forms.
pub fn not_a_budget(tables: usize, has_forms: bool) -> Finding {
    let what = if has_forms { "only its performance forms are read" } else { "not converted" };
    Finding {
        page: 0,
        table: String::new(),
        message: format!(
            "not a budget: no budget title (`2026年…部门预算`) and no standard budget table among {tables} tables read; {what}"
        ),
    }
}

/// The year of the first heading of the front pages, and the department of
/// the first heading that names one (not a place alone: `上海市2026年市级单位预算`).
fn find_heading(front: &[Vec<String>]) -> Heading {
    let mut found = Heading::default();
    for lines in front {
        for i in 0..lines.len() {
            let Some(h) = heading_at(lines, i) else { continue };
            if found.year.is_none() {
                found.year = h.year;
                found.kind = h.kind;
                found.place = h.place;
            }
            found.tier = found.tier.or(h.tier);
            found.dept = found.dept.or(h.dept);
            if found.dept.is_some() && found.tier.is_some() {
                return found;
            }
        }
    }
    found
}

/// A heading that starts at line `i`: the line alone, or joined with the
/// one or two below it when a cover breaks its title
/// (`2026年深圳市公安局交通管理局（本` / `级）部门预算`, `2026年` /
/// `广州市交通运输局部门预算`, `2026年度` / `苏州市自然资源和规划局` / `部门预算公开`).
fn heading_at(lines: &[String], i: usize) -> Option<Heading> {
    let mut text = String::new();
    for line in lines.iter().skip(i).take(3) {
        if line.chars().count() > 60 {
            return None;
        }
        text.push_str(line);
        if let Some(found) = read_heading(&text) {
            return Some(found);
        }
    }
    None
}

/// Year, kind, department, place and tier of one heading's text.
fn read_heading(text: &str) -> Option<Heading> {
    let c =
        heading().captures(text).or_else(|| heading_year_first().captures(text)).filter(|c| dept_within(c, 0, 40))?;
    let dept = clean_department(&c["dept"]);
    let named = c.name("level").is_none() && ends_like_organisation(&dept);
    Some(Heading {
        year: c["year"].parse().ok(),
        kind: kind_of(&c["kind"]),
        place: (!dept.is_empty()).then(|| dept.clone()),
        dept: named.then_some(dept),
        tier: c.name("tier").map(|t| t.as_str().to_string()),
    })
}

/// The first labelled department on the front pages, with a department's
/// label when `department` is true, else with a unit's.
fn labelled_dept(front: &[Vec<String>], department: bool) -> Option<String> {
    front.iter().flatten().find_map(|l| {
        let c = labelled().captures(l).filter(|c| dept_within(c, 2, 40))?;
        (DEPARTMENT_LABELS.contains(&&c["label"]) == department).then(|| clean_department(&c["dept"]))
    })
}

/// The department a table or form labels anywhere in the document, for
/// documents without a cover: Beijing's table attachments print it only in
/// 部门整体支出绩效目标表 (`部门名称 北京市公安局`), Shenzhen's tables in their
/// caption (`部门名称：深圳市水务局 单位：万元`).
fn form_department(pages: &[Page]) -> Option<String> {
    pages.iter().flat_map(|p| &p.lines).find_map(|l| {
        let dept = match form_label().captures(l.text.trim()) {
            Some(c) => clean_department(&c["dept"]),
            None => {
                let text = squeeze(&l.text);
                let c = labelled().captures(&text).filter(|c| dept_within(c, 2, 40))?;
                if !DEPARTMENT_LABELS.contains(&&c["label"]) {
                    return None;
                }
                clean_department(&c["dept"])
            }
        };
        ends_like_organisation(&dept).then_some(dept)
    })
}

/// The first year in `s` that is neither the end of a period (`2025—2035年`)
/// nor part of a date (`2026年3月6日`).
fn year_in(s: &str) -> Option<u16> {
    title_year().captures_iter(s).find_map(|c| {
        let period_end =
            c.name("before").is_some_and(|b| matches!(b.as_str(), "—" | "-" | "－" | "~" | "～" | "至" | "到"));
        if period_end || c.name("month").is_some() {
            return None;
        }
        c["year"].parse().ok()
    })
}

/// The year of a caption line (`（2026年度）`).
fn caption_year_of(s: &str) -> Option<u16> {
    caption_year().captures(s).and_then(|c| c["year"].parse().ok())
}

fn kind_of(s: &str) -> DocKind {
    if s == "决算" {
        DocKind::FinalAccounts
    } else {
        DocKind::Budget
    }
}

/// Words an organisation's name ends with: `局`, `委员会`, `办公室`, `中心`,
/// `学校`, `执法总队`, `试验场`, `工务署`, and a school's (`第一中学`,
/// `实验小学`).
const ORGANISATION_ENDINGS: [&str; 25] = [
    "局", "厅", "委", "办", "院", "部", "室", "会", "处", "所", "中心", "站", "馆", "政府", "署", "队", "校", "场",
    "社", "团", "台", "园", "中学", "小学", "大学",
];

/// A name that ends like an organisation's, `（本级）` aside:
/// `深圳市公安局（本级）`, `首都绿化委员会办公室`; not `附件`, not a clause
/// (`深圳市文化广电旅游体育局（本级）纳入`).
pub(crate) fn ends_like_organisation(s: &str) -> bool {
    let s = s.strip_suffix("（本级）").or_else(|| s.strip_suffix("(本级)")).unwrap_or(s);
    ORGANISATION_ENDINGS.iter().any(|w| s.ends_with(w))
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
    fn names_that_end_like_an_organisation() {
        for name in
            ["深圳市公安局（本级）", "首都绿化委员会办公室", "云湖区第一中学", "云湖区实验小学", "某职业技术学院"]
        {
            assert!(ends_like_organisation(name), "{name}");
        }
        for words in ["附件", "小学教育", "课后服务教学", "深圳市文化广电旅游体育局（本级）纳入"]
        {
            assert!(!ends_like_organisation(words), "{words}");
        }
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

    #[test]
    fn covers_that_break_the_heading_over_lines() {
        let cases: [(&[&str], &str, u16); 6] = [
            (&["2026年深圳市公安局交通管理局（本", "级）部门预算"], "深圳市公安局交通管理局（本级）", 2026),
            (&["2026年深圳市建筑工务署部门预算"], "深圳市建筑工务署", 2026),
            (&["2026年", "广州市交通运输局部门预算"], "广州市交通运输局", 2026),
            (&["2025年度", "无锡市发展和改革委员会", "部门预算公开"], "无锡市发展和改革委员会", 2025),
            (&["2026年度苏州市水务局单位预算公开"], "苏州市水务局", 2026),
            (&["重庆市人民政府办公厅", "2026年部门预算情况说明", "一、单位基本情况"], "重庆市人民政府办公厅", 2026),
        ];
        for (lines, dept, year) in cases {
            assert_eq!(meta(lines), (dept.into(), Some(year), DocKind::Budget), "{lines:?}");
        }
    }

    #[test]
    fn a_clause_or_a_place_is_no_department() {
        // nat_077 p. 5: the sentence runs on below; the cover names no one.
        assert_eq!(
            meta(&["深圳市文化广电旅游体育局（本级）纳入2026年部门预算"]),
            (String::new(), Some(2026), DocKind::Budget)
        );
        assert_eq!(meta(&["上海市2026年市级单位预算"]).0, "");
    }

    #[test]
    fn the_department_label_and_the_heading_come_before_a_units_label() {
        // A multi-unit document names its units in its tables; the
        // department is the one its cover names.
        let m = meta(&["2026年深圳市人力资源和社会保障局", "部门预算", "预算单位：深圳市职业训练中心"]);
        assert_eq!(m.0, "深圳市人力资源和社会保障局");
        let m = meta(&["预算单位：深圳市职业训练中心", "部门名称：深圳市人力资源和社会保障局 单位：万元"]);
        assert_eq!(m.0, "深圳市人力资源和社会保障局");
    }

    #[test]
    fn a_unit_label_beside_the_name_is_no_part_of_it() {
        assert_eq!(meta(&["单位名称：国家信访局 金额单位：万元"]).0, "国家信访局");
        assert_eq!(meta(&["部门名称：深圳市水务局 单位：万元"]).0, "深圳市水务局");
    }

    #[test]
    fn beijing_attachments_name_department_and_year_in_the_performance_form() {
        let mut cover = Page::new(1);
        cover.lines = ["预算01表 收支总表", "金额单位：万元"].map(Line::text).to_vec();
        for caption in ["（2026年度）", "2026（年度）", "(2026年度）"] {
            let mut form = Page::new(40);
            form.lines =
                ["预算13表 部门整体支出绩效目标表", caption, "部门名称 北京市公安局交通管理局", "财政拨款 其他资金"]
                    .map(Line::text)
                    .to_vec();
            let m = find_meta(&[cover.clone(), form], &[]);
            assert_eq!((m.department.as_str(), m.year), ("北京市公安局交通管理局", Some(2026)), "{caption}");
        }
        // A header cell `部门名称` followed by other cells names no department.
        assert_eq!(meta(&["部门名称 合计 基本支出 项目支出"]).0, "");
        // Followed by the cell of its code.
        assert_eq!(meta(&["部门（单位）名称 宁德市人民政府办公室 部门预算编码 127"]).0, "宁德市人民政府办公室");
    }

    #[test]
    fn level_from_the_title_and_region_from_the_cover_or_the_department() {
        let cases: [(&[&str], &str, &str); 8] = [
            (&["上海市2026年市级单位预算", "预算单位：上海交通职业技术学院"], "单位", "上海市"),
            (&["2026年深圳市公安局交通管理局（本", "级）部门预算"], "部门", "深圳市"),
            (&["2026年度", "苏州市自然资源和规划局", "单位预算公开"], "单位", "苏州市"),
            (&["上海市普陀区2026年区级部门预算", "预算主管部门：上海市普陀区司法局"], "部门", "上海市普陀区"),
            (&["第二部分 武昌区人民政府办公室 2024 年部门预算表"], "部门", "武昌区"),
            (&["国家信访局2026年度部门预算"], "部门", ""),
            (&["江苏省2018年度", "省级部门预算公开报表", "部 门:中共江苏省委办公厅"], "部门", "江苏省"),
            (&["收支预算总表", "部门： 江苏省人大常委会办公厅 单位：万元"], "", "江苏省"),
        ];
        for (lines, level, region) in cases {
            let m = find_meta(&pages(lines), &[]);
            assert_eq!((m.level.as_str(), m.region.as_str()), (level, region), "{lines:?}");
        }
    }

    #[test]
    fn a_document_with_no_budget_title_and_no_budget_table_is_other() {
        let table = |key: TableKey| Table::new(key, "", "");
        // nat_145: a website's yearly report; nat_146: a planning notice with tables of its own.
        let report = ["政府网站工作年度报表", "（2025年度）", "填报单位:南宁市财政局"];
        let cases: [(&[&str], Vec<Table>, DocKind); 5] = [
            (&report, vec![], DocKind::Other),
            (&report, vec![table(TableKey::Other)], DocKind::Other),
            (&["部门整体绩效自评表", "（2024年度）"], vec![table(TableKey::OverallPerformanceTargets)], DocKind::Other),
            // Beijing's table attachments have no title, and standard tables.
            (&["预算01表 收支总表"], vec![table(TableKey::IncomeExpenseSummary)], DocKind::Budget),
            // A budget title with no table read is a budget (that failed), not 其他.
            (&["2026年深圳市信访局部门预算"], vec![], DocKind::Budget),
        ];
        for (lines, tables, kind) in cases {
            assert_eq!(find_meta(&pages(lines), &tables).kind, kind, "{lines:?}");
        }
    }

    #[test]
    fn a_period_or_a_date_is_no_budget_year() {
        // nat_146, a notice: `（2025—2035年）` is a period, the date is the notice's.
        let m = meta(&["包头市人民政府办公室", "防治工作规划（2025—2035年）的通知", "2026年3月6日"]);
        assert_eq!(m.1, None);
    }

    #[test]
    fn a_form_names_the_department_a_heading_does_not() {
        let field = |field: &str, value: &str| budget_model::FormField {
            form: "overall_performance_self_evaluation".into(),
            project: String::new(),
            field: field.into(),
            value: value.into(),
            page: 1,
        };
        type Fields<'a> = &'a [(&'a str, &'a str)];
        let cases: [(Fields, Option<&str>); 3] = [
            // nat_149: 部门（单位）名称 beside 部门预算编码.
            (
                &[("专项名称", "127部门整体"), ("部门（单位）名称", "宁德市人民政府办公室")],
                Some("宁德市人民政府办公室"),
            ),
            (&[("项目名称", "信息化运维"), ("主管部门", "")], None),
            (&[("部门名称", " ")], None),
        ];
        for (fields, want) in cases {
            let fields: Vec<_> = fields.iter().map(|(f, v)| field(f, v)).collect();
            assert_eq!(department_of_forms(&fields).as_deref(), want, "{fields:?}");
        }
    }
}
