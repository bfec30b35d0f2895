//! The parser's front-end vocabulary: what every table path (ruled grids,
//! text aligned by position, text without layout) and the forms recognise,
//! each defined once. A new template's word for a note, a unit line or a
//! total belongs here, and reaches every path at once.
//!
//! - notes under a table ([`is_note`]);
//! - the unit line after a title ([`unit_line`], [`UNIT_WINDOW`]);
//! - labels of the page printed in a table's frame ([`is_page_label`]);
//! - total labels that open the data ([`after_total_label`]);
//! - what a token of a row is ([`Kind`], [`is_dash`]);
//! - horizontal extents ([`Span`]);
//! - whitespace-separated pieces of lines and their joining ([`Piece`],
//!   [`pieces`], [`join`]);
//! - header paths ([`column_path`]);
//! - regular expressions compiled once ([`regex`]).

use std::borrow::Cow;
use std::sync::OnceLock;

use regex::Regex;

use crate::lex::{amount, code, unit_of_line};
use crate::norm::squeeze;

/// A note printed under (or inside the frame of) a table: `备注：…`,
/// `注：…`, `注:…`, or one whose `注` the text lost (`：“科目编码”和“科目名称”为
/// 必填项。`: no row's label opens with a colon). It ends the table's body.
///
/// ```text
/// 注：本单位无政府性基金预算拨款收入，也没有使用政府性基金安排的支出。
/// ```
pub(crate) fn is_note(text: &str) -> bool {
    let t = squeeze(text);
    t.starts_with("备注") || t.starts_with("注：") || t.starts_with("注:") || t.starts_with(['：', ':'])
}

/// Words by which a document says a table has nothing in it.
const EMPTY_WORDS: [&str; 9] =
    ["本表无数据", "此表无数据", "表为空", "为空表", "无此项支出", "无此项收入", "无相关内容", "无相关收支", "本表无"];

/// A line saying that the table it belongs to is empty, in a note or as its
/// only row: `注：本单位没有国有资本经营预算支出，故本表无数据。`,
/// `此表为空`, `注：本部门无相关内容。`, `本单位无此项支出`; or a note that
/// the unit has none of what the table shows:
/// `注：本单位无政府性基金预算拨款收入，也没有使用政府性基金安排的支出。`,
/// also in parentheses:
/// `（注：2026年国家信访局部门预算中没有使用政府性基金预算拨款安排的支出。）`.
pub(crate) fn says_empty(text: &str) -> bool {
    let t = squeeze(text);
    let t = t.trim_start_matches(['（', '(']);
    let none = ["没有", "未安排", "本单位无", "本部门无"].iter().any(|w| t.contains(w));
    EMPTY_WORDS.iter().any(|w| t.contains(w)) || (is_note(t) && none)
}

/// A label of the page printed in a table's caption or header, inside its
/// frame or not: the unit (`单位：万元`, `金额单位：元`) or who prepared the
/// table (`预算单位：长春市信访局`, `编制单位：上海市数据局`,
/// `部门名称：深圳市水务局 单位：万元`). It is never a column heading; the
/// unit goes to the table's unit. A heading that only mentions the unit
/// (`预算数（单位：万元）`) stays a heading. `预算单位` alone (no colon) is a column of
/// unit names (Shenzhen's 支出总表), not a label.
pub(crate) fn is_page_label(text: &str) -> bool {
    const LABELS: [&str; 9] =
        ["预算单位", "编制单位", "编制部门", "部门名称", "单位名称", "填报单位", "预算主管部门", "主管部门", "部门"];
    let t = squeeze(text);
    let unit = t.trim_start_matches(['金', '额', '计', '量']);
    (unit.starts_with("单位") && unit_of_line(unit).is_some_and(|u| unit.ends_with(u)))
        || LABELS.iter().any(|l| t.strip_prefix(l).is_some_and(|rest| rest.starts_with([':', '：'])))
}

