//! Placing a text row's amounts in the columns of a known table by
//! arithmetic.
//!
//! Text without positions leaves no mark for a blank cell: the row
//! `2010302 一般行政管理事务 1762.80 1762.80` of a table with the columns
//! 合计 / 基本支出 (小计, 人员经费, 公用经费) / 项目支出 carries two amounts for
//! five columns. The standard tables of the family have known column sets
//! and known sums (合计 = 基本支出 + 项目支出, 小计 = 人员经费 + 公用经费);
//! the header's words tell which columns the table prints, whatever their
//! order in the text. A row's amounts keep their printed order, so each
//! reading is a choice of columns; a reading is taken where every sum of the
//! row holds under it and under no other. Cells on which all the readings
//! that hold agree are taken even when several hold; the others stay blank.

use std::collections::HashMap;

use budget_model::{Cell, ColumnKind, Decimal, Section, Table, TableKey};

use crate::lex::amount;
use crate::norm::{is_total_word, squeeze};
use crate::raw::UNREAD;
use crate::text_caps::{fiscal_carry_over, narrow_by_caps, side_items};

/// The rounding a sum may carry: a cent for each of `n` amounts rounded
/// apart from the one they sum to.
pub(crate) fn cents(n: usize) -> Decimal {
    Decimal::new(n as i64, 2)
}

/// A known column set: amount column paths in printed order, and the sums
/// among them (`(total, parts)`: column `total` = Σ columns `parts`).
#[derive(Debug, Clone)]
pub(crate) struct Template {
    /// Column paths (`基本支出/人员经费`).
    pub paths: Vec<String>,
    /// `(total, parts)` index sums.
    pub sums: Vec<(usize, Vec<usize>)>,
}

/// A candidate column: its path, the words the header must contain for the
/// table to print it, and the group whose parts it belongs to.
struct Slot {
    path: &'static str,
    words: &'static [&'static str],
}

/// The fund columns of 部门收入总表, in printed order, each with the words
/// that name it in a header (`一般公共预算`, or cut as `一般公共`).
const INCOME_SOURCES: &[Slot] = &[
    Slot { path: "本年收入/一般公共预算", words: &["一般公共预算"] },
    Slot { path: "本年收入/政府性基金预算", words: &["政府性基金"] },
    Slot { path: "本年收入/国有资本经营预算", words: &["国有资本经营"] },
    Slot { path: "本年收入/财政专户管理资金", words: &["财政专户"] },
    Slot { path: "本年收入/事业收入", words: &["事业收入"] },
    Slot { path: "本年收入/事业单位经营收入", words: &["经营收入"] },
    Slot { path: "本年收入/上级补助收入", words: &["上级补助"] },
    Slot { path: "本年收入/附属单位上缴收入", words: &["附属单位"] },
    Slot { path: "本年收入/其他收入", words: &["其他收入"] },
];

/// The column set of the table `key` whose header reads `header`
/// (squeezed), when the family has one that fits its words.
///
/// `合计基本支出项目支出小计人员经费公用经费` under 一般公共预算支出表 is
/// 合计 / 基本支出/小计 / 基本支出/人员经费 / 基本支出/公用经费 / 项目支出.
pub(crate) fn template(key: TableKey, header: &str) -> Option<Template> {
    standard_template(key, header).map(|t| budget_and_final(header, two_years(header, t)))
}

/// `current` printed once for each of two years, the earlier first, where
/// the header names both years' budgets over the whole column set
/// (`2025年预算数 2026年预算数` / `合计 因公出国（境）费 … 合计 因公出国（境）费
/// …`: every column's word printed twice). `current` as it is otherwise
/// (one year, or the year before as one column: [`after_prior_year`]).
fn two_years(header: &str, current: Template) -> Template {
    let Some((before, year)) = two_budget_years(header) else { return current };
    let leaf = |p: &String| p.rsplit('/').next().unwrap_or(p).to_string();
    if !current.paths.iter().all(|p| header.matches(leaf(p).as_str()).count() >= 2) {
        return current;
    }
    let n = current.paths.len();
    let paths =
        [before, year].iter().flat_map(|y| current.paths.iter().map(move |p| format!("{y}年预算数/{p}"))).collect();
    let sums = (0..2)
        .flat_map(|k| current.sums.iter().map(move |(t, parts)| (t + k * n, parts.iter().map(|p| p + k * n).collect())))
        .collect();
    Template { paths, sums }
}

/// `current` with each column printed twice, its budget and its final
/// account (`预算数 决算数`), where the header prints the pair under every
/// column: a 决算's 三公 table (`合计 因公出国（境）费 …` / `预算数 决算数
/// 预算数 决算数 …`). `current` as it is otherwise.
fn budget_and_final(header: &str, current: Template) -> Template {
    let n = current.paths.len();
    if let Some(groups) = budget_then_final(header, &current) {
        return groups;
    }
    if header.matches("预算数").count() != n || header.matches("决算数").count() != n {
        return current;
    }
    let paths = current.paths.iter().flat_map(|p| [format!("{p}/预算数"), format!("{p}/决算数")]).collect();
    let sums = current
        .sums
        .iter()
        .flat_map(|(total, parts)| {
            (0..2).map(move |k| (total * 2 + k, parts.iter().map(|p| p * 2 + k).collect::<Vec<_>>()))
        })
        .collect();
    Template { paths, sums }
}

/// `current` printed once under `预算数` and once under `决算数`, in the
/// order the header names them, where it names each once and every
/// column's word twice: a 决算's 三公 table after the national form
/// (`预算数 决算数` / `合计 因公出国（境）费 公务用车购置及运行费 公务接待费 合计 …`).
fn budget_then_final(header: &str, current: &Template) -> Option<Template> {
    let (budget, outturn) = (header.find("预算数")?, header.find("决算数")?);
    let leaf = |p: &String| p.rsplit('/').next().unwrap_or(p).to_string();
    let once = header.matches("预算数").count() == 1 && header.matches("决算数").count() == 1;
    if !once || !current.paths.iter().all(|p| header.matches(leaf(p).as_str()).count() >= 2) {
        return None;
    }
    let groups = if budget < outturn { ["预算数", "决算数"] } else { ["决算数", "预算数"] };
    let n = current.paths.len();
    let paths = groups.iter().flat_map(|g| current.paths.iter().map(move |p| format!("{g}/{p}"))).collect();
    let sums = (0..2)
        .flat_map(|k| current.sums.iter().map(move |(t, parts)| (t + k * n, parts.iter().map(|p| p + k * n).collect())))
        .collect();
    Some(Template { paths, sums })
}

fn standard_template(key: TableKey, header: &str) -> Option<Template> {
    let has = |w: &str| header.contains(w);
    let t = |paths: &[&str], sums: &[(usize, &[usize])]| Template {
        paths: paths.iter().map(|p| p.to_string()).collect(),
        sums: sums.iter().map(|(t, p)| (*t, p.to_vec())).collect(),
    };
    match key {
        TableKey::GeneralBudgetExpenseByFunction
        | TableKey::GeneralBudgetExpenseByUnit
        | TableKey::FiscalExpenseByFunction
            if has("人员经费") && has("公用经费") && has("项目支出") =>
        {
            let total = total_word(header)?;
            let current = t(
                &[total, "基本支出/小计", "基本支出/人员经费", "基本支出/公用经费", "项目支出"],
                &[(0, &[1, 4]), (1, &[2, 3])],
            );
            Some(after_prior_year(header, current))
        }
        TableKey::FiscalExpenseByFunction
            if has("一般公共预算拨款") && has("政府性基金预算拨款") && !has("人员经费") && !has("项目支出") =>
        {
            by_fund_template(header)
        }
        TableKey::GeneralBudgetExpenseByFunction | TableKey::FiscalExpenseByFunction
            if has("执行数") && has("增减额") && has("基本支出") && !has("人员经费") =>
        {
            executed_and_budget_template(header)
        }
        TableKey::GeneralBudgetExpenseByFunction | TableKey::FiscalExpenseByFunction
            if has("基本支出") && has("项目支出") && !has("人员经费") =>
        {
            spent_by_use_template(header)
        }
        TableKey::ExpenseSummary if has("基本支出") && has("项目支出") && has("单位预留机动经费") => {
            // `合计 基本支出 项目支出 单位预留机动经费 结转下年资金`: what the
            // department keeps in reserve and carries over are parts of 合计.
            let mut paths = vec!["合计", "基本支出", "项目支出", "单位预留机动经费"];
            if has("结转下年资金") {
                paths.push("结转下年资金");
            }
            let parts: Vec<usize> = (1..paths.len()).collect();
            Some(t(&paths, &[(0, &parts)]))
        }
        TableKey::ExpenseSummary
            if has("合计")
                && has("基本支出")
                && has("项目支出")
                && UNIT_OUTLAYS.iter().all(|w| has(w))
                && !has("人员经费") =>
        {
            Some(unit_outlays_template())
        }
        TableKey::GovernmentFundExpense | TableKey::StateCapitalExpense
            if has("年初结转和结余")
                && has("本年收入")
                && has("年末结转和结余")
                && has("基本支出")
                && has("项目支出") =>
        {
            Some(carried_fund_template(header))
        }
        TableKey::ExpenseSummary | TableKey::GovernmentFundExpense | TableKey::StateCapitalExpense
            if has("基本支出") && has("项目支出") && !has("人员经费") =>
        {
            // The total as printed: `合计`, or `支出总计` where no 合计 is.
            let total = ["合计", "支出总计", "总计"].into_iter().find(|w| has(w))?;
            Some(t(&[total, "基本支出", "项目支出"], &[(0, &[1, 2])]))
        }
        TableKey::GeneralBudgetBasicExpenseByEconomic | TableKey::FiscalBasicExpenseByEconomic
            if has("人员经费") && has("公用经费") && !has("项目支出") =>
        {
            let total = total_word(header)?;
            // The group heading the columns, as printed.
            let group = ["本年一般公共预算基本支出", "本年财政拨款基本支出"]
                .into_iter()
                .find(|g| has(g))
                .map(|g| format!("{g}/"))
                .unwrap_or_default();
            Some(t(
                &[&format!("{group}{total}"), &format!("{group}人员经费"), &format!("{group}公用经费")],
                &[(0, &[1, 2])],
            ))
        }
        // Shenzhen's 基本支出总表: economic items by source, as 项目支出总表.
        TableKey::GeneralBudgetBasicExpenseByEconomic | TableKey::FiscalBasicExpenseByEconomic => {
            by_source_template(header)
        }
        TableKey::IncomeSummary => income_template(header),
        // 重庆's 政府采购预算明细表 by source: `项目编号 项目 总计 一般公共预算拨款收入 …`,
        // the columns of 部门收入总表's sources under their total.
        TableKey::GovernmentProcurement => {
            sources_under_total(&header.replacen("项目编号", "", 1).replacen("项目", "", 1))
        }
        TableKey::ProjectExpense => project_template(header),
        TableKey::ThreePublicExpense
            if has("因公出国") && has("公务用车购置费") && has("公务用车运行维护费") && has("公务接待费") =>
        {
            three_public_upkeep_template(header)
        }
        TableKey::ThreePublicExpense
            if has("因公出国") && has("公务用车购置费") && has("公务用车运行费") && has("公务接待费") =>
        {
            // The total as printed: `“三公”经费合计`, or a bare `合计`.
            let total = if has("三公") { "“三公”经费合计" } else { "合计" };
            let mut paths = vec![
                total,
                "因公出国（境）费",
                "公务用车购置及运行费/小计",
                "公务用车购置及运行费/公务用车购置费",
                "公务用车购置及运行费/公务用车运行费",
                "公务接待费",
            ];
            paths.extend(meetings_after(header, header.find("公务接待费")));
            Some(t(&paths, &[(0, &[1, 2, 5]), (2, &[3, 4])]))
        }
        TableKey::ThreePublicExpense
            if has("“三公”经费预算数")
                && has("机关运行经费预算数")
                && has("因公出国")
                && has("公务接待费")
                && has("小计购置费运行费") =>
        {
            Some(three_public_budget_template(header))
        }
        _ => None,
    }
}

/// The two years whose budgets the header names (`2025年预算数 2026年预算数`),
/// where it names two, the earlier first and the later the next year.
fn two_budget_years(header: &str) -> Option<(u32, u32)> {
    let years: Vec<u32> = header
        .match_indices("年预算数")
        .filter_map(|(at, _)| header.get(at.checked_sub(4)?..at)?.parse().ok())
        .collect();
    match years[..] {
        [before, year] if before + 1 == year => Some((before, year)),
        _ => None,
    }
}

/// `current` after a column of the year before, where the header prints
/// two years' budgets, the earlier first (`2025年预算数 2026年预算数 总计
/// 基本支出 项目支出 …`): the year before's budget is one column of no sum,
/// the columns of `current` the group of the later year's. `current` as
/// it is otherwise.
fn after_prior_year(header: &str, current: Template) -> Template {
    let Some((before, year)) = two_budget_years(header) else { return current };
    let mut paths = vec![format!("{before}年预算数")];
    paths.extend(current.paths.iter().map(|p| format!("{year}年预算数/{p}")));
    let sums = current.sums.iter().map(|(total, parts)| (total + 1, parts.iter().map(|p| p + 1).collect())).collect();
    Template { paths, sums }
}

/// 一般公共预算支出表 set beside the year before's outturn (中央部门 budgets):
/// `2025年执行数` (执行数, 扣除中央基建投资后执行数), `2026年预算数` (年初预算数's
/// 小计 基本支出 项目支出, 扣除中央基建投资后预算数), and the change from one
/// to the other, in all and without central capital investment (增减额, and
/// 增减(%), a ratio no sum holds, which the reader leaves out). 小计 =
/// 基本支出 + 项目支出 = 执行数 + 增减额; 扣除…后预算数 = 扣除…后执行数 + 增减额.
/// `None` unless the header names every column so.
fn executed_and_budget_template(header: &str) -> Option<Template> {
    let year_of = |word: &str| {
        let at = header.find(word)?;
        header.get(at.checked_sub(4)?..at)?.parse::<u32>().ok()
    };
    let (before, year) = (year_of("年执行数")?, year_of("年预算数")?);
    let words = ["扣除中央基建投资后执行数", "年初预算数", "小计", "项目支出", "扣除中央基建投资后预算数"];
    if before + 1 != year || !words.iter().all(|w| header.contains(w)) || header.matches("增减额").count() != 2 {
        return None;
    }
    let done = format!("{before}年执行数");
    let budget = format!("{year}年预算数");
    let change = format!("{year}年预算数比{before}年执行数");
    let paths = [
        format!("{done}/执行数"),
        format!("{done}/扣除中央基建投资后执行数"),
        format!("{budget}/年初预算数/小计"),
        format!("{budget}/年初预算数/基本支出"),
        format!("{budget}/年初预算数/项目支出"),
        format!("{budget}/扣除中央基建投资后预算数"),
        format!("{change}/增减额"),
        format!("{change}（扣除中央基建投资）/增减额"),
    ];
    Some(Template { paths: paths.to_vec(), sums: vec![(2, vec![3, 4]), (2, vec![0, 6]), (5, vec![1, 7])] })
}

/// A 决算's fund table by function (政府性基金 or 国有资本经营预算财政拨款收入支出决算表):
/// `年初结转和结余 本年收入 本年支出 年末结转和结余`, 本年支出 split as `小计
/// 基本支出 项目支出` (`合计` where printed so): 小计 = 基本支出 + 项目支出.
/// What came in and what was carried (年初 + 本年收入 = 本年支出 + 年末) is no
/// sum of one column's parts; the tables before it tell those columns
/// apart ([`known_totals`], `text_caps::row_caps`).
fn carried_fund_template(header: &str) -> Template {
    let spent = if header.contains("小计") { "本年支出/小计" } else { "本年支出/合计" };
    let paths = ["年初结转和结余", "本年收入", spent, "本年支出/基本支出", "本年支出/项目支出", "年末结转和结余"];
    Template { paths: paths.iter().map(|p| p.to_string()).collect(), sums: vec![(2, vec![3, 4])] }
}

