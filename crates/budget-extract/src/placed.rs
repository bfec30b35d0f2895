//! Text of form XObjects at the place the page draws it.
//!
//! pdf-extract reads a form's content (`/Fm1 Do`) with a graphics state of
//! its own, starting from the identity: the `cm`s in effect where the page
//! draws the form, and the form's `/Matrix`, are lost. A page that draws its
//! whole content as one form moved into place (`q 1 0 0 1 72.02 -76.54 cm
//! /Fm1 Do Q`, as PDFium writes) then has its text an inch away from its
//! rules, and every ruled table comes out cut through its words.
//!
//! While pdf-extract reads the page, each form it draws is given instead a
//! copy of its content that first sets that matrix (`q a b c d e f cm … Q`),
//! and put back afterwards ([`Placed::restore`]). A form drawn at two
//! different places on one page is left as it is: one content cannot say
//! both.

use std::collections::BTreeMap;

use pdf_extract::{Document, Object, ObjectId, Stream};

use crate::paths::Matrix;

/// The forms of a page as they were, set aside while pdf-extract reads it.
#[derive(Debug, Default)]
pub(crate) struct Placed {
    originals: Vec<(ObjectId, Object)>,
}

impl Placed {
    /// Gives each form of `forms` (from [`crate::paths::Drawing`]) that is
    /// drawn somewhere else than at the identity, and at one place only, a
    /// content that draws it there.
    pub(crate) fn new(doc: &mut Document, forms: &[(ObjectId, Matrix)]) -> Placed {
        // Each form's one place, or `None` where it is drawn at two.
        let mut places: BTreeMap<ObjectId, Option<Matrix>> = BTreeMap::new();
        for &(id, matrix) in forms {
            places.entry(id).and_modify(|p| *p = p.filter(|m| close(m, &matrix))).or_insert(Some(matrix));
        }
        let mut placed = Placed::default();
        for (id, matrix) in places {
            let Some(matrix) = matrix.filter(|m| !close(m, &Matrix::IDENTITY)) else { continue };
            let Some(original) = doc.objects.get(&id).cloned() else { continue };
            let Some(moved) = moved(&original, &matrix) else { continue };
            doc.objects.insert(id, Object::Stream(moved));
            placed.originals.push((id, original));
        }
        placed
    }

    /// Puts the forms back as they were.
    pub(crate) fn restore(self, doc: &mut Document) {
        for (id, original) in self.originals {
            doc.objects.insert(id, original);
        }
    }
}

/// Matrices equal to a thousandth of a point.
fn close(a: &Matrix, b: &Matrix) -> bool {
    a.0.iter().zip(&b.0).all(|(x, y)| (x - y).abs() < 1e-3)
}

/// The form's content, uncompressed, wrapped in `q … cm` / `Q`.
fn moved(original: &Object, matrix: &Matrix) -> Option<Stream> {
    let stream = original.as_stream().ok()?;
    let content = match stream.dict.get(b"Filter") {
        Ok(_) => stream.decompressed_content().ok()?,
        Err(_) => stream.content.clone(),
    };
    let [a, b, c, d, e, f] = matrix.0;
    let mut text = format!("q {a} {b} {c} {d} {e} {f} cm\n").into_bytes();
    text.extend_from_slice(&content);
    text.extend_from_slice(b"\nQ\n");
    let mut dict = stream.dict.clone();
    dict.remove(b"Filter");
    dict.remove(b"DecodeParms");
    Some(Stream::new(dict, text))
}

#[cfg(test)]
mod tests {
    use pdf_extract::{Dictionary, Object, Stream};

    use super::*;

    fn form(content: &[u8]) -> Object {
        let mut dict = Dictionary::new();
        dict.set("Subtype", Object::Name(b"Form".to_vec()));
        Object::Stream(Stream::new(dict, content.to_vec()))
    }

    fn content_of(doc: &Document, id: ObjectId) -> Vec<u8> {
        doc.get_object(id).and_then(|o| o.as_stream()).map(|s| s.content.clone()).unwrap_or_default()
    }

    #[test]
    fn a_form_moved_into_place_reads_its_text_there_and_is_put_back() {
        let mut doc = Document::new();
        let id = doc.add_object(form(b"BT (a) Tj ET"));
        let shift = Matrix([1.0, 0.0, 0.0, 1.0, 72.02, -76.54]);
        let placed = Placed::new(&mut doc, &[(id, shift)]);
        let moved = String::from_utf8(content_of(&doc, id)).unwrap_or_default();
        assert_eq!(moved, "q 1 0 0 1 72.02 -76.54 cm\nBT (a) Tj ET\nQ\n");
        placed.restore(&mut doc);
        assert_eq!(content_of(&doc, id), b"BT (a) Tj ET");
    }

    #[test]
    fn a_form_at_the_identity_or_at_two_places_stays_as_it_is() {
        let mut doc = Document::new();
        let id = doc.add_object(form(b"BT (a) Tj ET"));
        let here = Matrix([1.0, 0.0, 0.0, 1.0, 10.0, 0.0]);
        let there = Matrix([1.0, 0.0, 0.0, 1.0, 300.0, 0.0]);
        for forms in [vec![(id, Matrix::IDENTITY)], vec![(id, here), (id, there)]] {
            let placed = Placed::new(&mut doc, &forms);
            assert_eq!(content_of(&doc, id), b"BT (a) Tj ET");
            placed.restore(&mut doc);
        }
    }
}
