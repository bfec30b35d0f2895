//! Prints the glyph boxes of one page, in drawing order.
fn main() {
    let path = std::env::args().nth(1).expect("usage: glyphs FILE PAGE");
    let page: u32 = std::env::args().nth(2).and_then(|s| s.parse().ok()).expect("page");
    let doc = budget_extract::extract_file(std::path::Path::new(&path), &Default::default()).expect("readable");
    let p = doc.pages.iter().find(|p| p.number == page).expect("page");
    for g in &p.glyphs {
        println!("{} {:.1} {:.1} {:.1} {:.1}", g.text, g.x0, g.x1, g.top, g.bottom);
    }
}
