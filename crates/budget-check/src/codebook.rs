//! The code book: every name the corpora print for a code of the 功能分类
//! (类 `201`, 款 `20103`, 项 `2010301`), the 部门经济分类 (`301`, `30101`)
//! and the 政府经济分类 (`501`, `50101`), with how many issuers print it.
//!
//! The data is `data/codebook.tsv`, written by `scripts/build_codebook.py`
//! from conversions of the corpora (seeds, real, national, dev); a line is
//! `class, code, name, issuers`. The classification changes between years,
//! so a code may have several names (`20805 行政事业单位养老支出` in 125
//! documents, `20805 行政事业单位离退休` in the 江苏 ones), and a local
//! scheme may give a code a name the national one gives to another (上海
//! 普陀 prints `302 02 咨询费`, nationally `30203`): every name printed where
//! no misread is likely is accepted for its code.

use std::collections::BTreeMap;
use std::sync::OnceLock;

/// The book as shipped.
const DATA: &str = include_str!("../data/codebook.tsv");

/// A name printed by at least this many issuers is a strong name of its
/// code: only a strong name of another code can make a printed name wrong.
pub(crate) const STRONG_ISSUERS: u32 = 2;

/// The three classifications, kept apart: a code means one thing in each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Class {
    /// 功能分类 (`2010301 行政运行`).
    Function,
    /// 部门预算支出经济分类 (`30101 基本工资`).
    Departmental,
    /// 政府预算支出经济分类 (`50101 工资奖金津补贴`).
    Governmental,
}

impl Class {
    /// The class as the data file writes it.
    fn from_label(label: &str) -> Option<Class> {
        match label {
            "功能" => Some(Class::Function),
            "部门经济" => Some(Class::Departmental),
            "政府经济" => Some(Class::Governmental),
            _ => None,
        }
    }
}

/// One accepted name of a code.
#[derive(Debug, Clone)]
pub(crate) struct Known {
    /// The name as most often printed (`因公出国（境）费用`).
    pub(crate) printed: &'static str,
    /// Its [`name_key`].
    key: String,
    /// How many distinct issuers print it.
    pub(crate) issuers: u32,
}

/// What the book says of a printed code and name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Reading {
    /// The code is not in the book: nothing is checked.
    UnknownCode,
    /// The name is one of the code's names, as written or in another
    /// writing ([`same_name`]).
    Own,
    /// Not a name of the code, but a strong name of these other codes of
    /// the same class and level.
    OtherCodes(Vec<&'static str>),
    /// Neither: a name the book does not place (a local wording, a misread).
    Unplaced,
}

/// The parsed book: names by code, codes by strong name.
#[derive(Debug, Default)]
pub(crate) struct CodeBook {
    names: BTreeMap<Class, BTreeMap<&'static str, Vec<Known>>>,
    strong: BTreeMap<(Class, String), Vec<&'static str>>,
}

/// The book shipped with the crate, parsed once.
pub(crate) fn book() -> &'static CodeBook {
    static BOOK: OnceLock<CodeBook> = OnceLock::new();
    BOOK.get_or_init(|| CodeBook::parse(DATA))
}

impl CodeBook {
    /// Reads `class \t code \t name \t issuers` lines; `#` lines and lines
    /// that do not parse are skipped (a test holds the shipped file to
    /// parse whole).
    pub(crate) fn parse(data: &'static str) -> CodeBook {
        let mut book = CodeBook::default();
        for line in data.lines().filter(|l| !l.starts_with('#')) {
            let mut f = line.split('\t');
            let (Some(class), Some(code), Some(name), Some(issuers)) = (f.next(), f.next(), f.next(), f.next()) else {
                continue;
            };
            let (Some(class), Ok(issuers)) = (Class::from_label(class), issuers.trim().parse::<u32>()) else {
                continue;
            };
            let key = name_key(name);
            if issuers >= STRONG_ISSUERS {
                book.strong.entry((class, key.clone())).or_default().push(code);
            }
            book.names.entry(class).or_default().entry(code).or_default().push(Known { printed: name, key, issuers });
        }
        book
    }

