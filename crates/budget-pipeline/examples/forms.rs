//! Prints what the performance and project forms of a document yield:
//! indicator rows, form fields and the findings about them. For looking at
//! form problems: `cargo run --example forms -p budget-pipeline FILE`.
fn main() {
    let path = std::env::args().nth(1).expect("usage: forms FILE");
    let doc = budget_extract::extract_file(std::path::Path::new(&path), &Default::default()).expect("readable input");
    let parsed = budget_parse::parse(&doc.pages);
    for i in &parsed.indicators {
        println!(
            "IND p{} {} [{}] {} | {} | {} | {} | v={} | b={} | {} / {}",
            i.page,
            i.table_key,
            i.project,
            i.goal,
            i.level1,
            i.level2,
            i.level3,
            i.value,
            i.basis,
            i.prev2_value,
            i.prev1_value
        );
    }
    for f in &parsed.forms {
        println!("FORM p{} {} [{}] {} = {}", f.page, f.form, f.project, f.field, f.value);
    }
    for f in &parsed.findings {
        println!("FINDING p{} {}: {}", f.page, f.table, f.message);
    }
}
