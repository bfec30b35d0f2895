//! Indicator tables in the text of spreadsheet-made PDFs. Such a text
//! prints each page's plain cells first, one row a block (rows parted by
//! blank lines, the cells of a row by spaces), and the cells that were
//! wrapped or merged in the PDF later in the page: after the next table,
//! after a goal heading, after the first column's label. A row thus reads
//! with holes:
//!
//! ```text
//! 效益指标 社会效益指标 完成 部门职责规定      ← 三级指标 missing
//! 满意度指标 群众满意度 ≥95% 工作要求          ← 二级指标 missing
//! ```
//!
//! and its missing cells come later, one block a row:
//!
//! ```text
//! 脱贫成果持续巩固、
//! 乡村振兴工作有效衔
//! 接
//!
//! 满意度指
//! 标
//! ```
//!
//! The reader fills slots: each plain row is a row of slots (一级, 二级,
//! 三级指标, the values the header declares, the basis), some of them
//! missing. The cells printed later are told by their shape (a value,
//! a level name, prose) and matched with the missing slots of the rows
//! before them, in row order, from the last: what the page printed later
//! of the form's other parts comes first and is left over. A level name a
//! row does not print is its row above's (a merged cell). A cell that
//! fits no slot, or a count that does not match, leaves slots blank with
//! a finding: a wrong value is worse than a missing one.

use budget_model::Indicator;

use super::sink::{Sink, Slot};
use super::text_indicators::{header, is_header_words, Header};
use super::value::value_at;
use super::vocab::{
    goal_heading, goal_label, goal_name, is_field_label, is_group_label, is_level1, is_level2, GoalKind,
};
use crate::norm::squeeze;

/// A line of a form with the marks the text gave it.
#[derive(Debug, Clone, Copy)]
pub(super) struct Marked<'a> {
    pub text: &'a str,
    pub page: u32,
    /// A blank line comes before it: it opens a row's block.
    pub after_blank: bool,
    /// It begins with a space: a cell of the block's row, not the rest of
    /// a wrapped cell.
    pub opens_right: bool,
}

/// One slot of a row.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Cell {
    /// Printed with the row.
    Own(String),
    /// Printed later: to be filled.
    Missing,
    /// A level cell merged with the row above's.
    Carried,
    /// Nothing to put there.
    Blank,
    /// Missing when the form's text ended: the next form's text may print it.
    Open,
}

/// What kind of cell a slot takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Level,
    Value,
    Prose,
}

/// A cell printed later, by its shape.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Late {
    Level(String),
    Value(String),
    Prose(String),
}

impl Late {
    fn kind(&self) -> Kind {
        match self {
            Late::Level(_) => Kind::Level,
            Late::Value(_) => Kind::Value,
            Late::Prose(_) => Kind::Prose,
        }
    }

    fn text(self) -> String {
        match self {
            Late::Level(t) | Late::Value(t) | Late::Prose(t) => t,
        }
    }
}

/// A slot of a row already written that its form's text left missing. A
/// form cut by a caption (`年度绩效目标表`) into two pieces prints the
/// first piece's later cells in the second's text: the second piece fills
/// these.
#[derive(Debug, Clone)]
pub(crate) struct OpenSlot {
    /// The row's index among the rows read before.
    pub(crate) at: usize,
    field: Field,
    kind: Kind,
}

/// Where an open slot's cell goes.
#[derive(Debug, Clone, Copy)]
enum Field {
    Level1,
    Level2,
    Level3,
    Value(Slot),
    Basis,
}

impl Field {
    fn put(self, row: &mut Indicator, text: String) {
        match self {
            Field::Level1 => row.level1 = text,
            Field::Level2 => row.level2 = text,
            Field::Level3 => row.level3 = text,
            Field::Value(slot) => slot.put(row, text),
            Field::Basis => row.basis = text,
        }
    }
}

/// The rows the form before this one wrote and its open slots.
#[derive(Debug)]
pub(super) struct Earlier<'e> {
    pub open: Vec<OpenSlot>,
    pub rows: &'e mut Vec<Indicator>,
}

/// An indicator table: its goal and columns.
#[derive(Debug, Clone)]
struct Table {
    goal: String,
    slots: Vec<Slot>,
    basis: bool,
}

