//! The performance-target forms (整体支出绩效目标表, 项目支出绩效目标表 and
//! the Shanghai 财政项目支出绩效目标填报表): indicator rows and the forms'
//! other fields.
//!
//! A form arrives with its lines and, on PDF pages, its ruled grids. Grids
//! are read cell by cell ([`grid_form`], [`grid_indicators`]); text without
//! layout is read from its lines ([`text_form`], [`text_indicators`]), where
//! value and name boundaries come from the number of value columns the
//! header declares.
//!
//! A project form is often cut by captions the walk takes for titles
//! (`长期绩效目标表`, `年度绩效目标表`): such a piece continues the project
//! form before it.

mod grid_form;
mod grid_indicators;
mod sheet;
mod sink;
#[cfg(test)]
mod testing;
mod text_form;
mod text_indicators;
mod text_joined;
mod text_line_rows;
mod text_named;
mod text_projects;
mod text_scored;
mod text_slots;
mod value;
mod vocab;

use budget_model::{Finding, Line, TableKey};

use crate::grid::Grid;
use crate::title::Title;
pub(crate) use sink::FormsRead;
use sink::Sink;
pub(crate) use vocab::is_level1;
use vocab::GoalKind;

/// What follows a form's title up to the next title: its lines (with their
/// pages; on PDF pages only the text outside ruled grids) and its grids.
pub(crate) struct FormBody<'a, 'g> {
    pub lines: &'a [(Line, u32)],
    pub grids: &'a [&'g Grid],
}

/// Reads one form. `earlier` is what the document's forms before it hold: a
/// piece that continues a project form takes its project from there, and
/// may print cells of the rows before it (filled in there).
pub(crate) fn read_form(
    title: &Title,
    body: &FormBody<'_, '_>,
    earlier: &mut FormsRead,
    findings: &mut Vec<Finding>,
) -> FormsRead {
    let mut sink = Sink::new(title, findings);
    if is_continuation(title) {
        sink.continue_project(last_project(earlier).unwrap_or_default());
    }
    let rows = sheet::rows(body.grids);
    if !rows.is_empty() {
        let lines: Vec<(&str, u32, f32)> = body.lines.iter().map(|(l, p)| (l.text.as_str(), *p, l.top)).collect();
        grid_form::read(&rows, &lines, &mut sink);
    } else {
        let marked: Vec<text_slots::Marked<'_>> = body
            .lines
            .iter()
            .map(|(l, p)| text_slots::Marked {
                text: l.text.as_str(),
                page: *p,
                after_blank: l.after_blank,
                opens_right: l.opens_right,
            })
            .collect();
        let open = std::mem::take(&mut earlier.open);
        let earlier = text_slots::Earlier { open, rows: &mut earlier.indicators };
        text_form::read(&marked, earlier, &mut sink);
    }
    sink.finish(title)
}

/// A caption inside a project form that the walk took for a title:
/// `长期绩效目标表`, `年度绩效目标表`, without a number.
fn is_continuation(title: &Title) -> bool {
    title.key == TableKey::ProjectPerformanceTargets && title.no.is_empty() && GoalKind::of(&title.text).is_some()
}

/// The project of the last project form read.
fn last_project(earlier: &FormsRead) -> Option<String> {
    let key = TableKey::ProjectPerformanceTargets.as_str();
    let from_forms = earlier.fields.iter().rev().find(|f| f.form == key).map(|f| f.project.clone());
    let from_indicators = earlier.indicators.iter().rev().find(|i| i.table_key == key).map(|i| i.project.clone());
    from_forms.or(from_indicators)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_caption_continues_the_project_form() {
        let t = crate::title::parse_title("长期绩效目标表").expect("caption read as a title");
        assert!(is_continuation(&t));
    }
}
