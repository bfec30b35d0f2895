//! From ruled grids to a raw table: logical columns, header paths, data rows,
//! and continuation grids on the following pages.

use budget_model::{Finding, Rect};

use crate::front::{after_total_label, column_path, glued_amount, is_note, is_page_label};
use crate::grid::{Grid, Region};
use crate::lex::{amount, code, unit_of_line};
use crate::norm::squeeze;
use crate::raw::{RawColumn, RawRow, RawTable, Role};
use crate::title::Title;

/// The logical columns of a grid: runs of base columns that no cell boundary
/// ever separates.
fn logical_columns(g: &Grid) -> Vec<(usize, usize)> {
    let mut starts = vec![0];
    for c in 1..g.cols() {
        let split = (0..g.rows()).any(|r| g.region_index(r, c - 1) != g.region_index(r, c));
        if split {
            starts.push(c);
        }
    }
    starts.push(g.cols());
    starts.windows(2).map(|w| (w[0], w[1])).collect()
}

/// A caption row printed inside the table's frame: one cell across the
/// whole grid (a title, `附表2`, a note), or cells that only say who made
/// the table and in what unit (`编制单位：… | 单位：万元`). Returns its text.
fn banner(g: &Grid, r: usize) -> Option<String> {
    let reg = g.region(r, 0);
    if reg.c0 == 0 && reg.c1 == g.cols() && g.cols() > 1 {
        return Some(reg.text.clone());
    }
    let mut texts: Vec<&str> = Vec::new();
    let mut c = 0;
    while c < g.cols() {
        let reg = g.region(r, c);
        if reg.r0 == r && !reg.text.trim().is_empty() {
            texts.push(&reg.text);
        }
        c = reg.c1.max(c + 1);
    }
    let caption = !texts.is_empty() && texts.iter().all(|t| is_caption_text(t));
    caption.then(|| texts.join(" "))
}

/// `单位：万元`, `编制单位：某局`, `部门：某局`, `预算单位：长春市信访局`
/// ([`is_page_label`]).
fn is_caption_text(t: &str) -> bool {
    let t = squeeze(t);
    unit_of_line(&t).is_some() || is_page_label(&t) || ["编制单位", "编制部门"].iter().any(|w| t.starts_with(w))
}

/// The caption rows at the top of a grid, in order.
pub(crate) fn leading_captions(g: &Grid) -> Vec<String> {
    (0..g.rows()).map_while(|r| banner(g, r)).collect()
}

/// Texts of a row per logical column. A cell spanning several columns gives
/// its text to the first; a label cell spanning several rows (a category
/// over its items: `一般公共预算资金` over `小计`, `公共财政拨款（补助）资金`)
/// gives its text to each, an amount cell only to the first.
fn row_texts(g: &Grid, r: usize, cols: &[(usize, usize)]) -> Vec<String> {
    let mut texts: Vec<String> = cols
        .iter()
        .map(|&(c0, _)| {
            let reg = g.region(r, c0);
            let continues_label = reg.r0 < r && amount(&squeeze(&reg.text)).is_none();
            if reg.c0 == c0 && (reg.r0 == r || continues_label) {
                reg.text.clone()
            } else {
                String::new()
            }
        })
        .collect();
    // An amount in a cell merged over several columns is the last one's:
    // figures are set flush right (北京 支出总表's 合计 row, its figure in a
    // cell over 部门支出经济分类科目 and 合计).
    for k in 0..cols.len() {
        let reg = g.region(r, cols[k].0);
        let last = cols.iter().rposition(|&(c0, _)| c0 < reg.c1).unwrap_or(k);
        if last > k && reg.c0 == cols[k].0 && amount(&squeeze(&texts[k])).is_some() && texts[last].trim().is_empty() {
            texts[last] = std::mem::take(&mut texts[k]);
        }
    }
    texts
}

