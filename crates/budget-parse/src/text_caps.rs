//! Bounds a document's other tables set on a text row's cells.
//!
//! Where a row's arithmetic leaves its amounts' columns open
//! (`229 其他支出 1,458.33 1,458.33` under 合计 / 基本支出 / 项目支出 is 基本支出
//! or 项目支出), the document's other tables often close it: a fund's
//! expense is part of the department's expense in the same row and column
//! of 部门支出总表 (so at most that row there, and that row at least the
//! funds' together), and a project's funds are part of the department's
//! income of each fund. A reading is dropped where a cell exceeds what the
//! other table allows, or falls short of what it requires. Only tables whose
//! own sums hold are used, so that a cell left blank there in doubt is never
//! read as a zero.

use budget_model::{yuan_per, Cell, Decimal, Row, Section, Table, TableKey};

use crate::lex::{amount, split_ordinal};
use crate::norm::{is_total_word, squeeze};
use crate::text_fit::{carried_over, cents, total_row_figures, Readings, Template, FISCAL_FUNDS};

/// The most each cell of a row may hold (`None`: not known), in the
/// template's columns.
pub(crate) type Caps = Vec<Option<Decimal>>;

/// The table being read as the bounds from the document's other tables see
/// it: its key, its column set, the unit its amounts are printed in
/// (`万元`), and the document's tables printed before it and after it (none
/// after it when first read; all of them when read again).
#[derive(Clone, Copy)]
pub(crate) struct Around<'a> {
    pub key: TableKey,
    pub template: &'a Template,
    pub unit: Option<&'a str>,
    pub tables: (&'a [Table], &'a [Table]),
}

/// The one-fund expense tables by function, each with its fund's word
/// (as 财政拨款收支总表 lists the funds).
const FUND_TABLES: [(TableKey, &str); 3] = [
    (TableKey::GeneralBudgetExpenseByFunction, FISCAL_FUNDS[0]),
    (TableKey::GovernmentFundExpense, FISCAL_FUNDS[1]),
    (TableKey::StateCapitalExpense, FISCAL_FUNDS[2]),
];

/// The document's table `key` in the unit `unit`: the first printed before
/// the table being read, else the first printed after it.
fn table_in<'t>(key: TableKey, unit: Option<&str>, (earlier, later): (&'t [Table], &'t [Table])) -> Option<&'t Table> {
    earlier.iter().chain(later).find(|e| e.key == key && e.unit.as_deref() == unit)
}

/// The caps of the row coded `code` (or of any row, for tables whose caps
/// hold for every row) of the table being read (`around`), from the tables
/// printed before it, else (when it is read again) after it.
pub(crate) fn row_caps(around: &Around<'_>, code: Option<&str>) -> Caps {
    let Around { key, template: t, unit, tables: (before, after) } = *around;
    let none = vec![None; t.paths.len()];
    let find = |key: TableKey| table_in(key, unit, (before, after));
    match key {
        TableKey::GovernmentFundExpense | TableKey::StateCapitalExpense | TableKey::GeneralBudgetExpenseByFunction => {
            let Some(summary) = find(TableKey::ExpenseSummary) else { return none };
            let caps = code.and_then(|c| by_code(t, summary, c)).unwrap_or(none);
            if key == TableKey::GeneralBudgetExpenseByFunction {
                return caps;
            }
            match find(TableKey::GeneralBudgetExpenseByFunction).and_then(|g| beside_general_budget(t, summary, g)) {
                Some(beside) => lesser(&caps, &beside),
                None => caps,
            }
        }
        TableKey::ProjectExpense => {
            let fiscal = find(TableKey::FiscalIncomeExpenseSummary);
            find(TableKey::IncomeExpenseSummary).and_then(|i| by_fund(t, i, fiscal)).unwrap_or(none)
        }
        TableKey::GovernmentProcurement => {
            find(TableKey::IncomeExpenseSummary).and_then(|i| by_source(t, i)).unwrap_or(none)
        }
        _ => none,
    }
}

/// The fund columns of the 部门收入总表 row coded `code` (`None`: not
/// known): where all the department's income is the year's (部门收支总表's
/// income items add up to its total, none carried over), what a fund
/// spends on a function is what it gives the department for it, so the
/// row's `一般公共预算拨款收入` is the total of `一般公共预算支出表`'s row of the
/// same code (`2011301 行政运行 6,231.54 6,231.54`: 6,231.54 is the
/// 一般公共预算 income, not 事业收入). Only for a 收入总表 with no column of
/// funds carried over, and tables in the same unit, whichever comes first
/// in the document (before and after this one, `around`).
pub(crate) fn fund_columns(around: &Around<'_>, code: Option<&str>) -> Caps {
    let Around { key, template: t, unit, tables: others } = *around;
    let mut known = vec![None; t.paths.len()];
    let Some(code) = code.filter(|_| key == TableKey::IncomeSummary && !t.paths.iter().any(|p| carried_over(p))) else {
        return known;
    };
    let tables = || others.0.iter().chain(others.1).filter(|e| e.unit.as_deref() == unit);
    let Some(summary) = tables().find(|e| e.key == TableKey::IncomeExpenseSummary) else { return known };
    if !all_this_year(summary) {
        return known;
    }
    for (fund, word) in budget_check::fund_tables() {
        let columns: Vec<usize> =
            (0..t.paths.len()).filter(|&c| t.paths[c].rsplit('/').next().is_some_and(|l| l.contains(word))).collect();
        let (&[c], Some(table)) = (&columns[..], tables().find(|e| e.key == fund)) else { continue };
        let rows: Vec<&Row> = table.rows.iter().filter(|r| r.code.as_deref() == Some(code)).collect();
        if let (&[row], Some(total)) = (&rows[..], budget_check::total_column(table)) {
            known[c] = row.cells.get(total).and_then(Cell::amount);
        }
    }
    known
}