/// A row of slots: 一级, 二级, 三级指标, the values, the basis (when the
/// table has one).
#[derive(Debug, Clone)]
struct Row {
    table: usize,
    cells: Vec<Cell>,
    page: u32,
    /// Some of its values were printed with it, some later: which column
    /// each is in cannot be told.
    unplaced: bool,
}

impl Row {
    fn kind(at: usize, values: usize) -> Kind {
        match at {
            0 | 1 => Kind::Level,
            2 => Kind::Prose,
            k if k < 3 + values => Kind::Value,
            _ => Kind::Prose,
        }
    }
}

/// The reading of one form's indicator part.
#[derive(Debug, Default)]
struct Reading<'e> {
    /// The slots the form before left open, while no run has been read.
    earlier: Option<Earlier<'e>>,
    tables: Vec<Table>,
    rows: Vec<Row>,
    /// The cells printed later since the last plain row.
    run: Vec<Late>,
    /// How many later cells found their slot.
    filled: usize,
    /// How many later cells were read.
    late_seen: usize,
    findings: Vec<(u32, String)>,
    /// Goal headings met (`长期目标 1： 聚焦…`): goal, text, page.
    headings: Vec<(String, String, u32)>,
}

/// Reads the indicator tables of a form from `lines` (from the first
/// table's header on), filling the slots `earlier` left open. Returns
/// false, leaving `sink` untouched, when the lines do not read as such a
/// text: no plain row had a cell printed later, unless the form ends
/// after rows with holes (a form cut by a caption, whose later cells the
/// next piece prints).
pub(super) fn read(lines: &[Marked<'_>], earlier: Option<Earlier<'_>>, sink: &mut Sink<'_>) -> bool {
    let plain: Vec<(&str, u32)> = lines.iter().map(|l| (l.text, l.page)).collect();
    let mut r = Reading { earlier: earlier.filter(|e| !e.open.is_empty()), ..Reading::default() };
    let mut i = 0;
    while i < lines.len() {
        if let Some((h, n)) = table_header(&plain, i) {
            r.close_run();
            let kind = GoalKind::of(lines[i].text).or(sink.goal_kind);
            r.open_table(&h, kind);
            i += n;
            continue;
        }
        let end = (i + 1..lines.len()).find(|&j| lines[j].after_blank).unwrap_or(lines.len());
        r.block(&lines[i..end]);
        i = end;
    }
    let late_seen = r.late_seen;
    r.close_run_at_end();
    let open = r.rows.iter().any(|row| row.cells.contains(&Cell::Open));
    // Rows with holes and nothing after them: a form cut by a caption.
    let cut = r.rows.len() >= 2 && open && late_seen == 0;
    if r.rows.is_empty() || (r.filled == 0 && !cut) {
        return false;
    }
    r.emit(sink);
    true
}

/// The indicator header at `lines[at]`, if one begins there, and the
/// lines it takes. A line of years alone (`2020年 2021年`, printed later
/// for another table) after a header of one value column, which names no
/// years, is left out of it.
fn table_header(plain: &[(&str, u32)], at: usize) -> Option<(Header, usize)> {
    let (h, n) = header(plain, at)?;
    let years = |t: &str| {
        t.split_whitespace()
            .all(|p| p.strip_suffix('年').is_some_and(|y| y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit())))
    };
    let cut = (at + 1..at + n).find(|&j| years(plain[j].0));
    match cut.and_then(|j| header(&plain[..j], at)) {
        Some((before, m)) if before.full_slots().len() == 1 => Some((before, m)),
        _ => Some((h, n)),
    }
}

