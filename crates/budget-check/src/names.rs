//! What row names and column labels say: totals, subsets, the groups of a
//! two-sided table, fund types and the 类 of the function classification.
//!
//! Names arrive normalised by the parser (ordinal removed, extraction spaces
//! inside CJK text removed), so they are compared as printed.

/// A total label: `合计`, `总计`, `小计`, or a name ending in one
/// (`本年收入合计`, `“三公”经费合计`, `人员经费合计`, `收入总计`).
pub(crate) fn is_total(name: &str) -> bool {
    let n = name.trim();
    n.ends_with("合计") || n.ends_with("总计") || n.ends_with("小计") || n == "共计"
}

/// A grand total: `收入总计`, `支出总计`, `总计`.
pub(crate) fn is_grand_total(name: &str) -> bool {
    name.trim().ends_with("总计")
}

/// A subset printed beside what it is part of (`其中：教育收费`), or a figure
/// derived from a sibling (`扣除基建项目后预算数` beside `项目支出总数`, Beijing
/// 一般公共预算支出表): never a term of a sum.
pub(crate) fn is_subset(name: &str) -> bool {
    let n = name.trim_start();
    n.starts_with("其中") || is_derived(n)
}

/// A figure computed from a sibling by taking something out:
/// `扣除基建项目后预算数`, `剔除…后`.
fn is_derived(name: &str) -> bool {
    (name.contains("扣除") || name.contains("剔除")) && name.contains('后')
}

/// Government procurement (`2026年政府采购项目/小计`, 深圳 部门支出总表): the
/// same money again, counted by another measure, never a term of the
/// spending total beside it.
pub(crate) fn is_procurement(label: &str) -> bool {
    label.contains("政府采购")
}

/// One of the three kinds of “三公” spending: `因公出国（境）费`,
/// `公务用车购置及运行费` (and its parts), `公务接待费`.
pub(crate) fn is_three_public_kind(label: &str) -> bool {
    label.contains("因公出国") || label.contains("公务用车") || label.contains("公务接待")
}

/// A ratio, not an amount (`为预算%`, `比上年增长%`, `完成率`, `比重`): never
/// summed.
pub(crate) fn is_ratio(label: &str) -> bool {
    let l = label.trim();
    l.contains('%') || l.contains('％') || l.ends_with('率') || l.contains("比重")
}

/// How a group row of a two-sided table finds its children.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Heading {
    /// `本年收入`, `本年支出`: every following row up to the next group or
    /// total (`一、本年支出` over `（一）一般公共服务支出` …).
    AllFollowing,
    /// `上年结转`, `财政拨款收入`, `年初财政拨款结转和结余`: the following rows
    /// that name a fund type (`一般公共预算拨款`, `政府性基金预算拨款`, …).
    FundTypes,
}

/// The group a row of a two-sided table heads, if its name says it heads
/// one. A heading with no children is an ordinary term (`上年结转结余` in
/// 部门收支总表 is printed with no breakdown).
pub(crate) fn heading(name: &str) -> Option<Heading> {
    let n = name.trim();
    if matches!(n, "本年收入" | "本年支出" | "当年收入" | "当年支出") {
        return Some(Heading::AllFollowing);
    }
    let carry = n.contains("结转") || n.contains("结余");
    (n.starts_with("财政拨款") || carry).then_some(Heading::FundTypes)
}

/// The fund a name names (`一般公共预算拨款` → [`Fund::General`]).
pub(crate) fn fund_type(name: &str) -> Option<Fund> {
    if name.contains("一般公共预算") {
        Some(Fund::General)
    } else if name.contains("政府性基金") {
        Some(Fund::Government)
    } else if name.contains("国有资本经营") {
        Some(Fund::StateCapital)
    } else {
        None
    }
}

/// The three kinds of 财政拨款 (fiscal appropriation).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Fund {
    /// 一般公共预算.
    General,
    /// 政府性基金预算.
    Government,
    /// 国有资本经营预算.
    StateCapital,
}

/// Income that is 财政拨款 of some fund (`一般公共预算拨款收入`,
/// `财政拨款收入`, `政府性基金预算财政拨款`).
pub(crate) fn is_fiscal(name: &str) -> bool {
    fund_type(name).is_some() || name.starts_with("财政拨款")
}

