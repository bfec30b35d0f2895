//! Lightening changes nothing pdf-extract outputs, and does compact.

use std::path::Path;

use pdf_extract::{Dictionary, Document, Object, Stream};

use super::cmap::ToUnicode;
use super::lighten;
use super::pages::compact_per_page;
use super::pages::PrivateUse;
use crate::testing::{output_page, pdfs, project_pdfs, shared_corpus_or_skip};

/// What pdf-extract outputs for each page, private-use characters as what
/// they stand for, or its error.
fn output(doc: &Document, private_use: &PrivateUse) -> Vec<Result<Vec<String>, String>> {
    doc.get_pages().into_keys().map(|n| output_page(doc, n, &|ch| private_use.text(ch))).collect()
}

/// The tokens of the `ToUnicode` maps of every page's fonts, added up:
/// what reading them costs pdf-extract's lexer.
fn entries_read(doc: &Document) -> usize {
    let mut total = 0;
    for page in doc.get_pages().into_values() {
        let Ok((Some(resources), _)) = doc.get_page_resources(page) else { continue };
        let fonts = resources.get(b"Font").and_then(|f| doc.dereference(f)).and_then(|(_, f)| f.as_dict());
        for (_, font) in fonts.into_iter().flat_map(|f| f.iter()) {
            let map = doc
                .dereference(font)
                .and_then(|(_, f)| f.as_dict())
                .and_then(|f| f.get(b"ToUnicode"))
                .and_then(|t| doc.dereference(t))
                .and_then(|(_, t)| t.as_stream());
            if let Ok(stream) = map {
                let content = stream.decompressed_content().unwrap_or_else(|_| stream.content.clone());
                total += ToUnicode::parse(&content).map_or(0, |m| m.tokens());
            }
        }
    }
    total
}