/// Whether 部门收支总表's income is all the year's: no item carried over
/// holds money, and the items add up to the income total.
fn all_this_year(summary: &Table) -> bool {
    let items = income_items(summary);
    let total = |n: &str| n.contains("合计") || n.contains("总计");
    if items.iter().any(|(n, v)| carried_over(n) && !v.is_zero()) {
        return false;
    }
    let Some(sum) = items.iter().filter(|(n, _)| total(n)).map(|(_, v)| *v).max() else { return false };
    let parts: Vec<Decimal> = items
        .iter()
        .filter(|(n, _)| !total(n) && !carried_over(n) && ITEMS.iter().any(|w| n.contains(w)))
        .map(|(_, v)| *v)
        .collect();
    let slack = cents(parts.len().max(1));
    !parts.is_empty() && (parts.iter().sum::<Decimal>() - sum).abs() <= slack
}

/// Keeps the readings of a row whose cells stay within `caps`, when some
/// do.
pub(crate) fn narrow_by_caps(readings: &mut Option<Readings>, caps: &[Option<Decimal>]) {
    let Some(found) = readings.as_mut() else { return };
    if caps.iter().all(Option::is_none) {
        return;
    }
    let slack = cents(1);
    let within = |r: &Vec<String>| {
        r.iter().zip(caps).all(|(v, cap)| cap.is_none_or(|cap| amount(v).unwrap_or_default() <= cap + slack))
    };
    keep_where(found, within);
}

/// Keeps the readings `keep` accepts, when it accepts some; else all.
pub(crate) fn keep_where(found: &mut Readings, keep: impl Fn(&Vec<String>) -> bool) {
    if found.iter().any(&keep) {
        found.retain(keep);
    }
}

/// The total row of 部门收入总表 against what each fund spends: a fund
/// spends no more than it gives this year and what was carried over, so
/// the year's income of 一般公共预算 (政府性基金, 国有资本经营) is at least
/// that fund's expense table's total less the carry-over. A reading whose
/// carry-over columns (together, so at least any fund's part) and the
/// fund's column fall short of the fund's spending is dropped, when some
/// reading is not (`合计 27,208,722.32 27,208,722.32 27,208,722.32` with no
/// 部门收支总表 to name the source: the one source is 一般公共预算, whose
/// table spends 27,208,722.32). A fund whose table is not read, or whose
/// column the income table does not print once, bounds nothing. Tables
/// printed before or after, in the same unit.
pub(crate) fn narrow_by_fund_spending(readings: &mut Option<Readings>, around: &Around<'_>) {
    let Around { key, template: t, unit, tables: (earlier, later) } = *around;
    let Some(found) = readings.as_mut().filter(|_| key == TableKey::IncomeSummary) else { return };
    let carried: Vec<usize> = (0..t.paths.len()).filter(|&c| carried_over(&t.paths[c])).collect();
    let mut bounds: Vec<(usize, Decimal)> = Vec::new();
    for (fund, word) in FUND_TABLES {
        let table = table_in(fund, unit, (earlier, later));
        let Some(spent) = table.and_then(|e| total_row_figures(e, &["合计"])[0]) else { continue };
        let leaf = |p: &str| p.rsplit('/').next().unwrap_or(p).contains(word);
        if let [c] =
            (0..t.paths.len()).filter(|&c| !carried_over(&t.paths[c]) && leaf(&t.paths[c])).collect::<Vec<_>>()[..]
        {
            bounds.push((c, spent));
        }
    }
    if bounds.is_empty() {
        return;
    }
    let figure = |r: &[String], c: usize| amount(&r[c]).unwrap_or_default();
    let slack = cents(1);
    let enough = |r: &Vec<String>| {
        let over: Decimal = carried.iter().map(|&c| figure(r, c)).sum();
        bounds.iter().all(|&(c, spent)| figure(r, c) + over + slack >= spent)
    };
    keep_where(found, enough);
}

/// The total row of a fund's expense table (一般公共预算, 政府性基金,
/// 国有资本经营) against 项目支出情况表: the fund's 项目支出 is at least what
/// that table gives projects from the fund, this year's grant and the
/// carry-over, in its total row or any other (`229 … 6,979,918.67
/// 6,979,918.67` under 合计 / 基本支出 / 项目支出 is 项目支出 where the
/// projects take 6,979,918.67 of 政府性基金). A reading below it is
/// dropped, when some reading is not.
/// Tables printed before or after, in the same unit; a column not read
/// counts nothing.
pub(crate) fn narrow_by_project_funds(readings: &mut Option<Readings>, around: &Around<'_>) {
    let Around { key, template: t, unit, tables: (earlier, later) } = *around;
    let Some(&(_, word)) = FUND_TABLES.iter().find(|(k, _)| *k == key) else { return };
    let Some(found) = readings.as_mut() else { return };
    let leaf = |p: &str| p.rsplit('/').next().unwrap_or(p).to_string();
    let [column] = (0..t.paths.len()).filter(|&c| leaf(&t.paths[c]) == "项目支出").collect::<Vec<_>>()[..] else {
        return;
    };
    let Some(projects) = table_in(TableKey::ProjectExpense, unit, (earlier, later)) else { return };
    let columns: Vec<usize> =
        projects.amount_columns().filter(|&c| leaf(&projects.columns[c].path).contains(word)).collect();
    // Any row is part of the table's total (a project, a unit's, the total
    // printed with or without its label): the most any row gives.
    let given = projects
        .rows
        .iter()
        .map(|r| columns.iter().filter_map(|&c| r.cells.get(c).and_then(Cell::amount)).sum::<Decimal>())
        .max()
        .unwrap_or_default();
    if given.is_zero() {
        return;
    }
    let slack = cents(1);
    keep_where(found, |r| amount(&r[column]).unwrap_or_default() + slack >= given);
}

