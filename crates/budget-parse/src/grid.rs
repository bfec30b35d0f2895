//! Ruled tables: from ruling segments and glyph boxes to a grid of cells.
//!
//! Horizontal and vertical rules that touch form a table. Their distinct
//! positions cut the table into base cells; where a rule is missing between
//! two base cells, the printed cell spans both (a merged cell). Each glyph
//! goes to the cell its centre falls in, and a cell's glyphs are read line by
//! line, left to right, the wrapped lines joined — so a name wrapped over
//! three lines or an amount broken as `93` / `59` / `.3` / `0` comes back
//! whole.

use budget_model::{Glyph, Page, Rule};

use crate::norm::join_wrapped;

/// Positions closer than this (points) are one rule position.
const SNAP: f32 = 2.0;
/// Bands thinner than this are double rules, not rows or columns.
const MIN_BAND: f32 = 2.5;

/// A merged cell: base rows `r0..r1`, base columns `c0..c1`.
#[derive(Debug, Clone, PartialEq)]
pub struct Region {
    /// First base row.
    pub r0: usize,
    /// One past the last base row.
    pub r1: usize,
    /// First base column.
    pub c0: usize,
    /// One past the last base column.
    pub c1: usize,
    /// The cell's text, wrapped lines joined.
    pub text: String,
}

/// A ruled table on one page.
#[derive(Debug, Clone)]
pub struct Grid {
    /// 1-based page.
    pub page: u32,
    /// Column boundaries, left to right.
    pub xs: Vec<f32>,
    /// Row boundaries, top to bottom.
    pub ys: Vec<f32>,
    /// The cells.
    pub regions: Vec<Region>,
    /// Base cell `r * cols + c` → index into `regions`.
    cell_region: Vec<usize>,
}

impl Grid {
    /// Number of base rows.
    pub fn rows(&self) -> usize {
        self.ys.len().saturating_sub(1)
    }

    /// Number of base columns.
    pub fn cols(&self) -> usize {
        self.xs.len().saturating_sub(1)
    }

    /// Index of the region covering base cell (`r`, `c`).
    pub fn region_index(&self, r: usize, c: usize) -> usize {
        self.cell_region[r * self.cols() + c]
    }

    /// The region covering base cell (`r`, `c`).
    pub fn region(&self, r: usize, c: usize) -> &Region {
        &self.regions[self.region_index(r, c)]
    }

    /// Top edge.
    pub fn top(&self) -> f32 {
        self.ys[0]
    }

    /// Bottom edge.
    pub fn bottom(&self) -> f32 {
        self.ys[self.ys.len() - 1]
    }

    /// True when the point lies inside the grid.
    pub fn contains(&self, x: f32, y: f32) -> bool {
        x >= self.xs[0] && x <= self.xs[self.xs.len() - 1] && y >= self.top() && y <= self.bottom()
    }
}

/// Finds the ruled tables of a page.
pub fn find_grids(page: &Page) -> Vec<Grid> {
    let (h, v) = split_rules(&page.rules);
    let h = merge_collinear(h, true);
    let v = merge_collinear(v, false);
    let mut grids: Vec<Grid> = components(&h, &v).into_iter().filter_map(|(hs, vs)| build(page, &hs, &vs)).collect();
    grids.sort_by(|a, b| a.top().total_cmp(&b.top()));
    grids
}

fn split_rules(rules: &[Rule]) -> (Vec<Rule>, Vec<Rule>) {
    let mut h = Vec::new();
    let mut v = Vec::new();
    for r in rules {
        let (w, ht) = (r.x1 - r.x0, r.y1 - r.y0);
        if ht <= 1.0 && w >= 2.0 {
            let y = (r.y0 + r.y1) / 2.0;
            h.push(Rule::new(r.x0, y, r.x1, y));
        } else if w <= 1.0 && ht >= 2.0 {
            let x = (r.x0 + r.x1) / 2.0;
            v.push(Rule::new(x, r.y0, x, r.y1));
        }
    }
    (h, v)
}

