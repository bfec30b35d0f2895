//! Recognising table titles and what table they announce.

use budget_model::TableKey;

use crate::lex::table_number;
use crate::norm::{fullwidth_parens, squeeze};

/// A table title as printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Title {
    /// The number as printed (`1`, `5-1`, `01`), empty if none.
    pub no: String,
    /// The title text, spaces removed.
    pub text: String,
    /// What the title means.
    pub key: TableKey,
}

/// Longest line read as a title; longer lines are prose.
const MAX_TITLE_CHARS: usize = 64;

/// Reads a line as a table title: an optional number (`一、`, `表 5-1.`,
/// `公开02表：`, `附表4`), then a name that ends in `表`, optionally followed
/// by a parenthesised qualifier (`(分功能科目)`, `（续表）`).
/// Part headings (`第二部分 …预算表`) and table-of-contents lines
/// (`……… 5`) are not titles.
///
/// ```
/// use budget_parse::title::parse_title;
/// use budget_model::TableKey;
/// let t = parse_title("表 5-1.一般公共预算支出表(分功能科目)").unwrap();
/// assert_eq!((t.no.as_str(), t.key), ("5-1", TableKey::GeneralBudgetExpenseByFunction));
/// assert!(parse_title("第二部分 武昌区人民政府办公室 2024 年部门预算表").is_none());
/// ```
pub fn parse_title(line: &str) -> Option<Title> {
    let line = spaced_digits_joined(&squeeze(line));
    if line.chars().count() > MAX_TITLE_CHARS || is_toc_line(&line) || line.starts_with("第") && line.contains("部分")
    {
        return None;
    }
    let (no, rest) = match table_number(&line) {
        Some((no, rest)) => (no, rest.to_string()),
        None => (String::new(), line.clone()),
    };
    let name = strip_qualifier(&rest);
    if !name.ends_with('表') || name.chars().count() < 3 || name.contains('。') || name.contains('，') {
        return None;
    }
    if !looks_like_table_name(name) {
        return None;
    }
    Some(Title { no, key: classify(&rest), text: rest.trim().to_string() })
}

