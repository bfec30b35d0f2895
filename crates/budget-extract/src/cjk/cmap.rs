//! Adobe's predefined CJK CMaps and CID → Unicode tables, embedded as data.
//!
//! The tables under `data/cmap/` are written by `scripts/gen-cjk-cmaps.py`
//! from Adobe's CMap resources (BSD-3-Clause, `data/cmap/LICENSE-Adobe`); the
//! script's header documents the format. Each is parsed on first use, once
//! per process.

use std::sync::OnceLock;

/// The CID numbering a CMap maps into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Collection {
    /// Adobe-GB1: simplified Chinese.
    Gb1,
    /// Adobe-CNS1: traditional Chinese.
    Cns1,
}

/// What the codes of a CMap are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Codes {
    /// UTF-16 code units (`UniGB-UTF16-H`, `UniGB-UCS2-H`): the code is the text.
    Utf16,
    /// A legacy multi-byte encoding (GBK, Big Five): the text is found
    /// through the CID.
    Legacy,
}

/// A range of codes of one width, compared as big-endian numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct CodeRange {
    /// Bytes per code.
    pub width: u8,
    /// First code.
    pub lo: u32,
    /// Last code.
    pub hi: u32,
}

/// Consecutive sources mapped to consecutive targets.
#[derive(Debug, Clone, Copy)]
struct Run {
    src: u32,
    len: u32,
    dst: u32,
}

/// A parsed `.bcm` table: codespace and runs sorted by source.
#[derive(Debug, Default)]
struct Table {
    codespace: Vec<CodeRange>,
    runs: Vec<Run>,
}

impl Table {
    fn get(&self, src: u32) -> Option<u32> {
        let i = self.runs.partition_point(|r| r.src <= src).checked_sub(1)?;
        let r = self.runs[i];
        (src - r.src < r.len).then(|| r.dst + (src - r.src))
    }

    /// Reads the format described in `scripts/gen-cjk-cmaps.py`.
    fn parse(bytes: &[u8]) -> Option<Table> {
        let mut r = Reader { bytes: bytes.strip_prefix(b"BCM1")?, at: 0 };
        let mut table = Table::default();
        for _ in 0..r.varint()? {
            let width = r.byte()?;
            let (lo, hi) = (r.varint()?, r.varint()?);
            table.codespace.push(CodeRange { width, lo, hi });
        }
        let (mut src_end, mut dst_end) = (0u32, 0u32);
        for _ in 0..r.varint()? {
            let src = src_end.checked_add(r.varint()?)?;
            let len = r.varint()?.checked_add(1)?;
            let dst = dst_end.checked_add_signed(r.zigzag()?)?;
            table.runs.push(Run { src, len, dst });
            (src_end, dst_end) = (src.checked_add(len)?, dst.checked_add(len)?);
        }
        (r.at == r.bytes.len()).then_some(table)
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn byte(&mut self) -> Option<u8> {
        let b = *self.bytes.get(self.at)?;
        self.at += 1;
        Some(b)
    }

    fn varint(&mut self) -> Option<u32> {
        let mut value = 0u32;
        for shift in (0..35).step_by(7) {
            let b = self.byte()?;
            value |= u32::from(b & 0x7f).checked_shl(shift)?;
            if b & 0x80 == 0 {
                return Some(value);
            }
        }
        None
    }

    fn zigzag(&mut self) -> Option<i32> {
        let v = self.varint()?;
        Some(((v >> 1) as i32) ^ -((v & 1) as i32))
    }
}

/// A predefined CMap: how a string splits into codes, and what each code is.
#[derive(Debug)]
pub(crate) struct Cmap {
    /// The CMap's name (for an alias, the table it reads).
    pub name: &'static str,
    collection: Collection,
    codes: Codes,
    /// The codespace as pdf-extract compares it (see [`numeric_codespace`]).
    codespace: Vec<CodeRange>,
    to_cid: Table,
}

impl Cmap {
    /// The codespace ranges, as numeric intervals (see [`numeric_codespace`]).
    pub fn codespace(&self) -> &[CodeRange] {
        &self.codespace
    }

    /// The first code of `bytes` and its width, matched as pdf-extract does:
    /// one byte, then two, up to four, the first prefix inside a range of its
    /// width wins. `None` when no prefix is a code (pdf-extract then drops
    /// the rest of the string).
    pub fn next_code(&self, bytes: &[u8]) -> Option<(u32, u8)> {
        let mut code = 0u32;
        for (width, &b) in (1u8..=4).zip(bytes) {
            code = code << 8 | u32::from(b);
            if self.codespace.iter().any(|r| r.width == width && (r.lo..=r.hi).contains(&code)) {
                return Some((code, width));
            }
        }
        None
    }