impl Reading<'_> {
    /// A new table under header `h`, its goal named by its kind when known
    /// (the n-th 长期 table is 长期目标n).
    fn open_table(&mut self, h: &Header, kind: Option<GoalKind>) {
        let goal = match kind {
            Some(k) => {
                let n = self.tables.iter().filter(|t| GoalKind::of(&t.goal) == Some(k)).count();
                goal_name(k, n as u32 + 1)
            }
            None => h.goal.clone().unwrap_or_default(),
        };
        self.tables.push(Table { goal, slots: h.full_slots(), basis: h.full_basis() });
    }

    /// Names the goal of the last table when its header did not: from a
    /// goal heading (`长期目标 1： 聚焦…`) or the label of its first column
    /// (`长期绩效指` / `标`) printed after it.
    fn name_goal(&mut self, heading: Option<String>, kind: Option<GoalKind>) {
        let n = self.tables.len();
        let Some(last) = self.tables.last() else { return };
        if !last.goal.is_empty() {
            return;
        }
        let goal = heading.or_else(|| {
            let kind = kind?;
            let before = self.tables[..n - 1].iter().filter(|t| GoalKind::of(&t.goal) == Some(kind)).count();
            Some(goal_name(kind, before as u32 + 1))
        });
        if let Some(goal) = goal {
            self.tables[n - 1].goal = goal;
        }
    }

    /// One block of lines (a row's, or cells printed later).
    fn block(&mut self, block: &[Marked<'_>]) {
        let mut lines: Vec<&Marked<'_>> = Vec::new();
        for l in block {
            match goal_heading(l.text) {
                Some((goal, text)) => {
                    self.name_goal(Some(goal.clone()), None);
                    self.headings.push((goal, text, l.page));
                }
                None => lines.push(l),
            }
        }
        if lines.is_empty() {
            return;
        }
        let Some(t) = self.tables.len().checked_sub(1) else { return };
        let pieces: Vec<&str> = lines.iter().flat_map(|l| l.text.split_whitespace()).collect();
        let joined = pieces.concat();
        if let Some(kind) =
            ["长期绩效指标", "年度绩效指标"].iter().find(|w| joined.starts_with(**w)).and_then(|w| GoalKind::of(w))
        {
            self.name_goal(None, Some(kind));
        }
        let cells_own_lines = lines.iter().skip(1).all(|l| l.opens_right);
        let in_run = !self.run.is_empty() || lines.len() < block.len();
        if cells_own_lines {
            if let Some((cells, unplaced)) = self.plain_row(t, &pieces, in_run) {
                self.close_run();
                self.rows.push(Row { table: t, cells, page: lines[0].page, unplaced });
                return;
            }
        }
        let cells = late_cells(&pieces);
        self.late_seen += cells.len();
        self.run.extend(cells);
    }

    /// The slots of a plain row from its pieces, each a cell; `None` when
    /// the pieces do not read as a row of table `t`.
    fn plain_row(&self, t: usize, pieces: &[&str], in_run: bool) -> Option<(Vec<Cell>, bool)> {
        let label = (1..=MAX_NAME_PIECES.min(pieces.len())).rev().find(|&m| is_table_label(&pieces[..m].concat()));
        let pieces = &pieces[label.unwrap_or(0)..];
        if pieces.is_empty() {
            return None;
        }
        let above = self.rows.iter().rev().find(|r| r.table == t);
        let level1_above = above.map(|r| self.level1_of(r));
        // A short level name (`服务对象满意度`) is read as the 三级指标 name
        // when the row reads so; as a level name only when it must.
        [true, false].iter().find_map(|&strict| self.row_cells(t, pieces, level1_above.clone(), strict, in_run))
    }

    /// [`Self::plain_row`] with the level names read strictly (ending in
    /// 指标) or not.
    fn row_cells(
        &self,
        t: usize,
        pieces: &[&str],
        level1_above: Option<Option<String>>,
        strict: bool,
        in_run: bool,
    ) -> Option<(Vec<Cell>, bool)> {
        let table = &self.tables[t];
        let (l1, l2, at) = levels(pieces, level1_above.clone(), strict)?;
        if level1_above.is_none() && l1 == Cell::Carried {
            return None;
        }
        let (names, values, after) = split_row(&pieces[at..])?;
        let n = table.slots.len();
        if names.len() > 1 || after.len() > usize::from(table.basis) {
            return None;
        }
        if names.iter().chain(&after).any(|p| !is_name(p)) {
            return None;
        }
        // Prose alone while cells printed later are being read is one of them.
        if in_run && at == 0 && values.is_empty() {
            return None;
        }
        // A row prints a name of its own: values alone were printed later.
        if at == 0 && names.is_empty() {
            return None;
        }
        let mut cells = vec![l1, l2];
        let own = |p: Option<&&str>| p.map_or(Cell::Missing, |p| Cell::Own(p.to_string()));
        cells.push(own(names.first()));
        let k = values.len();
        if k > n {
            return None;
        }
        cells.extend(values.into_iter().map(Cell::Own));
        cells.extend(std::iter::repeat_n(Cell::Missing, n - k));
        if table.basis {
            cells.push(own(after.first()));
        }
        Some((cells, k > 0 && k < n))
    }

    /// The 一级指标 a row stands under, as far as known: its own, else the
    /// one carried down to it.
    fn level1_of(&self, row: &Row) -> Option<String> {
        let mut at = self.rows.iter().position(|r| std::ptr::eq(r, row))?;
        loop {
            match &self.rows[at].cells[0] {
                Cell::Own(s) => return Some(s.clone()),
                Cell::Carried if at > 0 && self.rows[at - 1].table == row.table => at -= 1,
                _ => return None,
            }
        }
    }

    /// Matches the cells printed later with the missing slots, from the
    /// last of both. When some slot finds no cell of its kind, the count
    /// has gone wrong somewhere and no slot is trusted: all stay blank,
    /// with a finding.
    fn close_run(&mut self) {
        if self.run.is_empty() {
            return;
        }
        let run = std::mem::take(&mut self.run);
        let missing = |c: &Cell| *c == Cell::Missing;
        let optional = |row: &Row, k: usize| k == 1 && row.cells[1] == Cell::Carried && row.cells[0] == Cell::Carried;
        let slots: Vec<(usize, usize)> = self
            .rows
            .iter()
            .enumerate()
            .flat_map(|(r, row)| {
                row.cells
                    .iter()
                    .enumerate()
                    .filter(move |(k, c)| missing(c) || optional(row, *k))
                    .map(move |(k, _)| (r, k))
            })
            .collect();
        if !slots.iter().any(|&(r, k)| missing(&self.rows[r].cells[k])) {
            self.fill_earlier(&run);
            return;
        }
        let wants: Vec<Want> = slots
            .iter()
            .map(|&(r, k)| {
                let row = &self.rows[r];
                (Row::kind(k, self.tables[row.table].slots.len()), !missing(&row.cells[k]))
            })
            .collect();
        let run_kinds: Vec<Kind> = run.iter().map(Late::kind).collect();
        if let Some(matched) = match_from_end(&wants, &run_kinds) {
            let first = matched.iter().flatten().next().copied().unwrap_or(run.len());
            for (&(r, k), c) in slots.iter().zip(matched) {
                if let Some(c) = c {
                    self.rows[r].cells[k] = Cell::Own(run[c].clone().text());
                    self.filled += 1;
                }
            }
            self.fill_earlier(&run[..first]);
            return;
        }
        self.earlier = None;
        let slots: Vec<(usize, usize)> = slots.into_iter().filter(|&(r, k)| missing(&self.rows[r].cells[k])).collect();
        for &(r, k) in &slots {
            self.rows[r].cells[k] = Cell::Blank;
        }
        let page = self.rows[slots[0].0].page;
        let message = format!(
            "indicator rows: {} cells printed apart do not match the {} missing ones; left blank",
            run.len(),
            slots.len()
        );
        self.findings.push((page, message));
    }

    /// Fills the slots the form before left open with the cells left over
    /// at the start of this form's first run, matched from the end as in
    /// [`Self::close_run`], all or none.
    fn fill_earlier(&mut self, cells: &[Late]) {
        let Some(earlier) = self.earlier.take() else { return };
        let wants: Vec<Want> = earlier.open.iter().map(|o| (o.kind, false)).collect();
        let cell_kinds: Vec<Kind> = cells.iter().map(Late::kind).collect();
        let Some(matched) = match_from_end(&wants, &cell_kinds) else { return };
        for (o, c) in earlier.open.iter().zip(matched.into_iter().flatten()) {
            if let Some(row) = earlier.rows.get_mut(o.at) {
                o.field.put(row, squeeze(&cells[c].clone().text()).replace(' ', ""));
                self.filled += 1;
            }
        }
    }

    /// Closes the last run; slots still missing without one stay open for
    /// the next form's text.
    fn close_run_at_end(&mut self) {
        self.close_run();
        let open = self.rows.iter().any(|r| r.cells.contains(&Cell::Missing));
        if open {
            self.run.clear();
            let page = self.rows.last().map_or(0, |r| r.page);
            let message = "indicator rows: cells printed apart not found in the form's text; left blank unless \
                           the next form's text holds them";
            self.findings.push((page, message.to_string()));
            for row in &mut self.rows {
                for c in &mut row.cells {
                    if *c == Cell::Missing {
                        *c = Cell::Open;
                    }
                }
            }
        }
    }

    /// Writes the rows, level cells carried down from the row above.
    fn emit(self, sink: &mut Sink<'_>) {
        for (goal, text, page) in &self.headings {
            sink.field(goal, text, *page, None);
        }
        for (page, message) in self.findings {
            sink.finding(page, message);
        }
        let mut above: Option<(usize, String, String)> = None;
        for row in &self.rows {
            let table = &self.tables[row.table];
            let carried = |k: usize| match &above {
                Some((t, l1, l2)) if *t == row.table => [l1, l2][k].clone(),
                _ => String::new(),
            };
            let text = |k: usize| match &row.cells[k] {
                Cell::Own(s) => squeeze(s).replace(' ', ""),
                Cell::Carried => carried(k),
                _ => String::new(),
            };
            let mut ind = Indicator {
                goal: if table.goal.is_empty() { sink.goal.clone() } else { table.goal.clone() },
                level1: text(0),
                level2: text(1),
                level3: text(2),
                page: row.page,
                ..Indicator::default()
            };
            if row.unplaced {
                let message =
                    format!("indicator {:?}: values printed in two places, columns unknown; left blank", ind.level3);
                sink.finding(row.page, message);
            } else {
                for (j, slot) in table.slots.iter().enumerate() {
                    slot.put(&mut ind, text(3 + j));
                }
            }
            if table.basis {
                ind.basis = text(3 + table.slots.len());
            }
            above = Some((row.table, ind.level1.clone(), ind.level2.clone()));
            let at = sink.indicators_mut().len();
            for (k, c) in row.cells.iter().enumerate() {
                if *c == Cell::Open {
                    let field = match k {
                        0 => Field::Level1,
                        1 => Field::Level2,
                        2 => Field::Level3,
                        k if k < 3 + table.slots.len() => Field::Value(table.slots[k - 3]),
                        _ => Field::Basis,
                    };
                    sink.open.push(OpenSlot { at, field, kind: Row::kind(k, table.slots.len()) });
                }
            }
            sink.indicator(ind);
        }
    }
}

