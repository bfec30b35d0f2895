//! Prints the runs of each line of a page with their positions.
fn main() {
    let path = std::env::args().nth(1).expect("usage: runs FILE PAGE");
    let page: u32 = std::env::args().nth(2).and_then(|s| s.parse().ok()).expect("usage: runs FILE PAGE");
    let doc = budget_extract::extract_file(std::path::Path::new(&path), &Default::default()).expect("readable input");
    let p = doc.pages.iter().find(|p| p.number == page).expect("page exists");
    for l in &p.lines {
        let runs: Vec<String> = l.runs.iter().map(|r| format!("{}@{:.0}-{:.0}", r.text, r.x0, r.x1)).collect();
        println!("{:6.1} {:6.1} | {}", l.top, l.bottom, runs.join("  "));
    }
}
