//! `code_name`: a classification code printed with the name of a
//! neighbouring code — a code shifted to the wrong row, which every sum
//! misses when the codes move among siblings of one total.
//!
//! A printed pair is flagged only on strong evidence, so that no document
//! that prints its own wording, an older year's names or a local scheme is
//! accused:
//! 1. the code is in the code book ([`crate::codebook`]) in the class the
//!    table uses (an unknown code is not checked);
//! 2. the printed name is none of the code's names, in any writing
//!    (`30212 因公出国(境)费` passes as `因公出国（境）费用`; `302 02 咨询费`,
//!    the 上海 local name, passes as printed by 上海 issuers);
//! 3. it is a name at least two issuers print for another code of the same
//!    class and level (`印刷费` is `30202`'s);
//! 4. and the rows beside it show the shift: that other code is printed on
//!    the coded row just above or below (`30201 印刷费` over `30202 咨询费`),
//!    or the row's own code is printed again there.
//!
//! Only failures are written: a passing pair confirms no amount, so
//! `confirmed` in `documents.csv` stays the share of amounts that passing
//! arithmetic checks vouch for.

use budget_model::{Check, CheckKind, CheckStatus, Row, Table, TableKey};

use crate::codebook::{book, Class, CodeBook, Reading};
use crate::ledger::Ledger;
use crate::sum::View;

/// Which classification a table's codes belong to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scheme {
    /// 功能分类 (codes `2…` of 3, 5 or 7 digits).
    Function,
    /// 经济分类: 部门 (`3…`) or 政府 (`5…`), 3 or 5 digits.
    Economic,
}

/// The scheme of `t`, from its label columns first, else its key:
/// `部门预算支出经济分类科目/科目编码` → economic, `功能分类科目/科目编码` →
/// function, `部门（单位）代码` or `单位编码` → unit codes (none);
/// `科目编码|科目名称` says nothing, and the key decides (一般公共预算基本
/// 支出表 → economic, 支出总表 → function). Mirrored by `scheme_of` in
/// `scripts/build_codebook.py`.
pub(crate) fn scheme(t: &Table) -> Option<Scheme> {
    let labels = t.label_columns.join("|");
    if labels.contains("经济") {
        return Some(Scheme::Economic);
    }
    if labels.contains("功能") {
        return Some(Scheme::Function);
    }
    if labels.contains("单位") || labels.contains("部门") {
        return None;
    }
    use TableKey::*;
    match t.key {
        ExpenseSummary
        | GeneralBudgetExpenseByFunction
        | FiscalExpenseByFunction
        | GovernmentFundExpense
        | StateCapitalExpense
        | IncomeSummary => Some(Scheme::Function),
        GeneralBudgetBasicExpenseByEconomic
        | FiscalBasicExpenseByEconomic
        | GeneralBudgetExpenseByEconomic
        | OfficeOperatingExpense
        | ProjectExpense => Some(Scheme::Economic),
        _ => None,
    }
}

/// The class of `code` in a table of `scheme`: `2010301` in a function
/// table is 功能; `30101` and `50101` in an economic table are 部门 and 政府.
pub(crate) fn class_of(scheme: Scheme, code: &str) -> Option<Class> {
    if code.is_empty() || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    match (scheme, code.as_bytes()[0], code.len()) {
        (Scheme::Function, b'2', 3 | 5 | 7) => Some(Class::Function),
        (Scheme::Economic, b'3', 3 | 5) => Some(Class::Departmental),
        (Scheme::Economic, b'5', 3 | 5) => Some(Class::Governmental),
        _ => None,
    }
}

/// One printed pair of a class: a row's code and name, or its second pair.
#[derive(Debug, Clone, Copy)]
struct Pair<'a> {
    class: Class,
    code: &'a str,
    name: &'a str,
    row: &'a Row,
}

/// The pairs of `t` in printed order, first pairs and second pairs (政府
/// beside 部门) in two sequences, each a list of neighbours.
fn sequences(t: &Table, scheme: Scheme) -> [Vec<Pair<'_>>; 2] {
    let first = t
        .rows
        .iter()
        .filter_map(|r| {
            let code = r.code.as_deref()?;
            Some(Pair { class: class_of(scheme, code)?, code, name: &r.name, row: r })
        })
        .collect();
    let second = t
        .rows
        .iter()
        .filter_map(|r| {
            let code = r.second_code.as_deref()?;
            Some(Pair { class: class_of(scheme, code)?, code, name: r.second_name.as_deref()?, row: r })
        })
        .collect();
    [first, second]
}

/// Adds a failing `code_name` check for every pair of `view`'s table whose
/// printed name belongs to a code beside it.
pub(crate) fn check(view: &View, ledger: &mut Ledger) {
    let Some(scheme) = scheme(view.table) else { return };
    for seq in sequences(view.table, scheme) {
        for i in 0..seq.len() {
            if let Some(detail) = mismatch(book(), &seq, i) {
                ledger.push(failure(view.table.key, &seq[i], detail));
            }
        }
    }
}

