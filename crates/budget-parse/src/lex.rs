//! The small lexical pieces of budget tables, as nom parsers: amounts, codes,
//! list ordinals, table numbers and unit lines. Every public function here is
//! a complete parse of one token or a prefix of a line; nom types stay inside.

use budget_model::Decimal;
use nom::branch::alt;
use nom::bytes::complete::{tag, take_while1, take_while_m_n};
use nom::character::complete::{char, digit1, one_of, space0};
use nom::combinator::{all_consuming, opt, recognize};
use nom::multi::many1;
use nom::sequence::{delimited, preceded};
use nom::{IResult, Parser};

/// Chinese numerals used in list ordinals and table numbers.
const CN_DIGITS: &str = "〇零一二两三四五六七八九十廿卅百";

fn is_cn_digit(c: char) -> bool {
    CN_DIGITS.contains(c)
}

/// Digits with thousands separators: `1,477` or `1477`.
fn integer_part(i: &str) -> IResult<&str, &str> {
    recognize((digit1, nom::multi::many0((char(','), digit1)))).parse(i)
}

/// An amount as printed: `1,477.88`, `0.00`, `-12.5`, `340`, `(3.00)` for a
/// negative, with an optional full-width minus. Thousands separators are
/// dropped, the printed scale is kept (`0.00` stays `0.00`).
///
/// ```
/// use budget_parse::lex::amount;
/// assert_eq!(amount("1,477.88").unwrap().to_string(), "1477.88");
/// assert_eq!(amount("-0.50").unwrap().to_string(), "-0.50");
/// assert!(amount("2024年").is_none());
/// ```
pub fn amount(token: &str) -> Option<Decimal> {
    let t = token.trim();
    let (negative, body) = if let Some(inner) = t.strip_prefix('(').and_then(|s| s.strip_suffix(')')) {
        (true, inner)
    } else if let Some(inner) = t.strip_prefix('（').and_then(|s| s.strip_suffix('）')) {
        (true, inner)
    } else if let Some(rest) = t.strip_prefix(['-', '－', '−']) {
        (true, rest)
    } else {
        (false, t)
    };
    let parsed: IResult<&str, &str> = all_consuming(recognize((integer_part, opt((char('.'), digit1))))).parse(body);
    let (_, digits) = parsed.ok()?;
    if !separators_well_placed(digits) {
        return None;
    }
    let plain: String = digits.chars().filter(|&c| c != ',').collect();
    let value: Decimal = plain.parse().ok()?;
    Some(if negative { -value } else { value })
}

/// `1,477` is a thousands separator; `1,47` or `14,77` is not. The first
/// group may be longer than three digits: some spreadsheet formats write
/// only the last separator (`120258,600` for 120,258,600 元).
fn separators_well_placed(digits: &str) -> bool {
    let int = digits.split('.').next().unwrap_or(digits);
    let mut groups = int.split(',');
    let first = groups.next().unwrap_or("");
    let rest: Vec<&str> = groups.collect();
    rest.is_empty() || (!first.is_empty() && rest.iter().all(|g| g.len() == 3))
}

/// A classification or unit code: 3 to 12 ASCII digits (`201`, `20103`,
/// `2010301`, `303001`, `30101`), nothing else on the token.
pub fn code(token: &str) -> bool {
    let t = token.trim();
    (3..=12).contains(&t.len()) && t.bytes().all(|b| b.is_ascii_digit())
}

/// `一、`, `廿一、`, `十二．`
fn cn_ordinal(i: &str) -> IResult<&str, &str> {
    recognize((take_while1(is_cn_digit), one_of("、．.，,"))).parse(i)
}

/// `（一）`, `(三)`, `（12）`
fn paren_ordinal(i: &str) -> IResult<&str, &str> {
    recognize(delimited(one_of("(（"), alt((take_while1(is_cn_digit), digit1)), one_of(")）"))).parse(i)
}

/// `1.`, `2、`, `3．` — but not the `1.` of an amount such as `1.5`.
fn digit_ordinal(i: &str) -> IResult<&str, &str> {
    let (rest, o) = recognize((take_while_m_n(1, 2, |c: char| c.is_ascii_digit()), one_of("、．."))).parse(i)?;
    if rest.starts_with(|c: char| c.is_ascii_digit()) {
        return Err(nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Verify)));
    }
    Ok((rest, o))
}