/// Loads a PDF as `load::load` does up to [`lighten`]; then lightens it and
/// checks that pdf-extract outputs the same. Returns the map tokens read
/// for all pages before and after, and whether private-use maps were
/// written.
fn same_output(path: &Path) -> (usize, usize, bool) {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut doc = Document::load_mem(&bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    crate::nesting::pin_inherited(&mut doc);
    crate::fonts::normalise_cid_widths(&mut doc);
    crate::cjk::decode_predefined_cmaps(&mut doc);
    let (before, entries_before) = (output(&doc, &PrivateUse::default()), entries_read(&doc));
    let private_use = lighten(&mut doc);
    let (after, entries_after) = (output(&doc, &private_use), entries_read(&doc));
    assert_eq!(before.len(), after.len(), "{}", path.display());
    for (i, (b, a)) in before.iter().zip(&after).enumerate() {
        assert_eq!(b, a, "{} page {}", path.display(), i + 1);
    }
    (entries_before, entries_after, !private_use.is_empty())
}

#[test]
fn the_project_samples_read_the_same_with_smaller_maps() {
    let files = project_pdfs();
    let (mut before, mut after) = (0, 0);
    for file in &files {
        let (b, a, _) = same_output(file);
        assert!(a <= b, "{}: {a} entries read after, {b} before", file.display());
        (before, after) = (before + b, after + a);
    }
    assert!(after < before, "{after} tokens read after, {before} before");
}

/// The shared corpora, when present: the synthetic documents and real
/// ones of each producer (bfchar and bfrange maps, forms and images,
/// WinAnsi fonts, a predefined CJK CMap) read the same.
#[test]
fn the_shared_corpora_read_the_same() {
    let Some(shared) = shared_corpus_or_skip("the_shared_corpora_read_the_same") else { return };
    let real = ["real_01", "real_10", "real_14", "real_18", "real_19", "real_25"];
    let real = real.iter().map(|name| shared.join("real").join(format!("{name}.pdf")));
    let (mut before, mut after) = (0, 0);
    for file in pdfs(&shared.join("dev")).into_iter().chain(real) {
        let (b, a, _) = same_output(&file);
        (before, after) = (before + b, after + a);
    }
    assert!(after < before, "{after} tokens read after, {before} before");
}

/// A Type0 font with `Identity-H` and a simple font, each with a map of
/// `codes`; a page showing text in both, in the given content.
fn two_font_page(content: &str) -> (Document, ObjectIds) {
    let mut doc = Document::with_version("1.5");
    // Maps as producers write them: one entry per code (here 1–40 and
    // `A`–`Z`), destinations out of order.
    let map = |width: usize, codes: std::ops::RangeInclusive<u32>| {
        let lines: Vec<String> =
            codes.clone().map(|c| format!("<{c:0w$X}> <{:04X}>", 0x9fa5 - c, w = width * 2)).collect();
        let text = format!(
            "/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /X def \
             1 begincodespacerange <{lo}> <{hi}> endcodespacerange {n} beginbfchar {} endbfchar endcmap end end",
            lines.join(" "),
            lo = "00".repeat(width),
            hi = "FF".repeat(width),
            n = lines.len(),
        );
        doc_stream(text)
    };
    let type0_map = doc.add_object(map(2, 1..=40));
    let simple_map = doc.add_object(map(1, 0x41..=0x5a));
    let mut type0 = Dictionary::new();
    type0.set("Type", Object::Name(b"Font".to_vec()));
    type0.set("Subtype", Object::Name(b"Type0".to_vec()));
    type0.set("Encoding", Object::Name(b"Identity-H".to_vec()));
    type0.set("ToUnicode", Object::Reference(type0_map));
    let mut simple = Dictionary::new();
    simple.set("Type", Object::Name(b"Font".to_vec()));
    simple.set("Subtype", Object::Name(b"TrueType".to_vec()));
    simple.set("ToUnicode", Object::Reference(simple_map));
    let (type0, simple) = (doc.add_object(type0), doc.add_object(simple));
    let mut fonts = Dictionary::new();
    fonts.set("F1", Object::Reference(type0));
    fonts.set("F2", Object::Reference(simple));
    let mut resources = Dictionary::new();
    resources.set("Font", Object::Dictionary(fonts));
    let contents = doc.add_object(doc_stream(content.to_string()));
    let mut page = Dictionary::new();
    page.set("Type", Object::Name(b"Page".to_vec()));
    page.set("Resources", Object::Dictionary(resources));
    page.set("Contents", Object::Reference(contents));
    let page = doc.add_object(page);
    let mut pages = Dictionary::new();
    pages.set("Type", Object::Name(b"Pages".to_vec()));
    pages.set("Kids", vec![Object::Reference(page)]);
    pages.set("Count", 1);
    let pages = doc.add_object(pages);
    if let Ok(d) = doc.get_dictionary_mut(page) {
        d.set("Parent", Object::Reference(pages));
    }
    let mut catalog = Dictionary::new();
    catalog.set("Type", Object::Name(b"Catalog".to_vec()));
    catalog.set("Pages", Object::Reference(pages));
    let catalog = doc.add_object(catalog);
    doc.trailer.set("Root", Object::Reference(catalog));
    (doc, ObjectIds { page, type0, simple })
}

struct ObjectIds {
    page: pdf_extract::ObjectId,
    type0: pdf_extract::ObjectId,
    simple: pdf_extract::ObjectId,
}

fn doc_stream(text: String) -> Stream {
    Stream::new(Dictionary::new(), text.into_bytes())
}

/// The codes of the map the page's font `name` has now.
fn page_map(doc: &Document, page: pdf_extract::ObjectId, name: &[u8]) -> (pdf_extract::ObjectId, Vec<u32>) {
    let resources = doc.get_dictionary(page).and_then(|p| p.get(b"Resources")).and_then(Object::as_dict);
    let font = resources.and_then(|r| r.get(b"Font")).and_then(Object::as_dict).and_then(|f| f.get(name));
    let id = font.and_then(Object::as_reference).expect("a font reference");
    let map = doc.get_dictionary(id).and_then(|f| f.get(b"ToUnicode")).and_then(Object::as_reference);
    let stream = map.and_then(|m| doc.get_object(m)).and_then(Object::as_stream).expect("a ToUnicode stream");
    let parsed = ToUnicode::parse(&stream.content).expect("parsed");
    (id, (0..0x100).filter(|&c| parsed.contains(c)).collect())
}

#[test]
fn each_font_keeps_the_codes_shown_in_it() {
    // F1 shows 1 and 2, then 3 after `Q` restores it; F2 shows `A` inside
    // `q … Q`; `B` (0x42) and code 4 are shown by no font of theirs. The
    // form drawn (an XObject the page does not have, ignored here) leaves
    // the two-byte font to be compacted too.
    let (mut doc, ids) = two_font_page("BT /F1 12 Tf <00010002> Tj q /F2 9 Tf (A) Tj Q <0003> Tj ET /Fm0 Do");
    if let Ok(resources) = doc.get_dictionary_mut(ids.page).and_then(|p| p.get_mut(b"Resources")) {
        if let Ok(r) = resources.as_dict_mut() {
            let form = Stream::new(lopdf::dictionary! { "Subtype" => "Form" }, b"q Q".to_vec());
            r.set("XObject", lopdf::dictionary! { "Fm0" => Object::Stream(form) });
        }
    }
    compact_per_page(&mut doc);
    let (type0, codes) = page_map(&doc, ids.page, b"F1");
    assert_ne!(type0, ids.type0, "a copy");
    assert_eq!(codes, [1, 2, 3]);
    let (simple, codes) = page_map(&doc, ids.page, b"F2");
    assert_ne!(simple, ids.simple, "a copy");
    assert_eq!(codes, [0x41]);
}

#[test]
fn two_byte_fonts_of_pages_pagetext_renumbers_are_left_as_they_are() {
    // Every string's font is known from the page's content: `pagetext`
    // renumbers F1 there; F2, of one byte a code, is compacted.
    let (mut doc, ids) = two_font_page("BT /F1 12 Tf <00010002> Tj /F2 9 Tf (A) Tj ET");
    let maps = compact_per_page(&mut doc);
    assert_eq!(page_map(&doc, ids.page, b"F1"), (ids.type0, (1..=40).collect()));
    assert_ne!(page_map(&doc, ids.page, b"F2").0, ids.simple, "a copy");
    assert!(maps.two_byte.contains_key(&ids.type0) && maps.allowed);
}

#[test]
fn strings_shown_before_any_font_count_for_every_font() {
    let (mut doc, ids) = two_font_page("BT (B) Tj /F1 12 Tf <0004> Tj ET");
    compact_per_page(&mut doc);
    // `B` is 0x42 to F2; to F1 it is half a code, and no code.
    assert_eq!(page_map(&doc, ids.page, b"F1").1, [4]);
    assert_eq!(page_map(&doc, ids.page, b"F2").1, [0x42]);
}

#[test]
fn pages_with_content_that_cannot_be_followed_are_left_alone() {
    // `Do` of an XObject the page does not have: pdf-extract panics there.
    let (mut doc, ids) = two_font_page("BT /F1 12 Tf <0001> Tj ET /X0 Do");
    compact_per_page(&mut doc);
    assert_eq!(page_map(&doc, ids.page, b"F1"), (ids.type0, (1..=40).collect()));
}

#[test]
fn many_codes_of_a_two_byte_font_map_to_private_use_and_back() {
    // All 40 codes of F1 in one block of 128: one `bfrange` entry instead
    // of 40 `bfchar` ones. F2's one code stays compacted.
    let codes: String = (1..=40).map(|c| format!("{c:04X}")).collect();
    // A string shown before any font: `pagetext` leaves the page alone.
    let (mut doc, ids) = two_font_page(&format!("BT (B) Tj /F1 12 Tf <{codes}> Tj /F2 9 Tf (A) Tj ET"));
    let private_use = compact_per_page(&mut doc);
    assert!(!private_use.is_empty() && private_use.allowed);
    let (type0, _) = page_map(&doc, ids.page, b"F1");
    let map = doc.get_dictionary(type0).and_then(|f| f.get(b"ToUnicode")).and_then(Object::as_reference);
    let stream = map.and_then(|m| doc.get_object(m)).and_then(Object::as_stream).expect("a ToUnicode stream");
    let range = b"1 beginbfrange\n(\x00\x00) (\x00\x7f) (\xdb\x80\xdc\x00)\nendbfrange";
    assert!(stream.content.windows(range.len()).any(|w| w == range), "{:?}", String::from_utf8_lossy(&stream.content));
    // The parser of pdf-extract reads code k as U+F0000 + k, which stands
    // for what the font's own map gives k (U+9FA5 − k), or nothing.
    let read = adobe_cmap_parser::get_unicode_map(&stream.content).expect("read");
    assert_eq!(read.get(&7), Some(&vec![0xdb, 0x80, 0xdc, 0x07]));
    assert_eq!(private_use.text("\u{f0007}").as_deref(), Some("\u{9f9e}"));
    assert_eq!(private_use.text("\u{f0029}").as_deref(), Some(""), "code 41 is not in the map");
    assert_eq!(private_use.text("\u{f0080}"), None, "no such block");
    assert_eq!(private_use.text("a"), None);
    assert_eq!(page_map(&doc, ids.page, b"F2").1, [0x41, 0x42]);
}

#[test]
fn no_private_use_where_a_map_points_into_planes_15_and_16() {
    let codes: String = (1..=40).map(|c| format!("{c:04X}")).collect();
    let (mut doc, ids) = two_font_page(&format!("BT /F1 12 Tf <{codes}> Tj ET"));
    // F2's map now gives code `A` a character of plane 15.
    let simple_map = doc.get_dictionary(ids.simple).and_then(|f| f.get(b"ToUnicode")).and_then(Object::as_reference);
    let simple_map = simple_map.expect("a map");
    doc.objects.insert(simple_map, Object::Stream(doc_stream("1 beginbfchar <41> <DB80DC05> endbfchar".to_string())));
    let private_use = compact_per_page(&mut doc);
    assert!(private_use.is_empty() && !private_use.allowed);
    assert_eq!(page_map(&doc, ids.page, b"F1").1, (1..=40).collect::<Vec<u32>>());
}
