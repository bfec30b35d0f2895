//! Lists of one amount column whose items stand under group labels, each
//! group opened by its 小计 row.
//!
//! 江苏's 收入预算总表 prints its sources as `项目名称 金额` rows, a source's
//! kind in a label cell spanning its items (`一般公共预算资金` over `小计`,
//! `公共财政拨款（补助）资金`, `专项收入`). The text gives the label on a
//! line of its own before its 小计, or with it (`政府性基金 小计`); an item
//! left blank prints its name alone, and an amount may come on the line
//! after its name:
//!
//! ```text
//! 收入总计 15897.44
//! 一般公共预算资金
//!  小计 15897.44
//! 公共财政拨款（补助）资金 15897.44
//! 专项收入
//! 政府性基金 小计
//! ```
//!
//! Each item is named with its group (`一般公共预算资金/小计`), as the
//! label cell spans it. The reading is taken only where every group's 小计
//! is the sum of its items (a blank is zero; an item `其中：…` is part of
//! another) and the total row before the groups the sum of the 小计.

use budget_model::Decimal;

use crate::header::{segment, LabelKind};
use crate::lex::{amount, scale_of};
use crate::norm::squeeze;
use crate::raw::{RawColumn, RawRow, RawTable, Role};
use crate::text_table::BodyLine;

/// The label of a group's own sum.
const SUBTOTAL: &str = "小计";

/// An item: its group, its name, its amount as printed, its page.
struct Item {
    group: Option<String>,
    name: String,
    amount: Option<String>,
    page: u32,
}