/// The 类 (first level, three digits) of the government function
/// classification, with the names used in the years the corpus covers.
const CATEGORIES: &[(&str, &[&str])] = &[
    ("201", &["一般公共服务支出"]),
    ("202", &["外交支出"]),
    ("203", &["国防支出"]),
    ("204", &["公共安全支出"]),
    ("205", &["教育支出"]),
    ("206", &["科学技术支出"]),
    ("207", &["文化旅游体育与传媒支出", "文化体育与传媒支出"]),
    ("208", &["社会保障和就业支出"]),
    ("209", &["社会保险基金支出"]),
    ("210", &["卫生健康支出", "医疗卫生与计划生育支出", "医疗卫生支出"]),
    ("211", &["节能环保支出"]),
    ("212", &["城乡社区支出", "城乡社区事务支出"]),
    ("213", &["农林水支出", "农林水事务支出"]),
    ("214", &["交通运输支出"]),
    ("215", &["资源勘探工业信息等支出", "资源勘探信息等支出", "资源勘探电力信息等支出"]),
    ("216", &["商业服务业等支出"]),
    ("217", &["金融支出", "金融监管等事务支出"]),
    ("219", &["援助其他地区支出"]),
    ("220", &["自然资源海洋气象等支出", "国土海洋气象等支出", "国土资源气象等支出"]),
    ("221", &["住房保障支出"]),
    ("222", &["粮油物资储备支出", "粮油物资储备管理事务"]),
    ("223", &["国有资本经营预算支出"]),
    ("224", &["灾害防治及应急管理支出"]),
    ("227", &["预备费"]),
    ("229", &["其他支出"]),
    ("230", &["转移性支出"]),
    ("231", &["债务还本支出"]),
    ("232", &["债务付息支出"]),
    ("233", &["债务发行费用支出"]),
    ("234", &["抗疫特别国债安排的支出"]),
];

/// The 类 code of a category name as the summary tables print it without a
/// code (`社会保障和就业支出` → `208`).
pub(crate) fn category_code(name: &str) -> Option<&'static str> {
    let n = name.trim();
    CATEGORIES.iter().find(|(_, names)| names.contains(&n)).map(|(code, _)| *code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn totals_subsets_and_headings_are_told_apart() {
        for n in ["合计", "本年收入合计", "收入总计", "当年收入小计", "“三公”经费合计", "人员经费合计"]
        {
            assert!(is_total(n), "{n}");
        }
        for n in ["合计数额说明", "一般公共预算拨款收入", "上年结转结余"] {
            assert!(!is_total(n), "{n}");
        }
        assert!(is_grand_total("支出总计") && !is_grand_total("本年支出合计"));
        assert!(is_subset("其中：教育收费") && is_subset("扣除基建项目后预算数") && !is_subset("项目支出总数"));
        assert!(is_procurement("2026年政府采购项目") && !is_procurement("项目支出"));
        assert!(is_three_public_kind("因公出国(境)费") && is_three_public_kind("公务用车运行维护费"));
        assert!(!is_three_public_kind("会议费") && !is_three_public_kind("培训费"));
        assert!(is_ratio("为预算%") && is_ratio("完成率") && !is_ratio("预算数"));
        assert_eq!(heading("本年支出"), Some(Heading::AllFollowing));
        assert_eq!(heading("上年结转"), Some(Heading::FundTypes));
        assert_eq!(heading("年初财政拨款结转和结余"), Some(Heading::FundTypes));
        assert_eq!(heading("财政拨款收入"), Some(Heading::FundTypes));
        assert_eq!(heading("事业收入"), None);
    }

    #[test]
    fn categories_are_known_by_their_names_in_several_years() {
        assert_eq!(category_code("社会保障和就业支出"), Some("208"));
        assert_eq!(category_code("医疗卫生与计划生育支出"), Some("210"));
        assert_eq!(category_code("卫生健康支出"), Some("210"));
        assert_eq!(category_code("基本支出"), None);
        assert_eq!(fund_type("政府性基金预算拨款"), Some(Fund::Government));
        assert!(is_fiscal("财政拨款收入") && !is_fiscal("事业收入"));
    }
}
