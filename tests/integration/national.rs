//! Documents of the national corpus (`../shared/corpus/national`) that showed
//! a misreading, each converted alone and held to what its pages print;
//! skipped, with a note, when `../shared` is absent.

use std::path::{Path, PathBuf};

use crate::support::{national_conversion, read_csv, run, shared_or_skip, Record, TempDir};

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

/// 北京市公安局 预算11表 项目支出绩效目标表 (nat_030, pp. 17–18): many
/// projects in one table, each named in a merged first cell with its
/// 项目总额 beside it, and every value printed over three columns
/// (`绩效指标性质 | 本年绩效指标值 | 绩效度量单位`). The rows below were
/// read by hand from the printed pages (`budget2csv text`).
#[test]
fn nat_030_split_values_and_many_projects() {
    let Some(shared) = shared_or_skip("nat_030_split_values_and_many_projects") else { return };
    let tmp = TempDir::new("nat_030");
    let out = convert(&shared, "nat_030", &tmp);
    let rows = read_csv(&out.join("indicators.csv"));
    assert!(rows.len() > 400, "{}", rows.len());
    let empty: Vec<String> = rows.iter().filter(|r| r["value"].is_empty()).map(|r| r["level3"].to_string()).collect();
    assert!(empty.is_empty(), "{empty:?}");
    let got: Vec<String> = rows
        .iter()
        .map(|r| {
            ["project", "level3", "value", "direction", "target", "measure", "page"]
                .iter()
                .map(|k| r[*k].to_string())
                .collect::<Vec<_>>()
                .join("|")
        })
        .collect();
    for want in [
        "公安行政管理|专用业务设备（用品）购置数|≥37项|≥|37|项|17",
        "公安行政管理|制作身份证及印制户口证照数量|≥440万件|≥|440|万件|17",
        "公安行政管理|机房租赁服务|6项|＝|6|项|17",
        "公安行政管理|重大安保任务无差错率|100%|=|100|%|17",
        "公安行政管理|车辆及装备持续使用时间|≥3年|≥|3|年|17",
        "公安行政管理|保障业务、服务能力提升，促进部门履职履能|优|定性|优||17",
        "公安行政管理|项目总成本|控制在预算之内||控制在预算之内||17",
        "公安行政管理|正常运转保障率|≥98%|≥|98|%|18",
        "公安行政管理|民警满意度|≥90%|≥|90|%|18",
        "公安信息网络购建|软件、硬件、租用线路故障率|≤5%|≤|5|%|18",
        "公安信息网络购建|故障应急响应时间|≤8小时|≤|8|小时|18",
        "公安信息网络购建|完成建设时间|≤12月|≤|12|月|18",
        "信息化运行维护|系统验收合格率|100%|＝|100|%|18",
    ] {
        assert!(got.iter().any(|g| g == want), "{want}");
    }
    let fields: Vec<String> = read_csv(&out.join("forms.csv"))
        .iter()
        .filter(|f| &f["form"] == "project_performance_targets")
        .map(|f| format!("{}|{}|{}", &f["project"], &f["field"], &f["value"]))
        .collect();
    for want in [
        "公安行政管理|项目总额|161796.229761",
        "公安行政管理|财政资金|157457.387602",
        "公安行政管理|其他资金|4338.842159",
        "公安信息网络购建|项目总额|15273.836207",
    ] {
        assert!(fields.iter().any(|f| f == want), "{want}: {fields:?}");
    }
}

/// The code book (`crates/budget-check/data/codebook.tsv`) holds every
/// name the corpora print where no misread is likely, and `code_name` flags
/// only a name of the code on the row beside: over the whole national
/// corpus, which prints older names (`20805 行政事业单位离退休`) and other
/// writings (`因公出国(境)费用`), it raises no alarm.
#[test]
fn national_corpus_has_no_code_name_failures() {
    let Some(shared) = shared_or_skip("national_corpus_has_no_code_name_failures") else { return };
    let done = national_conversion(&shared);
    assert!(done.out.join("checks.csv").is_file(), "{}", done.stderr);
    let checks = read_csv(&done.out.join("checks.csv"));
    assert!(checks.len() > 10_000, "{} checks: the corpus was not converted", checks.len());
    let alarms: Vec<String> = checks
        .iter()
        .filter(|c| &c["check"] == "code_name")
        .map(|c| format!("{} p.{} {} {}", &c["source"], &c["page"], &c["row_code"], &c["row_name"]))
        .collect();
    assert!(alarms.is_empty(), "{alarms:#?}");
}

