//! 政府采购支出预算表 whose rows name a purchase at one of its levels, from
//! text.
//!
//! 江苏's procurement table prints five label columns and one amount:
//! `采购品目大类 专项名称 经济科目 采购物品名称 采购组织形式 总计`. Each row
//! fills the columns of its level only: a category (`一、货物A 355.67`), a
//! project with the economic item it is paid from (`办公设备购置费 办公设备购置
//! 300.00`), an economic item alone (`培训费 16.00`), or an item bought with
//! how it is bought (`台式计算机（20万以下） 分散自行组织 18.00`). The text
//! keeps no column positions, so a row's cells are told by what they are:
//! a category by its ordinal and kind (货物, 工程, 服务), the way of buying
//! by its words (`…采购`, `…组织`), an economic item by the names the
//! document's own economic tables print (`30216 培训费`) or the code book
//! holds ([`budget_check::is_economic_item_name`]). A cell wrapped in its
//! column comes on the next line before the row's amount (`网络通讯维护及专` /
//! `用线路租赁费 维修（护）费 607.10`, `分散自行组` / `织`).
//!
//! 苏州's and 无锡's print the item as `采购品目名称` and the funds by
//! source before the 总计 (`资金来源` over `一般公共预算资金 政府性基金
//! 其他资金 上年结转和结余资金`). Their item rows fill all four text columns
//! at once (`定额 办公费 复印纸 集中采购 2.00 2.00`: project, economic item,
//! item, way of buying), and a unit's rows follow its name (`苏州市土地储
//! 备中心 11.90 11.90`). Blank sources leave no mark, so a row printing
//! fewer amounts than the columns has its 总计 (the last amount, where the
//! others add up to it) and its sources unread (which fund an amount is,
//! the text does not tell), unless the income allows one choice of
//! source columns alone: the department's ([`source_caps`], the table's
//! own total row settled first), or for a unit's rows the unit's, from
//! the 收入总表 ([`unit_caps`]: a unit whose income is all 一般公共预算
//! buys with nothing else). Otherwise the table's sums may: in each
//! source column the total row is the sum of the categories, a category
//! of its units, a unit of its purchases ([`sums`]).

use std::collections::BTreeMap;

use budget_model::{page_number, yuan_per, Cell, Decimal, Finding, Section, Table, TableKey};

use crate::lex::{amount, split_ordinal};
use crate::norm::{is_total_word, squeeze};
use crate::raw::{RawColumn, RawRow, RawTable, Role, UNREAD};
use crate::text_caps::side_items;
use crate::text_fit::{narrow_by_hierarchy, Readings};
use crate::text_table::BodyLine;

/// The label columns, in printed order; the item bought is named by one
/// of [`ITEM_HEADINGS`].
const LABELS: [&str; 5] = ["采购品目大类", "专项名称", "经济科目", "采购物品名称", "采购组织形式"];

/// Headings of the item column: 江苏's provincial tables, then 苏州's and
/// 无锡's.
const ITEM_HEADINGS: [&str; 2] = ["采购物品名称", "采购品目名称"];

/// The sources of the funds a header may print before the 总计.
const SOURCES: [&str; 4] = ["一般公共预算资金", "政府性基金", "其他资金", "上年结转和结余资金"];

/// The heading over the sources.
const SOURCES_GROUP: &str = "资金来源";