/// A slot to match: its kind, and whether it may stay empty (a 二级指标
/// taken as merged with the row above's, which may be the row's own name
/// printed later).
type Want = (Kind, bool);

/// Matches slots with cells of the same kinds, from the last of both: the
/// last slot takes the last cell, and so on; a slot that may stay empty
/// takes a cell of its kind or none. Cells before the matched ones are the
/// later cells of the form's other parts. Returns the cell of each slot
/// when exactly one matching fills every slot that must be filled; `None`
/// when none does (a count gone wrong) or several do.
fn match_from_end(slots: &[Want], cells: &[Kind]) -> Option<Vec<Option<usize>>> {
    let mut found = Vec::new();
    let mut current = vec![None; slots.len()];
    matchings(slots, cells, slots.len(), cells.len(), &mut current, &mut found);
    match found.len() {
        1 => found.pop(),
        _ => None,
    }
}

/// Collects up to two matchings of `slots[..s]` with `cells[..c]`.
fn matchings(
    slots: &[Want],
    cells: &[Kind],
    s: usize,
    c: usize,
    current: &mut Vec<Option<usize>>,
    found: &mut Vec<Vec<Option<usize>>>,
) {
    if found.len() > 1 {
        return;
    }
    let Some(k) = s.checked_sub(1) else {
        found.push(current.clone());
        return;
    };
    let (kind, optional) = slots[k];
    if c > 0 && cells[c - 1] == kind {
        current[k] = Some(c - 1);
        matchings(slots, cells, k, c - 1, current, found);
        current[k] = None;
    }
    if optional {
        matchings(slots, cells, k, c, current, found);
    }
}