/// A label run over into the amount cell on its right
/// (`人工影响天气作业点标准化建设及弹药储运` | `经费644947.01`): the words go back
/// to the label, the amount stays in its cell ([`glued_amount`]).
fn unglue(texts: &mut [String]) {
    for j in 1..texts.len() {
        let Some((label, number)) = glued_amount(&texts[j]).map(|(l, n)| (l.to_string(), n.to_string())) else {
            continue;
        };
        if !texts[j - 1].is_empty() && amount(&squeeze(&texts[j - 1])).is_some() {
            continue;
        }
        texts[j - 1].push_str(&label);
        texts[j] = number;
    }
}

/// A row that only says the table is empty: `无`, `此表为空`, `本表无数据`.
fn empty_marker(texts: &[String]) -> Option<String> {
    let parts: Vec<String> = texts.iter().map(|t| squeeze(t)).filter(|t| !t.is_empty()).collect();
    let joined = parts.concat();
    let marker = matches!(joined.as_str(), "无" | "空" | "/" | "无数据")
        || joined.contains("此表为空")
        || joined.contains("本表为空")
        || joined.contains("本表无数据")
        || (joined.contains("没有") && joined.contains("支出"));
    (parts.len() == 1 && marker).then_some(joined)
}

/// `栏次` rows number the columns (`1 2 3 …`); they belong to the header.
fn is_numbering_row(texts: &[String]) -> bool {
    let squeezed: Vec<String> = texts.iter().map(|t| squeeze(t)).collect();
    if squeezed.iter().any(|t| t == "栏次") {
        return true;
    }
    let nums: Vec<u32> = squeezed.iter().filter(|t| !t.is_empty()).filter_map(|t| t.parse().ok()).collect();
    nums.len() >= 3
        && nums.windows(2).all(|w| w[1] == w[0] + 1)
        && nums.len() == squeezed.iter().filter(|t| !t.is_empty()).count()
}

/// A data row: it carries an amount beyond its first column, or opens with a
/// code or a total label in one of its first two columns (a `合计` further
/// right is a column heading).
fn is_data_row(texts: &[String]) -> bool {
    if is_numbering_row(texts) {
        return false;
    }
    let (at, first) = texts.iter().map(|t| squeeze(t)).enumerate().find(|(_, t)| !t.is_empty()).unwrap_or_default();
    // `合计` heading a column of its own is followed by more headings.
    let headings = texts.iter().skip(at + 1).filter(|t| !t.trim().is_empty() && amount(&squeeze(t)).is_none()).count();
    let total = after_total_label(&first).is_some() && headings < 2;
    // A blank item of a list (`（廿五）债务发行费用支出`, `二、年终结转结余` at
    // the top of a two-sided table's last page, the income side blank): no
    // heading opens with a list ordinal.
    let (ordinal, item) = crate::lex::split_ordinal(&first);
    let listed = !ordinal.is_empty() && !item.is_empty();
    (at <= 1 && (code(&first) || total)) || listed || texts.iter().skip(1).any(|t| amount(&squeeze(t)).is_some())
}

/// The first data row after the header rows starting at `from`.
fn header_end(g: &Grid, from: usize, cols: &[(usize, usize)]) -> usize {
    (from..g.rows())
        .find(|&r| {
            let texts = row_texts(g, r, cols);
            banner(g, r).is_none() && (is_data_row(&texts) || empty_marker(&texts).is_some())
        })
        .unwrap_or(g.rows())
}

/// Header path of each logical column: the texts of the header cells (grid
/// regions) over it, top to bottom, each merged cell once.
fn paths_by_regions(g: &Grid, from: usize, to: usize, cols: &[(usize, usize)]) -> Vec<String> {
    cols.iter()
        .map(|&(c0, _)| {
            let mut seen: Vec<usize> = Vec::new();
            let mut parts: Vec<String> = Vec::new();
            for r in from..to {
                if banner(g, r).is_some() || is_numbering_row(&row_texts(g, r, cols)) {
                    continue;
                }
                let idx = g.region_index(r, c0);
                if seen.contains(&idx) {
                    continue;
                }
                seen.push(idx);
                // A label of the page in a header cell (`预算单位：长春市信访局`) is
                // no heading; its unit is taken by [`header_unit`].
                if !is_page_label(&g.regions[idx].text) {
                    parts.push(squeeze(&g.regions[idx].text));
                }
            }
            column_path(parts)
        })
        .collect()
}