/// documents.csv of documents of each city: `level` and `region` as the
/// cover, title or department name prints them (never the file path), and
/// the files of the corpus that are not budgets (a fire-safety inspection
/// list, two website reports, a planning notice, a compliance list) of
/// kind `其他`, status `error`, with no cells, in a batch that still
/// converts the budgets beside them; a stand-alone 部门整体绩效自评表, of
/// kind `其他` too, keeps its indicators (status `partial`).
#[test]
fn national_level_region_and_documents_that_are_not_budgets() {
    let Some(shared) = shared_or_skip("national_level_region_and_documents_that_are_not_budgets") else { return };
    let expected: [(&str, &str, &str, &str, &str); 14] = [
        // file, kind, level, region, status
        ("nat_001", "预算", "单位", "上海市", "ok"), // 上海市2026年市级单位预算
        ("nat_030", "预算", "", "北京市", ""),       // tables only: no title says 部门 or 单位
        ("nat_063", "预算", "部门", "深圳市", ""),   // 2026年深圳市信访局部门预算
        ("nat_093", "预算", "部门", "重庆市", ""),   // 重庆市商务委员会2026年部门预算情况说明
        ("nat_100", "预算", "部门", "广州市", ""),   // 2026年 / 广州市交通运输局部门预算
        ("nat_126", "预算", "单位", "苏州市", ""),   // 2026年度苏州市水务局单位预算公开
        ("nat_131", "预算", "单位", "无锡市", ""),   // 无锡市交通运输局（本级）单位预算公开
        ("nat_143", "预算", "部门", "", ""),         // 国家信访局: no local government
        ("nat_144", "其他", "", "", "error"),
        ("nat_145", "其他", "", "南宁市", "error"),
        ("nat_146", "其他", "", "", "error"),
        ("nat_147", "其他", "", "", "error"),
        ("nat_148", "其他", "", "宁德市", "error"),
        ("nat_149", "其他", "", "宁德市", "partial"), // a stand-alone 部门整体绩效自评表: its form is read, and names the department
    ];
    let tmp = TempDir::new("national_level_region");
    let inputs: Vec<String> = expected
        .iter()
        .map(|e| shared.join(format!("corpus/national/{}.pdf", e.0)).to_string_lossy().into_owned())
        .collect();
    let mut args: Vec<&str> = vec!["convert"];
    args.extend(inputs.iter().map(String::as_str));
    args.extend(["--out", tmp.path().to_str().unwrap_or_default(), "--jobs", "2"]);
    let out = run(&args);
    // Inputs that are not budgets, and not converted, make the exit status 1.
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let docs = read_csv(&tmp.path().join("documents.csv"));
    let cells = read_csv(&tmp.path().join("cells.csv"));
    assert_eq!(docs.len(), expected.len());
    for (file, kind, level, region, status) in expected {
        let d = docs.iter().find(|d| d["source"].ends_with(&format!("{file}.pdf"))).expect("a row per input");
        assert_eq!((&d["kind"][..], &d["level"][..], &d["region"][..]), (kind, level, region), "{file}");
        if !status.is_empty() {
            assert_eq!(&d["status"], status, "{file}");
        }
        if kind == "其他" {
            assert!(!cells.iter().any(|c| c["source"] == d["source"]), "{file} has cells");
        }
        if status == "error" {
            assert!(d["error"].starts_with("not a budget"), "{file}: {}", &d["error"]);
        }
        if status == "partial" {
            assert_ne!(&d["indicators"], "0", "{file}: its performance form is read");
        }
    }
}

/// The Beijing budgets of the national corpus: `city` 北京 in MANIFEST.tsv.
fn beijing(shared: &Path) -> Vec<PathBuf> {
    let dir = shared.join("corpus/national");
    let manifest = read_csv_tsv(&dir.join("MANIFEST.tsv"));
    manifest
        .iter()
        .filter(|r| r.get("city").map(String::as_str) == Some("北京"))
        .map(|r| dir.join(&r["file"]))
        .collect()
}