    /// Every code of a shown string, with its width, in order.
    pub fn codes<'a>(&'a self, mut bytes: &'a [u8]) -> impl Iterator<Item = (u32, u8)> + 'a {
        std::iter::from_fn(move || {
            let (code, width) = self.next_code(bytes)?;
            bytes = &bytes[usize::from(width)..];
            Some((code, width))
        })
    }

    /// The CID a code selects; `None` for a code the CMap leaves unmapped
    /// (drawn as CID 0, `.notdef`).
    pub fn cid(&self, code: u32) -> Option<u32> {
        self.to_cid.get(code)
    }

    /// The character a code stands for: for a Unicode CMap the code itself
    /// (UTF-16), else the Unicode of its CID in the collection. `None` for
    /// unmapped codes and control characters.
    pub fn unicode(&self, code: u32, width: u8) -> Option<char> {
        let c = match self.codes {
            Codes::Utf16 => utf16_char(code, width)?,
            Codes::Legacy => cid_to_unicode(self.collection, self.cid(code)?)?,
        };
        (!c.is_control()).then_some(c)
    }
}

/// A 2-byte code unit or a 4-byte surrogate pair as a character.
fn utf16_char(code: u32, width: u8) -> Option<char> {
    match width {
        2 => char::from_u32(code),
        4 => {
            let (high, low) = (code >> 16, code & 0xffff);
            if !(0xd800..0xdc00).contains(&high) || !(0xdc00..0xe000).contains(&low) {
                return None;
            }
            char::from_u32(0x10000 + ((high - 0xd800) << 10) + (low - 0xdc00))
        }
        _ => None,
    }
}

/// Splits 2-byte codespace ranges per first byte where needed, so that
/// comparing codes as numbers (as pdf-extract does) means what the CMap
/// means: `<8140> <FEFE>` allows second bytes 40–FE only, and must not take
/// `<8230>` (the start of a 4-byte GB 18030 code) as a 2-byte code. Ranges of
/// 3 and 4 bytes are only tried after the shorter ones failed and stay
/// whole.
fn numeric_codespace(ranges: &[CodeRange]) -> Vec<CodeRange> {
    let mut out = Vec::new();
    for &r in ranges {
        let (lo_last, hi_last) = (r.lo & 0xff, r.hi & 0xff);
        if r.width == 2 && (lo_last, hi_last) != (0x00, 0xff) {
            for first in (r.lo >> 8)..=(r.hi >> 8) {
                out.push(CodeRange { width: 2, lo: first << 8 | lo_last, hi: first << 8 | hi_last });
            }
        } else {
            out.push(r);
        }
    }
    out
}

/// A shipped table: the names it answers to and its data.
struct Entry {
    names: &'static [&'static str],
    collection: Collection,
    codes: Codes,
    data: &'static [u8],
}

macro_rules! table {
    ($file:literal) => {
        include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/cmap/", $file, ".bcm"))
    };
}

/// Every predefined CMap understood. The vertical `-V` CMaps differ from
/// their `-H` forms only in the CIDs of a few punctuation marks (their
/// vertical glyphs): the text is the same, and pdf-extract lays text out
/// horizontally anyway. The UCS-2 CMaps are the UTF-16 ones restricted to
/// the Basic Multilingual Plane (3 codes of Adobe-GB1, 37 of Adobe-CNS1 go
/// to a different CID of the same character). GBKp-EUC-H is GBK2K-H without
/// the 4-byte codes, and GB-EUC-H is GBK-EUC-H restricted to GB 2312, but
/// the latter is so small that it ships on its own.
static ENTRIES: [Entry; 11] = [
    Entry {
        names: &["UniGB-UTF16-H", "UniGB-UTF16-V", "UniGB-UCS2-H", "UniGB-UCS2-V"],
        collection: Collection::Gb1,
        codes: Codes::Utf16,
        data: table!("UniGB-UTF16-H"),
    },
    Entry {
        names: &["GB-EUC-H", "GB-EUC-V"],
        collection: Collection::Gb1,
        codes: Codes::Legacy,
        data: table!("GB-EUC-H"),
    },
    Entry {
        names: &["GBpc-EUC-H", "GBpc-EUC-V"],
        collection: Collection::Gb1,
        codes: Codes::Legacy,
        data: table!("GBpc-EUC-H"),
    },
    Entry {
        names: &["GBK-EUC-H", "GBK-EUC-V"],
        collection: Collection::Gb1,
        codes: Codes::Legacy,
        data: table!("GBK-EUC-H"),
    },
    Entry {
        names: &["GBK2K-H", "GBK2K-V", "GBKp-EUC-H", "GBKp-EUC-V"],
        collection: Collection::Gb1,
        codes: Codes::Legacy,
        data: table!("GBK2K-H"),
    },
    Entry {
        names: &["UniCNS-UTF16-H", "UniCNS-UTF16-V", "UniCNS-UCS2-H", "UniCNS-UCS2-V"],
        collection: Collection::Cns1,
        codes: Codes::Utf16,
        data: table!("UniCNS-UTF16-H"),
    },
    Entry { names: &["B5-H", "B5-V"], collection: Collection::Cns1, codes: Codes::Legacy, data: table!("B5-H") },
    Entry { names: &["B5pc-H", "B5pc-V"], collection: Collection::Cns1, codes: Codes::Legacy, data: table!("B5pc-H") },
    Entry {
        names: &["ETen-B5-H", "ETen-B5-V"],
        collection: Collection::Cns1,
        codes: Codes::Legacy,
        data: table!("ETen-B5-H"),
    },
    Entry {
        names: &["ETenms-B5-H", "ETenms-B5-V"],
        collection: Collection::Cns1,
        codes: Codes::Legacy,
        data: table!("ETenms-B5-H"),
    },
    Entry {
        names: &["HKscs-B5-H", "HKscs-B5-V"],
        collection: Collection::Cns1,
        codes: Codes::Legacy,
        data: table!("HKscs-B5-H"),
    },
];