/// A unit whose cell wraps, its `元` on the line below, beside the next
/// label (real_23 p. 14, 公开09表):
///
/// ```text
/// 单位：万
/// 部门名称：江苏省高级人民法院 元
/// ```
pub(crate) fn broken_unit<'a>(lines: impl IntoIterator<Item = &'a str>) -> Option<&'static str> {
    let lines: Vec<&str> = lines.into_iter().collect();
    lines.windows(2).find_map(|w| {
        let head = squeeze(w[0]);
        let tail_is_yuan =
            w[1].split_whitespace().next_back() == Some("元") || w[1].split_whitespace().next() == Some("元");
        if !tail_is_yuan {
            return None;
        }
        [("单位：万", "万元"), ("单位:万", "万元"), ("单位：千", "千元"), ("单位:千", "千元")]
            .iter()
            .find(|(end, _)| head.ends_with(end))
            .map(|&(_, unit)| unit)
    })
}

/// How many lines after a title its unit line (`单位：万元`) may come: a text
/// without a unit line that close is prose that mentions a table, or a table
/// of contents, not a table.
pub(crate) const UNIT_WINDOW: usize = 4;

/// The unit line among the first [`UNIT_WINDOW`] lines after a title: its
/// index and the unit (`单位：万元` → `万元`). A unit wrapped in its cell
/// (`单位：万` / `元`) ends on its second line, whose index is given.
pub(crate) fn unit_line<'a>(lines: impl IntoIterator<Item = &'a str>) -> Option<(usize, &'static str)> {
    let lines: Vec<&str> = lines.into_iter().take(UNIT_WINDOW + 1).collect();
    let whole = lines.iter().take(UNIT_WINDOW).enumerate().find_map(|(i, l)| unit_of_line(l).map(|u| (i, u)));
    whole.or_else(|| {
        let mut pairs = lines.windows(2).take(UNIT_WINDOW).enumerate();
        pairs.find_map(|(i, w)| broken_unit(w.iter().copied()).map(|u| (i + 1, u)))
    })
}

/// What follows the total label a row opens with: `合计`, `总计` (`合计 1,477.88`
/// → ` 1,477.88`); `None` for any other row. A total row is where the data of
/// many templates starts, above or below the detail rows.
pub(crate) fn after_total_label(text: &str) -> Option<&str> {
    text.strip_prefix("合计").or_else(|| text.strip_prefix("总计"))
}

/// `-`, `—`, `/`: printed for "nothing" in some templates, where an amount
/// would be.
pub(crate) fn is_dash(s: &str) -> bool {
    matches!(s.trim(), "-" | "—" | "－" | "--" | "——" | "/" | "…")
}

/// What a token of a table row is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// An amount, or a dash in its place.
    Amount,
    /// A classification or unit code opening its line (`2080505`).
    Code,
    /// Anything else: names, headings.
    Text,
}

impl Kind {
    /// The kind of `token`. A code is only a code where a row begins
    /// (`opens_line`): `2080505 机关事业单位基本养老保险缴费支出 94.83`;
    /// the same digits further right (`340`) are an amount. The order of
    /// the tests matters: every code also reads as an amount.
    pub(crate) fn of(token: &str, opens_line: bool) -> Kind {
        // Most tokens hold no space: squeezed only when one does, as this
        // runs on every token of every table.
        let t = if token.contains(char::is_whitespace) { Cow::Owned(squeeze(token)) } else { Cow::Borrowed(token) };
        if opens_line && code(&t) {
            Kind::Code
        } else if amount(&t).is_some() || is_dash(&t) {
            Kind::Amount
        } else {
            Kind::Text
        }
    }
}

/// A horizontal extent on the page, in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Span {
    /// Left edge.
    pub x0: f32,
    /// Right edge.
    pub x1: f32,
}

impl Span {
    /// The extent from `x0` to `x1`.
    pub(crate) fn new(x0: f32, x1: f32) -> Span {
        Span { x0, x1 }
    }

    /// The middle.
    pub(crate) fn mid(self) -> f32 {
        (self.x0 + self.x1) / 2.0
    }