/// Why pair `i` of `seq` is wrong, or `None` when nothing shows it is.
fn mismatch(book: &CodeBook, seq: &[Pair], i: usize) -> Option<String> {
    let p = seq[i];
    let Reading::OtherCodes(others) = book.read(p.class, p.code, p.name) else { return None };
    let beside = [(i.checked_sub(1), "above"), (Some(i + 1), "below")]
        .into_iter()
        .filter_map(|(j, place)| Some((seq.get(j?)?, place)))
        .filter(|(q, _)| q.class == p.class);
    let shifted = beside.clone().find(|(q, _)| others.contains(&q.code));
    let repeated = beside.clone().find(|(q, _)| q.code == p.code);
    let shown = match (shifted, repeated) {
        (Some((q, place)), _) => format!("{} is printed on the coded row {place}", q.code),
        (None, Some((_, place))) => format!("{} is printed again on the coded row {place}", p.code),
        (None, None) => return None,
    };
    let issuers = |n: u32| if n == 1 { "1 issuer".to_string() } else { format!("{n} issuers") };
    let known: Vec<String> =
        book.names(p.class, p.code).iter().map(|k| format!("{} ({})", k.printed, issuers(k.issuers))).collect();
    Some(format!(
        "{} is printed with {}, which the code book knows as the name of {}, and {shown}; the code book knows {} as {}",
        p.code,
        p.name,
        others.join(", "),
        p.code,
        known.join(" / ")
    ))
}

/// The failing check of pair `p`.
fn failure(key: TableKey, p: &Pair, detail: String) -> Check {
    Check {
        check: CheckKind::CodeName,
        table_key: key,
        row_code: p.code.to_string(),
        row_name: p.name.to_string(),
        column: String::new(),
        expected: None,
        actual: None,
        difference: None,
        status: CheckStatus::Fail,
        page: p.row.page,
        detail,
    }
}

#[cfg(test)]
mod tests {
    use budget_model::{CheckKind, CheckStatus, Table, TableKey};

    use crate::testing::{checks, table, verdicts};

    /// A table of `key` printing `rows` as `(code, name)`, one amount each.
    fn printed(key: TableKey, rows: &[(&str, &str)]) -> Table {
        let rows: Vec<(&str, &str, &[&str])> = rows.iter().map(|(c, n)| (*c, *n, &["1.00"][..])).collect();
        table(key, &["合计"], &rows)
    }

    fn flagged(t: Table) -> Vec<String> {
        verdicts(&checks(vec![t]), CheckKind::CodeName)
            .into_iter()
            .map(|(code, _, status)| {
                assert_eq!(status, CheckStatus::Fail);
                code
            })
            .collect()
    }

    /// `(what, table, printed rows as (code, name), codes flagged)`.
    type Case = (&'static str, TableKey, &'static [(&'static str, &'static str)], &'static [&'static str]);

    #[test]
    fn only_a_name_of_the_code_beside_it_is_flagged() {
        use TableKey::*;
        let econ = GeneralBudgetBasicExpenseByEconomic;
        let cases: &[Case] = &[
            ("as printed", econ, &[("302", "商品和服务支出"), ("30201", "办公费"), ("30202", "印刷费")], &[]),
            ("other writings", econ, &[("30211", "差旅费"), ("30212", "因公出国(境)费"), ("30213", "维修(护)费")], &[]),
            (
                "codes moved up one row over a stretch",
                econ,
                &[("30202", "办公费"), ("30205", "印刷费"), ("30206", "水费"), ("30201", "电费")],
                &["30205", "30206", "30201"],
            ),
            ("a code printed twice", econ, &[("30201", "办公费"), ("30201", "住房公积金")], &["30201"]),
            ("another code's name, that code not beside", econ, &[("30201", "住房公积金"), ("30202", "印刷费")], &[]),
            ("a local name (上海 普陀)", econ, &[("30201", "办公费"), ("30202", "咨询费"), ("30203", "水费")], &[]),
            ("a name the book does not place", econ, &[("30201", "办公费"), ("30202", "自定印刷开支")], &[]),
            ("an unknown code", econ, &[("30201", "办公费"), ("30298", "办公费")], &[]),
            (
                "行政运行 is the name of every 款's first 项",
                ExpenseSummary,
                &[("2010301", "一般行政管理事务"), ("2010302", "行政运行")],
                &["2010301", "2010302"],
            ),
            (
                "an older year's name",
                ExpenseSummary,
                &[("20805", "行政事业单位离退休"), ("2080501", "行政单位离退休")],
                &[],
            ),
            ("a 款 beside its 类", ExpenseSummary, &[("221", "住房保障支出"), ("22102", "住房改革支出")], &[]),
            ("unit codes", GeneralBudgetExpenseByUnit, &[("301", "办公费"), ("30201", "工资福利支出")], &[]),
        ];
        for (what, key, rows, want) in cases {
            assert_eq!(flagged(printed(*key, rows)), *want, "{what}");
        }
    }

    #[test]
    fn the_label_columns_say_which_class_a_table_uses() {
        let rows = [("30201", "印刷费"), ("30202", "办公费")];
        let mut t = printed(TableKey::Other, &rows);
        assert!(flagged(t.clone()).is_empty(), "an other table without labels is not checked");
        t.label_columns = vec!["部门预算支出经济分类科目/科目编码".into(), "科目名称".into()];
        assert_eq!(flagged(t.clone()), vec!["30201", "30202"]);
        t.label_columns = vec!["单位编码".into(), "单位名称".into()];
        t.key = TableKey::ExpenseSummary;
        assert!(flagged(t).is_empty(), "unit codes are not classification codes");
    }

    #[test]
    fn the_detail_names_the_printed_name_and_the_known_ones() {
        let t = printed(TableKey::GeneralBudgetBasicExpenseByEconomic, &[("30201", "印刷费"), ("30202", "办公费")]);
        let found = checks(vec![t]);
        let c = found.iter().find(|c| c.check == CheckKind::CodeName).expect("a code_name failure");
        assert!(c.expected.is_none() && c.actual.is_none() && c.difference.is_none());
        assert!(c.detail.contains("30201 is printed with 印刷费"), "{}", c.detail);
        assert!(c.detail.contains("the code book knows 30201 as 办公费 ("), "{}", c.detail);
    }
}
