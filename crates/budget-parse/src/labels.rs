//! Row labels beyond one code column and one name column: line numbers
//! (行次, 序号, 栏次), codes printed inside the name, a second classification
//! pair, code parts printed only at their own level, and the text columns
//! (预算单位, 年度) that tell rows apart.

use crate::lex::code;
use crate::norm::squeeze;

/// Headings of line-number columns: `行次` in 决算 templates, `序号` of a
/// list, `栏次`. Their cells number rows; they are never amounts.
pub(crate) fn is_line_number_heading(leaf: &str) -> bool {
    ["行次", "序号", "栏次"].iter().any(|w| leaf.ends_with(w))
}

/// A line number as printed: `1`, `32`, at most four digits.
pub(crate) fn is_line_number(s: &str) -> bool {
    (1..=4).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
}

/// Labels of the 栏次 row that numbers the columns under the header
/// (`栏次 1 2 3`, `** 1 2 3`).
pub(crate) fn is_column_number_label(name: &str) -> bool {
    matches!(squeeze(name).as_str(), "栏次" | "*" | "**" | "***")
}

/// True when the figures of a row are `1 2 3 …`: consecutive integers
/// starting at 1 or 2 (the right side of a two-sided 栏次 row goes on).
pub(crate) fn is_column_numbering(figures: &[&str]) -> bool {
    let Some(first) = figures.first().and_then(|f| f.parse::<u32>().ok()) else { return false };
    figures.iter().all(|f| is_line_number(f))
        && figures.iter().enumerate().all(|(i, f)| f.parse::<u32>().ok() == Some(first + i as u32))
}

/// Headings of text columns that tell rows apart: the unit a row belongs to
/// (`预算单位`, `单位名称`) or the year it is for (`年度`: the `2025年` and
/// `2026年` rows of a 三公 table).
pub(crate) fn is_qualifier_heading(leaf: &str) -> bool {
    matches!(leaf, "预算单位" | "单位名称" | "预算单位名称" | "年度" | "年份")
}

/// A classification code printed at the start of the name, with the name:
/// `[208]社会保障和就业支出` (广州), `2230201-国有经济结构调整支出` (北京),
/// `【301】工资福利支出`, `30101 基本工资` (a space before squeezing).
/// A number run into the words without a mark (`12345政务服务便民热线`) is
/// part of the name.
pub(crate) fn split_code_name(label: &str) -> Option<(String, String)> {
    let t = label.trim();
    let bracketed = [('[', ']'), ('【', '】'), ('［', '］')].iter().find_map(|&(open, close)| {
        let inner = t.strip_prefix(open)?;
        let (c, rest) = inner.split_once(close)?;
        Some((c.trim(), rest))
    });
    let (c, rest) = match bracketed {
        Some(found) => found,
        None => {
            let end = t.find(|ch: char| !ch.is_ascii_digit()).unwrap_or(t.len());
            let rest = &t[end..];
            let mark = rest.chars().next()?;
            if !matches!(mark, '-' | '－' | '—' | ' ' | '\u{3000}') {
                return None;
            }
            (&t[..end], &rest[mark.len_utf8()..])
        }
    };
    let rest = rest.trim_start_matches(['-', '－', '—', ' ', '\u{3000}']).trim();
    let words = rest.chars().next().is_some_and(|ch| !ch.is_ascii_digit());
    (is_classification_code(c) && words).then(|| (c.to_string(), rest.to_string()))
}

/// The lengths of classification and unit codes: 类 `201`, 款 `20105`, 项
/// `2010501`, unit `303001`, sub-unit `303001001`. Four digits are a year
/// (`2025-无锡市…项目`), not a code.
fn is_classification_code(c: &str) -> bool {
    code(c) && matches!(c.len(), 3 | 5 | 6 | 7 | 9)
}

/// A second pair run into the first one's name (`培训支出50203-培训费`):
/// the name before it, and the second code and name.
pub(crate) fn split_second_pair(name: &str) -> Option<(String, String, String)> {
    let start = name.char_indices().find_map(|(i, ch)| {
        let prev_is_digit = name[..i].chars().last().is_some_and(|p| p.is_ascii_digit());
        (ch.is_ascii_digit() && !prev_is_digit && i > 0).then_some(i)
    })?;
    let (c, second) = split_code_name(&name[start..])?;
    Some((name[..start].to_string(), c, second))
}

/// The parts of a code printed apart (`301` `02`, or in one cell `301 02`)
/// joined into one. A 类 of three digits is followed by 款 and 项 of two
/// each; a part printed as a number lost its leading zero (`301` `2` is
/// `30102`, 津贴补贴), so a part of one digit after a 类 is padded. Other
/// parts are joined as printed.
pub(crate) fn join_code_parts<'a>(parts: impl IntoIterator<Item = &'a str>) -> String {
    let parts: Vec<&str> = parts.into_iter().collect();
    let levels = parts.len() > 1
        && parts[0].len() == 3
        && parts[1..].iter().all(|p| (1..=2).contains(&p.len()))
        && parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit()));
    if !levels {
        return parts.concat();
    }
    parts.iter().enumerate().map(|(i, p)| if i == 0 { p.to_string() } else { format!("{p:0>2}") }).collect()
}

