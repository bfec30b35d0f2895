//! A table of many projects in text without layout, each project's name,
//! funds and goal printed once beside all its indicator rows:
//!
//! ```text
//! 项目名称 | 项目总额 | 其中：财政资金 | 其他资金 | 绩效目标 | 一级指标 | 二级指标 | 三级指标 | 绩效指标性质 | 本年绩效指标值 | 绩效度量单位
//! ```
//!
//! The extractor writes a row's cells in the order the PDF draws them,
//! cell after cell from left to right, and starts a new line where the
//! baseline drops. Read in order, the pieces of an indicator row are its
//! cells in order, however the lines mix them:
//!
//! ```text
//! 满意度指标 服务对象满意度        一级指标, 二级指标 begun
//! 指标 各相关单位对扫黄打非        二级指标 ended, 三级指标 begun
//! 工作满意度 ≥ 90 %                三级指标 ended, 性质, 指标值, 单位
//! ```
//!
//! So a row is read by its words: the 一级 and 二级 names from the levels'
//! vocabulary, the 三级指标 up to the 性质 (`定性`, `≥`, `＝`), then the value
//! and its unit. A value stated by a comparison is one figure and its unit
//! and ends its line; a value in words (`定性`) goes on over lines up to a
//! blank line or the next row. What stands between one project's last row
//! and the next row is the next project: its name, its funds (the first
//! amounts) and its goal.

use budget_model::Indicator;

use super::sink::Sink;
use super::text_slots::Marked;
use super::value::{clean_value, join_split};
use super::vocab::{ends_level1, goal_label, is_level1, is_level2, level2_prefix};
use crate::front::{join, Piece};
use crate::lex::amount;
use crate::norm::{bracket_net, squeeze};

/// The words of a project table's header: its first line opens with
/// 项目名称 and the header, wrapped over lines, names the levels.
const HEADER_WORDS: &[&str] = &[
    "项目名称",
    "项目总额",
    "其中",
    "财政资金",
    "其他资金",
    "绩效目标",
    "一级指标",
    "二级指标",
    "三级指标",
    "绩效指标性质",
    "指标性质",
    "本年绩效指标值",
    "绩效度量单位",
    "度量单位",
    "指标值确定依据",
];

/// Most lines a project table's header is printed over (narrow columns
/// wrap it a glyph a line: `其` / `他` / `资` / `金`).
const MAX_HEADER_LINES: usize = 16;

/// A character of some header word, or a colon or bracket between them.
fn header_char(c: char) -> bool {
    c.is_whitespace() || "：:（）()".contains(c) || HEADER_WORDS.iter().any(|w| w.contains(c))
}

/// The value columns a project table's header declares after 三级指标.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Columns {
    /// The value is split over 绩效指标性质 | 本年绩效指标值 | 绩效度量单位.
    pub split: bool,
    /// A column 指标值确定依据 follows the value.
    pub basis: bool,
}

/// The project table header beginning at `lines[at]`, if one does: the
/// number of lines it takes and the value columns it declares.
pub(super) fn header(lines: &[(&str, u32)], at: usize) -> Option<(usize, Columns)> {
    if !squeeze(lines[at].0).starts_with("项目名称") {
        return None;
    }
    let mut joined = String::new();
    let mut n = 0;
    for (text, _) in lines.iter().skip(at).take(MAX_HEADER_LINES) {
        if !text.chars().all(header_char) {
            break;
        }
        joined.push_str(&squeeze(text).replace(' ', ""));
        n += 1;
    }
    let names = |w: &str| joined.contains(w);
    let columns = Columns { split: names("性质"), basis: names("依据") };
    let valued = columns.split || names("指标值");
    (names("一级指标") && names("三级指标") && (names("项目总额") || names("财政资金")) && valued)
        .then_some((n, columns))
}

/// Most lines between two of a project table's header lines scattered
/// among the names of the projects (and, on a first page printed before
/// the header's merged cells, its indicator rows and goals).
const SCATTER_LINES: usize = 40;

/// A line of header words only: no row, amount or name prints on it
/// (`其中：`, `标性质`, ` 本年绩`). A level name or its last glyphs
/// (`指标`) may be a row's line.
fn header_words_line(text: &str) -> bool {
    let t = squeeze(text);
    !t.is_empty()
        && text.chars().all(header_char)
        && !(is_level1(&t) || is_level2(&t) || ends_level1(&t) || t == "指标")
}

/// A project table printed in a spreadsheet's order: its header's words
/// scattered over lines of their own among the projects' names
/// (`其中：` / `项目名称` / `11000021T00` / … / ` 绩效指` / `标性质`), the
/// indicator rows all printed before the projects they belong to, whose
/// names, funds and goals follow them. The line the header's words begin
/// at and the value columns they declare.
pub(super) fn scattered_header(lines: &[(&str, u32)]) -> Option<(usize, Columns)> {
    let at = (0..lines.len()).find(|&i| squeeze(lines[i].0) == "项目名称" || header_words_line(lines[i].0))?;
    // The header's lines, each within SCATTER_LINES of the one before.
    let mut joined = String::new();
    let mut last = at;
    for (i, (text, _)) in lines.iter().enumerate().skip(at) {
        if i > last + SCATTER_LINES {
            break;
        }
        if header_words_line(text) {
            joined.push_str(&squeeze(text).replace(' ', ""));
            last = i;
        }
    }
    let names = |w: &str| joined.contains(w);
    let columns = Columns { split: names("性质"), basis: names("依据") };
    let valued = columns.split || names("指标值");
    let project = names("项目名称") && (names("项目总额") || names("财政资金"));
    (project && names("一级指标") && names("三级指标") && valued).then_some((at, columns))
}

