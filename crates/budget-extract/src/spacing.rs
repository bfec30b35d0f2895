//! Letter-spaced text closed up.
//!
//! Some PDFs draw every character apart (character spacing set on the
//! text), and pdf-extract then writes a space between every two
//! characters: `2 0 7 0 2 0 4 文 物 保 护 9 , 9 7 3 , 1 9 5 7 , 8 3 3 , 9 9 5`.
//! Every word of such a line is one character, and the spaces no longer
//! tell where a cell ends. Where most of a text's lines are written so,
//! each such line is closed up and given the word breaks its characters
//! still show:
//! - a leading code apart from the name after it (`2070204 文物保护`), not a
//!   year or a count (`2026年…`, `6月`);
//! - a run of amount characters holding a separator or a point, or ending
//!   the line, apart from the text around it (`… 文物保护 9,973,1957,833,995`);
//! - an item opening at a list ordinal after other text
//!   (`二、政府性基金预算 二、社会保障和就业支出`, `… （二）国防支出`);
//!
//! Amounts run together stay one word, for the table readers to split at
//! their separators or decimals as they split a spreadsheet's right-aligned
//! amounts, or to leave unread where those do not tell.

use std::borrow::Cow;

/// How many lines of three words or more a text needs before its spacing
/// is judged.
const MIN_LINES: usize = 10;

/// Whether the text is letter-spaced: more than half of its lines of three
/// words or more are single characters apart. A table's line of zeros
/// (`0 0 0 0`) in an ordinary text does not make it so.
pub(crate) fn letter_spaced(text: &str) -> bool {
    let (mut long, mut spaced) = (0, 0);
    for line in text.lines() {
        let words: Vec<&str> = line.split_whitespace().collect();
        if words.len() < 3 {
            continue;
        }
        long += 1;
        spaced += usize::from(single_characters(&words));
    }
    long >= MIN_LINES && spaced * 2 > long
}

fn single_characters(words: &[&str]) -> bool {
    words.iter().all(|w| w.chars().count() == 1)
}

/// The line closed up when its text is letter-spaced, else as it is.
pub(crate) fn closed_up_if(line: &str, letter_spaced: bool) -> Cow<'_, str> {
    if letter_spaced {
        closed_up(line)
    } else {
        Cow::Borrowed(line)
    }
}

/// A line of single characters apart closed up, its leading spaces kept
/// (they tell where the line started); any other line as it is.
///
/// ```text
/// 2 0 8 0 5 0 2 事 业 单 位 离 退 休 1 6 8 , 0 0 0 1 6 8 , 0 0 0
/// → 2080502 事业单位离退休 168,000168,000
/// ```
pub(crate) fn closed_up(line: &str) -> Cow<'_, str> {
    let words: Vec<&str> = line.split_whitespace().collect();
    if words.len() < 2 || !single_characters(&words) {
        return Cow::Borrowed(line);
    }
    let indent = &line[..line.len() - line.trim_start().len()];
    let chars: Vec<char> = words.iter().flat_map(|w| w.chars()).collect();
    let runs = runs(&chars);
    let mut out = String::from(indent);
    let amount_at = |k: usize| amount_run(&runs[k], runs.get(k + 1).map(Vec::as_slice));
    for (k, run) in runs.iter().enumerate() {
        let apart = k > 0 && (amount_at(k) || amount_at(k - 1) || k == 1 && code_after(&runs[0], run));
        if apart {
            out.push(' ');
        }
        push_items(&mut out, run);
    }
    Cow::Owned(out)
}

/// The characters cut into runs of amount characters (digits, `,`, `.`)
/// and runs of anything else.
fn runs(chars: &[char]) -> Vec<Vec<char>> {
    let mut runs: Vec<Vec<char>> = Vec::new();
    for &c in chars {
        match runs.last_mut() {
            Some(run) if numeric(run[0]) == numeric(c) => run.push(c),
            _ => runs.push(vec![c]),
        }
    }
    runs
}

fn numeric(c: char) -> bool {
    c.is_ascii_digit() || c == ',' || c == '.'
}

/// A run of amount characters standing apart: one with a separator or a
/// point, or the line's last, after other text (`合计 13,616,271…`,
/// `办公费 5,000`), and the text after it (`预算 12,376,671 一、文化…`);
/// not a figure with its unit (`95.5%`, `3.70万元`).
fn amount_run(run: &[char], next: Option<&[char]>) -> bool {
    let figure = numeric(run[0]) && run.iter().any(char::is_ascii_digit);
    match next {
        None => figure,
        Some(next) => figure && run.iter().any(|&c| c == ',' || c == '.') && !UNITS.contains(&next[0]),
    }
}

/// Characters that follow a figure as its unit or measure word, and open
/// no budget item's name (`人员经费`, `项目支出`, `公共安全支出` do).
const UNITS: &[char] =
    &['%', '％', '‰', '万', '亿', '元', '月', '日', '天', '次', '台', '辆', '件', '户', '份', '套', '册', '倍', '吨'];

