//! The inventory of a document's standard tables: every table its 目录
//! announces and every title its body prints, and whether each was rebuilt,
//! printed empty, or printed but not rebuilt. A table that was dropped thus
//! stays visible, and so do the checks it takes away.

use budget_model::{InventoryEntry, InventoryStatus, Page, TableKey};

use crate::lex::amount;
use crate::norm::{fullwidth_parens, squeeze};
use crate::segment::Met;
use crate::title::{is_toc_line, parse_title, Title};

/// How many pages after the one headed `目录` may carry on its list.
const CONTENTS_PAGES_AFTER: usize = 2;

/// A line of a 目录 longer than this is prose, and its page no contents page.
const MAX_CONTENTS_LINE: usize = 48;

/// A standard table a 目录 lists: its title, the page of its line, and the
/// ordinal the line opens with as a number (`（一）收支总表` 1), which the
/// title's number keeps only where it is a table's (`一、部门收支总表`).
#[derive(Debug, Clone)]
pub(crate) struct Listed {
    pub title: Title,
    pub page: u32,
    pub ordinal: Option<u32>,
}

/// The inventory of a document: the standard tables its 目录 lists
/// (`listed`, as [`contents`] finds them), matched with the titles met in
/// the body (`met`), then the titles the 目录 does not list.
pub(crate) fn inventory(listed: &[Listed], met: &[Met]) -> Vec<InventoryEntry> {
    let toc_pages: Vec<u32> = listed.iter().map(|l| l.page).collect();
    let titles: Vec<&Title> = listed.iter().map(|l| &l.title).collect();
    let announced: Vec<(&Title, u32)> =
        listed.iter().filter(|l| !heads_a_group(&l.title, &titles)).map(|l| (&l.title, l.page)).collect();
    let titles: Vec<&Title> = met.iter().map(|m| &m.title).collect();
    // A title on a contents page that gave nothing is the list itself.
    let dropped = |m: &Met| {
        let prose = toc_pages.contains(&m.page) || is_reference(&m.title) || heads_a_group(&m.title, &titles);
        m.outcome == InventoryStatus::NotRebuilt && prose
    };
    let body = merged(met.iter().filter(|m| !dropped(m)));
    let mut claimed = vec![false; body.len()];
    let mut out = Vec::new();
    for (title, page) in announced {
        let entry = match claim(title, &body, &mut claimed) {
            Some(m) => entry(&m.title, m.page, true, m.outcome),
            None => entry(title, page, true, InventoryStatus::NotRebuilt),
        };
        out.push(entry);
    }
    let unclaimed = body.iter().zip(&claimed).filter(|(_, c)| !**c);
    out.extend(unclaimed.map(|(m, _)| entry(&m.title, m.page, false, m.outcome)));
    out
}

fn entry(title: &Title, page: u32, in_contents: bool, status: InventoryStatus) -> InventoryEntry {
    InventoryEntry { key: title.key, no: title.no.clone(), title: title.text.clone(), page, in_contents, status }
}

/// The body's standard titles, one for each table: the titles met more than
/// once under one name (a project form for each project, a table's title
/// printed again in the prose) merged, keeping the best outcome.
fn merged<'a>(met: impl Iterator<Item = &'a Met>) -> Vec<Met> {
    let mut out: Vec<Met> = Vec::new();
    for m in met.filter(|m| m.title.key != TableKey::Other) {
        match out.iter_mut().find(|o| o.title.key == m.title.key && name(&o.title) == name(&m.title)) {
            Some(o) if rank(m.outcome) > rank(o.outcome) => o.outcome = m.outcome,
            Some(_) => {}
            None => out.push(m.clone()),
        }
    }
    out
}

/// A title over the tables numbered below it: `五、一般公共预算支出表`
/// above `表 5-1.一般公共预算支出表(分功能科目)` and `表 5-2.…(分单位)`.
fn heads_a_group(title: &Title, titles: &[&Title]) -> bool {
    let prefix = format!("{}-", title.no);
    !title.no.is_empty() && !title.no.contains('-') && titles.iter().any(|t| t.no.starts_with(&prefix))
}

/// A line of prose that names a table, taken for a title:
/// `详见单位的项目绩效目标表`, `…办案费;二是《财政拨款支出预算表`.
fn is_reference(title: &Title) -> bool {
    ["详见", "见附", "《", "；", ";"].iter().any(|w| title.text.contains(w))
}

