//! Tables printed as two lists side by side, each row a code, a name and
//! one amount.
//!
//! A 决算 template prints its 基本支出 table by economic class in two halves
//! beside each other under one header printed twice (`经济分类` / `科目编码
//! 科目名称 决算数 经济分类` / `科目编码 科目名称 决算数`). The extracted text
//! gives a printed line with both halves' rows, a wrapped name cut over
//! lines: `30108 机关事业单位基本` / `养老保险缴费 6.18 30206 电费 0.00`. Read
//! as a stream of words, every row is a code (whole, or in parts: `301 01`),
//! its name's words and one amount or none (a blank cell prints nothing);
//! the next code opens the next row. The rows are kept in reading order.
//! Class rows must be their items' sums, or the table is left out: an
//! amount given to the wrong row breaks them.

use budget_model::{Decimal, Finding};

use crate::lex::amount;
use crate::norm::squeeze;
use crate::raw::{RawColumn, RawRow, RawTable, Role};
use crate::text_table::BodyLine;

/// The amount column's name, printed once in each half.
const AMOUNT_WORDS: [&str; 3] = ["决算数", "预算数", "金额"];

/// Words of the header besides the amount column's.
const HEADER_WORDS: [&str; 7] = ["经济分类", "科目编码", "科目名称", "项目", "功能分类", "类", "款"];

/// Whether `word` is a known word of these headers.
pub(crate) fn header_word(word: &str) -> bool {
    AMOUNT_WORDS.contains(&word) || HEADER_WORDS.contains(&word)
}

/// The amount column of a header printed twice side by side: `科目编码`,
/// `科目名称` and one amount word each twice, no other words.
///
/// `经济分类` / `科目编码 科目名称 决算数 经济分类` / `科目编码 科目名称 决算数` → `决算数`.
pub(crate) fn paired_column(header: &[&str]) -> Option<&'static str> {
    let text = squeeze(&header.concat());
    let twice = |w: &str| text.matches(w).count() == 2;
    if !twice("科目编码") || !twice("科目名称") {
        return None;
    }
    let word = AMOUNT_WORDS.iter().copied().find(|w| twice(w))?;
    let rest = HEADER_WORDS.iter().fold(text.replace(word, ""), |t, w| t.replace(w, ""));
    (rest.chars().count() <= 2).then_some(word)
}

/// One row of either half.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Item {
    code: String,
    name: String,
    amount: Option<String>,
    page: u32,
}

/// A code opening a row: three, five or seven digits, no point. Amounts of
/// these tables carry decimals, so digits without a point are no amount.
fn is_code(word: &str) -> bool {
    matches!(word.len(), 3 | 5 | 7) && word.bytes().all(|b| b.is_ascii_digit())
}

/// A code's 款 or 项 part printed apart after its 类 (`301 01 基本工资`):
/// one or two digits right after a code, before any name.
fn code_part<'a>(last: Option<&Item>, word: &'a str) -> Option<&'a str> {
    let after_code = last.is_some_and(|i| matches!(i.code.len(), 3 | 5) && i.name.is_empty());
    (after_code && matches!(word.len(), 1 | 2) && word.bytes().all(|b| b.is_ascii_digit())).then_some(word)
}

