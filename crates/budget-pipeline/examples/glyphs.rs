//! Prints the glyphs of a page in drawing order, with their boxes; with a
//! third argument, only those whose line (top) is within 2 points of it.
fn main() {
    let path = std::env::args().nth(1).expect("usage: glyphs FILE PAGE [TOP]");
    let page: u32 = std::env::args().nth(2).and_then(|s| s.parse().ok()).expect("usage: glyphs FILE PAGE [TOP]");
    let top: Option<f32> = std::env::args().nth(3).and_then(|s| s.parse().ok());
    let doc = budget_extract::extract_file(std::path::Path::new(&path), &Default::default()).expect("readable input");
    let p = doc.pages.iter().find(|p| p.number == page).expect("page exists");
    for (i, g) in p.glyphs.iter().enumerate() {
        if top.is_none_or(|t| (g.top - t).abs() < 2.0) {
            println!("{i:5} {} {:.1}-{:.1} {:.1}-{:.1}", g.text, g.x0, g.x1, g.top, g.bottom);
        }
    }
}
