//! One list of coded items printed in panels side by side, from text.
//!
//! The national 部门决算 form prints its 一般公共预算财政拨款基本支出决算表 as
//! one list of economic items in three panels, each `科目编码 科目名称 决算数`:
//! 人员经费 (301, 303) in the first, 公用经费 down the second and on in the
//! third (302; then 307, 310, 399). The text gives each printed row's
//! panels left to right on one line, an item being its code, its name and
//! its amounts (none where nothing was spent and the cell is blank):
//!
//! ```text
//! 人员经费 公用经费
//! 科目编码 科目名称 决算数 科目编码 科目名称 决算数 科目编码 科目名称 决算数
//! 301 工资福利支出 1,020.35 302 商品和服务支出 240.13 307 债务利息及费用支出
//! 30212 因公出国（境）费用 31099 其他资本性支出
//! 30239 其他交通费用 49.11
//! 人员经费合计 1,069.90 公用经费合计 248.51
//! ```
//!
//! A line holding fewer items than panels does not say which panels they
//! are in. A panel lists its codes in order (`30299` before `307`), so an
//! item goes to a panel whose last code is before its own: `30212` cannot
//! follow `30307` in the first panel, `31099` cannot follow `39999` in the
//! third. The table is read where every line's items go to their panels in
//! one way only, and each total printed (`人员经费合计`) is the sum of the
//! classes of its list; else it is left to the other readers.
//!
//! Panels whose codes run on from the panel before (`30299`, then `307`)
//! continue its list, under one heading (`公用经费`); a list's total goes to
//! its last panel, where the PDF prints its amount.

use budget_model::Decimal;

use crate::header::{segment, LabelKind};
use crate::lex::amount;
use crate::norm::squeeze;
use crate::raw::{RawColumn, RawRow, RawTable, Role};
use crate::text_coded::{is_amount, whole_code as is_code};
use crate::text_lines::is_page_number;
use crate::text_table::BodyLine;

/// The most panels a list is printed in.
const MAX_PANELS: usize = 4;

/// The panels the header prints: how many, the amount columns of each
/// (the same in every panel), and the headings printed over them before
/// the first code column (`人员经费 公用经費`).
#[derive(Debug, PartialEq, Eq)]
struct Panels {
    count: usize,
    amounts: Vec<String>,
    headings: Vec<String>,
}

/// The header's panels: two or more runs of `科目编码 科目名称` and the same
/// amount columns (`决算数`), headings before them. `None` for any other
/// header, a second code and name right after the first among them (one
/// row classified twice, not two panels).
fn panels(header: &[&str]) -> Option<Panels> {
    let labels = segment(header);
    let first = labels.iter().position(|l| l.kind == LabelKind::Code)?;
    let headings: Vec<String> = labels[..first].iter().map(|l| l.text.clone()).collect();
    if labels[..first].iter().any(|l| !matches!(l.kind, LabelKind::Amount | LabelKind::MaybeGroup)) {
        return None;
    }
    let mut runs: Vec<Vec<String>> = Vec::new();
    let mut at = first;
    while at < labels.len() {
        let [code, name, ..] = &labels[at..] else { return None };
        if code.kind != LabelKind::Code || name.kind != LabelKind::Name {
            return None;
        }
        let amounts: Vec<String> = labels[at + 2..]
            .iter()
            .take_while(|l| matches!(l.kind, LabelKind::Amount | LabelKind::MaybeGroup))
            .map(|l| l.text.clone())
            .collect();
        if amounts.is_empty() {
            return None;
        }
        at += 2 + amounts.len();
        runs.push(amounts);
    }
    let same = runs.windows(2).all(|w| w[0] == w[1]);
    (runs.len() >= 2 && runs.len() <= MAX_PANELS && same && headings.len() <= runs.len()).then(|| Panels {
        count: runs.len(),
        amounts: runs.swap_remove(0),
        headings,
    })
}

