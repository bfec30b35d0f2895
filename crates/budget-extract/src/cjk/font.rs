//! Rewriting one Type0 font into the code-keyed form described in the
//! module docs.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write as _;

use pdf_extract::{Dictionary, Document, Object, ObjectId, Stream};

use super::cmap::{predefined, Cmap, CodeRange};
use super::scan::shown_strings;

/// Rewrites every Type0 font of `doc` whose `/Encoding` names a predefined
/// CJK CMap, so that pdf-extract decodes its text and widths. Documents
/// without such fonts are left untouched (and cost one pass over the
/// objects); a font that cannot be rewritten (no descendant font) is left as
/// it was, for pdf-extract to report.
pub(crate) fn decode_predefined_cmaps(doc: &mut Document) {
    let fonts = fonts_to_rewrite(doc);
    if fonts.is_empty() {
        return;
    }
    let strings = shown_strings(doc);
    for (id, cmap) in fonts {
        let _ = rewrite(doc, id, cmap, &strings);
    }
}

/// The Type0 font objects with a predefined CJK CMap as `/Encoding`.
fn fonts_to_rewrite(doc: &Document) -> Vec<(ObjectId, &'static Cmap)> {
    let mut out = Vec::new();
    for (&id, object) in &doc.objects {
        let Ok(dict) = object.as_dict() else { continue };
        if dict.get(b"Subtype").and_then(Object::as_name).ok() != Some(b"Type0".as_slice()) {
            continue;
        }
        let encoding = dict.get(b"Encoding").and_then(|o| doc.dereference(o)).and_then(|(_, o)| o.as_name());
        if let Some(cmap) = encoding.ok().and_then(|n| std::str::from_utf8(n).ok()).and_then(predefined) {
            out.push((id, cmap));
        }
    }
    out
}

fn rewrite(doc: &mut Document, id: ObjectId, cmap: &Cmap, strings: &HashSet<Vec<u8>>) -> Option<()> {
    let codes: BTreeMap<u32, u8> = strings.iter().flat_map(|s| cmap.codes(s)).collect();
    let mut font = doc.get_dictionary(id).ok()?.clone();
    let mut descendant = descendant(doc, &font)?.clone();
    let widths = CidWidths::read(doc, &descendant);
    descendant.set("W", widths.by_code(cmap, &codes));
    let has_to_unicode =
        font.get(b"ToUnicode").and_then(|o| doc.dereference(o)).is_ok_and(|(_, o)| o.as_stream().is_ok());
    if !has_to_unicode {
        let to_unicode = doc.add_object(Stream::new(Dictionary::new(), to_unicode_cmap(cmap, &codes)));
        font.set("ToUnicode", to_unicode);
    }
    let encoding = doc.add_object(Stream::new(cmap_dict(cmap), encoding_cmap(cmap)));
    font.set("Encoding", encoding);
    let descendant = doc.add_object(descendant);
    font.set("DescendantFonts", vec![Object::Reference(descendant)]);
    doc.objects.insert(id, Object::Dictionary(font));
    Some(())
}

/// The CIDFont of a Type0 font: the first of `/DescendantFonts`.
fn descendant<'a>(doc: &'a Document, font: &'a Dictionary) -> Option<&'a Dictionary> {
    let (_, list) = doc.dereference(font.get(b"DescendantFonts").ok()?).ok()?;
    let (_, first) = doc.dereference(list.as_array().ok()?.first()?).ok()?;
    first.as_dict().ok()
}

fn number(doc: &Document, object: &Object) -> Option<f64> {
    match doc.dereference(object).ok()?.1 {
        Object::Integer(i) => Some(*i as f64),
        Object::Real(r) => Some(f64::from(*r)),
        _ => None,
    }
}

/// The widths of a CIDFont by CID: `/DW` and `/W`, in both of its forms
/// (`c [w1 w2 …]` and `c_first c_last w`).
struct CidWidths {
    default: f64,
    by_cid: HashMap<u32, f64>,
}

/// CIDs run from 0 to 65535; a `/W` range beyond is cut there.
const MAX_CID: u32 = 0xffff;

impl CidWidths {
    fn read(doc: &Document, cid_font: &Dictionary) -> Self {
        let default = cid_font.get(b"DW").ok().and_then(|o| number(doc, o)).unwrap_or(1000.0);
        let mut by_cid = HashMap::new();
        let w = cid_font.get(b"W").and_then(|o| doc.dereference(o)).and_then(|(_, o)| o.as_array());
        let items: Vec<&Object> =
            w.map(|a| a.iter().filter_map(|o| doc.dereference(o).ok()).map(|r| r.1).collect()).unwrap_or_default();
        let mut i = 0;
        while let Some(first) = items.get(i).and_then(|o| number(doc, o)) {
            let first = first as u32;
            match items.get(i + 1) {
                Some(Object::Array(list)) => {
                    for (cid, w) in (first..=MAX_CID).zip(list) {
                        if let Some(w) = number(doc, w) {
                            by_cid.insert(cid, w);
                        }
                    }
                    i += 2;
                }
                Some(last) => {
                    let (Some(last), Some(w)) = (number(doc, last), items.get(i + 2).and_then(|o| number(doc, o)))
                    else {
                        break;
                    };
                    for cid in first..=(last as u32).min(MAX_CID) {
                        by_cid.insert(cid, w);
                    }
                    i += 3;
                }
                None => break,
            }
        }
        CidWidths { default, by_cid }
    }

