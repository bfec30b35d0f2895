//! The review pages (`review`, `convert --review`): what they mark, and that
//! they draw in a browser (headless Chromium, when installed).

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::{root, run, skip, TempDir};

const SEED: &str = "wuchang-gov-office-2024";

/// The review of every sample into `tmp`.
fn review_samples(tmp: &TempDir) {
    let out = tmp.path().to_str().expect("utf-8 temp path");
    let o = run(&["review", "samples", "--out", out, "--jobs", "2"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

/// The failed checks of the seed's golden checks.csv, as the review's
/// tooltip of the failed cell reads: `表3 expense_summary · 22102 住房改革支出 · 合计 · 139.77`.
fn seed_failures() -> Vec<String> {
    let path = root().join(format!("samples/expected/{SEED}/checks.csv"));
    let mut r = csv::Reader::from_path(path).expect("golden checks.csv");
    let h = r.headers().expect("header").clone();
    let at = |name: &str| h.iter().position(|x| x == name).expect(name);
    let (code, name, column, actual, status) =
        (at("row_code"), at("row_name"), at("column"), at("actual"), at("status"));
    r.records()
        .map(|rec| rec.expect("record"))
        .filter(|rec| &rec[status] == "fail")
        .map(|rec| format!("expense_summary · {} {} · {} · {}", &rec[code], &rec[name], &rec[column], &rec[actual]))
        .collect()
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn the_seeds_failed_check_is_marked_red_at_its_cell() {
    let tmp = TempDir::new("review-seed");
    review_samples(&tmp);
    let html = read(&tmp.path().join(SEED).join("review.html"));
    let failures = seed_failures();
    assert!(failures.iter().any(|f| f.contains("22102 住房改革支出 · 合计 · 139.77")), "{failures:?}");
    for f in &failures {
        // The cell in the text line, red (`f`), with an id the side list links to.
        let at = html.find(&format!(" {f}\"")).unwrap_or_else(|| panic!("no cell `{f}`"));
        let open = html[..at].rfind("<span ").expect("a span");
        let tag = &html[open..at];
        assert!(tag.starts_with("<span class=\"f\" id=\"c"), "{tag}");
        let id = &tag[tag.find("id=\"").expect("id") + 4..];
        let id = &id[..id.find('"').expect("id end")];
        assert!(html.contains(&format!("<a class=\"fail\" href=\"#{id}\">expense_summary 22102 住房改革支出")), "{id}");
    }
    // Only the failed cells are red.
    assert_eq!(html.matches("<span class=\"f\"").count(), failures.len());
    assert!(html.contains("Failed checks (2)") && html.contains("Tables (11)"));
}

#[test]
fn pdf_pages_are_drawn_with_cells_outlined_by_kind() {
    let tmp = TempDir::new("review-pdf");
    review_samples(&tmp);
    let html = read(&tmp.path().join("shifted-code/review.html"));
    assert!(html.contains("<svg class=\"pg\" viewBox=\"0 0 "), "an SVG per page");
    for class in ["h", "l", "a", "lf"] {
        assert!(html.contains(&format!("<rect class=\"{class}\"")), "no outline of class {class}");
    }
    // The seven code_name failures outline their labels in red, each linked.
    assert_eq!(html.matches("<rect class=\"lf\" id=\"c").count(), 7);
    // A title is text of no table: grey.
    assert!(html.contains("class=\"o\""));
    // Every review stays small, well under a few MB.
    for e in std::fs::read_dir(tmp.path()).expect("out").flatten() {
        let page = e.path().join("review.html");
        if let Ok(m) = std::fs::metadata(&page) {
            assert!(m.len() < 1_000_000, "{}: {} bytes", page.display(), m.len());
        }
    }
    let index = read(&tmp.path().join("review.html"));
    let samples: usize = ["samples/pdf", "samples/text"]
        .iter()
        .map(|d| std::fs::read_dir(root().join(d)).map(|e| e.count()).unwrap_or(0))
        .sum();
    assert_eq!(index.matches("<a href=\"").count(), samples, "one link per sample");
    assert!(index.contains(&format!("<a href=\"{SEED}/review.html\">")));
}

#[test]
fn convert_writes_no_review_unless_asked() {
    let tmp = TempDir::new("review-off");
    let out = tmp.path().to_str().expect("utf-8");
    let seed = format!("samples/text/{SEED}.txt");
    assert!(run(&["convert", &seed, "--out", out]).status.success());
    assert!(!tmp.path().join("review.html").exists() && !tmp.path().join(SEED).join("review.html").exists());
    assert!(run(&["convert", &seed, "--out", out, "--review"]).status.success());
    assert!(tmp.path().join("review.html").is_file() && tmp.path().join(SEED).join("review.html").is_file());
}

/// Chromium or Chrome on the PATH, if any.
fn chromium() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .flat_map(|name| std::env::split_paths(&path).map(move |d| d.join(name)))
        .find(|p| p.is_file())
}

/// A screenshot of `url` at 1300×900, decoded to RGB rows.
fn screenshot(browser: &Path, url: &str, png: &Path) -> Image {
    let o = Command::new(browser)
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=1300,900"])
        .arg(format!("--screenshot={}", png.display()))
        .arg(url)
        .output()
        .expect("chromium runs");
    assert!(o.status.success() && png.is_file(), "{}", String::from_utf8_lossy(&o.stderr));
    crate::review_png::decode(&std::fs::read(png).expect("png"))
}

use crate::review_png::Image;

#[test]
fn the_review_draws_in_headless_chromium() {
    let Some(browser) = chromium() else {
        skip("review::the_review_draws_in_headless_chromium", "chromium is absent (.ci/run installs it)");
        return;
    };
    let tmp = TempDir::new("review-chromium");
    review_samples(&tmp);
    // The seed, opened at its first failed cell (the side list's link):
    // the cell sits a third of the way down the pages' pane, red.
    let html = read(&tmp.path().join(SEED).join("review.html"));
    let id = html.split("<a class=\"fail\" href=\"#").nth(1).and_then(|s| s.split('"').next()).expect("a failed link");
    let url = format!("file://{}#{id}", tmp.path().join(SEED).join("review.html").display());
    let img = screenshot(&browser, &url, &tmp.path().join("seed.png"));
    assert!(img.colours() > 50, "the page drew: {} colours", img.colours());
    let red = |p: [u8; 3]| p[0] > 200 && p[1] < 90 && p[2] < 90;
    let pane = (340, img.width);
    assert!(img.count(pane, (img.height * 15 / 100, img.height * 55 / 100), red) > 20, "no red cell in view");
    // A PDF sample: the table outlined (green amount cells) and the red labels.
    let url = format!("file://{}", tmp.path().join("shifted-code/review.html").display());
    let img = screenshot(&browser, &url, &tmp.path().join("pdf.png"));
    let green = |p: [u8; 3]| p[1] > 130 && p[0] < 100 && p[2] < 100;
    assert!(img.count(pane, (0, img.height), green) > 200, "no amount outlines");
    assert!(img.count(pane, (0, img.height), red) > 50, "no red labels");
}

/// One document of each shared corpus (a Shanghai 部门预算 of corpus/real,
/// a Beijing budget of corpus/national, a synthetic dev budget), reviewed
/// and opened in headless Chromium: each page draws its table outlines.
/// Skipped, saying so, without ../shared or without Chromium.
#[test]
fn a_document_of_each_corpus_draws_in_headless_chromium() {
    let name = "review::a_document_of_each_corpus_draws_in_headless_chromium";
    let Some(shared) = crate::support::shared_or_skip(name) else { return };
    let Some(browser) = chromium() else {
        skip(name, "chromium is absent (.ci/run installs it)");
        return;
    };
    let tmp = TempDir::new("review-corpora");
    let inputs = ["corpus/real/real_01.pdf", "corpus/national/nat_030.pdf", "corpus/dev/dev01.pdf"];
    let paths: Vec<String> = inputs.iter().map(|i| shared.join(i).to_string_lossy().into_owned()).collect();
    let mut args = vec!["review"];
    args.extend(paths.iter().map(String::as_str));
    args.extend(["--out", tmp.path().to_str().unwrap_or_default()]);
    let out = run(&args);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let green = |p: [u8; 3]| p[1] > 130 && p[0] < 100 && p[2] < 100;
    for stem in ["real_01", "nat_030", "dev01"] {
        let page = tmp.path().join(stem).join("review.html");
        let html = read(&page);
        assert!(html.contains("<svg"), "{stem}: no page drawn");
        let img = screenshot(&browser, &format!("file://{}", page.display()), &tmp.path().join(format!("{stem}.png")));
        assert!(img.colours() > 50, "{stem}: the page drew {} colours", img.colours());
        assert!(img.count((340, img.width), (0, img.height), green) > 100, "{stem}: no amount outlines in view");
    }
}
