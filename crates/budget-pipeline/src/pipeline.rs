//! Extract, parse, check.

use budget_extract::text::{kind_of, pages_from_text};
use budget_extract::{catch_quietly, extract_bytes, InputKind, PdfOptions};
use budget_model::{
    Cell, Check, CheckKind, CheckStatus, Decimal, DocKind, Document, Finding, Page, Row, Section, Table,
};

use crate::error::{Error, ErrorKind};

/// Converts the bytes of one input, a PDF or text extracted from one,
/// named `source` (the document's [`source`](Document::source)), into a
/// document with its tables checked. Never panics: a panic anywhere becomes
/// [`ErrorKind::Panic`].
pub fn convert(bytes: &[u8], source: &str, options: &PdfOptions) -> Result<Document, Error> {
    guarded(source, || {
        let extracted = extract_bytes(bytes, options).map_err(ErrorKind::Extract)?;
        read(&extracted.pages, source, extracted.kind)
    })
}

/// Converts as [`convert`] does, and returns the pages read as well, for a
/// review of the document drawn over its pages.
pub fn convert_with_pages(bytes: &[u8], source: &str, options: &PdfOptions) -> Result<(Document, Vec<Page>), Error> {
    guarded(source, || {
        let extracted = extract_bytes(bytes, options).map_err(ErrorKind::Extract)?;
        Ok((read(&extracted.pages, source, extracted.kind)?, extracted.pages))
    })
}

/// Converts text in the form of an extracted PDF (a line starting with a
/// space, or a form feed, opens a page), as [`convert`] converts a text
/// input but without telling it from a PDF first: any text is split into
/// pages, parsed and checked.
pub fn convert_text(text: &str, source: &str) -> Result<Document, Error> {
    guarded(source, || read(&pages_from_text(text), source, kind_of(text)))
}

/// The document of an input's pages, parsed and checked. One read from
/// text laid out in columns carries a finding that its text is of another
/// form than the one the text reader is made for: laid-out text (`pdftotext
/// -layout`) places each word by spaces and prints a cell wrapped in its row
/// above and below the row's line (`201050` / `行政运行 365.41` / `1`), so
/// rows may come out misnamed or split.
fn read(pages: &[Page], source: &str, kind: InputKind) -> Result<Document, ErrorKind> {
    let mut doc = checked(pages, source, kind != InputKind::Pdf)?;
    if kind == InputKind::LaidOutText {
        doc.findings.push(Finding { page: 0, table: String::new(), message: LAID_OUT.to_string() });
    }
    Ok(doc)
}

/// The finding on a document read from text laid out in columns.
pub const LAID_OUT: &str = "the text is laid out in columns (each word placed by spaces, as `pdftotext -layout` \
     writes it), not in the form the text reader is made for (pdf-extract's, one space between words): a cell \
     wrapped in its row may split or misname the row; check the tables against the document, or convert the \
     PDF itself";

/// Runs a conversion, its panic caught and its error naming the input.
fn guarded<T>(source: &str, convert: impl FnOnce() -> Result<T, ErrorKind>) -> Result<T, Error> {
    let result = catch_quietly(convert).unwrap_or_else(|panic| Err(ErrorKind::Panic(panic)));
    result.map_err(|kind| Error::new(source, kind))
}

/// The tables of the pages, checked; an error when there are none, and no
/// form either, in a document with a budget title. A document that is not
/// a budget ([`DocKind::Other`]) comes back with its performance forms
/// alone, or unconverted when it has none, its finding saying why.
///
/// Text has lost the layout, and a two-sided table read from it whose sides
/// do not add up (`本年收入合计` against the income items, `收入总计 =
/// 支出总计`) was misread far more often than printed so: such a table is
/// left out with a finding, and the rest checked again.
fn checked(pages: &[Page], source: &str, text: bool) -> Result<Document, ErrorKind> {
    let mut doc = budget_parse::parse(pages);
    doc.source = source.to_string();
    if doc.kind == DocKind::Other && doc.indicators.is_empty() && doc.forms.is_empty() {
        return Ok(doc);
    }
    if doc.tables.is_empty() && doc.indicators.is_empty() && doc.forms.is_empty() {
        return Err(ErrorKind::NoTables { pages: doc.pages });
    }
    let mut outcome = budget_check::check_and_confirm(&doc);
    if text && without_refuted_sides(&mut doc, &outcome.checks) {
        outcome = budget_check::check_and_confirm(&doc);
    }
    doc.checks = outcome.checks;
    doc.confirmed_amounts = outcome.confirmed;
    doc.confirmed_zeros = outcome.confirmed_zeros;
    let reasons = budget_check::judge(&doc);
    doc.findings.extend(reasons);
    Ok(doc)
}

