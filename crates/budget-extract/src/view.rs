//! From PDF user space to the page as displayed.

use pdf_extract::{Document, Object, ObjectId};

/// Maps PDF user space (y up) to the displayed page (y down, `/Rotate`
/// applied), given the page's media box.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct View {
    /// `/Rotate` as 0, 90, 180 or 270.
    pub rotation: i64,
    pub llx: f64,
    pub lly: f64,
    pub urx: f64,
    pub ury: f64,
}

impl View {
    /// The view of a page: its media box and rotation, inherited through the
    /// page tree as readers do; A4 portrait when the file gives none.
    pub fn of_page(doc: &Document, page: ObjectId) -> View {
        let rotation =
            inherited(doc, page, b"Rotate").and_then(|o| o.as_i64().ok()).map_or(0, |r| r.rem_euclid(360) / 90 * 90);
        let media: Vec<f64> = inherited(doc, page, b"MediaBox")
            .and_then(|o| o.as_array().ok().map(|a| a.iter().filter_map(number).collect()))
            .unwrap_or_default();
        let [x0, y0, x1, y1] = match media.as_slice() {
            [a, b, c, d] => [*a, *b, *c, *d],
            _ => [0.0, 0.0, 595.0, 842.0],
        };
        View { rotation, llx: x0.min(x1), lly: y0.min(y1), urx: x0.max(x1), ury: y0.max(y1) }
    }

    pub fn point(&self, x: f64, y: f64) -> (f32, f32) {
        let (dx, dy) = match self.rotation {
            90 => (y - self.lly, x - self.llx),
            180 => (self.urx - x, y - self.lly),
            270 => (self.ury - y, self.urx - x),
            _ => (x - self.llx, self.ury - y),
        };
        (dx as f32, dy as f32)
    }

    pub fn size(&self) -> (f32, f32) {
        let (w, h) = ((self.urx - self.llx) as f32, (self.ury - self.lly) as f32);
        if self.rotation == 90 || self.rotation == 270 {
            (h, w)
        } else {
            (w, h)
        }
    }
}

fn number(o: &Object) -> Option<f64> {
    match o {
        Object::Integer(i) => Some(*i as f64),
        Object::Real(r) => Some(f64::from(*r)),
        Object::Reference(_) => None,
        _ => None,
    }
}

/// A page attribute, looked up through the page tree (at most 32 levels, so
/// that a cyclic tree cannot loop).
fn inherited<'a>(doc: &'a Document, page: ObjectId, key: &[u8]) -> Option<&'a Object> {
    let mut node = doc.get_dictionary(page).ok();
    for _ in 0..32 {
        let dict = node?;
        if let Ok(v) = dict.get(key) {
            return match v {
                Object::Reference(id) => doc.get_object(*id).ok(),
                other => Some(other),
            };
        }
        node = dict.get(b"Parent").and_then(|p| p.as_reference()).and_then(|id| doc.get_dictionary(id)).ok();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rotation_turns_the_page_as_displayed() {
        let v = View { rotation: 90, llx: 0.0, lly: 0.0, urx: 842.0, ury: 1191.0 };
        assert_eq!(v.size(), (1191.0, 842.0));
        // The bottom-left corner of the stored page shows top-left.
        assert_eq!(v.point(0.0, 0.0), (0.0, 0.0));
        // The top-left corner of the stored page shows top-right.
        assert_eq!(v.point(0.0, 1191.0), (1191.0, 0.0));
        let u = View { rotation: 0, ..v };
        assert_eq!(u.point(0.0, 1191.0), (0.0, 0.0));
    }
}