/// Joins segments on one line that touch or overlap.
fn merge_collinear(mut rules: Vec<Rule>, horizontal: bool) -> Vec<Rule> {
    let key = |r: &Rule| if horizontal { (r.y0, r.x0) } else { (r.x0, r.y0) };
    rules.sort_by(|a, b| {
        let (ka, kb) = (key(a), key(b));
        ka.0.total_cmp(&kb.0).then(ka.1.total_cmp(&kb.1))
    });
    let mut out: Vec<Rule> = Vec::with_capacity(rules.len());
    // Rules are sorted by position then start; a rule merges into a recent
    // kept rule at (nearly) the same position whose extent it overlaps or
    // touches (positions differ by float noise, so starts are not ordered
    // across such rules: both ends are compared).
    for r in rules {
        let merged = out.iter_mut().rev().take(16).find(|o| {
            if horizontal {
                (o.y0 - r.y0).abs() <= 1.0 && r.x0 <= o.x1 + 1.5 && r.x1 >= o.x0 - 1.5
            } else {
                (o.x0 - r.x0).abs() <= 1.0 && r.y0 <= o.y1 + 1.5 && r.y1 >= o.y0 - 1.5
            }
        });
        match merged {
            Some(o) if horizontal => {
                o.x0 = o.x0.min(r.x0);
                o.x1 = o.x1.max(r.x1);
            }
            Some(o) => {
                o.y0 = o.y0.min(r.y0);
                o.y1 = o.y1.max(r.y1);
            }
            None => out.push(r),
        }
    }
    out
}

/// Groups horizontal and vertical rules that touch into tables.
fn components(h: &[Rule], v: &[Rule]) -> Vec<(Vec<Rule>, Vec<Rule>)> {
    let n = h.len() + v.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(p: &mut [usize], mut i: usize) -> usize {
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }
    for (i, a) in h.iter().enumerate() {
        for (j, b) in v.iter().enumerate() {
            let touch = b.x0 >= a.x0 - SNAP && b.x0 <= a.x1 + SNAP && a.y0 >= b.y0 - SNAP && a.y0 <= b.y1 + SNAP;
            if touch {
                let (ri, rj) = (find(&mut parent, i), find(&mut parent, h.len() + j));
                parent[ri] = rj;
            }
        }
    }
    let mut groups: std::collections::BTreeMap<usize, (Vec<Rule>, Vec<Rule>)> = Default::default();
    for i in 0..n {
        let root = find(&mut parent, i);
        let entry = groups.entry(root).or_default();
        if i < h.len() {
            entry.0.push(h[i]);
        } else {
            entry.1.push(v[i - h.len()]);
        }
    }
    groups.into_values().filter(|(hs, vs)| hs.len() >= 2 && vs.len() >= 2).collect()
}

/// Distinct positions, nearby ones snapped together, thin bands dropped.
fn positions(mut values: Vec<f32>) -> Vec<f32> {
    values.sort_by(f32::total_cmp);
    // Each cluster is measured from its first value, so that a dense run of
    // positions cannot chain into one wide cluster.
    let mut clusters: Vec<(f32, f32, usize)> = Vec::new();
    for v in values {
        match clusters.last_mut() {
            Some((first, sum, count)) if v - *first <= SNAP => {
                *sum += v;
                *count += 1;
            }
            _ => clusters.push((v, v, 1)),
        }
    }
    let mut out: Vec<f32> = Vec::new();
    for (_, sum, count) in clusters {
        let p = sum / count as f32;
        match out.last() {
            Some(&last) if p - last < MIN_BAND => {}
            _ => out.push(p),
        }
    }
    out
}