    /// A `/W` array keyed by code, for the codes whose width is not the
    /// default, in the `c [w1 w2 …]` form (the one pdf-extract reads).
    fn by_code(&self, cmap: &Cmap, codes: &BTreeMap<u32, u8>) -> Vec<Object> {
        let mut out = Vec::new();
        let mut run: Option<(u32, Vec<Object>)> = None;
        for &code in codes.keys() {
            // An unmapped code shows CID 0.
            let cid = cmap.cid(code).unwrap_or(0);
            let Some(&w) = self.by_cid.get(&cid).filter(|&&w| w != self.default) else { continue };
            match &mut run {
                Some((first, widths)) if first.checked_add(widths.len() as u32) == Some(code) => {
                    widths.push(width_object(w))
                }
                _ => {
                    if let Some((first, widths)) = run.take() {
                        out.extend([Object::Integer(i64::from(first)), Object::Array(widths)]);
                    }
                    run = Some((code, vec![width_object(w)]));
                }
            }
        }
        if let Some((first, widths)) = run {
            out.extend([Object::Integer(i64::from(first)), Object::Array(widths)]);
        }
        out
    }
}

fn width_object(w: f64) -> Object {
    if w.fract() == 0.0 {
        Object::Integer(w as i64)
    } else {
        Object::Real(w as f32)
    }
}

fn cmap_dict(cmap: &Cmap) -> Dictionary {
    let mut dict = Dictionary::new();
    dict.set("Type", Object::Name(b"CMap".to_vec()));
    dict.set("CMapName", Object::Name(format!("{}-codes", cmap.name).into_bytes()));
    dict
}

/// `value` as `bytes` bytes of upper-case hex.
fn hex(value: u32, bytes: u8) -> String {
    format!("{:0width$X}", value, width = usize::from(bytes) * 2)
}

/// The encoding CMap that keeps the named CMap's codespace and maps every
/// code to itself, written the way pdf-extract 0.12.1 reads it (module
/// docs): bounds zero-padded to twice their width, and one range from CID 0
/// over all codes (its parser reads a single `cidrange` entry per block).
fn encoding_cmap(cmap: &Cmap) -> Vec<u8> {
    let bounds = cmap.codespace().iter().map(|r| format!("<{}> <{}>", hex(r.lo, r.width * 2), hex(r.hi, r.width * 2)));
    let mut s = cmap_header(&format!("{}-codes", cmap.name), 1);
    push_blocks(&mut s, "codespacerange", bounds);
    s.push_str("1 begincidrange\n<00000000> <FFFFFFFF> 0\nendcidrange\n");
    s.push_str(CMAP_FOOTER);
    s.into_bytes()
}

/// A `ToUnicode` CMap for the codes shown: code → UTF-16BE of its character.
fn to_unicode_cmap(cmap: &Cmap, codes: &BTreeMap<u32, u8>) -> Vec<u8> {
    let bounds = plain_codespace(cmap).map(|r| format!("<{}> <{}>", hex(r.lo, r.width), hex(r.hi, r.width)));
    let chars = codes.iter().filter_map(|(&code, &width)| {
        let c = cmap.unicode(code, width)?;
        let utf16: String = c.encode_utf16(&mut [0; 2]).iter().map(|u| format!("{u:04X}")).collect();
        Some(format!("<{}> <{utf16}>", hex(code, width)))
    });
    let mut s = cmap_header("Adobe-Identity-UCS", 2);
    push_blocks(&mut s, "codespacerange", bounds);
    push_blocks(&mut s, "bfchar", chars);
    s.push_str(CMAP_FOOTER);
    s.into_bytes()
}

/// The codespace with the per-first-byte splits of 2-byte ranges merged
/// back, for the `ToUnicode` map (its codespace is informative only).
fn plain_codespace(cmap: &Cmap) -> impl Iterator<Item = CodeRange> + '_ {
    let mut merged: Vec<CodeRange> = Vec::new();
    for &r in cmap.codespace() {
        match merged.last_mut() {
            Some(last)
                if last.width == 2
                    && r.width == 2
                    && (last.hi >> 8) + 1 == r.lo >> 8
                    && last.lo & 0xff == r.lo & 0xff =>
            {
                last.hi = r.hi;
            }
            _ => merged.push(r),
        }
    }
    merged.into_iter()
}

fn cmap_header(name: &str, cmap_type: u8) -> String {
    format!(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CMapName /{name} def\n/CMapType {cmap_type} def\n"
    )
}

const CMAP_FOOTER: &str = "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";

