//! The words of the performance and project forms: field labels, indicator
//! levels, the header words of indicator tables, goal labels, and the width
//! a line of text takes when printed.

use std::sync::OnceLock;

use regex::Regex;

use crate::front::regex;
use crate::norm::{fullwidth_parens, squeeze};

/// Labels of single fields, printed to the left of (or above) their value.
/// Compared after [`label_key`].
const FIELD_LABELS: &[&str] = &[
    // 整体支出绩效目标表 (Hubei template)
    "部门（单位）名称",
    "部门名称",
    "单位名称",
    "填报人",
    "联系电话",
    "部门职能概述",
    "年度工作任务",
    // 项目支出绩效目标表 / 项目申报表
    "项目名称",
    "项目代码",
    "项目编码",
    "项目主管部门",
    "项目执行单位",
    "项目负责人",
    "项目类型",
    "项目申请理由",
    "项目主要内容",
    "项目总预算",
    "项目当年预算",
    "项目前两年预算及当年预算变动情况",
    "测算依据及说明",
    // 财政项目支出绩效目标填报表 (Shanghai)
    "项目性质",
    "项目类别",
    "主管部门",
    "主管部门及代码",
    "实施单位",
    "执行单位",
    "计划开始日期",
    "计划完成日期",
    "项目资金总额",
    "年度资金申请总额",
    // 重点专项资金绩效目标表 (Chongqing)
    "当年预算",
    "市级支出",
    "补助区县",
    "项目概况",
    "当年绩效目标",
];

/// Labels of a block that spans several rows (a group): the fields under it
/// are named `group/label` unless their own label is a field label.
const GROUP_LABELS: &[&str] = &[
    "部门总体资金情况",
    "项目支出情况",
    "整体绩效总目标",
    "项目资金来源",
    "项目支出预算及测算依据",
    "项目支出明细预算",
    // The list's own header (`项目支出明细 金额`), where a spreadsheet
    // prints the group's label elsewhere.
    "项目支出明细",
    "资金来源项目",
    "目标说明",
    "项目资金（元）",
    "项目资金",
    "项目绩效目标",
];

/// 一级指标 names.
const LEVEL1: &[&str] = &["产出指标", "效益指标", "满意度指标", "成本指标"];

/// 二级指标 names (the 2022 template adds the 成本 ones).
const LEVEL2: &[&str] = &[
    "数量指标",
    "质量指标",
    "时效指标",
    "成本指标",
    "经济效益指标",
    "社会效益指标",
    "生态效益指标",
    "可持续影响指标",
    "服务对象满意度指标",
    "满意度指标",
    "经济成本指标",
    "社会成本指标",
    "生态环境成本指标",
    "经济效益",
    "社会效益",
    "生态效益",
    "可持续影响",
    "服务对象满意度",
];

/// The normalised form of a printed label: spaces and a trailing colon
/// removed, brackets full-width.
pub(crate) fn label_key(text: &str) -> String {
    fullwidth_parens(squeeze(text).trim_end_matches([':', '：']))
}

/// The most characters a label's key ([`label_key`]) has: that of the
/// longest field or group label, or of a goal label (`年度绩效目标12`). A
/// text with more characters, colons and spaces aside, is no label, and
/// neither is any text that begins with it.
pub(crate) fn longest_label() -> usize {
    static LONGEST: OnceLock<usize> = OnceLock::new();
    *LONGEST.get_or_init(|| {
        let goal = "年度绩效目标12".chars().count();
        FIELD_LABELS.iter().chain(GROUP_LABELS).map(|l| l.chars().count()).fold(goal, usize::max)
    })
}

/// Whether a label's key may begin with `c`: the first character of some
/// field or group label, or of a goal label (`长期`, `年度`).
pub(crate) fn may_open_label(c: char) -> bool {
    let c = match c {
        '(' => '（',
        c => c,
    };
    matches!(c, '长' | '年') || FIELD_LABELS.iter().chain(GROUP_LABELS).any(|l| l.starts_with(c))
}

/// A field label of the forms (`项目名称`, `联系电话`).
pub(crate) fn is_field_label(text: &str) -> bool {
    let k = label_key(text);
    FIELD_LABELS.contains(&k.as_str())
}

