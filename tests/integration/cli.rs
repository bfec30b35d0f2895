//! The command line: bad arguments, bad inputs, a batch that goes on.

use crate::support::{document_statuses, root, run, TempDir};

#[test]
fn bad_command_lines_exit_with_status_2() {
    for args in [&["convert"][..], &["convert", "x.pdf"], &["frobnicate"], &["convert", "x.pdf", "--out"], &[]] {
        let out = run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("usage:"), "{args:?}");
    }
}

#[test]
fn one_bad_input_fails_alone_with_a_clear_error_row() {
    let tmp = TempDir::new("bad-inputs");
    let html = tmp.path().join("page.pdf");
    std::fs::write(&html, "<!DOCTYPE html><html><body>404 Not Found</body></html>").expect("write");
    let empty = tmp.path().join("empty.pdf");
    std::fs::write(&empty, "").expect("write");
    let junk = tmp.path().join("junk.pdf");
    std::fs::write(&junk, [0u8, 159, 146, 150, 255, 0, 1]).expect("write");
    let prose = tmp.path().join("prose.txt");
    std::fs::write(&prose, "这是一段与预算无关的文字。\n").expect("write");
    let seed = root().join("samples/text/wuchang-gov-office-2024.txt");
    let out_dir = tmp.path().join("out");
    let out = run(&[
        "convert",
        html.to_str().unwrap_or_default(),
        empty.to_str().unwrap_or_default(),
        seed.to_str().unwrap_or_default(),
        junk.to_str().unwrap_or_default(),
        prose.to_str().unwrap_or_default(),
        tmp.path().join("missing.pdf").to_str().unwrap_or_default(),
        "--out",
        out_dir.to_str().unwrap_or_default(),
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let rows = document_statuses(&out_dir);
    let find = |name: &str| {
        rows.iter().find(|(s, _, _)| s.ends_with(name)).cloned().unwrap_or_else(|| panic!("no row for {name}"))
    };
    assert_eq!(find("page.pdf").1, "error");
    assert_eq!(find("page.pdf").2, "not a PDF: an HTML page");
    assert_eq!(find("empty.pdf").2, "empty file");
    assert!(find("junk.pdf").2.starts_with("not a PDF"), "{:?}", find("junk.pdf"));
    assert_eq!(find("prose.txt").2, "no budget tables found in 1 pages");
    assert!(find("missing.pdf").2.starts_with("cannot read file"), "{:?}", find("missing.pdf"));
    assert_ne!(find("wuchang-gov-office-2024.txt").1, "error");
    let cells = std::fs::read_to_string(out_dir.join("cells.csv")).expect("cells.csv");
    assert!(cells.lines().count() > 400, "the good input was converted");
    let leftovers: Vec<_> = std::fs::read_dir(&out_dir)
        .expect("out")
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
}

#[test]
fn text_prints_the_reflowed_pages() {
    let out = run(&["text", "samples/text/wuchang-gov-office-2024.txt"]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.starts_with("--- page 1 ---\n第一部分 武昌区人民政府办公室概况\n"),
        "{}",
        &text[..200.min(text.len())]
    );
    assert_eq!(text.matches("--- page ").count(), 24);
}
