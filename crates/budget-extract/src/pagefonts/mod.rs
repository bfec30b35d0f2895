//! Fonts as pdf-extract builds them on every page, made cheap to build.
//!
//! pdf-extract 0.12.1 builds every font of a page anew on each page
//! (`output_doc_inner` clears its font table). Two parts of that cost more
//! than the page itself, and [`lighten`] removes both without changing
//! what it outputs:
//!
//! - it inflates a simple TrueType font's embedded program and throws it
//!   away: the program is removed ([`programs`]);
//! - it reads the font's whole `ToUnicode` map with `adobe-cmap-parser`,
//!   whose lexer costs microseconds per token. The fonts of budget PDFs are
//!   subsets whose maps hold exactly the characters of the whole document
//!   (a few hundred to a few thousand entries), though a page shows only a
//!   part of them: each page gets its own copies of its fonts with maps of
//!   the codes it shows ([`pages`], below), but for its two-byte fonts
//!   where every string's font is known from the page's own content (no
//!   form drawn, no string before a font), which `pagetext` renumbers
//!   instead; where a page shows many codes of a Type0 font that lie close
//!   together, the copy maps each block of 128 codes to private-use
//!   characters with one range entry, which the output device turns back
//!   into the map's text ([`PrivateUse`]).
//!
//! For the maps, the page's content (and the form XObjects it draws,
//! followed as pdf-extract follows them) is read for the strings shown and
//! the font name (`Tf`) in force for each, through `q`/`Q` as pdf-extract
//! keeps them; a string shown where the font is not known is counted for
//! every font of the page, and a form's strings for the names it selects
//! (it shares pdf-extract's per-page font cache by name). Each map is
//! parsed once per document by a parser that reads it the way
//! pdf-extract's does ([`cmap`]), and written back with the codes shown,
//! with the same destinations, when that is cheaper to read. The page gets
//! a `/Resources` dictionary of its own, equal to the one pdf-extract
//! finds for it but for `/Font`, where each compacted font is replaced by
//! its copy. The font objects themselves, and the dictionaries of other
//! pages and of forms, are not changed.
//!
//! Only what is certain is rewritten: fonts whose codes are read as
//! pdf-extract reads them (Type0 with `Identity-H`/`-V`: two bytes; simple
//! fonts without a `/Differences` encoding: one byte) and whose map the
//! parser reads with certainty; pages whose content and forms can be
//! followed, and whose resources are found the same way by pdf-extract and
//! by lopdf (which reads the rules, see `paths`). Everything else is left
//! as it was.

use pdf_extract::Document;

mod cmap;
mod pages;
mod programs;

pub(crate) use cmap::{write_ranges, ToUnicode};
pub(crate) use pages::PrivateUse;

/// Removes what pdf-extract reads on every page in vain: unread font
/// programs, and the codes of `ToUnicode` maps a page does not show
/// (module docs).
///
/// Returns what the private-use characters some maps now give stand for
/// ([`PrivateUse`]); the output device turns them back.
pub(crate) fn lighten(doc: &mut Document) -> PrivateUse {
    programs::drop_unread(doc);
    pages::compact_per_page(doc)
}

#[cfg(test)]
mod tests;
