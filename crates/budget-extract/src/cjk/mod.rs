//! Text in fonts with a predefined CJK CMap and no `ToUnicode` map.
//!
//! Many Chinese government PDFs show text in a Type0 font whose `/Encoding`
//! names one of Adobe's predefined CMaps (`UniGB-UTF16-H`, `UniGB-UCS2-H`,
//! `GBK-EUC-H`, …), often with a non-embedded font such as SimSun or
//! STSong-Light and no `ToUnicode` map. pdf-extract knows only `Identity-H`
//! and panics on any other name (`unsupported encoding UniGB-UTF16-H`).
//!
//! pdf-extract reads a `lopdf` document, so [`decode_predefined_cmaps`]
//! rewrites such fonts in the loaded document before it sees them, into a
//! form it reads correctly, without touching pdf-extract or the content
//! streams:
//!
//! - **codes stand for themselves**: `/Encoding` becomes an embedded CMap
//!   with the named CMap's codespace (so a string splits into 1-, 2- and
//!   4-byte codes exactly as the named CMap splits it) that maps every code
//!   to itself. pdf-extract keys widths and `ToUnicode` entries by what its
//!   encoding returns, so from here on both are keyed by the code.
//! - **`ToUnicode`** (when the font has no `ToUnicode` stream): one entry per
//!   code the document shows, the character found through the named CMap
//!   (code → CID) and Adobe's table of the collection (CID → Unicode); for
//!   the Unicode CMaps the code itself is the character. A font's own
//!   `ToUnicode` stream is kept: it is keyed by code already.
//! - **`/W`**: the widths, which the font gives by CID, are given again by
//!   code for the codes the document shows (code → CID → width), so glyph
//!   boxes keep their true size (digits are half as wide as 汉字).
//!
//! The codes shown are read from every string of the document's content
//! streams ([`scan`]), so that the maps stay small: pdf-extract re-reads a
//! font's maps on every page, and a full table of 30 000 entries per page
//! would cost more than the page itself.
//!
//! The embedded encoding CMap is written for pdf-extract 0.12.1 (and its
//! `adobe-cmap-parser` 0.4.1), which is the only reader of this rewritten
//! document (it is never saved): that parser takes a codespace bound of *n*
//! hex bytes for a code of *n*/2 bytes, reads only the first entry of a
//! `cidrange` block, and adds a range's start CID to the code instead of to
//! its offset in the range; so the bounds are written zero-padded to twice
//! their width, and a single range from CID 0 covers all codes. The
//! tests on the sample PDFs (`tests/cjk.rs`) fail if a new pdf-extract reads
//! these differently.
//!
//! Fonts referred to directly inside a resource dictionary (not through an
//! object reference) are left alone; producers write fonts as objects.

mod cmap;
mod font;
mod scan;

pub(crate) use font::decode_predefined_cmaps;