/// Reads the table `raw` when its header is a name and one amount column
/// and its rows are items under groups opened by 小计 rows that add up;
/// returns `false` (and leaves `raw` as it was) otherwise.
pub(crate) fn read(raw: &mut RawTable, header: &[&str], data: &[BodyLine<'_>]) -> bool {
    let labels = segment(header);
    let [name_label, amount_label] = &labels[..] else { return false };
    if name_label.kind != LabelKind::Name || amount_label.kind != LabelKind::Amount {
        return false;
    }
    let Some(items) = items(data) else { return false };
    if !items.iter().any(|i| i.name == SUBTOTAL) || !sums_hold(&items) {
        return false;
    }
    raw.columns = vec![
        RawColumn { path: name_label.text.clone(), role: Role::Name },
        RawColumn { path: amount_label.text.clone(), role: Role::Amount },
    ];
    raw.rows = items
        .into_iter()
        .map(|i| {
            let name = match i.group {
                Some(g) => format!("{g}/{}", i.name),
                None => i.name,
            };
            RawRow::new(vec![name, i.amount.unwrap_or_default()], i.page)
        })
        .collect();
    true
}

/// The items of the lines; `None` when a line holds more than one amount,
/// or an amount follows no item that lacks one.
fn items(data: &[BodyLine<'_>]) -> Option<Vec<Item>> {
    // The amounts print with the total's decimals: a page number (`10`)
    // alone on a line is none.
    let scale = data.iter().find_map(|l| l.text.split_whitespace().find_map(|w| amount(w).map(|_| scale_of(w))))?;
    let is_amount = |w: &str| amount(w).is_some() && scale_of(w) == scale;
    let mut items: Vec<Item> = Vec::new();
    let mut group: Option<String> = None;
    for l in data {
        let words: Vec<&str> = l.text.split_whitespace().collect();
        if let [word] = words[..] {
            if amount(word).is_some() && !is_amount(word) {
                continue;
            }
        }
        let (name_words, figure) = match words.split_last() {
            Some((last, rest)) if is_amount(last) => (rest, Some(last.to_string())),
            _ => (&words[..], None),
        };
        if name_words.iter().any(|w| amount(w).is_some()) {
            return None;
        }
        if name_words.is_empty() {
            match (figure, items.last_mut()) {
                (Some(f), Some(last)) if last.amount.is_none() => last.amount = Some(f),
                (None, _) => {}
                _ => return None,
            }
            continue;
        }
        let name = squeeze(&name_words.join(" "));
        if let Some(label) = name.strip_suffix(SUBTOTAL) {
            // `政府性基金 小计`, or `小计` under the label printed alone.
            let label = if label.is_empty() {
                let last = items.pop().filter(|i| i.amount.is_none())?;
                last.name
            } else {
                label.to_string()
            };
            group = Some(label);
        }
        let name = if name.ends_with(SUBTOTAL) { SUBTOTAL.to_string() } else { name };
        items.push(Item { group: group.clone(), name, amount: figure, page: l.page });
    }
    Some(items)
}

/// Whether each group's 小计 is the sum of its items (`其中：…` left out)
/// and the items before the first group, each a total, the sum of the
/// 小计.
fn sums_hold(items: &[Item]) -> bool {
    let value = |i: &Item| i.amount.as_deref().map_or(Some(Decimal::ZERO), amount);
    let mut subtotals = Decimal::ZERO;
    let mut groups: Vec<&str> = items.iter().filter_map(|i| i.group.as_deref()).collect();
    groups.dedup();
    for g in groups {
        let of = |subtotal: bool| {
            items.iter().filter(move |i| i.group.as_deref() == Some(g) && (i.name == SUBTOTAL) == subtotal)
        };
        let Some(sub) = of(true).next().and_then(value) else { return false };
        let parts: Option<Decimal> = of(false).filter(|i| !i.name.starts_with("其中")).map(value).sum();
        if parts != Some(sub) {
            return false;
        }
        subtotals += sub;
    }
    let totals: Vec<&Item> = items.iter().take_while(|i| i.group.is_none()).collect();
    !totals.is_empty() && totals.iter().all(|t| value(t) == Some(subtotals))
}

#[cfg(test)]
mod tests {
    use super::*;
    use budget_model::TableKey;

    fn read_text(text: &str) -> Option<Vec<(String, String)>> {
        let lines: Vec<&str> = text.lines().collect();
        let (header, data) = lines.split_first()?;
        let data: Vec<BodyLine<'_>> =
            data.iter().map(|t| BodyLine { text: t, page: 2, after_blank: false, opens_right: false }).collect();
        let title =
            crate::title::Title { no: "02".into(), text: "收入预算总表".into(), key: TableKey::IncomeSummary };
        let mut raw = RawTable::new(title);
        read(&mut raw, &[header], &data)
            .then(|| raw.rows.iter().map(|r| (r.cells[0].clone(), r.cells[1].clone())).collect())
    }

    /// The label alone before ` 小计`, or with it; an amount on the line
    /// after its name; a page number after the rows.
    #[test]
    fn items_are_named_with_their_group() {
        let text = "项目名称 金额
收入总计 37,202.73
一般公共预算资金
 小计
37,188.34
公共财政拨款（补助）资金 37,188.34
专项收入
政府性基金 小计
其他资金
 小计 14.39
事业收入
其他收入 14.39
上年结转和结余资金 小计
其中：动用上年结转和结余资金
10";
        let rows = read_text(text).expect("read");
        let want = [
            ("收入总计", "37,202.73"),
            ("一般公共预算资金/小计", "37,188.34"),
            ("一般公共预算资金/公共财政拨款（补助）资金", "37,188.34"),
            ("一般公共预算资金/专项收入", ""),
            ("政府性基金/小计", ""),
            ("其他资金/小计", "14.39"),
            ("其他资金/事业收入", ""),
            ("其他资金/其他收入", "14.39"),
            ("上年结转和结余资金/小计", ""),
            ("上年结转和结余资金/其中：动用上年结转和结余资金", ""),
        ];
        let want: Vec<(String, String)> = want.iter().map(|(n, a)| (n.to_string(), a.to_string())).collect();
        assert_eq!(rows, want);
    }

    /// Sums that do not hold, no 小计, or another header: not read here.
    #[test]
    fn lists_that_do_not_add_up_are_left_to_the_other_readers() {
        let wrong_subtotal =
            "项目名称 金额\n收入总计 20.00\n一般公共预算资金\n 小计 20.00\n公共财政拨款（补助）资金 15.00";
        assert!(read_text(wrong_subtotal).is_none());
        let wrong_total =
            "项目名称 金额\n收入总计 25.00\n一般公共预算资金\n 小计 20.00\n公共财政拨款（补助）资金 20.00";
        assert!(read_text(wrong_total).is_none());
        assert!(read_text("项目名称 金额\n收入总计 20.00\n公共财政拨款（补助）资金 20.00").is_none());
        let two_columns = "项目名称 合计 基本支出\n收入总计 20.00\n一般公共预算资金\n 小计 20.00\n公共财政拨款 20.00";
        assert!(read_text(two_columns).is_none());
    }
}
