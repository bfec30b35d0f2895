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
}

impl Default for PdfOptions {
    fn default() -> Self {
        PdfOptions {
            max_pages: 2000,
            max_glyphs_per_page: 200_000,
            max_file_bytes: 256 << 20,
            max_stream_bytes: 64 << 20,
        }
    }
}
