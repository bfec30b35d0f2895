//! Text clean-up shared by the parsers.

/// Whether a squeezed label is one of the words a total row or column is
/// named by (`合计`, `总计`).
pub(crate) fn is_total_word(label: &str) -> bool {
    matches!(label, "合计" | "总计")
}

/// Removes whitespace that extraction put inside CJK text (`收 入 总 计` →
/// `收入总计`, `2024 年` → `2024年`), keeping one space only between two
/// ASCII letters or digits (`Word 2007`).
///
/// ```
/// use budget_parse::norm::squeeze;
/// assert_eq!(squeeze("收 入 总 计"), "收入总计");
/// assert_eq!(squeeze(" 12345 政务服务 "), "12345政务服务");
/// assert_eq!(squeeze("Office  2007 版"), "Office 2007版");
/// ```
pub fn squeeze(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.trim().chars() {
        if c.is_whitespace() {
            pending_space = true;
            continue;
        }
        if pending_space {
            let prev_ascii = out.chars().last().is_some_and(|p| p.is_ascii_alphanumeric());
            if prev_ascii && c.is_ascii_alphanumeric() {
                out.push(' ');
            }
            pending_space = false;
        }
        out.push(c);
    }
    out
}

/// Joins the lines of one wrapped cell: no separator, except a space between
/// two ASCII words.
pub fn join_wrapped<'a>(parts: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for p in parts {
        let p = p.trim();
        if p.is_empty() {
            continue;
        }
        let needs_space = out.chars().last().is_some_and(|c| c.is_ascii_alphabetic())
            && p.chars().next().is_some_and(|c| c.is_ascii_alphabetic());
        if needs_space {
            out.push(' ');
        }
        out.push_str(p);
    }
    out
}

/// A row label as the contract writes it: wrapped parts joined, extraction
/// spaces removed, the list ordinal (`一、`, `（三）`, `廿一、`, `1.`) dropped.
///
/// ```
/// use budget_parse::norm::row_name;
/// assert_eq!(row_name("廿一、灾害防治及应急管理支出"), "灾害防治及应急管理支出");
/// assert_eq!(row_name("收 入 总 计"), "收入总计");
/// ```
pub fn row_name(label: &str) -> String {
    let s = squeeze(label);
    let (_, rest) = crate::lex::split_ordinal(&s);
    rest.to_string()
}

/// Normalises bracket forms so that titles and headers compare equal
/// whichever the producer used: ASCII parentheses become full-width.
pub fn fullwidth_parens(s: &str) -> String {
    s.replace('(', "（").replace(')', "）")
}

/// True for a CJK ideograph.
pub fn is_cjk(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3400}'..='\u{4dbf}').contains(&c)
}

/// Brackets `text` opens (`（`, `(`) less those it closes: above zero, a
/// bracket is left open (a cell wrapped inside it, `个（台、套、件`).
pub(crate) fn bracket_net(text: &str) -> i32 {
    text.chars().map(|c| i32::from("（(".contains(c)) - i32::from("）)".contains(c))).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapped_cells_join_without_spaces() {
        assert_eq!(join_wrapped(["政府办公厅（室）", "及相关机构事务"]), "政府办公厅（室）及相关机构事务");
        assert_eq!(join_wrapped(["93", "59", ".3", "0"]), "9359.30");
        assert_eq!(join_wrapped(["Microsoft", "Word"]), "Microsoft Word");
    }

    #[test]
    fn names_lose_ordinals_and_spaces() {
        assert_eq!(row_name("（一）一般公共预算拨款"), "一般公共预算拨款");
        assert_eq!(row_name("一、一般公共预算拨款收入"), "一般公共预算拨款收入");
        assert_eq!(row_name("行政运行"), "行政运行");
    }
}
