//! Prints the ruled grids found on a page of a PDF, cell by cell, and the
//! tables the parser rebuilds. For looking at layout problems.
fn main() {
    let path = std::env::args().nth(1).expect("usage: grids FILE PAGE");
    let page: u32 = std::env::args().nth(2).and_then(|s| s.parse().ok()).expect("usage: grids FILE PAGE");
    let doc = budget_extract::extract_file(std::path::Path::new(&path), &Default::default()).expect("readable input");
    let p = doc.pages.iter().find(|p| p.number == page).expect("page exists");
    for g in budget_parse::grid::find_grids(p) {
        println!(
            "grid {}x{} top {:.1} bottom {:.1} xs {:?}",
            g.rows(),
            g.cols(),
            g.top(),
            g.bottom(),
            g.xs.iter().map(|x| *x as i32).collect::<Vec<_>>()
        );
        for r in 0..g.rows() {
            let mut cells = Vec::new();
            let mut c = 0;
            while c < g.cols() {
                let reg = g.region(r, c);
                let mark = if reg.r0 == r { reg.text.clone() } else { "^".to_string() };
                cells.push(format!(
                    "{}{}",
                    if reg.c1 - reg.c0 > 1 { format!("<{}>", reg.c1 - reg.c0) } else { String::new() },
                    mark
                ));
                c = reg.c1.max(c + 1);
            }
            println!("  {:2} | {}", r, cells.join(" | "));
        }
    }
}