/// The level cells opening a row's pieces and how many pieces they take.
/// A new 一级指标 opens a new 二级指标 (missing when not printed with it);
/// `成本指标` / `满意度指标` alone are a 二级指标 under the 一级指标 above,
/// unless `满意度指标` comes under another 一级指标. `strict`: a 二级指标
/// name ends in 指标. `None` when a level name comes where no level cell
/// can be.
fn levels(pieces: &[&str], level1_above: Option<Option<String>>, strict: bool) -> Option<(Cell, Cell, usize)> {
    let own = |p: &str| Cell::Own(p.to_string());
    let is_level2 = |p: &str| is_level2(p) && (!strict || p.ends_with("指标"));
    let first = pieces.first().copied().unwrap_or("");
    let second = pieces.get(1).copied().unwrap_or("");
    let out = if is_level1(first) && is_level2(second) {
        (own(first), own(second), 2)
    } else if is_level1(first) {
        let above = level1_above.clone().flatten();
        let under_above =
            is_level2(first) && above.is_some() && !(first == "满意度指标" && above.as_deref() != Some("满意度指标"));
        if under_above {
            (Cell::Carried, own(first), 1)
        } else {
            (own(first), Cell::Missing, 1)
        }
    } else if is_level2(first) {
        let l1 = if level1_above.is_some() { Cell::Carried } else { Cell::Missing };
        (l1, own(first), 1)
    } else {
        (Cell::Carried, Cell::Carried, 0)
    };
    let rest = &pieces[out.2..];
    if rest.iter().any(|p| is_level1(p) || is_level2(p)) {
        return None;
    }
    Some(out)
}