    /// How much the two extents share (0 when apart).
    pub(crate) fn overlap(self, o: Span) -> f32 {
        (self.x1.min(o.x1) - self.x0.max(o.x0)).max(0.0)
    }
}

/// A label that ran into the amount printed after it, with no space
/// between: `云湖区人工影响天气服务保障中心4647811.85` → (`云湖区人工影响天气服务保障中心`,
/// `4647811.85`). A long name overflows its cell and touches the first
/// amount. The label ends in a CJK character or a closing bracket, and the
/// amount has decimals: a bare number after a name stays part of it
/// (`人工增雨2号`, `2025年`).
pub(crate) fn glued_amount(text: &str) -> Option<(&str, &str)> {
    let start = text.char_indices().rev().take_while(|(_, c)| c.is_ascii_digit() || matches!(c, ',' | '.')).last()?.0;
    let number = &text[start..];
    let number = number.trim_start_matches([',', '.']);
    let label = &text[..text.len() - number.len()];
    let ends_label =
        label.chars().next_back().is_some_and(|c| crate::norm::is_cjk(c) || matches!(c, '）' | ')' | '」'));
    (ends_label && number.contains('.') && crate::lex::amount(number).is_some()).then_some((label, number))
}

/// One whitespace-separated piece of a line of text without layout, with
/// its line (an index into the lines it was cut from) and page.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Piece<'a> {
    /// The text, without spaces.
    pub text: &'a str,
    /// Index of its line.
    pub line: usize,
    /// Its page.
    pub page: u32,
}

/// The pieces of `lines` (text, page), in reading order.
pub(crate) fn pieces<'a>(lines: &[(&'a str, u32)]) -> Vec<Piece<'a>> {
    lines
        .iter()
        .enumerate()
        .flat_map(|(line, (text, page))| text.split_whitespace().map(move |t| Piece { text: t, line, page: *page }))
        .collect()
}

/// Joins pieces as a reader would: one space within a line, nothing across
/// lines (a wrapped cell: `对重大决策部` / `署督办落实率`); then the spaces
/// extraction put inside CJK text removed.
pub(crate) fn join(pieces: &[Piece<'_>]) -> String {
    let mut out = String::new();
    for (i, p) in pieces.iter().enumerate() {
        if i > 0 && pieces[i - 1].line == p.line {
            out.push(' ');
        }
        out.push_str(p.text);
    }
    squeeze(&out)
}

/// A column's header path: its headings from the top down, empty ones left
/// out, joined by `/` (`基本支出` over `人员经费` → `基本支出/人员经费`).
pub(crate) fn column_path<S: AsRef<str>>(headings: impl IntoIterator<Item = S>) -> String {
    let mut path = String::new();
    for h in headings {
        let h = h.as_ref();
        if h.is_empty() {
            continue;
        }
        if !path.is_empty() {
            path.push('/');
        }
        path.push_str(h);
    }
    path
}

/// The regular expression `pattern`, compiled into `cell` on first use.
/// Patterns are constants of the parser, so compiling cannot fail.
pub(crate) fn regex(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pattern).unwrap_or_else(|e| unreachable!("constant pattern: {e}")))
}