/// Writes `lines` as `n beginNAME … endNAME` blocks of at most 100 lines
/// each (the limit the CMap format sets).
fn push_blocks(s: &mut String, name: &str, lines: impl Iterator<Item = String>) {
    let lines: Vec<String> = lines.collect();
    for chunk in lines.chunks(100) {
        // Writing into a String cannot fail.
        let _ = writeln!(s, "{} begin{name}\n{}\nend{name}", chunk.len(), chunk.join("\n"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gbk() -> &'static Cmap {
        predefined("GBK-EUC-H").expect("shipped")
    }

    #[test]
    fn the_encoding_cmap_keeps_the_codespace_for_pdf_extract() {
        let text = String::from_utf8(encoding_cmap(gbk())).expect("ASCII");
        assert!(text.contains("<0000> <0080>\n<00008140> <000081FE>\n"), "{text}");
        assert!(text.contains("1 begincidrange\n<00000000> <FFFFFFFF> 0\nendcidrange"), "{text}");
        assert!(text.contains("100 begincodespacerange\n") && text.contains("27 begincodespacerange\n"), "{text}");
    }

    #[test]
    fn the_to_unicode_cmap_lists_the_codes_shown() {
        let codes: BTreeMap<u32, u8> = gbk().codes(b"2024\xc4\xea\xb2\xbf\x01").collect();
        let text = String::from_utf8(to_unicode_cmap(gbk(), &codes)).expect("ASCII");
        assert!(text.contains("2 begincodespacerange\n<00> <80>\n<8140> <FEFE>\nendcodespacerange"), "{text}");
        assert!(
            text.contains(
                "5 beginbfchar\n<30> <0030>\n<32> <0032>\n<34> <0034>\n<B2BF> <90E8>\n<C4EA> <5E74>\nendbfchar"
            ),
            "{text}"
        );
    }

    fn type0(encoding: &str, descendant: Option<Object>) -> Dictionary {
        let mut font = Dictionary::new();
        font.set("Type", Object::Name(b"Font".to_vec()));
        font.set("Subtype", Object::Name(b"Type0".to_vec()));
        font.set("Encoding", Object::Name(encoding.as_bytes().to_vec()));
        if let Some(d) = descendant {
            font.set("DescendantFonts", vec![d]);
        }
        font
    }

    #[test]
    fn only_fonts_with_a_shipped_cmap_and_a_descendant_are_rewritten() {
        let mut doc = Document::with_version("1.5");
        let mut cid_font = Dictionary::new();
        // A malformed /W: read as far as it makes sense, nothing panics.
        cid_font.set("W", vec![Object::Integer(-5), Object::string_literal("x"), Object::Integer(3)]);
        let utf16 = doc.add_object(type0("UniGB-UTF16-H", Some(Object::Dictionary(cid_font))));
        let orphan = doc.add_object(type0("GBK-EUC-H", None));
        let identity = doc.add_object(type0("Identity-H", Some(Object::Dictionary(Dictionary::new()))));
        let japanese = doc.add_object(type0("UniJIS-UCS2-H", Some(Object::Dictionary(Dictionary::new()))));
        let before = doc.objects.clone();
        decode_predefined_cmaps(&mut doc);
        for id in [orphan, identity, japanese] {
            assert_eq!(doc.objects.get(&id), before.get(&id), "{id:?} left as it was");
        }
        let font = doc.get_dictionary(utf16).expect("still a font");
        let stream = |key: &[u8]| {
            font.get(key).and_then(Object::as_reference).and_then(|r| doc.get_object(r)).and_then(Object::as_stream)
        };
        assert!(stream(b"Encoding").is_ok() && stream(b"ToUnicode").is_ok());
    }

    #[test]
    fn widths_in_both_forms_are_rekeyed_by_code() {
        let doc = Document::with_version("1.5");
        let mut cid_font = Dictionary::new();
        // real_25's SimSun: CIDs 1–95 (proportional ASCII) are 500 wide.
        cid_font.set(
            "W",
            vec![
                0.into(),
                vec![Object::Integer(1000)].into(),
                1.into(),
                95.into(),
                500.into(),
                7716.into(),
                vec![Object::Real(250.5)].into(),
            ],
        );
        let widths = CidWidths::read(&doc, &cid_font);
        assert_eq!(
            (widths.default, widths.by_cid.get(&19), widths.by_cid.get(&7716)),
            (1000.0, Some(&500.0), Some(&250.5))
        );
        let utf16 = predefined("UniGB-UTF16-H").expect("shipped");
        let codes: BTreeMap<u32, u8> =
            utf16.codes("2024年 ".encode_utf16().flat_map(u16::to_be_bytes).collect::<Vec<u8>>().as_slice()).collect();
        assert_eq!(
            widths.by_code(utf16, &codes),
            [0x20, 0x30, 0x32, 0x34]
                .into_iter()
                .flat_map(|code| [Object::Integer(code), vec![Object::Integer(500)].into()])
                .collect::<Vec<Object>>()
        );
    }
}
