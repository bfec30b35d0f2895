//! The limits and settings of the extractor, given to every call that
//! reads an input.

/// Limits and settings for reading PDFs (and, for the file size, text).
/// A file past a limit is refused with [`ErrorKind::Limit`](crate::ErrorKind::Limit); see the
/// `limits` module for how streams are measured.
#[derive(Debug, Clone)]
pub struct PdfOptions {
    /// Documents with more pages are refused (a hostile file cannot run
    /// forever). Default 2000.
    pub max_pages: u32,
    /// Glyphs per page beyond this many are dropped. Default 200,000.
    pub max_glyphs_per_page: usize,
    /// Larger files are refused before they are read. Default 256 MiB.
    pub max_file_bytes: u64,
    /// A compressed stream that inflates to more bytes than this, or a page
    /// whose content streams together do, is refused as a decompression
    /// bomb before anything inflates it. Default 64 MiB.
    pub max_stream_bytes: u64,
    /// Whether the fonts pdf-extract reads are made cheap to read: each
    /// page given copies of its fonts whose `ToUnicode` maps hold only the
    /// codes it shows, some mapped to private-use characters, and the codes
    /// of its two-byte fonts renumbered (the `pagefonts` and `pagetext`
    /// modules, written for pdf-extract 0.12.1). The text is the same
    /// either way, which tests check on the samples and the corpora; off,
    /// pdf-extract reads every font as the document has it (after the
    /// rewriting of predefined CJK CMaps, without which it cannot read
    /// them) and a document takes longer. For finding out whether a wrong
    /// character comes from the renumbering. Default true; the command line
    /// turns it off when `BUDGET2CSV_FONT_RENUMBERING=off`.
    pub renumber_fonts: bool,
}

impl Default for PdfOptions {
    fn default() -> Self {
        PdfOptions {
            max_pages: 2000,
            max_glyphs_per_page: 200_000,
            max_file_bytes: 256 << 20,
            max_stream_bytes: 64 << 20,
            renumber_fonts: true,
        }
    }
}