/// One item as printed: its code (empty for a total), its name, its
/// amounts.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Item {
    code: String,
    name: String,
    amounts: Vec<String>,
}

impl Item {
    fn total(&self) -> bool {
        self.code.is_empty()
    }
}

/// A total's label: `人员经费合计`, `公用经费合计`, `合计`.
fn is_total(word: &str) -> bool {
    ["合计", "总计"].iter().any(|t| word.ends_with(t))
}

/// The items of a line, in printed order: each opens at a code or a
/// total's label, its name is the words up to its amounts, its amounts at
/// most `width`. `None` for a line that does not read so (words before the
/// first item, a name after amounts, too many amounts).
fn items(text: &str, width: usize) -> Option<Vec<Item>> {
    let mut out: Vec<Item> = Vec::new();
    for w in text.split_whitespace() {
        if is_code(w) || (is_total(w) && !is_amount(w)) {
            let (code, name) = if is_code(w) { (w.to_string(), String::new()) } else { (String::new(), w.to_string()) };
            out.push(Item { code, name, amounts: Vec::new() });
            continue;
        }
        let item = out.last_mut()?;
        if is_amount(w) {
            if item.amounts.len() == width {
                return None;
            }
            item.amounts.push(w.to_string());
        } else if item.amounts.is_empty() {
            item.name.push_str(w);
        } else {
            return None;
        }
    }
    Some(out)
}

/// The panels of a line's items: the one way, left to right, that puts
/// each coded item in a panel whose last code (`last`) is before its own.
/// Totals are placed after the lists (see [`read`]). `None` where no way
/// or more than one does.
fn line_panels(items: &[Item], last: &[Option<String>], count: usize) -> Option<Vec<usize>> {
    let coded: Vec<&Item> = items.iter().filter(|i| !i.total()).collect();
    let mut ways: Vec<Vec<usize>> = vec![Vec::new()];
    for item in &coded {
        let mut longer = Vec::new();
        for way in &ways {
            let from = way.last().map_or(0, |p| p + 1);
            for (p, panel_last) in last.iter().enumerate().take(count).skip(from) {
                if panel_last.as_deref().is_none_or(|l| l < item.code.as_str()) {
                    longer.push([way.clone(), vec![p]].concat());
                }
            }
        }
        ways = longer;
    }
    match &ways[..] {
        [one] => Some(one.clone()),
        _ => None,
    }
}

/// The lists the panels print: runs of panels each continuing the one
/// before (its first code after the other's last).
fn lists(by_panel: &[Vec<Item>]) -> Vec<Vec<usize>> {
    let mut out: Vec<Vec<usize>> = Vec::new();
    for p in 0..by_panel.len() {
        let first = by_panel[p].first().map(|i| i.code.as_str());
        let continues = p > 0 && first.zip(by_panel[p - 1].last().map(|i| i.code.as_str())).is_some_and(|(f, l)| l < f);
        match out.last_mut() {
            Some(list) if continues => list.push(p),
            _ => out.push(vec![p]),
        }
    }
    out
}

/// Whether a list's total (its first amount) is the sum of its classes,
/// the items of the shortest code (blank is zero).
fn adds_up(items: &[&Item], total: &Item) -> bool {
    let value = |i: &Item| i.amounts.first().and_then(|a| amount(a)).unwrap_or_default();
    let Some(shortest) = items.iter().map(|i| i.code.len()).min() else { return false };
    let sum: Decimal = items.iter().filter(|i| i.code.len() == shortest).map(|i| value(i)).sum();
    total.amounts.first().and_then(|a| amount(a)) == Some(sum)
}