/// Reads the indicator rows of a table in a spreadsheet's order
/// ([`scattered_header`]) from `marked[0]`, the first line of its header's
/// words. The rows print before the projects they belong to, with nothing
/// that tells which: each row's project is left blank, with one finding.
pub(super) fn read_unordered(marked: &[Marked<'_>], columns: Columns, sink: &mut Sink<'_>) {
    let lines: Vec<(&str, u32)> = marked.iter().map(|l| (l.text, l.page)).collect();
    let bits = bits(marked, &lines, |l, i| header_words_line(l[i].0).then_some(1));
    let mut level1 = String::new();
    let mut rows = 0;
    walk(&bits, columns, |part| {
        if let Part::Row(row) = part {
            read_row(row, columns, &Project::default(), &mut level1, sink);
            rows += 1;
        }
    });
    if let Some(page) = lines.first().map(|l| l.1).filter(|_| rows > 0) {
        let message = format!(
            "{rows} indicator rows print before the projects they belong to (a spreadsheet's order): \
             their project is left blank, and the projects' names, funds and goals are not read"
        );
        sink.finding(page, message);
    }
}

/// The 性质 of a value printed in a column of its own: a comparison, or a
/// word saying the value is in words.
pub(super) fn is_direction(piece: &str) -> bool {
    COMPARISONS.contains(&piece) || IN_WORDS.contains(&piece)
}

const COMPARISONS: &[&str] = &["≥", "≤", "＝", "=", ">", "<", "＞", "＜", "≧", "≦", ">=", "<=", "＞＝", "＜＝"];
const IN_WORDS: &[&str] = &["定性", "定量"];

/// Most characters of a unit printed after a value in words (`级`).
const MAX_MEASURE_CHARS: usize = 4;

/// A piece of the table's text, with where its line stands.
#[derive(Clone, Copy)]
pub(super) struct Bit<'a> {
    piece: Piece<'a>,
    /// It opens its line.
    opens_line: bool,
    /// It opens a line after a blank line or a header: no value in words
    /// goes on past it.
    after_break: bool,
}

/// The pieces of the table's lines, the header (`header` gives its
/// length where one begins) printed again on each page left out.
pub(super) fn bits<'a>(
    marked: &[Marked<'a>],
    lines: &[(&'a str, u32)],
    header: impl Fn(&[(&str, u32)], usize) -> Option<usize>,
) -> Vec<Bit<'a>> {
    let mut out = Vec::new();
    let mut after_header = false;
    let mut i = 0;
    while i < lines.len() {
        if let Some(n) = header(lines, i) {
            i += n;
            after_header = true;
            continue;
        }
        let words: Vec<&str> = lines[i].0.split_whitespace().collect();
        for (k, &text) in words.iter().enumerate() {
            let after_break = k == 0 && (marked[i].after_blank || after_header);
            // A value's last glyphs run into the next row's 一级指标
            // (`法成本指标 经济成本指标 …`): two pieces.
            let next = words.get(k + 1).copied().unwrap_or_default();
            let cut = is_level2(next) && !is_level1(text) && !is_level2(text);
            let split = cut.then(|| (1..text.len()).find(|&at| text.is_char_boundary(at) && is_level1(&text[at..])));
            let at = split.flatten().unwrap_or(0);
            if at > 0 {
                out.push(Bit {
                    piece: Piece { text: &text[..at], line: i, page: lines[i].1 },
                    opens_line: k == 0,
                    after_break,
                });
            }
            out.push(Bit {
                piece: Piece { text: &text[at..], line: i, page: lines[i].1 },
                opens_line: k == 0 && at == 0,
                after_break: after_break && at == 0,
            });
        }
        after_header = false;
        i += 1;
    }
    out
}

fn texts<'a>(bits: &[Bit<'a>]) -> Vec<Piece<'a>> {
    bits.iter().map(|b| b.piece).collect()
}

/// True when an indicator row begins at `bits[at]`: a 一级指标 followed by
/// a 二级指标 (anywhere in a line: the goal's last line may share it,
/// `活 产出指标 数量指标 …`), or a line opening with a 二级指标 (the 一级指标
/// merged over the rows above).
fn opens_row(bits: &[Bit<'_>], at: usize) -> bool {
    let pieces = texts(&bits[at..bits.len().min(at + LEVEL_PIECES + 1)]);
    let known_level2 = |from: usize| level2_at(&pieces, from).is_some_and(|(_, _, known)| known);
    (is_level1(pieces[0].text) && known_level2(1)) || (bits[at].opens_line && known_level2(0))
}

/// What [`walk`] hands on.
pub(super) enum Part<'p, 'a> {
    /// The pieces before a row, since the last row ended.
    Between(&'p [Piece<'a>]),
    /// A row's pieces.
    Row(&'p [Piece<'a>]),
    /// The pieces after the last row.
    After(&'p [Piece<'a>]),
}