    /// Whether `name` is a strong name of some code of `class` (printed
    /// by [`STRONG_ISSUERS`] issuers or more), in any writing
    /// ([`name_key`]).
    pub(crate) fn is_strong_name(&self, class: Class, name: &str) -> bool {
        self.strong.contains_key(&(class, name_key(name)))
    }

    /// The codes of `class` whose strong name `name` is, in any writing.
    pub(crate) fn strong_codes(&self, class: Class, name: &str) -> &[&'static str] {
        self.strong.get(&(class, name_key(name))).map(Vec::as_slice).unwrap_or(&[])
    }

    /// How many codes the book knows.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.names.values().map(BTreeMap::len).sum()
    }

    /// The accepted names of `code` in `class`, most printed first.
    pub(crate) fn names(&self, class: Class, code: &str) -> &[Known] {
        self.names.get(&class).and_then(|m| m.get(code)).map(Vec::as_slice).unwrap_or(&[])
    }

    /// What the book says of `name` printed with `code`.
    ///
    /// `2010302 一般行政管理事务` → [`Reading::Own`]; `2010302 行政运行` →
    /// [`Reading::OtherCodes`] (`2010101`, `2010301`, … of the same level:
    /// codes of another length never count, `22102 住房改革支出` is no
    /// rival of `221 住房保障支出`); `30202 咨询费` → `Own` (a local name,
    /// 上海 普陀).
    pub(crate) fn read(&self, class: Class, code: &str, name: &str) -> Reading {
        let own = self.names(class, code);
        if own.is_empty() {
            return Reading::UnknownCode;
        }
        let key = name_key(name);
        if own.iter().any(|k| same_name(&k.key, &key)) {
            return Reading::Own;
        }
        let others: Vec<&'static str> = self
            .strong
            .get(&(class, key))
            .into_iter()
            .flatten()
            .copied()
            .filter(|other| *other != code && other.len() == code.len())
            .collect();
        if others.is_empty() {
            Reading::Unplaced
        } else {
            Reading::OtherCodes(others)
        }
    }
}

/// Two name keys name the same thing: equal, or one cut short of the other
/// (a wrapped name whose tail was not read, `机关事业单位职业年金缴费支`; a
/// name printed with more words than the book's).
fn same_name(known: &str, printed: &str) -> bool {
    !printed.is_empty() && (known == printed || known.starts_with(printed) || printed.starts_with(known))
}

/// A name with its writing made uniform, so that names which vary only in
/// writing compare equal. From what the corpora print for one code:
/// - full-width letters and brackets as half-width, `【】` and `[]` as `()`:
///   `因公出国（境）费用` and `因公出国(境)费用` (30212);
/// - no spaces or quotes: `“三公”经费`, `行政 运行`;
/// - `费用` and `缴费` as `费`: `因公出国（境）费` / `因公出国（境）费用`,
///   `机关事业单位基本养老保险缴费` / `机关事业单位基本养老保险费` (30108);
/// - no trailing `(类)`, `(款)`, `(项)`, nor a trailing `支出`:
///   `其他环境保护管理事务支出` / `其他环境保护管理事务` (2110199).
///
/// `scripts/build_codebook.py` (`key`) does the same when it counts names.
pub(crate) fn name_key(name: &str) -> String {
    let spelled: String = name.chars().filter_map(uniform).collect();
    let mut s = spelled.replace("费用", "费").replace("缴费", "费");
    for tail in ["(类)", "(款)", "(项)"] {
        if let Some(rest) = s.strip_suffix(tail) {
            s = rest.to_string();
        }
    }
    if s.chars().count() > 2 {
        if let Some(rest) = s.strip_suffix("支出") {
            s = rest.to_string();
        }
    }
    s
}

