//! Opening a PDF: loaded, decrypted, its cross-reference table rebuilt
//! when it leads nowhere, its streams measured against the limits and its
//! fonts put in the form pdf-extract reads right.

use pdf_extract::Document;

use crate::error::{one_line, ErrorKind, Limit};
use crate::guard::catch_quietly;
use crate::limits::{self, Sizes};
use crate::options::PdfOptions;
use crate::pagefonts::PrivateUse;
use crate::repair;

const NO_PAGE_TREE: &str =
    "no page tree (the cross-reference table leads nowhere and no catalog was found to rebuild it)";

/// Loads and decrypts the document (rebuilding a cross-reference table
/// that leads nowhere), measures its streams against the limits and puts
/// its fonts in the form pdf-extract reads right.
pub(crate) fn load(bytes: &[u8], options: &PdfOptions) -> Result<(Document, Sizes, PrivateUse), ErrorKind> {
    limits::check_raw(bytes, options)?;
    let mut doc = match open(bytes) {
        Ok(doc) if has_page_tree(&doc) => doc,
        Err(e @ ErrorKind::Encrypted(_)) => return Err(e),
        _ if !repair::has_eof_marker(bytes) => return Err(ErrorKind::Truncated),
        first => match repair::rebuild(bytes).map(|rebuilt| open(&rebuilt)) {
            Some(Ok(doc)) if has_page_tree(&doc) => doc,
            _ => return Err(first.err().unwrap_or_else(|| ErrorKind::Unreadable(NO_PAGE_TREE.into()))),
        },
    };
    // Before anything reads every page.
    let pages = doc.get_pages().len();
    if pages as u64 > u64::from(options.max_pages) {
        return Err(ErrorKind::Limit(Limit::Pages { pages, max: options.max_pages }));
    }
    let sizes = limits::check_streams(&mut doc, options)?;
    crate::fonts::normalise_cid_widths(&mut doc);
    crate::cjk::decode_predefined_cmaps(&mut doc);
    let private_use = match options.renumber_fonts {
        true => crate::pagefonts::lighten(&mut doc),
        // Fonts as the document has them; with no two-byte maps and no
        // private-use characters allowed, `pagetext` renumbers nothing either.
        false => PrivateUse::default(),
    };
    Ok((doc, sizes, private_use))
}

/// Parses the file and decrypts it with the empty user password, as
/// readers open a file protected by an owner password only.
fn open(bytes: &[u8]) -> Result<Document, ErrorKind> {
    let mut doc = match catch_quietly(|| Document::load_mem(bytes)) {
        Ok(Ok(doc)) => doc,
        Ok(Err(e)) => return Err(load_error(e)),
        Err(panic) => return Err(ErrorKind::Unreadable(one_line(&panic))),
    };
    if doc.is_encrypted() {
        match catch_quietly(|| doc.decrypt("")) {
            Ok(Ok(())) => {}
            Ok(Err(_)) | Err(_) => return Err(ErrorKind::Encrypted("a password is required to open it".into())),
        }
    }
    Ok(doc)
}

/// True when the catalog leads to a page tree (checked without walking it).
fn has_page_tree(doc: &Document) -> bool {
    doc.catalog()
        .and_then(|c| c.get(b"Pages"))
        .and_then(|p| doc.dereference(p))
        .and_then(|(_, pages)| pages.as_dict())
        .is_ok()
}

fn load_error(e: pdf_extract::Error) -> ErrorKind {
    let message = one_line(&e.to_string());
    let lower = message.to_ascii_lowercase();
    if lower.contains("decrypt") || lower.contains("password") || lower.contains("encrypt") {
        ErrorKind::Encrypted(message)
    } else {
        ErrorKind::Unreadable(message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::project_pdfs;

    #[test]
    fn fonts_are_left_as_they_are_without_renumbering() {
        let samples = project_pdfs();
        let off = PdfOptions { renumber_fonts: false, ..PdfOptions::default() };
        let mut copied = 0;
        for file in &samples {
            let bytes = std::fs::read(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
            let (renumbered, _, _) = load(&bytes, &PdfOptions::default()).expect("a sample");
            let (as_it_is, _, private_use) = load(&bytes, &off).expect("a sample");
            assert!(private_use.is_empty() && private_use.two_byte.is_empty() && !private_use.allowed);
            assert!(as_it_is.objects.len() <= renumbered.objects.len(), "{}", file.display());
            copied += renumbered.objects.len() - as_it_is.objects.len();
        }
        assert!(copied > 0, "no PDF had its fonts copied for its pages");
    }
}
