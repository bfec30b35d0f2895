//! Per page: the strings each font name shows, and the page's fonts
//! replaced by copies with `ToUnicode` maps of those codes (see the
//! `pagefonts` module).

use std::collections::{BTreeSet, HashMap};
use std::rc::Rc;

use pdf_extract::{Dictionary, Document, Object, ObjectId, Stream};

use super::cmap::{write_ranges, ToUnicode, FIXED_TOKENS};
use crate::content::{operations, Operand};

/// Nesting of form XObjects followed at most; a page nested deeper is left
/// as it was.
const MAX_DEPTH: usize = 16;
/// Levels of the page tree searched for inherited resources at most.
const MAX_TREE_DEPTH: usize = 64;

/// Gives every page copies of its fonts whose `ToUnicode` maps hold only
/// the codes that page shows (module docs). Pages and fonts where that is
/// not certain are left as they were.
pub(crate) fn compact_per_page(doc: &mut Document) -> PrivateUse {
    let mut planner = Planner::new(doc);
    let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
    // Every map first: private-use maps only where no map points there.
    for &page in &pages {
        planner.page_fonts(page);
    }
    planner.private_use_allowed = planner.maps.values().flatten().all(|m| !m.maps_to_planes_15_16());
    let changes: Vec<(ObjectId, Dictionary)> =
        pages.into_iter().filter_map(|page| Some((page, planner.page_resources(page)?))).collect();
    let Planner { new_objects, mut private_use, fonts, copies, private_use_allowed, .. } = planner;
    private_use.allowed = private_use_allowed;
    // The maps of the two-byte fonts, for `pagetext`: each font's own, and
    // each copy's original's.
    for (&id, map) in &fonts {
        if let Some(map) = map.as_ref().filter(|m| m.codes == Codes::TwoBytes) {
            private_use.two_byte.insert(id, Rc::clone(&map.to_unicode));
        }
    }
    for ((font, _), copy) in copies {
        if let (Some(copy), Some(Some(map))) = (copy, fonts.get(&font)) {
            if map.codes == Codes::TwoBytes {
                private_use.two_byte.insert(copy, Rc::clone(&map.to_unicode));
            }
        }
    }
    for (id, object) in new_objects {
        doc.max_id = doc.max_id.max(id.0);
        doc.objects.insert(id, object);
    }
    for (page, resources) in changes {
        if let Ok(dict) = doc.get_object_mut(page).and_then(Object::as_dict_mut) {
            dict.set("Resources", Object::Dictionary(resources));
        }
    }
    private_use
}

/// The first character of the private-use blocks (plane 15).
const PRIVATE_USE_FIRST: u32 = 0xF0000;
/// Codes per private-use block: a power of two up to 1024, so that a
/// block's characters share one high surrogate (see `write_ranges`).
const PRIVATE_USE_BLOCK: u32 = 128;
/// Blocks in planes 15 and 16.
const PRIVATE_USE_BLOCKS: usize = (0x11_0000 - PRIVATE_USE_FIRST as usize) / PRIVATE_USE_BLOCK as usize;
/// What one block costs pdf-extract, in tokens of its lexer: the three of
/// the `bfrange` entry, and the entries it adds, about 16 of which cost
/// what a token does (measured: 4.4 µs a token, 0.25 µs an entry).
const PRIVATE_USE_BLOCK_TOKENS: usize = 3 + PRIVATE_USE_BLOCK as usize / 16;

/// The characters pdf-extract outputs for the fonts given private-use
/// maps, and what they stand for.
///
/// A page that shows many codes of a Type0 font costs pdf-extract's
/// `ToUnicode` reader microseconds per code even in a compacted map. Such a
/// font's copy maps instead each block of 128 codes it shows to a block of
/// private-use characters of planes 15–16 with one `bfrange` entry, which
/// that reader reads fast; the block is the document's own (one per map and
/// block of codes), and [`PrivateUse::text`] turns its characters back into
/// the map's text. Used only when no map of the document points into those
/// planes.
#[derive(Debug, Default)]
pub(crate) struct PrivateUse {
    /// Block → (its map, its first code).
    blocks: Vec<(Rc<ToUnicode>, u32)>,
    /// The `ToUnicode` map of each font object of two bytes a code
    /// (Type0, `Identity-H`/`-V`) whose map is read with certainty, copies
    /// made here with their original's map.
    pub(crate) two_byte: HashMap<ObjectId, Rc<ToUnicode>>,
    /// Whether private-use characters may stand for others: no map of the
    /// document points into planes 15–16.
    pub(crate) allowed: bool,
}

