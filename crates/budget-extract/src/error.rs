//! Errors of the extractor: each names the file and the reason.

use std::path::{Path, PathBuf};

/// Why an input could not be read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The file could not be read. The message carries the system's reason,
    /// so it is not also given as the error's source.
    #[error("cannot read file: {0}")]
    Io(std::io::Error),
    /// The file is empty.
    #[error("empty file")]
    Empty,
    /// An HTML page saved under a PDF name.
    #[error("not a PDF: an HTML page")]
    Html,
    /// Neither a PDF nor text (UTF-8, UTF-16 with its byte-order mark, or
    /// GB18030/GBK).
    #[error("not a PDF (no %PDF- header) and not text (UTF-8, UTF-16 or GBK)")]
    NotPdf,
    /// The PDF is encrypted and cannot be opened without a password.
    #[error("encrypted PDF: {0}")]
    Encrypted(String),
    /// The PDF ends without its end-of-file marker and cannot be read: a
    /// download cut short.
    #[error("truncated PDF: the file ends before its end-of-file marker (download cut short?)")]
    Truncated,
    /// The PDF structure is broken beyond what the reader repairs.
    #[error("unreadable PDF: {0}")]
    Unreadable(String),
    /// Pages without any text (`page 1`, `pages 1–210`): a scan or an
    /// image-only PDF.
    #[error("no text layer on {0} (scanned?)")]
    NoTextLayer(String),
    /// The PDF reader failed on a page.
    #[error("PDF reader failed on page {page}: {message}")]
    Page {
        /// 1-based page.
        page: u32,
        /// The reader's message.
        message: String,
    },
    /// A limit protecting the machine was reached.
    #[error(transparent)]
    Limit(Limit),
}

/// Which limit a file ran into (the limits are fields of
/// [`PdfOptions`](crate::PdfOptions)).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Limit {
    /// The file is larger than the largest file read.
    #[error("file too large: {} (the limit is {})", mib(*bytes), mib(*max))]
    FileSize {
        /// Size of the file.
        bytes: u64,
        /// The limit.
        max: u64,
    },
    /// The document has more pages than are read.
    #[error("too many pages: {pages} (the limit is {max})")]
    Pages {
        /// Pages of the document.
        pages: usize,
        /// The limit.
        max: u32,
    },
    /// Form XObjects drawn within each other deeper than the limit: a form
    /// that draws itself.
    #[error("form XObjects nested more than {max} deep on page {page} (a form that draws itself?)")]
    FormNesting {
        /// 1-based page.
        page: u32,
        /// The limit.
        max: usize,
    },
    /// A compressed stream inflates past the limit: a decompression bomb.
    #[error("decompression bomb refused: {what} inflates past the {} limit", mib(*max))]
    Inflated {
        /// The stream: `object 12 0`, `the content of page 3`, …
        what: String,
        /// The limit, in bytes.
        max: u64,
    },
}

/// Bytes in MiB, without decimals when whole: `64 MiB`, `300.5 MiB`.
fn mib(bytes: u64) -> String {
    const MIB: u64 = 1 << 20;
    if bytes.is_multiple_of(MIB) {
        format!("{} MiB", bytes / MIB)
    } else {
        format!("{:.1} MiB", bytes as f64 / MIB as f64)
    }
}

/// A reader's message on one line: names from the file can hold any byte.
pub(crate) fn one_line(message: &str) -> String {
    message.chars().map(|c| if c.is_control() { ' ' } else { c }).collect()
}

/// An extraction error with the file it concerns.
#[derive(Debug, thiserror::Error)]
#[error("{}: {kind}", path.display())]
pub struct Error {
    path: PathBuf,
    kind: ErrorKind,
}

impl Error {
    /// An error about `path`.
    pub fn new(path: &Path, kind: ErrorKind) -> Self {
        Error { path: path.to_path_buf(), kind }
    }

    /// The file concerned.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The reason.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_read_as_one_line_naming_the_limit() {
        let cases = [
            (Limit::FileSize { bytes: 601 << 19, max: 256 << 20 }, "file too large: 300.5 MiB (the limit is 256 MiB)"),
            (Limit::Pages { pages: 100_000, max: 2000 }, "too many pages: 100000 (the limit is 2000)"),
            (
                Limit::Inflated { what: "the content of page 3".into(), max: 64 << 20 },
                "decompression bomb refused: the content of page 3 inflates past the 64 MiB limit",
            ),
        ];
        for (limit, line) in cases {
            assert_eq!(ErrorKind::Limit(limit).to_string(), line);
        }
    }

    #[test]
    fn reader_messages_are_kept_on_one_line() {
        assert_eq!(one_line("unknown font F\n1\r\t"), "unknown font F 1  ");
    }
}