/// The least each cell of a 三公 row may hold: 三公经费 includes project
/// money, so `公务接待费` is at least the 基本支出 economic item of that name
/// in 一般公共预算基本支出表 (`30217 公务接待费 10,000.00` in 元 under a 三公
/// table in 万元: 公务接待费 at least 1.00). Readings below a floor are
/// dropped when some reading keeps them all. The 基本支出表 is looked for
/// among the tables printed before the 三公 table, then among those after
/// it (when the table is read again).
pub(crate) fn narrow_by_floors(readings: &mut Option<Readings>, around: &Around<'_>) {
    let Around { key, template: t, unit, tables: (earlier, later) } = *around;
    if key != TableKey::ThreePublicExpense {
        return;
    }
    let Some(found) = readings.as_mut() else { return };
    let Some(basic) = earlier.iter().chain(later).find(|e| e.key == TableKey::GeneralBudgetBasicExpenseByEconomic)
    else {
        return;
    };
    let (Some(from), Some(to)) = (basic.yuan_per_unit(), unit.and_then(yuan_per)) else {
        return;
    };
    // The year's own columns only: a year before's (`2025年预算数/…`) is
    // not bound by this year's 基本支出.
    let year = |p: &str| p.split('/').next().and_then(|h| h.get(..4)?.parse::<u32>().ok().filter(|_| h.contains('年')));
    let latest = t.paths.iter().filter_map(|p| year(p)).max();
    let floors: Vec<Option<Decimal>> = t
        .paths
        .iter()
        .map(|p| (year(p) == latest).then(|| three_public_floor(basic, p).map(|v| v * from / to)).flatten())
        .collect();
    let slack = cents(1);
    let above = |r: &Vec<String>| {
        r.iter().zip(&floors).all(|(v, floor)| floor.is_none_or(|f| amount(v).unwrap_or_default() + slack >= f))
    };
    keep_where(found, above);
}

/// The 基本支出 figure (合计 or 总计 column, or the table's one amount
/// column) of the economic item a 三公 column names (`公务接待费`,
/// `因公出国（境）费`, `公务用车购置及运行费/运行费` as `30231
/// 公务用车运行维护费`), in `basic`'s unit.
fn three_public_floor(basic: &Table, path: &str) -> Option<Decimal> {
    let leaf = path.rsplit('/').next().unwrap_or_default();
    let word = if leaf.contains("公务接待费") {
        "公务接待费"
    } else if leaf.contains("因公出国") {
        "因公出国"
    } else if path.contains("公务用车") && leaf.contains("运行") {
        "公务用车运行"
    } else {
        return None;
    };
    let rows: Vec<&Row> = basic.rows.iter().filter(|r| r.code.is_some() && squeeze(&r.name).contains(word)).collect();
    let [row] = rows[..] else { return None };
    let total = basic.columns.iter().position(|c| c.path.ends_with("合计") || c.path.ends_with("总计"));
    // A table of one amount column (`科目编码 科目名称 基本支出`) holds it there.
    let only = || {
        let mut amounts = basic.amount_columns();
        amounts.next().filter(|_| amounts.next().is_none())
    };
    let col = total.or_else(only)?;
    row.cells.get(col).and_then(Cell::amount)
}

/// A cell's amount, blank as zero.
fn value(row: &Row, col: Option<usize>) -> Decimal {
    col.and_then(|c| row.cells.get(c)).and_then(Cell::amount).unwrap_or_default()
}

/// Caps from 部门支出总表's row of the same code: `212 城乡社区支出
/// 1633.83 | | 1633.83` there allows no 基本支出 in 政府性基金预算支出表's
/// `212`. 基本支出's parts (`基本支出/人员经费`) are capped by 基本支出.
/// The row is used when its 合计 (or 总计) is printed and equals 基本支出 +
/// 项目支出.
fn by_code(t: &Template, summary: &Table, code: &str) -> Option<Caps> {
    // The total as printed: `合计`, `总计`, a 决算's `本年支出合计`, under a
    // heading over all the columns or none (`支出预算/合计`).
    let col = |which: &str| summary.columns.iter().position(|c| fund_column(&c.path) == Some(which));
    let (total, basic, project) = (col("合计")?, col("基本支出")?, col("项目支出")?);
    let rows: Vec<&Row> = summary.rows.iter().filter(|r| r.code.as_deref() == Some(code)).collect();
    let [row] = rows[..] else { return None };
    let sum = row.cells.get(total).and_then(Cell::amount)?;
    if (sum - value(row, Some(basic)) - value(row, Some(project))).abs() > cents(1) {
        return None;
    }
    let caps = t
        .paths
        .iter()
        .map(|p| {
            // A column under 基本支出 or 项目支出 (`基本支出/人员经费`) is within
            // it; a 决算's under `本年支出` is the one it names (`本年支出/小计`).
            let squeezed = squeeze(p);
            let which = match under_heading(&squeezed).split('/').next().unwrap_or_default() {
                "合计" | "总计" => Some("合计"),
                group @ ("基本支出" | "项目支出") => Some(group),
                _ => fund_column(p),
            };
            match which {
                Some("合计") => Some(sum),
                Some("基本支出") => Some(value(row, Some(basic))),
                Some("项目支出") => Some(value(row, Some(project))),
                _ => None,
            }
        })
        .collect();
    Some(caps)
}