/// A function table of the year's spending by use alone: `合计 基本支出
/// 项目支出`, or a 决算's `本年支出` over `小计 基本支出 项目支出` (the heading
/// printed before or after its leaves): the total = 基本支出 + 项目支出.
/// `None` where the header names any other column.
fn spent_by_use_template(header: &str) -> Option<Template> {
    let mut rest = header.to_string();
    for w in
        ["功能分类科目编码", "功能分类科目名称", "功能分类科目", "科目编码", "科目名称", "栏次", "项目支出", "基本支出"]
    {
        rest = rest.replacen(w, "", 1);
    }
    let group = if rest.contains("本年支出") { "本年支出/" } else { "" };
    rest = rest.replacen("本年支出", "", 1).replacen("项目", "", 1);
    rest.retain(|c| !c.is_ascii_digit() && !matches!(c, '类' | '款' | '项'));
    let total = ["小计", "合计", "总计"].into_iter().find(|w| rest == *w)?;
    let paths = [total, "基本支出", "项目支出"].iter().map(|w| format!("{group}{w}")).collect();
    Some(Template { paths, sums: vec![(0, vec![1, 2])] })
}

/// 财政拨款支出预算表 by fund: `合计 一般公共预算拨款 政府性基金预算拨款
/// 国有资本经营预算拨款`, the general budget's column split where the header
/// prints `小计 其中：基本支出` after it (`合计 一般公共预算拨款` / `小计
/// 其中：基本支出 政府性基金预算拨款`): 合计 = the funds' sum (the general
/// budget's 小计 standing for it); `其中：基本支出` is part of 小计, in no sum.
/// `None` unless 合计 leads the amounts and the funds follow it.
fn by_fund_template(header: &str) -> Option<Template> {
    let (total, general, fund) =
        (header.find("合计")?, header.find("一般公共预算拨款")?, header.find("政府性基金预算拨款")?);
    if !(total < general && general < fund) {
        return None;
    }
    let split = &header[general..fund];
    let mut paths = vec!["合计".to_string()];
    match split.contains("小计") {
        true => {
            paths.push("一般公共预算拨款/小计".to_string());
            if split.contains("其中：基本支出") {
                paths.push("一般公共预算拨款/其中：基本支出".to_string());
            }
        }
        false => paths.push("一般公共预算拨款".to_string()),
    }
    let mut parts = vec![1];
    paths.push("政府性基金预算拨款".to_string());
    parts.push(paths.len() - 1);
    if header[fund..].contains("国有资本经营预算拨款") {
        paths.push("国有资本经营预算拨款".to_string());
        parts.push(paths.len() - 1);
    }
    Some(Template { paths, sums: vec![(0, parts)] })
}

/// The word a header prints over its total column: `合计`, or `总计` where
/// no 合计 is (`科目编码 科目名称 总计 基本支出 项目支出`).
fn total_word(header: &str) -> Option<&'static str> {
    ["合计", "总计"].into_iter().find(|w| header.contains(w))
}

/// The columns of 部门支出总表 beside 基本支出 and 项目支出 in the template
/// that prints what a unit spends outside its own budget.
const UNIT_OUTLAYS: [&str; 3] = ["事业单位经营支出", "上缴上级支出", "对附属单位补助支出"];

/// 部门支出总表 of six columns: `合计 基本支出 项目支出 事业单位经营支出
/// 上缴上级支出 对附属单位补助支出`. Templates differ on whether 合计 holds
/// 事业单位经营支出 (some print 合计 = 基本支出 + 项目支出 beside a filled
/// 经营 column), so a reading is taken only where 合计 = 基本支出 + 项目支出
/// and 合计 = the sum of all five: where the last three are empty, true
/// under either meaning. A row that fills them is left blank.
fn unit_outlays_template() -> Template {
    let mut paths = vec!["合计".to_string(), "基本支出".to_string(), "项目支出".to_string()];
    paths.extend(UNIT_OUTLAYS.iter().map(|w| w.to_string()));
    Template { paths, sums: vec![(0, vec![1, 2]), (0, vec![1, 2, 3, 4, 5])] }
}

/// 财政拨款“三公”经费支出表 whose cars' column is 公务用车购置及运行维护费:
/// `“三公”经费财政拨款预算总额 因公出国（境）费用 公务接待费 公务用车购置及运行维护费
/// 小计 公务用车购置费 公务用车运行维护费`, one row (`222.676050 130.819050 9.000000
/// 82.857000 37.380000 45.477000`): the total = 因公出国 + 公务接待 + 小计, 小计 =
/// 购置费 + 运行维护费. 公务接待费 stands where the header prints it, before or
/// after the cars' heading, on the same header line (the cars' leaves, on
/// the line below, follow both: `… 因公出国（境）费 公务用车购置及运行维护费
/// 公务接待费` / `小计 公务用车购置费 …` puts the cars first); without the
/// heading, or with it printed before the total (a spreadsheet's merged
/// cells first: `公务用车购置及运行维护费` / `“三公”经费财政拨款预算总额 因公出国
/// （境）费用 公务接待费 小计 …`), before or after the leaves. 会议费 and 培训费 printed after them
/// are columns outside the total. `None` when 因公出国 is not the first part.
fn three_public_upkeep_template(header: &str) -> Option<Template> {
    let at = |w: &str| header.find(w);
    let (abroad, hosting, leaves) = (at("因公出国")?, at("公务接待费")?, at("公务用车购置费")?);
    if abroad > hosting || abroad > leaves {
        return None;
    }
    // A heading before 因公出国 was printed out of the header's order (a
    // spreadsheet's merged cells first): its leaves tell where it stands.
    let cars = at("公务用车购置及运行维护费").filter(|&c| c > abroad).unwrap_or(leaves);
    let meetings = at("会议费").zip(at("培训费")).is_some_and(|(m, t)| m < abroad && t < abroad);
    if meetings && header.starts_with("合计") && header.contains("“三公”经费") {
        return Some(with_meetings_template(hosting < cars));
    }
    let total = if header.contains("财政拨款预算总额") {
        "“三公”经费财政拨款预算总额"
    } else {
        "“三公”经费合计"
    };
    let abroad_name = if header.contains("因公出国（境）费用") {
        "因公出国（境）费用"
    } else {
        "因公出国（境）费"
    };
    let car = |p: &str| format!("公务用车购置及运行维护费/{p}");
    let mut paths = vec![total.to_string(), abroad_name.to_string()];
    let cars_group = [car("小计"), car("公务用车购置费"), car("公务用车运行维护费")];
    let (sums, hosting_first) = if hosting < cars {
        (vec![(0, vec![1, 2, 3]), (3, vec![4, 5])], true)
    } else {
        (vec![(0, vec![1, 2, 5]), (2, vec![3, 4])], false)
    };
    if hosting_first {
        paths.push("公务接待费".to_string());
        paths.extend(cars_group);
    } else {
        paths.extend(cars_group);
        paths.push("公务接待费".to_string());
    }
    let last = hosting.max(cars);
    paths.extend(meetings_after(header, Some(last)).map(str::to_string));
    Some(Template { paths, sums })
}

/// 会议费 and 培训费 where the header prints them after byte `at` (the
/// 三公 columns' end): columns of their own, outside the 三公 total. None
/// without `at`.
fn meetings_after(header: &str, at: Option<usize>) -> impl Iterator<Item = &'static str> + '_ {
    let after = at.map_or("", |at| &header[at..]);
    ["会议费", "培训费"].into_iter().filter(move |w| after.contains(w))
}

/// “三公”经费、会议费、培训费支出预算表: `合计` over the 三公 group, 会议费
/// and 培训费, printed on the header's first lines before the group's
/// leaves (`合计` / `“三公”经费` / `会议费 培训费` / `小计 因公出国（境）费
/// 公务用车购置及运行维护费 公务接待费 小计 公务用车购置费 公务用车运行维护费`):
/// 合计 = 三公 小计 + 会议费 + 培训费, 三公 小计 = 因公出国 + 公务用车 +
/// 公务接待, 公务用车 小计 = 购置费 + 运行维护费. 公务接待费 before or after
/// the cars, as printed.
fn with_meetings_template(hosting_first: bool) -> Template {
    let group = |p: &str| format!("“三公”经费/{p}");
    let car = |p: &str| group(&format!("公务用车购置及运行维护费/{p}"));
    let mut paths = vec!["合计".to_string(), group("小计"), group("因公出国（境）费")];
    let cars = [car("小计"), car("公务用车购置费"), car("公务用车运行维护费")];
    let sums = if hosting_first {
        paths.push(group("公务接待费"));
        paths.extend(cars);
        vec![(0, vec![1, 7, 8]), (1, vec![2, 3, 4]), (4, vec![5, 6])]
    } else {
        paths.extend(cars);
        paths.push(group("公务接待费"));
        vec![(0, vec![1, 7, 8]), (1, vec![2, 3, 6]), (3, vec![4, 5])]
    };
    paths.extend(["会议费".to_string(), "培训费".to_string()]);
    Template { paths, sums }
}

/// 部门“三公”经费和机关运行经费预算表 of the 单位预算 template: `“三公”经费预算数
/// 机关运行经费预算数 合计 因公出国(境)费 公务接待费 公务用车购置及运行费 小计
/// 购置费 运行费`, one row whose blank cells print nothing (`867.50  839.00
/// 28.50  213.28`): 合计 = 因公出国 + 公务接待 + 小计, 小计 = 购置费 + 运行费.
/// A year heading a group (`2023年机关运行经费预算数`) stays in its path.
fn three_public_budget_template(header: &str) -> Template {
    let three = format!("{}“三公”经费预算数", year_before(header, "“三公”经费预算数"));
    let running = format!("{}机关运行经费预算数", year_before(header, "机关运行经费预算数"));
    let group = format!("{three}/");
    let car = format!("{three}/公务用车购置及运行费/");
    Template {
        paths: vec![
            format!("{group}合计"),
            format!("{group}因公出国（境）费"),
            format!("{group}公务接待费"),
            format!("{car}小计"),
            format!("{car}购置费"),
            format!("{car}运行费"),
            running,
        ],
        sums: vec![(0, vec![1, 2, 3]), (3, vec![4, 5])],
    }
}

/// The year (`2023年`) printed right before `word` in `header`, or nothing.
pub(crate) fn year_before(header: &str, word: &str) -> String {
    let Some(at) = header.find(word) else { return String::new() };
    let before: Vec<char> = header[..at].chars().collect();
    match before.len().checked_sub(5).map(|i| &before[i..]) {
        Some(year) if year[..4].iter().all(|c| c.is_ascii_digit()) && year[4] == '年' => year.iter().collect(),
        _ => String::new(),
    }
}