fn build(page: &Page, h: &[Rule], v: &[Rule]) -> Option<Grid> {
    let xs = positions(v.iter().map(|r| r.x0).collect());
    let ys = positions(h.iter().map(|r| r.y0).collect());
    if xs.len() < 2 || ys.len() < 2 {
        return None;
    }
    let (rows, cols) = (ys.len() - 1, xs.len() - 1);
    let vwall = |r: usize, c: usize| covers(v, xs[c], ys[r], ys[r + 1], false);
    let hwall = |r: usize, c: usize| covers(h, ys[r], xs[c], xs[c + 1], true);
    let mut parent: Vec<usize> = (0..rows * cols).collect();
    fn find(p: &mut [usize], mut i: usize) -> usize {
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }
    for r in 0..rows {
        for c in 0..cols {
            if c + 1 < cols && !vwall(r, c + 1) {
                let (a, b) = (find(&mut parent, r * cols + c), find(&mut parent, r * cols + c + 1));
                parent[a] = b;
            }
            if r + 1 < rows && !hwall(r + 1, c) {
                let (a, b) = (find(&mut parent, r * cols + c), find(&mut parent, (r + 1) * cols + c));
                parent[a] = b;
            }
        }
    }
    let mut region_of_root: std::collections::HashMap<usize, usize> = Default::default();
    let mut regions: Vec<Region> = Vec::new();
    let mut cell_region = vec![0; rows * cols];
    for r in 0..rows {
        for c in 0..cols {
            let root = find(&mut parent, r * cols + c);
            let idx = *region_of_root.entry(root).or_insert_with(|| {
                regions.push(Region { r0: r, r1: r + 1, c0: c, c1: c + 1, text: String::new() });
                regions.len() - 1
            });
            let reg = &mut regions[idx];
            reg.r0 = reg.r0.min(r);
            reg.r1 = reg.r1.max(r + 1);
            reg.c0 = reg.c0.min(c);
            reg.c1 = reg.c1.max(c + 1);
            cell_region[r * cols + c] = idx;
        }
    }
    let mut grid = Grid { page: page.number, xs, ys, regions, cell_region };
    fill_text(&mut grid, &page.glyphs);
    Some(grid)
}

/// True when some rule at `at` covers most of the span `from..to`.
fn covers(rules: &[Rule], at: f32, from: f32, to: f32, horizontal: bool) -> bool {
    let need = (to - from) * 0.5;
    rules.iter().any(|r| {
        let (pos, a, b) = if horizontal { (r.y0, r.x0, r.x1) } else { (r.x0, r.y0, r.y1) };
        (pos - at).abs() <= SNAP && (b.min(to) - a.max(from)) >= need
    })
}

fn band(bounds: &[f32], v: f32) -> Option<usize> {
    if v < bounds[0] || v > bounds[bounds.len() - 1] {
        return None;
    }
    let i = bounds.partition_point(|&b| b <= v);
    Some(i.saturating_sub(1).min(bounds.len() - 2))
}

/// How far a glyph's top may reach above its row's top rule, as a share of
/// its height, before it is taken for text the cell above runs over into.
const OVERSHOOT: f32 = 0.1;

