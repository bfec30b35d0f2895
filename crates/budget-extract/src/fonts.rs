//! Font dictionaries put in the form `pdf-extract` reads right.
//!
//! A CIDFont's `/W` array gives widths in two forms: `c [w1 w2 …]` and
//! `c_first c_last w`. `pdf-extract` 0.12 reads the second form wrongly (it
//! takes `c_first` for all three numbers), so every glyph of such a font gets
//! the default width of 1000 units: the digits of `2018` then run over the
//! characters after them and a line reads `201年8度`. Before the document is
//! handed over, the second form is rewritten into the first, which it reads
//! right. Nothing else changes.

use pdf_extract::{Document, Object, ObjectId};

/// Widths written out per font at most (a hostile range cannot eat memory).
const MAX_WIDTHS: i64 = 70_000;

/// Rewrites every `c_first c_last w` run of every CIDFont `/W` array as
/// `c_first [w w … w]`: CIDFonts that are objects of their own, and those
/// written inline in a Type0 font's `/DescendantFonts` (`/DescendantFonts
/// [ << /Subtype /CIDFontType2 … /W 9 0 R >> ]`, as some Office exports do).
pub(crate) fn normalise_cid_widths(doc: &mut Document) {
    let mut cid_fonts = Vec::new();
    let mut inline = Vec::new();
    for (id, o) in &doc.objects {
        let Ok(d) = o.as_dict() else { continue };
        match d.get(b"Subtype").and_then(|s| s.as_name()) {
            Ok(b"CIDFontType2" | b"CIDFontType0") => cid_fonts.push(*id),
            Ok(b"Type0") if matches!(d.get(b"DescendantFonts"), Ok(Object::Array(a)) if a.iter().any(|f| f.as_dict().is_ok())) => {
                inline.push(*id)
            }
            _ => {}
        }
    }
    for id in cid_fonts {
        let w = doc.get_dictionary(id).ok().and_then(|d| d.get(b"W").ok()).cloned();
        fix_widths(doc, id, None, w);
    }
    for id in inline {
        let Some(Object::Array(descendants)) = doc.get_dictionary(id).ok().and_then(|d| d.get(b"DescendantFonts").ok())
        else {
            continue;
        };
        let ws: Vec<(usize, Option<Object>)> = descendants
            .iter()
            .enumerate()
            .filter_map(|(k, f)| Some((k, f.as_dict().ok()?.get(b"W").ok().cloned())))
            .collect();
        for (k, w) in ws {
            fix_widths(doc, id, Some(k), w);
        }
    }
}

/// Rewrites the `/W` array `w` of a CIDFont: in the object it refers to,
/// or in the font itself (object `font`, or its inline descendant `inline`).
fn fix_widths(doc: &mut Document, font: ObjectId, inline: Option<usize>, w: Option<Object>) {
    let (shared, array) = match w {
        Some(Object::Array(a)) => (None, a),
        Some(Object::Reference(r)) => match doc.get_object(r).ok().and_then(|o| o.as_array().ok()) {
            Some(a) => (Some(r), a.clone()),
            None => return,
        },
        _ => return,
    };
    let Some(fixed) = expand_ranges(&array) else { return };
    if let Some(r) = shared {
        doc.objects.insert(r, Object::Array(fixed));
        return;
    }
    let Ok(d) = doc.get_object_mut(font).and_then(|o| o.as_dict_mut()) else { return };
    let target = match inline {
        None => Some(d),
        Some(k) => match d.get_mut(b"DescendantFonts") {
            Ok(Object::Array(a)) => a.get_mut(k).and_then(|f| f.as_dict_mut().ok()),
            _ => None,
        },
    };
    if let Some(t) = target {
        t.set("W", Object::Array(fixed));
    }
}

fn int(o: &Object) -> Option<i64> {
    match o {
        Object::Integer(i) => Some(*i),
        Object::Real(r) => Some(*r as i64),
        _ => None,
    }
}

/// The `/W` array with every range run expanded; `None` when it has none
/// (nothing to change) or is malformed (left as it is).
fn expand_ranges(w: &[Object]) -> Option<Vec<Object>> {
    let mut out = Vec::with_capacity(w.len());
    let mut changed = false;
    let mut written = 0i64;
    let mut i = 0;
    while i < w.len() {
        let first = int(&w[i])?;
        match w.get(i + 1)? {
            Object::Array(a) => {
                out.push(Object::Integer(first));
                out.push(Object::Array(a.clone()));
                i += 2;
            }
            last => {
                let last = int(last)?;
                let width = w.get(i + 2)?.clone();
                let n = last - first + 1;
                written += n.max(0);
                if n < 1 || written > MAX_WIDTHS {
                    return None;
                }
                out.push(Object::Integer(first));
                out.push(Object::Array(vec![width; n as usize]));
                changed = true;
                i += 3;
            }
        }
    }
    changed.then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn range_runs_become_lists() {
        let w = vec![
            Object::Integer(1),
            Object::Integer(4),
            Object::Integer(500),
            Object::Integer(12),
            Object::Array(vec![Object::Integer(277)]),
        ];
        let fixed = expand_ranges(&w).unwrap();
        assert_eq!(fixed.len(), 4);
        assert_eq!(fixed[1], Object::Array(vec![Object::Integer(500); 4]));
        assert_eq!(fixed[3], Object::Array(vec![Object::Integer(277)]));
    }

    #[test]
    fn a_cid_font_written_inside_its_type0_font_has_its_ranges_expanded() {
        use pdf_extract::Dictionary;
        let mut doc = Document::new();
        let w = doc.add_object(Object::Array(vec![Object::Integer(3), Object::Integer(4), Object::Integer(500)]));
        let mut cid = Dictionary::new();
        cid.set("Subtype", Object::Name(b"CIDFontType2".to_vec()));
        cid.set("W", Object::Reference(w));
        let mut font = Dictionary::new();
        font.set("Subtype", Object::Name(b"Type0".to_vec()));
        font.set("DescendantFonts", Object::Array(vec![Object::Dictionary(cid)]));
        doc.add_object(Object::Dictionary(font));
        normalise_cid_widths(&mut doc);
        let expanded = doc.get_object(w).and_then(|o| o.as_array()).cloned().unwrap_or_default();
        assert_eq!(expanded, [Object::Integer(3), Object::Array(vec![Object::Integer(500); 2])]);
    }

    #[test]
    fn lists_only_and_malformed_arrays_are_left_alone() {
        assert!(expand_ranges(&[Object::Integer(1), Object::Array(vec![])]).is_none());
        assert!(expand_ranges(&[Object::Integer(1), Object::Integer(0), Object::Integer(5)]).is_none());
        assert!(expand_ranges(&[Object::Integer(1), Object::Integer(99_999_999), Object::Integer(5)]).is_none());
    }
}
