//! Indicator values in text without layout: `≥300 万元`, `98%`, `2 个`,
//! `完成`, `前列`, `2025 年 12 月底前`, read from whitespace-separated pieces
//! (a unit may be printed apart from its number, or wrapped: `≥300 万` /
//! `元`).

use std::sync::OnceLock;

use nom::bytes::complete::take_while1;
use nom::character::complete::{char, digit1, one_of};
use nom::combinator::{opt, recognize};
use nom::{IResult, Parser};
use regex::Regex;

use crate::front::regex;
use crate::norm::squeeze;

/// Units and measure words printed after a number.
const UNITS: &[&str] = &[
    "%",
    "％",
    "‰",
    "(%)",
    "（%）",
    "个",
    "篇",
    "次",
    "条",
    "元",
    "万元",
    "亿元",
    "千元",
    "人",
    "人次",
    "万人",
    "万人次",
    "户",
    "户次",
    "项",
    "家",
    "家次",
    "件",
    "份",
    "本",
    "册",
    "万册",
    "天",
    "日",
    "小时",
    "分钟",
    "秒",
    "月",
    "个月",
    "年",
    "周",
    "工作日",
    "平方米",
    "(平方米)",
    "（平方米）",
    "㎡",
    "米",
    "公里",
    "千米",
    "亩",
    "公顷",
    "套",
    "台",
    "台（套）",
    "台(套)",
    "辆",
    "场",
    "场次",
    "期",
    "所",
    "座",
    "处",
    "批",
    "批次",
    "吨",
    "万吨",
    "名",
    "间",
    "张",
    "课时",
    "学时",
    "分",
    "个百分点",
    "宗",
    "块",
    "栋",
    "段",
    "km",
    "万次",
];

/// Values printed as words.
const WORDS: &[&str] = &[
    "完成",
    "已完成",
    "按时完成",
    "按期完成",
    "全部完成",
    "全面完成",
    "及时完成",
    "前列",
    "及时",
    "按时",
    "明显",
    "显著",
    "健全",
    "完善",
    "有效",
    "有效提升",
    "持续提升",
    "逐步提升",
    "不断提升",
    "稳步提升",
    "提升",
    "提高",
    "逐步提高",
    "有所提高",
    "改善",
    "明显改善",
    "持续改善",
    "较上年提升",
    "较上年提高",
    "较上年增长",
    "稳中向好",
    "持续向好",
    "合规",
    "达标",
    "合格",
    "良好",
    "优",
    "优良",
    "优秀",
    "是",
    "否",
    "高",
    "较高",
    "稳定",
    "保持稳定",
    "满意",
    "基本满意",
    "到位",
    "规范",
    "准确",
    "安全",
    "正常",
    "增强",
    "降低",
    "长期",
    "持续",
    "无",
];

/// `≥`, `≤`, `>`, `<`, `=` and their full-width forms.
fn comparator(i: &str) -> IResult<&str, char> {
    one_of("≥≤><=＞＜＝").parse(i)
}

/// A number with an optional comparator: `≥300`, `98`, `100.00`, `=100`.
fn number(i: &str) -> IResult<&str, &str> {
    recognize((opt(comparator), digit1, opt((char('.'), digit1)))).parse(i)
}

/// Everything after the number up to the end of the piece.
fn rest(i: &str) -> IResult<&str, &str> {
    take_while1(|_| true).parse(i)
}

/// A date-like value spread over pieces: `2025 年 12 月底前`.
fn date(joined: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    regex(&RE, r"^\d{4}年(\d{1,2}月)?(\d{1,2}日)?(底前|底|前|以前|之前)?$").is_match(joined)
}

fn is_unit(s: &str) -> bool {
    UNITS.contains(&s)
}

