//! What pdf-extract reads of a page: its text operations only, and the
//! codes of its two-byte fonts renumbered.
//!
//! pdf-extract parses every operation of a page with lopdf, and builds
//! every font of the page anew on each page, reading the font's whole
//! `ToUnicode` map and `/W` widths. While it reads a page, the page is
//! given instead ([`PageText::show`], undone by [`PutBack::restore`]):
//!
//! - a content stream of its text operations alone
//!   ([`crate::content::text_only`]), not compressed: paths, colours and
//!   marked content are most of a budget page, and the rules of the tables
//!   are read from the whole content by `paths`; `Do`s of images are left
//!   out too (they show no text, and unlike a form's they do not stop the
//!   renumbering below);
//! - where the fonts strings are shown in are certain from that content
//!   ([`crate::content::text_renumbered`]), the codes each font of two bytes
//!   a code (Type0, `Identity-H`/`-V`, with a map `pagefonts` reads with
//!   certainty) shows on the page renumbered 0, 1, 2, … in the order first
//!   shown, and a copy of the font whose `/W` gives each new code the width
//!   the font gives its code and whose `ToUnicode` maps the new codes to
//!   consecutive private-use characters of planes 15–16 with one range
//!   entry per 1024 characters. [`PageChars`] turns those characters back
//!   into the font's own text. (Not where a map of the document points
//!   into those planes itself.) A budget page shows a few hundred codes of
//!   a font drawn from thousands, and this is what pdf-extract's map reader
//!   (microseconds per entry) costs least to read.
//!
//! pdf-extract outputs the same characters, at the same places and widths,
//! as from the page itself (tests below, on the samples and the corpora).

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use pdf_extract::{Dictionary, Document, Object, ObjectId, Stream};

use crate::content::{text_only, text_renumbered, Operations};
use crate::pagefonts::{write_ranges, PrivateUse, ToUnicode};

/// One past the last character of plane 16.
const PLANES_END: u32 = 0x11_0000;

/// What the private-use characters of a page's renumbered fonts stand for.
#[derive(Debug, Default)]
pub(crate) struct PageChars {
    first: u32,
    /// Character − `first` → the text of the code it stands for.
    codes: Vec<String>,
}

impl PageChars {
    /// What `ch`, one character output by pdf-extract, stands for; `None`
    /// when it is not one of the page's characters.
    pub(crate) fn text(&self, ch: &str) -> Option<&str> {
        let mut chars = ch.chars();
        let (Some(c), None) = (chars.next(), chars.next()) else { return None };
        self.codes.get(u32::from(c).checked_sub(self.first)? as usize).map(String::as_str)
    }
}

/// A page as it was, set aside while pdf-extract reads it.
pub(crate) struct PutBack {
    contents: Object,
    resources: Option<Object>,
    added: Vec<ObjectId>,
    max_id: u32,
}

impl PutBack {
    pub(crate) fn restore(self, doc: &mut Document, page: ObjectId) {
        for id in &self.added {
            doc.objects.remove(id);
        }
        doc.max_id = self.max_id;
        if let Ok(dict) = doc.get_dictionary_mut(page) {
            dict.set("Contents", self.contents);
            if let Some(resources) = self.resources {
                dict.set("Resources", resources);
            }
        }
    }
}

/// Widths by code, as pdf-extract reads a CID font's `/W`.
type Widths = HashMap<u32, Object>;

/// A page's fonts of two bytes a code that can be renumbered, by name:
/// (font, map, widths).
type TwoByteFonts = HashMap<Vec<u8>, (ObjectId, Rc<ToUnicode>, Rc<Widths>)>;

/// Gives pages their text for pdf-extract (module docs).
pub(crate) struct PageText<'u> {
    private_use: &'u PrivateUse,
    /// Font object → its widths, when read with certainty.
    widths: HashMap<ObjectId, Option<Rc<Widths>>>,
}

impl<'u> PageText<'u> {
    pub(crate) fn new(private_use: &'u PrivateUse) -> Self {
        PageText { private_use, widths: HashMap::new() }
    }

