//! Prints the ruling segments of one page.
fn main() {
    let path = std::env::args().nth(1).expect("usage: rules FILE PAGE");
    let page: u32 = std::env::args().nth(2).and_then(|s| s.parse().ok()).expect("page");
    let doc = budget_extract::extract_file(std::path::Path::new(&path), &Default::default()).expect("readable");
    let p = doc.pages.iter().find(|p| p.number == page).expect("page");
    for r in &p.rules {
        println!("{:.1} {:.1} {:.1} {:.1}", r.x0, r.y0, r.x1, r.y1);
    }
}
