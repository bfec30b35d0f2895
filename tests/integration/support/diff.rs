//! A line diff for failures: a shortest edit script (Myers' O(ND)
//! algorithm) printed as unified-diff hunks with a few lines of context.

/// Unchanged lines shown around each change.
const CONTEXT: usize = 3;
/// Past this many edits between the common start and end of two texts,
/// their middle counts as replaced wholesale: searching further would take
/// memory quadratic in the number of edits.
const MAX_EDITS: usize = 1000;
/// Characters of a line shown before the rest is cut.
const MAX_LINE: usize = 400;

/// One step of an edit script: a line kept, dropped from the first text or
/// added from the second.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Op {
    Same,
    Delete,
    Insert,
}

/// The lines `actual` drops from `expected` (`-`) and adds (`+`), as
/// unified-diff hunks with three lines of context; after `max` such lines,
/// only how many more there are.
pub fn diff(expected: &str, actual: &str, max: usize) -> String {
    let (a, b): (Vec<&str>, Vec<&str>) = (expected.lines().collect(), actual.lines().collect());
    let ops = edit_script(&a, &b);
    if ops.iter().all(|op| *op == Op::Same) {
        return "(the same lines: the texts differ in line ends or the final newline)\n".to_string();
    }
    hunks(&ops, &a, &b, max)
}

/// The edits from `a` to `b`: the common start and end kept, a shortest
/// script for the middle, or the whole middle replaced past `MAX_EDITS`.
fn edit_script(a: &[&str], b: &[&str]) -> Vec<Op> {
    let start = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[start..], &b[start..]);
    let end = a.iter().rev().zip(b.iter().rev()).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[..a.len() - end], &b[..b.len() - end]);
    let mut ops = vec![Op::Same; start];
    match shortest(a, b) {
        Some(middle) => ops.extend(middle),
        None => ops.extend([vec![Op::Delete; a.len()], vec![Op::Insert; b.len()]].concat()),
    }
    ops.extend(vec![Op::Same; end]);
    ops
}

/// Myers' greedy search: round `d` finds, on each diagonal `k = x - y`,
/// the furthest `x` a path of `d` edits reaches; the first to reach the end
/// of both texts is a shortest script, walked back through the kept rounds.
/// `None` when it takes more than `MAX_EDITS` edits.
fn shortest(a: &[&str], b: &[&str]) -> Option<Vec<Op>> {
    let (n, m) = (a.len() as isize, b.len() as isize);
    let most = (n + m).min(MAX_EDITS as isize);
    let offset = most + 1;
    let mut v = vec![0isize; 2 * offset as usize + 1];
    let mut rounds: Vec<Vec<isize>> = Vec::new();
    for d in 0..=most {
        // The diagonals round `d` reads, as the rounds before left them.
        rounds.push(v[(offset - d - 1) as usize..=(offset + d + 1) as usize].to_vec());
        for k in (-d..=d).step_by(2) {
            let i = (offset + k) as usize;
            let mut x = if k == -d || (k != d && v[i - 1] < v[i + 1]) { v[i + 1] } else { v[i - 1] + 1 };
            let mut y = x - k;
            while x < n && y < m && a[x as usize] == b[y as usize] {
                (x, y) = (x + 1, y + 1);
            }
            v[i] = x;
            if x >= n && y >= m {
                return Some(walk_back(&rounds, n, m));
            }
        }
    }
    None
}

