//! Prints the text pdf-extract's own `extract_text` gives for a PDF, with a
//! form feed (`\f`) where each page begins: the true page breaks of a text
//! the plaintext example makes, for measuring how the text path paginates
//! (remove the form feeds and the text is the plaintext example's, byte for
//! byte). Never commit texts of documents the project does not own.
//!
//! ```sh
//! cargo run --release --example pagemark -p budget-extract -- FILE.pdf > FILE.marked.txt
//! ```

use std::cell::RefCell;
use std::io::Write;
use std::rc::Rc;

use pdf_extract::{output_doc, MediaBox, OutputDev, OutputError, PlainTextOutput, Transform};

/// The text written so far, shared by the writer and the page marker.
#[derive(Clone, Default)]
struct Buffer(Rc<RefCell<Vec<u8>>>);

impl Write for Buffer {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// pdf-extract's plain text output, a form feed written as each page begins.
struct PageMarks<'a> {
    text: PlainTextOutput<&'a mut dyn Write>,
    buffer: Buffer,
}

impl OutputDev for PageMarks<'_> {
    fn begin_page(
        &mut self,
        page: u32,
        media_box: &MediaBox,
        art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.buffer.0.borrow_mut().push(0x0c);
        self.text.begin_page(page, media_box, art_box)
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        self.text.end_page()
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        spacing: f64,
        font_size: f64,
        char: &str,
    ) -> Result<(), OutputError> {
        self.text.output_character(trm, width, spacing, font_size, char)
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        self.text.begin_word()
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        self.text.end_word()
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        self.text.end_line()
    }
}

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: pagemark FILE.pdf");
        std::process::exit(2);
    };
    let doc = match lopdf::Document::load(&path) {
        Ok(doc) => doc,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let buffer = Buffer::default();
    let mut writer = buffer.clone();
    {
        let writer: &mut dyn Write = &mut writer;
        let mut marks = PageMarks { text: PlainTextOutput::new(writer), buffer: buffer.clone() };
        if let Err(e) = output_doc(&doc, &mut marks) {
            eprintln!("{path}: {e}");
        }
    }
    let text = buffer.0.borrow();
    if let Err(e) = std::io::stdout().write_all(&text) {
        eprintln!("{path}: {e}");
        std::process::exit(1);
    }
}