/// Caps on every row of a fund's table (政府性基金, 国有资本经营) from the
/// two tables' total rows: a fund spends beside 一般公共预算, so its
/// 基本支出 (or 项目支出), the whole fund's and so any row's, is at most
/// what 部门支出总表's total row has of it beyond 一般公共预算支出表's
/// (`基本支出 45,980.555005` against `45,537.409377`: at most 443.145628, so
/// a fund row `2296002 … 842.481000 842.481000` is 项目支出). `None` unless
/// both total rows print 合计, 基本支出 and 项目支出, each adding up, and
/// 部门支出总表's holds at least as much of each.
fn beside_general_budget(t: &Template, summary: &Table, general: &Table) -> Option<Caps> {
    let names = ["合计", "基本支出", "项目支出"];
    let figures = |table: &Table| -> Option<Vec<Decimal>> {
        let found: Option<Vec<Decimal>> = total_row_figures(table, &names).into_iter().collect();
        found.filter(|f| (f[0] - f[1] - f[2]).abs() <= cents(1))
    };
    let (whole, general) = (figures(summary)?, figures(general)?);
    let beyond: Vec<Decimal> = whole.iter().zip(&general).map(|(w, g)| w - g).collect();
    if beyond.iter().any(|d| *d < -cents(1)) {
        return None;
    }
    let caps = t
        .paths
        .iter()
        .map(|p| match p.split('/').next().unwrap_or(p) {
            "合计" | "总计" => Some(beyond[0]),
            "基本支出" => Some(beyond[1]),
            "项目支出" => Some(beyond[2]),
            _ => None,
        })
        .collect();
    Some(caps)
}

/// Caps on a 项目支出情况表 row of the unit `unit` from that unit's row of
/// 部门收入总表 (in the unit of the table being read, `around`): a unit's projects are
/// paid from its own income, so this year's grants of a fund
/// (`本年拨款/政府性基金预算`) are at most the unit's income of that fund,
/// the grants carried over (`财政拨款结转结余/…`) at most its 上年结转结余,
/// 财政专户管理资金 at most that income and 上年结转结余, and 单位资金 at
/// most its own incomes (事业收入 … 其他收入) and 上年结转结余. A unit whose
/// income is all 一般公共预算 (`云湖区教育局本级`) has its projects' amounts
/// there. An income the table prints no column of is none; a figure not
/// read leaves its caps unknown, and a name on several rows allows the
/// most any of them does.
pub(crate) fn unit_project_caps(around: &Around<'_>, unit: &str) -> Caps {
    let Around { template: t, unit: table_unit, tables: (earlier, later), .. } = *around;
    let none = vec![None; t.paths.len()];
    let Some(income) = table_in(TableKey::IncomeSummary, table_unit, (earlier, later)) else { return none };
    let rows: Vec<&Row> = income.rows.iter().filter(|r| squeeze(split_ordinal(&r.name).1) == unit).collect();
    let columns: Vec<(usize, &str)> = income.amount_columns().map(|c| (c, income.columns[c].path.as_str())).collect();
    let carry = |p: &str| p.starts_with("上年结转");
    let leaf = |p: &str| p.rsplit('/').next().unwrap_or(p).to_string();
    let figure = |r: &Row, pick: &dyn Fn(&str) -> bool| -> Option<Decimal> {
        let found: Vec<usize> = columns.iter().filter(|(_, p)| pick(p)).map(|(c, _)| *c).collect();
        // An income the table prints no column of is none.
        let c = match found[..] {
            [] => return Some(Decimal::ZERO),
            [c] => c,
            _ => return None,
        };
        match r.cells.get(c) {
            Some(Cell::Amount(v)) => Some(*v),
            Some(Cell::Blank) => Some(Decimal::ZERO),
            _ => None,
        }
    };
    let caps_of = |r: &Row| -> Caps {
        let this_year = |word: &'static str| move |p: &str| !carry(p) && leaf(p).contains(word);
        let carried = figure(r, &|p: &str| carry(p) && (!p.contains('/') || leaf(p) == "小计"));
        let own: Option<Decimal> = OWN_FUNDS.iter().map(|w| figure(r, &this_year(w))).sum();
        t.paths
            .iter()
            .map(|p| {
                let (group, fund) = p.split_once('/').unwrap_or(("", p));
                match (group, fund) {
                    ("本年拨款", f) => {
                        FUNDS.iter().find(|(l, _)| *l == f).and_then(|(_, w)| figure(r, &this_year(w)))
                    }
                    ("财政拨款结转结余", _) => carried,
                    ("", "财政专户管理资金") => {
                        figure(r, &this_year("财政专户")).zip(carried).map(|(a, b)| a + b)
                    }
                    ("", "单位资金") => own.zip(carried).map(|(a, b)| a + b),
                    _ => None,
                }
            })
            .collect()
    };
    let mut caps: Option<Caps> = None;
    for r in rows {
        let c = caps_of(r);
        caps = Some(match caps {
            None => c,
            Some(before) => before.iter().zip(&c).map(|(a, b)| a.zip(*b).map(|(a, b)| a.max(b))).collect(),
        });
    }
    caps.unwrap_or(none)
}

/// The lesser of two caps on each cell, either where the other is unknown.
fn lesser(a: &[Option<Decimal>], b: &[Option<Decimal>]) -> Caps {
    a.iter().zip(b).map(|(a, b)| a.zip(*b).map(|(a, b)| a.min(b)).or(*a).or(*b)).collect()
}

/// The income items of 部门收支总表 by the words that name them.
const FUNDS: &[(&str, &str)] =
    &[("一般公共预算", "一般公共预算"), ("政府性基金预算", "政府性基金"), ("国有资本经营预算", "国有资本经营")];