    /// Gives the page its text operations (and renumbered fonts); `None`
    /// leaves it as it is. `ops` are the operations of `content`, the
    /// page's content.
    pub(crate) fn show(
        &mut self,
        doc: &mut Document,
        page: ObjectId,
        ops: &Operations,
        content: &[u8],
    ) -> Option<(PutBack, PageChars)> {
        let images = image_names(doc, page);
        let keep_draw = |name: &[u8]| !images.contains(name);
        let fonts = self.two_byte_fonts(doc, page);
        let renumbered = match fonts.is_empty() || !self.private_use.allowed {
            true => None,
            false => {
                let setting_font = states_setting_font(doc, page);
                text_renumbered(
                    ops,
                    content,
                    keep_draw,
                    |name| fonts.contains_key(name),
                    |name| setting_font.contains(name),
                )
            }
        };
        let mut put_back = PutBack {
            contents: doc.get_dictionary(page).ok()?.get(b"Contents").ok()?.clone(),
            resources: None,
            added: Vec::new(),
            max_id: doc.max_id,
        };
        let mut chars = PageChars { first: self.private_use.first_free(), codes: Vec::new() };
        let renumbered = renumbered.filter(|r| !r.codes.is_empty()).and_then(|r| {
            match install_fonts(doc, page, &r.codes, &fonts, &mut chars, &mut put_back) {
                Some(()) => Some(r.content),
                None => {
                    // Nothing of it stays: the fonts made are removed.
                    for id in put_back.added.drain(..) {
                        doc.objects.remove(&id);
                    }
                    doc.max_id = put_back.max_id;
                    chars.codes.clear();
                    None
                }
            }
        });
        let text = match renumbered {
            Some(text) => text,
            None => text_only(ops, content, keep_draw)?,
        };
        let id = add(doc, Object::Stream(Stream::new(Dictionary::new(), text)), &mut put_back.added);
        doc.get_dictionary_mut(page).ok()?.set("Contents", Object::Reference(id));
        Some((put_back, chars))
    }

    /// The page's fonts of two bytes a code whose map and widths are read
    /// with certainty, by name: (font, map, widths).
    fn two_byte_fonts(&mut self, doc: &Document, page: ObjectId) -> TwoByteFonts {
        let mut out = TwoByteFonts::new();
        let Some(fonts) = page_resources(doc, page).and_then(|r| resource_dictionary(doc, r, b"Font")) else {
            return out;
        };
        for (name, font) in fonts.iter() {
            let Ok(id) = font.as_reference() else { continue };
            let Some(map) = self.private_use.two_byte.get(&id) else { continue };
            let widths = self.widths.entry(id).or_insert_with(|| cid_widths(doc, id).map(Rc::new)).clone();
            if let Some(widths) = widths {
                out.insert(name.clone(), (id, Rc::clone(map), widths));
            }
        }
        out
    }
}

/// The page's fonts given renumbered copies (`codes`: per font name, the
/// code each new code stands for), in a `/Resources` of its own; the
/// resources it had go into `put_back`. `None` changes no resources.
fn install_fonts(
    doc: &mut Document,
    page: ObjectId,
    codes: &[(&[u8], Vec<u16>)],
    fonts: &TwoByteFonts,
    chars: &mut PageChars,
    put_back: &mut PutBack,
) -> Option<()> {
    let total: usize = codes.iter().map(|(_, codes)| codes.len()).sum();
    if u64::from(chars.first) + total as u64 > u64::from(PLANES_END) {
        return None;
    }
    let resources = doc.get_dictionary(page).ok()?.get(b"Resources").ok()?.clone();
    let mut new_fonts = resource_dictionary(doc, &resources, b"Font")?.clone();
    for (name, codes) in codes {
        let (font, map, widths) = fonts.get(*name)?;
        let copy = renumbered_font(doc, *font, map, widths, codes, chars, &mut put_back.added)?;
        new_fonts.set(name.to_vec(), Object::Reference(copy));
    }
    let mut new_resources = deref(doc, &resources)?.as_dict().ok()?.clone();
    new_resources.set("Font", Object::Dictionary(new_fonts));
    doc.get_dictionary_mut(page).ok()?.set("Resources", Object::Dictionary(new_resources));
    put_back.resources = Some(resources);
    Some(())
}

fn deref<'a>(doc: &'a Document, o: &'a Object) -> Option<&'a Object> {
    match o {
        Object::Reference(id) => doc.get_object(*id).ok(),
        o => Some(o),
    }
}

/// The page's `/Resources` entry (its own: every page has one,
/// `nesting::pin_inherited`).
fn page_resources(doc: &Document, page: ObjectId) -> Option<&Object> {
    doc.get_dictionary(page).ok()?.get(b"Resources").ok()
}

