//! Font dictionaries put in the form `pdf-extract` reads right.
//!
//! A CIDFont's `/W` array gives widths in two forms: `c [w1 w2 …]` and
//! `c_first c_last w`. `pdf-extract` 0.12 reads the second form wrongly (it
//! takes `c_first` for all three numbers), so every glyph of such a font gets
//! the default width of 1000 units: the digits of `2018` then run over the
//! characters after them and a line reads `201年8度`. Before the document is
//! handed over, the second form is rewritten into the first, which it reads
//! right. Nothing else changes.

use pdf_extract::{Document, Object};

/// Widths written out per font at most (a hostile range cannot eat memory).
const MAX_WIDTHS: i64 = 70_000;

/// Rewrites every `c_first c_last w` run of every CIDFont `/W` array as
/// `c_first [w w … w]`.
pub(crate) fn normalise_cid_widths(doc: &mut Document) {
    let ids: Vec<_> = doc
        .objects
        .iter()
        .filter(|(_, o)| {
            o.as_dict().is_ok_and(|d| {
                d.get(b"Subtype").and_then(|s| s.as_name()).is_ok_and(|n| n == b"CIDFontType2" || n == b"CIDFontType0")
            })
        })
        .map(|(id, _)| *id)
        .collect();
    for id in ids {
        let w = match doc.get_dictionary(id).ok().and_then(|d| d.get(b"W").ok()) {
            Some(Object::Array(a)) => Some((None, a.clone())),
            Some(Object::Reference(r)) => {
                doc.get_object(*r).ok().and_then(|o| o.as_array().ok()).map(|a| (Some(*r), a.clone()))
            }
            _ => None,
        };
        let Some((shared, array)) = w else { continue };
        let Some(fixed) = expand_ranges(&array) else { continue };
        match shared {
            Some(r) => {
                doc.objects.insert(r, Object::Array(fixed));
            }
            None => {
                if let Ok(d) = doc.get_object_mut(id).and_then(|o| o.as_dict_mut()) {
                    d.set("W", Object::Array(fixed));
                }
            }
        }
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
    fn lists_only_and_malformed_arrays_are_left_alone() {
        assert!(expand_ranges(&[Object::Integer(1), Object::Array(vec![])]).is_none());
        assert!(expand_ranges(&[Object::Integer(1), Object::Integer(0), Object::Integer(5)]).is_none());
        assert!(expand_ranges(&[Object::Integer(1), Object::Integer(99_999_999), Object::Integer(5)]).is_none());
    }
}