/// Code parts printed only at their own level: `201` on the 类 row, `05`
/// under 款 on the next with the 类 cell blank, `01` under 项. Given the
/// parts last printed for each level and the row's parts, returns the parts
/// with the levels to the left filled from the rows above. A row that prints
/// its leftmost level, or no part at all, keeps its own.
pub(crate) fn inherit_parts(last: &mut Vec<String>, parts: &[String]) -> Vec<String> {
    let Some(first) = parts.iter().position(|p| !p.is_empty()) else { return parts.to_vec() };
    last.resize(parts.len(), String::new());
    let mut out = parts.to_vec();
    if first > 0 && (0..first).all(|k| !last[k].is_empty()) {
        out[..first].clone_from_slice(&last[..first]);
    }
    let own_end = out.iter().rposition(|p| !p.is_empty()).map_or(0, |e| e + 1);
    for (k, slot) in last.iter_mut().enumerate() {
        *slot = if k < own_end { out[k].clone() } else { String::new() };
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_split_from_names() {
        let cases: &[(&str, Option<(&str, &str)>)] = &[
            ("[208]社会保障和就业支出", Some(("208", "社会保障和就业支出"))),
            ("[20605]科技条件与服务", Some(("20605", "科技条件与服务"))),
            ("2230201-国有经济结构调整支出", Some(("2230201", "国有经济结构调整支出"))),
            ("50101-工资奖金津补贴", Some(("50101", "工资奖金津补贴"))),
            ("【301】工资福利支出", Some(("301", "工资福利支出"))),
            ("30101 基本工资", Some(("30101", "基本工资"))),
            ("12345政务服务便民热线", None),
            ("01-公共服务", None),
            ("A-货物", None),
            ("2025-无锡市劳动人事争议仲裁院政务云资源运维项目-0001", None),
            ("行政运行", None),
            ("[208]", None),
        ];
        for (label, want) in cases {
            let got = split_code_name(label);
            assert_eq!(got, want.map(|(c, n)| (c.to_string(), n.to_string())), "{label}");
        }
    }

    #[test]
    fn code_parts_joined_with_their_zeros() {
        // real_04 (江苏): the 款 of 30102 printed as the number `2`.
        assert_eq!(join_code_parts(["301", "2"]), "30102");
        assert_eq!(join_code_parts(["301", "02"]), "30102");
        assert_eq!(join_code_parts(["201", "3", "1"]), "2010301");
        assert_eq!(join_code_parts(["201", "03", "01"]), "2010301");
        assert_eq!(join_code_parts(["30102"]), "30102");
        assert_eq!(join_code_parts(["2", "01"]), "201");
        assert_eq!(join_code_parts(Vec::<&str>::new()), "");
    }

    #[test]
    fn second_pair_split_from_name() {
        // nat_039 (北京): two pairs printed in one cell.
        assert_eq!(
            split_second_pair("培训支出50203-培训费"),
            Some(("培训支出".into(), "50203".into(), "培训费".into()))
        );
        assert_eq!(split_second_pair("培训支出"), None);
        assert_eq!(split_second_pair("12345政务服务"), None);
    }

    #[test]
    fn code_parts_inherit_their_upper_levels() {
        // 类 | 款 | 项 columns printing only the row's own level.
        let rows: &[(&[&str], &[&str])] = &[
            (&["201", "", ""], &["201", "", ""]),
            (&["", "05", ""], &["201", "05", ""]),
            (&["", "", "01"], &["201", "05", "01"]),
            (&["", "", "02"], &["201", "05", "02"]),
            (&["", "06", ""], &["201", "06", ""]),
            (&["", "", "01"], &["201", "06", "01"]),
            (&["208", "", ""], &["208", "", ""]),
            (&["208", "05", "01"], &["208", "05", "01"]),
            (&["", "", ""], &["", "", ""]),
        ];
        let mut last = Vec::new();
        for (parts, want) in rows {
            let parts: Vec<String> = parts.iter().map(|s| s.to_string()).collect();
            assert_eq!(inherit_parts(&mut last, &parts), *want, "{parts:?}");
        }
    }

    #[test]
    fn line_numbers_and_column_numbering() {
        assert!(is_line_number_heading("行次"));
        assert!(is_line_number_heading("序号"));
        assert!(!is_line_number_heading("项目"));
        assert!(is_column_number_label("栏次"));
        assert!(is_column_number_label("* *"));
        assert!(is_column_numbering(&["1", "2", "3"]));
        assert!(is_column_numbering(&["2"]));
        assert!(!is_column_numbering(&["1", "3"]));
        assert!(!is_column_numbering(&["1.00", "2.00"]));
    }
}