/// Walks the rows of `bits` ([`opens_row`], [`row_end`]), handing on each
/// row and the text between rows, in order.
pub(super) fn walk(bits: &[Bit<'_>], columns: Columns, mut take: impl FnMut(Part<'_, '_>)) {
    let pieces = texts(bits);
    let mut head = 0;
    let mut k = 0;
    while k < bits.len() {
        if !opens_row(bits, k) {
            k += 1;
            continue;
        }
        if head < k {
            take(Part::Between(&pieces[head..k]));
        }
        let end = row_end(bits, k, columns);
        take(Part::Row(&pieces[k..end]));
        k = end;
        head = end;
    }
    if head < bits.len() {
        take(Part::After(&pieces[head..]));
    }
}

/// Reads the table from its header on: `marked[0]` is the header's first
/// line.
pub(super) fn read(marked: &[Marked<'_>], sink: &mut Sink<'_>) {
    let lines: Vec<(&str, u32)> = marked.iter().map(|l| (l.text, l.page)).collect();
    let Some((_, columns)) = header(&lines, 0) else { return };
    let bits = bits(marked, &lines, |l, i| header(l, i).map(|(n, _)| n));
    let mut project = Project::default();
    let mut level1 = String::new();
    // The pages of projects whose 财政资金 and 其他资金 are in doubt.
    let mut in_doubt: Vec<u32> = Vec::new();
    walk(&bits, columns, |part| match part {
        Part::Between(between) => {
            if let Some(next) = Project::read(between, sink) {
                project = next;
                if project.in_doubt {
                    in_doubt.push(between[0].page);
                }
            }
        }
        Part::Row(row) => {
            let pieces = without_repeated_head(row.to_vec(), &project);
            read_row(&pieces, columns, &project, &mut level1, sink);
        }
        Part::After(after) => after_rows(after, sink),
    });
    if let Some(&page) = in_doubt.first() {
        let n = in_doubt.len();
        sink.finding(
            page,
            format!("{n} projects print two amounts, 项目总额 and one fund: 财政资金 and 其他资金 left unread"),
        );
    }
}

/// Reports the text after a table's last indicator row, which no row takes.
pub(super) fn after_rows(after: &[Piece<'_>], sink: &mut Sink<'_>) {
    let text = join(after);
    sink.finding(after[0].page, format!("text after the last indicator row left unread: `{text}`"));
}

/// The end of the row beginning at `bits[at]`: the end of the line holding
/// the figure of a comparison, unless its unit leaves a bracket open
/// (`个（台、套、件` / `、辆）`); after a value in words, or in a table
/// without a 性质 column, a line after a blank line or a header; in any
/// case the next row.
fn row_end(bits: &[Bit<'_>], at: usize, columns: Columns) -> usize {
    let (mut in_words, mut compared, mut figure) = (!columns.split, false, false);
    let mut open = 0i32;
    // A row opened by its 一级指标 takes the 二级指标 after it, though that
    // opens a line of its own (`产出指标` / `数量指标` / `市政府常务会议场次 …`).
    let pieces = texts(&bits[at..bits.len().min(at + LEVEL_PIECES + 1)]);
    let levels_end = match level2_at(&pieces, 1) {
        Some((_, n, true)) if is_level1(pieces[0].text) => at + 1 + n,
        _ => at + 1,
    };
    for (j, b) in bits.iter().enumerate().skip(at) {
        let ended = b.opens_line && ((figure && open <= 0) || (in_words && b.after_break));
        // Right after the levels comes the row's 三级指标, even where it opens
        // with a 二级指标's name (`社会效益` / `——营造安全生产社会氛围`): a row
        // of levels alone is none. A 一级指标 there still opens the next row.
        let next_row = opens_row(bits, j) && (j > levels_end || is_level1(b.piece.text));
        if j >= levels_end && (ended || next_row) {
            return j;
        }
        let piece = b.piece.text;
        if compared {
            figure = true;
            open += bracket_net(piece);
        } else if COMPARISONS.contains(&piece) && !in_words {
            compared = true;
        } else if IN_WORDS.contains(&piece) {
            in_words = true;
        }
    }
    bits.len()
}

/// The project rows belong to: its name as printed.
#[derive(Default)]
struct Project {
    name: String,
    /// Its funds as printed.
    funds: Vec<String>,
    /// Its funds print two amounts: which fund the second is, is in doubt.
    in_doubt: bool,
}

impl Project {
    /// The project printed on `pieces`, the text since the last row: its name, the
    /// first amounts (项目总额, then 财政资金 and 其他资金 where printed),
    /// then its goal. Its funds become its fields. Text without amounts
    /// names no project: reported, and the rows after it stay with the
    /// project before.
    fn read(pieces: &[Piece<'_>], sink: &mut Sink<'_>) -> Option<Project> {
        let page = pieces[0].page;
        let Some(first) = (0..pieces.len()).find(|&k| opens_funds(pieces, k)) else {
            let text = join(pieces);
            sink.finding(
                page,
                format!("text between indicator rows, with no project's amounts, left unread: `{text}`"),
            );
            return None;
        };
        let name = join(&pieces[..first]);
        let funds: Vec<&str> =
            pieces[first..].iter().map(|p| p.text).take_while(|t| amount(t).is_some()).take(3).collect();
        let goal = join(&pieces[first + funds.len()..]);
        if name.is_empty() {
            sink.finding(page, format!("a project with funds {} has no name printed", funds.join(" ")));
        }
        let in_doubt = fund_fields(&name, &funds, page, sink);
        // The goal is text; a goal label alone (`年度目标1`) names the rows' goal.
        sink.goal = goal_label(&goal).unwrap_or_default();
        let funds = funds.iter().map(|f| f.to_string()).collect();
        Some(Project { name, funds, in_doubt })
    }
}

/// A row's pieces without its project's name, funds and goal, printed
/// again beside the row after a page break and run into its last cell
/// (`… 年度工作计划殡葬改革专项经费 160.000000 120.000000 40.000000 推进节地生态安葬`):
/// the funds as the project printed them, the rest of their line (the
/// goal) and, before them, the project's name.
fn without_repeated_head<'a>(mut pieces: Vec<Piece<'a>>, project: &Project) -> Vec<Piece<'a>> {
    let n = project.funds.len();
    if n == 0 || project.name.is_empty() {
        return pieces;
    }
    let Some(at) = (0..pieces.len().saturating_sub(n - 1))
        .find(|&k| pieces[k..k + n].iter().zip(&project.funds).all(|(p, f)| p.text == f))
    else {
        return pieces;
    };
    let line = pieces[at + n - 1].line;
    let end = (at + n..pieces.len()).find(|&k| pieces[k].line != line).unwrap_or(pieces.len());
    pieces.drain(at..end);
    // The name before the funds: its own pieces, or the end of the piece before.
    let mut rest = project.name.as_str();
    let mut k = at;
    while k > 0 && !rest.is_empty() {
        let p = &mut pieces[k - 1];
        if let Some(left) = rest.strip_suffix(p.text) {
            rest = left;
            pieces.remove(k - 1);
            k -= 1;
        } else if let Some(own) = p.text.strip_suffix(rest) {
            p.text = own;
            rest = "";
        } else {
            break;
        }
    }
    pieces
}

/// True when the funds begin at `pieces[at]`: an amount with a point, or
/// followed by another, or ending its line (not the `3` of `第 3 页`).
fn opens_funds(pieces: &[Piece<'_>], at: usize) -> bool {
    let p = &pieces[at];
    let next = pieces.get(at + 1).filter(|n| n.line == p.line);
    amount(p.text).is_some() && (p.text.contains('.') || next.is_none_or(|n| amount(n.text).is_some()))
}

/// The fund fields of a project: the first amount is 项目总额; three are
/// 项目总额, 财政资金 and 其他资金 where the first is the sum of the other
/// two. Two leave 财政资金 and 其他资金 in doubt, the blank one leaving no
/// mark: returns true then.
fn fund_fields(project: &str, funds: &[&str], page: u32, sink: &mut Sink<'_>) -> bool {
    let Some(total) = funds.first() else { return false };
    sink.project_field(project, "项目总额", total, page);
    let values: Vec<_> = funds.iter().filter_map(|f| amount(f)).collect();
    match values[..] {
        [t, a, b] if a + b == t => {
            sink.project_field(project, "财政资金", funds[1], page);
            sink.project_field(project, "其他资金", funds[2], page);
        }
        [_] => {}
        [_, _] => return true,
        _ => sink
            .finding(page, format!("project `{project}`: funds {} do not add up; only 项目总额 read", funds.join(" "))),
    }
    false
}

/// Whether a row opens with a name of both levels (`满意度指标`) under
/// another 一级指标, `level1`: as a 二级指标 it lives only under itself, so
/// it is this row's 一级指标.
fn opens_with_both(pieces: &[Piece<'_>], level1: &str) -> bool {
    let first = squeeze(pieces[0].text);
    pieces.len() > 1 && is_level1(&first) && is_level2(&first) && !level1.is_empty() && level1 != first
}

/// The pieces of a row that opens with a name of both levels, its 二级指标
/// run into the 三级指标 after it (`满意度指标 服务对象满意度12345平台座席满意率`)
/// cut from it; `None` where the 二级指标 is printed apart or no known one
/// begins the piece.
fn level2_cut<'a>(pieces: &[Piece<'a>]) -> Option<Vec<Piece<'a>>> {
    let k = level2_prefix(pieces.get(1)?.text)?;
    if level2_at(pieces, 1).is_some() {
        return None;
    }
    let (head, tail) = pieces[1].text.split_at(k);
    let cut = [pieces[0], Piece { text: head, ..pieces[1] }, Piece { text: tail, ..pieces[1] }];
    Some(cut.into_iter().chain(pieces[2..].iter().copied()).collect())
}

/// A row's pieces, its 二级指标 cut from the name run into it where it
/// opens with a name of both levels ([`level2_cut`]), and the place its
/// 二级指标 begins: after the 一级指标 it opens with (`level1` set to it),
/// at its start otherwise (`level1` kept, the merged cell above, unless the
/// row opens with a name of both levels and no 二级指标 after it: the name
/// is both).
pub(super) fn open_row<'a>(pieces: &[Piece<'a>], level1: &mut String) -> (Vec<Piece<'a>>, usize) {
    let both = opens_with_both(pieces, level1);
    let pieces = both.then(|| level2_cut(pieces)).flatten().unwrap_or_else(|| pieces.to_vec());
    if is_level1(pieces[0].text) && level2_at(&pieces, 1).is_some() {
        *level1 = squeeze(pieces[0].text);
        return (pieces, 1);
    }
    if both {
        *level1 = squeeze(pieces[0].text);
    }
    (pieces, 0)
}