/// Rebuilt before empty before not rebuilt.
fn rank(outcome: InventoryStatus) -> u8 {
    match outcome {
        InventoryStatus::NotRebuilt => 0,
        InventoryStatus::Empty => 1,
        InventoryStatus::Rebuilt => 2,
    }
}

/// The body title a 目录 entry announces: one of its kind with the same
/// name, else with the same number, else the first of its kind left.
fn claim<'a>(title: &Title, body: &'a [Met], claimed: &mut [bool]) -> Option<&'a Met> {
    let free = |i: &usize| !claimed[*i] && body[*i].title.key == title.key;
    let same_name = (0..body.len()).filter(free).find(|i| name(&body[*i].title) == name(title));
    let numbered = |i: &usize| !title.no.is_empty() && body[*i].title.no == title.no;
    let same_no = || (0..body.len()).filter(free).find(numbered);
    let i = same_name.or_else(same_no).or_else(|| (0..body.len()).find(free))?;
    claimed[i] = true;
    Some(&body[i])
}

/// A title's name for matching: without a leading year (`2026年`), a
/// `（续表）`, spaces, and with one kind of parentheses. The forms of one
/// kind are one entry, whatever their captions (a project form's title
/// often carries words of the cell beside it).
pub(crate) fn name(title: &Title) -> String {
    if title.key.is_form() {
        return String::new();
    }
    let t = fullwidth_parens(&squeeze(&title.text));
    let t = match t.find('年') {
        Some(i) if i > 0 && t[..i].chars().all(|c| c.is_ascii_digit()) => t[i + '年'.len_utf8()..].to_string(),
        _ => t,
    };
    t.replace("（续表）", "").replace("续表", "")
}

/// The standard tables the 目录 lists, each with the page of its line: the
/// lines with leader dots anywhere, and the lines under a `目录` heading to
/// the end of its page and of the pages after it that carry on the list.
pub(crate) fn contents(pages: &[Page]) -> Vec<Listed> {
    let mut out: Vec<Listed> = Vec::new();
    // The pages since the heading, those of one line not counted: a text
    // marks a page at each line that begins with a space, as an indented
    // entry of the list does (`    3. 2026年预算单位支出预算总表`).
    let mut after_heading: Option<usize> = None;
    for page in pages {
        let heading = page.lines.iter().position(|l| is_contents_heading(&l.text));
        let one_line = page.lines.iter().filter(|l| !l.text.trim().is_empty()).count() <= 1;
        // The lines that list: from just after the heading to the page's
        // end; on a page after it, the lines that open it as a list does
        // (where the text marks no page break between the list's end and
        // the text after it, the list ends there).
        let listed = match heading {
            Some(at) => {
                after_heading = Some(0);
                at + 1..page.lines.len()
            }
            None if after_heading.is_some_and(|n| n < CONTENTS_PAGES_AFTER || one_line) => {
                let run = page.lines.iter().take_while(|l| listing_line(&squeeze(&l.text))).count();
                let whole = page.lines[run..].iter().all(|l| l.text.trim().is_empty());
                after_heading = match (whole, one_line) {
                    (true, true) => after_heading,
                    (true, false) => after_heading.map(|n| n + 1),
                    (false, _) => None,
                };
                0..run
            }
            None => {
                after_heading = None;
                0..0
            }
        };
        for (j, line) in page.lines.iter().enumerate() {
            if !listed.contains(&j) && !is_toc_line(&squeeze(&line.text)) {
                continue;
            }
            let Some(title) = contents_entry(&line.text) else { continue };
            if !out.iter().any(|l| l.title.key == title.key && name(&l.title) == name(&title)) {
                out.push(Listed { title, page: page.number, ordinal: ordinal_value(&line.text) });
            }
        }
    }
    out
}

/// The value of the list ordinal a line opens with: `（一）收支总表` 1,
/// `十二、…` 12, `3.…` 3.
fn ordinal_value(line: &str) -> Option<u32> {
    let squeezed = squeeze(line);
    let (ordinal, _) = crate::lex::split_ordinal(&squeezed);
    let bare =
        ordinal.trim_matches(|c: char| matches!(c, '（' | '）' | '(' | ')' | '、' | '.' | '．') || c.is_whitespace());
    crate::lex::cn_number(bare)
}

/// `目录`, `目 录`.
fn is_contents_heading(text: &str) -> bool {
    squeeze(text) == "目录"
}