/// Income items that are the unit's own money (单位资金).
const OWN_FUNDS: &[&str] = &["事业收入", "事业单位经营", "上级补助", "附属单位", "其他收入"];

/// Every income item's word, for the check that the items add up.
const ITEMS: &[&str] = &[
    "一般公共预算",
    "政府性基金",
    "国有资本经营",
    "财政专户",
    "事业收入",
    "事业单位经营",
    "上级补助",
    "附属单位",
    "其他收入",
];

/// Caps of 项目支出情况表's fund columns from the department's income:
/// `本年拨款/政府性基金预算` is at most 部门收支总表's `政府性基金预算拨款收入`,
/// `财政拨款结转结余/一般公共预算` at most 财政拨款收支总表's 上年结转
/// `一般公共预算拨款` (or, without it, 上年结转结余), `财政专户管理资金` at most
/// `财政专户管理资金收入`, `单位资金` at most the unit's own income and the
/// carry-over that is not 财政拨款. Used when 部门收支总表's items add up
/// to its `本年收入合计`.
fn by_fund(t: &Template, incomes: &Table, fiscal: Option<&Table>) -> Option<Caps> {
    let items = income_items(incomes);
    let item = |word: &str| -> Option<Decimal> {
        let found: Vec<Decimal> = items.iter().filter(|(n, _)| n.contains(word)).map(|(_, v)| *v).collect();
        match found[..] {
            [v] => Some(v),
            _ => None,
        }
    };
    let total = items.iter().find(|(n, _)| n.contains("本年收入") && n.contains("合计")).map(|(_, v)| *v)?;
    let parts: Option<Decimal> = ITEMS.iter().map(|w| item(w)).sum();
    if (parts? - total).abs() > cents(ITEMS.len()) {
        return None;
    }
    let carried = item("上年结转");
    let fiscal_carried = fiscal.and_then(fiscal_carry_over);
    let own: Option<Decimal> = OWN_FUNDS.iter().map(|w| item(w)).sum();
    let caps = t
        .paths
        .iter()
        .map(|p| {
            let (group, leaf) = p.split_once('/').unwrap_or(("", p));
            let fund = FUNDS.iter().find(|(l, _)| *l == leaf).map(|(_, w)| *w);
            match (group, leaf, fund) {
                ("本年拨款", _, Some(word)) => item(word),
                ("财政拨款结转结余", _, Some(word)) => match &fiscal_carried {
                    Some(split) => split.iter().find(|(w, _)| *w == word).map(|(_, v)| *v),
                    None => carried,
                },
                ("", "财政专户管理资金", _) => item("财政专户"),
                ("", "单位资金", _) => {
                    let fiscal_total = fiscal_carried.as_ref().map(|s| s.iter().map(|(_, v)| *v).sum::<Decimal>());
                    Some(own? + carried? - fiscal_total.unwrap_or_default())
                }
                _ => None,
            }
        })
        .collect();
    Some(caps)
}

/// Caps of a table whose columns are the department's income sources
/// under their total (重庆's 政府采购预算明细表: `总计 一般公共预算拨款收入 …
/// 事业单位经营收入 其他收入`): a purchase is paid from its source's funds,
/// so no column holds more than 部门收支总表's item of that source, the
/// funds carried over added to each (the table prints no column of them);
/// a source the summary prints blank holds only those. Used where the
/// summary's items, one of each source, and its carry-over add up to its
/// total; a source it does not print is not capped.
fn by_source(t: &Template, incomes: &Table) -> Option<Caps> {
    let items = income_items(incomes);
    let word_of = |name: &str| SOURCE_WORDS.iter().copied().find(|w| name.contains(w));
    let sources: Vec<(&str, Decimal)> =
        items.iter().filter(|(n, _)| !carried_over(n)).filter_map(|(n, v)| word_of(n).map(|w| (w, *v))).collect();
    let carried: Decimal = items.iter().filter(|(n, _)| n.starts_with("上年结转")).map(|(_, v)| *v).sum();
    let total = items.iter().find(|(n, _)| matches!(n.as_str(), "收入总计" | "总计" | "合计")).map(|(_, v)| *v)?;
    let once = sources.iter().enumerate().all(|(i, (w, _))| !sources[..i].iter().any(|(x, _)| x == w));
    if !once || sources.iter().map(|(_, v)| *v).sum::<Decimal>() + carried != total {
        return None;
    }
    let caps = t
        .paths
        .iter()
        .map(|p| {
            let word = word_of(p.rsplit('/').next().unwrap_or(p))?;
            sources.iter().find(|(w, _)| *w == word).map(|(_, v)| *v + carried)
        })
        .collect();
    Some(caps)
}

/// The words naming the department's income sources, the longer first
/// where one holds another's start (`事业单位经营` before `事业收入`).
const SOURCE_WORDS: &[&str] = &[
    "一般公共预算",
    "政府性基金",
    "国有资本经营",
    "财政专户",
    "事业单位经营",
    "事业收入",
    "上级补助",
    "附属单位",
    "其他收入",
];

/// The income rows of a two-sided summary: see [`side_items`].
fn income_items(summary: &Table) -> Vec<(String, Decimal)> {
    side_items(summary, Section::Income)
}

/// The rows of one side of a two-sided summary (收支总表, 财政拨款收支总表):
/// each item's name, squeezed and without its list ordinal, and its amount
/// (blank as zero).
pub(crate) fn side_items(summary: &Table, section: Section) -> Vec<(String, Decimal)> {
    summary
        .rows
        .iter()
        .filter(|r| r.section == Some(section))
        .map(|r| (squeeze(split_ordinal(&r.name).1), r.cells.iter().find_map(Cell::amount).unwrap_or_default()))
        .collect()
}