/// A year printed with its digits spaced out, as letter-spaced titles come
/// out of extracted text (`2 0 2 6年预算单位收入预算总表`), read as one number
/// (`2026年预算单位收入预算总表`): three or more single digits, one space
/// apart.
fn spaced_digits_joined(line: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::with_capacity(line.len());
    let mut i = 0;
    while i < chars.len() {
        let mut end = i;
        while chars.get(end).is_some_and(char::is_ascii_digit)
            && (end == i || chars[end - 1] == ' ')
            && !chars.get(end + 1).is_some_and(char::is_ascii_digit)
        {
            end += 2;
        }
        let digits = (end - i).div_ceil(2);
        let single = i == 0 || !chars[i - 1].is_ascii_digit();
        if digits >= 3 && single {
            let last = (i + 2 * (digits - 1)).min(chars.len() - 1);
            out.extend(chars[i..=last].iter().filter(|c| **c != ' '));
            i = last + 1;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

/// A line that is only a table's label: `附表2`, `公开01表`, `表一`, `公开表三`.
/// Templates print it above, below or beside the title; it gives the title
/// its number.
///
/// ```
/// use budget_parse::title::table_label;
/// assert_eq!(table_label("公开01表").as_deref(), Some("01"));
/// assert_eq!(table_label("附表 2").as_deref(), Some("2"));
/// assert_eq!(table_label("部门收支总表"), None);
/// ```
pub fn table_label(line: &str) -> Option<String> {
    let line = squeeze(line);
    let (no, rest) = table_number(&line)?;
    let looks_like_label = line.contains('表') && !line.contains('、') && !line.contains('.');
    (rest.trim().is_empty() && looks_like_label).then_some(no)
}

/// A line of a table of contents: leader dots, or a title followed by a page number.
pub(crate) fn is_toc_line(line: &str) -> bool {
    line.contains("……") || line.contains("....") || line.contains("···") || line.contains("．．．")
}

/// `一般公共预算支出表(分功能科目)` → `一般公共预算支出表`
fn strip_qualifier(s: &str) -> &str {
    let s = s.trim();
    for (open, close) in [('(', ')'), ('（', '）')] {
        if s.ends_with(close) {
            if let Some(i) = s.rfind(open) {
                return s[..i].trim_end();
            }
        }
    }
    s
}

/// A table name speaks of money or targets: 预算, 决算, 收入, 支出, 经费, 绩效,
/// 采购, 项目, 情况, 明细. This keeps lines such as `附表` or `目录表` out.
fn looks_like_table_name(name: &str) -> bool {
    ["预算", "决算", "收入", "支出", "收支", "经费", "绩效", "采购", "项目", "情况", "明细", "申报"]
        .iter()
        .any(|w| name.contains(w))
}

/// Tables a word of their own names, whatever else the title says; the
/// first that matches wins (`“三公”经费` before `机关运行经费`, which its
/// title may mention too).
const NAMED_BY_A_WORD: [(&str, TableKey); 6] = [
    ("三公", TableKey::ThreePublicExpense),
    ("政府采购", TableKey::GovernmentProcurement),
    ("机关运行经费", TableKey::OfficeOperatingExpense),
    ("政府性基金", TableKey::GovernmentFundExpense),
    ("国有资本经营", TableKey::StateCapitalExpense),
    ("项目支出", TableKey::ProjectExpense),
];

/// What table a title announces, by the meaning of its words, whatever the
/// template's exact wording (Wuhan, Shanghai, Jiangsu, 决算).
///
/// The order of the tests matters: the most specific words first
/// (`绩效自评` before `项目支出`, `“三公”经费` before `机关运行经费`, `政府性基金` before `收入支出`,
/// `基本支出` before `支出`).
pub fn classify(title: &str) -> TableKey {
    let t = fullwidth_parens(&squeeze(title));
    let has = |w: &str| t.contains(w);
    let any = |ws: &[&str]| ws.iter().any(|w| t.contains(w));
    if has("绩效") && has("自评") {
        return if any(&["整体", "部门整体"]) {
            TableKey::OverallPerformanceSelfEvaluation
        } else {
            TableKey::ProjectPerformanceSelfEvaluation
        };
    }
    if has("绩效目标") || has("项目申报表") || has("绩效指标") {
        return if any(&["整体", "部门整体"]) {
            TableKey::OverallPerformanceTargets
        } else {
            TableKey::ProjectPerformanceTargets
        };
    }
    if let Some(&(_, key)) = NAMED_BY_A_WORD.iter().find(|(w, _)| has(w)) {
        return key;
    }
    let two_sided = any(&["收支", "收入支出"]);
    if has("财政拨款") && two_sided {
        return TableKey::FiscalIncomeExpenseSummary;
    }
    if has("基本支出") {
        return if has("一般公共预算") || !has("财政拨款") {
            TableKey::GeneralBudgetBasicExpenseByEconomic
        } else {
            TableKey::FiscalBasicExpenseByEconomic
        };
    }
    if has("一般公共预算") && has("支出") {
        if any(&["分单位", "（单位）", "按单位"]) {
            return TableKey::GeneralBudgetExpenseByUnit;
        }
        if has("经济分类") && !has("功能") {
            return TableKey::GeneralBudgetExpenseByEconomic;
        }
        return TableKey::GeneralBudgetExpenseByFunction;
    }
    if has("财政拨款") && has("支出") {
        return TableKey::FiscalExpenseByFunction;
    }
    if two_sided {
        return TableKey::IncomeExpenseSummary;
    }
    if has("收入") {
        return TableKey::IncomeSummary;
    }
    if has("支出") {
        return TableKey::ExpenseSummary;
    }
    TableKey::Other
}

#[cfg(test)]
mod tests {
    #[test]
    fn spaced_year_digits_are_joined() {
        assert_eq!(spaced_digits_joined("2 0 2 6年预算单位收入预算总表"), "2026年预算单位收入预算总表");
        assert_eq!(spaced_digits_joined("2026年 1 2 表"), "2026年 1 2 表");
        assert_eq!(spaced_digits_joined("表 1 2 3"), "表 123");
        assert_eq!(spaced_digits_joined("12 34 56"), "12 34 56");
        let t = parse_title("2 0 2 6年预算单位收入预算总表").expect("a title");
        assert_eq!(t.text, "2026年预算单位收入预算总表");
    }

    use super::*;
    use TableKey::*;

    #[test]
    fn titles_of_many_templates_classify_by_meaning() {
        let cases = [
            ("一、部门收支总表", IncomeExpenseSummary),
            ("二、部门收入总表", IncomeSummary),
            ("三、部门支出总表", ExpenseSummary),
            ("四、财政拨款收支总表", FiscalIncomeExpenseSummary),
            ("表 5-1.一般公共预算支出表(分功能科目)", GeneralBudgetExpenseByFunction),
            ("表 5-2.一般公共预算支出表(分单位)", GeneralBudgetExpenseByUnit),
            ("六、一般公共预算基本支出表", GeneralBudgetBasicExpenseByEconomic),
            ("七、一般公共预算“三公”经费支出表", ThreePublicExpense),
            ("八、政府性基金预算支出表", GovernmentFundExpense),
            ("九、国有资本经营预算支出表", StateCapitalExpense),
            ("十、项目支出情况表", ProjectExpense),
            ("十一、整体支出绩效目标表", OverallPerformanceTargets),
            ("十二、项目支出绩效目标表", ProjectPerformanceTargets),
            ("表 12-1.乡村振兴工作经费项目申报表", ProjectPerformanceTargets),
            ("2025年部门财务收支预算总表", IncomeExpenseSummary),
            ("预算单位财务收支预算总表", IncomeExpenseSummary),
            ("2025年一般公共预算支出功能分类预算表", GeneralBudgetExpenseByFunction),
            ("2025年一般公共预算基本支出部门预算经济分类预算表", GeneralBudgetBasicExpenseByEconomic),
            ("2025年“三公”经费和机关运行经费预算表", ThreePublicExpense),
            ("政府性基金预算支出功能分类预算表", GovernmentFundExpense),
            ("公开02表：收入预算总表", IncomeSummary),
            ("财政拨款支出预算表（功能科目）", FiscalExpenseByFunction),
            ("财政拨款基本支出预算表（经济科目）", FiscalBasicExpenseByEconomic),
            ("一般公共预算支出经济分类表", GeneralBudgetExpenseByEconomic),
            ("机关运行经费支出预算表", OfficeOperatingExpense),
            ("政府采购支出预算表", GovernmentProcurement),
            ("收入支出决算总表", IncomeExpenseSummary),
            ("收入决算表", IncomeSummary),
            ("支出决算表", ExpenseSummary),
            ("财政拨款收入支出决算总表", FiscalIncomeExpenseSummary),
            ("一般公共预算财政拨款支出决算表", GeneralBudgetExpenseByFunction),
            ("一般公共预算财政拨款基本支出决算表", GeneralBudgetBasicExpenseByEconomic),
            ("财政拨款“三公”经费支出决算表", ThreePublicExpense),
            ("政府性基金预算财政拨款收入支出决算表", GovernmentFundExpense),
            ("国有资本经营预算财政拨款收入支出决算表", StateCapitalExpense),
            ("部门整体绩效自评表", OverallPerformanceSelfEvaluation),
            ("部门整体支出绩效自评表", OverallPerformanceSelfEvaluation),
            ("项目支出绩效自评表", ProjectPerformanceSelfEvaluation),
            ("附表9 2023年度项目支出绩效自评表", ProjectPerformanceSelfEvaluation),
            ("政府采购项目支出绩效自评表", ProjectPerformanceSelfEvaluation),
        ];
        for (title, key) in cases {
            let t = parse_title(title).unwrap_or_else(|| panic!("not a title: {title}"));
            assert_eq!(t.key, key, "{title}");
        }
    }

    #[test]
    fn prose_headings_and_contents_are_not_titles() {
        for line in [
            "第二部分 武昌区人民政府办公室 2024 年部门预算表",
            "八、政府性基金预算支出安排情况",
            "一、部门收支总表……………………5",
            "（一）机关运行经费情况",
            "2024 年部门收支总预算 1477.88 万元，比 2023 年预算减少 3615.34 万元，下降 70.98%，主要原因是减少了援助其他地区开支表",
        ] {
            assert!(parse_title(line).is_none(), "{line}");
        }
    }

    #[test]
    fn numbers_come_out_as_digits() {
        assert_eq!(parse_title("十、项目支出情况表").map(|t| t.no), Some("10".into()));
        assert_eq!(parse_title("部门收支总表").map(|t| t.no), Some(String::new()));
    }
}