/// A row's pieces after its level cells: names before the values, the
/// values, pieces after them. `None` when a name comes between values.
fn split_row<'a>(pieces: &[&'a str]) -> Option<(Vec<&'a str>, Vec<String>, Vec<&'a str>)> {
    let mut names = Vec::new();
    let mut values = Vec::new();
    let mut after = Vec::new();
    let mut i = 0;
    while i < pieces.len() {
        if let Some((n, v)) = value_at(pieces, i) {
            if !after.is_empty() {
                return None;
            }
            values.push(v);
            i += n;
            continue;
        }
        if values.is_empty() {
            names.push(pieces[i]);
        } else {
            after.push(pieces[i]);
        }
        i += 1;
    }
    if values.is_empty() && names.len() == 2 {
        after.push(names.pop()?);
    }
    Some((names, values, after))
}

/// The label printed in a table's first column (`长期绩效指标`,
/// `年度绩效指标`), or a goal label (`长期绩效目标 1`).
fn is_table_label(text: &str) -> bool {
    let t = squeeze(text).replace(' ', "");
    t == "长期绩效指标" || t == "年度绩效指标" || goal_label(&t).is_some()
}

/// A piece that may be an indicator's name or basis; not the text of the
/// form's other parts printed among the rows: a goal (`目标1：围绕…`,
/// `长期目标（截至 2024 年）`), a numbered item (`1．贯彻执行…`), a table
/// number (`附表11`), a field label.
fn is_name(piece: &str) -> bool {
    let t = squeeze(piece);
    let numbered = t.chars().next().is_some_and(|c| c.is_ascii_digit())
        && t.trim_start_matches(|c: char| c.is_ascii_digit()).starts_with(['.', '．', '、']);
    !(t.contains('：')
        || t.contains(':')
        || t.contains("截至")
        || t.starts_with("附表")
        || numbered
        || is_field_label(&t)
        || is_group_label(&t))
}

/// Most pieces a name printed later is cut into (`满意度指` / `标`).
const MAX_NAME_PIECES: usize = 4;

/// Most pieces a header printed later is cut into (`指标值确定依` /
/// `据预期当年` / `实现值2021年 2022年`).
const MAX_HEADER_PIECES: usize = 8;

/// The cells of a block printed later, by their shape: the pieces of a
/// table label (`长期绩效指` / `标`), of a goal label or of the header
/// (`指标值确定依` / `据预期当年` / `实现值2021年 2022年`) left out; a level
/// name (`可持续影响指` / `标`); a value (`≤9799.21` / `万元`, `2024年12月底` /
/// `前`); prose, the pieces between those (`《襄阳市预算` / `绩效管理办法` /
/// `》`), a new cell at `《`.
fn late_cells(pieces: &[&str]) -> Vec<Late> {
    let mut out = Vec::new();
    let mut prose = String::new();
    let flush = |prose: &mut String, out: &mut Vec<Late>| {
        if !prose.is_empty() {
            out.push(Late::Prose(std::mem::take(prose)));
        }
    };
    let mut i = 0;
    while i < pieces.len() {
        let joined = |m: usize| -> String { pieces[i..i + m].concat() };
        let longest =
            |max: usize, is: &dyn Fn(&str) -> bool| (1..=max.min(pieces.len() - i)).rev().find(|&m| is(&joined(m)));
        if let Some(m) =
            longest(MAX_NAME_PIECES, &is_table_label).or_else(|| longest(MAX_HEADER_PIECES, &is_header_cut))
        {
            flush(&mut prose, &mut out);
            i += m;
        } else if let Some((m, v)) = value_at(pieces, i) {
            flush(&mut prose, &mut out);
            out.push(Late::Value(v));
            i += m;
        } else if let Some(m) = longest(MAX_NAME_PIECES, &|t| is_level1(t) || is_level2(t)) {
            flush(&mut prose, &mut out);
            out.push(Late::Level(joined(m)));
            i += m;
        } else {
            if pieces[i].starts_with('《') {
                flush(&mut prose, &mut out);
            }
            prose.push_str(pieces[i]);
            i += 1;
        }
    }
    flush(&mut prose, &mut out);
    out
}