/// Leaves out the two-sided tables a failed `two_sided` check refutes,
/// each with a finding; returns whether any was. A check failed only
/// against a grand total the table prints blank refutes nothing: the
/// document left the figure out (`收入总计` printed without one beside
/// `支出总计 195,774,300`), and the check reports it. Nor does one failed
/// by a few units of the last decimal (`152,585.76` against `152,585.74`):
/// the document's rounding, where an amount read on the wrong side moves
/// a sum by that whole amount. Nor does a shortfall two tables print
/// alike ([`shortfall_in_print`]).
fn without_refuted_sides(doc: &mut Document, checks: &[budget_model::Check]) -> bool {
    let failed: Vec<&Check> =
        checks.iter().filter(|c| c.check == CheckKind::TwoSided && c.status == CheckStatus::Fail).collect();
    let refuting = |t: &Table| -> Vec<&Check> {
        let on = |c: &&Check| c.table_key == t.key && t.pages.contains(&c.page);
        failed.iter().copied().filter(|c| on(c) && !against_blank_total(t, c) && !by_rounding(c)).collect()
    };
    let refuted: Vec<Vec<&Check>> = doc.tables.iter().map(refuting).collect();
    let shortfalls: Vec<Option<Decimal>> =
        doc.tables.iter().zip(&refuted).map(|(t, r)| shortfall_in_print(t, r, &doc.findings)).collect();
    let twice =
        |i: usize| shortfalls[i].is_some() && shortfalls.iter().enumerate().any(|(j, s)| j != i && *s == shortfalls[i]);
    let mut findings = Vec::new();
    let mut keep = Vec::new();
    for (i, t) in doc.tables.iter().enumerate() {
        let out = !refuted[i].is_empty() && !twice(i);
        if out {
            findings.push(Finding {
                page: t.pages.first().copied().unwrap_or(0),
                table: t.key.as_str().into(),
                message: "read from text, its two sides do not add up; the table is left out".into(),
            });
        }
        keep.push(!out);
    }
    let mut kept = keep.into_iter();
    doc.tables.retain(|_| kept.next().unwrap_or(true));
    let left_out = !findings.is_empty();
    doc.findings.extend(findings);
    left_out
}

/// What the failed checks `failed` of two-sided table `t` fall short by,
/// when they can be the document's own shortfall rather than a misreading:
/// each one a total or group of the same side, short of the figure printed
/// for it by one same difference, the two grand totals equal, and every row
/// read without a finding and with no figure in its name. An amount read on
/// the wrong side fails the other side too, one read into the wrong column
/// fails another column the other way, and one glued into a name shows in
/// the name. A row lost by the reader leaves the same mark as one the
/// document leaves out, so the shortfall is the document's only where a
/// second table, read from other lines, falls short by the same figure:
/// a 北京 department lists its expense by function 1,905 short of both
/// 收支总表's 本年支出合计 and 财政拨款收支总表's 本年支出, and the tables
/// are kept with their checks failed, as a PDF's are.
fn shortfall_in_print(t: &Table, failed: &[&Check], findings: &[Finding]) -> Option<Decimal> {
    let key = t.key.as_str();
    let first_failed = failed.first()?;
    if !t.key.is_two_sided() || findings.iter().any(|f| f.table == key) || t.rows.iter().any(|r| holds_figure(&r.name))
    {
        return None;
    }
    let grand = |s: Section| t.rows.iter().rev().find(|r| r.section == Some(s) && r.name.ends_with("总计"));
    let first = |r: &Row| r.cells.iter().find_map(Cell::amount);
    let balanced = match (grand(Section::Income), grand(Section::Expense)) {
        (Some(i), Some(e)) => first(i).is_some() && first(i) == first(e),
        _ => false,
    };
    let section = |c: &Check| {
        let mut of = t.rows.iter().filter(|r| r.name == c.row_name && !r.name.ends_with("总计")).map(|r| r.section);
        of.next().flatten().filter(|s| of.all(|o| o == Some(*s)))
    };
    let shortfall = first_failed.difference.filter(|d| d.is_sign_positive() && !d.is_zero())?;
    let side = section(first_failed)?;
    let alike = failed.iter().all(|c| c.difference == Some(shortfall) && section(c) == Some(side));
    (balanced && alike).then_some(shortfall)
}