/// The script of the path that ends at `(n, m)`, from the diagonals each
/// round started with (`rounds[d]` holds diagonals `-d-1..=d+1`).
fn walk_back(rounds: &[Vec<isize>], n: isize, m: isize) -> Vec<Op> {
    let (mut x, mut y) = (n, m);
    let mut ops = Vec::new();
    for (d, v) in rounds.iter().enumerate().rev() {
        let d = d as isize;
        let at = |k: isize| v[(k + d + 1) as usize];
        let k = x - y;
        let from = if k == -d || (k != d && at(k - 1) < at(k + 1)) { k + 1 } else { k - 1 };
        let (from_x, from_y) = (at(from), at(from) - from);
        while x > from_x && y > from_y {
            ops.push(Op::Same);
            (x, y) = (x - 1, y - 1);
        }
        if d > 0 {
            ops.push(if x == from_x { Op::Insert } else { Op::Delete });
        }
        (x, y) = (from_x, from_y);
    }
    ops.reverse();
    ops
}

/// The script as unified-diff hunks: changes closer than twice the context
/// share a hunk; `max` changed lines at most, then a count of the rest.
fn hunks(ops: &[Op], a: &[&str], b: &[&str], max: usize) -> String {
    // Where each step starts in `a` and in `b`.
    let mut at = Vec::with_capacity(ops.len() + 1);
    let (mut i, mut j) = (0, 0);
    for op in ops {
        at.push((i, j));
        i += usize::from(*op != Op::Insert);
        j += usize::from(*op != Op::Delete);
    }
    let mut spans: Vec<(usize, usize)> = Vec::new();
    for c in (0..ops.len()).filter(|&c| ops[c] != Op::Same) {
        let (start, end) = (c.saturating_sub(CONTEXT), (c + 1 + CONTEXT).min(ops.len()));
        match spans.last_mut() {
            Some(span) if start <= span.1 => span.1 = end,
            _ => spans.push((start, end)),
        }
    }
    let changed = ops.iter().filter(|op| **op != Op::Same).count();
    let (mut out, mut shown) = (String::new(), 0);
    'spans: for (start, end) in spans {
        let steps = &ops[start..end];
        let old = steps.iter().filter(|op| **op != Op::Insert).count();
        let new = steps.iter().filter(|op| **op != Op::Delete).count();
        out.push_str(&format!("@@ -{} +{} @@\n", range(at[start].0, old), range(at[start].1, new)));
        for (step, op) in steps.iter().enumerate() {
            let (i, j) = at[start + step];
            let (mark, text) = match op {
                Op::Same => (' ', a[i]),
                Op::Delete => ('-', a[i]),
                Op::Insert => ('+', b[j]),
            };
            if *op != Op::Same {
                if shown == max {
                    break 'spans;
                }
                shown += 1;
            }
            out.push(mark);
            out.push_str(&cut(text));
            out.push('\n');
        }
    }
    if shown < changed {
        out.push_str(&format!("… {} more changed lines\n", changed - shown));
    }
    out
}

/// A hunk's range as unified diffs print it: the first line (1-based) and
/// the count when not 1; an empty range names the line before it.
fn range(start: usize, count: usize) -> String {
    match count {
        0 => format!("{start},0"),
        1 => format!("{}", start + 1),
        _ => format!("{},{count}", start + 1),
    }
}

