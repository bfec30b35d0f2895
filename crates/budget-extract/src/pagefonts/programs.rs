//! TrueType font programs that pdf-extract inflates and throws away.
//!
//! pdf-extract 0.12.1, building a simple TrueType font (on every page that
//! uses it), inflates the font's embedded program (`/FontFile2` of its
//! descriptor) and never looks at the result. A Chinese font program is
//! hundreds of kilobytes: this was a seventh of the time on documents with
//! such fonts. [`drop_unread`] removes `/FontFile2` from the descriptors of
//! simple TrueType fonts, where pdf-extract reads nothing else from it.
//! Only a program that is there (a stream) is removed: pdf-extract panics
//! on a reference to a missing object, and still does.

use pdf_extract::{Document, Object, ObjectId};

/// Removes the `/FontFile2` stream from the descriptor of every simple
/// TrueType font (module docs).
pub(crate) fn drop_unread(doc: &mut Document) {
    let descriptors: Vec<Descriptor> = doc.objects.iter().filter_map(|(&id, o)| unread_program(doc, id, o)).collect();
    for descriptor in descriptors {
        let dict = match descriptor {
            Descriptor::Object(id) => doc.get_object_mut(id).and_then(Object::as_dict_mut),
            Descriptor::InFont(id) => doc
                .get_object_mut(id)
                .and_then(Object::as_dict_mut)
                .and_then(|font| font.get_mut(b"FontDescriptor"))
                .and_then(Object::as_dict_mut),
        };
        if let Ok(dict) = dict {
            dict.remove(b"FontFile2");
        }
    }
}

/// Where a font's descriptor is.
enum Descriptor {
    /// An object of its own.
    Object(ObjectId),
    /// Written inside the font dictionary `id`.
    InFont(ObjectId),
}

/// The descriptor of `object` when it is a simple TrueType font whose
/// descriptor has a `/FontFile2` stream.
fn unread_program(doc: &Document, id: ObjectId, object: &Object) -> Option<Descriptor> {
    let font = object.as_dict().ok()?;
    let is = |key: &[u8], value: &[u8]| {
        let entry = font.get(key).and_then(|o| doc.dereference(o));
        entry.is_ok_and(|(_, o)| o.as_name().is_ok_and(|n| n == value))
    };
    if !is(b"Type", b"Font") || !is(b"Subtype", b"TrueType") {
        return None;
    }
    let entry = font.get(b"FontDescriptor").ok()?;
    let (descriptor_id, descriptor) = doc.dereference(entry).ok()?;
    let program = descriptor.as_dict().ok()?.get(b"FontFile2").ok()?;
    doc.dereference(program).ok()?.1.as_stream().ok()?;
    Some(match (entry, descriptor_id) {
        (Object::Reference(_), Some(descriptor_id)) => Descriptor::Object(descriptor_id),
        _ => Descriptor::InFont(id),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use pdf_extract::{Dictionary, Stream};

    fn font(doc: &mut Document, subtype: &str, program: Object) -> (ObjectId, ObjectId) {
        let mut descriptor = Dictionary::new();
        descriptor.set("Type", Object::Name(b"FontDescriptor".to_vec()));
        descriptor.set("FontFile2", program);
        let descriptor = doc.add_object(descriptor);
        let mut font = Dictionary::new();
        font.set("Type", Object::Name(b"Font".to_vec()));
        font.set("Subtype", Object::Name(subtype.as_bytes().to_vec()));
        font.set("FontDescriptor", Object::Reference(descriptor));
        (doc.add_object(font), descriptor)
    }

    fn has_program(doc: &Document, descriptor: ObjectId) -> bool {
        doc.get_dictionary(descriptor).is_ok_and(|d| d.has(b"FontFile2"))
    }

    #[test]
    fn only_programs_of_simple_truetype_fonts_that_exist_are_dropped() {
        let mut doc = Document::with_version("1.5");
        let program = Object::Reference(doc.add_object(Stream::new(Dictionary::new(), vec![0; 16])));
        let (_, truetype) = font(&mut doc, "TrueType", program.clone());
        let (_, cid) = font(&mut doc, "CIDFontType2", program);
        let (_, missing) = font(&mut doc, "TrueType", Object::Reference((999, 0)));
        drop_unread(&mut doc);
        assert!(!has_program(&doc, truetype));
        assert!(has_program(&doc, cid), "pdf-extract reads no program of a CIDFont");
        assert!(has_program(&doc, missing), "a missing object still panics pdf-extract");
    }
}
