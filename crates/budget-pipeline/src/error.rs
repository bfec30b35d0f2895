//! Why an input gave no document.

/// The reason a conversion failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The input could not be read into pages: the extractor's reason
    /// (`empty file`, `encrypted PDF: …`, `PDF reader failed on page 4: …`).
    #[error(transparent)]
    Extract(budget_extract::ErrorKind),
    /// The pages were read, and none holds a budget table.
    #[error("no budget tables found in {pages} pages")]
    NoTables {
        /// The pages read.
        pages: u32,
    },
    /// A panic anywhere in the conversion, caught: a bug, with the panic's
    /// message. (The PDF reader's panics are the extractor's
    /// [`Extract`](ErrorKind::Extract) errors, naming the page.)
    #[error("internal error while converting: {0}")]
    Panic(String),
}

/// A conversion error with the input it concerns.
#[derive(Debug, thiserror::Error)]
#[error("{input}: {kind}")]
pub struct Error {
    input: String,
    kind: ErrorKind,
}

impl Error {
    /// An error about the input named `input`.
    pub fn new(input: &str, kind: ErrorKind) -> Self {
        Error { input: input.to_string(), kind }
    }

    /// The input concerned, as named to [`convert`](crate::convert).
    pub fn input(&self) -> &str {
        &self.input
    }

    /// The reason, on one line.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }
}