/// The `key` dictionary (`/Font`, `/XObject`, `/ExtGState`) of a resources
/// entry.
fn resource_dictionary<'a>(doc: &'a Document, resources: &'a Object, key: &[u8]) -> Option<&'a Dictionary> {
    let resources = deref(doc, resources)?.as_dict().ok()?;
    deref(doc, resources.get(key).ok()?)?.as_dict().ok()
}

/// The names of the page's `key` resources whose object (`None`: a
/// reference to nothing) `keep` accepts.
fn resource_names(
    doc: &Document,
    page: ObjectId,
    key: &[u8],
    keep: impl Fn(Option<&Object>) -> bool,
) -> HashSet<Vec<u8>> {
    let Some(dict) = page_resources(doc, page).and_then(|r| resource_dictionary(doc, r, key)) else {
        return HashSet::new();
    };
    dict.iter().filter(|(_, o)| keep(deref(doc, o))).map(|(name, _)| name.clone()).collect()
}

fn add(doc: &mut Document, object: Object, added: &mut Vec<ObjectId>) -> ObjectId {
    doc.max_id += 1;
    let id = (doc.max_id, 0);
    doc.objects.insert(id, object);
    added.push(id);
    id
}

/// The font's descendant CID font dictionary, as pdf-extract finds it.
fn descendant(doc: &Document, font: &Dictionary) -> Option<Dictionary> {
    let descendants = deref(doc, font.get(b"DescendantFonts").ok()?)?.as_array().ok()?;
    Some(deref(doc, descendants.first()?)?.as_dict().ok()?.clone())
}

/// The widths pdf-extract 0.12.1 reads from a CID font's `/W`: for
/// `c [w1 w2 …]`, code c + i gets wi; `c1 c2 w` gives nothing (it reads that
/// form wrongly, and `fonts` rewrites it as the other); a later entry
/// replaces an earlier one. `None` where it panics or reads an element it
/// does not dereference.
fn cid_widths(doc: &Document, font: ObjectId) -> Option<Widths> {
    let font = doc.get_dictionary(font).ok()?;
    let cid = descendant(doc, font)?;
    let mut widths = Widths::new();
    let Some(w) = cid.get(b"W").ok() else { return Some(widths) };
    let Some(w) = deref(doc, w)?.as_array().ok() else { return Some(widths) };
    let w: Vec<&Object> = w.iter().map(|o| deref(doc, o)).collect::<Option<_>>()?;
    let mut i = 0;
    while i < w.len() {
        let first = w[i].as_i64().ok()?;
        match w.get(i + 1)? {
            Object::Array(list) => {
                for (j, width) in list.iter().enumerate() {
                    if !matches!(width, Object::Integer(_) | Object::Real(_)) {
                        return None;
                    }
                    widths.insert(first.wrapping_add(j as i64) as u32, width.clone());
                }
                i += 2;
            }
            _ => i += 3,
        }
    }
    Some(widths)
}

/// A copy of `font` for codes renumbered (new code k stands for
/// `codes[k]`): `/W` of the new codes, `ToUnicode` to the page's next
/// private-use characters, recorded in `chars`. Objects made are added to
/// the document and to `added`.
fn renumbered_font(
    doc: &mut Document,
    font: ObjectId,
    map: &Rc<ToUnicode>,
    widths: &Widths,
    codes: &[u16],
    chars: &mut PageChars,
    added: &mut Vec<ObjectId>,
) -> Option<ObjectId> {
    let mut copy = doc.get_dictionary(font).ok()?.clone();
    let mut cid = descendant(doc, &copy)?;
    // `/W`: each run of new codes that have widths as `k [w …]`.
    let mut w: Vec<Object> = Vec::new();
    let mut run: Vec<Object> = Vec::new();
    for (k, code) in codes.iter().enumerate() {
        match widths.get(&u32::from(*code)) {
            Some(width) => {
                if run.is_empty() {
                    w.push(Object::Integer(k as i64));
                }
                run.push(width.clone());
            }
            None if !run.is_empty() => w.push(Object::Array(std::mem::take(&mut run))),
            None => {}
        }
    }
    if !run.is_empty() {
        w.push(Object::Array(run));
    }
    cid.set("W", Object::Array(w));
    // `ToUnicode`: ranges of new codes to characters, cut where the
    // character's low surrogate would overflow (every 1024).
    let mut ranges = Vec::new();
    let first = chars.first + chars.codes.len() as u32;
    let mut k = 0u32;
    while (k as usize) < codes.len() {
        let ch = first + k;
        let len = (1024 - ch % 1024).min(codes.len() as u32 - k);
        ranges.push((k, k + len - 1, ch));
        k += len;
    }
    chars.codes.extend(codes.iter().map(|&c| map.text(u32::from(c))));
    let cid = add(doc, Object::Dictionary(cid), added);
    let to_unicode = add(doc, Object::Stream(Stream::new(Dictionary::new(), write_ranges(&ranges))), added);
    copy.set("DescendantFonts", Object::Array(vec![Object::Reference(cid)]));
    copy.set("ToUnicode", Object::Reference(to_unicode));
    Some(add(doc, Object::Dictionary(copy), added))
}