/// A line of a 目录 carried on over a page: short, without a sentence or
/// a figure (page numbers aside); a blank line too.
fn listing_line(t: &str) -> bool {
    t.chars().count() <= MAX_CONTENTS_LINE
        && !t.contains(['。', '，', '：'])
        && !t.split_whitespace().any(|w| w.contains('.') && amount(w).is_some())
}

/// A standard table listed on a line of a 目录, its leader dots and page
/// number taken off: `一、部门收支总表……………………5`,
/// `5. 2026年预算单位一般公共预算支出功能分类预算表`.
fn contents_entry(line: &str) -> Option<Title> {
    let t = squeeze(line);
    // A full stop after the entry's number is no leader (`5． 2026年…`).
    let number = t.find(|c: char| !c.is_ascii_digit()).filter(|&i| i > 0 && t[i..].starts_with('．'));
    let t = number.map_or(t.as_str(), |i| &t[i + '．'.len_utf8()..]).trim_start();
    let cut = t.find(['…', '·', '．']).or_else(|| t.find("..")).unwrap_or(t.len());
    let t = t[..cut].trim_end_matches(|c: char| c.is_ascii_digit() || c.is_whitespace() || c == '.');
    parse_title(t).filter(|title| title.key != TableKey::Other)
}

#[cfg(test)]
mod tests {
    use budget_model::Line;

    use super::*;

    fn page(number: u32, lines: &[&str]) -> Page {
        Page { lines: lines.iter().map(|l| Line::text(*l)).collect(), ..Page::new(number) }
    }

    fn met(line: &str, page: u32, outcome: InventoryStatus) -> Met {
        Met { title: parse_title(line).expect("a title"), page, outcome }
    }

    #[test]
    fn contents_lines_give_their_tables() {
        let cases = [
            ("一、部门收支总表……………………5", Some((TableKey::IncomeExpenseSummary, "1"))),
            // `5.2026年…` once squeezed: the number is not told from the year.
            ("5. 2026年预算单位一般公共预算支出功能分类预算表", Some((TableKey::GeneralBudgetExpenseByFunction, ""))),
            // A full-width full stop after the number.
            ("6． 2026年预算单位政府性基金预算支出功能分类预算表", Some((TableKey::GovernmentFundExpense, ""))),
            ("（七）一般公共预算支出表（按功能分类）", Some((TableKey::GeneralBudgetExpenseByFunction, ""))),
            ("八、财政拨款安排的行政经费及“三公”经费预算表 12", Some((TableKey::ThreePublicExpense, "8"))),
            ("五、单位预算表", None),
            ("第二部分 2026年部门预算表", None),
            ("三、名词解释……………………20", None),
        ];
        for (line, want) in cases {
            let got = contents_entry(line).map(|t| (t.key, t.no));
            assert_eq!(got.as_ref().map(|(k, n)| (*k, n.as_str())), want, "{line}");
        }
        let places =
            ["（七）一般公共预算支出表", "十二、部门收支总表", "3. 支出总表", "部门收支总表"].map(ordinal_value);
        assert_eq!(places, [Some(7), Some(12), Some(3), None]);
    }

    /// nat_060: the 目录 runs over two pages, the second without a heading.
    #[test]
    fn a_contents_list_carries_on_over_the_next_page() {
        let p2 = page(2, &["目 录", "一、文字部分", "第一部分 部门概况"]);
        let p3 = page(3, &["二、表格部分", "（一）收支总表", "（二）收入总表"]);
        let p4 = page(4, &["一、文字部分", "本部门2026年收入预算1,234.56万元，比上年增加。", "（三）支出总表"]);
        let keys: Vec<(TableKey, u32)> = contents(&[p2, p3, p4]).iter().map(|l| (l.title.key, l.page)).collect();
        assert_eq!(keys, [(TableKey::IncomeExpenseSummary, 3), (TableKey::IncomeSummary, 3)]);
    }

    /// The list carried on over the next page runs into the text after it,
    /// no page break marked between: the lines that open the page list.
    #[test]
    fn a_list_run_into_the_text_after_it_ends_there() {
        let p1 = page(1, &["目 录", "一、文字部分", "第一部分 部门概况"]);
        let p2 = page(
            2,
            &[
                "二、表格部分",
                "（一）收支总表",
                "（二）收入总表",
                "一、文字部分",
                "深圳市某某办公室的主要职能是：1.贯彻执行国家、省、市有关法律。",
                "（三）支出总表",
            ],
        );
        let keys: Vec<(TableKey, u32)> = contents(&[p1, p2]).iter().map(|l| (l.title.key, l.page)).collect();
        assert_eq!(keys, [(TableKey::IncomeExpenseSummary, 2), (TableKey::IncomeSummary, 2)]);
    }