fn fill_text(grid: &mut Grid, glyphs: &[Glyph]) {
    let mut per_region: Vec<Vec<&Glyph>> = vec![Vec::new(); grid.regions.len()];
    let mut placed: Vec<(&Glyph, usize, usize)> = Vec::new();
    for g in glyphs {
        if let (Some(c), Some(r)) = (band(&grid.xs, g.cx()), band(&grid.ys, g.cy())) {
            per_region[grid.region_index(r, c)].push(g);
            placed.push((g, r, c));
        }
    }
    // A wrapped cell whose lines, printed from its top down, do not fit its
    // row prints the last of them across the rule below (`示、推介` under
    // `优，对京津冀协同发` / `展成效进行宣传、展`, over the `30` of the row
    // below): a line that starts above its row's top rule, right under the
    // last line of a cell above whose text starts at its top, is that
    // cell's, where its own cell holds text of its own. (Text centred in a
    // cell it overflows runs over both rules, and stays where its middle is;
    // so does a line of the text its own cell centres and overflows.)
    let runs_over = |g: &Glyph, r: usize, c: usize| -> Option<(usize, usize)> {
        if r == 0 || grid.ys[r] - g.top <= g.height() * OVERSHOOT {
            return None;
        }
        let (above, own) = (grid.region_index(r - 1, c), grid.region_index(r, c));
        if above == own {
            return None;
        }
        let top_of = |region: usize| grid.ys[grid.regions[region].r0];
        let (own_top, own_bottom) = (top_of(own), grid.ys[grid.regions[own].r1]);
        let span = per_region[own].iter().fold((g.top, g.bottom), |(t, b), h| (t.min(h.top), b.max(h.bottom)));
        let centred = ((span.0 + span.1) - (own_top + own_bottom)).abs() / 2.0 <= g.height() * 0.25;
        if centred && span.1 - span.0 > own_bottom - own_top {
            return None;
        }
        let texts = &per_region[above];
        let from_top =
            texts.iter().map(|h| h.top).min_by(f32::total_cmp).is_some_and(|t| t - top_of(above) < g.height());
        let continues = texts.iter().any(|h| h.bottom <= g.top + 0.5 && g.top - h.bottom < g.height() * 0.5);
        let others_below = per_region[own].iter().any(|h| h.top >= top_of(own));
        (from_top && continues && others_below).then_some((own, above))
    };
    let moves: Vec<(&Glyph, (usize, usize))> =
        placed.iter().filter_map(|&(g, r, c)| runs_over(g, r, c).map(|m| (g, m))).collect();
    for (g, (from, to)) in moves {
        per_region[from].retain(|h| !std::ptr::eq(*h, g));
        per_region[to].push(g);
    }
    for (i, gs) in per_region.into_iter().enumerate() {
        grid.regions[i].text = cell_text(gs);
    }
}

/// A cell's glyphs read as text: lines by vertical position, left to right
/// within a line (a space where a gap is wider than half the glyph height),
/// lines joined without separator.
pub(crate) fn cell_text(mut gs: Vec<&Glyph>) -> String {
    gs.sort_by(|a, b| a.cy().total_cmp(&b.cy()));
    let mut lines: Vec<Vec<&Glyph>> = Vec::new();
    for g in gs {
        match lines.last_mut() {
            Some(line) if (g.cy() - line[0].cy()).abs() < line[0].height().max(g.height()) * 0.5 => line.push(g),
            _ => lines.push(vec![g]),
        }
    }
    let lines: Vec<Vec<&Glyph>> = lines.into_iter().flat_map(split_colliding).collect();
    let texts: Vec<String> = lines
        .into_iter()
        .map(|mut line| {
            line.sort_by(|a, b| a.x0.total_cmp(&b.x0));
            let mut s = String::new();
            let mut last_x1: Option<f32> = None;
            for g in line {
                if let Some(x1) = last_x1 {
                    if g.x0 - x1 > g.height() * 0.5 {
                        s.push(' ');
                    }
                }
                s.push_str(&g.text);
                last_x1 = Some(last_x1.map_or(g.x1, |x: f32| x.max(g.x1)));
            }
            s
        })
        .collect();
    join_wrapped(texts.iter().map(String::as_str))
}