/// `header` without the years that head its column groups
/// (`2023年“三公”经费预算数` reads `“三公”经费预算数`).
fn without_years(header: &str) -> String {
    let chars: Vec<char> = header.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let year = i + 4 < chars.len() && chars[i..i + 4].iter().all(|c| c.is_ascii_digit()) && chars[i + 4] == '年';
        if year {
            i += 5;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

/// Words of a header that name label columns or group the amounts, not
/// amount columns (`科目编码`, `本年一般公共预算基本支出`).
const HEADER_LABEL_WORDS: &[&str] = &[
    "功能分类科目",
    "经济分类科目",
    "部门预算支出经济分类科目",
    "本年一般公共预算基本支出",
    "本年财政拨款基本支出",
    "本年政府性基金预算支出",
    "本年国有资本经营预算支出",
    "部门（单位）代码",
    "部门（单位）名称",
    "部门(单位)代码",
    "部门(单位)名称",
    "部门代码",
    "部门名称",
    "科目编码",
    "科目名称",
    "单位编码",
    "单位名称",
    "单位代码",
    "项目名称",
    "项目编号",
    "项目单位",
    "支出项目类别",
    "本年收入",
    "本年拨款",
    "财政拨款结转结余",
    "公务用车购置及运行费",
];

/// Whether `header` names no amount column besides `t`'s: what is left of
/// it once the label words and the template's column words are taken out
/// is at most a few characters (a glyph or bracket lost in extraction).
/// `…合计基本支出项目支出其中事业单位经营支出上缴上级支出…` is another
/// table's header.
pub(crate) fn header_fits(t: &Template, header: &str) -> bool {
    let mut words: Vec<&str> = HEADER_LABEL_WORDS.to_vec();
    words.extend(t.paths.iter().flat_map(|p| p.split('/')));
    words.extend(INCOME_SOURCES.iter().flat_map(|s| s.words.iter().copied()));
    let mut words: Vec<String> = words.into_iter().map(without_years).collect();
    words.sort_by_key(|w| std::cmp::Reverse(w.len()));
    let mut rest = without_years(header);
    for w in words {
        rest = rest.replace(&w, "");
    }
    rest.chars().filter(|c| !c.is_ascii_punctuation() && !"（）“”".contains(*c)).count() <= 4
}

/// The full header of each standard table, in the family's words.
const FULL_HEADERS: &[(TableKey, &str)] = &[
    (TableKey::IncomeSummary, "合计本年收入上年结转结余小计一般公共预算政府性基金预算国有资本经营预算财政专户管理资金事业收入事业单位经营收入上级补助收入附属单位上缴收入其他收入"),
    (TableKey::ExpenseSummary, "合计基本支出项目支出"),
    (TableKey::GovernmentFundExpense, "合计基本支出项目支出"),
    (TableKey::StateCapitalExpense, "合计基本支出项目支出"),
    (TableKey::GeneralBudgetExpenseByFunction, "合计基本支出项目支出小计人员经费公用经费"),
    (TableKey::GeneralBudgetExpenseByUnit, "合计基本支出项目支出小计人员经费公用经费"),
    (TableKey::GeneralBudgetBasicExpenseByEconomic, "本年一般公共预算基本支出合计人员经费公用经费"),
    (TableKey::ThreePublicExpense, "“三公”经费合计因公出国（境）费公务用车购置费公务用车运行费公务接待费"),
    (TableKey::ProjectExpense, "合计本年拨款财政拨款结转结余一般公共预算政府性基金预算国有资本经营预算财政专户管理资金单位资金"),
];

/// The full column set of the table `key` when its rows carry as many
/// amounts as it has columns: the header of a spreadsheet-made PDF's table
/// is partly printed after its rows (merged cells), where its words do not
/// tell the columns.
pub(crate) fn full_template(key: TableKey, width: usize) -> Option<Template> {
    let (_, header) = FULL_HEADERS.iter().find(|(k, _)| *k == key)?;
    template(key, header).filter(|t| t.paths.len() == width)
}

/// Whether `header` speaks the family's words for the table `key`: the
/// group heading its standard header has (`本年收入` over the sources of
/// 部门收入总表, `本年拨款` over the funds of 项目支出情况表), or, for
/// 部门支出总表, its `其中` columns (`事业单位经营支出`) without the
/// `基本支出` they follow: the header's first words came out elsewhere.
pub(crate) fn family_header(key: TableKey, header: &str) -> bool {
    let marker = match key {
        TableKey::ExpenseSummary => return header.contains("事业单位经营") && !header.contains("基本支出"),
        TableKey::IncomeSummary => "本年收入",
        TableKey::ProjectExpense => "本年拨款",
        TableKey::ThreePublicExpense => "因公出国",
        _ => return false,
    };
    header.contains(marker)
}

/// The number of columns of the table `key`'s full column set.
pub(crate) fn full_width(key: TableKey) -> Option<usize> {
    let (_, header) = FULL_HEADERS.iter().find(|(k, _)| *k == key)?;
    template(key, header).map(|t| t.paths.len())
}

/// 部门收入总表: 合计, 本年收入 (小计 and the sources the header names),
/// 上年结转结余 — `合计本年收入上年结转结余小计一般公共预算政府性基金预算…`.
/// Where a second 小计 follows the sources, 上年结转结余 is a group of its
/// own: its 小计 and the funds carried over ([`CARRIED_SOURCES`]) named
/// after it (`…其他收入小计一般公共预算政府性基金预算…单位资金`).
///
/// A header that names no total at all still has one: a spreadsheet
/// prints the merged `合计` heading apart from the header, next to the
/// amounts, where it reads as a row's label. The sums tell whether the
/// first amount is that total.
fn income_template(header: &str) -> Option<Template> {
    let total = header.contains("合计") || !header.contains("总计");
    if !(total && header.contains("本年收入") && header.contains("上年结转")) {
        return sources_under_total(header)
            .or_else(|| by_source_template(header))
            .or_else(|| carried_first_template(header));
    }
    let carried_at = header.match_indices("小计").nth(1).map(|(at, _)| at);
    let (this_year, carried) = header.split_at(carried_at.unwrap_or(header.len()));
    let sources: Vec<&Slot> = INCOME_SOURCES.iter().filter(|s| s.words.iter().any(|w| this_year.contains(w))).collect();
    if sources.len() < 2 {
        return None;
    }
    let mut paths = vec!["合计".to_string(), "本年收入/小计".to_string()];
    paths.extend(sources.iter().map(|s| printed_fund_path(s.path, this_year)));
    let last = paths.len();
    let mut sums = vec![(0, vec![1, last]), (1, (2..last).collect())];
    let funds: Vec<&Slot> = CARRIED_SOURCES.iter().filter(|s| s.words.iter().any(|w| carried.contains(w))).collect();
    if carried_at.is_some() && !funds.is_empty() {
        paths.push("上年结转结余/小计".to_string());
        paths.extend(funds.iter().map(|s| printed_fund_path(s.path, carried)));
        sums.push((last, (last + 1..paths.len()).collect()));
    } else {
        paths.push("上年结转结余".to_string());
    }
    Some(Template { paths, sums })
}

/// A fund's column path with its name as the header prints it: a fund
/// named with `资金` after it (`一般公共预算资金`, `政府性基金预算资金`) keeps it.
fn printed_fund_path(path: &str, header: &str) -> String {
    let leaf = path.rsplit('/').next().unwrap_or(path);
    if !leaf.ends_with("资金") && header.contains(&format!("{leaf}资金")) {
        format!("{path}资金")
    } else {
        path.to_string()
    }
}

/// 部门收入总表 printing a total and the sources, without 本年收入 or
/// 上年结转结余: `总计 一般公共预算拨款收入 政府性基金预算拨款收入 … 事业收入
/// 上级补助收入 附属单位上缴收入 事业单位经营收入 其他收入` (wrapped in their
/// cells: `一般公共预` / `算拨款收入`). Every column but the total names a
/// source and ends in `收入`, so the header's words, squeezed, split into
/// the columns in their printed order; each keeps its printed name. The
/// total is the sum of the sources. `None` unless the whole header (label
/// words aside) reads so, with two sources or more, each named once.
fn sources_under_total(header: &str) -> Option<Template> {
    let mut rest = header.to_string();
    for w in ["科目编码", "科目名称", "科目"] {
        rest = rest.replace(w, "");
    }
    let names = source_names(rest.strip_prefix("总计")?)?;
    let mut paths = vec!["总计".to_string()];
    paths.extend(names.iter().map(|n| n.to_string()));
    let sums = vec![(0, (1..paths.len()).collect())];
    Some(Template { paths, sums })
}

/// The income sources named one after another in `text`, each ending in
/// `收入` (`一般公共预算拨款收入政府性基金预算拨款收入…其他收入`); `None`
/// unless every piece names a source, two or more, each once.
fn source_names(text: &str) -> Option<Vec<&str>> {
    let names: Vec<&str> = text.split_inclusive("收入").collect();
    let slot = |name: &str| INCOME_SOURCES.iter().position(|s| s.words.iter().any(|w| name.contains(w)));
    let slots: Vec<usize> =
        names.iter().map(|n| n.ends_with("收入").then(|| slot(n)).flatten()).collect::<Option<_>>()?;
    let distinct = slots.iter().enumerate().all(|(i, s)| !slots[..i].contains(s));
    (names.len() >= 2 && distinct).then_some(names)
}

/// The central departments' 部门收入总表: `合计 上年结转 一般公共预算拨款收入
/// 政府性基金预算拨款收入 国有资本经营预算拨款收入 事业收入 事业单位经营收入
/// 上级补助收入 附属单位上缴收入 其他收入 使用非财政拨款结余`, 事业收入 split
/// into `金额` and `其中:教育收费` on the header's last line. The total is
/// the sum of the others (`其中:教育收费` a part of 事业收入's 金额, in no
/// sum); each column keeps its printed name, in printed order. `None`
/// unless the whole header reads so, with two sources or more, each named
/// once.
fn carried_first_template(header: &str) -> Option<Template> {
    const SPENT_BALANCE: &str = "使用非财政拨款结余";
    const TUITION: [&str; 2] = ["其中:教育收费", "其中：教育收费"];
    let rest = header.strip_prefix("合计")?;
    let carried = ["上年结转结余", "上年结转"].into_iter().find(|w| rest.starts_with(w))?;
    let mut rest = rest[carried.len()..].to_string();
    let tuition = TUITION.into_iter().find(|w| rest.ends_with(&format!("金额{w}")));
    if let Some(w) = tuition {
        rest.truncate(rest.len() - w.len() - "金额".len());
    }
    let spent = rest.ends_with(SPENT_BALANCE);
    if spent {
        rest.truncate(rest.len() - SPENT_BALANCE.len());
    }
    let names = source_names(&rest)?;
    if tuition.is_some() && !names.contains(&"事业收入") {
        return None;
    }
    let mut paths = vec!["合计".to_string(), carried.to_string()];
    let mut within = None;
    for n in names {
        match tuition {
            Some(w) if n == "事业收入" => {
                paths.push(format!("{n}/金额"));
                within = Some(paths.len());
                paths.push(format!("{n}/{w}"));
            }
            _ => paths.push(n.to_string()),
        }
    }
    if spent {
        paths.push(SPENT_BALANCE.to_string());
    }
    let parts = (1..paths.len()).filter(|&i| Some(i) != within).collect();
    Some(Template { paths, sums: vec![(0, parts)] })
}

/// The funds of 部门收入总表's 上年结转结余 group, in printed order.
const CARRIED_SOURCES: &[Slot] = &[
    Slot { path: "上年结转结余/一般公共预算", words: &["一般公共预算"] },
    Slot { path: "上年结转结余/政府性基金预算", words: &["政府性基金"] },
    Slot { path: "上年结转结余/国有资本经营预算", words: &["国有资本经营"] },
    Slot { path: "上年结转结余/财政专户管理资金", words: &["财政专户"] },
    Slot { path: "上年结转结余/单位资金", words: &["单位资金"] },
];

/// 项目支出情况表: 合计, then the fund columns of 本年拨款 and of
/// 财政拨款结转结余 (一般公共预算, 政府性基金预算, 国有资本经营预算), then
/// 财政专户管理资金 and 单位资金, each as the header names it
/// (`合计本年拨款财政拨款结转结余财政专户管理资金单位资金一般公共预算…`).
fn project_template(header: &str) -> Option<Template> {
    let has = |w: &str| header.contains(w);
    if let Some(t) = by_source_template(header) {
        return Some(t);
    }
    if !(has("合计") && has("一般公共") && has("政府性基金")) {
        return None;
    }
    let funds: Vec<&str> = ["一般公共预算", "政府性基金预算", "国有资本经营预算"]
        .into_iter()
        .filter(|f| *f != "国有资本经营预算" || has("国有资本"))
        .collect();
    let mut paths = vec!["合计".to_string()];
    let groups: Vec<&str> = [("本年拨款", "本年拨款"), ("结转结余", "财政拨款结转结余")]
        .into_iter()
        .filter(|(w, _)| has(w))
        .map(|(_, g)| g)
        .collect();
    match groups.is_empty() {
        true => paths.extend(funds.iter().map(|f| f.to_string())),
        false => {
            for g in groups {
                paths.extend(funds.iter().map(|f| format!("{g}/{f}")));
            }
        }
    }
    for (w, path) in [("财政专户", "财政专户管理资金"), ("单位资金", "单位资金")] {
        if has(w) {
            paths.push(path.to_string());
        }
    }
    let sums = vec![(0, (1..paths.len()).collect())];
    Some(Template { paths, sums })
}

/// The sources a 收入总表 or 项目支出总表 may split its 总计 into, in printed order: the
/// funds of 财政拨款, 财政专户管理资金, the sources of 单位资金, and what was
/// carried over — (header word, column path).
const BY_SOURCE: &[(&str, &str)] = &[
    ("一般公共预算拨款", "财政拨款/一般公共预算拨款"),
    ("政府性基金预算拨款", "财政拨款/政府性基金预算拨款"),
    ("国有资本经营预算拨款", "财政拨款/国有资本经营预算拨款"),
    ("财政专户管理资金", "财政专户管理资金"),
    ("事业收入", "单位资金/事业收入"),
    ("事业单位经营收入", "单位资金/事业单位经营收入"),
    ("上级补助收入", "单位资金/上级补助收入"),
    ("附属单位上缴收入", "单位资金/附属单位上缴收入"),
    ("其他收入", "单位资金/其他收入"),
    ("上年结余、结转", "上年结余、结转"),
    ("上年结转结余", "上年结转结余"),
];

/// A 收入总表, 项目支出总表 or 基本支出总表 whose total is split by source:
/// the funds named `…预算拨款` (under a 小计 of 财政拨款 where the header
/// prints one before them), then the other sources the header names
/// (`总计一般公共预算拨款政府性基金预算拨款国有资本经营预算拨款财政专户管理资金
/// 事业收入…其他收入上年结余、结转`), the total (`收入总计` or `总计`, as
/// printed) their sum.
fn by_source_template(header: &str) -> Option<Template> {
    let total = ["收入总计", "总计"].into_iter().find(|w| header.contains(w))?;
    let funds_at = header.find("一般公共预算拨款")?;
    // `总计 小计 一般公共预算拨款 …`: 财政拨款's funds under a 小计 of their own.
    let subtotal = header[..funds_at].contains("小计");
    let mut paths = vec![total.to_string()];
    if subtotal {
        paths.push("财政拨款/小计".to_string());
    }
    paths.extend(BY_SOURCE.iter().filter(|(w, _)| header.contains(w)).map(|(_, p)| p.to_string()));
    let fund = |p: &String| p.starts_with("财政拨款/") && p.ends_with("预算拨款");
    let sums = if subtotal {
        let funds: Vec<usize> = (2..paths.len()).filter(|&i| fund(&paths[i])).collect();
        let rest: Vec<usize> = (2..paths.len()).filter(|&i| !fund(&paths[i])).collect();
        vec![(0, [vec![1], rest].concat()), (1, funds)]
    } else {
        vec![(0, (1..paths.len()).collect())]
    };
    (paths.len() >= 3).then_some(Template { paths, sums })
}

/// The most readings of one row that are tried: every placement of a row
/// in a table of up to 18 columns (C(18, 9) = 48,620). 北京's 收入总表 has
/// 17 (合计, 本年收入's 小计 and nine sources, 上年结转结余's 小计 and five
/// funds), its total row 8 amounts: 24,310 placements.
const MAX_READINGS: usize = 50_000;

/// Whether every sum of `t` holds for `values` (blank = 0), within one unit
/// of the last printed decimal per part (rounded parts).
fn sums_hold(t: &Template, values: &[Option<Decimal>], unit: Decimal) -> bool {
    t.sums.iter().all(|(total, parts)| {
        let v = |i: usize| values.get(i).copied().flatten().unwrap_or_default();
        let diff = (v(*total) - parts.iter().map(|&p| v(p)).sum::<Decimal>()).abs();
        diff <= unit * Decimal::from(parts.len() as u32 - 1)
    })
}

/// The placements of `amounts` (in printed order) into `t`'s columns under
/// which every sum holds; `None` when there are too many to try.
fn readings(t: &Template, amounts: &[Decimal], unit: Decimal) -> Option<Vec<Vec<Option<usize>>>> {
    let n = t.paths.len();
    let k = amounts.len();
    if k > n {
        return Some(Vec::new());
    }
    let mut out = Vec::new();
    let mut chosen: Vec<usize> = (0..k).collect();
    let mut tried = 0usize;
    loop {
        tried += 1;
        if tried > MAX_READINGS {
            return None;
        }
        let mut values = vec![None; n];
        for (a, &c) in chosen.iter().enumerate() {
            values[c] = Some(amounts[a]);
        }
        if sums_hold(t, &values, unit) {
            let mut at = vec![None; n];
            for (a, &c) in chosen.iter().enumerate() {
                at[c] = Some(a);
            }
            out.push(at);
        }
        if !next_combination(&mut chosen, n) {
            return Some(out);
        }
    }
}

/// Steps `c` (increasing indices below `n`) to the next combination.
pub(crate) fn next_combination(c: &mut [usize], n: usize) -> bool {
    let k = c.len();
    let Some(i) = (0..k).rev().find(|&i| c[i] < n - k + i) else { return false };
    c[i] += 1;
    for j in i + 1..k {
        c[j] = c[j - 1] + 1;
    }
    true
}

/// The readings of one row: each is the row's cells in the template's
/// columns (`""` for blank). Empty when none holds.
pub(crate) type Readings = Vec<Vec<String>>;

/// The readings of a row's printed amounts under which its sums hold;
/// `None` when the amounts do not parse or there are too many to try.
///
/// `1762.80 1762.80` under 合计 / 小计 / 人员经费 / 公用经费 / 项目支出 is
/// 合计 and 项目支出: read as 合计 and 小计, 小计 ≠ 人员经费 + 公用经费.
pub(crate) fn readings_of(t: &Template, printed: &[String]) -> Option<Readings> {
    let values: Vec<Decimal> = printed.iter().map(|p| amount(p)).collect::<Option<_>>()?;
    let scale = printed.iter().map(|p| crate::lex::scale_of(p)).max().unwrap_or(0);
    let found = readings(t, &values, Decimal::new(1, scale))?;
    let cells =
        |at: &Vec<Option<usize>>| at.iter().map(|a| a.map(|a| printed[a].clone()).unwrap_or_default()).collect();
    Some(found.iter().map(cells).collect())
}

/// The cells all `readings` agree on; a cell they disagree on is
/// [`UNREAD`]: no figure, never a zero, so that a sum it takes part in
/// goes unchecked rather than broken (合计 known beside 基本支出 and 项目支出
/// in doubt keeps 合计).
pub(crate) fn agreed(t: &Template, readings: &Readings) -> Vec<String> {
    (0..t.paths.len())
        .map(|c| {
            let first = readings.first().map(|r| r[c].as_str()).unwrap_or("");
            if readings.iter().all(|r| r[c] == first) {
                first.to_string()
            } else {
                UNREAD.to_string()
            }
        })
        .collect()
}

/// The columns of 部门收入总表 that 部门收支总表 prints as income items,
/// with the words that name the item (`一般公共预算拨款收入`).
const INCOME_ITEMS: &[(&str, &str)] = &[
    ("一般公共预算", "一般公共预算"),
    ("政府性基金预算", "政府性基金"),
    ("国有资本经营预算", "国有资本经营"),
    ("财政专户管理资金", "财政专户"),
    ("事业收入", "事业收入"),
    ("事业单位经营收入", "事业单位经营"),
    ("上级补助收入", "上级补助"),
    ("附属单位上缴收入", "附属单位"),
    ("其他收入", "其他收入"),
    ("上年结转结余", "上年结转"),
];

/// [`known_totals`] from the tables printed before the table, else (when it
/// is read again) from those printed after it.
pub(crate) fn known_totals_around(
    key: TableKey,
    t: &Template,
    (earlier, later): (&[Table], &[Table]),
    names: impl Fn(&str, &str) -> bool + Copy,
) -> Vec<Option<Decimal>> {
    let before = known_totals(key, t, earlier, names);
    let mut known = if before.iter().any(Option::is_some) { before } else { known_totals(key, t, later, names) };
    if key == TableKey::IncomeSummary {
        let fiscal = earlier.iter().chain(later).find(|e| e.key == TableKey::FiscalIncomeExpenseSummary);
        for (k, v) in known.iter_mut().zip(carried_by_fund(t, fiscal)) {
            *k = k.or(v);
        }
    }
    known
}

/// What 财政拨款收支总表 says of 部门收入总表's funds carried over: its
/// items after `上年结转结余` split that by fund (`一、一般公共预算拨款
/// 508.642853`, `二、政府性基金预算拨款`, a blank one nothing), and each is
/// the fund's column under 上年结转结余 (`上年结转结余/一般公共预算资金`),
/// where they add up to the item. Printed before or after the table.
fn carried_by_fund(t: &Template, fiscal: Option<&Table>) -> Vec<Option<Decimal>> {
    let split = fiscal.and_then(fiscal_carry_over).unwrap_or_default();
    t.paths
        .iter()
        .map(|p| {
            let leaf = p.strip_prefix("上年结转结余/")?;
            split.iter().find(|(word, _)| leaf.contains(word)).map(|(_, v)| *v)
        })
        .collect()
}

/// What the document's earlier tables say a total row of the table `key`
/// holds, column by column (`None`: not known): the 合计 row of
/// 部门收入总表 has, in each source column, the income item of 部门收支总表
/// (a blank item is zero) that `names` matches to the column's leaf (the
/// item's name squeezed, its ordinal removed: `财政拨款收入`).
pub(crate) fn known_totals(
    key: TableKey,
    t: &Template,
    earlier: &[Table],
    names: impl Fn(&str, &str) -> bool,
) -> Vec<Option<Decimal>> {
    let mut known = vec![None; t.paths.len()];
    if key == TableKey::ExpenseSummary {
        return known_by_use(t, earlier);
    }
    if matches!(key, TableKey::GovernmentFundExpense | TableKey::StateCapitalExpense) {
        return known_of_fund(key, t, earlier);
    }
    if key == TableKey::GeneralBudgetExpenseByFunction {
        return known_of_basic(t, earlier);
    }
    if key == TableKey::ProjectExpense {
        return known_of_projects(t, earlier);
    }
    if key != TableKey::IncomeSummary {
        return known;
    }
    let Some(summary) = earlier.iter().find(|e| e.key == TableKey::IncomeExpenseSummary) else {
        return known_of_fiscal_funds(t, earlier, names);
    };
    let incomes = side_items(summary, Section::Income);
    // The funds carried over are not the year's income items of the same
    // name: the group's 小计 is the item 上年结转, and each fund is known
    // only to be empty where that item is.
    let carried = match incomes.iter().filter(|(n, _)| n.contains("上年结转")).collect::<Vec<_>>()[..] {
        [(_, v)] => Some(*v),
        _ => None,
    };
    for (c, path) in t.paths.iter().enumerate() {
        if let Some(leaf) = path.strip_prefix("上年结转结余/") {
            known[c] = match leaf {
                "小计" => carried,
                _ => carried.filter(|v| v.is_zero()),
            };
            continue;
        }
        let leaf = path.rsplit('/').next().unwrap_or(path);
        let found: Vec<Decimal> = incomes.iter().filter(|(n, _)| names(leaf, n)).map(|(_, v)| *v).collect();
        if let [v] = found[..] {
            known[c] = Some(v);
        }
    }
    known
}

/// Without 部门收支总表, what 财政拨款收支总表 says 部门收入总表's total row
/// holds: its income items of this year are the department's grants by
/// fund (`一、一般公共预算拨款收入`, `二、政府性基金预算拨款收入`, a blank one
/// nothing), each the column of that fund. Only the three funds' columns;
/// the carry-over it prints is the grants' alone, not all that was carried.
fn known_of_fiscal_funds(t: &Template, earlier: &[Table], names: impl Fn(&str, &str) -> bool) -> Vec<Option<Decimal>> {
    let mut known = vec![None; t.paths.len()];
    let Some(fiscal) = earlier.iter().find(|e| e.key == TableKey::FiscalIncomeExpenseSummary) else { return known };
    // The year's items come before the carry-over, whose items by fund
    // bear the same names (`上年结转` / `一般公共预算拨款`).
    let incomes: Vec<(String, Decimal)> =
        side_items(fiscal, Section::Income).into_iter().take_while(|(n, _)| !carried_over(n)).collect();
    for (c, path) in t.paths.iter().enumerate() {
        let leaf = path.rsplit('/').next().unwrap_or(path);
        if carried_over(path) || !FISCAL_FUNDS.iter().any(|w| leaf.contains(w)) {
            continue;
        }
        let found: Vec<Decimal> = incomes.iter().filter(|(n, _)| names(leaf, n)).map(|(_, v)| *v).collect();
        if let [v] = found[..] {
            known[c] = Some(v);
        }
    }
    known
}

/// The funds 财政拨款收支总表 lists.
pub(crate) const FISCAL_FUNDS: [&str; 3] = ["一般公共预算", "政府性基金", "国有资本经营"];

/// Whether a column or an item is money carried over from the year before
/// (`上年结转结余`, `财政拨款结转结余/…`, `上年结转`).
pub(crate) fn carried_over(name: &str) -> bool {
    name.contains("结转") || name.contains("结余")
}

/// What 一般公共预算基本支出表 says 一般公共预算支出表's total row holds:
/// nothing in 基本支出 (and its 人员经费 and 公用经费) where that table is
/// printed empty, its title and header over no row (a department spending
/// only on projects: nat_008's `合计 118,853,953 118,853,953` is 合计 and
/// 项目支出). Unknown otherwise.
fn known_of_basic(t: &Template, earlier: &[Table]) -> Vec<Option<Decimal>> {
    let mut known = vec![None; t.paths.len()];
    if earlier.iter().any(|e| e.key == TableKey::GeneralBudgetBasicExpenseByEconomic && e.rows.is_empty()) {
        for (c, path) in t.paths.iter().enumerate() {
            if path.split('/').any(|part| part == "基本支出") {
                known[c] = Some(Decimal::ZERO);
            }
        }
    }
    known
}

/// What 部门收入总表 says 项目支出情况表's total row holds: nothing from a
/// source of which the department has no income. This year's grants of a
/// fund (`本年拨款/政府性基金预算`) are nothing where the fund's income is;
/// the grants carried over (`财政拨款结转结余/…`) where 上年结转结余 is;
/// 财政专户管理资金 where that income is; and 单位资金 where the unit's own
/// incomes (事业收入, 事业单位经营收入, 上级补助收入, 附属单位上缴收入, 其他收入)
/// and 上年结转结余 all are. A column of the income table not printed, or
/// not read, says nothing. Unknown otherwise.
fn known_of_projects(t: &Template, earlier: &[Table]) -> Vec<Option<Decimal>> {
    let mut known = vec![None; t.paths.len()];
    let Some(income) = earlier.iter().find(|e| e.key == TableKey::IncomeSummary) else { return known };
    const OWN: [&str; 5] = ["事业收入", "事业单位经营收入", "上级补助收入", "附属单位上缴收入", "其他收入"];
    let funds = ["一般公共预算", "政府性基金预算", "国有资本经营预算", "财政专户管理资金", "上年结转结余"];
    let names: Vec<&str> = ["合计"].into_iter().chain(funds).chain(OWN).collect();
    let figures = total_row_figures(income, &names);
    let none = |name: &str| names.iter().position(|n| *n == name).and_then(|i| figures[i]).is_some_and(|v| v.is_zero());
    for (c, path) in t.paths.iter().enumerate() {
        let zero = match path.split_once('/') {
            Some(("本年拨款", fund)) => funds[..3].contains(&fund) && none(fund),
            Some(("财政拨款结转结余", _)) => none("上年结转结余"),
            None if path == "财政专户管理资金" => none(path),
            None if path == "单位资金" => OWN.iter().all(|n| none(n)) && none("上年结转结余"),
            _ => false,
        };
        if zero {
            known[c] = Some(Decimal::ZERO);
        }
    }
    known
}

/// What 收入支出决算总表 says a 决算's fund table (政府性基金 or 国有资本经营)
/// holds in its total row: 本年收入 is the fund's income item
/// (`政府性基金预算财政拨款收入 481.63`), and 年初结转和结余 is nothing where
/// the department carried nothing into the year (the item `年初结转和结余`
/// blank or zero). Only for the column set of [`carried_fund_template`].
fn known_of_fund(key: TableKey, t: &Template, earlier: &[Table]) -> Vec<Option<Decimal>> {
    let mut known = vec![None; t.paths.len()];
    let Some(summary) = earlier.iter().find(|e| e.key == TableKey::IncomeExpenseSummary) else { return known };
    let incomes = side_items(summary, Section::Income);
    let word = if key == TableKey::GovernmentFundExpense { "政府性基金" } else { "国有资本经营" };
    let one = |pick: &dyn Fn(&str) -> bool| match incomes.iter().filter(|(n, _)| pick(n)).collect::<Vec<_>>()[..] {
        [(_, v)] => Some(*v),
        _ => None,
    };
    let income = one(&|n: &str| n.contains(word) && n.ends_with("收入"));
    let carried = one(&|n: &str| n.contains("年初结转和结余")).filter(|v| v.is_zero());
    for (c, path) in t.paths.iter().enumerate() {
        known[c] = match path.as_str() {
            "本年收入" => income,
            "年初结转和结余" => carried,
            _ => None,
        };
    }
    known
}

/// What 部门收支总表's expense items by use say 部门支出总表's total row
/// holds: the item named as the column (`一、基本支出 21,968.00` under
/// 基本支出; a blank item is zero), where exactly one item is. Where
/// 部门收支总表 is not read, 财政拨款收支总表's items by use say the same
/// when its 支出合计 is the total row's 合计 (财政拨款 is a part of every
/// item; parts adding up to the whole are each the whole's): its total is
/// then known too, and a total row of another 合计 agrees with none of it.
fn known_by_use(t: &Template, earlier: &[Table]) -> Vec<Option<Decimal>> {
    let known = known_by_use_items(t, earlier);
    let parts_known = known.iter().zip(&t.paths).any(|(k, p)| k.is_some() && !is_total_word(p.as_str()));
    if parts_known {
        known
    } else {
        known_of_general_budget(t, earlier)
    }
}

/// The items by use of [`known_by_use`].
fn known_by_use_items(t: &Template, earlier: &[Table]) -> Vec<Option<Decimal>> {
    let mut known = vec![None; t.paths.len()];
    let expense = |key: TableKey| {
        earlier.iter().find(|e| e.key == key).map(|s| side_items(s, Section::Expense)).unwrap_or_default()
    };
    let mut uses = expense(TableKey::IncomeExpenseSummary);
    if uses.is_empty() {
        uses = expense(TableKey::FiscalIncomeExpenseSummary);
        let totals: Vec<Decimal> =
            uses.iter().filter(|(n, _)| n == "支出合计" || n == "支出总计").map(|(_, v)| *v).collect();
        let total = t.paths.iter().position(|p| is_total_word(p.as_str()));
        match (&totals[..], total) {
            ([v], Some(c)) => known[c] = Some(*v),
            _ => return known,
        }
    }
    for (c, path) in t.paths.iter().enumerate().filter(|(_, p)| !is_total_word(p.as_str())) {
        let found: Vec<Decimal> = uses.iter().filter(|(n, _)| n == path).map(|(_, v)| *v).collect();
        if let [v] = found[..] {
            known[c] = Some(v);
        }
    }
    known
}

/// What 一般公共预算支出表's total row says 部门支出总表's holds, where
/// the items by use say nothing (部门收支总表 printing its expense by
/// function): its 合计, 基本支出 and 项目支出 (each column's first, its
/// 小计 or 项目支出总数). 一般公共预算 is a part of every column, so where
/// the two 合计 are equal each part is 支出总表's (nat_016's `合计 1,200,000
/// 1,200,000`, all of it projects by the function table); a total row of
/// another 合计 agrees with none of it. Nothing where that table's total
/// row or its 合计 is not read.
fn known_of_general_budget(t: &Template, earlier: &[Table]) -> Vec<Option<Decimal>> {
    let leaves: Vec<&str> = t.paths.iter().map(|p| p.rsplit('/').next().unwrap_or_default()).collect();
    match earlier.iter().find(|e| e.key == TableKey::GeneralBudgetExpenseByFunction) {
        Some(g) => total_row_figures(g, &leaves),
        None => vec![None; leaves.len()],
    }
}

/// The figures table `t`'s total row prints in the columns named `names`
/// (a blank cell is zero): each the column of that leaf, else the total
/// of the group of that name (`基本支出` → `基本支出/小计`, `项目支出` →
/// `项目支出/项目支出总数`). All `None` unless the total's own column
/// (`合计`) is among them and read: another table's parts are known only
/// with the whole they make.
pub(crate) fn total_row_figures(t: &Table, names: &[&str]) -> Vec<Option<Decimal>> {
    let none = vec![None; names.len()];
    let Some(total) = t.rows.iter().rev().find(|r| is_total_word(&squeeze(&r.name))) else { return none };
    let amounts: Vec<(usize, &str)> = t
        .columns
        .iter()
        .enumerate()
        .filter(|(_, c)| c.kind == ColumnKind::Amount)
        .map(|(k, c)| (k, c.path.as_str()))
        .collect();
    let leaf = |path: &str| path.rsplit('/').next().unwrap_or_default().to_string();
    let group_total = |path: &str, name: &str| {
        let l = leaf(path);
        path.split('/').any(|s| s == name) && (is_total_word(&l) || l == "小计" || l.ends_with("总数"))
    };
    let figure = |name: &str| {
        let (k, _) = amounts
            .iter()
            .find(|(_, p)| leaf(p) == name)
            .or_else(|| amounts.iter().find(|(_, p)| group_total(p, name)))?;
        match total.cells.get(*k) {
            Some(Cell::Amount(d)) => Some(*d),
            Some(Cell::Blank) => Some(Decimal::ZERO),
            _ => None,
        }
    };
    let known: Vec<Option<Decimal>> = names.iter().map(|n| figure(n)).collect();
    if names.iter().zip(&known).any(|(n, k)| is_total_word(n) && k.is_some()) {
        known
    } else {
        none
    }
}

/// Whether the income item `item` is the one the family's source column
/// `leaf` takes its total from (`上年结转结余` from `上年结转…`); a column
/// under its printed name (`一般公共预算拨款收入`) by the word it holds.
pub(crate) fn income_item_of(leaf: &str, item: &str) -> bool {
    // `一般公共预算资金` is the fund `一般公共预算`.
    let leaf = leaf.strip_suffix("资金").filter(|l| INCOME_ITEMS.iter().any(|(i, _)| i == l)).unwrap_or(leaf);
    let printed = || INCOME_ITEMS.iter().find(|(_, word)| leaf.ends_with("收入") && leaf.contains(word));
    INCOME_ITEMS.iter().find(|(l, _)| *l == leaf).or_else(printed).is_some_and(|(_, word)| item.contains(word))
}

/// Rows still in doubt between 人员经费 and 公用经费 once the hierarchy has
/// spoken, in a table of both columns, take what the standard economic
/// classification says of their code (`30101` 基本工资 is 人员经费, `30201`
/// 办公费 公用经费; see [`crate::text_coded::class_says`]), or, in a table by
/// economic class printing no codes, of the codes the code book gives
/// their name, where all are of one class. `rows` are each row's code and
/// name. True when a row was narrowed.
pub(crate) fn narrow_by_economic_class(
    key: TableKey,
    readings: &mut [Option<Readings>],
    rows: &[(Option<&str>, &str)],
    t: &Template,
) -> bool {
    use crate::text_coded::{by_class, class_says};
    let column = |leaf: &str| t.paths.iter().position(|p| p.rsplit('/').next() == Some(leaf));
    let (Some(staff), Some(office)) = (column("人员经费"), column("公用经费")) else { return false };
    let by_economic =
        matches!(key, TableKey::GeneralBudgetBasicExpenseByEconomic | TableKey::FiscalBasicExpenseByEconomic);
    let by_name = |name: &str| {
        let says: Vec<Option<bool>> =
            budget_check::economic_codes_of_name(name).iter().map(|c| class_says(c)).collect();
        match says.split_first() {
            Some((first, rest)) if first.is_some() && rest.iter().all(|s| s == first) => *first,
            _ => None,
        }
    };
    let mut narrowed = false;
    for (found, (code, name)) in readings.iter_mut().zip(rows) {
        let is_staff = match code.filter(|c| !c.is_empty()) {
            Some(code) => class_says(code),
            None if by_economic => by_name(name),
            None => None,
        };
        let (Some(f), Some(is_staff)) = (found.as_mut().filter(|f| f.len() > 1), is_staff) else { continue };
        let kept = by_class(f.clone(), is_staff, (staff, office));
        narrowed |= kept.len() < f.len();
        *f = kept;
    }
    narrowed
}

/// Keeps the readings of a row that agree with what is `known` of it, when
/// some do.
pub(crate) fn narrow_by_known(readings: &mut Option<Readings>, known: &[Option<Decimal>]) {
    let Some(found) = readings.as_mut() else { return };
    let agrees =
        |r: &Vec<String>| r.iter().zip(known).all(|(v, k)| k.is_none_or(|k| amount(v).unwrap_or_default() == k));
    crate::text_caps::keep_where(found, agrees);
}

/// In a table without a negative amount no row holds more in a column
/// than the total row: once the total row is settled (one reading left),
/// every other row keeps its readings within it, when some are. A column
/// the total leaves blank is empty in every row (`合计 174,900.64
/// 101,833.84 41,534.73 …` settled by 部门收支总表's income items: a row's
/// 5,727.32 goes to no source whose total is 717.01).
pub(crate) fn narrow_within_total(readings: &mut [Option<Readings>], total: usize) {
    let Some(Some([settled])) = readings.get(total).map(Option::as_deref) else { return };
    let caps: Vec<Option<Decimal>> = settled.iter().map(|v| Some(amount(v).unwrap_or_default())).collect();
    let negative = |v: &String| amount(v).is_some_and(|v| v.is_sign_negative());
    if readings.iter().flatten().flatten().flatten().any(negative) {
        return;
    }
    for (i, found) in readings.iter_mut().enumerate() {
        if i != total {
            narrow_by_caps(found, &caps);
        }
    }
}

/// The most choices a search of readings by their sums
/// ([`choices_by_sums`]) takes whole, whatever their sums.
const FEW_CHOICES: usize = 1 << 16;

/// The most distinct sums a search of more choices keeps after any row.
const MAX_STATES: usize = 1 << 12;

/// The most steps (a sum and a row's reading) a search takes. A step adds
/// one reading of one row in doubt to one sum, so a search takes at most
/// twice as many steps as there are choices: a search of up to
/// [`FEW_CHOICES`] choices always ends.
const MAX_STEPS: usize = 2 * FEW_CHOICES;

/// Narrows the readings of rows by the hierarchy: in every column a parent
/// row is the sum of its children (`201` = Σ `201xx`; `20103` = Σ
/// `20103xx`; the total row = Σ the rows without a parent). `parents[i]` is
/// row `i`'s parent (`Some(None)` for the total row's children). A reading
/// is kept while some choice of readings for its group holds; repeated
/// until nothing changes.
pub(crate) fn narrow_by_hierarchy(rows: &mut [Option<Readings>], groups: &[(usize, Vec<usize>)]) {
    loop {
        let mut changed = false;
        for (parent, children) in groups {
            changed |= zero_columns_stay_empty(rows, *parent, children);
            let Some(members) = read_members(rows, *parent, children) else { continue };
            changed |= narrow_by_range(rows, &members);
            let sizes: Vec<usize> = members.iter().map(|&m| rows[m].as_ref().map_or(0, Vec::len)).collect();
            if sizes.iter().all(|&s| s == 1) {
                continue;
            }
            let Some(kept) = consistent_choices(rows, &members, &sizes) else { continue };
            for (k, &m) in members.iter().enumerate() {
                if let Some(r) = rows[m].as_mut() {
                    if kept[k].len() < r.len() && !kept[k].is_empty() {
                        let keep: Vec<Vec<String>> = kept[k].iter().map(|&i| r[i].clone()).collect();
                        *r = keep;
                        changed = true;
                    }
                }
            }
        }
        if !changed {
            return;
        }
    }
}

/// Drops the readings of a group's members (`members[0]` the parent) that
/// no choice for the other members could make add up: in each column, the
/// parent less the children must come to nothing, and a reading is kept
/// while that lies between what the others' least and most readings
/// allow. It tries no choices, so it narrows groups of too many to try (a
/// unit's twenty purchases of two or three sources each: a settled parent
/// with nothing in a column keeps every child out of it), and leaves fewer
/// for the trial that follows. Repeated until nothing changes; nothing is
/// dropped where some member would keep no reading. Returns whether a
/// reading was dropped.
fn narrow_by_range(rows: &mut [Option<Readings>], members: &[usize]) -> bool {
    let n = rows[members[0]].as_ref().and_then(|r| r.first()).map_or(0, Vec::len);
    // Each reading as signed amounts, whose sum comes to nothing within the
    // rounding.
    let sizes: Vec<usize> = members.iter().map(|&m| rows[m].as_ref().map_or(0, Vec::len)).collect();
    let values = signed_values(rows, members, &sizes, n);
    let tolerance = cents(members.len() - 1);
    let Some(keep) = within_ranges(&values, &vec![(Some(-tolerance), Some(tolerance)); n]) else { return false };
    let mut changed = false;
    for (&m, keep) in members.iter().zip(&keep) {
        if let Some(found) = rows[m].as_mut().filter(|_| keep.contains(&false)) {
            retain_marked(found, keep);
            changed = true;
        }
    }
    changed
}

/// Which readings of a group's rows can take part in a sum within
/// `ranges`: `values[k][p][l]` is row `k`'s reading `p` as an amount in
/// limit `l`, and the rows' sum in each limit must fall within
/// `ranges[l]` (either end open). A reading goes where, with every other
/// row at its least and at its most, the sum cannot come within a range;
/// repeated until nothing changes. It tries no choices, so it narrows
/// groups of any size. `None` where some row would keep no reading: the
/// ranges contradict the rows.
pub(crate) fn within_ranges(
    values: &[Vec<Vec<Decimal>>],
    ranges: &[(Option<Decimal>, Option<Decimal>)],
) -> Option<Vec<Vec<bool>>> {
    let mut keep: Vec<Vec<bool>> = values.iter().map(|v| vec![true; v.len()]).collect();
    loop {
        let kept = |k: usize| values[k].iter().zip(&keep[k]).filter(|(_, &alive)| alive).map(|(v, _)| v);
        let least = |k: usize, l: usize| kept(k).map(|v| v[l]).min().unwrap_or_default();
        let most = |k: usize, l: usize| kept(k).map(|v| v[l]).max().unwrap_or_default();
        let all_least: Vec<Decimal> = (0..ranges.len()).map(|l| (0..values.len()).map(|k| least(k, l)).sum()).collect();
        let all_most: Vec<Decimal> = (0..ranges.len()).map(|l| (0..values.len()).map(|k| most(k, l)).sum()).collect();
        let next: Vec<Vec<bool>> = (0..values.len())
            .map(|k| {
                let fits = |v: &Vec<Decimal>| {
                    ranges.iter().enumerate().all(|(l, &(lo, hi))| {
                        let low = all_least[l] - least(k, l) + v[l];
                        let high = all_most[l] - most(k, l) + v[l];
                        lo.is_none_or(|lo| high >= lo) && hi.is_none_or(|hi| low <= hi)
                    })
                };
                values[k].iter().zip(&keep[k]).map(|(v, &alive)| alive && fits(v)).collect()
            })
            .collect();
        if next.iter().any(|k| !k.contains(&true)) {
            return None;
        }
        if next == keep {
            return Some(keep);
        }
        keep = next;
    }
}

/// Keeps the readings `keep` marks.
pub(crate) fn retain_marked(found: &mut Readings, keep: &[bool]) {
    let mut p = 0;
    found.retain(|_| {
        p += 1;
        keep[p - 1]
    });
}

/// A group's rows, its parent first, where every one has a reading left.
fn read_members(rows: &[Option<Readings>], parent: usize, children: &[usize]) -> Option<Vec<usize>> {
    let members: Vec<usize> = std::iter::once(parent).chain(children.iter().copied()).collect();
    members.iter().all(|&m| rows[m].as_ref().is_some_and(|r| !r.is_empty())).then_some(members)
}

/// The parent of a group whose rows add up in none of their readings,
/// though some row has more than one: the printed sums are broken (or the
/// rows misread), and any reading shown would show a broken sum.
pub(crate) fn broken_group(rows: &[Option<Readings>], groups: &[(usize, Vec<usize>)]) -> Option<usize> {
    groups.iter().find_map(|(parent, children)| {
        let members = read_members(rows, *parent, children)?;
        let sizes: Vec<usize> = members.iter().map(|&m| rows[m].as_ref().map_or(0, Vec::len)).collect();
        if sizes.iter().all(|&s| s == 1) {
            return None;
        }
        consistent_choices(rows, &members, &sizes)?.iter().all(Vec::is_empty).then_some(*parent)
    })
}

/// Where a settled parent row is blank or zero in a column, none of its
/// children has an amount there (the family's amounts are not negative):
/// `302 商品和服务支出 1414.09 | | 1414.09` rules out 人员经费 for
/// `30201 办公费 155.51 155.51`. Where the parent is blank, no child prints
/// even a zero there: a column that prints its zeros prints the parent's
/// too (`208 … 754.75 754.75 0.00` under `合计 9759.38 5377.64 4381.74 | |`
/// puts 0.00 in 项目支出, not in 上缴上级支出). Returns whether a reading was
/// dropped.
fn zero_columns_stay_empty(rows: &mut [Option<Readings>], parent: usize, children: &[usize]) -> bool {
    let Some([settled]) = rows[parent].as_deref() else { return false };
    let zero: Vec<bool> = settled.iter().map(|c| amount(c).unwrap_or_default().is_zero()).collect();
    let blank: Vec<bool> = settled.iter().map(|c| c.trim().is_empty()).collect();
    let mut changed = false;
    for &c in children {
        let Some(readings) = rows[c].as_mut() else { continue };
        if readings.len() < 2 {
            continue;
        }
        let fits = |r: &Vec<String>| {
            r.iter()
                .zip(zero.iter().zip(&blank))
                .all(|(v, (&z, &b))| !z || (amount(v).unwrap_or_default().is_zero() && (!b || v.trim().is_empty())))
        };
        let negative = readings.iter().flatten().any(|v| amount(v).is_some_and(|d| d.is_sign_negative()));
        let kept: Vec<Vec<String>> = readings.iter().filter(|r| fits(r)).cloned().collect();
        if !negative && !kept.is_empty() && kept.len() < readings.len() {
            *readings = kept;
            changed = true;
        }
    }
    changed
}

/// For each member of a group (`members[0]` the parent), the indices of
/// its readings that take part in some choice under which the parent is
/// the sum of the children in every column, within the rounding. `None`
/// where there are too many sums to search ([`choices_by_sums`]).
fn consistent_choices(rows: &[Option<Readings>], members: &[usize], sizes: &[usize]) -> Option<Vec<Vec<usize>>> {
    let n = rows[members[0]].as_ref().and_then(|r| r.first()).map_or(0, Vec::len);
    let values = signed_values(rows, members, sizes, n);
    let tolerance = cents(members.len() - 1);
    let used = choices_by_sums(&values, &vec![(Some(-tolerance), Some(tolerance)); n])?;
    Some(used.iter().map(|u| (0..u.len()).filter(|&i| u[i]).collect()).collect())
}

/// A group that adds up in no reading (its parent printed as the sum of
/// rows that do not come to it: a document's total left unchanged when a
/// row was added) narrowed by the columns in which it does add up. Each
/// column is tried alone; the readings are then kept that make every
/// column that adds up alone add up together. Returns the columns that
/// add up in no reading, or `None` (nothing narrowed) where none does,
/// all do, or the columns that do cannot all hold at once.
pub(crate) fn narrow_by_columns_that_hold(
    rows: &mut [Option<Readings>],
    parent: usize,
    children: &[usize],
) -> Option<Vec<usize>> {
    let members = read_members(rows, parent, children)?;
    let sizes: Vec<usize> = members.iter().map(|&m| rows[m].as_ref().map_or(0, Vec::len)).collect();
    let n = rows[parent].as_ref().and_then(|r| r.first()).map_or(0, Vec::len);
    let values = signed_values(rows, &members, &sizes, n);
    let tolerance = cents(members.len() - 1);
    let holds = |cols: &[usize]| {
        let ranges: Vec<_> = (0..n)
            .map(|c| if cols.contains(&c) { (Some(-tolerance), Some(tolerance)) } else { (None, None) })
            .collect();
        choices_by_sums(&values, &ranges).filter(|used| used.iter().all(|u| u.contains(&true)))
    };
    let (holding, broken): (Vec<usize>, Vec<usize>) = (0..n).partition(|&c| holds(&[c]).is_some());
    if holding.is_empty() || broken.is_empty() {
        return None;
    }
    let used = holds(&holding)?;
    for (&m, keep) in members.iter().zip(&used) {
        if let Some(found) = rows[m].as_mut() {
            retain_marked(found, keep);
        }
    }
    Some(broken)
}

/// Each member's readings as amounts, the parent's added and the
/// children's taken away: `values[k][r][c]`, a blank or missing cell 0.
fn signed_values(rows: &[Option<Readings>], members: &[usize], sizes: &[usize], n: usize) -> Vec<Vec<Vec<Decimal>>> {
    members
        .iter()
        .zip(sizes)
        .enumerate()
        .map(|(k, (&m, &size))| {
            let sign = if k == 0 { Decimal::ONE } else { -Decimal::ONE };
            (0..size)
                .map(|r| {
                    let cells = rows[m].as_ref().and_then(|rs| rs.get(r));
                    (0..n).map(|c| sign * cells.and_then(|cells| amount(&cells[c])).unwrap_or_default()).collect()
                })
                .collect()
        })
        .collect()
}

/// For rows of readings `values[k][r]` (row `k`'s reading `r` as an
/// amount in each column), which readings take part in some choice (one
/// reading a row) whose sum in each column `l` falls within `ranges[l]`
/// (either end open): `used[k][r]`. `None` where there are more than
/// [`FEW_CHOICES`] choices and the search grows past [`MAX_STATES`] sums
/// or [`MAX_STEPS`] steps.
///
/// The rows are added one at a time, keeping only the distinct sums their
/// choices so far come to, so a category of twenty-eight units, each of
/// one amount that is one source or another (2^28 choices), is searched
/// through the few thousand sums those units can make. A sum is dropped
/// where the rows still to come cannot bring it within the ranges. The
/// choices that end within them are then followed back to mark the
/// readings they use. Rows of one reading are added to every sum at once.
/// The amounts are counted in units of the finest place any of them
/// prints, so that every sum is exact.
pub(crate) fn choices_by_sums(
    values: &[Vec<Vec<Decimal>>],
    ranges: &[(Option<Decimal>, Option<Decimal>)],
) -> Option<Vec<Vec<bool>>> {
    let n = ranges.len();
    let bounds = ranges.iter().flat_map(|&(lo, hi)| [lo, hi]).flatten();
    let places = values.iter().flatten().flatten().copied().chain(bounds).map(|d| d.scale()).max().unwrap_or(0);
    let units = |d: Decimal| d.mantissa().checked_mul(10i128.checked_pow(places - d.scale())?);
    let values: Vec<Vec<Vec<i128>>> = values
        .iter()
        .map(|rs| rs.iter().map(|r| r.iter().map(|&d| units(d)).collect::<Option<Vec<_>>>()).collect())
        .collect::<Option<Vec<_>>>()?;
    let mut low = Vec::with_capacity(n);
    let mut high = Vec::with_capacity(n);
    for &(lo, hi) in ranges {
        low.push(lo.map_or(Some(i128::MIN / 4), units)?);
        high.push(hi.map_or(Some(i128::MAX / 4), units)?);
    }
    // The rows of one reading, added to the start; the others searched,
    // those of the largest amounts first, so that what the rest can add is
    // soon small and few sums stay within reach.
    let mut open: Vec<usize> = (0..values.len()).filter(|&k| values[k].len() > 1).collect();
    let largest = |k: usize| values[k].iter().flatten().map(|v| v.unsigned_abs()).max().unwrap_or(0);
    open.sort_by_key(|&k| std::cmp::Reverse(largest(k)));
    let choices = open.iter().try_fold(1usize, |all, &k| all.checked_mul(values[k].len()));
    let max_states = if choices.is_some_and(|c| c <= FEW_CHOICES) { usize::MAX } else { MAX_STATES };
    let mut start = vec![0i128; n];
    for v in values.iter().filter(|v| v.len() == 1) {
        for c in 0..n {
            start[c] = start[c].checked_add(v[0][c])?;
        }
    }
    let column = |k: usize, c: usize| values[open[k]].iter().map(move |v| v[c]);
    // What the open rows from `k` on add at least and at most, by column.
    let mut rest = vec![(vec![0i128; n], vec![0i128; n]); open.len() + 1];
    for k in (0..open.len()).rev() {
        for c in 0..n {
            rest[k].0[c] = rest[k + 1].0[c].checked_add(column(k, c).min().unwrap_or_default())?;
            rest[k].1[c] = rest[k + 1].1[c].checked_add(column(k, c).max().unwrap_or_default())?;
        }
    }
    // The distinct sums after the open rows before `k`; for each `k`, how
    // many there were before it and how each sum after it came from one of
    // them (from, reading, to).
    let mut sums: Vec<Vec<i128>> = vec![start];
    let mut counts = Vec::with_capacity(open.len());
    let mut steps: Vec<Vec<(usize, usize, usize)>> = Vec::with_capacity(open.len());
    let mut taken = 0;
    for (k, &row) in open.iter().enumerate() {
        let mut next: Vec<Vec<i128>> = Vec::new();
        let mut index: HashMap<Vec<i128>, usize> = HashMap::new();
        let mut step = Vec::new();
        for (from, sum) in sums.iter().enumerate() {
            for (r, v) in values[row].iter().enumerate() {
                let to: Vec<i128> = sum.iter().zip(v).map(|(a, b)| a.checked_add(*b)).collect::<Option<_>>()?;
                let reachable = (0..n).all(|c| {
                    to[c].saturating_add(rest[k + 1].0[c]) <= high[c]
                        && to[c].saturating_add(rest[k + 1].1[c]) >= low[c]
                });
                if !reachable {
                    continue;
                }
                let at = *index.entry(to.clone()).or_insert_with(|| {
                    next.push(to);
                    next.len() - 1
                });
                step.push((from, r, at));
                taken += 1;
                if next.len() > max_states || taken > MAX_STEPS {
                    return None;
                }
            }
        }
        counts.push(sums.len());
        sums = next;
        steps.push(step);
    }
    let mut used: Vec<Vec<bool>> = values.iter().map(|v| vec![false; v.len()]).collect();
    let mut alive: Vec<bool> = sums.iter().map(|sum| (0..n).all(|c| sum[c] >= low[c] && sum[c] <= high[c])).collect();
    for (k, &row) in open.iter().enumerate().rev() {
        let mut reached = vec![false; counts[k]];
        for &(from, r, to) in &steps[k] {
            if alive[to] {
                used[row][r] = true;
                reached[from] = true;
            }
        }
        alive = reached;
    }
    if alive.contains(&true) {
        for u in used.iter_mut().filter(|u| u.len() == 1) {
            u[0] = true;
        }
    }
    Some(used)
}

/// Keeps of each row `members[k]`'s readings those `used[k]` marks, where
/// some choice held; where none did, nothing changes.
pub(crate) fn keep_used(readings: &mut [Option<Readings>], members: &[usize], used: &[Vec<bool>]) {
    if used.iter().all(|u| !u.contains(&true)) {
        return;
    }
    for (k, &i) in members.iter().enumerate() {
        if let Some(r) = readings[i].as_mut() {
            let mut p = 0;
            r.retain(|_| {
                p += 1;
                used[k][p - 1]
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use budget_model::Cell;

    /// 北京's 收入总表 header: 17 columns, its funds printed with `资金`.
    const FUNDS_AS_MONEY: &str = "合计本年收入上年结转结余小计一般公共预算资金政府性基金预算资金国有资本经营预算资金\
                                  财政专户管理资金事业收入事业单位经营收入上级补助收入附属单位上缴收入其他收入小计\
                                  一般公共预算资金政府性基金预算资金国有资本经营预算资金财政专户管理资金单位资金";

    /// A row of 8 amounts under the 17 columns of 北京's 收入总表 is
    /// placed in every way its sums allow; the cells all readings share
    /// are read (合计, the two 小计).
    #[test]
    fn a_row_of_a_seventeen_column_table_is_placed_in_every_way() {
        let header = FUNDS_AS_MONEY;
        let t = template(TableKey::IncomeSummary, header).expect("a template");
        assert_eq!(t.paths.len(), 17);
        let printed = row("92,430.00 70,272.19 70,264.19 8.00 22,157.81 17,392.58 4,683.73 81.50");
        let readings = readings_of(&t, &printed).expect("within the bound");
        assert!(readings.len() > 1);
        let cells = agreed(&t, &readings);
        assert_eq!((cells[0].as_str(), cells[1].as_str(), cells[11].as_str()), ("92,430.00", "70,272.19", "22,157.81"));
    }

    /// 北京's 收入总表 prints one row: `110,896.62 110,387.98 110,387.98
    /// 508.64 508.64`. 部门收支总表 places the year's income (一般公共预算),
    /// not the 508.64 carried over, which any of five funds may hold;
    /// 财政拨款收支总表, printed after, splits it by fund.
    #[test]
    fn the_funds_carried_over_are_known_from_the_fiscal_summary_printed_after() {
        let t = template(TableKey::IncomeSummary, FUNDS_AS_MONEY).expect("a template");
        let items = |key: TableKey, items: &[(&str, Option<&str>)]| {
            let mut table = Table::new(key, "01", "收支总表");
            table.columns = vec![budget_model::Column::amount("预算数")];
            for (name, v) in items {
                let mut r = budget_model::Row::new(*name, 3);
                r.section = Some(Section::Income);
                r.cells = vec![v.map_or(Cell::Blank, |v| Cell::Amount(v.parse().expect("an amount")))];
                table.rows.push(r);
            }
            table
        };
        let summary = items(
            TableKey::IncomeExpenseSummary,
            &[
                ("一般公共预算拨款收入", Some("110387.98")),
                ("本年收入合计", Some("110387.98")),
                ("上年结转结余", Some("508.64")),
            ],
        );
        let fiscal = items(
            TableKey::FiscalIncomeExpenseSummary,
            &[
                ("一、一般公共预算资金", Some("110387.98")),
                ("上年结转结余", Some("508.64")),
                ("一、一般公共预算拨款", Some("508.64")),
                ("二、政府性基金预算拨款", None),
                ("三、国有资本经营预算拨款", None),
                ("收入总计", Some("110896.62")),
            ],
        );
        let carried = |known: &[Option<Decimal>]| known[11..].to_vec();
        let earlier = [summary];
        let alone = known_totals_around(TableKey::IncomeSummary, &t, (&earlier, &[]), income_item_of);
        assert_eq!(alone[2], Some(Decimal::new(11038798, 2)), "the year's 一般公共预算资金");
        assert_eq!(carried(&alone), [Some(Decimal::new(50864, 2)), None, None, None, None, None]);
        let later = [fiscal];
        let known = known_totals_around(TableKey::IncomeSummary, &t, (&earlier, &later), income_item_of);
        let (some, zero) = (Some(Decimal::new(50864, 2)), Some(Decimal::ZERO));
        assert_eq!(carried(&known), [some, some, zero, zero, None, None]);
        let mut found = readings_of(&t, &row("110,896.62 110,387.98 110,387.98 508.64 508.64"));
        assert!(found.as_ref().is_some_and(|f| f.len() > 1));
        narrow_by_known(&mut found, &known);
        let found = found.expect("readings");
        assert_eq!(found.len(), 1);
        assert_eq!((found[0][2].as_str(), found[0][12].as_str()), ("110,387.98", "508.64"));
        // Without 部门收支总表, 财政拨款收支总表's items of the year, before
        // its carry-over (whose items bear the funds' names too), are the
        // funds' columns; the carry-over's whole is not known from it.
        let known = known_totals_around(TableKey::IncomeSummary, &t, (&[], &later), income_item_of);
        assert_eq!(known[2], Some(Decimal::new(11038798, 2)), "the year's 一般公共预算资金");
        assert_eq!((known[3], known[4]), (None, None), "funds the year's items do not list");
        assert_eq!(known[11], None);
    }

    /// A project table's sources the department has no income from hold
    /// nothing: its amounts, two for nine columns, are the year's grants of
    /// 一般公共预算, the only income 部门收入总表 prints.
    #[test]
    fn sources_without_income_hold_no_project_amount() {
        let t = template(
            TableKey::ProjectExpense,
            "项目名称项目单位合计本年拨款财政拨款结转结余财政专户管理资金单位资金一般公共预算政府性基金预算国有资本经营预算一般公共预算政府性基金预算国有资本经营预算",
        )
        .expect("a template");
        let mut income = Table::new(TableKey::IncomeSummary, "02", "收入总表");
        let leaves = [
            "合计",
            "一般公共预算",
            "政府性基金预算",
            "国有资本经营预算",
            "财政专户管理资金",
            "事业收入",
            "事业单位经营收入",
            "上级补助收入",
            "附属单位上缴收入",
            "其他收入",
            "上年结转结余",
        ];
        income.columns = leaves.iter().map(|l| budget_model::Column::amount(*l)).collect();
        let mut total = budget_model::Row::new("合计", 2);
        let figure = |v: &str| Cell::Amount(v.parse().expect("an amount"));
        total.cells = [figure("9193255.82"), figure("9193255.82")]
            .into_iter()
            .chain(std::iter::repeat_n(Cell::Blank, 9))
            .collect();
        income.rows.push(total);
        let known = known_totals(TableKey::ProjectExpense, &t, std::slice::from_ref(&income), income_item_of);
        let zero = Some(Decimal::ZERO);
        assert_eq!(known, [None, None, zero, zero, zero, zero, zero, zero, zero], "{:?}", t.paths);
        let mut found = readings_of(&t, &row("9,193,255.82 9,193,255.82"));
        assert!(found.as_ref().is_some_and(|f| f.len() > 1));
        narrow_by_known(&mut found, &known);
        assert_eq!(found.expect("readings").len(), 1);
        // An income of the fund leaves its column unknown.
        income.rows[0].cells[2] = figure("10.00");
        let known = known_totals(TableKey::ProjectExpense, &t, std::slice::from_ref(&income), income_item_of);
        assert_eq!(known[2], None);
    }

    fn by_function() -> Template {
        template(TableKey::GeneralBudgetExpenseByFunction, "科目编码科目名称合计基本支出项目支出小计人员经费公用经费")
            .expect("a template")
    }

    fn row(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_string).collect()
    }

    /// 会议费 and 培训费 printed after the 三公 columns are columns of their
    /// own, outside the 三公 total.
    #[test]
    fn a_three_public_header_with_meetings_after_it_keeps_them_outside_its_total() {
        let header =
            "“三公”经费合计因公出国（境）费公务用车购置及运行费小计公务用车购置费公务用车运行费公务接待费会议费培训费";
        let t = template(TableKey::ThreePublicExpense, header).expect("a template");
        assert_eq!(t.paths[5..], ["公务接待费", "会议费", "培训费"]);
        assert_eq!(t.sums, [(0, vec![1, 2, 5]), (2, vec![3, 4])]);
        let readings = readings_of(&t, &row("10.85 0.00 8.20 0.00 8.20 2.65 2.48 9.48")).expect("within the bound");
        assert_eq!(readings.len(), 1);
        assert_eq!(readings[0][6..], ["2.48", "9.48"]);
    }

    /// A function table of spending by use alone: `合计 基本支出 项目支出`,
    /// or a 决算's `本年支出` over `小计 基本支出 项目支出`; a header naming
    /// any other column is not this set.
    #[test]
    fn a_function_table_by_use_alone_sums_its_uses() {
        let t = template(
            TableKey::GeneralBudgetExpenseByFunction,
            "项目科目编码科目名称小计基本支出项目支出本年支出栏次123",
        )
        .expect("a template");
        assert_eq!(t.paths, ["本年支出/小计", "本年支出/基本支出", "本年支出/项目支出"]);
        assert_eq!(t.sums, [(0, vec![1, 2])]);
        let plain =
            template(TableKey::FiscalExpenseByFunction, "科目编码科目名称合计基本支出项目支出").expect("a template");
        assert_eq!(plain.paths, ["合计", "基本支出", "项目支出"]);
        assert!(template(TableKey::GeneralBudgetExpenseByFunction, "科目编码科目名称合计基本支出项目支出政府采购")
            .is_none());
    }

    /// 财政拨款支出预算表 by fund, the general budget's column split into
    /// 小计 and `其中：基本支出`: 合计 is 小计 and the other funds; the
    /// 基本支出 column is in no sum.
    #[test]
    fn fiscal_expense_by_fund_has_the_general_budgets_basic_expense_within_it() {
        let header = "科目编码科目名称合计一般公共预算拨款小计其中：基本支出政府性基金预算拨款";
        let t = template(TableKey::FiscalExpenseByFunction, header).expect("a template");
        assert_eq!(t.paths, ["合计", "一般公共预算拨款/小计", "一般公共预算拨款/其中：基本支出", "政府性基金预算拨款"]);
        assert_eq!(t.sums, [(0, vec![1, 3])]);
        let plain =
            template(TableKey::FiscalExpenseByFunction, "合计一般公共预算拨款政府性基金预算拨款国有资本经营预算拨款")
                .expect("a template");
        assert_eq!(plain.paths, ["合计", "一般公共预算拨款", "政府性基金预算拨款", "国有资本经营预算拨款"]);
        assert_eq!(plain.sums, [(0, vec![1, 2, 3])]);
        // Funds printed before their total are no such table.
        assert!(template(TableKey::FiscalExpenseByFunction, "一般公共预算拨款政府性基金预算拨款合计").is_none());
    }

    #[test]
    fn a_three_public_header_over_two_years_has_each_years_columns() {
        let header = "2025年预算数2026年预算数合计因公出国（境）费公务用车购置及运行费公务接待费合计因公出国（境）费\
                      公务用车购置及运行费公务接待费小计公务用车购置费公务用车运行费小计公务用车购置费公务用车运行费";
        let t = template(TableKey::ThreePublicExpense, header).expect("a template");
        assert_eq!(t.paths.len(), 12);
        assert_eq!((t.paths[0].as_str(), t.paths[6].as_str()), ("2025年预算数/合计", "2026年预算数/合计"));
        assert_eq!(t.sums[2..], [(6, vec![7, 8, 11]), (8, vec![9, 10])]);
        let found = readings_of(&t, &row("396.97 184.49 202.48 202.48 10.00 394.49 184.49 200.00 200.00 10.00"));
        // Each year's car: 购置费 or 运行费.
        assert_eq!(found.map(|f| f.len()), Some(4));
        // The year before as one column is not two years' column sets.
        let once = "2025年预算数2026年预算数合计因公出国（境）费公务用车购置及运行费公务接待费小计公务用车购置费公务用车运行费";
        assert_eq!(template(TableKey::ThreePublicExpense, once).map(|t| t.paths.len()), Some(6));
    }

    #[test]
    fn an_expense_summary_with_reserve_and_carry_over_columns_sums_them_into_its_total() {
        let header = "合计基本支出项目支出单位预留机动经费结转下年资金";
        let t = template(TableKey::ExpenseSummary, header).expect("a template");
        assert_eq!(t.paths, ["合计", "基本支出", "项目支出", "单位预留机动经费", "结转下年资金"]);
        assert_eq!(t.sums, [(0, vec![1, 2, 3, 4])]);
        assert!(header_fits(&t, header));
        // Any one part blank: four readings hold, for the 收支总表 to settle.
        let mut found = readings_of(&t, &row("37,188.34 21,968.00 10,208.94 5,011.40"));
        assert_eq!(found.as_ref().map(Vec::len), Some(4));
        let mut summary = Table::new(TableKey::IncomeExpenseSummary, "01", "收支预算总表");
        summary.columns = vec![budget_model::Column::amount("金额")];
        for (name, v) in
            [("一、基本支出", Some("21968.00")), ("三、单位预留机动经费", Some("5011.40")), ("结转下年资金", None)]
        {
            let mut r = budget_model::Row::new(name, 8);
            r.section = Some(Section::Expense);
            r.cells = vec![v.map_or(Cell::Blank, |v| Cell::Amount(v.parse().expect("an amount")))];
            summary.rows.push(r);
        }
        let known = known_totals(TableKey::ExpenseSummary, &t, std::slice::from_ref(&summary), income_item_of);
        let d = |v: &str| Some(v.parse::<Decimal>().expect("an amount"));
        assert_eq!(known, [None, d("21968.00"), None, d("5011.40"), d("0")]);
        narrow_by_known(&mut found, &known);
        let want: Vec<String> = ["37,188.34", "21,968.00", "10,208.94", "5,011.40", ""].map(String::from).to_vec();
        assert_eq!(found, Some(vec![want]));
        // 财政拨款收支总表's items by use, where 部门收支总表 is not read: they
        // are the department's when its 支出合计 is the row's 合计.
        let mut fiscal = summary.clone();
        fiscal.key = TableKey::FiscalIncomeExpenseSummary;
        let mut total = budget_model::Row::new("支出合计", 8);
        total.section = Some(Section::Expense);
        total.cells = vec![Cell::Amount("37188.34".parse().expect("an amount"))];
        fiscal.rows.push(total);
        let known = known_totals(TableKey::ExpenseSummary, &t, std::slice::from_ref(&fiscal), income_item_of);
        assert_eq!(known, [d("37188.34"), d("21968.00"), None, d("5011.40"), d("0")]);
        fiscal.rows.pop();
        let known = known_totals(TableKey::ExpenseSummary, &t, &[fiscal], income_item_of);
        assert!(known.iter().all(Option::is_none));
    }

    /// Two equal amounts under 合计 / 人员经费 / 公用经费 fit either part: the
    /// economic class of the row's code, or of its name where no code is
    /// printed, settles it; another class, or a table by function, does not.
    #[test]
    fn the_economic_class_settles_staff_or_office() {
        let t = template(TableKey::GeneralBudgetBasicExpenseByEconomic, "科目编码科目名称合计人员经费公用经费")
            .expect("a template");
        let two = || readings_of(&t, &row("5.00 5.00")).filter(|r| r.len() == 2);
        let rows = [(Some("30101"), "基本工资"), (None, "办公费"), (None, "某项支出"), (Some("30301"), "离休费")];
        let mut readings: Vec<Option<Readings>> = rows.iter().map(|_| two()).collect();
        let key = TableKey::GeneralBudgetBasicExpenseByEconomic;
        assert!(narrow_by_economic_class(key, &mut readings, &rows, &t));
        let cells = |r: &Option<Readings>| r.as_ref().map(|f| f.iter().map(|c| c[1..].join("|")).collect::<Vec<_>>());
        let got: Vec<_> = readings.iter().map(cells).collect();
        let both = Some(vec!["5.00|".to_string(), "|5.00".to_string()]);
        assert_eq!(got, [Some(vec!["5.00|".to_string()]), Some(vec!["|5.00".to_string()]), both.clone(), both.clone()]);
        // Names are not looked up in a table by function.
        let mut readings = vec![two()];
        let by_function = [(None, "办公费")];
        assert!(!narrow_by_economic_class(TableKey::ExpenseSummary, &mut readings, &by_function, &t));
    }

    #[test]
    fn a_final_account_three_public_header_pairs_budget_and_final_under_each_column() {
        // The cars' heading on the first header line, before 公务接待费; the
        // cars' leaves and the pairs on the lines below.
        let header = "财政拨款“三公”经费合计因公出国（境）费公务用车购置及运行维护费公务接待费小计公务用车购置费公务用车运行维护费\
                      预算数决算数预算数决算数预算数决算数预算数决算数预算数决算数预算数决算数";
        let t = template(TableKey::ThreePublicExpense, header).expect("a template");
        assert_eq!(t.paths.len(), 12);
        assert_eq!(
            t.paths[..6],
            [
                "“三公”经费合计/预算数",
                "“三公”经费合计/决算数",
                "因公出国（境）费/预算数",
                "因公出国（境）费/决算数",
                "公务用车购置及运行维护费/小计/预算数",
                "公务用车购置及运行维护费/小计/决算数",
            ]
        );
        assert_eq!(t.paths[11], "公务接待费/决算数");
        assert_eq!(t.sums[..2], [(0, vec![2, 4, 10]), (1, vec![3, 5, 11])]);
        let found = readings_of(&t, &row("2.85 0.39 0.00 0.00 0.00 0.00 0.00 0.00 0.00 0.00 2.85 0.39"));
        assert_eq!(found.map(|f| f.len()), Some(1));
        // One pair for six columns is no final account's header.
        let once = "“三公”经费合计因公出国（境）费公务用车购置及运行维护费公务接待费小计公务用车购置费公务用车运行维护费预算数决算数";
        assert_eq!(template(TableKey::ThreePublicExpense, once).map(|t| t.paths.len()), Some(6));
    }

    /// The national 决算 form prints the 三公 columns twice, all under
    /// 预算数 and then all under 决算数: twelve columns, the groups in the
    /// header's order, each with its own sums.
    #[test]
    fn a_final_account_three_public_header_prints_its_columns_under_budget_then_final() {
        let header = "预算数决算数合计因公出国（境）费公务用车购置及运行费小计公务用车购置费公务用车运行费公务接待费\
                      合计因公出国（境）费公务用车购置及运行费小计公务用车购置费公务用车运行费公务接待费";
        let t = template(TableKey::ThreePublicExpense, header).expect("a template");
        assert_eq!(t.paths.len(), 12);
        assert_eq!(t.paths[0], "预算数/合计");
        assert_eq!(t.paths[6], "决算数/合计");
        assert_eq!(t.paths[11], "决算数/公务接待费");
        assert_eq!(t.sums, [(0, vec![1, 2, 5]), (2, vec![3, 4]), (6, vec![7, 8, 11]), (8, vec![9, 10])]);
        let found = readings_of(&t, &row("7.76 0.00 6.51 0.00 6.51 1.25 6.85 0.00 5.85 0.00 5.85 1.00"));
        assert_eq!(found.map(|f| f.len()), Some(1));
    }

    #[test]
    fn a_three_public_header_over_meetings_and_training_sums_them_into_its_total() {
        let header = "合计“三公”经费会议费培训费小计因公出国（境）费公务用车购置及运行维护费公务接待费小计公务用车购置费公务用车运行维护费";
        let t = template(TableKey::ThreePublicExpense, header).expect("a template");
        assert_eq!(
            t.paths,
            [
                "合计",
                "“三公”经费/小计",
                "“三公”经费/因公出国（境）费",
                "“三公”经费/公务用车购置及运行维护费/小计",
                "“三公”经费/公务用车购置及运行维护费/公务用车购置费",
                "“三公”经费/公务用车购置及运行维护费/公务用车运行维护费",
                "“三公”经费/公务接待费",
                "会议费",
                "培训费",
            ]
        );
        assert!(header_fits(&t, header));
        // One car leaf blank: 购置费 or 运行维护费, every other cell certain.
        let found =
            readings_of(&t, &row("2,382.02 513.75 160.00 266.80 266.80 86.95 271.02 1,597.25")).expect("readings");
        assert_eq!(found.len(), 2);
        let mut leaves: Vec<[&str; 2]> = found.iter().map(|r| [r[4].as_str(), r[5].as_str()]).collect();
        leaves.sort();
        assert_eq!(leaves, [["", "266.80"], ["266.80", ""]]);
        assert!(found.iter().all(|r| r[6] == "86.95" && r[7] == "271.02" && r[8] == "1,597.25"));
    }

    #[test]
    fn a_three_public_header_with_upkeep_columns_keeps_its_order() {
        let header = "“三公”经费财政拨款预算总额因公出国（境）费用公务接待费公务用车购置及运行维护费小计公务用车购置费公务用车运行维护费";
        let t = template(TableKey::ThreePublicExpense, header).expect("a template");
        assert_eq!(t.paths[2], "公务接待费");
        assert_eq!(t.sums, [(0, vec![1, 2, 3]), (3, vec![4, 5])]);
        assert!(header_fits(&t, header));
        // 购置费 or 运行维护费: two readings hold.
        let found = readings_of(&t, &row("231.48 181.99 2.85 46.64 46.64")).expect("readings");
        assert_eq!(found.len(), 2);
        let found = readings_of(&t, &row("7592.485 7592.485 2489.467 5103.018")).expect("readings");
        let want: Vec<String> = ["7592.485", "", "", "7592.485", "2489.467", "5103.018"].map(String::from).to_vec();
        assert_eq!(found, [want]);
        // The cars' heading printed first, a spreadsheet's merged cell: its
        // leaves, after 公务接待费, tell the order.
        let header =
            format!("公务用车购置及运行维护费{header}").replacen("公务接待费公务用车购置及运行维护费", "公务接待费", 1);
        let t = template(TableKey::ThreePublicExpense, &header).expect("a template");
        assert_eq!(t.paths[2], "公务接待费");
        let printed = "380.794272 71.443000 6.510872 302.840400 188.158000 114.682400";
        assert_eq!(readings_of(&t, &row(printed)), Some(vec![row(printed)]));
    }

    #[test]
    fn a_six_column_expense_summary_keeps_the_unit_outlays_empty() {
        let header = "科目编码科目名称合计基本支出项目支出事业单位经营支出上缴上级支出对附属单位补助支出";
        let t = template(TableKey::ExpenseSummary, header).expect("a template");
        assert_eq!(t.paths.len(), 6);
        assert!(header_fits(&t, header));
        let cases: &[(&str, &[&str])] = &[
            ("5.00 3.00 2.00", &["5.00 3.00 2.00 _ _ _"]),
            ("3.00 3.00", &["3.00 3.00 _ _ _ _", "3.00 _ 3.00 _ _ _"]),
            // 经营 filled: 合计 holds it under one meaning and not the other.
            ("10.00 6.00 3.00 1.00", &[]),
            ("6.00 3.00 2.00 1.00", &[]),
        ];
        for (printed, want) in cases {
            let want: Vec<Vec<String>> =
                want.iter().map(|w| row(w).into_iter().map(|c| c.replace('_', "")).collect()).collect();
            assert_eq!(readings_of(&t, &row(printed)), Some(want), "{printed}");
        }
    }

    #[test]
    fn basic_expense_by_economic_columns_keep_their_heading() {
        let header = "部门预算支出经济分类科目本年财政拨款基本支出科目编码科目名称合计人员经费公用经费";
        let t = template(TableKey::FiscalBasicExpenseByEconomic, header).expect("a template");
        assert_eq!(
            t.paths,
            ["本年财政拨款基本支出/合计", "本年财政拨款基本支出/人员经费", "本年财政拨款基本支出/公用经费"]
        );
        assert!(header_fits(&t, header));
    }

    #[test]
    fn a_three_public_header_with_its_cars_heading_first_and_meetings() {
        let header = "公务用车购置及运行维护费“三公”经费合计因公出国（境）费小计公务用车购置费公务用车运行维护费公务接待费会议费培训费";
        let t = template(TableKey::ThreePublicExpense, header).expect("a template");
        assert!(header_fits(&t, header));
        assert_eq!(t.paths[1], "因公出国（境）费");
        assert_eq!(t.paths[5], "公务接待费");
        assert_eq!(t.paths[6..], ["会议费", "培训费"]);
        let printed = "15.00 0.00 5.00 2.00 3.00 10.00 30.00 105.00";
        assert_eq!(readings_of(&t, &row(printed)), Some(vec![row(printed)]));
        assert_eq!(readings_of(&t, &row("15.00 0.00 5.00 2.00 3.00 9.00 30.00 105.00")), Some(vec![]));
    }

    /// The total of a 三公 header of 公务用车运行费 keeps the name it is
    /// printed with: `“三公”经费合计`, or a bare `合计`.
    #[test]
    fn a_three_public_total_keeps_its_printed_name() {
        let cases = [
            ("合计因公出国（境）费公务用车购置及运行费公务接待费小计公务用车购置费公务用车运行费", "合计"),
            (
                "“三公”经费合计因公出国（境）费公务用车购置及运行费公务接待费小计公务用车购置费公务用车运行费",
                "“三公”经费合计",
            ),
        ];
        for (header, total) in cases {
            let t = template(TableKey::ThreePublicExpense, header).expect("a template");
            assert_eq!(t.paths[0], total, "{header}");
            assert_eq!(
                t.paths[1..],
                [
                    "因公出国（境）费",
                    "公务用车购置及运行费/小计",
                    "公务用车购置及运行费/公务用车购置费",
                    "公务用车购置及运行费/公务用车运行费",
                    "公务接待费"
                ]
            );
            assert!(header_fits(&t, header), "{header}");
        }
    }

    #[test]
    fn income_funds_carried_over_form_a_group_after_a_second_subtotal() {
        let header = "本年收入上年结转结余部门代码部门名称合计小计一般公共预算政府性基金预算事业收入其他收入\
                      小计一般公共预算政府性基金预算单位资金";
        let t = template(TableKey::IncomeSummary, header).expect("a template");
        assert!(header_fits(&t, header));
        assert_eq!(
            t.paths[6..],
            ["上年结转结余/小计", "上年结转结余/一般公共预算", "上年结转结余/政府性基金预算", "上年结转结余/单位资金"]
        );
        assert_eq!(t.sums, [(0, vec![1, 6]), (1, vec![2, 3, 4, 5]), (6, vec![7, 8, 9])]);
    }

    #[test]
    fn a_short_row_goes_where_the_sums_hold() {
        let t = by_function();
        let cases: &[(&str, &[&str])] = &[
            ("1762.80 1762.80", &["1762.80 _ _ _ 1762.80"]),
            ("401.20 401.20 233.13 168.07", &["401.20 401.20 233.13 168.07 _"]),
            ("30.42 30.42 30.42", &["30.42 30.42 30.42 _ _", "30.42 30.42 _ 30.42 _"]),
            ("100.00 20.00", &[]),
        ];
        for (printed, want) in cases {
            let want: Vec<Vec<String>> =
                want.iter().map(|w| row(w).into_iter().map(|c| c.replace('_', "")).collect()).collect();
            assert_eq!(readings_of(&t, &row(printed)), Some(want), "{printed}");
        }
    }

    /// Funds printed with `资金` after their names keep it in their paths,
    /// and are still told among 收支总表's income items by their names.
    #[test]
    fn funds_printed_as_money_keep_their_printed_names() {
        let header = FUNDS_AS_MONEY;
        let t = template(TableKey::IncomeSummary, header).expect("a template");
        assert!(header_fits(&t, header));
        assert_eq!(t.paths[2], "本年收入/一般公共预算资金");
        assert_eq!(t.paths[5], "本年收入/财政专户管理资金");
        assert_eq!(t.paths[12], "上年结转结余/一般公共预算资金");
        assert_eq!(t.paths.last().map(String::as_str), Some("上年结转结余/单位资金"));
        assert!(income_item_of("一般公共预算资金", "一般公共预算拨款收入"));
        assert!(!income_item_of("一般公共预算资金", "政府性基金预算拨款收入"));
        let plain = template(TableKey::IncomeSummary, "合计本年收入上年结转结余小计一般公共预算政府性基金预算事业收入")
            .expect("a template");
        assert_eq!(plain.paths[2], "本年收入/一般公共预算");
    }

    /// 深圳's 项目支出总表, 收入总表 and 基本支出总表 split the total by source: the funds of 财政拨款, then
    /// 单位资金's sources and what was carried over, 总计 their sum.
    #[test]
    fn a_table_by_source_is_read_by_its_sources() {
        let header = "2026年预算财政拨款单位资金支出项目类别总计一般公共预算拨款政府性基金预算拨款国有资本经营预算拨款\
                      财政专户管理资金事业收入事业单位经营收入上级补助收入附属单位上缴收入其他收入上年结余、结转";
        let t = template(TableKey::ProjectExpense, header).expect("a template");
        assert!(header_fits(&t, header));
        assert_eq!(t.paths.len(), 11);
        assert_eq!(t.paths[0], "总计");
        assert_eq!(t.paths[1], "财政拨款/一般公共预算拨款");
        assert_eq!(t.paths[10], "上年结余、结转");
        let printed = "144.96 144.96 0.00 0.00 0.00 0.00 0.00 0.00 0.00 0.00 0.00";
        let found = readings_of(&t, &row(printed)).expect("readings");
        assert_eq!(found.len(), 1);
        let printed = "1,500.00 1,000.00 0.00 0.00 0.00 0.00 0.00 0.00 0.00 300.00 100.00";
        assert_eq!(readings_of(&t, &row(printed)).expect("readings").len(), 0, "the sources add up to 1,400.00");
        // 收入总表 of the same template: its total printed `收入总计`.
        let header = "本年收入财政拨款单位资金预算单位收入总计一般公共预算拨款政府性基金预算拨款国有资本经营预算拨款\
                      财政专户管理资金事业收入事业单位经营收入上级补助收入附属单位上缴收入其他收入上年结余、结转";
        let t = template(TableKey::IncomeSummary, header).expect("a template");
        assert!(header_fits(&t, header));
        assert_eq!(t.paths.len(), 11);
        assert_eq!(t.paths[0], "收入总计");
        // 基本支出总表 of the same template: a 小计 of 财政拨款 before its funds.
        let header = "财政拨款单位资金支出项目类别总计小计一般公共预算拨款政府性基金预算拨款国有资本经营预算拨款\
                      财政专户管理资金事业收入事业单位经营收入上级补助收入附属单位上缴收入其他收入上年结余、结转";
        let t = template(TableKey::GeneralBudgetBasicExpenseByEconomic, header).expect("a template");
        assert!(header_fits(&t, header));
        assert_eq!(t.paths.len(), 12);
        assert_eq!(t.paths[1], "财政拨款/小计");
        assert_eq!(t.sums, [(0, vec![1, 5, 6, 7, 8, 9, 10, 11]), (1, vec![2, 3, 4])]);
        let printed = "5,581.69 5,581.69 5,581.69 0.00 0.00 0.00 0.00 0.00 0.00 0.00 0.00 0.00";
        assert_eq!(readings_of(&t, &row(printed)).expect("readings").len(), 1);
    }

    /// 部门支出总表's `其中` columns without the `基本支出` they follow are
    /// the family's header read in part; the whole header is not.
    #[test]
    fn an_expense_header_of_its_parts_alone_is_partial() {
        let parts = "事业单位经营支出上缴上级支出对附属单位补助支出";
        assert!(family_header(TableKey::ExpenseSummary, parts));
        assert!(!family_header(TableKey::ExpenseSummary, &format!("合计基本支出项目支出{parts}")));
        assert!(!family_header(TableKey::ExpenseSummary, "合计基本支出项目支出"));
    }

    #[test]
    fn children_settle_which_column_a_lone_amount_is_in() {
        // 20103 prints all three; of its children, 2010301 and 2010302 carry
        // one amount twice (合计 and 基本支出, or 合计 and 项目支出).
        let t = template(TableKey::ExpenseSummary, "合计基本支出项目支出").expect("a template");
        let mut rows: Vec<Option<Readings>> =
            ["5.00 3.00 2.00", "3.00 3.00", "2.00 2.00"].iter().map(|p| readings_of(&t, &row(p))).collect();
        assert_eq!(rows[1].as_ref().map(Vec::len), Some(2));
        narrow_by_hierarchy(&mut rows, &[(0, vec![1, 2])]);
        let cells: Vec<Vec<String>> = rows.iter().map(|r| agreed(&t, r.as_ref().expect("readings"))).collect();
        assert_eq!(cells[1], ["3.00", "3.00", ""]);
        assert_eq!(cells[2], ["2.00", "", "2.00"]);
    }

    /// Twenty-one children of two readings each (2^21 choices). Their
    /// parent's 2.00 of 一般公共预算 keeps the child of 5.00 out of it, as
    /// no choice for the others could make up for it; the children of
    /// 1.00 may each be either.
    #[test]
    fn a_settled_parent_narrows_a_large_group() {
        let cells = |c: [&str; 3]| c.map(String::from).to_vec();
        let either = |v: &str| Some(vec![cells([v, "", v]), cells(["", v, v])]);
        let mut rows: Vec<Option<Readings>> = vec![Some(vec![cells(["2.00", "23.00", "25.00"])]), either("5.00")];
        rows.extend((0..20).map(|_| either("1.00")));
        narrow_by_hierarchy(&mut rows, &[(0, (1..22).collect())]);
        assert_eq!(rows[1], Some(vec![cells(["", "5.00", "5.00"])]));
        assert!(rows[2..].iter().all(|r| r.as_ref().map(Vec::len) == Some(2)));
    }

    /// Seventeen units of one amount each, which is one source or the
    /// other: 2^17 choices. Their sums are few enough to search, and only 5,405.00 + 8,879.00 + 3,617.00
    /// make the parent's 17,901.00 of the second source, so every unit is
    /// settled.
    #[test]
    fn a_group_too_large_to_try_is_settled_by_its_sums() {
        let amounts =
            [5405, 2571, 6568, 891, 1286, 8879, 1642, 6091, 9648, 1050, 8413, 3617, 714, 1508, 7204, 6951, 1244];
        let cells = |c: [&str; 3]| c.map(String::from).to_vec();
        let mut rows: Vec<Option<Readings>> = vec![Some(vec![cells(["55781.00", "17901.00", "73682.00"])])];
        for a in amounts {
            let v = format!("{a}.00");
            rows.push(Some(vec![cells([&v, "", &v]), cells(["", &v, &v])]));
        }
        narrow_by_hierarchy(&mut rows, &[(0, (1..18).collect())]);
        let other: Vec<usize> = (1..18).filter(|&k| rows[k].as_ref().is_some_and(|r| !r[0][1].is_empty())).collect();
        assert!(rows[1..].iter().all(|r| r.as_ref().map(Vec::len) == Some(1)));
        assert_eq!(other, [1, 6, 12]);
        assert_eq!(rows[6], Some(vec![cells(["", "8879.00", "8879.00"])]));
    }

    #[test]
    fn a_group_that_adds_up_in_no_reading_is_broken() {
        let t = template(TableKey::ExpenseSummary, "合计基本支出项目支出").expect("a template");
        let rows: Vec<Option<Readings>> =
            ["5.00 5.00", "5.00 5.00", "5.00 5.00"].iter().map(|p| readings_of(&t, &row(p))).collect();
        assert_eq!(broken_group(&rows, &[(0, vec![1, 2])]), Some(0));
        let rows: Vec<Option<Readings>> =
            ["5.00 3.00 2.00", "3.00 3.00", "2.00 2.00"].iter().map(|p| readings_of(&t, &row(p))).collect();
        assert_eq!(broken_group(&rows, &[(0, vec![1, 2])]), None);
    }

    #[test]
    fn income_columns_follow_the_header_words() {
        let t = template(
            TableKey::IncomeSummary,
            "单位代码单位名称合计本年收入上年结转结余小计一般公共预算政府性基金预算事业收入其他收入",
        )
        .expect("a template");
        assert_eq!(t.paths.len(), 7);
        assert_eq!(t.sums, [(0, vec![1, 6]), (1, vec![2, 3, 4, 5])]);
    }

    /// The central departments' 部门收入总表 (国家信访局, 2026): 上年结转
    /// after 合计, 事业收入 split into 金额 and 其中:教育收费 on the header's
    /// last line, 使用非财政拨款结余 last. Its one row, four amounts under
    /// twelve columns, fits 120 ways; 部门收支总表's items settle it.
    #[test]
    fn the_central_income_summary_reads_by_the_summarys_items() {
        let header = "合计上年结转一般公共预算拨款收入政府性基金预算拨款收入国有资本经营预算拨款收入事业收入\
                      事业单位经营收入上级补助收入附属单位上缴收入其他收入使用非财政拨款结余金额其中:教育收费";
        let t = template(TableKey::IncomeSummary, header).expect("a template");
        let expected = [
            "合计",
            "上年结转",
            "一般公共预算拨款收入",
            "政府性基金预算拨款收入",
            "国有资本经营预算拨款收入",
            "事业收入/金额",
            "事业收入/其中:教育收费",
            "事业单位经营收入",
            "上级补助收入",
            "附属单位上缴收入",
            "其他收入",
            "使用非财政拨款结余",
        ];
        assert_eq!(t.paths, expected);
        assert_eq!(t.sums, [(0, vec![1, 2, 3, 4, 5, 7, 8, 9, 10, 11])]);
        assert!(header_fits(&t, header));
        let mut found = readings_of(&t, &row("50,616.94 2,254.12 16,474.82 31,888.00"));
        assert_eq!(found.as_ref().map(Vec::len), Some(120));
        let d = |v: &str| Some(v.parse::<Decimal>().expect("a figure"));
        let zero = d("0");
        let known = [None, d("2254.12"), d("16474.82"), zero, zero, zero, None, zero, zero, zero, d("31888.00"), zero];
        narrow_by_known(&mut found, &known);
        let one = ["50,616.94", "2,254.12", "16,474.82", "", "", "", "", "", "", "", "31,888.00", ""];
        assert_eq!(found, Some(vec![one.map(String::from).to_vec()]));
        // 事业收入's parts without 事业收入, or a word of no source: no template.
        assert!(
            template(TableKey::IncomeSummary, "合计上年结转一般公共预算拨款收入其他收入金额其中:教育收费").is_none()
        );
        assert!(
            template(TableKey::IncomeSummary, "合计上年结转一般公共预算拨款收入用事业基金弥补收支差额收入").is_none()
        );
    }

    #[test]
    fn sources_under_a_total_keep_their_printed_names_and_order() {
        // `一般公共预` / `算拨款收入` wrapped in its cell, run together.
        let header =
            "科目总计一般公共预算拨款收入政府性基金预算拨款收入事业收入事业单位经营收入其他收入科目编码科目名称";
        let t = template(TableKey::IncomeSummary, header).expect("a template");
        assert_eq!(
            t.paths,
            ["总计", "一般公共预算拨款收入", "政府性基金预算拨款收入", "事业收入", "事业单位经营收入", "其他收入"]
        );
        assert_eq!(t.sums, [(0, vec![1, 2, 3, 4, 5])]);
        assert!(header_fits(&t, header));
        assert!(income_item_of("一般公共预算拨款收入", "一般公共预算资金"));
        assert!(!income_item_of("事业单位经营收入", "事业收入资金"));
        // A word that names no source is another table's header.
        assert!(template(TableKey::IncomeSummary, "总计一般公共预算拨款收入用事业基金弥补收支差额收入").is_none());
    }

    #[test]
    fn a_total_printed_as_zongji_heads_the_columns() {
        let header = "功能分类科目科目编码科目名称总计基本支出小计人员经费公用经费项目支出";
        let t = template(TableKey::GeneralBudgetExpenseByFunction, header).expect("a template");
        assert_eq!(t.paths[0], "总计");
        assert!(header_fits(&t, header));
        let header = "经济分类科目基本支出科目编码科目名称总计人员经费公用经费";
        let t = template(TableKey::GeneralBudgetBasicExpenseByEconomic, header).expect("a template");
        assert_eq!(t.paths, ["总计", "人员经费", "公用经费"]);
        assert!(header_fits(&t, header));
    }

    #[test]
    fn the_year_befores_budget_is_a_column_of_no_sum() {
        let header = "功能分类科目2025年预算数2026年预算数科目编码科目名称总计基本支出项目支出小计人员经费公用经费";
        let t = template(TableKey::GeneralBudgetExpenseByFunction, header).expect("a template");
        assert_eq!(t.paths[0], "2025年预算数");
        assert_eq!(t.paths[1], "2026年预算数/总计");
        assert_eq!(t.sums, [(1, vec![2, 5]), (2, vec![3, 4])]);
        assert!(header_fits(&t, header));
        let found = readings_of(&t, &row("6027.47 8220.69 8220.69")).expect("readings");
        let want: Vec<String> = ["6027.47", "8220.69", "", "", "", "8220.69"].map(String::from).to_vec();
        assert_eq!(found, [want]);
    }

    #[test]
    fn three_public_budget_rows_place_their_printed_amounts() {
        let header = "2023年“三公”经费预算数2023年机关运行经费预算数合计因公出国（境）费公务接待费公务用车购置及运行费小计购置费运行费";
        let t = template(TableKey::ThreePublicExpense, header).expect("a template");
        assert!(header_fits(&t, header));
        assert_eq!(t.paths[0], "2023年“三公”经费预算数/合计");
        assert_eq!(t.paths[6], "2023年机关运行经费预算数");
        let cases: &[(&str, &[&str])] = &[
            ("22.91 0 1.35 21.56 0 21.56 786.09", &["22.91 0 1.35 21.56 0 21.56 786.09"]),
            ("867.50 839.00 28.50 213.28", &["867.50 839.00 28.50 _ _ _ 213.28"]),
        ];
        for (printed, want) in cases {
            let want: Vec<Vec<String>> =
                want.iter().map(|w| row(w).into_iter().map(|c| c.replace('_', "")).collect()).collect();
            assert_eq!(readings_of(&t, &row(printed)), Some(want), "{printed}");
        }
    }

    #[test]
    fn years_heading_column_groups_are_not_header_words() {
        let cases = [("2023年“三公”经费预算数", "“三公”经费预算数"), ("合计2023", "合计2023"), ("123年", "123年")];
        for (header, want) in cases {
            assert_eq!(without_years(header), want, "{header}");
        }
    }
}
