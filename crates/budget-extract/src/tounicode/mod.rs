//! `ToUnicode` maps cut down, per page, to the codes the page shows.
//!
//! pdf-extract 0.12.1 builds every font of a page anew on each page
//! (`output_doc_inner` clears its font table) and reads the font's whole
//! `ToUnicode` map each time with `adobe-cmap-parser`, whose lexer costs
//! microseconds per token. The fonts of budget PDFs are subsets whose maps
//! hold exactly the characters of the whole document (a few hundred to a
//! few thousand entries): reading them on every page was half the time of a
//! conversion, though a page shows only a part of them.
//!
//! [`compact_per_page`] therefore gives each page its own copy of each of
//! its fonts, whose `ToUnicode` map holds only the codes the page shows in
//! that font, with the same destinations, so pdf-extract decodes every
//! string exactly as before:
//!
//! - the page's content (and the form XObjects it draws, followed as
//!   pdf-extract follows them) is read for the strings shown and the font
//!   name (`Tf`) in force for each, through `q`/`Q` as pdf-extract keeps
//!   them; a string shown where the font is not known is counted for every
//!   font of the page, and a form's strings for the names it selects (it
//!   shares pdf-extract's per-page font cache by name);
//! - the map is parsed once per document by a parser that reads it the way
//!   pdf-extract's does ([`cmap`]), and written back with the codes shown;
//! - the page gets a `/Resources` dictionary of its own, equal to the one
//!   pdf-extract finds for it but for `/Font`, where each compacted font is
//!   replaced by its copy. The font objects themselves, and the dictionaries
//!   of other pages and of forms, are not changed.
//!
//! Only what is certain is rewritten: fonts whose codes are read as
//! pdf-extract reads them (Type0 with `Identity-H`/`-V`: two bytes; simple
//! fonts without a `/Differences` encoding: one byte) and whose map the
//! parser reads with certainty; pages whose content and forms can be
//! followed, and whose resources are found the same way by pdf-extract and
//! by lopdf (which reads the rules, see `paths`). Everything else is left
//! as it was.

mod cmap;
mod pages;

pub(crate) use pages::compact_per_page;

#[cfg(test)]
mod tests;