/// The rows of the lines' words; `None` when a word does not fit (two
/// amounts in a row, an amount before any name, amounts without decimals).
fn items(data: &[BodyLine<'_>]) -> Option<Vec<Item>> {
    let mut out: Vec<Item> = Vec::new();
    for l in data {
        for w in l.text.split_whitespace() {
            let open = out.last().is_some_and(|i| i.amount.is_none());
            if let Some(part) = code_part(out.last(), w) {
                out.last_mut()?.code.push_str(&format!("{part:0>2}"));
            } else if is_code(w) {
                out.push(Item { code: w.to_string(), name: String::new(), amount: None, page: l.page });
            } else if amount(w).is_some() {
                let last = out.last_mut().filter(|i| open && !i.name.is_empty() && w.contains('.'))?;
                last.amount = Some(w.to_string());
            } else if open {
                out.last_mut()?.name.push_str(w);
            } else {
                out.push(Item { code: String::new(), name: w.to_string(), amount: None, page: l.page });
            }
        }
    }
    Some(out)
}

/// Whether every row has a name, some an amount, and every class row
/// (three digits) with rows of its own (five digits) is their sum, a blank
/// cell zero.
fn sums_hold(items: &[Item]) -> bool {
    let value = |i: &Item| match i.amount.as_deref() {
        Some(a) => amount(a),
        None => Some(Decimal::ZERO),
    };
    if items.iter().any(|i| i.name.is_empty() || value(i).is_none()) || items.iter().all(|i| i.amount.is_none()) {
        return false;
    }
    items.iter().filter(|p| p.code.len() == 3).all(|p| {
        let children: Vec<&Item> =
            items.iter().filter(|c| c.code.len() == 5 && c.code.starts_with(p.code.as_str())).collect();
        let sum: Decimal = children.iter().filter_map(|c| value(c)).sum();
        children.is_empty() || value(p) == Some(sum)
    })
}

/// Reads the table `raw` when its header is printed twice side by side
/// (see [`paired_column`]); returns `false` for any other header. Rows that
/// do not read, or class rows that are not their items' sum, leave the
/// table out with a finding.
pub(crate) fn read(raw: &mut RawTable, header: &[&str], data: &[BodyLine<'_>], findings: &mut Vec<Finding>) -> bool {
    let Some(column) = paired_column(header) else { return false };
    let data: Vec<BodyLine<'_>> = data.iter().filter(|l| !is_page_number(l.text)).copied().collect();
    let read = items(&data).filter(|rows| rows.len() >= 2 && sums_hold(rows));
    let Some(rows) = read else {
        let page = data.first().map_or(0, |l| l.page);
        let message = "rows of a header printed twice side by side do not read as code, name and amount, or their classes do not sum; table left out".to_string();
        findings.push(Finding { page, table: raw.title.key.as_str().into(), message });
        return true;
    };
    raw.columns = vec![
        RawColumn { path: "科目编码".into(), role: Role::Code },
        RawColumn { path: "科目名称".into(), role: Role::Name },
        RawColumn { path: column.into(), role: Role::Amount },
    ];
    for i in rows {
        raw.rows.push(RawRow::new(vec![i.code, i.name, i.amount.unwrap_or_default()], i.page));
    }
    true
}

/// A line of one to three digits alone, or between dashes: a page number.
fn is_page_number(text: &str) -> bool {
    let t: String = text.split_whitespace().collect::<String>().trim_matches('-').to_string();
    t.is_empty() || (t.len() <= 3 && t.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(texts: &'static [&'static str]) -> Vec<BodyLine<'static>> {
        texts.iter().map(|t| BodyLine { text: t, page: 9, after_blank: false, opens_right: false }).collect()
    }

    #[test]
    fn a_header_printed_twice_names_its_amount_column() {
        let cases: [(&[&str], Option<&str>); 4] = [
            (&["经济分类", "科目编码 科目名称 决算数 经济分类", "科目编码 科目名称 决算数"], Some("决算数")),
            (&["科目编码 科目名称 金额 科目编码 科目名称 金额"], Some("金额")),
            (&["科目编码 科目名称 合计 人员经费 公用经费"], None),
            (&["科目编码 科目名称 决算数 科目编码 科目名称 预算数 上年决算数"], None),
        ];
        for (header, want) in cases {
            assert_eq!(paired_column(header), want, "{header:?}");
        }
    }

    #[test]
    fn both_halves_read_as_rows_in_order() {
        let data = lines(&[
            "301 工资福利支出 20.82 302 商品和服务支出 10.23",
            "30101 基本工资 14.12 30201 办公费 3.78",
            "30108 机关事业单位基本",
            "养老保险缴费 6.70 30299 其他商品和服务支出 6.45",
            "人员经费合计 20.82 公用经费合计 10.23",
        ]);
        let got = items(&data).expect("items");
        let rows: Vec<(&str, &str, &str)> =
            got.iter().map(|i| (i.code.as_str(), i.name.as_str(), i.amount.as_deref().unwrap_or(""))).collect();
        assert_eq!(
            rows,
            [
                ("301", "工资福利支出", "20.82"),
                ("302", "商品和服务支出", "10.23"),
                ("30101", "基本工资", "14.12"),
                ("30201", "办公费", "3.78"),
                ("30108", "机关事业单位基本养老保险缴费", "6.70"),
                ("30299", "其他商品和服务支出", "6.45"),
                ("", "人员经费合计", "20.82"),
                ("", "公用经费合计", "10.23"),
            ]
        );
        assert!(sums_hold(&got));
    }

    #[test]
    fn codes_in_parts_and_blank_cells_read() {
        let data = lines(&[
            "301 工资福利支出 2,082.85 302 商品和服务支出 21.21",
            "301 01 基本工资 2,082.85 302 01 办公费 21.21",
            "301 03 奖金 302 03 咨询费",
            "301 08 机关事业单位基本养老保险缴",
            "费 302 12 因 公 出 国 （ 境 ） 费",
            "用",
        ]);
        let got = items(&data).expect("items");
        let rows: Vec<(&str, &str, &str)> =
            got.iter().map(|i| (i.code.as_str(), i.name.as_str(), i.amount.as_deref().unwrap_or(""))).collect();
        assert_eq!(
            rows,
            [
                ("301", "工资福利支出", "2,082.85"),
                ("302", "商品和服务支出", "21.21"),
                ("30101", "基本工资", "2,082.85"),
                ("30201", "办公费", "21.21"),
                ("30103", "奖金", ""),
                ("30203", "咨询费", ""),
                ("30108", "机关事业单位基本养老保险缴费", ""),
                ("30212", "因公出国（境）费用", ""),
            ]
        );
        assert!(sums_hold(&got));
    }

    #[test]
    fn rows_that_do_not_read_or_sum_are_refused() {
        let cases: [(&'static [&'static str], bool); 4] = [
            // A class that is not its items' sum.
            (&["301 工资福利支出 20.00 302 商品和服务支出 1.00", "30101 基本工资 14.12"], false),
            // A row without its amount (a blank cell): the next code opens a row.
            (&["30103 奖金 30203 咨询费 0.00"], true),
            // An amount read into the wrong half breaks its class's sum.
            (&["301 工资福利支出 1.00 302 商品和服务支出", "30101 基本工资 30201 电费", "1.00"], false),
            (&["30101 基本工资 14.12 30201 办公费 3.78"], true),
        ];
        for (texts, want) in cases {
            let ok = items(&lines(texts)).is_some_and(|rows| sums_hold(&rows));
            assert_eq!(ok, want, "{texts:?}");
        }
        assert!(items(&lines(&["30101 基本工资 14.12 3.78"])).is_none(), "two amounts in a row");
        assert!(items(&lines(&["30101 基本工资 14"])).is_none(), "an amount without decimals");
    }
}
