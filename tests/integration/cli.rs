//! The command line: bad arguments, bad inputs, a batch that goes on.

use crate::support::{document_statuses, root, run, TempDir};

#[test]
fn bad_command_lines_exit_with_status_2_and_say_why() {
    for (args, message) in [
        (&["convert"][..], "`convert` needs at least one INPUT"),
        (&["convert", "x.pdf"], "`convert` needs --out DIR"),
        (&["convert", "x.pdf", "--out"], "--out needs DIR"),
        (&["convert", "x.pdf", "--out", "o", "--shard", "3"], "--shard needs I/N with 1 <= I <= N, not `3`"),
        (&["convert", "x.pdf", "--out", "o", "--jobs=0"], "--jobs needs a whole number above 0, not `0`"),
        (&["convert", "x.pdf", "--out", "o", "--bogus"], "unknown option `--bogus`"),
        (&["text", "a.txt", "b.txt"], "`text` takes exactly one FILE"),
        (&["frobnicate"], "unknown command `frobnicate`"),
        (&[], "no command given"),
    ] {
        let out = run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.starts_with(&format!("budget2csv: {message}\n\nusage: budget2csv ")), "{args:?}: {stderr}");
    }
}

#[test]
fn every_command_has_help_with_an_example() {
    for command in ["convert", "check", "text"] {
        let out = run(&[command, "--help"]);
        assert_eq!(out.status.code(), Some(0), "{command}");
        let help = String::from_utf8_lossy(&out.stdout);
        assert!(help.contains(&format!("Usage: budget2csv {command} ")), "{command}: {help}");
        assert!(help.contains(&format!("\n  budget2csv {command} ")), "{command} has no example: {help}");
    }
    let out = run(&["help"]);
    assert_eq!(out.status.code(), Some(0));
    let help = String::from_utf8_lossy(&out.stdout);
    for command in ["convert", "check", "text"] {
        assert!(help.contains(&format!("\n  {command} ")), "{command} is not listed: {help}");
    }
    assert!(!help.contains("__worker"), "the worker is internal: {help}");
}

#[test]
fn convert_help_lists_its_options_and_environment() {
    let out = run(&["convert", "--help"]);
    assert_eq!(out.status.code(), Some(0));
    let help = String::from_utf8_lossy(&out.stdout);
    for option in [
        "-o, --out <DIR>",
        "--excel",
        "-j, --jobs <N>",
        "--shard <I/N>",
        "--skip-existing",
        "--timeout-per-file <SECS>",
        "--memory-per-file <MB>",
        "[default: 300]",
        "[default: 4096]",
    ] {
        assert!(help.contains(option), "{option} missing: {help}");
    }
    assert!(help.contains("\nEnvironment:\n  BUDGET2CSV_FONT_RENUMBERING=off "), "{help}");
}

#[test]
fn version_prints_the_version() {
    for flag in ["--version", "-V"] {
        let out = run(&[flag]);
        assert_eq!(out.status.code(), Some(0));
        assert_eq!(String::from_utf8_lossy(&out.stdout), format!("budget2csv {}\n", env!("CARGO_PKG_VERSION")));
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
    // Prose with no budget title and no table is not a budget: not converted.
    assert_eq!(find("prose.txt").1, "error");
    assert!(find("prose.txt").2.starts_with("not a budget"), "{:?}", find("prose.txt"));
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

/// The seed saved as GBK converts to the same cells as the seed itself:
/// text kept by a pipeline on a Chinese Windows is read as it was written.
#[test]
fn a_text_saved_as_gbk_converts_as_its_utf8() {
    let tmp = TempDir::new("gbk-text");
    let seed = std::fs::read_to_string(root().join("samples/text/wuchang-gov-office-2024.txt")).expect("seed");
    let gbk: String = seed.chars().filter(|&c| encodable_in_gbk(c)).collect();
    let utf8 = tmp.path().join("utf8").join("seed.txt");
    let other = tmp.path().join("gbk").join("seed.txt");
    for p in [&utf8, &other] {
        std::fs::create_dir_all(p.parent().expect("dir")).expect("dir");
    }
    std::fs::write(&utf8, &gbk).expect("write");
    std::fs::write(&other, to_gb18030(&gbk)).expect("write");
    let cells = |input: &std::path::Path, name: &str| {
        let out = tmp.path().join(name);
        let done = run(&["convert", input.to_str().unwrap_or_default(), "--out", out.to_str().unwrap_or_default()]);
        assert!(done.status.success(), "{}", String::from_utf8_lossy(&done.stderr));
        let text = std::fs::read_to_string(out.join("cells.csv")).expect("cells.csv");
        // Each row but its `source` and `sha256`-free columns is compared.
        text.lines().map(|l| l.split_once(',').map_or(l, |(_, rest)| rest).to_string()).collect::<Vec<_>>()
    };
    let (a, b) = (cells(&utf8, "out-utf8"), cells(&other, "out-gbk"));
    assert!(a.len() > 400, "the seed converted");
    assert_eq!(a, b);
}

/// Whether GB18030 holds `c` as GBK does (two bytes or one): the seed's
/// characters all are.
fn encodable_in_gbk(c: char) -> bool {
    c.is_ascii() || to_gb18030(&c.to_string()).len() == 2
}

/// GB18030 bytes of `text`: one byte for ASCII, two for a GBK character.
fn to_gb18030(text: &str) -> Vec<u8> {
    let (bytes, _, _) = encoding_rs::GB18030.encode(text);
    bytes.into_owned()
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
