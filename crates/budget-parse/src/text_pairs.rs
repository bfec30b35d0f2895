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

use std::collections::BTreeMap;

use budget_model::{Decimal, Finding};

use crate::lex::{amount, scale_of};
use crate::norm::squeeze;
use crate::raw::{RawColumn, RawRow, RawTable, Role};
use crate::text_lines::is_page_number;
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
    /// The half it is printed in, where its line shows it: the right after
    /// another row on its line or on a line that begins with a space (the
    /// left half blank there), the left before another row on its line.
    /// A row alone on a line that begins at the margin shows none.
    right: Option<bool>,
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

/// A half's total (`人员经费合计`, `公用经费合计`): it opens a row of its
/// own, never continues the name of a row left blank above it.
fn total_label(word: &str) -> bool {
    word.ends_with("合计") || word.ends_with("总计")
}

/// The rows of the lines' words; `None` when a word does not fit (two
/// amounts in a row, an amount before any name, amounts without decimals).
fn items(data: &[BodyLine<'_>]) -> Option<Vec<Item>> {
    let mut out: Vec<Item> = Vec::new();
    for l in data {
        let first = out.len();
        let mut opened_here = false;
        let mut open_item = |code: &str, name: &str| {
            let right = (opened_here || l.opens_right).then_some(true);
            opened_here = true;
            Item { code: code.to_string(), name: name.to_string(), amount: None, page: l.page, right }
        };
        for w in l.text.split_whitespace() {
            let open = out.last().is_some_and(|i| i.amount.is_none());
            if let Some(part) = code_part(out.last(), w) {
                out.last_mut()?.code.push_str(&format!("{part:0>2}"));
            } else if is_code(w) {
                out.push(open_item(w, ""));
            } else if amount(w).is_some() {
                let last = out.last_mut().filter(|i| open && !i.name.is_empty() && w.contains('.'))?;
                last.amount = Some(w.to_string());
            } else if open && !total_label(w) {
                out.last_mut()?.name.push_str(w);
            } else {
                out.push(open_item("", w));
            }
        }
        if out.len() > first + 1 && !l.opens_right {
            out[first].right = Some(false);
        }
    }
    Some(out)
}

/// Whether every row has a name, some an amount, and every class row
/// (three digits) with rows of its own (five digits) is their sum, a blank
/// cell zero: to the unit of the last printed digit per item, as rounded
/// figures add up (`302 商品和服务支出 440.90` over 27 items summing to
/// 440.88).
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
        let scale = children.iter().chain([&p]).filter_map(|i| i.amount.as_deref()).map(scale_of).max().unwrap_or(0);
        let slack = Decimal::new(1, scale) * Decimal::from(children.len());
        children.is_empty() || value(p).is_some_and(|v| (v - sum).abs() <= slack)
    })
}

/// The rows of each half, as the table prints them: the left half's rows
/// and its total (`人员经费合计`), and the right half's. A class's rows all
/// go with the half most of its rows show; a class none of whose rows
/// shows one (printed alone on its lines, the other half ended) goes with
/// the row before it, as does a row without a class that shows none.
fn halves(items: Vec<Item>) -> (Vec<Item>, Vec<Item>) {
    let class = |i: &Item| (!i.code.is_empty()).then(|| i.code[..3].to_string());
    let mut votes: BTreeMap<String, i32> = BTreeMap::new();
    for i in &items {
        if let (Some(c), Some(right)) = (class(i), i.right) {
            *votes.entry(c).or_default() += if right { 1 } else { -1 };
        }
    }
    let mut last = false;
    let mut sides: Vec<bool> = Vec::with_capacity(items.len());
    for i in &items {
        let by_class = class(i).and_then(|c| votes.get(&c).copied()).filter(|v| *v != 0).map(|v| v > 0);
        last = by_class.or(i.right).unwrap_or(last);
        sides.push(last);
    }
    let (mut left, mut right) = (Vec::new(), Vec::new());
    for (item, on_right) in items.into_iter().zip(sides) {
        if on_right {
            right.push(item)
        } else {
            left.push(item)
        }
    }
    (left, right)
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
    // Each half a panel of its own, as the page prints them: the checks
    // sum each half's classes into its own total.
    let half = [
        RawColumn { path: "科目编码".into(), role: Role::Code },
        RawColumn { path: "科目名称".into(), role: Role::Name },
        RawColumn { path: column.into(), role: Role::Amount },
    ];
    raw.columns = half.iter().chain(&half).cloned().collect();
    let (left, right) = halves(rows);
    let cells = |i: Option<&Item>| match i {
        Some(i) => vec![i.code.clone(), i.name.clone(), i.amount.clone().unwrap_or_default()],
        None => vec![String::new(); 3],
    };
    for k in 0..left.len().max(right.len()) {
        let page = left.get(k).or(right.get(k)).map_or(0, |i| i.page);
        let mut row = cells(left.get(k));
        row.extend(cells(right.get(k)));
        raw.rows.push(RawRow::new(row, page));
    }
    true
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
    fn rows_go_half_by_half_each_total_after_its_half() {
        let mut data = lines(&[
            "301 工资福利支出 20.82 302 商品和服务支出 10.23",
            "30101 基本工资 20.82 30201 办公费 3.78",
            "   30299 其他商品和服务支出 6.45",
            "   30240 税金及附加费用",
            "人员经费合计 20.82 公用经费合计 10.23",
        ]);
        data[2].opens_right = true;
        data[3].opens_right = true;
        let (left, right) = halves(items(&data).expect("items"));
        let names = |half: &[Item]| half.iter().map(|i| format!("{}{}", i.code, i.name)).collect::<Vec<_>>();
        assert_eq!(names(&left), ["301工资福利支出", "30101基本工资", "人员经费合计"]);
        // The total after a row left blank opens a row of its own.
        assert_eq!(
            names(&right),
            ["302商品和服务支出", "30201办公费", "30299其他商品和服务支出", "30240税金及附加费用", "公用经费合计"]
        );
        // Rows alone on lines that begin at the margin stay with their
        // class, or with the row before them.
        data[2].opens_right = false;
        data[3].opens_right = false;
        let (left, right) = halves(items(&data).expect("items"));
        assert_eq!(left.len(), 3);
        assert_eq!((right[2].code.as_str(), right[3].code.as_str()), ("30299", "30240"));
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
        let cases: [(&'static [&'static str], bool); 6] = [
            // A class that is not its items' sum.
            (&["301 工资福利支出 20.00 302 商品和服务支出 1.00", "30101 基本工资 14.12"], false),
            // Rounded items: a cent off per item at most.
            (&["302 商品和服务支出 10.02", "30201 办公费 3.33 30202 印刷费 6.67"], true),
            (&["302 商品和服务支出 10.03", "30201 办公费 3.33 30202 印刷费 6.67"], false),
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
