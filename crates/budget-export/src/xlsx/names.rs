//! Sheet names Excel accepts: at most 31 characters, none of `[ ] : * ? / \`,
//! no apostrophe at either end, unique regardless of case.

use std::collections::HashSet;

/// Excel's longest sheet name, in characters.
const MAX_CHARS: usize = 31;

/// A sheet name for `wanted`, unique among `taken` (which it joins):
/// forbidden characters become `_`, the name is cut to 31 characters, and a
/// name taken already gets ` (2)`, ` (3)`, … within the 31.
///
/// `5-1 一般公共预算支出表(分功能科目)` stays as it is; `7 “三公”经费[2024]`
/// becomes `7 “三公”经费_2024_`.
pub fn sheet_name(wanted: &str, taken: &mut HashSet<String>) -> String {
    let clean: String = wanted.chars().map(|c| if "[]:*?/\\".contains(c) { '_' } else { c }).collect();
    let clean = clean.trim().trim_matches('\'').trim();
    let base = if clean.is_empty() { "Sheet" } else { clean };
    let mut n = 1;
    loop {
        let suffix = if n == 1 { String::new() } else { format!(" ({n})") };
        let room = MAX_CHARS - suffix.chars().count();
        let head: String = base.chars().take(room).collect();
        let name = format!("{}{suffix}", head.trim_end().trim_end_matches('\''));
        if taken.insert(name.to_lowercase()) {
            return name;
        }
        n += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_cleaned_cut_and_made_unique() {
        let mut taken = HashSet::new();
        let cases = [
            ("5-1 一般公共预算支出表(分功能科目)", "5-1 一般公共预算支出表(分功能科目)"),
            ("7 “三公”经费[2024]", "7 “三公”经费_2024_"),
            ("a/b:c*d?e\\f", "a_b_c_d_e_f"),
            ("'quoted'", "quoted"),
            ("", "Sheet"),
            ("x", "x"),
            ("X", "X (2)"),
            ("x", "x (3)"),
        ];
        for (wanted, name) in cases {
            assert_eq!(sheet_name(wanted, &mut taken), name, "{wanted}");
        }
        let long = "12 项目支出绩效目标表（某某单位某某项目某某某某某某某某某某某某）";
        let first = sheet_name(long, &mut taken);
        let second = sheet_name(long, &mut taken);
        assert_eq!(first.chars().count(), 31);
        assert_eq!(second.chars().count(), 31);
        assert!(second.ends_with(" (2)"), "{second}");
    }
}
