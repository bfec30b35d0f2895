//! Rows broken by a page break.
//!
//! Word and LibreOffice let a table row split across pages: the part of a
//! wrapped cell that did not fit is printed at the top of the next page, in
//! the same column. An amount wrapped in a narrow column comes out as `2,7` /
//! `27.` at the foot of one page and `15` at the head of the next; a name's
//! last characters (`保障金支出`) the same. Such a fragment is no row: it
//! completes the row before it.

use crate::labels::split_code_name;
use crate::lex::amount;
use crate::norm::squeeze;
use crate::raw::{RawTable, Role};

/// Longest text fragment read as the end of the row above (a wrapped
/// name's last line); a longer text at the head of a page is a row.
const MAX_NAME_FRAGMENT: usize = 6;

/// Gives back to each row the end of its wrapped label that the row below
/// took: a label that opens with its code (`2080506-机关事业单位职业年金`)
/// has nothing printed before the code, so words before it
/// (`缴费支出2080506-…`) end the label of the row above, when that label opens
/// with a code too (北京 支出总表, names wrapped below their row).
pub(crate) fn return_wrapped_tails(raw: &mut RawTable) {
    let names: Vec<usize> = (0..raw.columns.len()).filter(|&c| raw.columns[c].role == Role::Name).collect();
    for c in names {
        for i in 1..raw.rows.len() {
            let Some((tail, rest)) = raw.rows[i].cells.get(c).and_then(|t| tail_before_code(t)) else { continue };
            let (tail, rest, page) = (tail.to_string(), rest.to_string(), raw.rows[i].page);
            let prev = &mut raw.rows[i - 1];
            if prev.page != page
                || !prev.cells.get(c).is_some_and(|t| tail_before_code(t).is_none() && opens_with_code(t))
            {
                continue;
            }
            prev.cells[c].push_str(&tail);
            raw.rows[i].cells[c] = rest;
        }
    }
}

/// `缴费支出2080506-机关事业单位职业年金` → (`缴费支出`, `2080506-…`): CJK
/// words, then a label that opens with its code.
fn tail_before_code(text: &str) -> Option<(&str, &str)> {
    let t = text.trim();
    let at = t.find(|c: char| c.is_ascii_digit())?;
    let (tail, rest) = t.split_at(at);
    let cjk = !tail.is_empty() && tail.chars().all(crate::norm::is_cjk);
    (cjk && opens_with_code(rest)).then_some((tail, rest))
}

/// A label that opens with its code (`2130306-水利工程运行与维护`), as
/// [`split_code_name`] reads one.
fn opens_with_code(text: &str) -> bool {
    split_code_name(text).is_some()
}

/// Joins each first row of a page that only completes the last row of the
/// page before ([`completes`]) to that row.
pub(crate) fn rejoin_page_breaks(raw: &mut RawTable) {
    let roles: Vec<Role> = raw.columns.iter().map(|c| c.role).collect();
    let mut i = 1;
    while i < raw.rows.len() {
        let (before, after) = raw.rows.split_at_mut(i);
        let (prev, next) = (&mut before[i - 1], &after[0]);
        if prev.page != next.page && completes(&prev.cells, &next.cells, &roles) {
            for (c, t) in next.cells.iter().enumerate() {
                if let Some(p) = prev.cells.get_mut(c) {
                    p.push_str(t.trim());
                }
            }
            raw.rows.remove(i);
        } else {
            i += 1;
        }
    }
}

/// True when `next`, the first row of a page, holds nothing but the ends of
/// cells of `prev`, the last row of the page before: no code; every amount
/// in it ends an amount `prev` left unfinished (`2,727.` + `15`, which
/// alone is no amount); every text ends a text `prev` holds, short, and
/// only in a row with no amount of its own or with completed amounts.
fn completes(prev: &[String], next: &[String], roles: &[Role]) -> bool {
    let mut any = false;
    for (c, t) in next.iter().enumerate() {
        let t = t.trim();
        if t.is_empty() {
            continue;
        }
        any = true;
        let p = prev.get(c).map_or("", |s| s.trim());
        let ok = match roles.get(c) {
            Some(Role::Amount) => unfinished_amount(p) && amount(&format!("{p}{t}")).is_some(),
            Some(Role::Name | Role::Text) => {
                !p.is_empty() && squeeze(t).chars().count() <= MAX_NAME_FRAGMENT && amount(t).is_none()
            }
            _ => false,
        };
        if !ok {
            return false;
        }
    }
    any
}

