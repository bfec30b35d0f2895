//! Documents of the national corpus (`../shared/corpus/national`) that showed
//! a misreading, each converted alone and held to what its pages print;
//! skipped, with a note, when `../shared` is absent.

use std::path::{Path, PathBuf};

use crate::support::{read_csv, run, shared_or_skip, Record, TempDir};

/// Converts `national/<name>.pdf` into `tmp`; the folder of the output.
fn convert(shared: &Path, name: &str, tmp: &TempDir) -> PathBuf {
    let pdf = shared.join(format!("corpus/national/{name}.pdf"));
    let out = run(&["convert", pdf.to_str().unwrap_or_default(), "--out", tmp.path().to_str().unwrap_or_default()]);
    assert!(out.status.success(), "{name}: {}", String::from_utf8_lossy(&out.stderr));
    tmp.path().to_path_buf()
}

/// The cells of `key` as `row_name|column|value`.
fn cells(out: &Path, key: &str) -> Vec<String> {
    read_csv(&out.join("cells.csv"))
        .iter()
        .filter(|c| &c["table_key"] == key)
        .map(|c| format!("{}|{}|{}", &c["row_name"], &c["column"], &c["value"]))
        .collect()
}

fn failed(out: &Path) -> Vec<Record> {
    read_csv(&out.join("checks.csv")).into_iter().filter(|c| &c["status"] == "fail").collect()
}

/// 深圳市住房和建设局: 收支总表 on pp. 23–25 and 支出总表 on pp. 27–29 print
/// `表1` / `收支总表` / the department and unit line / the header on every
/// page. Each is one table, whose totals balance.
#[test]
fn nat_062_continuation_pages_are_one_table() {
    let Some(shared) = shared_or_skip("nat_062_continuation_pages_are_one_table") else { return };
    let tmp = TempDir::new("nat_062");
    let out = convert(&shared, "nat_062", &tmp);
    let tables: Vec<(String, String)> = read_csv(&out.join("cells.csv"))
        .iter()
        .map(|c| (c["table_key"].to_string(), c["table_no"].to_string()))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let keys: Vec<&str> = tables.iter().map(|(k, _)| k.as_str()).collect();
    let summary = keys.iter().filter(|k| **k == "income_expense_summary").count();
    assert_eq!(summary, 1, "{tables:?}");
    let c = cells(&out, "income_expense_summary");
    assert!(c.contains(&"收入总计|2026年预算数|34460.46".to_string()), "{c:?}");
    assert!(c.contains(&"本年支出合计|2026年预算数|34460.46".to_string()), "{c:?}");
    assert!(
        failed(&out).is_empty(),
        "{:?}",
        failed(&out).iter().map(|c| c["row_name"].to_string()).collect::<Vec<_>>()
    );
}

/// 首都绿化委员会办公室: every page is one form XObject moved into place by
/// `1 0 0 1 72.02 -76.54 cm`. Its text lines up with its rules, so the
/// amounts stay whole in their cells.
#[test]
fn nat_044_text_of_a_moved_form_lines_up_with_its_rules() {
    let Some(shared) = shared_or_skip("nat_044_text_of_a_moved_form_lines_up_with_its_rules") else { return };
    let tmp = TempDir::new("nat_044");
    let out = convert(&shared, "nat_044", &tmp);
    let c = cells(&out, "income_expense_summary");
    assert!(c.contains(&"一般公共预算拨款收入|预算数|5131.706333".to_string()), "{c:?}");
    assert!(c.contains(&"收入总计|预算数|5133.737491".to_string()), "{c:?}");
}

/// 北京 支出总表 and 政府采购预算明细表 of nat_039: a label touching its amount
/// (`…基本养老保险缴` `费` then `642.962048` starting inside `费`), digits
/// whose widths are given as `first last w` in a CIDFont written inside its
/// font, headings over empty columns, and a figures-only frame beside
/// unruled labels.
#[test]
fn nat_039_touching_labels_and_boxed_figures() {
    let Some(shared) = shared_or_skip("nat_039_touching_labels_and_boxed_figures") else { return };
    let tmp = TempDir::new("nat_039");
    let out = convert(&shared, "nat_039", &tmp);
    let c = cells(&out, "expense_summary");
    let pension: Vec<&String> =
        c.iter().filter(|c| c.starts_with("机关事业单位基本养老保险缴费支出|基本支出|")).collect();
    assert!(pension.iter().any(|c| c.ends_with("|642.962048")), "{pension:?}");
    assert!(c.iter().any(|c| c.starts_with("培训支出|其中/上缴上级支出|")), "{c:?}");
    let p = cells(&out, "government_procurement");
    assert!(p.contains(&"A-货物|金额|477.727200".to_string()), "{p:?}");
    assert!(
        failed(&out).is_empty(),
        "{:?}",
        failed(&out).iter().map(|c| c["row_name"].to_string()).collect::<Vec<_>>()
    );
}

/// 深圳市信访局: 收支总表 lists each 类 with `一、` and its 款 and 项 below
/// without ordinals; `上年结余、结转` has numbered parts. Only the items of
/// the top level are terms, and its first 支出总表 row is labelled by its
/// 预算单位 alone.
#[test]
fn nat_063_outlines_by_ordinals_add_up() {
    let Some(shared) = shared_or_skip("nat_063_outlines_by_ordinals_add_up") else { return };
    let tmp = TempDir::new("nat_063");
    let out = convert(&shared, "nat_063", &tmp);
    let two_sided: Vec<Record> =
        read_csv(&out.join("checks.csv")).into_iter().filter(|c| &c["check"] == "two_sided").collect();
    assert!(!two_sided.is_empty());
    assert!(two_sided.iter().all(|c| &c["status"] != "fail"), "{:?}", failed(&out).len());
    let e = cells(&out, "expense_summary");
    assert!(e.iter().any(|c| c.starts_with("深圳市信访局|支出总计|4684.30")), "{e:?}");
}
