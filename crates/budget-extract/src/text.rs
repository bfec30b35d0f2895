//! Text already extracted from a budget PDF.
//!
//! The form is the one `pdf-extract` writes: every line of the PDF on a line
//! of its own with blank lines between, and each new page opening with a line
//! that starts with a space. Text with form feeds (`\f`, as `pdftotext`
//! writes) is split at the form feeds instead.

use budget_model::{Line, Page};

/// Splits extracted text into pages of non-blank, trimmed lines, each
/// marked when a blank line came before it.
///
/// ```
/// use budget_extract::text::pages_from_text;
/// let pages = pages_from_text(" 第一部分 概况\n\n正文\n\n 第二部分 预算表\n");
/// assert_eq!(pages.len(), 2);
/// assert_eq!(pages[1].number, 2);
/// assert_eq!(pages[1].lines[0].text, "第二部分 预算表");
/// ```
pub fn pages_from_text(text: &str) -> Vec<Page> {
    let by_form_feed = text.contains('\u{c}');
    let mut pages: Vec<Page> = Vec::new();
    let mut current = Page::new(1);
    let mut blank = false;
    for (i, raw) in text.split('\u{c}').enumerate() {
        if by_form_feed && i > 0 {
            push_page(&mut pages, &mut current);
        }
        for line in raw.lines() {
            let trimmed = line.trim();
            if trimmed.is_empty() {
                blank = true;
                continue;
            }
            let opens_page = !by_form_feed && line.starts_with(char::is_whitespace);
            if opens_page && !current.lines.is_empty() {
                push_page(&mut pages, &mut current);
            }
            current.lines.push(Line { after_blank: std::mem::take(&mut blank), ..Line::text(trimmed) });
        }
    }
    if !current.lines.is_empty() || pages.is_empty() {
        pages.push(current);
    }
    pages
}

fn push_page(pages: &mut Vec<Page>, current: &mut Page) {
    let next = current.number + 1;
    pages.push(std::mem::replace(current, Page::new(next)));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(p: &Page) -> Vec<&str> {
        p.lines.iter().map(|l| l.text.as_str()).collect()
    }

    #[test]
    fn leading_space_opens_a_page_and_blank_lines_vanish() {
        let pages = pages_from_text(" a\n\nb\n\n  c\n\r\nd \n");
        assert_eq!(pages.len(), 2);
        assert_eq!(texts(&pages[0]), ["a", "b"]);
        assert_eq!(texts(&pages[1]), ["c", "d"]);
        assert_eq!(pages[1].number, 2);
    }

    #[test]
    fn form_feeds_split_pages_and_leading_spaces_are_kept_on_the_page() {
        let pages = pages_from_text("  a\n  b\n\u{c}  c\n\u{c}\u{c}d");
        assert_eq!(pages.len(), 4);
        assert_eq!(texts(&pages[0]), ["a", "b"]);
        assert_eq!(texts(&pages[1]), ["c"]);
        assert!(pages[2].lines.is_empty());
        assert_eq!(texts(&pages[3]), ["d"]);
    }

    #[test]
    fn text_not_starting_with_a_space_is_page_one() {
        let pages = pages_from_text("x\n y");
        assert_eq!(pages.len(), 2);
        assert_eq!(texts(&pages[0]), ["x"]);
    }
}