impl PrivateUse {
    /// What `ch`, one character output by pdf-extract, stands for; `None`
    /// when it is not one of the document's private-use characters.
    pub(crate) fn text(&self, ch: &str) -> Option<String> {
        let mut chars = ch.chars();
        let (Some(c), None) = (chars.next(), chars.next()) else { return None };
        let offset = u32::from(c).checked_sub(PRIVATE_USE_FIRST)?;
        let (map, first) = self.blocks.get((offset / PRIVATE_USE_BLOCK) as usize)?;
        Some(map.text(first + offset % PRIVATE_USE_BLOCK))
    }

    /// The first private-use character after the document's blocks.
    pub(crate) fn first_free(&self) -> u32 {
        PRIVATE_USE_FIRST + self.blocks.len() as u32 * PRIVATE_USE_BLOCK
    }

    /// True when no font was given a private-use map.
    #[cfg(test)]
    pub(crate) fn is_empty(&self) -> bool {
        self.blocks.is_empty()
    }
}

/// How a font splits a string into the codes its `ToUnicode` map is keyed
/// by, in pdf-extract.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Codes {
    /// Simple fonts: every byte.
    OneByte,
    /// Type0 with `Identity-H`/`-V`: every two bytes, big-endian.
    TwoBytes,
}

impl Codes {
    /// The codes of a string (a trailing odd byte of a two-byte font is
    /// no code).
    fn of(self, s: &[u8]) -> Vec<u32> {
        match self {
            Codes::OneByte => s.iter().map(|&b| u32::from(b)).collect(),
            Codes::TwoBytes => s.chunks_exact(2).map(|p| u32::from(u16::from_be_bytes([p[0], p[1]]))).collect(),
        }
    }
}

/// A font that can be compacted: its code form and its parsed map.
struct FontMap {
    codes: Codes,
    to_unicode: Rc<ToUnicode>,
}

/// What the content of a stream does that matters here, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Event {
    /// `q`.
    Save,
    /// `Q`.
    Restore,
    /// `/name size Tf` (`None` when the operand is not a name).
    Font(Option<Vec<u8>>),
    /// A string shown by `Tj`, `TJ`, `'` or `"`.
    Show(Vec<u8>),
    /// `/name Do` (`None` when the operand is not a name).
    Draw(Option<Vec<u8>>),
}

/// The events of a content stream, decoded as pdf-extract decodes it;
/// `None` when the decoder fails (pdf-extract panics there).
pub(super) fn events(content: &[u8]) -> Option<Vec<Event>> {
    let mut out = Vec::new();
    for (operator, operands) in operations(content)?.iter() {
        let name = |i: usize| operands.get(i).and_then(Operand::name).map(<[u8]>::to_vec);
        match operator {
            b"q" => out.push(Event::Save),
            b"Q" => out.push(Event::Restore),
            b"Tf" => out.push(Event::Font(name(0))),
            b"Do" => out.push(Event::Draw(name(0))),
            b"Tj" | b"TJ" | b"'" | b"\"" => operands.iter().for_each(|o| push_strings(o, &mut out)),
            _ => {}
        }
    }
    Some(out)
}

fn push_strings(operand: &Operand, out: &mut Vec<Event>) {
    match operand {
        Operand::String(bytes) => out.push(Event::Show(bytes.to_vec())),
        Operand::Array(items) => items.iter().for_each(|o| push_strings(o, out)),
        _ => {}
    }
}

/// The codes a page shows, per font name of the page.
struct PageCodes {
    /// Name → code form, for the page's compactable fonts.
    forms: HashMap<Vec<u8>, Codes>,
    by_name: HashMap<Vec<u8>, BTreeSet<u32>>,
    /// Strings shown where the font in force is not known: every font.
    unknown: Vec<Vec<u8>>,
    /// Whether a form (an XObject that is not an image) is drawn.
    drew_form: bool,
}

impl PageCodes {
    fn show(&mut self, font: Option<&[u8]>, s: &[u8]) {
        let Some(name) = font else {
            self.unknown.push(s.to_vec());
            return;
        };
        if let Some(&form) = self.forms.get(name) {
            self.by_name.entry(name.to_vec()).or_default().extend(form.of(s));
        }
    }