/// A group label (`项目资金来源`, `目标说明`).
pub(crate) fn is_group_label(text: &str) -> bool {
    let k = label_key(text);
    GROUP_LABELS.contains(&k.as_str())
}

/// A 一级指标 name.
pub(crate) fn is_level1(text: &str) -> bool {
    LEVEL1.contains(&squeeze(text).as_str())
}

/// A 二级指标 name.
pub(crate) fn is_level2(text: &str) -> bool {
    LEVEL2.contains(&squeeze(text).as_str())
}

/// The longest 二级指标 name `text` begins with, the 三级指标 run into it
/// after (`服务对象满意度12345平台座席满意率`): its length in bytes.
pub(crate) fn level2_prefix(text: &str) -> Option<usize> {
    LEVEL2.iter().filter(|l| text.len() > l.len() && text.starts_with(*l)).map(|l| l.len()).max()
}

/// Whether a 一级指标 name appears anywhere in `text`.
pub(crate) fn holds_level1(text: &str) -> bool {
    LEVEL1.iter().any(|l| text.contains(l))
}

/// The three levels of an indicator printed in one cell, the two names run
/// into the 三级指标 (`产出指标数量指标完成日常办公…` → `产出指标`, `数量指标`,
/// `完成日常办公…`): a 一级指标 name, the longest 二级指标 name after it,
/// and some text left.
pub(crate) fn split_levels(text: &str) -> Option<(&'static str, &'static str, &str)> {
    let level1 = LEVEL1.iter().find(|l| text.starts_with(*l))?;
    let rest = &text[level1.len()..];
    let level2 = LEVEL2.iter().filter(|l| rest.starts_with(*l)).max_by_key(|l| l.len())?;
    let level3 = rest[level2.len()..].trim();
    (!level3.is_empty()).then_some((*level1, *level2, level3))
}

/// The 一级指标 name a piece begins when the cell's last glyphs print on
/// the next row's line (`产出指 成本指标 人均培训成本 ≤800 元 …` / `标 数量指标 …`):
/// a proper beginning of one name only, at least two glyphs long.
pub(crate) fn level1_begun(text: &str) -> Option<&'static str> {
    let t = squeeze(text);
    if t.chars().count() < 2 {
        return None;
    }
    let mut names = LEVEL1.iter().filter(|n| n.starts_with(t.as_str()) && n.len() > t.len());
    match (names.next(), names.next()) {
        (Some(n), None) => Some(n),
        _ => None,
    }
}

/// The last glyphs of a 一级指标 name begun on the row above (`标`, `指标`).
pub(crate) fn ends_level1(text: &str) -> bool {
    let t = squeeze(text);
    !t.is_empty() && LEVEL1.iter().any(|n| n.ends_with(t.as_str()) && n.len() > t.len())
}

/// True when text holds a level name ending in 指标 (`数量指标`, `满意度指标`)
/// or a table's label (`长期绩效指标`, `年度绩效目标1`): a 三级指标 name never
/// does (`…绩效目标管理实现中心城区前列` is a name), a reading that ran over
/// other cells does.
pub(crate) fn holds_level_name(text: &str) -> bool {
    let t = squeeze(text).replace(' ', "");
    LEVEL1.iter().chain(LEVEL2).any(|w| w.ends_with("指标") && t.contains(w))
        || ["长期绩效", "年度绩效"].iter().any(|w| t.contains(w))
}

/// Which kind of goal a label names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum GoalKind {
    /// 长期目标.
    LongTerm,
    /// 年度目标.
    Yearly,
}

impl GoalKind {
    /// `长期目标` or `年度目标`.
    pub(crate) fn word(self) -> &'static str {
        match self {
            GoalKind::LongTerm => "长期目标",
            GoalKind::Yearly => "年度目标",
        }
    }

    /// The kind a caption or label speaks of, if it says.
    pub(crate) fn of(text: &str) -> Option<GoalKind> {
        let t = squeeze(text);
        if t.starts_with("长期") {
            Some(GoalKind::LongTerm)
        } else if t.starts_with("年度") {
            Some(GoalKind::Yearly)
        } else {
            None
        }
    }
}

