//! Reflowing positioned glyphs into lines and runs.

use budget_model::{Glyph, Line, Run};

/// Glyphs drawn twice at almost the same place ("fake bold": the same
/// character printed again shifted by a fraction of a point, right after it
/// or after the whole line) are kept once.
///
/// Positions go in buckets of half a point: a copy within that distance
/// lands in the same or a neighbouring bucket. Each bucket remembers the
/// last glyph kept there per text; a glyph is a copy when one of the 5 × 5
/// buckets around its own holds a glyph of the same text closer than a
/// quarter of its height (at least half a point). They are kept in an
/// ordered map by text (numbered), row and column, so that the five buckets
/// of a row holding the glyph's text are one range (and no hashing of
/// positions a hostile file chooses).
pub(crate) fn drop_fake_bold(glyphs: &mut Vec<Glyph>) {
    use std::collections::{BTreeMap, HashMap};
    // Clamped far beyond any page, so that neighbours never overflow.
    let key = |v: f32| ((v * 2.0).round() as i64).clamp(-(1 << 40), 1 << 40);
    let mut texts: HashMap<&str, u32> = HashMap::new();
    // (text, row, column) → index of the last glyph kept there.
    let mut seen: BTreeMap<(u32, i64, i64), usize> = BTreeMap::new();
    let mut keep = vec![true; glyphs.len()];
    for (i, g) in glyphs.iter().enumerate() {
        let next = texts.len() as u32;
        let text = *texts.entry(g.text.as_str()).or_insert(next);
        let tolerance = (g.height() * 0.25).max(0.5);
        let (kx, ky) = (key(g.x0), key(g.top));
        let close = |(_, &j): (_, &usize)| {
            let k: &Glyph = &glyphs[j];
            (k.x0 - g.x0).abs() < tolerance && (k.top - g.top).abs() < tolerance
        };
        let duplicate = (ky - 2..=ky + 2).any(|row| seen.range((text, row, kx - 2)..=(text, row, kx + 2)).any(close));
        if duplicate {
            keep[i] = false;
        } else {
            seen.insert((text, ky, kx), i);
        }
    }
    let mut flags = keep.into_iter();
    glyphs.retain(|_| flags.next().unwrap_or(true));
}

/// Groups glyphs into lines (by vertical overlap) and each line into runs
/// (split where the gap between glyphs exceeds a third of the text height).
pub(crate) fn build_lines(glyphs: &[Glyph]) -> Vec<Line> {
    let mut order: Vec<(usize, &Glyph)> =
        glyphs.iter().enumerate().filter(|(_, g)| !g.text.trim().is_empty()).collect();
    order.sort_by(|a, b| a.1.cy().total_cmp(&b.1.cy()).then(a.1.x0.total_cmp(&b.1.x0)));
    let mut bands: Vec<Vec<(usize, &Glyph)>> = Vec::new();
    let mut band_bottom = f32::NEG_INFINITY;
    let mut band_top = f32::NEG_INFINITY;
    for (i, g) in order {
        let overlaps = g.cy() <= band_bottom && g.cy() >= band_top;
        match bands.last_mut() {
            Some(band) if overlaps => {
                band.push((i, g));
                band_bottom = band_bottom.max(g.bottom);
            }
            _ => {
                band_top = g.top;
                band_bottom = g.bottom;
                bands.push(vec![(i, g)]);
            }
        }
    }
    bands.into_iter().map(line_from_band).collect()
}

/// The glyphs of a line in reading order: words (glyphs drawn one after
/// the other, each starting where the one before ends) from left to right.
/// Sorting single glyphs would interleave two texts that touch: a label
/// that runs into the amount after it (`…缴费` ending at x 674, `642.962048`
/// starting at 664.8) would read `缴6费42.962048`.
fn reading_order(mut band: Vec<(usize, &Glyph)>) -> Vec<&Glyph> {
    band.sort_by_key(|(i, _)| *i);
    let mut words: Vec<Vec<&Glyph>> = Vec::new();
    for (_, g) in band {
        let overlap = g.height().max(1.0) / 2.0;
        let gap_limit = g.height().max(1.0) / 3.0;
        match words.last_mut() {
            Some(word) if word.last().is_some_and(|p| g.x0 >= p.x1 - overlap && g.x0 <= p.x1 + gap_limit) => {
                word.push(g)
            }
            _ => words.push(vec![g]),
        }
    }
    words.sort_by(|a, b| a[0].x0.total_cmp(&b[0].x0));
    words.into_iter().flatten().collect()
}