/// A rate's unit: a unit, then what it is counted per after `/`, the
/// measures of a compound one parted by `*`, `·` or `.` (`元/度`, `次/年`,
/// `元/人*月`, `元/人·次`, `元/生.年`), each a unit or a word of one to three
/// characters (`千瓦时`).
fn is_rate_unit(s: &str) -> bool {
    let Some((head, tail)) = s.split_once(['/', '／']) else { return false };
    let measure = |m: &str| is_unit(m) || ((1..=3).contains(&m.chars().count()) && m.chars().all(crate::norm::is_cjk));
    is_unit(head) && tail.split(['/', '／', '*', '·', '.']).all(measure)
}

fn is_unit_prefix(s: &str) -> bool {
    UNITS.iter().any(|u| u.starts_with(s))
}

/// Reads one value starting at `pieces[i]`. Returns how many pieces it
/// takes and the value with spaces removed. A unit may follow in later
/// pieces (`≥300` `万元`, `300 万` `元`); a date takes up to six pieces
/// (`2025 年` / `12 月底` / `前`, wrapped in a narrow column).
///
/// ```text
/// ≥300 万元 工作要求   → 2 pieces, "≥300万元"
/// 98% 工作要求         → 1 piece,  "98%"
/// 完成 乡村振兴…       → 1 piece,  "完成"
/// ```
pub(crate) fn value_at(pieces: &[&str], i: usize) -> Option<(usize, String)> {
    let first = pieces.get(i)?.trim();
    for n in (2..=6).rev() {
        if i + n <= pieces.len() {
            let joined: String = pieces[i..i + n].iter().map(|p| p.trim()).collect();
            if date(&joined) {
                return Some((n, joined));
            }
        }
    }
    if WORDS.contains(&first) {
        return Some((1, first.to_string()));
    }
    let (after, num) = number(first).ok()?;
    let mut unit = match rest(after) {
        Ok((_, u)) => u.to_string(),
        Err(_) => String::new(),
    };
    if !unit.is_empty() && !is_unit(&unit) && !is_unit_prefix(&unit) && !is_rate_unit(&unit) && !date(first) {
        return None;
    }
    if date(first) {
        return Some((1, first.to_string()));
    }
    // Pieces that continue the unit: `万` + `元`, or a unit printed apart.
    let mut taken = 1;
    while let Some(next) = pieces.get(i + taken) {
        let grown = format!("{unit}{}", next.trim());
        if is_unit_prefix(&grown) && (is_unit(&grown) || !is_unit(&unit)) {
            unit = grown;
            taken += 1;
        } else {
            break;
        }
    }
    if !unit.is_empty() && !is_unit(&unit) && !is_rate_unit(&unit) {
        return None;
    }
    Some((taken, format!("{num}{unit}")))
}

/// A value printed as words (`完成`, `有效提升`).
pub(crate) fn is_word(text: &str) -> bool {
    WORDS.contains(&text)
}

/// A value as written in the output: spaces removed.
pub(crate) fn clean_value(text: &str) -> String {
    squeeze(text).replace(' ', "")
}

/// Words a unit column prints where there is no unit (`≥ | 1080 | 其他`).
const NO_UNIT: &[&str] = &["其他", "无", "/", "-", "—"];