    /// The codes of `name` that `map` maps, ascending.
    fn codes(&self, name: &[u8], map: &FontMap) -> Vec<u32> {
        let shown = self.by_name.get(name).into_iter().flatten().copied();
        let unknown = self.unknown.iter().flat_map(|s| map.codes.of(s));
        let all: BTreeSet<u32> = shown.chain(unknown).filter(|&c| map.to_unicode.contains(c)).collect();
        all.into_iter().collect()
    }
}

/// A font of a page that can be compacted: its name, object and map.
type Target<'a> = (&'a [u8], ObjectId, Rc<FontMap>);

struct Planner<'a> {
    doc: &'a Document,
    /// Font object → its map, when it can be compacted.
    fonts: HashMap<ObjectId, Option<Rc<FontMap>>>,
    /// `ToUnicode` stream → its parsed map.
    maps: HashMap<ObjectId, Option<Rc<ToUnicode>>>,
    /// XObject → its events.
    xobjects: HashMap<ObjectId, Option<Rc<Vec<Event>>>>,
    /// (font, codes) → the font's copy with those codes, if made.
    copies: HashMap<(ObjectId, Vec<u32>), Option<ObjectId>>,
    new_objects: Vec<(ObjectId, Object)>,
    next_id: u32,
    /// Whether private-use maps may be written (no map points there).
    private_use_allowed: bool,
    private_use: PrivateUse,
    /// (map, block of codes) → its private-use block.
    private_use_blocks: HashMap<(*const ToUnicode, u32), u32>,
}

impl<'a> Planner<'a> {
    fn new(doc: &'a Document) -> Self {
        Planner {
            doc,
            fonts: HashMap::new(),
            maps: HashMap::new(),
            xobjects: HashMap::new(),
            copies: HashMap::new(),
            new_objects: Vec::new(),
            next_id: doc.max_id + 1,
            private_use_allowed: false,
            private_use: PrivateUse::default(),
            private_use_blocks: HashMap::new(),
        }
    }

    /// The page's fonts that can be compacted, by name, with their maps.
    fn page_fonts(&mut self, page: ObjectId) -> Option<(&'a Dictionary, Vec<Target<'a>>)> {
        let resources = page_resources(self.doc, page)?;
        let fonts = self.deref(resources.get(b"Font").ok()?)?.as_dict().ok()?;
        let targets: Vec<Target> = fonts
            .iter()
            .filter_map(|(name, font)| {
                let id = font.as_reference().ok()?;
                Some((name.as_slice(), id, self.font_map(id)?))
            })
            .collect();
        Some((fonts, targets))
    }

    /// The page's new resource dictionary, when one of its fonts was
    /// compacted.
    fn page_resources(&mut self, page: ObjectId) -> Option<Dictionary> {
        let resources = page_resources(self.doc, page)?;
        let (fonts, targets) = self.page_fonts(page)?;
        if targets.is_empty() {
            return None;
        }
        let content = self.doc.get_page_content(page).ok()?;
        let forms = targets.iter().map(|(name, _, map)| (name.to_vec(), map.codes)).collect();
        let mut codes = PageCodes { forms, by_name: HashMap::new(), unknown: Vec::new(), drew_form: false };
        self.walk(&events(&content)?, resources, 0, &mut codes)?;
        // Where every string's font is known from the page's own content,
        // `pagetext` renumbers the two-byte fonts: no copies for those.
        let renumbered = !codes.drew_form && codes.unknown.is_empty() && self.private_use_allowed;
        let mut new_fonts = fonts.clone();
        let mut changed = false;
        for (name, id, map) in targets {
            if renumbered && map.codes == Codes::TwoBytes {
                continue;
            }
            if let Some(copy) = self.copy(id, &map, codes.codes(name, &map)) {
                new_fonts.set(name.to_vec(), Object::Reference(copy));
                changed = true;
            }
        }
        let mut resources = resources.clone();
        resources.set("Font", Object::Dictionary(new_fonts));
        changed.then_some(resources)
    }