    /// A text that marks a page at each indented line gives each entry a
    /// page of its own: those pages do not count toward the pages the list
    /// may carry on over.
    #[test]
    fn entries_on_pages_of_one_line_carry_on_the_list() {
        let mut pages = vec![page(1, &["目  录", "五、单位预算表"])];
        let entries = [
            "1.  2026年预算单位财务收支预算总表",
            "2.  2026年预算单位收入预算总表",
            "3.  2026年预算单位支出预算总表",
            "4.  2026年预算单位财政拨款收支预算总表",
            "5． 2026年预算单位一般公共预算支出功能分类预算表",
        ];
        pages.extend(entries.iter().zip(2..).map(|(e, n)| page(n, &[e])));
        pages.push(page(7, &["上海市某某中心设在上海市某某局。", "（三）支出总表"]));
        let keys: Vec<(TableKey, u32)> = contents(&pages).iter().map(|l| (l.title.key, l.page)).collect();
        assert_eq!(
            keys,
            [
                (TableKey::IncomeExpenseSummary, 2),
                (TableKey::IncomeSummary, 3),
                (TableKey::ExpenseSummary, 4),
                (TableKey::FiscalIncomeExpenseSummary, 5),
                (TableKey::GeneralBudgetExpenseByFunction, 6),
            ]
        );
    }

    #[test]
    fn announced_tables_are_matched_with_what_the_body_gave() {
        let pages = [
            page(
                2,
                &["目录", "一、部门收支总表", "二、部门收入总表", "九、国有资本经营预算支出表", "十、政府采购预算表"],
            ),
            page(5, &["部门收支总表"]),
        ];
        let met = [
            met("一、部门收支总表", 2, InventoryStatus::NotRebuilt),
            met("二、部门收入总表", 2, InventoryStatus::NotRebuilt),
            met("部门收支总表", 5, InventoryStatus::Rebuilt),
            met("部门收入总表", 6, InventoryStatus::NotRebuilt),
            met("国有资本经营预算支出表", 8, InventoryStatus::Empty),
            met("一般公共预算“三公”经费支出表", 9, InventoryStatus::Rebuilt),
        ];
        let got: Vec<(TableKey, u32, bool, InventoryStatus)> =
            inventory(&contents(&pages), &met).iter().map(|e| (e.key, e.page, e.in_contents, e.status)).collect();
        use InventoryStatus::*;
        use TableKey::*;
        assert_eq!(
            got,
            [
                (IncomeExpenseSummary, 5, true, Rebuilt),
                (IncomeSummary, 6, true, NotRebuilt),
                (StateCapitalExpense, 8, true, Empty),
                (GovernmentProcurement, 2, true, NotRebuilt),
                (ThreePublicExpense, 9, false, Rebuilt),
            ]
        );
    }

    #[test]
    fn group_headings_and_prose_are_not_tables() {
        let met = [
            met("五、一般公共预算支出表", 8, InventoryStatus::NotRebuilt),
            met("表 5-1.一般公共预算支出表(分功能科目)", 8, InventoryStatus::Rebuilt),
            met("表 5-2.一般公共预算支出表(分单位)", 9, InventoryStatus::Rebuilt),
            met("详见单位的项目绩效目标表", 22, InventoryStatus::NotRebuilt),
            met("省检察院本级划转240万元办案费;二是《财政拨款支出预算表", 28, InventoryStatus::NotRebuilt),
        ];
        let got: Vec<String> = inventory(&[], &met).into_iter().map(|e| e.no).collect();
        assert_eq!(got, ["5-1", "5-2"]);
    }

    #[test]
    fn a_title_met_again_keeps_its_best_outcome() {
        let met = [
            met("十二、项目支出绩效目标表", 20, InventoryStatus::Rebuilt),
            met("十二、项目支出绩效目标表", 21, InventoryStatus::NotRebuilt),
            met("2026年部门收支总表", 3, InventoryStatus::NotRebuilt),
            met("部门收支总表（续表）", 4, InventoryStatus::Rebuilt),
        ];
        let got: Vec<InventoryStatus> = inventory(&[], &met).iter().map(|e| e.status).collect();
        assert_eq!(got, [InventoryStatus::Rebuilt, InventoryStatus::Rebuilt]);
    }
}