/// A goal as written in `indicators.csv`: `长期目标1`, `年度目标2`.
pub(crate) fn goal_name(kind: GoalKind, n: u32) -> String {
    format!("{}{n}", kind.word())
}

/// A goal label by itself: `长期绩效目标1`, `年度目标 2`, `长期 标1` (a
/// glyph lost in extraction). Returns the goal as written in the output.
pub(crate) fn goal_label(text: &str) -> Option<String> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = regex(&RE, r"^(长期|年度)(?:绩效)?目?标?(\d{1,2})$");
    let t = squeeze(text);
    let c = re.captures(&t)?;
    let kind = GoalKind::of(&c[1])?;
    let n: u32 = c[2].parse().ok()?;
    Some(goal_name(kind, n))
}

/// A goal heading: `长期目标 1： 聚焦政府中心工作，…` → (`长期目标1`,
/// `聚焦政府中心工作，…`).
pub(crate) fn goal_heading(text: &str) -> Option<(String, String)> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = regex(&RE, r"^(长期|年度)(?:绩效)?目?标\s*(\d{1,2})\s*[：:]\s*(.*)$");
    let t = text.trim();
    let c = re.captures(t)?;
    let kind = GoalKind::of(&c[1])?;
    let n: u32 = c[2].parse().ok()?;
    Some((goal_name(kind, n), squeeze(&c[3])))
}

/// Width of text as printed in a fixed-width cell: two units for CJK and
/// full-width characters, one for ASCII. Lines of one wrapped cell are all
/// about the cell's width but the last.
pub(crate) fn print_width(text: &str) -> usize {
    text.trim().chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn goal_labels_and_headings() {
        let goals = [
            ("长期绩效目标1", "长期目标1"),
            ("年度绩效目标 2", "年度目标2"),
            ("长期 标1", "长期目标1"),
            ("年度目标1", "年度目标1"),
        ];
        for (text, want) in goals {
            assert_eq!(goal_label(text).as_deref(), Some(want), "{text}");
        }
        for text in ["长期绩效指标", "目标 1"] {
            assert_eq!(goal_label(text), None, "{text}");
        }
        let (goal, text) = goal_heading("长期目标 1： 聚焦政府中心工作。").expect("heading");
        assert_eq!((goal.as_str(), text.as_str()), ("长期目标1", "聚焦政府中心工作。"));
        assert!(goal_heading("目标 1：聚焦政府中心工作").is_none());
        assert!(goal_heading("长期目标（截至 2024 年） 年度目标").is_none());
    }

    #[test]
    fn where_a_label_may_open_and_how_long_it_may_be() {
        for c in ['项', '部', '长', '年', '(', '（'] {
            assert_eq!(may_open_label(c), c != '(' && c != '（', "{c}");
        }
        for c in ['1', '：', '绩'] {
            assert!(!may_open_label(c), "{c}");
        }
        assert_eq!(longest_label(), "项目前两年预算及当年预算变动情况".chars().count());
    }

    #[test]
    fn labels_and_levels() {
        assert!(is_field_label("项目负责人"));
        assert!(is_field_label("部门(单位)名称："));
        assert!(is_group_label("项目资金(元)"));
        assert!(is_level1("满意度 指标"));
        assert!(is_level2("服务对象满意度指标"));
        assert!(!is_level2("帮扶地区满意度"));
        assert_eq!(level1_begun("产出指"), Some("产出指标"));
        assert_eq!(level1_begun("产出指标"), None);
        assert_eq!(level1_begun("指"), None);
        assert!(ends_level1("标") && ends_level1("指标") && !ends_level1("产出指标"));
        assert!(holds_level_name("项目成本控制部门职责规定数量指标印发工作材料"));
        assert!(!holds_level_name("督查事项回告率、办结率90%"));
        assert!(!holds_level_name("全区全面建设社会主义现代化绩效目标管理实现中心城区前列"));
        assert!(holds_level_name("年度绩效目标1长期绩效目标1≤800元"));
        assert_eq!(print_width("武汉市委办"), 10);
        assert_eq!(print_width("[2015]67 号"), 11);
    }
}