/// Splits a list ordinal off the front of a row label:
/// `廿一、灾害防治…` → (`廿一、`, `灾害防治…`); `（三）公共安全支出` → (`（三）`, …).
///
/// ```
/// use budget_parse::lex::split_ordinal;
/// assert_eq!(split_ordinal("廿一、灾害防治及应急管理支出"), ("廿一、", "灾害防治及应急管理支出"));
/// assert_eq!(split_ordinal("（三）国有资本经营预算拨款"), ("（三）", "国有资本经营预算拨款"));
/// assert_eq!(split_ordinal("行政运行"), ("", "行政运行"));
/// ```
pub fn split_ordinal(label: &str) -> (&str, &str) {
    // The parenthesised form first: `（一）` would otherwise never match, and
    // the Chinese form before the digit form, which is the rarer in labels.
    let parsed: IResult<&str, &str> = preceded(space0, alt((paren_ordinal, cn_ordinal, digit_ordinal))).parse(label);
    match parsed {
        Ok((rest, o)) => (o, rest.trim_start()),
        Err(_) => ("", label),
    }
}

/// The value of a Chinese numeral up to 99 (`一` 1, `十二` 12, `廿一` 21,
/// `二十` 20); ASCII digits are read as they are.
///
/// ```
/// use budget_parse::lex::cn_number;
/// assert_eq!(cn_number("廿一"), Some(21));
/// assert_eq!(cn_number("十"), Some(10));
/// assert_eq!(cn_number("三十五"), Some(35));
/// assert_eq!(cn_number("12"), Some(12));
/// ```
pub fn cn_number(s: &str) -> Option<u32> {
    if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) {
        return s.parse().ok();
    }
    let digit = |c: char| {
        "〇一二三四五六七八九".find(c).map(|i| (i / 3) as u32).or(match c {
            '零' => Some(0),
            '两' => Some(2),
            _ => None,
        })
    };
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        [d] if digit(*d).is_some() => digit(*d),
        ['十'] => Some(10),
        ['十', u] => Some(10 + digit(*u)?),
        ['廿'] => Some(20),
        ['廿', u] => Some(20 + digit(*u)?),
        ['卅'] => Some(30),
        ['卅', u] => Some(30 + digit(*u)?),
        [t, '十'] => Some(digit(*t)? * 10),
        [t, '十', u] => Some(digit(*t)? * 10 + digit(*u)?),
        _ => None,
    }
}

/// The number of a table heading, as printed before its name:
/// `一、` → `1`, `表 5-1.` / `表5-1：` → `5-1`, `公开01表` → `01`, `附表4` → `4`,
/// `表一` → `1`. Returns the number and the rest of the line.
///
/// ```
/// use budget_parse::lex::table_number;
/// assert_eq!(table_number("表 5-1.一般公共预算支出表(分功能科目)"), Some(("5-1".to_string(), "一般公共预算支出表(分功能科目)")));
/// assert_eq!(table_number("十二、项目支出绩效目标表"), Some(("12".to_string(), "项目支出绩效目标表")));
/// assert_eq!(table_number("公开02表：收入预算总表"), Some(("02".to_string(), "收入预算总表")));
/// ```
pub fn table_number(line: &str) -> Option<(String, &str)> {
    let parsed: IResult<&str, String> =
        alt((table_no_prefixed, table_no_cn_ordinal, table_no_open, table_no_of_kind)).parse(line.trim());
    parsed.ok().map(|(rest, no)| (no, rest.trim_start_matches([' ', '.', '．', '、', ':', '：', '　'])))
}

/// `表 5-1.`, `表5-1`, `附表4`, `表一`, `表12-1`
fn table_no_prefixed(i: &str) -> IResult<&str, String> {
    let (i, _) = (opt(tag("附")), tag("表"), space0).parse(i)?;
    alt((numbered, cn_numbered)).parse(i)
}

/// `5-1`, `12`, `5—1`
fn numbered(i: &str) -> IResult<&str, String> {
    let (i, n) = recognize((digit1, opt((one_of("-－—–"), digit1)))).parse(i)?;
    Ok((i, n.replace(['－', '—', '–'], "-")))
}