/// 财政拨款收支总表's 上年结转 by fund: the items after `上年结转`
/// (`一般公共预算拨款 391.47`, `政府性基金预算拨款`, …), when they add up
/// to it.
pub(crate) fn fiscal_carry_over(fiscal: &Table) -> Option<Vec<(&'static str, Decimal)>> {
    let items = income_items(fiscal);
    let at = items.iter().position(|(n, _)| n.contains("上年结转"))?;
    let (_, carried) = items[at];
    let after = &items[at + 1..];
    let split: Vec<(&'static str, Decimal)> = FUNDS
        .iter()
        .map(|(_, word)| {
            let v = after.iter().take_while(|(n, _)| !n.contains("总计")).find(|(n, _)| n.contains(word));
            (*word, v.map(|(_, v)| *v).unwrap_or_default())
        })
        .collect();
    let sum: Decimal = split.iter().map(|(_, v)| *v).sum();
    ((sum - carried).abs() <= Decimal::new(3, 2)).then_some(split)
}

/// Keeps the readings of a row that put no more in a column than `bound`
/// allows and no less than `floor` requires, when some do.
pub(crate) fn narrow_within(readings: &mut Option<Readings>, bound: &[Option<Decimal>], floor: &[Option<Decimal>]) {
    let Some(found) = readings.as_mut() else { return };
    let fits = |r: &Vec<String>| {
        r.iter().zip(bound).zip(floor).all(|((v, b), f)| {
            let v = amount(v).unwrap_or_default();
            b.is_none_or(|b| v <= b) && f.is_none_or(|f| v >= f)
        })
    };
    keep_where(found, fits);
}

/// What the one-fund tables by function (一般公共预算, 政府性基金,
/// 国有资本经营) require of a row of 部门支出总表: in each of its total,
/// 基本支出 and 项目支出 columns, at least what the same code has there,
/// summed over the funds, or what 财政拨款支出表 by function (their sum)
/// has, whichever is more. A 决算 prints 支出决算表 before its
/// 一般公共预算财政拨款支出决算表: the table is read again once the document
/// is read, with the tables printed after it. Only a row whose total is
/// printed and is its 基本支出 and 项目支出 (a blank there is zero) is relied
/// on, and only a table of the same unit.
///
/// `208 社会保障和就业支出 754.75 754.75 0.00` under 本年支出合计 / 基本支出 /
/// 项目支出 / 上缴上级支出 / … is 754.75 of 基本支出 when 一般公共预算 has
/// 754.75 of 基本支出 there.
pub(crate) fn expense_floors(around: &Around<'_>, code: &str) -> Vec<Option<Decimal>> {
    let Around { key, template: t, unit, tables: (earlier, later) } = *around;
    let others: Vec<&Table> = earlier.iter().chain(later).collect();
    let none = vec![None; t.paths.len()];
    if code.is_empty() || key != TableKey::ExpenseSummary {
        return none;
    }
    let one_fund =
        [TableKey::GeneralBudgetExpenseByFunction, TableKey::GovernmentFundExpense, TableKey::StateCapitalExpense];
    let same_unit = |e: &&&Table| e.unit.as_deref().and_then(yuan_per) == unit.and_then(yuan_per);
    let funds = floors_of(t, code, others.iter().filter(|e| one_fund.contains(&e.key)).filter(same_unit));
    // 财政拨款支出表 by function is the three funds' sum: a floor of its own,
    // not added to theirs.
    let fiscal =
        floors_of(t, code, others.iter().filter(|e| e.key == TableKey::FiscalExpenseByFunction).filter(same_unit));
    funds
        .into_iter()
        .zip(fiscal)
        .map(|(a, b)| match (a, b) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        })
        .collect()
}

/// The sums, column by column, of the rows of `code` in `tables`, each
/// relied on only where its total is its 基本支出 and 项目支出 (a blank is
/// zero; 基本支出's own parts, 人员经费 and 公用经费 beside its 小计, left out).
fn floors_of<'t>(t: &Template, code: &str, tables: impl Iterator<Item = &'t &'t Table>) -> Vec<Option<Decimal>> {
    let mut out: Vec<Option<Decimal>> = vec![None; t.paths.len()];
    for fund in tables {
        let Some(row) = fund.rows.iter().find(|r| r.code.as_deref() == Some(code)) else { continue };
        let amounts: Vec<usize> = fund.amount_columns().collect();
        let Some(&total) = amounts.iter().find(|&&c| fund_column(&fund.columns[c].path) == Some("合计")) else {
            continue;
        };
        let parts: Decimal = amounts
            .iter()
            .filter(|&&c| matches!(fund_column(&fund.columns[c].path), Some("基本支出" | "项目支出")))
            .map(|&c| row.amount(c).unwrap_or_default())
            .sum();
        if row.amount(total) != Some(parts) {
            continue;
        }
        for (slot, p) in out.iter_mut().zip(&t.paths) {
            let Some(which) = fund_column(p) else { continue };
            let mut found = amounts.iter().filter(|&&c| fund_column(&fund.columns[c].path) == Some(which));
            if let (Some(&c), None) = (found.next(), found.next()) {
                *slot = Some(slot.unwrap_or_default() + row.amount(c).unwrap_or_default());
            }
        }
    }
    out
}

