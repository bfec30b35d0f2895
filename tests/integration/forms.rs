//! The performance and project forms (tables 11 and 12): indicator rows
//! scored against the synthetic corpus' exact truths, and the Shanghai
//! 财政项目支出绩效目标填报表 of real_03 (when `../shared` is present). The
//! seed's rows and fields are in its golden files.

use crate::score::score_indicators;
use crate::support::{read_csv, run, shared_or_skip, TempDir};

fn convert(input: &std::path::Path, name: &str) -> TempDir {
    let tmp = TempDir::new(name);
    let out = run(&["convert", input.to_str().unwrap_or_default(), "--out", tmp.path().to_str().unwrap_or_default()]);
    assert!(matches!(out.status.code(), Some(0 | 1)), "{}", String::from_utf8_lossy(&out.stderr));
    tmp
}

#[test]
fn the_development_corpus_gives_every_indicator_with_its_basis() {
    let Some(shared) = shared_or_skip("the_development_corpus_gives_every_indicator_with_its_basis") else { return };
    let dir = shared.join("corpus/dev");
    let tmp = convert(&dir, "forms-dev");
    let mut scored = 0;
    for n in 1..=10 {
        let name = format!("dev{n:02}");
        let truth = dir.join(format!("{name}.truth.json"));
        if !truth.exists() {
            continue;
        }
        let s = score_indicators(tmp.path(), &truth, &name);
        assert!(s.rows.truth > 0, "{name}: truth without indicators");
        assert_eq!(s.rows.f1(), 1.0, "{name}: {s:?}");
        assert_eq!(s.basis_recall(), 1.0, "{name}: {s:?}");
        scored += 1;
    }
    assert!(scored >= 10, "only {scored} truths scored");
}

#[test]
fn the_development_corpus_forms_add_up() {
    let Some(shared) = shared_or_skip("the_development_corpus_forms_add_up") else { return };
    let tmp = convert(&shared.join("corpus/dev/dev01.pdf"), "forms-dev01");
    let forms = read_csv(&tmp.path().join("forms.csv"));
    let field = |project: &str, name: &str| {
        forms
            .iter()
            .find(|r| &r["project"] == project && &r["field"] == name)
            .map(|r| r["value"].to_string())
            .unwrap_or_default()
    };
    assert_eq!(field("乡村振兴工作经费", "项目代码"), "42652325857T039056918");
    assert_eq!(field("乡村振兴工作经费", "支出明细/合计"), "38");
    assert_eq!(field("乡村振兴工作经费", "支出明细/乡村振兴工作经费"), "29.6");
    assert_eq!(field("", "总体资金情况/支出构成/基本支出/当年金额"), "4278.08");
    let checks = read_csv(&tmp.path().join("checks.csv"));
    let sums: Vec<_> = checks.iter().filter(|r| &r["check"] == "form_sum").collect();
    // 总体资金情况: two groups by three columns; the project's two lists.
    assert_eq!(sums.len(), 8, "{sums:?}");
    assert!(sums.iter().all(|r| &r["status"] == "ok"), "{sums:?}");
}

#[test]
fn real_03s_shanghai_project_forms_give_indicator_rows() {
    let Some(shared) = shared_or_skip("real_03s_shanghai_project_forms_give_indicator_rows") else { return };
    let tmp = convert(&shared.join("corpus/real/real_03.pdf"), "forms-real03");
    let rows = read_csv(&tmp.path().join("indicators.csv"));
    let projects: std::collections::BTreeSet<&str> = rows.iter().map(|r| &r["project"]).collect();
    assert_eq!(projects.len(), 5, "{projects:?}");
    assert!(rows.len() >= 60, "{} rows", rows.len());
    let columns = ["table_key", "project", "goal", "level1", "level2", "level3", "value", "basis"];
    let first = columns.map(|c| &rows[0][c]);
    assert_eq!(
        first,
        [
            "project_performance_targets",
            "新建万里街道社区公共服务中心",
            "",
            "产出指标",
            "数量指标",
            "规划建筑面积",
            "≥13459.00(平方米)",
            ""
        ]
    );
    assert!(
        rows.iter().all(|r| !r["level1"].is_empty() && !r["level3"].is_empty()),
        "every row has its levels and name"
    );
    let forms = read_csv(&tmp.path().join("forms.csv"));
    let total = forms
        .iter()
        .find(|r| &r["project"] == "就业援助基地补贴" && &r["field"] == "项目资金总额")
        .map(|r| r["value"].to_string());
    assert_eq!(total.as_deref(), Some("6351000.00"));
}
