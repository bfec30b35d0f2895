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

use budget_model::{page_number, Table, TableKey};

use crate::lex::{amount, split_ordinal};
use crate::norm::squeeze;
use crate::raw::{RawColumn, RawRow, RawTable, Role};
use crate::text_table::BodyLine;

/// The header's columns, in printed order.
const COLUMNS: [&str; 6] = ["采购品目大类", "专项名称", "经济科目", "采购物品名称", "采购组织形式", "总计"];

/// Whether the header is this table's: every column's name, no other.
pub(crate) fn is_header(header: &[&str]) -> bool {
    let text = squeeze(&header.concat());
    let rest = COLUMNS.iter().fold(text.clone(), |t, c| t.replace(c, ""));
    COLUMNS.iter().all(|c| text.contains(c)) && rest.chars().count() <= 2
}

/// A way of buying (`政府集中采购`, `分散自行组织`, `部门集中采购`).
fn way_of_buying(cell: &str) -> bool {
    cell.chars().count() <= 8 && (cell.ends_with("采购") || cell.ends_with("组织"))
}

/// A category of purchases: `合计`, or an ordinal and 货物, 工程 or 服务
/// (`一、货物A`, `三、服务 C`).
pub(crate) fn category(cell: &str) -> bool {
    let (ordinal, rest) = split_ordinal(cell);
    cell == "合计" || (!ordinal.is_empty() && ["货物", "工程", "服务"].iter().any(|k| rest.starts_with(k)))
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

/// One row's label words (in printed order) and its amount.
struct Printed {
    words: Vec<String>,
    amount: String,
    page: u32,
}

/// The rows: the words up to each amount (a row's one amount ends it).
/// `None` when a line holds two amounts or words follow the last amount.
fn rows_of(data: &[BodyLine<'_>]) -> Option<Vec<Printed>> {
    let mut rows = Vec::new();
    let mut words: Vec<String> = Vec::new();
    let mut page = 0;
    // A page number where the table runs on to the next page is no word.
    for l in data.iter().filter(|l| page_number(l.text).is_none()) {
        if words.is_empty() {
            page = l.page;
        }
        for w in l.text.split_whitespace() {
            if amount(w).is_some() && w.contains('.') {
                if words.is_empty() {
                    return None;
                }
                rows.push(Printed { words: std::mem::take(&mut words), amount: w.to_string(), page });
                page = l.page;
            } else {
                words.push(w.to_string());
            }
        }
    }
    words.is_empty().then_some(rows)
}

/// A row's cells in [`COLUMNS`]' order (the amount last), as its level
/// fills them; `None` when its words do not read as one level.
fn cells(row: &Printed, economic: &[String]) -> Option<Vec<String>> {
    let mut out = vec![String::new(); COLUMNS.len()];
    out[5] = row.amount.clone();
    let joined = |ws: &[String]| squeeze(&ws.concat());
    let all = joined(&row.words);
    if category(&all) || category(&row.words[0]) && row.words.len() <= 2 {
        out[0] = all;
        return Some(out);
    }
    // The way of buying, wrapped in its cell or not (`分散自行组` / `织`); a
    // second way for the item above has no item of its own (the item's
    // cell merged over both rows).
    let n = row.words.len();
    if let Some(k) = (0..n).rev().find(|&k| way_of_buying(&joined(&row.words[k..]))) {
        out[3] = joined(&row.words[..k]);
        out[4] = joined(&row.words[k..]);
        return Some(out);
    }
    // A project and the economic item it is paid from: the item is the
    // longest run of last words that names one (in the document's economic
    // tables or the code book); else the last word, where the project is
    // the one word before it.
    let is_item = |name: &str| economic.iter().any(|e| e == name) || budget_check::is_economic_item_name(name);
    let known = (0..n).find(|&k| is_item(&joined(&row.words[k..])));
    match known {
        Some(0) => out[2] = all,
        Some(k) => {
            out[1] = joined(&row.words[..k]);
            out[2] = joined(&row.words[k..]);
        }
        None if row.words.len() == 2 => {
            out[1] = row.words[0].clone();
            out[2] = row.words[1].clone();
        }
        None => return None,
    }
    Some(out)
}

/// Reads the table when its header is this form's (see the module's
/// text); `false`, `raw` untouched, otherwise or when a row does not read.
pub(crate) fn read(raw: &mut RawTable, header: &[&str], data: &[BodyLine<'_>], earlier: &[Table]) -> bool {
    if raw.title.key != TableKey::GovernmentProcurement || !is_header(header) {
        return false;
    }
    let Some(rows) = rows_of(data) else { return false };
    let economic = economic_names(earlier);
    let Some(cells) = rows.iter().map(|r| cells(r, &economic)).collect::<Option<Vec<_>>>() else { return false };
    let roles = [Role::Text, Role::Name, Role::Text, Role::Name, Role::Text, Role::Amount];
    raw.columns = COLUMNS.iter().zip(roles).map(|(c, role)| RawColumn { path: c.to_string(), role }).collect();
    for (r, c) in rows.iter().zip(cells) {
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
        let rows = rows_of(&data).expect("rows");
        let got: Vec<Vec<String>> = rows.iter().map(|r| cells(r, &economic).expect("cells")).collect();
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
        let rows = rows_of(&body(&["某项目 某某 某物 5.00"])).expect("rows");
        assert!(cells(&rows[0], &[]).is_none());
        // Words after the last amount.
        assert!(rows_of(&body(&["培训费 16.00 会议费"])).is_none());
        assert!(is_header(&["采购品目大类 专项名称 经济科目 采购物品名称 采购组织形式 总计"]));
        assert!(!is_header(&["采购品目大类 专项名称 经济科目 采购物品名称 采购组织形式 总计 其中：中小企业"]));
    }
}