    /// Follows the events of a stream as pdf-extract does: a fresh
    /// graphics state (no font) per stream, `q`/`Q`, forms through the
    /// resources in force.
    fn walk(&mut self, events: &[Event], resources: &'a Dictionary, depth: usize, codes: &mut PageCodes) -> Option<()> {
        let mut font: Option<&[u8]> = None;
        let mut stack: Vec<Option<&[u8]>> = Vec::new();
        for event in events {
            match event {
                Event::Save => stack.push(font),
                // pdf-extract keeps the state on an unmatched `Q`; not
                // knowing the font there is the safe side.
                Event::Restore => font = stack.pop().flatten(),
                Event::Font(name) => font = name.as_deref(),
                Event::Show(s) => codes.show(font, s),
                Event::Draw(name) => {
                    let (events, inner, image) = self.xobject(name.as_deref()?, resources)?;
                    codes.drew_form |= !image;
                    if depth >= MAX_DEPTH {
                        return None;
                    }
                    self.walk(&events, inner, depth + 1, codes)?;
                }
            }
        }
        Some(())
    }

    /// The events and resources of the XObject `name`, and whether it is an
    /// image (pdf-extract reads images as content too); `None` where
    /// pdf-extract would panic.
    fn xobject(&mut self, name: &[u8], resources: &'a Dictionary) -> Option<(Rc<Vec<Event>>, &'a Dictionary, bool)> {
        let xobjects = self.deref(resources.get(b"XObject").ok()?)?.as_dict().ok()?;
        let entry = xobjects.get(name).ok()?;
        let stream = self.deref(entry)?.as_stream().ok()?;
        let image = stream.dict.get(b"Subtype").and_then(Object::as_name).is_ok_and(|n| n == b"Image");
        let own = stream.dict.get(b"Resources").ok().and_then(|r| self.deref(r)).and_then(|r| r.as_dict().ok());
        let scan = || events(&stream_content(stream)).map(Rc::new);
        let events = match entry.as_reference() {
            Ok(id) => self.xobjects.entry(id).or_insert_with(scan).clone()?,
            Err(_) => scan()?,
        };
        Some((events, own.unwrap_or(resources), image))
    }