/// `line`, its first `MAX_LINE` characters when longer.
fn cut(line: &str) -> String {
    match line.char_indices().nth(MAX_LINE) {
        Some((end, _)) => format!("{}…", &line[..end]),
        None => line.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::{diff, edit_script, Op};

    fn lines(range: std::ops::RangeInclusive<usize>) -> Vec<String> {
        range.map(|n| format!("line {n}")).collect()
    }

    fn count(diff: &str, mark: char) -> usize {
        diff.lines().filter(|l| l.starts_with(mark)).count()
    }

    #[test]
    fn one_inserted_line_is_one_added_line_in_its_context() {
        let expected = lines(1..=10);
        let mut actual = expected.clone();
        actual.insert(4, "new".to_string());
        let d = diff(&expected.join("\n"), &actual.join("\n"), 20);
        assert_eq!(d, "@@ -2,6 +2,7 @@\n line 2\n line 3\n line 4\n+new\n line 5\n line 6\n line 7\n");
    }

    #[test]
    fn a_changed_line_is_one_line_dropped_and_one_added() {
        let d = diff("a\nb\nc\n", "a\nB\nc\n", 20);
        assert_eq!(d, "@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n");
    }

    #[test]
    fn lines_added_to_an_empty_text_and_dropped_at_the_end() {
        assert_eq!(diff("", "a\n", 20), "@@ -0,0 +1 @@\n+a\n");
        assert_eq!(diff("a\nb\n", "a\n", 20), "@@ -1,2 +1 @@\n a\n-b\n");
    }

    #[test]
    fn the_script_is_a_shortest_one() {
        // Longest common subsequence 4 (e.g. c b a b … or b a b a): three
        // lines dropped, two added.
        let d = diff("a\nb\nc\na\nb\nb\na", "c\nb\na\nb\na\nc", 20);
        assert_eq!((count(&d, '-'), count(&d, '+')), (3, 2), "{d}");
    }

    /// Up to nine lines, each `a`, `b` or `c`, from a linear congruential
    /// generator.
    fn random_text(seed: &mut u32) -> Vec<&'static str> {
        let mut next = || {
            *seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            *seed >> 16
        };
        let len = next() % 10;
        (0..len).map(|_| ["a", "b", "c"][(next() % 3) as usize]).collect()
    }

    /// The script of random short texts, checked against the texts and the
    /// length of their longest common subsequence.
    #[test]
    fn every_script_turns_the_first_text_into_the_second_in_fewest_edits() {
        let mut seed = 2024;
        for _ in 0..2000 {
            let (a, b) = (random_text(&mut seed), random_text(&mut seed));
            let ops = edit_script(&a, &b);
            let (mut i, mut kept, mut built) = (0, 0, Vec::new());
            for op in &ops {
                match op {
                    Op::Same => {
                        built.push(a[i]);
                        (i, kept) = (i + 1, kept + 1);
                    }
                    Op::Delete => i += 1,
                    Op::Insert => built.push(b[built.len()]),
                }
            }
            assert_eq!((i, &built), (a.len(), &b), "{a:?} {b:?} {ops:?}");
            assert_eq!(kept, lcs(&a, &b), "{a:?} {b:?} {ops:?}");
        }
    }

    fn lcs(a: &[&str], b: &[&str]) -> usize {
        let mut row = vec![0; b.len() + 1];
        for x in a {
            let mut diagonal = 0;
            for (j, y) in b.iter().enumerate() {
                let up = row[j + 1];
                row[j + 1] = if x == y { diagonal + 1 } else { up.max(row[j]) };
                diagonal = up;
            }
        }
        row[b.len()]
    }

    #[test]
    fn changes_far_apart_are_separate_hunks() {
        let expected = lines(1..=30);
        let mut actual = expected.clone();
        actual[2] = "two".to_string();
        actual[25] = "twenty-five".to_string();
        let d = diff(&expected.join("\n"), &actual.join("\n"), 20);
        let heads: Vec<&str> = d.lines().filter(|l| l.starts_with("@@")).collect();
        assert_eq!(heads, ["@@ -1,6 +1,6 @@", "@@ -23,7 +23,7 @@"], "{d}");
    }

    #[test]
    fn a_wholesale_change_prints_at_most_max_changed_lines() {
        // More edits than a shortest script is searched for, too.
        let (expected, actual) = (lines(1..=800), lines(801..=1600));
        let d = diff(&expected.join("\n"), &actual.join("\n"), 20);
        assert_eq!(count(&d, '-') + count(&d, '+'), 20, "{d}");
        assert!(d.ends_with("… 1580 more changed lines\n"), "{d}");
        let long = "x".repeat(10_000);
        assert!(diff(&long, "", 20).len() < 1000);
    }

    #[test]
    fn texts_that_differ_in_line_ends_only_say_so() {
        assert!(diff("a\r\nb\n", "a\nb", 20).starts_with("(the same lines"));
    }
}
