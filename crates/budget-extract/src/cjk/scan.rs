//! The strings a document shows: the operands of the text-showing
//! operators of every page and form XObject.

use std::collections::HashSet;

use pdf_extract::content::Content;
use pdf_extract::{Document, Object};

/// Every distinct string shown by `Tj`, `TJ`, `'` or `"` in the page
/// contents and form XObjects of `doc`. Which font shows which string is not
/// tracked (that needs the whole graphics state): a font's codes are read
/// from all of them, a few too many rather than one missing.
pub(super) fn shown_strings(doc: &Document) -> HashSet<Vec<u8>> {
    let mut strings = HashSet::new();
    for id in doc.get_pages().into_values() {
        if let Ok(content) = doc.get_page_content(id) {
            collect(&content, &mut strings);
        }
    }
    for object in doc.objects.values() {
        if let Object::Stream(stream) = object {
            let is_form = stream.dict.get(b"Subtype").and_then(Object::as_name).is_ok_and(|n| n == b"Form");
            if is_form {
                if let Ok(content) = stream.get_plain_content() {
                    collect(&content, &mut strings);
                }
            }
        }
    }
    strings
}

fn collect(content: &[u8], strings: &mut HashSet<Vec<u8>>) {
    let Ok(content) = Content::decode(content) else { return };
    for op in content.operations {
        if matches!(op.operator.as_str(), "Tj" | "TJ" | "'" | "\"") {
            for operand in &op.operands {
                add_strings(operand, strings);
            }
        }
    }
}

fn add_strings(object: &Object, strings: &mut HashSet<Vec<u8>>) {
    match object {
        Object::String(bytes, _) if !strings.contains(bytes) => {
            strings.insert(bytes.clone());
        }
        Object::Array(items) => items.iter().for_each(|o| add_strings(o, strings)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_of_every_showing_operator_are_collected() {
        let mut strings = HashSet::new();
        collect(b"BT /F1 12 Tf (a) Tj [(b) -120 <0063>] TJ (d) ' 1 2 (e) \" (x) Td ET", &mut strings);
        let mut got: Vec<Vec<u8>> = strings.into_iter().collect();
        got.sort();
        assert_eq!(got, [b"\x00c".to_vec(), b"a".to_vec(), b"b".to_vec(), b"d".to_vec(), b"e".to_vec()]);
    }
}