fn cn_numbered(i: &str) -> IResult<&str, String> {
    let (i, n) = take_while1(is_cn_digit).parse(i)?;
    match cn_number(n) {
        Some(v) => Ok((i, v.to_string())),
        None => Err(nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Verify))),
    }
}

/// `一、部门收支总表` → `1`
fn table_no_cn_ordinal(i: &str) -> IResult<&str, String> {
    let (rest, (n, _)) = (take_while1(is_cn_digit), one_of("、．.")).parse(i)?;
    match cn_number(n) {
        Some(v) => Ok((rest, v.to_string())),
        None => Err(nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Verify))),
    }
}

/// `公开01表`, `公开表一`, `预算公开表3`
fn table_no_open(i: &str) -> IResult<&str, String> {
    let (i, _) =
        (opt(take_while1(|c: char| c == '预' || c == '算' || c == '部' || c == '门')), tag("公开")).parse(i)?;
    alt((open_digits, preceded((tag("表"), space0), alt((numbered, cn_numbered))))).parse(i)
}

/// `预算03表`, `决算01表`, `单位预算11表`, `单位预算表10`: the document's
/// kind (and level) before the number.
fn table_no_of_kind(i: &str) -> IResult<&str, String> {
    let (i, _) = (opt(alt((tag("部门"), tag("单位")))), alt((tag("预算"), tag("决算")))).parse(i)?;
    alt((open_digits, preceded(tag("表"), numbered))).parse(i)
}

/// `01表` of `公开01表`
fn open_digits(i: &str) -> IResult<&str, String> {
    let (i, n) = digit1(i)?;
    let (i, _) = (space0, tag("表")).parse(i)?;
    Ok((i, n.to_string()))
}

/// A unit line: `单位：万元`, `资金单位：万元`, `金额单位:元`,
/// `编制部门：某局 单位：元`, and a unit run into the label after it
/// (`单位：万元单位名称：某局`, as extracted text gives it). Returns the unit.
///
/// ```
/// use budget_parse::lex::unit_of_line;
/// assert_eq!(unit_of_line("单位：万元"), Some("万元"));
/// assert_eq!(unit_of_line("编制单位：襄阳市生态环境局 单位：元"), Some("元"));
/// assert_eq!(unit_of_line("单位：万元单位名称：某某局"), Some("万元"));
/// assert_eq!(unit_of_line("预算单位：某某局"), None);
/// ```
pub fn unit_of_line(line: &str) -> Option<&'static str> {
    let compact: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    compact.match_indices("单位").find_map(|(at, _)| {
        let tail = &compact[at + "单位".len()..];
        let parsed: IResult<&str, &str> =
            preceded(one_of(":："), alt((tag("万元"), tag("千元"), tag("亿元"), tag("元")))).parse(tail);
        match parsed {
            Ok((_, "万元")) => Some("万元"),
            Ok((_, "千元")) => Some("千元"),
            Ok((_, "亿元")) => Some("亿元"),
            Ok((_, _)) => Some("元"),
            Err(_) => None,
        }
    })
}

/// Joins the pieces of an amount broken over lines (`1,477.` + `88`,
/// `1,477.8` + `8`, `6507` + `.19`, `93` + `59` + `.3` + `0`) when the
/// pieces read as one amount; `None` when they do not.
///
/// ```
/// use budget_parse::lex::join_amount;
/// assert_eq!(join_amount(&["1,477.", "88"]).unwrap().to_string(), "1477.88");
/// assert_eq!(join_amount(&["93", "59", ".3", "0"]).unwrap().to_string(), "9359.30");
/// assert!(join_amount(&["12.00", "3.00"]).is_none());
/// ```
pub fn join_amount(pieces: &[&str]) -> Option<Decimal> {
    let joined: String = pieces.iter().flat_map(|p| p.chars()).filter(|c| !c.is_whitespace()).collect();
    amount(&joined)
}

/// True when `token` is an amount cut by a line break: it ends with `.` or
/// `,` (`1,477.`), or it is digits that could continue (handled by callers
/// using the expected scale).
pub fn is_cut_amount(token: &str) -> bool {
    let t = token.trim();
    (t.ends_with('.') || t.ends_with(',')) && amount(t.trim_end_matches(['.', ','])).is_some()
}