/// The names of the page's `/ExtGState` resources that set a font (or
/// cannot be read: pdf-extract panics on those).
fn states_setting_font(doc: &Document, page: ObjectId) -> HashSet<Vec<u8>> {
    resource_names(doc, page, b"ExtGState", |o| o.and_then(|o| o.as_dict().ok()).is_none_or(|d| d.has(b"Font")))
}

/// The names of the page's `/XObject` resources that are images.
fn image_names(doc: &Document, page: ObjectId) -> HashSet<Vec<u8>> {
    resource_names(doc, page, b"XObject", |o| {
        o.and_then(|o| o.as_stream().ok())
            .is_some_and(|s| s.dict.get(b"Subtype").and_then(Object::as_name).is_ok_and(|n| n == b"Image"))
    })
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::options::PdfOptions;
    use crate::testing::{output_page, pdfs, project_pdfs, shared_corpus_or_skip};

    /// What pdf-extract outputs for a page, the page's and the document's
    /// private-use characters as what they stand for.
    fn output(doc: &Document, number: u32, chars: &PageChars, private_use: &PrivateUse) -> Result<Vec<String>, String> {
        output_page(doc, number, &|ch| chars.text(ch).map(str::to_string).or_else(|| private_use.text(ch)))
    }

    /// Reads every page of a PDF as it is and as [`PageText::show`] gives
    /// it; checks that pdf-extract outputs the same, and that the page is
    /// put back. Returns the pages given their text, and those of them
    /// with renumbered fonts.
    fn same_output(path: &Path) -> (usize, usize) {
        let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let Ok((mut doc, _, private_use)) = crate::load::load(&bytes, &PdfOptions::default()) else { return (0, 0) };
        crate::nesting::pin_inherited(&mut doc);
        same_output_of(&mut doc, &private_use, path)
    }

    fn same_output_of(doc: &mut Document, private_use: &PrivateUse, path: &Path) -> (usize, usize) {
        let mut page_text = PageText::new(private_use);
        let (mut shown, mut renumbered) = (0, 0);
        for (number, id) in doc.get_pages() {
            let none = PageChars::default();
            let before = output(doc, number, &none, private_use);
            let page_before = doc.get_object(id).cloned().ok();
            let Ok(content) = doc.get_page_content(id) else { continue };
            let Some(ops) = crate::content::operations(&content) else { continue };
            let Some((put_back, chars)) = page_text.show(doc, id, &ops, &content) else { continue };
            shown += 1;
            renumbered += usize::from(!chars.codes.is_empty());
            let after = output(doc, number, &chars, private_use);
            put_back.restore(doc, id);
            assert_eq!(before, after, "{} page {number}", path.display());
            assert_eq!(doc.get_object(id).cloned().ok(), page_before, "{} page {number} put back", path.display());
        }
        (shown, renumbered)
    }

    #[test]
    fn the_project_samples_read_the_same_from_their_text_operations() {
        let files = project_pdfs();
        let (mut shown, mut renumbered) = (0, 0);
        for file in &files {
            let (s, r) = same_output(file);
            (shown, renumbered) = (shown + s, renumbered + r);
        }
        assert!(shown >= files.len(), "{shown} pages shown");
    }

    /// A page of a Type0 font with `Identity-H`, its map and widths, shown
    /// in `Tj` and `TJ`, inside `q … Q`, with an extended graphics state
    /// and paths around.
    #[test]
    fn a_two_byte_font_reads_the_same_renumbered() {
        let mut doc = Document::with_version("1.5");
        let map = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap 1 begincodespacerange <0000> <FFFF> \
            endcodespacerange 4 beginbfchar <0010> <4E00> <0020> <4E8C> <0030> <4E09> <0040> <0066006C> endbfchar \
            endcmap end end";
        let map = doc.add_object(Stream::new(Dictionary::new(), map.to_vec()));
        let descriptor = doc.add_object(lopdf::dictionary! { "Type" => "FontDescriptor", "FontName" => "SimSun" });
        let w = vec![Object::Integer(16), Object::Array(vec![500.into()]), 48.into(), Object::Array(vec![700.into()])];
        let cid = doc.add_object(lopdf::dictionary! {
            "Type" => "Font", "Subtype" => "CIDFontType2", "BaseFont" => "SimSun", "FontDescriptor" => descriptor,
            "DW" => 1000, "W" => w
        });
        let font = doc.add_object(lopdf::dictionary! {
            "Type" => "Font", "Subtype" => "Type0", "BaseFont" => "SimSun", "Encoding" => "Identity-H",
            "DescendantFonts" => vec![Object::Reference(cid)], "ToUnicode" => map
        });
        let state = doc.add_object(lopdf::dictionary! { "Type" => "ExtGState", "CA" => 1 });
        let content = b"/GS0 gs 0 0 0 rg 10 10 100 1 re f q BT /F1 12 Tf 72 700 Td <00300010> Tj \
            [<0020> -250 <00400030> 12.5 <00100> ] TJ ET Q BT /F1 9 Tf 1 0 0 1 72 600 Tm <0010> Tj ET";
        let content = doc.add_object(Stream::new(Dictionary::new(), content.to_vec()));
        let resources = lopdf::dictionary! {
            "Font" => lopdf::dictionary! { "F1" => font }, "ExtGState" => lopdf::dictionary! { "GS0" => state }
        };
        let page = doc.add_object(lopdf::dictionary! {
            "Type" => "Page", "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
            "Resources" => resources, "Contents" => content
        });
        let pages = doc.add_object(lopdf::dictionary! { "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1 });
        doc.get_dictionary_mut(page).expect("the page").set("Parent", pages);
        let catalog = doc.add_object(lopdf::dictionary! { "Type" => "Catalog", "Pages" => pages });
        doc.trailer.set("Root", catalog);
        let private_use = crate::pagefonts::lighten(&mut doc);
        let glyphs = output(&doc, 1, &PageChars::default(), &private_use).expect("read");
        let texts: Vec<&str> = glyphs.iter().map(|g| g.split(' ').next().unwrap_or_default()).collect();
        assert_eq!(texts, ["\"三\"", "\"一\"", "\"二\"", "\"fl\"", "\"三\"", "\"一\"", "\"一\""]);
        assert_eq!(same_output_of(&mut doc, &private_use, Path::new("in memory")), (1, 1));
    }

    /// The shared corpora, when present: every synthetic document, and real
    /// ones of each producer.
    #[test]
    fn the_shared_corpora_read_the_same_from_their_text_operations() {
        let Some(shared) = shared_corpus_or_skip("the_shared_corpora_read_the_same_from_their_text_operations") else {
            return;
        };
        let real = ["real_01", "real_03", "real_10", "real_11", "real_14", "real_18", "real_19", "real_23", "real_25"];
        let real = real.iter().map(|name| shared.join("real").join(format!("{name}.pdf")));
        let (mut shown, mut renumbered) = (0, 0);
        for file in pdfs(&shared.join("dev")).into_iter().chain(real) {
            let (s, r) = same_output(&file);
            (shown, renumbered) = (shown + s, renumbered + r);
        }
        assert!(renumbered * 2 > shown, "{shown} pages shown, {renumbered} renumbered");
    }

    #[test]
    fn renumbered_codes_keep_their_widths_and_text() {
        // Font codes 0x10 and 0x30 with widths 500 and 700; 0x20 has none.
        let mut widths = Widths::new();
        widths.insert(0x10, Object::Integer(500));
        widths.insert(0x30, Object::Real(700.5));
        let map = Rc::new(
            ToUnicode::parse(b"3 beginbfchar <0010> <4E00> <0020> <4E8C> <0030> <4E09> endbfchar").expect("a map"),
        );
        let mut doc = Document::with_version("1.5");
        let cid = doc.add_object(lopdf::dictionary! { "Subtype" => "CIDFontType2", "DW" => 1000 });
        let font = doc.add_object(lopdf::dictionary! {
            "Subtype" => "Type0", "Encoding" => "Identity-H", "DescendantFonts" => vec![Object::Reference(cid)]
        });
        let mut chars = PageChars { first: 0xF_03F0, codes: Vec::new() };
        let mut added = Vec::new();
        let copy = renumbered_font(&mut doc, font, &map, &widths, &[0x30, 0x20, 0x10], &mut chars, &mut added)
            .expect("a copy");
        assert_eq!(added.len(), 3);
        let copy = doc.get_dictionary(copy).expect("the copy");
        let cid = descendant(&doc, copy).expect("its CID font");
        // New code 0 (0x30) and 2 (0x10) have widths; 1 (0x20) keeps /DW.
        assert_eq!(
            cid.get(b"W").and_then(Object::as_array).cloned().expect("W"),
            vec![
                Object::Integer(0),
                Object::Array(vec![Object::Real(700.5)]),
                Object::Integer(2),
                Object::Array(vec![Object::Integer(500)])
            ]
        );
        // Characters F03F0…F03F2: one range, as the block of 1024 ends at F03FF.
        assert_eq!(chars.text("\u{f03f0}"), Some("三"));
        assert_eq!(chars.text("\u{f03f1}"), Some("二"));
        assert_eq!(chars.text("\u{f03f2}"), Some("一"));
        assert_eq!(chars.text("\u{f03f3}"), None);
        let written = copy.get(b"ToUnicode").and_then(Object::as_reference).expect("a ToUnicode reference");
        let stream = doc.get_object(written).and_then(Object::as_stream).expect("a stream");
        let read = adobe_cmap_parser::get_unicode_map(&stream.content).expect("read");
        assert_eq!(read.get(&2), Some(&vec![0xdb, 0x80, 0xdf, 0xf2]));
        // 20 codes from F03F0: cut at F0400.
        let mut chars = PageChars { first: 0xF_03F0, codes: Vec::new() };
        let codes: Vec<u16> = (0..20).collect();
        let copy = renumbered_font(&mut doc, font, &map, &widths, &codes, &mut chars, &mut added).expect("a copy");
        let written = doc.get_dictionary(copy).and_then(|c| c.get(b"ToUnicode")).and_then(Object::as_reference);
        let stream = written.and_then(|m| doc.get_object(m)).and_then(Object::as_stream).expect("a stream");
        let read = adobe_cmap_parser::get_unicode_map(&stream.content).expect("read");
        assert_eq!(read.get(&15), Some(&vec![0xdb, 0x80, 0xdf, 0xff]));
        assert_eq!(read.get(&16), Some(&vec![0xdb, 0x81, 0xdc, 0x00]));
        assert_eq!(read.len(), 20);
    }

    #[test]
    fn widths_are_read_as_pdf_extract_reads_them() {
        let mut doc = Document::with_version("1.5");
        let w = vec![
            Object::Integer(3),
            Object::Array(vec![Object::Integer(250), Object::Real(300.5)]),
            // The range form gives nothing to pdf-extract 0.12.1.
            Object::Integer(10),
            Object::Integer(12),
            Object::Integer(999),
            Object::Integer(4),
            Object::Array(vec![Object::Integer(400)]),
        ];
        let cid = doc.add_object(lopdf::dictionary! { "W" => w });
        let font = doc.add_object(lopdf::dictionary! { "DescendantFonts" => vec![Object::Reference(cid)] });
        let widths = cid_widths(&doc, font).expect("read");
        let mut got: Vec<(u32, Object)> = widths.into_iter().collect();
        got.sort_by_key(|(c, _)| *c);
        assert_eq!(got, vec![(3, Object::Integer(250)), (4, Object::Integer(400))]);
        // A width pdf-extract does not dereference: not read with certainty.
        let bad = doc.add_object(lopdf::dictionary! {
            "W" => vec![Object::Integer(1), Object::Array(vec![Object::Reference(cid)])]
        });
        let font = doc.add_object(lopdf::dictionary! { "DescendantFonts" => vec![Object::Reference(bad)] });
        assert!(cid_widths(&doc, font).is_none());
    }
}