/// The column of a one-fund table a column path stands for: its total
/// (`合计`, `总计`, `本年支出合计`, a 决算's `本年支出/小计`), `基本支出` (or
/// its `小计`) or `项目支出`, under a heading over all the columns
/// ([`under_heading`]) or none.
fn fund_column(path: &str) -> Option<&'static str> {
    let p = match under_heading(&squeeze(path)) {
        "小计" => "合计".to_string(),
        rest => rest.to_string(),
    };
    if is_total_word(p.as_str()) || (p.starts_with("本年") && p.ends_with("合计")) {
        Some("合计")
    } else if p == "基本支出" || p == "基本支出/小计" {
        Some("基本支出")
    } else if p == "项目支出" {
        Some("项目支出")
    } else {
        None
    }
}

/// A column path without the heading a table prints over all its amount
/// columns: a 决算's `本年支出`, 上海's `支出预算` (部门支出总表) and
/// `一般公共预算支出` (`一般公共预算支出/基本支出` is 基本支出). A heading of
/// a part (`基本支出/人员经费`) stays.
fn under_heading(path: &str) -> &str {
    match path.split_once('/') {
        Some((head, rest))
            if !matches!(head, "基本支出" | "项目支出") && (head.ends_with("支出") || head.ends_with("预算")) =>
        {
            rest
        }
        _ => path,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The table `key` in `t`'s columns, in the unit `unit`, among `tables`.
    fn around<'a>(
        key: TableKey,
        template: &'a Template,
        unit: Option<&'a str>,
        tables: (&'a [Table], &'a [Table]),
    ) -> Around<'a> {
        Around { key, template, unit, tables }
    }

    /// 部门收入总表 by unit, in 万元: `[name, 合计, 本年收入/一般公共预算,
    /// 本年收入/政府性基金预算, 本年收入/事业收入, 上年结转结余]`, a blank
    /// figure empty and an unread one `?`.
    fn income(rows: &[[&str; 5]]) -> Table {
        let mut t = Table::new(TableKey::IncomeSummary, "2", "部门收入总表");
        t.unit = Some("万元".into());
        let paths = ["合计", "本年收入/一般公共预算", "本年收入/政府性基金预算", "本年收入/事业收入", "上年结转结余"];
        t.columns = paths.map(budget_model::Column::amount).to_vec();
        for [name, figures @ ..] in rows {
            let mut r = Row::new(*name, 2);
            r.cells = figures
                .iter()
                .map(|f| match *f {
                    "?" => Cell::Unread,
                    "" => Cell::Blank,
                    f => f.parse().map_or(Cell::Blank, Cell::Amount),
                })
                .collect();
            r.cells.insert(0, Cell::Amount(r.cells.iter().filter_map(Cell::amount).sum()));
            t.rows.push(r);
        }
        t
    }

    /// A unit's projects are paid from its own income: a unit with only
    /// 一般公共预算 income has nothing of 政府性基金 to spend, nothing carried
    /// over, and no 单位资金; a unit whose income by fund is not read caps
    /// nothing, and a unit of no row neither.
    #[test]
    fn a_units_income_caps_its_projects_funds() {
        let earlier = [income(&[
            ["某局本级", "100.00", "", "", ""],
            ["某中学", "50.00", "20.00", "5.00", "3.00"],
            ["某小学", "?", "", "", ""],
        ])];
        let paths =
            ["合计", "本年拨款/一般公共预算", "本年拨款/政府性基金预算", "财政拨款结转结余/一般公共预算", "单位资金"];
        let t = Template { paths: paths.map(String::from).to_vec(), sums: vec![(0, vec![1, 2, 3, 4])] };
        let d = |v: &str| Some(v.parse::<Decimal>().expect("a figure"));
        let caps_of = |name: &str, unit: &str, (before, after): (&[Table], &[Table])| {
            unit_project_caps(&around(TableKey::ProjectExpense, &t, Some(unit), (before, after)), name)
        };
        let caps = caps_of("某局本级", "万元", (&earlier, &[]));
        assert_eq!(caps, [None, d("100.00"), d("0"), d("0"), d("0")]);
        let caps = caps_of("某中学", "万元", (&[], &earlier));
        assert_eq!(caps, [None, d("50.00"), d("20.00"), d("3.00"), d("8.00")]);
        assert_eq!(caps_of("某小学", "万元", (&earlier, &[]))[1], None);
        assert!(caps_of("某幼儿园", "万元", (&earlier, &[])).iter().all(Option::is_none));
        // A table in another unit is not bounded by it.
        assert!(caps_of("某局本级", "元", (&earlier, &[])).iter().all(Option::is_none));
    }

    /// A table in 元 of three amount columns, `rows` each a name, a code
    /// (empty for none) and its figures.
    fn table(key: TableKey, paths: &[&str], rows: &[(&str, &str, [&str; 3])]) -> Table {
        let mut t = Table::new(key, "1", "");
        t.unit = Some("元".into());
        t.columns = paths.iter().map(|p| budget_model::Column::amount(*p)).collect();
        for (name, code, figures) in rows {
            let mut r = Row::new(*name, 1);
            r.code = (!code.is_empty()).then(|| code.to_string());
            r.cells = figures.iter().map(|f| f.parse().map_or(Cell::Blank, Cell::Amount)).collect();
            t.rows.push(r);
        }
        t
    }

    /// `2296002 … 500.00 500.00` in 政府性基金预算支出表 is 基本支出 or
    /// 项目支出. 部门支出总表, printed after it, spends that row on projects
    /// only; 项目支出情况表, also after it, gives projects 500.00 of the fund
    /// in its total row printed without a label. Either settles the row.
    #[test]
    fn tables_printed_after_a_fund_table_settle_its_rows() {
        let paths = ["合计", "基本支出", "项目支出"];
        let t = Template { paths: paths.map(String::from).to_vec(), sums: vec![(0, vec![1, 2])] };
        let readings = || {
            Some(vec![
                vec!["500.00".to_string(), "500.00".into(), "".into()],
                vec!["500.00".to_string(), "".into(), "500.00".into()],
            ])
        };
        let project_only = Some(vec![vec!["500.00".to_string(), "".into(), "500.00".into()]]);
        let summary =
            table(TableKey::ExpenseSummary, &paths, &[("其他政府性基金支出", "2296002", ["500.00", "", "500.00"])]);
        let caps =
            row_caps(&around(TableKey::GovernmentFundExpense, &t, Some("元"), (&[], &[summary])), Some("2296002"));
        let mut found = readings();
        narrow_by_caps(&mut found, &caps);
        assert_eq!(found, project_only);
        let projects = table(
            TableKey::ProjectExpense,
            &["合计", "本年拨款/一般公共预算", "本年拨款/政府性基金预算"],
            &[("", "", ["800.00", "300.00", "500.00"]), ("某项目", "", ["500.00", "", "500.00"])],
        );
        let mut found = readings();
        let tables = (&[][..], std::slice::from_ref(&projects));
        narrow_by_project_funds(&mut found, &around(TableKey::GovernmentFundExpense, &t, Some("元"), tables));
        assert_eq!(found, project_only);
        // 一般公共预算 gives projects 300.00: a row of it all 基本支出 is
        // not its total; with 700.00 given, no reading is, and both stay.
        let general = TableKey::GeneralBudgetExpenseByFunction;
        let mut found = readings();
        narrow_by_project_funds(&mut found, &around(general, &t, Some("元"), (&[projects], &[])));
        assert_eq!(found, project_only);
        let funds = ["合计", "本年拨款/一般公共预算", "本年拨款/政府性基金预算"];
        let more = table(TableKey::ProjectExpense, &funds, &[("合计", "", ["700.00", "700.00", ""])]);
        let mut found = readings();
        narrow_by_project_funds(&mut found, &around(general, &t, Some("元"), (&[more], &[])));
        assert_eq!(found, readings());
    }

    /// 上海's tables print a heading over all their amount columns:
    /// 部门支出总表's `支出预算/合计 基本支出 项目支出` caps 一般公共预算支出表's
    /// `一般公共预算支出/合计 基本支出 项目支出` row of the same code.
    #[test]
    fn a_heading_over_all_the_columns_caps_by_the_leaves_under_it() {
        let summary = ["支出预算/合计", "支出预算/基本支出", "支出预算/项目支出"];
        let summary =
            table(TableKey::ExpenseSummary, &summary, &[("社会保障和就业支出", "208", ["90.00", "90.00", ""])]);
        let paths = ["一般公共预算支出/合计", "一般公共预算支出/基本支出", "一般公共预算支出/项目支出"];
        let t = Template { paths: paths.map(String::from).to_vec(), sums: vec![(0, vec![1, 2])] };
        let caps =
            row_caps(&around(TableKey::GeneralBudgetExpenseByFunction, &t, Some("元"), (&[summary], &[])), Some("208"));
        let d = |v: &str| Some(v.parse::<Decimal>().expect("a figure"));
        assert_eq!(caps, [d("90.00"), d("90.00"), d("0")]);
        assert_eq!(under_heading("本年支出/小计"), "小计");
        assert_eq!(under_heading("基本支出/人员经费"), "基本支出/人员经费");
    }

    /// 部门收入总表's total row where no 部门收支总表 names its sources:
    /// `30.00 20.00 20.00 10.00` is 合计, 小计, one source and the
    /// carry-over. 一般公共预算支出表 spends 25.00, more than the carry-over:
    /// the source is 一般公共预算. Spending no more than the carry-over
    /// tells nothing, nor does a table in another unit.
    #[test]
    fn a_funds_spending_names_the_income_summarys_source() {
        let paths = [
            "合计",
            "本年收入/小计",
            "本年收入/一般公共预算",
            "本年收入/政府性基金预算",
            "本年收入/事业收入",
            "上年结转结余",
        ];
        let t = Template { paths: paths.map(String::from).to_vec(), sums: vec![(0, vec![1, 5]), (1, vec![2, 3, 4])] };
        let reading = |at: usize| {
            let mut r: Vec<String> = ["30.00", "20.00", "", "", "", "10.00"].map(String::from).to_vec();
            r[at] = "20.00".into();
            r
        };
        let general = |spent: &str, unit: &str| {
            let mut g = Table::new(TableKey::GeneralBudgetExpenseByFunction, "5", "一般公共预算支出表");
            g.unit = Some(unit.into());
            g.columns = ["合计", "基本支出", "项目支出"].map(budget_model::Column::amount).to_vec();
            let mut total = Row::new("合计", 5);
            total.cells = vec![Cell::Amount(spent.parse().expect("a figure")), Cell::Blank, Cell::Blank];
            g.rows.push(total);
            g
        };
        let narrowed = |spent: &str, unit: &str| {
            let mut readings = Some(vec![reading(2), reading(3), reading(4)]);
            let later = [general(spent, unit)];
            narrow_by_fund_spending(&mut readings, &around(TableKey::IncomeSummary, &t, Some("万元"), (&[], &later)));
            readings.map_or(0, |r| r.len())
        };
        let mut readings = Some(vec![reading(2), reading(3), reading(4)]);
        let earlier = [general("25.00", "万元")];
        narrow_by_fund_spending(&mut readings, &around(TableKey::IncomeSummary, &t, Some("万元"), (&earlier, &[])));
        assert_eq!(readings, Some(vec![reading(2)]));
        assert_eq!(narrowed("25.00", "万元"), 1, "printed after the income table");
        assert_eq!(narrowed("10.00", "万元"), 3);
        assert_eq!(narrowed("25.00", "元"), 3);
    }
}
