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
const INCOME_ENDS: [&str; 8] = ["资金", "收入", "预算", "拨款", "小计", "合计", "总计", "结余"];

/// The classes of the 部门预算支出经济分类: what a 收支总表 lists of its
/// expense by economic class (`项目（按经济分类）`).
const ECONOMIC_CLASSES: [&str; 10] = [
    "工资福利支出",
    "商品和服务支出",
    "对个人和家庭的补助",
    "债务利息及费用支出",
    "资本性支出（基本建设）",
    "资本性支出",
    "对企业补助（基本建设）",
    "对企业补助",
    "对社会保障基金补助",
    "其他支出",
];

/// Whether `name` is a class of the economic classification
/// ([`ECONOMIC_CLASSES`]), brackets half- or full-width.
fn economic_class(name: &str) -> bool {
    let name = name.replace('(', "（").replace(')', "）");
    ECONOMIC_CLASSES.contains(&name.as_str())
}

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
        if economic_class(&name) {
            return true;
        }
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
/// (`动经费1685.72`) split apart, and a total's label spaced out over its
/// cell (`收 入 总 计`) joined.
fn words(text: &str) -> Vec<String> {
    let single = |w: &str| {
        let mut cs = w.chars();
        cs.next().is_some_and(|c| !c.is_ascii()) && cs.next().is_none()
    };
    let mut out: Vec<String> = Vec::new();
    let pieces = split_words(text);
    let mut i = 0;
    while i < pieces.len() {
        let run = pieces[i..].iter().take_while(|w| single(w)).count();
        let joined: String = pieces[i..i + run].concat();
        if run >= 2 && ["合计", "总计", "小计"].iter().any(|t| joined.ends_with(t)) {
            out.push(joined);
            i += run;
        } else {
            out.push(pieces[i].to_string());
            i += 1;
        }
    }
    out
}

/// The words of a line, amounts and names run together split apart (see
/// [`words`]).
fn split_words(text: &str) -> Vec<&str> {
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
            let w = w.as_str();
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

/// A panel of a 收支总表 printing its expense by function and by economic
/// class side by side, left to right.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Panel {
    Income,
    Function,
    Economic,
}

/// The panels an item may be in, by its name: an income item or total;
/// a function (`…支出`); an economic class ([`ECONOMIC_CLASSES`]); either
/// of the two expense panels for `其他支出`, a class of both, and for the
/// expense totals and carry-over each panel prints (`本年支出合计`,
/// `年终结转结余`, `支出总计`).
fn panels_of(item: &Item) -> &'static [Panel] {
    let name = item.bare();
    if income_total(&name) || name.starts_with("上年结转") {
        &[Panel::Income]
    } else if expense_total(&name) || name.starts_with("年终结转") || name == "其他支出" {
        &[Panel::Function, Panel::Economic]
    } else if economic_class(&name) {
        &[Panel::Economic]
    } else if name.contains("支出") {
        &[Panel::Function]
    } else {
        &[Panel::Income]
    }
}

/// The item's ordinal as a number (`廿二、` → 22).
fn ordinal_number(item: &Item) -> Option<u32> {
    let (ordinal, _) = split_ordinal(item.name.trim());
    crate::lex::cn_number(ordinal.trim_end_matches(['、', '．', '.', '，', ',']))
}

/// The panels of a line's items: the one way, left to right, that puts
/// each in a panel its name allows ([`panels_of`]), the panels in order,
/// and each ordinal after the last of its panel's count (`last`, each
/// panel's last ordinal so far). Where several ways do, the one whose
/// ordinals each go on their panel's count by one. `None` where no way or
/// more than one does.
fn line_panels(items: &[Item], last: &[Option<u32>; 3]) -> Option<Vec<Panel>> {
    let fits = |n: Option<u32>, p: Panel, next_only: bool| match (n, last[p as usize]) {
        (Some(n), Some(l)) if next_only => n == l + 1,
        (Some(n), Some(l)) => n > l,
        (Some(n), None) => !next_only || n == 1,
        (None, _) => true,
    };
    let ways = |next_only: bool| -> Vec<Vec<Panel>> {
        let mut ways: Vec<Vec<Panel>> = vec![Vec::new()];
        for item in items {
            let n = ordinal_number(item);
            let mut longer = Vec::new();
            for way in &ways {
                let after = way.last().copied();
                for &p in panels_of(item) {
                    if after.is_none_or(|a| a < p) && fits(n, p, next_only) {
                        longer.push([way.clone(), vec![p]].concat());
                    }
                }
            }
            ways = longer;
        }
        ways
    };
    match &ways(false)[..] {
        [one] => Some(one.clone()),
        [] => None,
        _ => match &ways(true)[..] {
            [one] => Some(one.clone()),
            _ => None,
        },
    }
}