/// The non-blank lines of `text` as the text path marks them, for tests:
/// each with whether a blank line came before it and whether it began with
/// a space (the text as written, untrimmed).
#[cfg(test)]
pub(crate) fn marked_lines(text: &str) -> Vec<(&str, bool, bool)> {
    let mut out = Vec::new();
    let mut blank = false;
    for l in text.lines() {
        if l.trim().is_empty() {
            blank = true;
            continue;
        }
        out.push((l, std::mem::take(&mut blank), l.starts_with(' ')));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_unit_broken_over_two_lines() {
        assert_eq!(broken_unit(["单位：万", "部门名称：江苏省高级人民法院 元"]), Some("万元"));
        assert_eq!(broken_unit(["单位：千", "元"]), Some("千元"));
        assert_eq!(broken_unit(["单位：万", "部门名称：江苏省高级人民法院"]), None);
        assert_eq!(broken_unit(["预算单位：万达中心", "元"]), None);
    }

    #[test]
    fn labels_of_the_page() {
        for (text, label) in [
            ("预算单位：长春市信访局", true),
            ("编制单位：上海市数据局", true),
            ("部门名称：深圳市水务局 单位：万元", true),
            ("单位：万元", true),
            ("金额单位：元", true),
            ("预算单位", false),
            ("预算数（单位：万元）", false),
            ("单位名称", false),
        ] {
            assert_eq!(is_page_label(text), label, "{text}");
        }
    }

    #[test]
    fn notes_units_and_totals() {
        for (text, note) in [
            ("注：本表无数据", true),
            ("注:无", true),
            ("备注", true),
            ("：“科目编码”和“科目名称”为必填项。", true),
            ("注册", false),
            ("合计：", false),
        ] {
            assert_eq!(is_note(text), note, "{text}");
        }
        for (text, empty) in [
            ("注：本单位没有国有资本经营预算支出，故本表无数据。", true),
            ("本单位无政府性基金预算财政拨款安排的预算，故本表为空表。", true),
            ("注：本部门无相关内容。", true),
            ("此表为空", true),
            ("注：本单位无政府性基金预算拨款收入，也没有使用政府性基金安排的支出。", true),
            ("注：本表反映部门本年度一般公共预算财政拨款支出。", false),
            ("（注：2026年国家信访局部门预算中没有使用国有资本经营预算拨款安排的支出。）", true),
            ("此项支出是今年新增支出。", false),
        ] {
            assert_eq!(says_empty(text), empty, "{text}");
        }
        assert_eq!(unit_line(["部门收支总表", "", "单位：万元", "项目"]), Some((2, "万元")));
        assert_eq!(unit_line(["a", "b", "c", "d", "单位：元"]), None);
        assert_eq!(unit_line(["部门名称：某院", "单位：万", "元 ", "合计"]), Some((2, "万元")));
        assert_eq!(after_total_label("合计 10.00"), Some(" 10.00"));
        assert_eq!(after_total_label("总计"), Some(""));
        assert_eq!(after_total_label("小计"), None);
    }

    #[test]
    fn token_kinds() {
        let cases = [
            ("2080505", true, Kind::Code),
            ("2080505", false, Kind::Amount),
            ("1,477.88", true, Kind::Amount),
            ("—", false, Kind::Amount),
            ("行政运行", true, Kind::Text),
        ];
        for (token, opens_line, kind) in cases {
            assert_eq!(Kind::of(token, opens_line), kind, "{token}");
        }
    }

    #[test]
    fn labels_run_into_their_amount_are_cut_apart() {
        let cases = [
            ("云湖区人工影响天气服务保障中心4647811.85", Some(("云湖区人工影响天气服务保障中心", "4647811.85"))),
            ("障中心1,839,311.66", Some(("障中心", "1,839,311.66"))),
            ("人工增雨（雪）1.50", Some(("人工增雨（雪）", "1.50"))),
            ("人工增雨2号", None),
            ("2025年", None),
            ("1,477.88", None),
            ("一般公共服务支出", None),
        ];
        for (text, parts) in cases {
            assert_eq!(glued_amount(text), parts, "{text}");
        }
    }

    #[test]
    fn pieces_join_within_and_across_lines() {
        let lines = [("对重大决策部", 3), ("署督办 落实率", 3), ("Word 2007", 4)];
        let ps = pieces(&lines);
        assert_eq!(ps.len(), 5);
        assert_eq!((ps[4].line, ps[4].page), (2, 4));
        assert_eq!(join(&ps[..3]), "对重大决策部署督办落实率");
        assert_eq!(join(&ps[3..]), "Word 2007");
        assert_eq!(column_path(["基本支出", "", "人员经费"]), "基本支出/人员经费");
        assert_eq!(Span::new(0.0, 10.0).overlap(Span::new(8.0, 20.0)), 2.0);
    }
}