fn line_from_band(band: Vec<(usize, &Glyph)>) -> Line {
    let mut runs: Vec<Run> = Vec::new();
    let (mut top, mut bottom) = (f32::INFINITY, f32::NEG_INFINITY);
    for g in reading_order(band) {
        top = top.min(g.top);
        bottom = bottom.max(g.bottom);
        let gap_limit = g.height().max(1.0) / 3.0;
        match runs.last_mut() {
            Some(run) if g.x0 - run.x1 <= gap_limit => {
                run.text.push_str(&g.text);
                run.x1 = run.x1.max(g.x1);
            }
            _ => runs.push(Run { text: g.text.clone(), x0: g.x0, x1: g.x1 }),
        }
    }
    let text = runs.iter().map(|r| r.text.as_str()).collect::<Vec<_>>().join(" ");
    Line { text, runs, top, bottom, after_blank: false, opens_right: false }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(text: &str, x0: f32, top: f32) -> Glyph {
        Glyph { text: text.into(), x0, x1: x0 + 10.0, top, bottom: top + 10.0 }
    }

    #[test]
    fn glyphs_become_lines_and_runs() {
        let glyphs = vec![g("合", 0.0, 100.0), g("计", 10.0, 100.5), g("1", 60.0, 101.0), g("下", 0.0, 120.0)];
        let lines = build_lines(&glyphs);
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].text, "合计 1");
        assert_eq!(lines[0].runs.len(), 2);
        assert_eq!(lines[0].runs[1].x0, 60.0);
        assert_eq!(lines[1].text, "下");
    }

    #[test]
    fn a_label_touching_its_amount_is_not_interleaved_with_it() {
        // 缴费 drawn first, then the amount starting 0.2 before 费 ends.
        let glyphs = vec![g("缴", 656.0, 318.0), g("费", 665.0, 318.0), g("6", 664.8, 318.0), g("4", 674.0, 318.0)];
        let lines = build_lines(&glyphs);
        assert_eq!(lines[0].text, "缴费64");
        // Glyphs drawn in any order still read left to right.
        let glyphs = vec![g("b", 10.0, 0.0), g("a", 0.0, 0.0), g("c", 40.0, 0.0)];
        assert_eq!(build_lines(&glyphs)[0].text, "ab c");
    }

    #[test]
    fn fake_bold_copies_are_dropped() {
        let mut glyphs = vec![g("表", 0.0, 0.0), g("表", 0.4, 0.2), g("表", 10.0, 0.0)];
        drop_fake_bold(&mut glyphs);
        assert_eq!(glyphs.len(), 2);
        // The whole title drawn again after itself.
        let mut title: Vec<Glyph> = (0..20).map(|i| g("字", i as f32 * 10.0, 0.0)).collect();
        title.extend((0..20).map(|i| g("字", i as f32 * 10.0 + 0.3, 0.3)));
        drop_fake_bold(&mut title);
        assert_eq!(title.len(), 20);
    }

    /// The first form of [`drop_fake_bold`], with a hash map of (text,
    /// bucket), as the reference.
    fn drop_fake_bold_by_hash(glyphs: &mut Vec<Glyph>) {
        use std::collections::HashMap;
        let key = |v: f32| (v * 2.0).round() as i64;
        let mut seen: HashMap<(&str, i64, i64), usize> = HashMap::new();
        let mut keep = vec![true; glyphs.len()];
        for (i, g) in glyphs.iter().enumerate() {
            let tolerance = (g.height() * 0.25).max(0.5);
            let (kx, ky) = (key(g.x0), key(g.top));
            let duplicate = (-2..=2).any(|dx| {
                (-2..=2).any(|dy| {
                    seen.get(&(g.text.as_str(), kx + dx, ky + dy)).is_some_and(|&j| {
                        let k = &glyphs[j];
                        (k.x0 - g.x0).abs() < tolerance && (k.top - g.top).abs() < tolerance
                    })
                })
            });
            if duplicate {
                keep[i] = false;
            } else {
                seen.insert((g.text.as_str(), kx, ky), i);
            }
        }
        let mut flags = keep.into_iter();
        glyphs.retain(|_| flags.next().unwrap_or(true));
    }

    #[test]
    fn fake_bold_is_dropped_as_by_the_hash_map() {
        // Glyphs of a few texts crowded on a small area, in many sizes, so
        // that buckets hold several texts and copies fall on bucket edges.
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = |n: u64| {
            state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            (state >> 33) % n
        };
        for _ in 0..50 {
            let glyphs: Vec<Glyph> = (0..400)
                .map(|_| {
                    let text = ["一", "二", "1", "."][next(4) as usize];
                    let (x0, top, h) = (next(400) as f32 / 13.0, next(400) as f32 / 13.0, 1.0 + next(16) as f32);
                    Glyph { text: text.into(), x0, x1: x0 + h, top, bottom: top + h }
                })
                .collect();
            let (mut ours, mut reference) = (glyphs.clone(), glyphs);
            drop_fake_bold(&mut ours);
            drop_fake_bold_by_hash(&mut reference);
            assert!(ours.len() < 400, "some glyphs are copies");
            assert_eq!(ours, reference);
        }
    }
}
