//! 收支总表 whose 支出 side prints two lists side by side, from text.
//!
//! Some templates (江苏's 收支预算总表) print three lists on one page: the
//! income items with their amounts, the expense by function (`功能分类`)
//! and the expense by use (`支出用途`), each item followed by its amount:
//!
//! ```text
//! 收入  支出
//! 项目名称  金额  功能分类  支出用途
//! 功能科目名称  金额  项目名称  金额
//! 一、财政拨款  37,188.34  一、一般公共服务支出     一、基本支出  21,968.00
//!    1.一般公共预算  37,188.34  二、外交支出     二、项目支出  10,208.94
//! 二、财政专户管理资金     四、公共安全支出  27,488.23
//! 当年收入小计  37,188.34  当年支出小计  37,188.34
//! ```
//!
//! Text gives each line's cells left to right, so an amount belongs to the
//! item right before it on its line, and a blank amount leaves the item
//! without one. Each item is told to its list by its words: the uses are a
//! short fixed list (基本支出, 项目支出, …), the functions are the other
//! items named `…支出`, the income items the rest. A name wrapped in its cell
//! (`九、医疗卫生与计划生育支` / `出`, `2.政府性基金预` / `算 三、国防支出`)
//! continues on the next line before that line's own items.
//!
//! A spreadsheet-made PDF prints the names of merged cells after the rows,
//! and the expense totals among them: `当年收入小计 10,150.48 10,150.48` is
//! the income subtotal and, beside it, `当年支出小计`, whose name the text
//! has in the header or after `收入合计`. An income total's second amount
//! is taken as the expense total of its name (收入 read as 支出) only where
//! that name is printed so, and lines after the last income total are taken
//! as such names only where none holds an amount.
//!
//! The table is taken only where both expense lists add up to the year's
//! expense (`当年支出小计`), or to each other where it is not printed.

use budget_model::{page_number, Decimal};

use crate::front::glued_amount;
use crate::lex::{amount, split_ordinal};
use crate::norm::squeeze;
use crate::raw::{RawColumn, RawRow, RawTable, Role};
use crate::text_table::{amount_then_text, BodyLine};

/// The expense by use: what 支出用途 lists.
const USES: [&str; 6] =
    ["基本支出", "项目支出", "单位预留机动经费", "事业单位经营支出", "上缴上级支出", "对附属单位补助支出"];

/// Words that end a whole income item's name: a name that ends otherwise
/// was cut at its line's end.
const INCOME_ENDS: [&str; 7] = ["资金", "收入", "预算", "拨款", "小计", "合计", "总计"];

/// Which list an item is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum List {
    Income,
    Function,
    Use,
}

/// One item as printed: its name (ordinal kept), its amount, its page.
#[derive(Debug, Clone)]
struct Item {
    name: String,
    amount: Option<String>,
    page: u32,
    /// A second amount after an income total (`当年收入小计 10,150.48
    /// 10,150.48`): the expense total beside it, whose name a spreadsheet-made
    /// PDF prints after the rows.
    paired: Option<String>,
}

impl Item {
    /// The name without its ordinal (`一、基本支出` → `基本支出`).
    fn bare(&self) -> String {
        squeeze(split_ordinal(&self.name).1)
    }

    /// The list the item is in, by its name.
    fn list(&self) -> List {
        let name = self.bare();
        if USES.contains(&name.as_str()) || expense_total(&name) {
            List::Use
        } else if name.contains("支出") {
            List::Function
        } else {
            List::Income
        }
    }

    /// Whether the name is whole: a use, a function (`…支出`), an expense
    /// total, or an income item ending as one does.
    fn whole(&self) -> bool {
        let name = self.bare();
        match self.list() {
            List::Use => true,
            List::Function => name.ends_with("支出"),
            List::Income => INCOME_ENDS.iter().any(|w| name.ends_with(w)),
        }
    }
}

/// An expense total or what it adds: `当年支出小计`, `支出合计`, `支出总计`,
/// `结转下年资金`. Printed under 支出用途, where the PDF's layout puts them.
fn expense_total(name: &str) -> bool {
    (name.contains("支出") && ["合计", "小计", "总计"].iter().any(|w| name.ends_with(w)))
        || name.starts_with("结转下年")
}

/// An income total: `当年收入小计`, `收入合计`, `收入总计`.
fn income_total(name: &str) -> bool {
    name.contains("收入") && ["合计", "小计", "总计"].iter().any(|w| name.ends_with(w))
}