/// Rebuilds the table of `title` from its grids: the first grid with data
/// rows gives the columns (a header printed alone at the foot of the page
/// before adds its levels on top), the following ones (on later pages) add
/// their data rows after any repeated header.
pub(crate) fn table_from_grids(title: Title, grids: &[&Grid], findings: &mut Vec<Finding>) -> RawTable {
    let mut raw = RawTable::new(title);
    let bodies: Vec<(usize, usize)> = grids.iter().map(|g| body_start(&mut raw, g)).collect();
    raw.header_boxes = grids.iter().zip(&bodies).flat_map(|(g, &(from, to))| header_boxes(g, from, to)).collect();
    let Some(primary) = (0..grids.len()).find(|&i| bodies[i].1 < grids[i].rows()).or((!grids.is_empty()).then_some(0))
    else {
        return raw;
    };
    let first = grids[primary];
    let cols = logical_columns(first);
    let (start, end) = bodies[primary];
    let mut paths = paths_by_regions(first, start, end, &cols);
    if raw.unit.is_none() {
        raw.unit = header_unit(first, start, end);
    }
    let xs: Vec<(f32, f32)> = cols.iter().map(|&(a, b)| (first.xs[a], first.xs[b])).collect();
    for &g in grids[..primary].iter().rev() {
        prefix_header(g, &xs, &mut paths);
        raw.pages.push(g.page);
    }
    raw.columns = paths.into_iter().map(|path| RawColumn { path, role: Role::Unknown }).collect();
    push_rows(&mut raw, first, end, &cols, None);
    if raw.pages.last() != Some(&first.page) {
        raw.pages.push(first.page);
    }
    for (i, &g) in grids.iter().enumerate().skip(primary + 1) {
        let gcols = logical_columns(g);
        let Some(map) = map_columns(g, &gcols, &xs) else {
            findings.push(Finding {
                page: g.page,
                table: raw.title.key.as_str().into(),
                message: "a table on this page has columns that do not line up with the table before; not joined"
                    .into(),
            });
            continue;
        };
        push_rows(&mut raw, g, bodies[i].1, &gcols, Some(&map));
        if raw.pages.last() != Some(&g.page) {
            raw.pages.push(g.page);
        }
    }
    raw.pages.sort_unstable();
    raw.pages.dedup();
    raw
}

/// Where the header cells of rows `from..to` are printed, for the review
/// page.
fn header_boxes(g: &Grid, from: usize, to: usize) -> Vec<(u32, Rect)> {
    g.regions
        .iter()
        .filter(|reg| (from..to).contains(&reg.r0) && !reg.text.trim().is_empty())
        .map(|reg| (g.page, region_box(g, reg)))
        .collect()
}

fn region_box(g: &Grid, reg: &Region) -> Rect {
    Rect::new(g.xs[reg.c0], g.ys[reg.r0], g.xs[reg.c1], g.ys[reg.r1])
}

/// Where the cells [`row_texts`] reads are printed: the box of the region
/// each text came from.
fn row_boxes(g: &Grid, r: usize, cols: &[(usize, usize)], texts: &[String]) -> Vec<Option<Rect>> {
    cols.iter().zip(texts).map(|(&(c0, _), t)| (!t.trim().is_empty()).then(|| region_box(g, g.region(r, c0)))).collect()
}

/// The unit printed in a header cell of rows `from..to` (`单位：万元` in the
/// top right cell of the header, beside the headings).
fn header_unit(g: &Grid, from: usize, to: usize) -> Option<String> {
    g.regions
        .iter()
        .filter(|reg| (from..to).contains(&reg.r0))
        .find_map(|reg| unit_of_line(&squeeze(&reg.text)))
        .map(str::to_string)
}