/// Text pushed with an item that opens at a list ordinal after other text
/// set apart (`二、政府性基金预算二、社会保障和就业支出` → `… 二、社会…`;
/// `（二）政府性基金预算拨款（二）国防支出` → `… （二）国防支出`): a
/// two-sided table's income item printed without an amount, run into the
/// expense item beside it.
fn push_items(out: &mut String, run: &[char]) {
    for (i, &c) in run.iter().enumerate() {
        if i > 0 && opens_item(&run[i - 1..]) {
            out.push(' ');
        }
        out.push(c);
    }
}

/// Whether an item opens after the first character of `from`: an ordinal
/// `二、` after no other ordinal, or `（二）`.
fn opens_item(from: &[char]) -> bool {
    let (before, at) = (from[0], &from[1..]);
    let numeral_end = |k: usize| at[k..].iter().position(|&c| !ordinal(c)).map_or(at.len(), |n| k + n);
    match at[0] {
        '（' | '(' => {
            let end = numeral_end(1);
            end > 1 && matches!(at.get(end), Some('）' | ')'))
        }
        c if ordinal(c) && !ordinal(before) => at.get(numeral_end(0)) == Some(&'、'),
        _ => false,
    }
}

fn ordinal(c: char) -> bool {
    "一二三四五六七八九十".contains(c)
}

/// Whether `run` is the name after the code `before` that opens the line:
/// digits alone, and a name after them, not a date or a count (`2026年`,
/// `6月`, `10个`) nor an ordinal (`1.`).
fn code_after(before: &[char], run: &[char]) -> bool {
    before.iter().all(char::is_ascii_digit)
        && !numeric(run[0])
        && !matches!(run[0], '年' | '月' | '日' | '号' | '个' | '万' | '元' | '%' | '％' | '、' | '）' | ')')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letter_spaced_lines_are_closed_up_with_their_cells_apart() {
        let cases = [
            (
                "2 0 7 0 2 0 4 文 物 保 护 9 , 9 7 3 , 1 9 5 7 , 8 3 3 , 9 9 5 2 , 1 3 9 , 2 0 0",
                "2070204 文物保护 9,973,1957,833,9952,139,200",
            ),
            ("合 计 1 3 , 6 1 6 , 2 7 1", "合计 13,616,271"),
            (
                "一 、 一 般 公 共 预 算 1 2 , 3 7 6 , 6 7 1 一 、 文 化 支 出 9 , 9 7 3 , 1 9 5",
                "一、一般公共预算 12,376,671 一、文化支出 9,973,195",
            ),
            ("3 . 7 0 0 . 5 0 3 . 2 0 3 . 2 0", "3.700.503.203.20"),
            (
                "二 、 政 府 性 基 金 预 算 二 、 社 会 保 障 和 就 业 支 出 1 , 5 1 0 , 2 4 5",
                "二、政府性基金预算 二、社会保障和就业支出 1,510,245",
            ),
            ("（ 二 ） 政 府 性 基 金 预 算 拨 款 （ 二 ） 国 防 支 出", "（二）政府性基金预算拨款 （二）国防支出"),
            ("政 府 办 公 厅 （ 室 ） 及 相 关 机 构 事 务", "政府办公厅（室）及相关机构事务"),
            ("2 0 2 6 年 预 算 单 位 支 出 预 算 总 表", "2026年预算单位支出预算总表"),
            ("编 制 单 位 ： 某 中 心 单 位 ： 元", "编制单位：某中心单位：元"),
            ("3 0 2 0 5 水 费 5 0 0", "30205 水费 500"),
            ("2 0 7 文 化 旅 游 体 育 与 传 媒 支 出", "207 文化旅游体育与传媒支出"),
            ("完 成 率 9 5 %", "完成率95%"),
            ("完 成 率 ≥ 9 5 . 5 % 3 . 7 0 万 元", "完成率≥95.5%3.70万元"),
            // Leading spaces are kept; a line of longer words is left as it is.
            ("   合 计", "   合计"),
            ("合计 1,000 1,000", "合计 1,000 1,000"),
        ];
        for (line, want) in cases {
            assert_eq!(closed_up(line), want, "{line}");
        }
    }

    #[test]
    fn a_text_is_letter_spaced_when_most_of_its_lines_are() {
        let spaced = "项 目 合 计\n".repeat(10) + "合计 1,000 2,000\n";
        assert!(letter_spaced(&spaced));
        // Lines of zeros in an ordinary table do not make a text letter-spaced.
        let plain = "0 0 0 0\n".repeat(4) + &"行政运行 1,000 2,000\n".repeat(10);
        assert!(!letter_spaced(&plain));
        // Too few lines to judge.
        assert!(!letter_spaced(&"项 目 合 计\n".repeat(5)));
    }
}
