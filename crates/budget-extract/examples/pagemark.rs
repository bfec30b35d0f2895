use pdf_extract::*;
use std::cell::RefCell;
use std::io::Write;
use std::rc::Rc;

#[derive(Clone)]
struct Buf(Rc<RefCell<Vec<u8>>>);
impl Write for Buf {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
struct Mark<'a> {
    inner: PlainTextOutput<&'a mut dyn Write>,
    buf: Buf,
}
impl OutputDev for Mark<'_> {
    fn begin_page(&mut self, n: u32, mb: &MediaBox, ab: Option<(f64, f64, f64, f64)>) -> Result<(), OutputError> {
        self.buf.0.borrow_mut().push(0x0c);
        self.inner.begin_page(n, mb, ab)
    }
    fn end_page(&mut self) -> Result<(), OutputError> {
        self.inner.end_page()
    }
    fn output_character(&mut self, trm: &Transform, w: f64, s: f64, fs: f64, c: &str) -> Result<(), OutputError> {
        self.inner.output_character(trm, w, s, fs, c)
    }
    fn begin_word(&mut self) -> Result<(), OutputError> {
        self.inner.begin_word()
    }
    fn end_word(&mut self) -> Result<(), OutputError> {
        self.inner.end_word()
    }
    fn end_line(&mut self) -> Result<(), OutputError> {
        self.inner.end_line()
    }
}
fn main() {
    let path = std::env::args().nth(1).unwrap();
    let buf = Buf(Rc::new(RefCell::new(Vec::new())));
    let mut w = buf.clone();
    let doc = lopdf::Document::load(&path).unwrap();
    {
        let dynw: &mut dyn Write = &mut w;
        let mut m = Mark { inner: PlainTextOutput::new(dynw), buf: buf.clone() };
        if let Err(e) = output_doc(&doc, &mut m) {
            eprintln!("{path}: {e}");
        }
    }
    std::io::stdout().write_all(&buf.0.borrow()).unwrap();
}