/// Counts the digits after the decimal point of a printed amount.
pub fn scale_of(token: &str) -> u32 {
    token.trim().split_once('.').map_or(0, |(_, d)| d.len() as u32)
}

/// Words that are made only of digits, spaces and amount punctuation.
pub fn is_numeric_text(s: &str) -> bool {
    let parsed: IResult<&str, Vec<char>> = all_consuming(many1(one_of("0123456789.,-－ "))).parse(s);
    parsed.is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts() {
        let read_as = [
            ("1,477.88", "1477.88"),
            ("0.00", "0.00"),
            ("340", "340"),
            ("-12.50", "-12.50"),
            ("(3.00)", "-3.00"),
            ("－1.0", "-1.0"),
            ("12,345,678.9", "12345678.9"),
            ("120258,600", "120258600"),
        ];
        for (input, want) in read_as {
            assert_eq!(amount(input).map(|d| d.to_string()).as_deref(), Some(want), "{input}");
        }
        for input in ["1,47.00", "1477.", ".5", "", "-", "2024年", "98%", "1.2.3", "1234,56", ",600"] {
            assert_eq!(amount(input), None, "{input}");
        }
    }

    #[test]
    fn codes() {
        for c in ["201", "20103", "2010301", "303001", "30101"] {
            assert!(code(c), "{c}");
        }
        for c in ["20", "1,477", "2010301a", "", "12.00"] {
            assert!(!code(c), "{c}");
        }
    }

    /// Each case is a label with `|` where the ordinal ends: the label read
    /// is the case without the `|`, and [`split_ordinal`] must cut it there
    /// (`|本年收入合计`: no ordinal).
    #[test]
    fn ordinals() {
        let cases = [
            "一、|一般公共预算拨款收入",
            "廿一、|灾害防治及应急管理支出",
            "（十二）|交通运输支出",
            "(二)|政府性基金预算拨款",
            "1.|一般公共预算财政拨款收入",
            "2、|事业收入",
            "|本年收入合计",
            "|1.50",
            "十三、|资源勘探工业信息等支",
        ];
        for case in cases {
            let (o, rest) = case.split_once('|').expect("a | where the ordinal ends");
            let input = format!("{o}{rest}");
            assert_eq!(split_ordinal(&input), (o, rest), "{input}");
        }
    }

    #[test]
    fn table_numbers() {
        let numbered = [
            ("一、部门收支总表", "1"),
            ("十、项目支出情况表", "10"),
            ("廿一、某表", "21"),
            ("表 5-1.一般公共预算支出表(分功能科目)", "5-1"),
            ("表12-1.乡村振兴工作经费项目申报表", "12-1"),
            ("附表4", "4"),
            ("表一 收支预算总表", "1"),
            ("公开01表", "01"),
            ("公开表十二", "12"),
            ("预算03表 支出总表", "03"),
            ("决算01表", "01"),
            ("单位预算11表", "11"),
            ("单位预算表10", "10"),
            ("部门预算01表", "01"),
        ];
        for (input, want) in numbered {
            assert_eq!(table_number(input).map(|(n, _)| n).as_deref(), Some(want), "{input}");
        }
        assert_eq!(table_number("部门收支总表"), None);
    }

    #[test]
    fn units() {
        let units = [
            ("单位：万元", "万元"),
            ("单位: 元", "元"),
            ("资金单位：万元", "万元"),
            ("金额单位：元", "元"),
            ("编制部门：上海市普陀区司法局 单位：元", "元"),
        ];
        for (input, want) in units {
            assert_eq!(unit_of_line(input), Some(want), "{input}");
        }
        for input in ["单位：人", "部门（单位）名称"] {
            assert_eq!(unit_of_line(input), None, "{input}");
        }
    }

    #[test]
    fn split_amounts_rejoin() {
        assert_eq!(join_amount(&["1,477.8", "8"]).map(|d| d.to_string()).as_deref(), Some("1477.88"));
        assert_eq!(join_amount(&["6507", ".19"]).map(|d| d.to_string()).as_deref(), Some("6507.19"));
        assert!(is_cut_amount("1,477."));
        assert!(is_cut_amount("1,"));
        assert!(!is_cut_amount("1,477.88"));
        assert_eq!(scale_of("1,477.8"), 1);
    }
}