/// Reads one indicator row from its lines. A row that opens with its
/// 二级指标 takes the 一级指标 of the row above (a merged cell); one that
/// opens with a name of both levels under another 一级指标 is of that
/// 一级指标 ([`opens_with_both`]), its 二级指标 cut from the name after it
/// where run into it, or the same name where none follows.
fn read_row(pieces: &[Piece<'_>], columns: Columns, project: &Project, level1: &mut String, sink: &mut Sink<'_>) {
    let page = pieces[0].page;
    let row_text = || join(pieces);
    let (pieces, mut at) = open_row(pieces, level1);
    let pieces = &pieces[..];
    let Some((level2, n, _)) = level2_at(pieces, at) else {
        sink.finding(page, format!("indicator row `{}`: no 二级指标 read", row_text()));
        return;
    };
    at += n;
    let mut row =
        Indicator { project: project.name.clone(), level1: level1.clone(), level2, page, ..Indicator::default() };
    if !columns.split {
        let width = 2 + usize::from(columns.basis);
        let cells = cells_by_wraps(&pieces[at..]);
        if cells.len() != width {
            let message = format!(
                "indicator row `{}`: {} cells where the table has {width} after 二级指标; name and value are not told apart",
                row_text(),
                cells.len()
            );
            sink.finding(page, message);
            return;
        }
        row.level3 = join(cells[0]);
        row.value = clean_value(&join(cells[1]));
        row.basis = cells.get(2).map(|c| join(c)).unwrap_or_default();
        sink.indicator(row);
        return;
    }
    let Some(d) = (at..pieces.len()).find(|&k| is_direction(pieces[k].text)) else {
        sink.finding(
            page,
            format!("indicator row `{}`: no 绩效指标性质, so its name and value are not told apart", row_text()),
        );
        return;
    };
    let level3 = join(&pieces[at..d]);
    let direction = pieces[d].text.to_string();
    let rest = &pieces[d + 1..];
    let (target, measure) = if IN_WORDS.contains(&direction.as_str()) {
        // A unit stands after the words, on their line.
        match rest {
            [.., before, last] if before.line == last.line && last.text.chars().count() <= MAX_MEASURE_CHARS => {
                (join(&rest[..rest.len() - 1]), last.text.to_string())
            }
            _ => (join(rest), String::new()),
        }
    } else {
        match rest.split_first() {
            Some((figure, unit)) => (squeeze(figure.text), join(unit)),
            None => (String::new(), String::new()),
        }
    };
    row.value = join_split(&direction, &target, &measure);
    row.level3 = level3;
    (row.direction, row.target, row.measure) = (direction, target, measure);
    sink.indicator(row);
}

/// The cells of a row's pieces where each cell is printed as pieces on
/// lines of its own: a space within a line parts two cells, a line break
/// goes on with the same cell (`城市困难群众` / `基本生活保障 100% 工作计划`).
pub(super) fn cells_by_wraps<'p, 'a>(pieces: &'p [Piece<'a>]) -> Vec<&'p [Piece<'a>]> {
    let mut cells = Vec::new();
    let mut from = 0;
    for k in 1..pieces.len() {
        if pieces[k].line == pieces[k - 1].line {
            cells.push(&pieces[from..k]);
            from = k;
        }
    }
    if from < pieces.len() {
        cells.push(&pieces[from..]);
    }
    cells
}