/// A cell text that reads as the start of an amount but not as one:
/// `2,727.`, `1,6`.
pub(crate) fn unfinished_amount(t: &str) -> bool {
    let t = squeeze(t);
    !t.is_empty()
        && amount(&t).is_none()
        && t.chars().all(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | '-'))
        && t.chars().next().is_some_and(|c| c.is_ascii_digit() || c == '-')
}

#[cfg(test)]
mod tests {
    use budget_model::TableKey;

    use super::*;
    use crate::raw::{RawColumn, RawRow};
    use crate::title::Title;

    fn table(rows: &[(&str, u32)]) -> RawTable {
        let title = Title { no: "3".into(), text: "部门支出总表".into(), key: TableKey::ExpenseSummary };
        let mut raw = RawTable::new(title);
        for (path, role) in
            [("科目编码", Role::Code), ("科目名称", Role::Name), ("合计", Role::Amount), ("基本支出", Role::Amount)]
        {
            raw.columns.push(RawColumn { path: path.into(), role });
        }
        raw.rows =
            rows.iter().map(|(row, page)| RawRow::new(row.split('|').map(str::to_string).collect(), *page)).collect();
        raw
    }

    fn rows(raw: &RawTable) -> Vec<String> {
        raw.rows.iter().map(|r| format!("{}@{}", r.cells.join("|"), r.page)).collect()
    }

    #[test]
    fn an_amount_and_a_name_finished_on_the_next_page_rejoin_their_row() {
        let mut raw = table(&[
            ("208|社会保障和就业支|2,727.|1,103.02", 1),
            ("|出|15|", 2),
            ("20802|民政管理事务|1,060.82|649.16", 2),
        ]);
        rejoin_page_breaks(&mut raw);
        assert_eq!(rows(&raw), ["208|社会保障和就业支出|2,727.15|1,103.02@1", "20802|民政管理事务|1,060.82|649.16@2"]);
    }

    /// 北京 支出总表 (nat_055 p. 6): `缴费支出` printed under
    /// `2080506-机关事业单位职业年金` came out before the next row's code.
    #[test]
    fn a_wrapped_label_end_taken_by_the_row_below_goes_back() {
        let mut raw = table(&[
            ("|2080506-机关事业单位职业年金|926.64|926.64", 6),
            ("|缴费支出2101101-行政单位医疗|556.42|556.42", 6),
            ("|2101102-事业单位医疗|9.07|9.07", 6),
        ]);
        return_wrapped_tails(&mut raw);
        assert_eq!(
            rows(&raw),
            [
                "|2080506-机关事业单位职业年金缴费支出|926.64|926.64@6",
                "|2101101-行政单位医疗|556.42|556.42@6",
                "|2101102-事业单位医疗|9.07|9.07@6"
            ]
        );
        // Words before a code under a row without a code stay.
        let mut raw = table(&[("|合计|1.00|1.00", 6), ("|护2130306-水利|1.00|1.00", 6)]);
        return_wrapped_tails(&mut raw);
        assert_eq!(rows(&raw)[1], "|护2130306-水利|1.00|1.00@6");
    }

    #[test]
    fn a_row_of_its_own_at_the_head_of_a_page_stays_a_row() {
        for head in ["|合计|15.00|15.00", "209|出|15|", "|出|15.00|", "|一般公共服务支出||"] {
            let mut raw = table(&[("208|社会保障和就业支|2,727.|1,103.02", 1), (head, 2)]);
            rejoin_page_breaks(&mut raw);
            assert_eq!(raw.rows.len(), 2, "{head}");
        }
        // A finished amount is not continued.
        let mut raw = table(&[("208|社会保障和就业支出|2,727.15|1,103.02", 1), ("|出|15|", 2)]);
        rejoin_page_breaks(&mut raw);
        assert_eq!(raw.rows.len(), 2);
    }
}