/// The columns a header names: the labels (the item's heading as printed),
/// then the amounts, the sources (under their group where it is printed)
/// and 总计.
struct Layout {
    labels: [&'static str; 5],
    amounts: Vec<String>,
}

impl Layout {
    /// The number of sources before the 总计.
    fn sources(&self) -> usize {
        self.amounts.len() - 1
    }
}

/// The header's layout when it is this table's: every label column, 总计,
/// any of the sources, and no other word.
fn layout(header: &[&str]) -> Option<Layout> {
    let text = squeeze(&header.concat()).replace(' ', "");
    let item = *ITEM_HEADINGS.iter().find(|h| text.contains(*h))?;
    let labels = [LABELS[0], LABELS[1], LABELS[2], item, LABELS[4]];
    let mut sources: Vec<(usize, &str)> = SOURCES.iter().filter_map(|s| text.find(s).map(|at| (at, *s))).collect();
    sources.sort();
    let grouped = text.contains(SOURCES_GROUP);
    let named = labels.iter().chain(sources.iter().map(|(_, s)| s)).chain([&"总计", &SOURCES_GROUP]);
    let rest = named.fold(text.clone(), |t, c| t.replace(*c, ""));
    if !labels.iter().all(|c| text.contains(c)) || !text.contains("总计") || rest.chars().count() > 2 {
        return None;
    }
    let source = |s: &str| if grouped { format!("{SOURCES_GROUP}/{s}") } else { s.to_string() };
    let amounts = sources.iter().map(|(_, s)| source(s)).chain(["总计".to_string()]).collect();
    Some(Layout { labels, amounts })
}

/// Whether the header is this table's (see [`layout`]).
pub(crate) fn is_header(header: &[&str]) -> bool {
    layout(header).is_some()
}

/// A way of buying (`政府集中采购`, `分散自行组织`, `部门集中采购`).
fn way_of_buying(cell: &str) -> bool {
    cell.chars().count() <= 8 && (cell.ends_with("采购") || cell.ends_with("组织"))
}

/// The ways of buying the procurement rules name, the longest first.
const WAYS: &[&str] = &[
    "集中采购机构采购",
    "分散委托代理采购",
    "分散自行组织采购",
    "分散自行组织",
    "分散委托代理",
    "政府集中采购",
    "部门集中采购",
    "集中采购",
    "分散采购",
    "自行采购",
    "委托代理",
];

/// Where, in a row's words, its way of buying begins: the longest run of
/// last words that spells a way the rules name (`集中采购机构` / `采购`),
/// else the shortest that reads as one (`分散自行组` / `织`).
fn way_at(words: &[String]) -> Option<usize> {
    let joined = |k: usize| squeeze(&words[k..].concat());
    (0..words.len())
        .find(|&k| WAYS.contains(&joined(k).as_str()))
        .or_else(|| (0..words.len()).rev().find(|&k| way_of_buying(&joined(k))))
}

/// A category of purchases: `合计`, a kind alone (货物, 工程, 服务), or an
/// ordinal and a kind (`一、货物A`, `三、服务 C`).
pub(crate) fn category(cell: &str) -> bool {
    let (ordinal, rest) = split_ordinal(cell);
    let kinds = ["货物", "工程", "服务"];
    cell == "合计" || kinds.contains(&cell) || (!ordinal.is_empty() && kinds.iter().any(|k| rest.starts_with(k)))
}

/// The economic items the document's economic tables name (`30216 培训费`
/// → `培训费`), classes (`302 商品和服务支出`) included.
fn economic_names(earlier: &[Table]) -> Vec<String> {
    let economic = [
        TableKey::GeneralBudgetBasicExpenseByEconomic,
        TableKey::FiscalBasicExpenseByEconomic,
        TableKey::GeneralBudgetExpenseByEconomic,
        TableKey::OfficeOperatingExpense,
    ];
    let mut names: Vec<String> = earlier
        .iter()
        .filter(|t| economic.contains(&t.key))
        .flat_map(|t| t.rows.iter())
        .filter(|r| r.code.as_deref().is_some_and(|c| c.starts_with('3') && matches!(c.len(), 3 | 5)))
        .map(|r| squeeze(&r.name))
        .collect();
    names.sort();
    names.dedup();
    names
}

/// A budget's income, as far as it bounds what the budget buys by source:
/// the year's income and the carry-over, and of the year's, 一般公共预算 and
/// 政府性基金 where known.
struct Income {
    year: Decimal,
    carried: Decimal,
    general: Option<Decimal>,
    fund: Option<Decimal>,
}

impl Income {
    /// What this income allows each source column of `layout` to hold: a
    /// purchase is paid from the source's funds, so no source holds more
    /// than the income has of it. 一般公共预算资金 and 政府性基金 are their
    /// income, 上年结转和结余资金 the carry-over, 其他资金 the rest of the
    /// year's income (carried-over funds go with each where the table
    /// prints no column of them).
    fn caps(&self, layout: &Layout) -> Vec<Option<Decimal>> {
        let columns: Vec<&str> =
            layout.amounts[..layout.sources()].iter().map(|c| c.rsplit('/').next().unwrap_or(c)).collect();
        let carried = self.carried;
        let with_carry = |v: Option<Decimal>| if columns.contains(&SOURCES[3]) { v } else { v.map(|v| v + carried) };
        let other = self.general.zip(self.fund).map(|(g, f)| self.year - g - f);
        columns
            .iter()
            .map(|&c| match c {
                _ if c == SOURCES[0] => with_carry(self.general),
                _ if c == SOURCES[1] => with_carry(self.fund),
                _ if c == SOURCES[2] => with_carry(other),
                _ if c == SOURCES[3] => Some(carried),
                _ => None,
            })
            .collect()
    }
}

/// Whether the table `t` is printed in the unit `unit`.
fn in_unit(t: &Table, unit: Option<&str>) -> bool {
    t.unit.as_deref().and_then(yuan_per) == unit.and_then(yuan_per)
}

/// What the department's income allows each source column to hold, from
/// its 收支总表 in the table's unit `unit` (a blank item is zero; see
/// [`Income::caps`]). `None` for a source not known so, or where the table
/// is not read or its income does not add up.
fn source_caps(earlier: &[Table], layout: &Layout, unit: Option<&str>) -> Vec<Option<Decimal>> {
    let none = vec![None; layout.sources()];
    let summary = earlier.iter().find(|t| t.key == TableKey::IncomeExpenseSummary && in_unit(t, unit));
    let Some(t) = summary else { return none };
    let items = side_items(t, Section::Income);
    let one = |named: &dyn Fn(&str) -> bool| match items.iter().filter(|(n, _)| named(n)).collect::<Vec<_>>()[..] {
        [(_, v)] => Some(*v),
        _ => None,
    };
    let general = one(&|n| n.starts_with("一般公共预算") && n.ends_with("收入"));
    let fund = one(&|n| n.starts_with("政府性基金") && n.ends_with("收入"));
    let Some(total) = one(&|n| n == "收入总计").filter(|t| *t > Decimal::ZERO) else { return none };
    // The year's income and the carry-over, where one is not printed the
    // rest of the whole.
    let printed_carry = one(&|n| n.starts_with("上年结转"));
    let year = one(&|n| n == "本年收入合计").unwrap_or(total - printed_carry.unwrap_or_default());
    let carried = printed_carry.unwrap_or(total - year);
    if year + carried != total || carried < Decimal::ZERO {
        return none;
    }
    Income { year, carried, general, fund }.caps(layout)
}

/// What each unit's income allows each source column to hold (see
/// [`Income::caps`]), from the 收入总表 in the table's unit `unit`, its
/// rows by unit: 合计, the year's income (本年收入, its 小计) and of it
/// 一般公共预算 and 政府性基金, and the carry-over (上年结转, its 小计 or
/// 合计 less the year's). A cell left unread makes its figure unknown; a
/// row whose year and carry-over do not add up to its 合计 is left out. A
/// name printed on several rows (a department and its own unit) allows
/// the most any of them does, and nothing is known of it where one is not.
fn unit_caps(earlier: &[Table], layout: &Layout, unit: Option<&str>) -> BTreeMap<String, Vec<Option<Decimal>>> {
    let mut caps = BTreeMap::new();
    // Names with a row that bounds nothing: nothing is known of them.
    let mut unknown = std::collections::BTreeSet::new();
    let Some(t) = earlier.iter().find(|t| t.key == TableKey::IncomeSummary && in_unit(t, unit)) else {
        return caps;
    };
    let carry_column = |p: &str| p.starts_with("上年结转");
    let year_column = |p: &str| p.starts_with("本年收入");
    let leaf = |p: &'_ str| p.rsplit('/').next().unwrap_or_default().to_string();
    let find = |keep: &dyn Fn(&str) -> bool| -> Vec<usize> {
        t.amount_columns().filter(|&c| keep(&t.columns[c].path)).collect()
    };
    let [total] = find(&|p| p == "合计")[..] else { return caps };
    let [year] = find(&|p| year_column(p) && (p == "本年收入" || leaf(p) == "小计"))[..] else { return caps };
    let carries = find(&|p| carry_column(p) && (!p.contains('/') || leaf(p) == "小计"));
    let [general] = find(&|p| !carry_column(p) && leaf(p).starts_with("一般公共预算"))[..] else { return caps };
    let fund = find(&|p| !carry_column(p) && leaf(p).starts_with("政府性基金"));
    for r in &t.rows {
        let name = squeeze(split_ordinal(&r.name).1);
        if is_total_word(&name) {
            continue;
        }
        let figure = |c: usize| match r.cells.get(c) {
            Some(Cell::Amount(v)) => Some(*v),
            Some(Cell::Blank) => Some(Decimal::ZERO),
            _ => None,
        };
        let (Some(whole), Some(y)) = (figure(total), figure(year)) else {
            unknown.insert(name);
            continue;
        };
        let carried = match carries[..] {
            [c] => figure(c),
            [] => Some(whole - y),
            _ => None,
        };
        let Some(carried) = carried.filter(|&c| c >= Decimal::ZERO && y + c == whole) else {
            unknown.insert(name);
            continue;
        };
        let fund = match fund[..] {
            [c] => figure(c),
            [] => Some(Decimal::ZERO),
            _ => None,
        };
        let allowed = Income { year: y, carried, general: figure(general), fund }.caps(layout);
        let merged = match caps.remove(&name) {
            Some(before) => before
                .iter()
                .zip(&allowed)
                .map(|(a, b): (&Option<Decimal>, _)| a.zip(*b).map(|(a, b)| a.max(b)))
                .collect(),
            None => allowed,
        };
        caps.insert(name, merged);
    }
    caps.retain(|name, _| !unknown.contains(name));
    caps
}

/// One row's label words (in printed order) and its amounts.
struct Printed {
    words: Vec<String>,
    amounts: Vec<String>,
    page: u32,
    /// Where each line's label words begin among `words`, and its page.
    lines: Vec<(usize, u32)>,
    /// The page of the line that ends the row.
    end_page: u32,
}

impl Printed {
    fn new(page: u32) -> Printed {
        Printed { words: Vec::new(), amounts: Vec::new(), page, lines: Vec::new(), end_page: page }
    }
}

/// The rows: the words up to each run of amounts (the run ends the row),
/// and the words after the last amount, if any: the ends of the last row's
/// wrapped cells, printed after the page's foot (`资金 理服务`), which no
/// row can be told to take. `None` when an amount opens the table.
fn rows_of(data: &[BodyLine<'_>]) -> Option<(Vec<Printed>, Option<Printed>)> {
    let mut rows = Vec::new();
    let mut cur = Printed::new(0);
    // A page number where the table runs on to the next page is no word,
    // nor the running line beside it (`苏州市自然资源和规划局 2026 年度部门预算公开`).
    let running = |i: usize| crate::text_lines::is_running_line(data, i);
    for (_, l) in data.iter().enumerate().filter(|&(i, l)| page_number(l.text).is_none() && !running(i)) {
        if cur.words.is_empty() && cur.amounts.is_empty() {
            cur.page = l.page;
        }
        let mut line_open = false;
        for w in l.text.split_whitespace() {
            if amount(w).is_some() && w.contains('.') {
                if cur.words.is_empty() {
                    return None;
                }
                cur.amounts.push(w.to_string());
                cur.end_page = l.page;
            } else {
                if !cur.amounts.is_empty() {
                    rows.push(std::mem::replace(&mut cur, Printed::new(l.page)));
                    line_open = false;
                }
                if !line_open {
                    cur.lines.push((cur.words.len(), l.page));
                    line_open = true;
                }
                cur.words.push(w.to_string());
            }
        }
    }
    if !cur.words.is_empty() && cur.amounts.is_empty() {
        return Some((rows, Some(cur)));
    }
    if !cur.amounts.is_empty() {
        rows.push(cur);
    }
    Some((rows, None))
}

/// A row's label cells in [`LABELS`]' order, as its level fills them;
/// `None` when its words do not read as one level. `sourced`: the table
/// prints its funds by source, and its item rows their project and
/// economic item (`定额 办公费 复印纸 集中采购`); a row of words that are
/// neither a way of buying nor an economic item is then a unit's heading.
fn cells(row: &Printed, economic: &[String], sourced: bool) -> Option<Vec<String>> {
    let mut out = vec![String::new(); LABELS.len()];
    let joined = |ws: &[String]| squeeze(&ws.concat());
    let all = joined(&row.words);
    if category(&all) || category(&row.words[0]) && row.words.len() <= 2 {
        out[0] = all;
        return Some(out);
    }
    let is_item = |name: &str| economic_item(name, economic);
    // The way of buying, wrapped in its cell or not (`分散自行组` / `织`); a
    // second way for the item above has no item of its own (the item's
    // cell merged over both rows).
    let n = row.words.len();
    // The project and the economic item before the item bought, where an
    // economic item stands between two runs of words before `k` (the
    // longest from the first word that begins one).
    let between =
        |k: usize| (1..k).find_map(|a| (a + 1..k).rev().find(|&b| is_item(&joined(&row.words[a..b]))).map(|b| (a, b)));
    if let Some(k) = way_at(&row.words) {
        match between(k) {
            Some((a, b)) => {
                out[1] = joined(&row.words[..a]);
                out[2] = joined(&row.words[a..b]);
                out[3] = joined(&row.words[b..k]);
            }
            None => out[3] = joined(&row.words[..k]),
        }
        out[4] = joined(&row.words[k..]);
        return Some(out);
    }
    // An item row whose way of buying is blank (`优化营商环境工作经费 其他商品和服` /
    // `务支出 其他咨询服务 160.00 160.00`), in a table whose item rows fill
    // project, economic item and item at once.
    if let Some((a, b)) = between(n).filter(|_| sourced) {
        out[1] = joined(&row.words[..a]);
        out[2] = joined(&row.words[a..b]);
        out[3] = joined(&row.words[b..]);
        return Some(out);
    }
    // A project and the economic item it is paid from: the item is the
    // longest run of last words that names one (in the document's economic
    // tables or the code book); else the last word, where the project is
    // the one word before it.
    let known = (0..n).find(|&k| is_item(&joined(&row.words[k..])));
    match known {
        Some(0) => out[2] = all,
        Some(k) => {
            out[1] = joined(&row.words[..k]);
            out[2] = joined(&row.words[k..]);
        }
        None if sourced => out[0] = all,
        None if row.words.len() == 2 => {
            out[1] = row.words[0].clone();
            out[2] = row.words[1].clone();
        }
        None => return None,
    }
    Some(out)
}

/// Whether `name` is an economic item's: one the document's economic
/// tables name, or the code book.
fn economic_item(name: &str, economic: &[String]) -> bool {
    economic.iter().any(|e| e == name) || budget_check::is_economic_item_name(name)
}

/// How many brackets a cell leaves open; `None` where one closes before it
/// opens.
fn open_brackets(cell: &str) -> Option<i32> {
    cell.chars().try_fold(0i32, |d, ch| {
        let d = d + i32::from("（(".contains(ch)) - i32::from("）)".contains(ch));
        (d >= 0).then_some(d)
    })
}

/// Whether `word` ends the cell `cell` was cut from: it closes a bracket
/// the cell left open, or makes it a name it was not, an economic item's
/// or one of `names` (the document's economic items, and the cells the
/// table prints whole in its rows).
fn ends_cell(cell: &str, word: &str, names: &[String]) -> bool {
    let whole = format!("{cell}{word}");
    let closes = open_brackets(cell).is_some_and(|d| d > 0) && open_brackets(&whole) == Some(0);
    closes || (!economic_item(&squeeze(cell), names) && economic_item(&squeeze(&whole), names))
}

/// The names a cell cut by a page break may end as: the economic items
/// `economic`, and the cells of the rows as first read (each whole where
/// a row prints it within one page).
fn known_names(rows: &[Printed], economic: &[String], sourced: bool) -> Vec<String> {
    let mut names = economic.to_vec();
    for c in rows.iter().filter_map(|r| cells(r, economic, sourced)) {
        names.extend(c.into_iter().skip(1).filter(|c| !c.is_empty()));
    }
    names
}

/// The ends of a row's cells printed after a page break. A row that runs
/// over a page break prints its cells' last lines at the top of the next
/// page, before the next row:
///
/// ```text
/// 专项委托业务费 其他商品和服 法律诉讼服务 分散采购 40.00 40.00
/// 苏州市自然资源和规划局 2026 年度部门预算公开 / - 30 -
/// 务支出
/// 上市地块配套工作费用 委托业务费 其他专业技术服务 集中采购 410.00 410.00
/// ```
///
/// The first line after the break goes back to the row before, where the
/// next row's words go on after it and each of its words, in order, ends
/// a different cell of that row, in order ([`ends_cell`]: `其他商品和服` +
/// `务支出`; `商品和服务支出(定额非` + `三保)` and `公务用车运行` + `维护费` from
/// the line `三保) 维护费`; `车辆加油、添加燃料服` + `务`, an item other rows
/// print whole). `names` are the names a cell is known to end as: the
/// document's economic items and the cells the rows print whole.
fn ends_after_page_breaks(rows: &mut [Printed], names: &[String]) {
    for i in 1..rows.len() {
        let (before, after) = rows.split_at_mut(i);
        let (prev, row) = (&mut before[i - 1], &mut after[0]);
        let [(_, first_page), (second, _), ..] = row.lines[..] else { continue };
        if first_page <= prev.end_page {
            continue;
        }
        let mut ends = Vec::new();
        for w in &row.words[..second] {
            let from = ends.last().map_or(0, |&k| k + 1);
            let Some(k) = (from..prev.words.len()).find(|&k| ends_cell(&prev.words[k], w, names)) else { break };
            ends.push(k);
        }
        if ends.len() < second {
            continue;
        }
        for (w, &k) in row.words.drain(..second).zip(&ends) {
            prev.words[k].push_str(&w);
        }
        row.lines.remove(0);
        row.lines.iter_mut().for_each(|l| l.0 -= second);
        row.page = row.lines[0].1;
    }
}

/// The units the document's other tables name (`309008 江苏省无锡技师学院`
/// in the 收入总表 by unit): their rows' names that end like an
/// organisation's.
fn unit_names(earlier: &[Table]) -> Vec<String> {
    let mut names: Vec<String> = earlier
        .iter()
        .flat_map(|t| t.rows.iter())
        .map(|r| squeeze(split_ordinal(&r.name).1))
        .filter(|n| crate::meta::ends_like_organisation(n))
        .collect();
    names.sort();
    names.dedup();
    names
}

/// The end of a unit's name printed after a page break. A unit's heading
/// wrapped at a page's foot prints the rest of its name at the top of the
/// next page, before the words of the unit's first purchase:
///
/// ```text
/// 江苏省无锡技 748.96 748.96
/// 无锡市人力资源和社会保障局 2026 年度部门预算公开 / - 37 -
/// 师学院 物业管理等费用 物业管理费 保安服务 分散采购 248.85 248.85
/// ```
///
/// The first words of a row that opens on a later page than the row
/// before ends go back to that row where, joined to its words, they make
/// the name of a unit the document's other tables print (`units`), and
/// only one number of them does (`江苏省无锡技` + `师学院`; `无锡市社会保` +
/// `险基金管理中` / `心`; `无锡市水利局` + `（本级）`).
fn unit_ends_after_page_breaks(rows: &mut [Printed], units: &[String]) {
    for i in 1..rows.len() {
        let (before, after) = rows.split_at_mut(i);
        let (prev, row) = (&mut before[i - 1], &mut after[0]);
        if row.lines.first().is_none_or(|&(_, page)| page <= prev.end_page) {
            continue;
        }
        let head = prev.words.concat();
        let named = |k: usize| units.iter().any(|u| *u == squeeze(&format!("{head}{}", row.words[..k].concat())));
        let [k] = (1..row.words.len()).filter(|&k| named(k)).collect::<Vec<_>>()[..] else { continue };
        let tail: String = row.words.drain(..k).collect();
        if let Some(last) = prev.words.last_mut() {
            last.push_str(&tail);
        }
        let ends: Vec<usize> = row.lines.iter().skip(1).map(|l| l.0).chain([row.words.len() + k]).collect();
        row.lines = row
            .lines
            .iter()
            .zip(ends)
            .filter(|&(_, end)| end > k)
            .map(|(&(s, p), _)| (s.saturating_sub(k), p))
            .collect();
        row.page = row.lines[0].1;
    }
}

/// A row's readings: its amounts in the layout's columns, each way they
/// may be placed. All of them printed are placed as printed; fewer (blank
/// sources leave no mark) give the 总计, the last, where the others add up
/// to it, and the others go to the sources, in printed order, in each
/// choice of columns that keeps every source within `caps` (what the
/// department's income allows, see [`source_caps`]) and `limits` (the
/// table's total row, once settled: a source it leaves blank holds
/// nothing in any row): none where no choice does. `None` when the amounts
/// do not add up to their last, or are more than the columns.
fn amounts(row: &Printed, layout: &Layout, caps: &[Option<Decimal>], limits: Option<&[Decimal]>) -> Option<Readings> {
    let n = layout.amounts.len();
    let printed = &row.amounts;
    if printed.len() == n {
        return Some(vec![printed.clone()]);
    }
    let values: Vec<_> = printed.iter().filter_map(|a| amount(a)).collect();
    let (total, parts) = values.split_last()?;
    if printed.len() > n || parts.is_empty() || parts.iter().sum::<Decimal>() != *total {
        return None;
    }
    let sources = layout.sources();
    let fits = |c: usize, v: Decimal| {
        caps.get(c).copied().flatten().is_none_or(|cap| v <= cap) && limits.is_none_or(|l| v <= l[c])
    };
    let mut placements = Vec::new();
    let mut chosen: Vec<usize> = (0..parts.len()).collect();
    loop {
        if chosen.iter().zip(parts).all(|(&c, &v)| fits(c, v)) {
            let mut out = vec![String::new(); n];
            chosen.iter().enumerate().for_each(|(k, &c)| out[c] = printed[k].clone());
            out[sources] = printed[printed.len() - 1].clone();
            placements.push(out);
        }
        if !crate::text_fit::next_combination(&mut chosen, sources) {
            break;
        }
    }
    Some(placements)
}

/// A row's amount cells: its one reading, or where more or none remain,
/// its 总计 (its last amount) with its `sources` unread.
fn placed(row: &Printed, found: Readings, sources: usize) -> Vec<String> {
    match &found[..] {
        [one] => one.clone(),
        _ => {
            let total = row.amounts.last().cloned().unwrap_or_default();
            vec![UNREAD.to_string(); sources].into_iter().chain([total]).collect()
        }
    }
}

/// The table's total row's sources, where its own placement settles them
/// (a blank is zero).
fn total_limits(rows: &[Printed], layout: &Layout, caps: &[Option<Decimal>]) -> Option<Vec<Decimal>> {
    let total = rows.iter().position(is_total)?;
    let [cells] = &amounts(&rows[total], layout, caps, None)?[..] else { return None };
    cells[..layout.sources()].iter().map(|c| if c.is_empty() { Some(Decimal::ZERO) } else { amount(c) }).collect()
}

/// Whether the row is the table's total.
fn is_total(row: &Printed) -> bool {
    is_total_word(squeeze(&row.words.concat()).as_str())
}

/// A row's level: 0 the total row, 1 a category, 2 a unit (a project in
/// a table without sources), 3 a purchase.
fn level(rows: &[Printed], labels: &[Vec<String>], i: usize) -> u8 {
    match () {
        _ if is_total(&rows[i]) => 0,
        _ if category(&labels[i][0]) => 1,
        _ if !labels[i][0].is_empty() => 2,
        _ => 3,
    }
}

/// Each row's caps: the department's (`caps`), and where the row is a
/// unit's or one of its purchases, the least of those and the unit's own
/// (`units`, by name; see [`unit_caps`]).
fn row_caps(
    rows: &[Printed],
    labels: &[Vec<String>],
    caps: &[Option<Decimal>],
    units: &BTreeMap<String, Vec<Option<Decimal>>>,
) -> Vec<Vec<Option<Decimal>>> {
    let mut unit: Option<&Vec<Option<Decimal>>> = None;
    (0..rows.len())
        .map(|i| {
            match level(rows, labels, i) {
                2 => unit = units.get(&squeeze(&labels[i][0])),
                3 => {}
                _ => unit = None,
            }
            let least =
                |(k, cap): (usize, &Option<Decimal>)| match (cap, unit.and_then(|u| u.get(k).copied().flatten())) {
                    (Some(a), Some(b)) => Some((*a).min(b)),
                    (a, b) => a.or(b),
                };
            caps.iter().enumerate().map(least).collect()
        })
        .collect()
}

/// The table's sums, as groups of a row and the rows it adds up: the
/// total row sums the categories (货物, 工程, 服务), a category the units'
/// rows under it, a unit the purchases under it (a category with no unit
/// rows sums its purchases). Each row's parent is the nearest row above it
/// of a level above its own. A group is kept only where its 总计 is the sum
/// of its rows' (the one amount every row prints where it is read), which
/// tells the levels are as taken.
fn sums(rows: &[Printed], labels: &[Vec<String>]) -> Vec<(usize, Vec<usize>)> {
    let level = |i: usize| level(rows, labels, i);
    let total_of = |i: usize| rows[i].amounts.last().and_then(|c| amount(c));
    let mut groups: Vec<(usize, Vec<usize>)> = Vec::new();
    for i in 0..rows.len() {
        let parent = (0..i).rev().find(|&p| level(p) < level(i));
        match (parent, groups.iter_mut().find(|(p, _)| Some(*p) == parent)) {
            (_, Some((_, children))) => children.push(i),
            (Some(p), None) => groups.push((p, vec![i])),
            (None, None) => {}
        }
    }
    groups.retain(|(p, children)| {
        let parts: Option<Decimal> = children.iter().map(|&c| total_of(c)).sum();
        parts.is_some() && parts == total_of(*p)
    });
    groups
}

/// Each row's amount cells in the layout's columns ([`amounts`], within
/// `caps`, the caps of a unit's income (`units`, see [`row_caps`]) and the
/// total row's sources), where its sums settle which
/// source an amount is: 货物 printing 349.62 alone is 一般公共预算资金 where
/// the total row's 一般公共预算资金 4,931.43 is 349.62 + 300.00 + 4,281.81
/// only so, and the purchases under a unit of 一般公共预算资金 alone are of
/// it too ([`sums`]). `None` when a row's amounts are not placed.
fn figures(
    rows: &[Printed],
    labels: &[Vec<String>],
    layout: &Layout,
    caps: &[Option<Decimal>],
    units: &BTreeMap<String, Vec<Option<Decimal>>>,
) -> Option<Vec<Vec<String>>> {
    let limits = total_limits(rows, layout, caps);
    let by_row = row_caps(rows, labels, caps, units);
    let mut readings = rows
        .iter()
        .zip(&by_row)
        .map(|(r, caps)| amounts(r, layout, caps, limits.as_deref()).map(Some))
        .collect::<Option<Vec<_>>>()?;
    narrow_by_hierarchy(&mut readings, &sums(rows, labels));
    Some(rows.iter().zip(readings).map(|(r, found)| placed(r, found.unwrap_or_default(), layout.sources())).collect())
}

/// Reads the table when its header is this form's (see the module's
/// text); `false`, `raw` untouched, otherwise or when a row does not read.
pub(crate) fn read(
    raw: &mut RawTable,
    header: &[&str],
    data: &[BodyLine<'_>],
    earlier: &[Table],
    findings: &mut Vec<Finding>,
) -> bool {
    if raw.title.key != TableKey::GovernmentProcurement {
        return false;
    }
    let Some(layout) = layout(header) else { return false };
    let Some((mut rows, after)) = rows_of(data) else { return false };
    if rows.is_empty() {
        return false;
    }
    unit_ends_after_page_breaks(&mut rows, &unit_names(earlier));
    let economic = economic_names(earlier);
    let sourced = layout.sources() > 0;
    let names = known_names(&rows, &economic, sourced);
    ends_after_page_breaks(&mut rows, &names);
    let unit = raw.unit.as_deref();
    let (caps, units) = (source_caps(earlier, &layout, unit), unit_caps(earlier, &layout, unit));
    let Some(labels) = rows.iter().map(|r| cells(r, &economic, sourced)).collect::<Option<Vec<_>>>() else {
        return false;
    };
    let Some(figures) = figures(&rows, &labels, &layout, &caps, &units) else { return false };
    let read: Vec<Vec<String>> =
        labels.into_iter().zip(figures).map(|(l, f)| l.into_iter().chain(f).collect()).collect();
    let roles = [Role::Text, Role::Name, Role::Text, Role::Name, Role::Text];
    let labels = layout.labels.iter().zip(roles).map(|(c, role)| RawColumn { path: c.to_string(), role });
    let figures = layout.amounts.iter().map(|c| RawColumn { path: c.clone(), role: Role::Amount });
    raw.columns = labels.chain(figures).collect();
    // A cell left with a bracket open took words of another row's cells: a
    // row whose wrapped cells run on past a page break (`商品和服务支出(定额非 …
    // 分散采购 0.10 0.10` / … / `三保) 维护费` opening the next row).
    let unbalanced = |c: &String| open_brackets(c) != Some(0);
    for (r, c) in rows.iter().zip(&read) {
        if c[..LABELS.len()].iter().any(unbalanced) {
            let label = squeeze(&r.words.concat());
            let message = format!("row `{label}`: its words run on past a page break into another row; its labels are as printed, in doubt");
            findings.push(Finding { page: r.page, table: raw.title.key.as_str().into(), message });
        }
    }
    let in_doubt = read.iter().filter(|c| c.iter().any(|v| v == UNREAD)).count();
    if in_doubt > 0 {
        let page = rows.first().map_or(0, |r| r.page);
        let message = format!(
            "{in_doubt} rows print fewer amounts than the table's {} sources and 总计: their 总计 read, \
             which source each other amount is left unread",
            layout.sources()
        );
        findings.push(Finding { page, table: raw.title.key.as_str().into(), message });
    }
    if let Some(after) = after {
        let words = after.words.join(" ");
        let message = format!("words after the last row, which no row can be told to take, left unread: `{words}`");
        findings.push(Finding { page: after.page, table: raw.title.key.as_str().into(), message });
    }
    for (r, c) in rows.iter().zip(read) {
        raw.rows.push(RawRow::new(c, r.page));
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(texts: &'static [&'static str]) -> Vec<BodyLine<'static>> {
        texts.iter().map(|t| BodyLine { text: t, page: 12, after_blank: false, opens_right: false }).collect()
    }

    /// Each row's label cells, then its amounts in the layout's columns.
    fn read_rows(data: &[BodyLine<'_>], economic: &[String], layout: &Layout) -> Vec<Vec<String>> {
        let (rows, _) = rows_of(data).expect("rows");
        rows.iter()
            .map(|r| {
                let mut c = cells(r, economic, layout.sources() > 0).expect("cells");
                c.extend(placed(r, amounts(r, layout, &[], None).expect("amounts"), layout.sources()));
                c
            })
            .collect()
    }

    #[test]
    fn each_row_fills_the_columns_of_its_level() {
        // Names the document's economic tables print (the code book knows
        // 培训费 and 信息网络及软件购置更新 as well).
        let economic: Vec<String> = ["维修（护）费", "会议费"].map(String::from).to_vec();
        let data = body(&[
            "合计 1,281.76",
            "一、货物A 355.67",
            "办公设备购置费 办公设备购置 300.00",
            "台式计算机（20 万",
            "以上） 政府集中采购 99.00",
            "三、服务 C 926.09",
            "网络通讯维护及专",
            "用线路租赁费 维修（护）费 607.10",
            "培训费 16.00",
            "信息网络建设费 信息网络及软件购",
            "置更新 966.50",
            "其他专用设",
            "备 分散自行组",
            "织 40.00",
            "  17  ",
            "部门集中采购 430.00",
        ]);
        let layout = layout(&["采购品目大类 专项名称 经济科目 采购物品名称 采购组织形式 总计"]).expect("layout");
        let got = read_rows(&data, &economic, &layout);
        let row = |c: [&str; 6]| c.map(String::from).to_vec();
        assert_eq!(
            got,
            [
                row(["合计", "", "", "", "", "1,281.76"]),
                row(["一、货物A", "", "", "", "", "355.67"]),
                row(["", "办公设备购置费", "办公设备购置", "", "", "300.00"]),
                row(["", "", "", "台式计算机（20万以上）", "政府集中采购", "99.00"]),
                row(["三、服务C", "", "", "", "", "926.09"]),
                row(["", "网络通讯维护及专用线路租赁费", "维修（护）费", "", "", "607.10"]),
                row(["", "", "培训费", "", "", "16.00"]),
                row(["", "信息网络建设费", "信息网络及软件购置更新", "", "", "966.50"]),
                row(["", "", "", "其他专用设备", "分散自行组织", "40.00"]),
                row(["", "", "", "", "部门集中采购", "430.00"]),
            ]
        );
    }

    #[test]
    fn rows_that_read_as_no_level_leave_the_table_to_the_other_readers() {
        // Three words, none a way of buying or an economic item the
        // document names: which is the project is not known.
        let (rows, _) = rows_of(&body(&["某项目 某某 某物 5.00"])).expect("rows");
        assert!(cells(&rows[0], &[], false).is_none());
        // An amount before any word.
        assert!(rows_of(&body(&["16.00 培训费 16.00"])).is_none());
        assert!(is_header(&["采购品目大类 专项名称 经济科目 采购物品名称 采购组织形式 总计"]));
        assert!(!is_header(&["采购品目大类 专项名称 经济科目 采购物品名称 采购组织形式 总计 其中：中小企业"]));
    }

    /// A 收支总表 whose income side prints `rows` (name, amount).
    fn summary(rows: &[(&str, &str)]) -> Table {
        let mut t = Table::new(TableKey::IncomeExpenseSummary, "1", "收支总表");
        t.columns = vec![budget_model::Column::amount("预算数")];
        for (name, figure) in rows {
            let mut r = budget_model::Row::new(*name, 3);
            r.section = Some(Section::Income);
            r.cells = vec![figure.parse().map_or(budget_model::Cell::Blank, budget_model::Cell::Amount)];
            t.rows.push(r);
        }
        t
    }

    /// A row printing fewer sources than the table goes where the
    /// department's income allows only one choice of columns: where its
    /// income is all 一般公共预算, a row of one source has it in
    /// 一般公共预算资金; where it has 90.74 of other income, a source of 2.00
    /// could be either; where the table's total row then settles as all
    /// 一般公共预算 (3.00 is more than the other income), every row is.
    #[test]
    fn the_departments_income_settles_a_rows_sources() {
        let general = summary(&[
            ("一般公共预算拨款收入", "64090.74"),
            ("政府性基金预算拨款收入", ""),
            ("事业收入", ""),
            ("收入总计", "64090.74"),
        ]);
        let other = summary(&[
            ("一般公共预算拨款收入", "64000.00"),
            ("政府性基金预算拨款收入", ""),
            ("事业收入", "2.50"),
            ("本年收入合计", "64002.50"),
            ("上年结转结余", ""),
            ("收入总计", "64002.50"),
        ]);
        let layout = layout(&["资金来源 采购品目大类 专项名称 经济科目 采购品目名称 采购组织形式 一般公共 预算资金 政府性基金 其他资金 上年结转和 结余资金 总计"])
            .expect("layout");
        assert_eq!(source_caps(&[], &layout, None), [None; 4]);
        let caps = source_caps(&[general], &layout, None);
        assert_eq!(
            caps,
            [Some(Decimal::new(6409074, 2)), Some(Decimal::ZERO), Some(Decimal::ZERO), Some(Decimal::ZERO)]
        );
        let (rows, _) = rows_of(&body(&[
            "合计 3.00 3.00",
            "定额 办公费 复印纸 集中采购 2.00 2.00",
            "定额 印刷费 其他印刷服务 集中采购 1.00 1.00 2.00",
        ]))
        .expect("rows");
        let u = UNREAD;
        assert_eq!(
            placed(&rows[1], amounts(&rows[1], &layout, &caps, None).expect("amounts"), 4),
            ["2.00", "", "", "", "2.00"]
        );
        assert_eq!(placed(&rows[1], amounts(&rows[1], &layout, &[], None).expect("amounts"), 4), [u, u, u, u, "2.00"]);
        assert_eq!(
            placed(&rows[2], amounts(&rows[2], &layout, &caps, None).expect("amounts"), 4),
            [u, u, u, u, "2.00"]
        );
        let caps = source_caps(&[other], &layout, None);
        assert_eq!(caps[2], Some(Decimal::new(250, 2)));
        assert_eq!(
            placed(&rows[1], amounts(&rows[1], &layout, &caps, None).expect("amounts"), 4),
            [u, u, u, u, "2.00"]
        );
        let limits = total_limits(&rows, &layout, &caps).expect("the total row settles");
        assert_eq!(limits, [Decimal::new(300, 2), Decimal::ZERO, Decimal::ZERO, Decimal::ZERO]);
        assert_eq!(amounts(&rows[1], &layout, &caps, Some(&limits)).expect("amounts"), [["2.00", "", "", "", "2.00"]]);
    }

    /// Where the income allows a lone amount in more than one source, the
    /// table's sums settle it: in each source column the total row is the
    /// sum of the categories, a category of its units, a unit of its
    /// purchases. 货物's 350.00 is 一般公共预算资金, for the total's 655.00 is
    /// 350.00 + 305.00 only so; 市测绘院's two purchases take the sources of
    /// its 300.00 and 410.00 one way alone. 市档案馆's two of 5.00 may be
    /// either way round: they stay unread.
    #[test]
    fn the_tables_sums_settle_which_source_an_amount_is() {
        let income = summary(&[
            ("一般公共预算拨款收入", "1000.00"),
            ("政府性基金预算拨款收入", "500.00"),
            ("本年收入合计", "1500.00"),
            ("收入总计", "1500.00"),
        ]);
        let layout = layout(&["资金来源 采购品目大类 专项名称 经济科目 采购品目名称 采购组织形式 一般公共 预算资金 政府性基金 其他资金 上年结转和 结余资金 总计"])
            .expect("layout");
        let caps = source_caps(&[income], &layout, None);
        let (rows, _) = rows_of(&body(&[
            "合计 655.00 415.00 1,070.00",
            "货物 350.00 350.00",
            "市规划展示馆 350.00 350.00",
            "定额 办公费 复印纸 集中采购 50.00 50.00",
            "设备购置 办公设备购置 扫描仪 集中采购 300.00 300.00",
            "服务 305.00 415.00 720.00",
            "市测绘院 300.00 410.00 710.00",
            "规划编制项目 委托业务费 测绘服务 分散采购 300.00 300.00",
            "上市地块配套工作费用 委托业务费 其他专业技术服务 集中采购 410.00 410.00",
            "市档案馆 5.00 5.00 10.00",
            "定额 办公费 复印纸 集中采购 5.00 5.00",
            "定额 印刷费 其他印刷服务 集中采购 5.00 5.00",
        ]))
        .expect("rows");
        let economic: Vec<String> = ["办公费", "印刷费", "办公设备购置", "委托业务费"].map(String::from).to_vec();
        let labels: Vec<Vec<String>> = rows.iter().map(|r| cells(r, &economic, true).expect("cells")).collect();
        assert_eq!(
            sums(&rows, &labels),
            [(0, vec![1, 5]), (1, vec![2]), (2, vec![3, 4]), (5, vec![6, 9]), (6, vec![7, 8]), (9, vec![10, 11])]
        );
        let got = figures(&rows, &labels, &layout, &caps, &BTreeMap::new()).expect("figures");
        let u = UNREAD;
        assert_eq!(
            got,
            [
                ["655.00", "415.00", "", "", "1,070.00"],
                ["350.00", "", "", "", "350.00"],
                ["350.00", "", "", "", "350.00"],
                ["50.00", "", "", "", "50.00"],
                ["300.00", "", "", "", "300.00"],
                ["305.00", "415.00", "", "", "720.00"],
                ["300.00", "410.00", "", "", "710.00"],
                ["300.00", "", "", "", "300.00"],
                ["", "410.00", "", "", "410.00"],
                ["5.00", "5.00", "", "", "10.00"],
                [u, u, u, u, "5.00"],
                [u, u, u, u, "5.00"],
            ]
        );
        // Without the income, nothing rules out 其他资金 or 上年结转和结余资金:
        // the sums alone settle no lone amount.
        let got = figures(&rows, &labels, &layout, &[], &BTreeMap::new()).expect("figures");
        assert_eq!(got[1], [u, u, u, u, "350.00"]);
    }

    /// A 收入总表 by unit: `rows` (code, name, 合计, 本年收入 小计,
    /// 一般公共预算, 其他收入, 上年结转结余 小计), blank where `""`.
    fn income_by_unit(rows: &[[&str; 7]]) -> Table {
        let mut t = Table::new(TableKey::IncomeSummary, "2", "收入总表");
        let paths = ["合计", "本年收入/小计", "本年收入/一般公共预算", "本年收入/其他收入", "上年结转结余/小计"];
        t.columns = paths.map(budget_model::Column::amount).to_vec();
        for [code, name, figures @ ..] in rows {
            let mut r = budget_model::Row::new(*name, 3);
            r.code = (!code.is_empty()).then(|| code.to_string());
            r.cells = figures.iter().map(|f| f.parse().map_or(Cell::Blank, Cell::Amount)).collect();
            t.rows.push(r);
        }
        t
    }

    /// Each unit's purchases are paid from the unit's own income. The
    /// department has other income, so its income alone settles no row;
    /// but 港航事业发展中心's income is all 一般公共预算, and so are its
    /// purchases. 货物's 一般公共预算资金 is then all 港航's, and the
    /// department's own unit's 5.00 (its name shared with the department's
    /// row, which has other income: the larger is taken) is 其他资金.
    /// Under 服务, 执法支队 has other income, and 市邮政业安全发展中心's
    /// 合计 is not its year's income and carry-over, so it bounds nothing
    /// (nor does a name with one such row among its rows): either 3.00 may
    /// be either source, and both stay unread.
    #[test]
    fn a_units_income_settles_its_purchases_sources() {
        let income = income_by_unit(&[
            ["", "合计", "25000.00", "25000.00", "17000.00", "8000.00", ""],
            ["123", "市交通运输局", "25000.00", "25000.00", "17000.00", "8000.00", ""],
            ["123001", "市交通运输局", "12000.00", "12000.00", "12000.00", "", ""],
            ["123002", "市交通运输综合行政执法支队", "4220.00", "4220.00", "1000.00", "3220.00", ""],
            ["123003", "市港航事业发展中心", "3868.38", "3868.38", "3868.38", "", ""],
            ["123004", "市邮政业安全发展中心", "300.00", "200.00", "200.00", "", ""],
            ["123005", "市公路事业发展中心", "100.00", "100.00", "100.00", "", ""],
            ["123006", "市公路事业发展中心", "90.00", "100.00", "100.00", "", ""],
        ]);
        let summary = summary(&[
            ("一般公共预算拨款收入", "17000.00"),
            ("政府性基金预算拨款收入", ""),
            ("其他收入", "8000.00"),
            ("本年收入合计", "25000.00"),
            ("收入总计", "25000.00"),
        ]);
        let layout = layout(&["资金来源 采购品目大类 专项名称 经济科目 采购品目名称 采购组织形式 一般公共 预算资金 政府性基金 其他资金 上年结转和 结余资金 总计"])
            .expect("layout");
        let earlier = [summary, income];
        let caps = source_caps(&earlier, &layout, None);
        let units = unit_caps(&earlier, &layout, None);
        let zero = Some(Decimal::ZERO);
        assert_eq!(units["市港航事业发展中心"], [Some(Decimal::new(386838, 2)), zero, zero, zero]);
        assert_eq!(units["市交通运输局"][2], Some(Decimal::new(800000, 2)));
        assert!(!units.contains_key("市邮政业安全发展中心"));
        // One of its two rows bounds nothing: nothing is known of the name.
        assert!(!units.contains_key("市公路事业发展中心"));
        let (rows, _) = rows_of(&body(&[
            "合计 8.00 8.00 16.00",
            "货物 5.00 5.00 10.00",
            "市交通运输局 5.00 5.00",
            "定额 办公费 复印纸 集中采购 5.00 5.00",
            "市港航事业发展中心 5.00 5.00",
            "定额 办公费 复印纸 集中采购 1.00 1.00",
            "设备购置 办公设备购置 扫描仪 集中采购 4.00 4.00",
            "服务 3.00 3.00 6.00",
            "市交通运输综合行政执法支队 3.00 3.00",
            "定额 印刷费 其他印刷服务 集中采购 3.00 3.00",
            "市邮政业安全发展中心 3.00 3.00",
            "定额 印刷费 其他印刷服务 集中采购 3.00 3.00",
        ]))
        .expect("rows");
        let economic: Vec<String> = ["办公费", "办公设备购置", "印刷费"].map(String::from).to_vec();
        let labels: Vec<Vec<String>> = rows.iter().map(|r| cells(r, &economic, true).expect("cells")).collect();
        let got = figures(&rows, &labels, &layout, &caps, &units).expect("figures");
        let u = UNREAD;
        let general = |v: &str| [v, "", "", "", v].map(String::from).to_vec();
        let other = |v: &str| ["", "", v, "", v].map(String::from).to_vec();
        let open = |v: &str| [u, u, u, u, v].map(String::from).to_vec();
        let both = |g: &str, o: &str, t: &str| [g, "", o, "", t].map(String::from).to_vec();
        assert_eq!(
            got,
            [
                both("8.00", "8.00", "16.00"),
                both("5.00", "5.00", "10.00"),
                other("5.00"),
                other("5.00"),
                general("5.00"),
                general("1.00"),
                general("4.00"),
                both("3.00", "3.00", "6.00"),
                open("3.00"),
                open("3.00"),
                open("3.00"),
                open("3.00"),
            ]
        );
        // Without the units' income, the two units under 货物 are open too.
        let got = figures(&rows, &labels, &layout, &caps, &BTreeMap::new()).expect("figures");
        assert_eq!(got[2..5], [open("5.00"), open("5.00"), open("5.00")]);
    }

    /// The department's income bounds a procurement table in its own unit
    /// only: income in 元 says nothing of amounts in 万元.
    #[test]
    fn income_in_another_unit_bounds_nothing() {
        let mut general = summary(&[
            ("一般公共预算拨款收入", "640907400.00"),
            ("政府性基金预算拨款收入", ""),
            ("收入总计", "640907400.00"),
        ]);
        general.unit = Some("元".into());
        let layout = layout(&["资金来源 采购品目大类 专项名称 经济科目 采购品目名称 采购组织形式 一般公共 预算资金 政府性基金 其他资金 上年结转和 结余资金 总计"])
            .expect("layout");
        assert_eq!(source_caps(std::slice::from_ref(&general), &layout, Some("万元")), [None; 4]);
        assert_eq!(source_caps(&[general], &layout, Some("元"))[2], Some(Decimal::ZERO));
    }

    /// A row run over a page break: the ends of its cells open the next
    /// page, before the next row's. Each word there ends a cell of the row
    /// before, in order, and goes back to it: `三保)` closes the project's
    /// bracket, `维护费` makes `公务用车运行` an economic item. A line after a
    /// break that ends no cell (`定额` is no end of `其他商品和服`) stays the
    /// next row's. `务` ends `车辆加油、添加燃料服`, for another row prints
    /// `车辆加油、添加燃料服务` whole.
    #[test]
    fn the_ends_of_a_rows_cells_printed_after_a_page_break_go_back_to_it() {
        let line = |text: &'static str, page: u32| BodyLine { text, page, after_blank: false, opens_right: false };
        let data = [
            line("商品和服务支出(定额非 公务用车运行 车辆维修和保养服务 集中采购 1.10 1.10", 24),
            line("三保) 维护费", 25),
            line("商品和服务支出(定额非三保) 公务用车运行维护费 车辆加油、添加燃料服务 集中采购 1.50 1.50", 25),
            line("专项委托业务费 其他商品和服 法律诉讼服务 分散采购 40.00 40.00", 25),
            line("定额", 26),
            line("办公费 复印纸 集中采购 2.00 2.00", 26),
            line("定额 公务用车运行", 26),
            line("维护费 车辆加油、添加燃料服", 26),
            line("务 集中采购 72.00 72.00", 26),
            line("定额 其他商品和服 车辆加油、添加燃料服 集中采购 1.00 1.00", 26),
            line("务支出 务", 27),
            line("定额 办公费 复印纸 集中采购 0.60 0.60", 27),
        ];
        let (mut rows, _) = rows_of(&data).expect("rows");
        let names = known_names(&rows, &[], true);
        assert!(names.iter().any(|n| n == "车辆加油、添加燃料服务"));
        ends_after_page_breaks(&mut rows, &names);
        let labels: Vec<Vec<String>> = rows.iter().map(|r| cells(r, &[], true).expect("cells")).collect();
        assert_eq!(
            labels[0][1..],
            ["商品和服务支出(定额非三保)", "公务用车运行维护费", "车辆维修和保养服务", "集中采购"]
        );
        assert_eq!(
            labels[1][1..],
            ["商品和服务支出(定额非三保)", "公务用车运行维护费", "车辆加油、添加燃料服务", "集中采购"]
        );
        assert_eq!(rows[1].page, 25);
        assert_eq!(labels[2][1..], ["", "", "专项委托业务费其他商品和服法律诉讼服务", "分散采购"]);
        assert_eq!(labels[3][1..], ["定额", "办公费", "复印纸", "集中采购"]);
        // `务` ends an item the row before prints whole.
        assert_eq!(labels[5][1..], ["定额", "其他商品和服务支出", "车辆加油、添加燃料服务", "集中采购"]);
        assert_eq!(labels[6][1..], ["定额", "办公费", "复印纸", "集中采购"]);
    }

    /// A unit's heading wrapped at a page's foot ends at the top of the next
    /// page, before its first purchase's words, on the same line or lines
    /// of their own. The words go back to the heading where they make a
    /// name the 收入总表 prints; words that make none stay with their row.
    #[test]
    fn the_end_of_a_units_name_printed_after_a_page_break_goes_back_to_it() {
        let income = income_by_unit(&[
            ["309008", "江苏省无锡技师学院", "748.96", "748.96", "748.96", "", ""],
            ["309012", "无锡市社会保险基金管理中心", "66.00", "66.00", "66.00", "", ""],
            ["305044", "无锡市第一中学", "5.00", "5.00", "5.00", "", ""],
        ]);
        let line = |text: &'static str, page: u32| BodyLine { text, page, after_blank: false, opens_right: false };
        let data = [
            line("江苏省无锡技 748.96 748.96", 37),
            line("师学院 物业管理等费用 物业管理费 保安服务 分散采购 248.85 248.85", 38),
            line("无锡市社会保 66.00 66.00", 38),
            line("险基金管理中", 39),
            line("心 商品和服务支出(公用经", 39),
            line("费定额) 会议费 一般会议服务 集中采购 7.06 7.06", 39),
            line("无锡市第 5.00 5.00", 39),
            line("二中学 办公费 复印纸 集中采购 5.00 5.00", 40),
        ];
        let (mut rows, _) = rows_of(&data).expect("rows");
        unit_ends_after_page_breaks(&mut rows, &unit_names(&[income]));
        let joined: Vec<String> = rows.iter().map(|r| r.words.join(" ")).collect();
        assert_eq!(
            joined,
            [
                "江苏省无锡技师学院",
                "物业管理等费用 物业管理费 保安服务 分散采购",
                "无锡市社会保险基金管理中心",
                "商品和服务支出(公用经 费定额) 会议费 一般会议服务 集中采购",
                "无锡市第",
                "二中学 办公费 复印纸 集中采购",
            ]
        );
        assert_eq!((rows[1].page, rows[3].page), (38, 39));
        assert_eq!(rows[3].lines, [(0, 39), (1, 39)]);
    }

    /// The last row's wrapped cells end on the next page, after the page's
    /// foot (`市级生态保护和污染防治` … `其他生态环境保护和治` / foot / `资金 理服务`):
    /// the rows are read as printed, the words after them handed back.
    #[test]
    fn words_after_the_last_row_are_handed_back() {
        let data = body(&[
            "市级生态保护和污染防治 其他支出 其他生态环境保护和治 分散采购 2,975.70 2,975.70",
            "苏州市生态环境局 2026 年度单位预算公开",
            " - 25 -",
            "资金 理服务",
        ]);
        let (rows, after) = rows_of(&data).expect("rows");
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].words[0], "市级生态保护和污染防治");
        assert_eq!(after.map(|a| a.words), Some(vec!["资金".to_string(), "理服务".to_string()]));
    }

    #[test]
    fn funds_by_source_give_their_total_where_a_source_is_not_told() {
        let header = [
            "资金来源",
            "采购品目大类 专项名称 经济科目 采购品目名称 采购组织形式 一般公共",
            "预算资金 政府性基金 其他资金 上年结转和",
            "结余资金 总计",
        ];
        let layout = layout(&header).expect("layout");
        assert_eq!(layout.labels[3], "采购品目名称");
        assert_eq!(
            layout.amounts,
            [
                "资金来源/一般公共预算资金",
                "资金来源/政府性基金",
                "资金来源/其他资金",
                "资金来源/上年结转和结余资金",
                "总计"
            ]
        );
        let data = body(&[
            "合计 4,931.43 5,164.00 10,095.43",
            "货物 349.62 349.62",
            "苏州市土地储",
            "备中心 11.90 11.90",
            "定额 办公费 复印纸 集中采购 2.00 2.00",
            "教育业务活动费用 其他商品和服",
            "务支出 台式计算机 集中采购机构",
            "采购 11.90 11.90",
            "设备维修维护费 维修（护）费 路由器 分散采购 1.00 2.00 3.00 4.00 10.00",
            "苏州市自然资源和规划局 2026 年度部门预算公开",
            " - 28 -",
            "定额 办公费 碎纸机 集中采购 0.50 0.50",
            "优化营商环境工作经费 其他商品和服",
            "务支出 其他咨询服务 160.00 160.00",
        ]);
        let economic: Vec<String> = ["办公费"].map(String::from).to_vec();
        let got = read_rows(&data, &economic, &layout);
        let u = UNREAD;
        let row = |c: [&str; 10]| c.map(String::from).to_vec();
        assert_eq!(
            got,
            [
                row(["合计", "", "", "", "", u, u, u, u, "10,095.43"]),
                row(["货物", "", "", "", "", u, u, u, u, "349.62"]),
                row(["苏州市土地储备中心", "", "", "", "", u, u, u, u, "11.90"]),
                row(["", "定额", "办公费", "复印纸", "集中采购", u, u, u, u, "2.00"]),
                row([
                    "",
                    "教育业务活动费用",
                    "其他商品和服务支出",
                    "台式计算机",
                    "集中采购机构采购",
                    u,
                    u,
                    u,
                    u,
                    "11.90"
                ]),
                row([
                    "",
                    "设备维修维护费",
                    "维修（护）费",
                    "路由器",
                    "分散采购",
                    "1.00",
                    "2.00",
                    "3.00",
                    "4.00",
                    "10.00"
                ]),
                row(["", "定额", "办公费", "碎纸机", "集中采购", u, u, u, u, "0.50"]),
                row(["", "优化营商环境工作经费", "其他商品和服务支出", "其他咨询服务", "", u, u, u, u, "160.00"]),
            ]
        );
        // Amounts that do not add up to their last are placed nowhere.
        let (odd, _) = rows_of(&body(&["定额 办公费 复印纸 集中采购 2.00 3.00"])).expect("rows");
        assert!(amounts(&odd[0], &layout, &[], None).is_none());
    }
}