/// Where a grid's header starts (after banner rows, whose unit and note are
/// taken) and where its data starts.
fn body_start(raw: &mut RawTable, g: &Grid) -> (usize, usize) {
    let cols = logical_columns(g);
    let mut start = 0;
    while start < g.rows() && banner(g, start).is_some() {
        take_banner(raw, &banner(g, start).unwrap_or_default());
        start += 1;
    }
    (start, header_end(g, start, &cols))
}

/// Puts the header cells of a header-only grid (printed at the foot of the
/// page before the table) on top of the paths of the columns below them.
fn prefix_header(g: &Grid, xs: &[(f32, f32)], paths: &mut [String]) {
    for (k, &(x0, x1)) in xs.iter().enumerate() {
        let mid = (x0 + x1) / 2.0;
        let Some(c) = (0..g.cols()).find(|&c| g.xs[c] <= mid && mid <= g.xs[c + 1]) else { continue };
        let mut parts: Vec<String> = Vec::new();
        for r in 0..g.rows() {
            if banner(g, r).is_some() {
                continue;
            }
            let t = squeeze(&g.region(r, c).text);
            if !t.is_empty() && parts.last() != Some(&t) {
                parts.push(t);
            }
        }
        if !parts.is_empty() {
            let below = std::mem::take(&mut paths[k]);
            paths[k] = column_path(parts.iter().chain([&below]));
        }
    }
}

fn take_banner(raw: &mut RawTable, text: &str) {
    let t = squeeze(text);
    if raw.unit.is_none() {
        if let Some(u) = unit_of_line(&t) {
            raw.unit = Some(u.to_string());
        }
    }
    if is_note(&t) {
        raw.note = Some(t);
    }
}

fn push_rows(raw: &mut RawTable, g: &Grid, from: usize, cols: &[(usize, usize)], map: Option<&[Option<usize>]>) {
    let width = raw.columns.len();
    for r in from..g.rows() {
        if let Some(b) = banner(g, r) {
            take_banner(raw, &b);
            continue;
        }
        let mut texts = row_texts(g, r, cols);
        unglue(&mut texts);
        if let Some(marker) = empty_marker(&texts) {
            raw.note.get_or_insert(marker);
            continue;
        }
        if is_numbering_row(&texts) || texts.iter().all(|t| t.trim().is_empty()) {
            continue;
        }
        let found = row_boxes(g, r, cols, &texts);
        let (cells, boxes) = match map {
            None => (texts, found),
            Some(map) => {
                let mut cells = vec![String::new(); width];
                let mut boxes = vec![None; width];
                for (i, (t, b)) in texts.into_iter().zip(found).enumerate() {
                    if let Some(Some(j)) = map.get(i) {
                        if cells[*j].is_empty() {
                            cells[*j] = t;
                            boxes[*j] = b;
                        }
                    }
                }
                (cells, boxes)
            }
        };
        raw.rows.push(RawRow { cells, page: g.page, boxes });
    }
}

/// Maps the logical columns of a continuation grid onto the first grid's by
/// horizontal position: by its middle, or, for a cell across several of
/// the first grid's columns (a `合计` label over the code and name columns),
/// to the first of them, as the first grid's own rows put such a cell.
/// `None` when they do not line up: fewer than 8 in 10 of its columns map,
/// or they cover fewer than 6 in 10 of the first grid's columns.
fn map_columns(g: &Grid, cols: &[(usize, usize)], first: &[(f32, f32)]) -> Option<Vec<Option<usize>>> {
    let mids: Vec<f32> = first.iter().map(|&(x0, x1)| (x0 + x1) / 2.0).collect();
    let mut map = Vec::with_capacity(cols.len());
    let mut covered = vec![false; first.len()];
    for &(a, b) in cols {
        let (x0, x1) = (g.xs[a], g.xs[b]);
        let across: Vec<usize> = (0..first.len()).filter(|&j| mids[j] >= x0 && mids[j] <= x1).collect();
        let j = match across.as_slice() {
            [j, _, ..] => Some(*j),
            _ => {
                let mid = (x0 + x1) / 2.0;
                first.iter().position(|&(f0, f1)| mid >= f0 && mid <= f1)
            }
        };
        across.iter().chain(j.as_ref()).for_each(|&k| covered[k] = true);
        map.push(j);
    }
    let hits = map.iter().flatten().count();
    let covered = covered.iter().filter(|&&c| c).count();
    (hits * 10 >= cols.len() * 8 && covered * 10 >= first.len() * 6).then_some(map)
}

