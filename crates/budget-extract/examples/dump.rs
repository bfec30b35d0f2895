//! Prints the pages of an input as the extractor reads them: lines with their
//! runs' x ranges, and the number of rules. For looking at layout problems.
fn main() {
    let path = std::env::args().nth(1).expect("usage: dump FILE [PAGE]");
    let only: Option<u32> = std::env::args().nth(2).and_then(|s| s.parse().ok());
    let opts = budget_extract::PdfOptions::default();
    match budget_extract::extract_file(std::path::Path::new(&path), &opts) {
        Ok(doc) => {
            for p in doc.pages.iter().filter(|p| only.is_none_or(|n| n == p.number)) {
                println!(
                    "=== page {} ({}x{}) glyphs {} rules {}",
                    p.number,
                    p.width,
                    p.height,
                    p.glyphs.len(),
                    p.rules.len()
                );
                for l in &p.lines {
                    let runs: Vec<String> =
                        l.runs.iter().map(|r| format!("[{:.0}-{:.0}]{}", r.x0, r.x1, r.text)).collect();
                    println!("{:6.1} {}", l.top, runs.join(" "));
                }
            }
        }
        Err(e) => eprintln!("{e}"),
    }
}
