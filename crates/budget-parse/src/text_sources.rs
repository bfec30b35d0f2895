//! 部门收入总表 printed as a list of sources under their funds: one amount
//! column (`项目名称 金额`), a row a source, each fund's `小计` before its
//! sources (江苏's 收入预算总表):
//!
//! ```text
//! 收入总计                                   10,150.48
//! 一般公共预算资金   小计                     10,070.48
//!                   公共财政拨款(补助)资金      10,070.48
//!                   专项收入
//! 政府性基金         小计
//! …
//! 其他资金           小计                         80.00
//!                   事业收入 / 经营收入 / 其他收入 80.00 / 债务资金(银行贷款)
//! 上年结转和结余资金  小计 / 其中：动用上年结转和结余资金
//! ```
//!
//! The fund names are merged cells. A spreadsheet-made PDF prints them after
//! the rows, in an order of its own (`其他资金 上年结转和结余资金` / `收入总计
//! 一般公共预算资金 财政专户管理资金`), and `收入总计` with them, its amount
//! first among the rows with no name; a text written as one line runs the
//! names without amounts together (`专项收入政府性基金小计小计专户管理教育收费…`).
//! Where each fund stood is lost, but the template says it: the rows come
//! in its order, so each printed `小计` and source is the template's next
//! row of that name, and an amount belongs to the row named last (the one
//! before any name to 收入总计). The reading is taken only where every word
//! is a name of the template, the rows come in its order, and the sums
//! hold: 收入总计 is the funds' `小计`s together, each `小计` its sources
//! (a blank is zero). Otherwise the table is left to the other readers.

use budget_model::Decimal;

use crate::lex::amount;
use crate::norm::{fullwidth_parens, squeeze};
use crate::raw::{RawColumn, RawRow, RawTable, Role};
use crate::text_table::BodyLine;

/// The total's name.
const TOTAL: &str = "收入总计";
/// The name of each fund's subtotal.
const SUBTOTAL: &str = "小计";

/// The funds of the template in printed order, each with its sources (a
/// source the document leaves out is not printed: `债务资金(银行贷款)` is
/// in some years' form only).
const FUNDS: &[(&str, &[&str])] = &[
    ("一般公共预算资金", &["公共财政拨款（补助）资金", "专项收入"]),
    ("政府性基金", &[]),
    ("财政专户管理资金", &["专户管理教育收费", "其他非税收入"]),
    ("其他资金", &["事业收入", "经营收入", "其他收入", "债务资金（银行贷款）"]),
    ("上年结转和结余资金", &["其中：动用上年结转和结余资金"]),
];

/// One row of the template: its fund (`None` for the total) and its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Slot {
    fund: Option<usize>,
    name: &'static str,
}

/// The template's rows in printed order.
fn slots() -> Vec<Slot> {
    let mut out = vec![Slot { fund: None, name: TOTAL }];
    for (f, (_, sources)) in FUNDS.iter().enumerate() {
        out.push(Slot { fund: Some(f), name: SUBTOTAL });
        out.extend(sources.iter().map(|name| Slot { fund: Some(f), name }));
    }
    out
}