/// Reads the table when its header prints panels of one list (see the
/// module's text); `false`, `raw` untouched, otherwise or when a line does
/// not read.
pub(crate) fn read(raw: &mut RawTable, header: &[&str], data: &[BodyLine<'_>]) -> bool {
    if raw.title.key.is_two_sided() {
        return false;
    }
    let Some(panels) = panels(header) else { return false };
    let width = panels.amounts.len();
    let mut by_panel: Vec<Vec<Item>> = vec![Vec::new(); panels.count];
    let mut totals: Vec<(Item, u32)> = Vec::new();
    let mut last: Vec<Option<String>> = vec![None; panels.count];
    let mut page = 0;
    for l in data.iter().filter(|l| !is_page_number(l.text)) {
        let Some(found) = items(l.text, width) else { return false };
        if found.is_empty() {
            continue;
        }
        if totals.is_empty() && page == 0 {
            page = l.page;
        }
        let Some(placed) = line_panels(&found, &last, panels.count) else { return false };
        let (coded, total): (Vec<Item>, Vec<Item>) = found.into_iter().partition(|i| !i.total());
        if !totals.is_empty() && !coded.is_empty() {
            // Items after a total: another layout.
            return false;
        }
        for (item, p) in coded.into_iter().zip(placed) {
            last[p] = Some(item.code.clone());
            by_panel[p].push(item);
        }
        totals.extend(total.into_iter().map(|t| (t, l.page)));
    }
    let lists = lists(&by_panel);
    if by_panel.iter().filter(|p| !p.is_empty()).count() < 2 {
        return false;
    }
    // Each total is its list's, in order (`人员经费合计` of the first,
    // `公用经费合计` of the second), named by its heading where the header
    // prints one a list.
    let named = panels.headings.len() == lists.len();
    if totals.len() > lists.len() {
        return false;
    }
    let mut total_at: Vec<Option<&Item>> = vec![None; panels.count];
    for (k, (t, _)) in totals.iter().enumerate() {
        let list = &lists[k];
        if named && !squeeze(&t.name).starts_with(panels.headings[k].as_str()) && squeeze(&t.name) != "合计" {
            return false;
        }
        let items: Vec<&Item> = list.iter().flat_map(|&p| &by_panel[p]).collect();
        if !adds_up(&items, t) {
            return false;
        }
        total_at[*list.last().unwrap_or(&0)] = Some(t);
    }
    let heading = |p: usize| {
        let k = lists.iter().position(|l| l.contains(&p)).unwrap_or(0);
        named.then(|| panels.headings[k].clone())
    };
    raw.columns = (0..panels.count)
        .flat_map(|p| {
            let group = heading(p).map(|h| format!("{h}/")).unwrap_or_default();
            let amounts =
                panels.amounts.iter().map(move |a| RawColumn { path: format!("{group}{a}"), role: Role::Amount });
            [
                RawColumn { path: "科目编码".into(), role: Role::Code },
                RawColumn { path: "科目名称".into(), role: Role::Name },
            ]
            .into_iter()
            .chain(amounts)
            .collect::<Vec<_>>()
        })
        .collect();
    let cells = |i: Option<&Item>| {
        let mut c = match i {
            Some(i) => vec![i.code.clone(), i.name.clone()],
            None => vec![String::new(); 2],
        };
        let amounts = i.map(|i| i.amounts.clone()).unwrap_or_default();
        c.extend((0..width).map(|k| amounts.get(k).cloned().unwrap_or_default()));
        c
    };
    let rows = by_panel.iter().map(Vec::len).max().unwrap_or(0);
    for r in 0..rows {
        let row: Vec<String> = (0..panels.count).flat_map(|p| cells(by_panel[p].get(r))).collect();
        raw.rows.push(RawRow::new(row, page));
    }
    if !totals.is_empty() {
        let row: Vec<String> = (0..panels.count).flat_map(|p| cells(total_at[p])).collect();
        raw.rows.push(RawRow::new(row, totals[0].1));
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(texts: &'static [&'static str]) -> Vec<BodyLine<'static>> {
        texts.iter().map(|t| BodyLine { text: t, page: 5, after_blank: true, opens_right: false }).collect()
    }

    fn read_rows(header: &[&str], texts: &'static [&'static str]) -> Option<(Vec<String>, Vec<Vec<String>>)> {
        let title = crate::title::Title {
            no: "05".into(),
            text: "一般公共预算财政拨款基本支出决算表".into(),
            key: budget_model::TableKey::GeneralBudgetBasicExpenseByEconomic,
        };
        let mut raw = RawTable::new(title);
        read(&mut raw, header, &body(texts)).then(|| {
            (raw.columns.iter().map(|c| c.path.clone()).collect(), raw.rows.iter().map(|r| r.cells.clone()).collect())
        })
    }

    const HEADER: [&str; 2] =
        ["人员经费 公用经费", "科目编码 科目名称 决算数 科目编码 科目名称 决算数 科目编码 科目名称 决算数"];

    /// Three panels of one list: a line of fewer items puts each where its
    /// code follows the panel's last (`30212` not after `30307`; `31099`
    /// after `310`), a blank amount leaves its item without one, and each
    /// total goes to its list's last panel where it adds up.
    #[test]
    fn a_list_in_three_panels_reads_each_item_in_its_panel() {
        let (columns, rows) = read_rows(
            &HEADER,
            &[
                "301 工资福利支出 100.00 302 商品和服务支出 20.00 307 债务利息及费用支出",
                "30101 基本工资 100.00 30201 办公费 15.00 310 资本性支出 5.00",
                "303 对个人和家庭的补助 10.00 30212 因公出国（境）费用 31099 其他资本性支出 5.00",
                "30307 医疗费补助 10.00 30299 其他商品和服务支出 5.00",
                "人员经费合计 110.00 公用经费合计 25.00",
            ],
        )
        .expect("read");
        assert_eq!(
            columns,
            [
                "科目编码",
                "科目名称",
                "人员经费/决算数",
                "科目编码",
                "科目名称",
                "公用经费/决算数",
                "科目编码",
                "科目名称",
                "公用经费/决算数"
            ]
        );
        let row = |c: [&str; 9]| c.map(String::from).to_vec();
        assert_eq!(
            rows,
            [
                row([
                    "301",
                    "工资福利支出",
                    "100.00",
                    "302",
                    "商品和服务支出",
                    "20.00",
                    "307",
                    "债务利息及费用支出",
                    ""
                ]),
                row(["30101", "基本工资", "100.00", "30201", "办公费", "15.00", "310", "资本性支出", "5.00"]),
                row([
                    "303",
                    "对个人和家庭的补助",
                    "10.00",
                    "30212",
                    "因公出国（境）费用",
                    "",
                    "31099",
                    "其他资本性支出",
                    "5.00"
                ]),
                row(["30307", "医疗费补助", "10.00", "30299", "其他商品和服务支出", "5.00", "", "", ""]),
                row(["", "人员经费合计", "110.00", "", "", "", "", "公用经费合计", "25.00"]),
            ]
        );
    }

    /// A line whose items fit their panels in two ways, a total that is not
    /// its list's sum, and a header of one code and name pair are not read.
    #[test]
    fn panels_in_doubt_or_not_adding_up_are_left_to_the_other_readers() {
        // `30213` may go to any panel: each ends before it.
        assert!(read_rows(
            &HEADER,
            &["301 工资福利支出 100.00 302 商品和服务支出 20.00 30201 办公费 20.00", "30213 维修（护）费 1.00"],
        )
        .is_none());
        // 公用经费合计 25.00 where its classes come to 20.00.
        assert!(read_rows(
            &HEADER,
            &[
                "301 工资福利支出 100.00 302 商品和服务支出 20.00 307 债务利息及费用支出",
                "人员经费合计 100.00 公用经费合计 25.00"
            ],
        )
        .is_none());
        assert!(read_rows(&["科目编码 科目名称 合计 人员经费 公用经费"], &["301 工资福利支出 100.00 100.00 0.00"])
            .is_none());
    }
}