static CMAPS: [OnceLock<Option<Cmap>>; 11] = [const { OnceLock::new() }; 11];

/// The predefined CMap of that name, if it is one this crate ships.
pub(crate) fn predefined(name: &str) -> Option<&'static Cmap> {
    let i = ENTRIES.iter().position(|e| e.names.contains(&name))?;
    CMAPS[i]
        .get_or_init(|| {
            let e = &ENTRIES[i];
            let table = Table::parse(e.data)?;
            Some(Cmap {
                name: e.names[0],
                collection: e.collection,
                codes: e.codes,
                codespace: numeric_codespace(&table.codespace),
                to_cid: table,
            })
        })
        .as_ref()
}

static COLLECTIONS: [OnceLock<Option<Table>>; 2] = [const { OnceLock::new() }; 2];

/// The Unicode character of a CID of a collection.
pub(crate) fn cid_to_unicode(collection: Collection, cid: u32) -> Option<char> {
    let (i, data): (usize, &[u8]) = match collection {
        Collection::Gb1 => (0, table!("Adobe-GB1")),
        Collection::Cns1 => (1, table!("Adobe-CNS1")),
    };
    COLLECTIONS[i].get_or_init(|| Table::parse(data)).as_ref()?.get(cid).and_then(char::from_u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shipped_table_parses() {
        for e in &ENTRIES {
            let cmap = predefined(e.names[0]).unwrap_or_else(|| panic!("{} does not parse", e.names[0]));
            assert!(!cmap.codespace().is_empty() && !cmap.to_cid.runs.is_empty(), "{}", cmap.name);
        }
        assert_eq!(cid_to_unicode(Collection::Gb1, 1), Some(' '));
        assert_eq!(cid_to_unicode(Collection::Cns1, 1), Some(' '));
    }

    #[test]
    fn aliases_resolve_to_their_tables() {
        for (alias, table) in [
            ("UniGB-UCS2-H", "UniGB-UTF16-H"),
            ("UniGB-UTF16-V", "UniGB-UTF16-H"),
            ("GBKp-EUC-H", "GBK2K-H"),
            ("GBK-EUC-V", "GBK-EUC-H"),
            ("UniCNS-UCS2-H", "UniCNS-UTF16-H"),
        ] {
            assert_eq!(predefined(alias).map(|c| c.name), Some(table), "{alias}");
        }
        assert!(predefined("Identity-H").is_none());
        assert!(predefined("UniJIS-UCS2-H").is_none());
    }

    /// 部门预算 through each GB1 CMap: code → CID → Unicode. The CIDs follow
    /// from GB-EUC-H's ranges (`<b2a1> <b2fe> 1128`: B2BF is CID 1128 + 0x1e).
    #[test]
    fn bumen_yusuan_decodes_through_the_gb1_cmaps() {
        // (char, UTF-16 code, GBK code, Adobe-GB1 CID)
        let known = [
            ('部', 0x90e8, 0xb2bf, 1158),
            ('门', 0x95e8, 0xc3c5, 2762),
            ('预', 0x9884, 0xd4a4, 4327),
            ('算', 0x7b97, 0xcbe3, 3544),
        ];
        let utf16 = predefined("UniGB-UTF16-H").expect("shipped");
        for name in ["GB-EUC-H", "GBK-EUC-H", "GBK2K-H", "GBpc-EUC-H"] {
            let gb = predefined(name).expect("shipped");
            for (ch, unicode, code, cid) in known {
                assert_eq!(gb.cid(code), Some(cid), "{name} {ch}");
                assert_eq!(gb.unicode(code, 2), Some(ch), "{name} {ch}");
                assert_eq!(utf16.cid(unicode), Some(cid), "UTF-16 {ch}");
                assert_eq!(utf16.unicode(unicode, 2), Some(ch));
                assert_eq!(cid_to_unicode(Collection::Gb1, cid), Some(ch));
            }
        }
    }

    #[test]
    fn digits_map_to_proportional_or_half_width_cids() {
        // UniGB-UTF16-H and GBK2K-H take ASCII to the proportional CIDs 1–95,
        // GBK-EUC-H to the half-width ones from 814; both read as ASCII.
        assert_eq!(predefined("UniGB-UTF16-H").and_then(|c| c.cid(u32::from('2'))), Some(19));
        assert_eq!(predefined("GBK2K-H").and_then(|c| c.cid(u32::from('2'))), Some(19));
        let gbk = predefined("GBK-EUC-H").expect("shipped");
        assert_eq!(gbk.cid(u32::from('2')), Some(831));
        assert_eq!(gbk.unicode(u32::from('2'), 1), Some('2'));
    }

    #[test]
    fn codes_split_as_the_codespace_says() {
        let gbk = predefined("GBK-EUC-H").expect("shipped");
        let bytes = b"2024\xc4\xea\xb2\xbf\xc3\xc5";
        let codes: Vec<(u32, u8)> = gbk.codes(bytes).collect();
        assert_eq!(
            codes,
            [(0x32, 1), (0x30, 1), (0x32, 1), (0x34, 1), (0xc4ea, 2), (0xb2bf, 2), (0xc3c5, 2)],
            "2024年部门"
        );
        let text: String = codes.iter().filter_map(|&(c, w)| gbk.unicode(c, w)).collect();
        assert_eq!(text, "2024年部门");
        // A 4-byte GB 18030 code is not taken for a 2-byte one.
        let gb18030 = predefined("GBK2K-H").expect("shipped");
        assert_eq!(gb18030.next_code(b"\x82\x30\xa5\x31"), Some((0x8230a531, 4)));
        assert_eq!(gb18030.next_code(b"\x82\x40"), Some((0x8240, 2)));
        // UTF-16: a surrogate pair is one 4-byte code.
        let utf16 = predefined("UniGB-UTF16-H").expect("shipped");
        assert_eq!(utf16.next_code(b"\xd8\x40\xdc\x87"), Some((0xd840dc87, 4)));
        assert_eq!(utf16.unicode(0xd840dc87, 4), Some('\u{20087}'));
        assert_eq!(utf16.unicode(0x0001, 2), None, "control characters are not text");
    }

    #[test]
    fn two_byte_ranges_are_split_per_first_byte_only_when_needed() {
        let split = numeric_codespace(&[
            CodeRange { width: 1, lo: 0x00, hi: 0x80 },
            CodeRange { width: 2, lo: 0x8140, hi: 0x83fe },
            CodeRange { width: 2, lo: 0xe000, hi: 0xffff },
        ]);
        assert_eq!(
            split,
            [
                CodeRange { width: 1, lo: 0x00, hi: 0x80 },
                CodeRange { width: 2, lo: 0x8140, hi: 0x81fe },
                CodeRange { width: 2, lo: 0x8240, hi: 0x82fe },
                CodeRange { width: 2, lo: 0x8340, hi: 0x83fe },
                CodeRange { width: 2, lo: 0xe000, hi: 0xffff },
            ]
        );
    }

    #[test]
    fn traditional_text_decodes_through_big_five() {
        let b5 = predefined("ETen-B5-H").expect("shipped");
        // 預算 in Big Five: B977 BAE2.
        let text: String = b5.codes(b"\xb9\x77\xba\xe2").filter_map(|(c, w)| b5.unicode(c, w)).collect();
        assert_eq!(text, "預算");
    }

    #[test]
    fn a_damaged_table_is_refused() {
        assert!(Table::parse(b"BCM1\x01").is_none());
        assert!(Table::parse(b"XXXX").is_none());
        assert!(Table::parse(b"BCM1\x00\x00trailing").is_none());
    }
}