/// A line of a cell whose glyphs collide, one drawn over another at a
/// slightly different height, is two lines: the end of a label wrapped from
/// the row above (`缴费支出`, 6 points higher) over the code that opens this
/// row's (`2080506-…`), which read by x alone would interleave
/// (`缴20费80支50出6`). It is cut at the widest vertical gap between glyphs.
fn split_colliding(mut line: Vec<&Glyph>) -> Vec<Vec<&Glyph>> {
    let collide = line.iter().enumerate().any(|(i, a)| {
        line[i + 1..].iter().any(|b| {
            let overlap = a.x1.min(b.x1) - a.x0.max(b.x0);
            overlap > 0.5 * (a.x1 - a.x0).min(b.x1 - b.x0) && (a.cy() - b.cy()).abs() > 0.2 * a.height().max(b.height())
        })
    });
    if !collide || line.len() < 2 {
        return vec![line];
    }
    line.sort_by(|a, b| a.cy().total_cmp(&b.cy()));
    let cut = (1..line.len()).max_by(|&i, &j| {
        let gap = |k: usize| line[k].cy() - line[k - 1].cy();
        gap(i).total_cmp(&gap(j))
    });
    match cut {
        Some(k) => {
            let lower = line.split_off(k);
            vec![line, lower]
        }
        None => vec![line],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 北京 支出总表 (nat_054 p. 5): `缴费支出` wrapped from the row above,
    /// 4 points higher than and over `2080506`.
    #[test]
    fn colliding_glyphs_of_two_lines_do_not_interleave() {
        let g = |t: &str, x: f32, y: f32| Glyph { text: t.into(), x0: x, x1: x + 9.0, top: y, bottom: y + 9.0 };
        let tail = ["缴", "费", "支", "出"].iter().enumerate().map(|(i, t)| g(t, 26.0 + 9.0 * i as f32, 138.0));
        let code =
            ["2", "0", "8", "0", "5", "0", "6"].iter().enumerate().map(|(i, t)| g(t, 26.0 + 5.0 * i as f32, 142.0));
        let glyphs: Vec<Glyph> = tail.chain(code).collect();
        assert_eq!(cell_text(glyphs.iter().collect()), "缴费支出2080506");
    }

    fn glyph(t: &str, x: f32, y: f32) -> Glyph {
        Glyph { text: t.into(), x0: x, x1: x + 8.0, top: y, bottom: y + 8.0 }
    }

    /// A 3×3 ruled table whose top row merges its last two cells.
    fn page() -> Page {
        let mut p = Page::new(1);
        for y in [0.0, 20.0, 40.0, 60.0] {
            p.rules.push(Rule::new(0.0, y, 300.0, y));
        }
        for x in [0.0, 100.0, 300.0] {
            p.rules.push(Rule::new(x, 0.0, x, 60.0));
        }
        p.rules.push(Rule::new(200.0, 20.0, 200.0, 60.0));
        p.glyphs = vec![
            glyph("名", 10.0, 5.0),
            glyph("支", 150.0, 5.0),
            glyph("合", 10.0, 25.0),
            glyph("1", 110.0, 22.0),
            glyph(".", 118.0, 22.0),
            glyph("5", 110.0, 30.0),
            glyph("2", 210.0, 25.0),
        ];
        p
    }

    #[test]
    fn rules_make_cells_and_missing_rules_merge_them() {
        let grids = find_grids(&page());
        assert_eq!(grids.len(), 1);
        let g = &grids[0];
        assert_eq!((g.rows(), g.cols()), (3, 3));
        assert_eq!(g.region(0, 1), g.region(0, 2));
        assert_eq!(g.region(0, 1).text, "支");
        assert_ne!(g.region(1, 1), g.region(1, 2));
        assert_eq!(g.region(1, 1).text, "1.5");
        assert_eq!(g.region(1, 2).text, "2");
    }

    /// 北京 项目支出绩效目标表 (nat_034 p. 32): a value wrapped over three
    /// lines from its cell's top, in a row two lines high, prints its last
    /// line across the rule below (`示、推介`, 1.4 points above it); the row
    /// below keeps its own `30`. Text centred in a cell it overflows, which
    /// starts below the top of the cell above, stays where its middle is.
    #[test]
    fn a_wrapped_line_run_over_the_rule_below_stays_in_its_cell() {
        let line = |text: &str, x: f32, top: f32| -> Vec<Glyph> {
            text.chars()
                .enumerate()
                .map(|(i, ch)| Glyph {
                    text: ch.to_string(),
                    x0: x + 7.4 * i as f32,
                    x1: x + 7.4 * (i + 1) as f32,
                    top,
                    bottom: top + 7.4,
                })
                .collect()
        };
        let grid_page = |glyphs: Vec<Glyph>| {
            let mut p = Page::new(32);
            for y in [230.2, 250.8, 271.4, 292.1] {
                p.rules.push(Rule::new(620.0, y, 740.0, y));
            }
            for x in [620.0, 668.0, 740.0] {
                p.rules.push(Rule::new(x, 230.2, x, 292.1));
            }
            p.glyphs = glyphs;
            find_grids(&p).remove(0)
        };
        let mut glyphs = line("定性", 623.0, 257.6);
        glyphs.extend(line("优，对京津冀协同发", 670.5, 251.9));
        glyphs.extend(line("展成效进行宣传、展", 670.5, 261.0));
        glyphs.extend(line("示、推介", 670.5, 270.0));
        glyphs.extend(line("≤", 623.0, 278.3));
        glyphs.extend(line("30", 670.5, 278.3));
        let g = grid_page(glyphs);
        assert_eq!(g.region(1, 1).text, "优，对京津冀协同发展成效进行宣传、展示、推介");
        assert_eq!(g.region(2, 1).text, "30");
        // The texts of the first two rows' value cells, from lines of it.
        let two_cells = |lines: &[(&str, f32)]| {
            let g = grid_page(lines.iter().flat_map(|&(text, top)| line(text, 670.5, top)).collect());
            (g.region(0, 1).text.clone(), g.region(1, 1).text.clone())
        };
        // The cell above centres its text, starting 10 points below its top:
        // the line across the rule, right under it, is the lower cell's.
        let centred = two_cells(&[("项目名称", 240.0), ("成本监审", 248.0), ("工作经费", 257.0)]);
        assert_eq!(centred, ("项目名称".to_string(), "成本监审工作经费".to_string()));
        // An amount printed across the rule under a heading that starts at
        // its cell's top is the row's where nothing else is in its cell.
        let alone = two_cells(&[("财政资金", 237.0), ("142.00", 248.0)]);
        assert_eq!(alone, ("财政资金".to_string(), "142.00".to_string()));
    }

    /// 上海 财政拨款收支总表 (nat_019 p. 10): a name wrapped in a row one line
    /// high is centred in it and runs over both its rules. Its first line,
    /// 1.3 points above the rule, right under the centred line of the cell
    /// above, stays with its second.
    #[test]
    fn a_wrapped_name_centred_over_both_rules_stays_in_its_cell() {
        let mut p = Page::new(10);
        for y in [188.5, 210.7, 232.9, 255.1] {
            p.rules.push(Rule::new(57.8, y, 263.0, y));
        }
        for x in [57.8, 167.0, 263.0] {
            p.rules.push(Rule::new(x, 188.5, x, 255.1));
        }
        for (text, x, top) in [
            ("一、一般公共预算", 59.0, 194.3),
            ("二、政府性基金预算", 59.0, 216.5),
            ("三、国有资本经营预", 59.0, 231.6),
            ("算", 59.0, 246.0),
            ("215,020,000", 203.0, 216.5),
        ] {
            let w = if text.is_ascii() { 5.3 } else { 10.5 };
            p.glyphs.extend(text.chars().enumerate().map(|(i, ch)| Glyph {
                text: ch.to_string(),
                x0: x + w * i as f32,
                x1: x + w * (i + 1) as f32,
                top,
                bottom: top + 10.6,
            }));
        }
        let g = find_grids(&p).remove(0);
        assert_eq!(g.region(1, 0).text, "二、政府性基金预算");
        assert_eq!(g.region(2, 0).text, "三、国有资本经营预算");
        assert_eq!(g.region(1, 1).text, "215,020,000");
    }

    #[test]
    fn snapped_positions() {
        assert_eq!(positions(vec![10.0, 10.5, 11.0, 50.0, 51.0]), vec![10.5, 50.5]);
    }
}