/// Whether a row name holds a figure (`财政拨款收入91,016,775.35一、…`):
/// digits with a decimal point among them.
fn holds_figure(name: &str) -> bool {
    name.split(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
        .any(|piece| piece.contains('.') && piece.chars().filter(char::is_ascii_digit).count() >= 2)
}

/// Whether check `c` failed against a grand total (`收入总计`, `支出总计`)
/// that table `t` prints with every amount blank: the check's figure on
/// the total's side is nothing.
fn against_blank_total(t: &Table, c: &Check) -> bool {
    let zero = |d: Option<Decimal>| d.is_some_and(|d| d.is_zero());
    let blank = |r: &budget_model::Row| r.name.contains("总计") && r.cells.iter().all(|x| matches!(x, Cell::Blank));
    t.rows.iter().any(blank) && (zero(c.actual) || zero(c.expected))
}

/// Whether check `c` failed by at most ten units of the last decimal its
/// figures print (`0.02` between `152,585.76` and `152,585.74`).
fn by_rounding(c: &Check) -> bool {
    let (Some(expected), Some(actual), Some(difference)) = (c.expected, c.actual, c.difference) else { return false };
    let places = expected.scale().max(actual.scale());
    places > 0 && difference.abs() <= Decimal::new(10, places)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Text laid out in columns is read, with a finding that says it is of
    /// another form than pdf-extract's; the same text one space between
    /// words carries no such finding.
    #[test]
    fn laid_out_text_is_read_with_a_finding() {
        let rows = [
            ("一、一般公共预算拨款收入", "100.00", "一、一般公共服务支出", "60.00"),
            ("二、政府性基金预算拨款收入", "0.00", "二、教育支出", "40.00"),
            ("三、事业收入", "0.00", "三、科学技术支出", "0.00"),
            ("四、其他收入", "0.00", "四、社会保障和就业支出", "0.00"),
            ("", "", "五、卫生健康支出", "0.00"),
            ("", "", "六、节能环保支出", "0.00"),
            ("", "", "七、城乡社区支出", "0.00"),
            ("", "", "八、农林水支出", "0.00"),
            ("本年收入合计", "100.00", "本年支出合计", "100.00"),
            ("收入总计", "100.00", "支出总计", "100.00"),
        ];
        let head = "某某局2024年部门预算\n部门收支总表\n单位：万元\n收 入 支 出\n项 目 预算数 项 目 预算数\n";
        let laid_out: String =
            rows.iter().map(|(a, b, c, d)| format!("{a:<20}{b:>12}      {c:<20}{d:>12}\n")).collect();
        let plain: String = rows
            .iter()
            .map(|(a, b, c, d)| {
                [*a, *b, *c, *d].iter().filter(|w| !w.is_empty()).copied().collect::<Vec<_>>().join(" ") + "\n"
            })
            .collect();
        let has = |doc: &Document| doc.findings.iter().any(|f| f.message == LAID_OUT);
        let doc = convert_text(&format!("{head}{laid_out}"), "laid-out.txt").expect("converts");
        assert!(has(&doc), "{:?}", doc.findings);
        assert!(doc.tables.iter().any(|t| t.key.is_two_sided()));
        let doc =
            convert(format!("{head}{laid_out}").as_bytes(), "laid-out.txt", &PdfOptions::default()).expect("converts");
        assert!(has(&doc), "{:?}", doc.findings);
        let doc = convert_text(&format!("{head}{plain}"), "plain.txt").expect("converts");
        assert!(!has(&doc), "{:?}", doc.findings);
        assert!(doc.tables.iter().any(|t| t.key.is_two_sided()));
    }

    /// A two-sided table read from text whose sides do not add up is left
    /// out with a finding; the same table adding up is kept.
    #[test]
    fn a_text_two_sided_table_that_does_not_add_up_is_left_out() {
        let text = |income: &str| {
            format!("某某局2024年部门预算\n部门收支总表\n单位：万元\n收 入 支 出\n项 目 预算数 项 目 预算数\n一、一般公共预算拨款收入 {income} 一、一般公共服务支出 100.00\n本年收入合计 100.00 本年支出合计 100.00\n收 入 总 计 100.00 支 出 总 计 100.00\n")
        };
        let kept = convert_text(&text("100.00"), "in.txt").expect("converts");
        assert!(kept.tables.iter().any(|t| t.key.is_two_sided()));
        let out = convert_text(&text("90.00"), "out.txt").expect("converts");
        assert!(!out.tables.iter().any(|t| t.key.is_two_sided()));
        let message = "read from text, its two sides do not add up; the table is left out";
        assert!(out.findings.iter().any(|f| f.message == message), "{:?}", out.findings);
    }

    /// Expense items short of 本年支出合计 by one same figure in both
    /// two-sided tables are the document's (items it does not publish):
    /// both tables are kept, their checks failed. The same shortfall in
    /// one table alone may be a row the reading lost: it is left out.
    #[test]
    fn a_shortfall_two_tables_print_alike_is_the_documents() {
        let table = |title: &str, income: &str, education: &str| {
            format!(
                "{title}\n单位：万元\n收 入 支 出\n项 目 预算数 项 目 预算数\n\
                 一、{income} 100.00 一、一般公共服务支出 80.00\n二、教育支出 {education}\n\
                 本年收入合计 100.00 本年支出合计 100.00\n收入总计 100.00 支出总计 100.00\n"
            )
        };
        let first = table("部门收支总表", "一般公共预算拨款收入", "15.00");
        let kept = |doc: &Document| doc.tables.iter().filter(|t| t.key.is_two_sided()).count();
        let failed = |doc: &Document| -> Vec<(String, Option<Decimal>)> {
            let fail = |c: &&Check| c.check == CheckKind::TwoSided && c.status == CheckStatus::Fail;
            doc.checks.iter().filter(fail).map(|c| (c.row_name.clone(), c.difference)).collect()
        };
        let both = format!("某某局2024年部门预算\n{first}{}", table("财政拨款收支总表", "一般公共预算拨款", "15.00"));
        let doc = convert_text(&both, "both.txt").expect("converts");
        assert_eq!(kept(&doc), 2, "{:?}", doc.findings);
        let short = Some(Decimal::new(500, 2));
        assert_eq!(failed(&doc), vec![("本年支出合计".to_string(), short), ("本年支出合计".to_string(), short)]);
        // Short by different figures, or in one table only: left out.
        let apart = format!("某某局2024年部门预算\n{first}{}", table("财政拨款收支总表", "一般公共预算拨款", "16.00"));
        let doc = convert_text(&apart, "apart.txt").expect("converts");
        assert_eq!(kept(&doc), 0, "{:?}", doc.tables);
        let alone = format!("某某局2024年部门预算\n{first}");
        assert!(convert_text(&alone, "alone.txt").map_or(true, |doc| kept(&doc) == 0));
    }

    /// A difference of a few units of the last decimal is the document's
    /// rounding; a whole amount is a misreading.
    #[test]
    fn a_two_sided_difference_in_the_last_decimal_is_rounding() {
        let check = |expected: i64, actual: i64| Check {
            check: CheckKind::TwoSided,
            table_key: budget_model::TableKey::FiscalIncomeExpenseSummary,
            row_code: String::new(),
            row_name: "支出总计".into(),
            column: "预算数".into(),
            expected: Some(Decimal::new(expected, 2)),
            actual: Some(Decimal::new(actual, 2)),
            difference: Some(Decimal::new(actual - expected, 2)),
            status: CheckStatus::Fail,
            page: 1,
            detail: String::new(),
        };
        assert!(by_rounding(&check(15258574, 15258576)));
        assert!(!by_rounding(&check(15258574, 15268576)));
        assert!(!by_rounding(&check(15258574, 15258600)));
    }

    /// A grand total printed without its figure (nat_012, 上海: `收入总计`
    /// blank beside `支出总计`) is the document's; the table is kept and
    /// its two-sided checks fail against the blank.
    #[test]
    fn a_text_two_sided_table_with_a_blank_grand_total_is_kept() {
        let text = "某某局2024年部门预算\n部门收支总表\n单位：万元\n收 入 支 出\n项 目 预算数 项 目 预算数\n一、一般公共预算拨款收入 100.00 一、一般公共服务支出 100.00\n本年收入合计 100.00 本年支出合计 100.00\n收入总计 支出总计 100.00\n";
        let doc = convert_text(text, "in.txt").expect("converts");
        let table = doc.tables.iter().find(|t| t.key.is_two_sided()).expect("kept");
        let total = table.rows.iter().find(|r| r.name == "收入总计").expect("income total");
        assert!(total.cells.iter().all(|c| matches!(c, Cell::Blank)));
        let failed = |c: &&Check| c.check == CheckKind::TwoSided && c.status == CheckStatus::Fail;
        assert!(doc.checks.iter().filter(failed).all(|c| c.row_name.contains("总计")), "{:?}", doc.checks);
        assert!(doc.checks.iter().any(|c| failed(&c)));
    }

    #[test]
    fn errors_read_as_the_command_line_writes_them() {
        let options = PdfOptions::default();
        let cases: [(&[u8], &str); 4] = [
            (b"", "empty file"),
            (b"\n\n  \n", "empty file"),
            (b"%PDF-1.4\n", "truncated PDF: the file ends before its end-of-file marker (download cut short?)"),
            ("2026年某某局部门预算\n第一部分 概况\n".as_bytes(), "no budget tables found in 1 pages"),
        ];
        for (bytes, line) in cases {
            let err = convert(bytes, "in.pdf", &options).expect_err(line);
            assert_eq!(err.kind().to_string(), line);
            assert_eq!(err.to_string(), format!("in.pdf: {line}"));
            assert_eq!(err.input(), "in.pdf");
        }
    }

    #[test]
    fn a_panic_becomes_an_internal_error() {
        let err = guarded::<Document>("in.pdf", || panic!("index out of bounds")).expect_err("caught");
        assert!(matches!(err.kind(), ErrorKind::Panic(_)));
        assert_eq!(err.to_string(), "in.pdf: internal error while converting: index out of bounds");
    }

    #[test]
    fn text_is_converted_without_being_told_from_a_pdf() {
        let text = " 三、部门支出总表\n单位：万元\n科目编码 科目名称 合计 基本支出 项目支出\n合计 10.00 6.00 4.00\n";
        let doc = convert_text(text, "in.txt").expect("a table");
        assert_eq!((doc.source.as_str(), doc.tables.len()), ("in.txt", 1));
        // Not UTF-8 text, and not a PDF, for `convert`: text all the same
        // here, and not a budget.
        let doc = convert_text("<html>", "page.html").expect("a document");
        assert_eq!(doc.kind, DocKind::Other);
    }

    #[test]
    fn a_document_that_is_not_a_budget_is_not_converted() {
        // nat_149: a stand-alone 部门整体绩效自评表, with a table and no budget title.
        let text = " 部门整体绩效自评表\n（2024年度）\n单位：万元\n项目 合计\n合计 9209.55\n";
        let doc = convert_text(text, "self.txt").expect("a document");
        assert_eq!((doc.kind, doc.tables.len(), doc.checks.len()), (DocKind::Other, 0, 0));
        assert!(doc.findings[0].message.starts_with("not a budget"), "{:?}", doc.findings);
        // The same lines under a budget title are a budget that failed.
        let text = " 2026年某某局部门预算\n第一部分 概况\n";
        assert!(convert_text(text, "b.txt").is_err());
    }
}