/// Reads a 收支总表 whose header splits the 支出 side into a list by
/// function and one by economic class (`项目（按功能分类） 预算数
/// 项目（按经济分类） 预算数`), three panels a line:
///
/// ```text
/// 一、一般公共预算拨款收入 2,170.04 一、一般公共服务支出 1,379.05 一、工资福利支出 1,052.04
/// 十、城乡社区支出 0.00 十、其他支出 0.00
/// 本年收入合计 2,170.04 本年支出合计 2,170.04 本年支出合计 2,170.04
/// ```
///
/// Each item is told to its panel by its name and its place on the line:
/// the panels run left to right, so `其他支出` after a function is the
/// economic class; alone on its line, the panel whose count its ordinal
/// goes on (`廿二、其他支出` after `廿一、`) has it. The table has three
/// sides, as the PDF prints it: 收入, and two 支出 panels, each with its
/// own totals.
/// The table is taken only where each expense list adds up to its year's
/// expense (`本年支出合计`), or to the other where none is printed.
/// Returns `false`, `raw` untouched, for text that does not read so.
pub(crate) fn read_by_class(raw: &mut RawTable, header: &[&str], data: &[BodyLine<'_>]) -> bool {
    let heading = squeeze(&header.concat());
    if !(heading.contains("功能分类") && heading.contains("经济分类")) {
        return false;
    }
    let Some(lines) = lines_of_items(data) else { return false };
    let mut lists: [Vec<Item>; 3] = Default::default();
    let mut last: [Option<u32>; 3] = [None; 3];
    for line in lines {
        let Some(panels) = line_panels(&line, &last) else { return false };
        for (item, panel) in line.into_iter().zip(panels) {
            if let Some(n) = ordinal_number(&item) {
                last[panel as usize] = Some(n);
            }
            lists[panel as usize].push(item);
        }
    }
    let [income, functions, classes] = lists;
    if income.is_empty() || functions.is_empty() || classes.is_empty() || !panels_add_up(&functions, &classes) {
        return false;
    }
    let figure = ["预算数", "决算数"].into_iter().find(|w| heading.contains(w)).unwrap_or("金额");
    let side = |s: &str| {
        [
            RawColumn { path: format!("{s}/项目"), role: Role::Name },
            RawColumn { path: format!("{s}/{figure}"), role: Role::Amount },
        ]
    };
    raw.columns = [side("收入"), side("支出"), side("支出")].concat();
    let cells = |i: Option<&Item>| match i {
        Some(i) => vec![i.name.clone(), i.amount.clone().unwrap_or_default()],
        None => vec![String::new(); 2],
    };
    for k in 0..income.len().max(functions.len()).max(classes.len()) {
        let row = [cells(income.get(k)), cells(functions.get(k)), cells(classes.get(k))].concat();
        let page = income.get(k).or(functions.get(k)).or(classes.get(k)).map_or(0, |i| i.page);
        raw.rows.push(RawRow::new(row, page));
    }
    true
}

/// Whether the expense by function and by economic class (items only)
/// each add up to its own year's expense (`本年支出合计`, or `支出合计`
/// where no such total is printed), or to each other where neither list
/// prints one.
fn panels_add_up(functions: &[Item], classes: &[Item]) -> bool {
    let value = |i: &Item| i.amount.as_deref().and_then(amount).unwrap_or_default();
    let year = |items: &[Item]| -> Option<Decimal> {
        let named = |w: &str| items.iter().find(|i| expense_total(&i.bare()) && i.bare().contains(w));
        named("本年").or_else(|| named("合计")).and_then(|i| i.amount.as_deref().and_then(amount))
    };
    let sum = |items: &[Item]| -> Decimal {
        items.iter().filter(|i| !expense_total(&i.bare()) && !i.bare().starts_with("年终结转")).map(value).sum()
    };
    let (f, c) = (sum(functions), sum(classes));
    match (year(functions), year(classes)) {
        (Some(a), Some(b)) => f == a && c == b,
        (Some(t), None) | (None, Some(t)) => f == t && c == t,
        (None, None) => f == c && !f.is_zero(),
    }
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

    fn read_by_class_rows(texts: &'static [&'static str]) -> Option<Vec<Vec<String>>> {
        let title = crate::title::Title {
            no: "1".into(),
            text: "部门收支总表".into(),
            key: budget_model::TableKey::IncomeExpenseSummary,
        };
        let mut raw = RawTable::new(title);
        let header = ["收 入 支 出", "项 目 预算数 项目（按功能分类） 预算数 项目（按经济分类） 预算数"];
        read_by_class(&mut raw, &header, &body(texts)).then(|| raw.rows.iter().map(|r| r.cells.clone()).collect())
    }

    /// Three panels a line: income, expense by function, expense by
    /// economic class. `其他支出` is a class of both: after a function on
    /// its line it is the economic class; alone, the panel whose count its
    /// ordinal goes on by one has it (`五、` after the functions' `四、`,
    /// not the classes' `三、`).
    /// The totals line prints each panel's own.
    #[test]
    fn the_expense_by_function_and_by_class_are_panels_of_their_own() {
        let rows = read_by_class_rows(&[
            "一、一般公共预算拨款收入 300.00 一、一般公共服务支出 200.00 一、工资福利支出 250.00",
            "二、事业收入 0.00 二、国防支出 0.00 二、对个人和家庭的补助 40.00",
            "三、城乡社区支出 90.00 三、其他支出 10.00",
            "四、农林水支出 0.00",
            "五、其他支出 10.00",
            "本年收入合计 300.00 本年支出合计 300.00 本年支出合计 300.00",
            "上年结转结余 0.00 年终结转结余 0.00 年终结转结余 0.00",
            "收 入 总 计 300.00 支 出 总 计 300.00 支 出 总 计 300.00",
        ])
        .expect("read");
        let row = |c: [&str; 6]| c.map(String::from).to_vec();
        assert_eq!(
            rows,
            [
                row([
                    "一、一般公共预算拨款收入",
                    "300.00",
                    "一、一般公共服务支出",
                    "200.00",
                    "一、工资福利支出",
                    "250.00"
                ]),
                row(["二、事业收入", "0.00", "二、国防支出", "0.00", "二、对个人和家庭的补助", "40.00"]),
                row(["本年收入合计", "300.00", "三、城乡社区支出", "90.00", "三、其他支出", "10.00"]),
                row(["上年结转结余", "0.00", "四、农林水支出", "0.00", "本年支出合计", "300.00"]),
                row(["收入总计", "300.00", "五、其他支出", "10.00", "年终结转结余", "0.00"]),
                row(["", "", "本年支出合计", "300.00", "支出总计", "300.00"]),
                row(["", "", "年终结转结余", "0.00", "", ""]),
                row(["", "", "支出总计", "300.00", "", ""]),
            ]
        );
    }

    /// A line whose `其他支出` fits either panel (no ordinal tells), and
    /// panels that do not add up to their totals, are refused.
    #[test]
    fn panels_in_doubt_or_not_adding_up_are_refused() {
        // `其他支出` alone without an ordinal: either panel.
        assert!(read_by_class_rows(&[
            "一、一般公共预算拨款收入 300.00 一、一般公共服务支出 290.00 一、工资福利支出 290.00",
            "其他支出 10.00",
            "本年收入合计 300.00 本年支出合计 300.00 本年支出合计 300.00",
        ])
        .is_none());
        // The classes add up to 290.00, not their total.
        assert!(read_by_class_rows(&[
            "一、一般公共预算拨款收入 300.00 一、一般公共服务支出 300.00 一、工资福利支出 290.00",
            "本年收入合计 300.00 本年支出合计 300.00 本年支出合计 300.00",
        ])
        .is_none());
    }
}
