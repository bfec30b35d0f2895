//! Prints the text pdf-extract's own `extract_text` gives for a PDF: the
//! form in which crawlers and pipelines keep budgets as text, the input of
//! the text path. For making development texts of PDFs whose truths are
//! known (never commit texts of documents the project does not own).
//!
//! ```sh
//! cargo run --release --example plaintext -p budget-extract -- FILE.pdf > FILE.txt
//! ```

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: plaintext FILE.pdf");
        std::process::exit(2);
    };
    match pdf_extract::extract_text(&path) {
        Ok(text) => print!("{text}"),
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    }
}