#[cfg(test)]
mod tests {
    use budget_model::{Glyph, Page, Rule};

    use super::*;
    use crate::grid::find_grids;
    use crate::title::parse_title;

    /// A page ruled at the column edges `xs` and every 20 from the top,
    /// one ruled row per entry of `rows`. A row lists its cells' text left
    /// to right, `|` between cells (an empty cell prints nothing); each text
    /// is written at the left of its cell.
    fn page(number: u32, xs: &[f32], rows: &[&str]) -> Page {
        let ys: Vec<f32> = (0..=rows.len()).map(|r| 20.0 * r as f32).collect();
        let mut p = Page::new(number);
        let (right, bottom) = (xs[xs.len() - 1], ys[ys.len() - 1]);
        for &y in &ys {
            p.rules.push(Rule::new(0.0, y, right, y));
        }
        for &x in xs {
            p.rules.push(Rule::new(x, 0.0, x, bottom));
        }
        for (row, cells) in rows.iter().enumerate() {
            assert!(cells.split('|').count() < xs.len(), "more cells than columns: {cells}");
            for (text, x) in cells.split('|').map(str::trim).zip(xs) {
                let top = ys[row] + 5.0;
                let mut at = x + 2.0;
                for ch in text.chars() {
                    p.glyphs.push(Glyph { text: ch.to_string(), x0: at, x1: at + 8.0, top, bottom: top + 8.0 });
                    at += 9.0;
                }
            }
        }
        p
    }

    #[test]
    fn a_lone_total_row_on_the_next_page_joins_the_table() {
        // Page 1: 类 | 款 | 项 | name | 合计 | 基本支出, two rows. Page 2:
        // the 合计 row alone, its label across the code and name columns
        // (which count as one of the three columns it has).
        let xs = [0.0, 30.0, 50.0, 70.0, 200.0, 280.0, 360.0];
        let first = page(
            1,
            &xs,
            &[
                "类 | 款 | 项 | 科目名称 | 合计 | 基本支出",
                "201 | | | 一般公共服务支出 | 10.00 | 6.00",
                "201 | 05 | | 统计信息事务 | 10.00 | 6.00",
            ],
        );
        let second = page(2, &[0.0, 200.0, 280.0, 360.0], &["合计 | 15.00 | 11.00"]);
        let (g1, g2) = (find_grids(&first), find_grids(&second));
        let title = parse_title("三、部门支出总表").expect("a title");
        let mut findings = Vec::new();
        let raw = table_from_grids(title, &[&g1[0], &g2[0]], &mut findings);
        assert!(findings.is_empty(), "{findings:?}");
        let rows: Vec<&[String]> = raw.rows.iter().map(|r| r.cells.as_slice()).collect();
        assert_eq!(rows.len(), 3, "{rows:?}");
        assert_eq!(rows[2], ["合计", "", "", "", "15.00", "11.00"]);
        assert_eq!(raw.pages, [1, 2]);
    }