    fn deref(&self, object: &'a Object) -> Option<&'a Object> {
        match object {
            Object::Reference(id) => self.doc.get_object(*id).ok(),
            other => Some(other),
        }
    }

    /// The font's map, parsed once, when the font can be compacted.
    fn font_map(&mut self, id: ObjectId) -> Option<Rc<FontMap>> {
        if let Some(known) = self.fonts.get(&id) {
            return known.clone();
        }
        let map = self.read_font(id);
        self.fonts.insert(id, map.clone());
        map
    }

    fn read_font(&mut self, id: ObjectId) -> Option<Rc<FontMap>> {
        let font = self.doc.get_object(id).ok()?.as_dict().ok()?;
        let codes = code_form(self.doc, font)?;
        let stream_id = font.get(b"ToUnicode").ok()?.as_reference().ok()?;
        let to_unicode = match self.maps.get(&stream_id) {
            Some(known) => known.clone(),
            None => {
                let stream = self.doc.get_object(stream_id).ok()?.as_stream().ok()?;
                let parsed = ToUnicode::parse(&stream_content(stream)).map(Rc::new);
                self.maps.insert(stream_id, parsed.clone());
                parsed
            }
        }?;
        Some(Rc::new(FontMap { codes, to_unicode }))
    }

    /// A copy of font `id` whose `ToUnicode` maps only `codes`, one per
    /// font and set of codes; `None` when its map would cost pdf-extract
    /// no fewer tokens to read than the font's own.
    fn copy(&mut self, id: ObjectId, map: &FontMap, codes: Vec<u32>) -> Option<ObjectId> {
        let key = (id, codes);
        if let Some(&copy) = self.copies.get(&key) {
            return copy;
        }
        let (content, tokens) = self.cheapest_map(map, &key.1);
        let copy = match self.doc.get_object(id).and_then(Object::as_dict) {
            Ok(font) if tokens < map.to_unicode.tokens() => {
                let mut font = font.clone();
                let stream_id = self.add(Object::Stream(Stream::new(Dictionary::new(), content)));
                font.set("ToUnicode", Object::Reference(stream_id));
                Some(self.add(Object::Dictionary(font)))
            }
            _ => None,
        };
        self.copies.insert(key, copy);
        copy
    }

    /// A map of `codes` as `map` maps them, and what it costs pdf-extract
    /// to read (in tokens): compacted, or private-use blocks where that is
    /// allowed and cheaper (see [`PrivateUse`]).
    fn cheapest_map(&mut self, map: &FontMap, codes: &[u32]) -> (Vec<u8>, usize) {
        let compact = map.to_unicode.write(codes);
        if map.codes != Codes::TwoBytes || !self.private_use_allowed {
            return compact;
        }
        let blocks: BTreeSet<u32> = codes.iter().map(|c| c / PRIVATE_USE_BLOCK).collect();
        let cost = FIXED_TOKENS + 3 + blocks.len() * PRIVATE_USE_BLOCK_TOKENS;
        if cost >= compact.1 {
            return compact;
        }
        let ranges: Option<Vec<(u32, u32, u32)>> =
            blocks.into_iter().map(|block| self.private_use_range(&map.to_unicode, block)).collect();
        match ranges {
            Some(ranges) => (write_ranges(&ranges), cost),
            None => compact,
        }
    }

    /// `(lo, hi, first)`: the codes of `block` and the first character of
    /// its private-use block, given one if it has none yet (`None` when
    /// the planes are full).
    fn private_use_range(&mut self, map: &Rc<ToUnicode>, block: u32) -> Option<(u32, u32, u32)> {
        let key = (Rc::as_ptr(map), block);
        let index = match self.private_use_blocks.get(&key) {
            Some(&index) => index,
            None => {
                let blocks = &mut self.private_use.blocks;
                if blocks.len() >= PRIVATE_USE_BLOCKS {
                    return None;
                }
                blocks.push((Rc::clone(map), block * PRIVATE_USE_BLOCK));
                let index = (blocks.len() - 1) as u32;
                self.private_use_blocks.insert(key, index);
                index
            }
        };
        let lo = block * PRIVATE_USE_BLOCK;
        Some((lo, lo + PRIVATE_USE_BLOCK - 1, PRIVATE_USE_FIRST + index * PRIVATE_USE_BLOCK))
    }

    fn add(&mut self, object: Object) -> ObjectId {
        let id = (self.next_id, 0);
        self.next_id += 1;
        self.new_objects.push((id, object));
        id
    }
}

/// The content of a stream as pdf-extract reads it (`get_contents`):
/// decoded when its filters are known, as stored otherwise.
fn stream_content(stream: &Stream) -> Vec<u8> {
    if stream.filters().is_ok() {
        stream.decompressed_content().unwrap_or_else(|_| stream.content.clone())
    } else {
        stream.content.clone()
    }
}

/// How the font's codes key its `ToUnicode` map in pdf-extract, for the
/// fonts handled: Type0 with an `Identity` encoding, and simple fonts
/// (not Type3) whose encoding is absent or a name. A `/Differences`
/// encoding adds entries to the map in pdf-extract, so it is left alone.
fn code_form(doc: &Document, font: &Dictionary) -> Option<Codes> {
    let name = |key: &[u8]| -> Option<Option<&[u8]>> {
        match font.get(key) {
            Err(_) => Some(None),
            Ok(o) => doc.dereference(o).ok()?.1.as_name().ok().map(Some),
        }
    };
    match (name(b"Subtype")??, name(b"Encoding")?) {
        (b"Type0", Some(b"Identity-H" | b"Identity-V")) => Some(Codes::TwoBytes),
        (b"Type0" | b"Type3", _) => None,
        (_, _) => Some(Codes::OneByte),
    }
}

/// The resource dictionary pdf-extract uses for the page (its own, or the
/// nearest ancestor's), when lopdf (which the rules are read with) finds
/// the same first: a dictionary inherited directly (not through a
/// reference) is skipped by lopdf, so such a page is left alone.
fn page_resources(doc: &Document, page: ObjectId) -> Option<&Dictionary> {
    let mut node = doc.get_object(page).ok()?.as_dict().ok()?;
    for level in 0..MAX_TREE_DEPTH {
        if let Ok(entry) = node.get(b"Resources") {
            if level > 0 && entry.as_reference().is_err() {
                return None;
            }
            return doc.dereference(entry).ok()?.1.as_dict().ok();
        }
        node = doc.get_object(node.get(b"Parent").ok()?.as_reference().ok()?).ok()?.as_dict().ok()?;
    }
    None
}