/// A piece that is an item of its own, never the rest of a cut name: a
/// total (`收入合计`), a carry-over (`上年结转资金`, `结转下年资金`), a use.
fn own_item(piece: &str) -> bool {
    ["合计", "小计", "总计"].iter().any(|w| piece.contains(w))
        || ["上年", "结转", "当年"].iter().any(|w| piece.starts_with(w))
        || USES.contains(&piece)
}

/// The words of a line, an amount run into the next item's name
/// (`15897.44一、一般公共服务支出`) or a name run into its amount
/// (`动经费1685.72`) split apart.
fn words(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for w in text.split_whitespace() {
        let mut rest = w;
        loop {
            if let Some((number, tail)) = amount_then_text(rest) {
                out.push(number);
                rest = tail;
            } else if let Some((label, number)) = glued_amount(rest) {
                out.extend([label, number]);
                rest = "";
            } else {
                out.push(rest);
                rest = "";
            }
            if rest.is_empty() {
                break;
            }
        }
    }
    out
}

/// The items of each line, in printed order; `None` when an amount has no
/// item before it on its line, or an item follows one of a later list.
fn lines_of_items(data: &[BodyLine<'_>]) -> Option<Vec<Vec<Item>>> {
    let mut lines: Vec<Vec<Item>> = Vec::new();
    for l in data.iter().filter(|l| page_number(l.text).is_none()) {
        // The cut names of the line before, in order, each continued at
        // most once by a piece without an ordinal opening this line's cells.
        let mut cut: Vec<usize> =
            lines.last().map(|prev| (0..prev.len()).filter(|&i| !prev[i].whole()).collect()).unwrap_or_default();
        cut.reverse();
        let mut items: Vec<Item> = Vec::new();
        // Where this line's amounts go: an item of this line, or one of the
        // line before that a piece continued.
        let mut last: Option<(bool, usize)> = None;
        for w in words(l.text) {
            if amount(w).is_some() && w.contains('.') {
                let item = match last {
                    Some((false, i)) => &mut items[i],
                    Some((true, i)) => &mut lines.last_mut()?[i],
                    None => return None,
                };
                if item.amount.is_none() {
                    item.amount = Some(w.to_string());
                } else if income_total(&item.bare()) && item.paired.is_none() {
                    item.paired = Some(w.to_string());
                } else {
                    return None;
                }
                continue;
            }
            let opens_item = !split_ordinal(w).0.is_empty() || cut.is_empty() || !items.is_empty() || own_item(w);
            if opens_item {
                items.push(Item { name: w.to_string(), amount: None, page: l.page, paired: None });
                last = Some((false, items.len() - 1));
            } else {
                let i = cut.pop()?;
                let prev = lines.last_mut()?;
                prev[i].name.push_str(w);
                last = Some((true, i));
            }
        }
        if !items.is_empty() {
            lines.push(items);
        }
    }
    Some(lines)
}

/// Reads a 收支总表 whose header splits the 支出 side into 功能分类 and
/// 支出用途 (see the module's text); returns `false`, `raw` untouched, for
/// text that does not read so.
pub(crate) fn read(raw: &mut RawTable, header: &[&str], data: &[BodyLine<'_>]) -> bool {
    let Some(mut lines) = lines_of_items(data) else { return false };
    let Some(trailing) = labels_after_rows(&mut lines) else { return false };
    let labels = squeeze(&header.concat()) + &trailing;
    let mut lists: [Vec<Item>; 3] = Default::default();
    for line in lines {
        let kinds: Vec<List> = line.iter().map(Item::list).collect();
        if kinds.windows(2).any(|k| k[0] >= k[1]) {
            return false;
        }
        for (item, kind) in line.into_iter().zip(kinds) {
            lists[kind as usize].push(item);
        }
    }
    // An income total's second amount is the expense total beside it,
    // whose name is printed in the header or after the rows (`当年收入小计`
    // beside `当年支出小计`).
    for item in lists[List::Income as usize].clone() {
        let Some(paired) = item.paired.clone() else { continue };
        let name = item.bare().replace("收入", "支出");
        if !labels.contains(&name) {
            return false;
        }
        lists[List::Use as usize].push(Item { name, amount: Some(paired), page: item.page, paired: None });
    }
    let [income, functions, uses] = lists;
    if income.is_empty() || functions.is_empty() || uses.is_empty() || !lists_add_up(&functions, &uses) {
        return false;
    }
    raw.columns = vec![
        RawColumn { path: "收入/项目".into(), role: Role::Name },
        RawColumn { path: "收入/金额".into(), role: Role::Amount },
        RawColumn { path: "支出/项目".into(), role: Role::Name },
        RawColumn { path: "支出/功能分类/金额".into(), role: Role::Amount },
        RawColumn { path: "支出/支出用途/金额".into(), role: Role::Amount },
    ];
    let expense: Vec<(Item, bool)> =
        functions.into_iter().map(|i| (i, false)).chain(uses.into_iter().map(|i| (i, true))).collect();
    for k in 0..income.len().max(expense.len()) {
        let mut row = match income.get(k) {
            Some(i) => vec![i.name.clone(), i.amount.clone().unwrap_or_default()],
            None => vec![String::new(); 2],
        };
        match expense.get(k) {
            Some((e, by_use)) => {
                let a = e.amount.clone().unwrap_or_default();
                let (f, u) = if *by_use { (String::new(), a) } else { (a, String::new()) };
                row.extend([e.name.clone(), f, u]);
            }
            None => row.extend(vec![String::new(); 3]),
        }
        let page = income.get(k).or(expense.get(k).map(|(e, _)| e)).map_or(0, |i| i.page);
        raw.rows.push(RawRow::new(row, page));
    }
    true
}

/// Takes off `lines` those after the last income total (`收入合计`) where
/// every one of them is words without an amount: the names a
/// spreadsheet-made PDF prints after the rows (merged cells, the title,
/// `结转下年资金`, `支出合计`); returns their text squeezed, empty where no
/// such lines follow. `None` where an amount follows the last income total
/// while an income total holds a second amount: the rows are not whole.
fn labels_after_rows(lines: &mut Vec<Vec<Item>>) -> Option<String> {
    let paired = lines.iter().flatten().any(|i| i.paired.is_some());
    if !paired {
        return Some(String::new());
    }
    let last = lines.iter().rposition(|l| l.iter().any(|i| i.list() == List::Income && income_total(&i.bare())))?;
    let after = lines.split_off(last + 1);
    if after.iter().flatten().any(|i| i.amount.is_some()) {
        return None;
    }
    Some(after.iter().flatten().map(|i| squeeze(&i.name)).collect())
}

/// Whether the functions and the uses (items only) each add up to the
/// year's expense, `当年支出小计` (or `支出合计` where no 小计 is printed),
/// or to each other where neither is.
fn lists_add_up(functions: &[Item], uses: &[Item]) -> bool {
    let value = |i: &Item| i.amount.as_deref().and_then(amount).unwrap_or_default();
    let sum = |items: &[Item]| -> Decimal { items.iter().map(value).sum() };
    let items: Vec<Item> = uses.iter().filter(|i| !expense_total(&i.bare())).cloned().collect();
    let total = uses
        .iter()
        .find(|i| i.bare().contains("小计"))
        .or_else(|| uses.iter().find(|i| i.bare().contains("合计") || i.bare().contains("总计")))
        .and_then(|i| i.amount.as_deref().and_then(amount));
    let (f, u) = (sum(functions), sum(&items));
    match total {
        Some(t) => f == t && u == t,
        None => f == u && !f.is_zero(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(texts: &'static [&'static str]) -> Vec<BodyLine<'static>> {
        texts.iter().map(|t| BodyLine { text: t, page: 8, after_blank: false, opens_right: false }).collect()
    }

    fn read_rows(texts: &'static [&'static str]) -> Option<Vec<Vec<String>>> {
        read_rows_under(&[], texts)
    }

    fn read_rows_under(header: &[&str], texts: &'static [&'static str]) -> Option<Vec<Vec<String>>> {
        let title = crate::title::Title {
            no: "01".into(),
            text: "收支预算总表".into(),
            key: budget_model::TableKey::IncomeExpenseSummary,
        };
        let mut raw = RawTable::new(title);
        read(&mut raw, header, &body(texts)).then(|| raw.rows.iter().map(|r| r.cells.clone()).collect())
    }

    #[test]
    fn each_amount_goes_with_the_item_before_it_in_its_list() {
        let rows = read_rows(&[
            "一、财政拨款  300.00  一、一般公共服务支出     一、基本支出  200.00",
            "   1.一般公共预算  300.00  二、公共安全支出  100.00  二、项目支出  100.00",
            "二、其他资金     三、社会保障和就业",
            "支出  200.00",
            "当年收入小计  300.00  当年支出小计  300.00",
            "上年结转资金      结转下年资金",
            "收入合计  300.00  支出合计  300.00",
        ])
        .expect("read");
        let row = |i: &str, ia: &str, e: &str, f: &str, u: &str| -> Vec<String> {
            [i, ia, e, f, u].iter().map(|s| s.to_string()).collect()
        };
        assert_eq!(
            rows,
            [
                row("一、财政拨款", "300.00", "一、一般公共服务支出", "", ""),
                row("1.一般公共预算", "300.00", "二、公共安全支出", "100.00", ""),
                row("二、其他资金", "", "三、社会保障和就业支出", "200.00", ""),
                row("当年收入小计", "300.00", "一、基本支出", "", "200.00"),
                row("上年结转资金", "", "二、项目支出", "", "100.00"),
                row("收入合计", "300.00", "当年支出小计", "", "300.00"),
                row("", "", "结转下年资金", "", ""),
                row("", "", "支出合计", "", "300.00"),
            ]
        );
    }

    /// Amounts run into the next item's name and names cut on one line and
    /// continued, with their amount, on the next (`三、单位预留机` / `动经费
    /// 1685.72`).
    #[test]
    fn run_together_amounts_and_names_cut_in_two_read() {
        let rows = read_rows(&[
            "一、财政拨款 300.00一、一般公共服务支出 300.00一、基本支出 200.00",
            "1.一般公共预算 300.00二、外交支出 二、项目支出 50.00",
            "2.政府性基金预",
            "算 三、国防支出 三、单位预留机",
            "动经费 50.00",
            "当年收入小计 300.00 当年支出小计 300.00",
        ])
        .expect("read");
        let names: Vec<(&str, &str)> = rows.iter().map(|r| (r[0].as_str(), r[2].as_str())).collect();
        assert_eq!(names[2], ("2.政府性基金预算", "三、国防支出"));
        assert_eq!(rows[5][2..], ["三、单位预留机动经费".to_string(), String::new(), "50.00".into()]);
    }

    /// A spreadsheet-made PDF prints the expense totals' names after the
    /// rows, or the text has them in the header: their amounts follow the
    /// income totals on their lines.
    #[test]
    fn an_income_totals_second_amount_is_the_expense_total_named_apart() {
        const ROWS: [&str; 5] = [
            "一、财政拨款 300.00 一、一般公共服务支出 300.00 一、基本支出 200.00",
            "二、其他资金 二、项目支出 100.00",
            "当年收入小计 300.00 300.00",
            "上年结转资金",
            "收入合计 300.00 300.00",
        ];
        let header = ["收入 支出", "结转下年资金", "支出合计", "项目名称 金额 功能分类 支出用途", "当年支出小计"];
        let rows = read_rows_under(&header, &ROWS).expect("read");
        let expense: Vec<[&str; 3]> = rows.iter().map(|r| [r[2].as_str(), r[3].as_str(), r[4].as_str()]).collect();
        assert_eq!(
            expense,
            [
                ["一、一般公共服务支出", "300.00", ""],
                ["一、基本支出", "", "200.00"],
                ["二、项目支出", "", "100.00"],
                ["当年支出小计", "", "300.00"],
                ["支出合计", "", "300.00"],
            ]
        );
        assert_eq!(rows[4][..2], ["收入合计".to_string(), "300.00".into()]);
        // The names after the rows, and nowhere.
        const AFTER: [&str; 9] =
            [ROWS[0], ROWS[1], ROWS[2], ROWS[3], ROWS[4], "收支预算总表", "结转下年资金", "支出合计", "当年支出小计"];
        assert_eq!(read_rows(&AFTER).expect("read"), rows);
        assert!(read_rows(&ROWS).is_none());
    }

    #[test]
    fn lists_that_do_not_add_up_or_read_out_of_order_are_refused() {
        // 基本支出 misread: the uses add up to 250, not 300.
        assert!(read_rows(&[
            "一、财政拨款  300.00  一、一般公共服务支出  300.00  一、基本支出  200.00",
            "当年收入小计  300.00  二、项目支出  50.00",
            "当年支出小计  300.00",
        ])
        .is_none());
        // An amount opening a line belongs to no item.
        assert!(read_rows(&["300.00  一、财政拨款", "一、一般公共服务支出  300.00  一、基本支出  300.00"]).is_none());
        // A function after a use on its line.
        assert!(read_rows(&["一、财政拨款  300.00  一、基本支出  300.00  一、一般公共服务支出  300.00"]).is_none());
    }
}