/// Most pieces a 二级指标 is printed over (`服务对象满意度` / `指标`).
const LEVEL_PIECES: usize = 3;

/// The 二级指标 printed from `pieces[at]`, perhaps wrapped (`服务对象满意度` /
/// `指标`): the longest known name the pieces spell, else a piece ending in
/// 指标. Returns it, the number of pieces it takes and whether it is a
/// known name.
pub(super) fn level2_at(pieces: &[Piece<'_>], at: usize) -> Option<(String, usize, bool)> {
    for n in (1..=LEVEL_PIECES).rev() {
        if at + n > pieces.len() {
            continue;
        }
        let joined: String = pieces[at..at + n].iter().map(|p| p.text).collect();
        if is_level2(&joined) {
            return Some((joined, n, true));
        }
    }
    let first = pieces.get(at)?.text;
    (first.chars().count() >= 4 && first.ends_with("指标") && !is_direction(first))
        .then(|| (first.to_string(), 1, false))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forms::FormsRead;
    use crate::title::parse_title;

    /// The lines of `text` as the text path marks them: a blank line marks
    /// the line after it.
    fn marked(text: &str) -> Vec<Marked<'_>> {
        let lines = crate::front::marked_lines(text);
        lines
            .into_iter()
            .map(|(line, after_blank, opens_right)| Marked { text: line.trim(), page: 3, after_blank, opens_right })
            .collect()
    }

    const TABLE: &str = "项目名称 项目总额 其中： 绩效目标 一级指标 二级指标 三级指标 绩效指标
性质 本年绩效指标值 绩效
度量单位
财政资金 其他
资金

11000022T0000
00438666-档案
数字化服务
 61.600000  60.000000 1.600000
 完成馆藏档案数字化，提高
档案利用效率。
 产出指标 数量指标 数字化档案 ≥ 12 万页

满意度指标 服务对象满意度
指标 档案查阅人员满
意度 ≥ 90 %
效益指标 社会效益指标 档案利用便捷程度 定性 查阅等候时间明
显缩短

成本指标 经济成本指标 单页扫描成本 ≤ 0.35 元
产出指标 质量指标 扫描件验收合格率 ＝ 100 %
项目名称 项目总额 其中： 绩效目标 一级指标 二级指标 三级指标 绩效指标性质 本年绩效指标值 绩效度量单位
财政资金 其他资金

11000024T00000
2845501-库房
设备维护 24.000000 24.000000 保障库房设备正常运行。
 产出指标 数量指标 维护设备 ＝ 36 个（台、
套）
时效指标 维护响应时间 ≤ 2 小时

产出指标 质量指标 设备完好率 定性 完好、运
转正常成本指标 经济成本指标 维护成本 ≤ 24 万元

效益指标 可持续影响指标 库房环境 定性 良好 级
";

    fn read_table(text: &str) -> (FormsRead, Vec<budget_model::Finding>) {
        let title = parse_title("预算表12 项目支出绩效目标表").expect("title");
        let mut findings = Vec::new();
        let mut sink = Sink::new(&title, &mut findings);
        read(&marked(text), &mut sink);
        let read = sink.finish(&title);
        (read, findings)
    }

    /// The rows a table of the Beijing header over `body` gives, each as
    /// `一级指标 | 二级指标 | 三级指标 | 指标值`.
    fn level_rows(body: &str) -> Vec<String> {
        let head =
            "项目名称 项目总额 其中： 绩效目标 一级指标 二级指标 三级指标 绩效指标性质 本年绩效指标值 绩效度量单位
财政资金 其他资金

";
        let (read, _) = read_table(&format!("{head}{body}"));
        read.indicators
            .iter()
            .map(|i| [&i.level1, &i.level2, &i.level3, &i.value].map(|s| s.as_str()).join(" | "))
            .collect()
    }

    /// A 三级指标 opening with a 二级指标's name, wrapped in its cell
    /// (`社会效益` / `——营造安` / `全生产社会` / `氛围`), is the row's 三级指标
    /// after its wrapped 二级指标 (`社会效益指` / `标`), not a row of its own.
    #[test]
    fn a_third_level_opening_with_a_second_levels_name_stays_in_its_row() {
        let rows = level_rows(
            "11000022T000
000447090-安
全检查
 67.786000 67.786000
 年度目标：贯彻落
实。
 产出指标 时效指标 完成时间 ≤ 12 月

效益指标 社会效益指
标
 社会效益
——营造安
全生产社会
氛围
 定性 好

满意度指标 服务对象满
意度指标 社会公众投
诉次数 ≤ 20 次
",
        );
        assert_eq!(
            rows,
            [
                "产出指标 | 时效指标 | 完成时间 | ≤12月",
                "效益指标 | 社会效益指标 | 社会效益——营造安全生产社会氛围 | 好",
                "满意度指标 | 服务对象满意度指标 | 社会公众投诉次数 | ≤20次",
            ]
        );
    }

    /// `满意度指标` opening a row under another 一级指标 is the row's
    /// 一级指标, not a 二级指标 under the one above: with its 二级指标 run into
    /// the 三级指标 (`服务对象满意度学生满意度`, a cell printed past its rule)
    /// the two are cut apart; with no 二级指标 the name is both. The next
    /// row's own 一级指标 is read again.
    #[test]
    fn satisfaction_opening_a_row_is_its_first_level() {
        let rows = level_rows(
            "11000024T000
002814312-学
生资助
 82.440000 82.440000
 做好学生的资助工
作。
 产出指标 时效指标 发放时效 定性 优

效益指标 社会效益指标 对符合条件学生的资助工作 定性 优
满意度指标 服务对象满意度学生满意度 ≥ 90 %
产出指标 质量指标 资助发放标准准确率 ＝ 100 %
效益指标 社会效益指标 资助覆盖面 定性 优
满意度指标 家长满意度 ≥ 95 %
",
        );
        assert_eq!(
            rows,
            [
                "产出指标 | 时效指标 | 发放时效 | 优",
                "效益指标 | 社会效益指标 | 对符合条件学生的资助工作 | 优",
                "满意度指标 | 服务对象满意度 | 学生满意度 | ≥90%",
                "产出指标 | 质量指标 | 资助发放标准准确率 | 100%",
                "效益指标 | 社会效益指标 | 资助覆盖面 | 优",
                "满意度指标 | 满意度指标 | 家长满意度 | ≥95%",
            ]
        );
    }

    #[test]
    fn a_project_tables_rows_are_read_by_their_words() {
        let (read, findings) = read_table(TABLE);
        let rows: Vec<String> = read
            .indicators
            .iter()
            .map(|i| {
                [&i.project, &i.level1, &i.level2, &i.level3, &i.value, &i.direction, &i.target, &i.measure]
                    .map(|s| s.as_str())
                    .join(" | ")
            })
            .collect();
        let first = "11000022T000000438666-档案数字化服务";
        let second = "11000024T000002845501-库房设备维护";
        let want = [
            format!("{first} | 产出指标 | 数量指标 | 数字化档案 | ≥12万页 | ≥ | 12 | 万页"),
            format!("{first} | 满意度指标 | 服务对象满意度指标 | 档案查阅人员满意度 | ≥90% | ≥ | 90 | %"),
            format!("{first} | 效益指标 | 社会效益指标 | 档案利用便捷程度 | 查阅等候时间明显缩短 | 定性 | 查阅等候时间明显缩短 | "),
            format!("{first} | 成本指标 | 经济成本指标 | 单页扫描成本 | ≤0.35元 | ≤ | 0.35 | 元"),
            format!("{first} | 产出指标 | 质量指标 | 扫描件验收合格率 | 100% | ＝ | 100 | %"),
            format!("{second} | 产出指标 | 数量指标 | 维护设备 | 36个（台、套） | ＝ | 36 | 个（台、套）"),
            format!("{second} | 产出指标 | 时效指标 | 维护响应时间 | ≤2小时 | ≤ | 2 | 小时"),
            format!("{second} | 产出指标 | 质量指标 | 设备完好率 | 完好、运转正常 | 定性 | 完好、运转正常 | "),
            format!("{second} | 成本指标 | 经济成本指标 | 维护成本 | ≤24万元 | ≤ | 24 | 万元"),
            format!("{second} | 效益指标 | 可持续影响指标 | 库房环境 | 良好 | 定性 | 良好 | 级"),
        ];
        assert_eq!(rows, want);
        let fields: Vec<(&str, &str, &str)> =
            read.fields.iter().map(|f| (f.project.as_str(), f.field.as_str(), f.value.as_str())).collect();
        assert_eq!(
            fields,
            [
                (first, "项目总额", "61.600000"),
                (first, "财政资金", "60.000000"),
                (first, "其他资金", "1.600000"),
                (second, "项目总额", "24.000000"),
            ]
        );
        let messages: Vec<&str> = findings.iter().map(|f| f.message.as_str()).collect();
        assert_eq!(
            messages,
            ["1 projects print two amounts, 项目总额 and one fund: 财政资金 and 其他资金 left unread"]
        );
    }

    /// Each row's project, 二级指标, 三级指标 and value.
    fn project_levels_value(rows: &[Indicator]) -> Vec<String> {
        rows.iter().map(|i| [&i.project, &i.level2, &i.level3, &i.value].map(|s| s.as_str()).join(" | ")).collect()
    }

    /// A spreadsheet's order: the header's words scattered among the
    /// projects' names, every row before the goals, funds and names of the
    /// projects. The rows are read, their project left blank with a finding.
    #[test]
    fn rows_printed_before_their_projects_are_read_without_them() {
        let text = "金额单位：万元
其中：
项目名称
11000021T00
0000126362-
机动车排放
实验室运行
 绩效指
标性质
 本年绩
效指标
值
财政资金 其他资金
 绩效度
量单位
一级指标 二级指标 三级指标绩效目标项目总额 其中：
项目名称 绩效指
标性质

效益指标 社会效益指标 为我市移动源监管提供减排技术
支撑 ＝ 1 项

产出指标 时效指标 项目期限 ＝ 12 月

满意度指标 服务对象满意度
指标 管理部门或服务对象满意度 ＝ 90 %

效益指标 生态效益指标 实现对相关污染源的有效监管，
助推首都环境质量持续改善 定性 优 项

通过本项目实施，保障放废库安全平稳运行。

134.356100

134.356100
";
        let (rows, _, findings) = crate::forms::testing::read_text("预算表12 项目支出绩效目标表", text);
        let rows = project_levels_value(&rows);
        assert_eq!(
            rows,
            [
                " | 社会效益指标 | 为我市移动源监管提供减排技术支撑 | 1项",
                " | 时效指标 | 项目期限 | 12月",
                " | 服务对象满意度指标 | 管理部门或服务对象满意度 | 90%",
                " | 生态效益指标 | 实现对相关污染源的有效监管，助推首都环境质量持续改善 | 优",
            ]
        );
        let messages: Vec<&str> = findings.iter().map(|f| f.message.as_str()).collect();
        assert_eq!(
            messages,
            ["4 indicator rows print before the projects they belong to (a spreadsheet's order): their project is \
              left blank, and the projects' names, funds and goals are not read"]
        );
    }

    /// The form's first page printed before the header's merged cells:
    /// its leaves and rows, the line naming the levels, a goal wrapped over
    /// many lines, then the merged `项目总额`, `其中：`, `项目名称`. The
    /// header's lines are found one after another, each near the one
    /// before.
    #[test]
    fn a_header_scattered_around_a_long_goal_is_found() {
        // From the first of the header's lines to 项目名称 is more than
        // SCATTER_LINES lines, from one to the next fewer.
        let goal = "开展咨询服务，\n".repeat(SCATTER_LINES - 5);
        let text = format!(
            "财政资金 其他资金
产出指标 数量指标 基金业务核查检
查报告 ≥ 1 份
产出指标 质量指标 检查报告合格率 ＝ 100 %
绩效度量单位一级指标 二级指标 三级指标 绩效指标性质 本年绩效指标值绩效目标
{goal}75.984000
项目总额
75.984000
其中：
项目名称
11000022T00000045
1922-国资国企重难
点问题研究
成本指标 经济成本指标 课题研究成本 ≤ 38 万元
"
        );
        let (rows, _, findings) = crate::forms::testing::read_text("预算表12 项目支出绩效目标表", &text);
        let rows = project_levels_value(&rows);
        assert_eq!(
            rows,
            [
                " | 数量指标 | 基金业务核查检查报告 | ≥1份",
                " | 质量指标 | 检查报告合格率 | 100%",
                " | 经济成本指标 | 课题研究成本 | ≤38万元"
            ]
        );
        assert_eq!(findings.len(), 1, "{findings:?}");
        assert!(findings[0].message.starts_with("3 indicator rows print before the projects"));
    }

    #[test]
    fn rows_without_a_project_stay_with_the_project_before() {
        let text = "项目名称 项目总额 财政资金 其他资金 绩效目标 一级指标 二级指标 三级指标 绩效指标性质 本年绩效指标值 绩效度量单位

培训项目 10.00 10.00 完成培训。
产出指标 数量指标 培训人次 ≥ 200 人次

第 3 页
产出指标 时效指标 完成时间 ≤ 11 月
";
        let (read, findings) = read_table(text);
        let projects: Vec<(&str, &str)> =
            read.indicators.iter().map(|i| (i.project.as_str(), i.level3.as_str())).collect();
        assert_eq!(projects, [("培训项目", "培训人次"), ("培训项目", "完成时间")]);
        assert!(findings.iter().any(|f| f.message.contains("no project's amounts") && f.message.contains("第3页")));
    }

    #[test]
    fn a_value_without_a_direction_column_is_the_cell_after_the_name() {
        let text = "项目名称 项目总额 其中：
财政资金 其他资金 绩效目标 一级指标 二级指标 三级指标 指标值 指标值确定依据

殡葬改革专项经费 160.00 120.00 40.00 推进节地生态安葬 产出指标 数量指标 生态安葬补贴
人数 ≥600人 年度工作计划

效益指标 生态效益指标 节约墓地面积 ≥1500平方米 年度工作计划殡葬改革专项经费 160.00 120.00 40.00 推进节地生态安葬
 满意度指标 服务对象满意度
指标 群众满意度 ≥90% 年度
工作计划
";
        let (read, findings) = read_table(text);
        let rows: Vec<[&str; 5]> = read
            .indicators
            .iter()
            .map(|i| [i.project.as_str(), i.level2.as_str(), i.level3.as_str(), i.value.as_str(), i.basis.as_str()])
            .collect();
        let p = "殡葬改革专项经费";
        assert_eq!(
            rows,
            [
                [p, "数量指标", "生态安葬补贴人数", "≥600人", "年度工作计划"],
                [p, "生态效益指标", "节约墓地面积", "≥1500平方米", "年度工作计划"],
                [p, "服务对象满意度指标", "群众满意度", "≥90%", "年度工作计划"],
            ]
        );
        assert!(findings.is_empty(), "{findings:?}");
    }

    #[test]
    fn a_project_table_header_is_told_by_its_words() {
        let lines = |text: &'static str| -> Vec<(&'static str, u32)> { text.lines().map(|l| (l, 1)).collect() };
        let wrapped = lines("项目名称 项目总额\n 其中：\n 绩效目标 一级指标 二级指标 三级指标 绩效指标\n性质 本年绩效指标\n值 绩效度量\n单位\n财政资金\n 其\n他\n资\n金\n11000022T0000004");
        assert_eq!(header(&wrapped, 0), Some((11, Columns { split: true, basis: false })));
        let plain = lines("项目名称 项目总额 其中：\n财政资金 其他资金 绩效目标 一级指标 二级指标 三级指标 指标值 指标值确定依据\n城乡低保");
        assert_eq!(header(&plain, 0), Some((2, Columns { split: false, basis: true })));
        // A form's own label and value, and a header of indicators only.
        assert_eq!(header(&lines("项目名称 档案数字化服务\n一级指标 二级指标 三级指标"), 0), None);
        assert_eq!(header(&lines("一级指标 二级指标 三级指标 指标值\n项目名称"), 0), None);
    }
}