/// What a piece of the table's text is.
#[derive(Debug, Clone, PartialEq)]
enum Word {
    /// A row's name (the total, `小计` or a source), as the template and
    /// as the document spell it (`公共财政拨款（补助）资金`).
    Row(&'static str, String),
    /// A fund's name (a merged cell, wherever it is printed).
    Fund,
    /// An amount as printed.
    Amount(String),
}

/// Every name of the template, longest first (so that `其他收入` is not
/// read as a piece of a longer name, nor a longer name in pieces).
fn names() -> Vec<(&'static str, Word)> {
    let row = |name: &'static str| (name, Word::Row(name, String::new()));
    let mut out: Vec<(&'static str, Word)> = vec![row(TOTAL), row(SUBTOTAL)];
    for (fund, sources) in FUNDS {
        out.push((fund, Word::Fund));
        out.extend(sources.iter().map(|s| row(s)));
    }
    out.sort_by_key(|(n, _)| std::cmp::Reverse(n.chars().count()));
    out
}

/// The words of a run of names written together (`专项收入政府性基金小计`),
/// each the longest name it opens with (brackets of either width); `None`
/// where a piece is no name.
fn names_in(printed: &str, names: &[(&'static str, Word)]) -> Option<Vec<Word>> {
    let printed: Vec<char> = printed.chars().collect();
    let spelled = fullwidth_parens(&printed.iter().collect::<String>());
    let mut out = Vec::new();
    let mut at = 0usize;
    while at < printed.len() {
        let rest: String = spelled.chars().skip(at).collect();
        let (name, word) = names.iter().find(|(n, _)| rest.starts_with(n))?;
        let len = name.chars().count();
        out.push(match word {
            Word::Row(n, _) => Word::Row(n, printed[at..at + len].iter().collect()),
            other => other.clone(),
        });
        at += len;
    }
    Some(out)
}

/// The words of the table's lines in order; `None` where a word is neither
/// a name of the template nor an amount.
fn words(data: &[BodyLine<'_>]) -> Option<Vec<Word>> {
    let names = names();
    let mut out = Vec::new();
    for l in data {
        for w in l.text.split_whitespace() {
            if amount(w).is_some() {
                out.push(Word::Amount(w.to_string()));
            } else {
                out.extend(names_in(w, &names)?);
            }
        }
    }
    Some(out)
}

/// Whether the header is this table's: `项目名称 金额`, with the fund names
/// and `收入总计` a spreadsheet prints among its lines.
fn is_header(header: &[&str]) -> bool {
    let mut rest = fullwidth_parens(&squeeze(&header.concat()));
    for name in std::iter::once(TOTAL).chain(FUNDS.iter().map(|(f, _)| *f)) {
        rest = rest.replace(name, "");
    }
    rest == "项目名称金额"
}

/// Each template row's name as printed and amount (`None`: not printed; an
/// empty amount: printed blank) in the order of `slots`; `None` where the
/// words do not follow the template's order or a row has two amounts.
fn placed(words: &[Word], slots: &[Slot]) -> Option<Vec<Option<(String, String)>>> {
    let mut out: Vec<Option<(String, String)>> = vec![None; slots.len()];
    let mut at: Option<usize> = None;
    for w in words {
        match w {
            Word::Fund => {}
            Word::Row(name, printed) => {
                let from = at.map_or(0, |i| i + 1);
                let next = (from..slots.len()).find(|&i| slots[i].name == *name)?;
                // A source is read only after its fund's 小计.
                let opened = |i: usize| slots[i].name == SUBTOTAL || slots[i].fund.is_none();
                let skipped_subtotal = (from..next).any(opened);
                if skipped_subtotal && !opened(next) {
                    return None;
                }
                out[next] = Some((printed.clone(), String::new()));
                at = Some(next);
            }
            Word::Amount(a) => {
                let i = at.unwrap_or(0);
                match &mut out[i] {
                    Some((_, v)) if !v.is_empty() => return None,
                    Some((_, v)) => *v = a.clone(),
                    None => out[i] = Some((TOTAL.to_string(), a.clone())),
                }
                at = Some(i);
            }
        }
    }
    Some(out)
}

/// Whether the placed amounts add up: the total is the funds' 小计s, each
/// 小计 its sources (a blank or unprinted row is zero).
fn adds_up(values: &[Option<(String, String)>], slots: &[Slot]) -> bool {
    let value = |i: usize| values[i].as_ref().and_then(|(_, v)| amount(v)).unwrap_or(Decimal::ZERO);
    let subtotal = |f: usize| slots.iter().position(|s| s.fund == Some(f) && s.name == SUBTOTAL);
    let mut funds = Decimal::ZERO;
    for f in 0..FUNDS.len() {
        let Some(s) = subtotal(f) else { return false };
        let sources: Decimal = (0..slots.len()).filter(|&i| slots[i].fund == Some(f) && i != s).map(value).sum();
        if sources != value(s) {
            return false;
        }
        funds += value(s);
    }
    funds == value(0)
}

/// Reads the table `raw` when it is such a list of sources; returns `false`
/// (and leaves `raw` as it was) otherwise.
pub(crate) fn read(raw: &mut RawTable, header: &[&str], data: &[BodyLine<'_>]) -> bool {
    if raw.title.key != budget_model::TableKey::IncomeSummary || !is_header(header) {
        return false;
    }
    let slots = slots();
    let Some(words) = words(data) else { return false };
    let Some(values) = placed(&words, &slots) else { return false };
    let printed = values.iter().filter(|v| v.as_ref().is_some_and(|(_, v)| !v.is_empty())).count();
    if printed == 0 || values[0].is_none() || !adds_up(&values, &slots) {
        return false;
    }
    let page = data.first().map_or(0, |l| l.page);
    raw.columns = vec![
        RawColumn { path: "项目名称".into(), role: Role::Name },
        RawColumn { path: "金额".into(), role: Role::Amount },
    ];
    for (slot, value) in slots.iter().zip(values) {
        let Some((name, value)) = value else { continue };
        let name = match slot.fund {
            Some(f) => format!("{}/{name}", FUNDS[f].0),
            None => name,
        };
        raw.rows.push(RawRow::new(vec![name, value], page));
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::title::Title;

    fn lines<'a>(texts: &'a [&'a str]) -> Vec<BodyLine<'a>> {
        texts.iter().map(|t| BodyLine { text: t, page: 3, after_blank: false, opens_right: false }).collect()
    }

    fn read_rows(header: &[&str], data: &[&str]) -> Option<Vec<(String, String)>> {
        let title =
            Title { no: "2".into(), text: "收入预算总表".into(), key: budget_model::TableKey::IncomeSummary };
        let mut raw = RawTable::new(title);
        read(&mut raw, header, &lines(data)).then(|| {
            raw.rows.iter().map(|r| (r.cells[0].clone(), r.cells[1].clone())).filter(|(_, v)| !v.is_empty()).collect()
        })
    }

    /// The spreadsheet's order (江苏省政协办公厅, 2018): the fund names and
    /// 收入总计 printed after the rows, 收入总计's amount first.
    #[test]
    fn funds_printed_after_the_rows_are_placed_by_the_template() {
        let header = ["收入总计", "一般公共预算资金", "财政专户管理资金", "项目名称 金额"];
        let data = [
            "10,150.48",
            "小计 10,070.48",
            "公共财政拨款(补助)资金 10,070.48",
            "专项收入",
            "政府性基金 小计",
            "小计",
            "专户管理教育收费",
            "其他非税收入",
            "小计 80.00",
            "事业收入",
            "经营收入",
            "其他收入 80.00",
            "债务资金(银行贷款)",
            "小计",
            "其中：动用上年结转和结余资金",
            "其他资金",
            "上年结转和结余资金",
        ];
        let rows = read_rows(&header, &data).expect("read");
        let expected = [
            ("收入总计", "10,150.48"),
            ("一般公共预算资金/小计", "10,070.48"),
            ("一般公共预算资金/公共财政拨款(补助)资金", "10,070.48"),
            ("其他资金/小计", "80.00"),
            ("其他资金/其他收入", "80.00"),
        ];
        assert_eq!(rows, expected.map(|(n, v)| (n.to_string(), v.to_string())));
    }

    /// A text written as one line runs the names without amounts together;
    /// a form without `债务资金(银行贷款)` reads the same. Names the template
    /// lacks, rows out of its order and sums that fail leave the table to
    /// the other readers.
    #[test]
    fn names_run_together_are_cut_by_the_template() {
        let header = ["项目名称收入总计一般公共预算资金", "金额"];
        let rest = "专项收入政府性基金小计小计专户管理教育收费其他非税收入小计事业收入经营收入其他收入小计其中：动用上年结转和结余资金财政专户管理资金其他资金上年结转和结余资金";
        let rows = read_rows(&header, &["18,330.37", "小计 18,330.37", "公共财政拨款(补助)资金 18,330.37", rest]);
        assert_eq!(rows.expect("read").len(), 3);
        // The total not the funds' sum.
        assert!(
            read_rows(&header, &["18,330.38", "小计 18,330.37", "公共财政拨款(补助)资金 18,330.37", rest]).is_none()
        );
        // A name of another form.
        assert!(read_rows(&header, &["18,330.37", "小计 18,330.37", "财政拨款 18,330.37", rest]).is_none());
        // A source before its fund's 小计.
        assert!(
            read_rows(&header, &["18,330.37", "公共财政拨款(补助)资金 18,330.37", "小计 18,330.37", rest]).is_none()
        );
        // Another table's header.
        assert!(read_rows(
            &["项目 预算数"],
            &["18,330.37", "小计 18,330.37", "公共财政拨款(补助)资金 18,330.37", rest]
        )
        .is_none());
    }
}