/// A value printed over three columns, joined as a reader says it: the
/// comparison (`绩效指标性质` / `指标方向`), the figure or wording
/// (`本年绩效指标值` / `年度指标值`) and the unit (`绩效度量单位` /
/// `计量单位`).
///
/// ```text
/// ≥ | 95 | %          → ≥95%
/// 定性 | 优良中低差 |  → 优良中低差
/// ＝ | 12 | 个         → 12个
/// ```
///
/// Only a comparison sign is said (`=` is not: `12个` is what `= 12 个`
/// means); a word there (`定性`, `正向`) is not part of the value. The unit
/// follows a figure that ends in a digit, unless the figure already ends
/// with it; a wording takes no unit. Nothing printed as the figure is no
/// value.
pub(crate) fn join_split(direction: &str, target: &str, measure: &str) -> String {
    let target = clean_value(target);
    if target.is_empty() {
        return String::new();
    }
    let sign = match clean_value(direction).as_str() {
        "≥" | "≧" | ">=" | "＞＝" | "大于等于" => "≥",
        "≤" | "≦" | "<=" | "＜＝" | "小于等于" => "≤",
        ">" | "＞" | "大于" => ">",
        "<" | "＜" | "小于" => "<",
        _ => "",
    };
    let sign = if target.starts_with(['≥', '≤', '>', '<', '＞', '＜', '=', '＝']) { "" } else { sign };
    let measure = clean_value(measure);
    let said = target.ends_with(|c: char| c.is_ascii_digit()) && !NO_UNIT.contains(&measure.as_str());
    let unit = if said { measure.as_str() } else { "" };
    format!("{sign}{target}{unit}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_values_joined() {
        let cases = [
            (("≥", "95", "%"), "≥95%"),
            (("定性", "优良中低差", ""), "优良中低差"),
            (("=", "12", "个"), "12个"),
            (("＝", "100", "%"), "100%"),
            (("≤", "161796.229761", "万元"), "≤161796.229761万元"),
            (("≥", "440", "万件"), "≥440万件"),
            (("定性", "优", ""), "优"),
            (("", "控制在预算之内", ""), "控制在预算之内"),
            (("≥", "95%", "%"), "≥95%"),
            (("定性", "", ""), ""),
            (("正向", "98", "%"), "98%"),
            (("≥", "≥90", "%"), "≥90%"),
            (("＞", "0", "元"), ">0元"),
            (("≧", "1", "次"), "≥1次"),
            (("≥", "1080", "其他"), "≥1080"),
        ];
        for ((d, t, m), want) in cases {
            assert_eq!(join_split(d, t, m), want, "{d} | {t} | {m}");
        }
    }

    #[test]
    fn values_from_pieces() {
        type Case<'a> = (&'a [&'a str], Option<(usize, &'a str)>);
        let cases: &[Case<'_>] = &[
            (&["≥300", "万元", "工作要求"], Some((2, "≥300万元"))),
            (&["≥300", "万", "元"], Some((3, "≥300万元"))),
            (&["300", "万元", "300", "万元"], Some((2, "300万元"))),
            (&["98%", "工作要求"], Some((1, "98%"))),
            (&["2", "个"], Some((2, "2个"))),
            (&["2个"], Some((1, "2个"))),
            (&["≥10", "篇"], Some((2, "≥10篇"))),
            (&["90%", "100%"], Some((1, "90%"))),
            (&["完成", "工作要求"], Some((1, "完成"))),
            (&["前列"], Some((1, "前列"))),
            (&["2025", "年", "12", "月底前"], Some((4, "2025年12月底前"))),
            (&["2025", "年", "12", "月底", "前", "行业标准"], Some((5, "2025年12月底前"))),
            (&["2022", "年", "12", "月", "底前"], Some((5, "2022年12月底前"))),
            (&["200台（套）"], Some((1, "200台（套）"))),
            (&["100", "工作要求"], Some((1, "100"))),
            (&["[2015]67", "号文"], None),
            (&["工作要求"], None),
            (&["率、办结率"], None),
            (&["2个人"], None),
            // Rates: a unit per a measure, or per two.
            (&["0.1元/度", "经济效益指标"], Some((1, "0.1元/度"))),
            (&["≤15000元/人*月"], Some((1, "≤15000元/人*月"))),
            (&["≤50元/人·次"], Some((1, "≤50元/人·次"))),
            (&["≥12次/年"], Some((1, "≥12次/年"))),
            (&["≤0.26元/千瓦时"], Some((1, "≤0.26元/千瓦时"))),
            (&["2个/套"], Some((1, "2个/套"))),
            (&["10m/s"], None),
            (&["2元/"], None),
            (&["3元/人员培训费用"], None),
        ];
        for (pieces, want) in cases {
            let got = value_at(pieces, 0);
            assert_eq!(got.as_ref().map(|(n, v)| (*n, v.as_str())), *want, "{pieces:?}");
        }
    }
}