/// A tab-separated file with a header row, each row a map by column name.
fn read_csv_tsv(path: &Path) -> Vec<std::collections::HashMap<String, String>> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap_or_default().split('\t').collect();
    lines.map(|l| header.iter().map(|h| h.to_string()).zip(l.split('\t').map(str::to_string)).collect()).collect()
}

/// The lines of each page of `pdf` as `budget2csv text` prints them,
/// spaces removed.
fn printed_pages(pdf: &Path) -> std::collections::HashMap<String, Vec<String>> {
    let out = run(&["text", pdf.to_str().unwrap_or_default()]);
    assert!(out.status.success(), "{}: {}", pdf.display(), String::from_utf8_lossy(&out.stderr));
    let mut pages: std::collections::HashMap<String, Vec<String>> = Default::default();
    let mut page = String::new();
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        if let Some(n) = line.strip_prefix("--- page ").and_then(|l| l.strip_suffix(" ---")) {
            page = n.to_string();
        } else {
            pages.entry(page.clone()).or_default().push(line.split_whitespace().collect());
        }
    }
    pages
}

/// The value of an indicator row is the one its page prints: the
/// comparison sign and the figure's first characters on one line of the
/// page (`≥95` of `产出指标 数量指标 民警满意度 ≥ 95 %`; the figure alone
/// after `定性`, whose wording may wrap), and the unit's first character on
/// the page (`个` of `个` / `（套）` wrapped).
fn printed_on(r: &Record, lines: &[String]) -> bool {
    let squeeze = |s: &str| s.split_whitespace().collect::<String>();
    let (direction, measure) = (squeeze(&r["direction"]), squeeze(&r["measure"]));
    let target =
        if r["target"].is_empty() && direction.is_empty() { squeeze(&r["value"]) } else { squeeze(&r["target"]) };
    let sign = if direction.chars().count() == 1 { direction } else { String::new() };
    let head: String = sign.chars().chain(target.chars().take(4)).collect();
    let unit: String = measure.chars().take(1).collect();
    lines.iter().any(|l| l.contains(&head)) && lines.iter().any(|l| l.contains(&unit))
}

/// Every indicator row of the Beijing budgets (项目支出绩效目标表, the value
/// printed over 绩效指标性质 | 本年绩效指标值 | 绩效度量单位) has a value, and
/// it is the one its page prints, checked row by row against the page's
/// text. A few rows, at most 1 in 200, take the last line of the value cell
/// above, printed across the rule between them (nat_034 p. 32: `示、推介`
/// then `30`): the grid gives the line to the lower cell.
#[test]
fn beijing_indicators_have_their_printed_values() {
    let Some(shared) = shared_or_skip("beijing_indicators_have_their_printed_values") else { return };
    let pdfs = beijing(&shared);
    assert!(pdfs.len() >= 27, "{} Beijing budgets in MANIFEST.tsv", pdfs.len());
    // nat_027 is an HTML page saved as .pdf, among the corpus's other files
    // that are not budgets: error rows, exit code 1.
    let done = national_conversion(&shared);
    assert!(matches!(done.code, Some(0 | 1)), "{}", done.stderr);
    let all = read_csv(&done.out.join("indicators.csv"));
    let ours =
        |r: &&Record| pdfs.iter().any(|p| p.file_name().is_some_and(|n| r["source"].ends_with(&*n.to_string_lossy())));
    let rows: Vec<Record> = all.iter().filter(ours).cloned().collect();
    assert!(rows.len() > 15_000, "{} indicator rows", rows.len());
    let empty: Vec<String> = rows
        .iter()
        .filter(|r| r["value"].is_empty())
        .map(|r| format!("{} p{} {}", &r["source"], &r["page"], &r["level3"]))
        .collect();
    assert!(empty.is_empty(), "{} rows without a value: {empty:?}", empty.len());
    let mut misread = Vec::new();
    for pdf in &pdfs {
        let name = pdf.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        let own: Vec<&Record> = rows.iter().filter(|r| r["source"].ends_with(name)).collect();
        if own.is_empty() {
            continue;
        }
        let pages = printed_pages(pdf);
        for r in own {
            if !printed_on(r, pages.get(&r["page"]).map_or(&[][..], Vec::as_slice)) {
                misread.push(format!("{name} p{} {}: {}", &r["page"], &r["level3"], &r["value"]));
            }
        }
    }
    assert!(misread.len() * 200 <= rows.len(), "{} of {} rows not as printed: {misread:?}", misread.len(), rows.len());
}