/// Pieces of an indicator header printed later: header words naming a
/// value or basis column (`指标值确定依据预期当年实现值2021年`), or two
/// years and more (`2020年2021年`).
fn is_header_cut(text: &str) -> bool {
    if !is_header_words(text) {
        return false;
    }
    let named = ["指标值", "依据", "实现", "近两年"].iter().any(|w| text.contains(w));
    let years = text.matches('年').count() >= 2 && text.chars().all(|c| c.is_ascii_digit() || c == '年');
    named || years
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn late_cells_are_told_by_their_shape() {
        let cases: &[(&[&str], &[Late])] = &[
            (
                &["≤9799.21", "万元", "≤300元", "≤300元"],
                &[Late::Value("≤9799.21万元".into()), Late::Value("≤300元".into()), Late::Value("≤300元".into())],
            ),
            (&["满意度指", "标"], &[Late::Level("满意度指标".into())]),
            (&["长期绩效指", "标", "≥200次"], &[Late::Value("≥200次".into())]),
            (
                &["12台（套）", "《荆州市预算绩效管理办", "法》"],
                &[Late::Value("12台（套）".into()), Late::Prose("《荆州市预算绩效管理办法》".into())],
            ),
            (
                &["生态效益指", "标", "空气质量优良天数比", "例"],
                &[Late::Level("生态效益指标".into()), Late::Prose("空气质量优良天数比例".into())],
            ),
            (&["指标值确定依", "据预期当年", "实现值2021年", "2022年"], &[]),
            (&["2020年", "2021年"], &[]),
            (&["近两年指标值", "《襄阳市预算绩效管理办法", "》"], &[Late::Prose("《襄阳市预算绩效管理办法》".into())]),
            (&["2024年12月底", "前"], &[Late::Value("2024年12月底前".into())]),
        ];
        for (pieces, want) in cases {
            assert_eq!(late_cells(pieces), *want, "{pieces:?}");
        }
    }

    #[test]
    fn slots_match_cells_from_the_end() {
        use Kind::*;
        type Case<'a> = (&'a [Want], &'a [Kind], Option<Vec<Option<usize>>>);
        let cases: &[Case<'_>] = &[
            // Prose of the form's other parts before the cells.
            (
                &[(Value, false), (Value, false), (Prose, false)],
                &[Prose, Prose, Value, Value, Prose],
                Some(vec![Some(2), Some(3), Some(4)]),
            ),
            // A count gone wrong: nothing is trusted.
            (&[(Value, false), (Prose, false), (Value, false)], &[Value, Value], None),
            (&[(Level, false)], &[], None),
            // A 二级指标 taken as merged, printed later after all.
            (
                &[(Value, false), (Level, true), (Value, false), (Level, false)],
                &[Prose, Value, Level, Value, Level],
                Some(vec![Some(1), Some(2), Some(3), Some(4)]),
            ),
            // The first `Level` may be either row's 二级指标.
            (
                &[(Level, false), (Level, true), (Value, false), (Level, false)],
                &[Prose, Level, Level, Value, Level],
                None,
            ),
            (&[(Value, false), (Level, true), (Value, false)], &[Value, Value], Some(vec![Some(0), None, Some(1)])),
            // Two readings: none is trusted.
            (&[(Level, false), (Level, true)], &[Level, Level], None),
        ];
        for (slots, cells, want) in cases {
            assert_eq!(match_from_end(slots, cells), *want, "{slots:?} {cells:?}");
        }
    }

    #[test]
    fn plain_rows_are_split_into_level_name_value_and_basis() {
        type Case<'a> = (&'a [&'a str], Option<(usize, usize, usize)>);
        let cases: &[Case<'_>] = &[
            (&["完成", "部门职责规定"], Some((0, 1, 1))),
            (&["100%"], Some((0, 1, 0))),
            (&["群众满意度", "≥95%", "工作要求"], Some((1, 1, 1))),
            (&["完成项目覆盖单位数", "年度工作计划"], Some((1, 0, 1))),
            (&["人均培训成本"], Some((1, 0, 0))),
            (&["≤300元", "历史标准", "≥90%"], None),
        ];
        for (pieces, want) in cases {
            let got = split_row(pieces).map(|(n, v, a)| (n.len(), v.len(), a.len()));
            assert_eq!(got, *want, "{pieces:?}");
        }
    }

    /// Reads `text` (a line a line, `|` opening a line with a space, an
    /// empty line a blank) as a form's indicator part.
    fn rows(title: &str, text: &str) -> (Vec<Indicator>, usize) {
        let mut lines = Vec::new();
        let mut blank = false;
        for raw in text.lines().map(str::trim) {
            if raw.is_empty() {
                blank = true;
                continue;
            }
            let (opens_right, t) = match raw.strip_prefix('|') {
                Some(t) => (true, t),
                None => (false, raw),
            };
            lines.push(Marked { text: t, page: 1, after_blank: std::mem::take(&mut blank), opens_right });
        }
        let title = crate::title::parse_title(title).expect("a title");
        let mut findings = Vec::new();
        let mut sink = Sink::new(&title, &mut findings);
        assert!(read(&lines, None, &mut sink), "read as a spreadsheet text");
        let read = sink.finish(&title);
        (read.indicators, findings.len())
    }

    /// Rows with holes, the form's other cells printed later (left over),
    /// a goal heading, the held cells, a yearly table cut short.
    #[test]
    fn missing_cells_are_filled_from_those_printed_later() {
        let text = "
            长期绩效指标
            |一级指标 二级指标 三级指标 指标值 指标值确定依据

            产出指标
            |成本指标 人均培训成本 行业标准

            效益指标 社会效益指标 完成 部门职责规定

            满意度指标 群众满意度 ≥95% 工作要求

            第二轮中央生态环境保护
            督察整改资金

            长期目标 1： 聚焦环境监测工作，提升公共服务水平。
            |≤300元

            脱贫成果持续巩固、
            乡村振兴工作有效衔接

            满意度指
            标

            年度绩效指标
            |一级指标 二级指标 三级指标
            |指标值

            近两年指标值

            产出指标
            |成本指标 人均培训成本 年度工作计划

            时效指标 应急事件及时处置 100% 完成 完成 行业标准

            年度目标 1： 聚焦环境监测工作，提升公共服务水平。
            |指标值确定依
            据预期当年
            实现值2021年 2022年

            ≤9799.21
            万元 ≤300元 ≤300元
        ";
        let (got, findings) = rows("整体支出绩效目标表", text);
        crate::forms::testing::assert_rows(
            &got,
            &[
                "长期目标1 | 产出指标 | 成本指标 | 人均培训成本 | ≤300元 | 行业标准 | |",
                "长期目标1 | 效益指标 | 社会效益指标 | 脱贫成果持续巩固、乡村振兴工作有效衔接 | 完成 | 部门职责规定 | |",
                "长期目标1 | 满意度指标 | 满意度指标 | 群众满意度 | ≥95% | 工作要求 | |",
                "年度目标1 | 产出指标 | 成本指标 | 人均培训成本 | ≤300元 | 年度工作计划 | ≤9799.21万元 | ≤300元",
                "年度目标1 | 产出指标 | 时效指标 | 应急事件及时处置 | 完成 | 行业标准 | 100% | 完成",
            ],
        );
        assert_eq!(findings, 0);
    }

    /// Fewer cells printed later than slots: which slot a cell is for
    /// cannot be told, so all stay blank, with a finding.
    #[test]
    fn a_count_gone_wrong_leaves_slots_blank() {
        let text = "
            一级指标 二级指标 三级指标 指标值 指标值确定依据

            产出指标
            |数量指标 设备购置数量 历史标准

            ≥8个

            质量指标 设备完好率

            时效指标 项目完成时间

            2024年12月底前
        ";
        let (got, findings) = rows("长期绩效目标表", text);
        crate::forms::testing::assert_rows(
            &got,
            &[
                "长期目标1 | 产出指标 | 数量指标 | 设备购置数量 | ≥8个 | 历史标准 | |",
                "长期目标1 | 产出指标 | 质量指标 | 设备完好率 | | | |",
                "长期目标1 | 产出指标 | 时效指标 | 项目完成时间 | | | |",
            ],
        );
        assert_eq!(findings, 1);
    }
}