/// One character of [`name_key`]: half-width, brackets as `()`, spaces and
/// quotes dropped.
fn uniform(ch: char) -> Option<char> {
    let ch = match ch as u32 {
        0xFF01..=0xFF5E => char::from_u32(ch as u32 - 0xFEE0).unwrap_or(ch),
        _ => ch,
    };
    match ch {
        '【' | '[' => Some('('),
        '】' | ']' => Some(')'),
        '“' | '”' | '‘' | '’' | '"' | '\'' => None,
        c if c.is_whitespace() => None,
        c => Some(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_that_vary_only_in_writing_have_one_key() {
        let same = [
            ("因公出国（境）费用", "因公出国(境)费"),
            ("机关事业单位基本养老保险缴费", "机关事业单位基本养老保险费"),
            ("其他环境保护管理事务支出", "其他环境保护管理事务"),
            ("维修（护）费", "维修[护]费"),
            ("行政 运行", "行政运行"),
            ("“三公”经费", "三公经费"),
            ("一般公共服务支出（类）", "一般公共服务"),
        ];
        for (a, b) in same {
            assert_eq!(name_key(a), name_key(b), "{a} / {b}");
        }
        let apart = [("办公费", "印刷费"), ("支出", "其他"), ("行政运行", "事业运行")];
        for (a, b) in apart {
            assert_ne!(name_key(a), name_key(b), "{a} / {b}");
        }
        assert_eq!(name_key("其他支出"), "其他", "a name that is only 支出 keeps it");
    }

    #[test]
    fn the_shipped_book_parses_whole() {
        let lines = DATA.lines().filter(|l| !l.starts_with('#') && !l.is_empty()).count();
        let parsed: usize = book().names.values().flat_map(BTreeMap::values).map(Vec::len).sum();
        assert_eq!(parsed, lines);
        assert!(book().len() > 500, "{} codes", book().len());
    }

    /// `(class, code, printed name, reading)`: one row per rule of
    /// [`CodeBook::read`], on the shipped book.
    #[test]
    fn printed_names_are_read_against_the_book() {
        use Class::*;
        let other = |codes: &[&'static str]| Reading::OtherCodes(codes.to_vec());
        let cases: &[(Class, &str, &str, Reading)] = &[
            (Departmental, "30201", "办公费", Reading::Own),
            (Departmental, "30212", "因公出国(境)费", Reading::Own),
            (Departmental, "30108", "机关事业单位基本养老保险费", Reading::Own),
            (Departmental, "30202", "咨询费", Reading::Own),
            (Departmental, "30201", "印刷费", other(&["30202"])),
            (Departmental, "30202", "办公费", other(&["30201"])),
            (Departmental, "30201", "住房公积金", other(&["30113"])),
            (Departmental, "30201", "本单位自定名称", Reading::Unplaced),
            (Departmental, "30201", "基本工资", other(&["30101"])),
            (Governmental, "50101", "基本工资", Reading::Unplaced),
            (Departmental, "30999", "办公费", Reading::UnknownCode),
            (Function, "20805", "行政事业单位离退休", Reading::Own),
            (Function, "2080506", "机关事业单位职业年金缴费支", Reading::Own),
            (Function, "221", "住房改革支出", Reading::Unplaced),
            (Function, "2210201", "住房公积金", Reading::Own),
            (Function, "2210203", "住房公积金", other(&["2210201"])),
        ];
        for (class, code, name, want) in cases {
            assert_eq!(&book().read(*class, code, name), want, "{class:?} {code} {name}");
        }
    }

    #[test]
    fn a_generic_name_is_a_name_of_every_code_that_prints_it() {
        let Reading::OtherCodes(codes) = book().read(Class::Function, "2010302", "行政运行") else {
            panic!("行政运行 is a strong name of the 行政运行 项");
        };
        assert!(codes.contains(&"2010301") && codes.contains(&"2010101"), "{codes:?}");
        assert!(codes.iter().all(|c| c.len() == 7 && c.ends_with("01")), "{codes:?}");
    }
}