    /// A two-sided table's last page opening with blank items of the
    /// expense list (the income side blank beside them): they are rows,
    /// not a header printed again.
    #[test]
    fn blank_list_items_opening_a_page_are_rows() {
        let xs = [0.0, 150.0, 220.0, 370.0, 440.0];
        let first = page(
            1,
            &xs,
            &[
                "项目 | 预算数 | 项目 | 预算数",
                "一、一般公共预算拨款 | 10.00 | 一、一般公共服务支出 | 10.00",
                " | | 二、国防支出 | ",
            ],
        );
        let second = page(
            2,
            &xs,
            &[" | | 三、债务发行费用支出 | ", " | | 二、年终结转结余 | ", "收入总计 | 10.00 | 支出总计 | 10.00"],
        );
        let (g1, g2) = (find_grids(&first), find_grids(&second));
        let title = parse_title("四、财政拨款收支总表").expect("a title");
        let raw = table_from_grids(title, &[&g1[0], &g2[0]], &mut Vec::new());
        let names: Vec<&str> = raw.rows.iter().map(|r| r.cells[2].as_str()).collect();
        assert_eq!(
            names,
            ["一、一般公共服务支出", "二、国防支出", "三、债务发行费用支出", "二、年终结转结余", "支出总计"]
        );
        assert!(is_data_row(&[String::new(), String::new(), "（廿五）债务发行费用支出".into()]));
        assert!(!is_data_row(&["项目".into(), "预算数".into()]));
    }

    fn paths(raw: &RawTable) -> Vec<&str> {
        raw.columns.iter().map(|c| c.path.as_str()).collect()
    }

    /// Issue 12, pattern 7: `预算单位：长春市信访局` and `单位：万元` printed as
    /// cells of the grid's first row, above the headings.
    #[test]
    fn labels_of_the_page_in_the_grid_are_no_column_group() {
        let xs = [0.0, 120.0, 240.0, 320.0, 400.0];
        let rows = [
            "预算单位：长春市信访局 | | | 单位：万元",
            "科目编码 | 科目名称 | 合计 | 基本支出",
            "201 | 一般公共服务支出 | 10.00 | 6.00",
        ];
        let grids = find_grids(&page(1, &xs, &rows));
        let title = parse_title("三、部门支出总表").expect("a title");
        let raw = table_from_grids(title, &[&grids[0]], &mut Vec::new());
        assert_eq!(paths(&raw), ["科目编码", "科目名称", "合计", "基本支出"]);
        assert_eq!(raw.unit.as_deref(), Some("万元"));
        assert_eq!(raw.rows.len(), 1);
    }

    /// A label beside a heading in the same header row: the heading stays,
    /// the label goes; the unit in a header cell is the table's.
    #[test]
    fn a_label_beside_headings_leaves_them_alone() {
        let xs = [0.0, 120.0, 240.0, 320.0, 400.0];
        let rows = [
            "部门名称：长春市信访局 | | 本年预算 | 单位：元",
            "科目编码 | 科目名称 | 合计 | 基本支出",
            "201 | 一般公共服务支出 | 10.00 | 6.00",
        ];
        let grids = find_grids(&page(1, &xs, &rows));
        let title = parse_title("三、部门支出总表").expect("a title");
        let raw = table_from_grids(title, &[&grids[0]], &mut Vec::new());
        assert_eq!(paths(&raw), ["科目编码", "科目名称", "本年预算/合计", "基本支出"]);
        assert_eq!(raw.unit.as_deref(), Some("元"));
    }

    #[test]
    fn a_narrower_table_on_the_next_page_stays_apart() {
        let xs = [0.0, 60.0, 200.0, 280.0, 360.0];
        let first = page(1, &xs, &["科目编码 | 科目名称 | 合计 | 基本支出", "201 | 一般公共服务支出 | 10.00 | 6.00"]);
        // Two columns under the first table's first two.
        let second = page(2, &[0.0, 60.0, 200.0], &["说明 | 无"]);
        let (g1, g2) = (find_grids(&first), find_grids(&second));
        let title = parse_title("三、部门支出总表").expect("a title");
        let mut findings = Vec::new();
        let raw = table_from_grids(title, &[&g1[0], &g2[0]], &mut findings);
        assert_eq!(raw.rows.len(), 1);
        assert_eq!(findings.len(), 1, "{findings:?}");
    }
}
