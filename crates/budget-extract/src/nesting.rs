//! Nesting that `pdf-extract` follows without a bound, made safe before it
//! reads a page.
//!
//! `pdf-extract` recurses through two structures with no depth limit and no
//! cycle check, so that a hostile file overflows the stack, which aborts the
//! whole process (no `catch_unwind` stops it):
//!
//! - the page tree, when it looks up an inherited `/Resources` or
//!   `/MediaBox` through `/Parent`: [`pin_inherited`] copies both onto every
//!   page (found through at most [`MAX_TREE_DEPTH`] parents), so the lookup
//!   ends at the page;
//! - form XObjects drawn inside form XObjects (`/Fm1 Do`), which a form that
//!   draws itself repeats forever: [`check_forms`] follows the `Do`s of a
//!   page as `pdf-extract` will, and refuses a page whose forms nest deeper
//!   than [`MAX_FORM_DEPTH`].

use std::collections::HashSet;

use pdf_extract::{Dictionary, Document, Object, ObjectId};

use crate::error::{ErrorKind, Limit};

/// Parents followed at most when looking up an inherited page attribute.
pub(crate) const MAX_TREE_DEPTH: usize = 32;
/// Form XObjects drawn within each other at most (real files use two or three).
pub(crate) const MAX_FORM_DEPTH: usize = 32;

/// Copies the inherited `/Resources` and `/MediaBox` onto every page that
/// does not have its own; a page that inherits none gets empty resources
/// and an A4 media box (as the `view` module assumes).
pub(crate) fn pin_inherited(doc: &mut Document) {
    let a4 = || Object::Array(vec![0.into(), 0.into(), 595.into(), 842.into()]);
    let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
    for page in pages {
        for key in [&b"Resources"[..], b"MediaBox"] {
            if doc.get_dictionary(page).is_ok_and(|d| d.has(key)) {
                continue;
            }
            let value = match inherited(doc, page, key) {
                Some(value) => value.clone(),
                None if key == b"MediaBox" => a4(),
                None => Object::Dictionary(Dictionary::new()),
            };
            if let Ok(d) = doc.get_dictionary_mut(page) {
                d.set(key, value);
            }
        }
    }
}

/// A page attribute from the nearest ancestor that has it (the page itself
/// excluded), as an object or a reference to one.
fn inherited<'a>(doc: &'a Document, page: ObjectId, key: &[u8]) -> Option<&'a Object> {
    let mut node = doc.get_dictionary(page).ok()?;
    for _ in 0..MAX_TREE_DEPTH {
        node = node.get(b"Parent").and_then(Object::as_reference).and_then(|id| doc.get_dictionary(id)).ok()?;
        if let Ok(value) = node.get(key) {
            return Some(value);
        }
    }
    None
}

/// Follows the form XObjects a page draws, as `pdf-extract` will (a form
/// without `/Resources` uses those of whatever draws it), and refuses the
/// page when they nest deeper than [`MAX_FORM_DEPTH`].
/// `content` is the page's content (`Document::get_page_content`).
pub(crate) fn check_forms(doc: &Document, page: ObjectId, number: u32, content: &[u8]) -> Result<(), ErrorKind> {
    let Some(resources) = doc.get_dictionary(page).ok().and_then(|d| deref_dict(doc, d.get(b"Resources").ok())) else {
        return Ok(());
    };
    if !resources.has(b"XObject") {
        return Ok(());
    }
    let mut walk = Walk { doc, done: HashSet::new() };
    if walk.draws(content, resources, 0) {
        Ok(())
    } else {
        Err(ErrorKind::Limit(Limit::FormNesting { page: number, max: MAX_FORM_DEPTH }))
    }
}

struct Walk<'a> {
    doc: &'a Document,
    /// Forms followed to the end, with the resources they were drawn with.
    done: HashSet<(ObjectId, *const Dictionary)>,
}

impl<'a> Walk<'a> {
    /// False when the forms drawn by `content` nest too deep.
    fn draws(&mut self, content: &[u8], resources: &'a Dictionary, depth: usize) -> bool {
        let Some(xobjects) = deref_dict(self.doc, resources.get(b"XObject").ok()) else { return true };
        for name in do_names(content) {
            let Ok(&Object::Reference(id)) = xobjects.get(name) else { continue };
            let Ok(stream) = self.doc.get_object(id).and_then(Object::as_stream) else { continue };
            if !stream.dict.get(b"Subtype").and_then(Object::as_name).is_ok_and(|n| n == b"Form") {
                continue;
            }
            if depth + 1 > MAX_FORM_DEPTH {
                return false;
            }
            let own = deref_dict(self.doc, stream.dict.get(b"Resources").ok()).unwrap_or(resources);
            let key = (id, own as *const Dictionary);
            if self.done.contains(&key) {
                continue;
            }
            let inner = stream.decompressed_content().unwrap_or_else(|_| stream.content.clone());
            if !self.draws(&inner, own, depth + 1) {
                return false;
            }
            // Marked only once followed to the end: a form that draws
            // itself is still being followed when it is drawn again, and
            // runs into the depth limit.
            self.done.insert(key);
        }
        true
    }
}

fn deref_dict<'a>(doc: &'a Document, o: Option<&'a Object>) -> Option<&'a Dictionary> {
    match o? {
        Object::Dictionary(d) => Some(d),
        Object::Reference(id) => doc.get_dictionary(*id).ok(),
        _ => None,
    }
}

/// The names drawn by `Do` in a content stream (`/Fm1 Do` → `Fm1`), found by
/// a scan that does not parse the stream: a `Do` token preceded by a name.
fn do_names(content: &[u8]) -> Vec<&[u8]> {
    let is_delim = |b: u8| b.is_ascii_whitespace() || b"()<>[]{}/%".contains(&b);
    let mut names = Vec::new();
    let mut from = 0;
    while let Some(at) = content[from..].windows(2).position(|w| w == b"Do").map(|i| i + from) {
        from = at + 2;
        if content.get(at + 2).is_some_and(|&b| !is_delim(b)) {
            continue;
        }
        let before = &content[..at];
        let end = before.len() - before.iter().rev().take_while(|b| b.is_ascii_whitespace()).count();
        if end == before.len() {
            continue;
        }
        let start = end - before[..end].iter().rev().take_while(|&&b| !is_delim(b)).count();
        if start > 0 && before[start - 1] == b'/' {
            names.push(&before[start..end]);
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn do_names_are_the_names_before_do() {
        let names = do_names(b"q 1 0 0 1 0 0 cm /Fm1 Do Q /Im2\nDo /X Dot (Do) /Y  Do");
        assert_eq!(names, vec![&b"Fm1"[..], b"Im2", b"Y"]);
        assert!(do_names(b"Do").is_empty());
    }
}
